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
#include "tui_priv.h"

#include "lectern/utf8.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

/* The characters of a cell: a cluster as curses gets it. */
#define OUT_CH 5

typedef struct ocell {
    wchar_t ch[OUT_CH]; /* NUL-ended unless full; ch[0] == 0: the right half of a wide cell */
    attr_t a;           /* the attributes that show (shown_attrs) */
    short fg, bg;       /* colours, -1: the terminal's default */
    uint8_t w;          /* cells it takes: 1 or 2; 0 on the right half of a wide one */
} ocell;

/* A blank cell in the terminal's default look. */
#define BLANK ((ocell){{L' '}, 0, -1, -1, 1})

/* The look the terminal draws with (the "pen"). */
typedef struct pen {
    attr_t a;
    short fg, bg; /* -1: the terminal's default */
} pen;

struct tui_out {
    int fd;
    int rows, cols;
    ocell *cur, *next; /* what the terminal shows (when known), what it is to show */
    int known;         /* cur is what the terminal shows */
    /* terminal state */
    int cy, cx;        /* the cursor, -1: not known */
    pen pen;           /* -2 in fg: not known */
    int region;        /* the last row of the scroll region set, -1: none set */
    int shown;         /* the cursor is visible: 1, hidden: 0, -1: not known */
    int onlcr;         /* the tty turns \n into \r\n */
    /* capabilities */
    const char *cup, *csr, *ind, *ri, *indn, *rin, *el, *sgr0, *bold, *dim, *rev, *smul, *sitm,
        *setaf, *setab, *op, *civis, *cnorm, *cuf, *cub, *cuu, *cud, *cuu1, *hpa, *vpa, *home, *clear;
    int bce, am, xenl, msgr;
    int ansi;     /* SGR parameters may be joined: \E[p;p;pm */
    int ansi_cup; /* cup is \E[%i%p1%d;%p2%dH: the column may be left out */
    lec_buf buf;  /* the frame being made */
    lec_buf caps[40]; /* capabilities without their padding */
    int ncaps;
    short *pfg, *pbg; /* colours of each pair, read from curses */
    int npair;
};

/* Copies s without its padding ("$<5>": a delay for hardware terminals
 * of long ago, that curses would send as NUL bytes); static storage for
 * the last NPAD results. */
#define NPAD 8
static const char *nopad(const char *s)
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

/* tiparm without padding. */
#define tparm_np(...) nopad(tiparm(__VA_ARGS__))

/* A capability, its padding taken out (kept in o->caps). */
static const char *cap(tui_out *o, const char *name)
{
    char *s = tigetstr(name);
    if (s == (char *)-1 || !s || !*s) return NULL;
    if (!strstr(s, "$<")) return s;
    lec_buf *b = &o->caps[o->ncaps++];
    lec_buf_puts(b, nopad(s));
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
    for (size_t i = 0; i < n; i++) o->next[i] = BLANK;
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
        for (int i = o->npair; i < n; i++) o->pfg[i] = -3;
        o->npair = n;
    }
    if (o->pfg[p] == -3 && pair_content(p, &o->pfg[p], &o->pbg[p]) != OK) o->pfg[p] = o->pbg[p] = -1;
    *fg = o->pfg[p];
    *bg = o->pbg[p];
}

static const attr_t shown_attrs = A_BOLD | A_DIM | A_REVERSE | A_UNDERLINE | A_ITALIC;

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
    a &= shown_attrs;
    memset(c->ch, 0, sizeof c->ch);
    for (int i = 0; i < OUT_CH && ch[i]; i++) c->ch[i] = ch[i];
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
    for (int i = 0; i < n; i++) tui_out_cell(o, y, x + i, sp, 1, a, pair);
}

/* ---- writing ------------------------------------------------------------ */

static void put(tui_out *o, const char *s)
{
    if (s) lec_buf_puts(&o->buf, s);
}

static void putn(tui_out *o, const char *s, size_t n)
{
    lec_buf_put(&o->buf, s, n);
}

/* The SGR parameter of colour c as foreground (base 30) or background (40). */
static void colour_param(lec_buf *b, int c, int base)
{
    if (c < 0)
        lec_buf_printf(b, "%d", base + 9);
    else if (c < 8)
        lec_buf_printf(b, "%d", base + c);
    else if (c < 16)
        lec_buf_printf(b, "%d", base + 60 + c - 8);
    else
        lec_buf_printf(b, "%d;5;%d", base + 8, c);
}


/* Sets the terminal's look to (a, fg, bg). */
static void set_pen(tui_out *o, attr_t a, short fg, short bg)
{
    a &= shown_attrs;
    if (o->pen.fg != -2 && o->pen.a == a && o->pen.fg == fg && o->pen.bg == bg) return;
    if (o->ansi) {
        /* Two ways: from the current look (the off codes 22 for bold
         * and dim, 23, 24, 27, then what comes on), or from nothing (0);
         * the shorter is sent. */
        lec_buf inc = LEC_BUF_INIT, rst = LEC_BUF_INIT;
        int known = o->pen.fg != -2;
        if (known) {
            attr_t off = o->pen.a & ~a, from = o->pen.a & ~off;
            if (off & (A_BOLD | A_DIM)) {
                lec_buf_puts(&inc, ";22");
                from &= ~(attr_t)(A_BOLD | A_DIM);
            }
            if (off & A_ITALIC) lec_buf_puts(&inc, ";23");
            if (off & A_UNDERLINE) lec_buf_puts(&inc, ";24");
            if (off & A_REVERSE) lec_buf_puts(&inc, ";27");
            attr_t on = a & ~from;
            if (on & A_BOLD) lec_buf_puts(&inc, ";1");
            if (on & A_DIM) lec_buf_puts(&inc, ";2");
            if ((on & A_ITALIC) && o->sitm) lec_buf_puts(&inc, ";3");
            if (on & A_UNDERLINE) lec_buf_puts(&inc, ";4");
            if (on & A_REVERSE) lec_buf_puts(&inc, ";7");
            if (fg != o->pen.fg) {
                lec_buf_putc(&inc, ';');
                colour_param(&inc, fg, 30);
            }
            if (bg != o->pen.bg) {
                lec_buf_putc(&inc, ';');
                colour_param(&inc, bg, 40);
            }
        }
        lec_buf_puts(&rst, ";");
        if (a & A_BOLD) lec_buf_puts(&rst, ";1");
        if (a & A_DIM) lec_buf_puts(&rst, ";2");
        if ((a & A_ITALIC) && o->sitm) lec_buf_puts(&rst, ";3");
        if (a & A_UNDERLINE) lec_buf_puts(&rst, ";4");
        if (a & A_REVERSE) lec_buf_puts(&rst, ";7");
        if (fg >= 0) {
            lec_buf_putc(&rst, ';');
            colour_param(&rst, fg, 30);
        }
        if (bg >= 0) {
            lec_buf_putc(&rst, ';');
            colour_param(&rst, bg, 40);
        }
        /* rst is ";" then ";p;p": "\E[m" alone, else "\E[;p;p" (an empty
         * first parameter is 0), which is what "0;p;p" says. */
        const lec_buf *use = known && inc.len < rst.len ? &inc : &rst;
        put(o, "\033[");
        if (use == &inc)
            putn(o, inc.data + 1, inc.len - 1);
        else if (rst.len > 1)
            putn(o, rst.data + 1, rst.len - 1);
        put(o, "m");
        lec_buf_free(&inc);
        lec_buf_free(&rst);
    } else {
        /* terminfo's strings one by one: sgr0 whenever anything goes. */
        int reset = o->pen.fg == -2 || (o->pen.a & ~a) || (fg < 0 && o->pen.fg >= 0) ||
                    (bg < 0 && o->pen.bg >= 0);
        attr_t on = reset ? a : a & ~o->pen.a;
        if (reset) put(o, o->sgr0);
        if (reset && (o->pen.fg >= 0 || o->pen.bg >= 0) && o->op) put(o, o->op);
        if (on & A_BOLD) put(o, o->bold);
        if (on & A_DIM) put(o, o->dim);
        if (on & A_ITALIC) put(o, o->sitm);
        if (on & A_UNDERLINE) put(o, o->smul);
        if (on & A_REVERSE) put(o, o->rev);
        if (fg >= 0 && (reset || fg != o->pen.fg) && o->setaf) put(o, tparm_np(o->setaf, fg));
        if (bg >= 0 && (reset || bg != o->pen.bg) && o->setab) put(o, tparm_np(o->setab, bg));
    }
    o->pen.a = a;
    o->pen.fg = fg;
    o->pen.bg = bg;
}

static void set_cell_pen(tui_out *o, const ocell *c)
{
    set_pen(o, c->a, c->fg, c->bg);
}

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

static void write_cell(tui_out *o, int y, int x, const ocell *c);
static int is_blank(const ocell *c);

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

/* Moves the cursor to (y, x) the shortest way known; for_char: a
 * character is written there next, so a wrap at the right margin may
 * take the cursor there (as less does, and \r\n is saved). */
/* The shortest bytes known that take the cursor to (y, x), into best
 * (64 bytes); returns their length, SIZE_MAX when there is no way. */
static size_t plan_move(tui_out *o, int y, int x, int for_char, char *best)
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
            for (int r = o->cy; lf && r < y; r++) lf = r != o->region && r != o->rows - 1;
            if (lf) {
                snprintf(c, sizeof c, "%s%.*s%s", pre, k, "\n\n\n\n", o->onlcr ? h0 : h);
                keep_shorter(best, &bl, c);
            }
            if (y == o->cy - 1 && o->cuu1) {
                snprintf(c, sizeof c, "%s%s%s", pre, o->cuu1, h);
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
static void move_to_for(tui_out *o, int y, int x, int for_char)
{
    if (o->cy == y && o->cx == x) return;
    if (for_char && o->cx == o->cols - 1 && o->cy >= 0 && y == o->cy + 1 && x == 0) {
        /* One cell short of the margin: a blank written there (one byte)
         * brings the wrap. */
        const ocell *c = &o->next[(size_t)o->cy * o->cols + o->cx];
        if (is_blank(c) && c->w == 1 && o->pen.fg != -2 && o->pen.bg == c->bg &&
            !(o->pen.a & (A_REVERSE | A_UNDERLINE)) && wraps_from(o, o->cy)) {
            int cy = o->cy;
            write_cell(o, cy, o->cx, c);
            o->cur[(size_t)cy * o->cols + o->cols - 1] = *c;
        }
    }
    /* Without msgr, moving in a highlight mode may smear it. */
    if (!o->msgr && o->pen.fg != -2 && (o->pen.a || o->pen.fg >= 0 || o->pen.bg >= 0) &&
        !(for_char && wraps_to(o, y, x)))
        set_pen(o, 0, -1, -1);
    char best[64];
    size_t bl = plan_move(o, y, x, for_char, best);
    if (bl != SIZE_MAX) putn(o, best, bl);
    o->cy = y;
    o->cx = x;
}

static void move_to(tui_out *o, int y, int x)
{
    move_to_for(o, y, x, 0);
}

static size_t cell_bytes(const ocell *c)
{
    size_t n = 0;
    char u[4];
    for (int i = 0; i < OUT_CH && c->ch[i]; i++)
        n += (size_t)lec_utf8_encode((int32_t)c->ch[i], u);
    return n;
}

static int is_blank(const ocell *c)
{
    return c->w == 1 && c->ch[0] == L' ' && c->ch[1] == 0 &&
           !(c->a & (A_UNDERLINE | A_REVERSE | A_ITALIC));
}

/* Whether cell c can be drawn without changing the terminal's look: in
 * it, or a blank on its background. */
static int drawable(const tui_out *o, const ocell *c)
{
    if (o->pen.fg == -2) return 0;
    if (c->a == o->pen.a && c->fg == o->pen.fg && c->bg == o->pen.bg) return 1;
    return is_blank(c) && o->pen.bg == c->bg && !(o->pen.a & (A_REVERSE | A_UNDERLINE));
}

/* Writes cell c at the cursor, which is at (y, x). */
static void write_cell(tui_out *o, int y, int x, const ocell *c)
{
    /* The last cell of the last row: with am and without xenl the
     * terminal would scroll. */
    if (y == o->rows - 1 && x + c->w >= o->cols && o->am && !o->xenl) return;
    /* A blank is drawn in any look with its background. */
    if (!drawable(o, c)) set_cell_pen(o, c);
    char u[4];
    for (int i = 0; i < OUT_CH && c->ch[i]; i++) {
        int n = lec_utf8_encode((int32_t)c->ch[i], u);
        putn(o, u, (size_t)n);
    }
    o->cx = x + c->w;
    /* At the right margin the terminal waits to wrap (xenl: cx ==
     * cols, and \r goes back to the row's start) or has wrapped, maybe
     * scrolling: then the position is not known. */
    if (o->cx >= o->cols && !(o->am && o->xenl)) o->cy = o->cx = -1;
}

static int same_cell(const ocell *a, const ocell *b)
{
    return a->w == b->w && a->a == b->a && a->fg == b->fg && a->bg == b->bg &&
           memcmp(a->ch, b->ch, sizeof a->ch) == 0;
}




/* What writing cells [x, to) of row r costs, about: their bytes, and a
 * few for each change of look; with_next: and the change of look cell
 * `to` then needs. */
static size_t gap_cost(tui_out *o, const ocell *r, int x, int to, int with_next)
{
    size_t n = 0;
    pen save = o->pen;
    for (; x < to; x++) {
        if (!r[x].w) continue;
        n += cell_bytes(&r[x]);
        if (!drawable(o, &r[x])) {
            n += 5;
            o->pen = (pen){r[x].a, r[x].fg, r[x].bg};
        }
    }
    if (with_next && !drawable(o, &r[to])) n += 5;
    o->pen = save;
    return n;
}

/* The change of look cell c needs, about. */
static size_t pen_cost(const tui_out *o, const ocell *c)
{
    return drawable(o, c) ? 0 : 5;
}

/* Sends row y's changes. */
static void update_row(tui_out *o, int y)
{
    const ocell *oldr = o->cur + (size_t)y * o->cols, *newr = o->next + (size_t)y * o->cols;
    int cols = o->cols;
    int first = 0;
    while (first < cols && same_cell(&oldr[first], &newr[first])) first++;
    if (first == cols) return;
    if (newr[first].w == 0 && first > 0) first--;
    /* The tail of blanks on one background, which el clears (in a colour
     * only where the terminal erases with it, bce). */
    int tail = cols;
    while (tail > 0 && is_blank(&newr[tail - 1]) && newr[tail - 1].bg == newr[cols - 1].bg)
        tail--;
    int can_el = o->el && tail < cols && (newr[cols - 1].bg < 0 || o->bce);
    int end = cols;
    while (end > first && same_cell(&oldr[end - 1], &newr[end - 1])) end--;
    if (can_el && tail >= end) can_el = 0; /* the tail is as it was */
    if (can_el) end = tail;
    char mv[64];
    /* From the row's start when writing the cells before the first change
     * costs less than getting there (an indent after \n). */
    if (first > 0 && first < end) {
        size_t direct = plan_move(o, y, first, 1, mv);
        size_t start = plan_move(o, y, 0, 1, mv);
        if (start != SIZE_MAX &&
            (direct == SIZE_MAX ||
             start + gap_cost(o, newr, 0, first, 1) < direct + pen_cost(o, &newr[first])))
            first = 0;
    }
    int x = first;
    while (x < end) {
        if (newr[x].w == 0) {
            x++;
            continue;
        }
        if (x > first && same_cell(&oldr[x], &newr[x])) {
            /* Unchanged cells before the next change: written over when
             * that costs less than moving past them. */
            int d = x;
            while (d < end && same_cell(&oldr[d], &newr[d])) d++;
            if (d >= end) break;
            if (newr[d].w == 0) d--;
            if (d <= x) {
                x = d + 1;
                continue;
            }
            size_t jump = plan_move(o, y, d, 1, mv);
            if (o->cy == y && o->cx == x && jump != SIZE_MAX &&
                gap_cost(o, newr, x, d, 1) <= jump + pen_cost(o, &newr[d])) {
                for (; x < d; x++)
                    if (newr[x].w) write_cell(o, y, x, &newr[x]);
            }
            x = d;
            continue;
        }
        move_to_for(o, y, x, 1);
        write_cell(o, y, x, &newr[x]);
        x += newr[x].w;
    }
    if (can_el) {
        int from = tail > first ? tail : first;
        move_to(o, y, from);
        set_cell_pen(o, &newr[cols - 1]);
        put(o, o->el);
    }
}

/* ---- scrolling ------------------------------------------------------------ */

static int same_row(const tui_out *o, const ocell *a, const ocell *b)
{
    for (int x = 0; x < o->cols; x++)
        if (!same_cell(&a[x], &b[x])) return 0;
    return 1;
}

static size_t row_bytes(const tui_out *o, const ocell *r)
{
    size_t n = 0;
    for (int x = 0; x < o->cols; x++) n += r[x].w ? cell_bytes(&r[x]) : 0;
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
            base[i] = BLANK;
    } else {
        k = -k;
        memmove(base + (size_t)k * w, base, (size_t)(n - k) * w * sizeof *base);
        for (size_t i = 0; i < (size_t)k * w; i++) base[i] = BLANK;
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
static void scroll_rows(tui_out *o)
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
            blank[i] = same_cell(&r[c], &BLANK);
    }
    long best_cost = -1;
    int best = 0;
    for (int k = -n; k <= n; k++) {
        if (k < 0 && !o->ri) continue;
        long cost = k ? 10 + (k > 0 ? (k > 2 && o->indn ? 5 : k) : (-k > 2 && o->rin ? 5 : -2 * k)) : 0;
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
        put(o, tparm_np(o->csr, 0, n - 1));
        o->region = n - 1;
        o->cy = o->cx = -1; /* csr homes the cursor on most terminals */
    }
    /* The rows that come in are blank in the terminal's background (the
     * pen's background colour with bce; reverse does not count). */
    if (o->pen.fg == -2 || o->pen.bg != -1) set_pen(o, 0, -1, -1);
    if (best > 0) {
        move_to(o, n - 1, o->cx >= 0 && o->cx < o->cols && o->cy == n - 1 ? o->cx : 0);
        if (best > 2 && o->indn) {
            put(o, tparm_np(o->indn, best));
        } else {
            for (int i = 0; i < best; i++) put(o, o->ind);
            if (o->onlcr && strcmp(o->ind, "\n") == 0) o->cx = 0;
        }
    } else {
        move_to(o, 0, o->cx >= 0 && o->cx < o->cols && o->cy == 0 ? o->cx : 0);
        if (-best > 2 && o->rin)
            put(o, tparm_np(o->rin, -best));
        else
            for (int i = 0; i < -best; i++) put(o, o->ri);
    }
    shift_model(o, n, best);
}

/* ---- the frame ------------------------------------------------------------ */

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
            put(o, o->sgr0);
            o->pen = (pen){0, -1, -1};
        }
        if (o->csr && o->rows > 3) {
            put(o, tparm_np(o->csr, 0, o->rows - 2));
            o->region = o->rows - 2;
        }
        put(o, o->clear);
        o->cy = o->cx = o->clear ? 0 : -1;
        for (size_t i = 0, n = (size_t)o->rows * o->cols; i < n; i++)
            o->cur[i] = BLANK;
        o->known = 1;
    } else {
        scroll_rows(o);
    }
    for (int y = 0; y < o->rows; y++) update_row(o, y);
    memcpy(o->cur, o->next, (size_t)o->rows * o->cols * sizeof *o->cur);
    if (cy >= 0) {
        move_to(o, cy, cx);
        if (o->shown != 1) put(o, o->cnorm);
        o->shown = 1;
    } else if (o->shown != 0) {
        put(o, o->civis);
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
    put(o, o->sgr0);
    if (o->csr && o->region >= 0) put(o, tparm_np(o->csr, 0, o->rows - 1));
    if (o->cup) put(o, tparm_np(o->cup, o->rows - 1, 0));
    if (o->shown != 1) put(o, o->cnorm);
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
    for (int i = 0; i < o->ncaps; i++) lec_buf_free(&o->caps[i]);
    free(o);
}
