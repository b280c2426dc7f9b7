/*
 * layout.c - wrapping paragraphs into rows.
 */
#include "lectern/layout.h"
#include "lectern/utf8.h"
#include "lectern/wrap.h"

#include <limits.h>
#include <stdlib.h>

void lec_rows_free(lec_rows *rows)
{
    free(rows->v);
    rows->v = NULL;
    rows->n = rows->cap = 0;
}

/* How much of a prefix fits in `max` cells, cut between graphemes:
 * deep nesting must not eat the whole row on a narrow screen. */
static size_t fit_prefix(const char *s, size_t n, int max, int ambi, int *width)
{
    size_t i = 0;
    int w = 0;
    while (i < n) {
        int cw;
        size_t l = lec_grapheme(s + i, n - i, ambi, &cw);
        if (w + cw > max) break;
        w += cw;
        i += l;
    }
    *width = w;
    return i;
}

static void add_row(lec_rows *out, uint32_t para, size_t start, size_t end, uint32_t pre,
                    size_t pre_len, int width)
{
    LEC_GROW(out->v, out->cap, out->n + 1);
    lec_row *row = &out->v[out->n++];
    row->para = para;
    row->start = (uint32_t)start;
    row->end = (uint32_t)end;
    row->pre = pre;
    row->pre_len = (uint16_t)pre_len;
    row->width = (uint16_t)(width > UINT16_MAX ? UINT16_MAX : width);
}

void lec_layout(const lec_render *r, size_t from, int width, int ambi, lec_rows *out)
{
    int unlimited = width <= 0;
    int W = unlimited ? INT_MAX / 4 : width;
    /* A prefix may take at most half the row. */
    int pre_max = unlimited ? INT_MAX / 4 : (W > 1 ? W / 2 : 0);
    for (size_t i = from; i < r->npara; i++) {
        const lec_para *p = &r->paras[i];
        /* A render of empty paragraphs may have no text buffer at all. */
        const char *base = r->text.data ? r->text.data : "";
        int w1, w2;
        size_t l1 = fit_prefix(base + p->pre1, p->pre1_len, pre_max, ambi, &w1);
        size_t l2 = fit_prefix(base + p->pre2, p->pre2_len, pre_max, ambi, &w2);
        if (l1 > UINT16_MAX) l1 = 0, w1 = 0;
        if (l2 > UINT16_MAX) l2 = 0, w2 = 0;
        if (p->kind == LEC_PARA_BLANK) {
            add_row(out, (uint32_t)i, 0, 0, p->pre1, l1, w1);
            continue;
        }
        lec_wrap_line *lines;
        size_t n = lec_wrap(base + p->text, p->len, W - w1, W - w2, ambi,
                            p->kind == LEC_PARA_CODE ? LEC_WRAP_HARD : 0, &lines);
        for (size_t k = 0; k < n; k++) {
            int first = k == 0;
            add_row(out, (uint32_t)i, lines[k].start, lines[k].end, first ? p->pre1 : p->pre2,
                    first ? l1 : l2, lines[k].width + (first ? w1 : w2));
        }
        free(lines);
    }
}
