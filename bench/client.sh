# client.sh — the terminal client's numbers, sourced by bench/run (uses its
# row/note/now_ns/ms_since/median/want_tool, B, TMP, TMUX_SOCK and the
# SERVICE_* of a running anzhid --demo):
#   - start-up to the login form (tmux 80x24, median of 5 starts);
#   - login to the placement list (argon2id on the service included);
#   - bytes written to the terminal for one cursor move in the list (j / k),
#     for a full redraw (C-l) and while idle, via `tmux pipe-pane`; the same
#     cursor moves in the accessible mode (--accessible: the cursor shown
#     and placed on the focused row);
#   - the client's peak RSS (VmHWM) once the list is on screen.
# Anything missing gives "client: not measured (reason)", never a failure.

LOGIN_TEXT=用户名          # the login form's username label
LIST_TEXT='*****'         # a masked ID number: the list has rows

tm() { tmux -L "$TMUX_SOCK" -f /dev/null "$@"; }

# client_start SESSION [FLAGS]: anzhi in a detached 80x24 session, its own HOME
client_start() {
	mkdir -p "$TMP/home"
	tm new-session -d -x 80 -y 24 -s "$1" \
		"env HOME=$TMP/home XDG_CONFIG_HOME=$TMP/home/.config XDG_STATE_HOME=$TMP/home/.state \
		 LC_ALL=C.UTF-8 LANGUAGE=zh_CN TERM=screen-256color \
		 $B/anzhi --server $SERVICE_URL --pin '$SERVICE_PIN' ${2:-} 2>>$TMP/anzhi.err; sleep 600"
}

# move_bytes SESSION LABEL: the median bytes of j, j, k in the list, as a row
move_bytes() {
	local s=$1 move=()
	move+=("$(bytes_for "$s" "$TMP/j1.bytes" j)")
	move+=("$(bytes_for "$s" "$TMP/j2.bytes" j)")
	move+=("$(bytes_for "$s" "$TMP/k1.bytes" k)")
	row client "$2" "$(printf '%s\n' "${move[@]}" | median)" \
		"bytes med" "j ${move[0]}, j ${move[1]}, k ${move[2]} (80x24 list)"
}

# accessible_moves: the cursor moves again in the accessible mode, where the
# terminal cursor is shown and placed on the focused row after each move
accessible_moves() {
	local s=access
	client_start "$s" --accessible
	if ! pane_wait "$s" "$LOGIN_TEXT" 10; then
		note client "accessible mode: not measured (no login form)"
		return
	fi
	tm send-keys -t "$s" -l "$SERVICE_USER"
	tm send-keys -t "$s" Tab
	tm send-keys -t "$s" -l "$SERVICE_PASS"
	tm send-keys -t "$s" Enter
	if ! pane_wait "$s" "$LIST_TEXT" 15; then
		note client "accessible mode: not measured (no placement rows after login)"
		return
	fi
	pane_settle "$s"
	tm send-keys -t "$s" j   # the first key takes the cursor off the login message
	pane_settle "$s"
	move_bytes "$s" "bytes for one cursor move, accessible"
	row client "  its cursor after the move (x y shown)" \
		"$(tm display -p -t "$s" '#{cursor_x} #{cursor_y} #{cursor_flag}')" "" "on the row, visible"
	tm kill-session -t "$s" 2>/dev/null
}

# pane_wait SESSION TEXT SECONDS: polls every 10 ms; false on timeout
pane_wait() {
	local end=$(( $(now_ns) + $3 * 1000000000 ))
	while [ "$(now_ns)" -lt $end ]; do
		tm capture-pane -p -t "$1" 2>/dev/null | grep -qF -- "$2" && return 0
		sleep 0.01
	done
	return 1
}

# pane_settle SESSION: waits until the screen stops changing (300 ms apart)
pane_settle() {
	local a b i
	a=$(tm capture-pane -p -t "$1")
	for i in $(seq 1 30); do
		sleep 0.3
		b=$(tm capture-pane -p -t "$1")
		[ "$a" = "$b" ] && return 0
		a=$b
	done
	return 1
}

# bytes_quiet FILE: waits until FILE (a pipe-pane capture) stops growing for
# 1 s (at most 15 s) — the screen can look settled while a repaint of the
# same content is still on its way
bytes_quiet() {
	local prev=-1 n i still=0
	for i in $(seq 1 75); do
		n=$(stat -c %s "$1" 2>/dev/null || echo 0)
		if [ "$n" = "$prev" ]; then
			still=$((still + 1))
			[ $still -ge 5 ] && return 0
		else
			still=0
		fi
		prev=$n
		sleep 0.2
	done
	return 1
}

# bytes_for SESSION FILE KEY…: bytes the client writes after the keys (0.6 s)
bytes_for() {
	local s=$1 f=$2
	shift 2
	: >"$f"
	tm pipe-pane -o -t "$s" "cat >> '$f'"
	sleep 0.3
	[ $# -gt 0 ] && tm send-keys -t "$s" "$@"
	sleep 0.6
	tm pipe-pane -t "$s"    # no command: closes the pipe
	sleep 0.1
	wc -c <"$f" | tr -d ' '
}

bench_client() {
	local i t0 starts=() ms s=bench
	if [ ! -x "$B/anzhi" ]; then
		note client "not measured ($B/anzhi is not built)"
		return
	fi
	if [ -z "${SERVICE_URL:-}" ]; then
		note client "not measured (no anzhid to log in to)"
		return
	fi
	if ! want_tool tmux tmux; then
		note client "not measured (tmux missing)"
		return
	fi
	for i in 1 2 3 4 5; do
		t0=$(now_ns)
		client_start "start$i"
		if pane_wait "start$i" "$LOGIN_TEXT" 10; then
			starts+=("$(ms_since "$t0")")
		fi
		tm kill-session -t "start$i" 2>/dev/null
	done
	if [ ${#starts[@]} -eq 0 ]; then
		note client "not measured (no login form within 10 s: $(tail -1 "$TMP/anzhi.err" 2>/dev/null))"
		return
	fi
	ms=$(printf '%s\n' "${starts[@]}" | median)
	row client "start-up to login form" "$ms" "ms med" \
		"of ${#starts[@]}: ${starts[*]} ms (tmux 80x24, includes tmux spawn)"
	# the same measurement of a program that only prints the text: what tmux
	# and the polling cost by themselves
	starts=()
	for i in 1 2 3 4 5; do
		t0=$(now_ns)
		tm new-session -d -x 80 -y 24 -s "base$i" "printf '%s' '$LOGIN_TEXT'; sleep 600"
		pane_wait "base$i" "$LOGIN_TEXT" 10 && starts+=("$(ms_since "$t0")")
		tm kill-session -t "base$i" 2>/dev/null
	done
	[ ${#starts[@]} -gt 0 ] && row client "  baseline: tmux + printf only" \
		"$(printf '%s\n' "${starts[@]}" | median)" "ms med" "of ${#starts[@]}: ${starts[*]} ms"

	client_start "$s"
	if ! pane_wait "$s" "$LOGIN_TEXT" 10; then
		note client "login/list: not measured (no login form)"
		return
	fi
	tm send-keys -t "$s" -l "$SERVICE_USER"
	tm send-keys -t "$s" Tab
	tm send-keys -t "$s" -l "$SERVICE_PASS"
	: >"$TMP/login.bytes"
	tm pipe-pane -o -t "$s" "cat >> '$TMP/login.bytes'"
	sleep 0.3
	t0=$(now_ns)
	tm send-keys -t "$s" Enter
	if ! pane_wait "$s" "$LIST_TEXT" 15; then
		note client "list: not measured (no placement rows 15 s after login)"
		tm capture-pane -p -t "$s" | sed 's/^/  | /' | head -8
		return
	fi
	row client "login to placement list" "$(ms_since "$t0")" ms "Enter on the form to first masked row"
	pane_settle "$s"
	bytes_quiet "$TMP/login.bytes"
	tm pipe-pane -t "$s"
	row client "bytes from login to the quiet list" "$(wc -c <"$TMP/login.bytes" | tr -d ' ')" bytes \
		"spinner, list, hint and status bars"
	local sh pid
	sh=$(tm display -p -t "$s" '#{pane_pid}')
	pid=$(pgrep -P "$sh" -x anzhi | head -1)
	if [ -n "$pid" ] && [ -r "/proc/$pid/status" ]; then
		row client "peak RSS after login to the list" \
			"$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status")" kB "VmHWM of anzhi"
	else
		note client "peak RSS: not measured (no anzhi process under the pane)"
	fi
	row client "bytes while idle (0.6 s)" "$(bytes_for "$s" "$TMP/idle.bytes")" bytes
	move_bytes "$s" "bytes for one cursor move (j/k)"
	row client "bytes for a full redraw (C-l)" "$(bytes_for "$s" "$TMP/redraw.bytes" C-l)" bytes
	tm kill-session -t "$s" 2>/dev/null
	accessible_moves
}
