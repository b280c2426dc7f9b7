# shellcheck shell=sh
# tests/tmux-lib.sh - drive a program in a real terminal (tmux) from a shell
# test.  Source it after tests/lib.sh:
#
#     . "$top_srcdir/tests/tmux-lib.sh"
#     tmux_start 80 24 || { tap_skip "..." "$tmux_why"; tap_done; }
#     tmux_run "$LECTERN $top_srcdir/examples/speech.md"
#     tmux_wait '建设书香社区' || tmux_show
#     tmux_keys Enter; tmux_text ':2.4'
#     tmux_wait_exit && tap_is "$tmux_status" 0 "exit status"
#
# One private tmux server per test script (its socket in $T, no
# configuration file: tmux -S $T/tmux.sock -f /dev/null), with one session
# of one pane; every case runs its command in
# that pane with respawn-pane, so each case starts on a blank screen.  The
# pane stays after its command exits (remain-on-exit), so the last screen
# can still be read.  Nothing waits a fixed time: every wait polls
# capture-pane until the expected text is there, for at most
# $TMUX_TIMEOUT seconds (default 5).
#
# Provides:
#   tmux_start COLS ROWS     start the server; 1 and $tmux_why when it cannot
#   tmux_stop                kill the server (also done at exit)
#   tmux_run CMD             run CMD (sh -c) in the pane, replacing what runs
#   tmux_keys KEY...         send-keys (tmux key names: Enter Escape BTab C-c)
#   tmux_text TEXT           send TEXT literally
#   tmux_capture [FILE]      the screen into FILE (default $T/screen)
#   tmux_capture_e [FILE]    the screen with attributes as SGR escapes
#   tmux_capture_all [FILE]  the screen and the rows scrolled off the top
#   tmux_wait TEXT [SECS]    wait until TEXT is on the screen (fixed string)
#   tmux_wait_not TEXT [SECS] wait until TEXT is no longer on the screen
#   tmux_wait_re ERE [SECS]  wait until a row matches the extended regex
#   tmux_wait_change FILE [SECS] wait until the screen (with attributes)
#                            differs from FILE, a tmux_capture_e
#   tmux_wait_exit [SECS]    wait until the pane's command exits; sets
#                            $tmux_status (its exit status) and leaves
#                            tmux_capture_all in $T/screen
#   tmux_resize COLS ROWS    resize the window (the program gets SIGWINCH)
#   tmux_show [MSG]          the last screen as TAP comments
#   tmux_fmt FORMAT          a tmux format about the pane (#{cursor_y}...)
#   tmux_widest [FILE]       the display width in cells of FILE's widest row
#   tmux_cursor_row [FILE]   the row the terminal's cursor is on (lectern's
#                            cursor row), from FILE, a tmux_capture made
#                            just before (default: a fresh capture)
#   $tmux_term               the TERM programs in the pane get
#
# Sourcing it also makes $LECTERN an absolute path (the pane's shell
# starts elsewhere) and sets the traps that stop the server and remove $T
# at exit; a script that needs more at exit sets its own EXIT trap after.

: "${TMUX_TIMEOUT:=5}"
trap 'tmux_stop; chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
trap 'exit 129' HUP
trap 'exit 141' PIPE
case $LECTERN in
/*) ;;
*) LECTERN=$(pwd)/$LECTERN ;;
esac
tmux_sock=$T/tmux.sock
tmux_target=lectern:0.0
tmux_term=tmux-256color
tmux_why=
tmux_status=

# tmux_cmd ARGS...: tmux on the private server.
tmux_cmd() {
	tmux -S "$tmux_sock" -f /dev/null "$@"
}

tmux_start() {
	if ! command -v tmux >/dev/null 2>&1; then
		# shellcheck disable=SC2034 # for the test script
		tmux_why="tmux is not installed"
		return 1
	fi
	# Inside tmux a program must see a terminal type tmux really is; fall
	# back to screen when the terminfo entry is missing.
	if ! infocmp "$tmux_term" >/dev/null 2>&1; then
		tmux_term=screen
	fi
	# The pane first runs a placeholder; every case respawns it.
	if ! tmux_cmd new-session -d -s lectern -x "$1" -y "$2" \
		-e LC_ALL=C.UTF-8 -e "TERM=$tmux_term" \
		"exec cat >/dev/null" >"$T/tmux.err" 2>&1; then
		# shellcheck disable=SC2034 # for the test script
		tmux_why="tmux cannot start: $(cat "$T/tmux.err")"
		return 1
	fi
	tmux_cmd set-option -g remain-on-exit on \; \
		set-option -g default-shell /bin/sh \; \
		set-option -g default-terminal "$tmux_term" \; \
		set-option -g status off >/dev/null
	return 0
}

tmux_stop() {
	tmux_cmd kill-server >/dev/null 2>&1
	rm -f "$tmux_sock"
	return 0
}

tmux_run() {
	tmux_cmd respawn-pane -k -t "$tmux_target" "$1" &&
		tmux_cmd clear-history -t "$tmux_target"
}

tmux_keys() {
	tmux_cmd send-keys -t "$tmux_target" "$@"
}

tmux_text() {
	tmux_cmd send-keys -t "$tmux_target" -l -- "$1"
}

tmux_capture() {
	tmux_cmd capture-pane -p -t "$tmux_target" >"${1:-$T/screen}"
}

# tmux_capture_e [FILE]: the screen with its attributes (SGR escapes).
tmux_capture_e() {
	tmux_cmd capture-pane -p -e -t "$tmux_target" >"${1:-$T/screen}"
}

# tmux_capture_all [FILE]: the screen and the rows scrolled off it since
# the command started (a dead pane's last screen scrolls by one row for
# tmux's "Pane is dead" line).
tmux_capture_all() {
	tmux_cmd capture-pane -p -S - -t "$tmux_target" >"${1:-$T/screen}"
}

tmux_fmt() {
	tmux_cmd display-message -p -t "$tmux_target" "$1"
}

# _tmux_poll SECS TEST...: run TEST on fresh captures until it succeeds or
# SECS seconds have passed; 0 when it succeeded.
_tmux_poll() {
	_tp_tries=$(($1 * 20))
	shift
	while :; do
		tmux_capture "$T/screen"
		"$@" && return 0
		_tp_tries=$((_tp_tries - 1))
		[ "$_tp_tries" -gt 0 ] || return 1
		sleep 0.05
	done
}

_tmux_has() { grep -qF -e "$1" "$T/screen"; }
_tmux_hasnt() { ! grep -qF -e "$1" "$T/screen"; }
_tmux_match() { grep -qE -e "$1" "$T/screen"; }
_tmux_dead() { [ "$(tmux_fmt '#{pane_dead}')" = 1 ]; }

tmux_wait() {
	_tmux_poll "${2:-$TMUX_TIMEOUT}" _tmux_has "$1"
}

tmux_wait_not() {
	_tmux_poll "${2:-$TMUX_TIMEOUT}" _tmux_hasnt "$1"
}

tmux_wait_re() {
	_tmux_poll "${2:-$TMUX_TIMEOUT}" _tmux_match "$1"
}

# tmux_wait_change FILE [SECS]: wait until the screen with its attributes
# differs from FILE (a tmux_capture_e); $T/screen then holds the text.
_tmux_changed() {
	tmux_capture_e "$T/screen.e"
	! cmp -s "$1" "$T/screen.e"
}
tmux_wait_change() {
	_tmux_poll "${2:-$TMUX_TIMEOUT}" _tmux_changed "$1"
}

tmux_wait_exit() {
	tmux_status=
	_tmux_poll "${1:-$TMUX_TIMEOUT}" _tmux_dead || return 1
	# shellcheck disable=SC2034 # for the test script
	tmux_status=$(tmux_fmt '#{pane_dead_status}')
	tmux_capture_all "$T/screen"
	return 0
}

tmux_resize() {
	tmux_cmd resize-window -t "${tmux_target%.*}" -x "$1" -y "$2"
}

tmux_show() {
	[ -z "${1:-}" ] || tap_diag "$1"
	tap_diag "screen ($(tmux_fmt '#{pane_width}x#{pane_height}'), cursor at \
$(tmux_fmt '#{cursor_x},#{cursor_y}')):"
	sed 's/^/|/' "$T/screen" | while IFS= read -r _ts_line; do
		tap_diag "$_ts_line"
	done
}

# The width of a row in cells, as a terminal counts them: East Asian Wide
# and Fullwidth characters take 2 cells, combining marks 0, the rest 1.
tmux_widest() {
	python3 -c '
import sys, unicodedata
def w(ch):
    if unicodedata.combining(ch): return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1
print(max([sum(map(w, l.rstrip("\n"))) for l in
           open(sys.argv[1], encoding="utf-8", errors="replace")] or [0]))
' "${1:-$T/screen}"
}

# The row (not the last, a status line) the terminal's cursor is on, when
# it is shown: lectern's cursor row.  FILE, when given, is a capture made
# just before (the cursor is asked for now).
tmux_cursor_row() {
	_cr=$(tmux_fmt '#{cursor_flag} #{cursor_y} #{pane_height}')
	if [ -z "${1:-}" ]; then
		tmux_capture "$T/screen.c"
		set -- "$T/screen.c"
	fi
	# shellcheck disable=SC2086 # three numbers
	set -- "$1" $_cr
	[ "$2" = 1 ] && [ "$3" -lt $(($4 - 1)) ] || return 0
	sed -n "$(($3 + 1))p" "$1" | sed 's/ *$//'
}
