/* pager: the numbers a list's pager shows (see pager.h). */
#include "pager.h"

#include <string.h>

static bool shown_in(size_t all, size_t around, size_t k, size_t cur, size_t total) {
  return total <= all || k == 1 || k == total || (k + around >= cur && k <= cur + around);
}

size_t pager_plan(size_t cur, size_t total, pager_slot out[PAGER_SLOTS_MAX]) {
  size_t n = 0;
  /* the last number shown on each, and whether a phone shows a … since its last */
  size_t last_wide = 0, last_phone = 0;
  bool phone_gap = false;
  for (size_t k = 1; k <= total; k++) {
    if (!shown_in(PAGER_ALL, PAGER_AROUND, k, cur, total)) {
      k = k < cur ? cur - PAGER_AROUND - 1 : total - 1; /* on to the next shown number */
      continue;
    }
    bool phone = shown_in(PAGER_PHONE_ALL, PAGER_PHONE_AROUND, k, cur, total);
    if (k > last_wide + 1) {
      out[n++] = (pager_slot){0, false, false};
      phone_gap = true;
    } else if (phone && k > last_phone + 1 && !phone_gap) {
      out[n++] = (pager_slot){0, false, true};
    }
    out[n++] = (pager_slot){k, !phone, false};
    last_wide = k;
    if (phone) {
      last_phone = k;
      phone_gap = false;
    }
  }
  return n;
}

size_t pager_pages(size_t items, int per) {
  size_t n = (items + (size_t)per - 1) / (size_t)per;
  return n ? n : 1;
}

/* Written by hand: a list page's pager links every number it shows, and
 * arena_printf was about a thousand instructions a URL. */
const char *pager_url(arena *a, const char *base, size_t n) {
  if (n == 1) return base;
  char num[24];
  size_t k = sizeof num;
  do num[--k] = (char)('0' + n % 10); while ((n /= 10) != 0);
  size_t len = strlen(base), digits = sizeof num - k;
  char *url = arena_alloc(a, len + 5 + digits + 2), *o = url;
  memcpy(o, base, len);
  memcpy(o += len, "page/", 5);
  memcpy(o += 5, num + k, digits);
  o += digits;
  o[0] = '/';
  o[1] = '\0';
  return url;
}

bool pager_list_of(const char *url, size_t *base_len) {
  size_t n = strlen(url);
  if (n < 2 || url[n - 1] != '/') return false;
  size_t k = n - 1; /* the number's end */
  while (k > 0 && url[k - 1] >= '0' && url[k - 1] <= '9') k--;
  if (k == n - 1 || k < 5 || strncmp(url + k - 5, "page/", 5) != 0 || (k > 5 && url[k - 6] != '/')) return false;
  *base_len = k - 5;
  return true;
}
