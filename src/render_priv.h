/*
 * render_priv.h - what the renderer's parts share: render.c (the walk of
 * cmark's tree, paragraphs and their text) and render_table.c (pipe and
 * HTML tables).
 */
#ifndef LECTERN_RENDER_PRIV_H
#define LECTERN_RENDER_PRIV_H

#include "lectern/mdparse.h"
#include "lectern/render.h"

typedef enum { C_QUOTE, C_LIST, C_ITEM } ctype;

typedef struct container {
    uint8_t type;  /* ctype */
    uint8_t tight; /* C_LIST: a tight list; C_ITEM: its list is tight */
    uint8_t pending; /* C_ITEM: its bullet is not shown yet */
    int ordered, next, delim;
    char first[24]; /* what the first row shows ("• ", "12. ", "│ ") */
    char rest[24];  /* what the other rows show */
} container;

typedef struct rstate {
    lec_render *r;
    const lec_doc *doc;
    lec_md md;
    container *st;
    size_t depth, cap;
    lec_para *cur; /* paragraph being filled, or NULL */
    size_t cur_index;
    int emph, strong, code_span, link;
    uint32_t extra;   /* attribute for the whole paragraph (heading) */
    const char *refs; /* link definitions for parts parsed alone */
    size_t nref;
} rstate;

/* render.c */
lec_para *render_para(rstate *s, size_t i);
/* Starts a paragraph of `kind` (its prefixes taken now) and returns its
 * index; it becomes the one text goes to once s->cur_index is set. */
size_t render_begin(rstate *s, int kind, uint32_t src, int level);
/* The attribute of text now: the paragraph's, emphasis, code, link. */
uint32_t render_attr(const rstate *s);
/* Appends bytes as they are to the current paragraph. */
void render_raw(rstate *s, const char *t, size_t n, uint32_t a);
/* Appends text, control characters in their visible form (col: tabs in
 * code, or NULL). */
void render_text(rstate *s, const char *t, size_t n, uint32_t a, int *col);
/* A blank row between blocks (never two, none first). */
void render_separate(rstate *s);
/* Nonzero inside a tight list item: blocks are not separated there. */
int render_in_tight(const rstate *s);
/* Gives the marker of the node that starts at src its attribute. */
void render_marker(rstate *s, uint32_t src);
/* Appends the inlines of paragraph `para`, less the first `skip` bytes
 * of its text. */
void render_inlines(rstate *s, cmark_node *para, size_t skip);

/* render_table.c */
/* Paragraph n (source lines [bs, be)) as a pipe table, when it holds one;
 * returns 0 (adding nothing) when not. */
int render_pipe_table(rstate *s, cmark_node *n, uint32_t bs, uint32_t be);
/* The HTML block html[0..len) (comments taken out) that starts at source
 * offset bs and ends at be, as a table, when it is a simple one; returns
 * 0 (adding nothing) when not. */
int render_html_table(rstate *s, const char *html, size_t len, uint32_t bs, uint32_t be);

#endif
