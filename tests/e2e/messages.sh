#!/bin/sh
# messages.sh: the words of planner's messages live in templates/messages-en.txt, not in
# the C code: (a) every message key the code of models/ and planner/ passes to diag_msg,
# report_*_msg, messages_format/print (and the helpers that take a key) is defined there;
# (b) no C string literal is an English sentence or Chinese text (the literals found are
# listed, and fail the test; MESSAGES_STRICT=0 only lists them).  The checks are in
# tests/e2e/messages.py; a planted key and sentence show that they can fail.
. tests/e2e/lib.sh
python3 tests/e2e/messages.py . "${MESSAGES_STRICT:-1}"

# the checks catch what they are for: a copy of the tree with one missing key and one
# sentence planted
mkdir -p "$TMP/tree/models" "$TMP/tree/planner" "$TMP/tree/templates"
cp templates/messages-en.txt "$TMP/tree/templates/"
cat >"$TMP/tree/planner/planted.c" <<'C'
/* a comment with "a sentence in a comment" is no literal */
static void f(void)
{
	report_msg("batch",
		   "no.such.key-planted", "n", "1", NULL);
	report_error("batch", "this is a planted " "sentence");
	static const tmpl_key keys[] = { { "some.key", "name id file" } };
}
C
planted=$(python3 tests/e2e/messages.py "$TMP/tree" 1)
check "a key missing from messages-en.txt is found (across lines)" \
	sh -c 'printf "%s\n" "$1" | grep -q "planted.c:5: no.such.key-planted"' - "$planted"
check "a sentence in C is found, its pieces joined" \
	sh -c 'printf "%s\n" "$1" | grep -q "planted.c:6: \"this is a planted sentence\""' - "$planted"
check "MESSAGES_STRICT=1 fails on it" \
	sh -c 'printf "%s\n" "$1" | grep -q "^not ok - 1 C string literals"' - "$planted"
check "comments and a tmpl_key's placeholder list are no sentences" \
	sh -c '! printf "%s\n" "$1" | grep -q "comment\|name id file"' - "$planted"

# (c) any key-shaped literal (a key held in a table or a variable, too) is in a catalogue,
# and messages-en.txt defines no key twice (it would not load: every message plain)
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
