// clients.test.mjs: the client registry over the API: create, read, update with versions,
// archive, the NIK rules and warnings, duplicates, consent for children, and the audit trail.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  TEST_TIMEOUT,
  activeCount,
  allClientUids,
  auditFor,
  createClient,
  expectError,
  hooks,
  login,
  newClient,
  nik,
  run,
  snapshot,
  uniqueWord,
} from './helpers.mjs';

const T = { timeout: TEST_TIMEOUT };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const ctx = hooks(before, after, async (c) => {
  const w = await login(c.base, 'worker');
  c.w = w.client;
  // Messages in English, so that the assertions can name the rule.
  const lang = await c.w.form('/language', { lang: 'en', back: '/' });
  assert.equal(lang.status, 303, lang.text.slice(0, 300));
  c.admin = (await login(c.base, 'admin')).client;
  c.sup = (await login(c.base, 'supervisor')).client;
});

const get = async (uid) => {
  const r = await ctx.w.get(`/api/v1/clients/${uid}`);
  assert.equal(r.status, 200, r.text);
  return r.json;
};

describe('create, read, update, archive', () => {
  test('create: 201 with uid, version 1, Location and the stored record', T, async () => {
    const body = newClient({
      other_names: 'Iis',
      kk: '3273011505900003',
      flags: ['urgent'],
      ppks: [24, 9],
      disability: { hearing: 'cannot' },
      household: [{ name: 'Ujang', relation: 'Suami', sex: 'M', birth_date: '1988-01-01' }],
      consent: { given_on: '2025-02-01', scope: 'services' },
      notes: 'Datang sendiri ke kantor.',
    });
    const r = await ctx.w.post('/api/v1/clients', body);
    assert.equal(r.status, 201, r.text);
    const c = r.json;
    assert.match(c.uid, UUID);
    assert.equal(c.version, 1);
    assert.equal(r.headers.get('location'), `/api/v1/clients/${c.uid}`);
    for (const k of ['name', 'other_names', 'nik', 'kk', 'sex', 'birth_date', 'birth_place', 'region', 'address', 'phone', 'notes']) {
      assert.equal(c[k], body[k], k);
    }
    assert.deepEqual(c.ppks.slice().sort((a, b) => a - b), [9, 24]);
    assert.deepEqual(c.flags, ['urgent']);
    assert.equal(c.disability.hearing, 'cannot');
    assert.equal(c.disability.seeing, null);
    assert.deepEqual(c.household, [{ name: 'Ujang', relation: 'Suami', sex: 'M', birth_date: '1988-01-01', nik: null }]);
    assert.equal(c.consent.given_on, '2025-02-01');
    assert.equal(c.consent.recorded_by, 'worker', 'the program records who took the consent');
    assert.equal(c.nik_warning, null);
    assert.equal(c.archived_at, null);
    assert.equal(c.created_by, 'worker');
    assert.ok(c.created_at && c.updated_at);

    // Reading it back gives the same record.
    const g = await get(c.uid);
    const sorted = (a) => a.slice().sort();
    for (const k of Object.keys(c)) {
      if (k === 'region_name') continue; // looked up for display on read
      if (k === 'ppks' || k === 'flags') assert.deepEqual(sorted(g[k]), sorted(c[k]), `GET ${k}`);
      else assert.deepEqual(g[k], c[k], `GET ${k}`);
    }
    // The Location header leads to it.
    const byLocation = await ctx.w.get(r.headers.get('location'));
    assert.equal(byLocation.json.uid, c.uid);
  });

  test('text is trimmed and empty text is stored as null', T, async () => {
    const body = newClient();
    const r = await ctx.w.post('/api/v1/clients', { ...body, name: `  ${body.name}  `, phone: '', address: '   ' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.name, body.name);
    assert.equal(r.json.phone, null);
    assert.equal(r.json.address, null);
  });

  test('a name is the only required field', T, async () => {
    const name = `Tanpa Dokumen ${uniqueWord()}`;
    const r = await ctx.w.post('/api/v1/clients', { name, flags: ['needs_id_documents', 'no_fixed_address'] });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.nik, null);
    // The list shows the flags the row carries, in the order a full read gives them.
    const list = await ctx.w.get(`/api/v1/clients?q=${encodeURIComponent(name)}&flag=no_fixed_address`);
    assert.equal(list.status, 200, list.text);
    assert.deepEqual(list.json.items.map((i) => i.flags), [['needs_id_documents', 'no_fixed_address']]);
    assert.deepEqual((await get(r.json.uid)).flags, ['needs_id_documents', 'no_fixed_address']);
    const none = await ctx.w.get(`/api/v1/clients?q=${encodeURIComponent(name)}&flag=urgent`);
    assert.deepEqual(none.json.items, []);
    const snap = await snapshot(ctx.w, ctx.admin);
    expectError(await ctx.w.post('/api/v1/clients', {}), 422, 'invalid', 'name');
    expectError(await ctx.w.post('/api/v1/clients', { name: '   ' }), 422, 'invalid', 'name');
    await snap.same('creations without a name');
  });

  test('patched flags: the list shows them and filters by them', T, async () => {
    const name = `Bendera ${uniqueWord()}`;
    const c = (await ctx.w.post('/api/v1/clients', { name, flags: ['urgent'] })).json;
    const listed = async (flag) => {
      const r = await ctx.w.get(`/api/v1/clients?q=${encodeURIComponent(name)}${flag ? `&flag=${flag}` : ''}`);
      assert.equal(r.status, 200, r.text);
      return r.json.items.map((i) => i.flags);
    };
    assert.deepEqual(await listed('urgent'), [['urgent']]);
    const r = await ctx.w.patch(`/api/v1/clients/${c.uid}`, { flags: ['unreachable', 'needs_id_documents'], version: c.version });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(await listed(), [['needs_id_documents', 'unreachable']]);
    assert.deepEqual(await listed('unreachable'), [['needs_id_documents', 'unreachable']]);
    assert.deepEqual(await listed('urgent'), []);
    const cleared = await ctx.w.patch(`/api/v1/clients/${c.uid}`, { flags: [], version: r.json.version });
    assert.equal(cleared.status, 200, cleared.text);
    assert.deepEqual(await listed(), [[]]);
    assert.deepEqual(await listed('needs_id_documents'), []);
  });

  test('patch with the version: version+1, only the sent fields change', T, async () => {
    const c = await createClient(ctx.w, { notes: 'awal' });
    const r = await ctx.w.patch(`/api/v1/clients/${c.uid}`, { phone: '0813-1111-2222', version: c.version });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.version, c.version + 1);
    assert.equal(r.json.phone, '0813-1111-2222');
    assert.equal(r.json.updated_by, 'worker');
    assert.ok(r.json.updated_at >= c.updated_at);
    const g = await get(c.uid);
    assert.equal(g.version, c.version + 1);
    assert.equal(g.phone, '0813-1111-2222');
    for (const k of ['name', 'nik', 'sex', 'birth_date', 'region', 'address', 'notes', 'created_at', 'created_by']) {
      assert.deepEqual(g[k], c[k], `${k} is kept`);
    }
    assert.deepEqual(g.ppks, c.ppks);
    // Null clears a field.
    const cleared = await ctx.w.patch(`/api/v1/clients/${c.uid}`, { phone: null, version: g.version });
    assert.equal(cleared.status, 200, cleared.text);
    assert.equal(cleared.json.phone, null);
    assert.equal((await get(c.uid)).phone, null);
  });

  test('a stale version: 409 with the current record, and nothing changes', T, async () => {
    const c = await createClient(ctx.w);
    const first = await ctx.sup.patch(`/api/v1/clients/${c.uid}`, { address: 'Jl. Baru 2', version: c.version });
    assert.equal(first.status, 200, first.text);
    const snap = await snapshot(ctx.w, ctx.admin);
    const stale = await ctx.w.patch(`/api/v1/clients/${c.uid}`, { address: 'Jl. Lama 9', version: c.version });
    assert.equal(stale.status, 409, stale.text);
    assert.equal(stale.json.error.code, 'conflict');
    assert.ok(stale.json.error.message);
    assert.ok(stale.json.current, 'the current record is returned');
    assert.equal(stale.json.current.uid, c.uid);
    assert.equal(stale.json.current.version, c.version + 1);
    assert.equal(stale.json.current.address, 'Jl. Baru 2');
    assert.equal(stale.json.current.updated_by, 'supervisor');
    const g = await get(c.uid);
    assert.equal(g.address, 'Jl. Baru 2');
    assert.equal(g.version, c.version + 1);
    await snap.same('a stale update');
    // A version from the future is stale too.
    expectError(await ctx.w.patch(`/api/v1/clients/${c.uid}`, { address: 'X', version: 99 }), 409, 'conflict');
    // Retrying with the current version works.
    const retry = await ctx.w.patch(`/api/v1/clients/${c.uid}`, { address: 'Jl. Lama 9', version: stale.json.current.version });
    assert.equal(retry.status, 200, retry.text);
  });

  test('patch without a version is 422 field version and changes nothing', T, async () => {
    const c = await createClient(ctx.w);
    const snap = await snapshot(ctx.w, ctx.admin);
    expectError(await ctx.w.patch(`/api/v1/clients/${c.uid}`, { phone: '0811-2222-3333' }), 422, 'invalid', 'version');
    expectError(await ctx.w.patch(`/api/v1/clients/${c.uid}`, { phone: '0811-2222-3333', version: 0 }), 422, 'invalid', 'version');
    expectError(await ctx.w.patch(`/api/v1/clients/${c.uid}`, { phone: '0811-2222-3333', version: '1' }), 422, 'invalid', 'version');
    assert.equal((await get(c.uid)).phone, c.phone);
    await snap.same('patches without a version');
  });

  test('unknown clients are 404', T, async () => {
    const missing = '01234567-89ab-7def-8123-456789abcdef';
    expectError(await ctx.w.get(`/api/v1/clients/${missing}`), 404, 'not_found');
    expectError(await ctx.w.get('/api/v1/clients/not-a-uid'), 404, 'not_found');
    expectError(await ctx.w.patch(`/api/v1/clients/${missing}`, { phone: null, version: 1 }), 404, 'not_found');
    expectError(await ctx.w.del(`/api/v1/clients/${missing}`), 404, 'not_found');
    const page = await ctx.w.get(`/clients/${missing}`);
    assert.equal(page.status, 404);
  });

  test('delete archives: archived_at set, gone from the list, listed with archived=1', T, async () => {
    const c = await createClient(ctx.w);
    const q = `q=${encodeURIComponent(c.name)}`;
    assert.equal((await ctx.w.get(`/api/v1/clients?${q}`)).json.items.length, 1);
    const active = await activeCount(ctx.w);
    const r = await ctx.w.del(`/api/v1/clients/${c.uid}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.uid, c.uid);
    assert.equal(r.json.version, c.version + 1, 'archiving is a change of the record');
    assert.equal(await activeCount(ctx.w), active - 1, 'the summary no longer counts it');
    assert.ok(r.json.archived_at, 'archived_at is set');
    const g = await get(c.uid);
    assert.ok(g.archived_at, 'the record still exists and shows archived_at');
    assert.equal(g.name, c.name);
    assert.equal((await ctx.w.get(`/api/v1/clients?${q}`)).json.items.length, 0, 'not in the default list');
    const archived = await ctx.w.get(`/api/v1/clients?${q}&archived=1`);
    assert.equal(archived.json.items.length, 1);
    assert.equal(archived.json.items[0].uid, c.uid);
    assert.ok(archived.json.items[0].archived_at);
    assert.ok(!(await allClientUids(ctx.w)).includes(c.uid));
    assert.ok((await allClientUids(ctx.w, 'archived=1')).includes(c.uid));
    // Archiving twice is harmless and is audited once.
    const again = await ctx.w.del(`/api/v1/clients/${c.uid}`);
    assert.equal(again.status, 200, again.text);
    assert.equal(again.json.archived_at, r.json.archived_at);
    const rows = await auditFor(ctx.admin, c.uid);
    assert.equal(rows.filter((x) => x.action === 'archive').length, 1);
    assert.equal(rows.find((x) => x.action === 'archive').user, 'worker');
  });
});

describe('NIK rules', () => {
  const rules = [
    ['3273015705900', /16 digits/i, 'too short'],
    ['32730157059000011', /16 digits/i, 'too long'],
    ['32730157O5900001', /digits only/i, 'a letter O'],
    ['0073015705900001', /province/i, 'unknown province 00'],
    ['3973015705900001', /province/i, 'unknown province 39'],
    ['3273010005900001', /birth day|7-8/i, 'day 00'],
    ['3273013205900001', /birth day|7-8/i, 'day 32'],
    ['3273017205900001', /birth day|7-8/i, 'day 72 (32 + 40)'],
    ['3273015713900001', /month|9-10/i, 'month 13'],
    ['3273015700900001', /month|9-10/i, 'month 00'],
    ['3273015705900000', /0000/, 'serial 0000'],
  ];
  test('each broken rule is 422 on field nik naming the rule, and nothing is stored', T, async () => {
    const snap = await snapshot(ctx.w, ctx.admin);
    for (const [value, why, what] of rules) {
      const r = await ctx.w.post('/api/v1/clients', newClient({ nik: value }));
      const e = expectError(r, 422, 'invalid', 'nik');
      assert.match(e.message, why, `${what}: ${e.message}`);
    }
    await snap.same('invalid NIKs');
  });

  test('an invalid NIK on patch is refused too', T, async () => {
    const c = await createClient(ctx.w);
    const r = await ctx.w.patch(`/api/v1/clients/${c.uid}`, { nik: '1234', version: c.version });
    expectError(r, 422, 'invalid', 'nik');
    const g = await get(c.uid);
    assert.equal(g.nik, c.nik);
    assert.equal(g.version, c.version);
  });

  test('a NIK already registered: 409 naming the client who has it', T, async () => {
    const first = await createClient(ctx.w);
    const snap = await snapshot(ctx.w, ctx.admin);
    const r = await ctx.w.post('/api/v1/clients', newClient({ nik: first.nik }));
    const e = expectError(r, 409, 'exists', 'nik');
    assert.equal(e.existing, first.uid);
    assert.equal(e.link, `/api/v1/clients/${first.uid}`);
    // Confirming warnings does not override it.
    const forced = await ctx.w.post('/api/v1/clients', newClient({ nik: first.nik, confirm_nik_mismatch: true, confirm_duplicate: true }));
    expectError(forced, 409, 'exists', 'nik');
    await snap.same('refused NIK duplicates');
    // Nor can another client take it by a correction.
    const other = await createClient(ctx.w);
    const p = await ctx.w.patch(`/api/v1/clients/${other.uid}`, { nik: first.nik, version: other.version });
    assert.equal(expectError(p, 409, 'exists', 'nik').existing, first.uid);
    assert.equal((await get(other.uid)).nik, other.nik);
  });

  test('an archived client keeps its NIK', T, async () => {
    const archivedOne = await createClient(ctx.w);
    assert.equal((await ctx.w.del(`/api/v1/clients/${archivedOne.uid}`)).status, 200);
    const again = await ctx.w.post('/api/v1/clients', newClient({ nik: archivedOne.nik }));
    assert.equal(expectError(again, 409, 'exists', 'nik').existing, archivedOne.uid);
  });

  test('a NIK that disagrees with sex: 422 nik_mismatch, then saved with confirm_nik_mismatch and the warning stays', T, async () => {
    const body = newClient({ sex: 'M', nik: nik({ birthDate: '1990-05-17', sex: 'F' }), birth_date: '1990-05-17' });
    const snap = await snapshot(ctx.w, ctx.admin);
    const r = await ctx.w.post('/api/v1/clients', body);
    const e = expectError(r, 422, 'nik_mismatch', 'nik');
    assert.equal(e.confirm_with, 'confirm_nik_mismatch');
    assert.match(e.message, /woman|female/i);
    await snap.same('an unconfirmed NIK mismatch');

    const ok = await ctx.w.post('/api/v1/clients', { ...body, confirm_nik_mismatch: true });
    assert.equal(ok.status, 201, ok.text);
    assert.ok(ok.json.nik_warning, 'the record carries a NIK warning');
    assert.equal(ok.json.confirm_nik_mismatch, undefined, 'the confirmation is not stored as a field');
    const g = await get(ok.json.uid);
    assert.equal(g.nik_warning, ok.json.nik_warning);
    // The warning is listed and can be filtered on.
    const list = await ctx.w.get(`/api/v1/clients?flag=nik_warning&q=${encodeURIComponent(body.name)}`);
    assert.equal(list.json.items.length, 1);
    assert.ok(list.json.items[0].nik_warning);
    // A later correction of something else needs no new confirmation and keeps the warning.
    const p = await ctx.w.patch(`/api/v1/clients/${g.uid}`, { phone: '0815-0000-1111', version: g.version });
    assert.equal(p.status, 200, p.text);
    assert.equal(p.json.nik_warning, g.nik_warning);
    assert.equal((await get(g.uid)).nik_warning, g.nik_warning);
    // The HTML page shows it.
    const page = await ctx.w.get(`/clients/${g.uid}`);
    assert.match(page.text, /class="warning"/);
    // Correcting the sex removes the warning.
    const fixed = await ctx.w.patch(`/api/v1/clients/${g.uid}`, { sex: 'F', version: p.json.version });
    assert.equal(fixed.status, 200, fixed.text);
    assert.equal(fixed.json.nik_warning, null);
  });

  test('a NIK that disagrees with the birth date: 422 nik_mismatch until confirmed', T, async () => {
    const body = newClient({ nik: nik({ birthDate: '1990-05-17', sex: 'F' }), birth_date: '1991-05-17', sex: 'F' });
    const e = expectError(await ctx.w.post('/api/v1/clients', body), 422, 'nik_mismatch', 'nik');
    assert.match(e.message, /birth date/i);
    const ok = await ctx.w.post('/api/v1/clients', { ...body, confirm_nik_mismatch: true });
    assert.equal(ok.status, 201, ok.text);
    assert.ok(ok.json.nik_warning);
  });
});

describe('duplicates and consent', () => {
  test('same name and birth date: 422 possible_duplicate, then accepted with confirm_duplicate', T, async () => {
    const word = uniqueWord();
    const first = await createClient(ctx.w, { name: `Siti ${word}`, birth_date: '1979-08-17', sex: 'F', nik: undefined });
    const snap = await snapshot(ctx.w, ctx.admin);
    // The same name written differently (case, spaces) is the same name.
    const body = newClient({ name: `  SITI   ${word.toLowerCase()} `, birth_date: '1979-08-17', sex: 'F', nik: undefined });
    const r = await ctx.w.post('/api/v1/clients', body);
    const e = expectError(r, 422, 'possible_duplicate', 'name');
    assert.equal(e.confirm_with, 'confirm_duplicate');
    assert.deepEqual(e.duplicates, [{ uid: first.uid, name: first.name }]);
    await snap.same('an unconfirmed duplicate');
    const ok = await ctx.w.post('/api/v1/clients', { ...body, confirm_duplicate: true });
    assert.equal(ok.status, 201, ok.text);
    assert.notEqual(ok.json.uid, first.uid);
    // Another birth date is another person.
    const other = await ctx.w.post('/api/v1/clients', newClient({ name: first.name, birth_date: '1979-08-18', nik: undefined }));
    assert.equal(other.status, 201, other.text);
    // Correcting an unrelated field of a known duplicate needs no new confirmation.
    const p = await ctx.w.patch(`/api/v1/clients/${ok.json.uid}`, { phone: '0812-0000-0001', version: ok.json.version });
    assert.equal(p.status, 200, p.text);
  });

  test('a child\'s consent needs the guardian: 422 consent.guardian_name', T, async () => {
    const snap = await snapshot(ctx.w, ctx.admin);
    const child = newClient({ birth_date: '2015-03-04', sex: 'M', nik: nik({ birthDate: '2015-03-04', sex: 'M' }) });
    const noGuardian = await ctx.w.post('/api/v1/clients', { ...child, consent: { given_on: '2025-01-10', scope: 'services' } });
    expectError(noGuardian, 422, 'invalid', 'consent.guardian_name');
    const noRelation = await ctx.w.post('/api/v1/clients', {
      ...child,
      consent: { given_on: '2025-01-10', scope: 'services', guardian_name: 'Ibu Siti' },
    });
    expectError(noRelation, 422, 'invalid', 'consent.guardian_relation');
    await snap.same('a child\'s consent without guardian');
    const ok = await ctx.w.post('/api/v1/clients', {
      ...child,
      consent: { given_on: '2025-01-10', scope: 'referral', guardian_name: 'Ibu Siti', guardian_relation: 'Ibu' },
    });
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.json.consent.guardian_name, 'Ibu Siti');
    // Removing the guardian later is refused as well.
    const p = await ctx.w.patch(`/api/v1/clients/${ok.json.uid}`, {
      consent: { given_on: '2025-01-10', scope: 'referral' },
      version: ok.json.version,
    });
    expectError(p, 422, 'invalid', 'consent.guardian_name');
    assert.equal((await get(ok.json.uid)).consent.guardian_name, 'Ibu Siti');
  });

  test('consent dated before the birth is refused (and cannot skip the guardian rule)', T, async () => {
    const snap = await snapshot(ctx.w, ctx.admin);
    const child = newClient({ birth_date: '2015-03-04', sex: 'M', nik: nik({ birthDate: '2015-03-04', sex: 'M' }) });
    const r = await ctx.w.post('/api/v1/clients', { ...child, consent: { given_on: '2010-01-01', scope: 'services' } });
    const e = expectError(r, 422, 'invalid');
    const fields = [e.field, ...(e.fields || []).map((f) => f.field)];
    assert.ok(fields.includes('consent.given_on') || fields.includes('consent.guardian_name'), `fields: ${fields}`);
    await snap.same('consent dated before the birth');
  });

  test('an adult\'s consent needs no guardian; a bad scope or date is refused', T, async () => {
    const adult = newClient({ birth_date: '1980-01-01', nik: nik({ birthDate: '1980-01-01', sex: 'F' }) });
    const ok = await ctx.w.post('/api/v1/clients', { ...adult, consent: { given_on: '2025-01-10', scope: 'referral_research' } });
    assert.equal(ok.status, 201, ok.text);
    expectError(
      await ctx.w.post('/api/v1/clients', newClient({ consent: { given_on: '2025-01-10', scope: 'everything' } })),
      422,
      'invalid',
      'consent.scope',
    );
    expectError(
      await ctx.w.post('/api/v1/clients', newClient({ consent: { given_on: '2999-01-01', scope: 'services' } })),
      422,
      'invalid',
      'consent.given_on',
    );
    expectError(await ctx.w.post('/api/v1/clients', newClient({ consent: { scope: 'services' } })), 422, 'invalid', 'consent.given_on');
  });
});

describe('field rules', () => {
  const cases = [
    [{ sex: 'X' }, 'sex'],
    [{ birth_date: '1990-02-30' }, 'birth_date'],
    [{ birth_date: '17-05-1990' }, 'birth_date'],
    [{ birth_date: '2999-01-01' }, 'birth_date'],
    [{ region: '32.7' }, 'region'],
    [{ region: '99.01' }, 'region'],
    [{ phone: '12' }, 'phone'],
    [{ phone: 'call me' }, 'phone'],
    [{ kk: '123' }, 'kk'],
    [{ ppks: [99] }, 'ppks'],
    [{ ppks: [0] }, 'ppks'],
    [{ ppks: [3, 3] }, 'ppks'],
    [{ flags: ['vip'] }, 'flags'],
    [{ disability: { seeing: 'blind' } }, 'disability.seeing'],
    [{ disability: { smell: 'some' } }, 'disability.smell'],
    [{ household: [{ name: 'Anak' }] }, 'household[0].relation'],
    [{ household: [{ relation: 'Anak' }] }, 'household[0].name'],
    [{ household: [{ name: 'A', relation: 'Anak', nik: '1' }] }, 'household[0].nik'],
    [{ household: Array.from({ length: 21 }, (_, i) => ({ name: `A${i}`, relation: 'Anak' })) }, 'household'],
    [{ flags: ['urgent', 'urgent', 'urgent', 'urgent', 'urgent'] }, 'flags'],
    [{ name: 'x'.repeat(201) }, 'name'],
    [{ notes: 'x'.repeat(20001) }, 'notes'],
  ];
  test('each invalid field is 422 naming it, and nothing is stored', T, async () => {
    const snap = await snapshot(ctx.w, ctx.admin);
    for (const [over, field] of cases) {
      const r = await ctx.w.post('/api/v1/clients', newClient(over));
      const e = expectError(r, 422, 'invalid');
      const fields = [e.field, ...(e.fields || []).map((f) => f.field)];
      assert.ok(fields.includes(field), `${JSON.stringify(over).slice(0, 80)}: expected field ${field}, got ${fields}`);
    }
    await snap.same('invalid fields');
  });

  test('a flag listed twice is refused or stored once, and the answer shows what was stored', T, async () => {
    const r = await ctx.w.post('/api/v1/clients', newClient({ flags: ['urgent', 'urgent'] }));
    if (r.status === 422) {
      assert.equal(r.json.error.field, 'flags');
      return;
    }
    assert.equal(r.status, 201, r.text);
    const g = await get(r.json.uid);
    assert.deepEqual(g.flags, ['urgent']);
    assert.deepEqual(r.json.flags, g.flags, 'the create response differs from the stored record');
  });

  test('all faults are reported at once under fields', T, async () => {
    const r = await ctx.w.post('/api/v1/clients', newClient({ sex: 'X', phone: '1', region: 'abc' }));
    const e = expectError(r, 422, 'invalid');
    assert.deepEqual(e.fields.map((f) => f.field).sort(), ['phone', 'region', 'sex']);
    for (const f of e.fields) assert.ok(f.message);
  });
});

describe('HTML registration and correction', () => {
  test('register by form, view, and a stale correction keeps the input with 409', T, async () => {
    const body = newClient();
    const created = await ctx.w.form('/clients', {
      name: body.name,
      sex: body.sex,
      birth_date: body.birth_date,
      nik: body.nik,
      region: body.region,
      ppks: ['24', '9'],
      flags: 'urgent',
      hh_name_0: 'Ujang',
      hh_relation_0: 'Suami',
      hh_sex_0: 'm',
      notes: 'Catatan form',
    });
    assert.equal(created.status, 303, created.text.slice(0, 500));
    const uid = created.headers.get('location').split('/').pop();
    const c = await get(uid);
    assert.equal(c.name, body.name);
    assert.deepEqual(c.ppks.slice().sort((a, b) => a - b), [9, 24]);
    assert.deepEqual(c.flags, ['urgent']);
    assert.equal(c.household[0].sex, 'M');
    assert.equal(c.notes, 'Catatan form');
    const view = await ctx.w.get(`/clients/${uid}`);
    assert.equal(view.status, 200);
    assert.ok(view.text.includes(body.name));

    const edit = await ctx.w.get(`/clients/${uid}/edit`);
    assert.equal(edit.status, 200);
    assert.match(edit.text, /name="version" value="1"/);
    const p = await ctx.w.patch(`/api/v1/clients/${uid}`, { address: 'Meanwhile 1', version: 1 });
    assert.equal(p.status, 200);
    const stale = await ctx.w.form(`/clients/${uid}`, { name: body.name, address: 'Mine 2', version: '1' });
    assert.equal(stale.status, 409);
    assert.match(stale.text, /value="Mine 2"/, 'the input is kept');
    assert.match(stale.text, /name="version" value="2"/, 'the form now carries the current version');
    assert.equal((await get(uid)).address, 'Meanwhile 1');

    const bad = await ctx.w.form('/clients', { name: body.name + ' B', nik: '123' });
    assert.equal(bad.status, 422);
    assert.match(bad.text, /id="nik"[^>]*aria-invalid="true"/);
  });
});

describe('audit trail', () => {
  test('create and update rows carry before/after, and only {"changed":true} for notes', T, async () => {
    const c = await createClient(ctx.w, { notes: 'Rahasia pertama', phone: '0812-1111-0000' });
    const p = await ctx.w.patch(`/api/v1/clients/${c.uid}`, {
      phone: '0812-2222-0000',
      notes: 'Rahasia kedua',
      version: c.version,
    });
    assert.equal(p.status, 200, p.text);
    const rows = await auditFor(ctx.admin, c.uid);
    assert.deepEqual(rows.map((r) => r.action), ['update', 'create']);
    const [update, create] = rows;
    for (const r of rows) {
      assert.equal(r.user, 'worker');
      assert.equal(r.entity, 'client');
      assert.equal(r.entity_uid, c.uid);
      assert.match(r.hash, /^[0-9a-f]{64}$/);
    }
    assert.deepEqual(create.detail.name, { before: null, after: c.name });
    assert.deepEqual(create.detail.nik, { before: null, after: c.nik });
    assert.deepEqual(create.detail.notes, { changed: true });
    assert.deepEqual(update.detail, {
      phone: { before: '0812-1111-0000', after: '0812-2222-0000' },
      notes: { changed: true },
    });
    const text = JSON.stringify(rows);
    assert.ok(!text.includes('Rahasia'), 'notes never reach the audit trail');
    assert.ok(update.id > create.id);
  });

  test('refused requests write no audit rows', T, async () => {
    const c = await createClient(ctx.w);
    const before = await auditFor(ctx.admin, c.uid);
    await ctx.w.patch(`/api/v1/clients/${c.uid}`, { sex: 'X', version: c.version });
    await ctx.w.patch(`/api/v1/clients/${c.uid}`, { phone: null, version: c.version + 5 });
    assert.deepEqual(await auditFor(ctx.admin, c.uid), before);
  });
});

describe('concurrent requests', () => {
  test('parallel updates of one version: exactly one wins, the others get 409', T, async () => {
    const c = await createClient(ctx.w);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => ctx.w.patch(`/api/v1/clients/${c.uid}`, { address: `Jl. Paralel ${i}`, version: c.version })),
    );
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 409, 409, 409, 409, 409], results.map((r) => r.text.slice(0, 120)).join('\n'));
    const winner = results.find((r) => r.status === 200).json;
    const g = await get(c.uid);
    assert.equal(g.version, c.version + 1);
    assert.equal(g.address, winner.address);
  });

  test('parallel registrations of one NIK: one 201, the others 409', T, async () => {
    const body = newClient();
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => ctx.w.post('/api/v1/clients', { ...body, name: `${body.name} ${'I'.repeat(i + 1)}` })),
    );
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(statuses, [201, 409, 409, 409, 409], results.map((r) => r.text.slice(0, 120)).join('\n'));
  });

  test('parallel creations keep the audit chain intact', T, async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => ctx.w.post('/api/v1/clients', newClient())));
    assert.deepEqual(results.map((r) => r.status), Array(8).fill(201));
    const v = await run(['audit', 'verify', '--data', ctx.server.dataDir]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
  });
});
