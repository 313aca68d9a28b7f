// encoding.test.mjs: answers compressed with gzip for clients that accept it (http/encoding.c):
// pages, lists and assets shrink and inflate to the same bytes; small answers, refusals and HEAD
// go as they are; caches are told the answer varies by Accept-Encoding.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { TEST_TIMEOUT, hooks, login, raw } from './helpers.mjs';

const T = { timeout: TEST_TIMEOUT };
const ctx = hooks(before, after, async (c) => {
  c.cookie = (await login(c.base, 'worker')).cookie;
});

function get(path, acceptEncoding, method = 'GET') {
  const headers = { cookie: ctx.cookie };
  if (acceptEncoding !== undefined) headers['accept-encoding'] = acceptEncoding;
  return raw(ctx.base, { method, path, headers });
}

test('a list, a page and an asset go compressed when gzip is accepted, and inflate to the same', T, async () => {
  for (const path of ['/api/v1/clients?limit=100', '/clients', '/static/style.css']) {
    const plain = await get(path);
    assert.equal(plain.status, 200, `${path}: ${plain.text.slice(0, 200)}`);
    assert.equal(plain.headers['content-encoding'], undefined, path);
    assert.equal(plain.headers.vary, 'Accept-Encoding', path);
    assert.ok(plain.body.length >= 1024, `${path}: ${plain.body.length} bytes`);
    const zipped = await get(path, 'gzip, deflate, br');
    assert.equal(zipped.status, 200, path);
    assert.equal(zipped.headers['content-encoding'], 'gzip', path);
    assert.equal(zipped.headers.vary, 'Accept-Encoding', path);
    assert.equal(zipped.headers['content-type'], plain.headers['content-type'], path);
    assert.equal(Number(zipped.headers['content-length']), zipped.body.length, path);
    assert.ok(zipped.body.length < plain.body.length / 2, `${path}: ${zipped.body.length} of ${plain.body.length}`);
    const inflated = gunzipSync(zipped.body).toString('utf8');
    // A page masks its CSRF token afresh each time: the same page but for it.
    const strip = (s) => s.replace(/name="_csrf" value="[0-9a-f]+"/g, 'name="_csrf"');
    assert.equal(strip(inflated), strip(plain.text), path);
  }
});

test('files the binary carries go as their source bytes, plain or in the gzip form made at build time', T, async () => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const files = [
    ['/static/style.css', 'assets/style.css', 'text/css; charset=utf-8'],
    ['/static/app.js', 'assets/app.js', 'text/javascript; charset=utf-8'],
    ['/static/favicon.svg', 'assets/favicon.svg', 'image/svg+xml'],
    ['/api/v1/openapi.json', 'docs/openapi.json', 'application/json; charset=utf-8'],
  ];
  for (const [url, source, type] of files) {
    const want = fs.readFileSync(path.join(root, source));
    for (const method of ['GET', 'HEAD']) {
      const plain = await get(url, undefined, method);
      assert.equal(plain.status, 200, url);
      assert.equal(plain.headers['content-type'], type, url);
      assert.equal(plain.headers['content-encoding'], undefined, url);
      assert.equal(Number(plain.headers['content-length']), want.length, url);
      const zipped = await get(url, 'gzip', method);
      assert.equal(zipped.status, 200, url);
      if (method === 'HEAD') {
        assert.equal(zipped.body.length, 0, url);
        continue;
      }
      assert.ok(plain.body.equals(want), `${url} is its source`);
      if (want.length < 1024) {
        // About a packet either way: it goes as it is.
        assert.equal(zipped.headers['content-encoding'], undefined, url);
        assert.ok(zipped.body.equals(want), url);
        continue;
      }
      assert.equal(zipped.headers['content-encoding'], 'gzip', url);
      assert.equal(Number(zipped.headers['content-length']), zipped.body.length, url);
      assert.ok(zipped.body.length < want.length / 2, `${url}: ${zipped.body.length} of ${want.length}`);
      assert.ok(gunzipSync(zipped.body).equals(want), `${url} inflates to its source`);
    }
  }
  // The version a page links to may be kept a year; another version only an hour.
  const page = await get('/clients');
  const tag = /\/static\/style\.css\?v=([0-9a-f]{12})/.exec(page.text)[1];
  assert.equal((await get(`/static/style.css?v=${tag}`, 'gzip')).headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal((await get('/static/style.css?v=000000000000', 'gzip')).headers['cache-control'], 'public, max-age=3600');
  assert.equal((await get('/static/none.css', 'gzip')).status, 404);
});

test('gzip refused by its weight, small answers and errors without a body worth it go as they are', T, async () => {
  for (const refusal of ['gzip;q=0', 'identity', 'deflate', 'gzip;q=0, *']) {
    const r = await get('/api/v1/clients?limit=100', refusal);
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-encoding'], undefined, refusal);
    assert.ok(Array.isArray(r.json.items), refusal);
  }
  const star = await get('/api/v1/clients?limit=100', '*');
  assert.equal(star.headers['content-encoding'], 'gzip');
  const health = await get('/healthz', 'gzip');
  assert.equal(health.status, 200);
  assert.equal(health.headers['content-encoding'], undefined);
  const missing = await get('/api/v1/clients/00000000-0000-0000-0000-000000000000', 'gzip');
  assert.equal(missing.status, 404);
  assert.equal(missing.headers['content-encoding'], undefined);
  assert.equal(missing.json.error.code, 'not_found');
});

test('HEAD is answered with the headers of GET, and no body', T, async () => {
  const path = '/api/v1/clients?limit=100';
  for (const accept of ['gzip', undefined]) {
    const got = await get(path, accept);
    const head = await get(path, accept, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body.length, 0);
    assert.equal(head.headers['content-encoding'], got.headers['content-encoding'], String(accept));
    assert.equal(head.headers['content-length'], got.headers['content-length'], String(accept));
    assert.equal(head.headers.vary, 'Accept-Encoding');
  }
});

test('Accept-Encoding over several lines is read as one list', T, async () => {
  const r = await raw(ctx.base, {
    path: '/api/v1/clients?limit=100',
    headers: { cookie: ctx.cookie, 'accept-encoding': ['identity', 'gzip;q=0.5'] },
  });
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-encoding'], 'gzip');
  assert.ok(Array.isArray(JSON.parse(gunzipSync(r.body).toString('utf8')).items));
  const refused = await raw(ctx.base, {
    path: '/api/v1/clients?limit=100',
    headers: { cookie: ctx.cookie, 'accept-encoding': ['*', 'gzip;q=0'] },
  });
  assert.equal(refused.headers['content-encoding'], undefined);
});
