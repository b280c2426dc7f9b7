/*
 * t_convert_prop.c - the conversion loses nothing and invents nothing.
 *
 * For random texts (Chinese, markers, Markdown-special characters, odd
 * white space, invalid bytes) and for the real texts of the shared corpus
 * (read from $LECTERN_CORPUS and its folders when it is there) and the
 * samples:
 *  - every character of the input that is not white space appears, in
 *    order, in the converted Markdown;
 *  - and in the text cmark finds in it, but for the backslash of an
 *    escape the input already carries (1\. \* from a page exported as
 *    Markdown), which shows the character it escapes;
 *  - the text of every heading in the output is a piece of the input
 *    (white space aside): no heading gets words that are not there.
 */
#include "../tap.h"
#include "files.h"
#include "lectern/convert.h"
#include "lectern/utf8.h"
#include "lectern/util.h"

#include <cmark.h>
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>

static int ignorable(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
           cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
           cp == 0xFEFF;
}

/* The code points of s that are not white space; without the backslash
 * of an escape (a backslash before ASCII punctuation) when drop_escapes. */
static int32_t *solid_x(const char *s, size_t n, size_t *count, int drop_escapes)
{
    int32_t *v = lec_xmalloc((n + 1) * sizeof *v);
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += (size_t)lec_utf8_decode(s + i, n - i, &cp);
        if (drop_escapes && cp == '\\') {
            /* zero-width characters between go when the text is cleaned */
            size_t j = i;
            while (j + 3 <= n && (memcmp(s + j, "\xe2\x80\x8b", 3) == 0 ||
                                  memcmp(s + j, "\xef\xbb\xbf", 3) == 0))
                j += 3;
            if (j < n && (unsigned char)s[j] > ' ' && (unsigned char)s[j] < 0x7F &&
                !isalnum((unsigned char)s[j])) {
                v[k++] = s[j]; /* the escaped character stands for both */
                i = j + 1;
                continue;
            }
        }
        if (!ignorable(cp)) v[k++] = cp;
    }
    *count = k;
    return v;
}

static int32_t *solid(const char *s, size_t n, size_t *count)
{
    return solid_x(s, n, count, 0);
}

/* All text cmark sees in the Markdown, and the headings' text apart. */
static void cmark_text(const char *md, size_t n, lec_buf *all, lec_buf *headings)
{
    cmark_node *doc = cmark_parse_document(md, n, 0);
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    int in_heading = 0;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *c = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(c);
        if (t == CMARK_NODE_HEADING) {
            in_heading = ev == CMARK_EVENT_ENTER;
            if (!in_heading) lec_buf_putc(headings, '\n');
            continue;
        }
        if (ev != CMARK_EVENT_ENTER) continue;
        const char *lit = cmark_node_get_literal(c);
        if (lit) {
            lec_buf_puts(all, lit);
            if (in_heading) lec_buf_puts(headings, lit);
        }
        const char *url = t == CMARK_NODE_LINK ? cmark_node_get_url(c) : NULL;
        if (url) lec_buf_puts(all, url);
    }
    cmark_iter_free(it);
    cmark_node_free(doc);
}

static int is_subsequence(const int32_t *a, size_t na, const int32_t *b, size_t nb, size_t *at)
{
    size_t j = 0;
    for (size_t i = 0; i < na; i++) {
        while (j < nb && b[j] != a[i]) j++;
        if (j == nb) {
            *at = i;
            return 0;
        }
        j++;
    }
    return 1;
}

static int is_piece(const int32_t *a, size_t na, const int32_t *h, size_t nh)
{
    if (nh == 0) return 1;
    for (size_t i = 0; i + nh <= na; i++)
        if (memcmp(a + i, h, nh * sizeof *h) == 0) return 1;
    return 0;
}

/* Checks one text; returns 1 when both properties hold. */
static int check(const char *text, size_t n, const char *name, int verbose)
{
    size_t mlen;
    char *md = lec_convert(text, n, &mlen);
    lec_buf all = LEC_BUF_INIT, heads = LEC_BUF_INIT;
    /* The front matter is metadata, not Markdown (lectern reads it apart;
     * cmark alone would make a rule and a heading of it).  The text it
     * was taken from stays in the body, so the check ignores it. */
    const char *body = md;
    if (strncmp(md, "---\n", 4) == 0) {
        const char *e = strstr(md + 4, "\n---\n");
        if (e) body = e + 5;
    }
    cmark_text(body, mlen - (size_t)(body - md), &all, &heads);
    size_t na, nb, nx, nm;
    int32_t *a = solid(text, n, &na);
    int32_t *x = solid_x(text, n, &nx, 1);
    int32_t *b = solid(all.data ? all.data : "", all.len, &nb);
    int32_t *mdc = solid(body, mlen - (size_t)(body - md), &nm);
    size_t at = 0;
    int ok1 = is_subsequence(x, nx, b, nb, &at);
    if (!ok1 && verbose)
        printf("# %s: character %zu (U+%04X) of the input is not shown\n", name, at,
               (unsigned)x[at]);
    if (ok1 && !is_subsequence(a, na, mdc, nm, &at)) {
        ok1 = 0;
        if (verbose)
            printf("# %s: character %zu (U+%04X) of the input is missing from the Markdown\n",
                   name, at, (unsigned)a[at]);
    }
    free(mdc);
    int ok2 = 1;
    for (size_t i = 0; i < heads.len && ok2;) {
        const char *nl = memchr(heads.data + i, '\n', heads.len - i);
        size_t l = nl ? (size_t)(nl - (heads.data + i)) : heads.len - i;
        size_t nh;
        int32_t *h = solid(heads.data + i, l, &nh);
        if (!is_piece(x, nx, h, nh)) {
            ok2 = 0;
            if (verbose) printf("# %s: heading not in the input: %.*s\n", name, (int)l, heads.data + i);
        }
        free(h);
        i += l + 1;
    }
    free(a);
    free(x);
    free(b);
    lec_buf_free(&all);
    lec_buf_free(&heads);
    free(md);
    return ok1 && ok2;
}

static const char *const pieces[] = {
    "一、", "二、", "三、", "（一）", "（二）", "(三)", "一是", "二是", "三是", "第一，", "第二，",
    "第一部分", "第二部分", "1.", "2、", "（1）", "①", "②", "首先，", "其次，", "最后，", "First, ",
    "Second, ", "同志们：", "。", "，", "；", "：", "！", "？", "“", "”", "、", "——", "……",
    "建设", "工作", "体制", "海关", "我们", "2005年", "发展", "推进", "的", "是", "要", "在",
    "\n", "\n", "\n\n", "\r\n", "\r", "　　", "　", " ", "  ", "\t", "\xc2\xa0", "\xe2\x80\x8b",
    "\xef\xbb\xbf", "#", "# ", "*", "_", "`", "[", "]", "(", ")", "<", ">", "&", "&amp;", "\\",
    "-", "- ", "+ ", "=", "===", "---", "~~~", "```", "|", "!", "1. ", "2) ", "    ", "<!--",
    "-->", "<div>", "http://x.y", "\xff", "\xe4\xb8", "\x1b[31m", "\x7f", "😀", "e\xcc\x81",
    "abc", "Word", "I. ", "II. ", "3.5%", "1.5亿", "一、二线", "统一是", "第一次", "其一生",
    "摄", "/摄", " 摄", "新华社记者 ", "新华社发", "张三", "（", "）", "2025年4月3日，", "这是",
    "（2019年4月23日在会上的讲话）", "※", "一", "二", "《 日报 》（ 2020年08月25日 02 版）",
    "新华社北京8月24日电", "1\\.", "\\*", "(1.) First, ", "And fifth: ",
};

static void random_text(lec_buf *b, unsigned *seed)
{
    int n = 1 + (int)(rand_r(seed) % 120);
    lec_buf_reset(b);
    for (int i = 0; i < n; i++) {
        const char *p = pieces[rand_r(seed) % (sizeof pieces / sizeof *pieces)];
        lec_buf_puts(b, p);
    }
}

static void check_file(const char *path)
{
    lec_buf b = LEC_BUF_INIT;
    if (!read_file(path, &b)) return;
    ok(check(b.data ? b.data : "", b.len, path, 1), "nothing lost, nothing invented: %s", path);
    lec_buf_free(&b);
}

static int opendir_ok(const char *path)
{
    DIR *d = opendir(path);
    if (d) closedir(d);
    return d != NULL;
}

/* Every .txt of the folder, and of the folders in it (round2/, …). */
static void check_dir(const char *dir, int depth)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    char path[4096];
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (e->d_name[0] == '.') continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (l >= 5 && strcmp(e->d_name + l - 4, ".txt") == 0)
            check_file(path);
        else if (depth > 0 && opendir_ok(path))
            check_dir(path, depth - 1);
    }
    closedir(d);
}

int main(void)
{
    unsigned seed = 20261129;
    lec_buf b = LEC_BUF_INIT;
    int bad = 0, runs = 3000;
    for (int i = 0; i < runs; i++) {
        random_text(&b, &seed);
        if (!check(b.data, b.len, "random", bad == 0)) {
            if (!bad) {
                printf("# first failing input:\n# ");
                for (size_t k = 0; k < b.len; k++) printf("%02x", (unsigned char)b.data[k]);
                printf("\n");
            }
            bad++;
        }
    }
    is_int(bad, 0, "%d random texts keep every character and invent no heading", runs);
    lec_buf_free(&b);

    const char *srcdir = getenv("srcdir");
    char path[4096];
    snprintf(path, sizeof path, "%s/examples/speech.txt", srcdir ? srcdir : ".");
    check_file(path);

    const char *corpus = getenv("LECTERN_CORPUS");
    if (corpus && opendir_ok(corpus)) {
        check_dir(corpus, 1);
    } else {
        printf("ok %d - the shared corpus # SKIP not found (set LECTERN_CORPUS)\n", ++tap_n);
    }
    return tap_done();
}
