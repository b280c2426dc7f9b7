/*
 * render.h - a part of the document as styled paragraphs, ready to wrap.
 *
 * Rendering turns Markdown blocks into what a reader sees: plain text with
 * attribute runs (emphasis, code, the marker of a numbered point ...), and
 * the prefixes that containers put before each row ("│ " for a quote,
 * "• " or "3. " for a list item).  Markup characters are not text; every
 * character of the content is, including link targets.  Characters that
 * could drive a terminal (controls, bidi overrides) are replaced by their
 * visible form ("^[", "<U+202E>") with the LEC_A_ESCAPE attribute.
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
};

typedef enum lec_para_kind {
    LEC_PARA_TEXT,  /* wrapped with the line-breaking rules */
    LEC_PARA_CODE,  /* one line of code: wrapped anywhere, spaces kept */
    LEC_PARA_BLANK, /* an empty row between blocks */
} lec_para_kind;

/* An attribute run: attr holds from off to the next span's off (offsets
 * into the paragraph's text). */
typedef struct lec_span {
    uint32_t off;
    uint16_t attr;
} lec_span;

typedef struct lec_para {
    uint8_t kind;       /* lec_para_kind */
    uint8_t level;      /* heading level, 0 for other paragraphs */
    uint16_t pre_attr;  /* attribute of the prefixes */
    uint32_t src;       /* source offset of the block this paragraph renders */
    uint32_t text, len; /* the text: r->text.data + text, len bytes */
    uint32_t span0, nspans;    /* its runs: r->spans[span0 .. span0+nspans) */
    uint32_t pre1, pre1_len;   /* prefix of its first row (in r->text) */
    uint32_t pre2, pre2_len;   /* prefix of its other rows */
} lec_para;

typedef struct lec_render {
    lec_buf text;
    lec_para *paras;
    size_t npara, cap_para;
    lec_span *spans;
    size_t nspans, cap_spans;
} lec_render;

#define LEC_RENDER_INIT {LEC_BUF_INIT, NULL, 0, 0, NULL, 0, 0}

/* Appends the paragraphs of the whole top-level blocks in the source range
 * [start, end) of doc.  A blank paragraph separates blocks, and one is put
 * before the first block when r already holds paragraphs. */
void lec_render_range(lec_render *r, const lec_doc *doc, size_t start, size_t end);

/* Appends the front matter (its lines as written, between the fences), if
 * the document has one. */
void lec_render_frontmatter(lec_render *r, const lec_doc *doc);

/* Appends a blank paragraph (an empty row between blocks) with source
 * offset src. */
void lec_render_blank(lec_render *r, uint32_t src);

/* Empties r, keeping its memory; lec_render_free releases it. */
void lec_render_reset(lec_render *r);
void lec_render_free(lec_render *r);

#endif
