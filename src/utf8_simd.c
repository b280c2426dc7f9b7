/*
 * utf8_simd.c - the valid start of a text, 32 bytes at a time (AVX2).
 *
 * Every document is checked whole before anything else is done with it
 * (load.c), and the byte-at-a-time check was a fifth of `--toc` on
 * 100 MB of Chinese.  This is the lookup method of Keiser and Lemire
 * ("Validating UTF-8 in less than one instruction per byte", 2021): each
 * byte is classified with the byte before it by three 16-entry tables
 * (high nibble of the previous byte, its low nibble, high nibble of this
 * one); a bit left set in all three is an error, and third and fourth
 * bytes of a sequence are told by the byte two and three back.  Only
 * where the processor has AVX2 (asked at run time); it finds a prefix
 * that is valid (up to a NUL, which it stops at for the loader), and
 * utf8.c's own loop goes on from there to the first error, so the offset
 * reported is the same either way.
 */
#include "utf8_simd.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

/* What a pair of bytes can be wrong in (one bit each). */
enum {
    TOO_SHORT = 1 << 0,  /* a lead, then no continuation byte */
    TOO_LONG = 1 << 1,   /* ASCII, then a continuation byte */
    OVERLONG_3 = 1 << 2, /* E0 80-9F */
    TOO_LARGE = 1 << 3,  /* F4 90-BF, F5-FF */
    SURROGATE = 1 << 4,  /* ED A0-BF */
    OVERLONG_2 = 1 << 5, /* C0-C1 */
    TOO_LARGE_1000 = 1 << 6,
    OVERLONG_4 = 1 << 6, /* F0 80-8F */
    TWO_CONTS = 1 << 7,  /* two continuation bytes: wrong unless 3rd/4th */
    CARRY = TOO_SHORT | TOO_LONG | TWO_CONTS,
};

/* The tables, indexed by a nibble. */
static const unsigned char hi1_tab[16] = {
    /* 0___ ASCII */ TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
    /* 10__ continuation */ TWO_CONTS, TWO_CONTS, TWO_CONTS, TWO_CONTS,
    /* 1100 */ TOO_SHORT | OVERLONG_2,
    /* 1101 */ TOO_SHORT,
    /* 1110 */ TOO_SHORT | OVERLONG_3 | SURROGATE,
    /* 1111 */ TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4};
static const unsigned char lo1_tab[16] = {
    /* ____0000 */ CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4,
    /* ____0001 */ CARRY | OVERLONG_2,
    /* ____001_ */ CARRY, CARRY,
    /* ____0100 */ CARRY | TOO_LARGE,
    /* ____0101 to ____1100 */ CARRY | TOO_LARGE | TOO_LARGE_1000,
    CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
    CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
    CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
    CARRY | TOO_LARGE | TOO_LARGE_1000,
    /* ____1101 */ CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE,
    /* ____111_ */ CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000};
static const unsigned char hi2_tab[16] = {
    /* 0___ ASCII */ TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
    TOO_SHORT,
    /* 1000 */ TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4,
    /* 1001 */ TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE,
    /* 101_ */ TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
    TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
    /* 11__ a lead */ TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT};

__attribute__((target("avx2"))) static __m256i table(const unsigned char t[16])
{
    return _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)t));
}

__attribute__((target("avx2"))) static size_t prefix_avx2(const unsigned char *u, size_t n,
                                                          size_t *scanned, unsigned *seen)
{
    const __m256i hi1 = table(hi1_tab), lo1 = table(lo1_tab), hi2 = table(hi2_tab);
    const __m256i nibble = _mm256_set1_epi8(0x0F);
    const __m256i third = _mm256_set1_epi8((char)(0xE0 - 0x80));
    const __m256i fourth = _mm256_set1_epi8((char)(0xF0 - 0x80));
    const __m256i top = _mm256_set1_epi8((char)0x80);
    const __m256i cr = _mm256_set1_epi8('\r');
    const __m256i zero = _mm256_setzero_si256();
    __m256i prev = zero, cr_seen = zero;
    size_t b = 0;
    for (; b + 32 <= n; b += 32) {
        __m256i in = _mm256_loadu_si256((const __m256i *)(const void *)(u + b));
        /* The bytes 1, 2 and 3 back: the last of the block before, then
         * this one's. */
        __m256i joint = _mm256_permute2x128_si256(prev, in, 0x21);
        __m256i p1 = _mm256_alignr_epi8(in, joint, 15);
        __m256i p2 = _mm256_alignr_epi8(in, joint, 14);
        __m256i p3 = _mm256_alignr_epi8(in, joint, 13);
        __m256i sc = _mm256_and_si256(
            _mm256_and_si256(
                _mm256_shuffle_epi8(hi1, _mm256_and_si256(_mm256_srli_epi16(p1, 4), nibble)),
                _mm256_shuffle_epi8(lo1, _mm256_and_si256(p1, nibble))),
            _mm256_shuffle_epi8(hi2, _mm256_and_si256(_mm256_srli_epi16(in, 4), nibble)));
        /* A third byte (E0-FF two back) or fourth (F0-FF three back) must
         * be the TWO_CONTS the tables found, and nothing else. */
        __m256i must = _mm256_and_si256(
            _mm256_or_si256(_mm256_subs_epu8(p2, third), _mm256_subs_epu8(p3, fourth)), top);
        /* A NUL stops the scan too (valid, but the loader's first
         * question: a binary file is said at once, not after 2 GB). */
        __m256i err = _mm256_or_si256(_mm256_xor_si256(must, sc), _mm256_cmpeq_epi8(in, zero));
        if (!_mm256_testz_si256(err, err)) break;
        /* The loader's other question, asked of the same bytes. */
        cr_seen = _mm256_or_si256(cr_seen, _mm256_cmpeq_epi8(in, cr));
        prev = in;
    }
    *scanned = b;
    *seen = _mm256_testz_si256(cr_seen, cr_seen) ? 0u : LEC_UTF8_SAW_CR;
    /* u[0..b) holds no error, but its last character may go on past b
     * (or be cut short there): the prefix ends before it unless it is
     * whole. */
    if (b == 0) return 0;
    size_t k = b - 1;
    while (k > 0 && b - k < 4 && (u[k] & 0xC0) == 0x80) k--;
    unsigned c = u[k];
    size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    return k + len <= b ? b : k;
}

size_t lec_utf8_simd_scan(const char *s, size_t n, size_t *scanned, unsigned *seen)
{
    *scanned = 0;
    *seen = 0;
    if (n < 64 || !__builtin_cpu_supports("avx2")) return 0;
    return prefix_avx2((const unsigned char *)s, n, scanned, seen);
}

#else

size_t lec_utf8_simd_scan(const char *s, size_t n, size_t *scanned, unsigned *seen)
{
    (void)s;
    (void)n;
    *scanned = 0;
    *seen = 0;
    return 0;
}

#endif

size_t lec_utf8_simd_prefix(const char *s, size_t n)
{
    size_t scanned;
    unsigned seen;
    return lec_utf8_simd_scan(s, n, &scanned, &seen);
}
