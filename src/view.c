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

void vblock_render(const lec_view *v, uint32_t b, lec_render *r)
{
    lec_render_reset(r);
    if (b == 0) {
        lec_render_frontmatter(r, v->doc);
        return;
    }
    const lec_block *blk = lec_doc_block(v->doc, b - 1);
    size_t fs, fe;
    lec_doc_frontmatter(v->doc, &fs, &fe);
    /* A blank row before every block but the document's first. */
    if (b > 1 || fe > fs) lec_render_blank(r, blk->start);
    lec_render_range(r, v->doc, blk->start, blk->end);
    /* A block with nothing to show (an HTML comment) has no rows, not
     * even the blank one before it. */
    if (r->npara == 1 && r->paras[0].kind == LEC_PARA_BLANK) lec_render_reset(r);
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
    for (size_t i = 0; i < n; i++) {
        const lec_row *row = &e->rows.v[i];
        const lec_para *p = &e->r.paras[row->para];
        int first = i == 0 || e->rows.v[i - 1].para != row->para;
        if (p->kind == LEC_PARA_BLANK) continue; /* decided below */
        if (v->contents) {
            /* Every node as one row; nothing else. */
            uint32_t id = first ? lec_doc_node_at(v->doc, p->src) : LEC_NONE;
            if (id != LEC_NONE) state[i] = R_SUMMARY, node[i] = id;
            continue;
        }
        uint32_t f = folded_over(v, p->src);
        if (f == LEC_NONE) {
            state[i] = R_TEXT;
        } else {
            size_t s, end;
            lec_node_range(v->doc, f, &s, &end);
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
            /* Only blocks where a node starts have rows. */
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
            size_t fs, fe;
            lec_node_range(v->doc, f, &fs, &fe);
            if (fs < s) {
                b = vblock_from(v, (uint32_t)fe);
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
            size_t fs, fe;
            lec_node_range(v->doc, f, &fs, &fe);
            if (fs < s) {
                /* Go to the block that shows the fold's summary. */
                b = vblock_of(v, (uint32_t)fs) + 1;
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
        size_t s, end;
        lec_node_range(v->doc, en->node, &s, &end);
        *src = (uint32_t)s;
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
        want_node = node_at(v, src);
        if (want_node == 0) want_node = LEC_NONE;
    } else {
        want_node = folded_over(v, src);
    }
    if (want_node != LEC_NONE) {
        size_t s, e;
        lec_node_range(v->doc, want_node, &s, &e);
        src = (uint32_t)s;
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
            size_t ns, ne;
            lec_node_range(v->doc, en->node, &ns, &ne);
            s = (uint32_t)ns, c = 0;
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
    free(v->sig);
    free(v->saved_folds);
    free(v->chars);
    free(v->below_sections);
    free(v->below_points);
    lec_search_free(v->search);
    lec_buf_free(&v->search_err);
    free(v->hits);
    free(v->match);
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

static void add_seg(lec_line *l, const char *s, size_t n, uint32_t attr)
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
        if (ms > pos) add_seg(out, base + pos, ms - pos, attr);
        uint32_t mark = k + 1 == v->current ? LEC_A_MATCH_CUR : LEC_A_MATCH;
        add_seg(out, base + ms, me - ms, attr | mark);
        pos = me;
    }
    if (z > pos) add_seg(out, base + pos, z - pos, attr);
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
        add_seg(out, f, n, flags & LEC_PIECE_RULE ? LEC_A_RULE : 0);
        cells -= got;
    }
}

static void text_row(lec_view *v, vblock *e, const lec_row *row, uint32_t b, lec_line *out)
{
    const lec_para *p = &e->r.paras[row->para];
    const char *text = e->r.text.data;
    add_seg(out, text + row->pre, row->pre_len, p->pre_attr);
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
        add_seg(out, sep, n, LEC_A_RULE);
    }
}

/* Bytes of s[0..n) that fit in max cells, cut between graphemes. */
static size_t fit(const char *s, size_t n, int max, int ambi, int *w)
{
    size_t i = 0;
    int cells = 0;
    while (i < n) {
        int cw;
        size_t l = lec_grapheme(s + i, n - i, ambi, &cw);
        if (cells + cw > max) break;
        cells += cw;
        i += l;
    }
    *w = cells;
    return i;
}

static void count_below(lec_view *v, uint32_t id)
{
    size_t count = lec_doc_node_count(v->doc);
    if (!v->chars) {
        v->chars = lec_xcalloc(count, sizeof *v->chars);
        v->below_sections = lec_xcalloc(count, sizeof *v->below_sections);
        v->below_points = lec_xcalloc(count, sizeof *v->below_points);
    }
    if (v->chars[id]) return;
    size_t s, e, len;
    lec_node_range(v->doc, id, &s, &e);
    const char *src = lec_doc_source(v->doc, &len);
    uint32_t c = 0;
    for (size_t i = s; i < e; i++) {
        unsigned char ch = (unsigned char)src[i];
        if ((ch & 0xC0) != 0x80 && ch != ' ' && ch != '\n' && ch != '\r' && ch != '\t') c++;
    }
    v->chars[id] = c ? c : 1;
    /* Nodes are in document order: the ones below id follow it. */
    for (uint32_t k = id + 1; k < count; k++) {
        size_t ks, ke;
        lec_node_range(v->doc, k, &ks, &ke);
        if (ks >= e) break;
        if (lec_node_kind_of(v->doc, k) == LEC_NODE_SECTION)
            v->below_sections[id]++;
        else
            v->below_points[id]++;
    }
}

static void put_count(lec_buf *b, uint32_t n, const char *what)
{
    if (n < 1000)
        lec_buf_printf(b, "%u %s", n, what);
    else if (n < 10000)
        lec_buf_printf(b, "%.1fk %s", n / 1000.0, what);
    else if (n < 1000000)
        lec_buf_printf(b, "%uk %s", n / 1000, what);
    else
        lec_buf_printf(b, "%.1fM %s", n / 1000000.0, what);
}

/* Appends s[0..n) to b as the screen shows it: a control character in its
 * visible form ("^[", "<U+202E>"), an invalid byte as U+FFFD.  The byte
 * ranges of the visible forms in b go to esc (pairs, *nesc of them). */
static void put_visible(lec_buf *b, const char *s, size_t n, size_t *esc, size_t *nesc, size_t max)
{
    size_t i = 0, run = 0;
    while (i < n) {
        int32_t cp;
        int l = lec_utf8_decode_strict(s + i, n - i, &cp);
        if (cp >= 0 && !lec_cp_unsafe(cp)) {
            i += (size_t)l;
            continue;
        }
        lec_buf_put(b, s + run, i - run);
        if (cp < 0) {
            lec_buf_put(b, "\xef\xbf\xbd", 3);
        } else {
            char e[16];
            int el = lec_cp_escape(cp, e);
            if (*nesc + 2 <= max) {
                esc[(*nesc)++] = b->len;
                esc[(*nesc)++] = b->len + (size_t)el;
            }
            lec_buf_put(b, e, (size_t)el);
        }
        i += (size_t)l;
        run = i;
    }
    lec_buf_put(b, s + run, n - run);
}

/* Adds b[a..z) with attr, the escaped ranges of esc with LEC_A_ESCAPE. */
static void add_escaped(lec_line *out, const char *b, size_t a, size_t z, uint32_t attr,
                        const size_t *esc, size_t nesc)
{
    for (size_t k = 0; k + 1 < nesc && a < z; k += 2) {
        size_t ea = esc[k] > a ? esc[k] : a, ez = esc[k + 1] < z ? esc[k + 1] : z;
        if (ea >= ez) continue;
        if (ea > a) add_seg(out, b + a, ea - a, attr);
        add_seg(out, b + ea, ez - ea, attr | LEC_A_ESCAPE);
        a = ez;
    }
    if (a < z) add_seg(out, b + a, z - a, attr);
}

/* "一、总体要求 … [2 sections, 4 points, 1.2k chars]", fitted to the row;
 * with a search, the matches it hides too ("…, 7 hits]"). */
static void summary_row(lec_view *v, int i, uint32_t id, lec_line *out)
{
    if ((size_t)v->rows > v->nsummary) {
        v->summary = lec_xrealloc(v->summary, (size_t)v->rows * sizeof *v->summary);
        for (size_t k = v->nsummary; k < (size_t)v->rows; k++) memset(&v->summary[k], 0, sizeof *v->summary);
        v->nsummary = (size_t)v->rows;
    }
    lec_buf *b = &v->summary[i];
    lec_buf_reset(b);
    count_below(v, id);
    size_t ml, tl;
    const char *m = lec_node_marker(v->doc, id, &ml);
    const char *t = lec_node_title(v->doc, id, &tl);
    /* The title as the screen shows it (a marker is made of numerals and
     * punctuation: nothing to escape). */
    enum { MAXESC = 64 };
    size_t esc[MAXESC], nesc = 0, tesc[MAXESC], ntesc = 0;
    lec_buf shown = LEC_BUF_INIT;
    put_visible(&shown, t, tl, tesc, &ntesc, MAXESC);
    t = shown.data ? shown.data : "";
    tl = shown.len;
    int section = lec_node_kind_of(v->doc, id) == LEC_NODE_SECTION;
    int indent = v->contents ? 2 * (lec_node_depth(v->doc, id) - 1) : 0;
    if (indent > v->cols / 2) indent = v->cols / 2;
    for (int k = 0; k < indent; k++) lec_buf_putc(b, ' ');
    size_t at_marker = b->len;
    lec_buf_put(b, m, ml);
    if (tl && lec_marker_spaced(m, ml)) lec_buf_putc(b, ' ');
    size_t at_title = b->len;
    /* What the fold hides, in three lengths: the longest that leaves the
     * title a few characters wins, so a narrow screen loses the numbers
     * before it cuts one in half. */
    lec_buf tails[3] = {LEC_BUF_INIT, LEC_BUF_INIT, LEC_BUF_INIT};
    size_t hits = lec_view_hits(v, id), hit_at[3] = {0, 0, 0}, hit_end[3] = {0, 0, 0};
    for (int k = 0; k < 2; k++) {
        lec_buf *tl_ = &tails[k];
        lec_buf_puts(tl_, " [");
        int any = 0;
        if (v->below_sections[id]) {
            put_count(tl_, v->below_sections[id], v->below_sections[id] == 1 ? "section" : "sections");
            any = 1;
        }
        if (v->below_points[id]) {
            if (any) lec_buf_puts(tl_, ", ");
            put_count(tl_, v->below_points[id], v->below_points[id] == 1 ? "point" : "points");
            any = 1;
        }
        if (k == 0 || !any) {
            if (any) lec_buf_puts(tl_, ", ");
            put_count(tl_, v->chars[id], "chars");
        }
        if (hits) {
            lec_buf_puts(tl_, ", ");
            hit_at[k] = tl_->len;
            put_count(tl_, hits > UINT32_MAX ? UINT32_MAX : (uint32_t)hits,
                      hits == 1 ? "hit" : "hits");
            hit_end[k] = tl_->len;
        }
        lec_buf_puts(tl_, "]");
    }
    lec_buf_puts(&tails[2], "");

    int w_head = (int)lec_str_width(b->data ? b->data : "", b->len, v->ambi);
    int w_title = (int)lec_str_width(t, tl, v->ambi);
    int want_title = w_title < 8 ? w_title : 8;
    int pick = 2;
    for (int k = 0; k < 3; k++) {
        /* and the " …" that says more is hidden */
        int w_tail = (int)lec_str_width(tails[k].data ? tails[k].data : "", tails[k].len, v->ambi) + 2;
        if (v->cols - w_head - w_tail >= want_title) {
            pick = k;
            break;
        }
    }
    lec_buf *tail = &tails[pick];
    int w_tail = (int)lec_str_width(tail->data ? tail->data : "", tail->len, v->ambi) + 2;
    int room = v->cols - w_head - w_tail;
    size_t title_bytes = tl;
    int cut = 0;
    if (w_title > room) {
        int w;
        title_bytes = fit(t, tl, room - 1 > 0 ? room - 1 : 0, v->ambi, &w);
        cut = 1;
    }
    lec_buf_put(b, t, title_bytes);
    for (size_t k = 0; k + 1 < ntesc; k += 2) {
        esc[nesc++] = at_title + tesc[k];
        esc[nesc++] = at_title + tesc[k + 1];
    }
    lec_buf_free(&shown);
    size_t at_tail = b->len;
    /* "…" says that more is hidden; it also ends a title that was cut. */
    lec_buf_puts(b, cut ? "…" : " …");
    size_t at_hits = b->len + hit_at[pick], hits_end = b->len + hit_end[pick];
    if (hit_end[pick] == 0) at_hits = hits_end = b->len + tail->len;
    lec_buf_put(b, tail->data ? tail->data : "", tail->len);
    for (int k = 0; k < 3; k++) lec_buf_free(&tails[k]);

    /* Whatever does not fit at all (a very narrow screen) is cut off. */
    int w;
    size_t all = fit(b->data, b->len, v->cols, v->ambi, &w);
    uint32_t tattr = section ? (LEC_A_HEADING | LEC_A_STRONG) : 0;
    struct {
        size_t a, z;
        uint32_t attr;
    } part[6] = {{0, at_marker, 0},
                 {at_marker, at_title, LEC_A_MARKER | tattr},
                 {at_title, at_tail, tattr},
                 {at_tail, at_hits, LEC_A_SUMMARY},
                 {at_hits, hits_end, LEC_A_SUMMARY | LEC_A_STRONG},
                 {hits_end, b->len, LEC_A_SUMMARY}};
    for (int k = 0; k < 6; k++) {
        size_t a = part[k].a, z = part[k].z < all ? part[k].z : all;
        if (a < z) add_escaped(out, b->data, a, z, part[k].attr, esc, nesc);
    }
    out->width = w;
    out->kind = LEC_ROW_SUMMARY;
    out->node = id;
    out->level = section ? lec_node_level(v->doc, id) : 0;
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
        summary_row(v, i, en.node, out);
    else
        text_row(v, e, &e->rows.v[en.row], p.b, out);
    return out->kind;
}
