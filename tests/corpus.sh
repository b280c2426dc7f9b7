#!/bin/sh
# tests/corpus.sh - the plain-text conversion on real speeches and reports.
#
# Runs `lectern --outline` on every ../shared/corpus/*.txt and round2/*.txt
# that has a gold outline (and on the samples in examples/) and scores it
# with ../shared/tools/outline-score.  The bars:
#   customs-speech-2012 (the reference speech): F1, exact titles, nesting
#     and metadata all 1.000 (its fused headings split where the gold says);
#   every other file with numbering (round2/ too: captions, fused headings,
#     nested points, Markdown escapes): F1 >= 0.95 and nest >= 0.95;
#   a file whose gold outline has no rows: no rows;
#   the laws in laws/ (Markdown, read as Markdown): F1 >= 0.98 and nest >= 0.98.
# Skipped when the shared corpus is not beside the project.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

corpus=${LECTERN_CORPUS:-$top_srcdir/../shared/corpus}
score=${LECTERN_SCORE:-$top_srcdir/../shared/tools/outline-score}
if ! ls "$corpus"/*.outline.tsv >/dev/null 2>&1 || [ ! -x "$score" ] ||
	! command -v python3 >/dev/null 2>&1; then
	tap_skip "outline scores on the shared corpus" "no ../shared/corpus here"
	tap_done
fi

# The samples written for the project, against their hand-made outlines:
# every score 1.000.
for gold in "$top_srcdir"/examples/*.outline.tsv; do
	doc=${gold%.outline.tsv}
	case $doc in *.txt) ;; *) doc=$doc.md ;; esac
	name=examples/$(basename "$doc")
	line=$("$LECTERN" --outline "$doc" | "$score" "$gold" /dev/stdin --quiet | tail -1)
	tap_like "$line" "score: F1=1.000 exact=1.000 nest=1.000 meta=1.000" "$name: its hand-made outline, exactly" ||
		"$LECTERN" --outline "$doc" | "$score" "$gold" /dev/stdin | sed 's/^/#   /'
done

# at_least VALUE BAR: VALUE >= BAR as decimals.
at_least() { awk -v v="$1" -v b="$2" 'BEGIN { exit !(v + 0 >= b + 0) }'; }

for gold in "$corpus"/*.outline.tsv "$corpus"/round2/*.outline.tsv "$corpus"/laws/*.outline.tsv; do
	txt=${gold%.outline.tsv}.txt
	bar=0.95
	case $gold in
	*/laws/*) txt=${gold%.outline.tsv}.md bar=0.98 ;;
	# the regulation in plain text keeps the full marks it has
	*/zh_law_*) bar=1 ;;
	esac
	name=$(basename "${txt%.*}")
	[ -f "$txt" ] || continue
	"$LECTERN" --outline "$txt" >"$T/$name.tsv" 2>"$T/err"
	tap_ok $? "$name: --outline exits 0" || tap_diag "$(cat "$T/err")"
	rows=$(grep -c -v -e '^meta	' -e '^#' -e '^$' "$gold")
	if [ "$rows" -eq 0 ]; then
		got=$(grep -c -v '^meta	' "$T/$name.tsv")
		tap_is "$got" 0 "$name: no numbering, no rows"
		continue
	fi
	line=$("$score" "$gold" "$T/$name.tsv" --quiet | tail -1)
	f1=$(printf '%s\n' "$line" | sed -n 's/.*F1=\([0-9.]*\).*/\1/p')
	ex=$(printf '%s\n' "$line" | sed -n 's/.*exact=\([0-9.]*\).*/\1/p')
	nest=$(printf '%s\n' "$line" | sed -n 's/.*nest=\([0-9.]*\).*/\1/p')
	meta=$(printf '%s\n' "$line" | sed -n 's/.*meta=\([0-9.]*\).*/\1/p')
	tap_diag "$name: $line"
	if [ "$name" = customs-speech-2012 ]; then
		tap_is "$f1 $ex $nest $meta" "1.000 1.000 1.000 1.000" \
			"$name: F1, exact titles, nesting and metadata all 1.000" ||
			"$score" "$gold" "$T/$name.tsv" | sed 's/^/#   /'
	else
		at_least "$f1" $bar && at_least "$nest" $bar
		tap_ok $? "$name: F1 $f1 and nest $nest both >= $bar" ||
			"$score" "$gold" "$T/$name.tsv" | sed 's/^/#   /'
	fi
done
tap_done
