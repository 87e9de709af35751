/* chart_num: the numbers of a chart — reading CSV cells, writing values with
 * thousands separators, 万/亿 display units, and "nice" axis ticks
 * (steps of 1, 2, 2.5 or 5 × 10^k).  Pure functions, no state. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "chart_model.h"

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

num_status num_parse(const char *s, double *v, int *decimals) {
  static const char *const missing[] = {"", "-", "\xe2\x80\x94" /* — */, "\xe2\x80\x93" /* – */};
  for (size_t i = 0; i < sizeof missing / sizeof *missing; i++)
    if (strcmp(s, missing[i]) == 0) return NUM_MISSING;
  const char *p = s + (*s == '+' || *s == '-');
  if (strcasecmp(p, "nan") == 0 || strcasecmp(p, "inf") == 0 || strcasecmp(p, "infinity") == 0)
    return NUM_NOT_FINITE;

  /* Check the shape; strtod then reads exactly what was checked, the
   * grouping commas left out of a copy.  Any length: a valid number is not
   * refused for its many leading zeros or decimals (the CSV file's 1 MiB
   * bounds it). */
  size_t digits = 0, group = 0, frac = 0;
  bool grouped = false, nonzero = false; /* a digit other than 0 was written */
  for (; is_digit(*p) || *p == ','; p++) {
    if (*p == ',') {
      /* 1,234,567: the first group 1-3 digits, then exactly 3 each */
      if (digits == 0 || (grouped ? group != 3 : group > 3)) return NUM_BAD;
      grouped = true;
      group = 0;
      continue;
    }
    nonzero |= *p != '0';
    digits++;
    group++;
  }
  if (grouped && group != 3) return NUM_BAD;
  if (*p == '.')
    for (p++; is_digit(*p); p++, frac++) nonzero |= *p != '0';
  if (digits + frac == 0) return NUM_BAD;
  long exp10 = 0;
  if (*p == 'e' || *p == 'E') {
    const char *e = p + 1;
    if (*e == '+' || *e == '-') e++;
    if (!is_digit(*e)) return NUM_BAD;
    exp10 = strtol(p + 1, NULL, 10);
    /* beyond ±1000 the value is 0 or huge and the decimals are clamped
     * anyway; LONG_MIN would overflow frac - exp10 below */
    exp10 = exp10 < -1000 ? -1000 : exp10 > 1000 ? 1000 : exp10;
    while (is_digit(*e)) e++;
    p = e;
  }
  if (*p) return NUM_BAD;
  double x;
  if (grouped) {
    char *tmp = malloc(strlen(s) + 1), *o = tmp;
    if (!tmp) abort();
    for (const char *q = s; *q; q++)
      if (*q != ',') *o++ = *q;
    *o = '\0';
    x = strtod(tmp, NULL);
    free(tmp);
  } else {
    x = strtod(s, NULL);
  }
  if (!isfinite(x) || fabs(x) > CHART_HUGE) return NUM_HUGE;
  /* 1e-400 reads as 0 (underflow): not the 0 it was not written as */
  if ((x != 0 || nonzero) && fabs(x) < CHART_TINY) return NUM_TINY;
  long d = (long)frac - exp10;
  *v = x;
  *decimals = d < 0 ? 0 : d > 6 ? 6 : (int)d;
  return NUM_OK;
}

void num_format(buf *b, double v, int decimals) {
  char tmp[64];
  int n = snprintf(tmp, sizeof tmp, "%.*f", decimals, fabs(v));
  if (n <= 0 || (size_t)n >= sizeof tmp) return;
  bool zero = strspn(tmp, "0.") == (size_t)n;
  if (v < 0 && !zero) buf_putc(b, '-');
  const char *dot = strchr(tmp, '.');
  size_t whole = dot ? (size_t)(dot - tmp) : (size_t)n;
  for (size_t i = 0; i < whole; i++) {
    if (i > 0 && (whole - i) % 3 == 0) buf_putc(b, ',');
    buf_putc(b, tmp[i]);
  }
  if (dot) buf_puts(b, dot);
}

const char *num_str(arena *a, double v, int decimals) {
  buf b = BUF_INIT;
  num_format(&b, v, decimals);
  const char *s = arena_strdup(a, buf_cstr(&b));
  buf_free(&b);
  return s;
}

double unit_split(const char *unit, const char **base) {
  static const struct { const char *prefix; double mult; } prefixes[] = {
      {"万亿", 1e12}, {"亿", 1e8}, {"万", 1e4}};
  for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
    size_t n = strlen(prefixes[i].prefix);
    if (strncmp(unit, prefixes[i].prefix, n) == 0) {
      *base = unit + n;
      return prefixes[i].mult;
    }
  }
  *base = unit;
  return 1;
}

bool unit_is_rate(const char *unit) {
  return strcmp(unit, "%") == 0 || strcmp(unit, "％") == 0 || strcmp(unit, "‰") == 0 ||
         strcmp(unit, "百分点") == 0;
}

/* The smallest step 1, 2, 2.5 or 5 × 10^k that is at least x (x > 0), and
 * at least 10^-6: tick labels have at most six decimals (2 × 10^-7 steps
 * labelled 0.000000, 0.000000, 0.000001 …). */
static double nice_ceil(double x) {
  static const double mant[] = {1, 2, 2.5, 5, 10};
  if (x < CHART_TINY) return CHART_TINY;
  double e = pow(10, floor(log10(x)));
  for (size_t i = 0; i < sizeof mant / sizeof *mant; i++)
    if (mant[i] * e >= x * (1 - 1e-9)) return mant[i] * e;
  return 10 * e;
}

/* Steps of 2.5 × 10^k make labels like 7.5 and 12.5: chosen only when
 * they save real room. */
static double quarter_penalty(double step) {
  double m = step / pow(10, floor(log10(step)));
  return fabs(m - 2.5) < 1e-9 ? 0.06 : 0;
}

/* Fraction digits that show every multiple of step exactly. */
static int step_decimals(double step) {
  for (int d = 0; d < 6; d++) {
    double scaled = step * pow(10, d);
    if (fabs(scaled - round(scaled)) < 1e-6 * scaled) return d;
  }
  return 6;
}

void axis_unit(arena *a, chart_axis *ax) {
  ax->div = 1;
  ax->label = ax->unit;
  if (unit_is_rate(ax->unit)) return;
  const char *base;
  double mult = unit_split(ax->unit, &base);
  double mag = fmax(fabs(ax->min), fabs(ax->max)) * mult;
  double disp = mult;
  if (mag >= 1e8 && mult < 1e8) disp = 1e8;
  else if (mag >= 1e5 && mult < 1e4) disp = 1e4;
  if (disp == mult) return;
  ax->div = disp / mult;
  ax->label = arena_printf(a, "%s%s", disp == 1e8 ? "亿" : "万", base);
}

/* Ticks that include zero, for every axis at once: the same number of
 * intervals n with k of them below zero, so gridlines and zero lines of
 * two axes coincide.  The (n, k) wasting the least room wins; 5 intervals
 * are preferred. */
static void fit_with_zero(chart_axis *axes, size_t naxes, double headroom, int max_n) {
  double best = INFINITY;
  for (int n = max_n < 3 ? max_n : 3; n <= max_n; n++)
    for (int k = 0; k <= n; k++) {
      double score = 0.03 * abs(n - 5), steps[2] = {0, 0};
      bool ok = true;
      for (size_t i = 0; i < naxes && ok; i++) {
        /* the labels' room is a share of the whole span, on each side that
         * has values: a short bar below zero needs as much as a long one */
        double below = fmax(0, -axes[i].min / axes[i].div), above = fmax(0, axes[i].max / axes[i].div);
        double pad = (headroom - 1) * (below + above);
        below += below > 0 ? pad : 0;
        above += above > 0 ? pad : 0;
        if ((below > 0 && k == 0) || (above > 0 && k == n)) ok = false;
        double need = fmax(k ? below / k : 0, n - k ? above / (n - k) : 0);
        steps[i] = need > 0 ? nice_ceil(need) : 1;
        score += 1 - (above + below) / (n * steps[i]) + quarter_penalty(steps[i]);
      }
      if (!ok || score >= best - 1e-12) continue;
      best = score;
      for (size_t i = 0; i < naxes; i++) {
        axes[i].n = n;
        axes[i].step = steps[i];
        axes[i].lo = -k * steps[i];
      }
    }
}

/* Ticks around [min, max] without zero (a line far from it): at least two
 * intervals (a range of exactly one nice step once left no candidate, and
 * the axis had none: every y was NaN).  false when none fits. */
static bool fit_range(chart_axis *ax, int max_n) {
  double lo = ax->min / ax->div, hi = ax->max / ax->div, best = INFINITY;
  /* 4 intervals, down to max_n - 1 on a short plot (max_n 4 once tried none: the axis went to 0) */
  for (int n = max_n - 1 < 4 ? max_n - 1 : 4; n <= max_n - 1; n++) {
    double s = nice_ceil((hi - lo) / n);
    double l = floor(lo / s + 1e-9) * s, h = ceil(hi / s - 1e-9) * s;
    int m = (int)lround((h - l) / s);
    if (m < 2) m = 2;
    double score = 1 - (hi - lo) / (m * s) + 0.03 * abs(m - 5) + quarter_penalty(s);
    if (m > max_n || score >= best - 1e-12) continue;
    best = score;
    ax->lo = l;
    ax->step = s;
    ax->n = m;
  }
  return best < INFINITY;
}

void axes_fit(arena *a, chart_axis *axes, size_t naxes, bool zero, double headroom, int max_n) {
  max_n = max_n < 2 ? 2 : max_n > 7 ? 7 : max_n;
  for (size_t i = 0; i < naxes; i++) axis_unit(a, &axes[i]);
  chart_axis *ax = &axes[0];
  bool far_from_zero = naxes == 1 && ax->max > ax->min &&
                       ((ax->min > 0 && ax->max - ax->min < 0.5 * ax->max) ||
                        (ax->max < 0 && ax->max - ax->min < -0.5 * ax->min));
  if (zero || !far_from_zero || !fit_range(ax, max_n)) fit_with_zero(axes, naxes, headroom, max_n);
  for (size_t i = 0; i < naxes; i++) axes[i].decimals = step_decimals(axes[i].step);
}
