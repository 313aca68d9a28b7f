// Browser test of the office page (/office, web_office): an administrator finds it in the menu,
// places the office in a province with the region picker, so that its time zone follows, then
// sets a zone over it; a worker sees the office without the form. On a phone.
//
//   PENDAMPING_BIN=$PWD/build/pendamping node --test tests/e2e/office.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE, clickAndLoad, logIn, shoot, startApp, stopApp, userPage } from './case-helpers.mjs';

let app, page;

before(async () => {
  app = await startApp('pendamping-e2e-office');
  page = await userPage(app, 'admin', PHONE);
  await logIn(app, page, 'admin');
});

after(async () => {
  await stopApp(app);
});

const facts = async () => (await page.locator('dl.fields').innerText()).replace(/\s+/g, ' ');

test('an administrator places the office in a province and its zone follows, then sets one', async () => {
  await clickAndLoad(page.locator('nav a[href="/office"]'));
  assert.equal(new URL(page.url()).pathname, '/office');
  assert.match(await facts(), /Zona waktu WIB \(bawaan\)/);
  assert.match(await facts(), /Waktu di kantor sekarang \d{4}-\d{2}-\d{2} \d{2}:\d{2} WIB/);

  // The region picker writes the province's code into the field.
  const picker = page.locator('details.region-picker[data-for=region]');
  await picker.locator('summary').click();
  const province = picker.locator('select[data-level="1"]');
  await page.waitForFunction(() => document.querySelector('details.region-picker select[data-level="1"]').options.length === 39);
  await province.selectOption('73');
  assert.equal(await page.locator('#region').inputValue(), '73');
  assert.equal(await page.locator('#time_zone').inputValue(), '', 'the zone follows the region');
  await clickAndLoad(page.locator('form[action="/office"] button[type=submit]'));
  assert.equal(await page.locator('p.notice[role=status]').innerText(), 'Data kantor tersimpan.');
  assert.match(await facts(), /Wilayah Sulawesi Selatan/);
  assert.match(await facts(), /Zona waktu WITA \(menurut wilayah kantor\)/);
  assert.match(await facts(), /\d{2}:\d{2} WITA/);
  await shoot(app, page, 'office-wita', { phone: PHONE });

  // A zone set over the region's.
  await page.locator('#time_zone').selectOption('WIT');
  await clickAndLoad(page.locator('form[action="/office"] button[type=submit]'));
  assert.match(await facts(), /Zona waktu WIT Waktu/);
  assert.equal(await page.locator('#time_zone').inputValue(), 'WIT');
  assert.equal(await page.locator('#region').inputValue(), '73');

  // A code of no province: refused, the field named, what was typed kept.
  await page.locator('#region').fill('99.01');
  await clickAndLoad(page.locator('form[action="/office"] button[type=submit]'));
  assert.match(await page.locator('#form-errors').innerText(), /Kode wilayah/);
  assert.equal(await page.locator('#region').inputValue(), '99.01');
  assert.match(await facts(), /Zona waktu WIT/);
  assert.deepEqual(app.problems, [], 'no script errors or blocked resources');
});

test('a worker sees the office and its zone, without the form', async () => {
  const worker = await userPage(app, 'worker', PHONE);
  await logIn(app, worker, 'worker');
  assert.equal(await worker.locator('nav a[href="/office"]').count(), 0, 'not in a worker\'s menu');
  await worker.goto(`${app.base}/office`, { waitUntil: 'load' });
  assert.match((await worker.locator('dl.fields').innerText()).replace(/\s+/g, ' '), /WIT/);
  assert.equal(await worker.locator('form[action="/office"]').count(), 0);
  await worker.close();
});
