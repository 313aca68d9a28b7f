// cases2.test.mjs: casework over the API, part two: the stage gates with their messages,
// supervisor approvals, a full walk from intake to aftercare, referrals and the client's consent,
// stale versions, and overdue work. Part one is cases.test.mjs.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TEST_TIMEOUT, createClient, expectError, hooks, login } from './helpers.mjs';
import {
  UUID,
  add,
  approve,
  assessment,
  caseState,
  consent,
  getCase,
  goal,
  items,
  move,
  openCase,
  planReady,
  serverToday,
  setupUsers,
  sleep,
  termination,
} from './cases-helpers.mjs';

const T = { timeout: TEST_TIMEOUT };
const ctx = hooks(before, after, setupUsers);

const STAGES = ['intake', 'assessment', 'planning', 'intervention', 'resocialisation', 'termination', 'aftercare'];

/** stageTo posts a stage move and returns the raw response. */
const stageTo = (who, uid, to, note) => who.post(`/api/v1/cases/${uid}/stage`, note === undefined ? { to } : { to, note });

/** refused asserts a 422 gate with its message, and that the case did not change. */
async function refusedGate(uid, to, message, { note, code = 'gate', field = 'to' } = {}) {
  const was = await caseState(ctx.supervisor, uid);
  const e = expectError(await stageTo(ctx.worker, uid, to, note), 422, code, field);
  assert.equal(e.message, message);
  assert.deepEqual(await caseState(ctx.supervisor, uid), was, `the refused move to ${to} changed the case`);
  return e;
}

/** toPlanning opens a case (consent given) and moves it to planning. */
async function toPlanning() {
  const { kase, client } = await openCase(ctx.worker);
  await move(ctx.worker, kase.uid, 'assessment');
  await move(ctx.worker, kase.uid, 'planning');
  return { kase, client, today: await serverToday(ctx.worker, kase.uid) };
}

/** toResocialisation moves a fresh case through planning and intervention. */
async function toResocialisation() {
  const r = await toPlanning();
  await planReady(ctx.worker, ctx.supervisor, r.kase.uid, r.today);
  await move(ctx.worker, r.kase.uid, 'intervention');
  await move(ctx.worker, r.kase.uid, 'resocialisation');
  return r;
}

describe('stage gates', () => {
  test('intake → assessment without the client\'s consent: gate; with consent: 200', T, async () => {
    const { kase, client } = await openCase(ctx.worker, { scope: null });
    assert.equal(kase.gates.consent, false);
    await refusedGate(kase.uid, 'assessment', "Intake cannot end before the client's consent to data processing is recorded.");
    // Consent recorded on the client opens the gate.
    const p = await ctx.worker.patch(`/api/v1/clients/${client.uid}`, { version: client.version, ...consent('services') });
    assert.equal(p.status, 200, p.text);
    assert.equal((await getCase(ctx.worker, kase.uid)).gates.consent, true);
    const c = await move(ctx.worker, kase.uid, 'assessment');
    assert.equal(c.version, kase.version + 1);
    const [s] = await items(ctx.worker, kase.uid, 'stages');
    assert.equal(s.kind, 'stage');
    assert.equal(s.from, 'intake');
    assert.equal(s.to, 'assessment');
    assert.equal(s.created_by, 'worker');
  });

  test('planning → intervention: goals, then sign-off, then approval', T, async () => {
    const { kase, today } = await toPlanning();
    const u = kase.uid;
    await refusedGate(u, 'intervention', 'The plan needs at least one goal.');
    const g = await add(ctx.worker, u, 'goals', goal());
    assert.equal((await getCase(ctx.worker, u)).gates.goals, 1);
    await refusedGate(u, 'intervention', "The plan needs the client's sign-off (date and how), or a written reason why there is none.");

    // Sign-offs that do not count: verbal without a witness, none without a reason.
    const was = await caseState(ctx.supervisor, u);
    expectError(await ctx.worker.post(`/api/v1/cases/${u}/signoffs`, { date: today, how: 'verbal_witness' }), 422, 'invalid', 'witness');
    expectError(await ctx.worker.post(`/api/v1/cases/${u}/signoffs`, { date: today, how: 'none' }), 422, 'invalid', 'reason');
    expectError(await ctx.worker.post(`/api/v1/cases/${u}/signoffs`, { date: today, how: 'nod' }), 422, 'invalid', 'how');
    expectError(await ctx.worker.post(`/api/v1/cases/${u}/signoffs`, { how: 'signature' }), 422, 'invalid', 'date');
    assert.deepEqual(await caseState(ctx.supervisor, u), was);
    await add(ctx.worker, u, 'signoffs', { date: today, how: 'none', reason: 'Klien buta huruf dan tidak ada saksi.' });
    assert.equal((await getCase(ctx.worker, u)).gates.signoff, true);
    await refusedGate(u, 'intervention', "The plan needs the supervisor's approval.");

    await approve(ctx.worker, ctx.supervisor, u, 'plan');
    assert.equal((await getCase(ctx.worker, u)).gates.plan_approved, true);
    await move(ctx.worker, u, 'intervention');
    assert.equal(g.kind, 'goal');
  });

  test('archiving the only goal closes the gate again', T, async () => {
    const { kase, today } = await toPlanning();
    const g = await planReady(ctx.worker, ctx.supervisor, kase.uid, today);
    const d = await ctx.worker.del(`/api/v1/cases/${kase.uid}/goals/${g.uid}`);
    assert.equal(d.status, 204, d.text);
    assert.equal((await getCase(ctx.worker, kase.uid)).gates.goals, 0);
    await refusedGate(kase.uid, 'intervention', 'The plan needs at least one goal.');
  });

  test('→ termination: a termination record, then the closure approval', T, async () => {
    const { kase, today } = await toResocialisation();
    const u = kase.uid;
    await refusedGate(u, 'termination', 'Closing a case needs a termination record with the reason and the outcome.');
    // Asking to close before the termination record: refused.
    expectError(await ctx.worker.post(`/api/v1/cases/${u}/approvals`, { type: 'closure' }), 422, 'invalid', 'type');
    // A termination record with a missing outcome is not one.
    expectError(await ctx.worker.post(`/api/v1/cases/${u}/terminations`, termination(today, { outcome: undefined })), 422, 'invalid', 'outcome');
    expectError(await ctx.worker.post(`/api/v1/cases/${u}/terminations`, termination(today, { reason: 'bored' })), 422, 'invalid', 'reason');
    await refusedGate(u, 'termination', 'Closing a case needs a termination record with the reason and the outcome.');
    await add(ctx.worker, u, 'terminations', termination(today));
    assert.equal((await getCase(ctx.worker, u)).gates.termination, true);
    await refusedGate(u, 'termination', "Closing a case needs the supervisor's approval.");
    // A returned closure is no approval.
    const req = await ctx.worker.post(`/api/v1/cases/${u}/approvals`, { type: 'closure', note: 'Mohon persetujuan penutupan.' });
    assert.equal(req.status, 201, req.text);
    const ret = await ctx.supervisor.post(`/api/v1/cases/${u}/approvals/${req.json.uid}/decision`, { decision: 'return', comment: 'Lengkapi ringkasan.' });
    assert.equal(ret.status, 200, ret.text);
    await refusedGate(u, 'termination', "Closing a case needs the supervisor's approval.");
    await approve(ctx.worker, ctx.supervisor, u, 'closure');
    const c = await move(ctx.worker, u, 'termination');
    assert.ok(c.closed_at, 'termination closes the case');
  });

  test('skipping a stage: 422 gate; unknown or same stage: 422 invalid', T, async () => {
    const { kase } = await openCase(ctx.worker);
    await refusedGate(kase.uid, 'planning', 'A case moves forward one stage at a time.');
    await refusedGate(kase.uid, 'aftercare', 'A case moves forward one stage at a time.');
    await refusedGate(kase.uid, 'intake', 'The case is already in this stage.', { code: 'invalid' });
    await refusedGate(kase.uid, 'closed', 'Unknown stage: use intake, assessment, planning, intervention, resocialisation, termination or aftercare.', { code: 'invalid' });
    await refusedGate(kase.uid, 'Assessment', 'Unknown stage: use intake, assessment, planning, intervention, resocialisation, termination or aftercare.', { code: 'invalid' });
    await move(ctx.worker, kase.uid, 'assessment');
    await refusedGate(kase.uid, 'intervention', 'A case moves forward one stage at a time.');
    await refusedGate(kase.uid, 'assessment', 'The case is already in this stage.', { code: 'invalid', note: 'Tetap.' });
  });

  test('moving back needs a note; with one: 200 and the note is on the timeline', T, async () => {
    const { kase } = await toPlanning();
    const u = kase.uid;
    for (const note of [undefined, '', '   ', null]) {
      await refusedGate(u, 'assessment', 'Moving a case back needs a note with the reason.', { note, field: 'note' });
    }
    await refusedGate(u, 'intake', 'Moving a case back needs a note with the reason.', { field: 'note' });
    expectError(await stageTo(ctx.worker, u, 'assessment', 'x'.repeat(2001)), 422, 'invalid', 'note');
    const before = await getCase(ctx.worker, u);
    const note = 'Asesmen perlu diulang: ada informasi baru dari keluarga.';
    const c = await move(ctx.worker, u, 'intake', note);
    assert.equal(c.version, before.version + 1);
    assert.equal(c.closed_at, null);
    const stages = await items(ctx.worker, u, 'stages');
    const last = stages.at(-1);
    assert.deepEqual([last.from, last.to, last.note], ['planning', 'intake', note]);
    assert.deepEqual(stages.map((s) => s.to), ['assessment', 'planning', 'intake']);
    // Forward again one stage at a time (the gates still apply).
    await move(ctx.worker, u, 'assessment');
    const fwd = (await items(ctx.worker, u, 'stages')).at(-1);
    assert.equal(fwd.note ?? null, null);
  });

  test('the supervisor may move a team case; worker2 (not on it) may not see it', T, async () => {
    const { kase } = await openCase(ctx.worker);
    expectError(await stageTo(ctx.worker2, kase.uid, 'assessment'), 404, 'not_found');
    assert.equal((await getCase(ctx.worker, kase.uid)).stage, 'intake');
    const c = await move(ctx.supervisor, kase.uid, 'assessment');
    assert.equal((await items(ctx.worker, kase.uid, 'stages'))[0].created_by, 'supervisor');
    assert.equal(c.stage, 'assessment');
  });
});

describe('approvals', () => {
  let K;
  let today;
  let G;
  before(async () => {
    ({ kase: K, today } = await toPlanning());
  });
  const decide = (who, item, body) => who.post(`/api/v1/cases/${K.uid}/approvals/${item}/decision`, body);

  test('a plan without goals, or an unknown type, cannot be sent', T, async () => {
    const was = await caseState(ctx.supervisor, K.uid);
    const e = expectError(await ctx.worker.post(`/api/v1/cases/${K.uid}/approvals`, { type: 'plan' }), 422, 'invalid', 'type');
    assert.match(e.message, /at least one goal/);
    expectError(await ctx.worker.post(`/api/v1/cases/${K.uid}/approvals`, { type: 'budget' }), 422, 'invalid', 'type');
    expectError(await ctx.worker.post(`/api/v1/cases/${K.uid}/approvals`, { type: 'plan', note: 'x'.repeat(2001) }), 422, 'invalid');
    assert.deepEqual(await caseState(ctx.supervisor, K.uid), was);
  });

  let req;
  test('request: 201 pending', T, async () => {
    G = await add(ctx.worker, K.uid, 'goals', goal());
    await add(ctx.worker, K.uid, 'signoffs', { date: today, how: 'thumbprint' });
    const r = await ctx.worker.post(`/api/v1/cases/${K.uid}/approvals`, { type: 'plan', note: 'Rencana siap diperiksa.' });
    assert.equal(r.status, 201, r.text);
    req = r.json;
    assert.match(req.uid, UUID);
    assert.equal(req.kind, 'approval');
    assert.equal(req.type, 'plan');
    assert.equal(req.status, 'pending');
    assert.equal(req.note, 'Rencana siap diperiksa.');
    assert.equal(req.created_by, 'worker');
    const [listed] = await items(ctx.supervisor, K.uid, 'approvals');
    assert.equal(listed.uid, req.uid);
    assert.equal(listed.status, 'pending');
    assert.equal((await getCase(ctx.worker, K.uid)).gates.plan_approved, false);
  });

  test('the worker cannot decide: 403, still pending', T, async () => {
    const was = await caseState(ctx.supervisor, K.uid);
    expectError(await decide(ctx.worker, req.uid, { decision: 'approve' }), 403, 'forbidden');
    expectError(await decide(ctx.worker2, req.uid, { decision: 'approve' }), 403, 'forbidden');
    expectError(await decide(ctx.admin, req.uid, { decision: 'approve' }), 403, 'forbidden');
    assert.deepEqual(await caseState(ctx.supervisor, K.uid), was);
    assert.equal((await items(ctx.worker, K.uid, 'approvals'))[0].status, 'pending');
  });

  test('bad decisions: 422 (no decision, unknown decision, return without a comment)', T, async () => {
    const was = await caseState(ctx.supervisor, K.uid);
    expectError(await decide(ctx.supervisor, req.uid, {}), 422, 'invalid', 'decision');
    expectError(await decide(ctx.supervisor, req.uid, { decision: 'maybe' }), 422, 'invalid', 'decision');
    expectError(await decide(ctx.supervisor, req.uid, { decision: true }), 422, 'invalid', 'decision');
    expectError(await decide(ctx.supervisor, req.uid, { decision: 'return' }), 422, 'invalid', 'comment');
    expectError(await decide(ctx.supervisor, req.uid, { decision: 'return', comment: '  ' }), 422, 'invalid', 'comment');
    expectError(await decide(ctx.supervisor, req.uid, { decision: 'return', comment: 5 }), 422, 'invalid', 'comment');
    assert.deepEqual(await caseState(ctx.supervisor, K.uid), was);
  });

  test('the supervisor returns it with a comment; deciding again: 422', T, async () => {
    const r = await decide(ctx.supervisor, req.uid, { decision: 'return', comment: 'Tujuan kedua belum terukur.' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.uid, K.uid);
    assert.equal(r.json.gates.plan_approved, false);
    const [a] = await items(ctx.worker, K.uid, 'approvals');
    assert.equal(a.status, 'returned');
    assert.equal(a.comment, 'Tujuan kedua belum terukur.');
    assert.equal(a.decided_by, 'supervisor');
    assert.ok(a.decided_at);
    await refusedGate(K.uid, 'intervention', "The plan needs the supervisor's approval.");
    const was = await caseState(ctx.supervisor, K.uid);
    expectError(await decide(ctx.supervisor, req.uid, { decision: 'approve' }), 422, 'invalid', 'decision');
    expectError(await decide(ctx.supervisor, req.uid, { decision: 'return', comment: 'Lagi.' }), 422, 'invalid', 'decision');
    assert.deepEqual(await caseState(ctx.supervisor, K.uid), was);
    assert.equal((await items(ctx.worker, K.uid, 'approvals'))[0].status, 'returned');
  });

  let approved;
  test('a new request approved: the gate opens; deciding twice: 422', T, async () => {
    const r = await ctx.worker.post(`/api/v1/cases/${K.uid}/approvals`, { type: 'plan' });
    assert.equal(r.status, 201, r.text);
    approved = r.json;
    const d = await decide(ctx.supervisor, approved.uid, { decision: 'approve', comment: 'Baik.' });
    assert.equal(d.status, 200, d.text);
    assert.equal(d.json.gates.plan_approved, true);
    const a = (await items(ctx.worker, K.uid, 'approvals')).find((x) => x.uid === approved.uid);
    assert.equal(a.status, 'approved');
    assert.equal(a.decided_by, 'supervisor');
    const was = await caseState(ctx.supervisor, K.uid);
    const again = expectError(await decide(ctx.supervisor, approved.uid, { decision: 'approve' }), 422, 'invalid', 'decision');
    assert.match(again.message, /already been decided/);
    assert.deepEqual(await caseState(ctx.supervisor, K.uid), was);
    // The decisions are in the audit trail.
    const audit = await ctx.admin.get(`/api/v1/audit?entity_uid=${approved.uid}`);
    assert.equal(audit.status, 200, audit.text);
    assert.ok(audit.json.items.some((x) => x.action === 'approve' && x.user === 'supervisor'), audit.text);
  });

  test('a goal changed after the approval makes the plan unapproved again', T, async () => {
    await sleep(5); // the change must come after the decision's timestamp (milliseconds)
    const [g] = await items(ctx.worker, K.uid, 'goals');
    const p = await ctx.worker.patch(`/api/v1/cases/${K.uid}/goals/${g.uid}`, { version: g.version, gas_0: 'Penghasilan Rp750.000' });
    assert.equal(p.status, 200, p.text);
    assert.equal((await getCase(ctx.worker, K.uid)).gates.plan_approved, false);
    await refusedGate(K.uid, 'intervention', "The plan needs the supervisor's approval.");
    // So does a new task.
    await approve(ctx.worker, ctx.supervisor, K.uid, 'plan');
    assert.equal((await getCase(ctx.worker, K.uid)).gates.plan_approved, true);
    await sleep(5);
    await add(ctx.worker, K.uid, 'tasks', { text: 'Daftar pelatihan menjahit', owner: 'client', goal: G.uid });
    await refusedGate(K.uid, 'intervention', "The plan needs the supervisor's approval.");
    // A plan changed after its request, while the supervisor read it, is not approved by that
    // request: the approval would cover what the supervisor did not see.
    const asked = await ctx.worker.post(`/api/v1/cases/${K.uid}/approvals`, { type: 'plan' });
    assert.equal(asked.status, 201, asked.text);
    await sleep(5);
    const [g2] = await items(ctx.worker, K.uid, 'goals');
    const late = await ctx.worker.patch(`/api/v1/cases/${K.uid}/goals/${g2.uid}`, { version: g2.version, gas_0: 'Penghasilan Rp800.000' });
    assert.equal(late.status, 200, late.text);
    const stale = expectError(await decide(ctx.supervisor, asked.json.uid, { decision: 'approve' }), 422, 'invalid', 'decision');
    assert.match(stale.message, /plan changed after this request/);
    assert.equal((await items(ctx.worker, K.uid, 'approvals')).find((a) => a.uid === asked.json.uid).status, 'pending');
    const back = await decide(ctx.supervisor, asked.json.uid, { decision: 'return', comment: 'Rencana berubah; ajukan lagi.' });
    assert.equal(back.status, 200, back.text);
    assert.equal(back.json.gates.plan_approved, false);
    // A pending request after an approval is no approval either.
    await approve(ctx.worker, ctx.supervisor, K.uid, 'plan');
    const pending = await ctx.worker.post(`/api/v1/cases/${K.uid}/approvals`, { type: 'plan' });
    assert.equal(pending.status, 201, pending.text);
    await refusedGate(K.uid, 'intervention', "The plan needs the supervisor's approval.");
    const d = await decide(ctx.supervisor, pending.json.uid, { decision: 'approve' });
    assert.equal(d.status, 200, d.text);
    await move(ctx.worker, K.uid, 'intervention');
  });

  test('a supervisor outside the team sees nothing: 404', T, async () => {
    const mk = await ctx.admin.post('/api/v1/users', {
      name: 'supervisor9', full_name: 'Supervisor Lain', role: 'supervisor', password: 'pendamping-demo', lang: 'en',
    });
    assert.equal(mk.status, 201, mk.text);
    const other = (await login(ctx.base, 'supervisor9')).client;
    const r = await ctx.worker.post(`/api/v1/cases/${K.uid}/approvals`, { type: 'plan' });
    assert.equal(r.status, 201, r.text);
    expectError(await other.get(`/api/v1/cases/${K.uid}`), 404, 'not_found');
    expectError(await decide(other, r.json.uid, { decision: 'approve' }), 404, 'not_found');
    assert.equal((await items(ctx.worker, K.uid, 'approvals')).find((a) => a.uid === r.json.uid).status, 'pending');
    assert.ok(!(await other.get('/api/v1/cases')).json.items.some((c) => c.uid === K.uid));
  });
});

describe('a full walk from intake to aftercare', () => {
  test('every stage, with goals, tasks, sign-off, sessions, services, reviews, termination and follow-ups', T, async () => {
    const client = await createClient(ctx.worker, consent('services'));
    const { kase } = await openCase(ctx.worker, {
      client,
      problems: [
        { category: 'income', severity: 4, description: 'Tidak ada penghasilan tetap.' },
        { category: 'family_relations', severity: 2 },
      ],
    });
    const u = kase.uid;
    const today = await serverToday(ctx.worker, u);
    const expected = []; // [uid, kind] in timeline order, except the dated exceptions below
    const rec = (it) => (expected.push([it.uid, it.kind]), it);
    for (const p of await items(ctx.worker, u, 'problems')) rec(p);
    const stageItem = async () => rec((await items(ctx.worker, u, 'stages')).at(-1));

    // Intake → assessment: the assessment with the three functioning scores.
    await move(ctx.worker, u, 'assessment');
    await stageItem();
    const as = rec(await add(ctx.worker, u, 'assessments', assessment(today)));
    assert.equal(as.presenting_problem, 'Klien kehilangan pekerjaan.');
    assert.equal(as.risk_level, 'medium');
    expectError(await ctx.worker.post(`/api/v1/cases/${u}/assessments`, assessment(today, { coping_score: 6 })), 422, 'invalid', 'coping_score');
    expectError(await ctx.worker.post(`/api/v1/cases/${u}/assessments`, assessment(today, { risk_level: 'extreme' })), 422, 'invalid', 'risk_level');
    await move(ctx.worker, u, 'planning');
    await stageItem();

    // Planning: two goals with GAS levels, tasks for them, a resource, the sign-off, approval.
    const g1 = rec(await add(ctx.worker, u, 'goals', goal({ weight: 60 })));
    const g2 = rec(await add(ctx.worker, u, 'goals', goal({
      text: 'Hubungan dengan anak membaik', domain: 'family', weight: 40,
      gas_minus2: 'Tidak bertemu anak', gas_minus1: 'Bertemu sebulan sekali', gas_0: 'Bertemu seminggu sekali',
      gas_plus1: 'Bertemu dua kali seminggu', gas_plus2: 'Tinggal bersama lagi',
    })));
    for (const k of ['gas_minus2', 'gas_minus1', 'gas_0', 'gas_plus1', 'gas_plus2']) assert.equal(typeof g1[k], 'string', k);
    assert.equal(g2.domain, 'family');
    expectError(await ctx.worker.post(`/api/v1/cases/${u}/goals`, goal({ gas_plus2: undefined })), 422, 'invalid', 'gas_plus2');
    const t1 = rec(await add(ctx.worker, u, 'tasks', { text: 'Mendaftar pelatihan kerja', owner: 'client', due: '2099-01-31', goal: g1.uid }));
    assert.equal(t1.goal, g1.uid);
    rec(await add(ctx.worker, u, 'tasks', { text: 'Mengatur kunjungan anak', owner: 'worker', status: 'doing', goal: g2.uid }));
    // A task must point at a goal of this case, not at another item.
    expectError(await ctx.worker.post(`/api/v1/cases/${u}/tasks`, { text: 'x', owner: 'client', goal: t1.uid }), 422, 'invalid', 'goal');
    rec(await add(ctx.worker, u, 'resources', { text: 'BLK Kota Bandung' }));
    const so = rec(await add(ctx.worker, u, 'signoffs', { date: today, how: 'verbal_witness', witness: 'Ketua RT' }));
    assert.equal(so.witness, 'Ketua RT');
    const { request } = await approve(ctx.worker, ctx.supervisor, u, 'plan');
    rec(request);
    await move(ctx.worker, u, 'intervention');
    await stageItem();

    // Intervention: sessions (one back-dated), services with ATENSI components, a review.
    const s1 = rec(await add(ctx.worker, u, 'sessions', {
      date: today, minutes: 60, place: 'home_visit', type: 'counselling', participants: 'Klien dan ibunya',
      note: 'Klien lebih tenang.', next_steps: 'Kunjungan berikutnya dua minggu lagi.',
    }));
    assert.equal(s1.note, 'Klien lebih tenang.');
    const s2 = rec(await add(ctx.worker, u, 'sessions', { date: today, place: 'office', type: 'skills_training' }));
    const early = await add(ctx.worker, u, 'sessions', { date: '2024-12-02', place: 'phone', type: 'counselling', level: 'restricted' });
    assert.equal(early.at, '2024-12-02', 'a session sits on the timeline at its date');
    const sv1 = rec(await add(ctx.worker, u, 'services', { date: today, type: 'advice', atensi: 3, description: 'Konseling keluarga' }));
    assert.equal(sv1.atensi, 3);
    const sv2 = rec(await add(ctx.worker, u, 'services', {
      date: today, type: 'material_aid', atensi: 6, item: 'Beras 10 kg', quantity: 2, value_idr: 300000,
    }));
    assert.deepEqual([sv2.item, sv2.quantity, sv2.value_idr], ['Beras 10 kg', 2, 300000]);
    for (const atensi of [0, -1, 'enam', 1.5]) {
      expectError(await ctx.worker.post(`/api/v1/cases/${u}/services`, { date: today, type: 'advice', atensi }), 422, 'invalid', 'atensi');
    }
    expectError(await ctx.worker.post(`/api/v1/cases/${u}/services`, { date: today, type: 'advice' }), 422, 'invalid', 'atensi');
    expectError(await ctx.worker.post(`/api/v1/cases/${u}/services`, { date: today, type: 'material_aid', atensi: 6, value_idr: -5 }), 422, 'invalid', 'value_idr');
    expectError(await ctx.worker.post(`/api/v1/cases/${u}/services`, { date: today, type: 'cash', atensi: 6 }), 422, 'invalid', 'type');
    const rv = rec(await add(ctx.worker, u, 'reviews', {
      date: today, scores: [{ goal: g1.uid, score: 1 }, { goal: g2.uid, score: -1 }], basic_needs_score: 4, note: 'Kemajuan baik.',
    }));
    assert.deepEqual(rv.scores, [{ goal: g1.uid, score: 1 }, { goal: g2.uid, score: -1 }]);
    // Scores must name goals of this case.
    expectError(await ctx.worker.post(`/api/v1/cases/${u}/reviews`, { date: today, scores: [{ goal: t1.uid, score: 0 }] }), 422, 'invalid', 'scores');
    expectError(await ctx.worker.post(`/api/v1/cases/${u}/reviews`, { date: today, scores: [{ goal: g1.uid, score: -3 }] }), 422, 'invalid', 'scores');
    expectError(await ctx.worker.post(`/api/v1/cases/${u}/reviews`, { date: today, scores: [{ goal: g1.uid }] }), 422, 'invalid', 'scores');
    await move(ctx.worker, u, 'resocialisation');
    await stageItem();

    // Termination: the record, the closure approval, the move; then aftercare with follow-ups.
    rec(await add(ctx.worker, u, 'terminations', termination(today)));
    const closure = await approve(ctx.worker, ctx.supervisor, u, 'closure');
    rec(closure.request);
    assert.equal(closure.kase.gates.closure_approved, true);
    const closed = await move(ctx.worker, u, 'termination');
    assert.ok(closed.closed_at);
    await stageItem();
    const after = await move(ctx.worker, u, 'aftercare');
    assert.equal(after.closed_at, closed.closed_at, 'aftercare keeps the closing date');
    await stageItem();
    const f2 = await add(ctx.worker, u, 'followups', { due: '2099-03-01', note: 'Kunjungan tiga bulan.' });
    const f1 = await add(ctx.worker, u, 'followups', { due: '2099-01-15', done_on: today, note: 'Sudah bekerja.' });
    assert.equal(f1.at, '2099-01-15', 'a follow-up sits on the timeline at its due date');

    // The case at the end.
    const c = await getCase(ctx.worker, u);
    assert.equal(c.stage, 'aftercare');
    assert.equal(c.version, kase.version + 6, 'six stage moves');
    assert.deepEqual(c.gates, { consent: true, goals: 2, signoff: true, plan_approved: true, termination: true, closure_approved: true });
    assert.equal(c.overdue, false);

    // The timeline: by date, then in the order recorded.
    const tl = await items(ctx.worker, u);
    const want = [[early.uid, 'session'], ...expected, [f1.uid, 'followup'], [f2.uid, 'followup']];
    assert.deepEqual(tl.map((i) => [i.uid, i.kind]), want);
    for (let i = 1; i < tl.length; i++) assert.ok(tl[i - 1].at <= tl[i].at, `timeline out of order at ${i}`);
    assert.deepEqual(
      (await items(ctx.worker, u, 'stages')).map((s) => `${s.from}>${s.to}`),
      STAGES.slice(1).map((to, i) => `${STAGES[i]}>${to}`),
    );

    // Filtered by kind, singular or plural.
    const sessions = await items(ctx.worker, u, 'timeline', '?kind=session');
    assert.deepEqual(sessions.map((s) => s.uid), [early.uid, s1.uid, s2.uid]);
    assert.ok(sessions.every((s) => s.kind === 'session'));
    assert.deepEqual((await items(ctx.worker, u, 'timeline', '?kind=services')).map((s) => s.uid), [sv1.uid, sv2.uid]);
    assert.deepEqual((await items(ctx.worker, u, 'timeline', '?kind=')).length, tl.length);

    // The caseload and the list show it in aftercare.
    const list = await ctx.worker.get('/api/v1/cases?stage=aftercare&limit=100');
    assert.equal(list.status, 200, list.text);
    assert.ok(list.json.items.some((x) => x.uid === u && x.closed_at));
    const cl = await ctx.worker.get('/api/v1/caseload');
    assert.ok(cl.json.stages.aftercare >= 1, cl.text);

    // A closed case does not count as open: a new case for the client needs no reason.
    const again = await ctx.worker.post('/api/v1/cases', { client: client.uid });
    assert.equal(again.status, 201, again.text);
    assert.equal(again.json.opened_reason, null);
  });

  test('ATENSI components are 1 to 7: others are refused', T, async () => {
    const { kase } = await openCase(ctx.worker);
    const today = await serverToday(ctx.worker, kase.uid);
    for (let atensi = 1; atensi <= 7; atensi++) {
      const s = await add(ctx.worker, kase.uid, 'services', { date: today, type: 'other', atensi });
      assert.equal(s.atensi, atensi);
    }
    for (const atensi of [8, 42, 99]) {
      const r = await ctx.worker.post(`/api/v1/cases/${kase.uid}/services`, { date: today, type: 'other', atensi });
      expectError(r, 422, 'invalid', 'atensi');
    }
    assert.equal((await items(ctx.worker, kase.uid, 'services')).length, 7);
  });
});

describe('genogram, ecomap and references between items', () => {
  test('family members and ties to systems are recorded; sealed notes stay sealed', T, async () => {
    const { kase } = await openCase(ctx.worker);
    const u = kase.uid;
    const mother = await add(ctx.worker, u, 'people', { name: 'Siti', relation: 'mother', sex: 'F', birth_year: 1960, note: 'Sakit jantung.' });
    assert.deepEqual([mother.kind, mother.name, mother.relation, mother.birth_year, mother.note], ['person', 'Siti', 'mother', 1960, 'Sakit jantung.']);
    expectError(await ctx.worker.post(`/api/v1/cases/${u}/people`, { name: 'X', relation: 'neighbour' }), 422, 'invalid', 'relation');
    expectError(await ctx.worker.post(`/api/v1/cases/${u}/people`, { name: 'X', relation: 'child', birth_year: 1700 }), 422, 'invalid', 'birth_year');
    const tie = await add(ctx.worker, u, 'ties', { name: 'SDN 1 Cibeunying', type: 'school', strength: 'stressful' });
    assert.deepEqual([tie.kind, tie.type, tie.strength], ['tie', 'school', 'stressful']);
    expectError(await ctx.worker.post(`/api/v1/cases/${u}/ties`, { name: 'X', type: 'school', strength: 'medium' }), 422, 'invalid', 'strength');
    assert.deepEqual((await items(ctx.worker, u, 'people')).map((p) => p.uid), [mother.uid]);
  });

  test('a relationship links two family members, or a member and the client', T, async () => {
    const { kase } = await openCase(ctx.worker);
    const u = kase.uid;
    const mother = await add(ctx.worker, u, 'people', { name: 'Siti', relation: 'mother' });
    const father = await add(ctx.worker, u, 'people', { name: 'Ujang', relation: 'father' });
    const g = await add(ctx.worker, u, 'goals', goal());
    // The relationship is named in its "type" member (married, parent, ...).
    const r = await ctx.worker.post(`/api/v1/cases/${u}/links`, { from: father.uid, to: mother.uid, type: 'married' });
    assert.equal(r.status, 201, `a genogram relationship cannot be recorded: ${r.text}`);
    const r2 = await ctx.worker.post(`/api/v1/cases/${u}/links`, { from: mother.uid, to: 'client', type: 'parent' });
    assert.equal(r2.status, 201, r2.text);
    // References that do not name a family member of this case are refused.
    expectError(await ctx.worker.post(`/api/v1/cases/${u}/links`, { from: g.uid, to: mother.uid, type: 'married' }), 422, 'invalid', 'from');
    expectError(await ctx.worker.post(`/api/v1/cases/${u}/links`, { from: mother.uid, to: 'someone', type: 'married' }), 422, 'invalid', 'to');
    const links = await items(ctx.worker, u, 'links');
    assert.equal(links.length, 2);
    assert.deepEqual([links[0].from, links[0].to], [father.uid, mother.uid]);
    assert.deepEqual([links[1].from, links[1].to], [mother.uid, 'client']);
  });

  test('a review cannot score an archived goal', T, async () => {
    const { kase } = await openCase(ctx.worker);
    const u = kase.uid;
    const keep = await add(ctx.worker, u, 'goals', goal());
    const gone = await add(ctx.worker, u, 'goals', goal({ text: 'Tujuan dibatalkan' }));
    const d = await ctx.worker.del(`/api/v1/cases/${u}/goals/${gone.uid}`);
    assert.equal(d.status, 204, d.text);
    // A task may not point at it any more, and neither may a score.
    expectError(await ctx.worker.post(`/api/v1/cases/${u}/tasks`, { text: 'x', owner: 'client', goal: gone.uid }), 422, 'invalid', 'goal');
    const r = await ctx.worker.post(`/api/v1/cases/${u}/reviews`, { date: '2025-02-01', scores: [{ goal: keep.uid, score: 0 }, { goal: gone.uid, score: 2 }] });
    expectError(r, 422, 'invalid', 'scores');
    assert.deepEqual(await items(ctx.worker, u, 'reviews'), []);
  });
});

describe('referrals and the client\'s consent', () => {
  let external;
  let internal;
  test('agencies: create (external by default), refuse bad ones, list', T, async () => {
    const r = await ctx.worker.post('/api/v1/agencies', { name: 'Puskesmas Cibeunying', type: 'health', services: 'Layanan kesehatan dasar' });
    assert.equal(r.status, 201, r.text);
    external = r.json;
    assert.match(external.uid, UUID);
    assert.equal(external.external, true);
    assert.equal(external.type, 'health');
    const i = await ctx.worker.post('/api/v1/agencies', { name: 'Unit Rehabilitasi Internal', type: 'lks', external: false });
    assert.equal(i.status, 201, i.text);
    internal = i.json;
    assert.equal(internal.external, false);
    expectError(await ctx.worker.post('/api/v1/agencies', { name: 'X', type: 'spa' }), 422, 'invalid', 'type');
    expectError(await ctx.worker.post('/api/v1/agencies', { type: 'health' }), 422, 'invalid', 'name');
    expectError(await ctx.worker.post('/api/v1/agencies', { name: 'X', type: 'health', external: 'yes' }), 422, 'invalid', 'external');
    const l = await ctx.worker2.get('/api/v1/agencies');
    assert.equal(l.status, 200, l.text);
    const names = l.json.items.map((a) => a.name);
    assert.ok(names.includes('Puskesmas Cibeunying') && names.includes('Unit Rehabilitasi Internal'), l.text);
    assert.ok(!names.includes('X'), 'a refused agency was stored');
  });

  const referral = (today, overrides = {}) => ({ date: today, agency: external.uid, reason: 'Pemeriksaan kesehatan', ...overrides });

  test('consent for services only: sharing data with an external agency is refused (422 consent)', T, async () => {
    const { kase } = await openCase(ctx.worker, { scope: 'services' });
    const today = await serverToday(ctx.worker, kase.uid);
    const was = await caseState(ctx.supervisor, kase.uid);
    for (const body of [referral(today), referral(today, { share_data: true })]) {
      const e = expectError(await ctx.worker.post(`/api/v1/cases/${kase.uid}/referrals`, body), 422, 'consent', 'share_data');
      assert.match(e.message, /consent/);
    }
    assert.deepEqual(await caseState(ctx.supervisor, kase.uid), was);
    assert.deepEqual(await items(ctx.worker, kase.uid, 'referrals'), []);

    const r = await add(ctx.worker, kase.uid, 'referrals', referral(today, { share_data: false }));
    assert.equal(r.share_data, false);
    assert.equal(r.agency, external.uid);
    // An agency of one's own organisation may see the data.
    const own = await add(ctx.worker, kase.uid, 'referrals', referral(today, { agency: internal.uid, share_data: true }));
    assert.equal(own.agency, internal.uid);
    assert.equal((await items(ctx.worker, kase.uid, 'referrals')).length, 2);
    // Turning sharing on afterwards is refused the same way, and changes nothing.
    const p = await ctx.worker.patch(`/api/v1/cases/${kase.uid}/referrals/${r.uid}`, { version: r.version, share_data: true });
    expectError(p, 422, 'consent', 'share_data');
    const [now] = await items(ctx.worker, kase.uid, 'referrals');
    assert.equal(now.share_data, false);
    assert.equal(now.version, r.version);
  });

  test('no consent at all: refused; consent for referral (or research): 201', T, async () => {
    const none = await openCase(ctx.worker, { scope: null });
    const t0 = await serverToday(ctx.worker, none.kase.uid);
    expectError(await ctx.worker.post(`/api/v1/cases/${none.kase.uid}/referrals`, referral(t0)), 422, 'consent', 'share_data');
    assert.deepEqual(await items(ctx.worker, none.kase.uid, 'referrals'), []);
    for (const scope of ['referral', 'referral_research']) {
      const { kase } = await openCase(ctx.worker, { scope });
      const today = await serverToday(ctx.worker, kase.uid);
      const r = await add(ctx.worker, kase.uid, 'referrals', referral(today, { status: 'sent' }));
      assert.equal(r.kind, 'referral');
      assert.equal(r.status, 'sent');
      assert.equal(r.share_data ?? true, true);
    }
  });

  test('an unknown agency or bad referral fields: 422', T, async () => {
    const { kase } = await openCase(ctx.worker, { scope: 'referral' });
    const today = await serverToday(ctx.worker, kase.uid);
    const u = `/api/v1/cases/${kase.uid}/referrals`;
    expectError(await ctx.worker.post(u, referral(today, { agency: '01900000-0000-7000-8000-000000000001' })), 422, 'invalid', 'agency');
    expectError(await ctx.worker.post(u, referral(today, { agency: 'puskesmas' })), 422, 'invalid', 'agency');
    expectError(await ctx.worker.post(u, referral(today, { status: 'lost' })), 422, 'invalid', 'status');
    expectError(await ctx.worker.post(u, referral(today, { share_data: 'no' })), 422, 'invalid', 'share_data');
    expectError(await ctx.worker.post(u, referral(today, { reason: undefined })), 422, 'invalid', 'reason');
    assert.deepEqual(await items(ctx.worker, kase.uid, 'referrals'), []);
  });
});

describe('versions', () => {
  test('PATCH with the version read: 200; with an old one: 409 with the current item; without: 422', T, async () => {
    const { kase } = await openCase(ctx.worker);
    const g = await add(ctx.worker, kase.uid, 'goals', goal());
    const u = `/api/v1/cases/${kase.uid}/goals/${g.uid}`;
    const p = await ctx.worker.patch(u, { version: g.version, text: 'Klien bekerja paruh waktu' });
    assert.equal(p.status, 200, p.text);
    assert.equal(p.json.version, g.version + 1);
    assert.equal(p.json.text, 'Klien bekerja paruh waktu');
    assert.equal(p.json.gas_0, g.gas_0, 'other fields are kept');
    assert.equal(p.json.updated_by, 'worker');

    // The supervisor, holding the old version, is told what the item is now.
    const stale = await ctx.supervisor.patch(u, { version: g.version, text: 'Ditimpa' });
    const e = expectError(stale, 409, 'conflict');
    assert.ok(e);
    const cur = stale.json.current;
    assert.ok(cur, stale.text);
    assert.equal(cur.uid, g.uid);
    assert.equal(cur.version, g.version + 1);
    assert.equal(cur.text, 'Klien bekerja paruh waktu');
    assert.equal(cur.kind, 'goal');

    for (const body of [{ text: 'Tanpa versi' }, { version: String(g.version + 1), text: 'x' }, { version: null, text: 'x' }, { version: 2.5, text: 'x' }]) {
      expectError(await ctx.worker.patch(u, body), 422, 'invalid', 'version');
    }
    const [now] = await items(ctx.worker, kase.uid, 'goals');
    assert.equal(now.text, 'Klien bekerja paruh waktu');
    assert.equal(now.version, g.version + 1);

    // With the current version it goes through; a field can be cleared with null.
    const ok = await ctx.supervisor.patch(u, { version: cur.version, weight: null });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.weight, undefined);
    assert.equal(ok.json.updated_by, 'supervisor');
    // A required field cannot be cleared.
    expectError(await ctx.worker.patch(u, { version: ok.json.version, gas_0: null }), 422, 'invalid', 'gas_0');
  });

  test('a sealed field changed by PATCH stays sealed, and the level can be raised', T, async () => {
    const { kase } = await openCase(ctx.worker);
    const s = await add(ctx.worker, kase.uid, 'sessions', { date: '2025-01-10', place: 'office', type: 'counselling', note: 'Catatan awal.' });
    const p = await ctx.worker.patch(`/api/v1/cases/${kase.uid}/sessions/${s.uid}`, { version: s.version, note: 'Catatan diperbarui.', level: 'sealed' });
    assert.equal(p.status, 200, p.text);
    assert.equal(p.json.note, 'Catatan diperbarui.');
    assert.equal(p.json.level, 'sealed');
    assert.equal(p.json.at, '2025-01-10');
    const w = await ctx.worker.post(`/api/v1/cases/${kase.uid}/workers`, { user: 'worker2', role: 'secondary' });
    assert.equal(w.status, 200, w.text);
    assert.ok(!(await items(ctx.worker2, kase.uid, 'sessions')).some((x) => x.uid === s.uid));
    assert.ok((await items(ctx.supervisor, kase.uid, 'sessions')).some((x) => x.uid === s.uid));
  });
});

describe('overdue work', () => {
  const overdueList = async (who) => {
    const r = await who.get('/api/v1/cases?overdue=1&limit=100');
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.items.every((c) => c.overdue === true), r.text);
    return r.json.items.map((c) => c.uid);
  };
  const overdueCount = async (who) => {
    const r = await who.get('/api/v1/caseload');
    assert.equal(r.status, 200, r.text);
    return r.json.overdue;
  };

  test('a task past its due date and still to do makes the case overdue; done, it does not', T, async () => {
    const { kase } = await openCase(ctx.worker);
    const u = kase.uid;
    const before = { w: await overdueCount(ctx.worker), s: await overdueCount(ctx.supervisor), w2: await overdueCount(ctx.worker2) };
    // Not yet due, or done, or dropped: not overdue.
    await add(ctx.worker, u, 'tasks', { text: 'Nanti', owner: 'client', due: '2099-12-31' });
    await add(ctx.worker, u, 'tasks', { text: 'Sudah', owner: 'client', due: '2020-01-01', status: 'done' });
    await add(ctx.worker, u, 'tasks', { text: 'Batal', owner: 'client', due: '2020-01-01', status: 'dropped' });
    assert.equal((await getCase(ctx.worker, u)).overdue, false);
    assert.ok(!(await overdueList(ctx.worker)).includes(u));

    const t = await add(ctx.worker, u, 'tasks', { text: 'Mengurus KTP', owner: 'client', due: '2020-01-01', status: 'todo' });
    assert.equal((await getCase(ctx.worker, u)).overdue, true);
    assert.ok((await overdueList(ctx.worker)).includes(u));
    assert.ok((await overdueList(ctx.supervisor)).includes(u));
    assert.ok(!(await overdueList(ctx.worker2)).includes(u));
    assert.equal(await overdueCount(ctx.worker), before.w + 1);
    assert.equal(await overdueCount(ctx.supervisor), before.s + 1);
    assert.equal(await overdueCount(ctx.worker2), before.w2);
    const row = (await ctx.worker.get(`/api/v1/cases?client=${kase.client.uid}`)).json.items[0];
    assert.equal(row.overdue, true);
    const all = await ctx.worker.get('/api/v1/cases?limit=100');
    assert.ok(all.json.items.some((c) => c.uid === u), 'overdue=0 (absent) still lists every case');

    const done = await ctx.worker.patch(`/api/v1/cases/${u}/tasks/${t.uid}`, { version: t.version, status: 'done' });
    assert.equal(done.status, 200, done.text);
    assert.equal((await getCase(ctx.worker, u)).overdue, false);
    assert.ok(!(await overdueList(ctx.worker)).includes(u));
    assert.equal(await overdueCount(ctx.worker), before.w);
  });

  test('a task without a status counts as to do; an archived one does not count', T, async () => {
    const { kase } = await openCase(ctx.worker);
    const t = await add(ctx.worker, kase.uid, 'tasks', { text: 'Tanpa status', owner: 'family', due: '2021-06-01' });
    assert.equal((await getCase(ctx.worker, kase.uid)).overdue, true);
    const d = await ctx.worker.del(`/api/v1/cases/${kase.uid}/tasks/${t.uid}`);
    assert.equal(d.status, 204, d.text);
    assert.equal((await getCase(ctx.worker, kase.uid)).overdue, false);
    assert.deepEqual(await items(ctx.worker, kase.uid, 'tasks'), []);
  });

  test('a follow-up past due and not done is overdue too', T, async () => {
    const { kase } = await openCase(ctx.worker);
    const f = await add(ctx.worker, kase.uid, 'followups', { due: '2022-02-02' });
    assert.equal((await getCase(ctx.worker, kase.uid)).overdue, true);
    assert.ok((await overdueList(ctx.supervisor)).includes(kase.uid));
    const p = await ctx.worker.patch(`/api/v1/cases/${kase.uid}/followups/${f.uid}`, { version: f.version, done_on: '2022-02-03' });
    assert.equal(p.status, 200, p.text);
    assert.equal((await getCase(ctx.worker, kase.uid)).overdue, false);
  });
});

describe('a large team', () => {
  test('a case keeps every one of 34 workers, and the last one assigned may open it', T, async () => {
    const client = await createClient(ctx.worker, consent('services'));
    const { kase } = await openCase(ctx.worker, { client });
    for (let i = 0; i < 34; i++) {
      const name = `team${i}`;
      const mk = await ctx.admin.post('/api/v1/users', {
        name, full_name: `Anggota Tim ${i}`, role: 'worker', password: 'pendamping-demo', supervisor: 'supervisor',
      });
      assert.equal(mk.status, 201, mk.text);
      const r = await ctx.worker.post(`/api/v1/cases/${kase.uid}/workers`, { user: name, role: 'secondary' });
      assert.equal(r.status, 200, r.text);
    }
    const c = await getCase(ctx.worker, kase.uid);
    assert.equal(c.workers.length, 35);
    assert.equal(c.workers[34].name, 'team33');
    const last = (await login(ctx.base, 'team33')).client;
    const seen = await last.get(`/api/v1/cases/${kase.uid}`);
    assert.equal(seen.status, 200, seen.text);
    assert.equal(seen.json.access.assigned, true);
  });
});
