// The signed-in AccessKey lives in sessionStorage only: one browser tab, gone when it closes; never localStorage,
// never a cookie, never sent to the server.
const KEY = 'updraft.session';

export function current() {
  const raw = sessionStorage.getItem(KEY);
  return raw ? JSON.parse(raw) : null;
}

export function signIn(id, secret, scheme) {
  sessionStorage.setItem(KEY, JSON.stringify({ id, secret, scheme }));
}

export function setScheme(scheme) {
  const s = current();
  if (s) {
    signIn(s.id, s.secret, scheme);
  }
}

export function signOut() {
  sessionStorage.removeItem(KEY);
}
