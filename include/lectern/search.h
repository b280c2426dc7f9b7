/*
 * search.h - finding a pattern in text as a reader sees it.
 *
 * Matching is done on folded text: compatibility decomposition (NFKD:
 * full-width ＡＢ１，＝ match ASCII AB1,=; ① matches 1; é matches e+U+0301),
 * case folding unless the pattern has a capital letter (smart case),
 * Simplified and Traditional characters as one (hanfold.h: 发展 matches
 * 發展, 台湾 matches 臺灣 and 台灣; unless LEC_SEARCH_NO_HANFOLD),
 * default-ignorable characters (ZWSP, ZWJ, variation selectors) folded to
 * nothing, and a few pairs decomposition leaves apart (“ ” ‘ ’ match " and
 * '; 。 matches .; 、 matches ,; the dashes ‐ – — ― − match -; ・ matches
 * ·).  Runs of white space match any run of white space.  Matches are reported as byte
 * ranges of the original text, so they can be highlighted there.
 *
 * A regular expression (LEC_SEARCH_REGEX) is PCRE2's syntax, matched in
 * UTF mode with Unicode properties (\w and \d know Chinese) against the
 * text as written, but for the Simplified/Traditional fold, which is made
 * on both the text and the pattern's ideographs (not inside a range
 * [一-龥], not written as an escape \x{767C}); case is ignored unless the
 * pattern has a capital letter outside its escapes.
 * Pure: no curses, no I/O.
 */
#ifndef LECTERN_SEARCH_H
#define LECTERN_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "lectern/util.h"

typedef struct lec_search lec_search;

typedef struct lec_match {
    uint32_t start, end; /* bytes of the original text */
} lec_match;

/* How a pattern is read (lec_search_compile) and text folded
 * (lec_search_fold). */
enum {
    LEC_SEARCH_ICASE = 1,       /* lec_search_fold: fold case too */
    LEC_SEARCH_REGEX = 2,       /* the pattern is a regular expression */
    LEC_SEARCH_NO_HANFOLD = 4,  /* Simplified and Traditional stay apart */
};

/* Compiles a pattern (UTF-8, may be invalid: bad bytes match U+FFFD)
 * read as flags say (LEC_SEARCH_REGEX, LEC_SEARCH_NO_HANFOLD).  Returns
 * NULL for a literal pattern that folds to nothing (empty or only white
 * space), an empty regular expression, or an invalid one, which also
 * puts PCRE2's message into *err when err is not NULL ("missing closing
 * parenthesis at character 3").  Free with lec_search_free(). */
lec_search *lec_search_compile(const char *pattern, size_t len, unsigned flags, lec_buf *err);
/* lec_search_compile(pattern, len, 0, NULL): literal, with the fold. */
lec_search *lec_search_new(const char *pattern, size_t len);
void lec_search_free(lec_search *s);
/* The flags it was compiled with. */
unsigned lec_search_flags(const lec_search *s);

/* Nonzero when the search ignores case (the pattern has no capital). */
int lec_search_icase(const lec_search *s);

/* Appends to *m (a malloc'd array of *cap entries, grown as needed with
 * realloc; the caller frees it) every non-overlapping match in
 * text[0..len), left to right, and returns how many were appended.
 * *count is the number of entries already in the array.  Matches never
 * start or end inside a character and are never empty (a regular
 * expression's empty matches are passed over).  Safe to call from several
 * threads at once on one lec_search. */
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
/* Nonzero when raw[0..n) may hold what lec_sig_make would mark
 * wild for ideographs (wild & 1): never 0 when that bit would be set,
 * rarely 1 when it would not; ten times faster, for a whole file. */
int lec_sig_wild_han(const char *raw, size_t n);
/* Adds what raw[0..n) may show to g: the link reference definitions a
 * block names (their URLs are shown with the links). */
void lec_sig_add(lec_sig *g, const char *raw, size_t n);
/* What a folded pattern (lec_search_pattern) needs: its ideographs (as
 * they fold: hanfold.h) and its ASCII letters and digits. */
void lec_sig_need(const char *pat, size_t n, lec_sig *need);
/* What a block must have to hold a match of s: for a literal pattern,
 * lec_sig_need of its folded form; for a regular expression, the
 * ideographs, letters and digits every match has (those outside groups,
 * classes and alternatives, not made optional), or nothing when that
 * cannot be told. */
void lec_search_need(const lec_search *s, lec_sig *need);
/* 0 when a block of signature g cannot hold text that has what need has. */
int lec_sig_may(const lec_sig *g, const lec_sig *need);
/* The pattern as folded (what the texts are compared with; for a regular
 * expression, the expression with its ideographs folded). */
const char *lec_search_pattern(const lec_search *s, size_t *len);

/* Folds text[0..len) the way literal patterns and texts are compared,
 * for other filters (the outline overlay, which must fold both sides with
 * it): appends the folded UTF-8 to *out (grown with realloc, *out_len
 * bytes used, *out_cap allocated, a NUL after the last byte; caller
 * frees).  how: LEC_SEARCH_ICASE folds case too (1 does), and
 * LEC_SEARCH_NO_HANFOLD leaves ideographs as they are. */
void lec_search_fold(const char *text, size_t len, unsigned how, char **out, size_t *out_len,
                     size_t *out_cap);

#endif
