/*
 * tui_out_scroll.c - rows that moved as a whole in the browser's own
 * output are moved by the terminal: the scroll region kept set to the
 * rows above the status line, \n at its bottom, ri at its top.
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
        long cost =
            k ? 10 + (k > 0 ? (k > 2 && o->indn ? 5 : k) : (-k > 2 && o->rin ? 5 : -2 * k)) : 0;
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
        tout_move_to(o, n - 1, o->cx >= 0 && o->cx < o->cols && o->cy == n - 1 ? o->cx : 0);
        if (best > 2 && o->indn) {
            tout_put(o, tparm_np(o->indn, best));
        } else {
            for (int i = 0; i < best; i++)
                tout_put(o, o->ind);
            if (o->onlcr && strcmp(o->ind, "\n") == 0) o->cx = 0;
        }
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
