// search.mjs — the site search of a built govpub site (the sample portal),
// in Debian's headless Chromium driven by playwright-core, served by
// serve.mjs under `Content-Security-Policy: default-src 'self'`.
// Usage: node search.mjs SITE_DIR
//
// Each case goes to /search/, types a query into the search box with the
// keyboard (and picks filters), presses Enter and reads what the page
// shows: the live region's sentence and every result (title, column, date,
// 文号, the text inside <mark>) and the pager (a page number is clicked, or
// reached with the keyboard).  The expected results are exact: the
// sample portal's pages that hold the query, title hits first, then newest
// first.  Any request outside the site, console error, uncaught exception
// or CSP violation fails the case.  With SEARCH_PRINT=1 it prints what it
// got instead of checking (to write the expectations after a content change).
import { runSuite } from './harness.mjs';


const LONG = '数据'.repeat(5000); // 10,000 characters

// name, query, filters, expected status sentence, expected results
// (`title | column | date | 文号 | marks`, marks joined by `/`).
const CASES = [
  ['two-character word', '挂载', {},
    '找到 9 条与“挂载”相关的结果。',
    [
      '云岭区政务数据资源目录编制完成 资源挂载率达100% | 政务动态 | 2024-09-10 |  | 挂载/挂载/挂载',
      '云岭区人民政府网站工作年度报表（2024年度） | 年度报表 | 2025-01-15 |  | 挂载/挂载/挂载/挂载',
      '政务数据资源目录编制情况 | 数据资源目录 | 2024-12-10 |  | 挂载',
      '2024年1—11月云岭区政务服务和数据资源工作统计公报 | 统计公报 | 2024-12-06 |  | 挂载',
      '让数据多跑路——政务数据共享和“数据发布”专栏 | 在线访谈 | 2024-11-20 |  | 挂载/挂载',
      '区里的政务数据在哪里可以查到？ | 信件选登 | 2024-11-18 |  | ',
      '云岭区政务数据资源目录管理办法（试行） | 政策文件 | 2024-07-03 | 云数资〔2024〕12号 | 挂载',
      '《云岭区政务数据资源目录管理办法（征求意见稿）》公开征求意见 | 民意征集 | 2024-05-20 |  | 挂载',
      '云岭区召开2024年政务服务和数据资源工作会议 | 政务动态 | 2024-02-27 |  | 挂载',
    ]],
  ['one character', '措', {},
    '找到 3 条与“措”相关的结果。',
    [
      '云岭区推进“高效办成一件事”工作实施方案 | 政策文件 | 2024-05-24 | 云政办发〔2024〕18号 | 措',
      '门户网站用户满意度网上调查结果 | 结果反馈 | 2024-05-15 |  | 措',
      '云岭区政府网站和政务新媒体信息发布管理办法 | 政策文件 | 2024-03-08 | 云数资〔2024〕5号 | 措',
    ]],
  ['a year', '2018', {},
    '找到 10 条与“2018”相关的结果。',
    [
      '2018—2023年云岭区一般公共预算收支（示例数据） | 数据发布 | 2024-05-20 |  | 2018',
      '2018—2023年云岭区居民收入与消费支出（示例数据） | 数据发布 | 2024-05-20 |  | 2018',
      '2018—2023年云岭区地区生产总值（示例数据） | 数据发布 | 2024-05-20 |  | 2018/2018',
      '2024年1—11月云岭区人民政府门户网站运维情况统计 | 统计公报 | 2024-12-09 |  | 2018',
      '让数据多跑路——政务数据共享和“数据发布”专栏 | 在线访谈 | 2024-11-20 |  | 2018',
      '区里的政务数据在哪里可以查到？ | 信件选登 | 2024-11-18 |  | ',
      '一般公共预算收支 | 数据资源目录 | 2024-05-24 |  | 2018',
      '城乡居民人均可支配收入 | 数据资源目录 | 2024-05-22 |  | 2018',
      '区政府门户网站“数据发布”专栏正式上线 | 政务动态 | 2024-05-20 |  | 2018',
      '地区生产总值年度数据 | 数据资源目录 | 2024-05-20 |  | 2018',
    ]],
  ['a 文号', '云数资〔2024〕12号', {},
    '找到 1 条与“云数资〔2024〕12号”相关的结果。',
    [
      '云岭区政务数据资源目录管理办法（试行） | 政策文件 | 2024-07-03 | 云数资〔2024〕12号 | 云数资〔2024〕12号/2024',
    ]],
  // a year with 年: 2024年 and 2024 marked, never a lone 年 (年度报表,
  // 2025年) — the query's bigram tokens are no highlight terms
  ['a year with 年', '2024年', {},
    '找到 17 条与“2024年”相关的结果。',
    [
      '云岭区人民政府网站工作年度报表（2024年度） | 年度报表 | 2025-01-15 |  | 2024年/2024年',
      '2024年1—11月云岭区人民政府门户网站运维情况统计 | 统计公报 | 2024-12-09 |  | 2024年/2024年',
      '2024年1—11月云岭区政务服务和数据资源工作统计公报 | 统计公报 | 2024-12-06 |  | 2024年/2024年',
      '云岭区召开2024年政务服务和数据资源工作会议 | 政务动态 | 2024-02-27 |  | 2024年/2024年/2024年',
      '关于2024年元旦期间区政务服务大厅办公时间安排的通知 | 通知公告 | 2023-12-26 |  | 2024年/2024年',
      '区数据资源管理局部署2025年重点工作 | 政务动态 | 2025-01-14 |  | 2024年',
      '云岭区政务服务“综合窗口”改革实施方案 | 政策文件 | 2024-12-13 | 云政办发〔2024〕46号 | 2024/2024/2024年',
      '云岭区政务数据资源目录管理办法（试行） | 政策文件 | 2024-07-03 | 云数资〔2024〕12号 | 2024/2024/2024年',
      '云岭区推进“高效办成一件事”工作实施方案 | 政策文件 | 2024-05-24 | 云政办发〔2024〕18号 | 2024/2024/2024年',
      '云岭区政府网站和政务新媒体信息发布管理办法 | 政策文件 | 2024-03-08 | 云数资〔2024〕5号 | 2024/2024/2024年',
    ]],
  ['a 索引号', '11530199MB0000000X/2024-00012', {},
    '找到 1 条与“11530199MB0000000X/2…”相关的结果。',
    [
      '云岭区政务数据资源目录管理办法（试行） | 政策文件 | 2024-07-03 | 云数资〔2024〕12号 | 2024/11530199MB0000000X/2024-00012',
    ]],
  ['no hits', '量子纠缠', {},
    '没有找到与“量子纠缠”相关的结果，请换一个关键词或取消筛选。',
    []],
  ['a mistyped character', '营商坏境', {},
    '没有找到与“营商坏境”完全相符的结果，以下 2 条结果包含其中部分文字，请检查关键词是否有误。',
    [
      '区里的政务数据在哪里可以查到？ | 信件选登 | 2024-11-18 |  | 营商',
      '云岭区召开2024年政务服务和数据资源工作会议 | 政务动态 | 2024-02-27 |  | 营商',
    ]],
  ['10,000 characters', LONG, { inputLength: 100 },
    '没有找到与“数据数据数据数据数据数据数据数据数据数据…”相关的结果，请换一个关键词或取消筛选。',
    []],
  ['punctuation only', '！？。，、……', {},
    '关键词“！？。，、……”中没有可搜索的文字（标点和符号不参与搜索），请换一个关键词。',
    []],
  ['empty', '', {},
    '请输入要搜索的关键词。',
    []],
  ['digits and Chinese', '4839个政务', {},
    '找到 1 条与“4839个政务”相关的结果。',
    [
      '4839项政务服务事项纳入标准化管理 725项“全省一单”事项编制发布 | 政务动态 | 2024-04-18 |  | 4839/政务/4839个政务',
    ]],
  ['fullwidth and upper case', '１１５３０１９９ＭＢ０００００００Ｘ', {},
    '找到 2 条与“１１５３０１９９ＭＢ０００００００Ｘ”相关的结果。',
    [
      '云岭区政务数据资源目录管理办法（试行） | 政策文件 | 2024-07-03 | 云数资〔2024〕12号 | 11530199MB0000000X',
      '云岭区政府网站和政务新媒体信息发布管理办法 | 政策文件 | 2024-03-08 | 云数资〔2024〕5号 | 11530199MB0000000X',
    ]],
  ['column and year filters', '数据', { col: 'policy', year: '2024' },
    '找到 4 条与“数据”相关的结果（已按栏目和年份筛选）。',
    [
      '云岭区政务数据资源目录管理办法（试行） | 政策文件 | 2024-07-03 | 云数资〔2024〕12号 | 数据/数据/数据/数据/数据/数据',
      '云岭区政务服务“综合窗口”改革实施方案 | 政策文件 | 2024-12-13 | 云政办发〔2024〕46号 | 数据',
      '云岭区推进“高效办成一件事”工作实施方案 | 政策文件 | 2024-05-24 | 云政办发〔2024〕18号 | 数据',
      '云岭区政府网站和政务新媒体信息发布管理办法 | 政策文件 | 2024-03-08 | 云数资〔2024〕5号 | 数据/数据',
    ]],
  ['second page', '数据', { next: true, pager: '上一页 1 [2] 3 4 5 下一页' },
    '找到 43 条与“数据”相关的结果。',
    [
      '2018—2023年云岭区一般公共预算收支（示例数据） | 数据发布 | 2024-05-20 |  | 数据/数据/数据',
      '2018—2023年云岭区居民收入与消费支出（示例数据） | 数据发布 | 2024-05-20 |  | 数据/数据/数据',
      '地区生产总值年度数据 | 数据资源目录 | 2024-05-20 |  | 数据/数据',
      '2018—2023年云岭区地区生产总值（示例数据） | 数据发布 | 2024-05-20 |  | 数据/数据',
      '云岭区召开2024年政务服务和数据资源工作会议 | 政务动态 | 2024-02-27 |  | 数据/数据/数据',
      '云岭区数据资源管理局机构职能 | 机构概况 | 2024-01-15 |  | 数据/数据/数据',
      '区数据资源管理局开展年末电子政务外网安全巡查 | 政务动态 | 2023-11-28 |  | 数据/数据',
      '云岭区人民政府网站工作年度报表（2024年度） | 年度报表 | 2025-01-15 |  | 数据',
      '云岭区召开政务服务“综合窗口”改革动员部署会 | 政务动态 | 2024-12-18 |  | 数据',
      '一图读懂云岭区政务服务“综合窗口”改革 | 政策解读 | 2024-12-13 |  | 数据',
    ]],
  ['a page number clicked', '数据', { pageNo: 4, pager: '上一页 1 2 3 [4] 5 下一页' },
    '找到 43 条与“数据”相关的结果。',
    [
      '办事从“跑多门”到“办一次”——聊聊“高效办成一件事” | 在线访谈 | 2024-06-26 |  | 数据',
      '云岭区首批“高效办成一件事”事项上线运行 | 政务动态 | 2024-06-12 |  | 数据',
      '《云岭区推进“高效办成一件事”工作实施方案》政策解读 | 政策解读 | 2024-05-24 |  | 数据',
      '云岭区推进“高效办成一件事”工作实施方案 | 政策文件 | 2024-05-24 | 云政办发〔2024〕18号 | 数据',
      '门户网站用户满意度网上调查结果 | 结果反馈 | 2024-05-15 |  | 数据',
      '“高效办成一件事”事项需求建议征集结果 | 结果反馈 | 2024-04-26 |  | 数据',
      '4839项政务服务事项纳入标准化管理 725项“全省一单”事项编制发布 | 政务动态 | 2024-04-18 |  | 数据/数据',
      '云岭区人民政府门户网站用户满意度网上调查 | 网上调查 | 2024-04-01 |  | 数据',
      '云岭区2023年国民经济和社会发展统计公报 | 统计公报 | 2024-03-28 |  | 数据',
      '“高效办成一件事”事项需求建议征集 | 民意征集 | 2024-03-15 |  | 数据',
    ]],
  ['a page number from the keyboard', '数据', { pageNo: 5, keyboard: true, pager: '上一页 1 2 3 4 [5] 下一页' },
    '找到 43 条与“数据”相关的结果。',
    [
      '关于征集“高效办成一件事”事项需求建议的公告 | 通知公告 | 2024-03-15 |  | 数据/数据',
      '云岭区政府网站和政务新媒体信息发布管理办法 | 政策文件 | 2024-03-08 | 云数资〔2024〕5号 | 数据/数据',
      '关于2024年元旦期间区政务服务大厅办公时间安排的通知 | 通知公告 | 2023-12-26 |  | 数据',
    ]],
  ['a link with 1,000 characters', '数据'.repeat(500), { link: true },
    '没有找到与“数据数据数据数据数据数据数据数据数据数据…”相关的结果，请换一个关键词或取消筛选。（关键词过长，只按前 100 个字搜索）',
    []],
  ['the header search box', '政务新媒体', { from: '/' },
    '找到 5 条与“政务新媒体”相关的结果。',
    [
      '云岭区政府网站和政务新媒体信息发布管理办法 | 政策文件 | 2024-03-08 | 云数资〔2024〕5号 | 政务新媒体/政务新媒体/政务新媒体/政务新媒体',
      '区数据资源管理局部署2025年重点工作 | 政务动态 | 2025-01-14 |  | 政务/政务',
      '2024年1—11月云岭区人民政府门户网站运维情况统计 | 统计公报 | 2024-12-09 |  | 政务新媒体',
      '区政府门户网站第一、二季度省级检测均列全市第二 | 政务动态 | 2024-07-25 |  | 政务新媒体/政务新媒体',
      '云岭区数据资源管理局机构职能 | 机构概况 | 2024-01-15 |  | 政务/政务/政务/政务/政务',
    ]],
];


// Runs one query: typed into the search page's box (or, with filters.from,
// into the header's search box of that page; with filters.link, opened as
// a link to /search/?q=…), filters picked, Enter pressed.
async function runQuery(page, origin, query, filters) {
  if (filters.link) {
    await page.goto(`${origin}/search/?q=${encodeURIComponent(query)}`, { waitUntil: 'load' });
  } else {
    await page.goto(`${origin}${filters.from || '/search/'}`, { waitUntil: 'load' });
    const box = page.locator(filters.from ? '#site-search-q' : '#search-q');
    await box.focus();
    // typing 10,000 keys one by one takes minutes: a paste does it at once
    if (query.length > 200) await page.keyboard.insertText(query);
    else await page.keyboard.type(query);
    if (filters.col !== undefined) await page.selectOption('#search-col', filters.col);
    if (filters.year !== undefined) await page.selectOption('#search-year', filters.year);
    await box.focus();
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
  }
  if (filters.next) {
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#search-pager a[rel="next"]')]);
  }
  if (filters.pageNo) { // a page number: clicked, or (filters.keyboard) reached with Tab and followed with Enter
    await page.waitForSelector('#search-pager a[aria-label]');
    const link = `#search-pager a[aria-label="第 ${filters.pageNo} 页"]`;
    if (filters.keyboard) {
      await page.locator('#search-pager a[rel="next"]').focus();
      for (let i = 0; i < 99; i++) {
        if (await page.evaluate((sel) => document.activeElement === document.querySelector(sel), link)) break;
        await page.keyboard.press('Shift+Tab');
      }
    }
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
      filters.keyboard ? page.keyboard.press('Enter') : page.click(link)]);
  }
  await page.waitForFunction(() => {
    const s = document.getElementById('search-status').textContent;
    return s && s !== '正在搜索…' && !document.getElementById('search-results').hasAttribute('aria-busy');
  }, null, { timeout: 10000 });
  return page.evaluate(() => ({
    status: document.getElementById('search-status').textContent,
    input: document.getElementById('search-q').value.length,
    nojs: !document.getElementById('search-nojs').hidden,
    // the pager as shown: [n] the page marked aria-current, each item once
    pager: [...document.querySelectorAll('#search-pager li')].filter((li) => getComputedStyle(li).display !== 'none')
      .map((li) => (li.querySelector('[aria-current="page"]') ? `[${li.textContent}]` : li.textContent)).join(' '),
    results: [...document.querySelectorAll('#search-results > li')].map((li) => {
      const text = (sel) => (li.querySelector(sel) || { textContent: '' }).textContent;
      return [text('.search-result-title'), text('.search-result-column'), text('.search-result-date'),
        text('.search-result-docno'), [...li.querySelectorAll('mark')].map((m) => m.textContent).join('/')].join(' | ');
    }),
  }));
}

runSuite('search', process.argv[2], async ({ page, origin, begin, report }) => {
  for (const [name, query, filters, status, results] of CASES) {
    const problems = begin();
    const got = await runQuery(page, origin, query, filters);
    if (process.env.SEARCH_PRINT) {
      console.log(JSON.stringify([name, got.status, got.pager, got.results], null, 1));
      continue;
    }
    if (got.status !== status) problems.push(`status «${got.status}», want «${status}»`);
    if (got.nojs) problems.push('the no-JavaScript message shows');
    if (filters.pager !== undefined && got.pager !== filters.pager) {
      problems.push(`pager «${got.pager}», want «${filters.pager}»`);
    }
    if (filters.inputLength !== undefined && got.input !== filters.inputLength) {
      problems.push(`the search box holds ${got.input} characters, want ${filters.inputLength}`);
    }
    const want = results.join('\n');
    if (got.results.join('\n') !== want) problems.push(`results:\n${got.results.join('\n')}\nwant:\n${want}`);
    report(name, problems);
  }
});
