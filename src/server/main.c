/* anzhid — the central HTTPS service. Verbs: (serve, the default), pin,
 * user add|list|passwd, import, migrate, backup, seed. See doc/anzhid.8. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/datadir.h"
#include "core/regions.h"
#include "server/app.h"
#include "server/auth.h"
#include "server/docs.h"
#include "server/http.h"
#include "server/import_job.h"
#include "server/log.h"
#include "server/materials.h"
#include "server/recheck.h"
#include "server/store.h"
#include "server/tls.h"
#include "wire/wire.h"

static const char usage[] =
	"usage: anzhid --data DIR [--db postgresql://URI] [--listen 127.0.0.1:8443] [--demo]\n"
	"              [--threads N] [--year Y] [--datadir DIR] [--max-upload-bytes N]\n"
	"              [--drain-seconds N] [--head-timeout S] [--body-timeout S]\n"
	"              [--min-body-rate BYTES] [--max-connections N] [--max-connections-per-ip N]\n"
	"              [--session-lifetime S] [--sessions-per-user N]\n"
	"       anzhid pin --data DIR\n"
	"       anzhid user add --data DIR --username U --role R [--unit USCC | --region CODE]\n"
	"                       [--display-name NAME] [--password-file FILE]  (else stdin)\n"
	"       anzhid user list --data DIR\n"
	"       anzhid user passwd --data DIR --username U [--password-file FILE]\n"
	"       anzhid import --data DIR {wages|social-insurance|medical-insurance|certificates|\n"
	"                     persons} FILE.csv [--as-of YYYY-MM-DD]\n"
	"       anzhid migrate --data DIR\n"
	"       anzhid backup --data DIR OUT.db\n"
	"       anzhid seed --data DIR --placements N [--year Y]\n"
	"       anzhid keys rotate|list --data DIR  |  anzhid keys revoke --data DIR ID\n"
	"       anzhid documents revoke --data DIR CODE --reason TEXT\n"
	"       anzhid --help | --version\n";

struct opts {
	struct srv_config cfg;
	char listen[96];
	const char *username, *role, *unit, *region, *password_file, *display, *as_of, *reason;
	const char *args[4];
	int nargs;
	long placements;          /* seed */
};

/* Whole-number options: name → where, and the range allowed. */
static int take_number(struct opts *o, const char *name, const char *val)
{
	struct srv_config *c = &o->cfg;
	struct {
		const char *name;
		int *i;
		uint64_t *u;
		long long min, max;
	} nums[] = {
		{ "--threads", &c->threads, NULL, 1, 64 },
		{ "--year", &c->year, NULL, 2000, 2100 },
		{ "--max-upload-bytes", NULL, &c->max_upload, 1, 1LL << 40 },
		{ "--drain-seconds", &c->drain_seconds, NULL, 1, 3600 },
		{ "--head-timeout", &c->head_timeout, NULL, 1, 3600 },
		{ "--body-timeout", &c->body_timeout, NULL, 1, 86400 },
		{ "--min-body-rate", NULL, &c->min_body_rate, 1, 1LL << 40 },
		{ "--max-connections", &c->max_connections, NULL, 16, 1000000 },
		{ "--max-connections-per-ip", &c->max_connections_per_ip, NULL, 0, 1000000 },
		{ "--session-lifetime", &c->session_lifetime, NULL, 1, 30 * 86400 },
		{ "--sessions-per-user", &c->sessions_per_user, NULL, 1, 1000 },
	};
	for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
		if (strcmp(name, nums[i].name) != 0)
			continue;
		char *end;
		errno = 0;
		long long v = strtoll(val, &end, 10);
		if (errno || end == val || *end || v < nums[i].min || v > nums[i].max) {
			fprintf(stderr, "anzhid: %s takes a whole number from %lld to %lld\n", name,
				nums[i].min, nums[i].max);
			return -2;
		}
		if (nums[i].i)
			*nums[i].i = (int)v;
		else
			*nums[i].u = (uint64_t)v;
		return 0;
	}
	return -1;
}

/* Options that take a value: name → where it goes. */
static int take_option(struct opts *o, const char *name, const char *val)
{
	struct {
		const char *name;
		const char **dst;
	} strs[] = {
		{ "--username", &o->username }, { "--role", &o->role },
		{ "--unit", &o->unit },		{ "--region", &o->region },
		{ "--password-file", &o->password_file }, { "--display-name", &o->display },
		{ "--as-of", &o->as_of },	{ "--reason", &o->reason },
	};
	for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
		if (strcmp(name, strs[i].name) == 0) {
			*strs[i].dst = val;
			return 0;
		}
	if (strcmp(name, "--data") == 0)
		snprintf(o->cfg.data_dir, sizeof o->cfg.data_dir, "%s", val);
	else if (strcmp(name, "--db") == 0)
		snprintf(o->cfg.db, sizeof o->cfg.db, "%s", val);
	else if (strcmp(name, "--datadir") == 0)
		snprintf(o->cfg.datadir, sizeof o->cfg.datadir, "%s", val);
	else if (strcmp(name, "--listen") == 0)
		snprintf(o->listen, sizeof o->listen, "%s", val);
	else if (strcmp(name, "--placements") == 0)
		o->placements = strtol(val, NULL, 10);
	else
		return take_number(o, name, val);
	return 0;
}

static int parse_args(int argc, char **argv, struct opts *o)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	memset(o, 0, sizeof *o);
	snprintf(o->cfg.datadir, sizeof o->cfg.datadir, "%s", datadir());
	snprintf(o->listen, sizeof o->listen, "127.0.0.1:8443");
	o->cfg.threads = 4;
	o->cfg.year = tm.tm_year + 1900 - 1; /* the business year: last calendar year */
	o->cfg.max_upload = 100ull * 1024 * 1024;
	o->cfg.max_json = 1024 * 1024;
	o->cfg.drain_seconds = 10;
	o->cfg.head_timeout = 10;
	o->cfg.body_timeout = 30;
	o->cfg.min_body_rate = 16 * 1024;
	o->cfg.max_connections = 2048;
	o->cfg.max_connections_per_ip = 64;
	o->cfg.session_lifetime = 12 * 3600;
	o->cfg.sessions_per_user = 10;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--password") == 0) {
			/* Every local user can read a command line (ps, /proc). */
			fprintf(stderr, "anzhid: --password is refused: a command line is visible to "
					"other users; give the password on standard input or with "
					"--password-file FILE\n");
			return -1;
		}
		if (strcmp(a, "--demo") == 0) {
			o->cfg.demo = 1;
		} else if (strncmp(a, "--", 2) == 0) {
			int rc = i + 1 < argc ? take_option(o, a, argv[i + 1]) : -1;
			if (rc == -1)
				fprintf(stderr, "anzhid: unknown option or missing value: %s\n", a);
			if (rc != 0)
				return -1;
			i++;
		} else if (o->nargs < 4) {
			o->args[o->nargs++] = a;
		} else {
			fprintf(stderr, "anzhid: too many arguments\n");
			return -1;
		}
	}
	char *colon = strrchr(o->listen, ':');
	if (!colon) {
		fprintf(stderr, "anzhid: --listen takes ADDR:PORT\n");
		return -1;
	}
	*colon = '\0';
	snprintf(o->cfg.listen_host, sizeof o->cfg.listen_host, "%.63s", o->listen);
	o->cfg.port = atoi(colon + 1);
	return 0;
}

/* The first line of FILE, or of standard input when file is NULL. */
static int read_password(const char *file, char *buf, size_t len)
{
	FILE *f = file ? fopen(file, "r") : stdin;
	if (!f) {
		fprintf(stderr, "anzhid: %s: %s\n", file, strerror(errno));
		return -1;
	}
	int got = fgets(buf, (int)len, f) != NULL;
	if (file)
		fclose(f);
	if (!got) {
		fprintf(stderr, "anzhid: no password on %s\n", file ? file : "standard input");
		return -1;
	}
	buf[strcspn(buf, "\r\n")] = '\0';
	if (strlen(buf) < 8) {
		fprintf(stderr, "anzhid: a password has at least 8 characters\n");
		return -1;
	}
	return 0;
}

static int cmd_user(struct srv_ctx *ctx, struct store *st, struct opts *o)
{
	const char *verb = o->nargs > 1 ? o->args[1] : "";
	char pw[256], hash[crypto_pwhash_STRBYTES];
	if (strcmp(verb, "list") == 0) {
		json_t *list = store_user_list(st);
		size_t i;
		json_t *u;
		json_array_foreach(list, i, u) {
			json_t *scope = json_object_get(u, "unit");
			if (json_is_null(scope))
				scope = json_object_get(u, "region");
			printf("%-20s %-10s %s\n", json_string_value(json_object_get(u, "username")),
			       json_string_value(json_object_get(u, "role")),
			       json_is_string(scope) ? json_string_value(scope) : "-");
		}
		json_decref(list);
		return 0;
	}
	if (!o->username || !*o->username) {
		fprintf(stderr, "anzhid: --username is required\n");
		return 2;
	}
	if (strlen(o->username) > AUTH_USERNAME_MAX ||
	    !wire_text_ok(o->username, strlen(o->username))) {
		fprintf(stderr, "anzhid: a username has at most %d bytes of UTF-8 text without "
				"control characters\n", AUTH_USERNAME_MAX);
		return 2;
	}
	if (o->display && (strlen(o->display) > WIRE_NAME_MAX ||
			   !wire_text_ok(o->display, strlen(o->display)))) {
		fprintf(stderr, "anzhid: a display name has at most %d bytes of UTF-8 text without "
				"control characters\n", WIRE_NAME_MAX);
		return 2;
	}
	if (strcmp(verb, "passwd") == 0) {
		if (read_password(o->password_file, pw, sizeof pw) != 0 ||
		    auth_hash_password(pw, hash) != 0)
			return 1;
		if (store_begin(st) != STORE_OK ||
		    store_user_set_password(st, o->username, hash) != STORE_OK ||
		    store_audit(st, 0, "cli", "user", o->username, "passwd", NULL, NULL) != STORE_OK) {
			store_rollback(st);
			fprintf(stderr, "anzhid: no user %s\n", o->username);
			return 1;
		}
		store_commit(st);
		printf("password changed for %s (its sessions ended)\n", o->username);
		return 0;
	}
	if (strcmp(verb, "add") != 0) {
		fputs(usage, stderr);
		return 2;
	}
	struct srv_user u = { 0 };
	if (!o->role || !wire_enum_ok(wire_roles, o->role)) {
		fprintf(stderr, "anzhid: --role is one of unit agent reviewer supervisor admin\n");
		return 2;
	}
	int unit_role = strcmp(o->role, "unit") == 0 || strcmp(o->role, "agent") == 0;
	int region_role = strcmp(o->role, "reviewer") == 0 || strcmp(o->role, "supervisor") == 0;
	json_t *unit = unit_role && o->unit ? store_unit_get(st, o->unit) : NULL;
	int unit_known = unit != NULL;
	json_decref(unit);
	if (unit_role && !unit_known) {
		fprintf(stderr, "anzhid: a %s account needs --unit USCC of a known unit\n", o->role);
		return 2;
	}
	if (region_role && (!o->region || !regions_find(&ctx->regions, o->region))) {
		fprintf(stderr, "anzhid: a %s account needs --region CODE of a known region\n",
			o->role);
		return 2;
	}
	snprintf(u.username, sizeof u.username, "%s", o->username);
	snprintf(u.display_name, sizeof u.display_name, "%s", o->display ? o->display : o->username);
	snprintf(u.role, sizeof u.role, "%s", o->role);
	if (unit_role)
		snprintf(u.unit, sizeof u.unit, "%s", o->unit);
	if (region_role)
		snprintf(u.region, sizeof u.region, "%s", o->region);
	if (read_password(o->password_file, pw, sizeof pw) != 0 || auth_hash_password(pw, hash) != 0)
		return 1;
	json_t *after = json_pack("{s:s, s:s, s:s, s:s}", "username", u.username, "role", u.role,
				  "unit", u.unit, "region", u.region);
	int rc = store_begin(st);
	if (rc == STORE_OK)
		rc = store_user_add(st, &u, hash);
	if (rc == STORE_OK)
		rc = store_audit(st, 0, "cli", "user", u.username, "create", NULL, after);
	json_decref(after);
	if (rc == STORE_OK)
		rc = store_commit(st);
	if (rc != STORE_OK) {
		store_rollback(st);
		fprintf(stderr, "anzhid: %s\n", rc == STORE_CONFLICT ? "that username is taken"
								      : store_errmsg(st));
		return 1;
	}
	printf("added %s (%s)\n", u.username, u.role);
	return 0;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Finishes any re-check an earlier import left, imports, then re-checks the
 * months the file named. */
static int cmd_import(struct srv_ctx *ctx, struct store *st, const struct opts *o)
{
	char err[512];
	long rows = 0;
	struct recheck_stats rs;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (recheck_pending(ctx, st, &rs, err, sizeof err) != 0 ||
	    import_csv(ctx, st, o->args[1], o->args[2], o->as_of, &rows, err, sizeof err) != 0) {
		fprintf(stderr, "anzhid: import: %s\n", err);
		return 1;
	}
	printf("imported %ld rows of %s in %.1f s\n", rows, o->args[1], seconds_since(&t0));
	fflush(stdout);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (recheck_pending(ctx, st, &rs, err, sizeof err) != 0) {
		fprintf(stderr, "anzhid: import: %s\n", err);
		return 1;
	}
	if (rs.placements > 0)
		printf("re-checked %ld months of %ld placements (%ld changed) in %.1f s\n", rs.months,
		       rs.placements, rs.changed, seconds_since(&t1));
	if (rs.reread > 0)
		printf("%ld placements changed while they were read ahead: read again\n", rs.reread);
	if (rs.deferred > 0)
		printf("%ld placements of locked declarations wait until they open again\n",
		       rs.deferred);
	return 0;
}

/* Documents need a signing key (the first is made like the TLS key) and a
 * CJK font (without one, every other call still works: say so now). */
static int serve_documents(struct srv_ctx *ctx, struct store *st)
{
	struct key_row k;
	char err[512];
	int made = docs_key_ensure(st, ctx->cfg.data_dir, &k, err, sizeof err);
	if (made < 0) {
		log_msg("anzhid: signing key: %s", err);
		return -1;
	}
	if (made)
		log_msg("anzhid: made signing key %s in %s/keys", k.id, ctx->cfg.data_dir);
	if (docs_test_mode())
		log_msg("anzhid: %s", docs_test_mode());
	if (doc_font_check(err, sizeof err) != 0)
		log_msg("anzhid: documents cannot be made: %s", err);
	return 0;
}

static int cmd_serve(struct srv_ctx *ctx, struct store *st)
{
	struct tls_identity id;
	struct http_server *srv;
	char err[512], path[1200];
	int created, port;
	sigset_t set;

	if (tls_identity_load(ctx->cfg.data_dir, 1, &id, &created, err, sizeof err) != 0) {
		log_msg("anzhid: %s", err);
		return 1;
	}
	if (created)
		log_msg("anzhid: made a new TLS key and certificate in %s/tls", ctx->cfg.data_dir);
	printf("pin %s\n", id.pin);
	if (materials_clean(ctx, st, err, sizeof err) != 0) {
		log_msg("anzhid: %s", err);
		tls_identity_free(&id);
		return 1;
	}
	if (serve_documents(ctx, st) != 0) {
		tls_identity_free(&id);
		return 1;
	}
	if (store_imports_interrupted(st) != STORE_OK)
		log_msg("anzhid: could not mark interrupted imports: %s", store_errmsg(st));
	if (ctx->cfg.demo) {
		int rc = demo_seed(ctx, st, stdout, err, sizeof err);
		if (rc < 0) {
			log_msg("anzhid: demo: %s", err);
			tls_identity_free(&id);
			return 1;
		}
		if (rc == 1)
			printf("demo: the store already has data; not seeded again\n");
	}
	/* Workers inherit this mask: only the main thread takes the signals. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (http_start(ctx, &id, &srv, &port, err, sizeof err) != 0) {
		log_msg("anzhid: %s", err);
		tls_identity_free(&id);
		return 1;
	}
	snprintf(path, sizeof path, "%s/anzhid.port", ctx->cfg.data_dir);
	FILE *pf = fopen(path, "w");
	if (pf) {
		fprintf(pf, "%d\n", port);
		fclose(pf);
	}
	printf("listening on https://%s:%d\n", ctx->cfg.listen_host, port);
	fflush(stdout);
	int sig = 0;
	while (sigwait(&set, &sig) != 0 || sig == SIGHUP)
		;
	log_msg("anzhid: signal %d: finishing requests under way (at most %d s)", sig,
		ctx->cfg.drain_seconds);
	int cut = http_stop(srv);
	import_job_stop(); /* a running import rolls back and is recorded as failed */
	tls_identity_free(&id);
	if (cut > 0) {
		log_msg("anzhid: stopped, but %d request(s) still running after %d s were cut", cut,
			ctx->cfg.drain_seconds);
		return 1;
	}
	log_msg("anzhid: stopped");
	return 0;
}

int main(int argc, char **argv)
{
	static struct srv_ctx ctx;
	struct opts o;
	struct store *st = NULL;
	char err[512];
	int rc;

	umask(077); /* the store, its WAL, keys and uploads are for this account only */
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(usage, stdout);
			return 0;
		}
		if (strcmp(argv[i], "--version") == 0) {
			printf("anzhid %s\n", ANZHI_VERSION);
			return 0;
		}
	}
	if (parse_args(argc, argv, &o) != 0) {
		fputs(usage, stderr);
		return 2;
	}
	ctx.cfg = o.cfg;
	const char *verb = o.nargs > 0 ? o.args[0] : "serve";
	if (strcmp(verb, "pin") == 0) {
		struct tls_identity id;
		if (!ctx.cfg.data_dir[0] ||
		    tls_identity_load(ctx.cfg.data_dir, 0, &id, NULL, err, sizeof err) != 0) {
			fprintf(stderr, "anzhid: %s\n", ctx.cfg.data_dir[0] ? err : "--data DIR is required");
			return 1;
		}
		printf("%s\n", id.pin);
		tls_identity_free(&id);
		return 0;
	}
	static const char *const verbs[] = { "serve", "user", "import", "migrate", "backup",
					     "seed", "keys", "documents" };
	int known = 0;
	for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
		known |= strcmp(verb, verbs[i]) == 0;
	if (!known) {
		fprintf(stderr, "anzhid: unknown command '%s'\n", verb);
		fputs(usage, stderr);
		return 2;
	}
	if (store_verb_usage(verb, o.nargs, o.placements) != 0) {
		fputs(usage, stderr);
		return 2;
	}
	ctx.cfg.schema = strcmp(verb, "migrate") == 0  ? SRV_SCHEMA_MIGRATE
			 : strcmp(verb, "backup") == 0 ? SRV_SCHEMA_AS_IS
						       : SRV_SCHEMA_REFUSE;
	if (auth_init() != 0 || app_open(&ctx, &st, err, sizeof err) != 0) {
		fprintf(stderr, "anzhid: %s\n", err);
		return 1;
	}
	if (strcmp(verb, "user") == 0) {
		rc = cmd_user(&ctx, st, &o);
	} else if (strcmp(verb, "migrate") == 0 || strcmp(verb, "backup") == 0 ||
		   strcmp(verb, "seed") == 0) {
		rc = store_verb(&ctx, st, verb, o.nargs > 1 ? o.args[1] : NULL, o.placements);
	} else if (strcmp(verb, "keys") == 0 || strcmp(verb, "documents") == 0) {
		rc = docs_verb(&ctx, st, o.args, o.nargs, o.reason, stdout);
	} else if (strcmp(verb, "import") == 0) {
		rc = o.nargs == 3 ? cmd_import(&ctx, st, &o) : 2;
		if (rc == 2)
			fputs(usage, stderr);
	} else {
		rc = cmd_serve(&ctx, st);
	}
	store_close(st);
	app_close(&ctx);
	return rc;
}
