/*
 * tui_out_pen.c - the terminal's look in the browser's own output: one
 * short SGR for each change (parameters joined where the terminal speaks
 * ECMA-48, terminfo's strings one by one elsewhere).
 */
#include "tui_out_priv.h"

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
void tout_set_pen(tui_out *o, attr_t a, short fg, short bg)
{
    a &= TOUT_SHOWN;
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
        tout_put(o, "\033[");
        if (use == &inc)
            tout_putn(o, inc.data + 1, inc.len - 1);
        else if (rst.len > 1)
            tout_putn(o, rst.data + 1, rst.len - 1);
        tout_put(o, "m");
        lec_buf_free(&inc);
        lec_buf_free(&rst);
    } else {
        /* terminfo's strings one by one: sgr0 whenever anything goes. */
        int reset = o->pen.fg == -2 || (o->pen.a & ~a) || (fg < 0 && o->pen.fg >= 0) ||
                    (bg < 0 && o->pen.bg >= 0);
        attr_t on = reset ? a : a & ~o->pen.a;
        if (reset) tout_put(o, o->sgr0);
        if (reset && (o->pen.fg >= 0 || o->pen.bg >= 0) && o->op) tout_put(o, o->op);
        if (on & A_BOLD) tout_put(o, o->bold);
        if (on & A_DIM) tout_put(o, o->dim);
        if (on & A_ITALIC) tout_put(o, o->sitm);
        if (on & A_UNDERLINE) tout_put(o, o->smul);
        if (on & A_REVERSE) tout_put(o, o->rev);
        if (fg >= 0 && (reset || fg != o->pen.fg) && o->setaf) tout_put(o, tparm_np(o->setaf, fg));
        if (bg >= 0 && (reset || bg != o->pen.bg) && o->setab) tout_put(o, tparm_np(o->setab, bg));
    }
    o->pen.a = a;
    o->pen.fg = fg;
    o->pen.bg = bg;
}

void tout_set_cell_pen(tui_out *o, const ocell *c)
{
    tout_set_pen(o, c->a, c->fg, c->bg);
}

/* Whether cell c can be drawn without changing the terminal's look: in
 * it, or a blank on its background. */
int tout_drawable(const tui_out *o, const ocell *c)
{
    if (o->pen.fg == -2) return 0;
    if (c->a == o->pen.a && c->fg == o->pen.fg && c->bg == o->pen.bg) return 1;
    return tout_is_blank(c) && o->pen.bg == c->bg && !(o->pen.a & (A_REVERSE | A_UNDERLINE));
}
