#!/usr/bin/env bash
# doc: the documents a unit carries to the tax office, checked as their readers
# will — pdftotext finds the unit, the year and the totals of the 审核认定书;
# its first page, rendered by pdftoppm, matches the reference image; any
# changed byte makes `anzhi verify` refuse it (exit 1), an intact one passes
# (exit 0), bad usage is exit 2; a rotated key still verifies the documents
# signed before it; a revoked document fails `anzhi verify --online`.
# The service runs in test mode (fixed clock and key: the same bytes every
# run). UPDATE_REFERENCE=1 rewrites tests/doc/certification-p1.pgm.
. "$(dirname "$0")/lib.sh"
REF=$DOC_ROOT/tests/doc/certification-p1.pgm
T=$DOC_TMP

if ! doc_setup; then
	not_ok "anzhid --demo starts in test mode"
	doc_done
fi
set_status passed
check "the 审核认定书 downloads once the declaration has passed" download certification "$T/cert.pdf"
check "the 承诺书 downloads" download commitment "$T/commitment.pdf"
year_json=$(api GET "/units/$UNIT/years/$YEAR" -H "Authorization: Bearer $TOKEN")
confirmed=$(jq_path months_confirmed <<<"$year_json")
counted=$(jq_path months_counted <<<"$year_json")
placed=$(jq_path placed_persons <<<"$year_json")

# ---- what a reader of the text finds
pdftotext -layout "$T/cert.pdf" "$T/cert.txt"
has() { grep -q -- "$1" "$T/cert.txt"; }
check "pdftotext finds the unit's name" has "兴和县宏达商贸有限公司"
check "pdftotext finds the unit's credit code" has "$UNIT"
check "pdftotext finds the business year" has "${YEAR}年度"
check "pdftotext finds 本次累计安置确认 $confirmed 个月" grep -q "本次累计安置确认 *${confirmed}个月" "$T/cert.txt"
check "pdftotext finds 累计安置核定 $counted 个月" grep -q "累计安置核定 *${counted}个月" "$T/cert.txt"
check "pdftotext finds the placed persons ($placed)" has "${placed}人"
check "pdftotext finds a person by the full name the unit registered" has "施嵘"
check "pdftotext finds the federation that issued it" has "兴和县残疾人联合会"
check "the Info dictionary names the document" \
	bash -c "pdfinfo -custom '$T/cert.pdf' | grep -q 'AnzhiKind: *certification'"

# ---- what a reader of the page sees
pdftoppm -r 25 -gray -f 1 -l 1 -singlefile "$T/cert.pdf" "$T/page"
if [ "${UPDATE_REFERENCE:-0}" = 1 ]; then
	cp "$T/page.pgm" "$REF"
	echo "# wrote $REF"
fi
check "the first page matches the reference image ($("$DOC_ROOT/tests/doc/pgmdiff.py" "$T/page.pgm" "$REF"))" \
	"$DOC_ROOT/tests/doc/pgmdiff.py" "$T/page.pgm" "$REF"
pdftoppm -r 25 -gray -f 1 -l 1 -singlefile "$T/commitment.pdf" "$T/other"
check "the comparison tells another document apart" \
	bash -c "! '$DOC_ROOT/tests/doc/pgmdiff.py' '$T/other.pgm' '$REF' >/dev/null"

# ---- the seal: every byte counts
key_a=$(doc_field "$T/cert.pdf" key_id)
public_key "$key_a" >"$T/key_a.b64"
verify() { "$ANZHI" verify --key "$T/key_a.b64" "$@" >"$T/verify.out" 2>&1; }
verify "$T/cert.pdf"; rc=$?
check "anzhi verify accepts the intact document (exit 0)" [ "$rc" -eq 0 ]
check "anzhi verify says what it is" grep -q "review certification" "$T/verify.out"
check "anzhi verify names the unit, year, key and time" bash -c \
	"grep -q '兴和县宏达商贸有限公司 ($UNIT)' '$T/verify.out' && grep -q 'year: *$YEAR' '$T/verify.out' &&
	 grep -q 'key: *$key_a' '$T/verify.out' && grep -q 'signed at: 2026-01-15T10:00:00+08:00' '$T/verify.out'"
len=$(wc -c <"$T/cert.pdf")
sig=$(grep -a -o '/ByteRange \[[0-9 ]*\]' "$T/cert.pdf" | tail -n 1 | awk '{print $3 + 0}')
meta=$(grep -a -b -o '%ANZHI-DOC ' "$T/cert.pdf" | tail -n 1 | cut -d: -f1)
range=$(grep -a -b -o '/ByteRange \[' "$T/cert.pdf" | tail -n 1 | cut -d: -f1)
# spread over the file, the first and last bytes, the metadata line, the byte
# range's digits, inside the signature's hex digits and the brackets around it
positions="0 4 $((len - 1)) $((len - 7)) $((meta + 3)) $((meta + 40)) $((range + 13)) $((range + 35))
	   $((sig - 1)) $sig $((sig + 1)) $((sig + 64)) $((sig + 127)) $((sig + 128))"
for i in $(seq 1 24); do positions="$positions $((len * i / 25))"; done
bad=0 n=0
for p in $positions; do
	flip "$T/cert.pdf" "$p" "$T/flipped.pdf"
	verify "$T/flipped.pdf"; rc=$?
	n=$((n + 1))
	[ "$rc" -eq 1 ] || { echo "# byte $p flipped: exit $rc"; bad=$((bad + 1)); }
done
check "flipping any of $n bytes across the file and the seal makes anzhi verify fail (exit 1)" [ "$bad" -eq 0 ]
head -c $((len - 1)) "$T/cert.pdf" >"$T/short.pdf"; verify "$T/short.pdf"; rc=$?
check "a truncated document fails (exit 1)" [ "$rc" -eq 1 ]
{ cat "$T/cert.pdf"; echo; } >"$T/long.pdf"; verify "$T/long.pdf"; rc=$?
check "a byte appended fails (exit 1)" [ "$rc" -eq 1 ]

# ---- exit codes
"$ANZHI" verify >/dev/null 2>&1; rc=$?
check "no file is a usage error (exit 2)" [ "$rc" -eq 2 ]
"$ANZHI" verify --key "$T/key_a.b64" "$T/missing.pdf" >/dev/null 2>&1; rc=$?
check "an unreadable file is exit 2" [ "$rc" -eq 2 ]
"$ANZHI" verify --bogus "$T/cert.pdf" >/dev/null 2>&1; rc=$?
check "an unknown option is exit 2" [ "$rc" -eq 2 ]
XDG_STATE_HOME=$T/empty "$ANZHI" verify "$T/cert.pdf" >/dev/null 2>&1; rc=$?
check "no keys at all (no login, no --server, no --key) is exit 2" [ "$rc" -eq 2 ]
printf '%%PDF-1.4\n%%%%EOF\n' >"$T/plain.pdf"; verify "$T/plain.pdf"; rc=$?
check "a PDF without a seal is invalid (exit 1)" [ "$rc" -eq 1 ]
code=$(doc_field "$T/cert.pdf" code)
"$ANZHI" verify --key "$T/key_a.b64" --code "$code" >/dev/null 2>&1; rc=$?
check "the QR code's text checks out offline (exit 0)" [ "$rc" -eq 0 ]
"$ANZHI" verify --key "$T/key_a.b64" --code "$(tr 'A-Z' 'a-z' <<<"$code" | tr -d -)" >/dev/null 2>&1; rc=$?
check "typed in lower case without dashes too" [ "$rc" -eq 0 ]
typo=$(python3 -c 'import sys; c=sys.argv[1]; print(c[:2] + ("B" if c[2] != "B" else "C") + c[3:])' "$code")
"$ANZHI" verify --key "$T/key_a.b64" --code "$typo" >/dev/null 2>&1; rc=$?
check "a mistyped code is invalid (exit 1)" [ "$rc" -eq 1 ]

# ---- keys: fetched once from the service, then kept; a rotated key
"$ANZHI" verify --server "$URL" --pin "$PIN" "$T/cert.pdf" >/dev/null 2>&1; rc=$?
check "without keys, anzhi verify fetches them once from the service (exit 0)" [ "$rc" -eq 0 ]
check "and keeps them in \$XDG_STATE_HOME/anzhi/keys.json (0600)" \
	bash -c "[ \"\$(stat -c %a '$XDG_STATE_HOME/anzhi/keys.json')\" = 600 ]"
ANZHID_TEST_KEY_SEED=0202020202020202020202020202020202020202020202020202020202020202 \
	"$ANZHID" keys rotate --data "$T/data" >/dev/null 2>&1
check "anzhid keys rotate makes a new key" [ "$(api GET /keys | jq_path keys.1.id)" != "" ]
download commitment "$T/commitment2.pdf"
key_b=$(doc_field "$T/commitment2.pdf" key_id)
check "new documents are signed with the new key" [ "$key_b" != "$key_a" ]
public_key "$key_b" >"$T/key_b.b64"
"$ANZHI" verify --key "$T/key_b.b64" "$T/cert.pdf" >/dev/null 2>&1; rc=$?
check "a document of the old key does not verify under the new one (exit 1)" [ "$rc" -eq 1 ]
"$ANZHI" verify --server "$URL" --pin "$PIN" "$T/commitment2.pdf" >/dev/null 2>&1; rc=$?
check "a key the kept list lacks is fetched from the service again (exit 0)" [ "$rc" -eq 0 ]
"$ANZHI" verify "$T/cert.pdf" >/dev/null 2>&1; rc=$?
check "the old document still verifies, offline, after the rotation (exit 0)" [ "$rc" -eq 0 ]

# ---- revocation, online
"$ANZHI" verify --online --server "$URL" --pin "$PIN" "$T/cert.pdf" >"$T/online.out" 2>&1; rc=$?
check "--online: the register has it, not revoked (exit 0)" [ "$rc" -eq 0 ]
"$ANZHID" documents revoke --data "$T/data" "$code" --reason "认证反馈已受理" >/dev/null 2>&1
"$ANZHI" verify --online --server "$URL" --pin "$PIN" "$T/cert.pdf" >"$T/online.out" 2>&1; rc=$?
check "--online: a revoked document fails (exit 1) and says why" \
	bash -c "[ $rc -eq 1 ] && grep -q '认证反馈已受理' '$T/online.out'"
"$ANZHI" verify "$T/cert.pdf" >/dev/null 2>&1; rc=$?
check "offline it still verifies: it was issued, the register knows better (exit 0)" [ "$rc" -eq 0 ]
doc_done
