/*
 * scanlist.c - the simple lists of Markdown found without cmark.
 *
 * API references are full of tight lists, nested by two spaces
 * ("* `options` {Object}" then "  * `encoding` {string} The ..." and the
 * lines that go on with it).  For those the structure is plain from the
 * lines, and this reports the items as doc_walk.c's walk_list would after
 * a cmark parse: each item's range (its lines and its sub-items'), its
 * paragraph, its marker and title.
 *
 * A list is read here only when it is simple all through, else cmark
 * reads it as before:
 *  - every line is an item or goes on with the text of the last item:
 *    an item comes after exactly the indentation of the item that holds
 *    it (none at the top), a bullet (- * +) or a number of 1-9 digits and
 *    . or ), one space and text that begins no other block (no heading,
 *    quote, fence, HTML, definition, list or rule); a line that goes on
 *    is indented to the item's text at least and begins no block that
 *    could interrupt a paragraph -- so every item holds one paragraph,
 *    and maybe lists after it;
 *  - the items of one list share their bullet or delimiter, and a list
 *    inside an item that is numbered begins at 1 (only then can it
 *    interrupt the item's text);
 *  - a blank line ends the list, and the line after it begins neither an
 *    item nor text indented enough to belong to one (or the document
 *    ends);
 *  - an item's text is plain, or has code spans only (one line), so that
 *    its text is known; a bullet item's text may hold other markup after
 *    a start that no marker can begin with (lec_marker_never), as scan.c's
 *    paragraphs.
 */
#include "scan_priv.h"

#include "lectern/marker.h"
#include "lectern/utf8.h"

#include "codespan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The deepest nesting read here; deeper lists are cmark's. */
#define LIST_DEPTH 16

/* An item's line, as read. */
typedef struct item {
    uint32_t start, next;    /* the item's paragraph: its first line, and
                                the start of the line after its last */
    uint32_t line_next;      /* the start of the line after its first */
    uint32_t text, text_end; /* its text, without the blanks at its end */
    uint32_t number;         /* an ordered item's number */
    int depth;
    int content; /* where text of the item's children begins (column) */
    char bullet; /* - * +, or . ) for a number */
} item;

/* Reads the item on line l at column `indent` (the line has exactly that
 * many spaces before it).  Returns 0 when the line is not a simple item. */
static int read_item(const walker *w, const scan_line *l, int indent, item *it)
{
    const char *s = w->doc->src;
    if (l->indent != indent || !scan_line_valid(w, l)) return 0;
    uint32_t i = l->start + (uint32_t)indent, m = i;
    char c = s[i];
    if (c == '-' || c == '*' || c == '+') {
        /* "* * *" is a rule, not an item */
        if ((c == '*' || c == '-') && scan_only(s, l, c, 3, 1)) return 0;
        it->bullet = c;
        it->number = 0;
        m = i + 1;
    } else {
        uint32_t v = 0;
        while (m < l->end && s[m] >= '0' && s[m] <= '9' && m - i < 10)
            v = v * 10 + (uint32_t)(s[m++] - '0');
        if (m == i || m - i > 9 || m >= l->end || (s[m] != '.' && s[m] != ')')) return 0;
        it->bullet = s[m++];
        it->number = v;
    }
    /* one space, then text */
    if (m + 1 >= l->end || s[m] != ' ' || s[m + 1] == ' ' || s[m + 1] == '\t') return 0;
    it->start = l->start;
    it->next = it->line_next = l->next;
    it->text = m + 1;
    uint32_t z = l->end;
    while (z > it->text && (s[z - 1] == ' ' || s[z - 1] == '\t'))
        z--;
    it->text_end = z;
    it->content = (int)(m + 1 - l->start);
    /* The text must begin no block of its own. */
    scan_line t = {it->text, l->end, l->next, 0, 0};
    char f = s[it->text];
    if (f == '>' || f == '<' || f == '[' || scan_atx_level(s, &t) || scan_is_fence(s, &t) ||
        scan_list_start(s, &t))
        return 0;
    if ((f == '*' || f == '-' || f == '_') && scan_only(s, &t, f, 3, 1)) return 0;
    return 1;
}

/* Does line l go on with the paragraph of an item whose text begins at
 * column col?  It must be indented to that column (a lazy line, less
 * indented, is cmark's) and, unless it is indented 4 more (code cannot
 * interrupt a paragraph), begin no block that can interrupt one: a
 * heading, fence, quote, HTML, rule, list item, or a setext underline,
 * which would make the paragraph a heading. */
static int continues(const walker *w, const scan_line *l, int col)
{
    const char *s = w->doc->src;
    if (l->blank || l->indent < col || !scan_line_valid(w, l)) return 0;
    if (l->indent - col >= 4) return 1;
    char c = s[l->start + (uint32_t)l->indent];
    if (c == '>' || c == '<' || scan_atx_level(s, l) || scan_is_fence(s, l) || scan_list_start(s, l))
        return 0;
    if ((c == '=' || c == '-') && scan_only(s, l, c, 1, 0)) return 0;
    return !((c == '*' || c == '-' || c == '_') && scan_only(s, l, c, 3, 1));
}

/* Can the item's text be known (into t), or, for a bullet item, is it
 * known to begin with no marker?  *known says which. */
static int item_text(const walker *w, const item *it, lec_buf *t, int *known)
{
    const char *s = w->doc->src + it->text;
    size_t n = it->text_end - it->text;
    int bullet = it->bullet != '.' && it->bullet != ')';
    lec_buf_reset(t);
    *known = 1;
    if (it->next > it->line_next) {
        /* Lines joined; or the start of the first, as a paragraph's
         * (scan.c) with its code spans, when no marker can begin it. */
        int stop;
        if (scan_join_lines(w, t, it->text, it->next, LEAD_CAP, &stop)) return 1;
        *known = 0;
        return bullet && scan_code_lead_never(w, s, n, 1, t);
    }
    if (scan_plain(w, s, n)) {
        lec_buf_put(t, s, n);
    } else {
        if (!w->valid && !lec_utf8_valid(s, n, NULL)) return 0;
        size_t k = lec_codespan_lead(s, n, scan_markup, t);
        if (k == SIZE_MAX) return 0;
        if (k < n) {
            /* Only a start: enough for a bullet item with no marker. */
            *known = 0;
            if (!bullet) return 0;
            if (!lec_marker_never(t->data ? t->data : "", t->len)) return 0;
        }
    }
    if (*known && t->len > LEAD_CAP) {
        size_t k = LEAD_CAP; /* cut between characters, as lec_md_inline_text */
        while (k > 0 && ((unsigned char)t->data[k] & 0xC0) == 0x80)
            k--;
        t->len = k;
        t->data[k] = '\0';
    }
    return 1;
}

/* Reads the list whose first item is on line l into *items (caller frees
 * with free()) and returns where it ends, or UINT32_MAX when cmark must
 * read it.  Only what decides the structure is looked at, not the texts. */
static uint32_t read_list(walker *w, const scan_line *first, uint32_t end, item **items, size_t *n)
{
    const char *s = w->doc->src;
    size_t cap = 0;
    *items = NULL;
    *n = 0;
    /* the items open at each depth: the bullet of their list, and the
     * column of their children */
    char bullet[LIST_DEPTH];
    int content[LIST_DEPTH];
    int depth = -1;
    scan_line l = *first;
    for (;;) {
        item it;
        int d = depth + 1;
        /* a child of the last item, a sibling of it, or of an item that
         * holds it */
        for (; d >= 0; d--)
            if (read_item(w, &l, d ? content[d - 1] : 0, &it)) break;
        if (d >= 0) {
            if (d > depth) {
                if (d >= LIST_DEPTH) return UINT32_MAX;
                /* a list in an item interrupts its text: numbered, from 1 */
                if (d > 0 && it.bullet != '-' && it.bullet != '*' && it.bullet != '+' &&
                    it.number != 1)
                    return UINT32_MAX;
                bullet[d] = it.bullet;
            } else if (it.bullet != bullet[d]) {
                return UINT32_MAX; /* another list begins: cmark's */
            }
            content[d] = it.content;
            depth = d;
            it.depth = d;
            LEC_GROW(*items, cap, *n + 1);
            (*items)[(*n)++] = it;
        } else if (depth >= 0 && continues(w, &l, content[depth])) {
            (*items)[*n - 1].next = l.next; /* the last item's paragraph goes on */
        } else {
            break;
        }
        if (l.next >= end) {
            /* The range ends with the list: only the document's end is
             * known to end it. */
            return end == w->doc->len ? end : UINT32_MAX;
        }
        scan_read_line(s, l.next, end, &l);
    }
    /* A line that is not an item: it must be blank, and so must all up
     * to one that can belong to no item and begins no item. */
    uint32_t list_end = l.start;
    if (!l.blank) return UINT32_MAX;
    while (l.blank) {
        if (l.next >= end) return end == w->doc->len ? list_end : UINT32_MAX;
        scan_read_line(s, l.next, end, &l);
    }
    if (l.indent < 0 || l.indent >= 2 || scan_list_start(s, &l)) return UINT32_MAX;
    return list_end;
}

uint32_t scan_list_end(walker *w, const scan_line *first, uint32_t end)
{
    item *items;
    size_t n;
    uint32_t to = read_list(w, first, end, &items, &n);
    /* its own buffer: the walker's is not freed after the pass that
     * only finds definitions */
    lec_buf text = LEC_BUF_INIT;
    for (size_t i = 0; to != UINT32_MAX && i < n; i++) {
        int known;
        if (!item_text(w, &items[i], &text, &known)) to = UINT32_MAX;
    }
    lec_buf_free(&text);
    free(items);
    return to > first->start ? to : UINT32_MAX; /* (it always moves on) */
}

void scan_list_walk(walker *w, uint32_t from, uint32_t to)
{
    scan_line first;
    scan_read_line(w->doc->src, from, to, &first);
    item *items;
    size_t n;
    read_list(w, &first, w->doc->len, &items, &n);
    uint32_t last = n ? items[n - 1].next : to;
    doc_add_block(w, from, last < to ? last : to, LEC_BLOCK_LIST, 0);
    /* the items begun and not ended, and each list's first number and
     * items so far */
    size_t open[LIST_DEPTH];
    uint32_t start[LIST_DEPTH];
    int count[LIST_DEPTH];
    int depth = -1;
    for (size_t i = 0; i <= n; i++) {
        int d = i < n ? items[i].depth : -1, prev = depth;
        /* end the items at this depth and deeper */
        for (; depth >= d && depth >= 0; depth--) {
            const item *o = &items[open[depth]];
            lec_event ev = {0};
            ev.type = LEC_EV_ITEM_END;
            ev.start = o->start;
            ev.end = items[i - 1].next;
            doc_emit(w, &ev);
        }
        if (i == n) break;
        const item *it = &items[i];
        if (d > prev) { /* a list begins */
            start[d] = it->number;
            count[d] = 0;
        }
        open[d] = i;
        depth = d;
        /* the item runs to its last sub-item */
        size_t j = i + 1;
        while (j < n && items[j].depth > d)
            j++;
        lec_event ev = {0};
        ev.type = LEC_EV_ITEM_BEGIN;
        ev.start = it->start;
        ev.end = items[j - 1].next;
        int known;
        item_text(w, it, &w->text, &known);
        int ordered = it->bullet == '.' || it->bullet == ')';
        if (known)
            doc_item_describe(w, &ev, (int)start[d] + count[d],
                              ordered ? w->doc->src + it->start +
                                            (uint32_t)(d ? items[open[d - 1]].content : 0)
                                      : NULL,
                              w->doc->src + w->doc->len);
        count[d]++;
        doc_emit(w, &ev);
        /* its paragraph: the line */
        lec_event p = {0};
        p.type = LEC_EV_BLOCK;
        p.start = it->start;
        p.end = it->next;
        doc_emit(w, &p);
    }
    free(items);
}
