/* person.h: the person screen's state, shared by its two files — person.c
 * (the form on screen: layout, keys, actions) and person_io.c (what goes to
 * and comes from the service and the drafts: load, save, the 412 merge, the
 * ID number's look-ups).  No other screen includes it. */
#ifndef ANZHI_SCREENS_PERSON_H
#define ANZHI_SCREENS_PERSON_H

#include "screens/person_form.h"
#include "screens/screens.h"
#include "ui/form.h"

/* one focusable thing on the form */
enum item_kind { IT_FIELD, IT_CONTRACTS, IT_CONTRACT_ROW, IT_CERTS, IT_CERT_ROW };
struct item {
	enum item_kind kind;
	struct field *f;
	int row;
	int line, col;        /* layout: line number and column half (0/1) */
};

#define MAX_ITEMS (PF_COUNT + 2 + PF_MAX_ROWS * (CF_COUNT + XF_COUNT + 2))

struct person_state {
	struct person_form pf;
	long id;
	int year;              /* the business year a new person goes into */
	struct form_record rec;   /* the PLACEMENT as loaded (and theirs after a 412) */
	int focus;
	int scroll;
	bool dirty;
	bool go_next;          /* open the month grid after the save */
	bool loading;
	char fetched[19];      /* the ID number last sent to the registry */
	char filled_for[19];   /* the ID number the registry filled the form for */
	char looked_up[19];    /* the ID number last looked up on the year's list */
	char listed[19];       /* … found there already (a new person cannot be it) */
	char listed_name[64];  /* that person's masked name */
	char key[64];          /* this form's draft (client/drafts.h) */
	char *locked;          /* why the form may only be read, or NULL */
	json_t *merge;         /* the merge shown after a 412, until it is applied */
	json_t *draft;         /* a draft to resume once the record has loaded */
	struct item items[MAX_ITEMS];
	int nitems, nlines;
	char key_add[32], key_rm[32];   /* the keys bound to row-add/-remove, for the labels */
};

/* person.c */
void person_layout(struct person_state *s);
void person_focus_field(struct person_state *s, const struct field *f);

/* person_io.c */
void person_io_open(struct view *v, const struct screen_args *args);
void person_load(struct view *v);
/* Starts saving (next: then the month grid); the request's id, or 0 when
 * nothing was sent (a field is wrong, the other version is compared first…). */
int  person_start_save(struct view *v, bool next);
/* The ID number field changed: the previous autofill goes, and a complete
 * number is checked and looked up. */
void person_id_changed(struct view *v);
void person_reply(struct view *v, const struct api_reply *r);
/* Back on top: a merge to apply, else reload a clean form. */
void person_resume(struct view *v);
void person_discard(struct view *v);
void person_close(struct view *v);

#endif
