/*
 * doc_priv.h - what the parts of the document builder share: the
 * document's fields and the walker that reports blocks to the outline.
 *
 * doc.c holds the document and its accessors; doc_walk.c reports the
 * blocks of a range parsed by cmark; scan.c reports the plain
 * paragraphs and headings of a range without cmark, and hands the rest
 * to doc_walk.c.
 */
#ifndef LECTERN_DOC_PRIV_H
#define LECTERN_DOC_PRIV_H

#include "lectern/doc.h"
#include "lectern/frontmatter.h"
#include "lectern/mdparse.h"
#include "lectern/refs.h"
#include "lectern/util.h"

/* How much of a paragraph's text is read to find its marker and title. */
#define LEAD_CAP 2048
#define HEADING_CAP 4096
/* A point's title stops at its first sentence, or after this many bytes. */
#define TITLE_MAX 600

struct lec_doc {
    char *src;
    size_t len;
    char *name;
    size_t body_start;
    size_t fm_start, fm_end;
    size_t title_start, title_end;
    lec_meta_list meta;
    lec_block *blocks;
    size_t nblocks, cap_blocks;
    lec_outline *tree;
    uint32_t *position; /* 1-based position among siblings, per node */
    lec_buf refdefs;    /* link reference definitions, for re-parsing parts */
    lec_refs *refs;     /* refdefs by label, made on first use */
    lec_buf refs_out;   /* what lec_doc_refs_for gave last */
    int valid;          /* the source is known to be valid UTF-8 */
    const char *error;  /* why it could not be read (lec_doc_error) */
};

/* Walks ranges of the source and collects what it finds: blocks, events
 * for the outline (with their strings), link reference definitions.  The
 * two halves of a large document are walked at once, each by a walker
 * of its own, and joined in order (doc.c). */
typedef struct walker {
    const lec_doc *doc; /* only doc->src is read */
    lec_md md;
    lec_buf text;
    uint32_t prev_end; /* end of the previous top-level block */
    int valid;         /* the source is known to be valid UTF-8 */
    int no_titles;     /* LEC_DOC_NO_TITLES: points are given none */
    lec_outline *tree; /* events and their strings go here */
    lec_block *blocks; /* top-level blocks found, in order */
    size_t nblocks, cap_blocks;
    lec_buf refdefs; /* link reference definitions */
    /* The document's definitions, when known (found before the walk, or
     * the second walk of LEC_DOC_CMARK, doc.c): the blocks are parsed with
     * those they name, so that a title shows a reference link's text.
     * The walker's own index (not for two threads); extra is scratch. */
    lec_refs *refs;
    lec_buf extra;
} walker;

/* lec_md_parse of src[start..end) with the definitions it names (w->refs). */
void doc_parse(walker *w, lec_md *md, uint32_t start, uint32_t end);

/* Records a top-level block. */
void doc_add_block(walker *w, uint32_t start, uint32_t end, int kind, int level);
/* Fills the marker and title of ev from the plain text t[0..n) of a block
 * (heading: the heading's text; else a paragraph's or item's). */
void doc_describe(walker *w, lec_event *ev, const char *t, size_t n, int ctx, int heading);
void doc_emit(walker *w, lec_event *ev);
/* Fills the marker and title of a list item's event from w->text (the text
 * of its first paragraph): an ordered item's marker is written at mark
 * (its line after the indentation; the source ends at lim) and numbers it
 * ordinal; an item of a bullet list (mark NULL) is described as a
 * paragraph is. */
void doc_item_describe(walker *w, lec_event *ev, int ordinal, const char *mark, const char *lim);
/* The end of src[s..e) without the blank lines it ends with (the first
 * line stays), as a block's range is given. */
uint32_t doc_drop_blank_tail(const char *src, uint32_t s, uint32_t e);
/* The range [*start, *end) of top-level block n of md, as the walk
 * reports it: up to the next block at most, without blank lines at its
 * end, a setext heading up to its underline. */
void doc_top_range(const lec_md *md, cmark_node *n, uint32_t *start, uint32_t *end);
/* Keeps what stands between two blocks (link reference definitions):
 * its lines that are not blank, into out or the walker's refdefs. */
void doc_keep_defs(lec_buf *out, const char *s, uint32_t from, uint32_t to);
void doc_keep_gap(walker *w, uint32_t from, uint32_t to);
/* Parses src[start..end) with cmark and reports its blocks. */
void doc_walk_chunk(walker *w, uint32_t start, uint32_t end);
/* Reports the blocks of src[start..end): plain paragraphs and headings
 * directly, the rest through doc_walk_chunk (scan.c). */
void doc_scan(walker *w, uint32_t start, uint32_t end);
/* What doc_scan does with a range, step by step: a paragraph [a, b), a
 * setext heading (text [a, b), underline to c) or an ATX one [a, b), code
 * or an HTML comment [a, b), link definitions [a, b), or a part [a, b)
 * that cmark reads. */
enum {
    DOC_STEP_PARA,
    DOC_STEP_SETEXT,
    DOC_STEP_ATX,
    DOC_STEP_CODE,
    DOC_STEP_HTML,
    DOC_STEP_QUOTE,
    DOC_STEP_LIST,
    DOC_STEP_DEFS,
    DOC_STEP_CMARK
};
typedef struct doc_step {
    uint32_t a, b, c;
    uint8_t op, level;
} doc_step;
typedef struct doc_steps {
    doc_step *v; /* caller frees with free() */
    size_t n, cap;
    int done; /* filled in by doc_scan_defs */
} doc_steps;

/* Appends to defs the link reference definitions of src[start..end), as
 * doc_scan or doc_walk_chunk would keep them, without reporting anything,
 * and keeps in steps what doc_scan will do (done set) when the range can
 * hold a definition at all: doc_scan_steps then does it without reading
 * the lines again.  Returns 1 when the range may also hold definitions
 * inside a list or quote, which only a parse of the whole range resolves:
 * doc_walk_chunk must read it. */
int doc_scan_defs(walker *w, uint32_t start, uint32_t end, lec_buf *defs, doc_steps *steps);
void doc_scan_steps(walker *w, const doc_steps *steps);

#endif
