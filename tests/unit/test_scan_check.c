/* test_scan_check: the validators behind the personal-data patterns —
 * GB 11643 居民身份证号码 (check character, province, birth date) and Luhn
 * bank card numbers — with vectors made for the purpose (the check
 * characters computed by the GB 11643 / Luhn rules, no real person's). */
#include "scan_impl.h"
#include "testlib.h"

int main(void) {
  TEST("gb11643: valid numbers") {
    CHECK(scan_gb11643_ok("110101199003070011"));
    CHECK(scan_gb11643_ok("53010219851120002X"));
    CHECK(scan_gb11643_ok("53010219851120002x"));
    CHECK(scan_gb11643_ok("11010519491231002X"));
    CHECK(scan_gb11643_ok("440304200002291236")); /* 29 February of a leap year */
    CHECK(scan_gb11643_ok("110101190001010014")); /* the earliest birth year taken */
    CHECK(scan_gb11643_ok("650102199902280030"));
  }
  TEST("gb11643: wrong check character") {
    CHECK(!scan_gb11643_ok("110101199003070012"));
    CHECK(!scan_gb11643_ok("110101199003070010"));
    CHECK(!scan_gb11643_ok("530102198511200021"));
  }
  TEST("gb11643: impossible birth dates and provinces, right check character") {
    CHECK(!scan_gb11643_ok("110101199002300014")); /* 30 February */
    CHECK(!scan_gb11643_ok("110101209901010017")); /* in the future */
    CHECK(!scan_gb11643_ok("11010118991231001X")); /* before 1900 */
    CHECK(!scan_gb11643_ok("990101199003070015")); /* no province 99 */
  }
  TEST("gb11643: only digits before the check character") {
    CHECK(!scan_gb11643_ok("1101011990030700X1"));
    CHECK(!scan_gb11643_ok("11010119900307001a"));
  }
  TEST("gb11643, 15 digits: province and birth date (19yy) only") {
    CHECK(scan_gb11643_15_ok("530102800101123"));
    CHECK(scan_gb11643_15_ok("110105491231002"));
    CHECK(scan_gb11643_15_ok("530102800229123")); /* 1980 was a leap year */
    CHECK(!scan_gb11643_15_ok("530102810229123")); /* 1981 was not */
    CHECK(!scan_gb11643_15_ok("530102800230123")); /* 30 February */
    CHECK(!scan_gb11643_15_ok("530102801301123")); /* month 13 */
    CHECK(!scan_gb11643_15_ok("990102800101123")); /* no province 99 */
    CHECK(!scan_gb11643_15_ok("202401021530123")); /* a timestamp: no province 20 */
    CHECK(!scan_gb11643_15_ok("53010280010112x"));
  }
  TEST("luhn: valid card numbers") {
    CHECK(scan_luhn_ok("6222021234567890128", 19));
    CHECK(scan_luhn_ok("621700000000000006", 18));
    CHECK(scan_luhn_ok("95588012345678903", 17));
    CHECK(scan_luhn_ok("4111111111111111", 16));
    CHECK(scan_luhn_ok("6222 0212 3456 7890 128", 23));
    CHECK(scan_luhn_ok("6222-0212-3456-7890-128", 23));
  }
  TEST("luhn: wrong check digit, length, issuer or characters") {
    CHECK(!scan_luhn_ok("6222021234567890127", 19));
    CHECK(!scan_luhn_ok("411111111111111", 15));
    CHECK(!scan_luhn_ok("41111111111111110000", 20));
    CHECK(!scan_luhn_ok("1234567890123452", 16)); /* passes Luhn, no such issuer */
    CHECK(!scan_luhn_ok("0000000000000000", 16));
    CHECK(!scan_luhn_ok("4111111111111111x", 17));
  }
  TEST("check: candidates from the pattern text") {
    CHECK(scan_check_ok(CHECK_NONE, "anything", 8));
    CHECK(scan_check_ok(CHECK_GB11643, "110101199003070011", 18));
    CHECK(scan_check_ok(CHECK_GB11643, "53010219851120002x", 18));
    CHECK(!scan_check_ok(CHECK_GB11643, "11010119900307001", 17));
    CHECK(!scan_check_ok(CHECK_GB11643, "1101011990030700111", 19));
    CHECK(scan_check_ok(CHECK_GB11643, "530102800101123", 15));
    CHECK(!scan_check_ok(CHECK_GB11643, "53010280010112x", 15));
    CHECK(!scan_check_ok(CHECK_GB11643, "5301028001011", 13));
    CHECK(scan_check_ok(CHECK_GB11643, "5301 0219 8001 0112 37", 22)); /* groups: the digits joined */
    CHECK(scan_check_ok(CHECK_GB11643, "530102-19800101-1237", 20));
    CHECK(!scan_check_ok(CHECK_GB11643, "530102-19800101-1234", 20));
    CHECK(scan_check_ok(CHECK_LUHN, "4111 1111 1111 1111", 19));
  }
  TEST_EXIT();
}
