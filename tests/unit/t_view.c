/*
 * t_view.c - the view model on a small speech written for the test:
 * rows, cursor, folds, jumps, search, resize, breadcrumb.
 */
#include "../tap.h"
#include "files.h"
#include "lectern/convert.h"
#include "lectern/addr.h"
#include "lectern/doc.h"
#include "lectern/render.h"
#include "lectern/search.h"
#include "lectern/utf8.h"
#include "lectern/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char md[] = "# 讲话\n\n"
                         "同志们：\n\n"
                         "## 一、总体要求\n\n"
                         "一是提高认识。这是第一段正文。\n\n"
                         "二是压实责任。这是第二段正文。\n\n"
                         "## 二、重点任务\n\n"
                         "### （一）织密网络\n\n"
                         "书屋要开到群众家门口。\n\n"
                         "### （二）丰富活动\n\n"
                         "读书会要常态化。书屋要有人来。\n\n"
                         "## 三、保障措施\n\n"
                         "经费要到位。\n";

static lec_doc *doc;

/* The text of screen row i (segments joined). */
static char *row(lec_view *v, int i)
{
    lec_line l = LEC_LINE_INIT;
    lec_buf b = LEC_BUF_INIT;
    int k = lec_view_row(v, i, &l);
    if (k == LEC_ROW_END) lec_buf_puts(&b, "~");
    for (size_t s = 0; s < l.nseg; s++) lec_buf_put(&b, l.seg[s].s, l.seg[s].n);
    lec_line_free(&l);
    return lec_buf_detach(&b, NULL);
}

static void is_row(lec_view *v, int i, const char *want, const char *what)
{
    char *got = row(v, i);
    is_str(got, want, "%s", what);
    free(got);
}

static char *cursor_text(lec_view *v)
{
    return row(v, lec_view_cursor_row(v));
}

static void is_cursor(lec_view *v, const char *want, const char *what)
{
    char *got = cursor_text(v);
    is_str(got, want, "%s", what);
    free(got);
}

static void test_rows_and_moves(void)
{
    lec_view *v = lec_view_new(doc, 40, 6, 1);
    is_row(v, 0, "讲话", "the title heading is the first row");
    is_row(v, 1, "", "a blank row between blocks");
    is_row(v, 2, "同志们：", "then the salutation");
    is_int(lec_view_cursor_row(v), 0, "the cursor starts on the first row");
    is_int(lec_view_move(v, 3), 3, "j three times");
    is_cursor(v, "", "the cursor may rest on a blank row");
    lec_view_move(v, 3);
    is_int(lec_view_cursor_row(v), 5, "the cursor stops at the bottom row");
    is_cursor(v, "一是提高认识。这是第一段正文。", "and the screen scrolled under it");
    lec_view_bottom(v);
    is_cursor(v, "经费要到位。", "G: the last row");
    is_int(lec_view_percent(v), 100, "at the end: 100%%");
    is_int(lec_view_move(v, 1), 0, "nothing below the last row");
    lec_view_top(v);
    is_cursor(v, "讲话", "g: the first row");
    is_int(lec_view_move(v, -1), 0, "nothing above the first row");
    lec_view_scroll(v, 6);
    is_row(v, 0, "一是提高认识。这是第一段正文。", "a page down moves the screen by its height");
    is_int(lec_view_cursor_row(v), 0, "and keeps the cursor's screen row");
    lec_view_free(v);
}

static void test_folds(void)
{
    lec_view *v = lec_view_new(doc, 60, 10, 1);
    lec_view_fold(v, LEC_FOLD_ALL);
    is_row(v, 3, "", "a blank row sets the folds off from the text above");
    is_row(v, 4, "一、总体要求 … [2 points, 38 chars]", "zM: a section shows one summary row");
    is_row(v, 5, "二、重点任务 … [2 sections, 54 chars]", "the next folded section follows at once");
    is_row(v, 6, "三、保障措施 … [14 chars]", "and the last");
    is_row(v, 7, "~", "nothing after them");
    lec_view_move(v, 5);
    is_cursor(v, "二、重点任务 … [2 sections, 54 chars]", "the cursor on a folded section");
    lec_view_enter(v);
    is_cursor(v, "（一）织密网络 … [21 chars]", "l opens it and enters: its first child, still folded");
    is_row(v, 8, "（二）丰富活动 … [25 chars]", "the other children stay folded");
    lec_view_parent(v);
    is_cursor(v, "二、重点任务", "h goes to the section's heading");
    lec_view_parent(v);
    is_cursor(v, "二、重点任务 … [2 sections, 54 chars]", "a second h folds it");
    lec_view_fold(v, LEC_FOLD_NONE);
    is_cursor(v, "二、重点任务", "zR opens everything; the cursor stays on the heading");
    lec_view_fold(v, LEC_FOLD_TOGGLE);
    is_cursor(v, "二、重点任务 … [2 sections, 54 chars]", "Tab folds the current section");
    lec_view_fold(v, LEC_FOLD_TOGGLE);
    is_cursor(v, "二、重点任务", "and Tab again opens it");
    lec_view_move(v, 2);
    lec_view_fold(v, LEC_FOLD_CLOSE);
    is_cursor(v, "（一）织密网络 … [21 chars]", "zc inside a subsection folds the subsection");
    lec_view_fold(v, LEC_FOLD_OPEN);
    is_cursor(v, "（一）织密网络", "zo opens it");

    lec_view_fold(v, LEC_FOLD_CYCLE);
    is_cursor(v, "二、重点任务 … [2 sections, 54 chars]", "Shift-Tab: overview");
    lec_view_fold(v, LEC_FOLD_CYCLE);
    lec_view_top(v);
    is_row(v, 0, "讲话", "Shift-Tab again: contents: the title");
    is_row(v, 2, "同志们： … [1 paragraph, 4 chars]", "the preamble as one row");
    is_row(v, 3, "", "set off from the nodes");
    is_row(v, 4, "一、总体要求 … [2 points, 38 chars]", "every node a row");
    is_row(v, 5, "  一是 提高认识。这是第一段正文 … [15 chars]", "children indented below");
    is_row(v, 8, "  （一）织密网络 … [21 chars]", "subsections too");
    lec_view_fold(v, LEC_FOLD_CYCLE);
    lec_view_top(v);
    is_row(v, 0, "讲话", "and again: everything");
    lec_view_free(v);
}

static void test_jumps(void)
{
    lec_view *v = lec_view_new(doc, 60, 10, 1);
    ok(lec_view_next_node(v, 1), "] from the top");
    is_cursor(v, "一、总体要求", "goes to the first section");
    lec_view_next_node(v, 1);
    is_cursor(v, "一是提高认识。这是第一段正文。", "] goes to points too");
    lec_view_next_sibling(v, 1);
    is_cursor(v, "二是压实责任。这是第二段正文。", "} the next sibling");
    ok(!lec_view_next_sibling(v, 1), "} at the last sibling does nothing");
    lec_view_next_node(v, -1);
    is_cursor(v, "一是提高认识。这是第一段正文。", "[ the previous node");
    lec_buf err = LEC_BUF_INIT;
    ok(lec_view_goto(v, "2.2", &err), ":2.2");
    is_cursor(v, "（二）丰富活动", "goes by position");
    ok(lec_view_goto(v, "三", &err), ":三");
    is_cursor(v, "三、保障措施", "goes by marker");
    lec_view_goto(v, "二", &err);
    ok(lec_view_goto(v, ".2", &err), ":.2 in 二、");
    is_cursor(v, "（二）丰富活动", "a leading dot: the current node's second child");
    ok(lec_view_goto(v, ".1", &err), ":.1 in （二）, which has no children");
    is_cursor(v, "（一）织密网络", "the nearest ancestor's first child");
    lec_buf here = LEC_BUF_INIT;
    lec_view_address(v, &here);
    is_str(here.data, "2.1", "the current node's address, for the status line");
    lec_buf_free(&here);
    ok(lec_view_goto(v, "1", &err), ":1 from inside 二、");
    is_cursor(v, "一、总体要求", "an address without a dot starts at the root (as in vim)");
    ok(lec_view_goto(v, "２．２", &err), ":２．２ typed full-width");
    is_cursor(v, "（二）丰富活动", "reads as 2.2 (NFKC)");
    ok(lec_view_goto(v, "二／（一）", &err), ":二／（一）");
    is_cursor(v, "（一）织密网络", "reads as 二/(一)");
    lec_view_goto(v, "2.2", &err);
    ok(!lec_view_goto(v, "9.9", &err), ":9.9 does not exist");
    ok(strstr(err.data ? err.data : "", "nearest") != NULL, "and the message names the nearest");
    lec_buf_free(&err);
    lec_buf crumb = LEC_BUF_INIT;
    lec_view_breadcrumb(v, 60, &crumb);
    is_str(crumb.data, "二、重点任务 › （二）丰富活动", "breadcrumb");
    lec_buf_reset(&crumb);
    lec_view_breadcrumb(v, 16, &crumb);
    ok(crumb.len && lec_str_width(crumb.data, crumb.len, 1) <= 16, "shortened to the room (%s)", crumb.data);
    lec_buf_free(&crumb);

    lec_view_fold(v, LEC_FOLD_ALL);
    lec_view_goto(v, "1.2", NULL);
    is_cursor(v, "二是 压实责任。这是第二段正文 … [15 chars]",
              "a jump into a fold opens the folds around the target (the target keeps its own)");
    lec_view_free(v);
}

static void test_search_and_resize(void)
{
    lec_view *v = lec_view_new(doc, 60, 10, 1);
    lec_view_fold(v, LEC_FOLD_ALL);
    int wrapped;
    is_int(lec_view_search(v, "书屋", 1, &wrapped), 2, "two matches in the document");
    size_t k, n;
    lec_view_search_state(v, &k, &n);
    is_int(k, 1, "the first is current");
    is_cursor(v, "书屋要开到群众家门口。", "the cursor is on it, its fold opened");
    lec_line l = LEC_LINE_INIT;
    lec_view_row(v, lec_view_cursor_row(v), &l);
    ok(l.nseg >= 2 && (l.seg[0].attr & LEC_A_MATCH_CUR) && l.seg[0].n == 6,
       "the current match is marked on its row");
    lec_line_free(&l);
    lec_view_search_next(v, 1, &wrapped);
    is_cursor(v, "读书会要常态化。书屋要有人来。", "n: the next match");
    lec_view_search_next(v, 1, &wrapped);
    is_int(wrapped, 1, "n past the last match wraps");
    lec_view_search_state(v, &k, &n);
    is_int(k, 1, "back to the first");
    is_int(lec_view_search(v, "ＳＨＵ", 1, NULL), 0, "no match");
    is_int(lec_view_search(v, "同志们:", 1, NULL), 1, "a half-width colon finds the full-width one");

    lec_view_goto(v, "2.1", NULL);
    lec_view_move(v, 2);
    char *before = cursor_text(v);
    lec_view_resize(v, 8, 5);
    char *after = cursor_text(v);
    ok(strncmp(before, after, strlen(after)) == 0 && *after, "resize keeps the cursor on the same text (%s)", after);
    free(before);
    free(after);
    for (int i = 0; i < 5; i++) {
        lec_view_row(v, i, &l);
        ok(l.width <= 8, "row %d fits 8 cells (%d)", i, l.width);
    }
    lec_line_free(&l);
    lec_view_free(v);
}


/* Searching plain blocks in the source (a document known to be valid
 * UTF-8) finds what searching the rendered blocks finds: the same count,
 * and the same rows match after match. */
static char *matches(lec_doc *d, const char *pattern)
{
    lec_view *v = lec_view_new(d, 50, 8, 1);
    lec_buf out = LEC_BUF_INIT;
    size_t n = lec_view_search(v, pattern, 1, NULL);
    lec_buf_printf(&out, "%zu:", n);
    for (size_t i = 0; i < n && i < 400; i++) {
        lec_line l = LEC_LINE_INIT;
        lec_view_row(v, lec_view_cursor_row(v), &l);
        for (size_t k = 0; k < l.nseg; k++)
            if (l.seg[k].attr & LEC_A_MATCH_CUR) lec_buf_put(&out, l.seg[k].s, l.seg[k].n);
        lec_buf_putc(&out, '|');
        lec_line_free(&l);
        lec_view_search_next(v, 1, NULL);
    }
    lec_view_free(v);
    return lec_buf_detach(&out, NULL);
}

static void test_plain_search(const char *path, int convert)
{
    lec_buf b = LEC_BUF_INIT;
    if (!read_file(path, &b)) return;
    if (convert) {
        size_t n;
        char *conv = lec_convert(b.data, b.len, &n);
        lec_buf_reset(&b);
        lec_buf_put(&b, conv, n);
        free(conv);
    }
    lec_doc *plain = lec_doc_new_flags(lec_xstrndup(b.data, b.len), b.len, path, LEC_DOC_VALID);
    lec_doc *rendered = lec_doc_new(lec_xstrndup(b.data, b.len), b.len, path);
    static const char *const pats[] = {"的", "书屋", "建设", "，", "一是", "ｓｈｕ", "2024", "要",
                                       "library", "a", " "};
    int same = 1;
    for (size_t i = 0; i < sizeof pats / sizeof *pats && same; i++) {
        char *x = matches(plain, pats[i]), *y = matches(rendered, pats[i]);
        if (strcmp(x, y) != 0) {
            same = 0;
            printf("# %s /%s: %.60s vs %.60s\n", path, pats[i], x, y);
        }
        free(x);
        free(y);
    }
    ok(same, "plain blocks searched in the source match as rendered: %s", path);
    lec_doc_free(plain);
    lec_doc_free(rendered);
    lec_buf_free(&b);
}

/* The look at the source that skips most blocks before a search still
 * finds what only rendering shows: a URL defined elsewhere, an entity, a
 * character that folds into an ideograph. */
static void test_search_hidden(void)
{
    const char *t = "# 题\n\n见[链接][r]。\n\n乙乙&#x4E01;乙\n\n㈠ 乙\n\n[r]: http://例子.cn/丁\n";
    lec_doc *d = lec_doc_new_flags(strdup(t), strlen(t), "t.md", LEC_DOC_VALID);
    lec_view *v = lec_view_new(d, 60, 8, 1);
    ok(lec_view_search(v, "丁", 1, NULL) == 2, "a URL from elsewhere and an entity are searched");
    ok(lec_view_search(v, "一", 1, NULL) == 1, "㈠ is searched as (一)");
    ok(lec_view_search(v, "例子", 1, NULL) == 1, "a pattern only in a URL defined elsewhere");
    lec_view_free(v);
    lec_doc_free(d);
    /* What the screen shows in place of controls is searched too. */
    t = "# 题\n\n甲\xe2\x80\xae乙\x01丙\n\n![图](x.png)\n";
    d = lec_doc_new_flags(strdup(t), strlen(t), "t.md", LEC_DOC_VALID);
    v = lec_view_new(d, 60, 8, 1);
    ok(lec_view_search(v, "U+202E", 1, NULL) == 1, "a bidi control is searched as <U+202E>");
    ok(lec_view_search(v, "^A", 1, NULL) == 1, "a control character is searched as ^A");
    ok(lec_view_search(v, "image", 1, NULL) == 1, "an image is searched as [image: ...]");
    lec_view_free(v);
    lec_doc_free(d);
}

/* The front matter as a compact header, and the preamble folded into one
 * row in the overview states (issue 13). */
static const char head_md[] = "---\n"
                              "title: 读书会的讲话\n"
                              "author: 林一\n"
                              "date: 2026-01-02\n"
                              "source: 县图书馆\n"
                              "occasion: 在全县读书会年会上的讲话\n"
                              "speaker: 林一\n"
                              "---\n\n"
                              "# 读书会的讲话\n\n"
                              "各位书友：\n\n"
                              "今天我们在这里聚会。\n\n"
                              "## 一、回顾\n\n"
                              "去年办了十二场读书会。\n\n"
                              "## 二、展望\n\n"
                              "今年要办二十场。\n";

/* Whether screen row i has a segment spelling text with attribute bit a. */
static int row_has_attr(lec_view *v, int i, const char *text, unsigned a)
{
    lec_line l = LEC_LINE_INIT;
    lec_view_row(v, i, &l);
    int found = 0;
    for (size_t k = 0; k < l.nseg; k++)
        if ((l.seg[k].attr & a) && l.seg[k].n == strlen(text) && !memcmp(l.seg[k].s, text, l.seg[k].n))
            found = 1;
    lec_line_free(&l);
    return found;
}

static void test_header_and_preamble(void)
{
    lec_doc *d = lec_doc_new(strdup(head_md), strlen(head_md), "h.md");
    lec_view *v = lec_view_new(d, 60, 12, 1);
    is_row(v, 0, "读书会的讲话", "the title heading comes first");
    is_row(v, 1, "林一 · 2026-01-02 · 县图书馆 · 在全县读书会年会上的讲话",
           "then one row of author, date, source and occasion");
    is_row(v, 2, "", "then a blank row");
    is_row(v, 3, "各位书友：", "and the text");
    ok(row_has_attr(v, 1, "林一 · 2026-01-02 · 县图书馆 · 在全县读书会年会上的讲话", LEC_A_META),
       "the header row is dimmed (meta)");
    lec_view_move(v, 1);
    ok(lec_view_fold(v, LEC_FOLD_TOGGLE), "Tab on the header row");
    is_row(v, 0, "title: 读书会的讲话", "shows the raw front matter");
    is_row(v, 5, "speaker: 林一", "every line of it");
    is_row(v, 7, "读书会的讲话", "then the title heading");
    is_row(v, 8, "", "and no header row after it");
    lec_view_top(v);
    ok(lec_view_fold(v, LEC_FOLD_TOGGLE), "Tab on a raw line");
    is_row(v, 1, "林一 · 2026-01-02 · 县图书馆 · 在全县读书会年会上的讲话", "compact again");

    lec_view_resize(v, 30, 12);
    char *r1 = row(v, 1);
    ok(lec_str_width(r1, strlen(r1), 1) <= 30 && strstr(r1, "…") && !strncmp(r1, "林一 · ", 8),
       "at 30 columns the header is still one row, cut in the middle: %s", r1);
    is_row(v, 2, "", "(nothing wraps)");
    free(r1);
    lec_view_resize(v, 60, 12);

    ok(lec_view_fold(v, LEC_FOLD_ALL), "zM");
    is_row(v, 0, "读书会的讲话", "the title stays");
    is_row(v, 3, "各位书友：今天我们在这里聚会。 … [2 paragraphs, 15 chars]",
           "the preamble is one summary row");
    is_row(v, 5, "一、回顾 … [17 chars]", "the sections follow");
    is_row(v, 6, "二、展望 … [14 chars]", "all of them");
    lec_view_move(v, 3);
    ok(lec_view_fold(v, LEC_FOLD_TOGGLE), "Tab on the preamble's row");
    is_cursor(v, "各位书友：", "opens it");
    is_row(v, 5, "今天我们在这里聚会。", "its text shows");
    is_row(v, 7, "一、回顾 … [17 chars]", "the sections stay folded");
    lec_view_move(v, 2);
    lec_view_parent(v);
    is_cursor(v, "各位书友：", "h in the preamble: to its start");
    lec_view_parent(v);
    is_cursor(v, "各位书友：今天我们在这里聚会。 … [2 paragraphs, 15 chars]", "h again folds it");
    lec_view_enter(v);
    is_cursor(v, "今天我们在这里聚会。", "l opens it and steps in");
    lec_view_fold(v, LEC_FOLD_CYCLE);
    lec_view_fold(v, LEC_FOLD_CYCLE);
    lec_view_top(v);
    is_row(v, 3, "各位书友：今天我们在这里聚会。 … [2 paragraphs, 15 chars]", "contents: the preamble");
    is_row(v, 5, "一、回顾 … [17 chars]", "then every node");

    /* A match in a folded title is marked on its summary row. */
    lec_view_fold(v, LEC_FOLD_NONE);
    lec_view_top(v);
    ok(lec_view_search(v, "回顾", 1, NULL) == 1, "/回顾");
    lec_view_fold(v, LEC_FOLD_ALL);
    lec_view_top(v);
    ok(row_has_attr(v, 5, "回顾", LEC_A_MATCH), "zM: the match is marked on the summary row");
    ok(!row_has_attr(v, 6, "展望", LEC_A_MATCH), "(and nothing else is)");
    ok(lec_view_search(v, "聚会", 1, NULL) == 1, "a search into the folded preamble");
    is_cursor(v, "今天我们在这里聚会。", "opens it");
    lec_view_free(v);

    /* The whole takes the part's state. */
    size_t plen = (size_t)(strstr(head_md, "## 二、") - head_md);
    lec_doc *part = lec_doc_new(lec_xstrndup(head_md, plen), plen, "h.md");
    lec_view *pv = lec_view_new(part, 60, 12, 1), *wv = lec_view_new(d, 60, 12, 1);
    lec_view_fold(pv, LEC_FOLD_ALL);
    lec_view_adopt(wv, pv);
    is_row(wv, 3, "各位书友：今天我们在这里聚会。 … [2 paragraphs, 15 chars]",
           "the whole of a large file keeps the folded preamble");
    lec_view_free(pv);
    lec_view_free(wv);
    lec_doc_free(part);
    lec_doc_free(d);

    /* Front matter and no title heading: the header has the title. */
    static const char b_md[] = "---\ntitle: 无题\nauthor: 甲\n---\n\n正文。\n\n## 一、开头\n\n内容。\n";
    d = lec_doc_new(strdup(b_md), strlen(b_md), "b.md");
    v = lec_view_new(d, 40, 8, 1);
    is_row(v, 0, "无题", "no title heading: the header shows the title");
    is_row(v, 1, "甲", "and the author");
    is_row(v, 3, "正文。", "then the text");
    ok(row_has_attr(v, 0, "无题", LEC_A_HEADING), "the title as a heading");
    lec_view_free(v);
    lec_doc_free(d);

    /* No sections: nothing to fold, and the view says so. */
    static const char flat[] = "只有一段。\n\n又一段。\n";
    d = lec_doc_new(strdup(flat), strlen(flat), "f.md");
    v = lec_view_new(d, 40, 8, 1);
    ok(!lec_view_fold(v, LEC_FOLD_ALL), "zM on a document without sections does nothing");
    ok(!lec_view_fold(v, LEC_FOLD_CYCLE), "nor does Shift-Tab");
    is_row(v, 0, "只有一段。", "the text is as it was");
    lec_view_free(v);
    lec_doc_free(d);
}

/* The screen as one string, rows joined by '|'. */
static char *screen(lec_view *v, int rows)
{
    lec_buf b = LEC_BUF_INIT;
    for (int i = 0; i < rows; i++) {
        char *r = row(v, i);
        lec_buf_puts(&b, r);
        lec_buf_putc(&b, i == lec_view_cursor_row(v) ? '<' : '|');
        free(r);
    }
    return lec_buf_detach(&b, NULL);
}

/* A view of the first part of a document hands its folds and place to a
 * view of the whole: the screen is what the same keys give on the whole. */
static void test_adopt(void)
{
    const char *cut = strstr(md, "### （二）");
    size_t plen = (size_t)(cut - md);
    lec_doc *part = lec_doc_new(lec_xstrndup(md, plen), plen, "t.md");
    lec_doc *whole = lec_doc_new(strdup(md), strlen(md), "t.md");
    lec_view *pv = lec_view_new(part, 30, 6, 1), *ref = lec_view_new(whole, 30, 6, 1);
    lec_view *views[2] = {pv, ref};
    for (int k = 0; k < 2; k++) {
        lec_view_move(views[k], 3);
        lec_view_fold(views[k], LEC_FOLD_CLOSE); /* 一、 */
        lec_view_move(views[k], 2);
        lec_view_fold(views[k], LEC_FOLD_CLOSE); /* （一） */
        lec_view_move(views[k], -1);
    }
    lec_view *wv = lec_view_new(whole, 30, 6, 1);
    lec_view_adopt(wv, pv);
    char *a = screen(wv, 6), *b = screen(ref, 6);
    ok(strcmp(a, b) == 0, "the whole takes the part's folds and place");
    if (strcmp(a, b)) printf("# %s\n# %s\n", a, b);
    free(a);
    free(b);
    lec_view_fold(wv, LEC_FOLD_CYCLE);
    lec_view_fold(ref, LEC_FOLD_CYCLE);
    a = screen(wv, 6), b = screen(ref, 6);
    ok(strcmp(a, b) == 0, "... and goes on like it");
    free(a);
    free(b);
    lec_view_free(pv);
    lec_view_free(wv);
    lec_view_free(ref);
    lec_doc_free(part);
    lec_doc_free(whole);
}

/* : on a law written for the test: an article by its marker, wherever
 * it sits and wherever the cursor is. */
static void test_goto_article(void)
{
    static const char law[] = "# 示例条例\n\n## 第一章 总则\n\n第一条 甲。\n\n第二条 乙。\n\n"
                              "## 第二章 管理\n\n### 第一节 登记\n\n第三条 丙。\n\n"
                              "### 第二节 变更\n\n第四条 丁。\n";
    lec_doc *d = lec_doc_new(strdup(law), strlen(law), "law.md");
    lec_view *v = lec_view_new(d, 60, 10, 1);
    lec_buf err = LEC_BUF_INIT;
    ok(lec_view_goto(v, "第三条", &err), ":第三条 from the top");
    is_cursor(v, "第三条 丙。", "goes to the article under 第二章/第一节");
    ok(lec_view_goto(v, "第一条", &err), ":第一条 from inside 第二章");
    is_cursor(v, "第一条 甲。", "goes back to 第一章");
    ok(lec_view_goto(v, "第二章/第二节/第四条", &err), ":第二章/第二节/第四条");
    is_cursor(v, "第四条 丁。", "a path of markers");
    lec_buf_free(&err);
    lec_view_free(v);
    lec_doc_free(d);
}

/* Where the hits are: per node, in the summary of a folded node, and the
 * modes a search can have (regular expression, the script fold off). */
static void test_hits(void)
{
    lec_view *v = lec_view_new(doc, 60, 10, 1);
    uint32_t one = lec_addr_resolve(doc, "1", 0, NULL), two = lec_addr_resolve(doc, "2", 0, NULL);
    uint32_t two_a = lec_addr_resolve(doc, "2.1", 0, NULL), two_b = lec_addr_resolve(doc, "2.2", 0, NULL);
    is_int(lec_view_hits(v, 0), 0, "no search, no hits");
    is_int(lec_view_search(v, "书屋", 1, NULL), 2, "书屋: two matches");
    is_int(lec_view_hits(v, 0), 2, "both in the document");
    is_int(lec_view_hits(v, two), 2, "both in 二、");
    is_int(lec_view_hits(v, two_a), 1, "one in （一）");
    is_int(lec_view_hits(v, two_b), 1, "one in （二）");
    is_int(lec_view_hits(v, one), 0, "none in 一、");
    lec_view_fold(v, LEC_FOLD_ALL);
    lec_view_top(v);
    int found_two = 0, found_one = 0;
    for (int i = 0; i < 10; i++) {
        char *r = row(v, i);
        if (strstr(r, "二、重点任务") && strstr(r, ", 2 hits]")) found_two = 1;
        if (strstr(r, "一、总体要求") && !strstr(r, "hit")) found_one = 1;
        free(r);
    }
    ok(found_two, "the folded 二、 says it hides 2 hits");
    ok(found_one, "the folded 一、 says nothing of hits");
    lec_line l = LEC_LINE_INIT;
    int marked = 0;
    for (int i = 0; i < 10; i++) {
        lec_view_row(v, i, &l);
        for (size_t k = 0; k < l.nseg; k++)
            if ((l.seg[k].attr & LEC_A_SUMMARY) && (l.seg[k].attr & LEC_A_STRONG) &&
                l.seg[k].n == strlen("2 hits") && memcmp(l.seg[k].s, "2 hits", 6) == 0)
                marked = 1;
    }
    lec_line_free(&l);
    ok(marked, "the hits stand out (strong) in the summary");
    is_int(lec_view_search(v, "读书会", 1, NULL), 1, "a new search");
    is_int(lec_view_hits(v, two), 1, "counts again");
    lec_view_search(v, "", 1, NULL);
    is_int(lec_view_hits(v, two), 0, "a cleared search has no hits");

    lec_view_search_flags(v, LEC_SEARCH_REGEX);
    is_int(lec_view_search(v, "[一二]是", 1, NULL), 2, "a regular expression");
    is_str(lec_view_search_error(v), NULL, "no error");
    is_int(lec_view_search(v, "(一是", 1, NULL), 0, "an invalid one searches nothing");
    ok(lec_view_search_error(v) && strstr(lec_view_search_error(v), "missing closing parenthesis"),
       "and says why: %s", lec_view_search_error(v) ? lec_view_search_error(v) : "(null)");
    lec_view_search_flags(v, 0);
    is_int(lec_view_search(v, "[一二]是", 1, NULL), 0, "literal again");
    is_str(lec_view_search_error(v), NULL, "the error is gone");
    lec_view_free(v);

    const char *t = "# 講話\n\n## 一、發展\n\n臺灣的發展，台灣的发展。\n";
    lec_doc *d = lec_doc_new_flags(strdup(t), strlen(t), "t.md", LEC_DOC_VALID);
    v = lec_view_new(d, 60, 8, 1);
    is_int(lec_view_search(v, "发展", 1, NULL), 3, "发展 finds 發展 and 发展, in the heading too");
    is_int(lec_view_search(v, "台湾", 1, NULL), 2, "台湾 finds 臺灣 and 台灣");
    is_cursor(v, "臺灣的發展，台灣的发展。", "on the paragraph as written");
    lec_view_search_flags(v, LEC_SEARCH_NO_HANFOLD);
    is_int(lec_view_search(v, "台湾", 1, NULL), 0, "not with the fold off");
    is_int(lec_view_search(v, "台灣", 1, NULL), 1, "台灣 alone then");
    lec_view_free(v);
    lec_doc_free(d);
}

int main(void)
{
    doc = lec_doc_new(strdup(md), strlen(md), "t.md");
    test_rows_and_moves();
    test_folds();
    test_jumps();
    test_goto_article();
    test_search_and_resize();
    test_search_hidden();
    test_adopt();
    test_hits();
    test_header_and_preamble();
    lec_doc_free(doc);

    char path[4096];
    const char *srcdir = getenv("srcdir") ? getenv("srcdir") : ".";
    snprintf(path, sizeof path, "%s/examples/speech.md", srcdir);
    test_plain_search(path, 0);
    snprintf(path, sizeof path, "%s/examples/speech-en.md", srcdir);
    test_plain_search(path, 0);
    snprintf(path, sizeof path, "%s/examples/speech.txt", srcdir);
    test_plain_search(path, 1);
    snprintf(path, sizeof path, "%s/examples/tables.md", srcdir);
    test_plain_search(path, 0);
    const char *corpus = getenv("LECTERN_CORPUS");
    static const char *const texts[] = {"customs-speech-2012.txt", "zh_gov_work_report_2024.txt",
                                        "zh_speech_covid_bushu_20200223_runon.txt"};
    for (size_t i = 0; corpus && i < sizeof texts / sizeof *texts; i++) {
        snprintf(path, sizeof path, "%s/%s", corpus, texts[i]);
        test_plain_search(path, 1);
    }
    return tap_done();
}
