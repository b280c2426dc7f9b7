#!/bin/sh
# tests/ssh.sh - the browser over ssh: the test starts its own sshd on
# 127.0.0.1 (a free port, its own host and user keys in $T, nothing from
# /etc/ssh), and in a tmux pane runs `ssh -tt ... lectern speech.md`, then
# browses: the title shows, j moves the cursor, zM folds, a search shows
# its k/N count, q quits and ssh exits 0.  sshd and tmux are stopped at the
# end.  Skipped when tmux, ssh or sshd is missing, or when sshd cannot log
# this user in here (the reason is in the SKIP line).
# shellcheck source=tests/lib.sh
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
# shellcheck source=tests/tmux-lib.sh
. "$top_srcdir/tests/tmux-lib.sh"

case $LECTERN in
/*) ;;
*) LECTERN=$(pwd)/$LECTERN ;;
esac
speech=$top_srcdir/examples/speech.md
sshd_pid=

stop_sshd() {
	[ -n "$sshd_pid" ] || return 0
	kill "$sshd_pid" 2>/dev/null
	wait "$sshd_pid" 2>/dev/null
	sshd_pid=
}
trap 'tmux_stop; stop_sshd; chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT

skip_all() {
	tap_skip "lectern over ssh" "$1"
	tap_done
}

SSHD=/usr/sbin/sshd
[ -x "$SSHD" ] || skip_all "sshd is not installed ($SSHD)"
for p in ssh ssh-keygen python3 tmux; do
	command -v "$p" >/dev/null 2>&1 || skip_all "$p is not installed"
done
user=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
	# sshd running as root separates privileges: it needs its user and an
	# empty directory to chroot into.
	id sshd >/dev/null 2>&1 || skip_all "no privilege separation user 'sshd'"
	mkdir -p /run/sshd 2>/dev/null || skip_all "cannot create /run/sshd"
fi

# Keys and configuration, all in $T.
S=$T/ssh
mkdir "$S" && chmod 700 "$S"
if ! { ssh-keygen -q -t ed25519 -N '' -C lectern-host -f "$S/host" &&
	ssh-keygen -q -t ed25519 -N '' -C lectern-user -f "$S/user" &&
	cp "$S/user.pub" "$S/authorized_keys"; } >"$S/keygen.log" 2>&1; then
	skip_all "ssh-keygen failed: $(tail -n 1 "$S/keygen.log")"
fi

free_port() {
	python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# The client's options, one a line (none has a blank in it).
ssh_opts() {
	printf '%s\n' -F /dev/null -p "$port" -i "$S/user" -o IdentitiesOnly=yes \
		-o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
		-o LogLevel=ERROR -o ConnectTimeout=5 -l "$user"
}

# Start sshd and wait until it lets us in; a port taken meanwhile by
# someone else gets another try.
logged_in=no
for attempt in 1 2 3; do
	port=$(free_port) || skip_all "python3 cannot find a free port"
	cat >"$S/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port $port
HostKey $S/host
AuthorizedKeysFile $S/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PermitRootLogin yes
PrintMotd no
PrintLastLog no
PidFile $S/sshd.pid
LogLevel VERBOSE
EOF
	"$SSHD" -f "$S/sshd_config" -D -e 2>"$S/sshd.log" </dev/null &
	sshd_pid=$!
	tries=50
	while [ $tries -gt 0 ]; do
		# shellcheck disable=SC2046 # one option a line, no blanks in them
		if ssh $(ssh_opts) 127.0.0.1 true </dev/null >"$S/probe.out" 2>&1; then
			logged_in=yes
			break 2
		fi
		kill -0 "$sshd_pid" 2>/dev/null || break
		tries=$((tries - 1))
		sleep 0.1
	done
	stop_sshd
	grep -q 'Address already in use' "$S/sshd.log" || break
	tap_diag "attempt $attempt: port $port was taken"
done
if [ $logged_in = no ]; then
	why=$(grep -h -E -i 'fatal|error|denied|refused|not allowed' "$S/sshd.log" "$S/probe.out" |
		tail -n 1)
	skip_all "sshd on 127.0.0.1 cannot log $user in here: ${why:-no reason given}"
fi
tap_ok 0 "sshd on 127.0.0.1:$port lets $user in with a key"

tmux_start 80 24 || skip_all "$tmux_why"

# The remote command, as a reader would type it after ssh.
q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
# sshd passes no environment on: a sanitizer build's options (./build.sh
# check writes reports into files with them) go in the command.
san=
for v in ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS; do
	eval "val=\${$v:-}"
	[ -z "$val" ] || san="$san $v=$(q "$val")"
done
remote="cd $(q "$PWD") && LC_ALL=C.UTF-8 TERM=xterm-256color LECTERN_NO_REMEMBER=1 XDG_STATE_HOME=$(q "$XDG_STATE_HOME") XDG_CACHE_HOME=$(q "$XDG_CACHE_HOME") XDG_CONFIG_HOME=$(q "$XDG_CONFIG_HOME")$san $(q "$LECTERN") $(q "$speech")"
tmux_run "ssh -tt $(ssh_opts | tr '\n' ' ') 127.0.0.1 $(q "$remote"); echo \"[ssh exit \$?]\""

# check OK MSG: one result; on failure the screen goes to the log.
check() {
	tap_ok "$1" "$2" || tmux_show ""
}

tmux_wait '建设书香社区，推进全民阅读' 10
check $? "over ssh: the title shows" || tap_diag "sshd log: $(tail -n 5 "$S/sshd.log")"

# j: the cursor row (where the terminal's cursor is) moves down one row.
tmux_cursor_row >"$T/cur0"
tmux_text j
n=50
while [ $n -gt 0 ] && [ "$(tmux_cursor_row)" = "$(cat "$T/cur0")" ]; do
	n=$((n - 1))
	sleep 0.05
done
tap_is "$(cat "$T/cur0") -> $(tmux_cursor_row)" "建设书香社区，推进全民阅读 -> 沈知言 · 2026-04-23 · 云梧县人民政府网 · 在全县全民阅读推进大会上的讲话" \
	"over ssh: j moves the cursor down a row"

# zM: every top-level section is one summary row "… [N points, …]".
tmux_text zM
tmux_wait_re '三、切实加强组织保障和督促落实.*… \['
check $? "over ssh: zM folds everything"
tmux_text zR
tmux_wait_not '… [' >/dev/null

# A search: the status line counts the matches, 12 of 书屋.
tmux_text /书屋
tmux_keys Enter
tmux_wait_re '[0-9]+/12([^0-9]|$)'
check $? "over ssh: /书屋 shows its k/N count"

# q quits, the remote command ends, and ssh exits with its status 0.
tmux_text q
if tmux_wait_exit 10; then
	tap_like "$(cat "$T/screen")" "*\[ssh exit 0\]*" "over ssh: q quits and ssh exits 0" ||
		tmux_show ""
else
	check 1 "over ssh: q quits and ssh exits"
fi

# Nothing is left running.
tmux_stop
pid=$sshd_pid
stop_sshd
if kill -0 "$pid" 2>/dev/null; then
	tap_ok 1 "sshd is stopped"
else
	tap_ok 0 "sshd is stopped"
fi
if tmux_cmd has-session 2>/dev/null; then
	tap_ok 1 "the tmux server is stopped"
else
	tap_ok 0 "the tmux server is stopped"
fi
tap_done
