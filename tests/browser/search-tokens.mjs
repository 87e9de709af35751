// search-tokens.mjs — the query tokenizer of the theme's search.js against
// the shared cases of tests/fixtures/search-tokens.txt, which the C
// tokenizer (generator/search_token.c, tests/unit/test_search.c) passes
// too: both sides must turn every query into the same tokens, or a search
// would look up tokens the index does not hold.
// Usage: node search-tokens.mjs; prints `ok …` / `FAIL …` lines.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const { tokenize } = require(join(root, 'themes/default/static/js/search.js'));

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
process.exitCode = failed || cases < 30 ? 1 : 0;
