#!/bin/sh
# tests/tmux-library.sh - the library in a real terminal (tmux, 80x24):
# the list, its sort and filter, a document opened and closed (q back to
# the same row), the search of every document (hits as they come, Enter at
# a hit, n on into the next document, Esc stopping a long search), and Q
# quitting from a document with the terminal left as it was.  Skipped
# when tmux is not installed.
# shellcheck source=tests/lib.sh
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
# shellcheck source=tests/tmux-lib.sh
. "$top_srcdir/tests/tmux-lib.sh"

if ! tmux_start 80 24; then
	tap_skip "the library in tmux" "$tmux_why"
	tap_done
fi

check() {
	tap_ok "$1" "$2" || tmux_show ""
}

cp -R "$top_srcdir/tests/library" "$T/lib"

# open ARGS...: lectern ARGS in the pane (from $T, its own cache); when it
# exits the pane says whether the terminal settings are as before.
open() {
	_args=
	for _a in "$@"; do _args="$_args '$_a'"; done
	tmux_run "cd '$T' && s=\$(stty -g); XDG_CACHE_HOME='$T/cache' '$LECTERN'$_args; rc=\$?; \
if [ \"\$(stty -g)\" = \"\$s\" ]; then echo '[tty same]'; else echo '[tty changed]'; fi; echo \"[exit \$rc]\"; read -r line"
}

# ---- the list: sort, filter, open, back -----------------------------------
open lib
tmux_wait '1 binary file left out'
check $? "the library opens: its status line says a binary file was left out"
tmux_wait 'Date       Speaker    Title'
check $? "the column names"
tap_like "$(tmux_cursor_row)" "2023-06-15 Dana Whit… Remarks on the Harbor Renewal*" \
	"newest first: the cursor on the first row"
tmux_text s
tmux_wait 'sorted by title'
check $? "s sorts by title"
tmux_text sss
tmux_wait 'sorted by date'
check $? "s three times more: by date again"
tmux_text /ｄａｎａ
tmux_wait_re '^/ｄａｎａ +1/1$'
check $? "/ filters as it is typed (full-width finds Dana)"
tmux_keys Enter
tmux_wait 'Dana Whitfield · 2023-06-15' && tmux_wait 'F1 help'
check $? "one Enter opens the row the filter leaves"
tmux_text q
tmux_wait '(Esc clears)'
check $? "q: back to the list, still filtered"
tmux_keys Escape
tmux_wait 'Library: 6 documents'
check $? "Esc clears the filter"
tmux_text jj
tmux_keys Enter
tmux_wait '县委书记 王建国' && tmux_wait 'F1 help'
check $? "Enter opens the document"
tmux_text q
tmux_wait 'Library: 6 documents'
tap_like "$(tmux_cursor_row)" "2019-11-03 王建国*在全县经济工作会议上的讲话*" \
	"q goes back to the list, on the same row"

# ---- search every document -------------------------------------------------
tmux_text F
tmux_wait 'search all:'
check $? "F asks what to search for"
tmux_text 夜校
tmux_keys Enter
tmux_wait '夜校: 5 hits in 3 documents'
check $? "the hits, counted on the status line"
tmux_wait '全民阅读周开幕致辞  2021-04-23  林晓雯  (1 hit)'
check $? "hits grouped by document"
tmux_keys Enter
tmux_wait_re ' 1/1 .*F1 help$'
check $? "Enter opens the document at the hit"
tap_like "$(tmux_cursor_row)" "*夜校*" "the cursor row holds the hit"
tmux_text n
tmux_wait '在全县经济工作会议上的讲话: hit 1 of 2'
check $? "n after the last hit goes on into the next document"
tmux_text n
tmux_wait_re ' 2/2 .*F1 help$'
check $? "n: the next hit in that document"
tmux_text q
tmux_wait '夜校: 5 hits in 3 documents'
check $? "q: back to the hits"
tmux_text q
tmux_wait 'Library: 6 documents'
check $? "q: back to the list"

# ---- Esc stops a long search and keeps what was found ----------------------
mkdir "$T/many"
awk -v dir="$T/many" 'BEGIN {
	for (i = 0; i < 4000; i++) {
		f = sprintf("%s/d%04d.md", dir, i)
		printf "---\ntitle: 文件%d\ndate: 2020-01-01\n---\n\n", i > f
		for (k = 0; k < 60; k++)
			printf "这是第%d段，讲的是夜校和书房的事情，内容相当长，为了让搜索多花一点时间。\n\n", k > f
		close(f)
	}
}'
open many
tmux_wait 'Library: 4000 documents' 30
check $? "a library of 4000 documents opens"
tmux_text F夜校
tmux_keys Enter
tmux_wait_re 'searching [0-9]+/4000' 10
check $? "hits show while the search goes on"
tmux_keys Escape
tmux_wait_re 'stopped after [0-9]+ of 4000 documents' 10
check $? "Esc stops the search"
tap_like "$(tail -n 1 "$T/screen")" "*夜校: [1-9]* hits in [1-9]* documents*" "what was found stays"

# ---- Q quits from a document ------------------------------------------------
tmux_keys Enter
tmux_wait_re 'F1 help$'
tmux_text Q
tmux_wait '[exit 0]'
check $? "Q quits from a document: exit 0"
tmux_wait '[tty same]' 1
check $? "Q: the terminal settings are as before"
tap_is "$(tmux_fmt '#{alternate_on} #{cursor_flag}')" "0 1" "Q: normal screen, cursor shown"

tap_done
