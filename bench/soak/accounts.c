/* accounts — what one account can get out of the service (issue 13): a unit
 * account enumerating the disability registry, and an attacker guessing an
 * account's password from one address or from many while its real user
 * signs in. Loopback only, bounded by --seconds. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common.h"

/* ------------------------------------------------- registry enumeration */

struct enumerate {
	const struct opts *o;
	int index;
	double deadline;
	long attempts, found, absent, refused, other;
	long retry_after;
};

/* The k-th ID number a thread tries: county 150924 (兴和县), birth dates
 * 1950-01-01 onwards, sequence numbers in turn — what an enumeration of a
 * county's registry would walk through. */
static void idno_for(long k, char out[19])
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char check[] = "10X98765432";
	char first[32];
	long day = k / 1000 % (50 * 365);
	int y = 1950 + (int)(day / 365), m = 1 + (int)(day % 365 / 31 % 12),
	    d = 1 + (int)(day % 31 % 28);
	snprintf(first, sizeof first, "150924%04d%02d%02d%03ld", y, m, d, k % 1000);
	int sum = 0;
	for (int i = 0; i < 17; i++)
		sum += (first[i] - '0') * w[i];
	snprintf(out, 19, "%.17s%c", first, check[sum % 11]);
}

static size_t retry_header(char *b, size_t size, size_t n, void *cls)
{
	long *ra = cls;
	if (size * n > 12 && strncasecmp(b, "Retry-After:", 12) == 0)
		*ra = strtol(b + 12, NULL, 10);
	return size * n;
}

static void *enumerate_loop(void *arg)
{
	struct enumerate *e = arg;
	char auth[200], path[64];
	snprintf(auth, sizeof auth, "Authorization: Bearer %s", e->o->token);
	struct curl_slist *hdrs = curl_slist_append(NULL, auth);
	CURL *h = client(e->o, "/health", "host!127.0.0.1");
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, retry_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, &e->retry_after);
	for (long k = e->index; now_ms() < e->deadline; k += e->o->threads) {
		char idno[19], url[160];
		long status = 0;
		idno_for(k, idno);
		snprintf(path, sizeof path, "/registry/persons/%s", idno);
		snprintf(url, sizeof url, "https://127.0.0.1:%d/api/v1%s", e->o->port, path);
		curl_easy_setopt(h, CURLOPT_URL, url);
		CURLcode rc = curl_easy_perform(h);
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
		e->attempts++;
		if (rc != CURLE_OK)
			e->other++;
		else if (status == 200)
			e->found++;
		else if (status == 404)
			e->absent++;
		else if (status == 429)
			e->refused++;
		else
			e->other++;
	}
	curl_easy_cleanup(h);
	curl_slist_free_all(hdrs);
	return NULL;
}

int run_registry(const struct opts *o)
{
	struct enumerate e[64];
	pthread_t th[64];
	long a = 0, found = 0, absent = 0, refused = 0, other = 0, retry = 0;
	double t0 = now_ms();
	for (int t = 0; t < o->threads; t++) {
		e[t] = (struct enumerate){ .o = o, .index = t, .deadline = t0 + o->seconds * 1e3 };
		pthread_create(&th[t], NULL, enumerate_loop, &e[t]);
	}
	for (int t = 0; t < o->threads; t++) {
		pthread_join(th[t], NULL);
		a += e[t].attempts, found += e[t].found, absent += e[t].absent;
		refused += e[t].refused, other += e[t].other;
		if (e[t].retry_after > retry)
			retry = e[t].retry_after;
	}
	double secs = (now_ms() - t0) / 1e3;
	printf("registry threads=%d seconds=%.1f attempts=%ld answered=%ld found=%ld absent=%ld "
	       "refused=%ld other=%ld rate=%.0f retry_after=%ld\n",
	       o->threads, secs, a, found + absent, found, absent, refused, other,
	       secs > 0 ? (double)a / secs : 0, retry);
	return 0;
}

/* ------------------------------------------------------ password guesses */

struct guessing {
	const struct opts *o;
	pthread_mutex_t lock;
	double deadline;
	int next_addr;            /* addresses handed out so far */
	long attempts, checked, refused, busy, got_in, other;
	long per_addr[256];       /* guesses checked from each address */
	long max_per_addr;
	long real_tries, real_in, real_refused;
	struct samples real_ms;
};

/* The next address to guess from (*index: its count in per_addr):
 * 127.4.0.1 alone, or a fresh one of 127.5/16; false when --addrs are all
 * used. */
static bool next_source(struct guessing *g, char src[48], int *index)
{
	bool ok = true;
	pthread_mutex_lock(&g->lock);
	*index = 0;
	if (g->o->addrs == 1) {
		snprintf(src, 48, "host!127.4.0.1");
	} else if (g->next_addr < g->o->addrs) {
		snprintf(src, 48, "host!127.5.%d.%d", g->next_addr / 250, g->next_addr % 250 + 1);
		*index = g->next_addr++ % 256;
	} else {
		ok = false;
	}
	pthread_mutex_unlock(&g->lock);
	return ok;
}

static long post_login(CURL *h, const char *user, const char *password)
{
	char body[200];
	long status = 0;
	snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"%s\"}", user, password);
	curl_easy_setopt(h, CURLOPT_COPYPOSTFIELDS, body);
	if (curl_easy_perform(h) != CURLE_OK)
		return 0;
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	return status;
}

static void *guess_loop(void *arg)
{
	struct guessing *g = arg;
	struct curl_slist *hdrs = curl_slist_append(NULL, "Content-Type: application/json");
	char src[48], pw[48];
	long n = 0;
	int here;
	while (now_ms() < g->deadline && next_source(g, src, &here)) {
		CURL *h = client(g->o, "/sessions", src);
		curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
		long st = 0;
		/* Guess from this address until it is refused (or the run ends). */
		while (now_ms() < g->deadline && st != 429) {
			snprintf(pw, sizeof pw, "guess-%ld-%d", n++, rand());
			st = post_login(h, g->o->user, pw);
			pthread_mutex_lock(&g->lock);
			g->attempts++;
			g->checked += st == 401;
			g->refused += st == 429;
			g->busy += st == 503;
			g->got_in += st == 201;
			g->other += st != 401 && st != 429 && st != 503 && st != 201;
			g->per_addr[here] += st == 401;
			if (g->per_addr[here] > g->max_per_addr)
				g->max_per_addr = g->per_addr[here];
			pthread_mutex_unlock(&g->lock);
			if (st == 503)
				sleep_ms(1000); /* what Retry-After: 1 asks */
		}
		curl_easy_cleanup(h);
		if (g->o->addrs == 1 && st == 429)
			sleep_ms(1000); /* one address: keep trying it */
	}
	curl_slist_free_all(hdrs);
	return NULL;
}

/* The account's real user signs in from 127.0.0.1 every 2 s, and out again. */
static void *real_user_loop(void *arg)
{
	struct guessing *g = arg;
	struct curl_slist *hdrs = curl_slist_append(NULL, "Content-Type: application/json");
	while (now_ms() + 2000 < g->deadline) {
		sleep_ms(2000);
		CURL *h = client(g->o, "/sessions", "host!127.0.0.1");
		curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
		double t0 = now_ms();
		long st = post_login(h, g->o->user, g->o->password);
		samples_add(&g->real_ms, now_ms() - t0);
		curl_easy_cleanup(h);
		pthread_mutex_lock(&g->lock);
		g->real_tries++;
		g->real_in += st == 201;
		g->real_refused += st == 429;
		pthread_mutex_unlock(&g->lock);
	}
	curl_slist_free_all(hdrs);
	return NULL;
}

int run_guess(const struct opts *o)
{
	struct guessing g = { .o = o, .lock = PTHREAD_MUTEX_INITIALIZER,
			      .real_ms.lock = PTHREAD_MUTEX_INITIALIZER };
	pthread_t th[64], real;
	double t0 = now_ms();
	g.deadline = t0 + o->seconds * 1e3;
	pthread_create(&real, NULL, real_user_loop, &g);
	for (int t = 0; t < o->threads; t++)
		pthread_create(&th[t], NULL, guess_loop, &g);
	for (int t = 0; t < o->threads; t++)
		pthread_join(th[t], NULL);
	pthread_join(real, NULL);
	printf("guess addrs=%d used=%d threads=%d seconds=%.1f attempts=%ld checked=%ld "
	       "refused=%ld busy=%ld got_in=%ld other=%ld max_per_addr=%ld real_tries=%ld "
	       "real_in=%ld real_refused=%ld real_p50=%.0f\n",
	       o->addrs, o->addrs == 1 ? 1 : g.next_addr, o->threads, (now_ms() - t0) / 1e3,
	       g.attempts, g.checked, g.refused, g.busy, g.got_in, g.other, g.max_per_addr,
	       g.real_tries, g.real_in, g.real_refused, samples_pct(&g.real_ms, 50));
	free(g.real_ms.v);
	return 0;
}
