/*
 * view_search.c - a view's search: every match found in the blocks as
 * the screen renders them (a block's signature first, searchsig.c), the
 * current match shown with the folds around it opened, a typed search
 * that starts over from where it began, and the matches per node; found
 * a slice of blocks at a time, so that a browser never waits on the
 * whole document (lectern/view.h).
 *
 * The blocks read so far are always one run [lo, hi), and their matches
 * are v->match, in document order, so the rows, n and N and the counts
 * use them as they are at any moment.  A search starts at the block of
 * the cursor and reads on (forward) until the first match after the
 * cursor, which is shown at once; backward, it reads the blocks before it
 * a chunk at a time until one holds a match.  Then the blocks on the
 * screen, then everything before lo (the current match's number is known
 * then), then everything after hi (the total).  Blocks below lo are read
 * in chunks, in order, into a side array that is put in front of
 * v->match when the chunk is done; chunks double in size, so the moving
 * of the matches found costs little.
 */
#include "view_priv.h"

#include "lectern/plain.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A paragraph longer than this is read PIECE bytes at a time, so that a
 * keystroke does not wait for a 20 MB paragraph (a literal pattern
 * only: a regular expression's match has no length it is held to). */
#define PIECE ((size_t)256 << 10)

/* ---- reading a block ------------------------------------------------- */

static void add_match(vmatch **arr, size_t *n, size_t *cap, uint32_t b, uint32_t para,
                      uint32_t src, uint32_t s, uint32_t e)
{
    LEC_GROW(*arr, *cap, *n + 1);
    (*arr)[(*n)++] = (vmatch){b, para, src, s, e};
}

/* What a block longer than PIECE is taken to hold: anything (reading
 * its signature would be a long wait in one go; the block is read a
 * piece at a time anyway). */
static const lec_sig any_sig = {{~0ULL, ~0ULL, ~0ULL, ~0ULL, ~0ULL}, 3};

static size_t block_len(const lec_view *v, uint32_t b);

/* Block b's signature, made the first time it is needed. */
static const lec_sig *block_sig(lec_view *v, uint32_t b)
{
    if (block_len(v, b) > PIECE) return &any_sig;
    if (!v->sig) {
        v->sig = lec_xmalloc(v->nb * sizeof *v->sig);
        v->sig_made = lec_xcalloc(v->nb, 1);
    }
    if (!v->sig_made[b]) {
        size_t fs, fe;
        size_t srclen;
        const char *src = lec_doc_source(v->doc, &srclen);
        lec_doc_frontmatter(v->doc, &fs, &fe);
        uint32_t bs = b ? lec_doc_block(v->doc, b - 1)->start : (uint32_t)fs;
        uint32_t be = b ? lec_doc_block(v->doc, b - 1)->end : (uint32_t)fe;
        lec_sig_make(src + bs, be - bs, &v->sig[b]);
        /* The title's block shows the front matter's dimmed row. */
        if (b == v->title_b && b && fe > fs) lec_sig_add(&v->sig[b], src + fs, fe - fs);
        size_t nref;
        const char *refs = lec_doc_refs_for(v->doc, bs, be, &nref);
        if (nref) lec_sig_add(&v->sig[b], refs, nref);
        v->sig_made[b] = 1;
    }
    return &v->sig[b];
}

/* Appends the matches of block b to arr.  The block is rendered as for
 * the screen (the same paragraphs, so matches index the same text) but
 * not laid out: wrapping is not needed to find text. */
static void read_block(lec_view *v, uint32_t b, const lec_sig *need, vmatch **arr, size_t *n,
                       size_t *cap)
{
    if (!lec_sig_may(block_sig(v, b), need)) return;
    lec_match **m = &v->job.m;
    size_t *mcap = &v->job.cap_m;
    size_t srclen;
    const char *src = lec_doc_source(v->doc, &srclen);
    const lec_render *r = vblock_cached(v, b);
    if (!r && lec_doc_valid(v->doc) && b > 0 && b != v->title_b) {
        /* A plain block is searched in its source, as it renders: its
         * one paragraph follows the blank row blocks begin with. */
        const lec_block *blk = lec_doc_block(v->doc, b - 1);
        const char *text;
        size_t len;
        if (lec_plain_text(src, blk->start, blk->end, blk->kind, &v->job.joined, &text, &len)) {
            uint32_t para = vblock_lead_blank(v, b) ? 1 : 0;
            size_t count = 0;
            if (len) lec_search_find(v->search, text, len, m, &count, mcap);
            for (size_t j = 0; j < count; j++)
                add_match(arr, n, cap, b, para, blk->start, (*m)[j].start, (*m)[j].end);
            return;
        }
    }
    if (!r) {
        vblock_render(v, b, &v->job.scratch);
        r = &v->job.scratch;
    }
    for (uint32_t k = 0; k < r->npara; k++) {
        const lec_para *p = &r->paras[k];
        if (p->kind == LEC_PARA_BLANK || !p->len) continue;
        size_t count = 0;
        lec_search_find(v->search, r->text.data + p->text, p->len, m, &count, mcap);
        for (size_t j = 0; j < count; j++)
            add_match(arr, n, cap, b, k, p->src, (*m)[j].start, (*m)[j].end);
    }
}

/* Frees the job's scratch memory and ends it. */
static void job_free(lec_view *v)
{
    free(v->job.low);
    free(v->job.m);
    lec_render_free(&v->job.scratch);
    lec_buf_free(&v->job.joined);
    memset(&v->job, 0, sizeof v->job);
}

/* What a slice of work may take: blocks and a time. */
typedef struct budget {
    long blocks;     /* blocks left to read; < 0: no limit */
    long long until; /* CLOCK_MONOTONIC ns; 0: no limit */
} budget;

static long long now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Takes one block from the budget; 0 when it is spent. */
static int spend(budget *bu)
{
    if (bu->blocks == 0) return 0;
    if (bu->until && now_ns() >= bu->until) return 0;
    if (bu->blocks > 0) bu->blocks--;
    return 1;
}

/* ---- a long paragraph, a piece at a time ---------------------------------- */


/* The text of paragraph k of block b as a search reads it (the screen's
 * rendering when the block is in the cache, else its source or a
 * rendering of its own); 0 when k is past the last. */
static int para_text(lec_view *v, uint32_t b, uint32_t k, const char **text, size_t *len,
                     uint32_t *src, int *blank)
{
    const lec_render *r = vblock_cached(v, b);
    size_t srclen;
    const char *s = lec_doc_source(v->doc, &srclen);
    if (!r && lec_doc_valid(v->doc) && b > 0 && b != v->title_b) {
        const lec_block *blk = lec_doc_block(v->doc, b - 1);
        uint32_t para = vblock_lead_blank(v, b) ? 1 : 0;
        if (lec_plain_text(s, blk->start, blk->end, blk->kind, &v->job.joined, text, len)) {
            if (k > para) return 0;
            *blank = k != para;
            *src = blk->start;
            return 1;
        }
    }
    if (!r) {
        vblock_render(v, b, &v->job.scratch);
        r = &v->job.scratch;
    }
    if (k >= r->npara) return 0;
    const lec_para *p = &r->paras[k];
    *blank = p->kind == LEC_PARA_BLANK || !p->len;
    *text = r->text.data + p->text;
    *len = p->len;
    *src = p->src;
    return 1;
}

/* Bytes of block b's source. */
static size_t block_len(const lec_view *v, uint32_t b)
{
    size_t fs, fe;
    lec_doc_frontmatter(v->doc, &fs, &fe);
    if (b == 0) return fe - fs;
    const lec_block *blk = lec_doc_block(v->doc, b - 1);
    return blk->end - blk->start;
}

/* Whether block b has a paragraph longer than PIECE. */
static int has_long_para(lec_view *v, uint32_t b)
{
    if (block_len(v, b) <= PIECE) return 0;
    const char *text;
    size_t len;
    uint32_t src;
    int blank;
    for (uint32_t k = 0; para_text(v, b, k, &text, &len, &src, &blank); k++)
        if (!blank && len > PIECE) return 1;
    return 0;
}

/* A place to begin folding at, at or before p: after a character that
 * folds to itself alone (an ideograph, an ASCII letter or digit), so
 * that no run of white space or combining marks is cut. */
static size_t safe_start(const char *text, size_t p, size_t floor)
{
    const unsigned char *u = (const unsigned char *)text;
    size_t limit = p > floor + 256 ? p - 256 : floor;
    while (p > limit) {
        while (p > limit && (u[p] & 0xC0) == 0x80) p--;
        if (p <= limit) break;
        unsigned char c = u[p - 1];
        if ((c < 0x80 && ((unsigned)((c | 0x20) - 'a') < 26u || (unsigned)(c - '0') < 10u)) ||
            (p >= 3 && u[p - 3] >= 0xE4 && u[p - 3] <= 0xE9))
            return p;
        p--;
    }
    while (p > floor && (u[p] & 0xC0) == 0x80) p--;
    return p;
}

/* The matches of paragraph k of block b from part_cut on, a piece at a
 * time; 1 when the paragraph is done, 0 when the budget ran out (the
 * first piece is always read).  Pieces end at multiples of PIECE and
 * begin an overlap before, where a match across the cut is found; none
 * is taken twice (they begin at or after the last one's end). */
static int read_pieces(lec_view *v, uint32_t b, uint32_t k, budget *bu, vmatch **arr,
                       size_t *n, size_t *cap)
{
    size_t plen;
    lec_search_pattern(v->search, &plen);
    size_t overlap = 256 + 16 * plen;
    for (int first = 1;; first = 0) {
        const char *text;
        size_t len;
        uint32_t src;
        int blank;
        if (!para_text(v, b, k, &text, &len, &src, &blank) || v->job.part_cut >= len) return 1;
        if (!first && bu && !spend(bu)) return 0;
        size_t e = v->job.part_cut + PIECE < len ? v->job.part_cut + PIECE : len;
        while (e < len && ((unsigned char)text[e] & 0xC0) == 0x80) e++;
        size_t s = v->job.part_cut > overlap ? v->job.part_cut - overlap : 0;
        s = safe_start(text, s, v->job.part_end);
        if (s < v->job.part_end) s = v->job.part_end;
        size_t count = 0;
        lec_search_find(v->search, text + s, e - s, &v->job.m, &count, &v->job.cap_m);
        for (size_t j = 0; j < count; j++) {
            lec_match mt = v->job.m[j];
            add_match(arr, n, cap, b, k, src, (uint32_t)(s + mt.start), (uint32_t)(s + mt.end));
            v->job.part_end = s + mt.end;
        }
        v->job.part_cut = e;
    }
}

/* ---- the run of blocks read -------------------------------------------- */

/* Reads block hi (hi grows by one); returns 1 when it is read, 0 when
 * the budget ran out inside a long paragraph (the next call goes on;
 * bu NULL: no limit).  The caller has spent a block of the budget. */
static int grow_hi(lec_view *v, const lec_sig *need, budget *bu)
{
    size_t before = v->nmatch;
    uint32_t b = v->job.hi;
    int done = 1;
    if (!v->job.part && lec_sig_may(block_sig(v, b), need) &&
        !(lec_search_flags(v->search) & LEC_SEARCH_REGEX) && has_long_para(v, b)) {
        v->job.part = 1;
        v->job.part_k = 0;
        v->job.part_cut = v->job.part_end = 0;
    }
    if (v->job.part) {
        /* Paragraph by paragraph, the long ones a piece at a time. */
        const char *text;
        size_t len;
        uint32_t src;
        int blank;
        while (para_text(v, b, v->job.part_k, &text, &len, &src, &blank)) {
            if (!blank &&
                !read_pieces(v, b, v->job.part_k, bu, &v->match, &v->nmatch, &v->cap_match)) {
                done = 0;
                break;
            }
            v->job.part_k++;
            v->job.part_cut = v->job.part_end = 0;
        }
        if (done) v->job.part = 0;
    } else {
        read_block(v, b, need, &v->match, &v->nmatch, &v->cap_match);
    }
    if (done) v->job.hi++;
    if (v->nmatch > before) v->hits_valid = 0;
    return done;
}

/* Reads blocks below lo, down to `to`, a chunk at a time; returns the
 * matches put in front of v->match when a chunk was finished (-1 when it
 * is not, the budget being spent).  A chunk, once begun, is finished
 * before another begins, so `to` counts only for a new one. */
static long grow_lo(lec_view *v, const lec_sig *need, uint32_t to, budget *bu)
{
    if (v->job.clo == v->job.lo) {
        /* A new chunk: the next size, or exactly down to `to`. */
        uint32_t size = v->job.chunk ? v->job.chunk : 1;
        v->job.clo = v->job.lo - to < size ? to : v->job.lo - size;
        v->job.cnext = v->job.clo;
        v->job.nlow = 0;
        if (v->job.chunk < (1u << 30)) v->job.chunk = size * 2;
    }
    while (v->job.cnext < v->job.lo) {
        if (!spend(bu)) return -1;
        read_block(v, v->job.cnext, need, &v->job.low, &v->job.nlow, &v->job.cap_low);
        v->job.cnext++;
    }
    size_t k = v->job.nlow;
    if (k) {
        LEC_GROW(v->match, v->cap_match, v->nmatch + k);
        memmove(v->match + k, v->match, v->nmatch * sizeof *v->match);
        memcpy(v->match, v->job.low, k * sizeof *v->match);
        v->nmatch += k;
        if (v->current) v->current += k;
        v->hits_valid = 0;
    }
    v->job.lo = v->job.clo;
    v->job.nlow = 0;
    return (long)k;
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

/* The blocks of the first and last rows on the screen. */
static void screen_blocks(lec_view *v, uint32_t *first, uint32_t *last)
{
    vpos p = v->top;
    *first = *last = p.b;
    for (int i = 1; i < v->rows && vpos_next(v, &p); i++) *last = p.b;
}

/* The first match looked for is settled: shown (k, 0-based), or none. */
static void settle(lec_view *v, long k, int wrapped)
{
    v->job.found = 1;
    v->job.wrapped = wrapped;
    if (k >= 0) show_match(v, (size_t)k);
}

/* Looks for the first match to show among matches [from, to) just read;
 * returns 1 when it was found (and shown). */
static int look_forward(lec_view *v, size_t from, size_t to)
{
    for (size_t k = from; k < to; k++)
        if (key_cmp(&v->match[k], v->job.kb, v->job.kpara, v->job.kstart) >= 0) {
            settle(v, (long)k, 0);
            return 1;
        }
    return 0;
}

/* Backward: the last of matches [from, to) before the key. */
static int look_backward(lec_view *v, size_t from, size_t to)
{
    for (size_t k = to; k-- > from;)
        if (key_cmp(&v->match[k], v->job.kb, v->job.kpara, v->job.kend) < 0) {
            settle(v, (long)k, 0);
            return 1;
        }
    return 0;
}

/* One slice of the search's work. */
static void work(lec_view *v, budget *bu)
{
    lec_sig need;
    lec_search_need(v->search, &need);
    /* The first match to show. */
    while (!v->job.found) {
        if (v->job.dir > 0 && v->job.hi < v->nb) {
            /* Forward: the blocks from the cursor's on. */
            if (!spend(bu)) return;
            size_t n0 = v->nmatch;
            int done = grow_hi(v, &need, bu);
            look_forward(v, n0, v->nmatch);
            if (!done && !v->job.found) return;
        } else if (v->job.dir > 0) {
            /* Nothing after the cursor: the first match of all. */
            if (v->job.lo > 0 && grow_lo(v, &need, 0, bu) < 0) return;
            if (v->job.lo == 0) settle(v, v->nmatch ? 0 : -1, v->nmatch > 0);
        } else if (v->job.hi == v->job.lo) {
            /* Backward: the cursor's block first. */
            if (!spend(bu)) return;
            if (!grow_hi(v, &need, bu)) return;
            look_backward(v, 0, v->nmatch);
        } else if (v->job.lo > 0) {
            long k = grow_lo(v, &need, 0, bu);
            if (k < 0) return;
            look_backward(v, 0, (size_t)k);
        } else if (v->job.hi < v->nb) {
            /* Nothing before the cursor: the last match of all. */
            if (!spend(bu)) return;
            if (!grow_hi(v, &need, bu)) return;
        } else {
            settle(v, v->nmatch ? (long)v->nmatch - 1 : -1, v->nmatch > 0);
        }
    }
    /* The blocks on the screen, so that every match it shows is marked. */
    uint32_t first, last;
    screen_blocks(v, &first, &last);
    while (v->job.hi <= last && v->job.hi < v->nb) {
        if (!spend(bu)) return;
        if (!grow_hi(v, &need, bu)) return;
    }
    while (v->job.lo > first)
        if (grow_lo(v, &need, first, bu) < 0) return;
    /* Everything before (the current match's number), then after. */
    while (v->job.lo > 0)
        if (grow_lo(v, &need, 0, bu) < 0) return;
    while (v->job.hi < v->nb) {
        if (!spend(bu)) return;
        if (!grow_hi(v, &need, bu)) return;
    }
    int dir = v->job.dir, found = v->job.found, wrapped = v->job.wrapped;
    job_free(v);
    v->job.dir = dir;
    v->job.found = found;
    v->job.wrapped = wrapped;
}

/* ---- the search -------------------------------------------------------- */

static void clear(lec_view *v)
{
    lec_search_free(v->search);
    v->search = NULL;
    v->nmatch = 0;
    v->current = 0;
    v->hits_valid = 0;
    job_free(v);
    v->job.found = 1;
}

/* Whether the cursor row holds the current match. */
static int cursor_on_current(lec_view *v)
{
    if (!v->search || !v->current) return 0;
    uint32_t b, para, start, end;
    cursor_key(v, &b, &para, &start, &end);
    const vmatch *m = &v->match[v->current - 1];
    return m->b == b && m->para == para && m->start >= start &&
           m->start < (end > start ? end : start + 1);
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
    /* Nothing to do when no fold was opened: the rows of a long block
     * are not filtered again (a 20 MB paragraph has 400 000). */
    if (memcmp(v->folded, v->saved_folds, lec_doc_node_count(v->doc)) == 0 &&
        v->contents == v->saved_contents && v->pre_folded == v->saved_pre)
        return;
    memcpy(v->folded, v->saved_folds, lec_doc_node_count(v->doc));
    v->contents = v->saved_contents;
    v->pre_folded = v->saved_pre;
    view_folds_changed(v);
}

void lec_view_search_end(lec_view *v, int accept)
{
    /* A search still looking has opened no fold yet. */
    if (!accept || (!v->nmatch && v->job.found)) {
        lec_vpos here = lec_view_tell(v);
        restore_folds(v);
        lec_view_seek(v, here);
    }
    free(v->saved_folds);
    v->saved_folds = NULL;
    v->session_skip = 0;
}

int lec_view_search_start(lec_view *v, const char *pattern, int dir)
{
    if (v->saved_folds) {
        /* Each pattern of a typed search starts from the same folds. */
        lec_vpos here = lec_view_tell(v);
        restore_folds(v);
        lec_view_seek(v, here);
    }
    clear(v);
    v->search_dir = dir < 0 ? -1 : 1;
    lec_buf_reset(&v->search_err);
    if (pattern && *pattern)
        v->search = lec_search_compile(pattern, strlen(pattern), v->search_flags, &v->search_err);
    if (!v->search) return 0;
    uint32_t b, para, start, end;
    cursor_key(v, &b, &para, &start, &end);
    if (v->session_skip) {
        /* Begun on the current match: start just past it (or before it). */
        b = v->skip_b;
        para = v->skip_para;
        start = dir >= 0 ? v->skip_start + 1 : v->skip_start;
        end = v->skip_start;
    }
    v->job.active = 1;
    v->job.found = 0;
    v->job.dir = v->search_dir;
    v->job.kb = b;
    v->job.kpara = para;
    v->job.kstart = start;
    v->job.kend = end;
    v->job.lo = v->job.hi = v->job.clo = b;
    return 1;
}

int lec_view_search_step(lec_view *v, long usec, long blocks)
{
    if (v->search && v->job.active) {
        budget bu = {blocks, usec >= 0 ? now_ns() + usec * 1000LL : 0};
        work(v, &bu);
    }
    return lec_view_search_progress(v);
}

int lec_view_search_progress(const lec_view *v)
{
    if (!v->search || !v->job.active) return LEC_VS_FOUND | LEC_VS_INDEX | LEC_VS_TOTAL;
    int p = 0;
    if (v->job.found) p |= LEC_VS_FOUND;
    if (v->job.found && v->job.lo == 0) p |= LEC_VS_INDEX;
    return p;
}

int lec_view_search_wrapped(const lec_view *v)
{
    return v->job.wrapped;
}

size_t lec_view_search(lec_view *v, const char *pattern, int dir, int *wrapped)
{
    if (wrapped) *wrapped = 0;
    if (!lec_view_search_start(v, pattern, dir)) return 0;
    lec_view_search_step(v, -1, -1);
    if (wrapped) *wrapped = v->job.wrapped;
    return v->nmatch;
}

/* n and N while the search is still reading: the blocks that hold the
 * match next to the current one are read now. */
static void read_for_next(lec_view *v, int d)
{
    if (!v->job.active) return;
    lec_sig need;
    lec_search_need(v->search, &need);
    budget none = {-1, 0};
    if (d > 0) {
        while (v->current == v->nmatch && v->job.hi < v->nb) grow_hi(v, &need, NULL);
        if (v->current == v->nmatch)
            while (v->job.lo > 0) grow_lo(v, &need, 0, &none);
    } else {
        while (v->current == 1 && v->job.lo > 0) grow_lo(v, &need, 0, &none);
        if (v->current == 1)
            while (v->job.hi < v->nb) grow_hi(v, &need, NULL);
    }
    if (v->job.lo == 0 && v->job.hi == v->nb) work(v, &none);
}

int lec_view_search_next(lec_view *v, int dir, int *wrapped)
{
    if (wrapped) *wrapped = 0;
    if (v->search && !v->job.found) lec_view_search_step(v, -1, -1);
    if (!v->search || !v->nmatch) return 0;
    int d = v->search_dir * (dir < 0 ? -1 : 1);
    if (v->current) read_for_next(v, d);
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
    /* Every block again, at once (the header's text is rarely changed). */
    int dir = v->search_dir;
    job_free(v);
    v->nmatch = 0;
    v->current = 0;
    v->hits_valid = 0;
    v->job.found = 1;
    v->job.active = 1;
    v->job.dir = dir;
    budget none = {-1, 0};
    work(v, &none);
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

void view_search_free(lec_view *v)
{
    lec_search_free(v->search);
    lec_buf_free(&v->search_err);
    free(v->hits);
    free(v->match);
    free(v->sig);
    free(v->sig_made);
    job_free(v);
}

int lec_view_match(lec_view *v, size_t k, uint32_t *node, const char **text, size_t *len,
                   uint32_t *start, uint32_t *end)
{
    if (!v->search || k >= v->nmatch) return 0;
    const vmatch *m = &v->match[k];
    vblock *e = vblock_get(v, m->b);
    const lec_para *p = &e->r.paras[m->para];
    *node = node_at(v, p->src);
    *text = e->r.text.data + p->text;
    *len = p->len;
    *start = m->start;
    *end = m->end;
    return 1;
}

int lec_view_search_show(lec_view *v, size_t k)
{
    if (!v->search || k >= v->nmatch) return 0;
    show_match(v, k);
    return 1;
}
