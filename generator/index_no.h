/* index_no: the next free 索引号 (<机构代码>/<YYYY>-<NNNNN>) of an organ and
 * a year in a loaded site — the hint of a duplicate (site_link.c) and the
 * value `govpub new` gives a new page (cmd_new.c).  Every page with a front
 * matter counts, built or not: a draft or a 依申请公开 document holds its
 * number too. */
#ifndef GOVPUB_INDEX_NO_H
#define GOVPUB_INDEX_NO_H

#include "site.h"

/* The 索引号 after the highest serial of the organ code of `like` (an
 * index_no; only its code is used) in `year`, in field `field`; NULL when
 * `like` is not a 索引号 or the year's five digits are used up. */
const char *index_no_next(arena *a, const site *s, const char *field, const char *like, int year);

/* The 索引号 of the newest dated page of column `col` (NULL: any column)
 * that has a valid one in `field`: whose organ code a new page takes. */
const char *index_no_newest(const site *s, const char *field, const column *col);

#endif
