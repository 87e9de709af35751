/* check: freshness periods, the working-day calendar (调休), and the
 * viewports that keep readers from zooming in (适老化). */
#include "check.h"
#include "testlib.h"

static int64_t day(const char *ymd) {
  int y, m, d;
  sscanf(ymd, "%d-%d-%d", &y, &m, &d);
  return days_from_civil(y, m, d);
}

int main(void) {
  arena *a = arena_new();
  TEST("period end: days, months (clamped to the month's end), years") {
    CHECK(check_period_end(day("2024-12-06"), (check_period){14, 'd'}) == day("2024-12-20"));
    CHECK(check_period_end(day("2024-08-31"), (check_period){6, 'm'}) == day("2025-02-28"));
    CHECK(check_period_end(day("2023-08-31"), (check_period){6, 'm'}) == day("2024-02-29"));
    CHECK(check_period_end(day("2024-07-15"), (check_period){6, 'm'}) == day("2025-01-15"));
    CHECK(check_period_end(day("2024-02-29"), (check_period){1, 'y'}) == day("2025-02-28"));
  }
  TEST("working days: weekends off, holidays off, 调休 weekend days on") {
    int64_t hol[7], work[1] = {day("2024-09-29")};
    for (int i = 0; i < 7; i++) hol[i] = day("2024-10-01") + i;
    check_settings st = {.holidays = hol, .nholidays = 7, .workdays = work, .nworkdays = 1};
    CHECK(check_is_workday(&st, day("2024-09-27")));  /* Friday */
    CHECK(!check_is_workday(&st, day("2024-09-28"))); /* Saturday */
    CHECK(check_is_workday(&st, day("2024-09-29")));  /* Sunday, 调休 */
    CHECK(!check_is_workday(&st, day("2024-10-02"))); /* 国庆 */
    CHECK_STR(check_ymd(a, check_add_workdays(&st, day("2024-09-27"), 3)), "2024-10-08");
    check_settings plain = {0};
    CHECK_STR(check_ymd(a, check_add_workdays(&plain, day("2024-09-27"), 3)), "2024-10-02");
  }
  TEST("viewport: zooming kept (ACT rule b4f0c3's passes) and locked (its failures), the key=value named") {
    static const char *const zoomable[] = {
        "width=device-width, initial-scale=1", "", "width=device-width, user-scalable=yes",
        "user-scalable=YES", "user-scalable=1", "user-scalable=-1", "user-scalable=2.5", "user-scalable=device-width",
        "maximum-scale=2", "maximum-scale=2.0", "maximum-scale=5", "maximum-scale=-1", "maximum-scale=device-height",
        "width=device-width; maximum-scale = 3", "minimum-scale=1", "user-scalable", "initial-scale=1 user-scalable=yes"};
    for (size_t i = 0; i < sizeof zoomable / sizeof *zoomable; i++)
      if (check_viewport_locks_zoom(zoomable[i], NULL, NULL)) CHECK_STR(zoomable[i], "(zoomable)");
    static const char *const locked[][2] = {
        {"width=device-width, initial-scale=1, user-scalable=no", "user-scalable=no"},
        {"width=device-width,user-scalable=0", "user-scalable=0"},
        {"user-scalable=0.5", "user-scalable=0.5"},
        {"user-scalable=false", "user-scalable=false"},
        {"user-scalable = no", "user-scalable = no"},
        {"initial-scale=1 maximum-scale=1", "maximum-scale=1"},
        {"width=device-width; maximum-scale=1.0", "maximum-scale=1.0"},
        {"MAXIMUM-SCALE=1.99", "MAXIMUM-SCALE=1.99"},
        {"maximum-scale=yes", "maximum-scale=yes"},
        {"maximum-scale=", "maximum-scale="},
        {"user-scalable=yes, maximum-scale=1.5, user-scalable=no", "maximum-scale=1.5"}};
    for (size_t i = 0; i < sizeof locked / sizeof *locked; i++) {
      size_t at = 0, n = 0;
      CHECK(check_viewport_locks_zoom(locked[i][0], &at, &n));
      CHECK_STR(arena_strndup(a, locked[i][0] + at, n), locked[i][1]);
    }
  }
  TEST("redirect: the first meta refresh sends readers to the URL at once, as a browser reads content=") {
    static const char *const to[] = {
        "<head><meta http-equiv=\"refresh\" content=\"0; url=/news/a/\"></head>",
        "<META HTTP-EQUIV=REFRESH CONTENT='0;URL=/news/a/'>",
        "<meta content=\"0 , Url = '/news/a/' ignored\" http-equiv=\"Refresh\">",
        "<meta http-equiv=\"refresh\" content=\"00.5;/news/a/\">",
        "<meta http-equiv=\"refresh\" content=\".0; url=&quot;/news/a/&quot;\">",
        "<meta http-equiv=\"refresh\" content=\"0; url=&#47;news&#x2F;a&#X2f;\">",
        "<meta http-equiv=\"refresh\" content=\"0; url=/news/a&#47\">",
        "<body><p>moved</p><meta http-equiv=\"refresh\" content=\"0; url=/news/a/\">"};
    for (size_t i = 0; i < sizeof to / sizeof *to; i++)
      if (!check_refreshes_to(a, to[i], "/news/a/")) CHECK_STR(to[i], "(sends readers to /news/a/)");
    static const char *const not_to[] = {
        "<html><head><title>moved</title></head></html>",
        "<!-- <meta http-equiv=\"refresh\" content=\"0; url=/news/a/\"> -->",
        "<script>'<meta http-equiv=\"refresh\" content=\"0; url=/news/a/\">'</script>",
        "<title><meta http-equiv=\"refresh\" content=\"0; url=/news/a/\"></title>",
        "<meta http-equiv=\"refresh\" content=\"5; url=/news/a/\">",
        "<meta http-equiv=\"refresh\" content=\"10; url=/news/a/\">",
        "<meta http-equiv=\"refresh\" content=\"0\">",
        "<meta http-equiv=\"refresh\" content=\"0; url=/news/b/\">",
        "<meta http-equiv=\"refresh\" content=\"0; url=/news/a/&#0;\">",
        "<meta http-equiv=\"refresh\" content=\"0; url=/news/a/&#;\">",
        "<meta http-equiv=\"refresh\" content=\"0; url=/news/&#x110061;/\">",
        "<meta http-equiv=\"refresh\" content=\"0; url=/news/a/index.html\">",
        "<meta http-equiv=\"refresh\" content=\"0; url=\">",
        "<meta http-equiv=\"refresh\" content=\"0x; url=/news/a/\">",
        "<meta http-equiv=\"refresh\">",
        "<meta name=\"refresh\" content=\"0; url=/news/a/\">",
        "<meta http-equiv=\"refresh\" content=\"0; url=/\"><meta http-equiv=\"refresh\" content=\"0; url=/news/a/\">"};
    for (size_t i = 0; i < sizeof not_to / sizeof *not_to; i++)
      if (check_refreshes_to(a, not_to[i], "/news/a/")) CHECK_STR(not_to[i], "(does not send readers to /news/a/)");
  }
  arena_free(a);
  TEST_EXIT();
}
