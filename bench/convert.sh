#!/bin/sh
# bench/convert.sh - speed and memory of the plain-text conversion.
#
# Builds inputs of 1, 10 and 100 MB by repeating
# ../shared/corpus/zh_concat_corpus.txt, runs `lectern --convert` on each
# (RUNS times, default 5) and prints the median wall time, the rate in
# MB/s and the peak memory (max RSS) against the input size.
# Target: >= 50 MB/s at 100 MB, memory growing linearly with the input.
#
#   bench/convert.sh [LECTERN]      (default ./src/lectern)
set -eu
cd "$(dirname "$0")/.."
lectern=${1:-./src/lectern}
runs=${RUNS:-5}
corpus=${LECTERN_CORPUS:-../shared/corpus}/zh_concat_corpus.txt
data=${BENCH_DATA:-${TMPDIR:-/tmp}/lectern-bench}
[ -f "$corpus" ] || { echo "bench/convert.sh: $corpus not found" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench/convert.sh: needs GNU time (/usr/bin/time)" >&2; exit 1; }
mkdir -p "$data"

# make_input MB: the corpus repeated (blank line between copies) to MB MiB.
make_input() {
	f=$data/zh$1.txt
	if [ ! -f "$f" ]; then
		want=$(($1 * 1048576))
		: >"$f.tmp"
		while [ "$(wc -c <"$f.tmp")" -lt "$want" ]; do
			cat "$corpus" >>"$f.tmp"
			printf '\n\n' >>"$f.tmp"
		done
		# whole lines only: a cut inside a character would be invalid UTF-8
		head -c "$want" "$f.tmp" | sed '$d' >"$f"
		rm -f "$f.tmp"
	fi
	echo "$f"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

printf '%-8s %10s %10s %12s %10s\n' input "time (s)" "MB/s" "max RSS (MB)" "RSS/input"
for mb in 1 10 100; do
	f=$(make_input "$mb")
	: >"$data/times"
	: >"$data/rss"
	i=0
	while [ "$i" -lt "$runs" ]; do
		/usr/bin/time -f '%e %M' -o "$data/one" "$lectern" --convert "$f" >/dev/null
		read -r t rss <"$data/one"
		echo "$t" >>"$data/times"
		echo "$rss" >>"$data/rss"
		i=$((i + 1))
	done
	t=$(median <"$data/times")
	rss=$(median <"$data/rss")
	awk -v mb="$mb" -v t="$t" -v rss="$rss" 'BEGIN {
		rate = t > 0 ? mb / t : 0
		printf "%-8s %10.3f %10.1f %12.1f %10.2f\n", mb " MB", t, rate, rss / 1024, rss / 1024 / mb
	}'
done
