// hostile.mjs — the hostile-content fixture (tests/fixtures/hostile, built
// by govpub) in headless Chromium: no script from content may run.  The
// site is served WITHOUT a Content-Security-Policy (CSP is the second line
// of defence; this proves the first).
// Usage: node hostile.mjs SITE_DIR FIXTURE_DIR (the built preview, and the
// fixture it was built from: tests/fixtures/hostile, or a copy of it with
// `raw_html: true`, under which raw HTML passes but nothing that runs)
//
// Every payload in the fixture calls alert('<where>').  A script that runs
// is caught three ways: alert/confirm/prompt/print are replaced, before any
// page script, by a call to a CDP binding (window.__pwned); any dialog that
// still opens is recorded; any uncaught page error is recorded (only a
// script that runs can throw).  Every HTML page and the chart's SVG are
// loaded, every element gets focus and mouseover events,
// and the DOM is checked: no <script> but the theme's own files, no
// iframe/object/embed/base/meta refresh, no on* attribute, no
// javascript:/vbscript:/data: URL in href/src/action/xlink:href.  Then the
// exact text readers see where the payloads were (titles, tags, the
// attachment's name, chart title, search results) is compared with what the
// fixture wrote: markup shown as text, not dropped nor run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from './chromium.mjs';
import { serve } from './serve.mjs';
import { htmlFiles, urlPath } from './site-files.mjs';

const THEME_SCRIPTS = ['/js/a11y.js', '/js/search.js'];
// A policy that allows everything: the test must not lean on CSP.
const NO_CSP = "default-src * 'unsafe-inline' 'unsafe-eval' data: blob:";

let failures = 0;
function report(name, problems) {
  if (problems.length === 0) console.log(`ok browser-hostile ${name}`);
  else {
    failures++;
    console.log(`FAIL browser-hostile ${name}: ${problems.join('; ')}`);
  }
}

// What in the current document could run script, as a list of findings.
function domFindings() {
  const found = [];
  const bad = /^\s*(javascript|vbscript|data):/i;
  for (const el of document.querySelectorAll('*')) {
    const tag = el.localName;
    if (tag === 'script' && !THEME_SCRIPTS_IN_PAGE.includes(el.getAttribute('src'))) {
      found.push(`<script src="${el.getAttribute('src')}">${el.textContent.slice(0, 40)}`);
    }
    if (['iframe', 'frame', 'object', 'embed', 'base', 'foreignobject'].includes(tag)) found.push(`<${tag}>`);
    if (tag === 'meta' && /refresh/i.test(el.getAttribute('http-equiv') || '')) found.push('<meta refresh>');
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) found.push(`${tag}[${a.name}]`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc'].includes(a.name) && bad.test(a.value)) {
        found.push(`${tag}[${a.name}="${a.value.slice(0, 40)}"]`);
      }
    }
  }
  return found;
}

// Sends every element the events a reader causes (focus, mouseover,
// click is left out: links would navigate), so that handlers that wait for
// a reader (onmouseover, onfocus) would run.
async function touchEverything(page) {
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('body *')) {
      el.dispatchEvent(new FocusEvent('focus'));
      el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    }
  });
}

// Waits until the search page has shown its results.
function searched(page) {
  return page.waitForFunction(() => {
    const s = document.getElementById('search-status').textContent;
    return s && s !== '正在搜索…' && !document.getElementById('search-results').hasAttribute('aria-busy');
  }, null, { timeout: 10000 });
}

async function main() {
  const root = process.argv[2];
  // the fixture built as it is, or with raw_html: true added (run.sh does both)
  const raw = /^raw_html: true$/m.test(readFileSync(join(process.argv[3], 'site.yaml'), 'utf8'));
  const server = await serve(root, { csp: NO_CSP });
  const browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  let ran = [];
  await context.exposeBinding('__pwned', (_src, what) => { ran.push(String(what)); });
  await context.addInitScript(() => {
    for (const f of ['alert', 'confirm', 'prompt', 'print']) {
      window[f] = (what) => window.__pwned(`${f}(${what})`);
    }
  });
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.origin === server.origin) return route.continue();
    ran.push(`request outside the site: ${url}`);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('dialog', (d) => { ran.push(`dialog: ${d.message()}`); d.dismiss().catch(() => {}); });
  page.on('pageerror', (e) => ran.push(`uncaught: ${e.message}`));

  const visit = async (name, path, extra) => {
    ran = [];
    const problems = [];
    await page.goto(server.origin + path, { waitUntil: 'load' });
    if (extra) await extra(page);
    await touchEverything(page);
    await page.waitForTimeout(50); // let any timer a payload set fire (not an assertion on time)
    const found = await page.evaluate(`(${domFindings.toString()})()`.replace(
      'THEME_SCRIPTS_IN_PAGE', JSON.stringify(THEME_SCRIPTS)));
    if (found.length) problems.push(`in the DOM: ${found.join(', ')}`);
    if (ran.length) problems.push(`script ran: ${ran.join(', ')}`);
    report(name, problems);
  };

  try {
    for (const file of htmlFiles(root)) {
      const path = urlPath(root, file);
      await visit(`page ${decodeURIComponent(path)}`, path);
    }
    await visit('the chart SVG opened as a document', '/charts/evil.svg');

    // Exact text where the payloads were: shown, not run, not lost.
    const texts = async (path, sel) => {
      await page.goto(server.origin + path, { waitUntil: 'load' });
      return page.$$eval(sel, (els) => els.map((e) => e.textContent.replace(/\s+/g, ' ').trim()));
    };
    const same = (name, got, want) => report(name, JSON.stringify(got) === JSON.stringify(want)
      ? [] : [`got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`]);
    same('front matter title as text', await texts('/news/fm/', 'h1'),
      ["</title><script>alert('fm.title')</script>前置元数据"]);
    same('document title as text', [await page.title()],
      ["</title><script>alert('fm.title')</script>前置元数据 - 测试区人民政府</title><script>alert('site.title')</script>"]);
    same('tags and topics as text', await texts('/news/fm/', '.termlist a'),
      ["<script>alert('fm.tag')</script>", "\" onmouseover=\"alert('fm.tag2')", "</a><script>alert('fm.topic')</script>"]);
    same('the attachment file name as text', await texts('/news/fm/', '.attachments a, .article-attachments a'),
      ["'onmouseover=alert('file.name')&lt;x.txt（TXT，7 B）"]); // its format and size follow the name
    if (raw) {
      same('raw HTML let through (raw_html: true), its script shown as text', await texts('/news/html/', '.prose p'),
        ['正文开始。', '<noscript>', '</noscript>', "x <img src=x onerror=alert('html.inlinelt') x",
          "正文结束<script>alert('html.inline')</script>，<img src=x onerror=alert('html.inlineimg')>。"]);
    } else {
      same('raw HTML dropped, its text kept', await texts('/news/html/', '.prose p'),
        ['正文开始。', "x img src=x onerror=alert('html.inlinelt') x", "正文结束alert('html.inline')，<img src=x onerror=alert('html.inlineimg')>。"]);
    }
    same('dangerous links kept as text with an empty href', await texts('/news/urls/', '.prose a'),
      ['小写', '大小写', '实体', '十六进制实体', '命名实体', '空格开头', 'vbscript', 'data', '文件', '引用式']);

    // The search page rendering a hit whose title and snippet hold markup.
    ran = [];
    await page.goto(`${server.origin}/search/?q=${encodeURIComponent('前置元数据')}`, { waitUntil: 'load' });
    await searched(page);
    same('search hit title as text', await page.$$eval('#search-results .search-result-title',
      (els) => els.map((e) => e.textContent)), ["</title><script>alert('fm.title')</script>前置元数据"]);
    await page.goto(`${server.origin}/search/?q=${encodeURIComponent('正文结束')}`, { waitUntil: 'load' });
    await searched(page);
    // (the snippet is the page's paragraphs, raw HTML blocks left out, in both modes;
    // joined with no space where a Chinese character or punctuation mark is beside)
    same('search hit snippet as text', await page.$$eval('#search-results .search-result-snippet',
      (els) => els.map((e) => e.textContent)),
    ["正文开始。x img src=x onerror=alert('html.inlinelt') x正文结束alert('html.inline')，<img src=x onerror=alert('html.inlineimg')>。"]);
    await visit('the search page with a hostile hit', `/search/?q=${encodeURIComponent('前置元数据')}`, async (p) => {
      await searched(p);
      const n = await p.$$eval('#search-results > li', (els) => els.length);
      if (n !== 1) ran.push(`${n} search results, want the hostile page`);
    });
    // the fixture's files really hold the payloads (a test that cannot fail is a defect)
    const fm = readFileSync(join(process.argv[3], 'content/news/fm.md'), 'utf8');
    report('the fixture holds payloads', fm.includes("<script>alert('fm.title')") ? [] : ['fm.md lost its payload']);
  } finally {
    await browser.close();
    await server.close();
  }
  process.exitCode = failures ? 1 : 0;
}

main().catch((e) => {
  console.log(`FAIL browser-hostile: ${e.stack || e}`);
  process.exitCode = 1;
});
