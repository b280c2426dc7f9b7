/*
 * fuzz_history.c - any bytes as the prompts' history file (history.h),
 * $XDG_STATE_HOME/lectern/history.
 *
 * Input: one byte that says which list gets a new entry and how long it
 * is (taken from the end of the input, NULs dropped), then the file.
 *
 * Checked besides "no crash, no sanitizer report": a damaged file is never
 * fatal; its notice is one line free of controls; the lists stay bounded;
 * after an entry is added (which saves the file), the file reads back with
 * no notice and the same lists as the history in memory.
 */
#include "fuzz.h"

#include "lectern/history.h"

static void check_bounded(lec_hist *h)
{
    for (int k = 0; k < 2; k++) {
        int kind = k ? ':' : '/';
        size_t n = lec_hist_count(h, kind);
        FUZZ_CHECK(n <= LEC_HIST_MAX);
        for (size_t i = 0; i < n; i++) {
            const char *e = lec_hist_get(h, kind, i);
            FUZZ_CHECK(e != NULL && *e && strlen(e) <= LEC_HIST_MAX_ENTRY);
        }
        FUZZ_CHECK(lec_hist_get(h, kind, n) == NULL);
    }
}

static void check_notice(lec_hist *h)
{
    const char *n = lec_hist_notice(h);
    if (!n) return;
    FUZZ_CHECK(*n && !strchr(n, '\n'));
    FUZZ_CHECK(!fuzz_has_unsafe(n, strlen(n), ""));
    FUZZ_CHECK(lec_hist_notice(h) == NULL); /* handed out once */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    int kind = data[0] & 1 ? ':' : '/';
    size_t elen = (data[0] >> 1) % 64;
    data++, size--;

    const char *dir = fuzz_dir();
    char *path = fuzz_path(dir, "history");
    fuzz_put(path, data, size);

    lec_hist *h = lec_hist_open(path);
    FUZZ_CHECK(strcmp(lec_hist_path(h), path) == 0);
    check_bounded(h);
    check_notice(h);

    /* A new entry: the last bytes of the input, any bytes but NUL. */
    char entry[64];
    size_t n = 0;
    for (size_t i = size > elen ? size - elen : 0; i < size; i++)
        if (data[i]) entry[n++] = (char)data[i];
    if (n == 0) entry[n++] = 'x';
    lec_hist_add(h, kind, entry, n);
    check_bounded(h);
    check_notice(h);
    size_t last = lec_hist_count(h, kind);
    FUZZ_CHECK(last >= 1);
    const char *newest = lec_hist_get(h, kind, last - 1);
    FUZZ_CHECK(strlen(newest) == n && memcmp(newest, entry, n) == 0);

    /* What was saved reads back as it is in memory. */
    lec_hist *g = lec_hist_open(path);
    const char *notice = lec_hist_notice(g);
    if (notice) fprintf(stderr, "after a save: %s\n", notice);
    FUZZ_CHECK(notice == NULL);
    for (int k = 0; k < 2; k++) {
        int kd = k ? ':' : '/';
        FUZZ_CHECK(lec_hist_count(g, kd) == lec_hist_count(h, kd));
        for (size_t i = 0; i < lec_hist_count(h, kd); i++)
            FUZZ_CHECK(strcmp(lec_hist_get(g, kd, i), lec_hist_get(h, kd, i)) == 0);
    }
    lec_hist_free(g);
    lec_hist_free(h);
    free(path);
    return 0;
}
