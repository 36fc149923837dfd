# pglib — a throwaway PostgreSQL cluster for tests (sourced by tests/pgenv
# and tests/run). pg_start makes one in a new temporary directory, listening
# on a Unix socket there only (no TCP port to collide with a parallel run),
# trusting local connections, without fsync, and exports PGHOST, PGPORT,
# PGUSER and PGDATABASE so that `anzhid --db postgresql://`, psql, createdb
# and dropdb reach it with no further setting; pg_stop removes it. As root
# (CI) the cluster belongs to the `postgres` user, as initdb requires.

# pg_start [bench]: "bench" keeps fsync and full-page writes on and gives the
# server a working set's worth of shared buffers (bench/store.sh measures on
# it), commits not waiting for the WAL flush as SQLite's synchronous=NORMAL.
pg_start() {
	local bindir settings="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
	[ "${1:-}" = bench ] && settings="-c synchronous_commit=off -c shared_buffers=1GB \
		-c max_wal_size=8GB -c checkpoint_timeout=15min -c effective_cache_size=8GB"
	bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
	if [ ! -x "$bindir/initdb" ]; then
		echo "pglib: no PostgreSQL server (scripts/deps.sh installs it)" >&2
		return 1
	fi
	PG_TEST_BIN=$bindir
	PG_TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/anzhi-pg-XXXXXX")
	PG_TEST_AS=()
	if [ "$(id -u)" = 0 ]; then
		chown postgres: "$PG_TEST_DIR"
		PG_TEST_AS=(runuser -u postgres --)
	fi
	if ! "${PG_TEST_AS[@]}" "$bindir/initdb" -D "$PG_TEST_DIR/data" -A trust -U anzhi -E UTF8 \
		--locale=C.UTF-8 >"$PG_TEST_DIR/initdb.log" 2>&1; then
		cat "$PG_TEST_DIR/initdb.log" >&2
		return 1
	fi
	if ! "${PG_TEST_AS[@]}" "$bindir/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" \
		-w -t 60 start -o "-c listen_addresses='' -c unix_socket_directories='$PG_TEST_DIR' \
		$settings ${PG_EXTRA_SETTINGS:-} -c max_connections=300 -c deadlock_timeout=200ms" >/dev/null; then
		cat "$PG_TEST_DIR/server.log" >&2
		return 1
	fi
	export PGHOST=$PG_TEST_DIR PGPORT=5432 PGUSER=anzhi PGDATABASE=postgres
	unset PGPASSWORD PGSERVICE
}

pg_stop() {
	[ -n "${PG_TEST_DIR:-}" ] || return 0
	"${PG_TEST_AS[@]}" "$PG_TEST_BIN/pg_ctl" -D "$PG_TEST_DIR/data" -m immediate stop \
		>/dev/null 2>&1 || true
	rm -rf "$PG_TEST_DIR"
	PG_TEST_DIR=
	unset PGHOST PGPORT PGUSER PGDATABASE
}
