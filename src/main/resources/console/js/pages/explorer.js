import { h, field, errorBox, uid } from '../dom.js';
import { t } from '../i18n.js';
import { send, VERSION } from '../api.js';
import * as session from '../session.js';
import { GENERATORS, flatten } from '../samples.js';

let table = null;

/** The Action table as the server serves it (names, QPS, documented parameters). */
export async function actionTable() {
  if (!table) {
    table = fetch('/console/api/actions.json').then(r => r.json());
  }
  return table;
}

const COMMON = { name: 'IotInstanceId', type: 'STRING', required: false, limits: '', fields: [], common: true };

function input(parameter, id) {
  if (parameter.type === 'BOOLEAN') {
    return h('select', { id, name: parameter.name }, h('option', { value: '' }, ''), h('option', { value: 'true' }, 'true'),
      h('option', { value: 'false' }, 'false'));
  }
  return h('input', {
    id, name: parameter.name, type: parameter.type === 'INTEGER' ? 'number' : 'text', step: parameter.type === 'INTEGER' ? 1 : null,
    required: parameter.required, 'aria-required': parameter.required ? 'true' : null, spellcheck: 'false',
  });
}

function label(parameter) {
  return h('span', {}, parameter.name, ' ', h('small', {}, parameter.type.toLowerCase()),
    parameter.required ? h('span', { class: 'req', title: t('explorer.required') }, ' *',
      h('span', { class: 'sr-only' }, t('explorer.required'))) : null);
}

/** A list parameter (Name.N.Field, or Name.N for plain values): items added and removed by the user, one fieldset each. */
function listInput(parameter) {
  const container = h('div', { class: 'list', dataset: { list: parameter.name } });
  const add = () => {
    const index = container.querySelectorAll('fieldset').length + 1;
    const inputs = parameter.fields.length
      ? parameter.fields.map(f => field(f, h('input', { name: `${parameter.name}.${f}`, dataset: { field: f } })))
      : [field(`${parameter.name}.${index}`, h('input', { name: parameter.name, dataset: { field: '' }, spellcheck: 'false' }))];
    const set = h('fieldset', { class: 'list-item' }, h('legend', {}, `${parameter.name} · ${t('explorer.item', index)}`),
      inputs,
      h('button', { type: 'button', class: 'secondary', onclick: () => set.remove() }, t('explorer.removeItem')));
    container.insertBefore(set, addButton);
  };
  const addButton = h('button', { type: 'button', class: 'secondary', onclick: add }, t('explorer.addItem'), ' ', parameter.name);
  container.append(addButton);
  return h('div', { class: 'field' }, h('span', {}, label(parameter)), parameter.limits ? h('small', { class: 'hint' }, parameter.limits) : null, container);
}

function freeInputs() {
  const rows = h('div', { id: 'free-params' });
  const add = () => rows.append(h('div', { class: 'row free' },
    field(t('explorer.freeName'), h('input', { class: 'free-name' })), field(t('explorer.freeValue'), h('input', { class: 'free-value' }))));
  add();
  return h('div', {}, h('p', {}, t('explorer.free')), rows, h('button', { type: 'button', class: 'secondary', onclick: add }, t('explorer.addItem')));
}

/** What the form holds: scalar values and list items, empties left out (as an SDK leaves unset fields out). */
function collect(form, action) {
  const values = {};
  const lists = {};
  const types = {};
  for (const p of [...action.parameters, COMMON]) {
    types[p.name] = p.type;
    if (p.type === 'LIST') {
      const items = [...form.querySelectorAll(`[data-list="${p.name}"] fieldset`)].map(set =>
        Object.fromEntries([...set.querySelectorAll('input')].map(i => [i.dataset.field, i.value])));
      lists[p.name] = items.filter(item => Object.values(item).some(v => v !== ''));
    } else {
      const el = form.elements.namedItem(p.name);
      if (el && el.value !== '') {
        values[p.name] = el.value;
      }
    }
  }
  for (const row of form.querySelectorAll('.free')) {
    const name = row.querySelector('.free-name').value.trim();
    if (name) {
      values[name] = row.querySelector('.free-value').value;
    }
  }
  return { action: action.name, version: VERSION, values, lists, types };
}

export function explorerPage(main, args) {
  main.append(h('h1', {}, t('explorer.title')));
  const area = h('div', { class: 'grid2' });
  main.append(area);
  actionTable().then(doc => render(doc.actions)).catch(error => main.append(errorBox(error)));

  function render(actions) {
    const chosen = actions.find(a => a.name === args[0]) || actions[0];
    const select = h('select', { id: 'explorer-action', onchange: e => { location.hash = '#explorer/' + e.target.value; } },
      actions.map(a => h('option', { value: a.name, selected: a === chosen }, a.name)));
    const scheme = h('select', { id: 'explorer-scheme', name: 'scheme', onchange: e => session.setScheme(e.target.value) },
      h('option', { value: 'V3', selected: session.current().scheme !== 'V1' }, 'V3 (ACS3-HMAC-SHA256)'),
      h('option', { value: 'V1', selected: session.current().scheme === 'V1' }, 'V1 (HMAC-SHA1)'));
    const form = h('form', { class: 'card', id: 'explorer-form', novalidate: false },
      field(t('explorer.action'), select, t('explorer.qps', chosen.qps)),
      h('h2', {}, t('explorer.params')),
      chosen.parameters.map(p => (p.type === 'LIST' ? listInput(p) : field(label(p), input(p, uid('p')), p.limits))),
      chosen.parameters.length ? null : freeInputs(),
      field(label(COMMON), input(COMMON, uid('p')), t('explorer.common')),
      field(t('explorer.signature'), scheme),
      h('button', { type: 'submit', id: 'explorer-send' }, t('explorer.send')));
    const response = h('section', { class: 'card', id: 'explorer-response', 'aria-live': 'polite', 'aria-labelledby': 'response-title' },
      h('h2', { id: 'response-title' }, t('explorer.response')));
    const samples = h('section', { class: 'card', id: 'explorer-samples', 'aria-labelledby': 'samples-title' });
    const refreshSamples = () => renderSamples(samples, collect(form, chosen));
    form.addEventListener('input', refreshSamples);
    form.addEventListener('click', e => { if (e.target.type === 'button') { setTimeout(refreshSamples); } });
    form.addEventListener('submit', async e => {
      e.preventDefault();
      const call = collect(form, chosen);
      response.replaceChildren(h('h2', { id: 'response-title' }, t('explorer.response')));
      try {
        const r = await send(call.action, flatten(call), { scheme: scheme.value });
        response.append(h('p', { id: 'response-status' }, `HTTP ${r.status} · RequestId ${r.requestId || '-'}`),
          h('pre', { id: 'response-body', tabindex: '0' }, r.json ? JSON.stringify(r.json, null, 2) : r.text),
          h('details', {}, h('summary', {}, t('explorer.stringToSign')), h('pre', {}, r.signed.stringToSign)));
      } catch (error) {
        response.append(errorBox(error));
      }
    });
    area.replaceChildren(form, h('div', {}, response, samples));
    refreshSamples();
  }
}

function renderSamples(section, call) {
  const selected = section.querySelector('[aria-selected="true"]')?.dataset.sample || GENERATORS[0].id;
  const tabs = h('div', { role: 'tablist', class: 'tabs row', 'aria-label': t('explorer.samples') });
  const panels = [];
  GENERATORS.forEach((g, i) => {
    const code = g.generate(call, location);
    const active = g.id === selected;
    const tab = h('button', { type: 'button', role: 'tab', id: `tab-${g.id}`, 'aria-controls': `sample-${g.id}`,
      'aria-selected': String(active), tabindex: active ? '0' : '-1', dataset: { sample: g.id } }, g.label);
    const copy = h('button', { type: 'button', class: 'secondary', onclick: async () => {
      await navigator.clipboard?.writeText(code);
      copy.textContent = t('explorer.copied');
    } }, t('explorer.copy'));
    const panel = h('div', { role: 'tabpanel', id: `sample-${g.id}`, 'aria-labelledby': `tab-${g.id}`, hidden: !active },
      copy, h('pre', { tabindex: '0' }, h('code', { class: 'sample', dataset: { sample: g.id } }, code)));
    tab.addEventListener('click', () => select(i));
    tab.addEventListener('keydown', e => {
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        select((i + (e.key === 'ArrowRight' ? 1 : GENERATORS.length - 1)) % GENERATORS.length);
      }
    });
    tabs.append(tab);
    panels.push(panel);
  });
  function select(index) {
    [...tabs.children].forEach((tab, i) => {
      tab.setAttribute('aria-selected', String(i === index));
      tab.tabIndex = i === index ? 0 : -1;
      panels[i].hidden = i !== index;
    });
    tabs.children[index].focus();
  }
  section.replaceChildren(h('h2', { id: 'samples-title' }, t('explorer.samples')), h('p', {}, t('explorer.samplesNote')), tabs, ...panels);
}
