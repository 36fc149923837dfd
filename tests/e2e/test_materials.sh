#!/usr/bin/env bash
# e2e: the materials screen as a new user found it — the 编制本 kind is there;
# the upload prompt names the kind it uploads to and the cursor stays where
# the user put it (files once landed under the wrong kind after the cursor
# jumped); a file over the limit is refused before a byte is sent (once a
# 101 MB file was refused only after it was sent), the limit the service's
# own; progress shows bytes, percent and rate (through a slow link: a
# throttling proxy); Esc cancels an upload; delete names the file.
. "$(dirname "$0")/lib.sh"

if ! e2e_start_server; then
	not_ok "anzhid --demo starts"
	e2e_done
fi
USCC=91150924MA0HXD012T
# 王*英 (the 3rd person) has months that need materials
pid=$(jpy '[i["id"] for i in j["items"] if i["name_masked"] == "王*英"][0]' \
	"$(api_as xinghe GET "/units/$USCC/years/2025/placements?limit=20")")
kinds_of() { jpy '",".join(m["kind"] + ":" + m["filename"] for m in j["materials"])' \
	"$(api_as xinghe GET "/placements/$pid")"; }
to_materials() {
	login xinghe
	wait_re '^ +3 王\*英' 10 >/dev/null
	keys j j Enter
	wait_re '\*姓名 +王秀英' 10 >/dev/null
	keys C-n; wait_re '202512' 10 >/dev/null
	keys C-n; wait_for "资料上传" 10
}
kind_row() { keys Home; for ((i = 1; i < $1; i++)); do keys j; done; }
make_png "$E2E_TMP/proof.png"

url=$(slow_proxy 1500000) || { not_ok "the throttling proxy starts"; e2e_done; }
E2E_URL=$url   # the client's uploads go through a link of 1.5 MB/s
e2e_start_client
check "the materials screen opens" to_materials
check "编制本 is a kind of material" wait_re '^ *5 +编制本 ' 5
check "the limit shown is the service's" wait_for "上传文件大小不能超过100.0 MB" 5

# ---- the prompt names the kind; the cursor stays where it was put
kind_row 5
keys u
check "the upload prompt names the kind it uploads to" wait_for "上传到“编制本”" 5
type_text "$E2E_TMP/proof.png"; keys Enter
check "uploaded, and said where" wait_for "已上传 proof.png(编制本)" 15
has_proof() { [[ "$(kinds_of)" == *establishment:proof.png* ]]; }
check "the service has it under 编制本" has_proof
wait_re '^proof\.png +编制本' 5 >/dev/null
keys u
check "after the upload the cursor is still on 编制本" wait_for "上传到“编制本”" 5
keys Escape

# ---- progress: bytes, percent and rate; Esc cancels
make_big_png "$E2E_TMP/big.png" 6
kind_row 1
keys u; wait_for "上传到“工资发放证明”" 5 >/dev/null
type_text "$E2E_TMP/big.png"; keys Enter
check "progress shows bytes of the size, percent and rate" \
	wait_re '正在上传:[0-9.]+ [KM]B / 6\.0 MB\([0-9]+%\),[0-9.]+ [KM]?B/秒' 10
check "with a bar" wait_re '正在上传:.*\[#*\.+\]' 5
check "and it finishes" wait_for "已上传 big.png(工资发放证明)" 30
keys u; wait_for "上传到“工资发放证明”" 5 >/dev/null
type_text "$E2E_TMP/big.png"; keys Enter
wait_re '正在上传:' 10 >/dev/null
keys Escape
check "Esc cancels the upload" wait_for "已取消" 5
check "the progress is gone" wait_gone "正在上传:" 5
big_count() { kinds_of | tr , '\n' | grep -c 'big\.png'; }
check "and the service has no second copy" test "$(big_count)" = 1

# ---- a file over the limit is refused here, before it is sent
truncate -s 101M "$E2E_TMP/huge.png"
stop_service   # were it sent, the upload would hang
keys u; wait_for "上传到“" 5 >/dev/null
type_text "$E2E_TMP/huge.png"; keys Enter
check "a 101 MB file is refused at once, with its size and the limit" \
	wait_for "huge.png 大小为 101.0 MB,超过上限 100.0 MB。未上传。" 5
check "nothing is being sent" no_re '正在上传:'
resume_service

# ---- delete names the file
keys Tab
wait_re '^proof\.png +编制本' 5 >/dev/null
keys d
check "delete names the file and its kind" wait_for "删除 proof.png(编制本)?" 5
keys y
check "deleted" wait_for "已删除" 10
no_proof() { ! has_proof; }
check "the service no longer has it" wait_until 5 no_proof

# ---- a service with a lower limit: its limit is the one checked
tmux -L "$E2E_SOCK" kill-server
e2e_stop_server
kill "$(cat "$E2E_TMP/proxy.pid")"; rm -f "$E2E_TMP/proxy.pid" "$E2E_TMP/proxy.port"
rm -rf "$E2E_TMP/data"
e2e_start_server --max-upload-bytes 3000000 || { not_ok "anzhid restarts"; e2e_done; }
e2e_start_client
to_materials >/dev/null
check "the service's lower limit is shown" wait_for "上传文件大小不能超过2.9 MB" 10
truncate -s 4M "$E2E_TMP/four.png"
keys u; wait_for "上传到“" 5 >/dev/null
type_text "$E2E_TMP/four.png"; keys Enter
check "and a larger file refused before sending" wait_for "four.png 大小为 4.0 MB,超过上限 2.9 MB。未上传。" 5
check "the client is still running" client_alive
e2e_done
