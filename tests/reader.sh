#!/bin/sh
# tests/reader.sh - a reader's hour with one document (issue 13), end to
# end: the place where the file was left comes back (headless and in a
# real terminal, with XDG_STATE_HOME in a temporary directory), also for
# a file edited since and the whole of a large file; y and Y send exactly
# what --print gives as OSC 52 (the payload decoded, and through tmux's
# set-clipboard); | pipes the section into a command; p with nowhere to
# print to stays; the overview of the reference speech's Markdown
# rendition fits the first screen; --width narrows the text; S-Tab on a
# document without sections and a long status message say so.
# shellcheck source=tests/lib.sh
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
# shellcheck source=tests/tmux-lib.sh
. "$top_srcdir/tests/tmux-lib.sh"

trap 'tmux_stop; chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT

if ! command -v python3 >/dev/null 2>&1; then
	tap_skip "a reader's hour" "python3 is not installed (it reads the screens)"
	tap_done
fi
case $LECTERN in
/*) ;;
*) LECTERN=$(pwd)/$LECTERN ;;
esac
# The suite turns remembering off (Makefile.am); here it is the point.
unset LECTERN_NO_REMEMBER
XDG_STATE_HOME=$T/state
export XDG_STATE_HOME
speech=$T/speech.md
cp "$top_srcdir/examples/speech.md" "$speech"

# play NAME FILE [SIZE] [VAR=value...] [-- OPTION...]: runs the keys in
# $T/NAME.keys headless on FILE; the screens go to $T/NAME.dump, what the
# browser sends the terminal itself (OSC 52, |'s output) to $T/NAME.tty;
# stdout to $T/NAME.out; the exit status in $rc.
play() {
	_n=$1 _f=$2 _s=${3:-80x24}
	shift 3 2>/dev/null || shift $#
	: >"$T/$_n.dump"
	: >"$T/$_n.tty"
	(
		while [ $# -gt 0 ] && [ "$1" != -- ]; do
			export "${1?}"
			shift
		done
		[ $# -gt 0 ] && shift
		cd "$T" || exit 1
		LECTERN_TEST_SCRIPT=$T/$_n.keys LECTERN_TEST_SIZE=$_s LECTERN_TEST_DUMP=$T/$_n.dump \
			LECTERN_TEST_TTY=$T/$_n.tty "$LECTERN" "$@" "$_f" </dev/null >"$T/$_n.out" 2>"$T/$_n.err"
	)
	rc=$?
}

# screen NAME DUMP WHAT: a part of dump DUMP of $T/NAME.dump: "rows" (the
# rows above the status line), "cursor" (the cursor row), "status",
# "attrs" (the attribute rows), "widest" (the widest row in cells).
screen() {
	python3 - "$T/$1.dump" "$2" "$3" <<'EOF'
import re, sys, unicodedata
path, want, what = sys.argv[1:]
lines = open(path, encoding="utf-8").read().split("\n")
i = 0
while i < len(lines):
    m = re.match(r"=== (.*) (\d+)x(\d+)$", lines[i])
    if not m:
        i += 1
        continue
    rows = int(m.group(3))
    text, attrs = lines[i + 1:i + 1 + rows], lines[i + 2 + rows:i + 2 + 2 * rows]
    i += 2 + 2 * rows
    if m.group(1) != want:
        continue
    def width(s):
        return sum(0 if unicodedata.combining(c) else
                   2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
    if what == "rows":
        print("\n".join(text[:-1]))
    elif what == "cursor":
        print("\n".join(t for t, a in zip(text, attrs) if "c" in a))
    elif what == "status":
        print(text[-1])
    elif what == "attrs":
        print("\n".join(attrs))
    elif what == "widest":
        print(max(width(t) for t in text[:-1]))
    sys.exit(0)
sys.exit("no dump " + want)
EOF
}

keys() {
	_k=$1
	shift
	printf '%s\n' "$@" >"$T/$_k.keys"
}

# ---- the remembered place, headless -----------------------------------------
keys left ':2.4<Enter>' 'jjj' 'ma' ':1<Enter>' '!dump before' '<Esc>'
play left "$speech"
tap_is "$rc/$(cat "$T/left.err")" "0/" "a place to leave: exit 0, nothing on stderr"
ok_state=1
[ -s "$XDG_STATE_HOME/lectern/places" ] || ok_state=0
tap_ok "$((1 - ok_state))" "the place is kept in \$XDG_STATE_HOME/lectern/places"
tap_is "$(stat -c %a "$XDG_STATE_HOME/lectern/places" 2>/dev/null)" 600 "the state file is private"

keys back '!dump again' "'a" '!dump mark'
play back "$speech"
screen left before rows >"$T/before.rows"
screen back again rows >"$T/again.rows"
tap_file_is "$T/again.rows" "$T/before.rows" "reopened: the same screen"
tap_is "$(screen back again cursor)" "$(screen left before cursor)" "reopened: the same cursor row"
tap_like "$(screen back mark cursor)" "*县数字阅读人数比上年增长3.5%*" "reopened: mark a came back with the file"

keys top '!dump top'
play top "$speech" 80x24 -- --no-remember
tap_like "$(screen top top cursor)" "建设书香社区，推进全民阅读" "--no-remember: from the top"
play top "$speech" 80x24 LECTERN_NO_REMEMBER=1
tap_like "$(screen top top cursor)" "建设书香社区，推进全民阅读" "LECTERN_NO_REMEMBER=1: from the top"
# (The last run that remembered left the file at mark a.)
play back "$speech"
tap_is "$(screen back again cursor)" "$(screen back mark cursor)" "and neither forgot the place"

# A file edited since: a paragraph more at the top, the place in 二、/（四）
# moved down: the same section, the same paragraph.
python3 - "$speech" <<'EOF'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace("同志们：\n", "同志们：\n\n这是后来加上的一段话，把后面的文字都往后推了。\n", 1)
open(p, "w", encoding="utf-8").write(s)
EOF
play back "$speech"
tap_like "$(screen back again cursor)" "*县数字阅读人数比上年增长3.5%*" "an edited file: back in the same section, on the same row"
tap_like "$(screen back again status)" "*the file has changed since*" "and the status line says the file changed"
cp "$top_srcdir/examples/speech.md" "$speech"

# A damaged state file: one notice, no error; it is mended.
printf 'not what lectern writes\n\001\002\n' >"$XDG_STATE_HOME/lectern/places"
keys dmg '!dump dmg'
play dmg "$speech"
tap_is "$rc/$(cat "$T/dmg.err")" "0/" "a damaged state file: exit 0, nothing on stderr"
tap_like "$(screen dmg dmg status)" "*/state/lectern/places: not a*" "one notice on the status line"
tap_is "$(head -n 1 "$XDG_STATE_HOME/lectern/places")" "# lectern places 1" "the file is written anew"

# Standard input is never remembered.
keys stdin ':3<Enter>' '!dump s'
rm -f "$XDG_STATE_HOME/lectern/places"
play stdin - 80x24 <"$speech"
(cd "$T" && LECTERN_TEST_SCRIPT=$T/stdin.keys LECTERN_TEST_DUMP=$T/stdin.dump "$LECTERN" - <"$speech" >/dev/null 2>&1)
tap_ok "$([ ! -e "$XDG_STATE_HOME/lectern/places" ]; echo $?)" "standard input: no place kept"

# The whole of a large file: a place past its first part comes back once
# the whole is in.
big=$T/big.md
i=0
while [ $i -lt 40 ]; do
	cat "$speech"
	echo
	i=$((i + 1))
done >"$big"
keys bigleft 'G' 'kkk' '!dump left'
play bigleft "$big" 80x24 LECTERN_EARLY=3000
keys bigback '!dump first' '!wait' '!dump whole'
play bigback "$big" 80x24 LECTERN_EARLY=3000
tap_like "$(screen bigback first status)" "*reading*" "a large file opens with its first part"
screen bigleft left rows >"$T/bl.rows"
screen bigback whole rows >"$T/bb.rows"
tap_file_is "$T/bb.rows" "$T/bl.rows" "and goes to the place near its end when the whole is in"

# ---- y and Y: OSC 52 -------------------------------------------------------
# decode NAME K: the K-th (1-based) OSC 52 payload in $T/NAME.tty, decoded.
decode() {
	python3 - "$T/$1.tty" "$2" <<'EOF'
import base64, re, sys
data = open(sys.argv[1], "rb").read()
seqs = re.findall(rb"\x1b\]52;c;([^\x07\x1b]*)\x07", data)
k = int(sys.argv[2])
sys.stdout.buffer.write(base64.b64decode(seqs[k - 1], validate=True) if len(seqs) >= k else b"(none)")
EOF
}
keys yank ':2.4<Enter>' 'y' '!dump y' 'Y' '!dump Y' ':3<Enter>' 'y' '!dump y3'
play yank "$speech" 80x24 TMUX=
"$LECTERN" --print 2.4 "$speech" >"$T/want.2.4"
"$LECTERN" --print 2.4 --plain --width 80 "$speech" >"$T/want.2.4.plain"
"$LECTERN" --print 3 "$speech" >"$T/want.3"
decode yank 1 >"$T/got.y"
tap_file_is "$T/got.y" "$T/want.2.4" "y: the OSC 52 payload decodes to exactly what --print 2.4 prints"
decode yank 2 >"$T/got.Y"
tap_file_is "$T/got.Y" "$T/want.2.4.plain" "Y: to what --print 2.4 --plain --width 80 prints"
decode yank 3 >"$T/got.y3"
tap_file_is "$T/got.y3" "$T/want.3" "y on 三、: what --print 3 prints"
tap_like "$(screen yank y status)" " copied 549 bytes of Markdown to the clipboard *" "y: the status line confirms with the size"
tap_is "$(python3 -c '
import re, sys
d = open(sys.argv[1], "rb").read()
s = re.findall(rb"\x1b\]52;c;[A-Za-z0-9+/=]*\x07", d)
print(len(s), len(b"".join(s)) == len(d))' "$T/yank.tty")" "3 True" \
	"nothing but the three sequences: no document byte reaches the terminal"
keys yankt ':2.4<Enter>' 'y' '!dump y'
play yankt "$speech" 80x24 TMUX=/tmp/tmux-0/default,1,0
tap_like "$(screen yankt y status)" "*(tmux needs set-clipboard on)*" "y inside tmux: says what tmux needs"

# Too large for the terminals: not sent, and said so.
keys yankbig 'y' '!dump y'
play yankbig "$big" 80x24 -- --no-remember
tap_like "$(screen yankbig y status)" "*more than terminals take through OSC 52*" "y on a section over the limit: says so"
tap_is "$(wc -c <"$T/yankbig.tty")" 0 "and sends nothing"

# ---- | ----------------------------------------------------------------------
keys pipe ':2.4<Enter>' "|cat >piped; echo from the command<Enter>" '!dump done' '|exit 3<Enter>' '!dump failed'
play pipe "$speech"
tap_file_is "$T/piped" "$T/want.2.4" "|: the command reads exactly what --print 2.4 prints"
tap_like "$(cat "$T/pipe.tty")" "from the command*" "its output goes to the terminal"
tap_like "$(screen pipe done status)" " | cat *: done *" "the status line says it ran"
tap_like "$(screen pipe failed status)" " | exit 3: exit status 3 *" "and how it ended"
tap_like "$(screen pipe failed cursor)" "（四）推进数字阅读服务" "the browser is where it was"

# ---- p with nowhere to print to --------------------------------------------
keys pclosed ':2.4<Enter>' 'p' '!dump p'
: >"$T/pclosed.dump"
(LECTERN_TEST_SCRIPT=$T/pclosed.keys LECTERN_TEST_DUMP=$T/pclosed.dump "$LECTERN" "$speech" >&- 2>"$T/pclosed.err")
tap_is "$?/$(cat "$T/pclosed.err")" "0/" "p with standard output closed: exit 0, nothing on stderr"
tap_like "$(screen pclosed p status)" " standard output is closed*" "the status line says so, the browser stays"

# ---- the overview of the reference speech -----------------------------------
corpus=${LECTERN_CORPUS:-$top_srcdir/../shared/corpus}
if [ -f "$corpus/customs-speech-2012.txt" ]; then
	"$LECTERN" --convert "$corpus/customs-speech-2012.txt" >"$T/customs.md"
	keys over 'zM' '!dump zM' '<S-Tab>' '!dump contents'
	play over "$T/customs.md"
	screen over zM rows >"$T/zM"
	n=$(grep -c '^[一二三]、.*… \[' "$T/zM")
	tap_is "$n" 3 "the reference speech, zM at 80x24: all three parts on the first screen"
	tap_like "$(head -n 1 "$T/zM")" "*党风廉政建设是海关工作的永恒主题" "and the title first"
	tap_like "$(sed -n 2p "$T/zM")" "胡玉敏 · 2012-04-14 · 人民网 · 在*研讨会上的讲话" "then one row of author, date, source, occasion"
	tap_is "$(grep -c 'title:\|author:' "$T/zM")" 0 "no raw front matter"
	tap_is "$(grep -c '\[[0-9]* paragraphs, ' "$T/zM")" 1 "the opening is one summary row"
	tap_is "$(screen over contents rows | grep -c '^[一二三]、')" 3 "S-Tab contents: the title, the opening, every part"
else
	tap_skip "the reference speech's overview" "the corpus is not there ($corpus)"
fi

# ---- --width, S-Tab without sections, a long message -----------------------
keys width 'G' '!dump w'
play width "$speech" 80x24 -- --width 40
tap_is "$(screen width w widest)" 40 "--width 40 on an 80-column terminal: the text is 40 cells wide"
tap_like "$(screen width w status)" "*F1 help" "the status line still spans the terminal"

printf '只有一段，没有标题。\n\n又一段。\n' >"$T/flat.md"
keys flat '<S-Tab>' '!dump s' 'zM' '!dump z'
play flat "$T/flat.md"
tap_like "$(screen flat s status)" " this document has no sections or numbered points*" "S-Tab without sections says so"
tap_like "$(screen flat z rows | head -n 1)" "只有一段，没有标题。" "and the text stays as it was"

keys long ':一个并不存在的很长很长的地址一个并不存在的很长很长的地址<Enter>' '!dump l'
play long "$speech" 40x8
tap_like "$(screen long l status)" " no node at 一个*…  *" "a message too long for the status line ends with …"

# ---- in a real terminal ----------------------------------------------------
if ! tmux_start 80 24; then
	tap_skip "the place, y and | in tmux" "$tmux_why"
	tap_done
fi
rm -rf "$XDG_STATE_HOME"
run_lec() {
	tmux_run "env XDG_STATE_HOME='$XDG_STATE_HOME' '$LECTERN' $*; echo \"[exit \$?]\"; sleep 30"
}
run_lec "'$speech'"
tmux_wait 'F1 help'
tmux_text :2.4
tmux_keys Enter
tmux_wait_re ' 2\.4  [0-9]+%  F1 help$'
tmux_text jjj
tmux_text q
tmux_wait '[exit 0]'
check_tmux=$?
tap_ok $check_tmux "tmux: moved and quit" || tmux_show ""
run_lec "'$speech'"
tmux_wait_re ' 2\.4  [0-9]+%  F1 help$'
tap_ok $? "tmux: reopened at 2.4" || tmux_show ""
tap_is "$(tmux_cursor_row)" "县数字阅读人数比上年增长3.5%。今年要重点做好三项工作：" \
	"tmux: on the row where it was left"

# y through tmux with set-clipboard on: tmux keeps what OSC 52 carried.
tmux_cmd set-option -s set-clipboard on
tmux_cmd delete-buffer >/dev/null 2>&1
tmux_text y
tmux_wait 'copied 549 bytes'
tap_ok $? "tmux: y says it copied" || tmux_show ""
tmux_cmd show-buffer >"$T/tmux.y" 2>/dev/null
tap_file_is "$T/tmux.y" "$T/want.2.4" "tmux (set-clipboard on): the clipboard holds what --print 2.4 prints"

# | gives the terminal back while the command runs, then the browser.
tmux_text '|wc -c'
tmux_keys Enter
tmux_wait 'press Enter to return'
tap_ok $? "tmux: | runs on the terminal's own screen" || tmux_show ""
tap_like "$(grep -E '^ *[0-9]+$' "$T/screen")" "*549" "and its output is there"
tmux_keys Enter
tmux_wait_re '\| wc -c: done'
tap_ok $? "tmux: Enter brings the browser back" || tmux_show ""
tmux_text q
tmux_wait '[exit 0]'
tap_ok $? "tmux: q" || tmux_show ""

# The overview, '' and <C-o>, marks, the outline's filter, the address.
run_lec "--no-remember '$speech'"
tmux_wait 'F1 help'
tmux_text zM
tmux_wait_re '^同志们：今天是世界读书日.*… \[2 paragraphs, 157 chars\]$'
tap_ok $? "tmux: zM folds the opening into one row" || tmux_show ""
tap_is "$(grep -c '^[一二三]、.*… \[' "$T/screen")" 3 "tmux: and the three parts follow it"
tmux_text zR
tmux_text :2.4
tmux_keys Enter
tmux_wait_re ' 2\.4  [0-9]+%  F1 help$'
tmux_text G
tmux_wait_re ' 100%  F1 help$'
tmux_text "''"
tmux_wait_re '（四）推进数字阅读服务 +2\.4  [0-9]+%  F1 help$'
tap_ok $? "tmux: '' goes back to where the jump began" || tmux_show ""
tmux_keys C-o
tmux_wait_re ' 100%  F1 help$'
tap_ok $? "tmux: <C-o> goes back through the jumps" || tmux_show ""
tmux_text mq
tmux_wait 'mark q set'
tmux_text g
tmux_wait_re '^ 建设书香社区，推进全民阅读 +[0-9]+%  F1 help$'
tmux_text "'q"
tmux_wait_re ' 100%  F1 help$'
tap_ok $? "tmux: m q and ' q" || tmux_show ""
tmux_text g
tmux_wait_re '^ 建设书香社区，推进全民阅读 +[0-9]+%  F1 help$'
tmux_text o
tmux_wait 'Outline'
tmux_text /书屋
tmux_keys Down
tmux_keys Enter
tmux_wait_re '（1）延长开放… +2\.1\.2\.1  [0-9]+%  F1 help$'
tap_ok $? "tmux: the outline's filter, <Down> while typing, one Enter goes" || tmux_show ""
tmux_text q
tmux_wait '[exit 0]'

run_lec "--no-remember --width 40 '$speech'"
tmux_wait 'F1 help'
tmux_text j
tmux_capture
head -n 23 "$T/screen" >"$T/rows"
tap_is "$(tmux_widest "$T/rows")" 40 "tmux: --width 40 keeps the text to 40 cells"
tmux_text q
tmux_wait '[exit 0]'

run_lec "--no-remember '$T/flat.md'"
tmux_wait 'F1 help'
tmux_keys BTab
tmux_wait 'no sections or numbered points'
tap_ok $? "tmux: S-Tab without sections says so" || tmux_show ""
tmux_text q
tmux_wait '[exit 0]'

# A hang-up (a closed SSH connection or tmux pane) while the place is
# being saved: the browser sees its terminal go and saves, then SIGHUP
# arrives.  The temporary file of the save never stays behind (it did in
# most runs: the state folder filled with places.XXXXXX).
left=
for i in 1 2 3 4 5 6; do
	run_lec "'$speech'"
	tmux_wait 'F1 help'
	tmux_text j
	tmux_run "exec cat >/dev/null"
	sleep 0.3
	left="$left$(cd "$XDG_STATE_HOME/lectern" && ls | grep -v -e '^places$' -e '^places\.lock$' -e '^history$')"
done
tap_is "$left" "" "tmux: a hang-up while saving the place leaves no temporary file"
tap_done
