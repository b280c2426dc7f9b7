/*
 * codespan.c - the inline text of a line whose only markup is code spans.
 *
 * API headings are mostly of this kind ("### `fs.access(path[, mode])`"),
 * and each used to be a parse of its own by cmark.  Without other markup
 * outside them, CommonMark's code spans are simple: a run of n backticks
 * opens a span that the next run of exactly n backticks closes (nothing
 * inside is markup, not even a backslash); with no such run, the backticks
 * are text.  The content loses one space at each end when it has one at
 * both and is not all spaces.  Everything else is text as it stands.
 */
#include "codespan.h"

#include <stdint.h>
#include <string.h>

/* The length of the run of backticks at s[i]. */
static size_t run(const char *s, size_t n, size_t i)
{
    size_t k = i;
    while (k < n && s[k] == '`')
        k++;
    return k - i;
}

/* Where the next run of exactly len backticks after s[from] begins, or n
 * when there is none. */
static size_t closer(const char *s, size_t n, size_t from, size_t len)
{
    for (size_t i = from; i < n;) {
        const char *b = memchr(s + i, '`', n - i);
        if (!b) return n;
        size_t at = (size_t)(b - s), r = run(s, n, at);
        if (r == len) return at;
        i = at + r;
    }
    return n;
}

/* lec_codespan_lead, and lec_codespan_prefix with more set. */
static size_t lead(const char *s, size_t n, const unsigned char markup[256], lec_buf *out, int more)
{
    /* Bytes cmark reads otherwise even inside a code span: a NUL becomes
     * U+FFFD, a lone CR ends the line, and \v \f are trimmed as white
     * space at its ends. */
    for (size_t k = 0; k < n; k++)
        if (s[k] == '\0' || s[k] == '\r' || s[k] == '\v' || s[k] == '\f' || s[k] == '\n')
            return SIZE_MAX;
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c != '`') {
            if (markup[c]) break;
            /* the text up to the next backtick or markup, at once */
            size_t k = i + 1;
            while (k < n && s[k] != '`' && !markup[(unsigned char)s[k]]) k++;
            lec_buf_put(out, s + i, k - i);
            i = k;
            continue;
        }
        size_t len = run(s, n, i), end = closer(s, n, i + len, len);
        if (end == n) { /* no closer: the run is text, if no line follows */
            if (more) break;
            lec_buf_put(out, s + i, len);
            i += len;
            continue;
        }
        size_t a = i + len, z = end;
        if (z - a >= 2 && s[a] == ' ' && s[z - 1] == ' ') {
            size_t k = a;
            while (k < z && s[k] == ' ') k++;
            if (k < z) a++, z--;
        }
        lec_buf_put(out, s + a, z - a);
        i = end + len;
    }
    return i;
}

size_t lec_codespan_lead(const char *s, size_t n, const unsigned char markup[256], lec_buf *out)
{
    return lead(s, n, markup, out, 0);
}

size_t lec_codespan_prefix(const char *s, size_t n, const unsigned char markup[256], lec_buf *out)
{
    return lead(s, n, markup, out, 1);
}

int lec_codespan_text(const char *s, size_t n, const unsigned char markup[256], lec_buf *out)
{
    size_t mark = out->len;
    if (lec_codespan_lead(s, n, markup, out) == n) return 1;
    out->len = mark;
    if (out->data) out->data[mark] = '\0';
    return 0;
}
