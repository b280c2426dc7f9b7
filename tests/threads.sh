#!/bin/sh
# tests/threads.sh - the browser's second threads at work: the whole of a
# large file read and parsed while the first part is shown, standard
# input read in the background, a document libcmark is slow on parsed
# while the raw text is shown, and the reader searching, resizing,
# reloading (R) and leaving while they run.  ./build.sh check runs it
# (with t_scan, t_view and large-md.sh) on a ThreadSanitizer build too,
# where any data race is a report and a failure.
# shellcheck source=tests/lib.sh
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
	tap_skip "threads" "python3 is not installed (it writes the documents and checks the screens)"
	tap_done
fi
chk() { python3 "$top_srcdir/tests/hostile/check.py" "$@"; }
lim() {
	if command -v timeout >/dev/null 2>&1; then timeout 120 "$@"; else "$@"; fi
}

# browse KEYS FILE [VAR=value...]: the headless browser (60x8); status in
# $rc, screens in $T/dump.
browse() {
	_k=$1 _f=$2
	shift 2
	: >"$T/dump"
	lim env LECTERN_TEST_SCRIPT="$_k" LECTERN_TEST_DUMP="$T/dump" LECTERN_TEST_SIZE=60x8 "$@" \
		"$LECTERN" "$_f" </dev/null >"$T/out" 2>"$T/err"
	rc=$?
}
# ok_run NAME: exit 0, nothing on stderr, valid frames.
ok_run() {
	chk frame "$T/dump" >"$T/frame"
	tap_is "$rc/$?/$(head -c 300 "$T/err")" "0/0/" "$1: exit 0, valid frames, nothing on stderr" ||
		tap_diag "$(head -n 5 "$T/frame")"
}

# 6 MB: read on the second thread, walked on two more (halves).
big=$T/big.md
python3 -c '
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("# 标题\n\n")
    for i in range(1, 80001):
        f.write("## 第%d节\n\n正文%d，书屋。\n\n" % (i, i))' "$big"

printf '%s\n' '!dump first' '/第79999节<Enter>' '!dump found' 'G' '!dump end' >"$T/search.keys"
browse "$T/search.keys" "$big"
ok_run "a search while the whole is read"
tap_like "$(chk rows "$T/dump" found | tail -n 1)" "*1/1*" "a search while the whole is read: found in the whole"

printf '%s\n' '!resize 20x4' 'j' '!resize 200x50' '/书屋<Enter>' '!resize 1x1' 'n' '!resize 60x8' \
	'!wait' 'G' '!dump end' >"$T/resize.keys"
browse "$T/resize.keys" "$big" LECTERN_TEST_LOAD_DELAY=100
ok_run "resizes and a search while the whole is read"

for delay in 0 50 300; do
	printf '!dump first\n!sleep %s\nq\n' "$delay" >"$T/quit.keys"
	browse "$T/quit.keys" "$big" LECTERN_TEST_EXIT_DELAY=400
	ok_run "q after ${delay} ms, while the whole is read"
done

printf '%s\n' '!wait' 'G' 'R' 'k' 'R' '!wait' 'G' '!dump end' >"$T/reload.keys"
browse "$T/reload.keys" "$big"
ok_run "R twice, the second while the first still reads"

printf '%s\n' '!dump first' 'G' '/书屋<Enter>' '!dump end' >"$T/stdin.keys"
: >"$T/dump"
lim env LECTERN_TEST_SCRIPT="$T/stdin.keys" LECTERN_TEST_DUMP="$T/dump" LECTERN_TEST_SIZE=60x8 \
	"$LECTERN" - <"$big" >"$T/out" 2>"$T/err"
rc=$?
ok_run "standard input read in the background, searched"

python3 -c 'import sys; open(sys.argv[1], "w").write("![[]()" * 60000 + "\n")' "$T/slow.md"
printf '%s\n' '!dump raw' 'j' '/x<Enter>' '!sleep 200' 'q' >"$T/slow.keys"
browse "$T/slow.keys" "$T/slow.md"
ok_run "a document libcmark is slow on: the raw text, then q"

tap_done
