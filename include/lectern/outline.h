/*
 * outline.h - from a stream of block events to the tree of sections and
 * numbered points.
 *
 * The parser (doc.c) reports, in document order, every heading, every
 * block at the level where points can start (top level and directly inside
 * list items), and the start and end of every list item, each with the
 * marker it begins with.  This module decides which markers number points
 * (sequence validation), nests them, and gives every node its byte range.
 * It knows nothing of cmark, so it is tested with hand-made events.
 */
#ifndef LECTERN_OUTLINE_H
#define LECTERN_OUTLINE_H

#include <stddef.h>
#include <stdint.h>

#include "lectern/marker.h"

typedef enum lec_event_type {
    LEC_EV_HEADING,    /* an ATX or setext heading at the top level */
    LEC_EV_BLOCK,      /* a paragraph, list, quote, code block ... */
    LEC_EV_ITEM_BEGIN, /* a list item starts (start..end: the whole item) */
    LEC_EV_ITEM_END,   /* the matching item ends */
} lec_event_type;

/* lec_event.flags */
enum {
    LEC_EVF_COLON = 1, /* the text before the block ends with a colon (…注意两点：) */
    LEC_EVF_APART = 2, /* the marker is set apart from its text (lec_marker.apart):
                          第三条　本法…, not the reference 第三条规定… */
};

typedef struct lec_event {
    uint8_t type;    /* lec_event_type */
    uint8_t level;   /* heading level 1-6 */
    uint8_t family;  /* lec_family of the marker the text begins with, or NONE */
    uint8_t flags;   /* LEC_EVF_* */
    int32_t ordinal; /* the marker's number (0: "the last one") */
    uint32_t start;  /* first byte of the block's first line */
    uint32_t end;    /* byte after the last line of the block (line ending included) */
    /* Marker as written and title, as offsets into the builder's string
     * pool (lec_outline_pool); title is the heading text without its
     * marker, or a point's lead sentence. */
    uint32_t marker_off, marker_len;
    uint32_t title_off, title_len;
    uint8_t sub; /* 之K of an inserted article (lec_marker.sub, at most 255), else 0 */
    /* A point's title as an item of a law's article: its first sentence
     * with the 。 (（四）承包程序合法。), where title_len has the lead
     * sentence of a speech's point; the pool holds the longer.  0: the
     * same as title_len. */
    uint16_t title_item;
} lec_event;

typedef enum lec_node_kind {
    LEC_NODE_ROOT,
    LEC_NODE_SECTION, /* a heading and what follows it */
    LEC_NODE_POINT,   /* a numbered paragraph or list item and what it holds */
} lec_node_kind;

typedef struct lec_onode {
    uint32_t start, end; /* source bytes: first line .. after the last line of its last block */
    uint32_t parent, first_child, next_sibling, last_child; /* LEC_NONE when absent */
    uint32_t marker_off, marker_len, title_off, title_len;  /* into the pool */
    int32_t ordinal;
    uint16_t depth; /* root 0 */
    uint8_t kind;   /* lec_node_kind */
    uint8_t family; /* lec_family */
    uint8_t level;  /* heading level for sections, 0 for points */
    uint8_t sub;    /* 之K of an inserted article, else 0 */
} lec_onode;

#define LEC_NONE 0xFFFFFFFFu

typedef struct lec_outline lec_outline;

/* A new, empty builder.  Free with lec_outline_free(). */
lec_outline *lec_outline_new(void);
void lec_outline_free(lec_outline *o);

/* Copies s[0..n) into the string pool and returns its offset. */
uint32_t lec_outline_intern(lec_outline *o, const char *s, size_t n);
/* The pool's bytes (valid until the next intern). */
const char *lec_outline_pool(const lec_outline *o);

/* Appends an event (copied).  Events must come in document order. */
void lec_outline_add(lec_outline *o, const lec_event *ev);
/* Adds the events of src after those of o, with their strings; src is
 * left empty of events. */
void lec_outline_append(lec_outline *o, lec_outline *src);

/* Sets LEC_EVF_COLON on every event that begins with a marker and has a
 * colon (： or :) as the last character before it in src[0..len), white
 * space, line ends and a hard-break backslash passed over: the cue that a
 * run of points belongs to the point before it (…注意两点：一是…). */
void lec_outline_mark_colons(lec_outline *o, const char *src, size_t len);

/* Builds the tree from the events added so far; doc_end is the end of the
 * document's text (the root's range is 0..doc_end).  When the first heading
 * is the document's only level-1 heading, it becomes the title: no node is
 * made for it, and *title_ev (when not NULL) receives its index (else -1).
 * Returns the number of nodes. */
size_t lec_outline_build(lec_outline *o, uint32_t doc_end, long *title_ev);

/* The event array (valid until lec_outline_drop_events). */
const lec_event *lec_outline_events(const lec_outline *o, size_t *count);
/* Releases the events once the tree is built. */
void lec_outline_drop_events(lec_outline *o);

/* Node i (0 = root) after lec_outline_build. */
const lec_onode *lec_outline_node(const lec_outline *o, size_t i);
size_t lec_outline_count(const lec_outline *o);

#endif
