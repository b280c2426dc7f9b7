#!/bin/sh
# tests/completion.sh - the shell completions in completions/ complete what
# a user types, driven by the shells themselves:
#  - bash: with bash-completion's bash_completion and
#    completions/bash/lectern sourced, `complete -p lectern` must name
#    _lectern; then an interactive bash on a pseudo-terminal
#    (tests/completion/bash.py) gets the line and a Tab, and the function
#    complete -p names writes what it offers (COMPREPLY) to a file;
#  - zsh: `zsh -fc` with completions/ in $fpath and compinit, whose table
#    must map lectern to _lectern; then an interactive zsh on a
#    pseudo-terminal (tests/completion/zsh.zsh, zsh/zpty) gets the line and
#    a Tab, and every match the completion adds is written to a file;
#  - fish: `fish --no-config`, completions/fish/lectern.fish sourced,
#    `complete -C LINE`.
# In every shell: the options are exactly those `lectern --help` prints (a
# new option missing from a script fails here), an option's values
# (`--from text|markdown`) are completed after it, with a space or '=',
# a FILE argument gets file names, `--print` gets the addresses `lectern
# --toc` gives for the document named on the line (before or after the
# cursor, quoted or not, read as --from says), and the document itself is
# completed from file names.  A shell that is not installed is skipped.
# shellcheck source=tests/lib.sh
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

comp=$top_srcdir/completions
bashcomp=${LECTERN_BASH_COMPLETION:-/usr/share/bash-completion/bash_completion}

# The program is called by name, as a user would.
mkdir "$T/bin" "$T/docs"
ln -s "$LECTERN" "$T/bin/lectern"
PATH=$T/bin:$PATH
export PATH
cp "$top_srcdir/examples/speech.md" "$T/docs/speech.md"
cp "$top_srcdir/examples/speech.md" "$T/docs/with space.md"
cp "$top_srcdir/examples/speech.txt" "$T/docs/plain.txt"
cd "$T/docs" || exit 1

# What --help says: one option a line, "OPTION" or "OPTION VALUE".
"$LECTERN" --help |
	sed -n 's/^ *\(-[A-Za-z]\), \(--[a-z][a-z0-9-]*\)\( [^ ]*\)\{0,1\}.*/\1\n\2\3/p
		s/^ *\(--[a-z][a-z0-9-]*\)\( [^ ]*\)\{0,1\}.*/\1\2/p' |
	sed 's/^\(--[a-z0-9-]*\) *$/\1/' >"$T/help"
cut -d' ' -f1 "$T/help" | LC_ALL=C sort -u >"$T/options"
tap_ok "$([ "$(wc -l <"$T/options")" -ge 10 ]; echo $?)" \
	"--help lists options ($(wc -l <"$T/options" | tr -d ' '))"

# The addresses --toc gives, sorted, for FILE [OPTIONS...].
addresses() {
	_f=$1
	shift
	"$LECTERN" --toc "$@" "$_f" | sed -n 's/^ *\([0-9][0-9.]*\) .*/\1/p' | LC_ALL=C sort -u
}
addresses speech.md >"$T/addr-md"
addresses plain.txt >"$T/addr-txt"
addresses speech.md --from text >"$T/addr-md-as-text"
grep '^2\.' "$T/addr-md" >"$T/addr-md-2"
tap_ok "$([ "$(wc -l <"$T/addr-md-2")" -ge 5 ]; echo $?)" \
	"--toc gives addresses: $(wc -l <"$T/addr-md" | tr -d ' ') in speech.md (the completions read them the same way)"
tap_ok "$(! cmp -s "$T/addr-md" "$T/addr-md-as-text"; echo $?)" \
	"--from text gives speech.md other addresses (so passing --from on is checked)"

# --- the three drivers: complete LINE, where ^ marks the cursor (at the
# end when there is none), and print the matches, one a line ------------

cat >"$T/fish-complete" <<'EOF'
# fish --no-config fish-complete SCRIPT LINE
source $argv[1]; or exit 2
complete -C $argv[2] | string replace -r '\t.*' ''
EOF

have_bash=no have_zsh=no have_fish=no
if [ -f "$bashcomp" ] && command -v bash >/dev/null 2>&1 && command -v python3 >/dev/null 2>&1; then
	have_bash=yes
fi
if command -v zsh >/dev/null 2>&1 && zsh -fc 'zmodload zsh/zpty' 2>/dev/null; then have_zsh=yes; fi
if command -v fish >/dev/null 2>&1; then have_fish=yes; fi

# complete SHELL LINE: the matches, sorted, one a line.
complete_in() {
	case $1 in
	bash)
		: >"$T/bash-out"
		python3 "$top_srcdir/tests/completion/bash.py" "$bashcomp" "$comp/bash/lectern" \
			"$T/bash-out" "$2" >/dev/null && cat "$T/bash-out"
		;;
	zsh) timeout 60 zsh -f "$top_srcdir/tests/completion/zsh.zsh" "$comp/zsh" "$T/zsh-out" "$2" ;;
	# fish shows a match after --opt= with the option: --from=text.
	fish)
		timeout 60 fish --no-config "$T/fish-complete" "$comp/fish/lectern.fish" "$2" |
			sed 's/^--[a-z0-9-]*=//'
		;;
	esac 2>"$T/err" | sed '/^$/d' | LC_ALL=C sort -u
}

# expect SHELL LINE WANTFILE [subset]: the matches are WANTFILE's lines
# (with "subset": WANTFILE's lines are among them).
expect() {
	complete_in "$1" "$2" >"$T/got"
	if [ "${4:-}" = subset ]; then
		LC_ALL=C comm -23 "$3" "$T/got" >"$T/missing"
		tap_is "$(cat "$T/missing")" "" "$1: $2 offers $(head -c 60 "$3" | tr '\n' ' ')" ||
			tap_diag "got: $(tr '\n' ' ' <"$T/got") $(cat "$T/err")"
	else
		tap_file_is "$T/got" "$3" "$1: $2" || tap_diag "$(cat "$T/err")"
	fi
}

# --- the shells' own tables know the scripts ---------------------------
if [ $have_bash = yes ]; then
	bash -c 'source "$1" && source "$2" && complete -p lectern' _ "$bashcomp" "$comp/bash/lectern" \
		>"$T/spec" 2>"$T/err"
	tap_like "$(cat "$T/spec")" "complete -F _lectern lectern" "bash: complete -p lectern" ||
		tap_diag "$(cat "$T/err")"
else
	tap_skip "bash: complete -p lectern" "bash-completion is not installed ($bashcomp)"
fi
if [ $have_zsh = yes ]; then
	zsh -fc 'fpath=($1 $fpath); autoload -Uz compinit; compinit -u -D; print -r -- $_comps[lectern]' \
		_ "$comp/zsh" >"$T/spec" 2>"$T/err"
	tap_is "$(cat "$T/spec")" "_lectern" "zsh: compinit maps lectern to _lectern" ||
		tap_diag "$(cat "$T/err")"
else
	tap_skip "zsh: compinit maps lectern to _lectern" "zsh (with zsh/zpty) is not installed"
fi

for sh in bash zsh fish; do
	eval "have=\$have_$sh"
	if [ "$have" != yes ]; then
		tap_skip "$sh: the completion" "$sh is not installed"
		continue
	fi

	# Every option --help prints, and no other.
	expect $sh "lectern -" "$T/options"
	grep '^--' "$T/options" >"$T/long"
	expect $sh "lectern --" "$T/long"

	# The values an option lists (--from text|markdown), with a space or
	# '='; a FILE gets file names.
	while read -r opt arg; do
		case $arg in
		*'|'*)
			printf '%s\n' "$arg" | tr '|' '\n' | LC_ALL=C sort -u >"$T/values"
			expect $sh "lectern $opt " "$T/values"
			expect $sh "lectern speech.md $opt=" "$T/values"
			;;
		FILE | *FILE)
			printf '%s\n' speech.md >"$T/want"
			expect $sh "lectern $opt sp" "$T/want"
			;;
		esac
	done <"$T/help"

	# --print: the addresses of the document on the line.
	expect $sh "lectern speech.md --print " "$T/addr-md"
	expect $sh "lectern speech.md --print 2." "$T/addr-md-2"
	expect $sh "lectern speech.md --print=2." "$T/addr-md-2"
	expect $sh "lectern --from text speech.md --print " "$T/addr-md-as-text"
	expect $sh "lectern --from=text speech.md --print " "$T/addr-md-as-text"
	expect $sh "lectern plain.txt --print " "$T/addr-txt"
	expect $sh "lectern --width 40 'with space.md' --print " "$T/addr-md"
	expect $sh "lectern --print " /dev/null
	expect $sh "lectern nosuchfile.md --print " /dev/null
	# fish's complete -C completes at the end of the line only.
	if [ $sh != fish ]; then
		expect $sh "lectern --print ^ speech.md" "$T/addr-md"
		expect $sh "lectern --print 2.^ --plain speech.md" "$T/addr-md-2"
		expect $sh "lectern --print=2.^ speech.md" "$T/addr-md-2"
	fi

	# The document: file names.
	printf '%s\n' speech.md >"$T/want"
	expect $sh "lectern --toc spe" "$T/want"
	printf '%s\n' plain.txt >"$T/want"
	expect $sh "lectern --width 30 --dump pl" "$T/want"
done
tap_done
