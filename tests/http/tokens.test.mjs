// tokens.test.mjs: API tokens expire (a year by default, or after the days asked), are revoked by
// the administrator (API and command line), both are audited, and an expired or revoked token no
// longer opens anything.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { Client, HOOK_TIMEOUT, TEST_TIMEOUT, expectError, login, run, startServer } from './helpers.mjs';

const T = { timeout: TEST_TIMEOUT };
let srv;
let admin;

before(async () => {
  srv = await startServer();
  admin = (await login(srv.base, 'admin')).client;
}, { timeout: HOOK_TIMEOUT });

after(async () => {
  await srv?.stop();
}, { timeout: HOOK_TIMEOUT });

async function newToken(user) {
  const r = await admin.post(`/api/v1/users/${user}/tokens`, {});
  assert.equal(r.status, 201, r.text);
  return r.json.token;
}

describe('revoking API tokens', () => {
  test('the API revokes every token of a user, and the tokens stop working', T, async () => {
    const one = await newToken('worker2');
    const two = await newToken('worker2');
    const other = await newToken('worker');
    for (const t of [one, two, other]) {
      assert.equal((await new Client(srv.base, { token: t }).get('/api/v1/me')).status, 200);
    }
    const r = await admin.del('/api/v1/users/worker2/tokens');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.revoked, 2);
    for (const t of [one, two]) {
      const me = await new Client(srv.base, { token: t }).get('/api/v1/me');
      assert.equal(me.status, 401);
      assert.equal(me.json.error.code, 'unauthenticated');
    }
    // Someone else's token is untouched.
    assert.equal((await new Client(srv.base, { token: other }).get('/api/v1/me')).status, 200);
    const audit = await admin.get('/api/v1/audit?action=token_revoke');
    assert.equal(audit.status, 200);
    assert.equal(audit.json.items[0].detail.revoked, 2);
  });

  test('only an administrator revokes, and an unknown user is 404', T, async () => {
    const worker = (await login(srv.base, 'worker')).client;
    const t = await newToken('worker');
    assert.equal((await worker.del('/api/v1/users/worker/tokens')).status, 403);
    assert.equal((await new Client(srv.base, { token: t }).get('/api/v1/me')).status, 200);
    assert.equal((await admin.del('/api/v1/users/nobody-here/tokens')).status, 404);
  });

  test('the command line revokes too', T, async () => {
    const t = await newToken('supervisor');
    const r = await run(['token', 'revoke', '--data', srv.dataDir, '--user', 'supervisor']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /revoked 1 token of supervisor/);
    assert.equal((await new Client(srv.base, { token: t }).get('/api/v1/me')).status, 401);
    const bad = await run(['token', 'remove', '--data', srv.dataDir, '--user', 'supervisor']);
    assert.equal(bad.code, 2);
  });
});

const DAY = 86400 * 1000;

describe('expiring API tokens', () => {
  test('a token is valid for a year unless asked otherwise, and says until when', T, async () => {
    const before = Date.now();
    const r = await admin.post('/api/v1/users/worker/tokens', {});
    assert.equal(r.status, 201, r.text);
    const until = Date.parse(r.json.expires_at);
    assert.ok(Math.abs(until - (before + 365 * DAY)) < 60_000, r.json.expires_at);
    const week = await admin.post('/api/v1/users/worker/tokens', { days: 7 });
    assert.equal(week.status, 201, week.text);
    assert.ok(Math.abs(Date.parse(week.json.expires_at) - (before + 7 * DAY)) < 60_000, week.json.expires_at);
    assert.equal((await new Client(srv.base, { token: week.json.token }).get('/api/v1/me')).status, 200);
    const audit = await admin.get('/api/v1/audit?action=token_create');
    assert.equal(audit.json.items[0].detail.expires_at, week.json.expires_at);
  });

  test('days outside 1-3650, or another member, is 422 naming it', T, async () => {
    for (const days of [0, -1, 3651, 2.5, '30', null]) {
      expectError(await admin.post('/api/v1/users/worker/tokens', { days }), 422, 'invalid', 'days');
    }
    expectError(await admin.post('/api/v1/users/worker/tokens', { expires: '2030-01-01' }), 422, 'invalid', 'expires');
  });

  test('an expired token is refused like an unknown one', T, async () => {
    const r = await admin.post('/api/v1/users/volunteer/tokens', { days: 1 });
    assert.equal(r.status, 201, r.text);
    const holder = new Client(srv.base, { token: r.json.token });
    assert.equal((await holder.get('/api/v1/me')).status, 200);
    // A day later: the row says it ended a minute ago.
    execFileSync('sqlite3', [path.join(srv.dataDir, 'pendamping.db'),
      "UPDATE api_token SET expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 minute') WHERE id = (SELECT max(id) FROM api_token)"]);
    expectError(await holder.get('/api/v1/me'), 401, 'unauthenticated');
  });

  test('the command line takes --days and tells the end on standard error', T, async () => {
    const t = await run(['token', 'create', '--data', srv.dataDir, '--user', 'worker', '--days', '30']);
    assert.equal(t.code, 0, t.stderr);
    assert.match(t.stdout.trim(), /^pdt_[A-Za-z0-9_-]+$/);
    const until = Date.parse(t.stderr.match(/valid until (\S+)/)[1]);
    assert.ok(Math.abs(until - (Date.now() + 30 * DAY)) < 60_000, t.stderr);
    assert.equal((await new Client(srv.base, { token: t.stdout.trim() }).get('/api/v1/me')).status, 200);
    for (const bad of ['0', '3651', 'x']) {
      const r = await run(['token', 'create', '--data', srv.dataDir, '--user', 'worker', '--days', bad]);
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /--days/);
    }
  });
});
