# review.sh — the review workbench's numbers (issue 10), sourced by bench/run
# (uses its row/note/start_server/stop_server, B, TMP): on a fresh
# `anzhid --demo` (the reviewer at 150900 has seven cases), anzhi runs in a
# pseudo-terminal (bench/review_pty.py) and reviews the queue with Enter then
# V per case, on loopback and behind a proxy adding 200 ms each way
# (tests/tools/delayproxy.py):
#   - keys per routine case (Enter once, then one V per case);
#   - time from the V key to the next case written to the terminal, the next
#     case having been fetched ahead while the current one was on screen;
#   - bytes written to the terminal per case transition (until the next case
#     is drawn, and until the screen is quiet).
REVIEW_NAMES="黄晓峰 董秀兰 程立新 曹凤英 邓丽萍 孟和"

# review_run LABEL URL PIN: one pass over a fresh demo; rows for it
review_run() {
	local label=$1 url=$2 pin=$3 ms drawn quiet keys
	mkdir -p "$TMP/rhome-$label"
	# shellcheck disable=SC2086
	if ! HOME=$TMP/rhome-$label XDG_STATE_HOME=$TMP/rhome-$label/state \
		XDG_CONFIG_HOME=$TMP/rhome-$label/config python3 bench/review_pty.py "$B/anzhi" \
		"$url" "$pin" reviewer demo1234 $REVIEW_NAMES >"$TMP/review-$label.txt" \
		2>"$TMP/review-$label.err"; then
		note review "$label: not measured ($(tail -1 "$TMP/review-$label.err"))"
		return 1
	fi
	ms=$(grep -v '^keys' "$TMP/review-$label.txt" | awk '{print $1}' | median)
	drawn=$(grep -v '^keys' "$TMP/review-$label.txt" | awk '{print $2}' | median)
	quiet=$(grep -v '^keys' "$TMP/review-$label.txt" | awk '{print $3}' | median)
	row review "V to next case drawn ($label)" "$ms" "ms med" \
		"of $(grep -vc '^keys' "$TMP/review-$label.txt"): $(grep -v '^keys' "$TMP/review-$label.txt" | awk '{printf "%s ", $1}')ms"
	row review "  bytes per case transition ($label)" "$quiet" "bytes med" \
		"until the screen is quiet; $drawn until the next case's name is written"
	read -r _ keys _ cases < <(grep '^keys' "$TMP/review-$label.txt")
	REVIEW_KEYS="$keys keys for $cases cases"
	return 0
}

bench_review() {
	local data pin proxy port
	if [ ! -x "$B/anzhi" ] || [ ! -x "$B/anzhid" ]; then
		note review "not measured (run make)"
		return
	fi
	for proxy in direct 200ms; do
		data=$TMP/review-$proxy
		if ! start_server "$data" --demo; then
			note review "not measured (anzhid --demo did not start)"
			return
		fi
		pin=$("$B/anzhid" pin --data "$data")
		if [ $proxy = direct ]; then
			review_run "loopback" "https://127.0.0.1:$PORT" "$pin"
		else
			python3 tests/tools/delayproxy.py "$PORT" 200 "$TMP/proxy.port" &
			local ppid=$! i
			for i in $(seq 1 100); do [ -s "$TMP/proxy.port" ] && break; sleep 0.05; done
			port=$(cat "$TMP/proxy.port")
			review_run "+200 ms" "https://127.0.0.1:$port" "$pin" &&
				row review "keys per routine case" \
				"$(python3 -c "k, c = '$REVIEW_KEYS'.split(' keys for '); print(round(int(k) / int(c.split()[0]), 2))")" \
				keys "$REVIEW_KEYS: Enter once, then V per case (V alone from the queue: 1)"
			kill "$ppid" 2>/dev/null
			wait "$ppid" 2>/dev/null
		fi
		stop_server
	done
	note review "anzhi in a pty (80x24), bench/review_pty.py reading every byte; the next case fetched ahead"
}
