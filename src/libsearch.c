/*
 * libsearch.c - searching every document of a library
 * (lectern/libsearch.h).
 *
 * A file is first scanned raw for the pattern's ideographs: folding
 * (search.h) makes an ideograph only from the members of its class
 * (hanfold.h: 发 from 发 發 髮), unless the file holds one of the few
 * characters that fold into ideographs otherwise (radicals, compatibility
 * and enclosed ideographs, numeric entities: the signature's WILD_HAN,
 * searchsig.c).  A file without one of them has no hit and is
 * never converted or parsed, which is what makes a rare word fast: the
 * scan is memmem, as grep's is.  The others are opened and searched by a
 * view, exactly as the browser's / searches them.
 */
#define _GNU_SOURCE /* memmem */
#include "lectern/libsearch.h"

#include "lectern/addr.h"
#include "lectern/hanfold.h"
#include "lectern/load.h"
#include "lectern/search.h"
#include "lectern/thread.h"
#include "lectern/utf8.h"
#include "lectern/view.h"
#include "library_priv.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/* How far the threads may run ahead of what --grep has written. */
#define WINDOW 256

/* The widest breadcrumb: titles are shortened to fit ("二、狠抓… › 三是
 * 同步推进…"). */
#define CRUMBS_COLS 60

/* The longest line kept for a hit: a window around the match. */
#define LINE_MAX_BYTES 600

/* The ideographs a folded pattern needs: for each, the characters that
 * fold to it (hanfold.h: 发 from 发 發 髮), as UTF-8.  A file must hold
 * one of each set. */
#define NEED_MAX 32
#define VARIANTS_MAX 8
typedef struct need {
    char cp[NEED_MAX][VARIANTS_MAX][4];
    int nv[NEED_MAX];
    int n;
    int weak; /* a set too large to keep: the file is not ruled out by it */
} need;

static void need_make(const char *pattern, unsigned flags, need *nd)
{
    memset(nd, 0, sizeof *nd);
    /* A regular expression is not scanned for: every file is searched. */
    if (flags & LEC_SEARCH_REGEX) return;
    lec_search *s = lec_search_compile(pattern, strlen(pattern), flags, NULL);
    if (!s) return;
    int hanfold = !(flags & LEC_SEARCH_NO_HANFOLD);
    size_t plen;
    const char *pat = lec_search_pattern(s, &plen);
    /* Not asked for: OpenCC is never loaded (~0.15 s). */
    const uint16_t *fold = hanfold ? lec_hanfold_table() : NULL;
    for (size_t i = 0; i < plen && nd->n < NEED_MAX;) {
        int32_t cp;
        int l = lec_utf8_decode(pat + i, plen - i, &cp);
        i += (size_t)l;
        if (cp < LEC_HANFOLD_LO || cp > LEC_HANFOLD_HI) continue;
        int dup = 0;
        for (int k = 0; k < nd->n; k++)
            dup |= memcmp(nd->cp[k][0], pat + i - l, (size_t)l) == 0;
        if (dup) continue;
        int k = nd->n, v = 0;
        lec_utf8_encode(cp, nd->cp[k][v++]);
        for (int32_t c = LEC_HANFOLD_LO; hanfold && c <= LEC_HANFOLD_HI; c++) {
            if (c == cp || fold[c - LEC_HANFOLD_LO] != cp) continue;
            if (v == VARIANTS_MAX) {
                nd->weak = 1;
                v = -1;
                break;
            }
            lec_utf8_encode(c, nd->cp[k][v++]);
        }
        if (v < 0) continue; /* this one cannot rule a file out */
        nd->nv[k] = v;
        nd->n++;
    }
    lec_search_free(s);
}

/* 0 when the raw file cannot hold a match (see the top). */
static int may_hold(const need *nd, const char *raw, size_t n, unsigned sig, int sig_known)
{
    for (int k = 0; k < nd->n; k++) {
        int found = 0;
        for (int v = 0; v < nd->nv[k] && !found; v++)
            found = memmem(raw, n, nd->cp[k][v], 3) != NULL;
        if (found) continue;
        if (!sig_known) {
            lec_sig g;
            lec_sig_make(raw, n, &g);
            sig = g.wild & 1 ? LEC_LIB_WILD_HAN : 0;
        }
        return (sig & LEC_LIB_WILD_HAN) != 0;
    }
    return 1;
}

void lec_dochits_free(lec_dochits *h)
{
    for (size_t i = 0; i < h->n; i++) {
        free(h->hit[i].addr);
        free(h->hit[i].crumbs);
        free(h->hit[i].line);
    }
    free(h->hit);
    free(h->error);
    memset(h, 0, sizeof *h);
}

/* The start of the character at or before i. */
static size_t char_start(const char *s, size_t i)
{
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

/* The hit's line: the paragraph, line breaks and tabs as spaces, cut to a
 * window around the match when long (with "…" where it was cut). */
static void hit_line(lec_hit *h, const char *text, size_t len, uint32_t start, uint32_t end)
{
    size_t from = 0, to = len;
    if (len > LINE_MAX_BYTES) {
        size_t room = end - start < LINE_MAX_BYTES ? (LINE_MAX_BYTES - (end - start)) / 2 : 0;
        from = start > room ? char_start(text, start - room) : 0;
        to = end + room < len ? char_start(text, end + room) : len;
    }
    lec_buf b = LEC_BUF_INIT;
    if (from > 0) lec_buf_puts(&b, "…");
    size_t shift = b.len;
    lec_buf_put(&b, text + from, to - from);
    for (size_t i = shift; i < b.len; i++)
        if (b.data[i] == '\n' || b.data[i] == '\t' || b.data[i] == '\r') b.data[i] = ' ';
    if (to < len) lec_buf_puts(&b, "…");
    h->start = (uint32_t)(start - from + shift);
    h->end = (uint32_t)(end - from + shift);
    h->line = lec_buf_detach(&b, NULL);
}

static void search_doc(lec_from from, const lec_lib_doc *d, const char *pattern, unsigned flags,
                       const need *nd, lec_dochits *out)
{
    memset(out, 0, sizeof *out);
    if (*d->error) {
        out->error = lec_xstrndup(d->error, strlen(d->error));
        return;
    }
    lec_input in;
    lec_buf why = LEC_BUF_INIT;
    if (lec_load(d->path, NULL, &in, &why) != 0) {
        out->error = lec_buf_detach(&why, NULL);
        return;
    }
    lec_buf_free(&why);
    /* The signature the library read is the file's while it is unchanged. */
    int known = d->known && d->size == in.len;
    if (!may_hold(nd, in.data, in.len, d->sig, known)) {
        free(in.data);
        return;
    }
    int text = lec_open_is_text(d->path, from, in.data, in.len);
    lec_buf why2 = LEC_BUF_INIT;
    lec_doc *doc = lec_open_input(&in, text, d->path, LEC_DOC_ONE_THREAD, &why2);
    if (!doc) {
        out->error = lec_buf_detach(&why2, NULL);
        return;
    }
    lec_buf_free(&why2);
    lec_view *v = lec_view_new(doc, 80, 24, 1);
    lec_view_search_flags(v, flags);
    size_t n = lec_view_search(v, pattern, 1, NULL);
    if (n) out->hit = lec_xcalloc(n, sizeof *out->hit);
    lec_buf b = LEC_BUF_INIT;
    uint32_t last_node = LEC_NONE;
    char *last_addr = NULL, *last_crumbs = NULL;
    for (size_t k = 0; k < n; k++) {
        uint32_t node, s, e;
        const char *t;
        size_t len;
        if (!lec_view_match(v, k, &node, &t, &len, &s, &e)) break;
        lec_hit *h = &out->hit[out->n++];
        h->k = k;
        hit_line(h, t, len, s, e);
        if (node != last_node) {
            lec_buf_reset(&b);
            /* Before the first part: "0", the preamble for --print. */
            if (node == 0) lec_buf_putc(&b, '0');
            else lec_addr_of(doc, node, &b);
            free(last_addr);
            last_addr = lec_xstrndup(b.data ? b.data : "", b.len);
            lec_buf_reset(&b);
            lec_view_breadcrumb_of(v, node, CRUMBS_COLS, &b);
            free(last_crumbs);
            last_crumbs = lec_xstrndup(b.data ? b.data : "", b.len);
            last_node = node;
        }
        h->addr = lec_xstrndup(last_addr, strlen(last_addr));
        h->crumbs = lec_xstrndup(last_crumbs, strlen(last_crumbs));
    }
    free(last_addr);
    free(last_crumbs);
    lec_buf_free(&b);
    lec_view_free(v);
    lec_doc_free(doc);
}

void lec_lib_search_doc(const lec_lib *l, const lec_lib_doc *d, const char *pattern, unsigned flags,
                        lec_dochits *out)
{
    need nd;
    need_make(pattern, flags, &nd);
    search_doc(l->from, d, pattern, flags, &nd, out);
}

/* ---- a search over the library ------------------------------------------- */

struct lec_lsearch {
    const lec_lib *l;
    size_t *order, n;
    char *pattern;
    unsigned flags;
    need nd;
    lec_dochits *hits;
    atomic_uchar *done; /* per document of order */
    atomic_size_t next; /* the next document to take */
    atomic_int stop;
    size_t ready;
    size_t forgotten;     /* hits of order[0..forgotten) freed (under lock) */
    int windowed;         /* lec_lsearch_forget was called: keep near it */
    pthread_mutex_t lock; /* for the waiting of lec_lsearch_wait */
    pthread_cond_t cond;
    pthread_t tid[8];
    int nthreads;
};

/* Searches the next document; 0 when none is left (or stopped). */
static int take_one(lec_lsearch *s)
{
    if (atomic_load(&s->stop)) return 0;
    size_t k = atomic_fetch_add(&s->next, 1);
    if (k >= s->n) return 0;
    pthread_mutex_lock(&s->lock);
    while (s->windowed && k >= s->forgotten + WINDOW && !atomic_load(&s->stop))
        pthread_cond_wait(&s->cond, &s->lock);
    pthread_mutex_unlock(&s->lock);
    search_doc(s->l->from, &s->l->docs[s->order[k]], s->pattern, s->flags, &s->nd, &s->hits[k]);
    pthread_mutex_lock(&s->lock);
    atomic_store(&s->done[k], 1);
    pthread_cond_broadcast(&s->cond);
    pthread_mutex_unlock(&s->lock);
    return 1;
}

static void *worker(void *p)
{
    while (take_one(p)) {
    }
    return NULL;
}

/* After a worker ends (also when it ran out of memory and its document
 * was abandoned): whoever waits is woken, and a search without memory
 * stops. */
static void worker_after(void *p)
{
    lec_lsearch *s = p;
    pthread_mutex_lock(&s->lock);
    if (lec_oom_seen()) atomic_store(&s->stop, 1);
    pthread_cond_broadcast(&s->cond);
    pthread_mutex_unlock(&s->lock);
}

lec_lsearch *lec_lsearch_start(const lec_lib *l, const size_t *order, size_t n, const char *pattern,
                               unsigned flags, int threads, lec_buf *err)
{
    flags &= LEC_SEARCH_REGEX | LEC_SEARCH_NO_HANFOLD;
    lec_search *probe = lec_search_compile(pattern, strlen(pattern), flags, err);
    if (!probe) return NULL;
    lec_search_free(probe);
    lec_lsearch *s = lec_xcalloc(1, sizeof *s);
    s->l = l;
    s->n = n;
    s->order = lec_xmalloc((n ? n : 1) * sizeof *s->order);
    if (n) memcpy(s->order, order, n * sizeof *order);
    s->pattern = lec_xstrndup(pattern, strlen(pattern));
    s->flags = flags;
    need_make(pattern, flags, &s->nd);
    s->hits = lec_xcalloc(n ? n : 1, sizeof *s->hits);
    s->done = lec_xcalloc(n ? n : 1, sizeof *s->done);
    atomic_init(&s->next, 0);
    atomic_init(&s->stop, 0);
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->cond, NULL);
    if (threads > 8) threads = 8;
    for (int k = 0; k < threads; k++)
        if (lec_thread_start_after(&s->tid[s->nthreads], worker, worker_after, s) == 0)
            s->nthreads++;
    return s;
}

int lec_lsearch_step(lec_lsearch *s)
{
    return take_one(s);
}

size_t lec_lsearch_ready(lec_lsearch *s)
{
    while (s->ready < s->n && atomic_load(&s->done[s->ready]))
        s->ready++;
    return s->ready;
}

int lec_lsearch_wait(lec_lsearch *s, size_t k)
{
    if (k >= s->n) return 0;
    pthread_mutex_lock(&s->lock);
    /* A document taken (k < next) is finished even after a stop. */
    while (!atomic_load(&s->done[k]) && s->nthreads && !lec_oom_seen() &&
           !(atomic_load(&s->stop) && k >= atomic_load(&s->next)))
        pthread_cond_wait(&s->cond, &s->lock);
    int ok = atomic_load(&s->done[k]);
    pthread_mutex_unlock(&s->lock);
    return ok;
}

const lec_dochits *lec_lsearch_hits(lec_lsearch *s, size_t k)
{
    return &s->hits[k];
}

void lec_lsearch_forget(lec_lsearch *s, size_t k)
{
    pthread_mutex_lock(&s->lock);
    s->windowed = 1;
    for (; s->forgotten <= k && s->forgotten < s->n; s->forgotten++)
        lec_dochits_free(&s->hits[s->forgotten]);
    pthread_cond_broadcast(&s->cond);
    pthread_mutex_unlock(&s->lock);
}

int lec_lsearch_done(lec_lsearch *s)
{
    return atomic_load(&s->stop) || lec_lsearch_ready(s) == s->n;
}

void lec_lsearch_stop(lec_lsearch *s)
{
    atomic_store(&s->stop, 1);
}

void lec_lsearch_free(lec_lsearch *s)
{
    if (!s) return;
    lec_lsearch_stop(s);
    pthread_mutex_lock(&s->lock);
    pthread_cond_broadcast(&s->cond); /* threads waiting for the window */
    pthread_mutex_unlock(&s->lock);
    for (int k = 0; k < s->nthreads; k++)
        pthread_join(s->tid[k], NULL);
    if (lec_oom_seen()) lec_oom(); /* a worker ran out of memory */
    for (size_t k = 0; k < s->n; k++)
        lec_dochits_free(&s->hits[k]);
    free(s->hits);
    free((void *)s->done);
    free(s->order);
    free(s->pattern);
    pthread_cond_destroy(&s->cond);
    pthread_mutex_destroy(&s->lock);
    free(s);
}
