/*
 * overlay.c - the two screens opened over the document: the outline (o),
 * a list (list.c) of every section and point that can be filtered and
 * jumped from, and the help (F1, H), generated from the keymap table.
 *
 * Both move with the keys of the document screen (the keymap's Move
 * requests, counts included), so a reader's habits carry over.  With a
 * search, the outline shows how many matches each node holds (view.h:
 * lec_view_hits); n and N go to the next and previous row with any, and
 * Tab keeps only those rows (Tab again: all).
 */
#include "tui_priv.h"

#include "lectern/addr.h"
#include "lectern/marker.h"
#include "lectern/search.h"
#include "lectern/utf8.h"
#include "lectern/wrap.h"

#include <stdlib.h>
#include <string.h>

/* ---- outline ------------------------------------------------------------ */

typedef struct outline {
    uint32_t *shown; /* the nodes the filter leaves, in document order */
    size_t nshown;
    /* Every node's "address marker title", folded for the filter, made
     * on first use: folded text of node id at text + off[id - 1]. */
    char *folded;
    size_t flen, fcap;
    size_t *off;
    int icase; /* the folding of `folded` */
    int hits;      /* a search has matches: rows show their counts */
    int only_hits; /* Tab: only the nodes with hits are shown */
} outline;

/* Marker and title as one string, as --toc writes them. */
static void heading_text(const lec_doc *doc, uint32_t id, lec_buf *out)
{
    size_t ml, tl;
    const char *m = lec_node_marker(doc, id, &ml);
    const char *ti = lec_node_title(doc, id, &tl);
    lec_buf_put(out, m, ml);
    if (ml && tl && lec_marker_spaced(m, ml)) lec_buf_putc(out, ' ');
    lec_buf_put(out, ti, tl);
}

static void fold_all(tui *t, outline *ol, int icase)
{
    size_t count = lec_doc_node_count(t->doc);
    lec_buf s = LEC_BUF_INIT;
    ol->flen = 0;
    if (!ol->off) ol->off = lec_xmalloc(count * sizeof *ol->off);
    for (uint32_t id = 1; id < count; id++) {
        lec_buf_reset(&s);
        lec_addr_of(t->doc, id, &s);
        lec_buf_putc(&s, ' ');
        heading_text(t->doc, id, &s);
        ol->off[id - 1] = ol->flen;
        lec_search_fold(s.data, s.len, icase, &ol->folded, &ol->flen, &ol->fcap);
        /* A NUL ends each text (folded text has none). */
        if (ol->flen + 1 > ol->fcap) {
            ol->fcap = (ol->flen + 1) * 2;
            ol->folded = lec_xrealloc(ol->folded, ol->fcap);
        }
        ol->folded[ol->flen++] = 0;
    }
    ol->icase = icase;
    lec_buf_free(&s);
}

/* Narrows the list to the nodes whose folded text holds every word of
 * the folded filter; the cursor stays on its node (row cur), or goes to
 * the next shown. */
static size_t outline_filter(tui *t, void *p, const char *filter, size_t cur)
{
    outline *ol = p;
    size_t count = lec_doc_node_count(t->doc);
    uint32_t was = ol->nshown ? ol->shown[cur] : 1;
    size_t flen = strlen(filter);
    char *pat = NULL, *low = NULL;
    size_t plen = 0, pcap = 0, llen = 0, lcap = 0;
    if (flen) {
        /* Smart case: a pattern that case folding changes has a capital. */
        lec_search_fold(filter, flen, 0, &pat, &plen, &pcap);
        lec_search_fold(filter, flen, 1, &low, &llen, &lcap);
        int icase = llen == plen && memcmp(pat, low, plen) == 0;
        if (!ol->folded || ol->icase != icase) fold_all(t, ol, icase);
        pat = lec_xrealloc(pat, plen + 1);
        pat[plen] = 0;
    }
    ol->nshown = 0;
    for (uint32_t id = 1; id < count; id++) {
        int ok = 1;
        if (pat) {
            const char *text = ol->folded + ol->off[id - 1];
            for (char *w = pat; ok && *w;) {
                size_t n = strcspn(w, " ");
                if (n) {
                    char save = w[n];
                    w[n] = 0;
                    ok = strstr(text, w) != NULL;
                    w[n] = save;
                }
                w += n;
                while (*w == ' ')
                    w++;
            }
        }
        if (ok && ol->only_hits && !lec_view_hits(t->v, id)) ok = 0;
        if (ok) ol->shown[ol->nshown++] = id;
    }
    size_t c = 0;
    while (c + 1 < ol->nshown && ol->shown[c] < was)
        c++;
    free(pat);
    free(low);
    return c;
}

static size_t outline_count(void *p)
{
    outline *ol = p;
    return ol->nshown;
}

static int outline_row(tui *t, void *p, size_t i, int y, unsigned base)
{
    outline *ol = p;
    lec_buf s = LEC_BUF_INIT;
    int x = 0;
    uint32_t id = ol->shown[i];
    int depth = lec_node_depth(t->doc, id);
    /* The hits at the right end ("二、… 12"); the heading is cut before
     * them (on a screen too narrow for both, the heading wins). */
    char num[24] = "";
    size_t hits = ol->hits ? lec_view_hits(t->v, id) : 0;
    if (hits) snprintf(num, sizeof num, "%zu", hits);
    int nw = (int)strlen(num), maxx = COLS;
    if (nw && COLS >= 2 * (nw + 1) + 4)
        maxx = COLS - nw - 1;
    else
        nw = 0;
    for (int d = 1; d < depth && x + 2 <= maxx; d++)
        x = tui_text(t, y, x, maxx, "  ", 2, base);
    lec_addr_of(t->doc, id, &s);
    lec_buf_putc(&s, ' ');
    x = tui_text(t, y, x, maxx, s.data, s.len, base);
    size_t ml, tl;
    lec_node_marker(t->doc, id, &ml);
    lec_node_title(t->doc, id, &tl);
    lec_buf_reset(&s);
    heading_text(t->doc, id, &s);
    unsigned title = lec_node_kind_of(t->doc, id) == LEC_NODE_SECTION ? LEC_A_HEADING : 0;
    /* A title too long for the row is cut where an ellipsis still fits. */
    size_t keep = s.len;
    int cut = x + (int)lec_str_width(s.data, s.len, t->ambi) > maxx;
    if (cut) keep = tui_cut(t, s.data, s.len, maxx - x - (int)lec_str_width("…", 3, t->ambi), NULL);
    x = tui_text(t, y, x, maxx, s.data, ml < keep ? ml : keep, base | LEC_A_MARKER | title);
    if (keep > ml) x = tui_text(t, y, x, maxx, s.data + ml, keep - ml, base | title);
    if (cut) x = tui_text(t, y, x, maxx, "…", 3, base | title);
    if (!ml && !tl) x = tui_text(t, y, x, maxx, "(untitled)", 10, base | LEC_A_SUMMARY);
    lec_buf_free(&s);
    if (nw) {
        tui_fill(t, y, x, COLS - nw, base);
        x = tui_text(t, y, COLS - nw, COLS, num, (size_t)nw, base | LEC_A_SUMMARY | LEC_A_STRONG);
    }
    return x;
}

static const char *outline_empty(void *p, int filtered)
{
    (void)p;
    return filtered ? "(nothing matches)" : "(no sections or points)";
}

static void outline_status(tui *t, void *p, const tui_list *l, lec_buf *left, lec_buf *right)
{
    outline *ol = p;
    (void)t;
    lec_buf_printf(right, "%ld/%zu", ol->nshown ? l->cur + 1 : 0, ol->nshown);
    if (ol->only_hits && COLS >= 37 + (int)right->len + 3)
        lec_buf_puts(left, "Outline: the rows with hits (Tab: all)");
    else if (ol->hits && COLS >= 48 + (int)right->len + 3)
        lec_buf_puts(left, "Outline: n next hit, Tab only hits, Esc closes");
    else if (!ol->hits && COLS >= 44 + (int)right->len + 3)
        lec_buf_puts(left, "Outline: Enter goes, / filters, Esc closes");
    else
        lec_buf_puts(left, "Outline");
}

static int outline_open(tui *t, void *p, long i)
{
    outline *ol = p;
    lec_vpos before = lec_view_tell(t->v);
    if (i >= 0) lec_view_goto_node(t->v, ol->shown[i]);
    tui_jumped(t, before);
    return 1;
}

/* o again closes the outline; with a search, n and N go to the next and
 * previous row with hits, Tab shows only those rows or all again. */
static int outline_request(tui *t, void *p, tui_list *l, lec_request req, long count)
{
    outline *ol = p;
    switch (req) {
    case LEC_REQ_OUTLINE:
        tui_pop(t);
        return SCREEN_DONE;
    case LEC_REQ_SEARCH_NEXT:
    case LEC_REQ_SEARCH_PREV: {
        if (!ol->hits) {
            tui_message(t, 1, "no search: the outline shows hits after / or ?");
            return SCREEN_DONE;
        }
        int dir = req == LEC_REQ_SEARCH_NEXT ? 1 : -1;
        for (long n = count > 0 ? count : 1; n > 0; n--) {
            long c = l->cur + dir;
            while (c >= 0 && c < (long)ol->nshown && !lec_view_hits(t->v, ol->shown[c]))
                c += dir;
            if (c < 0 || c >= (long)ol->nshown) {
                tui_message(t, 1, dir > 0 ? "no hits below" : "no hits above");
                break;
            }
            l->cur = c;
        }
        return SCREEN_DONE;
    }
    case LEC_REQ_FOLD_TOGGLE: {
        if (!ol->hits) {
            tui_message(t, 1, "no search: the outline shows hits after / or ?");
            return SCREEN_DONE;
        }
        ol->only_hits = !ol->only_hits;
        l->cur = (long)outline_filter(t, ol, l->filter.data ? l->filter.data : "",
                                      l->cur > 0 ? (size_t)l->cur : 0);
        tui_list_changed(t, l);
        return SCREEN_DONE;
    }
    default:
        return SCREEN_PASS;
    }
}

static void outline_close(tui *t, void *p)
{
    (void)t;
    outline *ol = p;
    free(ol->shown);
    free(ol->folded);
    free(ol->off);
    free(ol);
}

static const list_ops outline_list = {
    .name = "outline",
    .count = outline_count,
    .draw_row = outline_row,
    .empty = outline_empty,
    .filter = outline_filter,
    .open = outline_open,
    .status = outline_status,
    .request = outline_request,
    .close = outline_close,
};

void tui_outline(tui *t)
{
    outline *ol = lec_xcalloc(1, sizeof *ol);
    size_t count = lec_doc_node_count(t->doc);
    ol->shown = lec_xmalloc((count ? count : 1) * sizeof *ol->shown);
    uint32_t here = lec_view_current(t->v);
    ol->hits = lec_view_hits(t->v, 0) > 0;
    outline_filter(t, ol, "", 0);
    size_t cur = 0;
    while (cur + 1 < ol->nshown && ol->shown[cur] < here)
        cur++;
    tui_list_open(t, &outline_list, ol, (long)cur);
}

/* ---- help --------------------------------------------------------------- */

/* A row of the help screen: keys (drawn from column 2) and text (from
 * column x), as bytes of the help text. */
typedef struct hrow {
    size_t key, nkey, text, ntext;
    int x;
    unsigned look;
} hrow;

static hrow *add_row(hrow **rows, size_t *n, size_t *cap)
{
    LEC_GROW(*rows, *cap, *n + 1);
    hrow *r = &(*rows)[(*n)++];
    memset(r, 0, sizeof *r);
    return r;
}

/* Lays the help text out at the screen's width: keys in a column, what
 * they do wrapped beside them. */
static size_t help_layout(tui *t, const lec_buf *h, hrow **rows)
{
    size_t n = 0, cap = 0;
    int keyw = 0;
    for (size_t i = 0; i < h->len;) {
        size_t e = strcspn(h->data + i, "\n");
        const char *tab = memchr(h->data + i, '\t', e);
        if (tab) {
            int w = (int)lec_str_width(h->data + i, (size_t)(tab - (h->data + i)), t->ambi);
            if (w > keyw) keyw = w;
        }
        i += e + 1;
    }
    if (keyw > COLS / 3) keyw = COLS / 3;

    for (size_t i = 0; i < h->len;) {
        size_t e = strcspn(h->data + i, "\n");
        const char *line = h->data + i;
        const char *tab = memchr(line, '\t', e);
        size_t ts = 0, nkey = 0; /* where the text starts; bytes of keys */
        int x = 2;
        unsigned look = 0;
        if (tab) {
            nkey = (size_t)(tab - line);
            ts = nkey + 1;
            x = 2 + keyw + 2;
        } else if (line[0] != ' ') { /* a title, after a blank row */
            if (n) add_row(rows, &n, &cap);
            x = 0;
            look = LEC_A_HEADING;
        } else {
            while (ts < e && line[ts] == ' ')
                ts++;
        }
        if (nkey && (int)lec_str_width(line, nkey, t->ambi) > keyw) {
            /* Keys wider than their column: the text goes below them. */
            hrow *r = add_row(rows, &n, &cap);
            r->key = i;
            r->nkey = nkey;
            nkey = 0;
        }
        lec_wrap_line *wl;
        int width = COLS - x > 8 ? COLS - x : 8;
        size_t nl = lec_wrap(line + ts, e - ts, width, width, t->ambi, 0, &wl);
        for (size_t k = 0; k < nl; k++) {
            hrow *r = add_row(rows, &n, &cap);
            if (k == 0) {
                r->key = i;
                r->nkey = nkey;
            }
            r->text = i + ts + wl[k].start;
            r->ntext = wl[k].end - wl[k].start;
            r->x = x;
            r->look = look;
        }
        free(wl);
        i += e + 1;
    }
    return n;
}

typedef struct help {
    lec_buf h;  /* the help text (lec_keys_help) */
    hrow *rows; /* laid out at the screen's width */
    size_t nrows;
    long top; /* the first row shown: the page moves, it has no cursor */
} help;

/* The last row that can be the first shown. */
static long help_last(const help *hp)
{
    long height = tui_height();
    return (long)hp->nrows - height > 0 ? (long)hp->nrows - height : 0;
}

static void help_draw(tui *t, screen *s)
{
    help *hp = s->data;
    const lec_buf *h = &hp->h;
    int height = tui_height();
    if (hp->top > help_last(hp)) hp->top = help_last(hp);
    for (int y = 0; y < height; y++) {
        size_t i = (size_t)hp->top + (size_t)y;
        int x = 0;
        if (i < hp->nrows) {
            const hrow *r = &hp->rows[i];
            if (r->nkey) {
                tui_fill(t, y, 0, 2, 0);
                x = tui_text(t, y, 2, COLS, h->data + r->key, r->nkey, LEC_A_STRONG);
            }
            if (r->ntext) {
                if (x < r->x && r->x < COLS) {
                    tui_fill(t, y, x, r->x, 0);
                    x = r->x;
                }
                x = tui_text(t, y, x, COLS, h->data + r->text, r->ntext, r->look);
            }
        }
        tui_fill(t, y, x, COLS, 0);
    }
}

static int help_status(tui *t, screen *s)
{
    help *hp = s->data;
    long height = tui_height(), n = (long)hp->nrows;
    long pct = n ? ((hp->top + height < n ? hp->top + height : n) * 100) / n : 100;
    char right[32];
    snprintf(right, sizeof right, "%ld%%", pct);
    tui_status_line(t, "Help: q or Esc closes", right);
    return -1;
}

static int help_request(tui *t, screen *s, lec_request req, long count)
{
    help *hp = s->data;
    long c = tui_list_move(t, req, count, hp->top, help_last(hp) + 1, tui_height());
    if (c >= 0) {
        hp->top = c;
        return SCREEN_DONE;
    }
    if (req == LEC_REQ_HELP || req == LEC_REQ_CANCEL || req == LEC_REQ_QUIT) {
        tui_pop(t);
        return SCREEN_DONE;
    }
    return SCREEN_PASS;
}

static void help_resize(tui *t, screen *s)
{
    help *hp = s->data;
    free(hp->rows);
    hp->rows = NULL;
    hp->nrows = help_layout(t, &hp->h, &hp->rows);
}

static void help_close(tui *t, screen *s)
{
    (void)t;
    help *hp = s->data;
    free(hp->rows);
    lec_buf_free(&hp->h);
    free(hp);
}

static const screen_ops help_screen = {
    .name = "help",
    .draw = help_draw,
    .status = help_status,
    .request = help_request,
    .resize = help_resize,
    .close = help_close,
};

/* The help text of keys.h with the action's name and what it does as
 * one text: "keys\tname   what it does". */
static void help_text(lec_buf *out)
{
    lec_buf h = LEC_BUF_INIT;
    lec_keys_help(&h);
    for (size_t i = 0; i < h.len;) {
        const char *line = h.data + i;
        size_t n = strcspn(line, "\n");
        const char *tab = memchr(line, '\t', n);
        const char *tab2 = tab ? memchr(tab + 1, '\t', n - (size_t)(tab + 1 - line)) : NULL;
        if (tab2) {
            int name = (int)(tab2 - tab - 1);
            lec_buf_put(out, line, (size_t)(tab + 1 - line));
            lec_buf_printf(out, "%-13.*s %.*s\n", name, tab + 1,
                           (int)(n - (size_t)(tab2 + 1 - line)), tab2 + 1);
        } else {
            lec_buf_put(out, line, n);
            lec_buf_putc(out, '\n');
        }
        i += n + 1;
    }
    lec_buf_free(&h);
}

void tui_help(tui *t)
{
    help *hp = lec_xcalloc(1, sizeof *hp);
    help_text(&hp->h);
    hp->nrows = help_layout(t, &hp->h, &hp->rows);
    tui_push(t, &help_screen, hp);
}
