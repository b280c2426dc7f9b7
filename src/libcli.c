/*
 * libcli.c - the library on the command line: --list and --grep
 * (libcli.h).  Fields are written so that they cannot act on a terminal
 * and hold no tab or line break (emit.h, lec_out_safe).
 */
#include "libcli.h"

#include "lectern/emit.h"
#include "lectern/libsearch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

/* Worker threads: the processors, at most 4. */
static int threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 4 ? 4 : (int)n;
}

/* A path for a message: control characters as '?'. */
static void say(const char *path, const char *what)
{
    char *p = lec_xstrndup(path, strlen(path));
    for (unsigned char *u = (unsigned char *)p; *u; u++)
        if (*u < 0x20 || *u == 0x7F) *u = '?';
    fprintf(stderr, "lectern: %s: %s\n", p, what);
    free(p);
}

lec_lib *lec_cli_library(char *const *paths, int n, lec_from from, int load, int *errors)
{
    lec_lib *l = lec_lib_new(from);
    lec_buf why = LEC_BUF_INIT;
    for (int i = 0; i < n; i++) {
        lec_buf_reset(&why);
        if (lec_lib_add(l, paths[i], &why) != 0) {
            say(paths[i], why.data);
            (*errors)++;
        }
    }
    lec_buf_free(&why);
    if (load) lec_cli_load(l);
    return l;
}

/* Reading thousands of documents one after another, each worker frees
 * and allocates again buffers of a document's size (a few hundred KB):
 * glibc gave them back to the system (mmap, or the heap trimmed) and
 * faulted fresh pages in for the next: 215,000 page faults and 0.2-0.4 s
 * of system time in a cold --list of 10,000 documents (2,500 now, the
 * peak memory the same).  Kept for reuse below 2 MB (a larger document
 * is rare, and its reading costs more than its pages). */
static void keep_buffers(void)
{
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 2 << 20);
    mallopt(M_TRIM_THRESHOLD, 16 << 20);
#endif
}

void lec_cli_load(lec_lib *l)
{
    keep_buffers();
    char *cache = lec_lib_cache_dir();
    lec_lib_load(l, cache, threads());
    free(cache);
    if (*lec_lib_note(l)) fprintf(stderr, "lectern: %s\n", lec_lib_note(l));
}

int lec_cli_threads(void)
{
    return threads();
}

static void field(const char *s)
{
    lec_out_safe(s, strlen(s), 1);
}

int lec_cli_write_list(const lec_lib *l)
{
    size_t *idx;
    size_t n = lec_lib_view(l, LEC_LIB_BY_DATE, NULL, &idx);
    int errors = 0;
    char num[32];
    for (size_t i = 0; i < n; i++) {
        const lec_lib_doc *d = lec_lib_get(l, idx[i]);
        if (*d->error) {
            say(d->path, d->error);
            errors++;
            continue;
        }
        field(d->path);
        lec_out_char('\t');
        field(d->date);
        lec_out_char('\t');
        field(d->author);
        lec_out_char('\t');
        field(d->title);
        lec_out_char('\t');
        if (d->parts >= 0) {
            snprintf(num, sizeof num, "%d", d->parts);
            lec_out_str(num);
        }
        snprintf(num, sizeof num, "\t%llu\n", (unsigned long long)d->size);
        lec_out_str(num);
    }
    free(idx);
    lec_out_flush();
    return errors;
}

int lec_cli_list(char *const *paths, int n, lec_from from)
{
    int errors = 0;
    lec_lib *l = lec_cli_library(paths, n, from, 1, &errors);
    errors += lec_cli_write_list(l);
    lec_lib_free(l);
    return errors ? 2 : 0;
}

int lec_cli_grep(const char *pattern, unsigned flags, char *const *paths, int n, lec_from from)
{
    int errors = 0;
    lec_lib *l = lec_cli_library(paths, n, from, 1, &errors);
    size_t count = lec_lib_count(l);
    size_t *order = lec_xmalloc((count ? count : 1) * sizeof *order);
    for (size_t i = 0; i < count; i++)
        order[i] = i; /* as found: the paths in the order given, folders in name order */
    lec_buf err = LEC_BUF_INIT;
    lec_lsearch *s = lec_lsearch_start(l, order, count, pattern, flags, threads(), &err);
    free(order);
    if (!s) {
        fprintf(stderr, "lectern: --grep: %s\n", err.len ? err.data : "the pattern is empty");
        lec_buf_free(&err);
        lec_lib_free(l);
        return 2;
    }
    size_t found = 0;
    for (size_t k = 0; k < count; k++) {
        if (!lec_lsearch_wait(s, k)) break;
        const lec_lib_doc *d = lec_lib_get(l, k);
        const lec_dochits *h = lec_lsearch_hits(s, k);
        if (h->error) {
            say(d->path, h->error);
            errors++;
            continue;
        }
        for (size_t j = 0; j < h->n; j++) {
            field(d->path);
            lec_out_char('\t');
            field(h->hit[j].addr);
            lec_out_char('\t');
            field(h->hit[j].crumbs);
            lec_out_char('\t');
            field(h->hit[j].line);
            lec_out_char('\n');
        }
        found += h->n;
        lec_lsearch_forget(s, k);
    }
    lec_out_flush();
    lec_lsearch_free(s);
    lec_lib_free(l);
    return errors ? 2 : found ? 0 : 1;
}
