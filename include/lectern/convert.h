/*
 * convert.h - plain text (as scraped from news sites) to Markdown that
 * keeps every character.
 *
 * The conversion recovers what a careful person would mark up by hand:
 * the head of the document as front matter, paragraphs (blank lines,
 * indents, hard-wrapped lines, "　　" inside one long line), headings for
 * the numbering families that head parts of the text (一、 第一部分 …, and
 * （一） 1. where they stand alone), headings fused with their bodies split
 * apart, inline points (…。二是…) each starting its own paragraph, and
 * nothing else: preview lists, traps and unnumbered text stay as they are.
 * Every non-white-space character of the input appears, in order, in the
 * text cmark renders from the output (Markdown-special characters are
 * escaped).
 */
#ifndef LECTERN_CONVERT_H
#define LECTERN_CONVERT_H

#include <stddef.h>

/* Converts text[0..len) (UTF-8; each invalid byte becomes U+FFFD) and
 * returns the Markdown, NUL-terminated, with its length in *out_len.  The
 * caller frees it with free(). */
char *lec_convert(const char *text, size_t len, size_t *out_len);
/* The same for text already known to be valid UTF-8 (lec_load checked
 * it): the check is not made again. */
char *lec_convert_valid(const char *text, size_t len, size_t *out_len);

/* The same, the Markdown given to sink(arg, piece, length) a piece at a
 * time (about 1 MiB, whole paragraphs) instead of returned, so that the
 * whole is never held: --convert of a large text.  valid: the text is
 * known to be valid UTF-8. */
void lec_convert_to(const char *text, size_t len, int valid,
                    void (*sink)(void *arg, const char *s, size_t n), void *arg);

/* Nonzero when text looks like Markdown rather than plain text: it has
 * Markdown structure (ATX or setext headings, fenced code, lists, block
 * quotes, links, emphasis, front matter) in more than one place. */
int lec_looks_markdown(const char *text, size_t len);

#endif
