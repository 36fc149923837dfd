#!/usr/bin/env bash
# e2e: the declaration after submission, both sides, from the keyboard —
# the unit submits (offered the 承诺书 first), the reviewer opens it in
# 年审认证审核 (its totals and persons) and passes it, the unit reads
# "年审认证审核通过!" and saves the 审核认定书, which `anzhi verify` accepts;
# the reviewer sends it to the tax bureau and reads the levy with its steps
# (the same levy the service recorded), finds it in 税务查询, exports the
# overview as CSV; the unit then reads the seed's message.
. "$(dirname "$0")/lib.sh"

if ! e2e_start_server; then
	not_ok "anzhid --demo starts"
	e2e_done
fi
E2E_ENV=NO_COLOR=1 e2e_start_client   # 80x24, monochrome
UNIT_NAME=察哈尔右翼前旗绿源农牧业有限公司

# joined: the pane's lines as one (a long sentence wraps)
joined_has() { screen_text | sed 's/ *$//' | tr -d '\n' | grep -qF -- "$1"; }

# the reviewer's F, once the landing (the notices) has loaded
reviewer_menu() {
	wait_re "^ *(新)? *20[0-9]{2}-[0-9]{2}-[0-9]{2}" 15 >/dev/null
	keys F
}

logout_and_login() {
	keys :; type_text logout; keys Enter
	login "$1"
}

# ---- the unit submits
login chayouqian   # 150900's unit whose declaration is submitted
check "signed in" wait_for "审核状态" 10
check "the list says the declaration is submitted" wait_for "年审申报: 已申报" 5
keys W; wait_for "y = 是" 5 >/dev/null; keys y
wait_for "年审申报: 未申报" 10 >/dev/null
keys S
check "完成申报 offers the commitment letter first" wait_for "请先下载承诺书(D)" 10
keys y
check "the declaration is submitted" wait_for "年审申报: 已申报" 10

# ---- the reviewer: F, 年审认证审核, the declaration, pass
logout_and_login reviewer
reviewer_menu
check "F opens the federation's work" wait_for "审核业务" 10
keys Enter
check "年审认证审核 lists the submitted declaration" wait_for "$UNIT_NAME" 10
keys /; type_text 察哈尔; keys Enter
keys Enter
check "the declaration shows its totals" wait_re "本次累计安置确认 [0-9]+ 个月,累计安置核定 [0-9]+ 个月" 10
check "and its persons, masked" wait_re '^.?[^ ]\*[^ ]* +[0-9]{6}\*+' 10
keys p
check "pass asks first" wait_for "年审认证审核通过?" 5
keys y
check "the pass is said" wait_for "年审认证审核通过:单位可下载审核认定书" 10
check "the declaration shows passed" wait_for "年审申报: 年审通过" 10
keys t
wait_for "y = 是" 5 >/dev/null; keys n   # not yet: the unit looks first

# ---- the unit: the message, the 审核认定书
logout_and_login chayouqian
check "the unit reads 年审认证审核通过!" wait_for "年审认证审核通过!" 10
keys D
check "the review certification is available now" wait_re "审核认定书 +✓ +现在" 10
out=$E2E_TMP/saved; mkdir -p "$out"
keys Down Down s
wait_re "保存到.*certification-" 5 >/dev/null
keys C-u; type_text "$out/"; keys Enter
check "the review certification is saved" wait_for "已将审核认定书保存到" 15
file=$(ls "$out"/certification-*.pdf 2>/dev/null | head -1)
check "the saved review certification verifies" \
	env XDG_STATE_HOME="$E2E_TMP/state" "$ANZHI" verify --server "$E2E_URL" --pin "$E2E_PIN" "$file"
keys Escape

# ---- the reviewer sends it to the tax bureau
logout_and_login reviewer
reviewer_menu
wait_for "审核业务" 10 >/dev/null; keys Enter
wait_for "年审认证审核 - 业务年度" 10 >/dev/null
keys f
check "f shows the passed declarations" wait_re "年审认证审核 - 业务年度 [0-9]+ - 年审通过" 10
wait_for "$UNIT_NAME" 10 >/dev/null
keys /; type_text 察哈尔; keys Enter
keys t
check "发送税务 asks first" wait_for "发送税务?" 5
keys y
check "the tax record shows the levy step by step" wait_for "保障金计算步骤" 10
check "with the wage the levy used" wait_re "计算用工资: [0-9]" 5
shown=$(screen_text | grep -oE '应缴保障金\(元\): [0-9.]+' | grep -oE '[0-9.]+$')
recorded=$(jpy '[r["levy_due"] for r in j["items"] if r["uscc"].startswith("91150926")][0]' \
	"$(api_as reviewer GET '/tax-records')")
check "the levy shown is the one the service recorded ($recorded)" test -n "$shown" -a "$shown" = "$recorded"
keys Escape   # (one at a time: Esc then a key at once is a Meta chord)
wait_re "年审认证审核 - 业务年度 [0-9]+ - 年审通过" 5 >/dev/null
keys Escape
wait_for "统计概览" 5 >/dev/null
keys Down Down Down Enter
check "税务查询 lists the record" wait_for "$UNIT_NAME" 10
keys Escape
wait_for "统计概览" 5 >/dev/null
keys Down Enter
check "the overview shows the region" wait_re "统计概览 - 业务年度 [0-9]+ - 乌兰察布" 10
keys e
wait_re "保存到.*overview-" 5 >/dev/null
keys C-u; type_text "$out/"; keys Enter
check "the overview is saved as CSV" wait_for "已将统计概览以 CSV 保存到" 10
csv=$(ls "$out"/overview-*.csv 2>/dev/null | head -1)
check "the CSV has its header and a line per region" \
	bash -c "[ -n '$csv' ] && head -1 '$csv' | grep -q '^year,' && [ \$(wc -l <'$csv') -ge 3 ]"

# ---- the unit reads the seed's message
logout_and_login chayouqian
wait_for "年审申报: 已发送税务" 10 >/dev/null
check "the unit reads that the result went to the tax bureau" \
	wait_until 10 joined_has "年审认证结果已发送至税务部门，您可至税务部门办理保障金缴纳相关业务!"
check "anzhi still runs" client_alive
e2e_done
