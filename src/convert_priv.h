/*
 * convert_priv.h - what the conversion's two halves share: the numbering
 * candidates and captions found in the segmented text (convert.c), and
 * the Markdown written from them (convert_out.c).
 */
#ifndef LECTERN_CONVERT_PRIV_H
#define LECTERN_CONVERT_PRIV_H

#include "lectern/marker.h"
#include "lectern/outline.h"
#include "lectern/textseg.h"
#include "lectern/util.h"

#include <stdint.h>

enum { B_START, B_SENT, B_COLON };

typedef struct cand {
    uint32_t pos;  /* offset of the marker's first byte in the segmented text */
    uint32_t para; /* its paragraph */
    uint8_t boundary;
    uint8_t family;
    uint8_t sub;   /* lec_marker.sub, at most 255 */
    uint8_t apart; /* lec_marker.apart */
    uint8_t bare;  /* a bare numeral of an excerpt compilation (lec_marker_bare) */
    int32_t ordinal;
    uint32_t node; /* its node when accepted, else LEC_NONE */
} cand;

typedef struct capt {
    uint32_t start, end; /* the caption in the segmented text */
    uint32_t para;
    uint8_t block; /* it follows a sentence end: a block of its own */
} capt;

typedef struct conv {
    lec_tdoc d;
    cand *c;
    size_t nc, cap;
    capt *caps;
    size_t ncaps, cap_caps;
    lec_outline *tree;
    /* per accepted node: index of its candidate */
    size_t *node_cand;
    uint8_t heading_fam[LEC_FAM_COUNT];
    uint8_t fam_level[LEC_FAM_COUNT];
    size_t *cut; /* per candidate: end of a heading's text (from pos) */
    int *how;    /* per candidate: LEC_CUT_* */
    lec_buf out;
    /* lec_convert_to: out is given to sink a piece at a time */
    void (*sink)(void *arg, const char *s, size_t n);
    void *sink_arg;
} conv;

/* The Markdown handed to a sink this much at a time. */
#define SINK_PIECE ((size_t)1 << 20)

/* End of the text of candidate k: the next accepted candidate or caption
 * in the same paragraph, or the paragraph's end. */
uint32_t conv_cand_end(const conv *cv, size_t k);
/* Writes the Markdown of the decided candidates into cv->out (handed to
 * cv->sink a piece at a time when there is one). */
void conv_write_markdown(conv *cv);

#endif
