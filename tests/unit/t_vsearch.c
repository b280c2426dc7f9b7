/*
 * t_vsearch.c - a search done a slice at a time (lec_view_search_step)
 * finds what the whole search finds: the same match shown, the same
 * matches in the same order, the same numbers, whatever the slices, the
 * direction and where the cursor starts; and a new search drops the old
 * one's work.
 */
#include "../tap.h"
#include "lectern/doc.h"
#include "lectern/search.h"
#include "lectern/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A document of many blocks: sections of paragraphs, a few with 书屋,
 * one list (rendered by cmark, not the plain path) and a code block. */
static char *make_doc(size_t *len)
{
    lec_buf b = LEC_BUF_INIT;
    lec_buf_puts(&b, "# 讲话\n\n同志们：\n\n");
    for (int s = 1; s <= 12; s++) {
        lec_buf_printf(&b, "## 第%d部分\n\n", s);
        for (int p = 0; p < 9; p++) {
            if ((s * 7 + p) % 5 == 0)
                lec_buf_printf(&b, "第%d段说书屋，再说一次书屋。\n\n", p);
            else
                lec_buf_printf(&b, "第%d段说别的事情，和读书有关。\n\n", p);
        }
        if (s % 4 == 0) lec_buf_puts(&b, "- 一项书屋\n- 二项\n\n```\n书屋 in code\n```\n\n");
    }
    return lec_buf_detach(&b, len);
}

/* The current match's text position and the numbers, as one string. */
static char *state(lec_view *v)
{
    size_t k, n;
    lec_view_search_state(v, &k, &n);
    lec_buf b = LEC_BUF_INIT;
    lec_vpos p = lec_view_tell(v);
    lec_buf_printf(&b, "%zu/%zu at %u+%u row %d", k, n, p.src, p.chr, p.screen_row);
    return lec_buf_detach(&b, NULL);
}

/* The rows of the screen with their attributes, so that the marked
 * matches are compared too. */
static char *screen(lec_view *v, int rows)
{
    lec_buf b = LEC_BUF_INIT;
    lec_line l = LEC_LINE_INIT;
    for (int i = 0; i < rows; i++) {
        lec_view_row(v, i, &l);
        for (size_t s = 0; s < l.nseg; s++) {
            lec_buf_printf(&b, "<%x>", l.seg[s].attr);
            lec_buf_put(&b, l.seg[s].s, l.seg[s].n);
        }
        lec_buf_putc(&b, '\n');
    }
    lec_line_free(&l);
    return lec_buf_detach(&b, NULL);
}

static int check_one(lec_doc *doc, const char *pat, int dir, int start_row, long slice,
                     const char *what)
{
    lec_view *a = lec_view_new(doc, 40, 8, 1), *b = lec_view_new(doc, 40, 8, 1);
    lec_view_move(a, start_row);
    lec_view_move(b, start_row);
    int wa = 0;
    lec_view_search(a, pat, dir, &wa);
    lec_view_search_start(b, pat, dir);
    int steps = 0, p;
    /* The match is shown as soon as it is found, before the count. */
    while (!((p = lec_view_search_step(b, -1, slice)) & LEC_VS_FOUND)) steps++;
    char *sa = state(a), *sb = state(b);
    /* The cursor is on the same text before the count is done. */
    lec_vpos pa = lec_view_tell(a), pb = lec_view_tell(b);
    int same_place = pa.src == pb.src && pa.chr == pb.chr;
    while (!((p = lec_view_search_step(b, -1, slice)) & LEC_VS_TOTAL)) steps++;
    free(sb);
    sb = state(b);
    char *ca = screen(a, 8), *cb = screen(b, 8);
    int good = same_place && strcmp(sa, sb) == 0 && strcmp(ca, cb) == 0 &&
               lec_view_search_wrapped(b) == wa && (p & LEC_VS_INDEX);
    ok(good, "%s: %s %s from row %d, %ld block(s) a step (%d steps): %s", what, dir > 0 ? "/" : "?",
       pat, start_row, slice, steps, sb);
    if (!good) {
        printf("# whole: %s wrapped %d\n%s", sa, wa, ca);
        printf("# steps: %s wrapped %d same place before the count: %d\n%s", sb,
               lec_view_search_wrapped(b), same_place, cb);
    }
    /* n and N agree after it, both ways. */
    int agree = 1;
    for (int i = 0; i < 5 && agree; i++) {
        int w1 = 0, w2 = 0;
        lec_view_search_next(a, i < 3 ? 1 : -1, &w1);
        lec_view_search_next(b, i < 3 ? 1 : -1, &w2);
        char *x = state(a), *y = state(b);
        agree = strcmp(x, y) == 0 && w1 == w2;
        free(x);
        free(y);
    }
    ok(agree, "%s: then n and N go the same way", what);
    free(sa);
    free(sb);
    free(ca);
    free(cb);
    lec_view_free(a);
    lec_view_free(b);
    return good;
}

/* n pressed while the count goes on reads what it needs first. */
static void test_next_early(lec_doc *doc)
{
    lec_view *a = lec_view_new(doc, 40, 8, 1), *b = lec_view_new(doc, 40, 8, 1);
    lec_view_move(a, 30);
    lec_view_move(b, 30);
    lec_view_search(a, "书屋", 1, NULL);
    lec_view_search_start(b, "书屋", 1);
    while (!(lec_view_search_step(b, -1, 1) & LEC_VS_FOUND)) {}
    int same = 1;
    for (int i = 0; i < 60 && same; i++) {
        int w1 = 0, w2 = 0;
        lec_view_search_next(a, 1, &w1);
        lec_view_search_next(b, 1, &w2);
        lec_vpos pa = lec_view_tell(a), pb = lec_view_tell(b);
        same = pa.src == pb.src && pa.chr == pb.chr && w1 == w2;
    }
    ok(same, "n while the count goes on: the same matches, wrapping the same");
    size_t k, n, ka, na;
    lec_view_search_step(b, -1, -1);
    lec_view_search_state(a, &ka, &na);
    lec_view_search_state(b, &k, &n);
    ok(k == ka && n == na, "and the same numbers once counted: %zu/%zu, %zu/%zu", k, n, ka, na);
    lec_view_free(a);
    lec_view_free(b);
}

/* A new pattern drops the old one's work; an empty one ends the search. */
static void test_restart(lec_doc *doc)
{
    lec_view *v = lec_view_new(doc, 40, 8, 1);
    lec_view_search_start(v, "书屋", 1);
    lec_view_search_step(v, -1, 2);
    ok(!(lec_view_search_progress(v) & LEC_VS_TOTAL), "two blocks read: not counted yet");
    lec_view_search_start(v, "读书", 1);
    lec_view_search_step(v, -1, -1);
    size_t k, n;
    lec_view_search_state(v, &k, &n);
    lec_view *w = lec_view_new(doc, 40, 8, 1);
    size_t all = lec_view_search(w, "读书", 1, NULL);
    ok(n == all && n > 0, "a new pattern counts its own matches only: %zu (%zu)", n, all);
    lec_view_search_start(v, "书屋", 1);
    lec_view_search_step(v, -1, 1);
    is_int(lec_view_search_start(v, "", 1), 0, "an empty pattern searches nothing");
    is_int(lec_view_search_progress(v), LEC_VS_FOUND | LEC_VS_INDEX | LEC_VS_TOTAL,
           "and no work is left");
    lec_view_search_state(v, &k, &n);
    ok(k == 0 && n == 0, "no matches");
    is_int(lec_view_search_start(v, "不在文中的词", 1), 1, "a pattern that is nowhere");
    int p = lec_view_search_step(v, -1, -1);
    lec_view_search_state(v, &k, &n);
    ok((p & LEC_VS_TOTAL) && n == 0, "is settled with no match");
    lec_view_free(v);
    lec_view_free(w);
}

/* A paragraph of 2.5 MB, read a piece (1 MB) at a time: the matches are
 * those of the whole paragraph, across the cuts too, and a step does not
 * read it all. */
static void test_long_paragraph(void)
{
    lec_buf b = LEC_BUF_INIT;
    lec_buf_puts(&b, "# 长段落\n\n");
    size_t start = b.len, mb = (size_t)1 << 20;
    /* Filler of three-byte characters; 发展 at places near the cuts at 1
     * and 2 MB (one byte before, at, after) and elsewhere. */
    static const char filler[] = "这是一段很长的文字没有换行也没有标点";
    size_t want_at[] = {100, mb - 2, mb - 3 - 3, mb + 3, 2 * mb - 4, 2 * mb, 2 * mb + 30, 2 * mb + 500000};
    size_t nwant = sizeof want_at / sizeof *want_at, w = 0;
    while (b.len - start < (size_t)(2.5 * mb)) {
        size_t off = b.len - start;
        if (w < nwant && off + 6 > want_at[w]) {
            lec_buf_puts(&b, "发展");
            w++;
        } else {
            lec_buf_put(&b, filler, 3);
        }
    }
    lec_buf_puts(&b, "\n");
    size_t len;
    char *text = lec_buf_detach(&b, &len);
    /* The truth: the search over the paragraph at once. */
    lec_search *se = lec_search_new("发展", strlen("发展"));
    lec_match *m = NULL;
    size_t count = 0, cap = 0;
    lec_search_find(se, text + start, len - start - 1, &m, &count, &cap);
    lec_doc *doc = lec_doc_new(text, len, "long.md");
    lec_view *a = lec_view_new(doc, 80, 10, 1);
    lec_view_search_start(a, "发展", 1);
    int p = lec_view_search_step(a, -1, 1);
    ok(!(p & LEC_VS_TOTAL), "one step reads a piece of the 2.5 MB paragraph, not all of it");
    int steps = 1;
    while (!(lec_view_search_step(a, -1, 1) & LEC_VS_TOTAL)) steps++;
    size_t k, n;
    lec_view_search_state(a, &k, &n);
    ok(n == count && n == nwant, "%zu matches in %d steps, as the whole paragraph has %zu (%zu put)", n,
       steps, count, nwant);
    lec_view *c = lec_view_new(doc, 80, 10, 1);
    size_t nc = lec_view_search(c, "发展", 1, NULL);
    ok(nc == count, "at once too: %zu", nc);
    /* The same places, match by match. */
    int same = 1;
    for (size_t i = 0; i < count && same; i++) {
        lec_vpos pa = lec_view_tell(a), pc = lec_view_tell(c);
        size_t ka, na, kc, nc2;
        lec_view_search_state(a, &ka, &na);
        lec_view_search_state(c, &kc, &nc2);
        same = pa.src == pc.src && pa.chr == pc.chr && ka == kc;
        lec_view_search_next(a, 1, NULL);
        lec_view_search_next(c, 1, NULL);
    }
    ok(same, "n goes through the same places");
    free(m);
    lec_search_free(se);
    lec_view_free(a);
    lec_view_free(c);
    lec_doc_free(doc);
}

int main(void)
{
    size_t len;
    char *text = make_doc(&len);
    lec_doc *doc = lec_doc_new(text, len, "t.md");
    static const char *const pats[] = {"书屋", "读书", "第3段", "in code", "不在文中的词"};
    static const int starts[] = {0, 5, 40, 90, 200};
    static const long slices[] = {1, 3, 50};
    for (size_t i = 0; i < sizeof pats / sizeof *pats; i++)
        for (int dir = -1; dir <= 1; dir += 2)
            for (size_t s = 0; s < sizeof starts / sizeof *starts; s++)
                check_one(doc, pats[i], dir, starts[s], slices[(i + s) % 3], "same as at once");
    test_next_early(doc);
    test_restart(doc);
    lec_doc_free(doc);
    test_long_paragraph();
    return tap_done();
}
