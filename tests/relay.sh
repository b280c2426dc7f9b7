#!/bin/sh
# tests/relay.sh - the browser over a slow link: tests/relay.py between the
# terminal (tmux, 100x30) and lectern carries 56 kbit/s each way with
# 100 ms to cross, as a modem line or a far SSH hop.  Holding j down (30
# keys a second for 3 s, typed by the relay) must leave no backlog: the
# last frame reaches the terminal within 300 ms of the last key (two
# crossings take 200 ms of it), so every key's frame must be smaller than
# what the link carries between two keys.  The screen at the end is the
# one 90 steps down give headless.  The document is paragraphs of
# Chinese long enough to fill every row, the case that costs the most
# bytes a step.  About 6 s.  Skipped without tmux or python3.
# shellcheck source=tests/lib.sh
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
# shellcheck source=tests/tmux-lib.sh
. "$top_srcdir/tests/tmux-lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
	tap_skip "the browser over a slow link" "python3 is not installed"
	tap_done
fi
if ! tmux_start 100 30; then
	tap_skip "the browser over a slow link" "$tmux_why"
	tap_done
fi

# The sample speech's paragraphs run together and cut into paragraphs of
# 1000 characters (each about 20 rows at 100 columns), 20 times.
python3 - "$top_srcdir/examples/speech.md" >"$T/long.md" <<'EOF'
import sys
text = "".join(l.strip() for l in open(sys.argv[1], encoding="utf-8")
               if l.strip() and not l.startswith(("#", "---", ">", "title:", "author:",
                                                   "date:", "source:", "occasion:")))
print("# 长段落\n")
for _ in range(20):
    for i in range(0, len(text), 1000):
        print(text[i:i + 1000] + "\n")
EOF

# Headless: the screen 90 steps down.
{
	printf '!wait\n'
	printf 'j%.0s' $(seq 90)
	printf '\n!dump end\n'
} >"$T/keys"
LECTERN_TEST_SCRIPT=$T/keys LECTERN_TEST_SIZE=100x30 LECTERN_TEST_DUMP=$T/end.dump \
	HOME=$T "$LECTERN" "$T/long.md" </dev/null >/dev/null 2>"$T/err"
sed -n '2,/^--- attributes$/p' "$T/end.dump" | sed '$d' | sed 's/ *$//' >"$T/want"

tmux_run "HOME=$T python3 $top_srcdir/tests/relay.py --hold j 30 3 --log $T/relay.log \
-- env TERM=$tmux_term $LECTERN $T/long.md; echo '[relay done]'; sleep 100"
# The keys take 3 s, the frames' last bytes up to a second more.
tries=200
while [ $tries -gt 0 ] && ! grep -q '^lag ' "$T/relay.log" 2>/dev/null; do
	tries=$((tries - 1))
	sleep 0.05
done
tap_ok "$(grep -q '^lag ' "$T/relay.log" 2>/dev/null; echo $?)" "the relay typed the keys and saw the last frame"
tap_diag "$(tr '\n' ' ' <"$T/relay.log" 2>/dev/null)"
tap_is "$(sed -n 's/^keys //p' "$T/relay.log")" 90 "90 keys typed"
lag=$(sed -n 's/^lag //p' "$T/relay.log")
tap_ok "$(awk -v l="${lag:-9}" 'BEGIN { exit !(l <= 0.3) }'; echo $?)" \
	"no backlog: the last frame came ${lag:-?} s after the last key (at most 0.3)"
tmux_capture
sed 's/ *$//' "$T/screen" >"$T/got"
tap_file_is "$T/got" "$T/want" "the screen at the end is the one 90 steps down give"
tmux_keys q
tmux_wait '[relay done]'
check=$?
tap_ok $check "q ends lectern through the relay"
tmux_stop
tap_done
