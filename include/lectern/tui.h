/*
 * tui.h - the interactive browser: a thin ncursesw layer that draws the
 * rows of a view (view.h) and turns keys into view actions through a
 * keymap table (keys.h).
 *
 * The UI runs on the controlling terminal (/dev/tty), never on stdin or
 * stdout: a document can come on stdin, and stdout carries only what the
 * reader prints with p.
 *
 * Headless test mode (for make check): when LECTERN_TEST_SCRIPT names a
 * file, no terminal is opened; the screen is a curses virtual screen of
 * LECTERN_TEST_SIZE ("80x24", default) cells whose output goes to
 * /dev/null, and keys come from the script, written as a terminal sends
 * them (xterm's escape sequences) to a pipe that curses reads: the keys
 * take the way a reader's do.  Each key is written when the browser
 * waits for the next one, so it is handled and drawn first.
 *   - each line is a sequence of keys: characters stand for themselves
 *     (UTF-8), and <...> names a special key: <Tab> <S-Tab> <Esc> <Enter>
 *     <Space> <BS> <Up> <Down> <Left> <Right> <PgUp> <PgDn> <Home> <End>
 *     <F1> <C-c> <C-l> <C-z> <WheelUp> <WheelDown> <lt> (a '<');
 *     the line break at the end of a line is not a key; the wheel sends
 *     something only with --mouse, as a terminal does;
 *   - a line "!burst KEYS" sends its keys at once, as a paste does;
 *   - a line "!paste TEXT" sends TEXT as a terminal sends a bracketed
 *     paste (escapes \e \n \r \t \\ \xHH are its bytes);
 *   - a line "!sleep MS" pauses the script MS milliseconds;
 *   - a line "!dump NAME" appends the screen to LECTERN_TEST_DUMP;
 *   - a line "!resize COLSxROWS" resizes the screen (curses' KEY_RESIZE);
 *   - a line "!wait" sends no key until the screens' background work is
 *     done (the whole document, lec_tui_opts.later, is taken in by the
 *     browser's own idle work; a search of the library ends);
 *   - a line "!idle N" lets that work run N rounds, with no key (in test
 *     mode a search of the library searches one document a round);
 *   - a line starting with "#" is a comment;
 *   - at the end of the script the input ends and the browser quits (as
 *     when the terminal goes).
 * What the browser sends the terminal outside the screen (the OSC 52
 * sequence of y and Y) and what a command run by | writes go to the file
 * LECTERN_TEST_TTY names (appended), or nowhere.
 * A dump is "=== NAME COLSxROWS\n", then every screen row as text
 * (trailing blanks removed), then "--- attributes\n" and every row again
 * as one letter per cell: '.' plain, 'c' the cursor row, 'h' heading,
 * 'k' marker, 'b' bold, 'i' emphasis, 'x' code, 'l' link, 'q' quote bar,
 * 'e' escaped control, 's' fold summary, 'd' raw HTML (dimmed), 'a' a
 * code block's label, 'm' search match, 'M' the
 * current match, 'S' the status line; every cell of the cursor row is
 * 'c' but its matches; a wide character's second cell repeats its
 * letter.  Trailing '.' are removed.
 */
#ifndef LECTERN_TUI_H
#define LECTERN_TUI_H

#include <stdint.h>

#include "lectern/doc.h"
#include "lectern/later.h"
#include "lectern/theme.h"
#include "lectern/library.h"

typedef struct lec_tui_opts {
    int ambi;  /* width of East Asian Ambiguous characters, 1 or 2 */
    int mouse; /* --mouse: report the mouse wheel (off: the terminal keeps selection) */
    /* --no-script-fold: searches keep Simplified and Traditional apart
     * (LEC_SEARCH_NO_HANFOLD) until Ctrl-T at the prompt */
    int no_script_fold;
    /* When not NULL: the whole document, being made while the browser
     * shows the first part of it; the browser takes it (lec_later_take)
     * as soon as it is ready, or waits for it when an action needs the
     * whole (search, jumps, the outline, the end, printing).  When it
     * cannot be made (the file changed meanwhile), what is shown stays
     * and the status line says why. */
    lec_later *later;
    /* When not NULL (and *doc NULL): the document itself is being made
     * (libcmark is slow on it); raw[0..raw_len) is shown meanwhile, and
     * the browser can be left at once.  The browser takes it. */
    lec_later *first;
    const char *raw;
    size_t raw_len;
    /* R: a later that reads the file again (NULL: it cannot be). */
    lec_later *(*reload)(void *arg);
    void *reload_arg;
    int print_raw; /* --raw: p writes a section's control characters to a terminal */
    int width; /* --width: the widest text column in cells (0: the terminal's width) */
    int out_closed; /* standard output was closed when lectern started: p has nowhere to go */
    /* The file shown, for the place where the reader left it (place.h),
     * and the state directory (lec_place_dir); either NULL: nothing is
     * recalled or remembered (standard input, --no-remember). */
    const char *path, *state;
    /* The colours: a theme (LEC_THEME_*; auto: light or dark as
     * COLORFGBG says, else dark), and the reader's styles of the elements
     * whose bit is set in color_set (colors[LEC_EL_COUNT], may be NULL
     * when none is).  NO_COLOR, or a terminal without colours, means mono
     * whatever they say. */
    int theme;
    int cursor_row; /* --cursor-row: LEC_CURSOR_ROW_* (options.h) */
    const lec_style *colors;
    unsigned long color_set;
    /* What was wrong in the settings (lines "FILE:LINE: message"), shown
     * on the status line when the browser opens; NULL or "" when
     * nothing. */
    const char *notice;
} lec_tui_opts;

typedef enum lec_tui_result {
    LEC_TUI_QUIT,        /* q, Ctrl-C, end of a test script */
    LEC_TUI_PRINT,       /* p: print *node's Markdown source to stdout */
    LEC_TUI_PRINT_PLAIN, /* P: print *node as plain text */
    LEC_TUI_NO_TERMINAL, /* no terminal, TERM unset or dumb: nothing was drawn */
    LEC_TUI_FAILED,      /* the whole document (o->later) could not be made: *why */
} lec_tui_result;

/* Runs the browser on *doc (NULL while o->first makes it) until the
 * reader leaves; the terminal is restored on every way out (keys, and
 * every signal that ends a program, which then ends it by that signal:
 * tui_signal.c; SIGTSTP suspends and resumes).  When the browser took a
 * document from o->first, o->later or a reload, *doc is set to the last
 * of them (the caller frees it and its own with lec_doc_free; the
 * browser freed those in between); the laters it did not take are
 * cancelled (later.h), and o->later and o->first must not be used after
 * (unless the result is LEC_TUI_NO_TERMINAL: nothing was started).
 * *node receives the node of *doc to print (for PRINT results).  On
 * LEC_TUI_NO_TERMINAL and LEC_TUI_FAILED, *why receives a short reason
 * ("no terminal", "TERM is dumb"; for LEC_TUI_FAILED one the caller frees
 * with free()). */
lec_tui_result lec_tui_run(const lec_doc **doc, const lec_tui_opts *o, uint32_t *node,
                           const char **why);

/* Runs the browser on a library (library.h, its metadata read): the
 * library screen, the documents opened from it and the search of them.
 * For PRINT results, *doc receives the document to print from (the
 * caller frees it with lec_doc_free) and *node its node; else *doc is
 * NULL.  *why as for lec_tui_run (LEC_TUI_NO_TERMINAL). */
lec_tui_result lec_tui_library(lec_lib *l, const lec_tui_opts *o, lec_doc **doc, uint32_t *node,
                               const char **why);

#endif
