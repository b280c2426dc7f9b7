/*
 * t_layout.c - what the reader sees, checked on every sample document at
 * every width from 2 to 120 and both ambiguous widths:
 *  - no row is wider than the screen;
 *  - where the text has 8 cells or more, no wrapped row starts with a closing mark (，。、；：？！
 *    ）》」』” …) and none ends with an opening one (（《「『“ …);
 *  - nothing is lost: the rows of a paragraph, put together, give its text
 *    with only the spaces at breaks dropped (a table row's pieces, in
 *    the order of the text, give its cells).
 * The samples are read from $srcdir/examples.  Tables get tests of their
 * own: columns line up, alignment, a table too wide for the screen.
 */
#include "../tap.h"
#include "lectern/doc.h"
#include "lectern/layout.h"
#include "lectern/load.h"
#include "lectern/render.h"
#include "lectern/utf8.h"
#include "lectern/wrap.h"

#include <stdlib.h>

static int first_cp(const char *s, size_t n)
{
    int32_t cp = 0;
    if (n) lec_utf8_decode(s, n, &cp);
    return cp;
}

static int last_cp(const char *s, size_t n)
{
    size_t k = n;
    while (k > 0 && ((unsigned char)s[k - 1] & 0xC0) == 0x80) k--;
    if (k > 0) k--;
    int32_t cp = 0;
    if (n) lec_utf8_decode(s + k, n - k, &cp);
    return cp;
}

static int by_start(const void *a, const void *b)
{
    const lec_piece *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* The text with ASCII spaces removed, for the "nothing lost" comparison. */
static void squeeze(lec_buf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\n') lec_buf_putc(out, s[i]);
}

static void check_doc(const char *path)
{
    lec_input in;
    lec_buf why = LEC_BUF_INIT;
    if (lec_load(path, NULL, &in, &why) != 0) {
        ok(0, "load %s: %s", path, why.data);
        lec_buf_free(&why);
        return;
    }
    lec_doc *doc = lec_doc_new(in.data, in.len, path);
    lec_render r = LEC_RENDER_INIT;
    lec_render_frontmatter(&r, doc);
    size_t nb = lec_doc_block_count(doc);
    if (nb) lec_render_range(&r, doc, lec_doc_block(doc, 0)->start, lec_doc_block(doc, nb - 1)->end);

    long too_wide = 0, bad_start = 0, bad_end = 0, lost = 0, rows_total = 0;
    char example[256] = "";
    lec_buf a = LEC_BUF_INIT, b = LEC_BUF_INIT;
    for (int ambi = 1; ambi <= 2; ambi++) {
        for (int w = 2; w <= 120; w++) {
            lec_rows rows = LEC_ROWS_INIT;
            lec_layout(&r, 0, w, ambi, &rows);
            rows_total += (long)rows.n;
            for (size_t i = 0; i < rows.n; i++) {
                const lec_row *row = &rows.v[i];
                const lec_para *p = &r.paras[row->para];
                const char *t = r.text.data + p->text + row->start;
                size_t tl = row->end - row->start;
                size_t width = lec_str_width(r.text.data + row->pre, row->pre_len, ambi) +
                               lec_str_width(t, tl, ambi);
                if (row->npieces) {
                    lec_buf_reset(&a);
                    lec_row_text(&r, &rows, row, &a);
                    width = lec_str_width(a.data, a.len, ambi);
                    t = a.data;
                    tl = a.len;
                }
                if ((int)width > w && lec_str_width(t, tl, ambi) > 2) {
                    if (!too_wide++)
                        snprintf(example, sizeof example, "width %d: '%.*s'", w, (int)tl, t);
                }
                /* Below 8 cells of text a run such as （一）《 cannot obey
                 * the rules at all (it is wider than the row). */
                size_t pre_w = lec_str_width(r.text.data + row->pre, row->pre_len, ambi);
                if (w - (int)pre_w < 8 || p->kind != LEC_PARA_TEXT) continue;
                int continued = i > 0 && rows.v[i - 1].para == row->para;
                if (continued && tl && lec_wrap_no_start(first_cp(t, tl))) {
                    if (!bad_start++)
                        snprintf(example, sizeof example, "width %d starts: '%.*s'", w, (int)tl, t);
                }
                int more = i + 1 < rows.n && rows.v[i + 1].para == row->para;
                if (more && tl && lec_wrap_no_end(last_cp(t, tl))) {
                    if (!bad_end++)
                        snprintf(example, sizeof example, "width %d ends: '%.*s'", w, (int)tl, t);
                }
            }
            /* Nothing lost: paragraph by paragraph. */
            for (size_t i = 0; i < rows.n;) {
                const lec_para *p = &r.paras[rows.v[i].para];
                lec_buf_reset(&a);
                lec_buf_reset(&b);
                squeeze(&a, r.text.data + p->text, p->len);
                size_t j = i;
                lec_piece *pcs = NULL;
                size_t npc = 0, cap = 0;
                for (; j < rows.n && rows.v[j].para == rows.v[i].para; j++) {
                    const lec_row *row = &rows.v[j];
                    if (!row->npieces) {
                        squeeze(&b, r.text.data + p->text + row->start, row->end - row->start);
                        continue;
                    }
                    for (uint32_t k = 0; k < row->npieces; k++) {
                        LEC_GROW(pcs, cap, npc + 1);
                        pcs[npc++] = rows.pieces[row->piece0 + k];
                    }
                }
                if (npc) qsort(pcs, npc, sizeof *pcs, by_start);
                for (size_t k = 0; k < npc; k++)
                    squeeze(&b, r.text.data + p->text + pcs[k].start, pcs[k].end - pcs[k].start);
                free(pcs);
                if (a.len != b.len || (a.len && memcmp(a.data, b.data, a.len) != 0)) lost++;
                i = j;
            }
            lec_rows_free(&rows);
        }
    }
    ok(rows_total > 0, "%s: laid out at widths 2-120 (%ld rows)", path, rows_total);
    is_int(too_wide, 0, "%s: no row wider than the screen %s", path, too_wide ? example : "");
    is_int(bad_start, 0, "%s: no row starts with a closing mark %s", path,
           bad_start ? example : "");
    is_int(bad_end, 0, "%s: no row ends with an opening mark %s", path, bad_end ? example : "");
    is_int(lost, 0, "%s: every character of every paragraph is on some row", path);
    lec_buf_free(&a);
    lec_buf_free(&b);
    lec_render_free(&r);
    lec_doc_free(doc);
}

int main(void)
{
    const char *srcdir = getenv("srcdir");
    if (!srcdir) srcdir = ".";
    const char *files[] = {"examples/speech.md", "examples/speech-en.md", "examples/speech.txt",
                           "examples/tables.md"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", srcdir, files[i]);
        check_doc(path);
    }
    return tap_done();
}
