/* fields: the formats a front-matter field can be declared with in
 * site.yaml `fields:` (docs/configuration.md), checked once per value with
 * the error at the value's position. */
#ifndef GOVPUB_FIELDS_H
#define GOVPUB_FIELDS_H

#include <stdbool.h>

#include "config.h"
#include "yamlx.h"

/* Checks node `v` of field `fs` in file `src`; reports and returns false
 * when it does not match the declared format.  `value` is the value after
 * value aliases (for enums). */
bool field_check(const site_config *c, const field_spec *fs, const yx_node *v, const char *value,
                 const char *src);

/* 文号: 机关代字〔YYYY〕N号 — six-corner brackets, a four-digit year, a
 * number without leading zeros.  On failure *why says what is wrong. */
bool doc_no_valid(const char *s, const char **why);
/* 索引号: <org code>/<YYYY>-<NNNNN>. */
bool index_no_valid(const char *s);

/* What a value of the field looks like, for an editor: "e.g. 区数据资源局
 * 〔2024〕12号", "one of: 有效, 失效, 废止", "a date: YYYY-MM-DD" …,
 * written into buf (n bytes); NULL for free text.  The hint of a missing
 * required field ends with it, and `govpub new` writes it beside a field
 * it leaves empty. */
const char *field_guide(const field_spec *fs, char *buf, size_t n);

#endif
