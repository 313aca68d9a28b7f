// helpers.mjs: what every HTTP test file shares: a server of its own on a fresh demo data
// directory, log-ins, a small JSON client, raw requests (bytes, source address) and the CLI.
//
// Run: PENDAMPING_BIN=/abs/path/to/pendamping node --test --test-concurrency=1 tests/http/
// Set PENDAMPING_TEST_LOG=1 to print each server's log when it stops.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const BIN = process.env.PENDAMPING_BIN;
if (!BIN) throw new Error('set PENDAMPING_BIN to the absolute path of the pendamping binary');

/** Under AddressSanitizer everything is several times slower. */
export const SANITIZED = Boolean(process.env.PENDAMPING_SANITIZED);
const SLOW = SANITIZED ? 6 : 1;
/** Timeout for one test, and for a file's before/after hooks. */
export const TEST_TIMEOUT = 20_000 * SLOW;
export const HOOK_TIMEOUT = 30_000 * SLOW;
/** How long a single request may take before we call it hung. */
export const ANSWER_TIMEOUT = 3_000 * SLOW;

export const PASSWORD = 'pendamping-demo';
export const DEMO_USERS = ['admin', 'supervisor', 'worker', 'worker2', 'volunteer', 'viewer'];
export const DEMO_CLIENTS = 200;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/* ---- processes ---- */

/** run executes the binary with args; resolves {code, signal, stdout, stderr}. */
export function run(args, { env = {}, input, timeout = 30_000 * SLOW } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, args, {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.on('error', () => {}); // the command may not read its input
    child.stdin.end(input ?? '');
  });
}

/** tempDir makes a fresh empty directory under the system's temporary directory. */
export function tempDir(prefix = 'pendamping-http-') {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

/** demoDir creates a fresh data directory with the demo users and clients. */
export async function demoDir() {
  const parent = await tempDir();
  const dir = path.join(parent, 'data');
  const r = await run(['demo', '--data', dir]);
  assert.equal(r.code, 0, `pendamping demo failed:\n${r.stderr}`);
  return { parent, dir };
}

/** freePort asks the kernel for a port that is free right now (the server cannot bind port 0). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * startServer serves a fresh demo data directory (or dataDir) on a free port, with env added to the
 * server's environment, and waits for /healthz. Returns {base, port, dataDir, log(), stop()};
 * stop() sends SIGTERM, asserts exit code 0 and removes the temporary directory.
 */
export async function startServer({ dataDir, env = {}, args = [] } = {}) {
  let parent = null;
  if (!dataDir) ({ parent, dir: dataDir } = await demoDir());
  let lastError = null;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const child = spawn(BIN, ['serve', '--data', dataDir, '--listen', `127.0.0.1:${port}`, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...env },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    let exit = null;
    const exited = new Promise((resolve) =>
      child.on('exit', (code, signal) => resolve((exit = { code, signal }))),
    );
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 15_000 * SLOW;
    let up = false;
    while (!exit && Date.now() < deadline) {
      try {
        const r = await fetch(`${base}/healthz`, { headers: { connection: 'close' } });
        if (r.status === 200) {
          await r.text();
          up = true;
          break;
        }
      } catch {
        /* not listening yet */
      }
      await sleep(50);
    }
    if (!up) {
      if (!exit) child.kill('SIGKILL');
      await exited;
      lastError = new Error(`server did not start on port ${port}:\n${stderr}`);
      if (/cannot listen/.test(stderr)) continue; // someone took the port: try another
      throw lastError;
    }
    running.set(base, { exit: () => exit, log: () => stderr });
    return {
      base,
      port,
      dataDir,
      log: () => stderr,
      async stop() {
        if (!exit) child.kill('SIGTERM');
        let timer;
        const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), 20_000 * SLOW)));
        const r = await Promise.race([exited, timeout]);
        clearTimeout(timer);
        if (r === 'timeout') child.kill('SIGKILL');
        if (process.env.PENDAMPING_TEST_LOG) process.stderr.write(stderr);
        assert.notEqual(r, 'timeout', `server did not stop within the time after SIGTERM:\n${tail(stderr)}`);
        assert.equal(r.code, 0, `server exited with ${r.code ?? r.signal}:\n${tail(stderr)}`);
        running.delete(base);
        if (parent) await fs.rm(parent, { recursive: true, force: true });
      },
    };
  }
  throw lastError;
}

/** running maps a server's base URL to its state, to explain failed requests. */
const running = new Map();

/** explain turns a failed fetch into an error that says whether the server died, and how. */
function explain(base, err) {
  const srv = running.get(base);
  const exit = srv?.exit();
  if (!exit) return err;
  return new Error(
    `the server is not running any more (exit ${exit.code ?? exit.signal}); its log ends with:\n${tail(srv.log(), 30)}`,
    { cause: err },
  );
}

/** tail shows the end of a log, or a sanitizer's report from its start when there is one. */
function tail(text, lines = 40) {
  const all = text.split('\n');
  const crash = all.findIndex((l) => /ERROR: \w+Sanitizer|runtime error:|^SUMMARY: /.test(l));
  if (crash >= 0) return all.slice(Math.max(0, crash - 3), crash + 25).join('\n');
  return all.slice(-lines).join('\n');
}

/* ---- HTTP ---- */

/** cookiesOf returns the Set-Cookie headers of a fetch response. */
export function cookiesOf(res) {
  if (typeof res.headers.getSetCookie === 'function') return res.headers.getSetCookie();
  const v = res.headers.get('set-cookie');
  return v ? [v] : [];
}

/** sessionCookie finds "pd_session=..." (name=value only) in a response, or null. */
export function sessionCookie(res) {
  for (const c of cookiesOf(res)) {
    const m = /^pd_session=([^;]*)/.exec(c);
    if (m) return `pd_session=${m[1]}`;
  }
  return null;
}

async function wrap(res) {
  const text = await res.text();
  let json;
  if ((res.headers.get('content-type') || '').startsWith('application/json') && text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return { status: res.status, headers: res.headers, text, json, res };
}

/**
 * Client talks to the server as one identity: a session cookie (with its CSRF token, sent on
 * every state change unless csrf:false or another csrf value is given), a bearer token, or none.
 */
export class Client {
  constructor(base, { cookie = null, csrf = null, token = null, lang = null } = {}) {
    Object.assign(this, { base, cookie, csrf, token, lang });
  }

  headers(method, { headers = {}, csrf } = {}) {
    const h = { connection: 'close' }; // no idle keep-alive connections to delay the server's exit
    const cookies = [];
    if (this.cookie) cookies.push(this.cookie);
    if (this.lang) cookies.push(`pd_lang=${this.lang}`);
    if (cookies.length) h.cookie = cookies.join('; ');
    if (this.token) h.authorization = `Bearer ${this.token}`;
    const token = csrf === undefined ? this.csrf : csrf;
    if (method !== 'GET' && method !== 'HEAD' && this.cookie && token) h['x-csrf-token'] = token;
    return { ...h, ...headers };
  }

  /** request sends json (an object, sent as JSON) or body (raw) and returns {status, headers, text, json}. */
  async request(method, path, { json, body, headers = {}, csrf, contentType } = {}) {
    const h = this.headers(method, { headers, csrf });
    if (json !== undefined) {
      body = JSON.stringify(json);
      h['content-type'] ??= 'application/json';
    }
    if (contentType) h['content-type'] = contentType;
    let res;
    try {
      res = await fetch(this.base + path, { method, headers: h, body, redirect: 'manual' });
    } catch (err) {
      // Give the server's exit a moment to be noticed, then say what happened to it.
      await sleep(50);
      throw explain(this.base, err);
    }
    return wrap(res);
  }

  get(path, opts) {
    return this.request('GET', path, opts);
  }
  post(path, json, opts = {}) {
    return this.request('POST', path, { ...opts, json });
  }
  patch(path, json, opts = {}) {
    return this.request('PATCH', path, { ...opts, json });
  }
  del(path, opts) {
    return this.request('DELETE', path, opts);
  }

  /** form posts fields as application/x-www-form-urlencoded, adding _csrf unless csrf:false. */
  form(path, fields = {}, { csrf, headers } = {}) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) {
      for (const one of Array.isArray(v) ? v : [v]) p.append(k, one);
    }
    const token = csrf === undefined ? this.csrf : csrf;
    if (token && !p.has('_csrf')) p.append('_csrf', token);
    return this.request('POST', path, {
      body: p.toString(),
      contentType: 'application/x-www-form-urlencoded',
      headers,
      csrf: false, // the form field carries it
    });
  }
}

/** anon returns a client without credentials. */
export function anon(base, opts) {
  return new Client(base, opts);
}

/** login logs in over the API; returns {cookie, csrf, user, client}. */
export async function login(base, name, password = PASSWORD) {
  let res;
  try {
    res = await fetch(`${base}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', connection: 'close' },
      body: JSON.stringify({ name, password }),
    });
  } catch (err) {
    await sleep(50);
    throw explain(base, err);
  }
  const r = await wrap(res);
  assert.equal(r.status, 200, `log-in of ${name}: ${r.text}`);
  const cookie = sessionCookie(res);
  assert.ok(cookie, `log-in of ${name} set no pd_session cookie`);
  assert.equal(typeof r.json.csrf, 'string');
  return { cookie, csrf: r.json.csrf, user: r.json.user, client: new Client(base, { cookie, csrf: r.json.csrf }) };
}

/** loginAll logs every demo user in once; returns {name: Client}. */
export async function loginAll(base, names = DEMO_USERS) {
  const out = {};
  for (const n of names) out[n] = (await login(base, n)).client;
  return out;
}

/**
 * raw sends exactly the given bytes with node:http (no encoding of the path, any headers, an
 * optional source address such as 127.0.0.2 so that log-in throttling by address is separate).
 */
export function raw(base, { method = 'GET', path = '/', headers = {}, body, localAddress, timeout } = {}) {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, method, path, headers, localAddress, agent: false },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const buf = Buffer.concat(chunks);
          const text = buf.toString('utf8');
          let json;
          if ((res.headers['content-type'] || '').startsWith('application/json')) {
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
          }
          resolve({ status: res.statusCode, headers: res.headers, body: buf, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('error', (err) => sleep(50).then(() => reject(explain(base, err))));
    if (timeout) {
      req.setTimeout(timeout, () => req.destroy(new Error(`no answer to ${method} ${path.slice(0, 80)} within ${timeout} ms`)));
    }
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

/** apiLoginFrom logs in over the API from a given source address; returns the raw response. */
export function apiLoginFrom(base, localAddress, name, password, headers = {}) {
  const body = JSON.stringify({ name, password });
  return raw(base, {
    method: 'POST',
    path: '/api/v1/session',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
    body,
    localAddress,
  });
}

/* ---- test data ---- */

let seq = 1000 + (process.pid % 4000);

/** nik builds a NIK that agrees with birthDate and sex: PPKKCC DD(+40 for women) MM YY SSSS. */
export function nik({ district = '327301', birthDate = '1990-05-17', sex = 'F', serial } = {}) {
  const [y, m, d] = birthDate.split('-');
  const day = Number(d) + (sex === 'F' ? 40 : 0);
  const s = serial ?? ++seq;
  return `${district}${String(day).padStart(2, '0')}${m}${y.slice(2)}${String(s % 10000).padStart(4, '0')}`;
}

let nameSeq = 0;
/* Letters that spell no mark of the old spelling (oe, dj, tj, sj, hj, nj) nor a pair the spelling
 * keys fold (ch, kh, ph, dz): a word of them is the same in every spelling, and a search that
 * pairs it with a name word cannot turn that word into another (joined with "qxoe", "joko" was
 * read in the old spelling, as "yoko"). */
const LETTERS = 'abfgiklmnprtuvwxy';
/** uniqueWord gives a letters-only word that no demo client has (e.g. "Qxbaaf"). */
export function uniqueWord() {
  let n = ++nameSeq * 7919 + (process.pid % 1000);
  let w = '';
  for (let i = 0; i < 5; i++) {
    w += LETTERS[n % LETTERS.length];
    n = Math.floor(n / LETTERS.length);
  }
  return `Qx${w}`;
}

/** newClient returns a valid client body with a unique name and a matching NIK. */
export function newClient(overrides = {}) {
  const sex = overrides.sex ?? 'F';
  const birth = overrides.birth_date ?? '1990-05-17';
  return {
    name: `Uji ${uniqueWord()}`,
    sex,
    birth_date: birth,
    birth_place: 'Bandung',
    nik: nik({ birthDate: birth, sex }),
    region: '32.73.01.1001',
    address: 'Jl. Merdeka No. 1',
    phone: '0812-3456-7890',
    ppks: [24],
    ...overrides,
  };
}

/** createClient creates a client as writer and asserts 201; returns the stored record. */
export async function createClient(writer, overrides = {}) {
  const body = newClient(overrides);
  const r = await writer.post('/api/v1/clients', body);
  assert.equal(r.status, 201, `create ${body.name}: ${r.text}`);
  return r.json;
}

/* ---- counting, to show that a refused request changed nothing ---- */

/** activeCount is the number of active clients according to /api/v1/summary. */
export async function activeCount(reader) {
  const r = await reader.get('/api/v1/summary');
  assert.equal(r.status, 200, r.text);
  return r.json.total;
}

/** allClientUids pages through the list (active or archived) and returns every uid. */
export async function allClientUids(reader, query = '') {
  const uids = [];
  let cursor = null;
  for (let page = 0; page < 100; page++) {
    const q = new URLSearchParams(query);
    q.set('limit', '100');
    if (cursor) q.set('cursor', cursor);
    const r = await reader.get(`/api/v1/clients?${q}`);
    assert.equal(r.status, 200, r.text);
    for (const c of r.json.items) uids.push(c.uid);
    cursor = r.json.next_cursor;
    if (!cursor) return uids;
  }
  throw new Error('more than 100 pages');
}

/** auditHead is the id of the newest audit row (rows are numbered 1, 2, ...). */
export async function auditHead(admin) {
  const r = await admin.get('/api/v1/audit?limit=1');
  assert.equal(r.status, 200, r.text);
  return r.json.items.length ? r.json.items[0].id : 0;
}

/** auditFor returns the audit rows of one entity, newest first. */
export async function auditFor(admin, uid) {
  const r = await admin.get(`/api/v1/audit?entity_uid=${encodeURIComponent(uid)}&limit=200`);
  assert.equal(r.status, 200, r.text);
  return r.json.items;
}

/**
 * snapshot records what must not change when a request is refused: active clients, archived
 * clients, and the audit trail's length. same() asserts it is unchanged.
 */
export async function snapshot(reader, admin) {
  const take = async () => ({
    active: await activeCount(reader),
    archived: (await allClientUids(reader, 'archived=1')).length,
    audit: await auditHead(admin),
  });
  const before = await take();
  return {
    before,
    async same(what = '') {
      assert.deepEqual(await take(), before, `data changed after ${what}`);
    },
  };
}

/** expectError asserts an API error response: status, error.code and (optionally) error.field. */
export function expectError(r, status, code, field) {
  assert.equal(r.status, status, `expected ${status}, got ${r.status}: ${r.text}`);
  assert.ok(r.json && r.json.error, `no JSON error body: ${r.text}`);
  assert.equal(typeof r.json.error.message, 'string');
  assert.ok(r.json.error.message.length > 0, 'empty error message');
  if (code !== undefined) assert.equal(r.json.error.code, code, r.text);
  if (field !== undefined) assert.equal(r.json.error.field, field, r.text);
  return r.json.error;
}

/** hooks registers before/after hooks for a file's server; returns a holder filled in before. */
export function hooks(before, after, setup) {
  const ctx = {};
  before(async () => {
    ctx.server = await startServer();
    ctx.base = ctx.server.base;
    if (setup) await setup(ctx);
  }, { timeout: HOOK_TIMEOUT });
  after(async () => {
    if (ctx.server) await ctx.server.stop();
  }, { timeout: HOOK_TIMEOUT });
  return ctx;
}
