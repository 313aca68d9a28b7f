// permissions.test.mjs: who may do what (src/domain/policy.c), route by route, and who sees the
// specific personal data of a client (disability, household, consent, notes).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  TEST_TIMEOUT,
  anon,
  auditFor,
  createClient,
  expectError,
  hooks,
  loginAll,
  newClient,
  snapshot,
} from './helpers.mjs';

const T = { timeout: TEST_TIMEOUT };
const ROLES = ['admin', 'supervisor', 'worker', 'volunteer', 'viewer'];
const SENSITIVE = ['disability', 'household', 'consent', 'notes'];
const NOTES = 'Catatan rahasia: korban KDRT, alamat tidak boleh dibagikan.';
const MEMBER = 'Anak Rahasia Qxmember';

const ctx = hooks(before, after, async (c) => {
  c.as = await loginAll(c.base, [...ROLES, 'worker2']);
  c.sensitive = await createClient(c.as.worker, {
    birth_date: '1985-02-03',
    sex: 'F',
    nik: undefined,
    disability: { seeing: 'some', walking: 'a_lot' },
    household: [{ name: MEMBER, relation: 'Anak', sex: 'M', birth_date: '2015-04-05' }],
    consent: { given_on: '2025-01-10', scope: 'referral' },
    notes: NOTES,
  });
});

/** allow lists the roles that may; the rest must get 403. */
function expected(allow, okStatus = 200) {
  return Object.fromEntries(ROLES.map((r) => [r, allow.includes(r) ? okStatus : 403]));
}

describe('API permission matrix', () => {
  const reads = [
    ['GET', '/api/v1/clients', expected(['admin', 'supervisor', 'worker', 'volunteer'])],
    ['GET', 'CLIENT', expected(['admin', 'supervisor', 'worker', 'volunteer'])],
    ['GET', '/api/v1/users', expected(['admin'])],
    ['GET', '/api/v1/audit', expected(['admin'])],
    ['GET', '/api/v1/summary', expected(['admin', 'supervisor', 'worker', 'viewer'])],
    ['GET', '/api/v1/ppks', expected(ROLES)],
    ['GET', '/api/v1/me', expected(ROLES)],
  ];
  for (const [method, path, want] of reads) {
    test(`${method} ${path}`, T, async () => {
      const p = path === 'CLIENT' ? `/api/v1/clients/${ctx.sensitive.uid}` : path;
      for (const role of ROLES) {
        const r = await ctx.as[role].request(method, p);
        assert.equal(r.status, want[role], `${role} ${method} ${p}: ${r.text.slice(0, 300)}`);
        if (want[role] === 403) expectError(r, 403, 'forbidden');
      }
      expectError(await anon(ctx.base).request(method, p), 401, 'unauthenticated');
    });
  }

  test('GET /api/v1/ppks lists the 26 PPKS categories', T, async () => {
    const r = await ctx.as.viewer.get('/api/v1/ppks');
    assert.equal(r.json.items.length, 26);
    assert.deepEqual(r.json.items.map((i) => i.code), Array.from({ length: 26 }, (_, i) => i + 1));
    for (const i of r.json.items) assert.ok(i.name_id && i.name_en);
  });

  test('POST /api/v1/clients: supervisor and worker only; refusals create nothing', T, async () => {
    const snap = await snapshot(ctx.as.worker, ctx.as.admin);
    for (const role of ['admin', 'volunteer', 'viewer']) {
      expectError(await ctx.as[role].post('/api/v1/clients', newClient()), 403, 'forbidden');
    }
    expectError(await anon(ctx.base).post('/api/v1/clients', newClient()), 401);
    await snap.same('refused creations');
    for (const role of ['supervisor', 'worker']) {
      const body = newClient();
      const r = await ctx.as[role].post('/api/v1/clients', body);
      assert.equal(r.status, 201, `${role}: ${r.text}`);
      assert.equal(r.json.created_by, role);
    }
  });

  test('PATCH /api/v1/clients/:uid: supervisor and worker only; refusals change nothing', T, async () => {
    const c = await createClient(ctx.as.worker);
    const snap = await snapshot(ctx.as.worker, ctx.as.admin);
    for (const role of ['admin', 'volunteer', 'viewer']) {
      const r = await ctx.as[role].patch(`/api/v1/clients/${c.uid}`, { phone: '0811-111-111', version: c.version });
      expectError(r, 403, 'forbidden');
    }
    await snap.same('refused updates');
    const still = await ctx.as.worker.get(`/api/v1/clients/${c.uid}`);
    assert.equal(still.json.version, c.version);
    assert.equal(still.json.phone, c.phone);
    let version = c.version;
    for (const role of ['supervisor', 'worker', 'worker2']) {
      const r = await ctx.as[role].patch(`/api/v1/clients/${c.uid}`, { address: `Jl. ${role}`, version });
      assert.equal(r.status, 200, `${role}: ${r.text}`);
      assert.equal(r.json.version, version + 1);
      assert.equal(r.json.updated_by, role);
      version = r.json.version;
    }
  });

  test('DELETE /api/v1/clients/:uid: supervisor and worker only; refusals archive nothing', T, async () => {
    const c = await createClient(ctx.as.worker);
    const snap = await snapshot(ctx.as.worker, ctx.as.admin);
    for (const role of ['admin', 'volunteer', 'viewer']) {
      expectError(await ctx.as[role].del(`/api/v1/clients/${c.uid}`), 403, 'forbidden');
    }
    await snap.same('refused archiving');
    for (const role of ['supervisor', 'worker']) {
      const mine = await createClient(ctx.as.worker);
      const r = await ctx.as[role].del(`/api/v1/clients/${mine.uid}`);
      assert.equal(r.status, 200, `${role}: ${r.text}`);
      assert.ok(r.json.archived_at);
    }
  });

  test('users: only the admin lists, adds, disables and makes tokens', T, async () => {
    const snap = await snapshot(ctx.as.worker, ctx.as.admin);
    const nu = { name: 'kader2', full_name: 'Kader Dua', role: 'volunteer', password: 'kader-dua-pw' };
    for (const role of ['supervisor', 'worker', 'volunteer', 'viewer']) {
      expectError(await ctx.as[role].post('/api/v1/users', nu), 403, 'forbidden');
      expectError(await ctx.as[role].patch('/api/v1/users/worker2', { disabled: true }), 403, 'forbidden');
      expectError(await ctx.as[role].post('/api/v1/users/worker/tokens', {}), 403, 'forbidden');
    }
    await snap.same('refused user administration');
    const list = await ctx.as.admin.get('/api/v1/users');
    assert.ok(!list.json.items.some((u) => u.name === 'kader2'));
    assert.ok(list.json.items.every((u) => u.password_hash === undefined && u.password === undefined));
    const created = await ctx.as.admin.post('/api/v1/users', nu);
    assert.equal(created.status, 201, created.text);
    assert.equal(created.json.name, 'kader2');
    assert.equal(created.json.role, 'volunteer');
    assert.equal(created.json.password, undefined);
    const dup = await ctx.as.admin.post('/api/v1/users', nu);
    expectError(dup, 409, 'exists', 'name');
    const dis = await ctx.as.admin.patch('/api/v1/users/kader2', { disabled: true });
    assert.equal(dis.status, 200, dis.text);
    assert.equal(dis.json.disabled, true);
    const tok = await ctx.as.admin.post('/api/v1/users/kader2/tokens', {});
    expectError(tok, 422, 'invalid', 'name');
    expectError(await ctx.as.admin.patch('/api/v1/users/nobody', { disabled: true }), 404, 'not_found');
  });
});

describe('HTML pages per role', () => {
  const pages = [
    ['/clients', ['admin', 'supervisor', 'worker', 'volunteer']],
    ['CLIENT', ['admin', 'supervisor', 'worker', 'volunteer']],
    ['/clients/new', ['supervisor', 'worker']],
    ['CLIENT/edit', ['supervisor', 'worker']],
    ['/summary', ['admin', 'supervisor', 'worker', 'viewer']],
    ['/users', ['admin']],
    ['/audit', ['admin']],
  ];
  for (const [path, allow] of pages) {
    test(`GET ${path}`, T, async () => {
      const p = path.replace('CLIENT', `/clients/${ctx.sensitive.uid}`);
      for (const role of ROLES) {
        const r = await ctx.as[role].get(p);
        const want = allow.includes(role) ? 200 : 403;
        assert.equal(r.status, want, `${role} GET ${p}`);
        assert.match(r.headers.get('content-type'), /^text\/html/);
      }
    });
  }

  test('the start page sends each role where it may go', T, async () => {
    const want = { admin: '/clients', supervisor: '/clients', worker: '/clients', volunteer: '/clients', viewer: '/summary' };
    for (const role of ROLES) {
      const r = await ctx.as[role].get('/');
      assert.equal(r.status, 303);
      assert.equal(r.headers.get('location'), want[role], role);
    }
  });

  test('the menu shows only what the role may open', T, async () => {
    const viewer = await ctx.as.viewer.get('/summary');
    assert.doesNotMatch(viewer.text, /href="\/clients"/);
    assert.doesNotMatch(viewer.text, /href="\/users"/);
    const worker = await ctx.as.worker.get('/clients');
    assert.match(worker.text, /href="\/clients\/new"/);
    assert.doesNotMatch(worker.text, /href="\/users"|href="\/audit"/);
    const volunteer = await ctx.as.volunteer.get('/clients');
    assert.doesNotMatch(volunteer.text, /href="\/clients\/new"/, 'no register button for a volunteer');
    const admin = await ctx.as.admin.get('/clients');
    assert.match(admin.text, /href="\/users"/);
    assert.match(admin.text, /href="\/audit"/);
  });

  test('HTML writes are refused for roles without write permission', T, async () => {
    const snap = await snapshot(ctx.as.worker, ctx.as.admin);
    for (const role of ['admin', 'volunteer', 'viewer']) {
      const f = await ctx.as[role].form('/clients', { name: 'Tidak Boleh', sex: 'F' });
      assert.equal(f.status, 403, `${role} POST /clients`);
      const a = await ctx.as[role].form(`/clients/${ctx.sensitive.uid}/archive`, {});
      assert.equal(a.status, 403, `${role} archive`);
    }
    for (const role of ['supervisor', 'worker', 'volunteer', 'viewer']) {
      const u = await ctx.as[role].form('/users', { name: 'sneaky', role: 'admin', password: 'sneaky-password' });
      assert.equal(u.status, 403, `${role} POST /users`);
      const d = await ctx.as[role].form('/users/admin/disable', {});
      assert.equal(d.status, 403, `${role} disable admin`);
    }
    await snap.same('refused HTML writes');
    const users = await ctx.as.admin.get('/api/v1/users');
    assert.ok(!users.json.items.some((u) => u.name === 'sneaky'));
    assert.equal(users.json.items.find((u) => u.name === 'admin').disabled, false);
  });
});

describe('specific personal data', () => {
  test('supervisors and workers see disability, household, consent and notes', T, async () => {
    for (const role of ['supervisor', 'worker', 'worker2']) {
      const r = await ctx.as[role].get(`/api/v1/clients/${ctx.sensitive.uid}`);
      assert.equal(r.status, 200);
      assert.equal(r.json.notes, NOTES, role);
      assert.equal(r.json.disability.seeing, 'some');
      assert.equal(r.json.disability.walking, 'a_lot');
      assert.equal(r.json.disability.hearing, null);
      assert.equal(r.json.household.length, 1);
      assert.equal(r.json.household[0].name, MEMBER);
      assert.equal(r.json.consent.scope, 'referral');
      assert.equal(r.json.consent.recorded_by, 'worker');
    }
  });

  test('admin and volunteer get the record without any of it', T, async () => {
    for (const role of ['admin', 'volunteer']) {
      const r = await ctx.as[role].get(`/api/v1/clients/${ctx.sensitive.uid}`);
      assert.equal(r.status, 200);
      assert.equal(r.json.name, ctx.sensitive.name, 'the identity is visible');
      assert.equal(r.json.uid, ctx.sensitive.uid);
      for (const k of SENSITIVE) assert.equal(k in r.json, false, `${role} must not receive ${k}`);
      assert.ok(!r.text.includes(NOTES) && !r.text.includes(MEMBER), `${role}: sensitive text leaked`);
    }
    expectError(await ctx.as.viewer.get(`/api/v1/clients/${ctx.sensitive.uid}`), 403, 'forbidden');
  });

  test('the list never carries specific personal data', T, async () => {
    for (const role of ['admin', 'supervisor', 'worker', 'volunteer']) {
      const r = await ctx.as[role].get(`/api/v1/clients?q=${encodeURIComponent(ctx.sensitive.name)}`);
      assert.equal(r.status, 200);
      assert.equal(r.json.items.length, 1);
      for (const k of SENSITIVE) assert.equal(k in r.json.items[0], false, `${role} list: ${k}`);
    }
  });

  test('the HTML client page shows it only to those allowed', T, async () => {
    for (const role of ['supervisor', 'worker']) {
      const r = await ctx.as[role].get(`/clients/${ctx.sensitive.uid}`);
      assert.ok(r.text.includes(NOTES), `${role} sees the notes`);
      assert.ok(r.text.includes(MEMBER), `${role} sees the household`);
    }
    for (const role of ['admin', 'volunteer']) {
      const r = await ctx.as[role].get(`/clients/${ctx.sensitive.uid}`);
      assert.equal(r.status, 200);
      assert.ok(r.text.includes(ctx.sensitive.name), `${role} sees the name`);
      assert.ok(!r.text.includes(NOTES), `${role} must not see the notes`);
      assert.ok(!r.text.includes(MEMBER), `${role} must not see the household`);
    }
  });

  test('the audit trail records that sensitive fields changed, never their values', T, async () => {
    const rows = await auditFor(ctx.as.admin, ctx.sensitive.uid);
    const create = rows.find((r) => r.action === 'create');
    assert.ok(create, 'a create row');
    for (const k of SENSITIVE) assert.deepEqual(create.detail[k], { changed: true }, k);
    const text = JSON.stringify(rows);
    assert.ok(!text.includes(NOTES) && !text.includes(MEMBER) && !text.includes('a_lot'));
    const html = await ctx.as.admin.get(`/audit?entity_uid=${ctx.sensitive.uid}`);
    assert.equal(html.status, 200);
    assert.ok(!html.text.includes(NOTES) && !html.text.includes('Qxmember'));
  });
});
