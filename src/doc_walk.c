/*
 * doc_walk.c - the blocks of a range of the source parsed by cmark,
 * reported to the outline builder: headings, paragraphs and list items
 * with the marker each begins with.
 */
#include "doc_priv.h"

#include "lectern/bytes.h"
#include "lectern/marker.h"
#include "lectern/outline.h"
#include "lectern/utf8.h"

#include <stdlib.h>
#include <string.h>

void doc_add_block(walker *w, uint32_t start, uint32_t end, int kind, int level)
{
    LEC_GROW(w->blocks, w->cap_blocks, w->nblocks + 1);
    lec_block *b = &w->blocks[w->nblocks++];
    b->start = start;
    b->end = end;
    b->kind = (uint8_t)kind;
    b->level = (uint8_t)level;
}

/* Length of the white space character at s[0..n) (ASCII blank, U+3000,
 * NBSP, and U+2000-U+200A such as the EN SPACE laws set after an article
 * number), else 0. */
static size_t ws_len(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n && (u[0] == ' ' || u[0] == '\t')) return 1;
    if (n >= 2 && u[0] == 0xC2 && u[1] == 0xA0) return 2;
    if (n >= 3 && u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80) return 3;
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x80 && u[2] <= 0x8A) return 3;
    return 0;
}

/* Trims white space (ws_len) at both ends of s[0..*n). */
static const char *trim_ws(const char *s, size_t *n)
{
    for (size_t l; (l = ws_len(s, *n)) != 0;) s += l, *n -= l;
    for (;;) {
        if (*n && (s[*n - 1] == ' ' || s[*n - 1] == '\t'))
            (*n)--;
        else if (*n >= 2 && ws_len(s + *n - 2, 2) == 2)
            *n -= 2;
        else if (*n >= 3 && ws_len(s + *n - 3, 3) == 3)
            *n -= 3;
        else
            break;
    }
    return s;
}

/* Cuts n back to a UTF-8 character boundary. */
static size_t utf8_floor(const char *s, size_t n)
{
    while (n && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    return n;
}

/* Characters in s[0..n). */
static size_t count_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* A heading's title without the 。 or ； a run-in heading ends with. */
static size_t strip_end_punct(const char *s, size_t n)
{
    static const char *const punct[] = {"。", "．", "；", "，", "、", ".", ";", ","};
    for (int again = 1; again && n;) {
        again = 0;
        for (size_t k = 0; k < sizeof punct / sizeof *punct; k++) {
            size_t l = strlen(punct[k]);
            if (n >= l && memcmp(s + n - l, punct[k], l) == 0) {
                n -= l;
                again = 1;
            }
        }
    }
    return n;
}

/* An article's title: its first sentence, up to 。！？ or a line end; a
 * ； or ： inside it does not end it (第三条 甲；乙。 is titled 甲；乙). */
static size_t article_title_len(const char *s, size_t n)
{
    return lec_bytes_sentence_end(s, n);
}

/* The title of an item of a law's article, （二）标的； （四）承包程序合法。
 * （二）病原携带者:指…的人。: the item up to the end of its first sentence,
 * the 。 included, and on to the next one while fewer than 8 characters
 * say too little (（一）公正原则。严格依法…。).  outline.c takes it for the
 * items of an article. */
static size_t item_title_len(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n) {
        k += article_title_len(s + k, n - k);
        if (k + 3 <= n && ((unsigned char)s[k] == 0xE3 || (unsigned char)s[k] == 0xEF))
            k += 3;
        else if (k < n && (s[k] == '!' || s[k] == '?'))
            k++;
        else
            break; /* a line end or the end */
        if (count_chars(s, k) >= 8) break;
    }
    return k;
}

/* Nothing but white space in s[0..n)? */
static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') return 0;
    return 1;
}

/* A point's title: its lead sentence.  A lead of fewer than 8 characters
 * (一要狠抓工作落实。 （一）指导思想。) is a label that says too little to stand
 * alone in an outline, so the title goes on to the end of the first clause
 * after it (指导思想。全面贯彻党的十九大精神).  A short item of a list that
 * ends with its ； keeps it (（二）标的；), and an article is titled by its
 * first sentence (article_title_len). */
static size_t point_title_len(const char *s, size_t n, int family)
{
    if (family == LEC_FAM_ARTICLE) return article_title_len(s, n);
    size_t lead = lec_lead_sentence(s, n);
    if (lead >= n || count_chars(s, lead) >= 8) return lead;
    int32_t cp;
    size_t term = (size_t)lec_utf8_decode(s + lead, n - lead, &cp);
    if ((cp == 0xFF1B || cp == ';') && blank(s + lead + term, n - lead - term)) return lead + term;
    if (cp != 0x3002 && cp != 0xFF0E) return lead; /* only after 。 */
    size_t at = lead + term;
    while (at < n) {
        size_t l = (size_t)lec_utf8_decode(s + at, n - at, &cp);
        if (cp == 0xFF0C || cp == ',' || cp == 0x3002 || cp == 0xFF1B || cp == ';' ||
            cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF1A || cp == '\n')
            break;
        at += l;
    }
    return at > lead + term ? at : lead;
}

/* Fills the marker and title of ev from the plain text of a block. */
void doc_describe(walker *w, lec_event *ev, const char *t, size_t n, int ctx, int heading)
{
    lec_outline *o = w->tree;
    lec_marker m;
    size_t title_at = 0;
    m.family = LEC_FAM_NONE;
    if (lec_marker_scan(t, n, ctx, &m)) {
        ev->family = (uint8_t)m.family;
        ev->ordinal = m.ordinal;
        ev->sub = (uint8_t)(m.sub < 255 ? m.sub : 255);
        if (m.apart) ev->flags |= LEC_EVF_APART;
        ev->marker_off = lec_outline_intern(o, t + m.skip, m.len);
        ev->marker_len = (uint32_t)m.len;
        title_at = m.title;
    } else if (!heading) {
        return; /* plain prose: nothing to remember */
    }
    if (!heading && w->no_titles) return; /* its marker is all the outline needs */
    const char *title = t + title_at;
    size_t tl = n - title_at, ll = 0;
    if (!heading) {
        ll = item_title_len(title, tl);
        tl = point_title_len(title, tl, m.family);
        if (tl > TITLE_MAX) tl = utf8_floor(title, TITLE_MAX);
        if (ll > TITLE_MAX) ll = utf8_floor(title, TITLE_MAX);
    }
    const char *start = title;
    title = trim_ws(title, &tl);
    ll = ll > (size_t)(title - start) ? ll - (size_t)(title - start) : 0;
    trim_ws(title, &ll); /* the start is trimmed already: only its end moves */
    if (heading) tl = strip_end_punct(title, tl);
    ev->title_off = lec_outline_intern(o, title, tl > ll ? tl : ll);
    ev->title_len = (uint32_t)tl;
    ev->title_item = (uint16_t)ll;
}

static void text_of(walker *w, cmark_node *n, size_t cap)
{
    lec_buf_reset(&w->text);
    lec_md_inline_text(n, &w->text, cap);
}

void doc_emit(walker *w, lec_event *ev)
{
    lec_outline_add(w->tree, ev);
}

/* The marker of an ordered list item as written at s (its line's text
 * after the indentation, up to lim): digits and the delimiter. */
static size_t list_marker_len(const char *s, const char *lim)
{
    size_t k = 0;
    while (s + k < lim && s[k] >= '0' && s[k] <= '9' && k < 9) k++;
    if (s + k < lim && (s[k] == '.' || s[k] == ')')) k++;
    return k;
}

void doc_item_describe(walker *w, lec_event *ev, int ordinal, const char *mark, const char *lim)
{
    if (mark) {
        size_t k = list_marker_len(mark, lim);
        ev->family = LEC_FAM_LIST;
        ev->ordinal = ordinal;
        ev->marker_off = lec_outline_intern(w->tree, mark, k);
        ev->marker_len = (uint32_t)k;
        size_t tl = lec_lead_sentence(w->text.data ? w->text.data : "", w->text.len);
        if (tl > TITLE_MAX) tl = utf8_floor(w->text.data, TITLE_MAX);
        const char *title = trim_ws(w->text.data ? w->text.data : "", &tl);
        ev->title_off = lec_outline_intern(w->tree, title, tl);
        ev->title_len = (uint32_t)tl;
    } else if (w->text.len) {
        doc_describe(w, ev, w->text.data, w->text.len, LEC_MARK_BLOCK, 0);
    }
}

uint32_t doc_drop_blank_tail(const char *src, uint32_t s, uint32_t e)
{
    /* Back over the white space at the end only: the last line that is
     * not blank may be long, and nested items share it. */
    uint32_t k = e;
    while (k > s && (src[k - 1] == ' ' || src[k - 1] == '\t' || src[k - 1] == '\r' || src[k - 1] == '\n'))
        k--;
    /* The end of the line of the last character that is not white space,
     * or of the first line when all is blank. */
    const char *nl = memchr(src + k, '\n', e - k);
    if (k == s) nl = memchr(src + s, '\n', e - s);
    return nl && (uint32_t)(nl - src) + 1 < e ? (uint32_t)(nl - src) + 1 : e;
}

/* Where what a list or item holds must end: the start of its next
 * sibling, or else where its parent's must end (UINT32_MAX: nowhere).
 * cmark may end an item where an enclosing list closes (its end is set
 * when it is closed), so an item never reaches into what follows it. */
static uint32_t limit_of(walker *w, cmark_node *n, uint32_t parent_limit)
{
    cmark_node *nx = cmark_node_next(n);
    if (!nx) return parent_limit;
    uint32_t ns, ne;
    lec_md_block_range(&w->md, nx, &ns, &ne);
    return ns;
}

/* The limit of a list, from its ancestors (once per top-level list). */
static uint32_t outer_limit(walker *w, cmark_node *list)
{
    for (cmark_node *a = list; a && cmark_node_get_type(a) != CMARK_NODE_DOCUMENT;
         a = cmark_node_parent(a))
        if (cmark_node_next(a)) return limit_of(w, a, UINT32_MAX);
    return UINT32_MAX;
}

/* A list item's lines, at most up to its limit, without blank lines at
 * the end. */
static void item_range(walker *w, cmark_node *item, uint32_t limit, uint32_t *s, uint32_t *e)
{
    lec_md_block_range(&w->md, item, s, e);
    if (*e > limit) *e = limit > *s ? limit : *s;
    *e = doc_drop_blank_tail(w->doc->src, *s, *e);
}

/* The lists and items open while a list subtree is walked: their limits,
 * and for a list the items seen so far (the next one's index). */
typedef struct open_node {
    uint32_t limit;
    int items;
} open_node;

/* Reports a list subtree: items, the blocks directly inside them, nested
 * lists.  Iterative, so that deep nesting cannot exhaust the C stack. */
static void walk_list(walker *w, cmark_node *list)
{
    cmark_iter *it = cmark_iter_new(list);
    cmark_event_type et;
    cmark_node *skip = NULL; /* a container whose inside is not looked at */
    /* The lists and items entered and not left, innermost last. */
    open_node *open = NULL;
    size_t nopen = 0, cap_open = 0;
    uint32_t outer = outer_limit(w, list);
    while ((et = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(n);
        if (skip) {
            if (n == skip && et == CMARK_EVENT_EXIT) skip = NULL;
            continue;
        }
        if ((t == CMARK_NODE_LIST || t == CMARK_NODE_ITEM) && et == CMARK_EVENT_ENTER) {
            LEC_GROW(open, cap_open, nopen + 1);
            uint32_t up = nopen ? open[nopen - 1].limit : outer;
            open[nopen++] = (open_node){n == list ? outer : limit_of(w, n, up), 0};
        }
        if (t == CMARK_NODE_LIST && et == CMARK_EVENT_EXIT) nopen--;
        lec_event ev = {0};
        uint32_t s, e;
        if (t == CMARK_NODE_ITEM) {
            item_range(w, n, open[nopen - 1].limit, &s, &e);
            ev.start = s;
            ev.end = e;
            if (et == CMARK_EVENT_EXIT) {
                nopen--;
                ev.type = LEC_EV_ITEM_END;
                doc_emit(w, &ev);
                continue;
            }
            ev.type = LEC_EV_ITEM_BEGIN;
            cmark_node *list_of = cmark_node_parent(n);
            cmark_node *first = cmark_node_first_child(n);
            lec_buf_reset(&w->text);
            if (first && cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH)
                text_of(w, first, LEAD_CAP);
            /* The item's index in its list: counted on the list, which is
             * the entry under the item's own. */
            int idx = nopen >= 2 ? open[nopen - 2].items++ : 0;
            const char *mark = NULL;
            if (cmark_node_get_list_type(list_of) == CMARK_ORDERED_LIST) {
                uint32_t line = lec_md_line_offset(&w->md, cmark_node_get_start_line(n));
                int col = cmark_node_get_start_column(n);
                mark = w->md.src + line + (col > 0 ? col - 1 : 0);
            }
            doc_item_describe(w, &ev, cmark_node_get_list_start(list_of) + idx, mark,
                              w->md.src + w->md.end);
            doc_emit(w, &ev);
            continue;
        }
        if (et != CMARK_EVENT_ENTER || t == CMARK_NODE_LIST) continue;
        /* A block directly inside an item. */
        if (cmark_node_get_type(cmark_node_parent(n)) != CMARK_NODE_ITEM) continue;
        lec_md_block_range(&w->md, n, &s, &e);
        ev.type = LEC_EV_BLOCK;
        ev.start = s;
        ev.end = e;
        if (t == CMARK_NODE_PARAGRAPH && cmark_node_previous(n)) {
            text_of(w, n, LEAD_CAP);
            doc_describe(w, &ev, w->text.data, w->text.len, LEC_MARK_BLOCK, 0);
        }
        doc_emit(w, &ev);
        if (t != CMARK_NODE_PARAGRAPH && cmark_node_first_child(n)) skip = n;
    }
    free(open);
    cmark_iter_free(it);
}

static int block_kind(cmark_node_type t)
{
    switch (t) {
    case CMARK_NODE_PARAGRAPH:
        return LEC_BLOCK_PARAGRAPH;
    case CMARK_NODE_HEADING:
        return LEC_BLOCK_HEADING;
    case CMARK_NODE_LIST:
        return LEC_BLOCK_LIST;
    case CMARK_NODE_BLOCK_QUOTE:
        return LEC_BLOCK_QUOTE;
    case CMARK_NODE_CODE_BLOCK:
        return LEC_BLOCK_CODE;
    case CMARK_NODE_HTML_BLOCK:
        return LEC_BLOCK_HTML;
    case CMARK_NODE_THEMATIC_BREAK:
        return LEC_BLOCK_RULE;
    default:
        return LEC_BLOCK_OTHER;
    }
}

/* Text between two top-level blocks that is not blank can only be link
 * reference definitions (cmark keeps no node for them).  Keep them, so
 * that parts parsed alone later still resolve their links.  Only their
 * lines that are not blank are kept (a definition holds no blank line):
 * the same definitions then give the same text, whether they came in
 * one gap of a range cmark read whole or in several parts (scan.c). */
void doc_keep_defs(lec_buf *out, const char *s, uint32_t from, uint32_t to)
{
    for (uint32_t i = from; i < to;) {
        const char *nl = memchr(s + i, '\n', to - i);
        uint32_t e = nl ? (uint32_t)(nl - s) : to;
        uint32_t k = i;
        while (k < e && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r')) k++;
        if (k < e) {
            lec_buf_put(out, s + i, e - i);
            lec_buf_putc(out, '\n');
        }
        i = nl ? e + 1 : to;
    }
}

void doc_keep_gap(walker *w, uint32_t from, uint32_t to)
{
    doc_keep_defs(&w->refdefs, w->doc->src, from, to);
}

void doc_parse(walker *w, lec_md *md, uint32_t start, uint32_t end)
{
    lec_buf_reset(&w->extra);
    if (w->refs) lec_refs_for(w->refs, w->doc->src + start, end - start, &w->extra);
    lec_md_parse_defs_first(md, w->doc->src, start, end, w->extra.data, w->extra.len);
}

/* Is src[i..z) (a line without its line break) a setext underline: at
 * most three spaces, a run of = or of -, then only blanks? */
static int underline(const char *src, uint32_t i, uint32_t z)
{
    uint32_t k = i;
    while (k < z && k - i < 3 && src[k] == ' ') k++;
    char c = k < z ? src[k] : 0;
    if (c != '=' && c != '-') return 0;
    while (k < z && src[k] == c) k++;
    while (k < z && (src[k] == ' ' || src[k] == '\t')) k++;
    return k == z;
}

void doc_top_range(const lec_md *md, cmark_node *n, uint32_t *start, uint32_t *end)
{
    const char *src = md->src;
    uint32_t s, e;
    lec_md_block_range(md, n, &s, &e);
    cmark_node *nx = cmark_node_next(n);
    /* cmark ends a setext heading on the line that closes it, the first
     * after its underline (blocks.c, finalize): where the block after it
     * begins, so a block never reaches into the next one, nor keeps blank
     * lines at its end. */
    if (nx) {
        uint32_t ns, ne;
        lec_md_block_range(md, nx, &ns, &ne);
        if (e > ns) e = ns;
    }
    e = doc_drop_blank_tail(src, s, e);
    /* But a line that makes no block can close it too: a link definition
     * ("标题\n=\n[r]: /u", whose paragraph cmark removes).  Then the
     * heading's last line is that line, not its underline, and goes (the
     * definition is kept as the text between blocks, as when the scan
     * reads the heading and cmark the definition alone).  Only the last
     * line is looked at: the underline is the line before the closing
     * one, whatever the lines before it were (a definition taken before
     * an "=" makes that "=" text: "[r]:>x\n=\nb\n=").  Raw bytes are
     * enough: an underline is ASCII, and a line with invalid UTF-8 (which
     * cmark reads with U+FFFD) is not one either way.  An ATX heading is
     * one line and is left alone. */
    if (cmark_node_get_type(n) == CMARK_NODE_HEADING && e > s) {
        uint32_t z = e; /* the last line is src[ls..z) */
        if (z > s && src[z - 1] == '\n') z--;
        if (z > s && src[z - 1] == '\r') z--;
        uint32_t ls = z;
        while (ls > s && src[ls - 1] != '\n' && src[ls - 1] != '\r') ls--;
        if (ls > s && !underline(src, ls, z)) e = ls;
    }
    *start = s;
    *end = e;
}

void doc_walk_chunk(walker *w, uint32_t start, uint32_t end)
{
    doc_parse(w, &w->md, start, end);
    w->prev_end = start;
    for (cmark_node *n = cmark_node_first_child(w->md.root); n; n = cmark_node_next(n)) {
        cmark_node_type t = cmark_node_get_type(n);
        uint32_t s, e;
        doc_top_range(&w->md, n, &s, &e);
        if (s > w->prev_end) doc_keep_gap(w, w->prev_end, s);
        if (e > w->prev_end) w->prev_end = e;
        int level = t == CMARK_NODE_HEADING ? cmark_node_get_heading_level(n) : 0;
        doc_add_block(w, s, e, block_kind(t), level);

        if (t == CMARK_NODE_LIST) {
            walk_list(w, n);
            continue;
        }
        lec_event ev = {0};
        ev.start = s;
        ev.end = e;
        ev.type = t == CMARK_NODE_HEADING ? LEC_EV_HEADING : LEC_EV_BLOCK;
        ev.level = (uint8_t)level;
        if (t == CMARK_NODE_HEADING) {
            text_of(w, n, HEADING_CAP);
            doc_describe(w, &ev, w->text.data ? w->text.data : "", w->text.len, LEC_MARK_HEADING, 1);
        } else if (t == CMARK_NODE_PARAGRAPH) {
            text_of(w, n, LEAD_CAP);
            doc_describe(w, &ev, w->text.data ? w->text.data : "", w->text.len, LEC_MARK_BLOCK, 0);
        }
        doc_emit(w, &ev);
    }
    if (end > w->prev_end) doc_keep_gap(w, w->prev_end, end);
    lec_md_free(&w->md);
}

