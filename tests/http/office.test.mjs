// office.test.mjs: the office's name, region and time zone (GET/PATCH /api/v1/office, the /office
// page), and the zone at work: the dates the program writes and the times pages show.
//
// The server runs under faketime, its clock started at 2026-11-30 15:30 UTC: 22:30 in Jakarta
// (WIB), 23:30 in Makassar (WITA), and already 00:30 on 1 December in Jayapura (WIT).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fs from 'node:fs';
import { SANITIZED, TEST_TIMEOUT, HOOK_TIMEOUT, anon, expectError, login, newClient, startServer } from './helpers.mjs';
import { add, openCase } from './cases-helpers.mjs';
import { createGroup, join } from './groups-helpers.mjs';

const T = { timeout: TEST_TIMEOUT };

/** faketimeLib finds Debian's libfaketime (package faketime) for this machine's architecture. */
function faketimeLib() {
  for (const d of fs.readdirSync('/usr/lib')) {
    const f = `/usr/lib/${d}/faketime/libfaketimeMT.so.1`;
    if (fs.existsSync(f)) return f;
  }
  return null;
}
const FAKETIME = faketimeLib();

const HOURS = { WIB: 7, WITA: 8, WIT: 9 };
/** shown is how a page shows the UTC time iso in zone: "YYYY-MM-DD HH:MM ZONE". */
function shown(iso, zone) {
  const d = new Date(Date.parse(iso) + HOURS[zone] * 3600_000);
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} ${zone}`;
}

const ctx = {};
before(async () => {
  assert.ok(FAKETIME, 'libfaketime is missing: sh scripts/deps.sh test');
  const env = {
    LD_PRELOAD: FAKETIME,
    FAKETIME: '@2026-11-30 15:30:00',
    FAKETIME_DONT_FAKE_MONOTONIC: '1',
    TZ: 'UTC',
  };
  // The sanitizers' runtime wants to come first among the libraries; faketime's place is harmless.
  if (SANITIZED) env.ASAN_OPTIONS = `${process.env.ASAN_OPTIONS ?? ''}:verify_asan_link_order=0`;
  ctx.server = await startServer({ env });
  ctx.base = ctx.server.base;
  ctx.admin = (await login(ctx.base, 'admin')).client;
  ctx.worker = (await login(ctx.base, 'worker')).client;
  ctx.viewer = (await login(ctx.base, 'viewer')).client;
  const r = await ctx.worker.patch('/api/v1/me', { lang: 'en' });
  assert.equal(r.status, 200, r.text);
}, { timeout: HOOK_TIMEOUT });
after(async () => {
  if (ctx.server) await ctx.server.stop();
}, { timeout: HOOK_TIMEOUT });

/** office reads the office as who and asserts 200. */
async function office(who = ctx.admin) {
  const r = await who.get('/api/v1/office');
  assert.equal(r.status, 200, r.text);
  return r.json;
}

/** setOffice changes the office as the admin, from the version it reads now; asserts 200. */
async function setOffice(fields) {
  const { version } = await office();
  const r = await ctx.admin.patch('/api/v1/office', { ...fields, version });
  assert.equal(r.status, 200, r.text);
  return r.json;
}

/** noteDate records a note (a kind without a date of its own) in a new case; returns its date. */
async function noteDate() {
  const { kase } = await openCase(ctx.worker);
  const item = await add(ctx.worker, kase.uid, 'notes', { body: 'Kunjungan rumah.' });
  return item.at;
}

describe('the office', () => {
  test('keeps WIB until told otherwise, the zone of its region, or the zone set', T, async () => {
    let o = await office(ctx.viewer); // anyone logged in may read it
    assert.equal(o.zone, 'WIB');
    assert.equal(o.utc_offset, '+07:00');
    assert.equal(o.time_zone, null);
    assert.equal(o.region, null);
    assert.match(o.name, /Harapan/);
    o = await setOffice({ region: '73.71' }); // Kota Makassar
    assert.equal(o.region, '73.71');
    assert.equal(o.time_zone, null);
    assert.equal(o.zone, 'WITA');
    assert.equal(o.utc_offset, '+08:00');
    o = await setOffice({ time_zone: 'WIT' });
    assert.equal(o.zone, 'WIT');
    assert.equal(o.region, '73.71');
    o = await setOffice({ time_zone: null, region: '' });
    assert.equal(o.zone, 'WIB');
    assert.equal(o.region, null);
    const a = await ctx.admin.get('/api/v1/audit?action=office_update');
    assert.equal(a.status, 200, a.text);
    assert.ok(a.json.items.length >= 3, a.text);
    const { detail } = a.json.items[0];
    const d = typeof detail === 'string' ? JSON.parse(detail) : detail;
    assert.deepEqual(d, { time_zone: { before: 'WIT', after: null }, region: { before: '73.71', after: null } });
  });

  test('is changed by an administrator only, with its fields checked and its version', T, async () => {
    const { version } = await office();
    for (const who of [ctx.worker, ctx.viewer]) {
      const r = await who.patch('/api/v1/office', { time_zone: 'WIT', version });
      expectError(r, 403, 'forbidden');
    }
    let r = await ctx.admin.patch('/api/v1/office', { time_zone: 'UTC+7', region: '99.01', name: ' ', colour: 'blue', version });
    const e = expectError(r, 422, 'invalid');
    const fields = Object.fromEntries(e.fields.map((f) => [f.field, f.message]));
    assert.equal(fields.time_zone, 'Zona waktu harus WIB, WITA atau WIT.'); // the admin reads Indonesian
    assert.ok(fields.region && fields.name && fields.colour, JSON.stringify(e.fields));
    r = await ctx.admin.patch('/api/v1/office', { time_zone: 'WITA' });
    expectError(r, 422, 'invalid', 'version');
    r = await ctx.admin.patch('/api/v1/office', { time_zone: 'WITA', version: version - 1 });
    expectError(r, 409, 'conflict', 'version');
    r = await ctx.admin.request('PATCH', '/api/v1/office', { body: '{"time_zone":', contentType: 'application/json' });
    assert.equal(r.status, 400, r.text);
    const now = await office();
    assert.equal(now.version, version);
    assert.equal(now.zone, 'WIB');
    r = await anon(ctx.base).get('/api/v1/office');
    expectError(r, 401);
  });

  test('gives the dates the program writes in its zone', T, async () => {
    await setOffice({ time_zone: null, region: null });
    assert.equal(await noteDate(), '2026-11-30'); // 22:30 in Jakarta
    await setOffice({ region: '94.71' }); // Papua Tengah: WIT, past midnight
    assert.equal(await noteDate(), '2026-12-01');
    await setOffice({ time_zone: 'WITA' }); // set over the region's
    assert.equal(await noteDate(), '2026-11-30');
    // A date a person gives is in the future only past the date in WIT, wherever the office is.
    let r = await ctx.worker.post('/api/v1/clients', newClient({ consent: { given_on: '2026-12-01', scope: 'services' } }));
    assert.equal(r.status, 201, r.text);
    r = await ctx.worker.post('/api/v1/clients', newClient({ consent: { given_on: '2026-12-02', scope: 'services' } }));
    expectError(r, 422, 'invalid', 'consent.given_on');
    // A member who joined on that date (tomorrow in Jakarta) and leaves without a date leaves on it,
    // not before joining.
    const g = await createGroup(ctx.worker, { capacity: 2 });
    const m = await join(ctx.worker, g.uid, (await ctx.worker.post('/api/v1/clients', newClient())).json.uid, { joined_on: '2026-12-01' });
    assert.equal(m.joined_on, '2026-12-01');
    const today = await join(ctx.worker, g.uid, (await ctx.worker.post('/api/v1/clients', newClient())).json.uid);
    assert.equal(today.joined_on, '2026-11-30'); // without a date: the office's today
    r = await ctx.worker.request('DELETE', `/api/v1/groups/${g.uid}/members/${m.uid}`, { json: { reason: 'Pindah' } });
    assert.equal(r.status, 200, r.text);
    const left = r.json.members.find((x) => x.uid === m.uid);
    assert.ok(left, r.text);
    assert.equal(left.left_on, '2026-12-01');
    await setOffice({ time_zone: null, region: null });
  });

  test('shows times on its pages in its zone', T, async () => {
    const { client, kase } = await openCase(ctx.worker);
    assert.equal((await ctx.worker.get(`/api/v1/cases/${kase.uid}`)).status, 200); // opened: logged
    const { updated_at: at } = (await ctx.worker.get(`/api/v1/clients/${client.uid}`)).json;
    assert.ok(shown(at, 'WIB').startsWith('2026-11-30 2'), at); // the evening in Jakarta
    await setOffice({ time_zone: null, region: null });
    let page = await ctx.worker.get(`/clients/${client.uid}`);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(shown(at, 'WIB')), `${shown(at, 'WIB')} on the client's page`);
    assert.doesNotMatch(page.text, / UTC</);
    await setOffice({ time_zone: 'WIT' });
    page = await ctx.worker.get(`/clients/${client.uid}`);
    assert.ok(shown(at, 'WIT').startsWith('2026-12-01 0'), at); // past midnight in Jayapura
    assert.ok(page.text.includes(shown(at, 'WIT')), `${shown(at, 'WIT')} on the client's page`);
    // The client's own list of who opened their file, in the office's time too.
    const log = await ctx.worker.get(`/clients/${client.uid}/access-log`);
    assert.equal(log.status, 200);
    assert.match(log.text, /<tr><td>2026-12-01 0\d:\d\d WIT<\/td><td>worker<\/td>/);
    assert.doesNotMatch(log.text, /\d\dT\d\d:\d\d/);
    await setOffice({ time_zone: null });
  });
  test('reckons the audit trail page\'s days in its zone; the API\'s stay UTC days', T, async () => {
    await setOffice({ time_zone: 'WIT' }); // written at 00:3x on 1 December in WIT, 30 November in UTC
    const rows = (t) => [...t.matchAll(/<tr><td>\d+<\/td><td>([^<]*)<\/td><td>admin<\/td><td>office_update<\/td>/g)].map((m) => m[1]);
    let page = await ctx.admin.get('/audit?action=office_update&since=2026-12-01');
    assert.equal(page.status, 200);
    const shownRows = rows(page.text);
    assert.ok(shownRows.length >= 1, 'the change made on 1 December in WIT');
    assert.match(shownRows[0], /^2026-12-01 00:\d\d WIT$/);
    page = await ctx.admin.get('/audit?action=office_update&until=2026-11-30');
    assert.deepEqual(rows(page.text), [], 'nothing on 30 November in WIT: it was the evening before in UTC');
    let api = await ctx.admin.get('/api/v1/audit?action=office_update&since=2026-12-01');
    assert.equal(api.status, 200, api.text);
    assert.equal(api.json.items.length, 0, 'the API\'s days are UTC days');
    api = await ctx.admin.get('/api/v1/audit?action=office_update&until=2026-11-30');
    assert.ok(api.json.items.length >= 1);
    assert.match(api.json.items[0].at, /^2026-11-30T15:/);
    page = await ctx.admin.get('/audit?since=2026-02-30');
    assert.equal(page.status, 422);
    await setOffice({ time_zone: null });
  });
});

describe('the /office page', () => {
  test('shows the office to anyone and its form to an administrator', T, async () => {
    const mine = await ctx.worker.get('/office');
    assert.equal(mine.status, 200);
    assert.match(mine.text, /Time zone<\/dt><dd>WIB \(the default\)<\/dd>/);
    assert.match(mine.text, /2026-11-30 2[23]:\d\d WIB/); // the office's clock now
    assert.doesNotMatch(mine.text, /<form method="post" action="\/office"/);
    const r = await ctx.worker.form('/office', { name: 'X', time_zone: 'WIT', version: '1' });
    assert.equal(r.status, 403);
    const page = await ctx.admin.get('/office');
    assert.equal(page.status, 200);
    assert.match(page.text, /<form method="post" action="\/office"/);
    assert.match(page.text, /<a href="\/office">Kantor<\/a>/); // in the administrator's menu
    assert.doesNotMatch(mine.text, /<a href="\/office">/);
  });

  test('refuses a bad form with each field named, and saves a good one', T, async () => {
    const { version, name } = await office();
    let r = await ctx.admin.form('/office', { name: '', region: '99', time_zone: 'GMT', version: String(version) });
    assert.equal(r.status, 422);
    const alert = r.text.match(/role="alert" id="form-errors"><ul>([\s\S]*?)<\/ul>/);
    assert.ok(alert, r.text.slice(0, 400));
    assert.match(alert[1], /Nama/);
    assert.match(alert[1], /Kode wilayah/);
    assert.match(alert[1], /Zona waktu: Zona waktu harus WIB, WITA atau WIT\./);
    assert.match(r.text, /value="99"/); // what was sent is kept
    assert.equal((await office()).version, version);
    r = await ctx.admin.form('/office', { name, region: '', time_zone: 'WITA', version: String(version - 1) });
    assert.equal(r.status, 409);
    r = await ctx.admin.form('/office', { name, region: '51.71', time_zone: '', version: String(version) });
    // Saved: a redirect, so that reloading the page it leads to does not send the form again.
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), '/office?saved=office');
    r = await ctx.admin.get('/office?saved=office');
    assert.match(r.text, /<p class="notice" role="status">Data kantor tersimpan\.<\/p>/);
    assert.doesNotMatch((await ctx.admin.get('/office')).text, /Data kantor tersimpan/);
    const o = await office();
    assert.equal(o.region, '51.71');
    assert.equal(o.zone, 'WITA');
    assert.match(r.text, /(2026-11-30 23|2026-12-01 00):\d\d WITA/);
    assert.match(r.text, /<dd>WITA \(menurut wilayah kantor\)<\/dd>/);
    await setOffice({ region: null });
  });
});
