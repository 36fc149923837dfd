/* cli_problem: how a command-line verb says that the service refused, or
 * could not be reached — the problem's translated message, then its status,
 * stable `code` and `field` as the service sent them (scripts match those),
 * then its English `detail`; every server string cleaned first. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "client/app.h"
#include "client/cli_shared.h"
#include "ui/text.h"

int cli_refused(const char *cmd, const struct cli_http *r)
{
	char line[2400], status[16];
	if (r->status == 0) {
		const char *args[5] = { r->err, NULL, NULL, NULL, NULL };
		i18n_subst(line, sizeof line, _("could not reach the service: {1}"), args);
		fprintf(stderr, "anzhi %s: %s\n", cmd, line);
		return CLI_INVALID;
	}
	json_t *p = json_loadb(r->body, r->len, 0, NULL);
	const char *code = json_string_value(json_object_get(p, "code"));
	const char *field = json_string_value(json_object_get(p, "field"));
	const char *detail = json_string_value(json_object_get(p, "detail"));
	const char *msg = api_problem_text(code);
	char *c_code = text_clean(code ? code : "-"), *c_field = text_clean(field ? field : "-");
	char *c_detail = text_clean(detail ? detail : "");
	snprintf(status, sizeof status, "%ld", r->status);
	const char *args[5] = { msg ? msg : _("The service refused the request"), status, c_code,
				c_field, c_detail };
	i18n_subst(line, sizeof line,
		   r->status == 401
			   ? _("{1}: log in again with anzhi login (status {2}, code {3})")
			   : _("{1} (status {2}, code {3}, field {4}): {5}"),
		   args);
	fprintf(stderr, "anzhi %s: %s\n", cmd, line);
	free(c_code);
	free(c_field);
	free(c_detail);
	json_decref(p);
	return CLI_INVALID;
}
