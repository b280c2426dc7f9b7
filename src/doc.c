/*
 * doc.c - building the document model from Markdown.
 *
 * The source is cut into chunks (chunk.h) and each chunk is parsed by
 * cmark, walked once and freed: the walk records the top-level blocks and
 * reports headings, paragraphs and list items to the outline builder
 * (outline.h) with the marker each begins with.  Only compact arrays
 * outlive the walk.
 */
#include "lectern/doc.h"
#include "lectern/chunk.h"
#include "lectern/frontmatter.h"
#include "lectern/load.h"
#include "lectern/mdparse.h"
#include "lectern/utf8.h"
#include "lectern/util.h"

#include <stdlib.h>
#include <string.h>

/* Chunks of about this size bound the memory cmark needs at any moment. */
#define CHUNK_TARGET (256u * 1024u)
/* How much of a paragraph's text is read to find its marker and title. */
#define LEAD_CAP 2048
#define HEADING_CAP 4096
/* A point's title stops at its first sentence, or after this many bytes. */
#define TITLE_MAX 600

struct lec_doc {
    char *src;
    size_t len;
    char *name;
    size_t body_start;
    size_t fm_start, fm_end;
    size_t title_start, title_end;
    lec_meta_list meta;
    lec_block *blocks;
    size_t nblocks, cap_blocks;
    lec_outline *tree;
    uint32_t *position; /* 1-based position among siblings, per node */
    lec_buf refdefs;    /* link reference definitions, for re-parsing parts */
};

/* ---- walking one chunk ---------------------------------------------- */

typedef struct walker {
    lec_doc *doc;
    lec_md md;
    lec_buf text;
    uint32_t prev_end; /* end of the previous top-level block */
} walker;

static void add_block(walker *w, uint32_t start, uint32_t end, int kind, int level)
{
    lec_doc *d = w->doc;
    LEC_GROW(d->blocks, d->cap_blocks, d->nblocks + 1);
    lec_block *b = &d->blocks[d->nblocks++];
    b->start = start;
    b->end = end;
    b->kind = (uint8_t)kind;
    b->level = (uint8_t)level;
}

/* Trims ASCII and ideographic white space at both ends of s[0..*n). */
static const char *trim_ws(const char *s, size_t *n)
{
    for (;;) {
        if (*n && (s[0] == ' ' || s[0] == '\t')) {
            s++, (*n)--;
        } else if (*n >= 3 && memcmp(s, "\xe3\x80\x80", 3) == 0) {
            s += 3, *n -= 3;
        } else if (*n >= 2 && memcmp(s, "\xc2\xa0", 2) == 0) {
            s += 2, *n -= 2;
        } else {
            break;
        }
    }
    for (;;) {
        if (*n && (s[*n - 1] == ' ' || s[*n - 1] == '\t'))
            (*n)--;
        else if (*n >= 3 && memcmp(s + *n - 3, "\xe3\x80\x80", 3) == 0)
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

/* A point's title: its lead sentence.  A lead of fewer than 8 characters
 * (一要狠抓工作落实。 （一）指导思想。) is a label that says too little to stand
 * alone in an outline, so the title goes on to the end of the first clause
 * after it (指导思想。全面贯彻党的十九大精神). */
static size_t point_title_len(const char *s, size_t n)
{
    size_t lead = lec_lead_sentence(s, n);
    if (lead >= n || count_chars(s, lead) >= 8) return lead;
    int32_t cp;
    size_t term = (size_t)lec_utf8_decode(s + lead, n - lead, &cp);
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
static void describe(walker *w, lec_event *ev, const char *t, size_t n, int ctx, int heading)
{
    lec_outline *o = w->doc->tree;
    lec_marker m;
    size_t title_at = 0;
    if (lec_marker_scan(t, n, ctx, &m)) {
        ev->family = (uint8_t)m.family;
        ev->ordinal = m.ordinal;
        ev->marker_off = lec_outline_intern(o, t + m.skip, m.len);
        ev->marker_len = (uint32_t)m.len;
        title_at = m.title;
    } else if (!heading) {
        return; /* plain prose: nothing to remember */
    }
    const char *title = t + title_at;
    size_t tl = n - title_at;
    if (!heading) {
        tl = point_title_len(title, tl);
        if (tl > TITLE_MAX) tl = utf8_floor(title, TITLE_MAX);
    }
    title = trim_ws(title, &tl);
    if (heading) tl = strip_end_punct(title, tl);
    ev->title_off = lec_outline_intern(o, title, tl);
    ev->title_len = (uint32_t)tl;
}

static void text_of(walker *w, cmark_node *n, size_t cap)
{
    lec_buf_reset(&w->text);
    lec_md_inline_text(n, &w->text, cap);
}

static void emit(walker *w, lec_event *ev)
{
    lec_outline_add(w->doc->tree, ev);
}

/* The marker of an ordered list item as written in the source: digits and
 * the delimiter after the item's indentation. */
static void list_marker(walker *w, cmark_node *item, lec_event *ev)
{
    uint32_t line = lec_md_line_offset(&w->md, cmark_node_get_start_line(item));
    int col = cmark_node_get_start_column(item);
    const char *s = w->md.src + line + (col > 0 ? col - 1 : 0);
    const char *lim = w->md.src + w->md.end;
    size_t k = 0;
    while (s + k < lim && s[k] >= '0' && s[k] <= '9' && k < 9) k++;
    if (s + k < lim && (s[k] == '.' || s[k] == ')')) k++;
    ev->marker_off = lec_outline_intern(w->doc->tree, s, k);
    ev->marker_len = (uint32_t)k;
}

/* Reports a list subtree: items, the blocks directly inside them, nested
 * lists.  Iterative, so that deep nesting cannot exhaust the C stack. */
static void walk_list(walker *w, cmark_node *list)
{
    cmark_iter *it = cmark_iter_new(list);
    cmark_event_type et;
    cmark_node *skip = NULL; /* a container whose inside is not looked at */
    while ((et = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(n);
        if (skip) {
            if (n == skip && et == CMARK_EVENT_EXIT) skip = NULL;
            continue;
        }
        lec_event ev = {0};
        uint32_t s, e;
        if (t == CMARK_NODE_ITEM) {
            lec_md_block_range(&w->md, n, &s, &e);
            ev.start = s;
            ev.end = e;
            if (et == CMARK_EVENT_EXIT) {
                ev.type = LEC_EV_ITEM_END;
                emit(w, &ev);
                continue;
            }
            ev.type = LEC_EV_ITEM_BEGIN;
            cmark_node *list_of = cmark_node_parent(n);
            cmark_node *first = cmark_node_first_child(n);
            lec_buf_reset(&w->text);
            if (first && cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH)
                text_of(w, first, LEAD_CAP);
            if (cmark_node_get_list_type(list_of) == CMARK_ORDERED_LIST) {
                int idx = 0;
                for (cmark_node *p = cmark_node_previous(n); p; p = cmark_node_previous(p)) idx++;
                ev.family = LEC_FAM_LIST;
                ev.ordinal = cmark_node_get_list_start(list_of) + idx;
                list_marker(w, n, &ev);
                size_t tl = lec_lead_sentence(w->text.data ? w->text.data : "", w->text.len);
                if (tl > TITLE_MAX) tl = utf8_floor(w->text.data, TITLE_MAX);
                const char *title = trim_ws(w->text.data ? w->text.data : "", &tl);
                ev.title_off = lec_outline_intern(w->doc->tree, title, tl);
                ev.title_len = (uint32_t)tl;
            } else if (w->text.len) {
                describe(w, &ev, w->text.data, w->text.len, LEC_MARK_BLOCK, 0);
            }
            emit(w, &ev);
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
            describe(w, &ev, w->text.data, w->text.len, LEC_MARK_BLOCK, 0);
        }
        emit(w, &ev);
        if (t != CMARK_NODE_PARAGRAPH && cmark_node_first_child(n)) skip = n;
    }
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
 * that parts parsed alone later still resolve their links. */
static void keep_gap(walker *w, uint32_t from, uint32_t to)
{
    const char *s = w->doc->src;
    uint32_t i = from;
    while (i < to && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
    if (i == to) return;
    lec_buf_put(&w->doc->refdefs, s + from, to - from);
    lec_buf_putc(&w->doc->refdefs, '\n');
}

static void walk_chunk(walker *w, uint32_t start, uint32_t end)
{
    lec_md_parse(&w->md, w->doc->src, start, end, NULL, 0);
    w->prev_end = start;
    for (cmark_node *n = cmark_node_first_child(w->md.root); n; n = cmark_node_next(n)) {
        cmark_node_type t = cmark_node_get_type(n);
        uint32_t s, e;
        lec_md_block_range(&w->md, n, &s, &e);
        if (s > w->prev_end) keep_gap(w, w->prev_end, s);
        if (e > w->prev_end) w->prev_end = e;
        int level = t == CMARK_NODE_HEADING ? cmark_node_get_heading_level(n) : 0;
        add_block(w, s, e, block_kind(t), level);

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
            describe(w, &ev, w->text.data ? w->text.data : "", w->text.len, LEC_MARK_HEADING, 1);
        } else if (t == CMARK_NODE_PARAGRAPH) {
            text_of(w, n, LEAD_CAP);
            describe(w, &ev, w->text.data ? w->text.data : "", w->text.len, LEC_MARK_BLOCK, 0);
        }
        emit(w, &ev);
    }
    if (end > w->prev_end) keep_gap(w, w->prev_end, end);
    lec_md_free(&w->md);
}

/* ---- the document --------------------------------------------------- */

static void compute_positions(lec_doc *d)
{
    size_t n = lec_outline_count(d->tree);
    d->position = lec_xcalloc(n, sizeof *d->position);
    for (size_t i = 0; i < n; i++) {
        const lec_onode *p = lec_outline_node(d->tree, i);
        uint32_t k = 1;
        for (uint32_t c = p->first_child; c != LEC_NONE;
             c = lec_outline_node(d->tree, c)->next_sibling)
            d->position[c] = k++;
    }
}

lec_doc *lec_doc_new(char *data, size_t len, const char *name)
{
    lec_doc *d = lec_xcalloc(1, sizeof *d);
    d->src = data;
    d->len = len;
    d->name = lec_xstrndup(name, strlen(name));
    d->tree = lec_outline_new();

    size_t pos = 0;
    if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) pos = 3;
    size_t fs, fe, fm = lec_frontmatter_parse(data + pos, len - pos, &d->meta, &fs, &fe);
    if (fm) {
        d->fm_start = pos + fs;
        d->fm_end = pos + fe;
        pos += fm;
    } else {
        d->fm_start = d->fm_end = pos;
    }
    d->body_start = pos;

    size_t *cuts;
    size_t ncuts = lec_chunk_split(data, pos, len, CHUNK_TARGET, &cuts);
    walker w = {.doc = d};
    uint32_t from = (uint32_t)pos;
    for (size_t i = 0; i <= ncuts; i++) {
        uint32_t to = i < ncuts ? (uint32_t)cuts[i] : (uint32_t)len;
        walk_chunk(&w, from, to);
        from = to;
    }
    free(cuts);
    lec_buf_free(&w.text);

    long title = -1;
    lec_outline_build(d->tree, (uint32_t)len, &title);
    if (title >= 0) {
        size_t nev;
        const lec_event *ev = lec_outline_events(d->tree, &nev);
        const lec_event *t = &ev[title];
        d->title_start = t->start;
        d->title_end = t->end;
        if (!lec_meta_get(&d->meta, "title")) {
            const char *pool = lec_outline_pool(d->tree);
            lec_buf full = LEC_BUF_INIT;
            lec_buf_put(&full, pool + t->marker_off, t->marker_len);
            lec_buf_put(&full, pool + t->title_off, t->title_len);
            lec_meta_set(&d->meta, "title", 5, full.data ? full.data : "", full.len, 0);
            lec_buf_free(&full);
        }
    }
    lec_outline_drop_events(d->tree);
    compute_positions(d);
    return d;
}

void lec_doc_free(lec_doc *d)
{
    if (!d) return;
    free(d->src);
    free(d->name);
    lec_meta_free(&d->meta);
    free(d->blocks);
    lec_outline_free(d->tree);
    free(d->position);
    lec_buf_free(&d->refdefs);
    free(d);
}

const char *lec_doc_name(const lec_doc *d)
{
    return d->name;
}

const char *lec_doc_source(const lec_doc *d, size_t *len)
{
    if (len) *len = d->len;
    return d->src;
}

size_t lec_doc_body_start(const lec_doc *d)
{
    return d->body_start;
}

void lec_doc_frontmatter(const lec_doc *d, size_t *start, size_t *end)
{
    *start = d->fm_start;
    *end = d->fm_end;
}

void lec_doc_hide_frontmatter(lec_doc *d)
{
    d->fm_start = d->fm_end = d->body_start;
}

const char *lec_doc_refdefs(const lec_doc *d, size_t *len)
{
    *len = d->refdefs.len;
    return d->refdefs.data;
}

size_t lec_doc_meta_count(const lec_doc *d)
{
    return d->meta.count;
}

const char *lec_doc_meta_key(const lec_doc *d, size_t i)
{
    return i < d->meta.count ? d->meta.items[i].key : NULL;
}

const char *lec_doc_meta_value(const lec_doc *d, size_t i)
{
    return i < d->meta.count ? d->meta.items[i].value : NULL;
}

const char *lec_doc_meta_get(const lec_doc *d, const char *key)
{
    return lec_meta_get(&d->meta, key);
}

size_t lec_doc_block_count(const lec_doc *d)
{
    return d->nblocks;
}

const lec_block *lec_doc_block(const lec_doc *d, size_t i)
{
    return i < d->nblocks ? &d->blocks[i] : NULL;
}

void lec_doc_title_range(const lec_doc *d, size_t *start, size_t *end)
{
    *start = d->title_start;
    *end = d->title_end;
}

size_t lec_doc_node_count(const lec_doc *d)
{
    return lec_outline_count(d->tree);
}

static const lec_onode *node(const lec_doc *d, uint32_t id)
{
    return lec_outline_node(d->tree, id);
}

lec_node_kind lec_node_kind_of(const lec_doc *d, uint32_t id)
{
    return (lec_node_kind)node(d, id)->kind;
}

uint32_t lec_node_parent(const lec_doc *d, uint32_t id)
{
    return node(d, id)->parent;
}

uint32_t lec_node_first_child(const lec_doc *d, uint32_t id)
{
    return node(d, id)->first_child;
}

uint32_t lec_node_next_sibling(const lec_doc *d, uint32_t id)
{
    return node(d, id)->next_sibling;
}

int lec_node_depth(const lec_doc *d, uint32_t id)
{
    return node(d, id)->depth;
}

int lec_node_position(const lec_doc *d, uint32_t id)
{
    return (int)d->position[id];
}

lec_family lec_node_family(const lec_doc *d, uint32_t id)
{
    return (lec_family)node(d, id)->family;
}

int lec_node_ordinal(const lec_doc *d, uint32_t id)
{
    return node(d, id)->ordinal;
}

int lec_node_level(const lec_doc *d, uint32_t id)
{
    return node(d, id)->level;
}

const char *lec_node_marker(const lec_doc *d, uint32_t id, size_t *len)
{
    const lec_onode *n = node(d, id);
    *len = n->marker_len;
    return lec_outline_pool(d->tree) + n->marker_off;
}

const char *lec_node_title(const lec_doc *d, uint32_t id, size_t *len)
{
    const lec_onode *n = node(d, id);
    *len = n->title_len;
    return lec_outline_pool(d->tree) + n->title_off;
}

void lec_node_range(const lec_doc *d, uint32_t id, size_t *start, size_t *end)
{
    const lec_onode *n = node(d, id);
    *start = n->start;
    *end = n->end;
}

uint32_t lec_doc_node_at(const lec_doc *d, size_t offset)
{
    size_t lo = 1, hi = lec_outline_count(d->tree);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (node(d, (uint32_t)mid)->start < offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < lec_outline_count(d->tree) && node(d, (uint32_t)lo)->start == offset)
        return (uint32_t)lo;
    return LEC_NONE;
}
