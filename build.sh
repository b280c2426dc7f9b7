#!/usr/bin/env bash
# build.sh - set up, build and run or test lectern on Debian 12.
#
#   ./build.sh run [ARGS...]   build, then run ./src/lectern ARGS
#                              (default ARGS: examples/speech.md); all the
#                              set-up and the build print goes to stderr,
#                              so stdout is lectern's own
#   ./build.sh check           build, run `make check`, the same tests on a
#                              sanitizer build (build-san/), the threads'
#                              tests on a ThreadSanitizer build
#                              (build-tsan/), `make
#                              distcheck` and the Debian package test
#                              (tests/package.sh), name the skipped tests
#                              (one line each), and end with a line
#                              "N passed, M failed" that counts them all
#
# Environment:
#   CONFIGURE_FLAGS       extra arguments for ./configure (word-split; not
#                         for the sanitizer build)
#   LECTERN_NO_DISTCHECK  set to 1 to skip `make distcheck`
#   LECTERN_NO_SAN        set to 1 to skip the sanitizer build
#   LECTERN_NO_TSAN       set to 1 to skip the ThreadSanitizer build
#   LECTERN_SAN_CC        the sanitizer build's compiler (default clang)
#   LECTERN_NO_FUZZ       set to 1 to skip the fuzz smoke test (`make fuzz`
#                         and 5 seconds of each fuzz target on its seeds)
#   LECTERN_NO_PACKAGE    set to 1 to skip the Debian package test
#                         (tests/package.sh: build, lint, install, remove)
set -euo pipefail

# Debian packages the build and the tests need.  Add new ones here
# (valgrind, openssh-server, clang, libfuzzer-14-dev, hyperfine, ...).
PACKAGES="gcc make autoconf automake pkg-config libncurses-dev libutf8proc-dev libcmark-dev cmark
libopencc-dev libopencc-data libpcre2-dev
python3 tmux openssh-server openssh-client clang libclang-rt-14-dev libfuzzer-14-dev valgrind
bash-completion zsh fish dpkg-dev debhelper lintian"

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

# Total the :test-result: lines of the .trs files of both builds, show the
# logs of failed tests, and print the closing "N passed, M failed" line.
# $1: extra failures to add (distcheck failing, the sanitizer build not
# building); then DIR=yes|no for each tree of results (tests/ of the
# normal build, build-san/build/tests/ of the sanitizer build): "no" when
# make check failed there, which counts as a failure when no test result
# under DIR says so (a build error, a test that could not start).
report() {
	local extra=$1 passed=0 failed=0 skipped=0 trs res bad tree dir dir_failed
	local failed_logs=() check_failed=() skipped_names=()
	shift
	for tree in "$@"; do
		dir=${tree%=*}
		dir_failed=0
		[ -d "$dir" ] || continue
		while IFS= read -r trs; do
			bad=no
			while IFS= read -r res; do
				case $res in
				PASS | XFAIL) passed=$((passed + 1)) ;;
				SKIP) skipped=$((skipped + 1)) ;;
				*) failed=$((failed + 1)); bad=yes ;;
				esac
			done < <(sed -n 's/^:test-result: *\([A-Z]*\).*/\1/p' "$trs")
			[ $bad = no ] || { failed_logs+=("${trs%.trs}.log"); dir_failed=1; }
			# The driver writes "SKIP: NAME N - WHAT # SKIP WHY" into the log.
			if grep -q '^:test-result: *SKIP' "$trs" && [ -f "${trs%.trs}.log" ]; then
				while IFS= read -r res; do
					skipped_names+=("${dir%tests}${res#SKIP: }")
				done < <(grep '^SKIP: ' "${trs%.trs}.log")
			fi
		done < <(find "$dir" -name '*.trs' -type f | LC_ALL=C sort)
		if [ "${tree##*=}" = no ] && [ $dir_failed -eq 0 ]; then
			check_failed+=("$dir")
		fi
	done

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
	for dir in "${check_failed[@]}"; do
		echo "build.sh: make check failed for $dir (counted as 1 failure)"
		extra=$((extra + 1))
	done
	failed=$((failed + extra))
	# Every skipped test by name, then the steps left out (skipped_steps,
	# set by check), then the totals, last.
	local steps=${#skipped_steps[@]} line="$skipped skipped"
	[ "$steps" -eq 0 ] || line="$line, and $steps step$([ "$steps" -eq 1 ] || echo s) left out"
	[ $((skipped + steps)) -eq 0 ] || line="$line:"
	echo "$line"
	for res in "${skipped_names[@]}" "${skipped_steps[@]}"; do
		echo "  skipped: $res"
	done
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

# The sanitizer build: clang with ASan, UBSan and LeakSanitizer, out of
# tree in build-san/build, from a copy of the distribution's sources in
# build-san/src (`make distdir`: configure refuses to build out of a
# source tree that is configured in place, as this one is, and make would
# pick up its objects).  The whole suite runs there with every sanitizer
# report written to a file in build-san/reports (log_path), whatever runs
# the program (a pipeline, tmux, ssh); then tests/sanitizer-reports.sh
# runs alone, last, and fails unless that directory is empty.
SAN=build-san

# What check left out as a whole (a sentence each), for report.
skipped_steps=()

# Copy the distribution's sources into build-san/src.  `make distdir` keeps
# the files' times; a file whose content changed since the last copy is
# dated now instead, and one that did not keeps the time of that copy, so
# that make in build-san/build rebuilds exactly what changed.
# $1: the build's directory (default build-san).
san_sources() {
	local f d=${1:-$SAN}
	rm -rf "$d/src.new"
	make distdir distdir="$d/src.new" >/dev/null || return
	if [ -d "$d/src" ]; then
		while IFS= read -r -d '' f; do
			if cmp -s "$d/src.new/$f" "$d/src/$f"; then
				touch -r "$d/src/$f" "$d/src.new/$f"
			else
				touch "$d/src.new/$f"
			fi
		done < <(cd "$d/src.new" && find . -type f -print0)
		chmod -R u+w "$d/src" && rm -rf "$d/src" || return
	fi
	mv "$d/src.new" "$d/src"
}

# Build and run the suite there.  Returns 2 when the sanitizer build
# cannot be made, 1 when make check failed there.
san_check() {
	local cc=${LECTERN_SAN_CC:-clang} top=$PWD status=0
	local reports=$top/$SAN/reports
	if ! command -v "$cc" >/dev/null 2>&1; then
		echo "build.sh: $cc not found for the sanitizer build (LECTERN_NO_SAN=1 skips it)"
		return 2
	fi
	mkdir -p "$SAN/build" || return 2
	san_sources || return 2
	(
		cd "$SAN/build" &&
			../src/configure --enable-sanitizers --enable-werror CC="$cc" &&
			make -j"$(nproc)"
	) || return 2
	rm -rf "$reports"
	mkdir "$reports" && touch "$reports/.started" || return 2
	(
		cd "$SAN/build" || exit 1
		export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:log_path=$reports/san:log_exe_name=1"
		export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$reports/san:log_exe_name=1"
		# (One runtime in clang's build: the log_path read last counts.)
		# The copy of the sources is not beside ../shared.
		export LECTERN_CORPUS="${LECTERN_CORPUS:-$top/../shared/corpus}"
		export LECTERN_SCORE="${LECTERN_SCORE:-$top/../shared/tools/outline-score}"
		make -j"$(nproc)" check || status=1
		# Last and alone: the directory must still be empty.
		LECTERN_SAN_REPORTS=$reports make check TESTS=tests/sanitizer-reports.sh || status=1
		exit $status
	)
}

# The ThreadSanitizer build: the tests where threads work beside the
# browser or beside each other -- the whole of a large file and standard
# input read while the first part is shown, a slow document parsed while
# the raw text is, search, resize, R and q meanwhile (tests/threads.sh),
# a large document walked and checked in two halves (t_scan, cli.sh's
# early files, large-md.sh), a partial view handing over (t_view) -- on
# clang's -fsanitize=thread, out of tree in build-tsan as build-san is.
# Any report (build-tsan/reports) fails the step.  Returns 2 when the
# build cannot be made, 1 when a test failed, 3 for reports.
TSAN=build-tsan
TSAN_TESTS="tests/unit/t_scan tests/unit/t_view tests/large-md.sh tests/cli.sh tests/threads.sh"
tsan_check() {
	local cc=${LECTERN_SAN_CC:-clang} top=$PWD status=0 f
	local reports=$top/$TSAN/reports
	if ! command -v "$cc" >/dev/null 2>&1; then
		echo "build.sh: $cc not found for the ThreadSanitizer build (LECTERN_NO_TSAN=1 skips it)"
		return 2
	fi
	mkdir -p "$TSAN/build" || return 2
	san_sources "$TSAN" || return 2
	(
		cd "$TSAN/build" &&
			../src/configure --enable-sanitizers=thread --enable-werror CC="$cc" >/dev/null &&
			make -j"$(nproc)"
	) || return 2
	rm -rf "$reports"
	mkdir "$reports" || return 2
	(
		cd "$TSAN/build" || exit 1
		export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:log_path=$reports/tsan"
		export LECTERN_CORPUS="${LECTERN_CORPUS:-$top/../shared/corpus}"
		export LECTERN_SCORE="${LECTERN_SCORE:-$top/../shared/tools/outline-score}"
		make -j"$(nproc)" check TESTS="$TSAN_TESTS"
	) || status=1
	for f in "$reports"/*; do
		[ -f "$f" ] || continue
		echo "build.sh: ThreadSanitizer report $f:"
		head -n 80 "$f"
		status=3
	done
	return $status
}

# The fuzz smoke test: `make fuzz`, then each libFuzzer target for 5
# seconds on its seeds and crash reproducers (tests/fuzz/README.md).  Sets
# fuzz_failed to the number of targets that crashed, or to 1 when the
# targets do not build.  A crash's input is kept in tests/fuzz/build/.
# Skipped with LECTERN_NO_FUZZ=1 or when clang cannot link libFuzzer.
fuzz_smoke() {
	fuzz_failed=0
	if [ "${LECTERN_NO_FUZZ:-}" = 1 ]; then
		echo "build.sh: fuzz smoke test skipped (LECTERN_NO_FUZZ=1)"
		skipped_steps+=("the fuzz smoke test (LECTERN_NO_FUZZ=1)")
		return 0
	fi
	local tmp t max runs
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/lectern-fuzz.XXXXXX") || return 1
	printf '%s\n' '#include <stddef.h>' \
		'int LLVMFuzzerTestOneInput(const unsigned char *d, size_t n);' \
		'int LLVMFuzzerTestOneInput(const unsigned char *d, size_t n) { return d && n > 1 && 0; }' \
		>"$tmp/probe.c"
	if ! command -v clang >/dev/null 2>&1 ||
		! clang -fsanitize=fuzzer,address,undefined "$tmp/probe.c" -o "$tmp/probe" >/dev/null 2>&1; then
		echo "build.sh: fuzz smoke test skipped (no clang that links libFuzzer)"
		skipped_steps+=("the fuzz smoke test (no clang that links libFuzzer)")
		rm -rf "$tmp"
		return 0
	fi
	# (The random-key test ran in the suite already: MONKEY_SECONDS=0.)
	if ! make fuzz MONKEY_SECONDS=0 >"$tmp/build.log" 2>&1; then
		cat "$tmp/build.log"
		echo "build.sh: make fuzz failed (counted as 1 failure)"
		fuzz_failed=1
		rm -rf "$tmp"
		return 0
	fi
	for t in markdown convert layout search addr frontmatter config history places libcache; do
		case $t in
		layout) max=16384 ;;
		search | config | history | places | libcache) max=4096 ;;
		addr) max=256 ;;
		*) max=65536 ;;
		esac
		# New inputs go to a scratch directory, never into the seeds.
		mkdir "$tmp/$t"
		set -- "$tmp/$t" "tests/fuzz/corpus/$t"
		[ -d "tests/fuzz/regress/$t" ] && set -- "$@" "tests/fuzz/regress/$t"
		if "tests/fuzz/build/fuzz_$t" -max_total_time=5 -timeout=10 -max_len="$max" \
			-print_final_stats=1 -artifact_prefix="tests/fuzz/build/$t-" "$@" \
			>"$tmp/$t.log" 2>&1; then
			runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$tmp/$t.log")
			echo "build.sh: fuzz_$t: ${runs:-?} runs, no crash"
		else
			grep -v -E '^(#[0-9]|INFO:)' "$tmp/$t.log" | tail -n 60
			echo "build.sh: fuzz_$t crashed (counted as 1 failure; input in tests/fuzz/build/)"
			fuzz_failed=$((fuzz_failed + 1))
		fi
	done
	rm -rf "$tmp"
}

check() {
	local extra=0 check_ok=yes fuzz_failed=0 san_ok=yes tsan_ok=yes
	# Results of an earlier run must not be counted if this one stops early.
	find tests -name '*.trs' -type f -exec rm -f {} +
	[ ! -d "$SAN/build" ] || find "$SAN/build" -name '*.trs' -type f -exec rm -f {} +
	[ ! -d "$TSAN/build" ] || find "$TSAN/build" -name '*.trs' -type f -exec rm -f {} +
	if ! make -j"$(nproc)" check; then
		check_ok=no
	fi
	fuzz_smoke
	extra=$((extra + fuzz_failed))

	if [ "${LECTERN_NO_SAN:-}" = 1 ]; then
		echo "build.sh: sanitizer build skipped (LECTERN_NO_SAN=1)"
		skipped_steps+=("the sanitizer build and its tests (LECTERN_NO_SAN=1)")
	else
		san_check || case $? in
		1) san_ok=no ;;
		*)
			echo "build.sh: the sanitizer build failed (counted as 1 failure)"
			extra=$((extra + 1))
			;;
		esac
	fi

	if [ "${LECTERN_NO_TSAN:-}" = 1 ]; then
		echo "build.sh: ThreadSanitizer build skipped (LECTERN_NO_TSAN=1)"
		skipped_steps+=("the ThreadSanitizer build and its tests (LECTERN_NO_TSAN=1)")
	else
		tsan_check || case $? in
		1) tsan_ok=no ;;
		3)
			echo "build.sh: ThreadSanitizer reported (counted as 1 failure)"
			extra=$((extra + 1))
			;;
		*)
			echo "build.sh: the ThreadSanitizer build failed (counted as 1 failure)"
			extra=$((extra + 1))
			;;
		esac
	fi

	if [ $check_ok = no ]; then
		echo "build.sh: make check failed; make distcheck not run"
	elif [ "${LECTERN_NO_DISTCHECK:-}" = 1 ]; then
		echo "build.sh: make distcheck skipped (LECTERN_NO_DISTCHECK=1)"
		skipped_steps+=("make distcheck (LECTERN_NO_DISTCHECK=1)")
	# valgrind.sh made its runs on these sources already.
	elif ! LECTERN_NO_VALGRIND=1 make -j"$(nproc)" distcheck; then
		echo "build.sh: make distcheck failed (counted as 1 failure)"
		extra=$((extra + 1))
	fi

	# The Debian package, built from these sources, linted, installed into a
	# throw-away root and removed (tests/package.sh); its results count
	# with the others.
	if [ "${LECTERN_NO_PACKAGE:-}" = 1 ]; then
		echo "build.sh: the Debian package test skipped (LECTERN_NO_PACKAGE=1)"
		skipped_steps+=("the Debian package test (LECTERN_NO_PACKAGE=1)")
	elif ! make check TESTS=tests/package.sh; then
		check_ok=no
	fi
	report "$extra" "tests=$check_ok" "$SAN/build/tests=$san_ok" "$TSAN/build/tests=$tsan_ok"
}

cd "$(dirname -- "${BASH_SOURCE[0]}")"

cmd=${1:-}
[ $# -gt 0 ] && shift
case $cmd in
run)
	# stdout is lectern's alone: `./build.sh run --toc FILE > out` works.
	{
		install_packages
		build
	} >&2
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
