/* fileio — whole-file reading for anzhid's start-up. */
#ifndef ANZHI_SERVER_FILEIO_H
#define ANZHI_SERVER_FILEIO_H

#include <stddef.h>

/* The file as a NUL-terminated malloc'd string (*len, when not NULL, gets its
 * length), or NULL with errno set. */
char *srv_read_file(const char *path, size_t *len);

#endif
