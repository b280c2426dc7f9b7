/*
 * textseg.c - paragraphs of scraped plain text.
 *
 * Three passes over logical lines: clean each line (trim, drop zero-width
 * characters, split at "　　" paragraph marks inside a line), read the head
 * (head.h), then decide which line breaks are paragraph breaks.  The
 * decision is made for the whole text, from what the text itself shows:
 *  - when many lines start with an indent, an indent starts a paragraph
 *    and an unindented line continues the one before (hard wrapping);
 *  - otherwise a line is a paragraph, unless the text is hard-wrapped:
 *    most lines that go on to another line end near one common width;
 *    then a line that reaches that width continues on the next (even
 *    after a full stop: only a short line ends a paragraph there), unless
 *    the next begins with a numbering marker;
 *  - a blank line always ends a paragraph.
 */
#include "lectern/textseg.h"
#include "lectern/bytes.h"
#include "lectern/load.h"
#include "lectern/head.h"
#include "lectern/marker.h"
#include "lectern/utf8.h"

#include <stdlib.h>
#include <string.h>

/* The input given back behind the reading, this much at a time. */
#define RELEASE_STEP ((size_t)4 << 20)

typedef struct tline {
    size_t off, len; /* the line in the source text, trimmed, not yet cleaned */
    int indent;      /* began with an indent, or with a "　　" mark */
    int blank_before;
    int width;
} tline;

static int is_indent_cp(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0;
}

/* Zero-width characters that scraped text carries by accident. */
static int is_dropped(int32_t cp)
{
    return cp == 0x200B || cp == 0xFEFF;
}

/* Appends the cleaned form of s[0..n) to buf: zero-width characters
 * dropped, NBSP made a space.  Invalid bytes are kept as they are.  The
 * text between those characters is copied as it is, found sixteen bytes
 * at a time (every byte of the text passes through here). */
static void clean(lec_buf *buf, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = lec_bytes_clean_stop(s, n, 0); i < n; i = lec_bytes_clean_stop(s, n, i)) {
        size_t l = (unsigned char)s[i] == 0xC2 ? 2 : 3;
        lec_buf_put(buf, s + run, i - run);
        if (l == 2) lec_buf_putc(buf, ' ');
        run = i += l;
    }
    lec_buf_put(buf, s + run, n - run);
}

/* Leading white space of s: its length in bytes, and whether it is an
 * indent (an ideographic space, a tab, or two ASCII spaces). */
static size_t lead_ws(const char *s, size_t n, int *indent)
{
    size_t i = 0;
    int spaces = 0, wide = 0;
    while (i < n) {
        int32_t cp;
        int l = lec_utf8_decode_strict(s + i, n - i, &cp);
        if (!is_indent_cp(cp) && !is_dropped(cp)) break;
        if (cp == ' ' || cp == 0xA0) spaces++;
        if (cp == 0x3000 || cp == '\t') wide++;
        i += (size_t)l;
    }
    *indent = wide > 0 || spaces >= 2;
    return i;
}

static size_t trail_ws(const char *s, size_t n)
{
    while (n > 0) {
        if (s[n - 1] == ' ' || s[n - 1] == '\t') {
            n--;
        } else if (n >= 3 && memcmp(s + n - 3, "\xe3\x80\x80", 3) == 0) {
            n -= 3;
        } else if (n >= 2 && memcmp(s + n - 2, "\xc2\xa0", 2) == 0) {
            n -= 2;
        } else if (n >= 3 && (memcmp(s + n - 3, "\xe2\x80\x8b", 3) == 0 ||
                              memcmp(s + n - 3, "\xef\xbb\xbf", 3) == 0)) {
            n -= 3;
        } else {
            break;
        }
    }
    return n;
}

/* Is s[i..j) one character standing alone between white space (or the
 * ends of s[0..n))? */
static int lone_char(const char *s, size_t n, size_t i, size_t j)
{
    int32_t cp;
    if (i >= j || i + (size_t)lec_utf8_decode(s + i, n - i, &cp) != j) return 0;
    return is_indent_cp(cp) == 0;
}

/* Two ideographic spaces between two lone characters spread a short
 * title (第一章　总　　则, 目　　录); they mark no paragraph. */
static int spread_title(const char *s, size_t n, size_t m)
{
    size_t a, b = m;
    int32_t cp;
    while (m >= 3 && memcmp(s + m - 3, "\xe3\x80\x80", 3) == 0) m -= 3; /* 总　　　则 */
    a = m;
    /* Each word is looked at for two characters at most: a longer one is
     * no lone character either way (the line may be a long paragraph). */
    for (int step = 0; step < 2 && a > 0; step++) { /* back to the white space before it */
        size_t k = a - 1;
        while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80) k--;
        lec_utf8_decode(s + k, n - k, &cp);
        if (is_indent_cp(cp)) break;
        a = k;
    }
    while (b < n) { /* over the spaces of the mark */
        int l = lec_utf8_decode(s + b, n - b, &cp);
        if (!is_indent_cp(cp)) break;
        b += (size_t)l;
    }
    size_t e = b;
    for (int step = 0; step < 2 && e < n; step++) { /* to the end of the word after it */
        int l = lec_utf8_decode(s + e, n - e, &cp);
        if (is_indent_cp(cp)) break;
        e += (size_t)l;
    }
    return lone_char(s, n, a, m) && lone_char(s, n, b, e);
}

/* Where the next "　　" paragraph mark inside s[0..n) is, or n. */
static size_t next_mark(const char *s, size_t n)
{
    static const char mark[] = "\xe3\x80\x80\xe3\x80\x80";
    for (size_t i = 0; (i = lec_bytes_find(s, n, i, mark, 6)) < n; i++)
        if (!spread_title(s, n, i)) return i;
    return n;
}

typedef struct lines {
    tline *v;
    size_t n, cap;
    const char *src; /* the text the lines are in */
} lines;

static void add_line(lines *L, const char *s, size_t n, int indent, int blank_before)
{
    LEC_GROW(L->v, L->cap, L->n + 1);
    tline *t = &L->v[L->n++];
    t->off = (size_t)(s - L->src);
    t->len = n;
    t->indent = indent;
    t->blank_before = blank_before;
    t->width = (int)lec_bytes_rough_width(s, n);
}

/* Physical lines to cleaned logical lines (blank lines dropped, but
 * remembered as blank_before of the next line). */
static void split_lines(const char *s, size_t len, lines *L)
{
    int blank = 0;
    size_t pos = 0;
    if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) pos = 3;
    /* The next \r, looked for again only once passed: a text with none
     * (most) is searched for one once, not line by line. */
    const char *next_cr = memchr(s + pos, '\r', len - pos);
    while (pos < len) {
        /* memchr for the \n, then for a \r before it (rare). */
        const char *nl = memchr(s + pos, '\n', len - pos);
        size_t e = nl ? (size_t)(nl - s) : len;
        if (next_cr && next_cr < s + pos) next_cr = memchr(s + pos, '\r', len - pos);
        const char *cr = next_cr && next_cr < s + e ? next_cr : NULL;
        if (cr) e = (size_t)(cr - s);
        /* \n, \r\n and a lone \r each end a line. */
        size_t next = e;
        if (next < len && s[next] == '\r') next++;
        if (next < len && s[next] == '\n') next++;
        const char *ln = s + pos;
        size_t n = e - pos;
        int indent;
        size_t lw = lead_ws(ln, n, &indent);
        ln += lw;
        n = trail_ws(ln, n - lw);
        if (n == 0) {
            blank = 1;
        } else {
            /* A run of two ideographic spaces inside a line marks a new
             * paragraph, as an indent at its start does. */
            for (;;) {
                size_t m = next_mark(ln, n);
                size_t piece = trail_ws(ln, m);
                if (piece) add_line(L, ln, piece, indent, blank);
                blank = 0;
                if (m == n) break;
                int dummy;
                size_t skip = m + lead_ws(ln + m, n - m, &dummy);
                ln += skip;
                n -= skip;
                indent = 1;
                if (!n) break;
            }
        }
        pos = next;
    }
}

static int ends_sentence(const char *s, size_t n)
{
    static const char *const ends[] = {"。", "！", "？", "：", "；", "…", "”", "」", "）"};
    if (n == 0) return 0;
    char c = s[n - 1];
    if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';') return 1;
    for (size_t k = 0; k < sizeof ends / sizeof *ends; k++) {
        size_t l = strlen(ends[k]);
        if (n >= l && memcmp(s + n - l, ends[k], l) == 0) return k < 5;
    }
    return 0;
}

static int begins_marker(const char *s, size_t n)
{
    lec_marker m;
    if (!lec_marker_scan(s, n, LEC_MARK_BLOCK, &m)) return 0;
    /* "I." with words after it is as likely the pronoun ending a sentence
     * that a hard wrap put at the start of a line ("…as far as\nI. We…");
     * a section's I. stands alone on its line */
    return !(m.family == LEC_FAM_ROMAN && m.ordinal == 1 && m.title < n);
}

/* The widest a hard-wrapped text's lines are taken to be. */
#define WRAP_MAX 200

/* The width a hard-wrapped text was wrapped at, or 0 when it is not
 * hard-wrapped: most lines that continue on a next line end within a few
 * cells of one width. */
static int wrap_width(const lines *L, size_t from)
{
    size_t n = L->n > from ? L->n - from : 0, cont = 0, near = 0;
    if (n < 4) return 0;
    /* The width at rank n * 9 / 10, counted rather than sorted: only one
     * from 40 to 200 matters (texts are wrapped at 60-80 columns, 30-40
     * Chinese characters; short lines are lists or verse, not wrapping),
     * so wider lines share one count. */
    size_t count[WRAP_MAX + 2] = {0}, rank = n * 9 / 10, below = 0;
    for (size_t i = from; i < L->n; i++) {
        int w = L->v[i].width;
        count[w < 0 ? 0 : w > WRAP_MAX ? WRAP_MAX + 1 : w]++;
    }
    int W = 0;
    while (W <= WRAP_MAX && below + count[W] <= rank) below += count[W++];
    if (W < 40 || W > WRAP_MAX) return 0;
    for (size_t i = from; i + 1 < L->n; i++) {
        if (L->v[i + 1].blank_before) continue;
        cont++;
        if (L->v[i].width >= W - 6 && L->v[i].width <= W) near++;
    }
    return cont >= 4 && near * 2 >= cont ? W : 0;
}

static void add_para(lec_tdoc *d, const lines *L, size_t i, int head)
{
    LEC_GROW(d->p, d->cap, d->n + 1);
    lec_tpara *p = &d->p[d->n++];
    memset(p, 0, sizeof *p);
    p->off = (uint32_t)d->text.len;
    clean(&d->text, L->src + L->v[i].off, L->v[i].len);
    p->len = (uint32_t)(d->text.len - p->off);
    p->head = (uint8_t)head;
}

/* Joins line i to the last paragraph: Chinese directly, Latin with a space. */
static void join(lec_tdoc *d, const lines *L, size_t i)
{
    lec_tpara *p = &d->p[d->n - 1];
    const char *t = L->src + L->v[i].off;
    unsigned char a = p->len ? (unsigned char)d->text.data[p->off + p->len - 1] : ' ';
    unsigned char b = (unsigned char)t[0];
    if (a < 0x80 && b < 0x80 && a != '-' && a != ' ') lec_buf_putc(&d->text, ' ');
    clean(&d->text, t, L->v[i].len);
    p->len = (uint32_t)(d->text.len - p->off);
}

/* A run-on text that starts "同志们：今天，…" begins with its salutation:
 * that becomes a paragraph of its own. */
static void split_salutation(lec_tdoc *d)
{
    lec_tpara *p = &d->p[d->n - 1];
    const char *s = d->text.data + p->off;
    for (size_t i = 0; i + 1 < p->len && i < 90; i++) {
        size_t l = s[i] == ':' ? 1 : (p->len - i >= 3 && memcmp(s + i, "：", 3) == 0) ? 3 : 0;
        if (!l) continue;
        if (i + l >= p->len || !lec_head_is_salutation(s, i + l)) return;
        size_t rest = p->len - (i + l);
        p->len = (uint32_t)(i + l);
        p->salute = 1;
        LEC_GROW(d->p, d->cap, d->n + 1);
        lec_tpara *q = &d->p[d->n++];
        memset(q, 0, sizeof *q);
        q->off = d->p[d->n - 2].off + d->p[d->n - 2].len;
        q->len = (uint32_t)rest;
        return;
    }
}

void lec_text_segment(const char *s, size_t len, lec_tdoc *d)
{
    lines L = {0};
    L.src = s;
    split_lines(s, len, &L);

    /* The head: the first lines, cleaned, read by head.c. */
    size_t nh = L.n < 12 ? L.n : 12;
    lec_buf hb = LEC_BUF_INIT;
    size_t *at = lec_xcalloc(nh + 1, sizeof *at);
    for (size_t i = 0; i < nh; i++) {
        at[i] = hb.len;
        clean(&hb, s + L.v[i].off, L.v[i].len);
    }
    at[nh] = hb.len;
    lec_head_line *hl = lec_xcalloc(nh ? nh : 1, sizeof *hl);
    for (size_t i = 0; i < nh; i++) {
        hl[i].s = hb.data + at[i];
        hl[i].len = at[i + 1] - at[i];
    }
    int title = -1;
    size_t head = nh ? lec_head_parse(hl, nh, &d->meta, &title) : 0;
    free(hl);
    free(at);
    lec_buf_free(&hb);

    size_t indented = 0, body = L.n - head;
    for (size_t i = head; i < L.n; i++) indented += (size_t)L.v[i].indent;
    int indent_mode = indented >= 2 && indented * 10 >= body * 3;
    int W = indent_mode ? 0 : wrap_width(&L, head);

    int seen_indent = 0; /* lines before the first indented one are never joined */
    int prev_body = 0;
    size_t released = 0;
    for (size_t i = 0; i < L.n; i++) {
        const tline *t = &L.v[i];
        /* The lines before the one before are copied: a mapped input's
         * pages behind them go back, so that the input and its copy are
         * not held whole at once. */
        if (i >= 2 && L.v[i - 2].off >= released + RELEASE_STEP) {
            lec_input_release(s + released, L.v[i - 2].off - released);
            released = L.v[i - 2].off;
        }
        if (i < head) {
            add_para(d, &L, i, 1);
            d->p[d->n - 1].title = (int)i == title;
            continue;
        }
        const lec_tpara *prev = d->n ? &d->p[d->n - 1] : NULL;
        const char *txt = s + t->off;
        /* A salutation is short; long lines need no closer look. */
        int salute = t->len <= 240 && lec_head_is_salutation(txt, t->len);
        int cont = 0;
        if (prev && !prev->head && !prev->salute && !t->blank_before && !salute) {
            const tline *pt = &L.v[i - 1];
            if (indent_mode)
                cont = seen_indent && !t->indent && !(begins_marker(txt, t->len) &&
                                       ends_sentence(s + pt->off, pt->len));
            else if (W)
                cont = pt->width >= W - 6 && !begins_marker(txt, t->len);
        }
        seen_indent |= t->indent;
        if (cont) {
            join(d, &L, i);
        } else {
            add_para(d, &L, i, 0);
            d->p[d->n - 1].salute = (uint8_t)salute;
            if (!salute && !prev_body) split_salutation(d);
        }
        prev_body = 1;
    }
    free(L.v);
}

void lec_tdoc_free(lec_tdoc *d)
{
    lec_buf_free(&d->text);
    free(d->p);
    lec_meta_free(&d->meta);
    memset(d, 0, sizeof *d);
}
