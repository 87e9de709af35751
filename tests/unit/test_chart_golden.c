/* Golden and determinism tests for chart SVGs.  Every spec under
 * tests/golden/charts/site/charts/ (one per chart type, plus long labels,
 * 30 categories, gaps, negative and 亿-scaled values, a second axis) is
 * rendered and compared byte for byte with tests/golden/charts/<id>.svg,
 * and its phones' version (chart_narrow) with <id>.narrow.svg.
 * CHART_GOLDEN_UPDATE=1 rewrites the goldens instead (then look at them:
 * rsvg-convert, see docs/charts.md).  Run from the repository root. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "chart_model.h"
#include "cjk.h"
#include "diag.h"
#include "fsx.h"
#include "pool.h"
#include "testlib.h"

#define SITE "tests/golden/charts/site"
#define GOLDEN "tests/golden/charts"
#define MAX_SVG (40 * 1024)
#define MAX_STRESS_SVG (56 * 1024) /* rotated: 20 long labels, 129 distinct glyphs; platforms: 8 of
                                      18–21 characters, every one drawn on a phone; long-names: 6 of
                                      18–38 (its desktop: 50 KB) */

typedef struct {
  chart_spec **charts;
  size_t n;
  char **out; /* one SVG per chart */
  bool reverse;
} batch;

static char *render(const chart_spec *c) {
  buf b = BUF_INIT;
  if (chart_render_svg(c, &b) != 0) return NULL;
  return buf_take(&b, NULL);
}

static void render_job(void *ctx, size_t i, int worker) {
  (void)worker;
  batch *b = ctx;
  size_t k = b->reverse ? b->n - 1 - i : i;
  b->out[k] = render(b->charts[k]);
}

/* Every id="…" of an SVG, each checked to start with `prefix`. */
static size_t ids_of(const char *svg, const char *prefix, const char **ids, size_t max, bool *prefixed) {
  size_t n = 0;
  *prefixed = true;
  for (const char *p = svg; (p = strstr(p, " id=\"")) && n < max; p++) {
    p += 5;
    ids[n++] = p;
    if (strncmp(p, prefix, strlen(prefix)) != 0) *prefixed = false;
  }
  return n;
}

static bool same_id(const char *x, const char *y) {
  size_t nx = strcspn(x, "\""), ny = strcspn(y, "\"");
  return nx == ny && memcmp(x, y, nx) == 0;
}

/* A text run that is not turned: where it is anchored and, when its
 * first glyph is left of that (a centred or end-anchored run), half its
 * width (for a centred run; 0 when it starts at its anchor). */
typedef struct {
  double x, y, half;
} row_run;

/* The runs of an SVG that are not turned, sorted by y then x. */
static size_t row_runs(const char *svg, row_run *out, size_t max) {
  size_t n = 0;
  for (const char *p = svg; (p = strstr(p, "transform=\"translate(")) && n < max; p++) {
    double x, y, s, u = 0;
    const char *t = p + 21;
    if (sscanf(t, "%lf %lf) scale(%lf)", &x, &y, &s) != 3) continue; /* turned */
    const char *use = strstr(t, "<use"), *end = strstr(t, "</g>");
    if (use && use < end) {
      const char *first_end = strstr(use, "/>"), *ux = strstr(use, " x=\"");
      if (ux && ux < first_end) u = atof(ux + 4);
    }
    row_run r = {x, y, u < 0 ? -u * s : 0};
    size_t k = n++;
    while (k && (out[k - 1].y > r.y || (out[k - 1].y == r.y && out[k - 1].x > r.x))) out[k] = out[k - 1], k--;
    out[k] = r;
  }
  return n;
}

/* Bars across (a bar chart whose names are not flat): the runs
 * of glyphs anchored where the most runs are, the names' column (each
 * name right-aligned there, one run a line); how many there are, and
 * their glyphs in all. */
static void name_column(const char *svg, size_t *nruns, size_t *glyphs) {
  double xs[512];
  size_t n = 0, best = 0;
  for (const char *p = svg; (p = strstr(p, "transform=\"translate(")) && n < 512; p++) {
    double x, y, s;
    if (sscanf(p + 21, "%lf %lf) scale(%lf)", &x, &y, &s) == 3) xs[n++] = x;
  }
  double at = 0;
  for (size_t i = 0; i < n; i++) {
    size_t same = 0;
    for (size_t k = 0; k < n; k++) same += xs[k] == xs[i];
    if (same > best) best = same, at = xs[i];
  }
  *nruns = best, *glyphs = 0;
  char want[64];
  snprintf(want, sizeof want, "transform=\"translate(%g ", at);
  for (const char *p = svg; (p = strstr(p, want)); p++)
    for (const char *u = p, *end = strstr(p, "</g>"); (u = strstr(u + 1, "<use")) && u < end;) (*glyphs)++;
}

int main(void) {
  arena *a = arena_new();
  fsx_entry *ents;
  size_t nents = 0;
  CHECK(fsx_list(a, SITE "/charts", &ents, &nents) == 0);
  chart_spec **charts = arena_calloc(a, nents ? nents : 1, sizeof *charts);
  size_t n = 0;
  for (size_t i = 0; i < nents; i++) {
    size_t len = strlen(ents[i].name);
    if (len < 6 || strcmp(ents[i].name + len - 5, ".yaml") != 0) continue;
    charts[n] = chart_load(a, SITE, arena_printf(a, "charts/%s", ents[i].name), NULL);
    if (charts[n]) n++;
  }
  diag_flush(stdout);
  bool update = getenv("CHART_GOLDEN_UPDATE") != NULL;

  TEST("every fixture loads (one per chart type and more)") {
    CHECK(n == 15);
    CHECK(diag_errors() == 0);
  }

  /* charts[0..n) as given, charts[n..2n) their narrow versions */
  size_t wide = n;
  charts = arena_grow(a, charts, n, 2 * n + 1, sizeof *charts);
  for (size_t i = 0; i < wide; i++) {
    charts[n] = arena_alloc(a, sizeof **charts);
    *charts[n++] = chart_narrow(charts[i]);
  }
  char **svg = arena_calloc(a, n ? n : 1, sizeof *svg);
  for (size_t i = 0; i < n; i++) {
    const chart_spec *c = charts[i];
    svg[i] = render(c);
    const char *name = arena_printf(a, "%s%s.svg", c->id, i < wide ? "" : ".narrow");
    const char *path = arena_printf(a, GOLDEN "/%s", name);
    TEST(arena_printf(a, "golden %s", name)) {
      CHECK(svg[i] != NULL);
      if (!svg[i]) continue;
      if (update) {
        FILE *f = fopen(path, "w");
        CHECK(f && fputs(svg[i], f) >= 0 && fclose(f) == 0);
        continue;
      }
      size_t len;
      char *want = fsx_read(path, &len);
      CHECK(want != NULL);
      if (!want) continue;
      size_t k = 0;
      while (want[k] && want[k] == svg[i][k]) k++;
      if (want[k] || svg[i][k])
        printf("FAIL golden %s: differs at byte %zu: got «%.60s» want «%.60s»\n", name, k,
               svg[i] + k, want + k);
      CHECK(strcmp(want, svg[i]) == 0);
      free(want);
      size_t size = strlen(svg[i]);
      bool stress = strcmp(c->id, "rotated") == 0 || strcmp(c->id, "platforms") == 0 || strcmp(c->id, "long-names") == 0;
      CHECK(size <= (stress ? MAX_STRESS_SVG : MAX_SVG));
    }
  }

  TEST("the same chart drawn again in one process is byte-identical") {
    for (size_t i = 0; i < n; i++) {
      char *again = render(charts[i]);
      CHECK(again && svg[i] && strcmp(again, svg[i]) == 0);
      free(again);
    }
  }

  TEST("two threads, reverse order: the same bytes") {
    batch b = {charts, n, arena_calloc(a, n ? n : 1, sizeof(char *)), true};
    pool_run(2, n, render_job, &b);
    for (size_t i = 0; i < n; i++) {
      CHECK(b.out[i] && svg[i] && strcmp(b.out[i], svg[i]) == 0);
      free(b.out[i]);
    }
  }

  TEST("each SVG: role, title, desc, no style, ids prefixed and unique") {
    for (size_t i = 0; i < n; i++) {
      if (!svg[i]) continue;
      const char *prefix = arena_printf(a, "chart-%s-", charts[i]->id);
      CHECK(strncmp(svg[i], "<svg xmlns=\"http://www.w3.org/2000/svg\"", 39) == 0);
      CHECK(strstr(svg[i], " role=\"img\"") != NULL);
      CHECK(strstr(svg[i], arena_printf(a, "<title id=\"%stitle\">", prefix)) != NULL);
      CHECK(strstr(svg[i], arena_printf(a, "<desc id=\"%sdesc\">", prefix)) != NULL);
      CHECK(strstr(svg[i], "style=") == NULL);
      CHECK(strstr(svg[i], "surface") == NULL);
      const char *ids[512];
      bool prefixed;
      size_t nids = ids_of(svg[i], prefix, ids, 512, &prefixed);
      CHECK(prefixed && nids > 2 && nids < 512);
      for (size_t x = 0; x < nids; x++)
        for (size_t y = x + 1; y < nids; y++) CHECK(!same_id(ids[x], ids[y]));
    }
  }

  /* The title is drawn first, so its glyphs are ids 1, 2, … in first use:
   * its runs (the first ones, bold 18 px) hold every character of it, in
   * order, nothing cut short with "…". */
  TEST("every title whole, wide and on phones (it wraps, up to three lines)") {
    for (size_t i = 0; i < n; i++) {
      if (!svg[i]) continue;
      const char *prefix = arena_printf(a, "chart-%s-", charts[i]->id);
      buf want = BUF_INIT, got = BUF_INIT;
      uint32_t seen[256];
      size_t nseen = 0;
      for (const char *t = charts[i]->title; *t;) {
        uint32_t cp;
        t += utf8_decode(t, strlen(t), &cp);
        if (cp == ' ') continue;
        size_t k = 0;
        while (k < nseen && seen[k] != cp) k++;
        if (k == nseen && nseen < 256) seen[nseen++] = cp;
        buf_printf(&want, "#%s%zu ", prefix, k + 1);
      }
      size_t lines = 0;
      for (const char *p = strstr(svg[i], "<g fill="); p; p = strstr(p, "<g fill="), lines++) {
        const char *tag_end = strchr(p, '>'), *end = strstr(p, "</g>");
        const char *scale = strstr(p, " scale(.18)");
        if (!scale || scale > tag_end) break;
        for (const char *u = p; (u = strstr(u, "xlink:href=\"")) && u < end; u += 12)
          buf_printf(&got, "%.*s ", (int)strcspn(u + 12, "\""), u + 12);
        p = end;
      }
      if (strcmp(buf_cstr(&want), buf_cstr(&got)) != 0)
        printf("FAIL %s%s: title glyphs %s, want %s\n", charts[i]->id, i < wide ? "" : " (narrow)",
               buf_cstr(&got), buf_cstr(&want));
      CHECK(strcmp(buf_cstr(&want), buf_cstr(&got)) == 0);
      CHECK(lines >= 1 && lines <= 3);
      buf_free(&want);
      buf_free(&got);
    }
  }

  /* A phone's version (chart_narrow) is shown about 306 px across: its
   * words are 16 px (about 12 px there; the desktop's 13 px read at 10 px)
   * and its title 18 px; nothing smaller — value labels that do not fit
   * at 16 px are left out rather than set at 11 px. */
  TEST("phones' versions: every text run at 16 px, the title's at 18 px") {
    for (size_t i = wide; i < n; i++) {
      if (!svg[i]) continue;
      size_t runs = 0, small = 0;
      for (const char *p = svg[i]; (p = strstr(p, " scale(")); p++, runs++)
        if (strncmp(p, " scale(.16)", 11) != 0 && strncmp(p, " scale(.18)", 11) != 0) {
          if (!small) printf("FAIL %s.narrow.svg: a run at%.12s\n", charts[i]->id, p);
          small++;
        }
      CHECK(runs > 3 && small == 0);
    }
  }

  /* A phone's pie or donut: each part's name and share in the legend, the
   * donut's 合计, the note and the source, all at 16 px. */
  TEST("phones' pies: every name and share at 16 px") {
    static const struct {
      const char *id;
      size_t parts, extra, foot; /* extra: the donut's 合计 */
    } pies[] = {{"pie", 8, 0, 2}, {"pie-zero", 4, 0, 3}, {"pie-long-name", 3, 0, 1}, {"donut", 3, 1, 1}};
    for (size_t k = 0; k < sizeof pies / sizeof *pies; k++)
      for (size_t i = wide; i < n; i++) {
        if (!svg[i] || strcmp(charts[i]->id, pies[k].id) != 0) continue;
        size_t at16 = 0, want = 2 * pies[k].parts + pies[k].extra + pies[k].foot;
        for (const char *p = svg[i]; (p = strstr(p, " scale(.16)")); p++) at16++;
        if (at16 != want) printf("FAIL %s.narrow.svg: %zu runs at 16 px, want %zu\n", pies[k].id, at16, want);
        CHECK(at16 == want);
      }
  }

  /* Words on one row that are centred (category and value labels: every
   * run on that y starts left of its anchor) never overlap: a centred
   * run's first glyph is at -advance/2, so it spans x ± that.  A time
   * axis (months: 30 periods) has flat labels on every k-th period only,
   * none turned: 10 on the desktop (2022年1月, 4月 …), the 3 year starts
   * on a phone. */
  TEST("centred labels on a row never overlap; a time axis is flat") {
    for (size_t i = 0; i < n; i++) {
      if (!svg[i] || charts[i]->across) continue; /* a row of names and bar-end labels: the test below */
      row_run runs[256];
      size_t nruns = row_runs(svg[i], runs, 256);
      size_t rows = 0, longest = 0;
      for (size_t r = 0; r < nruns; r++) {
        if (r && runs[r].y == runs[r - 1].y) continue;
        size_t end = r;
        bool centred = true;
        while (end < nruns && runs[end].y == runs[r].y) centred &= runs[end++].half > 0;
        if (!centred || end - r < 2) continue;
        rows++;
        if (end - r > longest) longest = end - r;
        for (size_t k = r + 1; k < end; k++) {
          bool apart = runs[k].x - runs[k].half >= runs[k - 1].x + runs[k - 1].half;
          if (!apart)
            printf("FAIL %s%s: labels at x %.1f and %.1f (y %.1f) overlap\n", charts[i]->id,
                   i < wide ? "" : " (narrow)", runs[k - 1].x, runs[k].x, runs[k].y);
          CHECK(apart);
        }
      }
      if (strcmp(charts[i]->id, "months") == 0) {
        CHECK(strstr(svg[i], " rotate(") == NULL);
        CHECK(rows == 1 && longest == (i < wide ? 10u : 3u));
      }
    }
  }

  /* A bar chart whose names do not fit flat under the bars is drawn
   * across, on the desktop as on a phone: nothing turned, every name
   * whole (its characters all drawn, on up to three lines, no …) but
   * those listed as cut (shortened with …, the whole name the <title> of
   * their last line), its <desc> says 条形图, and the unit ends the row of
   * tick labels under the plot, after the last one (not over the bars),
   * or, too long for there (个工作日 on a phone), is above the plot at its
   * right.  big-negative's names are flat on the desktop: a 柱状图 there. */
  TEST("bar charts with long names: bars across, names whole, the unit at the axis's end") {
    static const struct {
      const char *id;
      size_t lines[2]; /* the names' runs: desktop (0: not across), phone */
      size_t cut[2];   /* names shortened with … */
      bool above[2];   /* the unit above the plot */
    } across[] = {{"platforms", {8, 16}, {0, 0}, {false, false}},   {"rotated", {20, 22}, {0, 0}, {false, true}},
                  {"grouped-bar", {6, 6}, {0, 0}, {false, false}},  {"big-negative", {0, 6}, {0, 0}, {false, false}},
                  {"long-names", {7, 12}, {0, 2}, {false, false}}};
    const char *ellipsis = font_glyph(FONT_REGULAR, 0x2026)->d;
    for (size_t k = 0; k < sizeof across / sizeof *across; k++)
      for (size_t i = 0; i < n; i++) {
        if (!svg[i] || strcmp(charts[i]->id, across[k].id) != 0) continue;
        size_t want = across[k].lines[i >= wide];
        const char *version = i < wide ? "" : ".narrow";
        if (!want) {
          CHECK(!charts[i]->across && strstr(svg[i], "柱状图：") != NULL);
          continue;
        }
        const chart_model *m = charts[i]->m;
        size_t chars = 0, runs, glyphs;
        for (size_t c = 0; c < m->ncats; c++) chars += utf8_count(m->cats[c], strlen(m->cats[c]));
        name_column(svg[i], &runs, &glyphs);
        size_t cut = across[k].cut[i >= wide], titled = 0;
        for (size_t c = 0; c < m->ncats; c++)
          titled += strstr(svg[i], arena_printf(a, "<title>%s</title><use", m->cats[c])) != NULL;
        if (runs != want || (!cut && glyphs != chars) || titled != cut)
          printf("FAIL %s%s.svg: %zu name runs of %zu glyphs (%zu shortened), want %zu of %zu (%zu)\n", across[k].id,
                 version, runs, glyphs, titled, want, chars, cut);
        CHECK(charts[i]->across && runs == want && (cut || glyphs == chars) && titled == cut);
        CHECK(strstr(svg[i], " rotate(") == NULL);
        CHECK((strstr(svg[i], arena_printf(a, "d=\"%s\"", ellipsis)) == NULL) == !cut);
        CHECK(strstr(svg[i], "条形图：") != NULL);
        /* the tick labels: the row of three or more centred runs; the unit
         * starts after the last of them, at least 6 px on, or is above the
         * plot: the first run under the title, ending at the right pad */
        row_run rr[256];
        size_t nrr = row_runs(svg[i], rr, 256), rows = 0;
        if (across[k].above[i >= wide]) {
          const row_run *unit = &rr[1]; /* after the title's one line */
          bool above = fabs(unit->x - (charts[i]->width - 16)) < 0.05 && unit->y < rr[2].y;
          if (!above) printf("FAIL %s%s.svg: the unit is not above the plot\n", across[k].id, version);
          CHECK(above);
        }
        for (size_t r = 0; r < nrr;) {
          size_t end = r, centred = 0;
          while (end < nrr && rr[end].y == rr[r].y) centred += rr[end++].half > 0;
          if (centred >= 3 && across[k].above[i >= wide]) {
            rows++;
            CHECK(centred == end - r); /* nothing after the last tick label */
          } else if (centred >= 3) {
            rows++;
            const row_run *unit = &rr[end - 1], *last = &rr[end - 2];
            bool after = unit->half == 0 && unit->x >= last->x + last->half + 6 - 0.1 && unit->x < charts[i]->width;
            if (!after) printf("FAIL %s%s.svg: the unit at x %.1f, the last tick label ends at %.1f\n", across[k].id,
                               version, unit->x, last->x + last->half);
            CHECK(after && centred == end - r - 1);
          }
          r = end;
        }
        CHECK(rows == 1);
      }
    for (size_t i = 0; i < n; i++) /* the rest stay upright */
      if (charts[i]->across) {
        bool listed = false;
        for (size_t k = 0; k < sizeof across / sizeof *across; k++)
          listed |= strcmp(charts[i]->id, across[k].id) == 0 && across[k].lines[i >= wide];
        CHECK(listed);
      }
  }

  TEST("two charts inlined in one page share no id") {
    for (size_t i = 0; i + 1 < wide; i++) {
      const char *ids_a[512], *ids_b[512];
      bool pa, pb;
      size_t na = ids_of(svg[i], "chart-", ids_a, 512, &pa), nb = ids_of(svg[i + 1], "chart-", ids_b, 512, &pb);
      for (size_t x = 0; x < na; x++)
        for (size_t y = 0; y < nb; y++) CHECK(!same_id(ids_a[x], ids_b[y]));
    }
  }

  for (size_t i = 0; i < n; i++) free(svg[i]);
  arena_free(a);
  TEST_EXIT();
}
