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

/* A quick look at raw text (a document's source, before rendering):
 * the first offset p >= from in raw[0..len) where a match could begin or
 * be hidden; a part of the text without one, [from, p), cannot render to
 * anything holding a match.  For a pattern that begins with a Han
 * ideograph, p is that ideograph or something that may fold into one
 * (radicals, enclosed or compatibility ideographs, an HTML entity);
 * len when there is neither.  Any other pattern: p is from. */
size_t lec_search_candidate(const lec_search *s, const char *raw, size_t from, size_t len);

/* Folds text[0..len) the way patterns and texts are compared, for other
 * filters (the outline overlay, which must fold both sides with it):
 * appends the folded UTF-8 to *out (grown with realloc, *out_len bytes
 * used, *out_cap allocated, a NUL after the last byte; caller frees).
 * icase: fold case too. */
void lec_search_fold(const char *text, size_t len, int icase, char **out, size_t *out_len,
                     size_t *out_cap);

#endif
