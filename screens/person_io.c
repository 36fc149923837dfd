/* person_io: what the person form exchanges with the service and keeps on
 * disk.  The ID number: a complete one is checked at once (in check-id's
 * words), looked up on the year's list — a person already there is said
 * then, not after the whole form — and in the registry, whose autofill goes
 * again when another number is typed.  Save: POST (new) or PUT with
 * If-Match; the problem's `field` is marked beside it and nothing typed is
 * lost; a 412 keeps the edits, loads the other version underneath and
 * opens the merge screen.  The draft: written when the form closes unsaved
 * (anzhi ended), resumed from the drafts list, dropped on save or discard. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/url.h"
#include "base/xalloc.h"
#include "client/drafts.h"
#include "core/ident.h"
#include "screens/person.h"
#include "ui/merge.h"

enum { TAG_LOAD = 1, TAG_REGISTRY, TAG_SAVE, TAG_THEIRS, TAG_LISTED };

static const char *user_of(struct view *v)
{
	return app_session(v->app)->username;
}

/* ------------------------------------------------------------ the draft */

/* The draft's key: the placement's, or a new one per new form. */
static void set_key(struct person_state *s)
{
	if (s->id)
		drafts_key(s->key, sizeof s->key, "person", s->id);
	else if (!s->key[0])
		drafts_new_key(s->key, sizeof s->key);
}

static void write_draft(struct view *v)
{
	struct person_state *s = v->state;
	json_t *doc = json_pack("{s:s, s:I, s:i, s:o, s:O?}", "kind", "person", "id",
				(json_int_t)s->id, "year", s->year, "form", pf_to_json(&s->pf),
				"base", s->rec.base);
	drafts_set_title(doc, field_value(&s->pf.p[PF_NAME]), field_value(&s->pf.p[PF_IDNO]));
	drafts_save(user_of(v), s->key, doc);
	json_decref(doc);
}

/* ------------------------------------------------------------ the merge */

/* After a 412 (or a draft older than the record): base, theirs and the
 * edits side by side in the merge screen; person_resume applies it. */
static void start_merge(struct view *v)
{
	struct person_state *s = v->state;
	struct person_form *base = xmalloc(sizeof *base), *theirs = xmalloc(sizeof *theirs);
	pf_from_json(base, s->rec.base);
	pf_from_json(theirs, s->rec.theirs);
	json_decref(s->merge);
	s->merge = pf_merge(base, theirs, &s->pf);
	free(base);
	free(theirs);
	app_push(v->app, &screen_merge, &(struct screen_args){ .json = s->merge });
}

static void apply_merge(struct view *v)
{
	struct person_state *s = v->state;
	if (merge_finished(s->merge)) {
		struct person_form *theirs = xmalloc(sizeof *theirs);
		pf_from_json(theirs, s->rec.theirs);
		pf_merge_apply(&s->pf, theirs, s->merge);
		free(theirs);
		form_record_keep_mine(&s->rec);   /* the next save sends their version */
		person_layout(s);
	}
	app_flash(v->app, false, "%s", merge_outcome(s->merge));
	json_decref(s->merge);
	s->merge = NULL;
}

void person_resume(struct view *v)
{
	struct person_state *s = v->state;
	if (s->merge)
		apply_merge(v);
	else if (s->id && !s->dirty)
		person_load(v);   /* back from the month grid: the version moved on */
}

/* A draft of this placement, over the record just loaded: when the record
 * changed since the draft was kept, the two are compared. */
static void resume_draft(struct view *v)
{
	struct person_state *s = v->state;
	json_t *d = s->draft;
	s->draft = NULL;
	pf_from_json(&s->pf, json_object_get(d, "form"));
	s->dirty = true;
	bool older = form_record_since_draft(&s->rec, json_object_get(d, "base"));
	app_flash(v->app, false, "%s", form_draft_note(older));
	if (older)
		start_merge(v);
	json_decref(d);
	person_layout(s);
}

/* ------------------------------------------------------------ opening */

void person_load(struct view *v)
{
	struct person_state *s = v->state;
	char path[64];
	snprintf(path, sizeof path, "/placements/%ld", s->id);
	s->loading = true;
	api_call(v, TAG_LOAD, "GET", path, NULL, NULL);
}

void person_io_open(struct view *v, const struct screen_args *args)
{
	struct person_state *s = v->state;
	pf_init(&s->pf);
	s->id = args ? args->id : 0;
	s->year = args && args->year ? args->year : app_session(v->app)->year;
	if (args && args->locked)
		s->locked = xstrdup(args->locked);
	if (args && args->text)
		snprintf(s->key, sizeof s->key, "%s", args->text);   /* resuming a draft */
	set_key(s);
	if (s->id) {
		/* unsaved edits of this person come back once it has loaded */
		s->draft = drafts_load(user_of(v), s->key);
		person_load(v);
		return;
	}
	json_t *d = args && args->text ? drafts_load(user_of(v), s->key) : NULL;
	if (d) {
		pf_from_json(&s->pf, json_object_get(d, "form"));
		s->dirty = true;
		app_flash(v->app, false, "%s", _("Restored the unsaved draft"));
		json_decref(d);
	} else {
		int n = drafts_count(user_of(v));
		char key[32];
		app_keys_on(v->app, &screen_placements, ACT_DRAFTS, key, sizeof key);
		if (n > 0)
			app_flash(v->app, false, _("%d unsaved drafts: %s on the list shows them"), n,
				  key);
	}
	if (s->pf.nc == 0)
		pf_add_contract(&s->pf);
	if (s->pf.nx == 0)
		pf_add_cert(&s->pf);
}

/* ------------------------------------------------------------ the ID number */

/* On the year's list already?  (LIST's q takes a whole ID number.) */
static void look_up_on_list(struct view *v, const char *idno)
{
	struct person_state *s = v->state;
	struct session *ss = app_session(v->app);
	if (s->id || !ss->unit || strcmp(s->looked_up, idno) == 0)
		return;
	snprintf(s->looked_up, sizeof s->looked_up, "%s", idno);
	char path[256];
	char *q = url_escape(idno);
	snprintf(path, sizeof path, "/units/%s/years/%d/placements?limit=1&q=%s", ss->unit, s->year, q);
	free(q);
	api_call(v, TAG_LISTED, "GET", path, NULL, NULL);
}

void person_id_changed(struct view *v)
{
	struct person_state *s = v->state;
	struct field *f = &s->pf.p[PF_IDNO];
	const char *idno = field_value(f);
	f->error[0] = '\0';
	if (s->filled_for[0] && strcmp(idno, s->filled_for) != 0) {
		/* another person: what the registry filled for the previous one goes */
		int n = pf_clear_autofill(&s->pf);
		s->filled_for[0] = '\0';
		if (n)
			app_flash(v->app, false,
				  _("Another ID number: cleared %d fields the registry had filled"), n);
		person_layout(s);
	}
	if (strcmp(idno, s->fetched) != 0)
		s->fetched[0] = '\0';
	if (strcmp(idno, s->looked_up) != 0)
		s->looked_up[0] = '\0';
	if (strcmp(idno, s->listed) != 0)
		s->listed[0] = '\0';
	if (strlen(idno) != 18)
		return;
	struct idno id;
	struct core_error err;
	if (!idno_parse(idno, &id, &err)) {
		pf_idno_complaint(f->error, sizeof f->error, idno, &err);
		app_log_detail(v->app, "idno: %s", err.msg);
		return;
	}
	look_up_on_list(v, id.number);
	if (strcmp(s->fetched, id.number) == 0)
		return;
	snprintf(s->fetched, sizeof s->fetched, "%s", id.number);
	char path[64];
	snprintf(path, sizeof path, "/registry/persons/%s", id.number);
	api_call(v, TAG_REGISTRY, "GET", path, NULL, NULL);
}

/* The ID number field says the person is on the list already. */
static void mark_listed(struct person_state *s)
{
	struct field *f = &s->pf.p[PF_IDNO];
	snprintf(f->error, sizeof f->error,
		 _("Already on this year's list (%s): open that person from the list instead"),
		 s->listed_name);
}

static void listed_reply(struct view *v, const struct api_reply *r)
{
	struct person_state *s = v->state;
	struct field *f = &s->pf.p[PF_IDNO];
	if (!r->ok || strcmp(field_value(f), s->looked_up) != 0)
		return;   /* the look-up failed (the save will say), or another number now */
	const json_t *first = json_array_get(json_object_get(r->body, "items"), 0);
	if (json_integer_value(json_object_get(r->body, "total")) <= 0 || !first)
		return;
	const char *name = json_string_value(json_object_get(first, "name_masked"));
	snprintf(s->listed, sizeof s->listed, "%s", s->looked_up);
	snprintf(s->listed_name, sizeof s->listed_name, "%s", name ? name : "");
	mark_listed(s);
	app_flash(v->app, true, "%s: %s", _(f->label), f->error);
}

static void registry_reply(struct view *v, const struct api_reply *r)
{
	struct person_state *s = v->state;
	if (strcmp(field_value(&s->pf.p[PF_IDNO]), s->fetched) != 0)
		return;   /* typed on since: this is another person's */
	if (r->status == 404) {
		app_flash(v->app, false, "%s", _("Not in the disability registry: fill in by hand"));
		return;
	}
	if (!r->ok) {
		app_flash(v->app, true, "%s", r->message);
		s->fetched[0] = '\0';   /* try again on the next edit */
		return;
	}
	int n = pf_autofill(&s->pf, r->body);
	snprintf(s->filled_for, sizeof s->filled_for, "%s", s->fetched);
	person_layout(s);
	if (!s->pf.p[PF_IDNO].error[0])
		app_flash(v->app, false, _("Filled %d fields from the registry"), n);
}

/* ------------------------------------------------------------ saving */

int person_start_save(struct view *v, bool next)
{
	struct person_state *s = v->state;
	if (s->locked && s->dirty) {
		app_flash(v->app, true, "%s", s->locked);
		return 0;
	}
	pf_clear_errors(&s->pf);
	struct field *bad = pf_validate(&s->pf);
	if (!bad && !s->id && s->listed[0]) {   /* the list look-up found this number */
		bad = &s->pf.p[PF_IDNO];
		mark_listed(s);
	}
	if (bad) {
		person_focus_field(s, bad);
		app_flash(v->app, true, "%s: %s", _(bad->label), bad->error);
		return 0;
	}
	if (form_record_in_conflict(&s->rec)) {
		start_merge(v);   /* never over the other version unseen */
		return 0;
	}
	if (!s->dirty && s->id && next) {
		app_push(v->app, &screen_months, &(struct screen_args){ .id = s->id, .locked = s->locked });
		return 0;
	}
	json_t *body = pf_to_json(&s->pf);
	struct session *ss = app_session(v->app);
	char path[256], etag[32];
	int id;
	s->go_next = next;
	if (s->id) {
		snprintf(path, sizeof path, "/placements/%ld", s->id);
		snprintf(etag, sizeof etag, "\"%lld\"", s->rec.version);
		id = api_save(v, TAG_SAVE, "PUT", path, body, etag);
	} else {
		snprintf(path, sizeof path, "/units/%s/years/%d/placements", ss->unit ? ss->unit : "-",
			 s->year);
		id = api_save(v, TAG_SAVE, "POST", path, body, NULL);
	}
	json_decref(body);
	return id;
}

static void save_reply(struct view *v, const struct api_reply *r)
{
	struct person_state *s = v->state;
	if (r->ok) {
		drafts_drop(user_of(v), s->key);
		s->id = (long)json_integer_value(json_object_get(r->body, "id"));
		set_key(s);
		form_record_loaded(&s->rec, r->body);
		s->dirty = false;
		app_flash(v->app, false, "%s", _("Saved"));
		if (s->go_next && s->id)
			app_push(v->app, &screen_months, &(struct screen_args){ .id = s->id });
		return;
	}
	if (r->status == 412) {
		/* theirs goes underneath; nothing typed is lost */
		app_flash(v->app, true, "%s",
			  _("Someone else changed this record meanwhile: your edits are kept; compare them with the other version"));
		char path[64];
		snprintf(path, sizeof path, "/placements/%ld", s->id);
		api_call(v, TAG_THEIRS, "GET", path, NULL, NULL);
		return;
	}
	/* mark the field the service named (the label is beside it: only the
	 * complaint); everything typed stays */
	struct field *f = pf_field_for_path(&s->pf, r->field);
	if (f) {
		form_mark_problem(f, api_problem_text(r->code), r->message);
		person_focus_field(s, f);
	}
	app_flash(v->app, true, "%s", r->message);
}

void person_reply(struct view *v, const struct api_reply *r)
{
	struct person_state *s = v->state;
	switch (r->tag) {
	case TAG_LOAD:
		s->loading = false;
		if (!r->ok) {
			app_flash(v->app, true, "%s", r->message);
			return;
		}
		if (s->dirty) {
			/* typed while it loaded: the edits stay; a newer version
			 * goes underneath, to be compared on save */
			if (!s->rec.base || json_integer_value(json_object_get(r->body, "version")) !=
						    s->rec.version)
				form_record_conflict(&s->rec, r->body);
			return;
		}
		pf_from_json(&s->pf, r->body);
		form_record_loaded(&s->rec, r->body);
		snprintf(s->fetched, sizeof s->fetched, "%s", field_value(&s->pf.p[PF_IDNO]));
		if (s->draft)
			resume_draft(v);
		person_layout(s);
		return;
	case TAG_REGISTRY:
		registry_reply(v, r);
		return;
	case TAG_LISTED:
		listed_reply(v, r);
		return;
	case TAG_SAVE:
		save_reply(v, r);
		return;
	case TAG_THEIRS:
		if (!r->ok) {
			app_flash(v->app, true, "%s", r->message);
			return;
		}
		form_record_conflict(&s->rec, r->body);
		start_merge(v);
		return;
	}
}

/* ------------------------------------------------------------ leaving */

void person_discard(struct view *v)
{
	struct person_state *s = v->state;
	s->dirty = false;
	drafts_drop(user_of(v), s->key);
}

/* A new person's form as it opens (a row added and nothing typed is not
 * worth a draft). */
static bool untouched(const struct person_state *s)
{
	struct person_form *fresh = xmalloc(sizeof *fresh);
	pf_init(fresh);
	pf_add_contract(fresh);
	pf_add_cert(fresh);
	json_t *a = pf_to_json(fresh), *b = pf_to_json(&s->pf);
	bool same = !s->id && json_equal(a, b);
	json_decref(a);
	json_decref(b);
	free(fresh);
	return same;
}

void person_close(struct view *v)
{
	struct person_state *s = v->state;
	if (s->dirty && !s->locked && !untouched(s))
		write_draft(v);   /* anzhi is ending: the edits wait as a draft */
	form_record_free(&s->rec);
	json_decref(s->merge);
	json_decref(s->draft);
	free(s->locked);
}
