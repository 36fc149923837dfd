/* seed_gen — see seed_gen.h. Every random choice is a hash of (index,
 * purpose): deterministic, and independent of the order things are made in. */
#include "server/seed_gen.h"

#include <stdlib.h>
#include <string.h>

#include "core/ident.h"
#include "server/seed_data.h"

/* splitmix64's finaliser: a well-mixed 64-bit value from any input. */
static uint64_t mix(uint64_t x)
{
	x += 0x9E3779B97F4A7C15ULL;
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
	x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
	return x ^ (x >> 31);
}

static unsigned pick(uint64_t key, unsigned salt, unsigned n)
{
	return (unsigned)(mix(key * 0x100000001B3ULL + salt) % n);
}

static const char *word(const struct seed_words *w, uint64_t key, unsigned salt)
{
	return w->w[pick(key, salt, (unsigned)w->n)];
}

/* ------------------------------------------------------------------ plan */

static int city_weight(const char *code)
{
	for (int i = 0; i < seed_city_weight_count; i++)
		if (strcmp(seed_city_weights[i].code, code) == 0)
			return seed_city_weights[i].weight;
	return 1;
}

static void plan_cities(struct seed *sd)
{
	const struct region_table *t = &sd->ctx->regions;
	for (size_t i = 0; i < t->n && sd->ncities < 16; i++) {
		if (t->rows[i].level != 2)
			continue;
		struct seed_city *c = &sd->cities[sd->ncities++];
		c->region = &t->rows[i];
		c->weight = city_weight(t->rows[i].code);
		sd->city_weight_total += c->weight;
		for (size_t j = 0; j < t->n && c->ncounties < 32; j++)
			if (strcmp(t->rows[j].parent, t->rows[i].code) == 0)
				c->counties[c->ncounties++] = &t->rows[j];
	}
}

/* A few large employers, a fifth medium, most small; the first the largest. */
static int unit_size(const struct seed *sd, int k, long left)
{
	long size;
	unsigned r = pick((uint64_t)k, 11, 1000);
	if (k == 0) {
		size = sd->n / 200;
		size = size < 7 ? 7 : size > 5000 ? 5000 : size;
	} else if (r < 10) {
		size = 200 + pick((uint64_t)k, 12, 2000);
	} else if (r < 200) {
		size = 20 + pick((uint64_t)k, 13, 180);
	} else {
		size = 1 + pick((uint64_t)k, 14, 20);
	}
	return (int)(size < left ? size : left);
}

int seed_plan(struct seed *sd)
{
	plan_cities(sd);
	if (sd->ncities == 0) {
		snprintf(sd->err, sd->errlen, "the region table has no 盟市");
		return -1;
	}
	size_t cap = 1024;
	sd->units = calloc(cap, sizeof *sd->units);
	for (long left = sd->n; left > 0 && sd->units; sd->nunits++) {
		if ((size_t)sd->nunits == cap) {
			struct seed_unit *nu = realloc(sd->units, 2 * cap * sizeof *nu);
			if (!nu)
				break;
			memset(nu + cap, 0, cap * sizeof *nu);
			sd->units = nu;
			cap *= 2;
		}
		struct seed_unit *u = &sd->units[sd->nunits];
		int w = (int)pick((uint64_t)sd->nunits, 21, (unsigned)sd->city_weight_total);
		while (w >= sd->cities[u->city].weight)
			w -= sd->cities[u->city++].weight;
		const struct seed_city *c = &sd->cities[u->city];
		const struct region *r = c->ncounties ? c->counties[pick((uint64_t)sd->nunits, 22,
				(unsigned)c->ncounties)] : c->region;
		snprintf(u->region, sizeof u->region, "%s", r->code);
		u->size = unit_size(sd, sd->nunits, left);
		u->institution = pick((uint64_t)sd->nunits, 23, 10) == 0;
		u->area_class = 1 + (int)pick((uint64_t)sd->nunits, 24, 3);
		left -= u->size;
	}
	/* the largest first: its unit user leads the accounts */
	for (int k = 1; k < sd->nunits && sd->units; k++)
		if (sd->units[k].size > sd->units[0].size) {
			struct seed_unit t = sd->units[0];
			sd->units[0] = sd->units[k];
			sd->units[k] = t;
		}
	for (sd->idno_cap = 1024; sd->idno_cap < (size_t)sd->n * 2; sd->idno_cap *= 2)
		;
	sd->idno_set = calloc(sd->idno_cap, sizeof *sd->idno_set);
	sd->people = calloc((size_t)sd->n, sizeof *sd->people);
	sd->facts = malloc(sizeof *sd->facts);
	if (!sd->units || !sd->idno_set || !sd->people || !sd->facts) {
		snprintf(sd->err, sd->errlen, "out of memory for %ld placements", sd->n);
		return -1;
	}
	return 0;
}

void seed_free(struct seed *sd)
{
	json_decref(sd->staff);
	free(sd->units);
	free(sd->idno_set);
	free(sd->people);
	free(sd->facts);
	free(sd);
}

/* GB 11714 organisation code: 8 digits and a check character. */
static void org_code(uint64_t k, char out[10])
{
	static const int w[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
	int sum = 0;
	snprintf(out, 10, "%08llu", (unsigned long long)((k * 7919 + 31415926) % 100000000));
	for (int i = 0; i < 8; i++)
		sum += (out[i] - '0') * w[i];
	int c = 11 - sum % 11;
	out[8] = c == 10 ? 'X' : c == 11 ? '0' : (char)('0' + c);
	out[9] = '\0';
}

int seed_unit_insert(struct seed *sd, struct seed_unit *u)
{
	int k = (int)(u - sd->units);
	char first17[18], uscc[19], org[10], name[200], phone[20], addr[300];
	const struct region *r = regions_find(&sd->ctx->regions, u->region);
	org_code((uint64_t)k, org);
	snprintf(first17, sizeof first17, "%s%s%.9s", u->institution ? "12" : "91", u->region, org);
	snprintf(uscc, sizeof uscc, "%s%c", first17, uscc_check_char(first17));
	snprintf(name, sizeof name, "%s%s%s", r->name, word(&seed_unit_words, (uint64_t)k, 31),
		 word(u->institution ? &seed_unit_kinds_institution : &seed_unit_kinds_enterprise,
		      (uint64_t)k, 32));
	snprintf(phone, sizeof phone, "0471-%07u", 1000000 + pick((uint64_t)k, 33, 8999999));
	snprintf(addr, sizeof addr, "内蒙古%s%s路%u号", r->name,
		 word(&seed_unit_words, (uint64_t)k, 34), 1 + pick((uint64_t)k, 35, 300));
	json_t *unit = json_pack(
		"{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:s,"
		" s:s, s:s, s:s, s:{s:s, s:s, s:s}, s:i}",
		"uscc", uscc, "name", name, "tax_no", uscc, "org_code", org, "kind",
		u->institution ? "institution" : "enterprise", "economic_type",
		u->institution ? "国有" : "私营", "industry",
		word(&seed_industries, (uint64_t)k, 36), "federation_region", u->region,
		"tax_region", u->region, "admin_region", u->region, "legal_name",
		word(&seed_surnames, (uint64_t)k, 37), "legal_idno", "", "legal_phone", "13804710000",
		"phone", phone, "staff_last_year", u->size * 40 + (int)pick((uint64_t)k, 38, 500),
		"contact_name", "经办人", "contact_phone", "13904711234", "business_address", addr,
		"registered_address", addr, "bank", "payee", name, "account", "6228480000000000001",
		"bank", "中国农业银行", "wage_area_class", u->area_class);
	int64_t id;
	int rc = store_unit_insert(sd->st, unit, &id);
	json_decref(unit);
	if (rc != STORE_OK || store_unit_ref_by_id(sd->st, id, &u->ref) != STORE_OK) {
		snprintf(sd->err, sd->errlen, "unit: %s", store_errmsg(sd->st));
		return -1;
	}
	return 0;
}

/* ---------------------------------------------------------------- persons */

/* Claims first17 as an ID number not handed out yet; 0 when it was free. */
static int idno_claim(struct seed *sd, const char *first17)
{
	uint64_t key = strtoull(first17, NULL, 10) + 1;
	size_t i = (size_t)(mix(key) & (sd->idno_cap - 1));
	while (sd->idno_set[i]) {
		if (sd->idno_set[i] == key)
			return -1;
		i = (i + 1) & (sd->idno_cap - 1);
	}
	sd->idno_set[i] = key;
	return 0;
}

/* Scenarios with their weight in a thousand: most months pass for most. */
static const struct {
	char code;
	int weight;
} scenarios[] = {
	{ '.', 700 }, { 'W', 60 }, { 'L', 30 }, { 'O', 40 }, { 'M', 40 },
	{ 'D', 30 },  { 'C', 20 }, { 'H', 30 }, { 'N', 20 }, { 'X', 30 },
};

/* The first persons (at the largest unit) show every status. */
static const char forced[][2] = { { '.', '.' }, { 'W', 'm' }, { 'D', 'm' }, { 'W', '.' },
				   { 'W', 'v' }, { 'O', 'i' }, { 'X', 'i' } };

static void person_scenario(long index, struct seed_person_detail *d)
{
	if (index < (long)(sizeof forced / sizeof forced[0])) {
		d->scenario = forced[index][0];
		d->review = forced[index][1];
		return;
	}
	int w = (int)pick((uint64_t)index, 41, 1000);
	size_t s = 0;
	while (w >= scenarios[s].weight)
		w -= scenarios[s++].weight;
	d->scenario = scenarios[s].code;
	unsigned r = pick((uint64_t)index, 42, 100);
	d->review = strchr(".HN", d->scenario) ? '.' : r < 40 ? 'm' : r < 65 ? 'v' : r < 80 ? 'i'
												     : '.';
}

void seed_person_make(struct seed *sd, long index, const struct seed_unit *u,
		      const char *idno, struct seed_person_detail *d)
{
	uint64_t key = (uint64_t)index;
	memset(d, 0, sizeof *d);
	d->year = sd->year;
	person_scenario(index, d);
	d->male = pick(key, 51, 100) < 58;
	/* men 18–57, women 18–47 (retire_group female50): of working age all year */
	int age = 18 + (int)pick(key, 52, d->male ? 40 : 30);
	int month = 1 + (int)pick(key, 53, 12), day = 1 + (int)pick(key, 54, 28);
	char text[64];
	snprintf(text, sizeof text, "%04d-%02d-%02d", sd->year - age, month, day);
	snprintf(d->birth, sizeof d->birth, "%.10s", text);
	if (pick(key, 55, 100) < 8)
		snprintf(d->name, sizeof d->name, "%s", word(&seed_mongolian, key, 56));
	else
		snprintf(d->name, sizeof d->name, "%s%s%s", word(&seed_surnames, key, 57),
			 word(&seed_given, key, 58), pick(key, 59, 3) ? word(&seed_given, key, 60) : "");
	static const int categories[] = { 4, 4, 4, 4, 2, 2, 1, 3, 5, 6, 7 };
	d->category = categories[pick(key, 61, sizeof categories / sizeof categories[0])];
	d->level = 1 + (int)pick(key, 62, 4);
	d->months = d->scenario == 'H' ? 6 : d->scenario == 'N' ? 0 : 12;
	d->wage_fen = (300000 + (int64_t)pick(key, 63, 300000)) / 100 * 100;
	snprintf(text, sizeof text, "%04d-%02u-%02u %02u:%02u:%02u", sd->year + 1,
		 1 + pick(key, 64, 3), 1 + pick(key, 65, 28), 8 + pick(key, 66, 10), pick(key, 67, 60),
		 pick(key, 68, 60));
	snprintf(d->submitted_at, sizeof d->submitted_at, "%.19s", text);
	if (idno) {
		snprintf(d->idno, sizeof d->idno, "%s", idno);
		return;
	}
	/* The unit's region and the birth date; the sequence's parity is the
	 * gender; the next free sequence when taken. */
	char first17[18];
	int seq = 2 * (int)pick(key, 69, 490) + (d->male ? 1 : 0);
	for (;; seq = (seq + 2) % 1000) {
		snprintf(first17, sizeof first17, "%s%.4s%.2s%.2s%03d", u->region, d->birth,
			 d->birth + 5, d->birth + 8, seq);
		if (idno_claim(sd, first17) == 0)
			break;
	}
	snprintf(d->idno, sizeof d->idno, "%s%c", first17, idno_check_char(first17));
}

json_t *seed_person_json(const struct seed_person_detail *d, int registry)
{
	static const char *const edu[] = { "junior", "senior", "vocational", "college", "primary",
					   "bachelor" };
	char phone[16], addr[120], region[7];
	unsigned k = (unsigned)strtoul(d->idno + 10, NULL, 10);
	snprintf(region, sizeof region, "%.6s", d->idno);
	snprintf(phone, sizeof phone, "13%09u", k % 1000000000u);
	snprintf(addr, sizeof addr, "内蒙古自治区%s第%u街坊%u号", region, k % 40 + 1, k % 97 + 1);
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "idno", d->idno, "name",
			      d->name, "gender", d->male ? "male" : "female", "birth", d->birth,
			      "hukou_type", k % 3 ? "urban" : "rural", "hukou_region", region,
			      "hukou_address", addr, "phone", phone, "education", edu[k % 6]);
	if (!registry) {
		json_object_set_new(o, "guardian_name", json_string(""));
		json_object_set_new(o, "guardian_phone", json_string(""));
		json_object_set_new(o, "graduate", json_boolean(edu[k % 6][0] == 'b'));
		json_object_set_new(o, "retire_group", json_string(d->male ? "male" : "female50"));
	}
	return o;
}

json_t *seed_contract_json(const struct seed *sd, const struct seed_person_detail *d,
			   const struct seed_unit *u)
{
	char start[16], end[16], wage[24];
	unsigned k = (unsigned)strtoul(d->idno + 12, NULL, 10);
	const char *type = u->institution ? "establishment" : k % 3 ? "open_ended" : "fixed";
	snprintf(start, sizeof start, "%d-%02u-01", sd->year - 1 - (int)(k % 5), 1 + k % 12);
	snprintf(end, sizeof end, "%d-12-31", sd->year + 1 + (int)(k % 3));
	snprintf(wage, sizeof wage, "%lld.00", (long long)(d->wage_fen / 100));
	int dispatch = d->scenario == 'D';
	return json_pack("[{s:i, s:b, s:s, s:s, s:s, s:o, s:s, s:s, s:o, s:n, s:n}]", "id", 1,
			 "dispatch", dispatch, "relation", "own", "type", type, "start", start,
			 "end", strcmp(type, "fixed") ? json_null() : json_string(end), "post",
			 word(&seed_posts, k, 71), "monthly_wage", wage, "dispatch_agency",
			 dispatch ? json_string("内蒙古众信人力资源服务有限公司") : json_null(),
			 "si_unit", "mi_unit");
}

json_t *seed_cert_json(const struct seed_person_detail *d)
{
	char number[24], from[16], to[16];
	unsigned k = (unsigned)strtoul(d->idno + 12, NULL, 10);
	snprintf(number, sizeof number, "%s%d%d", d->idno, d->category, d->level);
	snprintf(from, sizeof from, "%d-%02u-%02u", 2015 + (int)(k % 8), 1 + k % 12, 1 + k % 28);
	/* 'C': the certificate ends in the middle of the business year */
	if (d->scenario == 'C')
		snprintf(to, sizeof to, "%d-06-30", d->year);
	else
		snprintf(to, sizeof to, "%d-12-31", 2030 + (int)(k % 5));
	return json_pack("{s:i, s:s, s:s, s:s, s:s, s:i, s:i}", "id", 1, "number", number, "type",
			 "disability", "valid_from", from, "valid_to", to, "level", d->level,
			 "category", d->category);
}

/* The registry rows of d's business year, each handed to fn. */
static int payments(struct seed *sd, const struct seed_person_detail *d, const struct seed_unit *u,
		    int (*fn)(void *arg, const struct registry_payment *p), void *arg)
{
	const char *other = sd->units[((u - sd->units) + 1) % sd->nunits].ref.uscc;
	char sc = d->scenario;
	_Static_assert(sizeof u->ref.uscc == sizeof ((struct registry_payment *)0)->payer,
		       "USCCs copy whole");
	for (int m = 1; m <= 12; m++) {
		struct registry_payment p = { .ym = sd->year * 100 + m };
		int wage = !(sc == 'W' && m >= 7 && m <= 9) && sc != 'X';
		p.source = SOURCE_WAGES;
		p.fen = sc == 'L' && m <= 3 ? 120000 : d->wage_fen;
		p.import_id = sd->imp[SOURCE_WAGES];
		memcpy(p.payer, u->ref.uscc, sizeof p.payer);
		if (wage && fn(arg, &p) != 0)
			return -1;
		p.source = SOURCE_SOCIAL;
		p.fen = 0;
		p.import_id = sd->imp[SOURCE_SOCIAL];
		memcpy(p.payer, sc == 'O' && m <= 6 ? other : u->ref.uscc, sizeof p.payer);
		if (fn(arg, &p) != 0)
			return -1;
		p.source = SOURCE_MEDICAL;
		p.import_id = sd->imp[SOURCE_MEDICAL];
		memcpy(p.payer, u->ref.uscc, sizeof p.payer);
		if (!(sc == 'M' && m >= 10) && fn(arg, &p) != 0)
			return -1;
	}
	return 0;
}

static int fact_row(void *arg, const struct registry_payment *p)
{
	eval_facts_add_payment(arg, p->source, p->ym, p->payer, p->fen, p->import_id);
	return 0;
}

void seed_facts(struct seed *sd, const struct seed_person_detail *d, const struct seed_unit *u,
		const struct placement *p, struct eval_facts *f)
{
	char err[80];
	static const char *const names[SOURCE__COUNT] = { "wages", "social", "medical" };
	eval_facts_from_placement(sd->ctx, p, u->area_class, f, err, sizeof err);
	payments(sd, d, u, fact_row, f);
	for (int s = 0; s < SOURCE__COUNT; s++) {
		f->labels[s].id = sd->imp[s];
		snprintf(f->labels[s].label, sizeof f->labels[s].label, "%s %d-12-31", names[s],
			 sd->year);
	}
	f->n_labels = SOURCE__COUNT;
}

struct row_sink {
	struct seed *sd;
	struct registry_payment rows[3 * 12];
	int n;
};

static int collect_row(void *arg, const struct registry_payment *p)
{
	struct row_sink *k = arg;
	k->rows[k->n++] = *p;
	k->sd->rows[p->source]++;
	return 0;
}

int seed_registry_person(struct seed *sd, const struct seed_person_detail *d,
			 const struct seed_unit *u)
{
	struct row_sink sink = { .sd = sd };
	json_t *person = seed_person_json(d, 1), *cert = seed_cert_json(d);
	payments(sd, d, u, collect_row, &sink);
	int rc = store_registry_person_put(sd->st, person, sd->imp_persons) == STORE_OK &&
			 store_bulk_registry_cert(sd->st, d->idno, cert, sd->imp_persons) == STORE_OK &&
			 store_bulk_payments(sd->st, d->idno, sink.rows, sink.n) == STORE_OK ? 0 : -1;
	json_decref(person);
	json_decref(cert);
	if (rc != 0)
		snprintf(sd->err, sd->errlen, "registry: %s", store_errmsg(sd->st));
	return rc;
}
