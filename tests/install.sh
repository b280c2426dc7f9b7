#!/bin/sh
# tests/install.sh - `make install` puts a working lectern under the prefix:
# `make install DESTDIR=$T/root` installs the program, the manual page, the
# completions for bash, zsh and fish, README.md and the samples (with the
# sample configuration, when examples/ has one) in the folders configure
# chose, every one of them under the prefix; the installed program runs;
# each shell finds its completion where it looks for one (bash-completion's
# loader through XDG_DATA_DIRS, zsh's $fpath, fish's vendor folders); and
# `make uninstall` takes every file away again.
# shellcheck source=tests/lib.sh
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

builddir=$(pwd)
if [ ! -f "$builddir/Makefile" ]; then
	tap_skip "make install" "no Makefile in $builddir"
	tap_done
fi
# make check's job server and flags are not for this make.
mk() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s --no-print-directory -C "$builddir" "$@"
}

# The folders, as the Makefile has them.
cat >"$T/dirs.mk" <<'EOF'
print-dirs:
	@echo "prefix=$(prefix)"
	@echo "bindir=$(bindir)"
	@echo "datadir=$(datadir)"
	@echo "man1dir=$(man1dir)"
	@echo "docdir=$(docdir)"
	@echo "exampledir=$(exampledir)"
	@echo "bashcompletiondir=$(bashcompletiondir)"
	@echo "zshcompletiondir=$(zshcompletiondir)"
	@echo "fishcompletiondir=$(fishcompletiondir)"
EOF
mk -f Makefile -f "$T/dirs.mk" print-dirs >"$T/dirs"
tap_ok $? "the Makefile names its folders"
while IFS== read -r name value; do
	eval "$name=\$value"
done <"$T/dirs"

under=
for d in "$bindir" "$man1dir" "$docdir" "$exampledir" "$bashcompletiondir" "$zshcompletiondir" \
	"$fishcompletiondir"; do
	case $d in "$prefix"/*) ;; *) under="$under $d" ;; esac
done
tap_is "$under" "" "every folder is under the prefix $prefix"

root=$T/root
mk install DESTDIR="$root" >"$T/out" 2>&1
tap_ok $? "make install DESTDIR=..." || tap_diag "$(tail -n 20 "$T/out")"

# What must be there.
{
	echo "$bindir/lectern"
	echo "$man1dir/lectern.1"
	echo "$docdir/README.md"
	[ -n "$bashcompletiondir" ] && echo "$bashcompletiondir/lectern"
	[ -n "$zshcompletiondir" ] && echo "$zshcompletiondir/_lectern"
	[ -n "$fishcompletiondir" ] && echo "$fishcompletiondir/lectern.fish"
	for f in "$top_srcdir"/examples/*; do
		case $f in *.outline.tsv) continue ;; esac
		[ -f "$f" ] && echo "$exampledir/${f##*/}"
	done
} | LC_ALL=C sort >"$T/want"
(cd "$root" && find . -type f | sed 's/^\.//' | LC_ALL=C sort) >"$T/got"
tap_file_is "$T/got" "$T/want" "make install installs exactly these files"
grep -q "^$exampledir/speech.md\$" "$T/want"
tap_ok $? "the samples are among them"
if [ -f "$top_srcdir/examples/config" ]; then
	tap_ok "$([ -f "$root$exampledir/config" ]; echo $?)" "the sample configuration is installed"
else
	tap_skip "the sample configuration is installed" "examples/config does not exist yet"
fi
for pair in "completions/bash/lectern:$bashcompletiondir/lectern" \
	"completions/zsh/_lectern:$zshcompletiondir/_lectern" \
	"completions/fish/lectern.fish:$fishcompletiondir/lectern.fish" \
	"docs/lectern.1:$man1dir/lectern.1"; do
	cmp -s "$top_srcdir/${pair%%:*}" "$root${pair#*:}"
	tap_ok $? "${pair%%:*} installed as it is"
done

# The installed program.
PATH=$root$bindir:$PATH
export PATH
tap_is "$(lectern --version)" "$("$LECTERN" --version)" "the installed lectern runs: --version"
"$LECTERN" --toc "$top_srcdir/examples/speech.md" >"$T/toc-want"
lectern --toc "$root$exampledir/speech.md" >"$T/toc-got"
tap_file_is "$T/toc-got" "$T/toc-want" "the installed lectern: --toc of the installed sample"

# Each shell finds its completion where it looks.
if [ -f /usr/share/bash-completion/bash_completion ] && command -v bash >/dev/null 2>&1; then
	# bash-completion loads completions/NAME from every folder of
	# XDG_DATA_DIRS on first use.
	XDG_DATA_DIRS=$root$datadir bash -c \
		'source /usr/share/bash-completion/bash_completion && __load_completion lectern && complete -p lectern' \
		>"$T/out" 2>&1
	tap_like "$(cat "$T/out")" "complete -F _lectern lectern" \
		"bash-completion loads the installed completion (XDG_DATA_DIRS=$datadir)"
else
	tap_skip "bash-completion loads the installed completion" "bash-completion is not installed"
fi
if command -v zsh >/dev/null 2>&1; then
	zsh -fc 'fpath=($1 $fpath); autoload -Uz compinit; compinit -u -D; print -r -- $_comps[lectern]' \
		_ "$root$zshcompletiondir" >"$T/out" 2>&1
	tap_is "$(cat "$T/out")" "_lectern" "zsh: compinit finds the installed _lectern"
	if [ "$prefix" = /usr/local ]; then
		zsh -fc 'print -rl -- $fpath' | grep -q -x -F "$zshcompletiondir"
		tap_ok $? "zsh's \$fpath has $zshcompletiondir"
	fi
else
	tap_skip "zsh: compinit finds the installed _lectern" "zsh is not installed"
fi
if command -v fish >/dev/null 2>&1; then
	# fish reads vendor_completions.d in each folder of XDG_DATA_DIRS.
	mkdir "$T/home"
	HOME=$T/home XDG_DATA_DIRS=$root$datadir fish -c 'complete -C "lectern --fr"' >"$T/out" 2>&1
	tap_like "$(cat "$T/out")" "--from*" "fish finds the installed completion (XDG_DATA_DIRS=$datadir)"
else
	tap_skip "fish finds the installed completion" "fish is not installed"
fi

mk uninstall DESTDIR="$root" >"$T/out" 2>&1
tap_ok $? "make uninstall" || tap_diag "$(tail -n 20 "$T/out")"
(cd "$root" && find . -type f) >"$T/left"
tap_is "$(cat "$T/left")" "" "make uninstall leaves no file"
tap_done
