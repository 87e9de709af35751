// check.mjs — the browser checks of a built govpub site, in Debian's headless
// Chromium driven by playwright-core.  Usage: node check.mjs SITE_DIR
//
// The site is served by serve.mjs under `Content-Security-Policy:
// default-src 'self'`.  Two passes:
//   1. every HTML page of the site is loaded once: no request may leave the
//      served origin, no CSP violation, no console error, no failed
//      subresource, no inline script, style or event handler in the DOM;
//   2. one page of each page type (picked by the theme's body classes
//      kind-<kind> and type-<type>) at 1280 and 375 px, in normal mode, in
//      适老化 mode and in 适老化 mode with high contrast and the largest
//      font (switched on with the keyboard through the theme's own
//      controls, then checked to survive a reload): axe-core with the WCAG
//      2.0/2.1 A and AA rules plus axe's best practices, no horizontal
//      overflow, no table of the text wider than its cells need, exactly
//      one h1, on the home page the site icon and the footer's labelled
//      values laid out beside their labels; in normal mode also the keyboard
//      walk (skip link first, every focus stop visible and shown with a focus
//      indicator) and the version each chart picture shows (the narrow one
//      at 375 px); in every mode the line breaks of typography.mjs (no lone
//      last character, labels kept whole) and, on the home page, the menu's
//      rows.  Articles also get their 字号 and 打印 controls pressed;
//   3. each page type once more with JavaScript off: it still reads, and no
//      control that needs the script shows.
// Each check prints `ok <name>` or `FAIL <name>: <details>`; the exit
// status is 1 when any failed.  With GOVPUB_SCREENSHOTS=DIR, a full-page
// screenshot of every page type, width and mode is written there.
// CHROMIUM names the browser binary (default /usr/bin/chromium).
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { launch } from './chromium.mjs';
import { serve } from './serve.mjs';
import { htmlFiles, urlPath } from './site-files.mjs';
import { lineBreaks, menuRows } from './typography.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const WIDTHS = [1280, 375];

// The page types a portal must show, in report order: name, how the body
// class picks candidates, and which candidate stands for the type (the
// biggest file: most content, pagers, tables).
const PAGE_TYPES = [
  ['home', 'kind-home'],
  ['column-list', 'kind-list'],
  ['article', 'type-news'],
  ['policy', 'type-policy'],
  ['interpretation', 'type-interpretation'],
  ['data-release', 'type-data'],
  ['bulletin', 'type-bulletin'],
  ['interview', 'type-interview'],
  ['tag-page', 'kind-term'],
  ['tags-index', 'kind-terms'],
  ['404', 'kind-404'],
  ['search', 'kind-search'],
  ['dataset', 'type-dataset'],
  ['catalog-home', 'type-catalog'],
  ['catalog-group', 'kind-catalog'],
  ['annual-report', 'type-report'],
];

// The search page is checked showing results (search.mjs checks what they are).
const SEARCH_QUERY = '?q=' + encodeURIComponent('数据');

// The modes a page type is checked in.  `enter` switches the mode on with
// the keyboard through the theme's controls (docs/theme.md names them);
// `expect` is what <html> must carry afterwards, and after a reload.
const MODES = [
  { name: 'normal', enter: [], expect: {} },
  { name: 'elder', enter: ['#a11y-toggle'], expect: { a11y: 'elder' } },
  {
    name: 'elder-contrast',
    enter: ['#a11y-toggle', '#a11y-contrast', '[data-font-size-set="xl"]'],
    expect: { a11y: 'elder', contrast: 'high', fontSize: 'xl' },
  },
];

let failures = 0;
// Prints the check's line; a problem seen n times is listed once, with ×n.
function report(name, problems) {
  if (problems.length === 0) {
    console.log(`ok ${name}`);
    return;
  }
  failures++;
  const counts = new Map();
  for (const p of problems) counts.set(p, (counts.get(p) || 0) + 1);
  const listed = [...counts].map(([p, n]) => (n > 1 ? `${p} (×${n})` : p));
  console.log(`FAIL ${name}: ${listed.join('; ')}`);
}

// type name → URL path of the page standing for it (null when the site has
// no page of that type).  The 404 page is asked for at a missing address.
function pickPageTypes(root, files) {
  const picked = new Map();
  for (const [name, cls] of PAGE_TYPES) {
    let best = null;
    for (const f of files) {
      const html = readFileSync(f, 'utf8');
      const body = /<body[^>]*\bclass="([^"]*)"/.exec(html);
      if (!body || !body[1].split(/\s+/).includes(cls)) continue;
      if (!best || html.length > best.size) best = { file: f, size: html.length };
    }
    if (!best) picked.set(name, null);
    else if (name === '404') picked.set(name, '/no-such-page/');
    else if (name === 'search') picked.set(name, urlPath(root, best.file) + SEARCH_QUERY);
    else picked.set(name, urlPath(root, best.file));
  }
  return picked;
}

// A browser context whose pages record everything the checks forbid:
// requests outside `origin` (aborted), CSP violations, console errors,
// uncaught exceptions and failed subresources.  Returns { context, state }:
// state.problems is the list the current page adds to (the caller empties
// it per check), state.mainUrl the document being visited.  window.print is
// replaced by a counter, so 打印 can be tested without a dialog.
async function watchedContext(browser, origin, options) {
  const context = await browser.newContext(options);
  const state = { problems: [], mainUrl: null };
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    state.problems.push(`request outside the site: ${url}`);
    return route.abort('blockedbyclient');
  });
  await context.exposeBinding('__govpubCspViolation', (_src, v) => {
    state.problems.push(`CSP violation: ${v.directive} blocked ${v.blocked || 'inline'}` +
      (v.sample ? ` (${v.sample})` : ''));
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__govpubCspViolation({
        directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample,
      });
    });
    window.print = () => { window.__govpubPrinted = (window.__govpubPrinted || 0) + 1; };
  });
  context.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const at = msg.location().url;
    // the 404 page itself arrives with status 404, which Chromium logs
    if (at === state.mainUrl && /status of 404/.test(msg.text())) return;
    // the first sentence says it all (CSP messages run to 600 characters)
    state.problems.push(`console error: ${msg.text().replace(/\. .*/s, '.')}`);
  });
  context.on('weberror', (e) => state.problems.push(`uncaught: ${e.error().message}`));
  context.on('response', (resp) => {
    if (resp.status() >= 400 && resp.url() !== state.mainUrl) {
      state.problems.push(`${resp.status()} for ${resp.url()}`);
    }
  });
  context.on('requestfailed', (req) => {
    // ERR_ABORTED: the page went away (a reload) before the request ended
    if (new URL(req.url()).origin === origin && req.failure().errorText !== 'net::ERR_ABORTED') {
      state.problems.push(`request failed: ${req.url()} (${req.failure().errorText})`);
    }
  });
  return { context, state };
}

// Loads url; on the search page, waits until search.js has answered.
async function visit(page, state, url) {
  state.mainUrl = url;
  const resp = await page.goto(url, { waitUntil: 'load' });
  if (await page.locator('#search-status').count()) {
    await page.waitForFunction(() => {
      // the no-JavaScript message still showing: the script did not run
      const s = document.getElementById('search-status'), nojs = document.getElementById('search-nojs');
      return (nojs && !nojs.hidden) || (s.textContent && s.textContent !== '正在搜索…' &&
        !document.getElementById('search-results').hasAttribute('aria-busy'));
    }, null, { timeout: 10000 }).catch(() => state.problems.push('the search never answered'));
  }
  return resp ? resp.status() : 0;
}

// Inline script, style or event handler anywhere in the page.
function inlineContent(page) {
  return page.evaluate(() => {
    const found = [];
    // JSON-LD (schema.org Dataset on dataset pages) is data, never run: the
    // only inline script allowed, and it must parse as JSON.
    for (const s of document.querySelectorAll('script[type="application/ld+json"]:not([src])')) {
      try { JSON.parse(s.textContent); } catch (e) { found.push(`JSON-LD that does not parse: ${e.message}`); }
    }
    for (const s of document.querySelectorAll('script:not([src]):not([type="application/ld+json"])')) {
      found.push(`inline <script>: ${s.textContent.trim().slice(0, 60)}`);
    }
    for (const s of document.querySelectorAll('style')) found.push('inline <style> element');
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) {
        if (a.name === 'style') found.push(`style attribute on <${el.localName}>: ${a.value}`);
        if (/^on/.test(a.name)) found.push(`event handler ${a.name} on <${el.localName}>`);
        if (/^\s*javascript:/i.test(a.value)) found.push(`javascript: URL on <${el.localName}>`);
      }
    }
    return found;
  });
}

async function loadPass(browser, origin, root, files) {
  const { context, state } = await watchedContext(browser, origin, { viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  for (const f of files) {
    const path = urlPath(root, f);
    state.problems = [];
    const status = await visit(page, state, origin + encodeURI(path));
    if (/<meta http-equiv="refresh"/i.test(readFileSync(f, 'utf8'))) {
      // an alias page (written by govpub, not the theme): it must lead on
      // to its target, which is then checked like any page
      await page.waitForURL((u) => u.pathname !== encodeURI(path), { waitUntil: 'load', timeout: 5000 })
        .catch(() => state.problems.push('the redirect does not lead anywhere'));
    }
    const problems = state.problems;
    if (status !== 200) problems.push(`status ${status}`);
    problems.push(...await inlineContent(page));
    report(`load ${path}`, problems);
  }
  await context.close();
}

async function runAxe(page) {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate((tags) => window.axe.run(document, {
    runOnly: { type: 'tag', values: tags },
    resultTypes: ['violations'],
  }), AXE_TAGS);
  return result.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(', ')}` +
    (v.nodes.length > 4 ? ` and ${v.nodes.length - 4} more` : ''));
}

// The layout must fit the viewport: no horizontal scrolling of the page,
// and no element sticking out past the right edge (wide tables and charts
// scroll inside their own box instead).
function overflow(page) {
  return page.evaluate(() => {
    const found = [];
    const vw = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > vw) {
      found.push(`page is ${document.documentElement.scrollWidth}px wide in a ${vw}px viewport`);
    }
    const inScroller = (el) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
      }
      return false;
    };
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= vw + 1 || inScroller(el)) continue;
      if (el.closest('.visually-hidden, .skip-link')) continue;
      found.push(`<${el.localName} class="${el.className}"> ends at ${Math.round(r.right)}px`);
      if (found.length > 5) break;
    }
    return found;
  });
}

// A table of the text is as wide as its cells need, up to the width it
// has (docs/theme.md): three short columns do not stretch across the
// page; one whose cells cannot fit is as narrow as they allow and
// scrolls in its box.  (The theme's own tables, 信息公开 and a dataset's,
// fill the width and are not checked.)
function tableWidths(page) {
  return page.evaluate(() => {
    const found = [];
    for (const table of document.querySelectorAll('.prose .table-wrap > table')) {
      const room = table.parentElement.parentElement.clientWidth;
      const width = table.getBoundingClientRect().width;
      const measure = (w) => {
        table.style.width = w; // CSSOM, not markup: the CSP allows it
        const r = table.getBoundingClientRect().width;
        table.removeAttribute('style');
        return r;
      };
      const most = measure('max-content'), least = measure('min-content');
      const need = Math.max(Math.min(most, room), least);
      if (width > need + 1) {
        found.push(`${table.parentElement.getAttribute('aria-label')} is ${Math.round(width)} px wide, its cells need ${Math.round(need)}`);
      }
    }
    return found;
  });
}

// Every chart picture shows the phone version (charts/<id>.narrow.svg)
// up to 640 px across and the desktop one above (chart.h: chart_narrow);
// the home page's highlight cards, a third of the page at most, show the
// phone version at every width.
function chartVersions(page, width) {
  return page.evaluate(async (width) => {
    const found = [];
    for (const img of document.querySelectorAll('img')) {
      const src = img.getAttribute('src') || '';
      if (!/(^|\/)charts\/[^/]+\.svg$/.test(src)) continue;
      img.loading = 'eager'; // a lazy picture below the fold chooses its source when it loads
      try {
        await img.decode();
      } catch {
        found.push(`${src} does not load`);
        continue;
      }
      if (img.currentSrc.endsWith('.narrow.svg') !== (width <= 640 || img.closest('.highlight') !== null)) {
        found.push(`${src} shows ${img.currentSrc} at ${width} px`);
      }
    }
    return found;
  }, width);
}

// The footer's labelled values (主办单位, 联系方式 …): every line of a value
// lies beside its label, none under it, and a part of a value (the text
// between its spaces: 电话…, 地址…) that fits its line is not broken.
function footerFields(page) {
  return page.evaluate(() => {
    const found = [];
    for (const label of document.querySelectorAll('footer .footer-label')) {
      const field = label.parentElement, text = label.nextSibling;
      if (!text || text.nodeType !== Node.TEXT_NODE) {
        found.push(`${field.textContent}: the label is not followed by its value`);
        continue;
      }
      const edge = label.getBoundingClientRect().right;
      const room = field.getBoundingClientRect().right - edge;
      const range = document.createRange();
      range.selectNodeContents(text);
      if ([...range.getClientRects()].some((r) => r.width > 0 && r.left < edge - 1)) {
        found.push(`${field.textContent}: a line starts under the label`);
      }
      for (const m of text.data.matchAll(/[^\s\u3000]+/g)) {
        range.setStart(text, m.index);
        range.setEnd(text, m.index + m[0].length);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        const tops = new Set(rects.map((r) => Math.round(r.top)));
        const width = rects.reduce((w, r) => w + r.width, 0);
        if (tops.size > 1 && width <= room) found.push(`"${m[0]}" is broken across lines`);
      }
    }
    return found;
  });
}

// The site icon: the page names an SVG one and an .ico, both load as
// pictures (headless Chromium asks for neither by itself), and the
// site's root answers /favicon.ico, which browsers ask for when a page
// names none and which tools ask for without reading a page.  (In the
// page each is asked for with a query: the request interception of
// watchedContext aborts any URL that ends in /favicon.ico; the root's
// is fetched from here.)
async function iconProblems(page, origin) {
  const found = await page.evaluate(async () => {
    const found = [];
    const links = [...document.querySelectorAll('link[rel~="icon"]')];
    const types = links.map((l) => new URL(l.href).pathname.replace(/.*\./, ''));
    for (const want of ['svg', 'ico']) if (!types.includes(want)) found.push(`no <link rel="icon"> to a .${want}`);
    for (const l of links) {
      const img = new Image();
      img.src = l.href + '?icon-check';
      try {
        await img.decode();
        if (img.naturalWidth < 16) found.push(`${l.getAttribute('href')} is ${img.naturalWidth} px wide`);
      } catch {
        found.push(`${l.getAttribute('href')} does not load as a picture`);
      }
    }
    return found;
  });
  const root = await fetch(origin + '/favicon.ico');
  const type = root.headers.get('content-type');
  if (!root.ok || type !== 'image/x-icon') found.push(`/favicon.ico: status ${root.status} (${type})`);
  return found;
}

function headingProblems(page) {
  return page.evaluate(() => {
    const found = [];
    const h1 = document.querySelectorAll('h1');
    if (h1.length !== 1) found.push(`${h1.length} h1 elements`);
    let last = 0;
    for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
      const level = Number(h.localName[1]);
      if (last && level > last + 1) found.push(`<${h.localName}> "${h.textContent.trim()}" after h${last}`);
      last = level;
    }
    return found;
  });
}

// Walk the page with Tab: the skip link comes first and leads to the main
// content; every later stop is visible, on screen and has a focus
// indicator (an outline, or a box shadow it did not have unfocused).
async function keyboardWalk(page) {
  const found = [];
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => {
    const a = document.activeElement;
    return a ? { cls: a.className, href: a.getAttribute('href'), text: a.textContent.trim() } : null;
  });
  if (!first || !/skip-link/.test(first.cls)) {
    found.push(`first Tab stop is not the skip link but ${JSON.stringify(first)}`);
  } else {
    await page.keyboard.press('Enter');
    const target = await page.evaluate(() => {
      const main = document.querySelector('main');
      return main && (document.activeElement === main || main.contains(document.activeElement));
    });
    if (!target) found.push('the skip link does not move focus to <main>');
  }
  const seen = new Set();
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const cs = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2;
      const shadow = cs.boxShadow !== 'none' && /inset/.test(cs.boxShadow) === false;
      const path = [];
      for (let e = el; e && e !== document.body; e = e.parentElement) {
        path.unshift(e.localName + (e.id ? '#' + e.id : '') + (e.classList[0] ? '.' + e.classList[0] : ''));
      }
      return {
        key: path.join('>') + '|' + (el.getAttribute('href') || el.textContent.trim().slice(0, 20)),
        name: `${el.localName} "${(el.textContent || '').trim().slice(0, 24)}"`,
        indicator: outline || shadow,
        visible: r.width > 0 && r.height > 0 && cs.visibility !== 'hidden',
        onScreen: r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
      };
    });
    if (!stop || seen.has(stop.key)) break;
    seen.add(stop.key);
    if (!stop.visible) found.push(`invisible focus stop ${stop.name}`);
    else if (!stop.onScreen) found.push(`focus stop off screen ${stop.name}`);
    else if (!stop.indicator) found.push(`no focus indicator on ${stop.name}`);
  }
  if (seen.size < 3) found.push(`only ${seen.size} focus stops`);
  return found;
}

// Switches a mode on by focusing each control and pressing Enter, then
// checks <html> carries the mode: at once, on another page of the site
// (the home page, or the 404 page from the home page) and after coming back.
async function enterMode(page, state, mode) {
  const found = [];
  for (const sel of mode.enter) {
    const control = page.locator(sel).first();
    if (await control.count() === 0 || !await control.isVisible()) {
      found.push(`control ${sel} missing or hidden`);
      return found;
    }
    await control.focus();
    await page.keyboard.press('Enter');
  }
  const carried = () => page.evaluate((want) => Object.entries(want)
    .filter(([k, v]) => document.documentElement.dataset[k] !== v)
    .map(([k, v]) => `<html> data-${k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())} is ` +
      `${document.documentElement.dataset[k]}, want ${v}`), mode.expect);
  found.push(...await carried());
  const here = page.url();
  const other = new URL(here).pathname === '/' ? '/no-such-page/' : '/';
  await visit(page, state, new URL(other, here).href);
  found.push(...(await carried()).map((p) => `on ${other}: ${p}`));
  await visit(page, state, here);
  found.push(...(await carried()).map((p) => `back again: ${p}`));
  return found;
}

// The article tools: 字号 大 / 中 / 小 change the text size (and say which is
// pressed), 打印 opens the print dialog.
async function articleTools(page) {
  const found = [];
  const size = () => page.evaluate(() => {
    const p = document.querySelector('.prose p') || document.querySelector('.prose');
    return p ? parseFloat(getComputedStyle(p).fontSize) : 0;
  });
  const sizes = {};
  for (const step of ['l', 'm', 's']) {
    const b = page.locator(`.article-tools [data-font-size-set="${step}"]`);
    if (await b.count() !== 1 || !await b.isVisible()) {
      found.push(`字号 button ${step} missing or hidden`);
      continue;
    }
    await b.focus();
    await page.keyboard.press('Enter');
    sizes[step] = await size();
    if (await b.getAttribute('aria-pressed') !== 'true') found.push(`字号 ${step} not aria-pressed after use`);
  }
  if (!(sizes.s < sizes.m && sizes.m < sizes.l)) found.push(`字号 sizes not ordered: ${JSON.stringify(sizes)}`);
  const print = page.locator('.article-tools .print-button');
  if (await print.count() !== 1 || !await print.isVisible()) {
    found.push('打印 button missing or hidden');
  } else {
    await print.focus();
    await page.keyboard.press('Enter');
    if (await page.evaluate(() => window.__govpubPrinted) !== 1) found.push('打印 did not call print()');
  }
  return found;
}

async function typePass(browser, origin, picked, shots) {
  for (const [name, path] of picked) {
    if (path === null) {
      report(`page-type ${name}`, ['the site has no page of this type']);
      continue;
    }
    const url = origin + path.split('?').map((p, i) => (i ? p : encodeURI(p))).join('?');
    for (const width of WIDTHS) {
      const { context, state } = await watchedContext(browser, origin,
        { viewport: { width, height: 900 }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      state.problems = [];
      const status = await visit(page, state, url);
      if (status !== (name === '404' ? 404 : 200)) state.problems.push(`status ${status}`);
      if (width === WIDTHS[0]) report(`headings ${name}`, await headingProblems(page));
      if (width === WIDTHS[0] && name === 'home') report('icon', await iconProblems(page, origin));
      report(`keyboard ${name} ${width}`, await keyboardWalk(page));
      report(`charts ${name} ${width}`, await chartVersions(page, width));
      if (name === 'article' && width === WIDTHS[0]) {
        report(`article-tools ${width}`, await articleTools(page));
        await page.evaluate(() => localStorage.clear());
        await visit(page, state, url);
      }
      for (const mode of MODES) {
        const tag = `${name} ${width} ${mode.name}`;
        if (mode.enter.length) report(`mode ${tag}`, await enterMode(page, state, mode));
        report(`axe ${tag}`, await runAxe(page));
        report(`overflow ${tag}`, await overflow(page));
        report(`tables ${tag}`, await tableWidths(page));
        report(`line-breaks ${tag}`, await lineBreaks(page));
        if (name === 'home') report(`footer ${tag}`, await footerFields(page)); // one partial on every page
        if (name === 'home') report(`menu ${tag}`, await menuRows(page));
        if (shots) {
          await page.evaluate(() => document.activeElement && document.activeElement.blur());
          await page.screenshot({ path: join(shots, `${name}-${width}-${mode.name}.png`), fullPage: true });
        }
        await page.evaluate(() => localStorage.clear());
        await visit(page, state, url);
      }
      report(`page-errors ${name} ${width}`, state.problems);
      await context.close();
    }
  }
}

// Without JavaScript every page still reads: the main content shows, and
// no button shows but a form's submit button (every other one needs the
// script, so all start hidden); the search page says it needs JavaScript.
async function noScriptPass(browser, origin, picked, shots) {
  const width = WIDTHS[WIDTHS.length - 1];
  const { context, state } = await watchedContext(browser, origin,
    { viewport: { width, height: 900 }, javaScriptEnabled: false });
  const page = await context.newPage();
  for (const [name, path] of picked) {
    if (path === null) continue;
    state.problems = [];
    await visit(page, state, origin + path.split('?').map((p, i) => (i ? p : encodeURI(p))).join('?'));
    const problems = state.problems;
    const buttons = await page.locator('button:visible:not(form button[type="submit"])').count();
    if (buttons) problems.push(`${buttons} buttons show that need JavaScript`);
    if (name === 'search' && !await page.locator('#search-nojs').isVisible()) {
      problems.push('the search page does not say it needs JavaScript');
    }
    const text = (await page.locator('main').innerText()).trim();
    if (text.length < 20) problems.push(`<main> shows ${text.length} characters`);
    if (shots) await page.screenshot({ path: join(shots, `${name}-${width}-nojs.png`), fullPage: true });
    report(`no-javascript ${name}`, problems);
  }
  await context.close();
}

async function main() {
  const root = process.argv[2];
  if (!root) {
    console.error('usage: node check.mjs SITE_DIR');
    process.exit(2);
  }
  const shots = process.env.GOVPUB_SCREENSHOTS || '';
  if (shots) mkdirSync(shots, { recursive: true });
  const files = htmlFiles(root);
  const server = await serve(root);
  const browser = await launch();
  try {
    await loadPass(browser, server.origin, root, files);
    const picked = pickPageTypes(root, files);
    await typePass(browser, server.origin, picked, shots);
    await noScriptPass(browser, server.origin, picked, shots);
  } finally {
    await browser.close();
    await server.close();
  }
  process.exitCode = failures ? 1 : 0;
}

main().catch((e) => {
  console.log(`FAIL browser: ${e.stack || e}`);
  process.exitCode = 1;
});
