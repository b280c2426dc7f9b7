#!/bin/sh
# tests/golden.sh - --toc, --outline and --dump (at widths 20, 40, 80) of
# every sample in examples/, compared byte for byte with the expected
# outputs in tests/golden/expected/.
#
# After a deliberate change of output, regenerate the expected files with
#     LECTERN_REGEN=1 make check TESTS=tests/golden.sh
# and read the diff before committing it.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

exp="$top_srcdir/tests/golden/expected"

run_case() { # name, expected file, args...
	name=$1 want=$2
	shift 2
	"$LECTERN" "$@" >"$T/got" 2>"$T/err"
	rc=$?
	if [ -n "${LECTERN_REGEN:-}" ]; then
		cp "$T/got" "$want"
	fi
	if [ ! -f "$want" ]; then
		tap_ok 1 "$name (no expected file $(basename "$want"))"
		return
	fi
	tap_file_is "$T/got" "$want" "$name" || tap_diag "exit $rc; stderr: $(cat "$T/err")"
}

for f in speech.md speech-en.md speech.txt tables.md; do
	src="$top_srcdir/examples/$f"
	run_case "$f --toc" "$exp/$f.toc" --toc "$src"
	run_case "$f --outline" "$exp/$f.outline" --outline "$src"
	for w in 20 40 80; do
		run_case "$f --dump --width $w" "$exp/$f.dump$w" --dump --width "$w" "$src"
	done
done

# The same document from standard input gives the same outline.
"$LECTERN" --outline - <"$top_srcdir/examples/speech.md" >"$T/stdin.tsv"
tap_file_is "$T/stdin.tsv" "$exp/speech.md.outline" "--outline of standard input"

tap_done
