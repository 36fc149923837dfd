/* form: what every form of fields shares (person, unit info, calculator,
 * login and the screens to come) — the label column, one field's row, the
 * error line, marking the field a problem names, and the record the form
 * edits kept apart from the user's edits, so that a 412 costs no edit. */
#ifndef ANZHI_UI_FORM_H
#define ANZHI_UI_FORM_H

#include <curses.h>
#include <jansson.h>
#include <stdbool.h>

#include "ui/field.h"

/* ---- layout */

/* The label column's width: the widest translated label (a required field's
 * '*' included) of fields[0..n), at least `min`; form_label_fold adds one
 * field to a width so far (forms whose fields are not one array). */
int form_label_width(const struct field *fields, int n, int min);
int form_label_fold(int width, const struct field *f);

/* One field's row at (y, x), `width` columns: the label ('*' before a
 * required one; the error style when the field has a complaint) in labw
 * columns, a space, the value box, and a '!' after it marking a complaint;
 * an idle region field shows its region's name after the code.  Returns the
 * column of the field's cursor. */
int form_field_row(WINDOW *w, int y, int x, int labw, int width, const struct field *f, bool focus);

/* "label: complaint" of f in the error style on line y (nothing when f is
 * NULL or has no complaint); form_error_of picks the focused field's
 * complaint, else the first one among fields[0..n). */
void form_error_line(WINDOW *w, int y, int x, int cols, const struct field *f);
const struct field *form_error_of(const struct field *focused, const struct field *fields, int n);

/* ---- problems */

/* The field of fields[0..n) whose API path is `path` or its tail
 * ("unit.bank.account" names "bank.account"), or NULL. */
struct field *form_field_for_path(struct field *fields, int n, const char *path);
/* The service's complaint about f: the problem code's text, else the
 * message — both in the user's language (the service's English `detail`
 * goes to the message log only); clears nothing else. */
void form_mark_problem(struct field *f, const char *code_text, const char *message);
void form_clear_errors(struct field *fields, int n);

/* ---- the record a form edits (the 412 path) */

/* The fields hold the user's edits; beside them the record as it was loaded
 * (base, whose version the next save sends in If-Match) and, after a 412,
 * the version someone else saved meanwhile (theirs), loaded underneath —
 * never over the edits.  The merge screen (ui/merge.h) compares base, theirs
 * and the edits field by field; until the user has chosen, a form's save
 * opens it again rather than send anything. */
struct form_record {
	json_t *base;
	long long version;
	json_t *theirs;
};
/* A load: base = rec (a reference is taken), its version; no conflict. */
void form_record_loaded(struct form_record *r, json_t *rec);
/* A 412 and the record fetched again: theirs = rec; base and the edits stay. */
void form_record_conflict(struct form_record *r, json_t *theirs);
bool form_record_in_conflict(const struct form_record *r);
/* For the form's title: " (someone else changed it meanwhile)" while theirs
 * is loaded underneath, else "". */
const char *form_record_note(const struct form_record *r);
/* The user keeps their edits over theirs: base becomes theirs (its version
 * goes with the next save). */
void form_record_keep_mine(struct form_record *r);
/* A draft's edits go over a record just loaded (r as loaded): when the
 * draft was kept for an older version (draft_base), that base goes under
 * the edits and the record loaded becomes theirs — true then, and the form
 * compares the two; else r stays as it is. */
bool form_record_since_draft(struct form_record *r, json_t *draft_base);
/* What the form says on resuming a draft (translated): restored, and — when
 * the record is newer than the draft — that the two are compared. */
const char *form_draft_note(bool record_newer);
/* Whether the other person changed the value at `path` ("person.name",
 * "bank.account": a dot goes one object down) between base and theirs. */
bool form_record_changed(const struct form_record *r, const char *path);
void form_record_free(struct form_record *r);

/* After an idle region field's code (its path ends in "region"), its name in
 * the dim style within the field's box of `width` columns at (y, x). */
void form_region_hint(WINDOW *w, int y, int x, int width, const struct field *f, bool active);

#endif
