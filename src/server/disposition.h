/* disposition — the Content-Disposition of a download (RFC 6266): always an
 * attachment, never shown inline, with the stored file name twice: an ASCII
 * fallback (other characters and " \ % ; become _) and the exact UTF-8 name
 * percent-encoded as filename* (RFC 8187, formerly 5987). */
#ifndef ANZHI_SERVER_DISPOSITION_H
#define ANZHI_SERVER_DISPOSITION_H

#include <stddef.h>

/* Longest header value for a name of up to 255 bytes. */
#define DISPOSITION_MAX 1100

/* Writes the header value for name (valid UTF-8; "" gives "download") into
 * out (at least DISPOSITION_MAX bytes for names up to 255 bytes; longer
 * values are cut at an encoded-character boundary). */
void disposition_attachment(const char *name, char *out, size_t len);

#endif
