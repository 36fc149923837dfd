#!/usr/bin/env bash
# doc: doc/verify.md's commands check a document with openssl alone — run
# exactly as written (every ```sh block, in order, by /bin/sh) on a document
# the service made: openssl says "Signature Verified Successfully" for it and
# fails for the same document with one byte changed.
. "$(dirname "$0")/lib.sh"
T=$DOC_TMP

if ! doc_setup; then
	not_ok "anzhid --demo starts in test mode"
	doc_done
fi
# the doc's blocks, as one script
awk '/^```sh$/ {on = 1; next} /^```$/ {on = 0} on' "$DOC_ROOT/doc/verify.md" >"$T/verify.sh"
check "doc/verify.md has the openssl check among its commands" \
	grep -q 'openssl pkeyutl -verify -pubin -inkey key.pem -rawin' "$T/verify.sh"

# SERVER as the doc says; curl trusts the demo's self-signed certificate
export SERVER=$URL CURL_CA_BUNDLE=$T/data/tls/cert.pem
run_doc() { # DIR PDF — the doc's commands on PDF copied to DIR/doc.pdf
	mkdir -p "$1" && cp "$2" "$1/doc.pdf" && (cd "$1" && sh -e "$T/verify.sh") >"$1.out" 2>&1
}

set_status passed
check "the 审核认定书 downloads" download certification "$T/cert.pdf"
run_doc "$T/good" "$T/cert.pdf"; rc=$?
check "the doc's commands verify an intact document (exit 0)" [ "$rc" -eq 0 ]
check "openssl says: Signature Verified Successfully" grep -q "Signature Verified Successfully" "$T/good.out"
check "the doc's last block shows what the document is" grep -q '"kind":"' "$T/good.out"
[ "$rc" -eq 0 ] || sed 's/^/# /' "$T/good.out"

len=$(wc -c <"$T/cert.pdf")
for p in 100 $((len / 2)) $((len - 20)); do
	flip "$T/cert.pdf" "$p" "$T/bad.pdf"
	run_doc "$T/bad$p" "$T/bad.pdf"; rc=$?
	check "with byte $p of $len changed, the doc's openssl check fails" \
		bash -c "[ $rc -ne 0 ] && grep -q 'Signature Verification Failure' '$T/bad$p.out'"
done
doc_done
