/*
 * tui_test.c - the headless test mode (tui.h): a curses screen that
 * writes to /dev/null, keys read from a script, and screen dumps with one
 * attribute letter per cell.
 *
 * The keys go where a terminal's would: the script's keys are written,
 * as the bytes a terminal sends for them, to a pipe that curses reads
 * with wget_wch, so the tests run the real key reading (escape sequences,
 * UTF-8, the Esc delay), the idle work between keys and the way out.
 * One key is written when the browser wants the next one, so each is
 * handled and drawn before the next comes; !burst sends a line's keys at
 * once, as a paste does.
 *
 * The terminal type is fixed (not TERM, which make check sets to dumb) so
 * that dumps do not depend on where the tests run.
 */
#include "tui_priv.h"

#include "lectern/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <term.h>
#include <unistd.h>

/* Tried in order: any one with cursor addressing will do. */
static const char *const test_terms[] = {"xterm-256color", "xterm", "vt100", "ansi"};

int tui_test_open(tui *t, const char *script, const char **why)
{
    int cols = 80, rows = 24;
    const char *size = getenv("LECTERN_TEST_SIZE");
    if (size && *size &&
        (sscanf(size, "%dx%d", &cols, &rows) != 2 || cols < 1 || rows < 1 || cols > 1000 ||
         rows > 1000)) {
        *why = "LECTERN_TEST_SIZE is not COLSxROWS";
        return -1;
    }
    t->script = fopen(script, "r");
    if (!t->script) {
        *why = "cannot read LECTERN_TEST_SCRIPT";
        return -1;
    }
    t->out = fopen("/dev/null", "w");
    int fds[2];
    if (pipe(fds) == 0) {
        fcntl(fds[0], F_SETFD, FD_CLOEXEC);
        fcntl(fds[1], F_SETFD, FD_CLOEXEC);
        /* Never block on a full pipe: a key that does not fit waits. */
        fcntl(fds[1], F_SETFL, O_NONBLOCK);
        t->in = fdopen(fds[0], "r");
        if (!t->in) close(fds[0]);
        t->feed_fd = fds[1];
    }
    /* The size is the script's: a SIGWINCH from the terminal the tests
     * happen to run in must not change it (curses installs its handler
     * only where the signal is at its default). */
    signal(SIGWINCH, SIG_IGN);
    for (size_t i = 0; t->in && t->out && !t->scr && i < sizeof test_terms / sizeof *test_terms;
         i++)
        t->scr = newterm(test_terms[i], t->out, t->in);
    if (!t->scr) {
        *why = "no terminal description for the test screen";
        tui_test_close(t);
        return -1;
    }
    set_term(t->scr);
    resize_term(rows, cols);
    /* Background work (a search) is done at once, so that every dump is
     * the same, unless LECTERN_TEST_SLICE says how many blocks a slice
     * reads: then it goes on only while the script waits (!wait). */
    const char *slice = getenv("LECTERN_TEST_SLICE");
    t->slice = slice && *slice ? atoi(slice) : 0;
    /* Input is the pipe: curses must not stop drawing for typeahead. */
    typeahead(-1);
    t->test = 1;
    return 0;
}

void tui_test_close(tui *t)
{
    if (t->script) fclose(t->script);
    if (t->out) fclose(t->out);
    if (t->in) fclose(t->in);
    if (t->feed_fd >= 0) close(t->feed_fd);
    t->feed_fd = -1;
    t->script = NULL;
    t->out = t->in = NULL;
    free(t->sline);
    t->sline = NULL;
    free(t->shadow);
    t->shadow = NULL;
    signal(SIGWINCH, SIG_DFL);
}

/* Appends the screen to LECTERN_TEST_DUMP (standard error when unset). */
static void dump(tui *t, const char *name)
{
    const char *path = getenv("LECTERN_TEST_DUMP");
    FILE *f = path && *path ? fopen(path, "a") : stderr;
    if (!f) {
        fprintf(stderr, "lectern: cannot write the dump to %s\n", path);
        return;
    }
    fprintf(f, "=== %s %dx%d\n", name, COLS, LINES);
    /* A cell holds at most a few code points of 4 bytes. */
    size_t cap = (size_t)COLS * 4 * CCHARW_MAX + 1;
    char *buf = lec_xmalloc(cap);
    for (int y = 0; y < LINES; y++) {
        int n = mvwinnstr(stdscr, y, 0, buf, (int)cap - 1);
        if (n < 0) n = 0;
        buf[n] = 0;
        while (n > 0 && buf[n - 1] == ' ')
            buf[--n] = 0;
        fprintf(f, "%s\n", buf);
    }
    fputs("--- attributes\n", f);
    for (int y = 0; y < LINES; y++) {
        const char *row =
            t->shadow && y < t->shadow_rows ? t->shadow + (size_t)y * t->shadow_cols : "";
        int n = t->shadow && y < t->shadow_rows ? t->shadow_cols : 0;
        while (n > 0 && row[n - 1] == '.')
            n--;
        fprintf(f, "%.*s\n", n, row);
    }
    free(buf);
    if (f != stderr)
        fclose(f);
    else
        fflush(f);
}

/* The terminfo capability a special key is sent as. */
static const struct {
    int key;
    const char *cap;
} key_caps[] = {
    {LEC_KEY_UP, "kcuu1"},    {LEC_KEY_DOWN, "kcud1"}, {LEC_KEY_LEFT, "kcub1"},
    {LEC_KEY_RIGHT, "kcuf1"}, {LEC_KEY_PGUP, "kpp"},   {LEC_KEY_PGDN, "knp"},
    {LEC_KEY_HOME, "khome"},  {LEC_KEY_END, "kend"},   {LEC_KEY_DEL, "kdch1"},
    {LEC_KEY_BTAB, "kcbt"},   {LEC_KEY_F1, "kf1"},
};

/* Appends the bytes a terminal sends for key; 0 when it sends none. */
static int key_bytes(tui *t, int key, lec_buf *out)
{
    if (key >= 0 && key < LEC_KEY_SPECIAL) {
        char u[4];
        int n = lec_utf8_encode(key, u);
        lec_buf_put(out, u, (size_t)n);
        return n > 0;
    }
    if (key == LEC_KEY_WHEEL_UP || key == LEC_KEY_WHEEL_DOWN) {
        /* Only a terminal asked for mouse reports sends them (--mouse);
         * the test terminal's are xterm's SGR reports (kmous \E[<). */
        if (!t->o->mouse) return 0;
        lec_buf_printf(out, "\033[<%d;1;1M", key == LEC_KEY_WHEEL_UP ? 64 : 65);
        return 1;
    }
    for (size_t i = 0; i < sizeof key_caps / sizeof *key_caps; i++) {
        if (key_caps[i].key != key) continue;
        const char *s = tigetstr(key_caps[i].cap);
        if (!s || s == (char *)-1) return 0;
        lec_buf_puts(out, s);
        return 1;
    }
    return 0;
}

/* Bytes written to the pipe and not read by curses yet. */
static int pending(tui *t)
{
    int n = 0;
    if (!t->in || ioctl(fileno(t->in), FIONREAD, &n) != 0) return 0;
    return n;
}

/* Writes the next key(s) of the line in hand; 1 when something was
 * written. */
static int feed_keys(tui *t)
{
    lec_buf b = LEC_BUF_INIT;
    while (t->sp && *t->sp && b.len < 1024) {
        const char *at = t->sp;
        int unknown = 0;
        int key = lec_key_parse(&t->sp, &unknown);
        if (unknown)
            fprintf(stderr, "lectern: test script line %ld: unknown key name after '<'\n",
                    t->script_line);
        if (key < 0) break;
        size_t before = b.len;
        if (!key_bytes(t, key, &b)) continue;
        if (b.len > 1024 && before > 0) { /* the next time */
            b.len = before;
            t->sp = at;
            break;
        }
        if (!t->burst) break;
    }
    size_t done = 0;
    while (done < b.len) {
        ssize_t w = write(t->feed_fd, b.data + done, b.len - done);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) break; /* cannot happen: the pipe was empty */
        done += (size_t)w;
    }
    lec_buf_free(&b);
    return done > 0;
}

/* Sends s, its escapes (\e \n \r \t \\ \xHH) turned into bytes, as
 * a terminal in bracketed paste mode sends a paste. */
static void paste(tui *t, const char *s)
{
    lec_buf b = LEC_BUF_INIT;
    lec_buf_puts(&b, "\033[200~");
    while (*s) {
        char c = *s++;
        if (c == '\\' && *s) {
            c = *s++;
            switch (c) {
            case 'e': c = 033; break;
            case 'n': c = '\n'; break;
            case 'r': c = '\r'; break;
            case 't': c = '\t'; break;
            case 'x': {
                unsigned v = 0;
                for (int k = 0; k < 2 && *s; k++, s++) {
                    char h = *s;
                    v = v * 16 + (unsigned)(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
                }
                c = (char)v;
                break;
            }
            default: break;
            }
        }
        lec_buf_putc(&b, c);
    }
    lec_buf_puts(&b, "\033[201~");
    size_t done = 0;
    while (done < b.len) {
        ssize_t w = write(t->feed_fd, b.data + done, b.len - done);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) break;
        done += (size_t)w;
    }
    lec_buf_free(&b);
}

/* The script is over: the input ends, as a terminal's does. */
static void end_script(tui *t)
{
    if (t->feed_fd >= 0) close(t->feed_fd);
    t->feed_fd = -1;
    t->ended = 1;
}

void tui_test_feed(tui *t)
{
    if (t->ended || pending(t)) return;
    if (t->waiting) {
        /* !wait: until the screens' background work is done; the loop
         * runs it while no key comes. */
        if (tui_tick_wanted(t) >= 0) return;
        t->waiting = 0;
    }
    if (t->idle > 0) { /* !idle N: N rounds of it */
        t->idle--;
        if (tui_tick_wanted(t) >= 0) return;
        t->idle = 0;
    }
    for (;;) {
        if (t->sp && *t->sp && feed_keys(t)) return;
        ssize_t n = getline(&t->sline, &t->sline_cap, t->script);
        if (n < 0) {
            end_script(t);
            return;
        }
        t->script_line++;
        while (n > 0 && (t->sline[n - 1] == '\n' || t->sline[n - 1] == '\r'))
            t->sline[--n] = 0;
        t->sp = NULL;
        t->burst = 0;
        if (t->sline[0] == '#') continue;
        if (strncmp(t->sline, "!dump", 5) == 0) {
            const char *name = t->sline + 5;
            while (*name == ' ')
                name++;
            dump(t, name);
            continue;
        }
        if (strncmp(t->sline, "!resize", 7) == 0) {
            int cols, rows;
            if (sscanf(t->sline + 7, " %dx%d", &cols, &rows) == 2 && cols > 0 && rows > 0 &&
                cols <= 1000 && rows <= 1000) {
                /* As curses does on SIGWINCH: the new size, then the key. */
                resize_term(rows, cols);
                ungetch(KEY_RESIZE);
                return;
            }
            fprintf(stderr, "lectern: test script line %ld: !resize wants COLSxROWS\n",
                    t->script_line);
            continue;
        }
        if (strcmp(t->sline, "!wait") == 0) {
            if (tui_tick_wanted(t) < 0) continue;
            t->waiting = 1;
            return;
        }
        if (strncmp(t->sline, "!sleep ", 7) == 0) {
            /* Time for the workers, as a reader pausing. */
            usleep((useconds_t)atoi(t->sline + 7) * 1000);
            continue;
        }
        if (strncmp(t->sline, "!paste ", 7) == 0) {
            paste(t, t->sline + 7);
            return;
        }
        if (strncmp(t->sline, "!idle", 5) == 0) {
            int rounds = atoi(t->sline + 5);
            if (rounds > 0 && tui_tick_wanted(t) >= 0) {
                t->idle = rounds - 1;
                return;
            }
            continue;
        }
        if (strncmp(t->sline, "!burst ", 7) == 0) {
            t->sp = t->sline + 7;
            t->burst = 1;
            continue;
        }
        if (t->sline[0] == '!') {
            fprintf(stderr, "lectern: test script line %ld: unknown command %s\n", t->script_line,
                    t->sline);
            continue;
        }
        t->sp = t->sline;
    }
}
