/*
 * search.h - finding a pattern in text as a reader sees it.
 *
 * Matching is done on folded text: compatibility decomposition (NFKD:
 * full-width ＡＢ１，＝ match ASCII AB1,=; ① matches 1; é matches e+U+0301),
 * case folding unless the pattern has a capital letter (smart case),
 * default-ignorable characters (ZWSP, ZWJ, variation selectors) folded to
 * nothing, and a few pairs decomposition leaves apart (“ ” ‘ ’ match " and
 * '; 。 matches .; 、 matches ,; the dashes ‐ – — ― − match -; ・ matches
 * ·).  Runs of white space match any run of white space.  Matches are reported as byte
 * ranges of the original text, so they can be highlighted there.
 * Pure: no curses, no I/O.
 */
#ifndef LECTERN_SEARCH_H
#define LECTERN_SEARCH_H

#include <stddef.h>
#include <stdint.h>

typedef struct lec_search lec_search;

typedef struct lec_match {
    uint32_t start, end; /* bytes of the original text */
} lec_match;

/* Compiles a pattern (UTF-8, may be invalid: bad bytes match U+FFFD).
 * Returns NULL for a pattern that folds to nothing (empty or only white
 * space).  Free with lec_search_free(). */
lec_search *lec_search_new(const char *pattern, size_t len);
void lec_search_free(lec_search *s);

/* Nonzero when the search ignores case (the pattern has no capital). */
int lec_search_icase(const lec_search *s);

/* Appends to *m (a malloc'd array of *cap entries, grown as needed with
 * realloc; the caller frees it) every non-overlapping match in
 * text[0..len), left to right, and returns how many were appended.
 * *count is the number of entries already in the array.  Matches never
 * start or end inside a character. */
size_t lec_search_find(const lec_search *s, const char *text, size_t len, lec_match **m,
                       size_t *count, size_t *cap);

/* A block's signature (searchsig.c): which ideographs, ASCII letters and
 * digits its text may hold, in 320 bits and two flags.  A search looks
 * only at the blocks whose signature may hold its pattern, so that
 * searching 100 MB again costs a look at each signature and the search
 * of a few blocks. */
typedef struct lec_sig {
    uint64_t bits[5]; /* [0..3] ideographs, hashed; [4] a-z, 0-9 */
    uint8_t wild;     /* what the bits cannot tell (searchsig.c) */
} lec_sig;

/* The signature of the raw source raw[0..n) of a block. */
void lec_sig_make(const char *raw, size_t n, lec_sig *g);
/* Adds what raw[0..n) may show to g: the link reference definitions a
 * block names (their URLs are shown with the links). */
void lec_sig_add(lec_sig *g, const char *raw, size_t n);
/* What a folded pattern (lec_search_pattern) needs: its ideographs and its
 * ASCII letters and digits. */
void lec_sig_need(const char *pat, size_t n, lec_sig *need);
/* 0 when a block of signature g cannot hold text that has what need has. */
int lec_sig_may(const lec_sig *g, const lec_sig *need);
/* The pattern as folded (what the texts are compared with). */
const char *lec_search_pattern(const lec_search *s, size_t *len);

/* Folds text[0..len) the way patterns and texts are compared, for other
 * filters (the outline overlay, which must fold both sides with it):
 * appends the folded UTF-8 to *out (grown with realloc, *out_len bytes
 * used, *out_cap allocated, a NUL after the last byte; caller frees).
 * icase: fold case too. */
void lec_search_fold(const char *text, size_t len, int icase, char **out, size_t *out_len,
                     size_t *out_cap);

#endif
