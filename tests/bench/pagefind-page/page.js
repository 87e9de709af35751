// page.js — the search bench's page for Pagefind (tests/bench/search.mjs):
// the counterpart of govpub's /search/ page, a GET form whose ?q= is
// answered the way Pagefind's own UI does it, through its JS API
// (/pagefind/pagefind.js, loaded on the first search): search(), then
// data() of the first ten results (URL, title, excerpt), shown as a list.
// When the list is shown, window.searchDone holds performance.now() (the
// time since the form was submitted) and window.searchIds the ids of every
// result; window.pagefind is the loaded API (the recall check calls it).
const PER_PAGE = 10;

async function run() {
  const q = new URLSearchParams(window.location.search).get('q');
  if (q === null) return;
  document.getElementById('search-q').value = q;
  const status = document.getElementById('search-status');
  const list = document.getElementById('search-results');
  const pagefind = await import('/pagefind/pagefind.js');
  window.pagefind = pagefind;
  const found = await pagefind.search(q);
  const shown = await Promise.all(found.results.slice(0, PER_PAGE).map((r) => r.data()));
  for (const doc of shown) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = doc.url;
    a.textContent = doc.meta.title || doc.url;
    const p = document.createElement('p');
    p.innerHTML = doc.excerpt; // Pagefind's excerpt: text with <mark> around hits
    li.append(a, p);
    list.append(li);
  }
  status.textContent = `找到 ${found.results.length} 条结果。`;
  window.searchIds = found.results.map((r) => r.id);
  window.searchDone = performance.now();
}

run().catch((e) => {
  document.getElementById('search-status').textContent = `error: ${e.message}`;
  window.searchError = String(e.stack || e);
});
