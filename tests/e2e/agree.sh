#!/bin/sh
# agree.sh: one rule set, two readers.  Every file of the bad-input catalogue (and the
# large ones generate.sh writes) goes through `validate` (the schema and the data
# rules, xmlTextReader) and through the command that reads it for real (SAX reader):
# a store profile through evaluate, a region file through batch.  They must agree on
# accept or reject.  The one documented difference: unknown elements and attributes in
# a region file are warnings under batch (the rest of the region is still usable), so
# there "reject" means a non-zero exit or a warning naming the file.
. tests/e2e/lib.sh
R=samples/yancheng.xml
BAD="$TMP/bad"
mkdir -p "$BAD"
cp tests/bad/*.xml "$BAD/"
sh tests/bad/generate.sh "$BAD"

is_region() {   # the root element is <region> (UTF-8 or UTF-16)
	python3 - "$1" <<'PY'
import sys
data = open(sys.argv[1], 'rb').read(1 << 16)
sys.exit(0 if b'<region' in data or '<region'.encode('utf-16-le') in data
         or '<region'.encode('utf-16-be') in data else 1)
PY
}

for f in "$BAD"/*.xml; do
	name=$(basename "$f")
	run validate "$f"
	if [ "$rc" -eq 0 ]; then valid=accepts; else valid=rejects; fi
	if is_region "$f"; then
		rm -rf "$TMP/batch-dir"
		run batch "$f" --out "$TMP/batch-dir"
		said=$(printf '%s\n' "$err" | grep -cF "$f" || true)
		if [ "$rc" -eq 0 ] && [ "$said" -eq 0 ]; then real=accepts; else real=rejects; fi
		[ "$rc" -eq 0 ] && [ "$valid" = accepts ] && [ "$said" -gt 0 ] && real=warns
		cmd=batch
	else
		run evaluate "$f" --region $R
		if [ "$rc" -eq 0 ]; then real=accepts; else real=rejects; fi
		cmd=evaluate
	fi
	check "$name: validate $valid, $cmd $real" [ "$valid" = "$real" ] || echo "# $cmd exit $rc: $err"
done
