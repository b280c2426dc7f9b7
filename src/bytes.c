/*
 * bytes.c - the few bytes that matter in long runs of text, found sixteen
 * at a time (lectern/bytes.h).
 *
 * Each search is a predicate on one place, written once for the bytes
 * the vector loop leaves (the tail, or all of them without SSE2), and
 * once as vector compares over sixteen places, each with the bytes after
 * it loaded at an offset.  The vector loop stops while the last of those
 * loads still ends inside s, so it never reads past n.  Where the
 * processor has AVX2 (asked at run time) the same compares go over
 * thirty-two places first, and the sixteen-place loop takes what they
 * leave: these scans were a quarter of a cold --list.
 */
#include "lectern/bytes.h"

#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>

static inline __m128i load(const unsigned char *p)
{
    return _mm_loadu_si128((const __m128i *)(const void *)p);
}

static inline __m128i is(__m128i v, int c)
{
    return _mm_cmpeq_epi8(v, _mm_set1_epi8((char)c));
}

/* The offset of the first place the mask marks (it is not 0). */
static inline size_t first(int mask)
{
    return (size_t)__builtin_ctz((unsigned)mask);
}
#endif

#if defined(__SSE2__) && defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define BYTES_AVX2 1
#include <immintrin.h>

#include "simd_priv.h"

#define AVX2 __attribute__((target("avx2")))

static int has_avx2(void)
{
    return __builtin_cpu_supports("avx2");
}

AVX2 static inline __m256i load32(const unsigned char *p)
{
    return _mm256_loadu_si256((const __m256i *)(const void *)p);
}

AVX2 static inline __m256i is32(__m256i v, int c)
{
    return _mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)c));
}

/* The places of a window of 32 at or after i (the window starts at j <
 * i + 32): a loop that cannot take a whole step more looks once more at
 * the window that ends where the text does, over places it has looked at
 * already (none of them matched) and the last few it had left. */
static inline unsigned from_i(unsigned mask, size_t j, size_t i)
{
    return i - j >= 32 ? 0 : mask & (~0u << (i - j));
}

/* Each *_avx2 below starts at *at (at least 34 places before n, or the
 * window's size) and gives 1 with *at = the first place found, or 0 with
 * *at where the byte loop must go on: only the places a window cannot
 * hold (a two-byte sequence in the last two) are left to it. */

AVX2 static inline unsigned find3_mask(const unsigned char *p, const __m256i *a, const __m256i *b,
                                       const __m256i *c, int k)
{
    __m256i v0 = load32(p), v1 = load32(p + 1), v2 = load32(p + 2);
    __m256i m = _mm256_setzero_si256();
    for (int j = 0; j < k; j++) {
        __m256i w = _mm256_and_si256(_mm256_cmpeq_epi8(v0, a[j]), _mm256_cmpeq_epi8(v1, b[j]));
        m = _mm256_or_si256(m, _mm256_and_si256(w, _mm256_cmpeq_epi8(v2, c[j])));
    }
    return (unsigned)_mm256_movemask_epi8(m);
}

AVX2 static int find3_avx2(const unsigned char *u, size_t n, size_t *at, const char *const *seq, int k)
{
    size_t i = *at;
    __m256i a[4], b[4], c[4];
    for (int j = 0; j < k; j++) {
        a[j] = _mm256_set1_epi8(seq[j][0]);
        b[j] = _mm256_set1_epi8(seq[j][1]);
        c[j] = _mm256_set1_epi8(seq[j][2]);
    }
    for (; i + 34 <= n; i += 32) {
        unsigned mask = find3_mask(u + i, a, b, c, k);
        if (mask) {
            *at = i + (size_t)__builtin_ctz(mask);
            return 1;
        }
    }
    unsigned mask = from_i(find3_mask(u + n - 34, a, b, c, k), n - 34, i);
    *at = mask ? n - 34 + (size_t)__builtin_ctz(mask) : n;
    return mask != 0;
}

AVX2 static inline unsigned find_mask(const unsigned char *p, __m256i a, __m256i b, __m256i z,
                                      size_t len)
{
    __m256i m = _mm256_and_si256(_mm256_cmpeq_epi8(load32(p), a), _mm256_cmpeq_epi8(load32(p + 1), b));
    m = _mm256_and_si256(m, _mm256_cmpeq_epi8(load32(p + len - 1), z));
    return (unsigned)_mm256_movemask_epi8(m);
}

/* (len >= 3, n - *at >= 31 + len) */
AVX2 static int find_avx2(const unsigned char *u, size_t n, size_t *at, const char *needle, size_t len)
{
    size_t i = *at;
    __m256i a = _mm256_set1_epi8(needle[0]), b = _mm256_set1_epi8(needle[1]),
            z = _mm256_set1_epi8(needle[len - 1]);
    for (;; i += 32) {
        int last = i + 31 + len > n; /* the window that ends where the text does */
        size_t j = last ? n - 31 - len : i;
        unsigned mask = find_mask(u + j, a, b, z, len);
        if (last) mask = from_i(mask, j, i);
        for (; mask; mask &= mask - 1) {
            size_t f = j + (size_t)__builtin_ctz(mask);
            if (memcmp(u + f, needle, len) == 0) {
                *at = f;
                return 1;
            }
        }
        if (last) break;
    }
    *at = n;
    return 0;
}

/* cand_at over 32 places, its sets looked up by nibbles (vpshufb):
 * byte & table_lo[low nibble] & table_hi[high nibble] is nonzero for a
 * member.  The ASCII stops ! ) . : ? and space: 0x20 0x21 0x29 0x2E
 * (bit 1, high nibble 2) and 0x3A 0x3F (bit 2, high nibble 3).  The third
 * byte after E3 80: 80 82 (bit 1); after EF BC: 81 89 (bit 2, high
 * nibble 8) and 9A 9F (bit 4, high nibble 9).  A byte of 0x80 or more
 * has a high nibble of 8 to F: no ASCII entry.  Eleven operations fewer
 * a step than a compare for each byte. */
AVX2 static inline unsigned cand_mask(const unsigned char *p)
{
    const __m256i ascii_lo = _mm256_setr_epi8(1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 0, 1, 2,
                                              1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 0, 1, 2);
    const __m256i ascii_hi = _mm256_setr_epi8(0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                              0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    const __m256i third_lo = _mm256_setr_epi8(1, 2, 1, 0, 0, 0, 0, 0, 0, 2, 4, 0, 0, 0, 0, 4,
                                              1, 2, 1, 0, 0, 0, 0, 0, 0, 2, 4, 0, 0, 0, 0, 4);
    const __m256i third_hi = _mm256_setr_epi8(0, 0, 0, 0, 0, 0, 0, 0, 3, 4, 0, 0, 0, 0, 0, 0,
                                              0, 0, 0, 0, 0, 0, 0, 0, 3, 4, 0, 0, 0, 0, 0, 0);
    __m256i v0 = load32(p), v1 = load32(p + 1), v2 = load32(p + 2);
    __m256i ascii = lec_nibble_class(v0, ascii_lo, ascii_hi);
    __m256i third = lec_nibble_class(v2, third_lo, third_hi);
    __m256i e3 = _mm256_and_si256(_mm256_and_si256(is32(v0, 0xE3), is32(v1, 0x80)),
                                  _mm256_and_si256(third, _mm256_set1_epi8(1)));
    __m256i ef = _mm256_and_si256(_mm256_and_si256(is32(v0, 0xEF), is32(v1, 0xBC)),
                                  _mm256_and_si256(third, _mm256_set1_epi8(6)));
    __m256i any = _mm256_or_si256(ascii, _mm256_or_si256(e3, ef));
    return ~(unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(any, _mm256_setzero_si256()));
}

/* A scan of windows of 32 whose places may hold a sequence of up to
 * three bytes (mask reads p[0..34)): the first place found, as the other
 * *_avx2.  Always inlined, so each caller's mask is inlined too. */
AVX2 __attribute__((always_inline)) static inline int scan3_avx2(const unsigned char *u, size_t n,
                                                                 size_t *at,
                                                                 unsigned (*mask_at)(const unsigned char *))
{
    size_t i = *at;
    for (; i + 34 <= n; i += 32) {
        unsigned mask = mask_at(u + i);
        if (mask) {
            *at = i + (size_t)__builtin_ctz(mask);
            return 1;
        }
    }
    unsigned mask = from_i(mask_at(u + n - 34), n - 34, i);
    /* the last two places (a one-byte stop, NBSP's two bytes) are the
     * byte loop's */
    *at = mask ? n - 34 + (size_t)__builtin_ctz(mask) : i > n - 2 ? i : n - 2;
    return mask != 0;
}

AVX2 static int cand_avx2(const unsigned char *u, size_t n, size_t *at)
{
    return scan3_avx2(u, n, at, cand_mask);
}

AVX2 static inline unsigned clean_mask(const unsigned char *p)
{
    __m256i v0 = load32(p), v1 = load32(p + 1), v2 = load32(p + 2);
    __m256i m = _mm256_and_si256(is32(v0, 0xC2), is32(v1, 0xA0));
    m = _mm256_or_si256(m, _mm256_and_si256(_mm256_and_si256(is32(v0, 0xE2), is32(v1, 0x80)),
                                            is32(v2, 0x8B)));
    m = _mm256_or_si256(m, _mm256_and_si256(_mm256_and_si256(is32(v0, 0xEF), is32(v1, 0xBB)),
                                            is32(v2, 0xBF)));
    return (unsigned)_mm256_movemask_epi8(m);
}

AVX2 static int clean_avx2(const unsigned char *u, size_t n, size_t *at)
{
    return scan3_avx2(u, n, at, clean_mask);
}

/* Markdown's specials over 32 places, by nibbles as cand_mask: & * and #
 * (high nibble 2, bit 1), < (3, bit 2), [ \ ] _ (5, bit 4), ` (6, bit 8);
 * the low nibbles' table has # only in a heading. */
AVX2 static inline unsigned md_special_mask(const unsigned char *p, __m256i lo)
{
    const __m256i hi = _mm256_setr_epi8(0, 0, 1, 2, 0, 4, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                        0, 0, 1, 2, 0, 4, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    __m256i v = load32(p);
    __m256i m = lec_nibble_class(v, lo, hi);
    return ~(unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(m, _mm256_setzero_si256()));
}

AVX2 static int md_special_avx2(const unsigned char *u, size_t n, size_t *at, int heading)
{
    size_t i = *at;
    const char h = heading ? 1 : 0; /* # (0x23) */
    __m256i lo = _mm256_setr_epi8(8, 0, 0, h, 0, 0, 1, 0, 0, 0, 1, 4, 6, 4, 0, 4,
                                  8, 0, 0, h, 0, 0, 1, 0, 0, 0, 1, 4, 6, 4, 0, 4);
    for (; i + 32 <= n; i += 32) {
        unsigned mask = md_special_mask(u + i, lo);
        if (mask) {
            *at = i + (size_t)__builtin_ctz(mask);
            return 1;
        }
    }
    unsigned mask = from_i(md_special_mask(u + n - 32, lo), n - 32, i);
    *at = mask ? n - 32 + (size_t)__builtin_ctz(mask) : n;
    return mask != 0;
}

/* lec_bytes_rough_width's count over s[*at..) in steps of 32; adds to *w. */
AVX2 static void rough_width_avx2(const unsigned char *u, size_t n, size_t *at, size_t *w)
{
    size_t i = *at;
    const __m256i cont = _mm256_set1_epi8(-65), wide = _mm256_set1_epi8(-33),
                  zero = _mm256_setzero_si256();
    while (i + 32 <= n) {
        __m256i acc = zero;
        for (int r = 0; r < 127 && i + 32 <= n; r++, i += 32) {
            __m256i v = load32(u + i);
            acc = _mm256_sub_epi8(acc, _mm256_cmpgt_epi8(v, cont));
            acc = _mm256_sub_epi8(acc, _mm256_and_si256(_mm256_cmpgt_epi8(v, wide),
                                                        _mm256_cmpgt_epi8(zero, v)));
        }
        __m256i sum = _mm256_sad_epu8(acc, zero);
        *w += (size_t)_mm256_extract_epi64(sum, 0) + (size_t)_mm256_extract_epi64(sum, 1) +
              (size_t)_mm256_extract_epi64(sum, 2) + (size_t)_mm256_extract_epi64(sum, 3);
    }
    *at = i;
}
#endif

/* ---- three-byte sequences ------------------------------------------------ */

static int seq3_at(const unsigned char *u, size_t n, size_t i, const char *const *seq, int k)
{
    if (i + 3 > n) return 0;
    for (int j = 0; j < k; j++) /* bytes, not memcmp: the tails of long texts pass here */
        if (u[i] == (unsigned char)seq[j][0] && u[i + 1] == (unsigned char)seq[j][1] &&
            u[i + 2] == (unsigned char)seq[j][2])
            return 1;
    return 0;
}

size_t lec_bytes_find3(const char *s, size_t n, size_t from, const char *const *seq, int k)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = from;
#ifdef __SSE2__
    __m128i a[4], b[4], c[4];
    if (k > 4) k = 4;
#ifdef BYTES_AVX2
    if (i <= n && n - i >= 34 && has_avx2() && find3_avx2(u, n, &i, seq, k)) return i;
#endif
    for (int j = 0; j < k; j++) {
        a[j] = _mm_set1_epi8(seq[j][0]);
        b[j] = _mm_set1_epi8(seq[j][1]);
        c[j] = _mm_set1_epi8(seq[j][2]);
    }
    /* Two (the captions' 摄 and 新) with the loop unrolled: the vectors
     * stay in registers. */
    for (; k == 2 && i + 18 <= n; i += 16) {
        __m128i v0 = load(u + i), v1 = load(u + i + 1), v2 = load(u + i + 2);
        __m128i m0 = _mm_and_si128(_mm_cmpeq_epi8(v0, a[0]), _mm_cmpeq_epi8(v1, b[0]));
        __m128i m1 = _mm_and_si128(_mm_cmpeq_epi8(v0, a[1]), _mm_cmpeq_epi8(v1, b[1]));
        m0 = _mm_and_si128(m0, _mm_cmpeq_epi8(v2, c[0]));
        m1 = _mm_and_si128(m1, _mm_cmpeq_epi8(v2, c[1]));
        int mask = _mm_movemask_epi8(_mm_or_si128(m0, m1));
        if (mask) return i + first(mask);
    }
    for (; i + 18 <= n; i += 16) {
        __m128i v0 = load(u + i), v1 = load(u + i + 1), v2 = load(u + i + 2);
        __m128i m = _mm_setzero_si128();
        for (int j = 0; j < k; j++) {
            __m128i w = _mm_and_si128(_mm_cmpeq_epi8(v0, a[j]), _mm_cmpeq_epi8(v1, b[j]));
            m = _mm_or_si128(m, _mm_and_si128(w, _mm_cmpeq_epi8(v2, c[j])));
        }
        int mask = _mm_movemask_epi8(m);
        if (mask) return i + first(mask);
    }
#endif
    for (; i < n; i++)
        if (seq3_at(u, n, i, seq, k)) return i;
    return n;
}

size_t lec_bytes_find(const char *s, size_t n, size_t from, const char *needle, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = from;
    if (len == 0 || len > n) return n;
#ifdef __SSE2__
    /* Its first two bytes and its last looked for together; the places
     * where all three are are compared whole. */
    if (len >= 3) {
#ifdef BYTES_AVX2
        if (i <= n && n - i >= 31 + len && has_avx2() && find_avx2(u, n, &i, needle, len)) return i;
#endif
        __m128i a = _mm_set1_epi8(needle[0]), b = _mm_set1_epi8(needle[1]),
                z = _mm_set1_epi8(needle[len - 1]);
        for (; i + 15 + len <= n; i += 16) {
            __m128i m =
                _mm_and_si128(_mm_cmpeq_epi8(load(u + i), a), _mm_cmpeq_epi8(load(u + i + 1), b));
            m = _mm_and_si128(m, _mm_cmpeq_epi8(load(u + i + len - 1), z));
            for (int mask = _mm_movemask_epi8(m); mask; mask &= mask - 1)
                if (memcmp(u + i + first(mask), needle, len) == 0) return i + first(mask);
        }
    }
#endif
    for (; i + len <= n; i++)
        if (memcmp(u + i, needle, len) == 0) return i;
    return n;
}

/* ---- numbering candidates -------------------------------------------------- */

static int cand_at(const unsigned char *u, size_t n, size_t i)
{
    unsigned char b = u[i];
    if (b == ' ' || b == '!' || b == ')' || b == '.' || b == ':' || b == '?') return 1;
    if (i + 2 >= n) return 0;
    if (b == 0xE3) return u[i + 1] == 0x80 && (u[i + 2] == 0x80 || u[i + 2] == 0x82);
    if (b == 0xEF)
        return u[i + 1] == 0xBC &&
               (u[i + 2] == 0x81 || u[i + 2] == 0x9F || u[i + 2] == 0x9A || u[i + 2] == 0x89);
    return 0;
}

size_t lec_bytes_cand_stop(const char *s, size_t n, size_t from)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = from;
#ifdef BYTES_AVX2
    if (i <= n && n - i >= 34 && has_avx2() && cand_avx2(u, n, &i)) return i;
#endif
#ifdef __SSE2__
    for (; i + 18 <= n; i += 16) {
        __m128i v0 = load(u + i), v1 = load(u + i + 1), v2 = load(u + i + 2);
        __m128i m = _mm_or_si128(_mm_or_si128(is(v0, ' '), is(v0, '!')),
                                 _mm_or_si128(is(v0, ')'), is(v0, '.')));
        m = _mm_or_si128(m, _mm_or_si128(is(v0, ':'), is(v0, '?')));
        __m128i e3 = _mm_and_si128(_mm_and_si128(is(v0, 0xE3), is(v1, 0x80)),
                                   _mm_or_si128(is(v2, 0x80), is(v2, 0x82)));
        __m128i ef = _mm_and_si128(_mm_and_si128(is(v0, 0xEF), is(v1, 0xBC)),
                                   _mm_or_si128(_mm_or_si128(is(v2, 0x81), is(v2, 0x9F)),
                                                _mm_or_si128(is(v2, 0x9A), is(v2, 0x89))));
        int mask = _mm_movemask_epi8(_mm_or_si128(m, _mm_or_si128(e3, ef)));
        if (mask) return i + first(mask);
    }
#endif
    for (; i < n; i++)
        if (cand_at(u, n, i)) return i;
    return n;
}

/* ---- cleaning -------------------------------------------------------------- */

static int clean_at(const unsigned char *u, size_t n, size_t i)
{
    if (u[i] == 0xC2) return i + 1 < n && u[i + 1] == 0xA0;
    if (i + 2 >= n) return 0;
    return (u[i] == 0xE2 && u[i + 1] == 0x80 && u[i + 2] == 0x8B) ||
           (u[i] == 0xEF && u[i + 1] == 0xBB && u[i + 2] == 0xBF);
}

size_t lec_bytes_clean_stop(const char *s, size_t n, size_t from)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = from;
#ifdef BYTES_AVX2
    if (i <= n && n - i >= 34 && has_avx2() && clean_avx2(u, n, &i)) return i;
#endif
#ifdef __SSE2__
    for (; i + 18 <= n; i += 16) {
        __m128i v0 = load(u + i), v1 = load(u + i + 1), v2 = load(u + i + 2);
        __m128i m = _mm_and_si128(is(v0, 0xC2), is(v1, 0xA0));
        m = _mm_or_si128(m, _mm_and_si128(_mm_and_si128(is(v0, 0xE2), is(v1, 0x80)), is(v2, 0x8B)));
        m = _mm_or_si128(m, _mm_and_si128(_mm_and_si128(is(v0, 0xEF), is(v1, 0xBB)), is(v2, 0xBF)));
        int mask = _mm_movemask_epi8(m);
        if (mask) return i + first(mask);
    }
#endif
    for (; i < n; i++)
        if (clean_at(u, n, i)) return i;
    return n;
}

/* ---- Markdown's special characters ----------------------------------------- */

size_t lec_bytes_md_special(const char *s, size_t n, size_t from, int heading)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = from;
#ifdef BYTES_AVX2
    if (i <= n && n - i >= 32 && has_avx2() && md_special_avx2(u, n, &i, heading)) return i;
#endif
#ifdef __SSE2__
    __m128i hash = _mm_set1_epi8(heading ? '#' : '\\');
    for (; i + 16 <= n; i += 16) {
        __m128i v = load(u + i);
        __m128i m = _mm_or_si128(_mm_or_si128(is(v, '\\'), is(v, '`')),
                                 _mm_or_si128(is(v, '*'), is(v, '_')));
        m = _mm_or_si128(m, _mm_or_si128(_mm_or_si128(is(v, '['), is(v, ']')),
                                         _mm_or_si128(is(v, '<'), is(v, '&'))));
        m = _mm_or_si128(m, _mm_cmpeq_epi8(v, hash));
        int mask = _mm_movemask_epi8(m);
        if (mask) return i + first(mask);
    }
#endif
    for (; i < n; i++) {
        unsigned char c = u[i];
        if (c == '\\' || c == '`' || c == '*' || c == '_' || c == '[' || c == ']' || c == '<' ||
            c == '&' || (heading && c == '#'))
            return i;
    }
    return n;
}

/* ---- a set of ASCII bytes -------------------------------------------------- */

size_t lec_bytes_ascii_in(const char *s, size_t n, const unsigned char table[256])
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
#ifdef __SSE2__
    /* Chinese text has few ASCII bytes: only those are looked up. */
    for (; i + 16 <= n; i += 16) {
        int ascii = ~_mm_movemask_epi8(load(u + i)) & 0xFFFF;
        for (; ascii; ascii &= ascii - 1)
            if (table[u[i + first(ascii)]]) return i + first(ascii);
    }
#endif
    for (; i < n; i++)
        if (table[u[i]]) return i;
    return n;
}

/* ---- sentence ends ------------------------------------------------------------ */

static int end_at(const unsigned char *u, size_t n, size_t i)
{
    unsigned char b = u[i];
    if (b == '\n' || b == '\r' || b == '!' || b == '?') return 1;
    if (i + 2 >= n) return 0;
    if (b == 0xE3) return u[i + 1] == 0x80 && u[i + 2] == 0x82;
    return b == 0xEF && u[i + 1] == 0xBC && (u[i + 2] == 0x81 || u[i + 2] == 0x9F);
}

size_t lec_bytes_sentence_end(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
#ifdef __SSE2__
    for (; i + 18 <= n; i += 16) {
        __m128i v0 = load(u + i), v1 = load(u + i + 1), v2 = load(u + i + 2);
        __m128i m = _mm_or_si128(_mm_or_si128(is(v0, '\n'), is(v0, '\r')),
                                 _mm_or_si128(is(v0, '!'), is(v0, '?')));
        m = _mm_or_si128(m, _mm_and_si128(_mm_and_si128(is(v0, 0xE3), is(v1, 0x80)), is(v2, 0x82)));
        m = _mm_or_si128(m, _mm_and_si128(_mm_and_si128(is(v0, 0xEF), is(v1, 0xBC)),
                                          _mm_or_si128(is(v2, 0x81), is(v2, 0x9F))));
        int mask = _mm_movemask_epi8(m);
        if (mask) return i + first(mask);
    }
#endif
    for (; i < n; i++)
        if (end_at(u, n, i)) return i;
    return n;
}

/* ---- width ----------------------------------------------------------------------- */

size_t lec_bytes_rough_width(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t w = 0, i = 0;
#ifdef BYTES_AVX2
    if (n >= 64 && has_avx2()) rough_width_avx2(u, n, &i, &w);
#endif
#ifdef __SSE2__
    /* As signed bytes, a continuation byte is below -64 and a lead of
     * three or four bytes (E0-FF) in [-32, -1].  A compare that holds
     * gives -1 in its lane: subtracting counts, at most 2 a round, so
     * 127 rounds fit a byte before the lanes are summed (psadbw). */
    const __m128i cont = _mm_set1_epi8(-65), wide = _mm_set1_epi8(-33), zero = _mm_setzero_si128();
    while (i + 16 <= n) {
        __m128i acc = zero;
        for (int r = 0; r < 127 && i + 16 <= n; r++, i += 16) {
            __m128i v = load(u + i);
            acc = _mm_sub_epi8(acc, _mm_cmpgt_epi8(v, cont));
            acc =
                _mm_sub_epi8(acc, _mm_and_si128(_mm_cmpgt_epi8(v, wide), _mm_cmplt_epi8(v, zero)));
        }
        __m128i sum = _mm_sad_epu8(acc, zero);
        w += (size_t)_mm_cvtsi128_si32(sum) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(sum, 8));
    }
#endif
    for (; i < n; i++)
        w += ((u[i] & 0xC0) != 0x80) + (u[i] >= 0xE0);
    return w;
}
