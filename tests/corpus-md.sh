#!/bin/sh
# tests/corpus-md.sh - the model on Markdown renditions of a real report.
#
# The 2024 government work report in ../shared/corpus (one paragraph a
# line) is turned into Markdown here, the way a person would mark it up:
#   A: "## 一、…" headings, every other line a paragraph (points such as
#      一是… and （一）… begin paragraphs);
#   B: "## 一、…" headings, and "### 一是…" / "### （一）…" headings made of
#      the point's lead sentence, its body a paragraph below.
# Both must give the gold outline exactly (outline-score F1 and nest 1.000),
# and --print of every node must give exactly that node's lines.
# Skipped when the shared corpus is not beside the project.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

corpus=${LECTERN_CORPUS:-$top_srcdir/../shared/corpus}
score=${LECTERN_SCORE:-$top_srcdir/../shared/tools/outline-score}
txt=$corpus/zh_gov_work_report_2024.txt
gold=$corpus/zh_gov_work_report_2024.outline.tsv
if [ ! -f "$txt" ] || [ ! -x "$score" ] || ! command -v python3 >/dev/null 2>&1; then
	tap_skip "Markdown renditions of the 2024 work report" "no ../shared/corpus here"
	tap_done
fi

tr -d '\r' <"$txt" | awk '
	/^[一二三四五六七八九十]+、/ { print "## " $0; print ""; next }
	NF { print; print "" }' >"$T/a.md"

# In B a point heading is the text up to the first 。 (its lead sentence).
tr -d '\r' <"$txt" | awk '
	/^[一二三四五六七八九十]+、/ { print "## " $0; print ""; next }
	/^((一|二|三|四|五|六|七|八|九|十)是|（[一二三四五六七八九十]+）)/ {
		i = index($0, "。")
		if (i > 0) { print "### " substr($0, 1, i - 1); print ""; print substr($0, i + 3) }
		else print "### " $0
		print ""; next
	}
	NF { print; print "" }' >"$T/b.md"

for r in a b; do
	"$LECTERN" --outline "$T/$r.md" >"$T/$r.tsv"
	tap_ok $? "rendition $r: --outline exits 0"
	s=$("$score" "$gold" "$T/$r.tsv" --quiet | tail -1)
	tap_like "$s" "score: F1=1.000 exact=* nest=1.000 *" "rendition $r: every section and point, rightly nested"
done

# (mawk matches bytes: a bracket of Chinese numerals needs a '+', or an
# alternation as above.)
# B: each node is a heading; its source runs to the next heading of the same
# or a higher level, blank lines at the end left out.  Cut those pieces with
# awk and compare them with --print, node by node in --toc order.
awk -v dir="$T" '
	function flush(   k, j) {
		for (k = 1; k <= nh; k++) {
			if (done[k]) continue
			if (level[k] >= curlevel || curlevel == 0) {
				last = stop - 1
				while (last > start[k] && line[last] == "") last--
				f = sprintf("%s/want.%03d", dir, k)
				for (j = start[k]; j <= last; j++) print line[j] > f
				close(f); done[k] = 1
			}
		}
	}
	{ line[NR] = $0 }
	/^##+ / {
		curlevel = length($1); stop = NR
		flush()
		nh++; start[nh] = NR; level[nh] = curlevel
	}
	END { curlevel = 0; stop = NR + 1; flush() }' "$T/b.md"

"$LECTERN" --toc "$T/b.md" | awk '{ print $1 }' >"$T/addrs"
tap_is "$(wc -l <"$T/addrs" | tr -d ' ')" "$(ls "$T"/want.* | wc -l | tr -d ' ')" \
	"--toc lists one node per heading"
k=0
while read -r addr; do
	k=$((k + 1))
	want=$(printf '%s/want.%03d' "$T" "$k")
	"$LECTERN" --print "$addr" "$T/b.md" >"$T/got"
	tap_file_is "$T/got" "$want" "--print $addr gives exactly its lines"
done <"$T/addrs"

tap_done
