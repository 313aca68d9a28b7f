// cases.test.mjs: casework over the API, part one: opening cases, who may see and change them,
// notes and their levels (and their encryption at rest), workers, break-the-glass access, and
// bad input on the casework routes. Part two (stages, approvals, the full walk, referrals,
// versions, overdue work) is cases2.test.mjs.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TEST_TIMEOUT, anon, auditFor, createClient, expectError, hooks } from './helpers.mjs';
import {
  NOBODY,
  UUID,
  add,
  approve,
  caseState,
  consent,
  fileBytes,
  getCase,
  goal,
  items,
  openCase,
  setupUsers,
  sql,
} from './cases-helpers.mjs';

const T = { timeout: TEST_TIMEOUT };
const ctx = hooks(before, after, setupUsers);

/** uidsOf lists the case uids a user sees in GET /api/v1/cases (all pages). */
async function listed(who, query = '') {
  const out = [];
  let cursor = null;
  for (let i = 0; i < 50; i++) {
    const q = new URLSearchParams(query);
    q.set('limit', '100');
    if (cursor) q.set('cursor', cursor);
    const r = await who.get(`/api/v1/cases?${q}`);
    assert.equal(r.status, 200, r.text);
    out.push(...r.json.items);
    cursor = r.json.next_cursor;
    if (!cursor) return out;
  }
  throw new Error('too many pages');
}

async function caseload(who, query = '') {
  const r = await who.get(`/api/v1/caseload${query}`);
  assert.equal(r.status, 200, r.text);
  return r.json;
}

describe('opening a case', () => {
  test('201 with uid, stage intake, version 1 and the creator as primary worker', T, async () => {
    const client = await createClient(ctx.worker, consent('services'));
    const body = {
      client: client.uid,
      problems: [
        { category: 'income', severity: 3, description: 'Suami meninggal, tidak ada penghasilan.' },
        { category: 'housing', severity: 5, since: '2024-03-01' },
      ],
    };
    const r = await ctx.worker.post('/api/v1/cases', body);
    assert.equal(r.status, 201, r.text);
    const c = r.json;
    assert.match(c.uid, UUID);
    assert.equal(r.headers.get('location'), `/api/v1/cases/${c.uid}`);
    assert.equal(c.stage, 'intake');
    assert.equal(c.version, 1);
    assert.deepEqual(c.client, { uid: client.uid, name: client.name });
    assert.equal(c.created_by, 'worker');
    assert.equal(c.opened_reason, null);
    assert.equal(c.closed_at, null);
    assert.equal(c.overdue, false);
    assert.equal(c.workers.length, 1);
    assert.equal(c.workers[0].name, 'worker');
    assert.equal(c.workers[0].role, 'primary');
    assert.equal(c.workers[0].full_name, 'Budi Santoso');
    assert.deepEqual(c.access, { assigned: true, supervises: false, emergency: false });
    assert.deepEqual(c.can, { write: true, approve: false, assign: true });
    assert.equal(c.gates.consent, true);
    assert.equal(c.gates.goals, 0);

    // Read back: the same case, and its problems as items.
    const g = await getCase(ctx.worker, c.uid);
    for (const k of ['uid', 'stage', 'version', 'created_by', 'created_at', 'workers', 'client']) {
      assert.deepEqual(g[k], c[k], k);
    }
    const probs = await items(ctx.worker, c.uid, 'problems');
    assert.equal(probs.length, 2);
    assert.deepEqual(
      probs.map((p) => [p.kind, p.category, p.severity, p.description ?? null, p.since ?? null, p.level]),
      [
        ['problem', 'income', 3, body.problems[0].description, null, 'normal'],
        ['problem', 'housing', 5, null, '2024-03-01', 'normal'],
      ],
    );
    for (const p of probs) {
      assert.match(p.uid, UUID);
      assert.equal(p.version, 1);
      assert.equal(p.created_by, 'worker');
    }
    // The opening is audited.
    const audit = await auditFor(ctx.admin, c.uid);
    assert.ok(audit.some((a) => a.action === 'create' && a.entity === 'case' && a.user === 'worker'), JSON.stringify(audit));
  });

  test('a case without problems can be opened', T, async () => {
    const client = await createClient(ctx.worker, consent());
    const r = await ctx.worker.post('/api/v1/cases', { client: client.uid });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(await items(ctx.worker, r.json.uid), []);
  });

  test('unknown, missing or archived client: 422 naming client, nothing opened', T, async () => {
    const before = (await listed(ctx.worker)).length;
    expectError(await ctx.worker.post('/api/v1/cases', { client: NOBODY, problems: [] }), 422, 'invalid', 'client');
    expectError(await ctx.worker.post('/api/v1/cases', { client: 'not-a-uid' }), 422, 'invalid', 'client');
    expectError(await ctx.worker.post('/api/v1/cases', { problems: [] }), 422, 'invalid', 'client');
    expectError(await ctx.worker.post('/api/v1/cases', { client: 42 }), 422, 'invalid', 'client');
    const archived = await createClient(ctx.worker, consent());
    const del = await ctx.worker.del(`/api/v1/clients/${archived.uid}`);
    assert.equal(del.status, 200, del.text);
    expectError(await ctx.worker.post('/api/v1/cases', { client: archived.uid }), 422, 'invalid', 'client');
    assert.equal((await listed(ctx.worker)).length, before);
    assert.deepEqual(await listed(ctx.supervisor, `client=${archived.uid}`), []);
  });

  test('a second open case for the same client needs a reason', T, async () => {
    const { kase, client } = await openCase(ctx.worker);
    for (const reason of [undefined, '', null]) {
      const body = { client: client.uid, problems: [] };
      if (reason !== undefined) body.reason = reason;
      const e = expectError(await ctx.worker.post('/api/v1/cases', body), 422, 'invalid', 'reason');
      assert.match(e.message, /already has an open case/);
    }
    // Another worker needs the reason too: the rule is about the client, not the worker.
    expectError(await ctx.worker2.post('/api/v1/cases', { client: client.uid }), 422, 'invalid', 'reason');
    assert.deepEqual((await listed(ctx.supervisor, `client=${client.uid}`)).map((c) => c.uid), [kase.uid]);

    const reason = 'Kasus kekerasan terpisah dari kasus ekonomi.';
    const r = await ctx.worker.post('/api/v1/cases', { client: client.uid, reason });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.opened_reason, reason);
    assert.notEqual(r.json.uid, kase.uid);
    assert.equal((await getCase(ctx.worker, r.json.uid)).opened_reason, reason);
    const both = (await listed(ctx.worker, `client=${client.uid}`)).map((c) => c.uid).sort();
    assert.deepEqual(both, [kase.uid, r.json.uid].sort());
  });

  test('bad problems: 422 naming problems[i].field, nothing opened', T, async () => {
    const client = await createClient(ctx.worker, consent());
    const cases = [
      [[{ category: 'income', severity: 9 }], 'problems[0].severity'],
      [[{ category: 'income', severity: 0 }], 'problems[0].severity'],
      [[{ category: 'income', severity: '3' }], 'problems[0].severity'],
      [[{ category: 'income' }], 'problems[0].severity'],
      [[{ category: 'weather', severity: 2 }], 'problems[0].category'],
      [[{ severity: 2 }], 'problems[0].category'],
      [[{ category: 'income', severity: 2, since: '2024-02-30' }], 'problems[0].since'],
      [[{ category: 'income', severity: 2, colour: 'red' }], 'problems[0].colour'],
      [[{ category: 'income', severity: 2, description: 'x'.repeat(4001) }], 'problems[0].description'],
      [[{ category: 'income', severity: 2, level: 'secret' }], 'problems[0].level'],
      [{ category: 'income' }, 'problems'],
      ['income', 'problems'],
    ];
    for (const [problems, field] of cases) {
      const r = await ctx.worker.post('/api/v1/cases', { client: client.uid, problems });
      const e = expectError(r, 422, 'invalid', field);
      assert.ok(Array.isArray(e.fields) && e.fields.some((f) => f.field === field), r.text);
    }
    // Several faults are all named, each with its index.
    const r = await ctx.worker.post('/api/v1/cases', {
      client: client.uid,
      problems: [{ category: 'income', severity: 3 }, { category: 'nope', severity: 7 }],
    });
    const e = expectError(r, 422, 'invalid');
    assert.deepEqual(e.fields.map((f) => f.field).sort(), ['problems[1].category', 'problems[1].severity']);
    assert.deepEqual(await listed(ctx.supervisor, `client=${client.uid}`), []);
  });

  test('a problem that is not an object is named problems[i]', T, async () => {
    const client = await createClient(ctx.worker, consent());
    const r = await ctx.worker.post('/api/v1/cases', { client: client.uid, problems: [{ category: 'income', severity: 1 }, 5] });
    expectError(r, 422, 'invalid', 'problems[1]');
    assert.deepEqual(await listed(ctx.supervisor, `client=${client.uid}`), []);
  });

  test('unknown fields and wrong types: 422 naming the field', T, async () => {
    const client = await createClient(ctx.worker, consent());
    expectError(await ctx.worker.post('/api/v1/cases', { client: client.uid, stage: 'planning' }), 422, 'invalid', 'stage');
    expectError(await ctx.worker.post('/api/v1/cases', { client: client.uid, reason: 7 }), 422, 'invalid', 'reason');
    expectError(await ctx.worker.post('/api/v1/cases', { client: client.uid, reason: 'x'.repeat(2001) }), 422, 'invalid', 'reason');
    assert.deepEqual(await listed(ctx.supervisor, `client=${client.uid}`), []);
  });
});

describe('who may see and change a case', () => {
  let A; // worker's case
  let B; // worker2's case
  before(async () => {
    A = (await openCase(ctx.worker)).kase;
    B = (await openCase(ctx.worker2)).kase;
    await add(ctx.worker, A.uid, 'notes', { body: 'Catatan pertama.' });
  });

  test('the assigned worker: 200 on her case, its notes, and a new note', T, async () => {
    const c = await getCase(ctx.worker, A.uid);
    assert.equal(c.uid, A.uid);
    const before = (await items(ctx.worker, A.uid, 'notes')).length;
    const n = await ctx.worker.post(`/api/v1/cases/${A.uid}/notes`, { body: 'Kunjungan rumah dijadwalkan.' });
    assert.equal(n.status, 201, n.text);
    assert.equal((await items(ctx.worker, A.uid, 'notes')).length, before + 1);
  });

  test('another worker: 404 on every route of the case, and changes nothing', T, async () => {
    const was = await caseState(ctx.supervisor, A.uid);
    const u = `/api/v1/cases/${A.uid}`;
    const [note] = await items(ctx.worker, A.uid, 'notes');
    const tries = [
      ['GET', u],
      ['GET', `${u}/notes`],
      ['GET', `${u}/timeline`],
      ['GET', `${u}/problems`],
      ['POST', `${u}/notes`, { body: 'Tidak boleh.' }],
      ['POST', `${u}/goals`, goal()],
      ['PATCH', `${u}/notes/${note.uid}`, { version: note.version, body: 'Diubah.' }],
      ['DELETE', `${u}/notes/${note.uid}`],
      ['POST', `${u}/stage`, { to: 'assessment' }],
      ['POST', `${u}/approvals`, { type: 'plan' }],
      ['POST', `${u}/workers`, { user: 'worker2', role: 'secondary' }],
      ['DELETE', `${u}/workers/worker?reason=${encodeURIComponent('Tidak boleh')}`],
    ];
    for (const [method, path, json] of tries) {
      const r = await ctx.worker2.request(method, path, { json });
      expectError(r, 404, 'not_found');
      assert.ok(!r.text.includes(A.client.name), `${method} ${path} leaks the client's name`);
    }
    assert.deepEqual(await caseState(ctx.supervisor, A.uid), was);
    // And the same for worker on worker2's case.
    expectError(await ctx.worker.get(`/api/v1/cases/${B.uid}`), 404, 'not_found');
    expectError(await ctx.worker.get(`/api/v1/cases/${B.uid}/notes`), 404, 'not_found');
    expectError(await ctx.worker.post(`/api/v1/cases/${B.uid}/notes`, { body: 'x' }), 404, 'not_found');
    assert.deepEqual(await items(ctx.worker2, B.uid, 'notes'), []);
  });

  test("the supervisor sees the team's cases, may write and approve", T, async () => {
    for (const k of [A, B]) {
      const c = await getCase(ctx.supervisor, k.uid);
      assert.deepEqual(c.access, { assigned: false, supervises: true, emergency: false });
      assert.deepEqual(c.can, { write: true, approve: true, assign: true });
      assert.ok((await items(ctx.supervisor, k.uid, 'timeline')).length >= 1);
    }
    const n = await ctx.supervisor.post(`/api/v1/cases/${A.uid}/notes`, { body: 'Arahan supervisor.' });
    assert.equal(n.status, 201, n.text);
    assert.equal(n.json.created_by, 'supervisor');
  });

  test('admin, volunteer and viewer: 403 on every casework route, nothing changes', T, async () => {
    const was = await caseState(ctx.supervisor, A.uid);
    const before = (await listed(ctx.supervisor)).length;
    const client = await createClient(ctx.worker, consent());
    const u = `/api/v1/cases/${A.uid}`;
    const tries = [
      ['GET', '/api/v1/cases'],
      ['POST', '/api/v1/cases', { client: client.uid }],
      ['GET', '/api/v1/caseload'],
      ['GET', u],
      ['GET', `${u}/timeline`],
      ['GET', `${u}/notes`],
      ['POST', `${u}/notes`, { body: 'Tidak boleh.' }],
      ['POST', `${u}/stage`, { to: 'assessment' }],
      ['POST', `${u}/approvals`, { type: 'plan' }],
      ['POST', `${u}/workers`, { user: 'worker2', role: 'secondary' }],
      ['POST', `${u}/emergency-access`, { reason: 'Keadaan darurat di lapangan.' }],
      ['GET', '/api/v1/agencies'],
      ['POST', '/api/v1/agencies', { name: 'Puskesmas', type: 'health' }],
    ];
    for (const who of ['admin', 'volunteer', 'viewer']) {
      for (const [method, path, json] of tries) {
        const r = await ctx[who].request(method, path, { json });
        expectError(r, 403, 'forbidden');
        assert.ok(!r.text.includes(A.client.name), `${who} ${method} ${path} leaks the client's name`);
      }
    }
    assert.deepEqual(await caseState(ctx.supervisor, A.uid), was);
    assert.equal((await listed(ctx.supervisor)).length, before);
    assert.deepEqual(await listed(ctx.supervisor, `client=${client.uid}`), []);
  });

  test('without a log-in: 401', T, async () => {
    const a = anon(ctx.base);
    expectError(await a.get('/api/v1/cases'), 401);
    expectError(await a.get(`/api/v1/cases/${A.uid}`), 401);
    expectError(await a.post(`/api/v1/cases/${A.uid}/notes`, { body: 'x' }), 401);
  });

  test('GET /api/v1/cases lists only the cases each user may see; the caseload agrees', T, async () => {
    const w = (await listed(ctx.worker)).map((c) => c.uid);
    const w2 = (await listed(ctx.worker2)).map((c) => c.uid);
    const s = (await listed(ctx.supervisor)).map((c) => c.uid);
    assert.ok(w.includes(A.uid) && !w.includes(B.uid));
    assert.ok(w2.includes(B.uid) && !w2.includes(A.uid));
    assert.ok(s.includes(A.uid) && s.includes(B.uid));
    assert.ok(w.every((u) => s.includes(u)) && w2.every((u) => s.includes(u)));
    // Every case a user lists is one they can open, and no others.
    for (const uid of w) assert.equal((await ctx.worker.get(`/api/v1/cases/${uid}`)).status, 200);
    for (const uid of s.filter((u) => !w.includes(u))) assert.equal((await ctx.worker.get(`/api/v1/cases/${uid}`)).status, 404);

    // The list rows.
    const row = (await listed(ctx.supervisor)).find((c) => c.uid === A.uid);
    assert.deepEqual(row.client, A.client);
    assert.equal(row.stage, 'intake');
    assert.equal(row.primary_worker, 'worker');
    assert.equal(typeof row.version, 'number');
    assert.equal(row.overdue, false);

    // Filters: the supervisor asks for one worker's cases, or one client's.
    const byW = (await listed(ctx.supervisor, 'worker=worker')).map((c) => c.uid);
    assert.deepEqual(byW.slice().sort(), w.slice().sort());
    assert.deepEqual((await listed(ctx.supervisor, `client=${A.client.uid}`)).map((c) => c.uid), [A.uid]);
    assert.deepEqual(await listed(ctx.worker2, `client=${A.client.uid}`), [], 'a filter does not widen what one sees');
    assert.deepEqual(await listed(ctx.worker2, 'worker=worker'), []);
    assert.ok((await listed(ctx.worker, 'stage=intake')).every((c) => c.stage === 'intake'));

    // The caseload counts what the list shows.
    for (const [who, uids] of [['worker', w], ['worker2', w2], ['supervisor', s]]) {
      const cl = await caseload(ctx[who]);
      assert.equal(cl.total, uids.length, who);
      assert.equal(Object.values(cl.stages).reduce((a, b) => a + b, 0), cl.total);
      assert.deepEqual(Object.keys(cl.stages), ['intake', 'assessment', 'planning', 'intervention', 'resocialisation', 'termination', 'aftercare']);
    }
    assert.equal((await caseload(ctx.supervisor, '?worker=worker')).total, w.length);
  });

  test('pages of the list: limit and cursor walk every case once', T, async () => {
    const all = (await listed(ctx.supervisor)).map((c) => c.uid);
    assert.ok(all.length >= 3);
    const seen = [];
    let cursor = null;
    for (let i = 0; i < 100; i++) {
      const r = await ctx.supervisor.get(`/api/v1/cases?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(r.status, 200, r.text);
      assert.ok(r.json.items.length <= 2);
      seen.push(...r.json.items.map((c) => c.uid));
      cursor = r.json.next_cursor;
      if (!cursor) break;
    }
    assert.deepEqual(seen, all);
  });

  test('a cursor pages only the list it came from; its time is checked', T, async () => {
    const first = await ctx.supervisor.get('/api/v1/cases?limit=1');
    assert.equal(first.status, 200, first.text);
    const cursor = first.json.next_cursor;
    assert.ok(cursor, 'a second page');
    assert.equal((await ctx.supervisor.get(`/api/v1/cases?limit=1&cursor=${encodeURIComponent(cursor)}`)).status, 200);
    for (const other of ['stage=intake', 'overdue=1', 'worker=worker']) {
      expectError(await ctx.supervisor.get(`/api/v1/cases?limit=1&${other}&cursor=${encodeURIComponent(cursor)}`), 422, 'invalid', 'cursor');
    }
    // The same tag with a time that is not one, or an id that is not a number.
    const tag = cursor.slice(0, 8);
    for (const forged of [`${tag}zzzz-zz-zzTzz:zz:zz.zzzZ_5`, `${tag}${cursor.slice(8, 32)}_x`, `${tag}2026-01-01_5`]) {
      expectError(await ctx.supervisor.get(`/api/v1/cases?limit=1&cursor=${encodeURIComponent(forged)}`), 422, 'invalid', 'cursor');
    }
  });
});

describe('notes and their levels', () => {
  let K;
  const bodies = {
    normal: 'Klien datang tepat waktu.',
    restricted: 'Klien bercerita tentang utang keluarga.',
    sealed: 'Klien mengungkapkan kekerasan dalam rumah tangga.',
  };
  const note = {};
  before(async () => {
    K = (await openCase(ctx.worker)).kase;
  });

  test('the author records normal, restricted and sealed notes: 201', T, async () => {
    for (const level of ['normal', 'restricted', 'sealed']) {
      const r = await ctx.worker.post(`/api/v1/cases/${K.uid}/notes`, { level, body: bodies[level] });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.kind, 'note');
      assert.equal(r.json.level, level);
      assert.equal(r.json.body, bodies[level]);
      assert.equal(r.json.version, 1);
      assert.equal(r.json.created_by, 'worker');
      assert.match(r.json.uid, UUID);
      note[level] = r.json;
    }
    // Without a level a note is normal.
    const r = await ctx.worker.post(`/api/v1/cases/${K.uid}/notes`, { body: 'Tanpa tingkat.' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.level, 'normal');
    note.plain = r.json;
  });

  test('the author and the supervisor read all three', T, async () => {
    for (const who of ['worker', 'supervisor']) {
      const got = await items(ctx[who], K.uid, 'notes');
      assert.deepEqual(
        got.map((n) => [n.uid, n.level, n.body]),
        [note.normal, note.restricted, note.sealed, note.plain].map((n) => [n.uid, n.level, n.body]),
        who,
      );
    }
  });

  test('adding worker2 as a secondary worker', T, async () => {
    const r = await ctx.worker.post(`/api/v1/cases/${K.uid}/workers`, { user: 'worker2', role: 'secondary' });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.workers.map((w) => [w.name, w.role]), [['worker', 'primary'], ['worker2', 'secondary']]);
    const c = await getCase(ctx.worker2, K.uid);
    assert.deepEqual(c.access, { assigned: true, supervises: false, emergency: false });
    const [a] = await items(ctx.worker, K.uid, 'assignments');
    assert.equal(a.user, 'worker2');
    assert.equal(a.role, 'secondary');
    assert.equal(a.change, 'assigned');
    // Twice: refused, nothing changes.
    const was = await caseState(ctx.supervisor, K.uid);
    expectError(await ctx.worker.post(`/api/v1/cases/${K.uid}/workers`, { user: 'worker2', role: 'secondary' }), 422, 'invalid', 'user');
    assert.deepEqual(await caseState(ctx.supervisor, K.uid), was);
  });

  test('a second worker reads normal and restricted notes, not another worker\'s sealed one', T, async () => {
    const got = await items(ctx.worker2, K.uid, 'notes');
    assert.deepEqual(got.map((n) => n.uid), [note.normal.uid, note.restricted.uid, note.plain.uid]);
    const tl = await items(ctx.worker2, K.uid);
    assert.ok(!tl.some((i) => i.uid === note.sealed.uid), 'the sealed note is on worker2\'s timeline');
    assert.ok(!JSON.stringify(tl).includes(bodies.sealed));
    // worker2 cannot change it either: it does not exist for them.
    const p = await ctx.worker2.patch(`/api/v1/cases/${K.uid}/notes/${note.sealed.uid}`, { version: 1, body: 'Diubah.' });
    expectError(p, 404, 'not_found');
    expectError(await ctx.worker2.del(`/api/v1/cases/${K.uid}/notes/${note.sealed.uid}`), 404, 'not_found');
    const mine = await items(ctx.worker, K.uid, 'notes');
    assert.equal(mine.find((n) => n.uid === note.sealed.uid).body, bodies.sealed);
    assert.equal(mine.find((n) => n.uid === note.sealed.uid).version, 1);
  });

  test("worker2's own sealed note: hidden from worker, seen by the supervisor", T, async () => {
    const s = await add(ctx.worker2, K.uid, 'notes', { level: 'sealed', body: 'Catatan tersegel worker2.' });
    assert.ok((await items(ctx.worker2, K.uid, 'notes')).some((n) => n.uid === s.uid));
    assert.ok(!(await items(ctx.worker, K.uid, 'notes')).some((n) => n.uid === s.uid));
    const sup = await items(ctx.supervisor, K.uid, 'notes');
    assert.deepEqual(sup.map((n) => n.uid), [note.normal.uid, note.restricted.uid, note.sealed.uid, note.plain.uid, s.uid]);
  });

  test('reading restricted and sealed items is audited', T, async () => {
    const rows = (await auditFor(ctx.admin, K.uid)).filter((a) => a.action === 'read');
    const by = (u) => rows.filter((a) => a.user === u).flatMap((a) => a.detail.items);
    assert.ok(by('worker2').includes(note.restricted.uid));
    assert.ok(!by('worker2').includes(note.sealed.uid));
    assert.ok(by('supervisor').includes(note.sealed.uid));
    assert.ok(!by('worker').includes(note.normal.uid), 'normal items are not listed as read');
  });

  test('a sealed note shown in the answer to a stale or a good change is audited as read', T, async () => {
    const s = await add(ctx.worker, K.uid, 'notes', { level: 'sealed', body: 'Tersegel, untuk diubah.' });
    const readsOf = async () => (await auditFor(ctx.admin, K.uid))
      .filter((a) => a.action === 'read' && a.user === 'supervisor' && a.detail.items.includes(s.uid)).length;
    const before = await readsOf();
    // The supervisor, who may change it, sends a stale version: the 409 shows the whole note.
    const stale = await ctx.supervisor.patch(`/api/v1/cases/${K.uid}/notes/${s.uid}`, { version: 0, body: 'x' });
    assert.equal(stale.status, 409, stale.text);
    assert.equal(stale.json.current.body, 'Tersegel, untuk diubah.');
    assert.equal(await readsOf(), before + 1, 'the 409 showed sealed text without a read row');
    const good = await ctx.supervisor.patch(`/api/v1/cases/${K.uid}/notes/${s.uid}`, { version: s.version, body: 'Diubah supervisor.' });
    assert.equal(good.status, 200, good.text);
    assert.equal(await readsOf(), before + 2, 'the 200 showed the note without a read row');
  });

  test('bad notes: 422 naming the field, nothing recorded', T, async () => {
    const was = await caseState(ctx.supervisor, K.uid);
    const u = `/api/v1/cases/${K.uid}/notes`;
    expectError(await ctx.worker.post(u, { level: 'secret', body: 'x' }), 422, 'invalid', 'level');
    expectError(await ctx.worker.post(u, { level: 2, body: 'x' }), 422, 'invalid', 'level');
    expectError(await ctx.worker.post(u, { level: 'normal' }), 422, 'invalid', 'body');
    expectError(await ctx.worker.post(u, { body: '' }), 422, 'invalid', 'body');
    expectError(await ctx.worker.post(u, { body: 12 }), 422, 'invalid', 'body');
    expectError(await ctx.worker.post(u, { body: 'x'.repeat(20001) }), 422, 'invalid', 'body');
    expectError(await ctx.worker.post(u, { body: 'x', title: 'Judul' }), 422, 'invalid', 'title');
    assert.deepEqual(await caseState(ctx.supervisor, K.uid), was);
  });

  test('note bodies are encrypted at rest', T, async () => {
    const marker = `RahasiaKlien${Date.now()}`;
    const n = await add(ctx.worker, K.uid, 'notes', { level: 'restricted', body: `Catatan ${marker} sensitif.` });
    // A plain field with its own marker shows that the look works.
    const plainMarker = `TugasTerbuka${Date.now()}`;
    const t = await add(ctx.worker, K.uid, 'tasks', { text: plainMarker, owner: 'client' });
    const dir = ctx.server.dataDir;
    const [row] = await sql(dir, `SELECT data, hex(box) AS box, level FROM case_item WHERE uid = '${n.uid}'`);
    assert.ok(row, 'the note is not in case_item');
    assert.equal(row.level, 'restricted');
    assert.ok(!row.data.includes(marker), `the body is in the plain data: ${row.data}`);
    assert.ok(row.box && row.box.length > 2 * marker.length, 'no sealed box');
    assert.ok(!row.box.includes(Buffer.from(marker).toString('hex').toUpperCase()), 'the box holds the body in clear');
    const hits = await sql(dir, `SELECT count(*) AS n FROM case_item WHERE instr(data, '${marker}') OR instr(CAST(box AS TEXT), '${marker}')`);
    assert.equal(hits[0].n, 0);
    const audit = await sql(dir, `SELECT count(*) AS n FROM audit WHERE instr(detail, '${marker}')`);
    assert.equal(audit[0].n, 0, 'the body is in the audit trail');
    const plain = await sql(dir, `SELECT count(*) AS n FROM case_item WHERE uid = '${t.uid}' AND instr(data, '${plainMarker}')`);
    assert.equal(plain[0].n, 1, 'control: a plain field is found by the same look');
    // Nowhere in the files on disk either (database and write-ahead log).
    const bytes = await fileBytes(dir);
    assert.ok(bytes.includes(Buffer.from(plainMarker)), 'control: the plain task text is in the files');
    assert.ok(!bytes.includes(Buffer.from(marker)), 'the note body lies in clear in the database files');
    // And it still reads back.
    assert.equal((await items(ctx.worker, K.uid, 'notes')).find((x) => x.uid === n.uid).body, `Catatan ${marker} sensitif.`);
  });
});

describe('the audit trail keeps case content out', () => {
  test('what a worker wrote is only "changed" in the trail; codes, dates and references are kept', T, async () => {
    const m = `Tulisan${Date.now()}`;
    const { kase: K } = await openCase(ctx.worker, { reason: `Alasan ${m} pembukaan` });
    const task = await add(ctx.worker, K.uid, 'tasks', { text: `Tugas ${m}`, owner: 'client', due: '2030-01-31' });
    const p = await ctx.worker.patch(`/api/v1/cases/${K.uid}/tasks/${task.uid}`, { version: task.version, text: `Tugas ${m} diubah`, status: 'done' });
    assert.equal(p.status, 200, p.text);
    const person = await add(ctx.worker, K.uid, 'people', { name: `Ibu ${m}`, relation: 'mother' });
    const changed = { changed: true };
    const byUid = async (uid) => (await auditFor(ctx.admin, uid)).filter((a) => a.entity === 'case_item');
    const [created] = (await byUid(task.uid)).filter((a) => a.action === 'create');
    assert.deepEqual(created.detail, { case: K.uid, kind: 'task', level: 'normal', fields: { text: changed, owner: 'client', due: '2030-01-31' } });
    const [updated] = (await byUid(task.uid)).filter((a) => a.action === 'update');
    assert.deepEqual(updated.detail.fields, { text: changed, status: { before: null, after: 'done' } });
    const [who] = await byUid(person.uid);
    assert.deepEqual(who.detail.fields.name, changed);
    assert.equal(who.detail.fields.relation, 'mother');
    const opened = (await auditFor(ctx.admin, K.uid)).find((a) => a.action === 'create' && a.entity === 'case');
    assert.deepEqual(opened.detail.reason, changed);
    const hits = await sql(ctx.server.dataDir, `SELECT count(*) AS n FROM audit WHERE instr(detail, '${m}')`);
    assert.equal(hits[0].n, 0, 'what the worker wrote is in the audit trail');
    // Control: the same look finds it where it is kept, in the case.
    const kept = await sql(ctx.server.dataDir, `SELECT count(*) AS n FROM case_item WHERE instr(data, '${m}')`);
    assert.ok(kept[0].n >= 2);
  });
});

describe('workers', () => {
  test('a transfer needs a reason; an unknown or non-worker user is refused', T, async () => {
    const { kase } = await openCase(ctx.worker);
    const u = `/api/v1/cases/${kase.uid}/workers`;
    const was = await caseState(ctx.supervisor, kase.uid);
    expectError(await ctx.worker.post(u, { user: 'worker2', role: 'primary' }), 422, 'invalid', 'reason');
    expectError(await ctx.worker.post(u, { user: 'nobody', role: 'secondary' }), 422, 'invalid', 'user');
    expectError(await ctx.worker.post(u, { user: 'admin', role: 'secondary' }), 422, 'invalid', 'user');
    expectError(await ctx.worker.post(u, { user: 'volunteer', role: 'secondary' }), 422, 'invalid', 'user');
    expectError(await ctx.worker.post(u, { role: 'secondary' }), 422, 'invalid', 'user');
    expectError(await ctx.worker.post(u, { user: 'worker2', role: 'boss' }), 422, 'invalid', 'role');
    expectError(await ctx.worker.post(u, { user: 'worker2', role: 3 }), 422, 'invalid', 'role');
    assert.deepEqual(await caseState(ctx.supervisor, kase.uid), was);
  });

  test('removing a secondary worker needs a reason and ends their access', T, async () => {
    const { kase } = await openCase(ctx.worker);
    const u = `/api/v1/cases/${kase.uid}/workers`;
    assert.equal((await ctx.worker.post(u, { user: 'worker2', role: 'secondary' })).status, 200);
    assert.equal((await ctx.worker2.get(`/api/v1/cases/${kase.uid}`)).status, 200);
    expectError(await ctx.worker.del(`${u}/worker2`), 422, 'invalid', 'reason');
    expectError(await ctx.worker.del(`${u}/worker?reason=Pindah`), 422, 'invalid', 'user');
    expectError(await ctx.worker.del(`${u}/viewer?reason=Pindah`), 422, 'invalid', 'user');
    assert.equal((await ctx.worker2.get(`/api/v1/cases/${kase.uid}`)).status, 200);
    const r = await ctx.worker.del(`${u}/worker2?reason=${encodeURIComponent('Beban kerja dibagi ulang')}`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.workers.map((w) => w.name), ['worker']);
    expectError(await ctx.worker2.get(`/api/v1/cases/${kase.uid}`), 404, 'not_found');
    const changes = (await items(ctx.worker, kase.uid, 'assignments')).map((a) => [a.user, a.change]);
    assert.deepEqual(changes, [['worker2', 'assigned'], ['worker2', 'removed']]);
  });

  test('a reason may come in a JSON body when removing a worker', T, async () => {
    const { kase } = await openCase(ctx.worker);
    const u = `/api/v1/cases/${kase.uid}/workers`;
    assert.equal((await ctx.worker.post(u, { user: 'worker2', role: 'secondary' })).status, 200);
    expectError(await ctx.worker.request('DELETE', `${u}/worker2`, { json: { reason: 'x', why: 'y' } }), 422, 'invalid', 'why');
    const r = await ctx.worker.request('DELETE', `${u}/worker2`, { json: { reason: 'Kasus ditangani sendiri.' } });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.workers.map((w) => w.name), ['worker']);
  });

  test('the primary worker cannot become a secondary worker of her own case (it would lose its primary)', T, async () => {
    const { kase } = await openCase(ctx.worker);
    const was = await caseState(ctx.supervisor, kase.uid);
    const r = await ctx.worker.post(`/api/v1/cases/${kase.uid}/workers`, { user: 'worker', role: 'secondary' });
    const now = await getCase(ctx.supervisor, kase.uid);
    assert.deepEqual(now.workers.map((w) => [w.name, w.role]), [['worker', 'primary']], `the case was left with: ${JSON.stringify(now.workers)}`);
    expectError(r, 422, 'invalid', 'user');
    assert.deepEqual(await caseState(ctx.supervisor, kase.uid), was);
  });

  test('a transfer to another primary worker: the former primary loses the case', T, async () => {
    const { kase } = await openCase(ctx.worker);
    const r = await ctx.supervisor.post(`/api/v1/cases/${kase.uid}/workers`, { user: 'worker2', role: 'primary', reason: 'Worker cuti panjang.' });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.workers.map((w) => [w.name, w.role, w.reason]), [['worker2', 'primary', 'Worker cuti panjang.']]);
    expectError(await ctx.worker.get(`/api/v1/cases/${kase.uid}`), 404, 'not_found');
    assert.equal((await getCase(ctx.worker2, kase.uid)).access.assigned, true);
    const row = (await listed(ctx.supervisor, `client=${kase.client.uid}`))[0];
    assert.equal(row.primary_worker, 'worker2');
  });
});

describe('break the glass', () => {
  let K;
  const n = {};
  const reason = 'Klien dirawat darurat di RSUD, worker tidak bisa dihubungi.';
  before(async () => {
    K = (await openCase(ctx.worker)).kase;
    for (const level of ['normal', 'restricted', 'sealed']) {
      n[level] = await add(ctx.worker, K.uid, 'notes', { level, body: `Catatan ${level}.` });
    }
  });

  test('a reason shorter than 10 characters, or none: 422, no access', T, async () => {
    const was = await caseState(ctx.supervisor, K.uid);
    const u = `/api/v1/cases/${K.uid}/emergency-access`;
    for (const body of [{ reason: 'Darurat' }, { reason: '' }, { reason: '          ' }, {}, { reason: null }]) {
      const e = expectError(await ctx.worker2.post(u, body), 422, 'invalid', 'reason');
      assert.match(e.message, /10 characters/);
    }
    expectError(await ctx.worker2.post(u, { reason: 12345678901 }), 422, 'invalid', 'reason');
    expectError(await ctx.worker2.post(u, { reason, until: '2099-01-01' }), 422, 'invalid', 'until');
    expectError(await ctx.worker2.post(u, { reason: 'x'.repeat(2001) }), 422, 'invalid', 'reason');
    expectError(await ctx.worker2.get(`/api/v1/cases/${K.uid}`), 404, 'not_found');
    assert.deepEqual(await caseState(ctx.supervisor, K.uid), was);
    const audit = await auditFor(ctx.admin, K.uid);
    assert.ok(!audit.some((a) => a.action === 'glass'));
  });

  test('no such case: 404', T, async () => {
    expectError(await ctx.worker2.post(`/api/v1/cases/${NOBODY}/emergency-access`, { reason }), 404, 'not_found');
    expectError(await ctx.worker2.post('/api/v1/cases/xyz/emergency-access', { reason }), 404, 'not_found');
  });

  test('the gates and the overdue flag count only what emergency access may read', T, async () => {
    const { kase } = await openCase(ctx.worker);
    await add(ctx.worker, kase.uid, 'goals', { ...goal(), level: 'restricted' });
    await add(ctx.worker, kase.uid, 'tasks', { text: 'Surat rujukan', owner: 'worker', due: '2020-01-01', level: 'restricted' });
    const own = await getCase(ctx.worker, kase.uid);
    assert.equal(own.gates.goals, 1);
    assert.equal(own.overdue, true);
    const r = await ctx.worker2.post(`/api/v1/cases/${kase.uid}/emergency-access`, { reason });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.gates.goals, 0, 'a count of goals emergency access may not read');
    assert.equal(r.json.overdue, false, 'an overdue task emergency access may not read');
    await add(ctx.worker, kase.uid, 'tasks', { text: 'Kunjungan rumah', owner: 'worker', due: '2020-01-02' });
    assert.equal((await getCase(ctx.worker2, kase.uid)).overdue, true, 'a normal overdue task still counts');
    // An approved plan, then a restricted task added: the plan is no longer approved for the
    // worker, while emergency access, which cannot see the task, is not told of a change.
    await add(ctx.worker, kase.uid, 'goals', goal());
    await add(ctx.worker, kase.uid, 'signoffs', { date: '2025-01-06', how: 'signature' });
    await approve(ctx.worker, ctx.supervisor, kase.uid, 'plan');
    assert.equal((await getCase(ctx.worker2, kase.uid)).gates.plan_approved, true);
    await add(ctx.worker, kase.uid, 'tasks', { text: 'Catatan rahasia', owner: 'worker', level: 'restricted' });
    assert.equal((await getCase(ctx.worker, kase.uid)).gates.plan_approved, false);
    assert.equal((await getCase(ctx.worker2, kase.uid)).gates.plan_approved, true, 'a hidden change shown as an unapproved plan');
  });

  test('the 10 characters are characters, not bytes', T, async () => {
    const { kase } = await openCase(ctx.worker);
    const u = `/api/v1/cases/${kase.uid}/emergency-access`;
    expectError(await ctx.worker2.post(u, { reason: 'Ä'.repeat(9) }), 422, 'invalid', 'reason');
    expectError(await ctx.worker2.get(`/api/v1/cases/${kase.uid}`), 404, 'not_found');
    const r = await ctx.worker2.post(u, { reason: 'Ä'.repeat(10) });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.access.emergency, true);
  });

  test('with a reason: 200, read-only access to the case and its normal content', T, async () => {
    const r = await ctx.worker2.post(`/api/v1/cases/${K.uid}/emergency-access`, { reason });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.uid, K.uid);
    assert.deepEqual(r.json.access, { assigned: false, supervises: false, emergency: true });
    assert.deepEqual(r.json.can, { write: false, approve: false, assign: false });

    const c = await getCase(ctx.worker2, K.uid);
    assert.equal(c.access.emergency, true);
    assert.deepEqual((await items(ctx.worker2, K.uid, 'notes')).map((x) => x.uid), [n.normal.uid]);
    const tl = await items(ctx.worker2, K.uid);
    assert.ok(tl.every((i) => i.level === 'normal'), JSON.stringify(tl.map((i) => i.level)));
    assert.ok(!tl.some((i) => i.uid === n.restricted.uid || i.uid === n.sealed.uid));
    // The case does not join worker2's caseload.
    assert.ok(!(await listed(ctx.worker2)).some((x) => x.uid === K.uid));
  });

  test('emergency access is read-only: 403 on every change, nothing changes', T, async () => {
    const was = await caseState(ctx.supervisor, K.uid);
    const u = `/api/v1/cases/${K.uid}`;
    const tries = [
      ['POST', `${u}/notes`, { body: 'Tidak boleh.' }],
      ['POST', `${u}/notes`, { body: 'Tidak boleh.', level: 'sealed' }],
      ['POST', `${u}/goals`, goal()],
      ['POST', `${u}/sessions`, { date: '2025-01-10', place: 'office', type: 'counselling' }],
      ['PATCH', `${u}/notes/${n.normal.uid}`, { version: n.normal.version, body: 'Diubah.' }],
      ['DELETE', `${u}/notes/${n.normal.uid}`],
      ['POST', `${u}/stage`, { to: 'assessment' }],
      ['POST', `${u}/approvals`, { type: 'plan' }],
      ['POST', `${u}/workers`, { user: 'worker2', role: 'secondary' }],
      ['DELETE', `${u}/workers/worker?reason=${encodeURIComponent('Mengambil alih kasus')}`],
    ];
    for (const [method, path, json] of tries) {
      expectError(await ctx.worker2.request(method, path, { json }), 403, 'forbidden');
    }
    assert.deepEqual(await caseState(ctx.supervisor, K.uid), was);
  });

  test('the grant is on the timeline, in the audit trail and in the client\'s access log', T, async () => {
    const glass = await items(ctx.worker, K.uid, 'glass');
    assert.equal(glass.length, 1);
    assert.equal(glass[0].kind, 'glass');
    assert.equal(glass[0].user, 'worker2');
    assert.equal(glass[0].reason, reason);
    assert.ok(Date.parse(glass[0].until) > Date.now(), glass[0].until);
    assert.ok(Date.parse(glass[0].until) <= Date.now() + 4 * 3600_000 + 60_000, 'longer than four hours');
    assert.ok((await items(ctx.worker, K.uid)).some((i) => i.kind === 'glass' && i.uid === glass[0].uid));
    assert.equal((await items(ctx.worker, K.uid, 'timeline', '?kind=glass')).length, 1);

    const r = await ctx.admin.get(`/api/v1/audit?entity=case&action=glass&limit=100`);
    assert.equal(r.status, 200, r.text);
    const row = r.json.items.find((a) => a.entity_uid === K.uid);
    assert.ok(row, `no glass row for the case: ${r.text}`);
    assert.equal(row.user, 'worker2');
    assert.equal(row.entity, 'case');
    assert.equal(row.action, 'glass');
    assert.equal(row.detail.reason, reason);

    const log = await ctx.worker.get(`/api/v1/clients/${K.client.uid}/access-log`);
    assert.equal(log.status, 200, log.text);
    assert.equal(log.json.client, K.client.uid);
    const g = log.json.items.find((a) => a.action === 'glass');
    assert.ok(g, log.text);
    assert.equal(g.user, 'worker2');
    assert.equal(g.record, 'case');
    assert.equal(g.uid, K.uid);
    assert.equal(g.why, reason);
    const opened = log.json.items.find((a) => a.action === 'open' && a.user === 'worker2');
    assert.ok(opened, 'worker2 opening the case is not in the access log');
    assert.equal(opened.why, 'emergency access');
  });
});

describe('bad input on the casework routes', () => {
  let K;
  let G; // a goal on K
  before(async () => {
    K = (await openCase(ctx.worker)).kase;
    G = await add(ctx.worker, K.uid, 'goals', goal());
  });

  test('malformed JSON: 400 bad_json; not an object: 400; wrong content type: 415', T, async () => {
    const was = await caseState(ctx.supervisor, K.uid);
    const u = `/api/v1/cases/${K.uid}`;
    const routes = [
      ['POST', '/api/v1/cases'],
      ['POST', `${u}/notes`],
      ['POST', `${u}/goals`],
      ['PATCH', `${u}/goals/${G.uid}`],
      ['POST', `${u}/stage`],
      ['POST', `${u}/approvals`],
      ['POST', `${u}/workers`],
      ['POST', `${u}/emergency-access`],
      ['POST', '/api/v1/agencies'],
    ];
    for (const [method, path] of routes) {
      for (const body of ['{"body": "x"', '{"a":1,"a":2}', 'nul', '']) {
        const r = await ctx.worker.request(method, path, { body, contentType: 'application/json' });
        expectError(r, 400, 'bad_json');
      }
      for (const body of ['[]', '"x"', '42', 'null']) {
        expectError(await ctx.worker.request(method, path, { body, contentType: 'application/json' }), 400, 'bad_json');
      }
      const r = await ctx.worker.request(method, path, { body: 'body=x', contentType: 'application/x-www-form-urlencoded' });
      expectError(r, 415, 'unsupported_media_type');
    }
    assert.deepEqual(await caseState(ctx.supervisor, K.uid), was);
  });

  test('unknown fields: 422 naming the field', T, async () => {
    const was = await caseState(ctx.supervisor, K.uid);
    const u = `/api/v1/cases/${K.uid}`;
    const tries = [
      ['POST', `${u}/notes`, { body: 'x', mood: 'sad' }, 'mood'],
      ['POST', `${u}/goals`, goal({ priority: 1 }), 'priority'],
      ['POST', `${u}/tasks`, { text: 'x', owner: 'client', assignee: 'x' }, 'assignee'],
      ['PATCH', `${u}/goals/${G.uid}`, { version: G.version, colour: 'red' }, 'colour'],
      ['POST', `${u}/stage`, { to: 'assessment', force: true }, 'force'],
      ['POST', `${u}/approvals`, { type: 'plan', urgent: true }, 'urgent'],
      ['POST', `${u}/approvals/${G.uid}/decision`, { decision: 'approve', extra: 1 }, 'extra'],
      ['POST', `${u}/workers`, { user: 'worker2', hours: 3 }, 'hours'],
      ['POST', `${u}/emergency-access`, { reason: 'Keadaan darurat sekali.', hours: 8 }, 'hours'],
      ['POST', '/api/v1/agencies', { name: 'Puskesmas', type: 'health', phone: '1' }, 'phone'],
    ];
    for (const [method, path, json, field] of tries) {
      const who = path.includes('/decision') ? ctx.supervisor : ctx.worker;
      expectError(await who.request(method, path, { json }), 422, 'invalid', field);
    }
    assert.deepEqual(await caseState(ctx.supervisor, K.uid), was);
  });

  test('wrong types and values: 422 naming the field', T, async () => {
    const was = await caseState(ctx.supervisor, K.uid);
    const u = `/api/v1/cases/${K.uid}`;
    const tries = [
      ['POST', `${u}/notes`, { body: ['x'] }, 'body'],
      ['POST', `${u}/goals`, goal({ weight: 'heavy' }), 'weight'],
      ['POST', `${u}/goals`, goal({ weight: 101 }), 'weight'],
      ['POST', `${u}/goals`, goal({ weight: 1.5 }), 'weight'],
      ['POST', `${u}/goals`, goal({ domain: 'money' }), 'domain'],
      ['POST', `${u}/goals`, goal({ target_date: '30-06-2027' }), 'target_date'],
      ['POST', `${u}/goals`, goal({ target_date: '2101-01-01' }), 'target_date'],
      ['POST', `${u}/goals`, goal({ gas_0: undefined }), 'gas_0'],
      ['POST', `${u}/goals`, goal({ text: 'dua\nbaris' }), 'text'],
      ['POST', `${u}/tasks`, { text: 'x', owner: 'client', due: 'tomorrow' }, 'due'],
      ['POST', `${u}/tasks`, { text: 'x', owner: 'client', status: 'waiting' }, 'status'],
      ['POST', `${u}/tasks`, { text: 'x', owner: 'client', goal: 'not-a-uid' }, 'goal'],
      ['POST', `${u}/tasks`, { text: 'x', owner: 'client', goal: NOBODY }, 'goal'],
      ['POST', `${u}/people`, { name: 'Ibu', relation: 'mother', deceased: 'no' }, 'deceased'],
      ['POST', `${u}/sessions`, { date: '2025-01-10', place: 'office', type: 'counselling', minutes: 0 }, 'minutes'],
      ['POST', `${u}/reviews`, { date: '2025-01-10', scores: [{ goal: G.uid, score: 3 }] }, 'scores'],
      ['POST', `${u}/reviews`, { date: '2025-01-10', scores: { goal: G.uid, score: 1 } }, 'scores'],
      ['PATCH', `${u}/goals/${G.uid}`, { version: G.version, weight: '5' }, 'weight'],
      ['POST', `${u}/stage`, { to: 5 }, 'to'],
      ['POST', `${u}/stage`, {}, 'to'],
      ['POST', `${u}/stage`, { to: 'assessment', note: false }, 'note'],
      ['POST', `${u}/approvals`, { type: 1 }, 'type'],
      ['POST', `${u}/approvals`, {}, 'type'],
      ['POST', `${u}/workers`, { user: 5 }, 'user'],
      ['POST', `${u}/emergency-access`, { reason: { text: 'Keadaan darurat sekali.' } }, 'reason'],
    ];
    for (const [method, path, json, field] of tries) {
      expectError(await ctx.worker.request(method, path, { json }), 422, 'invalid', field);
    }
    assert.deepEqual(await caseState(ctx.supervisor, K.uid), was);
  });

  test('unknown kind in the URL: 404; kinds the program records itself cannot be posted', T, async () => {
    const was = await caseState(ctx.supervisor, K.uid);
    const u = `/api/v1/cases/${K.uid}`;
    expectError(await ctx.worker.get(`${u}/bogus`), 404, 'not_found');
    expectError(await ctx.worker.post(`${u}/bogus`, { body: 'x' }), 404, 'not_found');
    expectError(await ctx.worker.patch(`${u}/bogus/${G.uid}`, { version: G.version, text: 'x' }), 404, 'not_found');
    for (const kind of ['stages', 'stage-changes', 'glass', 'assignment', 'assignments']) {
      const r = await ctx.worker.post(`${u}/${kind}`, { user: 'worker', reason: 'Keadaan darurat sekali.' });
      expectError(r, 404, 'not_found');
    }
    expectError(await ctx.worker.post(`${u}/approval`, { type: 'plan', status: 'approved' }), 404, 'not_found');
    // Singular and plural names both work for reading.
    assert.equal((await items(ctx.worker, K.uid, 'goal')).length, 1);
    assert.equal((await items(ctx.worker, K.uid, 'goals')).length, 1);
    assert.deepEqual(await caseState(ctx.supervisor, K.uid), was);
  });

  test('DELETE through an unknown kind: 404 and the item stays', T, async () => {
    const g = await add(ctx.worker, K.uid, 'goals', goal({ text: 'Tujuan untuk DELETE' }));
    expectError(await ctx.worker.del(`/api/v1/cases/${K.uid}/bogus/${g.uid}`), 404, 'not_found');
    const now = (await items(ctx.worker, K.uid, 'goals')).find((x) => x.uid === g.uid);
    assert.ok(now, 'the goal was archived through /bogus/');
    assert.equal(now.version, g.version);
  });

  test("DELETE through another kind's URL: 404 and the item stays", T, async () => {
    const g = await add(ctx.worker, K.uid, 'goals', goal({ text: 'Tujuan untuk DELETE lewat notes' }));
    expectError(await ctx.worker.del(`/api/v1/cases/${K.uid}/notes/${g.uid}`), 404, 'not_found');
    const now = (await items(ctx.worker, K.uid, 'goals')).find((x) => x.uid === g.uid);
    assert.ok(now, 'the goal was archived through /notes/');
    assert.equal(now.version, g.version);
  });

  test("PATCH through another kind's URL: 404 and the item is unchanged", T, async () => {
    const g = await add(ctx.worker, K.uid, 'goals', goal({ text: 'Tujuan untuk PATCH' }));
    const p = await ctx.worker.patch(`/api/v1/cases/${K.uid}/tasks/${g.uid}`, { version: g.version, text: 'Diubah lewat tasks' });
    expectError(p, 404, 'not_found');
    const now = (await items(ctx.worker, K.uid, 'goals')).find((x) => x.uid === g.uid);
    assert.equal(now.text, 'Tujuan untuk PATCH', 'the goal was changed through /tasks/');
    assert.equal(now.version, g.version);
  });

  test("another case's items are not found through this case: 404, unchanged", T, async () => {
    const other = (await openCase(ctx.worker)).kase;
    const og = await add(ctx.worker, other.uid, 'goals', goal({ text: 'Tujuan kasus lain' }));
    const oreq = await ctx.worker.post(`/api/v1/cases/${other.uid}/approvals`, { type: 'plan' });
    assert.equal(oreq.status, 201, oreq.text);
    const was = await caseState(ctx.supervisor, other.uid);
    const u = `/api/v1/cases/${K.uid}`;
    expectError(await ctx.worker.patch(`${u}/goals/${og.uid}`, { version: og.version, text: 'Diubah' }), 404, 'not_found');
    expectError(await ctx.worker.del(`${u}/goals/${og.uid}`), 404, 'not_found');
    expectError(await ctx.supervisor.post(`${u}/approvals/${oreq.json.uid}/decision`, { decision: 'approve' }), 404, 'not_found');
    expectError(await ctx.worker.post(`${u}/tasks`, { text: 'x', owner: 'client', goal: og.uid }), 422, 'invalid', 'goal');
    expectError(await ctx.worker.post(`${u}/reviews`, { date: '2025-01-10', scores: [{ goal: og.uid, score: 0 }] }), 422, 'invalid', 'scores');
    assert.deepEqual(await caseState(ctx.supervisor, other.uid), was);
  });

  test('items the program records itself cannot be changed or archived: 403', T, async () => {
    const { kase } = await openCase(ctx.worker);
    const g = await add(ctx.worker, kase.uid, 'goals', goal());
    const req = await ctx.worker.post(`/api/v1/cases/${kase.uid}/approvals`, { type: 'plan' });
    assert.equal(req.status, 201, req.text);
    const mv = await ctx.worker.post(`/api/v1/cases/${kase.uid}/stage`, { to: 'assessment' });
    assert.equal(mv.status, 200, mv.text);
    const [st] = await items(ctx.worker, kase.uid, 'stages');
    const was = await caseState(ctx.supervisor, kase.uid);
    const u = `/api/v1/cases/${kase.uid}`;
    for (const who of ['worker', 'supervisor']) {
      expectError(await ctx[who].patch(`${u}/approvals/${req.json.uid}`, { version: req.json.version, status: 'approved' }), 403, 'forbidden');
      expectError(await ctx[who].del(`${u}/approvals/${req.json.uid}`), 403, 'forbidden');
      expectError(await ctx[who].patch(`${u}/stages/${st.uid}`, { version: st.version, to: 'aftercare' }), 403, 'forbidden');
      expectError(await ctx[who].del(`${u}/stages/${st.uid}`), 403, 'forbidden');
    }
    assert.deepEqual(await caseState(ctx.supervisor, kase.uid), was);
    assert.equal((await getCase(ctx.worker, kase.uid)).gates.plan_approved, false);
    assert.equal(g.kind, 'goal');
  });

  test('invalid or unknown uids: 404', T, async () => {
    const was = await caseState(ctx.supervisor, K.uid);
    for (const bad of ['xyz', NOBODY, `${K.uid.slice(0, -1)}z`, K.uid.toUpperCase()]) {
      const u = `/api/v1/cases/${bad}`;
      expectError(await ctx.worker.get(u), 404, 'not_found');
      expectError(await ctx.worker.get(`${u}/notes`), 404, 'not_found');
      expectError(await ctx.worker.get(`${u}/timeline`), 404, 'not_found');
      expectError(await ctx.worker.post(`${u}/notes`, { body: 'x' }), 404, 'not_found');
      expectError(await ctx.worker.post(`${u}/stage`, { to: 'assessment' }), 404, 'not_found');
      expectError(await ctx.worker.post(`${u}/approvals`, { type: 'plan' }), 404, 'not_found');
      expectError(await ctx.worker.post(`${u}/workers`, { user: 'worker2' }), 404, 'not_found');
      expectError(await ctx.worker.patch(`${u}/goals/${G.uid}`, { version: 1, text: 'x' }), 404, 'not_found');
    }
    const u = `/api/v1/cases/${K.uid}`;
    for (const item of ['xyz', NOBODY]) {
      expectError(await ctx.worker.patch(`${u}/goals/${item}`, { version: 1, text: 'x' }), 404, 'not_found');
      expectError(await ctx.worker.del(`${u}/goals/${item}`), 404, 'not_found');
      expectError(await ctx.supervisor.post(`${u}/approvals/${item}/decision`, { decision: 'approve' }), 404, 'not_found');
    }
    // A goal's uid is not an approval.
    expectError(await ctx.supervisor.post(`${u}/approvals/${G.uid}/decision`, { decision: 'approve' }), 404, 'not_found');
    assert.deepEqual(await caseState(ctx.supervisor, K.uid), was);
  });

  test('list parameters: unknown, bad stage, bad limit, unknown worker, bad cursor: 422', T, async () => {
    expectError(await ctx.worker.get('/api/v1/cases?sort=name'), 422, 'invalid', 'sort');
    expectError(await ctx.worker.get('/api/v1/cases?stage=closed'), 422, 'invalid', 'stage');
    expectError(await ctx.worker.get('/api/v1/cases?limit=0'), 422, 'invalid', 'limit');
    expectError(await ctx.worker.get('/api/v1/cases?limit=101'), 422, 'invalid', 'limit');
    expectError(await ctx.worker.get('/api/v1/cases?limit=ten'), 422, 'invalid', 'limit');
    expectError(await ctx.worker.get('/api/v1/cases?worker=nobody'), 422, 'invalid', 'worker');
    expectError(await ctx.worker.get('/api/v1/cases?cursor=garbage'), 422, 'invalid', 'cursor');
    expectError(await ctx.worker.get('/api/v1/cases?overdue=yes'), 422, 'invalid', 'overdue');
    expectError(await ctx.worker.get('/api/v1/cases?client=budi'), 422, 'invalid', 'client');
    for (const ok of ['overdue=0', 'overdue=false', 'overdue=true', `client=${K.client.uid}`]) {
      assert.equal((await ctx.worker.get(`/api/v1/cases?${ok}`)).status, 200, ok);
    }
    // Both wrong: the worker is named, it comes first.
    expectError(await ctx.worker.get('/api/v1/cases?worker=nobody&cursor=garbage'), 422, 'invalid', 'worker');
    expectError(await ctx.worker.get('/api/v1/caseload?worker=nobody'), 422, 'invalid', 'worker');
    expectError(await ctx.worker.get(`/api/v1/cases/${K.uid}/timeline?kind=bogus`), 422, 'invalid', 'kind');
  });

  test('an unknown caseload parameter is an error, like on the list', T, async () => {
    // A typo must not silently widen the counts to the whole team (docs/api.md: an unknown
    // parameter is an error, 422 naming it).
    expectError(await ctx.supervisor.get('/api/v1/caseload?wroker=worker'), 422, 'invalid', 'wroker');
  });
});
