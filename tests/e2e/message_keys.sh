#!/bin/sh
# message_keys.sh: every message key the C code names is in a catalogue, so that no
# message is ever printed in its plain form ("key name=value").  A key-shaped string
# literal of planner/ or models/ ("out.dir.exists") must be a key of
# templates/messages-en.txt, en.txt or zh.txt (or a file name); and messages-en.txt
# defines no key twice (it would not load, and every message would be plain).
. tests/e2e/lib.sh
keys() {   # the keys of the given catalogues
	sed -n 's/^\([A-Za-z0-9._:-]*\)[ 	]*=.*/\1/p' "$@" | sort -u
}
keys templates/messages-en.txt templates/en.txt templates/zh.txt >"$TMP/known"
grep -ohE '"[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)+"' planner/*.c models/*.c | tr -d '"' |
	grep -vE '\.(h|pdf|png|csv|json|xlsx|txt|xml)$' | sort -u >"$TMP/used"
missing=$(comm -23 "$TMP/used" "$TMP/known" | tr '\n' ' ')
check "every message key named in planner/ and models/ is in a catalogue${missing:+ (missing: $missing)}" \
	[ -z "$missing" ]
check "the key list found keys at all" [ "$(grep -c '^out\.no-memory$' "$TMP/used")" -eq 1 ]
twice=$(sed -n 's/^\([A-Za-z0-9._:-]*\)[ 	]*=.*/\1/p' templates/messages-en.txt | sort | uniq -d |
	tr '\n' ' ')
check "messages-en.txt defines no key twice${twice:+ (twice: $twice)}" [ -z "$twice" ]
