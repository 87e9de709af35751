/* config: site.yaml read into a typed configuration, every problem reported
 * at site.yaml:line:col (docs/configuration.md is the reference).
 *
 * Ownership: the configuration and all its strings live in the site arena
 * passed to config_load; the parsed YAML tree is kept (footer and unknown
 * keys are handed to templates as they are). */
#ifndef GOVPUB_CONFIG_H
#define GOVPUB_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "yamlx.h"

typedef enum {
  FMT_TEXT, FMT_DATE, FMT_DATETIME, FMT_DOC_NO, FMT_INDEX_NO, FMT_ENUM,
  FMT_LIST, FMT_PATH, FMT_PATHS, FMT_BOOL, FMT_INT, FMT_RECORDS
} field_format;

typedef struct {
  const char *name;
  field_format format;
  const char **values; /* FMT_ENUM */
  size_t nvalues;
  const char *default_value;
  bool unique;
  const char **keys;          /* FMT_RECORDS: the keys an item may have */
  size_t nkeys;
  const char **required_keys; /* FMT_RECORDS: the keys every item must have */
  size_t nrequired_keys;
} field_spec;

typedef struct {
  const char *name;
  const char **required;
  size_t nrequired;
  const char *layout; /* optional layout name for pages of this type */
  int layout_line, layout_col; /* where site.yaml names it */
  const char *flag;   /* "type_<name>": the templates' flag for pages of this type */
} type_spec;

typedef struct {
  const char *path;  /* folder under content/, e.g. "policy/jiedu" */
  const char *cls;   /* column class: 动态, 政策文件 … (freshness rules) */
  const char *type;  /* default content type of its pages */
  int line, col;     /* where it is declared */
  bool used;         /* a content folder exists for it */
} column_cfg;

typedef struct {
  const char *dir, *to; /* site folder and where it lands in the output ("" = root) */
  int line, col;        /* where static: names it; 1:1 for the default (no static:) */
  bool implicit;        /* the default: a site without the folder has no files of its own */
} static_cfg;

typedef struct {
  const char *from, *to;
} key_alias;

typedef struct {
  const char *field, *from, *to;
} value_alias;

typedef struct site_config {
  const char *root;      /* the site folder */
  const char *file;      /* "site.yaml" path used in messages */
  yx_node *yaml;         /* the whole parsed file */
  const char *title, *description, *language, *theme;
  const char **keywords;
  size_t nkeywords;
  const char *base_url;  /* as written, ending with '/' */
  const char *domain;    /* host of base_url */
  const char *base_path; /* path of base_url: "/" or "/sjzyj/" */
  int paginate, summary_length, home_latest, keep_releases;
  int sitemap_max_urls; /* URLs per sitemap file (the Sitemaps protocol's and Baidu's limit: 50,000) */
  bool raw_html, relative_urls;
  yx_node *footer;
  static_cfg *statics;
  size_t nstatics;
  column_cfg *columns;
  size_t ncolumns;
  type_spec *types;
  size_t ntypes;
  field_spec *fields;
  size_t nfields;
  key_alias *key_aliases;
  size_t nkey_aliases;
  value_alias *value_aliases;
  size_t nvalue_aliases;
  const char *theme_dir; /* resolved theme folder */
  const char *datadir;   /* where installed themes live (govpub_datadir, its real path): the missing-layout
                          * hint names the default theme's layouts there */
  const char **quick_links; /* home: columns shown as quick links (快速入口) */
  size_t nquick_links;
  const char *highlights;   /* home: the column whose newest charts are highlighted */
  int highlights_count;
  int home_line;            /* where home: is, for messages */
  const char *scan_words;   /* scan.words: the dictionaries' folder, site-relative (words) */
  int scan_gap;             /* scan.gap: noise allowed inside a word (2) */
  bool scan_code;           /* scan.code: scan code blocks and inline code too (false) */
  yx_node *catalog;         /* catalog: (docs/catalog.md), read by catalog.c; NULL when absent */
} site_config;

/* Reads <root>/site.yaml.  Returns NULL when the file cannot be read or has
 * problems (all reported).  `datadir` is where installed themes live. */
site_config *config_load(arena *a, const char *root, const char *datadir);
/* Names each key a site fills in before it is published (title, base_url,
 * the footer's required ones) that is missing or empty, and a
 * footer.correction_url on the 我要纠错 platform that lacks the site's
 * 网站标识码 (the platform's address alone reaches no site's page): as
 * errors when `fatal` (a publishing build, govpub check), else as warnings
 * (a preview builds without them: govpub init leaves them to fill in).
 * True when it reported an error. */
bool config_unfilled(const site_config *c, bool fatal);
/* Where config_unfilled says `parent`.`key` (parent NULL: the top level)
 * is missing or empty — the key, else the map it belongs in; NULL when the
 * key is filled in.  govpub check reads it to tell what every built page
 * lacks because of site.yaml from what a page lacks itself. */
const yx_node *config_unfilled_at(const site_config *c, const char *parent, const char *key);

const column_cfg *config_column(const site_config *c, const char *path);
const type_spec *config_type(const site_config *c, const char *name);
const field_spec *config_field(const site_config *c, const char *name);
/* The canonical name of a front-matter key (aliases applied). */
const char *config_canonical_key(const site_config *c, const char *key);
/* The canonical spelling of a field's value (value aliases applied). */
const char *config_canonical_value(const site_config *c, const char *field, const char *value);

#endif
