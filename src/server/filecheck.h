/* filecheck — what an uploaded file is, judged by its whole structure and
 * never by its name or first bytes alone: a JPEG's markers through to EOI, a
 * PNG's chunks and their CRCs through to IEND, a PDF's header, last
 * cross-reference section (table or stream) with its trailer, startxref and
 * %%EOF. Nothing may follow the end (no polyglots). Pure: no store, no HTTP. */
#ifndef ANZHI_SERVER_FILECHECK_H
#define ANZHI_SERVER_FILECHECK_H

#include <stddef.h>

enum filecheck_verdict {
	FILECHECK_OK,      /* *type is "image/jpeg", "image/png" or "application/pdf" */
	FILECHECK_UNKNOWN, /* none of the three: *type is NULL */
	FILECHECK_BROKEN,  /* starts as one of them but is damaged or incomplete */
};

/* Checks n bytes at p. *type is set as above; why receives an English
 * reason for FILECHECK_BROKEN ("PNG: chunk IDAT: CRC does not match"). */
enum filecheck_verdict filecheck_buffer(const unsigned char *p, size_t n, const char **type,
					char *why, size_t whylen);
/* The same for a whole open file (mapped, read-only; the offset is kept). */
enum filecheck_verdict filecheck_fd(int fd, const char **type, char *why, size_t whylen);

#endif
