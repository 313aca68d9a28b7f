// Browser test of the region picker (web_region_picker, assets/app.js): a region chosen level by
// level, found by name, and followed when the code is typed; the code field stays the form's only
// value. Runs the real binary with demo data and a small region list loaded with
// `pendamping regions import`.
//
//   PENDAMPING_BIN=$PWD/build/pendamping node --test tests/e2e/regions.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { BIN, PHONE, clickAndLoad, logIn, shoot, startApp, stopApp, userPage } from './case-helpers.mjs';

const REGIONS = `code,name
32.73,Kota Bandung
32.04,Kabupaten Bandung
32.73.02,Coblong
32.73.01,Sukasari
32.73.02.1001,Cipaganti
32.73.02.1002,Lebak Siliwangi
32.73.01.1002,Sukamaju
32.04.05,Cileunyi
32.04.05.2001,Sukamaju
`;

let app, page;

before(async () => {
  app = await startApp('pendamping-e2e-regions');
  const file = path.join(app.tmp, 'wilayah.csv');
  await writeFile(file, REGIONS);
  await promisify(execFile)(BIN, ['regions', 'import', '--data', app.dataDir, file]);
  page = await userPage(app, 'worker', PHONE);
  await logIn(app, page, 'worker');
});

after(async () => {
  await stopApp(app);
});

const picker = () => page.locator('details.region-picker[data-for=region]');
const level = (n) => picker().locator(`select[data-level="${n}"]`);
const region = () => page.locator('#region');
const regionName = () => page.locator('#name-region');

// optionValues waits until the select of level n lists count regions and returns their codes.
async function optionValues(n, count) {
  await page.waitForFunction(([n, count]) => {
    const s = document.querySelector(`details.region-picker select[data-level="${n}"]`);
    return s && s.options.length === count + 1 && !s.disabled;
  }, [n, count]);
  return level(n).evaluate((s) => Array.from(s.options).slice(1).map((o) => o.value));
}

test('a region chosen level by level writes its code and shows its name', async () => {
  await page.goto(`${app.base}/clients/new`, { waitUntil: 'load' });
  assert.ok(await picker().isVisible(), 'the script shows the picker');
  assert.equal(await level(1).count(), 1);
  assert.ok(!(await level(1).isVisible()), 'closed until asked for');
  assert.match(await region().getAttribute('aria-describedby'), /\bhint-region\b.*\bname-region\b/, 'the name describes the field');
  await picker().locator('summary').click();
  const provinces = await optionValues(1, 38);
  assert.equal(provinces[0], '11');
  assert.ok(await level(2).isDisabled(), 'no regency before a province');

  await level(1).selectOption('32');
  assert.equal(await region().inputValue(), '32');
  assert.deepEqual(await optionValues(2, 2), ['32.04', '32.73']);
  await level(2).selectOption('32.73');
  assert.deepEqual(await optionValues(3, 2), ['32.73.01', '32.73.02']);
  await level(3).selectOption('32.73.02');
  assert.deepEqual(await optionValues(4, 2), ['32.73.02.1001', '32.73.02.1002']);
  await level(4).selectOption('32.73.02.1001');
  assert.equal(await region().inputValue(), '32.73.02.1001');
  assert.equal((await regionName().innerText()).trim(), 'Cipaganti, Coblong, Kota Bandung, Jawa Barat');

  // Back up a level: the code is the district's, and the villages go.
  await level(4).selectOption('');
  assert.equal(await region().inputValue(), '32.73.02');
  assert.equal((await regionName().innerText()).trim(), 'Coblong, Kota Bandung, Jawa Barat');
  // Another regency: the levels below it are emptied.
  await level(2).selectOption('32.04');
  assert.equal(await region().inputValue(), '32.04');
  assert.deepEqual(await optionValues(3, 1), ['32.04.05']);
  assert.equal(await level(4).evaluate((s) => s.options.length), 1);
  assert.ok(await level(4).isDisabled());
  await shoot(app, page, 'region-picker');
});

test('a region found by name, within the chosen regency or province', async () => {
  const find = picker().locator('input[data-find]');
  // Within the chosen regency only.
  await level(2).selectOption('32.73');
  await optionValues(3, 2);
  await find.fill('sukamaju');
  await page.waitForFunction(() => document.querySelectorAll('.region-found button').length === 1);
  assert.equal(await picker().locator('.region-found button').getAttribute('data-code'), '32.73.01.1002');
  // Within the province.
  await level(2).selectOption('');
  await find.fill('');
  await find.fill('sukamaju');
  const results = picker().locator('.region-found button');
  await results.first().waitFor();
  assert.equal(await results.count(), 2, 'the two villages of that name in Jawa Barat');
  const [fg, bg] = await results.first().evaluate((b) => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]);
  assert.notEqual(fg, bg, 'the results are readable');
  const texts = await results.allInnerTexts();
  assert.ok(texts.some((t) => t.includes('Cileunyi, Kabupaten Bandung, Jawa Barat')), texts.join(' | '));
  await picker().locator('.region-found button[data-code="32.04.05.2001"]').click();
  assert.equal(await region().inputValue(), '32.04.05.2001');
  assert.equal((await regionName().innerText()).trim(), 'Sukamaju, Cileunyi, Kabupaten Bandung, Jawa Barat');
  assert.equal(await results.count(), 0, 'the results close');
  // The levels follow the region found.
  await optionValues(4, 1);
  assert.equal(await level(1).inputValue(), '32');
  assert.equal(await level(2).inputValue(), '32.04');
  assert.equal(await level(3).inputValue(), '32.04.05');
  assert.equal(await level(4).inputValue(), '32.04.05.2001');

  // Nothing of that name: said so. Enter in the search box does not send the form.
  await find.fill('zzzz');
  await picker().locator('.region-found li.none').waitFor();
  await find.press('Enter');
  assert.equal(new URL(page.url()).pathname, '/clients/new');
});

test('a code typed into the field is followed by the levels', async () => {
  await region().fill('32.73.01.1002');
  await region().dispatchEvent('change');
  await optionValues(4, 1);
  assert.equal(await level(2).inputValue(), '32.73');
  assert.equal(await level(3).inputValue(), '32.73.01');
  assert.equal(await level(4).inputValue(), '32.73.01.1002');
});

test('the name under the field follows a typed code, the picker open or not', async () => {
  await page.goto(`${app.base}/clients/new`, { waitUntil: 'load' });
  await region().fill('32.73.02.1001');
  await region().dispatchEvent('change');
  await page.waitForFunction(() => document.getElementById('name-region').textContent.startsWith('Cipaganti'));
  assert.equal((await regionName().innerText()).trim(), 'Cipaganti, Coblong, Kota Bandung, Jawa Barat');
  for (const code of ['32.73.99', '3273', '']) {
    await region().fill(code);
    await region().dispatchEvent('change');
    await page.waitForFunction(() => document.getElementById('name-region').textContent === '');
  }
});

test('when the list cannot be reached, the picker says so and asks again when opened again', async () => {
  await page.goto(`${app.base}/clients/new`, { waitUntil: 'load' });
  await page.route('**/api/v1/regions**', (route) => route.abort());
  await picker().locator('summary').click();
  const note = picker().locator('[data-note]');
  await note.waitFor({ state: 'visible' });
  assert.ok((await note.innerText()).trim().length > 0);
  await page.unroute('**/api/v1/regions**');
  await picker().locator('summary').click(); // closed
  await picker().locator('summary').click(); // and opened again
  await optionValues(1, 38);
  assert.ok(await note.isHidden());
});

test('the list filter sends the region code only', async () => {
  await page.goto(`${app.base}/clients`, { waitUntil: 'load' });
  await picker().locator('summary').click();
  await optionValues(1, 38);
  await level(1).selectOption('32');
  await optionValues(2, 2);
  await level(2).selectOption('32.73');
  await picker().locator('input[data-find]').fill('cip');
  await clickAndLoad(page.locator('form.search button[type=submit]'));
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('region'), '32.73');
  const filters = ['q', 'region', 'ppks', 'flag', 'sort', 'archived'];
  const extra = [...url.searchParams.keys()].filter((k) => !filters.includes(k));
  assert.deepEqual(extra, [], 'the picker\'s own selects and search box are not sent');
  // The page that comes back names the region it lists.
  assert.equal((await regionName().innerText()).trim(), 'Kota Bandung, Jawa Barat');
});

test('no script errors or CSP violations', () => {
  assert.deepEqual(app.problems, []);
});
