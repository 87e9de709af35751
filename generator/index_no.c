/* index_no: see index_no.h. */
#include "index_no.h"

#include <stdlib.h>
#include <string.h>

#include "fields.h"

/* The value of field in p when it is a valid 索引号, else NULL. */
static const char *valid_of(const page *p, const char *field) {
  const yx_node *v = p->fm ? yx_get(p->fm, field) : NULL;
  const char *s = yx_str(v);
  return s && index_no_valid(s) ? s : NULL;
}

const char *index_no_next(arena *a, const site *s, const char *field, const char *like, int year) {
  if (!like || !index_no_valid(like)) return NULL;
  size_t code = (size_t)(strrchr(like, '/') - like); /* "<code>/": index_no_valid found the slash */
  long top = 0;
  for (size_t i = 0; i < s->npages; i++) {
    const char *v = valid_of(s->pages[i], field);
    if (!v || strncmp(v, like, code + 1) != 0 || strlen(v) != code + 11 || atoi(v + code + 1) != year) continue;
    long serial = strtol(v + code + 6, NULL, 10);
    if (serial > top) top = serial;
  }
  if (top >= 99999) return NULL;
  return arena_printf(a, "%.*s/%04d-%05ld", (int)code, like, year, top + 1);
}

const char *index_no_newest(const site *s, const char *field, const column *col) {
  const page *best = NULL;
  const char *found = NULL;
  for (size_t i = 0; i < s->npages; i++) {
    const page *p = s->pages[i];
    const char *v = (!col || p->column == col) && p->has_date ? valid_of(p, field) : NULL;
    if (v && (!best || p->date.epoch > best->date.epoch ||
              (p->date.epoch == best->date.epoch && strcmp(p->rel, best->rel) > 0)))
      best = p, found = v;
  }
  return found;
}
