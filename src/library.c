/*
 * library.c - a collection of documents: finding them, their metadata,
 * their orders and the filter (lectern/library.h).
 */
#include "library_priv.h"

#include "lectern/load.h"
#include "lectern/search.h"
#include "lectern/thread.h"
#include "lectern/utf8.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

lec_lib *lec_lib_new(lec_from from)
{
    lec_lib *l = lec_xcalloc(1, sizeof *l);
    l->from = from;
    return l;
}

static void doc_free(lec_lib_doc *d)
{
    free(d->path);
    free(d->abs);
    free(d->date);
    free(d->author);
    free(d->title);
    free(d->error);
}

void lec_lib_free(lec_lib *l)
{
    if (!l) return;
    for (size_t i = 0; i < l->n; i++)
        doc_free(&l->docs[i]);
    free(l->docs);
    free(l->seen);
    lec_buf_free(&l->note);
    for (int k = 0; k < 2; k++) {
        free(l->folded[k]);
        free(l->off[k]);
    }
    free(l);
}

void lib_note(lec_lib *l, const char *fmt, ...)
{
    if (l->note.len) lec_buf_puts(&l->note, "; ");
    va_list ap;
    va_start(ap, fmt);
    lec_buf_vprintf(&l->note, fmt, ap);
    va_end(ap);
}

lec_from lec_lib_from(const lec_lib *l)
{
    return l->from;
}

size_t lec_lib_count(const lec_lib *l)
{
    return l->n;
}

const lec_lib_doc *lec_lib_get(const lec_lib *l, size_t i)
{
    return &l->docs[i];
}

size_t lec_lib_skipped(const lec_lib *l)
{
    return l->skipped;
}

const char *lec_lib_note(const lec_lib *l)
{
    return l->note.data ? l->note.data : "";
}

static char *sdup(const char *s)
{
    return lec_xstrndup(s, strlen(s));
}

/* ---- finding the documents ------------------------------------------------ */

static size_t seen_slot(const struct lib_seen *set, size_t cap, uint64_t dev, uint64_t ino)
{
    size_t i = (size_t)((ino * 0x9E3779B97F4A7C15u) ^ dev) & (cap - 1);
    while ((set[i].dev || set[i].ino) && (set[i].dev != dev || set[i].ino != ino))
        i = (i + 1) & (cap - 1);
    return i;
}

/* Whether the file st names was listed before; records it if not.  (The
 * key is stored plus one, so that no real file looks like an empty slot.) */
static int seen_before(lec_lib *l, const struct stat *st)
{
    uint64_t dev = (uint64_t)st->st_dev + 1, ino = (uint64_t)st->st_ino;
    if (2 * (l->nseen + 1) > l->seen_cap) {
        size_t cap = l->seen_cap ? 2 * l->seen_cap : 64;
        struct lib_seen *set = lec_xcalloc(cap, sizeof *set);
        for (size_t i = 0; i < l->seen_cap; i++)
            if (l->seen[i].dev || l->seen[i].ino)
                set[seen_slot(set, cap, l->seen[i].dev, l->seen[i].ino)] = l->seen[i];
        free(l->seen);
        l->seen = set;
        l->seen_cap = cap;
    }
    size_t i = seen_slot(l->seen, l->seen_cap, dev, ino);
    if (l->seen[i].dev == dev && l->seen[i].ino == ino) return 1;
    l->seen[i].dev = dev;
    l->seen[i].ino = ino;
    l->nseen++;
    return 0;
}

static lec_lib_doc *add_doc(lec_lib *l, const char *path, const char *abs, const struct stat *st)
{
    LEC_GROW(l->docs, l->cap, l->n + 1);
    lec_lib_doc *d = &l->docs[l->n++];
    memset(d, 0, sizeof *d);
    d->path = sdup(path);
    d->abs = sdup(abs);
    d->date = sdup("");
    d->author = sdup("");
    d->title = sdup("");
    d->error = sdup("");
    d->parts = -1;
    if (st) {
        d->size = (uint64_t)st->st_size;
        d->mtime = (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
    }
    return d;
}

static void set_error(lec_lib_doc *d, const char *why)
{
    free(d->error);
    d->error = sdup(why);
    d->known = 1;
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n > k && strcasecmp(s + n - k, suffix) == 0;
}

static int is_doc_name(const char *name)
{
    return has_suffix(name, ".md") || has_suffix(name, ".markdown") || has_suffix(name, ".txt");
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *errno_reason(int err)
{
    return err == EACCES || err == EPERM ? "permission denied" : strerror(err);
}

/* Walks the folder path (absolute: abs), depth levels deep at most. */
static void walk(lec_lib *l, const char *path, const char *abs, int depth)
{
    DIR *dir = opendir(path);
    if (!dir) {
        struct stat st;
        int err = errno;
        lec_lib_doc *d = add_doc(l, path, abs, stat(path, &st) == 0 ? &st : NULL);
        set_error(d, errno_reason(err));
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (e->d_name[0] == '.') continue; /* hidden, and . and .. */
        LEC_GROW(names, cap, n + 1);
        names[n++] = sdup(e->d_name);
    }
    closedir(dir);
    qsort(names, n, sizeof *names, cmp_names);
    lec_buf p = LEC_BUF_INIT, a = LEC_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        lec_buf_reset(&p);
        lec_buf_reset(&a);
        size_t pl = strlen(path), al = strlen(abs);
        lec_buf_puts(&p, path);
        if (pl && path[pl - 1] != '/') lec_buf_putc(&p, '/');
        lec_buf_puts(&p, names[i]);
        lec_buf_puts(&a, abs);
        if (al && abs[al - 1] != '/') lec_buf_putc(&a, '/');
        lec_buf_puts(&a, names[i]);
        struct stat st;
        if (lstat(p.data, &st) != 0) continue; /* gone since */
        if (S_ISDIR(st.st_mode)) {
            if (depth < 64) walk(l, p.data, a.data, depth + 1);
            continue;
        }
        if (!is_doc_name(names[i])) continue;
        /* A link to a file is followed; one to a folder is not. */
        if (S_ISLNK(st.st_mode) && (stat(p.data, &st) != 0 || !S_ISREG(st.st_mode))) continue;
        if (!S_ISREG(st.st_mode) || seen_before(l, &st)) continue;
        add_doc(l, p.data, a.data, &st);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    lec_buf_free(&p);
    lec_buf_free(&a);
}

/* The absolute form of path, without resolving its last component's
 * links (the cache key of the file named, not of its target). */
static char *absolute(const char *path)
{
    char *r = realpath(path, NULL);
    if (r) return r;
    if (path[0] == '/') return sdup(path);
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd)) return sdup(path);
    lec_buf b = LEC_BUF_INIT;
    lec_buf_printf(&b, "%s/%s", cwd, path);
    return lec_buf_detach(&b, NULL);
}

int lec_lib_add(lec_lib *l, const char *path, lec_buf *why)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        lec_buf_puts(why, errno == ENOENT ? "no such file or folder" : errno_reason(errno));
        return -1;
    }
    char *abs = absolute(path);
    if (S_ISDIR(st.st_mode))
        walk(l, path, abs, 0);
    else if (!seen_before(l, &st))
        add_doc(l, path, abs, &st);
    free(abs);
    return 0;
}

/* ---- metadata ------------------------------------------------------------- */

int lec_lib_parts(const lec_doc *doc)
{
    int n = 0;
    if (lec_doc_node_count(doc) < 2) return 0;
    for (uint32_t id = lec_node_first_child(doc, 0); id && id != LEC_NONE;
         id = lec_node_next_sibling(doc, id))
        n++;
    return n;
}

/* The file name without its folders and its extension. */
static char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    s = s ? s + 1 : path;
    const char *dot = strrchr(s, '.');
    size_t n = dot && dot > s ? (size_t)(dot - s) : strlen(s);
    return lec_xstrndup(s, n);
}

/* A metadata value as one line: white space runs (line breaks too) as one
 * space, trimmed. */
static char *one_line(const char *s)
{
    lec_buf b = LEC_BUF_INIT;
    int space = 0;
    lec_buf_puts(&b, "");
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = b.len > 0;
            continue;
        }
        if (space) lec_buf_putc(&b, ' ');
        space = 0;
        lec_buf_putc(&b, (char)c);
    }
    return lec_buf_detach(&b, NULL);
}

/* Reads document d: its metadata, or why it cannot be read (a binary
 * file is left out of the library later).  Runs on worker threads: only
 * the model, and only d. */
static void fill(lec_from from, lec_lib_doc *d)
{
    lec_input in;
    lec_buf why = LEC_BUF_INIT;
    if (lec_load(d->path, NULL, &in, &why) != 0) {
        set_error(d, why.data ? why.data : "cannot be read");
        lec_buf_free(&why);
        return;
    }
    lec_buf_free(&why);
    /* Only what a search of the library asks (libsearch.c): the whole
     * signature cost a fifth of reading a cold library. */
    d->sig = lec_sig_wild_han(in.data, in.len) ? LEC_LIB_WILD_HAN : 0;
    int text = lec_open_is_text(d->path, from, in.data, in.len);
    /* Points' titles, which the list does not show, need not be made:
     * no title decides how the document is walked (its link definitions
     * are found before the walk, doc.c), and the document's title is a
     * heading's, which keeps it. */
    lec_doc *doc =
        lec_open_input(&in, text, d->path, LEC_DOC_ONE_THREAD | LEC_DOC_NO_TITLES, &why);
    if (!doc) {
        set_error(d, why.data ? why.data : "cannot be read");
        lec_buf_free(&why);
        return;
    }
    const char *v;
    free(d->title);
    v = lec_doc_meta_get(doc, "title");
    d->title = v && *v ? one_line(v) : base_name(d->path);
    free(d->author);
    v = lec_doc_meta_get(doc, "author");
    if (!v || !*v) v = lec_doc_meta_get(doc, "speaker");
    d->author = one_line(v ? v : "");
    lec_buf date = LEC_BUF_INIT;
    v = lec_doc_meta_get(doc, "date");
    lec_lib_date(v ? v : "", &date);
    free(d->date);
    d->date = date.data ? one_line(date.data) : sdup("");
    lec_buf_free(&date);
    d->parts = lec_lib_parts(doc);
    d->known = 1;
    lec_doc_free(doc);
}

struct lec_libload {
    lec_lib *l;
    char *cache_dir;
    atomic_size_t next, done;
    size_t total;   /* documents the cache did not know */
    pthread_t tid[16];
    int started;
};

/* Takes the next document to read and reads it; 0 when none is left. */
static int work_one(lec_libload *w)
{
    size_t i = atomic_fetch_add(&w->next, 1);
    if (i >= w->l->n) return 0;
    lec_lib_doc *d = &w->l->docs[i];
    if (!d->known) {
        fill(w->l->from, d);
        atomic_fetch_add(&w->done, 1);
    }
    return 1;
}

static void *worker(void *p)
{
    while (work_one(p)) {
    }
    return NULL;
}

static int is_binary(const lec_lib_doc *d)
{
    return strncmp(d->error, "binary file", 11) == 0;
}

lec_libload *lec_lib_load_start(lec_lib *l, const char *cache_dir, int threads)
{
    lec_libload *w = lec_xcalloc(1, sizeof *w);
    w->l = l;
    w->cache_dir = cache_dir ? lec_xstrndup(cache_dir, strlen(cache_dir)) : NULL;
    if (cache_dir) lib_cache_read(l, cache_dir);
    for (size_t i = 0; i < l->n; i++)
        w->total += !l->docs[i].known;
    atomic_init(&w->next, 0);
    atomic_init(&w->done, 0);
    if (!w->total) atomic_store(&w->next, l->n);
    if (threads > 16) threads = 16;
    for (int k = 0; w->total && k < threads; k++)
        if (lec_thread_start(&w->tid[w->started], worker, w) == 0) w->started++;
    return w;
}

int lec_lib_load_step(lec_libload *h)
{
    return work_one(h);
}

size_t lec_lib_load_done(const lec_libload *h, size_t *total)
{
    *total = h->total;
    return atomic_load(&((lec_libload *)h)->done);
}

void lec_lib_load_stop(lec_libload *h)
{
    /* Past the end: every worker's next take finds nothing. */
    atomic_store(&h->next, h->l->n);
}

void lec_lib_load_finish(lec_libload *h)
{
    lec_lib *l = h->l;
    while (work_one(h)) {
    }
    for (int k = 0; k < h->started; k++)
        pthread_join(h->tid[k], NULL);
    if (lec_oom_seen()) lec_oom(); /* a worker ran out of memory */
    if (h->total && h->cache_dir) lib_cache_write(l, h->cache_dir);
    /* Binary files are no documents: out of the list.  A document left
     * unread (a stopped load) shows its file name. */
    size_t j = 0;
    for (size_t i = 0; i < l->n; i++) {
        lec_lib_doc *d = &l->docs[i];
        if (is_binary(d)) {
            doc_free(d);
            l->skipped++;
            continue;
        }
        if (!d->known && !*d->title) {
            free(d->title);
            d->title = base_name(d->path);
        }
        l->docs[j++] = *d;
    }
    l->n = j;
    free(h->cache_dir);
    free(h);
}

void lec_lib_load(lec_lib *l, const char *cache_dir, int threads)
{
    /* This thread works too. */
    lec_lib_load_finish(lec_lib_load_start(l, cache_dir, threads - 1));
}

/* ---- dates ---------------------------------------------------------------- */

/* The value of a digit: ASCII, full-width or Chinese (〇 零 一 … 九); -1. */
static int digit(int32_t cp)
{
    if (cp >= '0' && cp <= '9') return cp - '0';
    if (cp >= 0xFF10 && cp <= 0xFF19) return cp - 0xFF10;
    static const int32_t zh[] = {0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB,
                                 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D};
    for (int k = 0; k < 10; k++)
        if (cp == zh[k]) return k;
    if (cp == 0x96F6) return 0; /* 零 */
    return -1;
}

/* Reads a number at s (digits, or Chinese with 十: 十二, 二十一); returns
 * its value, or -1, and how many code points it took in *n. */
static int number(const int32_t *s, size_t len, size_t *n)
{
    int v = 0, any = 0, tens = 0;
    size_t i = 0;
    for (; i < len && i < 6; i++) {
        int d = digit(s[i]);
        if (s[i] == 0x5341) { /* 十 */
            tens = 1;
            v = (any ? v : 1) * 10;
            any = 1;
            continue;
        }
        if (d < 0) break;
        v = tens ? v + d : v * 10 + d;
        any = 1;
    }
    *n = i;
    return any ? v : -1;
}

void lec_lib_date(const char *s, lec_buf *out)
{
    int32_t cps[128];
    size_t n = 0, len = strlen(s);
    for (size_t i = 0; i < len && n < 128;) {
        int32_t cp;
        i += (size_t)lec_utf8_decode(s + i, len - i, &cp);
        cps[n++] = cp;
    }
    /* The first run of four digits is the year; a month and a day may
     * follow, each after one separator (- / . 年 月 or a space). */
    for (size_t i = 0; i < n; i++) {
        size_t k;
        if (digit(cps[i]) < 0) continue;
        int y = number(cps + i, n - i, &k);
        if (k != 4 || y < 1000) {
            i += k ? k - 1 : 0;
            continue;
        }
        size_t j = i + k;
        int m = -1, d = -1;
        if (j + 1 < n && (cps[j] == '-' || cps[j] == '/' || cps[j] == '.' || cps[j] == 0x5E74 ||
                          cps[j] == ' ' || cps[j] == 0xFF0D || cps[j] == 0xFF0F)) {
            m = number(cps + j + 1, n - j - 1, &k);
            if (m < 1 || m > 12 || k > 3) {
                m = -1;
            } else {
                j += 1 + k;
                if (j + 1 < n && (cps[j] == '-' || cps[j] == '/' || cps[j] == '.' ||
                                  cps[j] == 0x6708 || cps[j] == 0xFF0D || cps[j] == 0xFF0F)) {
                    d = number(cps + j + 1, n - j - 1, &k);
                    if (d < 1 || d > 31 || k > 3) d = -1;
                }
            }
        }
        if (m < 0)
            lec_buf_printf(out, "%04d", y);
        else if (d < 0)
            lec_buf_printf(out, "%04d-%02d", y, m);
        else
            lec_buf_printf(out, "%04d-%02d-%02d", y, m, d);
        return;
    }
    char *t = one_line(s);
    lec_buf_puts(out, t);
    free(t);
}

/* ---- orders and the filter ----------------------------------------------- */

static const char *const order_names[LEC_LIB_ORDERS] = {"date", "title", "speaker", "path"};

const char *lec_lib_order_name(lec_lib_order o)
{
    return o < LEC_LIB_ORDERS ? order_names[o] : "";
}

/* A date that sorts as one: it starts with four digits. */
static int dated(const char *s)
{
    for (int k = 0; k < 4; k++)
        if (s[k] < '0' || s[k] > '9') return 0;
    return 1;
}

static int compare(const lec_lib *l, lec_lib_order o, size_t a, size_t b)
{
    const lec_lib_doc *x = &l->docs[a], *y = &l->docs[b];
    int c = 0;
    switch (o) {
    case LEC_LIB_BY_DATE: {
        int dx = dated(x->date), dy = dated(y->date);
        if (dx != dy) return dx ? -1 : 1;
        c = -strcmp(x->date, y->date); /* newest first */
        break;
    }
    case LEC_LIB_BY_TITLE:
        c = strcmp(x->title, y->title);
        break;
    case LEC_LIB_BY_AUTHOR:
        if (!*x->author != !*y->author) return *x->author ? -1 : 1;
        c = strcmp(x->author, y->author);
        if (!c) c = -strcmp(x->date, y->date);
        break;
    default:
        break;
    }
    if (!c) c = strcmp(x->path, y->path);
    return c;
}

/* A stable merge sort of idx[0..n) (qsort has no context argument). */
static void sort(const lec_lib *l, lec_lib_order o, size_t *idx, size_t *tmp, size_t n)
{
    if (n < 2) return;
    size_t h = n / 2;
    sort(l, o, idx, tmp, h);
    sort(l, o, idx + h, tmp, n - h);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        tmp[k++] = compare(l, o, idx[j], idx[i]) < 0 ? idx[j++] : idx[i++];
    while (i < h)
        tmp[k++] = idx[i++];
    while (j < n)
        tmp[k++] = idx[j++];
    memcpy(idx, tmp, n * sizeof *idx);
}

static void fold_all(lec_lib *l, int icase)
{
    size_t len = 0, cap = 0;
    char *f = NULL;
    size_t *off = lec_xmalloc((l->n ? l->n : 1) * sizeof *off);
    lec_buf s = LEC_BUF_INIT;
    for (size_t i = 0; i < l->n; i++) {
        const lec_lib_doc *d = &l->docs[i];
        lec_buf_reset(&s);
        lec_buf_printf(&s, "%s %s %s %s", d->date, d->author, d->title, d->path);
        off[i] = len;
        lec_search_fold(s.data, s.len, icase, &f, &len, &cap);
        if (len + 1 > cap) {
            cap = (len + 1) * 2;
            f = lec_xrealloc(f, cap);
        }
        f[len++] = 0;
    }
    lec_buf_free(&s);
    l->folded[icase] = f;
    l->off[icase] = off;
}

/* Whether text holds every space-separated word of pat. */
static int holds_words(const char *text, char *pat)
{
    for (char *w = pat; *w;) {
        size_t n = strcspn(w, " ");
        if (n) {
            char save = w[n];
            w[n] = 0;
            int ok = strstr(text, w) != NULL;
            w[n] = save;
            if (!ok) return 0;
        }
        w += n;
        while (*w == ' ')
            w++;
    }
    return 1;
}

size_t lec_lib_view(const lec_lib *cl, lec_lib_order order, const char *filter, size_t **out)
{
    lec_lib *l = (lec_lib *)cl; /* the folded texts are made on first use */
    size_t *idx = lec_xmalloc((l->n ? l->n : 1) * sizeof *idx);
    size_t n = 0;
    char *pat = NULL;
    if (filter && *filter) {
        char *low = NULL;
        size_t plen = 0, pcap = 0, llen = 0, lcap = 0;
        size_t flen = strlen(filter);
        /* Smart case, as search: a capital makes case count. */
        lec_search_fold(filter, flen, 0, &pat, &plen, &pcap);
        lec_search_fold(filter, flen, 1, &low, &llen, &lcap);
        int icase = llen == plen && memcmp(pat, low, plen) == 0;
        free(low);
        pat = lec_xrealloc(pat, plen + 1);
        pat[plen] = 0;
        if (!l->folded[icase]) fold_all(l, icase);
        for (size_t i = 0; i < l->n; i++)
            if (holds_words(l->folded[icase] + l->off[icase][i], pat)) idx[n++] = i;
        free(pat);
    } else {
        for (size_t i = 0; i < l->n; i++)
            idx[n++] = i;
    }
    size_t *tmp = lec_xmalloc((n ? n : 1) * sizeof *tmp);
    sort(l, order, idx, tmp, n);
    free(tmp);
    *out = idx;
    return n;
}

/* ---- the cache's place ---------------------------------------------------- */

char *lec_lib_cache_dir(void)
{
    const char *x = getenv("XDG_CACHE_HOME");
    lec_buf b = LEC_BUF_INIT;
    /* The spec: a relative path is invalid and is ignored. */
    if (x && x[0] == '/') {
        lec_buf_printf(&b, "%s/lectern", x);
    } else {
        const char *home = getenv("HOME");
        if (!home || home[0] != '/') return NULL;
        lec_buf_printf(&b, "%s/.cache/lectern", home);
    }
    return lec_buf_detach(&b, NULL);
}
