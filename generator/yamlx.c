/* yamlx: see yamlx.h.  A stack of open collections is kept while libyaml's
 * events arrive; anchors are remembered in a small array (documents here
 * have few). */
#include "yamlx.h"

#include <string.h>
#include <yaml.h>

#include "cjk.h"
#include "diag.h"
#include "yamlx_simple.h"

#define YX_MAX_NODES 1000000 /* far beyond any real site file */

typedef struct {
  const char *name;
  yx_node *node;
} anchor;

typedef struct {
  arena *a;
  const char *path;
  int line_offset;
  yx_node *stack[YX_MAX_DEPTH];
  int depth;
  anchor *anchors;
  size_t nanchors, capanchors;
  size_t nodes;
  bool failed;
} builder;

static yx_node *new_node(builder *b, yx_kind k, yaml_mark_t m) {
  yx_node *n = arena_calloc(b->a, 1, sizeof *n);
  n->kind = k;
  n->line = (int)m.line + 1 + b->line_offset;
  n->col = (int)m.column + 1;
  b->nodes++;
  return n;
}

static void push_item(builder *b, yx_node *parent, yx_node *child, yx_node **pending_key) {
  size_t room = yx_room_for_next(parent->n);
  if (parent->kind == YX_SEQ) {
    if (room) parent->items = arena_grow(b->a, parent->items, parent->n, room, sizeof(yx_node *));
    parent->items[parent->n++] = child;
    return;
  }
  /* map: alternate key, value */
  if (!*pending_key) {
    if (parent->n >= YX_MAX_KEYS) { /* the parse stops here */
      diag_error(b->path, child->line, child->col, "put the data in a file of its own (a CSV), or split it",
                 "over %d keys in one mapping", YX_MAX_KEYS);
      b->failed = true;
      *pending_key = child;
      return;
    }
    if (child->kind != YX_SCALAR) {
      diag_error(b->path, child->line, child->col, "write keys as plain words",
                 "a mapping key must be a plain value");
      b->failed = true;
    }
    for (size_t i = 0; child->kind == YX_SCALAR && i < parent->n; i++)
      if (parent->keys[i]->str && strcmp(parent->keys[i]->str, child->str) == 0) {
        diag_error(b->path, child->line, child->col, "remove one of the two entries",
                   "duplicate key \"%s\" (first at line %d)", child->str, parent->keys[i]->line);
        b->failed = true;
      }
    *pending_key = child;
    return;
  }
  if (room) {
    parent->keys = arena_grow(b->a, parent->keys, parent->n, room, sizeof(yx_node *));
    parent->vals = arena_grow(b->a, parent->vals, parent->n, room, sizeof(yx_node *));
  }
  parent->keys[parent->n] = *pending_key;
  parent->vals[parent->n++] = child;
  *pending_key = NULL;
}

static void remember_anchor(builder *b, const yaml_char_t *name, yx_node *n) {
  if (!name) return;
  if (b->nanchors == b->capanchors) {
    size_t cap = b->capanchors ? b->capanchors * 2 : 8;
    b->anchors = arena_grow(b->a, b->anchors, b->nanchors, cap, sizeof(anchor));
    b->capanchors = cap;
  }
  b->anchors[b->nanchors++] = (anchor){arena_strdup(b->a, (const char *)name), n};
}

/* How many nodes `n` stands for once every alias inside it is expanded, as
 * a reader of the tree walks it; counting stops past `budget`, so a billion
 * laughs costs no more than the budget to measure. */
static size_t expansion(const yx_node *n, size_t budget) {
  size_t total = 1;
  for (size_t i = 0; i < n->n && total <= budget; i++) {
    if (n->kind == YX_MAP) total += expansion(n->keys[i], budget - total);
    if (total <= budget)
      total += expansion(n->kind == YX_MAP ? n->vals[i] : n->items[i], budget - total);
  }
  return total;
}

/* True when `n` is a collection still open (an alias to it would make the
 * tree a cycle). */
static bool is_open(const builder *b, const yx_node *n) {
  for (int i = 0; i < b->depth; i++)
    if (b->stack[i] == n) return true;
  return false;
}

static yx_node *find_anchor(builder *b, const yaml_char_t *name) {
  for (size_t i = b->nanchors; i-- > 0;)
    if (strcmp(b->anchors[i].name, (const char *)name) == 0) return b->anchors[i].node;
  return NULL;
}

yx_node *yamlx_parse(arena *a, const char *path, const char *text, size_t len,
                     int line_offset, bool want_map) {
  if (len > UINT32_MAX) { /* a scalar's length is 32 bits (yx_node) */
    diag_error(path, 1, 1, "split the file", "YAML document too large (over 4 GB)");
    return NULL;
  }
  yx_node *simple = yamlx_simple(a, text, len, line_offset);
  return simple ? simple : yamlx_parse_events(a, path, text, len, line_offset, want_map);
}

/* libyaml's syntax error.  Where what it was reading when it noticed (its
 * context) is a quoted value, a [...] or {...}, or a key, and began on an
 * earlier line, the error stands where it began: an unclosed quote or
 * bracket is noticed only where the document ends, lines below the spot to
 * mend.  Other contexts (a block mapping, a plain value) can begin far
 * above a problem that is where it is noticed (a tab, a stray colon). */
static void report_syntax(const char *path, const yaml_parser_t *p, int line_offset) {
  const char *problem = p->problem ? p->problem : "syntax error";
  const char *context = p->context;
  int pline = (int)p->problem_mark.line + 1 + line_offset, pcol = (int)p->problem_mark.column + 1;
  int cline = (int)p->context_mark.line + 1 + line_offset, ccol = (int)p->context_mark.column + 1;
  bool opened = context && (strstr(context, "quoted scalar") || strstr(context, "a flow ") || strstr(context, "simple key"));
  if (!opened || cline >= pline) {
    diag_error(path, pline, pcol, "check indentation, colons and quotes around this spot", "invalid YAML: %s%s%s",
               problem, context ? " " : "", context ? context : "");
    return;
  }
  const char *hint = strstr(context, "quoted scalar") ? "end the quoted value with the quote mark it starts with, or write it without quotes"
                     : strstr(context, "a flow ")     ? "close the [ or { that starts here, with commas between its items"
                                                      : "end the key with a colon and a space, like title: 标题";
  diag_error(path, cline, ccol, hint, "invalid YAML: %s at line %d, column %d, %s that starts here", problem, pline,
             pcol, context);
}

/* A double-quoted value can write a control character as an escape
 * ("\x01", "\e", "\u0085"), which text_check cannot see in the file;
 * HTML and XML forbid them in a page like the raw ones.  Tab and line
 * breaks pass. */
static bool escaped_controls_ok(const builder *b, const yx_node *n) {
  for (size_t i = 0; i < n->len;) {
    unsigned char ch = (unsigned char)n->str[i];
    uint32_t cp = ch;
    size_t k = ch < 0x80 ? 1 : utf8_decode(n->str + i, n->len - i, &cp);
    if (k == 0) return true; /* libyaml checked the text: not reached */
    if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0x7F && cp <= 0x9F)) {
      diag_error(b->path, n->line, n->col, "remove the escape: a page cannot show a control character",
                 "control character U+%04X in a quoted value (written as an escape such as \\x%02X)",
                 (unsigned)cp, (unsigned)cp);
      return false;
    }
    i += k;
  }
  return true;
}

yx_node *yamlx_parse_events(arena *a, const char *path, const char *text, size_t len,
                            int line_offset, bool want_map) {
  yaml_parser_t p;
  if (!yaml_parser_initialize(&p)) {
    diag_system_at(0, NULL, path, "cannot start the YAML parser");
    return NULL;
  }
  if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) { /* a BOM: libyaml, told the encoding, */
    text += 3;                                              /* would take it for content */
    len -= 3;
  }
  yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
  yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
  builder b = {.a = a, .path = path, .line_offset = line_offset};
  yx_node *root = NULL, *pending[YX_MAX_DEPTH] = {0};
  int docs = 0;
  for (bool done = false; !done && !b.failed;) {
    yaml_event_t ev;
    if (!yaml_parser_parse(&p, &ev)) {
      report_syntax(path, &p, line_offset);
      b.failed = true;
      break;
    }
    yx_node *n = NULL;
    switch (ev.type) {
      case YAML_STREAM_END_EVENT: done = true; break;
      case YAML_DOCUMENT_START_EVENT:
        if (++docs > 1) {
          diag_error(path, (int)ev.start_mark.line + 1 + line_offset, 1,
                     "keep one YAML document per file", "a second YAML document (---) here");
          b.failed = true;
        }
        break;
      case YAML_SCALAR_EVENT:
        n = new_node(&b, YX_SCALAR, ev.start_mark);
        n->str = arena_strndup(a, (const char *)ev.data.scalar.value, ev.data.scalar.length);
        n->len = ev.data.scalar.length;
        n->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        if (ev.data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE && !escaped_controls_ok(&b, n)) b.failed = true;
        remember_anchor(&b, ev.data.scalar.anchor, n);
        break;
      case YAML_ALIAS_EVENT:
        n = find_anchor(&b, ev.data.alias.anchor);
        if (!n) {
          diag_error(path, (int)ev.start_mark.line + 1 + line_offset, (int)ev.start_mark.column + 1,
                     "define the anchor (&name) before using it", "unknown alias *%s",
                     (const char *)ev.data.alias.anchor);
          b.failed = true;
        } else if (is_open(&b, n)) {
          diag_error(path, (int)ev.start_mark.line + 1 + line_offset, (int)ev.start_mark.column + 1,
                     "write the value out instead of referring to the list or mapping around it",
                     "alias *%s refers to a list or mapping that contains it",
                     (const char *)ev.data.alias.anchor);
          b.failed = true;
        } else if ((b.nodes += expansion(n, YX_MAX_NODES)) > YX_MAX_NODES) {
          diag_error(path, (int)ev.start_mark.line + 1 + line_offset, (int)ev.start_mark.column + 1,
                     "write the values out, or use fewer aliases",
                     "YAML aliases expand to over %d values", YX_MAX_NODES);
          b.failed = true;
        }
        break;
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT: {
        yx_node *c = new_node(&b, ev.type == YAML_SEQUENCE_START_EVENT ? YX_SEQ : YX_MAP, ev.start_mark);
        remember_anchor(&b, ev.type == YAML_SEQUENCE_START_EVENT ? ev.data.sequence_start.anchor
                                                                 : ev.data.mapping_start.anchor, c);
        if (b.depth > 0) push_item(&b, b.stack[b.depth - 1], c, &pending[b.depth - 1]);
        else root = c;
        if (b.depth == YX_MAX_DEPTH - 1) {
          diag_error(path, c->line, c->col, "flatten the structure", "YAML nested too deeply");
          b.failed = true;
          break;
        }
        pending[b.depth] = NULL;
        b.stack[b.depth++] = c;
        break;
      }
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: b.depth--; break;
      default: break;
    }
    if (n && !b.failed) {
      if (b.depth > 0) push_item(&b, b.stack[b.depth - 1], n, &pending[b.depth - 1]);
      else root = n;
    }
    if (b.nodes > YX_MAX_NODES && !b.failed) {
      diag_error(path, (int)ev.start_mark.line + 1 + line_offset, 1, "split the file",
                 "YAML document too large (over %d nodes)", YX_MAX_NODES);
      b.failed = true;
    }
    yaml_event_delete(&ev);
  }
  yaml_parser_delete(&p);
  if (b.failed) return NULL;
  if (!root || (root->kind == YX_SCALAR && yx_is_null(root))) {
    root = arena_calloc(a, 1, sizeof *root);
    root->kind = YX_MAP;
    root->line = 1 + line_offset;
    root->col = 1;
  }
  if (want_map && root->kind != YX_MAP) {
    diag_error(path, root->line, root->col, "write `key: value` lines",
               "expected a mapping at the top level, found a %s", yx_kind_name(root->kind));
    return NULL;
  }
  return root;
}

/* The index of `key` in a map, or -1.  The first byte is compared before
 * the string: front matter lookups are a tenth of a model's load. */
static long key_index(const yx_node *map, const char *key) {
  if (!map || map->kind != YX_MAP) return -1;
  for (size_t i = 0; i < map->n; i++) {
    const char *s = map->keys[i]->str;
    if (s && s[0] == key[0] && strcmp(s, key) == 0) return (long)i;
  }
  return -1;
}

yx_node *yx_key(const yx_node *map, const char *key) {
  long i = key_index(map, key);
  return i < 0 ? NULL : map->keys[i];
}

yx_node *yx_get(const yx_node *map, const char *key) {
  long i = key_index(map, key);
  return i < 0 ? NULL : map->vals[i];
}

const yx_node *yx_holder(const yx_node *v, const char *str) {
  for (size_t i = 0; v && v->kind == YX_SEQ && i < v->n; i++)
    if (v->items[i]->kind == YX_SCALAR && v->items[i]->str == str) return v->items[i];
  return v;
}

const char *yx_str(const yx_node *n) { return n && n->kind == YX_SCALAR ? n->str : NULL; }

bool yx_is_null(const yx_node *n) {
  if (!n || n->kind != YX_SCALAR || !n->plain) return false;
  return n->len == 0 || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0 ||
         strcmp(n->str, "Null") == 0 || strcmp(n->str, "NULL") == 0;
}

int yx_bool(const yx_node *n) {
  if (!n || n->kind != YX_SCALAR || !n->plain) return -1;
  static const char *t[] = {"true", "True", "TRUE", "yes", "Yes", "on"};
  static const char *f[] = {"false", "False", "FALSE", "no", "No", "off"};
  for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
    if (strcmp(n->str, t[i]) == 0) return 1;
    if (strcmp(n->str, f[i]) == 0) return 0;
  }
  return -1;
}

const char *yx_kind_name(yx_kind k) {
  return k == YX_SCALAR ? "single value" : k == YX_SEQ ? "list" : "mapping";
}
