/*
 * view.h - the reader's view of a document: what is on the screen, where
 * the cursor is, which sections are folded, what was searched.
 *
 * Pure (no curses): the browser draws the rows this module gives and
 * turns keys into the calls below; tests and benchmarks call them
 * directly.  Rows are made a block at a time, only for blocks near the
 * screen, so a 100 MB document costs no more to view than a small one.
 *
 * Terms.  A *row* is one screen line of the document laid out at the
 * view's width (layout.h).  A folded node shows a single *summary row*:
 * its marker and title and what it hides ("… [4 points, 1.2k chars]").
 * The *cursor* is a highlighted row that the actions act on; the
 * *current node* is the innermost node that holds the cursor row (the
 * root when the cursor is before the first section).
 */
#ifndef LECTERN_VIEW_H
#define LECTERN_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "lectern/doc.h"
#include "lectern/util.h"

typedef struct lec_view lec_view;

/* Attributes a row may carry besides those of render.h. */
enum {
    LEC_A_MATCH = 1 << 12,     /* a search match */
    LEC_A_MATCH_CUR = 1 << 13, /* the current search match */
    LEC_A_SUMMARY = 1 << 14,   /* "… [4 points, 1.2k chars]" of a folded node */
};

/* A piece of a row: n bytes of text, all with one attribute set.  The
 * text never holds control characters and never needs more cells than
 * the row has. */
typedef struct lec_seg {
    const char *s;
    uint32_t n;
    uint32_t attr;
} lec_seg;

typedef enum lec_row_kind {
    LEC_ROW_TEXT,    /* a row of the document */
    LEC_ROW_SUMMARY, /* a folded node's one row */
    LEC_ROW_END,     /* past the end of the document: nothing to draw */
} lec_row_kind;

/* One screen row.  The segments point into the view's memory and stay
 * valid until the next call that moves, folds, searches or resizes. */
typedef struct lec_line {
    lec_seg *seg;
    size_t nseg, cap; /* owned by the line: lec_line_free */
    int width;        /* cells the segments take */
    int kind;         /* lec_row_kind */
    uint32_t node;    /* for a summary row: its node (0: the preamble) */
    int level;        /* heading level of the row's paragraph (0: none) */
} lec_line;

#define LEC_LINE_INIT {NULL, 0, 0, 0, 0, 0, 0}
void lec_line_free(lec_line *l);

/* A view of doc (which must outlive it) with `rows` text rows of `cols`
 * cells; ambi is the width of East Asian Ambiguous characters.  The
 * cursor starts on the first row.  Free with lec_view_free. */
lec_view *lec_view_new(const lec_doc *doc, int cols, int rows, int ambi);
void lec_view_free(lec_view *v);

/* New size: everything is laid out again and the cursor stays on the same
 * text (the same character of the same paragraph). */
void lec_view_resize(lec_view *v, int cols, int rows);

/* Screen row i (0 <= i < rows) into *out.  Returns out->kind. */
int lec_view_row(lec_view *v, int i, lec_line *out);
/* The screen row the cursor is on. */
int lec_view_cursor_row(const lec_view *v);

/* ---- moving ----------------------------------------------------------- */

/* The cursor by n rows (n < 0: up); the screen scrolls when the cursor
 * would leave it.  Returns the rows actually moved. */
int lec_view_move(lec_view *v, int n);
/* The screen and the cursor by n rows (a page: n = rows; half: rows / 2);
 * at either end of the document the cursor still moves to the first or
 * last row. */
int lec_view_scroll(lec_view *v, int n);
void lec_view_top(lec_view *v);
void lec_view_bottom(lec_view *v);
/* The screen without the cursor (mouse wheel): n rows; the cursor is kept
 * on the screen. */
int lec_view_wheel(lec_view *v, int n);

/* ---- nodes ------------------------------------------------------------ */

uint32_t lec_view_current(lec_view *v);
/* Puts the cursor on the first row of a node (its heading, its lead),
 * opening the folds that hide it, with the row near the top third of the
 * screen when it was not on screen. */
void lec_view_goto_node(lec_view *v, uint32_t node);
/* ] and [: the next (dir > 0) or previous node of any depth after / before
 * the cursor.  Returns 0 when there is none (nothing moves). */
int lec_view_next_node(lec_view *v, int dir);
/* } and {: the next or previous sibling of the current node. */
int lec_view_next_sibling(lec_view *v, int dir);
/* :addr.  "2.4" and "二/四是" count from the root, as --print does; a
 * relative address starts with a dot: ".2" is the second child of the
 * current node (or of the nearest ancestor that has one).  Returns 0 and
 * a message in *err (when not NULL) when nothing has that address. */
int lec_view_goto(lec_view *v, const char *addr, lec_buf *err);
/* Appends the dotted address of the current node ("2.3"; "" at the
 * root), what --print takes. */
void lec_view_address(lec_view *v, lec_buf *out);

/* ---- folding ---------------------------------------------------------- */

enum {
    LEC_FOLD_TOGGLE, /* za, Tab: the current node */
    LEC_FOLD_OPEN,   /* zo */
    LEC_FOLD_CLOSE,  /* zc */
    LEC_FOLD_ALL,    /* zM: every node folded: the top level shows */
    LEC_FOLD_NONE,   /* zR: nothing folded */
    LEC_FOLD_CYCLE,  /* Shift-Tab: overview -> contents -> everything */
};
/* Returns 0 when there was nothing to do (no node at the cursor). */
int lec_view_fold(lec_view *v, int how);
/* h: the cursor to the current node's first row; when it is there
 * already, fold the node; when the node is folded, go to its parent. */
void lec_view_parent(lec_view *v);
/* l: open the fold at the cursor and go to the next row (into it). */
void lec_view_enter(lec_view *v);
int lec_view_folded(const lec_view *v, uint32_t node);

/* ---- searching -------------------------------------------------------- */

/* Searches for pattern from the cursor, forward (dir > 0) or backward,
 * highlights every match and puts the cursor on the first one found,
 * opening folds around it.  With an empty pattern, clears the search.
 * Returns the number of matches in the document; *wrapped (when not
 * NULL) tells whether the match found is on the other side of the
 * document's end. */
size_t lec_view_search(lec_view *v, const char *pattern, int dir, int *wrapped);
/* The same a slice at a time, so that a browser stays live while a large
 * document is searched.  lec_view_search_start sets the search up (0:
 * nothing to search for, as an empty or invalid pattern); each
 * lec_view_search_step reads blocks for at most usec microseconds and
 * `blocks` blocks (either < 0: no limit): first until the match to show
 * is found, which it shows at once, then the rest for the count.  A new
 * start, or lec_view_search(v, "", ...), drops the work left.  Both
 * return what is known (lec_view_search_progress). */
int lec_view_search_start(lec_view *v, const char *pattern, int dir);
int lec_view_search_step(lec_view *v, long usec, long blocks);
enum {
    LEC_VS_FOUND = 1, /* the match to show is shown (or there is none) */
    LEC_VS_INDEX = 2, /* its number (lec_view_search_state's k) is final */
    LEC_VS_TOTAL = 4, /* the total is final: the work is done */
};
/* What is known of the search: LEC_VS_* flags, all three when there is
 * no search or its work is done. */
int lec_view_search_progress(const lec_view *v);
/* Whether the match shown was found past the document's end (wrapping). */
int lec_view_search_wrapped(const lec_view *v);
/* A search typed at a prompt.  lec_view_search_begin keeps the folds and
 * the place the search starts from: the cursor row, or just past the
 * current match when the cursor is on it (so /pattern again finds the
 * next one).  Until lec_view_search_end, every lec_view_search starts
 * over from there, with the folds an earlier pattern opened closed again.
 * lec_view_search_end(v, 1) keeps the result; with 0 (cancelled), or when
 * nothing matched, the folds are put back as they were. */
void lec_view_search_begin(lec_view *v);
void lec_view_search_end(lec_view *v, int accept);

/* n and N: the next match in the search's direction (dir > 0) or against
 * it.  Returns 0 when there is no search or no match.  While a search is
 * still reading (lec_view_search_step), what the next match needs is
 * read first. */
int lec_view_search_next(lec_view *v, int dir, int *wrapped);
/* The current match's number (1-based, 0 when none) and the total: of
 * the matches found so far while the search is still reading (see
 * lec_view_search_progress for which are final). */
void lec_view_search_state(const lec_view *v, size_t *k, size_t *n);
/* How the next lec_view_search reads its pattern: LEC_SEARCH_REGEX,
 * LEC_SEARCH_NO_HANFOLD (search.h); 0, the default, is literal text with
 * Simplified and Traditional folded together. */
void lec_view_search_flags(lec_view *v, unsigned flags);
unsigned lec_view_search_get_flags(const lec_view *v);
/* Why the last lec_view_search found nothing to search for (an invalid
 * regular expression: PCRE2's message), or NULL.  Valid until the next
 * lec_view_search. */
const char *lec_view_search_error(const lec_view *v);
/* How many matches of the search lie inside node (0: the whole
 * document); 0 without a search.  Counted from the matches found (so
 * far), the first time it is asked after they changed. */
size_t lec_view_hits(lec_view *v, uint32_t node);
/* Match k (0-based, in the order n goes through them): the innermost
 * node around it (0: the root), and the text of its paragraph as shown
 * (valid until the next call on v) with the match at [*start, *end).
 * Returns 0 when there is no match k. */
int lec_view_match(lec_view *v, size_t k, uint32_t *node, const char **text, size_t *len,
                   uint32_t *start, uint32_t *end);
/* Makes match k (0-based) the current one, with the cursor on it and the
 * folds around it open, as n does.  Returns 0 when there is no match k. */
int lec_view_search_show(lec_view *v, size_t k);

/* ---- where we are ----------------------------------------------------- */

/* A saved place (for Esc in an incremental search): the cursor's text
 * and the screen, and nothing else (folds stay as they are). */
typedef struct lec_vpos {
    uint32_t src;   /* the cursor's paragraph, by source offset */
    uint32_t chr;   /* byte of the cursor row's first character in it */
    int screen_row; /* where the cursor was on the screen */
} lec_vpos;
lec_vpos lec_view_tell(lec_view *v);
void lec_view_seek(lec_view *v, lec_vpos p);
/* Goes to a place kept earlier (a mark, the jump list, the place where
 * the reader left the file): the folds that hide it open, and the cursor
 * goes to it where it is on the screen, else to it on the screen row it
 * was on. */
void lec_view_show(lec_view *v, lec_vpos p);

/* Carries the reader's state from `from`, a view of an earlier, partial
 * version of v's document (the browser shows the first part of a large
 * file while the rest is read): the folds of the nodes that begin at the
 * same place, the contents state and the place itself.  Searches are not
 * carried.  `from` is left as it was. */
void lec_view_adopt(lec_view *v, lec_view *from);

/* How far into the document the screen's last row is, 0-100. */
int lec_view_percent(lec_view *v);
/* The breadcrumb of the current node, markers and short titles from the
 * top ("二、狠抓… › 三是 同步推进…"), shortened to at most `cols` cells:
 * titles first, then the crumbs from the left ("… › 三是 同步…"). */
void lec_view_breadcrumb(lec_view *v, int cols, lec_buf *out);
/* The same for any node (0: the root, which has none). */
void lec_view_breadcrumb_of(lec_view *v, uint32_t node, int cols, lec_buf *out);

#endif
