#!/usr/bin/env bash
# e2e: the review outbox (issue 10). u takes the last decision back while it
# is still held; the link drops (the service stopped, then killed) with
# decisions in the outbox: they are kept on disk (0600) and go out when anzhi
# starts next; behind a 200 ms link, moving on draws the next case without
# the network at all — the link frozen, V still shows the next case.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/review_lib.sh"
trap 'stop_delay_proxy; e2e_cleanup' EXIT

if ! e2e_start_server; then
	not_ok "anzhid --demo starts"
	e2e_done
fi
li=$(case_id '李*国')
huang=$(case_id '黄*峰')
dong=$(case_id '董*兰')
cheng=$(case_id '程*新')
e2e_start_client
login reviewer
check "signed in on the queue" wait_for "安置审核 - 业务年度" 10
check "the queue arrives" wait_re "1 .*李\*国" 10

# ---- undo
keys Enter
check "the first case opens" wait_re "审核 1/7 - 李建国" 10
wait_re "下一位： ?黄晓峰" 10 >/dev/null
keys V
check "V moves on" wait_re "审核 1/[0-9]+ - 黄晓峰" 5
keys u
check "u takes the decision back: the case is on screen again" wait_re "审核 1/7 - 李建国" 5
check "with what was decided on it" wait_re "^202507 .*待审核 +有效" 5
sleep 4   # longer than the outbox holds a decision
check "nothing was sent" test "$(case_status "$li")" = pending
keys V
check "decided again, on to the next" wait_re "审核 1/[0-9]+ - 黄晓峰" 5
all_confirmed() {
	local id
	for id in "$@"; do [ "$(case_status "$id")" = confirmed ] || return 1; done
}
check "the service has it" wait_until 15 all_confirmed "$li"

# ---- the link drops with decisions in the outbox
wait_re "下一位： ?董秀兰" 10 >/dev/null
kill -STOP "$E2E_SERVER_PID"
keys V
check "with the service stopped, V still draws the next case" wait_re "审核 1/[0-9]+ - 董秀兰" 5
keys V
check "a second decision goes into the outbox" wait_for "已审核：已进入发件箱" 5
keys q
check "anzhi ends (a few seconds to send, then it leaves the rest)" wait_for "ANZHI-EXITED" 15
f=$(outbox_file)
check "the outbox is kept on disk" test -n "$f"
check "readable by its owner only (0600)" test "$(stat -c %a "$f" 2>/dev/null)" = 600
check "with both decisions" test "$(outbox_entries)" = 2
check "the service restarts (killed while stopped)" restart_server_same_port
check "the decisions had not reached it" \
	bash -c "[ '$(case_status "$huang")' = pending_contract ] && [ '$(case_status "$dong")' = pending ]"
tmux -L "$E2E_SOCK" kill-server 2>/dev/null
e2e_start_client
login reviewer
check "the next start says what goes out" wait_for "上次会话的 2 个审核决定现在发送" 10
check "and sends them: both confirmed" wait_until 20 all_confirmed "$huang" "$dong"
check "the outbox file is gone once empty" wait_until 5 bash -c "! ls $E2E_TMP/home/.state/anzhi/outbox-*.json >/dev/null 2>&1"
keys q
wait_for "ANZHI-EXITED" 10 >/dev/null

# ---- behind a 200 ms link: the next case is drawn from what was fetched ahead
check "a 200 ms delaying proxy in front of the service" start_delay_proxy 200
tmux -L "$E2E_SOCK" kill-server 2>/dev/null
E2E_URL=$PROXY_URL e2e_start_client
login reviewer
check "signed in through the slow link" wait_for "安置审核 - 业务年度" 20
check "the queue arrives" wait_re "1 .*程\*新" 20
keys Enter
check "the case under the cursor opens" wait_re "审核 1/[0-9]+ - 程立新" 20
check "the next one is fetched while it is read" wait_re "下一位： ?曹凤英" 20
kill -STOP "$PROXY_PID"   # no byte passes now
keys V
check "with the link frozen, V draws the next case all the same" wait_re "审核 1/[0-9]+ - 曹凤英" 3
kill -CONT "$PROXY_PID"
check "once the link moves again the decision goes out" wait_until 30 all_confirmed "$cheng"
check "the client is still running" client_alive
e2e_done
