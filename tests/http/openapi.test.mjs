// openapi.test.mjs: /api/v1/openapi.json describes every /api/v1 route of src/http/routes.c.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { TEST_TIMEOUT, anon, hooks } from './helpers.mjs';

const T = { timeout: TEST_TIMEOUT };
const ROUTES_C = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/http/routes.c');
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const ctx = hooks(before, after);

/** allRoutes reads {method, path} of every route in the C route table (":uid" → "{uid}"). */
async function allRoutes() {
  const src = await fs.readFile(ROUTES_C, 'utf8');
  const re = /\{\s*"([A-Z]+)"\s*,\s*"([^"]+)"\s*,\s*(\w+)\s*,\s*(PERM_\w+)\s*,\s*(KIND_\w+)\s*\}/g;
  const out = [];
  for (const m of src.matchAll(re)) {
    const [, method, pattern, handler, perm, kind] = m;
    out.push({ method: method.toLowerCase(), path: pattern.replace(/:(\w+)/g, '{$1}'), handler, perm, kind });
  }
  return out;
}

/** apiRoutes is the part of the table under /api/v1/. */
async function apiRoutes() {
  return (await allRoutes()).filter((r) => r.path.startsWith('/api/v1/'));
}

/** serverBase is the path of the document's first server URL without a trailing slash ("" for "/"). */
function serverBase(d) {
  const url = d.servers?.[0]?.url ?? '/';
  return new URL(url, 'http://x').pathname.replace(/\/$/, '');
}

/** resolve follows a local $ref ("#/components/parameters/uid") to its object. */
function resolve(d, x) {
  for (let i = 0; x && typeof x.$ref === 'string' && i < 10; i++) {
    if (!x.$ref.startsWith('#/')) return x;
    x = x.$ref
      .slice(2)
      .split('/')
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((o, k) => (o ? o[k] : undefined), d);
  }
  return x;
}

let doc;
async function openapi() {
  if (doc) return doc;
  const r = await anon(ctx.base).get('/api/v1/openapi.json');
  assert.equal(r.status, 200, 'the document is public');
  assert.match(r.headers.get('content-type') || '', /^application\/json/);
  doc = JSON.parse(r.text);
  return doc;
}

test('the route table parses', T, async () => {
  const routes = await apiRoutes();
  assert.ok(routes.length >= 15, `only ${routes.length} /api/v1 routes found in ${ROUTES_C}`);
  assert.ok(routes.some((r) => r.method === 'patch' && r.path === '/api/v1/clients/{uid}'));
});

test('GET /api/v1/openapi.json is OpenAPI 3.x JSON', T, async () => {
  const d = await openapi();
  assert.equal(typeof d, 'object');
  assert.match(String(d.openapi), /^3\.\d+\.\d+$/, `openapi: ${d.openapi}`);
  assert.equal(typeof d.info?.title, 'string');
  assert.equal(typeof d.info?.version, 'string');
  assert.equal(typeof d.paths, 'object');
});

test('every /api/v1 route has a path and an operation', T, async () => {
  const d = await openapi();
  const paths = d.paths || {};
  // OpenAPI paths are relative to the server URL (e.g. "/" or "/api/v1").
  const base = serverBase(d);
  const missing = [];
  for (const r of await apiRoutes()) {
    const key = r.path.startsWith(`${base}/`) ? r.path.slice(base.length) : null;
    if (!key || !paths[key] || !paths[key][r.method]) missing.push(`${r.method.toUpperCase()} ${r.path}`);
  }
  assert.deepEqual(missing, [], `routes without an OpenAPI operation:\n  ${missing.join('\n  ')}`);
});

test('path parameters are declared and no operation is invented', T, async () => {
  const d = await openapi();
  const known = new Set((await allRoutes()).map((r) => `${r.method} ${r.path}`));
  const base = serverBase(d);
  const problems = [];
  for (const [p, item] of Object.entries(d.paths || {})) {
    const full = base + p;
    for (const m of Object.keys(item).filter((k) => METHODS.includes(k))) {
      if (!known.has(`${m} ${full}`)) problems.push(`documented but not routed: ${m.toUpperCase()} ${full}`);
      const declared = [...(item.parameters || []), ...(item[m].parameters || [])]
        .map((x) => resolve(d, x))
        .filter((x) => x && x.in === 'path')
        .map((x) => x.name);
      for (const [, name] of full.matchAll(/\{(\w+)\}/g)) {
        if (!declared.includes(name)) problems.push(`${m.toUpperCase()} ${full}: path parameter ${name} not declared`);
      }
    }
  }
  assert.deepEqual(problems, []);
});
