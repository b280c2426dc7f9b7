/*
 * wrap.h - breaking text into rows by display width, with the Chinese
 * line-start/line-end rules (kinsoku, "避头尾").
 *
 * Pure: no curses, no allocation except the result array.  The same
 * function lays out --dump, --plain and the browser's rows.
 */
#ifndef LECTERN_WRAP_H
#define LECTERN_WRAP_H

#include <stddef.h>

/* One row: the bytes [start, end) of the text.  Spaces at which a row was
 * broken belong to no row (end stops before them, the next start is
 * after them).  width is the row's width in cells. */
typedef struct lec_wrap_line {
    size_t start;
    size_t end;
    int width;
} lec_wrap_line;

enum {
    /* Break between any two grapheme clusters, keep every space, apply no
     * kinsoku rules (code blocks). */
    LEC_WRAP_HARD = 1 << 0,
};

/* Wraps text[0..len) (UTF-8; the only control character it may hold is
 * '\n', which ends a row) into rows of at most `first` cells for the first
 * row and `rest` cells for the others.  ambi is 1 or 2 (see lec_cp_width).
 *
 * Rules (see docs/wrapping.md):
 *  - a row may break at a run of ASCII spaces (dropped), between two wide
 *    characters, between a wide and a narrow character, and before or
 *    after a dash or ellipsis pair (——, ……) but never inside it;
 *  - a run of letters, digits and word punctuation ("GDP", "5.2%",
 *    "http://x.y") is not broken unless it is longer than a row;
 *  - no row starts with a NO_START character (，。、；：？！）》」』” and the
 *    rest of the set in docs/wrapping.md) and none ends with a NO_END one
 *    （《「『“: the wrapper pulls characters down to the next row (at most
 *    three) to obey this, and gives up only when a row would be empty;
 *  - a grapheme cluster is never split; a cluster wider than the row gets
 *    a row of its own (its width then exceeds the limit: callers that
 *    draw must substitute it).
 * An empty text gives one empty row.  Widths below 1 are taken as 1.
 *
 * Returns the number of rows and stores a malloc'd array in *rows; the
 * caller frees it with free(). */
size_t lec_wrap(const char *text, size_t len, int first, int rest, int ambi, int flags,
                lec_wrap_line **rows);

/* The width of the widest piece of text[0..len) that lec_wrap never
 * breaks (a word, "5.2%", a pair ——): at that width or more, no word
 * needs cutting.  *widest (when not NULL) receives the width of the
 * widest grapheme cluster, the least width at which every row fits.
 * Both are 0 for an empty text. */
int lec_wrap_min_width(const char *text, size_t len, int ambi, int *widest);

/* Nonzero when cp may not start a row / may not end a row. */
int lec_wrap_no_start(int cp);
int lec_wrap_no_end(int cp);

#endif
