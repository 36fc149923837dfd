/* doc — the documents anzhid issues: 承诺书 (commitment), 注销业务申请书
 * (cancellation-form), 审核认定书 (certification) and 奖励审核认定书
 * (reward-certification). A4 PDF drawn with cairo and pango in a CJK font
 * (fonts-noto-cjk, found through fontconfig), laid out as a government form,
 * with the federation's seal (data/seals/<region>.png, falling back up the
 * region tree), a QR verification code on every page, and an Ed25519
 * signature over every byte but itself (wire/docseal.h).
 *
 * A document is made in two steps, each a pure function of its input (no
 * store access): the kind's data → a layout (doc_layout_*), whose content
 * version names "the same document" for caching; the layout + issue (key,
 * time) → the signed file (doc_render). doc_make_* do both. */
#ifndef ANZHI_SERVER_DOC_H
#define ANZHI_SERVER_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "wire/docseal.h"

#define DOC_TEXT_MAX 320

/* The unit as its documents show it. Strings are UTF-8, "" when unknown. */
struct doc_unit {
	char uscc[19];
	char name[DOC_TEXT_MAX];          /* 单位名称 */
	char kind[48];                    /* 单位性质 as shown: 企业, 事业单位 … */
	char legal_name[96];              /* 法定代表人 */
	char phone[32];                   /* 单位电话 */
	char contact_name[96];            /* 经办人 */
	char contact_phone[32];
	char address[DOC_TEXT_MAX];       /* 单位经营地址 */
	char federation_region[7];        /* 残联主管部门 */
	char seal_regions[3][7];          /* it and its ancestors, nearest first ("" after
					   * the last): the seal is the first with an image */
	char federation_name[160];        /* "兴和县残疾人联合会" */
	long staff;                       /* 上年度在职职工人数 */
};

/* One placed person on a certification: the full name the unit registered,
 * the ID number masked as in lists. */
struct doc_person {
	char name[96];
	char idno_masked[24];
	char certificate[64];             /* "精神四级" */
	unsigned months;                  /* bit m-1: month m confirmed */
	int months_confirmed;             /* 安置确认(月) */
	int months_counted;               /* 安置核定(月) */
};

struct doc_commitment {               /* 承诺书: before submitting */
	struct doc_unit unit;
	int year;
};

struct doc_cancellation_form {        /* 注销业务申请书: printed, signed, uploaded */
	struct doc_unit unit;
	int year;
};

struct doc_certification {            /* 审核认定书: after the annual review passed */
	struct doc_unit unit;             /* unit.staff = 在职职工人数 */
	int year;
	long months_confirmed;            /* 本次累计安置确认 N 个月 */
	long months_counted;              /* 累计安置核定 M 个月 */
	char placed_persons[16];          /* Σ counted ÷ 12 as the policy rounds it */
	const struct doc_person *persons;
	size_t npersons;
};

struct doc_reward_certification {     /* 奖励审核认定书: after the second review */
	struct doc_unit unit;             /* unit.staff = 上年度在职职工总数 */
	int year;
	char placed_persons[16];          /* 上年度安置残疾人数 */
	char ratio[16];                   /* "1.5%" */
	char required[24];                /* staff × ratio, exact */
	char excess[24];                  /* 超比例安置残疾人数 */
	long reward_persons;              /* ⌊excess⌋ */
	char multiple[8];                 /* "5": times the minimum wage per person */
	char min_wage[24];                /* yuan */
	char amount[32];                  /* 超比例奖励金额, yuan "9900.00" */
	char bank_payee[DOC_TEXT_MAX], bank_account[64], bank_name[DOC_TEXT_MAX];
	const struct doc_person *persons;
	size_t npersons;
};

/* A signing key (doc_keys.h loads them). */
struct doc_key {
	char id[DOCSEAL_KEY_ID_LEN + 1];
	unsigned char pk[32];
	unsigned char sk[64];
};

/* What makes one issue of a document: the key and the moment of signing. */
struct doc_issue {
	const char *datadir;              /* shipped data: seals in DATADIR/seals */
	const struct doc_key *key;
	int64_t signed_at;                /* Unix seconds; shown in Asia/Shanghai */
	int64_t serial;                   /* the how-many-th issue of this unit's year and
					   * kind (1 = the first): two issues of the same
					   * content in one second still get two codes */
};

struct doc_file {
	unsigned char *pdf;               /* malloc'd */
	size_t len;
	enum doc_kind kind;
	char code[DOCSEAL_CODE_LEN + 1];  /* the verification code */
	char digest[65];                  /* BLAKE2b-256 hex of the whole file */
	char signed_at[32];               /* ISO 8601, +08:00 */
};
void doc_file_free(struct doc_file *f);

struct doc_layout;
struct doc_layout *doc_layout_commitment(const struct doc_commitment *d);
struct doc_layout *doc_layout_cancellation_form(const struct doc_cancellation_form *d);
struct doc_layout *doc_layout_certification(const struct doc_certification *d);
struct doc_layout *doc_layout_reward_certification(const struct doc_reward_certification *d);
void doc_layout_free(struct doc_layout *l);
enum doc_kind doc_layout_kind(const struct doc_layout *l);

#define DOC_VERSION_HEX 32
/* The content version: a digest of everything the layout shows, the seal
 * image it will carry and the renderer's revision. Equal versions render to
 * documents that differ only in their issue (key, time, code). */
int doc_layout_version(const struct doc_layout *l, const char *datadir,
		       char out[DOC_VERSION_HEX + 1]);

/* Renders and signs. 0, or -1 with err (English) filled: no CJK font, no
 * seal image, cairo failed. */
int doc_render(const struct doc_layout *l, const struct doc_issue *is, struct doc_file *out,
	       char *err, size_t errlen);

/* Layout + render in one call. */
int doc_make_commitment(const struct doc_commitment *d, const struct doc_issue *is,
			struct doc_file *out, char *err, size_t errlen);
int doc_make_cancellation_form(const struct doc_cancellation_form *d, const struct doc_issue *is,
			       struct doc_file *out, char *err, size_t errlen);
int doc_make_certification(const struct doc_certification *d, const struct doc_issue *is,
			   struct doc_file *out, char *err, size_t errlen);
int doc_make_reward_certification(const struct doc_reward_certification *d,
				  const struct doc_issue *is, struct doc_file *out, char *err,
				  size_t errlen);

/* fontconfig has a Simplified Chinese serif and sans face: 0, or -1 with the
 * fix (install fonts-noto-cjk) in err. */
int doc_font_check(char *err, size_t errlen);
/* Frees the font and image caches pango, cairo and fontconfig keep for the
 * process, once no thread draws any more (at exit: leak checkers see them
 * otherwise). */
void doc_shutdown(void);

#endif
