'use strict';

// Drives an RPC-style endpoint through the official, unmodified Alibaba Cloud
// Node SDK (@alicloud/pop-core), so Java integration tests can check that
// Updraft is wire-compatible with it.
//
// stdin:  {"endpoint","accessKeyId","accessKeySecret","apiVersion",
//          "calls":[{"action","params","method"}]}
// stdout: {"results":[{"ok":true,"httpStatus":200,"body":{...}}
//                   | {"ok":false,"httpStatus":400,"name","code","message","data"}]}
// Exit code is non-zero only when the input itself is unusable; a failing call
// is reported as a result so that later calls in the batch still run.

const crypto = require('crypto');
const RPCClient = require('@alicloud/pop-core').RPCClient;

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

// pop-core parses responses with json-bigint, so numbers longer than 15
// characters arrive as BigNumber objects. Their toJSON() would turn them into
// strings; instead they are written as exact JSON number literals so Jackson
// sees a number of the right magnitude (e.g. a 64-bit id stays a long).
function toPlainJson(value) {
  const marker = `__popcore_bignum_${crypto.randomBytes(8).toString('hex')}__`;
  const text = JSON.stringify(value, function (key, v) {
    const raw = this[key]; // the replacer sees v after toJSON(); look at the original
    if (raw && raw._isBigNumber === true) {
      return raw.isFinite() ? marker + raw.toFixed() : null;
    }
    return v;
  });
  return text.replace(new RegExp(`"${marker}([-0-9.]+)"`, 'g'), '$1');
}

function statusOf(entry) {
  return entry && entry.response ? entry.response.statusCode : null;
}

async function runCall(client, call) {
  const method = (call.method || 'GET').toUpperCase();
  try {
    // verbose client => [body, entry]; entry only adds the HTTP status for the tests.
    const [body, entry] = await client.request(call.action, call.params || {},
      { method, timeout: 10000 });
    return { ok: true, httpStatus: statusOf(entry), body };
  } catch (err) {
    return {
      ok: false,
      httpStatus: statusOf(err.entry),
      name: err.name,
      code: err.code === undefined ? null : err.code,
      message: err.message,
      data: err.data === undefined ? null : err.data,
    };
  }
}

async function main() {
  const input = JSON.parse(await readStdin());
  const client = new RPCClient({
    accessKeyId: input.accessKeyId,
    accessKeySecret: input.accessKeySecret,
    endpoint: input.endpoint,
    apiVersion: input.apiVersion || '2018-01-20',
  }, true);
  const results = [];
  for (const call of input.calls || []) {
    results.push(await runCall(client, call));
  }
  return { results };
}

main().then(
  // Exit explicitly: the SDK's keep-alive agent could otherwise hold the process open.
  (output) => process.stdout.write(toPlainJson(output) + '\n', () => process.exit(0)),
  (err) => {
    process.stderr.write(`popcore-call: ${err && err.stack ? err.stack : err}\n`, () => process.exit(2));
  });
