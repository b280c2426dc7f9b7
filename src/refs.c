/*
 * refs.c - link reference definitions indexed by label (refs.h).
 *
 * The definitions are cut into pieces, one per definition: a piece starts
 * at a line that begins (after at most three spaces) with "[label]:".
 * Lines that do not (a title on the next line, a destination after a
 * line break) belong to the piece before.  The normalized label of each
 * piece goes into an open-addressing table; the first piece of a label
 * wins, as the first definition does in CommonMark.
 */
#include "lectern/refs.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* CommonMark: a link label has at most 999 characters. */
#define LABEL_MAX 999

typedef struct piece {
    size_t start, len;       /* in defs */
    size_t name, name_len;   /* the normalized label, in names */
} piece;

struct lec_refs {
    const char *defs;
    piece *pieces;
    size_t npieces, cap;
    lec_buf names;
    uint32_t *slot; /* piece index + 1; 0: empty */
    size_t mask;
    uint32_t *seen; /* the call of lec_refs_for that last took a piece */
    uint32_t call;
    lec_buf key;    /* scratch */
};

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* The label as CommonMark compares it: white space trimmed and runs of it
 * made one space, then full Unicode case folding (ß and SS are one). */
static void normalize(const char *s, size_t n, lec_buf *out)
{
    lec_buf_reset(out);
    int space = 0;
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (is_space(c)) {
            space = out->len > 0;
            i++;
            continue;
        }
        if (space) lec_buf_putc(out, ' ');
        space = 0;
        if (c < 0x80) {
            lec_buf_putc(out, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c));
            i++;
            continue;
        }
        utf8proc_int32_t cp, fold[8];
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) { /* not UTF-8: kept as it is */
            lec_buf_putc(out, (char)c);
            i++;
            continue;
        }
        i += (size_t)k;
        int last = 0;
        utf8proc_ssize_t m = utf8proc_decompose_char(cp, fold, 8, UTF8PROC_CASEFOLD, &last);
        if (m <= 0 || m > 8) {
            fold[0] = cp;
            m = 1;
        }
        for (utf8proc_ssize_t j = 0; j < m; j++) {
            utf8proc_uint8_t e[4];
            utf8proc_ssize_t el = utf8proc_encode_char(fold[j], e);
            lec_buf_put(out, e, (size_t)el);
        }
    }
}

/* The label of a bracket opened at s[i] ('['): its end (the ']'), or 0
 * when it does not close within LABEL_MAX bytes or holds another '['. */
static size_t label_end(const char *s, size_t n, size_t i)
{
    for (size_t j = i + 1; j < n && j - i <= LABEL_MAX; j++) {
        if (s[j] == '\\') {
            j++;
        } else if (s[j] == '[') {
            return 0;
        } else if (s[j] == ']') {
            return j;
        }
    }
    return 0;
}

static uint64_t hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return h;
}

/* The piece whose label is key[0..n), or (size_t)-1; *slot: where it is
 * or would go. */
static size_t find(const lec_refs *r, const char *key, size_t n, size_t *slot)
{
    size_t h = (size_t)hash(key, n) & r->mask;
    while (r->slot[h]) {
        const piece *p = &r->pieces[r->slot[h] - 1];
        if (p->name_len == n && memcmp(r->names.data + p->name, key, n) == 0) {
            *slot = h;
            return r->slot[h] - 1;
        }
        h = (h + 1) & r->mask;
    }
    *slot = h;
    return (size_t)-1;
}

/* Starts a piece when the line at defs[i] begins a definition. */
static void maybe_start(lec_refs *r, size_t n, size_t i)
{
    const char *s = r->defs;
    size_t j = i;
    while (j < n && j - i < 3 && s[j] == ' ') j++;
    if (j >= n || s[j] != '[') return;
    size_t e = label_end(s, n, j);
    if (!e || e + 1 >= n || s[e + 1] != ':') return;
    if (r->npieces) { /* the piece before ends here */
        piece *prev = &r->pieces[r->npieces - 1];
        prev->len = i - prev->start;
    }
    LEC_GROW(r->pieces, r->cap, r->npieces + 1);
    piece *p = &r->pieces[r->npieces++];
    p->start = i;
    p->len = n - i;
    normalize(s + j + 1, e - j - 1, &r->key);
    p->name = r->names.len;
    p->name_len = r->key.len;
    lec_buf_put(&r->names, r->key.data ? r->key.data : "", r->key.len);
}

lec_refs *lec_refs_new(const char *defs, size_t len)
{
    lec_refs *r = lec_xcalloc(1, sizeof *r);
    r->defs = defs;
    for (size_t i = 0; i < len;) {
        maybe_start(r, len, i);
        const char *nl = memchr(defs + i, '\n', len - i);
        i = nl ? (size_t)(nl - defs) + 1 : len;
    }
    size_t size = 16;
    while (size < 2 * r->npieces) size *= 2;
    r->mask = size - 1;
    r->slot = lec_xcalloc(size, sizeof *r->slot);
    r->seen = lec_xcalloc(r->npieces ? r->npieces : 1, sizeof *r->seen);
    for (size_t k = 0; k < r->npieces; k++) {
        size_t h;
        const piece *p = &r->pieces[k];
        if (find(r, r->names.data + p->name, p->name_len, &h) == (size_t)-1)
            r->slot[h] = (uint32_t)k + 1;
    }
    return r;
}

void lec_refs_free(lec_refs *r)
{
    if (!r) return;
    free(r->pieces);
    lec_buf_free(&r->names);
    lec_buf_free(&r->key);
    free(r->slot);
    free(r->seen);
    free(r);
}

size_t lec_refs_for(lec_refs *r, const char *text, size_t n, lec_buf *out)
{
    if (!r->npieces || !memchr(text, ']', n)) return 0;
    size_t added = 0;
    if (++r->call == 0) { /* wrapped: forget every mark */
        memset(r->seen, 0, r->npieces * sizeof *r->seen);
        r->call = 1;
    }
    for (size_t i = 0; i < n; i++) {
        /* The next '[' (memchr), unless a backslash takes it: an odd
         * number of them before it, counted back to where this looked
         * from. */
        const char *b = memchr(text + i, '[', n - i);
        if (!b) break;
        size_t from = i, bs;
        i = (size_t)(b - text);
        for (bs = i; bs > from && text[bs - 1] == '\\'; bs--) {}
        if ((i - bs) % 2) continue;
        size_t e = label_end(text, n, i);
        if (!e) continue;
        normalize(text + i + 1, e - i - 1, &r->key);
        size_t h, k = r->key.len ? find(r, r->key.data, r->key.len, &h) : (size_t)-1;
        if (k != (size_t)-1 && r->seen[k] != r->call) {
            r->seen[k] = r->call;
            const piece *p = &r->pieces[k];
            lec_buf_put(out, r->defs + p->start, p->len);
            lec_buf_put(out, "\n\n", 2);
            added++;
        }
        i = e; /* go on after the ']' */
    }
    return added;
}
