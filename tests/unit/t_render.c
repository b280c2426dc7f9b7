/*
 * t_render.c - what real Markdown has, as the reader sees it.
 *
 * Pipe tables: rows split into cells as GitHub splits them, delimiter
 * rows and alignment, a table found inside a paragraph, columns that line
 * up at any width (CJK counted two cells), cells aligned as the delimiter
 * row says, a table too wide for the screen wrapped inside its cells, a
 * search that finds text in a cell.  HTML comments not shown, other raw
 * HTML shown dimmed, a code block's info string as a label, images and
 * links with their targets.
 */
#include "../tap.h"
#include "lectern/doc.h"
#include "lectern/layout.h"
#include "lectern/render.h"
#include "lectern/table.h"
#include "lectern/utf8.h"
#include "lectern/view.h"

#include <stdlib.h>
#include <string.h>

/* The cells of one row, as "a|b|c". */
static char *split(const char *row)
{
    lec_range *c = NULL;
    size_t n = 0, cap = 0;
    lec_table_split(row, (lec_range){0, (uint32_t)strlen(row)}, &c, &n, &cap);
    lec_buf out = LEC_BUF_INIT;
    lec_buf_puts(&out, "");
    for (size_t i = 0; i < n; i++) {
        if (i) lec_buf_putc(&out, '|');
        lec_buf_put(&out, row + c[i].start, c[i].end - c[i].start);
    }
    free(c);
    return lec_buf_detach(&out, NULL);
}

static void test_split(void)
{
    static const struct {
        const char *row, *cells;
    } cases[] = {
        {"| a | b |", "a|b"},
        {"a | b", "a|b"},
        {"|a|b", "a|b"},
        {"| 名称 | 数量 |", "名称|数量"},
        {"| a \\| b | c |", "a \\| b|c"},   /* an escaped pipe stays in the cell */
        {"| a \\\\| b |", "a \\\\|b"},      /* after an escaped backslash it splits */
        {"| a | |", "a|"},                  /* an empty last cell */
        {"| a ||", "a|"},
        {"|", ""},                          /* one empty cell */
        {"  | x |  ", "x"},
        {"\t| x\t|", "x"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *got = split(cases[i].row);
        is_str(got, cases[i].cells, "split '%s'", cases[i].row);
        free(got);
    }
}

static int delim(const char *row, uint8_t *align)
{
    lec_range *c = NULL;
    size_t n = 0, cap = 0;
    lec_table_split(row, (lec_range){0, (uint32_t)strlen(row)}, &c, &n, &cap);
    int r = lec_table_delim(row, c, n, align);
    free(c);
    return r;
}

static void test_delim(void)
{
    uint8_t a[4];
    ok(delim("|---|:--|--:|:-:|", a), "a delimiter row");
    ok(a[0] == LEC_ALIGN_NONE && a[1] == LEC_ALIGN_LEFT && a[2] == LEC_ALIGN_RIGHT &&
           a[3] == LEC_ALIGN_CENTER,
       "its alignments: none, left, right, center");
    ok(delim("- | :-", a), "without end pipes, one dash is enough");
    ok(!delim("|---|x--|", a), "a letter makes it a row of text");
    ok(!delim("|---| |", a), "an empty cell is not a delimiter");
    ok(!delim("|:|", a), "a colon alone is not one");
    ok(!delim("|-:-|", a), "nor a colon in the middle");
}

static long find(const char *text, size_t *ncols)
{
    lec_range lines[16];
    size_t n = 0;
    uint32_t at = 0, len = (uint32_t)strlen(text);
    while (at < len && n < 16) {
        const char *nl = strchr(text + at, '\n');
        uint32_t e = nl ? (uint32_t)(nl - text) : len;
        lines[n++] = (lec_range){at, e};
        at = e + 1;
    }
    return lec_table_find(text, lines, n, ncols);
}

static void test_find(void)
{
    size_t nc = 0;
    is_int(find("| a | b |\n|---|---|\n| 1 | 2 |", &nc), 0, "a table from the first line");
    is_int(nc, 2, "of two columns");
    is_int(find("前言\n| a | b |\n|---|---|", &nc), 1, "a table after a line of text");
    is_int(find("| a | b |\n|---|", &nc), -1, "a delimiter row with fewer cells: no table");
    is_int(find("a\n---", &nc), -1, "a delimiter needs a pipe");
    is_int(find("a | b\n-- | --", &nc), 0, "a table without end pipes");
    is_int(find("甲 | 乙\n正文", &nc), -1, "pipes in text are not a table");
}

/* ---- rendering and layout ---------------------------------------------- */

static lec_doc *doc_of(const char *md)
{
    return lec_doc_new(lec_xstrndup(md, strlen(md)), strlen(md), "t.md");
}

static void render_all(const lec_doc *d, lec_render *r)
{
    size_t nb = lec_doc_block_count(d);
    if (nb) lec_render_range(r, d, lec_doc_block(d, 0)->start, lec_doc_block(d, nb - 1)->end);
}

/* The rows laid out at width w, as text lines joined with '\n'. */
static char *lines_at(const lec_render *r, int w, int ambi)
{
    lec_rows rows = LEC_ROWS_INIT;
    lec_layout(r, 0, w, ambi, &rows);
    lec_buf out = LEC_BUF_INIT;
    lec_buf_puts(&out, "");
    for (size_t i = 0; i < rows.n; i++) {
        lec_row_text(r, &rows, &rows.v[i], &out);
        lec_buf_putc(&out, '\n');
    }
    lec_rows_free(&rows);
    return lec_buf_detach(&out, NULL);
}

/* The column (in cells) of every separator of every line that has one:
 * all lines must agree.  Returns the number of lines checked, or -1. */
static int aligned(const char *text, int ambi, const char *sep)
{
    char first[64] = "";
    int checked = 0;
    for (const char *l = text; *l;) {
        const char *nl = strchr(l, '\n');
        size_t n = nl ? (size_t)(nl - l) : strlen(l);
        char cols[64] = "";
        size_t k = 0;
        for (size_t i = 0; i < n && k + 4 < sizeof cols;) {
            int32_t cp;
            int len = lec_utf8_decode(l + i, n - i, &cp);
            if (strncmp(l + i, sep, strlen(sep)) == 0 || cp == 0x253C || (*sep == '|' && cp == '+'))
                k += (size_t)snprintf(cols + k, sizeof cols - k, "%zu,",
                                      lec_str_width(l, i, ambi));
            i += (size_t)len;
        }
        if (k) {
            if (!checked) memcpy(first, cols, sizeof first);
            /* A row may stop early (no blanks at its end), never differ. */
            if (strncmp(first, cols, strlen(cols)) != 0) return -1;
            checked++;
        }
        l += n + (nl != NULL);
    }
    return checked;
}

static int max_width(const char *text, int ambi)
{
    int most = 0;
    for (const char *l = text; *l;) {
        const char *nl = strchr(l, '\n');
        size_t n = nl ? (size_t)(nl - l) : strlen(l);
        int w = (int)lec_str_width(l, n, ambi);
        if (w > most) most = w;
        l += n + (nl != NULL);
    }
    return most;
}

static void test_layout(void)
{
    const char *md = "| 乡镇 | 班次 | 借阅（册） |\n"
                     "|:-----|:----:|-----------:|\n"
                     "| 青石镇 | 42 | 3,108 |\n"
                     "| 白沙乡 | 7 | 264 |\n";
    lec_doc *d = doc_of(md);
    lec_render r = LEC_RENDER_INIT;
    render_all(d, &r);
    is_int(r.npara, 3, "a table of three rows: three paragraphs");
    ok(r.paras[0].kind == LEC_PARA_TABLE && (r.paras[0].level & LEC_TABLE_HEAD),
       "the first is the header row");
    ok(r.paras[1].kind == LEC_PARA_TABLE && !(r.paras[1].level & LEC_TABLE_HEAD),
       "the next a body row");
    is_int(r.paras[1].ncells, 3, "with three cells");
    const lec_cell *c = &r.cells[r.paras[1].cell0];
    ok(c[0].align == LEC_ALIGN_LEFT && c[1].align == LEC_ALIGN_CENTER &&
           c[2].align == LEC_ALIGN_RIGHT,
       "cells carry their column's alignment");
    const char *t = r.text.data + r.paras[1].text;
    ok(c[0].len == strlen("青石镇") && memcmp(t + c[0].off, "青石镇", c[0].len) == 0 &&
           memcmp(t + c[2].off, "3,108", 5) == 0,
       "and their text");

    char *s = lines_at(&r, 80, 1);
    is_str(s,
           "乡镇   │ 班次 │ 借阅（册）\n"
           "───────┼──────┼───────────\n"
           "青石镇 │  42  │      3,108\n"
           "白沙乡 │  7   │        264\n",
           "at 80 cells: columns as wide as their widest cell (CJK two cells), left, center "
           "and right aligned");
    free(s);
    s = lines_at(&r, 80, 2);
    ok(strstr(s, "青石镇 |  42  |      3,108\n") && strstr(s, "-------+------+-----------"),
       "with --ambiwidth 2 the rules are ASCII (box drawing is ambiguous)");
    free(s);
    lec_render_free(&r);
    lec_doc_free(d);

    /* A table wider than the screen. */
    md = "| Item | Notes |\n|---|---|\n"
         "| Scanner | Reads both ISBN barcodes and library card QR codes without any setup. |\n"
         "| 打印机 | 打印还书日期小票，纸宽五十八毫米，可连续工作八小时以上。 |\n";
    d = doc_of(md);
    lec_render r2 = LEC_RENDER_INIT;
    render_all(d, &r2);
    for (int w = 12; w <= 60; w += 4) {
        for (int ambi = 1; ambi <= 2; ambi++) {
            s = lines_at(&r2, w, ambi);
            int most = max_width(s, ambi);
            int cols = aligned(s, ambi, ambi == 2 ? "|" : "│");
            if (w == 40 && ambi == 1) {
                ok(most <= 40, "at 40 cells no line is wider (%d)", most);
                ok(cols >= 6, "the columns line up on every row (%d rows)", cols);
                ok(strstr(s, "Scanner │ Reads both ISBN barcodes") != NULL,
                   "the wide cell wraps inside its column");
                ok(strstr(s, "打印机  │ 打印还书日期小票") != NULL, "CJK text too");
            }
            if (most > w || cols < 0) {
                ok(0, "width %d, ambi %d: %d cells, columns %d:\n%s", w, ambi, most, cols, s);
                w = 1000;
            }
            free(s);
        }
    }
    s = lines_at(&r2, 14, 1);
    ok(strstr(s, "Item\nNotes\n──────────────\nScanner\nReads both\n") != NULL,
       "too narrow for columns: each cell on rows of its own, a rule between table rows");
    free(s);
    lec_render_free(&r2);
    lec_doc_free(d);
}

static void test_doc(void)
{
    /* Text before the header row stays a paragraph; inline markup in
     * cells is rendered; an escaped pipe is a pipe; a row with more cells
     * than the header keeps them in its last one; a missing cell is
     * empty. */
    const char *md = "见下表：\n| 甲 | 乙 |\n|---|---|\n| **粗** | `a\\|b` |\n| x | y | z |\n| 单 |\n";
    lec_doc *d = doc_of(md);
    lec_render r = LEC_RENDER_INIT;
    render_all(d, &r);
    char *s = lines_at(&r, 40, 1);
    is_str(s,
           "见下表：\n"
           "\n"
           "甲 │ 乙\n"
           "───┼──────\n"
           "粗 │ a|b\n"
           "x  │ y | z\n"
           "单 │\n",
           "a table after text, with markup, an escaped pipe, an extra and a missing cell");
    free(s);
    ok(r.spans[r.paras[3].span0].attr & LEC_A_STRONG, "**粗** is strong in its cell");
    ok(r.spans[r.paras[2].span0].attr & LEC_A_STRONG, "the header row is strong");

    /* A search finds text in a cell, and not across two. */
    lec_view *v = lec_view_new(d, 40, 10, 1);
    is_int((long)lec_view_search(v, "a|b", 1, NULL), 1, "search finds a|b in its cell");
    is_int((long)lec_view_search(v, "xy", 1, NULL), 0, "and no match runs from a cell into the next");
    lec_view_free(v);
    lec_render_free(&r);
    lec_doc_free(d);

    /* Not tables: a lone pipe in text, a table in a code block. */
    md = "甲 | 乙 两项\n\n```\n| a | b |\n|---|---|\n```\n";
    d = doc_of(md);
    lec_render r3 = LEC_RENDER_INIT;
    render_all(d, &r3);
    int tables = 0;
    for (size_t i = 0; i < r3.npara; i++) tables += r3.paras[i].kind == LEC_PARA_TABLE;
    is_int(tables, 0, "pipes in text and in code make no table");
    lec_render_free(&r3);
    lec_doc_free(d);
}

/* Every row of a document as text, at width 60. */
static char *dump(const char *md, lec_render *r)
{
    lec_doc *d = doc_of(md);
    lec_render_reset(r);
    render_all(d, r);
    char *s = lines_at(r, 60, 1);
    lec_doc_free(d);
    return s;
}

/* Whether some span of the render has all of `attr` and starts with
 * `text`. */
static int has_attr(const lec_render *r, const char *text, uint32_t attr)
{
    for (size_t i = 0; i < r->npara; i++) {
        const lec_para *p = &r->paras[i];
        for (uint32_t k = 0; k < p->nspans; k++) {
            const lec_span *sp = &r->spans[p->span0 + k];
            uint32_t end = k + 1 < p->nspans ? r->spans[p->span0 + k + 1].off : p->len;
            const char *t = r->text.data + p->text + sp->off;
            if ((sp->attr & attr) == attr && end - sp->off >= strlen(text) &&
                memcmp(t, text, strlen(text)) == 0)
                return 1;
        }
    }
    return 0;
}

static void test_html_code_links(void)
{
    lec_render r = LEC_RENDER_INIT;
    char *s = dump("甲\n\n<!-- 注释 -->\n\n乙<!-- 行内 -->丙\n", &r);
    is_str(s, "甲\n\n乙丙\n", "HTML comments are not shown, a block of them leaves no row");
    free(s);
    s = dump("<!-- a\nb -->\n<div>\n正文\n</div>\n", &r);
    is_str(s, "<div>\n正文\n</div>\n", "the lines of a comment go, the rest of the block stays");
    free(s);
    ok(has_attr(&r, "<div>", LEC_A_HTML), "and is dimmed");
    s = dump("<!-- x --> 后文\n", &r);
    is_str(s, " 后文\n", "text after a comment on its line stays");
    free(s);
    s = dump("按<kbd>Tab</kbd>键\n", &r);
    is_str(s, "按<kbd>Tab</kbd>键\n", "inline tags are shown");
    free(s);
    ok(has_attr(&r, "<kbd>", LEC_A_HTML) && !has_attr(&r, "Tab", LEC_A_HTML),
       "dimmed, the text between them not");
    s = dump("```js\nlet a = 1;\n```\n\n~~~\nplain\n~~~\n", &r);
    is_str(s, "    [js]\n    let a = 1;\n\n    plain\n",
           "a fenced block's info string is its label; no label without one");
    free(s);
    ok(has_attr(&r, "[js]", LEC_A_LABEL), "the label has its own look");
    s = dump("![书车](bus.png \"t\") 与 [网站](https://x.example/a)\n\n见 <https://y.example>\n", &r);
    is_str(s, "[image: 书车] <bus.png> 与 网站 <https://x.example/a>\n\n见 https://y.example\n",
           "images show [image: alt], links their text and target, autolinks once");
    free(s);
    s = dump("```\n\x1b]0;x\x07\n```\n\n```a\x1b[2Jb\ncode\n```\n", &r);
    ok(strstr(s, "^[") && !strchr(s, 0x1b),
       "control characters in code and labels are shown, not sent");
    free(s);
    lec_render_free(&r);
}

/* The cells lec_table_html finds, as "row:text|row:text" (th cells with
 * a *); "" when it is no simple table. */
static char *html_cells(const char *html)
{
    lec_hcell *c = NULL;
    size_t n = 0, cap = 0;
    int rows = lec_table_html(html, strlen(html), &c, &n, &cap);
    lec_buf out = LEC_BUF_INIT;
    lec_buf_puts(&out, "");
    for (size_t i = 0; rows && i < n; i++)
        lec_buf_printf(&out, "%s%u:%s%.*s", i ? "|" : "", c[i].row, c[i].head ? "*" : "",
                       (int)(c[i].end - c[i].start), html + c[i].start);
    free(c);
    return lec_buf_detach(&out, NULL);
}

static void test_html_tables(void)
{
    char *c = html_cells("<table>\n<tr><th>A</th><th>B</th></tr>\n<tr><td>1</td><td>2</td></tr>\n</table>\n");
    is_str(c, "0:*A|0:*B|1:1|1:2", "an HTML table: rows, header cells, contents");
    free(c);
    c = html_cells("<TABLE class=\"x\"><thead><tr><th align=right>A<tbody><tr><td>x<td>y</table>");
    is_str(c, "0:*A|1:x|1:y", "groups, upper case, attributes, cells without end tags");
    free(c);
    c = html_cells("<table><tr><td><code>a</code> &amp; <a href=\"u>v\">b</a></td></tr></table>");
    is_str(c, "0:<code>a</code> &amp; <a href=\"u>v\">b</a>", "inline tags stay in the cell");
    free(c);
    c = html_cells("<table><caption>t</caption><tr><td>1</td></tr></table>");
    is_str(c, "", "a caption: not a simple table");
    free(c);
    c = html_cells("<table><tr><td>1</td></tr></table> after");
    is_str(c, "", "text after it: not one");
    free(c);
    c = html_cells("<table><tr>text<td>1</td></tr></table>");
    is_str(c, "", "text between cells: not one");
    free(c);
    c = html_cells("<table><tr><td><table><tr><td>1</td></tr></table></td></tr></table>");
    is_str(c, "", "a table in a cell: not one");
    free(c);
    c = html_cells("<table><tr><td>1</td></tr>");
    is_str(c, "", "no end: not one");
    free(c);

    lec_render r = LEC_RENDER_INIT;
    char *s = dump("<table>\n  <tr>\n    <th>Constant</th>\n    <th align=\"right\">Value</th>\n"
                   "  </tr>\n  <tr>\n    <td><code>F_OK</code></td>\n    <td>0</td>\n  </tr>\n"
                   "  <tr>\n    <td><em>R</em>_OK &amp; <a href=\"#r\">more</a></td>\n"
                   "    <td>4<br>four</td>\n  </tr>\n</table>\n",
                   &r);
    is_str(s,
           "Constant         │  Value\n"
           "─────────────────┼───────\n"
           "F_OK             │ 0\n"
           "R_OK & more <#r> │ 4 four\n",
           "drawn as columns: header, a cell's own alignment, entities, links with their "
           "target, <br>");
    free(s);
    ok(has_attr(&r, "F_OK", LEC_A_CODE), "<code> is code");
    ok(has_attr(&r, "R", LEC_A_EMPH), "<em> is emphasis");
    ok(has_attr(&r, "Constant", LEC_A_STRONG), "header cells are strong");
    s = dump("<table><tr><td>a <span class=x>b</span> *c*</td><td>d</td></tr></table>\n", &r);
    is_str(s, "a <span class=x>b</span> *c* │ d\n",
           "no header row, no rule; other tags shown (dimmed); the text is not Markdown");
    free(s);
    ok(has_attr(&r, "<span class=x>", LEC_A_HTML), "the tag dimmed");
    s = dump("<table><caption>t</caption><tr><td>1</td></tr></table>\n", &r);
    is_str(s, "<table><caption>t</caption><tr><td>1</td></tr></table>\n",
           "a table that is not simple: shown as raw HTML");
    free(s);
    lec_render_free(&r);
}

int main(void)
{
    test_html_tables();
    test_html_code_links();
    test_split();
    test_delim();
    test_find();
    test_layout();
    test_doc();
    return tap_done();
}
