#!/usr/bin/env bash
# e2e: keys are the user's — ~/.config/anzhi/keys read on top of the defaults
# (the hint bar shows the new key), a conflict in it reported at start, and
# the `:` command line running an action or a bind line.
. "$(dirname "$0")/lib.sh"

if ! e2e_start_server; then
	not_ok "anzhid --demo starts"
	e2e_done
fi
mkdir -p "$E2E_TMP/home/.config/anzhi"
cat >"$E2E_TMP/home/.config/anzhi/keys" <<'KEYS'
# mine
bind placements x delete
bind placements w refresh
bind placements w notices
KEYS
e2e_start_client
check "a conflict in the keys file is reported at start, in Chinese" wait_for "冲突:placements" 10
login xinghe
check "signed in" wait_for "150924*****" 10
check "the hint bar shows the key bound in the keys file" wait_for "x 删除" 5
keys x
check "the rebound key runs its action (delete asks first)" wait_for "y = 是, n = 否" 5
keys n
keys :
type_text "bind placements z notices"; keys Enter
check "a bind line at the : prompt is accepted" wait_for "按键绑定已更改" 5
keys z
check "the key bound at the : prompt works" wait_for "通知公告" 5
keys Escape
wait_for "150924*****" 5 >/dev/null
keys :
type_text "help"; keys Enter
check "an action by name at the : prompt runs" wait_for "本界面按键" 5
keys Escape :
type_text "no-such-thing"; keys Enter
check "an unknown command says so" wait_for "未知命令" 5
e2e_done
