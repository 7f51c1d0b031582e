import { h, field, errorBox } from '../dom.js';
import { t } from '../i18n.js';
import { call, ApiError } from '../api.js';
import { canSign } from '../sign.js';
import * as session from '../session.js';

/** Errors that mean the key itself is wrong; anything else (even Forbidden.RAM) proves a valid signature. */
const KEY_ERRORS = new Set(['InvalidAccessKeyId.NotFound', 'InvalidAccessKeyId.Inactive', 'SignatureDoesNotMatch',
  'IncompleteSignature', 'InvalidTimeStamp.Expired']);

export function signInPage(main, done) {
  main.append(h('h1', {}, t('signin.title')));
  if (!canSign()) {
    main.append(errorBox({ code: 'InsecureContext', message: t('signin.insecure') }));
    return;
  }
  const id = h('input', { name: 'accessKeyId', autocomplete: 'username', required: true, spellcheck: 'false' });
  const secret = h('input', { name: 'accessKeySecret', type: 'password', autocomplete: 'current-password', required: true });
  const scheme = h('select', { name: 'scheme' }, h('option', { value: 'V3' }, t('signin.v3')), h('option', { value: 'V1' }, t('signin.v1')));
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'card', id: 'signin' },
    h('p', {}, t('signin.intro')),
    field(t('signin.id'), id), field(t('signin.secret'), secret), field(t('signin.scheme'), scheme),
    h('button', { type: 'submit' }, t('signin.submit')), result);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    result.replaceChildren();
    const key = { id: id.value.trim(), secret: secret.value, scheme: scheme.value };
    try {
      await call('QueryProductList', { CurrentPage: 1, PageSize: 1 }, { key });
    } catch (error) {
      if (!(error instanceof ApiError) || KEY_ERRORS.has(error.code)) {
        result.append(h('p', {}, t('signin.failed')), errorBox(error));
        return;
      }
    }
    session.signIn(key.id, key.secret, key.scheme);
    done();
  });
  main.append(form);
  id.focus();
}
