/*
 * config.c - the configuration file's lines (lectern/config.h).
 */
#include "lectern/config.h"
#include "lectern/keys.h"
#include "lectern/utf8.h"

#include <stdlib.h>
#include <string.h>

#define MAXWORDS 8

typedef struct word {
    const char *s;
    size_t n;
} word;

/* Splits a line into blank-separated words; returns how many (at most
 * MAXWORDS + 1, so that "too many" can be told). */
static int split(const char *s, size_t n, word *w)
{
    int k = 0;
    for (size_t i = 0; i < n && k <= MAXWORDS;) {
        while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
        if (i == n) break;
        size_t a = i;
        while (i < n && s[i] != ' ' && s[i] != '\t') i++;
        w[k].s = s + a;
        w[k].n = i - a;
        k++;
    }
    return k;
}

/* A word quoted in a message: at most 40 bytes, cut between characters,
 * control characters as '?'. */
static void quote(lec_buf *b, word w)
{
    size_t n = w.n;
    if (n > 40) {
        n = 40;
        while (n && ((unsigned char)w.s[n] & 0xC0) == 0x80) n--;
    }
    lec_buf_putc(b, '\'');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w.s[i];
        lec_buf_putc(b, c < 0x20 || c == 0x7f ? '?' : (char)c);
    }
    if (n < w.n) lec_buf_puts(b, "...");
    lec_buf_putc(b, '\'');
}

static int is(word w, const char *s)
{
    return strlen(s) == w.n && memcmp(w.s, s, w.n) == 0;
}

/* `color ELEMENT [FG [BG]] [ATTRIBUTE...]` */
static void color_line(lec_settings *s, const word *w, int n, lec_buf *msg)
{
    if (n < 3) {
        lec_buf_puts(msg, "color wants an element and its colours or attributes "
                          "(color heading 25 default bold)");
        return;
    }
    int e = lec_element_find(w[1].s, w[1].n);
    if (e < 0) {
        lec_buf_puts(msg, "color: ");
        quote(msg, w[1]);
        lec_buf_puts(msg, " is not an element (heading, marker, code, match, cursor, ...: "
                          "see lectern(1))");
        return;
    }
    lec_style st = {-1, -1, 0};
    int colours = 0;
    for (int i = 2; i < n; i++) {
        int c, a;
        if (colours < 2 && !st.attrs && lec_color_parse(w[i].s, w[i].n, &c) == 0) {
            if (colours++ == 0)
                st.fg = (int16_t)c;
            else
                st.bg = (int16_t)c;
        } else if ((a = lec_attr_parse(w[i].s, w[i].n)) != 0) {
            st.attrs |= (uint8_t)a;
        } else {
            lec_buf_puts(msg, "color ");
            lec_buf_put(msg, w[1].s, w[1].n);
            lec_buf_puts(msg, ": ");
            quote(msg, w[i]);
            lec_buf_puts(msg, colours < 2 && !st.attrs
                                  ? " is not a colour (a name, 0-255 or default) or an "
                                    "attribute (bold underline reverse italic dim)"
                                  : " is not an attribute (bold underline reverse italic dim)");
            return;
        }
    }
    s->colors[e] = st;
    s->color_set |= 1UL << e;
}

/* The keys of a bind or unbind line into b; 0, or -1 with a message. */
static int parse_keys(word w, const char *what, lec_binding *b, lec_buf *msg)
{
    char *text = lec_xstrndup(w.s, w.n);
    const char *p = text;
    int k, unknown = 0;
    b->nkeys = 0;
    while ((k = lec_key_parse(&p, &unknown)) >= 0) {
        if (unknown) break;
        if (b->nkeys == 4) {
            b->nkeys = 5;
            break;
        }
        b->keys[b->nkeys++] = k;
    }
    free(text);
    if (!unknown && b->nkeys <= 4) return 0;
    lec_buf_printf(msg, "%s ", what);
    quote(msg, w);
    lec_buf_puts(msg, unknown ? ": a key in <...> that lectern does not know (<Tab> <C-l> <F1> "
                                "<lt>...: see lectern --keys)"
                              : ": at most 4 keys");
    return -1;
}

static void bind_line(lec_settings *s, const word *w, int n, int line, lec_buf *msg)
{
    int bind = is(w[0], "bind");
    if (n != (bind ? 3 : 2)) {
        lec_buf_puts(msg, bind ? "bind wants keys and an action (bind x quit)"
                               : "unbind wants the keys (unbind Q)");
        return;
    }
    lec_binding b = {.line = line};
    if (parse_keys(w[1], w[0].n == 4 ? "bind" : "unbind", &b, msg)) return;
    if (bind) {
        b.req = lec_request_find(w[2].s, w[2].n);
        if (b.req == LEC_REQ_NONE) {
            lec_buf_puts(msg, "bind ");
            lec_buf_put(msg, w[1].s, w[1].n);
            lec_buf_puts(msg, ": ");
            quote(msg, w[2]);
            lec_buf_puts(msg, " is not an action (lectern --keys lists them)");
            return;
        }
    }
    LEC_GROW(s->binds, s->cap_binds, s->nbinds + 1);
    s->binds[s->nbinds++] = b;
}

static void option_line(lec_settings *s, const word *w, int n, lec_buf *msg)
{
    const lec_option *o = lec_option_find(w[0].s, w[0].n);
    if (!o) {
        quote(msg, w[0]);
        lec_buf_puts(msg, " is not a setting (an option such as ambiwidth, or color, bind, "
                          "unbind)");
        return;
    }
    if (n > 2) {
        lec_buf_printf(msg, "%s takes one value", o->name);
        return;
    }
    char *v = n == 2 ? lec_xstrndup(w[1].s, w[1].n) : NULL;
    lec_option_set(s, o, v, "", msg);
    free(v);
}

/* Appends a message with every character that could act on a terminal
 * (lec_cp_unsafe: C0 and C1 controls, bidi controls) as '?': messages
 * quote the file's words, and an option's message its value, and they
 * are printed as they are ("bind ESC[2J x", "theme ESC]0;...BEL"). */
static void put_clean(lec_buf *errs, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = (size_t)lec_utf8_decode(s + i, n - i, &cp);
        if (lec_cp_unsafe(cp) || (cp == LEC_REPLACEMENT && k == 1))
            lec_buf_putc(errs, '?');
        else
            lec_buf_put(errs, s + i, k);
        i += k;
    }
}

int lec_config_parse(const char *text, size_t len, lec_settings *s, lec_buf *errs)
{
    int nerr = 0, line = 0;
    lec_buf msg = LEC_BUF_INIT;
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - text) : len, n = e - i;
        const char *l = text + i;
        i = e + 1;
        line++;
        if (n && l[n - 1] == '\r') n--;
        word w[MAXWORDS + 1];
        int nw = split(l, n, w);
        if (nw == 0 || w[0].s[0] == '#') continue;
        lec_buf_reset(&msg);
        if (!lec_utf8_valid(l, n, NULL))
            lec_buf_puts(&msg, "not UTF-8");
        else if (nw > MAXWORDS)
            lec_buf_puts(&msg, "too many words");
        else if (is(w[0], "color") || is(w[0], "colour"))
            color_line(s, w, nw, &msg);
        else if (is(w[0], "bind") || is(w[0], "unbind"))
            bind_line(s, w, nw, line, &msg);
        else
            option_line(s, w, nw, &msg);
        if (msg.len) {
            lec_buf_printf(errs, "%d: ", line);
            put_clean(errs, msg.data, msg.len);
            lec_buf_putc(errs, '\n');
            nerr++;
        }
    }
    lec_buf_free(&msg);
    return nerr;
}
