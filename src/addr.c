/*
 * addr.c - resolving "2.4" and "二/四是" style addresses.
 *
 * A dotted address counts siblings, exactly as --toc numbers them.  A
 * slashed address names markers: each step matches a child whose marker
 * reads the same once brackets and punctuation are set aside (二 matches
 * 二、, 一 matches （一）, 四是 matches 四是), or failing that a child whose
 * number is the step's number (2 finds 二、), or failing that the child at
 * that position.  A step that is no number may also name a child by the
 * start of its title (引言), and failing all that, when it is the marker
 * of a family numbered through the whole document, the first node below
 * whose marker it is (第三条, wherever the article sits).  Where a
 * heading and a list item below the same parent both answer a step, the
 * heading wins (the item is still there by its dotted position).
 *
 * Addresses are typed through input methods: an address and the markers
 * it is compared with are read in NFKC first, so ２．３ is 2.3 and
 * 二／（一） is 二/(一).  A leading "." makes an address relative to the
 * base node given (.2: its second child); without one it starts at the
 * base all the same (the root for --print and :).
 */
#include "lectern/addr.h"
#include "lectern/marker.h"
#include "lectern/utf8.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

void lec_addr_of(const lec_doc *doc, uint32_t id, lec_buf *out)
{
    int pos[256];
    int n = 0;

    for (uint32_t c = id; c != 0 && c != LEC_NONE && n < 256; c = lec_node_parent(doc, c))
        pos[n++] = lec_node_position(doc, c);
    /* By hand: --toc writes one address a node, printf was a tenth of it. */
    for (int i = n - 1; i >= 0; i--) {
        char d[12];
        int k = 0;
        unsigned v = pos[i] > 0 ? (unsigned)pos[i] : 0;
        do d[k++] = (char)('0' + v % 10); while ((v /= 10) != 0);
        if (i != n - 1) lec_buf_putc(out, '.');
        while (k) lec_buf_putc(out, d[--k]);
    }
}

static uint32_t nth_child(const lec_doc *doc, uint32_t parent, long k)
{
    uint32_t c = lec_node_first_child(doc, parent);
    for (long i = 1; c != LEC_NONE && i < k; i++) c = lec_node_next_sibling(doc, c);
    return k >= 1 ? c : LEC_NONE;
}

/* Whether NFKC may change s[0..n): it holds a code point of the blocks
 * with compatibility forms that addresses meet (full-width and half-width
 * forms, the ideographic space, enclosed and number forms).  Saves calling
 * utf8proc for every marker compared. */
static int may_fold(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += (size_t)lec_utf8_decode(s + i, n - i, &cp);
        if ((cp >= 0xFF00 && cp <= 0xFFEF) || cp == 0x3000 || (cp >= 0x2150 && cp <= 0x24FF) ||
            (cp >= 0x3200 && cp <= 0x33FF))
            return 1;
    }
    return 0;
}

/* s[0..n) in NFKC into out (as it is when it cannot be). */
static void nfkc(const char *s, size_t n, lec_buf *out)
{
    lec_buf_reset(out);
    utf8proc_uint8_t *r = NULL;
    if (may_fold(s, n) &&
        utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &r,
                     UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT) >= 0) {
        lec_buf_puts(out, (const char *)r);
    } else {
        lec_buf_put(out, s, n);
        lec_buf_puts(out, "");
    }
    free(r);
}

/* Marker text in NFKC, without brackets, punctuation and spaces: "（一）"
 * -> "一", "1." -> "1", "第一，" -> "第一", "①" -> "1". */
static void normalise(const char *s0, size_t n0, lec_buf *out)
{
    static const char *const drop[] = {"（", "）", "(", ")", "、", "，", ",", ".", "．", "：",
                                       ":", " ", "\t", "　", "；", ";", "[", "]", "【", "】"};
    lec_buf folded = LEC_BUF_INIT;
    nfkc(s0, n0, &folded);
    const char *s = folded.data;
    size_t n = folded.len;
    lec_buf_reset(out);
    for (size_t i = 0; i < n;) {
        int skipped = 0;
        for (size_t k = 0; k < sizeof drop / sizeof *drop; k++) {
            size_t l = strlen(drop[k]);
            if (i + l <= n && memcmp(s + i, drop[k], l) == 0) {
                i += l;
                skipped = 1;
                break;
            }
        }
        if (skipped) continue;
        int32_t cp;
        int l = lec_utf8_decode(s + i, n - i, &cp);
        lec_buf_put(out, s + i, (size_t)l);
        i += (size_t)l;
    }
    lec_buf_free(&folded);
}

/* The number a step spells (12, 十二), or -1. */
static long step_number(const char *s, size_t n)
{
    if (n == 0) return -1;
    size_t i = 0;
    long v = 0;
    while (i < n && isdigit((unsigned char)s[i]) && v < 100000) v = v * 10 + (s[i++] - '0');
    if (i == n) return v;
    size_t used;
    int cn = lec_cn_number(s, n, &used);
    return cn >= 0 && used == n ? cn : -1;
}

/* Is node c inside node top? */
static int inside(const lec_doc *doc, uint32_t c, uint32_t top)
{
    for (; c != LEC_NONE && c != 0; c = lec_node_parent(doc, c))
        if (c == top) return 1;
    return top == 0;
}

/* May step s[0..n) name a node further down than the children?  Only
 * when it is the marker of a family numbered through the whole document
 * (第三条, 第二章, Article 5): such a number names one node wherever it
 * sits, where 一是 under another parent is another point. */
static int below_ok(const char *s, size_t n)
{
    lec_marker m;
    return n && lec_marker_scan(s, n, LEC_MARK_HEADING, &m) && m.title >= n &&
           lec_family_document_wide(m.family);
}

/* The first node below parent, at any depth, whose marker reads as the
 * normalised step a: a law's articles are numbered through the whole
 * law, so 第三条 names one article wherever it sits (under 第二章/第一节,
 * under a book's H1).  Nodes are numbered in document order and a
 * node's descendants follow it. */
static uint32_t match_below(const lec_doc *doc, uint32_t parent, const lec_buf *a, lec_buf *b)
{
    size_t count = lec_doc_node_count(doc);
    for (uint32_t c = parent + 1; c < count && inside(doc, c, parent); c++) {
        size_t ml;
        const char *m = lec_node_marker(doc, c, &ml);
        if (!ml) continue;
        normalise(m, ml, b);
        if (a->len == b->len && memcmp(a->data, b->data, a->len) == 0) return c;
    }
    return LEC_NONE;
}

/* The child of parent whose normalised marker is a (a heading before a
 * list item), or LEC_NONE. */
static uint32_t match_marker(const lec_doc *doc, uint32_t parent, const lec_buf *a, lec_buf *b)
{
    uint32_t point = LEC_NONE;
    for (uint32_t c = lec_node_first_child(doc, parent); c != LEC_NONE;
         c = lec_node_next_sibling(doc, c)) {
        size_t ml;
        const char *m = lec_node_marker(doc, c, &ml);
        if (!ml) continue;
        normalise(m, ml, b);
        if (!a->len || a->len != b->len || memcmp(a->data, b->data, a->len) != 0) continue;
        if (lec_node_kind_of(doc, c) == LEC_NODE_SECTION) return c;
        if (point == LEC_NONE) point = c;
    }
    return point;
}

static uint32_t match_step(const lec_doc *doc, uint32_t parent, const char *s, size_t n,
                           lec_buf *a, lec_buf *b)
{
    normalise(s, n, a);
    uint32_t c0 = match_marker(doc, parent, a, b);
    if (c0 != LEC_NONE) return c0;
    long num = step_number(a->data ? a->data : "", a->len);
    if (num < 0) {
        /* An unnumbered heading is named by the start of its title. */
        for (uint32_t c = lec_node_first_child(doc, parent); c != LEC_NONE;
             c = lec_node_next_sibling(doc, c)) {
            size_t tl;
            const char *t = lec_node_title(doc, c, &tl);
            if (n && tl >= n && memcmp(t, s, n) == 0) return c;
        }
        return below_ok(s, n) ? match_below(doc, parent, a, b) : LEC_NONE;
    }
    uint32_t point = LEC_NONE;
    for (uint32_t c = lec_node_first_child(doc, parent); c != LEC_NONE;
         c = lec_node_next_sibling(doc, c)) {
        size_t ml;
        lec_node_marker(doc, c, &ml);
        if (!ml || lec_node_ordinal(doc, c) != num) continue;
        if (lec_node_kind_of(doc, c) == LEC_NODE_SECTION) return c;
        if (point == LEC_NONE) point = c;
    }
    return point != LEC_NONE ? point : nth_child(doc, parent, num);
}

static void describe_node(const lec_doc *doc, uint32_t id, lec_buf *out)
{
    size_t ml, tl;
    const char *m = lec_node_marker(doc, id, &ml);
    const char *t = lec_node_title(doc, id, &tl);
    lec_addr_of(doc, id, out);
    lec_buf_putc(out, ' ');
    lec_buf_put(out, m, ml);
    /* A short title: the first 12 characters are enough to recognise it. */
    size_t cut = 0;
    for (int k = 0; k < 12 && cut < tl; k++) {
        int32_t cp;
        cut += (size_t)lec_utf8_decode(t + cut, tl - cut, &cp);
    }
    lec_buf_put(out, t, cut);
    if (cut < tl) lec_buf_puts(out, "…");
}

/* What to suggest when the steps after `at` lead nowhere. */
static void nearest(const lec_doc *doc, uint32_t at, lec_buf *near)
{
    uint32_t first = lec_node_first_child(doc, at), last = LEC_NONE;
    for (uint32_t c = first; c != LEC_NONE; c = lec_node_next_sibling(doc, c)) last = c;
    int any = 0;
    if (first != LEC_NONE) {
        describe_node(doc, first, near);
        any = 1;
        if (last != first) {
            lec_buf_puts(near, " … ");
            describe_node(doc, last, near);
        }
    }
    if (at != 0) {
        if (any) lec_buf_puts(near, ", ");
        describe_node(doc, at, near);
        any = 1;
    }
    if (!any) lec_buf_puts(near, "(the document has no sections or numbered points)");
}

uint32_t lec_addr_resolve(const lec_doc *doc, const char *addr0, uint32_t base, lec_buf *near)
{
    lec_buf typed = LEC_BUF_INIT;
    nfkc(addr0, strlen(addr0), &typed);
    const char *addr = typed.data;
    /* ".2", "./四是": from the base, as every address is. */
    if (addr[0] == '.' && addr[1]) addr += addr[1] == '/' ? 2 : 1;
    size_t n = strlen(addr);
    int dotted = n > 0;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)addr[i]) && addr[i] != '.') dotted = 0;
    char sep = dotted ? '.' : '/';

    lec_buf a = LEC_BUF_INIT, b = LEC_BUF_INIT;
    uint32_t at = base;
    const char *p = addr, *end = addr + n;
    uint32_t found = n ? at : LEC_NONE;
    while (n && p <= end) {
        const char *q = memchr(p, sep, (size_t)(end - p));
        if (!q) q = end;
        uint32_t c;
        if (dotted) {
            char *stop;
            long k = q > p ? strtol(p, &stop, 10) : 0;
            c = q > p ? nth_child(doc, at, k) : LEC_NONE;
        } else {
            c = match_step(doc, at, p, (size_t)(q - p), &a, &b);
        }
        if (c == LEC_NONE) {
            found = LEC_NONE;
            break;
        }
        at = c;
        found = c;
        p = q + 1;
    }
    if (found == LEC_NONE && near) nearest(doc, at, near);
    lec_buf_free(&a);
    lec_buf_free(&b);
    lec_buf_free(&typed);
    return found == base && n ? (base ? base : LEC_NONE) : found;
}

int lec_addr_range(const lec_doc *doc, const char *addr, lec_buf *near, size_t *start, size_t *end)
{
    size_t n = strlen(addr);
    /* "0" and "X.0": the node X (the root for "0") up to its first child. */
    if (n >= 1 && addr[n - 1] == '0' && (n == 1 || addr[n - 2] == '.')) {
        uint32_t id = 0;
        if (n > 1) {
            char *parent = lec_xstrndup(addr, n - 2);
            id = parent[0] ? lec_addr_resolve(doc, parent, 0, near) : LEC_NONE;
            free(parent);
            if (id == LEC_NONE) return 0;
        }
        lec_node_range(doc, id, start, end);
        uint32_t c = lec_node_first_child(doc, id);
        if (c != LEC_NONE) {
            size_t cs, ce;
            lec_node_range(doc, c, &cs, &ce);
            *end = cs;
        }
        return 1;
    }
    uint32_t id = lec_addr_resolve(doc, addr, 0, near);
    if (id == LEC_NONE) return 0;
    lec_node_range(doc, id, start, end);
    return 1;
}
