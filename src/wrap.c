/*
 * wrap.c - breaking text into rows of terminal cells (lectern/wrap.h).
 *
 * One greedy pass over grapheme clusters.  While a row fills, the wrapper
 * remembers the last few break opportunities in it; when a cluster does
 * not fit, the row ends at the last opportunity, or a little earlier when
 * that would put a forbidden mark at a row edge (避头尾, see
 * docs/wrapping.md).  Scanning then resumes at the start of the new row,
 * so only the unbreakable tail of a row is read twice and the whole pass
 * stays linear in the length of the text.
 */
#include "lectern/wrap.h"

#include "lectern/utf8.h"
#include "lectern/util.h"

#include <stdint.h>
#include <utf8proc.h>

/* How far back (in break opportunities) the wrapper may move a break to
 * honour the kinsoku rules: clreq allows giving up on a run of three
 * marks such as 。」』, so three is the limit. */
#define MAX_PULL 3

enum kind {
    K_OTHER,
    K_SPACE, /* ASCII space or tab: a break point, dropped at a break */
    K_NL,    /* '\n' (or "\r\n"): ends the row */
};

enum {
    F_WORD = 1 << 0,        /* part of a Latin/digit run: "GDP", "5.2%" */
    F_DASH = 1 << 1,        /* — ― … ⋯ ⸺ ⸻: break around, never inside a pair */
    F_GLUE = 1 << 2,        /* no-break space, word joiner: never break next to it */
    F_BREAK_AFTER = 1 << 3, /* zero-width and typographic spaces */
    F_NO_START = 1 << 4,
    F_NO_END = 1 << 5,
};

typedef struct cluster {
    size_t start, end; /* bytes of the text */
    int width;
    int32_t cp; /* first code point (U+FFFD for an invalid byte) */
    int kind;
    unsigned flags;
} cluster;

/* A place where the current row may end.  For a break at spaces, end is
 * where the spaces begin and next where they stop; otherwise both are the
 * same.  Widths are those of the current row up to end / up to next. */
typedef struct opportunity {
    size_t end, next;
    int w_end, w_next;
    int allowed; /* the kinsoku rules accept a break here */
} opportunity;

typedef struct wrapper {
    const char *text;
    size_t len;
    int ambi;
    int rest;
    lec_wrap_line *rows;
    size_t nrows, cap;
    /* the row being filled */
    size_t row_start;
    int limit, width, nclusters;
    cluster prev; /* last non-space cluster of the row */
    int have_prev;
    opportunity opp[MAX_PULL + 1]; /* oldest first */
    int nopp;
    /* the last clusters of the row with the row width before each, for
     * cutting a word that is longer than a row */
    cluster recent[MAX_PULL + 1];
    int recent_w[MAX_PULL + 1];
    int nrecent;
    int open; /* the current row still has to be emitted */
    /* a run of ASCII spaces not yet followed by anything else */
    int in_space;
    size_t space_start;
    int space_w; /* row width where the run starts */
} wrapper;

/* The kinsoku sets (docs/wrapping.md lists them with their names). */
static const int32_t no_start_set[] = {
    /* 点号: pause, comma, stop, colon, semicolon, question, exclamation */
    0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF01, ',', '.', ':', ';', '?', '!',
    /* closing quotes and brackets */
    0x201D, 0x2019, 0xFF09, 0xFF3D, 0xFF5D, 0x3015, 0x3009, 0x300B, 0x300D, 0x300F, 0x3011, 0x3017,
    0x3019, 0x301B, ')', ']', '}',
    /* iteration mark, connectors, interpuncts, two-dot leader */
    0x3005, 0x301C, 0x30FB, 0x00B7, 0xFF5E, 0x2013, 0x2010, 0x2025,
    /* unit signs that belong to the number before them */
    '%', 0x2030, 0x2103, 0x00B0, 0xFF05};

static const int32_t no_end_set[] = {
    /* opening quotes and brackets, fullwidth then ASCII ( [ { */
    0x201C, 0x2018, 0xFF08, 0xFF3B, 0xFF5B, 0x3014, 0x3008, 0x300A, 0x300C,
    0x300E, 0x3010, 0x3016, 0x3018, 0x301A, 0x0028, 0x005B, 0x007B};

static int in_set(const int32_t *set, size_t n, int cp)
{
    /* Neither set holds a letter, digit or ideograph: skip the common
     * case without scanning. */
    if ((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
        (cp >= 0x3400 && cp <= 0xFAFF))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (set[i] == cp) return 1;
    return 0;
}

int lec_wrap_no_start(int cp)
{
    return in_set(no_start_set, sizeof no_start_set / sizeof no_start_set[0], cp);
}

int lec_wrap_no_end(int cp)
{
    return in_set(no_end_set, sizeof no_end_set / sizeof no_end_set[0], cp);
}

/* Letters and digits of the narrow scripts, plus the punctuation that
 * lives inside numbers, URLs and English words.  Han, kana and Hangul are
 * wide by nature and break anywhere; the test uses utf8proc's own width
 * so that --ambiwidth=2 does not turn "café" or "30°" into wide text. */
static int is_word(int32_t cp)
{
    if (cp < 0x80) {
        return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
               cp == '.' || cp == ',' || cp == '%' || cp == '\'' || cp == '-' || cp == '/' ||
               cp == ':' || cp == '_';
    }
    if (cp == 0x2030 || cp == 0x2103 || cp == 0x00B0) return 1;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return utf8proc_charwidth(cp) == 1;
    default:
        return 0;
    }
}

static unsigned classify(int32_t cp)
{
    unsigned f = 0;

    if (is_word(cp)) f |= F_WORD;
    if (cp == 0x2014 || cp == 0x2015 || cp == 0x2026 || cp == 0x22EF || cp == 0x2E3A ||
        cp == 0x2E3B)
        f |= F_DASH;
    else if (cp == 0x00A0 || cp == 0x2007 || cp == 0x202F || cp == 0x2060 || cp == 0xFEFF)
        f |= F_GLUE; /* the no-break spaces, word joiner and BOM */
    else if (cp >= 0x2000 && cp <= 0x200B)
        f |= F_BREAK_AFTER; /* en/em/thin spaces and ZWSP: break after, keep */
    if (lec_wrap_no_start(cp)) f |= F_NO_START;
    if (lec_wrap_no_end(cp)) f |= F_NO_END;
    return f;
}

static void next_cluster(const wrapper *w, size_t pos, cluster *c)
{
    size_t n = lec_grapheme(w->text + pos, w->len - pos, w->ambi, &c->width);

    c->start = pos;
    c->end = pos + n;
    lec_utf8_decode(w->text + pos, w->len - pos, &c->cp);
    c->kind = K_OTHER;
    c->flags = 0;
    if (c->cp == '\n' || (c->cp == '\r' && n == 2))
        c->kind = K_NL; /* "\r\n" is one cluster; the '\r' goes with the '\n' */
    else if ((c->cp == ' ' || c->cp == '\t') && n == 1)
        c->kind = K_SPACE;
    else
        c->flags = classify(c->cp);
}

/* May a row end between clusters a and b (no space between them)? */
static int can_break(const cluster *a, const cluster *b)
{
    if ((a->flags | b->flags) & F_GLUE) return 0;
    if (b->flags & F_BREAK_AFTER) return 0;
    if (a->flags & F_BREAK_AFTER) return 1;
    if (a->flags & b->flags & F_DASH) return a->cp != b->cp; /* never split —— or …… */
    if ((a->flags | b->flags) & F_DASH) return 1;
    if (a->flags & b->flags & F_WORD) return 0;
    return a->width >= 2 || b->width >= 2;
}

/* Would a break with `before` ending a row and `after` starting the next
 * obey the kinsoku rules?  before is NULL when only spaces precede. */
static int kinsoku_ok(const cluster *before, const cluster *after)
{
    if (before && (before->flags & F_NO_END)) return 0;
    return !(after->flags & F_NO_START);
}

static void emit(wrapper *w, size_t end, int width)
{
    LEC_GROW(w->rows, w->cap, w->nrows + 1);
    w->rows[w->nrows].start = w->row_start;
    w->rows[w->nrows].end = end;
    w->rows[w->nrows].width = width;
    w->nrows++;
}

static void start_row(wrapper *w, size_t pos)
{
    w->row_start = pos;
    w->open = 1;
    w->limit = w->rest;
    w->width = 0;
    w->nclusters = 0;
    w->have_prev = 0;
    w->nopp = 0;
    w->nrecent = 0;
    w->in_space = 0;
}

static void add_opportunity(wrapper *w, size_t end, size_t next, int w_end, int w_next, int allowed)
{
    opportunity *o;

    if (w->nopp == MAX_PULL + 1) {
        /* Only the last few matter: a break is never moved further back. */
        for (int i = 0; i < MAX_PULL; i++)
            w->opp[i] = w->opp[i + 1];
        w->nopp--;
    }
    o = &w->opp[w->nopp++];
    o->end = end;
    o->next = next;
    o->w_end = w_end;
    o->w_next = w_next;
    o->allowed = allowed;
}

static void add_recent(wrapper *w, const cluster *c)
{
    if (w->nrecent == MAX_PULL + 1) {
        for (int i = 0; i < MAX_PULL; i++) {
            w->recent[i] = w->recent[i + 1];
            w->recent_w[i] = w->recent_w[i + 1];
        }
        w->nrecent--;
    }
    w->recent[w->nrecent] = *c;
    w->recent_w[w->nrecent++] = w->width;
}

/* Cluster c (whose right edge would be at row width `reach`) does not fit:
 * ends the row and returns where scanning resumes. */
static size_t overflow(wrapper *w, const cluster *c, int reach)
{
    const opportunity *best;
    size_t next;

    if (w->nopp == 0) {
        /* One unbreakable run fills the row: cut it here, or a little
         * earlier so that "word," does not leave the comma to lead. */
        size_t cut = c->start;
        int cut_w = w->width;

        if (w->have_prev && !kinsoku_ok(&w->prev, c)) {
            for (int k = w->nrecent - 1; k >= 1 && k >= w->nrecent - MAX_PULL; k--) {
                if (reach - w->recent_w[k] > w->rest) break;
                if (kinsoku_ok(&w->recent[k - 1], &w->recent[k])) {
                    cut = w->recent[k].start;
                    cut_w = w->recent_w[k];
                    break;
                }
            }
        }
        emit(w, cut, cut_w);
        start_row(w, cut);
        return cut;
    }
    best = &w->opp[w->nopp - 1];
    if (!best->allowed) {
        /* Pull a few clusters down with the forbidden one, provided the
         * next row can take them; otherwise break where we are. */
        for (int i = w->nopp - 2; i >= 0; i--) {
            if (reach - w->opp[i].w_next > w->rest) break;
            if (w->opp[i].allowed) {
                best = &w->opp[i];
                break;
            }
        }
    }
    emit(w, best->end, best->w_end);
    next = best->next;
    start_row(w, next);
    return next;
}

/* Overflow inside a run of spaces that started at w->space_start: the row
 * ends where the run starts; returns where scanning resumes, or len. */
static size_t space_overflow(wrapper *w, const cluster *c)
{
    size_t run_end = c->start;
    int run_w = w->width - w->space_w;
    cluster d = {0};

    if (w->space_start == w->row_start) {
        /* Leading spaces (an indent) wider than the row: cut them. */
        emit(w, c->start, w->width);
        start_row(w, c->start);
        return c->start;
    }
    while (run_end < w->len) {
        next_cluster(w, run_end, &d);
        if (d.kind != K_SPACE) break;
        run_w += d.width;
        run_end = d.end;
    }
    if (run_end == w->len || d.kind == K_NL) {
        /* Spaces at the end of a line are simply dropped. */
        emit(w, w->space_start, w->space_w);
        if (run_end == w->len) {
            w->open = 0;
            return w->len;
        }
        start_row(w, d.end);
        w->open = d.end < w->len; /* no row after a final '\n' */
        return d.end;
    }
    add_opportunity(w, w->space_start, run_end, w->space_w, w->space_w + run_w,
                    kinsoku_ok(w->have_prev ? &w->prev : NULL, &d));
    return overflow(w, &d, w->space_w + run_w + d.width);
}

static void wrap_soft(wrapper *w)
{
    size_t pos = 0;

    while (pos < w->len) {
        cluster c;

        next_cluster(w, pos, &c);
        if (c.kind == K_NL) {
            emit(w, c.start, w->width);
            start_row(w, c.end);
            pos = c.end;
            w->open = pos < w->len; /* '\n' ends a row; it does not open one */
            continue;
        }
        if (c.kind == K_SPACE) {
            if (!w->in_space) {
                w->in_space = 1;
                w->space_start = c.start;
                w->space_w = w->width;
            }
            if (w->width + c.width <= w->limit || w->nclusters == 0) {
                w->width += c.width;
                w->nclusters++;
                pos = c.end;
                continue;
            }
            pos = space_overflow(w, &c);
            continue;
        }
        if (w->in_space) {
            /* Spaces that open the row (an indent) are not a break. */
            if (w->space_start > w->row_start)
                add_opportunity(w, w->space_start, c.start, w->space_w, w->width,
                                kinsoku_ok(w->have_prev ? &w->prev : NULL, &c));
            w->in_space = 0;
        } else if (w->have_prev && can_break(&w->prev, &c)) {
            add_opportunity(w, c.start, c.start, w->width, w->width, kinsoku_ok(&w->prev, &c));
        }
        if (w->width + c.width <= w->limit || w->nclusters == 0) {
            /* A cluster wider than the row still goes on an empty row. */
            add_recent(w, &c); /* records the width before c */
            w->width += c.width;
            w->nclusters++;
            w->prev = c;
            w->have_prev = 1;
            pos = c.end;
            continue;
        }
        pos = overflow(w, &c, w->width + c.width);
    }
    if (w->open) emit(w, w->len, w->width);
}

static void wrap_hard(wrapper *w)
{
    size_t pos = 0;

    while (pos < w->len) {
        cluster c;

        next_cluster(w, pos, &c);
        if (c.kind == K_NL) {
            emit(w, c.start, w->width);
            start_row(w, c.end);
            w->open = c.end < w->len;
        } else {
            if (w->width + c.width > w->limit && w->nclusters > 0) {
                emit(w, c.start, w->width);
                start_row(w, c.start);
            }
            w->width += c.width;
            w->nclusters++;
        }
        pos = c.end;
    }
    if (w->open) emit(w, w->len, w->width);
}

int lec_wrap_min_width(const char *text, size_t len, int ambi, int *widest)
{
    wrapper w = {0};
    w.text = text;
    w.len = text ? len : 0;
    w.ambi = ambi;
    int run = 0, best = 0, big = 0, have_prev = 0;
    cluster prev = {0};
    for (size_t pos = 0; pos < w.len;) {
        cluster c;
        next_cluster(&w, pos, &c);
        pos = c.end;
        if (c.width > big) big = c.width;
        if (c.kind != K_OTHER) {
            run = 0;
            have_prev = 0;
            continue;
        }
        if (have_prev && can_break(&prev, &c)) run = 0;
        run += c.width;
        if (run > best) best = run;
        prev = c;
        have_prev = 1;
    }
    if (widest) *widest = big;
    return best;
}

size_t lec_wrap(const char *text, size_t len, int first, int rest, int ambi, int flags,
                lec_wrap_line **rows)
{
    wrapper w = {0};

    w.text = text;
    w.len = text ? len : 0;
    w.ambi = ambi;
    w.rest = rest < 1 ? 1 : rest;
    start_row(&w, 0);
    w.limit = first < 1 ? 1 : first;
    if (flags & LEC_WRAP_HARD)
        wrap_hard(&w);
    else
        wrap_soft(&w);
    if (w.nrows == 0) emit(&w, 0, 0); /* cannot happen, but callers rely on a row */
    *rows = w.rows;
    return w.nrows;
}
