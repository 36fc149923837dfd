#!/usr/bin/env bash
# `make install DESTDIR=…` gives binaries that run from outside the source
# tree on what was installed beside them: PREFIX/share/anzhi (the policy and
# regions: an edit of the installed policy shows in `anzhi calc` and in the
# service's GET /policy), PREFIX/share/locale (an edit of the installed
# catalog shows), man pages, and a systemd unit with PREFIX's paths that
# `systemd-analyze security` rates well hardened.
set -uo pipefail
cd "$(dirname "$0")/../.."
src=$PWD
t=$(mktemp -d /tmp/anzhi-install-XXXXXX)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$t"; }
trap cleanup EXIT
fails=0
check() { # description command...
	local what=$1; shift
	if "$@" >"$t/out" 2>&1; then echo "ok - $what"; else
		echo "not ok - $what"; sed 's/^/#   /' "$t/out" | tail -15; fails=$((fails + 1)); fi
}

stage=$t/stage
prefix=/usr/local
root=$stage$prefix
check "make install DESTDIR=… PREFIX=$prefix" \
	make --no-print-directory install DESTDIR="$stage" PREFIX="$prefix"
have_all() { for f in "$@"; do [ -f "$root/$f" ] || { echo "missing $f"; return 1; }; done; }
check "installed: binaries, data, catalog, man pages, systemd unit" have_all \
	bin/anzhi bin/anzhid share/anzhi/policy/150000.json share/anzhi/regions/150000.csv \
	share/locale/zh_CN/LC_MESSAGES/anzhi.mo share/man/man1/anzhi.1 share/man/man8/anzhid.8 \
	lib/systemd/system/anzhid.service

# Edits of the installed copies only: what the binaries then show can only
# come from PREFIX/share, never from the source tree.
sed -i 's/"quota": "0.015"/"quota": "0.020"/' "$root/share/anzhi/policy/150000.json"
msgunfmt "$root/share/locale/zh_CN/LC_MESSAGES/anzhi.mo" -o "$t/zh.po" &&
	sed -i 's/^msgstr "残疾人就业保障金"$/msgstr "残疾人就业保障金(安装版)"/' "$t/zh.po" &&
	msgfmt -o "$root/share/locale/zh_CN/LC_MESSAGES/anzhi.mo" "$t/zh.po"

mkdir "$t/elsewhere" && cd "$t/elsewhere"
calc() { env -u ANZHI_DATADIR -u ANZHI_LOCALEDIR LANGUAGE=zh_CN LC_ALL=C.UTF-8 \
	"$root/bin/anzhi" calc levy --staff 100 --placed 1 --avg-wage 5000 --year 2025; }
calc >"$t/calc" 2>&1
check "anzhi calc reads the installed policy (its quota edited to 2%)" \
	grep -q "100 人 x 比例 2% = 2.00 人" "$t/calc"
check "anzhi calc speaks the installed catalog" grep -q "^残疾人就业保障金(安装版)" "$t/calc"

# the service on the installed data, from outside the tree
env -u ANZHI_DATADIR "$root/bin/anzhid" --data "$t/state" --listen 127.0.0.1:0 --demo \
	>"$t/anzhid.out" 2>"$t/anzhid.err" &
pid=$!
port=
for _ in $(seq 100); do
	port=$(sed -n 's|^listening on https://127.0.0.1:\([0-9]*\)$|\1|p' "$t/anzhid.out")
	[ -n "$port" ] && break
	sleep 0.1
done
check "the installed anzhid starts on the installed data" test -n "$port"
api() { curl -sk --max-time 10 "https://127.0.0.1:$port/api/v1$1" "${@:2}"; }
token=$(api /sessions -H 'Content-Type: application/json' \
	-d '{"username":"xinghe","password":"demo1234"}' | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
check "its GET /policy is the installed policy" \
	bash -c "curl -sk --max-time 10 -H 'Authorization: Bearer $token' \
		https://127.0.0.1:$port/api/v1/policy | grep -q '\"quota\": *\"0.020\"'"
check "its state directory is private (0700)" test "$(stat -c %a "$t/state")" = 700
cd "$src"

unit=$root/lib/systemd/system/anzhid.service
check "the unit runs the installed binary on its state directory" \
	grep -q "^ExecStart=$prefix/bin/anzhid --data /var/lib/anzhid " "$unit"
check "the unit: a user of its own, StateDirectory 0700, no new privileges, strict" \
	bash -c "grep -q '^DynamicUser=yes' '$unit' && grep -q '^StateDirectoryMode=0700' '$unit' &&
		grep -q '^NoNewPrivileges=yes' '$unit' && grep -q '^ProtectSystem=strict' '$unit' &&
		grep -q '^PrivateTmp=yes' '$unit'"
check "systemd-analyze security rates the unit's exposure at most 2.0 of 10" \
	systemd-analyze security --offline=true --threshold=20 "$unit"
exit $((fails > 0))
