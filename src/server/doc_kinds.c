/* doc_kinds — what each document says: the title, the unit's facts, the
 * text of the commitment or application, the totals and the persons, and who
 * signs (the unit by hand, or the federation with its seal). The wording
 * follows the regulations the documents rest on: 《残疾人就业条例》 and
 * 《残疾人就业保障金征收使用管理办法》（财税〔2015〕72号）. */
#include <stdio.h>

#include "server/doc_layout.h"

/* The facts every unit document opens with (with the staff count when the
 * document states it). */
static void unit_fields(struct doc_layout *l, const struct doc_unit *u, int year, int staff)
{
	struct doc_block *f = doc_add_fields(l);
	doc_field(f, 1, "单位名称", "%s", u->name);
	doc_field(f, 0, "统一社会信用代码", "%s", u->uscc);
	doc_field(f, 0, "单位性质", "%s", u->kind);
	doc_field(f, 0, "法定代表人", "%s", u->legal_name);
	doc_field(f, 0, "单位电话", "%s", u->phone);
	doc_field(f, 0, "经办人", "%s", u->contact_name);
	doc_field(f, 0, "经办人电话", "%s", u->contact_phone);
	doc_field(f, 1, "单位经营地址", "%s", u->address);
	doc_field(f, staff, "残联主管部门", "%s", u->federation_name);
	doc_field(f, 0, "业务年度", "%d年度", year);
	if (staff)
		doc_field(f, 0, "上年度职工人数", "%ld人", u->staff);
}

struct doc_layout *doc_layout_commitment(const struct doc_commitment *d)
{
	const struct doc_unit *u = &d->unit;
	struct doc_layout *l = doc_layout_new(DOC_COMMITMENT, "用人单位按比例安排残疾人就业年审承诺书",
					      "承", u, d->year);
	unit_fields(l, u, d->year, 1);
	doc_add_para(l, 0, "%s：", u->federation_name);
	doc_add_para(l, 1,
		     "根据《残疾人就业条例》和《残疾人就业保障金征收使用管理办法》（财税〔2015〕72号）"
		     "的规定，本单位现申报%d年度按比例安排残疾人就业情况年审认证，郑重承诺如下：",
		     d->year);
	doc_add_para(l, 1,
		     "一、本单位填报的单位基本信息、在职职工人数、安排残疾人就业人员信息及其劳动合同、"
		     "工资发放、社会保险缴纳等情况均真实、准确、完整，所提交的证明材料真实有效，"
		     "不存在虚报、瞒报、伪造、变造等情形。");
	doc_add_para(l, 1,
		     "二、本单位申报的残疾人职工均与本单位依法签订了一年以上（含一年）的劳动合同或服务协议，"
		     "实际在岗工作，本单位按月足额支付了不低于当地最低工资标准的工资，并依法为其缴纳了社会保险费。");
	doc_add_para(l, 1,
		     "三、本单位申报的残疾人职工未在其他单位重复申报；以劳务派遣方式安排的残疾人职工，"
		     "已在派遣协议中约定由本单位计入安排人数，未与派遣单位重复计算。");
	doc_add_para(l, 1,
		     "四、本单位同意残疾人联合会及财政、税务等有关部门对申报信息进行核查，并如实提供相关资料。");
	doc_add_para(l, 1,
		     "五、如有弄虚作假，本单位自愿承担由此产生的一切法律责任，按规定补缴残疾人就业保障金"
		     "及滞纳金，接受有关部门依法作出的处理，并同意将相关失信信息依法纳入信用记录。");
	doc_add_sign_unit(l, "承诺单位（盖章）：\n法定代表人（签字）：\n日期：          年      月      日");
	return l;
}

struct doc_layout *doc_layout_cancellation_form(const struct doc_cancellation_form *d)
{
	const struct doc_unit *u = &d->unit;
	struct doc_layout *l = doc_layout_new(DOC_CANCELLATION_FORM, "用人单位注销安置登记业务申请书",
					      "注", u, d->year);
	unit_fields(l, u, d->year, 0);
	doc_add_para(l, 0, "%s：", u->federation_name);
	doc_add_para(l, 1,
		     "本单位申请注销%d年度按比例安排残疾人就业安置登记，现将有关情况说明如下：", d->year);
	doc_add_box(l, "申请注销原因（如单位注销、合并、分立或其他情形，请如实填写）：", 4);
	doc_add_para(l, 1,
		     "本单位承诺以上情况属实。注销后，本单位该年度已登记的安置信息不再计入按比例安排"
		     "残疾人就业人数；如需重新办理，将按规定重新申报。因注销产生的相关责任由本单位承担。");
	doc_add_para(l, 1, "附：单位注销、合并、分立的证明文件或有关部门的批准文件。");
	doc_add_sign_unit(l, "申请单位（盖章）：\n法定代表人（签字）：\n日期：          年      月      日");
	doc_add_box(l, "残联审核意见：", 3);
	return l;
}

struct doc_layout *doc_layout_certification(const struct doc_certification *d)
{
	const struct doc_unit *u = &d->unit;
	struct doc_layout *l = doc_layout_new(DOC_CERTIFICATION, "用人单位按比例安排残疾人就业审核认定书",
					      "认", u, d->year);
	doc_add_para(l, 0, "%s：", u->name);
	doc_add_para(l, 1,
		     "经审核，贵单位%d年度按比例安排残疾人就业情况年审认证审核通过，认定结果如下：",
		     d->year);
	struct doc_block *f = doc_add_fields(l);
	doc_field(f, 1, "单位名称", "%s", u->name);
	doc_field(f, 0, "统一社会信用代码", "%s", u->uscc);
	doc_field(f, 0, "业务年度", "%d年度", d->year);
	doc_field(f, 0, "在职职工人数", "%ld人", u->staff);
	doc_field(f, 0, "安置残疾人数", "%s人", d->placed_persons);
	doc_field(f, 0, "本次累计安置确认", "%ld个月", d->months_confirmed);
	doc_field(f, 0, "累计安置核定", "%ld个月", d->months_counted);
	doc_add_heading(l, "安置残疾人职工名单");
	doc_add_persons(l, d->persons, d->npersons);
	doc_add_para(l, 1,
		     "安置残疾人数按累计安置核定月数除以12计算；持有残疾人证一级、二级（残疾军人证一至三级）"
		     "及按规定加倍计算的残疾人职工，每名按两名计算核定月数。");
	doc_add_para(l, 1,
		     "本认定书是用人单位申报缴纳残疾人就业保障金的依据，请持本认定书到主管税务机关办理相关业务。");
	doc_add_sign_federation(l);
	return l;
}

struct doc_layout *doc_layout_reward_certification(const struct doc_reward_certification *d)
{
	const struct doc_unit *u = &d->unit;
	struct doc_layout *l = doc_layout_new(DOC_REWARD_CERTIFICATION,
					      "超比例安排残疾人就业奖励审核认定书", "奖", u, d->year);
	doc_add_para(l, 0, "%s：", u->name);
	doc_add_para(l, 1,
		     "经初审、复审，贵单位%d年度超比例安排残疾人就业奖励申请审核通过，认定结果如下：",
		     d->year);
	struct doc_block *f = doc_add_fields(l);
	doc_field(f, 1, "单位名称", "%s", u->name);
	doc_field(f, 0, "统一社会信用代码", "%s", u->uscc);
	doc_field(f, 0, "业务年度", "%d年度", d->year);
	doc_field(f, 0, "上年度在职职工总数", "%ld人", u->staff);
	doc_field(f, 0, "上年度安置残疾人数", "%s人", d->placed_persons);
	doc_field(f, 0, "安置比例", "%s", d->ratio);
	doc_field(f, 0, "按比例应安排人数", "%s人", d->required);
	doc_field(f, 0, "超比例安置残疾人数", "%s人", d->excess);
	doc_field(f, 0, "奖励人数", "%ld人", d->reward_persons);
	doc_field(f, 1, "奖励标准", "每超额安排1名残疾人，奖励当地月最低工资标准（%s元）的%s倍",
		  d->min_wage, d->multiple);
	doc_field(f, 1, "超比例奖励金额", "%s元", d->amount);
	doc_field(f, 1, "收款单位名称", "%s", d->bank_payee);
	doc_field(f, 0, "账号", "%s", d->bank_account);
	doc_field(f, 0, "开户银行", "%s", d->bank_name);
	doc_add_heading(l, "超比例安置残疾人职工名单");
	doc_add_persons(l, d->persons, d->npersons);
	doc_add_para(l, 1, "奖励资金将按规定拨付至上述账户，请注意查收。");
	doc_add_sign_federation(l);
	return l;
}

/* ------------------------------------------------- layout + render in one */

static int make(struct doc_layout *l, const struct doc_issue *is, struct doc_file *out,
		char *err, size_t errlen)
{
	int rc = doc_render(l, is, out, err, errlen);
	doc_layout_free(l);
	return rc;
}

int doc_make_commitment(const struct doc_commitment *d, const struct doc_issue *is,
			struct doc_file *out, char *err, size_t errlen)
{
	return make(doc_layout_commitment(d), is, out, err, errlen);
}

int doc_make_cancellation_form(const struct doc_cancellation_form *d, const struct doc_issue *is,
			       struct doc_file *out, char *err, size_t errlen)
{
	return make(doc_layout_cancellation_form(d), is, out, err, errlen);
}

int doc_make_certification(const struct doc_certification *d, const struct doc_issue *is,
			   struct doc_file *out, char *err, size_t errlen)
{
	return make(doc_layout_certification(d), is, out, err, errlen);
}

int doc_make_reward_certification(const struct doc_reward_certification *d,
				  const struct doc_issue *is, struct doc_file *out, char *err,
				  size_t errlen)
{
	return make(doc_layout_reward_certification(d), is, out, err, errlen);
}
