/*
 * prompt.c - the bottom-line editor (/ ? : and the outline's filter), and
 * the two prompts of the main screen: incremental search and go to.
 *
 * While a prompt is open the terminal's cursor is shown where the next
 * character goes: Chinese is typed through an input method, whose window
 * follows that cursor.
 */
#include "tui_priv.h"

#include "lectern/utf8.h"

#include <string.h>

/* The byte offset of the cluster before / after pos. */
static size_t prev_cluster(const tui *t, const lec_buf *b, size_t pos)
{
    size_t i = 0, last = 0;
    while (i < pos) {
        last = i;
        i += lec_grapheme(b->data + i, b->len - i, t->ambi, NULL);
    }
    return last;
}

static size_t next_cluster(const tui *t, const lec_buf *b, size_t pos)
{
    if (pos >= b->len) return b->len;
    return pos + lec_grapheme(b->data + pos, b->len - pos, t->ambi, NULL);
}

static void cut_bytes(lec_buf *b, size_t from, size_t to)
{
    memmove(b->data + from, b->data + to, b->len - to + 1);
    b->len -= to - from;
}

static int is_space_at(const lec_buf *b, size_t i)
{
    int32_t cp;
    lec_utf8_decode(b->data + i, b->len - i, &cp);
    return lec_cp_is_space(cp);
}

/* Draws the prompt line; returns the screen column of the edit cursor. */
static int draw_line(tui *t, const char *lead, const lec_buf *text, size_t pos,
                     const prompt_ops *ops, void *ctx)
{
    int y = LINES - 1;
    lec_buf right = LEC_BUF_INIT;
    if (ops->right) ops->right(t, ctx, &right);
    int rw = right.len ? (int)lec_str_width(right.data, right.len, t->ambi) + 2 : 0;
    if (rw > COLS / 2) rw = 0;
    int avail = COLS - rw;
    int lw = (int)lec_str_width(lead, strlen(lead), t->ambi);

    /* Scroll the text sideways so the cursor (one more cell) is seen.
     * The cursor can be inside a cluster (a joiner or a combining mark
     * typed in front of text joins it to what follows): a step never
     * goes past it. */
    size_t off = 0;
    while (off < pos && lw + (int)lec_str_width(text->data + off, pos - off, t->ambi) + 1 > avail) {
        size_t next = next_cluster(t, text, off);
        off = next < pos ? next : pos;
    }

    int x = tui_text(t, y, 0, avail, lead, strlen(lead), LOOK_PROMPT);
    int cx = x + (int)lec_str_width(text->data + off, pos - off, t->ambi);
    x = tui_text(t, y, x, avail, text->data + off, text->len - off, LOOK_PROMPT);
    tui_fill(t, y, x, COLS, LOOK_PROMPT);
    if (rw) tui_text(t, y, COLS - rw + 1, COLS, right.data, right.len, LOOK_PROMPT);
    lec_buf_free(&right);
    return cx < avail ? cx : avail - 1;
}

int tui_prompt(tui *t, const char *lead, lec_buf *text, const prompt_ops *ops, void *ctx)
{
    if (!text->data) lec_buf_puts(text, "");
    size_t pos = text->len;
    int dirty = 0;
    for (;;) {
        /* A paste or an input method's commit comes as many keys: the
         * search waits for the last of them. */
        if (!tui_key_waiting(t)) {
            if (dirty && ops->changed) ops->changed(t, ctx, text->data);
            dirty = 0;
            if (ops->draw) ops->draw(t, ctx);
            int cx = draw_line(t, lead, text, pos, ops, ctx);
            tui_refresh(LINES - 1, cx);
        }
        int key = tui_key(t);
        if (key < 0) return -1;
        switch (key) {
        case LEC_KEY_RESIZE:
            tui_resized(t);
            break;
        case LEC_KEY_ENTER:
            if (dirty && ops->changed) ops->changed(t, ctx, text->data);
            return 1;
        case LEC_KEY_ESC:
            return 0;
        case LEC_KEY_CTRL('c'): /* a key only in test scripts; else SIGINT */
            t->quit = 1;
            return -1;
        case LEC_KEY_BS:
            if (!text->len) return 0;
            if (pos) {
                size_t p = prev_cluster(t, text, pos);
                cut_bytes(text, p, pos);
                pos = p;
                dirty = 1;
            }
            break;
        case LEC_KEY_DEL:
            if (pos < text->len) {
                cut_bytes(text, pos, next_cluster(t, text, pos));
                dirty = 1;
            }
            break;
        case LEC_KEY_LEFT:
            pos = prev_cluster(t, text, pos);
            break;
        case LEC_KEY_RIGHT:
            pos = next_cluster(t, text, pos);
            break;
        case LEC_KEY_HOME:
        case LEC_KEY_CTRL('a'):
            pos = 0;
            break;
        case LEC_KEY_END:
        case LEC_KEY_CTRL('e'):
            pos = text->len;
            break;
        case LEC_KEY_CTRL('u'):
            cut_bytes(text, 0, pos);
            pos = 0;
            dirty = 1;
            break;
        case LEC_KEY_CTRL('w'): {
            size_t p = pos;
            while (p > 0 && is_space_at(text, prev_cluster(t, text, p)))
                p = prev_cluster(t, text, p);
            while (p > 0 && !is_space_at(text, prev_cluster(t, text, p)))
                p = prev_cluster(t, text, p);
            cut_bytes(text, p, pos);
            pos = p;
            dirty = 1;
            break;
        }
        default:
            if (key >= 0x20 && key < LEC_KEY_SPECIAL && !lec_cp_unsafe(key)) {
                char u[4];
                int n = lec_utf8_encode(key, u);
                if (!n) break;
                lec_buf_reserve(text, (size_t)n);
                memmove(text->data + pos + n, text->data + pos, text->len - pos + 1);
                memcpy(text->data + pos, u, (size_t)n);
                text->len += (size_t)n;
                pos += (size_t)n;
                dirty = 1;
            }
            break;
        }
    }
}

/* ---- search --------------------------------------------------------------- */

typedef struct search_ctx {
    lec_vpos saved; /* where the search started: Esc comes back here */
    int dir;
    size_t total;
    int wrapped;
    int typed; /* the pattern is not empty */
} search_ctx;

static void search_changed(tui *t, void *p, const char *text)
{
    search_ctx *c = p;
    /* Every edit searches from where the search began, as if the whole
     * pattern had been typed at once. */
    lec_view_seek(t->v, c->saved);
    c->wrapped = 0;
    c->total = lec_view_search(t->v, text, c->dir, &c->wrapped);
    c->typed = *text != 0;
}

static void draw_rows(tui *t, void *p)
{
    (void)p;
    tui_draw_rows(t);
}

static void search_right(tui *t, void *p, lec_buf *out)
{
    search_ctx *c = p;
    if (!c->typed) return;
    if (!c->total) {
        lec_buf_puts(out, "no match");
        return;
    }
    size_t k, n;
    lec_view_search_state(t->v, &k, &n);
    lec_buf_printf(out, "%zu/%zu", k, n);
}

void tui_search(tui *t, int dir)
{
    search_ctx c = {lec_view_tell(t->v), dir, 0, 0, 0};
    static const prompt_ops ops = {search_changed, draw_rows, search_right};
    lec_buf pat = LEC_BUF_INIT;
    lec_view_search_begin(t->v);
    int rc = tui_prompt(t, dir > 0 ? "/" : "?", &pat, &ops, &c);
    if (rc == 1) {
        if (!pat.len && t->last_pat.len) { /* an empty pattern: the last one again */
            lec_buf_puts(&pat, t->last_pat.data);
            search_changed(t, &c, pat.data);
        }
        if (pat.len) {
            lec_buf_reset(&t->last_pat);
            lec_buf_puts(&t->last_pat, pat.data);
            t->last_dir = dir;
            if (!c.total)
                tui_message(t, 1, "no match for '%s'", pat.data);
            else if (c.wrapped)
                tui_message(t, 0,
                            dir > 0 ? "search wrapped to the top" : "search wrapped to the bottom");
        }
        lec_view_search_end(t->v, 1);
    } else {
        /* Cancelled: the folds, the place and the search as before. */
        lec_view_search_end(t->v, 0);
        lec_view_seek(t->v, c.saved);
        if (rc == 0) lec_view_search(t->v, "", dir, NULL);
    }
    lec_buf_free(&pat);
}

/* ---- go to -------------------------------------------------------------- */

void tui_goto(tui *t)
{
    static const prompt_ops ops = {NULL, draw_rows, NULL};
    lec_buf addr = LEC_BUF_INIT, err = LEC_BUF_INIT;
    if (tui_prompt(t, ":", &addr, &ops, NULL) == 1) {
        /* Spaces around an address are never part of it. */
        char *s = addr.data;
        while (*s == ' ')
            s++;
        size_t n = strlen(s);
        while (n && s[n - 1] == ' ')
            s[--n] = 0;
        if (*s && !lec_view_goto(t->v, s, &err))
            tui_message(t, 1, "%s", err.len ? err.data : "no node at that address");
    }
    lec_buf_free(&addr);
    lec_buf_free(&err);
}
