/* xalloc: allocation helpers that fail loudly.  Running out of memory in a
 * terminal client has no useful recovery, so these print a message and abort
 * instead of making every caller test for NULL. */
#ifndef ANZHI_BASE_XALLOC_H
#define ANZHI_BASE_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);   /* also aborts when nmemb*size overflows */
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);               /* xstrdup(NULL) == NULL */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
