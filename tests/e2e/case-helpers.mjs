// Shared pieces of the browser tests: the server on a free port with fresh demo data, Chromium,
// one browser context per user, navigation helpers, screenshots, and the message catalogue
// (to recognise a message in either language without hard-coding the translation).
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, mkdir, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

export const BIN = process.env.PENDAMPING_BIN || new URL('../../build/pendamping', import.meta.url).pathname;
export const PASSWORD = 'pendamping-demo';
export const PHONE = { width: 390, height: 844 };
export const LAPTOP = { width: 1366, height: 768 };
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// startApp makes a fresh demo data dir, serves it on a free port and launches Chromium.
export async function startApp(prefix) {
  const app = { log: '', problems: [] };
  app.tmp = await mkdtemp(path.join(os.tmpdir(), `${prefix}-`));
  app.dataDir = path.join(app.tmp, 'data');
  app.shotDir = process.env.E2E_SHOTS || await mkdtemp(path.join(os.tmpdir(), `${prefix}-shots-`));
  await mkdir(app.shotDir, { recursive: true });
  await promisify(execFile)(BIN, ['demo', '--data', app.dataDir]);

  const port = await freePort();
  app.base = `http://127.0.0.1:${port}`;
  app.server = spawn(BIN, ['serve', '--data', app.dataDir, '--listen', `127.0.0.1:${port}`, '--threads', '2'],
                     { stdio: ['ignore', 'pipe', 'pipe'] });
  app.server.stdout.on('data', (d) => { app.log += d; });
  app.server.stderr.on('data', (d) => { app.log += d; });
  const end = Date.now() + 15000;
  for (;;) {
    if (app.server.exitCode !== null)
      throw new Error(`pendamping exited early (${app.server.exitCode}):\n${app.log}`);
    try {
      const res = await fetch(`${app.base}/login`, { redirect: 'manual' });
      if (res.status === 200)
        break;
    } catch { /* not listening yet */ }
    if (Date.now() > end)
      throw new Error(`pendamping did not answer on ${app.base}:\n${app.log}`);
    await new Promise((r) => setTimeout(r, 100));
  }

  app.browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return app;
}

// stopApp closes the browser, then stops the server with SIGTERM and asserts a clean exit.
export async function stopApp(app) {
  await app?.browser?.close();
  try {
    if (app?.server) {
      assert.ok(app.server.exitCode === null && app.server.signalCode === null,
                `pendamping stopped before the end of the test (exit ${app.server.exitCode}, ` +
                `signal ${app.server.signalCode}):\n${app.log}`);
      const exited = once(app.server, 'exit');
      app.server.kill('SIGTERM');
      const [code, signal] = await exited;
      assert.equal(signal, null, `pendamping died of ${signal}:\n${app.log}`);
      assert.equal(code, 0, `pendamping exit code after SIGTERM:\n${app.log}`);
    }
  } finally {
    if (app?.tmp && !process.env.E2E_KEEP)
      await rm(app.tmp, { recursive: true, force: true });
  }
}

// userPage opens a browser context of its own (its own cookies) and a page in it; script errors
// and CSP violations are collected in app.problems. An error status of the document itself
// (404, 422) is logged by Chromium as a failed load: that is not a problem of the page.
export async function userPage(app, who, viewport) {
  const context = await app.browser.newContext({ viewport, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  context.setDefaultTimeout(15000);
  const page = await context.newPage();
  page.on('console', (m) => {
    const docStatus = m.text().startsWith('Failed to load resource') && !m.location().url.includes('/static/');
    if (m.type() === 'error' && !docStatus)
      app.problems.push(`${who}: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => { app.problems.push(`${who}: ${e}`); });
  return page;
}

// clickAndLoad clicks something that navigates (following redirects) and returns the response
// of the document finally shown.
export async function clickAndLoad(locator) {
  const p = locator.page();
  const [res] = await Promise.all([p.waitForNavigation({ waitUntil: 'load' }), locator.click()]);
  return res;
}

export async function logIn(app, page, name) {
  await page.goto(`${app.base}/login`, { waitUntil: 'load' });
  await page.locator('#name').fill(name);
  await page.locator('#password').fill(PASSWORD);
  await clickAndLoad(page.locator('form[action="/login"] button[type=submit]'));
  assert.equal(new URL(page.url()).pathname, '/clients', `${name} lands on the client list`);
}

// fill sets form controls by id: selects by value, checkboxes by truthiness, the rest as text.
export async function fill(page, values) {
  for (const [id, value] of Object.entries(values)) {
    const el = page.locator(`[id="${id}"]`);
    const [tag, type] = await el.evaluate((e) => [e.tagName.toLowerCase(), e.type]);
    if (tag === 'select')
      await el.selectOption(String(value));
    else if (type === 'checkbox' || type === 'radio')
      await (value ? el.check() : el.uncheck());
    else
      await el.fill(String(value));
  }
}

// shoot saves a full-page screenshot of page at each of the sizes and goes back to the first.
export async function shoot(app, page, name, sizes = { phone: PHONE, laptop: LAPTOP }) {
  const before = page.viewportSize();
  const files = [];
  for (const [label, size] of Object.entries(sizes)) {
    await page.setViewportSize(size);
    const file = path.join(app.shotDir, `${name}-${label}.png`);
    await page.screenshot({ path: file, fullPage: true });
    files.push(file);
    // E2E_SHOT_PARTS=N also writes the page in slices N pixels tall, for image viewers.
    const part = Number(process.env.E2E_SHOT_PARTS) || 0;
    const height = part && await page.evaluate(() => document.documentElement.scrollHeight);
    for (let y = 0, i = 0; part && y < height; y += part, i++)
      await page.screenshot({ path: file.replace(/\.png$/, `-${i}.png`), fullPage: true,
                              clip: { x: 0, y, width: size.width, height: Math.min(part, height - y) } });
  }
  await page.setViewportSize(before);
  return files;
}

// catalogue reads po/id.po; texts(msgid) gives the English text and its translation, if any.
let poCache;
export async function texts(msgid) {
  if (!poCache) {
    poCache = new Map();
    const src = await readFile(path.join(ROOT, 'po', 'id.po'), 'utf8');
    const unquote = (lines) => lines.map((l) => JSON.parse(l.slice(l.indexOf('"')))).join('');
    for (const block of src.split(/\n\s*\n/)) {
      const lines = block.split('\n').filter((l) => l.trim() && !l.startsWith('#'));
      const i = lines.findIndex((l) => l.startsWith('msgid '));
      const j = lines.findIndex((l) => l.startsWith('msgstr '));
      if (i < 0 || j < 0)
        continue;
      poCache.set(unquote(lines.slice(i, j)), unquote(lines.slice(j)));
    }
  }
  const tr = poCache.get(msgid);
  return tr ? [msgid, tr] : [msgid];
}
