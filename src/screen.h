/*
 * screen.h - the browser's screens and its one event loop (tui.c).
 *
 * A screen is what the reader looks at and types to: the document, the
 * outline, the help, a list, the prompt.  Screens are kept on a stack;
 * the top one draws and gets the requests, and closing it shows the one
 * below again.  A screen is a table of operations (screen_ops), as tig's
 * views are, and its own data; the loop knows nothing else about it.
 *
 * The loop: draw the top screen, read a key (tui.c: the real wget_wch,
 * also in test mode, where the script's keys are written to the input),
 * give it to the top screen's `key` op if it has one (the prompt edits
 * text with raw keys), else feed it to the keymap (keys.h), which turns
 * key sequences and counts ("5j", "zo") into a request and a count, the
 * same for every screen.  The top screen's `request` op carries the
 * request out, or passes it (SCREEN_PASS) to the requests every screen
 * shares (tui_request: help, redraw, suspend, quit).  When no key comes
 * for as long as some screen asked (`tick_ms`), the screens' `tick` ops
 * run: background work, such as taking in the whole of a large document.
 *
 * To add a screen: write its ops (draw and status at least; request for
 * what it does with requests; close to free its data) in a module of its
 * own, and open it with tui_push(t, &ops, data).  It closes itself with
 * tui_pop(t) -- after which its data is gone: return at once.  A list of
 * rows with a cursor (filter, Enter) is a tui_list with list_ops rather
 * than a screen of its own.
 *
 * To add a request: one line in LEC_REQ_INFO (keys.h: group, name, help
 * text) and its keys in the keymap table (keys.c); the help screen and
 * --keys list it from there.  Then handle LEC_REQ_<NAME> in the request
 * op of each screen it means something to; the others pass it on, and a
 * request nobody handles does nothing.
 */
#ifndef LECTERN_SCREEN_H
#define LECTERN_SCREEN_H

#include "lectern/keys.h"
#include "lectern/util.h"

struct tui;
typedef struct screen screen;

/* What a request op did with a request. */
enum {
    SCREEN_PASS, /* not this screen's: the shared requests get it */
    SCREEN_DONE, /* carried out (or deliberately ignored) */
};

typedef struct screen_ops {
    const char *name; /* "document", "outline", "help", "prompt", "list" */
    /* Draws the rows above the status line (every one: curses sends only
     * what changed).  Required. */
    void (*draw)(struct tui *t, screen *s);
    /* Draws the status line (the last row); returns the column where the
     * terminal's cursor is shown on it, or -1 for no cursor.  Required. */
    int (*status)(struct tui *t, screen *s);
    /* Carries out a request typed count times (count 0: none typed);
     * returns SCREEN_DONE or SCREEN_PASS.  NULL passes everything. */
    int (*request)(struct tui *t, screen *s, lec_request req, long count);
    /* Sees every key before the keymap; returns 1 when it took the key.
     * NULL for screens that work by requests only. */
    int (*key)(struct tui *t, screen *s, int key);
    /* The terminal changed size (LINES and COLS are new); called for
     * every screen on the stack, bottom first.  NULL: nothing to do. */
    void (*resize)(struct tui *t, screen *s);
    /* Background work, called when no key came for the shortest tick_ms
     * on the stack (so maybe before its own); returns the milliseconds
     * until it wants to be called again, -1 never.  It must not open or
     * close screens (set t->quit to leave). */
    int (*tick)(struct tui *t, screen *s);
    /* Frees the screen's data (tui_pop, or the browser leaving). */
    void (*close)(struct tui *t, screen *s);
} screen_ops;

struct screen {
    const screen_ops *ops;
    void *data;    /* the screen's own, freed by ops->close */
    screen *below; /* the screen shown again when this one closes */
    int tick_ms;   /* call ops->tick after this long without a key; -1 never */
};

/* Opens a screen on top of the others; returns it (owned by the stack). */
screen *tui_push(struct tui *t, const screen_ops *ops, void *data);
/* Closes the top screen: its close op runs and it is freed.  When the
 * last screen closes, the browser leaves (as q). */
void tui_pop(struct tui *t);
/* The requests every screen shares, for the ones a screen passes: F1
 * opens the help, Ctrl-L redraws, Ctrl-Z suspends, q closes the top
 * screen, Q and Ctrl-C leave the browser. */
void tui_request(struct tui *t, lec_request req, long count);
/* Leaves the browser with `result` (tui.h) once the current key is done. */
void tui_leave(struct tui *t, int result);
/* Draws the top screen and sends it to the terminal. */
void tui_draw(struct tui *t);

/* ---- the prompt (prompt.c) ------------------------------------------- */

/* What the owner of a prompt hears; ctx is its own. */
typedef struct prompt_ops {
    /* After the edits that came together (a paste waits for its last
     * key): incremental search, filter.  May be NULL. */
    void (*changed)(struct tui *t, void *ctx, const char *text);
    /* Text for the right end of the prompt line ("3/17").  May be NULL. */
    void (*right)(struct tui *t, void *ctx, lec_buf *out);
    /* The prompt closed (it is off the stack already): rc 1 for Enter,
     * 0 for Esc (or Backspace on an empty line), -1 when the browser is
     * leaving.  text is the line (the prompt frees it after).  May open
     * another screen.  Required. */
    void (*done)(struct tui *t, void *ctx, int rc, const char *text);
    /* Sees every key before the line editor; returns 1 when it took it
     * (the search prompt's Ctrl-R and Ctrl-T), and then hears the text
     * again (changed), as after an edit.  May be NULL. */
    int (*key)(struct tui *t, void *ctx, int key);
    /* The history (history.h) Up and Down recall from and Enter adds to:
     * '/' (searches) or ':' (addresses); 0 for none. */
    int history;
    /* <Down> <C-n> (dir 1), <Up> <C-p> (-1) while typing: the rows above
     * move (a list's cursor under its filter).  May be NULL. */
    void (*step)(struct tui *t, void *ctx, int dir);
} prompt_ops;

/* Opens a line editor on the last row after `lead` ("/", ":"), starting
 * from `text` (copied), over the screen on top, which stays drawn above. */
void tui_prompt_open(struct tui *t, const char *lead, const char *text, const prompt_ops *ops,
                     void *ctx);

/* ---- a list of rows (list.c) ------------------------------------------ */

typedef struct tui_list tui_list;

/* What a list shows; ctx is the owner's. */
typedef struct list_ops {
    const char *name; /* for the screen's ops table */
    /* The number of rows shown now (after the filter).  Required. */
    size_t (*count)(void *ctx);
    /* Draws row i at screen row y from column 0 in the look `base`
     * (LOOK_CURSOR on the cursor row); returns the column after the
     * text (the list blanks the rest).  Required. */
    int (*draw_row)(struct tui *t, void *ctx, size_t i, int y, unsigned base);
    /* What the list shows when it has no rows (filtered: 1 when a filter
     * is on).  Required. */
    const char *(*empty)(void *ctx, int filtered);
    /* The filter changed to text ("" none): keep the rows whose text
     * holds it (search.h folding), and return the index of the row the
     * cursor should go to, given the row it was on (cur).  NULL: the
     * list cannot be filtered. */
    size_t (*filter)(struct tui *t, void *ctx, const char *text, size_t cur);
    /* Enter (or l) on row i (-1: the list has no rows); returns 1 to
     * close the list after.  Required. */
    int (*open)(struct tui *t, void *ctx, long i);
    /* The status line: left (when no filter is being shown) and right
     * text; the list says "/filter (Esc clears)" itself. */
    void (*status)(struct tui *t, void *ctx, const tui_list *l, lec_buf *left, lec_buf *right);
    /* Draws a heading row at screen row 0 above the rows (column names);
     * NULL: none. */
    void (*header)(struct tui *t, void *ctx, int y);
    /* Requests other than moving, seen before the list's own (Enter, /,
     * Esc): SCREEN_DONE, or SCREEN_PASS to let the list have them.  May
     * be NULL. */
    int (*request)(struct tui *t, void *ctx, tui_list *l, lec_request req, long count);
    /* Background work (a list that grows); as screen_ops.tick.  May be
     * NULL. */
    int (*tick)(struct tui *t, void *ctx, tui_list *l);
    /* Frees ctx.  May be NULL. */
    void (*close)(struct tui *t, void *ctx);
} list_ops;

struct tui_list {
    const list_ops *ops;
    void *ctx;
    screen *scr;    /* the list's screen (set scr->tick_ms for ops->tick) */
    long cur, top;  /* the cursor row and the first row shown */
    lec_buf filter; /* the filter typed after / */
};

/* Opens a list screen on ops and ctx with the cursor on row cur;
 * returns it. */
tui_list *tui_list_open(struct tui *t, const list_ops *ops, void *ctx, long cur);
/* The list's rows changed (they grew, were sorted): the cursor stays in
 * range. */
void tui_list_changed(struct tui *t, tui_list *l);
/* The row a Move request moves the list's cursor to, from cur, of n rows
 * on a screen of `height` rows; -1 when req is not a Move request. */
long tui_list_move(struct tui *t, lec_request req, long count, long cur, long n, long height);

#endif
