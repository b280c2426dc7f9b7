/*
 * mdparse.h - running cmark over a byte range of the source, and mapping
 * its line/column positions back to byte offsets.
 *
 * The model never parses the whole document in one cmark tree: the
 * loader parses it chunk by chunk, and the renderer parses just the blocks
 * it shows.  Both come through here.
 */
#ifndef LECTERN_MDPARSE_H
#define LECTERN_MDPARSE_H

#include <stddef.h>
#include <stdint.h>

#include <cmark.h>

#include "lectern/util.h"

struct lec_mdarena;

typedef struct lec_md {
    cmark_node *root;          /* the document node; owned, freed by lec_md_free */
    struct lec_mdarena *arena; /* holds root's tree; owned, freed by lec_md_free */
    const char *src;           /* the whole source (not owned) */
    uint32_t start;            /* the parsed range src[start..end) */
    uint32_t end;
    uint32_t *lines; /* lines[k]: offset in src of line k+1 of the range */
    size_t nlines;
} lec_md;

/* Parses src[start..end) as a Markdown document, with `extra` (link
 * reference definitions collected elsewhere; may be NULL) appended after
 * it so that reference links resolve.  Release with lec_md_free(). */
void lec_md_parse(lec_md *md, const char *src, uint32_t start, uint32_t end, const char *extra,
                  size_t extra_len);
/* The same with `extra` fed before the range (its lines map to the
 * range's start): after it, definitions would fall into a fenced code or
 * HTML block the range leaves open at the end of the document, and a
 * reference link would resolve or not depending on where the range ends.
 * The model uses it (which links resolve is all its titles need); drawing
 * keeps the range's own definition of a label first. */
void lec_md_parse_defs_first(lec_md *md, const char *src, uint32_t start, uint32_t end,
                             const char *extra, size_t extra_len);
/* Releases md's tree, on the thread that parsed it (its memory is that
 * thread's arena). */
void lec_md_free(lec_md *md);

/* Offset in src of the start of (1-based) line `line` of the range;
 * md->end for a line past the range. */
uint32_t lec_md_line_offset(const lec_md *md, int line);

/* The whole lines a block node covers: from the start of its first line to
 * just after the line ending of its last line. */
void lec_md_block_range(const lec_md *md, cmark_node *n, uint32_t *start, uint32_t *end);

/* Appends the plain text of node n's inlines to out (emphasis, links and
 * code spans give their text; a soft line break gives a space between
 * Latin words and nothing between CJK characters); out then holds at most
 * `cap` bytes, cut between characters. */
void lec_md_inline_text(cmark_node *n, lec_buf *out, size_t cap);

#endif
