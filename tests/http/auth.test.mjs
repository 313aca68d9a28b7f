// auth.test.mjs: log-in and log-out (API and HTML form), throttling, cookies, bearer tokens,
// security headers and what an anonymous visitor may see.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  Client,
  PASSWORD,
  TEST_TIMEOUT,
  anon,
  apiLoginFrom,
  cookiesOf,
  expectError,
  hooks,
  login,
  raw,
  run,
  sessionCookie,
} from './helpers.mjs';

const ctx = hooks(before, after);
const T = { timeout: TEST_TIMEOUT };

function assertSecurityHeaders(h, what) {
  const get = (k) => (typeof h.get === 'function' ? h.get(k) : h[k]);
  const csp = get('content-security-policy');
  assert.ok(csp, `${what}: no Content-Security-Policy`);
  assert.match(csp, /default-src 'self'/, `${what}: CSP ${csp}`);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, `${what}: CSP ${csp}`);
  const framing = /frame-ancestors 'none'/.test(csp) || /^(DENY|SAMEORIGIN)$/i.test(get('x-frame-options') || '');
  assert.ok(framing, `${what}: neither frame-ancestors nor X-Frame-Options`);
  assert.equal(get('x-content-type-options'), 'nosniff', what);
  assert.ok(get('referrer-policy'), `${what}: no Referrer-Policy`);
  assert.match(get('referrer-policy'), /^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/, what);
}

function parseCookie(setCookie) {
  const [pair, ...attrs] = setCookie.split(';').map((s) => s.trim());
  const flags = {};
  for (const a of attrs) {
    const [k, v = true] = a.split('=');
    flags[k.toLowerCase()] = v;
  }
  return { pair, flags };
}

describe('public endpoints and anonymous visitors', () => {
  test('static files are public; a path cannot climb out of them', T, async () => {
    const css = await anon(ctx.base).get('/static/style.css');
    assert.equal(css.status, 200);
    assert.match(css.headers.get('content-type'), /^text\/css/);
    for (const p of ['/static/..%2F..%2Fsrc%2Fmain.c', '/static/..%2Fdocs%2Fopenapi.json', '/static/%2e%2e/po/id.po', '/static/nothing.css']) {
      assert.equal((await anon(ctx.base).get(p)).status, 404, p);
    }
  });

  test('pages link each asset by its version, which browsers may keep for a year', T, async () => {
    const page = await anon(ctx.base).get('/login');
    const links = [...page.text.matchAll(/(?:href|src)="(\/static\/[a-z.]+)\?v=([0-9a-f]{12})"/g)];
    assert.deepEqual(links.map((m) => m[1]).sort(), ['/static/app.js', '/static/favicon.svg', '/static/style.css']);
    for (const [url, file] of links.map((m) => [m[0].split('"')[1], m[1]])) {
      const versioned = await anon(ctx.base).get(url);
      assert.equal(versioned.status, 200, url);
      assert.equal(versioned.headers.get('cache-control'), 'public, max-age=31536000, immutable', url);
      const plain = await anon(ctx.base).get(file);
      assert.equal(plain.text, versioned.text, url);
      // The version is the start of the file's SHA-256: a new file, a new URL.
      assert.equal(url.split('?v=')[1], createHash('sha256').update(plain.text).digest('hex').slice(0, 12), url);
      assert.equal(plain.headers.get('cache-control'), 'public, max-age=3600', file);
      // A version that is not the file's (an old page, a guess) is not kept for long.
      const stale = await anon(ctx.base).get(`${file}?v=000000000000`);
      assert.equal(stale.status, 200);
      assert.equal(stale.headers.get('cache-control'), 'public, max-age=3600', file);
    }
  });

  test('/healthz answers without log-in', T, async () => {
    const r = await anon(ctx.base).get('/healthz');
    assert.equal(r.status, 200);
    assert.equal(r.json.status, 'ok');
    assert.equal(typeof r.json.version, 'string');
  });

  test('security headers on JSON, HTML, redirects and errors', T, async () => {
    const a = anon(ctx.base);
    assertSecurityHeaders((await a.get('/healthz')).headers, 'GET /healthz');
    const loginPage = await a.get('/login');
    assert.equal(loginPage.status, 200);
    assert.match(loginPage.headers.get('content-type'), /^text\/html/);
    assertSecurityHeaders(loginPage.headers, 'GET /login');
    assertSecurityHeaders((await a.get('/clients')).headers, 'GET /clients (redirect)');
    assertSecurityHeaders((await a.get('/api/v1/clients')).headers, 'GET /api/v1/clients (401)');
    assertSecurityHeaders((await a.get('/no-such-page')).headers, 'GET /no-such-page (404)');
    const w = (await login(ctx.base, 'worker')).client;
    const page = await w.get('/clients');
    assert.equal(page.status, 200);
    assertSecurityHeaders(page.headers, 'GET /clients (logged in)');
    const api = await w.get('/api/v1/clients?limit=1');
    assert.equal(api.status, 200);
    assertSecurityHeaders(api.headers, 'GET /api/v1/clients (logged in)');
    assert.equal(api.headers.get('cache-control'), 'no-store', 'personal data must not be cached');
  });

  test('HTML pages without log-in redirect to /login', T, async () => {
    const a = anon(ctx.base);
    for (const p of ['/clients', '/clients/new', '/summary', '/users', '/audit']) {
      const r = await a.get(p);
      assert.equal(r.status, 303, `${p}: ${r.status}`);
      const loc = r.headers.get('location');
      assert.ok(loc.startsWith('/login'), `${p} redirects to ${loc}`);
      assert.match(decodeURIComponent(loc), new RegExp(`next=${p}`), `${p}: the way back is kept`);
    }
    const home = await a.get('/');
    assert.equal(home.status, 303);
    assert.equal(home.headers.get('location'), '/login');
  });

  test('API routes without log-in answer 401 in JSON', T, async () => {
    const a = anon(ctx.base);
    for (const [m, p] of [
      ['GET', '/api/v1/me'],
      ['GET', '/api/v1/clients'],
      ['GET', '/api/v1/summary'],
      ['GET', '/api/v1/audit'],
      ['POST', '/api/v1/clients'],
      ['DELETE', '/api/v1/session'],
    ]) {
      const r = await a.request(m, p, m === 'POST' ? { json: { name: 'X' } } : {});
      expectError(r, 401, 'unauthenticated');
    }
  });
});

describe('API log-in and log-out', () => {
  test('log-in returns the user and a CSRF token and sets a strict HttpOnly cookie', T, async () => {
    const res = await fetch(`${ctx.base}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', connection: 'close' },
      body: JSON.stringify({ name: 'worker', password: PASSWORD }),
    });
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.user.name, 'worker');
    assert.equal(body.user.role, 'worker');
    assert.equal(typeof body.user.uid, 'string');
    assert.equal(body.user.disabled, false);
    assert.equal(body.user.password_hash, undefined);
    assert.equal(typeof body.csrf, 'string');
    assert.ok(body.csrf.length >= 32, 'CSRF token is long enough to be unguessable');
    const cookies = cookiesOf(res).filter((c) => c.startsWith('pd_session='));
    assert.equal(cookies.length, 1);
    const { pair, flags } = parseCookie(cookies[0]);
    assert.ok(pair.length > 'pd_session='.length + 30, 'session token is long');
    assert.equal(flags.httponly, true, 'HttpOnly');
    assert.equal(String(flags.samesite).toLowerCase(), 'strict', 'SameSite=Strict');
    assert.equal(flags.path, '/');
    assert.ok(Number(flags['max-age']) > 0);

    const me = await new Client(ctx.base, { cookie: pair }).get('/api/v1/me');
    assert.equal(me.status, 200);
    assert.equal(me.json.name, 'worker');
    assert.equal(me.json.csrf, body.csrf, '/api/v1/me gives the session its CSRF token');
  });

  test('wrong password: 401 with a message, no cookie, same answer for an unknown user', T, async () => {
    const bad = await apiLoginFrom(ctx.base, '127.0.0.5', 'worker', 'not-the-password', { cookie: 'pd_lang=en' });
    const e = expectError(bad, 401, 'unauthenticated');
    assert.match(e.message, /wrong user name or password/i);
    assert.equal(bad.headers['set-cookie'], undefined, 'no cookie on failure');
    const unknown = await apiLoginFrom(ctx.base, '127.0.0.5', 'nobody-here', 'not-the-password', { cookie: 'pd_lang=en' });
    expectError(unknown, 401, 'unauthenticated');
    assert.deepEqual(unknown.json, bad.json, 'an unknown name is answered like a wrong password');
    // A success afterwards still works (1-2 failures are far from the limit).
    await login(ctx.base, 'worker');
  });

  test('a log-in always issues a new session token (no session fixation)', T, async () => {
    const relogin = async (cookie, csrf) => {
      const headers = { 'content-type': 'application/json', cookie, connection: 'close' };
      if (csrf) headers['x-csrf-token'] = csrf;
      const res = await fetch(`${ctx.base}/api/v1/session`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: 'worker', password: PASSWORD }),
      });
      assert.equal(res.status, 200, await res.text());
      return sessionCookie(res);
    };
    // A cookie value planted by someone else is not adopted.
    const planted = `pd_session=${'A'.repeat(43)}`;
    const fresh = await relogin(planted);
    assert.ok(fresh);
    assert.notEqual(fresh, planted);
    expectError(await new Client(ctx.base, { cookie: planted }).get('/api/v1/me'), 401);
    // Logging in again over a live session gives another token.
    const first = await login(ctx.base, 'worker');
    const second = await relogin(first.cookie, first.csrf);
    assert.notEqual(second, first.cookie);
  });

  test('missing or non-text credentials are 422 naming the field', T, async () => {
    const a = anon(ctx.base);
    expectError(await a.post('/api/v1/session', { name: 'worker' }), 422, 'invalid', 'password');
    expectError(await a.post('/api/v1/session', { password: PASSWORD }), 422, 'invalid', 'name');
    expectError(await a.post('/api/v1/session', { name: 5, password: PASSWORD }), 422, 'invalid', 'name');
  });

  test('log-out ends the session: the old cookie no longer works', T, async () => {
    const s = await login(ctx.base, 'worker2');
    assert.equal((await s.client.get('/api/v1/me')).status, 200);
    const out = await s.client.del('/api/v1/session');
    assert.equal(out.status, 204);
    const cleared = cookiesOf(out.res).find((c) => c.startsWith('pd_session='));
    assert.ok(cleared, 'log-out clears the cookie');
    assert.match(cleared, /Max-Age=0/i);
    expectError(await s.client.get('/api/v1/me'), 401, 'unauthenticated');
    const page = await s.client.get('/clients');
    assert.equal(page.status, 303, 'the HTML side is logged out too');
    // Other sessions of the same user are not affected.
    const other = await login(ctx.base, 'worker2');
    assert.equal((await other.client.get('/api/v1/me')).status, 200);
  });
});

describe('HTML log-in form', () => {
  test('GET /login shows the form', T, async () => {
    const r = await anon(ctx.base).get('/login?next=/clients');
    assert.equal(r.status, 200);
    assert.match(r.text, /<form[^>]+action="\/login"/);
    assert.match(r.text, /name="password"[^>]*type="password"|type="password"[^>]*name="password"/);
    assert.match(r.text, /name="next" value="\/clients"/);
  });

  test('posting the form logs in, redirects to next, and log-out ends the session', T, async () => {
    const a = anon(ctx.base);
    const r = await a.form('/login', { name: 'supervisor', password: PASSWORD, next: '/clients?q=siti' });
    assert.equal(r.status, 303, r.text);
    assert.equal(r.headers.get('location'), '/clients?q=siti');
    const set = cookiesOf(r.res).find((c) => c.startsWith('pd_session='));
    assert.ok(set, 'a session cookie is set');
    const { flags } = parseCookie(set);
    assert.equal(flags.httponly, true);
    assert.equal(String(flags.samesite).toLowerCase(), 'strict');
    const cookie = sessionCookie(r.res);
    const user = new Client(ctx.base, { cookie });
    const page = await user.get('/clients');
    assert.equal(page.status, 200);
    assert.match(page.text, /supervisor/);
    // The form needs the session's CSRF token, which the page carries.
    const m = /name="_csrf" value="([^"]+)"/.exec(page.text);
    assert.ok(m, 'the page has a _csrf field');
    const me = await user.get('/api/v1/me');
    // Masked afresh on each page: a random pad, then the pad XOR the token, in hex.
    const half = m[1].length / 2;
    const pad = Buffer.from(m[1].slice(0, half), 'hex');
    const x = Buffer.from(m[1].slice(half), 'hex');
    assert.equal(Buffer.from(x.map((b, i) => b ^ pad[i])).toString('latin1'), me.json.csrf);
    user.csrf = m[1];
    const out = await user.form('/logout', {});
    assert.equal(out.status, 303);
    assert.equal(out.headers.get('location'), '/login');
    const after = await user.get('/clients');
    assert.equal(after.status, 303, 'the cookie no longer works after log-out');
    assert.ok(after.headers.get('location').startsWith('/login'));
    expectError(await user.get('/api/v1/me'), 401);
  });

  test('a wrong password re-shows the form with 401 and sets no cookie', T, async () => {
    const body = new URLSearchParams({ name: 'supervisor', password: 'wrong-password', next: '/' }).toString();
    const r = await raw(ctx.base, {
      method: 'POST',
      path: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
      body,
      localAddress: '127.0.0.6',
    });
    assert.equal(r.status, 401);
    assert.match(r.headers['content-type'], /^text\/html/);
    assert.match(r.text, /role="alert"/);
    assert.match(r.text, /value="supervisor"/, 'the name is kept');
    assert.doesNotMatch(r.text, /wrong-password/, 'the password is not echoed');
    assert.equal(r.headers['set-cookie'], undefined);
  });

  test('next must be a local path (no open redirect)', T, async () => {
    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
      const r = await anon(ctx.base).form('/login', { name: 'supervisor', password: PASSWORD, next });
      assert.equal(r.status, 303);
      assert.equal(r.headers.get('location'), '/', `next=${next}`);
    }
  });

  test('next with tabs or line breaks cannot leave the site nor lose the redirect', T, async () => {
    // Browsers drop tabs and line breaks from a Location before resolving it (WHATWG URL), so
    // "/<TAB>/evil.example" is followed as "//evil.example".
    const origin = new URL(ctx.base).origin;
    for (const next of ['/\t/evil.example/', '/\n/evil.example/', '/\r/evil.example/', '/\r\n/evil.example/']) {
      const body = new URLSearchParams({ name: 'supervisor', password: PASSWORD, next }).toString();
      const r = await raw(ctx.base, {
        method: 'POST',
        path: '/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
        body,
      });
      assert.equal(r.status, 303, JSON.stringify(next));
      assert.ok(r.headers.location, `next=${JSON.stringify(next)}: a 303 without Location`);
      const target = new URL(r.headers.location, ctx.base);
      assert.equal(target.origin, origin, `next=${JSON.stringify(next)} redirects to ${target.href}`);
    }
    const lang = await raw(ctx.base, { path: `/language?lang=en&back=${encodeURIComponent('/\t/evil.example/')}` });
    assert.equal(lang.status, 303);
    assert.equal(new URL(lang.headers.location, ctx.base).origin, origin, `back= redirects to ${lang.headers.location}`);
  });
});

describe('bearer tokens', () => {
  test('a token made on the command line authenticates without cookie or CSRF', T, async () => {
    const t = await run(['token', 'create', '--data', ctx.server.dataDir, '--user', 'worker']);
    assert.equal(t.code, 0, t.stderr);
    const token = t.stdout.trim();
    assert.match(token, /^pdt_[A-Za-z0-9_-]{43}$/);
    const c = new Client(ctx.base, { token });
    const me = await c.get('/api/v1/me');
    assert.equal(me.status, 200);
    assert.equal(me.json.name, 'worker');
    assert.equal(me.json.csrf, undefined, 'a token has no CSRF token');
    const list = await c.get('/api/v1/clients?limit=2');
    assert.equal(list.status, 200);
    assert.equal(list.json.items.length, 2);
  });

  test('a token made by the admin over the API works for that user', T, async () => {
    const admin = (await login(ctx.base, 'admin')).client;
    const r = await admin.post('/api/v1/users/volunteer/tokens', {});
    assert.equal(r.status, 201, r.text);
    const c = new Client(ctx.base, { token: r.json.token });
    const me = await c.get('/api/v1/me');
    assert.equal(me.json.name, 'volunteer');
    expectError(await c.post('/api/v1/clients', { name: 'X' }), 403, 'forbidden');
  });

  test('bad tokens are 401', T, async () => {
    const a = anon(ctx.base);
    for (const token of ['nonsense', 'pdt_short', `pdt_${'A'.repeat(43)}`, `${'A'.repeat(47)}`]) {
      const r = await a.get('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
      expectError(r, 401, 'unauthenticated');
    }
  });
});

describe('a form sent after the session ended', () => {
  const hidden = (html) => [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)]
    .map(([, k, v]) => [k, v.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&amp;/g, '&')]);
  /** expired logs name in and ends the session by time (its last use three hours ago). */
  async function expired(name) {
    const { client } = await login(ctx.base, name);
    // The newest session of that user is the one just made.
    await new Promise((resolve, reject) => execFile('sqlite3', [path.join(ctx.server.dataDir, 'pendamping.db'),
      `UPDATE session SET seen_at = seen_at - 3 * 3600 WHERE id = (SELECT max(s.id) FROM session s JOIN user u ON u.id = s.user_id WHERE u.name = '${name}')`],
    (err, out, e) => (err ? reject(new Error(e)) : resolve())));
    assert.equal((await client.get('/api/v1/me')).status, 401, 'the session has ended');
    return client;
  }
  const own = { origin: null }; // set in before: this site's origin

  test('is kept through the log-in, unreadable in the page, and offered again to its user', T, async () => {
    own.origin = ctx.base;
    const sup = await expired('supervisor');
    const typed = { name: 'Panti "Sesi" & Berakhir', type: 'lks', _csrf: sup.csrf };
    const r = await sup.form('/agencies', typed, { headers: own });
    assert.equal(r.status, 401);
    assert.match(r.text, /<form method="post" action="\/login"/);
    assert.match(r.text, /role="alert"/);
    const carried = Object.fromEntries(hidden(r.text));
    assert.ok(carried.resend, 'the form is carried');
    assert.doesNotMatch(r.text, /Berakhir/, 'what was typed is not readable in the log-in page');
    // A wrong password keeps it; another user's log-in drops it; the right user is offered it.
    const wrong = await anon(ctx.base).form('/login', { ...carried, name: 'supervisor', password: 'salah-sekali' });
    assert.equal(wrong.status, 401);
    assert.equal(Object.fromEntries(hidden(wrong.text)).resend, carried.resend);
    const other = await anon(ctx.base).form('/login', { ...carried, name: 'worker', password: PASSWORD });
    assert.equal(other.status, 303, 'another user logs in as usual, without the form');
    const ok = await anon(ctx.base).form('/login', { ...carried, name: 'supervisor', password: PASSWORD });
    assert.equal(ok.status, 200, ok.text.slice(0, 300));
    assert.match(ok.text, /<form method="post" action="\/agencies"/);
    const again = Object.fromEntries(hidden(ok.text));
    assert.equal(again.name, typed.name);
    assert.equal(again.type, 'lks');
    assert.notEqual(again._csrf, typed._csrf);
    const fresh = new Client(ctx.base, { cookie: sessionCookie(ok) });
    const sent = await fresh.form('/agencies', again, { csrf: false });
    assert.equal(sent.status, 303, sent.text.slice(0, 300));
    const list = await fresh.get('/api/v1/agencies');
    assert.ok(list.json.items.some((a) => a.name === typed.name), 'the agency was saved once logged in again');
  });

  test('another site\'s form, a form without a session, or a form after logging out is not carried', T, async () => {
    const sup = await expired('supervisor');
    const fields = { name: 'Dari Situs Lain', type: 'lks' };
    for (const [who, headers] of [
      [sup, { origin: 'https://evil.example' }],
      [sup, {}],
      [anon(ctx.base), { origin: ctx.base }],
    ]) {
      const r = await who.form('/agencies', fields, { headers });
      assert.equal(r.status, 401);
      assert.ok(!hidden(r.text).some(([k]) => k === 'resend'), JSON.stringify(headers));
    }
    const { client } = await login(ctx.base, 'supervisor');
    assert.equal((await client.del('/api/v1/session')).status, 204);
    const out = await client.form('/agencies', fields, { headers: { origin: ctx.base } });
    assert.equal(out.status, 401);
    assert.ok(!hidden(out.text).some(([k]) => k === 'resend'), 'a session ended by logging out carries nothing');
    // A made-up carried form is no form.
    const forged = await anon(ctx.base).form('/login', { name: 'supervisor', password: PASSWORD, resend: 'AAAA' });
    assert.equal(forged.status, 303);
  });
});

describe('log-in throttling', () => {
  test('after 5 failures the account is locked (429) from any address; others still log in', T, async () => {
    const admin = (await login(ctx.base, 'admin')).client;
    // Writing the name in other letter cases does not give more attempts.
    for (const [i, name] of ['worker2', 'Worker2', 'WORKER2', 'worker2', 'wOrKeR2'].entries()) {
      const r = await apiLoginFrom(ctx.base, '127.0.0.2', name, `wrong-${i}`);
      expectError(r, 401, 'unauthenticated');
    }
    // Even the right password is refused now, from another address, over the API and the form.
    const locked = await apiLoginFrom(ctx.base, '127.0.0.3', 'worker2', PASSWORD);
    const e = expectError(locked, 429, 'throttled');
    assert.ok(e.message.length > 10);
    assert.equal(locked.headers['set-cookie'], undefined);
    assert.equal(locked.headers['retry-after'], '900', 'the lock lasts at most its 15 minutes');
    const body = new URLSearchParams({ name: 'worker2', password: PASSWORD, next: '/' }).toString();
    const form = await raw(ctx.base, {
      method: 'POST',
      path: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
      body,
      localAddress: '127.0.0.4',
    });
    assert.equal(form.status, 429);
    assert.equal(form.headers['set-cookie'], undefined);
    // Another account from another address is not affected.
    await login(ctx.base, 'supervisor');
    // The failures are in the audit trail.
    const audit = await admin.get('/api/v1/audit?action=login_failed&limit=50');
    assert.equal(audit.status, 200);
    const mine = audit.json.items.filter((i) => String(i.detail.name).toLowerCase() === 'worker2');
    assert.equal(mine.length, 5, 'each failure is audited once; refusals while locked are not failures');
    assert.ok(mine.every((i) => i.detail.ip === '127.0.0.2'));
  });

  test('after 20 failures from one address, that address is locked for every account', { timeout: TEST_TIMEOUT * 3 }, async () => {
    // An office's workers share an address: their typing mistakes do not lock the office out.
    for (let i = 1; i <= 19; i++) {
      expectError(await apiLoginFrom(ctx.base, '127.0.0.10', `nobody${i}`, 'wrong-password'), 401, 'unauthenticated');
    }
    const still = await apiLoginFrom(ctx.base, '127.0.0.10', 'supervisor', PASSWORD);
    assert.equal(still.status, 200, still.text);
    expectError(await apiLoginFrom(ctx.base, '127.0.0.10', 'nobody20', 'wrong-password'), 401, 'unauthenticated');
    expectError(await apiLoginFrom(ctx.base, '127.0.0.10', 'supervisor', PASSWORD), 429, 'throttled');
    // A forwarded-for header does not let the same address through.
    const spoofed = await apiLoginFrom(ctx.base, '127.0.0.10', 'supervisor', PASSWORD, { 'x-forwarded-for': '203.0.113.7' });
    expectError(spoofed, 429, 'throttled');
    // Another address is not affected.
    const other = await apiLoginFrom(ctx.base, '127.0.0.11', 'supervisor', PASSWORD);
    assert.equal(other.status, 200, other.text);
  });
});
