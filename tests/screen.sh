#!/bin/sh
# tests/screen.sh - the browser, headless (tui.h: LECTERN_TEST_SCRIPT,
# LECTERN_TEST_SIZE, LECTERN_TEST_DUMP): every key script
# tests/screen/NAME.keys is played on a sample document and the screens it
# dumps are compared with tests/screen/expected/NAME.dump.
#
# A script's leading comments may set how it runs:
#     # size: 40x12                   the screen (default 80x24)
#     # file: examples/speech-en.md   the document (default examples/speech.md;
#                                     a folder opens the library)
#     # env: VAR=value                more environment (one a line)
#     # config: tests/screen/x.conf    the configuration file (--config)
# and comments "#check ..." after a "!dump NAME" line state what that screen
# must show.  They are checked on every run, so a wrong screen fails even
# when the expected files were regenerated:
#     #check cursor TEXT      the cursor row (letters 'c') holds TEXT
#     #check nocursor         no row is the cursor row
#     #check match TEXT       the cells marked m/M are exactly the
#                             occurrences of TEXT in the rows above the
#                             status line (rows joined, a match may wrap)
#     #check imatch TEXT      the same, ignoring case
#     #check current TEXT     the cells marked M spell TEXT
#     #check nomatch          no cell is marked m or M
#     #check status REGEX     the status line matches REGEX (Python re)
#     #check has TEXT         some row above the status line holds TEXT
#     #check hasnt TEXT       no row above the status line holds TEXT
#     #check summaries N      N rows are fold summaries (letters 's'; the
#                             cursor row, all 'c', counts when it has "… ["
#                             or ends with "…")
#     #check like NAME        the rows above the status line and the
#                             cursor row are those of the earlier dump NAME
# Every dump is also checked for its frame: as many rows as the size says,
# no row wider than the screen (East Asian Wide and Fullwidth count 2),
# no row starting with closing punctuation, a whole status line of 'S'.
#
# After a deliberate change of the screens, regenerate the expected files
# with
#     LECTERN_REGEN=1 make check TESTS=tests/screen.sh
# and READ every changed dump before committing it.
# shellcheck source=tests/lib.sh
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

dir=$top_srcdir/tests/screen
exp=$dir/expected

# meta FILE KEY: the value of the leading "# KEY: value" comments.
meta() {
	sed -n "s/^# $2: *//p" "$1"
}

# play KEYS DUMP [VAR=value...]: runs the script with the environment its
# "# env:" lines and the arguments give; stderr in $T/err, status in $rc.
play() {
	_keys=$1 _dump=$2
	shift 2
	_size=$(meta "$_keys" size | head -n 1)
	_file=$(meta "$_keys" file | head -n 1)
	_config=$(meta "$_keys" config | head -n 1)
	: >"$_dump"
	# The prompts' history (history.h) starts empty for every script.
	rm -rf "$T/state"
	(
		XDG_STATE_HOME=$T/state
		# The library's cache goes to the test's own folder (unless an
		# "# env:" line says otherwise).
		XDG_CACHE_HOME=$T/cache
		export XDG_STATE_HOME XDG_CACHE_HOME
		for _e in $(meta "$_keys" env) "$@"; do
			export "${_e?}"
		done
		cd "$top_srcdir" || exit 1
		LECTERN_TEST_SCRIPT=$_keys LECTERN_TEST_SIZE=${_size:-80x24} LECTERN_TEST_DUMP=$_dump \
			"$LECTERN" ${_config:+--config} ${_config:+"$_config"} "${_file:-examples/speech.md}" \
			</dev/null >"$T/out" 2>"$T/err"
	)
	rc=$?
}

# check KEYS DUMP: the frame of every screen and the #check lines; prints
# one line per problem.
check() {
	python3 - "$1" "$2" <<'EOF'
import re, sys, unicodedata

keys, dump = sys.argv[1], sys.argv[2]
CLOSING = set("，。、；：？！）》」』”")

def width(ch):
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1

# The dumps: name -> (cols, rows, text rows, attribute rows).
screens, order = {}, []
lines = open(dump, encoding="utf-8").read().split("\n")
i = 0
while i < len(lines):
    m = re.match(r"=== (.*) (\d+)x(\d+)$", lines[i])
    if not m:
        if lines[i]:
            print("dump line %d: not a header: %r" % (i + 1, lines[i]))
        i += 1
        continue
    name, cols, rows = m.group(1), int(m.group(2)), int(m.group(3))
    text = lines[i + 1:i + 1 + rows]
    sep = lines[i + 1 + rows] if i + 1 + rows < len(lines) else None
    attrs = lines[i + 2 + rows:i + 2 + 2 * rows]
    if sep != "--- attributes" or len(attrs) != rows:
        print("%s: not %d rows of text and %d of attributes" % (name, rows, rows))
    screens[name] = (cols, rows, text, attrs)
    order.append(name)
    i += 2 + 2 * rows

def cells(name):
    """Every row as a list of (char, letter), the letter of its first cell."""
    cols, rows, text, attrs = screens[name]
    out = []
    for y in range(rows):
        a = attrs[y] if y < len(attrs) else ""
        row, x = [], 0
        for ch in text[y] if y < len(text) else "":
            row.append((ch, a[x] if x < len(a) else "."))
            x += width(ch)
        out.append(row)
    return out

def cursor_rows(name):
    return [y for y, a in enumerate(screens[name][3]) if "c" in a]

problems = 0
def bad(name, msg):
    global problems
    problems += 1
    print("%s: %s" % (name, msg))

# The frame.
for name in order:
    cols, rows, text, attrs = screens[name]
    for y, row in enumerate(text):
        w = sum(map(width, row))
        if w > cols:
            bad(name, "row %d is %d cells wide: %s" % (y + 1, w, row))
        if row[:1] in CLOSING:
            bad(name, "row %d starts with closing punctuation: %s" % (y + 1, row))
    for y, a in enumerate(attrs):
        if len(a) > cols:
            bad(name, "attribute row %d is %d letters long" % (y + 1, len(a)))
    if attrs and attrs[-1] != "S" * cols:
        bad(name, "the status line is not %d letters 'S': %r" % (cols, attrs[-1]))
    if len(cursor_rows(name)) > 1:
        bad(name, "more than one cursor row: %s" % cursor_rows(name))

# The #check lines, each about the dump before it.
current = None
for n, line in enumerate(open(keys, encoding="utf-8"), 1):
    line = line.rstrip("\n")
    if line.startswith("!dump"):
        current = line[5:].strip()
        continue
    if not line.startswith("#check "):
        continue
    what, _, arg = line[7:].partition(" ")
    where = "%s (line %d, #check %s)" % (current, n, line[7:])
    if current not in screens:
        bad(where, "no such dump")
        continue
    cols, rows, text, attrs = screens[current]
    body = text[:-1]
    rowcells = cells(current)
    cur = cursor_rows(current)
    if what == "cursor":
        if not cur:
            bad(where, "no cursor row")
        elif arg not in text[cur[0]]:
            bad(where, "the cursor row is %r" % text[cur[0]])
    elif what == "nocursor":
        if cur:
            bad(where, "a cursor row: %r" % text[cur[0]])
    elif what in ("match", "imatch"):
        flat = [c for row in rowcells[:-1] for c in row]
        s = "".join(ch for ch, _ in flat)
        if what == "imatch":
            s, arg = s.lower(), arg.lower()
        want = [False] * len(flat)
        start = s.find(arg)
        if start < 0:
            bad(where, "%r is not on the screen" % arg)
        while start >= 0:
            for k in range(start, start + len(arg)):
                want[k] = True
            start = s.find(arg, start + len(arg))
        for k, (ch, letter) in enumerate(flat):
            got = letter in "mM"
            if got != want[k]:
                ctx = s[max(0, k - 8):k + 8]
                bad(where, "%r in %r is %s" % (ch, ctx,
                    "marked %s but not in a match" % letter if got else
                    "in a match but marked %r" % letter))
                break
    elif what == "nomatch":
        marked = [ch for row in rowcells[:-1] for ch, l in row if l in "mM"]
        if marked:
            bad(where, "cells marked as matches: %r" % "".join(marked))
    elif what == "current":
        spelt = "".join(ch for row in rowcells for ch, l in row if l == "M")
        if spelt != arg:
            bad(where, "the current match spells %r" % spelt)
    elif what == "status":
        if not re.search(arg, text[-1]):
            bad(where, "the status line is %r" % text[-1])
    elif what == "has":
        if not any(arg in r for r in body):
            bad(where, "%r is not on the screen" % arg)
    elif what == "hasnt":
        if any(arg in r for r in body):
            bad(where, "%r is on the screen" % arg)
    elif what == "summaries":
        got = sum(1 for y, a in enumerate(attrs[:-1])
                  if "s" in a or (y in cur and ("… [" in text[y] or text[y].endswith("…"))))
        if got != int(arg):
            bad(where, "%d summary rows" % got)
    elif what == "like":
        if arg not in screens:
            bad(where, "no dump %s to compare with" % arg)
            continue
        o = screens[arg]
        if o[2][:-1] != body or cursor_rows(arg) != cur:
            bad(where, "the rows or the cursor differ from %s" % arg)
    else:
        bad(where, "unknown check")
if current is None:
    bad(keys, "the script dumps nothing")
sys.exit(1 if problems else 0)
EOF
}

have_python=yes
command -v python3 >/dev/null 2>&1 || have_python=no

for keys in "$dir"/*.keys; do
	name=$(basename "$keys" .keys)
	got=$T/$name.dump
	play "$keys" "$got"
	want=$exp/$name.dump
	if [ "$rc" -ne 0 ] || [ -s "$T/err" ]; then
		tap_ok 1 "$name: runs (exit 0, nothing on stderr)"
		tap_diag "exit $rc; stderr: $(cat "$T/err")"
	fi
	if [ -n "${LECTERN_REGEN:-}" ]; then
		cp "$got" "$want"
	fi
	if [ ! -f "$want" ]; then
		tap_ok 1 "$name: screens (no expected file $(basename "$want"))"
	else
		tap_file_is "$got" "$want" "$name: screens as expected"
	fi
	if [ $have_python = yes ]; then
		check "$keys" "$got" >"$T/problems" 2>&1
		tap_ok $? "$name: frame and #check lines" || tap_diag "$(cat "$T/problems")"
	else
		tap_skip "$name: frame and #check lines" "python3 is not installed"
	fi
done

# NO_COLOR changes how things look on a terminal, never what the dump
# letters say (the letters are the meaning, not the colour): the same
# screens, status lines of 'S' included.
for name in search fold; do
	play "$dir/$name.keys" "$T/$name.nocolor" NO_COLOR=1
	tap_file_is "$T/$name.nocolor" "$exp/$name.dump" "$name with NO_COLOR=1: the same screens"
done

tap_done
