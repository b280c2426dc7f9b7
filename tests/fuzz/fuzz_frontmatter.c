/*
 * fuzz_frontmatter.c - any bytes as the top of a document: the front
 * matter parser (frontmatter.h) alone, then the document built on them.
 *
 * Checked: the block is no longer than the input and its body lies
 * inside it; entries are appended after what the list held; keys are
 * non-empty and values present; the document's front matter and body
 * start agree with what the parser found.
 */
#include "fuzz.h"

#include "lectern/doc.h"
#include "lectern/frontmatter.h"

static void check_list(const lec_meta_list *l, size_t from, int nul_free)
{
    FUZZ_CHECK(l->count <= l->cap || (l->count == 0 && l->cap == 0));
    for (size_t i = from; i < l->count; i++) {
        FUZZ_CHECK(l->items[i].key != NULL && l->items[i].value != NULL);
        /* A key of NUL bytes would read as empty; the loader never lets
         * a NUL through, so only NUL-free inputs are held to this. */
        if (nul_free) FUZZ_CHECK(l->items[i].key[0] != '\0');
        FUZZ_CHECK(lec_meta_get(l, l->items[i].key) != NULL);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    int nul_free = memchr(data, 0, size) == NULL;

    /* The parser on the bytes as they are, appending to a list that
     * already holds an entry. */
    lec_meta_list l = {0};
    lec_meta_set(&l, "x", 1, "y", 1, 0);
    size_t bs = (size_t)-1, be = (size_t)-1;
    size_t n = lec_frontmatter_parse(s, size, &l, &bs, &be);
    FUZZ_CHECK(n <= size);
    FUZZ_CHECK(strcmp(l.items[0].key, "x") == 0 && strcmp(l.items[0].value, "y") == 0);
    if (n) {
        FUZZ_CHECK(bs <= be && be <= n);
        /* The block starts with a fence line and ends after one. */
        FUZZ_CHECK(size >= 3 && memcmp(s, "---", 3) == 0);
    } else {
        FUZZ_CHECK(l.count == 1);
    }
    check_list(&l, 1, nul_free);
    /* Setting with replace keeps one entry per key. */
    if (l.count > 1) {
        const char *k = l.items[1].key;
        size_t before = l.count;
        lec_meta_set(&l, k, strlen(k), "z", 1, 1);
        FUZZ_CHECK(l.count == before);
    }
    lec_meta_free(&l);
    FUZZ_CHECK(l.count == 0 && l.items == NULL);

    /* The document built on the same bytes. */
    if (fuzz_not_a_document(data, size)) return 0;
    lec_doc *doc = fuzz_doc(data, size, "fuzz.md");
    size_t fs, fe, body = lec_doc_body_start(doc);
    lec_doc_frontmatter(doc, &fs, &fe);
    FUZZ_CHECK(fs <= fe && fe <= body && body <= size);
    /* Without a BOM the document's front matter is the parser's. */
    if (size < 3 || memcmp(s, "\xef\xbb\xbf", 3) != 0) {
        FUZZ_CHECK(body == n);
        if (n) FUZZ_CHECK(fs == bs && fe == be);
    }
    for (size_t i = 0; i < lec_doc_meta_count(doc); i++) {
        const char *k = lec_doc_meta_key(doc, i), *v = lec_doc_meta_value(doc, i);
        FUZZ_CHECK(k != NULL && v != NULL && k[0] != '\0');
    }
    lec_doc_free(doc);
    return 0;
}
