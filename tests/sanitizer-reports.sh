#!/bin/sh
# tests/sanitizer-reports.sh - no sanitizer report anywhere in the suite.
#
# ./build.sh check runs the whole suite a second time on a build with
# ASan, UBSan and LeakSanitizer (build-san/), with
#     ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:log_path=DIR/san:log_exe_name=1
#     UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:log_path=DIR/san:log_exe_name=1
# in the environment, so that every report is a file in DIR, whatever ran
# the sanitized program (both runtimes are one in clang's build, and the
# log_path read last, UBSAN_OPTIONS', wins: it must be the same in both):
# a unit test, a pipeline that drops exit statuses,
# a tmux pane (the tmux server passes its environment on), an ssh session
# (tests/ssh.sh passes the options on).  Then it runs this test alone,
# after all the others, with LECTERN_SAN_REPORTS=DIR; it
#   - checks that the options name DIR and that the suite ran with them,
#   - proves that a report really lands in a directory so named, from
#     lectern run directly and from lectern in a tmux pane: canary runs
#     with a hard RSS limit of 1 MB, which the runtime reports and aborts,
#   - fails when DIR holds any file, and shows what they say.
# Skipped for a build without sanitizers, and when LECTERN_SAN_REPORTS is
# not set (build.sh's first pass, where it would run too early, or make
# check by hand).
# shellcheck source=tests/lib.sh
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
# shellcheck source=tests/tmux-lib.sh
. "$top_srcdir/tests/tmux-lib.sh"

trap 'tmux_stop; chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT

case $LECTERN in
/*) ;;
*) LECTERN=$(pwd)/$LECTERN ;;
esac

if ! ASAN_OPTIONS=help=1 "$LECTERN" --version 2>&1 | grep -q AddressSanitizer; then
	tap_skip "sanitizer reports" "not a sanitizer build (./configure --enable-sanitizers)"
	tap_done
fi
D=${LECTERN_SAN_REPORTS:-}
if [ -z "$D" ]; then
	tap_skip "sanitizer reports" \
		"LECTERN_SAN_REPORTS is not set (./build.sh check sets it and runs this test after the others)"
	tap_done
fi

# ---- the set-up ----------------------------------------------------------
# build.sh makes the directory anew with a file .started in it.
[ -d "$D" ] && [ -w "$D" ] && [ -f "$D/.started" ]
tap_ok $? "the report directory $D exists, is writable, holds .started"
# log_path OPTIONS: the last log_path in OPTIONS.
log_path() {
	printf ':%s:\n' "$1" | sed -n 's/.*:log_path=\([^:]*\):.*/\1/p'
}
tap_like "$(log_path "${ASAN_OPTIONS:-}")" "$D/*" "ASAN_OPTIONS writes reports into it" ||
	tap_diag "ASAN_OPTIONS=${ASAN_OPTIONS:-}"
tap_is "$(log_path "${UBSAN_OPTIONS:-}")" "$(log_path "${ASAN_OPTIONS:-}")" \
	"UBSAN_OPTIONS writes them to the same place" ||
	tap_diag "UBSAN_OPTIONS=${UBSAN_OPTIONS:-}"
tap_like ":${ASAN_OPTIONS:-}:" "*:detect_leaks=1:*" "ASAN_OPTIONS: LeakSanitizer on"

# Every other test ran after the directory was made, so with these
# options.
n=$(find tests -name '*.trs' -newer "$D/.started" | wc -l | tr -d ' ')
old=$(find tests -name '*.trs' ! -newer "$D/.started")
[ "$n" -gt 0 ] && [ -z "$old" ]
tap_ok $? "the suite ran with these options ($n results since the directory was made)" ||
	tap_diag "older results: $old"

# ---- canaries: a report really lands where log_path says -----------------
# wait_report DIR: up to 10 seconds until a file in DIR is a report.
wait_report() {
	_n=200
	while [ $_n -gt 0 ]; do
		grep -qs 'AddressSanitizer' "$1"/* && return 0
		_n=$((_n - 1))
		sleep 0.05
	done
	return 1
}
# canary_env DIR: the options, with log_path DIR/san and an RSS limit.
canary_env() {
	ASAN_OPTIONS="$ASAN_OPTIONS:log_path=$1/san:hard_rss_limit_mb=1"
	UBSAN_OPTIONS="$UBSAN_OPTIONS:log_path=$1/san"
	export ASAN_OPTIONS UBSAN_OPTIONS
}

# lectern waits for its standard input (a FIFO held open) until the
# runtime's RSS check aborts it.
C=$T/canary
mkdir "$C"
mkfifo "$T/fifo"
(
	canary_env "$C"
	exec "$LECTERN" --toc - <"$T/fifo" >/dev/null 2>"$T/canary.err"
) &
pid=$!
exec 3>"$T/fifo"
wait_report "$C"
ok=$?
exec 3>&-
{ wait "$pid"; } 2>/dev/null
rc=$?
tap_ok $ok "canary: lectern's report goes to the log_path file (exit status $rc)" ||
	tap_diag "stderr: $(cat "$T/canary.err")"

# The same in a tmux pane: the pane's program has the options the tmux
# server was started with, like the programs of tests/tmux.sh.
C=$T/canary-tmux
mkdir "$C"
saved_a=$ASAN_OPTIONS saved_u=$UBSAN_OPTIONS
canary_env "$C"
started=yes
tmux_start 80 24 || started=no
ASAN_OPTIONS=$saved_a UBSAN_OPTIONS=$saved_u
if [ $started = yes ]; then
	tmux_run "$LECTERN $top_srcdir/examples/speech.md"
	wait_report "$C"
	ok=$?
	tmux_wait_exit 5
	tap_ok $ok "canary: the report of lectern in a tmux pane goes to the log_path file" ||
		tmux_show ""
	tmux_stop
else
	tap_skip "canary in tmux" "$tmux_why"
fi

# ---- the reports ---------------------------------------------------------
reports=$(cd "$D" && ls -A | grep -v -x -F .started)
# The first reports in full (they are often alike), then the count.
tap_is "$reports" "" "no sanitizer report from the whole suite" || {
	shown=0
	for f in "$D"/*; do
		[ -f "$f" ] && [ $shown -lt 5 ] || continue
		shown=$((shown + 1))
		tap_diag "---- $f"
		tap_diag "$(head -n 60 "$f")"
	done
	tap_diag "---- $(printf '%s\n' "$reports" | wc -l | tr -d ' ') reports in $D"
}
tap_done
