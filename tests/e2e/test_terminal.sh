#!/usr/bin/env bash
# e2e: the terminal goes away mid-form (an SSH link dropping closes the pty):
# anzhi saves the unsaved person form as a draft and exits within a second,
# without spinning; the next start offers the draft back right after signing
# in, and Enter resumes it.
. "$(dirname "$0")/lib.sh"

if ! e2e_start_server; then
	not_ok "anzhid --demo starts"
	e2e_done
fi
e2e_start_client
login xinghe
check "signed in" wait_for "安置人员列表" 10
keys a
wait_for "输入身份证号" 5 >/dev/null
type_text 1509241986
keys Tab
type_text 草稿人
check "the form holds what was typed" wait_for "草稿人" 5

pid=$(pgrep -f -- "--server $E2E_URL" | while read -r p; do
	[ "$(cat /proc/"$p"/comm 2>/dev/null)" = anzhi ] && echo "$p"; done | head -1)
check "anzhi's process is found" test -n "$pid"
tmux -L "$E2E_SOCK" kill-server
gone=no
for _ in $(seq 1 20); do
	# gone, or a zombie nobody has reaped yet (it has exited all the same)
	state=$(awk '{print $3}' /proc/"$pid"/stat 2>/dev/null)
	[ -z "$state" ] || [ "$state" = Z ] && { gone=yes; break; }
	sleep 0.05
done
check "anzhi exits within a second of losing its terminal" test "$gone" = yes
drafts="$E2E_TMP/home/.state/anzhi/drafts/xinghe"
one_draft() { [ "$(ls "$drafts" 2>/dev/null | grep -c '^person-new-.*\.json$')" -eq 1 ]; }
check "the unsaved form was kept as a draft" one_draft
has_name() { grep -q "草稿人" "$drafts"/person-new-*.json; }
check "the draft holds the typed name" has_name
private() { [ "$(stat -c %a "$drafts"/person-new-*.json)" = 600 ] && [ "$(stat -c %a "$drafts")" = 700 ]; }
check "the draft is private to its user (0600 in a 0700 folder)" private

e2e_start_client
login xinghe
check "the next start offers the draft after signing in" wait_for "未保存的草稿:1 份" 10
check "named by the masked name" wait_re '添加残疾人 +草\*人' 5
keys Enter
check "Enter restores the draft" wait_for "已恢复未保存的草稿" 5
check "with the typed ID number" wait_for "1509241986" 5
e2e_done
