#!/bin/sh
# tests/large-md.sh - real, large English Markdown: the Node.js API
# reference that Debian's nodejs package ships (/usr/share/doc/nodejs/api).
# Every file, and all of them joined into one 3 MB document (parsed in
# several chunks), must give their whole heading tree: as many headings as
# cmark itself finds.  Skipped where the files or cmark(1) are missing.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

api=${LECTERN_NODE_API:-/usr/share/doc/nodejs/api}
if ! ls "$api"/*.md >/dev/null 2>&1 || ! command -v cmark >/dev/null 2>&1; then
	tap_skip "the Node.js API reference" "no $api/*.md or no cmark here"
	tap_done
fi

bad=0
for f in "$api"/*.md; do
	"$LECTERN" --outline "$f" >/dev/null 2>"$T/err" || { bad=$((bad + 1)); tap_diag "$f: $(cat "$T/err")"; }
done
tap_is "$bad" 0 "--outline succeeds on every file of $api"

cat "$api"/*.md >"$T/all.md"
"$LECTERN" --outline "$T/all.md" >"$T/all.tsv"
tap_ok $? "--outline of all of them joined ($(wc -c <"$T/all.md" | tr -d ' ') bytes)"
want=$(cmark --to xml "$T/all.md" | grep -c '<heading')
got=$(awk -F '\t' '$1 != "meta" && $2 == ""' "$T/all.tsv" | wc -l | tr -d ' ')
# The joined file has many H1s, so no heading becomes the title.
tap_is "$got" "$want" "every heading cmark sees is a node"
"$LECTERN" --toc "$T/all.md" | tail -1 >"$T/last"
tap_like "$(cat "$T/last")" "*[0-9].[0-9]* ?*" "--toc lists the tree down to its last, nested node"

# Tables: in fs.md every one, pipe (a delimiter row |---|) or HTML
# (<table>), is drawn as columns by --dump --width 100: a rule with a
# crossing under each header row, no row wider than 100 cells, and no
# table markup left.
if [ -f "$api/fs.md" ]; then
	"$LECTERN" --dump --width 100 "$api/fs.md" >"$T/fs.txt"
	tables=$(grep -c -E '^ *\|? *:?-+:? *(\| *:?-+:? *)+\|? *$|^<table' "$api/fs.md")
	rules=$(grep -c '─┼─' "$T/fs.txt")
	tap_ok "$([ "$tables" -ge 7 ] && [ "$rules" = "$tables" ]; echo $?)" \
		"fs.md: each of its $tables tables as columns under a rule ($rules)"
	tap_is "$(grep -c -E '<t(able|r|d|h)[ >]|^ *\|' "$T/fs.txt")" 0 "fs.md: no table markup left"
	tap_ok "$(python3 -c '
import sys, unicodedata
w = lambda c: 2 if unicodedata.east_asian_width(c) in "WF" else 1
sys.exit(max(sum(map(w, l.rstrip("\n"))) for l in open(sys.argv[1], encoding="utf-8")) > 100)
' "$T/fs.txt"; echo $?)" "fs.md: no row wider than 100 cells"
	bad=
	for f in "$api"/*.md; do
		"$LECTERN" --dump --width 100 "$f" | grep -q -E '<t(able|r|d)[ >]' && bad="$bad $(basename "$f")"
	done
	tap_is "$bad" "" "no HTML table is left as raw HTML in any file"
else
	tap_skip "fs.md's tables" "no $api/fs.md"
fi
tap_done
