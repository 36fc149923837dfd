#!/usr/bin/env bash
# e2e: the accessible mode (--accessible) for braille displays and screen
# readers.  Every screen is driven and the terminal cursor read back
# (tmux's cursor_x, cursor_y, cursor_flag): after every movement key it is
# visible and on the focused row or field; a new message holds it until the
# next key; read-row says the month grid's row in words; the marks are words;
# `:set noaccessible` / `:set accessible` switch at once.
. "$(dirname "$0")/lib.sh"

if ! e2e_start_server; then
	not_ok "anzhid --demo starts"
	e2e_done
fi

cursor() { tmux -L "$E2E_SOCK" display -p -t e2e '#{cursor_x} #{cursor_y} #{cursor_flag}'; }

# at_focus REGEX [MINX [MAXX]]: the cursor is visible, on a line matching
# REGEX, at a column in [MINX, MAXX]
at_focus() {
	local x y f line
	read -r x y f <<<"$(cursor)"
	[ "$f" = 1 ] || return 1
	line=$(screen_text | sed -n "$((y + 1))p")
	printf '%s\n' "$line" | grep -qE -- "$1" || return 1
	[ "$x" -ge "${2:-0}" ] && [ "$x" -le "${3:-999}" ]
}

# focus NAME REGEX [MINX [MAXX]]: waits for at_focus, says ok / not ok
focus() {
	local name=$1
	shift
	if wait_until 5 at_focus "$@"; then
		ok "$name"
	else
		not_ok "$name (cursor $(cursor))"
		screen_text | sed 's/^/# | /'
	fi
}

hidden() { [ "$(cursor | cut -d' ' -f3)" = 0 ]; }

# back_to TITLE: Esc, then the screen below is shown and has its data (Esc
# while a request runs cancels the request instead of leaving)
back_to() {
	keys Escape
	wait_for "$1" 10 >/dev/null && wait_gone "加载中" 10
}

e2e_start_client --accessible
STATUS=22   # the status bar's line (0-based) at 80x24

# ---- login: the fields, then the demo accounts' list
focus "login: the cursor is on the user name field" '用户名' 2 60
type_text xinghe
focus "login: it follows the caret as one types" '用户名 +xinghe' 20 60
keys Tab
focus "login: Tab puts it on the password field" '密码' 2 60
keys Tab
focus "login: Tab again: on the first demo account, at the row's start" '^  xinghe ' 2 2
keys j
focus "login: j moves it to the next account" '^  caoyuan ' 2 2
keys k
focus "login: k moves it back" '^  xinghe ' 2 2
keys Enter
focus "login: Enter fills the form and the cursor is on the password" '密码 +\*+' 2 60
keys Enter

# ---- a new message holds the cursor until the next key
focus "a new message takes the cursor (a screen reader says it)" '已登录' 1 1
wait_for "安置人员列表" 10 >/dev/null
check "it is on the status line" test "$(cursor | cut -d' ' -f2)" = $STATUS

# ---- the placement list
keys j
focus "list: the next key puts it back, on row 2" '^.. +2 ' 0 0
keys j
focus "list: j moves it to row 3" '^.. +3 ' 0 0
keys k
focus "list: k moves it to row 2" '^.. +2 ' 0 0
keys End
focus "list: End moves it to the last row" '^.. +10 ' 0 0
keys Home
focus "list: Home moves it to the first row" '^.. +1 ' 0 0
keys PgDn
focus "list: PgDn moves it down a page" '^.. +10 ' 0 0
keys PgUp
focus "list: PgUp moves it back" '^.. +1 ' 0 0
keys =
focus "list: read-row says the row in words, the cursor on them" '序 1 姓名 .* 身份证号 150924' 1 1
keys j
focus "list: and the next key is on row 2 again" '^.. +2 ' 0 0

# ---- the prompt and the dialog
keys /
focus "the search prompt: on its caret on the bottom line" '身份证号\(前几位\)或姓名' 10 79
check "the prompt is the last line" test "$(cursor | cut -d' ' -f2)" = 23
keys Escape
focus "Esc: back on row 2" '^.. +2 ' 0 0
keys d
focus "the delete question: on its answers" 'y = 是, n = 否'
keys n
focus "n: back on row 2" '^.. +2 ' 0 0

# ---- one person's form (王秀英: months failed, materials needed)
keys j
keys Enter
wait_for "残疾人基本信息" 10 >/dev/null
focus "person: on the ID number's caret" '身份证号 +150921' 15 39
keys Tab
focus "person: Tab to the name, the right half" '姓名 +王秀英' 41 79
keys Tab
focus "person: Tab to a choice field, at its value" '户籍地类型' 15 39
keys BTab
focus "person: S-Tab back to the name" '姓名 +王秀英' 41 79
keys C-n

# ---- the month grid: the current month, marks as words, read-row
wait_for "安置登记月份" 10 >/dev/null
focus "months: on the first month" '^是 +202501 ' 0 0
keys j
focus "months: j to 202502" '^是 +202502 ' 0 0
keys Right
focus "months: Right to 202503" '^是 +202503 ' 0 0
keys Left
focus "months: Left back to 202502" '^是 +202502 ' 0 0
check "months: the checks read 通过 / 不通过, not ✓ / ✗" \
	wait_re '^是 +202507 不通过 +通过 ' 5
check "months: no ✓ or ✗ left on the grid" no_re '^是 .*(✓|✗)'
keys End
keys k k k k k
focus "months: on 202507" '^是 +202507 ' 0 0
keys =
focus "months: read-row says the month and each check in words" \
	'202507 登记 是 工资 不通过 社保 通过 医保 通过' 1 1
keys j
focus "months: the next key: on 202508" '^是 +202508 ' 0 0
keys C-n

# ---- materials: the kinds, then the files
wait_for "资料上传" 10 >/dev/null
focus "materials: on the first kind still needed" '工资发放证明' 0 0
keys j
focus "materials: j to the next kind" '社会保险缴费凭证' 0 0
keys k
make_png "$E2E_TMP/wage.png"
keys u
focus "materials: the upload prompt's caret" '上传' 10 79
type_text "$E2E_TMP/wage.png"
keys Enter
focus "materials: the upload's message takes the cursor" '已上传 wage.png' 1 1
wait_re '^wage\.png ' 10 >/dev/null
keys Tab
focus "materials: Tab to the uploaded files" '^wage\.png ' 0 0
check "materials: an uploaded kind reads 已上传, not ✓" wait_re '工资发放证明 +1 已上传' 5
wait_gone "加载中" 10
back_to "安置登记月份"
back_to "残疾人基本信息"
back_to "安置人员列表"
focus "back on the list, on the row it left" '^.. +3 ' 0 0

# ---- notices and one notice in the pager
keys N
wait_for "通知公告" 10 >/dev/null
focus "notices: on the first notice" '^(新 )?.* 20[0-9-]+' 0 0
keys j
focus "notices: j to the second" '20[0-9-]+ ' 0 0
keys Enter
focus "pager: on the first line of the notice's text" '.' 0 0
pager_y=$(cursor | cut -d' ' -f2)
check "pager: below the title and the date" test "$pager_y" = 3
back_to "通知公告"
back_to "安置人员列表"

# ---- help, the calculator, the unit's information, the message log
keys '?'
focus "help: on the first line shown" '本界面按键' 0 0
keys q
keys c
focus "calculator: on the wage field's caret" '职工年平均工资' 15 39
keys Tab
focus "calculator: Tab to the social average wage, the right half" '社会平均工资' 41 79
back_to "安置人员列表"
keys U
focus "unit: on the tax number's caret" '税务登记证号' 15 39
keys Tab
focus "unit: Tab to the organisation code, the right half" '组织机构代码' 41 79
back_to "安置人员列表"
keys M
focus "messages: on the first line of the log" '^[0-9]{2}:[0-9]{2}:[0-9]{2} ' 0 0
keys q

# ---- switched at the command line
wait_for "安置人员列表" 10 >/dev/null
keys : ; type_text "set noaccessible"; keys Enter
check "':set noaccessible': the list hides the cursor again" wait_until 5 hidden
keys : ; type_text "set accessible"; keys Enter
focus "':set accessible': the cursor is back, on the message first" '无障碍模式已开启' 1 1
keys j
focus "then on the row" '^.. +[0-9]+ ' 0 0
check "the client is still running" client_alive
e2e_done
