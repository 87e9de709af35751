/* chart_period: categories that are consecutive periods — years, quarters
 * or months — so that chart_axes.c can label a time axis like a calendar
 * (every k-th period, flat, the year written only where it changes)
 * instead of turning 30 labels on their side.
 *
 * A category is a period when it is a four-digit year starting with 1 or
 * 2, then one of:
 *   (nothing) or 年                      2018, 2018年
 *   年 M月 (M 1–12, one or two digits)   2022年1月, 2022年01月
 *   - or / M                             2022-01, 2022/1
 *   年 [第] N 季度 (N 1–4 or 一二三四)   2022年第1季度, 2022年三季度
 *   [年 - / or space] Q N               2022Q1, 2022-Q1, 2022 Q1, 2022年Q1
 * The categories are a time axis when they are all of one kind (years,
 * quarters or months) and each is the period after the one before.  A
 * period written with 年 or Q has a shorter form without its year (7月,
 * 第3季度, Q3); 2022-07 has none (07 alone would read as a number). */
#include <string.h>

#include "chart_model.h"

static bool starts(const char **s, const char *with) {
  size_t n = strlen(with);
  if (strncmp(*s, with, n) != 0) return false;
  *s += n;
  return true;
}

/* One or two digits, as a number; -1 when there are none. */
static int small_number(const char **s) {
  int v = -1;
  for (int i = 0; i < 2 && **s >= '0' && **s <= '9'; i++, (*s)++) v = (v < 0 ? 0 : v * 10) + (**s - '0');
  return v;
}

/* A quarter's number written as a digit 1–4 or as 一二三四; 0 when not. */
static int quarter_number(const char **s) {
  static const char *const han[] = {"一", "二", "三", "四"};
  for (int q = 0; q < 4; q++)
    if (starts(s, han[q])) return q + 1;
  if (**s >= '1' && **s <= '4') return *(*s)++ - '0';
  return 0;
}

/* Reads one category: *per_year (1, 4, 12), *index (year * per_year +
 * period − 1) and *shorter (the label without its year, or NULL). */
static bool period_of(const char *s, int *per_year, long *index, const char **shorter) {
  if (strspn(s, "0123456789") < 4 || (s[0] != '1' && s[0] != '2')) return false;
  long year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  const char *r = s + 4;
  bool nian = starts(&r, "年");
  *shorter = nian && *r ? r : NULL;
  if (!*r) {
    *per_year = 1, *index = year;
    return true;
  }
  const char *q = r;
  if (!nian && (*q == '-' || *q == ' ')) q++;
  if (*q == 'Q' || *q == 'q') {
    *shorter = q;
    q++;
    int n = quarter_number(&q);
    if (!n || *q) return false;
    *per_year = 4, *index = year * 4 + n - 1;
    return true;
  }
  if (nian) {
    const char *m = r;
    int month = small_number(&m);
    if (month >= 1 && month <= 12 && starts(&m, "月") && !*m) {
      *per_year = 12, *index = year * 12 + month - 1;
      return true;
    }
    starts(&r, "第");
    int n = quarter_number(&r);
    if (!n || !starts(&r, "季度") || *r) return false;
    *per_year = 4, *index = year * 4 + n - 1;
    return true;
  }
  if (*r != '-' && *r != '/') return false;
  r++;
  int month = small_number(&r);
  if (month < 1 || month > 12 || *r) return false;
  *shorter = NULL;
  *per_year = 12, *index = year * 12 + month - 1;
  return true;
}

bool periods_of(arena *a, const char *const *cats, size_t n, chart_periods *out) {
  if (n < 2) return false;
  out->index = arena_alloc(a, n * sizeof *out->index);
  out->shorter = arena_alloc(a, n * sizeof *out->shorter);
  for (size_t i = 0; i < n; i++) {
    int per_year;
    if (!period_of(cats[i], &per_year, &out->index[i], &out->shorter[i])) return false;
    if (i && (per_year != out->per_year || out->index[i] != out->index[i - 1] + 1)) return false;
    out->per_year = per_year;
  }
  return true;
}
