# tests/lib.sh - a tiny TAP producer for lectern's shell tests (POSIX sh).
#
# Source it from a test script:
#
#     . "$(dirname "$0")/lib.sh"
#     "$LECTERN" --version >"$T/out"; tap_ok $? "--version exits 0"
#     tap_is "$(cat "$T/out")" "lectern 0.1.0" "--version output"
#     tap_done
#
# Tests are counted as they run; tap_done prints the plan "1..N" at the
# end and exits 1 when any test failed.  Failure details go out as "#"
# comments, which the automake TAP driver copies into the test's .log.
#
# Provides:
#   tap_ok STATUS MSG, tap_is GOT WANT MSG, tap_like GOT GLOB MSG,
#   tap_file_is GOTFILE WANTFILE MSG, tap_skip MSG REASON, tap_diag TEXT,
#   tap_done
#   $LECTERN     the program under test (the Makefile exports it;
#                default $top_builddir/src/lectern)
#   $srcdir, $top_srcdir   as exported by the Makefile (default: the
#                directory above the test script's); read-only under distcheck
#   $T           a fresh temporary directory, removed when the script exits;
#                write scratch files here, never into $srcdir

tap_n=0
tap_failed=0

: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${srcdir:=$top_srcdir}"
: "${top_builddir:=.}"
: "${LECTERN:=$top_builddir/src/lectern}"
export top_srcdir srcdir top_builddir
# LECTERN is also the program's own environment variable (default options,
# like LESS): the path of the program under test stays a shell variable
# that the program never sees.
_lectern_program=$LECTERN
unset LECTERN
LECTERN=$_lectern_program

T=$(mktemp -d "${TMPDIR:-/tmp}/lectern-test.XXXXXX") || {
	echo "Bail out! cannot create a temporary directory"
	exit 1
}
# The reader's own settings (a configuration file, COLORFGBG) must not
# change what a test sees, and a test writes nothing in the real home: the
# library's cache and the state (places, history) go to the test's folder
# too, unless the test run set them already (make check: tests/state).
XDG_CONFIG_HOME=$T/xdg-config
: "${XDG_STATE_HOME:=$T/xdg-state}"
XDG_CACHE_HOME=$T/xdg-cache
export XDG_CONFIG_HOME XDG_STATE_HOME XDG_CACHE_HOME
unset COLORFGBG
# chmod first: a test may have left an unreadable file or directory behind.
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
trap 'exit 141' PIPE

if [ ! -x "$LECTERN" ]; then
	echo "Bail out! program not found or not executable: $LECTERN"
	exit 1
fi

# _tap_result OK MSG: print one result line.
_tap_result() {
	tap_n=$((tap_n + 1))
	if [ "$1" = ok ]; then
		printf 'ok %d - %s\n' "$tap_n" "$2"
	else
		tap_failed=$((tap_failed + 1))
		printf 'not ok %d - %s\n' "$tap_n" "$2"
	fi
}

# _tap_comment PREFIX TEXT: print TEXT as "#" comment lines.
_tap_comment() {
	printf '%s\n' "$2" | sed "s/^/#   $1/"
}

# Each check returns 0 when it passed and 1 when it failed, so a caller can
# add details: tap_is "$rc" 0 "exit status" || tap_diag "$(cat "$T/err")"

# tap_ok STATUS MSG: passes when STATUS (a command's exit status) is 0.
tap_ok() {
	if [ "$1" -eq 0 ] 2>/dev/null; then
		_tap_result ok "$2"
	else
		_tap_result fail "$2"
		printf '#   exit status %s, want 0\n' "$1"
		return 1
	fi
}

# tap_is GOT WANT MSG: passes when the two strings are equal.
tap_is() {
	if [ "$1" = "$2" ]; then
		_tap_result ok "$3"
	else
		_tap_result fail "$3"
		_tap_comment "got:  " "$1"
		_tap_comment "want: " "$2"
		return 1
	fi
}

# tap_like GOT PATTERN MSG: passes when GOT matches the shell PATTERN
# (case-statement glob: *, ?, [...]).
tap_like() {
	# shellcheck disable=SC2254 # PATTERN is a glob on purpose
	case $1 in
	$2) _tap_result ok "$3" ;;
	*)
		_tap_result fail "$3"
		_tap_comment "got:     " "$1"
		_tap_comment "pattern: " "$2"
		return 1
		;;
	esac
}

# tap_file_is GOTFILE WANTFILE MSG: passes when the files are identical;
# otherwise shows `diff -u WANTFILE GOTFILE` as comments.
tap_file_is() {
	if cmp -s "$1" "$2"; then
		_tap_result ok "$3"
	else
		_tap_result fail "$3"
		diff -u "$2" "$1" 2>&1 | sed 's/^/#   /'
		return 1
	fi
}

# tap_skip MSG REASON: a test that cannot run here.
tap_skip() {
	tap_n=$((tap_n + 1))
	printf 'ok %d - %s # SKIP %s\n' "$tap_n" "$1" "$2"
}

# tap_diag TEXT: a comment line for the log.
tap_diag() {
	_tap_comment "" "$1"
}

# tap_done: print the plan and exit (1 when any test failed).
tap_done() {
	printf '1..%d\n' "$tap_n"
	[ "$tap_failed" -eq 0 ] && exit 0
	exit 1
}
