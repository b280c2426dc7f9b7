/*
 * tui_priv.h - what the parts of the browser share: tui.c (terminal,
 * drawing, main loop), prompt.c (the bottom-line editor), overlay.c (the
 * outline and the help screen) and tui_test.c (headless test mode).
 */
#ifndef LECTERN_TUI_PRIV_H
#define LECTERN_TUI_PRIV_H

#include <curses.h>
#include <stdio.h>

#include "lectern/keys.h"
#include "lectern/render.h"
#include "lectern/tui.h"
#include "lectern/util.h"
#include "lectern/view.h"

typedef struct tui {
    const lec_doc *doc;
    lec_view *v;
    const lec_tui_opts *o;
    int ambi;
    int test;   /* headless: keys from a script, screen to /dev/null */
    int color;  /* colours in use (no NO_COLOR, terminal has them) */
    int italic; /* the terminal has italics (sitm) */
    int deflt;  /* colour -1 is the terminal's default (use_default_colors) */
    int rows;   /* rows of text: the screen less the status line */
    int quit;   /* a signal or the end of the script: leave now */
    int ascii;  /* the locale is not UTF-8: clusters but ASCII are drawn as '?' */
    int lossy;  /* 1: a cluster was drawn as '?' and not said yet; 2: said */
    lec_later *later; /* the whole document, not taken yet (tui.h) */
    char *failed;     /* why the whole could not be made */
    int idle_take;    /* tui_key may take the whole when it is ready */
    SCREEN *scr;
    FILE *in, *out;
    lec_line line;    /* scratch row */
    lec_buf msg;      /* transient message, shown until the next key */
    int msg_error;    /* the message reports a failure */
    lec_keyseq ks;    /* count and keys typed so far */
    lec_buf last_pat; /* the last search pattern, for an empty / */
    int last_dir;     /* its direction: 1 forward, -1 backward */
    int has_pushed;   /* a key read ahead by tui_key_waiting */
    int pushed_rc;
    wint_t pushed_wc;
    short pairs[9][9]; /* colour pair of (fg + 1, bg + 1), 0: not made */
    short npairs;
    /* test mode */
    FILE *script;
    long script_line;
    char *sline; /* the script line being read, and where we are in it */
    size_t sline_cap;
    const char *sp;
    char *shadow; /* attribute letter of every cell (tui.h) */
    int shadow_rows, shadow_cols;
} tui;

/* Kinds of screen text besides the document's attributes (render.h,
 * view.h), for tui_look. */
enum {
    LOOK_CURSOR = 1 << 16, /* on the cursor row */
    LOOK_STATUS = 1 << 17, /* the status line */
    LOOK_PROMPT = 1 << 18, /* the prompt line (plain, letter S) */
    LOOK_ERROR = 1 << 19,  /* a status message that reports a failure */
};

/* tui.c */
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
 * is plain until drawn. */
void tui_begin(tui *t);
/* Draws the document rows (every one: curses sends only what changed). */
void tui_draw_rows(tui *t);
/* Draws the status line: the message or the breadcrumb, then the right
 * part. */
void tui_draw_status(tui *t);
/* The next key, LEC_KEY_* for special keys; -1 when the browser must
 * quit (signal, end of the test script, terminal gone). */
int tui_key(tui *t);
/* Nonzero when another key has already arrived (a paste): work done
 * after each key can wait for the last one.  Always 0 in test mode. */
int tui_key_waiting(tui *t);
/* The screen changed size (LINES and COLS are new): the view follows. */
void tui_resized(tui *t);
/* Sends the screen to the terminal; with a prompt, the terminal's cursor
 * is shown at (y, x) (input methods put their window there), else
 * hidden. */
void tui_refresh(int cursor_y, int cursor_x);
/* Sets the transient message. */
/* Puts the whole document (o->later) in the browser: its view takes over
 * the folds and the place.  wait: wait for it if it is not ready (saying
 * so).  Returns 1 when it was taken, 0 when there is nothing to take (or
 * not yet), -1 when it could not be made (t->failed, t->quit). */
int tui_take_whole(tui *t, int wait);

void tui_message(tui *t, int error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Cuts s[0..n) to at most `cols` cells at a cluster boundary; returns the
 * bytes kept. */
size_t tui_cut(const tui *t, const char *s, size_t n, int cols, int *width);

/* prompt.c */
typedef struct prompt_ops {
    /* After each edit (incremental search, filter). */
    void (*changed)(tui *t, void *ctx, const char *text);
    /* Draws the screen above the prompt line. */
    void (*draw)(tui *t, void *ctx);
    /* Text for the right end of the prompt line ("3/17"). */
    void (*right)(tui *t, void *ctx, lec_buf *out);
} prompt_ops;
/* Edits a line on the last screen row after `lead` ("/", ":"), starting
 * from *text.  Returns 1 for Enter, 0 for Esc (or Backspace on an empty
 * line), -1 when the browser must quit. */
int tui_prompt(tui *t, const char *lead, lec_buf *text, const prompt_ops *ops, void *ctx);

/* The / and ? incremental search (dir 1 or -1), and : go to. */
void tui_search(tui *t, int dir);
void tui_goto(tui *t);

/* overlay.c */
void tui_outline(tui *t);
void tui_help(tui *t);

/* tui_test.c */
/* Opens the virtual screen of test mode; returns 0, or -1 with *why. */
int tui_test_open(tui *t, const char *script, const char **why);
void tui_test_close(tui *t);
/* The next key of the script (running !dump and !resize lines). */
int tui_test_key(tui *t);

#endif
