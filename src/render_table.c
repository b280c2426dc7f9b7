/*
 * render_table.c - tables as rows of cells (render_priv.h): GitHub pipe
 * tables, which cmark leaves as paragraphs, and simple HTML tables (only
 * table, tr, th, td and their groups), which it leaves as raw HTML.  Each
 * row is a LEC_PARA_TABLE paragraph, its cells one after another (the
 * layout draws them as columns).
 *
 * A cell's content is parsed as inline Markdown of its own, in one cmark
 * document for the whole table: "x " and the cell's text, so that nothing
 * in it can start a block and delimiter runs see white space before them
 * as at a line start; the "x " is left out when the inlines are rendered.
 * An HTML cell's text is escaped first (it is not Markdown), so cmark
 * only decodes its entities; its tags become attributes (code, em,
 * strong, a) or are shown dimmed, as raw HTML is.
 */
#include "render_priv.h"

#include "lectern/table.h"

#include <stdlib.h>
#include <string.h>

/* ---- pipe tables -------------------------------------------------------- */

/* The content lines of paragraph n: the first from where cmark says the
 * paragraph starts, the others without the marks of the quotes around
 * them (a list's indent is white space, which the cells lose anyway).
 * Lines end at \n, \r\n or \r, as cmark's do. */
static size_t para_lines(rstate *s, cmark_node *n, uint32_t bs, uint32_t be, lec_range **lines,
                         size_t *cap)
{
    const char *src = s->md.src;
    size_t count = 0;
    int col = cmark_node_get_start_column(n);
    for (uint32_t pos = bs; pos < be;) {
        uint32_t e = pos;
        while (e < be && src[e] != '\n' && src[e] != '\r') e++;
        uint32_t next = e;
        if (next < be) next += src[next] == '\r' && next + 1 < be && src[next + 1] == '\n' ? 2 : 1;
        uint32_t a = pos;
        if (count == 0) {
            a = pos + (uint32_t)(col > 0 ? col - 1 : 0);
            if (a > e) a = e;
        } else {
            for (size_t i = 0; i < s->depth; i++) {
                if (s->st[i].type != C_QUOTE) continue;
                while (a < e && (src[a] == ' ' || src[a] == '\t')) a++;
                if (a < e && src[a] == '>') a++;
            }
        }
        LEC_GROW(*lines, *cap, count + 1);
        (*lines)[count++] = (lec_range){a, e};
        pos = next;
    }
    return count;
}

/* Appends a cell's content to the document of cells: "x " first, so that
 * nothing in it can start a block (# heading, - item, > quote...) and
 * delimiter runs see white space before them, as at a line start; an
 * escaped pipe is a pipe. */
static void put_cell_source(lec_buf *b, const char *src, lec_range c)
{
    lec_buf_puts(b, "x ");
    uint32_t run = c.start;
    for (uint32_t i = c.start; i < c.end; i++) {
        if (src[i] != '|' || i == c.start || src[i - 1] != '\\') continue;
        lec_buf_put(b, src + run, i - 1 - run);
        run = i;
    }
    lec_buf_put(b, src + run, c.end - run);
    lec_buf_puts(b, "\n\n");
}

/* Paragraph n (source lines [bs, be)) as a table, when it holds one:
 * the lines before the header row stay a paragraph; each row is a
 * LEC_PARA_TABLE paragraph.  Returns 0 (and adds nothing) when it holds
 * no table. */
int render_pipe_table(rstate *s, cmark_node *n, uint32_t bs, uint32_t be)
{
    const char *src = s->md.src;
    if (!memchr(src + bs, '|', be - bs)) return 0;
    lec_range *lines = NULL, *cells = NULL;
    size_t lcap = 0, nc = 0, ccap = 0, ncols = 0;
    size_t nl = para_lines(s, n, bs, be, &lines, &lcap);
    long h = lec_table_find(src, lines, nl, &ncols);
    if (h < 0) {
        free(lines);
        return 0;
    }
    uint8_t *align = lec_xcalloc(ncols, 1);
    lec_table_split(src, lines[h + 1], &cells, &nc, &ccap);
    lec_table_delim(src, cells, nc, align);
    nc = 0;
    /* Every row gets as many cells as the header: missing ones are empty,
     * and what a row has beyond them stays in its last cell (GitHub drops
     * it; nothing of the text is dropped here). */
    lec_buf cdoc = LEC_BUF_INIT;
    for (size_t i = (size_t)h; i < nl; i++) {
        if (i == (size_t)h + 1) continue;
        size_t k0 = nc, k = lec_table_split(src, lines[i], &cells, &nc, &ccap);
        if (k > ncols) {
            cells[k0 + ncols - 1].end = cells[k0 + k - 1].end;
            nc = k0 + ncols;
        }
        for (; k < ncols; k++) {
            LEC_GROW(cells, ccap, nc + 1);
            cells[nc++] = (lec_range){lines[i].end, lines[i].end};
        }
        for (size_t c = k0; c < nc; c++) put_cell_source(&cdoc, src, cells[c]);
    }
    lec_md md;
    lec_md_parse(&md, cdoc.data, 0, (uint32_t)cdoc.len, s->refs, s->nref);
    /* One paragraph per cell, or the table is not read as one. */
    size_t got = 0;
    for (cmark_node *c = cmark_node_first_child(md.root); c; c = cmark_node_next(c))
        got += cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH;
    if (got != nc) {
        lec_md_free(&md);
        lec_buf_free(&cdoc);
        free(lines);
        free(cells);
        free(align);
        return 0;
    }

    if (h > 0) {
        /* The lines before the header row: a paragraph of their own. */
        lec_buf lead = LEC_BUF_INIT;
        for (long i = 0; i < h; i++) {
            lec_buf_put(&lead, src + lines[i].start, lines[i].end - lines[i].start);
            lec_buf_putc(&lead, '\n');
        }
        lec_md lm;
        lec_md_parse(&lm, lead.data, 0, (uint32_t)lead.len, s->refs, s->nref);
        s->cur_index = render_begin(s, LEC_PARA_TEXT, bs, 0);
        cmark_node *p = cmark_node_first_child(lm.root);
        if (p && cmark_node_get_type(p) == CMARK_NODE_PARAGRAPH)
            render_inlines(s, p, 0);
        else
            render_text(s, lead.data, lead.len - 1, 0, NULL);
        if (render_para(s, s->cur_index)->len == 0) render_raw(s, "", 0, 0);
        render_marker(s, bs);
        lec_md_free(&lm);
        lec_buf_free(&lead);
        if (!render_in_tight(s)) render_separate(s);
    }
    cmark_node *cell = cmark_node_first_child(md.root);
    for (size_t row = 0; row * ncols < nc; row++) {
        size_t line = (size_t)h + (row ? row + 1 : 0);
        s->cur_index =
            render_begin(s, LEC_PARA_TABLE, lines[line].start, row ? 0 : LEC_TABLE_HEAD | LEC_TABLE_FIRST);
        s->extra = row ? 0 : LEC_A_STRONG;
        lec_render *r = s->r;
        for (size_t c = 0; c < ncols; c++, cell = cmark_node_next(cell)) {
            if (c) render_raw(s, "\n", 1, 0);
            uint32_t off = render_para(s, s->cur_index)->len;
            render_inlines(s, cell, 2);
            LEC_GROW(r->cells, r->cap_cells, r->ncells + 1);
            r->cells[r->ncells++] =
                (lec_cell){off, render_para(s, s->cur_index)->len - off, align[c]};
        }
        lec_para *p = render_para(s, s->cur_index);
        p->cell0 = (uint32_t)(r->ncells - ncols);
        p->ncells = (uint32_t)ncols;
        if (p->len == 0) render_raw(s, "", 0, s->extra);
        s->extra = 0;
    }
    lec_md_free(&md);
    lec_buf_free(&cdoc);
    free(lines);
    free(cells);
    free(align);
    return 1;
}


/* ---- HTML tables -------------------------------------------------------- */

enum { RUN_TEXT, RUN_TAG, RUN_SPACE, RUN_URL };

/* A piece of an HTML cell's content. */
typedef struct hrun {
    uint8_t kind;
    uint32_t a, z;  /* RUN_TAG, RUN_URL: bytes of the HTML */
    uint32_t attr;  /* RUN_TEXT: code, emphasis, strong, link in force */
    uint32_t cell;  /* the cell it belongs to */
} hrun;

typedef struct hcells {
    hrun *runs;
    size_t n, cap;
    lec_buf doc; /* the cells' texts, a paragraph each (RUN_TEXT) */
} hcells;

static void add_run(hcells *h, int kind, uint32_t a, uint32_t z, uint32_t attr, uint32_t cell)
{
    LEC_GROW(h->runs, h->cap, h->n + 1);
    h->runs[h->n++] = (hrun){(uint8_t)kind, a, z, attr, cell};
}

static int space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Text of a cell: white space collapsed (HTML's), a blank between
 * pieces, and every ASCII punctuation but & # ; escaped, so that cmark
 * decodes entities and nothing else. */
static void text_runs(hcells *h, const char *s, uint32_t a, uint32_t z, uint32_t attr,
                      uint32_t cell, int *blank)
{
    for (uint32_t i = a; i < z;) {
        if (space(s[i])) {
            while (i < z && space(s[i])) i++;
            *blank = 1;
            continue;
        }
        if (*blank && h->n && h->runs[h->n - 1].cell == cell)
            add_run(h, RUN_SPACE, 0, 0, 0, cell);
        *blank = 0;
        lec_buf_puts(&h->doc, "x ");
        while (i < z && !space(s[i])) {
            unsigned char c = (unsigned char)s[i];
            if (c < 0x80 && c > ' ' && !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
                                         (c >= 'a' && c <= 'z') || c == '&' || c == '#' ||
                                         c == ';'))
                lec_buf_putc(&h->doc, '\\');
            lec_buf_putc(&h->doc, (char)c);
            i++;
        }
        lec_buf_puts(&h->doc, "\n\n");
        add_run(h, RUN_TEXT, 0, 0, attr, cell);
    }
}

/* The href of the <a> tag s[a..z), as bytes of s, or none (*hz == *ha). */
static void href(const char *s, uint32_t a, uint32_t z, uint32_t *ha, uint32_t *hz)
{
    *ha = *hz = 0;
    for (uint32_t i = a; i + 5 < z; i++) {
        if ((s[i] | 0x20) != 'h' || strncmp(s + i + 1, "ref", 3) != 0) continue;
        uint32_t k = i + 4;
        while (k < z && space(s[k])) k++;
        if (k >= z || s[k] != '=') continue;
        k++;
        while (k < z && space(s[k])) k++;
        char q = k < z && (s[k] == '"' || s[k] == '\'') ? s[k++] : 0;
        uint32_t e = k;
        while (e < z && (q ? s[e] != q : !space(s[e]) && s[e] != '>')) e++;
        *ha = k;
        *hz = e;
        return;
    }
}

/* The runs of one cell's content s[a..z). */
static void cell_runs(hcells *h, const char *s, uint32_t a, uint32_t z, uint32_t cell)
{
    static const char *const codes[] = {"code", "kbd", "samp", "tt", "var", NULL};
    static const char *const emphs[] = {"em", "i", "cite", "dfn", NULL};
    static const char *const strongs[] = {"strong", "b", NULL};
    int code = 0, emph = 0, strong = 0, link = 0, blank = 0;
    uint32_t url_a = 0, url_z = 0;
    for (uint32_t i = a; i < z;) {
        const char *lt = memchr(s + i, '<', z - i);
        uint32_t t = lt ? (uint32_t)(lt - s) : z;
        char name[16];
        int closing;
        size_t end;
        while (lt && !lec_html_tag(s, z, t, name, &closing, &end)) {
            lt = t + 1 < z ? memchr(s + t + 1, '<', z - t - 1) : NULL;
            t = lt ? (uint32_t)(lt - s) : z;
        }
        uint32_t attr = (code ? LEC_A_CODE : 0) | (emph ? LEC_A_EMPH : 0) |
                        (strong ? LEC_A_STRONG : 0) | (link ? LEC_A_LINK : 0);
        text_runs(h, s, i, t, attr, cell, &blank);
        if (t >= z) break;
        int d = closing ? -1 : 1, *k = NULL;
        for (int j = 0; codes[j]; j++) k = strcmp(name, codes[j]) ? k : &code;
        for (int j = 0; emphs[j]; j++) k = strcmp(name, emphs[j]) ? k : &emph;
        for (int j = 0; strongs[j]; j++) k = strcmp(name, strongs[j]) ? k : &strong;
        if (strcmp(name, "a") == 0) {
            k = &link;
            if (!closing) href(s, t, (uint32_t)end, &url_a, &url_z);
            if (closing && url_z > url_a) {
                /* The target after the text, as for a Markdown link. */
                add_run(h, RUN_URL, url_a, url_z, 0, cell);
                url_a = url_z = 0;
            }
        }
        if (k) {
            *k += d;
            if (*k < 0) *k = 0;
        } else if (strcmp(name, "br") == 0) {
            blank = 1;
        } else {
            if (blank && h->n && h->runs[h->n - 1].cell == cell) add_run(h, RUN_SPACE, 0, 0, 0, cell);
            blank = 0;
            add_run(h, RUN_TAG, t, (uint32_t)end, 0, cell);
        }
        i = (uint32_t)end;
    }
}

int render_html_table(rstate *s, const char *html, size_t len, uint32_t bs, uint32_t be)
{
    lec_hcell *cells = NULL;
    size_t nc = 0, cap = 0;
    int rows = lec_table_html(html, len, &cells, &nc, &cap);
    if (!rows) {
        free(cells);
        return 0;
    }
    size_t ncols = 0;
    for (size_t i = 0, k = 0; i < nc; i = k) {
        for (k = i; k < nc && cells[k].row == cells[i].row; k++) {}
        if (k - i > ncols) ncols = k - i;
    }
    hcells h = {0};
    for (size_t i = 0; i < nc; i++) cell_runs(&h, html, cells[i].start, cells[i].end, (uint32_t)i);
    lec_md md;
    lec_md_parse(&md, h.doc.data ? h.doc.data : "", 0, (uint32_t)h.doc.len, NULL, 0);
    size_t got = 0;
    for (cmark_node *c = cmark_node_first_child(md.root); c; c = cmark_node_next(c))
        got += cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH;
    size_t ntext = 0;
    for (size_t i = 0; i < h.n; i++) ntext += h.runs[i].kind == RUN_TEXT;
    if (got != ntext) {
        lec_md_free(&md);
        lec_buf_free(&h.doc);
        free(h.runs);
        free(cells);
        return 0;
    }

    lec_render *r = s->r;
    cmark_node *para = cmark_node_first_child(md.root);
    size_t run = 0;
    for (size_t i = 0, k = 0; i < nc; i = k) {
        int head = 1;
        for (k = i; k < nc && cells[k].row == cells[i].row; k++) head &= cells[k].head;
        /* The row's place in the source: as far into the block as into
         * the HTML (which lost only its comments). */
        uint32_t src = bs + (cells[i].start < be - bs ? cells[i].start : be - bs - 1);
        int flags = (i == 0 ? LEC_TABLE_FIRST : 0) | (i == 0 && head ? LEC_TABLE_HEAD : 0);
        s->cur_index = render_begin(s, LEC_PARA_TABLE, src, flags);
        for (size_t c = 0; c < ncols; c++) {
            if (c) render_raw(s, "\n", 1, 0);
            uint32_t off = render_para(s, s->cur_index)->len;
            size_t cell = i + c;
            uint8_t align = LEC_ALIGN_NONE;
            if (cell < k) {
                align = cells[cell].align;
                uint32_t strong = cells[cell].head ? LEC_A_STRONG : 0;
                for (; run < h.n && h.runs[run].cell == cell; run++) {
                    const hrun *u = &h.runs[run];
                    if (u->kind == RUN_SPACE) {
                        render_raw(s, " ", 1, strong);
                    } else if (u->kind == RUN_TAG) {
                        render_text(s, html + u->a, u->z - u->a, strong | LEC_A_HTML, NULL);
                    } else if (u->kind == RUN_URL) {
                        render_raw(s, " <", 2, strong);
                        render_text(s, html + u->a, u->z - u->a, strong | LEC_A_URL, NULL);
                        render_raw(s, ">", 1, strong);
                    } else {
                        s->extra = strong | u->attr;
                        render_inlines(s, para, 2);
                        s->extra = 0;
                        para = cmark_node_next(para);
                    }
                }
            }
            LEC_GROW(r->cells, r->cap_cells, r->ncells + 1);
            r->cells[r->ncells++] = (lec_cell){off, render_para(s, s->cur_index)->len - off, align};
        }
        lec_para *p = render_para(s, s->cur_index);
        p->cell0 = (uint32_t)(r->ncells - ncols);
        p->ncells = (uint32_t)ncols;
        if (p->len == 0) render_raw(s, "", 0, 0);
    }
    lec_md_free(&md);
    lec_buf_free(&h.doc);
    free(h.runs);
    free(cells);
    return 1;
}
