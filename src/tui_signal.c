/*
 * tui_signal.c - the terminal left as it was found, whatever signal comes.
 *
 * A signal that ends the program (SIGINT, SIGTERM, SIGHUP, SIGQUIT,
 * SIGUSR1, SIGUSR2, SIGALRM, SIGXCPU, SIGXFSZ) restores the terminal in
 * the handler itself, then ends the program by the same signal, so the
 * parent sees the conventional status (130 for SIGINT).  Doing it there,
 * not in the key loop, means it works at once while the browser is busy
 * (a search, waiting for the whole document) and cannot be lost between
 * a check and a blocking read.  Only async-signal-safe calls are made:
 * the bytes that leave and re-enter the screen are made beforehand
 * (tui_signals_prepare) from terminfo, and the terminal modes are set
 * with tcsetattr.
 *
 * SIGTSTP (Ctrl-Z) leaves the screen the same way and stops; on SIGCONT
 * the handler re-enters it and the key loop, whose read the signal
 * interrupts, looks at the terminal's size (it may have changed while
 * stopped) and redraws everything (tui_signals_resumed).  curses' own
 * SIGTSTP handler restarted the read and redrew at the old size.
 */
#include "tui_priv.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

static const int fatal[] = {SIGINT,  SIGTERM, SIGHUP,  SIGQUIT, SIGUSR1,
                            SIGUSR2, SIGALRM, SIGXCPU, SIGXFSZ};
#define NFATAL (sizeof fatal / sizeof *fatal)

static struct sigaction old_fatal[NFATAL], old_tstp;
static volatile sig_atomic_t installed; /* the handlers may act */
static volatile sig_atomic_t resumed;
static int tty = -1;
static struct termios shell_modes, prog_modes;
/* The bytes that leave the screen as endwin does, and that enter it;
 * two sets, so that a handler never reads one being made. */
static struct seqs {
    char leave[512], enter[256];
    size_t leave_len, enter_len;
} seqs[2];
static volatile sig_atomic_t cur;

/* Appends terminfo string `s` (NULL or -1: none) to buf. */
static void add(char *buf, size_t cap, size_t *len, const char *s)
{
    if (!s || s == (char *)-1) return;
    size_t n = strlen(s);
    if (*len + n >= cap) return;
    memcpy(buf + *len, s, n);
    *len += n;
}

static const char *cap(const char *name)
{
    char *s = tigetstr(name);
    return s == (char *)-1 ? NULL : s;
}

void tui_signals_prepare(tui *t)
{
    struct seqs *q = &seqs[!cur];
    char *lv = q->leave, *en = q->enter;
    size_t *ll = &q->leave_len, *el = &q->enter_len;
    *ll = *el = 0;
    const char *csr = cap("csr"), *cup = cap("cup");
    int last = LINES > 0 ? LINES - 1 : 0;
    add(lv, sizeof q->leave, ll, cap("sgr0"));
    if (csr) add(lv, sizeof q->leave, ll, tiparm(csr, 0, last));
    if (cup) add(lv, sizeof q->leave, ll, tiparm(cup, last, 0));
    add(lv, sizeof q->leave, ll, cap("cnorm"));
    add(lv, sizeof q->leave, ll, cap("rmkx"));
    if (t->o->mouse) {
        const char *xm = cap("XM");
        add(lv, sizeof q->leave, ll, xm ? tiparm(xm, 0) : "\033[?1000l");
        add(en, sizeof q->enter, el, xm ? tiparm(xm, 1) : "\033[?1000h");
    }
    if (t->paste_on) {
        add(lv, sizeof q->leave, ll, TUI_PASTE_OFF);
        add(en, sizeof q->enter, el, TUI_PASTE_ON);
    }
    add(lv, sizeof q->leave, ll, cap("rmcup"));
    add(en, sizeof q->enter, el, cap("smcup"));
    add(en, sizeof q->enter, el, cap("smkx"));
    cur = !cur;
}

static void put(const char *s, size_t n)
{
    while (n) {
        ssize_t w = write(tty, s, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return;
        s += w;
        n -= (size_t)w;
    }
}

/* Sets sig to its default action and lets it act, from a handler (where
 * sig is blocked). */
static void act_default(int sig)
{
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    raise(sig);
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, sig);
    pthread_sigmask(SIG_UNBLOCK, &s, NULL);
}

static void on_fatal(int sig)
{
    if (installed) {
        installed = 0;
        put(seqs[cur].leave, seqs[cur].leave_len);
        tcsetattr(tty, TCSADRAIN, &shell_modes);
    }
    act_default(sig);
}

static void on_tstp(int sig)
{
    int saved = errno;
    if (!installed) {
        act_default(sig);
        errno = saved;
        return;
    }
    put(seqs[cur].leave, seqs[cur].leave_len);
    tcsetattr(tty, TCSADRAIN, &shell_modes);
    act_default(sig); /* stops here until SIGCONT */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_tstp;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTSTP, &sa, NULL);
    tcsetattr(tty, TCSADRAIN, &prog_modes);
    put(seqs[cur].enter, seqs[cur].enter_len);
    resumed = 1;
    errno = saved;
}

void tui_signals_on(tui *t)
{
    tty = fileno(t->out);
    /* The modes curses keeps for the shell and for itself. */
    reset_shell_mode();
    tcgetattr(tty, &shell_modes);
    reset_prog_mode();
    tcgetattr(tty, &prog_modes);
    tui_signals_prepare(t);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_fatal;
    sigfillset(&sa.sa_mask); /* one handler at a time */
    sa.sa_flags = 0;
    installed = 1;
    for (size_t i = 0; i < NFATAL; i++) {
        /* A signal ignored from the start stays ignored (a job run in
         * the background by a shell without job control ignores SIGINT
         * and SIGQUIT). */
        sigaction(fatal[i], NULL, &old_fatal[i]);
        if (old_fatal[i].sa_handler != SIG_IGN) sigaction(fatal[i], &sa, NULL);
    }
    /* No SA_RESTART: the key loop's read must return after a resume. */
    sa.sa_handler = on_tstp;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTSTP, &sa, &old_tstp);
}

void tui_signals_off(void)
{
    if (tty < 0) return;
    installed = 0;
    for (size_t i = 0; i < NFATAL; i++)
        sigaction(fatal[i], &old_fatal[i], NULL);
    sigaction(SIGTSTP, &old_tstp, NULL);
    resumed = 0;
    tty = -1;
}

int tui_signals_resumed(tui *t)
{
    if (!resumed) return 0;
    resumed = 0;
    /* The size may have changed while stopped: curses learns it from
     * SIGWINCH only at its next read. */
    struct winsize ws;
    if (ioctl(fileno(t->out), TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0 &&
        (ws.ws_row != LINES || ws.ws_col != COLS))
        resize_term(ws.ws_row, ws.ws_col);
    /* The handler left the screen as endwin does (the cursor shown, the
     * whole screen scrolling): everything is sent again. */
    tui_out_resize(t->outl);
    return 1;
}

void tui_terminal_leave(void)
{
    if (tty < 0) return;
    installed = 0;
    put(seqs[cur].leave, seqs[cur].leave_len);
    tcsetattr(tty, TCSADRAIN, &shell_modes);
}

void tui_terminal_enter(void)
{
    if (tty < 0) return;
    tcsetattr(tty, TCSADRAIN, &prog_modes);
    put(seqs[cur].enter, seqs[cur].enter_len);
    installed = 1;
}
