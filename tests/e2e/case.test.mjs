// Browser test of a whole case as a worker runs it on a phone: register a client with consent,
// open a case, assess (genogram, ecomap), plan (goal with GAS levels, task, sign-off), get the
// plan approved by the supervisor (second browser), intervene (sessions, review with a goal
// score), terminate with the supervisor's approval, print the plan (also to PDF), a session
// record and a filtered timeline; then a colleague who is not on the case (third browser) gets
// "not found" and opens it through emergency access, which the supervisor sees.
//
//   PENDAMPING_BIN=$PWD/build/pendamping node --test tests/e2e/case.test.mjs
//
// Screenshots and the PDF go to a temp dir printed as a diagnostic (E2E_SHOTS=DIR chooses it);
// E2E_KEEP=1 keeps the data dir too.
// Texts may be English or Indonesian: elements are found by id, name or role, never by text;
// a message is recognised in both languages through po/id.po.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { PHONE, LAPTOP, startApp, stopApp, userPage, clickAndLoad, logIn, fill, shoot, texts } from './case-helpers.mjs';

const CLIENT = {
  name: 'Ratna Sumarni Hadiwijaya',
  sex: 'F',
  birthDate: '1984-03-09',
  consentOn: '2025-06-02',
  scope: 'referral',
};
const PROBLEM = { p0_category: 'income', p0_severity: '4',
                  p0_description: 'Kehilangan pekerjaan di pabrik tekstil; tunggakan sewa rumah tiga bulan.' };
const ASSESSMENT = {
  'f-date': '2025-06-10',
  'f-presenting_problem': 'Tidak ada penghasilan tetap sejak Maret; anak terancam putus sekolah.',
  'f-family_situation': 'Tinggal bersama anak laki-laki dan ibu yang sudah lanjut usia.',
  'f-strengths': 'Terampil menjahit; hubungan baik dengan tetangga.',
  'f-basic_needs_score': '2',
  'f-social_roles_score': '3',
  'f-coping_score': '2',
  'f-risk_level': 'medium',
};
const MOTHER = { 'f-name': 'Siti Aminah', 'f-relation': 'mother', 'f-sex': 'F', 'f-birth_year': '1958' };
const CHILD = { 'f-name': 'Dimas Pratama', 'f-relation': 'child', 'f-sex': 'M', 'f-birth_year': '2011' };
const TIES = [
  { 'f-name': 'SMPN 12 Bandung', 'f-type': 'school', 'f-strength': 'strong' },
  { 'f-name': 'Rentenir Pak Darto', 'f-type': 'other', 'f-strength': 'stressful' },
];
const GOAL = {
  'f-text': 'Ratna mempunyai penghasilan tetap untuk kebutuhan keluarga',
  'f-domain': 'income',
  'f-target_date': '2026-03-31',
  'f-gas_minus2': 'Tidak ada penghasilan sama sekali',
  'f-gas_minus1': 'Penghasilan tidak menentu kurang dari Rp 500.000 sebulan',
  'f-gas_0': 'Penghasilan tetap sekitar Rp 1.500.000 sebulan dari menjahit',
  'f-gas_plus1': 'Penghasilan tetap lebih dari Rp 2.000.000 sebulan',
  'f-gas_plus2': 'Membuka usaha jahit sendiri dan menabung',
};
const TASK = { 'f-text': 'Mendaftar pelatihan menjahit di BLK Bandung', 'f-owner': 'client', 'f-due': '2025-07-15',
               'f-status': 'todo' };
const SIGNOFF = { 'f-date': '2025-06-20', 'f-how': 'thumbprint' };
const SESSIONS = [
  { 'f-date': '2025-07-01', 'f-place': 'home_visit', 'f-type': 'counselling',
    'f-note': 'Kunjungan rumah: membahas jadwal pelatihan dan pengasuhan Dimas.' },
  { 'f-date': '2025-07-15', 'f-place': 'office', 'f-type': 'skills_training',
    'f-note': 'Ratna mulai pelatihan menjahit; membawa contoh jahitan pertama.' },
];
const REVIEW = { 'f-date': '2025-08-01', 'f-basic_needs_score': '3', 'f-social_roles_score': '4', 'f-coping_score': '3',
                 'f-note': 'Pesanan jahitan dari tetangga mulai rutin.' };
const TERMINATION = { 'f-date': '2025-10-01', 'f-reason': 'goals_reached', 'f-outcome': 'independent',
                      'f-summary': 'Ratna mandiri secara ekonomi dengan usaha jahit; Dimas tetap bersekolah.' };
const GLASS_REASON = 'Klien datang ke kantor dalam keadaan darurat, pendamping utama sedang cuti.';

let app, worker, supervisor, colleague; // three browser contexts: worker (phone), supervisor (laptop), worker2 (phone)
let clientPath, casePath, goalUid;
const sessionUids = [];

const path0 = (page) => new URL(page.url()).pathname;

// openCasePage loads the case page in page and checks that it is the case page.
async function openCasePage(page) {
  const res = await page.goto(app.base + casePath, { waitUntil: 'load' });
  if (res.status() !== 200)
    assert.fail(`the case page answered ${res.status()}:\n${await page.locator('main').innerText()}`);
  assert.equal(path0(page), casePath);
  return res;
}

const stageOf = (page) => page.locator('main ol.stages li[aria-current=step]');
async function assertStage(page, code) {
  assert.equal(await page.locator(`main .head .badge.stage-${code}`).count(), 1, `the case is in stage ${code}`);
  assert.equal(await stageOf(page).count(), 1, 'one current stage in the stage list');
}

// moveTo submits the stage form of the case page the worker is on.
async function moveTo(page, stage) {
  const form = page.locator(`form[action="${casePath}/stage"]`);
  await form.locator('#to').selectOption(stage);
  return clickAndLoad(form.locator('button[type=submit]'));
}

// addItem follows the case page's "Add" link of kind plural, fills the generic form and saves it;
// the worker lands back on the case page at that section.
async function addItem(page, plural, values, extra) {
  assert.equal(path0(page), casePath, 'adding starts on the case page');
  await clickAndLoad(page.locator(`main a.button[href="${casePath}/${plural}/new"]`));
  assert.equal(path0(page), `${casePath}/${plural}/new`);
  const form = page.locator(`form.item-form[action="${casePath}/${plural}"]`);
  assert.equal(await form.count(), 1, `the ${plural} form posts to the case`);
  await fill(page, values);
  if (extra)
    await extra(form);
  const res = await clickAndLoad(form.locator('.actions button[type=submit]'));
  if (res.status() !== 200)
    assert.fail(`saving ${plural}: ${res.status()} ${path0(page)}\n${await page.locator('main').innerText()}`);
  assert.equal(path0(page), casePath, 'back on the case page');
  assert.equal(new URL(page.url()).hash, `#${plural}`);
}

// itemUids lists the uids of the items shown in a section of the case page.
async function itemUids(page, section) {
  const ids = await page.locator(`main section#${section} article.item`).evaluateAll((as) => as.map((a) => a.id));
  return ids.map((id) => id.replace(/^item-/, ''));
}

// errorText gives the message of the error page shown.
async function errorText(page) {
  const alert = page.locator('main p.error[role=alert]');
  assert.equal(await alert.count(), 1, 'an error page with its message');
  return (await alert.innerText()).trim();
}

/** refusalText is the one reason a case shown again after a refused action gives, at its top. */
async function refusalText(page) {
  const alert = page.locator('main #form-errors[role=alert] li');
  assert.equal(await alert.count(), 1, 'the case again with the reason of the refusal');
  assert.equal(new URL(page.url()).pathname.startsWith(casePath), true);
  return (await alert.innerText()).trim();
}

before(async () => {
  app = await startApp('pendamping-e2e-case');
  worker = await userPage(app, 'worker', PHONE);
});

after(async () => {
  await stopApp(app);
});

test('1. the worker registers a client with consent and opens a case', async () => {
  await logIn(app, worker, 'worker');
  await clickAndLoad(worker.locator('main a.button[href="/clients/new"]'));
  await worker.locator('#name').fill(CLIENT.name);
  await worker.locator(`#sex input[value=${CLIENT.sex}]`).check();
  await worker.locator('#birth_date').fill(CLIENT.birthDate);
  await worker.locator('#consent_given').check();
  await fill(worker, { 'consent.given_on': CLIENT.consentOn, 'consent.scope': CLIENT.scope });
  await clickAndLoad(worker.locator('form.client-form .actions button[type=submit]'));
  assert.equal(await worker.locator('#form-errors').count(), 0, 'the client is saved');
  assert.match(path0(worker), /^\/clients\/[0-9a-f-]{36}$/);
  clientPath = path0(worker);
  const clientUid = clientPath.split('/')[2];

  const cases = worker.locator('main section#cases');
  assert.equal(await cases.locator('form.danger').count(), 0, 'no case yet, so no emergency access form');
  await clickAndLoad(cases.locator(`a[href="/cases/new?client=${clientUid}"]`));
  assert.equal(path0(worker), '/cases/new');
  const form = worker.locator('form[action="/cases"]');
  assert.equal(await form.locator('input[name=client]').inputValue(), clientUid);
  await fill(worker, PROBLEM);
  await clickAndLoad(form.locator('button[type=submit]'));
  assert.equal(await worker.locator('#form-errors').count(), 0);
  assert.match(path0(worker), /^\/cases\/[0-9a-f-]{36}$/, 'redirected to the new case');
  casePath = path0(worker);
  await assertStage(worker, 'intake');
  assert.equal(await worker.locator(`main h1 a[href="${clientPath}"]`).innerText(), CLIENT.name);
  assert.equal(await worker.locator('main section#problems article.item').count(), 1, 'one problem');
  assert.ok((await worker.locator('main section#problems').innerText()).includes(PROBLEM.p0_description),
            'the problem description (a sealed field) is shown to its author');
  assert.equal(await worker.locator('main ul.gates li.ok').count(), 1, 'the consent gate is ticked');
  assert.equal(await worker.locator('main ul.gates li.missing').count(), 0);
  // The client's page now links to the case.
  await worker.goto(app.base + clientPath, { waitUntil: 'load' });
  assert.equal(await worker.locator(`main section#cases a.button[href="${casePath}"]`).count(), 1);
  await openCasePage(worker);
});

test('2. assessment with a genogram and an ecomap', async () => {
  const res = await moveTo(worker, 'assessment');
  assert.equal(res.status(), 200);
  assert.equal(path0(worker), casePath);
  await assertStage(worker, 'assessment');

  await addItem(worker, 'assessments', ASSESSMENT);
  assert.equal(await worker.locator('main section#assessments article.item').count(), 1);
  await addItem(worker, 'people', MOTHER);
  await addItem(worker, 'people', CHILD);
  assert.equal(await worker.locator('main section#people article.item').count(), 2, 'two family members');
  // The relationship form offers the client and the family members by name.
  await addItem(worker, 'links', {}, async (form) => {
    await form.locator('#f-from').selectOption({ label: MOTHER['f-name'] });
    await form.locator('#f-to').selectOption({ label: CHILD['f-name'] });
    await form.locator('#f-type').selectOption('close');
  });
  assert.equal(await worker.locator('main section#people article.item').count(), 3, 'members and the link');
  for (const tie of TIES)
    await addItem(worker, 'ties', tie);
  assert.equal(await worker.locator('main section#ties article.item').count(), 2);

  const figures = worker.locator('main section#pictures figure');
  assert.equal(await figures.count(), 3, 'genogram, ecomap and progress chart');
  const genogram = figures.nth(0).locator('svg[role=img]');
  assert.equal(await genogram.count(), 1, 'the genogram is an SVG picture');
  const genoText = await genogram.evaluate((s) => s.textContent);
  for (const name of [CLIENT.name, MOTHER['f-name'], CHILD['f-name']])
    assert.ok(genoText.includes(name) || genoText.includes(name.split(' ')[0]), `the genogram names ${name}`);
  assert.ok(genoText.includes('1958') && genoText.includes('2011'), 'the genogram shows birth years');
  const ecomap = figures.nth(1).locator('svg[role=img]');
  assert.equal(await ecomap.count(), 1, 'the ecomap is an SVG picture');
  assert.equal(await ecomap.locator('circle.eco-system').count(), 2, 'one circle per tie');
  // (the legend draws one line of each kind too)
  assert.equal(await ecomap.locator('.eco-strong:not(.eco-legend *)').count(), 1, 'one strong tie');
  assert.equal(await ecomap.locator('.eco-stressful:not(.eco-legend *)').count(), 1, 'one stressful tie');
  const ecoText = await ecomap.evaluate((s) => s.textContent);
  for (const tie of TIES)
    assert.ok(ecoText.includes(tie['f-name'].split(' ')[0]), `the ecomap names ${tie['f-name']}`);
});

test('3. planning: goal, task, the gate, sign-off and the request for approval', async () => {
  await moveTo(worker, 'planning');
  await assertStage(worker, 'planning');
  assert.equal(await worker.locator('main ul.gates li').count(), 3, 'three conditions before intervention');

  await addItem(worker, 'goals', GOAL);
  [goalUid] = await itemUids(worker, 'goals');
  assert.ok(goalUid, 'the goal is shown');
  await addItem(worker, 'tasks', TASK, async (form) => {
    await form.locator('#f-goal').selectOption({ label: GOAL['f-text'] });
  });
  assert.equal(await worker.locator('main section#tasks article.item').count(), 1);
  assert.ok((await worker.locator('main section#tasks article.item').innerText()).includes(GOAL['f-text']),
            'the task names its goal');
  assert.equal(await worker.locator('main ul.gates li.ok').count(), 1, 'the goal is ticked');
  assert.equal(await worker.locator('main ul.gates li.missing').count(), 2, 'sign-off and approval are missing');

  // The gate stops the move and says what is missing first: the client's sign-off.
  const res = await moveTo(worker, 'intervention');
  assert.equal(res.status(), 422);
  const why = await refusalText(worker);
  assert.ok((await texts("The plan needs the client's sign-off (date and how), or a written reason why there is none.")).includes(why),
            `the gate names the missing sign-off, got: ${why}`);
  await openCasePage(worker);
  await assertStage(worker, 'planning');

  await addItem(worker, 'signoffs', SIGNOFF);
  assert.equal(await worker.locator('main ul.gates li.missing').count(), 1, 'only the approval is missing');

  // Still no approval: the gate now names that.
  const res2 = await moveTo(worker, 'intervention');
  assert.equal(res2.status(), 422);
  const why2 = await refusalText(worker);
  assert.ok((await texts("The plan needs the supervisor's approval.")).includes(why2), `the gate names the approval, got: ${why2}`);
  await openCasePage(worker);

  await clickAndLoad(worker.locator(`form[action="${casePath}/approvals"] button[name=type][value=plan]`));
  assert.equal(path0(worker), casePath);
  assert.equal(await worker.locator('main section#approvals article.item').count(), 1, 'the request is on the case');
  assert.equal(await worker.locator('main form.decision').count(), 0, 'a worker cannot decide it');
});

test('4. the supervisor approves the plan in another browser', async () => {
  supervisor = await userPage(app, 'supervisor', LAPTOP);
  await logIn(app, supervisor, 'supervisor');
  await openCasePage(supervisor);
  const decision = supervisor.locator('main section#approvals form.decision');
  assert.equal(await decision.count(), 1, 'one pending request to decide');
  await decision.locator('textarea[name=comment]').fill('Rencana realistis, lanjutkan.');
  await clickAndLoad(decision.locator('button[name=decision][value=approve]'));
  assert.equal(path0(supervisor), casePath);
  assert.equal(await supervisor.locator('main form.decision').count(), 0, 'nothing left to decide');
  assert.equal(await supervisor.locator('main ul.gates li.missing').count(), 0, 'the plan may go ahead');
});

test('5. intervention: two sessions and a review with a goal score', async (t) => {
  await openCasePage(worker);
  assert.equal(await worker.locator('main ul.gates li.missing').count(), 0, 'the worker sees the approval');
  const res = await moveTo(worker, 'intervention');
  assert.equal(res.status(), 200);
  await assertStage(worker, 'intervention');

  for (const s of SESSIONS)
    await addItem(worker, 'sessions', s);
  sessionUids.push(...await itemUids(worker, 'sessions'));
  assert.equal(sessionUids.length, 2, 'two sessions shown');

  await addItem(worker, 'reviews', REVIEW, async (form) => {
    const score = form.locator(`select[name="score.${goalUid}"]`);
    assert.equal(await score.count(), 1, 'the review form has a score for the goal');
    await score.selectOption('1');
  });
  const review = worker.locator('main section#reviews article.item');
  assert.equal(await review.count(), 1);
  assert.ok((await review.innerText()).includes('+1'), 'the review shows the goal score');

  const chart = worker.locator('main section#pictures figure').nth(2).locator('svg[role=img]');
  assert.equal(await chart.count(), 1, 'the progress chart is an SVG picture');
  const series = chart.locator('g.chart-series');
  assert.equal(await series.count(), 4, 'goal attainment and the three functioning scores');
  assert.equal(await series.nth(0).locator('.chart-point').count(), 1,
               'goal attainment: a point at the review only (the assessment has no goal score)');
  for (let k = 1; k < 4; k++)
    assert.equal(await series.nth(k).locator('.chart-point').count(), 2, 'functioning: assessment and review');
  const xLabels = await chart.locator('text.chart-x').allTextContents();
  assert.deepEqual(xLabels, [ASSESSMENT['f-date'], REVIEW['f-date']], 'dated by the assessment and the review');

  const shots = await shoot(app, worker, 'case-page');
  t.diagnostic(`screenshots: ${shots.join(' ')}`);
});

test('6. termination with the supervisor\'s approval of the closure', async () => {
  await addItem(worker, 'terminations', TERMINATION);
  await clickAndLoad(worker.locator(`form[action="${casePath}/approvals"] button[name=type][value=closure]`));
  assert.equal(path0(worker), casePath);
  assert.equal(await worker.locator('main section#approvals article.item').count(), 2, 'plan and closure requests');

  await openCasePage(supervisor);
  const decision = supervisor.locator('main section#approvals form.decision');
  assert.equal(await decision.count(), 1, 'only the closure waits for a decision');
  await clickAndLoad(decision.locator('button[name=decision][value=approve]'));
  assert.equal(path0(supervisor), casePath);
  assert.equal(await supervisor.locator('main form.decision').count(), 0);

  // One stage at a time: termination is not offered from intervention.
  await openCasePage(worker);
  const forward = await worker.locator('#to option').evaluateAll((os) => os.map((o) => o.value));
  assert.ok(!forward.includes('termination'), `only the next stage forward is offered: ${forward}`);
  assert.equal(await worker.locator('#to option:checked').getAttribute('value'), 'resocialisation', 'the next stage is preselected');
  await moveTo(worker, 'resocialisation');
  await assertStage(worker, 'resocialisation');
  assert.equal(await worker.locator('main ul.gates li.ok').count(), 2, 'termination and closure approval ticked');
  const res = await moveTo(worker, 'termination');
  assert.equal(res.status(), 200, res.status() === 200 ? '' : await refusalText(worker));
  assert.equal(path0(worker), casePath);
  await assertStage(worker, 'termination');
});

test('7. printed plan (and PDF), session record and the timeline filtered by kind', async (t) => {
  await openCasePage(worker);
  await clickAndLoad(worker.locator(`main nav.sections a[href="${casePath}/print/plan"]`));
  assert.equal(path0(worker), `${casePath}/print/plan`);
  const doc = worker.locator('main article.document');
  assert.equal(await doc.count(), 1, 'a printable document');
  const docText = await doc.innerText();
  assert.ok(docText.includes(GOAL['f-text']), 'the plan has the goal');
  assert.ok(docText.includes(GOAL['f-gas_0']), 'the plan says what the expected outcome is');
  assert.ok(docText.includes(TASK['f-text']) && docText.includes(TASK['f-due']), 'the plan has the task and its date');
  const signatures = doc.locator('table.signatures');
  assert.equal(await signatures.count(), 1, 'a signature table');
  assert.equal(await signatures.locator('td').count(), 2, 'client and worker sign');
  assert.equal(await worker.locator('html').getAttribute('lang'), 'id', 'the client\'s copy is in Indonesian');

  const shots = await shoot(app, worker, 'print-plan');
  await worker.emulateMedia({ media: 'print' });
  assert.equal(await worker.locator('.noprint').evaluate((e) => getComputedStyle(e).display), 'none',
               'the print button is not printed');
  shots.push(...await shoot(app, worker, 'print-plan-print-media', { a4: { width: 794, height: 1123 } }));
  await worker.emulateMedia({ media: null }); // page.pdf() prints with the print stylesheet
  const pdf = path.join(app.shotDir, 'plan.pdf');
  await worker.pdf({ path: pdf, format: 'A4', printBackground: true });
  const { size } = await stat(pdf);
  assert.ok(size > 5000, `the PDF has content (${size} bytes)`);
  t.diagnostic(`screenshots and PDF: ${shots.join(' ')} ${pdf}`);

  // The session record of the first session.
  await openCasePage(worker);
  await clickAndLoad(worker.locator(`main article#item-${sessionUids[0]} a[href="${casePath}/print/session?item=${sessionUids[0]}"]`));
  assert.equal(path0(worker), `${casePath}/print/session`);
  const record = worker.locator('main article.document');
  const recordText = await record.innerText();
  const first = SESSIONS.find((s) => recordText.includes(s['f-note']));
  assert.ok(first, 'the record has the session note');
  assert.ok(recordText.includes(first['f-date']), 'and its date');
  assert.ok(!SESSIONS.filter((s) => s !== first).some((s) => recordText.includes(s['f-note'])), 'and only that session');
  assert.equal(await record.locator('table.signatures').count(), 1);

  // The timeline, filtered with its form to sessions only.
  await openCasePage(worker);
  await clickAndLoad(worker.locator(`main nav.sections a[href="${casePath}/timeline"]`));
  assert.equal(path0(worker), `${casePath}/timeline`);
  const all = await worker.locator('main ol.timeline > li').count();
  assert.ok(all > 10, `the whole timeline has every record (${all})`);
  await worker.locator('#kind').selectOption('session');
  await clickAndLoad(worker.locator('main form.search button[type=submit]'));
  assert.equal(path0(worker), `${casePath}/timeline`);
  assert.equal(new URL(worker.url()).searchParams.get('kind'), 'session');
  const shown = await worker.locator('main ol.timeline > li > article.item').evaluateAll((as) => as.map((a) => a.id));
  assert.deepEqual(shown.map((id) => id.replace(/^item-/, '')).sort(), [...sessionUids].sort(), 'exactly the two sessions');
  assert.equal(await worker.locator('main ol.timeline > li').count(), 2);
});

test('8. a colleague off the case gets "not found", then opens it through emergency access', async () => {
  colleague = await userPage(app, 'worker2', PHONE);
  await logIn(app, colleague, 'worker2');
  const res = await colleague.goto(app.base + casePath, { waitUntil: 'load' });
  assert.equal(res.status(), 404, 'a case not assigned to worker2 does not exist for them');
  await errorText(colleague);
  assert.ok(!(await colleague.locator('main').innerText()).includes(CLIENT.name), 'the 404 page does not name the client');

  await colleague.goto(app.base + clientPath, { waitUntil: 'load' });
  const caseUid = casePath.split('/')[2];
  assert.equal(await colleague.locator(`main section#cases a[href="${casePath}"]`).count(), 0, 'no plain link to the case');
  const glass = colleague.locator(`main section#cases form.danger[action="/cases/${caseUid}/emergency-access"]`);
  assert.equal(await glass.count(), 1, 'the emergency access form');
  await glass.locator('textarea[name=reason]').fill(GLASS_REASON);
  const asked = [];
  colleague.on('dialog', (d) => { asked.push(d.type()); d.accept(); });
  const res2 = await clickAndLoad(glass.locator('button'));
  assert.deepEqual(asked, ['confirm'], 'app.js asks once before opening');
  assert.equal(res2.status(), 200);
  assert.equal(path0(colleague), casePath, 'the case opens');
  const banner = colleague.locator('main p.warning[role=status]');
  assert.equal(await banner.count(), 1, 'the emergency banner');
  assert.ok((await banner.innerText()).trim().length > 0);
  assert.equal(await colleague.locator(`form[action="${casePath}/stage"]`).count(), 0, 'emergency access is read-only');
  assert.equal(await colleague.locator(`main a.button[href^="${casePath}/"][href$="/new"]`).count(), 0, 'nothing to add');
  assert.equal(await colleague.locator('main section#sessions article.item').count(), 2, 'the sessions can be read');

  await openCasePage(supervisor);
  const notice = supervisor.locator('main p.notice');
  assert.equal(await notice.count(), 1, 'the supervisor sees one emergency access');
  const noticeText = await notice.innerText();
  assert.ok(noticeText.includes('worker2') && noticeText.includes(GLASS_REASON), `who and why: ${noticeText}`);
  assert.equal(await supervisor.locator('main p.warning[role=status]').count(), 0, 'the supervisor is not under emergency access');
});

test('no script errors or CSP violations on the pages', () => {
  assert.deepEqual(app.problems, []);
});
