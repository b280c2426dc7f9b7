/*
 * layout.c - wrapping paragraphs into rows, and the rows of tables as
 * columns.
 */
#include "lectern/layout.h"
#include "lectern/utf8.h"
#include "lectern/wrap.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

void lec_rows_reset(lec_rows *rows)
{
    rows->n = 0;
    rows->npieces = 0;
}

void lec_rows_free(lec_rows *rows)
{
    free(rows->v);
    free(rows->pieces);
    memset(rows, 0, sizeof *rows);
}

/* ---- pieces ------------------------------------------------------------ */

#define FILL_CELLS 32
static const char blanks[FILL_CELLS + 1] = "                                ";
static const char rule[] = "────────────────────────────────";
static const char rule_ascii[FILL_CELLS + 1] = "--------------------------------";

const char *lec_piece_fill(unsigned flags, int cells, size_t *n, int *got)
{
    int k = cells < 1 ? 1 : cells > FILL_CELLS ? FILL_CELLS : cells;
    *got = k;
    if (!(flags & LEC_PIECE_RULE)) {
        *n = (size_t)k;
        return blanks;
    }
    if (flags & LEC_PIECE_ASCII) {
        *n = (size_t)k;
        return rule_ascii;
    }
    *n = (size_t)k * 3; /* U+2500 is three bytes */
    return rule;
}

const char *lec_piece_sep(unsigned flags, size_t *n, int *cells)
{
    static const char *const forms[2][2][2] = {
        /* [cross][narrow][ascii] */
        {{" │ ", " | "}, {"│", "|"}},
        {{"─┼─", "-+-"}, {"┼", "+"}},
    };
    if (!(flags & (LEC_PIECE_BAR | LEC_PIECE_CROSS))) {
        *n = 0;
        *cells = 0;
        return "";
    }
    const char *s = forms[(flags & LEC_PIECE_CROSS) != 0][(flags & LEC_PIECE_NARROW) != 0]
                         [(flags & LEC_PIECE_ASCII) != 0];
    *n = strlen(s);
    *cells = flags & LEC_PIECE_NARROW ? 1 : 3;
    return s;
}

static void put_fill(lec_buf *out, unsigned flags, int cells)
{
    while (cells > 0) {
        size_t n;
        int got;
        const char *f = lec_piece_fill(flags, cells, &n, &got);
        lec_buf_put(out, f, n);
        cells -= got;
    }
}

void lec_row_text(const lec_render *r, const lec_rows *rows, const lec_row *row, lec_buf *out)
{
    const lec_para *p = &r->paras[row->para];
    const char *base = r->text.data ? r->text.data : "";
    lec_buf_put(out, base + row->pre, row->pre_len);
    if (!row->npieces) {
        lec_buf_put(out, base + p->text + row->start, row->end - row->start);
        return;
    }
    size_t at = out->len;
    for (uint32_t k = 0; k < row->npieces; k++) {
        const lec_piece *pc = &rows->pieces[row->piece0 + k];
        put_fill(out, pc->flags, pc->lead);
        lec_buf_put(out, base + p->text + pc->start, pc->end - pc->start);
        put_fill(out, pc->flags, pc->trail);
        size_t n;
        int cells;
        const char *sep = lec_piece_sep(pc->flags, &n, &cells);
        lec_buf_put(out, sep, n);
    }
    while (out->len > at && out->data[out->len - 1] == ' ') out->len--;
    if (out->data) out->data[out->len] = '\0';
}

static lec_row *add_row(lec_rows *out, uint32_t para, size_t start, size_t end, uint32_t pre,
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
    row->piece0 = 0;
    row->npieces = 0;
    return row;
}

/* ---- tables ------------------------------------------------------------ */

/* The narrowest a column is made to cut its words in (unless all of its
 * text is narrower). */
#define COL_MIN 8

static uint16_t cells16(int n)
{
    return (uint16_t)(n < 0 ? 0 : n > UINT16_MAX ? UINT16_MAX : n);
}

/* Widths from `base` toward `target` (target >= base) within `room`
 * cells in all: each column gets a share of what is left over base in
 * proportion to what it lacks, the cells that rounding leaves to the
 * columns that lack the most.  Only the columns in `open` take part. */
static void share(int *w, const int *base, const int *target, const uint8_t *open, size_t n,
                  long room)
{
    long sum = 0, lack = 0;
    for (size_t c = 0; c < n; c++) {
        if (!open[c]) continue;
        sum += base[c];
        lack += target[c] - base[c];
    }
    long extra = room - sum;
    for (size_t c = 0; c < n; c++) {
        if (!open[c]) continue;
        long need = target[c] - base[c];
        w[c] = base[c] + (int)(extra >= lack ? need : lack ? need * extra / lack : 0);
        sum += w[c] - base[c];
    }
    for (long left = room - sum; left > 0 && extra < lack; left--) {
        size_t best = n;
        for (size_t c = 0; c < n; c++)
            if (open[c] && w[c] < target[c] &&
                (best == n || target[c] - w[c] > target[c] - w[best]))
                best = c;
        if (best == n) break;
        w[best]++;
    }
}

/* Column widths in `room` cells, each from word[c] (its widest word) to
 * nat[c] (its widest cell unwrapped): a column that fits whole in an even
 * share of what is left gets all it needs, narrowest first, as long as
 * the others keep room for their words; the rest share what remains. */
static void fit_columns(int *w, const int *word, const int *nat, size_t n, long room)
{
    uint8_t *open = lec_xmalloc(n ? n : 1);
    memset(open, 1, n);
    long words = 0;
    size_t left = n;
    for (size_t c = 0; c < n; c++) words += word[c];
    for (int more = 1; more && left;) {
        more = 0;
        size_t pick = n;
        for (size_t c = 0; c < n; c++)
            if (open[c] && (pick == n || nat[c] < nat[pick])) pick = c;
        if ((long)nat[pick] * (long)left <= room &&
            room - nat[pick] >= words - word[pick]) {
            w[pick] = nat[pick];
            open[pick] = 0;
            room -= nat[pick];
            words -= word[pick];
            left--;
            more = 1;
        }
    }
    if (left) share(w, word, nat, open, n, room);
    free(open);
}

/* One table row's paragraph as screen rows: the cells wrapped to their
 * columns, side by side.  stacked: each cell on rows of its own. */
static void table_row(const lec_render *r, uint32_t pi, const int *w, size_t ncols, int ambi,
                      unsigned flags, int stacked, uint32_t pre1, size_t l1, int w1, uint32_t pre2,
                      size_t l2, int w2, lec_rows *out)
{
    const lec_para *p = &r->paras[pi];
    const char *text = r->text.data + p->text;
    lec_wrap_line **lines = lec_xcalloc(ncols, sizeof *lines);
    size_t *nl = lec_xcalloc(ncols, sizeof *nl), height = 0;
    for (size_t c = 0; c < ncols; c++) {
        const lec_cell *cell = &r->cells[p->cell0 + c];
        int cw = stacked ? w[0] : w[c];
        nl[c] = lec_wrap(text + cell->off, cell->len, cw, cw, ambi, 0, &lines[c]);
        for (size_t k = 0; k < nl[c]; k++) {
            lines[c][k].start += cell->off;
            lines[c][k].end += cell->off;
        }
        if (stacked)
            height += nl[c];
        else if (nl[c] > height)
            height = nl[c];
    }
    /* Stacked, screen row k shows line `line` of cell `col`. */
    size_t col = 0, line = 0;
    for (size_t k = 0; k < height; k++) {
        size_t first = stacked ? col : 0, last = stacked ? col + 1 : ncols;
        size_t at = stacked ? line : k;
        int width = k ? w2 : w1;
        uint32_t start = UINT32_MAX, end = 0;
        size_t p0 = out->npieces;
        for (size_t c = first; c < last; c++) {
            LEC_GROW(out->pieces, out->cap_pieces, out->npieces + 1);
            lec_piece *pc = &out->pieces[out->npieces++];
            int cw = stacked ? w[0] : w[c];
            int tw = 0;
            if (at < nl[c]) {
                pc->start = (uint32_t)lines[c][at].start;
                pc->end = (uint32_t)lines[c][at].end;
                tw = lines[c][at].width;
            } else {
                pc->start = pc->end = r->cells[p->cell0 + c].off + r->cells[p->cell0 + c].len;
            }
            if (pc->end > pc->start) {
                if (start == UINT32_MAX) start = pc->start;
                end = pc->end;
            }
            int gap = cw - tw > 0 ? cw - tw : 0, lead = 0;
            switch (r->cells[p->cell0 + c].align) {
            case LEC_ALIGN_RIGHT:
                lead = gap;
                break;
            case LEC_ALIGN_CENTER:
                lead = gap / 2;
                break;
            default:
                break;
            }
            pc->flags = (uint8_t)(flags | (c + 1 < last ? LEC_PIECE_BAR : 0));
            /* Nothing after the last column: no blanks at the row's end. */
            pc->lead = cells16(c + 1 < last || pc->end > pc->start ? lead : 0);
            pc->trail = cells16(c + 1 < last ? gap - lead : 0);
            size_t sn;
            int sc;
            lec_piece_sep(pc->flags, &sn, &sc);
            width += pc->lead + tw + pc->trail + sc;
        }
        if (start == UINT32_MAX) start = end = out->pieces[p0].start;
        lec_row *row = add_row(out, pi, start, end, k ? pre2 : pre1, k ? l2 : l1, width);
        row->piece0 = (uint32_t)p0;
        row->npieces = (uint16_t)(out->npieces - p0);
        if (stacked && ++line >= nl[col]) {
            col++;
            line = 0;
        }
    }
    for (size_t c = 0; c < ncols; c++) free(lines[c]);
    free(lines);
    free(nl);
}

/* A rule row (under the header; between rows when stacked) that ends
 * paragraph pi. */
static void rule_row(const lec_render *r, uint32_t pi, const int *w, size_t ncols, unsigned flags,
                     uint32_t pre, size_t pre_len, int width, lec_rows *out)
{
    uint32_t end = r->paras[pi].len;
    size_t p0 = out->npieces;
    for (size_t c = 0; c < ncols; c++) {
        LEC_GROW(out->pieces, out->cap_pieces, out->npieces + 1);
        lec_piece *pc = &out->pieces[out->npieces++];
        pc->start = pc->end = end;
        pc->lead = cells16(w[c]);
        pc->trail = 0;
        pc->flags = (uint8_t)(flags | LEC_PIECE_RULE | (c + 1 < ncols ? LEC_PIECE_CROSS : 0));
        size_t sn;
        int sc;
        lec_piece_sep(pc->flags, &sn, &sc);
        width += pc->lead + sc;
    }
    lec_row *row = add_row(out, pi, end, end, pre, pre_len, width);
    row->piece0 = (uint32_t)p0;
    row->npieces = (uint16_t)(out->npieces - p0);
}

/* The table whose first row is paragraph `from`: its rows are the
 * LEC_PARA_TABLE paragraphs up to the next first row or other paragraph.
 * Returns the paragraph after it. */
static size_t layout_table(const lec_render *r, size_t from, int W, int unlimited, int ambi,
                           int pre_max, lec_rows *out)
{
    const lec_para *head = &r->paras[from];
    size_t ncols = head->ncells, to = from + 1;
    while (to < r->npara && r->paras[to].kind == LEC_PARA_TABLE &&
           !(r->paras[to].level & LEC_TABLE_FIRST) && r->paras[to].ncells == ncols)
        to++;
    const char *base = r->text.data;
    int w1, w2;
    lec_fit(base + head->pre1, head->pre1_len, pre_max, ambi, &w1);
    lec_fit(base + head->pre2, head->pre2_len, pre_max, ambi, &w2);
    int avail = W - (w1 > w2 ? w1 : w2);
    if (avail < 1) avail = 1;

    /* Per column: the widest cell unwrapped, the widest word, the widest
     * character. */
    int *nat = lec_xcalloc(ncols * 4, sizeof *nat), *word = nat + ncols, *big = word + ncols,
        *w = big + ncols;
    for (size_t i = from; i < to; i++) {
        const lec_para *p = &r->paras[i];
        for (size_t c = 0; c < ncols; c++) {
            const lec_cell *cell = &r->cells[p->cell0 + c];
            const char *t = base + p->text + cell->off;
            int g, n = (int)lec_str_width(t, cell->len, ambi);
            int m = lec_wrap_min_width(t, cell->len, ambi, &g);
            if (n > nat[c]) nat[c] = n;
            if (m > word[c]) word[c] = m;
            if (g > big[c]) big[c] = g;
        }
    }
    /* A word longer than a fair share of the row may be cut, rather than
     * squeeze the other columns; a share is at least COL_MIN cells. */
    long seps = 3 * ((long)ncols - 1), narrow_seps = (long)ncols - 1;
    int fair = (int)((avail - seps) / (long)ncols);
    if (fair < COL_MIN) fair = COL_MIN;
    long sum_nat = 0, sum_word = 0;
    for (size_t c = 0; c < ncols; c++) {
        /* An empty column still shows as one. */
        if (big[c] < 1) big[c] = 1;
        if (word[c] > fair) word[c] = fair;
        if (word[c] < big[c]) word[c] = big[c];
        if (nat[c] < word[c]) nat[c] = word[c];
        sum_nat += nat[c];
        sum_word += word[c];
    }
    unsigned flags = ambi == 2 ? LEC_PIECE_ASCII : 0;
    int stacked = 0;
    if (unlimited || sum_nat + seps <= avail) {
        memcpy(w, nat, ncols * sizeof *w);
    } else if (sum_word + seps <= avail) {
        fit_columns(w, word, nat, ncols, avail - seps);
    } else if (sum_word + narrow_seps <= avail) {
        flags |= LEC_PIECE_NARROW; /* separators of one cell */
        fit_columns(w, word, nat, ncols, avail - narrow_seps);
    } else {
        /* Too narrow for columns: each cell on rows of its own. */
        stacked = 1;
        w[0] = avail;
    }
    for (size_t i = from; i < to; i++) {
        const lec_para *p = &r->paras[i];
        size_t m1 = lec_fit(base + p->pre1, p->pre1_len, pre_max, ambi, &w1);
        size_t m2 = lec_fit(base + p->pre2, p->pre2_len, pre_max, ambi, &w2);
        table_row(r, (uint32_t)i, w, ncols, ambi, flags, stacked, p->pre1, m1, w1, p->pre2, m2,
                  w2, out);
        if ((p->level & LEC_TABLE_HEAD) || (stacked && i + 1 < to)) {
            int one = stacked ? 1 : 0;
            rule_row(r, (uint32_t)i, w, one ? 1 : ncols, flags, p->pre2, m2, w2, out);
        }
    }
    free(nat);
    return to;
}

void lec_layout(const lec_render *r, size_t from, int width, int ambi, lec_rows *out)
{
    int unlimited = width <= 0;
    int W = unlimited ? INT_MAX / 4 : width;
    /* A prefix may take at most half the row: deep nesting must not eat
     * the whole row on a narrow screen (cut between clusters, lec_fit). */
    int pre_max = unlimited ? INT_MAX / 4 : (W > 1 ? W / 2 : 0);
    for (size_t i = from; i < r->npara; i++) {
        const lec_para *p = &r->paras[i];
        /* A render of empty paragraphs may have no text buffer at all. */
        const char *base = r->text.data ? r->text.data : "";
        int w1, w2;
        size_t l1 = lec_fit(base + p->pre1, p->pre1_len, pre_max, ambi, &w1);
        size_t l2 = lec_fit(base + p->pre2, p->pre2_len, pre_max, ambi, &w2);
        if (l1 > UINT16_MAX) l1 = 0, w1 = 0;
        if (l2 > UINT16_MAX) l2 = 0, w2 = 0;
        if (p->kind == LEC_PARA_BLANK) {
            add_row(out, (uint32_t)i, 0, 0, p->pre1, l1, w1);
            continue;
        }
        if (p->kind == LEC_PARA_TABLE && p->ncells) {
            /* A table's rows are laid out together, from its header. */
            size_t k = i;
            while (k > from && !(r->paras[k].level & LEC_TABLE_FIRST) &&
                   r->paras[k - 1].kind == LEC_PARA_TABLE)
                k--;
            i = layout_table(r, k, W, unlimited, ambi, pre_max, out) - 1;
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
