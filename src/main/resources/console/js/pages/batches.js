import { h } from '../dom.js';
import { t } from '../i18n.js';
import { actionTable } from './explorer.js';

/** The batch Actions, in the order a rollout uses them. */
const BATCH_ACTIONS = ['CreateOTAVerifyJob', 'CreateOTAStaticUpgradeJob', 'CreateOTADynamicUpgradeJob',
  'GenerateDeviceNameListURL', 'ListOTAJobByFirmware', 'QueryOTAJob', 'ListOTATaskByJob', 'UpdateOTAJob',
  'ConfirmOTATask', 'ReupgradeOTATask', 'CancelOTATaskByJob', 'CancelOTATaskByDevice', 'CancelOTAStrategyByJob',
  'ListOTAJobByDevice', 'ListOTAUnfinishedTaskByDevice'];

/**
 * Upgrade batches. The slot for the batch pages (create, list, a batch's live counts and tasks): until they land,
 * this page links each batch Action the server serves to its API Explorer form.
 */
export function batchesPage(main) {
  main.append(h('h1', {}, t('batches.title')));
  actionTable().then(doc => {
    const served = new Set(doc.actions.map(a => a.name));
    const actions = BATCH_ACTIONS.filter(name => served.has(name));
    if (!actions.length) {
      main.append(h('p', { id: 'batches-missing' }, t('batches.missing')));
      return;
    }
    main.append(h('p', { id: 'batches-explorer' }, t('batches.explorer')),
      h('ul', { class: 'links' }, actions.map(name => h('li', {}, h('a', { href: `#explorer/${name}` }, name)))));
  });
}
