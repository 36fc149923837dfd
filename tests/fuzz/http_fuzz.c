/* http_fuzz: a bounded, loopback-only robustness run against a live anzhid
 * (ideally the ASan build): request bodies from tests/fuzz/corpus/wire/ with
 * one JSON value replaced or bytes mutated, odd query strings, path segments,
 * methods and headers, as a broken or hostile client would send them.  The
 * service must answer every one with a status below 500 and stay up; any 5xx
 * or dropped connection is written to OUT/finding-N.txt (method, path,
 * headers, body) to replay with curl.
 *
 *   http_fuzz --base https://127.0.0.1:PORT/api/v1 --pin sha256//KEY
 *             --user U --password P --unit USCC --year Y --corpus DIR
 *             --out DIR [--seconds S] [--seed N]
 * Prints "requests N, 2xx N, 4xx N, findings N"; exit 1 when a finding. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>
#include <jansson.h>

#include "tests/fuzz/http_mutate.h"

#define MAX_SEEDS 64
#define MAX_IDS 64

struct opts {
	const char *base, *pin, *user, *password, *unit, *corpus, *out;
	int year;
	double seconds;
	unsigned seed;
};

struct seed { char kind; char *text; };     /* kind: the corpus file's first byte */

struct state {
	struct opts o;
	CURL *h;
	char token[256];
	struct seed seeds[MAX_SEEDS];
	int n_seeds;
	long ids[MAX_IDS];
	int n_ids;
	long etag;
	char *body;     /* the last answer */
	size_t body_n;
	long requests, ok2, ok4, findings;
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *arg)
{
	struct state *s = arg;
	size_t len = size * nmemb;
	char *p = realloc(s->body, s->body_n + len + 1);

	if (!p)
		return 0;
	memcpy(p + s->body_n, data, len);
	s->body = p;
	s->body_n += len;
	p[s->body_n] = '\0';
	return len;
}

static size_t on_header(char *data, size_t size, size_t nmemb, void *arg)
{
	struct state *s = arg;
	size_t len = size * nmemb;

	if (len > 6 && strncasecmp(data, "etag:", 5) == 0) {
		const char *q = memchr(data, '"', len);

		if (q)
			s->etag = strtol(q + 1, NULL, 10);
	}
	return len;
}

struct req {
	const char *method;
	char path[1024];
	const char *body;
	size_t body_n;
	char hdr[3][256];
	int n_hdr;
};

static void save_finding(struct state *s, const struct req *r, long status, const char *why)
{
	char name[512];
	FILE *f;

	snprintf(name, sizeof name, "%s/finding-%ld.txt", s->o.out, ++s->findings);
	f = fopen(name, "wb");
	if (!f)
		return;
	fprintf(f, "# %s (HTTP %ld)\n%s %s\n", why, status, r->method, r->path);
	for (int i = 0; i < r->n_hdr; i++)
		fprintf(f, "%s\n", r->hdr[i]);
	fputs("\n", f);
	if (r->body)
		fwrite(r->body, 1, r->body_n, f);
	fclose(f);
	fprintf(stderr, "http_fuzz: %s: HTTP %ld for %s %s (%s)\n", why, status, r->method,
		r->path, name);
}

/* Sends r; returns the status (0 when the transfer failed). */
static long send_req(struct state *s, const struct req *r)
{
	struct curl_slist *hdrs = NULL;
	char url[1200], auth[300];
	long status = 0;
	CURLcode rc;

	snprintf(url, sizeof url, "%s%s", s->o.base, r->path);
	snprintf(auth, sizeof auth, "Authorization: Bearer %s", s->token);
	hdrs = curl_slist_append(hdrs, auth);
	bool own_type = false;
	for (int i = 0; i < r->n_hdr; i++) {
		hdrs = curl_slist_append(hdrs, r->hdr[i]);
		own_type |= strncasecmp(r->hdr[i], "Content-Type:", 13) == 0;
	}
	if (!own_type)
		hdrs = curl_slist_append(hdrs, "Content-Type: application/json");
	s->body_n = 0;
	s->etag = -1;
	curl_easy_setopt(s->h, CURLOPT_URL, url);
	curl_easy_setopt(s->h, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(s->h, CURLOPT_CUSTOMREQUEST, r->method);
	if (r->body) {
		curl_easy_setopt(s->h, CURLOPT_POSTFIELDS, r->body);
		curl_easy_setopt(s->h, CURLOPT_POSTFIELDSIZE, (long)r->body_n);
	} else {
		curl_easy_setopt(s->h, CURLOPT_HTTPGET, 1L);
		curl_easy_setopt(s->h, CURLOPT_CUSTOMREQUEST, r->method);
	}
	/* after HTTPGET, which resets it: a HEAD answer has a length but no body */
	curl_easy_setopt(s->h, CURLOPT_NOBODY, strcmp(r->method, "HEAD") == 0 ? 1L : 0L);
	rc = curl_easy_perform(s->h);
	if (rc == CURLE_OK)
		curl_easy_getinfo(s->h, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(hdrs);
	s->requests++;
	if (status >= 200 && status < 300)
		s->ok2++;
	else if (status >= 400 && status < 500)
		s->ok4++;
	if (rc != CURLE_OK)
		save_finding(s, r, 0, curl_easy_strerror(rc));
	else if (status >= 500)
		save_finding(s, r, status, "server error");
	return status;
}

/* ------------------------------------------------------------ requests */

/* A body from a random seed of kind (0 placement, 1 unit, 2 months),
 * mutated; malloc'd, *n its length. */
static char *make_body(struct state *s, char kind, size_t *n)
{
	const char *text = NULL;

	for (int tries = 0; tries < 16 && !text; tries++) {
		const struct seed *sd = &s->seeds[hm_rnd((uint32_t)s->n_seeds)];

		if (sd->kind == kind)
			text = sd->text;
	}
	return hm_mutate(text ? text : "{}", n);
}

static long pick_id(struct state *s)
{
	return s->n_ids ? s->ids[hm_rnd((uint32_t)s->n_ids)] : 1;
}

/* GET the record for its current version (the ETag). */
static long version_of(struct state *s, const char *path)
{
	struct req r = {.method = "GET"};

	snprintf(r.path, sizeof r.path, "%s", path);
	send_req(s, &r);
	return s->etag;
}

static void one_request(struct state *s)
{
	struct req r = {.method = "GET"};
	char seg[200], seg2[200], *body = NULL;
	size_t n = 0;
	long id = pick_id(s);

	switch (hm_rnd(11)) {
	case 10: /* an upload */
		r.method = "POST";
		snprintf(r.path, sizeof r.path, "/placements/%ld/materials", id);
		body = hm_upload(r.hdr[r.n_hdr], sizeof r.hdr[0], &n);
		r.n_hdr++;
		break;
	case 0: /* a new person */
		r.method = "POST";
		snprintf(r.path, sizeof r.path, "/units/%s/years/%d/placements", s->o.unit, s->o.year);
		body = make_body(s, 0, &n);
		break;
	case 1: case 2: { /* edit a person */
		char p[64];

		snprintf(p, sizeof p, "/placements/%ld", id);
		snprintf(r.hdr[r.n_hdr++], sizeof r.hdr[0], "If-Match: \"%ld\"", version_of(s, p));
		r.method = "PUT";
		snprintf(r.path, sizeof r.path, "%s", p);
		body = make_body(s, 0, &n);
		break;
	}
	case 3: case 4: { /* the months */
		char p[64];

		snprintf(p, sizeof p, "/placements/%ld", id);
		snprintf(r.hdr[r.n_hdr++], sizeof r.hdr[0], "If-Match: \"%ld\"", version_of(s, p));
		r.method = "PUT";
		snprintf(r.path, sizeof r.path, "%s/months", p);
		body = make_body(s, 2, &n);
		break;
	}
	case 5: { /* the unit */
		char p[64];

		snprintf(p, sizeof p, "/units/%s", s->o.unit);
		snprintf(r.hdr[r.n_hdr++], sizeof r.hdr[0], "If-Match: \"%ld\"", version_of(s, p));
		r.method = "PUT";
		snprintf(r.path, sizeof r.path, "%s", p);
		body = make_body(s, 1, &n);
		break;
	}
	case 6: /* the list with odd queries */
		hm_segment(seg, sizeof seg);
		hm_segment(seg2, sizeof seg2);
		snprintf(r.path, sizeof r.path, "/units/%s/years/%d/placements?%s=%s&limit=%s",
			 s->o.unit, s->o.year, (const char *[]){"q", "status", "cursor", "limit"}[hm_rnd(4)],
			 seg, seg2);
		break;
	case 7: /* odd path segments */
		hm_segment(seg, sizeof seg);
		hm_segment(seg2, sizeof seg2);
		hm_odd_path(r.path, sizeof r.path, seg, seg2);
		if (hm_rnd(3) == 0)
			r.method = (const char *[]){"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"}[hm_rnd(6)];
		break;
	case 8: /* If-Match, Idempotency-Key and Content-Type oddities */
		r.method = "PUT";
		snprintf(r.path, sizeof r.path, "/placements/%ld/months", id);
		hm_segment(seg, sizeof seg);
		snprintf(r.hdr[r.n_hdr++], sizeof r.hdr[0], "If-Match: %s",
			 hm_rnd(2) ? seg : "\"99999999999999999999\"");
		snprintf(r.hdr[r.n_hdr++], sizeof r.hdr[0], "Idempotency-Key: %s", seg);
		snprintf(r.hdr[r.n_hdr++], sizeof r.hdr[0], "Content-Type: %s",
			 (const char *[]){"text/plain", "application/json; charset=latin1",
					  "multipart/form-data", ""}[hm_rnd(4)]);
		body = make_body(s, 2, &n);
		break;
	default: /* reads of real records: the writes must not have broken them */
		if (hm_rnd(2))
			snprintf(r.path, sizeof r.path, "/placements/%ld", id);
		else
			snprintf(r.path, sizeof r.path, "/units/%s/years/%d/placements", s->o.unit,
				 s->o.year);
		break;
	}
	r.body = body;
	r.body_n = n;
	if (!body && strcmp(r.method, "GET") != 0 && strcmp(r.method, "HEAD") != 0)
		r.body = "", r.body_n = 0;
	send_req(s, &r);
	free(body);
}

/* ------------------------------------------------------------ setup */

static bool load_seeds(struct state *s)
{
	char cmd[600], line[512];
	FILE *ls;

	/* the file names of the corpus folder (a plain ls: no dirent walking) */
	snprintf(cmd, sizeof cmd, "ls -1 '%s' 2>/dev/null", s->o.corpus);
	ls = popen(cmd, "r");
	if (!ls)
		return false;
	while (s->n_seeds < MAX_SEEDS && fgets(line, sizeof line, ls)) {
		char path[1100];
		FILE *f;
		long len;

		line[strcspn(line, "\n")] = '\0';
		snprintf(path, sizeof path, "%s/%s", s->o.corpus, line);
		f = fopen(path, "rb");
		if (!f)
			continue;
		fseek(f, 0, SEEK_END);
		len = ftell(f);
		fseek(f, 0, SEEK_SET);
		if (len > 1 && len < 1 << 20) {
			char *t = malloc((size_t)len + 1);

			if (t && fread(t, 1, (size_t)len, f) == (size_t)len) {
				t[len] = '\0';
				s->seeds[s->n_seeds].kind = (char)(t[0] % 3);
				s->seeds[s->n_seeds].text = strdup(t + 1);
				s->n_seeds++;
			}
			free(t);
		}
		fclose(f);
	}
	pclose(ls);
	return s->n_seeds > 0;
}

static bool login(struct state *s)
{
	struct req r = {.method = "POST"};
	json_t *body = json_pack("{s:s, s:s}", "username", s->o.user, "password", s->o.password);
	char *text = json_dumps(body, JSON_COMPACT);
	json_t *ans;

	json_decref(body);
	snprintf(r.path, sizeof r.path, "/sessions");
	r.body = text;
	r.body_n = strlen(text);
	if (send_req(s, &r) != 201) {
		free(text);
		return false;
	}
	free(text);
	ans = json_loads(s->body, 0, NULL);
	const char *tok = json_string_value(json_object_get(ans, "token"));

	snprintf(s->token, sizeof s->token, "%s", tok ? tok : "");
	json_decref(ans);
	return s->token[0] != '\0';
}

static void find_ids(struct state *s)
{
	struct req r = {.method = "GET"};
	json_t *list, *item;
	size_t i;

	snprintf(r.path, sizeof r.path, "/units/%s/years/%d/placements", s->o.unit, s->o.year);
	send_req(s, &r);
	list = json_loads(s->body ? s->body : "", 0, NULL);
	json_array_foreach(json_object_get(list, "items"), i, item) {
		if (s->n_ids < MAX_IDS)
			s->ids[s->n_ids++] = (long)json_integer_value(json_object_get(item, "id"));
	}
	json_decref(list);
}

static bool parse_args(int argc, char **argv, struct opts *o)
{
	*o = (struct opts){.seconds = 30, .seed = (unsigned)time(NULL)};
	for (int i = 1; i + 1 < argc; i += 2) {
		const char *a = argv[i], *v = argv[i + 1];

		if (!strcmp(a, "--base")) o->base = v;
		else if (!strcmp(a, "--pin")) o->pin = v;
		else if (!strcmp(a, "--user")) o->user = v;
		else if (!strcmp(a, "--password")) o->password = v;
		else if (!strcmp(a, "--unit")) o->unit = v;
		else if (!strcmp(a, "--year")) o->year = atoi(v);
		else if (!strcmp(a, "--corpus")) o->corpus = v;
		else if (!strcmp(a, "--out")) o->out = v;
		else if (!strcmp(a, "--seconds")) o->seconds = strtod(v, NULL);
		else if (!strcmp(a, "--seed")) o->seed = (unsigned)strtoul(v, NULL, 10);
		else return false;
	}
	return o->base && o->pin && o->user && o->password && o->unit && o->year && o->corpus &&
	       o->out && o->seconds > 0 && o->seconds <= 3600 &&
	       strncmp(o->base, "https://127.", 12) == 0;   /* loopback only */
}

int main(int argc, char **argv)
{
	static struct state s;
	double end;

	if (!parse_args(argc, argv, &s.o)) {
		fprintf(stderr, "usage: http_fuzz --base https://127.0.0.1:PORT/api/v1 --pin PIN "
				"--user U --password P --unit USCC --year Y --corpus DIR --out DIR "
				"[--seconds S] [--seed N]\n");
		return 2;
	}
	hm_seed(s.o.seed);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	s.h = curl_easy_init();
	curl_easy_setopt(s.h, CURLOPT_PINNEDPUBLICKEY, s.o.pin);
	curl_easy_setopt(s.h, CURLOPT_SSL_VERIFYPEER, 0L);
	curl_easy_setopt(s.h, CURLOPT_SSL_VERIFYHOST, 0L);
	curl_easy_setopt(s.h, CURLOPT_CAINFO, NULL);
	curl_easy_setopt(s.h, CURLOPT_CAPATH, NULL);
	curl_easy_setopt(s.h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(s.h, CURLOPT_TIMEOUT, 20L);
	curl_easy_setopt(s.h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(s.h, CURLOPT_WRITEDATA, &s);
	curl_easy_setopt(s.h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(s.h, CURLOPT_HEADERDATA, &s);
	if (!load_seeds(&s) || !login(&s)) {
		fprintf(stderr, "http_fuzz: no seeds in %s or the login failed\n", s.o.corpus);
		return 2;
	}
	find_ids(&s);
	printf("http_fuzz: seed %u, %d seeds, %d placements\n", s.o.seed, s.n_seeds, s.n_ids);
	end = now_s() + s.o.seconds;
	while (now_s() < end && s.findings < 20)
		one_request(&s);
	printf("requests %ld, 2xx %ld, 4xx %ld, findings %ld\n", s.requests, s.ok2, s.ok4,
	       s.findings);
	for (int i = 0; i < s.n_seeds; i++)
		free(s.seeds[i].text);
	free(s.body);
	curl_easy_cleanup(s.h);
	curl_global_cleanup();
	return s.findings ? 1 : 0;
}
