#!/bin/sh
# tests/debian.sh - debian/ keeps up with the rest of the sources (the
# package itself is built by tests/package.sh, under ./build.sh check):
#  - debian/changelog's version is the program's (configure.ac);
#  - Build-Depends in debian/control names the Debian package of every
#    library configure.ac asks pkg-config for (found by its .pc file), so
#    a clean build machine can build the package;
#  - build.sh's PACKAGES has every package Build-Depends names, so that
#    ./build.sh check can build it.
# shellcheck source=tests/lib.sh
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

control=$top_srcdir/debian/control

version=$(sed -n '1s/^lectern (\([^)]*\)).*/\1/p' "$top_srcdir/debian/changelog")
tap_is "lectern $version" "$("$LECTERN" --version)" "debian/changelog has the version of configure.ac"

# Build-Depends, the package names alone.
awk '/^Build-Depends:/ { on = 1; sub(/^Build-Depends:/, ""); print; next }
	on && /^[ \t]/ { print; next } { on = 0 }' "$control" |
	tr ',' '\n' | sed 's/^[ \t]*//; s/[ \t(].*//; /^$/d' | LC_ALL=C sort -u >"$T/bdeps"
tap_ok "$([ -s "$T/bdeps" ]; echo $?)" "debian/control has Build-Depends ($(tr '\n' ' ' <"$T/bdeps"))"

# The pkg-config modules of configure.ac and the packages of their .pc files.
sed -n 's/^[ \t]*PKG_CHECK_MODULES(\[[A-Z0-9_]*\], *\[\([^] >=]*\).*/\1/p' "$top_srcdir/configure.ac" |
	LC_ALL=C sort -u >"$T/modules"
if command -v dpkg >/dev/null 2>&1 && command -v pkg-config >/dev/null 2>&1; then
	missing=
	while read -r m; do
		pc=$(pkg-config --path "$m" 2>/dev/null)
		pkg=$(dpkg -S "$pc" 2>/dev/null | sed -n '1s/:.*//p')
		if [ -z "$pkg" ]; then
			missing="$missing $m(no package has $pc)"
		elif ! grep -q -x -F "$pkg" "$T/bdeps"; then
			missing="$missing $pkg($m)"
		fi
	done <"$T/modules"
	tap_is "$missing" "" "Build-Depends has the package of every pkg-config module ($(tr '\n' ' ' <"$T/modules"))"
else
	tap_skip "Build-Depends has the package of every pkg-config module" "no dpkg or pkg-config here"
fi

# libopencc is loaded with dlopen (src/hanfold.c), which dpkg-shlibdeps
# cannot see: the package of the soname configure found is in Depends.
soname=$(sed -n 's/^#define LEC_OPENCC_SONAME "\(.*\)"$/\1/p' "$top_builddir/config.h" 2>/dev/null)
if [ -n "$soname" ] && command -v dpkg >/dev/null 2>&1 && command -v pkg-config >/dev/null 2>&1; then
	pkg=$(dpkg -S "$(pkg-config --variable=libdir opencc)/$soname" 2>/dev/null | sed -n '1s/:.*//p')
	deps=$(awk '/^Depends:/ { sub(/^Depends:/, ""); print }' "$control" | tr ',' '\n' |
		sed 's/^[ \t]*//; s/[ \t(].*//')
	tap_ok "$(printf '%s\n' "$deps" | grep -q -x -F "${pkg:-?}"; echo $?)" \
		"Depends names ${pkg:-the package of $soname}, which holds $soname"
else
	tap_skip "Depends names the package of libopencc's soname" "no config.h, dpkg or pkg-config here"
fi

# build.sh's PACKAGES (debhelper provides debhelper-compat).
sed -n '/^PACKAGES="/,/"/p' "$top_srcdir/build.sh" | tr -d '"' | sed 's/^PACKAGES=//' |
	tr ' \t' '\n\n' | sed '/^$/d' | LC_ALL=C sort -u >"$T/packages"
missing=
while read -r p; do
	[ "$p" = debhelper-compat ] && p=debhelper
	grep -q -x -F "$p" "$T/packages" || missing="$missing $p"
done <"$T/bdeps"
tap_is "$missing" "" "build.sh's PACKAGES has every package of Build-Depends"
tap_done
