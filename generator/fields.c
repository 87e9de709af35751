/* fields: see fields.h. */
#include "fields.h"

#include <string.h>

#include "datetime.h"
#include "diag.h"

static bool all_digits(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9') return false;
  return n > 0;
}

bool doc_no_valid(const char *s, const char **why) {
  static const char open[] = "〔", close[] = "〕", hao[] = "号";
  const char *o = strstr(s, open);
  if (!o) {
    *why = strpbrk(s, "[(") || strstr(s, "【") || strstr(s, "（") || strstr(s, "［")
               ? "the year must stand in six-corner brackets 〔〕, not [] () 【】 or （）"
               : "no year in six-corner brackets 〔〕";
    return false;
  }
  if (o == s) {
    *why = "the issuing organ's code (机关代字) is missing before 〔";
    return false;
  }
  const char *y = o + strlen(open);
  const char *c = strstr(y, close);
  if (!c || c - y != 4 || !all_digits(y, 4)) {
    *why = "the year in 〔〕 must be four digits";
    return false;
  }
  const char *num = c + strlen(close);
  size_t n = strlen(num), hl = strlen(hao);
  if (n <= hl || strcmp(num + n - hl, hao) != 0 || !all_digits(num, n - hl)) {
    *why = "the serial number must be digits followed by 号";
    return false;
  }
  if (num[0] == '0') {
    *why = "the serial number must not have leading zeros";
    return false;
  }
  return true;
}

bool index_no_valid(const char *s) {
  const char *slash = strrchr(s, '/');
  if (!slash || slash == s) return false;
  for (const char *p = s; p < slash; p++)
    if (!((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z'))) return false;
  const char *y = slash + 1;
  return strlen(y) == 10 && all_digits(y, 4) && y[4] == '-' && all_digits(y + 5, 5);
}

const char *field_guide(const field_spec *fs, char *buf, size_t n) {
  switch (fs->format) {
    case FMT_DOC_NO: return "e.g. 区数据资源局〔2024〕12号";
    case FMT_INDEX_NO: return "e.g. 11530199MB0000000X/2024-00012";
    case FMT_DATE: return "a date: YYYY-MM-DD";
    case FMT_DATETIME: return "a date: YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS+08:00";
    case FMT_LIST: return "a list: [a, b]";
    case FMT_PATH: return "a page's .md file, e.g. ../column/name.md";
    case FMT_PATHS: return "a list of pages' .md files: [../column/name.md]";
    case FMT_BOOL: return "true or false";
    case FMT_INT: return "a whole number";
    case FMT_ENUM:
    case FMT_RECORDS: {
      bool e = fs->format == FMT_ENUM;
      const char *const *v = e ? fs->values : fs->keys;
      size_t k = e ? fs->nvalues : fs->nkeys, at = (size_t)snprintf(buf, n, "%s", e ? "one of: " : "items with the keys ");
      for (size_t i = 0; i < k && at < n; i++) at += (size_t)snprintf(buf + at, n - at, "%s%s", i ? ", " : "", v[i]);
      return buf;
    }
    case FMT_TEXT: break;
  }
  return NULL;
}

static bool listed(const char *const *names, size_t n, const char *name) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(names[i], name) == 0) return true;
  return false;
}

/* FMT_RECORDS: a list of mappings with declared keys and single values. */
static bool records_check(const field_spec *fs, const yx_node *v, const char *src) {
  char hint[512] = "";
  for (size_t i = 0; i < fs->nkeys; i++)
    snprintf(hint + strlen(hint), sizeof hint - strlen(hint), "%s%s", i ? ", " : "write items with the keys ",
             fs->keys[i]);
  if (v->kind != YX_SEQ) {
    diag_error(src, v->line, v->col, hint, "\"%s\" must be a list of items", fs->name);
    return false;
  }
  bool ok = true;
  for (size_t i = 0; i < v->n; i++) {
    const yx_node *it = v->items[i];
    if (it->kind != YX_MAP) {
      diag_error(src, it->line, it->col, hint, "items of \"%s\" must be mappings", fs->name);
      ok = false;
      continue;
    }
    for (size_t k = 0; k < it->n; k++) {
      const yx_node *key = it->keys[k];
      if (!listed(fs->keys, fs->nkeys, key->str)) {
        diag_error(src, key->line, key->col, hint, "unknown key \"%s\" in an item of \"%s\"", key->str, fs->name);
        ok = false;
      } else if (it->vals[k]->kind != YX_SCALAR) {
        diag_error(src, it->vals[k]->line, it->vals[k]->col, "write a single value",
                   "\"%s.%s\" must be a single value", fs->name, key->str);
        ok = false;
      }
    }
    for (size_t k = 0; k < fs->nrequired_keys; k++) {
      const yx_node *f = yx_get(it, fs->required_keys[k]);
      if (!f || yx_is_null(f) || (f->kind == YX_SCALAR && f->len == 0)) {
        char h[128];
        snprintf(h, sizeof h, "add `%s:` to the item", fs->required_keys[k]);
        diag_error(src, it->line, it->col, h, "item of \"%s\" is missing \"%s\"", fs->name, fs->required_keys[k]);
        ok = false;
      }
    }
  }
  return ok;
}

bool field_check(const site_config *c, const field_spec *fs, const yx_node *v, const char *value,
                 const char *src) {
  const char *name = fs->name;
  if (fs->format == FMT_RECORDS) return records_check(fs, v, src);
  bool list = fs->format == FMT_LIST || fs->format == FMT_PATHS;
  if (list) {
    if (v->kind == YX_SCALAR || v->kind == YX_SEQ) {
      for (size_t i = 0; v->kind == YX_SEQ && i < v->n; i++)
        if (v->items[i]->kind != YX_SCALAR) {
          diag_error(src, v->items[i]->line, v->items[i]->col, "write plain words",
                     "items of \"%s\" must be single values", name);
          return false;
        }
      return true;
    }
    diag_error(src, v->line, v->col, "write a list: [a, b]", "\"%s\" must be a list", name);
    return false;
  }
  if (v->kind != YX_SCALAR) {
    diag_error(src, v->line, v->col, "write a single value", "\"%s\" must be a single value", name);
    return false;
  }
  gdate d;
  const char *why;
  char hint[160];
  switch (fs->format) {
    case FMT_DATE:
      if (gdate_parse(value, false, &d)) return true;
      diag_error(src, v->line, v->col,
                 gdate_hint(value, "write the date as YYYY-MM-DD, e.g. 2024-11-20", hint, sizeof hint),
                 "\"%s\" is not a valid date: \"%s\"", name, value);
      return false;
    case FMT_DATETIME:
      if (gdate_parse(value, true, &d)) return true;
      diag_error(src, v->line, v->col,
                 gdate_hint(value, "write it as 2024-11-20 or 2024-11-20T10:12:00+08:00", hint, sizeof hint),
                 "\"%s\" is not a valid date and time: \"%s\"", name, value);
      return false;
    case FMT_DOC_NO:
      if (doc_no_valid(value, &why)) return true;
      diag_error(src, v->line, v->col, "write 文号 like 区数据资源局〔2024〕12号",
                 "\"%s\" \"%s\" is not a valid 文号: %s", name, value, why);
      return false;
    case FMT_INDEX_NO:
      if (index_no_valid(value)) return true;
      diag_error(src, v->line, v->col,
                 "write 索引号 as <机构代码>/<年份>-<5位序号>, e.g. 11530199MB0000000X/2024-00012",
                 "\"%s\" \"%s\" is not a valid 索引号", name, value);
      return false;
    case FMT_ENUM:
      for (size_t i = 0; i < fs->nvalues; i++)
        if (strcmp(fs->values[i], value) == 0) return true;
      {
        char allowed[512] = "";
        for (size_t i = 0; i < fs->nvalues; i++) {
          if (i) strncat(allowed, ", ", sizeof allowed - strlen(allowed) - 1);
          strncat(allowed, fs->values[i], sizeof allowed - strlen(allowed) - 1);
        }
        char hint[600];
        snprintf(hint, sizeof hint, "use one of: %s", allowed);
        diag_error(src, v->line, v->col, hint, "\"%s\" has an unknown value \"%s\"", name, value);
      }
      return false;
    case FMT_BOOL:
      if (yx_bool(v) >= 0) return true;
      diag_error(src, v->line, v->col, "write true or false", "\"%s\" must be true or false", name);
      return false;
    case FMT_INT: {
      size_t n = strlen(value), i = value[0] == '-' ? 1 : 0;
      if (n > i && all_digits(value + i, n - i) && n < 10) return true;
      diag_error(src, v->line, v->col, "write a whole number", "\"%s\" must be a whole number", name);
      return false;
    }
    default: (void)c; return true;
  }
}
