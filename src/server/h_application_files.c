/* h_application_files — attachments (附件) of reward and graduate
 * applications: optional files the unit (or, for a window application,
 * federation staff) add while the application awaits review, judged and kept
 * like placement materials (material_file.c); and their download. */
#include <stdlib.h>

#include "server/access.h"
#include "server/application.h"
#include "server/handlers.h"
#include "server/material_file.h"

/* The application takes files: not decided yet, and the caller is its unit,
 * or federation staff for a window application. */
static int writable(struct srv_req *rq, struct srv_reply *rp, enum application_kind kind,
		    struct application_row *a)
{
	if (application_access(rq, rp, rq->params[0], kind, a) != 0)
		return -1;
	if (!(rq->user.role_bit & SRV_ROLES_UNIT) && a->channel != CHANNEL_WINDOW) {
		srv_problem(rp, 403, "forbidden", NULL,
			    "the unit adds the attachments of its own application");
		return -1;
	}
	if (wire_application_final(a->status)) {
		srv_problem(rp, 409, "conflict", NULL, "the application is %s: no more attachments",
			    wire_application_status_word(a->status));
		return -1;
	}
	return 0;
}

int h_reward_attachment_precheck(struct srv_req *rq, struct srv_reply *rp)
{
	struct application_row a;
	return writable(rq, rp, APPLICATION_REWARD, &a);
}

int h_graduate_attachment_precheck(struct srv_req *rq, struct srv_reply *rp)
{
	struct application_row a;
	return writable(rq, rp, APPLICATION_GRADUATE, &a);
}

static void attachment_add(struct srv_req *rq, struct srv_reply *rp, enum application_kind kind)
{
	struct application_row a;
	int64_t aid;
	json_t *m;
	if (writable(rq, rp, kind, &a) != 0 || !(m = material_file_accept(rq, rp, false, a.unit_id)))
		return;
	if (store_application_attachment_add(rq->st, a.id, m, &aid) != STORE_OK) {
		srv_problem(rp, 500, "internal", NULL, "could not record the file");
		goto out;
	}
	if (access_audit(rq, rp, application_kind_info(kind)->entity, rq->params[0], "attach", NULL,
			 m) != 0)
		goto out;
	srv_json(rp, 201, m);
	m = NULL;
out:
	json_decref(m);
}

static void attachment_get(struct srv_req *rq, struct srv_reply *rp, enum application_kind kind)
{
	struct application_row a;
	if (application_access(rq, rp, rq->params[0], kind, &a) != 0)
		return;
	json_t *m = store_application_attachment_get(rq->st, a.id, strtoll(rq->params[1], NULL, 10));
	if (!m)
		srv_problem(rp, 404, "not_found", NULL, "no such attachment");
	else
		material_file_send(rq, rp, m);
	json_decref(m);
}

APPLICATION_HANDLERS(attachment_add, attachment_add)
APPLICATION_HANDLERS(attachment_get, attachment_get)
