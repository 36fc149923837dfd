/* http_mutate: request material for http_fuzz (see http_mutate.c). */
#ifndef ANZHI_HTTP_MUTATE_H
#define ANZHI_HTTP_MUTATE_H

#include <stddef.h>
#include <stdint.h>

void     hm_seed(unsigned seed);
uint32_t hm_rnd(uint32_t n);                 /* 0..n-1 (0 when n is 0) */
/* text (JSON) with 1-3 values replaced, or bytes flipped / tokens inserted /
 * cut; malloc'd, *n its length. */
char    *hm_mutate(const char *text, size_t *n);
/* A path or query segment: random percent-encoded bytes or a known troublemaker. */
void     hm_segment(char *buf, size_t size);
/* A multipart body for POST …/materials; its Content-Type header line goes to
 * ctype.  malloc'd, *n its length. */
char    *hm_upload(char *ctype, size_t ctsize, size_t *n);
/* One of the API's routes with a and b in place of its parameters. */
void     hm_odd_path(char *buf, size_t size, const char *a, const char *b);

#endif
