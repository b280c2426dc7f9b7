/*
 * fuzz_convert.c - any bytes as a plain-text speech: convert it to
 * Markdown (convert.h), check that nothing was lost or invented, and
 * load the result as lectern does for a .txt file.
 *
 * "Nothing lost" is convert.h's promise: every character of the input
 * that is not white space appears, in order, in the output, and in the
 * text cmark finds in it (where the backslash of an escape the input
 * already carries, 1\. or \*, shows as the character it escapes).  "Nothing invented": every heading's text is a piece of the
 * input.  Both are checked as tests/unit/t_convert_prop.c does, on the
 * code points of each side with white space set aside.
 */
#include "fuzz.h"

#include "lectern/convert.h"
#include "lectern/doc.h"

#include <cmark.h>

/* White space as the conversion may add, drop or change it. */
static int ignorable(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
           cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
           cp == 0xFEFF;
}

/* The code points of s[0..n) that are not white space.  Invalid bytes
 * and U+FFFD are left out too: cmark replaces a bad sequence by one
 * U+FFFD where lectern's decoder gives one per byte, so they cannot be
 * compared one for one. */
static int32_t *solid_x(const char *s, size_t n, size_t *count, int drop_escapes)
{
    int32_t *v = lec_xmalloc((n + 1) * sizeof *v);
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += (size_t)lec_utf8_decode_strict(s + i, n - i, &cp);
        if (drop_escapes && cp == '\\') {
            /* zero-width characters between go when the text is cleaned */
            size_t j = i;
            while (j + 3 <= n && (memcmp(s + j, "\xe2\x80\x8b", 3) == 0 ||
                                  memcmp(s + j, "\xef\xbb\xbf", 3) == 0))
                j += 3;
            unsigned char c = j < n ? (unsigned char)s[j] : 0;
            if (c > ' ' && c < 0x7F && !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
                                         (c >= 'a' && c <= 'z'))) {
                v[k++] = c; /* the escaped character stands for both */
                i = j + 1;
                continue;
            }
        }
        if (cp >= 0 && cp != LEC_REPLACEMENT && !ignorable(cp)) v[k++] = cp;
    }
    *count = k;
    return v;
}

static int32_t *solid(const char *s, size_t n, size_t *count)
{
    return solid_x(s, n, count, 0);
}

/* The text cmark reads from md[0..n): all of it, and the headings' text
 * one a line. */
static void cmark_text(const char *md, size_t n, lec_buf *all, lec_buf *headings)
{
    cmark_node *root = cmark_parse_document(md, n, 0);
    cmark_iter *it = cmark_iter_new(root);
    cmark_event_type ev;
    int in_heading = 0;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *c = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(c);
        if (t == CMARK_NODE_HEADING) {
            in_heading = ev == CMARK_EVENT_ENTER;
            if (!in_heading) lec_buf_putc(headings, '\n');
            continue;
        }
        if (ev != CMARK_EVENT_ENTER) continue;
        const char *lit = cmark_node_get_literal(c);
        if (lit) {
            lec_buf_puts(all, lit);
            if (in_heading) lec_buf_puts(headings, lit);
        }
        /* A link's target is text the reader sees as well. */
        if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
            const char *url = cmark_node_get_url(c);
            if (url) lec_buf_puts(all, url);
        }
    }
    cmark_iter_free(it);
    cmark_node_free(root);
}

static int is_subsequence(const int32_t *a, size_t na, const int32_t *b, size_t nb)
{
    size_t j = 0;
    for (size_t i = 0; i < na; i++) {
        while (j < nb && b[j] != a[i])
            j++;
        if (j == nb) {
            fprintf(stderr, "input character %zu (U+%04X) is not in the output\n", i,
                    (unsigned)a[i]);
            return 0;
        }
        j++;
    }
    return 1;
}

static int is_piece(const int32_t *a, size_t na, const int32_t *h, size_t nh)
{
    if (nh == 0) return 1;
    for (size_t i = 0; i + nh <= na; i++)
        if (memcmp(a + i, h, nh * sizeof *h) == 0) return 1;
    return 0;
}

static void check_kept(const char *text, size_t n, const char *md, size_t mlen)
{
    /* The front matter is metadata that lectern reads apart (cmark alone
     * would make a rule and a heading of it); the head lines it comes
     * from stay in the body, so it is left out here. */
    const char *body = md;
    if (mlen >= 4 && memcmp(md, "---\n", 4) == 0) {
        const char *e = strstr(md + 4, "\n---\n");
        if (e) body = e + 5;
    }
    lec_buf all = LEC_BUF_INIT, heads = LEC_BUF_INIT;
    cmark_text(body, mlen - (size_t)(body - md), &all, &heads);
    size_t na, nb, nx, nm;
    int32_t *a = solid(text, n, &na);
    int32_t *x = solid_x(text, n, &nx, 1);
    int32_t *b = solid(all.data ? all.data : "", all.len, &nb);
    int32_t *m = solid(body, mlen - (size_t)(body - md), &nm);
    FUZZ_CHECK(is_subsequence(a, na, m, nm));
    FUZZ_CHECK(is_subsequence(x, nx, b, nb));
    for (size_t i = 0; i < heads.len;) {
        const char *nl = memchr(heads.data + i, '\n', heads.len - i);
        size_t l = nl ? (size_t)(nl - (heads.data + i)) : heads.len - i;
        size_t nh;
        int32_t *h = solid(heads.data + i, l, &nh);
        if (!is_piece(x, nx, h, nh))
            fprintf(stderr, "heading not in the input: %.*s\n", (int)l, heads.data + i);
        FUZZ_CHECK(is_piece(x, nx, h, nh));
        free(h);
        i += l + 1;
    }
    free(a);
    free(x);
    free(b);
    free(m);
    lec_buf_free(&all);
    lec_buf_free(&heads);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (fuzz_not_a_document(data, size)) return 0;
    const char *text = (const char *)data;
    (void)lec_looks_markdown(text, size);

    size_t mlen = 0;
    char *md = lec_convert(text, size, &mlen);
    FUZZ_CHECK(md != NULL);
    FUZZ_CHECK(md[mlen] == '\0' && memchr(md, '\0', mlen) == NULL);
    /* Something to read whenever the input has something to read. */
    int solid_input = 0;
    for (size_t i = 0; i < size && !solid_input;) {
        int32_t cp;
        i += (size_t)lec_utf8_decode(text + i, size - i, &cp);
        solid_input = !ignorable(cp);
    }
    if (solid_input) FUZZ_CHECK(mlen > 0);
    check_kept(text, size, md, mlen);

    /* Then lectern reads it as it reads a converted .txt file (rendering
     * and layout are fuzz_markdown's: here they would only slow down the
     * search for conversions that lose text).  An empty result too: a
     * file of white space is a document to the loader. */
    /* main declares the text valid UTF-8 when the input was (the
     * conversion keeps every byte). */
    int valid = lec_utf8_valid(text, size, NULL);
    lec_doc *doc = lec_doc_new_flags(md, mlen, "fuzz.txt", valid ? LEC_DOC_VALID : 0);
    lec_doc_hide_frontmatter(doc);
    size_t fs, fe;
    lec_doc_frontmatter(doc, &fs, &fe);
    FUZZ_CHECK(fs == fe);
    size_t count = lec_doc_node_count(doc);
    for (uint32_t id = 1; id < count; id++) {
        size_t s, e;
        lec_node_range(doc, id, &s, &e);
        FUZZ_CHECK(s <= e && e <= mlen);
    }
    lec_doc_free(doc);
    return 0;
}
