/* application_cert — the 奖励审核认定书 (reward certification) of an approved
 * reward application: what it shows, taken from the application as approved
 * (never recomputed), and where it is issued.
 *
 * The fields are those of the documents module's struct
 * doc_reward_certification (src/server/doc.h there), by the same names, so
 * that issuing it is a field-by-field copy: application_cert_issue is the
 * one call site that hands it to the renderer. */
#ifndef ANZHI_SERVER_APPLICATION_CERT_H
#define ANZHI_SERVER_APPLICATION_CERT_H

#include <jansson.h>
#include <stddef.h>

#include "core/policy.h"
#include "server/srv.h"
#include "server/store.h"

#define APPLICATION_CERT_TEXT 320

/* One counted person: the full name the unit registered, the ID number
 * masked as in lists, the certificate in words. */
struct application_cert_person {
	char name[96];
	char idno_masked[24];
	char certificate[64];             /* "精神四级", "残疾军人 5级" */
	unsigned months;                  /* bit m-1: month m counted */
	int months_confirmed;             /* months counted */
	int months_counted;               /* the same, weighted (安置核定) */
};

struct application_cert {
	char uscc[19];
	long staff;                       /* 上年度在职职工总数 (whole persons) */
	int year;
	char placed_persons[16];          /* 上年度安置残疾人数 */
	char ratio[16];                   /* "1.5%" */
	char required[24];                /* staff × ratio, exact */
	char excess[24];                  /* 超比例安置残疾人数 */
	long reward_persons;              /* ⌊excess⌋ */
	char multiple[8];                 /* "5" */
	char min_wage[24];                /* yuan */
	char amount[32];                  /* 超比例奖励金额, yuan */
	char bank_payee[APPLICATION_CERT_TEXT], bank_account[64], bank_name[APPLICATION_CERT_TEXT];
	struct application_cert_person *persons;   /* owned */
	size_t npersons;
};

/* The certificate of approved reward application a, with its PERSON[] as
 * stored; full names from the placements. 0, or -1 (store). */
int application_cert_fill(struct store *st, const struct policy *pol,
			  const struct application_row *a, const json_t *persons,
			  struct application_cert *out);
void application_cert_free(struct application_cert *c);

/* Issues the certificate as the sealed PDF and fills rp. The documents
 * module connects here: docs_unit() for the unit part, this struct for the
 * rest, doc_layout_reward_certification() + docs_issue(). Without it this
 * build answers 503 unavailable. */
void application_cert_issue(struct srv_req *rq, struct srv_reply *rp,
			    const struct application_row *a, const struct application_cert *c);

#endif
