# viewer.sh — the material viewer's numbers, sourced by bench/run (uses its
# row/note/start_server/stop_server, B and TMP): a demo service with three
# materials uploaded to one person (a 600x800 PNG, a vector A4 PDF of two
# pages, a scanned A4 page: 2480x3508 at 300 dpi, 3.7 MB, made by
# tests/e2e/make_material.py), then anzhi in a pty that plays a sixel, a
# kitty and a plain (block art) terminal (tests/e2e/viewer_pty.py --bench):
#   - time from the key to the first page drawn (download, pdfinfo,
#     pdftoppm, decoding in the child, encoding, writing);
#   - bytes written to the terminal per page draw, per pan, per zoom.
# Anything missing gives "viewer: not measured (reason)", never a failure.

bench_viewer() {
	local data=$TMP/viewer-data pin url token unit year pid idno kind line metric rest
	if [ ! -x "$B/anzhid" ] || [ ! -x "$B/anzhi" ]; then
		note viewer "not measured ($B/anzhi or anzhid missing: run make)"
		return
	fi
	command -v pdftoppm >/dev/null || { note viewer "not measured (no pdftoppm: scripts/deps.sh)"; return; }
	start_server "$data" --demo || { note viewer "not measured (anzhid --demo did not start)"; return; }
	pin=$("$B/anzhid" pin --data "$data")
	url=https://127.0.0.1:$PORT
	json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
	token=$(curl -ksf -X POST "$url/api/v1/sessions" -H 'Content-Type: application/json' \
		-d '{"username":"xinghe","password":"demo1234"}' | json 'd["token"]')
	read -r unit year < <(curl -ksf -H "Authorization: Bearer $token" "$url/api/v1/me" |
		json 'd["unit"], d["year"]' | tr -d "(),'")
	pid=$(curl -ksf -H "Authorization: Bearer $token" "$url/api/v1/units/$unit/years/$year/placements" |
		json 'next((i["id"] for i in d["items"] if i["status"] == "incomplete"), "")')
	idno=$(curl -ksf -H "Authorization: Bearer $token" "$url/api/v1/placements/$pid" | json 'd["person"]["idno"]')
	python3 tests/e2e/make_material.py png "$TMP/scan.png"
	python3 tests/e2e/make_material.py pdf "$TMP/contract.pdf" 2
	python3 tests/e2e/make_material.py scan "$TMP/scan.pdf"
	for f in scan.png contract.pdf scan.pdf; do
		curl -ksf -H "Authorization: Bearer $token" -H "Idempotency-Key: bench-$f" -F kind=wage \
			-F "file=@$TMP/$f" "$url/api/v1/placements/$pid/materials" >/dev/null ||
			{ note viewer "not measured (uploading $f failed)"; stop_server; return; }
	done
	for kind in sixel kitty plain; do
		mkdir -p "$TMP/run-$kind" && chmod 700 "$TMP/run-$kind"
		python3 tests/e2e/viewer_pty.py "$kind" "$B/anzhi" "$url" "$pin" "$idno" "$TMP/run-$kind" \
			--bench >"$TMP/viewer-$kind.txt" 2>&1
		while read -r _ _ kind_ line; do
			metric=${line%%|*} rest=${line#*|}
			row viewer "$kind_: $metric" "${rest%%|*}" "${rest#*|}"
		done < <(grep '^# bench ' "$TMP/viewer-$kind.txt")
		grep -q '^# bench ' "$TMP/viewer-$kind.txt" ||
			note viewer "$kind: not measured ($(tail -1 "$TMP/viewer-$kind.txt"))"
	done
	note viewer "80x24 cells of 10x20 pixels (a picture area of 80x20 cells); plain = block art in 256 colours"
	stop_server
}
