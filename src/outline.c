/*
 * outline.c - sequence validation and nesting of sections and points.
 *
 * The rules, in the words a reader of speeches would use:
 *  - headings nest by level; a heading closes every point before it;
 *  - a marker numbers a point only when it continues the sequence of its
 *    family under the same parent (二是 after 一是), or starts one at 1 that
 *    a 2 of the same family follows before the parent ends (a lone 一是 is
 *    prose);
 *  - a point holds points of lower-ranked families only (（一） holds 1.,
 *    1. holds （1）); a marker of the same or a higher rank closes it, so a
 *    point never nests in a point of its own family, and a new 一是 after
 *    三是 starts a new sequence beside it.  A heading is a point too in
 *    this: a paragraph 一是 after the heading "### 三是" closes that
 *    section and starts a run beside it;
 *  - the run-in families share one rank (一是 第一， 首先， First,), so one
 *    of them holds another only when the text says so: the run's first
 *    point follows a colon inside the point (第五，…注意两点：一是…), or the
 *    run lies inside the point, its family going on after it (第五，…一是…
 *    二是…第六，); once a family has held the other, it holds every later
 *    run of it (a closing 一是…四是 after 第六， stays under 第六，);
 *  - a list item that is a point holds exactly what the item holds.
 * A point's range runs from its first line to the end of the last block
 * before the next node that is not inside it.
 */
#include "lectern/outline.h"
#include "lectern/util.h"

#include <stdlib.h>
#include <string.h>

struct lec_outline {
    lec_event *ev;
    size_t nev, cap_ev;
    lec_onode *nodes;
    size_t nnodes, cap_nodes;
    lec_buf pool;
};

lec_outline *lec_outline_new(void)
{
    lec_outline *o = lec_xcalloc(1, sizeof *o);
    return o;
}

void lec_outline_free(lec_outline *o)
{
    if (!o) return;
    free(o->ev);
    free(o->nodes);
    lec_buf_free(&o->pool);
    free(o);
}

uint32_t lec_outline_intern(lec_outline *o, const char *s, size_t n)
{
    uint32_t off = (uint32_t)o->pool.len;
    lec_buf_put(&o->pool, s, n);
    return off;
}

const char *lec_outline_pool(const lec_outline *o)
{
    return o->pool.data ? o->pool.data : "";
}

void lec_outline_add(lec_outline *o, const lec_event *ev)
{
    LEC_GROW(o->ev, o->cap_ev, o->nev + 1);
    o->ev[o->nev++] = *ev;
}

void lec_outline_append(lec_outline *o, lec_outline *src)
{
    uint32_t shift = (uint32_t)o->pool.len;
    if (src->pool.len) lec_buf_put(&o->pool, src->pool.data, src->pool.len);
    LEC_GROW(o->ev, o->cap_ev, o->nev + src->nev);
    for (size_t i = 0; i < src->nev; i++) {
        lec_event e = src->ev[i];
        e.marker_off += shift;
        e.title_off += shift;
        o->ev[o->nev++] = e;
    }
    src->nev = 0;
}

const lec_event *lec_outline_events(const lec_outline *o, size_t *count)
{
    *count = o->nev;
    return o->ev;
}

const lec_onode *lec_outline_node(const lec_outline *o, size_t i)
{
    return i < o->nnodes ? &o->nodes[i] : NULL;
}

size_t lec_outline_count(const lec_outline *o)
{
    return o->nnodes;
}

/* ---- what the whole document says ------------------------------------
 *
 * Before the tree is built, three passes over the events read what the
 * document as a whole shows:
 *  - the numbering of the families whose numbers run through a document
 *    (the divisions of a law, 第N条, Article, Section: document_wide());
 *  - division titles written as points (二、关于保证合同 before 第二十五条),
 *    which rank above the articles they head (divisions());
 *  - which candidate numbered 1 is followed by a 2 (confirm_ones()).
 * Their findings are flags per event. */

enum {
    EV_DW_OK = 1,    /* a document-wide family's candidate that numbers a point */
    EV_DIVISION = 2, /* a point that heads articles: ranks just above them */
    EV_CONFIRMED = 4 /* a 1 that a 2 of its family follows under the same parent */
};

/* How far the numbers of a document-wide run may jump: a label missing in
 * the source (第一条, 第三条) is a gap, not the end of the run. */
#define MAX_GAP 5

/* The ranks of divisions written as points: below 节, above 条. */
#define DIVISION_RANK (lec_family_rank(LEC_FAM_SECTION) + 1)
#define DIVISION_MAX (lec_family_rank(LEC_FAM_ARTICLE) - 1)

typedef struct analysis {
    unsigned char *flags;    /* per event, EV_* */
    int rank[LEC_FAM_COUNT]; /* the nesting rank of each family in this document */
} analysis;

static int is_candidate(const lec_event *e)
{
    return (e->type == LEC_EV_BLOCK || e->type == LEC_EV_ITEM_BEGIN) &&
           e->family != LEC_FAM_NONE;
}

/* The rank of event i's point: a division written as a point ranks
 * between 节 and 条, the families keeping their order among themselves
 * (三、 holds （一） holds 第三十六条). */
static int ev_rank(const analysis *an, const lec_event *e, size_t i)
{
    int r = an->rank[e->family];
    if (!(an->flags[i] & EV_DIVISION)) return r;
    r = DIVISION_RANK + (r - lec_family_rank(LEC_FAM_CN)) / 10;
    return r < DIVISION_RANK ? DIVISION_RANK : r > DIVISION_MAX ? DIVISION_MAX : r;
}

/* Does (b, bs) follow (a, as) in a run, allowing a gap?  第十七条之一
 * follows 第十七条, 第十八条 follows both. */
static int follows(int a, int as, int b, int bs)
{
    return (b > a && b - a <= MAX_GAP) || (b == a && bs > as);
}

/* English Article and Section rank as 条 and 节 (Section 1 holds Articles,
 * as in treaties and regulations), unless the document shows the other
 * order: a Section 1 right after an Article (Article I. / Section 1.). */
static void english_ranks(const lec_outline *o, analysis *an)
{
    for (size_t i = 1; i < o->nev; i++) {
        const lec_event *e = &o->ev[i], *p = &o->ev[i - 1];
        if (e->family == LEC_FAM_EN_SECTION && e->ordinal == 1 && p->family == LEC_FAM_EN_ARTICLE &&
            e->type != LEC_EV_ITEM_END && p->type != LEC_EV_ITEM_END) {
            an->rank[LEC_FAM_EN_ARTICLE] = lec_family_rank(LEC_FAM_EN_SECTION);
            an->rank[LEC_FAM_EN_SECTION] = lec_family_rank(LEC_FAM_ARTICLE);
            return;
        }
    }
}

/* The numbering of the document-wide families.  Their numbers continue
 * across the headings and divisions of the document (第一章 holds 第一条-
 * 第二条, 第二章 starts at 第三条), a file may start anywhere (a book of the
 * Civil Code at 第四百六十三条) and a missing label leaves a gap.  A
 * candidate numbers a point when
 *  - it continues the document's run (the next number, or 之一 after its
 *    article), or
 *  - the next candidate of its family follows it (a run starts, at any
 *    number when the marker is set apart from its text, else only at 1), or
 *  - it comes after a gap of at most MAX_GAP, set apart or followed by
 *    its next number, or
 *  - it is a 节 or 条 numbered 1, set apart, right after a heading or a
 *    higher division (a chapter with a single section).
 * Where the family is mostly written set apart (第三条　…), the candidates
 * that are not (第三条规定的…) are references and never number a point. */
static void document_wide(const lec_outline *o, analysis *an)
{
    int set[LEC_FAM_COUNT] = {0}, bare[LEC_FAM_COUNT] = {0}, strict[LEC_FAM_COUNT];
    for (size_t i = 0; i < o->nev; i++) {
        const lec_event *e = &o->ev[i];
        if (!is_candidate(e) || !lec_family_document_wide(e->family)) continue;
        if (e->flags & LEC_EVF_APART)
            set[e->family]++;
        else
            bare[e->family]++;
    }
    int any = 0;
    for (int f = 0; f < LEC_FAM_COUNT; f++) {
        strict[f] = set[f] >= 2 && set[f] > bare[f];
        any |= set[f] + bare[f] > 0;
    }
    if (!any) return;

    /* next[i]: the next candidate of the same family that may number a point */
    size_t *next = lec_xmalloc(o->nev * sizeof *next);
    size_t after[LEC_FAM_COUNT];
    for (int f = 0; f < LEC_FAM_COUNT; f++) after[f] = (size_t)-1;
    for (size_t i = o->nev; i-- > 0;) {
        const lec_event *e = &o->ev[i];
        next[i] = (size_t)-1;
        if (!is_candidate(e) || !lec_family_document_wide(e->family)) continue;
        if (strict[e->family] && !(e->flags & LEC_EVF_APART)) continue;
        next[i] = after[e->family];
        after[e->family] = i;
    }

    int last[LEC_FAM_COUNT] = {0}, lastsub[LEC_FAM_COUNT] = {0};
    int opened = 0; /* a heading or a higher division was the last thing seen */
    int open_rank = 0;
    for (size_t i = 0; i < o->nev; i++) {
        const lec_event *e = &o->ev[i];
        int f = e->family, v = e->ordinal, sub = e->sub;
        if (e->type == LEC_EV_HEADING) {
            if (lec_family_document_wide(f) && v > 0) last[f] = v, lastsub[f] = sub;
            opened = 1;
            open_rank = 0;
            continue;
        }
        if (!is_candidate(e) || !lec_family_document_wide(f) || v < 1) continue;
        if (strict[f] && !(e->flags & LEC_EVF_APART)) continue;
        size_t nx = next[i];
        int ahead = nx != (size_t)-1 && follows(v, sub, o->ev[nx].ordinal, o->ev[nx].sub);
        int ok = 0;
        int succ = (sub == 0 && v == last[f] + 1) || (v == last[f] && sub == lastsub[f] + 1);
        int apart = (e->flags & LEC_EVF_APART) != 0;
        if (last[f] > 0 && succ)
            ok = 1;
        else if (ahead && (apart || (v == 1 && sub == 0)))
            ok = 1;
        else if (last[f] > 0 && (apart || ahead) && follows(last[f], lastsub[f], v, sub))
            ok = 1;
        else if (v == 1 && sub == 0 && apart && opened && open_rank < an->rank[f] &&
                 an->rank[f] >= lec_family_rank(LEC_FAM_SECTION))
            ok = 1;
        if (!ok) continue;
        an->flags[i] |= EV_DW_OK;
        last[f] = v;
        lastsub[f] = sub;
        /* a division opens a parent for the families below it */
        opened = 1;
        open_rank = an->rank[f];
    }
    free(next);
}

/* Is family f one of this document's articles (条, or the English family
 * that ranks as 条)? */
static int is_article(const analysis *an, int f)
{
    return lec_family_document_wide(f) && an->rank[f] == lec_family_rank(LEC_FAM_ARTICLE);
}

/* Points that head articles: a point of a family that ranks below the
 * articles (一、 （一）) whose next numbered block is an article, or is a
 * 1 of a lower family that heads articles itself (三、关于担保物权 /
 * （一）担保合同的效力 / 第三十六条), when it is a 1 or continues a run of
 * such points since the last heading.  So 一、关于一般规定 / 第一条 …
 * 二、关于保证合同 / 第二十五条 makes divisions, while the items （一）（二）
 * of an article, which follow one another, stay its items. */
static void divisions(const lec_outline *o, analysis *an)
{
    const int article = lec_family_rank(LEC_FAM_ARTICLE);
    int run[LEC_FAM_COUNT] = {0};
    size_t nextc = (size_t)-1; /* the next numbered block after i */
    unsigned char *leads = lec_xcalloc(o->nev ? o->nev : 1, 1);
    for (size_t i = o->nev; i-- > 0;) {
        const lec_event *e = &o->ev[i];
        if (e->type == LEC_EV_HEADING) {
            nextc = (size_t)-1;
            continue;
        }
        if (!is_candidate(e)) continue;
        if (lec_family_document_wide(e->family) && !(an->flags[i] & EV_DW_OK)) continue;
        if (e->family != LEC_FAM_LIST && an->rank[e->family] > article && nextc != (size_t)-1) {
            const lec_event *h = &o->ev[nextc];
            leads[i] = is_article(an, h->family) ||
                       (h->ordinal == 1 && h->family != LEC_FAM_LIST &&
                        an->rank[h->family] > an->rank[e->family] && leads[nextc]);
        }
        nextc = i;
    }
    /* The last candidate of each family, and how many articles had begun
     * then: the last item of an article continues its items, not the
     * divisions (…（三）…（四）／第五十条). */
    int last[LEC_FAM_COUNT] = {0};
    size_t at[LEC_FAM_COUNT] = {0}, articles = 0;
    for (size_t i = 0; i < o->nev; i++) {
        const lec_event *e = &o->ev[i];
        int f = e->family;
        if (e->type == LEC_EV_HEADING) {
            memset(run, 0, sizeof run);
            memset(last, 0, sizeof last);
            continue;
        }
        if (!is_candidate(e)) continue;
        if (is_article(an, f) && (an->flags[i] & EV_DW_OK)) articles++;
        int item = last[f] > 0 && e->ordinal == last[f] + 1 && at[f] == articles;
        last[f] = e->ordinal;
        at[f] = articles;
        if (!leads[i] || item) continue;
        if (e->ordinal == 1 || (e->ordinal > 1 && run[f] == e->ordinal - 1)) {
            an->flags[i] |= EV_DIVISION;
            run[f] = e->ordinal;
        }
    }
    free(leads);
}

/* One forward pass.  Candidates are grouped by scope: the run of events
 * between two headings, narrowed by list items.  In each scope frame we
 * remember, per family, the last candidate numbered 1 that is still
 * waiting; the next candidate of that family in the same frame settles it
 * (confirmed when it is a 2, or a "last one" such as 最后).  A candidate
 * of a higher rank ends the wait of the lower ranks (the 1 was under a
 * parent that is now over), and so does the end of the frame.  The
 * candidates of document-wide families that number nothing are prose
 * here. */

/* The waits are kept per family, and apart for the divisions of a family
 * (a （一） heading articles waits for the （二） that heads the next ones,
 * past the items （一）（二） of those articles). */
#define WAIT_SLOTS (2 * LEC_FAM_COUNT)

typedef struct wait_frame {
    long pending[WAIT_SLOTS]; /* event index of a waiting 1, or -1 */
    int waiting;              /* how many of them are not -1 (most often none) */
} wait_frame;

static void frame_clear(wait_frame *f)
{
    for (int i = 0; i < WAIT_SLOTS; i++) f->pending[i] = -1;
    f->waiting = 0;
}

static void confirm_ones(const lec_outline *o, analysis *an)
{
    wait_frame *st = NULL;
    size_t depth = 0, cap = 0;
    LEC_GROW(st, cap, 1);
    frame_clear(&st[0]);
    depth = 1;
    for (size_t i = 0; i < o->nev; i++) {
        const lec_event *e = &o->ev[i];
        if (e->type == LEC_EV_HEADING) {
            depth = 1;
            frame_clear(&st[0]);
            continue;
        }
        if (e->type == LEC_EV_ITEM_END) {
            if (depth > 1) depth--;
            continue;
        }
        if (is_candidate(e) &&
            !(lec_family_document_wide(e->family) && !(an->flags[i] & EV_DW_OK))) {
            wait_frame *f = &st[depth - 1];
            int fam = e->family + (an->flags[i] & EV_DIVISION ? LEC_FAM_COUNT : 0);
            int r = ev_rank(an, e, i);
            for (int g = 1; f->waiting && g < WAIT_SLOTS; g++) {
                long w = f->pending[g];
                if (w < 0) continue;
                if (g == fam) {
                    if (e->ordinal == 2 || e->ordinal == 0) an->flags[w] |= EV_CONFIRMED;
                    f->pending[g] = -1;
                    f->waiting--;
                } else if (ev_rank(an, &o->ev[w], (size_t)w) > r) {
                    f->pending[g] = -1;
                    f->waiting--;
                }
            }
            if (e->ordinal == 1) {
                f->waiting += f->pending[fam] < 0;
                f->pending[fam] = (long)i;
            }
        }
        if (e->type == LEC_EV_ITEM_BEGIN) {
            LEC_GROW(st, cap, depth + 1);
            frame_clear(&st[depth]);
            depth++;
        }
    }
    free(st);
}

/* ---- building ------------------------------------------------------- */

typedef enum { FR_SECTION, FR_POINT, FR_ITEM } frame_kind;

typedef struct frame {
    uint32_t node;  /* LEC_NONE for an item that is not a point */
    uint8_t kind;   /* frame_kind */
    uint8_t family; /* of the point, or of the marker a section's heading begins with */
    uint8_t level;  /* of the section */
    uint8_t is_item;
    int rank;       /* of the point (ev_rank) */
    int32_t last[LEC_FAM_COUNT]; /* last accepted ordinal per family among its children */
} frame;

typedef struct builder {
    lec_outline *o;
    const analysis *an;
    frame *st;
    size_t depth, cap;
    uint32_t last_end; /* end of the last event seen */
    /* nests[f]: bit g set once a run of family g was held by a point of
     * family f of the same rank */
    uint32_t nests[LEC_FAM_COUNT];
} builder;

static uint32_t new_node(builder *b, uint32_t parent, const lec_event *e, uint8_t kind)
{
    lec_outline *o = b->o;
    LEC_GROW(o->nodes, o->cap_nodes, o->nnodes + 1);
    uint32_t id = (uint32_t)o->nnodes++;
    lec_onode *n = &o->nodes[id];
    memset(n, 0, sizeof *n);
    n->start = e ? e->start : 0;
    n->end = e ? e->end : 0;
    n->parent = parent;
    n->first_child = n->next_sibling = n->last_child = LEC_NONE;
    n->kind = kind;
    if (e) {
        n->marker_off = e->marker_off;
        n->marker_len = e->marker_len;
        n->title_off = e->title_off;
        n->title_len = e->title_len;
        n->ordinal = e->ordinal;
        n->family = e->family;
        n->sub = (uint8_t)e->sub;
        n->level = kind == LEC_NODE_SECTION ? e->level : 0;
    }
    if (parent != LEC_NONE) {
        lec_onode *p = &o->nodes[parent];
        n->depth = (uint16_t)(p->depth + 1);
        if (p->last_child == LEC_NONE)
            p->first_child = id;
        else
            o->nodes[p->last_child].next_sibling = id;
        p->last_child = id;
    }
    return id;
}

static void push(builder *b, uint32_t node, frame_kind kind, int family, int rank, int level,
                 int is_item)
{
    LEC_GROW(b->st, b->cap, b->depth + 1);
    frame *f = &b->st[b->depth++];
    memset(f, 0, sizeof *f);
    f->node = node;
    f->kind = (uint8_t)kind;
    f->family = (uint8_t)family;
    f->rank = rank;
    f->level = (uint8_t)level;
    f->is_item = (uint8_t)is_item;
}

/* Closes the top frame: its node ends with the last block seen inside it. */
static void pop(builder *b)
{
    frame *f = &b->st[--b->depth];
    if (f->node != LEC_NONE) {
        lec_onode *n = &b->o->nodes[f->node];
        if (b->last_end > n->end) n->end = b->last_end;
    }
}

/* The innermost frame that has a node: the parent of what comes next. */
static uint32_t parent_node(const builder *b, size_t top)
{
    for (size_t i = top + 1; i-- > 0;)
        if (b->st[i].node != LEC_NONE) return b->st[i].node;
    return 0;
}

/* How far ahead the end of a run is looked for (keeps the build linear). */
#define RUN_LOOK 256

/* Whether the run that event i (a 1 of family g) begins lies inside the
 * point p of another family of the same rank: a 2 of g comes, then p's
 * successor, before anything of a higher rank or a heading. */
static int run_inside(const builder *b, size_t i, const lec_onode *p)
{
    const lec_outline *o = b->o;
    int g = o->ev[i].family, r = lec_family_rank(g), two = 0;
    for (size_t j = i + 1; j < o->nev && j <= i + RUN_LOOK; j++) {
        const lec_event *e = &o->ev[j];
        if (e->type == LEC_EV_HEADING) return 0;
        if (!is_candidate(e)) continue;
        if (e->family == p->family)
            return two && (e->ordinal == p->ordinal + 1 || (e->ordinal == 0 && p->ordinal > 0));
        if (lec_family_rank(e->family) < r) return 0;
        if (e->family == g && e->ordinal == 2) two = 1;
    }
    return 0;
}

/* Whether the point of frame f holds the point of event i, of another
 * family of the same rank (see the rules at the top). */
static int holds(const builder *b, const frame *f, size_t i)
{
    const lec_event *e = &b->o->ev[i];
    if (b->nests[f->family] & (1u << e->family)) return 1;
    if (e->ordinal != 1) return 0;
    return (e->flags & LEC_EVF_COLON) || run_inside(b, i, &b->o->nodes[f->node]);
}

/* Where the point of event i would attach: below every open point of the
 * same or a higher rank (their frames would close), unless one of the
 * same rank holds it, and below a section whose heading has its family.
 * Item frames and other sections are walls. */
static size_t attach_frame(const builder *b, size_t i, int r)
{
    int fam = b->o->ev[i].family;
    size_t t = b->depth - 1;
    for (; t > 0; t--) {
        const frame *f = &b->st[t];
        if (f->kind == FR_SECTION) {
            if (f->family != fam) break;
            continue;
        }
        if (f->kind != FR_POINT || f->is_item) break;
        int fr = f->rank;
        if (fr < r || (fr == r && f->family != fam && holds(b, f, i))) break;
    }
    return t;
}

/* Accepts or rejects candidate i; returns the new node or LEC_NONE.  A
 * document-wide family was judged on the whole document; the others
 * continue the run of their family under the same parent. */
static uint32_t try_point(builder *b, size_t i, int is_item)
{
    const lec_event *e = &b->o->ev[i];
    int fam = e->family, flags = b->an->flags[i], r = ev_rank(b->an, e, i);
    size_t t = attach_frame(b, i, r);
    int32_t last = b->st[t].last[fam];
    int accept = 0;
    if (lec_family_document_wide(fam))
        accept = (flags & EV_DW_OK) != 0;
    else if (e->ordinal == 1)
        accept = (flags & EV_CONFIRMED) != 0;
    else if (e->ordinal > 1)
        accept = last == e->ordinal - 1;
    else /* "the last one": closes an open set */
        accept = last >= 1;
    if (!accept) return LEC_NONE;

    while (b->depth - 1 > t) pop(b);
    const frame *up = &b->st[t];
    if (up->kind == FR_POINT && up->family != fam && up->rank == r)
        b->nests[up->family] |= 1u << fam;
    b->st[t].last[fam] = e->ordinal > 0 ? e->ordinal : last + 1;
    uint32_t parent = parent_node(b, t);
    uint32_t id = new_node(b, parent, e, LEC_NODE_POINT);
    /* the items of an article are titled by their whole first sentence */
    if (e->title_item && b->o->nodes[parent].family == LEC_FAM_ARTICLE)
        b->o->nodes[id].title_len = e->title_item;
    push(b, id, FR_POINT, fam, r, 0, is_item);
    return id;
}

static void open_section(builder *b, const lec_event *e)
{
    /* A heading ends every point and item, and every section of its level
     * or deeper. */
    while (b->depth > 1 && !(b->st[b->depth - 1].kind == FR_SECTION &&
                             b->st[b->depth - 1].level < e->level))
        pop(b);
    /* A numbered heading counts in its family's run among its parent's
     * children, as a point would (### 二是, then a paragraph 三是). */
    if (e->family != LEC_FAM_NONE && e->ordinal > 0) b->st[b->depth - 1].last[e->family] = e->ordinal;
    uint32_t id = new_node(b, parent_node(b, b->depth - 1), e, LEC_NODE_SECTION);
    push(b, id, FR_SECTION, e->family, 0, e->level, 0);
}

size_t lec_outline_build(lec_outline *o, uint32_t doc_end, long *title_ev)
{
    long title = -1;
    size_t first_heading = (size_t)-1, h1 = 0;
    for (size_t i = 0; i < o->nev; i++) {
        if (o->ev[i].type != LEC_EV_HEADING) continue;
        if (first_heading == (size_t)-1) first_heading = i;
        if (o->ev[i].level == 1) h1++;
    }
    if (first_heading != (size_t)-1 && h1 == 1 && o->ev[first_heading].level == 1)
        title = (long)first_heading;
    if (title_ev) *title_ev = title;

    analysis an;
    an.flags = lec_xcalloc(o->nev ? o->nev : 1, 1);
    for (int f = 0; f < LEC_FAM_COUNT; f++) an.rank[f] = lec_family_rank((lec_family)f);
    english_ranks(o, &an);
    document_wide(o, &an);
    divisions(o, &an);
    confirm_ones(o, &an);

    builder b = {.o = o, .an = &an};
    o->nnodes = 0;
    uint32_t root = new_node(&b, LEC_NONE, NULL, LEC_NODE_ROOT);
    o->nodes[root].end = doc_end;
    push(&b, root, FR_SECTION, 0, 0, 0, 0);

    for (size_t i = 0; i < o->nev; i++) {
        const lec_event *e = &o->ev[i];
        switch (e->type) {
        case LEC_EV_HEADING:
            if ((long)i != title) open_section(&b, e);
            break;
        case LEC_EV_BLOCK:
            if (e->family != LEC_FAM_NONE) try_point(&b, i, 0);
            break;
        case LEC_EV_ITEM_BEGIN:
            if (e->family == LEC_FAM_NONE || try_point(&b, i, 1) == LEC_NONE)
                push(&b, LEC_NONE, FR_ITEM, 0, 0, 0, 1);
            /* Its end is the whole item's: a point inside the item that
             * closes before ITEM_END must not reach past its own blocks. */
            continue;
        case LEC_EV_ITEM_END:
            /* Close what the item opened, then the item itself. */
            while (b.depth > 1 && !b.st[b.depth - 1].is_item) pop(&b);
            if (e->end > b.last_end) b.last_end = e->end;
            if (b.depth > 1) pop(&b);
            continue;
        }
        if (e->end > b.last_end) b.last_end = e->end;
    }
    while (b.depth > 1) pop(&b);
    free(b.st);
    free(an.flags);
    return o->nnodes;
}

/* The last character before src[at], white space, line ends and a
 * hard-break backslash passed over: is it a colon? */
static int colon_before(const char *src, size_t at)
{
    while (at > 0) {
        unsigned char c = (unsigned char)src[at - 1];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\\') {
            at--;
        } else if (at >= 3 && memcmp(src + at - 3, "\xe3\x80\x80", 3) == 0) {
            at -= 3; /* U+3000 */
        } else {
            return c == ':' || (at >= 3 && memcmp(src + at - 3, "\xef\xbc\x9a", 3) == 0);
        }
    }
    return 0;
}

void lec_outline_mark_colons(lec_outline *o, const char *src, size_t len)
{
    for (size_t i = 0; i < o->nev; i++) {
        lec_event *e = &o->ev[i];
        if (is_candidate(e) && e->start <= len && colon_before(src, e->start))
            e->flags |= LEC_EVF_COLON;
    }
}

void lec_outline_drop_events(lec_outline *o)
{
    free(o->ev);
    o->ev = NULL;
    o->nev = o->cap_ev = 0;
}
