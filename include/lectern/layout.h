/*
 * layout.h - styled paragraphs to screen rows at a given width.
 *
 * A row is a slice of one paragraph's text plus the prefix its containers
 * draw before it.  Rows never exceed the width (except a single grapheme
 * wider than the whole row, which the drawing code replaces).  --dump,
 * --plain and the browser all draw these rows.
 *
 * The rows of a table (LEC_PARA_TABLE paragraphs) are made of pieces, one
 * a column: a slice of the row's text (a line of a cell, wrapped to the
 * column's width) between blank fill that aligns it, then a separator
 * (" │ ").  Under the header row a rule row ("────┼────") has pieces of
 * rule and no text.  Columns take the width their widest cell needs; a
 * table wider than the row shares the width out and wraps inside the
 * cells, and one too wide even for that shows each cell on rows of its
 * own, a rule between table rows.  With --ambiwidth 2 the box-drawing
 * characters, which are ambiguous, are ASCII (| - +).
 */
#ifndef LECTERN_LAYOUT_H
#define LECTERN_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "lectern/render.h"

typedef struct lec_row {
    uint32_t para;       /* index into the render's paragraphs */
    uint32_t start, end; /* bytes of the paragraph's text shown on this row
                          * (a table row: from its first piece's text to its
                          * last one's; the pieces say what is shown) */
    uint32_t pre;        /* the prefix: r->text.data + pre ... */
    uint32_t piece0;     /* a table row: rows->pieces[piece0 .. +npieces) */
    uint16_t pre_len;    /* ... this many bytes of it (cut on narrow screens) */
    uint16_t width;      /* cells of prefix + text */
    uint16_t npieces;    /* 0: not a table row */
} lec_row;

/* What fills the cells around a piece's text, and what follows it. */
enum {
    LEC_PIECE_RULE = 1 << 0,   /* fill with rule (─), not blanks */
    LEC_PIECE_ASCII = 1 << 1,  /* ASCII forms: | - + */
    LEC_PIECE_NARROW = 1 << 2, /* separators of one cell (│ ┼) instead of three */
    LEC_PIECE_BAR = 1 << 3,    /* followed by a column separator: " │ " */
    LEC_PIECE_CROSS = 1 << 4,  /* followed by a rule crossing: "─┼─" */
};

/* A column of a table row: `lead` cells of fill, the paragraph's text
 * [start, end) (start == end: none), `trail` cells of fill, then the
 * separator its flags name. */
typedef struct lec_piece {
    uint32_t start, end;
    uint16_t lead, trail;
    uint8_t flags; /* LEC_PIECE_* */
} lec_piece;

typedef struct lec_rows {
    lec_row *v;
    size_t n, cap;
    lec_piece *pieces;
    size_t npieces, cap_pieces;
} lec_rows;

#define LEC_ROWS_INIT {NULL, 0, 0, NULL, 0, 0}

/* Appends the rows of paragraphs [from, r->npara) wrapped to `width` cells
 * (0: no wrapping).  ambi: width of ambiguous characters (1 or 2). */
void lec_layout(const lec_render *r, size_t from, int width, int ambi, lec_rows *out);

/* Empties rows, keeping its memory. */
void lec_rows_reset(lec_rows *rows);
void lec_rows_free(lec_rows *rows);

/* The fill of a piece with `flags`: returns text of at most `cells` cells
 * (and at least one), its length in *n and its cells in *got.  Draw it
 * again until the fill is done. */
const char *lec_piece_fill(unsigned flags, int cells, size_t *n, int *got);
/* The separator after a piece ("" when none); *n its length, *cells its
 * width. */
const char *lec_piece_sep(unsigned flags, size_t *n, int *cells);

/* Appends the row as plain text: prefix, then its text or its pieces
 * (without the blanks a table row ends with). */
void lec_row_text(const lec_render *r, const lec_rows *rows, const lec_row *row, lec_buf *out);

#endif
