#!/bin/sh
# messages.sh: the words of planner's messages live in templates/messages-en.txt, not in
# the C code: (a) every message key the code of models/ and planner/ passes to diag_msg,
# report_*_msg, messages_format/print (and the helpers that take a key) is defined there;
# (b) no C string literal is an English sentence or Chinese text (the literals found are
# listed; they fail the test only with MESSAGES_STRICT=1).  The checks are in
# tests/e2e/messages.py; a planted key and sentence show that they can fail.
. tests/e2e/lib.sh
python3 tests/e2e/messages.py . "${MESSAGES_STRICT:-0}"

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
