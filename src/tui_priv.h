/*
 * tui_priv.h - what the parts of the browser share: tui.c (terminal,
 * keys, the event loop), tui_draw.c (drawing), the screens (screen.h:
 * tui_doc.c the document, prompt.c the bottom-line editor, list.c lists,
 * overlay.c the outline and the help) and tui_test.c (headless test
 * mode).
 */
#ifndef LECTERN_TUI_PRIV_H
#define LECTERN_TUI_PRIV_H

#include <curses.h>
#include <stdio.h>

#include "lectern/history.h"
#include "lectern/jumps.h"
#include "lectern/keys.h"
#include "lectern/place.h"
#include "lectern/library.h"
#include "lectern/render.h"
#include "lectern/tui.h"
#include "lectern/util.h"
#include "lectern/view.h"
#include "screen.h"

typedef struct tui_out tui_out;

typedef struct tui {
    /* The document shown by the document screen (tui_doc.c). */
    const lec_doc *doc;
    lec_view *v;
    lec_later *later; /* the whole document, not taken yet (tui.h) */
    lec_later *first; /* the document itself, not made yet (tui_wait.c) */
    int doc_owned;    /* doc came from a later: the browser frees it when replaced */
    int reloading;    /* later reads the file again (R) */
    char *failed;     /* why the whole could not be made */
    const lec_tui_opts *o;
    int ambi;
    int test;      /* headless: keys from a script, screen to /dev/null */
    int color;     /* colours in use (no NO_COLOR, terminal has them) */
    int italic;    /* the terminal has italics (sitm) */
    int deflt;     /* colour -1 is the terminal's default (use_default_colors) */
    int rows;      /* rows of text: the screen less the status line */
    int quit;      /* a signal or the end of the input: leave now */
    int ascii;     /* the locale is not UTF-8: clusters but ASCII are drawn as '?' */
    int lossy;     /* 1: a cluster was drawn as '?' and not said yet; 2: said */
    screen *top;   /* the screen stack (screen.h) */
    int leave;     /* tui_leave was called: the loop ends with `result` */
    int result;    /* lec_tui_result */
    uint32_t node; /* for the PRINT results */
    /* For them, a document of the library (its screen gave it up). */
    lec_doc *print_doc;
    SCREEN *scr;
    FILE *in, *out;
    WINDOW *keys;     /* the pad keys are read from (never drawn: curses never updates the screen) */
    tui_out *outl;    /* the output (tui_out.c) */
    int show_y, show_x; /* where the terminal's cursor is shown (-1: hidden) */
    int cursor_y;
    lec_line line;    /* scratch row */
    lec_buf msg;      /* transient message, shown until the next key */
    int msg_error;    /* the message reports a failure */
    lec_keyseq ks;    /* count and keys typed so far */
    lec_buf last_pat; /* the last search pattern, for an empty / */
    int last_dir;     /* its direction: 1 forward, -1 backward */
    unsigned search_flags; /* LEC_SEARCH_REGEX, LEC_SEARCH_NO_HANFOLD (search.h) */
    lec_hist *hist;        /* the prompts' history (history.h) */
    int hanfold_started;   /* lec_hanfold_prepare was called */
    lec_jumps *jumps; /* the jump list and the marks (jumps.h) */
    int mark_key;     /* 'm' or '\'' typed: the next key is a mark's letter */
    int walking;      /* the last request went through the jumps (<C-o>) */
    lec_place place;  /* where the reader left the file (place.h) */
    int place_later;  /* recall it again when the whole document is in */
    int moved;        /* the reader moved since the browser opened */
    char *failed_place; /* why the place could not be remembered (said at the end) */
    lec_buf paste;    /* the text of the last LEC_KEY_PASTE */
    int paste_on;     /* bracketed paste is enabled on the terminal */
    int redraw;       /* background work changed the screen (a tick op) */
    int slice;        /* blocks a slice of background work reads (<0: by time) */
    int search_wait;  /* an accepted search has not found its match yet */
    lec_vpos search_from; /* where it began (for the jump list) */
    lec_buf search_defer; /* a pattern waiting for the fold's tables (hanfold.h) */
    int defer_dir;
    screen *doc_scr;  /* the document screen (tui_doc.c) */
    int has_pushed;   /* a key read ahead by tui_key_waiting */
    int pushed_rc;
    wint_t pushed_wc;
    int ncolors;       /* the colours the theme uses: 256, 8 or 0 (mono) */
    lec_style styles[LEC_EL_COUNT]; /* the look of each element (theme.h) */
    short pair_fg[128], pair_bg[128]; /* colour pair n + 1 is (pair_fg[n], pair_bg[n]) */
    short npairs;
    /* test mode (tui_test.c) */
    FILE *script;
    long script_line;
    char *sline; /* the script line being read, and where we are in it */
    size_t sline_cap;
    const char *sp;
    int feed_fd;  /* the write end of the pipe curses reads keys from */
    int burst;    /* the keys of the line in hand go all at once (!burst) */
    int waiting;  /* at a !wait: until no screen has background work */
    int idle;     /* at an !idle N: rounds of background work still to run */
    int ended;    /* the script is over and the pipe closed */
    char *shadow; /* attribute letter of every cell (tui.h) */
    int shadow_rows, shadow_cols;
} tui;

/* Kinds of screen text besides the document's attributes (render.h,
 * view.h), for tui_look. */
enum {
    LOOK_CURSOR = 1 << 24, /* on the cursor row */
    LOOK_STATUS = 1 << 25, /* the status line */
    LOOK_PROMPT = 1 << 26, /* the prompt line (plain, letter S) */
    LOOK_ERROR = 1 << 27,  /* a status message that reports a failure */
};

/* tui.c */
/* The styles of the elements (t->styles) from the theme the options and
 * COLORFGBG ask for, the colours the terminal has (t->color, COLORS) and
 * the reader's colours. */
void tui_theme(tui *t);
/* The curses attributes, colour pair and dump letter of text with the
 * attributes `look` (LEC_A_* and LOOK_*). */
void tui_look(tui *t, unsigned look, attr_t *a, short *pair, char *letter);
/* Draws s[0..n) at row y from column x, cluster by cluster, stopping
 * before column maxx; returns the column after the last cell drawn.  A
 * cluster that does not fit is left out, except one wider than the whole
 * row (a 1-column screen), which is drawn as '>'.  Control characters are
 * drawn in their visible form ("^[") in reverse. */
int tui_text(tui *t, int y, int x, int maxx, const char *s, size_t n, unsigned look);
/* Blanks row y from column x to maxx with the look's background. */
void tui_fill(tui *t, int y, int x, int maxx, unsigned look);
/* Records the dump letter of cells [x, x+w) of row y (test mode). */
void tui_mark(tui *t, int y, int x, int w, char letter);
/* Starts drawing a whole screen: in test mode, every cell's dump letter
 * is plain until drawn; the terminal's cursor is hidden unless shown. */
void tui_begin(tui *t);
/* Shows the terminal's cursor at (y, x) in this frame (the document
 * screen's cursor row; a status op's column for a prompt wins). */
void tui_show_cursor(tui *t, int y, int x);
/* Draws the document rows (every one: curses sends only what changed). */
void tui_draw_rows(tui *t);
/* Draws the document's status line: the message or the breadcrumb, then
 * the right part. */
void tui_draw_status(tui *t);
/* A status line of two parts, as the lists and the help have. */
void tui_status_line(tui *t, const char *left, const char *right);
/* Nonzero when another key has already arrived (a paste): work done
 * after each key can wait for the last one. */
int tui_key_waiting(tui *t);
/* Sends the screen to the terminal; with a prompt, the terminal's cursor
 * is shown at (y, x) (input methods put their window there), else
 * hidden. */
void tui_refresh(tui *t, int cursor_y, int cursor_x);
/* Sets the transient message. */
void tui_message(tui *t, int error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Cuts s[0..n) to at most `cols` cells at a cluster boundary; returns the
 * bytes kept. */
size_t tui_cut(const tui *t, const char *s, size_t n, int cols, int *width);
/* The rows a screen has above the status line. */
int tui_height(void);

/* tui_out.c: the browser's own output.  The drawing functions above put
 * every cell into stdscr (for the test dumps) and here; tui_refresh
 * sends the frame.  fd is the terminal. */
tui_out *tui_out_open(int fd);
/* Puts the cells of one cluster (ch, NUL-ended, as curses takes it) of w
 * cells at (y, x); n blank cells. */
void tui_out_cell(tui_out *o, int y, int x, const wchar_t *ch, int w, attr_t a, short pair);
void tui_out_blank(tui_out *o, int y, int x, int n, attr_t a, short pair);
/* Sends what changed since the last frame in one write(); the terminal's
 * cursor is shown at (cy, cx), or hidden when cy < 0. */
void tui_out_flush(tui_out *o, int cy, int cx);
/* The terminal's contents are not known (Ctrl-L, a resume): the next
 * frame is drawn whole. */
void tui_out_invalidate(tui_out *o);
/* LINES and COLS changed: the next frame is drawn whole at the new size. */
void tui_out_resize(tui_out *o);
/* Leaves the terminal as curses' endwin expects it (the plain look, the
 * whole screen for scrolling, the cursor shown at the bottom left);
 * tui_out_close also frees o. */
void tui_out_reset(tui_out *o);
void tui_out_close(tui_out *o);

/* tui_doc.c: the document screen */
/* Opens the document screen on t->doc (t->v, t->later). */
void tui_doc_open(tui *t);
/* Turns screen s (the waiting screen) into the document screen, once
 * t->doc and t->v are there. */
void tui_doc_become(tui *t, screen *s);
/* Opens a document screen on doc, the file path read as `from` (R reads
 * it again), which it frees when it closes; with a
 * pattern (read as flags say, search.h), at match `hit` (0-based) of it, from the library search
 * `results` (tui_lib.c), document rk there: n and N go on into the next
 * and previous documents with hits. */
void tui_doc_open_owned(tui *t, lec_doc *doc, const char *path, lec_from from,
                        const char *pattern, unsigned flags, size_t hit, void *results, size_t rk);
/* Puts the whole document (t->later) in the browser: its view takes over
 * the folds and the place.  wait: wait for it if it is not ready (saying
 * so; q or Esc typed meanwhile stop waiting).  Returns 1 when it was
 * taken, 0 when there is nothing to take (also when it could not be
 * made: what is shown stays, and the status line says why), -1 when it
 * is not ready (not waited for, or the reader stopped waiting). */
int tui_take_whole(tui *t, int wait);

/* tui_wait.c: the screen shown while the document itself is made
 * (t->first): its raw text; it becomes the document screen. */
void tui_wait_open(tui *t);
/* The width of the document's text: the screen's, or --width when it is
 * narrower. */
int tui_text_cols(const tui *t);
/* Records a jump that left `from`, when the cursor is elsewhere now. */
void tui_jumped(tui *t, lec_vpos from);

/* tui_take.c: a section taken without quitting. */
/* y, Y: the current section to the terminal's clipboard (OSC 52). */
void tui_yank(tui *t, int plain);
/* |: prompts for a shell command and pipes the section's Markdown into
 * it, the terminal given back while it runs. */
void tui_pipe(tui *t);
/* p, P: 1 when printing the current section would be refused or fail
 * (control characters for a terminal without --raw, a closed standard
 * output), after saying so on the status line. */
int tui_print_refused(tui *t, int plain);
/* The place where the reader left the file (tui.c at the start, again
 * when the whole of a large file is in), and where they leave it. */
void tui_place_recall(tui *t);
void tui_place_remember(tui *t);
/* Starts a search for text from the cursor (tui_search's keystrokes):
 * one slice of its work now, the rest in the document screen's tick.
 * Until the fold's tables are made (the first search after the browser
 * opened), it waits in the tick instead. */
void tui_search_start(tui *t, const char *text, int dir);
/* Nonzero while the search has not found the match to show. */
int tui_search_looking(tui *t);
/* Reads on in the search for one slice of background work, at most usec
 * microseconds (in test mode: LECTERN_TEST_SLICE blocks, or all of it);
 * returns the progress (view.h LEC_VS_*). */
int tui_search_slice(tui *t, long usec);
/* The search's count as the status line and the prompt show it: "3/17",
 * "3/…" while counting, "…" while the match is looked for. */
void tui_search_count(tui *t, lec_buf *out);

/* prompt.c: the / and ? incremental search (dir 1 or -1), and : go to. */
void tui_search(tui *t, int dir);
void tui_goto(tui *t);

/* tui_lib.c: the library and the results of its search */
/* Opens the library screen on l (which must outlive the browser). */
void tui_lib_open(tui *t, lec_lib *l);
/* From the document rk of a library search at its last hit (dir 1) or
 * first (-1): closes the document screen on top and opens the next (or
 * previous) document with hits at its first (last) hit, and returns 1;
 * when there is none, says so and returns 0 (nothing moves). */
int tui_results_cross(tui *t, void *results, size_t rk, int dir);

/* overlay.c */
void tui_outline(tui *t);
void tui_help(tui *t);

/* The terminal's bracketed paste mode: on, off (what tui.c sends and
 * what tui_signal.c sends on a signal). */
#define TUI_PASTE_ON "\033[?2004h"
#define TUI_PASTE_OFF "\033[?2004l"

/* tui_signal.c */
/* Installs the handlers that leave the terminal as it was found on a
 * signal that ends the program (then end it by that signal) and on
 * Ctrl-Z; tui_signals_off puts the old ones back. */
void tui_signals_on(tui *t);
void tui_signals_off(void);
/* Makes again the bytes the handlers write (after a resize). */
void tui_signals_prepare(tui *t);
/* Nonzero once after the program was resumed from Ctrl-Z: the screen is
 * to be drawn anew, at the terminal's size, which curses now has. */
int tui_signals_resumed(tui *t);
/* Gives the terminal back as endwin would (the shell's modes, the normal
 * screen), and takes it again, for a command the browser runs (|). */
void tui_terminal_leave(void);
void tui_terminal_enter(void);

/* tui_test.c */
/* Opens the virtual screen of test mode, whose keys come through a pipe
 * (t->in); returns 0, or -1 with *why. */
int tui_test_open(tui *t, const char *script, const char **why);
void tui_test_close(tui *t);
/* Before each read of a key: writes the script's next key to the pipe
 * curses reads (running !dump, !resize, !wait lines on the way), unless
 * a key is on its way already. */
void tui_test_feed(tui *t);
/* The shortest s->tick_ms on the stack, -1 when no screen has background
 * work (tui.c). */
int tui_tick_wanted(tui *t);

#endif
