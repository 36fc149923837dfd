/* merge: the field-by-field choice after a 412 (merge.h). */
#include "ui/merge.h"

#include <string.h>

#include "base/i18n.h"

json_t *merge_new(void)
{
	return json_pack("{s:[], s:b}", "rows", "done", 0);
}

static void add_row(json_t *m, const char *label, const char *path, const char *theirs,
		    const char *mine, bool take)
{
	json_array_append_new(json_object_get(m, "rows"),
			      json_pack("{s:s, s:s, s:s, s:s, s:b}", "label", label, "path", path,
					"theirs", theirs, "mine", mine, "take", take));
}

void merge_add(json_t *m, const char *label, const char *path, const char *base,
	       const char *theirs, const char *mine)
{
	base = base ? base : "";
	theirs = theirs ? theirs : "";
	mine = mine ? mine : "";
	if (strcmp(theirs, mine) != 0)
		add_row(m, label, path, theirs, mine, strcmp(mine, base) == 0);
}

const char *merge_field_text(const struct field *f)
{
	if (f->kind == FIELD_SELECT)
		return f->sel >= 0 && f->sel < f->nopts ? _(f->opts[f->sel].label) : "";
	return f->buf;
}

void merge_add_field(json_t *m, const char *label, const char *path, const struct field *base,
		     const struct field *theirs, const struct field *mine)
{
	const char *bv = base ? field_value(base) : "", *tv = field_value(theirs),
		   *mv = field_value(mine);
	if (strcmp(tv, mv) != 0)
		add_row(m, label, path, merge_field_text(theirs), merge_field_text(mine),
			strcmp(mv, bv) == 0);
}

int merge_count(const json_t *m)
{
	return (int)json_array_size(json_object_get(m, "rows"));
}

json_t *merge_row(const json_t *m, int i)
{
	return json_array_get(json_object_get(m, "rows"), (size_t)i);
}

bool merge_row_takes(const json_t *m, int i)
{
	return json_is_true(json_object_get(merge_row(m, i), "take"));
}

void merge_choose(json_t *m, int i, bool theirs)
{
	json_t *row = merge_row(m, i);
	if (row)
		json_object_set_new(row, "take", json_boolean(theirs));
}

void merge_choose_all(json_t *m, bool theirs)
{
	for (int i = 0; i < merge_count(m); i++)
		merge_choose(m, i, theirs);
}

bool merge_takes(const json_t *m, const char *path)
{
	for (int i = 0; i < merge_count(m); i++) {
		const char *p = json_string_value(json_object_get(merge_row(m, i), "path"));
		if (p && strcmp(p, path) == 0)
			return merge_row_takes(m, i);
	}
	return false;
}

void merge_finish(json_t *m)
{
	json_object_set_new(m, "done", json_true());
}

bool merge_finished(const json_t *m)
{
	return json_is_true(json_object_get(m, "done"));
}

const char *merge_outcome(const json_t *m)
{
	return merge_finished(m) ? _("Merged: save to keep the result")
				 : _("Your changes are kept, the other version underneath: saving compares them again");
}
