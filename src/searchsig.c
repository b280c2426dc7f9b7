/*
 * searchsig.c - what a block may hold, in 48 bytes (lectern/search.h).
 *
 * A signature is a 256-bit set with one bit per hash of every ideograph
 * (U+3400-U+9FFF) in the block's source, hashed as it folds (hanfold.h:
 * 發 and 发 set the same bit, whether or not a search folds them, so one
 * signature serves both), one bit for each ASCII letter
 * and digit it has (lowercased; a full-width one counts as its ASCII
 * form), and two
 * flags for what makes such a set unreliable: characters that fold into
 * an ideograph (radicals, enclosed and compatibility ideographs, anything
 * of four bytes), and characters that fold into or are shown as ASCII
 * letters and digits (Latin letters with marks, ① ², ligatures, control
 * characters shown as ^X, bidi controls shown as <U+202E>, "[image: ").
 * A numeric entity (&#...;) can be anything: both flags; a named one
 * letters and signs (entity()).  A link whose URL is defined elsewhere
 * shows it: the definition is added to the block's signature
 * (lec_sig_add).  A search looks only at blocks whose signature
 * has every ideograph, letter and digit of its pattern.
 *
 * The flags err on the side of "maybe": a block wrongly flagged is only
 * searched for nothing.  tests/unit/t_search.c tries every code point.
 */
#include "lectern/search.h"
#include "lectern/hanfold.h"
#include "lectern/utf8.h"

#include <pthread.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* The two flags (lec_sig.wild). */
enum { WILD_HAN = 1, WILD_ASCII = 2 };

/* The bit of an ideograph: multiplicative hashing of the character it
 * folds to, top 8 bits; for U+3400-U+9FFF read from a table. */
static unsigned hash(unsigned cp)
{
    return (cp * 2654435761u) >> 24;
}

static uint8_t slots[LEC_HANFOLD_HI - LEC_HANFOLD_LO + 1];
static pthread_once_t slots_once = PTHREAD_ONCE_INIT;

static void make_slots(void)
{
    for (unsigned cp = LEC_HANFOLD_LO; cp <= LEC_HANFOLD_HI; cp++)
        slots[cp - LEC_HANFOLD_LO] = (uint8_t)hash((unsigned)lec_hanfold((int32_t)cp));
}

static const uint8_t *slot_table(void)
{
    pthread_once(&slots_once, make_slots);
    return slots;
}

/* Letters and digits have bits of their own, after the ideographs'; a
 * byte more for what sets no bit (ascii_slot). */
enum { NSEEN = 256 + 64, NOBIT = NSEEN };

/* What an ASCII byte sets in a signature: a letter's or digit's bit,
 * NOBIT for the others, ASCII_SLOW for those the byte loop in sig_scan
 * looks at (an entity's '&', '!' of an image, control characters). */
enum { ASCII_SLOW = 0xFFFF };
static uint16_t ascii_slot[128];
static pthread_once_t ascii_once = PTHREAD_ONCE_INIT;

static void make_ascii(void)
{
    for (unsigned c = 0; c < 128; c++) {
        unsigned l = c >= 'A' && c <= 'Z' ? c + 'a' - 'A' : c;
        if (l >= 'a' && l <= 'z')
            ascii_slot[c] = (uint16_t)(256 + l - 'a');
        else if (c >= '0' && c <= '9')
            ascii_slot[c] = (uint16_t)(256 + 26 + c - '0');
        else if (c == '&' || c == '!' || c == 0x7F || (c < 0x20 && c != '\t' && c != '\n' && c != '\r'))
            ascii_slot[c] = ASCII_SLOW;
        else
            ascii_slot[c] = NOBIT;
    }
}

/* The set is kept as one byte a bit while a block is read: a store per
 * character, with nothing to wait for, instead of a read, an or and a
 * write; it is packed at the end. */
static void put(uint8_t *b, unsigned bit)
{
    b[bit] = 1;
}

static void pack(const uint8_t *seen, uint64_t *bits)
{
    for (int k = 0; k < NSEEN / 64; k++) {
        uint64_t w = 0;
#ifdef __SSE2__
        const __m128i zero = _mm_setzero_si128();
        for (int j = 0; j < 4; j++) {
            __m128i x = _mm_loadu_si128((const __m128i *)(seen + k * 64 + j * 16));
            w |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpgt_epi8(x, zero)) << (j * 16);
        }
#else
        for (int j = 63; j >= 0; j--) w = w << 1 | seen[k * 64 + j];
#endif
        bits[k] = w;
    }
}

static void put_ascii(uint8_t *b, unsigned c)
{
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    if (c >= 'a' && c <= 'z') put(b, 256 + c - 'a');
    if (c >= '0' && c <= '9') put(b, 256 + 26 + c - '0');
}

/* What an entity reference at s[0..n) (after its '&') may show: a
 * numeric one anything; a named one at most letters and signs (no HTML
 * entity is or folds into an ideograph), nothing of the kind for the
 * common < > & " ' and no-break space; no entity at all, nothing. */
static unsigned entity(const unsigned char *s, size_t n)
{
    if (n && s[0] == '#') return WILD_HAN | WILD_ASCII;
    size_t k = 0;
    while (k < n && k < 32 && ((unsigned)((s[k] | 0x20) - 'a') < 26u || (unsigned)(s[k] - '0') < 10u)) k++;
    if (k == 0 || k >= n || s[k] != ';') return 0;
    static const char *const plain[] = {"lt", "gt", "amp", "quot", "apos", "nbsp",
                                        "LT", "GT", "AMP", "QUOT"};
    for (size_t j = 0; j < sizeof plain / sizeof *plain; j++)
        if (strlen(plain[j]) == k && memcmp(plain[j], s, k) == 0) return 0;
    return WILD_ASCII;
}

static void sig_scan(const char *raw, size_t n, lec_sig *g)
{
    const unsigned char *u = (const unsigned char *)raw;
    const uint8_t *slot = slot_table();
    pthread_once(&ascii_once, make_ascii);
    uint8_t b[NSEEN + 1];
    memset(b, 0, sizeof b);
    unsigned wild = 0;
    size_t i = 0;
    while (i < n) {
        /* Most of an English text: ASCII, a store per byte from a table. */
        while (i < n && u[i] < 0x80) {
            unsigned k = ascii_slot[u[i]];
            if (k == ASCII_SLOW) break;
            b[k] = 1;
            i++;
        }
        if (i >= n) break;
        /* Most of a Chinese text: ideographs U+4000-U+9FFF, one after the
         * other (lead byte E4-E9; continuation bytes are not checked: a
         * broken one only sets a bit too many). */
        while (i + 2 < n && (unsigned)(u[i] - 0xE4) <= 5) {
            b[slot[(((u[i] & 0x0Fu) << 12) | ((u[i + 1] & 0x3Fu) << 6) | (u[i + 2] & 0x3Fu)) - LEC_HANFOLD_LO]] = 1;
            i += 3;
        }
        if (i >= n) break;
        unsigned c = u[i];
        if (c >= 0xE4 && c <= 0xE9) { /* cut short at the end */
            wild |= WILD_ASCII;
            i++;
            continue;
        }
        unsigned d = i + 1 < n ? u[i + 1] : 0, e = i + 2 < n ? u[i + 2] : 0;
        if (c < 0x80) {
            if (c == '&') {
                wild |= entity(u + i + 1, n - i - 1);
                put_ascii(b, c);
            } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F ||
                       (c == '!' && d == '[')) {
                wild |= WILD_ASCII;
            } else {
                put_ascii(b, c);
            }
            i++;
            continue;
        }
        switch (c) {
        case 0xC2:
            /* punctuation and signs that fold to no letter or digit */
            if (!strchr("\xa0\xa7\xa9\xab\xae\xb0\xb1\xb7\xbb", (int)d) || !d) wild |= WILD_ASCII;
            break;
        case 0xE2:
            if (d >= 0xBA && d <= 0xBF) /* radicals */
                wild |= WILD_HAN;
            else if (d != 0x80 || (e >= 0xAA && e <= 0xAE)) /* not general punctuation */
                wild |= WILD_ASCII;
            break;
        case 0xE3:
            /* Extension A; the source is not always valid UTF-8, and a
             * lead byte followed by no continuation byte must not index
             * below the table */
            if (d >= 0x90 && d <= 0xBF) {
                put(b, slot[(((c & 0x0Fu) << 12) | ((d & 0x3Fu) << 6) | (e & 0x3Fu)) - LEC_HANFOLD_LO]);
                i += 3;
                continue;
            }
            if ((d == 0x80 && e >= 0xB8 && e <= 0xBA) || d == 0x86) wild |= WILD_HAN;
            if (d >= 0x88 && d <= 0x8F) wild |= WILD_HAN | WILD_ASCII; /* ㈠ ㉑ ㍱ */
            break;
        case 0xEF:
            if (d >= 0xA4 && d <= 0xAB) {
                wild |= WILD_HAN; /* compatibility ideographs */
            } else if (d == 0xAC) {
                wild |= WILD_ASCII; /* ligatures */
            } else if ((d == 0xBC && e >= 0x80) || (d == 0xBD && e >= 0x80 && e <= 0x9E)) {
                /* full-width ASCII */
                put_ascii(b, (((d & 0x3Fu) << 6) | (e & 0x3Fu)) + 0xF000 - 0xFEE0);
            }
            break;
        case 0xEB: case 0xEC: case 0xED: case 0xEE: /* Hangul, private use */
            break;
        default:
            if (c >= 0xF0) /* four bytes: supplementary ideographs, math letters */
                wild |= WILD_HAN | WILD_ASCII; else if (c >= 0xC3 && c != 0xE3 && c != 0xEF) {
                wild |= WILD_ASCII; /* letters with marks, ligatures, Indic ... */
            }
            break;
        }
        i++;
    }
    pack(b, g->bits);
    g->wild = (uint8_t)wild;
}

void lec_sig_make(const char *raw, size_t n, lec_sig *g)
{
    sig_scan(raw, n, g);
}

/* Whether the bytes at u[i] are one of the characters that make
 * sig_scan set WILD_HAN: radicals (E2 BA-BF), 〸〹〺 and the enclosed
 * ideographs (E3 80 B8-BA, E3 86, E3 88-8F), compatibility ideographs
 * (EF A4-AB), four-byte characters, a numeric entity (&#).  Keep the two
 * in step: t_search checks every code point. */
static int wild_han_at(const unsigned char *u, size_t n, size_t i)
{
    unsigned c = u[i], d = i + 1 < n ? u[i + 1] : 0, e = i + 2 < n ? u[i + 2] : 0;
    if (c == 0xE2) return d >= 0xBA && d <= 0xBF;
    if (c == 0xE3) return d == 0x86 || (d >= 0x88 && d <= 0x8F) || (d == 0x80 && e >= 0xB8 && e <= 0xBA);
    if (c == 0xEF) return d >= 0xA4 && d <= 0xAB;
    if (c == '&') return d == '#';
    return c >= 0xF0;
}

#ifdef __SSE2__
/* Bytes of x in [lo, hi] (unsigned), as a mask. */
static __m128i in_range(__m128i x, int lo, int hi)
{
    __m128i d = _mm_sub_epi8(x, _mm_set1_epi8((char)lo));
    return _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8((char)(hi - lo))), d);
}

static __m128i is(__m128i x, int c)
{
    return _mm_cmpeq_epi8(x, _mm_set1_epi8((char)c));
}
#endif

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define WILD_AVX2 1
#include <immintrin.h>

#include "simd_priv.h"

/* The same compares as lec_sig_wild_han's SSE2 loop, 32 places a step,
 * where the processor has AVX2 (asked at run time): every plain text of a
 * library read cold is scanned whole, and this was a twentieth of it.
 * Returns 1 at a hit, else 0 with *at where it stopped. */
__attribute__((target("avx2"))) static int wild_avx2(const unsigned char *u, size_t n, size_t *at)
{
#define IS(x, c) _mm256_cmpeq_epi8((x), _mm256_set1_epi8((char)(c)))
#define IN(x, lo, hi)                                                                              \
    _mm256_cmpeq_epi8(_mm256_min_epu8(_mm256_sub_epi8((x), _mm256_set1_epi8((char)(lo))),         \
                                      _mm256_set1_epi8((char)((hi) - (lo)))),                      \
                      _mm256_sub_epi8((x), _mm256_set1_epi8((char)(lo))))
    /* The pairs looked up by nibbles (vpshufb): a byte's class is
     * table_lo[low nibble] & table_hi[high nibble].  The first byte: E3 1,
     * EF 2, E2 4, & 8, F0-FF 16.  The second: 86 88-8F 1 (after E3), A4-AB 2
     * (EF), BA-BF 4 (E2), # 8 (&), and 16 for every byte (after F0-FF
     * anything).  Their AND is nonzero for a pair that is wild; E3 80
     * B8-BA is compared as before. */
    const __m256i lo0 = _mm256_setr_epi8(16, 16, 20, 17, 16, 16, 24, 16, 16, 16, 16, 16, 16, 16, 16, 18,
                                         16, 16, 20, 17, 16, 16, 24, 16, 16, 16, 16, 16, 16, 16, 16, 18);
    const __m256i hi0 = _mm256_setr_epi8(0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7, 16,
                                         0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7, 16);
    const __m256i lo1 = _mm256_setr_epi8(16, 16, 16, 24, 18, 18, 19, 18, 19, 19, 23, 23, 21, 21, 21, 21,
                                         16, 16, 16, 24, 18, 18, 19, 18, 19, 19, 23, 23, 21, 21, 21, 21);
    const __m256i hi1 = _mm256_setr_epi8(16, 16, 24, 16, 16, 16, 16, 16, 17, 16, 18, 20, 16, 16, 16, 16,
                                         16, 16, 24, 16, 16, 16, 16, 16, 17, 16, 18, 20, 16, 16, 16, 16);
    size_t i = *at;
    for (; i + 34 <= n; i += 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(u + i));
        __m256i v1 = _mm256_loadu_si256((const __m256i *)(const void *)(u + i + 1));
        __m256i v2 = _mm256_loadu_si256((const __m256i *)(const void *)(u + i + 2));
        __m256i m = _mm256_and_si256(lec_nibble_class(v, lo0, hi0), lec_nibble_class(v1, lo1, hi1));
        m = _mm256_or_si256(m, _mm256_and_si256(_mm256_and_si256(IS(v, 0xE3), IS(v1, 0x80)),
                                                IN(v2, 0xB8, 0xBA)));
        if (~_mm256_movemask_epi8(_mm256_cmpeq_epi8(m, _mm256_setzero_si256()))) return 1;
    }
#undef IS
#undef IN
    *at = i;
    return 0;
}
#endif

int lec_sig_wild_han(const char *raw, size_t n)
{
    const unsigned char *u = (const unsigned char *)raw;
    size_t i = 0;
#ifdef WILD_AVX2
    if (n >= 64 && __builtin_cpu_supports("avx2") && wild_avx2(u, n, &i)) return 1;
#endif
#ifdef __SSE2__
    /* Sixteen places at a time, each with the two bytes after it: a
     * tenth of sig_scan's time (it was a fifth of reading a library). */
    for (; i + 18 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(u + i));
        __m128i v1 = _mm_loadu_si128((const __m128i *)(u + i + 1));
        __m128i v2 = _mm_loadu_si128((const __m128i *)(u + i + 2));
        __m128i e3 = _mm_or_si128(_mm_or_si128(is(v1, 0x86), in_range(v1, 0x88, 0x8F)),
                                  _mm_and_si128(is(v1, 0x80), in_range(v2, 0xB8, 0xBA)));
        __m128i m = _mm_and_si128(is(v, 0xE3), e3);
        m = _mm_or_si128(m, _mm_and_si128(is(v, 0xEF), in_range(v1, 0xA4, 0xAB)));
        m = _mm_or_si128(m, _mm_and_si128(is(v, 0xE2), in_range(v1, 0xBA, 0xBF)));
        m = _mm_or_si128(m, _mm_and_si128(is(v, '&'), is(v1, '#')));
        m = _mm_or_si128(m, in_range(v, 0xF0, 0xFF));
        if (_mm_movemask_epi8(m)) return 1;
    }
#endif
    for (; i < n; i++)
        if (wild_han_at(u, n, i)) return 1;
    return 0;
}

void lec_sig_add(lec_sig *g, const char *raw, size_t n)
{
    lec_sig more;
    sig_scan(raw, n, &more);
    for (int k = 0; k < 5; k++) g->bits[k] |= more.bits[k];
    g->wild |= more.wild;
}

/* The bits the pattern's ideographs, letters and digits need. */
void lec_sig_need(const char *pat, size_t n, lec_sig *need)
{
    const uint8_t *slot = slot_table();
    uint8_t b[NSEEN];
    memset(b, 0, sizeof b);
    size_t i = 0;
    while (i < n) {
        int32_t cp;
        i += (size_t)lec_utf8_decode(pat + i, n - i, &cp);
        if (cp < 0x80)
            put_ascii(b, (unsigned)cp);
        else if ((cp >= 0x3400 && cp <= 0x9FFF))
            put(b, slot[cp - LEC_HANFOLD_LO]);
    }
    pack(b, need->bits);
    need->wild = 0;
}

int lec_sig_may(const lec_sig *g, const lec_sig *need)
{
    if (!(g->wild & WILD_HAN))
        for (int k = 0; k < 4; k++)
            if ((g->bits[k] & need->bits[k]) != need->bits[k]) return 0;
    return (g->wild & WILD_ASCII) || (g->bits[4] & need->bits[4]) == need->bits[4];
}
