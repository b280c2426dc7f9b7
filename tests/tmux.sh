#!/bin/sh
# tests/tmux.sh - the browser end to end in a real terminal: tmux runs
# lectern in a pane of 80x24 and the test types keys and reads the screen
# back (capture-pane), waiting for what should appear rather than for a
# fixed time.  It checks what the headless tests cannot: terminfo key
# decoding (F1, Shift-Tab, Esc), colours and NO_COLOR on a real terminal,
# p printing to a redirected stdout while the UI is on the terminal, a
# document on standard input, a real SIGWINCH, and the terminal left as it
# was after q or Ctrl-C.  Skipped when tmux is not installed.
# shellcheck source=tests/lib.sh
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
# shellcheck source=tests/tmux-lib.sh
. "$top_srcdir/tests/tmux-lib.sh"
speech=$top_srcdir/examples/speech.md
title='建设书香社区，推进全民阅读'

if ! tmux_start 80 24; then
	tap_skip "lectern in tmux" "$tmux_why"
	tap_done
fi
if ! command -v python3 >/dev/null 2>&1; then
	tap_skip "lectern in tmux" "python3 is not installed (it measures the rows)"
	tap_done
fi

# q STRING: STRING quoted for sh.
q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

# launch NAME [ENV=value...] -- ARGS...: runs lectern ARGS in the pane with
# stdout to $T/NAME.out.  When it exits the pane shows "[tty same]" (or
# "[tty changed]": the terminal settings differ from before), "[exit N]",
# then waits for a line and shows it as "[typed LINE]", so a test can see
# that the terminal works again.  ARGS are quoted; a "<FILE" argument is a
# pipe from cat FILE instead.
launch() {
	_name=$1 _env='' _args='' _pipe=''
	shift
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		_env="$_env $(q "$1")"
		shift
	done
	shift
	for _a in "$@"; do
		case $_a in
		"<"*) _pipe="cat $(q "${_a#<}") | " _a=- ;;
		esac
		_args="$_args $(q "$_a")"
	done
	# sleep: tmux sometimes drops the last output of a pane whose command
	# has just exited (terminals.sh's wrap says more).
	tmux_run "${launch_pre:-}s=\$(stty -g); ${_pipe}env$_env $(q "$LECTERN")$_args >$(q "$T/$_name.out"); \
rc=\$?; if [ \"\$(stty -g)\" = \"\$s\" ]; then echo '[tty same]'; else echo '[tty changed]'; fi; \
echo \"[exit \$rc]\"; read -r line; echo \"[typed \$line]\"; sleep 3"
}

# check STATUS MSG: a result; when it failed, the screen goes to the log.
check() {
	tap_ok "$1" "$2" || tmux_show ""
}

# rows_ok MAXCOLS: no row wider than MAXCOLS cells and none starting with
# closing punctuation ($T/screen).
rows_ok() {
	_w=$(tmux_widest "$T/screen")
	[ "$_w" -le "$1" ] || {
		tap_diag "widest row: $_w cells"
		return 1
	}
	! grep -q '^[，。、；：？！）》」』”]' "$T/screen" || {
		tap_diag "a row starts with closing punctuation"
		return 1
	}
}

# finished NAME [STATUS]: lectern has quit (with STATUS, default 0) and
# left the terminal as it found it:
# the same stty settings, the normal screen, the cursor shown, and a line
# typed afterwards is echoed and read.
finished() {
	tmux_wait '[exit ' || {
		check 1 "$1: lectern exits"
		return
	}
	tap_like "$(grep -F '[exit ' "$T/screen")" "\\[exit ${2:-0}\\]" "$1: exit status ${2:-0}"
	tmux_wait '[tty same]' 1
	check $? "$1: the terminal settings are as before"
	tap_is "$(tmux_fmt '#{alternate_on} #{cursor_flag} #{mouse_any_flag}')" "0 1 0" \
		"$1: normal screen, cursor shown, no mouse reporting"
	tmux_text 'still here'
	tmux_keys Enter
	tmux_wait '[typed still here]'
	check $? "$1: the terminal reads a typed line again"
}

# ---- the title, the status line, zM, a search, F1, Esc, Shift-Tab, q ----
launch main -- "$speech"
tmux_wait "$title" && tmux_wait 'F1 help'
check $? "the document and its status line show"
rows_ok 80
check $? "no row wider than 80 cells or starting with closing punctuation"
tap_like "$(tmux_cursor_row)" "$title" "the cursor is on the first row (the terminal's cursor is there)"
tap_is "$(tmux_fmt '#{alternate_on}')" 1 "the browser uses the alternate screen"

tmux_text zM
tmux_wait_re '^三、切实加强组织保障和督促落实 … \[3 sections, 11 points'
check $? "zM folds every section into a summary row"
tap_is "$(grep -c '… \[' "$T/screen")" 4 "zM: four summary rows (the preamble and three parts)"

tmux_text zR
tmux_wait_not ' … ['
tmux_text /书屋
tmux_keys Enter
tmux_wait_re ' 1/12 .*F1 help$'
check $? "/书屋 Enter: the status line counts 1/12"
tap_like "$(tmux_cursor_row)" "*书屋*" "the cursor row holds the match"
tmux_text n
tmux_wait_re ' 2/12 '
check $? "n: 2/12"

tmux_keys F1
tmux_wait 'down one row'
check $? "F1 (terminfo kf1) opens the help"
tmux_keys Escape
tmux_wait_not 'down one row' && tmux_wait 'F1 help'
check $? "Esc closes the help"

tmux_keys BTab
tmux_wait_re '^一、充分认识建设书香社区的重要意义 … \['
check $? "Shift-Tab (terminfo kcbt) cycles to the overview"

tmux_text q
finished "q"

# ---- p prints the node at the cursor to stdout, the UI stays on the tty --
launch print -- "$speech"
tmux_wait 'F1 help'
tmux_text :2.4
tmux_keys Enter
tmux_wait '（四）推进数字阅读服务' && tmux_wait_re '› （四）推进数字阅读服务 '
check $? ":2.4 Enter goes to （四）推进数字阅读服务"
tmux_text p
finished "p"
"$LECTERN" --print 2.4 "$speech" >"$T/want.2.4"
tap_file_is "$T/print.out" "$T/want.2.4" "p prints exactly what --print 2.4 prints"

# ---- the document on standard input ------------------------------------
launch stdin -- "<$speech"
tmux_wait "$title" && tmux_wait 'F1 help'
check $? "cat speech.md | lectern -: the document shows"
tmux_text :3
tmux_keys Enter
tmux_wait_re '^ 三、切实加强组织保障和督促落'
check $? "stdin: :3 Enter goes to 三、"
tmux_text p
finished "stdin"
"$LECTERN" --print 3 "$speech" >"$T/want.3"
tap_file_is "$T/stdin.out" "$T/want.3" "stdin: p prints what --print 3 prints"

# ---- resize: 80x24 -> 40x12 -> 80x24 ------------------------------------
launch resize -- "$speech"
tmux_wait 'F1 help'
tmux_text :2.4
tmux_keys Enter
tmux_wait_re '› （四）推进数字阅读服务 '
tmux_text jjj
_tries=50
while [ $_tries -gt 0 ]; do
	cur=$(tmux_cursor_row)
	case $cur in 县数字阅读*) break ;; esac
	_tries=$((_tries - 1))
	sleep 0.05
done
tap_is "$cur" "县数字阅读人数比上年增长3.5%。今年要重点做好三项工作：" \
	"resize: the cursor row before, at 80x24"
tmux_resize 40 12
_tries=100
while [ $_tries -gt 0 ]; do
	tmux_capture "$T/screen"
	[ "$(tmux_fmt '#{pane_width}x#{pane_height}')" = 40x12 ] &&
		grep -q 'F1 help$' "$T/screen" && [ "$(tmux_widest "$T/screen")" -le 40 ] && break
	_tries=$((_tries - 1))
	sleep 0.05
done
rows_ok 40
check $? "resize to 40x12: the rows are laid out again, none wider than 40 cells"
tap_like "$(tmux_cursor_row)" "*县数字阅读*" "resize to 40x12: the cursor stays on its text" ||
	tmux_show ""
tap_is "$(awk 'END { print NR }' "$T/screen")" 12 "resize to 40x12: 12 rows"
tmux_resize 80 24
tmux_wait_re '（四）推进数字阅读服务 +2\.4  [0-9]+%  F1 help$'
check $? "resize back to 80x24: the status line is whole again"
tap_is "$(tmux_cursor_row)" "县数字阅读人数比上年增长3.5%。今年要重点做好三项工作：" \
	"resize back to 80x24: the cursor row is the one before"
tmux_text q
finished "resize"

# ---- Ctrl-C quits cleanly too -------------------------------------------
# lectern ends by the signal (status 130), as the shell expects; the shell
# around it gets SIGINT as well, and a trap keeps it running.
launch_pre="trap 'echo [int]' INT; "
launch ctrl-c -- "$speech"
launch_pre=
tmux_wait 'F1 help'
tmux_text ']'
tmux_wait_re '^ 一、充分认识'
tmux_keys C-c
finished "Ctrl-C" 130

# ---- a large file: the first part at once, the whole on its own ---------
# 400 copies of the sample (about 2.8 MB, more than the 256 KB that open
# early): the first screen shows while a second thread reads the rest;
# the status line says "reading" until the whole is in, then a percentage
# (without a key: the browser looks for it while idle); G then goes to
# the very end.  LECTERN_EARLY=1000 makes the first part 1000 bytes.
big=$T/big.md
i=0
while [ $i -lt 400 ]; do
	cat "$speech"
	echo
	i=$((i + 1))
done >"$big"
launch big LECTERN_EARLY=1000 -- "$big"
tmux_wait "$title" && tmux_wait 'F1 help'
check $? "a large file: the first screen shows"
tmux_wait_re ' [0-9]+%  F1 help$' 20
check $? "a large file: the whole replaces the first part without a key"
tmux_text G
tmux_wait_re '^谢谢大家！' && tmux_wait_re ' 100%  F1 help$'
check $? "a large file: G goes to the end of the whole"
tmux_text q
finished "large file"

# ---- NO_COLOR: no colours, the cursor row where the terminal's cursor is -
launch nocolor NO_COLOR=1 -- "$speech"
tmux_wait 'F1 help'
tmux_text ']'
tmux_wait_re '^ 一、充分认识'
tmux_capture_e "$T/nocolor.e"
if grep -q "$(printf '\033')\\[[0-9;]*\\(3[0-7]\\|4[0-7]\\|[34]8;\\)" "$T/nocolor.e"; then
	tap_ok 1 "NO_COLOR=1: no colour on the screen"
	tap_diag "$(grep -n "$(printf '\033')\\[[0-9;]*[34][0-8]" "$T/nocolor.e" | head -n 3 | cat -v)"
else
	tap_ok 0 "NO_COLOR=1: no colour on the screen"
fi
tap_is "$(tmux_cursor_row)" "一、充分认识建设书香社区的重要意义" \
	"NO_COLOR=1: the terminal's cursor is on the cursor row"
tmux_text q
finished "NO_COLOR"

# ---- themes: COLORFGBG says light; NO_COLOR wins over a configuration ------
launch light COLORFGBG='0;15' -- --cursor-row highlight "$speech"
tmux_wait 'F1 help'
tmux_capture_e "$T/light.e"
tap_ok "$(grep -q '48;5;195m' "$T/light.e"; echo $?)" \
	"COLORFGBG=0;15, --cursor-row highlight: the light theme (its cursor row on colour 195)"
tap_is "$(tmux_fmt '#{cursor_flag}')" 0 "--cursor-row highlight: the terminal's cursor is hidden"
tmux_text q
finished "light theme"
printf 'theme dark\ncolor heading red\ncolor cursor white blue\n' >"$T/dark.conf"
launch nocolor2 NO_COLOR=1 -- --config "$T/dark.conf" "$speech"
tmux_wait 'F1 help'
tmux_capture_e "$T/nocolor2.e"
tap_ok "$(! grep -q "$(printf '\033')\\[[0-9;]*\\(3[0-7]\\|4[0-7]\\|[34]8;\\)" "$T/nocolor2.e"; echo $?)" \
	"NO_COLOR=1 with a configuration's theme and colours: still no colour"
tmux_text q
finished "NO_COLOR over the configuration"

tmux_stop
tap_done
