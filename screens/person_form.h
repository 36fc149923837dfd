/* person_form: the model behind the person screen (基本信息, 合同管理, 残疾证管理)
 * — its fields, rows, JSON both ways (NEW_PLACEMENT out, PLACEMENT and
 * REGISTRY_PERSON in) and the mapping of a problem's `field` path
 * ("contracts[0].start") to the field to mark.  No curses, no network. */
#ifndef ANZHI_PERSON_FORM_H
#define ANZHI_PERSON_FORM_H

#include <jansson.h>
#include <stdbool.h>

#include "ui/field.h"

enum { PF_IDNO, PF_NAME, PF_HUKOU_TYPE, PF_HUKOU_REGION, PF_HUKOU_ADDRESS, PF_PHONE,
       PF_EDUCATION, PF_GUARDIAN, PF_GUARDIAN_PHONE, PF_GRADUATE, PF_COUNT };
enum { CF_DISPATCH, CF_RELATION, CF_TYPE, CF_START, CF_END, CF_POST, CF_WAGE, CF_AGENCY,
       CF_SI, CF_MI, CF_COUNT };
enum { XF_NUMBER, XF_TYPE, XF_FROM, XF_TO, XF_LEVEL, XF_CATEGORY, XF_COUNT };

#define PF_MAX_ROWS 8

struct pf_contract {
	long long id;          /* 0 = new */
	struct field f[CF_COUNT];
};

struct pf_cert {
	long long id;
	struct field f[XF_COUNT];
};

struct person_form {
	struct field p[PF_COUNT];
	struct pf_contract c[PF_MAX_ROWS];
	int nc;
	struct pf_cert x[PF_MAX_ROWS];
	int nx;
	/* what the registry's autofill filled, until the user edits it: bit i
	 * = p[i]; certs_filled = the certificate rows are the registry's */
	unsigned filled;
	bool certs_filled;
};

void pf_init(struct person_form *pf);
bool pf_add_contract(struct person_form *pf);     /* false when full */
bool pf_add_cert(struct person_form *pf);
void pf_remove_contract(struct person_form *pf, int i);
void pf_remove_cert(struct person_form *pf, int i);

/* NEW_PLACEMENT from the fields (new reference). */
json_t *pf_to_json(const struct person_form *pf);
/* Fills every field from a PLACEMENT or NEW_PLACEMENT (draft). */
void pf_from_json(struct person_form *pf, const json_t *placement);
/* Fills only the empty fields from a REGISTRY_PERSON; adds its certificates
 * when the form has none filled in.  Returns the number of fields filled. */
int pf_autofill(struct person_form *pf, const json_t *registry_person);
/* The user edited f: it is no longer the registry's. */
void pf_edited(struct person_form *pf, const struct field *f);
/* Clears what the autofill filled and the user left alone (another ID
 * number was typed: the previous person's data must not stay); returns how
 * many fields and rows it cleared. */
int pf_clear_autofill(struct person_form *pf);

/* After a 412 (ui/merge.h): the rows where theirs and mine differ — the
 * person's fields one by one, contracts and certificates field by field
 * when both have as many rows, else the whole list in one row ("contracts").
 * base (the version the edits started from) may be NULL. */
json_t *pf_merge(const struct person_form *base, const struct person_form *theirs,
		 const struct person_form *mine);
/* Takes theirs into mine for every row of m that takes theirs. */
void pf_merge_apply(struct person_form *mine, const struct person_form *theirs, const json_t *m);

/* The field a problem path names, or NULL ("person.idno", "contracts[1].end"). */
struct field *pf_field_for_path(struct person_form *pf, const char *path);
/* Why idno (refused with err by idno_parse) is no ID number, in the user's
 * words as `anzhi check-id` gives them: the kind of wrong and, for a wrong
 * check character, the one the first 17 digits call for.  (The core's
 * English detail is for the message log.) */
struct core_error;
void pf_idno_complaint(char *buf, size_t bufsz, const char *idno, const struct core_error *err);
/* Checks what can be checked here (ID number, dates); marks the first bad
 * field's error and returns it, or NULL when all is well. */
struct field *pf_validate(struct person_form *pf);
void pf_clear_errors(struct person_form *pf);

#endif
