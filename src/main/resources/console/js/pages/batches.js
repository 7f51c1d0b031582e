import { h, field, checkbox, errorBox, notice, table, onSubmit } from '../dom.js';
import { t } from '../i18n.js';
import { call, items } from '../api.js';
import { postForm } from '../upload.js';
import { pager } from './products.js';

const PAGE_SIZE = 20;
const REFRESH_MILLIS = 3000;
/** The task states, in the order a task moves through them (ota-api.md §A.4). */
export const TASK_STATES = ['CONFIRM', 'QUEUED', 'NOTIFIED', 'IN_PROGRESS', 'SUCCEEDED', 'FAILED', 'CANCELED'];
const FINISHED = ['SUCCEEDED', 'FAILED', 'CANCELED'];
const CREATORS = { verify: 'CreateOTAVerifyJob', static: 'CreateOTAStaticUpgradeJob', dynamic: 'CreateOTADynamicUpgradeJob' };
/** ConfirmOTATask and ReupgradeOTATask take at most 10 TaskIds per call. */
const TASKS_PER_CALL = 10;

/** #batches (a package's batches and the create form), #batches/<FirmwareId>, #batches/job/<JobId> (one batch, live). */
export function batchesPage(main, args) {
  if (args[0] === 'job' && args[1]) {
    return batchPage(main, args[1]);
  }
  return batchListPage(main, args[0]);
}

/** Repeat-list values from a textarea, one per line, blanks dropped; flattened as the SDKs send them (Name.1, Name.2). */
function lines(textarea) {
  return textarea.value.split('\n').map(s => s.trim()).filter(Boolean);
}

function putList(params, name, values) {
  values.forEach((v, i) => { params[`${name}.${i + 1}`] = v; });
}

/** Tag.N.Key / Tag.N.Value from "Key=Value" lines; a line without "=" sends the Key alone and the API says why not. */
function putTags(params, textarea) {
  lines(textarea).forEach((line, i) => {
    const at = line.indexOf('=');
    params[`Tag.${i + 1}.Key`] = at < 0 ? line : line.slice(0, at).trim();
    if (at >= 0) {
      params[`Tag.${i + 1}.Value`] = line.slice(at + 1).trim();
    }
  });
}

function millis(input) {
  return input.value ? String(new Date(input.value).getTime()) : '';
}

function select(name, options, selected) {
  return h('select', { name }, options.map(([value, label]) => h('option', { value, selected: value === selected }, label)));
}

/** Every package of the account (ListOTAFirmware, 100 a page), for the package choice. */
async function allPackages() {
  const out = [];
  for (let page = 1; ; page++) {
    const r = await call('ListOTAFirmware', { CurrentPage: page, PageSize: 100 });
    out.push(...items(r.FirmwareInfo, 'SimpleFirmwareInfo'));
    if (page >= (r.PageCount || 1)) {
      return out;
    }
  }
}

function batchListPage(main, firmwareArg) {
  main.append(h('h1', {}, t('batches.title')));
  const messages = h('div', { 'aria-live': 'polite', id: 'batch-messages' });
  const list = h('div', { id: 'batch-list' });
  const packageSelect = h('select', { id: 'batch-package', name: 'FirmwareId' });
  const packages = new Map();
  const chosen = () => packages.get(packageSelect.value);

  const kind = select('kind', [['static', t('batches.kind.static')], ['dynamic', t('batches.kind.dynamic')],
    ['verify', t('batches.kind.verify')]], 'static');
  kind.id = 'batch-kind';
  const selection = select('TargetSelection', ['ALL', 'SPECIFIC', 'GRAY', 'GROUP'].map(s => [s, t('batches.sel.' + s)]), 'SPECIFIC');
  const deviceNames = h('textarea', { name: 'TargetDeviceName', rows: 3, spellcheck: 'false' });
  const deviceList = h('input', { type: 'file', name: 'DnListFile', accept: '.csv,.txt,text/csv,text/plain' });
  const gray = h('input', { name: 'GrayPercent', inputmode: 'decimal' });
  const groupId = h('input', { name: 'GroupId' });
  const groupType = h('input', { name: 'GroupType' });
  const srcVersions = h('textarea', { name: 'SrcVersion', rows: 2, spellcheck: 'false' });
  const dynamicMode = select('DynamicMode', [['', t('batches.default')], ['1', t('batches.dynamic.1')], ['2', t('batches.dynamic.2')]], '');
  const schedule = h('input', { type: 'datetime-local', name: 'ScheduleTime' });
  const scheduleFinish = h('input', { type: 'datetime-local', name: 'ScheduleFinishTime' });
  const timeout = h('input', { type: 'number', name: 'TimeoutInMinutes', min: 1, max: 1440, step: 1 });
  const retryInterval = select('RetryInterval', [['', t('batches.none')], ...['0', '10', '30', '60', '1440'].map(v => [v, v])], '');
  const retryCount = select('RetryCount', [['', t('batches.none')], ['1', '1'], ['2', '2'], ['5', '5']], '');
  const perMinute = h('input', { type: 'number', name: 'MaximumPerMinute', min: 10, max: 10000, step: 1 });
  const overwrite = select('OverwriteMode', [['', t('batches.default')], ['1', t('batches.overwrite.1')], ['2', t('batches.overwrite.2')]], '');
  const needConfirm = h('input', { type: 'checkbox', name: 'NeedConfirm' });
  const needPush = h('input', { type: 'checkbox', name: 'NeedPush', checked: true });
  const multiModule = h('input', { type: 'checkbox', name: 'MultiModuleMode' });
  const protocol = select('DownloadProtocol', [['HTTPS', 'HTTPS'], ['MQTT', 'MQTT']], 'HTTPS');
  const tags = h('textarea', { name: 'Tag', rows: 2, spellcheck: 'false' });

  // Each field says for which batch kinds (and, for static batches, which target selections) it applies.
  const ALL = 'verify static dynamic';
  const UPGRADE = 'static dynamic';
  const fields = [
    [ALL, null, field(t('batches.package'), packageSelect)],
    ['static', null, field(t('batches.selection'), selection)],
    ['verify static', 'SPECIFIC', field(t('batches.devices'), deviceNames, t('batches.devices.hint'))],
    ['static', 'SPECIFIC', field(t('batches.deviceList'), deviceList, t('batches.deviceList.hint'))],
    ['static', 'GRAY', field(t('batches.gray'), gray, '0.001-100, ≤ 3 decimals')],
    ['static dynamic', 'GROUP', field(t('batches.groupId'), groupId)],
    ['static dynamic', 'GROUP', field(t('batches.groupType'), groupType)],
    ['static dynamic', 'ALL GRAY', field(t('batches.srcVersions'), srcVersions, t('batches.srcVersions.hint'))],
    ['dynamic', null, field(t('batches.dynamicMode'), dynamicMode)],
    ['static', null, field(t('batches.schedule'), schedule, t('batches.schedule.hint'))],
    ['static', null, field(t('batches.scheduleFinish'), scheduleFinish, t('batches.scheduleFinish.hint'))],
    [ALL, null, field(t('batches.timeout'), timeout, '1-1440')],
    [UPGRADE, null, field(t('batches.retryInterval'), retryInterval, t('batches.retryInterval.hint'))],
    [UPGRADE, null, field(t('batches.retryCount'), retryCount, t('batches.retryCount.hint'))],
    [UPGRADE, null, field(t('batches.perMinute'), perMinute, '10-10000 (10000)')],
    [UPGRADE, null, field(t('batches.overwrite'), overwrite)],
    [ALL, null, checkbox(t('batches.needConfirm'), needConfirm, t('batches.needConfirm.hint'))],
    [ALL, null, checkbox(t('batches.needPush'), needPush, t('batches.needPush.hint'))],
    [UPGRADE, null, checkbox(t('batches.multiModule'), multiModule)],
    [ALL, null, field(t('batches.protocol'), protocol)],
    [ALL, null, field(t('batches.tags'), tags, t('batches.tags.hint'))],
  ];
  const shown = () => {
    for (const [kinds, selections, el] of fields) {
      const forSelection = !selections || kind.value !== 'static' || selections.split(' ').includes(selection.value);
      el.hidden = !kinds.split(' ').includes(kind.value) || !forSelection;
    }
  };
  kind.addEventListener('change', shown);
  selection.addEventListener('change', shown);
  const form = h('form', { class: 'card', id: 'create-batch' }, h('h2', {}, t('batches.new')),
    field(t('batches.kind'), kind), fields.map(f => f[2]), h('button', { type: 'submit' }, t('batches.create')));
  shown();

  const visible = el => !el.closest('.field').hidden;
  async function parameters() {
    const pkg = chosen();
    const params = { ProductKey: pkg?.ProductKey, FirmwareId: packageSelect.value };
    const scalar = [gray, groupId, groupType, dynamicMode, timeout, retryInterval, retryCount, perMinute, overwrite, protocol];
    for (const el of scalar) {
      if (visible(el)) {
        params[el.name] = el.value;
      }
    }
    if (kind.value === 'static') {
      params.TargetSelection = selection.value;
      params.ScheduleTime = millis(schedule);
      params.ScheduleFinishTime = millis(scheduleFinish);
    }
    for (const el of [needConfirm, needPush, multiModule]) {
      if (visible(el)) {
        params[el.name] = el.checked;
      }
    }
    if (visible(deviceNames)) {
      putList(params, 'TargetDeviceName', lines(deviceNames));
    }
    if (visible(srcVersions)) {
      putList(params, 'SrcVersion', lines(srcVersions));
    }
    putTags(params, tags);
    if (visible(deviceList) && deviceList.files[0]) {
      const upload = (await call('GenerateDeviceNameListURL', {})).Data;
      await postForm(upload, deviceList.files[0]);
      params.DnListFileUrl = upload.FileUrl;
    }
    return params;
  }

  onSubmit(form, messages, async () => {
    const created = (await call(CREATORS[kind.value], await parameters())).Data;
    messages.append(notice([t('batches.created', created.JobId), ' ',
      h('a', { href: `#batches/job/${encodeURIComponent(created.JobId)}` }, t('batches.open'))]));
    load(1);
  });

  async function load(page) {
    if (!packageSelect.value) {
      list.replaceChildren(h('p', {}, t('batches.noPackage')));
      return;
    }
    list.replaceChildren(h('p', {}, t('common.loading')));
    try {
      const r = await call('ListOTAJobByFirmware', { FirmwareId: packageSelect.value, CurrentPage: page, PageSize: PAGE_SIZE });
      const jobs = items(r.Data, 'SimpleOTAJobInfo');
      list.replaceChildren(h('h2', {}, t('batches.of', chosen()?.FirmwareName || packageSelect.value)), jobs.length ? table(
        [t('batches.jobId'), t('batches.type'), t('batches.selection'), t('batches.status'), t('batches.createdAt')],
        jobs.map(j => h('tr', { dataset: { jobId: j.JobId } },
          h('td', {}, h('a', { href: `#batches/job/${encodeURIComponent(j.JobId)}` }, j.JobId)),
          h('td', {}, t('jobType.' + j.JobType)), h('td', {}, `${j.SelectionType} · ${j.TargetSelection}`),
          h('td', { class: 'job-' + j.JobStatus }, t('jobStatus.' + j.JobStatus)), h('td', {}, j.UtcCreate)))) : h('p', {}, t('common.none')),
      pager(page, r.PageCount || 1, load),
      h('button', { type: 'button', class: 'secondary', onclick: () => load(page) }, t('common.refresh')));
    } catch (error) {
      list.replaceChildren(errorBox(error));
    }
  }

  main.append(messages, form, list);
  allPackages().then(found => {
    const wanted = firmwareArg || sessionStorage.getItem('updraft.firmware');
    for (const f of found) {
      packages.set(f.FirmwareId, f);
    }
    packageSelect.replaceChildren(...found.map(f => h('option', { value: f.FirmwareId, selected: f.FirmwareId === wanted },
      `${f.FirmwareName} → ${f.DestVersion} (${f.ProductName || f.ProductKey})`)));
    packageSelect.addEventListener('change', () => {
      sessionStorage.setItem('updraft.firmware', packageSelect.value);
      load(1);
    });
    load(1);
  }).catch(error => messages.append(errorBox(error)));
}

/** One batch: its settings, live counts per task state with a progress bar, its tasks, and what can be done to them. */
function batchPage(main, jobId) {
  main.append(h('h1', {}, t('batch.title', jobId)));
  const back = h('p', {}, h('a', { href: '#batches' }, t('batch.back')));
  const messages = h('div', { 'aria-live': 'polite', id: 'batch-messages' });
  const refreshError = h('div', { id: 'batch-refresh-error' });
  const summary = h('dl', { id: 'batch-summary' });
  const progress = h('progress', { id: 'batch-progress', max: 100, value: 0, 'aria-label': t('batch.progress') });
  const percent = h('span', { id: 'batch-percent' }, '');
  const counts = h('ul', { id: 'task-counts', class: 'counts' }, TASK_STATES.map(s => h('li', { dataset: { state: s } },
    h('span', { class: 'state-' + s }, t('taskStatus.' + s)), ' ', h('strong', { class: 'count' }, '–'))),
  h('li', { dataset: { state: 'ALL' } }, h('span', {}, t('batch.total')), ' ', h('strong', { class: 'count' }, '–')));
  const filter = select('TaskStatus', [['', t('batch.allStates')], ...TASK_STATES.map(s => [s, t('taskStatus.' + s)])], '');
  filter.id = 'task-filter';
  const rows = h('tbody', {});
  const taskTable = h('table', { id: 'task-table', 'aria-labelledby': 'tasks-title' },
    h('thead', {}, h('tr', {}, [t('devices.name'), t('batch.taskId'), t('batches.status'), t('batch.taskProgress'),
      t('batch.reason'), t('batch.modified'), t('common.actions')].map(x => h('th', { scope: 'col' }, x)))), rows);
  const taskPager = h('div', {});
  let job = null;
  let page = 1;
  let busy = false;
  let stopped = false;

  // Batch-wide actions. Every one is a public Action; what the API answers is shown as it answered.
  const cancelFlags = [['CancelUnconfirmedTask', 'CONFIRM'], ['CancelQueuedTask', 'QUEUED'], ['CancelNotifiedTask', 'NOTIFIED'],
    ['CancelInProgressTask', 'IN_PROGRESS'], ['CancelScheduledTask', 'scheduled']]
    .map(([name, state]) => [name, h('input', { type: 'checkbox', name }), state]);
  const cancelForm = h('form', { id: 'cancel-by-job', class: 'row' },
    h('fieldset', {}, h('legend', {}, t('batch.cancelStates')),
      cancelFlags.map(([, input, state]) => checkbox(state === 'scheduled' ? t('batch.cancelScheduled') : t('taskStatus.' + state), input))),
    h('button', { type: 'submit', class: 'danger' }, t('batch.cancelTasks')));
  cancelForm.addEventListener('submit', e => {
    e.preventDefault();
    act('batch.canceled', () => call('CancelOTATaskByJob', { JobId: jobId,
      ...Object.fromEntries(cancelFlags.map(([name, input]) => [name, input.checked])) }));
  });
  const confirmAll = h('button', { type: 'button', id: 'confirm-all', onclick: () => act('batch.confirmed', () => eachChunk('CONFIRM',
    ids => call('ConfirmOTATask', listOf('TaskId', ids)))) }, t('batch.confirmAll'));
  const reupgradeAll = h('button', { type: 'button', id: 'reupgrade-all', class: 'secondary', onclick: () => act('batch.reupgraded',
    () => eachChunk('FAILED', ids => call('ReupgradeOTATask', { JobId: jobId, ...listOf('TaskId', ids) }))) }, t('batch.reupgradeAll'));
  const cancelStrategy = h('button', { type: 'button', id: 'cancel-strategy', class: 'danger', hidden: true,
    onclick: () => act('batch.strategyCanceled', () => call('CancelOTAStrategyByJob', { JobId: jobId })) }, t('batch.cancelStrategy'));

  function listOf(name, values) {
    const out = {};
    putList(out, name, values);
    return out;
  }

  /** Calls fn with the TaskIds of every task in state, 10 at a time; the count done (0: none was in state). */
  async function eachChunk(state, fn) {
    const ids = [];
    for (let p = 1; ; p++) {
      const r = await call('ListOTATaskByJob', { JobId: jobId, TaskStatus: state, CurrentPage: p, PageSize: 100 });
      ids.push(...items(r.Data, 'SimpleOTATaskInfo').map(x => x.TaskId));
      if (p >= (r.PageCount || 1)) {
        break;
      }
    }
    for (let i = 0; i < ids.length; i += TASKS_PER_CALL) {
      await fn(ids.slice(i, i + TASKS_PER_CALL));
    }
    return ids.length;
  }

  async function act(done, fn) {
    messages.replaceChildren();
    try {
      const n = await fn();
      messages.append(notice(t(done, n ?? '')));
      refresh();
    } catch (error) {
      messages.append(errorBox(error));
    }
  }

  function taskActions(task) {
    const out = [];
    if (task.TaskStatus === 'CONFIRM') {
      out.push(h('button', { type: 'button', onclick: () => act('batch.confirmed', () => call('ConfirmOTATask',
        listOf('TaskId', [task.TaskId])).then(() => 1)) }, t('batch.confirm')));
    }
    if (task.TaskStatus === 'FAILED') {
      out.push(h('button', { type: 'button', class: 'secondary', onclick: () => act('batch.reupgraded', () => call('ReupgradeOTATask',
        { JobId: jobId, ...listOf('TaskId', [task.TaskId]) }).then(() => 1)) }, t('batch.reupgrade')));
    }
    if (['QUEUED', 'NOTIFIED', 'IN_PROGRESS'].includes(task.TaskStatus)) {
      out.push(h('button', { type: 'button', class: 'danger', onclick: () => act('batch.canceledDevice', () => call('CancelOTATaskByDevice',
        { ProductKey: task.ProductKey, FirmwareId: task.FirmwareId, JobId: jobId, ...listOf('DeviceName', [task.DeviceName]) })
        .then(() => task.DeviceName)) }, t('batch.cancel')));
    }
    // Buttons name their device for screen readers: "Confirm" alone repeats on every row.
    out.forEach(b => b.setAttribute('aria-label', `${b.textContent} ${task.DeviceName}`));
    return out;
  }

  /** Rows are kept by TaskId and rebuilt only when their state changed, so a refresh does not steal the focus. */
  function renderTasks(tasks) {
    const existing = new Map([...rows.children].map(r => [r.dataset.taskId, r]));
    const ordered = tasks.map(task => {
      const progressValue = Math.round(Number(task.Progress) || 0);
      const old = existing.get(task.TaskId);
      if (old && old.dataset.state === task.TaskStatus) {
        old.querySelector('progress').value = progressValue;
        old.querySelector('.percent').textContent = progressValue + ' %';
        old.querySelector('.reason').textContent = task.TaskDesc || '';
        old.querySelector('.modified').textContent = task.UtcModified || '';
        return old;
      }
      const row = h('tr', { dataset: { taskId: task.TaskId, deviceName: task.DeviceName, state: task.TaskStatus } },
        h('td', {}, task.DeviceName), h('td', {}, h('code', {}, task.TaskId)),
        h('td', { class: 'state-' + task.TaskStatus }, t('taskStatus.' + task.TaskStatus)),
        h('td', { class: 'nowrap' }, h('progress', { max: 100, value: progressValue, 'aria-label': t('batch.taskProgressOf', task.DeviceName) }),
          ' ', h('span', { class: 'percent' }, progressValue + ' %')),
        h('td', { class: 'reason' }, task.TaskDesc || ''), h('td', { class: 'modified' }, task.UtcModified || ''),
        h('td', { class: 'nowrap' }, taskActions(task)));
      if (old) {
        old.replaceWith(row);
      }
      return row;
    });
    const inPlace = ordered.length === rows.children.length && ordered.every((r, i) => rows.children[i] === r);
    if (!inPlace) {
      const focused = document.activeElement;
      rows.replaceChildren(...ordered);
      if (focused && focused.isConnected && document.activeElement !== focused) {
        focused.focus();
      }
    }
  }

  function renderSummary() {
    const flag = v => (v === undefined || v === null ? '' : t(v ? 'batch.yes' : 'batch.no'));
    const entries = [
      [t('batches.status'), t('jobStatus.' + job.JobStatus)], [t('batches.type'), t('jobType.' + job.JobType)],
      [t('batches.selection'), `${job.SelectionType} · ${job.TargetSelection}${job.GrayPercent ? ' ' + job.GrayPercent + ' %' : ''}`],
      [t('batches.package'), `${job.Name || ''} (${job.FirmwareId})`], [t('batch.destVersion'), job.DestVersion],
      [t('common.product'), job.ProductKey], [t('batches.srcVersions'), items(job.SrcVersions, 'SrcVersion').join(', ')],
      [t('batches.needConfirm'), flag(job.NeedConfirm)], [t('batches.needPush'), flag(job.NeedPush)],
      [t('batches.multiModule'), flag(job.MultiModuleMode)], [t('batches.protocol'), job.DownloadProtocol],
      [t('batches.dynamicMode'), job.DynamicMode ? t('batches.dynamic.' + job.DynamicMode) : ''],
      [t('batches.timeout'), job.TimeoutInMinutes], [t('batches.retryInterval'), job.RetryInterval],
      [t('batches.retryCount'), job.RetryCount], [t('batches.perMinute'), job.MaximumPerMinute],
      [t('batches.overwrite'), job.OverwriteMode ? t('batches.overwrite.' + job.OverwriteMode) : ''],
      [t('batches.tags'), items(job.Tags, 'OtaTagDTO').map(x => `${x.Key}=${x.Value}`).join(', ')],
      [t('batches.createdAt'), job.UtcCreate], [t('batch.started'), job.UtcStartTime], [t('batch.ended'), job.UtcEndTime],
      [t('batches.schedule'), job.UtcScheduleTime], [t('batches.scheduleFinish'), job.UtcScheduleFinishTime],
    ].filter(([, v]) => v !== undefined && v !== null && v !== '');
    summary.replaceChildren(...entries.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))]));
    summary.dataset.status = job.JobStatus;
    back.firstChild.setAttribute('href', `#batches/${encodeURIComponent(job.FirmwareId)}`);
    cancelStrategy.hidden = job.SelectionType !== 'DYNAMIC';
    confirmAll.hidden = !job.NeedConfirm;
  }

  function renderCounts(byState, total) {
    for (const li of counts.children) {
      li.querySelector('.count').textContent = String(li.dataset.state === 'ALL' ? total : byState[li.dataset.state]);
    }
    const finished = FINISHED.reduce((sum, s) => sum + byState[s], 0);
    const p = total ? Math.floor((finished * 100) / total) : 0;
    progress.value = p;
    percent.textContent = t('batch.finished', finished, total, p);
  }

  /** One refresh: the batch, a count per state (ListOTATaskByJob with TaskStatus, one item a page: its Total), the tasks. */
  async function refresh() {
    if (busy || stopped) {
      return;
    }
    busy = true;
    try {
      job = (await call('QueryOTAJob', { JobId: jobId })).Data;
      const byState = {};
      for (const state of TASK_STATES) {
        byState[state] = (await call('ListOTATaskByJob', { JobId: jobId, TaskStatus: state, CurrentPage: 1, PageSize: 1 })).Total || 0;
      }
      const r = await call('ListOTATaskByJob', { JobId: jobId, TaskStatus: filter.value, CurrentPage: page, PageSize: PAGE_SIZE });
      if (stopped) {
        return;
      }
      const total = Object.values(byState).reduce((a, b) => a + b, 0);
      renderSummary();
      renderCounts(byState, total);
      renderTasks(items(r.Data, 'SimpleOTATaskInfo'));
      taskPager.replaceChildren(pager(page, r.PageCount || 1, p => { page = p; refresh(); }));
      refreshError.replaceChildren();
    } catch (error) {
      refreshError.replaceChildren(errorBox(error));
    } finally {
      busy = false;
    }
  }
  filter.addEventListener('change', () => { page = 1; rows.replaceChildren(); refresh(); });

  main.append(back, messages, refreshError,
    h('section', { class: 'card', 'aria-labelledby': 'counts-title' }, h('h2', { id: 'counts-title' }, t('batch.counts')),
      h('div', { class: 'field' }, progress, percent), counts, h('p', { class: 'hint' }, t('batch.live'))),
    h('section', { class: 'card', 'aria-labelledby': 'actions-title' }, h('h2', { id: 'actions-title' }, t('batch.actions')),
      h('div', { class: 'row' }, confirmAll, reupgradeAll, cancelStrategy), cancelForm),
    h('section', { class: 'card', 'aria-labelledby': 'tasks-title' }, h('h2', { id: 'tasks-title' }, t('batch.tasks')),
      field(t('batch.filter'), filter), taskTable, taskPager),
    h('section', { class: 'card', 'aria-labelledby': 'summary-title' }, h('h2', { id: 'summary-title' }, t('batch.settings')), summary));
  refresh();
  // Live: counts, progress and tasks follow the devices while the page is open; leaving it stops the timer.
  const timer = setInterval(refresh, REFRESH_MILLIS);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
