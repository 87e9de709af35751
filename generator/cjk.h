/* cjk: UTF-8 and CJK-aware text measures — summaries, character and word
 * counts, reading time.
 *
 * Chinese text has no spaces between words, so "words" are the wrong unit:
 * a summary is cut after N characters (code points), length is counted in
 * characters, and reading time mixes CJK characters (400 a minute) with
 * Latin words (200 a minute).  Every function here works on UTF-8 with an
 * explicit length and never splits a multi-byte sequence.
 *
 * Ownership: cjk_summary returns a string allocated in the caller's arena;
 * nothing else allocates. */
#ifndef GOVPUB_CJK_H
#define GOVPUB_CJK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* ---- UTF-8 ---- */

/* Decodes the code point that starts at s (n bytes available) into *cp and
 * returns its length in bytes (1-4).  Returns 0 when the bytes do not start
 * a valid sequence (stray continuation byte, overlong form, surrogate, value
 * above U+10FFFF, truncated sequence, n == 0); *cp is then U+FFFD and a
 * caller that wants to go on skips one byte. */
static inline size_t utf8_decode(const char *s, size_t n, uint32_t *cp);
/* utf8_decode of anything but ASCII and the plain three-byte sequences
 * (lead E1..EC, EE, EF: never overlong, never a surrogate), which
 * utf8_decode decodes inline: callers run it on every character. */
size_t utf8_decode_other(const char *s, size_t n, uint32_t *cp);
static inline size_t utf8_decode(const char *s, size_t n, uint32_t *cp) {
  const unsigned char *u = (const unsigned char *)s;
  if (n && u[0] < 0x80) {
    *cp = u[0];
    return 1;
  }
  if (n >= 3 && u[0] - 0xE1u < 0x0F && u[0] != 0xED && ((u[1] ^ 0x80u) | (u[2] ^ 0x80u)) < 0x40) {
    *cp = (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3Fu);
    return 3;
  }
  return utf8_decode_other(s, n, cp);
}

/* True when the bytes at p (up to end) are one character of U+4E00..U+9FFF
 * (E4 B8 80 .. E9 BF BF), the bulk of Chinese text: the fast paths of the
 * counters here and of the search tokenizer test it before decoding. */
static inline bool utf8_unified_han(const unsigned char *p, const unsigned char *end) {
  return end - p >= 3 && ((unsigned)p[0] << 8 | p[1]) - 0xE4B8u <= 0xE9BFu - 0xE4B8u &&
         ((p[1] ^ 0x80u) | (p[2] ^ 0x80u)) < 0x40;
}

/* Writes cp (a Unicode scalar value) as UTF-8 into out and returns the
 * number of bytes (1-4); surrogates and values above U+10FFFF become U+FFFD. */
size_t utf8_encode(uint32_t cp, char out[4]);

/* True when s[0..len) is valid UTF-8.  Otherwise false, and *bad_offset (if
 * not NULL) is the byte offset of the first invalid sequence. */
bool utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* True when s[0..len) is valid UTF-8 without a control character other
 * than tab and LF (no NUL, CR, DEL, U+0080..U+009F): the usual text file
 * (text_check's fast path). */
bool utf8_plain_text(const char *s, size_t len);
/* A value a YAML file reads back as given, on one line (govpub new's
 * --title, govpub init's): not empty, utf8_plain_text, and no line break
 * of YAML's (LF, CR, NEL, U+2028, U+2029) nor tab. */
bool utf8_one_line(const char *s);

/* U+061C, U+200E/F, U+202A–E, U+2066–9 (the bidi controls): invisible,
 * and they reorder the text around them, so that a name or a link shows
 * as another. */
bool utf8_reorders(uint32_t cp);

/* Whether cp shows as nothing, or as a line end, to a reader: the
 * format characters (category Cf: zero-width space and joiners, the bidi
 * controls, the soft hyphen …) and U+2028/U+2029. */
bool utf8_invisible(uint32_t cp);

/* Number of code points in s[0..len); each byte of an invalid sequence
 * counts as one (the way an editor shows a replacement character), so the
 * result matches diag_col's column arithmetic on valid text. */
size_t utf8_count(const char *s, size_t len);

/* s itself when it has at most max_chars characters, else its first
 * max_chars characters and "…" in a (cut between characters, never inside
 * a UTF-8 sequence; an invalid byte counts as one): a value quoted in a
 * diagnostic, which stays one readable line however long the value is. */
const char *utf8_prefix(arena *a, const char *s, size_t max_chars);

/* ---- character classes ---- */

/* A CJK letter: Han ideographs (all blocks and extensions), kana, Hangul,
 * bopomofo, and 々〆〇.  These are what "字数" counts and what is read at
 * 400 characters a minute.  Punctuation is not a letter. */
bool cjk_is_letter(uint32_t cp);

/* An East Asian wide or fullwidth character other than Hangul: CJK letters,
 * CJK punctuation (。，、《》…), fullwidth forms (！（），：).  Between two
 * such characters a line break is not a space (the CSS Text 3 rule for
 * segment breaks), which is how Markdown soft breaks and collapsed
 * whitespace are joined in Chinese text. */
bool cjk_is_wide(uint32_t cp);

/* True when a line break between `before` and `after` (a Markdown soft
 * break, the end of a line of text) joins them with nothing rather than a
 * space: when either is wide.  Chinese text is wrapped anywhere and never
 * spaced, so a break after 。 or a character, or before one, is only where
 * the source's line happened to end (。2024年, 增长12.5个百分点, 使用APP办理);
 * only between two narrow characters (two Latin words) is it one space.
 * Wider than CSS Text 3's rule (both sides wide), which leaves 。 2024年. */
bool cjk_break_joins(uint32_t before, uint32_t after);

/* Punctuation, symbols, spaces other than ASCII whitespace, and invisible
 * formatting characters: ASCII punctuation, Latin-1 signs, general and CJK
 * punctuation (“”、。《》【】…—), fullwidth punctuation (！，：；（）),
 * arrows, box drawing, geometric shapes, emoji, zero-width characters.
 * Numbers like ① Ⅱ 〇 and letters are not punctuation.  Heading anchors
 * drop these; the Latin word count does not count runs made only of them. */
bool cjk_is_punct(uint32_t cp);

/* ---- measures ---- */

/* Counts CJK letters (cjk_is_letter) and Latin words in text[0..len).  A
 * Latin word is a maximal run of characters that are neither whitespace nor
 * wide, containing at least one ASCII letter or digit or a non-ASCII letter
 * ("2024", "e-government", "88.2%" are one word each; "——" is none).
 * all_chars gets every character (as utf8_count counts them), so one pass
 * gives a page's length too.  Any output pointer may be NULL. */
void cjk_count(const char *text, size_t len, size_t *cjk_chars, size_t *latin_words, size_t *all_chars);

/* Reading time in whole minutes, rounded up, at least 1: CJK characters at
 * 400 a minute plus Latin words at 200 a minute. */
int cjk_reading_minutes(size_t cjk_chars, size_t latin_words);

/* A summary of text[0..len) of at most max_chars characters, allocated in a.
 * Whitespace runs collapse to one space, or to nothing: a run of blanks
 * between two wide characters, a run with a line break in it (LF, CR, VT,
 * FF, U+2028, U+2029) where cjk_break_joins says so (the lead's paragraphs
 * are one line each); leading and trailing whitespace go; invalid UTF-8 bytes are
 * dropped.  Text that fits is returned whole.  Otherwise the summary ends at
 * the last sentence end (。！？； or . ! ? before a space or a closing quote) inside
 * the first max_chars characters, with any closing quotes or brackets right
 * after it, if that end lies in the last third of the window; failing that
 * it is cut at max_chars - 1 characters and "…" is appended. */
char *cjk_summary(arena *a, const char *text, size_t len, size_t max_chars);

/* One summary of a text (cjk_summaries): at most max_chars characters, in
 * the arena a; out is set. */
typedef struct {
  size_t max_chars;
  arena *a;
  char *out;
} cjk_window;

/* cjk_summary of text[0..len) for each of the nw windows, from one pass
 * over the text (a page's summary and its search snippet). */
void cjk_summaries(const char *text, size_t len, cjk_window *w, size_t nw);

#endif
