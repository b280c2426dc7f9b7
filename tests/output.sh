#!/bin/sh
# tests/output.sh - what the browser sends a terminal (tui_out.c: only the
# difference between frames, rows scrolled by the terminal, the cursor
# moved the shortest way) makes the screen it means.  Each case plays the
# same keys twice: headless (the screen lectern holds, dumped after every
# step) and in a real terminal (tmux), whose screen after every step must
# show the same text, row for row.  Any byte too few or out of place (a
# scroll at the wrong row, a cursor move the terminal reads otherwise, a
# row left as it was) shows as a difference.  The cases go down and up a
# row and a page, to the end and back, fold, search, open the outline and
# a prompt, on terminal types with and without the ECMA-48 SGR strings,
# with NO_COLOR, at 80x24 and 20x5, with the cursor row highlighted.
# Skipped without tmux.
# shellcheck source=tests/lib.sh
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
# shellcheck source=tests/tmux-lib.sh
. "$top_srcdir/tests/tmux-lib.sh"

trap 'tmux_stop; chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
trap 'exit 129' HUP
trap 'exit 141' PIPE
case_args=

case $LECTERN in
/*) ;;
*) LECTERN=$(pwd)/$LECTERN ;;
esac
speech=$top_srcdir/examples/speech.md

if ! tmux_start 80 24; then
	tap_skip "the browser's output in tmux" "$tmux_why"
	tap_done
fi

# The steps of every case: keys as a test script writes them, then the
# same keys as tmux send-keys takes them (a | between), one step a line.
# A terminal type without Shift-Tab (vt100) skips those steps.
steps() {
	if [ "$no_btab" = 1 ]; then
		_steps | grep -v BTab
	else
		_steps
	fi
}
_steps() {
	cat <<'EOF'
|
jjjjjjjjjjjjjjjjjjjjjjjj|-l jjjjjjjjjjjjjjjjjjjjjjjj
j|j
j|j
jjjj|-l jjjj
k|k
f|f
<Space>|Space
b|b
G|G
k|k
gg|-l gg
]]|-l ]]
zM|-l zM
j|j
<Tab>|Tab
zR|-l zR
/书屋|-l /书屋
<Enter>|Enter
n|n
N|N
/|/
<Esc>|Escape
o|o
j|j
<Esc>|Escape
<S-Tab>|BTab
<S-Tab>|BTab
<S-Tab>|BTab
<F1>|F1
j|j
q|q
:2.3|-l :2.3
<Enter>|Enter
<C-l>|C-l
EOF
}

# play_case NAME COLS ROWS ENV...: the steps headless, then in tmux;
# lectern's options are $case_args.
play_case() {
	_name=$1 _cols=$2 _rows=$3
	shift 3
	# The script: each step's keys, then a dump.
	_n=0
	: >"$T/$_name.keys"
	steps | while IFS='|' read -r _sk _tk; do
		[ -n "$_sk" ] && printf '%s\n' "$_sk" >>"$T/$_name.keys"
		printf '!dump s%d\n' "$_n" >>"$T/$_name.keys"
		_n=$((_n + 1))
	done
	: >"$T/$_name.dump"
	(
		for _e in "$@"; do export "${_e?}"; done
		# shellcheck disable=SC2086 # the options, words
		LECTERN_TEST_SCRIPT=$T/$_name.keys LECTERN_TEST_SIZE=${_cols}x$_rows \
			LECTERN_TEST_DUMP=$T/$_name.dump "$LECTERN" $case_args "$speech" </dev/null \
			>/dev/null 2>"$T/$_name.err"
	)
	# One file of text rows per dump.
	awk -v dir="$T" -v name="$_name" '
		/^=== / { f = dir "/" name "." $2; n = 0; text = 1; printf "" > f; next }
		/^--- attributes$/ { text = 0; next }
		text { sub(/ +$/, ""); print >> f }' "$T/$_name.dump"
	tmux_resize "$_cols" "$_rows"
	_env=
	for _e in "$@"; do _env="$_env $_e"; done
	tmux_run "env$_env HOME=$T $LECTERN $case_args $speech; sleep 100"
	_n=0 _bad=
	_steps=$(steps | wc -l)
	while [ $_n -lt "$_steps" ]; do
		_tk=$(steps | sed -n "$((_n + 1))p" | cut -d'|' -f2)
		# shellcheck disable=SC2086 # the tmux key names
		[ -z "$_tk" ] || tmux_keys $_tk
		if ! _tmux_poll "$TMUX_TIMEOUT" _same "$T/$_name.s$_n"; then
			_bad="$_bad s$_n"
			tap_diag "$_name: after step $_n ($(steps | sed -n "$((_n + 1))p")), the terminal shows:"
			diff "$T/$_name.s$_n" "$T/screen.t" | sed 's/^/#   /' | head -n 20
			break
		fi
		_n=$((_n + 1))
	done
	tap_is "$_bad" "" "$_name: the terminal shows lectern's screen after each of $_steps steps"
	tap_is "$(cat "$T/$_name.err")" "" "$_name: nothing on stderr headless"
	tmux_keys q
}

# _same FILE: the screen ($T/screen, just captured) is FILE's rows.
# shellcheck disable=SC2317 # called through _tmux_poll
_same() {
	sed 's/ *$//' "$T/screen" >"$T/screen.t"
	# tmux shows as many rows as the pane has; the dump as many too.
	cmp -s "$1" "$T/screen.t"
}

no_btab=0
play_case xterm 80 24 TERM=xterm-256color
play_case tmux 80 24 TERM="$tmux_term"
play_case nocolor 80 24 TERM=xterm-256color NO_COLOR=1
play_case colors8 80 24 TERM=xterm
play_case small 20 5 TERM=xterm-256color
case_args="--cursor-row highlight"
play_case highlight 80 24 TERM=xterm-256color
case_args=
no_btab=1
play_case vt100 80 24 TERM=vt100

# A page down with the cursor on the bottom row, on a pseudo-terminal:
# the rows come in at the bottom of the scroll region as they are
# written, so before the page's first character there is a line feed for
# each row that comes in first (colour changes aside), and no cursor
# address or scroll sequence (until 2026-12 "\E[1H\E[23T", 9 bytes).
if command -v python3 >/dev/null 2>&1; then
	for _t in xterm-256color vt100; do
		mkdir -p "$T/pty-$_t"
		HOME=$T/pty-$_t XDG_CONFIG_HOME=$T/pty-$_t XDG_STATE_HOME=$T/pty-$_t \
			XDG_CACHE_HOME=$T/pty-$_t TERM=$_t python3 - "$LECTERN" "$speech" \
			>"$T/pty-$_t.out" 2>&1 <<'PY'
import fcntl, os, pty, re, select, struct, sys, termios
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    os.execv(sys.argv[1], sys.argv[1:])
def settle(quiet):
    out = b""
    while select.select([fd], [], [], quiet)[0]:
        try:
            d = os.read(fd, 65536)
        except OSError:
            break
        if not d:
            break
        out += d
    return out
settle(2.0)
os.write(fd, b"22j")
settle(0.5)
os.write(fd, b" ")
page = settle(0.5)
os.write(fd, b"q")
settle(1.0)
os.waitpid(pid, 0)
# The controls before the first character, SGR (and vt100's SI) aside.
lead = re.match(rb"(?:\x1b\[[0-9;]*[A-Za-z]|[\x00-\x1f])*", page).group(0)
lead = re.sub(rb"\x1b\[[0-9;]*m|\x0f", b"", lead)
print("line feeds" if lead and lead.count(b"\n") == len(lead) else repr(lead))
PY
		tap_is "$(cat "$T/pty-$_t.out")" "line feeds" \
			"TERM=$_t: a page down at the bottom starts with line feeds alone"
	done
fi

tmux_stop
tap_done
