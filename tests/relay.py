#!/usr/bin/env python3
"""tests/relay.py - a slow link between a terminal and a program.

    relay.py [--rate BYTES] [--delay SECS] [--hold KEYS PER_SEC SECS]
             [--log FILE] [--size COLSxROWS] -- PROGRAM ARGS...

PROGRAM runs on a pseudo-terminal of its own (the size of the relay's
terminal, or --size); what it writes reaches the relay's standard output,
and what the relay reads on standard input reaches it, as over a link of
--rate bytes a second each way (default 7000: 56 kbit/s) that takes
--delay seconds (default 0.1) to cross: the modem line or the satellite
hop an SSH session may run over.  Bytes wait their turn in the link; none
is lost.

--hold: once the program's first screen has arrived (nothing for 0.5 s),
the relay types KEYS itself, PER_SEC times a second for SECS seconds, as a
key held down on the far side; its input is read only after that.  Then,
once nothing has come for 1 s, the relay writes to --log (or stderr),
and goes on relaying until the program ends:

    first SECS       time from the start to the last byte of the program's
                     first burst of output (writes less than 50 ms apart):
                     its first screen, whole
    open SECS        time from the start to the last byte before the
                     first 0.5 s without any (a large file's whole may
                     follow its first part)
    keys N           keys typed
    lag SECS         time from the last key typed to the last byte that
                     came after it (the screen final): a link that cannot
                     carry the frames as fast as the keys come shows it
    bytes N          bytes that came after the first key

With --quit it then sends q, and kills the program 1 s later if it is
still there.  Without --hold, --log gets the open line when the program
ends.
Times are the far side's: when a byte would arrive there.
"""

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
import tty


def main():
    args = sys.argv[1:]
    rate, delay, hold, log, size, quit_after = 7000.0, 0.1, None, None, None, False
    while args and args[0] != "--":
        a = args.pop(0)
        if a == "--rate":
            rate = float(args.pop(0))
        elif a == "--delay":
            delay = float(args.pop(0))
        elif a == "--hold":
            hold = (args.pop(0).encode(), float(args.pop(0)), float(args.pop(0)))
        elif a == "--log":
            log = args.pop(0)
        elif a == "--quit":
            quit_after = True
        elif a == "--size":
            c, r = args.pop(0).split("x")
            size = (int(r), int(c))
        else:
            sys.exit(__doc__)
    if not args or len(args) < 2:
        sys.exit(__doc__)
    argv = args[1:]
    if size is None:
        try:
            r, c = struct.unpack("HHHH", fcntl.ioctl(0, termios.TIOCGWINSZ, b"\0" * 8))[:2]
            size = (r, c)
        except OSError:
            size = (24, 80)
    t0 = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", size[0], size[1], 0, 0))
        os.execvp(argv[0], argv)
    stdin_tty = os.isatty(0)
    saved = termios.tcgetattr(0) if stdin_tty else None
    if stdin_tty:
        tty.setraw(0)
    out = sys.stdout.buffer
    down = []  # (arrival time, bytes) on their way to the far side
    up = []  # (arrival time, bytes) on their way to the program
    down_free = up_free = 0.0  # when each direction's link is free again
    last_arrival = None
    first_screen = None
    burst_end, last_read = None, None  # the first burst: its arrival, its last read
    keys_sent, last_key, after_first_key = 0, None, 0
    key_times = []
    ended = False
    closing = None
    reported = False
    lines = []

    def report():
        text = "".join(l + "\n" for l in lines)
        if log:
            with open(log + ".tmp", "w") as f:
                f.write(text)
            os.rename(log + ".tmp", log)
        else:
            sys.stderr.write(text)

    def send(queue, free, data, now):
        # A piece at a time, as a link delivers bytes as they come, not
        # a write at once: a screen's first rows show before its last.
        start = max(now, free)
        for i in range(0, len(data), 32):
            piece = data[i:i + 32]
            start += len(piece) / rate
            queue.append((start + delay, piece))
        return start

    try:
        while True:
            now = time.monotonic()
            # Deliver what has arrived.
            while down and down[0][0] <= now:
                _, data = down.pop(0)
                out.write(data)
                out.flush()
            while up and up[0][0] <= now:
                _, data = up.pop(0)
                try:
                    os.write(fd, data)
                except OSError:
                    pass
            # The first screen: nothing more for 0.5 s.
            if first_screen is None and last_arrival is not None and not down and \
                    now - last_arrival >= 0.5:
                first_screen = last_arrival
                if burst_end is not None and burst_end >= 0:
                    lines.insert(0, "first %.3f" % (burst_end - t0))
                    burst_end = -1
                lines.append("open %.3f" % (first_screen - t0))
                if hold:
                    keys, per, secs = hold
                    n = int(per * secs)
                    key_times = [now + k / per for k in range(n)]
                elif closing is None and log:
                    pass
            while key_times and key_times[0] <= now:
                key_times.pop(0)
                up_free = send(up, up_free, hold[0], now)
                keys_sent += 1
                last_key = now
            # The end of a --hold run: all keys typed, nothing for 1 s.
            if hold and first_screen is not None and not key_times and last_key is not None \
                    and not reported and not down and now - max(last_key, last_arrival) >= 1.0:
                lag = max(0.0, last_arrival - last_key)
                lines += ["keys %d" % keys_sent, "lag %.3f" % lag, "bytes %d" % after_first_key]
                report()
                reported = True
                if quit_after:
                    closing = now
                    up_free = send(up, up_free, b"q", now)
            if closing is not None and now - closing > 1.0:
                break
            if ended and not down:
                break
            # Wait for the program, the terminal, or the next arrival.
            waits = [q[0][0] for q in (down, up) if q] + key_times[:1]
            timeout = max(0.0, min(waits) - now) if waits else 0.05
            timeout = min(timeout, 0.05)
            fds = [] if ended else [fd]
            if not hold or reported or (first_screen is not None and not key_times):
                fds.append(0)
            r = select.select(fds, [], [], timeout)[0]
            now = time.monotonic()
            if fd in r:
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    data = b""
                if not data:
                    ended = True
                else:
                    down_free = send(down, down_free, data, now)
                    last_arrival = down[-1][0]
                    if burst_end is None or (burst_end >= 0 and now - last_read < 0.05):
                        burst_end = last_arrival
                        last_read = now
                    elif burst_end >= 0:
                        lines.insert(0, "first %.3f" % (burst_end - t0))
                        burst_end = -1
                    if last_key is not None:
                        after_first_key += len(data)
            if 0 in r:
                data = os.read(0, 4096)
                if data:
                    up_free = send(up, up_free, data, now)
    finally:
        if stdin_tty:
            termios.tcsetattr(0, termios.TCSADRAIN, saved)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        if first_screen is None and last_arrival is not None:
            lines.append("open %.3f" % (last_arrival - t0))
        if not reported:
            report()


if __name__ == "__main__":
    main()
