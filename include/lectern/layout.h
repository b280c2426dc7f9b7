/*
 * layout.h - styled paragraphs to screen rows at a given width.
 *
 * A row is a slice of one paragraph's text plus the prefix its containers
 * draw before it.  Rows never exceed the width (except a single grapheme
 * wider than the whole row, which the drawing code replaces).  --dump,
 * --plain and the browser all draw these rows.
 */
#ifndef LECTERN_LAYOUT_H
#define LECTERN_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "lectern/render.h"

typedef struct lec_row {
    uint32_t para;       /* index into the render's paragraphs */
    uint32_t start, end; /* bytes of the paragraph's text shown on this row */
    uint32_t pre;        /* the prefix: r->text.data + pre ... */
    uint16_t pre_len;    /* ... this many bytes of it (cut on narrow screens) */
    uint16_t width;      /* cells of prefix + text */
} lec_row;

typedef struct lec_rows {
    lec_row *v;
    size_t n, cap;
} lec_rows;

#define LEC_ROWS_INIT {NULL, 0, 0}

/* Appends the rows of paragraphs [from, r->npara) wrapped to `width` cells
 * (0: no wrapping).  ambi: width of ambiguous characters (1 or 2). */
void lec_layout(const lec_render *r, size_t from, int width, int ambi, lec_rows *out);

void lec_rows_free(lec_rows *rows);

#endif
