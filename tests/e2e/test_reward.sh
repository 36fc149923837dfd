#!/usr/bin/env bash
# e2e: the over-quota reward (超比例奖励) from the keyboard on both sides — the
# unit sees the seed's fields and a mark per month for each person, applies
# for last year (its declaration passed), the reviewer passes the 初审, a
# supervisor who did not do it passes the 复审, and the unit saves the
# 奖励审核认定书 from its documents (a sealed PDF `anzhi verify` accepts). A
# supervisor who did the 初审 of another application is refused the 复审, in
# words. The graduate application (安置残疾大学生) of the same year is made
# too. The policy documents: the list, one read in the pager, / finds text.
. "$(dirname "$0")/lib.sh"

if ! e2e_start_server; then
	not_ok "anzhid --demo starts"
	e2e_done
fi
E2E_ENV="NO_COLOR=1" e2e_start_client

logout() { keys :; type_text logout; keys Enter; wait_for "用户名" 10 >/dev/null; }
# the cursor row (reverse video, without colours) begins with TEXT
cursor_on() { tmux -L "$E2E_SOCK" capture-pane -p -e -t e2e | grep -qF $'\e[7m'"$1"; }
# [ on the list: the year before, shown and loaded (the year on screen must
# change first: the old one matches any "业务年度 20xx")
last_year() {
	local y
	y=$(screen_text | grep -oE '业务年度 20[0-9]{2}' | tail -1 | grep -oE '20[0-9]{2}')
	keys '['
	wait_for "业务年度 $((y - 1))" 10 >/dev/null
	wait_idle
}

# ---- the unit applies for last year
login xinghe
check "signed in" wait_for "审核状态" 10
# this year: not applicable before the annual review, and a person left out says why
keys B
check "before the annual review the unit is told it cannot apply yet" \
	wait_for "尚未申请: 本年度申报通过年审后方可申请" 10
check "a person left out is listed with the reason" wait_re "^黄\*峰 .*在职月份未确认" 5
wait_idle # Esc while the screen still loads cancels the load and stays
keys Escape
wait_for "审核状态" 5 >/dev/null
last_year
keys B
check "the reward screen opens for last year, not applied yet" wait_for "尚未申请: 按 a 申请" 10
check "with the seed's fields" wait_re "上年度职工数 120 +上年度安置残疾人数 8\.00 +安置比例 1\.5%" 5
check "the excess and the amount" wait_re "超比例安置残疾人数 6\.20 +超比例奖励金额\(元\) 68100\.00" 5
check "the bank account from the unit's information" wait_re "账号 6228480000000000001 +开户银行 中国农业银行" 5
check "each counted person with a mark per month" wait_re "^\*嵘 +150924\*+[0-9X]+ +(✓ +){11}✓" 5
keys a
check "applying asks first, with the amount" wait_for "申请 20" 5
keys y
check "the application awaits the first review" wait_for "申请: 待初审" 10
# 安置残疾大学生申请: g switches to the graduate application of the same year
keys g
check "the graduate application counts the graduate who qualifies" \
	wait_re "安置残疾大学生 - .*符合条件的高校毕业生人数 1|符合条件的高校毕业生人数 1" 10
check "with the graduate's months" wait_re "^曾\*文 +150924\*+[0-9X]+ +(✓ +){11}✓" 5
keys a; wait_for "安置残疾大学生补贴" 5 >/dev/null; keys y
check "the graduate application awaits the first review" wait_for "申请: 待初审" 10
logout

# ---- 初审 by the region's reviewer
login reviewer
wait_for "通知公告" 10 >/dev/null
keys B
check "the reviewer's queue lists the application" wait_re "兴和县宏达商贸有限公司 +20[0-9]{2} +网报 +待初审" 10
keys Enter
check "the application opens with its persons" wait_re "初审: -" 10
keys p
check "the first review passes it on to the second" wait_for "申请: 待复审" 10
check "and says who passed it" wait_re "初审: 审核通过 reviewer" 5
logout

# ---- a supervisor: four eyes on another unit's application, then the 复审
login supervisor
wait_for "通知公告" 10 >/dev/null
keys B
check "the supervisor's queue holds the other unit's application" wait_re "呼和浩特草原绿能科技有限公司 .*待初审" 10
keys Enter
wait_re "初审: -" 10 >/dev/null
keys p
check "the supervisor passes that first review" wait_for "申请: 待复审" 10
keys p
check "and is refused its second review, in words" wait_for "复审须由未做初审" 10
check "the application stays awaiting the second review" wait_for "申请: 待复审" 5
wait_idle
keys Escape
wait_for "超比例奖励审核" 5 >/dev/null
keys f
check "the filter shows those awaiting the second review" wait_for "超比例奖励审核 - 待复审" 10
wait_re "兴和县宏达商贸有限公司" 10 >/dev/null
for _ in 1 2 3; do
	cursor_on "兴和县宏达" && break
	keys Down
	sleep 0.3
done
keys Enter
check "the reviewer's application opens" wait_re "初审: 审核通过 reviewer" 10
keys p
check "another supervisor's second review approves it" wait_for "申请: 审核通过" 10
logout

# ---- the unit saves the certificate from its documents
login xinghe
wait_for "审核状态" 10 >/dev/null
last_year
keys B
check "the unit sees the approval" wait_for "申请: 审核通过" 10
keys D
check "the documents screen offers the reward certification now" wait_re "奖励审核认定书 +✓ +现在" 10
out=$E2E_TMP/saved
mkdir -p "$out"
keys Down Down Down s
check "saving asks where to, with the certificate's own name" \
	wait_re "保存到.*reward-certification-91150924MA0HXD012T-20[0-9]{2}\.pdf" 5
keys C-u; type_text "$out/"; keys Enter
check "the certificate is saved" wait_re "已将奖励审核认定书保存到" 15
file=$(ls "$out"/reward-certification-*.pdf 2>/dev/null | head -1)
check "the saved file is a PDF" bash -c "[ -n '$file' ] && head -c 5 '$file' | grep -q '%PDF-'"
check "the certificate verifies against the service's keys" \
	env XDG_STATE_HOME="$E2E_TMP/state" "$ANZHI" verify --server "$E2E_URL" --pin "$E2E_PIN" "$file"
wait_idle
keys Escape
wait_for "超比例奖励 -" 5 >/dev/null
wait_idle
keys Escape
wait_for "审核状态" 5 >/dev/null

# ---- 政策法规: the list, a document in the pager, / finds text
keys L
check "the policies list shows title, issuer, number and date" \
	wait_re "财政部 .*财税〔2015〕72号 +2015-" 10
keys /
wait_for "在标题和文号中查找" 5 >/dev/null
type_text "奖励办法"; keys Enter
check "a search in the titles puts the cursor on the reward measures" \
	wait_until 5 cursor_on "内蒙古自治区超比例安排残疾人就业奖励"
keys Enter
check "the document opens in the pager, marked a summary" wait_for "(摘要)" 10
check "its first page does not reach how anzhi implements it" no_re "本系统的实现"
keys /
wait_for "查找:" 5 >/dev/null
type_text "本系统的实现"; keys Enter
check "/ in the pager brings the line with the text into view" wait_re "^本系统的实现：超出人数" 5

# ---- the calculator: the social average wage typed in, placed > staff refused
keys Escape Escape
wait_for "审核状态" 5 >/dev/null
keys c
wait_re '上年度职工数 +[0-9]+' 10 >/dev/null
type_text 200000; keys Tab
check "the calculator asks for the social average wage" wait_for "社会平均工资" 5
type_text 60000; keys Enter
check "the wage cap is the typed social average wage times the multiple" wait_re "60000\.00.*社会平均工资" 10
keys BTab BTab
keys C-u; type_text 999; keys Enter
check "more placed persons than staff are refused at the field" wait_for "超过上年度职工数" 5
check "anzhi still runs" client_alive
e2e_done
