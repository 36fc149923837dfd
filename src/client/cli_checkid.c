/* cli_checkid: `anzhi check-id NUMBER` — says which kind of identifier NUMBER
 * is (resident ID, USCC, disability certificate), whether it is valid, and its
 * facts or the precise error (core/ident.h decides). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/region_name.h"
#include "client/cli_shared.h"
#include "core/ident.h"

/* A translated label for the kind of error; the English detail follows it. */
static const char *error_label(int code)
{
	static const char *const labels[CORE_ERR__COUNT] = {
		[CORE_ERR_LENGTH] = N_("wrong length"),
		[CORE_ERR_CHAR] = N_("character not allowed"),
		[CORE_ERR_DATE] = N_("not a calendar date"),
		[CORE_ERR_CHECKSUM] = N_("wrong check character"),
		[CORE_ERR_MISMATCH] = N_("parts disagree"),
	};

	return code > 0 && code < CORE_ERR__COUNT && labels[code] ? _(labels[code]) : _("invalid");
}

/* Category names as msgids ("mental" → 精神 in zh_CN). */
static const char *category_name(int category)
{
	static const char *const names[8] = {
		NULL, N_("vision"), N_("hearing"), N_("speech"), N_("physical"),
		N_("intellectual"), N_("mental"), N_("multiple"),
	};

	return category >= 1 && category <= 7 ? _(names[category]) : "?";
}

static void fact(const char *label, const char *value)
{
	printf("  %s: %s\n", label, value);
}

static void idno_facts(const struct idno *id)
{
	char date[11], rname[256], region[300];

	region_name_path(id->region, rname, sizeof rname);
	snprintf(region, sizeof region, "%s%s%s", id->region, rname[0] ? " " : "", rname);
	fact(_("region"), region);
	date_format(id->birth, date);
	fact(_("birth date"), date);
	fact(_("gender"), id->gender == GENDER_MALE ? _("male") : _("female"));
}

int cli_check_id(int argc, char **argv)
{
	const char *s = argc > 2 ? argv[2] : NULL;
	struct core_error err = {0};
	enum ident_kind kind;
	bool ok = false;
	char line[512];
	const char *args[5] = {s, NULL, NULL, NULL, NULL};

	if (!s || argc > 3)
		return cli_usage_error("check-id", "", _("usage: anzhi check-id NUMBER"), NULL);
	kind = ident_kind_guess(s);
	switch (kind) {
	case IDENT_IDNO: {
		struct idno id;

		args[1] = _("resident ID number");
		if ((ok = idno_parse(s, &id, &err))) {
			i18n_subst(line, sizeof line, _("{1}: {2}, valid"), args);
			puts(line);
			idno_facts(&id);
		}
		break;
	}
	case IDENT_USCC:
		args[1] = _("unified social credit code");
		if ((ok = uscc_valid(s, &err))) {
			char region[7];

			i18n_subst(line, sizeof line, _("{1}: {2}, valid"), args);
			puts(line);
			snprintf(region, sizeof region, "%.6s", s + 2);
			fact(_("region"), region);
		}
		break;
	case IDENT_CERTNO: {
		struct certno c;
		struct idno id;
		char level[8];

		args[1] = _("disability certificate number");
		if ((ok = certno_parse(s, &c, &err))) {
			i18n_subst(line, sizeof line, _("{1}: {2}, valid"), args);
			puts(line);
			idno_parse(c.idno, &id, NULL);
			fact(_("ID number"), c.idno);
			idno_facts(&id);
			fact(_("category"), category_name(c.category));
			snprintf(level, sizeof level, "%d", c.level);
			fact(_("level"), level);
		}
		break;
	}
	case IDENT_UNKNOWN:
		/* say what is wrong against the closest kind: 18 characters with
		 * letters is a credit code, 19–22 a certificate, else an ID number */
		if (strlen(s) == 18 && strspn(s, "0123456789") < 17) {
			args[1] = _("unified social credit code");
			uscc_valid(s, &err);
		} else if (strlen(s) > 18 && strlen(s) <= 22) {
			args[1] = _("disability certificate number");
			certno_parse(s, NULL, &err);
		} else {
			args[1] = _("resident ID number");
			idno_parse(s, NULL, &err);
		}
		break;
	}
	if (ok) {
		fflush(stdout);
		return CLI_OK;
	}
	args[2] = error_label(err.code);
	args[3] = err.msg;
	i18n_subst(line, sizeof line, _("{1}: {2}, INVALID: {3} ({4})"), args);
	puts(line);
	fflush(stdout);
	return CLI_INVALID;
}

