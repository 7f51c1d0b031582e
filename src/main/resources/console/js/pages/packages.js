import { h, field, checkbox, errorBox, notice, table, bytes, onSubmit } from '../dom.js';
import { t } from '../i18n.js';
import { call, items } from '../api.js';
import { sha256Hex } from '../sign.js';
import { pager } from './products.js';
import { productPicker } from './devices.js';
import { deleteConfirmed } from './deletion.js';
import { postForm } from '../upload.js';

const PAGE_SIZE = 20;

export function packagesPage(main) {
  main.append(h('h1', {}, t('packages.title')));
  const messages = h('div', { 'aria-live': 'polite', id: 'package-messages' });
  const list = h('div', { id: 'package-list' });
  const details = h('div', { id: 'package-details' });

  const file = h('input', { type: 'file', name: 'file', required: true });
  const name = h('input', { name: 'FirmwareName', required: true, maxlength: 40 });
  const version = h('input', { name: 'DestVersion', required: true, maxlength: 64 });
  const srcVersion = h('input', { name: 'SrcVersion', maxlength: 64 });
  const module = h('input', { name: 'ModuleName', placeholder: 'default' });
  const desc = h('input', { name: 'FirmwareDesc', maxlength: 100 });
  const verify = h('input', { type: 'checkbox', name: 'NeedToVerify', checked: true });
  const progress = h('progress', { id: 'upload-progress', max: 100, value: 0, 'aria-label': t('packages.progress') });
  const percent = h('span', { id: 'upload-percent', 'aria-live': 'polite' }, '');
  const picker = productPicker('package-product');
  const form = h('form', { class: 'card', id: 'create-package' }, h('h2', {}, t('packages.new')),
    field(t('common.product'), picker.select), field(t('packages.file'), file),
    field(t('packages.name'), name, '1-40'), field(t('packages.version'), version, '1-64: A-Z a-z 0-9 . - _'),
    field(t('packages.srcVersion'), srcVersion), field(t('packages.module'), module),
    field(t('packages.desc'), desc, '≤ 100'), checkbox(t('packages.verify'), verify, t('packages.verify.hint')),
    h('div', { class: 'field' }, h('span', {}, t('packages.progress')), progress, percent),
    h('button', { type: 'submit' }, t('packages.upload')));
  onSubmit(form, messages, async () => {
    const chosen = file.files[0];
    const upload = (await call('GenerateOTAUploadURL', { FileSuffix: suffix(chosen.name) })).Data;
    progress.value = 0;
    await postForm(upload, chosen, (loaded, total) => {
      const p = Math.floor((loaded * 100) / total);
      progress.value = p;
      percent.textContent = p + ' %';
    });
    progress.value = 100;
    percent.textContent = '100 %';
    messages.append(notice(t('packages.uploaded', chosen.name)));
    const sign = await sha256Hex(await chosen.arrayBuffer());
    const created = await call('CreateOTAFirmware', {
      ProductKey: picker.select.value, FirmwareName: name.value, DestVersion: version.value,
      SrcVersion: srcVersion.value, Type: srcVersion.value ? 1 : 0, ModuleName: module.value,
      FirmwareDesc: desc.value, FirmwareUrl: upload.FirmwareUrl, FirmwareSize: chosen.size,
      SignMethod: 'SHA256', FirmwareSign: sign, NeedToVerify: verify.checked,
    });
    messages.append(notice(t('packages.created', created.Data.FirmwareId)));
    load(1);
  });

  async function load(page) {
    list.replaceChildren(h('p', {}, t('common.loading')));
    try {
      const r = await call('ListOTAFirmware', { CurrentPage: page, PageSize: PAGE_SIZE });
      const packages = items(r.FirmwareInfo, 'SimpleFirmwareInfo');
      list.replaceChildren(packages.length ? table(
        [t('packages.name'), t('packages.id'), t('common.product'), t('packages.module'), t('packages.version'),
          t('packages.size'), t('common.actions')],
        packages.map(f => h('tr', { dataset: { firmwareId: f.FirmwareId } },
          h('td', {}, f.FirmwareName), h('td', {}, h('code', {}, f.FirmwareId)), h('td', {}, f.ProductName || f.ProductKey),
          h('td', {}, f.ModuleName || 'default'), h('td', {}, f.DestVersion), h('td', {}, bytes(f.FirmwareSize)),
          h('td', {}, h('button', { class: 'secondary', type: 'button', onclick: () => show(f.FirmwareId) }, t('common.details')), ' ',
            h('a', { href: `#batches/${encodeURIComponent(f.FirmwareId)}` }, t('nav.batches')), ' ',
            h('button', { class: 'danger', type: 'button', onclick: () => remove(f) }, t('common.delete')))))) : h('p', {}, t('common.none')),
      pager(page, r.PageCount || 1, load));
    } catch (error) {
      list.replaceChildren(errorBox(error));
    }
  }

  async function show(firmwareId) {
    details.replaceChildren(h('p', {}, t('common.loading')));
    try {
      const f = (await call('QueryOTAFirmware', { FirmwareId: firmwareId })).FirmwareInfo;
      const rows = [
        [t('packages.id'), f.FirmwareId], [t('packages.name'), f.FirmwareName], [t('common.product'), f.ProductKey],
        [t('packages.module'), f.ModuleName], [t('packages.version'), f.DestVersion], [t('packages.srcVersion'), f.SrcVersion],
        [t('packages.size'), bytes(f.FirmwareSize)], [t('packages.sign'), `${f.SignMethod || ''} ${f.FirmwareSign || ''}`],
        [t('packages.status'), f.Status], [t('packages.desc'), f.FirmwareDesc], [t('packages.created.at'), f.UtcCreate],
      ];
      details.replaceChildren(h('section', { class: 'card', 'aria-labelledby': 'details-title' },
        h('h2', { id: 'details-title' }, f.FirmwareName),
        h('dl', {}, rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v ?? '')])),
        f.FirmwareUrl ? h('a', { href: f.FirmwareUrl }, t('packages.url')) : null));
    } catch (error) {
      details.replaceChildren(errorBox(error));
    }
  }

  function remove(f) {
    return deleteConfirmed(messages, f.FirmwareName, 'DeleteOTAFirmware', { FirmwareId: f.FirmwareId }, () => {
      details.replaceChildren();
      load(1);
    });
  }

  main.append(messages, form, list, details);
  load(1);
}

function suffix(fileName) {
  const known = ['tar.gz', 'tar.xz', 'bin', 'dav', 'apk', 'tar', 'gz', 'zip', 'gzip', 'pack'];
  const lower = fileName.toLowerCase();
  return known.find(s => lower.endsWith('.' + s)) || 'bin';
}
