// regions.test.mjs: the region picker's API (GET /api/v1/regions, /api/v1/regions/{code}) before
// and after `pendamping regions import`, its refusals of bad parameters, and the picker's markup
// on the forms that take a region code.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { TEST_TIMEOUT, anon, createClient, expectError, hooks, login, newClient, run, tempDir } from './helpers.mjs';

const T = { timeout: TEST_TIMEOUT };

const REGIONS = [
  'code,name',
  '32.73,Kota Bandung',
  '32.04,Kabupaten Bandung',
  '32.17,Kabupaten Bandung Barat',
  '32.73.01,Sukasari',
  '32.73.02,Coblong',
  '32.73.02.1001,Cipaganti',
  '32.73.02.1002,Lebak Siliwangi',
  '32.73.01.1002,Sukamaju',
  '32.04.05.2001,Sukamaju',
  '31.71,Kota Administrasi Jakarta Pusat',
  '',
].join('\n');

const ctx = hooks(before, after, async (c) => {
  c.w = (await login(c.base, 'worker')).client;
  c.viewer = (await login(c.base, 'viewer')).client;
});

async function loadRegions() {
  const dir = await tempDir();
  const file = path.join(dir, 'wilayah.csv');
  await fs.writeFile(file, REGIONS);
  const r = await run(['regions', 'import', '--data', ctx.server.dataDir, file]);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  await fs.rm(dir, { recursive: true, force: true });
}

test('the provinces come with the program; a log-in is needed', T, async () => {
  // Registered before the list is loaded: any code of a known province's shape is taken.
  ctx.early = await createClient(ctx.w, { region: '32.73.01.1009' });
  const r = await ctx.w.get('/api/v1/regions');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.items.length, 38);
  assert.deepEqual(r.json.items[0], { code: '11', name: 'Aceh', level: 1 });
  assert.match(r.headers.get('cache-control'), /private/);
  const v = await ctx.viewer.get('/api/v1/regions?parent=32');
  assert.equal(v.status, 200, v.text);
  expectError(await anon(ctx.base).get('/api/v1/regions'), 401, 'unauthenticated');
  expectError(await anon(ctx.base).get('/api/v1/regions/32'), 401, 'unauthenticated');
});

test('after the import: each level below another, by code; searches by name with where they lie', T, async () => {
  await loadRegions();
  let r = await ctx.w.get('/api/v1/regions?parent=32');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.items.map((x) => x.code), ['32.04', '32.17', '32.73']);
  assert.deepEqual(r.json.items[2], { code: '32.73', name: 'Kota Bandung', level: 2 });
  r = await ctx.w.get('/api/v1/regions?parent=32.73.02');
  assert.deepEqual(r.json.items.map((x) => [x.code, x.name, x.level]), [
    ['32.73.02.1001', 'Cipaganti', 4],
    ['32.73.02.1002', 'Lebak Siliwangi', 4],
  ]);
  r = await ctx.w.get('/api/v1/regions?parent=32.73.02.1001');
  assert.deepEqual(r.json.items, []);

  r = await ctx.w.get('/api/v1/regions?q=bandung');
  assert.deepEqual(r.json.items.map((x) => x.code), ['32.04', '32.73', '32.17']);
  assert.equal(r.json.items[0].within, 'Jawa Barat');
  r = await ctx.w.get('/api/v1/regions?q=' + encodeURIComponent('kota bandung'));
  assert.deepEqual(r.json.items.map((x) => x.code), ['32.73', '32.04', '32.17'], 'the city first when a city is asked for');
  r = await ctx.w.get('/api/v1/regions?q=' + encodeURIComponent('  Kota  Administrasi jakarta '));
  assert.deepEqual(r.json.items.map((x) => x.name), ['Kota Administrasi Jakarta Pusat']);
  r = await ctx.w.get('/api/v1/regions?q=sukamaju');
  assert.deepEqual(r.json.items.map((x) => [x.code, x.within]), [
    ['32.04.05.2001', 'Kabupaten Bandung, Jawa Barat'],
    ['32.73.01.1002', 'Sukasari, Kota Bandung, Jawa Barat'],
  ]);
  r = await ctx.w.get('/api/v1/regions?q=sukamaju&parent=32.73');
  assert.deepEqual(r.json.items.map((x) => x.code), ['32.73.01.1002']);
  r = await ctx.w.get('/api/v1/regions?q=bandung&limit=2');
  assert.deepEqual(r.json.items.map((x) => x.code), ['32.04', '32.73']);
  r = await ctx.w.get('/api/v1/regions?q=siliwangi');
  assert.deepEqual(r.json.items, []);
  // A q of spaces only is no search: the provinces.
  r = await ctx.w.get('/api/v1/regions?q=%20%20');
  assert.equal(r.json.items.length, 38);

  r = await ctx.w.get('/api/v1/regions/32.73.02.1001');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { code: '32.73.02.1001', name: 'Cipaganti', level: 4, within: 'Coblong, Kota Bandung, Jawa Barat' });
});

test('bad parameters are refused, naming the parameter', T, async () => {
  expectError(await ctx.w.get('/api/v1/regions?parent=32.7'), 422, 'invalid', 'parent');
  expectError(await ctx.w.get('/api/v1/regions?parent=99'), 422, 'invalid', 'parent');
  expectError(await ctx.w.get('/api/v1/regions?parent=32.73&town=1'), 422, 'invalid', 'town');
  expectError(await ctx.w.get('/api/v1/regions?parent=32&parent=33'), 422, 'invalid', 'parent');
  expectError(await ctx.w.get('/api/v1/regions?q=' + 'a'.repeat(101)), 422, 'invalid', 'q');
  expectError(await ctx.w.get('/api/v1/regions?q=ban&limit=0'), 422, 'invalid', 'limit');
  expectError(await ctx.w.get('/api/v1/regions?q=ban&limit=abc'), 422, 'invalid', 'limit');
  expectError(await ctx.w.get('/api/v1/regions?parent=32&limit=5'), 422, 'invalid', 'limit');
  expectError(await ctx.w.get('/api/v1/regions/32.7'), 422, 'invalid', 'code');
  expectError(await ctx.w.get('/api/v1/regions/32.73.99'), 404, 'not_found', 'code');
  expectError(await ctx.w.get('/api/v1/regions/32?parent=32'), 422, 'invalid', 'parent');
  // In the user's language.
  const e = expectError(await ctx.w.get('/api/v1/regions?parent=32.7'), 422, 'invalid', 'parent');
  assert.match(e.message, /Kode wilayah/);
});

test('forms with a region code carry the picker and the name of the region they hold', T, async () => {
  await loadRegions();
  const list = await ctx.w.get('/clients?region=32.73.02.1001');
  assert.equal(list.status, 200);
  assert.match(list.text, /<p class="region-name" id="name-region" aria-live="polite">Cipaganti, Coblong, Kota Bandung, Jawa Barat<\/p>/);
  assert.match(list.text, /<details class="region-picker" data-for="region" data-api="\/api\/v1\/regions" hidden>/);
  assert.match(list.text, /<select data-level="4" disabled>/);
  // The picker's own inputs have no name: they are not sent with the form.
  const picker = list.text.slice(list.text.indexOf('<details class="region-picker"'), list.text.indexOf('</details>'));
  assert.doesNotMatch(picker, /name=/);
  assert.match(picker, /Pilih dari daftar wilayah/);
  const form = await ctx.w.get('/clients/new');
  assert.match(form.text, /<details class="region-picker" data-for="region"/);
  assert.match(form.text, /<p class="region-name" id="name-region" aria-live="polite"><\/p>/);
  // A code not in the list shows no name, and is still what the field holds.
  const other = await ctx.w.get('/clients?region=32.73.09');
  assert.match(other.text, /id="name-region" aria-live="polite"><\/p>/);
  assert.match(other.text, /<input id="region" name="region" value="32.73.09"/);
});

test('with the list loaded, the region of a client must be in it where the list goes that deep', T, async () => {
  await loadRegions();
  for (const code of ['32.73.02.1009', '32.73.05', '32.99', '32.99.01', '32.99.01.1001', '32.73.09.1001']) {
    const r = await ctx.w.post('/api/v1/clients', newClient({ region: code }));
    expectError(r, 422, 'invalid', 'region');
    assert.match(r.json.error.message, /daftar wilayah/);
  }
  // Known, or below a region whose own list is not loaded (only the provinces, or a district
  // without its villages).
  const made = {};
  for (const code of ['32.73.02.1001', '32.73', '33.01', '32.04.05.2001', '31.71.01']) {
    const r = await ctx.w.post('/api/v1/clients', newClient({ region: code }));
    assert.equal(r.status, 201, `${code}: ${r.text}`);
    made[code] = r.json.uid;
  }
  // The client's page names the region with the regions it lies in, as far as the list knows.
  const view = await ctx.w.get(`/clients/${made['32.73.02.1001']}`);
  assert.match(view.text, /32\.73\.02\.1001 Cipaganti, Coblong, Kota Bandung, Jawa Barat/);
  const partial = await ctx.w.get(`/clients/${made['31.71.01']}`);
  assert.match(partial.text, /<dd>31\.71\.01<\/dd>/);
  // So does the list, for each row: a village's name alone is shared by many places.
  const rows = await ctx.w.get('/clients?region=32.73.02.1001');
  assert.match(rows.text, /<td>32\.73\.02\.1001 Cipaganti<span class="within">, Coblong, Kota Bandung, Jawa Barat<\/span><\/td>/);
  const regency = await ctx.w.get('/clients?region=32.73&sort=updated');
  assert.match(regency.text, /<td>32\.73 Kota Bandung<span class="within">, Jawa Barat<\/span><\/td>/);
  // A code already on the record is kept through other changes; a new unknown one is refused.
  let r = await ctx.w.patch(`/api/v1/clients/${ctx.early.uid}`, { version: ctx.early.version, phone: '0812-1111-2222' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.region, '32.73.01.1009');
  r = await ctx.w.patch(`/api/v1/clients/${ctx.early.uid}`, { version: r.json.version, region: '32.73.01.1008' });
  expectError(r, 422, 'invalid', 'region');
  // The answer names the region, as a read of the record does.
  r = await ctx.w.post('/api/v1/clients', newClient({ region: '32.73.02.1002' }));
  assert.equal(r.json.region_name, 'Lebak Siliwangi');
  r = await ctx.w.patch(`/api/v1/clients/${r.json.uid}`, { version: r.json.version, region: '32.73.02.1001' });
  assert.equal(r.json.region_name, 'Cipaganti');
  // A list's region filter is trimmed like a form's field.
  const list = await ctx.w.get(`/api/v1/clients?${new URLSearchParams({ region: ' 32.73.02 ' })}`);
  assert.equal(list.status, 200, list.text);
  // Partner agencies' regions are checked the same way.
  const agency = { name: 'LKS Sejahtera', type: 'lks', region: '32.73.05' };
  expectError(await ctx.w.post('/api/v1/agencies', agency), 422, 'invalid', 'region');
  assert.equal((await ctx.w.post('/api/v1/agencies', { ...agency, region: '32.73.02' })).status, 201);
  // The web form says so at the field.
  const page = await ctx.w.get('/clients/new');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)[1];
  const f = await ctx.w.form('/clients', { _csrf: csrf, name: 'Wilayah Salah', sex: 'F', region: '32.73.02.1009' });
  assert.equal(f.status, 422, f.text.slice(0, 300));
  assert.match(f.text, /id="err-region"/);
});

test('a region renamed by the import while the server runs is named anew in the lists', T, async () => {
  // The server remembers the names it read (store/region_memo.c), each of its threads its own; a
  // change to the list must reach every next list, not wait for a restart.
  const c = await createClient(ctx.w, { region: '32.73.02.1002' });
  const list = async () => {
    const r = await ctx.w.get(`/api/v1/clients?${new URLSearchParams({ q: c.name })}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.items.length, 1, r.text);
    return r.json.items[0].region_name;
  };
  // Several at once, so that every thread of the server has read the name and kept it.
  const all = async () => [...new Set(await Promise.all(Array.from({ length: 8 }, list)))].join(' | ');
  const dir = await tempDir();
  const file = path.join(dir, 'rename.csv');
  const rename = async (name) => {
    await fs.writeFile(file, `code,name\n32.73.02.1002,${name}\n`);
    const r = await run(['regions', 'import', '--data', ctx.server.dataDir, file]);
    assert.equal(r.code, 0, r.stderr + r.stdout);
  };
  try {
    assert.equal(await all(), 'Lebak Siliwangi');
    assert.equal(await all(), 'Lebak Siliwangi');
    await rename('Lebak Siliwangi Baru');
    assert.equal(await all(), 'Lebak Siliwangi Baru');
    const page = await ctx.w.get(`/clients?${new URLSearchParams({ q: c.name })}`);
    assert.match(page.text, /<td>32\.73\.02\.1002 Lebak Siliwangi Baru<span class="within">, Coblong, Kota Bandung, Jawa Barat<\/span><\/td>/);
  } finally {
    await rename('Lebak Siliwangi');
    await fs.rm(dir, { recursive: true, force: true });
  }
  assert.equal(await all(), 'Lebak Siliwangi');
});
