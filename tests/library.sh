#!/bin/sh
# tests/library.sh - the library on the command line: --list and --grep
# (their TSV, their exit statuses), what a folder holds and what it does
# not, the metadata cache (used, kept up to date, rebuilt when damaged,
# two writers at once), and the browser's ways out of a library.  The
# sample library is tests/library (written for these tests); the plain-text
# speeches of the corpus give addresses that come from recovery.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

lib=$top_srcdir/tests/library
XDG_CACHE_HOME=$T/cache
export XDG_CACHE_HOME
cache=$XDG_CACHE_HOME/lectern/library

# run ARGS...: lectern ARGS, from the source folder (the paths printed
# are then relative to it); $rc, $T/out, $T/err.
run() {
	(cd "$top_srcdir" && "$LECTERN" "$@") </dev/null >"$T/out" 2>"$T/err"
	rc=$?
}

has() { LC_ALL=C grep -qF -e "$2" "$1"; }

# ---- --list ----------------------------------------------------------------
tab=$(printf '\t')
run --list tests/library
tap_is "$rc" 2 "--list: exit 2 when a document cannot be read (tests/library/empty.md)"
tap_is "$(cat "$T/err")" "lectern: tests/library/empty.md: empty file" \
	"--list: the unreadable document is said on stderr, once"
cat >"$T/want" <<EOF
tests/library/2023/harbor.md${tab}2023-06-15${tab}Dana Whitfield${tab}Remarks on the Harbor Renewal${tab}2${tab}428
tests/library/2021/reading-week.md${tab}2021-04-23${tab}林晓雯${tab}全民阅读周开幕致辞${tab}2${tab}475
tests/library/2019/county-economy.txt${tab}2019-11-03${tab}王建国${tab}在全县经济工作会议上的讲话${tab}3${tab}931
tests/library/notes.markdown${tab}${tab}${tab}读书笔记${tab}0${tab}195
tests/library/plain.txt${tab}${tab}${tab}plain${tab}0${tab}96
EOF
tap_file_is "$T/out" "$T/want" \
	"--list: newest first; date, author, title from front matter, a recovered head, the title heading or the file name; parts; bytes"
for skipped in .drafts/hidden.md data.txt list.csv; do
	has "$T/out" "$skipped" && r=1 || r=0
	tap_ok "$r" "--list: $skipped is not listed (hidden, binary, not a document)"
done

cp -R "$lib" "$T/lib"
rm "$T/lib/empty.md"
(cd "$T" && "$LECTERN" --list lib >"$T/out" 2>"$T/err")
tap_is "$?/$(cat "$T/err")" "0/" "--list: exit 0 and nothing on stderr when all can be read"
tap_is "$(wc -l <"$T/out" | tr -d ' ')" 5 "--list: five documents"

# Files named one by one: any name; a file that is not there is an error
# and the others are still listed.
run --list tests/library/plain.txt tests/library/2023/harbor.md tests/library/nothing.md
tap_is "$rc" 2 "--list FILE...: exit 2 for a missing file"
tap_like "$(cat "$T/err")" "*tests/library/nothing.md: no such file or folder*" \
	"--list FILE...: the missing file is said"
tap_is "$(cut -f 1 "$T/out" | tr '\n' ' ')" "tests/library/2023/harbor.md tests/library/plain.txt " \
	"--list FILE...: the others are listed"

# A file named twice, or named and inside a folder named, is listed once
# (the first name it was reached by).
run --list tests/library/plain.txt tests/library/2023/harbor.md tests/library/plain.txt tests/library/2023
tap_is "$(cut -f 1 "$T/out" | tr '\n' ' ')" "tests/library/2023/harbor.md tests/library/plain.txt " \
	"--list: a file named twice is listed once"

# ---- the cache -------------------------------------------------------------
tap_ok "$([ -f "$cache" ]; echo $?)" "the cache is written to \$XDG_CACHE_HOME/lectern/library"
tap_like "$(head -n 1 "$cache")" "lectern library cache 1" "the cache has its header"
tap_is "$(ls "$XDG_CACHE_HOME/lectern" | grep -c 'library\.')" 1 \
	"no temporary file is left beside the cache (only library.lock)"

# The cache is used: a file changed without changing its size and time
# keeps its cached title; a new time makes it read again.
doc=$T/lib/2023/harbor.md
(cd "$T" && "$LECTERN" --list lib >"$T/before")
stamp=$(stat -c %y "$doc")
sed 's/^title: Remarks on the Harbor Renewal$/title: Remarks on the Harbor Removal/' "$doc" >"$T/x"
cat "$T/x" >"$doc"
touch -d "$stamp" "$doc"
(cd "$T" && "$LECTERN" --list lib >"$T/after")
tap_file_is "$T/after" "$T/before" "the cache is used: same size and time, the cached row"
touch "$doc"
(cd "$T" && "$LECTERN" --list lib >"$T/after")
tap_like "$(cat "$T/after")" "*Harbor Removal*" "a file with a new time is read again"

# A damaged cache (cut short, or changed) is noted, not trusted, rebuilt.
for damage in cut edit garbage; do
	case $damage in
	cut) head -c 200 "$cache" >"$T/c" ;;
	edit) sed 's/2021-04-23/1999-01-01/' "$cache" >"$T/c" ;;
	garbage) printf 'lectern library cache 1\nnot\ta\tline\n' >"$T/c" ;;
	esac
	cp "$T/c" "$cache"
	(cd "$T" && "$LECTERN" --list lib >"$T/out" 2>"$T/err")
	tap_is "$?" 0 "damaged cache ($damage): exit 0"
	tap_like "$(cat "$T/err")" "*the library cache was damaged: it is made again*" \
		"damaged cache ($damage): said once on stderr"
	has "$T/out" "1999-01-01" && r=1 || r=0
	tap_ok "$r" "damaged cache ($damage): not trusted"
	(cd "$T" && "$LECTERN" --list lib >"$T/out2" 2>"$T/err")
	tap_is "$(cat "$T/err")" "" "damaged cache ($damage): made again (no note the next time)"
	tap_file_is "$T/out2" "$T/out" "damaged cache ($damage): the same list from the new cache"
done

# Two processes writing the cache at once lose nothing: each library's
# documents are in it afterwards, and it is whole.
rm -rf "$XDG_CACHE_HOME"
mkdir "$T/one" "$T/two"
i=0
while [ $i -lt 40 ]; do
	printf -- '---\ntitle: 一号文件%d\ndate: 2020-01-01\n---\n\n正文。\n' $i >"$T/one/a$i.md"
	printf -- '---\ntitle: 二号文件%d\ndate: 2021-01-01\n---\n\n正文。\n' $i >"$T/two/b$i.md"
	i=$((i + 1))
done
"$LECTERN" --list "$T/one" >/dev/null 2>"$T/err1" &
p1=$!
"$LECTERN" --list "$T/two" >/dev/null 2>"$T/err2" &
p2=$!
wait $p1
r1=$?
wait $p2
r2=$?
tap_is "$r1/$r2/$(cat "$T/err1" "$T/err2")" "0/0/" "two writers at once: both exit 0, no note"
tap_is "$(grep -c "^$T/one/a" "$cache")/$(grep -c "^$T/two/b" "$cache")" "40/40" \
	"two writers at once: the cache holds the documents of both"
"$LECTERN" --list "$T/one" "$T/two" >"$T/out" 2>"$T/err"
tap_is "$(wc -l <"$T/out" | tr -d ' ')/$(cat "$T/err")" "80/" "two writers at once: the cache is whole"

# No cache where none can be (HOME and XDG_CACHE_HOME unset): still works.
(unset XDG_CACHE_HOME HOME; cd "$T" && "$LECTERN" --list lib >"$T/out" 2>"$T/err")
tap_is "$?/$(wc -l <"$T/out" | tr -d ' ')" "0/5" "no place for a cache: --list works"

# ---- --grep ----------------------------------------------------------------
run --grep 夜校 tests/library
tap_is "$rc" 2 "--grep: exit 2 when a document cannot be read, as grep"
cat >"$T/want" <<EOF
tests/library/2019/county-economy.txt${tab}1${tab}一、今年经济工作的基本情况${tab}今年全县生产总值稳步增长，农民收入持续提高。我们在每个乡镇办起了农民夜校，请农技人员讲种植、讲养殖，一年下来听课的有一万多人次。
tests/library/2019/county-economy.txt${tab}2.3${tab}二、明年经济工作的主要任务 › 三是 抓好人才培养。农民夜校要…${tab}三是抓好人才培养。农民夜校要继续办下去，让更多的人学到真本事。
tests/library/2021/reading-week.md${tab}1${tab}一、阅读让城市更有温度${tab}这几年，城里新开了十二家社区书房，老城区的夜校也恢复了读书课。
tests/library/notes.markdown${tab}0${tab}${tab}夜校的老师说，读书要先读薄，再读厚。
tests/library/notes.markdown${tab}0${tab}${tab}后来在夜校又听到一句话：书是读不完的，但可以一直读下去。
EOF
tap_file_is "$T/out" "$T/want" \
	"--grep: path, address, breadcrumb and line of every hit, the files in the order found"
tap_is "$(cat "$T/err")" "lectern: tests/library/empty.md: empty file" \
	"--grep: the unreadable document is said on stderr; the others are searched"

(cd "$T" && "$LECTERN" --grep 夜校 lib >"$T/out" 2>"$T/err")
tap_is "$?/$(wc -l <"$T/out" | tr -d ' ')" "0/5" "--grep: exit 0 when something was found"
(cd "$T" && "$LECTERN" --grep 没有这个词 lib >"$T/out" 2>"$T/err")
tap_is "$?/$(wc -c <"$T/out" | tr -d ' ')" "1/0" "--grep: exit 1 and no output when nothing was"
(cd "$T" && "$LECTERN" --grep ' ' lib >"$T/out" 2>"$T/err")
tap_is "$?" 2 "--grep: exit 2 for an empty pattern"

# The browser's folding: width, case (unless a capital is typed), NFKC.
(cd "$T" && "$LECTERN" --grep 'ＮＩＧＨＴ ＳＣＨＯＯＬ' lib >"$T/out")
tap_is "$?/$(cut -f 1,2 "$T/out")" "1/" "--grep: a capital (full-width) makes case count"
(cd "$T" && "$LECTERN" --grep 'ｎｉｇｈｔ ｓｃｈｏｏｌ' lib >"$T/out")
tap_is "$(cut -f 1,2 "$T/out")" "lib/2023/harbor.md${tab}1" \
	"--grep: full-width lower case finds 'night school' in I. What we found"
(cd "$T" && "$LECTERN" --grep '夜　校' lib >"$T/out")
tap_is "$?" 1 "--grep: an ideographic space is a space: 夜　校 is not 夜校"
(cd "$T" && "$LECTERN" --grep 'harbor' lib >"$T/out")
tap_is "$(cut -f 2,3 "$T/out" | head -n 1)" "0${tab}" \
	"--grep: a hit in the front matter has the preamble's address, 0, and no breadcrumb"

# -E: a regular expression (PCRE2), as Ctrl-R in the browser's search;
# an invalid one is exit 2 with PCRE2's message.
(cd "$T" && "$LECTERN" --grep '夜校.{4}读书' -E lib >"$T/out" 2>"$T/err")
tap_is "$?/$(cut -f 1,2 "$T/out")" "0/lib/2021/reading-week.md${tab}1" "--grep -E: a regular expression"
(cd "$T" && "$LECTERN" --grep '夜校(' -E lib >"$T/out" 2>"$T/err")
tap_like "$?/$(cat "$T/err")" "2/lectern: --grep: *parenthesis*" "--grep -E: an invalid expression"
run --grep x -E --list tests/library
tap_is "$rc" 64 "-E goes with --grep only"
# Simplified and Traditional as one (hanfold.h), unless --no-script-fold.
printf '# 繁體\n\n國家的夜校發展。\n' >"$T/trad.md"
"$LECTERN" --grep 发展 "$T/trad.md" >"$T/out"
tap_is "$?/$(cut -f 4 "$T/out")" "0/國家的夜校發展。" "--grep: 发展 finds 發展"
"$LECTERN" --grep 发展 --no-script-fold "$T/trad.md" >"$T/out"
tap_is "$?" 1 "--grep --no-script-fold: the scripts stay apart"
rm "$T/trad.md"

# The address is what --print takes: the hit's text is in that node.
# (Tab is white space to read: the fields with an address are cut out
# first.)
bad=
(cd "$top_srcdir" && "$LECTERN" --grep 夜校 tests/library 2>/dev/null) |
	awk -F '\t' '$2 != "" { print $1 "\t" $2 }' >"$T/addrs"
while IFS="$tab" read -r path addr; do
	"$LECTERN" --print "$addr" "$top_srcdir/$path" >"$T/node" 2>/dev/null || bad="$bad $path:$addr"
	has "$T/node" "夜校" || bad="$bad $path:$addr(no hit)"
done <"$T/addrs"
tap_is "$(wc -l <"$T/addrs" | tr -d ' ')" 5 "--grep: five hits, each with an address (0 before the first part)"
tap_is "$bad" "" "--grep: every address --print takes, and the node holds the hit"

# Plain-text speeches of the corpus: addresses from the recovered outline.
corpus=${LECTERN_CORPUS:-$top_srcdir/../shared/corpus}
if [ -f "$corpus/customs-speech-2012.txt" ]; then
	mkdir "$T/speeches"
	cp "$corpus/customs-speech-2012.txt" "$corpus/zh_gov_work_report_2024.txt" "$T/speeches/"
	"$LECTERN" --grep 监督 "$T/speeches" >"$T/out" 2>"$T/err"
	tap_is "$?/$(cat "$T/err")" "0/" "--grep on plain-text speeches: exit 0"
	n=$(wc -l <"$T/out" | tr -d ' ')
	bad=
	awk -F '\t' '$2 != "" { print $1 "\t" $2 }' "$T/out" >"$T/addrs"
	while IFS="$tab" read -r path addr; do
		"$LECTERN" --print "$addr" "$path" >"$T/node" 2>/dev/null || bad="$bad $addr"
		has "$T/node" "监督" || bad="$bad $addr(no hit)"
	done <"$T/addrs"
	tap_is "$bad" "" "--grep on plain-text speeches: $n hits, each address's node holds the hit"
	tap_like "$(cut -f 2 "$T/out" | sort -u | tr '\n' ' ')" "*1.* 2*" \
		"--grep on plain-text speeches: addresses deep in the recovered outline"
else
	tap_skip "--grep on plain-text speeches" "no corpus at $corpus"
	tap_skip "--grep on plain-text speeches" "no corpus at $corpus"
	tap_skip "--grep on plain-text speeches" "no corpus at $corpus"
fi

# Output that cannot act on a terminal, and no tab or break inside a field.
printf -- '---\ntitle: "A\\tB \\x1b[2J"\n---\n\n# Esc \033[2J here\n\nline with\ttab and \033]0;x\007 夜校\n' >"$T/lib/odd.md"
(cd "$T" && "$LECTERN" --grep 夜校 lib/odd.md >"$T/out")
tap_is "$(LC_ALL=C tr -d '\t\n -~\200-\377' <"$T/out" | wc -c | tr -d ' ')" 0 \
	"--grep: no control characters in the output"
tap_is "$(awk -F '\t' '{ print NF }' "$T/out" | sort -u)" 4 "--grep: four fields a line"
(cd "$T" && "$LECTERN" --list lib/odd.md >"$T/out")
tap_is "$(awk -F '\t' '{ print NF }' "$T/out" | sort -u)" 6 "--list: six fields a line"

# ---- the browser on a library ----------------------------------------------
# Without a terminal the library is listed, as with --list.
if command -v setsid >/dev/null 2>&1; then
	(cd "$T" && setsid "$LECTERN" lib >"$T/out" 2>"$T/err" </dev/null)
	tap_is "$?" 0 "no terminal: exit 0"
	tap_like "$(cat "$T/err")" "*no terminal*showing the library as with --list*" "no terminal: says so"
	(cd "$T" && "$LECTERN" --list lib >"$T/want")
	tap_file_is "$T/out" "$T/want" "no terminal: the list"
else
	tap_skip "no terminal" "setsid is not installed"
	tap_skip "no terminal" "setsid is not installed"
	tap_skip "no terminal" "setsid is not installed"
fi

# Two files or more open the library too; Q quits from a document at once
# (nothing after it runs), q goes back to the list.
printf '!dump list\n<Enter>\n!dump doc\nQ\n!dump never\n' >"$T/q.keys"
(cd "$T" && LECTERN_TEST_SCRIPT=$T/q.keys LECTERN_TEST_DUMP=$T/q.dump \
	"$LECTERN" lib/notes.markdown lib/plain.txt >"$T/out" 2>"$T/err")
tap_is "$?/$(cat "$T/err")" "0/" "two files: the browser on the library, exit 0"
tap_is "$(grep '^===' "$T/q.dump" | cut -d ' ' -f 2 | tr '\n' ' ')" "list doc " \
	"Q in a document quits the browser at once"
tap_like "$(sed -n '2,4p' "$T/q.dump")" "*读书笔记*plain*" "two files: both listed"
printf '<Enter>\nq\n!dump back\nq\n!dump never\n' >"$T/q.keys"
: >"$T/q.dump"
(cd "$T" && LECTERN_TEST_SCRIPT=$T/q.keys LECTERN_TEST_DUMP=$T/q.dump \
	"$LECTERN" lib >"$T/out" 2>"$T/err")
tap_is "$?/$(grep '^===' "$T/q.dump" | cut -d ' ' -f 2 | tr '\n' ' ')" "0/back " \
	"q in a document goes back to the list; q in the list quits"

# A document of the library opens where it was left, as one file does
# (place.h; the state in the test's folder).
printf '<Enter>\n]\n!dump left\nq\n<Enter>\n!dump again\n' >"$T/place.keys"
: >"$T/place.dump"
(cd "$T" && unset LECTERN_NO_REMEMBER && XDG_STATE_HOME=$T/state LECTERN_TEST_SCRIPT=$T/place.keys \
	LECTERN_TEST_DUMP=$T/place.dump "$LECTERN" lib/2019 >"$T/out" 2>"$T/err")
tap_is "$?/$(cat "$T/err")" "0/" "the remembered place: exit 0"
# cursor NAME: the text of the cursor row of dump NAME (letters 'c').
cursor() {
	awk -v n="$1" '
		/^=== / { on = ($2 == n); rows = $3; sub(/.*x/, "", rows); y = 0; attr = 0; next }
		!on { next }
		/^--- attributes$/ { attr = 1; y = 0; next }
		!attr { text[y++] = $0; next }
		attr { if (index($0, "c")) print text[y]; y++ }' "$T/place.dump"
}
tap_is "$(cursor again)" "$(cursor left)" "Enter again: the document where it was left"
tap_is "$(cursor left)" "一、今年经济工作的基本情况" "the remembered place: the first section's heading"

# p in a document of the library prints its section, as in one document.
printf '<Enter>\n]\np\n' >"$T/p.keys"
(cd "$T" && LECTERN_TEST_SCRIPT=$T/p.keys LECTERN_TEST_DUMP=/dev/null \
	"$LECTERN" lib/2019 >"$T/out" 2>"$T/err")
"$LECTERN" --print 1 "$T/lib/2019/county-economy.txt" >"$T/want"
tap_file_is "$T/out" "$T/want" "p in a document of the library prints its section"

tap_done
