'use strict';

// An OTA device built on Alibaba's Node device SDK (alibabacloud-iot-device-sdk), unmodified. The SDK has no OTA
// API of its own (no ota module, no onOta), so the device does what an application on it does: the SDK's
// subscribe/publish on the documented OTA topics (ota-api.md §F.1-F.4).
//
// Settings, from the environment:
//   UPDRAFT_BROKER_URL  e.g. mqtt://127.0.0.1:1883 (plain TCP: the SDK sends securemode=3) or mqtts://... (TLS:
//                       securemode=2; trust a test CA with NODE_EXTRA_CA_CERTS)
//   UPDRAFT_PRODUCT_KEY, UPDRAFT_DEVICE_NAME, UPDRAFT_DEVICE_SECRET  the device certificate
//   UPDRAFT_VERSION     the version the device runs and reports at connect
//   UPDRAFT_STEPS       progress steps reported while upgrading, e.g. "10,50,100" (10 before the download, the
//                       others after it has been verified)
// Stdout: one JSON object a line, {"event": ...}: connected, subscribed, reported, push, downloaded, verified,
// progress, done; or error (then the exit code is 1). Every "subscribed", "reported" and "progress" line is written
// when the SDK's callback reports the SUBACK / PUBACK, i.e. once the server has stored it. After "done" (the new
// version reported and acknowledged) the device disconnects and exits 0.

const crypto = require('crypto');
const http = require('http');
const https = require('https');
const iot = require('alibabacloud-iot-device-sdk');

function setting(name) {
  const value = process.env[name];
  if (!value) {
    fail(new Error(name + ' is not set'));
  }
  return value;
}

function emit(event, fields) {
  process.stdout.write(JSON.stringify(Object.assign({ event: event }, fields || {})) + '\n');
}

function fail(error) {
  emit('error', { message: String(error && error.message ? error.message : error) });
  process.exit(1);
}

const productKey = setting('UPDRAFT_PRODUCT_KEY');
const deviceName = setting('UPDRAFT_DEVICE_NAME');
const brokerUrl = setting('UPDRAFT_BROKER_URL');
let version = setting('UPDRAFT_VERSION');
const steps = (process.env.UPDRAFT_STEPS || '10,50,100').split(',').map((s) => s.trim());
const topic = (kind) => '/ota/device/' + kind + '/' + productKey + '/' + deviceName;
let messageId = 0;
let upgrading = false;

const device = iot.device({
  productKey: productKey,
  deviceName: deviceName,
  deviceSecret: setting('UPDRAFT_DEVICE_SECRET'),
  brokerUrl: brokerUrl,
  keepalive: 60,
});

// QoS 1: the callback runs when the PUBACK is in.
function publish(kind, params) {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify({ id: String(++messageId), params: params });
    device.publish(topic(kind), payload, { qos: 1 }, (err) => (err ? reject(err) : resolve()));
  });
}

async function report(v) {
  await publish('inform', { version: v });
  emit('reported', { version: v });
}

async function progress(step, desc) {
  await publish('progress', { step: step, desc: desc });
  emit('progress', { step: step });
}

function download(url) {
  return new Promise((resolve, reject) => {
    const client = url.startsWith('https:') ? https : http;
    client.get(url, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

function digest(algorithm, body) {
  return crypto.createHash(algorithm).update(body).digest('hex');
}

// What LinkSDK checks before it flashes: the size, the sign by signMethod, and md5 when present.
function verify(data, body) {
  if (body.length !== Number(data.size)) {
    throw new Error('downloaded ' + body.length + ' bytes, the push says ' + data.size);
  }
  const algorithm = { Md5: 'md5', SHA256: 'sha256', Sha256: 'sha256' }[data.signMethod];
  if (!algorithm) {
    throw new Error('signMethod ' + data.signMethod + ' is not one the device SDKs accept');
  }
  if (digest(algorithm, body) !== data.sign) {
    throw new Error('the file\'s ' + data.signMethod + ' is ' + digest(algorithm, body) + ', the push signs ' + data.sign);
  }
  if (data.md5 !== undefined && digest('md5', body) !== data.md5) {
    throw new Error('the file\'s MD5 is ' + digest('md5', body) + ', the push says ' + data.md5);
  }
}

async function upgrade(data) {
  await progress(steps[0], 'downloading');
  const file = await download(data.url);
  if (file.status !== 200) {
    throw new Error('GET ' + data.url + ' answered ' + file.status);
  }
  emit('downloaded', { bytes: file.body.length, md5: digest('md5', file.body) });
  verify(data, file.body);
  emit('verified', { signMethod: data.signMethod });
  for (const step of steps.slice(1)) {
    await progress(step, 'upgrading');
  }
  version = data.version;
  await report(version);
  emit('done', { version: version });
  device.end(false, () => process.exit(0));
}

device.on('connect', () => {
  emit('connected', { brokerUrl: brokerUrl });
  device.subscribe(topic('upgrade'), { qos: 1 }, (err, granted) => {
    if (err) {
      fail(err);
    }
    emit('subscribed', { topic: topic('upgrade'), granted: granted.map((g) => g.qos) });
    report(version).catch(fail);
  });
});

device.on('message', (t, payload) => {
  if (t !== topic('upgrade') || upgrading) {
    return;
  }
  let push;
  try {
    push = JSON.parse(payload.toString());
  } catch (e) {
    fail(new Error('unreadable push: ' + payload.toString()));
  }
  emit('push', { push: push });
  upgrading = true;
  upgrade(push.data).catch(fail);
});

device.on('error', (err) => fail(err));
