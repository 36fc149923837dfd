#!/usr/bin/env bash
# e2e: the administrator's screens from the user centre (C) — a business
# year's filing deadline set (y) and seen by the unit; a registry import
# uploaded (g) whose rows count up to the total; a unit's 税务主管部门 set
# (m), which the unit itself may not do; a new policy table version loaded
# (o); and federation staff publishing a notice (P on the notices) that the
# units of their region get.
. "$(dirname "$0")/lib.sh"

if ! e2e_start_server; then
	not_ok "anzhid --demo starts"
	e2e_done
fi
logout() { keys :; type_text logout; keys Enter; wait_for "$(printf '\xe7\x94\xa8\xe6\x88\xb7\xe5\x90\x8d')" 10 >/dev/null; }
CAOYUAN=91150105MA0CYLN03D
XINGHE=91150924MA0HXD012T
e2e_start_client
login admin
wait_for '已登录' 10 >/dev/null
keys C; wait_re '用户中心' 10 >/dev/null

# ---- the filing deadline
DEADLINE=$(date -u -d '+30 days' +%F)
keys y
check "y lists the business years" wait_re '^ *2025 ' 10
keys e; wait_for '申报截止日期' 5 >/dev/null
keys C-u; type_text "$DEADLINE"; keys Enter
check "the deadline is saved" wait_for '业务年度已保存' 10
check "and listed with the days left" wait_re "2025 .*$DEADLINE +(29|30|31)" 10
check "the unit's year carries it" \
	test "$(jpy 'j["deadline"]' "$(api_as xinghe GET "/units/$XINGHE/years/2025")")" = "$DEADLINE"
keys Escape

# ---- a registry import with its progress
python3 - "$E2E_TMP/wages.csv" "$CAOYUAN" <<'PY'
import sys
rows = ["idno,month,uscc,amount"]
rows += ["11010519491231002X,%d%02d,%s,1.00" % (2000 + i // 12 % 20, 1 + i % 12, sys.argv[2])
         for i in range(3000)]
open(sys.argv[1], "w").write("\n".join(rows) + "\n")
PY
keys g
check "g lists the registry imports" wait_for '登记数据导入' 10
keys i; wait_for '数据来源' 5 >/dev/null
type_text wages; keys Enter; wait_for '文件数据日期' 5 >/dev/null
keys Enter; wait_for 'CSV 文件' 5 >/dev/null
type_text "$E2E_TMP/wages.csv"; keys Enter
check "the import starts" wait_re '导入 [0-9]+ 已开始' 15
check "and counts its rows up to the total" wait_re 'wages .* 完成 +3000/3000' 60
keys Escape

# ---- 税务主管部门: set by the administrator only
keys m
check "m lists the units" wait_for "$XINGHE" 10
keys /; wait_for '单位名称或统一社会信用代码' 5 >/dev/null
type_text 兴和; keys Enter
check "the service finds a unit by part of its name" wait_re "$XINGHE +兴和县宏达商贸" 10
keys e; wait_for '残联主管部门地区代码' 10 >/dev/null
keys Enter; wait_for '税务主管部门地区代码' 5 >/dev/null
keys C-u; type_text 150900; keys Enter
check "the unit is saved" wait_for '单位已保存' 10
check "with the new 税务主管部门" test "$(jpy 'j["tax_region"]' "$(api_as xinghe GET "/units/$XINGHE")")" = 150900
keys Escape

# ---- a policy table version
python3 - "$E2E_ROOT/data/policy/150000.json" "$E2E_TMP/policy.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
t["region"], t["version"] = "150900", "2026.9-e2e"
json.dump(t, open(sys.argv[2], "w"), ensure_ascii=False)
PY
keys o
check "o shows the table in force" wait_re '适用' 10
keys o; wait_for '政策表文件' 5 >/dev/null
type_text "$E2E_TMP/policy.json"; keys Enter
check "a new version is loaded" wait_for '政策表 2026.9-e2e 已载入' 10
check "and listed" wait_re '150900 +2026.9-e2e' 10
keys Escape Escape
logout

# ---- a notice published by federation staff to their region's units
login reviewer
wait_for '已登录' 10 >/dev/null
keys N; wait_re '通知' 10 >/dev/null
keys P; wait_for '通知标题' 5 >/dev/null
type_text 乌兰察布市年审培训; keys Enter; wait_for '通知内容' 5 >/dev/null
type_text 请于下周一参加培训; keys Enter; wait_for '发送给该地区的单位' 5 >/dev/null
keys Enter
check "the notice is published" wait_for '通知已发布' 10
check "a unit of the region gets it" wait_until 5 sh -c \
	"curl -ks '$E2E_URL/api/v1/notices' -H \"Authorization: Bearer \$(curl -ks -X POST '$E2E_URL/api/v1/sessions' -d '{\"username\":\"xinghe\",\"password\":\"$(demo_password xinghe)\"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"token\"])')\" | grep -q 乌兰察布市年审培训"
check "the client is still running" client_alive
e2e_done
