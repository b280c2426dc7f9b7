/*
 * tui_out_scroll.c - rows that moved as a whole in the browser's own
 * output are moved by the terminal: the scroll region kept set to the
 * rows above the status line, \n at its bottom (each row that comes in
 * written as it scrolls in, as less does), ri at its top.
 */
#include "tui_out_priv.h"

/* ---- scrolling ------------------------------------------------------------ */

static int same_row(const tui_out *o, const ocell *a, const ocell *b)
{
    for (int x = 0; x < o->cols; x++)
        if (!tout_same_cell(&a[x], &b[x])) return 0;
    return 1;
}

static size_t row_bytes(const tui_out *o, const ocell *r)
{
    size_t n = 0;
    for (int x = 0; x < o->cols; x++)
        n += r[x].w ? tout_cell_bytes(&r[x]) : 0;
    return n;
}

/* Rows [0, n) scroll by k (k > 0: up, the content moves to lower row
 * numbers) in the model of the terminal; the rows that come in are
 * blank in the default look. */
static void shift_model(tui_out *o, int n, int k)
{
    size_t w = (size_t)o->cols;
    ocell *base = o->cur;
    if (k > 0) {
        memmove(base, base + (size_t)k * w, (size_t)(n - k) * w * sizeof *base);
        for (size_t i = (size_t)(n - k) * w; i < (size_t)n * w; i++)
            base[i] = TOUT_BLANK;
    } else {
        k = -k;
        memmove(base + (size_t)k * w, base, (size_t)(n - k) * w * sizeof *base);
        for (size_t i = 0; i < (size_t)k * w; i++)
            base[i] = TOUT_BLANK;
    }
}

/* A hash of each row of g, for comparing rows quickly. */
static void row_hashes(const tui_out *o, const ocell *g, int n, uint64_t *h)
{
    for (int y = 0; y < n; y++) {
        uint64_t x = 1469598103934665603ULL;
        const ocell *r = g + (size_t)y * o->cols;
        for (int c = 0; c < o->cols; c++) {
            x = (x ^ (uint64_t)r[c].ch[0]) * 1099511628211ULL;
            x = (x ^ ((uint64_t)r[c].a << 8 ^ (uint64_t)(unsigned short)r[c].fg << 40 ^
                      (uint64_t)(unsigned short)r[c].bg << 24 ^ r[c].w)) *
                1099511628211ULL;
            for (int i = 1; i < OUT_CH && r[c].ch[i]; i++)
                x = (x ^ (uint64_t)r[c].ch[i]) * 1099511628211ULL;
        }
        h[y] = x;
    }
}

/* Whether writing cell c where the cursor waits to wrap at the bottom
 * of the region scrolls the region and puts c at the start of the row
 * that came in: a character (a blank would not be written), on the
 * default background (the row that comes in is erased in the background
 * of the look c is written in). */
static int wraps_in(const tui_out *o, const ocell *c)
{
    return o->am && o->xenl && c->w && !tout_same_cell(c, &TOUT_BLANK) && c->bg < 0 &&
           !(c->a & A_REVERSE);
}

/* The k rows that come in at the bottom of the region [0, n) are
 * written there one after another, as less writes a page: each scrolls
 * the region by a "\n" at its bottom, or, after a row that reached the
 * last column, by the wrap of its own first character.  A page costs its
 * rows' text and the line ends, with no scroll or cursor address of its
 * own (the terminal's indn and a move to each row cost 9 bytes or more). */
static void flow_in(tui_out *o, int n, int k, const int *blank)
{
    size_t w = (size_t)o->cols;
    for (int i = 0; i < k; i++) {
        const ocell *r = o->next + (size_t)(n - k + i) * w;
        /* (Not known after a write to the last column without am and xenl.) */
        if (o->cy != n - 1 || o->cx < 0) tout_move_to(o, n - 1, 0);
        /* Blank rows in a row (past the end of the document) come in
         * with one indn where it is shorter than their "\n"s. */
        int m = 0;
        while (i + m < k && blank[n - k + i + m])
            m++;
        char many[32] = "";
        if (m > 2 && o->indn) {
            const char *s = tparm_np(o->indn, m);
            if (s && strlen(s) < (size_t)m && strlen(s) < sizeof many) strcpy(many, s);
        }
        if (o->cx >= o->cols && !*many && wraps_in(o, r)) {
            o->cx = 0; /* r[0], written next, wraps */
        } else {
            /* The rows come in blank in the pen's background; without
             * msgr a move in a highlight mode may smear it. */
            if (o->pen.fg == -2 || o->pen.bg != -1 || (!o->msgr && (o->pen.a || o->pen.fg >= 0)))
                tout_set_pen(o, 0, -1, -1);
            if (o->cx >= o->cols) {
                tout_put(o, "\r");
                o->cx = 0;
            }
            if (*many) {
                tout_put(o, many);
                shift_model(o, n, m);
                i += m - 1;
                continue;
            }
            tout_put(o, o->ind);
            if (o->onlcr && strcmp(o->ind, "\n") == 0) o->cx = 0;
        }
        shift_model(o, n, 1);
        o->cy = n - 1;
        tout_update_row(o, n - 1, r);
        memcpy(o->cur + (size_t)(n - 1) * w, r, w * sizeof *r);
        /* One cell short of the margin, before a row that can wrap in: a
         * blank written there (one byte) brings the wrap ("\r\n" is two). */
        const ocell *last = &r[w - 1];
        if (i + 1 < k && o->cx == o->cols - 1 && wraps_in(o, r + w) && tout_is_blank(last) &&
            last->w == 1 && o->pen.fg != -2 && o->pen.bg == last->bg &&
            !(o->pen.a & (A_REVERSE | A_UNDERLINE)))
            tout_write_cell(o, n - 1, o->cols - 1, last);
    }
}

/* When the rows above the status line moved as a whole (a step down or
 * up, a page), the terminal moves them: the scroll region is those rows,
 * "\n" at its bottom (indn) or ri at its top (rin).  The shift chosen is
 * the one that leaves the fewest bytes to send: a row drawn where it was
 * different costs its bytes and a clear to the end of the row, one drawn
 * on a row that came in blank its bytes alone. */
void tout_scroll_rows(tui_out *o)
{
    int n = o->rows - 1; /* the region: every row but the status line */
    if (!o->known || n < 3 || !o->csr || !o->ind) return;
    size_t w = (size_t)o->cols;
    uint64_t hn[n], ho[n];
    size_t bytes[n];
    int blank[n];
    row_hashes(o, o->next, n, hn);
    row_hashes(o, o->cur, n, ho);
    for (int i = 0; i < n; i++) {
        const ocell *r = o->next + (size_t)i * w;
        bytes[i] = row_bytes(o, r);
        blank[i] = 1;
        for (size_t c = 0; c < w && blank[i]; c++)
            blank[i] = tout_same_cell(&r[c], &TOUT_BLANK);
    }
    long best_cost = -1;
    int best = 0;
    for (int k = -n; k <= n; k++) {
        if (k < 0 && !o->ri) continue;
        /* k > 0 (the text moves up): the rows that come in are written
         * as they scroll in (flow_in), which adds getting to the bottom
         * row; k < 0: a move to the top, ri or rin, and each row's move. */
        long cost = k > 0 ? 5 : k < 0 ? 10 + (-k > 2 && o->rin ? 5 : -2 * k) : 0;
        for (int i = 0; i < n && (best_cost < 0 || cost < best_cost); i++) {
            int j = i + k;
            if (j >= 0 && j < n) {
                if (hn[i] == ho[j] && same_row(o, o->next + (size_t)i * w, o->cur + (size_t)j * w))
                    continue;
                cost += (long)bytes[i] + 6;
            } else if (!blank[i]) {
                cost += (long)bytes[i] + 3;
            }
        }
        if (best_cost < 0 || cost < best_cost) {
            best_cost = cost;
            best = k;
        }
    }
    if (!best) return;
    if (o->region != n - 1) {
        tout_put(o, tparm_np(o->csr, 0, n - 1));
        o->region = n - 1;
        o->cy = o->cx = -1; /* csr homes the cursor on most terminals */
    }
    /* The rows that come in are blank in the terminal's background (the
     * pen's background colour with bce; reverse does not count). */
    if (o->pen.fg == -2 || o->pen.bg != -1) tout_set_pen(o, 0, -1, -1);
    if (best > 0) {
        flow_in(o, n, best, blank);
        return;
    } else {
        tout_move_to(o, 0, o->cx >= 0 && o->cx < o->cols && o->cy == 0 ? o->cx : 0);
        if (-best > 2 && o->rin)
            tout_put(o, tparm_np(o->rin, -best));
        else
            for (int i = 0; i < -best; i++)
                tout_put(o, o->ri);
    }
    shift_model(o, n, best);
}

/* ---- the frame ------------------------------------------------------------ */
