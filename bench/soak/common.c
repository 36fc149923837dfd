/* common — see common.h. */
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

void samples_add(struct samples *s, double x)
{
	pthread_mutex_lock(&s->lock);
	if (s->n == s->cap) {
		long cap = s->cap ? s->cap * 2 : 1024;
		double *nv = realloc(s->v, (size_t)cap * sizeof *nv);
		if (nv) {
			s->v = nv;
			s->cap = cap;
		}
	}
	if (s->n < s->cap)
		s->v[s->n++] = x;
	pthread_mutex_unlock(&s->lock);
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double samples_pct(struct samples *s, double p)
{
	if (s->n == 0)
		return 0;
	qsort(s->v, (size_t)s->n, sizeof *s->v, by_value);
	long k = (long)(p / 100.0 * (double)s->n + 0.999999) - 1;
	return s->v[k < 0 ? 0 : k >= s->n ? s->n - 1 : k];
}

static size_t discard(char *d, size_t size, size_t n, void *cls)
{
	(void)d;
	(void)cls;
	return size * n;
}

CURL *client(const struct opts *o, const char *path, const char *source)
{
	char url[128];
	CURL *h = curl_easy_init();
	snprintf(url, sizeof url, "https://127.0.0.1:%d/api/v1%s", o->port, path);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_PINNEDPUBLICKEY, o->pin);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L); /* self-signed: the pin is the trust */
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L);
	curl_easy_setopt(h, CURLOPT_CAINFO, NULL);
	curl_easy_setopt(h, CURLOPT_CAPATH, NULL);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TCP_NODELAY, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 20L);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
	if (source)
		curl_easy_setopt(h, CURLOPT_INTERFACE, source);
	return h;
}

/* ------------------------------------------------------- the good client */

void *health_loop(void *arg)
{
	struct health *hc = arg;
	CURL *h = client(hc->o, "/health", "host!127.0.0.1");
	while (!atomic_load(&hc->stop)) {
		long status = 0;
		double t0 = now_ms();
		CURLcode rc = curl_easy_perform(h);
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
		if (rc == CURLE_OK && status == 200)
			samples_add(&hc->lat, now_ms() - t0);
		else
			hc->errors++;
		sleep_ms(20);
	}
	curl_easy_cleanup(h);
	return NULL;
}

void health_print(struct health *hc)
{
	printf(" health_n=%ld health_p50=%.1f health_p99=%.1f health_max=%.1f health_errors=%ld",
	       hc->lat.n, samples_pct(&hc->lat, 50), samples_pct(&hc->lat, 99),
	       samples_pct(&hc->lat, 100), hc->errors);
}
