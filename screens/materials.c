/* materials: the kinds of material the failed checks call for (工资发放证明,
 * 社会保险缴费凭证, 劳动合同 or 编制本, …) with the count uploaded; upload a file
 * by path (Tab completes) to the kind the prompt names, its size checked
 * here against the service's limit before a byte is sent, with its progress
 * (bytes, percent, rate) and Esc to cancel; the uploaded files, each opened
 * in the material viewer (screens/viewer.c) or deleted by name.  The cursor
 * stays where the user put it.  When done the person shows 待审核. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/i18n.h"
#include "screens/screens.h"
#include "screens/status.h"
#include "ui/progress.h"
#include "ui/table.h"
#include "ui/text.h"
#include "ui/theme.h"
#include "wire/enums.h"

enum { TAG_LOAD = 1, TAG_UPLOAD, TAG_DELETE, TAG_LIMIT };
enum { ASK_PATH = 1, ASK_DELETE };

/* What each material kind of the API (wire/enums.h) is for (the kinds'
 * names: screens/status.c). */
static const char *const notes[MATERIAL__COUNT] = {
	[MATERIAL_WAGE] = N_("Wage payments of the business year"),
	[MATERIAL_SOCIAL] = N_("Social insurance of the business year"),
	[MATERIAL_MEDICAL] = N_("Medical insurance of the business year"),
	[MATERIAL_CONTRACT] = N_("Must say the person counts for this unit"),
	[MATERIAL_ESTABLISHMENT] = N_("Establishment staff of a public institution, instead of a labour contract"),
	[MATERIAL_DISPATCH] = N_("Must say the person counts for this unit"),
	[MATERIAL_DEGREE] = N_("For graduates"),
	[MATERIAL_CERTIFICATE] = N_("Needs review"),
	[MATERIAL_DISPATCH_LICENCE] = N_("For dispatched workers"),
};
#define NKINDS MATERIAL__COUNT

/* The kinds in the order shown: the 编制本 beside the labour contract it
 * stands for (the enum's order is the service's stored bits). */
static const enum material_kind shown[NKINDS] = {
	MATERIAL_WAGE, MATERIAL_SOCIAL, MATERIAL_MEDICAL, MATERIAL_CONTRACT, MATERIAL_ESTABLISHMENT,
	MATERIAL_DISPATCH, MATERIAL_DISPATCH_LICENCE, MATERIAL_DEGREE, MATERIAL_CERTIFICATE,
	MATERIAL_OTHER,
};

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
	bool placed;               /* the cursor was put on a needed kind (the first load) */
	char *locked;              /* why nothing may be uploaded or deleted, or NULL */
	long long limit;           /* the service's upload limit (bytes), 0 = not said */
	enum material_kind ask_kind;   /* the kind the upload prompt named */
	int upload_req;
	char upload_name[1024];
	enum material_kind upload_kind;
	double upload_started;
	long long del_id;          /* the file the delete question named */
};

static const char *kind_label(const char *word)
{
	enum material_kind k;
	return wire_material_parse(word, &k) ? material_kind_label(k) : word ? word : "";
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

/* on opening, the cursor goes to the first needed kind with nothing uploaded yet */
static void cursor_to_needed(struct mat_state *s)
{
	for (int i = 0; i < NKINDS; i++) {
		const char *c = table_get(&s->k, i, 2);
		if (needed(s, shown[i]) && strcmp(c, "0") == 0) {
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
		enum material_kind kind = shown[i];
		int count = 0;
		size_t j;
		const json_t *m;
		json_array_foreach(mats, j, m) {
			enum material_kind k;
			count += wire_material_parse(json_string_value(json_object_get(m, "kind")), &k) &&
				 k == kind;
		}
		char num[16];
		snprintf(num, sizeof num, "%d", i + 1);
		table_set(&s->k, i, 0, num);
		table_set(&s->k, i, 1, material_kind_label(kind));
		snprintf(num, sizeof num, "%d", count);
		table_set(&s->k, i, 2, num);
		bool need = needed(s, kind);
		if (need && count)
			table_set_mark(&s->k, i, 3, true, N_("uploaded"));
		else
			table_set(&s->k, i, 3, need ? _("needed") : "");
		table_set(&s->k, i, 4, notes[kind] ? _(notes[kind]) : "");
		table_set_style(&s->k, i, need && !count ? STYLE_FAIL : need ? STYLE_OK : STYLE_NORMAL);
	}
	size_t n = json_array_size(mats);
	table_resize(&s->f, (int)n);
	for (size_t j = 0; j < n; j++) {
		const json_t *m = json_array_get(mats, j);
		char size[32];
		text_size((long long)json_integer_value(json_object_get(m, "size")), size, sizeof size);
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
	if (args && args->locked)
		s->locked = strdup(args->locked);
	table_init(&s->k, kcols, 5, false);
	s->k.mark_cols = 1u << 3;   /* "Needed": ✓ once uploaded (a word when spoken) */
	table_init(&s->f, fcols, 4, false);
	fill(s);
	load(v);
	api_call(v, TAG_LIMIT, "GET", "/health", NULL, NULL);   /* its max_upload_bytes */
	return 0;
}

static long long upload_limit(struct view *v)
{
	struct mat_state *s = v->state;
	return s->limit > 0 ? s->limit : app_upload_limit(v->app);
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
	char lim[32];
	text_size(upload_limit(v), lim, sizeof lim);
	snprintf(line, sizeof line, _("Files up to %s; jpeg, jpg, png or pdf only."), lim);
	wattrset(w, theme_attr(STYLE_DIM));
	text_fit(buf, sizeof buf, line, c->cols, 0);
	mvwaddstr(w, c->y + 1, c->x, buf);
	int y = c->y + 2;
	int kh = NKINDS + 1;
	table_draw(&s->k, w, y, c->x, kh, c->cols);
	y += kh + 1;
	long long now = 0, total = 0;
	if (s->upload_req && api_progress(v->app, s->upload_req, &now, &total))
		progress_draw(w, y++, c->x, c->cols, _("Uploading"), now, total,
			      clock_now() - s->upload_started);
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

/* The file goes to the kind under the cursor now, and the prompt says which:
 * a reload while the prompt is up cannot move it elsewhere. */
static unsigned ask_upload(struct view *v)
{
	struct mat_state *s = v->state;
	if (s->locked) {
		app_flash(v->app, true, "%s", s->locked);
		return H_REDRAW;
	}
	if (s->upload_req) {
		app_flash(v->app, false, "%s", _("One upload at a time: Esc cancels the one running"));
		return H_REDRAW;
	}
	int r = table_cursor_row(&s->k);
	s->ask_kind = r >= 0 && r < NKINDS ? shown[r] : MATERIAL_OTHER;
	char label[300];
	snprintf(label, sizeof label, _("Upload to \"%s\" - file (Tab completes):"), material_kind_label(s->ask_kind));
	app_prompt(v, ASK_PATH, label, "", PROMPT_PATH);
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

/* d: the file under the cursor, named in the question */
static unsigned mat_delete(struct view *v, enum action a)
{
	struct mat_state *s = v->state;
	int r = table_cursor_row(&s->f);
	if (!s->files_focus || r < 0) {
		app_flash(v->app, true, "%s", _("Tab to the uploaded files first: delete acts on a file"));
		return H_REDRAW;
	}
	if (s->locked) {
		app_flash(v->app, true, "%s", s->locked);
		return H_REDRAW;
	}
	const json_t *m = json_array_get(json_object_get(s->pl, "materials"), (size_t)r);
	s->del_id = (long long)json_integer_value(json_object_get(m, "id"));
	char q[600];
	snprintf(q, sizeof q, _("Delete %s (%s)?"), table_get(&s->f, r, 0), table_get(&s->f, r, 1));
	app_confirm(v, ASK_DELETE, q);
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

/* The file the user typed: readable, not over the limit — said here, before
 * a byte is sent — then sent to the kind the prompt named. */
static void upload(struct view *v, const char *text)
{
	struct mat_state *s = v->state;
	char file[1024], path[128];
	if (text[0] == '~' && text[1] == '/' && getenv("HOME"))
		snprintf(file, sizeof file, "%s%s", getenv("HOME"), text + 1);
	else
		snprintf(file, sizeof file, "%s", text);
	struct stat st;
	if (access(file, R_OK) != 0 || stat(file, &st) != 0 || !S_ISREG(st.st_mode)) {
		app_flash(v->app, true, _("Cannot read %s"), file);
		return;
	}
	const char *base = strrchr(file, '/');
	base = base ? base + 1 : file;
	long long limit = upload_limit(v);
	if ((long long)st.st_size > limit) {
		char size[32], max[32];
		text_size((long long)st.st_size, size, sizeof size);
		text_size(limit, max, sizeof max);
		char *n = text_clean(base);
		app_flash(v->app, true, _("%s is %s: the limit is %s. Not sent."), n, size, max);
		free(n);
		return;
	}
	snprintf(path, sizeof path, "/placements/%ld/materials", s->id);
	s->upload_kind = s->ask_kind;
	s->upload_started = clock_now();
	s->upload_req = api_upload(v, TAG_UPLOAD, path, wire_material_word(s->upload_kind), file);
	snprintf(s->upload_name, sizeof s->upload_name, "%s", base);
}

static unsigned mat_answer(struct view *v, int tag, const char *text)
{
	struct mat_state *s = v->state;
	char path[128];
	if (tag == ASK_PATH && text && *text) {
		upload(v, text);
	} else if (tag == ASK_DELETE && text && s->del_id) {
		snprintf(path, sizeof path, "/placements/%ld/materials/%lld", s->id, s->del_id);
		api_call(v, TAG_DELETE, "DELETE", path, NULL, NULL);
	}
	return H_REDRAW;
}

static void mat_reply(struct view *v, const struct api_reply *r)
{
	struct mat_state *s = v->state;
	if (r->tag == TAG_UPLOAD)
		s->upload_req = 0;
	if (r->tag == TAG_LIMIT) {   /* an older service says none: the config's then */
		s->limit = json_integer_value(json_object_get(r->body, "max_upload_bytes"));
		return;
	}
	if (!r->ok) {
		app_flash(v->app, true, "%s", r->message);
		return;
	}
	switch (r->tag) {
	case TAG_LOAD:
		json_decref(s->pl);
		s->pl = json_incref(r->body);
		fill(s);
		if (!s->placed)   /* once: then the cursor is the user's */
			cursor_to_needed(s);
		s->placed = true;
		break;
	case TAG_UPLOAD: {
		char *n = text_clean(s->upload_name);
		app_flash(v->app, false, _("Uploaded %s to %s"), n, material_kind_label(s->upload_kind));
		free(n);
		load(v);
		break;
	}
	case TAG_DELETE:
		app_flash(v->app, false, "%s", _("Deleted"));
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
	free(s->locked);
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
