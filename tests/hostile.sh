#!/bin/sh
# tests/hostile.sh - hostile documents: what a document can hold must never
# act on the terminal, break the layout, crash lectern or make it crawl.
#
#  1. Terminal injection (tests/hostile/inject.md.esc): C0 and C1 controls,
#     CSI and OSC sequences (clear screen, OSC 52 clipboard, OSC 8
#     hyperlink, OSC 0 title), DEL, BEL and bidi controls in the front
#     matter, a heading, a paragraph, inline code, a link's text and a
#     fenced block.  --dump, --toc, --outline and the browser (headless
#     dumps) show them in their visible form (^[, <U+202E>) and never raw;
#     --print into a file or a pipe gives the exact bytes.  The same in a
#     real terminal is tests/terminals.sh.
#  2. Odd and invalid UTF-8 (tests/hostile/odd.md.esc and small generated
#     files): one warning line for invalid bytes and none for odd but
#     valid text, no row wider than --width, every mark kept, browser
#     screens with a valid frame at sizes down to 1x1.
#  3. Shapes, generated here: a 20 MB line, 1 MB of CJK without
#     punctuation, 10,000 nested quotes and lists, 100,000 headings,
#     200,000 numbered points, empty headings, front matter alone or never
#     closed.  Every mode and the browser finish (timeout 60) with sane
#     output; the times go to the log, and each growing shape is timed at
#     two sizes, one twice the other, to catch quadratic work.
#  4. Files: binary, /dev/null, a FIFO, a file that shrinks while it is
#     read, a directory, an unreadable file.
#  5. The reproducers of a hostile review (issue 12), one group each,
#     named "(12.N)" after its finding.
# Needs python3 (tests/hostile/check.py measures rows independently of
# lectern's width function).
# shellcheck source=tests/lib.sh disable=SC2016 # sh -c scripts in single quotes
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

H=$top_srcdir/tests/hostile
LIMIT=60

if ! command -v python3 >/dev/null 2>&1; then
	tap_skip "hostile documents" "python3 is not installed (it builds and measures them)"
	tap_done
fi
have_timeout=yes
command -v timeout >/dev/null 2>&1 || have_timeout=no

# chk ARGS...: tests/hostile/check.py (see there).
chk() { python3 "$H/check.py" "$@"; }

# unesc FILE: FILE with its \0ooo escapes turned into bytes (printf %b).
unesc() {
	while IFS= read -r _l || [ -n "$_l" ]; do
		printf '%b\n' "$_l"
	done <"$1"
}

# now: seconds since the epoch, with a fraction.
now() {
	_n=$(date +%s.%N 2>/dev/null)
	case $_n in
	*N* | '') python3 -c 'import time; print("%.3f" % time.time())' ;;
	*) printf '%s\n' "$_n" ;;
	esac
}

# lim CMD...: CMD under `timeout $LIMIT` when there is a timeout command.
lim() {
	if [ $have_timeout = yes ]; then
		timeout "$LIMIT" "$@"
	else
		"$@"
	fi
}

# run ARGS...: lectern ARGS; stdout in $T/out, stderr in $T/err, status in
# $rc, seconds in $secs.
run() {
	_t0=$(now)
	lim "$LECTERN" "$@" </dev/null >"$T/out" 2>"$T/err"
	rc=$?
	secs=$(awk -v a="$_t0" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')
}

# browse KEYS DOC SIZE [VAR=value...]: the headless browser on DOC, keys
# from KEYS; screens in $T/dump, stdout in $T/out, stderr in $T/err,
# status in $rc, seconds in $secs.
browse() {
	_k=$1 _d=$2 _s=$3
	shift 3
	: >"$T/dump"
	_t0=$(now)
	lim env LECTERN_TEST_SCRIPT="$_k" LECTERN_TEST_DUMP="$T/dump" LECTERN_TEST_SIZE="$_s" "$@" \
		"$LECTERN" "$_d" </dev/null >"$T/out" 2>"$T/err"
	rc=$?
	secs=$(awk -v a="$_t0" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')
}

# has FILE STRING: FILE holds STRING (bytes, no pattern).
has() { LC_ALL=C grep -qF -e "$2" "$1"; }

# lines FILE: its number of lines.
lines() { awk 'END { print NR }' "$1"; }

# show FILE: its first lines as comments.
show() { tap_diag "$(head -c 600 "$1" | cat -v)"; }

# clean WHAT FILE: FILE has no raw control character and is UTF-8.
clean() {
	chk raw "$2" >"$T/raw"
	tap_ok $? "$1: nothing raw that acts on a terminal" || tap_diag "$(head -n 5 "$T/raw")"
}

# ---- 1. terminal injection ----------------------------------------------
inj=$T/inject.md
unesc "$H/inject.md.esc" >"$inj"

# The visible forms, one group a place in the document.
v_fm1='FM-TITLE^[]0;fm^G'
v_fm2='FM-AUTHOR^[[2J<U+009B>'
v_h1='文档^[]0;h1^G'
v_head='一、HEAD^[]0;pwned^G<U+202E>反'
v_para1='PARA^[[2J^[]52;c;aGVsbG8=^G'
v_para2='DEL^? C1<U+009B> BEL^G BIDI<U+202E> ISO<U+2066>'
v_para3='OSC8^[]8;;http://evil^[\link^[]8;;^[\ end.'
v_code='CODE^[[2J'
v_link='LINK^[]0;link^G'
v_fence='FENCE^[]0;fence^G'
v_point='一是^[[1m加强学习。'

# visible WHAT FILE STRING...: FILE holds every STRING.
visible() {
	_w=$1 _f=$2 _miss=
	shift 2
	for _s in "$@"; do
		has "$_f" "$_s" || _miss="$_miss [$_s]"
	done
	tap_is "$_miss" "" "$_w" || show "$_f"
}

run --dump --width 200 "$inj"
tap_is "$rc/$(lines "$T/err")" 0/0 "inject --dump: exit 0, nothing on stderr" || show "$T/err"
clean "inject --dump" "$T/out"
visible "inject --dump: front matter in visible form" "$T/out" "$v_fm1" "$v_fm2"
visible "inject --dump: headings in visible form" "$T/out" "$v_h1" "$v_head"
visible "inject --dump: paragraph (CSI, OSC 52, OSC 8, DEL, C1, BEL, bidi) in visible form" \
	"$T/out" "$v_para1" "$v_para2" "$v_para3" "$v_point"
visible "inject --dump: inline code, link text, fenced code in visible form" "$T/out" \
	"$v_code" "$v_link" "$v_fence"
cp "$T/out" "$T/inject.dump"

# Narrow: the visible forms wrap like text, nothing raw and no row too wide.
run --dump --width 7 "$inj"
clean "inject --dump --width 7" "$T/out"
chk over "$T/out" 7 >"$T/over"
tap_ok $? "inject --dump --width 7: no row wider than 7 cells" || tap_diag "$(cat "$T/over")"

run --toc "$inj"
tap_is "$rc" 0 "inject --toc: exit 0"
clean "inject --toc" "$T/out"
tap_is "$(cat "$T/out")" "1 $v_head
2 二、乙" "inject --toc: the heading in visible form"

run --outline "$inj"
tap_is "$rc" 0 "inject --outline: exit 0"
clean "inject --outline" "$T/out"
tab=$(printf '\t')
visible "inject --outline: metadata and heading in visible form" "$T/out" \
	"meta${tab}title${tab}$v_fm1" "meta${tab}author${tab}$v_fm2" \
	"1${tab}一、${tab}HEAD^[]0;pwned^G<U+202E>反"

# --print keeps the bytes: the slice of the source from the heading to the
# last line before the next one.
LC_ALL=C awk '/^## 二、/ { exit }
/^## 一、/ { on = 1 }
on { if ($0 == "") blank++; else { while (blank) { print ""; blank-- } print } }' \
	"$inj" >"$T/want.1"
LC_ALL=C awk '/^## 二、/ { on = 1 } on { if ($0 == "") blank++; else { while (blank) { print ""; blank-- } print } }' \
	"$inj" >"$T/want.2"
has "$T/want.1" "$(printf '\033]52;c;')" && has "$T/want.1" "$(printf '\342\200\256')"
tap_ok $? "inject: the slice for --print 1 holds ESC and U+202E (the test is real)"
run --print 1 "$inj"
tap_is "$rc" 0 "inject --print 1 into a file: exit 0" || show "$T/err"
tap_file_is "$T/out" "$T/want.1" "inject --print 1 into a file: the exact bytes"
"$LECTERN" --print 2 "$inj" </dev/null 2>"$T/err" | cat >"$T/out"
tap_file_is "$T/out" "$T/want.2" "inject --print 2 into a pipe: the exact bytes"
run --print 1 --raw "$inj"
tap_file_is "$T/out" "$T/want.1" "inject --print 1 --raw into a file: the exact bytes"
run --raw --dump "$inj"
tap_is "$rc/$(lines "$T/err")" 64/1 "--raw with --dump: usage error (64), one line"

# The browser, headless: every place, the status line (breadcrumb of a
# heading with escapes), a fold summary, the outline overlay, a search,
# and p printing the exact bytes into a file.
cat >"$T/inject.keys" <<'EOF'
!dump top
]
!dump heading
zM
!dump folded
o
!dump outline
<Esc>
zR
/PARA<Enter>
!dump search
:2<Enter>
p
EOF
browse "$T/inject.keys" "$inj" 200x30
tap_is "$rc/$(lines "$T/err")" 0/0 "inject browser: exit 0, nothing on stderr" || show "$T/err"
clean "inject browser screens" "$T/dump"
chk frame "$T/dump" >"$T/frame"
tap_ok $? "inject browser: every screen has a valid frame" || tap_diag "$(cat "$T/frame")"
chk rows "$T/dump" top >"$T/top"
visible "inject browser: every place in visible form" "$T/top" "$v_fm1" "$v_fm2" "$v_h1" \
	"$v_head" "$v_para1" "$v_para2" "$v_para3" "$v_code" "$v_link" "$v_fence" "$v_point"
tap_is "$(chk letters "$T/dump" top 'PARA^[[2J^[]52;c;aGVsbG8=^G DEL^? C1<U+009B> BEL^G BIDI<U+202E>')" \
	"....ee...ee..............ee....ee...eeeeeeee....ee.....eeeeeeee" \
	"inject browser: the controls, and only they, are drawn escaped (letter e)"
chk rows "$T/dump" heading | tail -n 1 >"$T/status"
tap_like "$(cat "$T/status")" " $v_head *" "inject browser: the breadcrumb shows the heading's escapes"
chk rows "$T/dump" folded >"$T/folded"
visible "inject browser: the fold summary row" "$T/folded" "$v_head … ["
chk rows "$T/dump" outline >"$T/outline"
visible "inject browser: the outline overlay" "$T/outline" "1 $v_head"
chk rows "$T/dump" search | tail -n 1 >"$T/status"
tap_like "$(cat "$T/status")" "* 1/1 *" "inject browser: /PARA finds the paragraph"
tap_file_is "$T/out" "$T/want.2" "inject browser: p into a file prints the exact bytes"

# Narrow screens: the escapes wrap and cut like text.
printf '!dump top\n]\n!dump heading\nj\nj\n!dump down\no\n!dump outline\n' >"$T/narrow.keys"
for size in 40x12 9x4 3x3 1x1; do
	browse "$T/narrow.keys" "$inj" $size
	chk frame "$T/dump" >"$T/frame"
	fr=$?
	chk raw "$T/dump" >/dev/null
	tap_is "$rc/$fr/$?" 0/0/0 "inject browser at $size: exit 0, valid frames, nothing raw" ||
		tap_diag "$(cat "$T/frame" "$T/err")"
done

# ---- 2. odd and invalid UTF-8 --------------------------------------------
odd=$T/odd.md
unesc "$H/odd.md.esc" >"$odd"
python3 - "$odd" <<'EOF'
import sys
with open(sys.argv[1], "a", encoding="utf-8") as f:
    f.write("\n## 四、组合" + "e\u0301" * 3 + "\n\n")
    f.write("COMB a" + "\u0301" * 1000 + " end.\n\n")
    f.write("MANY " + "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466" * 40
            + " end.\n\n")
    f.write("FLAGS " + "\U0001F1E8\U0001F1F3\U0001F1FA\U0001F1F8" * 20 + " end.\n\n")
    f.write("MIXED 中文" + "\u0301" * 20 + "と\u3099かな👍🏽👍\ufe0f❤\ufe0f end.\n")
EOF

marks_in=$(python3 -c 'import sys; print(open(sys.argv[1], encoding="utf-8").read().count("\u0301"))' "$odd")
for w in 80 40 10 5 3 2; do
	run --dump --width $w "$odd"
	tap_is "$rc/$(lines "$T/err")" 0/0 "odd UTF-8 --dump --width $w: exit 0, no warning (it is valid)" ||
		show "$T/err"
	chk over "$T/out" $w >"$T/over"
	tap_ok $? "odd UTF-8 --dump --width $w: no row wider than $w cells" || tap_diag "$(cat "$T/over")"
	[ $w = 80 ] && cp "$T/out" "$T/odd.80"
done
run --dump --width 1 "$odd"
chk over "$T/out" 1 >"$T/over"
tap_ok $? "odd UTF-8 --dump --width 1: every wider row is one cluster alone" ||
	tap_diag "$(cat "$T/over")"
clean "odd UTF-8 --dump" "$T/odd.80"
marks_out=$(python3 -c 'import sys; print(open(sys.argv[1], encoding="utf-8").read().count("\u0301"))' "$T/odd.80")
tap_is "$marks_out" "$marks_in" "odd UTF-8 --dump: every combining mark kept (1000 on one base)"
visible "odd UTF-8 --dump: U+FFFD, noncharacters, ZWJ family and flags kept" "$T/odd.80" \
	"FFFD$(printf '\357\277\275') FFFE$(printf '\357\277\276')" \
	"FAMILY$(printf '\360\237\221\250\342\200\215\360\237\221\251')" \
	"FLAGS$(printf '\360\237\207\250\360\237\207\263')"
run --toc "$odd"
tap_is "$rc/$(lines "$T/out")" 0/4 "odd UTF-8 --toc: exit 0, four sections"
run --outline "$odd"
tap_is "$rc" 0 "odd UTF-8 --outline: exit 0"

printf 'G\n!dump bottom\nzM\n!dump folded\nzR\n/end<Enter>\nn\n!dump search\no\n!dump outline\n' \
	>"$T/odd.keys"
for size in 80x24 40x12 10x5 3x3 2x2 1x1; do
	browse "$T/odd.keys" "$odd" $size
	chk frame "$T/dump" >"$T/frame"
	tap_is "$rc/$?/$(lines "$T/err")" 0/0/0 "odd UTF-8 browser at $size: exit 0, valid frames" ||
		tap_diag "$(cat "$T/frame" "$T/err")"
done

# Invalid UTF-8, one kind a file; the text around the bad bytes is kept.
printf '# T\n\n## 一、overlong\n\nA\300\257B \340\200\257C \360\200\200\257D\n' >"$T/overlong.md"
printf '# T\n\n## 一、surrogate\n\nA\355\240\200B \355\277\277C\n' >"$T/surrogate.md"
printf '# T\n\n## 一、continuation\n\nA\200B\277C\n' >"$T/continuation.md"
printf '# T\n\n## 一、fe ff\n\nA\376B\377C\n' >"$T/feff.md"
printf '# T\n\n## 一、truncated\n\nA\344\270' >"$T/truncated.md"
printf '# T\n\n## 一、头\377部\n\n正文\300。\n\n## 二、乙\n\nA\355\240\200B\n' >"$T/many.md"
# A lead byte of U+3000-U+3FFF before no continuation byte: the search
# signature once read its table far out of bounds here.
printf '# T\n\n## 一、e3\n\nA\343\310B \343\n' >"$T/lead.md"
for kind in overlong surrogate continuation feff truncated many lead; do
	f=$T/$kind.md
	run --dump "$f"
	tap_like "$rc/$(lines "$T/err")/$(cat "$T/err")" \
		"0/1/lectern: $f: warning: invalid UTF-8 at byte [0-9]*" \
		"invalid UTF-8 ($kind) --dump: exit 0, one warning line"
	clean "invalid UTF-8 ($kind) --dump" "$T/out"
	has "$T/out" "$(printf 'A\357\277\275')"
	tap_ok $? "invalid UTF-8 ($kind) --dump: shown as U+FFFD" || show "$T/out"
	run --toc "$f"
	tap_is "$rc/$(lines "$T/err")" 0/1 "invalid UTF-8 ($kind) --toc: exit 0, one warning line"
	clean "invalid UTF-8 ($kind) --toc" "$T/out"
	browse "$T/odd.keys" "$f" 20x6
	chk frame "$T/dump" >"$T/frame"
	tap_is "$rc/$?/$(lines "$T/err")" 0/0/1 "invalid UTF-8 ($kind) browser: exit 0, valid frames, one warning" ||
		tap_diag "$(cat "$T/frame" "$T/err")"
done

# ---- 3. shapes ----------------------------------------------------------
S=$T/shape
mkdir "$S"
python3 - "$S" <<'EOF'
import os, sys
d = sys.argv[1]
def w(name, s):
    with open(os.path.join(d, name), "w", encoding="utf-8") as f:
        f.write(s)
unit = "lorem ipsum dolor 中文测试，"
def line(mb): return "# 长行\n\n" + unit * (mb * 1_000_000 // len(unit.encode())) + "\n"
cjk_unit = "中文测试没有标点符号的段落"
def cjk(mb): return "# 中文\n\n" + cjk_unit * (mb * 1_000_000 // 39) + "\n"
def heads(n): return "# 标题\n\n" + "".join("## 第%d节\n\n正文%d。\n\n" % (i, i) for i in range(1, n + 1))
def points(n): return "# 标题\n\n## 一、总体\n\n" + "".join("%d. 第%d点。\n" % (i, i) for i in range(1, n + 1))
w("line.md", line(20))
w("cjk.md", cjk(1))
w("quotes.md", "# 引用\n\n" + "> " * 10000 + "深处\n")
w("lists.md", "# 列表\n\n" + "- " * 10000 + "深处\n")
w("heads.md", heads(100000))
w("points.md", points(200000))
w("emptyhead.md", "#\n\n## \n\n###\n\n正文。\n\n## \n\n#\n")
w("fmonly.md", "---\ntitle: 只有元数据\nauthor: 某人\n---\n")
w("fmopen.md", "---\ntitle: 没有结束\nauthor: 某人\n\n# 标题\n\n## 一、甲\n\n正文。\n")
# Pairs for the growth check: the second twice the first.
w("line.a.md", line(5)); w("line.b.md", line(10))
w("cjk.a.md", cjk(1)); w("cjk.b.md", cjk(2))
w("heads.a.md", heads(25000)); w("heads.b.md", heads(50000))
w("points.a.md", points(12500)); w("points.b.md", points(25000))
w("lists.a.md", "# 列表\n\n" + "- " * 5000 + "深处\n"); w("lists.b.md", "# 列表\n\n" + "- " * 10000 + "深处\n")
w("quotes.a.md", "# 引用\n\n" + "> " * 5000 + "深处\n"); w("quotes.b.md", "# 引用\n\n" + "> " * 10000 + "深处\n")
# The rows --dump --width 80 gives the CJK paragraph: 40 characters each.
n = len(cjk_unit) * (1_000_000 // 39)
w("cjk.rows", "%d\n" % ((2 * n + 79) // 80))
EOF
times=

# timing NAME: records $secs for the summary.
timing() {
	times="$times$1 ${secs}s; "
}

# sane NAME MODE CHECK-STATUS: a mode's result on a shape.
sane() {
	tap_ok "$3" "shape $1 $2: exit 0 in ${secs}s, sane output" || {
		tap_diag "exit $rc; stderr: $(head -c 300 "$T/err")"
		tap_diag "output: $(head -c 300 "$T/out")"
	}
}

printf 'G\nzM\n/第9<Enter>\n!dump end\nq\n' >"$T/shape.keys"

for name in line cjk quotes lists heads points emptyhead fmonly fmopen; do
	f=$S/$name.md
	run --toc "$f"
	timing "$name --toc"
	if [ "$rc" -eq 124 ]; then
		tap_ok 1 "shape $name --toc: finishes within ${LIMIT}s"
		for m in --outline --dump browser; do
			tap_skip "shape $name $m" "--toc did not finish in ${LIMIT}s: they load the same way"
		done
		continue
	fi
	case $name in
	line | cjk | quotes | lists | fmonly) [ ! -s "$T/out" ] ;;
	heads) [ "$(lines "$T/out")" = 100000 ] && [ "$(tail -n 1 "$T/out")" = "100000 第100000节" ] ;;
	points) [ "$(lines "$T/out")" = 200001 ] && [ "$(tail -n 1 "$T/out")" = "  1.200000 200000. 第200000点" ] ;;
	emptyhead) [ "$(lines "$T/out")" = 5 ] && [ "$(grep -c '(untitled)$' "$T/out")" = 5 ] ;;
	fmopen) [ "$(cat "$T/out")" = "1 一、甲" ] ;;
	esac
	sane "$name" --toc $((rc + $?))

	run --outline "$f"
	timing "$name --outline"
	case $name in
	line) [ "$(cat "$T/out")" = "meta${tab}title${tab}长行" ] ;;
	heads) [ "$(lines "$T/out")" = 100001 ] ;;
	points) [ "$(lines "$T/out")" = 200002 ] ;;
	fmonly) [ "$(cat "$T/out")" = "meta${tab}title${tab}只有元数据
meta${tab}author${tab}某人" ] ;;
	*) [ -s "$T/out" ] || [ $name = emptyhead ] ;;
	esac
	sane "$name" --outline $((rc + $?))

	run --dump --width 80 "$f"
	timing "$name --dump"
	case $name in
	line)
		# Checking every row of 20 MB takes long: the first and last ones.
		{ head -n 2000 "$T/out"; tail -n 2000 "$T/out"; } >"$T/some"
		chk over "$T/some" 80 >/dev/null &&
			[ "$(lines "$T/out")" -gt 150000 ] && tail -n 1 "$T/out" | grep -q '中文测试，$'
		;;
	cjk) chk over "$T/out" 80 >/dev/null && [ "$(($(lines "$T/out") - 2))" = "$(cat "$S/cjk.rows")" ] ;;
	quotes | lists) chk over "$T/out" 80 >/dev/null && tail -n 1 "$T/out" | grep -q '深处$' ;;
	heads) has "$T/out" "正文100000。" ;;
	points) has "$T/out" "200000. 第200000点。" ;;
	emptyhead) has "$T/out" "正文。" ;;
	fmonly) has "$T/out" "title: 只有元数据" && has "$T/out" "author: 某人" ;;
	fmopen) has "$T/out" "没有结束" && has "$T/out" "正文。" ;;
	esac
	sane "$name" --dump $((rc + $?))

	browse "$T/shape.keys" "$f" 80x24
	timing "$name browser"
	chk frame "$T/dump" >"$T/frame"
	sane "$name" "browser (G zM / q)" $((rc + $?))
done
tap_diag "times: $times"

# Growth: twice the size must not take four times as long (a little slack
# for the small times).  CPU seconds, which other work on the machine
# changes less than the time on the clock.
cpu() {
	python3 -c '
import resource, subprocess, sys
r = subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.2f %d" % (u.ru_utime + u.ru_stime, r.returncode))' "$@"
}
for name in line cjk heads points lists quotes; do
	case $name in
	line | cjk) mode=--dump ;;
	*) mode=--toc ;;
	esac
	# shellcheck disable=SC2046 # two words: seconds, status
	set -- $(cpu "$LECTERN" $mode "$S/$name.a.md")
	ta=$1 ra=$2
	# shellcheck disable=SC2046
	set -- $(cpu "$LECTERN" $mode "$S/$name.b.md")
	tb=$1 rb=$2
	ok=$(awk -v a="$ta" -v b="$tb" -v r="$ra$rb" 'BEGIN { print (r == "00" && b <= 3 * a + 0.25) ? 0 : 1 }')
	tap_ok "$ok" "shape $name $mode: twice the size in ${tb}s of CPU, once in ${ta}s (not quadratic)"
done

# ---- 4. files -------------------------------------------------------------
printf '# T\n\nA\000B\n' >"$T/nul.md"
for case in "$T/nul.md|binary file (NUL byte at offset 6)" "/dev/null|empty file" \
	"$T|is a directory"; do
	f=${case%%|*}
	run --toc "$f"
	tap_is "$rc/$(cat "$T/err")" "2/lectern: $f: ${case#*|}" "file $f: exit 2, one line why"
done

# A FIFO, written by a process in the background.
mkfifo "$T/fifo"
speech=$top_srcdir/examples/speech.md
lim sh -c 'cat "$1" >"$2"' sh "$speech" "$T/fifo" &
writer=$!
run --toc "$T/fifo"
wait $writer
"$LECTERN" --toc "$speech" >"$T/want"
tap_file_is "$T/out" "$T/want" "a FIFO: --toc reads it all"
# The browser must open it once only: a second open would wait for a
# writer for ever (it did, one time in two).
bad=
LIMIT=10
for i in 1 2 3; do
	lim sh -c 'cat "$1" >"$2"' sh "$speech" "$T/fifo" 2>/dev/null &
	writer=$!
	browse "$T/shape.keys" "$T/fifo" 80x24
	wait $writer
	[ "$rc" = 0 ] || bad="$bad [exit $rc]"
done
LIMIT=60
tap_is "$bad" "" "a FIFO: the browser opens it (3 times)"
# The race above is lost only now and then; strace counts the opens.
if command -v strace >/dev/null 2>&1 && strace -o /dev/null true 2>/dev/null; then
	LIMIT=10
	lim sh -c 'cat "$1" >"$2"' sh "$speech" "$T/fifo" 2>/dev/null &
	writer=$!
	# (LeakSanitizer cannot work under ptrace: off for a sanitizer build.)
	lim strace -f -e trace=open,openat -o "$T/strace" env LECTERN_TEST_SCRIPT="$T/shape.keys" \
		LECTERN_TEST_DUMP="$T/dump" ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" \
		"$LECTERN" "$T/fifo" </dev/null >/dev/null 2>&1
	wait $writer
	LIMIT=60
	tap_is "$(grep -c "\"$T/fifo\"" "$T/strace")" 1 "a FIFO: the browser opens it once (strace)" ||
		tap_diag "$(grep -F "$T/fifo" "$T/strace")"
else
	tap_skip "a FIFO: the browser opens it once (strace)" "strace is missing or cannot trace here"
fi

# A file that shrinks (and grows again) while lectern reads it: whatever
# lectern sees, it ends with exit 0 (what it read) or 2 (empty), one line
# on stderr at most, and never crashes.
cp "$S/heads.a.md" "$T/big.md" # 760 KB: the browser reads a first part, then the whole
cp "$T/big.md" "$T/shrink.md"
: >"$T/go"
(
	while [ -f "$T/go" ]; do
		cp "$T/big.md" "$T/shrink.md"
		truncate -s 300000 "$T/shrink.md"
		truncate -s 7 "$T/shrink.md"
	done
) &
shrinker=$!
bad='' partial=0 i=0
while [ $i -lt 30 ]; do
	run --toc "$T/shrink.md"
	case $rc in
	0 | 2) ;;
	*) bad="$bad [exit $rc: $(head -c 100 "$T/err")]" ;;
	esac
	[ "$(lines "$T/err")" -le 1 ] || bad="$bad [stderr: $(head -c 200 "$T/err")]"
	n=$(lines "$T/out")
	[ "$n" -gt 0 ] && [ "$n" -lt 25000 ] && partial=$((partial + 1))
	i=$((i + 1))
done
rm -f "$T/go"
wait $shrinker
bad2=
i=0
while [ $i -lt 15 ]; do
	browse "$T/shape.keys" "$T/shrink.md" 80x24
	case $rc in
	0 | 2) ;;
	*) bad2="$bad2 [exit $rc: $(head -c 100 "$T/err")]" ;;
	esac
	if [ "$rc" = 0 ]; then
		chk frame "$T/dump" >"$T/frame" || bad2="$bad2 [frame: $(head -n 2 "$T/frame")]"
	fi
	i=$((i + 1))
done
tap_is "$bad" "" "a shrinking file: exit 0 or 2, one line at most, no crash (30 runs)"
tap_is "$bad2" "" "a shrinking file: the browser (read in two parts) exits 0 or 2, valid frames (15 runs)"
if [ $partial -gt 0 ]; then
	tap_ok 0 "a shrinking file: read mid-change $partial times of 30"
else
	tap_skip "a shrinking file: read mid-change" "the race was not caught in 30 runs"
fi

# Unreadable: as root, through setpriv as nobody.
printf '# T\n' >"$T/secret.md"
chmod 000 "$T/secret.md"
if [ "$(id -u)" != 0 ]; then
	run --toc "$T/secret.md"
	tap_is "$rc/$(cat "$T/err")" "2/lectern: $T/secret.md: permission denied" "an unreadable file: exit 2"
elif command -v setpriv >/dev/null 2>&1 &&
	setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
	chmod 711 "$T"
	setpriv --reuid=65534 --regid=65534 --clear-groups "$LECTERN" --toc "$T/secret.md" \
		</dev/null >"$T/out" 2>"$T/err"
	rc=$?
	chmod 700 "$T"
	tap_is "$rc/$(cat "$T/err")" "2/lectern: $T/secret.md: permission denied" \
		"an unreadable file (as nobody): exit 2"
else
	tap_skip "an unreadable file" "running as root, and setpriv cannot drop to nobody"
fi

# ---- 5. the reproducers of issue 12 ----------------------------------------
speech=$top_srcdir/examples/speech.md
inj=$T/inject.md
[ -f "$inj" ] || unesc "$H/inject.md.esc" >"$inj"

# (12.1) A joiner or a combining mark typed in front of a prompt's text
# leaves the edit cursor inside a cluster; on a narrow screen the prompt
# line scrolled past it (a read far out of bounds).
zwj=$(printf '\360\237\221\251\342\200\215\360\237\224\254')
comb=$(printf 'e\314\201')
bad=
for keys in "/$zwj<Home>$zwj<Esc>" "?$zwj<Home>$zwj<Esc>" ":$zwj<Home>$zwj<Esc>" \
	"o/$zwj<Home>$zwj<Esc><Esc>" "/$comb<Home>$comb<Left><Right>$comb<Enter>" \
	"/ab<Home>$zwj<End><BS><BS><Home><Del>$zwj<Esc>"; do
	printf '%s\n!dump p\nq\n' "$keys" >"$T/p.keys"
	for size in 1x5 2x5 3x5 4x2 1x1; do
		browse "$T/p.keys" "$speech" $size
		chk frame "$T/dump" >"$T/frame"
		[ "$rc/$?" = 0/0 ] || bad="$bad [$keys at $size: exit $rc $(head -c 200 "$T/err")]"
	done
done
tap_is "$bad" "" "(12.1) a joiner typed in front of a prompt's text on 1-4 columns: no crash"

# (12.8) A paste is text in a prompt, an Esc or a line break in it
# included, never keys (bracketed paste; the real terminal's way is in
# tests/terminals.sh).
printf '%s\n' '/' '!paste PARA\e[2J\nq' '!dump search' '<Esc>' 'o/' '!paste 二\eq' '!dump filter' \
	'<Esc><Esc>' '!paste qqq' '!dump doc' >"$T/paste.keys"
browse "$T/paste.keys" "$inj" 80x12
chk rows "$T/dump" search | tail -n 1 >"$T/status"
tap_like "$rc/$(cat "$T/status")" '0//PARA^\[\[2J^Jq *' \
	"(12.8) a paste into / is text: the Esc and the line break shown, not run" || show "$T/err"
chk rows "$T/dump" filter | tail -n 1 >"$T/status"
tap_like "$(cat "$T/status")" '/二^\[q*' "(12.8) a paste into the outline's filter is text"
chk rows "$T/dump" doc | tail -n 1 >"$T/status"
tap_like "$(cat "$T/status")" '*a paste goes into a prompt*' \
	"(12.8) a paste on the document does nothing but say where it goes"

# (12.5) --help, --version and --keys on a full disk: 74 and one line, as
# every other mode.
if [ -w /dev/full ]; then
	bad=
	for opt in --help -h --version -V --keys; do
		"$LECTERN" $opt >/dev/full 2>"$T/err"
		rc=$?
		[ "$rc/$(lines "$T/err")" = 74/1 ] && has "$T/err" "lectern: write error: " ||
			bad="$bad [$opt: exit $rc, $(head -c 100 "$T/err")]"
	done
	tap_is "$bad" "" "(12.5) --help, --version, --keys to /dev/full: exit 74, one line"
else
	tap_skip "(12.5) --help, --version, --keys to /dev/full" "no writable /dev/full"
fi

# (12.7) The bidi marks U+200E, U+200F and U+061C are escaped as the
# other bidi controls are, in every mode.
printf -- '---\ntitle: M\342\200\216A\n---\n\n## 一、L\342\200\216R\342\200\217A\330\234\n\nP\342\200\216Q\342\200\217R\330\234S\n' \
	>"$T/marks.md"
bad=
for mode in --dump --toc --outline; do
	run $mode "$T/marks.md"
	chk raw "$T/out" >/dev/null || bad="$bad [$mode: raw]"
	has "$T/out" 'L<U+200E>R<U+200F>A<U+061C>' || bad="$bad [$mode: not escaped]"
done
printf '!dump top\n' >"$T/marks.keys"
browse "$T/marks.keys" "$T/marks.md" 60x10
chk raw "$T/dump" >/dev/null || bad="$bad [browser: raw]"
has "$T/dump" 'P<U+200E>Q<U+200F>R<U+061C>S' || bad="$bad [browser: not escaped]"
tap_is "$bad" "" "(12.7) U+200E, U+200F, U+061C escaped in --dump, --toc, --outline and the browser"

# (12.12) A "---" block with no key: value line is Markdown, not front
# matter: CommonMark's example 96 is two setext headings.
printf -- '---\nFoo\n---\nBar\n---\n' >"$T/ex96.md"
run --toc "$T/ex96.md"
tap_is "$rc/$(cat "$T/out")" "0/1 Foo
2 Bar" "(12.12) ---/Foo/---/Bar/---: the headings Foo and Bar, no front matter"

# A sanitizer build (ASan reserves terabytes of address space: no ulimit -v).
san=no
ASAN_OPTIONS="${ASAN_OPTIONS:-}:help=1" "$LECTERN" --version 2>&1 | grep -q AddressSanitizer && san=yes

# (12.3) libcmark out of memory: lectern's one line and status 70, not
# cmark's abort, also when it happens on the thread that reads the whole.
python3 -c '
import sys
with open(sys.argv[1], "w") as f:
    for i in range(1, 3001):
        f.write("- " * i + "x\n")' "$T/oom.md"
if [ $san = yes ]; then
	tap_skip "(12.3) out of memory: exit 70" "a sanitizer build cannot run under ulimit -v"
else
	(ulimit -v 1000000 && exec "$LECTERN" --toc "$T/oom.md") </dev/null >/dev/null 2>"$T/err"
	rc=$?
	tap_is "$rc/$(grep -v 'still parsing' "$T/err")" "70/lectern: out of memory" \
		"(12.3) --toc out of memory in libcmark: exit 70, one line" || show "$T/err"
	printf '!dump first\n!wait\n!dump whole\n' >"$T/oom.keys"
	(ulimit -v 1000000 && LECTERN_TEST_SCRIPT="$T/oom.keys" LECTERN_TEST_DUMP="$T/dump" \
		exec "$LECTERN" "$T/oom.md") </dev/null >/dev/null 2>"$T/err"
	rc=$?
	tap_is "$rc/$(cat "$T/err")" "70/lectern: out of memory" \
		"(12.3) the browser, out of memory on the thread reading the whole: exit 70, one line" ||
		show "$T/err"
fi
rm -f "$T/oom.md"

# (12.4) The checks run on each piece as it is read: /dev/zero, a 2 GB
# sparse file and /dev/urandom are refused at once, not after gigabytes.
truncate -s 2G "$T/sparse.md" 2>/dev/null || : >"$T/sparse.md"
bad=
for f in /dev/zero "$T/sparse.md" /dev/urandom; do
	[ -r "$f" ] || continue
	LIMIT=20 run --toc "$f"
	case "$rc/$(cat "$T/err")" in
	"2/lectern: $f: binary file (NUL byte at offset "*")") ;;
	*) bad="$bad [$f: exit $rc $(head -c 100 "$T/err")]" ;;
	esac
	awk -v s="$secs" 'BEGIN { exit !(s < 2) }' || bad="$bad [$f: ${secs}s]"
done
rm -f "$T/sparse.md"
tap_is "$bad" "" "(12.4) /dev/zero, a 2 GB sparse file, /dev/urandom: 'binary file' at once"
# Standard input past the size limit (4 GiB; less here): the other modes
# fail, the browser shows its first screen at once and keeps what it read.
yes '一、标题' | LECTERN_MAX_INPUT=3000000 "$LECTERN" --toc - >/dev/null 2>"$T/err"
tap_is "$(cat "$T/err")" "lectern: (standard input): too large (the limit is 3000000 bytes)" \
	"(12.4) yes | lectern --toc -: too large, one line"
printf '!dump first\n!wait\n!dump whole\nG\n!dump end\n' >"$T/yes.keys"
: >"$T/dump"
yes '一、标题' | lim env LECTERN_MAX_INPUT=3000000 LECTERN_TEST_SCRIPT="$T/yes.keys" \
	LECTERN_TEST_DUMP="$T/dump" LECTERN_TEST_SIZE=60x6 "$LECTERN" --from markdown - \
	>"$T/out" 2>"$T/err"
rc=$?
chk rows "$T/dump" whole | tail -n 1 >"$T/status"
tap_like "$rc/$(cat "$T/status")" "0/ larger than 3000000 bytes: the rest is not*" \
	"(12.4) yes | lectern -: the browser keeps what it read and says the rest is not" ||
	show "$T/err"
chk rows "$T/dump" first >"$T/rows"
tap_like "$(head -n 1 "$T/rows")" "一、标题一、标题*" "(12.4) yes | lectern -: the first screen"
# The first screen comes before the input ends.
mkfifo "$T/slow"
(
	# (The last block of what has come may go on: it waits.)
	printf '# 慢\n\n一、先到的一行\n\n二、也先到\n\n三、还在等\n\n'
	i=0
	while [ $i -lt 50 ] && [ ! -f "$T/seen" ]; do
		sleep 0.1
		i=$((i + 1))
	done
	printf '四、后到的一行\n'
) >"$T/slow" &
writer=$!
printf '!dump first\n!wait\nG\n!dump whole\n' >"$T/slow.keys"
: >"$T/dump"
lim env LECTERN_TEST_SCRIPT="$T/slow.keys" LECTERN_TEST_DUMP="$T/dump" LECTERN_TEST_SIZE=60x6 \
	"$LECTERN" - <"$T/slow" >"$T/out" 2>"$T/err" &
reader=$!
i=0
while [ $i -lt 60 ] && ! has "$T/dump" "先到的一行"; do
	sleep 0.05
	i=$((i + 1))
done
has "$T/dump" "先到的一行" && ! has "$T/dump" "后到的一行"
tap_ok $? "(12.4) a slow pipe: the first screen is up before the input ends"
: >"$T/seen"
wait $writer
wait $reader
tap_is "$?/$(chk rows "$T/dump" whole | grep -c '^四、后到的一行')" "0/1" \
	"(12.4) a slow pipe: the rest comes in when it ends"

# A large file (about 760 KB) the browser opens with its first part.
big=$T/big.md
python3 -c '
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("# 标题\n\n")
    for i in range(1, 25001):
        f.write("## 第%d节\n\n正文%d。\n\n" % (i, i))' "$big"

# bg_browse KEYS FILE [VAR=value...]: the headless browser in the
# background ($pid), dump in $T/dump; wait_dump TEXT: until the dump has it.
bg_browse() {
	_k=$1 _f=$2
	shift 2
	: >"$T/dump"
	lim env LECTERN_TEST_SCRIPT="$_k" LECTERN_TEST_DUMP="$T/dump" LECTERN_TEST_SIZE=60x8 "$@" \
		"$LECTERN" "$_f" </dev/null >"$T/out" 2>"$T/err" &
	pid=$!
}
wait_dump() {
	_i=0
	while [ $_i -lt 100 ] && ! has "$T/dump" "$1"; do
		sleep 0.05
		_i=$((_i + 1))
	done
}

# (12.9) The file emptied, deleted or made binary after the first screen,
# before the rest is read: what is shown stays, the status line says the
# rest could not be read (it ended with exit 2).
printf '!dump first\n!wait\n!dump after\nj\n!dump moved\n' >"$T/change.keys"
for change in empty delete binary; do
	cp "$big" "$T/change.md"
	bg_browse "$T/change.keys" "$T/change.md" LECTERN_TEST_LOAD_DELAY=600
	wait_dump "=== first"
	case $change in
	empty) : >"$T/change.md" ;;
	delete) rm -f "$T/change.md" ;;
	binary) printf 'x\000y' | dd of="$T/change.md" bs=1 seek=500000 conv=notrunc 2>/dev/null ;;
	esac
	wait $pid
	rc=$?
	chk frame "$T/dump" >"$T/frame"
	fr=$?
	chk rows "$T/dump" after | tail -n 1 >"$T/status"
	chk rows "$T/dump" moved >"$T/rows"
	case $change in
	delete) want=' 标题 *' ;; # read from the open file: all of it
	empty) want=' the rest could not be read: the file changed*' ;;
	binary) want=' the rest could not be read: binary file*' ;;
	esac
	tap_like "$rc/$fr/$(cat "$T/status")" "0/0/$want" \
		"(12.9) the file $change after the first screen: exit 0, the status line says so" ||
		show "$T/err"
	tap_like "$(head -n 1 "$T/rows")" "标题*" "(12.9) the file $change: what was shown stays"
done

# (12.13) libcmark's pathological inputs: the browser shows the raw text
# at once and q leaves at once; the other modes say what they wait on.
python3 -c 'import sys; open(sys.argv[1], "w").write("![[]()" * 160000 + "\n")' "$T/links.md"
printf '!dump first\n/x<Enter>\n!dump asked\nq\n' >"$T/links.keys"
LIMIT=20 browse "$T/links.keys" "$T/links.md" 60x6
chk rows "$T/dump" first >"$T/rows"
tap_is "$rc/$(head -n 1 "$T/rows" | cut -c 1-12)" '0/![[]()![[]()' \
	"(12.13) ![[]() x 160000: the browser shows the raw text and quits on q (${secs}s)"
tap_like "$(tail -n 1 "$T/rows")" ' parsing the document (libcmark is slow on it)*' \
	"(12.13) ![[]() x 160000: the status line says what it waits on"
awk -v s="$secs" 'BEGIN { exit !(s < 5) }'
tap_ok $? "(12.13) ![[]() x 160000: q leaves at once (${secs}s)"
LECTERN_SLOW_MS=1000 LIMIT=3 run --toc "$T/links.md"
tap_like "$rc/$(cat "$T/err")" "124/lectern: $T/links.md: still parsing the document after 1 s*" \
	"(12.13) ![[]() x 160000 --toc: stderr says it is still parsing"
rm -f "$T/links.md"

# (12.14) The reader leaves while the rest is still being read: the
# worker goes on after everything of the browser is freed, using only
# what it owns (a sanitizer build reports any other use).
printf '!sleep 100\nq\n' >"$T/quit.keys"
LECTERN_TEST_LOAD_DELAY=300 LECTERN_TEST_EXIT_DELAY=800 browse "$T/quit.keys" "$big" 60x8
tap_is "$rc/$(lines "$T/err")" 0/0 "(12.14) q while the rest is being read: exit 0, nothing on stderr"
# Resizes and a search while the rest is being read: the search waits
# for the whole, then finds in it.
printf '%s\n' '!dump first' '!resize 30x5' '/第24999节<Enter>' '!resize 60x8' 'n' '!dump found' \
	'!resize 1x1' 'G' '!resize 60x8' '!dump end' >"$T/during.keys"
LECTERN_TEST_LOAD_DELAY=200 browse "$T/during.keys" "$big" 60x8
chk frame "$T/dump" >"$T/frame"
tap_is "$rc/$?" 0/0 "(12.14) resizes and a search while the rest is read: exit 0, valid frames" ||
	tap_diag "$(cat "$T/frame" "$T/err")"
chk rows "$T/dump" found >"$T/rows"
tap_like "$(tail -n 1 "$T/rows")" "*1/1*" "(12.14) the search found in the whole"
chk rows "$T/dump" end >"$T/rows"
tap_like "$(grep -c '正文25000。' "$T/rows")" "1" "(12.14) G reaches the end of the whole"

# A file that grows while it is open (a log): what came after it was
# opened is not read until R, which reads it again and keeps the place.
cp "$big" "$T/log.md"
printf '%s\n' '!wait' ':3<Enter>' '!dump before' '!sleep 1500' 'G' '!dump grown' ':3<Enter>' 'R' '!wait' \
	'!dump reloaded' 'G' '!dump end' >"$T/log.keys"
bg_browse "$T/log.keys" "$T/log.md"
wait_dump "=== before"
printf '## 新增一节\n\n追加的正文。\n' >>"$T/log.md"
wait $pid
rc=$?
chk frame "$T/dump" >"$T/frame"
tap_is "$rc/$?" 0/0 "a growing file, then R: exit 0, valid frames" || tap_diag "$(cat "$T/frame" "$T/err")"
tap_is "$(chk rows "$T/dump" grown | grep -c '追加的正文')" 0 "a growing file: what was added is not read before R"
chk rows "$T/dump" before | head -n 1 >"$T/before"
chk rows "$T/dump" reloaded | head -n 1 >"$T/after"
tap_file_is "$T/after" "$T/before" "a growing file, R: the place is kept"
tap_like "$(chk rows "$T/dump" reloaded | tail -n 1)" " read again*" "a growing file, R: the status line says so"
tap_is "$(chk rows "$T/dump" end | grep -c '追加的正文')" 1 "a growing file, R: what was added is read"
# Growing all the time while read: no crash.
(
	while [ ! -f "$T/stop" ]; do
		printf '## 又一节\n\n又一段。\n\n' >>"$T/log.md"
	done
) &
grower=$!
printf '!wait\nG\nR\n!wait\nG\n!dump end\n' >"$T/grow.keys"
browse "$T/grow.keys" "$T/log.md" 60x8
: >"$T/stop"
wait $grower
chk frame "$T/dump" >"$T/frame"
tap_is "$rc/$?" 0/0 "a file growing all the time: exit 0, valid frames"
# Standard input cannot be read again.
printf 'R\n!dump r\n' >"$T/r.keys"
LECTERN_TEST_SCRIPT="$T/r.keys" LECTERN_TEST_DUMP="$T/dump" LECTERN_TEST_SIZE=60x6 \
	"$LECTERN" - <"$top_srcdir/examples/speech.md" >/dev/null 2>&1
tap_like "$(chk rows "$T/dump" r | tail -n 1)" " standard input cannot be read again*" \
	"R on standard input: the status line says it cannot be read again"

# (12.10) An HTML block of the kinds 1-5 closed by its end mark ends with
# that line (libcmark 0.30.2 says one line earlier): --print keeps it, and
# in a file rendered in batches a comment never swallows what follows.
bad=
for kind in '<script>|</script>' '<pre>|</pre>' '<style>|</style>' '<textarea>|</textarea>' \
	'<!--|-->' '<?php|?>' '<!DOCTYPE x|>' '<![CDATA[|]]>'; do
	open=${kind%%|*} close=${kind#*|}
	printf '## A\n\n%s\nfoo\n%s\n\n## B\n\nb\n' "$open" "$close" >"$T/html.md"
	printf '## A\n\n%s\nfoo\n%s\n' "$open" "$close" >"$T/html.want"
	run --print 1 "$T/html.md"
	cmp -s "$T/out" "$T/html.want" || bad="$bad [$open: $(tr '\n' '|' <"$T/out")]"
done
tap_is "$bad" "" "(12.10) --print of a section ending in an HTML block of kinds 1-5: byte for byte"
python3 -c '
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("# 标题\n\n")
    for i in range(300):
        f.write("第%d段：见[参考][ref]。" % i + "文字" * 150 + "\n\n<!--\n注释%d\n-->\n\n" % i)
    f.write("[ref]: https://example.invalid/ref\n")' "$T/comments.md"
run --dump --width 200 "$T/comments.md"
tap_is "$rc/$(grep -c 'ref\]' "$T/out")/$(grep -c '^第.*段' "$T/out")" "0/0/300" \
	"(12.10) 300 KB with comments: every reference link resolved in every batch"

# (12.11) A point's title with a reference link defined in another chunk
# of the document (far below): the link's text, not "[label][]".
python3 -c '
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("# 标题\n\n## 一、总则\n\n")
    for i in range(1, 12001):
        f.write(("%d. 使用[@node-core/utils][]的第%d点。\n\n" if i % 3000 == 0 else
                 "%d. 第%d点正文，内容较长的一段文字。\n\n") % (i, i))
    f.write("[@node-core/utils]: https://example.invalid/utils\n")' "$T/refs.md"
run --toc "$T/refs.md"
tap_is "$rc/$(grep -c '使用@node-core/utils的' "$T/out")/$(grep -c '\]\[' "$T/out")" "0/4/0" \
	"(12.11) titles with a reference link defined far below show its text"

# (12.15) The limits where offsets are made: the Markdown that a plain
# text converts to can be longer than the text (here, with the limit
# lowered to 1500 bytes, 1200 asterisks become 2400 bytes); and libcmark
# aborts on a buffer past 1 GiB (a line of 1.1 GB): both the usual error.
awk 'BEGIN { while (i++ < 1200) printf "*"; print "" }' >"$T/stars.txt"
LECTERN_MAX_INPUT=1500 run --toc "$T/stars.txt"
tap_is "$rc/$(cat "$T/err")" \
	"2/lectern: $T/stars.txt: too large once converted to Markdown (the limit is 1500 bytes)" \
	"(12.15) a text whose Markdown is past the limit: exit 2, one line"
if [ "$(df -Pk "$T" | awk 'NR == 2 { print $4 }')" -gt 4000000 ]; then
	python3 -c '
import sys
with open(sys.argv[1], "wb") as f:
    f.write(b"# T\n\n*x* ")
    piece = b"abcdefghi " * 1000000
    for i in range(115):
        f.write(piece)
    f.write(b"\n")' "$T/huge.md"
	LIMIT=60 run --toc "$T/huge.md"
	tap_is "$rc/$(cat "$T/err")" \
		"2/lectern: $T/huge.md: too large: a block of more than 1 GiB (the limit of libcmark)" \
		"(12.15) a line of 1.1 GB: exit 2, one line, not libcmark's abort (${secs}s)"
	rm -f "$T/huge.md"
else
	tap_skip "(12.15) a line of 1.1 GB" "less than 4 GB free in $T"
fi

# ---- 6. the files lectern reads from the home -----------------------------
# Found by the fuzz targets of these files (tests/fuzz/fuzz_config.c ...).
# Configuration lines whose keys or value hold an escape sequence, a C1
# control or a bidi override: the error lines show '?' for them, never the
# raw sequence.
printf 'bind \033[2J nosuch-action\ntheme \302\233\342\200\256\033]0;pwned\007\n' >"$T/esc.conf"
printf '# T\n\nx\n' >"$T/conf.md"
run --config "$T/esc.conf" --toc "$T/conf.md"
clean "(fuzz) a key binding and a setting with escape sequences: their errors" "$T/err"
tap_ok "$(has "$T/err" "bind ?[2J: "; echo $?)" \
	"(fuzz) the binding's error shows the keys' controls as '?'" || show "$T/err"

# The same words in the LECTERN variable and on the command line: their
# errors show C1 and bidi controls and escapes in their visible forms
# (LECTERN's passed C1 and bidi raw, the command line's everything).
bad=$(printf '\302\233\062J\342\200\256\033]0;pwned\007')
(LECTERN="--theme $bad" lim "$LECTERN" --toc "$T/conf.md" </dev/null >"$T/out" 2>"$T/err")
clean "LECTERN with a C1 control, a bidi override and an escape: its error" "$T/err"
tap_ok "$(has "$T/err" "<U+009B>2J<U+202E>^[]0;pwned^G"; echo $?)" \
	"LECTERN: the error shows the controls' visible forms" || show "$T/err"
run --theme "$bad" --toc "$T/conf.md"
clean "a command-line value with a C1 control, a bidi override and an escape: the usage error" "$T/err"
tap_is "$rc/$(lines "$T/err")/$(has "$T/err" "<U+009B>2J<U+202E>^[]0;pwned^G"; echo $?)" 64/1/0 \
	"the command line's usage error: exit 64, one line, the controls' visible forms" || show "$T/err"

# Keys bound to a C1 or bidi control, or to a C0 control past <C-z>: --keys
# writes them as <U+XXXX> (which a binding may use in turn), never raw.
printf 'bind \302\233 quit\nbind \342\200\256x help\nbind \037 top\nbind <U+00AD> bottom\n' >"$T/keys.conf"
run --config "$T/keys.conf" --keys
clean "(fuzz) --keys with keys bound to controls" "$T/out"
tap_is "$rc/$(has "$T/out" "<U+009B>" && has "$T/out" "<U+202E>x" && has "$T/out" "<U+001F>" &&
	echo found)/$(lines "$T/err")" 0/found/0 \
	"(fuzz) --keys: the controls as <U+XXXX>, and <U+XXXX> read back" || show "$T/out"

# A place kept in a section whose heading holds a backslash ("C:\tmp"),
# recalled after a section was put before it: the place file's heading was
# unescaped twice ("\t" became a tab, and a heading ending in a backslash
# left the place unset: found by fuzz_places), so the place went by the old
# address into the new section.
place_doc() {
	{
		printf '# 标题\n\n'
		[ "$1" = 2 ] && { printf '## 零、前言\n\n'; for i in 1 2 3 4 5 6 7 8; do printf '前言第%d段。\n\n' $i; done; }
		printf '## 一、目录 C:\\tmp\n\n'
		for i in 1 2 3 4 5 6 7 8; do printf '目录第%d段。\n\n' $i; done
		printf '## 二、其他\n\n'
		for i in 1 2 3 4 5 6 7 8; do printf '其他第%d段。\n\n' $i; done
	} >"$T/place.md"
}
place_doc 1
printf '/目录第5段\n<Enter>\nq\n' >"$T/place1.keys"
printf '!dump back\nq\n' >"$T/place2.keys"
browse "$T/place1.keys" "$T/place.md" 40x6 XDG_STATE_HOME="$T/state" LECTERN_NO_REMEMBER=
place_doc 2
browse "$T/place2.keys" "$T/place.md" 40x6 XDG_STATE_HOME="$T/state" LECTERN_NO_REMEMBER=
tap_is "$rc/$(has "$T/dump" "目录第5段" && echo found)/$(lines "$T/err")" 0/found/0 \
	"(fuzz) a place in a section headed 'C:\\tmp' comes back there after the file changed" ||
	show "$T/dump"

# A file of 1 MB or more is mapped and checked in one pass (UTF-8, NUL, CR:
# load.c): a CR alone in each half still ends a line, as cmark ends one
# there, so the heading after it is a heading.
python3 -c '
import sys
with open(sys.argv[1], "wb") as f:
    for half in "甲乙":
        f.write(("这是正文，没有回车符。\n\n" * 20000).encode())
        f.write(("# 回车%s\r# 回车后%s\r\n\n" % (half, half)).encode())
    f.write(("这是正文，没有回车符。\n\n" * 2000).encode())' "$T/cr.md"
run --toc "$T/cr.md"
tap_is "$rc/$(grep -c '回车后' "$T/out")" "0/2" "a CR alone in each half of a 1.5 MB file ends a line (a heading after each)"

tap_done
