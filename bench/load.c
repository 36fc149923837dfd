/* load: a small, bounded HTTPS load generator for anzhid on loopback — how
 * many requests a second the service answers and how long the slow ones take.
 *
 *   load --base https://127.0.0.1:PORT/api/v1 --pin sha256//KEY
 *        --user U --password P [--logins N]
 *        [--threads T] [--seconds S] [--max M] [--year Y]
 *        [--get NAME PATH]...  [--connect NAME PATH]...  [--connect-ca NAME PATH]...
 *        [--put-months NAME ID[,ID…]]...  [--grow NAME LISTPATH TEMPLATE_ID COUNT]...
 *
 * Logs in N times (argon2id; the last token is kept), then runs each scenario
 * in order with T threads, each holding one keep-alive connection (an easy
 * handle reused), for S seconds or M requests in all, whichever comes first.
 * --connect opens a new TLS connection for every request (the handshake
 * cost); --connect-ca does the same with libcurl's default CA bundle left on,
 * as a client that only sets a pin does (libcurl-gnutls reads the whole
 * system bundle for every new connection, even with VERIFYPEER off).
 * --put-months loops PUT /placements/ID/months (months of --year, default
 * 2025) with If-Match (thread t uses the
 * t-th ID, so threads do not fight over versions), alternating 12 and 11
 * registered months so every request re-runs the checks; the version comes
 * from each answer's ETag.  --grow POSTs COUNT new persons to LISTPATH (one
 * thread), each a copy of placement TEMPLATE_ID with a fresh valid ID number
 * and matching certificate, so the list can be measured at a larger size.
 * Output, one line per result:
 *   login  <n> <p50_ms> <p99_ms> <max_ms>
 *   <NAME> <requests> <req_per_s> <p50_ms> <p99_ms> <errors>
 * Exit 1 when the service cannot be reached or the login fails. */
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>
#include <jansson.h>

#define MAX_SCENARIOS 8
#define MAX_THREADS 64 /* make soak: 50 parallel writers */
#define MAX_IDS 64

/* GET on a kept-alive connection; GET on a new TLS connection each time
 * (without / with libcurl's default CA bundle loading); PUT months. */
enum kind { KIND_GET, KIND_CONNECT, KIND_CONNECT_CA, KIND_PUT_MONTHS, KIND_GROW };

struct scenario {
	const char *name;
	enum kind kind;
	const char *path;
	long ids[MAX_IDS];
	int n_ids;
	long count;             /* --grow: persons to add */
};

struct opts {
	const char *base, *pin, *user, *password;
	int logins, threads, year;
	double seconds;
	long max;
	struct scenario sc[MAX_SCENARIOS];
	int n_sc;
};

struct buf { char *p; size_t n; };

struct worker {
	const struct opts *o;
	const struct scenario *sc;
	const char *token;
	int index;
	double deadline;
	long quota;             /* this thread's share of --max */
	double *lat_ms;
	long n;
	long errors;
	long version;           /* PUT: the placement's current version */
	struct buf body;
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *arg)
{
	struct buf *b = arg;
	size_t len = size * nmemb;
	char *p = realloc(b->p, b->n + len + 1);

	if (!p)
		return 0;
	memcpy(p + b->n, data, len);
	b->p = p;
	b->n += len;
	b->p[b->n] = '\0';
	return len;
}

/* ETag: "N" -> the worker's version. */
static size_t on_header(char *data, size_t size, size_t nmemb, void *arg)
{
	struct worker *w = arg;
	size_t len = size * nmemb;

	if (len > 6 && strncasecmp(data, "etag:", 5) == 0) {
		const char *q = memchr(data, '"', len);

		if (q)
			w->version = strtol(q + 1, NULL, 10);
	}
	return len;
}

static CURL *handle_new(const struct opts *o, const char *token, struct curl_slist **hdrs,
			bool keep_ca)
{
	CURL *h = curl_easy_init();
	char auth[256];

	if (!h)
		return NULL;
	/* The service's certificate is self-signed: trust is the public-key pin. */
	curl_easy_setopt(h, CURLOPT_PINNEDPUBLICKEY, o->pin);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L);
	if (!keep_ca) {
		/* the pin is the trust: do not read the system CA bundle */
		curl_easy_setopt(h, CURLOPT_CAINFO, NULL);
		curl_easy_setopt(h, CURLOPT_CAPATH, NULL);
	}
	curl_easy_setopt(h, CURLOPT_TCP_NODELAY, 1L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	*hdrs = curl_slist_append(NULL, "Content-Type: application/json");
	if (token) {
		snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
		*hdrs = curl_slist_append(*hdrs, auth);
	}
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, *hdrs);
	return h;
}

/* One request; its status (0 when the transfer failed). */
static long perform(CURL *h, struct buf *b)
{
	long status = 0;

	b->n = 0;
	curl_easy_setopt(h, CURLOPT_WRITEDATA, b);
	if (curl_easy_perform(h) != CURLE_OK)
		return 0;
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	return status;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Nearest-rank percentile of a sorted array. */
static double pct(const double *v, long n, double p)
{
	long k;

	if (n <= 0)
		return 0;
	k = (long)(p / 100.0 * (double)n + 0.999999) - 1;
	if (k < 0)
		k = 0;
	if (k >= n)
		k = n - 1;
	return v[k];
}

/* Logs in o->logins times on one connection (after a warm-up GET so the TLS
 * handshake is not counted); fills token.  False when a login fails. */
static bool do_logins(const struct opts *o, char *token, size_t tokensz)
{
	struct curl_slist *hdrs = NULL;
	CURL *h = handle_new(o, NULL, &hdrs, false);
	struct buf b = {0};
	char url[512], *body;
	double *lat = calloc((size_t)o->logins, sizeof *lat);
	bool ok = h && lat;
	json_t *req = json_pack("{s:s, s:s}", "username", o->user, "password", o->password);

	body = req ? json_dumps(req, JSON_COMPACT) : NULL;
	json_decref(req);
	snprintf(url, sizeof url, "%s/health", o->base);
	if (ok) {
		curl_easy_setopt(h, CURLOPT_URL, url);
		if (perform(h, &b) != 200) {
			fprintf(stderr, "load: GET %s failed\n", url);
			ok = false;
		}
	}
	snprintf(url, sizeof url, "%s/sessions", o->base);
	for (int i = 0; ok && body && i < o->logins; i++) {
		double t0 = now_s();
		long st;
		json_t *ans;

		curl_easy_setopt(h, CURLOPT_URL, url);
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
		st = perform(h, &b);
		lat[i] = (now_s() - t0) * 1e3;
		ans = st == 201 ? json_loads(b.p, 0, NULL) : NULL;
		if (!ans || !json_string_value(json_object_get(ans, "token"))) {
			fprintf(stderr, "load: login as %s failed (HTTP %ld)\n", o->user, st);
			ok = false;
		} else {
			snprintf(token, tokensz, "%s",
				 json_string_value(json_object_get(ans, "token")));
		}
		json_decref(ans);
	}
	if (ok) {
		qsort(lat, (size_t)o->logins, sizeof *lat, cmp_double);
		printf("login %d %.2f %.2f %.2f\n", o->logins, pct(lat, o->logins, 50),
		       pct(lat, o->logins, 99), lat[o->logins - 1]);
	}
	free(body);
	free(lat);
	free(b.p);
	curl_slist_free_all(hdrs);
	if (h)
		curl_easy_cleanup(h);
	return ok && o->logins > 0;
}

/* GET /placements/ID on h for its current version (the ETag), then puts h
 * back to PUT …/months. */
static bool refresh_version(CURL *h, const struct opts *o, long id, struct worker *w)
{
	char url[512];
	long st;

	snprintf(url, sizeof url, "%s/placements/%ld", o->base, id);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, NULL);
	curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
	st = perform(h, &w->body);
	snprintf(url, sizeof url, "%s/placements/%ld/months", o->base, id);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, "PUT");
	return st == 200;
}

static void *run_worker(void *arg)
{
	struct worker *w = arg;
	const struct opts *o = w->o;
	struct curl_slist *hdrs = NULL;
	CURL *h = handle_new(o, w->token, &hdrs, w->sc->kind == KIND_CONNECT_CA);
	char url[512], ifmatch[64];
	long id = w->sc->n_ids ? w->sc->ids[w->index % w->sc->n_ids] : 0;
	char bodies[2][200];
	const char *const BODIES[2] = { bodies[0], bodies[1] };

	/* twelve months of the business year, then eleven */
	for (int k = 0; k < 2; k++) {
		int at = snprintf(bodies[k], sizeof bodies[k], "{\"months\":[");
		for (int m = 1; m <= 12 - k; m++)
			at += snprintf(bodies[k] + at, sizeof bodies[k] - (size_t)at, "%s\"%d%02d\"",
				       m > 1 ? "," : "", o->year, m);
		snprintf(bodies[k] + at, sizeof bodies[k] - (size_t)at, "]}");
	}

	if (!h)
		return NULL;
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, w);
	if (w->sc->kind != KIND_PUT_MONTHS) {
		snprintf(url, sizeof url, "%s%s", o->base, w->sc->path);
		if (w->sc->kind != KIND_GET) {
			curl_easy_setopt(h, CURLOPT_FRESH_CONNECT, 1L);
			curl_easy_setopt(h, CURLOPT_FORBID_REUSE, 1L);
		}
	} else {
		snprintf(url, sizeof url, "%s/placements/%ld", o->base, id);
		curl_easy_setopt(h, CURLOPT_URL, url);
		if (perform(h, &w->body) != 200) {
			fprintf(stderr, "load: GET %s failed\n", url);
			w->errors++;
			goto out;
		}
		snprintf(url, sizeof url, "%s/placements/%ld/months", o->base, id);
		curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, "PUT");
	}
	curl_easy_setopt(h, CURLOPT_URL, url);
	while (w->n < w->quota && now_s() < w->deadline) {
		struct curl_slist *extra = NULL;
		double t0;
		long st;

		if (w->sc->kind == KIND_PUT_MONTHS) {
			/* the answer's ETag replaces w->version */
			snprintf(ifmatch, sizeof ifmatch, "If-Match: \"%ld\"", w->version);
			extra = curl_slist_append(NULL, ifmatch);
			for (struct curl_slist *s = hdrs; s; s = s->next)
				extra = curl_slist_append(extra, s->data);
			curl_easy_setopt(h, CURLOPT_HTTPHEADER, extra);
			curl_easy_setopt(h, CURLOPT_POSTFIELDS, BODIES[w->n & 1]);
		}
		t0 = now_s();
		st = perform(h, &w->body);
		w->lat_ms[w->n++] = (now_s() - t0) * 1e3;
		if (st < 200 || st > 299)
			w->errors++;
		if (extra) {
			curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
			curl_slist_free_all(extra);
		}
		if (st == 0)
			break;  /* the connection is gone: stop rather than spin */
		if (st == 412 && !refresh_version(h, o, id, w))
			break;  /* another writer moved the version: re-read it (untimed) */
	}
out:
	curl_slist_free_all(hdrs);
	curl_easy_cleanup(h);
	return NULL;
}

static void run_scenario(const struct opts *o, const struct scenario *sc, const char *token)
{
	struct worker w[MAX_THREADS];
	pthread_t th[MAX_THREADS];
	double t0 = now_s(), elapsed;
	long total = 0, errors = 0;
	double *all;

	for (int t = 0; t < o->threads; t++) {
		w[t] = (struct worker){.o = o, .sc = sc, .token = token, .index = t,
				       .deadline = t0 + o->seconds,
				       .quota = o->max / o->threads};
		w[t].lat_ms = calloc((size_t)w[t].quota + 1, sizeof(double));
		if (!w[t].lat_ms || pthread_create(&th[t], NULL, run_worker, &w[t]) != 0) {
			fprintf(stderr, "load: cannot start thread\n");
			exit(1);
		}
	}
	for (int t = 0; t < o->threads; t++) {
		pthread_join(th[t], NULL);
		total += w[t].n;
		errors += w[t].errors;
	}
	elapsed = now_s() - t0;
	all = calloc((size_t)total + 1, sizeof *all);
	if (!all)
		exit(1);
	total = 0;
	for (int t = 0; t < o->threads; t++) {
		memcpy(all + total, w[t].lat_ms, (size_t)w[t].n * sizeof *all);
		total += w[t].n;
		free(w[t].lat_ms);
		free(w[t].body.p);
	}
	qsort(all, (size_t)total, sizeof *all, cmp_double);
	printf("%s %ld %.0f %.2f %.2f %ld\n", sc->name, total,
	       elapsed > 0 ? (double)total / elapsed : 0, pct(all, total, 50),
	       pct(all, total, 99), errors);
	fflush(stdout);
	free(all);
}

/* ------------------------------------------------------------ --grow */

/* A valid 居民身份证号 for the k-th added person (GB 11643 check character);
 * sequence numbers 900+ keep clear of the demo's people. */
static void grow_idno(long k, char out[19])
{
	static const int W[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	int sum = 0;

	snprintf(out, 19, "150924%04ld%02ld%02ld%03ld", 1975 + (k / 336) % 25, 1 + (k / 28) % 12,
		 1 + k % 28, 900 + (k / 8400) % 99);
	for (int i = 0; i < 17; i++)
		sum += (out[i] - '0') * W[i];
	out[17] = "10X98765432"[sum % 11];
	out[18] = '\0';
}

/* The template's person/contracts/certificates with the k-th ID number. */
static char *grow_body(const json_t *tpl, long k)
{
	static const char *const GIVEN[] = {"一", "二", "三", "四", "五", "六", "七", "八"};
	json_t *person = json_deep_copy(json_object_get(tpl, "person"));
	json_t *certs = json_deep_copy(json_object_get(tpl, "certificates"));
	json_t *contracts = json_deep_copy(json_object_get(tpl, "contracts"));
	json_t *c, *body;
	char idno[19], num[32], name[32];
	size_t i;
	char *text;

	grow_idno(k, idno);
	snprintf(name, sizeof name, "压测%s%s", GIVEN[k % 8], GIVEN[(k / 8) % 8]);
	json_object_set_new(person, "idno", json_string(idno));
	json_object_set_new(person, "name", json_string(name));
	json_object_set_new(person, "retire_group", json_null());
	json_object_del(person, "gender");
	json_object_del(person, "birth");
	json_array_foreach(certs, i, c) {
		snprintf(num, sizeof num, "%s%lld%lld", idno,
			 (long long)json_integer_value(json_object_get(c, "category")),
			 (long long)json_integer_value(json_object_get(c, "level")));
		json_object_set_new(c, "number", json_string(num));
		json_object_del(c, "id");
	}
	json_array_foreach(contracts, i, c)
		json_object_del(c, "id");
	body = json_pack("{s:o, s:o, s:o}", "person", person, "contracts", contracts,
			 "certificates", certs);
	text = body ? json_dumps(body, JSON_COMPACT) : NULL;
	json_decref(body);
	return text;
}

static void run_grow(const struct opts *o, const struct scenario *sc, const char *token)
{
	struct curl_slist *hdrs = NULL;
	CURL *h = handle_new(o, token, &hdrs, false);
	struct buf b = {0};
	char url[512];
	json_t *tpl = NULL;
	double *lat = calloc((size_t)sc->count + 1, sizeof *lat), t0 = now_s();
	long n = 0, errors = 0;

	snprintf(url, sizeof url, "%s/placements/%ld", o->base, sc->ids[0]);
	if (h && lat) {
		curl_easy_setopt(h, CURLOPT_URL, url);
		if (perform(h, &b) == 200)
			tpl = json_loads(b.p, 0, NULL);
	}
	if (!tpl)
		fprintf(stderr, "load: --grow: cannot read %s\n", url);
	snprintf(url, sizeof url, "%s%s", o->base, sc->path);
	for (long k = 0; tpl && n < sc->count && now_s() < t0 + o->seconds * 4; k++) {
		char *body = grow_body(tpl, k);
		double t1 = now_s();
		long st;

		curl_easy_setopt(h, CURLOPT_URL, url);
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
		st = perform(h, &b);
		lat[n++] = (now_s() - t1) * 1e3;
		free(body);
		if (st != 201 && errors++ == 0)
			fprintf(stderr, "load: --grow: HTTP %ld: %.200s\n", st, b.p ? b.p : "");
		if (st == 0 || errors > 20)
			break;
	}
	qsort(lat, (size_t)n, sizeof *lat, cmp_double);
	printf("%s %ld %.0f %.2f %.2f %ld\n", sc->name, n, n / (now_s() - t0), pct(lat, n, 50),
	       pct(lat, n, 99), errors);
	fflush(stdout);
	json_decref(tpl);
	free(lat);
	free(b.p);
	curl_slist_free_all(hdrs);
	if (h)
		curl_easy_cleanup(h);
}

static int usage(void)
{
	fprintf(stderr, "usage: load --base URL --pin PIN --user U --password P [--logins N]\n"
			"            [--threads T] [--seconds S] [--max M] [--year Y]\n"
			"            [--get NAME PATH]... [--connect NAME PATH]...\n"
			"            [--connect-ca NAME PATH]... [--put-months NAME ID[,ID...]]...\n"
			"            [--grow NAME LISTPATH TEMPLATE_ID COUNT]...\n");
	return 2;
}

static bool parse_ids(const char *s, struct scenario *sc)
{
	char *end;

	while (*s && sc->n_ids < MAX_IDS) {
		long v = strtol(s, &end, 10);

		if (end == s || v <= 0)
			return false;
		sc->ids[sc->n_ids++] = v;
		s = *end == ',' ? end + 1 : end;
	}
	return sc->n_ids > 0;
}

/* The GET-like scenario options; -1 for anything else. */
static int get_kind(const char *opt)
{
	static const struct { const char *opt; enum kind kind; } K[] = {
		{"--get", KIND_GET}, {"--connect", KIND_CONNECT}, {"--connect-ca", KIND_CONNECT_CA},
	};

	for (size_t i = 0; i < sizeof K / sizeof K[0]; i++)
		if (strcmp(opt, K[i].opt) == 0)
			return (int)K[i].kind;
	return -1;
}

static bool parse_args(int argc, char **argv, struct opts *o)
{
	*o = (struct opts){.logins = 1, .threads = 2, .seconds = 5, .max = 200000, .year = 2025};
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		bool more = i + 1 < argc;
		int kind;

		if (strcmp(a, "--base") == 0 && more)
			o->base = argv[++i];
		else if (strcmp(a, "--pin") == 0 && more)
			o->pin = argv[++i];
		else if (strcmp(a, "--user") == 0 && more)
			o->user = argv[++i];
		else if (strcmp(a, "--password") == 0 && more)
			o->password = argv[++i];
		else if (strcmp(a, "--logins") == 0 && more)
			o->logins = atoi(argv[++i]);
		else if (strcmp(a, "--threads") == 0 && more)
			o->threads = atoi(argv[++i]);
		else if (strcmp(a, "--seconds") == 0 && more)
			o->seconds = strtod(argv[++i], NULL);
		else if (strcmp(a, "--year") == 0 && more)
			o->year = atoi(argv[++i]);
		else if (strcmp(a, "--max") == 0 && more)
			o->max = strtol(argv[++i], NULL, 10);
		else if ((kind = get_kind(a)) >= 0 && i + 2 < argc && o->n_sc < MAX_SCENARIOS)
			o->sc[o->n_sc++] = (struct scenario){.name = argv[i + 1],
							     .kind = (enum kind)kind,
							     .path = argv[i + 2]}, i += 2;
		else if (strcmp(a, "--put-months") == 0 && i + 2 < argc && o->n_sc < MAX_SCENARIOS) {
			o->sc[o->n_sc] = (struct scenario){.name = argv[i + 1],
							   .kind = KIND_PUT_MONTHS};
			if (!parse_ids(argv[i + 2], &o->sc[o->n_sc++]))
				return false;
			i += 2;
		} else if (strcmp(a, "--grow") == 0 && i + 4 < argc && o->n_sc < MAX_SCENARIOS) {
			o->sc[o->n_sc++] = (struct scenario){
				.name = argv[i + 1], .kind = KIND_GROW, .path = argv[i + 2],
				.ids = {strtol(argv[i + 3], NULL, 10)}, .n_ids = 1,
				.count = strtol(argv[i + 4], NULL, 10)};
			if (o->sc[o->n_sc - 1].count < 1 || o->sc[o->n_sc - 1].count > 5000)
				return false;
			i += 4;
		} else
			return false;
	}
	/* bounded: loopback benchmarks, never a stress test of someone else */
	return o->base && o->pin && o->user && o->password && o->logins >= 1 &&
	       o->logins <= 100 && o->threads >= 1 && o->threads <= MAX_THREADS &&
	       o->seconds > 0 && o->seconds <= 60 && o->max >= o->threads && o->max <= 1000000 &&
	       (strncmp(o->base, "https://127.", 12) == 0 ||
		strncmp(o->base, "https://localhost", 17) == 0);
}

int main(int argc, char **argv)
{
	struct opts o;
	char token[256] = "";

	if (!parse_args(argc, argv, &o))
		return usage();
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return 1;
	if (!do_logins(&o, token, sizeof token)) {
		curl_global_cleanup();
		return 1;
	}
	for (int i = 0; i < o.n_sc; i++) {
		if (o.sc[i].kind == KIND_GROW)
			run_grow(&o, &o.sc[i], token);
		else
			run_scenario(&o, &o.sc[i], token);
	}
	curl_global_cleanup();
	return 0;
}
