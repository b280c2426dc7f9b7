/*
 * convert_out.c - the conversion's Markdown: paragraphs, headings and
 * captions written from the decided candidates (convert_priv.h), with the
 * escapes that keep the text as it was.
 */
#include "convert_priv.h"

#include "lectern/bytes.h"
#include "lectern/caption.h"
#include "lectern/fuse.h"
#include "lectern/utf8.h"

#include <string.h>

/* ---- Markdown output ------------------------------------------------ */

/* ASCII punctuation: what a backslash escapes in CommonMark. */
static int ascii_punct(unsigned char c)
{
    return c > ' ' && c < 0x7F &&
           !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
}

/* Writes text so that cmark reads it back as the same characters:
 * backslashes before everything that could be markup. */
static void put_escaped(lec_buf *o, const char *s, size_t n, int heading)
{
    size_t i = 0;
    /* What only matters at the start of a line (the loop below escapes
     * the characters that matter everywhere). */
    if (n && s[0] && strchr("#>-+=~|", s[0]) && !(heading && s[0] == '#')) lec_buf_putc(o, '\\');
    size_t d = 0;
    while (d < n && d < 9 && s[d] >= '0' && s[d] <= '9')
        d++;
    if (d && d < n && (s[d] == '.' || s[d] == ')')) {
        lec_buf_put(o, s, d);
        lec_buf_putc(o, '\\');
        i = d;
    }
    size_t run = i;
    for (;; i++) {
        i = lec_bytes_md_special(s, n, i, heading);
        if (i >= n) break;
        /* An escape the text already carries (exported from Markdown:
         * 1\. \* \#) is kept as it is, and shows the character it escapes. */
        if (s[i] == '\\' && i + 1 < n && ascii_punct((unsigned char)s[i + 1])) {
            i++;
            continue;
        }
        lec_buf_put(o, s + run, i - run);
        lec_buf_putc(o, '\\');
        run = i;
    }
    lec_buf_put(o, s + run, n - run);
}

/* A block caption, in italics.  (One inside a sentence stays plain text:
 * emphasis closed before an ideograph after a bracket would show its
 * asterisks.) */
static void put_caption(conv *cv, const capt *k)
{
    const char *s = cv->d.text.data + k->start;
    size_t n = k->end - k->start;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (!k->block) {
        put_escaped(&cv->out, s, n, 0);
        return;
    }
    lec_buf_putc(&cv->out, '*');
    put_escaped(&cv->out, s, n, 0);
    lec_buf_puts(&cv->out, "*\n\n");
}

static void put_heading(conv *cv, int level, const char *s, size_t n, int unsure)
{
    if (unsure) lec_buf_puts(&cv->out, "<!-- lectern: not sure where this heading ends -->\n\n");
    for (int i = 0; i < level; i++)
        lec_buf_putc(&cv->out, '#');
    lec_buf_putc(&cv->out, ' ');
    /* the white space a heading was cut before (第一章　总则　第一条…) */
    for (;;) {
        if (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
            n--;
        else if (n >= 3 && memcmp(s + n - 3, "\xe3\x80\x80", 3) == 0)
            n -= 3;
        else
            break;
    }
    put_escaped(&cv->out, s, n, 1);
    lec_buf_puts(&cv->out, "\n\n");
}

static void put_front_matter(conv *cv)
{
    const lec_meta_list *m = &cv->d.meta;
    if (!m->count) return;
    lec_buf_puts(&cv->out, "---\n");
    for (size_t i = 0; i < m->count; i++)
        lec_buf_printf(&cv->out, "%s: %s\n", m->items[i].key, m->items[i].value);
    lec_buf_puts(&cv->out, "---\n\n");
}

/* Writes text[at..to) of a paragraph, with the captions that start in it:
 * a block caption ends the paragraph before it and stands alone, one
 * inside a sentence stays in it. */
static void put_text(conv *cv, uint32_t at, uint32_t to, size_t *kc)
{
    const char *base = cv->d.text.data;
    int open = 0; /* a paragraph is begun and not ended */
    for (; *kc < cv->ncaps && cv->caps[*kc].start < to; (*kc)++) {
        const capt *k = &cv->caps[*kc];
        const char *s = base + at;
        size_t n = k->start - at;
        if (!open)
            while (n && (*s == ' ' || *s == '\t'))
                s++, n--;
        if (n) put_escaped(&cv->out, s, n, 0), open = 1;
        if (k->block && open) lec_buf_puts(&cv->out, "\n\n"), open = 0;
        put_caption(cv, k);
        open = !k->block;
        at = k->end;
    }
    const char *s = base + at;
    size_t n = to > at ? to - at : 0;
    if (!open)
        while (n && (*s == ' ' || *s == '\t'))
            s++, n--;
    if (n) put_escaped(&cv->out, s, n, 0), open = 1;
    if (open) lec_buf_puts(&cv->out, "\n\n");
}

void conv_write_markdown(conv *cv)
{
    put_front_matter(cv);
    const char *base = cv->d.text.data;
    size_t k = 0, kc = 0;
    for (uint32_t pi = 0; pi < cv->d.n; pi++) {
        const lec_tpara *p = &cv->d.p[pi];
        if (p->title) {
            put_heading(cv, 1, base + p->off, p->len, 0);
            continue;
        }
        /* The pieces of this paragraph: cut before every accepted
         * candidate and around every block caption. */
        uint32_t at = p->off, end = p->off + p->len;
        while (k < cv->nc && cv->c[k].para < pi)
            k++;
        for (; k < cv->nc && cv->c[k].para == pi; k++) {
            const cand *c = &cv->c[k];
            if (c->node == LEC_NONE) continue;
            if (c->pos > at) put_text(cv, at, c->pos, &kc);
            at = c->pos;
            if (!cv->heading_fam[c->family]) continue;
            uint32_t stop = conv_cand_end(cv, k);
            /* a heading ends where a caption begins: put_text writes it */
            for (size_t j = kc; j < cv->ncaps && cv->caps[j].start < stop; j++)
                if (cv->caps[j].start >= c->pos) {
                    stop = cv->caps[j].start;
                    break;
                }
            size_t cut = cv->cut[k] ? cv->cut[k] : stop - c->pos;
            if (c->pos + cut > stop) cut = stop - c->pos;
            put_heading(cv, cv->fam_level[c->family], base + c->pos, cut,
                        cv->how[k] == LEC_CUT_UNSURE);
            at = c->pos + (uint32_t)cut;
        }
        if (end > at) put_text(cv, at, end, &kc);
        if (cv->sink && cv->out.len >= SINK_PIECE) {
            cv->sink(cv->sink_arg, cv->out.data, cv->out.len);
            lec_buf_reset(&cv->out);
        }
    }
}
