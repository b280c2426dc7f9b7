/*
 * utf8.c - decoding, display width and grapheme clusters (lectern/utf8.h).
 *
 * utf8proc supplies the Unicode data (widths, categories, grapheme break
 * rules); this file adds what it lacks in 2.8: tolerant decoding (one
 * U+FFFD per invalid byte), East Asian Ambiguous widths, escapes for
 * characters that must not reach the terminal, and the width of a whole
 * cluster as terminals draw it.
 */
#include "lectern/utf8.h"

#include "ambiguous.h"
#include "utf8_simd.h"

#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

/* Length of the valid sequence at u[0..n), or 0.  The ranges are those
 * of RFC 3629 (no overlongs, no surrogates, nothing above U+10FFFF);
 * written out rather than decoded because every loaded document passes
 * through here once. */
static size_t valid_seq(const unsigned char *u, size_t n)
{
    unsigned char c = u[0];
    if (c >= 0xC2 && c <= 0xDF) return n >= 2 && (u[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || (u[1] & 0xC0) != 0x80 || (u[2] & 0xC0) != 0x80) return 0;
        if (c == 0xE0 && u[1] < 0xA0) return 0; /* overlong */
        if (c == 0xED && u[1] > 0x9F) return 0; /* surrogate */
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || (u[1] & 0xC0) != 0x80 || (u[2] & 0xC0) != 0x80 || (u[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && u[1] < 0x90) return 0; /* overlong */
        if (c == 0xF4 && u[1] > 0x8F) return 0; /* above U+10FFFF */
        return 4;
    }
    return 0;
}

/* Decoded here rather than by utf8proc_iterate: every character of every
 * title and marker passes through, and the call costs more than the
 * work.  Valid means RFC 3629: no overlongs, no surrogates, nothing above
 * U+10FFFF. */
int lec_utf8_decode_strict_rest(const char *s, size_t n, int32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    *cp = -1;
    if (n == 0) return 0;
    unsigned c = u[0];
    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    }
    size_t r = valid_seq(u, n);
    if (r == 2)
        *cp = (int32_t)(((c & 0x1F) << 6) | (u[1] & 0x3F));
    else if (r == 3)
        *cp = (int32_t)(((c & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F));
    else if (r == 4)
        *cp = (int32_t)(((c & 0x07) << 18) | ((u[1] & 0x3F) << 12) | ((u[2] & 0x3F) << 6) |
                        (u[3] & 0x3F));
    else
        return 1;
    return (int)r;
}

int lec_utf8_decode_rest(const char *s, size_t n, int32_t *cp)
{
    int r;

    r = lec_utf8_decode_strict(s, n, cp);
    if (*cp < 0) *cp = LEC_REPLACEMENT;
    return r;
}

int lec_utf8_encode(int32_t cp, char out[4])
{
    if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

int lec_utf8_valid(const char *s, size_t n, size_t *bad)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = lec_utf8_simd_prefix(s, n);

    while (i < n) {
        /* Fast paths: most of a document is ASCII, or Chinese in three
         * bytes (E1-EC, EE-EF leads need no range check beyond
         * continuation bytes). */
        if (u[i] < 0x80) {
            while (i + 8 <= n) {
                uint64_t word;
                memcpy(&word, u + i, 8);
                if (word & 0x8080808080808080ULL) break;
                i += 8;
            }
            while (i < n && u[i] < 0x80) i++;
            continue;
        }
        /* Three-byte characters, four bytes at a time: lead 1110xxxx and
         * two continuation bytes, neither E0 (overlong) nor ED (surrogate). */
        while (i + 12 <= n) {
            /* Four at a time (12 bytes): leads 1110xxxx at 0, 3, 6, 9,
             * continuation bytes between; E0 and ED looked at after. */
            uint64_t a;
            uint32_t b;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            memcpy(&a, u + i, 8);
            memcpy(&b, u + i + 8, 4);
#else
            a = 0, b = 0;
            for (int k = 7; k >= 0; k--) a = a << 8 | u[i + (size_t)k];
            for (int k = 11; k >= 8; k--) b = b << 8 | u[i + (size_t)k];
#endif
            if ((a & 0xC0F0C0C0F0C0C0F0ULL) != 0x80E08080E08080E0ULL ||
                (b & 0xC0C0F0C0u) != 0x8080E080u)
                break;
            unsigned l0 = u[i] & 0x0F, l1 = u[i + 3] & 0x0F, l2 = u[i + 6] & 0x0F,
                     l3 = u[i + 9] & 0x0F;
            if (!l0 || l0 == 0xD || !l1 || l1 == 0xD || !l2 || l2 == 0xD || !l3 || l3 == 0xD)
                break;
            i += 12;
        }
        while (i + 3 <= n) {
            /* Assembled from bytes, so any byte order reads it the same. */
            uint32_t word = (uint32_t)u[i] | (uint32_t)u[i + 1] << 8 | (uint32_t)u[i + 2] << 16;
            unsigned lead = u[i];
            if ((word & 0x00C0C0F0u) != 0x008080E0u || lead == 0xE0 || lead == 0xED) break;
            i += 3;
        }
        if (i >= n) break;
        if (u[i] < 0x80) continue;
        size_t r = valid_seq(u + i, n - i);
        if (!r) {
            if (bad) *bad = i;
            return 0;
        }
        i += r;
    }
    if (bad) *bad = n;
    return 1;
}

int lec_cp_ambiguous(int32_t cp)
{
    return lec_ambiguous_lookup(cp);
}

int lec_cp_unsafe(int32_t cp)
{
    return (cp >= 0 && cp < 0x20) || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0x061C;
}

int lec_cp_width(int32_t cp, int ambi)
{
    int w;

    /* Out-of-range values can only come from a caller's arithmetic; they
     * are drawn as U+FFFD, one cell. */
    if (cp < 0 || cp > 0x10FFFF) return 1;
    if (lec_cp_unsafe(cp)) return 0;
    w = utf8proc_charwidth(cp);
    if (w < 0) w = 0;
    if (w > 2) w = 2;
    /* Only printing narrow characters widen: combining marks and
     * variation selectors are ambiguous too, but stay zero-width. */
    if (ambi == 2 && w == 1 && lec_ambiguous_lookup(cp)) w = 2;
    return w;
}

int lec_cp_escape(int32_t cp, char out[16])
{
    if (cp >= 0 && cp < 0x20) {
        out[0] = '^';
        out[1] = (char)('@' + cp);
        out[2] = '\0';
        return 2;
    }
    if (cp == 0x7F) {
        out[0] = '^';
        out[1] = '?';
        out[2] = '\0';
        return 2;
    }
    if (cp < 0 || cp > 0x10FFFF) cp = LEC_REPLACEMENT;
    return snprintf(out, 16, "<U+%04X>", (unsigned)cp);
}

static int is_regional_indicator(int32_t cp)
{
    return cp >= 0x1F1E6 && cp <= 0x1F1FF;
}

size_t lec_grapheme(const char *s, size_t n, int ambi, int *width)
{
    int32_t first, prev, cp;
    utf8proc_int32_t state = 0;
    size_t len;
    int r, w, regional = 0, emoji_vs = 0;

    if (n == 0) {
        if (width) *width = 0;
        return 0;
    }
    r = lec_utf8_decode_strict(s, n, &first);
    if (first < 0) {
        /* An invalid byte is drawn as one U+FFFD cell whatever ambi says:
         * the layout must not depend on how broken the input is. */
        if (width) *width = 1;
        return 1;
    }
    len = (size_t)r;
    prev = first;
    regional = is_regional_indicator(first);
    /* utf8proc's extended rules (GB9c, GB11, GB12/13) need every adjacent
     * pair in order with one state; a cluster always starts from state 0. */
    while (len < n) {
        r = lec_utf8_decode_strict(s + len, n - len, &cp);
        if (cp < 0) break; /* invalid bytes are clusters of their own */
        if (utf8proc_grapheme_break_stateful(prev, cp, &state)) break;
        if (cp == 0xFE0F) emoji_vs = 1;
        if (is_regional_indicator(cp)) regional++;
        len += (size_t)r;
        prev = cp;
    }
    if (width) {
        /* Terminals draw a cluster in the cells of its base character;
         * summing would count a ZWJ family three times. */
        w = lec_cp_width(first, ambi);
        if (emoji_vs || regional >= 2) w = 2;
        *width = w > 2 ? 2 : w;
    }
    return len;
}

size_t lec_str_width(const char *s, size_t n, int ambi)
{
    size_t total = 0, i = 0;

    while (i < n) {
        int w;

        i += lec_grapheme(s + i, n - i, ambi, &w);
        total += (size_t)w;
    }
    return total;
}

int lec_cp_is_han(int32_t cp)
{
    return cp == 0x3007                         /* 〇, the ideographic zero */
           || (cp >= 0x3400 && cp <= 0x4DBF)    /* Extension A */
           || (cp >= 0x4E00 && cp <= 0x9FFF)    /* Unified Ideographs */
           || (cp >= 0xF900 && cp <= 0xFAFF)    /* Compatibility Ideographs */
           || (cp >= 0x20000 && cp <= 0x3FFFD); /* planes 2 and 3: Ext B-H and
                                                   the compatibility supplement */
}

int lec_cp_is_space(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == 0xA0 || cp == 0x3000 ||
           (cp >= 0x2000 && cp <= 0x200B) || cp == 0xFEFF;
}

int lec_str_has_controls(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += (size_t)lec_utf8_decode_strict(s + i, n - i, &cp);
        if (lec_cp_unsafe(cp) && cp != '\t' && cp != '\n' && cp != '\r') return 1;
    }
    return 0;
}

size_t lec_fit(const char *s, size_t n, int cells, int ambi, int *width)
{
    size_t i = 0;
    int w = 0;
    while (i < n) {
        int cw;
        size_t l = lec_grapheme(s + i, n - i, ambi, &cw);
        if (w + cw > cells) break;
        w += cw;
        i += l;
    }
    if (width) *width = w;
    return i;
}

void lec_escape(const char *s, size_t n, uint32_t pass, lec_escape_fn put, void *ctx)
{
    size_t run = 0, i = 0;
    while (i < n) {
        int32_t cp;
        int l = lec_utf8_decode_strict(s + i, n - i, &cp);
        int raw = cp >= 0 && cp < 0x20 && (pass & (1u << cp));
        if (cp >= 0 && !lec_cp_unsafe(cp)) {
            i += (size_t)l;
            continue;
        }
        if (i > run && put(ctx, s + run, i - run, 0)) return;
        int stop;
        if (cp < 0) {
            stop = put(ctx, "\xef\xbf\xbd", 3, -1);
        } else if (raw) {
            stop = put(ctx, s + i, (size_t)l, cp);
        } else {
            char e[16];
            stop = put(ctx, e, (size_t)lec_cp_escape(cp, e), cp);
        }
        if (stop) return;
        i += (size_t)l;
        run = i;
    }
    if (n > run) put(ctx, s + run, n - run, 0);
}

static int put_piece(void *out, const char *t, size_t n, int32_t cp)
{
    (void)cp;
    lec_buf_put(out, t, n);
    return 0;
}

void lec_escape_to(lec_buf *out, const char *s, size_t n, uint32_t pass)
{
    lec_escape(s, n, pass, put_piece, out);
}
