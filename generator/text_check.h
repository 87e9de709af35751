/* text_check: the rules every text file govpub reads by hand obeys — a
 * page, site.yaml, a template — checked once, right after reading, so
 * that nothing downstream sees bytes a browser would show as mojibake
 * (cmark and the search index would quietly turn them into U+FFFD):
 * valid UTF-8 (no overlong forms, surrogates or stray bytes), no NUL and
 * no other control character but tab and line breaks (C0, DEL, C1: the
 * HTML standard makes them parse errors, XML forbids them).  Old
 * Mac line endings (a CR alone) become LF in place, so lines and columns
 * stay those an editor shows; CRLF and a leading BOM are left to the
 * parsers, which take them. */
#ifndef GOVPUB_TEXT_CHECK_H
#define GOVPUB_TEXT_CHECK_H

#include <stdbool.h>
#include <stddef.h>

/* Checks text[0..len) of the file `path`; on failure reports the first
 * bad byte with its line and column and returns false. */
bool text_check(const char *path, char *text, size_t len);
/* The rewrite alone (lone CRs become LF, in place): a text that passed
 * text_check once and is read again (a page's render) reads the same. */
void text_lone_cr(char *text, size_t len);

#endif
