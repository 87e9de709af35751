/* site: the site model — every content page with its front matter, the
 * column tree, taxonomies, and the lookups that resolve links.
 *
 * Data flows one way (DESIGN §9): site_load walks content/ and parses every
 * file (front matter now, Markdown later at render time), site_link wires
 * the model (URLs, columns, policy ↔ interpretation, taxonomies, prev/next)
 * and checks what needs the whole site (unique 索引号, broken references).
 *
 * Ownership: the site and everything in it live in the site's arenas (one
 * per loader thread, freed together by site_free).  A page's source text is
 * not part of the model: the loader reads it, checks it and parses its front
 * matter, then drops it; a render reads it again into its own arena
 * (site_page_text) and drops it with that arena (text and body NULL again),
 * so the model of 100k pages does not hold their 500 MB of Markdown. */
#ifndef GOVPUB_SITE_H
#define GOVPUB_SITE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "config.h"
#include "datetime.h"
#include "fsx.h"
#include "strmap.h"
#include "yamlx.h"

typedef struct page page;
typedef struct column column;

/* The files a page is made from: the review bundle, the link check and
 * incremental builds all use this one list. */
typedef struct {
  const char **paths; /* relative to the site root */
  size_t n, cap;
} input_list;

typedef struct {
  const char *name, *slug, *url; /* url: site-relative, "tags/数据开放/" */
  page **pages;                  /* sorted newest first */
  size_t npages, cap;
} term;

typedef struct {
  const char *key;   /* "tags" or "topics" */
  const char *title; /* 标签, 专题 */
  const char *url;   /* "tags/" */
  term **terms;      /* sorted by name */
  size_t nterms;
  strmap *by_written; /* a name as a page writes it → its term (none for one too long to be a folder) */
} taxonomy;

struct column {
  const char *path; /* folder under content/ ("" for the root) */
  const char *url;  /* site-relative URL, "policy/jiedu/" ("" for the home page) */
  const column_cfg *cfg;
  page *index;      /* its _index.md (NULL for the root without one) */
  page *index_file; /* its _index.md file, built or not (NULL: there is none) */
  column *parent;
  column **children;
  size_t nchildren;
  page **pages;     /* articles built in this build, sorted (weight, newest listed first) */
  size_t npages, cap;
  int fd;           /* its folder, open while the site lives (files are read and stamped relative to
                       it: one step of path lookup, not the whole path's), or -1 */
  fsx_stamp stamp;  /* its folder's (fsx_folder_stamp_at: ctime), taken after the walk listed it
                       (site.listed_ns); size -1: none */
  bool taken;       /* it, or a column above it, is named as what govpub writes (site_reserved_name):
                       reported at site.yaml by site_link */
};

struct page {
  const char *src;  /* path shown in messages (content_path) */
  const char *rel;  /* path under content/: "policy/x.md" */
  char *text;       /* the whole file while it is loaded or rendered, else NULL */
  size_t text_len;
  bool text_checked; /* text passed text_check (valid UTF-8): md_render need not check it again */
  const char *body; /* Markdown after the front matter */
  size_t body_len;
  int body_line;    /* file line of the body's first line, minus one */
  yx_node *fm;      /* front matter, canonical keys (aliases applied); NULL when the
                     * file could not be loaded, which was reported: references to
                     * it report nothing more (the one cause, not its echoes) */
  yx_node *raw_fm;  /* front matter as parsed, keys as written (build_state keeps it) */
  uint64_t fm_hash; /* of the front matter's bytes: did it change since the last build? */
  fsx_stamp stamp;  /* the file's size, time and inode when it was read (a render's
                       reading must find the same) */
  bool from_memo;   /* loaded from the previous build's state, not read: text is NULL */
  column *column;
  bool is_index;    /* an _index.md: the column's own page */
  bool bad_name;    /* its file's name is one no file under content/ may have (site_name_problem):
                       said at load, once; page_fields then asks nothing more of it */
  bool built;       /* part of this build (not a draft in a publishing build, 主动公开,
                       and in a publishing build approved by the three reviews) */
  bool approved;    /* three valid sign-offs on the current version (review_gate) */
  bool url_taken;   /* its URL is where govpub writes something of its own, or in a column that is
                       (site_reserved_name): reported by site_link, so its outputs are not written
                       (the build fails; the clash is not said again where it is written) */
  bool held;        /* publishing: withheld by the review gate (built is false) — still content
                       of its year, which the annual report counts (report_count.c) */
  const char *reviewers[3];  /* approved: who signed 初审, 复审, 终审 (publish log) */
  const char **signed_files; /* publishing: the files its sign-offs cover */
  size_t nsigned_files;
  const char *slug, *url, *type, *layout;
  const char *title, *summary_fm, *author, *source, *disclosure;
  gdate date, updated;
  bool has_date, has_updated, draft;
  /* Where the lists place it, newest first (page_sort.h): the time of its
   * date, of a letter its 答复日期 (the date its list item shows, see
   * docs/interaction.md); INT64_MIN without one */
  int64_t listed;
  /* formatted once at load: 2024-11-20, 2024-11-20 10:12, ISO 8601 */
  char date_ymd[32], date_ymdhm[32], date_iso[32], updated_ymd[32];
  const char *type_flag; /* "type_<type>", the template flag */
  int weight;
  const char **tags, **topics, **aliases, **attachments;
  size_t ntags, ntopics, naliases, nattachments;
  yx_node *interpretations_node, *interprets_node;
  yx_node *result_node, *issue_node, *end_node; /* interactions' fields (interact_link.c) */
  yx_node *replied_node;  /* a letter's `replied:` (interact_letter.c) */
  bool is_letter;         /* 信件选登: a page, not an _index.md, with `replied:` written (not
                             null, not empty); decided once at load, asked by every render */
  page **interpretations; /* resolved */
  size_t ninterpretations;
  page *interprets;
  page *prev, *next;      /* neighbours in the column (older / newer) */
  int column_pos;         /* its index in column->pages, -1 when not listed */
  int article_pos;        /* its index in site.articles (newest first), -1 when not one */
  input_list inputs;
  /* set when the page is rendered (articles first, so lists can show them) */
  const char *summary;
  int reading_minutes, chars;
  const char **attachment_urls; /* resolved at render: output paths of attachments[] */
  int64_t *attachment_bytes;    /* and their sizes (-1: not known) */
  const void *chart;     /* the first chart it shows (a chart_spec), for the home page */
  const char *body_html; /* column pages only: their introduction, shown on every list page */
  /* its template item (context.c ctx_item) for the lists it appears on,
   * built once by its article render when URLs are absolute (then the same
   * on every list); NULL with relative URLs, which differ per list page */
  const struct tval *list_item;
  size_t body_html_len;
};

/* An address a page's redirect is written at: the page, the address as
 * p->aliases spells the alias ("old/a/"; a column's further list pages
 * below it, "old/a/page/2/", site_alias_pages), the page of the list it
 * sends readers to (1: the alias itself), and the next of the same fold
 * (site.aliases). */
typedef struct site_alias {
  const page *p;
  const char *alias;
  size_t pageno;
  struct site_alias *next;
} site_alias;

typedef struct {
  arena *a;             /* the main model arena */
  arena **worker_arenas;
  size_t nworkers;
  site_config *cfg;
  bool publish;         /* publishing build: drafts left out */
  page **pages;         /* every content file, sorted by src */
  size_t npages;
  column **columns;     /* every column, sorted by path; columns[0] is the root */
  size_t ncolumns;
  page **articles;      /* built non-index pages, newest first */
  size_t narticles;
  page **listing;       /* the articles as lists place them (page.listed): the home page's blocks
                           take theirs from it; `articles` itself unless a letter is placed by its
                           答复日期 */
  taxonomy tax[2];      /* tags, topics */
  strmap *by_url;       /* site-relative URL → page */
  strmap *by_rel;       /* path under content/ → page */
  strmap *unloaded;     /* the URL each page that could not be loaded would have
                         * without a slug → that page (fm NULL): site_resolve
                         * finds it, so that links to it say nothing more */
  /* Set by an incremental build (build_incremental.c) whose files and
   * placing fields are those of the last good build: site_link then skips
   * the checks that only those decide (URLs and aliases that clash, also
   * once folded), which that build passed. */
  bool placing_checked;
  /* Set as well when no front matter changed at all (only bodies): the
   * unique fields' check (索引号) is skipped too, for the same reason. */
  bool fields_checked;
  /* When content/ was listed (CLOCK_REALTIME, ns): the columns' stamps
   * were taken after it, so a folder whose stamp was older than this by
   * more than a file system's time step was listed whole (site_memo). */
  int64_t listed_ns;
  /* Publishing: the files (site-relative) the reviews cover — the approved
   * documents' and the site's own (review_gate, review_site.h); only these
   * of the static folders and charts are published.  NULL otherwise. */
  strmap *reviewed;
  /* Publishing: the output paths of the static files and charts the gate
   * withheld (review_site_publishable, review_site_charts) → the source as
   * its warning names it; a page that links one is told so (check_html).
   * NULL otherwise. */
  strmap *withheld;
  /* The output paths of the static files (statics_collect's by_dst), when
   * known: an .html among them is an attachment (a search engine's
   * verification page, a guide), not a page, and check_html holds it to
   * the link rules only, not to the pages' footer and meta tags.  NULL:
   * every .html is held to all of them. */
  strmap *attachments;
  /* The 互动交流 model (interact.h), once interact_load has made it: govpub
   * check reads the letters not answered yet there (rule reply).  NULL
   * before. */
  const struct interact *interact;
  strmap *column_folds; /* path_fold(a column's URL) → the column: site_written_at's, made when first asked */
  /* path_fold(an alias) → the first site_alias of that fold, the others
   * after it in site_alias_holder's order (the articles', then the
   * columns' _index.md's): every alias kept (p->aliases not
   * NULL), and a column's alias's further list pages after it
   * (site_alias_pages), made by site_link in s->a.  Folded, for site_link's own
   * checks (/X/ and /x/ on two pages); site_alias_page finds one as
   * spelled. */
  strmap *aliases;
} site;

/* Walks <root>/content and parses every .md file with `nthreads` threads.
 * Returns NULL only on a system failure; content problems are reported and
 * the site is still returned so one run reports them all. */
site *site_load(site_config *cfg, bool publish, int nthreads);

/* What a previous build knew of a page (build_state.c): its file's stamp,
 * the hash and parse of its front matter. */
typedef struct {
  fsx_stamp stamp;
  uint64_t fm_hash;
  yx_node *raw_fm;
} page_memo;
/* The memo of page i (site.pages[i]), at `rel` (path under content/), when
 * its file has the stamp `now` (its front matter built in the loader
 * thread's arena `a`), or NULL. */
typedef const page_memo *(*page_memo_fn)(void *ud, size_t i, const char *rel, const fsx_stamp *now, arena *a);

/* What a previous build knew of content/: its pages (page_memo_fn) and its
 * listing.  `listing` gives the folders (not content/ itself) and the .md
 * files the walk found, in the walk's order, and when it listed them
 * (site.listed_ns), if every folder under `content` still has the stamp
 * it had then; false: content/ is walked again. */
typedef struct {
  page_memo_fn page;
  bool (*listing)(void *ud, const char *content, const char ***dirs, size_t *ndirs, const char ***files,
                  size_t *nfiles, int64_t *listed_ns);
  void *ud;
} site_memo;

/* site_load that takes a page whose file still has the memo's stamp from
 * the memo instead of reading and parsing it (its text stays NULL), and
 * the memo's listing of content/ instead of walking it when no folder
 * changed: the incremental build (build_incremental.c).  The model is
 * otherwise the same, and so are the messages. */
site *site_load_memo(site_config *cfg, bool publish, int nthreads, const site_memo *memo);
/* Reads a page's text again, into the arena `a`, to render it (text, body
 * and body_len point into `a`; the caller sets them to NULL before `a` is
 * reset).  The file must still be the one loaded (stamp and front matter);
 * reports and returns -1 when it cannot be read or changed. */
int site_page_text(site *s, page *p, arena *a);
/* site_page_text into the model arena: a page loaded from a memo (its
 * front matter unchanged), read ahead of its render. */
int site_reload_text(site *s, page *p);
/* serve's kept model (build_session.h): p's file read again after an
 * edit and checked as loading it would.  0: its front matter is the same
 * bytes as when p was loaded, and *stamp is the new file's; 1: it is not,
 * or the file is gone (the model cannot take the edit); -1: the text is
 * not one a page may hold (reported at the file).  p is not changed. */
int site_reread(const site *s, const page *p, fsx_stamp *stamp);
/* Makes the file site_reread checked p's: its render reads it (and finds
 * this stamp, or reports that it changed again). */
void site_take_stamp(page *p, const fsx_stamp *stamp);

/* Wires URLs, columns, relations, taxonomies and neighbours; reports what is
 * wrong with the whole (duplicate 索引号 or URLs, broken references). */
void site_link(site *s);
void site_free(site *s);
/* The redirect written at `url` as spelled ("old/a/", "old/a/page/2/";
 * an alias in another case is not it: release_fold says those as they are
 * written), or NULL; of two pages giving it (after site_link's errors),
 * the last.  The fold is made in `a`.  site_alias_page: its page. */
const site_alias *site_alias_at(const site *s, arena *a, const char *url);
const page *site_alias_page(const site *s, arena *a, const char *url);
/* How many redirects each alias of p (site_alias_holder) stands for: a
 * column's _index.md's one per page of the column's list (pager_pages),
 * page n's at pager_url(alias, n), sending readers to pager_url(p->url, n),
 * so that an old link to a further page keeps working too; an article's
 * and the home page's (not paginated) one. */
size_t site_alias_pages(const site *s, const page *p);
/* The i-th built page that may have aliases, i < narticles + ncolumns:
 * the articles newest first, then the columns' _index.md pages (by path;
 * Hugo's editors give a moved column `aliases:` as they do a moved page);
 * NULL where a column has none or the page has no aliases.  site_link
 * checks and keeps them in this order, extras.c writes their redirects. */
page *site_alias_holder(const site *s, size_t i);

/* A path under content/ as messages show it: openable from where govpub
 * runs, like site.yaml's and the layouts' ("content/x.md", or
 * "DIR/content/x.md" with --site DIR). */
const char *content_path(site *s, const char *rel);

/* `path` relative to the site root when it lies inside the site (inputs
 * are recorded that way: `static/x.png`, `themes/default/layouts/x.mustache`);
 * other paths (an installed theme) are returned as they are. */
const char *site_rel(const site *s, const char *path);

/* Records an input file of a page (thread-safe per page: one renderer per page). */
void page_add_input(arena *a, page *p, const char *path);
/* page_add_input of site_rel of each of paths[0..n), which are distinct
 * (a layout's tmpl_deps): each is compared only with the inputs p had
 * before (a page's layout brings some ten templates, and comparing each
 * with all the others was most of recording them). */
void page_add_inputs_rel(arena *a, const site *s, page *p, const char *const *paths, size_t n);

/* Resolves a reference written in `from` (a URL `/policy/x/`, a source path
 * `../policy/x.md` or `/policy/x.md`) to a page; NULL when it names none.
 * A page that could not be loaded (fm NULL) is found by its file, or by
 * the URL its file name gives it. */
page *site_resolve(site *s, const page *from, const char *ref, arena *a);
/* For a reference site_resolve found no page for: the built page whose URL
 * (or, for a .md reference, whose file) is nearest to it, when it is near
 * enough to be a typo (suggest.h); else NULL. */
const page *site_suggest(const site *s, const page *from, const char *ref, arena *a);
/* The URL p has when its front matter gives no slug: its column's, with
 * its file name less ".md" after it (an _index.md: the column's). */
const char *page_file_url(arena *a, const page *p);
/* What govpub itself writes at the name `name` (a page's slug, a column's
 * folder) in the column whose folder is `column` ("" for the root), in
 * words after "writes" ("the feed of news (/news/index.xml)"), or NULL:
 * the column's list (index.html) and feed (index.xml), and, but at the
 * root, page/, where its list goes on (page/2/, …; Hugo keeps page/ in a
 * section for the same); at the root, what it writes there besides
 * (404.html, robots.txt, sitemap.xml and its parts, published-dates.tsv,
 * search/, tags/, topics/); the data catalog's (cfg's catalog: department/
 * and topic/ in its column, catalog.json in data/).  Of any case: News/ is
 * news/ on some servers.  site_reserved_hint says them in a hint's words. */
const char *site_reserved_name(arena *a, const site_config *cfg, const char *column, const char *name);
const char *site_reserved_hint(const site_config *cfg, const char *column);
/* What govpub writes at the output path `path` (path_fold'ed: an alias's
 * folder "x/y/", a static file's "x/y.txt"), as site_reserved_name says it
 * of the name after the root's or a column's folder in it, and
 * data/catalog.json with a catalog (a column data/ or not); else NULL.
 * *depth: how many of path's names name it (1 for search/…, 2 for
 * news/page/…); *hint: what is govpub's there, in a hint's words. */
const char *site_written_at(site *s, const char *path, size_t *depth, const char **hint);
/* True when c has an _index.md that could not be loaded (reported there). */
bool column_unloaded(const column *c);
/* Whether a loaded page's fields leave it out of this build: not 主动公开,
 * or a draft in a publishing build (p->built is LEFT_OUT_NONE; the review
 * gate may still withhold it). */
typedef enum { LEFT_OUT_NONE, LEFT_OUT_DISCLOSURE, LEFT_OUT_DRAFT } left_out;
left_out page_left_out(const site *s, const page *p);
/* Why a loaded page is not part of this build, in words after "is": "a
 * draft", "依申请公开, not 主动公开", "withheld from publishing" (the review
 * gate said why). */
const char *page_left_out_text(arena *a, const site *s, const page *p);

/* A term's URL segment (tags, topics, the catalog's groups): the name itself
 * (readable Chinese URLs, as Hugo does) with characters that would break a
 * path replaced by '-'. */
const char *term_slug(arena *a, const char *name);
/* True, after an error at `at` (p's front matter node; NULL: the file's
 * start), when a name of len bytes cannot name a file or folder of the
 * output (FSX_NAME_MAX); `what` says which ("slug", "tag", "a part of the
 * alias") and `why` why it names one ("the slug names the page's folder"). */
bool page_name_too_long(const page *p, const yx_node *at, const char *what, size_t len, const char *why);

/* The front matter value of a canonical field name (aliases applied). */
yx_node *page_field(const site *s, const page *p, const char *field);
/* The front matter node of p->aliases[k] (for positions), or NULL. */
const yx_node *page_alias_node(const page *p, size_t k);

#endif
