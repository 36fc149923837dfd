/* outbox: writes that go out in the background — the reviewer's decisions —
 * so that nobody waits on the network to move on (gertty's way). Each entry
 * keeps its method, path, If-Match, body and its own Idempotency-Key, so a
 * resend (after a lost reply, a dropped link, a restart) can never apply
 * twice. A new entry is held a few seconds (undo takes it back), then sent;
 * the network failing means a retry with backoff, a refusal (another reviewer
 * decided first: 412; the unit changed the case: 409) a failed entry the user
 * resolves in the outbox screen. Kept on disk, mode 0600, one file per server
 * and user under $XDG_STATE_HOME/anzhi/, written after every change. */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "client/engine.h"

enum {
	HOLD_SECS = 3,          /* undo's window before an entry goes out */
	MAX_SENDING = 2,        /* entries in flight at once */
	MAX_BACKOFF = 60,       /* seconds between retries, at most */
};

struct entry {
	int id;
	long ref;
	char method[8];
	char path[160];
	char if_match[32];
	char idem[40];
	char *body, *label;
	enum outbox_state state;
	int attempts;
	double due;             /* monotonic: when a HELD or RETRY entry may go */
	long status;
	char code[48];
	char message[240];
	int req;                /* the request while SENDING */
};

struct outbox {
	char path[1100];
	struct entry *e;
	int n, cap, next_id;
	unsigned acked;         /* entries the service took */
	long *acked_refs;       /* their records, this session */
	int restored;           /* entries a last session left, to say so once */
};

/* ------------------------------------------------------------ the file */

static void state_dir(char *buf, size_t len)
{
	const char *st = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	if (st && *st)
		snprintf(buf, len, "%s/anzhi", st);
	else
		snprintf(buf, len, "%s/.local/state/anzhi", home ? home : ".");
}

/* One file per server and user: the name a hash of both. */
static void file_for(const char *server, const char *user, char *buf, size_t len)
{
	unsigned char h[8];
	char hex[17], dir[1024];
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, sizeof h);
	crypto_generichash_update(&st, (const unsigned char *)server, strlen(server));
	crypto_generichash_update(&st, (const unsigned char *)"\n", 1);
	crypto_generichash_update(&st, (const unsigned char *)user, strlen(user));
	crypto_generichash_final(&st, h, sizeof h);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	state_dir(dir, sizeof dir);
	snprintf(buf, len, "%s/outbox-%s.json", dir, hex);
}

static const char *const state_words[] = {
	[OUTBOX_HELD] = "held", [OUTBOX_READY] = "ready", [OUTBOX_SENDING] = "sending",
	[OUTBOX_RETRY] = "retry", [OUTBOX_FAILED] = "failed",
};

static json_t *entry_json(const struct entry *x)
{
	json_t *body = json_loads(x->body, 0, NULL);
	/* on disk an entry is either to send or failed: what was held or under
	 * way when anzhi ended goes out at the next start */
	return json_pack("{s:i, s:I, s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:i, s:I, s:s, s:s}",
			 "id", x->id, "ref", (json_int_t)x->ref, "method", x->method, "path",
			 x->path, "if_match", x->if_match, "idem", x->idem, "body",
			 body ? body : json_null(), "label", x->label, "state",
			 state_words[x->state == OUTBOX_FAILED ? OUTBOX_FAILED : OUTBOX_READY],
			 "attempts", x->attempts, "status", (json_int_t)x->status, "code", x->code,
			 "message", x->message);
}

/* Writes the whole outbox (a temporary file renamed over the old one, 0600);
 * no entries, no file. */
static void save(struct app *a)
{
	struct outbox *o = a->outbox;
	char dir[1024], tmp[1200];
	if (!o)
		return;
	if (o->n == 0) {
		unlink(o->path);
		return;
	}
	state_dir(dir, sizeof dir);
	for (char *p = dir + 1; *p; p++)   /* mkdir -p, private */
		if (*p == '/') {
			*p = '\0';
			mkdir(dir, 0700);
			*p = '/';
		}
	mkdir(dir, 0700);
	json_t *arr = json_array();
	for (int i = 0; i < o->n; i++)
		json_array_append_new(arr, entry_json(&o->e[i]));
	json_t *doc = json_pack("{s:s, s:s, s:o}", "server", a->cfg.server, "user",
				a->sess.username ? a->sess.username : "", "entries", arr);
	char *text = json_dumps(doc, JSON_INDENT(1));
	json_decref(doc);
	snprintf(tmp, sizeof tmp, "%s.tmp", o->path);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	size_t len = text ? strlen(text) : 0;
	bool ok = fd >= 0 && text && fchmod(fd, 0600) == 0 && write(fd, text, len) == (ssize_t)len &&
		  fsync(fd) == 0;
	if (fd >= 0)
		ok = close(fd) == 0 && ok;
	free(text);
	if (!ok || rename(tmp, o->path) != 0) {
		unlink(tmp);
		app_flash(a, true, _("Cannot keep the outbox on disk: %s"), o->path);
	}
}

static struct entry *grow(struct outbox *o)
{
	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 16;
		o->e = xrealloc(o->e, (size_t)o->cap * sizeof *o->e);
	}
	struct entry *x = &o->e[o->n++];
	memset(x, 0, sizeof *x);
	return x;
}

static void copy(char *dst, size_t len, const char *src)
{
	snprintf(dst, len, "%s", src ? src : "");
}

static void load(struct outbox *o)
{
	json_t *doc = json_load_file(o->path, 0, NULL), *it;
	size_t i;
	json_array_foreach(json_object_get(doc, "entries"), i, it) {
		const char *method = json_string_value(json_object_get(it, "method"));
		const char *path = json_string_value(json_object_get(it, "path"));
		json_t *body = json_object_get(it, "body");
		if (!method || !path || !json_is_object(body))
			continue;
		struct entry *x = grow(o);
		x->id = (int)json_integer_value(json_object_get(it, "id"));
		x->ref = (long)json_integer_value(json_object_get(it, "ref"));
		copy(x->method, sizeof x->method, method);
		copy(x->path, sizeof x->path, path);
		copy(x->if_match, sizeof x->if_match, json_string_value(json_object_get(it, "if_match")));
		copy(x->idem, sizeof x->idem, json_string_value(json_object_get(it, "idem")));
		x->body = json_dumps(body, JSON_COMPACT);
		const char *label = json_string_value(json_object_get(it, "label"));
		x->label = xstrdup(label ? label : "");
		const char *st = json_string_value(json_object_get(it, "state"));
		x->state = st && strcmp(st, "failed") == 0 ? OUTBOX_FAILED : OUTBOX_READY;
		x->attempts = (int)json_integer_value(json_object_get(it, "attempts"));
		x->status = (long)json_integer_value(json_object_get(it, "status"));
		copy(x->code, sizeof x->code, json_string_value(json_object_get(it, "code")));
		copy(x->message, sizeof x->message, json_string_value(json_object_get(it, "message")));
		if (x->id >= o->next_id)
			o->next_id = x->id + 1;
	}
	json_decref(doc);
}

/* ------------------------------------------------------------ open, close */

void outbox_open(struct app *a)
{
	outbox_close(a);
	if (!a->sess.username)
		return;
	struct outbox *o = xcalloc(1, sizeof *o);
	o->next_id = 1;
	file_for(a->cfg.server, a->sess.username, o->path, sizeof o->path);
	a->outbox = o;
	load(o);
	o->restored = o->n;
}

static void entry_free(struct entry *x)
{
	free(x->body);
	free(x->label);
}

void outbox_close(struct app *a)
{
	struct outbox *o = a->outbox;
	if (!o)
		return;
	for (int i = 0; i < o->n; i++) {
		if (o->e[i].req)
			api_cancel(a, o->e[i].req);   /* its answer finds no outbox: it stays on disk */
		entry_free(&o->e[i]);
	}
	free(o->e);
	free(o->acked_refs);
	free(o);
	a->outbox = NULL;
}

/* ------------------------------------------------------------ sending */

static struct entry *find(struct outbox *o, int id)
{
	for (int i = 0; o && i < o->n; i++)
		if (o->e[i].id == id)
			return &o->e[i];
	return NULL;
}

static void remove_at(struct outbox *o, struct entry *x)
{
	entry_free(x);
	int i = (int)(x - o->e);
	memmove(&o->e[i], &o->e[i + 1], (size_t)(o->n - i - 1) * sizeof *o->e);
	o->n--;
}

/* What the service's answer means for the entry. */
static void answered(struct app *a, void *ctx, const struct api_reply *r)
{
	struct outbox *o = a->outbox;
	struct entry *x = find(o, (int)(intptr_t)ctx);
	if (!x)
		return;
	x->req = 0;
	x->attempts++;
	x->status = r->status;
	copy(x->code, sizeof x->code, r->code);
	copy(x->message, sizeof x->message, r->message);
	if (r->ok) {
		if ((o->acked & 63) == 0)
			o->acked_refs = xrealloc(o->acked_refs, (o->acked + 64) * sizeof *o->acked_refs);
		o->acked_refs[o->acked++] = x->ref;
		remove_at(o, x);
	} else if (r->code && strcmp(r->code, "cancelled") == 0) {
		x->state = OUTBOX_READY;   /* anzhi is ending: next time */
		return;
	} else if (r->status == 401) {
		x->state = OUTBOX_READY;   /* goes once signed in again */
	} else if (r->status == 0 || r->status >= 500 || r->status == 429) {
		int wait = 1 << (x->attempts < 6 ? x->attempts : 6);
		x->state = OUTBOX_RETRY;
		x->due = clock_now() + (wait < MAX_BACKOFF ? wait : MAX_BACKOFF);
	} else {
		x->state = OUTBOX_FAILED;
		app_flash(a, true, "%s", _("A decision was refused: see the outbox (O)"));
	}
	save(a);
}

static int sending(const struct outbox *o)
{
	int n = 0;
	for (int i = 0; i < o->n; i++)
		n += o->e[i].state == OUTBOX_SENDING;
	return n;
}

void outbox_tick(struct app *a)
{
	struct outbox *o = a->outbox;
	if (!o || !a->sess.token)
		return;
	if (o->restored) {   /* said after the sign-in's own message */
		app_flash(a, false, _("%d decisions from the last session go out now"), o->restored);
		o->restored = 0;
	}
	double now = clock_now();
	for (int i = 0; i < o->n && sending(o) < MAX_SENDING; i++) {
		struct entry *x = &o->e[i];
		if ((x->state == OUTBOX_HELD || x->state == OUTBOX_RETRY) && x->due <= now)
			x->state = OUTBOX_READY;
		if (x->state != OUTBOX_READY)
			continue;
		x->req = api_call_fn(a, answered, (void *)(intptr_t)x->id, x->method, x->path, x->body,
				     x->if_match[0] ? x->if_match : NULL, x->idem);
		if (x->req)
			x->state = OUTBOX_SENDING;
	}
}

int outbox_due_ms(struct app *a)
{
	struct outbox *o = a->outbox;
	double next = -1, now = clock_now();
	for (int i = 0; o && a->sess.token && i < o->n; i++) {
		const struct entry *x = &o->e[i];
		if (x->state == OUTBOX_READY)
			return 0;
		if ((x->state == OUTBOX_HELD || x->state == OUTBOX_RETRY) && (next < 0 || x->due < next))
			next = x->due;
	}
	if (next < 0)
		return -1;
	return next <= now ? 0 : (int)((next - now) * 1000) + 1;
}

void outbox_flush(struct app *a, double secs)
{
	struct outbox *o = a->outbox;
	if (!o || !a->sess.token)
		return;
	for (int i = 0; i < o->n; i++)
		if (o->e[i].state == OUTBOX_HELD)
			o->e[i].state = OUTBOX_READY;
	double end = clock_now() + secs;
	while (clock_now() < end) {
		int busy = 0;
		for (int i = 0; i < o->n; i++)
			busy += o->e[i].state == OUTBOX_READY || o->e[i].state == OUTBOX_SENDING;
		if (!busy)
			break;
		outbox_tick(a);
		net_wait(a->net, NULL, 0, 50);
		net_perform(a->net);
	}
}

/* ------------------------------------------------------------ what screens use */

int app_outbox_add(struct app *a, const char *method, const char *path, const char *if_match,
		   const json_t *body, long ref, const char *label)
{
	struct outbox *o = a->outbox;
	unsigned char rnd[16];
	if (!o)
		return 0;
	struct entry *x = grow(o);
	x->id = o->next_id++;
	x->ref = ref;
	copy(x->method, sizeof x->method, method);
	copy(x->path, sizeof x->path, path);
	copy(x->if_match, sizeof x->if_match, if_match);
	randombytes_buf(rnd, sizeof rnd);
	sodium_bin2hex(x->idem, sizeof x->idem, rnd, sizeof rnd);
	x->body = json_dumps(body, JSON_COMPACT);
	x->label = xstrdup(label ? label : "");
	x->state = OUTBOX_HELD;
	x->due = clock_now() + HOLD_SECS;
	save(a);
	return x->id;
}

int app_outbox_count(struct app *a, int *failed)
{
	struct outbox *o = a->outbox;
	int f = 0;
	for (int i = 0; o && i < o->n; i++)
		f += o->e[i].state == OUTBOX_FAILED;
	if (failed)
		*failed = f;
	return o ? o->n : 0;
}

bool app_outbox_get(struct app *a, int i, struct outbox_item *out)
{
	struct outbox *o = a->outbox;
	if (!o || i < 0 || i >= o->n)
		return false;
	const struct entry *x = &o->e[i];
	double wait = x->due - clock_now();
	*out = (struct outbox_item){
		.id = x->id, .ref = x->ref, .label = x->label, .method = x->method, .path = x->path,
		.body = x->body, .state = x->state, .attempts = x->attempts,
		.wait = wait > 0 ? wait : 0, .status = x->status, .code = x->code,
		.message = x->message,
	};
	return true;
}

bool app_outbox_sent(struct app *a, long ref)
{
	struct outbox *o = a->outbox;
	for (int i = 0; o && i < o->n; i++)
		if (o->e[i].ref == ref)
			return true;
	for (unsigned i = 0; o && i < o->acked; i++)
		if (o->acked_refs[i] == ref)
			return true;
	return false;
}

long app_outbox_undo(struct app *a, json_t **body)
{
	struct outbox *o = a->outbox;
	if (body)
		*body = NULL;
	if (!o || o->n == 0)
		return 0;
	struct entry *x = &o->e[o->n - 1];   /* entries keep the order they came in */
	if (x->state == OUTBOX_SENDING || x->state == OUTBOX_FAILED)
		return 0;
	long ref = x->ref;
	if (body)
		*body = json_loads(x->body, 0, NULL);
	remove_at(o, x);
	save(a);
	return ref;
}

void app_outbox_resend(struct app *a, int id)
{
	struct entry *x = find(a->outbox, id);
	if (!x || x->state == OUTBOX_SENDING)
		return;
	x->state = OUTBOX_READY;
	save(a);
}

void app_outbox_drop(struct app *a, int id)
{
	struct entry *x = find(a->outbox, id);
	if (!x || x->state == OUTBOX_SENDING)
		return;
	remove_at(a->outbox, x);
	save(a);
}

unsigned app_outbox_acked(struct app *a)
{
	return a->outbox ? a->outbox->acked : 0;
}
