#!/bin/sh
# tests/docs.sh - the documentation says what the program does:
#  - README.md holds the output of `lectern --keys` (the keymap table the
#    help screen is made from), word for word;
#  - the manual page's KEYS section says the same;
#  - every option --help lists is in README.md and in the manual page;
#  - every command in README.md's ```sh blocks runs and exits 0: lectern's
#    own on the samples (a file the README only names, such as report.md,
#    is a copy of a sample), ./build.sh with a subcommand build.sh has; the
#    set-up commands (make, sudo, dpkg, ...) are listed in the log, and
#    tests/install.sh covers what they do.
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

# The commands of the README, one a line (a line ending in \ goes on).
awk '/^```sh$/ { on = 1; next } /^```/ { on = 0 } on' "$readme" |
	awk '{ if (sub(/\\$/, "")) { buf = buf $0; next } print buf $0; buf = "" }' >"$T/commands"
mkdir "$T/run" "$T/bin"
ln -s "$top_srcdir/examples" "$T/run/examples"
printf '#!/bin/sh\nexec "%s" "$@"\n' "$LECTERN" >"$T/bin/lectern"
chmod +x "$T/bin/lectern"
subcommands=$(sed -n 's/.*echo "usage: \(.*\)" >&2/\1/p' "$top_srcdir/build.sh")
setup=
n=0
while IFS= read -r cmd; do
	case $cmd in '' | '#'*) continue ;; esac
	n=$((n + 1))
	# Without the comment that follows two spaces (the README's style).
	cmd=$(printf '%s\n' "$cmd" | sed 's/[[:space:]][[:space:]][[:space:]]*#.*$//')
	set -f
	# shellcheck disable=SC2086 # the words of the command
	set -- $cmd
	set +f
	[ "$1" = sudo ] && shift
	case $1 in
	./build.sh)
		case " $subcommands " in
		*" ./build.sh $2 "*) tap_ok 0 "README: $cmd (a subcommand of build.sh)" ;;
		*) tap_is "$2" "one of: $subcommands" "README: $cmd (a subcommand of build.sh)" ;;
		esac
		continue
		;;
	make | ./configure | autoreconf | dpkg-buildpackage | dpkg | apt | apt-get | bench/run)
		setup="$setup
  $cmd"
		continue
		;;
	esac
	# A file the command names that the samples do not have is a sample.
	for w in "$@"; do
		case $w in
		[a-z]*/) # a folder: a library of the samples
			[ -e "$T/run/$w" ] || { mkdir -p "$T/run/$w" &&
				cp "$top_srcdir/examples/speech.md" "$top_srcdir/examples/speech.txt" "$T/run/$w"; } ;;
		*/* | -*) ;;
		*.md) [ -e "$T/run/$w" ] || cp "$top_srcdir/examples/speech.md" "$T/run/$w" ;;
		*.txt) [ -e "$T/run/$w" ] || cp "$top_srcdir/examples/speech.txt" "$T/run/$w" ;;
		esac
	done
	(cd "$T/run" && PATH="$T/bin:$PATH" bash -o pipefail -c "$cmd") \
		</dev/null >"$T/out" 2>"$T/err"
	rc=$?
	case $cmd in
	*'>'*) out=redirected ;;
	*) out=$([ -s "$T/out" ] && echo some || echo none) ;;
	esac
	tap_is "$rc $out" "0 $([ "$out" = redirected ] && echo redirected || echo some)" \
		"README: $cmd" || tap_diag "$(head -n 5 "$T/err")"
done <"$T/commands"
tap_ok "$([ "$n" -gt 5 ]; echo $?)" "README.md has commands to run ($n)"
[ -z "$setup" ] || tap_diag "set-up commands, not run here:$setup"
tap_done
