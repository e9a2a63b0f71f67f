#!/usr/bin/env python3
"""messages.py: the checks of tests/e2e/messages.sh over the C sources of models/ and
planner/ (no build needed).

(a) every message key passed to a function that words a key (diag_msg, report_msg,
    report_usage_msg, report_line_msg, messages_format, messages_print, and the few
    planner helpers that take a key: the table KEY_ARG) is defined in
    templates/messages-en.txt.  The key is the argument at the function's key position;
    every string literal in that argument counts (both arms of a `?:`).  So is every
    literal that looks like a key of the prefixes only messages use (KEY_PREFIXES: the
    keys in tables, such as main.c's command summaries).
(b) no C string literal is an English sentence (3 or more words of letters separated
    by blanks) or holds Chinese text, outside comments; adjacent literals ("a " "b")
    count as one.  Format directives (%s, %zu, ...) and escapes (\\n, \\033[K) are not
    words.  ALLOWED lists what must stay in C.

Prints one "ok - ..." / "not ok - ..." line per check (tests/e2e/lib.sh style) and, for
(b), each literal found as "# FILE:LINE: "TEXT"".  (b) fails only with strict=1 (the
lead sets MESSAGES_STRICT=1 once every part of the program is converted).
Usage: messages.py ROOT STRICT
"""
import os
import re
import sys

# function name -> index (from 0) of its key argument, or a tuple of them
KEY_ARG = {
    "diag_msg": 6,
    "report_msg": 1,
    "report_usage_msg": 1,
    "report_line_msg": 0,
    "messages_format": 2,
    "messages_print": 1,
    # planner helpers whose argument is a message key
    "batch_progress_begin": 1,
    "batch_progress_begin_file": 1,
    "batch_progress_note": 1,
    "timing_mark": 1,
    "options_print_usage": (2, 3),
}

# literals with these first parts are message keys wherever they are
KEY_PREFIXES = ("help", "usage", "option", "cmd", "progress")

# (b)'s allow-list: (file, regular expression the whole literal matches, why); the
# file is a regular expression too
LIBXML2_TEXTS = [    # as written in the C source (escapes not decoded)
    "xmlParseEntityRef: no name", "StartTag: invalid element name",
    "attributes construct error", r"""AttValue: \" or ' expected""",
    "Couldn't find end of Start Tag", "Opening and ending tag mismatch: %63s line %d and %63s",
    "Specification mandates value for attribute %63s", "xmlParseCharRef: invalid xmlChar value ",
    "Excessive depth in document: %d use XML_PARSE_HUGE option", "Name too long",
    # libxml2's schema messages (xmlschemas.c)
    "This element is not expected. Expected is one of ( ",
    "This element is not expected. Expected is ( ", "This element is not expected.",
    "Missing child element(s). Expected is one of ( ", "Missing child element(s). Expected is ( ",
    "Character content other than whitespace is not allowed because the content "
    "type is 'element-only'.",
]
ALLOWED = [
    # the bash completion script is shell code that planner prints, not a message
    (r"planner/completion\.c", r".*", "the bash script's code and comments"),
    # libxml2's own messages, recognised to be worded plainly (and the one the reader
    # makes in libxml2's form for the depth limit)
    (r"models/xml_.*\.c", "|".join(re.escape(t) for t in LIBXML2_TEXTS), "libxml2's texts"),
    # the words of a quarter in a Chinese column header (2007年第1季度): data import reads
    (r"models/import_map\.c", r"[年第季度一二三四]+", "quarter headers import recognises"),
]

KEY_RE = re.compile(r"^[a-z][a-z0-9_-]*(\.[a-z0-9_:-]+)+$")
CJK_RE = re.compile("[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
FORMAT_RE = re.compile(r"%[-+ #0-9.*']*(hh|h|ll|l|z|j|t|L)?[diouxXeEfFgGaAcspn%]")
ESCAPE_RE = re.compile(r"\\(x[0-9a-fA-F]+|[0-7]{1,3}|.)")
SENTENCE_RE = re.compile(r"[A-Za-z][A-Za-z'-]*(?:[,;:.!?)\"]*\s+[(\"']?[A-Za-z][A-Za-z'-]*){2,}")


def tokens(src):
    """C tokens that matter here: ('str', text, line), ('id', name, line) and
    punctuation ('p', char, line); comments, char literals and preprocessor lines
    are skipped."""
    i, n, line = 0, len(src), 1
    at_line_start = True
    while i < n:
        c = src[i]
        if c == "\n":
            line += 1
            i += 1
            at_line_start = True
            continue
        if c in " \t\r\f\v":
            i += 1
            continue
        if at_line_start and c == "#":
            # a preprocessor line (with its continuations): #include "x.h" is no text
            while i < n and src[i] != "\n":
                if src[i] == "\\" and i + 1 < n and src[i + 1] == "\n":
                    line += 1
                    i += 1
                i += 1
            continue
        at_line_start = False
        if src.startswith("/*", i):
            end = src.find("*/", i + 2)
            end = n if end < 0 else end + 2
            line += src.count("\n", i, end)
            i = end
            continue
        if src.startswith("//", i):
            while i < n and src[i] != "\n":
                i += 1
            continue
        if c == '"':
            j, start = i + 1, line
            while j < n and src[j] != '"':
                if src[j] == "\\":
                    j += 1
                j += 1
            yield ("str", src[i + 1:j], start)
            i = j + 1
            continue
        if c == "'":
            j = i + 1
            while j < n and src[j] != "'":
                if src[j] == "\\":
                    j += 1
                j += 1
            i = j + 1
            yield ("p", "'", line)
            continue
        if c.isalpha() or c == "_":
            j = i
            while j < n and (src[j].isalnum() or src[j] == "_"):
                j += 1
            yield ("id", src[i:j], line)
            i = j
            continue
        yield ("p", c, line)
        i += 1


def joined(toks):
    """Adjacent string literals as one ('str', text, first line)."""
    out = []
    for t in toks:
        if t[0] == "str" and out and out[-1][0] == "str":
            out[-1] = ("str", out[-1][1] + t[1], out[-1][2])
        else:
            out.append(t)
    return out


def call_keys(toks):
    """(key, line) for each literal at the key position of a KEY_ARG call."""
    found = []
    for k, t in enumerate(toks):
        if t[0] != "id" or t[1] not in KEY_ARG:
            continue
        if k + 1 >= len(toks) or toks[k + 1][1] != "(" or (k > 0 and toks[k - 1][1] in ("*",)):
            continue
        # a declaration (`void report_msg(const char *cmd, ...)`) names types, not keys
        want, depth, arg = KEY_ARG[t[1]], 0, 0
        want = want if isinstance(want, tuple) else (want,)
        for u in toks[k + 1:]:
            if u[0] == "p" and u[1] in "([{":
                depth += 1
            elif u[0] == "p" and u[1] in ")]}":
                depth -= 1
                if depth == 0:
                    break
            elif u[0] == "p" and u[1] == "," and depth == 1:
                arg += 1
            elif u[0] == "str" and depth >= 1 and arg in want:
                found.append((u[1], u[2]))
    for t in toks:
        if t[0] == "str" and KEY_RE.match(t[1]) and t[1].split(".")[0] in KEY_PREFIXES:
            found.append((t[1], t[2]))
    return found


def sentence(text):
    """The English sentence or Chinese text in a literal's text, or None."""
    plain = ESCAPE_RE.sub(" ", FORMAT_RE.sub(" ", text))
    if CJK_RE.search(text):
        return text
    m = SENTENCE_RE.search(plain)
    return m.group(0) if m else None


def placeholder_list(toks, k):
    """A tmpl_key row's placeholders: { "key.name", "name id file" }."""
    return (k >= 2 and toks[k - 1][1] == "," and toks[k - 2][0] == "str"
            and KEY_RE.match(toks[k - 2][1]) is not None
            and re.fullmatch(r"[a-z0-9_ -]*", toks[k][1]) is not None)


def allowed(path, text):
    return any(re.fullmatch(f, path) and re.fullmatch(rx, text, re.S) for f, rx, _ in ALLOWED)


def message_keys(path):
    keys = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"\s*([A-Za-z0-9._:-]+)\s*=", line)
            if m and not line.lstrip().startswith("#"):
                keys.add(m.group(1))
    return keys


def main():
    root, strict = sys.argv[1], sys.argv[2] == "1"
    defined = message_keys(os.path.join(root, "templates/messages-en.txt"))
    missing, literals, n_keys = [], [], 0
    for top in ("models", "planner"):
        for name in sorted(os.listdir(os.path.join(root, top))):
            if not name.endswith((".c", ".h")):
                continue
            rel = top + "/" + name
            with open(os.path.join(root, rel), encoding="utf-8") as f:
                toks = joined(tokens(f.read()))
            for key, line in sorted(set(call_keys(toks)), key=lambda x: x[1]):
                if not KEY_RE.match(key):
                    continue    # "" (no words) or a literal that is no key
                n_keys += 1
                if key not in defined:
                    missing.append("%s:%d: %s" % (rel, line, key))
            for k, t in enumerate(toks):
                if t[0] != "str" or placeholder_list(toks, k) or allowed(rel, t[1]):
                    continue
                if sentence(t[1]):
                    literals.append('%s:%d: "%s"' % (rel, t[2], t[1]))
    for m in missing:
        print("# no such key in templates/messages-en.txt: " + m)
    if missing:
        print("not ok - %d of %d message keys in the C code are not in "
              "templates/messages-en.txt" % (len(missing), n_keys))
    else:
        print("ok - the %d message keys in the C code are all in templates/messages-en.txt"
              % n_keys)
    for lit in literals:
        print("# sentence in C: " + lit)
    if not literals:
        print("ok - no sentence in a C string literal of models/ or planner/")
    elif strict:
        print("not ok - %d C string literals in models/ and planner/ are sentences "
              "(templates/messages-en.txt is their place)" % len(literals))
    else:
        print("ok - %d C string literals in models/ and planner/ are still sentences "
              "(MESSAGES_STRICT=1 fails on them)" % len(literals))


main()
