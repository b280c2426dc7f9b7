#!/usr/bin/env bash
# build.sh - set up, build and run or test lectern on Debian 12.
#
#   ./build.sh run [ARGS...]   build, then run ./src/lectern ARGS
#                              (default ARGS: examples/speech.md)
#   ./build.sh check           build, run `make check` and `make distcheck`,
#                              and end with a line "N passed, M failed"
#
# Environment:
#   CONFIGURE_FLAGS       extra arguments for ./configure (word-split)
#   LECTERN_NO_DISTCHECK  set to 1 to skip `make distcheck`
set -euo pipefail

# Debian packages the build and the tests need.  Add new ones here
# (valgrind, openssh-server, clang, libfuzzer-14-dev, hyperfine, ...).
PACKAGES="gcc make autoconf automake pkg-config libncurses-dev libutf8proc-dev libcmark-dev cmark
python3 tmux openssh-server openssh-client"

usage() {
	echo "usage: ./build.sh run [LECTERN-ARGS...] | ./build.sh check" >&2
	exit 64
}

# Install the packages of $PACKAGES that dpkg does not report as installed.
install_packages() {
	local missing=() pkg status
	if ! command -v dpkg-query >/dev/null 2>&1; then
		echo "build.sh: dpkg-query not found; not checking packages ($PACKAGES)" >&2
		return 0
	fi
	for pkg in $PACKAGES; do
		status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
		[ "$status" = "install ok installed" ] || missing+=("$pkg")
	done
	[ ${#missing[@]} -eq 0 ] && return 0

	echo "build.sh: installing: ${missing[*]}"
	local sudo=()
	if [ "$(id -u)" -ne 0 ]; then
		if command -v sudo >/dev/null 2>&1; then
			sudo=(sudo)
		else
			echo "build.sh: not root and no sudo; install these first: ${missing[*]}" >&2
			exit 1
		fi
	fi
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y --no-install-recommends "${missing[@]}"
}

# Generate, configure and build.  autoreconf runs only when its outputs are
# missing or older than their inputs (the generated Makefile also has rules
# to regenerate itself); configure always runs, so CONFIGURE_FLAGS apply.
build() {
	local f need_autoreconf=no
	for f in configure Makefile.in config.h.in build-aux/tap-driver.sh; do
		[ -e "$f" ] || need_autoreconf=yes
	done
	if [ $need_autoreconf = no ]; then
		for f in configure.ac Makefile.am m4/*.m4; do
			if [ -e "$f" ] && [ "$f" -nt configure ]; then need_autoreconf=yes; fi
		done
	fi
	if [ $need_autoreconf = yes ]; then
		autoreconf -fi || return
	fi
	# shellcheck disable=SC2086 # CONFIGURE_FLAGS is a list of words
	./configure --enable-werror ${CONFIGURE_FLAGS:-} || return
	make -j"$(nproc)"
}

# Total the :test-result: lines of the .trs files under tests/, show the
# logs of failed tests, and print the closing "N passed, M failed" line.
# $1: extra failures to add (distcheck failing); $2: "no" when make check
# failed, which counts as a failure when no test result says so (a build
# error, a test that could not start).
report() {
	local extra=$1 check_ok=$2 passed=0 failed=0 skipped=0 trs res bad
	local failed_logs=()
	while IFS= read -r trs; do
		bad=no
		while IFS= read -r res; do
			case $res in
			PASS | XFAIL) passed=$((passed + 1)) ;;
			SKIP) skipped=$((skipped + 1)) ;;
			*) failed=$((failed + 1)); bad=yes ;;
			esac
		done < <(sed -n 's/^:test-result: *\([A-Z]*\).*/\1/p' "$trs")
		[ $bad = no ] || failed_logs+=("${trs%.trs}.log")
	done < <(find tests -name '*.trs' -type f | LC_ALL=C sort)

	if [ ${#failed_logs[@]} -gt 0 ]; then
		local log
		echo "========================================================"
		echo "Logs of the failed tests (lines of passed tests omitted)"
		echo "========================================================"
		for log in "${failed_logs[@]}"; do
			echo
			echo "$log"
			echo "${log//?/=}"
			if [ -f "$log" ]; then
				grep -v -E '^(ok [0-9]+ |PASS: )' "$log" || :
			else
				echo "(no log)"
			fi
		done
		echo
	fi
	if [ "$check_ok" = no ] && [ "$failed" -eq 0 ]; then
		echo "build.sh: make check failed (counted as 1 failure)"
		extra=$((extra + 1))
	fi
	failed=$((failed + extra))
	echo "$skipped skipped"
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

check() {
	local extra=0 check_ok=yes
	# Results of an earlier run must not be counted if this one stops early.
	find tests -name '*.trs' -type f -exec rm -f {} +
	if ! make -j"$(nproc)" check; then
		check_ok=no
	fi

	if [ $check_ok = no ]; then
		echo "build.sh: make check failed; make distcheck not run"
	elif [ "${LECTERN_NO_DISTCHECK:-}" = 1 ]; then
		echo "build.sh: make distcheck skipped (LECTERN_NO_DISTCHECK=1)"
	elif ! make -j"$(nproc)" distcheck; then
		echo "build.sh: make distcheck failed (counted as 1 failure)"
		extra=1
	fi
	report "$extra" "$check_ok"
}

cd "$(dirname -- "${BASH_SOURCE[0]}")"

cmd=${1:-}
[ $# -gt 0 ] && shift
case $cmd in
run)
	install_packages
	build
	[ $# -gt 0 ] || set -- examples/speech.md
	exec ./src/lectern "$@"
	;;
check)
	[ $# -eq 0 ] || usage
	install_packages
	if ! build; then
		echo "build.sh: build failed"
		echo "0 passed, 1 failed"
		exit 1
	fi
	check
	;;
*)
	usage
	;;
esac
