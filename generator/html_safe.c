/* html_safe: see html_safe.h. */
#include "html_safe.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "buf.h"

static bool is_space(char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f'; }
static bool is_alpha(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }

/* Decodes the character reference at s[0] == '&' the way a browser does
 * inside an attribute: numeric references and the names that can spell a
 * scheme (&colon; &Tab; &NewLine;).  Returns the bytes consumed (0 when it
 * is not such a reference). */
static size_t decode_reference(const char *s, size_t n, uint32_t *cp) {
  static const struct { const char *name; uint32_t cp; } names[] = {
      {"&colon;", ':'}, {"&Tab;", '\t'}, {"&NewLine;", '\n'}};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    size_t k = strlen(names[i].name);
    if (n >= k && memcmp(s, names[i].name, k) == 0) {
      *cp = names[i].cp;
      return k;
    }
  }
  if (n < 3 || s[1] != '#') return 0;
  bool hex = s[2] == 'x' || s[2] == 'X';
  size_t i = hex ? 3 : 2, start = i;
  uint32_t v = 0;
  for (; i < n && v <= 0x10FFFF; i++) {
    char ch = s[i];
    if (ch >= '0' && ch <= '9') v = v * (hex ? 16 : 10) + (uint32_t)(ch - '0');
    else if (hex && (ch | 0x20) >= 'a' && (ch | 0x20) <= 'f')
      v = v * 16 + (uint32_t)((ch | 0x20) - 'a' + 10);
    else break;
  }
  if (i == start) return 0;
  if (i < n && s[i] == ';') i++;
  *cp = v;
  return i;
}

bool html_url_is_dangerous(const char *s, size_t n, bool references, bool image_data) {
  char head[20];
  size_t h = 0;
  for (size_t i = 0; i < n && h < sizeof head;) {
    uint32_t cp = (unsigned char)s[i];
    size_t k = 1;
    if (references && cp == '&') {
      k = decode_reference(s + i, n - i, &cp);
      if (!k) cp = '&', k = 1;
    }
    i += k;
    if (cp == '\t' || cp == '\n' || cp == '\r' || (h == 0 && cp <= ' ')) continue;
    head[h++] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp > 0x7E ? '?' : cp);
    if (h == 1 && !strchr("jvfd", head[0])) return false; /* how every scheme in bad[] starts */
  }
  static const char *const bad[] = {"javascript:", "vbscript:", "file:", "data:"};
  static const char *const images[] = {"data:image/png", "data:image/gif", "data:image/jpeg",
                                       "data:image/webp"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    size_t k = strlen(bad[i]);
    if (h < k || memcmp(head, bad[i], k) != 0) continue;
    if (i == 3 && image_data)
      for (size_t j = 0; j < sizeof images / sizeof images[0]; j++) {
        size_t m = strlen(images[j]);
        if (h > m && memcmp(head, images[j], m) == 0 && (head[m] == ';' || head[m] == ',')) return false;
      }
    return true;
  }
  return false;
}

/* Tags whose '<' is written as text: those of cmark-gfm's tagfilter (raw
 * text and RCDATA elements: what follows them is not read as markup), and
 * those that run code or take the page elsewhere (plugins, a new base URL,
 * a refresh, a form posting away), or read what follows another way
 * (noscript is raw text where scripts run; svg and math bring CDATA
 * sections and SVG's animations of href). */
static bool is_filtered_tag(const char *name, size_t n) {
  static const char *const tags[] = {"title", "textarea", "style", "xmp", "iframe", "noembed", "noframes",
                                     "script", "plaintext", "noscript", "svg", "math", "object", "embed",
                                     "applet", "base", "meta", "form", "frame", "frameset", "link"};
  for (size_t i = 0; i < sizeof tags / sizeof *tags; i++)
    if (strlen(tags[i]) == n && strncasecmp(name, tags[i], n) == 0) return true;
  return false;
}

/* Where the comment whose "<!--" ends at s + i ends (just after it), as the
 * tokenizer ends it: at once for <!--> and <!--->, else at the first -->
 * or --!>, else at the end of the text. */
static size_t comment_end(const char *s, size_t i, size_t n) {
  if (i < n && s[i] == '>') return i + 1;
  if (i + 1 < n && s[i] == '-' && s[i + 1] == '>') return i + 2;
  for (; i + 2 < n; i++) {
    if (s[i] != '-' || s[i + 1] != '-') continue;
    if (s[i + 2] == '>') return i + 3;
    if (i + 3 < n && s[i + 2] == '!' && s[i + 3] == '>') return i + 4;
  }
  return n;
}

/* The tag whose name starts at s + i: its attributes read as the tokenizer
 * reads them, event attributes left out and dangerous URLs emptied in
 * `out` (what precedes s + *copied written there first).  Returns the
 * index just after its '>', or 0 when the text ends first. */
static size_t tag(const char *s, size_t i, size_t n, buf *out, size_t *copied) {
  while (i < n && !is_space(s[i]) && s[i] != '/' && s[i] != '>') i++;
  for (;;) {
    while (i < n && (is_space(s[i]) || s[i] == '/')) i++; /* before an attribute's name */
    if (i >= n) return 0;
    if (s[i] == '>') return i + 1;
    size_t name = i++; /* the name's first character may be '=' */
    while (i < n && !is_space(s[i]) && s[i] != '/' && s[i] != '>' && s[i] != '=') i++;
    bool is_src = i - name == 3 && strncasecmp(s + name, "src", 3) == 0;
    bool is_handler = i - name > 2 && strncasecmp(s + name, "on", 2) == 0;
    size_t name_end = i;
    while (i < n && is_space(s[i])) i++;
    if (i >= n || s[i] != '=') { /* no value */
      if (is_handler) {
        buf_put(out, s + *copied, name - *copied);
        *copied = name_end;
      }
      continue;
    }
    i++;
    while (i < n && is_space(s[i])) i++;
    if (i < n && s[i] == '>') { /* name= with no value */
      if (is_handler) {
        buf_put(out, s + *copied, name - *copied);
        *copied = i;
      }
      return i + 1;
    }
    size_t vs, ve;
    bool quoted = i < n && (s[i] == '"' || s[i] == '\'');
    if (quoted) {
      char q = s[i++];
      vs = i;
      while (i < n && s[i] != q) i++;
      if (i >= n) return 0;
      ve = i++;
    } else {
      vs = i;
      while (i < n && !is_space(s[i]) && s[i] != '>') i++;
      ve = i;
    }
    if (is_handler) { /* name="value" left out */
      buf_put(out, s + *copied, name - *copied);
      *copied = i;
    } else if (html_url_is_dangerous(s + vs, ve - vs, true, is_src)) {
      buf_put(out, s + *copied, vs - *copied);
      if (!quoted) buf_puts(out, "\"\"");
      *copied = ve;
    }
  }
}

/* Appends s[from..n) to out with every '<' written &lt;: text to a browser. */
static void put_as_text(buf *out, const char *s, size_t from, size_t n) {
  for (const char *lt; from < n && (lt = memchr(s + from, '<', n - from)) != NULL;) {
    buf_put(out, s + from, (size_t)(lt - s) - from);
    buf_puts(out, "&lt;");
    from = (size_t)(lt - s) + 1;
  }
  if (from < n) buf_put(out, s + from, n - from);
}

/* One pass of html_neutralise; NULL when nothing changed.  Linear: a tag
 * is read once (read again from each '<' after an unfinished one, the
 * rest of a long text made of them took its square). */
static const char *neutralise_once(arena *a, const char *s) {
  size_t n = strlen(s), i = 0, copied = 0;
  bool changed = false;
  buf out = BUF_INIT;
  while (i < n) {
    if (s[i] != '<') {
      i++;
      continue;
    }
    size_t lt = i;
    char c1 = i + 1 < n ? s[i + 1] : '\0', c2 = i + 2 < n ? s[i + 2] : '\0';
    size_t skip = 0; /* a comment: where it ends */
    if (c1 == '!' && c2 == '-' && i + 3 < n && s[i + 3] == '-') {
      skip = comment_end(s, i + 4, n);
    } else if (c1 == '!' || c1 == '?' || (c1 == '/' && !is_alpha(c2))) { /* bogus comments; </> too */
      const char *gt = memchr(s + i + 2, '>', n - (i + 2));
      skip = gt ? (size_t)(gt - s) + 1 : n;
    }
    if (skip) { /* left out */
      buf_put(&out, s + copied, lt - copied);
      copied = i = skip;
      changed = true;
      continue;
    }
    bool unfinished = false;
    if (is_alpha(c1) || c1 == '/') { /* a start or end tag */
      size_t name = lt + 1 + (c1 == '/'), len = 0;
      while (name + len < n && !is_space(s[name + len]) && s[name + len] != '/' && s[name + len] != '>') len++;
      if (!is_filtered_tag(s + name, len)) {
        size_t mark = out.len, was = copied, end = tag(s, name, n, &out, &copied);
        if (end) {
          changed |= copied != was;
          i = end;
          continue;
        }
        out.len = mark; /* its edits undone */
        copied = was;
        unfinished = true;
      }
    }
    buf_put(&out, s + copied, lt - copied);
    changed = true;
    if (unfinished) { /* no '>' ends it, so nothing after it is a tag the browser reads as one before */
      put_as_text(&out, s, lt, n); /* the node ends: all of it as text */
      copied = i = n;
      continue;
    }
    buf_puts(&out, "&lt;"); /* a filtered tag, or a '<' that is text ("< ", "<1", the node's last): */
    copied = i = lt + 1;    /* what follows read again, as text, and nothing left out can make it a tag */
  }
  if (!changed) {
    buf_free(&out);
    return NULL;
  }
  buf_put(&out, s + copied, n - copied);
  char *r = arena_strndup(a, buf_cstr(&out), out.len);
  buf_free(&out);
  return r;
}

/* A pass changes what it removes around: a comment left out can join a
 * '<' before it to the letters after it (<<!---->img …>), an event
 * attribute left out can give the "=value" after it to the attribute
 * before it (x onclick=y =" …">).  So the result is read again, as the
 * browser will read it, until a pass finds nothing to change (each pass
 * that changes removes a '<' or some bytes: it ends). */
#define MAX_PASSES 8 /* ordinary raw HTML settles in one or two */

const char *html_neutralise(arena *a, const char *s) {
  const char *out = NULL;
  int passes = 0;
  for (const char *next; (next = neutralise_once(a, out ? out : s)) != NULL;) {
    out = next;
    if (++passes == MAX_PASSES) { /* built to keep changing: all of it as text */
      buf b = BUF_INIT;
      put_as_text(&b, out, 0, strlen(out));
      out = arena_strndup(a, buf_cstr(&b), b.len);
      buf_free(&b);
      break;
    }
  }
  return out;
}
