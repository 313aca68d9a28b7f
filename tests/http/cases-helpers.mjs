// cases-helpers.mjs: what the casework test files share: the demo users logged in once (with
// English messages), clients with consent, opening cases, item bodies, stage moves, and a look
// into the SQLite file.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createClient, login } from './helpers.mjs';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A well-formed uid that names nothing. */
export const NOBODY = '01900000-0000-7000-8000-000000000000';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** setupUsers logs every demo user in once; casework users get English messages. */
export async function setupUsers(c) {
  for (const n of ['admin', 'supervisor', 'worker', 'worker2', 'volunteer', 'viewer']) {
    c[n] = (await login(c.base, n)).client;
  }
  for (const n of ['supervisor', 'worker', 'worker2']) {
    const r = await c[n].patch('/api/v1/me', { lang: 'en' });
    assert.equal(r.status, 200, `lang of ${n}: ${r.text}`);
  }
}

/** consent builds the client fields for a consent of the given scope (null: no consent). */
export function consent(scope = 'services') {
  return scope ? { consent: { given_on: '2025-01-02', scope } } : {};
}

/**
 * openCase registers a client (consent scope, or null for none) unless client is given, and opens
 * a case for it as worker; asserts 201. Returns {kase, client}.
 */
export async function openCase(worker, { scope = 'services', client, problems, reason } = {}) {
  if (!client) client = await createClient(worker, consent(scope));
  const body = { client: client.uid, problems: problems ?? [{ category: 'income', severity: 3, description: 'Penghasilan tidak tetap.' }] };
  if (reason !== undefined) body.reason = reason;
  const r = await worker.post('/api/v1/cases', body);
  assert.equal(r.status, 201, `open case: ${r.text}`);
  return { kase: r.json, client };
}

/** getCase reads a case and asserts 200. */
export async function getCase(who, uid) {
  const r = await who.get(`/api/v1/cases/${uid}`);
  assert.equal(r.status, 200, `GET case: ${r.text}`);
  return r.json;
}

/** items lists the items of a kind (or the timeline) and asserts 200. */
export async function items(who, uid, kind = 'timeline', query = '') {
  const r = await who.get(`/api/v1/cases/${uid}/${kind}${query}`);
  assert.equal(r.status, 200, `GET ${kind}: ${r.text}`);
  assert.equal(r.json.next_cursor, null);
  return r.json.items;
}

/** add records an item and asserts 201; returns the item. */
export async function add(who, uid, kind, body) {
  const r = await who.post(`/api/v1/cases/${uid}/${kind}`, body);
  assert.equal(r.status, 201, `POST ${kind}: ${r.text}`);
  return r.json;
}

/** move moves a case and asserts 200; returns the case. */
export async function move(who, uid, to, note) {
  const r = await who.post(`/api/v1/cases/${uid}/stage`, note === undefined ? { to } : { to, note });
  assert.equal(r.status, 200, `move to ${to}: ${r.text}`);
  assert.equal(r.json.stage, to);
  return r.json;
}

/** approve asks for approval of type as worker and lets the supervisor approve it. */
export async function approve(worker, supervisor, uid, type) {
  const req = await worker.post(`/api/v1/cases/${uid}/approvals`, { type });
  assert.equal(req.status, 201, `request ${type}: ${req.text}`);
  const d = await supervisor.post(`/api/v1/cases/${uid}/approvals/${req.json.uid}/decision`, { decision: 'approve' });
  assert.equal(d.status, 200, `approve ${type}: ${d.text}`);
  return { request: req.json, kase: d.json };
}

export function goal(overrides = {}) {
  return {
    text: 'Klien memiliki penghasilan tetap',
    domain: 'income',
    target_date: '2027-06-30',
    weight: 50,
    gas_minus2: 'Tidak ada penghasilan',
    gas_minus1: 'Penghasilan kurang dari Rp500.000',
    gas_0: 'Penghasilan Rp500.000 sampai Rp1.000.000',
    gas_plus1: 'Penghasilan Rp1.000.000 sampai Rp2.000.000',
    gas_plus2: 'Penghasilan lebih dari Rp2.000.000',
    ...overrides,
  };
}

export function assessment(date, overrides = {}) {
  return {
    date,
    presenting_problem: 'Klien kehilangan pekerjaan.',
    family_situation: 'Tinggal dengan dua anak.',
    basic_needs_score: 2,
    social_roles_score: 3,
    coping_score: 3,
    risk_level: 'medium',
    ...overrides,
  };
}

export function termination(date, overrides = {}) {
  return { date, reason: 'goals_reached', outcome: 'independent', summary: 'Tujuan tercapai.', ...overrides };
}

/** planReady gives a case in planning a goal, a sign-off and an approved plan. */
export async function planReady(worker, supervisor, uid, date) {
  const g = await add(worker, uid, 'goals', goal());
  await add(worker, uid, 'signoffs', { date, how: 'signature' });
  await approve(worker, supervisor, uid, 'plan');
  return g;
}

/**
 * serverToday is the date the server puts on items without a date of their own (its working
 * day), read from the case's first problem (problems have no date field).
 */
export async function serverToday(reader, uid) {
  const [p] = await items(reader, uid, 'problems');
  assert.ok(p, 'the case has no problem to read the date from');
  assert.match(p.at, /^\d{4}-\d{2}-\d{2}$/);
  return p.at;
}

/** caseState is what a refused request must not change: the case row and every item. */
export async function caseState(reader, uid) {
  const c = await getCase(reader, uid);
  const all = await items(reader, uid);
  return {
    stage: c.stage,
    version: c.version,
    updated_at: c.updated_at,
    closed_at: c.closed_at,
    workers: c.workers.map((w) => `${w.name}:${w.role}`),
    items: all.map((i) => `${i.uid}:${i.version}:${i.level}`),
  };
}

/** sql runs a query against the data directory's database with the sqlite3 CLI (read-only). */
export function sql(dataDir, query) {
  return new Promise((resolve, reject) => {
    execFile('sqlite3', ['-readonly', '-json', path.join(dataDir, 'pendamping.db'), query], (err, stdout, stderr) => {
      if (err) return reject(new Error(`sqlite3: ${stderr || err.message}`));
      resolve(stdout.trim() ? JSON.parse(stdout) : []);
    });
  });
}

/** fileBytes concatenates the database and its write-ahead log, as they lie on the disk. */
export async function fileBytes(dataDir) {
  const parts = [];
  for (const f of ['pendamping.db', 'pendamping.db-wal']) {
    try {
      parts.push(await fs.readFile(path.join(dataDir, f)));
    } catch (err) {
      if (err.code !== 'ENOENT') throw err;
    }
  }
  return Buffer.concat(parts);
}
