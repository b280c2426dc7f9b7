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
#include "lectern/thread.h"

#include <stdlib.h>
#include <pthread.h>
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

/* ---- walking the chunks, on two threads when it is worth it ------------ */

typedef struct span_job {
    walker w;
    const size_t *cuts; /* the chunks [cuts[i], cuts[i + 1]) for i in [a, b) */
    size_t a, b;
    int flags;
    const unsigned char *whole; /* per chunk: cmark reads it whole (or NULL) */
    doc_steps *steps;           /* per chunk: what the scan does (or NULL) */
} span_job;

static void *walk_span(void *arg)
{
    span_job *j = arg;
    for (size_t i = j->a; i < j->b; i++) {
        if ((j->flags & LEC_DOC_CMARK) || (j->whole && j->whole[i]))
            doc_walk_chunk(&j->w, (uint32_t)j->cuts[i], (uint32_t)j->cuts[i + 1]);
        else if (j->steps && j->steps[i].done)
            doc_scan_steps(&j->w, &j->steps[i]);
        else
            doc_scan(&j->w, (uint32_t)j->cuts[i], (uint32_t)j->cuts[i + 1]);
        if (j->steps) {
            free(j->steps[i].v);
            j->steps[i].v = NULL;
        }
    }
    lec_buf_free(&j->w.text);
    return NULL;
}

/* Walks every chunk into d: the first half of the chunks on this thread,
 * the second on another when the document is large, both walkers then
 * joined in order (chunks parse alone, so each half is what walking it
 * after the first would give). */
static void walk_all(lec_doc *d, size_t pos, const size_t *cuts, size_t ncuts, int flags,
                     const lec_buf *defs, const unsigned char *whole, doc_steps *steps)
{
    /* bounds[0..n]: the chunk limits, document start and end included */
    size_t n = ncuts + 1;
    size_t *bounds = lec_xmalloc((n + 1) * sizeof *bounds);
    bounds[0] = pos;
    for (size_t i = 0; i < ncuts; i++) bounds[i + 1] = cuts[i];
    bounds[n] = d->len;

    span_job one = {.w = {.doc = d,
                          .valid = d->valid,
                          .no_titles = (flags & LEC_DOC_NO_TITLES) != 0,
                          .tree = d->tree},
                    .cuts = bounds, .a = 0, .b = n, .flags = flags, .whole = whole,
                    .steps = steps};
    if (defs) one.w.refs = lec_refs_new(defs->data, defs->len);
    span_job two = one;
    two.w.tree = NULL;
    two.w.refs = NULL;
    int threaded = 0;
    if (d->len - pos >= LEC_TWO_THREADS_MIN && n >= 2 && !(flags & LEC_DOC_ONE_THREAD)) {
        size_t mid = 1;
        while (mid < n - 1 && bounds[mid] - pos < (d->len - pos) / 2) mid++;
        one.b = mid;
        two.a = mid;
        two.w.tree = lec_outline_new();
        if (defs) two.w.refs = lec_refs_new(defs->data, defs->len);
        threaded = lec_thread_pair(walk_span, &one, &two);
        if (!threaded) {
            lec_outline_free(two.w.tree);
            one.b = n;
        }
    }
    if (!threaded) walk_span(&one);
    d->blocks = one.w.blocks;
    d->nblocks = one.w.nblocks;
    d->cap_blocks = one.w.cap_blocks;
    d->refdefs = one.w.refdefs;
    if (threaded) {
        LEC_GROW(d->blocks, d->cap_blocks, d->nblocks + two.w.nblocks);
        if (two.w.nblocks) memcpy(d->blocks + d->nblocks, two.w.blocks, two.w.nblocks * sizeof *d->blocks);
        d->nblocks += two.w.nblocks;
        free(two.w.blocks);
        lec_outline_append(d->tree, two.w.tree);
        lec_outline_free(two.w.tree);
        if (two.w.refdefs.len) lec_buf_put(&d->refdefs, two.w.refdefs.data, two.w.refdefs.len);
        lec_buf_free(&two.w.refdefs);
    }
    lec_refs_free(one.w.refs);
    lec_refs_free(two.w.refs);
    lec_buf_free(&one.w.extra);
    lec_buf_free(&two.w.extra);
    free(bounds);
}

/* The link reference definitions of chunks [a, b) (bounds as in walk_all),
 * found by the scan before anything is reported (doc_scan_defs), and per
 * chunk whether cmark must read it whole. */
typedef struct defs_job {
    lec_doc *d;
    const size_t *bounds;
    size_t a, b;
    unsigned char *whole;
    doc_steps *steps;
    lec_buf defs;
} defs_job;

static void *find_defs_span(void *arg)
{
    defs_job *j = arg;
    walker w = {.doc = j->d, .valid = j->d->valid};
    for (size_t i = j->a; i < j->b; i++)
        j->whole[i] = (unsigned char)doc_scan_defs(&w, (uint32_t)j->bounds[i],
                                                   (uint32_t)j->bounds[i + 1], &j->defs,
                                                   &j->steps[i]);
    return NULL;
}

/* The definitions of every chunk, so that the one walk gives every part
 * of every chunk those it names, in document order into defs; the two
 * halves on two threads as the walk does.  Returns, per chunk, whether
 * cmark must read it whole (caller frees with free()), and in *steps the
 * scan's steps for the walk (caller frees with free(), each chunk's v
 * too). */
static unsigned char *find_defs(lec_doc *d, size_t pos, const size_t *cuts, size_t ncuts,
                                int flags, lec_buf *defs, doc_steps **steps)
{
    size_t n = ncuts + 1;
    size_t *bounds = lec_xmalloc((n + 1) * sizeof *bounds);
    bounds[0] = pos;
    for (size_t i = 0; i < ncuts; i++) bounds[i + 1] = cuts[i];
    bounds[n] = d->len;
    unsigned char *whole = lec_xcalloc(n, 1);
    *steps = lec_xcalloc(n, sizeof **steps);
    defs_job one = {.d = d, .bounds = bounds, .a = 0, .b = n, .whole = whole, .steps = *steps};
    defs_job two = one;
    int threaded = 0;
    if (d->len - pos >= LEC_TWO_THREADS_MIN && n >= 2 && !(flags & LEC_DOC_ONE_THREAD)) {
        size_t mid = 1;
        while (mid < n - 1 && bounds[mid] - pos < (d->len - pos) / 2) mid++;
        one.b = two.a = mid;
        threaded = lec_thread_pair(find_defs_span, &one, &two);
        if (!threaded) one.b = n;
    }
    if (!threaded) find_defs_span(&one);
    *defs = one.defs;
    if (threaded && two.defs.len) lec_buf_put(defs, two.defs.data, two.defs.len);
    if (threaded) lec_buf_free(&two.defs);
    free(bounds);
    return whole;
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

    /* cmark ends a line at a CR alone too; the scan (scan.c) only at LF:
     * such a rare text is read by cmark throughout. */
    for (const char *cr = flags & LEC_DOC_NO_CR ? NULL : memchr(data + pos, '\r', len - pos);
         cr && !(flags & LEC_DOC_CMARK);
         cr = memchr(cr + 1, '\r', (size_t)(data + len - cr - 1)))
        if (cr + 1 == data + len || cr[1] != '\n') flags |= LEC_DOC_CMARK;

    size_t *cuts;
    size_t ncuts = lec_chunk_split(data, pos, len, CHUNK_TARGET, &cuts);
    d->valid = (flags & LEC_DOC_VALID) != 0;
    /* The limits, where offsets are made (a converted text can be longer
     * than what was read) and before libcmark sees a block it would
     * abort on. */
    if (len > LEC_MAX_INPUT) d->error = "too large (the limit is 4 GiB)";
    for (size_t i = 0, a = pos; i <= ncuts && !d->error; i++) {
        size_t b = i < ncuts ? cuts[i] : len;
        if (b - a > LEC_BLOCK_MAX)
            d->error = "too large: a block of more than 1 GiB (the limit of libcmark)";
        a = b;
    }
    if (!d->error && !(flags & LEC_DOC_CMARK)) {
        lec_buf defs = LEC_BUF_INIT;
        doc_steps *steps;
        unsigned char *whole = find_defs(d, pos, cuts, ncuts, flags, &defs, &steps);
        walk_all(d, pos, cuts, ncuts, flags, defs.len ? &defs : NULL, whole, steps);
        free(whole);
        free(steps);
        lec_buf_free(&defs);
    } else if (!d->error) {
        walk_all(d, pos, cuts, ncuts, flags, NULL, NULL, NULL);
        if (d->refdefs.len) {
            /* Chunks are parsed alone: a reference link resolves only if
             * its definition came in the same chunk.  The definitions of
             * the whole document are known now: walk again with them, as
             * the scan's one walk has them (find_defs). */
            lec_buf defs = d->refdefs;
            d->refdefs = (lec_buf)LEC_BUF_INIT;
            free(d->blocks);
            d->blocks = NULL;
            d->nblocks = d->cap_blocks = 0;
            lec_outline_free(d->tree);
            d->tree = lec_outline_new();
            walk_all(d, pos, cuts, ncuts, flags, &defs, NULL, NULL);
            lec_buf_free(&defs);
        }
    }
    free(cuts);

    long title = -1;
    lec_outline_mark_colons(d->tree, data, len);
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
    lec_input_free(d->src);
    free(d->name);
    lec_meta_free(&d->meta);
    free(d->blocks);
    lec_outline_free(d->tree);
    free(d->position);
    lec_buf_free(&d->refdefs);
    lec_refs_free(d->refs);
    lec_buf_free(&d->refs_out);
    free(d);
}

const char *lec_doc_error(const lec_doc *d)
{
    return d->error;
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

const char *lec_doc_refs_for(const lec_doc *doc, size_t start, size_t end, size_t *len)
{
    /* The index and the answer are caches: the document does not change. */
    lec_doc *d = (lec_doc *)doc;
    *len = 0;
    if (!d->refdefs.len || !memchr(d->src + start, ']', end - start)) return NULL;
    if (!d->refs) d->refs = lec_refs_new(d->refdefs.data, d->refdefs.len);
    lec_buf_reset(&d->refs_out);
    if (!lec_refs_for(d->refs, d->src + start, end - start, &d->refs_out)) return NULL;
    *len = d->refs_out.len;
    return d->refs_out.data;
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
