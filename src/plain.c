/*
 * plain.c - block text straight from the source (lectern/plain.h).
 *
 * The rules mirror what cmark and render.c do to plain text: the first
 * line loses up to three spaces of indent, every line loses its leading
 * and trailing spaces and tabs, a soft break between lines is a space
 * when either side is ASCII and nothing between Chinese characters, and
 * a tab inside a line becomes one space (same length).  Anything that
 * would change the text otherwise -- markup, entities, escapes, control
 * characters (render.c shows them as ^X), C1 and bidi controls, a hard
 * break (two trailing spaces), a pipe (the paragraph may be a table) --
 * sends the block to the renderer.
 */
#include "lectern/plain.h"
#include "lectern/doc.h"

#include <string.h>

/* Bytes that may change the rendered text: markup, and controls. */
static const unsigned char unsafe[256] = {
    [0] = 1,   [1] = 1,   [2] = 1,   [3] = 1,   [4] = 1,   [5] = 1,    [6] = 1,   [7] = 1,
    [8] = 1,   [10] = 1,  [11] = 1,  [12] = 1,  [13] = 1,  [14] = 1,   [15] = 1,  [16] = 1,
    [17] = 1,  [18] = 1,  [19] = 1,  [20] = 1,  [21] = 1,  [22] = 1,   [23] = 1,  [24] = 1,
    [25] = 1,  [26] = 1,  [27] = 1,  [28] = 1,  [29] = 1,  [30] = 1,   [31] = 1,  [127] = 1,
    ['*'] = 1, ['_'] = 1, ['`'] = 1, ['['] = 1, [']'] = 1, ['<'] = 1,  ['>'] = 1, ['&'] = 1,
    ['\\'] = 1, ['!'] = 1, ['|'] = 1, [0xC2] = 2, [0xE2] = 2,
};

/* Is the piece s[0..n) of one line free of what changes rendering?  C2
 * and E2 start C1 controls (C2 80-9F) and bidi controls (E2 80 AA-AE,
 * E2 81 A6-A9), but also common punctuation, so they get a closer look. */
static int clean(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned k = unsafe[s[i]];
        if (!k) continue;
        if (k == 1) return 0;
        if (s[i] == 0xC2 && i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F) return 0;
        if (s[i] == 0xE2 && i + 2 < n &&
            ((s[i + 1] == 0x80 && s[i + 2] >= 0xAA && s[i + 2] <= 0xAE) ||
             (s[i + 1] == 0x81 && s[i + 2] >= 0xA6 && s[i + 2] <= 0xA9)))
            return 0;
    }
    return 1;
}

int lec_plain_text(const char *src, uint32_t start, uint32_t end, int kind, lec_buf *scratch,
                   const char **text, size_t *len)
{
    if (kind != LEC_BLOCK_PARAGRAPH && kind != LEC_BLOCK_HEADING) return 0;
    /* The lines, without line endings; a heading loses its marks. */
    uint32_t line[2] = {start, end};
    int atx = 0, lines = 0;
    if (kind == LEC_BLOCK_HEADING) {
        uint32_t i = start;
        while (i < end && src[i] == ' ') i++;
        atx = i < end && src[i] == '#';
        if (!atx) {
            /* setext: the underline is the last line; drop it */
            uint32_t e = end;
            if (e > start && src[e - 1] == '\n') e--;
            while (e > start && src[e - 1] != '\n') e--;
            end = e;
        }
    }
    (void)line;
    lec_buf_reset(scratch);
    const char *single = NULL;
    size_t single_len = 0;
    for (uint32_t pos = start; pos < end;) {
        const char *nl = memchr(src + pos, '\n', end - pos);
        uint32_t le = nl ? (uint32_t)(nl - src) : end, next = nl ? le + 1 : end;
        uint32_t a = pos, z = le;
        if (z > a && src[z - 1] == '\r') z--;
        int hard = z - a >= 2 && src[z - 1] == ' ' && src[z - 2] == ' ' && next < end;
        if (hard) return 0; /* a hard break renders as a line break */
        while (a < z && (src[a] == ' ' || src[a] == '\t')) a++;
        while (z > a && (src[z - 1] == ' ' || src[z - 1] == '\t')) z--;
        if (atx) {
            /* "## title ##": the opening and closing runs go. */
            while (a < z && src[a] == '#') a++;
            while (a < z && (src[a] == ' ' || src[a] == '\t')) a++;
            uint32_t h = z;
            while (h > a && src[h - 1] == '#') h--;
            if (h == a || src[h - 1] == ' ' || src[h - 1] == '\t') {
                z = h;
                while (z > a && (src[z - 1] == ' ' || src[z - 1] == '\t')) z--;
            }
        }
        if (!clean((const unsigned char *)src + a, z - a)) return 0;
        if (memchr(src + a, '\t', z - a)) return 0; /* kept simple: tabs render */
        if (z > a) {
            if (lines == 0) {
                single = src + a;
                single_len = z - a;
            } else {
                if (lines == 1) lec_buf_put(scratch, single, single_len);
                unsigned char x = (unsigned char)scratch->data[scratch->len - 1];
                if (x < 0x80 || (unsigned char)src[a] < 0x80) lec_buf_putc(scratch, ' ');
                lec_buf_put(scratch, src + a, z - a);
            }
            lines++;
        }
        pos = next;
    }
    if (lines <= 1) {
        *text = single ? single : "";
        *len = single_len;
    } else {
        *text = scratch->data;
        *len = scratch->len;
    }
    return 1;
}
