#!/usr/bin/env python3
"""bench/measure.py - the clocks of bench/run: what a shell cannot time.

    measure.py time   RUNS TIMEOUT ERRLOG   < specs   wall time and max RSS
    measure.py screen RUNS TIMEOUT COLS ROWS < specs  time to first screen (tmux)
    measure.py pty    RUNS TIMEOUT COLS ROWS < specs  bytes written to a terminal
    measure.py search RUNS TIMEOUT COLS ROWS < specs  a search, keys to match (tmux)
    measure.py type   RUNS TIMEOUT COLS ROWS < specs  keystrokes to frames (pty)
    measure.py relay  RUNS TIMEOUT COLS ROWS < specs  over a slow link (tests/relay.py)

Each spec is one line of tab-separated fields (see each command); each
result is one tab-separated line on stdout, in the order of the specs.
Every command runs once to warm up (the file cache, the dynamic loader),
then in RUNS rounds that go through all the specs in turn, so that a drift
of the machine spreads over every program alike; the median is reported.
A warm-up of a second or more counts as the first run.  A run that takes
longer than TIMEOUT seconds is stopped and the spec is reported as
"timeout" without further runs.

time:   spec  LABEL ARGV...
        out   LABEL median-seconds median-maxrss-kB runs status
  The program is started with posix_spawn (stdin and stdout /dev/null,
  stderr appended to ERRLOG) and reaped with wait4; the wall time is
  time.monotonic() around the two calls, nothing subtracted (the overhead
  is what `true` measures: bench/run prints it).  The peak memory is what
  /usr/bin/time -f %M reports, not the ru_maxrss of a child of Python:
  that starts at Python's own size, because posix_spawn shares the
  parent's memory until the exec and the kernel counts it into the
  child's peak.  A program that takes a second or more runs under
  /usr/bin/time every time (the ~1 ms it adds is then below 0.1%); a
  faster one is timed alone and its memory taken from RUNS more runs.

screen: spec  LABEL MARKER ARGV...
        out   LABEL median-seconds median-maxrss-kB runs status
  One private tmux server (-f /dev/null, status line off, windows COLS x
  ROWS) with one control-mode client (tmux -C), through which every
  command goes, so no tmux process is started while timing.
  A run: the clock starts, `new-window` starts ARGV directly (no shell) in
  a fresh pane; the driver then sleeps until tmux reports output from the
  pane (%output notification) and asks for the screen (capture-pane) over
  the same connection, again after each further output, and every 50 ms
  when there is none.  The clock stops when a capture holding MARKER
  comes back.  The reading is late by at most one capture round trip plus
  the notification's delivery; the round trips are reported as a last
  line "poll<TAB>median<TAB>95th percentile<TAB>max" (seconds).  Waiting on
  notifications instead of busy polling leaves the CPU to the program
  measured.  Peak memory: VmHWM of the program (/proc/PID/status, the
  counter ru_maxrss reports at exit) once it has gone idle after its
  first screen (its CPU time unchanged for 0.3 s): a program that draws
  before it has read everything is measured with all it holds.  The pane
  is then killed and the next run waits until the process is gone.

search: spec  LABEL TITLE KEYS MARKER ARGV...
        out   LABEL median-seconds runs status
  On the tmux server of `screen`: ARGV is started in a fresh pane; once a
  capture holds TITLE (its first screen) and the program has used no CPU
  for 0.3 s (lectern reads the rest of a large file after its first
  screen), the clock starts and KEYS are sent: items separated by ';',
  each "lit:TEXT" (sent as text) or a tmux key name (C-r, Enter).  The
  clock stops when a capture shows MARKER in a row above the last (the
  last holds the prompt, and what is typed there).

pty:    spec  LABEL SETUP-KEYS ARGV...
        out   LABEL open-bytes row-bytes page-bytes runs status
  ARGV runs on a new pseudo-terminal (its controlling terminal, size COLS
  x ROWS set with TIOCSWINSZ, TERM=xterm-256color).  Every byte it writes
  is counted: the open (until no byte comes for 0.3 s and the program has
  used no CPU time for 0.3 s: lectern takes in the whole of a large file
  after its first screen, and that redraw belongs to the open), then
  SETUP-KEYS (not counted: lectern's cursor goes to the bottom row first,
  so that each j scrolls), then 50 times j, then 10 times Space, each key
  sent once the output of the one before has settled (no byte for 50 ms
  after the first one).  row-bytes and page-bytes are the totals of the 50
  and the 10.

type:   spec  LABEL KEYS ARGV...
        out   LABEL worst-key-seconds settle-seconds keys runs status
  ARGV runs on a pseudo-terminal as for pty; once it is idle (as the pty
  open), the characters of KEYS (\r for Enter) are typed one at a time,
  each 150 ms after the one before.  A key's time is from writing it to
  the end of the first write() that follows (lectern sends a frame in one
  write; less writes a prompt's echo at once); worst-key is the longest of
  them (a key that brings no output within 1 s, the first g of gg, is
  left out).  settle is from the last key to the last byte before nothing comes
  for 1 s (a search's count, less's search).

relay:  spec  LABEL ARGV...
        out   LABEL open-seconds lag-seconds bytes runs status
  ARGV runs behind tests/relay.py (56 kbit/s and 100 ms each way, COLS x
  ROWS), which types j 30 times a second for 3 s once the first screen is
  in; open is when the last byte of the program's first burst of output
  (its first screen) arrived, lag the time from the last key to the last
  byte after it (relay.py).
"""

import fcntl
import os
import pty
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time

# The environment every program runs in: UTF-8, no user settings that
# would change what less or vim do (LESS, LESSOPEN, VIMINIT...), and a
# HOME of its own so nothing is read from or written to the user's.
def clean_env(term):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LC_ALL": "C.UTF-8",
        "TERM": term,
        "LESSHISTFILE": "-",
        # Every run opens the file at its start, not where the one before
        # left it (lectern's remembered places).
        "LECTERN_NO_REMEMBER": "1",
    }
    home = os.environ.get("BENCH_HOME")
    if home:
        env["HOME"] = home
    return env


def kill_group(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:  # it ended just now
        pass


def median(xs):
    xs = sorted(xs)
    return xs[(len(xs) - 1) // 2]


def read_specs(min_fields):
    specs = []
    for line in sys.stdin:
        f = line.rstrip("\n").split("\t")
        if len(f) < min_fields:
            sys.exit("measure.py: bad spec line: %r" % line)
        specs.append(f)
    return specs


# A warm-up that takes this long (seconds) counts as the first run: a
# program that slow does not depend on a warm cache, and the benchmark
# ends sooner.
SLOW = 1.0


def rounds(specs, runs, one, status=None, warmup=True, keep_slow=True):
    """A warm-up, then rounds over the specs until each has RUNS results.
    one(spec, warm) returns a tuple of numbers (seconds first), or a string
    (the status) when it failed.  Specs whose status (when given) is not
    "ok" are not run."""
    results = [[] for _ in specs]
    status = list(status) if status else ["ok"] * len(specs)
    for r in range(runs + 1):
        if r == 0 and not warmup:
            continue
        for i, spec in enumerate(specs):
            if status[i] != "ok" or len(results[i]) >= runs:
                continue
            res = one(spec, r == 0)
            if isinstance(res, str):
                status[i] = res
            elif r > 0 or (keep_slow and res[0] >= SLOW):
                results[i].append(res)
    return results, status


# ---- time ----------------------------------------------------------------

def cmd_time(runs, timeout, errlog):
    specs = read_specs(2)
    env = clean_env("dumb")
    err_fd = os.open(errlog, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    rss_file = tempfile.NamedTemporaryFile(prefix="lectern-bench-rss.")
    have_time = os.access("/usr/bin/time", os.X_OK)
    slow = set()  # labels of the specs timed under /usr/bin/time

    def spawn(argv):
        """Runs argv; its wall time, or a string saying why it failed."""
        actions = [
            (os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0),
            (os.POSIX_SPAWN_OPEN, 1, "/dev/null", os.O_WRONLY, 0),
            (os.POSIX_SPAWN_DUP2, err_fd, 2),
        ]
        t0 = time.monotonic()
        pid = os.posix_spawnp(argv[0], argv, env, file_actions=actions, setpgroup=0)
        # The timer kills a run that takes too long, with its process group
        # (/usr/bin/time's child too); wait4 stays blocked (no polling)
        # until the program ends.
        killer = threading.Timer(timeout, kill_group, (pid,))
        killer.start()
        _, st, _ = os.wait4(pid, 0)
        t1 = time.monotonic()
        killer.cancel()
        if os.WIFSIGNALED(st) and os.WTERMSIG(st) == signal.SIGKILL and t1 - t0 >= timeout:
            return "timeout"
        if not os.WIFEXITED(st) or os.WEXITSTATUS(st) != 0:
            return "exit-%d" % (os.WEXITSTATUS(st) if os.WIFEXITED(st) else -os.WTERMSIG(st))
        return t1 - t0

    def wrapped(argv):
        """(wall time, max RSS in kB) of argv run under /usr/bin/time."""
        if not have_time:
            t = spawn(argv)
            return t if isinstance(t, str) else (t, None)
        t = spawn(["/usr/bin/time", "-f", "%M", "-o", rss_file.name] + argv)
        if isinstance(t, str):
            return t
        with open(rss_file.name) as f:
            return (t, int(f.read().split()[-1]))

    # The warm-up runs under /usr/bin/time.  A program that takes a second
    # or more goes on so, its time and memory from the same runs (the ~1 ms
    # /usr/bin/time adds is then below 0.1%); a faster one is timed alone
    # and its memory measured in runs of its own.
    def one_time(spec, warm):
        if warm or spec[0] in slow:
            r = wrapped(spec[1:])
            if warm and not isinstance(r, str) and r[0] >= SLOW:
                slow.add(spec[0])
            return r
        t = spawn(spec[1:])
        return t if isinstance(t, str) else (t, None)

    def one_rss(spec, warm):
        r = wrapped(spec[1:])
        return r if isinstance(r, str) else (r[1],)

    times, status = rounds(specs, runs, one_time)
    fast = [st if spec[0] not in slow else "slow" for spec, st in zip(specs, status)]
    rss, _ = rounds(specs, runs, one_rss, fast, warmup=False, keep_slow=False)
    for spec, t, m, st in zip(specs, times, rss, status):
        if t and st == "ok":
            mem = [x[1] for x in t] if spec[0] in slow else [x[0] for x in m]
            mem = [x for x in mem if x is not None]
            print("%s\t%.6f\t%s\t%d\tok" % (spec[0], median([x[0] for x in t]),
                                           median(mem) if mem else "", len(t)))
        else:
            print("%s\t\t\t0\t%s" % (spec[0], st))
        sys.stdout.flush()


# ---- screen --------------------------------------------------------------

def quote(arg):
    """A word for tmux's command parser: single quotes keep it literal."""
    return "'" + arg.replace("'", "'\\''") + "'"


class Tmux:
    """A private tmux server and one control-mode client to talk to it."""

    def __init__(self, cols, rows):
        self.dir = tempfile.mkdtemp(prefix="lectern-bench-tmux.")
        self.sock = os.path.join(self.dir, "sock")
        term = "tmux-256color"
        if subprocess.run(["infocmp", term], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode != 0:
            term = "screen"
        self.env = clean_env(term)
        base = ["tmux", "-S", self.sock, "-f", "/dev/null"]
        # Window 0 holds the session open; every run gets a new window.
        subprocess.run(base + ["new-session", "-d", "-s", "bench", "-x", str(cols),
                               "-y", str(rows), "exec sleep 100000"],
                       env=self.env, check=True)
        self.proc = subprocess.Popen(base + ["-C", "attach", "-t", "bench"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     env=self.env, bufsize=0)
        try:
            self.setup(cols, rows, term)
        except (RuntimeError, OSError):
            # No server left behind.
            subprocess.run(base + ["kill-server"], stderr=subprocess.DEVNULL)
            self.proc.kill()
            self.proc.wait()
            shutil.rmtree(self.dir, ignore_errors=True)
            raise

    def setup(self, cols, rows, term):
        self.buf = b""
        self.output = False  # an %output notification came since last asked
        # Commands that need the client (refresh-client) fail until it is
        # attached, which tmux says with %session-changed.
        while True:
            line = self.readline(30)
            if line is None:
                raise RuntimeError("tmux control client did not attach")
            if line.startswith(b"%session-changed "):
                break
        for opt in ("status off", "remain-on-exit on", "default-size %dx%d" % (cols, rows),
                    "default-terminal " + term, "history-limit 0"):
            self.cmd("set-option -g " + opt)
        # New windows take the size of the client (window-size latest).
        # (window-size manual would do as well, but tmux 3.3a crashes on
        # new-window with it when a control client is attached.)
        self.cmd("refresh-client -C %dx%d" % (cols, rows))
        self.size = "%dx%d" % (cols, rows)
        self.rtt = []

    def readline(self, timeout):
        """The next line from the client, or None after timeout seconds."""
        end = time.monotonic() + timeout
        while b"\n" not in self.buf:
            left = end - time.monotonic()
            if left <= 0 or not select.select([self.proc.stdout], [], [], left)[0]:
                return None
            data = os.read(self.proc.stdout.fileno(), 1 << 16)
            if not data:
                raise RuntimeError("tmux control client ended")
            self.buf += data
        line, self.buf = self.buf.split(b"\n", 1)
        return line

    def cmd(self, command):
        """Sends one command; returns its output lines (raises on %error).
        Notifications met on the way are noted, not returned."""
        self.proc.stdin.write(command.encode() + b"\n")
        out, inside = [], False
        while True:
            line = self.readline(60)
            if line is None:
                raise RuntimeError("tmux did not answer: " + command)
            if not inside:
                if line.startswith(b"%begin ") and line.split()[-1] == b"1":
                    inside = True
                elif line.startswith(b"%output "):
                    self.output = True
                continue
            if line.startswith(b"%end ") or line.startswith(b"%error "):
                if line.startswith(b"%error "):
                    raise RuntimeError("tmux: %s: %s" % (command, b"\n".join(out).decode(errors="replace")))
                return out
            out.append(line)

    def wait_output(self, timeout):
        """Sleeps until the next %output notification (True) or timeout."""
        if self.output:
            self.output = False
            return True
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return False
            line = self.readline(left)
            if line is None:
                return False
            if line.startswith(b"%output "):
                return True

    def capture(self, pane):
        t0 = time.monotonic()
        lines = self.cmd("capture-pane -p -J -t " + pane)
        self.rtt.append(time.monotonic() - t0)
        return b"\n".join(lines).decode("utf-8", errors="replace")

    def close(self):
        try:
            self.cmd("kill-server")
        except (RuntimeError, OSError):
            pass
        self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


def vmhwm(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def cpu_time(pid):
    """User and system clock ticks of pid (all its threads), or None."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return None


def settle(pid, timeout, quiet=0.3):
    """Waits until pid has used no CPU for `quiet` seconds (at most
    timeout seconds)."""
    start = since = time.monotonic()
    last = cpu_time(pid)
    while last is not None and time.monotonic() - start < timeout:
        time.sleep(0.05)
        now, c = time.monotonic(), cpu_time(pid)
        if c != last:
            last, since = c, now
        elif now - since >= quiet:
            return


def gone(pid, timeout):
    """Waits until pid has ended and been reaped (tmux reaps its panes)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            with open("/proc/%d/stat" % pid) as f:
                if f.read().split(")")[-1].split()[0] in ("Z", "X"):
                    time.sleep(0.005)
                    continue
        except OSError:
            return True
        time.sleep(0.005)
    return False


def cmd_screen(runs, timeout, cols, rows):
    specs = read_specs(3)
    tm = Tmux(cols, rows)

    def one(spec, warm):
        marker, argv = spec[1], spec[2:]
        tm.output = False
        t0 = time.monotonic()
        out = tm.cmd("new-window -d -P -F '#{pane_id} #{pane_pid}' -t bench: "
                     + " ".join(quote(a) for a in argv))
        pane, pid = out[0].decode().split()
        pid = int(pid)
        result = "timeout"
        while time.monotonic() - t0 < timeout:
            woke = tm.wait_output(0.05)
            screen = tm.capture(pane)
            if marker in screen:
                t = time.monotonic() - t0
                # The clock has stopped; the memory is read once the
                # program has done what it goes on doing after its first
                # screen (lectern may still be loading).
                settle(pid, timeout)
                result = (t, vmhwm(pid))
                break
            if not woke and tm.cmd("display-message -p -t %s '#{pane_dead}'" % pane)[0] == b"1":
                sys.stderr.write("measure.py: %s ended before its first screen:\n%s\n"
                                 % (spec[0], screen.rstrip()))
                result = "exited"
                break
        # Checked once the clock has stopped, not to delay the reading.
        size = tm.cmd("display-message -p -t %s '#{pane_width}x#{pane_height}'" % pane)
        if size[0].decode() != tm.size:
            sys.exit("measure.py: the pane is %s, not %s" % (size[0].decode(), tm.size))
        tm.cmd("kill-pane -t " + pane)
        if not gone(pid, 30):
            sys.stderr.write("measure.py: %s (pid %d) still there after 30 s\n" % (spec[0], pid))
        time.sleep(0.02)
        return result

    try:
        results, status = rounds(specs, runs, one)
    finally:
        tm.close()
    for spec, res, st in zip(specs, results, status):
        if res and st == "ok":
            print("%s\t%.6f\t%d\t%d\tok" % (spec[0], median([x[0] for x in res]),
                                           median([x[1] for x in res]), len(res)))
        else:
            print("%s\t\t\t0\t%s" % (spec[0], st))
    if tm.rtt:
        rtt = sorted(tm.rtt)
        print("poll\t%.6f\t%.6f\t%.6f" % (median(rtt), rtt[int(len(rtt) * 0.95)], rtt[-1]))


# ---- pty -----------------------------------------------------------------

class Pty:
    def __init__(self, argv, cols, rows):
        env = clean_env("xterm-256color")
        pid, fd = pty.fork()
        if pid == 0:
            # The child: the pty is already its controlling terminal.
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd, self.done = pid, fd, False

    def read(self, timeout):
        """Bytes written within timeout seconds (0 when none)."""
        if self.done or not select.select([self.fd], [], [], timeout)[0]:
            return 0
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:  # EIO: the program has ended
            data = b""
        if not data:
            self.done = True
        return len(data)

    def settle(self, first, quiet=0.05):
        """Bytes until the output settles: the first byte within `first`
        seconds, then none for `quiet` seconds."""
        n = self.read(first)
        if not n:
            return 0
        while True:
            k = self.read(quiet)
            if not k:
                return n
            n += k

    def idle(self, timeout):
        """Bytes until the program has used no CPU time for 0.3 s and
        written nothing meanwhile."""
        n, end = 0, time.monotonic() + timeout
        last, since = cpu_time(self.pid), time.monotonic()
        while time.monotonic() < end and not self.done:
            k = self.read(0.05)
            n += k
            c, now = cpu_time(self.pid), time.monotonic()
            if k or c != last:
                last, since = c, now
            elif now - since >= 0.3:
                break
        return n

    def first_write(self, timeout):
        """Seconds until the end of the first write() to come (the read
        that follows the first byte without waiting), None when none."""
        t0 = time.monotonic()
        if self.done or not select.select([self.fd], [], [], timeout)[0]:
            return None
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:
            data = b""
        if not data:
            self.done = True
            return None
        return time.monotonic() - t0

    def key(self, keys, first):
        os.write(self.fd, keys)
        return self.settle(first)

    def close(self):
        if not self.done:
            try:
                os.write(self.fd, b"q")
            except OSError:
                pass
            end = time.monotonic() + 5
            while not self.done and time.monotonic() < end:
                self.read(0.1)
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def cmd_pty(runs, timeout, cols, rows):
    specs = read_specs(3)

    def one(spec, warm):
        setup, argv = spec[1].encode(), spec[2:]
        p = Pty(argv, cols, rows)
        try:
            opened = p.settle(timeout, 0.3)
            if not opened:
                return "timeout"
            opened += p.idle(timeout)
            if setup:
                p.key(setup, 5)
            row = sum(p.key(b"j", 5) for _ in range(50))
            page = sum(p.key(b" ", 5) for _ in range(10))
            if p.done:
                return "exited"
            return (opened, row, page)
        finally:
            p.close()

    results, status = rounds(specs, runs, one, keep_slow=False)
    for spec, res, st in zip(specs, results, status):
        if res and st == "ok":
            print("%s\t%d\t%d\t%d\t%d\tok" % (spec[0], median([x[0] for x in res]),
                                             median([x[1] for x in res]),
                                             median([x[2] for x in res]), len(res)))
        else:
            print("%s\t\t\t\t0\t%s" % (spec[0], st))


def send_keys(tm, pane, keys):
    """KEYS: items separated by ';', each "lit:TEXT" (typed as it is) or
    a tmux key name (C-r, Enter)."""
    for item in keys.split(";"):
        if item.startswith("lit:"):
            tm.cmd("send-keys -t %s -l %s" % (pane, quote(item[4:])))
        elif item:
            tm.cmd("send-keys -t %s %s" % (pane, item))


def cmd_search(runs, timeout, cols, rows):
    specs = read_specs(5)
    tm = Tmux(cols, rows)

    def one(spec, warm):
        title, keys, marker, argv = spec[1], spec[2], spec[3], spec[4:]
        tm.output = False
        out = tm.cmd("new-window -d -P -F '#{pane_id} #{pane_pid}' -t bench: "
                     + " ".join(quote(a) for a in argv))
        pane, pid = out[0].decode().split()
        pid = int(pid)
        result = "timeout"
        t0 = time.monotonic()
        # The first screen, then nothing more to do (lectern reads the
        # whole of a large file after its first screen).
        shown = False
        while not shown and time.monotonic() - t0 < timeout:
            tm.wait_output(0.05)
            shown = title in tm.capture(pane)
        if shown:
            settle(pid, timeout)
            tm.output = False
            t0 = time.monotonic()
            send_keys(tm, pane, keys)
        while shown and time.monotonic() - t0 < timeout:
            woke = tm.wait_output(0.05)
            screen = tm.capture(pane).split("\n")
            # Not the last row: the prompt there shows what was typed.
            if any(marker in r for r in screen[:rows - 1]):
                result = (time.monotonic() - t0,)
                break
            if not woke and tm.cmd("display-message -p -t %s '#{pane_dead}'" % pane)[0] == b"1":
                sys.stderr.write("measure.py: %s ended before the match was shown:\n%s\n"
                                 % (spec[0], "\n".join(screen).rstrip()))
                result = "exited"
                break
        tm.cmd("kill-pane -t " + pane)
        if not gone(pid, 30):
            sys.stderr.write("measure.py: %s (pid %d) still there after 30 s\n" % (spec[0], pid))
        time.sleep(0.02)
        return result

    try:
        results, status = rounds(specs, runs, one)
    finally:
        tm.close()
    for spec, res, st in zip(specs, results, status):
        if res and st == "ok":
            print("%s\t%.6f\t%d\tok" % (spec[0], median([x[0] for x in res]), len(res)))
        else:
            print("%s\t\t0\t%s" % (spec[0], st))




def cmd_type(runs, timeout, cols, rows):
    specs = read_specs(3)

    def one(spec, warm):
        keys, argv = spec[1].replace("\\r", "\r").encode(), spec[2:]
        p = Pty(argv, cols, rows)
        try:
            if not p.settle(timeout, 0.3):
                return "timeout"
            p.idle(timeout)
            worst, last = 0.0, None
            for ch in keys.decode():
                t0 = time.monotonic()
                tk = t0
                os.write(p.fd, ch.encode())
                # A key that changes nothing on the screen (the g of gg,
                # k at the top) has no frame to wait for.
                dt = p.first_write(1.0)
                if dt is None and p.done:
                    return "exited"
                if dt is not None:
                    worst = max(worst, dt)
                # The rest of this key's output, until the next key.
                end = t0 + 0.15
                while time.monotonic() < end:
                    if p.read(max(0.0, end - time.monotonic())):
                        last = time.monotonic()
                last = last or t0
            # After the last key: until nothing comes for 1 s.
            while True:
                if not p.read(1.0):
                    break
                last = time.monotonic()
            settle = max(0.0, (last or tk) - tk)
            if p.done:
                return "exited"
            return (worst, settle)
        finally:
            if not p.done:
                os.write(p.fd, b"\x1b")
            p.close()

    results, status = rounds(specs, runs, one, keep_slow=False)
    for spec, res, st in zip(specs, results, status):
        if res and st == "ok":
            print("%s\t%.6f\t%.6f\t%d\t%d\tok" % (spec[0], median([x[0] for x in res]),
                                                median([x[1] for x in res]), len(spec[1]),
                                                len(res)))
        else:
            print("%s\t\t\t\t0\t%s" % (spec[0], st))


def cmd_relay(runs, timeout, cols, rows):
    specs = read_specs(2)
    relay = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "relay.py")
    log = tempfile.NamedTemporaryFile(prefix="lectern-bench-relay.")

    def one(spec, warm):
        argv = [sys.executable, relay, "--hold", "j", "30", "3", "--quit", "--size",
                "%dx%d" % (cols, rows), "--log", log.name, "--", "env"]
        env = clean_env("xterm-256color")
        argv += ["%s=%s" % kv for kv in env.items()] + spec[1:]
        with open(os.devnull, "wb") as null:
            try:
                subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=null, timeout=timeout + 10)
            except subprocess.TimeoutExpired:
                return "timeout"
        got = {}
        with open(log.name) as f:
            for line in f:
                k, v = line.split()
                got[k] = float(v)
        if "lag" not in got:
            return "no result"
        return (got["first"], got["lag"], got["bytes"])

    results, status = rounds(specs, runs, one, keep_slow=False)
    for spec, res, st in zip(specs, results, status):
        if res and st == "ok":
            print("%s\t%.6f\t%.6f\t%d\t%d\tok" % (spec[0], median([x[0] for x in res]),
                                                median([x[1] for x in res]),
                                                median([x[2] for x in res]), len(res)))
        else:
            print("%s\t\t\t\t0\t%s" % (spec[0], st))


def main():
    a = sys.argv[1:]
    if len(a) >= 4 and a[0] == "time":
        cmd_time(int(a[1]), float(a[2]), a[3])
    elif len(a) >= 5 and a[0] in ("screen", "pty", "search", "type", "relay"):
        fn = {"screen": cmd_screen, "pty": cmd_pty, "search": cmd_search, "type": cmd_type,
              "relay": cmd_relay}[a[0]]
        fn(int(a[1]), float(a[2]), int(a[3]), int(a[4]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
