/*
 * refs.c - link reference definitions indexed by label (refs.h).
 *
 * The definitions are cut into pieces, one per definition: a piece starts
 * at a line that begins (after at most three spaces) with "[label]:".
 * Lines that do not (a title on the next line, a destination after a
 * line break) belong to the piece before.  So do, now and then, lines that
 * do: a destination after a line break ("[r]:" then "[s]:>") or a line
 * inside a title ("[r]: /u 'a" then "[s]: b'").  Fed alone, the piece
 * before would define nothing, or not all, and make a paragraph: so a
 * piece that is not whole definitions alone takes in the next
 * (join_pieces).  The normalized label of each piece goes into an
 * open-addressing table; the first piece of a label wins, as the first
 * definition does in CommonMark.
 */
#include "lectern/refs.h"
#include "lectern/mdparse.h"
#include "lectern/utf8.h"

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

/* How many bytes at s[0..n) (not a UTF-8 character) cmark replaces with
 * one U+FFFD: as its utf8proc_valid counts them, in a line that goes on
 * after s[n - 1] (a label's ']' follows) unless a line break comes first;
 * all up to the break when the character would reach past it. */
static size_t bad_len(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t len = u[0] < 0xC0 ? 0 : u[0] < 0xE0 ? 2 : u[0] < 0xF0 ? 3 : u[0] < 0xF8 ? 4 : 0;
    if (!len) return 1;
    const char *nl = memchr(s, '\n', n);
    if (nl && len > (size_t)(nl - s)) return (size_t)(nl - s);
    for (size_t i = 1; i < len; i++)
        if (i >= n || (u[i] & 0xC0) != 0x80) return i;
    return len; /* too long a form, a surrogate or past U+10FFFF */
}

/* The label as CommonMark compares it: white space trimmed and runs of it
 * made one space, then full Unicode case folding (ß and SS are one).
 * Bytes that are not UTF-8 are U+FFFD, as cmark reads them: "[s\xeb]"
 * and "[s\xfa]" are one label. */
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
        if (k <= 0) {
            lec_buf_puts(out, "\xef\xbf\xbd");
            i += bad_len(s + i, n - i);
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

/* Bytes of a simple definition's destination: printable, not a space, and
 * none of < ( ) \\, which change how cmark reads it; UTF-8 beyond ASCII. */
static int dest_byte(unsigned char c)
{
    return c >= 0x80 || (c > ' ' && c < 0x7f && c != '<' && c != '(' && c != ')' && c != '\\');
}

int lec_refs_simple_def(const char *s, size_t n)
{
    size_t i = 0, z = n;
    if (i >= z || s[i] != '[') return 0;
    /* the label: up to 200 bytes, not all blank, no bracket or backslash */
    size_t a = ++i;
    int text = 0;
    for (; i < z && s[i] != ']'; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '[' || c == '\\' || c < ' ' || c == 0x7f || i - a >= 200) return 0;
        text |= c != ' ';
    }
    if (!text || i + 1 >= z || s[i + 1] != ':') return 0;
    i += 2;
    while (i < z && (s[i] == ' ' || s[i] == '\t')) i++;
    /* the destination, on this line */
    size_t d = i;
    while (i < z && dest_byte((unsigned char)s[i])) i++;
    if (i == d) return 0;
    size_t b = i;
    while (i < z && (s[i] == ' ' || s[i] == '\t')) i++;
    if (i < z && i > b && (s[i] == '"' || s[i] == '\'')) {
        /* a title closed on this line, with no escapes */
        char q = s[i++];
        while (i < z && s[i] != q && s[i] != '\\' && (unsigned char)s[i] >= ' ') i++;
        if (i >= z || s[i] != q) return 0;
        i++;
        while (i < z && (s[i] == ' ' || s[i] == '\t')) i++;
    }
    return i == z;
}

/* Is the piece s[0..n) surely whole definitions alone (whole)?  Most are,
 * and are told so here; cmark is asked about the others.  The text is
 * definitions only, so a piece that is not whole is one whose definition
 * goes on: its destination is on the next line, or its title is open. */
static int plain_def(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && i < 3 && s[i] == ' ') i++;
    size_t e = i < n && s[i] == '[' ? label_end(s, n, i) : 0;
    if (!e || e + 1 >= n || s[e + 1] != ':') return 0;
    /* Text after the "]:" on its line and no title: no ' " or ( at all. */
    const char *b = s + e + 2, *z = s + n, *nl = memchr(b, '\n', (size_t)(z - b));
    const char *d = b;
    while (d < (nl ? nl : z) && (*d == ' ' || *d == '\t' || *d == '\r')) d++;
    if (d == (nl ? nl : z)) return 0;
    if (!memchr(d, '\'', (size_t)(z - d)) && !memchr(d, '"', (size_t)(z - d)) &&
        !memchr(d, '(', (size_t)(z - d)))
        return 1;
    /* Else one simple definition on one line, valid UTF-8, as the scan
     * reads one (lec_refs_simple_def takes no control character but the
     * tabs between its parts, so a second line fails there). */
    while (z > d && (z[-1] == ' ' || z[-1] == '\t' || z[-1] == '\r' || z[-1] == '\n')) z--;
    return lec_utf8_valid(s, (size_t)(z - s), NULL) && lec_refs_simple_def(s + i, (size_t)(z - s) - i);
}

/* Is the piece s[0..n) whole definitions when cmark reads it alone (it
 * makes no block)?  Asked of cmark unless it is plain.  A piece that
 * defines its label and then makes a paragraph is not whole: what it
 * lacks may be the rest of a title ("[s]: /u\n'a" then "[s]: b'"). */
static int whole(const char *s, size_t n)
{
    if (plain_def(s, n)) return 1;
    lec_md md;
    lec_md_parse(&md, s, 0, (uint32_t)n, NULL, 0);
    int none = cmark_node_first_child(md.root) == NULL;
    lec_md_free(&md);
    return none;
}

/* A piece that is not whole alone goes on into the next ones until it
 * is, at most MERGE_MAX of them (so that no input makes this quadratic: a
 * title would need as many lines that begin like a definition). */
#define MERGE_MAX 8

static void join_pieces(lec_refs *r)
{
    size_t kept = 0;
    for (size_t k = 0; k < r->npieces;) {
        piece p = r->pieces[k++];
        for (int m = 0; m < MERGE_MAX && k < r->npieces && !whole(r->defs + p.start, p.len);
             m++, k++)
            p.len = r->pieces[k].start + r->pieces[k].len - p.start; /* pieces touch */
        r->pieces[kept++] = p;
    }
    r->npieces = kept;
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
    join_pieces(r);
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
