/*
 * fuzz_libcache.c - any bytes as the library's metadata cache (library.h,
 * libcache.c), $XDG_CACHE_HOME/lectern/library, for a library of two
 * documents.
 *
 * Input: a first byte, then the cache.  Bit 0 of the first byte set: the
 * rest is only the entry lines, and the target adds the header and the
 * last line with the right count and hash (the fuzzer could not make
 * them), so that entries are read.  "@A" and "@B" in it stand for
 * "PATH\tSIZE\tMTIME" of the two documents as they are, so that entries
 * can match them.
 *
 * Checked besides "no crash, no sanitizer report": a damaged cache is
 * never fatal and gives a note of one line free of controls; every
 * document has its metadata; the library's orders and filters work on
 * whatever the cache held; after the cache is written, a second library
 * reads from it the metadata the first one had.
 */
#include "fuzz.h"

#include "lectern/library.h"

#include <sys/stat.h>

static const char doc_a[] = "---\ntitle: 在会议上的讲话\nauthor: 某某\ndate: 2024年3月5日\n---\n\n"
                            "# 一、形势\n\n正文。\n\n# 二、任务\n\n正文。\n";
static const char doc_b[] = "关于工作的报告\n\n一、过去一年\n\n做了很多工作。\n\n二、今年安排\n\n"
                            "（一）抓好落实。\n";

static char *docs_dir, *cache_dir, *cache_file, *key[2];

static char *entry_key(const char *path)
{
    char *abs = realpath(path, NULL);
    FUZZ_CHECK(abs != NULL);
    struct stat st;
    FUZZ_CHECK(stat(path, &st) == 0);
    lec_buf b = LEC_BUF_INIT;
    lec_buf_printf(&b, "%s\t%llu\t%lld", abs, (unsigned long long)st.st_size,
                   (long long)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec);
    free(abs);
    return lec_buf_detach(&b, NULL);
}

static void setup(void)
{
    if (docs_dir) return;
    const char *dir = fuzz_dir();
    docs_dir = fuzz_path(dir, "docs");
    cache_dir = fuzz_path(dir, "cache");
    cache_file = fuzz_path(cache_dir, "library");
    FUZZ_CHECK(mkdir(docs_dir, 0700) == 0 && mkdir(cache_dir, 0700) == 0);
    char *a = fuzz_path(docs_dir, "a.md"), *b = fuzz_path(docs_dir, "b.txt");
    fuzz_put(a, doc_a, sizeof doc_a - 1);
    fuzz_put(b, doc_b, sizeof doc_b - 1);
    key[0] = entry_key(a);
    key[1] = entry_key(b);
    free(a);
    free(b);
}

static uint64_t fnv(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static lec_lib *open_lib(void)
{
    lec_lib *l = lec_lib_new(LEC_FROM_AUTO);
    lec_buf why = LEC_BUF_INIT;
    FUZZ_CHECK(lec_lib_add(l, docs_dir, &why) == 0);
    lec_buf_free(&why);
    lec_lib_load(l, cache_dir, 1);
    const char *note = lec_lib_note(l);
    FUZZ_CHECK(note != NULL && !strchr(note, '\n') && !fuzz_has_unsafe(note, strlen(note), ""));
    FUZZ_CHECK(lec_lib_count(l) + lec_lib_skipped(l) == 2);
    for (size_t i = 0; i < lec_lib_count(l); i++) {
        const lec_lib_doc *d = lec_lib_get(l, i);
        FUZZ_CHECK(d->known && d->path && d->abs && d->date && d->author && d->title && d->error);
    }
    return l;
}

static int same(const lec_lib_doc *x, const lec_lib_doc *y)
{
    return strcmp(x->abs, y->abs) == 0 && strcmp(x->date, y->date) == 0 &&
           strcmp(x->author, y->author) == 0 && strcmp(x->title, y->title) == 0 &&
           strcmp(x->error, y->error) == 0 && x->parts == y->parts && x->sig == y->sig &&
           x->size == y->size && x->mtime == y->mtime;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    setup();
    int wrap = data[0] & 1;
    data++, size--;

    lec_buf b = LEC_BUF_INIT;
    if (wrap) lec_buf_puts(&b, "lectern library cache 1\n");
    size_t body = b.len, lines = 0;
    for (size_t i = 0; i < size; i++) {
        if (i + 1 < size && data[i] == '@' && (data[i + 1] == 'A' || data[i + 1] == 'B')) {
            lec_buf_puts(&b, key[data[i + 1] - 'A']);
            i++;
        } else {
            lec_buf_putc(&b, (char)data[i]);
            lines += data[i] == '\n';
        }
    }
    if (wrap) {
        if (b.len > body && b.data[b.len - 1] != '\n') lec_buf_putc(&b, '\n'), lines++;
        lec_buf_printf(&b, "end %zu %llx\n", lines,
                       (unsigned long long)fnv(b.data + body, b.len - body));
    }
    fuzz_put(cache_file, b.data ? b.data : "", b.len);
    lec_buf_free(&b);

    lec_lib *l = open_lib();
    /* The orders and a filter made of what the cache gave. */
    for (int o = 0; o < LEC_LIB_ORDERS; o++) {
        size_t *idx;
        size_t n = lec_lib_view(l, (lec_lib_order)o, NULL, &idx);
        FUZZ_CHECK(n == lec_lib_count(l));
        free(idx);
        for (size_t i = 0; i < lec_lib_count(l); i++) {
            const char *t = lec_lib_get(l, i)->title;
            char filter[16];
            snprintf(filter, sizeof filter, "%s", t);
            n = lec_lib_view(l, (lec_lib_order)o, filter, &idx);
            FUZZ_CHECK(n <= lec_lib_count(l));
            for (size_t k = 0; k < n; k++)
                FUZZ_CHECK(idx[k] < lec_lib_count(l));
            free(idx);
        }
    }

    /* The cache as it is now gives the second library what the first
     * had (for what the writer keeps: documents read without error). */
    lec_lib *m = open_lib();
    for (size_t i = 0; i < lec_lib_count(l); i++) {
        const lec_lib_doc *x = lec_lib_get(l, i);
        if (*x->error) continue;
        const lec_lib_doc *y = NULL;
        for (size_t k = 0; k < lec_lib_count(m); k++)
            if (strcmp(lec_lib_get(m, k)->abs, x->abs) == 0) y = lec_lib_get(m, k);
        FUZZ_CHECK(y != NULL);
        if (!same(x, y)) {
            fprintf(stderr, "first: %s|%s|%s|%d|%u\nagain: %s|%s|%s|%d|%u\n", x->date, x->author,
                    x->title, x->parts, x->sig, y->date, y->author, y->title, y->parts, y->sig);
            FUZZ_CHECK(!"the cache does not give back what was written");
        }
    }
    lec_lib_free(m);
    lec_lib_free(l);
    return 0;
}
