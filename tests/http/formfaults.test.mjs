// formfaults.test.mjs: a refused web form lists each failed field by the label the form shows,
// in the user's language, never by its code.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TEST_TIMEOUT, createClient, expectError, hooks, login } from './helpers.mjs';
import { consent, items, openCase } from './cases-helpers.mjs';

const T = { timeout: TEST_TIMEOUT };

const ctx = hooks(before, after, async (c) => {
  c.admin = (await login(c.base, 'admin')).client;
  c.sup = (await login(c.base, 'supervisor')).client;
  c.worker = (await login(c.base, 'worker')).client;
});

/** faultsOf returns the items of the form's alert. */
function faultsOf(r) {
  const m = r.text.match(/<div class="error" role="alert" id="form-errors"><ul>([\s\S]*?)<\/ul><\/div>/);
  assert.ok(m, `the refused form lists its faults (status ${r.status})`);
  return [...m[1].matchAll(/<li>([\s\S]*?)<\/li>/g)].map((x) => x[1]);
}

describe('refused forms', () => {
  test('a new group with a capacity of one names "Kapasitas (anggota)"', T, async () => {
    const items = faultsOf(await ctx.sup.form('/groups', { name: 'Kelompok Uji', purpose: 'remedial', aim: 'Uji', capacity: '1' }));
    assert.ok(items.some((i) => i.startsWith('Kapasitas (anggota): ')), items.join(' | '));
    assert.ok(!items.some((i) => i.startsWith('capacity')), items.join(' | '));
  });

  test('a user with a bad name names "Nama pengguna"', T, async () => {
    const items = faultsOf(await ctx.admin.form('/users', { name: 'X!', full_name: 'Uji', role: 'worker', password: 'long-enough-1' }));
    assert.ok(items.some((i) => i.startsWith('Nama pengguna: ')), items.join(' | '));
  });

  test('a new password is refused with its field named, and a good one redirects with a notice', T, async () => {
    const made = await ctx.admin.post('/api/v1/users', { name: 'sandi.baru', full_name: 'Sandi Baru', role: 'viewer', password: 'first-password-1' });
    assert.equal(made.status, 201, made.text);
    const items = faultsOf(await ctx.admin.form('/users/sandi.baru/password', { password: 'pendek' }));
    assert.ok(items.some((i) => i.startsWith('Kata sandi: ')), items.join(' | '));
    const r = await ctx.admin.form('/users/sandi.baru/password', { password: 'second-password-2' });
    assert.equal(r.status, 303); // a reload of the page it leads to does not send the password again
    assert.equal(r.headers.get('location'), '/users?saved=password');
    const page = await ctx.admin.get('/users?saved=password');
    assert.match(page.text, /<p class="notice" role="status">[^<]+<\/p>/);
    assert.doesNotMatch((await ctx.admin.get('/users')).text, /class="notice"/);
    const old = await fetch(`${ctx.base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'sandi.baru', password: 'first-password-1' }) });
    assert.equal(old.status, 401);
  });

  test('an agency without a name names "Nama"', T, async () => {
    const items = faultsOf(await ctx.sup.form('/agencies', { name: '', type: 'lks' }));
    assert.ok(items.some((i) => i.startsWith('Nama: ')), items.join(' | '));
    assert.ok(!items.some((i) => /^[a-z_]+: /.test(i)), items.join(' | '));
  });

  test('a refused session keeps the level chosen for its process notes and the goal scores', T, async () => {
    const g = await ctx.sup.post('/api/v1/groups', { name: 'Kelompok Tingkat', purpose: 'remedial', aim: 'Uji', capacity: 5 });
    assert.equal(g.status, 201, g.text);
    const goal = await ctx.sup.post(`/api/v1/groups/${g.json.uid}/goals`, {
      text: 'Hadir tepat waktu', gas_minus2: 'a', gas_minus1: 'b', gas_0: 'c', gas_plus1: 'd', gas_plus2: 'e',
    });
    assert.equal(goal.status, 201, goal.text);
    const r = await ctx.sup.form(`/groups/${g.json.uid}/sessions`, {
      date: '2026-01-05', topic: '', level: 'sealed', 'notes.atmosphere': 'Tegang', [`score.${goal.json.uid}`]: '-1',
    });
    assert.ok(faultsOf(r).length >= 1);
    assert.match(r.text, /<option value="sealed" selected>/);
    assert.doesNotMatch(r.text, /<option value="normal" selected>/);
    assert.match(r.text, new RegExp(`name="score\\.${goal.json.uid}">(?:(?!</select>).)*<option value="-1" selected>`));
    assert.match(r.text, />Tegang<\/textarea>/);
  });

  test('refused member goals come back as typed, not as stored', T, async () => {
    const g = await ctx.sup.post('/api/v1/groups', { name: 'Kelompok Tujuan', purpose: 'remedial', aim: 'Uji', capacity: 5 });
    assert.equal(g.status, 201, g.text);
    const c = await createClient(ctx.sup);
    const m = await ctx.sup.post(`/api/v1/groups/${g.json.uid}/members`, { client: c.uid });
    assert.equal(m.status, 201, m.text);
    const stored = await ctx.sup.patch(`/api/v1/groups/${g.json.uid}/members/${m.json.uid}`, { goals: [{ text: 'Tujuan tersimpan', case_goal: null }] });
    assert.equal(stored.status, 200, stored.text);
    const r = await ctx.sup.form(`/groups/${g.json.uid}/members/${m.json.uid}/goals`, {
      'goal.0': 'Tujuan baru yang diketik', 'goal.1': 'Tujuan kedua', 'link.1': '01900000-0000-7000-8000-000000000000',
    });
    assert.equal(r.status, 422);
    const items = faultsOf(r);
    assert.ok(items.some((i) => i.startsWith('Tujuan 2: ')), items.join(' | ')); // the row of the refused link
    assert.match(r.text, /name="goal\.0" value="Tujuan baru yang diketik"/);
    assert.match(r.text, /name="goal\.1" value="Tujuan kedua"/);
    assert.doesNotMatch(r.text, /Tujuan tersimpan/);
  });

  test('member goals changed by someone else meanwhile: 409, their goals shown, the typed ones kept', T, async () => {
    const g = await ctx.sup.post('/api/v1/groups', { name: 'Kelompok Bersama', purpose: 'remedial', aim: 'Uji', capacity: 5 });
    assert.equal(g.status, 201, g.text);
    const c = await createClient(ctx.sup);
    const m = await ctx.sup.post(`/api/v1/groups/${g.json.uid}/members`, { client: c.uid });
    assert.equal(m.status, 201, m.text);
    const path = `/groups/${g.json.uid}/members/${m.json.uid}/goals`;
    const opened = await ctx.sup.get(path);
    const was = opened.text.match(/name="was" value="([0-9a-f]{8})"/)[1];
    // A colleague saves first.
    const theirs = await ctx.sup.patch(`/api/v1/groups/${g.json.uid}/members/${m.json.uid}`, { goals: [{ text: 'Tujuan rekan', case_goal: null }] });
    assert.equal(theirs.status, 200, theirs.text);
    const r = await ctx.sup.form(path, { was, 'goal.0': 'Tujuan saya' });
    assert.equal(r.status, 409);
    assert.match(r.text, /id="conflict"><p>[^<]+<\/p><ul><li>Tujuan rekan<\/li><\/ul>/);
    assert.match(r.text, /name="goal\.0" value="Tujuan saya"/);
    const stored = (await ctx.sup.get(`/api/v1/groups/${g.json.uid}`)).json.members.find((x) => x.uid === m.json.uid);
    assert.deepEqual(stored.goals.map((x) => x.text), ['Tujuan rekan'], 'nothing overwritten');
    // Saved again from that page, it replaces their goals knowingly.
    const now = r.text.match(/name="was" value="([0-9a-f]{8})"/)[1];
    assert.notEqual(now, was);
    const again = await ctx.sup.form(path, { was: now, 'goal.0': 'Tujuan saya' });
    assert.equal(again.status, 303, again.text.slice(0, 300));
  });

  test('the case list filtered by a worker nobody is says so, not that the page link is old', T, async () => {
    const r = await ctx.sup.get('/cases?worker=tidak.ada');
    assert.equal(r.status, 422);
    assert.match(r.text, /Pekerja itu tidak ada: periksa nama pada penyaring\./);
    assert.equal((await ctx.sup.get('/cases?worker=worker')).status, 200);
    const stage = await ctx.sup.get('/cases?stage=selesai');
    assert.equal(stage.status, 422, 'an unknown stage lists every case as if it were one');
    assert.match(stage.text, /intake/);
    assert.equal((await ctx.sup.get('/cases?stage=planning')).status, 200);
  });

  test('a problem typed without its category is refused and shown again, not dropped', T, async () => {
    const c = await createClient(ctx.worker, consent());
    const r = await ctx.worker.form('/cases', { client: c.uid, p0_severity: '3', p0_description: 'Tidak punya pekerjaan tetap' });
    assert.equal(r.status, 422);
    const items = faultsOf(r);
    assert.ok(items.some((i) => i.startsWith('Masalah 1: ')), items.join(' | '));
    assert.match(r.text, />Tidak punya pekerjaan tetap<\/textarea>/);
    // Each fault names the form's row, as the page numbers it, also past a row left empty.
    const rows = faultsOf(await ctx.worker.form('/cases', {
      client: c.uid, p1_category: 'income', p1_severity: '9', p2_description: 'Sering bertengkar',
    }));
    assert.ok(rows.some((i) => i.startsWith('Masalah 2 — Tingkat keparahan (1-5): ')), rows.join(' | '));
    assert.ok(rows.some((i) => i.startsWith('Masalah 3: ')), rows.join(' | '));
    assert.ok(!rows.some((i) => i.startsWith('Masalah 1')), rows.join(' | '));
    const cases = await ctx.worker.get(`/api/v1/cases?client=${c.uid}`);
    assert.deepEqual(cases.json.items, [], 'a case was opened without the problem');
    // With its category it opens; the empty reason of the form is no reason in the audit trail.
    const ok = await ctx.worker.form('/cases', { client: c.uid, p0_category: 'income', p0_severity: '3', reason: '' });
    assert.equal(ok.status, 303, ok.text.slice(0, 300));
    const uid = (await ctx.worker.get(`/api/v1/cases?client=${c.uid}`)).json.items[0].uid;
    const opened = (await ctx.admin.get(`/api/v1/audit?entity_uid=${uid}&action=create`)).json.items[0];
    assert.equal(opened.detail.reason ?? null, null, JSON.stringify(opened.detail));
  });

  test('a client archived while the case form was open: the form says so and keeps what was typed', T, async () => {
    const c = await createClient(ctx.worker, consent());
    const del = await ctx.worker.del(`/api/v1/clients/${c.uid}`);
    assert.equal(del.status, 200, del.text);
    const r = await ctx.worker.form('/cases', { client: c.uid, p0_category: 'income', p0_description: 'Catatan panjang' });
    assert.equal(r.status, 422);
    assert.ok(faultsOf(r).some((i) => /^Klien: .*diarsipkan/.test(i)), faultsOf(r).join(' | '));
    assert.match(r.text, />Catatan panjang<\/textarea>/);
    // A client that does not exist has no form to show.
    const none = await ctx.worker.form('/cases', { client: '01900000-0000-7000-8000-000000000000', p0_category: 'income' });
    assert.equal(none.status, 404);
  });

  test('a form sent twice (a reload, a resend on a weak link) saves once', T, async () => {
    const { kase, client } = await openCase(ctx.worker);
    const page = await ctx.worker.get(`/cases/${kase.uid}/problems/new`);
    assert.equal(page.status, 200, page.text.slice(0, 300));
    const once = page.text.match(/<input type="hidden" name="once" value="([0-9a-f-]{36})">/)?.[1];
    assert.ok(once, 'the form carries a one-time key');
    const fields = { once, category: 'family_relations', severity: '3', description: 'Konflik dengan orang tua.' };
    for (let i = 0; i < 3; i++) {
      const r = await ctx.worker.form(`/cases/${kase.uid}/problems`, fields);
      assert.equal(r.status, 303, `sending ${i + 1}: ${r.text.match(/role="alert"[\s\S]{0,400}/)?.[0]}`);
    }
    const saved = (await items(ctx.worker, kase.uid, 'problems')).filter((p) => p.description === 'Konflik dengan orang tua.');
    assert.deepEqual(saved.map((p) => p.uid), [once]);
    const fresh = (await ctx.worker.get(`/cases/${kase.uid}/problems/new`)).text.match(/name="once" value="([^"]+)"/)[1];
    assert.notEqual(fresh, once, 'each form its own key');

    // A group session: recorded once, its observation on the member's case once.
    const g = await ctx.worker.post('/api/v1/groups', { name: 'Kelompok Sekali', purpose: 'remedial', aim: 'Uji', capacity: 5 });
    assert.equal(g.status, 201, g.text);
    const m = await ctx.worker.post(`/api/v1/groups/${g.json.uid}/members`, { client: client.uid });
    assert.equal(m.status, 201, m.text);
    const form = await ctx.worker.get(`/groups/${g.json.uid}/sessions/new`);
    const key = form.text.match(/name="once" value="([0-9a-f-]{36})"/)[1];
    const session = {
      once: key, date: form.text.match(/name="date"[^>]*value="([0-9-]{10})"/)[1], phase: 'beginning', topic: 'Perkenalan',
      [`status.${client.uid}`]: 'present', [`observation.${client.uid}`]: 'Aktif bertanya.',
    };
    for (let i = 0; i < 2; i++) {
      const r = await ctx.worker.form(`/groups/${g.json.uid}/sessions`, session);
      assert.equal(r.status, 303, `session ${i + 1}: ${r.text.match(/role="alert"[\s\S]{0,400}/)?.[0]}`);
    }
    const back = await ctx.worker.get(`/api/v1/groups/${g.json.uid}/sessions`);
    assert.equal(back.status, 200, back.text);
    assert.deepEqual(back.json.items.map((x) => x.uid), [key]);
    const notes = await items(ctx.worker, kase.uid, 'timeline', '?kind=group_note');
    assert.equal(notes.length, 1, JSON.stringify(notes));
  });

  test('a session form refuses, naming the member, what it once dropped without a word', T, async () => {
    const g = await ctx.worker.post('/api/v1/groups', { name: 'Kelompok Nilai', purpose: 'remedial', aim: 'Uji', capacity: 5 });
    assert.equal(g.status, 201, g.text);
    const client = await createClient(ctx.worker, consent());
    const m = await ctx.worker.post(`/api/v1/groups/${g.json.uid}/members`, { client: client.uid });
    assert.equal(m.status, 201, m.text);
    const goal = await ctx.worker.post(`/api/v1/groups/${g.json.uid}/goals`, {
      text: 'Hadir tepat waktu', gas_minus2: 'a', gas_minus1: 'b', gas_0: 'c', gas_plus1: 'd', gas_plus2: 'e',
    });
    assert.equal(goal.status, 201, goal.text);
    const base = { date: '2026-01-05', phase: 'working', topic: 'Latihan' };
    // A participation score for a member marked excused (the page offers both at once).
    const excused = await ctx.worker.form(`/groups/${g.json.uid}/sessions`,
      { ...base, [`status.${client.uid}`]: 'excused', [`participation.${client.uid}`]: '4' });
    assert.equal(excused.status, 422);
    assert.ok(faultsOf(excused).some((i) => i.startsWith(`Kehadiran: ${client.name} — `)), faultsOf(excused).join(' | '));
    assert.match(excused.text, new RegExp(`name="participation\\.${client.uid}">(?:(?!</select>).)*<option value="4" selected>`));
    // A score outside -2..+2, as a forged form sends it.
    const forged = await ctx.worker.form(`/groups/${g.json.uid}/sessions`,
      { ...base, [`status.${client.uid}`]: 'present', [`score.${goal.json.uid}`]: '3' });
    assert.equal(forged.status, 422);
    assert.ok(faultsOf(forged).some((i) => i.startsWith('Tujuan kelompok: ')), faultsOf(forged).join(' | '));
    const sessions = await ctx.worker.get(`/api/v1/groups/${g.json.uid}/sessions`);
    assert.deepEqual(sessions.json.items, [], 'a session was recorded without what was typed');
  });

  test('an item changed by someone else meanwhile: 409 lists what they changed beside what was typed', T, async () => {
    const { kase } = await openCase(ctx.worker);
    const [p] = await items(ctx.worker, kase.uid, 'problems');
    const theirs = await ctx.worker.patch(`/api/v1/cases/${kase.uid}/problems/${p.uid}`, { version: p.version, severity: 4 });
    assert.equal(theirs.status, 200, theirs.text);
    const r = await ctx.worker.form(`/cases/${kase.uid}/problems/${p.uid}`, {
      version: String(p.version), category: 'income', severity: '2', description: 'Penghasilan tidak tetap.',
    });
    assert.equal(r.status, 409);
    const box = r.text.match(/<div class="warning" role="alert" id="conflict">([\s\S]*?)<\/div>/);
    assert.ok(box, r.text.slice(0, 500));
    assert.match(box[1], /<li>Tingkat keparahan \(1-5\): <strong>4<\/strong> \(isian Anda: 2\)<\/li>/);
    assert.doesNotMatch(box[1], /Penghasilan tidak tetap/, 'a field nobody changed is not listed');
    // Saved again, from the version the page now carries, it replaces their change knowingly.
    const version = r.text.match(/name="version" value="(\d+)"/)[1];
    assert.equal(version, String(p.version + 1));
  });

  test('a refused action on a case shows the case again, the field named and what was typed kept', T, async () => {
    const { kase } = await openCase(ctx.worker);
    const assign = await ctx.worker.form(`/cases/${kase.uid}/workers`, { user: 'tidak.ada', role: 'primary', reason: 'Pindah tugas ke kecamatan lain' });
    assert.equal(assign.status, 422);
    const items = faultsOf(assign);
    assert.ok(items.some((i) => i.startsWith('Pekerja sosial (nama pengguna): ')), items.join(' | '));
    assert.match(assign.text, /id="assign-user" name="user" required value="tidak\.ada"/);
    assert.match(assign.text, /<option value="primary" selected>/);
    assert.match(assign.text, /id="assign-reason" name="reason" value="Pindah tugas ke kecamatan lain"/);
    assert.match(assign.text, /id="stage-note" name="note" rows="2"><\/textarea>/, 'another form is not filled');
    const note = `Catatan ${'panjang '.repeat(260)}`;
    const move = await ctx.worker.form(`/cases/${kase.uid}/stage`, { to: 'assessment', note });
    assert.equal(move.status, 422);
    assert.ok(faultsOf(move).length === 1);
    assert.ok(move.text.includes(`name="note" rows="2">${note}</textarea>`), 'the note is kept');
    assert.equal((await ctx.worker.get(`/api/v1/cases/${kase.uid}`)).json.stage, 'intake');
    // A move back refused for its missing note comes back still a move back, not the move forward.
    const fwd = await ctx.worker.post(`/api/v1/cases/${kase.uid}/stage`, { to: 'assessment' });
    assert.equal(fwd.status, 200, fwd.text);
    const back = await ctx.worker.form(`/cases/${kase.uid}/stage`, { to: 'intake', note: '' });
    assert.equal(back.status, 422);
    assert.match(back.text, /<option value="intake" selected>/);
    assert.doesNotMatch(back.text, /<option value="planning" selected>/);
    assert.match((await ctx.worker.get(`/cases/${kase.uid}`)).text, /<option value="planning" selected>/, 'a plain view offers the next stage');
  });

  test('a refused change to a group shows the group again, the field named and what was typed kept', T, async () => {
    const g = await ctx.sup.post('/api/v1/groups', { name: 'Kelompok Ubah', purpose: 'remedial', aim: 'Uji', capacity: 5 });
    assert.equal(g.status, 201, g.text);
    const goal = await ctx.sup.form(`/groups/${g.json.uid}/goals`, {
      text: 'Anggota datang tepat waktu', gas_minus2: 'Tidak ada', gas_minus1: 'Sedikit', gas_0: '', gas_plus1: 'Banyak', gas_plus2: 'Semua',
    });
    assert.equal(goal.status, 422);
    let items = faultsOf(goal);
    assert.ok(items.some((i) => i.startsWith('Hasil yang diharapkan (0): ')), items.join(' | '));
    assert.match(goal.text, /name="text" required value="Anggota datang tepat waktu"/);
    assert.match(goal.text, /name="gas_plus2" required value="Semua"/);
    const edit = await ctx.sup.form(`/groups/${g.json.uid}/edit`, { version: '1', status: 'active', capacity: '1', ends_on: '2030-06-30' });
    assert.equal(edit.status, 422);
    items = faultsOf(edit);
    assert.ok(items.some((i) => i.startsWith('Kapasitas (anggota): ')), items.join(' | '));
    assert.match(edit.text, /name="capacity" type="number" min="2" max="100" value="1"/);
    assert.match(edit.text, /name="ends_on" type="date" value="2030-06-30"/);
    assert.match(edit.text, /<option value="active" selected>/);
    assert.doesNotMatch(edit.text, /name="text" required value="A/, 'another form is not filled');
    const now = (await ctx.sup.get(`/api/v1/groups/${g.json.uid}`)).json;
    assert.equal(now.capacity, 5);
    assert.equal(now.goals.length, 0);
  });

  test('a supervision record without notes names its notes field', T, async () => {
    const items = faultsOf(await ctx.sup.form('/supervision', { worker: 'worker', held_on: '2026-01-05', notes: '' }));
    assert.ok(items.some((i) => i.startsWith('Yang dibahas, keadaan pekerja sosial, dan apa yang akan dilakukannya: ')), items.join(' | '));
  });

  test('supervision listed for a worker mistyped, or named by a worker, is refused rather than empty', T, async () => {
    const made = await ctx.sup.post('/api/v1/supervision', { worker: 'worker', held_on: '2026-01-05', notes: 'Beban kasus berat.' });
    assert.equal(made.status, 201, made.text);
    const ok = await ctx.sup.get('/api/v1/supervision?worker=worker');
    assert.equal(ok.status, 200, ok.text);
    assert.ok(ok.json.items.some((i) => i.uid === made.json.uid));
    expectError(await ctx.sup.get('/api/v1/supervision?worker=wrker'), 422, 'invalid', 'worker');
    expectError(await ctx.worker.get('/api/v1/supervision?worker=worker2'), 422, 'invalid', 'worker');
    assert.equal((await ctx.worker.get('/api/v1/supervision')).status, 200);
    const page = await ctx.sup.get('/supervision?worker=wrker');
    assert.equal(page.status, 422);
    assert.ok(faultsOf(page).some((i) => i.startsWith('Pekerja sosial (nama pengguna): ')), faultsOf(page).join(' | '));
  });
});

describe('the API sent again with an Idempotency-Key', () => {
  test('adds a case item and a group session once, answering the resend as the first sending', T, async () => {
    const { kase, client } = await openCase(ctx.worker);
    const key = '01900000-0000-7000-8000-00000000a001';
    const body = { category: 'housing', severity: 2, description: 'Kontrakan habis bulan depan.' };
    const first = await ctx.worker.post(`/api/v1/cases/${kase.uid}/problems`, body, { headers: { 'idempotency-key': key } });
    assert.equal(first.status, 201, first.text);
    assert.equal(first.json.uid, key);
    const again = await ctx.worker.post(`/api/v1/cases/${kase.uid}/problems`, body, { headers: { 'idempotency-key': key.toUpperCase() } });
    assert.equal(again.status, 201, again.text);
    assert.equal(again.json.uid, key);
    assert.equal((await items(ctx.worker, kase.uid, 'problems')).filter((p) => p.category === 'housing').length, 1);
    // The key of another case's item, or not a UUID: refused, nothing added.
    const other = await openCase(ctx.worker);
    const clash = await ctx.worker.post(`/api/v1/cases/${other.kase.uid}/problems`, body, { headers: { 'idempotency-key': key } });
    assert.equal(clash.status, 409, clash.text);
    assert.equal(clash.json.error.field, 'Idempotency-Key');
    const bad = await ctx.worker.post(`/api/v1/cases/${kase.uid}/problems`, body, { headers: { 'idempotency-key': 'sekali' } });
    assert.equal(bad.status, 422, bad.text);
    assert.equal(bad.json.error.field, 'Idempotency-Key');
    assert.equal((await items(ctx.worker, other.kase.uid, 'problems')).filter((p) => p.category === 'housing').length, 0);

    const g = await ctx.worker.post('/api/v1/groups', { name: 'Kelompok Kunci', purpose: 'remedial', aim: 'Uji', capacity: 5 });
    assert.equal(g.status, 201, g.text);
    const joined = await ctx.worker.post(`/api/v1/groups/${g.json.uid}/members`, { client: client.uid });
    assert.equal(joined.status, 201, joined.text);
    const skey = '01900000-0000-7000-8000-00000000a002';
    const session = { date: joined.json.joined_on, topic: 'Perkenalan', attendance: [{ client: client.uid, status: 'present', observation: 'Aktif.' }] };
    const s1 = await ctx.worker.post(`/api/v1/groups/${g.json.uid}/sessions`, session, { headers: { 'idempotency-key': skey } });
    assert.equal(s1.status, 201, s1.text);
    const s2 = await ctx.worker.post(`/api/v1/groups/${g.json.uid}/sessions`, session, { headers: { 'idempotency-key': skey } });
    assert.equal(s2.status, 201, s2.text);
    assert.equal(s2.json.uid, s1.json.uid);
    assert.equal((await ctx.worker.get(`/api/v1/groups/${g.json.uid}/sessions`)).json.items.length, 1);
    assert.equal((await items(ctx.worker, kase.uid, 'timeline', '?kind=group_note')).length, 1);
  });
});
