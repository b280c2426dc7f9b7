#!/bin/sh
# tests/history.sh - the prompts' history across runs of the browser
# (headless, tui.h): what one run typed, the next recalls with Up; the
# file is $XDG_STATE_HOME/lectern/history, written whole; a damaged one
# is ignored with one notice on the status line and then replaced.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

doc=$top_srcdir/examples/speech.md
XDG_STATE_HOME=$T/state
export XDG_STATE_HOME
hist=$T/state/lectern/history

# run NAME KEYS...: plays the key lines (one argument a line) on the
# sample, 200x6; the screens it dumps go to $T/NAME.dump.
run() {
	_name=$1
	shift
	printf '%s\n' "$@" >"$T/$_name.keys"
	: >"$T/$_name.dump"
	LECTERN_TEST_SCRIPT=$T/$_name.keys LECTERN_TEST_SIZE=200x6 LECTERN_TEST_DUMP=$T/$_name.dump \
		"$LECTERN" "$doc" </dev/null >/dev/null 2>"$T/$_name.err"
	rc=$?
}

# status NAME [K]: the status line (the last text row) of the K-th dump
# (default the first).
status() {
	awk -v k="${2:-1}" '/^=== / { n++; row = 0; next } n == k && ++row == 6 { print; exit }' "$T/$1.dump"
}

run first '/书屋<Enter>' ':2.1<Enter>'
tap_is "$rc" 0 "a run that searches and goes to an address"
tap_ok "$([ -f "$hist" ]; echo $?)" "writes $XDG_STATE_HOME/lectern/history"
tap_is "$(cat "$hist" 2>/dev/null)" "# lectern history 1
/书屋
:2.1" "the file: a header, then one line an entry"
tap_is "$(find "$T/state" -type f | wc -l)" 1 "no temporary file is left beside it"

run second '/<Up>' '!dump up' '<Esc>' ':<Up>' '!dump address' '<Esc>'
tap_like "$(status second)" "/书屋*" "the next run: Up at / recalls the search"
tap_like "$(status second 2)" ":2.1*" "and Up at : the address"

printf 'not a history\n/a\n' >"$hist"
run damaged '!dump start' '/读书<Enter>' '!dump after'
tap_like "$(status damaged)" "*lectern: $hist: no lectern history header (line 1)*ignored*" \
	"a damaged file: a notice on the first screen"
tap_like "$(status damaged 2)" " *" "said once: the next screen's status line is the document's"
tap_unlike_notice=$(status damaged 2 | grep -c "history" || true)
tap_is "$tap_unlike_notice" 0 "with no notice"
tap_is "$(cat "$hist")" "# lectern history 1
/读书" "the next entry replaces it"

tap_done
