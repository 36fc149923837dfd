/* connguard — deadlines a trickle of bytes cannot move. libmicrohttpd's
 * connection timeout starts again with every byte, so a client sending one
 * byte every few seconds (slowloris) keeps its connection for ever. Here
 * every connection has an absolute deadline instead: its request head must be
 * complete within head_ms (plus up to a quarter more, at random) of the
 * connection opening, or of the previous request's end on a kept-alive
 * connection (that is also its idle limit); then its body within body_ms
 * plus one second per min_rate bytes it declares; and later the client must
 * read the answer within the same allowance for the answer's size. A
 * watchdog thread shuts down the socket of a connection past its deadline;
 * libmicrohttpd then closes it and frees its slot.
 *
 * The same thread gives connections closed right after an early refusal a
 * short lingering close (at most LINGER_MS and LINGER_BYTES read and
 * dropped), so a client still sending its body reads the refusal instead of
 * a reset. The limits per address and in all are libmicrohttpd's options
 * (http.c). No libmicrohttpd types here: http.c passes the socket. */
#ifndef ANZHI_SERVER_CONNGUARD_H
#define ANZHI_SERVER_CONNGUARD_H

#include <stdint.h>

#define CONNGUARD_LINGER_MS 2000
#define CONNGUARD_LINGER_BYTES (256 * 1024)
#define CONNGUARD_LINGER_MAX 512 /* sockets lingering at once; more close at once */

struct connguard_config {
	long head_ms;      /* request head (and keep-alive idle) deadline */
	long body_ms;      /* a body's base allowance */
	uint64_t min_rate; /* bytes a second a body gets beyond the base */
};

struct guard_conn;

/* Starts the watchdog thread. 0 on success. */
int connguard_start(const struct connguard_config *cfg);
/* Stops it; lingering sockets are closed. */
void connguard_stop(void);

/* A connection was accepted on fd: its head deadline starts now. NULL when
 * out of memory (the connection is then unguarded). */
struct guard_conn *connguard_open(int fd);
/* The connection is closing (its fd is still open): forget it, or keep a
 * duplicate of the socket lingering when connguard_linger asked for it. */
void connguard_close(struct guard_conn *g);
/* The request head is complete; a body of body_bytes may follow. */
void connguard_head_done(struct guard_conn *g, uint64_t body_bytes);
/* The whole request is in: no deadline while the handler works on it (a
 * login may wait on the hashing pool and a timer). */
void connguard_body_done(struct guard_conn *g);
/* An answer of reply_bytes is queued: the client must read it within the
 * same allowance as a body (a client that stops reading is cut). */
void connguard_reply(struct guard_conn *g, uint64_t reply_bytes);
/* The reply went out: the next request head's deadline starts now. */
void connguard_request_done(struct guard_conn *g);
/* Ask for a lingering close when this connection closes. */
void connguard_linger(struct guard_conn *g);

#endif
