#!/bin/sh
# tests/config.sh - the reader's settings from the program's side: where
# the configuration file is ($XDG_CONFIG_HOME, ~/.config, --config,
# --no-config), the order settings apply in (the file, then LECTERN, then
# the command line), every error said once as FILE:LINE: message while
# the other lines still apply, a file that cannot be used left out with
# one line, bind and unbind as --keys then lists them, and the sample
# examples/config read without a word.  (The parser's every directive and
# error: tests/unit/t_config.c; the browser: tests/screen/config.keys.)
# shellcheck source=tests/lib.sh
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

doc=$top_srcdir/examples/speech.md
run() {
	"$LECTERN" "$@" </dev/null >"$T/out" 2>"$T/err"
	rc=$?
}
# with VAR=value ARGS...: run with VAR set in the program's environment
# (LECTERN=... before run would set the shell's $LECTERN, the program).
with() {
	_v=$1
	shift
	env "$_v" "$LECTERN" "$@" </dev/null >"$T/out" 2>"$T/err"
	rc=$?
}
# The width of the widest line of the output.
widest() {
	python3 -c '
import sys, unicodedata
w = lambda c: 2 if unicodedata.east_asian_width(c) in "WF" else 1
print(max([sum(map(w, l.rstrip("\n"))) for l in open(sys.argv[1], encoding="utf-8")] or [0]))
' "$T/out"
}

# --- where the file is -------------------------------------------------------
mkdir -p "$XDG_CONFIG_HOME/lectern" "$T/home/.config/lectern"
printf 'width 30\n' >"$XDG_CONFIG_HOME/lectern/config"
printf 'width 24\n' >"$T/home/.config/lectern/config"
run --dump "$doc"
tap_is "$rc $(widest) $(cat "$T/err")" "0 30 " '$XDG_CONFIG_HOME/lectern/config: width 30'
HOME=$T/home XDG_CONFIG_HOME= run --dump "$doc"
tap_is "$(widest)" 24 "XDG_CONFIG_HOME unset: ~/.config/lectern/config"
HOME=$T/home XDG_CONFIG_HOME=relative/dir run --dump "$doc"
tap_is "$(widest)" 24 "XDG_CONFIG_HOME not absolute: ignored, as the XDG spec says"
HOME=$T/nohome XDG_CONFIG_HOME= run --dump "$doc"
tap_is "$rc $(widest) $(cat "$T/err")" "0 80 " "no file at all: the defaults, nothing said"
printf 'width 36\n' >"$T/other.conf"
run --config "$T/other.conf" --dump "$doc"
tap_is "$(widest)" 36 "--config FILE: that file instead"
run --config="$T/other.conf" --no-config --dump "$doc"
tap_is "$(widest)" 80 "--no-config: no file (the last of the two wins)"
run --config "$T/nosuch.conf" --dump "$doc"
tap_is "$rc" 0 "--config of a missing file: still runs"
tap_is "$(cat "$T/err")" "lectern: $T/nosuch.conf: No such file or directory; the configuration file is left out" \
	"and says so, once"

# --- precedence: file < LECTERN < command line ----------------------------
printf 'width 30\nambiwidth 2\n' >"$XDG_CONFIG_HOME/lectern/config"
with LECTERN='--width 40' --dump "$doc"
tap_is "$(widest)" 40 "LECTERN's --width over the file's"
with LECTERN='--width=40' --dump --width 50 "$doc"
tap_is "$(widest)" 50 "the command line's over LECTERN's"
# ambiwidth 2 from the file makes “ ” two cells: the same text wraps sooner.
printf 'width 30\n' >"$XDG_CONFIG_HOME/lectern/config"
run --dump --width 20 "$top_srcdir/examples/speech-en.md"
cp "$T/out" "$T/ambi1"
printf 'ambiwidth 2\n' >"$XDG_CONFIG_HOME/lectern/config"
run --dump --width 20 "$top_srcdir/examples/speech-en.md"
tap_ok "$(! cmp -s "$T/out" "$T/ambi1"; echo $?)" "ambiwidth 2 in the file: ambiguous characters take two cells"
with LECTERN='--ambiwidth 1' --dump --width 20 "$top_srcdir/examples/speech-en.md"
tap_ok "$(cmp -s "$T/out" "$T/ambi1"; echo $?)" "LECTERN --ambiwidth 1 over it"

# --- errors: once each, the rest applies ----------------------------------
printf 'width 33\nambiwidth 3\nbind z quit\ncolor titel red\nmouse\n' >"$XDG_CONFIG_HOME/lectern/config"
cfg=$XDG_CONFIG_HOME/lectern/config
run --dump "$doc"
tap_is "$rc $(widest)" "0 33" "a file with wrong lines: the right ones apply"
tap_is "$(cat "$T/err")" "lectern: $cfg:2: ambiwidth wants 1 or 2, not '3'
lectern: $cfg:3: bind z would hide za, zo, zc, zM, zR (one sequence cannot start another: unbind first)
lectern: $cfg:4: color: 'titel' is not an element (heading, marker, code, match, cursor, ...: see lectern(1))" \
	"each wrong line said once, as FILE:LINE: message, in order"
with LECTERN='--bogus --width=x' --toc "$doc"
tap_like "$(cat "$T/err")" "*lectern: LECTERN: '--bogus' is not an option that can be set here
lectern: LECTERN: --width wants a number from 1 to 10000, not 'x'" "LECTERN's wrong words, after the file's"
tap_is "$rc $(awk 'END { print NR }' "$T/out")" "0 $("$LECTERN" --no-config --toc "$doc" | awk 'END { print NR }')" \
	"and --toc still does its work"
run --theme sepia --toc "$doc"
tap_is "$rc $(cat "$T/err")" "64 lectern: --theme wants auto, dark, light or mono, not 'sepia' (see lectern --help)" \
	"a wrong value on the command line is a usage error"
run --no-mouse=on --toc "$doc"
tap_is "$rc" 64 "--no-mouse takes no value"

# --- files that cannot be used -------------------------------------------
printf 'width 30\0\n' >"$cfg"
run --dump "$doc"
tap_is "$rc $(widest) $(cat "$T/err")" "0 80 lectern: $cfg: not a text file (it holds a NUL byte); the configuration file is left out" \
	"a file with a NUL byte: left out, said once"
rm "$cfg"
mkdir "$cfg"
run --toc "$doc"
tap_is "$rc $(cat "$T/err")" "0 lectern: $cfg: not a regular file; the configuration file is left out" \
	"a directory: left out"
rmdir "$cfg"
head -c 300000 /dev/zero | tr '\0' '#' >"$cfg"
run --toc "$doc"
tap_is "$rc $(cat "$T/err")" "0 lectern: $cfg: larger than 256 KiB; the configuration file is left out" \
	"a huge file: left out"
printf 'width 30\n\033]0;owned\007 x\n' >"$cfg"
run --dump "$doc"
tap_ok "$(! grep -q "$(printf '\033')" "$T/err"; echo $?)" "a message never carries the file's escape sequences"
tap_is "$(widest)" 30 "and the rest applies"
rm "$cfg"

# --- bindings: --keys shows the keys in force --------------------------------
printf 'bind x quit\nbind <C-f> page-down\nunbind Q\nunbind z\nbind z fold-toggle\n' >"$cfg"
run --keys
tap_is "$rc $(cat "$T/err")" "0 " "--keys with bindings: nothing wrong"
tap_like "$(cat "$T/out")" "*
  <Space> <PgDn> f <C-f>  page-down     down one page
*" "--keys lists <C-f> with page-down, in a wider column"
tap_like "$(cat "$T/out")" "*
  q x                     quit          quit (over another screen: close it)
  <C-c>                   quit-all      quit from any screen
*" "x with quit; Q gone"
tap_like "$(cat "$T/out")" "*
  <Tab> z                 fold-toggle   *" "z in place of za"
tap_ok "$(! grep -q '^  zo ' "$T/out"; echo $?)" "zo gone with unbind z"
run --keys --no-config
tap_like "$(cat "$T/out")" "*
  q                   quit          *" "--keys --no-config: the default keys"

# --- the sample ------------------------------------------------------------
run --config "$top_srcdir/examples/config" --keys
tap_is "$rc $(cat "$T/err")" "0 " "examples/config: read without a word"
tap_like "$(cat "$T/out")" "*<C-f>*page-down*" "its bindings in force"
tap_done
