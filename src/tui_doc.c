/*
 * tui_doc.c - the document screen: the rows of the view (view.h), its
 * status line, and the requests that move, fold, jump and search in it.
 *
 * A large file opens with its first part while the whole is made on a
 * second thread (later.h): the screen takes the whole when it is ready
 * (its tick) or when a request needs it (part_will_do).
 *
 * The jumps (: / n g G ] [ } { marks, the outline) are recorded in the
 * jump list (jumps.h) for <C-o>, <C-i> and ''; m and ' take the next key
 * as a mark's letter.  The place where the reader left the file comes
 * back when it opens (place.h).
 *
 * The browser shows one document at a time, t->doc in t->v.  A document
 * opened from the library belongs to its screen, which puts back the
 * t->doc and t->v it found when it closes.
 */
#include "tui_priv.h"

#include "lectern/hanfold.h"
#include "lectern/search.h"
#include "lectern/open.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* A document screen's own. */
typedef struct docscr {
    lec_doc *own; /* the document, when the screen opened it (else t's) */
    const lec_doc *prev_doc;
    lec_view *prev_v;
    void *results; /* opened at a hit of a library search (tui_lib.c) */
    size_t rk;     /* its document there */
    char *pattern; /* that search: n and N go on into other documents */
    char *path;    /* the file, for R and its remembered place */
    lec_from from;
    lec_jumps *prev_jumps; /* the jump list and place of the screen below */
    lec_place prev_place;
} docscr;

int tui_text_cols(const tui *t)
{
    int c = COLS > 0 ? COLS : 1;
    return t->o->width > 0 && t->o->width < c ? t->o->width : c;
}

void tui_jumped(tui *t, lec_vpos from)
{
    lec_vpos now = lec_view_tell(t->v);
    if (now.src != from.src || now.chr != from.chr) lec_jumps_push(t->jumps, from);
}

/* ---- the place where the reader left the file ----------------------------- */

/* Where the reader left the file at path, recalled into t->v. */
static void recall_at(tui *t, const char *path)
{
    const lec_tui_opts *o = t->o;
    if (!path || !o->state) return;
    lec_buf notice = LEC_BUF_INIT;
    lec_place p;
    int found = lec_place_recall(o->state, path, t->doc, &p, &notice);
    t->place = p; /* the file's size and time, for remembering */
    if (notice.len) tui_message(t, 1, "%s", notice.data);
    lec_buf_free(&notice);
    t->place_later = 0;
    if (!found) return;
    size_t len;
    lec_doc_source(t->doc, &len);
    /* The first part of a large file: an edited file maps by sections,
     * and a place past the part is not there yet.  Again with the whole. */
    if (t->later && (p.moved || p.pos.src >= len)) {
        t->place_later = 1;
        return;
    }
    lec_place_to_jumps(&p, t->jumps);
    /* The screen as it was: the row on the screen row it was on. */
    lec_view_seek(t->v, p.pos);
    if (p.moved && !notice.len) tui_message(t, 0, "the file has changed since: back in the same section");
}

void tui_place_recall(tui *t)
{
    recall_at(t, t->o->path);
}

/* Keeps where the reader leaves the file at path (t->doc in t->v). */
static void remember_at(tui *t, const char *path)
{
    const lec_tui_opts *o = t->o;
    if (!path || !o->state || t->failed) return;
    lec_place p = t->place;
    p.pos = lec_view_tell(t->v);
    lec_place_from_jumps(&p, t->jumps);
    lec_buf notice = LEC_BUF_INIT;
    /* Said after the terminal is back (tui.c). */
    if (lec_place_remember(o->state, path, t->doc, &p, &notice) != 0 && notice.len)
        t->failed_place = lec_buf_detach(&notice, NULL);
    lec_buf_free(&notice);
}

void tui_place_remember(tui *t)
{
    remember_at(t, t->o->path);
}

/* ---- the whole document, when the first part was shown ------------------ */

/* Waits for t->later, a tenth of a second at a time; 0 when the reader
 * typed q (leaving) or Esc (stopping the wait) meanwhile. */
static int wait_whole(tui *t)
{
    tui_message(t, 0, "%s (Esc stops waiting)",
                t->reloading ? "reading the file again" : "reading the whole document");
    tui_draw(t);
    while (!lec_later_wait(t->later, 100)) {
        if (!tui_key_waiting(t) || t->pushed_rc == KEY_CODE_YES) continue;
        wint_t c = t->pushed_wc;
        if (c != 'q' && c != 'Q' && c != LEC_KEY_ESC) continue;
        t->has_pushed = 0;
        if (c == LEC_KEY_ESC)
            tui_message(t, 0, "not waiting: the rest is still being read");
        else
            tui_leave(t, LEC_TUI_QUIT);
        return 0;
    }
    return 1;
}

int tui_take_whole(tui *t, int wait)
{
    if (!t->later) return 0;
    if (!lec_later_ready(t->later) && (!wait || !wait_whole(t))) return -1;
    char *why;
    lec_doc *d = lec_later_take(t->later, &why);
    t->later = NULL;
    lec_buf_reset(&t->msg);
    int again = t->reloading;
    t->reloading = 0;
    if (!d) {
        /* The file changed (emptied, deleted, made binary) after the
         * first part was shown: what is shown stays. */
        tui_message(t, 1, "%s: %s", again ? "cannot read it again" : "the rest could not be read",
                    why ? why : "?");
        free(why);
        tui_draw(t);
        return 0;
    }
    lec_view *v = lec_view_new(d, tui_text_cols(t), t->rows, t->ambi);
    lec_view_adopt(v, t->v);
    lec_view_free(t->v);
    if (t->doc_owned) lec_doc_free((lec_doc *)t->doc);
    t->v = v;
    t->doc = d;
    t->doc_owned = 1;
    if (why)
        tui_message(t, 1, "%s", why);
    else if (again)
        tui_message(t, 0, "read again");
    free(why);
    /* The remembered place past the first part, unless the reader has
     * gone somewhere meanwhile. */
    if (t->place_later && !t->moved) tui_place_recall(t);
    t->place_later = 0;
    tui_draw(t);
    return 1;
}

/* R: the file read again from the start, to its size now. */
/* R on a document of the library: the file read again, the place kept. */
static void reload_owned(tui *t, docscr *ds)
{
    lec_buf why = LEC_BUF_INIT;
    lec_doc *d = lec_open(ds->path, ds->path, ds->from, 0, NULL, &why);
    if (!d) {
        tui_message(t, 1, "%s: %s", ds->path, why.data ? why.data : "cannot be read");
        lec_buf_free(&why);
        return;
    }
    lec_buf_free(&why);
    lec_view *v = lec_view_new(d, tui_text_cols(t), t->rows, t->ambi);
    lec_view_adopt(v, t->v);
    lec_view_free(t->v);
    lec_doc_free(ds->own);
    ds->own = d;
    t->doc = d;
    t->v = v;
    tui_message(t, 0, "read again");
}

static void reload(tui *t, screen *s)
{
    docscr *ds = s->data;
    if (ds && ds->own) {
        reload_owned(t, ds);
        return;
    }
    if (t->later) {
        tui_message(t, 0, "still reading: R works once the whole is in");
        return;
    }
    t->later = t->o->reload ? t->o->reload(t->o->reload_arg) : NULL;
    if (!t->later) {
        tui_message(t, 1, "standard input cannot be read again");
        return;
    }
    t->reloading = 1;
    tui_message(t, 0, "reading the file again");
    s->tick_ms = 100;
}

/* Requests that the first part of a document can serve: moving, and
 * folding the node at hand.  The rest (the end, jumps, search, the
 * outline, folding everything, printing) wait for the whole. */
static int part_will_do(lec_request req)
{
    switch (req) {
    case LEC_REQ_DOWN:
    case LEC_REQ_UP:
    case LEC_REQ_PAGE_DOWN:
    case LEC_REQ_PAGE_UP:
    case LEC_REQ_HALF_DOWN:
    case LEC_REQ_HALF_UP:
    case LEC_REQ_TOP:
    case LEC_REQ_WHEEL_DOWN:
    case LEC_REQ_WHEEL_UP:
    case LEC_REQ_FOLD_TOGGLE:
    case LEC_REQ_FOLD_OPEN:
    case LEC_REQ_FOLD_CLOSE:
    case LEC_REQ_PARENT:
    case LEC_REQ_ENTER:
    case LEC_REQ_HELP:
    case LEC_REQ_REDRAW:
    case LEC_REQ_RELOAD:
    case LEC_REQ_SUSPEND:
    case LEC_REQ_QUIT:
    case LEC_REQ_QUIT_ALL:
    case LEC_REQ_CANCEL:
    case LEC_REQ_NONE:
        return 1;
    default:
        return 0;
    }
}

/* ---- the search's work ------------------------------------------------- */

/* A slice of the search's work between keys: 5 ms, so that a key that
 * comes meanwhile waits at most that long; a keystroke's own slice is
 * 4 ms.  Together with drawing, a keystroke is answered within a frame
 * at 60 Hz (16 ms). */
enum { TICK_US = 5000, KEY_US = 4000 };

int tui_search_slice(tui *t, long usec)
{
    if (t->test) return lec_view_search_step(t->v, -1, t->slice > 0 ? t->slice : -1);
    return lec_view_search_step(t->v, usec, -1);
}

/* The tick runs as often as it can while work is left. */
static void doc_busy(tui *t)
{
    if (t->doc_scr && (t->search_defer.len || !(lec_view_search_progress(t->v) & LEC_VS_TOTAL)))
        t->doc_scr->tick_ms = 0;
}

void tui_search_start(tui *t, const char *text, int dir)
{
    lec_buf_reset(&t->search_defer);
    if (*text && !t->test && !(lec_view_search_get_flags(t->v) & LEC_SEARCH_NO_HANFOLD) &&
        !lec_hanfold_ready()) {
        lec_view_search_start(t->v, "", dir);
        lec_buf_puts(&t->search_defer, text);
        t->defer_dir = dir;
    } else {
        lec_view_search_start(t->v, text, dir);
        tui_search_slice(t, KEY_US);
    }
    doc_busy(t);
}

int tui_search_looking(tui *t)
{
    return t->search_defer.len || !(lec_view_search_progress(t->v) & LEC_VS_FOUND);
}

void tui_search_count(tui *t, lec_buf *out)
{
    size_t k, n;
    int p = lec_view_search_progress(t->v);
    lec_view_search_state(t->v, &k, &n);
    if (tui_search_looking(t))
        lec_buf_puts(out, "searching…");
    else if (!(p & LEC_VS_INDEX))
        lec_buf_puts(out, "…");
    else if (!(p & LEC_VS_TOTAL))
        lec_buf_printf(out, "%zu/…", k);
    else if (n)
        lec_buf_printf(out, "%zu/%zu", k, n);
}

/* An accepted search found its match (or that there is none): said. */
static void search_settled(tui *t)
{
    if (!t->search_wait || tui_search_looking(t)) return;
    t->search_wait = 0;
    size_t k, n;
    lec_view_search_state(t->v, &k, &n);
    if (n) tui_jumped(t, t->search_from);
    if (!n)
        tui_message(t, 1, "no match for '%s'", t->last_pat.data ? t->last_pat.data : "");
    else if (lec_view_search_wrapped(t->v))
        tui_message(t, 0, t->last_dir > 0 ? "search wrapped to the top"
                                          : "search wrapped to the bottom");
    else
        lec_buf_reset(&t->msg);
}

/* Stops a search that has not found its match yet (Esc). */
static int search_stop(tui *t)
{
    if (!tui_search_looking(t)) return 0;
    lec_buf_reset(&t->search_defer);
    lec_view_search(t->v, "", t->last_dir, NULL);
    t->search_wait = 0;
    tui_message(t, 0, "search stopped");
    return 1;
}

/* ---- requests ----------------------------------------------------------- */

static void wrapped_message(tui *t, int dir)
{
    tui_message(t, 0, dir > 0 ? "search wrapped to the top" : "search wrapped to the bottom");
}

/* Returns 1 when the screen was closed (n went on into another
 * document). */
static int search_next(tui *t, docscr *ds, int dir, long n)
{
    size_t k, total;
    lec_view_search_state(t->v, &k, &total);
    if (!t->last_pat.len && !total) {
        tui_message(t, 1, "no search yet: / searches");
        return 0;
    }
    for (long i = 0; i < n; i++) {
        int wrapped = 0;
        lec_view_search_state(t->v, &k, &total);
        /* At the last hit of a document of a library search, on into the
         * next document that has hits (N: the previous one). */
        if (ds && ds->pattern && total && t->last_pat.data &&
            strcmp(ds->pattern, t->last_pat.data) == 0 &&
            ((dir > 0 && k == total) || (dir < 0 && k == 1)))
            return tui_results_cross(t, ds->results, ds->rk, dir);
        if (!lec_view_search_next(t->v, dir, &wrapped)) {
            tui_message(t, 1, "no match for '%s'", t->last_pat.data ? t->last_pat.data : "");
            return 0;
        }
        if (wrapped) wrapped_message(t, dir * (t->last_dir ? t->last_dir : 1));
    }
    return 0;
}

static void jump(tui *t, int (*fn)(lec_view *, int), int dir, long n, const char *none)
{
    for (long i = 0; i < n; i++) {
        if (!fn(t->v, dir)) {
            if (i == 0) tui_message(t, 1, "%s", none);
            return;
        }
    }
}

static void fold(tui *t, int how)
{
    if (lec_view_fold(t->v, how)) return;
    if ((how == LEC_FOLD_ALL || how == LEC_FOLD_CYCLE) && lec_doc_node_count(t->doc) <= 1)
        tui_message(t, 1, "this document has no sections or numbered points: nothing to fold");
    else
        tui_message(t, 1, "no section or point here to fold");
}

/* Is req a jump, for the jump list? */
static int is_jump(lec_request req)
{
    switch (req) {
    case LEC_REQ_TOP:
    case LEC_REQ_BOTTOM:
    case LEC_REQ_NEXT_NODE:
    case LEC_REQ_PREV_NODE:
    case LEC_REQ_NEXT_SIBLING:
    case LEC_REQ_PREV_SIBLING:
    case LEC_REQ_SEARCH_NEXT:
    case LEC_REQ_SEARCH_PREV:
        return 1;
    default:
        return 0;
    }
}

/* <C-o> and <C-i>: through the jump list. */
static void walk(tui *t, int dir)
{
    lec_vpos to;
    int ok = dir < 0 ? lec_jumps_back(t->jumps, lec_view_tell(t->v), &to)
                     : lec_jumps_forward(t->jumps, &to);
    if (ok)
        lec_view_show(t->v, to);
    else
        tui_message(t, 1, dir < 0 ? "no jump before this" : "no jump after this");
}

/* The letter after m or '. */
static void mark_key(tui *t, int how, int key)
{
    lec_vpos here = lec_view_tell(t->v), to;
    if (how == '\'' && key == '\'') {
        if (lec_jumps_last(t->jumps, here, &to))
            lec_view_show(t->v, to);
        else
            tui_message(t, 1, "no jump yet: '' goes back to where the last one began");
    } else if (key < 'a' || key > 'z') {
        tui_message(t, 1, "marks are named by a letter a-z");
    } else if (how == 'm') {
        lec_jumps_mark(t->jumps, key, here);
        tui_message(t, 0, "mark %c set", key);
    } else if (lec_jumps_mark_get(t->jumps, key, &to)) {
        lec_view_show(t->v, to);
        tui_jumped(t, here);
    } else {
        tui_message(t, 1, "mark %c is not set (m%c sets it)", key, key);
    }
}

/* The document screen's requests. */
static int doc_request(tui *t, screen *s, lec_request req, long count)
{
    docscr *ds = s->data;
    long n = count > 0 ? count : 1;
    if (t->later && !part_will_do(req) && tui_take_whole(t, 1) < 0) return SCREEN_DONE;
    if (t->leave) return SCREEN_DONE;
    int half = t->rows / 2 > 0 ? t->rows / 2 : 1;
    lec_vpos before = lec_view_tell(t->v);
    int walking = t->walking;
    t->walking = 0;
    t->moved = 1;
    switch (req) {
    case LEC_REQ_DOWN:
        lec_view_move(t->v, (int)n);
        break;
    case LEC_REQ_UP:
        lec_view_move(t->v, (int)-n);
        break;
    case LEC_REQ_PAGE_DOWN:
        lec_view_scroll(t->v, (int)n * t->rows);
        break;
    case LEC_REQ_PAGE_UP:
        lec_view_scroll(t->v, (int)-n * t->rows);
        break;
    case LEC_REQ_HALF_DOWN:
        lec_view_scroll(t->v, (int)n * half);
        break;
    case LEC_REQ_HALF_UP:
        lec_view_scroll(t->v, (int)-n * half);
        break;
    case LEC_REQ_TOP:
    case LEC_REQ_BOTTOM:
        /* A count goes to that row, as 100G does in vim and less (rows as
         * shown: folds and the width decide them) and in the lists. */
        if (count > 0) {
            lec_view_top(t->v);
            lec_view_move(t->v, (int)(count - 1 > INT_MAX ? INT_MAX : count - 1));
        } else if (req == LEC_REQ_TOP) {
            lec_view_top(t->v);
        } else {
            lec_view_bottom(t->v);
        }
        break;
    case LEC_REQ_WHEEL_DOWN:
        if (t->o->mouse) lec_view_wheel(t->v, 3);
        break;
    case LEC_REQ_WHEEL_UP:
        if (t->o->mouse) lec_view_wheel(t->v, -3);
        break;
    case LEC_REQ_FOLD_TOGGLE:
        fold(t, LEC_FOLD_TOGGLE);
        break;
    case LEC_REQ_FOLD_OPEN:
        fold(t, LEC_FOLD_OPEN);
        break;
    case LEC_REQ_FOLD_CLOSE:
        fold(t, LEC_FOLD_CLOSE);
        break;
    case LEC_REQ_FOLD_ALL:
        fold(t, LEC_FOLD_ALL);
        break;
    case LEC_REQ_FOLD_NONE:
        fold(t, LEC_FOLD_NONE);
        break;
    case LEC_REQ_FOLD_CYCLE:
        fold(t, LEC_FOLD_CYCLE);
        break;
    case LEC_REQ_PARENT:
        lec_view_parent(t->v);
        break;
    case LEC_REQ_ENTER:
        lec_view_enter(t->v);
        break;
    case LEC_REQ_NEXT_NODE:
        jump(t, lec_view_next_node, 1, n, "no section or point after this");
        break;
    case LEC_REQ_PREV_NODE:
        jump(t, lec_view_next_node, -1, n, "no section or point before this");
        break;
    case LEC_REQ_NEXT_SIBLING:
        jump(t, lec_view_next_sibling, 1, n, "the last one at this level");
        break;
    case LEC_REQ_PREV_SIBLING:
        jump(t, lec_view_next_sibling, -1, n, "the first one at this level");
        break;
    case LEC_REQ_GOTO:
        tui_goto(t);
        break;
    case LEC_REQ_OUTLINE:
        tui_outline(t);
        break;
    case LEC_REQ_SEARCH_FWD:
        tui_search(t, 1);
        break;
    case LEC_REQ_SEARCH_BACK:
        tui_search(t, -1);
        break;
    case LEC_REQ_SEARCH_NEXT:
    case LEC_REQ_SEARCH_PREV:
        /* Closed by going on into another document: s is gone. */
        if (search_next(t, ds, req == LEC_REQ_SEARCH_NEXT ? 1 : -1, n)) return SCREEN_DONE;
        break;
    case LEC_REQ_RELOAD:
        reload(t, s);
        return SCREEN_DONE;
    case LEC_REQ_JUMP_BACK:
        walk(t, -1);
        t->walking = 1;
        break;
    case LEC_REQ_JUMP_FORWARD:
        walk(t, 1);
        t->walking = 1;
        break;
    case LEC_REQ_MARK_SET:
        t->mark_key = 'm';
        break;
    case LEC_REQ_MARK_GOTO:
        t->mark_key = '\'';
        break;
    case LEC_REQ_YANK:
    case LEC_REQ_YANK_PLAIN:
        tui_yank(t, req == LEC_REQ_YANK_PLAIN);
        break;
    case LEC_REQ_PIPE:
        tui_pipe(t);
        break;
    case LEC_REQ_CANCEL:
        if (!search_stop(t)) return SCREEN_PASS;
        break;
    case LEC_REQ_PRINT:
    case LEC_REQ_PRINT_PLAIN:
        /* A print that would be refused keeps the reader where they are. */
        if (tui_print_refused(t, req == LEC_REQ_PRINT_PLAIN)) break;
        /* The root (before the first section) prints the whole document. */
        t->node = lec_view_current(t->v);
        if (ds && ds->own) { /* the caller prints from it, and frees it */
            t->print_doc = ds->own;
            ds->own = NULL;
        }
        tui_leave(t, req == LEC_REQ_PRINT ? LEC_TUI_PRINT : LEC_TUI_PRINT_PLAIN);
        return SCREEN_DONE;
    default:
        t->walking = walking;
        return SCREEN_PASS;
    }
    if (is_jump(req)) tui_jumped(t, before);
    /* The reader reached the end of the part: on with the whole. */
    if (t->later && lec_view_percent(t->v) >= 100) tui_take_whole(t, 1);
    return SCREEN_DONE;
}

/* ---- the screen --------------------------------------------------------- */

static void doc_draw(tui *t, screen *s)
{
    (void)s;
    tui_draw_rows(t);
}

static int doc_status(tui *t, screen *s)
{
    (void)s;
    tui_draw_status(t);
    /* Once, when the first '?' stood for a character the locale cannot
     * show (and no other message is up). */
    if (t->lossy == 1 && !t->msg.len) {
        tui_message(t, 0, "the locale is not UTF-8: characters it cannot show are drawn as ?");
        t->lossy = 2;
        tui_draw_status(t);
    }
    return -1;
}

static void doc_resize(tui *t, screen *s)
{
    (void)s;
    lec_view_resize(t->v, tui_text_cols(t), t->rows);
}

/* Keys before the keymap: the letter after m or ', and <C-i> (which a
 * terminal sends as <Tab>, folding's key) right after <C-o> or <C-i>,
 * while the jump list goes further. */
static int doc_key(tui *t, screen *s, int key)
{
    (void)s;
    if (t->mark_key) {
        int how = t->mark_key;
        t->mark_key = 0;
        if (key == LEC_KEY_ESC) return 1;
        if (key == LEC_KEY_RESIZE || key == LEC_KEY_PASTE) return 0;
        if (t->later && tui_take_whole(t, 1) < 0) return 1;
        t->moved = 1;
        mark_key(t, how, key);
        return 1;
    }
    /* Forward while there is somewhere to go; then <Tab> folds again. */
    lec_vpos to;
    if (key == LEC_KEY_TAB && t->walking && !t->ks.n && !t->ks.count &&
        lec_jumps_forward(t->jumps, &to)) {
        lec_view_show(t->v, to);
        return 1;
    }
    t->walking = 0;
    return 0;
}

/* A search reads on while no key comes; while the whole is being made,
 * look every 100 ms whether it is ready. */
static int doc_tick(tui *t, screen *s)
{
    (void)s;
    if (t->search_defer.len && lec_hanfold_ready()) {
        lec_buf text = t->search_defer;
        t->search_defer = (lec_buf)LEC_BUF_INIT;
        tui_search_start(t, text.data, t->defer_dir);
        lec_buf_free(&text);
        search_settled(t);
        t->redraw = 1;
    }
    if (t->search_defer.len) return 10;
    int before = lec_view_search_progress(t->v);
    if (!(before & LEC_VS_TOTAL)) {
        int after = tui_search_slice(t, TICK_US);
        if (after != before) {
            search_settled(t);
            t->redraw = 1;
        }
        if (!(after & LEC_VS_TOTAL)) return 0;
    }
    if (!t->later) return -1;
    tui_take_whole(t, 0);
    return t->later ? 100 : -1;
}

static void doc_close(tui *t, screen *s)
{
    docscr *ds = s->data;
    if (t->doc_scr == s) t->doc_scr = NULL;
    if (!ds) return;
    /* A document of the library is remembered where it was left, with
     * its marks, as one file is (place.h). */
    if (t->v && t->doc == ds->own) remember_at(t, ds->path);
    lec_jumps_free(t->jumps);
    t->jumps = ds->prev_jumps;
    t->place = ds->prev_place;
    if (t->v != ds->prev_v) lec_view_free(t->v);
    t->v = ds->prev_v;
    t->doc = ds->prev_doc;
    lec_doc_free(ds->own);
    free(ds->pattern);
    free(ds->path);
    free(ds);
}

static const screen_ops doc_ops = {
    .name = "document",
    .draw = doc_draw,
    .status = doc_status,
    .request = doc_request,
    .key = doc_key,
    .resize = doc_resize,
    .tick = doc_tick,
    .close = doc_close,
};

void tui_doc_open(tui *t)
{
    screen *s = tui_push(t, &doc_ops, NULL);
    s->tick_ms = t->later ? 100 : -1;
    t->doc_scr = s;
}

void tui_doc_become(tui *t, screen *s)
{
    s->ops = &doc_ops;
    s->data = NULL;
    s->tick_ms = t->later ? 100 : -1;
    t->doc_scr = s;
}

void tui_doc_open_owned(tui *t, lec_doc *doc, const char *path, lec_from from,
                        const char *pattern, unsigned flags, size_t hit, void *results, size_t rk)
{
    docscr *ds = lec_xcalloc(1, sizeof *ds);
    ds->own = doc;
    ds->path = lec_xstrndup(path, strlen(path));
    ds->from = from;
    /* Its own jump list and marks. */
    ds->prev_jumps = t->jumps;
    ds->prev_place = t->place;
    t->jumps = lec_jumps_new();
    memset(&t->place, 0, sizeof t->place);
    ds->prev_doc = t->doc;
    ds->prev_v = t->v;
    t->doc = doc;
    t->v = lec_view_new(doc, tui_text_cols(t), t->rows, t->ambi);
    if (pattern) {
        /* At the hit, with the search on, as if / had found it. */
        lec_view_search_flags(t->v, flags);
        lec_view_search(t->v, pattern, 1, NULL);
        lec_view_search_show(t->v, hit);
        lec_buf_reset(&t->last_pat);
        lec_buf_puts(&t->last_pat, pattern);
        t->last_dir = 1;
        ds->pattern = lec_xstrndup(pattern, strlen(pattern));
        ds->results = results;
        ds->rk = rk;
    } else {
        /* Where the reader left it. */
        recall_at(t, path);
    }
    t->doc_scr = tui_push(t, &doc_ops, ds);
}
