/* datetime: see datetime.h.  Civil-date arithmetic after Howard Hinnant's
 * published algorithms (the well-known public-domain formulas). */
#include "datetime.h"

#include <stdio.h>
#include <string.h>

int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void civil_from_days(int64_t z, int *y, int *m, int *d) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int digits(const char *s, int n) {
  int v = 0;
  for (int i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

static int days_in_month(int y, int m) {
  static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : dm[m - 1];
}

const char *gdate_hint(const char *s, const char *fallback, char *buf, size_t n) {
  int y = strlen(s) >= 10 && s[4] == '-' && s[7] == '-' ? digits(s, 4) : -1;
  int mo = y >= 1900 && y <= 2999 ? digits(s + 5, 2) : -1, d = mo >= 0 ? digits(s + 8, 2) : -1;
  if (d < 0) return fallback;
  if (mo < 1 || mo > 12)
    snprintf(buf, n, "there is no month %02d: months run from 01 to 12 (%s)", mo, fallback);
  else if (d < 1 || d > days_in_month(y, mo))
    snprintf(buf, n, "%04d-%02d has %d days (%s)", y, mo, days_in_month(y, mo), fallback);
  else
    return fallback;
  return buf;
}

bool gdate_parse(const char *s, bool allow_time, gdate *out) {
  size_t n = strlen(s);
  if (n < 10 || s[4] != '-' || s[7] != '-') return false;
  int y = digits(s, 4), mo = digits(s + 5, 2), d = digits(s + 8, 2);
  if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo)) return false;
  int hh = 0, mi = 0, ss = 0, off = 8 * 60;
  const char *p = s + 10;
  out->has_time = false;
  if (*p == 'T' || *p == ' ') {
    if (!allow_time) return false;
    p++;
    if (strlen(p) < 5 || p[2] != ':') return false;
    hh = digits(p, 2);
    mi = digits(p + 3, 2);
    p += 5;
    if (*p == ':') {
      ss = digits(p + 1, 2);
      p += 3;
    }
    if (hh < 0 || hh > 23 || mi < 0 || mi > 59 || ss < 0 || ss > 60) return false;
    out->has_time = true;
    if (*p == 'Z') {
      off = 0;
      p++;
    } else if (*p == '+' || *p == '-') {
      int oh = digits(p + 1, 2); /* first: p[3] exists only after two digits */
      if (oh < 0) return false;
      int om = p[3] == ':' ? digits(p + 4, 2) : digits(p + 3, 2);
      if (oh > 14 || om < 0 || om > 59) return false;
      off = (oh * 60 + om) * (*p == '-' ? -1 : 1);
      p += p[3] == ':' ? 6 : 5;
    }
  }
  if (*p) return false;
  out->tzoff = off;
  out->epoch = days_from_civil(y, mo, d) * 86400 + hh * 3600 + mi * 60 + ss - (int64_t)off * 60;
  return true;
}

typedef struct {
  int y, m, d, hh, mi, ss;
} civil;

static civil local(const gdate *g) {
  int64_t t = g->epoch + (int64_t)g->tzoff * 60;
  int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
  int64_t secs = t - days * 86400;
  civil c;
  civil_from_days(days, &c.y, &c.m, &c.d);
  c.hh = (int)(secs / 3600);
  c.mi = (int)(secs / 60 % 60);
  c.ss = (int)(secs % 60);
  return c;
}

/* The formatters below run for every date on every page (lists show many):
 * digits are written directly, snprintf cost more than the rest of a date.
 * gdate_parse keeps years to four digits (1900..2999). */
static char *put_digits(char *o, int v, int width) {
  for (int i = width - 1; i >= 0; i--, v /= 10) o[i] = (char)('0' + v % 10);
  return o + width;
}

static char *put_ymd(char *o, const civil *c) {
  o = put_digits(o, c->y, 4);
  *o++ = '-';
  o = put_digits(o, c->m, 2);
  *o++ = '-';
  return put_digits(o, c->d, 2);
}

static char *put_hm(char *o, const civil *c, char sep) {
  *o++ = sep;
  o = put_digits(o, c->hh, 2);
  *o++ = ':';
  return put_digits(o, c->mi, 2);
}

void gdate_ymd(const gdate *g, char *out) {
  civil c = local(g);
  *put_ymd(out, &c) = '\0';
}

void gdate_ymdhm(const gdate *g, char *out) {
  civil c = local(g);
  *put_hm(put_ymd(out, &c), &c, ' ') = '\0';
}

static void put_iso(const gdate *g, const civil *c, char *out) {
  int off = g->tzoff < 0 ? -g->tzoff : g->tzoff;
  char *o = put_hm(put_ymd(out, c), c, 'T');
  *o++ = ':';
  o = put_digits(o, c->ss, 2);
  *o++ = g->tzoff < 0 ? '-' : '+';
  o = put_digits(o, off / 60, 2);
  *o++ = ':';
  *put_digits(o, off % 60, 2) = '\0';
}

void gdate_iso(const gdate *g, char *out) {
  civil c = local(g);
  put_iso(g, &c, out);
}

void gdate_forms(const gdate *g, char *ymd, char *ymdhm, char *iso) {
  civil c = local(g);
  put_iso(g, &c, iso); /* 2024-11-20T10:12:00+08:00: the other two are its first characters */
  memcpy(ymd, iso, 10);
  ymd[10] = '\0';
  memcpy(ymdhm, iso, 16);
  ymdhm[10] = ' ';
  ymdhm[16] = '\0';
}

int gdate_year(const gdate *g) { return local(g).y; }

int64_t gdate_day(const gdate *g) {
  int64_t t = g->epoch + (int64_t)g->tzoff * 60;
  return t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
}
