/* batch: the requests of a bulk action (delete or re-register the tagged
 * persons, decide the tagged months…), however many, sent a few at a time so
 * that they never crowd out the engine's request slots; each answer reaches
 * the screen with the batch's tag and how many are still to come. */
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "client/engine.h"

enum { BATCH_WINDOW = 4 };   /* requests of one batch in flight at once */

struct batch_req {
	char *method, *path, *if_match;
};

struct app_batch {
	struct app *app;
	unsigned gen;            /* the screen that asked */
	int tag;
	struct batch_req *reqs;
	int n, cap, next, running;
	struct app_batch *link;  /* the app's batches being sent */
};

struct app_batch *app_batch_new(struct view *v, int tag)
{
	struct app_batch *b = xcalloc(1, sizeof *b);
	b->app = v->app;
	b->gen = v->gen;
	b->tag = tag;
	return b;
}

void app_batch_add(struct app_batch *b, const char *method, const char *path, const char *if_match)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 16;
		b->reqs = xrealloc(b->reqs, (size_t)b->cap * sizeof *b->reqs);
	}
	b->reqs[b->n++] = (struct batch_req){ xstrdup(method), xstrdup(path),
					      if_match ? xstrdup(if_match) : NULL };
}

int app_batch_size(const struct app_batch *b)
{
	return b ? b->n : 0;
}

void app_batch_drop(struct app_batch *b)
{
	if (!b)
		return;
	for (int i = 0; i < b->n; i++) {
		free(b->reqs[i].method);
		free(b->reqs[i].path);
		free(b->reqs[i].if_match);
	}
	free(b->reqs);
	free(b);
}

static void unlink_batch(struct app_batch *b)
{
	for (struct app_batch **p = &b->app->batches; *p; p = &(*p)->link)
		if (*p == b) {
			*p = b->link;
			break;
		}
}

/* Starts what the window allows; false when the batch is over (done, or its
 * screen has gone) and was freed. */
static bool pump(struct app_batch *b)
{
	struct view *v = app_find_view(b->app, b->gen);
	while (v && b->running < BATCH_WINDOW && b->next < b->n) {
		struct batch_req *r = &b->reqs[b->next];
		int id = api_call(v, b->tag, r->method, r->path, NULL, r->if_match);
		if (!id)
			break;   /* no slot now (api_call said so): the next answer retries */
		api_req_set_batch(b->app, id, b);
		b->next++;
		b->running++;
	}
	if (b->running > 0)
		return true;
	unlink_batch(b);
	app_batch_drop(b);
	return false;
}

void app_batch_send(struct app_batch *b)
{
	if (!b)
		return;
	b->link = b->app->batches;
	b->app->batches = b;
	pump(b);
}

int batch_answered(struct app_batch *b, bool cancelled)
{
	b->running--;
	if (cancelled)   /* Esc stops the whole bulk action, not one request of it */
		b->next = b->n;
	return b->n - b->next + b->running;
}

void batch_continue(struct app_batch *b)
{
	pump(b);
}

void batch_drop_all(struct app *a)
{
	while (a->batches) {
		struct app_batch *b = a->batches;
		a->batches = b->link;
		app_batch_drop(b);
	}
}
