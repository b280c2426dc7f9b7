/*
 * tui_lib.c - the library screen (a list of documents: sorted, filtered,
 * opened) and the results of a search of the library (a list of hits
 * grouped by document, growing while the search runs).
 *
 * Both are lists (list.c).  A document opened from either is a document
 * screen of its own (tui_doc.c) over the list: q closes it, and the list
 * is where it was.
 */
#include "tui_priv.h"

#include "lectern/libsearch.h"
#include "lectern/search.h"
#include "lectern/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The most hits a search keeps: past it, it stops and says so. */
#define MAX_HITS 100000

typedef struct libscr {
    lec_lib *l;
    size_t *idx; /* the rows: documents in order, those the filter keeps */
    size_t n;
    lec_lib_order order;
    tui_list *list;
    /* The metadata being read in the background (NULL once read): no
     * rows until then, and the progress where they will be. */
    lec_libload *load;
    int threads;       /* 0: a document a tick (test mode) */
    char progress[96]; /* the empty list's text while reading */
} libscr;

/* Text in the cells [x, x + w) of row y, cut to leave a blank before the
 * next column, blanks after; returns x + w. */
static int column(tui *t, int y, int x, int w, const char *s, unsigned look, unsigned base)
{
    if (w <= 0) return x;
    size_t n = strlen(s);
    int sw;
    size_t keep = tui_cut(t, s, n, w - 1, &sw);
    int end;
    if (keep < n && w >= 3) {
        /* Cut: "…" says so (a name that merely ends there would not). */
        keep = tui_cut(t, s, n, w - 2, &sw);
        end = tui_text(t, y, x, x + w - 1, s, keep, look | base);
        end = tui_text(t, y, end, x + w - 1, "…", 3, look | base);
    } else {
        end = tui_text(t, y, x, x + w - 1, s, n, look | base);
    }
    tui_fill(t, y, end, x + w, base);
    return x + w;
}

/* The last component of a path. */
static const char *file_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s && s[1] ? s + 1 : path;
}

/* The same, right-aligned. */
static int column_right(tui *t, int y, int x, int w, const char *s, unsigned look, unsigned base)
{
    if (w <= 0) return x;
    int sw = (int)lec_str_width(s, strlen(s), t->ambi);
    if (sw > w) sw = w;
    tui_fill(t, y, x, x + w - sw, base);
    tui_text(t, y, x + w - sw, x + w, s, strlen(s), look | base);
    return x + w;
}

static void human_size(uint64_t n, char *out, size_t cap)
{
    if (n < 1024)
        snprintf(out, cap, "%lluB", (unsigned long long)n);
    else if (n < 1024 * 1024)
        snprintf(out, cap, "%lluK", (unsigned long long)((n + 1023) / 1024));
    else
        snprintf(out, cap, "%.1fM", (double)n / (1024.0 * 1024.0));
}

/* The widths of the columns at this screen width: date, author, parts,
 * size; the title takes the rest.  Narrow screens lose the least useful
 * first. */
typedef struct cols {
    int date, author, parts, size;
} cols;

static cols widths(void)
{
    cols c = {11, 11, 6, 7};
    if (COLS < 70) c.author = 0;
    if (COLS < 50) c.parts = c.size = 0;
    if (COLS < 30) c.date = 0;
    return c;
}

static size_t lib_count(void *p)
{
    return ((libscr *)p)->n;
}

static void lib_header(tui *t, void *p, int y)
{
    (void)p;
    cols c = widths();
    int x = 0;
    x = column(t, y, x, c.date, "Date", LEC_A_STRONG, 0);
    x = column(t, y, x, c.author, "Speaker", LEC_A_STRONG, 0);
    int tw = COLS - x - c.parts - c.size;
    x = column(t, y, x, tw, "Title", LEC_A_STRONG, 0);
    x = column_right(t, y, x, c.parts, "Parts", LEC_A_STRONG, 0);
    x = column_right(t, y, x, c.size, "Size", LEC_A_STRONG, 0);
}

static int lib_row(tui *t, void *p, size_t i, int y, unsigned base)
{
    libscr *ls = p;
    const lec_lib_doc *d = lec_lib_get(ls->l, ls->idx[i]);
    cols c = widths();
    int x = 0;
    char num[32];
    x = column(t, y, x, c.date, d->date, LEC_A_META, base);
    x = column(t, y, x, c.author, d->author, 0, base);
    int tw = COLS - x - c.parts - c.size;
    if (*d->error) {
        /* Says why in the row: the list goes on.  The file's name, not
         * its path, so that the reason shows on a narrow screen too (the
         * path is on the status line when it is opened). */
        lec_buf b = LEC_BUF_INIT;
        lec_buf_printf(&b, "%s: %s", file_name(d->path), d->error);
        x = column(t, y, x, tw + c.parts + c.size, b.data, LEC_A_SUMMARY, base);
        lec_buf_free(&b);
        return x;
    }
    x = column(t, y, x, tw, d->title, 0, base);
    snprintf(num, sizeof num, "%d", d->parts);
    x = column_right(t, y, x, c.parts, d->parts >= 0 ? num : "", LEC_A_META, base);
    human_size(d->size, num, sizeof num);
    x = column_right(t, y, x, c.size, num, LEC_A_META, base);
    return x;
}

static const char *lib_empty(void *p, int filtered)
{
    libscr *ls = p;
    if (ls->load) {
        size_t total, done = lec_lib_load_done(ls->load, &total);
        snprintf(ls->progress, sizeof ls->progress, "(reading the library: %zu of %zu documents)",
                 done, total);
        return ls->progress;
    }
    return filtered ? "(nothing matches)" : "(no documents: .md, .markdown and .txt files)";
}

/* The rows again (a new order or filter); the cursor stays on its
 * document when it is still there.  Returns the cursor's row. */
static size_t lib_rows(libscr *ls, const char *filter, size_t cur)
{
    size_t was = ls->n && cur < ls->n ? ls->idx[cur] : (size_t)-1;
    free(ls->idx);
    ls->idx = NULL;
    ls->n = 0;
    if (ls->load) return 0; /* not yet */
    ls->n = lec_lib_view(ls->l, ls->order, filter, &ls->idx);
    for (size_t i = 0; i < ls->n; i++)
        if (ls->idx[i] == was) return i;
    return 0;
}

static size_t lib_filter(tui *t, void *p, const char *text, size_t cur)
{
    (void)t;
    return lib_rows(p, text, cur);
}

/* Opens library document d; with a pattern, at its hit `hit`. */
static int open_doc(tui *t, const lec_lib *l, const lec_lib_doc *d, const char *pattern,
                    unsigned flags, size_t hit, void *results, size_t rk)
{
    lec_buf why = LEC_BUF_INIT;
    lec_doc *doc = lec_open(d->path, d->path, lec_lib_from(l), 0, NULL, &why);
    if (!doc) {
        tui_message(t, 1, "%s: %s", d->path, why.data ? why.data : "cannot be read");
        lec_buf_free(&why);
        return 0;
    }
    lec_buf_free(&why);
    /* Without a hit to go to, where the reader left it (tui_doc.c). */
    tui_doc_open_owned(t, doc, d->path, lec_lib_from(l), pattern, flags, hit, results, rk);
    return 1;
}

static int lib_open(tui *t, void *p, long i)
{
    libscr *ls = p;
    if (i < 0) return 0;
    const lec_lib_doc *d = lec_lib_get(ls->l, ls->idx[i]);
    if (*d->error) {
        tui_message(t, 1, "%s: %s", d->path, d->error);
        return 0;
    }
    open_doc(t, ls->l, d, NULL, 0, 0, NULL, 0);
    return 0;
}

static void lib_status(tui *t, void *p, const tui_list *l, lec_buf *left, lec_buf *right)
{
    libscr *ls = p;
    (void)t;
    size_t all = lec_lib_count(ls->l);
    if (ls->load) {
        size_t total, done = lec_lib_load_done(ls->load, &total);
        lec_buf_printf(left, "Library: reading %zu of %zu documents (q quits)", done, total);
        lec_buf_printf(right, "0/0");
        return;
    }
    lec_buf_printf(left, "Library: %zu document%s, by %s", all, all == 1 ? "" : "s",
                   lec_lib_order_name(ls->order));
    if (COLS >= 90) lec_buf_puts(left, "  (Enter opens, / filters, s sorts, F searches)");
    lec_buf_printf(right, "%ld/%zu", ls->n ? l->cur + 1 : 0, ls->n);
}

static void lib_search(tui *t, libscr *ls);

static int lib_request(tui *t, void *p, tui_list *l, lec_request req, long count)
{
    libscr *ls = p;
    (void)count;
    switch (req) {
    case LEC_REQ_SORT:
        ls->order = (ls->order + 1) % LEC_LIB_ORDERS;
        l->cur = (long)lib_rows(ls, l->filter.data, l->cur > 0 ? (size_t)l->cur : 0);
        tui_list_changed(t, l);
        tui_message(t, 0, "sorted by %s", lec_lib_order_name(ls->order));
        return SCREEN_DONE;
    case LEC_REQ_LIB_SEARCH:
        if (ls->load)
            tui_message(t, 1, "the library is still being read");
        else
            lib_search(t, ls);
        return SCREEN_DONE;
    default:
        return SCREEN_PASS;
    }
}

/* What the library says once it is read: a damaged cache, binary files. */
static void lib_notes(tui *t, libscr *ls)
{
    const char *note = lec_lib_note(ls->l);
    if (*note)
        tui_message(t, 1, "%s", note);
    else if (lec_lib_skipped(ls->l))
        tui_message(t, 0, "%zu binary file%s left out", lec_lib_skipped(ls->l),
                    lec_lib_skipped(ls->l) == 1 ? "" : "s");
}

/* Reading the library: the progress, then the rows once all is read. */
static int lib_tick(tui *t, void *p, tui_list *l)
{
    libscr *ls = p;
    if (!ls->load) return -1;
    size_t total, done;
    if (!ls->threads) lec_lib_load_step(ls->load);
    done = lec_lib_load_done(ls->load, &total);
    t->redraw = 1; /* the count */
    if (done < total) return ls->threads ? 100 : 0;
    lec_lib_load_finish(ls->load);
    ls->load = NULL;
    l->cur = (long)lib_rows(ls, l->filter.data, 0);
    tui_list_changed(t, l);
    lib_notes(t, ls);
    return -1;
}

static void lib_close(tui *t, void *p)
{
    (void)t;
    libscr *ls = p;
    if (ls->load) {
        /* Quit while reading: what was read is cached for next time. */
        lec_lib_load_stop(ls->load);
        lec_lib_load_finish(ls->load);
    }
    free(ls->idx);
    free(ls);
}

static const list_ops lib_list = {
    .name = "library",
    .count = lib_count,
    .draw_row = lib_row,
    .empty = lib_empty,
    .filter = lib_filter,
    .open = lib_open,
    .status = lib_status,
    .header = lib_header,
    .request = lib_request,
    .tick = lib_tick,
    .close = lib_close,
};

/* Worker threads: the processors, at most 4; none in test mode, where a
 * tick does a step, so that screens do not depend on the threads' pace. */
static int workers(const tui *t)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    return t->test ? 0 : cpus < 1 ? 1 : cpus > 4 ? 4 : (int)cpus;
}

void tui_lib_open(tui *t, lec_lib *l)
{
    libscr *ls = lec_xcalloc(1, sizeof *ls);
    ls->l = l;
    ls->order = LEC_LIB_BY_DATE;
    /* The screen comes up at once; a library the cache does not know is
     * read in the background (a cold 10,000 files take many seconds),
     * and q or Q work meanwhile. */
    char *cache = lec_lib_cache_dir();
    ls->threads = workers(t);
    ls->load = lec_lib_load_start(l, cache, ls->threads);
    free(cache);
    size_t total;
    lec_lib_load_done(ls->load, &total);
    if (!total) {
        lec_lib_load_finish(ls->load);
        ls->load = NULL;
    }
    lib_rows(ls, NULL, 0);
    ls->list = tui_list_open(t, &lib_list, ls, 0);
    if (ls->load)
        ls->list->scr->tick_ms = ls->threads ? 100 : 0;
    else
        lib_notes(t, ls);
}

/* ---- the search of the library ------------------------------------------- */

typedef struct resrow {
    size_t dk; /* the document: its place in the search's order */
    long hit;  /* its hit, -1 for the document's own row */
} resrow;

typedef struct results {
    libscr *ls;
    lec_lsearch *s;
    size_t *order; /* library indexes of the documents searched */
    size_t norder;
    char *pattern;
    resrow *rows;
    size_t nrows, cap;
    size_t taken; /* documents of order whose rows are in */
    size_t ndocs; /* documents with hits */
    size_t nhits;
    size_t errors;  /* documents that could not be searched */
    int running;    /* the search goes on */
    int stopped;    /* Esc, or too many hits */
    int threads;    /* 0: searched a document a tick (test mode) */
    unsigned flags; /* how the pattern is read (search.h) */
    tui_list *list;
} results;

static const lec_dochits *hits_of(results *r, size_t dk)
{
    return lec_lsearch_hits(r->s, dk);
}

static void add_row(results *r, size_t dk, long hit)
{
    LEC_GROW(r->rows, r->cap, r->nrows + 1);
    r->rows[r->nrows].dk = dk;
    r->rows[r->nrows].hit = hit;
    r->nrows++;
}

/* Takes in the documents searched since the last time. */
static void take_in(results *r)
{
    size_t ready = lec_lsearch_ready(r->s);
    for (; r->taken < ready; r->taken++) {
        const lec_dochits *h = hits_of(r, r->taken);
        if (h->error) r->errors++;
        if (!h->n) continue;
        add_row(r, r->taken, -1);
        for (size_t j = 0; j < h->n; j++)
            add_row(r, r->taken, (long)j);
        r->ndocs++;
        r->nhits += h->n;
    }
    if (r->running && (lec_lsearch_done(r->s) || r->nhits >= MAX_HITS)) {
        r->running = 0;
        if (r->nhits >= MAX_HITS) {
            r->stopped = 1;
            lec_lsearch_stop(r->s);
        }
    }
}

static int res_tick(tui *t, void *p, tui_list *l)
{
    results *r = p;
    if (!r->running) return -1;
    if (!r->threads) lec_lsearch_step(r->s);
    take_in(r);
    tui_list_changed(t, l);
    t->redraw = 1; /* the rows, and the count on the status line */
    /* Soon again until the first hits are on the screen, then at a
     * pace that redraws little. */
    return r->running ? (r->threads ? (r->nrows ? 50 : 10) : 0) : -1;
}

static size_t res_count(void *p)
{
    return ((results *)p)->nrows;
}

/* The start of the cluster at or before byte i of s. */
static size_t back_to_cluster(tui *t, const char *s, size_t i)
{
    size_t at = 0;
    while (at < i) {
        size_t n = lec_grapheme(s + at, i - at, t->ambi, NULL);
        if (at + n > i) break;
        at += n;
    }
    return at;
}

static int res_row(tui *t, void *p, size_t i, int y, unsigned base)
{
    results *r = p;
    const resrow *row = &r->rows[i];
    const lec_lib_doc *d = lec_lib_get(r->ls->l, r->order[row->dk]);
    const lec_dochits *h = hits_of(r, row->dk);
    int x = 0;
    if (row->hit < 0) {
        lec_buf b = LEC_BUF_INIT;
        lec_buf_printf(&b, "%s  %s  %s", d->title, d->date, d->author);
        x = tui_text(t, y, x, COLS, b.data, b.len, LEC_A_HEADING | base);
        lec_buf_reset(&b);
        lec_buf_printf(&b, "  (%zu hit%s)", h->n, h->n == 1 ? "" : "s");
        x = tui_text(t, y, x, COLS, b.data, b.len, LEC_A_META | base);
        lec_buf_free(&b);
        return x;
    }
    const lec_hit *hit = &h->hit[row->hit];
    x = tui_text(t, y, x, COLS, "  ", 2, base);
    /* The breadcrumb in at most a third of the row. */
    const char *crumbs = *hit->crumbs ? hit->crumbs : d->title;
    int room = COLS / 3;
    int w;
    size_t keep = tui_cut(t, crumbs, strlen(crumbs), room, &w);
    int cut = keep < strlen(crumbs);
    /* Cut after a crumb's own "…" or inside " › ": no second "…", no
     * dangling separator. */
    for (;;) {
        if (cut && keep >= 3 && memcmp(crumbs + keep - 3, "…", 3) == 0)
            keep -= 3;
        else if (cut && keep >= 1 && crumbs[keep - 1] == ' ')
            keep--;
        else if (cut && keep >= 3 && memcmp(crumbs + keep - 3, "›", 3) == 0)
            keep -= 3;
        else
            break;
    }
    x = tui_text(t, y, x, COLS, crumbs, keep, LEC_A_MARKER | base);
    if (cut) x = tui_text(t, y, x, COLS, "…", 3, LEC_A_MARKER | base);
    x = tui_text(t, y, x, COLS, "  ", 2, base);
    /* The line, from a little before the match so that it shows. */
    const char *line = hit->line;
    size_t from = 0;
    int avail = COLS - x;
    while (from < hit->start &&
           (int)lec_str_width(line + from, hit->start - from, t->ambi) > avail / 3) {
        from += lec_grapheme(line + from, hit->start - from, t->ambi, NULL);
    }
    from = back_to_cluster(t, line, from);
    if (from > 0) x = tui_text(t, y, x, COLS, "…", 3, LEC_A_META | base);
    x = tui_text(t, y, x, COLS, line + from, hit->start - from, base);
    x = tui_text(t, y, x, COLS, line + hit->start, hit->end - hit->start, LEC_A_MATCH | base);
    x = tui_text(t, y, x, COLS, line + hit->end, strlen(line + hit->end), base);
    return x;
}

static const char *res_empty(void *p, int filtered)
{
    results *r = p;
    (void)filtered;
    return r->running ? "(searching…)" : "(no hits)";
}

static int res_open(tui *t, void *p, long i)
{
    results *r = p;
    if (i < 0) return 0;
    const resrow *row = &r->rows[i];
    const lec_lib_doc *d = lec_lib_get(r->ls->l, r->order[row->dk]);
    open_doc(t, r->ls->l, d, r->pattern, r->flags, row->hit < 0 ? 0 : (size_t)row->hit, r, row->dk);
    return 0;
}

static void res_status(tui *t, void *p, const tui_list *l, lec_buf *left, lec_buf *right)
{
    results *r = p;
    (void)t;
    lec_buf_printf(left, "%s: %zu hit%s in %zu document%s", r->pattern, r->nhits,
                   r->nhits == 1 ? "" : "s", r->ndocs, r->ndocs == 1 ? "" : "s");
    if (r->running)
        lec_buf_printf(left, ", searching %zu/%zu (Esc stops)", r->taken, r->norder);
    else if (r->stopped)
        lec_buf_printf(left, ", stopped after %zu of %zu documents", r->taken, r->norder);
    if (r->errors) lec_buf_printf(left, ", %zu unreadable", r->errors);
    lec_buf_printf(right, "%ld/%zu", r->nrows ? l->cur + 1 : 0, r->nrows);
}

static int res_request(tui *t, void *p, tui_list *l, lec_request req, long count)
{
    results *r = p;
    (void)l;
    (void)count;
    if (req == LEC_REQ_CANCEL && r->running) {
        /* Esc stops the search and keeps what was found. */
        lec_lsearch_stop(r->s);
        take_in(r);
        r->running = 0;
        r->stopped = r->taken < r->norder;
        r->list->scr->tick_ms = -1;
        return SCREEN_DONE;
    }
    if (req == LEC_REQ_LIB_SEARCH) {
        libscr *ls = r->ls;
        tui_pop(t); /* r is gone */
        lib_search(t, ls);
        return SCREEN_DONE;
    }
    return SCREEN_PASS;
}

static void res_close(tui *t, void *p)
{
    (void)t;
    results *r = p;
    lec_lsearch_free(r->s);
    free(r->order);
    free(r->pattern);
    free(r->rows);
    free(r);
}

static const list_ops res_list = {
    .name = "results",
    .count = res_count,
    .draw_row = res_row,
    .empty = res_empty,
    .open = res_open,
    .status = res_status,
    .request = res_request,
    .tick = res_tick,
    .close = res_close,
};

/* The row of document dk's own row, or -1. */
static long doc_row(const results *r, size_t dk)
{
    for (size_t i = 0; i < r->nrows; i++)
        if (r->rows[i].dk == dk && r->rows[i].hit < 0) return (long)i;
    return -1;
}

int tui_results_cross(tui *t, void *p, size_t rk, int dir)
{
    results *r = p;
    take_in(r);
    long at = doc_row(r, rk);
    long next = -1;
    if (at >= 0) {
        /* The next (previous) document's own row. */
        for (long i = at + dir; i >= 0 && i < (long)r->nrows; i += dir)
            if (r->rows[i].hit < 0) {
                next = i;
                break;
            }
    }
    if (next < 0) {
        tui_message(t, 1,
                    dir > 0 ? (r->running ? "no more hits yet: the search goes on"
                                          : "the last hit of the library search")
                            : "the first hit of the library search");
        return 0;
    }
    size_t dk = r->rows[next].dk;
    const lec_dochits *h = hits_of(r, dk);
    size_t hit = dir > 0 ? 0 : h->n - 1;
    /* The list follows, so that q comes back to this document's hit. */
    r->list->cur = next + 1 + (long)hit;
    tui_pop(t);
    const lec_lib_doc *d = lec_lib_get(r->ls->l, r->order[dk]);
    if (!open_doc(t, r->ls->l, d, r->pattern, r->flags, hit, r, dk)) return 1;
    tui_message(t, 0, "%s: hit %zu of %zu", d->title, hit + 1, h->n);
    return 1;
}

static void search_done(tui *t, void *p, int rc, const char *text)
{
    libscr *ls = p;
    if (rc != 1 || !*text) return;
    results *r = lec_xcalloc(1, sizeof *r);
    r->ls = ls;
    r->norder = ls->n;
    r->order = lec_xmalloc((ls->n ? ls->n : 1) * sizeof *r->order);
    if (ls->n) memcpy(r->order, ls->idx, ls->n * sizeof *ls->idx);
    /* Headless tests search a document a tick, so screens do not depend
     * on the threads' pace; the browser has threads. */
    r->threads = workers(t);
    lec_buf err = LEC_BUF_INIT;
    r->flags = t->search_flags & (LEC_SEARCH_REGEX | LEC_SEARCH_NO_HANFOLD);
    r->s = lec_lsearch_start(ls->l, r->order, r->norder, text, r->flags, r->threads, &err);
    if (!r->s) {
        tui_message(t, 1, "%s", err.len ? err.data : "nothing to search for");
        lec_buf_free(&err);
        free(r->order);
        free(r);
        return;
    }
    r->pattern = lec_xstrndup(text, strlen(text));
    r->running = 1;
    r->list = tui_list_open(t, &res_list, r, 0);
    r->list->scr->tick_ms = r->threads ? 10 : 0;
}

static void lib_search(tui *t, libscr *ls)
{
    static const prompt_ops ops = {.done = search_done};
    tui_prompt_open(t, "search all: ", "", &ops, ls);
}
