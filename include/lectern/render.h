/*
 * render.h - a part of the document as styled paragraphs, ready to wrap.
 *
 * Rendering turns Markdown blocks into what a reader sees: plain text with
 * attribute runs (emphasis, code, the marker of a numbered point ...), and
 * the prefixes that containers put before each row ("│ " for a quote,
 * "• " or "3. " for a list item).  Markup characters are not text; every
 * character of the content is, including link targets, a code block's
 * info string (its label) and raw HTML (dimmed); only HTML comments are
 * left out.  Characters that could drive a terminal (controls, bidi
 * overrides) are replaced by their visible form ("^[", "<U+202E>") with
 * the LEC_A_ESCAPE attribute.
 *
 * A GitHub pipe table (which cmark leaves as a paragraph) and a simple
 * HTML table (a raw HTML block) become one LEC_PARA_TABLE paragraph per
 * row, first row first; the layout draws the rows of one table as
 * aligned columns.
 */
#ifndef LECTERN_RENDER_H
#define LECTERN_RENDER_H

#include <stddef.h>
#include <stdint.h>

#include "lectern/doc.h"
#include "lectern/util.h"

enum lec_attr {
    LEC_A_EMPH = 1 << 0,
    LEC_A_STRONG = 1 << 1,
    LEC_A_CODE = 1 << 2,
    LEC_A_LINK = 1 << 3,
    LEC_A_HEADING = 1 << 4,
    LEC_A_MARKER = 1 << 5, /* the marker of a numbered section or point */
    LEC_A_QUOTE = 1 << 6,  /* block-quote bars */
    LEC_A_ESCAPE = 1 << 7, /* the visible form of a control character */
    LEC_A_META = 1 << 8,   /* front matter */
    LEC_A_BULLET = 1 << 9, /* list bullets and numbers */
    LEC_A_RULE = 1 << 10,  /* thematic break */
    LEC_A_URL = 1 << 11,   /* a link's target */
    /* 12-14: view.h */
    LEC_A_HTML = 1 << 15,  /* raw HTML, shown dimmed */
    LEC_A_LABEL = 1 << 16, /* a code block's info string ("js") */
};

typedef enum lec_para_kind {
    LEC_PARA_TEXT,  /* wrapped with the line-breaking rules */
    LEC_PARA_CODE,  /* one line of code: wrapped anywhere, spaces kept */
    LEC_PARA_BLANK, /* an empty row between blocks */
    LEC_PARA_TABLE, /* one row of a table: cells, laid out as columns */
} lec_para_kind;

/* Flags of a table row (lec_para.level). */
enum {
    LEC_TABLE_HEAD = 1,  /* a header row: a rule goes under it */
    LEC_TABLE_FIRST = 2, /* the first row: a table starts here */
};

/* Column alignment, from the delimiter row (|:--|:-:|--:|). */
enum { LEC_ALIGN_NONE, LEC_ALIGN_LEFT, LEC_ALIGN_CENTER, LEC_ALIGN_RIGHT };

/* A cell of a table row: bytes [off, off+len) of its paragraph's text.
 * The cells of a row follow one another in the text, a '\n' between two
 * (so that a search does not run from one cell into the next). */
typedef struct lec_cell {
    uint32_t off, len;
    uint8_t align; /* LEC_ALIGN_* of its column */
} lec_cell;

/* An attribute run: attr holds from off to the next span's off (offsets
 * into the paragraph's text). */
typedef struct lec_span {
    uint32_t off;
    uint32_t attr;
} lec_span;

typedef struct lec_para {
    uint8_t kind;       /* lec_para_kind */
    uint8_t level;      /* heading level; a table row's LEC_TABLE_* flags; else 0 */
    uint32_t pre_attr;  /* attribute of the prefixes */
    uint32_t src;       /* source offset of the block this paragraph renders */
    uint32_t text, len; /* the text: r->text.data + text, len bytes */
    uint32_t span0, nspans;    /* its runs: r->spans[span0 .. span0+nspans) */
    uint32_t pre1, pre1_len;   /* prefix of its first row (in r->text) */
    uint32_t pre2, pre2_len;   /* prefix of its other rows */
    uint32_t cell0, ncells;    /* a table row's cells: r->cells[cell0 .. cell0+ncells) */
} lec_para;

typedef struct lec_render {
    lec_buf text;
    lec_para *paras;
    size_t npara, cap_para;
    lec_span *spans;
    size_t nspans, cap_spans;
    lec_cell *cells;
    size_t ncells, cap_cells;
} lec_render;

#define LEC_RENDER_INIT {LEC_BUF_INIT, NULL, 0, 0, NULL, 0, 0, NULL, 0, 0}

/* Appends the paragraphs of the whole top-level blocks in the source range
 * [start, end) of doc.  A blank paragraph separates blocks, and one is put
 * before the first block when r already holds paragraphs. */
void lec_render_range(lec_render *r, const lec_doc *doc, size_t start, size_t end);

/* Appends the front matter (its lines as written, between the fences), if
 * the document has one. */
void lec_render_frontmatter(lec_render *r, const lec_doc *doc);

/* Appends one paragraph of text[0..n) with attribute attr, heading level
 * `level` (0: none) and source offset src; control characters are shown
 * in their visible form.  For text that is not the document's Markdown
 * (the browser's compact header of the front matter). */
void lec_render_line(lec_render *r, uint32_t src, const char *text, size_t n, uint32_t attr,
                     int level);

/* Appends a blank paragraph (an empty row between blocks) with source
 * offset src. */
void lec_render_blank(lec_render *r, uint32_t src);

/* Empties r, keeping its memory; lec_render_free releases it. */
void lec_render_reset(lec_render *r);
void lec_render_free(lec_render *r);

#endif
