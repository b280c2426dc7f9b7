/*
 * fuzz_markdown.c - any bytes as a Markdown document: build the model,
 * walk the whole tree, resolve addresses, render every block and lay it
 * out at a width taken from the input.
 *
 * Checked besides "no crash, no sanitizer report": the tree is a tree
 * (parents before children, depths, positions, ranges nested in their
 * parent's and in the source), the blocks are ordered ranges of the body,
 * the fast scan builds the model a cmark parse of everything builds,
 * every node's dotted address leads back to it, the rendered text is
 * valid UTF-8 free of terminal controls, and the layout keeps every
 * character and never makes a row wider than the screen.
 */
#include "fuzz.h"

#include "lectern/addr.h"
#include "lectern/doc.h"
#include "lectern/layout.h"
#include "lectern/render.h"

/* Bounds that keep one input fast: the per-node work is not linear. */
enum { MAX_ADDR_NODES = 64, MAX_NODE_RENDERS = 8 };

static void check_tree(const lec_doc *doc, size_t len)
{
    size_t count = lec_doc_node_count(doc);
    FUZZ_CHECK(count >= 1);
    FUZZ_CHECK(lec_node_kind_of(doc, 0) == LEC_NODE_ROOT);
    FUZZ_CHECK(lec_node_depth(doc, 0) == 0);
    FUZZ_CHECK(lec_node_position(doc, 0) == 0);

    size_t prev_start = 0;
    for (uint32_t id = 0; id < count; id++) {
        size_t s, e;
        lec_node_range(doc, id, &s, &e);
        FUZZ_CHECK(s <= e && e <= len);
        size_t ml, tl;
        const char *m = lec_node_marker(doc, id, &ml);
        const char *t = lec_node_title(doc, id, &tl);
        /* Touch every byte: ASan reports a marker or title that points
         * outside the string pool. */
        unsigned sum = 0;
        for (size_t i = 0; i < ml; i++)
            sum += (unsigned char)m[i];
        for (size_t i = 0; i < tl; i++)
            sum += (unsigned char)t[i];
        (void)sum;
        if (id == 0) continue;

        lec_node_kind kind = lec_node_kind_of(doc, id);
        FUZZ_CHECK(kind == LEC_NODE_SECTION || kind == LEC_NODE_POINT);
        int level = lec_node_level(doc, id);
        FUZZ_CHECK(kind == LEC_NODE_SECTION ? level >= 1 && level <= 6 : level == 0);
        FUZZ_CHECK((unsigned)lec_node_family(doc, id) < LEC_FAM_COUNT);
        /* Document order: a node starts no earlier than the one before,
         * and its parent comes before it. */
        FUZZ_CHECK(s >= prev_start);
        prev_start = s;
        uint32_t p = lec_node_parent(doc, id);
        FUZZ_CHECK(p < id);
        FUZZ_CHECK(lec_node_depth(doc, id) == lec_node_depth(doc, p) + 1);
        size_t ps, pe;
        lec_node_range(doc, p, &ps, &pe);
        FUZZ_CHECK(ps <= s && e <= pe);
        FUZZ_CHECK(lec_node_position(doc, id) >= 1);

        /* node_at finds the first node starting where this one does. */
        uint32_t at = lec_doc_node_at(doc, s);
        FUZZ_CHECK(at != LEC_NONE && at <= id);
        size_t as, ae;
        lec_node_range(doc, at, &as, &ae);
        FUZZ_CHECK(as == s);
    }

    /* Every node is reached from the root exactly once, its children in
     * order, numbered 1, 2, ... and not overlapping. */
    size_t reached = 1;
    for (uint32_t id = 0; id < count; id++) {
        int k = 0;
        size_t last_end = 0;
        for (uint32_t c = lec_node_first_child(doc, id); c != LEC_NONE;
             c = lec_node_next_sibling(doc, c)) {
            FUZZ_CHECK(c > id && c < count);
            FUZZ_CHECK(lec_node_parent(doc, c) == id);
            FUZZ_CHECK(lec_node_position(doc, c) == ++k);
            size_t s, e;
            lec_node_range(doc, c, &s, &e);
            FUZZ_CHECK(s >= last_end);
            last_end = e;
            FUZZ_CHECK(++reached <= count);
        }
    }
    FUZZ_CHECK(reached == count);
}

/* The fast scan of plain paragraphs and headings must give the model a
 * cmark parse of everything gives (doc.h, LEC_DOC_CMARK): the same
 * blocks, nodes, markers, titles, ranges and metadata. */
static int same_text(const char *x, size_t xl, const char *y, size_t yl)
{
    return xl == yl && memcmp(x, y, xl) == 0;
}

static void check_same_as_cmark(const lec_doc *a, const uint8_t *data, size_t size)
{
    lec_doc *b = lec_doc_new_flags(fuzz_copy(data, size), size, "fuzz.md", LEC_DOC_CMARK);
    FUZZ_CHECK(lec_doc_body_start(a) == lec_doc_body_start(b));
    size_t as, ae, bs, be;
    lec_doc_title_range(a, &as, &ae);
    lec_doc_title_range(b, &bs, &be);
    FUZZ_CHECK(as == bs && ae == be);

    size_t nb = lec_doc_block_count(a);
    if (nb != lec_doc_block_count(b))
        fprintf(stderr, "scan: %zu blocks, cmark: %zu\n", nb, lec_doc_block_count(b));
    FUZZ_CHECK(nb == lec_doc_block_count(b));
    for (size_t i = 0; i < nb; i++) {
        const lec_block *x = lec_doc_block(a, i), *y = lec_doc_block(b, i);
        if (x->start != y->start || x->end != y->end || x->kind != y->kind || x->level != y->level)
            fprintf(stderr,
                    "block %zu: scan %u-%u kind %d level %d, cmark %u-%u kind %d level %d\n", i,
                    x->start, x->end, x->kind, x->level, y->start, y->end, y->kind, y->level);
        FUZZ_CHECK(x->start == y->start && x->end == y->end && x->kind == y->kind &&
                   x->level == y->level);
    }

    size_t nn = lec_doc_node_count(a);
    if (nn != lec_doc_node_count(b))
        fprintf(stderr, "scan: %zu nodes, cmark: %zu\n", nn, lec_doc_node_count(b));
    FUZZ_CHECK(nn == lec_doc_node_count(b));
    for (uint32_t id = 1; id < nn; id++) {
        size_t xs, xe, ys, ye, xml, yml, xtl, ytl;
        lec_node_range(a, id, &xs, &xe);
        lec_node_range(b, id, &ys, &ye);
        const char *xm = lec_node_marker(a, id, &xml), *ym = lec_node_marker(b, id, &yml);
        const char *xt = lec_node_title(a, id, &xtl), *yt = lec_node_title(b, id, &ytl);
        int same = xs == ys && xe == ye && lec_node_parent(a, id) == lec_node_parent(b, id) &&
                   lec_node_kind_of(a, id) == lec_node_kind_of(b, id) &&
                   lec_node_level(a, id) == lec_node_level(b, id) &&
                   lec_node_ordinal(a, id) == lec_node_ordinal(b, id) && xml == yml &&
                   memcmp(xm, ym, xml) == 0 && same_text(xt, xtl, yt, ytl);
        if (!same)
            fprintf(stderr,
                    "node %u: scan %zu-%zu parent %u kind %d level %d ordinal %d '%.*s' '%.*s', "
                    "cmark %zu-%zu parent %u kind %d level %d ordinal %d '%.*s' '%.*s'\n",
                    id, xs, xe, lec_node_parent(a, id), lec_node_kind_of(a, id),
                    lec_node_level(a, id), lec_node_ordinal(a, id), (int)xml, xm, (int)xtl, xt, ys,
                    ye, lec_node_parent(b, id), lec_node_kind_of(b, id), lec_node_level(b, id),
                    lec_node_ordinal(b, id), (int)yml, ym, (int)ytl, yt);
        FUZZ_CHECK(same);
    }
    FUZZ_CHECK(lec_doc_meta_count(a) == lec_doc_meta_count(b));
    for (size_t i = 0; i < lec_doc_meta_count(a); i++) {
        FUZZ_CHECK(strcmp(lec_doc_meta_key(a, i), lec_doc_meta_key(b, i)) == 0);
        const char *x = lec_doc_meta_value(a, i), *y = lec_doc_meta_value(b, i);
        FUZZ_CHECK(same_text(x, strlen(x), y, strlen(y)));
    }
    lec_doc_free(b);
}

static void check_blocks(const lec_doc *doc, size_t len)
{
    size_t body = lec_doc_body_start(doc), fs, fe, ts, te;
    FUZZ_CHECK(body <= len);
    lec_doc_frontmatter(doc, &fs, &fe);
    FUZZ_CHECK(fs <= fe && fe <= body);
    lec_doc_title_range(doc, &ts, &te);
    FUZZ_CHECK(ts <= te && te <= len);

    size_t nb = lec_doc_block_count(doc), prev_end = body;
    for (size_t i = 0; i < nb; i++) {
        const lec_block *b = lec_doc_block(doc, i);
        FUZZ_CHECK(b != NULL);
        FUZZ_CHECK(b->start >= prev_end && b->start <= b->end && b->end <= len);
        FUZZ_CHECK(b->kind <= LEC_BLOCK_OTHER);
        if (b->kind == LEC_BLOCK_HEADING) FUZZ_CHECK(b->level >= 1 && b->level <= 6);
        prev_end = b->end;
    }
    FUZZ_CHECK(lec_doc_block(doc, nb) == NULL);

    for (size_t i = 0; i < lec_doc_meta_count(doc); i++) {
        const char *k = lec_doc_meta_key(doc, i), *v = lec_doc_meta_value(doc, i);
        FUZZ_CHECK(k != NULL && v != NULL && *k != '\0');
        FUZZ_CHECK(lec_doc_meta_get(doc, k) != NULL);
    }
    size_t rl;
    const char *rd = lec_doc_refdefs(doc, &rl);
    FUZZ_CHECK(rl == 0 || rd != NULL);
}

/* The dotted address of a node resolves to that node; an address made of
 * the input's first line resolves to a real node or to none. */
static void check_addresses(const lec_doc *doc, const char *src, size_t len)
{
    size_t count = lec_doc_node_count(doc);
    lec_buf a = LEC_BUF_INIT, near = LEC_BUF_INIT;
    /* Spread the checked nodes over the whole document. */
    size_t step = count / MAX_ADDR_NODES + 1;
    for (uint32_t id = 1; id < count; id += (uint32_t)step) {
        lec_buf_reset(&a);
        lec_addr_of(doc, id, &a);
        FUZZ_CHECK(a.len > 0);
        FUZZ_CHECK(lec_addr_resolve(doc, a.data, 0, NULL) == id);
    }
    size_t n = 0;
    while (n < len && n < 40 && src[n] != '\n')
        n++;
    char *line = lec_xstrndup(src, n);
    uint32_t id = lec_addr_resolve(doc, line, 0, &near);
    FUZZ_CHECK(id == LEC_NONE || (id > 0 && id < count));
    if (id == LEC_NONE) FUZZ_CHECK(near.len > 0);
    free(line);
    lec_buf_free(&a);
    lec_buf_free(&near);
}

static void check_render(const lec_render *r, size_t src_len)
{
    for (size_t i = 0; i < r->npara; i++) {
        const lec_para *p = &r->paras[i];
        FUZZ_CHECK(p->kind <= LEC_PARA_TABLE);
        if (p->kind == LEC_PARA_TABLE) {
            /* Cells lie in the row's text, in order. */
            FUZZ_CHECK(p->ncells > 0 && (size_t)p->cell0 + p->ncells <= r->ncells);
            uint32_t at = 0;
            for (uint32_t k = 0; k < p->ncells; k++) {
                const lec_cell *c = &r->cells[p->cell0 + k];
                FUZZ_CHECK(c->off >= at && c->off + c->len <= p->len);
                at = c->off + c->len;
            }
        }
        FUZZ_CHECK(p->src <= src_len);
        FUZZ_CHECK((size_t)p->text + p->len <= r->text.len);
        FUZZ_CHECK((size_t)p->pre1 + p->pre1_len <= r->text.len);
        FUZZ_CHECK((size_t)p->pre2 + p->pre2_len <= r->text.len);
        FUZZ_CHECK((size_t)p->span0 + p->nspans <= r->nspans);
        for (uint32_t k = 0; k < p->nspans; k++) {
            uint32_t off = r->spans[p->span0 + k].off;
            FUZZ_CHECK(off <= p->len);
            if (k) FUZZ_CHECK(off >= r->spans[p->span0 + k - 1].off);
        }
        /* Rendering replaces invalid bytes and makes controls visible:
         * what reaches the wrapper is valid UTF-8 with no control but
         * the line breaks it knows. */
        const char *t = r->text.data + p->text;
        FUZZ_CHECK(lec_utf8_valid(t, p->len, NULL));
        FUZZ_CHECK(!fuzz_has_unsafe(t, p->len, "\n"));
        FUZZ_CHECK(!fuzz_has_unsafe(r->text.data + p->pre1, p->pre1_len, ""));
        FUZZ_CHECK(!fuzz_has_unsafe(r->text.data + p->pre2, p->pre2_len, ""));
    }
}

/* Appends s[0..n) without spaces and line breaks (the characters a wrap
 * may drop). */
static void squeeze(lec_buf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\n') lec_buf_putc(out, s[i]);
}

static int by_start(const void *a, const void *b)
{
    const lec_piece *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* A table row: its pieces lie in the text and are cut between
 * characters; the row is as wide as it says and fits (but for a lone
 * grapheme wider than the room); its pieces go to *pcs for the "nothing
 * lost" check. */
static void check_table_row(const lec_render *r, const lec_rows *rows, const lec_row *row,
                            int width, int ambi, lec_piece **pcs, size_t *npc, size_t *cap)
{
    const lec_para *p = &r->paras[row->para];
    const char *t = r->text.data + p->text;
    FUZZ_CHECK(p->kind == LEC_PARA_TABLE);
    FUZZ_CHECK((size_t)row->piece0 + row->npieces <= rows->npieces);
    for (uint32_t k = 0; k < row->npieces; k++) {
        const lec_piece *pc = &rows->pieces[row->piece0 + k];
        FUZZ_CHECK(pc->start <= pc->end && pc->end <= p->len);
        FUZZ_CHECK(pc->start == p->len || ((unsigned char)t[pc->start] & 0xC0) != 0x80);
        FUZZ_CHECK(pc->end == p->len || ((unsigned char)t[pc->end] & 0xC0) != 0x80);
        LEC_GROW(*pcs, *cap, *npc + 1);
        (*pcs)[(*npc)++] = *pc;
    }
    lec_buf line = LEC_BUF_INIT;
    lec_row_text(r, rows, row, &line);
    int w = fuzz_width(line.data ? line.data : "", line.len, ambi, NULL);
    /* The blanks a row ends with are not written; the width counts them. */
    FUZZ_CHECK(w <= row->width);
    if (width > 0 && row->width > width) {
        FUZZ_CHECK(row->npieces == 1);
        const lec_piece *pc = &rows->pieces[row->piece0];
        size_t tl = pc->end - pc->start;
        FUZZ_CHECK(tl > 0 && lec_grapheme(t + pc->start, tl, ambi, NULL) == tl);
    }
    lec_buf_free(&line);
}

static void check_layout(const lec_render *r, int width, int ambi)
{
    lec_rows rows = LEC_ROWS_INIT;
    lec_layout(r, 0, width, ambi, &rows);
    lec_buf a = LEC_BUF_INIT, b = LEC_BUF_INIT;
    size_t i = 0;
    for (size_t pi = 0; pi < r->npara; pi++) {
        const lec_para *p = &r->paras[pi];
        const char *t = r->text.data + p->text;
        /* Every paragraph has rows, in order; a blank one has one. */
        FUZZ_CHECK(i < rows.n && rows.v[i].para == pi);
        lec_buf_reset(&a);
        lec_buf_reset(&b);
        size_t prev_end = 0, first = i;
        lec_piece *pcs = NULL;
        size_t npc = 0, cap = 0;
        for (; i < rows.n && rows.v[i].para == pi; i++) {
            const lec_row *row = &rows.v[i];
            if (row->npieces) {
                check_table_row(r, &rows, row, width, ambi, &pcs, &npc, &cap);
                continue;
            }
            FUZZ_CHECK(row->start <= row->end && row->end <= p->len);
            FUZZ_CHECK(row->start >= prev_end);
            prev_end = row->end;
            FUZZ_CHECK((size_t)row->pre + row->pre_len <= r->text.len);
            /* Rows are cut between characters. */
            FUZZ_CHECK(row->start == p->len || ((unsigned char)t[row->start] & 0xC0) != 0x80);
            FUZZ_CHECK(row->end == p->len || ((unsigned char)t[row->end] & 0xC0) != 0x80);
            int pw = fuzz_width(r->text.data + row->pre, row->pre_len, ambi, NULL);
            int tw = fuzz_width(t + row->start, row->end - row->start, ambi, NULL);
            if (pw + tw < UINT16_MAX) FUZZ_CHECK(row->width == pw + tw);
            if (width > 0 && pw + tw > width) {
                /* Only a single grapheme wider than the room left. */
                size_t tl = row->end - row->start;
                FUZZ_CHECK(tl > 0 && lec_grapheme(t + row->start, tl, ambi, NULL) == tl);
                FUZZ_CHECK(pw <= width / 2);
            }
            squeeze(&b, t + row->start, row->end - row->start);
        }
        if (p->kind == LEC_PARA_BLANK) FUZZ_CHECK(i == first + 1);
        if (npc) qsort(pcs, npc, sizeof *pcs, by_start);
        for (size_t k = 0; k < npc; k++) {
            if (k) FUZZ_CHECK(pcs[k].start >= pcs[k - 1].end);
            squeeze(&b, t + pcs[k].start, pcs[k].end - pcs[k].start);
        }
        free(pcs);
        /* Nothing lost: the rows give the text but the spaces at breaks. */
        squeeze(&a, t, p->len);
        FUZZ_CHECK(a.len == b.len && (a.len == 0 || memcmp(a.data, b.data, a.len) == 0));
    }
    FUZZ_CHECK(i == rows.n);
    lec_buf_free(&a);
    lec_buf_free(&b);
    lec_rows_free(&rows);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (fuzz_not_a_document(data, size)) return 0;
    /* The layout's width and ambiguous width come from the input without
     * taking bytes from it, so that a seed is a plain Markdown file.
     * Width 0 (no wrapping) is --print's. */
    int width = (int)((data[0] + size) % 161);
    int ambi = 1 + (data[size - 1] & 1);

    lec_doc *doc = fuzz_doc(data, size, "fuzz.md");
    size_t len;
    const char *s = lec_doc_source(doc, &len);
    FUZZ_CHECK(len == size && memcmp(s, data, size) == 0 && s[len] == '\0');

    check_tree(doc, len);
    check_blocks(doc, len);
    check_same_as_cmark(doc, data, size);
    check_addresses(doc, s, len);

    /* The whole document, as --dump shows it. */
    lec_render r = LEC_RENDER_INIT;
    lec_render_frontmatter(&r, doc);
    size_t nb = lec_doc_block_count(doc);
    if (nb)
        lec_render_range(&r, doc, lec_doc_block(doc, 0)->start, lec_doc_block(doc, nb - 1)->end);
    check_render(&r, len);
    check_layout(&r, width, ambi);

    /* A few nodes alone, as --print --plain shows them. */
    size_t count = lec_doc_node_count(doc);
    size_t step = count / MAX_NODE_RENDERS + 1;
    for (uint32_t id = 1; id < count; id += (uint32_t)step) {
        size_t ns, ne;
        lec_node_range(doc, id, &ns, &ne);
        lec_render_reset(&r);
        lec_render_range(&r, doc, ns, ne);
        check_render(&r, len);
        check_layout(&r, width, ambi);
    }
    lec_render_free(&r);
    lec_doc_free(doc);
    return 0;
}
