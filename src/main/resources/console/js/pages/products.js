import { h, field, errorBox, notice, table } from '../dom.js';
import { t } from '../i18n.js';
import { call, items } from '../api.js';
import { modulesSection } from './modules.js';
import { deleteConfirmed } from './deletion.js';

const PAGE_SIZE = 20;

export function productsPage(main, args) {
  main.append(h('h1', {}, t('products.title')));
  const messages = h('div', { 'aria-live': 'polite', id: 'product-messages' });
  const listArea = h('div', { id: 'product-list' });
  const modulesArea = h('div', { id: 'modules' });

  const name = h('input', { name: 'ProductName', required: true, maxlength: 30 });
  const nodeType = h('select', { name: 'NodeType' },
    h('option', { value: '0' }, t('products.device')), h('option', { value: '1' }, t('products.gateway')));
  const description = h('input', { name: 'Description', maxlength: 100 });
  const form = h('form', { class: 'card', id: 'create-product' }, h('h2', {}, t('products.new')),
    field(t('products.name'), name, '4-30'), field(t('products.nodeType'), nodeType),
    field(t('products.description'), description, '≤ 100'), h('button', { type: 'submit' }, t('common.create')));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    messages.replaceChildren();
    try {
      const r = await call('CreateProduct', { ProductName: name.value, NodeType: nodeType.value, Description: description.value });
      messages.append(notice(t('products.created', r.Data?.ProductKey || r.ProductKey)));
      form.reset();
      load(1);
    } catch (error) {
      messages.append(errorBox(error));
    }
  });

  async function load(page) {
    listArea.replaceChildren(h('p', {}, t('common.loading')));
    try {
      const r = await call('QueryProductList', { CurrentPage: page, PageSize: PAGE_SIZE });
      const products = items(r.Data?.List, 'ProductInfo');
      const rows = products.map(p => h('tr', { dataset: { productKey: p.ProductKey } },
        h('td', {}, p.ProductName), h('td', {}, h('code', {}, p.ProductKey)),
        h('td', {}, p.NodeType === 1 ? t('products.gateway') : t('products.device')), h('td', {}, p.DeviceCount ?? 0),
        h('td', {},
          h('a', { href: `#products/${encodeURIComponent(p.ProductKey)}` }, t('products.modules')), ' ',
          h('button', { class: 'danger', type: 'button', onclick: () => remove(p) }, t('common.delete')))));
      listArea.replaceChildren(products.length
        ? table([t('products.name'), t('products.key'), t('products.nodeType'), t('products.devices'), t('common.actions')], rows)
        : h('p', {}, t('common.none')), pager(page, r.Data?.PageCount || 1, load));
    } catch (error) {
      listArea.replaceChildren(errorBox(error));
    }
  }

  function remove(p) {
    return deleteConfirmed(messages, p.ProductName, 'DeleteProduct', { ProductKey: p.ProductKey }, () => load(1));
  }

  main.append(messages, form, listArea, modulesArea);
  load(1);
  if (args[0]) {
    modulesSection(modulesArea, args[0]);
  }
}

export function pager(page, pageCount, load) {
  if (pageCount <= 1) {
    return h('div', { class: 'pager' });
  }
  return h('div', { class: 'row' },
    h('button', { class: 'secondary', type: 'button', disabled: page <= 1, onclick: () => load(page - 1) }, t('common.prev')),
    h('span', {}, t('common.page', page, pageCount)),
    h('button', { class: 'secondary', type: 'button', disabled: page >= pageCount, onclick: () => load(page + 1) }, t('common.next')));
}
