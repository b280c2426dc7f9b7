/*
 * overlay.c - the two screens drawn over the document: the outline (o),
 * a list of every section and point that can be filtered and jumped
 * from, and the help (F1, H), generated from the keymap table.
 *
 * Both move with the keys of the main screen (the keymap's Move
 * requests), so a reader's habits carry over.
 */
#include "tui_priv.h"

#include "lectern/addr.h"
#include "lectern/marker.h"
#include "lectern/search.h"
#include "lectern/utf8.h"
#include "lectern/wrap.h"

#include <stdlib.h>
#include <string.h>

/* A list position after a movement request; returns -1 for other keys. */
static long list_move(tui *t, int key, long cur, long n, long height)
{
    long half = height / 2 > 0 ? height / 2 : 1;
    switch (lec_keys_lookup(key)) {
    case LEC_REQ_DOWN:
        cur++;
        break;
    case LEC_REQ_UP:
        cur--;
        break;
    case LEC_REQ_PAGE_DOWN:
        cur += height;
        break;
    case LEC_REQ_PAGE_UP:
        cur -= height;
        break;
    case LEC_REQ_HALF_DOWN:
        cur += half;
        break;
    case LEC_REQ_HALF_UP:
        cur -= half;
        break;
    case LEC_REQ_TOP:
        cur = 0;
        break;
    case LEC_REQ_BOTTOM:
        cur = n - 1;
        break;
    case LEC_REQ_WHEEL_DOWN:
        if (!t->o->mouse) return -1;
        cur += 3;
        break;
    case LEC_REQ_WHEEL_UP:
        if (!t->o->mouse) return -1;
        cur -= 3;
        break;
    default:
        return -1;
    }
    if (cur >= n) cur = n - 1;
    if (cur < 0) cur = 0;
    return cur;
}

/* The first row to show of n so that row cur is on a screen of
 * `height`, and the screen is full when the list is long enough. */
static long keep_visible(long top, long cur, long n, long height)
{
    if (cur < top) top = cur;
    if (cur >= top + height) top = cur - height + 1;
    if (top > n - height) top = n - height;
    return top < 0 ? 0 : top;
}

/* The status line of an overlay: a left part and a right part. */
static void overlay_status(tui *t, const char *left, const char *right)
{
    if (LINES < 2) return;
    int y = LINES - 1;
    int rw = (int)lec_str_width(right, strlen(right), t->ambi);
    if (rw + 4 > COLS) rw = 0;
    int x = tui_text(t, y, 0, COLS, " ", 1, LOOK_STATUS);
    x = tui_text(t, y, x, COLS - rw - 2, left, strlen(left), LOOK_STATUS);
    tui_fill(t, y, x, COLS, LOOK_STATUS);
    if (rw) tui_text(t, y, COLS - rw - 1, COLS, right, strlen(right), LOOK_STATUS);
}

/* ---- outline ------------------------------------------------------------ */

typedef struct outline {
    uint32_t *shown; /* the nodes the filter leaves, in document order */
    size_t nshown;
    long cur, top;
    lec_buf filter;
    /* Every node's "address marker title", folded for the filter, made
     * on first use: folded text of node id at text + off[id - 1]. */
    char *folded;
    size_t flen, fcap;
    size_t *off;
    int icase; /* the folding of `folded` */
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
 * the folded filter; the cursor stays on its node, or the next shown. */
static void refilter(tui *t, outline *ol)
{
    size_t count = lec_doc_node_count(t->doc);
    uint32_t was = ol->nshown ? ol->shown[ol->cur] : 1;
    char *pat = NULL, *low = NULL;
    size_t plen = 0, pcap = 0, llen = 0, lcap = 0;
    if (ol->filter.len) {
        /* Smart case: a pattern that case folding changes has a capital. */
        lec_search_fold(ol->filter.data, ol->filter.len, 0, &pat, &plen, &pcap);
        lec_search_fold(ol->filter.data, ol->filter.len, 1, &low, &llen, &lcap);
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
        if (ok) ol->shown[ol->nshown++] = id;
    }
    ol->cur = 0;
    while (ol->cur + 1 < (long)ol->nshown && ol->shown[ol->cur] < was)
        ol->cur++;
    free(pat);
    free(low);
}

static void draw_outline(tui *t, void *p)
{
    outline *ol = p;
    int height = LINES > 1 ? LINES - 1 : 1;
    lec_buf s = LEC_BUF_INIT;
    tui_begin(t);
    ol->top = keep_visible(ol->top, ol->cur, (long)ol->nshown, height);
    for (int y = 0; y < height; y++) {
        long i = ol->top + y;
        unsigned base = i == ol->cur ? LOOK_CURSOR : 0;
        int x = 0;
        if (i < (long)ol->nshown) {
            uint32_t id = ol->shown[i];
            int depth = lec_node_depth(t->doc, id);
            for (int d = 1; d < depth && x + 2 <= COLS; d++)
                x = tui_text(t, y, x, COLS, "  ", 2, base);
            lec_buf_reset(&s);
            lec_addr_of(t->doc, id, &s);
            lec_buf_putc(&s, ' ');
            x = tui_text(t, y, x, COLS, s.data, s.len, base);
            size_t ml, tl;
            lec_node_marker(t->doc, id, &ml);
            lec_node_title(t->doc, id, &tl);
            lec_buf_reset(&s);
            heading_text(t->doc, id, &s);
            unsigned title = lec_node_kind_of(t->doc, id) == LEC_NODE_SECTION ? LEC_A_HEADING : 0;
            x = tui_text(t, y, x, COLS, s.data, ml, base | LEC_A_MARKER | title);
            x = tui_text(t, y, x, COLS, s.data + ml, s.len - ml, base | title);
            if (!ml && !tl) x = tui_text(t, y, x, COLS, "(untitled)", 10, base | LEC_A_SUMMARY);
        } else if (i == 0) {
            const char *none = ol->filter.len ? "(nothing matches)" : "(no sections or points)";
            x = tui_text(t, y, x, COLS, none, strlen(none), LEC_A_SUMMARY);
        }
        tui_fill(t, y, x, COLS, base);
    }
    lec_buf_free(&s);
}

static void outline_right(tui *t, void *p, lec_buf *out)
{
    outline *ol = p;
    (void)t;
    lec_buf_printf(out, "%ld/%zu", ol->nshown ? ol->cur + 1 : 0, ol->nshown);
}

static void filter_changed(tui *t, void *p, const char *text)
{
    (void)text;
    refilter(t, p);
}

void tui_outline(tui *t)
{
    outline ol;
    memset(&ol, 0, sizeof ol);
    size_t count = lec_doc_node_count(t->doc);
    ol.shown = lec_xmalloc((count ? count : 1) * sizeof *ol.shown);
    uint32_t here = lec_view_current(t->v);
    refilter(t, &ol);
    while (ol.cur + 1 < (long)ol.nshown && ol.shown[ol.cur] < here)
        ol.cur++;
    int height = LINES > 1 ? LINES - 1 : 1;
    ol.top = ol.cur - height / 3 > 0 ? ol.cur - height / 3 : 0;
    static const prompt_ops ops = {filter_changed, draw_outline, outline_right};
    lec_buf right = LEC_BUF_INIT, left = LEC_BUF_INIT;

    for (;;) {
        draw_outline(t, &ol);
        lec_buf_reset(&right);
        outline_right(t, &ol, &right);
        lec_buf_reset(&left);
        if (ol.filter.len)
            lec_buf_printf(&left, "/%s  (Esc clears)", ol.filter.data);
        else if (COLS >= 44 + (int)right.len + 3)
            lec_buf_puts(&left, "Outline: Enter goes, / filters, Esc closes");
        else
            lec_buf_puts(&left, "Outline");
        overlay_status(t, left.data, right.data);
        tui_refresh(-1, -1);

        int key = tui_key(t);
        if (key < 0) break;
        height = LINES > 1 ? LINES - 1 : 1;
        long c = list_move(t, key, ol.cur, (long)ol.nshown, height);
        if (c >= 0) {
            ol.cur = c;
            continue;
        }
        if (key == LEC_KEY_RESIZE) {
            tui_resized(t);
        } else if (key == LEC_KEY_ENTER || key == 'l' || key == LEC_KEY_RIGHT) {
            if (ol.nshown) lec_view_goto_node(t->v, ol.shown[ol.cur]);
            break;
        } else if (key == '/') {
            int rc = tui_prompt(t, "/", &ol.filter, &ops, &ol);
            if (rc < 0) break;
            if (rc == 0) { /* Esc: the filter goes */
                lec_buf_reset(&ol.filter);
                refilter(t, &ol);
            }
        } else if (key == LEC_KEY_ESC && ol.filter.len) {
            lec_buf_reset(&ol.filter);
            refilter(t, &ol);
        } else if (key == LEC_KEY_ESC || key == 'q' || key == 'o' ||
                   lec_keys_lookup(key) == LEC_REQ_OUTLINE) {
            break;
        } else if (key == LEC_KEY_CTRL('c')) {
            t->quit = 1;
            break;
        }
    }
    lec_buf_free(&right);
    lec_buf_free(&left);
    lec_buf_free(&ol.filter);
    free(ol.shown);
    free(ol.folded);
    free(ol.off);
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

static void draw_help(tui *t, const lec_buf *h, const hrow *rows, size_t nrows, long top)
{
    int height = LINES > 1 ? LINES - 1 : 1;
    tui_begin(t);
    for (int y = 0; y < height; y++) {
        size_t i = (size_t)top + (size_t)y;
        int x = 0;
        if (i < nrows) {
            const hrow *r = &rows[i];
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

void tui_help(tui *t)
{
    lec_buf h = LEC_BUF_INIT;
    lec_keys_help(&h);
    hrow *rows = NULL;
    size_t nrows = help_layout(t, &h, &rows);
    long top = 0;
    char right[32];
    for (;;) {
        int height = LINES > 1 ? LINES - 1 : 1;
        long last = (long)nrows - height > 0 ? (long)nrows - height : 0;
        if (top > last) top = last;
        draw_help(t, &h, rows, nrows, top);
        long pct =
            nrows ? ((top + height < (long)nrows ? top + height : (long)nrows) * 100) / (long)nrows
                  : 100;
        snprintf(right, sizeof right, "%ld%%", pct);
        overlay_status(t, "Help: q or Esc closes", right);
        tui_refresh(-1, -1);

        int key = tui_key(t);
        if (key < 0) break;
        if (key == LEC_KEY_RESIZE) {
            tui_resized(t);
            free(rows);
            rows = NULL;
            nrows = help_layout(t, &h, &rows);
            continue;
        }
        /* The list moves as a page: its "cursor" is the top row. */
        int req = lec_keys_lookup(key);
        long c = -1;
        if (req == LEC_REQ_DOWN || req == LEC_REQ_UP || req == LEC_REQ_WHEEL_DOWN ||
            req == LEC_REQ_WHEEL_UP || req == LEC_REQ_TOP || req == LEC_REQ_BOTTOM ||
            req == LEC_REQ_PAGE_DOWN || req == LEC_REQ_PAGE_UP || req == LEC_REQ_HALF_DOWN ||
            req == LEC_REQ_HALF_UP)
            c = list_move(t, key, top, last + 1, height);
        if (c >= 0) {
            top = c;
        } else if (key == LEC_KEY_CTRL('c')) {
            t->quit = 1;
            break;
        } else if (key == 'q' || key == LEC_KEY_ESC || req == LEC_REQ_HELP || req == LEC_REQ_QUIT) {
            break;
        }
    }
    free(rows);
    lec_buf_free(&h);
}
