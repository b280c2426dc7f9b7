/*
 * tui_out.c - the browser's own output: each frame is compared with what
 * the terminal shows and only the difference is sent, in one write().
 *
 * curses keeps reading the keys and the terminal's description
 * (terminfo); the drawing code puts every cell both into curses' window
 * (the test dumps read it) and here (tui_out_cell, tui_out_blank).  curses'
 * own update is not used: measured on a pty (bench/run, section 5), it
 * resets the scroll region after every scroll, moves the cursor by
 * absolute address, ends each update with a colour and attribute reset
 * and writes a frame in several write()s; this module keeps the scroll
 * region set to the rows above the status line and scrolls them with
 * "\n" at their bottom (ri at their top), moves the cursor the shortest
 * way it knows, sends one short SGR for each change of look, and clears
 * the rest of a row with el.  Where the terminal's strings are those of
 * ECMA-48 (xterm, tmux, screen, the Linux console), the SGR parameters of
 * one change are joined into one sequence; elsewhere terminfo's strings
 * are sent one by one.
 */
#include "tui_out_priv.h"

#include <errno.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

/* Copies s without its padding ("$<5>": a delay for hardware terminals
 * of long ago, that curses would send as NUL bytes); static storage for
 * the last NPAD results. */
#define NPAD 8
const char *tout_nopad(const char *s)
{
    static char bufs[NPAD][128];
    static int next;
    if (!s || !strstr(s, "$<")) return s;
    char *b = bufs[next];
    next = (next + 1) % NPAD;
    size_t n = 0;
    for (const char *p = s; *p && n + 1 < sizeof bufs[0]; p++) {
        if (p[0] == '$' && p[1] == '<') {
            const char *e = strchr(p, '>');
            if (e) {
                p = e;
                continue;
            }
        }
        b[n++] = *p;
    }
    b[n] = 0;
    return b;
}

/* A capability, its padding taken out (kept in o->caps). */
static const char *cap(tui_out *o, const char *name)
{
    char *s = tigetstr(name);
    if (s == (char *)-1 || !s || !*s) return NULL;
    if (!strstr(s, "$<")) return s;
    lec_buf *b = &o->caps[o->ncaps++];
    lec_buf_puts(b, tout_nopad(s));
    return b->data;
}

static int flag(const char *name)
{
    return tigetflag(name) > 0;
}

/* "\E[" ... "m" of an SGR string: its parameters, or NULL. */
static int sgr_params(const char *s, const char **p, size_t *n)
{
    if (!s || strncmp(s, "\033[", 2) != 0) return 0;
    size_t len = strlen(s);
    if (len < 4 || s[len - 1] != 'm') return 0;
    for (size_t i = 2; i + 1 < len; i++)
        if (!(s[i] >= '0' && s[i] <= '9') && s[i] != ';') return 0;
    *p = s + 2;
    *n = len - 3;
    return 1;
}

static int is_param(const char *s, const char *want)
{
    const char *p;
    size_t n;
    return sgr_params(s, &p, &n) && n == strlen(want) && memcmp(p, want, n) == 0;
}

static void alloc_grids(tui_out *o)
{
    size_t n = (size_t)o->rows * (size_t)o->cols;
    free(o->cur);
    free(o->next);
    o->cur = lec_xcalloc(n ? n : 1, sizeof *o->cur);
    o->next = lec_xcalloc(n ? n : 1, sizeof *o->next);
    for (size_t i = 0; i < n; i++)
        o->next[i] = TOUT_BLANK;
    o->known = 0;
}

tui_out *tui_out_open(int fd)
{
    tui_out *o = lec_xcalloc(1, sizeof *o);
    o->fd = fd;
    o->cup = cap(o, "cup");
    o->csr = cap(o, "csr");
    o->ind = cap(o, "ind");
    o->ri = cap(o, "ri");
    o->indn = cap(o, "indn");
    o->rin = cap(o, "rin");
    o->el = cap(o, "el");
    o->sgr0 = cap(o, "sgr0");
    o->bold = cap(o, "bold");
    o->dim = cap(o, "dim");
    o->rev = cap(o, "rev");
    o->smul = cap(o, "smul");
    o->sitm = cap(o, "sitm");
    o->setaf = cap(o, "setaf");
    o->setab = cap(o, "setab");
    o->op = cap(o, "op");
    o->civis = cap(o, "civis");
    o->cnorm = cap(o, "cnorm");
    o->cuf = cap(o, "cuf");
    o->cub = cap(o, "cub");
    o->cuu = cap(o, "cuu");
    o->cuu1 = cap(o, "cuu1");
    o->cud = cap(o, "cud");
    o->hpa = cap(o, "hpa");
    o->vpa = cap(o, "vpa");
    o->home = cap(o, "home");
    o->clear = cap(o, "clear");
    o->bce = flag("bce");
    o->am = flag("am");
    o->xenl = flag("xenl");
    o->msgr = flag("msgr");
    /* ECMA-48 SGR: each attribute's string is \E[<n>m with the usual n,
     * and the colours' are too. */
    o->ansi = is_param(o->bold, "1") && is_param(o->rev, "7") &&
              (!o->smul || is_param(o->smul, "4")) && (!o->dim || is_param(o->dim, "2")) &&
              (!o->sitm || is_param(o->sitm, "3")) &&
              (!o->setaf || is_param(tparm_np(o->setaf, 3), "33")) &&
              (!o->setab || is_param(tparm_np(o->setab, 4), "44")) && o->sgr0 &&
              (strcmp(o->sgr0, "\033[m") == 0 || strcmp(o->sgr0, "\033[0m") == 0 ||
               strcmp(o->sgr0, "\033(B\033[m") == 0 || strcmp(o->sgr0, "\033(B\033[0m") == 0);
    o->ansi_cup = o->cup && strcmp(o->cup, "\033[%i%p1%d;%p2%dH") == 0;
    struct termios tio;
    o->onlcr = tcgetattr(fd, &tio) == 0 && (tio.c_oflag & OPOST) && (tio.c_oflag & ONLCR);
    o->rows = LINES > 0 ? LINES : 1;
    o->cols = COLS > 0 ? COLS : 1;
    alloc_grids(o);
    o->cy = o->cx = -1;
    o->pen.fg = -2;
    o->region = -1;
    o->shown = -1;
    return o;
}

void tui_out_invalidate(tui_out *o)
{
    if (!o) return;
    o->known = 0;
    o->cy = o->cx = -1;
    o->pen.fg = -2;
    o->region = -1;
    o->shown = -1;
}

void tui_out_resize(tui_out *o)
{
    if (!o) return;
    int rows = LINES > 0 ? LINES : 1, cols = COLS > 0 ? COLS : 1;
    if (rows != o->rows || cols != o->cols) {
        o->rows = rows;
        o->cols = cols;
        alloc_grids(o);
    }
    tui_out_invalidate(o);
}

/* The colours of pair p, from curses (a pair is made once and kept). */
static void pair_colours(tui_out *o, short p, short *fg, short *bg)
{
    *fg = *bg = -1;
    if (p <= 0) return;
    if (p >= o->npair) {
        int n = p + 16;
        o->pfg = lec_xrealloc(o->pfg, (size_t)n * sizeof *o->pfg);
        o->pbg = lec_xrealloc(o->pbg, (size_t)n * sizeof *o->pbg);
        for (int i = o->npair; i < n; i++)
            o->pfg[i] = -3;
        o->npair = n;
    }
    if (o->pfg[p] == -3 && pair_content(p, &o->pfg[p], &o->pbg[p]) != OK)
        o->pfg[p] = o->pbg[p] = -1;
    *fg = o->pfg[p];
    *bg = o->pbg[p];
}

/* ---- putting cells -------------------------------------------------------- */

void tui_out_cell(tui_out *o, int y, int x, const wchar_t *ch, int w, attr_t a, short pair)
{
    if (!o || y < 0 || y >= o->rows || x < 0 || x >= o->cols) return;
    ocell *c = &o->next[(size_t)y * o->cols + x];
    /* Whatever this cell overwrites, a wide cell's halves go together. */
    if (c->w == 0 && x > 0) {
        ocell *l = c - 1;
        l->ch[0] = L' ';
        l->ch[1] = 0;
        l->w = 1;
    }
    if (c->w == 2 && x + 1 < o->cols) {
        ocell *r = c + 1;
        r->ch[0] = L' ';
        r->ch[1] = 0;
        r->w = 1;
    }
    short fg, bg;
    pair_colours(o, pair, &fg, &bg);
    a &= TOUT_SHOWN;
    memset(c->ch, 0, sizeof c->ch);
    for (int i = 0; i < OUT_CH && ch[i]; i++)
        c->ch[i] = ch[i];
    /* A blank shows only its background (reverse and underline aside):
     * one that only differs in foreground, bold or dim is the same. */
    if (c->ch[0] == L' ' && !c->ch[1] && !(a & (A_REVERSE | A_UNDERLINE))) a = 0, fg = -1;
    c->a = a;
    c->fg = fg;
    c->bg = bg;
    c->w = (uint8_t)(w == 2 && x + 1 < o->cols ? 2 : 1);
    if (c->w == 2) {
        ocell *r = c + 1;
        if (r->w == 2 && x + 2 < o->cols) {
            r[1].ch[0] = L' ';
            r[1].ch[1] = 0;
            r[1].w = 1;
        }
        memset(r->ch, 0, sizeof r->ch);
        r->w = 0;
        r->a = a;
        r->fg = fg;
        r->bg = bg;
    }
}

void tui_out_blank(tui_out *o, int y, int x, int n, attr_t a, short pair)
{
    static const wchar_t sp[2] = {L' ', 0};
    for (int i = 0; i < n; i++)
        tui_out_cell(o, y, x + i, sp, 1, a, pair);
}

/* ---- writing rows ------------------------------------------------------- */

/* What writing cells [x, to) of row r costs, about: their bytes, and a
 * few for each change of look; with_next: and the change of look cell
 * `to` then needs. */
static size_t gap_cost(tui_out *o, const ocell *r, int x, int to, int with_next)
{
    size_t n = 0;
    pen save = o->pen;
    for (; x < to; x++) {
        if (!r[x].w) continue;
        n += tout_cell_bytes(&r[x]);
        if (!tout_drawable(o, &r[x])) {
            n += 5;
            o->pen = (pen){r[x].a, r[x].fg, r[x].bg};
        }
    }
    if (with_next && !tout_drawable(o, &r[to])) n += 5;
    o->pen = save;
    return n;
}

/* The change of look cell c needs, about. */
static size_t pen_cost(const tui_out *o, const ocell *c)
{
    return tout_drawable(o, c) ? 0 : 5;
}

/* Sends the changes that make the terminal's row y show newr. */
void tout_update_row(tui_out *o, int y, const ocell *newr)
{
    const ocell *oldr = o->cur + (size_t)y * o->cols;
    int cols = o->cols;
    int first = 0;
    while (first < cols && tout_same_cell(&oldr[first], &newr[first]))
        first++;
    if (first == cols) return;
    if (newr[first].w == 0 && first > 0) first--;
    /* The tail of blanks on one background, which el clears (in a colour
     * only where the terminal erases with it, bce). */
    int tail = cols;
    while (tail > 0 && tout_is_blank(&newr[tail - 1]) && newr[tail - 1].bg == newr[cols - 1].bg)
        tail--;
    int can_el = o->el && tail < cols && (newr[cols - 1].bg < 0 || o->bce);
    int end = cols;
    while (end > first && tout_same_cell(&oldr[end - 1], &newr[end - 1]))
        end--;
    if (can_el && tail >= end) can_el = 0; /* the tail is as it was */
    if (can_el) end = tail;
    char mv[64];
    /* From the row's start when writing the cells before the first change
     * costs less than getting there (an indent after \n). */
    if (first > 0 && first < end) {
        size_t direct = tout_plan_move(o, y, first, 1, mv);
        size_t start = tout_plan_move(o, y, 0, 1, mv);
        if (start != SIZE_MAX && (direct == SIZE_MAX || start + gap_cost(o, newr, 0, first, 1) <
                                                            direct + pen_cost(o, &newr[first])))
            first = 0;
    }
    int x = first;
    while (x < end) {
        if (newr[x].w == 0) {
            x++;
            continue;
        }
        if (x > first && tout_same_cell(&oldr[x], &newr[x])) {
            /* Unchanged cells before the next change: written over when
             * that costs less than moving past them. */
            int d = x;
            while (d < end && tout_same_cell(&oldr[d], &newr[d]))
                d++;
            if (d >= end) break;
            if (newr[d].w == 0) d--;
            if (d <= x) {
                x = d + 1;
                continue;
            }
            size_t jump = tout_plan_move(o, y, d, 1, mv);
            if (o->cy == y && o->cx == x && jump != SIZE_MAX &&
                gap_cost(o, newr, x, d, 1) <= jump + pen_cost(o, &newr[d])) {
                for (; x < d; x++)
                    if (newr[x].w) tout_write_cell(o, y, x, &newr[x]);
            }
            x = d;
            continue;
        }
        tout_move_to_for(o, y, x, 1);
        tout_write_cell(o, y, x, &newr[x]);
        x += newr[x].w;
    }
    if (can_el) {
        int from = tail > first ? tail : first;
        tout_move_to(o, y, from);
        tout_set_cell_pen(o, &newr[cols - 1]);
        tout_put(o, o->el);
    }
}

static void send(tui_out *o)
{
    size_t done = 0;
    while (done < o->buf.len) {
        ssize_t w = write(o->fd, o->buf.data + done, o->buf.len - done);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) break; /* the terminal is gone: the key loop finds out */
        done += (size_t)w;
    }
    lec_buf_reset(&o->buf);
}

void tui_out_flush(tui_out *o, int cy, int cx)
{
    if (!o) return;
    lec_buf_reset(&o->buf);
    if (!o->known) {
        /* All of it: the screen cleared, the scroll region set. */
        if (o->pen.fg == -2 || o->pen.a || o->pen.fg >= 0 || o->pen.bg >= 0) {
            tout_put(o, o->sgr0);
            o->pen = (pen){0, -1, -1};
        }
        if (o->csr && o->rows > 3) {
            tout_put(o, tparm_np(o->csr, 0, o->rows - 2));
            o->region = o->rows - 2;
        }
        tout_put(o, o->clear);
        o->cy = o->cx = o->clear ? 0 : -1;
        for (size_t i = 0, n = (size_t)o->rows * o->cols; i < n; i++)
            o->cur[i] = TOUT_BLANK;
        o->known = 1;
    } else {
        tout_scroll_rows(o);
    }
    for (int y = 0; y < o->rows; y++)
        tout_update_row(o, y, o->next + (size_t)y * o->cols);
    memcpy(o->cur, o->next, (size_t)o->rows * o->cols * sizeof *o->cur);
    if (cy >= 0) {
        tout_move_to(o, cy, cx);
        if (o->shown != 1) tout_put(o, o->cnorm);
        o->shown = 1;
    } else if (o->shown != 0) {
        tout_put(o, o->civis);
        o->shown = 0;
    }
    send(o);
}

void tui_out_reset(tui_out *o)
{
    if (!o) return;
    lec_buf_reset(&o->buf);
    /* As endwin leaves it: plain look, the whole screen scrolls, the
     * cursor shown at the bottom left (curses moves it there too). */
    tout_put(o, o->sgr0);
    if (o->csr && o->region >= 0) tout_put(o, tparm_np(o->csr, 0, o->rows - 1));
    if (o->cup) tout_put(o, tparm_np(o->cup, o->rows - 1, 0));
    if (o->shown != 1) tout_put(o, o->cnorm);
    send(o);
    tui_out_invalidate(o);
}

void tui_out_close(tui_out *o)
{
    if (!o) return;
    tui_out_reset(o);
    lec_buf_free(&o->buf);
    free(o->cur);
    free(o->next);
    free(o->pfg);
    free(o->pbg);
    for (int i = 0; i < o->ncaps; i++)
        lec_buf_free(&o->caps[i]);
    free(o);
}
