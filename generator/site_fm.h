/* site_fm: the front matter keys the page loader reads into the model
 * (site.c's page_fields), as one list, so that a key's FM_ id and its name
 * cannot drift apart.  site.c owns the lookup; only it and
 * tests/unit/test_site_fm.c include this. */
#ifndef GOVPUB_SITE_FM_H
#define GOVPUB_SITE_FM_H

/* X(ID, name) for each key: FM_ID is where page_fields finds its value. */
#define SITE_FM_KEYS(X)                                                                            \
  X(TITLE, "title") X(DATE, "date") X(UPDATED, "updated") X(DRAFT, "draft") X(AUTHOR, "author")      \
  X(SOURCE, "source") X(SUMMARY, "summary") X(LAYOUT, "layout") X(DISCLOSURE, "disclosure")          \
  X(WEIGHT, "weight") X(TAGS, "tags") X(TOPICS, "topics") X(ALIASES, "aliases")                      \
  X(ATTACHMENTS, "attachments") X(INTERPRETATIONS, "interpretations") X(INTERPRETS, "interprets")    \
  X(TYPE, "type") X(SLUG, "slug") X(RESULT, "result") X(ISSUE, "issue") X(END, "end")                \
  X(REPLIED, "replied")

enum {
#define SITE_FM_ENUM(id, name) FM_##id,
  SITE_FM_KEYS(SITE_FM_ENUM)
#undef SITE_FM_ENUM
  FM_KNOWN /* how many */
};

/* key's FM_ id, or -1 for a key page_fields does not read.  On the hot path
 * of loading: called once for every key of every page. */
int site_fm_id(const char *key);

#endif
