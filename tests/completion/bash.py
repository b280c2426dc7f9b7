#!/usr/bin/env python3
"""bash.py BASH_COMPLETION SCRIPT OUT LINE: completes LINE in a real bash.

An interactive bash on a pseudo-terminal sources bash-completion and
SCRIPT, wraps the function that `complete -p lectern` names so that it
writes COMPREPLY to OUT (one match a line), and gets LINE with the cursor
moved back to the ^ in it (C-b, at the end when there is none) and a Tab.
The wrapper then creates OUT.done; only then is the line cleared (typed
earlier, C-u could reach the terminal while it is still in canonical mode
and erase the line before readline reads it).  Exits non-zero when bash
does not answer within 20 seconds.
"""
import os
import pty
import select
import sys
import time

bashcomp, script, out, line = sys.argv[1:5]
left, _, right = line.partition("^")

pid, fd = pty.fork()
if pid == 0:
    os.environ.update(PS1="> ", PS2="", TERM="dumb", INPUTRC="/dev/null", HISTFILE="/dev/null")
    os.execvp("bash", ["bash", "--norc", "--noprofile", "-i"])

buf = b""


def wait_for(word):
    """Reads bash's output until WORD shows."""
    global buf
    end = time.monotonic() + 20
    while word not in buf:
        left_s = end - time.monotonic()
        if left_s <= 0:
            sys.exit("bash.py: no %r from bash; its last output: %r" % (word, buf[-400:]))
        if select.select([fd], [], [], left_s)[0]:
            try:
                buf += os.read(fd, 4096)
            except OSError:
                sys.exit("bash.py: bash ended; its last output: %r" % buf[-400:])


def wait_file(path):
    """Waits until PATH exists."""
    end = time.monotonic() + 20
    while not os.path.exists(path):
        if time.monotonic() > end:
            sys.exit("bash.py: the completion did not run; bash's last output: %r" % buf[-400:])
        if select.select([fd], [], [], 0.02)[0]:
            try:
                globals()["buf"] += os.read(fd, 4096)
            except OSError:
                sys.exit("bash.py: bash ended; its last output: %r" % buf[-400:])


def send(text):
    os.write(fd, text.encode())


def q(s):
    return "'" + s.replace("'", "'\\''") + "'"


send("source %s; source %s\n" % (q(bashcomp), q(script)))
send("__spec=$(complete -p lectern) && __func=${__spec##*-F } && __func=${__func%% *}\n")
send("__wrap() { \"$__func\" \"$@\"; local r=$?; : >%s; ((${#COMPREPLY[@]})) && "
     "printf '%%s\\n' \"${COMPREPLY[@]}\" >%s; : >%s.done; return $r; }\n"
     % (q(out), q(out), q(out)))
send("complete -F __wrap lectern; echo RE''ADY\n")
wait_for(b"READY")
if os.path.exists(out + ".done"):
    os.unlink(out + ".done")
send(left + right + "\x02" * len(right) + "\t")
wait_file(out + ".done")
os.unlink(out + ".done")
send("\x05\x15echo DO''NE\n")
wait_for(b"DONE")
send("exit\n")
os.waitpid(pid, 0)
