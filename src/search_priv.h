/*
 * search_priv.h - what search.c asks of search_re.c, the regular
 * expressions of search.h.
 */
#ifndef LECTERN_SEARCH_PRIV_H
#define LECTERN_SEARCH_PRIV_H

#include "lectern/search.h"

typedef struct lec_re lec_re;

/* Compiles a PCRE2 pattern with its ideographs folded when hanfold is
 * set, case ignored unless it has a capital.  NULL on error, with PCRE2's
 * message in *err (when err is not NULL).  Free with lec_re_free. */
lec_re *lec_re_new(const char *pat, size_t len, int hanfold, lec_buf *err);
void lec_re_free(lec_re *re);
int lec_re_icase(const lec_re *re);
/* The pattern as compiled (its ideographs folded). */
const char *lec_re_pattern(const lec_re *re, size_t *len);
/* What a block needs to hold a match (lec_search_need). */
void lec_re_need(const lec_re *re, lec_sig *need);

/* Calls found(arg, start, end) for every non-empty, non-overlapping
 * match in subj[0..len), left to right.  Stops early (quietly) when
 * PCRE2 gives up: its match limit protects against patterns that would
 * take ages. */
void lec_re_each(const lec_re *re, const char *subj, size_t len,
                 void (*found)(void *arg, size_t start, size_t end), void *arg);

#endif
