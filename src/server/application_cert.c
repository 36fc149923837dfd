/* application_cert — see application_cert.h. */
#include "server/application_cert.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "server/docs.h"

/* A bounded copy (the certificate's fields are as short as the form's). */
static void copy(char *dst, size_t size, const char *src)
{
	size_t n = strnlen(src, size - 1);
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static const char *sget(const json_t *o, const char *k)
{
	const char *v = json_string_value(json_object_get(o, k));
	return v ? v : "";
}

/* "精神四级" (残疾人证: category and level), "残疾军人 5级" (残疾军人证). */
static void certificate_words(const json_t *cert, char *buf, size_t size)
{
	static const char *const categories[] = { "", "视力", "听力", "言语", "肢体",
						   "智力", "精神", "多重" };
	static const char *const levels[] = { "", "一级", "二级", "三级", "四级" };
	json_int_t cat = json_integer_value(json_object_get(cert, "category"));
	json_int_t level = json_integer_value(json_object_get(cert, "level"));
	buf[0] = '\0';
	if (strcmp(sget(cert, "type"), "veteran") == 0)
		snprintf(buf, size, "残疾军人 %lld级", (long long)level);
	else if (cat >= 1 && cat <= 7 && level >= 1 && level <= 4)
		snprintf(buf, size, "%s%s", categories[cat], levels[level]);
}

/* One counted PERSON with its placement's name and certificate. */
static int person(struct store *st, const json_t *in, struct doc_person *out)
{
	struct placement p;
	size_t i;
	json_t *m;
	memset(out, 0, sizeof *out);
	if (store_placement_load(st, json_integer_value(json_object_get(in, "placement_id")), &p) !=
	    STORE_OK)
		return -1;
	copy(out->name, sizeof out->name, sget(p.person, "name"));
	copy(out->idno_masked, sizeof out->idno_masked, sget(in, "idno_masked"));
	certificate_words(json_array_get(p.certificates, 0), out->certificate,
			  sizeof out->certificate);
	placement_free(&p);
	json_array_foreach(json_object_get(in, "months"), i, m) {
		int month = atoi(sget(m, "month") + 4);
		if (!json_is_true(json_object_get(m, "counted")) || month < 1 || month > 12)
			continue;
		out->months |= 1u << (month - 1);
		out->months_confirmed++;
		out->months_counted += (int)json_integer_value(json_object_get(m, "weight"));
	}
	return 0;
}

int application_cert_fill(struct srv_ctx *ctx, struct store *st, const struct application_row *a,
			  const json_t *persons, struct application_cert *out)
{
	struct doc_reward_certification *d = &out->doc;
	struct dec pct;
	size_t i;
	json_t *p;
	memset(out, 0, sizeof *out);
	if (docs_unit(ctx, st, a->uscc, &d->unit) != 0)
		return -1;
	d->unit.staff = atol(a->staff);
	d->year = a->year;
	copy(d->placed_persons, sizeof d->placed_persons, a->placed);
	if (dec_mul(ctx->policy.quota, dec_int(100), &pct) &&
	    dec_format(pct, 1, ROUND_HALF_UP, d->ratio, sizeof d->ratio - 1))
		strcat(d->ratio, "%");
	copy(d->required, sizeof d->required, a->required);
	copy(d->excess, sizeof d->excess, a->excess);
	d->reward_persons = atol(a->persons_rewarded);
	copy(d->multiple, sizeof d->multiple, a->multiplier);
	money_format_fen(a->min_wage_fen, d->min_wage, sizeof d->min_wage);
	money_format_fen(a->amount_fen, d->amount, sizeof d->amount);
	copy(d->bank_payee, sizeof d->bank_payee, a->bank_payee);
	copy(d->bank_account, sizeof d->bank_account, a->bank_account);
	copy(d->bank_name, sizeof d->bank_name, a->bank_name);
	out->persons = calloc(json_array_size(persons) + 1, sizeof *out->persons);
	if (!out->persons)
		return -1;
	json_array_foreach(persons, i, p) {
		if (!json_is_true(json_object_get(p, "counted")))
			continue;
		if (person(st, p, &out->persons[d->npersons]) != 0) {
			application_cert_free(out);
			return -1;
		}
		d->npersons++;
	}
	d->persons = out->persons;
	return 0;
}

void application_cert_free(struct application_cert *c)
{
	free(c->persons);
	c->persons = NULL;
	c->doc.persons = NULL;
	c->doc.npersons = 0;
}

void application_cert_issue(struct srv_req *rq, struct srv_reply *rp,
			    const struct application_row *a, struct application_cert *c)
{
	struct unit_ref u;
	if (store_unit_ref_by_id(rq->st, a->unit_id, &u) != STORE_OK) {
		srv_problem(rp, 500, "internal", NULL, "could not read the unit");
		return;
	}
	docs_reply(rq, rp, &u, a->year, doc_layout_reward_certification(&c->doc));
}
