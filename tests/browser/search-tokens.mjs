// search-tokens.mjs — the query tokenizer of the theme's search.js against
// the shared cases of tests/fixtures/search-tokens.txt, which the C
// tokenizer (generator/search_token.c, tests/unit/test_search.c) passes
// too: both sides must turn every query into the same tokens, or a search
// would look up tokens the index does not hold.  Then the search pager's
// numbers (pagerPlan) on a wide screen and on a phone, against the cases
// the column pagers pass (tests/fixtures/pager-plans.txt); then what a
// result marks for a query (highlights, marks): the exact <mark> texts.
// Usage: node search-tokens.mjs; prints `ok …` / `FAIL …` lines.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const { tokenize, pagerPlan, highlights, marks } = require(join(root, 'themes/default/static/js/search.js'));

const unescape = (s) => s.replace(/\\(.)/g, (_, c) => (c === 't' ? '\t' : c === 'n' ? '\n' : c));
const lines = readFileSync(join(root, 'tests/fixtures/search-tokens.txt'), 'utf8').split('\n');
let cases = 0;
let failed = 0;
lines.forEach((line, i) => {
  if (line === '' || line.startsWith('#')) return;
  cases++;
  const tab = line.indexOf('\t');
  const got = tokenize(unescape(line.slice(0, tab))).join(' ');
  const want = line.slice(tab + 1);
  if (got === want) console.log(`ok search-tokens line ${i + 1}`);
  else {
    failed++;
    console.log(`FAIL search-tokens line ${i + 1}: got «${got}» want «${want}»`);
  }
});
if (cases < 30) console.log(`FAIL search-tokens: only ${cases} cases`);

// The search pager's numbers (pagerPlan) against the cases of
// tests/fixtures/pager-plans.txt, which the column pagers' pager_plan
// (generator/pager.c, tests/unit/test_pager.c) passes too.
let plans = 0;
readFileSync(join(root, 'tests/fixtures/pager-plans.txt'), 'utf8').split('\n').forEach((line, i) => {
  if (line === '' || line.startsWith('#')) return;
  plans++;
  const [pages, wide, phone] = line.split('\t');
  const [page, total] = pages.split(' ').map(Number);
  const plan = pagerPlan(page, total);
  const show = (hidden) => plan.filter((it) => !it[hidden])
    .map((it) => (it.gap ? '…' : it.n === page ? `[${it.n}]` : String(it.n))).join(' ');
  const got = [show('narrow'), show('wide')];
  if (got[0] === wide && got[1] === phone) console.log(`ok search-pager pager-plans.txt line ${i + 1}`);
  else {
    failed++;
    console.log(`FAIL search-pager pager-plans.txt line ${i + 1}: got «${got[0]}» / «${got[1]}» want «${wide}» / «${phone}»`);
  }
});
if (plans < 15) console.log(`FAIL search-pager: only ${plans} cases in pager-plans.txt`);
// text, query, the texts marked in it (joined by /): the query and its
// parts as written, words and runs of two characters or more, a run's
// bigrams only where the run is not whole; a lone character only for a
// query without a longer part.
const SNIPPET = '区数据发〔2024〕3号 关于2024年数据工作的通知：2024年12月3日，区数据资源管理局召开年度会议，号召各单位做好数据安全。';
const MARKS = [
  [SNIPPET, '2024年', '2024/2024年/2024年'],
  [SNIPPET, '数据', '数据/数据/数据/数据'],
  [SNIPPET, '年', '年/年/年'],
  [SNIPPET, '区数据发〔2024〕3号', '区数据发〔2024〕3号/2024/2024'],
  [SNIPPET, '区数据发〔2025〕3号', '区数据发/3号'],
  [SNIPPET, '2024 年', '2024/2024/2024'],
  [SNIPPET, '年 号', '号/年/年/年/号'],
  [SNIPPET, '数据资源', '数据资源'],
  [SNIPPET, 'ＧＤＰ２０２４年', ''],
  ['数据共享和资源目录', '数据资源', '数据/资源'],
  ['优化营商环境', '营商坏境', '营商'],
  ['〔2024〕13号 〔2024〕3号', '3号', '3号'],
  ['第120号 第12号', '12', '12'],
  ['第3季度 3季度', '第3季度', '第3季度/季度'],
];
for (const [text, query, want] of MARKS) {
  const got = marks(text, highlights(query)).map(([from, to]) => text.slice(from, to)).join('/');
  if (got === want) console.log(`ok search-marks «${query}» in «${text.slice(0, 12)}…»`);
  else {
    failed++;
    console.log(`FAIL search-marks «${query}» in «${text.slice(0, 12)}…»: got «${got}» want «${want}»`);
  }
}
process.exitCode = failed || cases < 30 || plans < 15 ? 1 : 0;
