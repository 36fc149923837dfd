#!/usr/bin/env bash
# The zh_CN catalog is complete: every msgid the client's sources mark with _()
# or N_() has a Chinese translation, none is fuzzy or empty, and msgfmt accepts
# the file. Prints "ok - …" / "not ok - …" lines for tests/run.
set -uo pipefail
cd "$(dirname "$0")/../.."
po=po/zh_CN.po
pot=$(mktemp); trap 'rm -f "$pot"' EXIT
fail=0
check() { if [ "$1" -eq 0 ]; then echo "ok - $2"; else echo "not ok - $2"; fail=1; fi; }

msgfmt --check -o /dev/null "$po" 2>/dev/null
check $? "po/zh_CN.po is a valid catalog (msgfmt --check)"

xgettext --from-code=UTF-8 -k_ -kN_ -kC_:1c,2 -o "$pot" \
	src/base/*.c src/client/*.c src/ui/*.c screens/*.c src/core/*.c src/media/*.c src/wire/*.c 2>/dev/null
missing=$(msgcmp --use-untranslated "$po" "$pot" 2>&1 | grep -v 'this message is not used' | grep -c 'not defined\|untranslated')
[ "$missing" -eq 0 ] || msgcmp --use-untranslated "$po" "$pot" 2>&1 | grep -v 'not used' | head -20
check "$missing" "every msgid of the sources is in po/zh_CN.po"

# msgattrib lists the fuzzy and untranslated entries; the header does not count
bad=$(msgattrib --only-fuzzy "$po" 2>/dev/null | grep -c '^msgid "[^"]')
check "$bad" "no fuzzy entries"
bad=$(msgattrib --untranslated "$po" 2>/dev/null | grep -c '^msgid "[^"]')
[ "$bad" -eq 0 ] || msgattrib --untranslated "$po" | grep '^msgid' | head
check "$bad" "no untranslated entries"
exit $fail
