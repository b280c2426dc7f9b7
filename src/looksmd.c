/*
 * looksmd.c - whether a text is Markdown already (lec_looks_markdown,
 * lectern/convert.h), so that it is read as it is and not converted.
 */
#include "lectern/convert.h"

#include <string.h>

/* Kinds of Markdown structure, counted once each per line. */
static int md_line_kind(const char *s, size_t n, const char *prev, size_t pn)
{
    size_t i = 0;
    while (i < n && i < 3 && s[i] == ' ') i++;
    s += i, n -= i;
    if (n == 0) return 0;
    if (s[0] == '#') {
        size_t k = 0;
        while (k < n && s[k] == '#') k++;
        if (k <= 6 && k < n && s[k] == ' ') return 1; /* ATX heading */
    }
    if (n >= 3 && (memcmp(s, "```", 3) == 0 || memcmp(s, "~~~", 3) == 0)) return 2;
    if (n >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ') return 3;
    size_t d = 0;
    while (d < n && d < 9 && s[d] >= '0' && s[d] <= '9') d++;
    if (d && d + 1 < n && (s[d] == '.' || s[d] == ')') && s[d + 1] == ' ') return 3;
    if (s[0] == '>' && (n == 1 || s[1] == ' ')) return 4;
    if (pn && (s[0] == '=' || s[0] == '-')) {
        size_t k = 0;
        while (k < n && s[k] == s[0]) k++;
        if (k == n && k >= 2) return 5; /* setext underline */
    }
    (void)prev;
    for (size_t k = 0; k + 1 < n; k++) {
        if (s[k] == ']' && s[k + 1] == '(') return 6; /* link */
        if (s[k] == '*' && s[k + 1] == '*') return 7; /* strong */
    }
    return 0;
}

int lec_looks_markdown(const char *text, size_t len)
{
    if (len >= 4 && memcmp(text, "---\n", 4) == 0) return 1;
    int kinds = 0, hits = 0;
    const char *prev = NULL;
    size_t pn = 0;
    for (size_t pos = 0; pos < len && hits < 1000;) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
        size_t m = n && text[pos + n - 1] == '\r' ? n - 1 : n;
        int k = md_line_kind(text + pos, m, prev, pn);
        if (k) {
            kinds |= 1 << k;
            hits++;
        }
        prev = text + pos;
        pn = m;
        pos += n + 1;
    }
    /* An ATX heading or a code fence is Markdown on its own; the rest must
     * come more than once. */
    int nkinds = __builtin_popcount((unsigned)kinds);
    return (kinds & ((1 << 1) | (1 << 2))) || nkinds >= 2 || hits >= 3;
}
