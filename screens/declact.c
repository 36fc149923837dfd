/* declact: see declact.h. */
#include "screens/declact.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "screens/screens.h"
#include "screens/status.h"
#include "screens/taxtext.h"
#include "ui/text.h"
#include "wire/enums.h"

/* What each decision may be taken on, and said before, in the user's words. */
static const char *refused(enum action act, enum declaration_status st)
{
	if (act == ACT_SEND_TO_TAX && st != DECLARATION_PASSED)
		return _("Only a passed declaration is sent to the tax bureau");
	if ((act == ACT_PASS || act == ACT_FAIL) && st != DECLARATION_SUBMITTED)
		return _("Only a submitted declaration is reviewed: this one is not awaiting review");
	return NULL;
}

unsigned declact_start(struct view *v, struct declact *d, enum action act, const json_t *decl,
		       const char *unit_name, int year)
{
	enum declaration_status st =
		wire_declaration_parse(json_string_value(json_object_get(decl, "status")));
	const char *why = refused(act, st);
	if (why) {
		app_flash(v->app, true, "%s", why);
		return H_REDRAW;
	}
	const char *uscc = json_string_value(json_object_get(decl, "uscc"));
	char *name = text_clean(unit_name ? unit_name : "");
	snprintf(d->uscc, sizeof d->uscc, "%s", uscc ? uscc : "");
	snprintf(d->name, sizeof d->name, "%s", name);
	free(name);
	d->year = json_is_integer(json_object_get(decl, "year"))
		  ? (int)json_integer_value(json_object_get(decl, "year")) : year;
	d->version = json_integer_value(json_object_get(decl, "version"));
	d->act = act;
	char q[512];
	if (act == ACT_FAIL) {
		snprintf(q, sizeof q, _("Reason the annual review of %s fails:"), d->name);
		app_prompt(v, DECLACT_ASK, q, "", 0);
		return H_REDRAW;
	}
	snprintf(q, sizeof q, act == ACT_PASS ? _("Pass the annual review of %s?")
					      : _("Send the result of %s to the tax bureau?"),
		 d->name);
	app_confirm(v, DECLACT_ASK, q);
	return H_REDRAW;
}

bool declact_answer(struct view *v, struct declact *d, int tag, const char *text)
{
	if (tag != DECLACT_ASK)
		return false;
	if (!text || !d->uscc[0])
		return true;
	if (d->act == ACT_FAIL && !*text) {
		app_flash(v->app, true, "%s", _("A fail needs a reason: the unit reads it"));
		return true;
	}
	char path[160], etag[32];
	const char *what = d->act == ACT_SEND_TO_TAX ? "send-to-tax" : "annual-review";
	snprintf(path, sizeof path, "/units/%s/years/%d/%s", d->uscc, d->year, what);
	snprintf(etag, sizeof etag, "\"%lld\"", d->version);
	json_t *body = NULL;
	if (d->act == ACT_PASS)
		body = json_pack("{s:s}", "result", "pass");
	else if (d->act == ACT_FAIL)
		body = json_pack("{s:s, s:s}", "result", "fail", "reason", text);
	api_save(v, d->act == ACT_SEND_TO_TAX ? DECLACT_TAG_TAX : DECLACT_TAG_REVIEW, "POST", path,
		 body, d->version > 0 ? etag : NULL);
	json_decref(body);
	return true;
}

bool declact_reply(struct view *v, const struct api_reply *r)
{
	if (r->tag != DECLACT_TAG_REVIEW && r->tag != DECLACT_TAG_TAX)
		return false;
	if (!r->ok) {
		if (r->status == 412)
			app_flash(v->app, true, "%s",
				  _("The declaration changed meanwhile (the unit withdrew it?): reloaded, decide again"));
		else
			app_flash(v->app, true, "%s", r->message ? r->message : "");
		return true;
	}
	if (r->tag == DECLACT_TAG_TAX) {
		app_flash(v->app, false, "%s", _("Sent to the tax bureau: the tax record follows"));
		json_t *page = taxtext_pager(r->body);
		app_push(v->app, &screen_pager, &(struct screen_args){ .json = page });
		json_decref(page);
		return true;
	}
	enum declaration_status st =
		wire_declaration_parse(json_string_value(json_object_get(r->body, "status")));
	app_flash(v->app, false, "%s", st == DECLARATION_PASSED
			  ? _("Annual review passed: the unit can download the review certification")
			  : _("Annual review failed: the unit's list is open again for correction"));
	return true;
}
