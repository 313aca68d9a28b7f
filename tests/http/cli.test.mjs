// cli.test.mjs: the command line beside a running server: help and usage errors, init, demo,
// user management (seen by the web log-in), tokens, client listing and the audit check.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  Client,
  DEMO_CLIENTS,
  TEST_TIMEOUT,
  activeCount,
  apiLoginFrom,
  expectError,
  hooks,
  login,
  run,
  tempDir,
} from './helpers.mjs';

const T = { timeout: TEST_TIMEOUT };
const ctx = hooks(before, after, async (c) => {
  c.data = c.server.dataDir;
  c.w = (await login(c.base, 'worker')).client;
  c.scratch = await tempDir('pendamping-cli-');
});
after(async () => {
  if (ctx.scratch) await fs.rm(ctx.scratch, { recursive: true, force: true });
});

/** commands lists the command names that `pendamping --help` prints. */
async function commands() {
  const r = await run(['--help']);
  assert.equal(r.code, 0, r.stderr);
  const names = [...r.stdout.matchAll(/^ {2}([a-z][a-z-]*)\s{2,}\S/gm)].map((m) => m[1]);
  assert.ok(names.length >= 8, `commands found: ${names}`);
  return names;
}

/** countClients pages through `client list --json` and returns the number of clients. */
async function countClients(dir) {
  let n = 0;
  let cursor = null;
  for (let page = 0; page < 50; page++) {
    const args = ['client', 'list', '--data', dir, '--user', 'worker', '--json', '--limit', '100'];
    if (cursor) args.push('--cursor', cursor);
    const r = await run(args);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    n += j.items.length;
    cursor = j.next_cursor;
    if (!cursor) return n;
  }
  throw new Error('too many pages');
}

describe('help and usage', () => {
  test('version prints the version', T, async () => {
    const r = await run(['version']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^pendamping \d+\.\d+\.\d+/);
    const health = await new Client(ctx.base).get('/healthz');
    assert.ok(r.stdout.includes(health.json.version), 'the server reports the same version');
    const v = await run(['--version']);
    assert.equal(v.code, 0);
    assert.equal(v.stdout, r.stdout);
  });

  test('--help on every command exits 0 and prints its usage', T, async () => {
    for (const cmd of await commands()) {
      const r = await run([cmd, '--help']);
      assert.equal(r.code, 0, `${cmd} --help: exit ${r.code}\n${r.stderr}`);
      if (cmd !== 'version') assert.match(r.stdout + r.stderr, new RegExp(`usage: pendamping ${cmd}`), cmd);
      const h = await run([cmd, '-h']);
      assert.equal(h.code, 0, `${cmd} -h`);
    }
    assert.equal((await run(['help'])).code, 0);
  });

  test('an unknown flag exits 2 and names it', T, async () => {
    for (const cmd of (await commands()).filter((c) => c !== 'version')) {
      const r = await run([cmd, '--data', ctx.scratch, '--no-such-flag']);
      assert.equal(r.code, 2, `${cmd} --no-such-flag: exit ${r.code}\n${r.stderr}`);
      assert.match(r.stderr, /--no-such-flag/, cmd);
    }
    const none = await run([]);
    assert.equal(none.code, 2);
    const unknown = await run(['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /frobnicate/);
    const missing = await run(['user', 'list', '--data']);
    assert.equal(missing.code, 2, 'an option without its value');
    const noData = await run(['audit', 'verify']);
    assert.equal(noData.code, 2, 'a missing --data');
    assert.match(noData.stderr, /^pendamping: option --data DIR is required: the data directory$/m);
    // A value is never the next option, nor empty; an option is given once.
    const swallowed = await run(['import', 'clients', '--data', ctx.scratch, 'x.csv', '--report', '--dry-run']);
    assert.equal(swallowed.code, 2, 'a dry run turned into an import with a report named --dry-run');
    assert.match(swallowed.stderr, /^pendamping: option --report needs a value$/m);
    assert.equal((await run(['import', 'clients', '--data', ctx.scratch, 'x.csv', '--report='])).code, 2, 'an empty report path');
    const twice = await run(['user', 'list', '--data', ctx.scratch, '--data', ctx.data]);
    assert.equal(twice.code, 2);
    assert.match(twice.stderr, /^pendamping: option --data is given more than once$/m);
    // A subcommand missing, unknown, or without its argument says which, before the usage.
    const subs = [
      [['user', '--data', ctx.data], /^pendamping: say what to do, one of: add, list, disable, enable, passwd$/m],
      [['user', 'remove', '--data', ctx.data, 'x'], /^pendamping: unknown subcommand 'remove'; one of: add, list, disable, enable, passwd$/m],
      [['user', 'disable', '--data', ctx.data], /^pendamping: disable needs an argument: see the usage below$/m],
      [['client', 'list', 'extra', '--data', ctx.data], /^pendamping: unexpected argument 'extra'$/m],
      [['import', 'clients', '--data', ctx.data], /^pendamping: clients needs an argument/m],
      [['token', 'create', '--data', ctx.data], /^pendamping: --user NAME is required/m],
      [['user', 'add', '--data', ctx.data, '--name', 'x6'], /^pendamping: user add needs --name and --role$/m],
      [['serve', '--data', ctx.scratch, '--listen', 'foo'], /^pendamping: --listen must be HOST:PORT/m],
    ];
    for (const [args, want] of subs) {
      const r = await run([...args, '--lang', 'en']);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, want, args.join(' '));
    }
    const onError = await run(['import', 'clients', '--data', ctx.scratch, 'x.csv', '--on-error=stop', '--lang', 'id']);
    assert.equal(onError.code, 2);
    assert.match(onError.stderr, /^pendamping: --on-error harus skip atau abort$/m);
  });
});

describe('data directories', () => {
  test('init creates a directory and refuses one that exists', T, async () => {
    const dir = path.join(ctx.scratch, 'fresh');
    const env = { PENDAMPING_ADMIN_PASSWORD: 'admin-password-1' };
    const r = await run(['init', '--data', dir, '--org', 'LKS Uji'], { env });
    assert.equal(r.code, 0, r.stderr);
    const st = await fs.stat(path.join(dir, 'secret.key'));
    assert.equal(st.mode & 0o077, 0, 'the key file is private');
    const key = await fs.readFile(path.join(dir, 'secret.key'));
    const again = await run(['init', '--data', dir], { env: { PENDAMPING_ADMIN_PASSWORD: 'other-password-2' } });
    assert.notEqual(again.code, 0, 'a second init must fail');
    assert.match(again.stderr, /already|exists|refus/i);
    assert.deepEqual(await fs.readFile(path.join(dir, 'secret.key')), key, 'the key is untouched');
    const users = await run(['user', 'list', '--data', dir, '--json']);
    assert.equal(users.code, 0, users.stderr);
    assert.deepEqual(JSON.parse(users.stdout).map((u) => u.name), ['admin']);
    const verify = await run(['audit', 'verify', '--data', dir]);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
  });

  test('init refuses the running server\'s directory and the server is unaffected', T, async () => {
    const before = await activeCount(ctx.w);
    const r = await run(['init', '--data', ctx.data], { env: { PENDAMPING_ADMIN_PASSWORD: 'admin-password-1' } });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /already|exists|refus/i);
    assert.equal(await activeCount(ctx.w), before);
    await login(ctx.base, 'admin'); // the demo admin's password still works
  });

  test('init without a password and without a terminal fails', T, async () => {
    const r = await run(['init', '--data', path.join(ctx.scratch, 'nopw')], { env: { PENDAMPING_ADMIN_PASSWORD: '' } });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /PENDAMPING_ADMIN_PASSWORD/);
    await assert.rejects(fs.stat(path.join(ctx.scratch, 'nopw', 'pendamping.db')));
  });

  test('demo is idempotent: still 200 clients and 6 users after a second run', T, async () => {
    const dir = path.join(ctx.scratch, 'demo');
    const first = await run(['demo', '--data', dir]);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(await countClients(dir), DEMO_CLIENTS);
    assert.match(first.stdout, /^ {2}volunteer {2}\(kader: minimum client data\)$/m);
    const second = await run(['demo', '--data', dir, '--lang', 'id']);
    assert.match(second.stdout, /^ {2}admin {6}\(admin: pengguna dan jejak audit\)$/m, 'the log-ins in the command\'s language');
    assert.equal(second.code, 0, second.stderr);
    assert.equal(await countClients(dir), DEMO_CLIENTS);
    const users = JSON.parse((await run(['user', 'list', '--data', dir, '--json'])).stdout);
    assert.equal(users.length, 6);
    const verify = await run(['audit', 'verify', '--data', dir]);
    assert.equal(verify.code, 0, verify.stdout);
  });

  test('demo on the served directory changes nothing the server sees', T, async () => {
    const before = await activeCount(ctx.w);
    const r = await run(['demo', '--data', ctx.data]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(await activeCount(ctx.w), before);
  });

  test('migrate reports the schema version', T, async () => {
    const r = await run(['migrate', '--data', ctx.data]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /schema version \d+/);
  });

  test('a directory without a database is refused', T, async () => {
    const r = await run(['client', 'list', '--data', path.join(ctx.scratch, 'empty'), '--user', 'worker']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /init/);
  });
});

describe('audit verify', () => {
  test('exits 0 on a fresh demo directory', T, async () => {
    const r = await run(['audit', 'verify', '--data', ctx.data]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /intact: \d+ rows/);
  });

  test('still exits 0 after changes over HTTP', T, async () => {
    const c = await ctx.w.post('/api/v1/clients', { name: 'Audit Chain Test' });
    assert.equal(c.status, 201, c.text);
    const p = await ctx.w.patch(`/api/v1/clients/${c.json.uid}`, { notes: 'x', version: 1 });
    assert.equal(p.status, 200, p.text);
    const r = await run(['audit', 'verify', '--data', ctx.data]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });
});

describe('users', () => {
  test('user add with PENDAMPING_PASSWORD; the new user can log in over HTTP', T, async () => {
    const r = await run(['user', 'add', '--data', ctx.data, '--name', 'kader3', '--role', 'volunteer', '--full-name', 'Kader Tiga'], {
      env: { PENDAMPING_PASSWORD: 'kader-tiga-password' },
    });
    assert.equal(r.code, 0, r.stderr);
    const s = await login(ctx.base, 'kader3', 'kader-tiga-password');
    assert.equal(s.user.role, 'volunteer');
    assert.equal(s.user.full_name, 'Kader Tiga');
    expectError(await s.client.post('/api/v1/clients', { name: 'X' }), 403, 'forbidden');
    const list = JSON.parse((await run(['user', 'list', '--data', ctx.data, '--json'])).stdout);
    assert.ok(list.some((u) => u.name === 'kader3' && u.role === 'volunteer' && u.disabled === false));
  });

  test('user add refuses bad input', T, async () => {
    const env = { PENDAMPING_PASSWORD: 'long-enough-password' };
    const dup = await run(['user', 'add', '--data', ctx.data, '--name', 'worker', '--role', 'worker'], { env });
    assert.equal(dup.code, 1, 'a taken name');
    const role = await run(['user', 'add', '--data', ctx.data, '--name', 'x9', '--role', 'boss'], { env });
    assert.equal(role.code, 1, 'an unknown role');
    assert.match(role.stderr, /role/);
    const short = await run(['user', 'add', '--data', ctx.data, '--name', 'x8', '--role', 'worker'], { env: { PENDAMPING_PASSWORD: 'short' } });
    assert.equal(short.code, 1, 'a short password');
    assert.match(short.stderr, /password/);
    // The reason in the locale's language, named by its field.
    const id = await run(['user', 'add', '--data', ctx.data, '--name', 'x6', '--role', 'worker'],
      { env: { PENDAMPING_PASSWORD: 'short', LC_ALL: '', LC_MESSAGES: '', LANG: 'id_ID.UTF-8' } });
    assert.equal(id.code, 1);
    assert.match(id.stderr, /^pendamping: password: Kata sandi minimal 8 karakter\.$/m);
    const en = await run(['user', 'add', '--data', ctx.data, '--name', 'x6', '--role', 'worker'],
      { env: { PENDAMPING_PASSWORD: 'short', LC_ALL: 'C.UTF-8' } });
    assert.match(en.stderr, /^pendamping: password: Password must have at least 8 characters\.$/m);
    const idEnv = { LC_ALL: '', LC_MESSAGES: '', LANG: 'id_ID.UTF-8' };
    assert.match((await run(['bogus'], { env: idEnv })).stderr, /^pendamping: perintah tidak dikenal 'bogus'$/m);
    assert.match((await run(['user', 'list', '--data', `${ctx.data}-none`], { env: idEnv })).stderr, /belum memiliki basis data/);
    assert.match((await run(['user', 'list', '--data', `${ctx.data}-none`], { env: { LC_ALL: 'C.UTF-8' } })).stderr, /has no database/);
    // --lang holds for all a command prints, over the locale.
    const csv = `${ctx.data}-lang.csv`;
    await fs.writeFile(csv, 'name,sex\nSiti,F\n');
    const none = await run(['import', 'clients', '--data', `${ctx.data}-none`, '--lang', 'id', csv], { env: { LC_ALL: 'C.UTF-8' } });
    await fs.rm(csv);
    assert.match(none.stderr, /belum memiliki basis data/);
    // Every command takes --lang, anywhere among its arguments, over the locale.
    const c = { env: { LC_ALL: 'C.UTF-8' } };
    assert.match((await run(['user', 'list', '--lang', 'id', '--data', `${ctx.data}-none`], c)).stderr, /belum memiliki basis data/);
    assert.match((await run(['case', 'list', '--data', `${ctx.data}-none`, '--user', 'x', '--lang=id'], c)).stderr, /belum memiliki basis data/);
    assert.match((await run(['user', 'list', '--data', `${ctx.data}-none`, '--lang', 'en'], { env: idEnv })).stderr, /has no database/);
    assert.match((await run(['--lang', 'id', 'bogus'], c)).stderr, /^pendamping: perintah tidak dikenal 'bogus'$/m);
    const bad = await run(['user', 'list', '--data', ctx.data, '--lang', 'fr'], c);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--lang must be id or en/);
    const missing = await run(['user', 'list', '--data', ctx.data, '--lang'], c);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /option --lang needs a value/);
    // The lists' column headings and words in the command's language too; codes stay codes.
    const users = (await run(['user', 'list', '--data', ctx.data, '--lang', 'id'], c)).stdout;
    assert.match(users, /^NAMA +PERAN +SUPERVISOR +STATUS +NAMA LENGKAP$/m);
    assert.match(users, /^admin +admin +- +aktif /m);
    assert.match((await run(['user', 'list', '--data', ctx.data], c)).stdout, /^NAME +ROLE +SUPERVISOR +STATUS +FULL NAME$/m);
    assert.match((await run(['user', '--help', '--lang', 'id'], c)).stderr, /^ {2}Kata sandi diambil dari PENDAMPING_PASSWORD atau ditanyakan\.$/m, 'a usage\'s notes');
    const clientHelp = await run(['client', '--help', '--lang', 'id'], c);
    assert.match(clientHelp.stderr, /^ {2}--lang id\|en +bahasa yang dicetak perintah/m);
    assert.match((await run(['--help'], c)).stdout, /^every command takes:\n {2}--lang id\|en {2}the language of what the command prints/m);
    const help = await run(['serve', '--help'], { env: idEnv });
    assert.match(help.stdout + help.stderr, /^opsi:$/m);
    assert.match(help.stdout + help.stderr, /--data +direktori data \(dari pendamping init\)/);
    assert.match((await run([], { env: idEnv })).stderr, /^ {2}init +membuat direktori data/m);
    const noRole = await run(['user', 'add', '--data', ctx.data, '--name', 'x7'], { env });
    assert.equal(noRole.code, 2, 'a missing --role');
    const list = JSON.parse((await run(['user', 'list', '--data', ctx.data, '--json'])).stdout);
    assert.ok(!list.some((u) => ['x9', 'x8', 'x7'].includes(u.name)));
  });

  test('user disable ends the sessions and the log-in; enable restores the log-in', T, async () => {
    const add = await run(['user', 'add', '--data', ctx.data, '--name', 'pekerja4', '--role', 'worker'], {
      env: { PENDAMPING_PASSWORD: 'pekerja-empat-pw' },
    });
    assert.equal(add.code, 0, add.stderr);
    const s = await login(ctx.base, 'pekerja4', 'pekerja-empat-pw');
    const t = await run(['token', 'create', '--data', ctx.data, '--user', 'pekerja4']);
    assert.equal(t.code, 0, t.stderr);
    const bearer = new Client(ctx.base, { token: t.stdout.trim() });
    assert.equal((await bearer.get('/api/v1/me')).status, 200);

    const t2 = await run(['token', 'create', '--data', ctx.data, '--user', 'pekerja4', '--lang', 'id']);
    assert.match(t2.stderr, /^berlaku sampai \d{4}-\d\d-\d\dT/m);
    const dis = await run(['user', 'disable', '--data', ctx.data, 'pekerja4', '--lang', 'id']);
    assert.equal(dis.code, 0, dis.stderr);
    assert.equal(dis.stdout, 'pekerja4 dinonaktifkan: sesinya telah berakhir\n');
    expectError(await s.client.get('/api/v1/me'), 401, 'unauthenticated');
    expectError(await bearer.get('/api/v1/me'), 401, 'unauthenticated');
    const denied = await apiLoginFrom(ctx.base, '127.0.0.8', 'pekerja4', 'pekerja-empat-pw');
    expectError(denied, 401, 'unauthenticated');
    const tok = await run(['token', 'create', '--data', ctx.data, '--user', 'pekerja4']);
    assert.notEqual(tok.code, 0, 'no token for a disabled user');
    const act = await run(['client', 'list', '--data', ctx.data, '--user', 'pekerja4']);
    assert.notEqual(act.code, 0, 'a disabled user cannot act on the command line');

    const en = await run(['user', 'enable', '--data', ctx.data, 'pekerja4', '--lang', 'en']);
    assert.equal(en.code, 0, en.stderr);
    assert.equal(en.stdout, 'pekerja4 enabled\n');
    await login(ctx.base, 'pekerja4', 'pekerja-empat-pw');
  });

  test('user passwd changes the password and ends the sessions', T, async () => {
    const s = await login(ctx.base, 'worker2');
    const r = await run(['user', 'passwd', '--data', ctx.data, 'worker2'], { env: { PENDAMPING_PASSWORD: 'new-worker2-pw' } });
    assert.equal(r.code, 0, r.stderr);
    expectError(await s.client.get('/api/v1/me'), 401);
    expectError(await apiLoginFrom(ctx.base, '127.0.0.9', 'worker2', 'pendamping-demo'), 401);
    await login(ctx.base, 'worker2', 'new-worker2-pw');
    // A password from the environment longer than the buffer is refused with its reason.
    const long = await run(['user', 'passwd', '--data', ctx.data, 'worker2', '--lang', 'id'], { env: { PENDAMPING_PASSWORD: 'x'.repeat(600) } });
    assert.equal(long.code, 1);
    assert.match(long.stderr, /^pendamping: PENDAMPING_PASSWORD lebih dari 511 karakter$/m);
    await login(ctx.base, 'worker2', 'new-worker2-pw');
  });

  test('the command line is audited as "system"', T, async () => {
    const admin = (await login(ctx.base, 'admin')).client;
    const r = await admin.get('/api/v1/audit?action=disable&entity=user');
    assert.equal(r.status, 200);
    assert.ok(r.json.items.some((i) => i.user === 'system'));
  });
});

describe('clients on the command line', () => {
  test('client list --json parses and pages', T, async () => {
    const r = await run(['client', 'list', '--data', ctx.data, '--user', 'worker', '--json', '--limit', '3']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.items.length, 3);
    assert.equal(typeof j.next_cursor, 'string');
    for (const i of j.items) {
      assert.match(i.uid, /^[0-9a-f-]{36}$/);
      assert.equal(typeof i.name, 'string');
      assert.equal(i.notes, undefined);
    }
    const next = await run(['client', 'list', '--data', ctx.data, '--user', 'worker', '--json', '--limit', '3', '--cursor', j.next_cursor]);
    const n = JSON.parse(next.stdout);
    assert.ok(!n.items.some((i) => j.items.some((k) => k.uid === i.uid)), 'the next page has other clients');
    // The same page as the API gives.
    const api = await ctx.w.get('/api/v1/clients?limit=3');
    assert.deepEqual(j.items.map((i) => i.uid), api.json.items.map((i) => i.uid));
    const text = await run(['client', 'list', '--data', ctx.data, '--user', 'worker']);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /^UID\s+NIK/);
    // Filters and cursors the API refuses are refused here too, naming the option.
    const list = (...args) => run(['client', 'list', '--data', ctx.data, '--user', 'worker', '--lang', 'en', ...args]);
    const cursor = await list('--cursor', 'xyz');
    assert.equal(cursor.code, 2);
    assert.match(cursor.stderr, /^pendamping: --cursor: The cursor is not valid/m);
    const region = await list('--region', 'abc');
    assert.equal(region.code, 2, region.stdout);
    assert.match(region.stderr, /^pendamping: --region: /m);
    const q = await list('--q', '!!!');
    assert.equal(q.code, 2, 'punctuation alone would list everyone');
    assert.match(q.stderr, /^pendamping: --q: /m);
  });

  test('client list needs a user with read access', T, async () => {
    const none = await run(['client', 'list', '--data', ctx.data]);
    assert.equal(none.code, 2);
    const viewer = await run(['client', 'list', '--data', ctx.data, '--user', 'viewer']);
    assert.equal(viewer.code, 1);
    const nobody = await run(['client', 'list', '--data', ctx.data, '--user', 'nobody']);
    assert.equal(nobody.code, 1);
    const badLimit = await run(['client', 'list', '--data', ctx.data, '--user', 'worker', '--limit', '0']);
    assert.equal(badLimit.code, 2);
  });

  test('client add reads JSON from stdin; the server sees the new client', T, async () => {
    const name = 'Klien Dari Baris Perintah';
    const r = await run(['client', 'add', '--data', ctx.data, '--user', 'worker', '--json'], {
      input: JSON.stringify({ name, sex: 'F', region: '32.73' }),
    });
    assert.equal(r.code, 0, r.stderr);
    const { uid, version } = JSON.parse(r.stdout);
    assert.equal(version, 1);
    const g = await ctx.w.get(`/api/v1/clients/${uid}`);
    assert.equal(g.status, 200);
    assert.equal(g.json.name, name);
    assert.equal(g.json.created_by, 'worker');
    const bad = await run(['client', 'add', '--data', ctx.data, '--user', 'worker'], { input: '{"name": 5}' });
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /name/);
    const notJson = await run(['client', 'add', '--data', ctx.data, '--user', 'worker'], { input: 'nope' });
    assert.equal(notJson.code, 1);
    const shown = await run(['client', 'show', '--data', ctx.data, '--user', 'worker', uid]);
    assert.equal(shown.code, 0, shown.stderr);
    assert.equal(JSON.parse(shown.stdout).name, name);
    const archived = await run(['client', 'archive', '--data', ctx.data, '--user', 'worker', uid]);
    assert.equal(archived.code, 0, archived.stderr);
    assert.ok((await ctx.w.get(`/api/v1/clients/${uid}`)).json.archived_at);
  });
});
