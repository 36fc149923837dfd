/* complete: file-name completion for the upload prompt (Tab). Pure. */
#ifndef ANZHI_COMPLETE_H
#define ANZHI_COMPLETE_H

#include <stdbool.h>
#include <stddef.h>

/* Extends the path in buf to the longest common prefix of the names that start
 * with it (a unique directory gets its '/'; "~/" expands to $HOME).  When
 * several names remain, msg lists a few of them.  Returns true when buf grew. */
bool complete_path(char *buf, size_t bufsz, char *msg, size_t msgsz);

#endif
