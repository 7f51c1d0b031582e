import { h } from '../dom.js';
import { t } from '../i18n.js';
import { actionTable } from './explorer.js';

/** Upgrade batches: shown once the server serves the batch Actions (CreateOTA*Job, QueryOTAJob, ListOTATaskByJob…). */
export function batchesPage(main, args) {
  main.append(h('h1', {}, t('batches.title')));
  actionTable().then(doc => {
    const served = new Set(doc.actions.map(a => a.name));
    if (!served.has('QueryOTAJob') || !served.has('ListOTAJobByFirmware')) {
      main.append(h('p', { id: 'batches-missing' }, t('batches.missing')));
      return;
    }
    import('./batch-jobs.js').then(m => m.batchJobs(main, args, served));
  });
}
