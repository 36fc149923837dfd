/* merge: after a 412 the form holds the user's edits (mine), the record as
 * it was loaded (base) and the version someone else saved meanwhile
 * (theirs).  A merge lists, field by field, where theirs and mine differ;
 * the user keeps mine or takes theirs per field or all at once (the merge
 * screen), and the form then applies the choices.  Nothing is overwritten
 * without being shown.
 *
 * A merge is JSON, so that it travels to the merge screen as its args:
 *   {"rows":[{"label","path","theirs","mine","take":true|false}…], "done":false}
 * label, theirs and mine are the texts shown (translated, select labels);
 * path is the form's own name for the field. */
#ifndef ANZHI_UI_MERGE_H
#define ANZHI_UI_MERGE_H

#include <jansson.h>
#include <stdbool.h>

#include "ui/field.h"

json_t *merge_new(void);
/* A row when theirs and mine differ (as values); it takes theirs by
 * default when the user left the field as loaded (mine == base), else it
 * keeps mine. */
void merge_add(json_t *m, const char *label, const char *path, const char *base,
	       const char *theirs, const char *mine);
/* The same for one field of three copies of a form (base, theirs, mine):
 * values compared as sent, shown as the user sees them (a choice's label). */
void merge_add_field(json_t *m, const char *label, const char *path, const struct field *base,
		     const struct field *theirs, const struct field *mine);
/* The text a field shows: its value, or a choice list's translated label. */
const char *merge_field_text(const struct field *f);

int merge_count(const json_t *m);
json_t *merge_row(const json_t *m, int i);
bool merge_row_takes(const json_t *m, int i);
void merge_choose(json_t *m, int i, bool theirs);
void merge_choose_all(json_t *m, bool theirs);
/* The row of `path` takes theirs (false when there is no such row). */
bool merge_takes(const json_t *m, const char *path);
/* The user has chosen (the merge screen's apply); the form then applies. */
void merge_finish(json_t *m);
bool merge_finished(const json_t *m);
/* What the form says once the merge screen has closed (translated): merged,
 * to be saved; or not, the other version still underneath. */
const char *merge_outcome(const json_t *m);

#endif
