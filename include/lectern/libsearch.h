/*
 * libsearch.h - searching every document of a library (library.h) with
 * the browser's search (search.h: the same folding), document by
 * document, on threads of its own or a step at a time.
 *
 * A document whose raw bytes cannot hold a literal pattern's ideographs
 * is not opened at all (a plain scan of the file: no index is kept); the
 * others are opened as the browser opens them and searched as its / does
 * (the same flags), so a hit's number is the one n counts to in the
 * browser.  Pure: no output.
 */
#ifndef LECTERN_LIBSEARCH_H
#define LECTERN_LIBSEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "lectern/library.h"

/* A hit: a match of the pattern in a document. */
typedef struct lec_hit {
    size_t k;            /* the match's number in its document, 0-based */
    char *addr;          /* what --print takes ("2.4"; "" before the first section) */
    char *crumbs;        /* the breadcrumb ("二、… › 三是 …"; "" at the root) */
    char *line;          /* the paragraph, as one line of text */
    uint32_t start, end; /* the match in line, bytes */
} lec_hit;

/* The hits of one document. */
typedef struct lec_dochits {
    lec_hit *hit;
    size_t n;
    char *error; /* why it could not be searched, or NULL */
} lec_dochits;

typedef struct lec_lsearch lec_lsearch;

/* Starts searching for pattern, read as flags say (search.h:
 * LEC_SEARCH_REGEX, LEC_SEARCH_NO_HANFOLD), in the documents
 * order[0..n) (indexes of l, which must outlive the search; order is
 * copied).  threads > 0: on that many threads of its own, at once; 0:
 * nothing runs until lec_lsearch_step.  Returns NULL for a pattern that
 * matches nothing (empty or white space) or an invalid regular
 * expression, with PCRE2's message in *err (when not NULL). */
lec_lsearch *lec_lsearch_start(const lec_lib *l, const size_t *order, size_t n, const char *pattern,
                               unsigned flags, int threads, lec_buf *err);
/* Searches the next document on the calling thread (threads 0); returns
 * 0 when none is left. */
int lec_lsearch_step(lec_lsearch *s);
/* How many of order[] are searched, counted from the first: their hits
 * can be read.  Never waits. */
size_t lec_lsearch_ready(lec_lsearch *s);
/* Waits until order[k] is searched (threads > 0); returns 0 when the
 * search stopped before it. */
int lec_lsearch_wait(lec_lsearch *s, size_t k);
/* The hits of order[k], k < lec_lsearch_ready. */
const lec_dochits *lec_lsearch_hits(lec_lsearch *s, size_t k);
/* Frees the hits of order[0..k] (read already, as --grep does), and from
 * then on keeps the threads at most a few documents ahead of k: the
 * memory a search takes stays bounded however much it finds. */
void lec_lsearch_forget(lec_lsearch *s, size_t k);
/* Nonzero when every document is searched, or the search stopped. */
int lec_lsearch_done(lec_lsearch *s);
/* Stops after the documents at hand; what was found stays readable. */
void lec_lsearch_stop(lec_lsearch *s);
/* Stops, waits for the threads and frees. */
void lec_lsearch_free(lec_lsearch *s);

/* Searches one document: the file of library document d for pattern,
 * read as flags say.  Fills *out (freed with lec_dochits_free). */
void lec_lib_search_doc(const lec_lib *l, const lec_lib_doc *d, const char *pattern, unsigned flags,
                        lec_dochits *out);
void lec_dochits_free(lec_dochits *h);

#endif
