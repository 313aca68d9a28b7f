// csrf.test.mjs: cookie sessions must prove each state change with the session's CSRF token
// (X-CSRF-Token or the _csrf form field), and no state change may come from a foreign origin.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  Client,
  PASSWORD,
  TEST_TIMEOUT,
  anon,
  createClient,
  expectError,
  hooks,
  login,
  newClient,
  run,
  snapshot,
} from './helpers.mjs';

const T = { timeout: TEST_TIMEOUT };
const ctx = hooks(before, after, async (c) => {
  c.worker = await login(c.base, 'worker');
  c.w = c.worker.client;
  c.other = await login(c.base, 'worker2');
  c.admin = (await login(c.base, 'admin')).client;
  c.target = await createClient(c.w);
});

/** noCsrf is the worker's cookie without any CSRF token. */
const noCsrf = () => new Client(ctx.base, { cookie: ctx.worker.cookie });

async function assertUnchanged(uid, version) {
  const r = await ctx.w.get(`/api/v1/clients/${uid}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.version, version, 'the record was not changed');
  assert.equal(r.json.archived_at, null, 'the record was not archived');
  return r.json;
}

/** formBody turns a client body into the fields of the registration form. */
const formBody = (c) => ({
  name: c.name,
  sex: c.sex,
  birth_date: c.birth_date,
  nik: c.nik,
  region: c.region,
});

describe('JSON API with a cookie session', () => {
  test('without X-CSRF-Token: 403 csrf and nothing is created, changed or archived', T, async () => {
    const snap = await snapshot(ctx.w, ctx.admin);
    const c = noCsrf();
    expectError(await c.post('/api/v1/clients', newClient()), 403, 'csrf');
    expectError(
      await c.patch(`/api/v1/clients/${ctx.target.uid}`, { phone: '0811-000-111', version: ctx.target.version }),
      403,
      'csrf',
    );
    expectError(await c.del(`/api/v1/clients/${ctx.target.uid}`), 403, 'csrf');
    await assertUnchanged(ctx.target.uid, ctx.target.version);
    await snap.same('requests without a CSRF token');
  });

  test('a wrong or another session\'s token: 403 csrf', T, async () => {
    const snap = await snapshot(ctx.w, ctx.admin);
    const body = newClient();
    expectError(await ctx.w.post('/api/v1/clients', body, { csrf: 'x'.repeat(43) }), 403, 'csrf');
    expectError(await ctx.w.post('/api/v1/clients', body, { csrf: '' }), 403, 'csrf');
    expectError(await ctx.w.post('/api/v1/clients', body, { csrf: ctx.other.csrf }), 403, 'csrf');
    expectError(await ctx.w.post('/api/v1/clients', body, { csrf: ctx.worker.csrf.slice(0, -1) }), 403, 'csrf');
    expectError(await ctx.w.del(`/api/v1/clients/${ctx.target.uid}`, { csrf: ctx.other.csrf }), 403, 'csrf');
    await snap.same('requests with a wrong CSRF token');
    // None of them created the client.
    const search = await ctx.w.get(`/api/v1/clients?q=${encodeURIComponent(body.name)}`);
    assert.equal(search.json.items.length, 0);
  });

  test('with the right token the same request works (control)', T, async () => {
    const body = newClient();
    const r = await ctx.w.post('/api/v1/clients', body);
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.name, body.name);
  });

  test('log-out without the token is refused and the session stays', T, async () => {
    expectError(await noCsrf().del('/api/v1/session'), 403, 'csrf');
    const me = await ctx.w.get('/api/v1/me');
    assert.equal(me.status, 200, 'still logged in');
  });

  test('GET needs no token', T, async () => {
    const r = await noCsrf().get(`/api/v1/clients/${ctx.target.uid}`);
    assert.equal(r.status, 200);
  });
});

describe('HTML forms', () => {
  test('POST /clients without _csrf: 403 and nothing is created', T, async () => {
    const snap = await snapshot(ctx.w, ctx.admin);
    const c = newClient();
    const r = await noCsrf().form('/clients', formBody(c), { csrf: false });
    assert.equal(r.status, 403);
    assert.match(r.headers.get('content-type'), /^text\/html/);
    const wrong = await noCsrf().form('/clients', { ...formBody(c), _csrf: 'not-the-token' });
    assert.equal(wrong.status, 403);
    const others = await noCsrf().form('/clients', { ...formBody(c), _csrf: ctx.other.csrf });
    assert.equal(others.status, 403);
    await snap.same('form posts without a valid _csrf');
  });

  test('POST /clients/:uid/archive and /logout without _csrf: 403', T, async () => {
    const snap = await snapshot(ctx.w, ctx.admin);
    assert.equal((await noCsrf().form(`/clients/${ctx.target.uid}/archive`, {}, { csrf: false })).status, 403);
    assert.equal(
      (await noCsrf().form(`/clients/${ctx.target.uid}`, { name: 'Changed', version: String(ctx.target.version) }, { csrf: false })).status,
      403,
    );
    assert.equal((await noCsrf().form('/logout', {}, { csrf: false })).status, 403);
    assert.equal((await noCsrf().form('/language', { lang: 'en', back: '/' }, { csrf: false })).status, 403);
    await assertUnchanged(ctx.target.uid, ctx.target.version);
    assert.equal((await ctx.w.get('/api/v1/me')).json.lang, 'id', 'the language was not changed');
    assert.equal((await ctx.w.get('/api/v1/me')).status, 200, 'still logged in');
    await snap.same('form posts without _csrf');
  });

  test('with the page\'s _csrf the form works (control)', T, async () => {
    const page = await ctx.w.get('/clients/new');
    assert.equal(page.status, 200);
    const m = /name="_csrf" value="([^"]+)"/.exec(page.text);
    assert.ok(m, 'the form carries _csrf');
    const c = newClient();
    const r = await noCsrf().form('/clients', { ...formBody(c), _csrf: m[1] });
    assert.equal(r.status, 303, r.text.slice(0, 500));
    assert.match(r.headers.get('location'), /^\/clients\/[0-9a-f-]{36}$/);
  });

  test('each page masks the token afresh (pages go compressed); each masking and the token itself work, another session\'s not', T, async () => {
    const seen = [];
    for (let i = 0; i < 2; i++) {
      const page = await ctx.w.get('/clients/new');
      seen.push(/name="_csrf" value="([0-9a-f]+)"/.exec(page.text)[1]);
      assert.ok(!page.text.includes(ctx.worker.csrf), 'the token itself is nowhere on the page');
    }
    assert.notEqual(seen[0], seen[1]);
    for (const token of [...seen, ctx.worker.csrf]) {
      const r = await noCsrf().form('/clients', { ...formBody(newClient()), _csrf: token });
      assert.equal(r.status, 303, r.text.slice(0, 300));
    }
    const theirs = /name="_csrf" value="([0-9a-f]+)"/.exec((await ctx.other.client.get('/clients/new')).text)[1];
    const snap = await snapshot(ctx.w, ctx.admin);
    assert.equal((await noCsrf().form('/clients', { ...formBody(newClient()), _csrf: theirs })).status, 403);
    const altered = seen[0].slice(0, -1) + (seen[0].endsWith('0') ? '1' : '0');
    assert.equal((await noCsrf().form('/clients', { ...formBody(newClient()), _csrf: altered })).status, 403);
    await snap.same('form posts with another session\'s or an altered token');
  });
});

describe('Origin', () => {
  test('a foreign Origin is refused even with the right token; nothing is created', T, async () => {
    const snap = await snapshot(ctx.w, ctx.admin);
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${ctx.server.port + 1}`, 'https://evil.example:443']) {
      const headers = { origin };
      expectError(await ctx.w.post('/api/v1/clients', newClient(), { headers }), 403, 'csrf');
      expectError(await ctx.w.del(`/api/v1/clients/${ctx.target.uid}`, { headers }), 403, 'csrf');
      const form = await ctx.w.form('/clients', formBody(newClient()), { headers });
      assert.equal(form.status, 403, `form post from ${origin}`);
    }
    await assertUnchanged(ctx.target.uid, ctx.target.version);
    await snap.same('requests from a foreign origin');
  });

  test('a foreign Origin cannot log in (login CSRF) nor use a bearer token', T, async () => {
    const r = await anon(ctx.base).post(
      '/api/v1/session',
      { name: 'worker', password: PASSWORD },
      { headers: { origin: 'http://evil.example' } },
    );
    expectError(r, 403, 'csrf');
    assert.equal(r.headers.get('set-cookie'), null);
    const form = await anon(ctx.base).form(
      '/login',
      { name: 'worker', password: PASSWORD, next: '/' },
      { headers: { origin: 'http://evil.example' } },
    );
    assert.equal(form.status, 403);
    const t = await run(['token', 'create', '--data', ctx.server.dataDir, '--user', 'worker']);
    assert.equal(t.code, 0, t.stderr);
    const bearer = new Client(ctx.base, { token: t.stdout.trim() });
    expectError(await bearer.post('/api/v1/clients', newClient(), { headers: { origin: 'http://evil.example' } }), 403, 'csrf');
    const ok = await bearer.post('/api/v1/clients', newClient());
    assert.equal(ok.status, 201, 'a bearer token needs no CSRF token (control)');
  });

  test('the own origin is accepted, and GET from anywhere is fine', T, async () => {
    const r = await ctx.w.post('/api/v1/clients', newClient(), { headers: { origin: ctx.base } });
    assert.equal(r.status, 201, r.text);
    const g = await ctx.w.get(`/api/v1/clients/${ctx.target.uid}`, { headers: { origin: 'http://evil.example' } });
    assert.equal(g.status, 200);
  });
});
