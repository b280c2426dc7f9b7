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
tap_done
