/* check: freshness periods and the working-day calendar (调休). */
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
  arena_free(a);
  TEST_EXIT();
}
