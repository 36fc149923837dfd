/* drafts: unsaved edits on disk (drafts.h). */
#include "client/drafts.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/fileio.h"
#include "base/xalloc.h"
#include "core/ident.h"

enum { DRAFT_MAX_BYTES = 4 << 20 };

/* $XDG_STATE_HOME/anzhi (else $HOME/.local/state/anzhi) */
static void state_dir(char *buf, size_t bufsz)
{
	const char *st = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	if (st && *st)
		snprintf(buf, bufsz, "%s/anzhi", st);
	else
		snprintf(buf, bufsz, "%s/.local/state/anzhi", home && *home ? home : ".");
}

/* The user's folder; a user name is a file name only in its safe characters. */
static void user_dir(char *buf, size_t bufsz, const char *user)
{
	char st[800], name[64];
	size_t n = 0;
	for (const char *p = user && *user ? user : "_"; *p && n < sizeof name - 1; p++)
		name[n++] = (strchr("._-", *p) || (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
			     (*p >= 'A' && *p <= 'Z')) ? *p : '_';
	name[n] = '\0';
	state_dir(st, sizeof st);
	snprintf(buf, bufsz, "%s/drafts/%s", st, name);
}

static bool key_ok(const char *key)
{
	return key && *key && strlen(key) < 60 && !strchr(key, '/') && key[0] != '.';
}

static void draft_file(char *buf, size_t bufsz, const char *user, const char *key)
{
	char dir[900];
	user_dir(dir, sizeof dir, user);
	snprintf(buf, bufsz, "%s/%s.json", dir, key);
}

/* mkdir -p, each new folder 0700 */
static void make_dirs(const char *path)
{
	char dir[1024];
	snprintf(dir, sizeof dir, "%s", path);
	for (char *p = dir + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(dir, 0700);
			*p = '/';
		}
	mkdir(dir, 0700);
}

void drafts_key(char *buf, size_t bufsz, const char *kind, long id)
{
	snprintf(buf, bufsz, "%s-%ld", kind, id);
}

void drafts_new_key(char *buf, size_t bufsz)
{
	unsigned char rnd[8];
	char hex[17];
	randombytes_buf(rnd, sizeof rnd);
	sodium_bin2hex(hex, sizeof hex, rnd, sizeof rnd);
	snprintf(buf, bufsz, "person-new-%s", hex);
}

void drafts_set_title(json_t *doc, const char *name, const char *idno)
{
	char mn[96] = "", mi[40] = "", title[160];
	if (name && *name)
		mask_name(name, mn, sizeof mn);
	if (idno && *idno)
		mask_idno(idno, mi, sizeof mi);
	snprintf(title, sizeof title, "%s%s%s", mn, *mn && *mi ? " " : "", mi);
	json_object_set_new(doc, "title", json_string(title));
}

bool drafts_save(const char *user, const char *key, json_t *doc)
{
	if (!key_ok(key))
		return false;
	char dir[900], path[1000], tmp[1024];
	user_dir(dir, sizeof dir, user);
	make_dirs(dir);
	draft_file(path, sizeof path, user, key);
	time_t now = time(NULL);
	struct tm tm;
	char at[32];
	localtime_r(&now, &tm);
	strftime(at, sizeof at, "%Y-%m-%d %H:%M:%S", &tm);
	json_object_set_new(doc, "key", json_string(key));
	json_object_set_new(doc, "saved_at", json_string(at));
	char *text = json_dumps(doc, JSON_INDENT(1) | JSON_SORT_KEYS);
	if (!text)
		return false;
	/* whole or not at all: a new file, then renamed over the old one */
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	bool ok = fd >= 0;
	size_t len = strlen(text), off = 0;
	while (ok && off < len) {
		ssize_t w = write(fd, text + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		ok = w > 0;
		off += ok ? (size_t)w : 0;
	}
	if (fd >= 0)
		ok = close(fd) == 0 && ok;
	ok = ok && rename(tmp, path) == 0;
	if (!ok)
		unlink(tmp);
	free(text);
	return ok;
}

json_t *drafts_load(const char *user, const char *key)
{
	if (!key_ok(key))
		return NULL;
	char path[1000];
	draft_file(path, sizeof path, user, key);
	char *text = file_read_all(path, DRAFT_MAX_BYTES, NULL);
	json_t *doc = text ? json_loads(text, 0, NULL) : NULL;
	free(text);
	if (doc && !json_is_object(doc)) {
		json_decref(doc);
		doc = NULL;
	}
	return doc;
}

void drafts_drop(const char *user, const char *key)
{
	char path[1000];
	if (!key_ok(key))
		return;
	draft_file(path, sizeof path, user, key);
	unlink(path);
}

/* The one draft of anzhi 0.1 (anzhi/draft.json, a person form and its
 * placement_id) becomes one of this user's drafts, so nothing is lost on
 * the upgrade. */
static void adopt_old_draft(const char *user)
{
	char st[800], path[1000], key[64];
	state_dir(st, sizeof st);
	snprintf(path, sizeof path, "%s/draft.json", st);
	json_t *old = json_load_file(path, 0, NULL);
	if (!json_is_object(old)) {
		json_decref(old);
		return;
	}
	long id = (long)json_integer_value(json_object_get(old, "placement_id"));
	json_object_del(old, "placement_id");
	if (id)
		drafts_key(key, sizeof key, "person", id);
	else
		drafts_new_key(key, sizeof key);
	json_t *doc = json_pack("{s:s, s:I, s:O}", "kind", "person", "id", (json_int_t)id, "form", old);
	const json_t *person = json_object_get(old, "person");
	drafts_set_title(doc, json_string_value(json_object_get(person, "name")),
			 json_string_value(json_object_get(person, "idno")));
	if (drafts_save(user, key, doc))
		unlink(path);
	json_decref(doc);
	json_decref(old);
}

static int newest_first(const void *a, const void *b)
{
	const struct draft_info *x = a, *y = b;
	int c = strcmp(y->saved_at, x->saved_at);
	return c ? c : strcmp(x->key, y->key);
}

int drafts_list(const char *user, struct draft_info **out)
{
	*out = NULL;
	adopt_old_draft(user);
	char dir[900];
	user_dir(dir, sizeof dir, user);
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	int n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0)
			continue;
		char key[64];
		snprintf(key, sizeof key, "%.*s", (int)(len - 5), e->d_name);
		json_t *doc = drafts_load(user, key);
		if (!doc)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			*out = xrealloc(*out, (size_t)cap * sizeof **out);
		}
		struct draft_info *di = &(*out)[n++];
		memset(di, 0, sizeof *di);
		snprintf(di->key, sizeof di->key, "%s", key);
		const char *kind = json_string_value(json_object_get(doc, "kind"));
		const char *title = json_string_value(json_object_get(doc, "title"));
		const char *at = json_string_value(json_object_get(doc, "saved_at"));
		snprintf(di->kind, sizeof di->kind, "%s", kind ? kind : "");
		snprintf(di->title, sizeof di->title, "%s", title ? title : "");
		snprintf(di->saved_at, sizeof di->saved_at, "%s", at ? at : "");
		di->id = (long)json_integer_value(json_object_get(doc, "id"));
		di->year = (int)json_integer_value(json_object_get(doc, "year"));
		json_decref(doc);
	}
	closedir(d);
	if (n > 1)
		qsort(*out, (size_t)n, sizeof **out, newest_first);
	return n;
}

int drafts_count(const char *user)
{
	struct draft_info *list;
	int n = drafts_list(user, &list);
	free(list);
	return n;
}
