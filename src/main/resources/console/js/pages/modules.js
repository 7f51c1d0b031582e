import { h, field, errorBox, notice, table } from '../dom.js';
import { t } from '../i18n.js';
import { call, items } from '../api.js';
import { deleteConfirmed } from './deletion.js';

/** A product's OTA modules: create, edit alias and description, delete; the API's own validation messages. */
export function modulesSection(area, productKey) {
  const messages = h('div', { 'aria-live': 'polite', id: 'module-messages' });
  const list = h('div', { id: 'module-list' });
  const name = h('input', { name: 'ModuleName', required: true });
  const alias = h('input', { name: 'AliasName' });
  const desc = h('input', { name: 'Desc' });
  const form = h('form', { class: 'card', id: 'create-module' }, h('h2', {}, t('modules.new')),
    field(t('modules.name'), name, '1-64: A-Z a-z 0-9 . - _'), field(t('modules.alias'), alias, '1-64'),
    field(t('modules.desc'), desc, '≤ 100'), h('button', { type: 'submit' }, t('common.create')));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    messages.replaceChildren();
    try {
      await call('CreateOTAModule', { ProductKey: productKey, ModuleName: name.value, AliasName: alias.value, Desc: desc.value });
      messages.append(notice(t('modules.created', name.value)));
      form.reset();
      load();
    } catch (error) {
      messages.append(errorBox(error));
    }
  });

  async function load() {
    list.replaceChildren(h('p', {}, t('common.loading')));
    try {
      const r = await call('ListOTAModuleByProduct', { ProductKey: productKey });
      const modules = items(r.Data, 'OtaModuleDTO');
      list.replaceChildren(h('p', {}, t('modules.default')), modules.length ? table(
        [t('modules.name'), t('modules.alias'), t('modules.desc'), t('common.actions')],
        modules.map(m => row(m))) : h('p', {}, t('common.none')));
    } catch (error) {
      list.replaceChildren(errorBox(error));
    }
  }

  function row(m) {
    const tr = h('tr', { dataset: { module: m.ModuleName } },
      h('td', {}, m.ModuleName), h('td', {}, m.AliasName || ''), h('td', {}, m.Desc || ''),
      h('td', {}, h('button', { class: 'secondary', type: 'button', onclick: () => edit(tr, m) }, t('common.edit')), ' ',
        h('button', { class: 'danger', type: 'button', onclick: () => remove(m) }, t('common.delete'))));
    return tr;
  }

  function edit(tr, m) {
    const aliasEdit = h('input', { value: m.AliasName || '', 'aria-label': t('modules.alias') });
    const descEdit = h('input', { value: m.Desc || '', 'aria-label': t('modules.desc') });
    const save = async () => {
      messages.replaceChildren();
      try {
        await call('UpdateOTAModule', { ProductKey: productKey, ModuleName: m.ModuleName, AliasName: aliasEdit.value,
          Desc: descEdit.value }, { keepEmpty: true });
        messages.append(notice(t('common.saved')));
        load();
      } catch (error) {
        messages.append(errorBox(error));
      }
    };
    tr.replaceChildren(h('td', {}, m.ModuleName), h('td', {}, aliasEdit), h('td', {}, descEdit),
      h('td', {}, h('button', { type: 'button', onclick: save }, t('common.save')), ' ',
        h('button', { class: 'secondary', type: 'button', onclick: load }, t('common.cancel'))));
    aliasEdit.focus();
  }

  function remove(m) {
    return deleteConfirmed(messages, m.ModuleName, 'DeleteOTAModule', { ProductKey: productKey, ModuleName: m.ModuleName }, load);
  }

  area.replaceChildren(h('h2', { id: 'modules-title' }, t('modules.title', productKey)), messages, form, list);
  load();
  area.scrollIntoView();
}
