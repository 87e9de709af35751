/* cmd_review_batch: `govpub review sign FILE FILE…` and `sign --all` —
 * several documents approved in one command, after a list of what is
 * signed and what is not (docs/reviewers.md, "Several documents at once").
 * Internal to the review command (cmd_review.h). */
#ifndef GOVPUB_CMD_REVIEW_BATCH_H
#define GOVPUB_CMD_REVIEW_BATCH_H

#include "cmd_review.h"

/* Lists, confirms (--yes, or "y" at a terminal) and signs; the exit code. */
int review_cmd_sign_batch(const review_opts *o);

#endif
