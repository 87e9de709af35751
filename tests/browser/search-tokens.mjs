// search-tokens.mjs — the query tokenizer of the theme's search.js against
// the shared cases of tests/fixtures/search-tokens.txt, which the C
// tokenizer (generator/search_token.c, tests/unit/test_search.c) passes
// too: both sides must turn every query into the same tokens, or a search
// would look up tokens the index does not hold.  Then the search pager's
// numbers (pagerPlan) on a wide screen and on a phone.
// Usage: node search-tokens.mjs; prints `ok …` / `FAIL …` lines.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const { tokenize, pagerPlan } = require(join(root, 'themes/default/static/js/search.js'));

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

// page, pages, what a wide screen shows, what a phone shows ([n]: the current page)
const PAGERS = [
  [1, 3, '[1] 2 3', '[1] 2 3'],
  [2, 5, '1 [2] 3 4 5', '1 [2] … 5'],
  [1, 9, '[1] 2 3 4 5 6 7 8 9', '[1] … 9'],
  [4, 100, '1 2 3 [4] 5 6 … 100', '1 … [4] … 100'],
  [7, 100, '1 … 5 6 [7] 8 9 … 100', '1 … [7] … 100'],
  [99, 100, '1 … 97 98 [99] 100', '1 … [99] 100'],
];
for (const [page, pages, wide, phone] of PAGERS) {
  const plan = pagerPlan(page, pages);
  const show = (hidden) => plan.filter((it) => !it[hidden])
    .map((it) => (it.gap ? '…' : it.n === page ? `[${it.n}]` : String(it.n))).join(' ');
  const got = [show('narrow'), show('wide')];
  if (got[0] === wide && got[1] === phone) console.log(`ok search-pager page ${page} of ${pages}`);
  else {
    failed++;
    console.log(`FAIL search-pager page ${page} of ${pages}: got «${got[0]}» / «${got[1]}» want «${wide}» / «${phone}»`);
  }
}
process.exitCode = failed || cases < 30 ? 1 : 0;
