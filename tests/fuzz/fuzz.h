/*
 * fuzz.h - what the fuzz targets in tests/fuzz/ share: the libFuzzer entry
 * point's prototype, a check that aborts (libFuzzer and the replay driver
 * both report an abort with the input that caused it), and helpers that
 * turn fuzz bytes into the inputs lectern's own front end would give the
 * model.
 *
 * Each target is built twice: by `make fuzz` with clang and
 * -fsanitize=fuzzer (libFuzzer supplies main), and by `make check` with
 * the project's compiler and tests/fuzz/replay.c as main, to replay the
 * seeds and the saved crash reproducers.
 */
#ifndef LECTERN_FUZZ_H
#define LECTERN_FUZZ_H

#include "lectern/doc.h"
#include "lectern/utf8.h"
#include "lectern/util.h"

#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken invariant: say which, then abort so that the fuzzer keeps the
 * input as a crash.  Not assert(): NDEBUG must not turn the checks off. */
#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);               \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* Nonzero when lec_load would refuse these bytes as a document (empty, or
 * a NUL byte: "binary file").  The model is only ever given what the
 * loader accepts, so the targets skip the rest instead of reporting
 * crashes no user can cause. */
static inline int fuzz_not_a_document(const uint8_t *data, size_t size)
{
    return size == 0 || memchr(data, 0, size) != NULL;
}

/* A malloc'd, NUL-terminated copy, as lec_doc_new wants its source. */
static inline char *fuzz_copy(const uint8_t *data, size_t size)
{
    char *s = lec_xmalloc(size + 1);
    if (size) memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* The document lectern's front end makes of these bytes: valid UTF-8 is
 * declared so (lec_load checks it), which lets the loader skip its own
 * checks. */
static inline lec_doc *fuzz_doc(const uint8_t *data, size_t size, const char *name)
{
    int flags = lec_utf8_valid((const char *)data, size, NULL) ? LEC_DOC_VALID : 0;
    return lec_doc_new_flags(fuzz_copy(data, size), size, name, flags);
}

/* Nonzero when s[0..n) holds a code point that must never reach the
 * terminal (lec_cp_unsafe), other than the ones listed in `allowed`. */
static inline int fuzz_has_unsafe(const char *s, size_t n, const char *allowed)
{
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += (size_t)lec_utf8_decode(s + i, n - i, &cp);
        if (lec_cp_unsafe(cp) && !(cp < 0x80 && cp && strchr(allowed, (int)cp))) return 1;
    }
    return 0;
}

/* Width in cells and, in *last_w, the width of the last grapheme cluster
 * of s[0..n). */
static inline int fuzz_width(const char *s, size_t n, int ambi, int *last_w)
{
    int w = 0, lw = 0;
    for (size_t i = 0; i < n;) {
        int cw;
        i += lec_grapheme(s + i, n - i, ambi, &cw);
        w += cw;
        lw = cw;
    }
    if (last_w) *last_w = lw;
    return w;
}

/* Whether a row `w` cells wide, ending in a cluster `last_w` cells wide,
 * may stand on a screen `cols` cells wide.  layout.h allows one thing
 * wider than the screen: a single grapheme wider than the room that the
 * prefix (at most half the row) leaves, which the drawing code replaces. */
static inline int fuzz_row_fits(int w, int last_w, int cols)
{
    if (w <= cols) return 1;
    int before = w - last_w;
    return before <= cols / 2 && last_w > cols - before;
}

/* ---- files in the user's home -------------------------------------------
 * The targets for the state, cache and configuration files write the fuzz
 * bytes where lectern reads them, in a scratch folder made once a process
 * ($TMPDIR, else /tmp) and emptied at exit. */

static char fuzz_dir_name[256];

/* dir/name as a malloc'd string (caller frees). */
static inline char *fuzz_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = lec_xmalloc(n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static inline void fuzz_rm_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        char *p = fuzz_path(dir, e->d_name);
        if (unlink(p) != 0) fuzz_rm_tree(p);
        free(p);
    }
    closedir(d);
    rmdir(dir);
}

static inline void fuzz_dir_remove(void)
{
    if (fuzz_dir_name[0]) fuzz_rm_tree(fuzz_dir_name);
}

/* The scratch folder (made on the first call). */
static inline const char *fuzz_dir(void)
{
    if (fuzz_dir_name[0]) return fuzz_dir_name;
    const char *t = getenv("TMPDIR");
    snprintf(fuzz_dir_name, sizeof fuzz_dir_name, "%s/lectern-fuzz.XXXXXX", t && *t ? t : "/tmp");
    FUZZ_CHECK(mkdtemp(fuzz_dir_name) != NULL);
    atexit(fuzz_dir_remove);
    return fuzz_dir_name;
}

/* Writes data[0..n) to path, replacing it. */
static inline void fuzz_put(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    FUZZ_CHECK(f != NULL);
    FUZZ_CHECK(fwrite(data, 1, n, f) == n);
    FUZZ_CHECK(fclose(f) == 0);
}

#endif
