// The console's main paths in Debian's Firefox ESR, driven by puppeteer-core over WebDriver BiDi (stock Firefox,
// no patched build). Run by ConsoleFirefoxTest; prints "PASS <scenario>" per scenario and exits 1 on a failure.
// The full scenario list (devices over MQTT, samples, RAM, accessibility) runs in Chromium (console.spec.mjs); this
// one proves what differs between the engines: Web Crypto signing (V3 and V1), fetch and the upload's progress.
import puppeteer from 'puppeteer-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TIMEOUT, suffix, pass, check } from './harness.mjs';

const { CONSOLE_URL, ROOT_ID, ROOT_SECRET, WORK } = process.env;
const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
const productName = `firefox_prod_${suffix}`;

async function signIn(page) {
  await page.goto(CONSOLE_URL);
  await page.waitForSelector('input[name=accessKeyId]');
  await page.type('input[name=accessKeyId]', ROOT_ID);
  await page.type('input[name=accessKeySecret]', ROOT_SECRET);
  await page.select('#signin select[name=scheme]', 'V3');
  await page.click('#signin button[type=submit]');
  await page.waitForSelector('#create-product');
  check(await page.evaluate(() => !JSON.stringify({ ...localStorage }).includes('secret')), 'secret in localStorage');
  pass('firefox sign-in V3');
}

async function product(page) {
  await page.type('#create-product input[name=ProductName]', productName);
  await page.click('#create-product button[type=submit]');
  await page.waitForFunction(name => [...document.querySelectorAll('#product-list tr')]
    .some(row => row.textContent.includes(name)), {}, productName);
  const productKey = await page.evaluate(name => [...document.querySelectorAll('#product-list tr')]
    .find(row => row.textContent.includes(name)).dataset.productKey, productName);
  await page.goto(CONSOLE_URL + '#products/' + encodeURIComponent(productKey));
  await page.waitForSelector('#create-module input[name=ModuleName]');
  await page.type('#create-module input[name=ModuleName]', 'bad name!');
  await page.click('#create-module button[type=submit]');
  await page.waitForSelector('#module-messages .error[data-code="iot.ota.InvalidOtaModuleName"]');
  pass('firefox product and validation error');
  return productKey;
}

async function upload(page, productKey) {
  mkdirSync(WORK, { recursive: true });
  const file = join(WORK, 'firefox-1.1.0.bin');
  writeFileSync(file, Buffer.alloc(2 * 1024 * 1024, 5));
  await page.goto(CONSOLE_URL + '#packages');
  await page.waitForSelector(`#package-product option[value="${productKey}"]`);
  await page.select('#package-product', productKey);
  const input = await page.waitForSelector('#create-package input[type=file]');
  await input.uploadFile(file);
  await page.type('#create-package input[name=FirmwareName]', `ff_${suffix}`);
  await page.type('#create-package input[name=DestVersion]', '1.1.0');
  await page.click('#create-package button[type=submit]');
  await page.waitForFunction(() => [...document.querySelectorAll('#package-messages .notice')]
    .some(n => n.textContent.includes('Created package')), { timeout: 60000 });
  check(await page.evaluate(() => document.getElementById('upload-progress').value) === 100, 'progress is not 100');
  check(await page.evaluate(() => document.getElementById('upload-percent').textContent) === '100 %', 'not 100 %');
  pass('firefox upload progress reached 100');
}

async function explorerV1(page) {
  await page.goto(CONSOLE_URL + '#explorer/QueryProductList');
  await page.waitForSelector('#explorer-form input[name=CurrentPage]');
  await page.type('#explorer-form input[name=CurrentPage]', '1');
  await page.type('#explorer-form input[name=PageSize]', '10');
  await page.select('#explorer-scheme', 'V1');
  await page.click('#explorer-send');
  await page.waitForSelector('#response-body');
  const text = await page.evaluate(() => document.getElementById('response-body').textContent);
  check(text.includes('"Success": true') && text.includes(productName), 'explorer V1: ' + text);
  pass('firefox explorer V1');
}

const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('pageerror', error => console.log('PAGE ERROR ' + error.message));
  await signIn(page);
  const productKey = await product(page);
  await upload(page, productKey);
  await explorerV1(page);
} catch (error) {
  console.log('FAIL ' + (error.stack || error));
  process.exitCode = 1;
} finally {
  await browser.close();
}
