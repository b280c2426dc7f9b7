/*
 * scanline.c - the lines of Markdown as the scan (scan.c, scanlist.c)
 * reads them: their indentation, the blocks their first characters open,
 * and whether their text can be taken as it stands.
 */
#include "scan_priv.h"

#include "lectern/bytes.h"
#include "lectern/refs.h"
#include "lectern/utf8.h"

#include "codespan.h"

#include <string.h>

/* Bytes that may start markup inside a paragraph or heading. */
const unsigned char scan_markup[256] = {
    ['*'] = 1,
    ['_'] = 1,
    ['`'] = 1,
    ['['] = 1,
    [']'] = 1,
    ['<'] = 1,
    ['>'] = 1,
    ['&'] = 1,
    ['\\'] = 1,
    ['!'] = 1,
    [0] = 1,
    /* white space that cmark trims and this scan would not */
    ['\v'] = 1,
    ['\f'] = 1,
    ['\r'] = 1,
};

void scan_read_line(const char *s, uint32_t pos, uint32_t end, scan_line *l)
{
    const char *nl = memchr(s + pos, '\n', end - pos);
    l->start = pos;
    l->end = nl ? (uint32_t)(nl - s) : end;
    l->next = nl ? l->end + 1 : end;
    if (l->end > pos && s[l->end - 1] == '\r') l->end--;
    uint32_t i = pos;
    while (i < l->end && s[i] == ' ')
        i++;
    l->indent = i < l->end && s[i] == '\t' ? -1 : (int)(i - pos);
    while (i < l->end && (s[i] == ' ' || s[i] == '\t'))
        i++;
    l->blank = i == l->end;
}

/* Is the line (after its indent) made only of c, at least min of them,
 * and trailing blanks?  With spaced, blanks may come between (a
 * thematic break "* * *"). */
int scan_only(const char *s, const scan_line *l, char c, int min, int spaced)
{
    int n = 0, gap = 0, trail = 0;
    for (uint32_t i = l->start + (uint32_t)l->indent; i < l->end; i++) {
        if (s[i] == c) {
            if (trail && !spaced) return 0;
            n++;
        } else if (s[i] == ' ' || s[i] == '\t') {
            trail = 1;
            gap = 1;
        } else {
            return 0;
        }
    }
    (void)gap;
    return n >= min;
}

/* The level of an ATX heading line (1-6), or 0. */
int scan_atx_level(const char *s, const scan_line *l)
{
    uint32_t i = l->start + (uint32_t)l->indent, n = 0;
    while (i < l->end && s[i] == '#' && n < 7)
        i++, n++;
    if (n == 0 || n > 6) return 0;
    return i == l->end || s[i] == ' ' || s[i] == '\t' ? (int)n : 0;
}

int scan_is_fence(const char *s, const scan_line *l)
{
    uint32_t i = l->start + (uint32_t)l->indent, k = i;
    if (i + 3 > l->end || (s[i] != '`' && s[i] != '~')) return 0;
    while (k < l->end && s[k] == s[i])
        k++;
    if (k - i < 3) return 0;
    /* A backtick fence's info string may not hold a backtick. */
    return s[i] == '~' || !memchr(s + k, '`', l->end - k);
}

static int scan_is_blank_char(char c)
{
    return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

/* Could the line start a list item (which may interrupt a paragraph)? */
int scan_list_start(const char *s, const scan_line *l)
{
    uint32_t i = l->start + (uint32_t)l->indent;
    if (i >= l->end) return 0;
    /* cmark lets any white space end a marker, \v and \f too. */
    if (s[i] == '-' || s[i] == '*' || s[i] == '+')
        return i + 1 == l->end || scan_is_blank_char(s[i + 1]);
    uint32_t d = 0;
    while (i + d < l->end && s[i + d] >= '0' && s[i + d] <= '9' && d < 10)
        d++;
    if (d == 0 || d > 9 || i + d >= l->end || (s[i + d] != '.' && s[i + d] != ')')) return 0;
    return i + d + 1 == l->end || scan_is_blank_char(s[i + d + 1]);
}

/* Does the line surely start a list item that interrupts a paragraph: a
 * bullet, or 1. or 1), then a space or tab and text?  (An empty item or
 * one numbered otherwise does not; "- - -" is a rule, which interrupts
 * too.)  The paragraph then ends before it, and cmark reads from it. */
int scan_item_interrupts(const char *s, const scan_line *l)
{
    uint32_t i = l->start + (uint32_t)l->indent;
    if (l->indent < 0 || l->indent > 3 || i + 2 >= l->end) return 0;
    if (s[i] == '1' && (s[i + 1] == '.' || s[i + 1] == ')'))
        i++;
    else if (s[i] != '-' && s[i] != '*' && s[i] != '+')
        return 0;
    if (s[++i] != ' ' && s[i] != '\t') return 0;
    while (i < l->end && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i < l->end && (unsigned char)s[i] > ' ';
}

/* Whether the line's structure can be read from its bytes.  cmark reads a
 * line after replacing what is not UTF-8, and a sequence cut short at its
 * end takes the line's last bytes with it ("```\xe6`" opens a fence for
 * cmark: the backtick is gone): such a line is left to cmark. */
int scan_line_valid(const walker *w, const scan_line *l)
{
    return w->valid || lec_utf8_valid(w->doc->src + l->start, l->end - l->start, NULL);
}

/* Whether s[0..n) can be taken as its own inline text (cmark would make
 * U+FFFD of invalid bytes: those need it, unless the whole source is known
 * to be valid). */
int scan_plain(const walker *w, const char *s, size_t n)
{
    if (lec_bytes_ascii_in(s, n, scan_markup) < n) return 0;
    return w->valid || lec_utf8_valid(s, n, NULL);
}

int scan_def_line(const walker *w, const scan_line *l)
{
    if (l->indent < 0 || l->indent > 3 || !scan_line_valid(w, l)) return 0;
    uint32_t i = l->start + (uint32_t)l->indent;
    return lec_refs_simple_def(w->doc->src + i, l->end - i);
}

int scan_code_lead_never(const walker *w, const char *s, size_t n, int more, lec_buf *t)
{
    if (!w->valid && !lec_utf8_valid(s, n, NULL)) return 0;
    lec_buf_reset(t);
    size_t k = (more ? lec_codespan_prefix : lec_codespan_lead)(s, n, scan_markup, t);
    return k != SIZE_MAX && scan_prose_start(t, k < n ? STOP_IN_LINE : STOP_AT_LINE);
}
