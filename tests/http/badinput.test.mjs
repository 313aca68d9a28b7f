// badinput.test.mjs: malformed, oversized, mistyped and hostile input is refused with the right
// status and changes nothing; text with SQL and HTML metacharacters is stored verbatim and shown
// escaped.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import {
  ANSWER_TIMEOUT,
  TEST_TIMEOUT,
  anon,
  createClient,
  expectError,
  hooks,
  login,
  newClient,
  raw,
  snapshot,
} from './helpers.mjs';

const T = { timeout: TEST_TIMEOUT };

const ctx = hooks(before, after, async (c) => {
  c.worker = await login(c.base, 'worker');
  c.w = c.worker.client;
  c.admin = (await login(c.base, 'admin')).client;
  c.target = await createClient(c.w);
});

/** post sends body bytes to path as the worker (cookie + CSRF) with contentType. */
function post(path, body, contentType = 'application/json', method = 'POST') {
  return raw(ctx.base, {
    method,
    path,
    headers: {
      'content-type': contentType,
      'content-length': Buffer.byteLength(body),
      cookie: ctx.worker.cookie,
      'x-csrf-token': ctx.worker.csrf,
    },
    body,
  });
}

/** unchanged asserts that the target client was not modified. */
async function targetUnchanged() {
  const r = await ctx.w.get(`/api/v1/clients/${ctx.target.uid}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.version, ctx.target.version);
  assert.equal(r.json.name, ctx.target.name);
}

describe('malformed JSON', () => {
  test('syntax errors are 400 bad_json', T, async () => {
    const snap = await snapshot(ctx.w, ctx.admin);
    for (const body of ['{', '{"name":', '{"name":"a",}', "{'name':'a'}", '{"name":"a"} x', '', ' ', '{"name":"a","name":"b"}', '['.repeat(100_000)]) {
      const r = await post('/api/v1/clients', body);
      expectError(r, 400, 'bad_json');
    }
    const p = await post(`/api/v1/clients/${ctx.target.uid}`, '{"version":', 'application/json', 'PATCH');
    expectError(p, 400, 'bad_json');
    await targetUnchanged();
    await snap.same('malformed JSON');
  });

  test('a syntax error says where; a number too large for a whole number is 422 naming its field', T, async () => {
    const snap = await snapshot(ctx.w, ctx.admin);
    const r = await post('/api/v1/clients', '{"name": "Siti",\n "sex": x}');
    expectError(r, 400, 'bad_json');
    assert.match(r.json.error.message, /\(baris 2, kolom \d+\)\.$/, r.json.error.message);
    expectError(await post('/api/v1/clients', '{"name": "Siti", "ppks": [2, 99999999999999999999]}'), 422, 'invalid', 'ppks[1]');
    expectError(await post(`/api/v1/clients/${ctx.target.uid}`, '{"version": -99999999999999999999}', 'application/json', 'PATCH'), 422, 'invalid', 'version');
    expectError(await post('/api/v1/clients', '{"consent": {"b": [1, {"c": 1e999999}], "x": [2, {"c": 99999999999999999999}]}}'), 400, 'bad_json');
    expectError(await post('/api/v1/clients', '{"consent": {"x": [2, {"c": 99999999999999999999}]}}'), 422, 'invalid', 'consent.x[1].c');
    expectError(await post('/api/v1/clients', '[99999999999999999999]'), 400, 'bad_json'); // not an object
    // Deep nesting with long keys: the path is not built at every level; too long, the first key names it.
    const depth = 1500, key = 'k'.repeat(400);
    const deep = `{"top": ${`{"${key}": `.repeat(depth)}99999999999999999999${'}'.repeat(depth)}}`;
    expectError(await post('/api/v1/clients', deep), 422, 'invalid', 'top');
    await targetUnchanged();
    await snap.same('numbers too large');
  });

  test('JSON that is not an object is 400 bad_json', T, async () => {
    const snap = await snapshot(ctx.w, ctx.admin);
    for (const body of ['[]', '[{"name":"a"}]', '"name"', '5', 'null', 'true']) {
      expectError(await post('/api/v1/clients', body), 400, 'bad_json');
      expectError(await post(`/api/v1/clients/${ctx.target.uid}`, body, 'application/json', 'PATCH'), 400, 'bad_json');
    }
    expectError(await anon(ctx.base).request('POST', '/api/v1/session', { body: '[]', contentType: 'application/json' }), 400, 'bad_json');
    await targetUnchanged();
    await snap.same('non-object JSON');
  });

  test('invalid UTF-8 in a JSON body is 400', T, async () => {
    const snap = await snapshot(ctx.w, ctx.admin);
    const bodies = [
      Buffer.concat([Buffer.from('{"name":"Siti '), Buffer.from([0xff]), Buffer.from('"}')]),
      Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]),
      Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]), // overlong '/'
      Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]), // a surrogate
      Buffer.from('{"name":"\\ud800"}'), // a lone surrogate escape
      Buffer.from('{"name":"a\\u0000b"}'), // NUL
    ];
    for (const body of bodies) {
      const r = await post('/api/v1/clients', body);
      assert.equal(r.status, 400, `${body.toString('hex')}: ${r.text}`);
      assert.equal(r.json.error.code, 'bad_json');
    }
    await snap.same('invalid UTF-8 in JSON');
  });

  test('control characters in text are 422 naming the field', T, async () => {
    const snap = await snapshot(ctx.w, ctx.admin);
    expectError(await ctx.w.post('/api/v1/clients', newClient({ name: 'Siti\u0007' })), 422, 'invalid', 'name');
    expectError(await ctx.w.post('/api/v1/clients', newClient({ address: 'Jl.\u001b[31m' })), 422, 'invalid', 'address');
    await snap.same('control characters');
  });
});

describe('wrong types and unknown fields', () => {
  const typeCases = [
    [{ name: 5 }, 'name'],
    [{ name: ['Siti'] }, 'name'],
    [{ nik: 3273015705900001 }, 'nik'],
    [{ ppks: 'x' }, 'ppks'],
    [{ ppks: ['3'] }, 'ppks'],
    [{ ppks: [1.5] }, 'ppks'],
    [{ ppks: {} }, 'ppks'],
    [{ household: {} }, 'household'],
    [{ household: 'Ujang' }, 'household'],
    [{ household: [5] }, 'household[0]'],
    [{ household: [{ name: 5, relation: 'Anak' }] }, 'household[0].name'],
    [{ flags: 'urgent' }, 'flags'],
    [{ flags: [1] }, 'flags'],
    [{ disability: [] }, 'disability'],
    [{ disability: { seeing: 2 } }, 'disability.seeing'],
    [{ consent: 'yes' }, 'consent'],
    [{ consent: { given_on: 20260101, scope: 'services' } }, 'consent.given_on'],
    [{ sex: true }, 'sex'],
    [{ notes: {} }, 'notes'],
    [{ confirm_duplicate: 'yes' }, 'confirm_duplicate'],
    [{ confirm_nik_mismatch: 1 }, 'confirm_nik_mismatch'],
  ];
  test('wrong types are 422 naming the field, and nothing is stored', T, async () => {
    const snap = await snapshot(ctx.w, ctx.admin);
    for (const [over, field] of typeCases) {
      const r = await ctx.w.post('/api/v1/clients', newClient(over));
      const e = expectError(r, 422, 'invalid');
      assert.equal(e.field, field, `${JSON.stringify(over)}: ${r.text}`);
    }
    await snap.same('wrong types');
  });

  test('wrong types on patch are 422 and change nothing', T, async () => {
    const snap = await snapshot(ctx.w, ctx.admin);
    for (const [over, field] of [...typeCases, [{ version: '1' }, 'version'], [{ version: 1.5 }, 'version']]) {
      const r = await ctx.w.patch(`/api/v1/clients/${ctx.target.uid}`, { version: ctx.target.version, ...over });
      const e = expectError(r, 422, 'invalid');
      assert.equal(e.field, field, `${JSON.stringify(over)}: ${r.text}`);
    }
    await targetUnchanged();
    await snap.same('wrong types on patch');
  });

  test('unknown fields are 422 naming the field', T, async () => {
    const snap = await snapshot(ctx.w, ctx.admin);
    for (const [over, field] of [
      [{ nmae: 'Siti' }, 'nmae'],
      [{ religion: 'x' }, 'religion'],
      [{ __proto__x: 1 }, '__proto__x'],
      [{ household: [{ name: 'A', relation: 'Anak', age: 3 }] }, 'household[0].age'],
      [{ consent: { given_on: '2025-01-01', scope: 'services', witness: 'x' } }, 'consent.witness'],
      [{ disability: { smell: 'some' } }, 'disability.smell'],
    ]) {
      const r = await ctx.w.post('/api/v1/clients', newClient(over));
      expectError(r, 422, 'invalid', field);
      const p = await ctx.w.patch(`/api/v1/clients/${ctx.target.uid}`, { version: ctx.target.version, ...over });
      expectError(p, 422, 'invalid', field);
    }
    expectError(await ctx.admin.post('/api/v1/users', { name: 'x1', role: 'worker', password: 'longenough', admin: true }), 422, 'invalid', 'admin');
    await targetUnchanged();
    await snap.same('unknown fields');
  });

  test('lists refuse a parameter they do not know, each bad filter named with its own reason', T, async () => {
    // A misspelt filter must not answer with everything, as if there were none.
    for (const [who, path, field] of [
      [ctx.admin, '/api/v1/audit?usr=worker', 'usr'],
      [ctx.admin, '/api/v1/audit?user=worker&user=admin', 'user'],
      [ctx.admin, '/api/v1/users?role=worker', 'role'],
      [ctx.w, '/api/v1/groups?status=active', 'status'],
      [ctx.w, '/api/v1/agencies?name=x', 'name'],
      [ctx.w, '/api/v1/supervision?workr=worker', 'workr'],
    ]) {
      const e = expectError(await who.get(path), 422, 'invalid', field);
      assert.match(e.message, /^(Parameter tidak dikenal|Diberikan lebih dari sekali)\.$/, path);
    }
    const reasons = {};
    for (const [q, field] of [
      ['since=2026-02-30', 'since'],
      ['until=kemarin', 'until'],
      ['since=2026-03-02&until=2026-03-01', 'until'],
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['cursor=abc', 'cursor'],
      ['before=-1', 'before'],
    ]) {
      reasons[q] = expectError(await ctx.admin.get(`/api/v1/audit?${q}`), 422, 'invalid', field).message;
    }
    assert.notEqual(reasons['since=2026-02-30'], reasons['since=2026-03-02&until=2026-03-01']);
    assert.notEqual(reasons['limit=0'], reasons['cursor=abc']);
    assert.equal((await ctx.admin.get('/api/v1/audit?since=2026-03-01&until=2026-03-01')).status, 200);
  });

  test('a user change refused on its password writes nothing: the account is not disabled either', T, async () => {
    const mk = await ctx.admin.post('/api/v1/users', { name: 'dua.kali', role: 'worker', password: 'kata-sandi-lama' });
    assert.equal(mk.status, 201, mk.text);
    for (const password of ['x'.repeat(257), 'pendek']) {
      expectError(await ctx.admin.patch('/api/v1/users/dua.kali', { disabled: true, password }), 422, 'invalid', 'password');
    }
    const u = (await ctx.admin.get('/api/v1/users')).json.items.find((x) => x.name === 'dua.kali');
    assert.equal(u.disabled, false);
    await login(ctx.base, 'dua.kali', 'kata-sandi-lama'); // asserts 200: the old password holds
    expectError(await ctx.admin.patch('/api/v1/users/tidak.ada', { password: 'pendek' }), 404, 'not_found');
  });

  test('read-only fields are ignored rather than written', T, async () => {
    const r = await ctx.w.post('/api/v1/clients', newClient({
      uid: '01234567-89ab-7def-8123-456789abcdef',
      created_by: 'admin',
      archived_at: '2020-01-01T00:00:00Z',
      nik_warning: 'forged',
    }));
    assert.equal(r.status, 201, r.text);
    assert.notEqual(r.json.uid, '01234567-89ab-7def-8123-456789abcdef');
    assert.equal(r.json.created_by, 'worker');
    assert.equal(r.json.archived_at, null);
    assert.equal(r.json.nik_warning, null);
  });
});

describe('content types, methods and paths', () => {
  test('a body that is not application/json is 415', T, async () => {
    const snap = await snapshot(ctx.w, ctx.admin);
    const body = JSON.stringify(newClient());
    for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonp', 'application/json-patch+json', 'multipart/form-data; boundary=x', 'text/json']) {
      expectError(await post('/api/v1/clients', body, ct), 415, 'unsupported_media_type');
    }
    const none = await raw(ctx.base, {
      method: 'POST',
      path: '/api/v1/clients',
      headers: { cookie: ctx.worker.cookie, 'x-csrf-token': ctx.worker.csrf, 'content-length': Buffer.byteLength(body) },
      body,
    });
    expectError(none, 415, 'unsupported_media_type');
    expectError(await post(`/api/v1/clients/${ctx.target.uid}`, body, 'text/plain', 'PATCH'), 415);
    // With a charset parameter it is fine.
    const ok = await post('/api/v1/clients', JSON.stringify(newClient()), 'application/json; charset=utf-8');
    assert.equal(ok.status, 201, ok.text);
    assert.equal((await ctx.w.get(`/api/v1/clients/${ok.json.uid}`)).status, 200);
    await targetUnchanged();
    assert.equal((await snapshotNow()).active, snap.before.active + 1, 'only the control request created a client');
  });

  test('unknown methods are 405 and unknown paths 404, in the route\'s kind', T, async () => {
    expectError(await ctx.w.request('PUT', '/api/v1/clients', { json: {} }), 405, 'method_not_allowed');
    expectError(await ctx.w.request('POST', `/api/v1/clients/${ctx.target.uid}`, { json: {} }), 405, 'method_not_allowed');
    expectError(await ctx.w.get('/api/v1/nothing-here'), 404, 'not_found');
    const html = await ctx.w.get('/nothing-here');
    assert.equal(html.status, 404);
    assert.match(html.headers.get('content-type'), /^text\/html/);
    const head = await ctx.w.request('HEAD', '/healthz');
    assert.equal(head.status, 200);
    assert.equal(head.text, '');
  });
});

/** snapshotNow counts active clients and the audit trail right now. */
async function snapshotNow() {
  const s = await snapshot(ctx.w, ctx.admin);
  return s.before;
}

describe('invalid UTF-8 outside JSON', () => {
  test('in a form body: 400 and nothing stored', T, async () => {
    const snap = await snapshot(ctx.w, ctx.admin);
    const csrf = encodeURIComponent(ctx.worker.csrf);
    const forms = [
      Buffer.from(`_csrf=${csrf}&name=Siti%FF&sex=F`),
      Buffer.from(`_csrf=${csrf}&name=%C3%28`),
      Buffer.concat([Buffer.from(`_csrf=${csrf}&name=Siti`), Buffer.from([0xff, 0xfe]), Buffer.from('&sex=F')]),
      Buffer.from(`_csrf=${csrf}&name%FF=Siti`),
      Buffer.from(`_csrf=${csrf}&name=%ZZ`),
    ];
    for (const body of forms) {
      const r = await raw(ctx.base, {
        method: 'POST',
        path: '/clients',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': body.length, cookie: ctx.worker.cookie },
        body,
      });
      assert.equal(r.status, 400, `${body.toString('latin1')}: ${r.status}`);
    }
    const login = Buffer.from('name=worker%FF&password=x');
    const lr = await raw(ctx.base, {
      method: 'POST',
      path: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': login.length },
      body: login,
      localAddress: '127.0.0.7',
    });
    assert.equal(lr.status, 400);
    await snap.same('invalid UTF-8 in forms');
  });

  test('in a URL query or path: 400', T, async () => {
    for (const path of ['/api/v1/clients?q=%FF', '/api/v1/clients?q=siti%C3%28', '/api/v1/clients?%FF=1', '/clients?q=%FF', `/api/v1/clients/${ctx.target.uid}%FF`, '/clients/%C0%AF']) {
      const r = await raw(ctx.base, { path, headers: { cookie: ctx.worker.cookie } });
      assert.equal(r.status, 400, `${path}: ${r.status} ${r.text.slice(0, 200)}`);
      if (path.startsWith('/api/')) assert.equal(r.json.error.code, 'bad_request');
    }
    const anonymous = await raw(ctx.base, { path: '/api/v1/clients?q=%FF' });
    assert.equal(anonymous.status, 400);
  });

  test('a broken escape or a NUL in a query is 400 naming the parameter; empty parameters are nothing', T, async () => {
    for (const [query, field] of [['q=%zz', 'q'], ['q=%E', 'q'], ['q=siti%', 'q'], ['q=a%00b', 'q'], ['region=32&cursor=%FF', 'cursor'],
                                  ['q=siti%C3%28', 'q'], ['x%zz=1', undefined]]) {
      const r = await raw(ctx.base, { path: `/api/v1/clients?${query}`, headers: { cookie: ctx.worker.cookie } });
      assert.equal(r.status, 400, `${query}: ${r.status} ${r.text.slice(0, 200)}`);
      assert.equal(r.json.error.code, 'bad_request');
      assert.equal(r.json.error.field, field, query);
    }
    for (const query of ['&&&', 'q=siti&&', '&q=siti']) {
      const r = await raw(ctx.base, { path: `/api/v1/clients?${query}`, headers: { cookie: ctx.worker.cookie } });
      assert.equal(r.status, 200, `${query}: ${r.text.slice(0, 200)}`);
    }
    const page = await raw(ctx.base, { path: '/clients?q=%zz', headers: { cookie: ctx.worker.cookie } });
    assert.equal(page.status, 400);
  });
});

describe('size limits', () => {
  test('a 10 MB body is 413 with a JSON error, and the server still answers', T, async () => {
    const snap = await snapshot(ctx.w, ctx.admin);
    const big = Buffer.alloc(10 * 1024 * 1024, 0x20);
    big.write('{"name":"');
    const r = await ctx.w.request('POST', '/api/v1/clients', { body: big, contentType: 'application/json' });
    const e = expectError(r, 413, 'too_large');
    assert.ok(e.message.length > 5);
    const form = await ctx.w.request('POST', '/clients', { body: big, contentType: 'application/x-www-form-urlencoded' });
    assert.equal(form.status, 413);
    assert.match(form.headers.get('content-type'), /^text\/html/);
    assert.equal((await anon(ctx.base).get('/healthz')).status, 200);
    await snap.same('oversized bodies');
    const ok = await ctx.w.post('/api/v1/clients', newClient());
    assert.equal(ok.status, 201, 'the server still works');
  });

  test('a body too large is answered before it is sent when the client waits for 100 Continue', T, async () => {
    // Only the headers go: a client that waits for "100 Continue" gets the 413 instead.
    const answer = await new Promise((resolve, reject) => {
      const u = new URL(ctx.base);
      const sock = net.connect(Number(u.port), u.hostname, () => {
        sock.write(`POST /api/v1/clients HTTP/1.1\r\nHost: ${u.host}\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${5 * 1024 * 1024}\r\nExpect: 100-continue\r\n\r\n`);
      });
      let got = '';
      sock.setTimeout(5000, () => { sock.destroy(); reject(new Error(`no answer before the body; got: ${got.slice(0, 200)}`)); });
      sock.on('data', (d) => {
        got += d;
        if (/\r\n\r\n[\s\S]*\}/.test(got) || /^HTTP\/1\.1 100/.test(got)) { sock.destroy(); resolve(got); }
      });
      sock.on('error', reject);
    });
    assert.match(answer, /^HTTP\/1\.1 413 /, answer.slice(0, 200));
    assert.match(answer, /"too_large"/);
    assert.equal((await anon(ctx.base).get('/healthz')).status, 200);
  });

  test('status details: 405 names the allowed methods, media types in any case, a form sent otherwise is 415', T, async () => {
    const del = await ctx.w.request('DELETE', '/api/v1/clients');
    assert.equal(del.status, 405);
    assert.equal(del.headers.get('allow'), 'GET, HEAD, POST');
    const page = await ctx.w.request('PUT', '/clients');
    assert.equal(page.status, 405);
    assert.match(page.headers.get('allow'), /^GET, HEAD, POST$/);
    const mixed = await ctx.w.request('POST', '/api/v1/clients', { body: JSON.stringify(newClient()), contentType: 'Application/JSON; Charset=UTF-8' });
    assert.equal(mixed.status, 201, mixed.text);
    const form = await ctx.w.request('POST', '/clients', { body: '--x\r\n', contentType: 'multipart/form-data; boundary=x' });
    assert.equal(form.status, 415);
    assert.match(form.text, /application\/x-www-form-urlencoded/);
    const head = await anon(ctx.base).request('HEAD', '/clients');
    assert.equal(head.status, 303, 'HEAD of a page is sent to log in, as GET is');
    assert.equal(head.headers.get('location'), '/login?next=/clients');
  });

  test('a large body sent in chunks (no Content-Length) is 413 too', T, async () => {
    const snap = await snapshot(ctx.w, ctx.admin);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const stream = new ReadableStream({
      pull(controller) {
        if (sent >= 3 * 1024 * 1024) return controller.close();
        sent += chunk.length;
        controller.enqueue(new Uint8Array(chunk));
      },
    });
    const res = await fetch(`${ctx.base}/api/v1/clients`, {
      method: 'POST',
      body: stream,
      duplex: 'half',
      headers: { 'content-type': 'application/json', cookie: ctx.worker.cookie, 'x-csrf-token': ctx.worker.csrf, connection: 'close' },
    });
    assert.equal(res.status, 413);
    assert.equal((await res.json()).error.code, 'too_large');
    await snap.same('an oversized chunked body');
  });

  test('a list page\'s filter that cannot be listed is named by its label', T, async () => {
    const alertOf = (r) => [...(r.text.match(/id="form-errors"><ul>([\s\S]*?)<\/ul>/)?.[1] ?? '').matchAll(/<li>([\s\S]*?)<\/li>/g)].map((x) => x[1]);
    for (const [path, label] of [
      ['/clients?sort=x', 'Urutkan menurut'], ['/clients?flag=x', 'Penanda'], ['/clients?ppks=x', 'Kategori PPKS'],
      ['/clients?region=abc', 'Kode wilayah'], [`/clients?q=${'a'.repeat(300)}`, 'Nama atau NIK'],
    ]) {
      const r = await ctx.w.get(path);
      assert.equal(r.status, 422, path);
      assert.ok(alertOf(r).some((i) => i.startsWith(`${label}: `)), `${path}: ${alertOf(r).join(' | ')}`);
    }
    const audit = await ctx.admin.get('/audit?limit=abc');
    assert.equal(audit.status, 422);
    assert.ok(alertOf(audit).some((i) => i.startsWith('Entri per halaman: ')), alertOf(audit).join(' | '));
    const since = await ctx.admin.get('/audit?since=2026-02-30');
    assert.ok(alertOf(since).some((i) => i.startsWith('Dari: ')), alertOf(since).join(' | '));
  });

  test('a 20 KB URL is 414', T, async () => {
    const long = 'a'.repeat(20 * 1024);
    expectError(await ctx.w.get(`/api/v1/clients?q=${long}`), 414, 'uri_too_long');
    expectError(await ctx.w.get(`/api/v1/clients/${long}`), 414, 'uri_too_long');
    const page = await ctx.w.get(`/clients?q=${long}`);
    assert.equal(page.status, 414);
    assert.equal((await anon(ctx.base).get('/healthz')).status, 200);
  });

  test('a URL with very many parameters is answered promptly', T, async () => {
    // 1000 parameters make a 4 KB URL (under the 8 KB limit); 5000 make a 20 KB one (over it).
    for (const [n, want] of [
      [1000, [400, 413, 414, 422, 431]],
      [5000, [414]],
    ]) {
      const path = `/api/v1/clients?${'x=1&'.repeat(n)}`;
      let r;
      try {
        r = await raw(ctx.base, { path, headers: { cookie: ctx.worker.cookie }, timeout: ANSWER_TIMEOUT });
      } catch (e) {
        assert.fail(`${n} parameters (${path.length} bytes): ${e.message}`);
      }
      assert.ok(want.includes(r.status), `${n} parameters: ${r.status} ${r.text.slice(0, 200)}`);
    }
    assert.equal((await anon(ctx.base).get('/healthz')).status, 200);
  });

  test('too many form fields are refused', T, async () => {
    const snap = await snapshot(ctx.w, ctx.admin);
    const fields = Array.from({ length: 1000 }, (_, i) => `f${i}=1`).join('&');
    const r = await ctx.w.request('POST', '/clients', {
      body: `_csrf=${encodeURIComponent(ctx.worker.csrf)}&name=Siti&${fields}`,
      contentType: 'application/x-www-form-urlencoded',
    });
    assert.equal(r.status, 413);
    await snap.same('a form with too many fields');
  });
});

describe('SQL and HTML metacharacters', () => {
  const NAME = 'Robert\'); DROP TABLE client;-- <script>alert(1)</script> & "quotes"';
  const ADDRESS = '<img src=x onerror=alert(2)> Jl. O\'Neil "5" & 6; --';
  const NOTES = '</textarea><script>alert(3)</script>\' OR 1=1 --';

  test('are stored and returned verbatim by the API', T, async () => {
    const before = (await snapshot(ctx.w, ctx.admin)).before;
    const c = await createClient(ctx.w, { name: NAME, address: ADDRESS, notes: NOTES, other_names: '%_\\' });
    assert.equal(c.name, NAME);
    assert.equal(c.address, ADDRESS);
    assert.equal(c.notes, NOTES);
    assert.equal(c.other_names, '%_\\');
    const g = await ctx.w.get(`/api/v1/clients/${c.uid}`);
    assert.equal(g.json.name, NAME);
    assert.equal(g.json.address, ADDRESS);
    assert.equal(g.json.notes, NOTES);
    assert.equal(g.json.other_names, '%_\\');
    ctx.hostile = c;
    // The table is still there and holds one more client.
    const now = await snapshotNow();
    assert.equal(now.active, before.active + 1);
    const found = await ctx.w.get(`/api/v1/clients?${new URLSearchParams({ q: 'robert drop table' })}`);
    assert.ok(found.json.items.some((i) => i.uid === c.uid));
    // SQL LIKE wildcards in a search do not match everything: alone they are no search (422),
    // after a word they are not part of it.
    const like = await ctx.w.get(`/api/v1/clients?${new URLSearchParams({ q: '%' })}`);
    assert.equal(like.status, 422);
    assert.equal(like.json.error.field, 'q');
    const word = await ctx.w.get(`/api/v1/clients?${new URLSearchParams({ q: 'robert%_' })}`);
    assert.equal(word.status, 200);
    assert.ok(word.json.items.some((i) => i.uid === c.uid));
  });

  test('are escaped in the HTML pages', T, async () => {
    assert.ok(ctx.hostile, 'the previous test created the client');
    const uid = ctx.hostile.uid;
    const pages = {
      view: await ctx.w.get(`/clients/${uid}`),
      edit: await ctx.w.get(`/clients/${uid}/edit`),
      list: await ctx.w.get(`/clients?${new URLSearchParams({ q: 'robert drop' })}`),
      audit: await ctx.admin.get(`/audit?entity_uid=${uid}`),
    };
    for (const [what, r] of Object.entries(pages)) {
      assert.equal(r.status, 200, what);
      assert.ok(!r.text.includes('<script>alert('), `${what}: raw <script> in the page`);
      assert.ok(!r.text.includes('<img src=x'), `${what}: raw <img> in the page`);
    }
    assert.ok(pages.view.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the name is shown, escaped');
    assert.ok(pages.view.text.includes('&quot;quotes&quot;') || pages.view.text.includes('&#34;quotes&#34;'));
    assert.ok(pages.view.text.includes('&lt;/textarea&gt;&lt;script&gt;alert(3)'), 'the notes are shown, escaped');
    assert.ok(!pages.edit.text.includes('</textarea><script>'), 'the notes cannot close the textarea');
    assert.ok(pages.list.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    // The title is escaped too.
    assert.match(pages.view.text, /<title>Robert&#39;\); DROP TABLE client;-- &lt;script&gt;/);
  });

  test('a reflected parameter is escaped', T, async () => {
    const r = await anon(ctx.base).get(`/login?next=${encodeURIComponent('/"><script>alert(4)</script>')}`);
    assert.equal(r.status, 200);
    assert.ok(!r.text.includes('<script>alert(4)'));
    const q = await ctx.w.get(`/clients?q=${encodeURIComponent('"><script>alert(5)</script>')}`);
    assert.equal(q.status, 200);
    assert.ok(!q.text.includes('<script>alert(5)'));
  });
});

describe('control characters in the path', () => {
  test('CR/LF in a path cannot inject a header, and a redirect keeps its Location', T, async () => {
    const r = await raw(ctx.base, { path: '/clients/x%0d%0aSet-Cookie:%20forged=1' });
    assert.equal(r.headers['set-cookie'], undefined, 'no header injection');
    assert.ok(
      r.status === 400 || (r.status === 303 && r.headers.location),
      `expected 400, or a 303 with a Location header; got ${r.status} with location ${r.headers.location}`,
    );
  });

  test('CR/LF in a path cannot forge log lines', T, async () => {
    const logBefore = ctx.server.log().length;
    const forged = '2026-01-01T00:00:00.000Z INFO POST /api/v1/users 201 1.000ms';
    await raw(ctx.base, { path: `/x%0a${encodeURIComponent(forged)}` });
    await raw(ctx.base, { path: '/healthz' });
    // The request lines are logged after the answers; give the log a moment to arrive.
    for (let i = 0; i < 20 && !ctx.server.log().slice(logBefore).includes('/healthz'); i++) {
      await new Promise((res) => setTimeout(res, 50));
    }
    const lines = ctx.server.log().slice(logBefore).split('\n').filter(Boolean);
    assert.ok(!lines.some((l) => l.startsWith(forged.slice(0, 24))), `a forged log entry: ${JSON.stringify(lines)}`);
  });
});
