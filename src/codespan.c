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
 *
 * Except for a shortcut of cmark's (inlines.c, scan_to_closing_backticks),
 * kept here as it is: once one search for a closer has run to the end in
 * vain, a run of n opens nothing when the last run of n that any search
 * passed lies before it -- and a later search may have passed an earlier
 * one ("````A`, `B`, `C": B's backtick opens nothing).  Runs longer than
 * 1000 open nothing and are not noted.
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

#define MAX_TICKS 1000 /* cmark's MAXBACKTICKS */

/* What cmark notes of the runs its searches passed: where the last run of
 * each length began (0: none noted), and whether a search ran to the end. */
typedef struct ticks {
    int scanned;
    size_t zeroed; /* at[0..zeroed] are set; the rest read as 0 */
    size_t at[MAX_TICKS + 1];
} ticks;

static void note(ticks *t, size_t len, size_t at)
{
    if (len > MAX_TICKS) return;
    if (len > t->zeroed) {
        memset(t->at + t->zeroed + 1, 0, (len - t->zeroed) * sizeof *t->at);
        t->zeroed = len;
    }
    t->at[len] = at;
}

/* Where the run of exactly len backticks that closes one ending at
 * s[from] begins, or n when cmark finds none. */
static size_t closer(const char *s, size_t n, size_t from, size_t len, ticks *t)
{
    if (len > MAX_TICKS) return n;
    if (t->scanned && (len > t->zeroed || t->at[len] <= from)) return n;
    for (size_t i = from; i < n;) {
        const char *b = memchr(s + i, '`', n - i);
        if (!b) break;
        size_t at = (size_t)(b - s), r = run(s, n, at);
        note(t, r, at);
        if (r == len) return at;
        i = at + r;
    }
    t->scanned = 1;
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
    ticks t;
    t.scanned = 0;
    t.zeroed = 0;
    t.at[0] = 0;
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
        size_t len = run(s, n, i), end = closer(s, n, i + len, len, &t);
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
