/* fileio: the client's one whole-file reader (keys file, config file, policy
 * and region tables). */
#ifndef ANZHI_BASE_FILEIO_H
#define ANZHI_BASE_FILEIO_H

#include <stddef.h>

/* The file as a NUL-terminated malloc'd string of at most `max` bytes (0 = no
 * limit); *len, when not NULL, gets its length.  NULL with errno set when it
 * cannot be read (EFBIG when it is larger than max). */
char *file_read_all(const char *path, size_t max, size_t *len);

#endif
