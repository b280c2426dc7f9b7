#!/bin/sh
# tests/terminals.sh - hostile terminals, and hostile documents on a real
# terminal: lectern runs in a tmux pane (tests/tmux-lib.sh) and the test
# reads the screen and the pane's state back.
#
#  - injection: a document full of escape sequences (tests/hostile/
#    inject.md.esc) shows them in visible form on the screen, the status
#    line and the outline, and the terminal's title, clipboard and screen
#    are as before; --print (and p) to the terminal refuse without --raw
#    (exit 3) and write the bytes with it;
#  - sizes 1x1, 2x1, 10x3 and 500x200, and a storm of 100 resizes in two
#    seconds during an incremental search and during folding;
#  - TERM unset, dumb, vt100, linux, screen, xterm-256color; LANG=C;
#  - stdout closed, stdin closed or empty, SIGPIPE after p, and every
#    signal that ends a program (SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1,
#    SIGUSR2, SIGALRM, SIGXCPU, SIGXFSZ): the terminal is left as it was
#    found and the program ends by the signal;
#  - Ctrl-Z, a resize while stopped, fg: drawn again at the new size;
#  - a bracketed paste with an Esc in it: text in a prompt, never keys.
# Skipped when tmux is not installed.
# shellcheck source=tests/lib.sh
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
# shellcheck source=tests/tmux-lib.sh
. "$top_srcdir/tests/tmux-lib.sh"
H=$top_srcdir/tests/hostile
speech=$top_srcdir/examples/speech.md
title='建设书香社区，推进全民阅读'

# ---- without a terminal: standard input --------------------------------
"$LECTERN" - <&- >"$T/out" 2>"$T/err"
tap_like "$?/$(cat "$T/err")" "2/lectern: (standard input): *" \
	"lectern - <&- (stdin closed): exit 2, one line about standard input"
true | "$LECTERN" - >"$T/out" 2>"$T/err"
tap_is "$?/$(cat "$T/err")" "2/lectern: (standard input): empty file" \
	"true | lectern -: exit 2, empty input"

# ---- a locale that is not UTF-8, headless ---------------------------------
if command -v python3 >/dev/null 2>&1; then
	printf '!dump first\nj\n!dump second\nG\n!dump last\n' >"$T/langc.keys"
	LC_ALL=C LANG=C LECTERN_TEST_SCRIPT="$T/langc.keys" LECTERN_TEST_DUMP="$T/langc.dump" \
		"$LECTERN" "$speech" </dev/null >"$T/out" 2>"$T/err"
	tap_is "$?/$(cat "$T/err")" 0/ "LANG=C, headless: exit 0, nothing on stderr"
	python3 "$top_srcdir/tests/hostile/check.py" rows "$T/langc.dump" first >"$T/first"
	tap_like "$(tail -n 1 "$T/first")" \
		" the locale is not UTF-8: characters it cannot show are drawn as \\? *" \
		"LANG=C, headless: the notice on the status line"
	tap_is "$(head -n 1 "$T/first")" "? ? ? ? ? ? ? ? ? ? ? ? ?" \
		"LANG=C, headless: a '?' and a blank for each wide character"
	tap_is "$(grep -c 'locale' "$T/langc.dump")" 1 "LANG=C, headless: the notice once"
	tap_is "$(LC_ALL=C grep -c '[^ -~]' "$T/langc.dump")" 0 "LANG=C, headless: only ASCII drawn"
	python3 "$top_srcdir/tests/hostile/check.py" frame "$T/langc.dump" >"$T/frame"
	tap_ok $? "LANG=C, headless: valid frames" || tap_diag "$(cat "$T/frame")"
fi

if ! tmux_start 80 24; then
	tap_skip "lectern in tmux" "$tmux_why"
	tap_done
fi
if ! command -v python3 >/dev/null 2>&1; then
	tap_skip "lectern in tmux" "python3 is not installed (it measures the rows)"
	tap_done
fi
# An OSC 52 sequence that reaches tmux sets a paste buffer.
tmux_cmd set-option -g set-clipboard on

# q STRING: STRING quoted for sh.
q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

# unesc FILE: FILE with its \0ooo escapes turned into bytes (printf %b).
unesc() {
	while IFS= read -r _l || [ -n "$_l" ]; do
		printf '%b\n' "$_l"
	done <"$1"
}

# lec [ENV...] -- ARGS...: a command line that runs lectern ARGS with the
# environment changes ENV (env(1) arguments: VAR=value, -u VAR); its pid
# goes to $T/pid.
lec() {
	_c="sh -c 'echo \$\$ >\"\$0\"; exec \"\$@\"' $(q "$T/pid") env"
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		_c="$_c $(q "$1")"
		shift
	done
	shift
	_c="$_c $(q "$LECTERN")"
	for _a in "$@"; do
		_c="$_c $(q "$_a")"
	done
	printf '%s' "$_c"
}

# wrap NAME CMD: runs the shell command CMD in the pane after a line
# "BEFORE-MARK".  When CMD ends, its status goes to $T/NAME.rc and
# "same" or "changed" (the stty settings) to $T/NAME.tty, the pane shows
# "[exit N]" and waits for a line, which it shows as "[typed LINE]"; then
# the pane stays 3 s (tmux sometimes drops the last output of a pane whose
# command has just exited: "[typed ...]" was missing from a dead pane).
wrap() {
	rm -f "$T/$1.rc" "$T/$1.tty" "$T/pid"
	tmux_run "printf '\\033]2;lectern-test\\033\\\\'; echo BEFORE-MARK; s=\$(stty -g); $2; \
rc=\$?; if [ \"\$(stty -g)\" = \"\$s\" ]; then echo same; else echo changed; fi >$(q "$T/$1.tty"); \
echo \$rc >$(q "$T/$1.rc"); echo \"[exit \$rc]\"; read -r line; echo \"[typed \$line]\"; sleep 3"
}

# check STATUS MSG: a result; when it failed, the screen goes to the log.
check() {
	tap_ok "$1" "$2" || tmux_show ""
}

# poll SECS CMD...: runs CMD every 0.05 s until it succeeds, SECS at most.
poll() {
	_p=$(($1 * 20))
	shift
	while ! "$@"; do
		_p=$((_p - 1))
		[ $_p -gt 0 ] || return 1
		sleep 0.05
	done
}
# shellcheck disable=SC2317 # called through poll
fmt_is() { [ "$(tmux_fmt "$1")" = "$2" ]; }

# up: the browser has drawn (the pane is on the alternate screen, or for
# terminals without one, the status line is there).
up() {
	poll "$TMUX_TIMEOUT" fmt_is '#{alternate_on}' 1 && tmux_wait 'F1 help'
}

# ended NAME: waits until the command of wrap NAME has ended; $rc_got
# holds its status.
ended() {
	rc_got=
	poll "$TMUX_TIMEOUT" test -s "$T/$1.rc" || return 1
	rc_got=$(cat "$T/$1.rc")
}

# finished NAME STATUS: lectern ended with STATUS and left the terminal as
# it found it: the same stty settings, the normal screen, the cursor
# shown, the title as set before, and a line typed afterwards is read.
finished() {
	ended "$1"
	tap_is "$rc_got" "$2" "$1: exit status $2" || tmux_show ""
	tap_is "$(cat "$T/$1.tty" 2>/dev/null)" same "$1: the terminal settings are as before"
	tap_is "$(tmux_fmt '#{alternate_on} #{cursor_flag} #{mouse_any_flag} #{pane_title}')" \
		"0 1 0 lectern-test" "$1: normal screen, cursor shown, no mouse, the title unchanged"
	tmux_text 'still here'
	tmux_keys Enter
	# Generous: under load the shell behind may take seconds to read again.
	tmux_wait '[typed still here]' 15
	check $? "$1: the terminal reads a typed line again"
}

# rows_ok MAXCOLS: no row of $T/screen is wider than MAXCOLS cells.
rows_ok() {
	_w=$(tmux_widest "$T/screen")
	[ "$_w" -le "$1" ] || {
		tap_diag "widest row: $_w cells"
		return 1
	}
}

# resized COLS ROWS: resizes the window and waits until the pane's terminal
# has the size (tmux applies a resize to the pty a little later when they
# come fast, and only then does the program get SIGWINCH).
# shellcheck disable=SC2317 # called through poll
_pty_is() { [ "$({ stty size <"$_tty"; } 2>/dev/null)" = "$1" ]; }
resized() {
	tmux_resize "$1" "$2"
	[ "$(tmux_fmt '#{pane_dead}')" = 0 ] || return 0
	_tty=$(tmux_fmt '#{pane_tty}')
	poll "$TMUX_TIMEOUT" _pty_is "$2 $1"
}

# ---- injection: the document's escapes on a real terminal --------------
inj=$T/inject.md
unesc "$H/inject.md.esc" >"$inj"
v_head='一、HEAD^[]0;pwned^G<U+202E>反'

# First, that the checks can fail: raw sequences do set tmux's title and
# clipboard.
tmux_run "printf '\\033]0;probe\\007\\033]52;c;cHJvYmU=\\007'; echo probed"
tmux_wait probed
tap_is "$(tmux_fmt '#{pane_title}') $(tmux_cmd list-buffers -F '#{buffer_sample}')" "probe probe" \
	"a raw OSC 0 and OSC 52 set the pane title and a buffer (the checks below can fail)"
tmux_cmd delete-buffer >/dev/null 2>&1

resized 160 30
wrap inject "$(lec -- "$inj") >$(q "$T/inject.out")"
up
check $? "inject: the browser shows the document"
tmux_capture
missing=
for v in 'FM-TITLE^[]0;fm^G' 'FM-AUTHOR^[[2J<U+009B>' "$v_head" 'PARA^[[2J^[]52;c;aGVsbG8=^G' \
	'DEL^? C1<U+009B> BEL^G BIDI<U+202E> ISO<U+2066>' 'OSC8^[]8;;http://evil^[\link^[]8;;^[\ end.' \
	'CODE^[[2J' 'LINK^[]0;link^G' 'FENCE^[]0;fence^G'; do
	grep -qF -e "$v" "$T/screen" || missing="$missing [$v]"
done
tap_is "$missing" "" "inject: the screen shows every escape in visible form" || tmux_show ""
tmux_text ']'
tmux_wait " $v_head  "
tap_like "$(tail -n 1 "$T/screen")" " $v_head *%  F1 help" \
	"inject: the status line shows the heading's escapes in visible form" || tmux_show ""
tmux_text o
tmux_wait "1 $v_head"
check $? "inject: the outline shows them in visible form"
tmux_keys Escape
tmux_wait_not 'Outline:'
tap_is "$(tmux_fmt '#{pane_title}')/$(tmux_cmd list-buffers | wc -l)/$(tmux_fmt '#{history_size}')" \
	"lectern-test/0/0" "inject: while browsing, no title set, no clipboard, nothing scrolled"
tmux_text q
finished inject 0
# (a dead pane scrolls by a row for tmux's "Pane is dead" line)
tmux_capture_all
tap_is "$(head -n 1 "$T/screen")" BEFORE-MARK "inject: the screen before lectern is still there" ||
	tmux_show ""
tap_is "$(tmux_cmd list-buffers | wc -l)" 0 "inject: no clipboard buffer after lectern"

# --dump onto the terminal.
wrap dump "$(lec -- --dump "$inj")"
ended dump
tmux_capture
grep -qF "$v_head" "$T/screen"
tap_is "$rc_got/$?/$(tmux_fmt '#{pane_title}')/$(tmux_cmd list-buffers | wc -l)" "0/0/lectern-test/0" \
	"inject --dump to the terminal: visible forms, no title, no clipboard"

# --print to the terminal: refused without --raw, the bytes with it.
wrap print "$(lec -- --print 1 "$inj")"
ended print
tmux_capture
tap_like "$rc_got/$(grep -F 'lectern:' "$T/screen")" \
	"3/lectern: $inj: *use --raw*" "inject --print 1 to the terminal: exit 3, one line: use --raw"
tap_is "$(grep -c 'PARA' "$T/screen")/$(tmux_fmt '#{pane_title}')" "0/lectern-test" \
	"inject --print 1 to the terminal: nothing of the node written"
wrap printraw "$(lec -- --print 1 --raw "$inj")"
ended printraw
tmux_capture
tap_is "$rc_got/$(grep -c '^FENCE$' "$T/screen")/$(tmux_fmt '#{pane_title}')" "0/1/fence" \
	"inject --print 1 --raw to the terminal: the bytes (the fenced block's OSC 0 set the title)"
tmux_cmd delete-buffer >/dev/null 2>&1

# --convert writes a Markdown file as it is: the same rule as --print.
wrap convert "$(lec -- --convert "$inj")"
ended convert
tmux_capture
tap_like "$rc_got/$(grep -F 'lectern:' "$T/screen")" \
	"3/lectern: $inj: *use --raw*" "inject --convert to the terminal: exit 3, one line: use --raw"
tap_is "$(grep -c 'PARA' "$T/screen")/$(tmux_fmt '#{pane_title}')" "0/lectern-test" \
	"inject --convert to the terminal: nothing of the document written"
wrap convraw "$(lec -- --convert --raw "$inj")"
ended convraw
tap_is "$rc_got/$(tmux_fmt '#{pane_title}')" "0/fence" \
	"inject --convert --raw to the terminal: the bytes (the last OSC 0 set the title)"
tmux_cmd delete-buffer >/dev/null 2>&1

# p in the browser, stdout the terminal: the same rule, said before it
# quits: the browser stays where it was, and q leaves nothing written.
wrap p "$(lec -- "$inj")"
up
tmux_text ']'
tmux_wait " $v_head  "
tmux_text p
tmux_wait 'control characters'
check $? "inject p to the terminal: refused on the status line (use --raw)"
tap_is "$(fmt_is '#{alternate_on}' 1 && echo browsing)" browsing \
	"inject p to the terminal: the browser stays open"
tmux_text q
ended p
tap_is "$rc_got/$(tmux_fmt '#{pane_title}')" "0/lectern-test" \
	"inject p to the terminal, then q: nothing of the node written"
wrap praw "$(lec -- --raw "$inj")"
up
tmux_text ']'
tmux_wait " $v_head  "
tmux_text p
ended praw
tap_is "$rc_got/$(tmux_fmt '#{pane_title}')" "0/fence" "inject --raw, p to the terminal: the bytes"
tmux_cmd delete-buffer >/dev/null 2>&1
resized 80 24

# ---- sizes ----------------------------------------------------------------
for size in 1x1 2x1 10x3 500x200; do
	resized "${size%x*}" "${size#*x}"
	wrap "size-$size" "$(lec -- "$speech")"
	poll "$TMUX_TIMEOUT" fmt_is '#{alternate_on}' 1
	check $? "$size: the browser starts"
	tmux_text j
	tmux_text zM
	case $size in
	1x1 | 2x1) sleep 0.2 ;;
	500x200)
		tmux_wait_re '^三、切实加强组织保障和督促落实 … \['
		check $? "$size: zM folds"
		rows_ok 500
		check $? "$size: no row wider than 500 cells"
		;;
	10x3)
		tmux_wait_re '^ 建设书'
		check $? "$size: the status line"
		rows_ok 10
		check $? "$size: no row wider than 10 cells"
		;;
	esac
	tmux_text q
	ended "size-$size"
	resized 80 24
	finished "size-$size" 0
done

# ---- a storm of resizes ----------------------------------------------------
# storm: 100 resizes in about 2 seconds, ending at 80x24 once the pane's
# terminal has that size.
storm() {
	_i=0
	while [ $_i -lt 20 ]; do
		# five resizes a tmux command, twenty commands
		set -- 40 12 120 40 20 5 81 25 60 20 3 2 100 30 1 1 33 9 200 60
		[ $((_i % 2)) = 0 ] || shift 10
		_w=${tmux_target%.*}
		tmux_cmd resize-window -t "$_w" -x "$1" -y "$2" \; \
			resize-window -t "$_w" -x "$3" -y "$4" \; \
			resize-window -t "$_w" -x "$5" -y "$6" \; \
			resize-window -t "$_w" -x "$7" -y "$8" \; \
			resize-window -t "$_w" -x "$9" -y "${10}"
		sleep 0.07
		_i=$((_i + 1))
	done
	resized 80 24
}

# at_top: the cursor is on the first row, the title.
# shellcheck disable=SC2317 # called through poll
at_top() { [ "$(tmux_cursor_row)" = "$title" ]; }

# The screens to compare with, without resizes.  Where the cursor row sits
# after a resize depends on the sizes before (the cursor stays on its
# text), so each screen is compared after g, from the top.
wrap ref "$(lec -- "$speech")"
up
tmux_text /书屋
tmux_keys Enter
tmux_wait_re ' 1/12 '
tmux_cursor_row >"$T/ref-cursor"
tmux_text g
poll "$TMUX_TIMEOUT" at_top
tmux_capture "$T/ref-search"
tmux_text zM
tmux_wait_re '^三、切实加强组织保障和督促落实 … \['
tmux_capture "$T/ref-fold"
tmux_text q
ended ref

wrap storm "$(lec -- "$speech")"
up
tmux_text /书
t0=$(date +%s)
storm
tmux_wait_re '^/书 +1/62$'
check $? "resize storm during a search: the prompt is on the last row again"
tmux_text 屋
tmux_keys Enter
tmux_wait_re ' 1/12 '
check $? "resize storm during a search: the search ends on 1/12"
tap_is "$(tmux_fmt '#{pane_dead}')" 0 "resize storm during a search: lectern still runs"
tmux_cursor_row >"$T/cursor"
tap_file_is "$T/cursor" "$T/ref-cursor" "resize storm during a search: the cursor on the match"
tmux_text g
poll "$TMUX_TIMEOUT" at_top
tmux_capture
tap_file_is "$T/screen" "$T/ref-search" "resize storm during a search: the screen as without it"
tmux_text zM
sleep 0.1
tmux_text zR
storm
tmux_text zM
tmux_wait_re '^三、切实加强组织保障和督促落实 … \['
check $? "resize storm during folding: zM folds"
tmux_capture
tap_file_is "$T/screen" "$T/ref-fold" "resize storm during folding: the screen as without it"
tap_diag "two storms of 100 resizes took $(($(date +%s) - t0)) s with the keys"
tmux_text q
finished storm 0

# ---- a paste ---------------------------------------------------------------
# Bracketed paste: what is pasted into a prompt is text, an Esc in it
# included; it never runs as keys (12.8: the Esc closed the prompt and
# "qq" quit).  Outside a prompt a paste does nothing.
wrap paste "$(lec -- "$speech")"
up
tmux_text /
tmux_wait_re '^/ *$'
tmux_cmd set-buffer -b lp "书屋$(printf '\033')qq"
tmux_cmd paste-buffer -p -d -b lp -t "$tmux_target"
tmux_wait_re '^/书屋\^\[qq +no match$'
check $? "a paste with an Esc in it goes into the / prompt as text, the Esc shown as ^["
tmux_keys BSpace BSpace BSpace
tmux_wait_re '^/书屋 +1/12$'
check $? "the pasted text is edited as typed text: the search finds 书屋"
tmux_keys Escape
tmux_wait_not '/书屋'
tmux_cmd set-buffer -b lp "qqq"
tmux_cmd paste-buffer -p -d -b lp -t "$tmux_target"
tmux_wait 'a paste goes into a prompt'
check $? "a paste outside a prompt does nothing but say where it goes"
tap_is "$(tmux_fmt '#{pane_dead} #{alternate_on}')" "0 1" "after the pastes lectern still runs"
tmux_text q
finished paste 0

# ---- terminal types ---------------------------------------------------------
"$LECTERN" --dump --width 80 "$speech" >"$T/want.dump"
for term in unset dumb; do
	if [ $term = unset ]; then set -- -u TERM; else set -- TERM=dumb; fi
	wrap "term-$term" "$(lec "$@" -- "$speech") >$(q "$T/term.out") 2>$(q "$T/term.err")"
	ended "term-$term"
	tap_like "$rc_got/$(cat "$T/term.err")" "0/lectern: TERM is * showing the document as with --dump" \
		"TERM $term: exit 0, a one-line notice"
	tap_file_is "$T/term.out" "$T/want.dump" "TERM $term: the document as --dump prints it"
done
for term in vt100 linux screen xterm-256color; do
	if ! infocmp "$term" >/dev/null 2>&1; then
		tap_skip "TERM=$term" "no terminfo entry"
		continue
	fi
	wrap "term-$term" "$(lec "TERM=$term" -- "$speech")"
	tmux_wait 'F1 help'
	check $? "TERM=$term: the browser shows the document"
	tmux_text zM
	tmux_wait_re '^三、切实加强组织保障和督促落实 … \['
	check $? "TERM=$term: zM folds"
	tmux_capture
	rows_ok 80
	check $? "TERM=$term: no row wider than 80 cells"
	tmux_text q
	ended "term-$term"
	finished "term-$term" 0
done

# ---- a locale that is not UTF-8 ----------------------------------------------
wrap utf8 "$(lec -- "$speech")"
up
tmux_capture "$T/utf8.screen"
tmux_text q
ended utf8
wrap langc "$(lec LC_ALL=C LANG=C -- "$speech")"
up
tmux_capture
tap_like "$(tail -n 1 "$T/screen")" \
	" the locale is not UTF-8: characters it cannot show are drawn as \\? *" \
	"LANG=C: the status line says why there are '?'"
tap_is "$(head -n 1 "$T/screen")" "? ? ? ? ? ? ? ? ? ? ? ? ?" \
	"LANG=C: each character is a '?' in its cells"
tap_is "$(LC_ALL=C grep -c '[^ -~]' "$T/screen")" 0 "LANG=C: nothing but ASCII on the screen"
# The UTF-8 screen with each character that is not ASCII turned into '?'
# and blanks to its width: the same layout.
python3 -c '
import sys, unicodedata
for line in open(sys.argv[1], encoding="utf-8"):
    out = ""
    for ch in line.rstrip("\n"):
        if ord(ch) < 128:
            out += ch
        else:
            out += "?" + " " * ((2 if unicodedata.east_asian_width(ch) in "WF" else 1) - 1)
    print(out.rstrip())
' "$T/utf8.screen" >"$T/want.langc.all"
head -n 23 "$T/want.langc.all" >"$T/want.langc"
head -n 23 "$T/screen" >"$T/got.langc"
tap_file_is "$T/got.langc" "$T/want.langc" "LANG=C: the layout of UTF-8, a '?' for each character"
tmux_text j
tmux_wait_not 'the locale is not UTF-8'
check $? "LANG=C: the notice goes at the next key"
tmux_text Gg
tmux_text o
tmux_wait 'Outline:'
tmux_keys Escape
tmux_wait_not 'Outline:'
tmux_capture
tap_is "$(grep -c 'locale' "$T/screen")" 0 "LANG=C: the notice comes once"
tmux_text q
finished langc 0

# ---- standard output closed, SIGPIPE -----------------------------------------
wrap closed "$(lec -- "$speech") >&-"
up
check $? "stdout closed: the browser works"
tmux_text :2
tmux_keys Enter
tmux_wait_re '› |^ 二、'
tmux_text q
finished closed 0
wrap closed-p "$(lec -- "$speech") >&-"
up
tmux_text :2
tmux_keys Enter
tmux_text p
tmux_wait 'standard output is closed'
check $? "stdout closed, p: the status line says so and the browser stays"
tmux_text q
ended closed-p
tmux_capture
tap_is "$rc_got/$(grep -c 'lectern: ' "$T/screen")" "0/0" \
	"stdout closed, p then q: exit 0, nothing on stderr"
tap_is "$(cat "$T/closed-p.tty")/$(tmux_fmt '#{alternate_on}')" same/0 \
	"stdout closed, p: the terminal as before"

wrap sigpipe "{ $(lec -- "$speech"); echo \$? >$(q "$T/sigpipe.status"); } | true"
up
tmux_text :2
tmux_keys Enter
tmux_text p
ended sigpipe
tap_is "$(cat "$T/sigpipe.status")" 0 "p into a closed pipe: ends quietly (exit 0)"
tap_is "$(cat "$T/sigpipe.tty")/$(tmux_fmt '#{alternate_on} #{cursor_flag}')" "same/0 1" \
	"p into a closed pipe: the terminal as before"
tmux_capture
tap_is "$(grep -c 'lectern' "$T/screen")" 0 "p into a closed pipe: no message"

# ---- signals ---------------------------------------------------------------
# Every signal that ends the program leaves the terminal as it was, and
# the program ends by it (the status is 128 + its number; SIGQUIT,
# Ctrl-\ in the terminal, is one keystroke away).  (12.2: all but TERM
# and HUP left the screen and the modes of the browser.)
for sig in TERM HUP INT QUIT USR1 USR2 ALRM XCPU XFSZ; do
	case $sig in
	HUP) want=129 ;; INT) want=130 ;; QUIT) want=131 ;; USR1) want=138 ;;
	USR2) want=140 ;; ALRM) want=142 ;; TERM) want=143 ;; XCPU) want=152 ;; XFSZ) want=153 ;;
	esac
	wrap "sig$sig" "ulimit -c 0; $(lec -- "$speech")"
	up
	tmux_text zM
	tmux_text /书
	tmux_wait '/书'
	kill -s $sig "$(cat "$T/pid")"
	finished "sig$sig" "$want"
done
# Ctrl-\ typed.  (Ctrl-C typed would end the shell around lectern too.)
wrap ctrl-backslash "ulimit -c 0; $(lec -- "$speech")"
up
tmux_keys 'C-\'
finished ctrl-backslash 131

# Ctrl-Z, a resize while stopped, fg: the screen comes back at the new
# size without a key (12.6: it came back at the old size).  Job control
# needs an interactive shell.
tmux_run "PS1='$ ' exec sh -i"
tmux_wait '$'
tmux_text "$(lec -- "$speech")"
tmux_keys Enter
up
check $? "Ctrl-Z: the browser shows the document"
tmux_keys C-z
poll "$TMUX_TIMEOUT" fmt_is '#{alternate_on}' 0
check $? "Ctrl-Z: the browser leaves the screen"
resized 100 30
tmux_text fg
tmux_keys Enter
poll "$TMUX_TIMEOUT" fmt_is '#{alternate_on}' 1
check $? "fg: the browser is back"
# bottom_status: the status line is the 30th row and reaches column 100
# (its last cell is a blank).
# shellcheck disable=SC2317 # called through poll
bottom_status() {
	tmux_capture
	[ "$(awk 'END { print NR }' "$T/screen")" = 30 ] &&
		tail -n 1 "$T/screen" | grep -q 'F1 help$' &&
		[ "$(tail -n 1 "$T/screen" | python3 -c 'import sys, unicodedata
print(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in sys.stdin.read().rstrip("\n")))')" = 99 ]
}
poll "$TMUX_TIMEOUT" bottom_status
check $? "fg after a resize: the screen is drawn at the new size (100x30) without a key"
tmux_text q
# (What is typed before the terminal is the shell's again is read in the
# browser's modes: wait.)
poll "$TMUX_TIMEOUT" fmt_is '#{alternate_on}' 0
tmux_text 'echo "[exit $?]"'
tmux_keys Enter
tmux_wait '[exit 0]'
check $? "Ctrl-Z, fg, q: exit 0"
tap_is "$(tmux_fmt '#{alternate_on} #{cursor_flag}')" "0 1" "Ctrl-Z, fg, q: normal screen, cursor shown"
resized 80 24

tmux_stop
tap_done
