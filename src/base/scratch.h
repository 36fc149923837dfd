/* scratch: the client's private temporary directory for downloaded materials
 * — made on first use with mkdtemp (mode 0700) under $XDG_RUNTIME_DIR, else
 * /tmp, and removed with everything in it by scratch_remove(), which the
 * engine calls on every way out (quit, SIGTERM/SIGHUP, a dropped terminal). */
#ifndef ANZHI_BASE_SCRATCH_H
#define ANZHI_BASE_SCRATCH_H

#include <stdbool.h>
#include <stddef.h>

/* The directory, made now if need be; NULL (errno set) when it cannot be. */
const char *scratch_dir(void);
/* dir/name into buf (the directory made if need be); false when it cannot
 * be made or the path does not fit.  name is a plain file name. */
bool scratch_path(char *buf, size_t bufsz, const char *name);
/* Removes the directory and its files (only in the process that made it:
 * a forked child never does).  The next scratch_dir() makes a new one. */
void scratch_remove(void);

#endif
