/*
 * view_priv.h - what view.c and view_ops.c share: the view's state.
 *
 * Positions.  The view's blocks are the document's top-level blocks,
 * after a block 0 that holds the front matter (possibly empty).  Each
 * block, when needed, is rendered and laid out (a cache entry); its
 * *visible entries* are the rows that the folds leave, with a summary
 * entry in place of a folded node's first row.  A position is a block and
 * an index among its visible entries.
 */
#ifndef LECTERN_VIEW_PRIV_H
#define LECTERN_VIEW_PRIV_H

#include "lectern/layout.h"
#include "lectern/render.h"
#include "lectern/search.h"
#include "lectern/view.h"

/* A visible entry: a row of the block's layout, or a summary. */
typedef struct ventry {
    int32_t row;   /* index into the layout rows, or -1 for a summary */
    uint32_t node; /* the summary's node */
} ventry;

typedef struct vblock {
    uint32_t b;       /* which block; UINT32_MAX: empty slot */
    lec_render r;     /* paragraphs of the block */
    lec_rows rows;    /* laid out at laid_w */
    int laid_w;       /* width of the layout, 0: none yet */
    ventry *vis;      /* visible entries under the folds of fold_gen */
    size_t nvis, cap_vis;
    uint32_t fold_gen; /* generation the entries were made for */
} vblock;

typedef struct vpos {
    uint32_t b;  /* block */
    uint32_t vi; /* visible entry */
} vpos;

/* A search match: bytes [start, end) of paragraph `para` of block b,
 * which renders the source from src on (lec_para.src). */
typedef struct vmatch {
    uint32_t b, para, src, start, end;
} vmatch;

enum { CYCLE_NONE, CYCLE_OVERVIEW, CYCLE_CONTENTS, CYCLE_ALL };

/* The node of the preamble's summary row: no node of the document. */
#define VN_PRE (LEC_NONE - 1)

struct lec_view {
    const lec_doc *doc;
    int cols, rows, ambi;
    uint32_t nb; /* blocks, front-matter block 0 included */
    vblock *cache;
    size_t ncache;
    uint8_t *folded; /* per node */
    uint32_t fold_gen;
    int contents;    /* Shift-Tab "contents": every node as one row */
    int cycle;
    vpos top;        /* first row on the screen */
    int cur;         /* screen row of the cursor */
    /* search */
    lec_search *search;
    int search_dir;
    vmatch *match;
    size_t nmatch, cap_match;
    size_t current; /* index of the current match + 1; 0: none */
    lec_sig *sig;   /* per block, made when a search first reads it (searchsig.c) */
    uint8_t *sig_made; /* per block: sig[b] is made */
    unsigned search_flags; /* LEC_SEARCH_REGEX, LEC_SEARCH_NO_HANFOLD */
    lec_buf search_err;    /* why the last pattern searched nothing */
    uint32_t *hits;        /* per node: matches inside it (count_hits) */
    int hits_valid;
    /* a search typed at a prompt (lec_view_search_begin) */
    uint8_t *saved_folds;   /* the folds when it began, or NULL */
    int saved_contents;
    int session_skip;       /* start just past (b, para, start) below */
    uint32_t skip_b, skip_para, skip_start;
    /* The search's work, done a slice at a time (view_search.c): blocks
     * [lo, hi) have been read, and their matches are v->match, in order. */
    struct {
        int active;       /* blocks are left to read */
        int found;        /* the match to show is settled (shown, or none) */
        int wrapped;      /* the match shown is past the document's end */
        int dir;
        uint32_t lo, hi;  /* blocks read */
        uint32_t kb, kpara, kstart, kend; /* where the first match is looked for from */
        uint32_t clo;     /* a chunk [clo, lo) being read below lo, into low */
        uint32_t cnext;   /* its next block */
        uint32_t chunk;   /* blocks in the next chunk (doubles) */
        vmatch *low;
        size_t nlow, cap_low;
        /* block hi read in part (a paragraph longer than PIECE, view_search.c):
         * its paragraphs before part_k are read, and paragraph part_k's
         * matches up to part_cut, the last one ending at part_end */
        int part;
        uint32_t part_k;
        size_t part_cut, part_end;
        /* scratch memory for reading blocks */
        lec_match *m;
        size_t cap_m;
        lec_render scratch;
        lec_buf joined;
    } job;
    /* the texts of the summary rows on screen, one buffer a screen row */
    lec_buf *summary;
    size_t nsummary;
    /* The front matter, shown as a compact header (view.c): the title
     * and one dimmed row of author, date, source and occasion.  When a
     * title heading follows the front matter, that heading is the title
     * and the dimmed row is drawn after it, in its block. */
    int has_fm;        /* the document has front matter to show */
    int fm_raw;        /* its key: value lines are shown instead */
    uint32_t title_b;  /* view block of that title heading (0: none) */
    uint32_t title_src, dim_src; /* its paragraph's source offset, the dimmed row's */
    /* The preamble: the text between the title and the first node, one
     * summary row (node VN_PRE) in the overview states. */
    uint32_t pre_s, pre_e; /* source range, block starts; equal: none */
    uint32_t pre_b;        /* its first view block */
    int pre_folded, saved_pre;
    uint32_t pre_chars, pre_blocks; /* counted when first summarised */
    lec_buf pre_text;               /* the start of its text, for the summary */
    /* per node, filled when first shown: characters and nodes below it */
    uint32_t *chars, *below_sections, *below_points;
    uint32_t *prev_sib; /* per node, made when first needed */
};

/* view.c */
uint32_t vblock_start(const lec_view *v, uint32_t b);
uint32_t vblock_of(const lec_view *v, uint32_t src);
vblock *vblock_get(lec_view *v, uint32_t b);
/* Renders block b as the screen shows it (into r, emptied first). */
void vblock_render(const lec_view *v, uint32_t b, lec_render *r);
/* Block b's rendering when it is in the cache, else NULL. */
const lec_render *vblock_cached(const lec_view *v, uint32_t b);
int vpos_next(lec_view *v, vpos *p);
int vpos_prev(lec_view *v, vpos *p);
int vpos_first(lec_view *v, vpos *p);
int vpos_last(lec_view *v, vpos *p);
vpos vpos_cursor(lec_view *v);
void vpos_place(lec_view *v, vpos target, int want_row);
/* The paragraph source offset and byte of the row at p (summary: node start, 0). */
void vpos_text(lec_view *v, vpos p, uint32_t *src, uint32_t *chr);
/* Where the text (src, chr) is now shown: its row, or the summary hiding it. */
int vpos_find(lec_view *v, uint32_t src, uint32_t chr, vpos *out);
void view_folds_changed(lec_view *v);

/* The blank row before block b (every block's but the first shown). */
int vblock_lead_blank(const lec_view *v, uint32_t b);
/* Adds n bytes at s with attr to the row (joined to the last segment when
 * they follow it with the same attribute). */
void line_add_seg(lec_line *l, const char *s, size_t n, uint32_t attr);

/* view_head.c */
/* Source range of a node, the preamble (VN_PRE) included. */
void vnode_range(const lec_view *v, uint32_t id, uint32_t *s, uint32_t *e);
/* Whether src is in the preamble; in the front matter's header rows. */
int view_in_pre(const lec_view *v, uint32_t src);
int view_header_src(const lec_view *v, uint32_t src);
/* The header's rows depend on fm_raw and the width: made again. */
void view_header_changed(lec_view *v);
/* Finds the header's blocks and the preamble (lec_view_new). */
void view_header_init(lec_view *v);
/* Block 0's rows when the front matter is compact; the dimmed row alone
 * (after the title heading), at source offset src. */
void view_header_block(const lec_view *v, lec_render *r);
void view_header_line(const lec_view *v, lec_render *r, uint32_t src);
/* The summary row of node id (VN_PRE: the preamble) on screen row i. */
void view_summary_row(lec_view *v, int i, uint32_t id, lec_line *out);

/* view_ops.c */
/* Leaves the contents state for real folds: everything folded but the
 * way to node keep. */
void view_leave_contents(lec_view *v, uint32_t keep);
/* Opens the fold of node id (VN_PRE: the preamble). */
void view_unfold(lec_view *v, uint32_t id);
/* The cursor to the text (src, chr): where it is on the screen, else a
 * third of the way down. */
void view_show_text(lec_view *v, uint32_t src, uint32_t chr);
uint32_t node_at(const lec_view *v, uint32_t src);
uint32_t folded_over(const lec_view *v, uint32_t src);

/* view_search.c */
/* The matches found again (the header's text changed), the current one
 * kept where it can be. */
void view_refind(lec_view *v);
/* Frees what the search holds (lec_view_free). */
void view_search_free(lec_view *v);

#endif
