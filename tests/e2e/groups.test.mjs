// Browser test of group work, the way a facilitator does it: create a group with a volunteer as
// co-facilitator, find six clients in the registry and add them, record two sessions with the
// attendance of every member at once, read the attendance figures and the chart, print the
// attendance sheet to PDF, and check who may open the group (viewer: counts only; co-facilitator:
// everything). Runs the real binary on a free port with fresh demo data and drives Debian's
// Chromium through playwright-core.
//
//   PENDAMPING_BIN=$PWD/build/pendamping node --test tests/e2e/groups.test.mjs
//
// Screenshots and the PDF are kept in a temp dir printed as a diagnostic (E2E_SHOTS=DIR chooses
// it); E2E_KEEP=1 keeps the data dir too.
// Texts may be English or Indonesian: elements are found by id, name, class or role, never by text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { PASSWORD, PHONE, LAPTOP, startApp, stopApp } from './case-helpers.mjs';

const GROUP = {
  name: 'Kelompok Dukungan Sebaya Cibeunying',
  purpose: 'preventive',
  aim: 'Anggota saling menguatkan, mengenali tanda stres dan tahu ke mana mencari bantuan.',
  capacity: '8',
  place: 'Aula Kelurahan Cibeunying',
  frequency: 'Setiap Kamis',
  cofacilitator: 'volunteer',
};
// A name search that matches several demo clients (Agus Handayani, Agus Rahayu, Agus Wulandari).
const NAME_SEARCH = 'agus';
const BY_NAME = 3; // members found by name; the other three by NIK

// The two sessions: per member (in the order they were added) the status, the participation
// score (present only) and an observation.
const SESSIONS = [
  {
    topic: 'Perkenalan dan kesepakatan kelompok',
    phase: 'beginning',
    notes: { atmosphere: 'Canggung di awal, cair setelah permainan nama.',
             dynamics: 'Dua anggota mendominasi pembicaraan.',
             techniques: 'Permainan nama, kontrak kelompok' },
    members: [
      { status: 'present', participation: '4', observation: 'Menawarkan diri mencatat kesepakatan.' },
      { status: 'present', participation: '3' },
      { status: 'present', participation: '5', observation: 'Bercerita tentang anaknya yang sakit.' },
      { status: 'present', participation: '2' },
      { status: 'excused' },
      { status: 'absent' },
    ],
  },
  {
    topic: 'Mengenali tanda-tanda stres',
    phase: 'working',
    notes: { atmosphere: 'Lebih santai, anggota saling menyapa.', conflicts: 'Tidak ada.' },
    members: [
      { status: 'present', participation: '5' },
      { status: 'present', participation: '4', observation: 'Mulai mengajak anggota lain bicara.' },
      { status: 'excused' },
      { status: 'absent' },
      { status: 'present', participation: '3' },
      { status: 'absent' },
    ],
  },
];

// Members join on the office's today (WIB for the demo office: office_today), a session before a
// member's join date does not count that member, and a session is in the future only past the
// date in WIT (UTC+9, the eastern end of Indonesia): so both sessions are dated that day, on or
// after the members' joining day.
const TODAY = new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 10);

let app, shotDir, base, browser, context, page;
let groupPath, groupUid, sessionUids = [];
const members = []; // { uid, name } in the order they were added
const pageProblems = [];

// watch records script errors and CSP violations of a page.
function watch(p, who) {
  // A 403 or 422 answer is logged as a failed load of the document: not a problem.
  p.on('console', (m) => {
    const pageStatus = m.text().startsWith('Failed to load resource') && !m.location().url.includes('/static/');
    if (m.type() === 'error' && !pageStatus)
      pageProblems.push(`${who}: ${m.text()} (${m.location().url})`);
  });
  p.on('pageerror', (e) => { pageProblems.push(`${who}: ${e}`); });
}

async function newUserPage(who) {
  const ctx = await browser.newContext({ viewport: PHONE, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  ctx.setDefaultTimeout(15000);
  const p = await ctx.newPage();
  watch(p, who);
  return { ctx, p };
}

// clickAndLoad clicks something that navigates and waits until the new page has loaded.
async function clickAndLoad(locator) {
  const p = locator.page();
  const navigated = p.waitForEvent('framenavigated', { predicate: (f) => f === p.mainFrame() });
  await locator.click();
  await navigated;
  await p.waitForLoadState('load');
}

const pathname = (p = page) => new URL(p.url()).pathname;

async function logIn(p, name) {
  await p.goto(`${base}/login`, { waitUntil: 'load' });
  await p.locator('#name').fill(name);
  await p.locator('#password').fill(PASSWORD);
  await clickAndLoad(p.locator('form[action="/login"] button[type=submit]'));
  assert.notEqual(pathname(p), '/login', `${name} is logged in`);
}

async function shoot(name, p = page) {
  const files = [];
  for (const [label, size] of [['phone', PHONE], ['laptop', LAPTOP]]) {
    await p.setViewportSize(size);
    const file = path.join(shotDir, `${name}-${label}.png`);
    await p.screenshot({ path: file, fullPage: true });
    files.push(file);
    // E2E_SHOT_PARTS=N also writes the page in slices N pixels tall, for image viewers.
    const part = Number(process.env.E2E_SHOT_PARTS) || 0;
    const height = part && await p.evaluate(() => document.documentElement.scrollHeight);
    for (let y = 0, i = 0; part && y < height; y += part, i++)
      await p.screenshot({ path: file.replace(/\.png$/, `-${i}.png`), fullPage: true,
                           clip: { x: 0, y, width: size.width, height: Math.min(part, height - y) } });
  }
  await p.setViewportSize(PHONE);
  return files;
}

// The members table of the group page and the client uid of each of its rows.
const memberRows = () => page.locator('#members table.list tbody tr');
const memberRow = (uid) => memberRows().filter({ has: page.locator(`td a[href="/clients/${uid}"]`) });
async function memberUids() {
  return memberRows().locator('td:first-child a[href^="/clients/"]')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href').slice('/clients/'.length)));
}

// fitsWidth tells whether the page fits the viewport's width (no sideways scrolling of the page).
const fitsWidth = (p = page) =>
  p.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

async function searchMembers(term) {
  await page.locator('#members form.search #q').fill(term);
  await clickAndLoad(page.locator('#members form.search button'));
  assert.equal(pathname(), groupPath, 'the search stays on the group page');
  assert.equal(new URL(page.url()).searchParams.get('q'), term);
}

// addMember clicks the add button of client uid among the search results.
async function addMember(uid) {
  const before = await memberRows().count();
  const form = page.locator('form.add-member').filter({ has: page.locator(`input[name=client][value="${uid}"]`) });
  assert.equal(await form.count(), 1, `one add button for ${uid}`);
  const name = (await form.locator('button').innerText()).trim();
  await clickAndLoad(form.locator('button'));
  assert.equal(pathname(), groupPath, 'back on the group page after adding');
  assert.equal(await page.locator('p.error[role=alert]').count(), 0, 'no error adding a member');
  assert.equal(await memberRows().count(), before + 1, 'one more row in the members table');
  assert.equal(await memberRow(uid).count(), 1, 'the new member is in the table');
  const shown = (await memberRow(uid).locator('td:first-child a').innerText()).trim();
  assert.ok(name.includes(shown), `the button "${name}" named the member "${shown}"`);
  members.push({ uid, name: shown });
}

before(async () => {
  app = await startApp('pendamping-e2e-groups');
  ({ base, browser, shotDir } = app);
  ({ ctx: context, p: page } = await newUserPage('worker'));
});

after(async () => {
  await stopApp(app);
});

test('a worker creates a group with a volunteer as co-facilitator', async () => {
  await logIn(page, 'worker');
  await page.goto(`${base}/groups`, { waitUntil: 'load' });
  await clickAndLoad(page.locator('main a[href="/groups/new"]'));
  assert.equal(pathname(), '/groups/new');

  const form = page.locator('form[action="/groups"]');
  await form.locator('#name').fill(GROUP.name);
  await form.locator('#purpose').selectOption(GROUP.purpose);
  await form.locator('#aim').fill(GROUP.aim);
  await form.locator('#capacity').fill(GROUP.capacity);
  await form.locator('#place').fill(GROUP.place);
  await form.locator('#frequency').fill(GROUP.frequency);
  await form.locator('#cofacilitators').fill(GROUP.cofacilitator);
  await clickAndLoad(form.locator('button[type=submit]'));

  assert.match(pathname(), /^\/groups\/[0-9a-f-]{36}$/, 'redirected to the new group page');
  groupPath = pathname();
  groupUid = groupPath.split('/')[2];
  assert.equal((await page.locator('main h1').innerText()).trim(), GROUP.name);
  const fields = (await page.locator('main dl.fields').first().innerText());
  assert.ok(fields.includes(GROUP.aim), 'the aim is shown');
  assert.ok(fields.includes(`0 / ${GROUP.capacity}`), 'no members yet, capacity 8');
  assert.ok(fields.includes(GROUP.place), 'the place is shown');

  // The API tells the full names: the worker facilitates, the volunteer co-facilitates.
  const res = await context.request.get(`${base}/api/v1/groups/${groupUid}`);
  assert.equal(res.status(), 200);
  const g = await res.json();
  assert.equal(g.purpose, GROUP.purpose);
  assert.equal(g.capacity, Number(GROUP.capacity));
  const roles = Object.fromEntries(g.facilitators.map((f) => [f.name, f]));
  assert.equal(roles.worker?.role, 'facilitator');
  assert.equal(roles.volunteer?.role, 'cofacilitator');
  for (const f of g.facilitators)
    assert.ok(fields.includes(f.full_name), `${f.full_name} is listed among the facilitators`);
  assert.equal(await memberRows().count(), 0, 'the members table is empty');
});

test('six clients are found in the registry and added as members', async () => {
  // By name: a search that matches several clients; the results are add buttons.
  for (let i = 0; i < BY_NAME; i++) {
    await searchMembers(NAME_SEARCH);
    const offered = await page.locator('form.add-member input[name=client]')
      .evaluateAll((els) => els.map((e) => e.value));
    // Current members are not offered again: each round one fewer.
    assert.ok(offered.length >= BY_NAME - i, `"${NAME_SEARCH}" finds several clients (${offered.length})`);
    const taken = new Set(await memberUids());
    assert.ok(offered.every((u) => !taken.has(u)), 'current members are not offered');
    const uid = offered.find((u) => !taken.has(u));
    assert.ok(uid, 'a client who is not yet a member');
    await addMember(uid);
  }

  // By NIK: clients with a NIK looked up through the API with the worker's session.
  const res = await context.request.get(`${base}/api/v1/clients?limit=50`);
  assert.equal(res.status(), 200);
  const { items } = await res.json();
  const taken = new Set(members.map((m) => m.uid));
  const byNik = items.filter((c) => c.nik && !c.archived_at && !taken.has(c.uid)).slice(-3);
  assert.equal(byNik.length, 3, 'three more clients with a NIK');
  for (const c of byNik) {
    await searchMembers(c.nik);
    const offered = await page.locator('form.add-member input[name=client]')
      .evaluateAll((els) => els.map((e) => e.value));
    assert.deepEqual(offered, [c.uid], `the NIK ${c.nik} finds exactly ${c.name}`);
    await addMember(c.uid);
    assert.equal(members.at(-1).name, c.name);
  }

  assert.equal(await memberRows().count(), 6, 'six members');
  assert.deepEqual(new Set(await memberUids()), new Set(members.map((m) => m.uid)));
  const fields = await page.locator('main dl.fields').first().innerText();
  assert.ok(fields.includes(`6 / ${GROUP.capacity}`), 'the count says 6 of 8');
  // Nobody attended anything yet: no low-attendance badge.
  assert.equal(await page.locator('#members .badge.warn').count(), 0);
});

async function recordSession(n, t) {
  const s = SESSIONS[n];
  await page.goto(`${base}${groupPath}`, { waitUntil: 'load' });
  await clickAndLoad(page.locator(`main nav.sections a[href="${groupPath}/sessions/new"]`));
  assert.equal(pathname(), `${groupPath}/sessions/new`);

  const form = page.locator(`form.session-form[action="${groupPath}/sessions"]`);
  await form.locator('#date').fill(TODAY);
  await form.locator('#phase').selectOption(s.phase);
  await form.locator('#topic').fill(s.topic);
  const rows = form.locator('table.attendance tbody tr');
  assert.equal(await rows.count(), 6, 'one attendance row per member');
  for (const [i, m] of members.entries()) {
    const want = s.members[i];
    // Every member starts as present; each row names its member.
    assert.ok(await form.locator(`input[type=radio][name="status.${m.uid}"][value=present]`).isChecked());
    const row = rows.filter({ has: page.locator(`input[name="status.${m.uid}"]`) });
    assert.equal((await row.locator('th[scope=row]').innerText()).trim(), m.name);
    await row.locator(`input[type=radio][name="status.${m.uid}"][value=${want.status}]`).check();
    if (want.participation)
      await row.locator(`select[name="participation.${m.uid}"]`).selectOption(want.participation);
    if (want.observation)
      await row.locator(`textarea[name="observation.${m.uid}"]`).fill(want.observation);
  }
  for (const [k, v] of Object.entries(s.notes))
    await form.locator(`textarea[name="notes.${k}"]`).fill(v);

  if (n === 0) {
    assert.ok(await fitsWidth(), 'the session form does not scroll sideways on a phone');
    const shots = await shoot('session-form');
    t.diagnostic(`screenshots: ${shots.join(' ')}`);
  }
  await clickAndLoad(form.locator('button[type=submit]'));
  assert.equal(await page.locator('#form-errors').count(), 0, 'the session was accepted');
  assert.equal(pathname(), groupPath, 'back on the group page');
  assert.equal(new URL(page.url()).hash, '#sessions');
}

test('two sessions are recorded with the attendance of every member', async (t) => {
  await recordSession(0, t);
  await recordSession(1, t);

  // Newest first; each session shows its counts, its process notes and observations.
  const articles = page.locator('#sessions article.item');
  assert.equal(await articles.count(), 2);
  for (const [n, s] of SESSIONS.entries()) {
    const article = articles.nth(SESSIONS.length - 1 - n);
    const head = (await article.locator('header').innerText()).trim();
    const parts = head.split(' · ');
    assert.equal(parts[0], TODAY);
    assert.equal(parts[2], s.topic);
    const count = (st) => String(s.members.filter((m) => m.status === st).length);
    assert.deepEqual(parts[3].match(/\d+/g), [count('present'), count('excused'), count('absent')],
                     `present, excused, absent of session ${n + 1}: ${head}`);
    const text = await article.innerText();
    for (const v of Object.values(s.notes))
      assert.ok(text.includes(v), `the process note "${v}" is shown`);
    for (const [i, m] of s.members.entries())
      if (m.observation)
        assert.ok(text.includes(`${members[i].name}: ${m.observation}`), `the observation of ${members[i].name}`);
    const sheet = article.locator(`header a[href^="${groupPath}/sessions/"][href$="/print"]`);
    assert.equal(await sheet.count(), 1, 'a link to the attendance sheet');
    sessionUids[n] = (await sheet.getAttribute('href')).split('/')[4];
  }
  assert.notEqual(sessionUids[0], sessionUids[1]);
});

test('the members table and the chart show the attendance', async (t) => {
  await page.goto(`${base}${groupPath}`, { waitUntil: 'load' });
  const held = SESSIONS.length;
  for (const [i, m] of members.entries()) {
    const present = SESSIONS.filter((s) => s.members[i].status === 'present').length;
    const cell = memberRow(m.uid).locator('td.num');
    assert.equal(await cell.count(), 1);
    const text = (await cell.innerText()).trim();
    const pct = Math.round(100 * present / held);
    assert.ok(text.startsWith(`${pct}% (${present}/${held})`), `${m.name}: ${text}, want ${pct}% (${present}/${held})`);
    const low = present / held < 0.5;
    assert.equal(await cell.locator('.badge.warn').count(), low ? 1 : 0,
                 `${m.name} ${low ? 'carries' : 'does not carry'} the low-attendance badge`);
  }
  assert.equal(await page.locator('#members .badge.warn').count(), 1, 'only the member never present is flagged');

  // The API agrees with the page.
  const g = await (await context.request.get(`${base}/api/v1/groups/${groupUid}`)).json();
  for (const [i, m] of members.entries()) {
    const api = g.members.find((x) => x.client.uid === m.uid);
    assert.equal(api.sessions_held, held);
    assert.equal(api.present, SESSIONS.filter((s) => s.members[i].status === 'present').length);
  }

  // The attendance chart: one point per session, at the share of members present.
  const charts = page.locator('#progress svg[role=img]');
  assert.ok(await charts.count() >= 2, 'attendance and participation charts');
  const attendance = charts.nth(0);
  const labelledBy = await attendance.getAttribute('aria-labelledby');
  assert.ok(labelledBy, 'the chart is labelled by its title');
  assert.ok((await attendance.locator(`title[id="${labelledBy}"]`).textContent()).trim().length > 0);
  const points = attendance.locator('g.chart-series g.chart-point');
  assert.equal(await points.count(), held, 'one point per session');
  const rates = SESSIONS.map((s) => 100 * s.members.filter((m) => m.status === 'present').length / s.members.length);
  const ys = [];
  for (const [n, rate] of rates.entries()) {
    const title = (await points.nth(n).locator('title').textContent()).trim();
    assert.ok(title.endsWith(`, ${TODAY}: ${rate.toFixed(1)}`), `session ${n + 1}: "${title}", want ${rate.toFixed(1)}`);
    ys.push(Number(await points.nth(n).locator('circle').getAttribute('cy')));
  }
  assert.ok(ys[0] < ys[1], 'the first session (more present) is drawn higher');
  assert.equal(await attendance.locator('.chart-empty').count(), 0);

  // The participation chart: one line per member, a point where a score was given.
  const participation = charts.nth(1);
  const scored = SESSIONS.flatMap((s) => s.members.filter((m) => m.participation)).length;
  assert.equal(await participation.locator('g.chart-point').count(), scored, 'one point per score given');
  const titles = await participation.locator('g.chart-point title').allTextContents();
  for (const [n, s] of SESSIONS.entries())
    for (const [i, m] of s.members.entries())
      if (m.participation) {
        const want = `${members[i].name}, ${TODAY}: ${Number(m.participation).toFixed(1)}`;
        assert.ok(titles.includes(want), `participation point "${want}" among ${JSON.stringify(titles)}`);
      }

  const shots = await shoot('group-page');
  t.diagnostic(`screenshots: ${shots.join(' ')}`);
});

test('the attendance sheet lists the members with room to sign and prints to PDF', async (t) => {
  await page.goto(`${base}${groupPath}`, { waitUntil: 'load' });
  const href = `${groupPath}/sessions/${sessionUids[0]}/print`;
  await clickAndLoad(page.locator(`#sessions a[href="${href}"]`));
  assert.equal(pathname(), href);

  const sheet = page.locator('table.sheet');
  assert.equal(await sheet.count(), 1);
  assert.equal(await sheet.locator('thead th').count(), 4, 'No, name, attendance, signature');
  const rows = sheet.locator('tbody tr');
  assert.equal(await rows.count(), 6, 'one line per member');
  const names = [];
  for (let i = 0; i < 6; i++) {
    const cells = rows.nth(i).locator('td');
    assert.equal(await cells.count(), 4);
    assert.equal((await cells.nth(0).innerText()).trim(), String(i + 1));
    names.push((await cells.nth(1).innerText()).trim());
    assert.equal(await cells.nth(3).getAttribute('class'), 'signature');
    assert.equal((await cells.nth(3).innerText()).trim(), '', 'the signature cell is left blank');
  }
  assert.deepEqual(new Set(names), new Set(members.map((m) => m.name)), 'the six members');
  const head = await page.locator('article.document').innerText();
  assert.ok(head.includes(GROUP.name) && head.includes(SESSIONS[0].topic) && head.includes(TODAY));
  assert.equal(await page.locator('table.signatures td').count(), 2, 'facilitator and co-facilitator sign');

  // On paper the print button is hidden.
  assert.ok(await page.locator('.noprint button.print').isVisible());
  await page.emulateMedia({ media: 'print' });
  assert.ok(!(await page.locator('.noprint button.print').isVisible()), 'no print button on paper');
  await page.emulateMedia({ media: null });

  const shots = await shoot('attendance-sheet');
  const pdf = path.join(shotDir, 'attendance-sheet.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  const bytes = await readFile(pdf);
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.ok((await stat(pdf)).size > 8000, `the PDF is not trivial (${bytes.length} bytes)`);
  assert.ok(bytes.subarray(-1024).toString('latin1').includes('%%EOF'), 'the PDF is complete');
  const text = bytes.toString('latin1');
  assert.equal(text.match(/\/Type\s*\/Page\b/g)?.length, 1, 'six members fit on one page');
  const box = text.match(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/);
  assert.ok(box && Math.abs(box[1] - 595.3) < 2 && Math.abs(box[2] - 841.9) < 2, `an A4 page: ${box?.[0]}`);
  t.diagnostic(`screenshots: ${shots.join(' ')} ${pdf}`);
});

test('a viewer sees the group counts but cannot open it', async () => {
  const { ctx, p } = await newUserPage('viewer');
  try {
    await logIn(p, 'viewer');
    const res = await p.goto(`${base}/groups`, { waitUntil: 'load' });
    assert.equal(res.status(), 200);
    const row = p.locator('table.list tbody tr').filter({ hasText: GROUP.name });
    assert.equal(await row.count(), 1, 'the group is listed');
    assert.equal(await row.locator('a').count(), 0, 'without a link');
    assert.equal(await p.locator(`a[href^="${groupPath}"]`).count(), 0);
    const cells = (await row.locator('td').allInnerTexts()).map((s) => s.trim());
    assert.equal(cells[0], GROUP.name);
    assert.equal(cells[3], `6 / ${GROUP.capacity}`, 'members of capacity');
    assert.equal(cells[4], String(SESSIONS.length), 'sessions');

    for (const url of [groupPath, `${groupPath}/sessions/${sessionUids[0]}/print`, `${groupPath}/sessions/new`,
                       `${groupPath}/print`]) {
      const r = await p.goto(`${base}${url}`, { waitUntil: 'load' });
      assert.equal(r.status(), 403, `${url} is forbidden to a viewer`);
      assert.equal(await p.locator('main p.error[role=alert]').count(), 1, 'an error page');
      const body = await p.locator('body').innerText();
      for (const m of members)
        assert.ok(!body.includes(m.name), `${m.name} is not shown to a viewer`);
    }
  } finally {
    await ctx.close();
  }
});

test('the volunteer co-facilitator opens the group', async () => {
  const { ctx, p } = await newUserPage('volunteer');
  try {
    await logIn(p, 'volunteer');
    await p.goto(`${base}/groups`, { waitUntil: 'load' });
    const link = p.locator(`table.list a[href="${groupPath}"]`);
    assert.equal(await link.count(), 1, 'the group is linked for its co-facilitator');
    await clickAndLoad(link);
    assert.equal(pathname(p), groupPath);
    assert.equal((await p.locator('main h1').innerText()).trim(), GROUP.name);
    assert.equal(await p.locator('#members table.list tbody tr').count(), 6, 'the members');
    assert.equal(await p.locator('#sessions article.item').count(), 2, 'the sessions');
    assert.equal(await p.locator(`main nav.sections a[href="${groupPath}/sessions/new"]`).count(), 1,
                 'the co-facilitator may record a session');
  } finally {
    await ctx.close();
  }
});

// The visually hidden labels of the members table are positioned absolutely: their scroll region
// must contain them, or the whole group page scrolls sideways on a phone.
test('the group page does not scroll sideways on a phone', async () => {
  await page.setViewportSize(PHONE);
  await page.goto(`${base}${groupPath}`, { waitUntil: 'load' });
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(widths[0] <= widths[1], `page ${widths[0]} px wide in a ${widths[1]} px viewport`);
});

test('no script errors or CSP violations on the pages', () => {
  assert.deepEqual(pageProblems, []);
});
