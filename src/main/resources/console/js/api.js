// The console's only way to the server: signed calls of the public Actions, like any SDK. RAM applies as usual.
import { signV1, signV3 } from './sign.js';
import * as session from './session.js';

export const VERSION = '2018-01-20';

/** A failed call: the API's Code and message (gateway Message or business ErrorMessage), the raw response kept. */
export class ApiError extends Error {
  constructor(code, message, status, body) {
    super(message);
    this.code = code;
    this.status = status;
    this.body = body;
  }
}

/** Empty optional values are left out, as an SDK leaves unset fields out. */
function clean(params) {
  const out = {};
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== '') {
      out[k] = String(v);
    }
  }
  return out;
}

/** Sends one signed request and returns the raw answer (for the API Explorer). */
export async function send(action, params, { key = session.current(), scheme = key?.scheme || 'V3', keepEmpty = false } = {}) {
  const values = keepEmpty ? Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) : clean(params);
  const signed = scheme === 'V1' ? await signV1(key, action, VERSION, values) : await signV3(key, action, VERSION, values);
  const response = await fetch('/', { method: 'POST', headers: signed.headers, body: signed.body, cache: 'no-store' });
  const text = await response.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch (e) {
    // not JSON: shown raw
  }
  return { status: response.status, requestId: response.headers.get('x-acs-request-id'), text, json, signed };
}

/** Calls an Action; resolves to the response document on success, rejects with an ApiError otherwise. */
export async function call(action, params, options) {
  const r = await send(action, params, options);
  if (r.status === 200 && r.json && r.json.Success !== false) {
    return r.json;
  }
  const body = r.json || {};
  throw new ApiError(body.Code || String(r.status), body.ErrorMessage || body.Message || r.text, r.status, body);
}

/** Lists that the JSON renders as an array, or as {Item: [...]} in some shapes: always an array. */
export function items(value, name) {
  if (!value) {
    return [];
  }
  if (Array.isArray(value)) {
    return value;
  }
  const inner = name ? value[name] : Object.values(value)[0];
  return Array.isArray(inner) ? inner : inner ? [inner] : [];
}
