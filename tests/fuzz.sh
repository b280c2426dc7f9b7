#!/bin/sh
# tests/fuzz.sh - the fuzz targets' inputs, replayed without libFuzzer.
#
# Each target in tests/fuzz/ is also built (by make check, with the
# project's compiler) as tests/fuzz/replay_TARGET, which runs it once on
# every file it is given.  This test runs:
#  - every seed (tests/fuzz/corpus/TARGET/*) and every crash reproducer
#    the fuzzer found (tests/fuzz/regress/TARGET/*) through its target,
#    one test each: a bug once found stays fixed;
#  - all the other targets' files through each target, one test per
#    target: any bytes are an input for any target.
# A target's checks abort on a broken invariant, and the test fails.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

fz=$top_srcdir/tests/fuzz
# The replay programs are built next to the program, under the build tree.
bin=$(dirname "$LECTERN")/../tests/fuzz
targets="markdown convert layout search addr frontmatter config history places libcache"

for t in $targets; do
	replay=$bin/replay_$t
	if [ ! -x "$replay" ]; then
		tap_ok 1 "$t: replay program built ($replay)"
		continue
	fi
	n=0
	for f in "$fz/corpus/$t"/* "$fz/regress/$t"/*; do
		[ -f "$f" ] || continue
		n=$((n + 1))
		"$replay" "$f" >"$T/out" 2>&1
		tap_ok $? "$t: ${f#"$fz"/}" || tap_diag "$(tail -n 30 "$T/out")"
	done
	tap_ok "$([ "$n" -gt 0 ]; echo $?)" "$t: has seeds ($n inputs)"

	# One run per directory, so that no path is split into words.
	rc=0 runs=0
	for o in $targets; do
		[ "$o" = "$t" ] && continue
		for d in "$fz/corpus/$o" "$fz/regress/$o"; do
			[ -d "$d" ] || continue
			"$replay" "$d" >"$T/out" 2>&1 || {
				rc=1
				tap_diag "$(tail -n 30 "$T/out")"
			}
			k=$(sed -n 's/^replayed \([0-9]*\) input.*/\1/p' "$T/out")
			runs=$((runs + ${k:-0}))
		done
	done
	tap_ok $rc "$t: the other targets' inputs ($runs)"
done
tap_done
