/* cmd_releases: `govpub releases` — the releases kept in the output
 * folder, with what publish.log says about each. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "cmd.h"
#include "cmdline.h"
#include "diag.h"
#include "fsx.h"
#include "publish_log.h"
#include "release.h"

static const char help[] =
    "usage: govpub releases [--out DIR]\n"
    "\n"
    "Lists the releases kept in OUT/releases, oldest first: id, when it was\n"
    "published and by whom, its pages (from OUT/publish.log; \"-\" for a\n"
    "release the log does not know, e.g. one made by govpub build), and which\n"
    "one OUT/current (\"*\", served) and OUT/preview point at.\n"
    "\n"
    "  --out DIR      the output folder (default ./out)\n"
    "  -h, --help     this text\n"
    "\n"
    "exit status: 0, 3 when the folder cannot be read\n";

/* The last successful publish entry of each release in the log. */
static const char *log_line(arena *a, char *log, const char *id) {
  const char *found = NULL;
  char want[128];
  snprintf(want, sizeof want, "\"release\":\"%s\"", id);
  for (char *line = log; line && *line;) {
    char *nl = strchr(line, '\n');
    if (nl) *nl = '\0';
    if (strstr(line, want) && strstr(line, "\"action\":\"publish\"") && strstr(line, "\"result\":\"ok\""))
      found = arena_strdup(a, line);
    if (nl) *nl = '\n';
    line = nl ? nl + 1 : NULL;
  }
  return found;
}

/* "2024-11-20T10:12:00Z" → "2024-11-20 10:12:00 UTC"; from the id when
 * the log has nothing. */
static const char *when(arena *a, const char *line, const char *id) {
  const char *t = line ? audit_field(a, line, "time") : NULL;
  if (t && strlen(t) == 20) return arena_printf(a, "%.10s %.8s UTC", t, t + 11);
  if (strlen(id) >= 15)
    return arena_printf(a, "%.4s-%.2s-%.2s %.2s:%.2s:%.2s UTC", id, id + 4, id + 6, id + 9, id + 11, id + 13);
  return "-";
}

int cmd_releases(int argc, char **argv) {
  cmdline c = {.name = "releases", .help = help};
  int rc = cmdline_parse(&c, argc, argv);
  if (rc >= 0) return rc;
  arena *a = arena_new();
  const char **ids;
  size_t n;
  if (release_list(a, c.out, &ids, &n) != 0) {
    diag_system(c.out, "cannot list the releases");
    diag_flush(NULL);
    arena_free(a);
    return EXIT_SYSTEM;
  }
  size_t len;
  char *log = fsx_read_arena(a, path_join(a, c.out, "publish.log"), &len);
  const char *cur = release_linked(a, c.out, "current"), *pre = release_linked(a, c.out, "preview");
  for (size_t i = 0; i < n; i++) {
    const char *line = log ? log_line(a, log, ids[i]) : NULL;
    const char *pages = line ? strstr(line, "\"pages\":") : NULL;
    const char *user = line ? audit_field(a, line, "user") : NULL;
    bool is_cur = strcmp(ids[i], cur) == 0, is_pre = strcmp(ids[i], pre) == 0;
    char np[32] = "-";
    if (pages) snprintf(np, sizeof np, "%ld", strtol(pages + 8, NULL, 10));
    const char *marks = is_cur && is_pre ? "current, preview" : is_cur ? "current" : is_pre ? "preview" : "";
    printf("%s %-20s %s  %6s pages  %s%s%s\n", is_cur ? "*" : " ", ids[i], when(a, line, ids[i]), np,
           user ? user : "-", *marks ? "  " : "", marks);
  }
  if (n == 0) diag_print("govpub: no releases in %s/releases", c.out);
  arena_free(a);
  return EXIT_OK;
}
