/* datadir: where the shipped data lives (data/policy, data/regions):
 * $ANZHI_DATADIR, else the directory compiled in (ANZHI_DATADIR). */
#ifndef ANZHI_BASE_DATADIR_H
#define ANZHI_BASE_DATADIR_H

#include <stdbool.h>
#include <stddef.h>

const char *datadir(void);
/* "<datadir>/<rel>" into buf; false when it does not fit. */
bool datadir_file(char *buf, size_t bufsz, const char *rel);

#endif
