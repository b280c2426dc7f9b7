/*
 * caption.c - photo captions fused into scraped running text
 * (lectern/caption.h).
 *
 * The credit is what makes a caption certain, so it is found first: every
 * 摄 and every 新华社发 is a candidate (a memchr for their common lead
 * byte), kept only in the shapes credits take -- a name of two to six
 * characters between an agency word (记者 社发) or a blank and the 摄,
 * which has a blank or a slash before it.  拍摄, 摄影, 摄氏度 and a bare
 * name with 摄 fused to it never pass.  Then the caption's start is
 * looked for among the few sentence starts before the credit.
 */
#include "lectern/caption.h"
#include "lectern/bytes.h"
#include "lectern/marker.h"
#include "lectern/utf8.h"

#include <stdint.h>
#include <string.h>

#define LOOK_BACK 600   /* bytes a caption reaches back before its credit, at most */
#define MAX_SENTENCES 3 /* sentences a caption holds, at most */
#define NAME_MIN 2      /* characters of the name(s) in a credit */
#define NAME_MAX 6      /* 刘某、李某某 */
#define AGENCY_MAX 8    /* characters of 新华社摄影记者 and the like */

/* ---- characters --------------------------------------------------------- */

/* The code point that ends at s[at] (at > lo), its first byte in *st. */
static int32_t prev_cp(const char *s, size_t lo, size_t at, size_t *st)
{
    size_t i = at - 1;
    while (i > lo && at - i < 4 && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
    int32_t cp;
    int l = lec_utf8_decode(s + i, at - i, &cp);
    if (i + (size_t)l != at) { /* a stray byte */
        *st = at - 1;
        return -1;
    }
    *st = i;
    return cp;
}

static int32_t cp_at(const char *s, size_t n, size_t i, size_t *len)
{
    int32_t cp;
    if (i >= n) {
        *len = 0;
        return -1;
    }
    *len = (size_t)lec_utf8_decode(s + i, n - i, &cp);
    return cp;
}

static int blank(int32_t c)
{
    return c == ' ' || c == '\t' || c == 0x3000 || c == 0xA0;
}

static int stop(int32_t c)
{
    return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == '!' || c == '?';
}

static int closer(int32_t c)
{
    return c == 0x201D || c == 0x2019 || c == 0x300D || c == 0x300F || c == 0xFF09 || c == ')' ||
           c == 0x300B;
}

static int han(int32_t c)
{
    return c >= 0 && lec_cp_is_han(c);
}

static int starts_with(const char *s, size_t n, size_t i, const char *w)
{
    size_t k = strlen(w);
    return i <= n && n - i >= k && memcmp(s + i, w, k) == 0;
}

static int ends_with(const char *s, size_t lo, size_t at, const char *w)
{
    size_t k = strlen(w);
    return at >= lo + k && memcmp(s + at - k, w, k) == 0;
}

/* Back over blanks from at; returns the new position. */
static size_t back_blanks(const char *s, size_t lo, size_t at, int *any)
{
    size_t st;
    while (at > lo && blank(prev_cp(s, lo, at, &st))) {
        at = st;
        if (any) *any = 1;
    }
    return at;
}

static size_t skip_blanks(const char *s, size_t n, size_t i)
{
    size_t l;
    while (blank(cp_at(s, n, i, &l))) i += l;
    return i;
}

/* ---- credits ------------------------------------------------------------ */

/* Words that stand before the name in a credit. */
static const char *const agency[] = {"记者", "社发", "通讯员", "摄影", NULL};

/* Length of the agency word that s[lo..at) ends with, or 0. */
static size_t agency_before(const char *s, size_t lo, size_t at)
{
    for (int i = 0; agency[i]; i++)
        if (ends_with(s, lo, at, agency[i])) return strlen(agency[i]);
    return 0;
}

/* Start of the run of at most max Han characters that ends at s[at]. */
static size_t han_back(const char *s, size_t lo, size_t at, int max, int *count)
{
    size_t st;
    int k = 0;
    while (at > lo && k < max) {
        int32_t c = prev_cp(s, lo, at, &st);
        if (!han(c) && c != 0x00B7 && c != 0x3001) break; /* 阿依·某某, 刘某、李某 */
        at = st;
        k++;
    }
    *count = k;
    return at;
}

/* A credit whose 摄 is at s[k]: returns 1 and its first byte in *b (an
 * opening bracket before it included, *paren set). */
static int credit_at(const char *s, size_t lo, size_t n, size_t k, size_t *b, int *paren)
{
    size_t l, st;
    /* 摄影 摄像 摄氏 摄入 摄取 摄制 are words */
    int32_t next = cp_at(s, n, k + 3, &l);
    if (next == 0x5F71 || next == 0x50CF || next == 0x6C0F || next == 0x5165 || next == 0x53D6 ||
        next == 0x5236)
        return 0;
    int sep = 0;
    size_t j = back_blanks(s, lo, k, &sep);
    int32_t c = j > lo ? prev_cp(s, lo, j, &st) : -1;
    if (c == '/' || c == 0xFF0F) {
        sep = 1;
        j = back_blanks(s, lo, st, NULL);
    }
    int chars;
    size_t ns = han_back(s, lo, j, NAME_MAX + AGENCY_MAX, &chars);
    /* 新华社记者张三摄: the agency inside the run, the name after it */
    for (size_t p = j; p > ns;) {
        size_t a = agency_before(s, ns, p);
        if (a) {
            int nc;
            han_back(s, p, j, NAME_MAX + 1, &nc);
            if (nc < NAME_MIN || nc > NAME_MAX) return 0;
            *b = p - a;
            int ac;
            *b = han_back(s, lo, *b, AGENCY_MAX, &ac);
            goto bracket;
        }
        prev_cp(s, ns, p, &st);
        p = st;
    }
    if (chars < NAME_MIN || chars > NAME_MAX) return 0;
    *b = ns;
    {
        /* 新华社记者 张三/摄, 新华社发（张三摄）: an agency word before the name */
        int gap = 0;
        size_t q = back_blanks(s, lo, ns, &gap);
        size_t q2 = q;
        int32_t o = q > lo ? prev_cp(s, lo, q, &st) : -1;
        if (o == 0xFF08 || o == '(') q2 = back_blanks(s, lo, st, NULL);
        if (agency_before(s, lo, q2)) {
            int ac;
            *b = han_back(s, lo, q2, AGENCY_MAX, &ac);
        } else {
            /* 张三 摄: a blank or a slash before 摄, and the name on its own */
            int32_t before = ns > lo ? prev_cp(s, lo, ns, &st) : -1;
            if (!sep || !(ns == lo || gap || stop(before) || before == 0xFF08 || before == '('))
                return 0;
        }
    }
bracket:
    *paren = 0;
    {
        size_t q = back_blanks(s, lo, *b, NULL);
        int32_t o = q > lo ? prev_cp(s, lo, q, &st) : -1;
        if (o == 0xFF08 || o == '(') {
            *b = st;
            *paren = 1;
        }
    }
    /* 新华社发（张三摄）: the bracket is inside */
    if (!*paren) {
        for (size_t p = *b; p < k; p += l) {
            int32_t x = cp_at(s, n, p, &l);
            if (x == 0xFF08 || x == '(') *paren = 1;
        }
    }
    return 1;
}

/* Where a credit ends: after 摄 (k), and after the bracket that closes a
 * bracketed one. */
static size_t credit_end(const char *s, size_t n, size_t k, int paren)
{
    size_t e = k + 3, l;
    if (paren) {
        size_t i = skip_blanks(s, n, e);
        int32_t c = cp_at(s, n, i, &l);
        if (c == 0xFF09 || c == ')') e = i + l;
    }
    return e;
}

/* 新华社发 with no name and 摄 after it: a credit of its own. */
static int agency_alone(const char *s, size_t lo, size_t n, size_t k, size_t *b, size_t *e)
{
    size_t l, st, i = k + strlen("新华社发");
    /* a name and 摄 follow: that 摄 makes the credit */
    size_t j = skip_blanks(s, n, i);
    int32_t c = cp_at(s, n, j, &l);
    if (c == 0xFF08 || c == '(') j = skip_blanks(s, n, j + l);
    for (int chars = 0; chars <= NAME_MAX + 1; chars++) {
        c = cp_at(s, n, j, &l);
        if (c == 0x6444) return 0; /* 摄 */
        if (!han(c) && !blank(c) && c != '/' && c != 0xFF0F && c != 0x3001) break;
        j += l;
    }
    *b = k;
    *e = i;
    size_t q = back_blanks(s, lo, k, NULL);
    int32_t o = q > lo ? prev_cp(s, lo, q, &st) : -1;
    if (o == 0xFF08 || o == '(') {
        *b = st;
        j = skip_blanks(s, n, i);
        c = cp_at(s, n, j, &l);
        if (c == 0xFF09 || c == ')') *e = j + l;
    }
    return 1;
}

/* ---- where the caption starts --------------------------------------------- */

/* Digits (ASCII or full-width) at s[i]: their byte length, at most max. */
static size_t digits(const char *s, size_t n, size_t i, int max)
{
    size_t j = i, l;
    int k = 0;
    for (;;) {
        int32_t c = cp_at(s, n, j, &l);
        if (!((c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19))) break;
        j += l;
        if (++k > max) return 0;
    }
    return j - i;
}

/* A sentence that opens as a caption: 这是 图为, or a date down to the day
 * (2020年9月22日，  5月11日下午，). */
static int opens_caption(const char *s, size_t n, size_t i)
{
    i = skip_blanks(s, n, i);
    if (starts_with(s, n, i, "这是") || starts_with(s, n, i, "图为") ||
        starts_with(s, n, i, "图片"))
        return 1;
    if (starts_with(s, n, i, "当地时间")) i += strlen("当地时间");
    size_t d = digits(s, n, i, 4);
    if (d && starts_with(s, n, i + d, "年")) {
        i += d + strlen("年");
        d = digits(s, n, i, 2);
    }
    if (!d || !starts_with(s, n, i + d, "月")) return 0;
    i += d + strlen("月");
    d = digits(s, n, i, 2);
    return d && starts_with(s, n, i + d, "日");
}

/* Words of a sentence that tells what a photo shows. */
static const char *const photo_words[] = {"考察", "出席", "看望", "会见", "参观", "拍摄", "调研",
                                          "视察", "慰问", "合影", "主持", "参加", NULL};

static int tells_of_photo(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        for (int k = 0; photo_words[k]; k++)
            if (starts_with(s, b, i, photo_words[k])) return 1;
    return 0;
}

/* The start of the caption whose credit begins at s[b]; lo: how far back
 * it may reach. */
static size_t caption_start(const char *s, size_t lo, size_t b)
{
    size_t starts[MAX_SENTENCES], st;
    int ns = 0;
    size_t floor = b > lo + LOOK_BACK ? b - LOOK_BACK : lo;
    size_t t = back_blanks(s, floor, b, NULL);
    /* the end of the last sentence, its closing marks and its stop */
    while (t > floor) {
        int32_t c = prev_cp(s, floor, t, &st);
        if (!closer(c) && !stop(c)) break;
        t = st;
    }
    while (ns < MAX_SENTENCES && t > floor) {
        size_t p = t;
        int32_t c = 0;
        while (p > floor && !stop(c = prev_cp(s, floor, p, &st))) p = st;
        if (p == floor && !(p == lo)) break; /* the window ends inside a sentence */
        /* p: after a stop, or the paragraph's start; closers go with the stop */
        size_t q = p, l;
        while (closer(cp_at(s, b, q, &l))) q += l;
        starts[ns++] = skip_blanks(s, b, q);
        if (p == lo) break;
        t = st;
        while (t > floor) {
            c = prev_cp(s, floor, t, &st);
            if (!closer(c) && !stop(c)) break;
            t = st;
        }
    }
    for (int j = 0; j < ns; j++) {
        if (!opens_caption(s, b, starts[j])) continue;
        /* "X日，…考察。这是…": the event line before the photo's */
        if (j + 1 < ns && starts_with(s, b, skip_blanks(s, b, starts[j]), "这是") &&
            opens_caption(s, b, starts[j + 1]))
            return starts[j + 1];
        return starts[j];
    }
    lec_marker m;
    if (ns && tells_of_photo(s, starts[0], b) &&
        !lec_marker_scan(s + starts[0], b - starts[0], LEC_MARK_BLOCK, &m))
        return starts[0];
    return b;
}

/* ---- the public function -------------------------------------------------- */

/* The first 摄 (E6 91 84) or 新华社发 (新 = E6 96 B0) in s[from..n), or
 * NULL: the two characters looked for sixteen bytes at a time. */
static const char *next_word(const char *s, size_t from, size_t n)
{
    static const char *const words[] = {"摄", "新"};
    for (size_t i = from; (i = lec_bytes_find3(s, n, i, words, 2)) < n; i++)
        if ((unsigned char)s[i + 1] == 0x91 || starts_with(s, n, i, "新华社发")) return s + i;
    return NULL;
}

int lec_caption_next(const char *s, size_t n, size_t from, lec_caption *c)
{
    for (const char *hit = next_word(s, from, n); hit; hit = next_word(s, (size_t)(hit - s) + 1, n)) {
        size_t k = (size_t)(hit - s), b, e;
        int paren;
        if (hit[1] == '\x91') { /* 摄 */
            if (!credit_at(s, from, n, k, &b, &paren)) continue;
            e = credit_end(s, n, k, paren);
        } else if (!agency_alone(s, from, n, k, &b, &e)) {
            continue;
        }
        c->start = caption_start(s, from, b);
        c->end = e;
        return 1;
    }
    return 0;
}
