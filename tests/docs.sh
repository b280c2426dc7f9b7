#!/bin/sh
# tests/docs.sh - the documentation says what the program does:
#  - README.md holds the output of `lectern --keys` (the keymap table the
#    help screen is made from), word for word;
#  - the manual page's KEYS section says the same;
#  - every option --help lists is in README.md and in the manual page.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

readme=$top_srcdir/README.md
man=$top_srcdir/docs/lectern.1

"$LECTERN" --keys >"$T/keys"
tap_ok $? "--keys exits 0"
tap_like "$(head -1 "$T/keys")" "Move" "--keys starts with the Move group"

awk '/^<!-- keys:/ { on = 1; next } /^<!-- \/keys -->/ { on = 0 } on' "$readme" |
	sed '1d;$d' >"$T/readme-keys"
tap_file_is "$T/readme-keys" "$T/keys" "README.md lists the keys as --keys does"

if command -v groff >/dev/null 2>&1; then
	# The rendered page, without bold and underline, spaces squeezed.
	groff -man -Tutf8 -P-cbou "$man" 2>/dev/null |
		awk '/^KEYS/ { on = 1; next } /^[A-Z][A-Z ]+$/ { on = 0 } on' |
		sed 's/^ *//; s/  */ /g; /^$/d' >"$T/man-keys"
	sed 's/^ *//; s/  */ /g; /^$/d' "$T/keys" >"$T/want-keys"
	# The page adds an introduction; the list itself must be there, in order.
	grep -F -x -f "$T/want-keys" "$T/man-keys" >"$T/man-list"
	tap_file_is "$T/man-list" "$T/want-keys" "the manual page's KEYS section lists the same keys"
else
	tap_skip "the manual page's KEYS section" "groff is not installed"
fi

"$LECTERN" --help | grep -o -e '--[a-z][a-z-]*' | sort -u >"$T/options"
tap_ok "$([ -s "$T/options" ]; echo $?)" "--help lists options"
missing=
while read -r opt; do
	grep -q -e "\`$opt" "$readme" || missing="$missing README:$opt"
	mopt=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
	grep -q -e "$mopt" "$man" || missing="$missing man:$opt"
done <"$T/options"
tap_is "$missing" "" "every option of --help is in README.md and lectern.1"
tap_done
