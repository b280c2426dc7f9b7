/*
 * utf8.h - decoding, display width and grapheme clusters.
 *
 * This is the one width function of lectern: layout, drawing and the
 * status line all measure text through lec_cp_width()/lec_grapheme(), so
 * what the layout promised is what the screen gets.  Widths come from
 * utf8proc (Unicode data, independent of the C locale), plus our own table
 * of East Asian Ambiguous characters for --ambiwidth=2.
 *
 * Text handed to these functions may be invalid UTF-8: every invalid byte
 * decodes as U+FFFD, one byte long, one cell wide.
 */
#ifndef LECTERN_UTF8_H
#define LECTERN_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "lectern/util.h"

#define LEC_REPLACEMENT 0xFFFD

/* The common characters both decoders take inline: ASCII and the
 * three-byte characters of CJK text (lead E1-EC, EE-EF: no overlong or
 * surrogate to check).  Returns their length, or 0 for anything else. */
static inline int lec_utf8_decode_common(const char *s, size_t n, int32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n && u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    if (n >= 3 && u[0] >= 0xE1 && u[0] != 0xED && u[0] <= 0xEF && (u[1] & 0xC0) == 0x80 &&
        (u[2] & 0xC0) == 0x80) {
        *cp = (int32_t)((u[0] & 0x0Fu) << 12 | (u[1] & 0x3Fu) << 6 | (u[2] & 0x3Fu));
        return 3;
    }
    return 0;
}

/* Decodes the code point at s (n > 0 bytes available) into *cp and returns
 * its length in bytes (1-4).  An invalid or truncated sequence gives
 * *cp = LEC_REPLACEMENT and returns 1.  Returns 0 only when n == 0.
 * Inline for ASCII and the three-byte characters of CJK text (lead
 * E1-EC, EE-EF: no overlong or surrogate to check), which are nearly
 * every character of a document; the rest in lec_utf8_decode_rest. */
int lec_utf8_decode_rest(const char *s, size_t n, int32_t *cp);
static inline int lec_utf8_decode(const char *s, size_t n, int32_t *cp)
{
    int k = lec_utf8_decode_common(s, n, cp);
    return k ? k : lec_utf8_decode_rest(s, n, cp);
}

/* The same, but an invalid or truncated sequence gives *cp = -1 (and
 * still returns 1), so that a real U+FFFD can be told from a bad byte.
 * Inline for the same characters (the markers' and the conversion's scans
 * ask for half a million of them in a library of 40 texts). */
int lec_utf8_decode_strict_rest(const char *s, size_t n, int32_t *cp);
static inline int lec_utf8_decode_strict(const char *s, size_t n, int32_t *cp)
{
    int k = lec_utf8_decode_common(s, n, cp);
    return k ? k : lec_utf8_decode_strict_rest(s, n, cp);
}

/* Encodes cp (0..0x10FFFF, not a surrogate) into out; returns 1-4, or 0
 * for an invalid code point. */
int lec_utf8_encode(int32_t cp, char out[4]);

/* Nonzero when s[0..n) is valid UTF-8; *bad (when not NULL) receives the
 * offset of the first invalid byte. */
int lec_utf8_valid(const char *s, size_t n, size_t *bad);

/* Cells that cp takes in a terminal: 0, 1 or 2.  ambi (1 or 2) is the
 * width given to East Asian Ambiguous characters (“ ” … — · ① and so on).
 * Combining marks, ZWJ, variation selectors and other zero-width
 * characters give 0.  Unsafe characters (lec_cp_unsafe) give 0: the
 * caller must have escaped them before measuring. */
int lec_cp_width(int32_t cp, int ambi);

/* Nonzero for East Asian Ambiguous (EAW=A) code points. */
int lec_cp_ambiguous(int32_t cp);

/* Nonzero for code points that must never reach a terminal raw: C0
 * controls (including TAB and LF: the caller decides about those), DEL,
 * C1 controls, and the bidi controls: the embeddings, overrides and
 * isolates U+202A-U+202E and U+2066-U+2069, and the marks U+200E
 * (LRM), U+200F (RLM) and U+061C (ALM). */
int lec_cp_unsafe(int32_t cp);
/* Nonzero when s[0..n) holds a code point that acts on a terminal (an
 * unsafe one but tab, line feed and carriage return): what --print and
 * p refuse to write to a terminal without --raw. */
int lec_str_has_controls(const char *s, size_t n);

/* Writes the visible form of an unsafe code point into out (NUL-
 * terminated, at most 10 bytes plus NUL): "^@".."^_" for C0, "^?" for
 * DEL, "<U+0085>" style for the others.  Returns its length (every
 * character of it is ASCII, so length == width). */
int lec_cp_escape(int32_t cp, char out[16]);

/* What lec_escape hands out, in order: a run of text safe as it is (cp
 * 0); the visible form of a code point that is not (cp its value); U+FFFD
 * for an invalid sequence (cp -1); or, raw, a control the caller asked to
 * treat itself (cp its value).  A nonzero return stops the walk. */
typedef int (*lec_escape_fn)(void *ctx, const char *t, size_t n, int32_t cp);
#define LEC_ESC_PASS(c) (1u << (c)) /* for an ASCII control c */

/* The one escaper of text for a terminal: walks s[0..n) and hands it to
 * put in pieces (above); the controls in the set `pass` (LEC_ESC_PASS
 * ('\t') | ...) come out raw, one a piece.  Every place that shows a
 * document's text, a name or a message goes through it. */
void lec_escape(const char *s, size_t n, uint32_t pass, lec_escape_fn put, void *ctx);
/* lec_escape's pieces appended to out, in order: s[0..n) with every
 * unsafe code point in its visible form, the controls in `pass` raw. */
void lec_escape_to(lec_buf *out, const char *s, size_t n, uint32_t pass);

/* Length in bytes (>= 1 when n > 0) of the extended grapheme cluster that
 * starts at s, and its width in *width (when not NULL).  A cluster's width
 * is the width of its first code point, raised to 2 when it holds U+FE0F
 * (emoji presentation) or is a pair of regional indicators, and capped at
 * 2.  Invalid bytes are clusters of their own (width 1). */
size_t lec_grapheme(const char *s, size_t n, int ambi, int *width);

/* The bytes of s[0..n) that fit in `cells` cells, cut between grapheme
 * clusters; *width (when not NULL) receives their width.  The one way
 * text is cut to a width (a prefix, a title, a message). */
size_t lec_fit(const char *s, size_t n, int cells, int ambi, int *width);

/* Width of s[0..n) in cells, summed over grapheme clusters. */
size_t lec_str_width(const char *s, size_t n, int ambi);

/* Classes used by line breaking and by the parsers. */
int lec_cp_is_han(int32_t cp);       /* CJK ideographs (any block), 〇 */
int lec_cp_is_space(int32_t cp);     /* ASCII space/tab, NBSP, U+3000, U+2000-200A, U+200B, U+FEFF */

#endif
