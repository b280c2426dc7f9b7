/*
 * codespan.h - the inline text of a line whose only markup is code spans
 * (codespan.c), as cmark and lec_md_inline_text would give it.
 */
#ifndef LECTERN_CODESPAN_H
#define LECTERN_CODESPAN_H

#include <stddef.h>

#include "lectern/util.h"

/* Appends to out the inline text of the one-line s[0..n) -- text, and the
 * content of its code spans -- and returns 1, when nothing but backticks
 * in it may be markup: outside its code spans no byte of markup[] (a
 * table of 256 flags, the backtick's ignored), no line break.  Returns 0
 * and leaves out as it was otherwise (cmark must read it).  s must be
 * valid UTF-8 (cmark would replace what is not). */
int lec_codespan_text(const char *s, size_t n, const unsigned char markup[256], lec_buf *out);
/* As lec_codespan_text, but stops at the first byte of markup[] outside a
 * code span and returns where (n when it read all of s): out then holds
 * the start of cmark's text, up to that byte.  Returns SIZE_MAX (out
 * maybe added to) when s holds a NUL, CR, LF, \v or \f. */
size_t lec_codespan_lead(const char *s, size_t n, const unsigned char markup[256], lec_buf *out);
/* As lec_codespan_lead, for the first line of a paragraph that more lines
 * follow: a run of backticks with no closer on the line stops it too (it
 * may close on a later line, and the code span then runs across). */
size_t lec_codespan_prefix(const char *s, size_t n, const unsigned char markup[256], lec_buf *out);

#endif
