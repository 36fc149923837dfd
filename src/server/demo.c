/* demo — seeds an empty store with a deterministic demo (tables in
 * demo_data.c): units, registry people with certificates, wage and insurance
 * records that make checks pass in some months and fail in others, this
 * year's and last year's placements in every status, notices and accounts.
 * The reward can be walked on last year: 兴和宏达's declaration passed with
 * 8.00 placed for 120 staff (excess 6.20: 6 × 5 × the minimum wage), its
 * graduate 曾宪文 has his 学位学历 on file; 草原绿能 has applied already
 * (awaiting the first review); 北方福康 is at the quota's edge (excess 0.10,
 * not eligible); 集宁福利院 is a 公益一类 institution (excluded).
 * Writes DIR/demo-accounts.json:
 *   {"year":Y,"password":…,"accounts":[{"username","password","role","unit"|"region"}],
 *    "addable_unit":USCC,"addable_idnos":[…]}                                  */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/ident.h"
#include "server/app.h"
#include "server/application.h"
#include "server/auth.h"
#include "server/demo_data.h"
#include "server/demo_scan.h"
#include "server/eval.h"
#include "server/materials.h"
#include "server/records.h"
#include "server/store.h"

struct demo {
	struct srv_ctx *ctx;
	struct store *st;
	int year;
	char uscc[8][19];            /* demo_unit_count of them */
	struct unit_ref unit[8];
	int64_t imp[SOURCE__COUNT], imp_persons;
	int64_t reviewer_id;
	char reviewer_name[96];
	char png_digest[MATERIAL__COUNT][65];   /* the page of each kind (demo_scan) */
	long png_size[MATERIAL__COUNT];
	char *err;
	size_t errlen;
};

static int failf(struct demo *d, const char *what)
{
	snprintf(d->err, d->errlen, "%s: %s", what, store_errmsg(d->st));
	return -1;
}

static void person_idno(int i, char out[19])
{
	const struct demo_person *p = &demo_persons[i];
	char first[32];
	int seq = 101 + 2 * i + (p->gender == 'f'); /* odd = male */
	snprintf(first, sizeof first, "%.6s%.8s%03d", p->county, p->birth, seq % 1000);
	first[17] = '\0';
	snprintf(out, 19, "%.17s%c", first, idno_check_char(first));
}

static void person_certno(int i, char out[24])
{
	char idno[19];
	person_idno(i, idno);
	snprintf(out, 24, "%s%d%d%s", idno, demo_persons[i].category, demo_persons[i].level,
		 i % 7 == 3 ? "B1" : "");
}

static json_t *cert_json(const struct demo *d, int i)
{
	char no[24], to[32];
	const struct demo_person *p = &demo_persons[i];
	person_certno(i, no);
	if (p->scenario == 'C')
		snprintf(to, sizeof to, "%d-06-30", d->year);
	else
		snprintf(to, sizeof to, "%d-12-31", 2028 + i % 5);
	return json_pack("{s:i, s:s, s:s, s:s, s:s, s:i, s:i}", "id", 1, "number", no, "type",
			 "disability", "valid_from", i % 2 ? "2016-05-10" : "2019-09-02",
			 "valid_to", to, "level", p->level, "category", p->category);
}

/* Every sixth person is a 高校毕业生. */
static int is_graduate(int i)
{
	return i % 6 == 5;
}

static json_t *person_json(const struct demo *d, int i, int registry)
{
	static const char *const edu[] = { "junior", "senior", "vocational", "college", "primary",
					   "bachelor" };
	const struct demo_person *p = &demo_persons[i];
	char idno[19], born[11], phone[16], addr[160];
	person_idno(i, idno);
	snprintf(born, sizeof born, "%.4s-%.2s-%.2s", p->birth, p->birth + 4, p->birth + 6);
	snprintf(phone, sizeof phone, "139%08d", 47010000 + i * 137);
	snprintf(addr, sizeof addr, "内蒙古自治区%s第%d街坊%d号", p->county[3] == '9' ? "乌兰察布市"
				   : p->county[3] == '2' ? "包头市" : "呼和浩特市", i % 9 + 1, i + 3);
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "idno", idno, "name",
			      p->name, "gender", p->gender == 'm' ? "male" : "female", "birth", born,
			      "hukou_type", i % 3 ? "urban" : "rural", "hukou_region", p->county,
			      "hukou_address", addr, "phone", phone, "education", edu[i % 6]);
	if (!registry) {
		json_object_set_new(o, "guardian_name", json_string(""));
		json_object_set_new(o, "guardian_phone", json_string(""));
		json_object_set_new(o, "graduate", json_boolean(is_graduate(i)));
		/* Women born before 1976 are recorded as cadres (55): with 50 most
		 * of them would already be past retirement age. */
		json_object_set_new(o, "retire_group",
				    json_string(p->gender == 'm'		     ? "male"
						: strncmp(p->birth, "1976", 4) < 0 ? "female55"
										   : "female50"));
	}
	return o;
}

static json_t *contract_json(const struct demo *d, int i, int unit)
{
	const struct demo_person *p = &demo_persons[i];
	char start[32], end[32], wage[32];
	int institution = strcmp(demo_units[unit].kind, "institution") == 0;
	snprintf(start, sizeof start, "%d-%02d-01", d->year - 2 - i % 4, 1 + i % 12);
	snprintf(end, sizeof end, "%d-12-31", d->year + 1 + i % 3);
	snprintf(wage, sizeof wage, "%d.00", 3200 + i * 10);
	const char *type = institution ? "establishment" : i % 3 == 2 ? "open_ended" : "fixed";
	int open = strcmp(type, "fixed") != 0;
	return json_pack("{s:i, s:b, s:s, s:s, s:s, s:o, s:s, s:s, s:o, s:n, s:n}", "id", 1,
			 "dispatch", p->scenario == 'D', "relation", "own", "type", type, "start",
			 start, "end", open ? json_null() : json_string(end), "post",
			 i % 2 ? "装配工" : "库房管理员", "monthly_wage", wage, "dispatch_agency",
			 p->scenario == 'D' ? json_string("内蒙古众信人力资源服务有限公司")
					    : json_null(),
			 "si_unit", "mi_unit");
}

static int pay(struct demo *d, const char *idno, enum registry_source src, int ym,
	       const char *payer, int64_t fen)
{
	struct registry_payment p = { .source = src, .ym = ym, .fen = fen,
				      .import_id = d->imp[src] };
	snprintf(p.payer, sizeof p.payer, "%s", payer);
	if (store_registry_payment_add(d->st, &p, idno, 0) != STORE_OK)
		return failf(d, "registry payment");
	return 0;
}

/* Registry rows of one person for one year, paid by the unit `payer`. */
static int payments(struct demo *d, int i, int year, int payer, int scenario_applies)
{
	char idno[19];
	const struct demo_person *p = &demo_persons[i];
	char sc = scenario_applies ? p->scenario : '.';
	int addable = p->unit < 0 && p->last_year_unit < 0;
	const char *own = d->uscc[payer];
	const char *other = d->uscc[(payer + 1) % demo_unit_count];
	person_idno(i, idno);
	for (int m = 1; m <= 12; m++) {
		int ym = year * 100 + m;
		int wage = !(sc == 'W' && m >= 7 && m <= 9) && !(sc == 'H' && m > 6) &&
			   !(addable && m > 8);
		int64_t fen = (sc == 'L' && m <= 3) ? 120000 : (int64_t)(3200 + i * 10) * 100;
		if ((wage && pay(d, idno, SOURCE_WAGES, ym, own, fen) != 0) ||
		    (!(addable && m > 10) &&
		     pay(d, idno, SOURCE_SOCIAL, ym, sc == 'O' && m <= 6 ? other : own, 0) != 0) ||
		    (!(sc == 'M' && m >= 10) && pay(d, idno, SOURCE_MEDICAL, ym, own, 0) != 0))
			return -1;
	}
	return 0;
}

static int add_material(struct demo *d, const struct placement *p, enum material_kind kind,
			const char *at)
{
	int64_t mid;
	char name[64];
	snprintf(name, sizeof name, "%s-证明.png", checks_material_name(kind));
	json_t *m = json_pack("{s:s, s:s, s:I, s:s, s:s, s:s}", "kind", checks_material_name(kind),
			      "filename", name, "size", (json_int_t)d->png_size[kind],
			      "content_type", "image/png", "digest", d->png_digest[kind],
			      "uploaded_at", at);
	int rc = store_material_add(d->st, p->id, m, &mid);
	json_decref(m);
	return rc == STORE_OK ? 0 : failf(d, "material");
}

static int save(struct demo *d, struct placement *p, int unit, int reset)
{
	char err[160];
	const struct unit_ref *u = &d->unit[unit];
	if (eval_placement(d->ctx, d->st, p, u->wage_area_class, reset, err, sizeof err) != 0) {
		snprintf(d->err, d->errlen, "checks: %s", err);
		return -1;
	}
	int rc = p->id ? store_placement_save(d->st, p) : store_placement_insert(d->st, p, u);
	return rc == STORE_OK ? 0 : failf(d, "placement");
}

/* Reviewer decisions on the months and items awaiting one, or (all) on every
 * registered month. */
static void decide(struct demo *d, struct placement *p, enum month_decision result, int all)
{
	struct review_mark by;
	char at[40];
	snprintf(at, sizeof at, "%d-02-10 10:30:00", d->year + 1);
	review_mark_set(&by, d->reviewer_id, d->reviewer_name, at,
			result == MONTH_DECISION_INVALID ? "缴费凭证显示由其他单位缴纳" : NULL);
	for (int i = 0; all && i < p->n_months; i++)
		p->months[i].result = MONTH_DECISION_PENDING;
	placement_decide_pending(p, result, &by);
}

static int place(struct demo *d, int i, int unit, int year, int this_year)
{
	const struct demo_person *p = &demo_persons[i];
	char at[40];
	int yms[12], nmonths = !this_year ? 12 : p->scenario == 'H' ? 6 : p->scenario == 'N' ? 0 : 12;
	struct placement pl;
	placement_init(&pl);
	snprintf(at, sizeof at, "%d-01-15 09:%02d:00", this_year ? d->year + 1 : d->year,
		 10 + i % 40);
	for (int m = 1; m <= nmonths; m++)
		yms[m - 1] = year * 100 + m;
	pl.year = year;
	pl.unit_id = d->unit[unit].id;
	snprintf(pl.uscc, sizeof pl.uscc, "%s", d->uscc[unit]);
	snprintf(pl.submitted_at, sizeof pl.submitted_at, "%.19s", at);
	pl.person = person_json(d, i, 0);
	pl.contracts = json_pack("[o]", contract_json(d, i, unit));
	pl.certificates = json_pack("[o]", cert_json(d, i));
	pl.details_dirty = 1;
	placement_set_months(&pl, yms, nmonths);
	int rc = save(d, &pl, unit, 1);
	char r = this_year ? p->review : '.';
	/* 兴和宏达's graduates of last year have their 学位学历 on file */
	if (rc == 0 && !this_year && unit == 0 && is_graduate(i) &&
	    (rc = add_material(d, &pl, MATERIAL_DEGREE, at)) == 0)
		rc = save(d, &pl, unit, 0);
	if (rc == 0 && r != '.') {
		for (int k = 0; k < MATERIAL__COUNT && rc == 0; k++)
			if (pl.needs & (1u << k))
				rc = add_material(d, &pl, (enum material_kind)k, at);
		if (rc == 0)
			rc = save(d, &pl, unit, 0);
		if (rc == 0 && (r == 'v' || r == 'i' || r == 'x')) {
			decide(d, &pl, r == 'v' ? MONTH_DECISION_VALID : MONTH_DECISION_INVALID, r == 'x');
			rc = save(d, &pl, unit, 0);
		}
	}
	placement_free(&pl);
	return rc;
}

/* One page per material kind, stored as an upload would be (a blob by its
 * digest), in the seed's transaction. */
static int put_pngs(struct demo *d)
{
	for (int k = 0; k < MATERIAL__COUNT; k++) {
		unsigned char *png;
		size_t len;
		if (demo_scan_png((enum material_kind)k, &png, &len) != 0) {
			snprintf(d->err, d->errlen, "cannot draw the demo's %s page",
				 checks_material_name((enum material_kind)k));
			return -1;
		}
		int64_t size;
		int rc = materials_put_png(d->st, png, len, d->png_digest[k], &size);
		free(png);
		if (rc != 0)
			return failf(d, "material page");
		d->png_size[k] = (long)size;
	}
	return 0;
}

static int seed_units(struct demo *d)
{
	for (int u = 0; u < demo_unit_count; u++) {
		const struct demo_unit *du = &demo_units[u];
		char tax[24], org[12], phone[16];
		snprintf(d->uscc[u], sizeof d->uscc[u], "%s%c", du->first17,
			 uscc_check_char(du->first17));
		snprintf(tax, sizeof tax, "%s", d->uscc[u]);
		snprintf(org, sizeof org, "%.8s-%c", d->uscc[u] + 8, d->uscc[u][16]);
		snprintf(phone, sizeof phone, "0474-%07d", 5210000 + u * 1111);
		json_t *unit = json_pack(
			"{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s,"
			" s:i, s:s, s:s, s:s, s:s, s:{s:s, s:s, s:s}, s:i, s:s}",
			"uscc", d->uscc[u], "name", du->name, "tax_no", tax, "org_code", org, "kind",
			du->kind, "economic_type", u == 3 ? "国有" : "私营", "industry", du->industry,
			"federation_region", du->region, "tax_region", du->region, "admin_region",
			du->region, "legal_name", du->legal_name, "legal_idno", "", "legal_phone",
			"13804740000", "phone", phone, "staff_last_year", du->staff, "contact_name",
			"经办人", "contact_phone", "13904741234", "business_address", du->address,
			"registered_address", du->address, "bank", "payee", du->name, "account",
			"6228480000000000001", "bank", "中国农业银行", "wage_area_class", 1,
			"wages_last_year", du->wages_last_year);
		if (du->institution_category)
			json_object_set_new(unit, "institution_category",
					    json_string(du->institution_category));
		int64_t id;
		int rc = store_unit_insert(d->st, unit, &id);
		json_decref(unit);
		if (rc != STORE_OK || store_unit_ref_by_id(d->st, id, &d->unit[u]) != STORE_OK)
			return failf(d, "unit");
		for (int k = 0; k < 2; k++) {
			enum declaration_status status = wire_declaration_parse(
				k ? du->status_last_year : du->status_this_year);
			char sub[40], rev[40];
			snprintf(sub, sizeof sub, "%d-03-20 15:%02d:00", d->year + 1 - k, u);
			snprintf(rev, sizeof rev, "%d-04-08 11:%02d:00", d->year + 1 - k, u);
			if (status != DECLARATION_OPEN &&
			    store_year_set_status(d->st, d->unit[u].id, d->year - k, status, sub,
						  wire_declaration_passed(status) ? rev : NULL,
						  NULL) != STORE_OK)
				return failf(d, "declaration");
		}
	}
	return 0;
}

static int seed_people(struct demo *d)
{
	char label[32];
	snprintf(label, sizeof label, "%d-12-31", d->year);
	if (store_import_add(d->st, "persons", label, "demo", demo_person_count, &d->imp_persons) ||
	    store_import_add(d->st, "wages", label, "demo", 0, &d->imp[SOURCE_WAGES]) ||
	    store_import_add(d->st, "social", label, "demo", 0, &d->imp[SOURCE_SOCIAL]) ||
	    store_import_add(d->st, "medical", label, "demo", 0, &d->imp[SOURCE_MEDICAL]))
		return failf(d, "imports");
	for (int i = 0; i < demo_person_count; i++) {
		const struct demo_person *p = &demo_persons[i];
		char idno[19];
		json_t *rp = person_json(d, i, 1), *cert = cert_json(d, i);
		person_idno(i, idno);
		int rc = store_registry_person_put(d->st, rp, d->imp_persons);
		if (rc == STORE_OK)
			rc = store_registry_cert_put(d->st, idno, cert, d->imp_persons);
		json_decref(rp);
		json_decref(cert);
		if (rc != STORE_OK)
			return failf(d, "registry person");
		int payer = p->unit >= 0 ? p->unit : p->last_year_unit >= 0 ? p->last_year_unit : 0;
		if (payments(d, i, d->year, payer, 1) != 0)
			return -1;
		if (p->last_year_unit >= 0 && payments(d, i, d->year - 1, p->last_year_unit, 0) != 0)
			return -1;
	}
	/* Last year first: this year's exclusive check looks at other units. */
	for (int i = 0; i < demo_person_count; i++)
		if (demo_persons[i].last_year_unit >= 0 &&
		    place(d, i, demo_persons[i].last_year_unit, d->year - 1, 0) != 0)
			return -1;
	for (int i = 0; i < demo_person_count; i++)
		if (demo_persons[i].unit >= 0 && place(d, i, demo_persons[i].unit, d->year, 1) != 0)
			return -1;
	/* 杨海军 is confirmed at 兴和宏达; 集宁福利院 registers him too: its
	 * months fail "no other unit has the month confirmed". */
	return place(d, 7, 3, d->year, 1);
}

/* 草原绿能 applied for last year's reward: it awaits the first review. */
static int seed_applications(struct demo *d)
{
	struct srv_user by;
	struct application_calc c;
	struct application_row row;
	char err[200];
	const int unit = 1;
	json_t *u = store_unit_get(d->st, d->uscc[unit]);
	if (!u || store_user_by_name(d->st, "caoyuan", &by, NULL, 0) != STORE_OK) {
		json_decref(u);
		return failf(d, "application");
	}
	int rc = application_calc_run(d->ctx, d->st, &d->unit[unit], APPLICATION_REWARD, d->year - 1,
				      dec_int(demo_units[unit].staff), &c, err, sizeof err);
	if (rc == 0) {
		rc = application_store(d->st, &d->ctx->policy, &d->unit[unit], d->year - 1, &c,
				       json_object_get(u, "bank"), CHANNEL_ONLINE, &by, &row);
		application_calc_free(&c);
		if (rc != STORE_OK)
			snprintf(err, sizeof err, "%s", store_errmsg(d->st));
	}
	json_decref(u);
	if (rc != 0)
		snprintf(d->err, d->errlen, "application: %s", err);
	return rc;
}

static int seed_notices(struct demo *d)
{
	char title[160], body[400], at[40], months[200] = "";
	for (int m = 1; m <= 12; m++)
		snprintf(months + strlen(months), sizeof months - strlen(months), "%s%d%02d",
			 m > 1 ? "," : "", d->year, m);
	snprintf(at, sizeof at, "%d-02-10 10:31:00", d->year + 1);
	snprintf(body, sizeof body, "贵单位安置人员“施嵘”资料审核已完成，有效月份为%s", months);
	if (store_notice_add(d->st, d->uscc[0], "安置人员“施嵘”资料审核完成通知", body, at, NULL))
		return failf(d, "notice");
	snprintf(title, sizeof title, "关于开展%d年度全国残疾人按比例就业情况联网认证工作的通知",
		 d->year);
	snprintf(body, sizeof body,
		 "各用人单位：%d年度按比例安排残疾人就业联网认证工作现已开始，请于%d年6月30日前"
		 "登录系统完成安置登记并上传相关资料。",
		 d->year, d->year + 1);
	snprintf(at, sizeof at, "%d-01-05 09:00:00", d->year + 1);
	if (store_notice_add(d->st, NULL, title, body, at, NULL))
		return failf(d, "notice");
	snprintf(title, sizeof title, "%d年度年审认证审核通过", d->year - 1);
	snprintf(body, sizeof body, "年审认证审核通过! 您可下载%d年度审核认定书。", d->year - 1);
	snprintf(at, sizeof at, "%d-04-08 11:00:00", d->year);
	if (store_notice_add(d->st, d->uscc[0], title, body, at, NULL))
		return failf(d, "notice");
	return 0;
}

static int seed_accounts(struct demo *d, FILE *out)
{
	char hash[crypto_pwhash_STRBYTES], path[1200];
	json_t *accounts = json_array(), *addable = json_array();
	/* One hash for the shared demo password keeps start-up quick. */
	if (auth_hash_password(demo_password, hash) != 0) {
		snprintf(d->err, d->errlen, "out of memory hashing");
		return -1;
	}
	for (int a = 0; a < demo_account_count; a++) {
		const struct demo_account *da = &demo_accounts[a];
		struct srv_user u = { 0 };
		snprintf(u.username, sizeof u.username, "%s", da->username);
		snprintf(u.display_name, sizeof u.display_name, "%s", da->display_name);
		snprintf(u.role, sizeof u.role, "%s", da->role);
		if (da->unit >= 0)
			snprintf(u.unit, sizeof u.unit, "%s", d->uscc[da->unit]);
		if (da->region)
			snprintf(u.region, sizeof u.region, "%s", da->region);
		struct srv_user added;
		if (store_user_add(d->st, &u, hash) != STORE_OK ||
		    store_user_by_name(d->st, u.username, &added, NULL, 0) != STORE_OK)
			return failf(d, "account");
		if (strcmp(u.username, "reviewer") == 0) {
			d->reviewer_id = added.id;
			snprintf(d->reviewer_name, sizeof d->reviewer_name, "%s", u.display_name);
		}
		json_t *o = json_pack("{s:s, s:s, s:s}", "username", u.username, "password",
				      demo_password, "role", u.role);
		if (u.unit[0])
			json_object_set_new(o, "unit", json_string(u.unit));
		if (u.region[0])
			json_object_set_new(o, "region", json_string(u.region));
		json_array_append_new(accounts, o);
		fprintf(out, "demo account %-13s password %s  %-10s %s\n", u.username, demo_password,
			u.role, u.unit[0] ? u.unit : u.region[0] ? u.region : "");
	}
	for (int i = 0; i < demo_person_count; i++)
		if (demo_persons[i].unit < 0 && demo_persons[i].last_year_unit < 0) {
			char idno[19];
			person_idno(i, idno);
			json_array_append_new(addable, json_string(idno));
		}
	json_t *doc = json_pack("{s:i, s:s, s:o, s:s, s:o}", "year", d->year, "password",
				demo_password, "accounts", accounts, "addable_unit", d->uscc[0],
				"addable_idnos", addable);
	snprintf(path, sizeof path, "%s/demo-accounts.json", d->ctx->cfg.data_dir);
	int rc = json_dump_file(doc, path, JSON_INDENT(2));
	json_decref(doc);
	if (rc != 0) {
		snprintf(d->err, d->errlen, "cannot write %s", path);
		return -1;
	}
	fprintf(out, "demo accounts written to %s\n", path);
	return 0;
}

/* The demo year is open, its filing deadline six weeks from today: units
 * see the days left and can still submit. */
static int seed_business_year(struct demo *d)
{
	struct business_year y = { .year = d->year, .open = 1 };
	time_t due = time(NULL) + 8 * 3600 + 42 * 86400; /* Asia/Shanghai */
	struct tm tm;
	gmtime_r(&due, &tm);
	strftime(y.deadline, sizeof y.deadline, "%Y-%m-%d", &tm);
	return store_business_year_put(d->st, &y) == STORE_OK ? 0 : failf(d, "business year");
}

int demo_seed(struct srv_ctx *ctx, struct store *st, FILE *out, char *err, size_t errlen)
{
	struct demo d = { .ctx = ctx, .st = st, .year = ctx->cfg.year, .err = err, .errlen = errlen };
	int any;
	if (store_unit_any(st, &any) != STORE_OK)
		return failf(&d, "store");
	if (any)
		return 1;
	if (store_begin(st) != STORE_OK)
		return failf(&d, "begin");
	if (put_pngs(&d) != 0 || seed_units(&d) != 0 || seed_accounts(&d, out) != 0 ||
	    seed_people(&d) != 0 || seed_applications(&d) != 0 || seed_notices(&d) != 0 ||
	    seed_business_year(&d) != 0) {
		store_rollback(st);
		return -1;
	}
	if (store_commit(st) != STORE_OK)
		return failf(&d, "commit");
	fprintf(out, "demo: %d units, %d people, business year %d\n", demo_unit_count,
		demo_person_count, d.year);
	return 0;
}
