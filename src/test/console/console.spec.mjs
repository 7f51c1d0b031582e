// Drives the Updraft console in Debian's headless Chromium with playwright-core. Run by ConsoleBrowserTest, which
// starts the server, answers "DEVICE {...}" by connecting that device over MQTT (then writes CONNECTED on stdin),
// "UPGRADER {...}" by connecting a device that upgrades when pushed, failing its first attempt (then UPGRADING),
// and runs the samples announced with "SAMPLE <id> <file>". Prints "PASS <scenario>" per scenario; exits 1 on failure.
import { chromium } from 'playwright-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TIMEOUT, suffix, pass, check } from './harness.mjs';
import { createInterface } from 'node:readline';

const { CONSOLE_URL, ROOT_ID, ROOT_SECRET, LISTER_ID, LISTER_SECRET, SCREENSHOTS, WORK } = process.env;
const stdin = createInterface({ input: process.stdin });
const nextLine = () => new Promise(resolve => stdin.once('line', resolve));
const productName = `console_prod_${suffix}`;

async function shot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

async function signIn(page, id, secret, scheme = 'V3') {
  await page.goto(CONSOLE_URL);
  await page.getByLabel('AccessKey ID').fill(id);
  await page.getByLabel('AccessKey secret').fill(secret);
  await page.getByLabel('Signature').selectOption(scheme);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Products', level: 1 }).waitFor();
}

async function products(page) {
  await page.getByLabel('Product name').fill(productName);
  await page.getByRole('button', { name: 'Create' }).click();
  const row = page.locator('#product-list tr', { hasText: productName });
  await row.waitFor();
  const productKey = await row.getAttribute('data-product-key');
  await shot(page, 'products');
  await row.getByRole('link', { name: 'Modules' }).click();
  await page.locator('#modules-title').waitFor();
  await page.getByLabel('Module name').fill('scanner');
  await page.getByLabel('Alias').fill('扫码枪');
  await page.locator('#create-module').getByRole('button', { name: 'Create' }).click();
  await page.locator('#module-list tr[data-module="scanner"]').waitFor();
  // Edit the alias and description in place
  await page.locator('#module-list tr[data-module="scanner"]').getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Description', { exact: true }).last().fill('Scanner firmware, rev. B');
  await page.locator('#module-list').getByRole('button', { name: 'Save' }).click();
  await page.locator('#module-list tr[data-module="scanner"]', { hasText: 'rev. B' }).waitFor();
  pass('product and module');
  // The API's own validation message, shown in the form
  await page.getByLabel('Module name').fill('bad name!');
  await page.locator('#create-module').getByRole('button', { name: 'Create' }).click();
  const error = page.locator('#module-messages .error');
  await error.waitFor();
  check(await error.getAttribute('data-code') === 'iot.ota.InvalidOtaModuleName', await error.textContent());
  check((await error.textContent()).includes('the format of module name is invalid'), await error.textContent());
  await shot(page, 'modules');
  pass('validation error shown');
  // Delete a module (the confirmation dialog is accepted)
  await page.getByLabel('Module name').fill('spare');
  await page.locator('#create-module').getByRole('button', { name: 'Create' }).click();
  await page.locator('#module-list tr[data-module="spare"]').getByRole('button', { name: 'Delete' }).click();
  await page.locator('#module-messages .notice', { hasText: 'spare' }).waitFor();
  await page.locator('#module-list tr[data-module="spare"]').waitFor({ state: 'detached' });
  // the list reloads after the deletion: the other module is back in it once it has
  await page.locator('#module-list tr[data-module="scanner"]').waitFor();
  pass('module deleted');
  return productKey;
}

async function packages(page, productKey) {
  await page.goto(CONSOLE_URL + '#packages');
  await page.locator('#package-product option').first().waitFor({ state: 'attached' });
  await page.locator('#package-product').selectOption(productKey);
  const content = Buffer.alloc(4 * 1024 * 1024, 7);
  await page.getByLabel('Package file').setInputFiles({ name: 'firmware-1.1.0.bin', mimeType: 'application/octet-stream', buffer: content });
  await page.getByLabel('Package name').fill(`fw_${suffix}`);
  await page.getByLabel('Version (DestVersion)').fill('1.1.0');
  const seen = new Set();
  const watch = setInterval(() => page.locator('#upload-progress').evaluate(p => p.value).then(v => seen.add(v), () => {}), 20);
  await page.getByRole('button', { name: 'Upload and create' }).click();
  await page.locator('#package-messages .notice', { hasText: 'Created package' }).waitFor({ timeout: 60000 });
  clearInterval(watch);
  check(await page.locator('#upload-progress').evaluate(p => p.value) === 100, 'progress did not reach 100');
  check((await page.locator('#upload-percent').textContent()) === '100 %', 'percentage is not 100 %');
  const row = page.locator('#package-list tr', { hasText: `fw_${suffix}` });
  await row.waitFor();
  await row.getByRole('button', { name: 'Details' }).click();
  await page.locator('#package-details dd', { hasText: '4.0 MB' }).waitFor();
  await shot(page, 'packages');
  pass('upload progress reached 100');
  return `fw_${suffix}`;
}

async function devices(page, productKey) {
  await page.goto(CONSOLE_URL + '#devices');
  await page.locator('#device-product option').first().waitFor({ state: 'attached' });
  await page.locator('#device-product').selectOption(productKey);
  const deviceName = `console-dev-${suffix}`;
  await page.getByLabel('DeviceName', { exact: true }).fill(deviceName);
  await page.locator('#register-device').getByRole('button', { name: 'Create' }).click();
  const registered = page.locator('#device-messages .notice', { hasText: 'DeviceSecret' });
  await registered.waitFor();
  const deviceSecret = (await registered.textContent()).split('DeviceSecret: ')[1].trim();
  const row = page.locator(`#device-list tr[data-device-name="${deviceName}"]`);
  await row.waitFor();
  check(!(await row.textContent()).includes('Online'), 'online before connecting');
  console.log('DEVICE ' + JSON.stringify({ productKey, deviceName, deviceSecret }));
  check(await nextLine() === 'CONNECTED', 'the test did not connect the device');
  await page.locator(`#device-list tr[data-device-name="${deviceName}"] td.status-ONLINE`).waitFor({ timeout: TIMEOUT });
  await page.locator(`#device-list tr[data-device-name="${deviceName}"]`, { hasText: 'default: 1.0.0' }).waitFor({ timeout: TIMEOUT });
  // search by name
  await page.getByLabel('Search by DeviceName').fill(deviceName);
  await page.getByRole('search').getByRole('button').click();
  await page.locator(`#device-list tr[data-device-name="${deviceName}"]`).waitFor();
  await shot(page, 'devices');
  pass('device online');
  return deviceName;
}

/** The cells of the task row of deviceName, once it is in state. */
function taskRow(page, deviceName, state) {
  return page.locator(`#task-table tr[data-device-name="${deviceName}"][data-state="${state}"]`);
}

async function count(page, state) {
  return page.locator(`#task-counts li[data-state="${state}"] .count`).textContent();
}

async function waitCount(page, state, expected) {
  await page.locator(`#task-counts li[data-state="${state}"] .count`, { hasText: new RegExp(`^${expected}$`) })
    .waitFor({ timeout: TIMEOUT });
}

/**
 * A static batch with NeedConfirm over two devices the console registered: the one the test upgrades (its first
 * attempt fails with a reason, the re-upgrade succeeds) and the connected device that never subscribes to its upgrade
 * topic (its task stays queued; canceled).
 * The counts, the progress bar and the rows follow on their own (the page is never reloaded).
 */
async function batches(page, productKey, firstPackage, idleDevice) {
  // A second device, which the test connects as an upgrading device (still on the devices page, this product)
  const upgrading = `console-upd-${suffix}`;
  await page.getByLabel('DeviceName', { exact: true }).fill(upgrading);
  await page.locator('#register-device').getByRole('button', { name: 'Create' }).click();
  const registered = page.locator('#device-messages .notice', { hasText: upgrading });
  await registered.waitFor();
  const deviceSecret = (await registered.textContent()).split('DeviceSecret: ')[1].trim();
  console.log('UPGRADER ' + JSON.stringify({ productKey, deviceName: upgrading, deviceSecret }));
  check(await nextLine() === 'UPGRADING', 'the test did not connect the upgrading device');
  await page.getByLabel('Search by DeviceName').fill(upgrading);
  await page.getByRole('search').getByRole('button').click();
  await page.locator(`#device-list tr[data-device-name="${upgrading}"] td.status-ONLINE`).waitFor({ timeout: TIMEOUT });
  // A package that needs no verification
  await page.goto(CONSOLE_URL + '#packages');
  await page.locator('#package-product option').first().waitFor({ state: 'attached' });
  await page.locator('#package-product').selectOption(productKey);
  await page.getByLabel('Package file').setInputFiles({ name: 'firmware-1.2.0.bin', mimeType: 'application/octet-stream',
    buffer: Buffer.alloc(64 * 1024, 9) });
  const packageName = `fwb_${suffix}`;
  await page.getByLabel('Package name').fill(packageName);
  await page.getByLabel('Version (DestVersion)').fill('1.2.0');
  await page.getByLabel(/NeedToVerify/).uncheck();
  await page.getByRole('button', { name: 'Upload and create' }).click();
  await page.locator('#package-messages .notice', { hasText: 'Created package' }).waitFor({ timeout: 60000 });
  // The first package needs verification: the API's refusal shows in the form
  await page.goto(CONSOLE_URL + '#batches');
  await choosePackage(page, firstPackage);
  await page.getByLabel('Devices (TargetDeviceName)').fill(`${upgrading}\n${idleDevice}`);
  await page.getByRole('button', { name: 'Create batch' }).click();
  const refused = page.locator('#batch-messages .error');
  await refused.waitFor();
  check(await refused.getAttribute('data-code') === 'iot.ota.FirmwareNotVerified', await refused.textContent());
  pass('batch validation error shown');
  // The static batch, SPECIFIC, NeedConfirm, a tag
  await choosePackage(page, packageName);
  await page.locator('#batch-list h2', { hasText: packageName }).waitFor();
  check(await page.getByLabel(/GrayPercent/).isHidden(), 'GRAY field shown for SPECIFIC');
  await page.getByLabel('Wait for confirmation (NeedConfirm)').check();
  await page.getByLabel('Tags (Tag)').fill('ring=canary');
  await page.getByRole('button', { name: 'Create batch' }).click();
  const created = page.locator('#batch-messages .notice', { hasText: 'Created batch' });
  await created.waitFor();
  const jobId = /Created batch (\S+)\./.exec(await created.textContent())[1];
  await page.locator(`#batch-list tr[data-job-id="${jobId}"]`).waitFor();
  await shot(page, 'batches');
  pass('static batch created');
  await created.getByRole('link', { name: 'Open the batch' }).click();
  await page.evaluate(() => { window.notReloaded = true; });
  const actions = [];
  page.on('request', r => actions.push(r.headers()['x-acs-action']));
  await waitCount(page, 'CONFIRM', 2);
  await page.locator('#batch-summary dd', { hasText: 'ring=canary' }).waitFor();
  await taskRow(page, upgrading, 'CONFIRM').waitFor();
  // Confirm from the console: the upgrading device is pushed, fails once, with its reason shown
  await page.getByRole('button', { name: 'Confirm all waiting tasks' }).click();
  await page.locator('#batch-messages .notice', { hasText: 'Confirmed 2 task(s).' }).waitFor();
  await taskRow(page, upgrading, 'FAILED').locator('.reason', { hasText: 'flash write failed' }).waitFor();
  await waitCount(page, 'FAILED', 1);
  await taskRow(page, idleDevice, 'QUEUED').waitFor(); // connected, but not subscribed to its upgrade topic
  await shot(page, 'batch');
  pass('confirmed, failure reason shown');
  // Re-upgrade: it succeeds; the counts, the row and the progress bar follow without a reload
  await page.getByRole('button', { name: `Re-upgrade ${upgrading}` }).click();
  await taskRow(page, upgrading, 'SUCCEEDED').waitFor();
  await waitCount(page, 'SUCCEEDED', 1);
  await waitCount(page, 'FAILED', 0);
  check(await taskRow(page, upgrading, 'SUCCEEDED').locator('.percent').textContent() === '100 %', 'task progress');
  check(await page.locator('#batch-progress').evaluate(p => p.value) === 50, 'batch progress is not 50 %');
  pass('re-upgraded, succeeded live');
  // Cancel the device that never answers
  await page.getByRole('button', { name: `Cancel task ${idleDevice}` }).click();
  await taskRow(page, idleDevice, 'CANCELED').locator('.reason', { hasText: 'canceled by CancelOTATaskByDevice' }).waitFor();
  await waitCount(page, 'CANCELED', 1);
  await page.locator('#batch-percent', { hasText: '2 of 2 tasks finished (100 %)' }).waitFor();
  check(await page.locator('#batch-progress').evaluate(p => p.value) === 100, 'batch progress is not 100 %');
  check(await count(page, 'ALL') === '2', 'total');
  await page.locator('#batch-summary[data-status="COMPLETED"]').waitFor();
  check(await page.evaluate(() => window.notReloaded === true), 'the page was reloaded');
  // The filter shows one state's tasks
  await page.getByLabel('Show the tasks in state').selectOption('SUCCEEDED');
  await page.locator(`#task-table tr[data-device-name="${idleDevice}"]`).waitFor({ state: 'detached' });
  await taskRow(page, upgrading, 'SUCCEEDED').waitFor();
  await page.getByLabel('Show the tasks in state').selectOption('');
  await taskRow(page, idleDevice, 'CANCELED').waitFor();
  pass('canceled, counts and progress live');
  // Leaving the page stops its refresh: two refreshes of the devices page later, no batch call went out
  await page.goto(CONSOLE_URL + '#devices');
  const left = actions.length;
  const devicesRefreshes = () => actions.slice(left).filter(a => a === 'QueryDevice').length;
  while (devicesRefreshes() < 3) {
    await page.waitForRequest(r => r.headers()['x-acs-action'] === 'QueryDevice');
  }
  const afterLeaving = actions.slice(left).filter(a => a === 'QueryOTAJob' || a === 'ListOTATaskByJob');
  check(afterLeaving.length === 0, 'the batch page still polls: ' + afterLeaving.join(','));
  // The list shows the finished batch
  await page.goto(CONSOLE_URL + '#batches');
  await page.locator(`#batch-list tr[data-job-id="${jobId}"]`, { hasText: 'Completed' }).waitFor();
  pass('batch page stops polling when left');
  return { jobId, packageName };
}

/** Opens the batch the create form just announced; returns its JobId. */
async function openCreated(page) {
  const created = page.locator('#batch-messages .notice', { hasText: 'Created batch' });
  await created.waitFor();
  const jobId = /Created batch (\S+)\./.exec(await created.textContent())[1];
  await created.getByRole('link', { name: 'Open the batch' }).click();
  await page.locator('#batch-summary dd').first().waitFor();
  return jobId;
}

async function choosePackage(page, name) {
  const choice = page.getByLabel('Update package');
  await choice.locator('option', { hasText: name }).waitFor({ state: 'attached' });
  await choice.selectOption({ label: await choice.locator('option', { hasText: name }).textContent() });
}

/**
 * The other two kinds of batch: a verification batch (its queued task canceled by state with CancelOTATaskByJob,
 * after the API's refusal of an empty cancel) and a dynamic batch over a source version (its policy canceled).
 */
async function otherBatches(page, firstPackage, secondPackage, idleDevice) {
  await page.goto(CONSOLE_URL + '#batches');
  await page.getByLabel('Batch type').selectOption('verify');
  check(await page.getByLabel('Target (TargetSelection)').isHidden(), 'TargetSelection shown for a verification batch');
  await choosePackage(page, firstPackage);
  await page.getByLabel('Devices (TargetDeviceName)').fill(idleDevice);
  await page.getByRole('button', { name: 'Create batch' }).click();
  await openCreated(page);
  await page.locator('#batch-summary dd', { hasText: 'Verification' }).waitFor();
  await waitCount(page, 'QUEUED', 1);
  check(await page.locator('#cancel-strategy').isHidden(), 'policy cancel offered for a static batch');
  await page.getByRole('button', { name: 'Cancel these tasks' }).click();
  const refused = page.locator('#batch-messages .error');
  await refused.waitFor();
  check(await refused.getAttribute('data-code') === 'iot.ota.CancelScopeEmpty', await refused.textContent());
  await page.locator('#cancel-by-job').getByLabel('Queued').check();
  await page.getByRole('button', { name: 'Cancel these tasks' }).click();
  await page.locator('#batch-messages .notice', { hasText: 'Canceled the chosen tasks.' }).waitFor();
  await waitCount(page, 'CANCELED', 1);
  await taskRow(page, idleDevice, 'CANCELED').waitFor();
  pass('verification batch, canceled by state');
  await page.goto(CONSOLE_URL + '#batches');
  await page.getByLabel('Batch type').selectOption('dynamic');
  await choosePackage(page, secondPackage);
  check(await page.getByLabel('Devices (TargetDeviceName)').isHidden(), 'device names shown for a dynamic batch');
  await page.getByLabel('From versions (SrcVersion)').fill('1.0.0');
  await page.getByLabel('Dynamic mode (DynamicMode)').selectOption('1');
  await page.getByRole('button', { name: 'Create batch' }).click();
  await openCreated(page);
  await page.locator('#batch-summary dd', { hasText: 'DYNAMIC' }).waitFor();
  await taskRow(page, idleDevice, 'QUEUED').waitFor();
  await page.getByRole('button', { name: 'Cancel the dynamic policy' }).click();
  await page.locator('#batch-messages .notice', { hasText: 'Canceled the dynamic policy.' }).waitFor();
  await page.locator('#batch-summary[data-status="CANCELED"]').waitFor();
  pass('dynamic batch, policy canceled');
}

async function explorer(page) {
  await page.goto(CONSOLE_URL + '#explorer/QueryProductList');
  const form = page.locator('#explorer-form');
  await form.getByLabel(/^CurrentPage/).fill('1');
  await form.getByLabel(/^PageSize/).fill('10');
  for (const scheme of ['V3', 'V1']) {
    await page.locator('#explorer-scheme').selectOption(scheme);
    await page.locator('#explorer-body').count();
    await page.getByRole('button', { name: 'Send request' }).click();
    const body = page.locator('#response-body');
    await body.waitFor();
    const text = await body.textContent();
    check(text.includes('"Success": true') && text.includes(productName), `explorer ${scheme}: ${text}`);
    check((await page.locator('#response-status').textContent()).startsWith('HTTP 200'), 'explorer status');
    if (scheme === 'V3') {
      await shot(page, 'explorer');
    }
    pass(`explorer ${scheme}`);
  }
  // The Explorer's form comes from the Action table: required parameters are marked and required
  check(await form.getByLabel(/^CurrentPage/).getAttribute('required') !== null, 'CurrentPage not required');
  mkdirSync(WORK, { recursive: true });
  for (const id of ['java-core', 'java-tea', 'node-popcore']) {
    const code = await page.locator(`code.sample[data-sample="${id}"]`).textContent();
    const file = join(WORK, id === 'node-popcore' ? 'sample.js' : `${id}.java`);
    writeFileSync(file, code);
    console.log(`SAMPLE ${id} ${file}`);
  }
  // Keyboard: the sample tabs move with the arrow keys
  await page.locator('#tab-java-core').focus();
  await page.keyboard.press('ArrowRight');
  check(await page.locator('#tab-java-tea').getAttribute('aria-selected') === 'true', 'arrow keys do not move tabs');
  // A list of plain values (TargetDeviceName.N) from the table: one input per item, flattened as the SDKs send it
  await page.goto(CONSOLE_URL + '#explorer/CreateOTAVerifyJob');
  await page.getByRole('button', { name: /TargetDeviceName$/ }).click();
  await page.getByLabel('TargetDeviceName.1').fill('dev-a');
  const core = await page.locator('code.sample[data-sample="java-core"]').textContent();
  check(core.includes('request.putQueryParameter("TargetDeviceName.1", "dev-a");'), 'core sample: ' + core);
  const tea = await page.locator('code.sample[data-sample="java-tea"]').textContent();
  check(tea.includes('.setTargetDeviceName(java.util.Arrays.asList("dev-a"))'), 'tea sample: ' + tea);
  pass('explorer list of values');
}

async function errorCenter(page) {
  await page.goto(CONSOLE_URL + '#errors');
  await page.locator('#error-table tr[data-code="iot.ota.InvalidOtaModuleName"]').waitFor();
  await page.locator('#error-table tr[data-code="SignatureDoesNotMatch"]').first().waitFor();
  await page.getByLabel('Filter codes').fill('Throttling');
  check(await page.locator('#error-table tbody tr:not([hidden])').count() === 1, 'filter');
  await page.getByLabel('Filter codes').fill('');
  await shot(page, 'errors');
  pass('error center');
}

async function chinese(page) {
  await page.locator('#lang').selectOption('zh');
  await page.getByRole('link', { name: '升级包' }).waitFor();
  check(await page.evaluate(() => document.documentElement.lang) === 'zh-CN', 'lang attribute');
  await page.locator('#lang').selectOption('en');
  pass('chinese');
}

/** Form controls, buttons, tabs and links on the page that have no accessible name (label, aria-label(ledby), text). */
async function unnamedControls(page) {
  return page.evaluate(() => {
    const visible = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const text = el => (el.textContent || '').trim();
    const named = el => (el.labels && [...el.labels].some(l => text(l)))
      || (el.getAttribute('aria-label') || '').trim()
      || (el.getAttribute('aria-labelledby') || '').split(/\s+/).some(id => id && text(document.getElementById(id) || {}))
      || ((el.tagName === 'BUTTON' || el.tagName === 'A' || el.getAttribute('role') === 'tab') && text(el));
    return [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button, a[href], [role=tab]')]
      .filter(visible).filter(el => !named(el)).map(el => el.outerHTML.slice(0, 160));
  });
}

async function accessibility(browser, productKey, jobId) {
  const context = await browser.newContext({ locale: 'en-US' });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  await page.goto(CONSOLE_URL);
  await page.locator('#signin').waitFor();
  check((await unnamedControls(page)).length === 0, 'sign-in: ' + (await unnamedControls(page)).join(' | '));
  // Keyboard only: the AccessKey ID field has focus on arrival, Tab moves to the secret, Enter signs in
  check(await page.evaluate(() => document.activeElement.name) === 'accessKeyId', 'the ID field has no focus');
  await page.keyboard.type(ROOT_ID);
  await page.keyboard.press('Tab');
  check(await page.evaluate(() => document.activeElement.name) === 'accessKeySecret', 'Tab does not reach the secret');
  await page.keyboard.type(ROOT_SECRET);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Products', level: 1 }).waitFor();
  // Tab through the header to the Devices link and open it with Enter; the page's content gets the focus
  for (let i = 0; i < 30 && await page.evaluate(() => document.activeElement.textContent) !== 'Devices'; i++) {
    await page.keyboard.press('Tab');
  }
  check(await page.evaluate(() => document.activeElement.getAttribute('href')) === '#devices', 'Tab never reached Devices');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Devices', level: 1 }).waitFor();
  check(await page.evaluate(() => document.activeElement.id) === 'main', 'focus did not move to the page');
  // Back to the skip link with Shift+Tab; it moves the focus to the content and stays on the page
  for (let i = 0; i < 30 && await page.evaluate(() => document.activeElement.className) !== 'skip'; i++) {
    await page.keyboard.press('Shift+Tab');
  }
  check(await page.evaluate(() => document.activeElement.textContent) === 'Skip to content', 'no skip link');
  await page.keyboard.press('Enter');
  check(await page.evaluate(() => document.activeElement.id === 'main' && location.hash === '#devices'),
    'the skip link left the page');
  // Every page: one h1, and every control named
  const pages = [['#products', '#product-list tr[data-product-key]'], [`#products/${encodeURIComponent(productKey)}`, '#module-list tr'],
    ['#packages', '#package-list tr'], ['#devices', '#device-list tr'], ['#batches', '#batch-list tr[data-job-id]'],
    [`#batches/job/${encodeURIComponent(jobId)}`, '#task-table tbody tr'],
    ['#explorer/CreateOTAFirmware', '#explorer-form input'], ['#explorer/QueryProductList', '#explorer-samples [role=tab]'],
    ['#errors', '#error-table tr[data-code]']];
  for (const [hash, ready] of pages) {
    await page.goto(CONSOLE_URL + hash);
    await page.locator(ready).first().waitFor();
    const unnamed = await unnamedControls(page);
    check(unnamed.length === 0, `${hash}: controls without a name: ${unnamed.join(' | ')}`);
    check(await page.locator('h1').count() === 1, `${hash}: not exactly one h1`);
  }
  // Signing out leaves nothing of the key behind in the tab
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.locator('#signin').waitFor();
  const left = await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }));
  check(!left.includes(ROOT_SECRET) && !left.includes(ROOT_ID), 'the key stays in storage after signing out');
  await context.close();
  pass('accessible');
}

async function listOnly(browser, productKey, packageName) {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  page.on('dialog', dialog => dialog.accept());
  await signIn(page, LISTER_ID, LISTER_SECRET, 'V1');
  // Reads other than List* are refused as well: the product list is QueryProductList
  await page.locator('#product-list .error[data-code="Forbidden.RAM"]').waitFor();
  // Writes: a module (ListOTAModuleByProduct is allowed, CreateOTAModule is not)
  await page.goto(CONSOLE_URL + `#products/${encodeURIComponent(productKey)}`);
  await page.locator('#module-list tr[data-module="scanner"]').waitFor();
  await page.getByLabel('Module name').fill('second');
  await page.locator('#create-module').getByRole('button', { name: 'Create' }).click();
  await page.locator('#module-messages .error[data-code="Forbidden.RAM"]').waitFor();
  // and deleting a package the RAM user can list
  await page.goto(CONSOLE_URL + '#packages');
  const row = page.locator('#package-list tr', { hasText: packageName });
  await row.waitFor();
  await row.getByRole('button', { name: 'Delete' }).click();
  await page.locator('#package-messages .error[data-code="Forbidden.RAM"]').waitFor();
  await row.waitFor();
  // The secret stays in sessionStorage only, never in localStorage
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  check(!stored.includes(LISTER_SECRET), 'secret in localStorage');
  await shot(page, 'ram-refused');
  await context.close();
  pass('ram list-only writes refused');
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync'],
});
try {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 860 } });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  page.on('dialog', dialog => dialog.accept());
  page.on('pageerror', error => console.log('PAGE ERROR ' + error.message));
  await page.goto(CONSOLE_URL);
  await shot(page, 'signin');
  await signIn(page, ROOT_ID, ROOT_SECRET);
  pass('sign-in');
  const productKey = await products(page);
  const packageName = await packages(page, productKey);
  const idleDevice = await devices(page, productKey);
  const { jobId, packageName: secondPackage } = await batches(page, productKey, packageName, idleDevice);
  await otherBatches(page, packageName, secondPackage, idleDevice);
  await explorer(page);
  await errorCenter(page);
  await chinese(page);
  await accessibility(browser, productKey, jobId);
  await listOnly(browser, productKey, packageName);
} catch (error) {
  console.log('FAIL ' + (error.stack || error));
  process.exitCode = 1;
} finally {
  await browser.close();
  stdin.close();
}
