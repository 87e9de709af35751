/* scan_check: the validators a pattern names with `check:`, which turn a
 * regular expression's candidates into findings worth stopping a publish:
 *   gb11643  a 居民身份证号码: 18 characters (GB 11643-1999) with a known
 *            province code, a birth date that exists and is not in the
 *            future, and the ISO 7064 MOD 11-2 check character (0-9 or X);
 *            or the 15 digits of the first-generation cards (GB 11643-1989:
 *            address code, birth date yymmdd of 19yy, sequence, no check
 *            character), with the same province and date rules — all a
 *            15-digit number has to tell it from a 注册号 or a 流水号;
 *   luhn     a bank card number: 16 to 19 digits (spaces or hyphens between
 *            groups allowed), an issuer digit (2-6: UnionPay 62, Visa,
 *            Mastercard, AmEx, JCB; 9: older domestic cards), and the Luhn
 *            check digit.
 * Candidates come from the normalised pattern text: ASCII digits, x folded
 * to lower case, and for numbers written in groups the spaces or hyphens
 * between them (the pattern decides which groupings count; the check reads
 * the digits joined). */
#include <stdbool.h>
#include <string.h>
#include <time.h>

#include "scan_impl.h"

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* 省级行政区划代码: 11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71 (台湾),
 * 81-83 (香港, 澳门, and the residence permits of Taiwan residents). */
static bool province_ok(int p) {
  return (p >= 11 && p <= 15) || (p >= 21 && p <= 23) || (p >= 31 && p <= 37) || (p >= 41 && p <= 46) ||
         (p >= 50 && p <= 54) || (p >= 61 && p <= 65) || p == 71 || (p >= 81 && p <= 83);
}

static bool date_ok(int y, int m, int d) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > days[m - 1] + (m == 2 && leap)) return false;
  time_t now = time(NULL);
  struct tm tm;
  localtime_r(&now, &tm);
  long today = (tm.tm_year + 1900L) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
  return y >= 1900 && y * 10000L + m * 100 + d <= today;
}

/* The province of the address code at id[0..2) and the birth date
 * yyyymmdd written at birth[0..8). */
static bool born_ok(const char *id, const char *birth) {
  int v[8];
  for (int i = 0; i < 8; i++) v[i] = birth[i] - '0';
  return province_ok((id[0] - '0') * 10 + (id[1] - '0')) &&
         date_ok(v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3], v[4] * 10 + v[5], v[6] * 10 + v[7]);
}

bool scan_gb11643_ok(const char *id) {
  static const int weight[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static const char check[] = "10X98765432";
  int sum = 0;
  for (int i = 0; i < 17; i++) {
    if (!is_digit(id[i])) return false;
    sum += (id[i] - '0') * weight[i];
  }
  char last = id[17] == 'x' ? 'X' : id[17];
  return last == check[sum % 11] && born_ok(id, id + 6);
}

bool scan_gb11643_15_ok(const char *id) {
  for (int i = 0; i < 15; i++)
    if (!is_digit(id[i])) return false;
  char birth[8] = {'1', '9'};
  memcpy(birth + 2, id + 6, 6);
  return born_ok(id, birth);
}

bool scan_luhn_ok(const char *s, size_t n) {
  char digits[20];
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    if (is_digit(s[i])) {
      if (k == sizeof digits) return false;
      digits[k++] = s[i];
    } else if (s[i] != ' ' && s[i] != '-') {
      return false;
    }
  }
  if (k < 16 || k > 19 || !strchr("234569", digits[0])) return false;
  int sum = 0;
  for (size_t i = 0; i < k; i++) {
    int d = digits[k - 1 - i] - '0';
    if (i % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 == 0;
}

bool scan_check_ok(scan_check c, const char *m, size_t n) {
  if (c == CHECK_LUHN) return scan_luhn_ok(m, n);
  if (c != CHECK_GB11643) return true;
  char id[18];
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    if (!is_digit(m[i]) && m[i] != 'x' && m[i] != 'X') continue;
    if (k == sizeof id) return false;
    id[k++] = m[i];
  }
  return k == 18 ? scan_gb11643_ok(id) : k == 15 && scan_gb11643_15_ok(id);
}
