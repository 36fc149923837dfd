/* harness — see harness.h. */
#include "tests/api/harness.h"

#include <ctype.h>
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/ident.h"

/* The main test thread keeps one curl handle (see handle_get). */
static CURL *main_handle;
static pthread_t main_thread;
static int main_thread_set;

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

int backend_is_pg(void)
{
	const char *b = getenv("ANZHI_TEST_BACKEND");
	return b && strcmp(b, "postgresql") == 0;
}

/* One database per data directory, named after its path. */
static void pg_dbname(const char *dir, char out[32])
{
	uint64_t h = 1469598103934665603ULL;
	for (const char *c = dir; *c; c++)
		h = (h ^ (unsigned char)*c) * 1099511628211ULL;
	snprintf(out, 32, "anzhi_%016llx", (unsigned long long)h);
}

void server_db_of(const char *dir, char *out, size_t len)
{
	char name[32];
	if (!backend_is_pg()) {
		snprintf(out, len, "%s/anzhid.db", dir);
		return;
	}
	pg_dbname(dir, name);
	snprintf(out, len, "postgresql:///%s", name);
}

const char *store_args(const char *dir)
{
	static _Thread_local char buf[600];
	char db[128];
	server_db_of(dir, db, sizeof db);
	if (backend_is_pg())
		snprintf(buf, sizeof buf, "--data %.300s --db %s", dir, db);
	else
		snprintf(buf, sizeof buf, "--data %.300s", dir);
	return buf;
}

static void pg_db_make(const char *dir, int make)
{
	char name[32], cmd[128];
	pg_dbname(dir, name);
	snprintf(cmd, sizeof cmd, make ? "createdb %s 2>/dev/null" : "dropdb --if-exists %s",
		 name);
	if (system(cmd) != 0 && !make)
		fprintf(stderr, "harness: %s failed\n", cmd);
}

int db_query(const struct server *s, const char *sql, char *out, size_t len)
{
	char cmd[2048], name[32];
	if (backend_is_pg()) {
		pg_dbname(s->dir, name);
		snprintf(cmd, sizeof cmd, "psql -X -Atq -d %s -c \"%s\"", name, sql);
	} else {
		snprintf(cmd, sizeof cmd, "sqlite3 %s/anzhid.db \"%s\"", s->dir, sql);
	}
	FILE *p = popen(cmd, "r");
	if (!p)
		return -1;
	out[0] = '\0';
	if (!fgets(out, (int)len, p))
		out[0] = '\0';
	out[strcspn(out, "\n")] = '\0';
	return pclose(p) == 0 ? 0 : -1;
}

int server_start(struct server *s, const char *dir, const char *const *extra)
{
	const char *bin = getenv("ANZHID");
	int pipefd[2];
	if (!bin || !*bin)
		bin = "build/release/anzhid";
	curl_global_init(CURL_GLOBAL_DEFAULT); /* before any test thread calls curl */
	if (!main_thread_set) {
		main_thread = pthread_self();
		main_thread_set = 1;
	}
	memset(s, 0, sizeof *s);
	if (dir) {
		snprintf(s->dir, sizeof s->dir, "%s", dir);
	} else {
		snprintf(s->dir, sizeof s->dir, "/tmp/anzhi-api-XXXXXX");
		if (!mkdtemp(s->dir))
			return -1;
	}
	if (backend_is_pg()) {
		pg_db_make(s->dir, 1);
		server_db_of(s->dir, s->db, sizeof s->db);
	}
	if (pipe(pipefd) != 0)
		return -1;
	snprintf(s->log, sizeof s->log, "%.280s.stderr", s->dir);
	const char *errlog = s->log;
	s->pid = fork();
	if (s->pid < 0)
		return -1;
	if (s->pid == 0) {
		const char *argv[32];
		int n = 0;
		argv[n++] = bin;
		argv[n++] = "--data";
		argv[n++] = s->dir;
		argv[n++] = "--listen";
		argv[n++] = "127.0.0.1:0";
		argv[n++] = "--demo";
		argv[n++] = "--threads";
		argv[n++] = "4";
		if (s->db[0]) {
			argv[n++] = "--db";
			argv[n++] = s->db;
		}
		for (int i = 0; extra && extra[i] && n < 30; i++)
			argv[n++] = extra[i];
		argv[n] = NULL;
		dup2(pipefd[1], 1);
		int fd = open(errlog, O_WRONLY | O_CREAT | O_APPEND, 0644);
		if (fd >= 0)
			dup2(fd, 2);
		close(pipefd[0]);
		execv(bin, (char *const *)argv);
		_exit(127);
	}
	close(pipefd[1]);
	s->out_fd = pipefd[0];
	FILE *f = fdopen(dup(pipefd[0]), "r");
	char line[512];
	while (f && fgets(line, sizeof line, f)) {
		if (strncmp(line, "pin ", 4) == 0) {
			snprintf(s->pin, sizeof s->pin, "%.127s", line + 4);
			s->pin[strcspn(s->pin, "\n")] = '\0';
		}
		if (sscanf(line, "listening on https://127.0.0.1:%d", &s->port) == 1)
			break;
	}
	if (f)
		fclose(f);
	if (s->port <= 0) {
		fprintf(stderr, "harness: anzhid did not start (see %s)\n", errlog);
		server_stop(s, 1);
		return -1;
	}
	snprintf(s->base, sizeof s->base, "https://127.0.0.1:%d/api/v1", s->port);
	char path[400];
	snprintf(path, sizeof path, "%s/demo-accounts.json", s->dir);
	s->demo = json_load_file(path, 0, NULL);
	return 0;
}

int server_stop(struct server *s, int keep)
{
	int status = -1, rc = -1;
	if (s->pid > 0) {
		kill(s->pid, SIGTERM);
		for (int i = 0; i < 3000; i++) {
			pid_t w = waitpid(s->pid, &status, WNOHANG);
			if (w == s->pid) {
				rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
				break;
			}
			struct timespec ts = { 0, 10 * 1000 * 1000 };
			nanosleep(&ts, NULL);
		}
		if (rc == -1) {
			kill(s->pid, SIGKILL);
			waitpid(s->pid, &status, 0);
		}
		s->pid = 0;
	}
	if (main_handle && pthread_equal(pthread_self(), main_thread)) {
		curl_easy_cleanup(main_handle); /* its connection died with the server */
		main_handle = NULL;
	}
	if (s->out_fd > 0)
		close(s->out_fd);
	s->out_fd = 0;
	json_decref(s->demo);
	s->demo = NULL;
	if (!keep && s->dir[0]) {
		nftw(s->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
		unlink(s->log);
		if (backend_is_pg())
			pg_db_make(s->dir, 0);
	}
	return rc;
}

int anzhid_run(const char *args, const char *input, char *out, size_t outlen)
{
	const char *bin = getenv("ANZHID");
	char cmd[2048];
	if (!bin || !*bin)
		bin = "build/release/anzhid";
	if (input)
		snprintf(cmd, sizeof cmd, "printf '%%s\\n' '%s' | timeout 60 %s %s 2>&1", input, bin, args);
	else
		snprintf(cmd, sizeof cmd, "timeout 60 %s %s 2>&1", bin, args);
	FILE *p = popen(cmd, "r");
	size_t n = p ? fread(out, 1, outlen - 1, p) : 0;
	out[n] = '\0';
	int st = p ? pclose(p) : -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static size_t on_body(char *data, size_t size, size_t n, void *cls)
{
	struct resp *r = cls;
	size_t len = size * n;
	char *nb = realloc(r->body, r->len + len + 1);
	if (!nb)
		return 0;
	r->body = nb;
	memcpy(r->body + r->len, data, len);
	r->len += len;
	r->body[r->len] = '\0';
	return len;
}

/* Every header, whole (the line buffer of on_header cuts at 255 bytes); a
 * status line starts a new block (after "100 Continue"). */
static void keep_header(struct resp *r, const char *data, size_t len)
{
	char name[64];
	size_t n = 0;
	while (len > 0 && (data[len - 1] == '\r' || data[len - 1] == '\n'))
		len--;
	if (len >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		json_decref(r->headers);
		r->headers = json_object();
		return;
	}
	while (n < len && data[n] != ':')
		n++;
	if (!r->headers || n == len || n == 0 || n >= sizeof name)
		return;
	for (size_t i = 0; i < n; i++)
		name[i] = (char)tolower((unsigned char)data[i]);
	name[n] = '\0';
	size_t v = n + 1;
	while (v < len && data[v] == ' ')
		v++;
	json_object_set_new(r->headers, name, json_stringn(data + v, len - v));
}

static size_t on_header(char *data, size_t size, size_t n, void *cls)
{
	struct resp *r = cls;
	size_t len = size * n;
	char line[256];
	snprintf(line, sizeof line, "%.*s", (int)(len < 255 ? len : 255), data);
	line[strcspn(line, "\r\n")] = '\0';
	keep_header(r, data, len);
	if (strncasecmp(line, "ETag: ", 6) == 0)
		snprintf(r->etag, sizeof r->etag, "%.31s", line + 6);
	else if (strncasecmp(line, "Retry-After: ", 13) == 0)
		snprintf(r->retry_after, sizeof r->retry_after, "%.15s", line + 13);
	else if (strncasecmp(line, "Content-Type: ", 14) == 0)
		snprintf(r->content_type, sizeof r->content_type, "%.95s", line + 14);
	return len;
}

/* The main test thread keeps one handle so its calls reuse one TLS
 * connection (a handshake per call made the ASan runs slow); other threads
 * get a fresh handle per call. */

static CURL *handle_get(void)
{
	if (main_thread_set && pthread_equal(pthread_self(), main_thread)) {
		if (!main_handle)
			main_handle = curl_easy_init();
		else
			curl_easy_reset(main_handle);
		return main_handle;
	}
	return curl_easy_init();
}

static void handle_put(CURL *c)
{
	if (c != main_handle)
		curl_easy_cleanup(c);
}

static CURL *prepare(struct server *s, const char *path, struct resp *r,
		     struct curl_slist **hdrs, const char *token, const char *const *headers)
{
	char url[600], cafile[400], auth[300];
	CURL *c = handle_get();
	memset(r, 0, sizeof *r);
	snprintf(url, sizeof url, "%s%s", s->base, path);
	snprintf(cafile, sizeof cafile, "%s/tls/cert.pem", s->dir);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PINNEDPUBLICKEY, s->pin);
	curl_easy_setopt(c, CURLOPT_CAINFO, cafile); /* self-signed: trusted by its pin */
	/* …and no system CA directory: loading it for every new connection of a
	 * test's threads took seconds on a loaded machine, past the service's
	 * deadline for a request head. */
	curl_easy_setopt(c, CURLOPT_CAPATH, NULL);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	*hdrs = NULL;
	if (token) {
		snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
		*hdrs = curl_slist_append(*hdrs, auth);
	}
	for (int i = 0; headers && headers[i]; i++)
		*hdrs = curl_slist_append(*hdrs, headers[i]);
	return c;
}

static int perform(CURL *c, struct curl_slist *hdrs, const char *method, const char *path,
		   struct resp *r)
{
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
	CURLcode rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	if (rc != CURLE_OK && r->status == 0)
		fprintf(stderr, "harness: %s\n", curl_easy_strerror(rc));
	curl_slist_free_all(hdrs);
	handle_put(c);
	if (r->body && strstr(r->content_type, "json"))
		r->json = json_loads(r->body, 0, NULL);
	record_exchange(method, path, r);
	return r->status > 0 ? 0 : -1;
}

int http(struct server *s, const char *method, const char *path, const char *token,
	 const char *body, const char *const *headers, struct resp *r)
{
	return http_from(s, NULL, method, path, token, body, headers, r);
}

int http_from(struct server *s, const char *source, const char *method, const char *path,
	      const char *token, const char *body, const char *const *headers, struct resp *r)
{
	struct curl_slist *hdrs;
	char iface[64];
	CURL *c = prepare(s, path, r, &hdrs, token, headers);
	if (source) {
		snprintf(iface, sizeof iface, "host!%s", source);
		curl_easy_setopt(c, CURLOPT_INTERFACE, iface);
	}
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	if (body) {
		hdrs = curl_slist_append(hdrs, "Content-Type: application/json");
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	} else if (strcmp(method, "POST") == 0 || strcmp(method, "PUT") == 0) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, "");
	}
	return perform(c, hdrs, method, path, r);
}

struct endless {
	uint64_t left, sent;
};

static size_t endless_read(char *buf, size_t size, size_t n, void *cls)
{
	struct endless *e = cls;
	size_t len = size * n;
	if (len > e->left)
		len = (size_t)e->left;
	memset(buf, ' ', len);
	e->left -= len;
	e->sent += len;
	return len;
}

int http_stream(struct server *s, const char *method, const char *path, const char *token,
		uint64_t declared, const char *const *headers, uint64_t *sent, struct resp *r)
{
	struct curl_slist *hdrs;
	struct endless e = { declared, 0 };
	CURL *c = prepare(s, path, r, &hdrs, token, headers);
	int typed = 0;
	for (int i = 0; headers && headers[i]; i++)
		typed |= strncasecmp(headers[i], "Content-Type:", 13) == 0;
	if (!typed)
		hdrs = curl_slist_append(hdrs, "Content-Type: application/json");
	hdrs = curl_slist_append(hdrs, "Expect:");
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)declared);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, endless_read);
	curl_easy_setopt(c, CURLOPT_READDATA, &e);
	int rc = perform(c, hdrs, method, path, r);
	*sent = e.sent;
	return rc;
}

static int upload_with(struct server *s, const char *path, const char *token,
		       const char *const *headers, const struct part *parts, size_t n,
		       struct resp *r)
{
	struct curl_slist *hdrs;
	CURL *c = prepare(s, path, r, &hdrs, token, headers);
	curl_mime *mime = curl_mime_init(c);
	for (size_t i = 0; i < n; i++) {
		curl_mimepart *p = curl_mime_addpart(mime);
		curl_mime_name(p, parts[i].name);
		if (parts[i].filename)
			curl_mime_filename(p, parts[i].filename);
		curl_mime_data(p, parts[i].data, parts[i].len);
	}
	curl_easy_setopt(c, CURLOPT_MIMEPOST, mime);
	int rc = perform(c, hdrs, "POST", path, r);
	curl_mime_free(mime);
	return rc;
}

int upload_parts(struct server *s, const char *path, const char *token,
		 const struct part *parts, size_t n, struct resp *r)
{
	return upload_with(s, path, token, NULL, parts, n, r);
}

int upload_keyed(struct server *s, const char *path, const char *token, const char *idem_key,
		 const char *kind, const char *filename, const void *data, size_t len,
		 struct resp *r)
{
	struct part parts[2];
	char key[120];
	const char *headers[] = { key, NULL };
	size_t n = 0;
	snprintf(key, sizeof key, "Idempotency-Key: %s", idem_key ? idem_key : "");
	if (kind)
		parts[n++] = (struct part){ "kind", NULL, kind, strlen(kind) };
	if (data)
		parts[n++] = (struct part){ "file", filename, data, len };
	return upload_with(s, path, token, idem_key ? headers : NULL, parts, n, r);
}

int upload(struct server *s, const char *path, const char *token, const char *kind,
	   const char *filename, const void *data, size_t len, struct resp *r)
{
	return upload_keyed(s, path, token, NULL, kind, filename, data, len, r);
}

const char *resp_header(struct resp *r, const char *name, char *out, size_t len)
{
	char lower[64];
	size_t i;
	for (i = 0; name[i] && i + 1 < sizeof lower; i++)
		lower[i] = (char)tolower((unsigned char)name[i]);
	lower[i] = '\0';
	const char *v = json_string_value(json_object_get(r->headers, lower));
	if (!v)
		return NULL;
	snprintf(out, len, "%s", v);
	return out;
}

void resp_free(struct resp *r)
{
	free(r->body);
	json_decref(r->json);
	json_decref(r->headers);
	memset(r, 0, sizeof *r);
}

int server_add_user(struct server *s, const char *username, const char *role,
		    const char *region, const char *password)
{
	int unit = strcmp(role, "unit") == 0 || strcmp(role, "agent") == 0;
	char args[600], out[512];
	snprintf(args, sizeof args, "user add %s --username %s --role %s --%s %s",
		 store_args(s->dir), username, role, unit ? "unit" : "region", region);
	return anzhid_run(args, password, out, sizeof out) == 0 ? 0 : -1;   /* password on stdin */
}

char *login(struct server *s, const char *user, const char *password)
{
	struct resp r;
	char body[256];
	char *tok = NULL;
	snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"%s\"}", user, password);
	if (http(s, "POST", "/sessions", NULL, body, NULL, &r) == 0 && r.status == 201)
		tok = strdup(jstr(r.json, "token"));
	resp_free(&r);
	return tok;
}

const char *demo_unit_of(struct server *s, const char *user)
{
	size_t i;
	json_t *a;
	json_array_foreach(json_object_get(s->demo, "accounts"), i, a)
		if (strcmp(json_string_value(json_object_get(a, "username")), user) == 0)
			return json_string_value(json_object_get(a, "unit"));
	return NULL;
}

const char *demo_addable(struct server *s, size_t i)
{
	return json_string_value(json_array_get(json_object_get(s->demo, "addable_idnos"), i));
}

json_t *jget(json_t *root, const char *path)
{
	char key[128];
	json_t *cur = root;
	while (cur && *path) {
		size_t n = strcspn(path, ".");
		snprintf(key, sizeof key, "%.*s", (int)n, path);
		if (json_is_array(cur))
			cur = json_array_get(cur, strtoul(key, NULL, 10));
		else
			cur = json_object_get(cur, key);
		path += n + (path[n] == '.');
	}
	return cur;
}

const char *jstr(json_t *root, const char *path)
{
	const char *v = json_string_value(jget(root, path));
	return v ? v : "";
}

long long jint(json_t *root, const char *path)
{
	return json_integer_value(jget(root, path));
}

void make_idno(const char *first17, char out[19])
{
	snprintf(out, 19, "%.17s%c", first17, idno_check_char(first17));
}
