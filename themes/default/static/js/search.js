/* search.js — the default theme's site search (站内搜索), over the static
 * index govpub writes under search/ (docs/search.md).  No framework, no
 * request outside the site, no inline script or style, no eval: it runs
 * under Content-Security-Policy: default-src 'self'.
 *
 * The search page (layouts/search.mustache) is a plain GET form
 * (?q=关键词&col=栏目&year=年份&page=N).  This script reads those
 * parameters, cuts the query to MAX_QUERY_CHARS characters, turns it into
 * tokens by the rules of generator/search_token.c (tokenize() below; the
 * shared cases in tests/fixtures/search-tokens.txt prove they agree),
 * fetches only the index shards those tokens hash to, keeps the documents
 * that have every token, ranks them (more tokens in the title, 文号 or
 * 索引号 first, then newest first), applies the column and year filters and
 * shows a page of results: title, column, date, 文号 and a snippet, with
 * the query's words in <mark> (the snippet is the one the index keeps —
 * the page's summary or the beginning of its prose — or, when a word of
 * the query shows nowhere in the result, the text around it in the page
 * itself, fetched for the shown results only).  The result count is announced through the
 * page's live region (#search-status); below the results, a pager: 上一页,
 * the page numbers, 下一页.
 *
 * Page contract (ids): #search-form (data-index: the URL of meta.json,
 * data-root: the site root), #search-q, #search-col, #search-year,
 * #search-status, #search-results, #search-pager, #search-nojs (the
 * message for readers without JavaScript, hidden here).
 *
 * In Node (tests/browser/search-tokens.mjs) the file exports tokenize(),
 * pagerPlan(), highlights() and marks(). */
(function () {
  'use strict';

  var MAX_QUERY_CHARS = 100; /* a longer query is cut (and the reader told);
                              the search boxes' maxlength is the same */
  var MAX_TOKENS = 12;       /* at most this many tokens (and shards) a query */
  var PER_PAGE = 10;
  var WORD_MAX = 32;         /* SEARCH_WORD_MAX */
  var DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';

  /* cjk_is_letter's ranges (generator/cjk.c) */
  var LETTERS = [
    [0x1100, 0x11FF], [0x3005, 0x3007], [0x3041, 0x3096], [0x309D, 0x309F],
    [0x30A1, 0x30FA], [0x30FC, 0x30FF], [0x3105, 0x312F], [0x3131, 0x318E],
    [0x31A0, 0x31BF], [0x31F0, 0x31FF], [0x3400, 0x4DBF], [0x4E00, 0x9FFF],
    [0xAC00, 0xD7A3], [0xF900, 0xFAFF], [0xFF66, 0xFF9F], [0x20000, 0x323AF]
  ];
  var SEP = 0, SPACE = 1, CJK = 2, WORD = 3;

  function fold(cp) {
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
    else if (cp === 0x3000) cp = 0x20;
    if (cp >= 0x41 && cp <= 0x5A) cp += 0x20;
    return cp;
  }

  function kind(cp) {
    if (cp < 0x80) {
      if ((cp >= 0x61 && cp <= 0x7A) || (cp >= 0x30 && cp <= 0x39)) return WORD;
      return cp === 0x20 || (cp >= 9 && cp <= 13) ? SPACE : SEP;
    }
    if (cp === 0xA0) return SPACE;
    for (var i = 0; i < LETTERS.length; i++) {
      if (cp >= LETTERS[i][0] && cp <= LETTERS[i][1]) return CJK;
    }
    if ((cp >= 0xC0 && cp <= 0x24F && cp !== 0xD7 && cp !== 0xF7) || (cp >= 0x370 && cp <= 0x4FF)) return WORD;
    return SEP;
  }

  /* The query's tokens, in order, duplicates kept: each run of CJK letters
   * gives its bigrams (a run of one, the letter), each Latin word or number
   * itself, folded.  `runs`, when given, receives the runs and words. */
  function tokenize(text, runs) {
    var out = [], word = '', wchars = 0, run = 0, first = '', prev = '', all = '';
    for (var i = 0; i < text.length;) {
      var cp = text.codePointAt(i);
      i += cp > 0xFFFF ? 2 : 1;
      cp = fold(cp);
      var k = kind(cp);
      if (k !== WORD && word) {
        out.push(word);
        if (runs) runs.push(word);
        word = '';
        wchars = 0;
      }
      if (k === CJK) {
        var cur = String.fromCodePoint(cp);
        if (prev) out.push(prev + cur);
        if (run++ === 0) first = cur;
        prev = cur;
        all += cur;
        continue;
      }
      if (run === 1) out.push(first);
      if (run && runs) runs.push(all);
      run = 0;
      prev = all = '';
      if (k === WORD && wchars < WORD_MAX) {
        word += String.fromCodePoint(cp);
        wchars++;
      }
    }
    if (word) {
      out.push(word);
      if (runs) runs.push(word);
    }
    if (run === 1) out.push(first);
    if (run && runs) runs.push(all);
    return out;
  }

  /* text folded as the tokenizer folds (fullwidth ASCII, the ideographic
   * space, upper case), one UTF-16 unit for one: offsets stay those of text */
  function foldText(text) {
    var folded = '';
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      folded += String.fromCharCode(c >= 0xD800 && c <= 0xDFFF ? c : fold(c));
    }
    return folded;
  }

  /* What results mark for a query: [{ t, alt, whole }], each t wherever it
   * shows, its alt (the bigrams of a CJK run of three or more) only where
   * t shows nowhere in the text: the index found the result by bigrams
   * (数据资源 as 数据 … 资源, 营商坏境 as 营商).  The terms: the query
   * itself (whole: true when it has other terms); its parts between spaces
   * and punctuation (区数据发〔2024〕3号: 区数据发, 2024, 3号); the words,
   * numbers and CJK runs of two characters or more in them (2024年: 2024).
   * A single character (年, 号, 3) is a term only in a query without any
   * longer part: a query 年 marks every 年, 2024年 never a lone 年. */
  function highlights(query) {
    var whole = foldText(query).trim(), parts = [], part = '';
    for (var i = 0; i < whole.length;) {
      var cp = whole.codePointAt(i), ch = String.fromCodePoint(cp);
      i += ch.length;
      var k = kind(cp);
      if (k === SEP || k === SPACE) {
        if (part) parts.push(part);
        part = '';
      } else {
        part += ch;
      }
    }
    if (part) parts.push(part);
    var long = parts.some(function (p) { return Array.from(p).length > 1; });
    var out = [], seen = new Set();
    function add(t, alt) {
      if (seen.has(t)) return;
      seen.add(t);
      out.push({ t: t, alt: alt, whole: false });
    }
    parts.forEach(function (p) {
      if (long && Array.from(p).length < 2) return;
      var runs = [];
      tokenize(p, runs);
      runs.forEach(function (r) {
        var chars = Array.from(r), alt = [];
        if (chars.length < 2) return;
        if (chars.length > 2 && kind(r.codePointAt(0)) === CJK) {
          for (var j = 0; j + 1 < chars.length; j++) alt.push(chars[j] + chars[j + 1]);
        }
        add(r, alt);
      });
      add(p, []);
    });
    if (whole && !seen.has(whole)) {
      add(whole, []);
      out[out.length - 1].whole = out.length > 1;
    }
    return out;
  }

  /* Every place of t in folded text: [from, to) pushed to ranges; a term
   * beginning (ending) with a letter or digit not right after (before)
   * one: 12 is not found in 120, 3号 not in 13号.  Whether it found any. */
  function findAll(folded, t, ranges) {
    var n = ranges.length;
    var wordStart = kind(t.codePointAt(0)) === WORD, wordEnd = kind(t.charCodeAt(t.length - 1)) === WORD;
    for (var at = folded.indexOf(t); at >= 0; at = folded.indexOf(t, at + 1)) {
      if (wordStart && at > 0 && kind(folded.charCodeAt(at - 1)) === WORD) continue;
      if (wordEnd && at + t.length < folded.length && kind(folded.charCodeAt(at + t.length)) === WORD) continue;
      ranges.push([at, at + t.length]);
    }
    return ranges.length > n;
  }

  /* Ranges [from, to) of text to mark for highlights hl, merged where
   * they overlap or touch. */
  function marks(text, hl) {
    var folded = foldText(text), ranges = [];
    hl.forEach(function (h) {
      if (!findAll(folded, h.t, ranges)) h.alt.forEach(function (t) { findAll(folded, t, ranges); });
    });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push(r.slice());
    });
    return merged;
  }

  /* The pager's page numbers and gaps: [{ n } or { gap: true }, with
   * wide: true (shown only on a wide screen) or narrow: true (only on a
   * phone)], by the rule of the column pagers (generator/pager.h's
   * pager_plan: on a wide screen every number up to PAGER_ALL pages, else
   * the first, the last and PAGER_AROUND on each side of the current one,
   * … between; on a phone the same with PHONE_ALL and PHONE_AROUND:
   * 上一页 1 … 7 … 100 下一页, one line at 320 px).  Both pass the cases of
   * tests/fixtures/pager-plans.txt. */
  var PAGER_ALL = 9, PAGER_AROUND = 2, PHONE_ALL = 3, PHONE_AROUND = 0;

  function shownIn(all, around, k, page, pages) {
    return pages <= all || k === 1 || k === pages || Math.abs(k - page) <= around;
  }

  function pagerPlan(page, pages) {
    var plan = [];
    /* the last number shown on each, and whether the phone shows a … since its last */
    var lastWide = 0, lastPhone = 0, phoneGap = false;
    for (var k = 1; k <= pages; k++) {
      if (!shownIn(PAGER_ALL, PAGER_AROUND, k, page, pages)) continue;
      var phone = shownIn(PHONE_ALL, PHONE_AROUND, k, page, pages);
      if (k > lastWide + 1) {
        plan.push({ gap: true });
        phoneGap = true;
      } else if (phone && k > lastPhone + 1 && !phoneGap) {
        plan.push({ gap: true, narrow: true });
      }
      plan.push(phone ? { n: k } : { n: k, wide: true });
      lastWide = k;
      if (phone) {
        lastPhone = k;
        phoneGap = false;
      }
    }
    return plan;
  }

  if (typeof module === 'object' && module.exports) {
    module.exports = { tokenize: tokenize, pagerPlan: pagerPlan, highlights: highlights, marks: marks };
    return;
  }

  /* FNV-1a of the token's UTF-8 bytes (search_hash). */
  var encoder = new TextEncoder();
  function hash(token) {
    var bytes = encoder.encode(token), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 16777619) >>> 0;
    return h;
  }

  var VALUE = {};
  for (var d = 0; d < DIGITS.length; d++) VALUE[DIGITS.charCodeAt(d)] = d;

  /* A postings string → Map doc number → 1 when a strong field has it. */
  function decode(s) {
    var docs = new Map(), prev = -1, v = 0, shift = 0;
    for (var i = 0; i < s.length; i++) {
      var digit = VALUE[s.charCodeAt(i)];
      if (digit === undefined) break;
      v += (digit & 31) * Math.pow(2, shift);
      shift += 5;
      if (digit < 32) {
        prev += Math.floor(v / 2) + 1;
        docs.set(prev, v % 2);
        v = shift = 0;
      }
    }
    return docs;
  }

  var cache = new Map();
  function fetchText(url) {
    if (!cache.has(url)) {
      cache.set(url, fetch(url, { credentials: 'same-origin' }).then(function (r) {
        if (!r.ok) throw new Error(r.status + ' ' + url);
        return r.text();
      }));
    }
    return cache.get(url);
  }

  /* The postings of a token ('' when the index has none). */
  function postings(base, meta, token) {
    var url = new URL('t/' + (hash(token) & (meta.shards - 1)) + '.txt', base).href;
    return fetchText(url).then(function (text) {
      var key = token + '\t';
      var at = text.startsWith(key) ? 0 : text.indexOf('\n' + key);
      if (at < 0) return '';
      if (text.charAt(at) === '\n') at++;
      var from = at + key.length, end = text.indexOf('\n', from);
      return text.slice(from, end < 0 ? text.length : end);
    });
  }

  /* Documents having every token: [{id, score}], ranked. */
  function match(lists) {
    lists.sort(function (a, b) { return a.size - b.size; });
    var found = [];
    lists[0].forEach(function (strong, id) {
      var score = strong;
      for (var i = 1; i < lists.length; i++) {
        var s = lists[i].get(id);
        if (s === undefined) return;
        score += s;
      }
      found.push({ id: id, score: score });
    });
    found.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
    return found;
  }

  /* No document has every token (a mistyped character: 营商坏境 has the
   * bigrams 营商, 商坏, 坏境, and pages only 营商): the documents having at
   * least a third of them, for queries of PARTIAL_MIN tokens or more (one
   * of two is too little to go on), more tokens first, then ranked as
   * match() does. */
  var PARTIAL_MIN = 3;
  function partial(lists) {
    var need = Math.ceil(lists.length / 3), count = new Map();
    lists.forEach(function (list) {
      list.forEach(function (strong, id) {
        var c = count.get(id) || { id: id, hits: 0, score: 0 };
        c.hits++;
        c.score += strong;
        count.set(id, c);
      });
    });
    var found = [];
    count.forEach(function (c) { if (c.hits >= need) found.push(c); });
    found.sort(function (a, b) { return b.hits - a.hits || b.score - a.score || a.id - b.id; });
    return found;
  }

  /* ---- the page ---- */

  var form, input, colSelect, yearSelect, status, results, pager, params;

  function say(text) {
    status.textContent = text;
  }

  function short(q) {
    var chars = Array.from(q);
    return chars.length > 20 ? chars.slice(0, 20).join('') + '…' : q;
  }

  function appendMarked(el, text, hl) {
    var pos = 0;
    marks(text, hl).forEach(function (r) {
      if (r[0] > pos) el.appendChild(document.createTextNode(text.slice(pos, r[0])));
      var m = document.createElement('mark');
      m.textContent = text.slice(r[0], r[1]);
      el.appendChild(m);
      pos = r[1];
    });
    if (pos < text.length) el.appendChild(document.createTextNode(text.slice(pos)));
  }

  function element(name, cls, text) {
    var el = document.createElement(name);
    if (cls) el.className = cls;
    if (text) el.textContent = text;
    return el;
  }

  var WIDE = /([\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]) (?=[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF])/g;

  /* When a term of the query (highlights(), not the query whole) shows
   * nowhere in a result (its title, 文号, 索引号 or the snippet the index
   * keeps: the page's summary or lead), the snippet comes from the page
   * itself: its text around the first hit of what is missing (`find`),
   * every term marked.  Only for the
   * results shown; a page that cannot be fetched keeps the snippet.  A
   * query the title or 文号 answers keeps the page's own lead (a 文号
   * searched showed the document's last line, the date after its
   * signature, where the year first stood in the text). */
  function deepSnippet(url, el, hl, find) {
    return fetchText(url).then(function (html) {
      var page = new DOMParser().parseFromString(html, 'text/html');
      var body = page.querySelector('.prose') || page.querySelector('main');
      if (!body) return;
      /* collapse whitespace, and drop it between two wide characters */
      var text = body.textContent.replace(/\s+/g, ' ').replace(WIDE, '$1').trim();
      var hit = marks(text, find)[0];
      if (!hit) return;
      var from = Math.max(0, hit[0] - 40), to = Math.min(text.length, hit[0] + 110);
      el.textContent = '';
      appendMarked(el, (from > 0 ? '…' : '') + text.slice(from, to) + (to < text.length ? '…' : ''), hl);
    }).catch(function () {});
  }

  function showResults(meta, root, docs, hl) {
    var deeper = [];
    results.textContent = '';
    docs.forEach(function (doc) {
      var li = element('li', 'search-result');
      var h = element('h2', 'search-result-title');
      var a = element('a');
      a.href = new URL(doc[0], root).href;
      appendMarked(a, doc[1], hl);
      h.appendChild(a);
      li.appendChild(h);
      var info = element('p', 'search-result-meta');
      var col = meta.columns[doc[2]];
      if (col) info.appendChild(element('span', 'search-result-column', col.title));
      if (doc[3]) {
        var time = element('time', 'search-result-date', doc[3]);
        time.setAttribute('datetime', doc[3]);
        info.appendChild(time);
      }
      if (doc[4]) {
        var no = element('span', 'search-result-docno');
        appendMarked(no, doc[4], hl);
        info.appendChild(no);
      }
      var shown = [doc[1], doc[4], doc[6]];
      if (doc[5] && marks(doc[5], hl).length) {
        shown.push(doc[5]);
        var index = element('span', 'search-result-indexno', '索引号：');
        appendMarked(index, doc[5], hl);
        info.appendChild(index);
      }
      li.appendChild(info);
      var snippet = element('p', 'search-result-snippet');
      appendMarked(snippet, doc[6], hl);
      li.appendChild(snippet);
      var missing = hl.filter(function (h) {
        return !h.whole && !shown.some(function (text) { return marks(text, [h]).length; });
      });
      if (missing.length) deeper.push(deepSnippet(a.href, snippet, hl, missing));
      results.appendChild(li);
    });
    results.hidden = docs.length === 0;
    /* aria-busy until every snippet is final (the browser tests wait for it) */
    results.setAttribute('aria-busy', 'true');
    Promise.all(deeper).then(function () { results.removeAttribute('aria-busy'); });
  }

  /* The pager: 上一页, the page numbers (pagerPlan), 下一页, as links to
   * the same search (each page has its URL), in the markup of the column
   * pagers (layouts/partials/pager.mustache); classes pager-wide and
   * pager-narrow tell the stylesheet which items a phone shows. */
  function pageLink(n, label) {
    var u = new URL(window.location.href);
    u.searchParams.set('page', String(n));
    var a = element('a', '', label);
    a.href = u.pathname + u.search;
    return a;
  }

  function pagerItem(cls, child) {
    var li = element('li', cls);
    li.appendChild(child);
    return li;
  }

  function showPager(page, pages) {
    pager.textContent = '';
    pager.hidden = pages <= 1;
    if (pages <= 1) return;
    var list = element('ul', 'pager-list');
    var prev = page > 1 ? pageLink(page - 1, '上一页') : element('span', 'pager-off', '上一页');
    if (page > 1) prev.rel = 'prev';
    list.appendChild(pagerItem('', prev));
    pagerPlan(page, pages).forEach(function (it) {
      var item;
      if (it.gap) {
        item = element('span', 'pager-gap', '…');
        item.setAttribute('aria-hidden', 'true');
      } else if (it.n === page) {
        item = element('span', 'pager-current', String(it.n));
        item.setAttribute('aria-current', 'page');
      } else {
        item = pageLink(it.n, String(it.n));
        item.setAttribute('aria-label', '第 ' + it.n + ' 页');
      }
      list.appendChild(pagerItem(it.wide ? 'pager-wide' : it.narrow ? 'pager-narrow' : '', item));
    });
    var next = page < pages ? pageLink(page + 1, '下一页') : element('span', 'pager-off', '下一页');
    if (page < pages) next.rel = 'next';
    list.appendChild(pagerItem('', next));
    pager.appendChild(list);
    pager.appendChild(element('p', 'pager-status', '第 ' + page + ' 页，共 ' + pages + ' 页'));
  }

  function yearOf(meta, id) {
    for (var i = 0; i < meta.years.length; i++) {
      if (id >= meta.years[i][1] && id <= meta.years[i][2]) return meta.years[i][0];
    }
    return 0;
  }

  /* Keeps the documents of the chosen column and year. */
  function filter(meta, base, found, col, year) {
    var y = Number(year) || 0;
    if (y) found = found.filter(function (f) { return yearOf(meta, f.id) === y; });
    if (!col) return Promise.resolve(found);
    var index = meta.columns.findIndex(function (c) { return c.path === col; });
    if (index < 0) return Promise.resolve([]);
    return fetchText(new URL('columns.txt', base).href).then(function (text) {
      var w = meta.column_width;
      return found.filter(function (f) {
        var v = VALUE[text.charCodeAt(f.id * w)];
        if (w === 2) v = v * 64 + VALUE[text.charCodeAt(f.id * w + 1)];
        return v === index;
      });
    });
  }

  function run() {
    var raw = params.get('q') || '';
    var chars = Array.from(raw);
    var q = chars.slice(0, MAX_QUERY_CHARS).join('');
    var col = params.get('col') || '', year = params.get('year') || '';
    var page = Math.max(1, Math.floor(Number(params.get('page'))) || 1);
    if (!raw.trim()) {
      say('请输入要搜索的关键词。');
      return;
    }
    var tokens = Array.from(new Set(tokenize(q))).slice(0, MAX_TOKENS);
    if (!tokens.length) {
      say('关键词“' + short(raw) + '”中没有可搜索的文字（标点和符号不参与搜索），请换一个关键词。');
      return;
    }
    document.title = '搜索：' + short(raw) + ' - ' + document.title;
    var cut = chars.length > MAX_QUERY_CHARS ? '（关键词过长，只按前 ' + MAX_QUERY_CHARS + ' 个字搜索）' : '';
    say('正在搜索…');
    var base = new URL(form.getAttribute('data-index'), window.location.href);
    var root = new URL(form.getAttribute('data-root') || '/', window.location.href);
    var meta, partly = false;
    fetchText(base.href).then(function (text) {
      meta = JSON.parse(text);
      return Promise.all(tokens.map(function (t) { return postings(base, meta, t); }));
    }).then(function (lists) {
      var decoded = lists.map(decode);
      var found = lists.some(function (l) { return l === ''; }) ? [] : match(decoded.slice());
      if (!found.length && tokens.length >= PARTIAL_MIN) {
        found = partial(decoded);
        partly = found.length > 0;
      }
      return filter(meta, base, found, col, year);
    }).then(function (found) {
      var pages = Math.max(1, Math.ceil(found.length / PER_PAGE));
      if (page > pages) page = pages;
      var shown = found.slice((page - 1) * PER_PAGE, page * PER_PAGE);
      var chunks = Array.from(new Set(shown.map(function (f) { return Math.floor(f.id / meta.chunk); })));
      return Promise.all(chunks.map(function (c) {
        return fetchText(new URL('d/' + c + '.json', base).href).then(JSON.parse);
      })).then(function (tables) {
        var docs = shown.map(function (f) {
          return tables[chunks.indexOf(Math.floor(f.id / meta.chunk))][f.id % meta.chunk];
        });
        showResults(meta, root, docs, highlights(q));
        showPager(page, pages);
        var where = (col || year) ? '（已按' + [col ? '栏目' : '', year ? '年份' : ''].filter(Boolean).join('和') + '筛选）' : '';
        say(found.length && partly
          ? '没有找到与“' + short(raw) + '”完全相符的结果' + where + '，以下 ' + found.length + ' 条结果包含其中部分文字，请检查关键词是否有误。' + cut
          : found.length
          ? '找到 ' + found.length + ' 条与“' + short(raw) + '”相关的结果' + where + '。' + cut
          : '没有找到与“' + short(raw) + '”相关的结果' + where + '，请换一个关键词或取消筛选。' + cut);
      });
    }).catch(function () {
      say('搜索索引加载失败，请稍后再试，或从下面的栏目浏览。');
      document.getElementById('search-nojs').hidden = false;
    });
  }

  function start() {
    form = document.getElementById('search-form');
    if (!form) return;
    input = document.getElementById('search-q');
    colSelect = document.getElementById('search-col');
    yearSelect = document.getElementById('search-year');
    status = document.getElementById('search-status');
    results = document.getElementById('search-results');
    pager = document.getElementById('search-pager');
    document.getElementById('search-nojs').hidden = true;
    params = new URLSearchParams(window.location.search);
    input.value = params.get('q') || '';
    if (colSelect) colSelect.value = params.get('col') || '';
    if (yearSelect) yearSelect.value = params.get('year') || '';
    run();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}());
