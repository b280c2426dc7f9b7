/*
 * t_utf8.c - unit tests for lectern/utf8.h: what a reader sees as widths,
 * what broken input turns into, and how control characters are shown.
 */
#include "lectern/utf8.h"

#include "../tap.h"

#include <stdlib.h>

#include <string.h>

/* Width and length of the first cluster of s (a NUL-terminated string). */
static int cluster_width(const char *s, int ambi)
{
    int w = -1;
    lec_grapheme(s, strlen(s), ambi, &w);
    return w;
}

static size_t cluster_len(const char *s)
{
    return lec_grapheme(s, strlen(s), 1, NULL);
}

static int count_clusters(const char *s, size_t n)
{
    int count = 0;
    size_t i = 0;
    while (i < n) {
        i += lec_grapheme(s + i, n - i, 1, NULL);
        count++;
    }
    return count;
}

static void test_widths(void)
{
    is_int(cluster_width("中", 1), 2, "中 is two cells");
    is_int(cluster_width("、", 1), 2, "、 is two cells");
    is_int(cluster_width("“", 1), 1, "“ is one cell by default");
    is_int(cluster_width("“", 2), 2, "“ is two cells with ambi=2");
    is_int(cluster_width("…", 1), 1, "… is one cell by default");
    is_int(cluster_width("…", 2), 2, "… is two cells with ambi=2");
    is_int(cluster_width("—", 1), 1, "— is one cell by default");
    is_int(cluster_width("—", 2), 2, "— is two cells with ambi=2");
    is_int(cluster_width("①", 1), 1, "① is one cell by default");
    is_int(cluster_width("①", 2), 2, "① is two cells with ambi=2");
    is_int(cluster_width("A", 1), 1, "A is one cell");
    is_int(cluster_width("A", 2), 1, "A stays one cell with ambi=2");
    is_int(cluster_width("中", 2), 2, "中 stays two cells with ambi=2");
    is_int(cluster_width("\xEF\xBC\xA1", 1), 2, "fullwidth Ａ is two cells");

    is_int(cluster_len("e\xCC\x81x"), 3, "e + U+0301 is one cluster");
    is_int(cluster_width("e\xCC\x81", 1), 1, "e + U+0301 is one cell");
    is_int(cluster_width("e\xCC\x81", 2), 1, "e + U+0301 is one cell with ambi=2");
    is_int(cluster_width("👍", 1), 2, "👍 is two cells");
    is_int(cluster_len("👨‍👩‍👧x"), strlen("👨‍👩‍👧"),
           "ZWJ family is one cluster");
    is_int(cluster_width("👨‍👩‍👧", 1), 2, "ZWJ family is two cells, not six");
    is_int(cluster_len("🇨🇳🇺🇸"), 8, "a flag is two regional indicators");
    is_int(cluster_width("🇨🇳", 1), 2, "🇨🇳 is two cells");
    is_int(count_clusters("🇨🇳🇺🇸", 16), 2, "two flags in a row are two clusters");
    is_int(cluster_width("\xE2\x9D\xA4", 1), 1, "❤ alone is one cell");
    is_int(cluster_width("\xE2\x9D\xA4\xEF\xB8\x8F", 1), 2, "❤ + VS16 is two cells");
    is_int(cluster_len("\r\nx"), 2, "CR LF is one cluster");
    is_int(cluster_len("\xE1\x84\x80\xE1\x85\xA1"), 6, "Hangul jamo L+V is one cluster");
    is_int(cluster_width("\xE1\x84\x80\xE1\x85\xA1", 1), 2, "Hangul jamo L+V is two cells");

    is_int(lec_cp_width(0x0301, 2), 0, "combining acute stays zero-width with ambi=2");
    is_int(lec_cp_width(0x200D, 1), 0, "ZWJ is zero-width");
    is_int(lec_cp_width(0xFE0F, 2), 0, "VS16 is zero-width even with ambi=2");
    is_int(lec_cp_width(0x200B, 1), 0, "ZWSP is zero-width");
    is_int(lec_cp_width(0x3000, 1), 2, "ideographic space is two cells");
    is_int(lec_cp_width('\t', 1), 0, "TAB measures 0 (unsafe)");
    is_int(lec_cp_width(0x1B, 1), 0, "ESC measures 0 (unsafe)");
    is_int(lec_cp_width(0x7F, 1), 0, "DEL measures 0");
    is_int(lec_cp_width(0x85, 1), 0, "C1 NEL measures 0");
    is_int(lec_cp_width(0x202E, 1), 0, "RLO measures 0");
    is_int(lec_cp_width(0xE000, 1), 1, "private use is one cell");
    is_int(lec_cp_width(-5, 1), 1, "negative values measure like U+FFFD");

    is_int(lec_str_width("中文ABC", strlen("中文ABC"), 1), 7, "中文ABC is 7 cells");
    is_int(lec_str_width("“中”", strlen("“中”"), 1), 4, "“中” is 4 cells");
    is_int(lec_str_width("“中”", strlen("“中”"), 2), 6, "“中” is 6 cells with ambi=2");
    is_int(lec_str_width("👨‍👩‍👧x", strlen("👨‍👩‍👧x"), 1), 3,
           "family + x is 3 cells");
    is_int(lec_str_width("a\xFF\xFE"
                         "b",
                         4, 2),
           4, "two invalid bytes are one cell each");
    is_int(lec_str_width("", 0, 1), 0, "empty string is 0 cells");
}

static void test_ambiguous(void)
{
    ok(lec_cp_ambiguous(0x201C), "“ is ambiguous");
    ok(lec_cp_ambiguous(0x2026), "… is ambiguous");
    ok(lec_cp_ambiguous(0x00B7), "· is ambiguous");
    ok(lec_cp_ambiguous(0x2500), "box drawing ─ is ambiguous");
    ok(lec_cp_ambiguous(0x00A1), "¡ (first range) is ambiguous");
    ok(lec_cp_ambiguous(0x10FFFD), "last plane-16 private use is ambiguous");
    ok(!lec_cp_ambiguous(0x4E2D), "中 is not ambiguous");
    ok(!lec_cp_ambiguous('A'), "A is not ambiguous");
    ok(!lec_cp_ambiguous(0x00A5), "¥ is not ambiguous");
    ok(!lec_cp_ambiguous(0x2E3A), "⸺ is not ambiguous");
    ok(!lec_cp_ambiguous(-1), "-1 is not ambiguous");
}

static void test_decode(void)
{
    int32_t cp = 0;

    is_int(lec_utf8_decode("\xF0\x9F\x91\x8D", 4, &cp), 4, "👍 is 4 bytes");
    is_int(cp, 0x1F44D, "👍 is U+1F44D");
    is_int(lec_utf8_decode("\xE4\xB8\xAD", 3, &cp), 3, "中 is 3 bytes");
    is_int(cp, 0x4E2D, "中 is U+4E2D");
    is_int(lec_utf8_decode("x", 0, &cp), 0, "nothing to decode gives 0");

    cp = 0;
    is_int(lec_utf8_decode("\xC3\x28", 2, &cp), 1, "C3 28: bad lead is 1 byte");
    is_int(cp, LEC_REPLACEMENT, "C3 28: gives U+FFFD");
    is_int(lec_utf8_decode("\x28", 1, &cp), 1, "C3 28: then ( decodes");
    is_int(cp, '(', "C3 28: the ( survives");
    is_int(lec_utf8_decode("\x80", 1, &cp), 1, "lone continuation byte is 1 byte");
    is_int(cp, LEC_REPLACEMENT, "lone continuation byte gives U+FFFD");
    is_int(lec_utf8_decode("\xE4\xB8", 2, &cp), 1, "truncated E4 B8: 1 byte");
    is_int(cp, LEC_REPLACEMENT, "truncated E4 B8: U+FFFD");
    is_int(lec_utf8_decode("\xE4\xB8\xAD", 2, &cp), 1, "中 cut by n is invalid");
    is_int(lec_utf8_decode("\xC0\xAF", 2, &cp), 1, "overlong C0 AF: 1 byte");
    is_int(cp, LEC_REPLACEMENT, "overlong C0 AF: U+FFFD");
    is_int(lec_utf8_decode("\xE0\x80\xAF", 3, &cp), 1, "overlong E0 80 AF: 1 byte");
    is_int(lec_utf8_decode("\xED\xA0\x80", 3, &cp), 1, "surrogate ED A0 80: 1 byte");
    is_int(cp, LEC_REPLACEMENT, "surrogate ED A0 80: U+FFFD");
    is_int(lec_utf8_decode("\xF4\x90\x80\x80", 4, &cp), 1, "above U+10FFFF: 1 byte");

    /* Whole strings: each bad byte is one U+FFFD cluster of one cell. */
    is_int(count_clusters("\xC3\x28", 2), 2, "C3 28 is two clusters");
    is_int(count_clusters("ab\xE4\xB8", 4), 4, "truncated E4 B8 at end: two U+FFFD");
    is_int(count_clusters("\xC0\xAF", 2), 2, "C0 AF: two U+FFFD");
    is_int(count_clusters("\xED\xA0\x80", 3), 3, "ED A0 80: three U+FFFD");
    is_int(lec_str_width("\xED\xA0\x80", 3, 1), 3, "ED A0 80 is three cells");
    is_int(cluster_width("\x80", 2), 1, "an invalid byte is one cell even with ambi=2");
    is_int(count_clusters("e\xCC\x81\x80", 4), 2, "invalid byte after a mark is its own cluster");
    is_int(cluster_width("\xEF\xBF\xBD", 2), 2,
           "a real U+FFFD is ambiguous, two cells with ambi=2");
}

static void test_encode_valid(void)
{
    static const int32_t cps[] = {0,      'A',    0x7F,    0x80,    0x7FF,   0x800,
                                  0x4E2D, 0xFFFD, 0x10000, 0x1F44D, 0x10FFFF};
    char buf[4];
    size_t bad = 99;
    int all = 1;

    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        int32_t back = -1;
        int n = lec_utf8_encode(cps[i], buf);
        if (n < 1 || lec_utf8_decode(buf, (size_t)n, &back) != n || back != cps[i]) all = 0;
    }
    ok(all, "encode/decode round trip from U+0000 to U+10FFFF");
    is_int(lec_utf8_encode(0x4E2D, buf), 3, "中 encodes in 3 bytes");
    ok(memcmp(buf, "中", 3) == 0, "中 encodes as E4 B8 AD");
    is_int(lec_utf8_encode(0xD800, buf), 0, "a surrogate does not encode");
    is_int(lec_utf8_encode(0x110000, buf), 0, "U+110000 does not encode");
    is_int(lec_utf8_encode(-1, buf), 0, "-1 does not encode");

    ok(lec_utf8_valid("中文 text 👍", strlen("中文 text 👍"), &bad), "valid text is valid");
    is_int(bad, strlen("中文 text 👍"), "valid text: bad is the length");
    ok(!lec_utf8_valid("ab\xC3\x28", 4, &bad), "C3 28 is invalid");
    is_int(bad, 2, "C3 28: bad offset");
    ok(!lec_utf8_valid("中\xE4\xB8", 5, &bad), "truncated end is invalid");
    is_int(bad, 3, "truncated end: bad offset");
    ok(!lec_utf8_valid("\xED\xA0\x80", 3, NULL), "surrogate is invalid (NULL bad is fine)");
    ok(lec_utf8_valid("", 0, NULL), "empty text is valid");
    /* Texts that end right after a Chinese character, of every length
     * (the fast paths read several bytes at a time), each in a buffer of
     * exactly its size, so reading past it shows under a sanitizer. */
    for (int k = 1; k <= 9; k++) {
        char *t = malloc((size_t)k * 3);
        for (int j = 0; j < k; j++) memcpy(t + j * 3, "中", 3);
        ok(lec_utf8_valid(t, (size_t)k * 3, &bad) && bad == (size_t)k * 3,
           "%d Chinese characters and nothing after them are valid", k);
        ok(!lec_utf8_valid(t, (size_t)k * 3 - 1, &bad) && bad == (size_t)(k - 1) * 3,
           "cut one byte short, invalid at the last character (%d)", k);
        free(t);
    }
    ok(lec_utf8_valid("ab中", 5, NULL) && lec_utf8_valid("abcdefgh中文", 14, NULL),
       "ASCII runs then Chinese at the end");
    ok(!lec_utf8_valid("\xE0\x80\x80", 3, NULL), "E0 80 80 (overlong) is invalid");
}

static void test_unsafe_escape(void)
{
    char out[16];

    ok(lec_cp_unsafe(0x00) && lec_cp_unsafe('\t') && lec_cp_unsafe('\n') && lec_cp_unsafe(0x1B),
       "C0 controls are unsafe");
    ok(lec_cp_unsafe(0x7F) && lec_cp_unsafe(0x80) && lec_cp_unsafe(0x9F), "DEL and C1 are unsafe");
    ok(lec_cp_unsafe(0x202A) && lec_cp_unsafe(0x202E), "bidi embeddings/overrides are unsafe");
    ok(lec_cp_unsafe(0x2066) && lec_cp_unsafe(0x2069), "bidi isolates are unsafe");
    ok(lec_cp_unsafe(0x200E) && lec_cp_unsafe(0x200F) && lec_cp_unsafe(0x061C),
       "bidi marks LRM, RLM and ALM are unsafe");
    ok(!lec_cp_unsafe(0x200D) && !lec_cp_unsafe(0x200C) && !lec_cp_unsafe(0x061B),
       "ZWJ, ZWNJ and the Arabic semicolon are not");
    ok(!lec_cp_unsafe(' ') && !lec_cp_unsafe(0xA0) && !lec_cp_unsafe(0x4E2D), "text is safe");
    ok(!lec_cp_unsafe(0x2029) && !lec_cp_unsafe(0x202F) && !lec_cp_unsafe(0x206A),
       "neighbours of the bidi controls are safe");

    is_int(lec_cp_escape(0x00, out), 2, "NUL escape length");
    is_str(out, "^@", "NUL shows as ^@");
    lec_cp_escape(0x1B, out);
    is_str(out, "^[", "ESC shows as ^[");
    lec_cp_escape('\t', out);
    is_str(out, "^I", "TAB shows as ^I");
    lec_cp_escape(0x1F, out);
    is_str(out, "^_", "U+001F shows as ^_");
    lec_cp_escape(0x7F, out);
    is_str(out, "^?", "DEL shows as ^?");
    is_int(lec_cp_escape(0x85, out), 8, "C1 escape length");
    is_str(out, "<U+0085>", "NEL shows as <U+0085>");
    lec_cp_escape(0x202E, out);
    is_str(out, "<U+202E>", "RLO shows as <U+202E>");
    lec_cp_escape(0x2066, out);
    is_str(out, "<U+2066>", "LRI shows as <U+2066>");
    is_int(lec_cp_escape(0x10FFFF, out), 10, "six hex digits fit");
    is_str(out, "<U+10FFFF>", "U+10FFFF shows in uppercase hex");
    lec_cp_escape(0xabcd, out);
    is_str(out, "<U+ABCD>", "hex digits are uppercase");
}

static void test_classes(void)
{
    ok(lec_cp_is_han(0x4E2D), "中 is Han");
    ok(lec_cp_is_han(0x3007), "〇 is Han");
    ok(lec_cp_is_han(0x3400), "U+3400 (Ext A) is Han");
    ok(lec_cp_is_han(0x9FFF), "U+9FFF is Han");
    ok(lec_cp_is_han(0xF900), "U+F900 (compatibility) is Han");
    ok(lec_cp_is_han(0x20000), "U+20000 (Ext B) is Han");
    ok(lec_cp_is_han(0x2F800), "U+2F800 (compatibility supplement) is Han");
    ok(lec_cp_is_han(0x30000), "U+30000 (Ext G) is Han");
    ok(lec_cp_is_han(0x31350), "U+31350 (Ext H) is Han");
    ok(!lec_cp_is_han(0x3005), "々 is not Han");
    ok(!lec_cp_is_han(0x3001), "、 is not Han");
    ok(!lec_cp_is_han(0x3042), "あ is not Han");
    ok(!lec_cp_is_han(0xAC00), "가 is not Han");
    ok(!lec_cp_is_han('A'), "A is not Han");

    ok(lec_cp_is_space(' ') && lec_cp_is_space('\t'), "ASCII space and tab are spaces");
    ok(lec_cp_is_space(0xA0) && lec_cp_is_space(0x3000), "NBSP and U+3000 are spaces");
    ok(lec_cp_is_space(0x2000) && lec_cp_is_space(0x200A), "U+2000-U+200A are spaces");
    ok(lec_cp_is_space(0x200B) && lec_cp_is_space(0xFEFF), "ZWSP and BOM are spaces");
    ok(!lec_cp_is_space('\n') && !lec_cp_is_space('a') && !lec_cp_is_space(0x200C) &&
           !lec_cp_is_space(0x4E2D),
       "LF, letters, ZWNJ and Han are not spaces");
}

/* lec_fit: the one "bytes that fit in N cells" (12.16). */
static void test_fit(void)
{
    const char *s = "中文ab\xcc\x81" "c"; /* b + U+0301 is one cluster */
    size_t n = strlen(s);
    int w = -1;
    is_int(lec_fit(s, n, 0, 1, &w), 0, "fit 0 cells: nothing");
    is_int(w, 0, "fit 0 cells: width 0");
    is_int(lec_fit(s, n, 3, 1, &w), 3, "fit 3 cells: one CJK character, not half the next");
    is_int(w, 2, "fit 3 cells: width 2");
    is_int(lec_fit(s, n, 6, 1, &w), 10, "fit 6 cells: the combining mark goes with its base");
    is_int(w, 6, "fit 6 cells: width 6");
    is_int(lec_fit(s, n, 100, 1, NULL), n, "fit more than enough: all");
}

typedef struct pieces {
    char out[128];
    size_t len;
    int escapes, bad, raw;
} pieces;

static int piece(void *p, const char *t, size_t n, int32_t cp)
{
    pieces *c = p;
    if (c->len + n < sizeof c->out) {
        memcpy(c->out + c->len, t, n);
        c->len += n;
        c->out[c->len] = 0;
    }
    if (cp > 0 && cp < 0x20 && n == 1) c->raw++;
    else if (cp > 0) c->escapes++;
    if (cp < 0) c->bad++;
    return 0;
}

/* lec_escape: the one escaper of text for a terminal (12.16). */
static void test_escape(void)
{
    const char *s = "a\x1b[2J\tb\n\xe2\x80\xae" "c\xff" "d\xe2\x80\x8e";
    pieces c = {{0}, 0, 0, 0, 0};
    lec_escape(s, strlen(s), 0, piece, &c);
    is_str(c.out, "a^[[2J^Ib^J<U+202E>c\xef\xbf\xbd" "d<U+200E>", "escape: every control visible");
    is_int(c.escapes, 5, "escape: ESC, TAB, LF, RLO and LRM as escapes");
    is_int(c.bad, 1, "escape: one invalid byte as U+FFFD");
    pieces d = {{0}, 0, 0, 0, 0};
    lec_escape(s, strlen(s), LEC_ESC_PASS('\t') | LEC_ESC_PASS('\n'), piece, &d);
    is_str(d.out, "a^[[2J\tb\n<U+202E>c\xef\xbf\xbd" "d<U+200E>", "escape: tab and LF passed raw");
    is_int(d.raw, 2, "escape: the passed ones come one a piece");
}

/* The rule of RFC 3629 written out plainly: the first invalid byte, or n. */
static size_t first_invalid(const unsigned char *u, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = u[i];
        size_t len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
                                : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        if (!len || i + len > n) return i;
        unsigned lo = 0x80, hi = 0xBF;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
        if (len > 1 && (u[i + 1] < lo || u[i + 1] > hi)) return i;
        for (size_t k = 2; k < len; k++)
            if ((u[i + k] & 0xC0) != 0x80) return i;
        i += len;
    }
    return n;
}

/* Long texts go 32 bytes at a time where the processor can
 * (utf8_simd.c): random texts of valid characters with a byte or two
 * changed, and every kind of error at every offset of a block, must give
 * the first invalid byte the plain rule gives. */
static void test_valid_long(void)
{
    static const char *const chars[] = {"a", "\n", "中", "，", "é", "👍", "\xEF\xBF\xBF",
                                         "\xF4\x8F\xBF\xBF", "\xED\x9F\xBF", "\xE0\xA0\x80"};
    static const char *const wrong[] = {"\x80", "\xC0\x80", "\xC1\xBF", "\xE0\x9F\xBF",
                                        "\xED\xA0\x80", "\xF0\x8F\xBF\xBF", "\xF4\x90\x80\x80",
                                        "\xF5\x80\x80\x80", "\xFF", "\xE4\xB8", "\xF0\x9F\x98",
                                        "\xC3", "\xE4\xB8\x80\x80"};
    unsigned seed = 12345;
    int mismatches = 0;
    unsigned char t[400];
    for (int round = 0; round < 100000; round++) {
        size_t n = 0;
        seed = seed * 1103515245u + 12345u;
        size_t want = 64 + (seed >> 16) % 300;
        while (n + 4 < want) {
            seed = seed * 1103515245u + 12345u;
            const char *p = chars[(seed >> 16) % 10];
            if ((seed >> 8) % 3 == 0) p = chars[2]; /* mostly Chinese */
            memcpy(t + n, p, strlen(p));
            n += strlen(p);
        }
        for (int k = (int)((seed >> 4) % 3); k > 0; k--) {
            seed = seed * 1103515245u + 12345u;
            t[(seed >> 16) % n] = (unsigned char)(seed >> 8);
        }
        size_t bad = 0, want_bad = first_invalid(t, n);
        int ok_ = lec_utf8_valid((const char *)t, n, &bad);
        if (ok_ != (want_bad == n) || bad != want_bad) mismatches++;
    }
    is_int(mismatches, 0, "100000 random long texts: the first invalid byte as the plain rule finds it");
    mismatches = 0;
    for (size_t w = 0; w < sizeof wrong / sizeof *wrong; w++)
        for (size_t at = 0; at < 100; at++) {
            size_t n = 0;
            while (n < at) t[n++] = 'a';
            memcpy(t + n, wrong[w], strlen(wrong[w]));
            n += strlen(wrong[w]);
            while (n + 3 <= 200) {
                memcpy(t + n, "中", 3);
                n += 3;
            }
            size_t bad = 0;
            int ok_ = lec_utf8_valid((const char *)t, n, &bad);
            if (ok_ || bad != first_invalid(t, n)) mismatches++;
            /* the same error after Chinese text (odd offsets in a block) */
            for (size_t k = 0; k + 3 <= at; k += 3) memcpy(t + k, "中", 3);
            ok_ = lec_utf8_valid((const char *)t, n, &bad);
            if (ok_ || bad != first_invalid(t, n)) mismatches++;
        }
    is_int(mismatches, 0, "every kind of error at offsets 0-99: found, at the first invalid byte");
    /* A NUL is valid UTF-8 (the loader looks for it; the fast scan stops
     * at it), and an error after one is still found where it is. */
    mismatches = 0;
    for (size_t at = 0; at < 100; at++) {
        size_t n = 0;
        while (n + 3 <= 240) {
            memcpy(t + n, "中", 3);
            n += 3;
        }
        t[at / 3 * 3] = '\0';
        t[at / 3 * 3 + 1] = 'a';
        t[at / 3 * 3 + 2] = 'b';
        size_t bad = 0;
        if (!lec_utf8_valid((const char *)t, n, &bad) || bad != n) mismatches++;
        t[150] = (char)0xFF;
        if (lec_utf8_valid((const char *)t, n, &bad) || bad != 150) mismatches++;
    }
    is_int(mismatches, 0, "a NUL is valid, and an error after it is found at its offset");
}

int main(void)
{
    test_fit();
    test_escape();
    test_widths();
    test_ambiguous();
    test_decode();
    test_encode_valid();
    test_unsafe_escape();
    test_classes();
    test_valid_long();
    return tap_done();
}
