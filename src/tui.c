/*
 * tui.c - the interactive browser: the terminal (opened on /dev/tty), the
 * keys read from it, the one event loop that gives them to the screens
 * (screen.h), and the signals that must leave the terminal as it was.
 *
 * Every key redraws every row into stdscr (tui_draw.c); curses sends only
 * the cells that changed, and with idlok it scrolls the terminal when the
 * rows moved, so a step down a page costs about a row of output.
 */
#include "tui_priv.h"

#include "lectern/hanfold.h"
#include "lectern/search.h"
#include "lectern/utf8.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>

/* curses is active (for the atexit handler). */
static int active;

/* lec_x* allocators end the program on failure: the terminal comes back
 * first. */
static FILE *active_out; /* its terminal, when it has bracketed paste on */
static tui_out *active_outl; /* its output, to leave the terminal as curses expects */

static void restore_at_exit(void)
{
    if (!active) return;
    active = 0;
    tui_signals_off();
    if (active_out) {
        fputs(TUI_PASTE_OFF, active_out);
        fflush(active_out);
    }
    if (active_outl) tui_out_reset(active_outl);
    endwin();
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

/* Bracketed paste: the terminal sends what is pasted between these, and
 * curses gives them as these codes (define_key). */
#define PASTE_BEGIN "\033[200~"
#define PASTE_END "\033[201~"
enum { KEY_PASTE_BEGIN = KEY_MAX + 1, KEY_PASTE_END };
/* What a prompt keeps of a paste (the rest is read and dropped). */
#define PASTE_MAX ((size_t)64 << 10)

/* Reads the text of a paste, up to its end, into t->paste.  It is taken
 * as text, never as keys: an Esc or a line break in it must not close a
 * prompt and run the rest as commands.  Keypad mode is off meanwhile, so
 * that escape sequences in it stay characters too. */
static void read_paste(tui *t)
{
    static const size_t endlen = sizeof PASTE_END - 1;
    lec_buf_reset(&t->paste);
    keypad(t->keys, FALSE);
    /* A paste comes at once; a terminal that never ends it is not waited
     * for long. */
    wtimeout(t->keys, 500);
    size_t dropped = 0;
    for (;;) {
        wint_t wc;
        if (wget_wch(t->keys, &wc) == ERR) break;
        char u[4];
        int n = wc ? lec_utf8_encode((int32_t)wc, u) : 0;
        if (t->paste.len + (size_t)n > PASTE_MAX) {
            /* Keep only the last bytes, where the end mark would be. */
            memmove(t->paste.data, t->paste.data + t->paste.len - endlen, endlen);
            dropped += t->paste.len - endlen;
            t->paste.len = endlen;
        }
        lec_buf_put(&t->paste, u, (size_t)n);
        if (t->paste.len >= endlen &&
            memcmp(t->paste.data + t->paste.len - endlen, PASTE_END, endlen) == 0) {
            t->paste.len -= endlen;
            break;
        }
    }
    if (dropped) t->paste.len = 0;
    if (t->paste.data) t->paste.data[t->paste.len] = '\0';
    keypad(t->keys, TRUE);
    if (dropped) tui_message(t, 1, "the paste is too long (more than 64 KiB)");
}

int tui_tick_wanted(tui *t)
{
    int ms = -1;
    for (screen *s = t->top; s; s = s->below)
        if (s->tick_ms >= 0 && (ms < 0 || s->tick_ms < ms)) ms = s->tick_ms;
    return ms;
}

/* Runs the background work of the screens that asked for it. */
static void tick(tui *t)
{
    for (screen *s = t->top; s; s = s->below)
        if (s->tick_ms >= 0 && s->ops->tick) s->tick_ms = s->ops->tick(t, s);
}

/* The next key, LEC_KEY_* for special keys; -1 when the browser must
 * quit (signal, end of the test script, terminal gone).  When no key
 * comes for as long as a screen asked, its background work runs. */
static int next_key(tui *t)
{
    int errors = 0;
    for (;;) {
        if (t->quit || t->leave) return -1;
        /* Back from Ctrl-Z (tui_signal.c): redraw, at the new size. */
        if (tui_signals_resumed(t)) return LEC_KEY_RESIZE;
        wint_t wc;
        int rc;
        int wait = tui_tick_wanted(t);
        if (t->has_pushed) {
            t->has_pushed = 0;
            rc = t->pushed_rc;
            wc = t->pushed_wc;
        } else {
            /* Test mode writes the script's next key where curses reads. */
            if (t->test) tui_test_feed(t);
            wtimeout(t->keys, wait);
            errno = 0;
            rc = wget_wch(t->keys, &wc);
        }
        if (rc == ERR && t->test && t->ended) {
            t->quit = 1; /* the script is over: as the terminal going */
            continue;
        }
        if (rc == ERR && wait >= 0 && errno != EINTR) {
            tick(t);
            /* What the work changed is shown now, unless a key came. */
            if (t->redraw && !t->leave && !t->quit && !tui_key_waiting(t)) {
                t->redraw = 0;
                tui_draw(t);
            }
            continue;
        }
        if (rc == ERR) {
            /* A signal (the handlers do not restart the read), or a
             * terminal that went away: reads fail again and again. */
            if (errno != EINTR && ++errors > 100) t->quit = 1;
            continue;
        }
        errors = 0;
        if (rc == KEY_CODE_YES && wc == KEY_PASTE_BEGIN) {
            read_paste(t);
            return LEC_KEY_PASTE;
        }
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
    if (t->has_pushed) return 1;
    nodelay(t->keys, TRUE);
    t->pushed_rc = wget_wch(t->keys, &t->pushed_wc);
    nodelay(t->keys, FALSE);
    t->has_pushed = t->pushed_rc != ERR;
    return t->has_pushed;
}

/* The screen changed size (LINES and COLS are new): every screen
 * follows. */
static void resized(tui *t)
{
    t->rows = LINES > 1 ? LINES - 1 : 1;
    /* Bottom first: a screen may draw the one below it. */
    screen *stack[64];
    int n = 0;
    for (screen *s = t->top; s && n < 64; s = s->below)
        stack[n++] = s;
    while (n-- > 0)
        if (stack[n]->ops->resize) stack[n]->ops->resize(t, stack[n]);
    /* Terminals reflow or keep odd bits on a resize: repaint it all. */
    tui_out_resize(t->outl);
    if (!t->test) tui_signals_prepare(t);
}

int tui_height(void)
{
    return LINES > 1 ? LINES - 1 : 1;
}

/* ---- screens and the loop ------------------------------------------------ */

screen *tui_push(tui *t, const screen_ops *ops, void *data)
{
    screen *s = lec_xcalloc(1, sizeof *s);
    s->ops = ops;
    s->data = data;
    s->below = t->top;
    s->tick_ms = -1;
    t->top = s;
    return s;
}

void tui_pop(tui *t)
{
    screen *s = t->top;
    if (!s) return;
    t->top = s->below;
    if (s->ops->close) s->ops->close(t, s);
    free(s);
    if (!t->top) tui_leave(t, LEC_TUI_QUIT);
}

void tui_leave(tui *t, int result)
{
    if (t->leave) return;
    t->leave = 1;
    t->result = result;
}

void tui_request(tui *t, lec_request req, long count)
{
    screen *s = t->top;
    if (s && s->ops->request && s->ops->request(t, s, req, count) == SCREEN_DONE) return;
    switch (req) {
    case LEC_REQ_HELP:
        tui_help(t);
        break;
    case LEC_REQ_REDRAW:
        tui_out_invalidate(t->outl);
        break;
    case LEC_REQ_SUSPEND:
        /* With ISIG on, Ctrl-Z stops us through the terminal and our
         * SIGTSTP handler; this is for a Ctrl-Z that arrives as a key. */
        if (!t->test) raise(SIGTSTP);
        break;
    case LEC_REQ_QUIT:
        tui_pop(t);
        break;
    case LEC_REQ_QUIT_ALL:
        tui_leave(t, LEC_TUI_QUIT);
        break;
    default:
        break;
    }
}

void tui_draw(tui *t)
{
    screen *s = t->top;
    if (!s) return;
    tui_begin(t);
    s->ops->draw(t, s);
    int cx = s->ops->status(t, s);
    if (cx >= 0)
        tui_refresh(t, LINES - 1, cx);
    else
        tui_refresh(t, t->show_y, t->show_x);
    /* The first screen is up: now the whole may take the CPUs. */
    if (t->later) lec_later_go(t->later);
    /* Simplified and Traditional are folded with classes made from
     * OpenCC's tables (a tenth of a second): made once the first screen
     * is up, on a thread of its own, so that the first search need not
     * wait for them. */
    if (!t->hanfold_started && !(t->search_flags & LEC_SEARCH_NO_HANFOLD)) {
        t->hanfold_started = 1;
        lec_hanfold_prepare();
    }
}

/* What was wrong in the settings, on the status line until the first
 * key: the first line, and how many more there are. */
static void settings_notice(tui *t)
{
    const char *n = t->o->notice;
    if (!n || !*n) return;
    size_t first = strcspn(n, "\n"), more = 0;
    for (const char *p = n + first; *p; p++) more += *p == '\n' && p[1];
    /* After another notice already up (the history's). */
    lec_buf m = LEC_BUF_INIT;
    if (t->msg.len) lec_buf_printf(&m, "%s; ", t->msg.data);
    lec_buf_printf(&m, "%.*s", (int)first, n);
    if (more) lec_buf_printf(&m, " (and %zu more: lectern --keys shows them all)", more);
    tui_message(t, 1, "%s", m.data);
    lec_buf_free(&m);
}

static lec_tui_result run(tui *t)
{
    for (;;) {
        if (t->leave || !t->top) return (lec_tui_result)t->result;
        /* Keys that came together (a paste) are handled before the
         * screen is drawn again. */
        if (!tui_key_waiting(t)) tui_draw(t);
        int key = next_key(t);
        if (t->leave) return (lec_tui_result)t->result;
        if (key < 0) return t->failed ? LEC_TUI_FAILED : LEC_TUI_QUIT;
        lec_buf_reset(&t->msg);
        if (key == LEC_KEY_RESIZE) {
            resized(t);
            continue;
        }
        screen *s = t->top;
        if (s->ops->key && s->ops->key(t, s, key)) continue;
        if (key == LEC_KEY_PASTE) {
            tui_message(t, 0, "a paste goes into a prompt: / ? : or the outline's /");
            continue;
        }
        long count;
        int req = lec_keys_feed(&t->ks, key, &count);
        if (req != LEC_KEYS_PENDING) tui_request(t, (lec_request)req, count);
        if (t->quit && !t->leave) return t->failed ? LEC_TUI_FAILED : LEC_TUI_QUIT;
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
    /* Keys are read from a pad: curses refreshes the window it reads
     * from, and a pad never; the screen is tui_out.c's alone. */
    t->keys = newpad(1, 1);
    keypad(t->keys, TRUE);
    intrflush(t->keys, FALSE);
    scrollok(stdscr, FALSE);
    if (!getenv("ESCDELAY")) set_escdelay(25);
    const char *nc = getenv("NO_COLOR");
    t->color = has_colors() && !(nc && *nc) && t->o->theme != LEC_THEME_MONO;
    if (t->color) {
        start_color();
        t->deflt = use_default_colors() == OK;
        if (COLORS < 8) t->color = 0;
    }
    tui_theme(t);
    /* Bracketed paste: a paste comes as one piece, not as keys. */
    define_key(PASTE_BEGIN, KEY_PASTE_BEGIN);
    define_key(PASTE_END, KEY_PASTE_END);
    /* (To the terminal: putp would write to stdout.) */
    fputs(TUI_PASTE_ON, t->out);
    fflush(t->out);
    t->paste_on = 1;
    active_out = t->out;
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

/* Opens the first screen of a session; after the loop, before the
 * screens close. */
typedef void (*session_fn)(tui *t, void *arg);

/* A session of the browser: the terminal (or the test screen), the
 * signals, the first screen, the loop, and everything put back. */
static lec_tui_result session(tui *t, session_fn first, session_fn after, void *arg,
                              const char **why)
{
    static int registered;
    /* The document is UTF-8.  In a locale that is not (LANG=C, often the
     * case over SSH), the terminal may not be either: what is not ASCII
     * is drawn as '?', at the width our layout gave it, and the status
     * line says so once (draw). */
    t->ascii = strcmp(nl_langinfo(CODESET), "UTF-8") != 0;

    const char *script = getenv("LECTERN_TEST_SCRIPT");
    if (script && *script) {
        if (tui_test_open(t, script, why)) return LEC_TUI_NO_TERMINAL;
    } else if (open_terminal(t, why)) {
        return LEC_TUI_NO_TERMINAL;
    }
    if (!registered) {
        atexit(restore_at_exit);
        /* Out of memory: the terminal first, then the message. */
        lec_oom_hook(restore_at_exit);
        registered = 1;
    }
    setup_screen(t);
    t->outl = tui_out_open(fileno(t->out));
    active_outl = t->outl;

    if (!t->test) tui_signals_on(t);

    /* The history of the prompts; a damaged file is said once, here. */
    t->hist = lec_hist_open(NULL);
    const char *notice = lec_hist_notice(t->hist);
    if (notice) tui_message(t, 1, "%s", notice);
    t->jumps = lec_jumps_new();
    first(t, arg);
    lec_tui_result r = run(t);
    if (after) after(t, arg);
    /* Every screen closes, the top first (a prompt tells its owner). */
    t->leave = 1;
    while (t->top)
        tui_pop(t);
    if (r == LEC_TUI_FAILED) *why = t->failed;
    /* Not needed after all: the workers are told to stop, and what they
     * make is freed on their own threads, whose inputs are their own. */
    if (t->later) lec_later_cancel(t->later);
    if (t->first) lec_later_cancel(t->first);
    t->later = t->first = NULL;
    lec_hanfold_settle();

    if (t->v) lec_view_free(t->v);
    t->v = NULL;
    lec_jumps_free(t->jumps);
    lec_line_free(&t->line);
    lec_buf_free(&t->msg);
    lec_buf_free(&t->last_pat);
    lec_hist_free(t->hist);
    lec_buf_free(&t->search_defer);
    if (!t->test) tui_signals_off();
    if (t->paste_on) {
        fputs(TUI_PASTE_OFF, t->out);
        fflush(t->out);
    }
    lec_buf_free(&t->paste);
    active_outl = NULL;
    tui_out_close(t->outl);
    t->outl = NULL;
    endwin();
    active = 0;
    active_out = NULL;
    delwin(t->keys);
    delscreen(t->scr);
    if (t->test)
        tui_test_close(t);
    else
        fclose(t->out);
    if (t->failed_place) {
        fprintf(stderr, "lectern: %s\n", t->failed_place);
        free(t->failed_place);
    }
    return r;
}

static void init(tui *t, const lec_tui_opts *o)
{
    memset(t, 0, sizeof *t);
    t->feed_fd = -1;
    t->o = o;
    t->ambi = o->ambi == 2 ? 2 : 1;
    t->last_dir = 1;
    t->search_flags = o->no_script_fold ? LEC_SEARCH_NO_HANFOLD : 0;
    t->slice = -1;
}

static void first_doc(tui *t, void *arg)
{
    (void)arg;
    if (t->doc) {
        t->v = lec_view_new(t->doc, tui_text_cols(t), t->rows, t->ambi);
        tui_place_recall(t);
        tui_doc_open(t);
        settings_notice(t);
    } else {
        tui_wait_open(t); /* the document itself is being made (t->first) */
    }
}

static void after_doc(tui *t, void *arg)
{
    (void)arg;
    tui_place_remember(t);
}

lec_tui_result lec_tui_run(const lec_doc **doc, const lec_tui_opts *o, uint32_t *node,
                           const char **why)
{
    tui t;
    init(&t, o);
    t.doc = *doc;
    t.later = o->later;
    t.first = o->first;
    *node = 0;
    *why = "";
    lec_tui_result r = session(&t, first_doc, after_doc, NULL, why);
    if (r == LEC_TUI_NO_TERMINAL) return r;
    *node = t.node;
    *doc = t.doc;
    return r;
}

static void first_lib(tui *t, void *arg)
{
    tui_lib_open(t, arg);
    settings_notice(t);
}

lec_tui_result lec_tui_library(lec_lib *l, const lec_tui_opts *o, lec_doc **doc, uint32_t *node,
                               const char **why)
{
    tui t;
    init(&t, o);
    *doc = NULL;
    *node = 0;
    *why = "";
    lec_tui_result r = session(&t, first_lib, NULL, l, why);
    if (r == LEC_TUI_NO_TERMINAL) return r;
    if (r == LEC_TUI_PRINT || r == LEC_TUI_PRINT_PLAIN) {
        *doc = t.print_doc;
        *node = t.node;
    } else {
        lec_doc_free(t.print_doc);
    }
    return r;
}
