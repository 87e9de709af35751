/* search_token: the tokenizer of the site search (docs/search.md), at index
 * time.  themes/default/static/js/search.js runs the same rules on the
 * reader's query; tests/fixtures/search-tokens.txt holds the cases both must
 * agree on (the C unit test and tests/browser/search-tokens.mjs read it).
 *
 * Chinese has no spaces, so text is not cut into words: every CJK letter
 * (cjk_is_letter) is a token of its own, and so is every pair of adjacent
 * CJK letters (a bigram).  A query of one CJK letter looks up that letter; a
 * longer run of CJK letters looks up its bigrams, which any text containing
 * the run also contains.  Latin words and numbers (maximal runs of ASCII
 * letters and digits, Latin-1/Latin Extended letters, Greek, Cyrillic) are
 * tokens as a whole, lower-cased, cut to SEARCH_WORD_MAX code points.
 *
 * Before classifying, fullwidth ASCII (Ａ１，) becomes ASCII and ASCII
 * letters become lower case; nothing else is folded (no NFKC, no
 * traditional → simplified), so the query side needs no Unicode tables
 * beyond the CJK letter ranges.  Everything else separates tokens.
 *
 * Index mode also joins two CJK letters across whitespace (a line break or
 * a stray space inside a Chinese sentence) into a bigram; query mode does
 * not, so a space in a query means "both parts", as readers expect.
 *
 * Ownership: tokens are handed to the callback in a buffer that is only
 * valid during the call.
 *
 * search_tokenize_index is index mode for a caller that takes runs of
 * U+4E00..U+9FFF (most of any Chinese text) whole: at the first letter of
 * such a run it calls `run`, which takes the run's letters and inner
 * bigrams and says how long the run is, so the caller can work on code
 * points without a call per token and the bytes are read once.  The tokens are
 * the same as search_tokenize's (the bigram joining a run to the letter
 * before it still comes through `fn`); only their order differs. */
#ifndef GOVPUB_SEARCH_TOKEN_H
#define GOVPUB_SEARCH_TOKEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SEARCH_WORD_MAX 32

typedef void (*search_token_fn)(void *ud, const char *tok, size_t len);

/* Calls fn for each token of text[0..len) in text order (duplicates
 * included).  query: the query rules (CJK runs of two or more letters give
 * only their bigrams; no joining across whitespace). */
void search_tokenize(const char *text, size_t len, bool query, search_token_fn fn, void *ud);

/* At a letter of U+4E00..U+9FFF (three bytes) in the text, which ends at
 * `end`: takes the run of such letters that starts there (up to the first
 * bytes that utf8_unified_han rejects) and returns the number of bytes it
 * took (at least 3).  The run's tokens are each letter and each pair of
 * neighbours.  It may go on past the run: over one character that
 * separates tokens (search_token_separates) to the run of such letters
 * right after it, and so on, as long as it stops after a letter of
 * U+4E00..U+9FFF; each run's tokens are its own (no pair across the
 * separator). */
typedef size_t (*search_run_fn)(void *ud, const char *at, const char *end);

/* True when the character cp only separates tokens (it is neither part of
 * a word, a CJK letter nor whitespace once folded): what a search_run_fn
 * may step over between two runs. */
bool search_token_separates(uint32_t cp);

/* Index mode, runs of U+4E00..U+9FFF through `run`, other tokens through fn. */
void search_tokenize_index(const char *text, size_t len, search_token_fn fn, search_run_fn run, void *ud);

#endif
