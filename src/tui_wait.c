/*
 * tui_wait.c - the screen shown while the document itself is still being
 * made (t->first): libcmark takes minutes on some inputs (thousands of
 * unclosed link openers), and the reader must see something and be able
 * to leave at once.  It shows the raw text, line by line, and becomes the
 * document screen when the document is there.
 */
#include "tui_priv.h"

#include <stdlib.h>
#include <string.h>

typedef struct waiting {
    const char *raw;
    size_t len;
    size_t top; /* the byte offset of the first line shown */
} waiting;

static void wait_draw(tui *t, screen *s)
{
    waiting *w = s->data;
    size_t i = w->top;
    for (int y = 0; y < tui_height(); y++) {
        int x = 0;
        if (i < w->len) {
            const char *nl = memchr(w->raw + i, '\n', w->len - i);
            size_t n = nl ? (size_t)(nl - (w->raw + i)) : w->len - i;
            x = tui_text(t, y, 0, COLS, w->raw + i, n, 0);
            i += n + (nl != NULL);
        }
        tui_fill(t, y, x, COLS, 0);
    }
}

static int wait_status(tui *t, screen *s)
{
    (void)s;
    if (LINES < 2) return -1;
    const char *say = t->msg.len ? t->msg.data
                                 : "parsing the document (libcmark is slow on it): q quits";
    int x = tui_text(t, LINES - 1, 0, COLS, " ", 1, LOOK_STATUS);
    x = tui_text(t, LINES - 1, x, COLS, say, strlen(say), LOOK_STATUS);
    tui_fill(t, LINES - 1, x, COLS, LOOK_STATUS);
    return -1;
}

/* The raw text moves by lines; everything else waits for the document. */
static int wait_request(tui *t, screen *s, lec_request req, long count)
{
    waiting *w = s->data;
    long n = count > 0 ? count : 1;
    switch (req) {
    case LEC_REQ_DOWN:
    case LEC_REQ_PAGE_DOWN:
        if (req == LEC_REQ_PAGE_DOWN) n *= tui_height();
        while (n-- > 0 && w->top < w->len) {
            const char *nl = memchr(w->raw + w->top, '\n', w->len - w->top);
            if (!nl || (size_t)(nl + 1 - w->raw) >= w->len) break;
            w->top = (size_t)(nl + 1 - w->raw);
        }
        return SCREEN_DONE;
    case LEC_REQ_UP:
    case LEC_REQ_PAGE_UP:
        if (req == LEC_REQ_PAGE_UP) n *= tui_height();
        while (n-- > 0 && w->top > 0) {
            size_t i = w->top - 1;
            while (i > 0 && w->raw[i - 1] != '\n')
                i--;
            w->top = i;
        }
        return SCREEN_DONE;
    case LEC_REQ_TOP:
        w->top = 0;
        return SCREEN_DONE;
    case LEC_REQ_QUIT:
    case LEC_REQ_QUIT_ALL:
    case LEC_REQ_CANCEL:
        tui_leave(t, LEC_TUI_QUIT);
        return SCREEN_DONE;
    case LEC_REQ_HELP:
    case LEC_REQ_REDRAW:
    case LEC_REQ_SUSPEND:
        return SCREEN_PASS;
    default:
        tui_message(t, 0, "still parsing the document: this waits for it (q quits)");
        return SCREEN_DONE;
    }
}

/* Every tenth of a second: is the document there? */
static int wait_tick(tui *t, screen *s)
{
    if (!t->first || !lec_later_ready(t->first)) return 100;
    char *why;
    lec_doc *d = lec_later_take(t->first, &why);
    t->first = NULL;
    free(s->data);
    if (!d) {
        /* (It cannot fail but by running out of memory, which exits.) */
        t->failed = why ? why : lec_xstrndup("cannot be read", 14);
        t->quit = 1;
        s->data = NULL;
        return -1;
    }
    free(why);
    t->doc = d;
    t->doc_owned = 1;
    t->v = lec_view_new(d, tui_text_cols(t), t->rows, t->ambi);
    lec_buf_reset(&t->msg);
    tui_place_recall(t);
    tui_doc_become(t, s);
    return s->tick_ms;
}

static void wait_close(tui *t, screen *s)
{
    (void)t;
    free(s->data);
}

static const screen_ops wait_ops = {
    .name = "waiting",
    .draw = wait_draw,
    .status = wait_status,
    .request = wait_request,
    .tick = wait_tick,
    .close = wait_close,
};

void tui_wait_open(tui *t)
{
    waiting *w = lec_xcalloc(1, sizeof *w);
    w->raw = t->o->raw ? t->o->raw : "";
    w->len = t->o->raw ? t->o->raw_len : 0;
    screen *s = tui_push(t, &wait_ops, w);
    s->tick_ms = 100;
}
