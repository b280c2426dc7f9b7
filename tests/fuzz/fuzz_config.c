/*
 * fuzz_config.c - any bytes as the configuration file (config.h), then its
 * key bindings applied as the browser applies them (keys.h).
 *
 * Checked besides "no crash, no sanitizer report": the file is never
 * fatal; every error is one line "N: message" with N a line of the file,
 * in order, as many as the count returned, and no message holds a
 * character that would reach the terminal as a control (the errors are
 * printed as they are); settings stay in range; parsing again into fresh
 * settings gives the same.
 */
#include "fuzz.h"

#include "lectern/config.h"
#include "lectern/keys.h"
#include "lectern/options.h"

/* Checks errs: count lines "N: text\n", N ascending within 1..lines. */
static void check_errs(const lec_buf *errs, int count, long lines)
{
    int seen = 0;
    long last = 0;
    for (size_t i = 0; i < errs->len;) {
        const char *s = errs->data + i, *nl = memchr(s, '\n', errs->len - i);
        FUZZ_CHECK(nl != NULL);
        char *end;
        long n = strtol(s, &end, 10);
        FUZZ_CHECK(end > s && n >= 1 && n <= lines && n >= last);
        FUZZ_CHECK(end[0] == ':' && end[1] == ' ');
        last = n;
        i = (size_t)(nl - errs->data) + 1;
        seen++;
    }
    FUZZ_CHECK(seen == count);
    FUZZ_CHECK(lec_utf8_valid(errs->data, errs->len, NULL));
    if (fuzz_has_unsafe(errs->data, errs->len, "\n")) {
        fprintf(stderr, "unsafe message: %.*s\n", (int)errs->len, errs->data);
        FUZZ_CHECK(!"a message holds a control character");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* settings.c leaves out a file holding a NUL byte before parsing. */
    if (memchr(data, 0, size)) return 0;
    const char *text = (const char *)data;
    long lines = 1;
    for (size_t i = 0; i < size; i++)
        lines += data[i] == '\n';

    lec_settings s;
    lec_settings_init(&s);
    lec_buf errs = LEC_BUF_INIT;
    int nerr = lec_config_parse(text, size, &s, &errs);
    FUZZ_CHECK(nerr >= 0);
    check_errs(&errs, nerr, lines);
    for (size_t i = 0; i < s.nbinds; i++) {
        const lec_binding *b = &s.binds[i];
        FUZZ_CHECK(b->nkeys >= 1 && b->nkeys <= 4);
        FUZZ_CHECK(b->line >= 1 && b->line <= lines);
    }

    /* The bindings, as settings.c applies them: an error is a message. */
    for (size_t i = 0; i < s.nbinds; i++) {
        const lec_binding *b = &s.binds[i];
        lec_buf why = LEC_BUF_INIT;
        int rc = b->req ? lec_keys_bind(b->keys, b->nkeys, (lec_request)b->req, &why)
                        : lec_keys_unbind(b->keys, b->nkeys, &why);
        if (rc) FUZZ_CHECK(why.len > 0 && !memchr(why.data, '\n', why.len));
        FUZZ_CHECK(!fuzz_has_unsafe(why.data ? why.data : "", why.len, ""));
        lec_buf_free(&why);
    }
    /* Every key still maps to a request the help knows. */
    for (int k = 0; k < 128; k++) {
        lec_request r = lec_keys_lookup(k);
        if (r != LEC_REQ_NONE) FUZZ_CHECK(lec_request_name(r) != NULL);
    }
    lec_keys_reset();

    /* The same text again: the same errors. */
    lec_settings s2;
    lec_settings_init(&s2);
    lec_buf errs2 = LEC_BUF_INIT;
    FUZZ_CHECK(lec_config_parse(text, size, &s2, &errs2) == nerr);
    FUZZ_CHECK(errs2.len == errs.len && (!errs.len || memcmp(errs.data, errs2.data, errs.len) == 0));
    FUZZ_CHECK(s2.nbinds == s.nbinds);

    lec_buf_free(&errs);
    lec_buf_free(&errs2);
    lec_settings_free(&s);
    lec_settings_free(&s2);
    return 0;
}
