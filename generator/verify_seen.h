/* verify_seen: `govpub verify --publisher KEY --seen FILE` — the newest
 * seal a web server has accepted, so that an older release, properly
 * sealed, put back in place of a newer one is refused.  The seal proves
 * who published a release, not that it is the one to serve: whoever can
 * write the web root can put back a release the publisher has since
 * replaced (a policy withdrawn, a correction undone), and its seal holds.
 * A seal of version 3 says when the publisher vouched for the release
 * (publish_seal.h: its publish, or the rollback or deploy that serves it
 * again, sealed anew); FILE keeps the newest such time verify took, and a
 * tree sealed before it is refused.
 *
 * FILE (written whole, atomically, only when a newer seal is taken):
 *
 *   govpub-seen 1
 *   release: <id>
 *   sealed: <YYYY-MM-DDTHH:MM:SSZ>
 *
 * It must be writable by the account verify runs as and by nobody who can
 * write the web root (docs/operators.md, "Verifying"). */
#ifndef GOVPUB_VERIFY_SEEN_H
#define GOVPUB_VERIFY_SEEN_H

#include <stdbool.h>

#include "arena.h"

/* The tree `tree`'s seal, of release `id` sealed at `sealed` (NULL: a v2
 * seal, which does not say when), against FILE `seen`: EXIT_OK when it is
 * the seal FILE holds or newer (FILE then records it; *first set when
 * FILE did not exist), else EXIT_PROBLEMS or EXIT_SYSTEM after reporting. */
int seen_check(arena *a, const char *seen, const char *tree, const char *id, const char *sealed, bool *first);

#endif
