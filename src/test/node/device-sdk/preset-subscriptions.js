'use strict';

// Connects one device through Alibaba's official, unmodified Node device SDK
// (alibabacloud-iot-device-sdk), which subscribes to its preset topics at every
// connect, and reports what the broker granted each of those subscriptions.
//
// argv:   brokerUrl productKey deviceName deviceSecret
// stdout: {"granted":[{"topic":"/sys/...","qos":1}, ...]}  (qos 128: refused)
// Waits for the SUBACKs of every preset subscription (at most 20 s), then exits.

const iot = require('alibabacloud-iot-device-sdk');

const [brokerUrl, productKey, deviceName, deviceSecret] = process.argv.slice(2);
const granted = [];
let expected = null;
let asked = 0;

const device = iot.device({ productKey, deviceName, deviceSecret, brokerUrl, keepalive: 60 });
const client = device._mqttClient;
const subscribe = client.subscribe.bind(client);
client.subscribe = function (topic, options, callback) {
  asked += Array.isArray(topic) ? topic.length : 1;
  return subscribe(topic, options, (error, grants) => {
    (grants || []).forEach((g) => granted.push({ topic: g.topic, qos: g.qos }));
    if (error) {
      granted.push({ topic: String(topic), qos: 128, error: String(error) });
    }
    if (typeof callback === 'function') {
      callback(error, grants);
    }
    finishIfDone();
  });
};

function finish(code) {
  process.stdout.write(JSON.stringify({ granted }) + '\n');
  device.end(true);
  process.exit(code);
}

function finishIfDone() {
  if (expected !== null && granted.length >= expected) {
    finish(0);
  }
}

device.on('connect', () => {
  // The SDK subscribes right after 'connect'; count what it asked for once it did.
  setImmediate(() => {
    expected = asked;
    finishIfDone();
  });
});
device.on('error', (e) => {
  process.stderr.write('device error: ' + e + '\n');
});
setTimeout(() => finish(2), 20000);
