/*
 * fuzz_search.c - the search engine (search.h) on a fuzzed pattern and
 * text.
 *
 * Input: [0] the pattern's length L (0-255, cut to what there is),
 * [1..2] where a piece of the text is taken from, [3..3+L) the pattern,
 * the rest the text.  Any bytes: NUL and invalid UTF-8 included, the
 * API takes lengths.
 *
 * Checked: matches are non-empty, inside the text, in order and not
 * overlapping; with valid UTF-8 they start and end on character
 * boundaries; each match, searched alone, is found again; appending to
 * an array that holds matches gives the same matches after them; a piece
 * of the text, used as a pattern, is found in the text; folding never
 * writes past what it says.  The pattern is also compiled as a regular
 * expression (LEC_SEARCH_REGEX) and its matches checked the same way
 * (but not found again alone: anchors and lookarounds see the context).
 */
#include "fuzz.h"

#include "lectern/search.h"

enum { HEADER = 3 };

static int continuation(const char *s, size_t n, size_t at)
{
    return at < n && ((unsigned char)s[at] & 0xC0) == 0x80;
}

/* Finds every match of s in text and checks them; returns how many. */
static size_t check_find(const lec_search *s, const char *text, size_t len, int recheck)
{
    lec_match *m = NULL;
    size_t count = 0, cap = 0;
    size_t n = lec_search_find(s, text, len, &m, &count, &cap);
    FUZZ_CHECK(n == count && count <= cap);
    int valid = lec_utf8_valid(text, len, NULL);
    for (size_t i = 0; i < n; i++) {
        FUZZ_CHECK(m[i].start < m[i].end && m[i].end <= len);
        if (i) FUZZ_CHECK(m[i].start >= m[i - 1].end);
        if (valid)
            FUZZ_CHECK(!continuation(text, len, m[i].start) && !continuation(text, len, m[i].end));
    }
    if (recheck) {
        /* The matched text alone matches (the first few: this is
         * quadratic). */
        for (size_t i = 0; i < n && i < 4; i++)
            FUZZ_CHECK(check_find(s, text + m[i].start, m[i].end - m[i].start, 0) >= 1);
        /* Appending after earlier entries gives the same matches. */
        size_t before = count;
        size_t again = lec_search_find(s, text, len, &m, &count, &cap);
        FUZZ_CHECK(again == n && count == before + n && count <= cap);
        for (size_t i = 0; i < n; i++)
            FUZZ_CHECK(m[before + i].start == m[i].start && m[before + i].end == m[i].end);
    }
    free(m);
    return n;
}

static void check_fold(const char *text, size_t len, int icase)
{
    char *out = NULL;
    size_t out_len = 0, out_cap = 0;
    lec_search_fold(text, len, icase, &out, &out_len, &out_cap);
    if (out) FUZZ_CHECK(out_len < out_cap && out[out_len] == '\0');
    /* It appends: a second fold follows the first. */
    size_t first = out_len;
    char *copy = lec_xstrndup(out ? out : "", first);
    lec_search_fold(text, len, icase, &out, &out_len, &out_cap);
    FUZZ_CHECK(out_len == 2 * first);
    if (out) FUZZ_CHECK(out_len < out_cap && out[out_len] == '\0');
    if (first) FUZZ_CHECK(memcmp(out, copy, first) == 0 && memcmp(out + first, copy, first) == 0);
    free(copy);
    free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < HEADER) return 0;
    size_t plen = data[0];
    if (plen > size - HEADER) plen = size - HEADER;
    const char *pat = (const char *)data + HEADER;
    const char *text = pat + plen;
    size_t len = size - HEADER - plen;

    lec_search *s = lec_search_new(pat, plen);
    if (s) {
        (void)lec_search_icase(s);
        check_find(s, text, len, 1);
        lec_search_free(s);
    }
    lec_buf err = LEC_BUF_INIT;
    s = lec_search_compile(pat, plen, LEC_SEARCH_REGEX, &err);
    FUZZ_CHECK(s || plen == 0 || err.len > 0);
    if (s) {
        check_find(s, text, len, 0);
        lec_search_free(s);
    }
    lec_buf_free(&err);

    /* A piece of the text, cut between characters, finds itself. */
    if (len) {
        size_t from = data[1] * len / 256, n = 1 + data[2] % 16, at = 0;
        while (at < from) {
            int32_t cp;
            at += (size_t)lec_utf8_decode(text + at, len - at, &cp);
        }
        size_t end = at;
        for (size_t k = 0; k < n && end < len; k++) {
            int32_t cp;
            end += (size_t)lec_utf8_decode(text + end, len - end, &cp);
        }
        lec_search *p = lec_search_new(text + at, end - at);
        if (p) {
            if (check_find(p, text, len, 0) == 0)
                fprintf(stderr, "the text's bytes %zu..%zu are not found in it\n", at, end);
            FUZZ_CHECK(check_find(p, text, len, 0) >= 1);
            lec_search_free(p);
        }
    }

    check_fold(pat, plen, 0);
    check_fold(text, len, 1);
    check_fold(text, len, 0);
    return 0;
}
