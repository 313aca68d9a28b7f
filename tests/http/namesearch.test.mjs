// namesearch.test.mjs: search and duplicate warnings that know Indonesian names: old and new
// spellings (Soekarno/Sukarno, Djoko/Joko, Tjahjo/Cahyo...), the Muhammad family, doubled
// letters, missing spaces; exact spellings ranked first; rows written before the spelling keys.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  HOOK_TIMEOUT,
  TEST_TIMEOUT,
  createClient,
  expectError,
  hooks,
  login,
  newClient,
  uniqueWord,
} from './helpers.mjs';

const T = { timeout: TEST_TIMEOUT };

const ctx = hooks(before, after, async (c) => {
  c.w = (await login(c.base, 'worker')).client;
});

/** names returns the names of every result of /api/v1/clients?q=..., in order, paging by limit. */
async function names(client, q, limit = 100) {
  const out = [];
  let cursor = null;
  for (let i = 0; i < 100; i++) {
    const p = new URLSearchParams({ q, limit: String(limit), ...(cursor ? { cursor } : {}) });
    const r = await client.get(`/api/v1/clients?${p}`);
    assert.equal(r.status, 200, `q=${q}: ${r.text}`);
    out.push(...r.json.items.map((i) => i.name));
    cursor = r.json.next_cursor;
    if (!cursor) return out;
  }
  throw new Error('too many pages');
}

/** person returns a client body without NIK (so that only the name and birth date matter). */
function person(name, birthDate = '1980-02-03', sex = 'M') {
  return newClient({ name, birth_date: birthDate, sex, nik: undefined });
}

/** variant is person() confirmed as not a duplicate: for several spellings of one name. */
function variant(name) {
  return { ...person(name), confirm_duplicate: true };
}

describe('old and new spellings find each other', () => {
  // [stored name, queries that must find it]; every name carries a word of its own (W).
  const cases = [
    ['Soekarno W', ['sukarno W', 'soekarno W', 'suk W', 'soek W']],
    ['Sukarno Putra W', ['soekarno putra W', 'soek W']],
    ['Djoko Santoso W', ['joko W', 'djoko W', 'joko santoso W']],
    ['Tjahjo Kumolo W', ['cahyo W', 'cah W', 'tjahjo W']],
    ['Cahyo Kumolo W', ['tjahjo W', 'tjah W']],
    ['Sjahrir Anwar W', ['syahrir W', 'sjahrir W']],
    ['Njoman Suwitra W', ['nyoman W']],
    ['Chairul Tanjung W', ['khairul W', 'hairul W']],
    ['Rachmat Hidajat W', ['rahmat W']],
    ['Joesoef Ishak W', ['yusuf W', 'jusuf W', 'yus W']],
    ['Yusuf Kalla W', ['jusuf W', 'joesoef W']],
    ['Oemar Said W', ['umar W']],
    ['Mochammad Hatta W', ['muhammad W', 'mohammad W', 'muhamad W', 'moh W', 'm W', 'muh hatta W']],
    ['M. Natsir W', ['muhammad natsir W', 'mohamad W']],
    ['Hassan Basri W', ['hasan W', 'hasan basri W']],
    ['Abdullah Said W', ['abdulah W']],
    ['Siti Fatimah W', ['fatima W', 'siti fatima W']],
    ['Fatima Zahra W', ['fatimah W']],
    ['Rizky Pratama W', ['rizki W']],
    ['Nur Haliza W', ['nurhaliza W', 'nurhal W']],
    ['Siti Nurhaliza W', ['siti nur haliza W', 'nur haliza W']],
    ['Abdul Rahman W', ['abdurrahman W', 'abdurahman W', 'abdur rahman W', 'abd rahman W']],
    ['Abdurrahman W', ['abdul rahman W', 'abdulrahman W', 'abdur W']],
    ['Abdussalam W', ['abdul salam W']],
    ['Md. Yunus W', ['muhammad yunus W', 'moh W']],
  ];

  for (const [stored, queries] of cases) {
    test(`${stored.replace(' W', '')} is found by ${queries.map((q) => `"${q.replace(' W', '')}"`).join(', ')}`, T, async () => {
      const w = uniqueWord();
      const name = stored.replace('W', w);
      const c = await createClient(ctx.w, person(name));
      for (const q of queries) {
        const found = await names(ctx.w, q.replace('W', w));
        assert.ok(found.includes(c.name), `q="${q.replace('W', w)}" did not find ${c.name}: ${JSON.stringify(found)}`);
      }
    });
  }

  test('distinct names stay apart: Joko/Yoko, Siti/Sita, Rina/Rini, Hasan/Husin, Dewi/Dewa', T, async () => {
    const w = uniqueWord();
    for (const [stored, query] of [['Yoko', 'joko'], ['Sita', 'siti'], ['Rini', 'rina'], ['Husin', 'hasan'], ['Dewa', 'dewi'], ['Agung', 'agus'], ['Sari', 'sri']]) {
      const c = await createClient(ctx.w, person(`${stored} ${w}`));
      const found = await names(ctx.w, `${query} ${w}`);
      assert.ok(!found.includes(c.name), `"${query}" found ${c.name}`);
    }
  });
});

describe('ranking', () => {
  test('the spelling as typed comes first, then the variants in name order', T, async () => {
    const w = uniqueWord();
    const achmad = (await createClient(ctx.w, variant(`Achmad Dahlan ${w}`))).name;
    const ahmad = (await createClient(ctx.w, variant(`Ahmad Dahlan ${w}`))).name;
    const akhmad = (await createClient(ctx.w, variant(`Akhmad Dahlan ${w}`))).name;
    assert.deepEqual(await names(ctx.w, `ahmad ${w}`), [ahmad, achmad, akhmad]);
    assert.deepEqual(await names(ctx.w, `achmad ${w}`), [achmad, ahmad, akhmad]);
    assert.deepEqual(await names(ctx.w, `akhmad ${w}`), [akhmad, achmad, ahmad]);
    // Without a variant in the query, name order as before.
    assert.deepEqual(await names(ctx.w, w), [achmad, ahmad, akhmad]);
  });

  test('old spelling first for an old-spelling query, new first for a new one', T, async () => {
    const w = uniqueWord();
    const old = (await createClient(ctx.w, variant(`Soekarno ${w}`))).name;
    const now = (await createClient(ctx.w, variant(`Sukarno ${w}`))).name;
    assert.deepEqual(await names(ctx.w, `sukarno ${w}`), [now, old]);
    assert.deepEqual(await names(ctx.w, `soekarno ${w}`), [old, now]);
    assert.deepEqual(await names(ctx.w, `suk ${w}`), [now, old], 'a prefix as typed is exact too');
    // The list page says where the other spellings begin, and only there.
    const page = await ctx.w.get(`/clients?${new URLSearchParams({ q: `soekarno ${w}` })}`);
    assert.equal(page.status, 200);
    const rows = [...page.text.matchAll(/<tr class="variants">|<a href="\/clients\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1] ?? '|');
    assert.deepEqual(rows.filter((r) => r === '|' || r.endsWith(w)), [old, '|', now]);
    const exact = await ctx.w.get(`/clients?${new URLSearchParams({ q: w })}`);
    assert.doesNotMatch(exact.text, /class="variants"/, 'no divider when every row is as typed');
  });

  test('pages of one follow the same order across the exact/variant boundary', T, async () => {
    const w = uniqueWord();
    for (const n of ['Mochammad', 'Muhammad', 'Moh.', 'Muhamad', 'Mohammad', 'Muh.']) await createClient(ctx.w, variant(`${n} Yamin ${w}`));
    const all = await names(ctx.w, `muhammad ${w}`);
    assert.equal(all.length, 6, JSON.stringify(all));
    assert.equal(all[0], `Muhammad Yamin ${w}`);
    assert.deepEqual(await names(ctx.w, `muhammad ${w}`, 1), all);
    assert.deepEqual(await names(ctx.w, `muhammad ${w}`, 4), all);
  });
});

describe('duplicate warnings across spellings', () => {
  test('"Muhammad Sukarno" warns against "Moh. Soekarno" born the same day', T, async () => {
    const w = uniqueWord();
    const first = await createClient(ctx.w, person(`Moh. Soekarno ${w}`, '1970-01-01'));
    const body = person(`Muhammad Sukarno ${w}`, '1970-01-01');
    const e = expectError(await ctx.w.post('/api/v1/clients', body), 422, 'possible_duplicate', 'name');
    assert.deepEqual(e.duplicates, [{ uid: first.uid, name: first.name }]);
    const ok = await ctx.w.post('/api/v1/clients', { ...body, confirm_duplicate: true });
    assert.equal(ok.status, 201, ok.text);
    // Another birth date is another person.
    const other = await ctx.w.post('/api/v1/clients', person(`Muhammad Sukarno ${w}`, '1970-01-02'));
    assert.equal(other.status, 201, other.text);
  });

  test('spaces, doubled letters, the old spelling of j, the article after Abdu-, Md.: Siti Nur Haliza, Hassan, Tjahjo, Abdurrahman', T, async () => {
    const w = uniqueWord();
    for (const [a, b] of [['Siti Nur Haliza', 'Siti Nurhaliza'], ['Hassan Basri', 'Hasan Basri'], ['Tjahjo Soemarno', 'Cahyo Sumarno'], ['Chairul Anwar', 'Khairul Anwar'],
      ['Abdul Rahman', 'Abdurrahman'], ['Md. Amin', 'Muhammad Amin']]) {
      const first = await createClient(ctx.w, person(`${a} ${w}`, '1985-06-07', 'F'));
      const e = expectError(await ctx.w.post('/api/v1/clients', person(`${b} ${w}`, '1985-06-07', 'F')), 422, 'possible_duplicate', 'name');
      assert.deepEqual(e.duplicates.map((d) => d.uid), [first.uid], `${a} / ${b}`);
    }
  });

  test('no warning between distinct names: Joko and Yoko born the same day', T, async () => {
    const w = uniqueWord();
    await createClient(ctx.w, person(`Joko ${w}`, '1990-09-09'));
    const r = await ctx.w.post('/api/v1/clients', person(`Yoko ${w}`, '1990-09-09'));
    assert.equal(r.status, 201, r.text);
  });

  test('renaming to another spelling of the same name is not a duplicate of itself', T, async () => {
    const w = uniqueWord();
    const c = await createClient(ctx.w, person(`Djoko Tjahjono ${w}`, '1975-05-05'));
    const p = await ctx.w.patch(`/api/v1/clients/${c.uid}`, { name: `Joko Cahyono ${w}`, version: c.version });
    assert.equal(p.status, 200, p.text);
    assert.deepEqual(await names(ctx.w, `djoko ${w}`), [`Joko Cahyono ${w}`]);
  });
});

// Rows written before migration 005 have no name_key, and search_names without spelling keys:
// searches of their organisation fill them (at most 5000 rows a search); until then duplicate
// checks compare them by their normalised name, as before.
const sqlite3 = spawnSync('sqlite3', ['-version']).status === 0;

describe('rows written before the spelling keys', { skip: !sqlite3 && 'needs the sqlite3 shell' }, () => {
  const old = {};
  before(async () => {
    old.db = path.join(ctx.server.dataDir, 'pendamping.db');
    old.w = ctx.w;
    old.word = uniqueWord();
    old.soekarno = await createClient(old.w, person(`Moh. Soekarno ${old.word}`, '1970-01-01'));
    old.djoko = await createClient(old.w, person(`Djoko Prijono ${old.word}`, '1966-06-06'));
  }, { timeout: HOOK_TIMEOUT });

  /** forget turns every row back into what it was before 005 (no key, search_names = the words),
   * through the sqlite3 shell while the server runs. */
  function forget() {
    const r = spawnSync('sqlite3', [old.db, 'UPDATE client SET name_key = NULL, search_names = name_norm'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(unkeyed() > 200);
  }
  function unkeyed() {
    const r = spawnSync('sqlite3', [old.db, 'SELECT count(*) FROM client WHERE name_key IS NULL'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return Number(r.stdout);
  }

  test('a duplicate check before the keys are filled compares the normalised names, as before', T, async () => {
    forget();
    const e = expectError(await old.w.post('/api/v1/clients', person(`MOH  SOEKARNO ${old.word}`, '1970-01-01')), 422, 'possible_duplicate', 'name');
    assert.deepEqual(e.duplicates, [{ uid: old.soekarno.uid, name: old.soekarno.name }]);
    const other = await old.w.post('/api/v1/clients', person(`Wahjudi ${old.word}`, '1970-01-01'));
    assert.equal(other.status, 201, other.text);
    assert.ok(unkeyed() > 200, 'a write fills no other row than its own');
  });

  test('a search fills the keys: new spellings find old rows, duplicates are found across spellings', T, async () => {
    forget();
    assert.deepEqual(await names(old.w, `muhammad sukarno ${old.word}`), [old.soekarno.name]);
    assert.equal(unkeyed(), 0);
    assert.deepEqual(await names(old.w, `joko ${old.word}`), [old.djoko.name]);
    assert.deepEqual(await names(old.w, `wahyudi ${old.word}`), [`Wahjudi ${old.word}`]);
    const e = expectError(await old.w.post('/api/v1/clients', person(`M. Sukarno ${old.word}`, '1970-01-01')), 422, 'possible_duplicate', 'name');
    assert.deepEqual(e.duplicates, [{ uid: old.soekarno.uid, name: old.soekarno.name }]);
  });
});
