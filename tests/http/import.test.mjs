// import.test.mjs: `pendamping import clients` and `pendamping regions import` from the command
// line: header checks, rows validated and reported by their row number, rows the CSV reader
// refuses reported without losing the rows after them, keys that make a rerun add nothing,
// keys held by another name, permissions, the report's file, the report's language, and an import
// killed at any moment that its rerun completes.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from './cases-helpers.mjs';
import { BIN, TEST_TIMEOUT, demoDir, nik, run, uniqueWord } from './helpers.mjs';

const T = { timeout: TEST_TIMEOUT };
let parent, dir, work;

before(async () => {
  ({ parent, dir } = await demoDir());
  work = path.join(parent, 'files');
  await fs.mkdir(work);
}, { timeout: TEST_TIMEOUT });

after(async () => {
  if (parent) await fs.rm(parent, { recursive: true, force: true });
});

/** csv writes rows (arrays of fields, quoted when needed) or raw text to a file; returns its path. */
async function csv(name, rows) {
  const q = (v) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const text = typeof rows === 'string' ? rows : rows.map((r) => r.map((v) => q(String(v ?? ''))).join(',')).join('\n') + '\n';
  const file = path.join(work, name);
  await fs.writeFile(file, text);
  return file;
}

/** report reads FILE.report.csv beside file as [row, field, reason] triples (without the header). */
async function report(file) {
  const text = await fs.readFile(file.replace(/\.csv$/, '.report.csv'), 'utf8');
  const lines = text.trim().split('\n');
  assert.equal(lines[0], 'row,field,reason');
  return lines.slice(1).map((l) => {
    const m = /^(\d+),([^,]*),"(.*)"$/.exec(l);
    assert.ok(m, `a report line: ${l}`);
    return [Number(m[1]), m[2], m[3]];
  });
}

async function count(marker) {
  const rows = await sql(dir, `SELECT count(*) AS n FROM client WHERE name LIKE '%${marker}%'`);
  return rows[0].n;
}

const importClients = (file, ...args) => run(['import', 'clients', '--data', dir, file, '--lang', 'en', ...args]);

test('a bad header is refused before any row, and an earlier report is kept', T, async () => {
  const file = await csv('header.csv', [['Name', ' SEX '], ['Someone', 'F']]); // any case, spaces around
  let r = await importClients(file);
  assert.equal(r.code, 0, r.stderr);
  await fs.writeFile(file.replace(/\.csv$/, '.report.csv'), 'row,field,reason\n9,x,"earlier"\n');
  for (const [header, says] of [
    [['name', 'town'], /column 2 of the header, 'town', is not a registry field/],
    [['name', 'name'], /'name', is named twice/],
    [['sex', 'nik'], /no 'name' column/],
  ]) {
    await fs.writeFile(file, header.join(',') + '\nA,B\n');
    r = await importClients(file);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, says);
    assert.doesNotMatch(r.stdout, /rows in/, 'no summary of rows that were not read');
  }
  assert.deepEqual(await report(file), [[9, 'x', 'earlier']]);
  await assert.rejects(fs.access(file.replace(/\.csv$/, '.report.csv.part')));
});

test('rows are checked like the API, reported by their row number; a broken row does not stop the rest', T, async () => {
  const m = uniqueWord();
  const big = 'x'.repeat(70 * 1024);
  const text = [
    'name,sex,birth_date,nik,address,external_id',
    `${m} Satu,F,1990-05-17,${nik({ birthDate: '1990-05-17', sex: 'F' })},"Jl. Asia Afrika, No. 1",`,
    `${m} Dua,F,1990-02-30,,,`, // row 3: no such date
    `${m} Tiga,F,,,"Gang Mawar\nRT 01",`, // row 4, over two lines
    `${m} Empat,X,,,,`, // row 5: sex
    `"${m} Lima"x,F,,,,`, // row 6: text after a closing quote
    `${m} Enam,F,,,${big},`, // row 7: longer than a row may be
    `${m} Tujuh,F,,,,e7`,
    `${m} Delapan\0,F,,,,`, // row 9: a NUL byte
    `${m} Sembilan,F,,,,`,
    '',
  ].join('\n');
  const file = await csv('rows.csv', text);
  const r = await importClients(file);
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stdout, /^9 rows in .*: 4 imported, 0 already registered, 5 rejected, 0 with warnings$/m);
  assert.deepEqual(await report(file), [
    [3, 'birth_date', 'Must be a real date written YYYY-MM-DD.'],
    [5, 'sex', 'Must be F (female) or M (male).'],
    [6, '', 'Text follows a closing quote: quote the whole field, and double the quotes inside it.'],
    [7, '', 'The row is longer than 64 KB.'],
    [9, '', 'The row contains a NUL byte, which no field may hold.'],
  ]);
  assert.equal(await count(m), 4);
  const rows = await sql(dir, `SELECT name, address FROM client WHERE name LIKE '${m}%' ORDER BY id`);
  assert.deepEqual(rows.map((x) => x.name), [`${m} Satu`, `${m} Tiga`, `${m} Tujuh`, `${m} Sembilan`]);
  assert.equal(rows[1].address, 'Gang Mawar\nRT 01');
});

test('an unclosed quote reports the rest of the file as one row', T, async () => {
  const m = uniqueWord();
  const file = await csv('quote.csv', `name,sex\n${m} A,F\n"${m} B,F\n${m} C,F\n`);
  const r = await importClients(file);
  assert.equal(r.code, 3);
  assert.deepEqual(await report(file), [[3, '', 'A quote is not closed: the rest of the file, from this row on, could not be read.']]);
  assert.equal(await count(m), 1);
});

test('a rerun adds nothing: rows are keyed by NIK, external_id, or name, sex, birth date and region', T, async () => {
  const m = uniqueWord();
  const rows = [
    ['name', 'sex', 'birth_date', 'region', 'nik', 'external_id'],
    [`${m} Nik`, 'F', '1991-01-02', '', nik({ birthDate: '1991-01-02', sex: 'F' }), ''],
    [`${m} Ext`, 'M', '', '', '', ' src-1 '],
    [`${m} Plain`, 'F', '1980-03-04', '32.73', '', ''],
    [`${m} Plain`, 'F', '1980-03-04', '32.73', '', ''], // the same person twice in one file
    [`${m} Plain`, 'F', '1980-03-04', '32.74', '', ''], // another region: another person
    [`${m} Plain`, 'M', '1980-03-04', '32.73', '', ''], // another sex
    [`${m} Undated`, 'F', '', '', '', ''],
  ];
  const file = await csv('keys.csv', rows);
  let r = await importClients(file);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.match(r.stdout, /7 rows in .*: 6 imported, 1 already registered, 0 rejected/);
  assert.equal(await count(m), 6);
  const ext = await sql(dir, `SELECT external_id FROM client WHERE name = '${m} Ext'`);
  assert.deepEqual(ext, [{ external_id: 'src-1' }], 'the identifier is kept without its spaces');
  r = await importClients(file);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /7 rows in .*: 0 imported, 7 already registered, 0 rejected/);
  // The rows known by their content alone are named in the report, with the client taken for each.
  const plain = await sql(dir, `SELECT uid FROM client WHERE name = '${m} Plain' ORDER BY id`);
  const undated = await sql(dir, `SELECT uid FROM client WHERE name = '${m} Undated'`);
  const taken = 'Taken for the client registered with the same name, sex, birth date and region, who has no NIK: not imported again.';
  assert.deepEqual(await report(file), [
    [4, 'name', `${taken} (${plain[0].uid})`],
    [5, 'name', `${taken} (${plain[0].uid})`],
    [6, 'name', `${taken} (${plain[1].uid})`],
    [7, 'name', `${taken} (${plain[2].uid})`],
    [8, 'name', `${taken} (${undated[0].uid})`],
  ]);
  // A NIK added since the first import: the row is still known by its external_id.
  rows[2][4] = nik({ birthDate: '1985-05-05', sex: 'M' });
  rows[2][2] = '1985-05-05';
  r = await importClients(await csv('keys.csv', rows));
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.match(r.stdout, /0 imported, 7 already registered, 0 rejected/);
  rows[2][4] = '';
  rows[2][2] = '';
  // The same identifier as written without spaces is the same key.
  rows[2][5] = 'src-1';
  r = await importClients(await csv('keys.csv', rows));
  assert.match(r.stdout, /0 imported, 7 already registered/);
  assert.equal(await count(m), 6);
});

test('a key held by a client of another name is reported, and nothing changes', T, async () => {
  const m = uniqueWord();
  const n = nik({ birthDate: '1975-07-08', sex: 'M' });
  const file = await csv('other.csv', [
    ['name', 'sex', 'nik', 'external_id'],
    [`${m} Budi`, 'M', n, 'o-1'],
    [`${m} Bukan Budi`, 'M', n, ''],
    [`${m} Orang Lain`, 'F', '', 'o-1'],
    [`${m} BUDI`, 'M', n, ''], // the same name, as written elsewhere
  ]);
  const r = await importClients(file);
  assert.equal(r.code, 3);
  assert.match(r.stdout, /4 rows in .*: 1 imported, 1 already registered, 2 rejected/);
  const [budi] = await sql(dir, `SELECT uid, name FROM client WHERE nik = '${n}'`);
  assert.equal(budi.name, `${m} Budi`);
  // Each line names the registered client it is about.
  assert.deepEqual(await report(file), [
    [3, 'nik', `This NIK is registered for a client of another name: the row was not imported. (${budi.uid})`],
    [4, 'external_id', `This external_id is registered for a client of another name: the row was not imported. (${budi.uid})`],
  ]);
  // A likely duplicate (same name and birth date, another region) is imported with a warning
  // that names the client it may be.
  const dup = await csv('dup.csv', [['name', 'sex', 'birth_date', 'region'], [`${m} Sari`, 'F', '1966-06-06', '32.73'], [`${m} Sari`, 'F', '1966-06-06', '33.01']]);
  const d = await importClients(dup);
  assert.equal(d.code, 0, d.stdout);
  assert.match(d.stdout, /2 imported, 0 already registered, 0 rejected, 1 with warnings/);
  const [sari] = await sql(dir, `SELECT uid FROM client WHERE name = '${m} Sari' AND region = '32.73'`);
  assert.deepEqual(await report(dup), [
    [3, 'name', `A client with the same name and birth date is already registered. Check that this is a different person. (${sari.uid})`],
  ]);
});

test('a NIK and an external_id that name two different clients are reported, not counted registered', T, async () => {
  const m = uniqueWord();
  const n1 = nik({ birthDate: '1980-01-02', sex: 'M' });
  const n2 = nik({ birthDate: '1981-03-04', sex: 'M' });
  const file = await csv('keys.csv', [
    ['name', 'sex', 'nik', 'external_id'],
    [`${m} Gani`, 'M', n1, `${m}-1`],
    [`${m} Gani`, 'M', n2, `${m}-1`], // another NIK under the first one's external_id
    [`${m} Gani`, 'M', n1, `${m}-2`], // the first one's NIK with another external_id
  ]);
  const r = await importClients(file);
  assert.equal(r.code, 3, r.stdout);
  assert.match(r.stdout, /3 rows in .*: 1 imported, 0 already registered, 2 rejected/);
  const [gani] = await sql(dir, `SELECT uid FROM client WHERE nik = '${n1}'`);
  assert.deepEqual(await report(file), [
    [3, 'nik', `This external_id is registered for a client with another NIK: the row was not imported. (${gani.uid})`],
    [4, 'external_id', `This NIK is registered with another external_id: the row was not imported. (${gani.uid})`],
  ]);
});

test('--dry-run writes nothing (exit 3: rows rejected); --on-error=abort writes nothing of the batch, says so and exits 1', T, async () => {
  const m = uniqueWord();
  const file = await csv('dry.csv', [['name', 'sex'], [`${m} A`, 'F'], [`${m} B`, 'Q'], [`${m} C`, 'F']]);
  let r = await importClients(file, '--dry-run');
  assert.equal(r.code, 3);
  assert.match(r.stdout, /^dry run: 3 rows in .*: 2 imported, 0 already registered, 1 rejected/m);
  assert.equal(await count(m), 0);
  r = await importClients(file, '--on-error=abort');
  assert.equal(r.code, 1);
  assert.match(r.stdout, /2 rows in .*: 0 imported, 0 already registered, 1 rejected/);
  assert.match(r.stdout, /stopped at the first rejected row/);
  assert.equal(await count(m), 0);
});

test('a dry run finds a row registered by an earlier batch of the same file, as the import does', { timeout: TEST_TIMEOUT * 4 }, async () => {
  const m = uniqueWord();
  // 20,000 rows fill the first batch; after it, a row repeats the first row's name, sex, birth
  // date and region, and another the NIK of row 2 under another name.
  const rows = [['name', 'sex', 'birth_date', 'region', 'nik']];
  const first = nik({ district: '327301', birthDate: '1980-02-03', sex: 'F' });
  for (let i = 0; i < 20000; i++) rows.push([`${m} Nomor ${i}`, i % 2 ? 'M' : 'F', '1990-01-01', '32.73', i === 1 ? first : '']);
  rows.push([`${m} Nomor 0`, 'F', '1990-01-01', '32.73', '']);
  rows.push([`${m} Orang Lain`, 'F', '1980-02-03', '32.73', first]);
  const file = await csv('dry-batches.csv', rows);
  let r = await importClients(file, '--dry-run');
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stdout, /^dry run: 20002 rows in .*: 20000 imported, 1 already registered, 1 rejected/m);
  assert.equal(await count(m), 0, 'a dry run writes nothing');
  r = await importClients(file);
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stdout, /^20002 rows in .*: 20000 imported, 1 already registered, 1 rejected/m);
});

test('the acting user must be allowed to register clients', T, async () => {
  const m = uniqueWord();
  const file = await csv('perm.csv', [['name'], [`${m} A`]]);
  for (const user of ['viewer', 'volunteer']) {
    const r = await importClients(file, '--user', user);
    assert.equal(r.code, 1, `${user}: ${r.stdout}`);
    assert.match(r.stderr, /not allowed/);
  }
  assert.equal(await count(m), 0);
  await assert.rejects(fs.access(file.replace(/\.csv$/, '.report.csv')), 'no report of an import refused');
  const r = await importClients(file, '--user', 'worker');
  assert.equal(r.code, 0, r.stderr);
  const who = await sql(dir, `SELECT u.name FROM client c JOIN user u ON u.id = c.created_by WHERE c.name = '${m} A'`);
  assert.deepEqual(who, [{ name: 'worker' }]);
});

test('a header the CSV reader refuses is a refused header: exit 2, the earlier report kept', T, async () => {
  const file = await csv('badhead.csv', '"name"x,sex\nA,F\n');
  await fs.writeFile(file.replace(/\.csv$/, '.report.csv'), 'row,field,reason\n9,x,"earlier"\n');
  const r = await importClients(file);
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stderr, /the header row cannot be read: Text follows a closing quote/);
  assert.doesNotMatch(r.stdout, /rows in|stopped/);
  assert.deepEqual(await report(file), [[9, 'x', 'earlier']]);
});

test('the report may go to standard output, or through a link that stays a link', T, async () => {
  const m = uniqueWord();
  const file = await csv('stdout.csv', [['name', 'sex'], [`${m} A`, 'Q']]);
  let r = await importClients(file, '--report', '-', '--dry-run');
  assert.equal(r.code, 3, r.stderr);
  // Standard output is the report alone: the summary goes to standard error.
  assert.equal(r.stdout, 'row,field,reason\n2,sex,"Must be F (female) or M (male)."\n');
  assert.match(r.stderr, /dry run: 1 rows/);
  const target = path.join(work, 'target.csv');
  const link = path.join(work, 'link.csv');
  await fs.writeFile(target, 'earlier\n');
  await fs.symlink(target, link);
  r = await importClients(file, '--report', link, '--dry-run');
  assert.equal(r.code, 3, r.stderr);
  assert.ok((await fs.lstat(link)).isSymbolicLink(), 'the link is not replaced');
  assert.match(await fs.readFile(target, 'utf8'), /^row,field,reason\n2,sex,/);
  const left = (await fs.readdir(work)).filter((f) => /\.report\.csv\.|link\.csv\./.test(f));
  assert.deepEqual(left, [], 'no temporary report is left behind');
});

test('a directory given as the file is refused with its reason, and no report is left', T, async () => {
  const d = path.join(work, 'adir.csv');
  await fs.mkdir(d, { recursive: true });
  const r = await importClients(d);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^pendamping: cannot read .*adir\.csv: Is a directory$/m);
  assert.doesNotMatch(r.stdout, /rows in/);
  await assert.rejects(fs.stat(`${d}.report.csv`));
  await assert.rejects(fs.stat(path.join(work, 'adir.report.csv')));
});

test('the report may not overwrite the file read', T, async () => {
  const m = uniqueWord();
  const file = await csv('self.csv', [['name', 'sex'], [`${m} A`, 'Q']]);
  const before = await fs.readFile(file, 'utf8');
  const r = await importClients(file, '--report', file);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /would overwrite the file read/);
  assert.equal(await fs.readFile(file, 'utf8'), before);
  assert.equal(await count(m), 0);
});

test('the report may not replace a file of the data directory, nor a file that is not a report', T, async () => {
  const m = uniqueWord();
  const file = await csv('guard.csv', [['name', 'sex'], [`${m} A`, 'F']]);
  const db = path.join(dir, 'pendamping.db');
  const size = (await fs.stat(db)).size;
  for (const target of [db, path.join(dir, 'secret.key'), path.join(dir, 'new.report.csv')]) {
    const r = await importClients(file, '--report', target);
    assert.equal(r.code, 2, `${target}: ${r.stderr}`);
    assert.match(r.stderr, /is not the report of an earlier import, or lies in the data directory/);
  }
  const link = path.join(work, 'db-link.csv');
  await fs.symlink(db, link);
  assert.equal((await importClients(file, '--report', link)).code, 2, 'through a link into the data directory');
  const notes = path.join(work, 'notes.txt');
  await fs.writeFile(notes, 'catatan penting\n');
  assert.equal((await importClients(file, '--report', notes)).code, 2, 'a file that is not a report');
  assert.equal(await fs.readFile(notes, 'utf8'), 'catatan penting\n');
  assert.equal((await fs.stat(db)).size, size);
  assert.equal(await count(m), 0, 'imported although refused');
  // An earlier report is replaced, as before.
  const earlier = path.join(work, 'earlier.report.csv');
  await fs.writeFile(earlier, 'row,field,reason\n');
  assert.equal((await importClients(file, '--report', earlier)).code, 0);
  assert.equal(await count(m), 1);
});

test('the report and the summary in Indonesian, by --lang or by the locale', T, async () => {
  const m = uniqueWord();
  const file = await csv('bahasa.csv', [['name', 'sex'], [`${m} A`, 'Q']]);
  let r = await run(['import', 'clients', '--data', dir, file, '--dry-run', '--lang', 'id']);
  assert.match(r.stdout, /^uji coba: 1 baris dalam .*: 0 diimpor, 0 sudah terdaftar, 1 ditolak/m);
  assert.deepEqual(await report(file), [[2, 'sex', 'Harus F (perempuan) atau M (laki-laki).']]);
  r = await run(['import', 'clients', '--data', dir, file, '--dry-run'], { env: { LC_ALL: '', LC_MESSAGES: '', LANG: 'id_ID.UTF-8' } });
  assert.match(r.stdout, /1 ditolak/);
  r = await run(['import', 'clients', '--data', dir, file, '--dry-run'], { env: { LC_ALL: 'C.UTF-8', LANG: 'id_ID.UTF-8' } });
  assert.match(r.stdout, /1 rejected/, 'LC_ALL comes first');
  r = await run(['import', 'clients', '--data', dir, file, '--lang', 'fr']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--lang must be id or en/);
});

test('regions import: a header in any case, names trimmed, faults on the field at fault', T, async () => {
  const file = await csv('wilayah.csv', [
    'Code,Name',
    '32.73, Kota Bandung ',
    '99.01,Kabupaten Entah', // row 3: no such province
    '32.7,Salah', // row 4: not a code's shape
    '32.74,', // row 5: no name
    '32.75,Kota Banjar,lagi', // row 6: three fields
    '32.76,"Kota ""X"""y', // row 7: text after a quote
    '32.77,Kota Akhir',
    '',
  ].join('\n'));
  const r = await run(['regions', 'import', '--data', dir, file, '--lang', 'en']);
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stdout, /7 regions in .*: 2 imported, 5 rejected/);
  assert.deepEqual(await report(file), [
    [3, 'code', 'Region code must start with a known province code.'],
    [4, 'code', 'Region code must look like 32, 32.73, 32.73.01 or 32.73.01.1001.'],
    [5, 'name', 'The name is missing.'],
    [6, '', 'A row has two fields: code and name.'],
    [7, '', 'Text follows a closing quote: quote the whole field, and double the quotes inside it.'],
  ]);
  assert.deepEqual(await sql(dir, "SELECT code, name FROM region WHERE code IN ('32.73', '32.77') ORDER BY code"), [
    { code: '32.73', name: 'Kota Bandung' },
    { code: '32.77', name: 'Kota Akhir' },
  ]);
  // Clients' regions are now checked against the list where it goes that deep.
  const m = uniqueWord();
  const clients = await csv('di-wilayah.csv', [['name', 'region'], [`${m} A`, '32.77'], [`${m} B`, '32.78'], [`${m} C`, '33.01']]);
  const c = await importClients(clients);
  assert.equal(c.code, 3);
  assert.deepEqual(await report(clients), [[3, 'region', 'This region code is not in the region list.']]);
  assert.equal(await count(m), 2);
  // An empty file imports nothing and writes no audit row.
  const audits = async () => (await sql(dir, "SELECT count(*) AS n FROM audit WHERE entity = 'region'"))[0].n;
  const before = await audits();
  const empty = await csv('kosong.csv', '');
  const e = await run(['regions', 'import', '--data', dir, empty, '--lang', 'en']);
  assert.equal(e.code, 0, e.stderr);
  assert.match(e.stdout, /^0 regions/);
  assert.equal(await audits(), before);
});

/** killedImport imports file into data and kills the import (SIGKILL) as soon as kill(clients
 * registered, ms since it started) holds, polled; resolves how it ended. */
async function killedImport(data, file, kill, signal = 'SIGKILL') {
  const started = Date.now();
  const child = spawn(BIN, ['import', 'clients', '--data', data, file], { stdio: 'ignore' });
  let ended = null;
  const exit = new Promise((resolve) => child.on('close', (code, signal) => resolve((ended = { code, signal }))));
  while (!ended) {
    const [{ n }] = await sql(data, 'SELECT count(*) AS n FROM client');
    if (kill(n, Date.now() - started)) {
      child.kill(signal);
      break;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  return exit;
}

test('killed at any moment, an import leaves the database whole, and its rerun completes the job', { timeout: TEST_TIMEOUT * 6 }, async () => {
  const rows = 45000; // two batches of 20,000 and a part
  const file = path.join(work, 'generated.csv');
  const text = await new Promise((resolve, reject) =>
    execFile('python3', [new URL('../../bench/gen_clients.py', import.meta.url).pathname, String(rows), '--seed', '11'],
      { maxBuffer: 64 << 20 }, (err, out) => (err ? reject(err) : resolve(out))));
  await fs.writeFile(file, text);
  // Killed once the first batch is in (the second then in flight), and killed early, whatever it
  // is doing then (opening the database, reading the header, the first batch).
  const moments = [(n) => n >= 20000, (n, ms) => ms >= 40];
  for (const [i, kill] of moments.entries()) {
    const data = path.join(work, `killed-${i}`);
    const init = await run(['init', '--data', data], { env: { PENDAMPING_ADMIN_PASSWORD: 'admin-password-1' } });
    assert.equal(init.code, 0, init.stderr);
    const end = await killedImport(data, file, kill);
    assert.equal(end.signal, 'SIGKILL', `moment ${i}: the import ended before it was killed`);
    // Whole: the file, the audit chain, a batch in or out as one, each client with its index rows.
    assert.deepEqual(await sql(data, 'PRAGMA integrity_check'), [{ integrity_check: 'ok' }]);
    assert.deepEqual(await sql(data, 'PRAGMA foreign_key_check'), []);
    const audit = await run(['audit', 'verify', '--data', data]);
    assert.equal(audit.code, 0, audit.stdout + audit.stderr);
    const [{ n: kept }] = await sql(data, 'SELECT count(*) AS n FROM client');
    assert.equal(kept % 20000, 0, `moment ${i}: ${kept} clients, not whole batches`);
    assert.ok(kept < rows);
    if (i === 0) assert.ok(kept >= 20000);
    const [{ n: indexed }] = await sql(data, 'SELECT count(DISTINCT client_id) AS n FROM client_term');
    assert.equal(indexed, kept);
    // The rerun adds exactly what is missing; another adds nothing.
    let r = await run(['import', 'clients', '--data', data, file, '--lang', 'en'], { timeout: TEST_TIMEOUT * 3 });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^${rows} rows in .*: ${rows - kept} imported, ${kept} already registered, 0 rejected`, 'm'));
    r = await run(['import', 'clients', '--data', data, file, '--lang', 'en'], { timeout: TEST_TIMEOUT * 3 });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`: 0 imported, ${rows} already registered, 0 rejected`));
    const [{ n: all }] = await sql(data, 'SELECT count(*) AS n FROM client');
    assert.equal(all, rows);
    assert.deepEqual(await sql(data, 'PRAGMA integrity_check'), [{ integrity_check: 'ok' }]);
  }
});

test('stopped by a signal, an import leaves no half-written report behind', { timeout: TEST_TIMEOUT * 6 }, async () => {
  const file = path.join(work, 'generated.csv'); // written by the test before
  const data = path.join(work, 'stopped');
  const init = await run(['init', '--data', data], { env: { PENDAMPING_ADMIN_PASSWORD: 'admin-password-1' } });
  assert.equal(init.code, 0, init.stderr);
  const parts = async () => (await fs.readdir(work)).filter((f) => /^generated\.csv\.report\.csv\.\w{6}$/.test(f)).sort();
  const before = await parts();
  const end = await killedImport(data, file, (n) => n >= 20000, 'SIGTERM');
  assert.equal(end.signal, 'SIGTERM', 'the import ended before it was stopped');
  assert.deepEqual(await parts(), before, 'a temporary report was left');
  assert.deepEqual(await sql(data, 'PRAGMA integrity_check'), [{ integrity_check: 'ok' }]);
});
