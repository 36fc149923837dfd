/* wire — the API's JSON shapes (doc/api.md): validation and normalisation of
 * what clients send, with the problem code and JSON-path field the client
 * shows beside the input. Shared by anzhid and anzhi; pure (jansson + core),
 * no HTTP or database types. */
#ifndef ANZHI_WIRE_WIRE_H
#define ANZHI_WIRE_WIRE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

struct wire_error {
	char code[24];    /* "invalid_json" | "missing_field" | "invalid_field" */
	char field[96];   /* "person.idno", "contracts[0].start", "months[3]" */
	char detail[200]; /* English */
};

/* Length limits (bytes of UTF-8) the service enforces on free text. */
#define WIRE_NAME_MAX 90
#define WIRE_TEXT_MAX 300

/* NEW_PLACEMENT → a normalised copy {"person","contracts","certificates"}:
 * person.gender/birth derived from the ID number, ID numbers uppercased,
 * contract/certificate ids numbered 1.. when absent, unknown keys dropped.
 * Certificates must belong to the person (number prefix = ID number, category
 * and level agree). */
bool wire_placement_validate(const json_t *in, json_t **out, struct wire_error *err);

/* UNIT (PUT body) → a normalised copy with "uscc" set to uscc. Region codes
 * are checked for shape only (6 digits); the caller checks they exist. */
bool wire_unit_validate(const json_t *in, const char *uscc, json_t **out,
			struct wire_error *err);

/* APPLY (POST …/rewards, …/graduate-applications) → {"staff","bank","channel"}:
 * staff a decimal string (> 0, at most two decimals) or null when not
 * given, bank {"payee","account","bank"} or null, channel "online" |
 * "window" | null. */
bool wire_application_validate(const json_t *in, json_t **out, struct wire_error *err);

/* {"months":["202501",…]} → sorted distinct month strings inside year, as a
 * new JSON array. */
bool wire_months_validate(const json_t *in, int year, json_t **out, struct wire_error *err);

/* Text a person will read (names, addresses, reasons, file names): len
 * bytes of well-formed UTF-8 without NUL, control characters (C0, DEL, C1),
 * line/paragraph separators or bidi overrides and isolates. */
bool wire_text_ok(const char *s, size_t len);

/* Loose phone shape: 5–20 of digits, spaces, + - ( ). Empty is allowed. */
bool wire_phone_ok(const char *s);

/* Enumerations of the API, each NULL-terminated (for validation and docs). */
extern const char *const wire_unit_kinds[];
extern const char *const wire_educations[];
extern const char *const wire_institution_categories[];   /* 事业单位类别 */
extern const char *const wire_roles[];
bool wire_enum_ok(const char *const *words, const char *s);

#endif
