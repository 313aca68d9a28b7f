// groups-helpers.mjs: what the group-work tests share: the demo users as bearer tokens (made
// once with `pendamping token create`, English messages), group and session bodies, and a
// snapshot of a group that a refused request must leave as it was.
import assert from 'node:assert/strict';
import { Client, DEMO_USERS, auditHead, run } from './helpers.mjs';

/** setupTokens gives ctx[name] a bearer-token Client for every demo user, with English messages. */
export async function setupTokens(ctx) {
  for (const name of DEMO_USERS) {
    const t = await run(['token', 'create', '--data', ctx.server.dataDir, '--user', name]);
    assert.equal(t.code, 0, `token for ${name}: ${t.stderr}`);
    ctx[name] = new Client(ctx.base, { token: t.stdout.trim() });
    const r = await ctx[name].patch('/api/v1/me', { lang: 'en' });
    assert.equal(r.status, 200, `lang of ${name}: ${r.text}`);
  }
}

let groupSeq = 0;

/** groupBody is a valid body for POST /api/v1/groups. */
export function groupBody(overrides = {}) {
  return {
    name: `Kelompok Uji ${++groupSeq}`,
    purpose: 'remedial',
    aim: 'Anggota mampu mengelola keuangan keluarga dan saling mendukung.',
    capacity: 10,
    ...overrides,
  };
}

/** createGroup creates a group as who (worker by default) and asserts 201; returns the group. */
export async function createGroup(who, overrides = {}) {
  const r = await who.post('/api/v1/groups', groupBody(overrides));
  assert.equal(r.status, 201, `create group: ${r.text}`);
  return r.json;
}

/** getGroup reads a group and asserts 200. */
export async function getGroup(who, uid) {
  const r = await who.get(`/api/v1/groups/${uid}`);
  assert.equal(r.status, 200, `GET group: ${r.text}`);
  return r.json;
}

/** join adds a client to a group and asserts 201; returns the member. */
export async function join(who, group, client, extra = {}) {
  const r = await who.post(`/api/v1/groups/${group}/members`, { client, ...extra });
  assert.equal(r.status, 201, `join: ${r.text}`);
  return r.json;
}

/** record records a session and asserts 201; returns it. */
export async function record(who, group, body) {
  const r = await who.post(`/api/v1/groups/${group}/sessions`, { topic: 'Pertemuan', ...body });
  assert.equal(r.status, 201, `record session: ${r.text}`);
  return r.json;
}

/** sessions lists a group's sessions and asserts 200. */
export async function sessions(who, group) {
  const r = await who.get(`/api/v1/groups/${group}/sessions`);
  assert.equal(r.status, 200, `GET sessions: ${r.text}`);
  assert.equal(r.json.next_cursor, null);
  return r.json.items;
}

/** groupList is every group in GET /api/v1/groups as who sees it, page after page of limit. */
export async function groupList(who, limit = 100) {
  const all = [];
  let cursor = null;
  for (let page = 0; page < 1000; page++) {
    const q = new URLSearchParams({ limit: String(limit) });
    if (cursor) q.set('cursor', cursor);
    const r = await who.get(`/api/v1/groups?${q}`);
    assert.equal(r.status, 200, `GET groups: ${r.text}`);
    assert.ok(r.json.items.length <= limit, `a page of ${r.json.items.length} groups, above the limit ${limit}`);
    all.push(...r.json.items);
    cursor = r.json.next_cursor;
    if (!cursor) return all;
    assert.equal(r.json.items.length, limit, 'a page before the last is full');
  }
  throw new Error('more than 1000 pages of groups');
}

/** memberOf finds the member of a group (as read by GET) for a client uid. */
export function memberOf(group, clientUid) {
  const m = group.members.find((x) => x.client.uid === clientUid);
  assert.ok(m, `client ${clientUid} is not among the members`);
  return m;
}

/**
 * frozen records a group as its facilitator reads it (with sessions), the number of groups and
 * the audit trail's length; same() asserts that none of it changed.
 */
export async function frozen(ctx, uid, reader = ctx.worker) {
  const take = async () => ({
    group: await getGroup(reader, uid),
    sessions: await sessions(reader, uid),
    groups: (await groupList(reader)).length,
    audit: await auditHead(ctx.admin),
  });
  const before = await take();
  return {
    before,
    async same(what = '') {
      assert.deepEqual(await take(), before, `data changed after ${what}`);
    },
  };
}

/** dayPlus is the YYYY-MM-DD date days after date. */
export function dayPlus(date, days) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** groupGoal is a valid body for POST /api/v1/groups/{uid}/goals. */
export function groupGoal(overrides = {}) {
  return {
    text: 'Anggota menabung secara teratur',
    gas_minus2: 'Tidak ada yang menabung',
    gas_minus1: 'Kurang dari seperempat anggota menabung',
    gas_0: 'Separuh anggota menabung',
    gas_plus1: 'Tiga perempat anggota menabung',
    gas_plus2: 'Semua anggota menabung tiap minggu',
    ...overrides,
  };
}
