// search.test.mjs: finding clients: name prefixes, case and accents, NIK, region, PPKS, flags,
// paging with cursors, sorting, and refusals of bad parameters.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  TEST_TIMEOUT,
  activeCount,
  createClient,
  expectError,
  hooks,
  login,
  nik,
  uniqueWord,
} from './helpers.mjs';

const T = { timeout: TEST_TIMEOUT };

const ctx = hooks(before, after, async (c) => {
  c.w = (await login(c.base, 'worker')).client;
  c.words = { siti: uniqueWord(), jose: uniqueWord(), nur: uniqueWord() };
  c.siti = await createClient(c.w, {
    name: `Siti Nurhaliza ${c.words.siti}`,
    sex: 'F',
    birth_date: '1992-03-04',
    nik: nik({ district: '327301', birthDate: '1992-03-04', sex: 'F' }),
    region: '32.73.01.1001',
    ppks: [19],
  });
  c.jose = await createClient(c.w, {
    name: `José Ramos ${c.words.jose}`,
    sex: 'M',
    birth_date: '1970-11-20',
    nik: undefined,
    region: '51.71.01.1002',
    ppks: [2],
    flags: ['needs_id_documents'],
  });
  c.nur = await createClient(c.w, {
    name: `Nur'aini Wulandari ${c.words.nur}`,
    sex: 'F',
    birth_date: '1988-07-01',
    nik: nik({ district: '320401', birthDate: '1988-07-01', sex: 'F' }),
    region: '32.04.01.2001',
    ppks: [19, 2],
  });
});

/** search returns the items of one page of /api/v1/clients?params. */
async function search(params) {
  const r = await ctx.w.get(`/api/v1/clients?${new URLSearchParams(params)}`);
  assert.equal(r.status, 200, `${new URLSearchParams(params)}: ${r.text}`);
  assert.ok(Array.isArray(r.json.items));
  assert.ok('next_cursor' in r.json);
  return r.json;
}

/** searchAll pages through every result of params. */
async function searchAll(params, limit = 100) {
  const items = [];
  let cursor = null;
  for (let i = 0; i < 200; i++) {
    const page = await search({ ...params, limit: String(limit), ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    assert.ok(page.items.length <= limit);
    cursor = page.next_cursor;
    if (!cursor) return items;
    assert.equal(page.items.length, limit, 'only the last page may be short');
  }
  throw new Error('too many pages');
}

const uids = (items) => items.map((i) => i.uid);
const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/['’]/g, '').toLowerCase();

describe('by name', () => {
  test('prefixes of words: "siti nur" finds Siti Nurhaliza, in any order', T, async () => {
    const all = await searchAll({ q: 'siti nur' });
    assert.ok(uids(all).includes(ctx.siti.uid));
    for (const item of all) {
      const words = fold(item.name).split(/[^a-z0-9]+/);
      assert.ok(words.some((w) => w.startsWith('siti')) && words.some((w) => w.startsWith('nur')), `${item.name} does not match`);
    }
    assert.ok(uids(await searchAll({ q: 'nur siti' })).includes(ctx.siti.uid));
    const exact = await search({ q: `siti ${ctx.words.siti.slice(0, 4)}` });
    assert.deepEqual(uids(exact.items).includes(ctx.siti.uid), true);
    const one = await search({ q: `nurhal ${ctx.words.siti}` });
    assert.deepEqual(uids(one.items), [ctx.siti.uid]);
    assert.equal(one.items[0].name, ctx.siti.name);
  });

  test('case- and accent-insensitive: josé, JOSE, Jose', T, async () => {
    const nfd = 'jose\u0301'; // é as e + combining acute, as some keyboards send it
    for (const q of [`josé ${ctx.words.jose}`, `JOSE ${ctx.words.jose.toUpperCase()}`, `Jose ram ${ctx.words.jose}`, `JOSÉ ${ctx.words.jose}`, `${nfd} ${ctx.words.jose}`]) {
      const r = await search({ q });
      assert.deepEqual(uids(r.items), [ctx.jose.uid], `q=${q}`);
    }
    assert.ok(uids(await searchAll({ q: 'jose' })).includes(ctx.jose.uid));
    assert.ok(uids(await searchAll({ q: 'josé' })).includes(ctx.jose.uid));
    assert.equal(ctx.jose.name.startsWith('José'), true, 'the name itself keeps its accent');
  });

  test('apostrophes do not matter: nuraini finds Nur\'aini', T, async () => {
    for (const q of [`nuraini ${ctx.words.nur}`, `nur'aini ${ctx.words.nur}`, `NUR’AINI ${ctx.words.nur}`]) {
      assert.deepEqual(uids((await search({ q })).items), [ctx.nur.uid], `q=${q}`);
    }
  });

  test('names that start with what was typed come first, then the other exact matches, then variants', T, async () => {
    const w = uniqueWord();
    const made = {};
    for (const name of [`Putra ${w}`, `${w} Putri`, `Ade ${w} Soekarno`, `${w}`, `${w}a Amin`]) made[name] = (await createClient(ctx.w, { name, nik: undefined })).uid;
    let r = await searchAll({ q: w.toLowerCase() }, 2); // paged two at a time: the order holds across pages
    assert.deepEqual(r.map((i) => i.name), [`${w}`, `${w} Putri`, `${w}a Amin`, `Ade ${w} Soekarno`, `Putra ${w}`]);
    r = await searchAll({ q: `${w} putri` });
    assert.deepEqual(r.map((i) => i.name), [`${w} Putri`]);
    r = await searchAll({ q: `soekarno ${w}` }); // both words, not in the name's order
    assert.deepEqual(r.map((i) => i.name), [`Ade ${w} Soekarno`]);
    // Another spelling finds the name too.
    r = await searchAll({ q: `sukarno ${w}` });
    assert.deepEqual(r.map((i) => i.name), [`Ade ${w} Soekarno`]);
  });

  test('no match is an empty page, not an error', T, async () => {
    const r = await search({ q: `${uniqueWord()}zzz` });
    assert.deepEqual(r.items, []);
    assert.equal(r.next_cursor, null);
  });

  test('search metacharacters are just text', T, async () => {
    for (const q of ['siti OR', 'NEAR(siti nur)', "'; DROP TABLE client; --", 'a:b', '"siti"*']) {
      const r = await ctx.w.get(`/api/v1/clients?${new URLSearchParams({ q })}`);
      assert.equal(r.status, 200, `q=${q}: ${r.text}`);
    }
    assert.ok((await activeCount(ctx.w)) > 200);
  });

  test('punctuation alone is no search: 422 on q, not the whole registry', T, async () => {
    for (const q of ['"', '*', '^', '(', '!!!', "'\";--", ' - ', '—', '…', '«»', '“ ”', '。', '！', '· ·']) {
      const r = await ctx.w.get(`/api/v1/clients?${new URLSearchParams({ q })}`);
      const e = expectError(r, 422, 'invalid', 'q');
      assert.match(e.message, /NIK/);
    }
    // Letters of other scripts are letters: searched, not refused.
    for (const q of ['Ярослав', 'محمد', 'ß']) assert.equal((await ctx.w.get(`/api/v1/clients?${new URLSearchParams({ q })}`)).status, 200, q);
    // Spaces alone are no search at all: the first page of everyone.
    assert.equal((await search({ q: '   ' })).items.length, 25);
    const page = await ctx.w.get(`/clients?${new URLSearchParams({ q: '!!!' })}`);
    assert.equal(page.status, 422);
    // The web list refuses what the API refuses, with the reason on the page.
    for (const qs of ['flag=vip', 'sort=age', 'region=32.7']) {
      const w = await ctx.w.get(`/clients?${qs}`);
      assert.equal(w.status, 422, qs);
      assert.match(w.text, /class="error"|role="alert"/, qs);
    }
    assert.equal((await ctx.w.get('/clients?flag=urgent&sort=updated')).status, 200);
  });

  test('q is at most 200 characters, however many bytes they take', T, async () => {
    assert.equal((await ctx.w.get(`/api/v1/clients?${new URLSearchParams({ q: 'é'.repeat(200) })}`)).status, 200);
    expectError(await ctx.w.get(`/api/v1/clients?${new URLSearchParams({ q: 'é'.repeat(201) })}`), 422, 'invalid', 'q');
  });
});

describe('by NIK, region, PPKS and flag', () => {
  test('a NIK typed in groups, with spaces, dots or dashes, finds its client', T, async () => {
    const n = ctx.siti.nik;
    for (const q of [`${n.slice(0, 4)} ${n.slice(4, 8)} ${n.slice(8, 12)} ${n.slice(12)}`, `${n.slice(0, 6)}-${n.slice(6)}`,
                     `${n.slice(0, 2)}.${n.slice(2, 4)}.${n.slice(4)}`]) {
      const r = await search({ q });
      assert.deepEqual(uids(r.items), [ctx.siti.uid], q);
    }
  });

  test('a full NIK finds exactly its client; a NIK prefix finds all that start with it', T, async () => {
    assert.deepEqual(uids((await search({ q: ctx.siti.nik })).items), [ctx.siti.uid]);
    const prefix = ctx.siti.nik.slice(0, 6);
    const all = await searchAll({ q: prefix });
    assert.ok(uids(all).includes(ctx.siti.uid));
    assert.ok(all.length > 1, 'demo clients of Bandung share the prefix');
    for (const i of all) assert.ok(i.nik.startsWith(prefix), `${i.nik} does not start with ${prefix}`);
    assert.deepEqual((await search({ q: '9999999999999999' })).items, []);
  });

  test('region prefix matches whole segments', T, async () => {
    const bali = await searchAll({ region: '51.71' });
    assert.ok(uids(bali).includes(ctx.jose.uid));
    for (const i of bali) assert.ok(i.region === '51.71' || i.region.startsWith('51.71.'), i.region);
    const province = await searchAll({ region: '51' });
    assert.ok(province.length >= bali.length);
    for (const i of province) assert.ok(i.region.startsWith('51.'), i.region);
    const village = await searchAll({ region: '32.73.01.1001' });
    assert.ok(uids(village).includes(ctx.siti.uid));
    for (const i of village) assert.equal(i.region, '32.73.01.1001');
    const r = await search({ region: '32.04', q: ctx.words.nur });
    assert.deepEqual(uids(r.items), [ctx.nur.uid]);
    assert.deepEqual((await search({ region: '32.73', q: ctx.words.nur })).items, []);
  });

  test('ppks filters by category', T, async () => {
    const two = await searchAll({ ppks: '2' });
    assert.ok(uids(two).includes(ctx.jose.uid) && uids(two).includes(ctx.nur.uid));
    assert.ok(!uids(two).includes(ctx.siti.uid));
    const nineteen = await searchAll({ ppks: '19' });
    assert.ok(uids(nineteen).includes(ctx.siti.uid) && uids(nineteen).includes(ctx.nur.uid));
    assert.ok(!uids(nineteen).includes(ctx.jose.uid));
    const combined = await search({ ppks: '19', region: '32.73', q: 'siti' });
    assert.ok(uids(combined.items).includes(ctx.siti.uid));
  });

  test('flag=needs_id_documents', T, async () => {
    const all = await searchAll({ flag: 'needs_id_documents' });
    assert.ok(uids(all).includes(ctx.jose.uid));
    assert.ok(!uids(all).includes(ctx.siti.uid));
    assert.ok(all.length > 1, 'demo street clients have the flag too');
    for (const i of all) assert.ok(i.flags.includes('needs_id_documents'), `${i.name}: ${i.flags}`);
  });
});

describe('paging and sorting', () => {
  test('limit + next_cursor walk every active client once', T, async () => {
    const total = await activeCount(ctx.w);
    const all = await searchAll({}, 37);
    assert.equal(all.length, total, 'every client is listed');
    assert.equal(new Set(uids(all)).size, all.length, 'no client is listed twice');
    for (const u of [ctx.siti.uid, ctx.jose.uid, ctx.nur.uid]) assert.ok(uids(all).includes(u));
    const first = await search({ limit: '5' });
    assert.equal(first.items.length, 5);
    assert.equal(typeof first.next_cursor, 'string');
    // The same cursor gives the same page.
    const a = await search({ limit: '5', cursor: first.next_cursor });
    const b = await search({ limit: '5', cursor: first.next_cursor });
    assert.deepEqual(uids(a.items), uids(b.items));
    assert.ok(!uids(a.items).some((u) => uids(first.items).includes(u)));
  });

  test('default limit is 25; limit must be 1-100', T, async () => {
    assert.equal((await search({})).items.length, 25);
    assert.equal((await search({ limit: '100' })).items.length, 100);
    for (const limit of ['0', '101', 'x', '-1', '2.5']) {
      expectError(await ctx.w.get(`/api/v1/clients?limit=${limit}`), 422, 'invalid', 'limit');
    }
  });

  test('sort=updated lists the last change first and pages without duplicates', T, async () => {
    const p = await ctx.w.patch(`/api/v1/clients/${ctx.jose.uid}`, { phone: '0811-9999-0000', version: ctx.jose.version });
    assert.equal(p.status, 200, p.text);
    ctx.jose = p.json;
    const first = await search({ sort: 'updated', limit: '3' });
    assert.equal(first.items[0].uid, ctx.jose.uid, 'the client just changed comes first');
    const all = await searchAll({ sort: 'updated' }, 29);
    assert.equal(all.length, await activeCount(ctx.w));
    assert.equal(new Set(uids(all)).size, all.length, 'no duplicates');
    for (let i = 1; i < all.length; i++) {
      assert.ok(all[i - 1].updated_at >= all[i].updated_at, `not newest first at ${i}`);
    }
    const byName = await searchAll({ sort: 'name' });
    assert.deepEqual(new Set(uids(byName)), new Set(uids(all)), 'both orders list the same clients');
  });

  test('a name search sorted by update pages newest first, over the same clients as by name', T, async () => {
    const word = uniqueWord();
    const made = [];
    for (const given of ['Ayu', 'Budi', 'Cici', 'Dedi', 'Euis']) {
      made.push(await createClient(ctx.w, { name: `Sri ${word} ${given}`, nik: undefined }));
    }
    const p = await ctx.w.patch(`/api/v1/clients/${made[1].uid}`, { phone: '0811-1111-2222', version: made[1].version });
    assert.equal(p.status, 200, p.text);
    const byUpdate = await searchAll({ q: `sri ${word}`, sort: 'updated' }, 2);
    assert.equal(byUpdate.length, 5);
    assert.equal(byUpdate[0].uid, made[1].uid, 'the client just changed comes first');
    assert.equal(new Set(uids(byUpdate)).size, 5, 'no duplicates across pages');
    for (let i = 1; i < byUpdate.length; i++) {
      assert.ok(byUpdate[i - 1].updated_at >= byUpdate[i].updated_at, `not newest first at ${i}`);
    }
    const byName = await searchAll({ q: `sri ${word}` }, 2);
    assert.deepEqual(byName.map((c) => c.name), made.map((c) => c.name), 'by name: in name order');
    assert.deepEqual(new Set(uids(byName)), new Set(uids(byUpdate)));
  });

  test('a bad cursor is 422 on field cursor', T, async () => {
    const sep = Buffer.from('siti\x1fnot-a-number').toString('hex');
    const nosep = Buffer.from('siti 12').toString('hex');
    for (const cursor of ['zz', 'abc', nosep, sep, 'GG00', '%00'.repeat(2), 'f'.repeat(4096)]) {
      const r = await ctx.w.get(`/api/v1/clients?cursor=${encodeURIComponent(cursor)}`);
      expectError(r, 422, 'invalid', 'cursor');
    }
    // An empty cursor is the first page.
    assert.equal((await search({ cursor: '' })).items.length, 25);
  });

  test('a cursor belongs to its search: another search or order refuses it', T, async () => {
    const first = await search({ q: 'siti', limit: '2' });
    assert.ok(first.next_cursor, 'more than two clients named siti');
    const next = await search({ q: 'siti', limit: '2', cursor: first.next_cursor });
    assert.equal(next.items.length, 2);
    // Another page size is the same search.
    assert.ok((await search({ q: 'siti', limit: '5', cursor: first.next_cursor })).items.length > 0);
    for (const other of [{ q: 'joko' }, { q: 'siti', sort: 'updated' }, { q: 'siti', region: '32' }, { q: 'siti', archived: '1' },
                         { q: 'siti', flag: 'urgent' }, { q: 'siti', ppks: '19' }, {}]) {
      const r = await ctx.w.get(`/api/v1/clients?${new URLSearchParams({ ...other, limit: '2', cursor: first.next_cursor })}`);
      expectError(r, 422, 'invalid', 'cursor');
    }
  });

  test('unknown or malformed parameters are 422 naming the parameter', T, async () => {
    for (const [qs, field] of [
      ['name=siti', 'name'],
      ['foo=1', 'foo'],
      ['Q=siti', 'Q'],
      ['sort=age', 'sort'],
      ['ppks=abc', 'ppks'],
      ['ppks=0', 'ppks'],
      ['flag=vip', 'flag'],
      ['region=32.7', 'region'],
      ['region=00', 'region'],
      [`q=${'a'.repeat(201)}`, 'q'],
      ['archived=yes', 'archived'],
      ['q=siti&q=budi', 'q'],
      ['region=32&limit=5&region=33', 'region'],
      ['archived=2', 'archived'],
    ]) {
      expectError(await ctx.w.get(`/api/v1/clients?${qs}`), 422, 'invalid', field);
    }
  });
});

describe('archived and HTML search', () => {
  test('archived clients are found only with archived=1', T, async () => {
    const gone = await createClient(ctx.w, { name: `Arsip ${uniqueWord()}` });
    const r = await ctx.w.del(`/api/v1/clients/${gone.uid}`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual((await search({ q: gone.name })).items, []);
    assert.deepEqual(uids((await search({ q: gone.name, archived: '1' })).items), [gone.uid]);
    assert.ok(!uids(await searchAll({ archived: '1' })).includes(ctx.siti.uid));
  });

  test('the HTML list finds the same clients', T, async () => {
    const r = await ctx.w.get(`/clients?q=${encodeURIComponent(`siti nur ${ctx.words.siti}`)}`);
    assert.equal(r.status, 200);
    assert.ok(r.text.includes(`href="/clients/${ctx.siti.uid}"`));
    assert.ok(r.text.includes(ctx.siti.name));
    const page = await ctx.w.get('/clients');
    assert.match(page.text, /rel="next"/, 'more than one page');
    const cursor = /cursor=([0-9a-f]+)/.exec(page.text)[1];
    const next = await ctx.w.get(`/clients?cursor=${cursor}`);
    assert.equal(next.status, 200);
    const bad = await ctx.w.get('/clients?cursor=zz');
    assert.equal(bad.status, 422);
  });
});
