/* chart_lexicon: where a category name's words meet, for the names drawn
 * across (chart_axes.c) — "投资项目在线审批监管平台" may break between
 * 投资|项目|在线|审批|监管|平台, never inside one of them.
 *
 * Chinese has no spaces between words; a line broken between any two
 * characters cuts words ("…委员会投" / "资项目…").  A department's,
 * platform's or service's name is made of a small vocabulary, listed
 * here: the name is read from the left, taking at each character the
 * longest word of the list that starts there (forward maximum matching),
 * else the character alone.  Only where two listed words meet is a word
 * boundary: a character not listed (和, 区, the 化 of an unlisted 信息化)
 * keeps both its sides whole, so an unknown name has no word boundary
 * rather than a wrong one.
 *
 * Ownership: the list is static; nothing allocates. */
#include <string.h>

#include "cjk.h"
#include "chart_model.h"

/* Sorted by their bytes (strcmp), 2–4 characters (LEXICON_LONGEST):
 * tests/unit/test_chart.c checks both. */
const char *const chart_lexicon[] = {
    "一件事", "一体化", "一网通办", "不动产", "专利", "专项", "个体", "中心", "主动", "举报", "乡镇", "事业", "事务", "云计算", "互联网",
    "交换", "交易", "交通", "产权", "人事", "人力", "人民", "仲裁", "价格", "企业", "优抚", "会议", "低保", "住房", "体育", "体育馆",
    "供水", "依申请", "便民", "保健", "保护", "保障", "保障卡", "信息", "信息化", "信用", "信访", "健康", "储备", "儿童", "党建",
    "全民", "公共", "公务", "公园", "公安", "公开", "公民", "公示", "公积金", "共享", "养老", "军人", "农业", "农村", "决算", "减灾",
    "出版", "出生", "分类", "创业", "办事", "办件", "办公室", "办理", "劳动", "医保", "医疗", "医疗保障", "医院", "单位", "博物馆",
    "卫生", "发展", "受理", "司法", "合作", "员工", "咨询", "商务", "商标", "园林", "国家", "国有", "图书馆", "土地", "在线", "地理",
    "地震", "场所", "场馆", "垃圾", "城乡", "城市", "培训", "备案", "大厅", "大数据", "好差评", "妇幼", "委员会", "婚姻", "学校",
    "学生", "安全", "审批", "审查", "审计", "客户端", "宣传", "对外", "小程序", "就业", "就医", "居住证", "巡察", "工业", "工会",
    "工商户", "工程", "工资", "市场", "市容", "平台", "幼儿园", "广告", "广播", "应急", "建设", "开办", "异地", "录用", "志愿",
    "感知", "慈善", "户外", "托育", "执法", "技术", "投标", "投诉", "投资", "报销", "招商", "招标", "招生", "指挥", "挖掘", "排水",
    "接待", "控制", "援助", "支出", "收入", "收养", "改革", "政务", "政府", "政府信息", "政策", "效能", "救助", "教师", "教育",
    "数字", "数据", "文化", "文化馆", "文物", "新闻", "施工", "旅游", "景区", "智慧", "服务", "机关", "机构", "权益", "林业",
    "标准化", "核发", "档案", "检测", "检验", "残疾人", "殡葬", "民政", "气象", "水利", "污水", "治理", "法律", "法规", "测绘",
    "消费者", "消防", "热线", "燃气", "物联网", "物资", "特种设备", "环卫", "环境", "生产", "生态", "生育", "申领", "电力", "电子",
    "电子证照", "电视", "疾病", "登记", "监察", "监控", "监督", "监管", "知识产权", "社会", "社保", "社区", "科学", "科技", "移动",
    "税务", "税收", "空间", "窗口", "管理", "粮食", "系统", "纪检", "组织", "经济", "经营", "统一", "统计", "绩效", "综合", "绿化",
    "编制", "网上", "网格", "网站", "网络", "老年人", "考核", "考试", "能源", "自然", "药品", "营商", "行政", "街道", "规划", "视频",
    "计量", "认证", "许可", "设立", "设置", "证照", "评价", "调度", "调解", "财政", "质量", "贸易", "费用", "资产", "资源", "资金",
    "身份", "车辆", "运行", "运输", "退休", "退役", "道路", "部门", "采购", "金融", "门户", "防灾", "零售", "青少年", "项目", "预算",
    "预约", "预防", "食品", "验收",
};
const size_t chart_lexicon_n = sizeof chart_lexicon / sizeof *chart_lexicon;

/* True when s[0..n) is a listed word. */
static bool listed(const char *s, size_t n) {
  size_t lo = 0, hi = chart_lexicon_n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    const char *w = chart_lexicon[mid];
    size_t wn = strlen(w);
    int c = memcmp(s, w, n < wn ? n : wn);
    if (!c) c = n < wn ? -1 : n > wn;
    if (!c) return true;
    if (c < 0) hi = mid;
    else lo = mid + 1;
  }
  return false;
}

void lexicon_bounds(const char *s, size_t len, bool *bound) {
  memset(bound, 0, len + 1);
  bool after_word = false; /* the character before i ends a listed word */
  for (size_t i = 0; i < len;) {
    size_t ends[LEXICON_LONGEST + 1], k = 0, at = i;
    while (k < LEXICON_LONGEST && at < len) { /* the byte ends of the next 1..4 characters */
      uint32_t cp;
      size_t step = utf8_decode(s + at, len - at, &cp);
      at += step ? step : 1;
      ends[++k] = at;
    }
    size_t word = 0;
    for (size_t c = k; c >= 2 && !word; c--)
      if (listed(s + i, ends[c] - i)) word = ends[c];
    if (!word) { /* a character not in a listed word */
      i = ends[1];
      after_word = false;
      continue;
    }
    bound[i] = after_word;
    i = word;
    after_word = true;
  }
}
