// typography.mjs — line-breaking checks of a page as a Chinese reader sees
// it (docs/theme.md, "Rules the theme keeps"), run by check.mjs on each page
// type at each width and mode.  Each function returns a list of problems.
//
//   lineBreaks: no title, list entry or paragraph ends with one character
//     alone on its last line (…上线运 / 行, …调查结 / 果); the labels that
//     must stay whole (期数, a term page's [栏目], a status badge, 下载数据
//     （表格）, the 搜索 button, a dataset field's 类型, the site title) are
//     on one line; and none of them starts a line indented by a margin
//     (the gap before them belongs to what precedes them).
//   (and no table cell of eight characters or more is squeezed to lines of
//   fewer than three: a narrow column the table should scroll for instead)
//   menuRows: no name of the main menu is alone in a row stretched across
//     the bar while other rows hold several (a lone 机构概况 at 特大).

// Closing punctuation does not count as a character of its own: a line of
// 行。 is as lone as a line of 行.
const PUNCT = '，。、；：？！）》」』】〕〉”’％…—·,.;:?!)]}%';

// Blocks whose last line is checked, and the labels that never break.
const LAST_LINE = 'h1, h2, h3, .item-title, .prose p, .page-desc, .headline-summary, .quick-desc, .notfound p';
const WHOLE = '.item-issue, .item-column, .status-badge, .data-download, .site-search-button, ' +
  '.dataset-fields td:nth-child(2), .site-title';
const NOT_INDENTED = '.item-issue, .item-column, .status-badge, .data-download';

export function lineBreaks(page) {
  return page.evaluate(({ PUNCT, LAST_LINE, WHOLE, NOT_INDENTED }) => {
    const found = [];
    const shown = (el) => el.getClientRects().length > 0 && !el.closest('.visually-hidden, [hidden], details:not([open])');
    const short = (el) => el.textContent.trim().replace(/\s+/g, '').slice(0, 16);
    // The line tops of each character of el's text (visually hidden text left out).
    const charTops = (el) => {
      const tops = [];
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      for (let n; (n = walker.nextNode());) {
        if (n.parentElement.closest('.visually-hidden')) continue;
        const t = n.textContent;
        for (let i = 0; i < t.length; i++) {
          if (/\s/.test(t[i])) continue;
          range.setStart(n, i);
          range.setEnd(n, i + 1);
          const r = range.getClientRects()[0];
          if (r && r.width > 0) tops.push([t[i], r.top, r.bottom]);
        }
      }
      return tops;
    };
    for (const el of document.querySelectorAll(LAST_LINE)) {
      if (!shown(el)) continue;
      const tops = charTops(el);
      if (tops.length < 4) continue;
      const last = tops[tops.length - 1];
      const onLast = tops.filter(([, top]) => Math.abs(top - last[1]) < (last[2] - last[1]) / 2);
      if (onLast.length === tops.length) continue; // one line
      const chars = onLast.filter(([c]) => !PUNCT.includes(c)).length;
      if (chars > 1) continue;
      // an inline label (期数, a badge) after an item title shares its last line
      const next = el.classList.contains('item-title') && el.nextElementSibling;
      if (next && shown(next) && Math.abs(next.getClientRects()[0].top - onLast[0][1]) < 12) continue;
      found.push(`"${short(el)}…" ends with "${onLast.map(([c]) => c).join('')}" alone on its last line`);
    }
    for (const el of document.querySelectorAll(WHOLE)) {
      if (!shown(el)) continue;
      const lines = new Set(charTops(el).map(([, top]) => Math.round(top)));
      if (lines.size > 1) found.push(`<${el.localName} class="${el.className}"> "${short(el)}" is broken across ${lines.size} lines`);
    }
    // a table's text cell squeezed to a column of a character or two (the
    // table scrolls on a phone rather than stack the 年度报表's 来源 2 a line)
    for (const el of document.querySelectorAll('.table-wrap td')) {
      if (!shown(el)) continue;
      const tops = charTops(el).filter(([c]) => !PUNCT.includes(c));
      const lines = new Set(tops.map(([, top]) => Math.round(top))).size;
      if (tops.length >= 8 && tops.length / lines < 3) {
        found.push(`table cell "${short(el)}…" is ${lines} lines of ${(tops.length / lines).toFixed(1)} characters`);
      }
    }
    for (const el of document.querySelectorAll(NOT_INDENTED)) {
      if (!shown(el)) continue;
      let block = el.parentElement;
      while (getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
      const edge = block.getBoundingClientRect().left + parseFloat(getComputedStyle(block).paddingLeft);
      const left = el.getClientRects()[0].left;
      if (left > edge + 0.5 && left < edge + 14) {
        found.push(`<${el.localName} class="${el.className}"> "${short(el)}" starts its line ${Math.round(left - edge)}px in`);
      }
    }
    return found;
  }, { PUNCT, LAST_LINE, WHOLE, NOT_INDENTED });
}

export function menuRows(page) {
  return page.evaluate(() => {
    const items = [...document.querySelectorAll('.nav-list li')].map((li) => li.getBoundingClientRect());
    const rows = new Map();
    for (const r of items) rows.set(Math.round(r.top), [...(rows.get(Math.round(r.top)) || []), r]);
    if (rows.size < 2) return [];
    const widths = items.map((r) => r.width).sort((a, b) => a - b);
    const median = widths[Math.floor(widths.length / 2)];
    return [...rows.values()]
      .filter((row) => row.length === 1 && row[0].width > 1.5 * median)
      .map((row) => `a menu row holds one name stretched to ${Math.round(row[0].width)}px (the others are about ${Math.round(median)}px)`);
  });
}
