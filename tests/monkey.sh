#!/bin/sh
# tests/monkey.sh - random keys: thousands of keys, prompts with every
# kind of text, pastes and resizes from 1x1 to 1000x150, played on the
# headless browser (tui.h) over several documents, until a time budget
# is spent.  Every run must end with exit 0, nothing on stderr, and
# screens with a valid frame and nothing raw that acts on a terminal; in
# a sanitizer build, without a report.
#
# The sixth "document" is a folder of them: the library (lectern DIR),
# where the same keys sort, filter, open a document and come back.
#
# Seeded and reproducible: run k plays the script of seed
# LECTERN_MONKEY_SEED + k (default seed 1), on document k mod 6; a
# failing run's seed is in the log, and
#     LECTERN_MONKEY_SEED=N LECTERN_MONKEY_RUNS=1 make check TESTS=tests/monkey.sh
# plays it alone.  The budget: LECTERN_MONKEY_SECONDS (default 25 in
# make check; `make fuzz` runs it for MONKEY_SECONDS, default 300).
# LECTERN_MONKEY_SIZE (say 20x5) fixes the first screen size of every
# run.  The places, history and library cache go to the test's folder,
# where the runs read what the ones before wrote.
# shellcheck source=tests/lib.sh
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
	tap_skip "monkey" "python3 is not installed (it writes the scripts and checks the screens)"
	tap_done
fi
H=$top_srcdir/tests/hostile
seed0=${LECTERN_MONKEY_SEED:-1}
budget=${LECTERN_MONKEY_SECONDS:-25}
maxruns=${LECTERN_MONKEY_RUNS:-100000}
chk() { python3 "$H/check.py" "$@"; }
lim() {
	if command -v timeout >/dev/null 2>&1; then timeout 60 "$@"; else "$@"; fi
}

# The documents: the sample speech, escape sequences everywhere, odd
# UTF-8, a plain text, and a file large enough to open early (its whole
# read on a second thread while the keys come).
unesc() {
	while IFS= read -r _l || [ -n "$_l" ]; do
		printf '%b\n' "$_l"
	done <"$1"
}
unesc "$H/inject.md.esc" >"$T/inject.md"
unesc "$H/odd.md.esc" >"$T/odd.md"
python3 -c '
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("# 大文件\n\n")
    for i in range(1, 3001):
        f.write("## %d、第%d部分\n\n（一）%d是书屋。**加粗** `代码` [链接](http://x)\n\n- 一是甲\n- 二是乙\n\n" % (i, i, i))' \
	"$T/big.md"
set -- "$top_srcdir/examples/speech.md" "$T/inject.md" "$T/odd.md" "$top_srcdir/examples/speech.txt" \
	"$T/big.md"
[ -f "$4" ] || set -- "$1" "$2" "$3" "$1" "$5"
mkdir -p "$T/library/more" "$T/library/.hidden"
cp "$1" "$2" "$T/library/"
cp "$4" "$T/library/more/"
cp "$3" "$T/library/more/odd.markdown"
printf '\000binary\n' >"$T/library/nul.md"
set -- "$@" "$T/library"
ndocs=$#
XDG_STATE_HOME=$T/state XDG_CACHE_HOME=$T/cache
export XDG_STATE_HOME XDG_CACHE_HOME

# gen SEED: a script of random keys on stdout.
gen() {
	python3 - "$1" <<'PY'
import random, sys
r = random.Random(int(sys.argv[1]))
keys = ["j", "k", "<Down>", "<Up>", "<PgDn>", "<PgUp>", "<Space>", "b", "d", "u", "g", "G",
        "<Home>", "<End>", "<Tab>", "za", "zo", "zc", "zM", "zR", "<S-Tab>", "h", "l", "<Left>",
        "<Right>", "]", "[", "}", "{", "n", "N", "H", "<F1>", "<C-l>", "<Esc>", "<Enter>", "o",
        "R", "q", "z", "x", "<BS>", "<Del>", "5", "12", "0", "<WheelUp>", "<WheelDown>"]
edit = ["<Left>", "<Right>", "<Home>", "<End>", "<BS>", "<Del>", "<C-u>", "<C-w>", "<C-a>", "<C-e>"]
texts = ["书屋", "一", "（一）", "PARA", "end", "a", "第", "[", "*", "\\", "1.2", "二/四是",
         "\u200d", "\u0301", "e\u0301", "\U0001F469\u200D\U0001F52C", "\U0001F1E8\U0001F1F3",
         "\u202e", "\u200e", "\uff11\uff12", "\u3000", "\ufeff", "\ufffd", "<lt>", "\U0002A6A5"]
def text():
    return "".join(r.choice(texts) if r.random() < 0.7 else r.choice(edit)
                   for _ in range(r.randint(0, 8)))
def paste():
    pieces = ["书屋", "\\e", "\\n", "\\t", "\\x01", "\\x7f", "\\e[2J", "\\e]0;t\\x07", "q", "<Esc>",
              "a" * r.randint(0, 300), "\u202e", "\U0001F469\u200D"]
    return "".join(r.choice(pieces) for _ in range(r.randint(0, 12)))
def size():
    if r.random() < 0.5:
        return "%dx%d" % (r.randint(1, 12), r.randint(1, 8))
    return "%dx%d" % (r.randint(1, 1000), r.randint(1, 150))
out = ["!dump first"]
for step in range(r.randint(150, 400)):
    x = r.random()
    if x < 0.55:
        out.append(r.choice(keys) if r.random() < 0.9 else r.choice(keys) + r.choice(keys))
    elif x < 0.75:
        lead = r.choice(["/", "?", ":", "o/", "o"])
        out.append(lead + text() + r.choice(["<Enter>", "<Esc>", "", "<Enter>"]))
    elif x < 0.83:
        out.append("!paste " + paste())
    elif x < 0.93:
        out.append("!resize " + size())
    elif x < 0.97:
        out.append("!burst " + "".join(r.choice(keys) for _ in range(r.randint(1, 20))))
    else:
        out.append("!dump d%d" % step)
    # q quits the document: rarely, and only late
    if out[-1] == "q" and step < 100:
        out[-1] = "j"
out.append("!dump last")
print("\n".join(out))
PY
}

start=$(date +%s)
runs=0 bad=0 keys=0
while [ $runs -lt "$maxruns" ]; do
	now=$(date +%s)
	[ $((now - start)) -lt "$budget" ] || break
	seed=$((seed0 + runs))
	i=$((runs % ndocs + 1))
	eval "doc=\${$i}"
	gen "$seed" >"$T/keys"
	keys=$((keys + $(wc -l <"$T/keys")))
	size=${LECTERN_MONKEY_SIZE:-$(python3 -c 'import random, sys; r = random.Random(int(sys.argv[1]) * 7); print("%dx%d" % (r.randint(1, 200), r.randint(1, 60)))' "$seed")}
	: >"$T/dump"
	lim env LECTERN_TEST_SCRIPT="$T/keys" LECTERN_TEST_DUMP="$T/dump" LECTERN_TEST_SIZE="$size" \
		LECTERN_EARLY=20000 "$LECTERN" "$doc" </dev/null >"$T/out" 2>"$T/err"
	rc=$?
	why=
	[ $rc = 0 ] || why="exit $rc"
	[ ! -s "$T/err" ] || case $doc in
	*odd.md | */library) ;; # valid, but says nothing either way
	*) why="$why stderr: $(head -c 200 "$T/err")" ;;
	esac
	chk frame "$T/dump" >"$T/frame" || why="$why frame: $(head -n 2 "$T/frame")"
	chk raw "$T/dump" >"$T/raw" || why="$why raw: $(head -n 2 "$T/raw")"
	if [ -n "$why" ]; then
		bad=$((bad + 1))
		tap_ok 1 "monkey seed $seed on $(basename "$doc") at $size"
		tap_diag "$why"
		tap_diag "replay: LECTERN_MONKEY_SEED=$seed LECTERN_MONKEY_RUNS=1 (document $(basename "$doc"), $size)"
		[ $bad -lt 5 ] || break
	fi
	runs=$((runs + 1))
done
tap_ok "$([ $runs -gt 0 ]; echo $?)" "monkey: $runs runs (seeds $seed0..$((seed0 + runs - 1))), $keys script lines, $bad failed"
tap_done
