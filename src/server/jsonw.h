/* jsonw — a JSON text writer for the read paths that answer most requests
 * (the placement list, the review queue): their pages are written straight
 * from database columns into one growing buffer, without a jansson tree,
 * whose allocations cost more than the queries. Output is what jansson would
 * write: UTF-8 as is, '"', '\\' and control characters escaped; a byte
 * sequence that is not UTF-8 becomes U+FFFD, so the text is always JSON. */
#ifndef ANZHI_SERVER_JSONW_H
#define ANZHI_SERVER_JSONW_H

#include <stddef.h>
#include <stdint.h>

#define JW_DEPTH 16

struct jw {
	char *buf;
	size_t len, cap;
	int failed;               /* out of memory or nesting too deep */
	int depth;
	int items[JW_DEPTH];      /* members written at each open level (for commas) */
	char closer[JW_DEPTH];    /* '}' or ']' */
	int after_key;            /* a key was written: its value comes next */
};

void jw_init(struct jw *w);
void jw_free(struct jw *w);
/* The text (NUL-terminated, the caller frees it) and its length; NULL when
 * anything failed (the writer is then freed). */
char *jw_take(struct jw *w, size_t *len);

void jw_object(struct jw *w);
void jw_array(struct jw *w);
void jw_end(struct jw *w);     /* closes the innermost object or array */
void jw_key(struct jw *w, const char *key);

void jw_str(struct jw *w, const char *s);   /* NULL writes null */
void jw_int(struct jw *w, int64_t v);
void jw_bool(struct jw *w, int v);
void jw_null(struct jw *w);
/* A value already written as JSON text (jansson's, for a record the page
 * shows whole). */
void jw_raw(struct jw *w, const char *json);

/* key: value pairs in one call. */
void jw_kstr(struct jw *w, const char *key, const char *s);
void jw_kint(struct jw *w, const char *key, int64_t v);

#endif
