// proxy.test.mjs: serve --trusted-proxy: behind a reverse proxy that ends TLS, the client's
// address comes from X-Forwarded-For (for log-in throttling and the audit trail), cookies are
// Secure and HSTS is sent when the browser spoke HTTPS, and the origin check uses the host the
// browser asked for. Headers from any other peer are not believed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PASSWORD, TEST_TIMEOUT, apiLoginFrom, expectError, login, run, startServer } from './helpers.mjs';

const T = { timeout: TEST_TIMEOUT };
const PROXY = '127.0.0.5';
const ctx = {};

before(async () => {
  ctx.server = await startServer({ args: ['--trusted-proxy', `${PROXY},::1`] });
  ctx.base = ctx.server.base;
  ctx.admin = (await login(ctx.base, 'admin')).client;
}, { timeout: TEST_TIMEOUT * 2 });
after(async () => {
  if (ctx.server) await ctx.server.stop();
}, { timeout: TEST_TIMEOUT * 2 });

/** failedFrom returns the addresses audited for the failed log-ins of name. */
async function failedFrom(name) {
  const a = await ctx.admin.get('/api/v1/audit?action=login_failed&limit=100');
  assert.equal(a.status, 200, a.text);
  return a.json.items.filter((i) => i.detail.name === name).map((i) => i.detail.ip);
}

describe('behind a trusted proxy', () => {
  test('the client is the address the proxy forwarded; from another peer the peer is', T, async () => {
    const h = { 'x-forwarded-for': '1.1.1.1, 203.0.113.7' }; // the left entry is the client's own say
    expectError(await apiLoginFrom(ctx.base, PROXY, 'lewat.proxy', 'wrong', h), 401, 'unauthenticated');
    expectError(await apiLoginFrom(ctx.base, '127.0.0.6', 'lewat.proxy', 'wrong', h), 401, 'unauthenticated');
    assert.deepEqual((await failedFrom('lewat.proxy')).sort(), ['127.0.0.6', '203.0.113.7']);
  });

  test('a proxy that adds its own X-Forwarded-For line is believed, not the client\'s line', T, async () => {
    const two = { 'x-forwarded-for': ['6.6.6.6', '203.0.113.50'] }; // the client's line, then the proxy's
    expectError(await apiLoginFrom(ctx.base, PROXY, 'dua.baris', 'wrong', two), 401, 'unauthenticated');
    const long = { 'x-forwarded-for': `${Array.from({ length: 300 }, (_, i) => `10.0.${i >> 8}.${i & 255}`).join(', ')}, 203.0.113.51` };
    expectError(await apiLoginFrom(ctx.base, PROXY, 'baris.panjang', 'wrong', long), 401, 'unauthenticated');
    assert.deepEqual(await failedFrom('dua.baris'), ['203.0.113.50']);
    assert.deepEqual(await failedFrom('baris.panjang'), ['203.0.113.51']);
  });

  test('clients behind the proxy are throttled each by their own address', { timeout: TEST_TIMEOUT * 3 }, async () => {
    const from = (ip) => ({ 'x-forwarded-for': ip });
    for (let i = 1; i <= 20; i++) {
      expectError(await apiLoginFrom(ctx.base, PROXY, `tamu${i}`, 'wrong', from('198.51.100.20')), 401, 'unauthenticated');
    }
    expectError(await apiLoginFrom(ctx.base, PROXY, 'supervisor', PASSWORD, from('198.51.100.20')), 429, 'throttled');
    const other = await apiLoginFrom(ctx.base, PROXY, 'supervisor', PASSWORD, from('198.51.100.21'));
    assert.equal(other.status, 200, other.text);
  });

  test('HTTPS at the proxy makes cookies Secure and sends HSTS; plain HTTP does not', T, async () => {
    const https = await apiLoginFrom(ctx.base, PROXY, 'worker', PASSWORD, { 'x-forwarded-proto': 'https' });
    assert.equal(https.status, 200, https.text);
    const cookie = [].concat(https.headers['set-cookie']).find((c) => c.startsWith('pd_session='));
    assert.match(cookie, /; HttpOnly; SameSite=Strict; Max-Age=\d+; Secure$/);
    assert.equal(https.headers['strict-transport-security'], 'max-age=31536000');
    for (const [peer, proto] of [[PROXY, 'http'], [PROXY, undefined], ['127.0.0.6', 'https']]) {
      const r = await apiLoginFrom(ctx.base, peer, 'worker', PASSWORD, proto ? { 'x-forwarded-proto': proto } : {});
      assert.equal(r.status, 200, r.text);
      assert.doesNotMatch([].concat(r.headers['set-cookie']).join('\n'), /Secure/, `${peer} ${proto}`);
      assert.equal(r.headers['strict-transport-security'], undefined, `${peer} ${proto}`);
    }
  });

  test('the origin check compares with the host the browser asked the proxy for', T, async () => {
    const origin = { origin: 'https://pendamping.dinsos.example', 'x-forwarded-host': 'pendamping.dinsos.example' };
    const ok = await apiLoginFrom(ctx.base, PROXY, 'worker', PASSWORD, origin);
    assert.equal(ok.status, 200, ok.text);
    expectError(await apiLoginFrom(ctx.base, '127.0.0.6', 'worker', PASSWORD, origin), 403, 'csrf');
    expectError(await apiLoginFrom(ctx.base, PROXY, 'worker', PASSWORD, { origin: 'https://evil.example', 'x-forwarded-host': 'pendamping.dinsos.example' }), 403, 'csrf');
  });
});

test('serve refuses a --trusted-proxy that is not a list of addresses', T, async () => {
  for (const bad of ['localhost', '10.0.0.0/8', '127.0.0.1,']) {
    const r = await run(['serve', '--data', '/nonexistent', '--trusted-proxy', bad]);
    assert.equal(r.code, 2, bad);
    assert.match(r.stderr, /--trusted-proxy must be IP addresses/, bad);
  }
});
