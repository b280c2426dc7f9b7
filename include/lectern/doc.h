/*
 * doc.h - the document model: the source text, its metadata, its top-level
 * blocks and the tree of sections and numbered points.
 *
 * A lec_doc is built once from Markdown and is then read-only.  It keeps
 * the source bytes and compact arrays (a few dozen bytes per block and per
 * node), never cmark's tree: what is shown is rendered again from the
 * source on demand (render.h), a screenful at a time.
 *
 * Nodes are numbered 0..count-1 in document order; 0 is the root (the
 * whole document).  LEC_NONE (outline.h) stands for "no node".
 */
#ifndef LECTERN_DOC_H
#define LECTERN_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "lectern/marker.h"
#include "lectern/outline.h"

typedef struct lec_doc lec_doc;

typedef enum lec_block_kind {
    LEC_BLOCK_PARAGRAPH,
    LEC_BLOCK_HEADING,
    LEC_BLOCK_LIST,
    LEC_BLOCK_QUOTE,
    LEC_BLOCK_CODE,
    LEC_BLOCK_HTML,
    LEC_BLOCK_RULE,
    LEC_BLOCK_OTHER,
} lec_block_kind;

typedef struct lec_block {
    uint32_t start, end; /* source bytes: first line .. after its last line */
    uint8_t kind;        /* lec_block_kind */
    uint8_t level;       /* heading level */
} lec_block;

/* Builds the model of the Markdown text data[0..len).  The document takes
 * ownership of data, which must be malloc'd, NUL-terminated (data[len] ==
 * 0) and at most LEC_MAX_INPUT bytes; it is freed by lec_doc_free.  name
 * (copied) is used in messages.  Never fails: any byte string is some
 * Markdown document. */
lec_doc *lec_doc_new(char *data, size_t len, const char *name);

/* The same, with flags: LEC_DOC_CMARK has cmark parse every block (no
 * fast scan of plain paragraphs and headings; the result is the same
 * model, and tests compare the two); LEC_DOC_VALID says the caller has
 * checked that data is valid UTF-8 (lec_load does), so it is not checked
 * again piece by piece.  A large document is read by two threads, each
 * taking half of it; LEC_DOC_ONE_THREAD keeps to one (for tests, which
 * compare the two).  LEC_DOC_NO_TITLES leaves the titles of points empty
 * (the library's list reads only the outline's shape and the metadata;
 * headings keep theirs, the first may be the document's title); no title
 * decides how the document is walked, so the outline's shape is the same.
 * LEC_DOC_NO_CR says the caller knows data holds no CR (lec_load's
 * check may tell): the look for a CR alone is skipped. */
enum {
    LEC_DOC_CMARK = 1,
    LEC_DOC_VALID = 2,
    LEC_DOC_ONE_THREAD = 4,
    LEC_DOC_NO_TITLES = 8,
    LEC_DOC_NO_CR = 16
};
lec_doc *lec_doc_new_flags(char *data, size_t len, const char *name, int flags);

/* The most bytes libcmark is given at once: its buffers abort past 1 GiB
 * (a paragraph, a code block, a line).  A document with a stretch longer
 * than this that cannot be cut where a block ends is not read. */
#define LEC_BLOCK_MAX (((size_t)1 << 30) - ((size_t)1 << 20))

/* NULL, or why the document was not read (it is then empty): larger than
 * 4 GiB (offsets are 32-bit), or a block past LEC_BLOCK_MAX.  The reason
 * is a static string, worded as lec_load's ("too large (...)"). */
const char *lec_doc_error(const lec_doc *doc);
void lec_doc_free(lec_doc *doc);

const char *lec_doc_name(const lec_doc *doc);
/* The whole source, as loaded (BOM and front matter included). */
const char *lec_doc_source(const lec_doc *doc, size_t *len);
/* Where the Markdown body begins (after a BOM and front matter). */
size_t lec_doc_body_start(const lec_doc *doc);
/* The lines between the front matter's fences; start == end when none. */
void lec_doc_frontmatter(const lec_doc *doc, size_t *start, size_t *end);

/* Nonzero when the document was made with LEC_DOC_VALID. */
int lec_doc_valid(const lec_doc *doc);

/* Keeps the metadata but stops showing the front matter's lines (for a
 * document converted from plain text, whose head lines are in the text
 * already). */
void lec_doc_hide_frontmatter(lec_doc *doc);

/* Metadata: front-matter entries in order, then "title" from the title
 * heading when the front matter has none. */
size_t lec_doc_meta_count(const lec_doc *doc);
const char *lec_doc_meta_key(const lec_doc *doc, size_t i);
const char *lec_doc_meta_value(const lec_doc *doc, size_t i);
const char *lec_doc_meta_get(const lec_doc *doc, const char *key);

/* Link reference definitions found in the source (to append when a part
 * of the source is parsed alone); NULL/0 when there are none. */
const char *lec_doc_refdefs(const lec_doc *doc, size_t *len);
/* Those of them that a bracketed label in source[start..end) names: what
 * to append when that range is parsed alone (NULL/0: nothing).  The text
 * belongs to doc and lasts until the next call or lec_doc_free(); the
 * index behind it is made on the first call.  Not for two threads at once
 * on one document. */
const char *lec_doc_refs_for(const lec_doc *doc, size_t start, size_t end, size_t *len);

/* The top-level blocks of the body, in order. */
size_t lec_doc_block_count(const lec_doc *doc);
const lec_block *lec_doc_block(const lec_doc *doc, size_t i);
/* The source range of the title heading (start == end when none). */
void lec_doc_title_range(const lec_doc *doc, size_t *start, size_t *end);

/* The tree. */
size_t lec_doc_node_count(const lec_doc *doc);
lec_node_kind lec_node_kind_of(const lec_doc *doc, uint32_t id);
uint32_t lec_node_parent(const lec_doc *doc, uint32_t id);
uint32_t lec_node_first_child(const lec_doc *doc, uint32_t id);
uint32_t lec_node_next_sibling(const lec_doc *doc, uint32_t id);
/* Depth below the root (root 0, its children 1). */
int lec_node_depth(const lec_doc *doc, uint32_t id);
/* 1-based position among its siblings (root: 0). */
int lec_node_position(const lec_doc *doc, uint32_t id);
lec_family lec_node_family(const lec_doc *doc, uint32_t id);
int lec_node_ordinal(const lec_doc *doc, uint32_t id);
/* Heading level (1-6) of a section, 0 for points and the root. */
int lec_node_level(const lec_doc *doc, uint32_t id);
/* Marker as written ("一、" "（一）" "一是" "第一，"), "" when unnumbered.
 * Title: heading text without marker, or a point's lead sentence.  Both
 * belong to the document; *len receives the length in bytes. */
const char *lec_node_marker(const lec_doc *doc, uint32_t id, size_t *len);
const char *lec_node_title(const lec_doc *doc, uint32_t id, size_t *len);
/* The first node (in document order) whose range starts at offset, or
 * LEC_NONE.  Binary search: nodes are in document order. */
uint32_t lec_doc_node_at(const lec_doc *doc, size_t offset);

/* Source range of the node: its first line to the end of the last line of
 * its last block. */
void lec_node_range(const lec_doc *doc, uint32_t id, size_t *start, size_t *end);

#endif
