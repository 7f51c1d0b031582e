// A few DOM helpers instead of a framework: build elements, show errors, format.

/** h('button', {class: 'x', onclick: f}, 'text', child...) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) {
      continue;
    }
    if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.slice(2), v);
    } else if (k === 'class') {
      el.className = v;
    } else if (k === 'dataset') {
      Object.assign(el.dataset, v);
    } else if (v === true) {
      el.setAttribute(k, '');
    } else {
      el.setAttribute(k, v);
    }
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) {
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return el;
}

let ids = 0;
export function uid(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** Gives the input an id and links the hint (documented limits) to it with aria-describedby. */
function described(input, hint) {
  input.id = input.id || uid('f');
  const hintEl = hint ? h('small', { id: input.id + '-hint', class: 'hint' }, hint) : null;
  if (hintEl) {
    input.setAttribute('aria-describedby', hintEl.id);
  }
  return hintEl;
}

/** A labelled form field, its hint below. */
export function field(label, input, hint) {
  const hintEl = described(input, hint);
  return h('div', { class: 'field' }, h('label', { for: input.id }, label), input, hintEl);
}

/** A labelled checkbox (the label wraps it), its hint below. */
export function checkbox(label, input, hint) {
  const hintEl = described(input, hint);
  return h('div', { class: 'field check' }, h('label', { for: input.id }, input, ' ', label), hintEl);
}

/**
 * A form's submit: the default prevented, earlier messages cleared, the submit button disabled while fn runs, and
 * a failure shown as the API gave it.
 */
export function onSubmit(form, messages, fn) {
  form.addEventListener('submit', async e => {
    e.preventDefault();
    messages.replaceChildren();
    const submit = form.querySelector('button[type=submit]');
    submit.disabled = true;
    try {
      await fn();
    } catch (error) {
      messages.append(errorBox(error));
    } finally {
      submit.disabled = false;
    }
  });
}

/** The API's answer to a failed call, as the API gave it: code and message. */
export function errorBox(error) {
  return h('div', { class: 'error', role: 'alert', 'data-code': error.code || '' },
    h('strong', {}, error.code || 'Error'), ' ', error.message || String(error));
}

export function notice(text) {
  return h('div', { class: 'notice', role: 'status' }, text);
}

export function clear(el) {
  while (el.firstChild) {
    el.firstChild.remove();
  }
  return el;
}

export function table(headers, rows, caption) {
  return h('table', {},
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, headers.map(x => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows));
}

export function bytes(n) {
  if (n === undefined || n === null) {
    return '';
  }
  const units = ['B', 'KB', 'MB', 'GB'];
  let i = 0;
  let v = Number(n);
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return (i === 0 ? v : v.toFixed(1)) + ' ' + units[i];
}
