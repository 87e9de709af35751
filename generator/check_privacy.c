/* check_privacy: the inspection's 安全、泄密 rule (check.h
 * check_personal_data).  A citizen's 身份证号, 手机号码 or 银行卡号 in what
 * the site publishes is a 泄密 incident, 单项否决 in the checklist; the
 * content-safety scan (docs/scan.md) already knows how to find them, with
 * the validation and masking of the rule pack words/privacy/.  Here every
 * page a publishing build would publish, and site.yaml's visible text, is
 * scanned with the site's dictionaries and the hits of lists under
 * privacy/ become items: the verdict says what the publish gate would
 * refuse, and a served site checked after its dictionaries grew is judged
 * too.  The scan's other hits (敏感词, 表述规范, 错别字) stay with govpub
 * scan: they are the reviewers' judgement, not the inspection's. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "diag.h"
#include "fsx.h"
#include "scan.h"

#define PRIVACY_LISTS "privacy/" /* the rule pack's folder under words/ */

void check_personal_data(check_report *r, site *s) {
  const site_config *cfg = s->cfg;
  arena *a = arena_new();
  const char *dir = path_in_site(a, cfg->root, cfg->scan_words);
  scan_options so = {.gap = cfg->scan_gap, .code = cfg->scan_code};
  scan_dict *d = fsx_is_dir(dir) ? scan_dict_load(dir, &so) : NULL; /* none: the build's warning */
  if (!d) {
    arena_free(a);
    return;
  }
  scan_scratch *sc = scan_scratch_new(d);
  scan_hits *h = scan_hits_new();
  scan_site_config(d, sc, cfg, h);
  for (size_t i = 0; i < s->npages; i++) {
    const page *p = s->pages[i];
    if (!p->fm || !p->built) continue; /* drafts and pages not 主动公开 are not published */
    size_t len;
    char *text = fsx_read(p->src, &len);
    if (!text) {
      diag_system(p->src, "cannot read: %s", strerror(errno));
      continue;
    }
    arena_reset(a);
    scan_source(d, sc, p->src, text, len, cfg, a, h);
    free(text);
  }
  size_t n;
  const scan_hit *hit = scan_hits_sorted(h, &n);
  for (size_t i = 0; i < n; i++) {
    scan_list_info li = scan_dict_list(d, hit[i].list);
    if (strncmp(li.rule, PRIVACY_LISTS, strlen(PRIVACY_LISTS)) != 0) continue;
    check_add(r, CHECK_ERROR, "personal-data", hit[i].path, hit[i].line, hit[i].col, hit[i].hint,
              "%s published «%s»", hit[i].term, hit[i].context);
  }
  scan_hits_free(h);
  scan_scratch_free(sc);
  scan_dict_free(d);
  arena_free(a);
}
