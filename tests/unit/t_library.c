/*
 * t_library.c - the library's model: dates as written made sortable, the
 * orders, the filter's folding, and a search of the library that finds in
 * each document what the browser's / finds there, in the same order.
 */
#include "lectern/hanfold.h"
#include "lectern/libsearch.h"
#include "lectern/library.h"
#include "lectern/search.h"

#include "../tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void date_is(const char *in, const char *want)
{
    lec_buf b = LEC_BUF_INIT;
    lec_lib_date(in, &b);
    is_str(b.data ? b.data : "", want, "date '%s'", in);
    lec_buf_free(&b);
}

static void test_dates(void)
{
    date_is("2024-03-05", "2024-03-05");
    date_is("2024年3月5日", "2024-03-05");
    date_is("2012-4-14", "2012-04-14");
    date_is("2019.11.03", "2019-11-03");
    date_is("2019/1/2", "2019-01-02");
    date_is("二〇一二年四月十四日", "2012-04-14");
    date_is("二〇二一年十二月三十一日", "2021-12-31");
    date_is("１９９８年６月", "1998-06");
    date_is("更新时间:2012-04-14 10:30", "2012-04-14");
    date_is("2023", "2023");
    date_is("2023年13月", "2023");
    date_is("Spring  1990", "1990");
    date_is("  someday \n soon ", "someday soon");
    date_is("", "");
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
}

static void test_library(const char *dir)
{
    char p[512];
    snprintf(p, sizeof p, "%s/b", dir);
    mkdir(p, 0700);
    snprintf(p, sizeof p, "%s/a.md", dir);
    write_file(
        p, "---\ntitle: 甲\ndate: 2020年1月2日\nauthor: 张三\n---\n\n## 一、书屋\n\n书屋一。\n\n## "
           "二、其他\n\n书屋二，书屋三。\n");
    snprintf(p, sizeof p, "%s/b/c.md", dir);
    write_file(p, "---\ntitle: 乙\ndate: 2021-05-06\nauthor: Li Si\n---\n\n没有那个词。\n");
    snprintf(p, sizeof p, "%s/z.txt", dir);
    write_file(p, "一段没有标题的文字，提到书屋。\n");
    snprintf(p, sizeof p, "%s/skip.csv", dir);
    write_file(p, "书屋\n");

    /* From inside: the paths are ./a.md..., nothing the filter finds. */
    if (chdir(dir) != 0) ok(0, "chdir");
    lec_lib *l = lec_lib_new(LEC_FROM_AUTO);
    lec_buf why = LEC_BUF_INIT;
    is_int(lec_lib_add(l, ".", &why), 0, "a folder is added");
    is_int(lec_lib_add(l, "none", &why), -1, "a missing path is not");
    is_str(why.data, "no such file or folder", "and says why");
    lec_buf_free(&why);
    lec_lib_load(l, NULL, 2);
    is_int((int)lec_lib_count(l), 3, "three documents (.md, .md below, .txt; not the .csv)");

    size_t *idx;
    size_t n = lec_lib_view(l, LEC_LIB_BY_DATE, NULL, &idx);
    is_int((int)n, 3, "the view holds all");
    is_str(lec_lib_get(l, idx[0])->title, "乙", "by date: the newest first");
    is_str(lec_lib_get(l, idx[1])->date, "2020-01-02", "a date as written, made sortable");
    is_str(lec_lib_get(l, idx[2])->title, "z", "undated last; no title: the file name");
    is_int(lec_lib_get(l, idx[1])->parts, 2, "parts: the top-level sections");
    free(idx);
    n = lec_lib_view(l, LEC_LIB_BY_AUTHOR, NULL, &idx);
    is_str(lec_lib_get(l, idx[0])->author, "Li Si", "by speaker");
    is_str(lec_lib_get(l, idx[2])->author, "", "no speaker last");
    free(idx);
    n = lec_lib_view(l, LEC_LIB_BY_DATE, "ｌｉ", &idx);
    is_int((int)n, 1, "the filter folds width and case: ｌｉ finds Li Si");
    free(idx);
    n = lec_lib_view(l, LEC_LIB_BY_DATE, "LI", &idx);
    is_int((int)n, 0, "a capital makes case count");
    free(idx);
    n = lec_lib_view(l, LEC_LIB_BY_DATE, "2020 张", &idx);
    is_int((int)n, 1, "every word of the filter must be there");
    free(idx);

    /* The search: the hits of each document, in the browser's order. */
    n = lec_lib_view(l, LEC_LIB_BY_PATH, NULL, &idx);
    lec_lsearch *s = lec_lsearch_start(l, idx, n, "书屋", 0, 2, NULL);
    ok(s != NULL, "a search starts");
    size_t total = 0;
    for (size_t k = 0; k < n; k++) {
        ok(lec_lsearch_wait(s, k), "document %zu searched", k);
        total += lec_lsearch_hits(s, k)->n;
    }
    is_int((int)total, 5, "five hits in all");
    const lec_dochits *h = lec_lsearch_hits(s, 0);
    is_int((int)h->n, 4, "a.md: four (the heading, then three in paragraphs)");
    is_str(h->hit[0].addr, "1", "the heading's address");
    is_str(h->hit[3].addr, "2", "the last one's");
    is_str(h->hit[3].crumbs, "二、其他", "its breadcrumb");
    ok(h->hit[3].k == 3, "its number in the document");
    is_str(h->hit[3].line, "书屋二，书屋三。", "its line");
    ok(h->hit[3].start == 12 && h->hit[3].end == 18, "the match in the line (bytes 12-18)");
    is_int((int)lec_lsearch_hits(s, 1)->n, 0, "b/c.md: none");
    is_int((int)lec_lsearch_hits(s, 2)->n, 1, "z.txt: one, in plain text");
    ok(lec_lsearch_done(s), "done");
    lec_lsearch_free(s);
    ok(lec_lsearch_start(l, idx, n, "  ", 0, 0, NULL) == NULL, "a blank pattern searches nothing");

    /* Step by step (no threads), stopped after one document. */
    s = lec_lsearch_start(l, idx, n, "书屋", 0, 0, NULL);
    is_int((int)lec_lsearch_ready(s), 0, "no thread: nothing until a step");
    ok(lec_lsearch_step(s), "a step");
    is_int((int)lec_lsearch_ready(s), 1, "one document searched");
    lec_lsearch_stop(s);
    ok(!lec_lsearch_step(s) && lec_lsearch_done(s), "stopped: no more steps, done");
    lec_lsearch_free(s);
    free(idx);
    lec_lib_free(l);
    if (chdir("/") != 0) ok(0, "chdir /");
}

/* A Traditional text is found by a Simplified pattern, as the browser's
 * search finds it: the raw scan looks for every character that folds to
 * the pattern's. */
static void test_scripts(const char *dir)
{
    char p[512];
    snprintf(p, sizeof p, "%s/t", dir);
    mkdir(p, 0700);
    snprintf(p, sizeof p, "%s/t/trad.md", dir);
    write_file(p, "# 國家\n\n國家發展計劃。\n");
    lec_lib *l = lec_lib_new(LEC_FROM_AUTO);
    lec_buf why = LEC_BUF_INIT;
    lec_lib_add(l, p, &why);
    lec_buf_free(&why);
    lec_lib_load(l, NULL, 1);
    const lec_lib_doc *d = lec_lib_get(l, 0);
    lec_dochits h;
    lec_lib_search_doc(l, d, "发展", 0, &h);
    if (lec_hanfold_error())
        ok(1, "# SKIP no OpenCC tables: %s", lec_hanfold_error());
    else
        is_int((int)h.n, 1, "发展 finds 發展 in a file that has no 发");
    lec_dochits_free(&h);
    lec_lib_search_doc(l, d, "发达", 0, &h);
    is_int((int)h.n, 0, "发达 does not");
    lec_dochits_free(&h);
    lec_lib_search_doc(l, d, "发展", LEC_SEARCH_NO_HANFOLD, &h);
    is_int((int)h.n, 0, "with the scripts apart, 发展 does not find 發展");
    lec_dochits_free(&h);
    lec_lib_search_doc(l, d, "國.發", LEC_SEARCH_REGEX, &h);
    is_int((int)h.n, 1, "a regular expression: 國.發");
    lec_dochits_free(&h);
    lec_buf err = LEC_BUF_INIT;
    size_t zero = 0;
    ok(lec_lsearch_start(l, &zero, 1, "(", LEC_SEARCH_REGEX, 0, &err) == NULL && err.len,
       "an invalid regular expression: NULL and PCRE2's message (%s)", err.data ? err.data : "");
    lec_buf_free(&err);
    lec_lib_free(l);
}

int main(void)
{
    test_dates();
    char dir[] = "/tmp/t_library.XXXXXX";
    if (!mkdtemp(dir)) return 1;
    test_library(dir);
    test_scripts(dir);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) ok(0, "clean up");
    return tap_done();
}
