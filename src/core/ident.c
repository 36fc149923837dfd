/* ident: 居民身份证号, 统一社会信用代码, 残疾人证号 and list masking (see ident.h). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/ident.h"

/* GB 11643 / ISO 7064 MOD 11-2 */
static const int idno_weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
static const char idno_check_map[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

/* GB 32100: 31 characters, no I O S V Z */
static const char uscc_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

char idno_check_char(const char *first17)
{
	int sum = 0;

	for (int i = 0; i < 17; i++) {
		if (!first17[i] || !isdigit((unsigned char)first17[i]))
			return '?';
		sum += (first17[i] - '0') * idno_weights[i];
	}
	return idno_check_map[sum % 11];
}

/* Printable form of one byte for messages (non-ASCII bytes as \xNN). */
static void show_char(char c, char out[8])
{
	unsigned char u = (unsigned char)c;

	if (u >= 0x20 && u < 0x7f)
		snprintf(out, 8, "%c", c);
	else
		snprintf(out, 8, "\\x%02X", (unsigned)u);
}

static bool idno_check_body(const char *s, const char *field, struct core_error *err)
{
	size_t len = s ? strlen(s) : 0;
	char shown[8];

	if (len != 18)
		return core_error_set(err, CORE_ERR_LENGTH, field, "length: got %zu, want 18", len);
	for (int i = 0; i < 17; i++)
		if (!isdigit((unsigned char)s[i])) {
			show_char(s[i], shown);
			return core_error_set(err, CORE_ERR_CHAR, field,
					      "character %d ('%s') not allowed: want a digit", i + 1, shown);
		}
	if (!isdigit((unsigned char)s[17]) && s[17] != 'X' && s[17] != 'x') {
		show_char(s[17], shown);
		return core_error_set(err, CORE_ERR_CHAR, field,
				      "character 18 ('%s') not allowed: want a digit or X", shown);
	}
	return true;
}

static bool idno_parse_field(const char *s, const char *field, struct idno *out,
			     struct core_error *err)
{
	struct idno id;
	char want, got, date8[9];

	if (!idno_check_body(s, field, err))
		return false;
	memset(&id, 0, sizeof id);
	memcpy(id.number, s, 18);
	id.number[17] = (char)toupper((unsigned char)s[17]);
	memcpy(id.region, s, 6);
	if (strcmp(id.region, "000000") == 0)
		return core_error_set(err, CORE_ERR_CHAR, field, "region code 000000 is not a region");
	memcpy(date8, s + 6, 8);
	date8[8] = '\0';
	if (!date_parse_compact(date8, field, &id.birth, NULL))
		return core_error_set(err, CORE_ERR_DATE, field,
				      "birth date %s (characters 7-14) is not a calendar date", date8);
	id.sequence = (s[14] - '0') * 100 + (s[15] - '0') * 10 + (s[16] - '0');
	id.gender = id.sequence % 2 ? GENDER_MALE : GENDER_FEMALE;
	want = idno_check_char(s);
	got = id.number[17];
	if (want != got)
		return core_error_set(err, CORE_ERR_CHECKSUM, field,
				      "checksum: expected '%c', got '%c'", want, got);
	id.check = got;
	if (out)
		*out = id;
	return true;
}

bool idno_parse(const char *s, struct idno *out, struct core_error *err)
{
	return idno_parse_field(s, "idno", out, err);
}

static int uscc_value(char c)
{
	const char *p = c ? strchr(uscc_alphabet, c) : NULL;

	return p ? (int)(p - uscc_alphabet) : -1;
}

char uscc_check_char(const char *first17)
{
	int sum = 0, w = 1;

	for (int i = 0; i < 17; i++) {
		int v = uscc_value(first17[i]);

		if (v < 0)
			return '?';
		sum += v * w;
		w = w * 3 % 31;
	}
	return uscc_alphabet[(31 - sum % 31) % 31];
}

bool uscc_valid(const char *s, struct core_error *err)
{
	size_t len = s ? strlen(s) : 0;
	char want, shown[8];

	if (len != 18)
		return core_error_set(err, CORE_ERR_LENGTH, "uscc", "length: got %zu, want 18", len);
	for (int i = 0; i < 18; i++)
		if (uscc_value(s[i]) < 0) {
			show_char(s[i], shown);
			return core_error_set(err, CORE_ERR_CHAR, "uscc",
					      "character %d ('%s') not allowed: want 0-9 or a capital "
					      "letter other than I O S V Z", i + 1, shown);
		}
	want = uscc_check_char(s);
	if (want != s[17])
		return core_error_set(err, CORE_ERR_CHECKSUM, "uscc",
				      "checksum: expected '%c', got '%c'", want, s[17]);
	return true;
}

/* GB 32100-2015 表1: 登记管理部门代码 and, per department, 机构类别代码. */
static const struct {
	char authority;
	const char *key;
	const char *kinds;          /* kind codes, aligned with kind_keys */
	const char *kind_keys[6];
} uscc_table[] = {
	{'1', "establishment", "1239",
	 {"government_agency", "public_institution", "mass_organisation", "other"}},
	{'2', "foreign_affairs", "19", {"foreign_news_agency", "other"}},
	{'3', "justice", "123459",
	 {"law_firm", "notary_office", "legal_service_office", "forensic_institution",
	  "arbitration_commission", "other"}},
	{'4', "culture", "19", {"foreign_cultural_centre", "other"}},
	{'5', "civil_affairs", "1239",
	 {"social_organisation", "private_nonenterprise", "foundation", "other"}},
	{'6', "tourism", "129", {"foreign_tourism_office", "hmt_tourism_office", "other"}},
	{'7', "religion", "129", {"religious_venue", "religious_college", "other"}},
	{'8', "trade_union", "19", {"grassroots_union", "other"}},
	{'9', "market_regulation", "123",
	 {"enterprise", "individual_business", "farmers_cooperative"}},
	{'A', "military_establishment", "19", {"military_institution", "other"}},
	{'N', "agriculture", "1239",
	 {"group_collective", "village_collective", "township_collective", "other"}},
	{'Y', "other", "1", {"other"}},
};

bool uscc_parse(const char *s, struct uscc *out, struct core_error *err)
{
	struct uscc u;

	if (!uscc_valid(s, err))
		return false;
	memset(&u, 0, sizeof u);
	memcpy(u.code, s, 18);
	u.authority = s[0];
	u.kind = s[1];
	memcpy(u.region, s + 2, 6);
	memcpy(u.org_code, s + 8, 9);
	for (size_t i = 0; i < sizeof uscc_table / sizeof uscc_table[0]; i++) {
		const char *k;

		if (uscc_table[i].authority != u.authority)
			continue;
		u.authority_key = uscc_table[i].key;
		k = strchr(uscc_table[i].kinds, u.kind);    /* u.kind is never '\0' */
		if (k)
			u.kind_key = uscc_table[i].kind_keys[k - uscc_table[i].kinds];
		break;
	}
	if (out)
		*out = u;
	return true;
}

bool certno_parse(const char *s, struct certno *out, struct core_error *err)
{
	static const char field[] = "certificate";
	size_t len = s ? strlen(s) : 0;
	struct certno c;
	char prefix[19], shown[8];
	struct core_error id_err;

	if (len != 20 && len != 22)
		return core_error_set(err, CORE_ERR_LENGTH, field,
				      "length: got %zu, want 20 (or 22 with B and a digit)", len);
	memcpy(prefix, s, 18);
	prefix[18] = '\0';
	if (!idno_parse_field(prefix, field, NULL, &id_err)) {
		if (err) {
			*err = id_err;
			char tmp[sizeof err->msg];
			snprintf(tmp, sizeof tmp, "ID number part: %.140s", id_err.msg);
			memcpy(err->msg, tmp, sizeof err->msg);
		}
		return false;
	}
	memset(&c, 0, sizeof c);
	if (s[18] < '1' || s[18] > '7') {
		show_char(s[18], shown);
		return core_error_set(err, CORE_ERR_CHAR, field,
				      "character 19 ('%s') not allowed: want a category 1-7", shown);
	}
	if (s[19] < '1' || s[19] > '4') {
		show_char(s[19], shown);
		return core_error_set(err, CORE_ERR_CHAR, field,
				      "character 20 ('%s') not allowed: want a level 1-4", shown);
	}
	c.reissue = -1;
	if (len == 22) {
		if (s[20] != 'B' && s[20] != 'b') {
			show_char(s[20], shown);
			return core_error_set(err, CORE_ERR_CHAR, field,
					      "character 21 ('%s') not allowed: want B", shown);
		}
		if (!isdigit((unsigned char)s[21])) {
			show_char(s[21], shown);
			return core_error_set(err, CORE_ERR_CHAR, field,
					      "character 22 ('%s') not allowed: want a digit", shown);
		}
		c.reissue = s[21] - '0';
	}
	memcpy(c.number, s, len);
	c.number[17] = (char)toupper((unsigned char)c.number[17]);
	if (len == 22)
		c.number[20] = 'B';
	memcpy(c.idno, c.number, 18);
	c.category = s[18] - '0';
	c.level = s[19] - '0';
	if (out)
		*out = c;
	return true;
}

bool certno_matches(const char *cert, const char *idno, int category, int level,
		    struct core_error *err)
{
	struct certno c = {0};

	if (!certno_parse(cert, &c, err))
		return false;
	if (!idno || strlen(idno) != 18 || strncasecmp(c.idno, idno, 18) != 0)
		return core_error_set(err, CORE_ERR_MISMATCH, "certificate",
				      "the certificate's first 18 characters are not the person's ID number");
	if (c.category != category)
		return core_error_set(err, CORE_ERR_MISMATCH, "category",
				      "category: the number says %d, the certificate says %d",
				      c.category, category);
	if (c.level != level)
		return core_error_set(err, CORE_ERR_MISMATCH, "level",
				      "level: the number says %d, the certificate says %d", c.level, level);
	return true;
}

static const char *const category_zh[8] = {
	NULL, "视力", "听力", "言语", "肢体", "智力", "精神", "多重",
};
static const char *const category_key[8] = {
	NULL, "vision", "hearing", "speech", "physical", "intellectual", "mental", "multiple",
};

const char *ident_category_name_zh(int category)
{
	return category >= 1 && category <= 7 ? category_zh[category] : NULL;
}

const char *ident_category_key(int category)
{
	return category >= 1 && category <= 7 ? category_key[category] : NULL;
}

static bool all_in(const char *s, size_t n, const char *set)
{
	for (size_t i = 0; i < n; i++)
		if (!s[i] || !strchr(set, s[i]))
			return false;
	return true;
}

enum ident_kind ident_kind_guess(const char *s)
{
	size_t len = s ? strlen(s) : 0;

	if (len == 18 && all_in(s, 17, "0123456789") && all_in(s + 17, 1, "0123456789Xx"))
		return IDENT_IDNO;
	if (len == 18 && all_in(s, 18, uscc_alphabet))
		return IDENT_USCC;
	if ((len == 20 || len == 22) && all_in(s, 17, "0123456789") &&
	    all_in(s + 17, 1, "0123456789Xx") && all_in(s + 18, 2, "0123456789") &&
	    (len == 20 || (all_in(s + 20, 1, "Bb") && all_in(s + 21, 1, "0123456789"))))
		return IDENT_CERTNO;
	return IDENT_UNKNOWN;
}

const char *ident_kind_name(enum ident_kind k)
{
	static const char *const names[] = {"unknown", "idno", "uscc", "certificate"};

	return (unsigned)k < 4 ? names[k] : "unknown";
}

/* The closest kind of a string of no identifier's shape, so that its reading
 * says what is wrong: 18 characters with letters -> USCC; 19-22 -> certificate;
 * else an ID number. */
static enum ident_kind closest_kind(const char *s)
{
	size_t len = s ? strlen(s) : 0;

	if (len == 18 && strspn(s, "0123456789") < 17)
		return IDENT_USCC;
	if (len > 18 && len <= 22)
		return IDENT_CERTNO;
	return IDENT_IDNO;
}

static void read_as(const char *s, enum ident_kind kind, struct ident_reading *r)
{
	memset(r, 0, sizeof *r);
	r->kind = kind;
	switch (kind) {
	case IDENT_USCC:
		r->valid = uscc_parse(s, &r->uscc, &r->err);
		break;
	case IDENT_CERTNO:
		r->valid = certno_parse(s, &r->cert, &r->err) &&
			   idno_parse(r->cert.idno, &r->idno, &r->err);
		break;
	default:
		r->kind = IDENT_IDNO;
		r->valid = idno_parse(s, &r->idno, &r->err);
		break;
	}
}

void ident_check(const char *s, struct ident_report *out)
{
	enum ident_kind kind = ident_kind_guess(s);

	memset(out, 0, sizeof *out);
	if (kind == IDENT_IDNO && all_in(s, 18, uscc_alphabet)) {
		read_as(s, IDENT_IDNO, &out->reading[0]);
		read_as(s, IDENT_USCC, &out->reading[1]);
		out->n = 2;
		return;
	}
	read_as(s, kind == IDENT_UNKNOWN ? closest_kind(s) : kind, &out->reading[0]);
	out->n = 1;
}

/* Writes `keep_head` chars, `stars` stars, then chars [tail_from, tail_to). */
static bool mask_ascii(const char *s, size_t keep_head, size_t stars, size_t tail_from,
		       size_t tail_to, const char *suffix, char *buf, size_t size)
{
	size_t n = 0, need = keep_head + stars + (tail_to - tail_from) + strlen(suffix) + 1;

	if (need > size)
		return false;
	memcpy(buf, s, keep_head);
	n = keep_head;
	memset(buf + n, '*', stars);
	n += stars;
	memcpy(buf + n, s + tail_from, tail_to - tail_from);
	n += tail_to - tail_from;
	strcpy(buf + n, suffix);
	return true;
}

static bool all_stars(size_t len, char *buf, size_t size)
{
	if (len + 1 > size)
		return false;
	memset(buf, '*', len);
	buf[len] = '\0';
	return true;
}

bool mask_idno(const char *idno, char *buf, size_t size)
{
	size_t len = idno ? strlen(idno) : 0;

	if (!buf || size == 0)
		return false;
	/* anything shorter than a full ID number would show too large a share
	 * of itself: all stars (found by tests/fuzz/fuzz_ident.c) */
	if (len < 18)
		return all_stars(len, buf, size);
	return mask_ascii(idno, 6, len - 13, len - 7, len, "", buf, size);
}

bool mask_certno(const char *certno, char *buf, size_t size)
{
	size_t len = certno ? strlen(certno) : 0;

	if (!buf || size == 0)
		return false;
	if (len < 18)
		return all_stars(len, buf, size);
	/* the seed shows the ID part as 7 + 5 stars + its last 6, then "..." */
	return mask_ascii(certno, 7, 5, 12, 18, len > 18 ? "..." : "", buf, size);
}

/* Length in bytes of the UTF-8 sequence starting with byte c (1 for invalid
 * bytes, so malformed text is still walked one byte at a time). */
static size_t utf8_len(unsigned char c)
{
	if (c >= 0xF0 && c < 0xF8)
		return 4;
	if (c >= 0xE0)
		return c < 0xF0 ? 3 : 1;
	if (c >= 0xC0)
		return 2;
	return 1;
}

bool mask_name(const char *name, char *buf, size_t size)
{
	size_t len = name ? strlen(name) : 0, nchars = 0, second = 0, last = 0;

	if (!buf || size == 0)
		return false;
	/* only the starts of the second and the last character matter */
	for (size_t i = 0; i < len;) {
		size_t l = utf8_len((unsigned char)name[i]);

		if (i + l > len)
			l = len - i;
		if (nchars == 1)
			second = i;
		last = i;
		nchars++;
		i += l;
	}
	if (nchars == 0) {
		buf[0] = '\0';
		return true;
	}
	if (nchars == 1)
		return all_stars(1, buf, size);
	{
		size_t head = nchars == 2 ? 0 : second, tail = len - last;
		size_t stars = nchars == 2 ? 1 : nchars - 2;

		if (head + stars + tail + 1 > size)
			return false;
		memcpy(buf, name, head);
		memset(buf + head, '*', stars);
		memcpy(buf + head + stars, name + last, tail);
		buf[head + stars + tail] = '\0';
	}
	return true;
}
