/*
 * textseg.h - plain text to paragraphs.
 *
 * Scraped texts mark paragraphs in many ways: blank lines, an indent of
 * two ideographic spaces or ASCII spaces, "　　" inside one long line, or
 * one paragraph per line; some are hard-wrapped at a fixed width.  This
 * module finds the paragraphs (and the head lines before them) and gives
 * their text with lines re-joined, zero-width characters removed and NBSP
 * made a space.
 */
#ifndef LECTERN_TEXTSEG_H
#define LECTERN_TEXTSEG_H

#include <stddef.h>
#include <stdint.h>

#include "lectern/frontmatter.h"
#include "lectern/util.h"

typedef struct lec_tpara {
    uint32_t off, len; /* the text: doc->text.data + off */
    uint8_t head;      /* a line of the head (title, source, occasion ...) */
    uint8_t title;     /* the title line */
    uint8_t salute;    /* the salutation (同志们：) */
} lec_tpara;

typedef struct lec_tdoc {
    lec_buf text;       /* the paragraphs' text, one after another */
    lec_tpara *p;       /* the paragraphs, in order */
    size_t n, cap;
    lec_meta_list meta; /* what the head says (title, author, source ...) */
} lec_tdoc;

#define LEC_TDOC_INIT {LEC_BUF_INIT, NULL, 0, 0, {NULL, 0, 0}}

/* Finds the head and the paragraphs of s[0..len).  Free with
 * lec_tdoc_free. */
void lec_text_segment(const char *s, size_t len, lec_tdoc *out);
void lec_tdoc_free(lec_tdoc *d);

#endif
