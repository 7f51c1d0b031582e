// Signs OpenAPI requests in the browser exactly as the official SDKs do (protocol.md §4 V1, §5 V3), with the
// Web Crypto API. The AccessKey secret is used here and never sent.

const encoder = new TextEncoder();

/** RFC 3986 percent-encoding of UTF-8, upper-case hex: what Alibaba's canonical strings use. */
export function percentEncode(value) {
  return encodeURIComponent(value).replace(/[!'()*]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** Sorted by name in code-unit order, enc(k)=enc(v) joined by '&'; an empty value stays 'k='. */
export function canonicalQuery(params) {
  return Object.keys(params).sort().map(k => percentEncode(k) + '=' + percentEncode(params[k])).join('&');
}

export function formBody(params) {
  return Object.keys(params).map(k => percentEncode(k) + '=' + percentEncode(params[k])).join('&');
}

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), b => b.toString(16).padStart(2, '0')).join('');
}

function base64(buffer) {
  return btoa(String.fromCharCode(...new Uint8Array(buffer)));
}

async function hmac(algorithm, key, data) {
  const cryptoKey = await crypto.subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: algorithm },
    false, ['sign']);
  return crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(data));
}

export async function sha256Hex(data) {
  return hex(await crypto.subtle.digest('SHA-256', typeof data === 'string' ? encoder.encode(data) : data));
}

/** yyyy-MM-ddTHH:mm:ssZ, UTC, no milliseconds. */
export function timestamp(date = new Date()) {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function nonce() {
  return crypto.randomUUID();
}

/** Web Crypto exists only in secure contexts: https, or http on localhost / 127.0.0.1. */
export function canSign() {
  return typeof crypto !== 'undefined' && !!crypto.subtle && typeof crypto.randomUUID === 'function';
}

/**
 * V1 (HMAC-SHA1): every parameter, the common ones included, goes in the form body with Signature.
 * @returns {{headers: Object, body: string, stringToSign: string}}
 */
export async function signV1(key, action, version, params, when = new Date(), nonceValue = nonce()) {
  const all = {
    ...params,
    Action: action, Version: version, Format: 'JSON', AccessKeyId: key.id,
    SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0', SignatureNonce: nonceValue, Timestamp: timestamp(when),
  };
  const stringToSign = 'POST&' + percentEncode('/') + '&' + percentEncode(canonicalQuery(all));
  all.Signature = base64(await hmac('SHA-1', key.secret + '&', stringToSign));
  return {
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-acs-action': action, 'x-acs-version': version },
    body: formBody(all),
    stringToSign,
  };
}

/**
 * V3 (ACS3-HMAC-SHA256): the parameters in a form body covered by x-acs-content-sha256, as Tea does for form data.
 * The browser may not set 'host', so it is not signed (the server does not require it, as for the core SDK's V3).
 */
export async function signV3(key, action, version, params, when = new Date(), nonceValue = nonce()) {
  const body = formBody(params);
  const headers = {
    'x-acs-action': action,
    'x-acs-version': version,
    'x-acs-date': timestamp(when),
    'x-acs-signature-nonce': nonceValue,
    'x-acs-content-sha256': await sha256Hex(body),
  };
  const signed = Object.keys(headers).sort();
  const canonicalRequest = ['POST', '/', '', signed.map(h => h + ':' + headers[h].trim() + '\n').join(''),
    signed.join(';'), headers['x-acs-content-sha256']].join('\n');
  const stringToSign = 'ACS3-HMAC-SHA256\n' + await sha256Hex(canonicalRequest);
  const signature = hex(await hmac('SHA-256', key.secret, stringToSign));
  return {
    headers: {
      ...headers,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      authorization: `ACS3-HMAC-SHA256 Credential=${key.id},SignedHeaders=${signed.join(';')},Signature=${signature}`,
    },
    body,
    stringToSign,
  };
}
