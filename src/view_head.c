/*
 * view_head.c - the rows of a view that are not the document's own: the
 * front matter's compact header, and the summary rows of folded nodes
 * and of the preamble (the text before the first section).
 */
#include "view_priv.h"

#include "lectern/marker.h"
#include "lectern/utf8.h"

#include <stdlib.h>
#include <string.h>

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
typedef struct visible {
    lec_buf *b;
    size_t *esc, *nesc, max;
} visible;

static int visible_piece(void *p, const char *t, size_t n, int32_t cp)
{
    visible *v = p;
    if (cp > 0 && v->esc && *v->nesc + 2 <= v->max) {
        v->esc[(*v->nesc)++] = v->b->len;
        v->esc[(*v->nesc)++] = v->b->len + n;
    }
    lec_buf_put(v->b, t, n);
    return 0;
}

static void put_visible(lec_buf *b, const char *s, size_t n, size_t *esc, size_t *nesc, size_t max)
{
    visible v = {b, esc, nesc, max};
    lec_escape(s, n, 0, visible_piece, &v);
}

/* ---- the header and the preamble --------------------------------------- */

void vnode_range(const lec_view *v, uint32_t id, uint32_t *s, uint32_t *e)
{
    if (id == VN_PRE) {
        *s = v->pre_s;
        *e = v->pre_e;
        return;
    }
    size_t a, b;
    lec_node_range(v->doc, id, &a, &b);
    *s = (uint32_t)a;
    *e = (uint32_t)b;
}

int view_in_pre(const lec_view *v, uint32_t src)
{
    return src >= v->pre_s && src < v->pre_e;
}

int view_header_src(const lec_view *v, uint32_t src)
{
    if (!v->has_fm) return 0;
    if (src < lec_doc_body_start(v->doc)) return 1;
    return v->title_b && (src == v->title_src || src == v->dim_src);
}

void view_header_changed(lec_view *v)
{
    uint32_t bs[2] = {0, v->title_b};
    for (int k = 0; k < 2; k++) {
        vblock *e = &v->cache[bs[k] % v->ncache];
        if (e->b == bs[k]) e->b = UINT32_MAX;
    }
    view_folds_changed(v);
    view_refind(v);
}

/* Where the header, the title and the preamble are. */
void view_header_init(lec_view *v)
{
    const lec_doc *d = v->doc;
    size_t fs, fe, ts, te, nblk = lec_doc_block_count(d);
    lec_doc_frontmatter(d, &fs, &fe);
    lec_doc_title_range(d, &ts, &te);
    v->has_fm = fe > fs;
    uint32_t first = 0; /* the first body block that is not the title */
    if (te > ts && nblk && lec_doc_block(d, 0)->start == ts) {
        const lec_block *t = lec_doc_block(d, 0);
        /* The dimmed row goes after the heading's own rows, at a source
         * offset inside it (its last byte) so that places keep their
         * order; a one-byte heading leaves no room: the row stays in
         * block 0. */
        if (t->end - t->start >= 2) {
            v->title_b = 1;
            v->title_src = t->start;
            v->dim_src = t->end - 1;
        }
        first = 1;
    }
    if (lec_doc_node_count(d) > 1 && first < nblk) {
        size_t ns, ne;
        lec_node_range(d, 1, &ns, &ne);
        /* It ends where the block that holds the first node begins. */
        uint32_t nb1 = vblock_of(v, (uint32_t)ns);
        uint32_t end = nb1 >= 1 ? lec_doc_block(d, nb1 - 1)->start : 0;
        /* Blocks that show nothing (an HTML comment, as Node.js's docs
         * open with) cannot hold the summary row: the preamble starts at
         * the first block that shows something, else the summary would
         * never be drawn and zM would hide the text without a trace. */
        lec_render r = LEC_RENDER_INIT;
        while (first < nblk && lec_doc_block(d, first)->start < end &&
               lec_doc_block(d, first)->kind == LEC_BLOCK_HTML) {
            vblock_render(v, first + 1, &r);
            if (r.npara) break;
            first++;
        }
        lec_render_free(&r);
        uint32_t start = first < nblk ? lec_doc_block(d, first)->start : end;
        if (start < end) {
            v->pre_s = start;
            v->pre_e = end;
            v->pre_b = first + 1;
        }
    }
}

/* The values the dimmed row shows: author, date, source, occasion; when
 * the front matter has none of those, its other values but the title. */
static const char *const header_keys[] = {"author", "date", "source", "occasion"};
enum { HEADER_MAX = 4 };


/* Cuts b to `room` cells by taking out its middle: "在广东省…研讨会上的讲话". */
static void elide_middle(lec_buf *b, int room, int ambi)
{
    int ew = (int)lec_str_width("…", 3, ambi);
    int head = (room - ew) / 2, tail = room - ew - head, w;
    size_t hb = lec_fit(b->data, b->len, head, ambi, &w);
    /* The tail: the shortest end of the text that fits, cluster by cluster. */
    size_t *at = lec_xmalloc((b->len + 1) * sizeof *at);
    size_t nat = 0;
    for (size_t i = 0; i < b->len;) {
        at[nat++] = i;
        i += lec_grapheme(b->data + i, b->len - i, ambi, NULL);
    }
    size_t tb = b->len;
    while (nat > 0) {
        size_t st = at[nat - 1];
        if (st < hb || (int)lec_str_width(b->data + st, b->len - st, ambi) > tail) break;
        tb = st;
        nat--;
    }
    free(at);
    lec_buf out = LEC_BUF_INIT;
    lec_buf_put(&out, b->data, hb);
    lec_buf_puts(&out, "…");
    lec_buf_put(&out, b->data + tb, b->len - tb);
    lec_buf_free(b);
    *b = out;
}

/* The dimmed row: "胡玉敏 · 2012-04-14 · 人民网 · 在…研讨会上的讲话",
 * one row of the view's width (the longest value loses its middle). */
static void header_fields(const lec_view *v, lec_buf *out)
{
    lec_buf f[HEADER_MAX];
    int nf = 0;
    for (size_t k = 0; k < sizeof header_keys / sizeof *header_keys; k++) {
        const char *val = lec_doc_meta_get(v->doc, header_keys[k]);
        if (!val || !*val) continue;
        f[nf] = (lec_buf)LEC_BUF_INIT;
        size_t nesc = 0;
        put_visible(&f[nf++], val, strlen(val), NULL, &nesc, 0);
    }
    size_t fs, fe;
    lec_doc_frontmatter(v->doc, &fs, &fe);
    for (size_t i = 0; !nf && i < lec_doc_meta_count(v->doc); i++) {
        const char *key = lec_doc_meta_key(v->doc, i), *val = lec_doc_meta_value(v->doc, i);
        if (strcmp(key, "title") == 0 || !*val) continue;
        for (size_t j = i; j < lec_doc_meta_count(v->doc) && nf < HEADER_MAX; j++) {
            key = lec_doc_meta_key(v->doc, j);
            val = lec_doc_meta_value(v->doc, j);
            if (strcmp(key, "title") == 0 || !*val) continue;
            f[nf] = (lec_buf)LEC_BUF_INIT;
            size_t nesc = 0;
            put_visible(&f[nf++], val, strlen(val), NULL, &nesc, 0);
        }
    }
    static const char sep[] = " · ";
    int wsep = (int)lec_str_width(sep, sizeof sep - 1, v->ambi), total = 0, widest = 0;
    int w[HEADER_MAX];
    for (int k = 0; k < nf; k++) {
        w[k] = (int)lec_str_width(f[k].data, f[k].len, v->ambi);
        total += w[k] + (k ? wsep : 0);
        if (w[k] > w[widest]) widest = k;
    }
    if (total > v->cols) {
        int room = v->cols - (total - w[widest]);
        if (room >= 5) elide_middle(&f[widest], room, v->ambi);
    }
    for (int k = 0; k < nf; k++) {
        if (k) lec_buf_puts(out, sep);
        lec_buf_put(out, f[k].data, f[k].len);
        lec_buf_free(&f[k]);
    }
    /* Still too wide (a narrow screen): cut at the end. */
    int ww;
    if (out->len && (int)lec_str_width(out->data, out->len, v->ambi) > v->cols) {
        size_t keep = lec_fit(out->data, out->len, v->cols - 1, v->ambi, &ww);
        out->len = keep;
        out->data[keep] = 0;
        lec_buf_puts(out, "…");
    }
}

void view_header_line(const lec_view *v, lec_render *r, uint32_t src)
{
    lec_buf line = LEC_BUF_INIT;
    header_fields(v, &line);
    if (line.len) lec_render_line(r, src, line.data, line.len, LEC_A_META, 0);
    lec_buf_free(&line);
}

/* Block 0 when the front matter is compact: the title (when no title
 * heading has it), then the dimmed row, or a word that the front matter
 * is there. */
void view_header_block(const lec_view *v, lec_render *r)
{
    size_t fs, fe, ts, te;
    lec_doc_frontmatter(v->doc, &fs, &fe);
    lec_doc_title_range(v->doc, &ts, &te);
    uint32_t src = (uint32_t)fs;
    const char *title = te > ts ? NULL : lec_doc_meta_get(v->doc, "title");
    int rows = 0;
    if (title && *title) {
        lec_buf t = LEC_BUF_INIT;
        size_t nesc = 0;
        put_visible(&t, title, strlen(title), NULL, &nesc, 0);
        lec_render_line(r, src++, t.data, t.len, LEC_A_HEADING | LEC_A_STRONG, 1);
        lec_buf_free(&t);
        rows++;
    }
    if (v->title_b) return; /* its dimmed row goes after the title heading */
    size_t before = r->npara;
    view_header_line(v, r, src);
    if (r->npara == before && !rows) {
        static const char word[] = "front matter (Tab shows it)";
        lec_render_line(r, src, word, sizeof word - 1, LEC_A_META, 0);
    }
}

/* The preamble's summary: the start of its text, paragraphs joined (with
 * a space between two that are not Chinese), made once. */
static void pre_summary_text(lec_view *v)
{
    if (v->pre_text.len) return;
    lec_render r = LEC_RENDER_INIT;
    for (uint32_t b = v->pre_b; b < v->nb && vblock_start(v, b) < v->pre_e && v->pre_text.len < 512;
         b++) {
        vblock_render(v, b, &r);
        for (size_t k = 0; k < r.npara && v->pre_text.len < 512; k++) {
            const lec_para *p = &r.paras[k];
            if (p->kind == LEC_PARA_BLANK || !p->len || !view_in_pre(v, p->src)) continue;
            const char *t = r.text.data + p->text;
            if (v->pre_text.len) {
                size_t i = v->pre_text.len;
                while (i > 0 && ((unsigned char)v->pre_text.data[i - 1] & 0xC0) == 0x80) i--;
                if (i > 0) i--;
                int32_t last, next;
                lec_utf8_decode(v->pre_text.data + i, v->pre_text.len - i, &last);
                lec_utf8_decode(t, p->len, &next);
                if (lec_cp_width(last, 1) < 2 || lec_cp_width(next, 1) < 2) lec_buf_putc(&v->pre_text, ' ');
            }
            lec_buf_put(&v->pre_text, t, p->len);
        }
    }
    lec_render_free(&r);
    if (!v->pre_text.len) lec_buf_puts(&v->pre_text, " ");
}

static void pre_count(lec_view *v)
{
    if (v->pre_chars) return;
    size_t len;
    const char *src = lec_doc_source(v->doc, &len);
    uint32_t c = 0;
    for (size_t i = v->pre_s; i < v->pre_e; i++) {
        unsigned char ch = (unsigned char)src[i];
        if ((ch & 0xC0) != 0x80 && ch != ' ' && ch != '\n' && ch != '\r' && ch != '\t') c++;
    }
    v->pre_chars = c ? c : 1;
    /* Blocks, but not those that show nothing (HTML comments). */
    uint32_t n = 0;
    lec_render r = LEC_RENDER_INIT;
    for (uint32_t b = v->pre_b; b < v->nb && vblock_start(v, b) < v->pre_e; b++) {
        if (lec_doc_block(v->doc, b - 1)->kind == LEC_BLOCK_HTML) {
            vblock_render(v, b, &r);
            if (!r.npara) continue;
        }
        n++;
    }
    lec_render_free(&r);
    v->pre_blocks = n ? n : 1;
}

/* ---- summary rows ---------------------------------------------------- */

/* The counts a summary's tail shows, longest first: [0] everything, [1]
 * without the characters (unless there is nothing else). */
static void summary_tails(lec_view *v, uint32_t id, lec_buf tails[2], size_t hit_at[2],
                          size_t hit_end[2])
{
    size_t hits = id == VN_PRE ? 0 : lec_view_hits(v, id);
    for (int k = 0; k < 2; k++) {
        lec_buf *t = &tails[k];
        lec_buf_puts(t, " [");
        if (id == VN_PRE) {
            put_count(t, v->pre_blocks, v->pre_blocks == 1 ? "paragraph" : "paragraphs");
            if (k == 0) {
                lec_buf_puts(t, ", ");
                put_count(t, v->pre_chars, "chars");
            }
            lec_buf_puts(t, "]");
            continue;
        }
        int any = 0;
        if (v->below_sections[id]) {
            put_count(t, v->below_sections[id], v->below_sections[id] == 1 ? "section" : "sections");
            any = 1;
        }
        if (v->below_points[id]) {
            if (any) lec_buf_puts(t, ", ");
            put_count(t, v->below_points[id], v->below_points[id] == 1 ? "point" : "points");
            any = 1;
        }
        if (k == 0 || !any) {
            if (any) lec_buf_puts(t, ", ");
            put_count(t, v->chars[id], "chars");
        }
        /* With a search, the matches the fold hides. */
        if (hits) {
            lec_buf_puts(t, ", ");
            hit_at[k] = t->len;
            put_count(t, hits > UINT32_MAX ? UINT32_MAX : (uint32_t)hits, hits == 1 ? "hit" : "hits");
            hit_end[k] = t->len;
        }
        lec_buf_puts(t, "]");
    }
}

/* Adds b[0..n) to out, byte i with attribute attr[i]. */
static void add_runs(lec_line *out, const char *b, const uint32_t *attr, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && attr[j] == attr[i]) j++;
        line_add_seg(out, b + i, j - i, attr[i]);
        i = j;
    }
}

/* "一、总体要求 … [2 sections, 4 points, 1.2k chars]", fitted to the row
 * (with a search, the matches it hides too: "…, 7 hits]"); the
 * preamble's (VN_PRE) is the start of its text and "[3 paragraphs, 620
 * chars]".  Matches of the search in the marker and title are marked as
 * in the text. */
void view_summary_row(lec_view *v, int i, uint32_t id, lec_line *out)
{
    if ((size_t)v->rows > v->nsummary) {
        v->summary = lec_xrealloc(v->summary, (size_t)v->rows * sizeof *v->summary);
        for (size_t k = v->nsummary; k < (size_t)v->rows; k++) memset(&v->summary[k], 0, sizeof *v->summary);
        v->nsummary = (size_t)v->rows;
    }
    lec_buf *b = &v->summary[i];
    lec_buf_reset(b);
    size_t ml = 0, tl;
    const char *m = "", *t;
    int section = 0, depth = 1;
    if (id == VN_PRE) {
        pre_summary_text(v);
        pre_count(v);
        t = v->pre_text.data;
        tl = v->pre_text.len;
    } else {
        count_below(v, id);
        m = lec_node_marker(v->doc, id, &ml);
        t = lec_node_title(v->doc, id, &tl);
        section = lec_node_kind_of(v->doc, id) == LEC_NODE_SECTION;
        depth = lec_node_depth(v->doc, id);
    }
    /* The title as the screen shows it (a marker is made of numerals and
     * punctuation: nothing to escape). */
    enum { MAXESC = 64 };
    size_t esc[MAXESC], nesc = 0, tesc[MAXESC], ntesc = 0;
    lec_buf shown = LEC_BUF_INIT;
    put_visible(&shown, t, tl, tesc, &ntesc, MAXESC);
    t = shown.data ? shown.data : "";
    tl = shown.len;
    int indent = v->contents ? 2 * (depth - 1) : 0;
    if (indent > v->cols / 2) indent = v->cols / 2;
    for (int k = 0; k < indent; k++) lec_buf_putc(b, ' ');
    size_t at_marker = b->len;
    lec_buf_put(b, m, ml);
    if (tl && ml && lec_marker_spaced(m, ml)) lec_buf_putc(b, ' ');
    size_t at_title = b->len;
    /* What the fold hides, in three lengths: the longest that leaves the
     * title a few characters wins, so a narrow screen loses the numbers
     * before it cuts one in half. */
    lec_buf tails[3] = {LEC_BUF_INIT, LEC_BUF_INIT, LEC_BUF_INIT};
    size_t hit_at[3] = {0, 0, 0}, hit_end[3] = {0, 0, 0};
    summary_tails(v, id, tails, hit_at, hit_end);
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
        title_bytes = lec_fit(t, tl, room - 1 > 0 ? room - 1 : 0, v->ambi, &w);
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
    lec_buf_put(b, tail->data ? tail->data : "", tail->len);
    for (int k = 0; k < 3; k++) lec_buf_free(&tails[k]);

    /* Whatever does not fit at all (a very narrow screen) is cut off. */
    int w;
    size_t all = lec_fit(b->data, b->len, v->cols, v->ambi, &w);
    uint32_t tattr = section ? (LEC_A_HEADING | LEC_A_STRONG) : 0;
    uint32_t *attr = lec_xmalloc((all ? all : 1) * sizeof *attr);
    for (size_t k = 0; k < all; k++)
        attr[k] = k < at_marker                   ? 0
                  : k < at_title                  ? LEC_A_MARKER | tattr
                  : k < at_tail                   ? tattr
                  : k >= at_hits && k < hits_end ? LEC_A_SUMMARY | LEC_A_STRONG
                                                  : LEC_A_SUMMARY;
    for (size_t k = 0; k + 1 < nesc; k += 2)
        for (size_t j = esc[k]; j < esc[k + 1] && j < all; j++) attr[j] |= LEC_A_ESCAPE;
    if (v->search && at_tail > at_marker) {
        lec_match *mt = NULL;
        size_t nm = 0, cap = 0;
        lec_search_find(v->search, b->data + at_marker, at_tail - at_marker, &mt, &nm, &cap);
        for (size_t k = 0; k < nm; k++)
            for (size_t j = at_marker + mt[k].start; j < at_marker + mt[k].end && j < all; j++)
                attr[j] |= LEC_A_MATCH;
        free(mt);
    }
    add_runs(out, b->data, attr, all);
    free(attr);
    out->width = w;
    out->kind = LEC_ROW_SUMMARY;
    out->node = id == VN_PRE ? 0 : id;
    out->level = section ? lec_node_level(v->doc, id) : 0;
}

