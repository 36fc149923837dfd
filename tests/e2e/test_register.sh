#!/usr/bin/env bash
# e2e: a unit user registers a person from start to pending review, in the
# real anzhi (tmux, 80x24, zh_CN) against a real anzhid --demo — login, add a
# person by ID (registry autofill), a contract and its certificate, twelve
# months ticked with ✓/✗ per check, a PNG uploaded for the failed months, the
# person pending review (待审核); CJK alignment in the list; a resize mid-screen;
# the service stopped mid-session.
. "$(dirname "$0")/lib.sh"

if ! e2e_start_server; then
	not_ok "anzhid --demo starts"
	e2e_done
fi
# a registry person the demo placed nowhere this year (its accounts file says
# which); the list shows the ID masked as 6 digits, 5 stars, the last 7
IDNO=$(demo_addable_idno 0)
[ -n "$IDNO" ] || IDNO=150924198605141770
MASKED=${IDNO:0:6}*****${IDNO:11:7}
e2e_start_client
check "login screen shows" wait_for "用户名" 10
login xinghe
check "a unit user lands on the placement list of the business year" wait_for "安置人员列表" 10
check "list header counts (SPEC §4)" wait_for "已登记" 5
check "year totals shown" wait_for "本次累计安置确认" 5
check "masked ID numbers in the list" wait_for "150924*****" 10

# masked Chinese names stay aligned: the ID column starts at the same display
# column on every row, whatever the width of the name
aligned() {
	local cols
	cols=$(screen_text | grep -E '[0-9]{6}\*{5}' | while IFS= read -r line; do
		id=$(grep -oE '[0-9]{6}\*{5}[0-9X]{7}' <<<"$line" | head -1)
		display_col "$line" "$id"
	done | sort -u)
	[ -n "$cols" ] && [ "$(wc -l <<<"$cols")" -eq 1 ]
}
check "masked CJK names keep the ID column aligned by display width" aligned

# resize mid-screen: wider, then too small, then back
resize 100 30
check "resize to 100x30 redraws the list" wait_for "安置人员列表" 5
resize 60 20
check "below 80x24 says the terminal is too small" wait_for "终端太小" 5
resize 80 24
check "back at 80x24 the list returns" wait_for "安置人员列表" 5

# add a person by ID number: the registry fills the rest
keys a
check "the person form opens" wait_for "输入身份证号" 5
type_text "$IDNO"
check "a valid ID number fetches the registry and fills the form" wait_for "已从残疾人库带出" 10
name_filled() { screen_text | grep -E '\*姓名 +[^ ]' >/dev/null; }
check "the name came from the registry" name_filled
check "the registry's certificate is filled in" wait_for "残疾证 1" 5
# Tab to the contract's type (10 person fields, the section, the row, 2 selects)
for _ in $(seq 14); do keys Tab; done
keys Space Tab
type_text 2025-01-01; keys Tab
type_text 2025-12-31; keys Tab
type_text 保洁; keys Tab
type_text 3000.00
check "the contract row takes its fields" wait_for "3000.00" 5
resize 120 40
check "a resize mid-form keeps what was typed" wait_for "3000.00" 5
resize 80 24
wait_for "3000.00" 5 >/dev/null
keys C-n
check "保存,下一步 saves and opens the month grid" wait_for "安置登记月份" 10
wait_for "安置核定" 10 >/dev/null   # loaded (its totals shown): C-s needs the record
keys A C-s
check "saving the months shows the checks" wait_for "已保存" 10
wait_for "✗" 5 >/dev/null
check "a passed check shows ✓" wait_for "✓" 5
has_fail() { screen_text | grep -q "✗"; }
check "a failed check shows ✗" has_fail
# the cursor to the first month that failed (the demo says some do)
failed_row=$(screen_text | grep -E '^[^ ]* +[0-9]{6} ' | grep -n "✗" | head -1 | cut -d: -f1)
wait_idle   # the grid reloads after the save: keys before that are its old rows
keys Home
for _ in $(seq 2 "${failed_row:-1}"); do keys j; done
check "the cursor month's failure is said in words" wait_for "工资信息: " 10
check "the hint about a wrong credit code is beside a wage failure" wait_for "社会统一信用代码" 5
keys C-n
check "failed months lead to the materials" wait_for "资料上传" 10
make_png "$E2E_TMP/proof.png"
keys u
check "upload asks for a path, naming the kind it uploads to" wait_re '上传到“[^”]+”- 文件' 5
type_text "$E2E_TMP/proof.png"; keys Enter
check "the PNG is uploaded" wait_for "已上传 proof.png" 10
# one file for every material still needed: the cursor stays where it is put,
# so it is put on each kind still needed in turn; each upload is done when
# the reloaded list of files has one more
files() { screen_text | grep -c '^proof\.png '; }
more_files() { [ "$(files)" -gt "$1" ]; }
first_needed() { screen_text | grep -E '^ *[0-9]+ .*需上传' | head -1 | awk '{print $1}'; }
wait_until 10 more_files 0
for _ in 1 2 3 4 5 6 7 8; do
	row=$(first_needed)
	[ -n "$row" ] || break
	n=$(files)
	keys Home; for ((i = 1; i < row; i++)); do keys j; done
	keys u; wait_re '上传到“' 5 >/dev/null
	type_text "$E2E_TMP/proof.png"; keys Enter
	wait_until 10 more_files "$n"
done
check "every needed material has a file" wait_gone "需上传" 10
check "the person is pending review" wait_for "待审核" 10
# an uploaded file opens in the material viewer; from there in the user's
# own viewer (endwin, run, refresh)
keys Tab o
check "an uploaded file opens in the material viewer" wait_for "材料查看 — proof.png" 10
keys o
viewed() { for _ in $(seq 1 100); do [ -s "$E2E_TMP/viewed.bin" ] && break; sleep 0.05; done
	cmp -s "$E2E_TMP/viewed.bin" "$E2E_TMP/proof.png"; }
check "from there it opens in the user's viewer, byte for byte" viewed
check "the screen comes back after the viewer" wait_for "材料查看 — proof.png" 5
keys Escape
check "Esc goes back to the materials" wait_for "已上传附件" 5

# the service stops mid-session: a clear message, no crash, input kept
keys C-n   # 保存,下一步: done, back to the list
new_row_pending() { screen_text | grep -F "$MASKED" | grep -q "待审核"; }
check "back on the list the new person's row says 待审核" wait_until 10 new_row_pending
keys a
wait_for "输入身份证号" 5 >/dev/null
e2e_stop_server
type_text 11010519491231002X
check "with the service gone the registry look-up says so" wait_for "无法连接服务" 15
keys Tab; type_text 测试人
keys C-s
check "a save with the service gone gives a clear message" wait_for "无法连接服务" 15
check "the client is still running" client_alive
check "what was typed is kept (ID number)" wait_for "11010519491231002X" 2
check "what was typed is kept (name)" wait_for "测试人" 2

e2e_done
