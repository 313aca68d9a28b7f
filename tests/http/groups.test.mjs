// groups.test.mjs: group work (bimbingan sosial kelompok) over the API: creating groups, who sees
// a group's content, members and capacity, sessions and attendance, the attendance arithmetic,
// observations on the members' case timelines (and their encryption at rest), group goals,
// versions, the audit trail and bad input.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { TEST_TIMEOUT, anon, auditHead, createClient, demoDir, expectError, hooks, login } from './helpers.mjs';
import { NOBODY, UUID, add, consent, fileBytes, goal, items, openCase, sql } from './cases-helpers.mjs';
import {
  createGroup,
  dayPlus,
  frozen,
  getGroup,
  groupBody,
  groupGoal,
  groupList,
  join,
  memberOf,
  record,
  sessions,
  setupTokens,
} from './groups-helpers.mjs';

const T = { timeout: TEST_TIMEOUT };
const ctx = hooks(before, after, setupTokens);

/** The keys that only those who may see a group's content get. */
const CONTENT_KEYS = ['aim', 'ppks', 'starts_on', 'ends_on', 'frequency', 'place', 'version', 'facilitators', 'members', 'goals', 'attendance_rate'];

/** fieldsOf lists the fields a 422 names. */
function fieldsOf(r) {
  return (r.json?.error?.fields ?? []).map((f) => f.field);
}

/** expect422 asserts a 422 that names field (first or among the list); returns the error. */
function expect422(r, field, what = '') {
  assert.equal(r.status, 422, `${what}: expected 422, got ${r.status}: ${r.text}`);
  const e = expectError(r, 422, 'invalid');
  const named = [e.field, ...fieldsOf(r)];
  assert.ok(named.includes(field), `${what}: the error does not name ${field}: ${r.text}`);
  return e;
}

/** serverToday is the server's working day (a new member joins on it by default). */
async function serverToday() {
  const g = await createGroup(ctx.worker, { capacity: 2 });
  const c = await createClient(ctx.worker);
  const m = await join(ctx.worker, g.uid, c.uid);
  assert.match(m.joined_on, /^\d{4}-\d{2}-\d{2}$/);
  return m.joined_on;
}

describe('creating a group', () => {
  test('201 with uid, Location, every field, the creator as facilitator and the named (co-)facilitators', T, async () => {
    const body = groupBody({
      name: 'Kelompok Usaha Bersama Mawar',
      purpose: 'developmental',
      capacity: 12,
      ppks: [24, 2],
      starts_on: '2025-02-01',
      ends_on: '2025-06-30',
      frequency: 'Setiap Sabtu',
      place: 'Balai RW 05',
      status: 'active',
      facilitators: ['supervisor'],
      cofacilitators: ['volunteer'],
    });
    const r = await ctx.worker.post('/api/v1/groups', body);
    assert.equal(r.status, 201, r.text);
    const g = r.json;
    assert.match(g.uid, UUID);
    assert.equal(r.headers.get('location'), `/api/v1/groups/${g.uid}`);
    for (const k of ['name', 'purpose', 'aim', 'capacity', 'starts_on', 'ends_on', 'frequency', 'place', 'status']) {
      assert.equal(g[k], body[k], k);
    }
    assert.deepEqual(g.ppks, [24, 2]);
    assert.equal(g.version, 1);
    assert.equal(g.content, true);
    assert.equal(g.members_count, 0);
    assert.equal(g.sessions_count, 0);
    assert.deepEqual(g.members, []);
    assert.deepEqual(g.goals, []);
    assert.equal(g.attendance_rate, 0);
    const people = Object.fromEntries(g.facilitators.map((p) => [p.name, p.role]));
    assert.deepEqual(people, { worker: 'facilitator', supervisor: 'facilitator', volunteer: 'cofacilitator' });
    assert.ok(g.facilitators.every((p) => typeof p.full_name === 'string' && p.full_name.length > 0));
    // Read back the same, and listed.
    assert.deepEqual(await getGroup(ctx.worker, g.uid), g);
    const listed = (await groupList(ctx.worker)).find((x) => x.uid === g.uid);
    assert.deepEqual(listed, {
      uid: g.uid,
      name: body.name,
      purpose: 'developmental',
      status: 'active',
      capacity: 12,
      members_count: 0,
      sessions_count: 0,
      content: true,
    });
  });

  test('defaults: status forming, no PPKS, no dates; the creator named again is listed once', T, async () => {
    const g = await createGroup(ctx.worker, { facilitators: ['worker'] });
    assert.equal(g.status, 'forming');
    assert.deepEqual(g.ppks, []);
    for (const k of ['starts_on', 'ends_on', 'frequency', 'place']) assert.equal(g[k], null, k);
    assert.deepEqual(g.facilitators.map((p) => `${p.name}:${p.role}`), ['worker:facilitator']);
  });

  test('a supervisor may create a group', T, async () => {
    const g = await createGroup(ctx.supervisor, { purpose: 'preventive' });
    assert.deepEqual(g.facilitators.map((p) => `${p.name}:${p.role}`), ['supervisor:facilitator']);
  });

  test('validation: 422 naming each bad field, and nothing is created', T, async () => {
    const groupsBefore = (await groupList(ctx.worker)).length;
    const audit = await auditHead(ctx.admin);
    const cases = [
      [{ purpose: 'recreational' }, 'purpose'],
      [{ purpose: '' }, 'purpose'],
      [{ capacity: 1 }, 'capacity'],
      [{ capacity: 101 }, 'capacity'],
      [{ capacity: 0 }, 'capacity'],
      [{ capacity: 2.5 }, 'capacity'],
      [{ capacity: '10' }, 'capacity'],
      [{ capacity: undefined }, 'capacity'],
      [{ starts_on: '2025-03-01', ends_on: '2025-02-28' }, 'ends_on'],
      [{ starts_on: '2025-02-30' }, 'starts_on'],
      [{ colour: 'merah' }, 'colour'],
      [{ ppks: [9999] }, 'ppks'],
      [{ ppks: [4294967297] }, 'ppks'], // code 1 once cut to an int
      [{ ppks: [24, 'x'] }, 'ppks'],
      [{ ppks: 24 }, 'ppks'],
      [{ name: '' }, 'name'],
      [{ aim: undefined }, 'aim'],
      [{ status: 'closed' }, 'status'],
      [{ facilitators: ['viewer'] }, 'facilitators'],
      [{ facilitators: ['volunteer'] }, 'facilitators'],
      [{ facilitators: ['admin'] }, 'facilitators'],
      [{ facilitators: ['nobody-here'] }, 'facilitators'],
      [{ facilitators: 'worker2' }, 'facilitators'],
      [{ cofacilitators: ['viewer'] }, 'cofacilitators'],
      [{ cofacilitators: ['admin'] }, 'cofacilitators'],
    ];
    for (const [over, field] of cases) {
      const body = groupBody(over);
      for (const [k, v] of Object.entries(over)) if (v === undefined) delete body[k];
      const r = await ctx.worker.post('/api/v1/groups', body);
      expect422(r, field, JSON.stringify(over));
      assert.equal(r.headers.get('location'), null);
    }
    // Several faults at once: each one is named.
    const r = await ctx.worker.post('/api/v1/groups', {
      name: 'Kelompok Salah',
      purpose: 'fun',
      aim: 'x',
      capacity: 500,
      starts_on: '2025-05-01',
      ends_on: '2025-04-01',
      ppks: [9999],
      colour: 'merah',
    });
    expectError(r, 422, 'invalid');
    assert.deepEqual(new Set(fieldsOf(r)), new Set(['purpose', 'capacity', 'ends_on', 'ppks', 'colour']));
    assert.match(r.json.error.fields.find((f) => f.field === 'capacity').message, /2 to 100/);
    assert.equal((await groupList(ctx.worker)).length, groupsBefore, 'a refused group was stored');
    assert.equal(await auditHead(ctx.admin), audit, 'a refused group was audited');
  });

  test('volunteer, viewer and admin cannot create a group (403), and nothing is created', T, async () => {
    const groupsBefore = (await groupList(ctx.worker)).length;
    const audit = await auditHead(ctx.admin);
    for (const who of ['volunteer', 'viewer', 'admin']) {
      expectError(await ctx[who].post('/api/v1/groups', groupBody({ name: `Kelompok ${who}` })), 403, 'forbidden');
    }
    expectError(await anon(ctx.base).post('/api/v1/groups', groupBody()), 401, 'unauthenticated');
    assert.equal((await groupList(ctx.worker)).length, groupsBefore);
    assert.ok(!(await groupList(ctx.worker)).some((g) => /^Kelompok (volunteer|viewer|admin)$/.test(g.name)));
    assert.equal(await auditHead(ctx.admin), audit);
  });
});

describe('who sees a group\'s content', () => {
  let G, client, member, session;
  before(async () => {
    G = await createGroup(ctx.worker, { name: 'Kelompok Rahasia Melati', cofacilitators: ['volunteer'] });
    client = await createClient(ctx.worker);
    member = await join(ctx.worker, G.uid, client.uid, { joined_on: '2025-01-01', reason: 'Rujukan RT' });
    session = await record(ctx.worker, G.uid, {
      date: '2025-01-05',
      topic: 'Perkenalan anggota',
      notes: { atmosphere: 'Suasana cair setelah permainan.' },
      attendance: [{ client: client.uid, status: 'present', participation: 3, observation: 'Pendiam tetapi mengikuti.' }],
    });
  });

  test('facilitator, co-facilitator (volunteer) and the facilitator\'s supervisor see members and sessions', T, async () => {
    for (const who of ['worker', 'volunteer', 'supervisor']) {
      const g = await getGroup(ctx[who], G.uid);
      assert.equal(g.content, true, who);
      for (const k of CONTENT_KEYS) assert.ok(k in g, `${who} misses ${k}`);
      assert.equal(g.members.length, 1, who);
      assert.equal(g.members[0].uid, member.uid);
      assert.equal(g.members[0].client.name, client.name);
      const s = await sessions(ctx[who], G.uid);
      assert.equal(s.length, 1, who);
      assert.equal(s[0].uid, session.uid);
      assert.deepEqual(s[0].notes, { atmosphere: 'Suasana cair setelah permainan.' }, who);
      assert.equal(s[0].attendance[0].observation, 'Pendiam tetapi mengikuti.', who);
      const listed = (await groupList(ctx[who])).find((x) => x.uid === G.uid);
      assert.equal(listed.content, true, who);
    }
  });

  test('a kader co-facilitating is not told which members have a case open, and may not change the group\'s settings', T, async () => {
    const c = await createClient(ctx.worker, consent());
    const { kase } = await openCase(ctx.worker, { client: c });
    const m = await join(ctx.worker, G.uid, c.uid);
    try {
      assert.equal(memberOf(await getGroup(ctx.worker, G.uid), c.uid).open_case, kase.uid);
      assert.equal(memberOf(await getGroup(ctx.supervisor, G.uid), c.uid).open_case, kase.uid);
      const seen = await ctx.volunteer.get(`/api/v1/groups/${G.uid}`);
      assert.equal(memberOf(seen.json, c.uid).open_case ?? null, null);
      assert.ok(!seen.text.includes(kase.uid), 'the case uid reaches the kader');
      const page = await (await login(ctx.base, 'volunteer')).client.get(`/groups/${G.uid}`);
      assert.equal(page.status, 200);
      assert.ok(!page.text.includes(kase.uid), 'the case link reaches the kader');
      assert.ok(!page.text.includes('id="settings"'), 'the kader is offered the settings');
      const snap = await frozen(ctx, G.uid);
      const g = await getGroup(ctx.worker, G.uid);
      expectError(await ctx.volunteer.patch(`/api/v1/groups/${G.uid}`, { version: g.version, status: 'ended' }), 403, 'forbidden');
      await snap.same('a kader changing the settings');

      // Nor by the links of the member's goals to the case plan; a goal the kader keeps keeps its link.
      const caseGoal = await add(ctx.worker, kase.uid, 'goals', goal());
      const mu = `/api/v1/groups/${G.uid}/members/${m.uid}`;
      const linked = await ctx.worker.patch(mu, { goals: [{ text: 'Hadir tiap minggu', case_goal: caseGoal.uid }] });
      assert.equal(linked.status, 200, linked.text);
      const kaderSees = await ctx.volunteer.get(`/api/v1/groups/${G.uid}`);
      assert.deepEqual(memberOf(kaderSees.json, c.uid).goals, [{ text: 'Hadir tiap minggu' }]);
      assert.ok(!kaderSees.text.includes(caseGoal.uid), 'the case goal reaches the kader');
      const goalsPage = await (await login(ctx.base, 'volunteer')).client.get(`/groups/${G.uid}/members/${m.uid}/goals`);
      assert.ok(!goalsPage.text.includes(caseGoal.uid) && !goalsPage.text.includes('rencana kasus'), 'the goals page shows the link to the kader');
      const kept = await ctx.volunteer.patch(mu, { goals: [{ text: 'Hadir tiap minggu' }, { text: 'Berani bicara' }] });
      assert.equal(kept.status, 200, kept.text);
      assert.deepEqual(memberOf(await getGroup(ctx.worker, G.uid), c.uid).goals,
        [{ text: 'Hadir tiap minggu', case_goal: caseGoal.uid }, { text: 'Berani bicara' }]);
      expect422(await ctx.volunteer.patch(mu, { goals: [{ text: 'Hadir', case_goal: caseGoal.uid }] }), 'goals[0]', 'a kader linking');
      // A kader who rewrites a linked goal on its row of the form keeps its link; the row's
      // position counts only against the goals the form showed, so the API (without them) refuses it.
      const kaderWeb = (await login(ctx.base, 'volunteer')).client;
      const form = await kaderWeb.get(`/groups/${G.uid}/members/${m.uid}/goals`);
      const was = form.text.match(/name="was" value="([0-9a-f]{8})"/)[1];
      assert.match(form.text, /name="goal\.0" value="Hadir tiap minggu" maxlength="500"><input type="hidden" name="from\.0" value="0">/);
      assert.match(form.text, /name="goal\.1" value="Berani bicara" maxlength="500"><input type="hidden" name="from\.1" value="1">/);
      assert.doesNotMatch(form.text, /name="from\.2"/, 'an empty row comes from no stored goal');
      const edited = await kaderWeb.form(`/groups/${G.uid}/members/${m.uid}/goals`,
        { was, 'goal.0': 'Hadir tiap minggu, tepat waktu', 'from.0': '0', 'goal.1': 'Berani bicara di depan', 'from.1': '1' });
      assert.equal(edited.status, 303, edited.text.slice(0, 300));
      const linksOf = async () => memberOf(await getGroup(ctx.worker, G.uid), c.uid).goals.map((x) => [x.text, x.case_goal ?? null]);
      assert.deepEqual(await linksOf(), [['Hadir tiap minggu, tepat waktu', caseGoal.uid], ['Berani bicara di depan', null]]);
      expect422(await ctx.volunteer.patch(mu, { goals: [{ text: 'Hadir', from: 0 }] }), 'goals[0]', 'a position without the goals it counts');
      // A row emptied drops its goal and its link; the next keeps its own (none).
      const was2 = (await kaderWeb.get(`/groups/${G.uid}/members/${m.uid}/goals`)).text.match(/name="was" value="([0-9a-f]{8})"/)[1];
      const dropped = await kaderWeb.form(`/groups/${G.uid}/members/${m.uid}/goals`,
        { was: was2, 'goal.0': '', 'from.0': '0', 'goal.1': 'Berani bicara di depan', 'from.1': '1' });
      assert.equal(dropped.status, 303, dropped.text.slice(0, 300));
      assert.deepEqual(await linksOf(), [['Berani bicara di depan', null]]);
    } finally {
      const left = await ctx.worker.request('DELETE', `/api/v1/groups/${G.uid}/members/${m.uid}`, { json: { reason: 'Selesai uji' } });
      assert.equal(left.status, 200, left.text);
    }
  });

  test('worker2 (not facilitating), admin and viewer see counts only', T, async () => {
    for (const who of ['worker2', 'admin', 'viewer']) {
      const r = await ctx[who].get(`/api/v1/groups/${G.uid}`);
      assert.equal(r.status, 200, `${who}: ${r.text}`);
      const g = r.json;
      assert.deepEqual(g, {
        uid: G.uid,
        name: 'Kelompok Rahasia Melati',
        purpose: G.purpose,
        status: 'forming',
        capacity: G.capacity,
        members_count: 1,
        sessions_count: 1,
        content: false,
      }, who);
      for (const k of CONTENT_KEYS) assert.ok(!(k in g), `${who} gets ${k}`);
      assert.ok(!r.text.includes(client.name), `${who} sees a member's name`);
      const listed = (await groupList(ctx[who])).find((x) => x.uid === G.uid);
      assert.equal(listed.content, false, who);
      assert.equal(listed.members_count, 1);
      expectError(await ctx[who].get(`/api/v1/groups/${G.uid}/sessions`), 403, 'forbidden');
    }
  });

  test('a group\'s name is text on the groups page, for those who open it and those who see counts', T, async () => {
    const name = '<meta http-equiv="refresh" content="0;url=https://example.org/"><b>"Mawar" & co</b>';
    const g = await createGroup(ctx.worker, { name });
    for (const who of ['worker', 'worker2']) {
      const page = await (await login(ctx.base, who)).client.get('/groups');
      assert.equal(page.status, 200, who);
      const esc = name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
      assert.ok(page.text.includes(esc), `${who}: the name escaped`);
      assert.ok(!page.text.includes('<meta http-equiv'), `${who}: markup of the name reached the page`);
      assert.equal(page.text.includes(`href="/groups/${g.uid}"`), who === 'worker', `${who}: a link only for who opens it`);
    }
  });

  test('the others get 403 on every change, and nothing changes', T, async () => {
    const other = await createClient(ctx.worker);
    const snap = await frozen(ctx, G.uid);
    const u = `/api/v1/groups/${G.uid}`;
    const tries = [
      ['PATCH', u, { version: snap.before.group.version, name: 'Diubah' }],
      ['POST', `${u}/members`, { client: other.uid }],
      ['DELETE', `${u}/members/${member.uid}`, { reason: 'Tidak boleh' }],
      ['PATCH', `${u}/members/${member.uid}`, { goals: [{ text: 'Tidak boleh', case_goal: null }] }],
      ['POST', `${u}/goals`, groupGoal()],
      ['POST', `${u}/sessions`, { date: '2025-01-06', topic: 'Tidak boleh', attendance: [] }],
    ];
    for (const who of ['worker2', 'admin', 'viewer']) {
      for (const [method, path, json] of tries) {
        const r = await ctx[who].request(method, path, { json });
        expectError(r, 403, 'forbidden');
        assert.ok(!r.text.includes(client.name), `${who} ${method} ${path} leaks a member's name`);
      }
    }
    await snap.same('changes by those who only see counts');
  });

  test('a sealed session\'s process notes are for the author and the supervisor only', T, async () => {
    const s = await record(ctx.worker, G.uid, {
      date: '2025-01-12',
      topic: 'Konflik antaranggota',
      level: 'sealed',
      notes: { conflicts: 'Dua anggota bertengkar soal arisan.' },
    });
    assert.equal(s.level, 'sealed');
    const read = async (who) => (await sessions(ctx[who], G.uid)).find((x) => x.uid === s.uid);
    assert.deepEqual((await read('worker')).notes, { conflicts: 'Dua anggota bertengkar soal arisan.' });
    assert.deepEqual((await read('supervisor')).notes, { conflicts: 'Dua anggota bertengkar soal arisan.' });
    const v = await read('volunteer');
    assert.equal(v.notes, null, 'the co-facilitator reads a sealed session\'s notes');
    assert.equal(v.topic, 'Konflik antaranggota');
  });

  test('a restricted session\'s notes and observations are for its facilitators and supervisors, not the kader', T, async () => {
    const s = await record(ctx.worker, G.uid, {
      date: '2025-01-19', topic: 'Masalah keluarga', level: 'restricted',
      notes: { dynamics: 'Anggota membuka masalah rumah tangga.' },
      attendance: [{ client: client.uid, status: 'present', observation: 'Menangis saat bercerita.' }],
    });
    const read = async (who) => (await sessions(ctx[who], G.uid)).find((x) => x.uid === s.uid);
    for (const who of ['worker', 'supervisor']) {
      const r = await read(who);
      assert.deepEqual(r.notes, { dynamics: 'Anggota membuka masalah rumah tangga.' }, who);
      assert.equal(r.attendance[0].observation, 'Menangis saat bercerita.', who);
    }
    const v = await read('volunteer');
    assert.equal(v.notes, null, 'the kader reads a restricted session\'s notes');
    assert.equal(v.attendance[0].observation ?? null, null, 'the kader reads a restricted observation');
    assert.equal(v.attendance[0].status, 'present', 'attendance itself is shown');
  });

  test('the supervisor of a kader co-facilitating, but of no facilitator, sees counts only', T, async () => {
    const pw = 'kader-sembilan-pw';
    for (const u of [{ name: 'kader9', full_name: 'Kader Sembilan', role: 'volunteer', supervisor: 'supervisor', password: pw },
      { name: 'pekerja9', full_name: 'Pekerja Sembilan', role: 'worker', password: pw }]) {
      const r = await ctx.admin.post('/api/v1/users', u);
      assert.equal(r.status, 201, r.text);
    }
    const w9 = (await login(ctx.base, 'pekerja9', pw)).client;
    const g = await createGroup(w9, { name: 'Kelompok Kader Sembilan', cofacilitators: ['kader9'] });
    const c = await createClient(w9);
    await join(w9, g.uid, c.uid, { joined_on: '2025-01-01' });
    const seen = await getGroup(ctx.supervisor, g.uid);
    assert.equal(seen.content, false, 'the kader\'s supervisor gets the group\'s content');
    assert.ok(!JSON.stringify(seen).includes(c.name));
    expectError(await ctx.supervisor.get(`/api/v1/groups/${g.uid}/sessions`), 403, 'forbidden');
  });

  test('without a log-in: 401', T, async () => {
    expectError(await anon(ctx.base).get('/api/v1/groups'), 401, 'unauthenticated');
    expectError(await anon(ctx.base).get(`/api/v1/groups/${G.uid}`), 401, 'unauthenticated');
  });
});

describe('members', () => {
  test('POST members: 201 with the member; the count goes up', T, async () => {
    const g = await createGroup(ctx.worker);
    const c = await createClient(ctx.worker);
    const today = await serverToday();
    const r = await ctx.worker.post(`/api/v1/groups/${g.uid}/members`, { client: c.uid, reason: 'Dirujuk kelurahan' });
    assert.equal(r.status, 201, r.text);
    const m = r.json;
    assert.match(m.uid, UUID);
    assert.deepEqual(m.client, { uid: c.uid, name: c.name });
    assert.equal(m.joined_on, today);
    assert.equal(m.join_reason, 'Dirujuk kelurahan');
    assert.equal(m.left_on, null);
    assert.equal(m.leave_reason, null);
    assert.equal(m.open_case, null);
    assert.deepEqual(m.goals, []);
    for (const k of ['sessions_held', 'present', 'excused', 'absent']) assert.equal(m[k], 0, k);
    assert.equal(m.attendance_rate, 0);
    assert.equal(m.low_attendance, false);
    const back = await getGroup(ctx.worker, g.uid);
    assert.equal(back.members_count, 1);
    assert.deepEqual(back.members, [m]);
  });

  test('capacity: the member beyond it is refused (422 client, about capacity); the count is unchanged', T, async () => {
    const g = await createGroup(ctx.worker, { capacity: 2 });
    const [a, b, c] = [await createClient(ctx.worker), await createClient(ctx.worker), await createClient(ctx.worker)];
    await join(ctx.worker, g.uid, a.uid);
    await join(ctx.worker, g.uid, b.uid);
    const snap = await frozen(ctx, g.uid);
    assert.equal(snap.before.group.members_count, 2);
    const r = await ctx.worker.post(`/api/v1/groups/${g.uid}/members`, { client: c.uid });
    const e = expect422(r, 'client', 'third member');
    assert.equal(e.field, 'client');
    assert.match(e.message, /capacity/i);
    await snap.same('a member beyond the capacity');
    assert.equal(snap.before.group.members.length, 2);
  });

  test('joins sent at once (a double click, a resent form) add the client once and keep the capacity', T, async () => {
    const g = await createGroup(ctx.worker, { capacity: 3 });
    const same = await createClient(ctx.worker);
    const others = await Promise.all([1, 2, 3, 4].map(() => createClient(ctx.worker)));
    const twice = await Promise.all([1, 2, 3, 4, 5, 6].map(() => ctx.worker.post(`/api/v1/groups/${g.uid}/members`, { client: same.uid })));
    assert.deepEqual(twice.map((r) => r.status).sort(), [201, 422, 422, 422, 422, 422], twice.map((r) => r.text).join('\n'));
    const many = await Promise.all(others.map((c) => ctx.worker.post(`/api/v1/groups/${g.uid}/members`, { client: c.uid })));
    assert.deepEqual(many.map((r) => r.status).sort(), [201, 201, 422, 422], 'two places were left');
    const back = await getGroup(ctx.worker, g.uid);
    assert.equal(back.members_count, 3);
    assert.equal(back.members.filter((m) => m.client.uid === same.uid && !m.left_on).length, 1);
  });

  test('migration 021 ends twins of an active membership or assignment, and refuses new ones', T, async () => {
    const { parent, dir } = await demoDir();
    const db = path.join(dir, 'pendamping.db');
    const sqlite = (q) => new Promise((resolve, reject) => execFile('sqlite3', ['-json', db, q], (err, out, stderr) =>
      err ? reject(new Error(stderr || err.message)) : resolve(out.trim() ? JSON.parse(out) : [])));
    const twin = {
      group: `INSERT INTO group_member(uid, group_id, client_id, joined_on, created_at, created_by)
              SELECT 'twin-' || uid, group_id, client_id, '2026-10-01', created_at, created_by FROM group_member WHERE left_on IS NULL LIMIT 1`,
      case: `INSERT INTO case_worker(case_id, user_id, role, assigned_at, assigned_by)
             SELECT case_id, user_id, role, '2026-10-01T00:00:00.000Z', assigned_by FROM case_worker WHERE ended_at IS NULL LIMIT 1`,
    };
    // Twins as the race wrote them, before the indexes.
    await sqlite(`DROP INDEX group_member_active; DROP INDEX case_worker_active; ${twin.group}; ${twin.case};`);
    const count = async () => (await sqlite(`SELECT
      (SELECT count(*) FROM (SELECT 1 FROM group_member WHERE left_on IS NULL GROUP BY group_id, client_id HAVING count(*) > 1)) AS g,
      (SELECT count(*) FROM (SELECT 1 FROM case_worker WHERE ended_at IS NULL GROUP BY case_id, user_id HAVING count(*) > 1)) AS c`))[0];
    assert.deepEqual(await count(), { g: 1, c: 1 });
    await sqlite('\n' + await fs.readFile(new URL('../../src/store/schema/sqlite/021_one_active_membership.sql', import.meta.url), 'utf8'));
    assert.deepEqual(await count(), { g: 0, c: 0 });
    const ended = await sqlite(`SELECT joined_on, left_on FROM group_member WHERE uid LIKE 'twin-%'`);
    assert.deepEqual(ended, [{ joined_on: '2026-10-01', left_on: '2026-10-01' }], 'the later twin ends the day it began');
    await assert.rejects(sqlite(twin.group), /UNIQUE constraint failed/);
    await assert.rejects(sqlite(twin.case), /UNIQUE constraint failed/);
    await fs.rm(parent, { recursive: true, force: true });
  });

  test('the same client twice, an archived, an unknown or no client: 422 client; nothing changes', T, async () => {
    const g = await createGroup(ctx.worker);
    const a = await createClient(ctx.worker);
    await join(ctx.worker, g.uid, a.uid);
    const gone = await createClient(ctx.worker);
    const arch = await ctx.worker.del(`/api/v1/clients/${gone.uid}`);
    assert.equal(arch.status, 200, arch.text);
    assert.ok(arch.json.archived_at);
    const fresh = await createClient(ctx.worker);
    const snap = await frozen(ctx, g.uid);
    for (const [body, what] of [
      [{ client: a.uid }, 'already a member'],
      [{ client: gone.uid }, 'archived'],
      [{ client: NOBODY }, 'unknown'],
      [{ client: 'not-a-uid' }, 'malformed'],
      [{}, 'missing'],
      [{ client: 42 }, 'a number'],
    ]) {
      const r = await ctx.worker.post(`/api/v1/groups/${g.uid}/members`, body);
      assert.equal(expect422(r, 'client', what).field, 'client', what);
    }
    const bad = await ctx.worker.post(`/api/v1/groups/${g.uid}/members`, { client: fresh.uid, joined_on: '2025-13-01' });
    expect422(bad, 'joined_on', 'bad joined_on');
    const unknown = await ctx.worker.post(`/api/v1/groups/${g.uid}/members`, { client: a.uid, role: 'ketua' });
    expect422(unknown, 'role', 'unknown field');
    await snap.same('refused members');
  });

  test('leaving needs a reason (422); with one it is recorded and frees a place', T, async () => {
    const g = await createGroup(ctx.worker, { capacity: 2 });
    const [a, b, c] = [await createClient(ctx.worker), await createClient(ctx.worker), await createClient(ctx.worker)];
    const ma = await join(ctx.worker, g.uid, a.uid);
    await join(ctx.worker, g.uid, b.uid);
    const u = `/api/v1/groups/${g.uid}/members/${ma.uid}`;
    const snap = await frozen(ctx, g.uid);
    expect422(await ctx.worker.del(u), 'reason', 'no body');
    expect422(await ctx.worker.request('DELETE', u, { json: {} }), 'reason', 'empty body');
    expect422(await ctx.worker.request('DELETE', u, { json: { reason: '' } }), 'reason', 'empty reason');
    expect422(await ctx.worker.request('DELETE', u, { json: { reason: 'Pindah', why: 'x' } }), 'why', 'unknown field');
    expect422(await ctx.worker.request('DELETE', u, { json: { reason: 'Pindah', left_on: '2024-12-31' } }), 'left_on', 'before joining');
    expect422(await ctx.worker.request('DELETE', u, { json: { reason: 'Pindah', left_on: '2099-12-31' } }), 'left_on', 'in the future');
    await snap.same('refused leaving');

    const r = await ctx.worker.request('DELETE', u, { json: { reason: 'Pindah domisili ke Bekasi' } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.uid, g.uid);
    assert.equal(r.json.members_count, 1);
    const left = memberOf(r.json, a.uid);
    assert.equal(left.leave_reason, 'Pindah domisili ke Bekasi');
    assert.equal(left.left_on, ma.joined_on);
    assert.equal(r.json.members.length, 2, 'a former member is still listed, with left_on');
    // Leaving again, or an unknown member: 404.
    expectError(await ctx.worker.request('DELETE', u, { json: { reason: 'Lagi' } }), 404, 'not_found');
    expectError(await ctx.worker.request('DELETE', `/api/v1/groups/${g.uid}/members/${NOBODY}`, { json: { reason: 'x' } }), 404, 'not_found');
    // The place is free again.
    await join(ctx.worker, g.uid, c.uid);
    const back = await getGroup(ctx.worker, g.uid);
    assert.equal(back.members_count, 2);
    assert.equal(back.members.filter((m) => m.left_on === null).length, 2);
  });

  test('member goals: linked to a goal of the member\'s open case, or to none; any other link is 422', T, async () => {
    const { kase, client } = await openCase(ctx.worker);
    const caseGoal = await add(ctx.worker, kase.uid, 'goals', goal());
    const other = await openCase(ctx.worker);
    const otherGoal = await add(ctx.worker, other.kase.uid, 'goals', goal({ text: 'Tujuan kasus lain' }));
    const noCase = await createClient(ctx.worker);
    const g = await createGroup(ctx.worker);
    const m = await join(ctx.worker, g.uid, client.uid);
    assert.equal(m.open_case, kase.uid);
    const mn = await join(ctx.worker, g.uid, noCase.uid);
    assert.equal(mn.open_case, null);

    const goals = [
      { text: 'Berani berbicara di depan kelompok', case_goal: caseGoal.uid },
      { text: 'Hadir tepat waktu', case_goal: null },
    ];
    const r = await ctx.worker.patch(`/api/v1/groups/${g.uid}/members/${m.uid}`, { goals });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(memberOf(r.json, client.uid).goals, goals);
    assert.deepEqual(memberOf(await getGroup(ctx.worker, g.uid), client.uid).goals, goals);

    const snap = await frozen(ctx, g.uid);
    const tries = [
      [m.uid, { goals: [{ text: 'Tujuan', case_goal: otherGoal.uid }] }, 'goals[0]', 'a goal of another case'],
      [m.uid, { goals: [{ text: 'Hadir' }, { text: 'Tujuan', case_goal: NOBODY }] }, 'goals[1]', 'an unknown goal'],
      [m.uid, { goals: [{ text: 'Tujuan', case_goal: kase.uid }] }, 'goals[0]', 'the case itself'],
      [mn.uid, { goals: [{ text: 'Tujuan', case_goal: caseGoal.uid }] }, 'goals[0]', 'a member without an open case'],
      [m.uid, { goals: [{ text: '' }] }, 'goals[0]', 'no text'],
      [m.uid, { goals: [{ text: 'Hadir' }, { text: 'Baris satu\nbaris dua' }] }, 'goals[1]', 'two lines'],
      [m.uid, { goals: [{ text: 'Hadir', score: 5 }] }, 'goals[0]', 'a member goal with another key'],
      [m.uid, { goals: ['Hadir'] }, 'goals[0]', 'a goal that is not an object'],
      [m.uid, { goals: 'Hadir' }, 'goals', 'not a list'],
      [m.uid, { goals: [], note: 'x' }, 'note', 'unknown field'],
    ];
    for (const [who, body, field, what] of tries) {
      expect422(await ctx.worker.patch(`/api/v1/groups/${g.uid}/members/${who}`, body), field, what);
    }
    expectError(await ctx.worker.patch(`/api/v1/groups/${g.uid}/members/${NOBODY}`, { goals: [] }), 404, 'not_found');
    await snap.same('refused member goals');
  });
});

describe('sessions', () => {
  let G, A, B, C, today;
  before(async () => {
    today = await serverToday();
    G = await createGroup(ctx.worker, { cofacilitators: ['volunteer'] });
    [A, B, C] = [await createClient(ctx.worker), await createClient(ctx.worker), await createClient(ctx.worker)];
    for (const c of [A, B, C]) await join(ctx.worker, G.uid, c.uid, { joined_on: '2025-01-01' });
  });

  test('201: the listed members as given, the others absent; notes and observations read back', T, async () => {
    const body = {
      date: '2025-02-03',
      topic: 'Mengelola stres',
      phase: 'working',
      activities: 'Diskusi dan bermain peran.',
      notes: { atmosphere: 'Hangat', dynamics: 'A memimpin diskusi', techniques: 'Role play' },
      attendance: [
        { client: A.uid, status: 'present', participation: 5, observation: 'Sangat aktif.' },
        { client: B.uid, status: 'excused', observation: 'Izin sakit.' },
      ],
    };
    const r = await ctx.worker.post(`/api/v1/groups/${G.uid}/sessions`, body);
    assert.equal(r.status, 201, r.text);
    const s = r.json;
    assert.match(s.uid, UUID);
    assert.equal(r.headers.get('location'), `/api/v1/groups/${G.uid}/sessions`);
    assert.equal(s.date, '2025-02-03');
    assert.equal(s.topic, 'Mengelola stres');
    assert.equal(s.phase, 'working');
    assert.equal(s.activities, 'Diskusi dan bermain peran.');
    assert.equal(s.level, 'normal');
    assert.equal(s.version, 1);
    assert.equal(s.created_by, 'worker');
    assert.deepEqual(s.notes, body.notes);
    assert.deepEqual([s.present, s.excused, s.absent], [1, 1, 1]);
    const by = Object.fromEntries(s.attendance.map((a) => [a.client, a]));
    assert.deepEqual(Object.keys(by).sort(), [A.uid, B.uid, C.uid].sort());
    assert.deepEqual([by[A.uid].status, by[A.uid].participation, by[A.uid].observation], ['present', 5, 'Sangat aktif.']);
    assert.deepEqual([by[B.uid].status, by[B.uid].participation, by[B.uid].observation], ['excused', null, 'Izin sakit.']);
    assert.deepEqual([by[C.uid].status, by[C.uid].participation, by[C.uid].observation], ['absent', null, null]);
    assert.equal(by[C.uid].name, C.name);
    const listed = (await sessions(ctx.worker, G.uid)).find((x) => x.uid === s.uid);
    assert.deepEqual(listed, s);
    assert.equal((await getGroup(ctx.worker, G.uid)).sessions_count, 1);
  });

  test('the co-facilitator may record a session; phase defaults to working', T, async () => {
    const s = await record(ctx.volunteer, G.uid, { date: '2025-02-10', topic: 'Dicatat kader' });
    assert.equal(s.created_by, 'volunteer');
    assert.equal(s.phase, 'working');
    assert.deepEqual([s.present, s.excused, s.absent], [0, 0, 3]);
    assert.equal(s.notes, null);
  });

  test('bad sessions: 422 naming the field, and nothing is recorded', T, async () => {
    const outsider = await createClient(ctx.worker);
    const snap = await frozen(ctx, G.uid);
    const ok = { date: '2025-02-17', topic: 'Pertemuan' };
    const tries = [
      [{ attendance: [{ client: A.uid, status: 'excused', participation: 3 }] }, 'attendance[0].participation', 'participation when excused'],
      [{ attendance: [{ client: A.uid, status: 'absent', participation: 1 }] }, 'attendance[0].participation', 'participation when absent'],
      [{ attendance: [{ client: A.uid, status: 'present', participation: 6 }] }, 'attendance[0].participation', 'participation 6'],
      [{ attendance: [{ client: A.uid, status: 'present', participation: 0 }] }, 'attendance[0].participation', 'participation 0'],
      [{ attendance: [{ client: A.uid, status: 'present' }, { client: outsider.uid, status: 'present' }] }, 'attendance[1].client', 'not a member'],
      [{ attendance: [{ client: NOBODY, status: 'present' }] }, 'attendance[0].client', 'unknown client'],
      [{ attendance: [{ status: 'present' }] }, 'attendance[0].client', 'no client'],
      [{ attendance: [{ client: B.uid, status: 'present' }, { client: B.uid, status: 'absent' }] }, 'attendance[1].client', 'listed twice'],
      [{ attendance: [{ client: A.uid, status: 'late' }] }, 'attendance[0].status', 'bad status'],
      [{ attendance: [{ client: A.uid }] }, 'attendance[0].status', 'no status'],
      [{ attendance: [{ client: A.uid, status: 'present', mood: 'ok' }] }, 'attendance[0].mood', 'unknown attendance field'],
      [{ attendance: { client: A.uid } }, 'attendance', 'attendance not a list'],
      [{ date: dayPlus(today, 2) }, 'date', 'a future date'],
      [{ date: '2025-02-30' }, 'date', 'not a real date'],
      [{ date: undefined }, 'date', 'no date'],
      [{ topic: undefined }, 'topic', 'no topic'],
      [{ phase: 'middle' }, 'phase', 'bad phase'],
      [{ level: 'secret' }, 'level', 'bad level'],
      [{ notes: { mood: 'x' } }, 'notes.mood', 'unknown note field'],
      [{ notes: 'Hangat' }, 'notes', 'notes not an object'],
      [{ facilitator: 'worker' }, 'facilitator', 'unknown field'],
    ];
    for (const [over, field, what] of tries) {
      const body = { ...ok, ...over };
      for (const [k, v] of Object.entries(over)) if (v === undefined) delete body[k];
      const r = await ctx.worker.post(`/api/v1/groups/${G.uid}/sessions`, body);
      expect422(r, field, what);
      assert.equal(r.headers.get('location'), null, what);
    }
    await snap.same('refused sessions');
  });

  test('a member who has left cannot be listed for a later session, and is not recorded for it', T, async () => {
    const D = await createClient(ctx.worker);
    const m = await join(ctx.worker, G.uid, D.uid, { joined_on: '2025-01-01' });
    const del = await ctx.worker.request('DELETE', `/api/v1/groups/${G.uid}/members/${m.uid}`, {
      json: { reason: 'Bekerja di luar kota', left_on: '2025-02-01' },
    });
    assert.equal(del.status, 200, del.text);
    const snap = await frozen(ctx, G.uid);
    const r = await ctx.worker.post(`/api/v1/groups/${G.uid}/sessions`, {
      date: '2025-02-24',
      topic: 'Pertemuan',
      attendance: [{ client: D.uid, status: 'present' }],
    });
    expect422(r, 'attendance[0].client', 'a former member');
    await snap.same('a session listing a former member');
    const s = await record(ctx.worker, G.uid, { date: '2025-02-24' });
    assert.ok(!s.attendance.some((a) => a.client === D.uid), 'a former member is recorded');
  });
});

describe('attendance arithmetic', () => {
  test('4 members over 3 sessions: per member and for the group', T, async () => {
    const g = await createGroup(ctx.worker);
    const cl = [];
    for (let i = 0; i < 5; i++) cl.push(await createClient(ctx.worker));
    const [a, b, c, d, e] = cl;
    for (const x of [a, b, c]) await join(ctx.worker, g.uid, x.uid, { joined_on: '2025-01-01' });
    await join(ctx.worker, g.uid, d.uid, { joined_on: '2025-01-15' }); // after the first session

    // Before any session: nothing held, nobody low.
    let now = await getGroup(ctx.worker, g.uid);
    assert.equal(now.attendance_rate, 0);
    for (const m of now.members) {
      assert.deepEqual([m.sessions_held, m.present, m.excused, m.absent, m.attendance_rate, m.low_attendance], [0, 0, 0, 0, 0, false]);
    }

    const s1 = await record(ctx.worker, g.uid, {
      date: '2025-01-10',
      attendance: [
        { client: a.uid, status: 'present', participation: 4 },
        { client: b.uid, status: 'excused' },
        { client: c.uid, status: 'absent' },
      ],
    });
    assert.deepEqual([s1.present, s1.excused, s1.absent], [1, 1, 1]);
    assert.ok(!s1.attendance.some((x) => x.client === d.uid), 'a member who joined later is recorded for an earlier session');
    const s2 = await record(ctx.worker, g.uid, {
      date: '2025-01-20',
      attendance: [
        { client: a.uid, status: 'present' },
        { client: b.uid, status: 'present', participation: 2 },
        { client: d.uid, status: 'present', participation: 5 },
      ],
    });
    assert.deepEqual([s2.present, s2.excused, s2.absent], [3, 0, 1]);
    const s3 = await record(ctx.worker, g.uid, {
      date: '2025-01-30',
      attendance: [
        { client: a.uid, status: 'present' },
        { client: b.uid, status: 'absent' },
        { client: c.uid, status: 'excused' },
        { client: d.uid, status: 'absent' },
      ],
    });
    assert.deepEqual([s3.present, s3.excused, s3.absent], [1, 1, 2]);
    // A fifth member joins today, after every session.
    await join(ctx.worker, g.uid, e.uid);

    now = await getGroup(ctx.worker, g.uid);
    assert.equal(now.sessions_count, 3);
    assert.equal(now.members_count, 5);
    const expected = {
      [a.uid]: [3, 3, 0, 0, 1, false],
      [b.uid]: [3, 1, 1, 1, 1 / 3, true],
      [c.uid]: [3, 0, 1, 2, 0, true],
      [d.uid]: [2, 1, 0, 1, 0.5, false], // exactly one half is not below it
      [e.uid]: [0, 0, 0, 0, 0, false], // no session held while a member
    };
    for (const [uid, [held, present, excused, absent, rate, low]] of Object.entries(expected)) {
      const m = memberOf(now, uid);
      const who = cl.findIndex((x) => x.uid === uid);
      assert.deepEqual([m.sessions_held, m.present, m.excused, m.absent, m.low_attendance], [held, present, excused, absent, low], `member ${'abcde'[who]}`);
      assert.ok(Math.abs(m.attendance_rate - rate) < 1e-9, `member ${'abcde'[who]}: rate ${m.attendance_rate}, expected ${rate}`);
    }
    // The group: total present over total held = (3+1+0+1+0) / (3+3+3+2+0).
    assert.ok(Math.abs(now.attendance_rate - 5 / 11) < 1e-9, `group rate ${now.attendance_rate}`);
    // The sessions list in date order with their counts.
    const all = await sessions(ctx.worker, g.uid);
    assert.deepEqual(all.map((s) => s.date), ['2025-01-10', '2025-01-20', '2025-01-30']);
    assert.deepEqual(all.map((s) => [s.present, s.excused, s.absent]), [[1, 1, 1], [3, 0, 1], [1, 1, 2]]);
  });

  test('a session recorded late for an earlier date counts for those who were members then', T, async () => {
    const g = await createGroup(ctx.worker);
    const [a, b] = [await createClient(ctx.worker), await createClient(ctx.worker)];
    await join(ctx.worker, g.uid, a.uid, { joined_on: '2025-03-01' });
    await join(ctx.worker, g.uid, b.uid, { joined_on: '2025-03-10' });
    await record(ctx.worker, g.uid, { date: '2025-03-20', attendance: [{ client: a.uid, status: 'present' }, { client: b.uid, status: 'present' }] });
    await record(ctx.worker, g.uid, { date: '2025-03-05', attendance: [{ client: a.uid, status: 'absent' }] });
    const now = await getGroup(ctx.worker, g.uid);
    const ma = memberOf(now, a.uid);
    const mb = memberOf(now, b.uid);
    assert.deepEqual([ma.sessions_held, ma.present, ma.absent, ma.attendance_rate, ma.low_attendance], [2, 1, 1, 0.5, false]);
    assert.deepEqual([mb.sessions_held, mb.present, mb.absent, mb.attendance_rate, mb.low_attendance], [1, 1, 0, 1, false]);
    assert.ok(Math.abs(now.attendance_rate - 2 / 3) < 1e-9, `group rate ${now.attendance_rate}`);
  });

  test('a session recorded late, dated before a member left, records that member (absent) and counts for them', T, async () => {
    const g = await createGroup(ctx.worker);
    const [a, b] = [await createClient(ctx.worker), await createClient(ctx.worker)];
    await join(ctx.worker, g.uid, a.uid, { joined_on: '2025-05-01' });
    const mb = await join(ctx.worker, g.uid, b.uid, { joined_on: '2025-05-01' });
    const del = await ctx.worker.request('DELETE', `/api/v1/groups/${g.uid}/members/${mb.uid}`, {
      json: { reason: 'Pindah', left_on: '2025-05-20' },
    });
    assert.equal(del.status, 200, del.text);
    // The session of 2025-05-10 is written down afterwards: b was still a member that day.
    const s = await record(ctx.worker, g.uid, { date: '2025-05-10', attendance: [{ client: a.uid, status: 'present' }] });
    const forB = s.attendance.find((x) => x.client === b.uid);
    assert.ok(forB, 'a member on the session\'s day who has left since is not recorded (members not listed are absent)');
    assert.equal(forB.status, 'absent');
    const left = memberOf(await getGroup(ctx.worker, g.uid), b.uid);
    assert.equal(left.sessions_held, 1);
    assert.equal(left.present + left.excused + left.absent, left.sessions_held, 'attendances and sessions held disagree');
  });

  test('a member listed for a session held before they joined is refused, not silently dropped', T, async () => {
    const g = await createGroup(ctx.worker);
    const [a, b] = [await createClient(ctx.worker), await createClient(ctx.worker)];
    await join(ctx.worker, g.uid, a.uid, { joined_on: '2025-06-01' });
    await join(ctx.worker, g.uid, b.uid, { joined_on: '2025-06-15' });
    const snap = await frozen(ctx, g.uid);
    const r = await ctx.worker.post(`/api/v1/groups/${g.uid}/sessions`, {
      date: '2025-06-05',
      topic: 'Sebelum b bergabung',
      attendance: [
        { client: a.uid, status: 'present' },
        { client: b.uid, status: 'present', participation: 4, observation: 'Aktif' },
      ],
    });
    expect422(r, 'attendance[1].client', 'present before joining');
    await snap.same('a session listing a member before they joined');
  });

  test('a member who leaves (back-dated) never has more attendances than sessions held', T, async () => {
    const g = await createGroup(ctx.worker);
    const a = await createClient(ctx.worker);
    const m = await join(ctx.worker, g.uid, a.uid, { joined_on: '2025-04-01' });
    await record(ctx.worker, g.uid, { date: '2025-04-05', attendance: [{ client: a.uid, status: 'present' }] });
    await record(ctx.worker, g.uid, { date: '2025-04-12', attendance: [{ client: a.uid, status: 'present' }] });
    const r = await ctx.worker.request('DELETE', `/api/v1/groups/${g.uid}/members/${m.uid}`, {
      json: { reason: 'Pindah', left_on: '2025-04-08' },
    });
    if (r.status === 422) {
      // Refusing to back-date leaving past a recorded attendance is right too.
      expect422(r, 'left_on', 'leaving before a recorded session');
      return;
    }
    assert.equal(r.status, 200, r.text);
    const left = memberOf(r.json, a.uid);
    assert.equal(left.left_on, '2025-04-08');
    assert.equal(
      left.present + left.excused + left.absent,
      left.sessions_held,
      `attendances (${left.present} present) and sessions held (${left.sessions_held}) disagree`,
    );
    assert.ok(left.attendance_rate <= 1, `attendance_rate ${left.attendance_rate} is above 1`);
    assert.ok(r.json.attendance_rate <= 1, `the group's attendance_rate ${r.json.attendance_rate} is above 1`);
  });
});

describe('observations on the case timeline', () => {
  let G, P, Q, S;
  const marker = `Rahasia${process.pid}x${Date.now()}`;
  before(async () => {
    P = await openCase(ctx.worker); // the facilitator's own case
    Q = await openCase(ctx.worker2); // worker2's case: the facilitator cannot see it
    G = await createGroup(ctx.worker, { name: 'Kelompok Dukungan Sebaya Anggrek' });
    for (const k of [P, Q]) {
      const m = await join(ctx.worker, G.uid, k.client.uid, { joined_on: '2025-01-01' });
      assert.equal(m.open_case, k.kase.uid);
    }
    S = await record(ctx.worker, G.uid, {
      date: '2025-02-14',
      topic: `Topik terbuka ${marker}`,
      notes: { atmosphere: `Suasana ${marker} catatan proses`, conflicts: `Konflik ${marker}` },
      attendance: [
        { client: P.client.uid, status: 'present', participation: 4, observation: `Pengamatan P ${marker}` },
        { client: Q.client.uid, status: 'excused', observation: `Pengamatan Q ${marker}` },
      ],
    });
  });

  test('the case\'s worker sees the observation, attendance and participation on the timeline', T, async () => {
    const [p] = await items(ctx.worker, P.kase.uid, 'timeline', '?kind=group_note');
    assert.ok(p, 'no group note on the case timeline');
    assert.equal(p.kind, 'group_note');
    assert.equal(p.group, 'Kelompok Dukungan Sebaya Anggrek');
    assert.equal(p.date, '2025-02-14');
    assert.equal(p.at, '2025-02-14');
    assert.equal(p.attendance, 'present');
    assert.equal(p.participation, 4);
    assert.equal(p.observation, `Pengamatan P ${marker}`);
    const notes = await items(ctx.worker2, Q.kase.uid, 'timeline', '?kind=group_note');
    assert.equal(notes.length, 1);
    const [q] = notes;
    assert.equal(q.attendance, 'excused');
    assert.ok(q.participation === undefined || q.participation === null, 'an excused member has a participation');
    assert.equal(q.observation, `Pengamatan Q ${marker}`);
    // The supervisor of both sees both.
    assert.equal((await items(ctx.supervisor, P.kase.uid, 'timeline', '?kind=group_note')).length, 1);
    assert.equal((await items(ctx.supervisor, Q.kase.uid, 'timeline', '?kind=group_note')).length, 1);
  });

  test('a worker who cannot see the case gets 404: the observation does not reach them', T, async () => {
    for (const [who, k] of [['worker2', P], ['worker', Q]]) {
      const r = await ctx[who].get(`/api/v1/cases/${k.kase.uid}/timeline?kind=group_note`);
      expectError(r, 404, 'not_found');
      assert.ok(!r.text.includes(marker), `${who} reads the observation`);
      expectError(await ctx[who].get(`/api/v1/cases/${k.kase.uid}/group-notes`), 404, 'not_found');
    }
    // worker2 facilitates nothing here: the group's sessions are closed to her as well.
    const r = await ctx.worker2.get(`/api/v1/groups/${G.uid}/sessions`);
    expectError(r, 403, 'forbidden');
    assert.ok(!r.text.includes(marker));
  });

  test('a sealed session\'s observation stays sealed on the case; its attendance alone does not', T, async () => {
    const secret = `Tersegel ${marker}`;
    await record(ctx.worker, G.uid, {
      date: '2025-02-21', topic: 'Sesi tersegel', level: 'sealed',
      attendance: [
        { client: P.client.uid, status: 'present' },
        { client: Q.client.uid, status: 'present', observation: secret },
      ],
    });
    const q = await items(ctx.worker2, Q.kase.uid, 'timeline', '?kind=group_note');
    assert.ok(!JSON.stringify(q).includes(secret), 'the case\'s worker, who is not the facilitator, reads a sealed observation');
    assert.equal((await items(ctx.supervisor, Q.kase.uid, 'timeline', '?kind=group_note'))
      .filter((n) => n.observation === secret).length, 1, 'the supervisor sees it');
    // Without an observation the member's attendance is written as normal: the case's worker sees it.
    const p = await items(ctx.worker, P.kase.uid, 'timeline', '?kind=group_note');
    assert.ok(p.some((n) => n.date === '2025-02-21' && n.attendance === 'present'), JSON.stringify(p));
    const levelOn = async (k) => (await sql(ctx.server.dataDir, `SELECT i.level FROM case_item i JOIN casefile c
      ON c.id = i.case_id WHERE c.uid = '${k.kase.uid}' AND i.kind = 'group_note' AND i.at = '2025-02-21'`))[0].level;
    assert.equal(await levelOn(Q), 'sealed');
    assert.equal(await levelOn(P), 'normal', 'attendance without an observation sealed');
  });

  test('process notes and observations are encrypted at rest', T, async () => {
    const dir = ctx.server.dataDir;
    const [row] = await sql(dir, `SELECT topic, hex(box) AS box FROM group_session WHERE uid = '${S.uid}'`);
    assert.ok(row, 'the session is not in group_session');
    assert.equal(row.topic, `Topik terbuka ${marker}`, 'control: the topic is plain');
    assert.ok(row.box && row.box.length > 2 * 20, 'no sealed box for the process notes');
    const hexMarker = Buffer.from(marker).toString('hex').toUpperCase();
    assert.ok(!row.box.includes(hexMarker), 'the process notes lie in clear in the box');
    const hits = await sql(
      dir,
      `SELECT count(*) AS n FROM group_session WHERE instr(CAST(box AS TEXT), '${marker}') OR instr(coalesce(activities, ''), '${marker}')`,
    );
    assert.equal(hits[0].n, 0, 'the process notes are in group_session in clear');
    const att = await sql(
      dir,
      `SELECT hex(t.box) AS box FROM group_attendance t JOIN group_session s ON s.id = t.session_id WHERE s.uid = '${S.uid}' AND t.box IS NOT NULL`,
    );
    assert.equal(att.length, 2, 'two sealed observations');
    for (const a of att) assert.ok(!a.box.includes(hexMarker), 'an observation lies in clear in group_attendance');
    const caseHits = await sql(dir, `SELECT count(*) AS n FROM case_item WHERE kind = 'group_note' AND (instr(data, '${marker}') OR instr(CAST(box AS TEXT), '${marker}'))`);
    assert.equal(caseHits[0].n, 0, 'the observation is in clear in case_item');
    const audit = await sql(dir, `SELECT count(*) AS n FROM audit WHERE instr(detail, 'Pengamatan') OR instr(detail, 'Suasana ${marker}')`);
    assert.equal(audit[0].n, 0, 'notes or observations are in the audit trail');
    const bytes = await fileBytes(dir);
    assert.ok(bytes.includes(Buffer.from(`Topik terbuka ${marker}`)), 'control: the plain topic is in the files');
    for (const secret of [`Suasana ${marker}`, `Konflik ${marker}`, `Pengamatan P ${marker}`, `Pengamatan Q ${marker}`]) {
      assert.ok(!bytes.includes(Buffer.from(secret)), `"${secret}" lies in clear in the database files`);
    }
    // And it all still reads back.
    const [back] = (await sessions(ctx.worker, G.uid)).filter((x) => x.uid === S.uid);
    assert.deepEqual(back.notes, { atmosphere: `Suasana ${marker} catatan proses`, conflicts: `Konflik ${marker}` });
  });
});

describe('group goals', () => {
  let G, A;
  before(async () => {
    G = await createGroup(ctx.worker);
    A = await createClient(ctx.worker);
    await join(ctx.worker, G.uid, A.uid, { joined_on: '2025-01-01' });
  });

  test('POST goals: 201 with uid; read back with its scale and no scores', T, async () => {
    const body = groupGoal();
    const r = await ctx.worker.post(`/api/v1/groups/${G.uid}/goals`, body);
    assert.equal(r.status, 201, r.text);
    assert.match(r.json.uid, UUID);
    const g = (await getGroup(ctx.worker, G.uid)).goals.find((x) => x.uid === r.json.uid);
    assert.ok(g, 'the goal is not listed');
    for (const [k, v] of Object.entries(body)) assert.equal(g[k], v, k);
    assert.deepEqual(g.scores, []);
  });

  test('bad goals: 422 naming the field, and nothing is stored', T, async () => {
    const snap = await frozen(ctx, G.uid);
    for (const [over, field] of [
      [{ gas_0: undefined }, 'gas_0'],
      [{ text: '' }, 'text'],
      [{ weight: 0 }, 'weight'],
      [{ colour: 'x' }, 'colour'],
    ]) {
      const body = groupGoal(over);
      for (const [k, v] of Object.entries(over)) if (v === undefined) delete body[k];
      expect422(await ctx.worker.post(`/api/v1/groups/${G.uid}/goals`, body), field, JSON.stringify(over));
    }
    await snap.same('refused goals');
  });

  test('session goal_scores are stored and read back in date order; a bad goal is 422', T, async () => {
    const g1 = (await ctx.worker.post(`/api/v1/groups/${G.uid}/goals`, groupGoal({ text: 'Kerja sama' }))).json.uid;
    const g2 = (await ctx.worker.post(`/api/v1/groups/${G.uid}/goals`, groupGoal({ text: 'Saling percaya' }))).json.uid;
    await record(ctx.worker, G.uid, { date: '2025-03-10', goal_scores: [{ goal: g1, score: 1 }, { goal: g2, score: -2 }] });
    await record(ctx.worker, G.uid, { date: '2025-03-03', goal_scores: [{ goal: g1, score: -1 }] });
    await record(ctx.worker, G.uid, { date: '2025-03-17', goal_scores: [{ goal: g1, score: 2 }] });
    let now = await getGroup(ctx.worker, G.uid);
    const scores = (uid) => now.goals.find((x) => x.uid === uid).scores;
    assert.deepEqual(scores(g1), [
      { date: '2025-03-03', score: -1 },
      { date: '2025-03-10', score: 1 },
      { date: '2025-03-17', score: 2 },
    ]);
    assert.deepEqual(scores(g2), [{ date: '2025-03-10', score: -2 }]);

    const elsewhere = await createGroup(ctx.worker);
    const foreign = (await ctx.worker.post(`/api/v1/groups/${elsewhere.uid}/goals`, groupGoal())).json.uid;
    const snap = await frozen(ctx, G.uid);
    for (const [gs, what] of [
      [[{ goal: NOBODY, score: 1 }], 'an unknown goal'],
      [[{ goal: foreign, score: 1 }], 'a goal of another group'],
      [[{ goal: 'nope', score: 0 }], 'a malformed goal'],
      [[{ goal: g1, score: 3 }], 'score 3'],
      [[{ goal: g1, score: -3 }], 'score -3'],
      [[{ goal: g1, score: 1.5 }], 'score 1.5'],
      [[{ goal: g1 }], 'no score'],
      [{ goal: g1, score: 1 }, 'not a list'],
      [[{ goal: g1, score: 1 }, { goal: g2, score: 0 }, { goal: g1, score: -1 }], 'a goal scored twice'],
      // Longer than a session may score: refused before any is read (this once wrote past its room).
      [Array.from({ length: 51 }, (_, i) => ({ goal: i % 2 ? g1 : g2, score: 0 })), '51 scores'],
      [Array.from({ length: 400 }, () => ({ goal: g1, score: 0 })), '400 scores'],
    ]) {
      const r = await ctx.worker.post(`/api/v1/groups/${G.uid}/sessions`, { date: '2025-03-24', topic: 'Skor', goal_scores: gs });
      expect422(r, 'goal_scores', what);
    }
    await snap.same('sessions with bad goal scores');
    now = await getGroup(ctx.worker, G.uid);
    assert.equal(scores(g1).length, 3);
  });
});

describe('changing a group', () => {
  test('PATCH with the version: 200 and version+1; an old version: 409 with the current group', T, async () => {
    const g = await createGroup(ctx.worker, { capacity: 5 });
    const r = await ctx.worker.patch(`/api/v1/groups/${g.uid}`, { version: 1, name: 'Kelompok Baru', status: 'active', place: 'Aula Kelurahan' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.version, 2);
    assert.equal(r.json.name, 'Kelompok Baru');
    assert.equal(r.json.status, 'active');
    assert.equal(r.json.place, 'Aula Kelurahan');
    assert.equal(r.json.aim, g.aim, 'a field not sent is kept');
    assert.equal(r.json.capacity, 5);

    const snap = await frozen(ctx, g.uid);
    const stale = await ctx.worker.patch(`/api/v1/groups/${g.uid}`, { version: 1, name: 'Kelompok Basi' });
    expectError(stale, 409, 'conflict');
    assert.ok(stale.json.current, `no current in ${stale.text}`);
    assert.equal(stale.json.current.uid, g.uid);
    assert.equal(stale.json.current.version, 2);
    assert.equal(stale.json.current.name, 'Kelompok Baru');
    assert.deepEqual(stale.json.current, snap.before.group);
    await snap.same('a stale PATCH');
  });

  test('capacity below the member count, a bad field, no version: 422; nothing changes', T, async () => {
    const g = await createGroup(ctx.worker, { capacity: 5 });
    for (let i = 0; i < 3; i++) await join(ctx.worker, g.uid, (await createClient(ctx.worker)).uid);
    const snap = await frozen(ctx, g.uid);
    const v = snap.before.group.version;
    const u = `/api/v1/groups/${g.uid}`;
    const e = expect422(await ctx.worker.patch(u, { version: v, capacity: 2 }), 'capacity', 'below the members');
    assert.equal(e.field, 'capacity');
    for (const [body, field] of [
      [{ version: v, capacity: 101 }, 'capacity'],
      [{ version: v, purpose: 'fun' }, 'purpose'],
      [{ version: v, status: 'paused' }, 'status'],
      [{ version: v, ends_on: '2020-01-01', starts_on: '2020-02-01' }, 'ends_on'],
      [{ version: v, facilitators: ['worker2'] }, 'facilitators'],
      [{ name: 'Tanpa versi' }, 'version'],
      [{ version: '1', name: 'Versi teks' }, 'version'],
    ]) {
      expect422(await ctx.worker.patch(u, body), field, JSON.stringify(body));
    }
    await snap.same('refused PATCHes');
    // Exactly the member count is fine.
    const ok = await ctx.worker.patch(u, { version: v, capacity: 3 });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.capacity, 3);
  });

  test('an ended group takes no new members', T, async () => {
    const g = await createGroup(ctx.worker, { status: 'ended' });
    const c = await createClient(ctx.worker);
    const snap = await frozen(ctx, g.uid);
    expect422(await ctx.worker.post(`/api/v1/groups/${g.uid}/members`, { client: c.uid }), 'client', 'ended');
    await snap.same('a member of an ended group');
  });
});

describe('the audit trail', () => {
  test('create, join, leave, goals, goal, session and update are audited under entity group', T, async () => {
    const head = await auditHead(ctx.admin);
    const g = await createGroup(ctx.worker, { name: 'Kelompok Diaudit', capacity: 4 });
    const c = await createClient(ctx.worker);
    const m = await join(ctx.worker, g.uid, c.uid, { joined_on: '2025-01-01', reason: 'Rujukan' });
    const goalUid = (await ctx.worker.post(`/api/v1/groups/${g.uid}/goals`, groupGoal())).json.uid;
    const s = await record(ctx.worker, g.uid, { date: '2025-01-08', topic: 'Sesi diaudit', goal_scores: [{ goal: goalUid, score: 0 }] });
    const mg = await ctx.worker.patch(`/api/v1/groups/${g.uid}/members/${m.uid}`, { goals: [{ text: 'Percaya diri', case_goal: null }] });
    assert.equal(mg.status, 200, mg.text);
    const del = await ctx.worker.request('DELETE', `/api/v1/groups/${g.uid}/members/${m.uid}`, { json: { reason: 'Sudah bekerja' } });
    assert.equal(del.status, 200, del.text);
    const up = await ctx.worker.patch(`/api/v1/groups/${g.uid}`, { version: 1, capacity: 6, aim: 'Tujuan baru yang rahasia', place: 'Balai RW 05' });
    assert.equal(up.status, 200, up.text);

    const r = await ctx.admin.get('/api/v1/audit?entity=group&limit=100');
    assert.equal(r.status, 200, r.text);
    const rows = r.json.items.filter((x) => x.id > head);
    assert.ok(rows.every((x) => x.entity === 'group'), 'entity=group lists other entities');
    assert.ok(rows.every((x) => x.user === 'worker'));
    const ours = rows.filter((x) => x.entity_uid === g.uid || x.detail?.group === g.uid).reverse();
    assert.deepEqual(ours.map((x) => x.action), ['create', 'join', 'goal', 'session', 'goals', 'leave', 'update']);
    const by = Object.fromEntries(ours.map((x) => [x.action, x]));
    assert.deepEqual(by.create.detail, { name: 'Kelompok Diaudit', purpose: 'remedial', capacity: 4 });
    assert.equal(by.create.entity_uid, g.uid);
    // The admin reads the trail but not the group's content: what the facilitator wrote is only
    // "changed"; codes, dates, numbers and the group's name (which everyone sees) are kept.
    const changed = { changed: true };
    assert.deepEqual(by.join.detail, { group: g.uid, client: c.uid, reason: changed });
    assert.deepEqual(by.leave.detail, { group: g.uid, client: c.uid, reason: changed });
    assert.deepEqual(by.goals.detail, { client: c.uid, goals: changed });
    const goal = by.goal.detail.goal;
    for (const k of ['text', 'gas_minus2', 'gas_minus1', 'gas_0', 'gas_plus1', 'gas_plus2']) assert.deepEqual(goal[k], changed, k);
    assert.equal(by.session.detail.group, g.uid);
    assert.equal(by.session.detail.date, '2025-01-08');
    assert.deepEqual(by.session.detail.topic, changed);
    assert.ok([g.uid, s.uid].includes(by.session.entity_uid));
    assert.deepEqual(by.update.detail.capacity, { before: 4, after: 6 });
    assert.deepEqual(by.update.detail.aim, changed);
    assert.deepEqual(by.update.detail.place, changed);
    const trail = JSON.stringify(ours);
    for (const words of ['Rujukan', 'Sudah bekerja', 'Sesi diaudit', 'Percaya diri', 'menabung', 'rahasia', 'Balai RW', groupBody().aim]) {
      assert.ok(!trail.includes(words), `the trail holds "${words}"`);
    }
    // Only the admin reads the trail.
    expectError(await ctx.worker.get('/api/v1/audit?entity=group'), 403, 'forbidden');
  });
});

describe('bad input', () => {
  let G, M;
  before(async () => {
    G = await createGroup(ctx.worker);
    M = await join(ctx.worker, G.uid, (await createClient(ctx.worker)).uid);
  });

  const routes = () => [
    ['POST', '/api/v1/groups'],
    ['PATCH', `/api/v1/groups/${G.uid}`],
    ['POST', `/api/v1/groups/${G.uid}/members`],
    ['PATCH', `/api/v1/groups/${G.uid}/members/${M.uid}`],
    ['POST', `/api/v1/groups/${G.uid}/goals`],
    ['POST', `/api/v1/groups/${G.uid}/sessions`],
  ];

  test('malformed JSON: 400; a body that is not an object: 400; nothing changes', T, async () => {
    const snap = await frozen(ctx, G.uid);
    for (const [method, path] of routes()) {
      for (const body of ['{"name": ', '{"a":1,"a":2}', 'nul']) {
        const r = await ctx.worker.request(method, path, { body, contentType: 'application/json' });
        expectError(r, 400, 'bad_json');
      }
      expectError(await ctx.worker.request(method, path, { body: '[1,2]', contentType: 'application/json' }), 400, 'bad_json');
    }
    expectError(await ctx.worker.request('DELETE', `/api/v1/groups/${G.uid}/members/${M.uid}`, { body: '{"reason":', contentType: 'application/json' }), 400, 'bad_json');
    await snap.same('malformed JSON');
  });

  test('a content type other than JSON: 415; nothing changes', T, async () => {
    const snap = await frozen(ctx, G.uid);
    for (const [method, path] of routes()) {
      for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonx']) {
        const r = await ctx.worker.request(method, path, { body: JSON.stringify(groupBody()), contentType: ct });
        expectError(r, 415, 'unsupported_media_type');
      }
    }
    expectError(
      await ctx.worker.request('DELETE', `/api/v1/groups/${G.uid}/members/${M.uid}`, { body: '{"reason":"x"}', contentType: 'text/plain' }),
      415,
      'unsupported_media_type',
    );
    await snap.same('the wrong content type');
  });

  test('an unknown or malformed uid: 404 on every group route', T, async () => {
    const client = await createClient(ctx.worker);
    // A member uid that is not a member of this group.
    const other = await createGroup(ctx.worker);
    const om = await join(ctx.worker, other.uid, (await createClient(ctx.worker)).uid);
    const snap = await frozen(ctx, G.uid);
    for (const uid of [NOBODY, 'not-a-uid', `${G.uid}x`]) {
      const u = `/api/v1/groups/${encodeURIComponent(uid)}`;
      for (const [method, path, json] of [
        ['GET', u],
        ['GET', `${u}/sessions`],
        ['PATCH', u, { version: 1, name: 'x' }],
        ['POST', `${u}/members`, { client: client.uid }],
        ['DELETE', `${u}/members/${M.uid}`, { reason: 'x' }],
        ['PATCH', `${u}/members/${M.uid}`, { goals: [] }],
        ['POST', `${u}/goals`, groupGoal()],
        ['POST', `${u}/sessions`, { date: '2025-01-01', topic: 'x' }],
      ]) {
        for (const who of ['worker', 'viewer']) {
          const r = await ctx[who].request(method, path, { json });
          expectError(r, 404, 'not_found');
        }
      }
    }
    expectError(await ctx.worker.request('DELETE', `/api/v1/groups/${G.uid}/members/${om.uid}`, { json: { reason: 'x' } }), 404, 'not_found');
    expectError(await ctx.worker.patch(`/api/v1/groups/${G.uid}/members/${om.uid}`, { goals: [] }), 404, 'not_found');
    await snap.same('unknown uids');
  });
});

describe('the group list', () => {
  let all;
  before(async () => {
    // More groups than one page of the HTML list (50), one of them ended.
    const have = (await groupList(ctx.worker)).length;
    for (let i = have; i < 53; i++) await createGroup(ctx.worker);
    const g = await createGroup(ctx.worker, { name: 'Kelompok Selesai Uji' });
    const r = await ctx.worker.patch(`/api/v1/groups/${g.uid}`, { version: g.version, status: 'ended' });
    assert.equal(r.status, 200, r.text);
    all = await groupList(ctx.worker);
  });

  test('running groups come before ended ones, each by name; pages of 2 give the same list', T, async () => {
    assert.ok(all.length > 50, `${all.length} groups`);
    const ended = all.map((g) => g.status === 'ended');
    assert.ok(ended.includes(true), 'an ended group is listed');
    assert.equal(ended.indexOf(true), ended.length - ended.filter(Boolean).length, 'an ended group before a running one');
    for (let i = 1; i < all.length; i++) {
      if (ended[i] === ended[i - 1]) assert.ok(all[i - 1].name <= all[i].name, `${all[i - 1].name} before ${all[i].name}`);
    }
    assert.deepEqual((await groupList(ctx.worker, 2)).map((g) => g.uid), all.map((g) => g.uid));
    const first = await ctx.worker.get('/api/v1/groups');
    assert.equal(first.json.items.length, 25, 'the default page size');
    assert.equal(typeof first.json.next_cursor, 'string');
  });

  test('a bad cursor or limit: 422 naming it', T, async () => {
    for (const c of ['x', '-1', '1.5', '99999999999']) {
      const e = expectError(await ctx.worker.get(`/api/v1/groups?cursor=${encodeURIComponent(c)}`), 422, 'invalid');
      assert.equal(e.field, 'cursor', c);
    }
    for (const l of ['0', '101', 'x']) {
      const e = expectError(await ctx.worker.get(`/api/v1/groups?limit=${l}`), 422, 'invalid');
      assert.equal(e.field, 'limit', l);
    }
    const past = await ctx.worker.get(`/api/v1/groups?cursor=${all.length + 10}`);
    assert.equal(past.status, 200, past.text);
    assert.deepEqual(past.json, { items: [], next_cursor: null });
  });

  test('the HTML list pages by 50 with a way to the next page and back to the first', T, async () => {
    const w = (await login(ctx.base, 'worker')).client;
    const rows = (html) => html.split('<tbody>')[1]?.split('</tbody>')[0].split('<tr>').length - 1;
    const pager = (html) => /<nav class="pager"[^>]*>(.*?)<\/nav>/s.exec(html)?.[1] ?? '';
    const one = await w.get('/groups');
    assert.equal(one.status, 200);
    assert.equal(rows(one.text), 50);
    const next = /<a rel="next" href="\/groups\?cursor=(\d+)"/.exec(pager(one.text));
    assert.ok(next, 'a link to the next page');
    assert.ok(!pager(one.text).includes('<a href="/groups">'), 'no link to the first page on the first page');
    const two = await w.get(`/groups?cursor=${next[1]}`);
    assert.equal(two.status, 200);
    assert.equal(rows(two.text), all.length - 50);
    assert.ok(pager(two.text).includes('<a href="/groups">'), 'a link back to the first page');
    assert.ok(!pager(two.text).includes('rel="next"'), 'no next page after the last');
    const bad = await w.get('/groups?cursor=zz');
    assert.equal(bad.status, 422);
    assert.match(bad.text, /<p class="error" role="alert">[^<]+<a href="\/groups">/);
  });
});
