/*
 * jumps.h - where the reader has been: the jump list ('' Ctrl-O Ctrl-I)
 * and the marks (m a, ' a), as in less and vim.
 *
 * Pure: a place is a lec_vpos (view.h), the cursor's paragraph by its
 * source offset, the byte its row starts at and the screen row it was
 * on.  Source offsets do not change when folds open and close, nor when
 * the whole of a large file takes over from its first part (whose bytes
 * are the whole's), so a place stays good for as long as the document is
 * shown; the view puts it back on the screen (lec_view_show).
 */
#ifndef LECTERN_JUMPS_H
#define LECTERN_JUMPS_H

#include "lectern/view.h"

typedef struct lec_jumps lec_jumps;

/* The jumps kept: the oldest go first. */
enum { LEC_JUMPS_MAX = 100, LEC_MARKS = 26 };

/* An empty list without marks; free with lec_jumps_free. */
lec_jumps *lec_jumps_new(void);
void lec_jumps_free(lec_jumps *j);

/* A jump is about to leave `from` (a search, :, g, G, ] and [ across
 * sections, a mark, the outline): `from` goes at the end of the list (an
 * older entry for the same place is dropped), the list's position goes
 * past its end, and '' will return to `from`. */
void lec_jumps_push(lec_jumps *j, lec_vpos from);

/* Ctrl-O: *to is the place before the current one in the list; at the
 * end of the list `here` is recorded first, so that Ctrl-I comes back to
 * it.  Returns 0 (and *to untouched) when there is nothing further back. */
int lec_jumps_back(lec_jumps *j, lec_vpos here, lec_vpos *to);
/* Ctrl-I: the next place in the list; 0 at its end. */
int lec_jumps_forward(lec_jumps *j, lec_vpos *to);
/* '': the place the last jump left; `here` becomes the place '' returns
 * to next (so '' '' goes back and forth), and is pushed as a jump.
 * Returns 0 before any jump. */
int lec_jumps_last(lec_jumps *j, lec_vpos here, lec_vpos *to);

/* m a: sets mark `letter` ('a'..'z') to `at`; 0 for another letter. */
int lec_jumps_mark(lec_jumps *j, int letter, lec_vpos at);
/* ' a: the place of mark `letter`; 0 when it is not set (or no letter). */
int lec_jumps_mark_get(const lec_jumps *j, int letter, lec_vpos *out);

#endif
