/*
 * keys.h - what the reader can ask for (requests), and the keymap that
 * binds key sequences to them.
 *
 * Keys never call code: the keymap turns a key sequence ("j", "zo",
 * "<PgDn>") into a request, and the browser carries requests out.  The
 * help screen is generated from the same table, so it cannot drift from
 * what the keys do.  Pure: no curses (tui.c translates curses key codes).
 *
 * A key is an int: a Unicode code point for a character (Tab 9, Enter 13,
 * Esc 27, Backspace 127, Ctrl-X its control code), LEC_KEY_* above the
 * Unicode range for the keys that are not characters.  Sequences are
 * written as test scripts write them (tui.h): characters stand for
 * themselves, <Name> for a special key.
 */
#ifndef LECTERN_KEYS_H
#define LECTERN_KEYS_H

#include "lectern/util.h"

/* The requests: group, name, help text. */
#define LEC_REQ_INFO(_)                                                                            \
    _(MOVE, DOWN, "down one row")                                                                  \
    _(MOVE, UP, "up one row")                                                                      \
    _(MOVE, PAGE_DOWN, "down one page")                                                            \
    _(MOVE, PAGE_UP, "up one page")                                                                \
    _(MOVE, HALF_DOWN, "down half a page")                                                         \
    _(MOVE, HALF_UP, "up half a page")                                                             \
    _(MOVE, TOP, "to the top")                                                                     \
    _(MOVE, BOTTOM, "to the bottom")                                                               \
    _(MOVE, WHEEL_DOWN, "scroll down 3 rows (with --mouse)")                                       \
    _(MOVE, WHEEL_UP, "scroll up 3 rows (with --mouse)")                                           \
    _(FOLD, FOLD_TOGGLE, "fold or open the current section")                                       \
    _(FOLD, FOLD_OPEN, "open the current fold")                                                    \
    _(FOLD, FOLD_CLOSE, "fold the current section")                                                \
    _(FOLD, FOLD_ALL, "fold everything: the top level shows")                                      \
    _(FOLD, FOLD_NONE, "open every fold")                                                          \
    _(FOLD, FOLD_CYCLE, "cycle: overview, contents, everything")                                   \
    _(FOLD, PARENT, "to the section's start, fold it, then its parent")                            \
    _(FOLD, ENTER, "open the fold and step into it (in a list: open the row)")                     \
    _(JUMP, NEXT_NODE, "next section or point")                                                    \
    _(JUMP, PREV_NODE, "previous section or point")                                                \
    _(JUMP, NEXT_SIBLING, "next one at the same level")                                            \
    _(JUMP, PREV_SIBLING, "previous one at the same level")                                        \
    _(JUMP, GOTO, "go to an address: 2.4, 二/四是, 3; .2 from this section")                        \
    _(JUMP, OUTLINE, "outline: every section and point; / filters")                                \
    _(JUMP, JUMP_BACK, "back through the jumps (: / n g G ] [ } { marks, outline)")               \
    _(JUMP, JUMP_FORWARD, "forward through them (sent as <Tab>: works right after <C-o>)")         \
    _(JUMP, MARK_SET, "set a mark: m and a letter a-z (kept with the file)")                       \
    _(JUMP, MARK_GOTO, "to a mark: ' and its letter; '' back to where the last jump began")        \
    _(SEARCH, SEARCH_FWD, "search forward (as you type; Esc goes back)")                           \
    _(SEARCH, SEARCH_BACK, "search backward")                                                      \
    _(SEARCH, SEARCH_NEXT, "next match (after a library search: on into the next document)")       \
    _(SEARCH, SEARCH_PREV, "previous match")                                                       \
    _(LIBRARY, SORT, "sort the library: by date, title, speaker, path")                            \
    _(LIBRARY, LIB_SEARCH, "search every document listed; hits show as they are found")            \
    _(OTHER, PRINT, "quit and print this section's Markdown")                                      \
    _(OTHER, PRINT_PLAIN, "quit and print this section as plain text")                             \
    _(OTHER, YANK, "copy this section's Markdown to the clipboard (OSC 52)")                       \
    _(OTHER, YANK_PLAIN, "copy this section as plain text")                                        \
    _(OTHER, PIPE, "pipe this section's Markdown into a shell command")                            \
    _(OTHER, HELP, "this help")                                                                    \
    _(OTHER, REDRAW, "redraw the screen")                                                          \
    _(OTHER, RELOAD, "read the file again (a log that grew), keeping the place")                   \
    _(OTHER, SUSPEND, "suspend (fg resumes)")                                                      \
    _(OTHER, CANCEL, "close the outline or help, clear a list's filter")                           \
    _(OTHER, QUIT, "quit (over another screen: close it)")                                         \
    _(OTHER, QUIT_ALL, "quit from any screen")

typedef enum lec_group {
    LEC_GROUP_MOVE,
    LEC_GROUP_FOLD,
    LEC_GROUP_JUMP,
    LEC_GROUP_SEARCH,
    LEC_GROUP_LIBRARY,
    LEC_GROUP_OTHER,
    LEC_GROUP_COUNT
} lec_group;

typedef enum lec_request {
    LEC_REQ_NONE,
#define LEC_REQ_ENUM(group, name, help) LEC_REQ_##name,
    LEC_REQ_INFO(LEC_REQ_ENUM)
#undef LEC_REQ_ENUM
        LEC_REQ_COUNT
} lec_request;

/* Keys that are not characters. */
enum {
    LEC_KEY_TAB = 9,
    LEC_KEY_ENTER = 13,
    LEC_KEY_ESC = 27,
    LEC_KEY_BS = 127,
    LEC_KEY_SPECIAL = 0x110000,
    LEC_KEY_UP = LEC_KEY_SPECIAL,
    LEC_KEY_DOWN,
    LEC_KEY_LEFT,
    LEC_KEY_RIGHT,
    LEC_KEY_PGUP,
    LEC_KEY_PGDN,
    LEC_KEY_HOME,
    LEC_KEY_END,
    LEC_KEY_DEL,
    LEC_KEY_BTAB, /* Shift-Tab */
    LEC_KEY_F1,
    LEC_KEY_WHEEL_UP,
    LEC_KEY_WHEEL_DOWN,
    LEC_KEY_RESIZE, /* the terminal changed size (never in a keymap) */
    LEC_KEY_PASTE,  /* text pasted (bracketed paste), held by the browser (never in a keymap) */
};
#define LEC_KEY_CTRL(c) ((c)&0x1f)

/* Reads one key written at *s (UTF-8; "<Name>" for a special key, "<lt>"
 * for '<', "<U+009B>" for a character that is not to be written raw: a C1
 * or bidi control) and advances *s past it.  Returns -1 at the end of the string.
 * An unknown <Name> gives the '<' alone and sets *unknown (when not NULL)
 * so the caller can warn. */
int lec_key_parse(const char **s, int *unknown);
/* Appends the written form of a key ("j", "<Down>", "<lt>", "<U+202E>"). */
void lec_key_name(int key, lec_buf *out);

/* The state of a key sequence being typed: a count ("5j") and the keys
 * of an unfinished sequence ("z" of "zo"). */
typedef struct lec_keyseq {
    int keys[4];
    int n;
    long count; /* 0: none typed */
} lec_keyseq;

#define LEC_KEYSEQ_INIT                                                                            \
    {                                                                                              \
        {0, 0, 0, 0}, 0, 0                                                                         \
    }
enum { LEC_KEYS_PENDING = -1 };

/* Feeds the next key.  Returns the request a finished sequence is bound
 * to (*count receives the count typed before it, 0 when none),
 * LEC_REQ_NONE for keys bound to nothing (the state is reset), or
 * LEC_KEYS_PENDING while a count or a sequence is unfinished. */
int lec_keys_feed(lec_keyseq *st, int key, long *count);
/* Appends what is pending ("5", "z") for the status line. */
void lec_keys_pending(const lec_keyseq *st, lec_buf *out);
/* The request a single key is bound to; LEC_REQ_NONE if none. */
lec_request lec_keys_lookup(int key);

const char *lec_request_help(lec_request r);
lec_group lec_request_group(lec_request r);
/* The action name of a request, as --keys prints it and the
 * configuration's bind lines write it ("page-down" for PAGE_DOWN). */
const char *lec_request_name(lec_request r);
/* The request named name[0..n), or LEC_REQ_NONE. */
lec_request lec_request_find(const char *name, size_t n);

/* Binds the sequence keys[0..n) (1 to 4 keys) to req in the keymap in
 * force: keys bound already now do req.  A sequence that starts another,
 * or that another starts ("z" while "zo" is bound), is refused: returns
 * -1 with why in err ("z would hide za, zo ... (unbind first)").  0 when
 * bound. */
int lec_keys_bind(const int *keys, int n, lec_request req, lec_buf *err);
/* Takes the sequence keys[0..n) out of the keymap in force, or, when it
 * is not bound itself, every sequence it starts ("z": za, zo ...).
 * Returns -1 with a message in err when nothing was bound. */
int lec_keys_unbind(const int *keys, int n, lec_buf *err);
/* Back to the default keymap. */
void lec_keys_reset(void);

/* Appends the help text of the keymap in force, lines of three kinds,
 * each ending in '\n': a title ("Move"), a binding ("j <Down>\tdown\tdown
 * one row": the keys (none when all were unbound), a tab, the action's
 * name, a tab, what it does) and a note (starting with two spaces).  The
 * drawing code aligns and wraps them. */
void lec_keys_help(lec_buf *out);

#endif
