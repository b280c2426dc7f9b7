/*
 * refs.h - link reference definitions indexed by label.
 *
 * A part of the document parsed alone (a block drawn or searched) needs
 * the definitions its reference links name.  Appending every definition
 * of the document to every part made each parse as slow as the
 * definitions are long (API references define thousands); the index
 * hands a part only those its brackets can name.
 */
#ifndef LECTERN_REFS_H
#define LECTERN_REFS_H

#include <stddef.h>

#include "lectern/util.h"

typedef struct lec_refs lec_refs;

/* Indexes the definitions in defs[0..len) (Markdown: definitions only,
 * as lec_doc_refdefs gives them).  defs must outlive the index.  Caller
 * frees with lec_refs_free(). */
lec_refs *lec_refs_new(const char *defs, size_t len);
void lec_refs_free(lec_refs *r);
/* Is s[0..n) -- one line without its break, from its '[' -- a link
 * reference definition of the simplest kind, whole: "[label]: destination",
 * maybe a title in quotes closed on the line, nothing cmark could read
 * otherwise (a label of at most 200 bytes with no bracket, backslash or
 * control character; a destination of printable bytes but < ( ) and \;
 * no escape in the title)?  The caller sees that it is UTF-8. */
int lec_refs_simple_def(const char *s, size_t n);

/* Appends to out the definitions that a bracketed label in text[0..n)
 * names (compared as CommonMark compares labels: case folded, runs of
 * white space as one space), each once, the first definition of a label
 * only, separated by blank lines.  Returns how many were appended.  A
 * superset is harmless: a definition nothing uses shows nothing.  Not for
 * two threads at once on the same index. */
size_t lec_refs_for(lec_refs *r, const char *text, size_t n, lec_buf *out);

#endif
