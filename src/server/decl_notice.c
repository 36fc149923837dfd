/* decl_notice — see decl_notice.h. */
#include "server/decl_notice.h"

#include <stdio.h>
#include <string.h>

static const struct {
	enum declaration_action action;
	const char *title, *body;
} notices[] = {
	{ DECL_SUBMIT, "{year}年度年审申报已提交",
	  "贵单位{year}年度年审申报已于{time}提交，本次累计安置确认{confirmed}个月，累计安置核定{counted}个月，"
	  "请等待残联年审认证审核。" },
	{ DECL_PASS, "{year}年度年审认证审核通过", "年审认证审核通过! 您可下载{year}年度审核认定书。" },
	{ DECL_FAIL, "{year}年度年审认证审核不通过",
	  "贵单位{year}年度年审认证审核不通过，原因：{reason}。安置名单已重新开放，请修改后重新完成申报。" },
	{ DECL_FEEDBACK_ACCEPT, "{year}年度年审认证反馈审核通过",
	  "贵单位{year}年度年审认证反馈审核通过，年审申报已重新开放，请修改后重新完成申报。"
	  "原审核认定书已作废。" },
	{ DECL_FEEDBACK_REJECT, "{year}年度年审认证反馈审核不通过",
	  "贵单位{year}年度年审认证反馈审核不通过，原因：{reason}。" },
	{ DECL_SEND_TO_TAX, "{year}年度年审认证结果已发送税务",
	  "年审认证结果已发送至税务部门，您可至税务部门办理保障金缴纳相关业务!" },
	{ DECL_CANCEL_APPROVE, "{year}年度注销安置登记审核通过",
	  "贵单位{year}年度注销安置登记申请已审核通过，该年度安置登记已注销。" },
	{ DECL_CANCEL_REJECT, "{year}年度注销安置登记审核不通过",
	  "贵单位{year}年度注销安置登记申请审核不通过，原因：{reason}。" },
	{ DECL_REOPEN, "{year}年度年审申报已重新开放",
	  "贵单位{year}年度已注销的安置登记已由残联重新开放，原因：{reason}。" },
};

/* Copies tmpl into out with each {name} replaced by its value. */
static void fill(const char *tmpl, const char *const names[], const char *const values[], int n,
		 char *out, size_t len)
{
	size_t o = 0;
	while (*tmpl && o + 1 < len) {
		int k = -1;
		for (int i = 0; *tmpl == '{' && i < n && k < 0; i++)
			if (strncmp(tmpl + 1, names[i], strlen(names[i])) == 0 &&
			    tmpl[1 + strlen(names[i])] == '}')
				k = i;
		if (k < 0) {
			out[o++] = *tmpl++;
			continue;
		}
		o += (size_t)snprintf(out + o, len - o, "%s", values[k]);
		if (o >= len)
			o = len - 1;
		tmpl += strlen(names[k]) + 2;
	}
	out[o] = '\0';
}

bool decl_notice_text(enum declaration_action a, int year, const char *reason,
		      long long confirmed, long long counted, const char *time, char *title,
		      size_t tlen, char *body, size_t blen)
{
	char y[8], c1[24], c2[24];
	snprintf(y, sizeof y, "%d", year);
	snprintf(c1, sizeof c1, "%lld", confirmed);
	snprintf(c2, sizeof c2, "%lld", counted);
	const char *const names[] = { "year", "reason", "confirmed", "counted", "time" };
	const char *const values[] = { y, reason ? reason : "", c1, c2, time ? time : "" };
	for (size_t i = 0; i < sizeof notices / sizeof notices[0]; i++)
		if (notices[i].action == a) {
			fill(notices[i].title, names, values, 5, title, tlen);
			fill(notices[i].body, names, values, 5, body, blen);
			return true;
		}
	return false;
}

int decl_notify(struct store *st, const struct decl *d)
{
	char title[200], body[1200];
	if (!decl_notice_text(d->action, d->year, d->reason, (long long)d->y.months_confirmed,
			      (long long)d->y.months_counted, d->now, title, sizeof title, body,
			      sizeof body))
		return 0;
	return store_notice_add(st, d->unit.uscc, title, body, d->now, NULL) == STORE_OK ? 0 : -1;
}
