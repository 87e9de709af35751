// search.mjs — the measurements of make bench's search section
// (tests/bench/search.sh, which builds both indexes first):
//
//   node tests/bench/search.mjs GOVPUB_SITE PAGEFIND_ROOT
//
// GOVPUB_SITE is a built govpub site (its search/ index and /search/ page),
// PAGEFIND_ROOT a folder holding Pagefind's bundle (pagefind/) and the bench's
// Pagefind page (tests/bench/pagefind-page: a GET form answered through
// Pagefind's JS API).  Each is served by tests/browser/serve.mjs on its own
// loopback port and driven in Debian's headless Chromium (playwright-core
// from tests/browser).  Prints:
//
//   - index size: the files each engine reads its answers from (govpub:
//     search/ but the page; Pagefind: pagefind/ but its JS, WebAssembly and
//     UI bundles), raw and compressed — every file gzip -9, or as it is when
//     that is not smaller (Pagefind's files are gzip already);
//   - per typical query, on a cold browser (new context, no cache): the
//     query typed into the engine's search box and Enter pressed, then what
//     Chromium received until the results were shown — index data (and, for
//     govpub, the result pages a snippet is cut from), and the engine's code
//     (search.js; pagefind.js, its worker and WebAssembly) — not the page,
//     its CSS and other scripts; the time from the submit (the new page's
//     time origin) to the results shown, median of BENCH_SEARCH_RUNS runs;
//   - recall: for BENCH_RECALL pages drawn at random (fixed seed), a
//     substring of 2, 3 and 4 CJK characters of the page's body text (.prose,
//     within one text node), searched with each engine; counted found when
//     the engine returns that page.  govpub through its search page: the
//     substring plus the page's 索引号 code (a word only that page has, so
//     the one result is the page when it holds the substring); Pagefind
//     through search() on its page, looking for the page's id among all
//     results.
// Exits non-zero only when a measurement cannot be made.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, gunzipSync } from 'node:zlib';
import { launch } from '../browser/chromium.mjs';
import { serve } from '../browser/serve.mjs';

const [govSite, pfRoot] = process.argv.slice(2);
const RUNS = Number(process.env.BENCH_SEARCH_RUNS || 5);
const RECALL = Number(process.env.BENCH_RECALL || 100);
// Pagefind instantiates WebAssembly, which default-src 'self' forbids.
const PAGEFIND_CSP = "default-src 'self' 'wasm-unsafe-eval'";

// ---- files ----

function walk(dir, prefix = '') {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path, `${prefix}${name}/`));
    else out.push({ rel: prefix + name, path });
  }
  return out;
}

// Bytes sent for a body: gzip -9, or as it is when that is not smaller.
function packed(buf) {
  return Math.min(buf.length, gzipSync(buf, { level: 9 }).length);
}

function sizes(list) {
  let raw = 0, gz = 0;
  for (const f of list) {
    const buf = readFileSync(f.path);
    raw += buf.length;
    gz += packed(buf);
  }
  return { files: list.length, raw, gz };
}

const PF_CODE = /^(pagefind\.js|pagefind-worker\.js|wasm\.[^/]*\.pagefind)$/;
const PF_UI = /^pagefind-(ui|modular-ui|component-ui|highlight)\./;

function indexSizes() {
  const gov = walk(join(govSite, 'search')).filter((f) => f.rel !== 'index.html');
  const pfAll = walk(join(pfRoot, 'pagefind'));
  return {
    govpub: { index: sizes(gov), code: sizes([{ path: join(govSite, 'js/search.js') }]), written: gov.length },
    pagefind: {
      index: sizes(pfAll.filter((f) => !PF_CODE.test(f.rel) && !PF_UI.test(f.rel))),
      code: sizes(pfAll.filter((f) => PF_CODE.test(f.rel))),
      written: pfAll.length,
    },
  };
}

// The documents of govpub's index: [url, title, column, date, 文号, 索引号, text].
function govpubDocs() {
  const meta = JSON.parse(readFileSync(join(govSite, 'search/meta.json'), 'utf8'));
  const docs = [];
  for (let c = 0; c * meta.chunk < meta.docs; c++) {
    docs.push(...JSON.parse(readFileSync(join(govSite, `search/d/${c}.json`), 'utf8')));
  }
  return docs;
}

// Pagefind's page id (what search() results carry) by page URL, from its
// fragment files (gzip, "pagefind_dcd" then JSON: one page, or a group of
// pages by id when --max-fragments bundles them).
function pagefindIds() {
  const ids = new Map();
  for (const f of walk(join(pfRoot, 'pagefind/fragment'))) {
    const text = gunzipSync(readFileSync(f.path)).toString('utf8');
    const json = JSON.parse(text.slice(text.indexOf('{')));
    const id = f.rel.replace(/\.pf_fragment$/, '');
    if (typeof json.url === 'string') ids.set(json.url, id);
    else for (const [pid, page] of Object.entries(json)) ids.set(page.url, pid);
  }
  return ids;
}

// ---- the engines' pages ----

// govpub's page has no hook to say it is done: this script, run before the
// page's own (CDP: not subject to the page's CSP), records the time when the
// status is final and every snippet is in (what tests/browser/search.mjs
// waits for), on a page that has a query.
const GOVPUB_DONE = `(() => {
  const obs = new MutationObserver(() => {
    const s = document.getElementById('search-status'), r = document.getElementById('search-results');
    if (!s || !r || !new URLSearchParams(location.search).has('q')) return;
    const t = s.textContent;
    if (!t || t === '正在搜索…' || r.hasAttribute('aria-busy')) return;
    window.searchDone = performance.now();
    obs.disconnect();
  });
  obs.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
})();`;

const ENGINES = {
  govpub: {
    form: '/search/',
    hits: () => {
      const m = /找到 (\d+) 条/.exec(document.getElementById('search-status').textContent);
      return m ? Number(m[1]) : 0;
    },
    kind(path, type) {
      if (path === '/js/search.js') return 'code';
      if (path.startsWith('/search/')) return 'data';
      return type === 'fetch' ? 'data' : null; // a result page, for its snippet
    },
  },
  pagefind: {
    form: '/',
    hits: () => (window.searchIds || []).length,
    kind(path) {
      if (!path.startsWith('/pagefind/')) return null;
      return PF_CODE.test(path.slice('/pagefind/'.length)) ? 'code' : 'data';
    },
  },
};

async function newContext(browser, name) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  if (name === 'govpub') await context.addInitScript(GOVPUB_DONE);
  return context;
}

async function waitDone(page) {
  await page.waitForFunction(() => window.searchDone !== undefined || window.searchError !== undefined,
    null, { timeout: 60000 });
  const error = await page.evaluate(() => window.searchError);
  if (error) throw new Error(`the search page failed: ${error}`);
}

// One query on a cold browser: typed into the form, Enter.  Returns
// { ms, hits } and, with count, the responses received from the submit on:
// { requests, data: {raw, gz}, code: {raw, gz} }.
async function measure(browser, name, origin, query, count) {
  const engine = ENGINES[name];
  const context = await newContext(browser, name);
  try {
    const page = await context.newPage();
    await page.goto(origin + engine.form, { waitUntil: 'load' });
    await page.locator('#search-q').focus();
    await page.keyboard.type(query);
    const responses = [];
    if (count) context.on('response', (r) => responses.push(r));
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
    await waitDone(page);
    const ms = await page.evaluate(() => window.searchDone);
    const hits = await page.evaluate(engine.hits);
    if (!count) return { ms, hits };
    await page.waitForLoadState('networkidle');
    const got = { requests: 0, data: { raw: 0, gz: 0 }, code: { raw: 0, gz: 0 } };
    for (const r of responses) {
      const kind = engine.kind(new URL(r.url()).pathname, r.request().resourceType());
      if (!kind || r.request().resourceType() === 'document') continue;
      const body = await r.body();
      got.requests++;
      got[kind].raw += body.length;
      got[kind].gz += packed(body);
    }
    return { ms, hits, ...got };
  } finally {
    await context.close();
  }
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

// ---- recall ----

// A small seeded generator (mulberry32): the same substrings every run.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LENGTHS = [2, 3, 4];

// [{ url, code, length, text }]: per sampled page one substring of each length.
async function sampleSubstrings(page, origin, docs) {
  const rand = random(1);
  const samples = [];
  for (let tries = 0; samples.length < RECALL * LENGTHS.length && tries < RECALL * 10; tries++) {
    const doc = docs[Math.floor(rand() * docs.length)];
    const code = doc[5].split('/')[0];
    if (!code) continue;
    await page.goto(`${origin}/${doc[0]}`, { waitUntil: 'domcontentloaded' });
    const runs = await page.evaluate(() => {
      const out = [];
      const body = document.querySelector('.prose');
      if (!body) return out;
      const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        for (const m of n.data.matchAll(/[\u4e00-\u9fff]+/g)) out.push(m[0]);
      }
      return out;
    });
    const picks = [];
    for (const length of LENGTHS) {
      const starts = runs.reduce((sum, r) => sum + Math.max(0, r.length - length + 1), 0);
      if (!starts) break;
      let at = Math.floor(rand() * starts);
      for (const r of runs) {
        const n = Math.max(0, r.length - length + 1);
        if (at < n) {
          picks.push({ url: doc[0], code, length, text: r.slice(at, at + length) });
          break;
        }
        at -= n;
      }
    }
    if (picks.length === LENGTHS.length) samples.push(...picks);
  }
  return samples;
}

async function govpubFinds(page, origin, s) {
  await page.goto(`${origin}/search/?q=${encodeURIComponent(`${s.text} ${s.code}`)}`, { waitUntil: 'load' });
  await waitDone(page);
  const links = await page.evaluate(() =>
    [...document.querySelectorAll('#search-results .search-result-title a')].map((a) => a.href));
  return links.includes(`${origin}/${s.url}`);
}

async function pagefindFinds(page, origin, samples, ids) {
  await page.goto(`${origin}/`, { waitUntil: 'load' });
  const want = samples.map((s) => ids.get(`/${s.url}`) || '');
  return page.evaluate(async ({ queries, want }) => {
    const pagefind = await import('/pagefind/pagefind.js');
    const found = [];
    for (let i = 0; i < queries.length; i++) {
      const got = await pagefind.search(queries[i]);
      found.push(got.results.some((r) => r.id === want[i]));
    }
    return found;
  }, { queries: samples.map((s) => s.text), want });
}

// ---- report ----

const kb = (n) => (n / 1024).toFixed(1);
const mb = (n) => (n / 1048576).toFixed(1);
const ratio = (a, b) => (b > 0 ? (a / b).toFixed(2) : '-');
const pad = (s, n) => String(s).padStart(n);

async function main() {
  const docs = govpubDocs();
  const docNo = (docs.find((d) => d[4]) || [])[4];
  if (!docNo) throw new Error('no page with a 文号 in the govpub index');
  const QUERIES = [
    ['2-character word', '养老'],
    ['1 character', '河'],
    ['4-character phrase', '营商环境'],
    ['a year', '2019'],
    ['a 文号', docNo],
    ['a Latin word', 'CSV'],
    ['no hits', '量子纠缠'],
  ];

  const size = indexSizes();
  console.log('');
  console.log('index (what queries read; compressed: each file gzip -9, or as is when that is not smaller)');
  console.log(`${''.padEnd(26)}${pad('govpub', 14)}${pad('Pagefind', 14)}${pad('govpub/Pagefind', 17)}`);
  const line = (label, g, p, fmt) => console.log(`${label.padEnd(26)}${pad(fmt(g), 14)}${pad(fmt(p), 14)}${pad(ratio(g, p), 17)}`);
  line('index files', size.govpub.index.files, size.pagefind.index.files, String);
  line('index MiB raw', size.govpub.index.raw, size.pagefind.index.raw, mb);
  line('index MiB compressed', size.govpub.index.gz, size.pagefind.index.gz, mb);
  line('files written in all', size.govpub.written, size.pagefind.written, String);
  line('search code KiB compressed', size.govpub.code.gz, size.pagefind.code.gz, kb);

  const servers = {
    govpub: await serve(govSite),
    pagefind: await serve(pfRoot, { csp: PAGEFIND_CSP }),
  };
  const browser = await launch();
  try {
    console.log('');
    console.log(`queries on a cold browser: typed, Enter, until ten results are shown; time: median of ${RUNS} runs`);
    console.log('KiB: compressed; data: index files (govpub also: result pages fetched for a snippet); code: the engine\'s scripts');
    console.log(`${'engine'.padEnd(10)}${pad('hits', 7)}${pad('requests', 9)}${pad('data KiB', 10)}${pad('code KiB', 10)}${pad('total KiB', 10)}${pad('ms', 8)}  query`);
    const verdicts = [];
    for (const [label, query] of QUERIES) {
      const got = {};
      for (const name of ['govpub', 'pagefind']) {
        const first = await measure(browser, name, servers[name].origin, query, true);
        const times = [first.ms];
        for (let i = 1; i < RUNS; i++) times.push((await measure(browser, name, servers[name].origin, query, false)).ms);
        got[name] = { ...first, ms: median(times), total: first.data.gz + first.code.gz };
        const g = got[name];
        console.log(`${(name === 'govpub' ? 'govpub' : 'Pagefind').padEnd(10)}${pad(g.hits, 7)}${pad(g.requests, 9)}` +
          `${pad(kb(g.data.gz), 10)}${pad(kb(g.code.gz), 10)}${pad(kb(g.total), 10)}${pad(g.ms.toFixed(0), 8)}  ${query} (${label})`);
      }
      const g = got.govpub, p = got.pagefind;
      console.log(`${'ratio'.padEnd(10)}${pad('', 16)}${pad(ratio(g.data.gz, p.data.gz), 10)}${pad('', 10)}` +
        `${pad(ratio(g.total, p.total), 10)}${pad(ratio(g.ms, p.ms), 8)}  govpub/Pagefind`);
      verdicts.push({ label, query, met: g.total <= p.total });
    }

    console.log('');
    const page = await browser.newPage();
    const samples = await sampleSubstrings(page, servers.govpub.origin, docs);
    await page.close();
    const ids = pagefindIds();
    const gctx = await newContext(browser, 'govpub');
    const gpage = await gctx.newPage();
    const govFound = [];
    for (const s of samples) govFound.push(await govpubFinds(gpage, servers.govpub.origin, s));
    await gctx.close();
    const pctx = await newContext(browser, 'pagefind');
    const pfFound = await pagefindFinds(await pctx.newPage(), servers.pagefind.origin, samples, ids);
    await pctx.close();
    console.log(`recall: ${samples.length / LENGTHS.length} random pages (seed 1), one substring of each length from its body text; found = the engine returns that page`);
    console.log(`${'substring'.padEnd(14)}${pad('govpub', 16)}${pad('Pagefind', 16)}`);
    let govAll = 0, pfAll = 0;
    for (const length of [...LENGTHS, 0]) {
      const pick = samples.map((s, i) => i).filter((i) => !length || samples[i].length === length);
      const g = pick.filter((i) => govFound[i]).length, p = pick.filter((i) => pfFound[i]).length;
      const share = (n) => `${n}/${pick.length} ${((100 * n) / pick.length).toFixed(0)}%`;
      console.log(`${(length ? `${length} characters` : 'all').padEnd(14)}${pad(share(g), 16)}${pad(share(p), 16)}`);
      if (!length) { govAll = g; pfAll = p; }
    }
    const missed = samples.filter((s, i) => !pfFound[i]).slice(0, 5).map((s) => `${s.text} (/${s.url})`);
    if (missed.length) console.log(`Pagefind misses, e.g.: ${missed.join(', ')}`);
    const govMissed = samples.filter((s, i) => !govFound[i]).slice(0, 5).map((s) => `${s.text} (/${s.url})`);
    if (govMissed.length) console.log(`govpub misses: ${govMissed.join(', ')}`);

    console.log('');
    const over = verdicts.filter((v) => !v.met);
    console.log(`goal: a query downloads no more than with Pagefind (total KiB, cold browser): ${over.length ? `NOT met for ${over.map((v) => `${v.query} (${v.label})`).join(', ')}` : 'met'}`);
    console.log(`goal: every substring query is found: govpub ${govAll}/${samples.length} (${govAll === samples.length ? 'met' : 'NOT met'}), Pagefind ${pfAll}/${samples.length}`);
  } finally {
    await browser.close();
    await servers.govpub.close();
    await servers.pagefind.close();
  }
}

main().catch((e) => {
  console.error(`bench search: ${e.stack || e}`);
  process.exitCode = 1;
});
