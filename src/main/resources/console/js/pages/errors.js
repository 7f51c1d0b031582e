import { h, errorBox, field } from '../dom.js';
import { t } from '../i18n.js';

/** Every error code, from the server's error table (GET api/errors.json): one source with the API. */
export function errorsPage(main) {
  main.append(h('h1', {}, t('errors.title')), h('p', {}, t('errors.intro')));
  const filter = h('input', { type: 'search', id: 'error-filter' });
  const body = h('tbody', {});
  main.append(h('div', { class: 'card' }, field(t('errors.filter'), filter)),
    h('table', { id: 'error-table' }, h('thead', {}, h('tr', {},
      [t('errors.code'), t('errors.status'), t('errors.kind'), t('errors.endpoint'), t('errors.meaning'), t('errors.fix')].map(x => h('th', { scope: 'col' }, x)))), body));
  fetch('/console/api/errors.json').then(r => r.json()).then(errors => {
    const rows = errors.map(e => h('tr', { id: 'error-' + e.name, dataset: { code: e.code } },
      h('td', {}, h('code', {}, e.code)), h('td', {}, e.httpStatus), h('td', {}, t('errors.' + e.kind)),
      h('td', {}, t('errors.endpoint.' + e.endpoint)),
      h('td', {}, e.message.replace(/%s/g, '…')), h('td', {}, e.remedy)));
    body.replaceChildren(...rows);
    filter.addEventListener('input', () => {
      const q = filter.value.toLowerCase();
      rows.forEach(r => { r.hidden = q !== '' && !r.textContent.toLowerCase().includes(q); });
    });
  }).catch(error => main.append(errorBox(error)));
}
