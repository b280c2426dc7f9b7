/*
 * prompt.c - the prompt screen, a bottom-line editor over the screen
 * below it (/ ? : and the lists' filter), and the two prompts of the
 * document screen: incremental search and go to.
 *
 * While a prompt is open the terminal's cursor is shown where the next
 * character goes: Chinese is typed through an input method, whose window
 * follows that cursor.  Up and Down recall earlier entries (history.h),
 * those that start with what was typed first, as in a shell or vim.
 */
#include "tui_priv.h"

#include "lectern/search.h"
#include "lectern/utf8.h"

#include <stdlib.h>
#include <string.h>

typedef struct prompt {
    char *lead;
    lec_buf text;
    size_t pos;   /* the edit cursor, a byte offset in text */
    int dirty;    /* edited since the owner last heard */
    int finished; /* the owner has had its done() */
    const prompt_ops *ops;
    void *ctx;
    /* Up and Down: the entry shown (hpos) while walking the history, and
     * the line as typed before the walk began */
    int walking;
    size_t hpos;
    lec_buf typed;
} prompt;

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
static int draw_line(tui *t, const prompt *p)
{
    int y = LINES - 1;
    const char *lead = p->lead;
    const lec_buf *text = &p->text;
    size_t pos = p->pos;
    lec_buf right = LEC_BUF_INIT;
    if (p->ops->right) p->ops->right(t, p->ctx, &right);
    /* The right part takes at most half the line (a long message, such as
     * a regular expression's error, is cut). */
    if (right.len && (int)lec_str_width(right.data, right.len, t->ambi) + 2 > COLS / 2) {
        size_t keep = tui_cut(t, right.data, right.len, COLS / 2 - 3, NULL);
        right.len = keep;
        if (keep) lec_buf_puts(&right, "\u2026");
    }
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

static void prompt_draw(tui *t, screen *s)
{
    prompt *p = s->data;
    /* The edits that came together (a paste, an input method's commit)
     * are all in: the owner hears of them once. */
    if (p->dirty && p->ops->changed) p->ops->changed(t, p->ctx, p->text.data);
    p->dirty = 0;
    if (s->below) s->below->ops->draw(t, s->below);
}

static int prompt_status(tui *t, screen *s)
{
    return draw_line(t, s->data);
}

/* Closes the prompt, then tells its owner (which may open a screen).
 * An entry accepted goes into the history. */
static void finish(tui *t, prompt *p, int rc)
{
    if (rc == 1 && p->dirty && p->ops->changed) p->ops->changed(t, p->ctx, p->text.data);
    const char *notice = NULL;
    if (rc == 1 && p->ops->history && t->hist && p->text.len) {
        lec_hist_add(t->hist, p->ops->history, p->text.data, p->text.len);
        notice = lec_hist_notice(t->hist);
    }
    lec_buf said = LEC_BUF_INIT;
    if (notice) lec_buf_puts(&said, notice);
    const prompt_ops *ops = p->ops;
    void *ctx = p->ctx;
    lec_buf text = p->text;
    p->text = (lec_buf)LEC_BUF_INIT;
    p->finished = 1;
    tui_pop(t);
    ops->done(t, ctx, rc, text.data);
    lec_buf_free(&text);
    /* The history's trouble (it cannot be written), unless the owner had
     * something to say. */
    if (said.len && !t->msg.len) tui_message(t, 1, "%s", said.data);
    lec_buf_free(&said);
}

/* Up (dir -1) and Down (1): the next entry of the history that starts
 * with the line as it was typed; past the newest, that line again. */
static void recall(tui *t, prompt *p, int dir)
{
    if (!p->ops->history || !t->hist) return;
    int kind = p->ops->history;
    size_t n = lec_hist_count(t->hist, kind);
    if (!p->walking) {
        lec_buf_reset(&p->typed);
        lec_buf_put(&p->typed, p->text.data ? p->text.data : "", p->text.len);
        p->hpos = n;
        p->walking = 1;
    }
    size_t to = lec_hist_step(t->hist, kind, p->hpos, dir, p->typed.data ? p->typed.data : "",
                              p->typed.len);
    if (to == p->hpos) return;
    p->hpos = to;
    const char *e = to < n ? lec_hist_get(t->hist, kind, to) : p->typed.data;
    lec_buf_reset(&p->text);
    lec_buf_puts(&p->text, e ? e : "");
    p->pos = p->text.len;
    p->dirty = 1;
}

static int prompt_key(tui *t, screen *s, int key)
{
    prompt *p = s->data;
    lec_buf *text = &p->text;
    if (p->ops->key && p->ops->key(t, p->ctx, key)) {
        p->dirty = 1;
        return 1;
    }
    /* Under a list's filter, the arrows (and <C-n> <C-p>) move the rows
     * above rather than walk a history. */
    if (p->ops->step && (key == LEC_KEY_DOWN || key == LEC_KEY_UP || key == LEC_KEY_CTRL('n') ||
                         key == LEC_KEY_CTRL('p'))) {
        if (p->dirty && p->ops->changed) p->ops->changed(t, p->ctx, p->text.data);
        p->dirty = 0;
        p->ops->step(t, p->ctx, key == LEC_KEY_DOWN || key == LEC_KEY_CTRL('n') ? 1 : -1);
        return 1;
    }
    /* An edit ends a walk through the history: the next Up looks for
     * what the line is then. */
    if (key != LEC_KEY_UP && key != LEC_KEY_DOWN && key != LEC_KEY_LEFT && key != LEC_KEY_RIGHT &&
        key != LEC_KEY_HOME && key != LEC_KEY_END && key != LEC_KEY_CTRL('a') &&
        key != LEC_KEY_CTRL('e'))
        p->walking = 0;
    switch (key) {
    case LEC_KEY_UP:
        recall(t, p, -1);
        break;
    case LEC_KEY_DOWN:
        recall(t, p, 1);
        break;
    case LEC_KEY_ENTER:
        finish(t, p, 1);
        break;
    case LEC_KEY_ESC:
        finish(t, p, 0);
        break;
    case LEC_KEY_CTRL('c'): /* a key only in test scripts; else SIGINT */
        tui_leave(t, LEC_TUI_QUIT);
        break;
    case LEC_KEY_BS:
        if (!text->len) {
            finish(t, p, 0);
            break;
        }
        if (p->pos) {
            size_t q = prev_cluster(t, text, p->pos);
            cut_bytes(text, q, p->pos);
            p->pos = q;
            p->dirty = 1;
        }
        break;
    case LEC_KEY_DEL:
        if (p->pos < text->len) {
            cut_bytes(text, p->pos, next_cluster(t, text, p->pos));
            p->dirty = 1;
        }
        break;
    case LEC_KEY_LEFT:
        p->pos = prev_cluster(t, text, p->pos);
        break;
    case LEC_KEY_RIGHT:
        p->pos = next_cluster(t, text, p->pos);
        break;
    case LEC_KEY_HOME:
    case LEC_KEY_CTRL('a'):
        p->pos = 0;
        break;
    case LEC_KEY_END:
    case LEC_KEY_CTRL('e'):
        p->pos = text->len;
        break;
    case LEC_KEY_CTRL('u'):
        cut_bytes(text, 0, p->pos);
        p->pos = 0;
        p->dirty = 1;
        break;
    case LEC_KEY_CTRL('w'): {
        size_t q = p->pos;
        while (q > 0 && is_space_at(text, prev_cluster(t, text, q)))
            q = prev_cluster(t, text, q);
        while (q > 0 && !is_space_at(text, prev_cluster(t, text, q)))
            q = prev_cluster(t, text, q);
        cut_bytes(text, q, p->pos);
        p->pos = q;
        p->dirty = 1;
        break;
    }
    case LEC_KEY_PASTE:
        /* Text, whatever it holds: control characters are drawn in
         * their visible form (^[) and are searched for as they are. */
        if (t->paste.len) {
            lec_buf_reserve(text, t->paste.len);
            memmove(text->data + p->pos + t->paste.len, text->data + p->pos,
                    text->len - p->pos + 1);
            memcpy(text->data + p->pos, t->paste.data, t->paste.len);
            text->len += t->paste.len;
            p->pos += t->paste.len;
            p->dirty = 1;
        }
        break;
    default:
        if (key >= 0x20 && key < LEC_KEY_SPECIAL && !lec_cp_unsafe(key)) {
            char u[4];
            int n = lec_utf8_encode(key, u);
            if (!n) break;
            lec_buf_reserve(text, (size_t)n);
            memmove(text->data + p->pos + n, text->data + p->pos, text->len - p->pos + 1);
            memcpy(text->data + p->pos, u, (size_t)n);
            text->len += (size_t)n;
            p->pos += (size_t)n;
            p->dirty = 1;
        }
        break;
    }
    return 1;
}

static void prompt_close(tui *t, screen *s)
{
    prompt *p = s->data;
    /* Closed without Enter or Esc: the browser is leaving. */
    if (!p->finished) p->ops->done(t, p->ctx, -1, p->text.data);
    lec_buf_free(&p->text);
    lec_buf_free(&p->typed);
    free(p->lead);
    free(p);
}

static const screen_ops prompt_screen = {
    .name = "prompt",
    .draw = prompt_draw,
    .status = prompt_status,
    .key = prompt_key,
    .close = prompt_close,
};

void tui_prompt_open(tui *t, const char *lead, const char *text, const prompt_ops *ops, void *ctx)
{
    prompt *p = lec_xcalloc(1, sizeof *p);
    p->lead = lec_xstrndup(lead, strlen(lead));
    lec_buf_puts(&p->text, text ? text : "");
    p->pos = p->text.len;
    p->ops = ops;
    p->ctx = ctx;
    tui_push(t, &prompt_screen, p);
}

/* ---- search --------------------------------------------------------------- */

typedef struct search_ctx {
    lec_vpos saved; /* where the search started: Esc comes back here */
    int dir;
    int typed; /* the pattern is not empty */
} search_ctx;

/* Every edit searches from where the search began, as if the whole
 * pattern had been typed at once.  The old pattern's work is dropped;
 * the new one reads for one slice, which is enough to show a match near
 * by, and goes on in the document screen's tick (the count, a match far
 * away): a keystroke never waits on the whole document. */
static void search_changed(tui *t, void *p, const char *text)
{
    search_ctx *c = p;
    lec_view_seek(t->v, c->saved);
    lec_view_search_flags(t->v, t->search_flags);
    tui_search_start(t, text, c->dir);
    c->typed = *text != 0;
}

/* The right end of the prompt: the modes that are not the default, then
 * the count, or why nothing is searched (PCRE2's message). */
static void search_right(tui *t, void *p, lec_buf *out)
{
    search_ctx *c = p;
    if (t->search_flags & LEC_SEARCH_REGEX) lec_buf_puts(out, "regex  ");
    if (t->search_flags & LEC_SEARCH_NO_HANFOLD) lec_buf_puts(out, "简≠繁  ");
    const char *err = lec_view_search_error(t->v);
    size_t k, n;
    lec_view_search_state(t->v, &k, &n);
    if (c->typed && err)
        lec_buf_puts(out, err);
    else if (c->typed && !n && !tui_search_looking(t) &&
             (lec_view_search_progress(t->v) & LEC_VS_TOTAL))
        lec_buf_puts(out, "no match");
    else if (c->typed)
        tui_search_count(t, out);
    while (out->len && out->data[out->len - 1] == ' ') out->data[--out->len] = 0;
}

/* Ctrl-R: a regular expression or literal text; Ctrl-T: Simplified and
 * Traditional together or apart.  Both last until switched back. */
static int search_key(tui *t, void *p, int key)
{
    (void)p;
    if (key == LEC_KEY_CTRL('r'))
        t->search_flags ^= LEC_SEARCH_REGEX;
    else if (key == LEC_KEY_CTRL('t'))
        t->search_flags ^= LEC_SEARCH_NO_HANFOLD;
    else
        return 0;
    return 1;
}

static void search_done(tui *t, void *p, int rc, const char *text)
{
    search_ctx *c = p;
    int dir = c->dir;
    lec_buf pat = LEC_BUF_INIT;
    lec_buf_puts(&pat, text);
    if (rc == 1) {
        if (!pat.len && t->last_pat.len) { /* an empty pattern: the last one again */
            lec_buf_puts(&pat, t->last_pat.data);
            search_changed(t, c, pat.data);
        }
        if (pat.len) {
            lec_buf_reset(&t->last_pat);
            lec_buf_puts(&t->last_pat, pat.data);
            t->last_dir = dir;
            size_t k, n;
            lec_view_search_state(t->v, &k, &n);
            const char *err = lec_view_search_error(t->v);
            if (err) {
                tui_message(t, 1, "regex: %s", err);
            } else if (tui_search_looking(t)) {
                /* Still looking: the document screen says what it finds. */
                t->search_wait = 1;
                t->search_from = c->saved;
                tui_message(t, 0, "searching for '%s' (Esc stops)", pat.data);
            } else if (!n) {
                tui_message(t, 1, "no match for '%s'", pat.data);
            } else if (lec_view_search_wrapped(t->v)) {
                tui_message(t, 0,
                            dir > 0 ? "search wrapped to the top" : "search wrapped to the bottom");
            }
        }
        lec_view_search_end(t->v, 1);
        size_t k, n;
        lec_view_search_state(t->v, &k, &n);
        if (n && !tui_search_looking(t)) tui_jumped(t, c->saved);
    } else {
        /* Cancelled: the folds, the place and the search as before. */
        lec_buf_reset(&t->search_defer);
        lec_view_search_end(t->v, 0);
        lec_view_seek(t->v, c->saved);
        if (rc == 0) lec_view_search(t->v, "", dir, NULL);
    }
    lec_buf_free(&pat);
    free(c);
}

void tui_search(tui *t, int dir)
{
    static const prompt_ops ops = {search_changed, search_right, search_done, search_key, '/', NULL};
    search_ctx *c = lec_xcalloc(1, sizeof *c);
    c->saved = lec_view_tell(t->v);
    c->dir = dir;
    t->search_wait = 0;
    lec_view_search_begin(t->v);
    tui_prompt_open(t, dir > 0 ? "/" : "?", "", &ops, c);
}

/* ---- go to -------------------------------------------------------------- */

static void goto_done(tui *t, void *ctx, int rc, const char *text)
{
    (void)ctx;
    if (rc != 1) return;
    lec_buf addr = LEC_BUF_INIT, err = LEC_BUF_INIT;
    lec_buf_puts(&addr, text);
    /* Spaces around an address are never part of it. */
    char *s = addr.data;
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    while (n && s[n - 1] == ' ')
        s[--n] = 0;
    lec_vpos before = lec_view_tell(t->v);
    if (*s && !lec_view_goto(t->v, s, &err))
        tui_message(t, 1, "%s", err.len ? err.data : "no node at that address");
    else
        tui_jumped(t, before);
    lec_buf_free(&addr);
    lec_buf_free(&err);
}

void tui_goto(tui *t)
{
    static const prompt_ops ops = {NULL, NULL, goto_done, NULL, ':', NULL};
    tui_prompt_open(t, ":", "", &ops, NULL);
}
