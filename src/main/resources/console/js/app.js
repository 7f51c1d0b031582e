// The console shell: sign-in, navigation (hash routes), language switch. Each page is one module in pages/.
import { h, clear } from './dom.js';
import { t, language, setLanguage, LANGUAGES } from './i18n.js';
import * as session from './session.js';
import { signInPage } from './pages/signin.js';
import { productsPage } from './pages/products.js';
import { packagesPage } from './pages/packages.js';
import { devicesPage } from './pages/devices.js';
import { batchesPage } from './pages/batches.js';
import { explorerPage } from './pages/explorer.js';
import { errorsPage } from './pages/errors.js';

const PAGES = [
  { route: 'products', label: 'nav.products', render: productsPage },
  { route: 'packages', label: 'nav.packages', render: packagesPage },
  { route: 'devices', label: 'nav.devices', render: devicesPage },
  { route: 'batches', label: 'nav.batches', render: batchesPage },
  { route: 'explorer', label: 'nav.explorer', render: explorerPage },
  { route: 'errors', label: 'nav.errors', render: errorsPage },
];

let stopCurrent = null;

function route() {
  const [name, ...rest] = location.hash.replace(/^#\/?/, '').split('/');
  return { name, args: rest.map(decodeURIComponent) };
}

function renderShell(active) {
  const nav = clear(document.getElementById('nav'));
  nav.setAttribute('aria-label', t('nav.main'));
  const signedIn = session.current();
  if (signedIn) {
    for (const page of PAGES) {
      nav.append(h('a', { href: '#' + page.route, 'aria-current': page.route === active ? 'page' : null }, t(page.label)));
    }
  } else {
    // The Error Center is documentation: readable before signing in.
    nav.append(h('a', { href: '#errors', 'aria-current': active === 'errors' ? 'page' : null }, t('nav.errors')));
  }
  const account = clear(document.getElementById('account'));
  const select = h('select', { id: 'lang', 'aria-label': t('lang.label'), onchange: e => { setLanguage(e.target.value); render(); } },
    Object.entries(LANGUAGES).map(([code, name]) => h('option', { value: code, selected: code === language() }, name)));
  account.append(select);
  if (signedIn) {
    account.append(h('span', { id: 'whoami' }, t('signedin', signedIn.id)),
      h('button', { class: 'secondary', id: 'signout', onclick: () => { session.signOut(); location.hash = ''; render(); } }, t('signout')));
  }
  document.title = t('app.title');
}

export function render() {
  if (stopCurrent) {
    stopCurrent();
    stopCurrent = null;
  }
  const { name, args } = route();
  const main = clear(document.getElementById('main'));
  const signedIn = session.current();
  const page = PAGES.find(p => p.route === name);
  if (!signedIn && name !== 'errors') {
    renderShell('signin');
    signInPage(main, () => { location.hash = '#products'; render(); });
    return;
  }
  const chosen = page || PAGES[0];
  renderShell(chosen.route);
  // A page may return a function that stops its timers when the user leaves it.
  const stop = chosen.render(main, args);
  stopCurrent = typeof stop === 'function' ? stop : null;
}

setLanguage(language());
// The skip link moves the focus only: its #main must not be taken for a route.
document.querySelector('a.skip').addEventListener('click', e => { e.preventDefault(); document.getElementById('main').focus(); });
window.addEventListener('hashchange', () => { render(); document.getElementById('main').focus(); });
render();
