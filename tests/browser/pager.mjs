// pager.mjs — the pagers of a site with long lists, on phones and on a
// desktop, in headless Chromium: the column pager (partials/pager.mustache,
// generator/pager.c) of 政务动态 with 130 pages, and the search page's
// (search.js) with 13 pages of results, on the site tests/tools/
// long_list_fixture.sh makes (tests/run.sh builds it).
// Usage: node pager.mjs SITE_DIR
//
// For the first, the second, a middle, a three-digit and the last page of
// each, at 320, 375 and 414 px (phones) and 1280 px, it checks what the
// pager shows (exactly: 上一页 1 … [65] … 130 下一页 on a phone, the five
// numbers around the current one on a desktop), that it is ONE line and
// inside the screen, that on a phone every link and page box is at least
// 44 px high, that exactly the current page is aria-current="page", and
// that the links are links to the right pages.  The column pages are
// loaded with JavaScript off (their pager needs none); 下一页 is followed
// with the keyboard at 320 px.  In 适老化模式 at 特大 (150 %) a phone's
// pager may take two lines, but nothing may stick out of the screen.
// With GOVPUB_SCREENSHOTS=DIR, a screenshot of each page and width is
// written there (pager-<name>-<page>-<width>.png).
import { join } from 'node:path';
import { launch } from './chromium.mjs';
import { reporter, watchedContext } from './harness.mjs';
import { serve } from './serve.mjs';

const PHONES = [320, 375, 414];
const WIDTHS = [...PHONES, 1280];
const TARGET_MIN = 44; // px: a touch target's height on a phone

const NEWS_PAGES = 130;
const SEARCH_QUERY = '补充动态';
const SEARCH_PAGES = 13;

// name, current page, count, its URL path, what a phone shows, what a desktop shows
const CASES = [
  ['news', 1, NEWS_PAGES, '/news/', '上一页 [1] … 130 下一页', '上一页 [1] 2 3 … 130 下一页'],
  ['news', 2, NEWS_PAGES, '/news/page/2/', '上一页 1 [2] … 130 下一页', '上一页 1 [2] 3 4 … 130 下一页'],
  ['news', 65, NEWS_PAGES, '/news/page/65/', '上一页 1 … [65] … 130 下一页',
    '上一页 1 … 63 64 [65] 66 67 … 130 下一页'],
  ['news', 100, NEWS_PAGES, '/news/page/100/', '上一页 1 … [100] … 130 下一页',
    '上一页 1 … 98 99 [100] 101 102 … 130 下一页'],
  ['news', 130, NEWS_PAGES, '/news/page/130/', '上一页 1 … [130] 下一页', '上一页 1 … 128 129 [130] 下一页'],
  ['search', 1, SEARCH_PAGES, searchPath(1), '上一页 [1] … 13 下一页', '上一页 [1] 2 3 … 13 下一页'],
  ['search', 7, SEARCH_PAGES, searchPath(7), '上一页 1 … [7] … 13 下一页', '上一页 1 … 5 6 [7] 8 9 … 13 下一页'],
  ['search', 13, SEARCH_PAGES, searchPath(13), '上一页 1 … [13] 下一页', '上一页 1 … 11 12 [13] 下一页'],
];

function searchPath(n) {
  return `/search/?q=${encodeURIComponent(SEARCH_QUERY)}&page=${n}`;
}

// The URL path page n of the case's list has (what its links must lead to).
function pagePath(name, n) {
  if (name === 'search') return searchPath(n);
  return n === 1 ? '/news/' : `/news/page/${n}/`;
}

// What the pager shows and how: the visible items' text ([n]: aria-current),
// their lines, boxes and links.
function measure() {
  const nav = document.querySelector('nav.pager');
  if (!nav || nav.hidden) return null;
  const items = [...nav.querySelectorAll('.pager-list > li')].filter((li) => getComputedStyle(li).display !== 'none');
  const box = (el) => el.getBoundingClientRect();
  return {
    shown: items.map((li) => (li.querySelector('[aria-current="page"]') ? `[${li.textContent}]` : li.textContent)).join(' '),
    lines: new Set(items.map((li) => Math.round(box(li).top))).size,
    right: Math.max(...items.map((li) => box(li).right)),
    left: Math.min(...items.map((li) => box(li).left)),
    viewport: document.documentElement.clientWidth,
    pageWidth: document.documentElement.scrollWidth,
    // the links and page boxes (not the … gaps): text and height
    targets: items.map((li) => li.firstElementChild).filter((el) => !el.classList.contains('pager-gap'))
      .map((el) => ({ text: el.textContent, height: box(el).height })),
    current: [...nav.querySelectorAll('[aria-current]')].map((el) => ({
      value: el.getAttribute('aria-current'), text: el.textContent, shown: box(el).width > 0,
    })),
    links: items.map((li) => li.querySelector('a')).filter(Boolean)
      .map((a) => ({ text: a.textContent, href: new URL(a.href).pathname + new URL(a.href).search })),
  };
}

// What sticks out of the screen, and (on a phone) the touch targets under
// TARGET_MIN px high.
function fitProblems(got, isPhone) {
  const p = [];
  if (got.left < 0 || got.right > got.viewport || got.pageWidth > got.viewport) {
    p.push(`wider than the screen (items ${Math.round(got.left)}–${Math.round(got.right)} px, page ${got.pageWidth} px, screen ${got.viewport} px)`);
  }
  for (const t of isPhone ? got.targets : []) {
    if (t.height < TARGET_MIN) p.push(`«${t.text}» is ${t.height} px high, under ${TARGET_MIN}`);
  }
  return p;
}

// The problems of what measure() saw, for case c at `width`.
function problemsOf(got, c, width) {
  const [name, cur, , , phone, wide] = c;
  const isPhone = width < 1280;
  if (!got) return ['no pager shows'];
  const p = [];
  const want = isPhone ? phone : wide;
  if (got.shown !== want) p.push(`shows «${got.shown}», want «${want}»`);
  if (got.lines !== 1) p.push(`${got.lines} lines`);
  p.push(...fitProblems(got, isPhone));
  if (got.current.length !== 1 || got.current[0].value !== 'page' || got.current[0].text !== String(cur) ||
      !got.current[0].shown) {
    p.push(`aria-current: ${JSON.stringify(got.current)}, want page ${cur} only, shown`);
  }
  for (const l of got.links) {
    const n = l.text === '上一页' ? cur - 1 : l.text === '下一页' ? cur + 1 : Number(l.text);
    if (l.href !== pagePath(name, n)) p.push(`«${l.text}» links to ${l.href}, want ${pagePath(name, n)}`);
  }
  return p;
}

async function load(page, origin, c) {
  await page.goto(origin + c[3], { waitUntil: 'load' });
  if (c[0] === 'search') { // search.js writes the pager with the results
    await page.waitForFunction(() => {
      const s = document.getElementById('search-status').textContent;
      return s && s !== '正在搜索…' && !document.getElementById('search-results').hasAttribute('aria-busy');
    }, null, { timeout: 10000 });
  }
}

const suite = reporter('pager');
const server = await serve(process.argv[2]);
const browser = await launch();
const shots = process.env.GOVPUB_SCREENSHOTS || '';
let problems = [];
try {
  for (const width of WIDTHS) {
    for (const javaScriptEnabled of [false, true]) {
      const context = await watchedContext(browser, server.origin, () => problems,
        { viewport: { width, height: 800 }, deviceScaleFactor: 1, javaScriptEnabled });
      const page = await context.newPage();
      for (const c of CASES.filter((k) => (k[0] === 'search') === javaScriptEnabled)) {
        const tag = `${c[0]} ${c[1]}/${c[2]} ${width}`;
        problems = [];
        await load(page, server.origin, c);
        problems.push(...problemsOf(await page.evaluate(measure), c, width));
        if (shots) {
          await page.locator('nav.pager').scrollIntoViewIfNeeded();
          await page.screenshot({ path: join(shots, `pager-${c[0]}-${c[1]}-${width}.png`) });
        }
        suite.report(tag, problems);
      }
      await context.close();
    }
  }

  // 下一页 reached with the keyboard and followed, on the smallest phone
  problems = [];
  const context = await watchedContext(browser, server.origin, () => problems,
    { viewport: { width: PHONES[0], height: 800 }, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.origin}/news/page/65/`, { waitUntil: 'load' });
  for (let i = 0; i < 200; i++) {
    if (await page.evaluate(() => document.activeElement && document.activeElement.getAttribute('rel') === 'next')) break;
    await page.keyboard.press('Tab');
  }
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
  const landed = new URL(page.url()).pathname;
  if (landed !== '/news/page/66/') problems.push(`下一页 led to ${landed}, want /news/page/66/`);
  else problems.push(...problemsOf(await page.evaluate(measure),
    ['news', 66, NEWS_PAGES, '/news/page/66/', '上一页 1 … [66] … 130 下一页', ''], PHONES[0]));
  suite.report(`keyboard 下一页 ${PHONES[0]}`, problems);

  // 适老化模式 at 特大 on the phones: lines may wrap, nothing sticks out
  const elder = await watchedContext(browser, server.origin, () => problems, { viewport: { width: 320, height: 800 } });
  const epage = await elder.newPage();
  for (const width of PHONES) {
    problems = [];
    await epage.setViewportSize({ width, height: 800 });
    await epage.goto(`${server.origin}/news/page/100/`, { waitUntil: 'load' });
    await epage.evaluate(() => {
      document.documentElement.setAttribute('data-a11y', 'elder');
      document.documentElement.setAttribute('data-font-size', 'xl');
    });
    problems.push(...fitProblems(await epage.evaluate(measure), true));
    if (shots) {
      await epage.locator('nav.pager').scrollIntoViewIfNeeded();
      await epage.screenshot({ path: join(shots, `pager-news-100-${width}-elder-xl.png`) });
    }
    suite.report(`elder xl news 100/130 ${width}`, problems);
  }
} catch (e) {
  suite.failures++;
  console.log(`FAIL pager: ${e.stack || e}`);
} finally {
  await browser.close();
  await server.close();
}
process.exitCode = suite.failures ? 1 : 0;
