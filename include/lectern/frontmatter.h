/*
 * frontmatter.h - the metadata block at the top of a document:
 *
 *     ---
 *     title: 在全县全民阅读工作会议上的讲话
 *     date: 2026-03-18
 *     ---
 *
 * Only flat "key: value" lines (a full-width colon is accepted too);
 * indented lines continue the previous value.  A block that is never
 * closed, or that holds no key: value line, is not front matter (the text
 * is then plain Markdown).
 */
#ifndef LECTERN_FRONTMATTER_H
#define LECTERN_FRONTMATTER_H

#include <stddef.h>

typedef struct lec_meta {
    char *key;   /* NUL-terminated, owned by the list */
    char *value; /* NUL-terminated, owned by the list; quotes removed */
} lec_meta;

typedef struct lec_meta_list {
    lec_meta *items;
    size_t count;
    size_t cap;
} lec_meta_list;

/* Looks for front matter at the very start of s[0..n) (the caller has
 * skipped a BOM).  When found, appends its entries to *out and returns
 * the length of the whole block in bytes, closing fence line and its line
 * ending included; *body_start and *body_end (when not NULL) receive the
 * range of the lines between the fences.  Returns 0 when there is none. */
size_t lec_frontmatter_parse(const char *s, size_t n, lec_meta_list *out, size_t *body_start,
                             size_t *body_end);

/* Appends a copy of key/value (value may be replaced if key exists when
 * replace is nonzero). */
void lec_meta_set(lec_meta_list *l, const char *key, size_t klen, const char *value, size_t vlen,
                  int replace);
/* The value for key, or NULL. The string belongs to the list. */
const char *lec_meta_get(const lec_meta_list *l, const char *key);
/* Frees every entry and the array; the list is empty afterwards. */
void lec_meta_free(lec_meta_list *l);

#endif
