import { h, field, errorBox, notice, table } from '../dom.js';
import { t } from '../i18n.js';
import { call, items } from '../api.js';

const PAGE_SIZE = 10;
const REFRESH_MILLIS = 3000;

/** A product select filled from QueryProductList; remembers the last choice for this tab. */
export function productPicker(id) {
  const select = h('select', { id, name: 'ProductKey', required: true });
  const ready = call('QueryProductList', { CurrentPage: 1, PageSize: 200 }).then(r => {
    const products = items(r.Data?.List, 'ProductInfo');
    const last = sessionStorage.getItem('updraft.product');
    select.replaceChildren(...products.map(p => h('option', { value: p.ProductKey, selected: p.ProductKey === last },
      `${p.ProductName} (${p.ProductKey})`)));
    select.addEventListener('change', () => sessionStorage.setItem('updraft.product', select.value));
    return products;
  }).catch(error => {
    select.replaceWith(h('span', {}, errorBox(error)));
    return [];
  });
  return { select, ready };
}

export function devicesPage(main) {
  main.append(h('h1', {}, t('devices.title')));
  const messages = h('div', { 'aria-live': 'polite', id: 'device-messages' });
  const list = h('div', { id: 'device-list' });
  const picker = productPicker('device-product');
  const name = h('input', { name: 'DeviceName', maxlength: 32 });
  const nickname = h('input', { name: 'Nickname', maxlength: 64 });
  const search = h('input', { type: 'search', id: 'device-search', name: 'search' });
  const form = h('form', { class: 'card', id: 'register-device' }, h('h2', {}, t('devices.register')),
    field(t('devices.name'), name, '4-32'), field(t('devices.nickname'), nickname, '4-64'),
    h('button', { type: 'submit' }, t('common.create')));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    messages.replaceChildren();
    try {
      const d = (await call('RegisterDevice', { ProductKey: picker.select.value, DeviceName: name.value, Nickname: nickname.value })).Data;
      messages.append(notice(t('devices.registered', d.DeviceName, d.DeviceSecret)));
      form.reset();
      load();
    } catch (error) {
      messages.append(errorBox(error));
    }
  });
  const searchForm = h('form', { class: 'row', role: 'search' }, field(t('devices.search'), search),
    h('button', { type: 'submit', class: 'secondary' }, t('devices.search')));
  searchForm.addEventListener('submit', e => { e.preventDefault(); load(); });

  let page = 1;
  let busy = false;
  async function load() {
    const productKey = picker.select.value;
    if (!productKey || busy) {
      return;
    }
    busy = true;
    try {
      const query = search.value.trim();
      const devices = query ? await find(productKey, query) : await pageOf(productKey);
      const rows = [];
      for (const d of devices) {
        rows.push(h('tr', { dataset: { deviceName: d.DeviceName } },
          h('td', {}, d.DeviceName), h('td', {}, d.Nickname || ''),
          h('td', { class: 'status-' + d.Status }, t('status.' + d.Status)),
          h('td', {}, await versions(d.IotId))));
      }
      list.replaceChildren(rows.length
        ? table([t('devices.name'), t('devices.nickname'), t('devices.status'), t('devices.versions')], rows)
        : h('p', {}, query ? t('devices.notFound', query) : t('common.none')));
    } catch (error) {
      list.replaceChildren(errorBox(error));
    } finally {
      busy = false;
    }
  }

  async function pageOf(productKey) {
    const r = await call('QueryDevice', { ProductKey: productKey, CurrentPage: page, PageSize: PAGE_SIZE });
    return items(r.Data, 'DeviceInfo').map(d => ({ ...d, Status: d.DeviceStatus }));
  }

  async function find(productKey, deviceName) {
    try {
      return [(await call('QueryDeviceDetail', { ProductKey: productKey, DeviceName: deviceName })).Data];
    } catch (error) {
      if (error.code === 'iot.device.NotExistedDevice') {
        return [];
      }
      throw error;
    }
  }

  async function versions(iotId) {
    try {
      const r = await call('ListOTAModuleVersionsByDevice', { IotId: iotId, CurrentPage: 1, PageSize: 20 });
      return items(r.Data, 'SimpleOTAModuleInfo').map(v => `${v.ModuleName}: ${v.ModuleVersion}`).join(', ');
    } catch (error) {
      return error.code;
    }
  }

  main.append(messages, h('div', { class: 'card' }, field(t('common.product'), picker.select), searchForm), form, list);
  picker.ready.then(() => {
    picker.select.addEventListener('change', () => { page = 1; load(); });
    load();
  });
  // Online status and versions change as devices connect and report: refresh while the page is open.
  const timer = setInterval(load, REFRESH_MILLIS);
  return () => clearInterval(timer);
}
