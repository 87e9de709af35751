// live.mjs — `govpub serve` in headless Chromium: an open page reloads by
// itself after a good edit, shows the build's errors over the page after a
// broken one (under the server's own Content-Security-Policy, with no
// violation), and reloads again when the next good edit recovers.
// Usage: node live.mjs GOVPUB SITE_COPY   (SITE_COPY is edited: a scratch copy)
import { readFileSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';

const [govpub, site] = process.argv.slice(2);
let failures = 0;
function report(name, problem) {
  if (problem) {
    failures++;
    console.log(`FAIL browser-live: ${name}: ${problem}`);
  } else {
    console.log(`ok browser-live: ${name}`);
  }
}

const server = spawn(govpub, ['serve', '--site', site, '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
let log = '';
const listening = new Promise((resolve, reject) => {
  server.stderr.on('data', (d) => {
    log += d;
    const m = /at (http:\/\/127\.0\.0\.1:\d+\/) \(Ctrl-C stops\)/.exec(log);
    if (m) resolve(m[1]);
  });
  server.on('exit', (code) => reject(new Error(`govpub serve exited (${code}): ${log}`)));
});

const page_md = `${site}/content/news/b.md`;
function edit(from, to) {
  writeFileSync(page_md, readFileSync(page_md, 'utf8').replace(from, to));
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
try {
  const base = await Promise.race([listening, new Promise((_, rej) => setTimeout(() => rej(new Error('no listen line')), 15000))]);
  const page = await browser.newPage();
  const csp = [];
  page.on('console', (m) => { if (/Content Security Policy|Refused/.test(m.text())) csp.push(m.text()); });
  // the first build may still be running: the server answers 503 until it is done
  for (let i = 0; i < 50; i++) {
    const r = await page.goto(`${base}news/b/`);
    if (r.status() === 200) break;
    await page.waitForTimeout(200);
  }
  await page.waitForFunction(() => document.querySelector('script[src="/_govpub/live.js"]'));
  report('page served with the reload script', null);
  await page.waitForTimeout(300); // the event stream connects

  let reloaded = page.waitForEvent('load', { timeout: 10000 });
  edit('title: 测试区政务服务中心延长服务时间', 'title: 测试区政务服务中心再次延长服务时间');
  await reloaded;
  const h1 = await page.textContent('h1');
  report('a good edit reloads the page', h1 === '测试区政务服务中心再次延长服务时间' ? null : `h1 is «${h1}»`);

  await page.waitForTimeout(300);
  edit('date: 2024-02-10', 'date: 2024-13-10');
  const box = await page.waitForSelector('.govpub-live-error', { timeout: 10000 }).catch(() => null);
  const text = box ? await box.textContent() : '';
  report('a broken edit shows its error over the page',
    text.includes('content/news/b.md:3:7: error: "date" is not a valid date and time: "2024-13-10"') ? null : `overlay: «${text}»`);
  const visible = box ? await box.isVisible() : false;
  report('the error box is visible', visible ? null : 'hidden');

  reloaded = page.waitForEvent('load', { timeout: 10000 });
  edit('date: 2024-13-10', 'date: 2024-02-10');
  await reloaded;
  const gone = (await page.$('.govpub-live-error')) === null;
  report('the next good edit reloads a clean page', gone ? null : 'the error box is still there');
  report('no CSP violation', csp.length ? csp.join('; ') : null);
} catch (e) {
  report('live reload', e.message);
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
process.exit(failures ? 1 : 0);
