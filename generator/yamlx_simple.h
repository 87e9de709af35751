/* yamlx_simple: the common front matter — `key: value` lines, quoted
 * strings, short lists — read without libyaml, into the same tree
 * yamlx_parse makes (yamlx_parse tries this first).
 *
 * Ownership: nodes and strings live in the arena given. */
#ifndef GOVPUB_YAMLX_SIMPLE_H
#define GOVPUB_YAMLX_SIMPLE_H

#include <stddef.h>

#include "arena.h"
#include "yamlx.h"

/* The mapping text[0..len) holds when it is written in the subset
 * described in yamlx_simple.c, lines numbered from line_offset + 1; NULL
 * (nothing reported, nothing worth keeping in the arena) otherwise: then
 * only libyaml may read it. */
yx_node *yamlx_simple(arena *a, const char *text, size_t len, int line_offset);

#endif
