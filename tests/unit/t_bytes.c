/*
 * t_bytes.c - the scans of lectern/bytes.h find what a byte-by-byte look
 * finds: at every start, in texts made of the characters they look for
 * and of their near misses (、 E3 80 81 beside 。 E3 80 82, ， beside ！),
 * cut at every length (a match cut by the end is no match), each in a
 * buffer of exactly its size (a read past the end shows under valgrind).
 * The texts reach 300 bytes: the thirty-two-place loops (AVX2, where the
 * processor has it) and the sixteen-place ones both run on them.
 */
#include "lectern/bytes.h"

#include "../tap.h"

#include <stdlib.h>
#include <string.h>

/* clang-format off */
static const char *const pieces[] = {
    "a", " ", "!", ")", ".", ":", "?", "\n", "\r", "#", "\\", "`", "*", "_", "[", "]", "<", "&",
    "。", "、", "「", "　", "！", "？", "：", "）", "，", "；", "\xc2\xa0", "\xc2\xa9",
    "\xe2\x80\x8b", "\xe2\x80\x8c", "\xef\xbb\xbf", "\xef\xbb\xbe", "摄", "新", "文", "华", "字",
    "\xf0\x9f\x98\x80", "é",
};
/* clang-format on */
#define NPIECES (sizeof pieces / sizeof *pieces)

/* A text of about len bytes, from the pieces, into a buffer of its size. */
static char *make(size_t len, size_t *n)
{
    char tmp[512];
    size_t k = 0;
    while (k < len) {
        const char *p = pieces[(size_t)rand() % NPIECES];
        size_t l = strlen(p);
        if (k + l > sizeof tmp) break;
        memcpy(tmp + k, p, l);
        k += l;
    }
    char *s = malloc(k ? k : 1);
    memcpy(s, tmp, k);
    *n = k;
    return s;
}

static int has(const char *s, size_t n, size_t i, const char *w)
{
    size_t l = strlen(w);
    return i + l <= n && memcmp(s + i, w, l) == 0;
}

static size_t ref_cand(const char *s, size_t n, size_t i)
{
    for (; i < n; i++)
        if ((s[i] && strchr(" !).:?", s[i])) || has(s, n, i, "。") || has(s, n, i, "　") ||
            has(s, n, i, "！") || has(s, n, i, "？") || has(s, n, i, "：") || has(s, n, i, "）"))
            return i;
    return n;
}

static size_t ref_clean(const char *s, size_t n, size_t i)
{
    for (; i < n; i++)
        if (has(s, n, i, "\xc2\xa0") || has(s, n, i, "\xe2\x80\x8b") ||
            has(s, n, i, "\xef\xbb\xbf"))
            return i;
    return n;
}

static size_t ref_special(const char *s, size_t n, size_t i, int heading)
{
    for (; i < n; i++)
        if ((s[i] && strchr("\\`*_[]<&", s[i])) || (heading && s[i] == '#')) return i;
    return n;
}

static size_t ref_end(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((s[i] && strchr("\n\r!?", s[i])) || has(s, n, i, "。") || has(s, n, i, "！") ||
            has(s, n, i, "？"))
            return i;
    return n;
}

static size_t ref_find(const char *s, size_t n, size_t i, const char *w)
{
    for (; i < n; i++)
        if (has(s, n, i, w)) return i;
    return n;
}

static size_t ref_ascii(const char *s, size_t n, const unsigned char *table)
{
    for (size_t i = 0; i < n; i++)
        if (table[(unsigned char)s[i]]) return i;
    return n;
}

static size_t ref_width(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        w += ((c & 0xC0) != 0x80) + (c >= 0xE0);
    }
    return w;
}

int main(void)
{
    static const char *const words[] = {"摄", "新"};
    static const unsigned char markup[256] = {['*'] = 1, ['&'] = 1, ['\n'] = 1, [0] = 1};
    int bad[8] = {0};
    srand(14);
    for (int round = 0; round < 3000; round++) {
        size_t n;
        char *s = make((size_t)(round % 300), &n);
        for (size_t from = 0; from <= n; from++) {
            bad[0] += lec_bytes_cand_stop(s, n, from) != ref_cand(s, n, from);
            bad[1] += lec_bytes_clean_stop(s, n, from) != ref_clean(s, n, from);
            bad[2] +=
                lec_bytes_md_special(s, n, from, round & 1) != ref_special(s, n, from, round & 1);
            size_t w = lec_bytes_find3(s, n, from, words, 2), a = ref_find(s, n, from, "摄"),
                   b = ref_find(s, n, from, "新");
            bad[3] += w != (a < b ? a : b);
            bad[4] += lec_bytes_find(s, n, from, "　　", 6) != ref_find(s, n, from, "　　");
        }
        bad[5] += lec_bytes_sentence_end(s, n) != ref_end(s, n);
        bad[6] += lec_bytes_rough_width(s, n) != ref_width(s, n);
        bad[7] += lec_bytes_ascii_in(s, n, markup) != ref_ascii(s, n, markup);
        free(s);
    }
    is_int(bad[0], 0, "candidates: sentence ends, colons, ） and white space (not 、 nor ，)");
    is_int(bad[1], 0, "cleaning: NBSP, U+200B, U+FEFF (not U+00A9, U+200C, U+FEFE)");
    is_int(bad[2], 0, "Markdown's special characters, # in headings only");
    is_int(bad[3], 0, "the first of two three-byte characters");
    is_int(bad[4], 0, "two ideographic spaces");
    is_int(bad[5], 0, "a sentence's end");
    is_int(bad[6], 0, "a rough width");
    is_int(bad[7], 0, "the first of a set of ASCII bytes");

    /* A width over more than 127 rounds of sixteen bytes (the vector
     * loop sums its lanes before they overflow). */
    size_t big = 3 * 4000;
    char *t = malloc(big);
    for (size_t i = 0; i < big; i += 3)
        memcpy(t + i, "文", 3);
    is_int(lec_bytes_rough_width(t, big), 8000, "4000 ideographs are 8000 cells");
    free(t);
    return tap_done();
}
