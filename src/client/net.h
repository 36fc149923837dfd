/* net: the client's one long-lived curl multi handle.  Starts transfers, waits
 * on their sockets plus the loop's own fds, retries GETs with backoff, and
 * delivers each finished transfer to a callback — from net_perform(), never from
 * inside a curl callback.  Knows nothing of curses, screens or JSON. */
#ifndef ANZHI_NET_H
#define ANZHI_NET_H

#include <curl/curl.h>
#include <stdbool.h>
#include <stddef.h>

struct net;

struct net_tls {
	const char *pin;      /* "sha256//base64" or NULL */
	const char *cafile;   /* CA bundle or NULL (system store) */
};

struct net_req {
	const char *method;           /* "GET", "POST", "PUT", "DELETE" */
	const char *url;
	const char *body;             /* copied; NULL for none */
	const char *headers[8];       /* "Name: value", NULL-terminated (copied) */
	bool retry;                   /* safe to repeat: retried on transport error / 5xx */
	const char *upload_file;      /* multipart: field "file" streamed from disk */
	const char *upload_kind;      /* multipart: field "kind" (or upload_field) */
	/* A multipart body of other shapes: the text part's name (NULL =
	 * "kind"), and more "file" parts after upload_file (NULL-terminated).
	 * upload_kind alone, without a file, still sends a multipart body. */
	const char *upload_field;
	const char *upload_more[8];
	const char *upload_fields;    /* multipart: more text parts, "name=value" lines */
	const char *download_to;      /* write the body to this file, not memory */
};

struct net_result {
	long status;                  /* HTTP status; 0 when none came */
	int curl_code;                /* CURLcode; CURLE_OK when an answer came */
	bool cancelled;
	const char *curl_error;       /* curl's text or "" */
	const char *body;             /* NUL-terminated; "" when none */
	size_t body_len;
	const char *etag;             /* or NULL */
	const char *content_type;     /* or NULL */
	long retry_after;             /* seconds from Retry-After, 0 when none */
};

typedef void (*net_done_fn)(void *ctx, int id, const struct net_result *r);

struct net *net_new(const struct net_tls *tls);
/* Sets an easy handle's TLS trust: the pin (without a CA file it replaces CA
 * checks: the demo's certificate is self-signed), the CA file. */
void net_tls_apply(CURL *e, const struct net_tls *tls);
void net_free(struct net *n);

/* Starts a transfer; returns its id (> 0) or 0 when curl refused it. */
int  net_start(struct net *n, const struct net_req *rq, net_done_fn done, void *ctx);
/* Stops a transfer now; its callback runs with cancelled = true. */
void net_cancel(struct net *n, int id);
bool net_busy(const struct net *n);
bool net_progress(const struct net *n, int id, long long *now, long long *total);
/* curl_multi_poll on curl's sockets plus extra; timeout shortened for retries. */
int  net_wait(struct net *n, struct curl_waitfd *extra, unsigned nextra, int timeout_ms);
/* Drives transfers, starts due retries and delivers finished ones. */
void net_perform(struct net *n);
/* Interrupts a net_wait from elsewhere (unused by the loop, kept for tests). */
void net_wakeup(struct net *n);

#endif
