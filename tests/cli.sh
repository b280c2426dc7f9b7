#!/bin/sh
# tests/cli.sh - the command-line contract of lectern: options, modes,
# addresses, exit statuses and messages.  TAP output; see tests/lib.sh.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

# run ARGS...: run lectern with stdin from /dev/null.
# Sets $rc; stdout goes to $T/out, stderr to $T/err.
run() {
	"$LECTERN" "$@" </dev/null >"$T/out" 2>"$T/err"
	rc=$?
}

# run_in FILE ARGS...: like run, with stdin from FILE.
run_in() {
	_in=$1
	shift
	"$LECTERN" "$@" <"$_in" >"$T/out" 2>"$T/err"
	rc=$?
}

# lines FILE: number of lines in FILE (a last line without newline counts).
lines() {
	awk 'END { print NR }' "$1"
}

# maxlen FILE: length in bytes of the longest line of FILE.
maxlen() {
	LC_ALL=C awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' "$1"
}

# has FILE STRING: FILE contains STRING (bytes, no pattern).
has() {
	LC_ALL=C grep -qF -e "$2" "$1"
}

# show_err: the stderr of the last run, as a TAP comment.
show_err() {
	tap_diag "stderr: $(cat "$T/err")"
}

# usage_error DESC ARGS...: lectern ARGS exits 64 with one line on stderr
# and nothing on stdout.
usage_error() {
	_d=$1
	shift
	run "$@"
	tap_is "$rc" 64 "$_d: exit status 64" || show_err
	tap_is "$(lines "$T/err")" 1 "$_d: one line on stderr"
	tap_is "$(lines "$T/out")" 0 "$_d: nothing on stdout"
}

# input_error FILE DESC ARGS...: lectern ARGS FILE exits 2, prints nothing on
# stdout and one line "lectern: FILE: reason" on stderr.
input_error() {
	_f=$1 _d=$2
	shift 2
	run "$@" "$_f"
	tap_is "$rc" 2 "$_d: exit status 2" || show_err
	tap_is "$(lines "$T/err")" 1 "$_d: one line on stderr"
	tap_like "$(head -n 1 "$T/err")" "lectern: $_f: ?*" "$_d: stderr names the file"
	tap_is "$(lines "$T/out")" 0 "$_d: nothing on stdout"
}

# --- documents -----------------------------------------------------------
printf '# T\n\n## 一、甲\n\n一是加强学习。\n\n二是改进作风。\n' >"$T/a.md"
printf -- '---\nauthor: 张三\ndate: 2024-03-05\n---\n\n# 标题\n\n## 一、总体要求\n\n正文。\n' >"$T/fm.md"
# shellcheck disable=SC2016 # backquotes are Markdown here
printf '# T\n\n## 一、甲\n\n这是**重要**的`代码`。\n' >"$T/em.md"

# An ASCII paragraph (bytes = cells) of about 700 characters.
words=''
i=0
while [ $i -lt 25 ]; do
	words="${words}lorem ipsum dolor sit amet, "
	i=$((i + 1))
done
printf '%s\n' "$words" >"$T/ascii.md"

# --- --version, --help -----------------------------------------------------
for opt in --version -V; do
	run "$opt"
	tap_is "$rc" 0 "$opt: exit status 0"
	tap_is "$(head -n 1 "$T/out")" "lectern 0.1.0" "$opt: prints 'lectern 0.1.0'"
done

run --help
cp "$T/out" "$T/help"
tap_is "$rc" 0 "--help: exit status 0"
tap_is "$(cat "$T/err")" "" "--help: nothing on stderr"
for opt in --toc --outline --print --dump --plain --width --ambiwidth \
	--help --version -h -V; do
	has "$T/out" "$opt"
	tap_ok $? "--help mentions $opt"
done
run -h
tap_is "$rc" 0 "-h: exit status 0"
tap_file_is "$T/out" "$T/help" "-h prints what --help prints"

# --- usage errors: exit 64 --------------------------------------------------
usage_error "no FILE"
usage_error "two FILEs" --dump "$T/a.md" "$T/a.md"
usage_error "--print without its argument" "$T/a.md" --print
usage_error "--print alone" --print
usage_error "--width 0" --width 0 --dump "$T/a.md"
usage_error "--width abc" --width abc --dump "$T/a.md"
usage_error "--width=0" --width=0 --dump "$T/a.md"
usage_error "--width -5" --width -5 --dump "$T/a.md"
usage_error "--ambiwidth 3" --ambiwidth 3 --dump "$T/a.md"
usage_error "two modes" --toc --dump "$T/a.md"
usage_error "unknown option" --bogus "$T/a.md"
tap_like "$(cat "$T/err")" "*--bogus*" "unknown option: stderr names it"

# --- a file name with an escape sequence reaches stderr harmless ------------
run --toc "$T/x$(printf '\033')]0;title$(printf '\007').md"
tap_is "$rc" 2 "a name with control characters: exit status 2"
if LC_ALL=C grep -q "$(printf '[\033\007]')" "$T/err"; then
	tap_ok 1 "a name with control characters: none reach stderr"
else
	tap_ok 0 "a name with control characters: none reach stderr"
fi
tap_like "$(cat "$T/err")" "*x^[]0;title^G.md: no such file*" \
	"a name with control characters: shown in their visible form, as in the browser"
# A bidi override in a name (the same escaper as for documents, 12.16).
run --toc "$T/y$(printf '\342\200\256')z.md"
tap_like "$(cat "$T/err")" "*y<U+202E>z.md: no such file*" \
	"a name with a bidi override: shown in its visible form"

# --- write errors: exit 74 ---------------------------------------------------
if [ -w /dev/full ]; then
	"$LECTERN" --dump "$T/a.md" >/dev/full 2>"$T/err"
	tap_is "$?" 74 "stdout on a full disk: exit status 74"
	tap_like "$(cat "$T/err")" "lectern: write error: *" "stdout on a full disk: one line says so"
fi

# --- input that cannot be used: exit 2 ---------------------------------------
input_error "$T/missing.md" "missing file" --dump
input_error "$T/missing.md" "missing file, --toc" --toc
mkdir "$T/dir"
input_error "$T/dir" "directory" --dump
: >"$T/empty.md"
input_error "$T/empty.md" "empty file" --dump
input_error /dev/null "/dev/null" --dump
printf '# T\n\na\000b\n' >"$T/nul.md"
input_error "$T/nul.md" "binary file (NUL byte)" --dump
input_error "$T/nul.md" "binary file, --outline" --outline

# The browser shows the first part of a large file while the whole is
# read; a NUL byte found past that part keeps what is shown, and the
# status line says why the rest is not (issue 12.9).
{
	printf '# T\n\n'
	i=0
	while [ $i -lt 200 ]; do
		echo '书屋要开到群众家门口。这一段重复出现，让文件足够大。'
		echo
		i=$((i + 1))
	done
	printf 'a\000b\n'
} >"$T/late-nul.md"
head -c -5 "$T/late-nul.md" >"$T/late-ok.md"
printf '!dump first\n!wait\n!dump after\n' >"$T/wait.keys"
LECTERN_EARLY=2000 LECTERN_TEST_SCRIPT=$T/wait.keys LECTERN_TEST_DUMP=$T/wait.dump \
	run "$T/late-nul.md"
tap_is "$rc/$(lines "$T/err")" 0/0 "browser, NUL past the first part: exit 0, nothing on stderr" ||
	show_err
tap_like "$(cat "$T/wait.dump" 2>/dev/null)" "*书屋要开到群众家门口*" \
	"browser, NUL past the first part: the first part was shown"
tap_like "$(sed -n '/^=== after/,/^--- attributes/p' "$T/wait.dump" | sed -n '$!p' | tail -n 1)" \
	" the rest could not be read: binary file (NUL byte at offset*" \
	"browser, NUL past the first part: the status line says the rest could not be read"

# Without a terminal (setsid: no controlling tty) the browser is the
# dump, of the whole even when the file is large enough to open early.
if command -v setsid >/dev/null 2>&1; then
	"$LECTERN" --dump "$T/late-ok.md" >"$T/dump.want" 2>/dev/null
	LECTERN_EARLY=2000 setsid "$LECTERN" "$T/late-ok.md" </dev/null >"$T/out" 2>"$T/err"
	tap_is "$?" 0 "no terminal: exit status 0"
	tap_like "$(cat "$T/err")" "*no terminal*showing the document as with --dump*" \
		"no terminal: says it dumps"
	tap_file_is "$T/out" "$T/dump.want" "no terminal, large file: the whole is dumped"
else
	tap_skip "no terminal" "setsid is not installed"
fi

printf '# T\n\ntext\n' >"$T/unreadable.md"
chmod 000 "$T/unreadable.md"
if [ ! -r "$T/unreadable.md" ]; then
	input_error "$T/unreadable.md" "unreadable file" --dump
else
	tap_skip "unreadable file" "running as a user who can read a mode-000 file"
fi

if printf '# T\n\ntext\n' >"$T/huge.md" && truncate -s 4294967297 "$T/huge.md" 2>/dev/null; then
	# A sparse file a little over 4 GiB; timeout guards against reading it all.
	_f=$T/huge.md
	timeout 60 "$LECTERN" --dump "$_f" </dev/null >"$T/out" 2>"$T/err"
	rc=$?
	tap_is "$rc" 2 "file over 4 GiB: exit status 2"
	tap_is "$(lines "$T/err")" 1 "file over 4 GiB: one line on stderr"
	tap_like "$(head -n 1 "$T/err")" "lectern: $_f: ?*" "file over 4 GiB: stderr names the file"
	rm -f "$_f"
else
	rm -f "$T/huge.md"
	tap_skip "file over 4 GiB" "cannot create a sparse 4 GiB file here"
fi

run_in "$T/empty.md" --dump -
tap_is "$rc" 2 "empty stdin: exit status 2"
tap_is "$(lines "$T/err")" 1 "empty stdin: one line on stderr"

# --- invalid UTF-8: shown as U+FFFD, one warning, exit 0 ----------------------
printf 'a\377b\n' >"$T/bad.md"
run --dump "$T/bad.md"
tap_is "$rc" 0 "invalid UTF-8: exit status 0"
has "$T/out" "a$(printf '\357\277\275')b"
tap_ok $? "invalid UTF-8: the bad byte is shown as U+FFFD"
tap_is "$(lines "$T/err")" 1 "invalid UTF-8: one line on stderr"
tap_like "$(cat "$T/err")" "lectern: $T/bad.md: warning: invalid UTF-8*" \
	"invalid UTF-8: the warning names the file"

# A large file is checked in two halves at once: the first problem is
# still the one reported, in either half, whatever the other holds.
big_line='书屋要开到群众家门口，读书会要常态化。'
awk -v l="$big_line" 'BEGIN { for (i = 0; i < 170000; i++) print l }' >"$T/half.txt"
size=$(wc -c <"$T/half.txt")
{ cat "$T/half.txt"; printf 'x\377y\n'; cat "$T/half.txt"; printf 'p\376q\n'; } >"$T/bad-big.md"
run --toc "$T/bad-big.md"
tap_like "$(cat "$T/err")" "*invalid UTF-8 at byte $((size + 1)) *" \
	"invalid UTF-8 in a large file: the first bad byte is named"
{ cat "$T/half.txt" "$T/half.txt"; printf 'x\377y\n'; } >"$T/bad-big2.md"
run --toc "$T/bad-big2.md"
tap_like "$(cat "$T/err")" "*invalid UTF-8 at byte $((2 * size + 1)) *" \
	"invalid UTF-8 in the second half of a large file: named"
{ cat "$T/half.txt" "$T/half.txt"; printf 'x\000y\n'; } >"$T/nul-big.md"
run --toc "$T/nul-big.md"
tap_like "$(cat "$T/err")" "*binary file (NUL byte at offset $((2 * size + 1)))*" \
	"a NUL byte in the second half of a large file: named"
{ cat "$T/half.txt"; printf 'x\000y\n'; cat "$T/half.txt"; printf '\377\n'; } >"$T/nul-big2.md"
run --toc "$T/nul-big2.md"
tap_like "$(cat "$T/err")" "*binary file (NUL byte at offset $((size + 1)))*" \
	"a NUL byte in the first half of a large file: named"
rm -f "$T"/*big*.md "$T/half.txt"

# --- '-' reads standard input ----------------------------------------------
run --toc "$T/a.md"
cp "$T/out" "$T/toc-file"
run_in "$T/a.md" --toc -
tap_is "$rc" 0 "--toc -: exit status 0"
tap_file_is "$T/out" "$T/toc-file" "--toc - prints what --toc FILE prints"
run_in "$T/a.md" --dump -
tap_is "$rc" 0 "--dump -: exit status 0"
has "$T/out" "改进作风"
tap_ok $? "--dump - shows the text read from stdin"

# --- --toc -----------------------------------------------------------------
run --toc "$T/a.md"
tap_is "$rc" 0 "--toc: exit status 0"
tap_is "$(lines "$T/out")" 3 "--toc: one line per node, no title line"
l1=$(sed -n 1p "$T/out")
l2=$(sed -n 2p "$T/out")
l3=$(sed -n 3p "$T/out")
tap_like "$l1" "*1 *一、*甲" "--toc: line 1 is '1 一、甲'"
tap_like "$l2" "*1.1 *一是*加强学习*" "--toc: line 2 is '1.1 一是加强学习'"
tap_like "$l3" "*1.2 *二是*改进作风*" "--toc: line 3 is '1.2 二是改进作风'"
ind1=${l1%%[! ]*}
ind2=${l2%%[! ]*}
tap_is "${#ind2}" "$((${#ind1} + 2))" "--toc: a child is indented two more spaces"

# --- --outline -------------------------------------------------------------
run --outline "$T/a.md"
tap_is "$rc" 0 "--outline: exit status 0"
printf 'meta\ttitle\tT\n1\t一、\t甲\n2\t一是\t加强学习\n2\t二是\t改进作风\n' >"$T/want"
tap_file_is "$T/out" "$T/want" "--outline: meta title row, then level/marker/title rows"

run --outline "$T/fm.md"
tap_is "$rc" 0 "--outline, front matter: exit status 0"
head -n 3 "$T/out" | LC_ALL=C sort >"$T/got-meta"
printf 'meta\tauthor\t张三\nmeta\tdate\t2024-03-05\nmeta\ttitle\t标题\n' >"$T/want"
tap_file_is "$T/got-meta" "$T/want" "--outline, front matter: meta rows first"
tap_is "$(sed -n '4,$p' "$T/out")" "$(printf '1\t一、\t总体要求')" \
	"--outline, front matter: then the nodes"

# --- --print ---------------------------------------------------------------
run --print 1 "$T/a.md"
tap_is "$rc" 0 "--print 1: exit status 0"
printf '## 一、甲\n\n一是加强学习。\n\n二是改进作风。\n' >"$T/want"
tap_file_is "$T/out" "$T/want" "--print 1: the section's Markdown, byte for byte"
tap_is "$(cat "$T/err")" "" "--print 1: nothing on stderr"

# 0 is the part before the first child: the preamble, or a section's lead.
run --print 0 "$T/a.md"
tap_is "$rc" 0 "--print 0: exit status 0"
printf '# T\n\n' >"$T/want"
tap_file_is "$T/out" "$T/want" "--print 0: what comes before the first part"
run --print 1.0 "$T/a.md"
printf '## 一、甲\n\n' >"$T/want"
tap_file_is "$T/out" "$T/want" "--print 1.0: the section's heading, up to its first point"
run --print 5.0 "$T/a.md"
tap_is "$rc" 1 "--print 5.0: no section 5, exit status 1"

printf '二是改进作风。\n' >"$T/want"
for addr in 1.2 一/二是 1/2 一、/二是; do
	run --print "$addr" "$T/a.md"
	tap_is "$rc" 0 "--print $addr: exit status 0"
	tap_file_is "$T/out" "$T/want" "--print $addr: the point's Markdown"
done
run "--print=1.2" "$T/a.md"
tap_file_is "$T/out" "$T/want" "--print=1.2 is --print 1.2"

for addr in 9 1.9 1.2.1 九/一是; do
	run --print "$addr" "$T/a.md"
	tap_is "$rc" 1 "--print $addr (no such node): exit status 1"
	tap_like "$(cat "$T/err")" "*nearest*" "--print $addr: stderr names the nearest addresses"
	tap_is "$(lines "$T/out")" 0 "--print $addr: nothing on stdout"
done

# A law written for this test: articles numbered through its chapters,
# an inserted article 之一, an article printed by its marker wherever it sits.
printf '# 示例条例\n\n## 第一章 总则\n\n第一条 为了示例，制定本条例。\n\n第二条 本条例适用于示例。\n\n## 第二章 管理\n\n### 第一节 登记\n\n第三条 登记应当载明下列事项：\n\n（一）名称；\n\n（二）住所。\n\n第三条之一 登记可以在网上办理。\n\n第四条 第三条规定的事项变更的，应当重新登记。\n' >"$T/law.md"
printf '第三条 登记应当载明下列事项：\n\n（一）名称；\n\n（二）住所。\n' >"$T/want"
for addr in 第三条 第二章/第一节/第三条 2.1.1; do
	run --print "$addr" "$T/law.md"
	tap_is "$rc" 0 "a law, --print $addr: exit status 0"
	tap_file_is "$T/out" "$T/want" "a law, --print $addr: the article and its items, not 第三条之一"
done
run --print 第三条之一 "$T/law.md"
tap_is "$(cat "$T/out")" "第三条之一 登记可以在网上办理。" "a law, --print 第三条之一: the inserted article"
run --print 第五条 "$T/law.md"
tap_is "$rc" 1 "a law, --print 第五条 (no such article): exit status 1"
run --toc "$T/law.md"
tap_is "$(sed -n '6,7p' "$T/out")" "$(printf '    2.1.1 第三条 登记应当载明下列事项：\n      2.1.1.1 （一）名称；')" \
	"a law, --toc: 第三条 under 第二章/第一节 holds its items"
sed -e 's/^#* *//' "$T/law.md" >"$T/law.txt"
run --print 第三条之一 "$T/law.txt"
tap_is "$(cat "$T/out")" "第三条之一 登记可以在网上办理。" "a law in plain text: the same articles"

run --print 1 "$T/em.md"
has "$T/out" "**重要**"
tap_ok $? "--print keeps Markdown emphasis"
run --print 1 --plain "$T/em.md"
tap_is "$rc" 0 "--print --plain: exit status 0"
has "$T/out" "重要"
tap_ok $? "--print --plain: shows the text"
if has "$T/out" "**" || has "$T/out" '`' || grep -q '^#' "$T/out"; then
	tap_ok 1 "--print --plain: no Markdown syntax left"
	tap_diag "$(cat "$T/out")"
else
	tap_ok 0 "--print --plain: no Markdown syntax left"
fi
has "$T/out" "一、甲"
tap_ok $? "--print --plain: shows the heading"

printf '# T\n\n## 一、甲\n\n%s\n' "$words" >"$T/ascii-sec.md"
run --print 1 --plain "$T/ascii-sec.md"
tap_ok "$([ "$(maxlen "$T/out")" -le 80 ] && [ "$(lines "$T/out")" -ge 9 ]; echo $?)" \
	"--print --plain into a file: wrapped at 80 cells"
run --print 1 --plain --width 30 "$T/ascii-sec.md"
tap_ok "$([ "$(maxlen "$T/out")" -le 30 ] && [ "$(lines "$T/out")" -ge 24 ]; echo $?)" \
	"--print --plain --width 30: wrapped at 30 cells"

# --- --width and --ambiwidth -----------------------------------------------
run --dump --width 20 "$T/ascii.md"
tap_is "$rc" 0 "--width 20: exit status 0"
tap_ok "$([ "$(maxlen "$T/out")" -le 20 ] && [ "$(lines "$T/out")" -ge 20 ]; echo $?)" \
	"--width 20: lines are at most 20 cells"
cp "$T/out" "$T/w20"
run --dump --width=20 "$T/ascii.md"
tap_file_is "$T/out" "$T/w20" "--width=20 is --width 20"

COLUMNS=30 "$LECTERN" --dump "$T/ascii.md" </dev/null >"$T/out" 2>"$T/err"
tap_is "$?" 0 "default width: exit status 0"
m=$(maxlen "$T/out")
tap_ok "$([ "$m" -gt 60 ] && [ "$m" -le 80 ]; echo $?)" \
	"default width is 80 when stdout is not a terminal, COLUMNS ignored (longest line $m)"

cjk=''
i=0
while [ $i -lt 40 ]; do
	cjk="${cjk}①甲"
	i=$((i + 1))
done
printf '%s\n' "$cjk" >"$T/ambi.md"
run --dump --width 24 --ambiwidth 1 "$T/ambi.md"
tap_is "$rc" 0 "--ambiwidth 1: exit status 0"
n1=$(lines "$T/out")
run --dump --width 24 --ambiwidth=2 "$T/ambi.md"
tap_is "$rc" 0 "--ambiwidth=2: exit status 0"
n2=$(lines "$T/out")
tap_ok "$([ "$n2" -gt "$n1" ]; echo $?)" \
	"--ambiwidth 2 makes ① wider: more lines ($n1 with 1, $n2 with 2)"

# --- writing to a closed pipe ends quietly ----------------------------------
para=''
i=0
while [ $i -lt 18 ]; do
	para="${para}这是一个用于测试管道的段落，内容会重复很多次。"
	i=$((i + 1))
done
i=1
{
	printf '# 大文档\n\n'
	while [ $i -le 2000 ]; do
		printf '## %d. 第%d节\n\n%s\n\n' "$i" "$i" "$para"
		i=$((i + 1))
	done
} >"$T/big.md"
{
	"$LECTERN" --dump "$T/big.md" </dev/null 2>"$T/err"
	echo $? >"$T/rc"
} | head -n 1 >"$T/out"
tap_is "$(lines "$T/out")" 1 "--dump | head -1: head got its line"
tap_is "$(cat "$T/err")" "" "--dump | head -1: nothing on stderr"
rc=$(cat "$T/rc")
tap_ok "$([ "$rc" = 0 ] || [ "$rc" = 141 ]; echo $?)" \
	"--dump | head -1: exit status 0 or 141 (SIGPIPE), got $rc"

# --- plain text: --convert and --from ----------------------------------------
usage_error "--from bogus" --from bogus --toc "$T/a.md"
printf '一、甲\n正文。\n二、乙\n正文。\n' >"$T/p.txt"
run --convert "$T/p.txt"
tap_is "$rc" 0 "--convert of a .txt: exit status 0"
tap_is "$(grep -c '^## ' "$T/out")" 2 "--convert of a .txt: its 一、 lines become ## headings"
run --toc "$T/p.txt"
tap_is "$(lines "$T/out")" 2 "--toc of a .txt reads the converted outline"
run --convert --from markdown "$T/p.txt"
tap_ok "$(cmp -s "$T/out" "$T/p.txt"; echo $?)" "--from markdown: a .txt is taken as it is"
cp "$T/p.txt" "$T/p.md"
run --toc "$T/p.md"
tap_is "$(lines "$T/out")" 0 "a .md file is Markdown: lines of text are no headings"
run --toc --from text "$T/p.md"
tap_is "$(lines "$T/out")" 2 "--from text converts a .md file"
run_in "$T/p.txt" --toc -
tap_is "$(lines "$T/out")" 2 "standard input without Markdown structure is converted"
run_in "$T/a.md" --toc -
tap_is "$(lines "$T/out")" 3 "standard input with headings is Markdown"
run --print 2 "$T/p.txt"
tap_is "$(cat "$T/out")" "$(printf '## 二、乙\n\n正文。')" "--print of a .txt prints the converted Markdown of the node"

# --- tables: --print keeps the source, --plain and --dump draw columns ------
printf '# 表\n\n## 一、数据\n\n| 甲 | 乙 |\n|:--|--:|\n| 一 | 12 |\n\n<!-- 注 -->\n' >"$T/t.md"
run --print 1 "$T/t.md"
tap_is "$(cat "$T/out")" "$(printf '## 一、数据\n\n| 甲 | 乙 |\n|:--|--:|\n| 一 | 12 |\n\n<!-- 注 -->')" \
	"--print of a section with a table and a comment: its source bytes"
run --print 1 --plain --width 40 "$T/t.md"
tap_is "$(cat "$T/out")" "$(printf '一、数据\n\n甲 │ 乙\n───┼───\n一 │ 12')" \
	"--print --plain: the table as columns, the comment not shown"
run --dump --width 40 --ambiwidth 2 "$T/t.md"
tap_like "$(cat "$T/out")" "*甲 | 乙*---+---*一 | 12" "--dump --ambiwidth 2: the rules are ASCII"

tap_done
