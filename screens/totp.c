/* totp: enrolling a second factor (POST /me/totp answered with args.json):
 * the QR code of the otpauth URI drawn with half blocks (an authenticator
 * app scans it) beside the secret as text (to type in instead) and the ten
 * recovery codes, shown this once; c (or Enter) asks for a code from the
 * app and confirms the factor (POST /me/totp/confirm). */
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/url.h"
#include "screens/screens.h"
#include "ui/qrtext.h"
#include "ui/text.h"
#include "ui/theme.h"

enum { TAG_CONFIRM = 1 };
enum { ASK_CODE = 1 };

struct totp_state {
	json_t *enrol;           /* {"secret","otpauth_uri","recovery_codes","status"} */
	struct qrtext qr;        /* empty without a UTF-8 locale */
	bool confirmed;
};

static bool utf8_terminal(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && strcmp(cs, "UTF-8") == 0;
}

/* The service's otpauth URI without the parameters that are every app's
 * defaults (SHA1, 6 digits, 30 s): a smaller QR code, one that fits 24
 * lines. */
static int short_uri(const char *secret, const char *user, char *out, size_t size)
{
	char *name = url_escape(user ? user : "");
	int len = name ? snprintf(out, size, "otpauth://totp/anzhi:%s?secret=%s&issuer=anzhi", name,
				  secret)
		       : -1;
	free(name);
	return len > 0 && (size_t)len < size ? 0 : -1;
}

static int totp_open(struct view *v, const struct screen_args *args)
{
	struct totp_state *s = v->state;
	/* without an enrolment (opened by name) it shows an empty one */
	s->enrol = args && json_is_object(args->json) ? json_incref(args->json) : json_object();
	const char *secret = json_string_value(json_object_get(s->enrol, "secret"));
	char uri[256];
	if (secret && utf8_terminal() &&
	    short_uri(secret, app_session(v->app)->username, uri, sizeof uri) == 0)
		qrtext_make(&s->qr, uri, 2);
	return 0;
}

static void put(struct canvas *c, int y, int x, int cols, int style, const char *text)
{
	char buf[512];
	if (y >= c->y + c->rows || cols <= 0)
		return;
	text_fit(buf, sizeof buf, text, cols, 0);
	wattrset(c->w, theme_attr(style));
	mvwaddstr(c->w, y, x, buf);
}

/* The secret in groups of four, as apps ask for it to be typed. */
static void grouped(const char *secret, char *out, size_t size)
{
	size_t n = 0;
	for (size_t i = 0; secret[i] && n + 2 < size; i++) {
		if (i && i % 4 == 0)
			out[n++] = ' ';
		out[n++] = secret[i];
	}
	out[n] = '\0';
}

static void totp_draw(struct view *v, struct canvas *c)
{
	struct totp_state *s = v->state;
	int x = c->x, cols = c->cols, y = c->y;
	/* the code on the left when it fits, the text beside it */
	if (s->qr.nlines && s->qr.nlines <= c->rows && s->qr.width + 26 <= c->cols) {
		wattrset(c->w, theme_attr(STYLE_NORMAL));
		for (int i = 0; i < s->qr.nlines; i++)
			mvwaddstr(c->w, c->y + i, c->x, s->qr.lines[i]);
		x += s->qr.width + 2;
		cols -= s->qr.width + 2;
	}
	put(c, y++, x, cols, STYLE_TITLE, _("Second factor"));
	canvas_focus(c, c->y, x);
	const char *secret = json_string_value(json_object_get(s->enrol, "secret"));
	char g[128];
	grouped(secret ? secret : "", g, sizeof g);
	put(c, y++, x, cols, STYLE_DIM, _("Scan the code, or type the key:"));
	/* four groups a line: it fits beside the code */
	for (size_t at = 0, len = strlen(g); at < len; at += 20) {
		char part[24];
		snprintf(part, sizeof part, "%.19s", g + at);
		put(c, y++, x, cols, STYLE_NORMAL, part);
	}
	y++;
	put(c, y++, x, cols, STYLE_DIM, _("Recovery codes (shown once; keep them safe):"));
	json_t *codes = json_object_get(s->enrol, "recovery_codes");
	for (size_t i = 0; i < json_array_size(codes); i += 2) {
		char pair[96];
		const char *b = json_string_value(json_array_get(codes, i + 1));
		snprintf(pair, sizeof pair, "%s  %s", json_string_value(json_array_get(codes, i)),
			 b ? b : "");
		put(c, y++, x, cols, STYLE_NORMAL, pair);
	}
	y++;
	put(c, y, x, cols, s->confirmed ? STYLE_OK : STYLE_PENDING,
	    s->confirmed ? _("On: sign-in asks for a code from now on.")
			 : _("Not on yet: press c and type the app's code."));
}

static unsigned totp_confirm(struct view *v, enum action a)
{
	struct totp_state *s = v->state;
	if (s->confirmed)
		return H_CLOSE;
	app_prompt(v, ASK_CODE, _("Code from the app: "), "", 0);
	return H_REDRAW;
}

static unsigned totp_answer(struct view *v, int tag, const char *text)
{
	if (!text || !*text)
		return H_REDRAW;
	json_t *body = json_pack("{s:s}", "code", text);
	api_save(v, TAG_CONFIRM, "POST", "/me/totp/confirm", body, NULL);
	json_decref(body);
	return H_REDRAW;
}

static void totp_reply(struct view *v, const struct api_reply *r)
{
	struct totp_state *s = v->state;
	if (!r->ok) {
		app_flash(v->app, true, "%s",
			  r->status == 422 ? _("That code is not right: try the app's next one")
					   : r->message);
		return;
	}
	s->confirmed = true;
	app_flash(v->app, false, "%s", _("Second factor on"));
}

static void totp_close(struct view *v)
{
	struct totp_state *s = v->state;
	qrtext_free(&s->qr);
	json_decref(s->enrol);
}

static const struct screen_action totp_actions[] = {
	{ .act = ACT_TOTP_CONFIRM, .run = totp_confirm, .hint = true },
	{ .act = ACT_BACK, .run = NULL, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
};

const struct screen screen_totp = {
	.name = "totp",
	.state_size = sizeof(struct totp_state),
	.open = totp_open,
	.draw = totp_draw,
	SCREEN_ACTIONS(totp_actions),
	.reply = totp_reply,
	.answer = totp_answer,
	.close = totp_close,
};
