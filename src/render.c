/*
 * render.c - Markdown blocks to styled paragraphs.
 *
 * One pass of cmark's iterator over the parsed range, with an explicit
 * stack of containers (quotes, lists, items), so that ten thousand nested
 * quotes cost memory, not C stack.  Each paragraph records the prefixes of
 * its rows; wrapping is the layout's business.  Tables are
 * render_table.c's.
 */
#include "render_priv.h"

#include "lectern/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void lec_render_reset(lec_render *r)
{
    lec_buf_reset(&r->text);
    r->npara = 0;
    r->nspans = 0;
    r->ncells = 0;
}

void lec_render_free(lec_render *r)
{
    lec_buf_free(&r->text);
    free(r->paras);
    free(r->spans);
    free(r->cells);
    memset(r, 0, sizeof *r);
}

/* ---- paragraphs and text -------------------------------------------- */

lec_para *render_para(rstate *s, size_t i)
{
    return &s->r->paras[i];
}

static void put_prefix(rstate *s, lec_para *p, int first)
{
    lec_buf *t = &s->r->text;
    uint32_t at = (uint32_t)t->len;
    for (size_t i = 0; i < s->depth; i++) {
        container *c = &s->st[i];
        if (c->type == C_LIST) continue;
        lec_buf_puts(t, first && c->pending ? c->first : c->rest);
    }
    if (first) {
        p->pre1 = at;
        p->pre1_len = (uint32_t)(t->len - at);
    } else {
        p->pre2 = at;
        p->pre2_len = (uint32_t)(t->len - at);
    }
}

/* Starts a paragraph; its prefixes are taken now, and starting it shows
 * the bullets that were waiting. */
size_t render_begin(rstate *s, int kind, uint32_t src, int level)
{
    lec_render *r = s->r;
    LEC_GROW(r->paras, r->cap_para, r->npara + 1);
    size_t idx = r->npara++;
    lec_para *p = &r->paras[idx];
    memset(p, 0, sizeof *p);
    p->kind = (uint8_t)kind;
    p->level = (uint8_t)level;
    p->src = src;
    p->pre_attr = 0;
    for (size_t i = 0; i < s->depth; i++) {
        if (s->st[i].type == C_QUOTE) p->pre_attr |= LEC_A_QUOTE;
        if (s->st[i].type == C_ITEM && s->st[i].pending) p->pre_attr |= LEC_A_BULLET;
    }
    put_prefix(s, p, 1);
    put_prefix(s, p, 0);
    for (size_t i = 0; i < s->depth; i++) s->st[i].pending = 0;
    p = render_para(s, idx);
    p->text = (uint32_t)r->text.len;
    p->span0 = (uint32_t)r->nspans;
    return idx;
}

uint32_t render_attr(const rstate *s)
{
    uint32_t a = s->extra;
    if (s->emph) a |= LEC_A_EMPH;
    if (s->strong) a |= LEC_A_STRONG;
    if (s->code_span) a |= LEC_A_CODE;
    if (s->link) a |= LEC_A_LINK;
    return a;
}

/* Appends bytes with attribute a to the current paragraph. */
void render_raw(rstate *s, const char *t, size_t n, uint32_t a)
{
    lec_render *r = s->r;
    lec_para *p = render_para(s, s->cur_index);
    uint32_t off = (uint32_t)(r->text.len - p->text);
    if (p->nspans == 0 || r->spans[p->span0 + p->nspans - 1].attr != a) {
        LEC_GROW(r->spans, r->cap_spans, r->nspans + 1);
        r->spans[r->nspans].off = off;
        r->spans[r->nspans].attr = a;
        r->nspans++;
        p->nspans++;
    }
    lec_buf_put(&r->text, t, n);
    p->len = (uint32_t)(r->text.len - p->text);
}

typedef struct text_ctx {
    rstate *s;
    uint32_t a;
    int *col;
} text_ctx;

static int text_piece(void *p, const char *t, size_t n, int32_t cp)
{
    text_ctx *c = p;
    if (cp == '\n') {
        render_raw(c->s, t, n, c->a);
        if (c->col) *c->col = 0;
    } else if (cp == '\t') {
        int spaces = c->col ? 4 - (*c->col % 4) : 1;
        render_raw(c->s, "    ", (size_t)spaces, c->a);
        if (c->col) *c->col += spaces;
    } else if (cp == 0 || cp < 0) {
        render_raw(c->s, t, n, c->a);
        if (c->col)
            for (size_t i = 0; i < n; i++) /* a column a code point */
                if (((unsigned char)t[i] & 0xC0) != 0x80) (*c->col)++;
    } else {
        render_raw(c->s, t, n, c->a | LEC_A_ESCAPE);
        if (c->col) *c->col += (int)n;
    }
    return 0;
}

/* Appends text, making unsafe characters visible and decoding invalid
 * bytes as U+FFFD (lec_escape).  In code (keep_tabs), tabs advance to the
 * next multiple of four columns from *col. */
void render_text(rstate *s, const char *t, size_t n, uint32_t a, int *col)
{
    text_ctx c = {s, a, col};
    lec_escape(t, n, LEC_ESC_PASS('\n') | LEC_ESC_PASS('\t'), text_piece, &c);
}

/* A blank row between blocks (never two in a row, none at the start). */
void render_separate(rstate *s)
{
    lec_render *r = s->r;
    if (r->npara == 0 || r->paras[r->npara - 1].kind == LEC_PARA_BLANK) return;
    size_t idx = r->npara;
    LEC_GROW(r->paras, r->cap_para, r->npara + 1);
    r->npara++;
    lec_para *p = &r->paras[idx];
    memset(p, 0, sizeof *p);
    p->kind = LEC_PARA_BLANK;
    p->src = r->paras[idx - 1].src;
    /* Quote bars continue through the blank row; item indents do not. */
    uint32_t at = (uint32_t)r->text.len;
    for (size_t i = 0; i < s->depth; i++)
        if (s->st[i].type == C_QUOTE) lec_buf_puts(&r->text, "│");
        else if (s->st[i].type == C_ITEM) lec_buf_puts(&r->text, s->st[i].rest);
    /* No trailing spaces on a blank row. */
    while (r->text.len > at && r->text.data[r->text.len - 1] == ' ') r->text.len--;
    p->pre1 = p->pre2 = at;
    p->pre1_len = p->pre2_len = (uint32_t)(r->text.len - at);
    p->pre_attr = LEC_A_QUOTE;
    p->text = (uint32_t)r->text.len;
}

/* Whether a block entered now is separated from the one before. */
int render_in_tight(const rstate *s)
{
    if (!s->depth) return 0;
    const container *c = &s->st[s->depth - 1];
    return (c->type == C_ITEM || c->type == C_LIST) && c->tight;
}

/* ---- markers -------------------------------------------------------- */

/* Gives the marker of a numbered heading or point the MARKER attribute:
 * the node starting where the block starts says what its marker is. */
void render_marker(rstate *s, uint32_t src)
{
    uint32_t id = lec_doc_node_at(s->doc, src);
    if (id == LEC_NONE || lec_node_family(s->doc, id) == LEC_FAM_LIST) return;
    size_t ml;
    const char *m = lec_node_marker(s->doc, id, &ml);
    if (!ml) return;
    lec_render *r = s->r;
    lec_para *p = render_para(s, s->cur_index);
    const char *t = r->text.data + p->text;
    size_t at = 0;
    while (at < p->len) {
        if (t[at] == ' ' || t[at] == '\t')
            at++;
        else if (p->len - at >= 3 && memcmp(t + at, "\xe3\x80\x80", 3) == 0)
            at += 3;
        else if (p->len - at >= 2 && memcmp(t + at, "\xc2\xa0", 2) == 0)
            at += 2;
        else
            break;
    }
    if (p->len - at < ml || memcmp(t + at, m, ml) != 0) return;
    /* Split the runs at `at` and `at + ml`, then flag the runs between. */
    uint32_t cut[2] = {(uint32_t)at, (uint32_t)(at + ml)};
    for (int k = 0; k < 2; k++) {
        if (cut[k] >= p->len) continue;
        uint32_t j = 0;
        while (j + 1 < p->nspans && r->spans[p->span0 + j + 1].off <= cut[k]) j++;
        if (r->spans[p->span0 + j].off == cut[k]) continue;
        LEC_GROW(r->spans, r->cap_spans, r->nspans + 1);
        lec_span *sp = &r->spans[p->span0];
        memmove(sp + j + 2, sp + j + 1, (p->nspans - j - 1) * sizeof *sp);
        sp[j + 1].off = cut[k];
        sp[j + 1].attr = sp[j].attr;
        r->nspans++;
        p->nspans++;
    }
    for (uint32_t j = 0; j < p->nspans; j++) {
        lec_span *sp = &r->spans[p->span0 + j];
        if (sp->off >= at && sp->off < at + ml) sp->attr |= LEC_A_MARKER;
    }
}

/* ---- the walk ------------------------------------------------------- */

static void push(rstate *s, int type)
{
    LEC_GROW(s->st, s->cap, s->depth + 1);
    container *c = &s->st[s->depth++];
    memset(c, 0, sizeof *c);
    c->type = (uint8_t)type;
}

static void enter_item(rstate *s, cmark_node *item)
{
    container *list = s->depth ? &s->st[s->depth - 1] : NULL;
    char bullet[24];
    if (list && list->type == C_LIST && list->ordered)
        snprintf(bullet, sizeof bullet, "%d%c ", list->next++, list->delim);
    else
        snprintf(bullet, sizeof bullet, "• ");
    int tight = list && list->type == C_LIST ? list->tight : 0;
    (void)item;
    push(s, C_ITEM);
    container *c = &s->st[s->depth - 1];
    c->tight = (uint8_t)tight;
    c->pending = 1;
    snprintf(c->first, sizeof c->first, "%s", bullet);
    size_t w = lec_str_width(bullet, strlen(bullet), 1);
    memset(c->rest, ' ', w < sizeof c->rest ? w : sizeof c->rest - 1);
    c->rest[w < sizeof c->rest ? w : sizeof c->rest - 1] = '\0';
}

static void code_lines(rstate *s, const char *lit, uint32_t src, const char *indent, uint32_t a)
{
    size_t n = strlen(lit);
    if (n && lit[n - 1] == '\n') n--;
    size_t i = 0;
    do {
        const char *nl = memchr(lit + i, '\n', n - i);
        size_t l = nl ? (size_t)(nl - (lit + i)) : n - i;
        s->cur_index = render_begin(s, LEC_PARA_CODE, src, 0);
        lec_para *p = render_para(s, s->cur_index);
        /* The code indent is part of the prefix of every row. */
        lec_buf *t = &s->r->text;
        /* The prefixes are copied from this very buffer: make room first,
         * so that no put moves the bytes being copied (and data is never
         * NULL). */
        lec_buf_reserve(t, (size_t)p->pre1_len + p->pre2_len + 2 * strlen(indent));
        uint32_t at = (uint32_t)t->len;
        lec_buf_put(t, t->data + p->pre1, p->pre1_len);
        lec_buf_puts(t, indent);
        uint32_t at2 = (uint32_t)t->len;
        lec_buf_put(t, t->data + p->pre2, p->pre2_len);
        lec_buf_puts(t, indent);
        p = render_para(s, s->cur_index);
        p->pre1 = at;
        p->pre1_len = at2 - at;
        p->pre2 = at2;
        p->pre2_len = (uint32_t)(t->len - at2);
        p->text = (uint32_t)t->len;
        int col = 0;
        render_text(s, lit + i, l, a, &col);
        i += l + 1;
    } while (i <= n && n);
}

static void inline_node(rstate *s, cmark_node *n, cmark_event_type ev);

/* Renders the inlines of paragraph `para` into the current paragraph,
 * leaving out the first `skip` bytes of its text. */
void render_inlines(rstate *s, cmark_node *para, size_t skip)
{
    cmark_iter *it = cmark_iter_new(para);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (n == para) continue;
        if (skip && cmark_node_get_type(n) == CMARK_NODE_TEXT) {
            const char *lit = cmark_node_get_literal(n);
            size_t l = strlen(lit), k = skip < l ? skip : l;
            skip -= k;
            if (l > k) render_text(s, lit + k, l - k, render_attr(s), NULL);
            continue;
        }
        skip = 0;
        inline_node(s, n, ev);
    }
    cmark_iter_free(it);
}

/* ---- raw HTML --------------------------------------------------------- */

/* Where `pat` first occurs in s[0..n), or NULL. */
static const char *find(const char *s, size_t n, const char *pat)
{
    size_t k = strlen(pat);
    for (const char *p = s; n >= k && (p = memchr(p, pat[0], n - k + 1 - (size_t)(p - s)));
         p++)
        if (memcmp(p, pat, k) == 0) return p;
    return NULL;
}

static int only_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t') return 0;
    return 1;
}

/* The lines of an HTML block without its comments (<!-- ... -->, also
 * "<!-->" and "<!--->", which CommonMark counts as comments); a line that
 * held a comment and nothing else is left out.  Returns 0 when nothing
 * but white space is left. */
static int strip_comments(const char *lit, lec_buf *out)
{
    size_t n = strlen(lit);
    int in_comment = 0;
    for (size_t i = 0; i < n;) {
        const char *nl = memchr(lit + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - lit) : n, at = out->len;
        int had = in_comment;
        for (size_t k = i; k < e;) {
            const char *m = find(lit + k, e - k, in_comment ? "-->" : "<!--");
            if (in_comment) {
                k = m ? (size_t)(m - lit) + 3 : e;
                in_comment = !m;
                continue;
            }
            if (!m) {
                lec_buf_put(out, lit + k, e - k);
                break;
            }
            lec_buf_put(out, lit + k, (size_t)(m - (lit + k)));
            had = in_comment = 1;
            k = (size_t)(m - lit) + 4;
            if (k < e && lit[k] == '>') k++, in_comment = 0;
            else if (e - k >= 2 && lit[k] == '-' && lit[k + 1] == '>') k += 2, in_comment = 0;
        }
        if (had && only_blank(out->data + at, out->len - at))
            out->len = at;
        else if (nl)
            lec_buf_putc(out, '\n');
        i = e + 1;
    }
    if (out->data) out->data[out->len] = '\0';
    for (size_t i = 0; i < out->len; i++)
        if (out->data[i] != ' ' && out->data[i] != '\t' && out->data[i] != '\n') return 1;
    return 0;
}

/* Renders block n, or enters container n.  Returns 1 when what n holds
 * was rendered too (the walk then skips it). */
static int leaf_or_enter(rstate *s, cmark_node *n)
{
    cmark_node_type t = cmark_node_get_type(n);
    uint32_t bs, be;
    lec_md_block_range(&s->md, n, &bs, &be);
    switch (t) {
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_HEADING: {
        if (!render_in_tight(s)) render_separate(s);
        if (t == CMARK_NODE_PARAGRAPH && render_pipe_table(s, n, bs, be)) return 1;
        int level = t == CMARK_NODE_HEADING ? cmark_node_get_heading_level(n) : 0;
        s->cur_index = render_begin(s, LEC_PARA_TEXT, bs, level);
        s->cur = render_para(s, s->cur_index);
        s->extra = level ? (LEC_A_HEADING | LEC_A_STRONG) : 0;
        break;
    }
    case CMARK_NODE_CODE_BLOCK: {
        render_separate(s);
        /* The info string as a label over the code: "[js]". */
        const char *info = cmark_node_get_fence_info(n);
        if (info && *info && !strchr(info, '\n')) {
            lec_buf label = LEC_BUF_INIT;
            lec_buf_printf(&label, "[%s]", info);
            code_lines(s, label.data, bs, "    ", LEC_A_LABEL);
            lec_buf_free(&label);
        }
        code_lines(s, cmark_node_get_literal(n), bs, "    ", LEC_A_CODE);
        break;
    }
    case CMARK_NODE_HTML_BLOCK: {
        /* Comments are not shown; a simple table is drawn as one; the
         * rest is shown, dimmed.  A block of nothing but comments adds no
         * row at all. */
        lec_buf shown = LEC_BUF_INIT;
        if (strip_comments(cmark_node_get_literal(n), &shown)) {
            render_separate(s);
            if (!render_html_table(s, shown.data, shown.len, bs, be))
                code_lines(s, shown.data, bs, "", LEC_A_HTML);
        }
        lec_buf_free(&shown);
        break;
    }
    case CMARK_NODE_THEMATIC_BREAK:
        render_separate(s);
        s->cur_index = render_begin(s, LEC_PARA_TEXT, bs, 0);
        render_raw(s, "* * *", 5, LEC_A_RULE);
        break;
    case CMARK_NODE_BLOCK_QUOTE:
        render_separate(s);
        push(s, C_QUOTE);
        snprintf(s->st[s->depth - 1].first, 24, "│ ");
        snprintf(s->st[s->depth - 1].rest, 24, "│ ");
        break;
    case CMARK_NODE_LIST: {
        if (!render_in_tight(s)) render_separate(s);
        int tight = cmark_node_get_list_tight(n);
        push(s, C_LIST);
        container *c = &s->st[s->depth - 1];
        c->tight = (uint8_t)tight;
        c->ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
        c->next = cmark_node_get_list_start(n);
        c->delim = cmark_node_get_list_delim(n) == CMARK_PAREN_DELIM ? ')' : '.';
        break;
    }
    case CMARK_NODE_ITEM:
        if (!render_in_tight(s)) render_separate(s);
        enter_item(s, n);
        break;
    default:
        break;
    }
    return 0;
}

static void inline_node(rstate *s, cmark_node *n, cmark_event_type ev)
{
    cmark_node_type t = cmark_node_get_type(n);
    int enter = ev == CMARK_EVENT_ENTER;
    switch (t) {
    case CMARK_NODE_TEXT: {
        const char *lit = cmark_node_get_literal(n);
        render_text(s, lit, strlen(lit), render_attr(s), NULL);
        break;
    }
    case CMARK_NODE_HTML_INLINE: {
        /* A comment is not shown; other tags are, dimmed. */
        const char *lit = cmark_node_get_literal(n);
        if (strncmp(lit, "<!--", 4) != 0)
            render_text(s, lit, strlen(lit), render_attr(s) | LEC_A_HTML, NULL);
        break;
    }
    case CMARK_NODE_CODE: {
        const char *lit = cmark_node_get_literal(n);
        render_text(s, lit, strlen(lit), render_attr(s) | LEC_A_CODE, NULL);
        break;
    }
    case CMARK_NODE_SOFTBREAK: {
        /* Chinese text joins across source lines; Latin words need a space.
         * Decided by the characters on both sides of the break. */
        lec_para *p = render_para(s, s->cur_index);
        unsigned char a = p->len ? (unsigned char)s->r->text.data[p->text + p->len - 1] : ' ';
        cmark_node *nx = cmark_node_next(n);
        const char *lit = nx ? cmark_node_get_literal(nx) : NULL;
        unsigned char b = lit && *lit ? (unsigned char)lit[0] : 'a';
        if (a < 0x80 || b < 0x80) render_raw(s, " ", 1, render_attr(s));
        break;
    }
    case CMARK_NODE_LINEBREAK:
        render_raw(s, "\n", 1, render_attr(s));
        break;
    case CMARK_NODE_EMPH:
        s->emph += enter ? 1 : -1;
        break;
    case CMARK_NODE_STRONG:
        s->strong += enter ? 1 : -1;
        break;
    case CMARK_NODE_LINK:
    case CMARK_NODE_IMAGE: {
        if (enter) {
            if (t == CMARK_NODE_IMAGE) render_raw(s, "[image: ", 8, render_attr(s));
            s->link++;
            break;
        }
        s->link--;
        if (t == CMARK_NODE_IMAGE) render_raw(s, "]", 1, render_attr(s));
        /* Show the target unless the text already is it (autolinks). */
        const char *url = cmark_node_get_url(n);
        cmark_node *only = cmark_node_first_child(n);
        const char *txt = only && !cmark_node_next(only) ? cmark_node_get_literal(only) : NULL;
        int same = txt && (strcmp(txt, url) == 0 ||
                           (strncmp(url, "mailto:", 7) == 0 && strcmp(url + 7, txt) == 0));
        if (url && *url && !same) {
            render_raw(s, " <", 2, render_attr(s));
            render_text(s, url, strlen(url), render_attr(s) | LEC_A_URL, NULL);
            render_raw(s, ">", 1, render_attr(s));
        }
        break;
    }
    default:
        break;
    }
}

void lec_render_range(lec_render *r, const lec_doc *doc, size_t start, size_t end)
{
    rstate s = {.r = r, .doc = doc};
    size_t srclen, nref;
    const char *src = lec_doc_source(doc, &srclen);
    const char *refs = lec_doc_refs_for(doc, start, end, &nref);
    s.refs = refs;
    s.nref = nref;
    lec_md_parse(&s.md, src, (uint32_t)start, (uint32_t)end, refs, nref);

    cmark_iter *it = cmark_iter_new(s.md.root);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(n);
        if (t == CMARK_NODE_DOCUMENT) continue;
        if (s.cur && (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING)) {
            /* Leaving the paragraph being filled. */
            if (r->paras[s.cur_index].len == 0) render_raw(&s, "", 0, s.extra);
            uint32_t bs, be;
            lec_md_block_range(&s.md, n, &bs, &be);
            render_marker(&s, bs);
            s.cur = NULL;
            s.extra = 0;
            continue;
        }
        if (s.cur) {
            inline_node(&s, n, ev);
            continue;
        }
        if (ev == CMARK_EVENT_EXIT) {
            if (t == CMARK_NODE_BLOCK_QUOTE || t == CMARK_NODE_LIST || t == CMARK_NODE_ITEM) {
                /* An item with no content still shows its bullet. */
                if (t == CMARK_NODE_ITEM && s.st[s.depth - 1].pending) {
                    uint32_t bs, be;
                    lec_md_block_range(&s.md, n, &bs, &be);
                    s.cur_index = render_begin(&s, LEC_PARA_TEXT, bs, 0);
                    render_raw(&s, "", 0, 0);
                }
                s.depth--;
            }
            continue;
        }
        if (leaf_or_enter(&s, n)) cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
    }
    cmark_iter_free(it);
    lec_md_free(&s.md);
    free(s.st);
}

void lec_render_frontmatter(lec_render *r, const lec_doc *doc)
{
    size_t fs, fe, len;
    lec_doc_frontmatter(doc, &fs, &fe);
    if (fs == fe) return;
    const char *src = lec_doc_source(doc, &len);
    rstate s = {.r = r, .doc = doc};
    if (r->npara) render_separate(&s);
    for (size_t i = fs; i < fe;) {
        const char *nl = memchr(src + i, '\n', fe - i);
        size_t l = nl ? (size_t)(nl - (src + i)) : fe - i;
        size_t shown = l && src[i + l - 1] == '\r' ? l - 1 : l;
        s.cur_index = render_begin(&s, LEC_PARA_TEXT, (uint32_t)i, 0);
        render_text(&s, src + i, shown, LEC_A_META, NULL);
        i += l + 1;
    }
}

void lec_render_line(lec_render *r, uint32_t src, const char *text, size_t n, uint32_t attr,
                     int level)
{
    rstate s = {.r = r};
    s.cur_index = render_begin(&s, LEC_PARA_TEXT, src, level);
    render_text(&s, text, n, attr, NULL);
    if (!n) render_raw(&s, "", 0, attr);
}

void lec_render_blank(lec_render *r, uint32_t src)
{
    LEC_GROW(r->paras, r->cap_para, r->npara + 1);
    lec_para *p = &r->paras[r->npara++];
    memset(p, 0, sizeof *p);
    p->kind = LEC_PARA_BLANK;
    p->src = src;
    p->text = p->pre1 = p->pre2 = (uint32_t)r->text.len;
}
