#!/usr/bin/env bash
# Both backends keep the same records: the schema `anzhid migrate` makes on
# SQLite and on PostgreSQL has the same tables, columns (name, kind of type,
# NOT NULL), primary keys, unique constraints and indexes (columns, partial
# WHERE) — a schema step written for one backend and not the other fails here.
# A throwaway cluster of its own (tests/pglib.sh).
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/pglib.sh
B=${ANZHI_BUILD:-build/release}
D=$(mktemp -d)
chmod 700 "$D"
trap 'pg_stop; rm -rf "$D"' EXIT
if ! pg_start >/dev/null; then
	echo "not ok - a throwaway PostgreSQL cluster starts"
	exit 1
fi
if ! "$B/anzhid" migrate --data "$D/s" >"$D/migrate.log" 2>&1 || ! createdb anzhi_cmp ||
	! "$B/anzhid" migrate --data "$D/p" --db postgresql:///anzhi_cmp >>"$D/migrate.log" 2>&1; then
	echo "not ok - anzhid migrate makes both schemas"
	cat "$D/migrate.log"
	exit 1
fi
python3 - "$D/s/anzhid.db" <<'PY' >"$D/sqlite.txt"
import sqlite3,sys,re
c=sqlite3.connect(sys.argv[1])
def cls(t):
    t=t.upper()
    if 'INT' in t: return 'int'
    if 'BLOB' in t: return 'blob'
    return 'text'
out=[]
for (t,) in c.execute("select name from sqlite_master where type='table' and name not like 'sqlite_%' order by name"):
    cols=c.execute(f"pragma table_info('{t}')").fetchall()
    pk=[r[1] for r in sorted(cols,key=lambda r:r[5]) if r[5]]
    for r in cols:
        nn = r[3] or (r[1] in pk)
        out.append(f"col {t}.{r[1]} {cls(r[2])} {'notnull' if nn else 'null'}")
    out.append(f"pk {t} ({','.join(pk)})")
    for il in c.execute(f"pragma index_list('{t}')").fetchall():
        name,uniq,origin,partial=il[1],il[2],il[3],il[4]
        cs=[r[2] for r in c.execute(f"pragma index_info('{name}')")]
        if origin=='pk': continue
        where=''
        if partial:
            sql=c.execute("select sql from sqlite_master where name=?",(name,)).fetchone()[0]
            where=' where '+re.sub(r'\s+',' ',sql.split(' WHERE ',1)[1]).strip()
        nm = name if origin=='c' else 'UNIQUE'
        out.append(f"idx {t} {nm} {'unique' if uniq else ''} ({','.join(cs)}){where}")
print('\n'.join(sorted(out)))
PY
psql -X -qAt anzhi_cmp >"$D/pg.raw" <<'SQL'
select 'col '||c.table_name||'.'||c.column_name||' '||case when c.data_type in ('bigint','integer') then 'int' when c.data_type='bytea' then 'blob' else 'text' end||' '||case when c.is_nullable='NO' then 'notnull' else 'null' end from information_schema.columns c where c.table_schema='public' and c.table_name<>'schema_version';
select 'pk '||tc.relname||' ('||string_agg(a.attname, ',' order by k.ord)||')' from pg_index i join pg_class tc on tc.oid=i.indrelid join pg_namespace n on n.oid=tc.relnamespace cross join lateral unnest(i.indkey) with ordinality k(attnum,ord) join pg_attribute a on a.attrelid=tc.oid and a.attnum=k.attnum where n.nspname='public' and i.indisprimary and tc.relname<>'schema_version' group by tc.relname, i.indexrelid;
select 'idx '||tc.relname||' '||case when con.oid is not null then 'UNIQUE' else ic.relname end||' '||case when i.indisunique then 'unique' else '' end||' ('||string_agg(a.attname, ',' order by k.ord)||')'||coalesce(' where '||pg_get_expr(i.indpred,i.indrelid),'') from pg_index i join pg_class tc on tc.oid=i.indrelid join pg_class ic on ic.oid=i.indexrelid join pg_namespace n on n.oid=tc.relnamespace left join pg_constraint con on con.conindid=i.indexrelid and con.contype='u' cross join lateral unnest(i.indkey) with ordinality k(attnum,ord) join pg_attribute a on a.attrelid=tc.oid and a.attnum=k.attnum where n.nspname='public' and not i.indisprimary and tc.relname<>'schema_version' group by tc.relname, ic.relname, i.indisunique, con.oid, i.indpred, i.indrelid;
SQL
# PG's partial index predicate comes back as "((status = ANY (ARRAY['pending'::text, ...])))": normalise
sed -E "s/ where \(\(status\)::text = ANY \(ARRAY\[\('pending'::character varying\)::text, \('pending_contract'::character varying\)::text\]\)\)//; s/ where \(status = ANY \(ARRAY\['pending'::text, 'pending_contract'::text\]\)\)/ where status IN ('pending', 'pending_contract')/" "$D/pg.raw" | sort >"$D/pg.txt"
if diff "$D/sqlite.txt" "$D/pg.txt"; then
	echo "ok - the schemas are alike on SQLite and PostgreSQL: $(grep -c '^col' "$D/sqlite.txt") columns, $(grep -c '^idx' "$D/sqlite.txt") indexes, $(grep -c '^pk' "$D/sqlite.txt") tables"
else
	echo "not ok - the schemas are alike on SQLite and PostgreSQL (diff above: < SQLite, > PostgreSQL)"
	exit 1
fi
