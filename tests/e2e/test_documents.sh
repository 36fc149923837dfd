#!/usr/bin/env bash
# e2e: the unit's documents (文书下载) — the list says which are available now
# (the 审核认定书 only once the annual review has passed), a document is saved
# to the path the user types (the service's sealed PDF, which `anzhi verify`
# accepts), and it opens with the user's viewer as the same bytes.
. "$(dirname "$0")/lib.sh"

if ! e2e_start_server; then
	not_ok "anzhid --demo starts"
	e2e_done
fi
e2e_start_client
login xinghe
check "signed in" wait_for "审核状态" 10
keys D
check "the documents screen opens from the list" wait_for "文书下载" 10
check "the commitment letter can be downloaded now" wait_re "承诺书 +✓ +现在" 10
check "the review certification waits for the annual review" wait_re "审核认定书 +✗ +审核通过后" 5

out=$E2E_TMP/saved
mkdir -p "$out"
keys s
check "saving asks where to, with the document's own name" wait_re "保存到.*commitment-91150924MA0HXD012T-[0-9]{4}\.pdf" 5
keys C-u; type_text "$out/"; keys Enter
check "the document is saved into the directory typed" wait_re "已将承诺书保存到" 15
file=$(ls "$out"/commitment-*.pdf 2>/dev/null | head -1)
check "the saved file is a PDF" bash -c "[ -n '$file' ] && head -c 5 '$file' | grep -q '%PDF-'"
check "no partial file is left behind" bash -c "! ls '$out' | grep -q '\.part$'"
check "the saved document verifies against the service's keys" \
	env XDG_STATE_HOME="$E2E_TMP/state" "$ANZHI" verify --server "$E2E_URL" --pin "$E2E_PIN" "$file"

# the certification is refused on the spot, before any request
keys Down Down s
check "the review certification is not offered before the review" wait_for "审核认定书在年审认证审核通过后签发" 5

# preview: the same document opens in the viewer, byte for byte (cached)
keys Up Up Enter
check "the document opens in the viewer" wait_until 15 test -s "$E2E_TMP/viewed.bin"
check "the preview is the saved document, byte for byte" cmp -s "$E2E_TMP/viewed.bin" "$file"
check "anzhi still runs" client_alive
e2e_done
