// Browser test of the client registry: log in, register a client (first with a validation
// error), find the client again, switch the language. Runs the real binary on a free port with
// fresh demo data and drives Debian's Chromium through playwright-core.
//
//   PENDAMPING_BIN=$PWD/build/pendamping node --test tests/e2e/
//
// Screenshots are kept in a temp dir printed as a diagnostic (E2E_SHOTS=DIR chooses it);
// E2E_KEEP=1 keeps the data dir too.
// Texts may be English or Indonesian: elements are found by id, name or role, never by text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { PASSWORD, PHONE, LAPTOP, startApp, stopApp } from './case-helpers.mjs';

// A distinctive client; the NIK agrees with sex and birth date (woman: day + 40).
const CLIENT = {
  name: 'Kartika Wulansari',
  badNik: '327301570590', // 12 digits
  nik: '3273015705900007', // 32.73.01, 17 (+40) May 1990, serial 0007
  birthDate: '1990-05-17',
  address: 'Jl. Cihampelas No. 12, RT 03/RW 05, Bandung',
  region: '32.73.01',
  member: { name: 'Bayu Pratama', relation: 'Anak', sex: 'M', birthDate: '2012-08-03' },
  consentOn: '2026-01-15',
  scope: 'referral',
  ppks: '23',
  flag: 'urgent',
  search: 'kart wulan',
};

let app, shotDir, base, context, page, clientPath;
const pageProblems = [];

// clickAndLoad clicks something that navigates and waits until the new page has loaded.
async function clickAndLoad(locator) {
  const p = locator.page();
  const navigated = p.waitForEvent('framenavigated', { predicate: (f) => f === p.mainFrame() });
  await locator.click();
  await navigated;
  await p.waitForLoadState('load');
}

async function gotoPath(p) {
  const res = await page.goto(base + p, { waitUntil: 'load' });
  return res;
}

async function shoot(name) {
  const files = [];
  for (const [label, size] of [['phone', PHONE], ['laptop', LAPTOP]]) {
    await page.setViewportSize(size);
    const file = path.join(shotDir, `${name}-${label}.png`);
    await page.screenshot({ path: file, fullPage: true });
    files.push(file);
    // E2E_SHOT_PARTS=N also writes the page in slices N pixels tall, for image viewers.
    const part = Number(process.env.E2E_SHOT_PARTS) || 0;
    const height = part && await page.evaluate(() => document.documentElement.scrollHeight);
    for (let y = 0, i = 0; part && y < height; y += part, i++)
      await page.screenshot({ path: file.replace(/\.png$/, `-${i}.png`), fullPage: true,
                              clip: { x: 0, y, width: size.width, height: Math.min(part, height - y) } });
  }
  await page.setViewportSize(PHONE);
  return files;
}

async function logIn(name) {
  await gotoPath('/login');
  await page.locator('#name').fill(name);
  await page.locator('#password').fill(PASSWORD);
  await clickAndLoad(page.locator('form[action="/login"] button[type=submit]'));
  assert.equal(new URL(page.url()).pathname, '/clients', 'a worker lands on the client list');
}

async function logOut() {
  await clickAndLoad(page.locator('header form[action="/logout"] button'));
  assert.equal(new URL(page.url()).pathname, '/login');
}

const htmlLang = () => page.locator('html').getAttribute('lang');
const navClients = () => page.locator('header nav a[href="/clients"]');
const langButton = () => page.locator('header form[action="/language"] button[name=lang]');

before(async () => {
  app = await startApp('pendamping-e2e');
  ({ base, shotDir } = app);
  context = await app.browser.newContext({ viewport: PHONE, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  context.setDefaultTimeout(15000);
  page = await context.newPage();
  // The CSP forbids inline code: any violation or script error shows up here.
  // A 422 answer to a form with errors is logged as a failed load of the document: not a problem.
  page.on('console', (m) => {
    const pageStatus = m.text().startsWith('Failed to load resource') && !m.location().url.includes('/static/');
    if (m.type() === 'error' && !pageStatus)
      pageProblems.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => { pageProblems.push(String(e)); });
});

after(async () => {
  await stopApp(app);
});

test('log in as a worker through the form', async () => {
  await logIn('worker');
  assert.equal(await htmlLang(), 'id', 'the demo users start in Indonesian');
});

test('registering a client keeps the input when a field is wrong', async (t) => {
  await clickAndLoad(page.locator('main a.button[href="/clients/new"]'));
  assert.equal(new URL(page.url()).pathname, '/clients/new');

  const consentBox = page.locator('fieldset:has(#consent_given)');
  await page.locator('#name').fill(CLIENT.name);
  await page.locator('#nik').fill(CLIENT.badNik);
  await page.locator('#sex input[value=F]').check();
  await page.locator('#birth_date').fill(CLIENT.birthDate);
  await page.locator('#address').fill(CLIENT.address);
  await page.locator('#region').fill(CLIENT.region);
  await page.locator(`#flag-${CLIENT.flag}`).check();
  await page.locator(`#ppks-${CLIENT.ppks}`).check();
  await page.locator('[id="household[0].name"]').fill(CLIENT.member.name);
  await page.locator('[id="household[0].relation"]').fill(CLIENT.member.relation);
  await page.locator('[id="household[0].sex"]').fill(CLIENT.member.sex);
  await page.locator('[id="household[0].birth_date"]').fill(CLIENT.member.birthDate);
  // app.js dims the consent details until consent is ticked.
  await assert.doesNotReject(consentBox.and(page.locator('.consent-off')).waitFor());
  await page.locator('#consent_given').check();
  assert.equal(await consentBox.and(page.locator('.consent-off')).count(), 0, 'consent details undimmed');
  await page.locator('[id="consent.given_on"]').fill(CLIENT.consentOn);
  await page.locator('[id="consent.scope"]').selectOption(CLIENT.scope);

  await clickAndLoad(page.locator('form.client-form .actions button[type=submit]'));

  // The error is shown at the field and in the summary at the top.
  const summary = page.locator('#form-errors');
  await assert.doesNotReject(summary.waitFor({ state: 'visible' }));
  assert.equal(await summary.getAttribute('role'), 'alert');
  assert.equal(await summary.locator('a[href="#nik"]').count(), 1, 'the summary links to the NIK field');
  const nikError = page.locator('.field.invalid:has(> #nik) > .field-error#err-nik');
  assert.equal(await nikError.count(), 1, 'one error message beside #nik');
  assert.ok((await nikError.innerText()).trim().length > 0);
  assert.equal(await page.locator('#nik').getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#nik').getAttribute('aria-describedby'), /\berr-nik\b/);
  assert.equal(await page.locator('.field-error').count(), 1, 'only the NIK is wrong');

  // Everything typed is still there.
  assert.equal(await page.locator('#name').inputValue(), CLIENT.name);
  assert.equal(await page.locator('#nik').inputValue(), CLIENT.badNik);
  assert.ok(await page.locator('#sex input[value=F]').isChecked());
  assert.equal(await page.locator('#birth_date').inputValue(), CLIENT.birthDate);
  assert.equal(await page.locator('#address').inputValue(), CLIENT.address);
  assert.equal(await page.locator('#region').inputValue(), CLIENT.region);
  assert.ok(await page.locator(`#flag-${CLIENT.flag}`).isChecked());
  assert.ok(await page.locator(`#ppks-${CLIENT.ppks}`).isChecked());
  assert.equal(await page.locator('input[name=ppks]:checked').count(), 1);
  assert.equal(await page.locator('input[name=flags]:checked').count(), 1);
  assert.equal(await page.locator('[id="household[0].name"]').inputValue(), CLIENT.member.name);
  assert.equal(await page.locator('[id="household[0].relation"]').inputValue(), CLIENT.member.relation);
  assert.equal(await page.locator('[id="household[0].sex"]').inputValue(), CLIENT.member.sex);
  assert.equal(await page.locator('[id="household[0].birth_date"]').inputValue(), CLIENT.member.birthDate);
  assert.ok(await page.locator('#consent_given').isChecked());
  assert.equal(await consentBox.and(page.locator('.consent-off')).count(), 0);
  assert.equal(await page.locator('[id="consent.given_on"]').inputValue(), CLIENT.consentOn);
  assert.equal(await page.locator('[id="consent.scope"]').inputValue(), CLIENT.scope);

  const shots = await shoot('form-with-error');
  t.diagnostic(`screenshots: ${shots.join(' ')}`);
});

test('the corrected form saves and shows the client', async (t) => {
  await page.locator('#nik').fill(CLIENT.nik);
  await clickAndLoad(page.locator('form.client-form .actions button[type=submit]'));
  assert.match(new URL(page.url()).pathname, /^\/clients\/[^/]+$/, 'redirected to the client page');
  assert.equal(await page.locator('#form-errors').count(), 0);
  assert.equal((await page.locator('main h1').innerText()).trim(), CLIENT.name);
  const identity = page.locator('main dl.fields').first();
  assert.ok((await identity.innerText()).includes(CLIENT.nik), 'the NIK is shown');
  assert.equal(await page.locator('main .warning[role=status]').count(), 0, 'no NIK warning');

  // app.js asks before archiving; dismissing keeps the client.
  const url = page.url();
  const danger = page.locator('form.danger');
  const words = (await danger.locator('button').innerText()).trim();
  const asked = [];
  const onDialog = (d) => { asked.push([d.type(), d.message()]); d.dismiss(); };
  page.on('dialog', onDialog);
  await danger.locator('button').click();
  page.off('dialog', onDialog);
  assert.equal(asked.length, 1, 'one question before archiving');
  assert.equal(asked[0][0], 'confirm');
  assert.ok(asked[0][1].includes(words), 'the question uses the form\'s own words');
  await page.waitForLoadState('load');
  assert.equal(page.url(), url, 'nothing was submitted');

  const shots = await shoot('client-page');
  t.diagnostic(`screenshots: ${shots.join(' ')}`);
  clientPath = new URL(page.url()).pathname;
});

test('the client is found by prefixes of two words of the name', async () => {
  await gotoPath('/clients');
  await page.locator('#q').fill(CLIENT.search);
  await clickAndLoad(page.locator('form.search button[type=submit]'));
  const url = new URL(page.url());
  assert.equal(url.pathname, '/clients');
  assert.equal(url.searchParams.get('q'), CLIENT.search);
  const link = page.locator(`table.list a[href="${clientPath}"]`);
  assert.equal(await link.count(), 1, 'the result links to the client');
  assert.equal((await link.innerText()).trim(), CLIENT.name);
});

test('the language switch is kept per user', async () => {
  assert.equal(await htmlLang(), 'id');
  assert.equal(await langButton().getAttribute('value'), 'en');
  const labelBefore = (await navClients().innerText()).trim();

  await clickAndLoad(langButton());
  assert.equal(new URL(page.url()).pathname, '/clients', 'back on the same page');
  assert.equal(await htmlLang(), 'en');
  assert.equal(await langButton().getAttribute('value'), 'id', 'the button now offers Indonesian');
  const labelAfter = (await navClients().innerText()).trim();
  assert.equal(labelAfter, 'Clients', 'the nav is in English');
  assert.notEqual(labelBefore, labelAfter, 'the nav label was Indonesian before (po/id.po)');

  await page.reload({ waitUntil: 'load' });
  assert.equal(await htmlLang(), 'en', 'kept after a reload');
  assert.equal((await navClients().innerText()).trim(), 'Clients');

  await logOut();
  await logIn('worker');
  assert.equal(await htmlLang(), 'en', 'kept after logging in again');
  assert.equal((await navClients().innerText()).trim(), 'Clients');
  assert.equal(await langButton().getAttribute('value'), 'id');
});

test('no script errors or CSP violations on the pages', () => {
  assert.deepEqual(pageProblems, []);
});
