/* datadir: where the shipped data lives (data/policy, data/regions):
 * $ANZHI_DATADIR; else, for an installed binary (PREFIX/bin), PREFIX/share/anzhi
 * beside it (found at run time, so a copy installed under DESTDIR or moved
 * with its tree finds its own); else the source tree's data/ compiled in
 * (ANZHI_DATADIR) for a binary run from the build tree. */
#ifndef ANZHI_BASE_DATADIR_H
#define ANZHI_BASE_DATADIR_H

#include <stdbool.h>
#include <stddef.h>

const char *datadir(void);
/* "<datadir>/<rel>" into buf; false when it does not fit. */
bool datadir_file(char *buf, size_t bufsz, const char *rel);
/* "<the running binary's directory><rel>" into buf when that directory
 * exists (rel such as "/../share/anzhi"). */
bool datadir_beside_exe(const char *rel, char *buf, size_t bufsz);

#endif
