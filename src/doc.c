/*
 * doc.c - building the document model from Markdown.
 *
 * The source is cut into chunks (chunk.h) and each chunk is parsed by
 * cmark, walked once and freed: the walk records the top-level blocks and
 * reports headings, paragraphs and list items to the outline builder
 * (outline.h) with the marker each begins with.  Only compact arrays
 * outlive the walk.
 */
#include "doc_priv.h"

#include "lectern/chunk.h"
#include "lectern/load.h"

#include <stdlib.h>
#include <string.h>

/* Chunks of about this size bound the memory cmark needs at any moment. */
#define CHUNK_TARGET (256u * 1024u)

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
    return lec_doc_new_flags(data, len, name, 0);
}

lec_doc *lec_doc_new_flags(char *data, size_t len, const char *name, int flags)
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
    d->valid = (flags & LEC_DOC_VALID) != 0;
    walker w = {.doc = d, .valid = d->valid};
    uint32_t from = (uint32_t)pos;
    for (size_t i = 0; i <= ncuts; i++) {
        uint32_t to = i < ncuts ? (uint32_t)cuts[i] : (uint32_t)len;
        if (flags & LEC_DOC_CMARK)
            doc_walk_chunk(&w, from, to);
        else
            doc_scan(&w, from, to);
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

int lec_doc_valid(const lec_doc *d)
{
    return d->valid;
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
