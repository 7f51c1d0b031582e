'use strict';
// Connects one device through Alibaba's official Node device SDK (alibabacloud-iot-device-sdk), unmodified,
// reports a firmware version on the OTA inform topic, and prints the outcome as JSON on stdout.
// stdin: {"brokerUrl", "productKey", "deviceName", "deviceSecret", "version", "timeoutMs"}
// stdout: {"connected": true, "informed": true} or {"connected": false, "error": "..."}
const iot = require('alibabacloud-iot-device-sdk');

let input = '';
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const config = JSON.parse(input);
  let done = false;
  const finish = (result, device) => {
    if (done) return;
    done = true;
    process.stdout.write(JSON.stringify(result));
    if (device) {
      device.end(false, () => process.exit(0));
      setTimeout(() => process.exit(0), 2000);
    } else {
      process.exit(0);
    }
  };
  const device = iot.device({
    productKey: config.productKey,
    deviceName: config.deviceName,
    deviceSecret: config.deviceSecret,
    brokerUrl: config.brokerUrl,
    keepalive: 60,
  });
  device.on('connect', () => {
    const topic = `/ota/device/inform/${config.productKey}/${config.deviceName}`;
    const message = JSON.stringify({ id: '1', params: { version: config.version } });
    device.publish(topic, message, { qos: 1 }, (error) => {
      finish(error ? { connected: true, informed: false, error: String(error) } : { connected: true, informed: true },
        device);
    });
  });
  device.on('error', (error) => finish({ connected: false, error: String(error && error.message || error) }, device));
  setTimeout(() => finish({ connected: false, error: 'timeout' }, device), config.timeoutMs || 20000);
});
