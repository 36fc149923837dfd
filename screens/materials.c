/* materials: the kinds of material the failed checks call for (工资发放证明,
 * 社会保险缴费凭证, …) with the count uploaded; upload a file by path (Tab
 * completes) with a progress bar and Esc to cancel; the uploaded files, each
 * opened in the material viewer (screens/viewer.c).  When done the person
 * shows 待审核. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"
#include "screens/screens.h"
#include "screens/status.h"
#include "screens/viewfile.h"
#include "ui/progress.h"
#include "ui/table.h"
#include "ui/text.h"
#include "ui/theme.h"
#include "wire/enums.h"

enum { TAG_LOAD = 1, TAG_UPLOAD, TAG_DELETE };
enum { ASK_PATH = 1, ASK_DELETE };

/* The material kinds of the API (wire/enums.h) in the order shown. */
static const struct {
	const char *label, *note;
} kinds[MATERIAL__COUNT] = {
	[MATERIAL_WAGE] = { N_("Wage payment proof"), N_("Wage payments of the business year") },
	[MATERIAL_SOCIAL] = { N_("Social insurance payment proof"), N_("Social insurance of the business year") },
	[MATERIAL_MEDICAL] = { N_("Medical insurance payment proof"), N_("Medical insurance of the business year") },
	[MATERIAL_CONTRACT] = { N_("Labour contract / dispatch agreement"), N_("Must say the person counts for this unit") },
	[MATERIAL_DISPATCH] = { N_("Dispatch licence and three-party agreement"), N_("For dispatched workers") },
	[MATERIAL_DEGREE] = { N_("Degree certificate"), N_("For graduates") },
	[MATERIAL_CERTIFICATE] = { N_("Additional disability certificate"), N_("Needs review") },
	[MATERIAL_OTHER] = { N_("Other"), NULL },
};
#define NKINDS MATERIAL__COUNT

static const struct table_col kcols[] = {
	{ N_("No."), NULL, 3, 3, 0, true, true },
	{ N_("Material"), NULL, 24, 36, 0, false, false },
	{ N_("Uploaded"), NULL, 8, 8, 0, true, true },
	{ N_("Needed"), NULL, 6, 6, 0, false, false },
	{ N_("Note"), NULL, 10, 60, 1, false, false },
};
static const struct table_col fcols[] = {
	{ N_("File"), NULL, 20, 40, 0, false, false },
	{ N_("Material"), NULL, 16, 30, 0, false, false },
	{ N_("Size"), NULL, 8, 10, 1, true, true },
	{ N_("Uploaded at"), NULL, 19, 19, 2, false, false },
};

struct mat_state {
	long id;
	json_t *pl;
	struct table k, f;
	bool files_focus;
	int upload_req;
	char upload_name[1024];
};

static const char *kind_label(const char *word)
{
	enum material_kind k;
	return wire_material_parse(word, &k) ? _(kinds[k].label) : word ? word : "";
}

static bool needed(const struct mat_state *s, enum material_kind kind)
{
	size_t i;
	const json_t *n;
	enum material_kind k;
	json_array_foreach(json_object_get(s->pl, "needs"), i, n)
		if (wire_material_parse(json_string_value(n), &k) && k == kind)
			return true;
	return false;
}

/* the cursor goes to the first needed kind with nothing uploaded yet */
static void cursor_to_needed(struct mat_state *s)
{
	for (int i = 0; i < NKINDS; i++) {
		const char *c = table_get(&s->k, i, 2);
		if (needed(s, (enum material_kind)i) && strcmp(c, "0") == 0) {
			table_select_row(&s->k, i);
			return;
		}
	}
}

static void fill(struct mat_state *s)
{
	const json_t *mats = json_object_get(s->pl, "materials");
	table_resize(&s->k, NKINDS);
	for (int i = 0; i < NKINDS; i++) {
		int count = 0;
		size_t j;
		const json_t *m;
		json_array_foreach(mats, j, m) {
			enum material_kind k;
			count += wire_material_parse(json_string_value(json_object_get(m, "kind")), &k) &&
				 (int)k == i;
		}
		char num[16];
		snprintf(num, sizeof num, "%d", i + 1);
		table_set(&s->k, i, 0, num);
		table_set(&s->k, i, 1, _(kinds[i].label));
		snprintf(num, sizeof num, "%d", count);
		table_set(&s->k, i, 2, num);
		bool need = needed(s, (enum material_kind)i);
		if (need && count)
			table_set_mark(&s->k, i, 3, true, N_("uploaded"));
		else
			table_set(&s->k, i, 3, need ? _("needed") : "");
		table_set(&s->k, i, 4, kinds[i].note ? _(kinds[i].note) : "");
		table_set_style(&s->k, i, need && !count ? STYLE_FAIL : need ? STYLE_OK : STYLE_NORMAL);
	}
	size_t n = json_array_size(mats);
	table_resize(&s->f, (int)n);
	for (size_t j = 0; j < n; j++) {
		const json_t *m = json_array_get(mats, j);
		char size[32];
		snprintf(size, sizeof size, "%lld", (long long)json_integer_value(json_object_get(m, "size")));
		table_set(&s->f, (int)j, 0, json_string_value(json_object_get(m, "filename")));
		table_set(&s->f, (int)j, 1, kind_label(json_string_value(json_object_get(m, "kind"))));
		table_set(&s->f, (int)j, 2, size);
		table_set(&s->f, (int)j, 3, json_string_value(json_object_get(m, "uploaded_at")));
	}
}

static void load(struct view *v)
{
	struct mat_state *s = v->state;
	char path[64];
	snprintf(path, sizeof path, "/placements/%ld", s->id);
	api_call(v, TAG_LOAD, "GET", path, NULL, NULL);
}

static int mat_open(struct view *v, const struct screen_args *args)
{
	struct mat_state *s = v->state;
	s->id = args ? args->id : 0;
	table_init(&s->k, kcols, 5, false);
	s->k.mark_cols = 1u << 3;   /* "Needed": ✓ once uploaded (a word when spoken) */
	table_init(&s->f, fcols, 4, false);
	fill(s);
	/* start on the first kind still needed */
	load(v);
	return 0;
}

static struct table *cur_table(struct mat_state *s)
{
	return s->files_focus ? &s->f : &s->k;
}

static void mat_draw(struct view *v, struct canvas *c)
{
	struct mat_state *s = v->state;
	WINDOW *w = c->w;
	char buf[1024], line[1024];
	const json_t *person = json_object_get(s->pl, "person");
	const char *name = json_string_value(json_object_get(person, "name"));
	char *cn = text_clean(name ? name : "");
	snprintf(line, sizeof line, _("Materials - %s - status: %s"), cn,
		 placement_status_label(placement_status_of(s->pl)));
	free(cn);
	wattrset(w, theme_attr(STYLE_TITLE));
	text_fit(buf, sizeof buf, line, c->cols, 0);
	mvwaddstr(w, c->y, c->x, buf);
	wattrset(w, theme_attr(STYLE_DIM));
	text_fit(buf, sizeof buf, _("Files up to 100 MB; jpeg, jpg, png or pdf only."), c->cols, 0);
	mvwaddstr(w, c->y + 1, c->x, buf);
	int y = c->y + 2;
	int kh = NKINDS + 1;
	table_draw(&s->k, w, y, c->x, kh, c->cols);
	y += kh + 1;
	long long now = 0, total = 0;
	if (s->upload_req && api_progress(v->app, s->upload_req, &now, &total))
		progress_draw(w, y++, c->x, c->cols, _("Uploading"), now, total);
	wattrset(w, theme_attr(STYLE_HEADER));
	text_fit(buf, sizeof buf, _("Uploaded files"), c->cols, 0);
	mvwaddstr(w, y++, c->x, buf);
	if (s->f.nrows == 0) {
		wattrset(w, theme_attr(STYLE_DIM));
		text_fit(buf, sizeof buf, _("None yet. Press u to upload a file for the selected material."),
			 c->cols, 0);
		mvwaddstr(w, y, c->x, buf);
	} else if (c->y + c->rows - y > 1) {
		table_draw(&s->f, w, y, c->x, c->y + c->rows - y, c->cols);
	}
	const struct table *t = cur_table(s);
	canvas_focus(c, t->cursor_y >= 0 ? t->cursor_y : c->y, c->x);
}


static unsigned mat_switch_table(struct view *v, enum action a)
{
	struct mat_state *s = v->state;
	s->files_focus = !s->files_focus && s->f.nrows > 0;
	return H_REDRAW;
}

static unsigned ask_upload(struct view *v)
{
	struct mat_state *s = v->state;
	if (s->upload_req)
		return H_NONE;   /* one upload at a time: its progress is on screen */
	app_prompt(v, ASK_PATH, _("File to upload (Tab completes):"), "", PROMPT_PATH);
	return H_REDRAW;
}

static unsigned mat_upload(struct view *v, enum action a)
{
	return ask_upload(v);
}

/* The selected file in the material viewer. */
static unsigned open_file(struct view *v)
{
	struct mat_state *s = v->state;
	int r = table_cursor_row(&s->f);
	if (r < 0)
		return H_UNKNOWN;
	json_t *m = json_array_get(json_object_get(s->pl, "materials"), (size_t)r);
	const char *kind = kind_label(json_string_value(json_object_get(m, "kind")));
	app_push(v->app, &screen_viewer, &(struct screen_args){ .id = s->id, .json = m, .text = kind });
	return H_REDRAW;
}

/* Enter: upload to the selected kind, or open the selected file */
static unsigned mat_enter(struct view *v, enum action a)
{
	struct mat_state *s = v->state;
	return s->files_focus ? open_file(v) : ask_upload(v);
}

static unsigned mat_view(struct view *v, enum action a)
{
	struct mat_state *s = v->state;
	s->files_focus = s->f.nrows > 0;
	return open_file(v);
}

static unsigned mat_delete(struct view *v, enum action a)
{
	struct mat_state *s = v->state;
	if (!s->files_focus || table_cursor_row(&s->f) < 0)
		return H_UNKNOWN;
	app_confirm(v, ASK_DELETE, _("Delete this file?"));
	return H_REDRAW;
}

static unsigned mat_refresh(struct view *v, enum action a)
{
	load(v);
	return H_REDRAW;
}

static unsigned mat_done(struct view *v, enum action a)
{
	app_flash(v->app, false, "%s",
		  _("Your materials are saved: watch for the federation's review, then submit the declaration when all persons are confirmed"));
	app_reset(v->app, &screen_placements, NULL);
	return H_REDRAW;
}

static unsigned mat_prev(struct view *v, enum action a)
{
	return H_CLOSE;
}

static unsigned mat_answer(struct view *v, int tag, const char *text)
{
	struct mat_state *s = v->state;
	char path[128];
	if (tag == ASK_PATH && text && *text) {
		char file[1024];
		if (text[0] == '~' && text[1] == '/' && getenv("HOME"))
			snprintf(file, sizeof file, "%s%s", getenv("HOME"), text + 1);
		else
			snprintf(file, sizeof file, "%s", text);
		if (access(file, R_OK) != 0) {
			app_flash(v->app, true, _("Cannot read %s"), file);
			return H_REDRAW;
		}
		int r = table_cursor_row(&s->k);
		const char *kind = wire_material_word(r >= 0 ? (enum material_kind)r : MATERIAL_OTHER);
		snprintf(path, sizeof path, "/placements/%ld/materials", s->id);
		s->upload_req = api_upload(v, TAG_UPLOAD, path, kind, file);
		const char *base = strrchr(file, '/');
		snprintf(s->upload_name, sizeof s->upload_name, "%s", base ? base + 1 : file);
	} else if (tag == ASK_DELETE && text) {
		int r = table_cursor_row(&s->f);
		const json_t *m = json_array_get(json_object_get(s->pl, "materials"), (size_t)r);
		snprintf(path, sizeof path, "/placements/%ld/materials/%lld", s->id,
			 (long long)json_integer_value(json_object_get(m, "id")));
		api_call(v, TAG_DELETE, "DELETE", path, NULL, NULL);
	}
	return H_REDRAW;
}

static void mat_reply(struct view *v, const struct api_reply *r)
{
	struct mat_state *s = v->state;
	if (r->tag == TAG_UPLOAD)
		s->upload_req = 0;
	if (!r->ok) {
		app_flash(v->app, true, "%s", r->message);
		return;
	}
	switch (r->tag) {
	case TAG_LOAD:
		json_decref(s->pl);
		s->pl = json_incref(r->body);
		fill(s);
		cursor_to_needed(s);
		break;
	case TAG_UPLOAD: {
		char *n = text_clean(s->upload_name);
		app_flash(v->app, false, _("Uploaded %s"), n);
		free(n);
		load(v);
		break;
	}
	case TAG_DELETE:
		load(v);
		break;
	}
}

static void mat_close(struct view *v)
{
	struct mat_state *s = v->state;
	if (s->upload_req)
		api_cancel(v->app, s->upload_req);
	table_free(&s->k);
	table_free(&s->f);
	json_decref(s->pl);
}

static struct table *mat_list(struct view *v)
{
	return cur_table(v->state);
}

static const struct screen_action mat_actions[] = {
	{ .act = ACT_UPLOAD, .run = mat_upload, .hint = true },
	{ .act = ACT_OPEN_MATERIAL, .run = mat_view, .hint = true },
	{ .act = ACT_NEXT_FIELD, .run = mat_switch_table, .hint = true },
	{ .act = ACT_NEXT_STEP, .run = mat_done, .hint = true },
	{ .act = ACT_BACK, .run = NULL, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
	{ .act = ACT_PREV_FIELD, .run = mat_switch_table },
	{ .act = ACT_OPEN, .run = mat_enter, .needs = NEED_ROW },
	{ .act = ACT_DELETE, .run = mat_delete },
	{ .act = ACT_REFRESH, .run = mat_refresh },
	{ .act = ACT_SAVE, .run = mat_done },
	{ .act = ACT_PREV_STEP, .run = mat_prev },
};

const struct screen screen_materials = {
	.name = "materials",
	.state_size = sizeof(struct mat_state),
	.open = mat_open,
	.draw = mat_draw,
	SCREEN_ACTIONS(mat_actions),
	.reply = mat_reply,
	.close = mat_close,
	.answer = mat_answer,
	.list = mat_list,
};
