// catalog.mjs — the combined filter of the sample portal's data resource
// catalog (static/js/catalog.js), in Debian's headless Chromium driven by
// playwright-core, served by serve.mjs under `Content-Security-Policy:
// default-src 'self'`.
// Usage: node catalog.mjs SITE_DIR
//
// Each case opens a catalog page, picks a department and a topic and types
// keywords with the keyboard (or opens a shared address with ?dept=&topic=&q=)
// and reads what the page shows: the live region's sentence, every match
// (`title | department | date`, with its link followed to a page whose
// <h1> is that title) and whether the page's own list is hidden.  Without
// JavaScript the form stays hidden and the static list shows.  Any request
// outside the site, console error, uncaught exception or CSP violation
// fails the case.
import { runSuite } from './harness.mjs';

const DATA = '云岭区数据资源管理局';
// name, path, what to do, expected status, expected matches
const CASES = [
  ['department and topic', '/catalog/', { dept: DATA, topic: '政务服务' },
    '共有 2 项数据资源符合条件。',
    ['“高效办成一件事”事项目录 | 云岭区数据资源管理局 | 2024-10-28',
      '政务服务事项标准化清单 | 云岭区数据资源管理局 | 2024-11-15']],
  ['a topic two departments share', '/catalog/', { topic: '公共服务' },
    '共有 2 项数据资源符合条件。',
    ['义务教育学校名录 | 云岭区教育体育局 | 2024-09-02',
      '基层医疗卫生机构名录 | 云岭区卫生健康局 | 2024-08-16']],
  ['a dataset in two topics', '/catalog/', { topic: '经济运行', q: '登记' },
    '共有 1 项数据资源符合条件。',
    ['市场主体登记统计 | 云岭区市场监督管理局 | 2024-07-05']],
  ['keywords only', '/catalog/', { q: '名录' },
    '共有 2 项数据资源符合条件。',
    ['义务教育学校名录 | 云岭区教育体育局 | 2024-09-02',
      '基层医疗卫生机构名录 | 云岭区卫生健康局 | 2024-08-16']],
  ['nothing matches', '/catalog/', { dept: '云岭区统计局', topic: '政务服务' },
    '没有符合条件的数据资源，请调整筛选条件。', []],
  ['from a department page', `/catalog/department/${encodeURIComponent('云岭区统计局')}/`, { topic: '居民生活' },
    '共有 1 项数据资源符合条件。',
    ['城乡居民人均可支配收入 | 云岭区统计局 | 2024-05-22']],
  ['a shared address', `/catalog/?dept=${encodeURIComponent(DATA)}&q=${encodeURIComponent('目录')}`, {},
    '共有 2 项数据资源符合条件。',
    ['“高效办成一件事”事项目录 | 云岭区数据资源管理局 | 2024-10-28',
      '政务数据资源目录编制情况 | 云岭区数据资源管理局 | 2024-12-10']],
  ['markup in the address is text', `/catalog/?q=${encodeURIComponent('<img src=x onerror=alert(1)>')}`, {},
    '没有符合条件的数据资源，请调整筛选条件。', []],
  ['filters cleared: the page list again', '/catalog/', { dept: DATA, clear: true }, '', null],
];


async function runCase(page, origin, path, act) {
  await page.goto(origin + path, { waitUntil: 'load' });
  await page.waitForFunction(() => !document.getElementById('catalog-filter').hidden, null, { timeout: 10000 });
  if (act.dept) await page.selectOption('#catalog-dept', act.dept);
  if (act.topic) await page.selectOption('#catalog-topic', act.topic);
  if (act.q) {
    await page.locator('#catalog-q').focus();
    await page.keyboard.type(act.q);
  }
  if (act.clear) await page.selectOption('#catalog-dept', '');
  await page.waitForFunction((want) => {
    const s = document.getElementById('catalog-status').textContent;
    return want ? s !== '' : s === '' && !document.getElementById('catalog-list').hidden;
  }, !act.clear, { timeout: 10000 });
  return page.evaluate(() => ({
    status: document.getElementById('catalog-status').textContent,
    listHidden: document.getElementById('catalog-list').hidden,
    address: window.location.search,
    images: document.querySelectorAll('#catalog-results img').length,
    matches: [...document.querySelectorAll('#catalog-results > li')].map((li) =>
      [li.querySelector('.item-title').textContent, li.querySelector('.item-docno').textContent,
        li.querySelector('time').getAttribute('datetime')].join(' | ')),
    links: [...document.querySelectorAll('#catalog-results .item-title')].map((a) => [a.href, a.textContent]),
  }));
}

runSuite('catalog', process.argv[2], async ({ page, browser, origin, begin, report }) => {
  for (const [name, path, act, status, matches] of CASES) {
    const problems = begin();
    const got = await runCase(page, origin, path, act);
    if (got.status !== status) problems.push(`status «${got.status}», want «${status}»`);
    if (got.images) problems.push('markup from the address became elements');
    if (matches === null) {
      if (got.listHidden) problems.push('the page list is hidden with no filter set');
      if (got.address !== '') problems.push(`the address keeps «${got.address}»`);
    } else {
      if (!got.listHidden) problems.push('the page list still shows beside the matches');
      if (got.matches.join('\n') !== matches.join('\n')) {
        problems.push(`matches:\n${got.matches.join('\n')}\nwant:\n${matches.join('\n')}`);
      }
      if (act.dept && !decodeURIComponent(got.address).includes(`dept=${act.dept}`)) {
        problems.push(`the address «${got.address}» does not keep the department`);
      }
      for (const [href, title] of got.links) { // each match leads to its dataset page
        if (!href.startsWith(origin + '/catalog/')) { problems.push(`link ${href} leaves the catalog`); continue; }
        const r = await page.request.get(href);
        const html = await r.text();
        if (r.status() !== 200 || !new RegExp(`<h1[^>]*>${title}</h1>`).test(html)) {
          problems.push(`link ${href}: HTTP ${r.status()}, not the page of ${title}`);
        }
      }
    }
    report(name, problems);
  }
  // without JavaScript: the form stays hidden, the static list and links work
  const problems = begin();
  const nojs = await browser.newContext({ javaScriptEnabled: false });
  const p2 = await nojs.newPage();
  await p2.goto(`${origin}/catalog/`, { waitUntil: 'load' });
  const state = await p2.evaluate(() => ({
    form: document.getElementById('catalog-filter').hidden,
    items: document.querySelectorAll('#catalog-list .item').length,
    departments: document.querySelectorAll('.catalog-nav a[href*="/department/"]').length,
  }));
  if (!state.form) problems.push('the script-only form shows without JavaScript');
  if (state.items !== 10) problems.push(`${state.items} items in the static list, want 10`);
  if (state.departments !== 7) problems.push(`${state.departments} department links, want 7`);
  await nojs.close();
  report('without JavaScript', problems);
});
