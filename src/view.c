/*
 * view.c - the rows of a view: blocks rendered and laid out on demand,
 * filtered by the folds, walked by positions (view_priv.h).
 */
#include "view_priv.h"

#include "lectern/marker.h"
#include "lectern/utf8.h"

#include <stdlib.h>
#include <string.h>

/* Rendered blocks kept at once; a screen needs a few, search and jumps
 * pass through others. */
#define NCACHE 128

/* ---- blocks ------------------------------------------------------------ */

uint32_t vblock_start(const lec_view *v, uint32_t b)
{
    if (b == 0) {
        size_t fs, fe;
        lec_doc_frontmatter(v->doc, &fs, &fe);
        return (uint32_t)fs;
    }
    return lec_doc_block(v->doc, b - 1)->start;
}

/* The block whose text holds src: the last block starting at or before
 * it (block 0, the front matter, for what comes before every block). */
uint32_t vblock_of(const lec_view *v, uint32_t src)
{
    size_t lo = 0, hi = lec_doc_block_count(v->doc);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (lec_doc_block(v->doc, mid)->start <= src)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (uint32_t)lo; /* doc block lo-1 is view block lo */
}

/* The first block that starts at or after off (nb when none). */
static uint32_t vblock_from(const lec_view *v, uint32_t off)
{
    uint32_t b = vblock_of(v, off);
    if (b == 0) return 1 <= v->nb - 1 ? 1 : v->nb;
    if (vblock_start(v, b) < off) b++;
    return b;
}

static void compute_vis(lec_view *v, vblock *e);

int vblock_lead_blank(const lec_view *v, uint32_t b)
{
    /* A blank row before every block but the document's first: the
     * front matter's rows come first when they show. */
    if (b != 1) return b > 1;
    return v->has_fm && (v->fm_raw || v->title_b != 1);
}

void vblock_render(const lec_view *v, uint32_t b, lec_render *r)
{
    lec_render_reset(r);
    if (b == 0) {
        if (v->fm_raw)
            lec_render_frontmatter(r, v->doc);
        else if (v->has_fm)
            view_header_block(v, r);
        return;
    }
    const lec_block *blk = lec_doc_block(v->doc, b - 1);
    if (vblock_lead_blank(v, b)) lec_render_blank(r, blk->start);
    lec_render_range(r, v->doc, blk->start, blk->end);
    /* A block with nothing to show (an HTML comment) has no rows, not
     * even the blank one before it. */
    if (r->npara == 1 && r->paras[0].kind == LEC_PARA_BLANK) lec_render_reset(r);
    if (b == v->title_b && v->has_fm && !v->fm_raw) view_header_line(v, r, v->dim_src);
}

const lec_render *vblock_cached(const lec_view *v, uint32_t b)
{
    const vblock *e = &v->cache[b % v->ncache];
    return e->b == b ? &e->r : NULL;
}

vblock *vblock_get(lec_view *v, uint32_t b)
{
    /* Direct-mapped: block b lives in slot b % NCACHE.  The blocks of one
     * screen are consecutive, so they never push each other out, and a
     * lookup costs nothing when search walks every block. */
    vblock *e = &v->cache[b % v->ncache];
    if (e->b != b) {
        e->b = b;
        e->laid_w = 0;
        vblock_render(v, b, &e->r);
    }
    if (e->laid_w != v->cols) {
        lec_rows_reset(&e->rows);
        lec_layout(&e->r, 0, v->cols, v->ambi, &e->rows);
        e->laid_w = v->cols;
        e->fold_gen = v->fold_gen - 1;
    }
    if (e->fold_gen != v->fold_gen) compute_vis(v, e);
    return e;
}

/* ---- what the folds leave ------------------------------------------- */

static void push_vis(vblock *e, int32_t row, uint32_t node)
{
    LEC_GROW(e->vis, e->cap_vis, e->nvis + 1);
    e->vis[e->nvis].row = row;
    e->vis[e->nvis].node = node;
    e->nvis++;
}

enum { R_HIDDEN, R_TEXT, R_SUMMARY };

/* The sibling before a node (LEC_NONE for a first child), from a table
 * made once. */
static uint32_t prev_sibling(lec_view *v, uint32_t id)
{
    size_t count = lec_doc_node_count(v->doc);
    if (!v->prev_sib) {
        v->prev_sib = lec_xmalloc(count * sizeof *v->prev_sib);
        for (size_t i = 0; i < count; i++) v->prev_sib[i] = LEC_NONE;
        for (size_t i = 0; i < count; i++) {
            uint32_t prev = LEC_NONE;
            for (uint32_t c = lec_node_first_child(v->doc, (uint32_t)i); c != LEC_NONE;
                 c = lec_node_next_sibling(v->doc, c)) {
                v->prev_sib[c] = prev;
                prev = c;
            }
        }
    }
    return id < count ? v->prev_sib[id] : LEC_NONE;
}

static void compute_vis(lec_view *v, vblock *e)
{
    e->nvis = 0;
    e->fold_gen = v->fold_gen;
    size_t n = e->rows.n;
    uint8_t *state = lec_xcalloc(n ? n : 1, 1);
    uint32_t *node = lec_xcalloc(n ? n : 1, sizeof *node);
    int pre_done = 0;
    for (size_t i = 0; i < n; i++) {
        const lec_row *row = &e->rows.v[i];
        const lec_para *p = &e->r.paras[row->para];
        int first = i == 0 || e->rows.v[i - 1].para != row->para;
        if (p->kind == LEC_PARA_BLANK) continue; /* decided below */
        if (e->b == 0 || (e->b == v->title_b && v->title_b)) {
            /* The header and the title show in every state. */
            state[i] = R_TEXT;
            continue;
        }
        /* The preamble's summary: the first row of its first block that
         * is not blank. */
        int pre_row = first && !pre_done && e->b == v->pre_b && view_in_pre(v, p->src);
        if (v->contents) {
            /* Every node as one row, and the preamble; nothing else. */
            if (view_in_pre(v, p->src)) {
                if (pre_row) state[i] = R_SUMMARY, node[i] = VN_PRE, pre_done = 1;
                continue;
            }
            uint32_t id = first ? lec_doc_node_at(v->doc, p->src) : LEC_NONE;
            if (id != LEC_NONE) state[i] = R_SUMMARY, node[i] = id;
            continue;
        }
        uint32_t f = folded_over(v, p->src);
        if (f == LEC_NONE) {
            state[i] = R_TEXT;
        } else if (f == VN_PRE) {
            if (pre_row) state[i] = R_SUMMARY, node[i] = VN_PRE, pre_done = 1;
        } else {
            uint32_t s, end;
            vnode_range(v, f, &s, &end);
            if (s == p->src && first) state[i] = R_SUMMARY, node[i] = f;
        }
    }
    /* A blank row stays before text it separates, and before a summary
     * unless the row above that is a summary too (a folded sibling):
     * folded siblings stack, but a fold is set off from prose. */
    for (size_t i = 0; i < n; i++) {
        const lec_para *p = &e->r.paras[e->rows.v[i].para];
        if (p->kind != LEC_PARA_BLANK || i + 1 >= n) continue;
        if (state[i + 1] == R_TEXT)
            state[i] = R_TEXT;
        else if (state[i + 1] == R_SUMMARY && (node[i + 1] == VN_PRE || node[i + 1] == 1))
            state[i] = R_TEXT; /* the preamble's and the first node's: after prose */
        else if (state[i + 1] == R_SUMMARY && !v->contents) {
            uint32_t prev = prev_sibling(v, node[i + 1]);
            if (prev == LEC_NONE || !v->folded[prev]) state[i] = R_TEXT;
        }
    }
    for (size_t i = 0; i < n; i++)
        if (state[i] != R_HIDDEN) push_vis(e, state[i] == R_SUMMARY ? -1 : (int32_t)i, node[i]);
    free(state);
    free(node);
}

void view_folds_changed(lec_view *v)
{
    v->fold_gen++;
}

/* ---- positions -------------------------------------------------------- */

/* The next block after b that folds do not hide entirely. */
static uint32_t next_block(lec_view *v, uint32_t b)
{
    for (b++; b < v->nb;) {
        uint32_t s = vblock_start(v, b);
        if (v->contents) {
            /* Only the title, the preamble's first block and blocks where
             * a node starts have rows. */
            if ((v->title_b && b == v->title_b) || (v->pre_e > v->pre_s && b == v->pre_b))
                return b;
            size_t count = lec_doc_node_count(v->doc), lo = 1, hi = count;
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                size_t ns, ne;
                lec_node_range(v->doc, (uint32_t)mid, &ns, &ne);
                if (ns < s)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            if (lo >= count) return v->nb;
            size_t ns, ne;
            lec_node_range(v->doc, (uint32_t)lo, &ns, &ne);
            uint32_t nbk = vblock_of(v, (uint32_t)ns);
            return nbk > b ? nbk : b;
        }
        uint32_t f = folded_over(v, s);
        if (f != LEC_NONE) {
            uint32_t fs, fe;
            vnode_range(v, f, &fs, &fe);
            if (fs < s) {
                b = vblock_from(v, fe);
                continue;
            }
        }
        return b;
    }
    return v->nb;
}

/* The block before b that folds do not hide entirely (UINT32_MAX: none). */
static uint32_t prev_block(lec_view *v, uint32_t b)
{
    while (b-- > 0) {
        uint32_t s = vblock_start(v, b);
        uint32_t f = b ? folded_over(v, s) : LEC_NONE;
        if (f != LEC_NONE && !v->contents) {
            uint32_t fs, fe;
            vnode_range(v, f, &fs, &fe);
            if (fs < s) {
                /* Go to the block that shows the fold's summary. */
                b = vblock_of(v, fs) + 1;
                continue;
            }
        }
        return b;
    }
    return UINT32_MAX;
}

int vpos_first(lec_view *v, vpos *p)
{
    for (uint32_t b = 0; b < v->nb; b = next_block(v, b)) {
        if (vblock_get(v, b)->nvis) {
            p->b = b;
            p->vi = 0;
            return 1;
        }
    }
    return 0;
}

int vpos_last(lec_view *v, vpos *p)
{
    for (uint32_t b = prev_block(v, v->nb); b != UINT32_MAX; b = prev_block(v, b)) {
        vblock *e = vblock_get(v, b);
        if (e->nvis) {
            p->b = b;
            p->vi = (uint32_t)e->nvis - 1;
            return 1;
        }
    }
    return 0;
}

int vpos_next(lec_view *v, vpos *p)
{
    if (p->vi + 1 < vblock_get(v, p->b)->nvis) {
        p->vi++;
        return 1;
    }
    for (uint32_t b = next_block(v, p->b); b < v->nb; b = next_block(v, b)) {
        if (vblock_get(v, b)->nvis) {
            p->b = b;
            p->vi = 0;
            return 1;
        }
    }
    return 0;
}

int vpos_prev(lec_view *v, vpos *p)
{
    if (p->vi > 0) {
        p->vi--;
        return 1;
    }
    for (uint32_t b = prev_block(v, p->b); b != UINT32_MAX; b = prev_block(v, b)) {
        vblock *e = vblock_get(v, b);
        if (e->nvis) {
            p->b = b;
            p->vi = (uint32_t)e->nvis - 1;
            return 1;
        }
    }
    return 0;
}

vpos vpos_cursor(lec_view *v)
{
    vpos p = v->top;
    for (int i = 0; i < v->cur && vpos_next(v, &p); i++) {}
    return p;
}

void vpos_text(lec_view *v, vpos p, uint32_t *src, uint32_t *chr)
{
    vblock *e = vblock_get(v, p.b);
    if (p.vi >= e->nvis) {
        *src = vblock_start(v, p.b);
        *chr = 0;
        return;
    }
    const ventry *en = &e->vis[p.vi];
    if (en->row < 0) {
        uint32_t end;
        vnode_range(v, en->node, src, &end);
        *chr = 0;
        return;
    }
    const lec_row *row = &e->rows.v[en->row];
    *src = e->r.paras[row->para].src;
    *chr = row->start;
}

int vpos_find(lec_view *v, uint32_t src, uint32_t chr, vpos *out)
{
    /* Hidden text is shown by the summary of the fold around it. */
    uint32_t want_node = LEC_NONE;
    if (v->contents) {
        want_node = view_in_pre(v, src) ? VN_PRE : node_at(v, src);
        if (want_node == 0) want_node = LEC_NONE;
    } else {
        want_node = folded_over(v, src);
    }
    if (want_node != LEC_NONE) {
        uint32_t e;
        vnode_range(v, want_node, &src, &e);
        chr = 0;
    }
    uint32_t b = vblock_of(v, src);
    vblock *e = vblock_get(v, b);
    long best = -1;
    for (size_t i = 0; i < e->nvis; i++) {
        const ventry *en = &e->vis[i];
        uint32_t s, c;
        if (en->row < 0) {
            if (en->node == want_node) {
                best = (long)i;
                break;
            }
            uint32_t ne;
            vnode_range(v, en->node, &s, &ne);
            c = 0;
        } else {
            const lec_row *row = &e->rows.v[en->row];
            s = e->r.paras[row->para].src;
            c = row->start;
        }
        if (s < src || (s == src && c <= chr)) best = (long)i;
    }
    if (best >= 0) {
        out->b = b;
        out->vi = (uint32_t)best;
        return 1;
    }
    /* Nothing in the block before it: the nearest row after, else before. */
    vpos p = {b, 0};
    if (e->nvis) {
        *out = p;
        return 1;
    }
    if (vpos_next(v, &p)) {
        *out = p;
        return 1;
    }
    return vpos_last(v, out);
}

/* Puts target on screen row want_row (or as close as the document
 * allows), and the cursor on it. */
void vpos_place(lec_view *v, vpos target, int want_row)
{
    if (want_row < 0) want_row = 0;
    if (want_row > v->rows - 1) want_row = v->rows - 1;
    vpos top = target;
    int back = 0;
    while (back < want_row && vpos_prev(v, &top)) back++;
    /* Fill the screen when the document's end is near. */
    vpos probe = target;
    int below = 0;
    while (below < v->rows - 1 - back && vpos_next(v, &probe)) below++;
    while (back + below < v->rows - 1 && vpos_prev(v, &top)) back++;
    v->top = top;
    v->cur = back;
}

/* ---- the view --------------------------------------------------------- */

lec_view *lec_view_new(const lec_doc *doc, int cols, int rows, int ambi)
{
    lec_view *v = lec_xcalloc(1, sizeof *v);
    v->doc = doc;
    v->cols = cols < 1 ? 1 : cols;
    v->rows = rows < 1 ? 1 : rows;
    v->ambi = ambi == 2 ? 2 : 1;
    v->nb = (uint32_t)lec_doc_block_count(doc) + 1;
    v->ncache = NCACHE;
    v->cache = lec_xcalloc(NCACHE, sizeof *v->cache);
    for (size_t i = 0; i < NCACHE; i++) v->cache[i].b = UINT32_MAX;
    v->folded = lec_xcalloc(lec_doc_node_count(doc) + 1, 1);
    v->fold_gen = 1;
    v->job.found = 1; /* no search: nothing to look for */
    view_header_init(v);
    if (!vpos_first(v, &v->top)) v->top.b = v->top.vi = 0;
    return v;
}

void lec_view_free(lec_view *v)
{
    if (!v) return;
    for (size_t i = 0; i < v->ncache; i++) {
        lec_render_free(&v->cache[i].r);
        lec_rows_free(&v->cache[i].rows);
        free(v->cache[i].vis);
    }
    free(v->cache);
    free(v->folded);
    free(v->prev_sib);
    free(v->saved_folds);
    free(v->chars);
    free(v->below_sections);
    free(v->below_points);
    lec_buf_free(&v->pre_text);
    view_search_free(v);
    for (size_t i = 0; i < v->nsummary; i++) lec_buf_free(&v->summary[i]);
    free(v->summary);
    free(v);
}

lec_vpos lec_view_tell(lec_view *v)
{
    lec_vpos p;
    vpos_text(v, vpos_cursor(v), &p.src, &p.chr);
    p.screen_row = v->cur;
    return p;
}

void lec_view_seek(lec_view *v, lec_vpos p)
{
    vpos target;
    if (vpos_find(v, p.src, p.chr, &target)) vpos_place(v, target, p.screen_row);
}

void lec_view_resize(lec_view *v, int cols, int rows)
{
    lec_vpos here = lec_view_tell(v);
    v->cols = cols < 1 ? 1 : cols;
    v->rows = rows < 1 ? 1 : rows;
    for (size_t i = 0; i < v->ncache; i++) v->cache[i].laid_w = 0;
    view_folds_changed(v);
    /* The compact header is fitted to the width. */
    if (v->has_fm && !v->fm_raw) view_header_changed(v);
    lec_view_seek(v, here);
    /* The seek finds nothing when nothing is shown (the contents view of a
     * document without sections); the cursor row must still be on the
     * screen. */
    if (v->cur > v->rows - 1) v->cur = v->rows - 1;
}

int lec_view_cursor_row(const lec_view *v)
{
    return v->cur;
}

/* ---- moving ----------------------------------------------------------- */

int lec_view_move(lec_view *v, int n)
{
    int moved = 0;
    vpos c = vpos_cursor(v);
    for (; n > 0; n--, moved++) {
        if (!vpos_next(v, &c)) break;
        if (v->cur < v->rows - 1)
            v->cur++;
        else
            vpos_next(v, &v->top);
    }
    for (; n < 0; n++, moved--) {
        if (v->cur > 0) {
            v->cur--;
        } else if (!vpos_prev(v, &v->top)) {
            break;
        }
    }
    return moved;
}

/* The rows from the top that exist (at most v->rows). */
static int screen_filled(lec_view *v)
{
    vpos p = v->top;
    int n = 1;
    while (n < v->rows && vpos_next(v, &p)) n++;
    return n;
}

int lec_view_scroll(lec_view *v, int n)
{
    int moved = 0;
    if (n > 0) {
        /* The row just below the screen; the screen moves while it exists. */
        vpos below = v->top;
        int k = 0;
        while (k < v->rows && vpos_next(v, &below)) k++;
        int more = k == v->rows;
        while (moved < n && more) {
            vpos_next(v, &v->top);
            moved++;
            more = vpos_next(v, &below);
        }
        if (moved < n) v->cur = v->rows - 1;
    } else {
        while (moved > n && vpos_prev(v, &v->top)) moved--;
        if (moved > n) v->cur = 0;
    }
    int filled = screen_filled(v);
    if (v->cur > filled - 1) v->cur = filled - 1;
    return moved;
}

int lec_view_wheel(lec_view *v, int n)
{
    int cur = v->cur;
    int moved = 0;
    if (n > 0) {
        vpos below = v->top;
        int k = 0;
        while (k < v->rows && vpos_next(v, &below)) k++;
        int more = k == v->rows;
        while (moved < n && more) {
            vpos_next(v, &v->top);
            moved++;
            more = vpos_next(v, &below);
        }
    } else {
        while (moved > n && vpos_prev(v, &v->top)) moved--;
    }
    cur -= moved;
    if (cur < 0) cur = 0;
    if (cur > v->rows - 1) cur = v->rows - 1;
    int filled = screen_filled(v);
    if (cur > filled - 1) cur = filled - 1;
    v->cur = cur;
    return moved;
}

void lec_view_top(lec_view *v)
{
    if (vpos_first(v, &v->top)) v->cur = 0;
}

void lec_view_bottom(lec_view *v)
{
    vpos last;
    if (vpos_last(v, &last)) vpos_place(v, last, v->rows - 1);
}

int lec_view_percent(lec_view *v)
{
    vpos p = v->top;
    for (int i = 1; i < v->rows; i++)
        if (!vpos_next(v, &p)) return 100;
    vpos q = p;
    if (!vpos_next(v, &q)) return 100;
    uint32_t src, chr;
    vpos_text(v, p, &src, &chr);
    size_t len;
    lec_doc_source(v->doc, &len);
    return len ? (int)((uint64_t)src * 100 / len) : 100;
}

/* ---- rows ------------------------------------------------------------- */

void lec_line_free(lec_line *l)
{
    free(l->seg);
    memset(l, 0, sizeof *l);
}

void line_add_seg(lec_line *l, const char *s, size_t n, uint32_t attr)
{
    if (!n) return;
    if (l->nseg) {
        lec_seg *last = &l->seg[l->nseg - 1];
        if (last->attr == attr && last->s + last->n == s) {
            last->n += (uint32_t)n;
            return;
        }
    }
    LEC_GROW(l->seg, l->cap, l->nseg + 1);
    l->seg[l->nseg].s = s;
    l->seg[l->nseg].n = (uint32_t)n;
    l->seg[l->nseg].attr = attr;
    l->nseg++;
}

static int match_cmp(const vmatch *m, uint32_t b, uint32_t para, uint32_t start)
{
    if (m->b != b) return m->b < b ? -1 : 1;
    if (m->para != para) return m->para < para ? -1 : 1;
    if (m->start != start) return m->start < start ? -1 : 1;
    return 0;
}

/* The first match at or after (b, para, start). */
static size_t match_from(const lec_view *v, uint32_t b, uint32_t para, uint32_t start)
{
    size_t lo = 0, hi = v->nmatch;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (match_cmp(&v->match[mid], b, para, start) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Text [a, z) of a paragraph with attribute attr, matches marked. */
static void text_segs(lec_view *v, lec_line *out, const char *base, uint32_t b, uint32_t para,
                      uint32_t a, uint32_t z, uint32_t attr, size_t m0)
{
    uint32_t pos = a;
    for (size_t k = m0; k < v->nmatch; k++) {
        const vmatch *m = &v->match[k];
        if (m->b != b || m->para != para || m->start >= z) break;
        if (m->end <= a) continue;
        uint32_t ms = m->start > a ? m->start : a, me = m->end < z ? m->end : z;
        if (ms > pos) line_add_seg(out, base + pos, ms - pos, attr);
        uint32_t mark = k + 1 == v->current ? LEC_A_MATCH_CUR : LEC_A_MATCH;
        line_add_seg(out, base + ms, me - ms, attr | mark);
        pos = me;
    }
    if (z > pos) line_add_seg(out, base + pos, z - pos, attr);
}

/* The paragraph's text [from, to) with its attributes and matches. */
static void slice_segs(lec_view *v, vblock *e, const lec_para *p, uint32_t b, uint32_t para,
                       uint32_t from, uint32_t to, size_t m0, lec_line *out)
{
    const char *base = e->r.text.data + p->text;
    for (uint32_t k = 0; k < p->nspans; k++) {
        const lec_span *sp = &e->r.spans[p->span0 + k];
        uint32_t a = sp->off, z = k + 1 < p->nspans ? e->r.spans[p->span0 + k + 1].off : p->len;
        if (a < from) a = from;
        if (z > to) z = to;
        if (a < z) text_segs(v, out, base, b, para, a, z, sp->attr, m0);
    }
}

static void fill_segs(lec_line *out, unsigned flags, int cells)
{
    while (cells > 0) {
        size_t n;
        int got;
        const char *f = lec_piece_fill(flags, cells, &n, &got);
        line_add_seg(out, f, n, flags & LEC_PIECE_RULE ? LEC_A_RULE : 0);
        cells -= got;
    }
}

static void text_row(lec_view *v, vblock *e, const lec_row *row, uint32_t b, lec_line *out)
{
    const lec_para *p = &e->r.paras[row->para];
    const char *text = e->r.text.data;
    line_add_seg(out, text + row->pre, row->pre_len, p->pre_attr);
    out->width = row->width;
    out->level = p->kind == LEC_PARA_TABLE ? 0 : p->level;
    out->kind = LEC_ROW_TEXT;
    /* The first match that could touch the row (matches by paragraph). */
    size_t m0 = v->nmatch ? match_from(v, b, row->para, 0) : 0;
    if (!row->npieces) {
        if (row->end > row->start) slice_segs(v, e, p, b, row->para, row->start, row->end, m0, out);
        return;
    }
    for (uint32_t k = 0; k < row->npieces; k++) {
        const lec_piece *pc = &e->rows.pieces[row->piece0 + k];
        fill_segs(out, pc->flags, pc->lead);
        if (pc->end > pc->start) slice_segs(v, e, p, b, row->para, pc->start, pc->end, m0, out);
        fill_segs(out, pc->flags, pc->trail);
        size_t n;
        int cells;
        const char *sep = lec_piece_sep(pc->flags, &n, &cells);
        line_add_seg(out, sep, n, LEC_A_RULE);
    }
}

int lec_view_row(lec_view *v, int i, lec_line *out)
{
    out->nseg = 0;
    out->width = 0;
    out->kind = LEC_ROW_END;
    out->node = 0;
    out->level = 0;
    if (i < 0 || i >= v->rows) return out->kind;
    vpos p = v->top;
    for (int k = 0; k < i; k++)
        if (!vpos_next(v, &p)) return out->kind;
    vblock *e = vblock_get(v, p.b);
    if (p.vi >= e->nvis) return out->kind;
    const ventry en = e->vis[p.vi];
    if (en.row < 0)
        view_summary_row(v, i, en.node, out);
    else
        text_row(v, e, &e->rows.v[en.row], p.b, out);
    return out->kind;
}
