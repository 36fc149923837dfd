#!/usr/bin/env bash
# e2e: the scriptable face of the workbench (issue 10, "Scriptable") —
# `anzhi login` / `anzhi logout` and `anzhi review list|show|decide` against a
# real anzhid --demo, as a script runs them: the password on standard input
# (or typed at a prompt that does not echo it), the session kept 0600 in a
# 0700 directory, the queue of the reviewer's region as JSON or a masked
# table, decisions with the service's answer in the exit status (0 done,
# 1 refused with the problem's code on stderr, 2 usage).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/review_lib.sh"

if ! e2e_start_server; then
	not_ok "anzhid --demo starts"
	e2e_done
fi
export HOME=$E2E_TMP/home XDG_STATE_HOME=$E2E_TMP/home/.state XDG_CONFIG_HOME=$E2E_TMP/home/.config
mkdir -p "$HOME"
state=$XDG_STATE_HOME/anzhi
OUT=$E2E_TMP/out ERR=$E2E_TMP/err
# run ARGS…: anzhi with stdin from $IN (default empty); RC, $OUT, $ERR
run() { "$ANZHI" "$@" <"${IN:-/dev/null}" >"$OUT" 2>"$ERR"; RC=$?; }
rc_is() { [ "$RC" -eq "$1" ] || { echo "# exit $RC, wanted $1"; sed 's/^/# err| /' "$ERR"; return 1; }; }
err_has() { grep -qE -- "$1" "$ERR" || { echo "# stderr lacks /$1/"; sed 's/^/# err| /' "$ERR"; return 1; }; }
mode_of() { stat -c %a "$1"; }
demo_password reviewer >"$E2E_TMP/pw"

# ---- login
IN=$E2E_TMP/wrong; echo wrong-password >"$IN"
run login --server "$E2E_URL" --pin "$E2E_PIN" reviewer
check "a wrong password exits 1 and says so" bash -c "[ $RC -eq 1 ] && grep -q '用户名或密码错误' '$ERR'"
check "a refused login keeps no session" test ! -e "$state/session.json"
IN=/dev/null run login --server "$E2E_URL" --pin "$E2E_PIN" reviewer
check "no password on stdin is a usage error (exit 2)" rc_is 2
IN=$E2E_TMP/pw run login --server "$E2E_URL" --pin "$E2E_PIN" --password demo1234 reviewer
check "the password is never an argument (exit 2)" rc_is 2

mkdir -p "$XDG_CONFIG_HOME/anzhi"
printf 'server = %s\npin = %s\npage_size = 2\n' "$E2E_URL" "$E2E_PIN" >"$XDG_CONFIG_HOME/anzhi/config"
IN=$E2E_TMP/pw run login reviewer
check "login reads the password from stdin, server and pin from the config file" rc_is 0
check "login says who is logged in" grep -q "reviewer" "$OUT"
check "the session file is mode 0600" bash -c "[ \"\$(stat -c %a '$state/session.json')\" = 600 ]"
check "its directory is mode 0700" bash -c "[ \"\$(stat -c %a '$state')\" = 700 ]"
session_ok() {
	python3 - "$state/session.json" "$E2E_URL" <<'PY'
import json, sys, time
s = json.load(open(sys.argv[1]))
assert s["server"] == sys.argv[2] and s["username"] == "reviewer" and len(s["token"]) >= 32
assert time.time() + 3600 < s["expires_at"] < time.time() + 86400 * 2
PY
}
check "the session keeps its token, server and expiry" session_ok
check "the federation's document keys are kept for anzhi verify" \
	bash -c "python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))[\"keys\"]' '$state/keys.json'"

# ---- list
run review list --json
check "review list --json exits 0" rc_is 0
cp "$OUT" "$E2E_TMP/list.json"
scoped() {
	python3 - "$E2E_TMP/list.json" <<'PY'
import json, sys
q = json.load(open(sys.argv[1]))
items = q["items"]
assert len(items) >= 2 and len(items) == q["total"], (len(items), q["total"])
# page_size = 2 in the config: every page was read, none twice
assert len({i["id"] for i in items}) == len(items)
for i in items:
    assert i["uscc"][2:6] == "1509", i["uscc"]          # 乌兰察布市 only
    assert "*" in i["name_masked"] and "*" in i["idno_masked"]
PY
}
check "list --json parses, reads every page and keeps to the reviewer's region (150900)" scoped
# a reviewer of 呼和浩特市 (150100): the same command, none of 乌兰察布市's cases
echo hohhot-pass-2025 | "$B/anzhid" user add --data "$E2E_TMP/data" --username hohhot \
	--role reviewer --region 150100 >/dev/null 2>&1
echo hohhot-pass-2025 >"$E2E_TMP/pw2"
other_state() { XDG_STATE_HOME=$E2E_TMP/other-state "$@"; }
IN=$E2E_TMP/pw2 other_state run login hohhot
other_state run review list --json
none_of_1509() { python3 -c '
import json, sys
q = json.load(open(sys.argv[1]))
assert q["total"] == 0 and not any(i["uscc"][2:6] == "1509" for i in q["items"])' "$OUT"; }
check "the list is scoped on the service: a reviewer of 150100 sees none of 150900's cases" none_of_1509
run review list
check "review list prints a table" bash -c "[ $RC -eq 0 ] && grep -q '待审核' '$OUT' && grep -q '兴和县宏达商贸有限公司' '$OUT'"
case1=$(case_id '李*国')
full_idno=$(api GET "/placements/$case1" "$(api_login reviewer)" | jval person.idno)
check "the table masks ID numbers" bash -c "! grep -q '$full_idno' '$OUT' && grep -q '150924\*\*\*\*\*' '$OUT'"
run review list --region 150900 --status pending_contract --json
only_contract() { python3 -c '
import json, sys
q = json.load(open(sys.argv[1]))
assert q["items"] and all(i["status"] == "pending_contract" for i in q["items"])' "$OUT"; }
check "list --status filters on the service" only_contract
run review list --region 150105
check "a region outside the reviewer's is refused by the service (exit 1, field region)" \
	bash -c "[ $RC -eq 1 ] && grep -qE 'invalid_field.*region' '$ERR'"

# ---- decide
run review show "$case1" --json
cp "$OUT" "$E2E_TMP/case1.json"
sys_month=$(python3 -c '
import json, sys
p = json.load(open(sys.argv[1]))
print(next(m["month"] for m in p["months"] if m["result"] == "system"))' "$E2E_TMP/case1.json")
run review decide "$case1" --month "$sys_month=valid"
check "a decision on a system-confirmed month exits 1" rc_is 1
check "with the problem's code and field on stderr" err_has "month_not_pending.*months\[0\]"
check "and the case still awaits review" bash -c "[ '$(case_status "$case1")' = pending ]"

run review decide "$case1" --all-valid
check "decide --all-valid exits 0 once the service answered" rc_is 0
check "the case is 已审核确认 on the service" bash -c "[ '$(case_status "$case1")' = confirmed ]"
run review decide "$case1" --all-valid
check "a case with nothing pending: exit 1, nothing sent" \
	bash -c "[ $RC -eq 1 ] && grep -q '没有待审核' '$ERR'"

dispatch=$(case_id '黄*峰')
run review decide "$dispatch" --all-valid
check "decide --all-valid clears a dispatch case (its three items included)" \
	bash -c "[ $RC -eq 0 ] && [ '$(case_status "$dispatch")' = confirmed ]"
items_valid() {
	api GET "/placements/$dispatch" "$(api_login reviewer)" | python3 -c '
import json, sys
p = json.load(sys.stdin)
assert [i["result"] for i in p["dispatch_items"]] == ["valid"] * 3'
}
check "every dispatch item is 有效 on the service" items_valid

other=$(case_id '董*兰')
pending=$(api GET "/placements/$other" "$(api_login reviewer)" | python3 -c '
import json, sys
print(" ".join(m["month"] for m in json.load(sys.stdin)["months"] if m["result"] == "pending"))')
set -- $pending
run review decide "$other" --month "$1=invalid:工资低于最低工资标准" --month "$2=valid"
check "decide --month sends each month's decision (exit 0)" rc_is 0
month_is() {
	api GET "/placements/$other" "$(api_login reviewer)" | python3 -c '
import json, sys
m = {x["month"]: x for x in json.load(sys.stdin)["months"]}
assert m[sys.argv[1]]["result"] == sys.argv[2], m[sys.argv[1]]
assert sys.argv[2] != "invalid" or m[sys.argv[1]]["review_reason"] == "工资低于最低工资标准"' "$1" "$2"
}
check "the invalid month has its reason on the service" month_is "$1" invalid
check "the valid month too" month_is "$2" valid

# ---- anzhi tax export works in the same kept session
year=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["year"])' "$E2E_TMP/data/demo-accounts.json")
ANZHI_TOKEN= run tax export --year "$year" --csv
check "anzhi tax export uses the session anzhi login kept (exit 0, the CSV header)" \
	bash -c "[ $RC -eq 0 ] && head -1 '$OUT' | grep -q '^uscc,unit_name,year,'"

ANZHI_TOKEN= run tax export --year "$year" --csv --server https://127.0.0.2:1
check "the kept token is never sent to another service (exit 2)" \
	bash -c "[ $RC -eq 2 ] && grep -q '$E2E_URL' '$ERR'"

# ---- usage
run review decide
check "decide without a case is a usage error (exit 2)" rc_is 2
run review decide "$other" --all-valid --month "$3=valid"
check "--all-valid with --month is a usage error (exit 2)" rc_is 2
run review decide "$other" --month "$3=invalid"
check "an invalid month without a reason is a usage error (exit 2)" rc_is 2
run review decide "$other" --month 2025-03=valid
check "a malformed month is a usage error (exit 2)" rc_is 2
run review list --year twenty
check "a malformed year is a usage error (exit 2)" rc_is 2
run review frobnicate
check "an unknown review verb is a usage error (exit 2)" rc_is 2

# ---- the session ends
cp "$state/session.json" "$E2E_TMP/session.saved"
python3 - "$state/session.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); s["expires_at"] = 1
json.dump(s, open(sys.argv[1], "w"))
PY
run review list
check "an expired session: exit 1, says it expired" bash -c "[ $RC -eq 1 ] && grep -q '会话已于 .* 过期' '$ERR'"
cp "$E2E_TMP/session.saved" "$state/session.json"

run logout
check "logout exits 0" rc_is 0
check "logout removes the session file" test ! -e "$state/session.json"
run review list
check "after logout, list says to log in (exit 1)" bash -c "[ $RC -eq 1 ] && grep -q 'anzhi login' '$ERR'"
ANZHI_TOKEN= run tax export --year "$year" --csv
check "and so does tax export, writing nothing (exit 1)" \
	bash -c "[ $RC -eq 1 ] && grep -q 'anzhi login' '$ERR' && [ ! -s '$OUT' ]"
cp "$E2E_TMP/session.saved" "$state/session.json"
run review list --json
check "the ended token is refused by the service (401): exit 1, log in again" \
	bash -c "[ $RC -eq 1 ] && grep -q 'anzhi login' '$ERR' && grep -q 'unauthorized' '$ERR'"
check "and the dead session file is gone" test ! -e "$state/session.json"

# ---- an account with a second factor (the service answers totp_required)
python3 "$(dirname "$0")/totp_service.py" >"$E2E_TMP/totp.port" &
totp_pid=$!
wait_until 10 test -s "$E2E_TMP/totp.port"
totp_url=http://127.0.0.1:$(cat "$E2E_TMP/totp.port")
totp_login() { printf "$1" >"$E2E_TMP/in2"; IN=$E2E_TMP/in2 XDG_STATE_HOME=$E2E_TMP/totp-state run login --server "$totp_url" alice; }
totp_login 'pw-2fa-2025\n'
check "without a code, login says the account needs one (exit 1)" \
	bash -c "[ $RC -eq 1 ] && grep -q '需要动态验证码' '$ERR'"
totp_login 'pw-2fa-2025\n000000\n'
check "a wrong code is named as such, not as a wrong password (exit 1)" \
	bash -c "[ $RC -eq 1 ] && grep -q '动态验证码不正确' '$ERR'"
totp_login 'pw-2fa-2025\n123456\n'
check "the code on the line after the password logs in" \
	bash -c "[ $RC -eq 0 ] && [ -s '$E2E_TMP/totp-state/anzhi/session.json' ]"
kill "$totp_pid" 2>/dev/null; wait "$totp_pid" 2>/dev/null

# ---- the password typed at a terminal is not echoed
tmux -L "$E2E_SOCK" -f /dev/null new-session -d -x 80 -y 24 -s e2e \
	"env HOME=$HOME XDG_STATE_HOME=$XDG_STATE_HOME XDG_CONFIG_HOME=$XDG_CONFIG_HOME LC_ALL=C.UTF-8 LANGUAGE=zh_CN \
	 $ANZHI login reviewer; echo LOGIN-EXITED \$?; sleep 600"
check "on a terminal, login asks for the password" wait_for "密码:" 10
type_text "$(cat "$E2E_TMP/pw")"; keys Enter
check "the login succeeds" wait_for "LOGIN-EXITED 0" 15
no_echo() { ! screen_text | grep -qF "$(cat "$E2E_TMP/pw")"; }
check "and the password never showed on the terminal" no_echo
e2e_done
