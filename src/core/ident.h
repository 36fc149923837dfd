/* ident: the identifiers of SPEC §11 — 居民身份证号 (GB 11643-1999), 统一社会信用代码
 * (GB 32100-2015), 残疾人证号 (second generation) — parsed and validated with
 * precise errors, plus the masking used in lists (SPEC §4). */
#ifndef ANZHI_CORE_IDENT_H
#define ANZHI_CORE_IDENT_H

#include <stdbool.h>
#include <stddef.h>
#include "core/date.h"
#include "core/error.h"

enum gender { GENDER_MALE, GENDER_FEMALE };

/* Disability categories (残疾类别) as in the certificate number's 19th digit. */
enum disability_category {
	CAT_VISION = 1, CAT_HEARING = 2, CAT_SPEECH = 3, CAT_PHYSICAL = 4,
	CAT_INTELLECTUAL = 5, CAT_MENTAL = 6, CAT_MULTIPLE = 7
};

struct idno {
	char number[19];    /* normalised: uppercase X */
	char region[7];     /* first 6 digits (GB/T 2260 code at issue) */
	struct ymd birth;
	int sequence;       /* 3-digit sequence; odd = male */
	enum gender gender;
	char check;         /* '0'..'9' or 'X' */
};

/* Validates a 居民身份证号: length 18, digits (last may be X/x), region
 * not 000000, birth a calendar date, check character (ISO 7064 MOD 11-2).
 * Errors: CORE_ERR_LENGTH ("length: got 17, want 18"), CORE_ERR_CHAR
 * ("character 5 ('A') not allowed: want a digit"), CORE_ERR_DATE,
 * CORE_ERR_CHECKSUM ("checksum: expected 'X', got '3'").  err->field = "idno". */
bool idno_parse(const char *s, struct idno *out, struct core_error *err);
/* The check character for the first 17 digits ('?' if they are not digits). */
char idno_check_char(const char *first17);

/* 统一社会信用代码 (USCC): 18 characters from 0-9 A-H J-N P-R T U W-Y,
 * check by GB 32100 (weights 3^(i-1) mod 31).  Lowercase is refused (the code
 * is defined in capitals); err->field = "uscc". */
bool uscc_valid(const char *s, struct core_error *err);
char uscc_check_char(const char *first17);   /* '?' if a character is invalid */

/* The parts of a USCC (GB 32100-2015 §4). */
struct uscc {
	char code[19];
	char authority;             /* 登记管理部门代码, character 1: '1' 机构编制 … '9' 工商 */
	char kind;                  /* 机构类别代码, character 2 (its meaning depends on authority) */
	char region[7];             /* 登记管理机关行政区划码, characters 3-8 */
	char org_code[10];          /* 主体标识码 (组织机构代码), characters 9-17 */
	/* Stable English keys of GB 32100's table ("establishment", "public_institution"
	 * …); NULL when the code is not in the table (the code stays valid). */
	const char *authority_key;
	const char *kind_key;
};
/* uscc_valid, then the parts. */
bool uscc_parse(const char *s, struct uscc *out, struct core_error *err);

struct certno {
	char number[23];    /* 20 or 22 characters, normalised */
	char idno[19];      /* the 18-character ID prefix */
	int category;       /* 1..7 (enum disability_category) */
	int level;          /* 1..4, 1 most severe */
	int reissue;        /* the digit after 'B', or -1 when absent */
};

/* 残疾人证号: a valid ID number + category digit 1..7 + level digit 1..4,
 * optionally "B" + digit (re-issue).  err->field = "certificate". */
bool certno_parse(const char *s, struct certno *out, struct core_error *err);
/* The certificate belongs to idno and says category/level: prefix equals the
 * ID number (X case-insensitive), category and level agree.  CORE_ERR_MISMATCH
 * naming which part disagrees. */
bool certno_matches(const char *cert, const char *idno, int category, int level,
		    struct core_error *err);

/* Chinese name of a category 1..7 ("视力" … "多重"); NULL when out of range. */
const char *ident_category_name_zh(int category);
/* English key of a category: "vision" "hearing" "speech" "physical"
 * "intellectual" "mental" "multiple"; NULL when out of range. */
const char *ident_category_key(int category);

enum ident_kind { IDENT_UNKNOWN, IDENT_IDNO, IDENT_USCC, IDENT_CERTNO };
/* Which identifier s looks like, by shape only (length and alphabet); says
 * nothing about validity.  18 digits (+X) -> IDNO (though it may also be an
 * all-digit USCC: see ident_check); 18 from the USCC alphabet -> USCC; 20 or 22
 * characters starting like an ID -> CERTNO. */
enum ident_kind ident_kind_guess(const char *s);
const char *ident_kind_name(enum ident_kind k);  /* "idno" "uscc" "certificate" "unknown" */

/* s checked as one kind of identifier. */
struct ident_reading {
	enum ident_kind kind;
	bool valid;
	struct core_error err;          /* why not, when !valid */
	struct idno idno;               /* IDENT_IDNO, and the ID part of IDENT_CERTNO */
	struct uscc uscc;               /* IDENT_USCC */
	struct certno cert;             /* IDENT_CERTNO */
};
/* Every reading s's shape allows: two (ID number, then USCC) for 18 characters
 * that fit both alphabets — all digits, many real USCCs of public institutions
 * (12…) among them — else one: the kind of ident_kind_guess, or for a shape of
 * none the closest kind (18 characters with letters: USCC; 19-22: certificate;
 * else ID number), whose reading then says what is wrong. */
struct ident_report {
	struct ident_reading reading[2];
	size_t n;
};
void ident_check(const char *s, struct ident_report *out);

/* Masks for lists (never show full personal identifiers in a list):
 *  mask_idno:   first 6 + "*****" + last 7   "152630*****4043330"
 *  mask_name:   UTF-8 aware: 1 char "*"; 2 chars "*" + last ("*嵘");
 *               3+ chars first + one "*" per middle char + last ("景*东")
 *  mask_certno: first 7 + "*****" + characters 13..18 + "..." when the number
 *               is longer than 18 (as in the seed: "1526301*****043330...").
 *  Inputs shorter than the mask needs are fully starred (one '*' per char).
 *  Return false only when buf is too small (64 bytes always suffice for the
 *  identifiers; names need 3*len+1). */
bool mask_idno(const char *idno, char *buf, size_t size);
bool mask_name(const char *name, char *buf, size_t size);
bool mask_certno(const char *certno, char *buf, size_t size);

#endif
