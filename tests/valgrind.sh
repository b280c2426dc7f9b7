#!/bin/sh
# tests/valgrind.sh - lectern under valgrind's memcheck: no invalid read or
# write, no use of uninitialised memory, no definite or indirect leak
# (ncurses keeps memory until exit, "still reachable": not counted), in
#   --toc, --outline, --dump, --convert and --print of every file in
#   examples/ (the gold outlines, plain text to lectern: --toc and
#   --convert; --convert of Markdown prints what was loaded) and of
#   hostile inputs written here (control characters and escape sequences,
#   invalid UTF-8, 1000 nested quotes, front matter only or never closed,
#   only headings, CRLF with a BOM, a plain text with fused headings), and
#   the browser in headless test mode (LECTERN_TEST_SCRIPT: zM, a search,
#   the outline and its filter, q) on some of them, and opening a file
#   early (LECTERN_EARLY: the whole read on a second thread), with and
#   without a NUL byte past the first part (and, in a sanitizer build,
#   --outline of 9 MB, read and walked on two threads).
# One TAP line per run; a failure shows valgrind's report.  The runs are
# spread over as many lanes as there are processors (2 to 4).
#
# In a sanitizer build (./configure --enable-sanitizers; valgrind cannot
# run an ASan program) the same runs go without valgrind: ASan, UBSan and
# LeakSanitizer check them, and a report makes the run fail (and, under
# ./build.sh check, lands in the report directory that
# tests/sanitizer-reports.sh checks).  Skipped when valgrind is missing or
# cannot run here, and with LECTERN_NO_VALGRIND=1 (./build.sh sets it for
# make distcheck: the same runs were made on the same sources before).
# shellcheck source=tests/lib.sh
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

skip_all() {
	tap_skip "lectern under valgrind" "$1"
	tap_done
}
tool=valgrind
if ASAN_OPTIONS=help=1 "$LECTERN" --version 2>&1 | grep -q AddressSanitizer; then
	tool=asan
elif [ "${LECTERN_NO_VALGRIND:-}" = 1 ]; then
	skip_all "LECTERN_NO_VALGRIND=1"
elif ! command -v valgrind >/dev/null 2>&1; then
	skip_all "valgrind is not installed"
elif ! valgrind -q --error-exitcode=99 true >"$T/probe" 2>&1; then
	skip_all "valgrind cannot run here: $(head -n 1 "$T/probe")"
fi

# ---- the hostile inputs -----------------------------------------------
H=$T/in
mkdir "$H"

# Control characters (C0, DEL, C1 as UTF-8) and terminal escape sequences
# (SGR, OSC title, CSI clear, DCS, RIS) in headings, points and body text.
printf '%b' '# 控制\033[31m字符\033[0m的标题\n\n一、\033]0;pwned\007第一部分\001\002\003\n\n' \
	'正文\010\013\014\177文本\033[2J\033[H。\302\233[2J 与 \302\205 与 \302\200\302\237\n\n' \
	'二、\t制表\t符\033c\033P+q\033\\\n\n> \033[1m引用\033[0m\n\n- 项目\033]8;;http://x\033\\链接\033]8;;\033\\\n' \
	>"$H/ctrl.md"
cp "$H/ctrl.md" "$H/ctrl.txt"

# Invalid UTF-8: a lone continuation byte, sequences cut short (in the
# middle of a marker, and at the very end), overlong forms, a surrogate,
# beyond U+10FFFF, 0xFE/0xFF, a 5-byte form.
printf '%b' '# 标题\200\n\n一\343、第一\n\n\300\257 \340\200\257 \355\240\200 \364\220\200\200 \376\377 \370\210\200\200\200\n\n' \
	'二、\344\270 中间\n\n（三\357\274）括号\n\n1. 列\300表\n\n第一，\342\200\n\n结尾\344\270' >"$H/badutf8.md"
cp "$H/badutf8.md" "$H/badutf8.txt"

# 1000 nested block quotes, then a numbered point inside all of them.
awk 'BEGIN { for (i = 0; i < 1000; i++) printf "> "; print "一、深处的段落"
	for (i = 0; i < 1000; i++) printf ">"; print " 二、第二段" }' >"$H/deep.md"

printf -- '---\ntitle: 只有前言\nauthor: 某人\ndate: 2024-01-01\n---\n' >"$H/fm-only.md"
printf -- '---\ntitle: 没有结束\nauthor: 某人\n\n# 标题\n\n一、第一\n\n正文。\n' >"$H/fm-unclosed.md"

# Only headings: every level, empty ones, a numbered one, 7 hashes (text).
{
	printf '# 总标题\n## 一、第一部分\n### （一）小节\n#### 1. 要点\n##### （1）细节\n###### ① 最深\n'
	printf '#\n##\n## \n####### 七个井号\n## 二、第二部分\n# 另一个一级标题\nSetext\n======\n'
} >"$H/headings.md"

# A BOM and CRLF line ends, front matter included.
printf '\357\273\277---\r\ntitle: 回车换行\r\n---\r\n\r\n# 标题\r\n\r\n一、第一部分\r\n\r\n正文。\r\n\r\n二、第二部分\r\n\r\n（一）小节\r\n' \
	>"$H/crlf-bom.md"

# A plain text as scraped: a head, headings fused with their bodies,
# points run together inside one paragraph, a full-width indent.
printf '%s\n' '关于加强工作的讲话' '张三' '2024年1月1日' '' \
	'一、落实层级责任，推动工作落地见效共建体制海关是重要举措。我们要抓好三件事：一是抓学习。二是抓落实。三是抓督查。' '' \
	'　　二、强化风险防控要把风险挡在前面。（一）健全制度。制度是根本。（二）加强队伍。四是要做好宣传。' '' \
	'第一部分 总体要求' '1.坚持标准2.突出重点' >"$H/fused.txt"

# A file the browser opens early (LECTERN_EARLY: its first part at once,
# the whole read by a second thread), and the same with a NUL byte past
# that part (the browser then ends with the error, status 2).
E=$T/early
mkdir "$E"
{
	printf '# T\n\n'
	i=0
	while [ $i -lt 200 ]; do
		printf '%s\n\n' '书屋要开到群众家门口。这一段重复出现，让文件足够大。'
		i=$((i + 1))
	done
} >"$E/late-ok.md"
{
	cat "$E/late-ok.md"
	printf 'a\000b\n'
} >"$E/late-nul.md"
printf '%s\n' '!dump first' '!wait' 'G' >"$T/wait.keys"

# Past 8 MB the bytes are checked, and past 4 MB the model is built, on
# two threads: too large for valgrind, made for the sanitizer build only.
if [ $tool = asan ]; then
	awk 'BEGIN {
		for (s = 1; s <= 520; s++) {
			printf "## %d、第%d部分\n\n", s, s
			for (p = 1; p <= 20; p++) {
				printf "（%d）", p
				for (k = 0; k < 30; k++) printf "书屋要开到群众家门口，"
				printf "。\n\n"
			}
		}
	}' >"$E/big.md"
fi

# The browser's keys: fold everything, search, the outline, quit.
printf '%s\n' 'zM' '/书屋<Enter>' 'n' 'zR' 'G' 'o' 'j' '/二<Enter>' '<Enter>' 'o' '<Esc>' 'q' >"$T/browse.keys"

# ---- the runs -----------------------------------------------------------
# Each run: an id, what it is (the TAP message), the exit statuses lectern
# may give, then "ENV=value..." settings, --, and lectern's arguments.
# runs CALLBACK: calls CALLBACK for every run, in order.
runs() {
	_n=0
	for _f in "$top_srcdir"/examples/* "$H"/*; do
		[ -f "$_f" ] || continue
		case $_f in
		"$H"/*) _name=hostile/${_f#"$H"/} ;;
		*) _name=examples/$(basename "$_f") ;;
		esac
		# The gold outlines are plain text to lectern: the conversion.
		# --convert of Markdown only loads and prints it, as every mode
		# loads it.
		case $_f in
		*.tsv) _modes='--toc --convert' ;;
		*.md) _modes='--toc --outline --dump --print' ;;
		*) _modes='--toc --outline --dump --convert --print' ;;
		esac
		for _m in $_modes; do
			_n=$((_n + 1))
			case $_m in
			# No node 1 gives 1.
			--print) "$1" "$_n" "--print 1 $_name" '0 1' -- --print 1 "$_f" ;;
			--dump) "$1" "$_n" "--dump --width 30 $_name" 0 -- --dump --width 30 "$_f" ;;
			*) "$1" "$_n" "$_m $_name" 0 -- "$_m" "$_f" ;;
			esac
		done
	done
	for _f in "$top_srcdir"/examples/speech.md "$top_srcdir"/examples/speech.txt \
		"$H"/ctrl.md "$H"/badutf8.txt "$H"/deep.md "$H"/crlf-bom.md; do
		_n=$((_n + 1))
		case $_f in
		"$H"/*) _name=hostile/${_f#"$H"/} ;;
		*) _name=examples/$(basename "$_f") ;;
		esac
		"$1" "$_n" "browser (zM, /书屋, o, q) on $_name" 0 \
			"LECTERN_TEST_SCRIPT=$T/browse.keys" LECTERN_TEST_SIZE=60x16 -- "$_f"
	done
	"$1" $((_n + 1)) "browser, opened early, the whole taken over" 0 \
		LECTERN_EARLY=2000 "LECTERN_TEST_SCRIPT=$T/wait.keys" LECTERN_TEST_DUMP=/dev/null \
		-- "$E/late-ok.md"
	"$1" $((_n + 2)) "browser, opened early, a NUL byte past the first part (what is shown stays)" 0 \
		LECTERN_EARLY=2000 "LECTERN_TEST_SCRIPT=$T/wait.keys" LECTERN_TEST_DUMP=/dev/null \
		-- "$E/late-nul.md"
	[ $tool = valgrind ] ||
		"$1" $((_n + 3)) "--outline of $(($(wc -c <"$E/big.md") >> 20)) MB (two threads)" 0 \
			-- --outline "$E/big.md"
}

V=$T/vg
mkdir "$V"

# run_one ID MSG OK [ENV...] -- ARGS...: runs lectern ARGS under valgrind
# with the settings; $V/ID.rc gets the status, $V/ID.vg valgrind's report.
run_one() {
	_id=$1
	shift 3
	(
		while [ $# -gt 0 ] && [ "$1" != -- ]; do
			export "${1?}"
			shift
		done
		shift
		if [ $tool = valgrind ]; then
			# 99, not 1: --print gives 1 when there is no such node.
			valgrind -q --error-exitcode=99 --leak-check=full \
				--errors-for-leak-kinds=definite,indirect \
				--show-leak-kinds=definite,indirect --log-file="$V/$_id.vg" \
				"$LECTERN" "$@" </dev/null >"$V/$_id.out" 2>"$V/$_id.err"
		else
			"$LECTERN" "$@" </dev/null >"$V/$_id.out" 2>"$V/$_id.err"
		fi
		echo $? >"$V/$_id.rc"
	)
}

# lane K N: runs every Nth run from the Kth.
lane_k=0 lane_n=1
in_lane() {
	[ $(($1 % lane_n)) -eq "$lane_k" ] || return 0
	run_one "$@"
}
lanes=$(nproc 2>/dev/null || echo 2)
[ "$lanes" -ge 2 ] 2>/dev/null || lanes=2
[ "$lanes" -le 4 ] || lanes=4
k=0
while [ $k -lt "$lanes" ]; do
	(
		lane_k=$k lane_n=$lanes
		runs in_lane
	) &
	k=$((k + 1))
done
wait

# report ID MSG OK ...: one TAP line for the run.
report() {
	_rc=$(cat "$V/$1.rc" 2>/dev/null)
	_what="$tool: $2"
	_st=bad
	for _s in $3; do
		[ "$_rc" != "$_s" ] || _st=ok
	done
	if [ "$_rc" != 99 ] && [ $_st = ok ]; then
		tap_ok 0 "$_what"
		return
	fi
	[ "$_rc" != 99 ] || [ $tool != valgrind ] || _rc="99 (valgrind found errors)"
	tap_is "exit status ${_rc:-none}" "exit status $3" "$_what"
	[ ! -s "$V/$1.vg" ] || tap_diag "$(head -n 80 "$V/$1.vg")"
	tap_diag "stderr: $(head -n 40 "$V/$1.err" 2>/dev/null)"
}
runs report
tap_done
