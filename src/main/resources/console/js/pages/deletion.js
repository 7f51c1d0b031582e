import { errorBox, notice } from '../dom.js';
import { t } from '../i18n.js';
import { call } from '../api.js';

/** Deletes once the user confirms; the API's answer (done, or its error code and message) goes to messages. */
export async function deleteConfirmed(messages, name, action, params, done) {
  if (!confirm(t('common.confirmDelete', name))) {
    return;
  }
  messages.replaceChildren();
  try {
    await call(action, params);
    messages.append(notice(t('common.deleted', name)));
    done();
  } catch (error) {
    messages.append(errorBox(error));
  }
}
