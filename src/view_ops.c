/*
 * view_ops.c - what the reader does to a view: folds and jumps, and
 * where the cursor is in the tree (the search is view_search.c).
 */
#include "view_priv.h"

#include "lectern/addr.h"
#include "lectern/utf8.h"

#include <stdlib.h>
#include <string.h>

/* ---- nodes and folds -------------------------------------------------- */

static void range(const lec_view *v, uint32_t id, uint32_t *s, uint32_t *e)
{
    vnode_range(v, id, s, e);
}

/* The last node starting at or before off (0: none). */
static uint32_t last_node_from(const lec_view *v, uint32_t off)
{
    size_t lo = 1, hi = lec_doc_node_count(v->doc);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint32_t s, e;
        range(v, (uint32_t)mid, &s, &e);
        if (s <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (uint32_t)(lo - 1);
}

/* The innermost node whose range holds src (0: the root). */
uint32_t node_at(const lec_view *v, uint32_t src)
{
    uint32_t id = last_node_from(v, src);
    while (id != 0 && id != LEC_NONE) {
        uint32_t s, e;
        range(v, id, &s, &e);
        if (s <= src && src < e) return id;
        id = lec_node_parent(v->doc, id);
    }
    return 0;
}

/* The outermost folded node whose range holds src, or LEC_NONE. */
uint32_t folded_over(const lec_view *v, uint32_t src)
{
    /* The preamble holds no node: nothing folds around it. */
    if (v->pre_folded && view_in_pre(v, src)) return VN_PRE;
    uint32_t found = LEC_NONE;
    for (uint32_t id = node_at(v, src); id != 0 && id != LEC_NONE;
         id = lec_node_parent(v->doc, id))
        if (v->folded[id]) found = id;
    return found;
}

int lec_view_folded(const lec_view *v, uint32_t node)
{
    return node < lec_doc_node_count(v->doc) && v->folded[node];
}

/* The node of the cursor row: a summary's node, or the node around its text. */
static uint32_t cursor_node(lec_view *v, int *on_first_row)
{
    vpos c = vpos_cursor(v);
    vblock *e = vblock_get(v, c.b);
    if (c.vi < e->nvis && e->vis[c.vi].row < 0) {
        if (on_first_row) *on_first_row = 1;
        /* The preamble is the root's. */
        return e->vis[c.vi].node == VN_PRE ? 0 : e->vis[c.vi].node;
    }
    uint32_t src, chr;
    vpos_text(v, c, &src, &chr);
    uint32_t id = node_at(v, src);
    if (on_first_row) {
        uint32_t s, end;
        range(v, id, &s, &end);
        *on_first_row = id != 0 && s == src && chr == 0;
    }
    return id;
}

uint32_t lec_view_current(lec_view *v)
{
    return cursor_node(v, NULL);
}

/* Opens the folds around a node (not the node itself). */
static int reveal(lec_view *v, uint32_t id)
{
    int changed = 0;
    for (uint32_t p = lec_node_parent(v->doc, id); p != 0 && p != LEC_NONE;
         p = lec_node_parent(v->doc, p))
        if (v->folded[p]) v->folded[p] = 0, changed = 1;
    if (changed) view_folds_changed(v);
    return changed;
}

/* Moves the cursor to the text (src, chr): where it is when on screen,
 * else with the row a third of the way down. */
void view_show_text(lec_view *v, uint32_t src, uint32_t chr)
{
    vpos target;
    if (!vpos_find(v, src, chr, &target)) return;
    vpos p = v->top;
    for (int i = 0; i < v->rows; i++) {
        if (p.b == target.b && p.vi == target.vi) {
            v->cur = i;
            return;
        }
        if (!vpos_next(v, &p)) break;
    }
    vpos_place(v, target, v->rows / 3);
}

void lec_view_goto_node(lec_view *v, uint32_t node)
{
    if (node == 0 || node >= lec_doc_node_count(v->doc)) {
        lec_view_top(v);
        return;
    }
    reveal(v, node);
    uint32_t s, e;
    range(v, node, &s, &e);
    view_show_text(v, s, 0);
}

/* Is the node on the screen as a row of its own (not inside a fold)? */
static int node_shown(const lec_view *v, uint32_t id)
{
    if (v->contents) return 1;
    uint32_t s, e;
    range(v, id, &s, &e);
    uint32_t f = folded_over(v, s);
    return f == LEC_NONE || f == id;
}

int lec_view_next_node(lec_view *v, int dir)
{
    int first_row;
    uint32_t cur = cursor_node(v, &first_row);
    uint32_t src, chr;
    vpos_text(v, vpos_cursor(v), &src, &chr);
    size_t count = lec_doc_node_count(v->doc);
    if (dir > 0) {
        for (uint32_t id = last_node_from(v, src) + 1; id < count;) {
            uint32_t s, e;
            range(v, id, &s, &e);
            if (s > src && node_shown(v, id)) {
                lec_view_goto_node(v, id);
                return 1;
            }
            /* Past a fold, its inside is not walked node by node. */
            uint32_t f = s > src ? folded_over(v, s) : LEC_NONE;
            if (f != LEC_NONE && f != id) {
                uint32_t fs, fe;
                range(v, f, &fs, &fe);
                id = last_node_from(v, fe - 1) + 1;
            } else {
                id++;
            }
        }
        return 0;
    }
    /* Back: to the start of the node we are in, else the one before. */
    if (cur != 0 && !first_row) {
        lec_view_goto_node(v, cur);
        return 1;
    }
    uint32_t s0, e0;
    range(v, cur, &s0, &e0);
    uint32_t from = cur != 0 ? s0 : src;
    for (uint32_t id = last_node_from(v, from ? from - 1 : 0); id != 0 && id != LEC_NONE; id--) {
        uint32_t s, e;
        range(v, id, &s, &e);
        if (s >= from) continue;
        if (node_shown(v, id)) {
            lec_view_goto_node(v, id);
            return 1;
        }
        uint32_t f = folded_over(v, s);
        if (f != LEC_NONE) {
            lec_view_goto_node(v, f);
            return 1;
        }
    }
    return 0;
}

int lec_view_next_sibling(lec_view *v, int dir)
{
    uint32_t cur = cursor_node(v, NULL);
    uint32_t target = LEC_NONE;
    if (cur == 0) {
        /* Before the first section: the top-level nodes are the siblings. */
        uint32_t src, chr;
        vpos_text(v, vpos_cursor(v), &src, &chr);
        for (uint32_t c = lec_node_first_child(v->doc, 0); c != LEC_NONE;
             c = lec_node_next_sibling(v->doc, c)) {
            uint32_t s, e;
            range(v, c, &s, &e);
            if (dir > 0 && s > src) {
                target = c;
                break;
            }
        }
    } else if (dir > 0) {
        target = lec_node_next_sibling(v->doc, cur);
    } else {
        uint32_t parent = lec_node_parent(v->doc, cur);
        for (uint32_t c = lec_node_first_child(v->doc, parent); c != LEC_NONE && c != cur;
             c = lec_node_next_sibling(v->doc, c))
            target = c;
    }
    if (target == LEC_NONE) return 0;
    lec_view_goto_node(v, target);
    return 1;
}

int lec_view_goto(lec_view *v, const char *addr, lec_buf *err)
{
    uint32_t id = LEC_NONE;
    lec_buf near = LEC_BUF_INIT;
    /* ".2" is relative: the current node's, else the nearest ancestor's
     * that has it.  "２．３" (typed full-width) starts with no ".". */
    if (addr[0] == '.' && addr[1] != '.') {
        for (uint32_t base = cursor_node(v, NULL); base != LEC_NONE && id == LEC_NONE;
             base = base ? lec_node_parent(v->doc, base) : LEC_NONE)
            id = lec_addr_resolve(v->doc, addr, base, NULL);
    } else {
        id = lec_addr_resolve(v->doc, addr, 0, &near);
    }
    if (id == LEC_NONE) {
        if (err) {
            lec_buf_printf(err, "no node at %s", addr);
            if (near.len) lec_buf_printf(err, "; nearest: %s", near.data);
        }
        lec_buf_free(&near);
        return 0;
    }
    lec_buf_free(&near);
    lec_view_goto_node(v, id);
    return 1;
}

void lec_view_address(lec_view *v, lec_buf *out)
{
    lec_addr_of(v->doc, cursor_node(v, NULL), out);
}

/* ---- folding ---------------------------------------------------------- */

static void set_all(lec_view *v, int folded)
{
    size_t count = lec_doc_node_count(v->doc);
    memset(v->folded, folded, count);
    v->folded[0] = 0;
    v->pre_folded = folded && v->pre_e > v->pre_s;
}

void view_unfold(lec_view *v, uint32_t id)
{
    if (id == VN_PRE)
        v->pre_folded = 0;
    else
        v->folded[id] = 0;
}

/* Where the cursor's text is (a summary: its node's start). */
static uint32_t cursor_src(lec_view *v)
{
    uint32_t src, chr;
    vpos_text(v, vpos_cursor(v), &src, &chr);
    return src;
}

void view_leave_contents(lec_view *v, uint32_t keep)
{
    if (!v->contents) return;
    v->contents = 0;
    set_all(v, 1);
    for (uint32_t p = keep; p != 0 && p != LEC_NONE; p = lec_node_parent(v->doc, p))
        v->folded[p] = 0;
}

/* Tab, zo, zc on the root's rows: the header shows its raw lines or not,
 * the preamble folds.  Returns 0 when the cursor is on neither. */
static int fold_root(lec_view *v, int how, lec_vpos *here)
{
    uint32_t src = cursor_src(v);
    if (view_header_src(v, src)) {
        int raw = how == LEC_FOLD_TOGGLE ? !v->fm_raw : how == LEC_FOLD_OPEN;
        if (raw != v->fm_raw) {
            v->fm_raw = raw;
            view_header_changed(v);
        }
        /* The cursor to the header's first row. */
        size_t fs, fe;
        lec_doc_frontmatter(v->doc, &fs, &fe);
        here->src = raw || !v->title_b ? (uint32_t)fs : v->title_src;
        here->chr = 0;
        return 1;
    }
    if (!view_in_pre(v, src)) return 0;
    int was_contents = v->contents;
    view_leave_contents(v, 0);
    if (how == LEC_FOLD_TOGGLE)
        v->pre_folded = was_contents ? 0 : !v->pre_folded;
    else
        v->pre_folded = how == LEC_FOLD_CLOSE;
    v->cycle = CYCLE_NONE;
    return 1;
}

/* Leaving the "contents" state for real folds: everything folded but
 * the way to the node the reader is on. */
int lec_view_fold(lec_view *v, int how)
{
    lec_vpos here = lec_view_tell(v);
    uint32_t cur = cursor_node(v, NULL);
    int did = 1;
    switch (how) {
    case LEC_FOLD_TOGGLE:
    case LEC_FOLD_OPEN:
    case LEC_FOLD_CLOSE: {
        if (cur == 0) {
            if (!fold_root(v, how, &here)) return 0;
            break;
        }
        int was_contents = v->contents;
        view_leave_contents(v, cur);
        if (how == LEC_FOLD_TOGGLE)
            v->folded[cur] = was_contents ? 0 : !v->folded[cur];
        else
            v->folded[cur] = how == LEC_FOLD_CLOSE;
        v->cycle = CYCLE_NONE;
        break;
    }
    case LEC_FOLD_ALL:
        /* Nothing to fold: the caller says so. */
        if (lec_doc_node_count(v->doc) <= 1) return 0;
        v->contents = 0;
        set_all(v, 1);
        v->cycle = CYCLE_OVERVIEW;
        break;
    case LEC_FOLD_NONE:
        v->contents = 0;
        set_all(v, 0);
        v->cycle = CYCLE_ALL;
        break;
    case LEC_FOLD_CYCLE:
        if (lec_doc_node_count(v->doc) <= 1) return 0;
        if (v->cycle == CYCLE_OVERVIEW) {
            set_all(v, 0);
            v->contents = 1;
            v->cycle = CYCLE_CONTENTS;
        } else if (v->cycle == CYCLE_CONTENTS) {
            v->contents = 0;
            set_all(v, 0);
            v->cycle = CYCLE_ALL;
        } else {
            v->contents = 0;
            set_all(v, 1);
            v->cycle = CYCLE_OVERVIEW;
        }
        break;
    default:
        did = 0;
    }
    view_folds_changed(v);
    /* Whatever was under the cursor: the row itself, or the fold around it. */
    vpos target;
    if (vpos_find(v, here.src, here.chr, &target)) vpos_place(v, target, here.screen_row);
    return did;
}

void lec_view_parent(lec_view *v)
{
    int first_row;
    uint32_t cur = cursor_node(v, &first_row);
    if (cur == 0) {
        /* In the preamble: to its start, then fold it. */
        uint32_t src, chr;
        vpos_text(v, vpos_cursor(v), &src, &chr);
        if (v->contents || !view_in_pre(v, src)) return;
        if (src != v->pre_s || chr != 0)
            view_show_text(v, v->pre_s, 0);
        else if (!v->pre_folded)
            lec_view_fold(v, LEC_FOLD_CLOSE);
        return;
    }
    if (!first_row) {
        lec_view_goto_node(v, cur);
    } else if (!v->folded[cur] && !v->contents) {
        lec_view_fold(v, LEC_FOLD_CLOSE);
    } else {
        uint32_t parent = lec_node_parent(v->doc, cur);
        if (parent != 0 && parent != LEC_NONE) lec_view_goto_node(v, parent);
    }
}

void lec_view_enter(lec_view *v)
{
    int first_row;
    uint32_t cur = cursor_node(v, &first_row);
    if (cur != 0 && first_row && (v->folded[cur] || v->contents)) lec_view_fold(v, LEC_FOLD_OPEN);
    if (cur == 0 && view_in_pre(v, cursor_src(v)) && (v->pre_folded || v->contents))
        lec_view_fold(v, LEC_FOLD_OPEN);
    /* Into the node: the next row that has something on it. */
    lec_line l = LEC_LINE_INIT;
    while (lec_view_move(v, 1) == 1) {
        lec_view_row(v, v->cur, &l);
        if (l.kind != LEC_ROW_TEXT || l.width > 0) break;
    }
    lec_line_free(&l);
}

void lec_view_show(lec_view *v, lec_vpos p)
{
    /* The folds around the place open, as for a match. */
    if (v->contents) view_leave_contents(v, node_at(v, p.src));
    uint32_t f;
    int changed = 0;
    while ((f = folded_over(v, p.src)) != LEC_NONE) {
        view_unfold(v, f);
        changed = 1;
    }
    if (changed) view_folds_changed(v);
    /* Where it is on the screen, or on the screen row it was on. */
    vpos target;
    if (!vpos_find(v, p.src, p.chr, &target)) return;
    vpos q = v->top;
    for (int i = 0; i < v->rows; i++) {
        if (q.b == target.b && q.vi == target.vi) {
            v->cur = i;
            return;
        }
        if (!vpos_next(v, &q)) break;
    }
    vpos_place(v, target, p.screen_row);
}

/* ---- the breadcrumb --------------------------------------------------- */

/* Appends a crumb: the marker and at most max characters of the title. */
static void crumb(const lec_view *v, uint32_t id, int max, lec_buf *out)
{
    size_t ml, tl;
    const char *m = lec_node_marker(v->doc, id, &ml);
    const char *t = lec_node_title(v->doc, id, &tl);
    lec_buf_put(out, m, ml);
    if (max <= 0 && ml) return;
    if (ml && tl && lec_marker_spaced(m, ml)) lec_buf_putc(out, ' ');
    size_t i = 0;
    int n = 0;
    while (i < tl && n < (max > 0 ? max : 12)) {
        int32_t cp;
        i += (size_t)lec_utf8_decode(t + i, tl - i, &cp);
        n++;
    }
    lec_buf_put(out, t, i);
    if (i < tl) lec_buf_puts(out, "…");
}

void lec_view_breadcrumb(lec_view *v, int cols, lec_buf *out)
{
    lec_view_breadcrumb_of(v, cursor_node(v, NULL), cols, out);
}

void lec_view_breadcrumb_of(lec_view *v, uint32_t node, int cols, lec_buf *out)
{
    uint32_t chain[64];
    int n = 0;
    for (uint32_t id = node; id != 0 && id != LEC_NONE && n < 64;
         id = lec_node_parent(v->doc, id))
        chain[n++] = id;
    static const int limits[] = {40, 16, 12, 8, 4, 2, 0};
    lec_buf b = LEC_BUF_INIT;
    for (size_t li = 0; li < sizeof limits / sizeof *limits; li++) {
        for (int drop = 0; drop < n; drop++) {
            lec_buf_reset(&b);
            if (drop) lec_buf_puts(&b, "… › ");
            for (int k = n - 1 - drop; k >= 0; k--) {
                /* The innermost crumb keeps its full short title longest. */
                crumb(v, chain[k], k == 0 && limits[li] < 4 ? 4 : limits[li], &b);
                if (k) lec_buf_puts(&b, " › ");
            }
            if ((int)lec_str_width(b.data, b.len, v->ambi) <= cols) {
                lec_buf_put(out, b.data, b.len);
                lec_buf_free(&b);
                return;
            }
            if (li + 1 < sizeof limits / sizeof *limits) break; /* shorten titles first */
        }
    }
    /* Still too wide: the innermost crumb, cut to the room. */
    lec_buf_reset(&b);
    if (n) crumb(v, chain[0], 4, &b);
    size_t i = lec_fit(b.data, b.len, cols, v->ambi, NULL);
    lec_buf_put(out, b.data ? b.data : "", i);
    lec_buf_free(&b);
}

/* ---- taking over from a partial view ------------------------------------ */

void lec_view_adopt(lec_view *v, lec_view *from)
{
    size_t nf = lec_doc_node_count(from->doc), nv = lec_doc_node_count(v->doc);
    for (uint32_t i = 1; i < nf; i++) {
        if (!from->folded[i]) continue;
        size_t s, e;
        lec_node_range(from->doc, i, &s, &e);
        /* Nodes that begin together (a section and its first point may)
         * are told apart by depth. */
        int depth = lec_node_depth(from->doc, i);
        for (uint32_t j = lec_doc_node_at(v->doc, s); j != LEC_NONE && j < nv; j++) {
            size_t js, je;
            lec_node_range(v->doc, j, &js, &je);
            if (js != s) break;
            if (lec_node_depth(v->doc, j) == depth) {
                v->folded[j] = 1;
                break;
            }
        }
    }
    v->contents = from->contents;
    v->cycle = from->cycle;
    v->pre_folded = from->pre_folded && v->pre_e > v->pre_s;
    v->fm_raw = from->fm_raw;
    view_folds_changed(v);
    lec_view_seek(v, lec_view_tell(from));
}
