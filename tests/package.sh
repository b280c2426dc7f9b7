#!/bin/sh
# tests/package.sh - the Debian package, as a user gets it.  Not part of
# `make check` (it builds everything again and takes a minute or two):
# `./build.sh check` runs it with `make check TESTS=tests/package.sh`, so
# its results count in the closing "N passed, M failed" line.
#
# From a copy of the distribution's sources (`make distdir`, which holds
# debian/), `dpkg-buildpackage -us -uc -b` (the test suite left out: it
# has just run on the same sources) must build lectern_VERSION_ARCH.deb;
# lintian must report no error and no warning; the package must depend on
# the packages of exactly the shared libraries the program links, and
# hold the program, the manual page, the completions and the samples.  It
# is then installed with `dpkg -i` into a throw-away root (dpkg --root: the
# machine's own packages are not touched; --force-depends, as that root's
# dpkg database is empty, while the libraries come from the machine), the
# installed lectern runs --version and --toc of the installed sample, each
# shell finds the installed completion, and `dpkg -r` takes it all away.
# shellcheck source=tests/lib.sh
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

builddir=$(pwd)
for tool in dpkg-buildpackage dpkg-deb lintian objdump; do
	if ! command -v $tool >/dev/null 2>&1; then
		tap_skip "the Debian package" "$tool is not installed (Debian: dpkg-dev debhelper lintian binutils)"
		tap_done
	fi
done
mk() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s --no-print-directory -C "$builddir" "$@"
}

version=$("$LECTERN" --version | sed 's/^lectern //')
arch=$(dpkg --print-architecture)
src=$T/src/lectern-$version
mkdir "$T/src"
mk distdir distdir="$src" >"$T/out" 2>&1
tap_ok $? "make distdir" || tap_diag "$(tail -n 20 "$T/out")"

(
	cd "$src" &&
		DEB_BUILD_OPTIONS="nocheck parallel=$(nproc)" dpkg-buildpackage -us -uc -b
) >"$T/build.log" 2>&1
tap_ok $? "dpkg-buildpackage -us -uc -b" || tap_diag "$(tail -n 40 "$T/build.log")"
deb=$T/src/lectern_${version}_$arch.deb
if [ ! -f "$deb" ]; then
	tap_is "$(cd "$T/src" && ls)" "lectern_${version}_$arch.deb ..." "the package is built"
	tap_done
fi
tap_ok 0 "the package is lectern_${version}_$arch.deb"

# lintian: every tag at error or warning level fails (info and pedantic
# ones are listed in the log).
lintian --fail-on error,warning --info --display-info --pedantic \
	"$T/src/lectern_${version}_$arch.changes" >"$T/lintian" 2>&1
rc=$?
grep -v 'running with root privileges' "$T/lintian" >"$T/lintian.tags"
tap_ok $rc "lintian: no errors and no warnings" || tap_diag "$(cat "$T/lintian.tags")"
[ ! -s "$T/lintian.tags" ] || tap_diag "lintian: $(cat "$T/lintian.tags")"

# Depends: the packages of the libraries the program links (${shlibs:Depends})
# and of the one it loads when the search needs it (libopencc, dlopen of
# the soname configure found: named in debian/control), no more, no fewer.
dpkg-deb -x "$deb" "$T/x"
objdump -p "$T/x/usr/bin/lectern" | awk '$1 == "NEEDED" { print $2 }' >"$T/needed"
sed -n 's/^#define LEC_OPENCC_SONAME "\(.*\)"$/\1/p' "$top_builddir/config.h" >>"$T/needed"
: >"$T/want"
while read -r lib; do
	path=$(ldconfig -p | awk -v l="$lib" '$1 == l { print $NF; exit }')
	pkg=$(dpkg -S "$path" 2>/dev/null | sed -n '1s/:.*//p')
	[ -n "$pkg" ] || pkg=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | sed -n '1s/:.*//p')
	echo "${pkg:-?$lib}"
done <"$T/needed" | LC_ALL=C sort -u >"$T/want"
dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/^ *//; s/ .*//; /^$/d' | LC_ALL=C sort -u >"$T/got"
tap_file_is "$T/got" "$T/want" "Depends: the packages of the libraries linked and loaded ($(tr '\n' ' ' <"$T/needed"))"

# What the package holds.
dpkg-deb -c "$deb" | awk '{ print $NF }' | sed 's/^\.//' >"$T/files"
{
	echo /usr/bin/lectern
	echo /usr/share/man/man1/lectern.1.gz
	echo /usr/share/bash-completion/completions/lectern
	echo /usr/share/zsh/vendor-completions/_lectern
	echo /usr/share/fish/vendor_completions.d/lectern.fish
	echo /usr/share/doc/lectern/copyright
	for f in "$top_srcdir"/examples/*; do
		case $f in *.outline.tsv) continue ;; esac
		[ -f "$f" ] && echo "/usr/share/doc/lectern/examples/${f##*/}"
	done
} >"$T/must"
missing=$(grep -v -x -F -f "$T/files" "$T/must")
tap_is "$missing" "" "the package holds the program, the manual page, the completions and the samples"
if [ -f "$top_srcdir/examples/config" ]; then
	grep -q -x -F /usr/share/doc/lectern/examples/config "$T/files"
	tap_ok $? "the package holds the sample configuration"
fi

# dpkg -i into a throw-away root.
root=$T/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/var/lib/dpkg/triggers"
: >"$root/var/lib/dpkg/status"
force=--force-depends
[ "$(id -u)" -eq 0 ] || force="$force --force-not-root"
# shellcheck disable=SC2086 # the --force options
dpkg --root="$root" $force -i "$deb" >"$T/out" 2>&1
tap_ok $? "dpkg -i into a throw-away root" || tap_diag "$(cat "$T/out")"
tap_is "$(dpkg-query --admindir="$root/var/lib/dpkg" -W -f='${Status} ${Version}' lectern 2>&1)" \
	"install ok installed $version" "dpkg lists lectern $version as installed there"

installed=$root/usr/bin/lectern
tap_is "$("$installed" --version 2>&1)" "lectern $version" "the installed lectern: --version"
"$LECTERN" --toc "$top_srcdir/examples/speech.md" >"$T/toc-want"
"$installed" --toc "$root/usr/share/doc/lectern/examples/speech.md" >"$T/toc-got" 2>&1
tap_file_is "$T/toc-got" "$T/toc-want" "the installed lectern: --toc of the installed sample"
gzip -dc "$root/usr/share/man/man1/lectern.1.gz" | grep -q '^\.TH LECTERN 1'
tap_ok $? "the installed manual page"

mkdir "$T/bin"
ln -s "$installed" "$T/bin/lectern"
if [ -f /usr/share/bash-completion/bash_completion ]; then
	XDG_DATA_DIRS=$root/usr/share bash -c \
		'source /usr/share/bash-completion/bash_completion && __load_completion lectern && complete -p lectern' \
		>"$T/out" 2>&1
	tap_like "$(cat "$T/out")" "complete -F _lectern lectern" "bash-completion loads the installed completion"
fi
if command -v zsh >/dev/null 2>&1; then
	zsh -fc 'print -rl -- $fpath' | grep -q -x -F /usr/share/zsh/vendor-completions
	tap_ok $? "zsh's \$fpath has /usr/share/zsh/vendor-completions"
	zsh -fc 'fpath=($1 $fpath); autoload -Uz compinit; compinit -u -D; print -r -- $_comps[lectern]' \
		_ "$root/usr/share/zsh/vendor-completions" >"$T/out" 2>&1
	tap_is "$(cat "$T/out")" "_lectern" "zsh: compinit finds the installed _lectern"
fi
if command -v fish >/dev/null 2>&1; then
	mkdir "$T/home"
	HOME=$T/home PATH=$T/bin:$PATH XDG_DATA_DIRS=$root/usr/share \
		fish -c 'complete -C "lectern --fr"' >"$T/out" 2>&1
	tap_like "$(cat "$T/out")" "--from*" "fish finds the installed completion"
fi

# shellcheck disable=SC2086 # the --force options
dpkg --root="$root" $force -r lectern >"$T/out" 2>&1
tap_ok $? "dpkg -r lectern" || tap_diag "$(cat "$T/out")"
tap_is "$(cd "$root" && find usr -type f 2>/dev/null)" "" "dpkg -r leaves no file of the package"
tap_done
