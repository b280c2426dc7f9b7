/*
 * tui.c - the interactive browser: the terminal (opened on /dev/tty), the
 * main loop that turns keys into requests (keys.h) and requests into view
 * calls, and the signals that must leave the terminal as it was.
 *
 * Every key redraws every row into stdscr (tui_draw.c); curses sends only
 * the cells that changed, and with idlok it scrolls the terminal when the
 * rows moved, so a step down a page costs about a row of output.
 */
#include "tui_priv.h"

#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>

/* Set by the handlers of SIGINT, SIGTERM and SIGHUP: the loop leaves. */
static volatile sig_atomic_t got_signal;
/* curses is active (for the atexit handler). */
static int active;

static void on_signal(int sig)
{
    got_signal = sig;
}

/* lec_x* allocators end the program on failure: the terminal comes back
 * first. */
static void restore_at_exit(void)
{
    if (active) endwin();
}

static void draw(tui *t)
{
    tui_draw_rows(t);
    tui_draw_status(t);
    /* Once, when the first '?' stood for a character the locale cannot
     * show (and no other message is up). */
    if (t->lossy == 1 && !t->msg.len) {
        tui_message(t, 0, "the locale is not UTF-8: characters it cannot show are drawn as ?");
        t->lossy = 2;
        tui_draw_status(t);
    }
    tui_refresh(-1, -1);
}

/* ---- input -------------------------------------------------------------- */

/* curses' key codes and ours. */
static const int curses_keys[][2] = {
    {KEY_UP, LEC_KEY_UP},       {KEY_DOWN, LEC_KEY_DOWN},     {KEY_LEFT, LEC_KEY_LEFT},
    {KEY_RIGHT, LEC_KEY_RIGHT}, {KEY_PPAGE, LEC_KEY_PGUP},    {KEY_NPAGE, LEC_KEY_PGDN},
    {KEY_HOME, LEC_KEY_HOME},   {KEY_END, LEC_KEY_END},       {KEY_DC, LEC_KEY_DEL},
    {KEY_BTAB, LEC_KEY_BTAB},   {KEY_F(1), LEC_KEY_F1},       {KEY_BACKSPACE, LEC_KEY_BS},
    {KEY_ENTER, LEC_KEY_ENTER}, {KEY_RESIZE, LEC_KEY_RESIZE},
};

static int from_curses(tui *t, int code)
{
    if (code == KEY_MOUSE) {
        MEVENT ev;
        if (!t->o->mouse || getmouse(&ev) != OK) return -1;
        if (ev.bstate & BUTTON4_PRESSED) return LEC_KEY_WHEEL_UP;
#if NCURSES_MOUSE_VERSION > 1
        if (ev.bstate & BUTTON5_PRESSED) return LEC_KEY_WHEEL_DOWN;
#endif
        return -1;
    }
    for (size_t i = 0; i < sizeof curses_keys / sizeof *curses_keys; i++)
        if (curses_keys[i][0] == code) return curses_keys[i][1];
    return -1;
}

int tui_key(tui *t)
{
    if (t->test) return tui_test_key(t);
    int errors = 0;
    for (;;) {
        if (got_signal) t->quit = 1;
        if (t->quit) return -1;
        wint_t wc;
        int rc;
        if (t->has_pushed) {
            t->has_pushed = 0;
            rc = t->pushed_rc;
            wc = t->pushed_wc;
        } else {
            /* While the whole document is being made, look every 100 ms
             * whether it is ready. */
            wtimeout(stdscr, t->later && t->idle_take ? 100 : -1);
            rc = wget_wch(stdscr, &wc);
        }
        if (rc == ERR && t->later && t->idle_take && !got_signal) {
            if (tui_take_whole(t, 0) < 0) return -1;
            continue;
        }
        if (rc == ERR) {
            /* A signal (the handlers do not restart the read), or a
             * terminal that went away: reads fail again and again. */
            if (!got_signal && ++errors > 100) t->quit = 1;
            continue;
        }
        errors = 0;
        if (rc == KEY_CODE_YES) {
            int k = from_curses(t, (int)wc);
            if (k >= 0) return k;
            continue;
        }
        if (wc == '\n') return LEC_KEY_ENTER; /* Ctrl-J */
        if (wc == 8) return LEC_KEY_BS;       /* Ctrl-H */
        return (int)wc;
    }
}

int tui_key_waiting(tui *t)
{
    if (t->test || t->has_pushed) return t->has_pushed;
    nodelay(stdscr, TRUE);
    t->pushed_rc = wget_wch(stdscr, &t->pushed_wc);
    nodelay(stdscr, FALSE);
    t->has_pushed = t->pushed_rc != ERR;
    return t->has_pushed;
}

void tui_resized(tui *t)
{
    t->rows = LINES > 1 ? LINES - 1 : 1;
    lec_view_resize(t->v, COLS > 0 ? COLS : 1, t->rows);
    /* Terminals reflow or keep odd bits on a resize: repaint it all. */
    clearok(curscr, TRUE);
}

/* ---- requests ----------------------------------------------------------- */

static void wrapped_message(tui *t, int dir)
{
    tui_message(t, 0, dir > 0 ? "search wrapped to the top" : "search wrapped to the bottom");
}

static void search_next(tui *t, int dir, long n)
{
    size_t k, total;
    lec_view_search_state(t->v, &k, &total);
    if (!t->last_pat.len && !total) {
        tui_message(t, 1, "no search yet: / searches");
        return;
    }
    for (long i = 0; i < n; i++) {
        int wrapped = 0;
        if (!lec_view_search_next(t->v, dir, &wrapped)) {
            tui_message(t, 1, "no match for '%s'", t->last_pat.data ? t->last_pat.data : "");
            return;
        }
        if (wrapped) wrapped_message(t, dir * (t->last_dir ? t->last_dir : 1));
    }
}

static void jump(tui *t, int (*fn)(lec_view *, int), int dir, long n, const char *none)
{
    for (long i = 0; i < n; i++) {
        if (!fn(t->v, dir)) {
            if (i == 0) tui_message(t, 1, "%s", none);
            return;
        }
    }
}

static void fold(tui *t, int how)
{
    if (!lec_view_fold(t->v, how)) tui_message(t, 1, "no section or point here to fold");
}

/* Carries out a request; returns -1 to stay, or a result to leave with. */
static int request(tui *t, int req, long count, uint32_t *node)
{
    long n = count > 0 ? count : 1;
    int half = t->rows / 2 > 0 ? t->rows / 2 : 1;
    switch (req) {
    case LEC_REQ_DOWN:
        lec_view_move(t->v, (int)n);
        break;
    case LEC_REQ_UP:
        lec_view_move(t->v, (int)-n);
        break;
    case LEC_REQ_PAGE_DOWN:
        lec_view_scroll(t->v, (int)n * t->rows);
        break;
    case LEC_REQ_PAGE_UP:
        lec_view_scroll(t->v, (int)-n * t->rows);
        break;
    case LEC_REQ_HALF_DOWN:
        lec_view_scroll(t->v, (int)n * half);
        break;
    case LEC_REQ_HALF_UP:
        lec_view_scroll(t->v, (int)-n * half);
        break;
    case LEC_REQ_TOP:
        lec_view_top(t->v);
        break;
    case LEC_REQ_BOTTOM:
        lec_view_bottom(t->v);
        break;
    case LEC_REQ_WHEEL_DOWN:
        if (t->o->mouse) lec_view_wheel(t->v, 3);
        break;
    case LEC_REQ_WHEEL_UP:
        if (t->o->mouse) lec_view_wheel(t->v, -3);
        break;
    case LEC_REQ_FOLD_TOGGLE:
        fold(t, LEC_FOLD_TOGGLE);
        break;
    case LEC_REQ_FOLD_OPEN:
        fold(t, LEC_FOLD_OPEN);
        break;
    case LEC_REQ_FOLD_CLOSE:
        fold(t, LEC_FOLD_CLOSE);
        break;
    case LEC_REQ_FOLD_ALL:
        fold(t, LEC_FOLD_ALL);
        break;
    case LEC_REQ_FOLD_NONE:
        fold(t, LEC_FOLD_NONE);
        break;
    case LEC_REQ_FOLD_CYCLE:
        fold(t, LEC_FOLD_CYCLE);
        break;
    case LEC_REQ_PARENT:
        lec_view_parent(t->v);
        break;
    case LEC_REQ_ENTER:
        lec_view_enter(t->v);
        break;
    case LEC_REQ_NEXT_NODE:
        jump(t, lec_view_next_node, 1, n, "no section or point after this");
        break;
    case LEC_REQ_PREV_NODE:
        jump(t, lec_view_next_node, -1, n, "no section or point before this");
        break;
    case LEC_REQ_NEXT_SIBLING:
        jump(t, lec_view_next_sibling, 1, n, "the last one at this level");
        break;
    case LEC_REQ_PREV_SIBLING:
        jump(t, lec_view_next_sibling, -1, n, "the first one at this level");
        break;
    case LEC_REQ_GOTO:
        tui_goto(t);
        break;
    case LEC_REQ_OUTLINE:
        tui_outline(t);
        break;
    case LEC_REQ_SEARCH_FWD:
        tui_search(t, 1);
        break;
    case LEC_REQ_SEARCH_BACK:
        tui_search(t, -1);
        break;
    case LEC_REQ_SEARCH_NEXT:
        search_next(t, 1, n);
        break;
    case LEC_REQ_SEARCH_PREV:
        search_next(t, -1, n);
        break;
    case LEC_REQ_PRINT:
    case LEC_REQ_PRINT_PLAIN:
        /* The root (before the first section) prints the whole document. */
        *node = lec_view_current(t->v);
        return req == LEC_REQ_PRINT ? LEC_TUI_PRINT : LEC_TUI_PRINT_PLAIN;
    case LEC_REQ_HELP:
        tui_help(t);
        break;
    case LEC_REQ_REDRAW:
        clearok(curscr, TRUE);
        break;
    case LEC_REQ_SUSPEND:
        /* With ISIG on, Ctrl-Z stops us through the terminal and curses'
         * SIGTSTP handler; this is for a Ctrl-Z that arrives as a key. */
        if (!t->test) raise(SIGTSTP);
        break;
    case LEC_REQ_QUIT:
        return LEC_TUI_QUIT;
    default:
        break;
    }
    return t->quit ? LEC_TUI_QUIT : -1;
}

/* ---- the whole document, when the first part was shown ------------------ */

int tui_take_whole(tui *t, int wait)
{
    if (!t->later || (!wait && !lec_later_ready(t->later))) return 0;
    if (!lec_later_ready(t->later)) {
        tui_message(t, 0, "reading the whole document");
        draw(t);
    }
    char *why;
    lec_doc *d = lec_later_take(t->later, &why);
    t->later = NULL;
    lec_buf_reset(&t->msg);
    if (!d) {
        t->failed = why ? why : lec_xstrndup("cannot be read", 14);
        t->quit = 1;
        return -1;
    }
    lec_view *v = lec_view_new(d, COLS > 0 ? COLS : 1, t->rows, t->ambi);
    lec_view_adopt(v, t->v);
    lec_view_free(t->v);
    t->v = v;
    t->doc = d;
    if (why) tui_message(t, 1, "%s", why);
    free(why);
    draw(t);
    return 1;
}

/* Requests that the first part of a document can serve: moving, and
 * folding the node at hand.  The rest (the end, jumps, search, the
 * outline, folding everything, printing) wait for the whole. */
static int part_will_do(int req)
{
    switch (req) {
    case LEC_REQ_DOWN: case LEC_REQ_UP: case LEC_REQ_PAGE_DOWN: case LEC_REQ_PAGE_UP:
    case LEC_REQ_HALF_DOWN: case LEC_REQ_HALF_UP: case LEC_REQ_TOP: case LEC_REQ_WHEEL_DOWN:
    case LEC_REQ_WHEEL_UP: case LEC_REQ_FOLD_TOGGLE: case LEC_REQ_FOLD_OPEN:
    case LEC_REQ_FOLD_CLOSE: case LEC_REQ_PARENT: case LEC_REQ_ENTER: case LEC_REQ_HELP:
    case LEC_REQ_REDRAW: case LEC_REQ_SUSPEND: case LEC_REQ_QUIT: case LEC_REQ_NONE:
        return 1;
    default:
        return 0;
    }
}

static lec_tui_result run(tui *t, uint32_t *node)
{
    draw(t);
    /* The first screen is up: now the whole may take the CPUs. */
    if (t->later) lec_later_go(t->later);
    for (;;) {
        t->idle_take = 1;
        int key = tui_key(t);
        t->idle_take = 0;
        if (key < 0) return t->failed ? LEC_TUI_FAILED : LEC_TUI_QUIT;
        lec_buf_reset(&t->msg);
        if (key == LEC_KEY_RESIZE) {
            tui_resized(t);
            draw(t);
            continue;
        }
        long count;
        int req = lec_keys_feed(&t->ks, key, &count);
        if (req != LEC_KEYS_PENDING) {
            if (t->later && !part_will_do(req) && tui_take_whole(t, 1) < 0) return LEC_TUI_FAILED;
            int r = request(t, req, count, node);
            if (r >= 0) return (lec_tui_result)r;
            /* The reader reached the end of the part: on with the whole. */
            if (t->later && lec_view_percent(t->v) >= 100 && tui_take_whole(t, 1) < 0)
                return LEC_TUI_FAILED;
        }
        draw(t);
    }
}

/* ---- the terminal ------------------------------------------------------- */

/* Checks TERM before curses draws anything: a terminal that cannot move
 * the cursor gets the plain dump instead. */
static int open_terminal(tui *t, const char **why)
{
    t->in = t->out = fopen("/dev/tty", "r+");
    if (!t->out) {
        *why = "no terminal";
        return -1;
    }
    const char *term = getenv("TERM");
    int err = 0;
    if (!term || !*term) {
        *why = "TERM is not set";
    } else if (strcmp(term, "dumb") == 0) {
        *why = "TERM is dumb";
    } else if (setupterm(NULL, fileno(t->out), &err) != OK) {
        *why = "TERM is not a known terminal";
    } else {
        const char *cup = tigetstr("cup");
        int addressable = cup && cup != (char *)-1;
        del_curterm(cur_term);
        if (!addressable)
            *why = "TERM is dumb";
        else if (!(t->scr = newterm(NULL, t->out, t->in)))
            *why = "TERM is not a known terminal";
    }
    if (t->scr) return 0;
    fclose(t->out);
    t->in = t->out = NULL;
    return -1;
}

static void setup_screen(tui *t)
{
    set_term(t->scr);
    active = 1;
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    intrflush(stdscr, FALSE);
    /* Scrolling is done by curses' update (idlok), never by a window. */
    idlok(stdscr, TRUE);
    scrollok(stdscr, FALSE);
    leaveok(stdscr, TRUE);
    curs_set(0);
    if (!getenv("ESCDELAY")) set_escdelay(25);
    const char *nc = getenv("NO_COLOR");
    t->color = has_colors() && !(nc && *nc);
    if (t->color) {
        start_color();
        t->deflt = use_default_colors() == OK;
        if (COLORS < 8) t->color = 0;
    }
    const char *sitm = tigetstr("sitm");
    t->italic = sitm && sitm != (char *)-1;
    if (t->o->mouse) {
        mousemask(BUTTON4_PRESSED
#if NCURSES_MOUSE_VERSION > 1
                      | BUTTON5_PRESSED
#endif
                  ,
                  NULL);
        mouseinterval(0);
    }
    t->rows = LINES > 1 ? LINES - 1 : 1;
}

lec_tui_result lec_tui_run(const lec_doc **doc, const lec_tui_opts *o, uint32_t *node,
                           const char **why)
{
    static int registered;
    tui t;
    memset(&t, 0, sizeof t);
    t.doc = *doc;
    t.later = o->later;
    t.o = o;
    t.ambi = o->ambi == 2 ? 2 : 1;
    t.last_dir = 1;
    *node = 0;
    *why = "";

    /* The document is UTF-8.  In a locale that is not (LANG=C, often the
     * case over SSH), the terminal may not be either: what is not ASCII
     * is drawn as '?', at the width our layout gave it, and the status
     * line says so once (draw). */
    t.ascii = strcmp(nl_langinfo(CODESET), "UTF-8") != 0;

    /* The dispositions before curses put its own handlers in. */
    struct sigaction sa, old_int, old_term, old_hup;
    sigaction(SIGINT, NULL, &old_int);
    sigaction(SIGTERM, NULL, &old_term);
    sigaction(SIGHUP, NULL, &old_hup);

    const char *script = getenv("LECTERN_TEST_SCRIPT");
    if (script && *script) {
        if (tui_test_open(&t, script, why)) return LEC_TUI_NO_TERMINAL;
    } else if (open_terminal(&t, why)) {
        return LEC_TUI_NO_TERMINAL;
    }
    if (!registered) {
        atexit(restore_at_exit);
        registered = 1;
    }
    setup_screen(&t);

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: the blocked read must return */
    got_signal = 0;
    if (!t.test) {
        sigaction(SIGINT, &sa, NULL);
        sigaction(SIGTERM, &sa, NULL);
        sigaction(SIGHUP, &sa, NULL);
    }

    t.v = lec_view_new(t.doc, COLS > 0 ? COLS : 1, t.rows, t.ambi);
    lec_tui_result r = run(&t, node);
    if (r == LEC_TUI_FAILED) *why = t.failed;
    *doc = t.doc;
    if (t.later && t.test) {
        /* Not needed after all; tests end with nothing left running. */
        char *w;
        lec_doc_free(lec_later_take(t.later, &w));
        free(w);
    }

    lec_view_free(t.v);
    lec_line_free(&t.line);
    lec_buf_free(&t.msg);
    lec_buf_free(&t.last_pat);
    endwin();
    active = 0;
    delscreen(t.scr);
    if (t.test)
        tui_test_close(&t);
    else
        fclose(t.out);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    sigaction(SIGHUP, &old_hup, NULL);
    /* Killed (not Ctrl-C, which is q): die of the signal, now that the
     * terminal is back, so the parent sees it. */
    if (got_signal == SIGTERM || got_signal == SIGHUP) {
        signal(got_signal, SIG_DFL);
        raise(got_signal);
    }
    return r;
}
