// viewport.mjs — which viewport meta tag Chromium uses when a page has
// more than one (a layout override can add one to the theme's), the claim
// govpub check rests on (check_html.c, docs/check.md): the last, whole —
// its keys are not added to the earlier tags' — wherever it stands.
// Each case is a page loaded on an emulated phone (375 px, mobile); what
// the browser applied is read back as the layout width
// (document.documentElement.clientWidth) and whether a zoom to twice the
// page's scale (DevTools' Emulation.setPageScaleFactor, held to the
// viewport's limits as a pinch is) takes.  Usage: node viewport.mjs
import { launch } from './chromium.mjs';
import { reporter } from './harness.mjs';

const DEVICE = 'width=device-width, initial-scale=1';
const LOCKED = 'width=device-width, initial-scale=1, user-scalable=no';
// name, the viewport tags in the order the page has them (body: one in
// <body>), what the browser must apply: the layout width, zoomable
const CASES = [
  ['one tag', [DEVICE], 375, true],
  ['width=600 after device-width', [DEVICE, 'width=600'], 600, true],
  ['device-width after width=600', ['width=600', DEVICE], 375, true],
  ['user-scalable=no after a zoomable one', [DEVICE, LOCKED], 375, false],
  ['a zoomable one after user-scalable=no', [LOCKED, DEVICE], 375, true],
  ['user-scalable=no alone after device-width: the first forgotten', [DEVICE, 'user-scalable=no'], 980, false],
  ['the last in <body>', [DEVICE, 'body:width=600'], 600, true],
];

const suite = reporter('viewport');
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  for (const [i, [name, tags, width, zoomable]] of CASES.entries()) {
    const meta = (t) => `<meta name="viewport" content="${t.replace(/^body:/, '')}">`;
    const head = tags.filter((t) => !t.startsWith('body:')).map(meta).join('\n');
    const body = tags.filter((t) => t.startsWith('body:')).map(meta).join('\n');
    const url = `http://viewport.test/${i}.html`; // answered here: nothing leaves the machine
    await page.route(url, (r) => r.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">\n${head}\n<title>${i}</title></head>` +
        `<body>${body}<p>视口</p><div style="height:2000px"></div></body></html>`,
    }));
    await page.goto(url);
    const got = await page.evaluate(() => document.documentElement.clientWidth);
    const before = await page.evaluate(() => window.visualViewport.scale);
    await cdp.send('Emulation.setPageScaleFactor', { pageScaleFactor: 2 * before });
    await page.waitForFunction((b) => window.visualViewport.scale !== b, before, { timeout: 1000 }).catch(() => {});
    const after = await page.evaluate(() => window.visualViewport.scale);
    await cdp.send('Emulation.setPageScaleFactor', { pageScaleFactor: 0 }); // back to the page's own
    const problems = [];
    if (got !== width) problems.push(`layout width ${got}, want ${width}`);
    if ((after > 1.5 * before) !== zoomable)
      problems.push(`zoom ${before} → ${after}: ${zoomable ? 'locked, want zoomable' : 'zoomable, want locked'}`);
    suite.report(name, problems);
  }
} catch (e) {
  suite.failures++;
  console.log(`FAIL viewport: ${e.stack || e}`);
} finally {
  await browser.close();
}
process.exitCode = suite.failures ? 1 : 0;
