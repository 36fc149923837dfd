/* form: the shared parts of the client's forms. */
#include "ui/form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/region_name.h"
#include "ui/text.h"
#include "ui/theme.h"

int form_label_fold(int width, const struct field *f)
{
	int w = text_width(_(f->label)) + (f->required ? 1 : 0);
	return w > width ? w : width;
}

int form_label_width(const struct field *fields, int n, int min)
{
	int w = min;
	for (int i = 0; i < n; i++)
		w = form_label_fold(w, &fields[i]);
	return w;
}

int form_field_row(WINDOW *w, int y, int x, int labw, int width, const struct field *f, bool focus)
{
	char lab[320], buf[640];
	snprintf(lab, sizeof lab, "%s%s", f->required ? "*" : "", _(f->label));
	wattrset(w, theme_attr(f->error[0] ? STYLE_ERROR : STYLE_NORMAL));
	text_fit(buf, sizeof buf, lab, labw, TEXT_PAD);
	mvwaddstr(w, y, x, buf);
	int fw = width - labw - 2;
	int cx = field_draw(w, y, x + labw + 1, fw, f, focus);
	form_region_hint(w, y, x + labw + 1, fw, f, focus);
	if (f->error[0] && fw > 0) {
		/* the complaint itself is on the error line; this marks the field */
		wattrset(w, theme_attr(STYLE_ERROR));
		mvwaddstr(w, y, x + labw + 1 + fw, "!");
	}
	wattrset(w, theme_attr(STYLE_NORMAL));
	return cx;
}

const struct field *form_error_of(const struct field *focused, const struct field *fields, int n)
{
	if (focused && focused->error[0])
		return focused;
	for (int i = 0; i < n; i++)
		if (fields[i].error[0])
			return &fields[i];
	return NULL;
}

void form_error_line(WINDOW *w, int y, int x, int cols, const struct field *f)
{
	if (!f || !f->error[0])
		return;
	char line[600], buf[1200];
	snprintf(line, sizeof line, "%s: %s", _(f->label), f->error);
	char *clean = text_clean(line);
	wattrset(w, theme_attr(STYLE_ERROR));
	text_fit(buf, sizeof buf, clean, cols, TEXT_PAD);
	free(clean);
	mvwaddstr(w, y, x, buf);
	wattrset(w, theme_attr(STYLE_NORMAL));
}

struct field *form_field_for_path(struct field *fields, int n, const char *path)
{
	size_t lp = path ? strlen(path) : 0;
	for (int i = 0; lp && i < n; i++) {
		size_t lf = strlen(fields[i].path);
		if (lp >= lf && strcmp(path + lp - lf, fields[i].path) == 0 &&
		    (lp == lf || path[lp - lf - 1] == '.'))
			return &fields[i];
	}
	return NULL;
}

void form_mark_problem(struct field *f, const char *code_text, const char *message)
{
	snprintf(f->error, sizeof f->error, "%s", code_text ? code_text : message ? message : "");
}

void form_clear_errors(struct field *fields, int n)
{
	for (int i = 0; i < n; i++)
		fields[i].error[0] = '\0';
}

/* ------------------------------------------------------------ the record */

void form_record_loaded(struct form_record *r, json_t *rec)
{
	json_t *old = r->base;
	r->base = json_incref(rec);
	json_decref(old);
	json_decref(r->theirs);
	r->theirs = NULL;
	r->version = json_integer_value(json_object_get(rec, "version"));
}

void form_record_conflict(struct form_record *r, json_t *theirs)
{
	json_t *old = r->theirs;
	r->theirs = json_incref(theirs);
	json_decref(old);
}

bool form_record_in_conflict(const struct form_record *r)
{
	return r->theirs != NULL;
}

const char *form_record_note(const struct form_record *r)
{
	return r->theirs ? _(" (someone else changed it meanwhile)") : "";
}

void form_record_keep_mine(struct form_record *r)
{
	if (r->theirs) {
		json_t *theirs = r->theirs;
		r->theirs = NULL;
		form_record_loaded(r, theirs);
		json_decref(theirs);
	}
}

bool form_record_since_draft(struct form_record *r, json_t *draft_base)
{
	if (!json_is_object(draft_base) ||
	    json_integer_value(json_object_get(draft_base, "version")) == r->version)
		return false;
	json_t *now = json_incref(r->base);
	form_record_loaded(r, draft_base);
	form_record_conflict(r, now);
	json_decref(now);
	return true;
}

const char *form_draft_note(bool record_newer)
{
	return record_newer ? _("Restored the unsaved draft; the record changed since: compare field by field")
			    : _("Restored the unsaved draft");
}

static const json_t *at_path(const json_t *o, const char *path)
{
	char key[64];
	while (o && path && *path) {
		size_t n = strcspn(path, ".");
		snprintf(key, sizeof key, "%.*s", (int)n, path);
		o = json_object_get(o, key);
		path += n + (path[n] == '.');
	}
	return o;
}

bool form_record_changed(const struct form_record *r, const char *path)
{
	if (!r->theirs)
		return false;
	const json_t *a = at_path(r->base, path), *b = at_path(r->theirs, path);
	return !(a == b || (a && b && json_equal((json_t *)a, (json_t *)b)));
}

void form_record_free(struct form_record *r)
{
	json_decref(r->base);
	json_decref(r->theirs);
	r->base = r->theirs = NULL;
}

void form_region_hint(WINDOW *w, int y, int x, int width, const struct field *f, bool active)
{
	size_t pl = strlen(f->path);
	if (active || pl < 6 || strcmp(f->path + pl - 6, "region") != 0)
		return;
	char name[64], buf[256];
	int used = text_width(f->buf) + 1;
	if (!region_name(f->buf, name, sizeof name) || used >= width)
		return;
	text_fit(buf, sizeof buf, name, width - used, 0);
	attr_t a;
	short pair;
	wattr_get(w, &a, &pair, NULL);
	wattrset(w, theme_attr(STYLE_DIM));
	mvwaddstr(w, y, x + used, buf);
	wattr_set(w, a, pair, NULL);
}
