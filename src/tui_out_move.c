/*
 * tui_out_move.c - the cursor in the browser's own output: the shortest
 * moves the terminal offers (relative, absolute, \r\n, a wrap at the
 * right margin) and writing a cell where it stands.
 */
#include "tui_out_priv.h"

#include <stdio.h>

/* The string s with %d replaced... : tiparm of a capability. */
static const char *parm1(const char *s, int n)
{
    return s ? tparm_np(s, n) : NULL;
}

/* Keeps the shorter of best (*bl bytes) and s. */
static void keep_shorter(char *best, size_t *bl, const char *s)
{
    size_t n = strlen(s);
    if (n < *bl && n < 64) {
        memcpy(best, s, n + 1);
        *bl = n;
    }
}

/* The shortest way from column fx to column x on a row, into h. */
static void horizontal(tui_out *o, int fx, int x, char *h)
{
    char c[64];
    size_t bl = SIZE_MAX;
    h[0] = 0;
    if (x == fx) return;
    if (x == 0) keep_shorter(h, &bl, "\r");
    if (x > fx && o->cuf) keep_shorter(h, &bl, parm1(o->cuf, x - fx));
    if (x < fx && o->cub) keep_shorter(h, &bl, parm1(o->cub, fx - x));
    if (x + 1 == fx) keep_shorter(h, &bl, "\b");
    if (x > 0 && o->cuf) {
        snprintf(c, sizeof c, "\r%s", parm1(o->cuf, x));
        keep_shorter(h, &bl, c);
    }
    if (o->hpa) keep_shorter(h, &bl, parm1(o->hpa, x));
    if (bl == SIZE_MAX) h[0] = 0;
}

/* Whether a character written at the cursor goes to the start of the
 * next row by itself: the cursor waits to wrap after the last column
 * (am with xenl), except at the bottom of the scroll region or of the
 * screen, where the wrap would scroll. */
static int wraps_from(const tui_out *o, int row)
{
    return o->am && o->xenl && row != o->region && row != o->rows - 1;
}

static int wraps_to(const tui_out *o, int y, int x)
{
    return o->cy >= 0 && o->cx >= o->cols && y == o->cy + 1 && x == 0 && wraps_from(o, o->cy);
}

/* The shortest bytes known that take the cursor to (y, x), into best
 * (64 bytes); returns their length, SIZE_MAX when there is no way. */
size_t tout_plan_move(tui_out *o, int y, int x, int for_char, char *best)
{
    size_t bl = SIZE_MAX;
    best[0] = 0;
    if (o->cy == y && o->cx == x) return 0;
    if (for_char && wraps_to(o, y, x)) return 0;
    char c[160];
    if (o->ansi_cup && x == 0)
        snprintf(c, sizeof c, "\033[%dH", y + 1);
    else if (o->ansi_cup)
        snprintf(c, sizeof c, "\033[%d;%dH", y + 1, x + 1);
    else
        snprintf(c, sizeof c, "%s", o->cup ? tparm_np(o->cup, y, x) : "");
    if (o->cup) keep_shorter(best, &bl, c);
    if (o->cy >= 0 && o->cx >= 0) {
        /* At the right margin, waiting to wrap: \r first. */
        const char *pre = "";
        int fx = o->cx;
        if (fx >= o->cols) {
            pre = "\r";
            fx = 0;
        }
        char h[64], h0[64], v[64];
        horizontal(o, fx, x, h);
        horizontal(o, 0, x, h0);
        /* Relative moves down stop at the scroll region's bottom margin:
         * none from inside it to below it (up, the top margin is the
         * screen's top). */
        int side = o->region >= 0 && o->cy <= o->region && y > o->region;
        if (y == o->cy) {
            snprintf(c, sizeof c, "%s%s", pre, h);
            keep_shorter(best, &bl, c);
        } else if (side) {
            if (o->vpa) {
                snprintf(v, sizeof v, "%s", parm1(o->vpa, y));
                snprintf(c, sizeof c, "%s%s%s", pre, v, h);
                keep_shorter(best, &bl, c);
            }
        } else {
            /* \n goes down a row, but scrolls at the region's bottom and
             * the screen's. */
            int k = y - o->cy, lf = k > 0 && k <= 4;
            for (int r = o->cy; lf && r < y; r++)
                lf = r != o->region && r != o->rows - 1;
            if (lf) {
                snprintf(c, sizeof c, "%s%.*s%s", pre, k, "\n\n\n\n", o->onlcr ? h0 : h);
                keep_shorter(best, &bl, c);
            }
            if (y == o->cy - 1 && o->cuu1) {
                snprintf(c, sizeof c, "%s%s%s", pre, o->cuu1, h);
                keep_shorter(best, &bl, c);
            }
            /* ri goes up a row (2 bytes, "\EM", against cuu1's 3) and
             * scrolls only at the top margin, which is row 0 here: the
             * region always starts at the screen's top. */
            if (y == o->cy - 1 && o->cy > 0 && o->ri) {
                snprintf(c, sizeof c, "%s%s%s", pre, o->ri, h);
                keep_shorter(best, &bl, c);
            }
            if (o->vpa) {
                snprintf(v, sizeof v, "%s", parm1(o->vpa, y));
                snprintf(c, sizeof c, "%s%s%s", pre, v, h);
                keep_shorter(best, &bl, c);
            }
            if (y < o->cy && o->cuu) {
                snprintf(v, sizeof v, "%s", parm1(o->cuu, o->cy - y));
                snprintf(c, sizeof c, "%s%s%s", pre, v, h);
                keep_shorter(best, &bl, c);
            }
            if (y > o->cy && o->cud) {
                snprintf(v, sizeof v, "%s", parm1(o->cud, y - o->cy));
                snprintf(c, sizeof c, "%s%s%s", pre, v, h);
                keep_shorter(best, &bl, c);
            }
        }
    }
    return bl;
}

/* Moves the cursor to (y, x) the shortest way known; for_char: a
 * character is written there next, so a wrap at the right margin may
 * take the cursor there (as less does, and \r\n is saved). */
void tout_move_to_for(tui_out *o, int y, int x, int for_char)
{
    if (o->cy == y && o->cx == x) return;
    if (for_char && o->cx == o->cols - 1 && o->cy >= 0 && y == o->cy + 1 && x == 0) {
        /* One cell short of the margin: a blank written there (one byte)
         * brings the wrap. */
        const ocell *c = &o->next[(size_t)o->cy * o->cols + o->cx];
        if (tout_is_blank(c) && c->w == 1 && o->pen.fg != -2 && o->pen.bg == c->bg &&
            !(o->pen.a & (A_REVERSE | A_UNDERLINE)) && wraps_from(o, o->cy)) {
            int cy = o->cy;
            tout_write_cell(o, cy, o->cx, c);
            o->cur[(size_t)cy * o->cols + o->cols - 1] = *c;
        }
    }
    /* Without msgr, moving in a highlight mode may smear it. */
    if (!o->msgr && o->pen.fg != -2 && (o->pen.a || o->pen.fg >= 0 || o->pen.bg >= 0) &&
        !(for_char && wraps_to(o, y, x)))
        tout_set_pen(o, 0, -1, -1);
    char best[64];
    size_t bl = tout_plan_move(o, y, x, for_char, best);
    if (bl != SIZE_MAX) tout_putn(o, best, bl);
    o->cy = y;
    o->cx = x;
}

void tout_move_to(tui_out *o, int y, int x)
{
    tout_move_to_for(o, y, x, 0);
}

/* Writes cell c at the cursor, which is at (y, x). */
void tout_write_cell(tui_out *o, int y, int x, const ocell *c)
{
    /* The last cell of the last row: with am and without xenl the
     * terminal would scroll. */
    if (y == o->rows - 1 && x + c->w >= o->cols && o->am && !o->xenl) return;
    /* A blank is drawn in any look with its background. */
    if (!tout_drawable(o, c)) tout_set_cell_pen(o, c);
    char u[4];
    for (int i = 0; i < OUT_CH && c->ch[i]; i++) {
        int n = lec_utf8_encode((int32_t)c->ch[i], u);
        tout_putn(o, u, (size_t)n);
    }
    o->cx = x + c->w;
    /* At the right margin the terminal waits to wrap (xenl: cx ==
     * cols, and \r goes back to the row's start) or has wrapped, maybe
     * scrolling: then the position is not known. */
    if (o->cx >= o->cols && !(o->am && o->xenl)) o->cy = o->cx = -1;
}
