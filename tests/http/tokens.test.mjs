// tokens.test.mjs: API tokens are revoked by the administrator (API and command line), the
// revocation is audited, and a revoked token no longer opens anything.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Client, HOOK_TIMEOUT, TEST_TIMEOUT, login, run, startServer } from './helpers.mjs';

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
