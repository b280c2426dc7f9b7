/*
 * list.c - the list screen: rows given by their owner (list_ops), a
 * cursor moved by the Move requests (with counts, as everywhere), a
 * filter typed after / in a prompt, Enter to open a row.  The outline,
 * the library and the search results are lists.
 */
#include "tui_priv.h"

#include "lectern/options.h"

#include <stdlib.h>
#include <string.h>

long tui_list_move(tui *t, lec_request req, long count, long cur, long n, long height)
{
    long k = count > 0 ? count : 1;
    long half = height / 2 > 0 ? height / 2 : 1;
    switch (req) {
    case LEC_REQ_DOWN:
        cur += k;
        break;
    case LEC_REQ_UP:
        cur -= k;
        break;
    case LEC_REQ_PAGE_DOWN:
        cur += k * height;
        break;
    case LEC_REQ_PAGE_UP:
        cur -= k * height;
        break;
    case LEC_REQ_HALF_DOWN:
        cur += k * half;
        break;
    case LEC_REQ_HALF_UP:
        cur -= k * half;
        break;
    case LEC_REQ_TOP:
    case LEC_REQ_BOTTOM:
        /* With a count, row N (1-based), as 100G and 100g in vim and
         * less; without, the first or the last row. */
        cur = count > 0 ? count - 1 : req == LEC_REQ_TOP ? 0 : n - 1;
        break;
    case LEC_REQ_WHEEL_DOWN:
        if (t->o->mouse) cur += 3 * k;
        break;
    case LEC_REQ_WHEEL_UP:
        if (t->o->mouse) cur -= 3 * k;
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

static long count(const tui_list *l)
{
    return (long)l->ops->count(l->ctx);
}

void tui_list_changed(tui *t, tui_list *l)
{
    (void)t;
    long n = count(l);
    if (l->cur >= n) l->cur = n - 1;
    if (l->cur < 0) l->cur = 0;
}

/* The rows the list has on the screen (below its heading). */
static int list_height(const tui_list *l)
{
    int h = tui_height() - (l->ops->header ? 1 : 0);
    return h > 0 ? h : 1;
}

static void list_draw(tui *t, screen *s)
{
    tui_list *l = s->data;
    int height = list_height(l), y0 = 0;
    if (l->ops->header && tui_height() > 1) {
        l->ops->header(t, l->ctx, 0);
        y0 = 1;
    }
    long n = count(l);
    l->top = keep_visible(l->top, l->cur, n, height);
    for (int y = y0; y < y0 + height && y < tui_height(); y++) {
        long i = l->top + y - y0;
        unsigned base = i == l->cur ? LOOK_CURSOR : 0;
        int x = 0;
        if (i < n) {
            x = l->ops->draw_row(t, l->ctx, (size_t)i, y, base);
        } else if (i == 0) {
            const char *none = l->ops->empty(l->ctx, l->filter.len > 0);
            x = tui_text(t, y, x, COLS, none, strlen(none), LEC_A_SUMMARY);
        }
        tui_fill(t, y, x, COLS, base);
        /* The terminal's cursor marks the cursor row, as in the document
         * (--cursor-row terminal, tui_draw_rows), unless it is drawn in
         * the theme's cursor look. */
        if (i == l->cur && i < n && t->o->cursor_row != LEC_CURSOR_ROW_HIGHLIGHT)
            tui_show_cursor(t, y, 0);
    }
}

static void status_text(tui *t, tui_list *l, lec_buf *left, lec_buf *right)
{
    if (l->ops->status) l->ops->status(t, l->ctx, l, left, right);
    if (t->msg.len) { /* a message, until the next key */
        lec_buf_reset(left);
        lec_buf_puts(left, t->msg.data);
    } else if (l->filter.len) {
        lec_buf_reset(left);
        lec_buf_printf(left, "/%s  (Esc clears)", l->filter.data);
    }
}

static int list_status(tui *t, screen *s)
{
    tui_list *l = s->data;
    lec_buf left = LEC_BUF_INIT, right = LEC_BUF_INIT;
    status_text(t, l, &left, &right);
    tui_status_line(t, left.data ? left.data : "", right.data ? right.data : "");
    lec_buf_free(&left);
    lec_buf_free(&right);
    return -1;
}

static void refilter(tui *t, tui_list *l)
{
    l->cur = (long)l->ops->filter(t, l->ctx, l->filter.data ? l->filter.data : "",
                                  l->cur > 0 ? (size_t)l->cur : 0);
    tui_list_changed(t, l);
}

/* ---- the filter prompt --------------------------------------------------- */

static void filter_changed(tui *t, void *ctx, const char *text)
{
    tui_list *l = ctx;
    lec_buf_reset(&l->filter);
    lec_buf_puts(&l->filter, text);
    refilter(t, l);
}

static void filter_right(tui *t, void *ctx, lec_buf *out)
{
    lec_buf left = LEC_BUF_INIT;
    tui_list *l = ctx;
    if (l->ops->status) l->ops->status(t, l->ctx, l, &left, out);
    lec_buf_free(&left);
}

static void filter_done(tui *t, void *ctx, int rc, const char *text)
{
    (void)text;
    tui_list *l = ctx;
    if (rc == 0) { /* Esc: the filter goes */
        lec_buf_reset(&l->filter);
        refilter(t, l);
    } else if (rc == 1 && count(l) > 0) {
        /* One Enter: the filter stays and the row under the cursor opens. */
        if (l->ops->open(t, l->ctx, l->cur)) tui_pop(t);
    }
}

/* The cursor moves while the filter is typed. */
static void filter_move(tui *t, void *ctx, int dir)
{
    tui_list *l = ctx;
    long n = count(l);
    l->cur += dir;
    if (l->cur >= n) l->cur = n - 1;
    if (l->cur < 0) l->cur = 0;
    (void)t;
}

static const prompt_ops filter_prompt = {filter_changed, filter_right, filter_done, NULL, 0, filter_move};

/* ---- requests ------------------------------------------------------------- */

static int list_request(tui *t, screen *s, lec_request req, long cnt)
{
    tui_list *l = s->data;
    long n = count(l);
    long c = tui_list_move(t, req, cnt, l->cur, n, list_height(l));
    if (c >= 0) {
        l->cur = c;
        return SCREEN_DONE;
    }
    /* The owner's first: it may close the list (then l is gone). */
    if (l->ops->request && l->ops->request(t, l->ctx, l, req, cnt) == SCREEN_DONE)
        return SCREEN_DONE;
    switch (req) {
    case LEC_REQ_ENTER:
        if (l->ops->open(t, l->ctx, n ? l->cur : -1)) tui_pop(t);
        return SCREEN_DONE;
    case LEC_REQ_SEARCH_FWD:
    case LEC_REQ_SEARCH_BACK:
        if (!l->ops->filter) {
            tui_message(t, 1, "this list cannot be filtered");
            return SCREEN_DONE;
        }
        tui_prompt_open(t, "/", l->filter.data, &filter_prompt, l);
        return SCREEN_DONE;
    case LEC_REQ_CANCEL:
        if (l->filter.len) {
            lec_buf_reset(&l->filter);
            refilter(t, l);
        } else {
            tui_pop(t);
        }
        return SCREEN_DONE;
    default:
        break;
    }
    return SCREEN_PASS;
}

static int list_tick(tui *t, screen *s)
{
    tui_list *l = s->data;
    return l->ops->tick ? l->ops->tick(t, l->ctx, l) : -1;
}

static void list_close(tui *t, screen *s)
{
    tui_list *l = s->data;
    if (l->ops->close) l->ops->close(t, l->ctx);
    lec_buf_free(&l->filter);
    free(l);
}

static const screen_ops list_screen = {
    .name = "list",
    .draw = list_draw,
    .status = list_status,
    .request = list_request,
    .tick = list_tick,
    .close = list_close,
};

tui_list *tui_list_open(tui *t, const list_ops *ops, void *ctx, long cur)
{
    tui_list *l = lec_xcalloc(1, sizeof *l);
    l->ops = ops;
    l->ctx = ctx;
    l->cur = cur;
    int height = list_height(l);
    l->top = cur - height / 3 > 0 ? cur - height / 3 : 0;
    tui_list_changed(t, l);
    l->scr = tui_push(t, &list_screen, l);
    return l;
}
