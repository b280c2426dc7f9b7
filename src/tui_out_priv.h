/*
 * tui_out_priv.h - what the modules of the browser's own output share
 * (tui_out.c, tui_out_pen.c, tui_out_move.c, tui_out_scroll.c): the model
 * of a cell and of the terminal's state.  Private to them.
 */
#ifndef LECTERN_TUI_OUT_PRIV_H
#define LECTERN_TUI_OUT_PRIV_H

#include "tui_priv.h"

#include "lectern/utf8.h"

#include <stdint.h>
#include <string.h>
#include <term.h>

/* The characters of a cell: a cluster as curses gets it. */
#define OUT_CH 5

typedef struct ocell {
    wchar_t ch[OUT_CH]; /* NUL-ended unless full; ch[0] == 0: the right half of a wide cell */
    attr_t a;           /* the attributes that show (TOUT_SHOWN) */
    short fg, bg;       /* colours, -1: the terminal's default */
    uint8_t w;          /* cells it takes: 1 or 2; 0 on the right half of a wide one */
} ocell;

/* A blank cell in the terminal's default look. */
#define TOUT_BLANK ((ocell){{L' '}, 0, -1, -1, 1})

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
    int cy, cx; /* the cursor, -1: not known */
    pen pen;    /* -2 in fg: not known */
    int region; /* the last row of the scroll region set, -1: none set */
    int shown;  /* the cursor is visible: 1, hidden: 0, -1: not known */
    int onlcr;  /* the tty turns \n into \r\n */
    /* capabilities */
    const char *cup, *csr, *ind, *ri, *indn, *rin, *el, *sgr0, *bold, *dim, *rev, *smul, *sitm,
        *setaf, *setab, *op, *civis, *cnorm, *cuf, *cub, *cuu, *cud, *cuu1, *hpa, *vpa, *home,
        *clear;
    int bce, am, xenl, msgr;
    int ansi;         /* SGR parameters may be joined: \E[p;p;pm */
    int ansi_cup;     /* cup is \E[%i%p1%d;%p2%dH: the column may be left out */
    lec_buf buf;      /* the frame being made */
    lec_buf caps[40]; /* capabilities without their padding */
    int ncaps;
    short *pfg, *pbg; /* colours of each pair, read from curses */
    int npair;
};

/* The attributes a cell shows. */
#define TOUT_SHOWN ((attr_t)(A_BOLD | A_DIM | A_REVERSE | A_UNDERLINE | A_ITALIC))

/* s without its padding ("$<5>"), in static storage (the last 8 results). */
const char *tout_nopad(const char *s);

/* tiparm without padding. */
#define tparm_np(...) tout_nopad(tiparm(__VA_ARGS__))

static inline void tout_put(tui_out *o, const char *s)
{
    if (s) lec_buf_puts(&o->buf, s);
}

static inline void tout_putn(tui_out *o, const char *s, size_t n)
{
    lec_buf_put(&o->buf, s, n);
}

static inline size_t tout_cell_bytes(const ocell *c)
{
    size_t n = 0;
    char u[4];
    for (int i = 0; i < OUT_CH && c->ch[i]; i++)
        n += (size_t)lec_utf8_encode((int32_t)c->ch[i], u);
    return n;
}

static inline int tout_is_blank(const ocell *c)
{
    return c->w == 1 && c->ch[0] == L' ' && c->ch[1] == 0 &&
           !(c->a & (A_UNDERLINE | A_REVERSE | A_ITALIC));
}

static inline int tout_same_cell(const ocell *a, const ocell *b)
{
    return a->w == b->w && a->a == b->a && a->fg == b->fg && a->bg == b->bg &&
           memcmp(a->ch, b->ch, sizeof a->ch) == 0;
}

/* tui_out_pen.c: the terminal's look. */

/* Sets the terminal's look to (a, fg, bg), the shortest way known. */
void tout_set_pen(tui_out *o, attr_t a, short fg, short bg);
/* Sets it to cell c's look. */
void tout_set_cell_pen(tui_out *o, const ocell *c);
/* Whether cell c can be drawn without changing the terminal's look. */
int tout_drawable(const tui_out *o, const ocell *c);

/* tui_out_move.c: the cursor. */

/* The shortest bytes known that take the cursor to (y, x), into best (64
 * bytes); returns their length, SIZE_MAX when there is no way; for_char:
 * a character is written there next. */
size_t tout_plan_move(tui_out *o, int y, int x, int for_char, char *best);
/* Moves the cursor to (y, x) the shortest way known (for_char as above). */
void tout_move_to_for(tui_out *o, int y, int x, int for_char);
void tout_move_to(tui_out *o, int y, int x);
/* Writes cell c at the cursor, which is at (y, x). */
void tout_write_cell(tui_out *o, int y, int x, const ocell *c);

/* tui_out.c: sends the changes that make the terminal's row y (o->cur's
 * row y, which the caller updates) show newr. */
void tout_update_row(tui_out *o, int y, const ocell *newr);

/* tui_out_scroll.c: when the rows above the status line moved as a whole,
 * the terminal moves them (the scroll region). */
void tout_scroll_rows(tui_out *o);

#endif
