/*
 * view_search.c - a view's search: every match found in the blocks as
 * the screen renders them (a block's signature first, searchsig.c), the
 * current match shown with the folds around it opened, a typed search
 * that starts over from where it began, and the matches per node.
 */
#include "view_priv.h"

#include "lectern/plain.h"
#include "lectern/utf8.h"

#include <stdlib.h>
#include <string.h>

/* ---- searching -------------------------------------------------------- */

static void add_match(lec_view *v, uint32_t b, uint32_t para, uint32_t src, uint32_t s,
                      uint32_t e)
{
    LEC_GROW(v->match, v->cap_match, v->nmatch + 1);
    vmatch *m = &v->match[v->nmatch++];
    m->b = b;
    m->para = para;
    m->src = src;
    m->start = s;
    m->end = e;
}

/* Every match in the document, in order.  Blocks are rendered as for the
 * screen (the same paragraphs, so matches index the same text) but not
 * laid out: wrapping is not needed to find text. */
static void find_all(lec_view *v)
{
    v->nmatch = 0;
    lec_match *m = NULL;
    size_t cap = 0;
    lec_render scratch = LEC_RENDER_INIT;
    lec_buf joined = LEC_BUF_INIT;
    size_t srclen, fs, fe;
    const char *src = lec_doc_source(v->doc, &srclen);
    int valid = lec_doc_valid(v->doc);
    lec_doc_frontmatter(v->doc, &fs, &fe);
    /* Most blocks cannot match at all: their signatures say so. */
    if (!v->sig) {
        v->sig = lec_xmalloc(v->nb * sizeof *v->sig);
        for (uint32_t b = 0; b < v->nb; b++) {
            uint32_t bs = b ? lec_doc_block(v->doc, b - 1)->start : (uint32_t)fs;
            uint32_t be = b ? lec_doc_block(v->doc, b - 1)->end : (uint32_t)fe;
            lec_sig_make(src + bs, be - bs, &v->sig[b]);
            /* The title's block shows the front matter's dimmed row. */
            if (b == v->title_b && b && fe > fs) lec_sig_add(&v->sig[b], src + fs, fe - fs);
            size_t nref;
            const char *refs = lec_doc_refs_for(v->doc, bs, be, &nref);
            if (nref) lec_sig_add(&v->sig[b], refs, nref);
        }
    }
    lec_sig need;
    lec_search_need(v->search, &need);
    for (uint32_t b = 0; b < v->nb; b++) {
        if (!lec_sig_may(&v->sig[b], &need)) continue;
        const lec_render *r = vblock_cached(v, b);
        if (!r && valid && b > 0 && b != v->title_b) {
            /* A plain block is searched in its source, as it renders: its
             * one paragraph follows the blank row blocks begin with. */
            const lec_block *blk = lec_doc_block(v->doc, b - 1);
            const char *text;
            size_t len;
            if (lec_plain_text(src, blk->start, blk->end, blk->kind, &joined, &text, &len)) {
                uint32_t para = vblock_lead_blank(v, b) ? 1 : 0;
                size_t count = 0;
                if (len) lec_search_find(v->search, text, len, &m, &count, &cap);
                for (size_t j = 0; j < count; j++)
                    add_match(v, b, para, blk->start, m[j].start, m[j].end);
                continue;
            }
        }
        if (!r) {
            vblock_render(v, b, &scratch);
            r = &scratch;
        }
        for (uint32_t k = 0; k < r->npara; k++) {
            const lec_para *p = &r->paras[k];
            if (p->kind == LEC_PARA_BLANK || !p->len) continue;
            size_t count = 0;
            lec_search_find(v->search, r->text.data + p->text, p->len, &m, &count, &cap);
            for (size_t j = 0; j < count; j++) add_match(v, b, k, p->src, m[j].start, m[j].end);
        }
    }
    lec_render_free(&scratch);
    lec_buf_free(&joined);
    free(m);
}

/* Where the cursor row is, as a key for matches: (block, paragraph, byte). */
static void cursor_key(lec_view *v, uint32_t *b, uint32_t *para, uint32_t *start, uint32_t *end)
{
    vpos c = vpos_cursor(v);
    vblock *e = vblock_get(v, c.b);
    *b = c.b;
    *para = 0;
    *start = *end = 0;
    if (c.vi >= e->nvis) return;
    const ventry *en = &e->vis[c.vi];
    if (en->row >= 0) {
        const lec_row *row = &e->rows.v[en->row];
        *para = row->para;
        *start = row->start;
        *end = row->end;
        return;
    }
    /* A summary stands at its node's first paragraph. */
    uint32_t s, end2;
    vnode_range(v, en->node, &s, &end2);
    for (uint32_t k = 0; k < e->r.npara; k++)
        if (e->r.paras[k].src == s && e->r.paras[k].kind != LEC_PARA_BLANK) {
            *para = k;
            break;
        }
}

static int key_cmp(const vmatch *m, uint32_t b, uint32_t para, uint32_t off)
{
    if (m->b != b) return m->b < b ? -1 : 1;
    if (m->para != para) return m->para < para ? -1 : 1;
    if (m->start != off) return m->start < off ? -1 : 1;
    return 0;
}

/* Puts the cursor on match k (0-based), opening what folds it. */
static void show_match(lec_view *v, size_t k)
{
    v->current = k + 1;
    const vmatch *m = &v->match[k];
    vblock *e = vblock_get(v, m->b);
    uint32_t src = e->r.paras[m->para].src, start = m->start;
    if (v->contents) view_leave_contents(v, node_at(v, src));
    uint32_t f;
    int changed = 0;
    while ((f = folded_over(v, src)) != LEC_NONE) {
        view_unfold(v, f);
        changed = 1;
    }
    if (changed) view_folds_changed(v);
    view_show_text(v, src, start);
}

/* Whether the cursor row holds the current match. */
static int cursor_on_current(lec_view *v)
{
    if (!v->search || !v->current) return 0;
    uint32_t b, para, start, end;
    cursor_key(v, &b, &para, &start, &end);
    const vmatch *m = &v->match[v->current - 1];
    return m->b == b && m->para == para && m->start >= start && m->start < (end > start ? end : start + 1);
}

void lec_view_search_begin(lec_view *v)
{
    size_t count = lec_doc_node_count(v->doc);
    free(v->saved_folds);
    v->saved_folds = lec_xmalloc(count ? count : 1);
    memcpy(v->saved_folds, v->folded, count);
    v->saved_contents = v->contents;
    v->saved_pre = v->pre_folded;
    v->session_skip = cursor_on_current(v);
    if (v->session_skip) {
        const vmatch *m = &v->match[v->current - 1];
        v->skip_b = m->b;
        v->skip_para = m->para;
        v->skip_start = m->start;
    }
}

static void restore_folds(lec_view *v)
{
    if (!v->saved_folds) return;
    memcpy(v->folded, v->saved_folds, lec_doc_node_count(v->doc));
    v->contents = v->saved_contents;
    v->pre_folded = v->saved_pre;
    view_folds_changed(v);
}

void lec_view_search_end(lec_view *v, int accept)
{
    if (!accept || !v->nmatch) {
        lec_vpos here = lec_view_tell(v);
        restore_folds(v);
        lec_view_seek(v, here);
    }
    free(v->saved_folds);
    v->saved_folds = NULL;
    v->session_skip = 0;
}

size_t lec_view_search(lec_view *v, const char *pattern, int dir, int *wrapped)
{
    if (wrapped) *wrapped = 0;
    if (v->saved_folds) {
        /* Each pattern of a typed search starts from the same folds. */
        lec_vpos here = lec_view_tell(v);
        restore_folds(v);
        lec_view_seek(v, here);
    }
    lec_search_free(v->search);
    v->search = NULL;
    v->nmatch = 0;
    v->current = 0;
    v->hits_valid = 0;
    v->search_dir = dir < 0 ? -1 : 1;
    lec_buf_reset(&v->search_err);
    if (pattern && *pattern)
        v->search = lec_search_compile(pattern, strlen(pattern), v->search_flags, &v->search_err);
    if (!v->search) return 0;
    find_all(v);
    if (!v->nmatch) return 0;
    uint32_t b, para, start, end;
    cursor_key(v, &b, &para, &start, &end);
    if (v->session_skip) {
        /* Begun on the current match: start just past it (or before it). */
        b = v->skip_b;
        para = v->skip_para;
        start = dir >= 0 ? v->skip_start + 1 : v->skip_start;
        end = v->skip_start;
    }
    size_t k;
    if (dir >= 0) {
        /* The first match from the cursor row's start on. */
        for (k = 0; k < v->nmatch && key_cmp(&v->match[k], b, para, start) < 0; k++) {}
        if (k == v->nmatch) {
            k = 0;
            if (wrapped) *wrapped = 1;
        }
    } else {
        /* The last match that starts before the cursor row ends. */
        size_t n = 0;
        while (n < v->nmatch && key_cmp(&v->match[n], b, para, end) < 0) n++;
        if (n == 0) {
            k = v->nmatch - 1;
            if (wrapped) *wrapped = 1;
        } else {
            k = n - 1;
        }
    }
    show_match(v, k);
    return v->nmatch;
}

int lec_view_search_next(lec_view *v, int dir, int *wrapped)
{
    if (wrapped) *wrapped = 0;
    if (!v->search || !v->nmatch) return 0;
    int d = v->search_dir * (dir < 0 ? -1 : 1);
    size_t k = v->current ? v->current - 1 : 0;
    if (d > 0) {
        k++;
        if (k == v->nmatch) {
            k = 0;
            if (wrapped) *wrapped = 1;
        }
    } else {
        if (k == 0) {
            k = v->nmatch - 1;
            if (wrapped) *wrapped = 1;
        } else {
            k--;
        }
    }
    show_match(v, k);
    return 1;
}

void view_refind(lec_view *v)
{
    if (!v->search) return;
    int had = v->current != 0;
    vmatch was;
    memset(&was, 0, sizeof was);
    if (had) was = v->match[v->current - 1];
    find_all(v);
    v->current = 0;
    if (!had) return;
    size_t k = 0;
    while (k < v->nmatch && key_cmp(&v->match[k], was.b, was.para, was.start) < 0) k++;
    if (k < v->nmatch) v->current = k + 1;
}

void lec_view_search_state(const lec_view *v, size_t *k, size_t *n)
{
    *k = v->search ? v->current : 0;
    *n = v->search ? v->nmatch : 0;
}

void lec_view_search_flags(lec_view *v, unsigned flags)
{
    v->search_flags = flags & (LEC_SEARCH_REGEX | LEC_SEARCH_NO_HANFOLD);
}

unsigned lec_view_search_get_flags(const lec_view *v)
{
    return v->search_flags;
}

const char *lec_view_search_error(const lec_view *v)
{
    return v->search_err.len ? v->search_err.data : NULL;
}

/* The matches inside each node: each match counted at the innermost node
 * around its paragraph, then every node's count added to its parent's
 * (a parent comes before its children).  Matches come in document order,
 * so those of one paragraph look their node up once. */
static void count_hits(lec_view *v)
{
    size_t count = lec_doc_node_count(v->doc);
    if (!v->hits) v->hits = lec_xmalloc((count ? count : 1) * sizeof *v->hits);
    memset(v->hits, 0, count * sizeof *v->hits);
    uint32_t last_src = UINT32_MAX, node = 0;
    for (size_t k = 0; k < v->nmatch; k++) {
        if (v->match[k].src != last_src) {
            last_src = v->match[k].src;
            node = node_at(v, last_src);
        }
        if (node < count) v->hits[node]++;
    }
    for (size_t id = count; id-- > 1;) {
        uint32_t parent = lec_node_parent(v->doc, (uint32_t)id);
        if (parent < id) v->hits[parent] += v->hits[id];
    }
    v->hits_valid = 1;
}

size_t lec_view_hits(lec_view *v, uint32_t node)
{
    if (!v->search || !v->nmatch || node >= lec_doc_node_count(v->doc)) return 0;
    if (!v->hits_valid) count_hits(v);
    return v->hits[node];
}

