/*
 * scan.c - the blocks of Markdown found without cmark, where that is safe.
 *
 * Speeches are mostly paragraphs and headings.  For those the block
 * structure is plain from the lines: a paragraph runs to a blank line or
 * to a line that interrupts it, an ATX heading is one line, a setext
 * heading is a paragraph with an underline.  This scanner reports them
 * exactly as doc_walk.c would after a cmark parse, and hands everything
 * else -- lists, quotes, code, HTML, link definitions, a paragraph that a
 * list item or an HTML block might interrupt -- to cmark, from the start
 * of that block to the next place where a block surely begins
 * (lec_chunk_next).
 *
 * The inline text of a paragraph (for its marker and title) is the
 * paragraph's own text, lines joined as lec_md_inline_text joins them,
 * unless it holds characters that may be markup (* _ ` [ ] < > & \ !),
 * invalid UTF-8 or NUL: then cmark parses that paragraph alone.
 */
#include "scan_priv.h"

#include "lectern/bytes.h"
#include "lectern/chunk.h"
#include "lectern/marker.h"
#include "lectern/utf8.h"

#include "codespan.h"

#include <string.h>

/* A title is at most TITLE_MAX bytes, and a short lead takes a clause
 * more: this much of a paragraph is enough to describe it. */
#define SCAN_CAP (TITLE_MAX + 256)

/* Lines whose first character decides that cmark must read them.  Inside
 * a paragraph (in_para) a '[' is not one: a link definition cannot
 * interrupt a paragraph, so such a line goes on with it. */
static int needs_cmark(const char *s, const scan_line *l, int in_para)
{
    if (l->indent < 0 || l->indent >= 4) return 1; /* tabs, indented code */
    char c = s[l->start + (uint32_t)l->indent];
    if (c == '>' || c == '<' || (c == '[' && !in_para) || scan_is_fence(s, l) ||
        scan_list_start(s, l))
        return 1;
    if ((c == '*' || c == '-' || c == '_') && scan_only(s, l, c, 3, 1)) return 1; /* thematic break */
    return 0;
}

/* ---- text ------------------------------------------------------------- */


/* Inline markup: cmark's text runs up to it as written. */
static int inline_markup(char c)
{
    return c != '\0' && c != '\v' && c != '\f' && c != '\r';
}

int scan_join_lines(const walker *w, lec_buf *out, uint32_t from, uint32_t to, size_t cap, int *stop)
{
    const char *s = w->doc->src;
    lec_buf_reset(out);
    for (uint32_t pos = from; pos < to && out->len < cap;) {
        uint32_t a = pos;
        size_t joined = out->len; /* before a soft break's space */
        while (a < to && (s[a] == ' ' || s[a] == '\t')) a++;
        if (out->len && a < to && s[a] != '\n' && s[a] != '\r') {
            unsigned char x = (unsigned char)out->data[out->len - 1];
            if (x < 0x80 || (unsigned char)s[a] < 0x80) lec_buf_putc(out, ' ');
        }
        size_t room = cap - out->len;
        /* A paragraph is often one long line, of which only the first
         * room bytes are kept: its end is looked for no further. */
        uint32_t look = to - a > room + 1 ? a + (uint32_t)room + 1 : to;
        uint32_t z;
        int cut;
        scan_line l;
        if (look < to && s[look - 1] != ' ' && s[look - 1] != '\t' && s[look - 1] != '\r' &&
            !memchr(s + a, '\n', look - a)) {
            cut = 1; /* the line goes on past what is kept */
        } else {
            scan_read_line(s, pos, to, &l);
            z = l.end;
            a = a < z ? a : z;
            while (z > a && (s[z - 1] == ' ' || s[z - 1] == '\t')) z--;
            cut = z - a > room;
        }
        /* Only what is kept needs to be plain; nothing after a cut. */
        if (cut) {
            z = a + (uint32_t)room;
            while (z > a && ((unsigned char)s[z] & 0xC0) == 0x80) z--;
        }
        size_t k = lec_bytes_ascii_in(s + a, z - a, scan_markup);
        int valid = w->valid || lec_utf8_valid(s + a, k, NULL);
        if (k < z - a || !valid) {
            if (!stop) return 0;
            *stop = STOP_UNUSABLE;
            if (k == z - a || !valid || !inline_markup(s[a + k])) return 0;
            if (k == 0 && joined) {
                out->len = joined; /* the space depends on what follows */
                *stop = STOP_AT_LINE;
            } else {
                lec_buf_put(out, s + a, k);
                *stop = STOP_IN_LINE;
            }
            return 0;
        }
        lec_buf_put(out, s + a, z - a);
        if (cut) return 1;
        pos = l.next;
    }
    return 1;
}

/* The text cmark gives the first block of src[from..to). */
static void cmark_text(walker *w, uint32_t from, uint32_t to, size_t cap)
{
    lec_md md;
    doc_parse(w, &md, from, to);
    lec_buf_reset(&w->text);
    cmark_node *b = cmark_node_first_child(md.root);
    if (b) lec_md_inline_text(b, &w->text, cap);
    lec_md_free(&md);
}

/* ---- blocks ----------------------------------------------------------- */

int scan_prose_start(lec_buf *t, int stop)
{
    const char *p = t->data ? t->data : "";
    size_t n = t->len;
    lec_marker m;
    if (stop == STOP_IN_LINE || (n && (unsigned char)p[n - 1] >= 0x80))
        return lec_marker_never(p, n);
    /* After ASCII a soft break is a space when any text follows it; the
     * text may also end here. */
    if (lec_marker_scan(p, n, LEC_MARK_BLOCK, &m)) return 0;
    lec_buf_putc(t, ' ');
    return lec_marker_never(t->data, t->len);
}

/* Is no marker at the start of the paragraph src[from..to) when its
 * first line's code spans are read too ("`error` cannot be ...")?  Only
 * those of the first line: a span may run across lines. */
static int code_start(walker *w, uint32_t from, uint32_t to)
{
    const char *s = w->doc->src;
    scan_line l;
    scan_read_line(s, from, to, &l);
    uint32_t a = l.start + (uint32_t)l.indent, z = l.end;
    while (z > a && (s[z - 1] == ' ' || s[z - 1] == '\t'))
        z--;
    return l.indent >= 0 && s[a] == '`' && scan_code_lead_never(w, s + a, z - a, l.next < to, &w->text);
}

static void paragraph(walker *w, uint32_t from, uint32_t to)
{
    doc_add_block(w, from, to, LEC_BLOCK_PARAGRAPH, 0);
    lec_event ev = {0};
    ev.type = LEC_EV_BLOCK;
    ev.start = from;
    ev.end = to;
    /* Most paragraphs begin with no marker: a look at their first
     * characters (joined, in case a line break falls inside the marker)
     * is enough for those, or at those before the first markup. */
    int stop = STOP_UNUSABLE;
    lec_marker m;
    if (scan_join_lines(w, &w->text, from, to, 32, &stop)) {
        if (!lec_marker_scan(w->text.data ? w->text.data : "", w->text.len, LEC_MARK_BLOCK, &m)) {
            doc_emit(w, &ev);
            return;
        }
    } else if ((stop != STOP_UNUSABLE && scan_prose_start(&w->text, stop)) || code_start(w, from, to)) {
        doc_emit(w, &ev); /* as doc_describe leaves plain prose */
        return;
    }
    if (!scan_join_lines(w, &w->text, from, to, SCAN_CAP, NULL)) cmark_text(w, from, to, SCAN_CAP);
    doc_describe(w, &ev, w->text.data ? w->text.data : "", w->text.len, LEC_MARK_BLOCK, 0);
    doc_emit(w, &ev);
}

/* A heading: an ATX line, or paragraph lines [from, text_to) underlined. */
static void heading(walker *w, uint32_t from, uint32_t text_to, uint32_t to, int level, int atx)
{
    const char *s = w->doc->src;
    doc_add_block(w, from, to, LEC_BLOCK_HEADING, level);
    lec_event ev = {0};
    ev.type = LEC_EV_HEADING;
    ev.level = (uint8_t)level;
    ev.start = from;
    ev.end = to;
    int ok;
    if (atx) {
        scan_line l;
        scan_read_line(s, from, to, &l);
        uint32_t a = l.start + (uint32_t)l.indent + (uint32_t)level, z = l.end;
        while (a < z && (s[a] == ' ' || s[a] == '\t')) a++;
        while (z > a && (s[z - 1] == ' ' || s[z - 1] == '\t')) z--;
        /* A closing run of # goes, when a blank stands before it. */
        uint32_t h = z;
        while (h > a && s[h - 1] == '#') h--;
        if (h == a || s[h - 1] == ' ' || s[h - 1] == '\t') {
            z = h;
            while (z > a && (s[z - 1] == ' ' || s[z - 1] == '\t')) z--;
        }
        ok = scan_plain(w, s + a, z - a);
        if (ok) {
            lec_buf_reset(&w->text);
            uint32_t n = z - a;
            if (n > HEADING_CAP) {
                n = HEADING_CAP; /* cut between characters */
                while (n > 0 && ((unsigned char)s[a + n] & 0xC0) == 0x80) n--;
            }
            lec_buf_put(&w->text, s + a, n);
        } else if (w->valid || lec_utf8_valid(s + a, z - a, NULL)) {
            /* "### `fs.access(path)`": code spans are all its markup. */
            lec_buf_reset(&w->text);
            ok = lec_codespan_text(s + a, z - a, scan_markup, &w->text);
            if (ok && w->text.len > HEADING_CAP) {
                size_t n = HEADING_CAP; /* cut between characters, as cmark_text */
                while (n > 0 && ((unsigned char)w->text.data[n] & 0xC0) == 0x80) n--;
                w->text.len = n;
                w->text.data[n] = '\0';
            }
        }
    } else {
        ok = scan_join_lines(w, &w->text, from, text_to, HEADING_CAP, NULL);
    }
    if (!ok) cmark_text(w, from, to, HEADING_CAP);
    doc_describe(w, &ev, w->text.data ? w->text.data : "", w->text.len, LEC_MARK_HEADING, 1);
    doc_emit(w, &ev);
}

/* ---- code and comments ------------------------------------------------ */

/* Does the line open an HTML comment block ("<!--", CommonMark's kind 2)? */
static int comment_start(const char *s, const scan_line *l)
{
    uint32_t i = l->start + (uint32_t)l->indent;
    return l->indent >= 0 && l->indent < 4 && l->end - i >= 4 && memcmp(s + i, "<!--", 4) == 0;
}

/* Does s[0..n) hold "-->"? */
static int has_comment_end(const char *s, size_t n)
{
    for (const char *p = s, *z = s + n; (p = memchr(p, '>', (size_t)(z - p))) != NULL; p++)
        if (p - s >= 2 && p[-1] == '-' && p[-2] == '-') return 1;
    return 0;
}

/* The end of a block left open at the end of the range: it runs to the
 * end of the document, without its blank lines there, as doc_walk.c gives
 * it.  If the range ends before the document does, the scan cannot know
 * (UINT32_MAX): cmark reads it. */
static uint32_t open_to_end(const walker *w, uint32_t from, uint32_t end)
{
    return end == w->doc->len ? doc_drop_blank_tail(w->doc->src, from, end) : UINT32_MAX;
}

/* Where the fenced code block opened by line o ends: after the first
 * closing line (indented 0-3 spaces, at least as many of the same fence
 * character, then only spaces and tabs).  A closing line is ASCII, so
 * invalid bytes inside the block change nothing; a tab in the indent
 * takes it to column 4, where it no longer closes. */
static uint32_t fence_end(const walker *w, const scan_line *o, uint32_t end)
{
    const char *s = w->doc->src;
    uint32_t i = o->start + (uint32_t)o->indent, k = i;
    char c = s[i];
    while (k < o->end && s[k] == c) k++;
    uint32_t need = k - i;
    for (uint32_t pos = o->next; pos < end;) {
        scan_line l;
        scan_read_line(s, pos, end, &l);
        pos = l.next;
        if (l.indent < 0 || l.indent > 3) continue;
        uint32_t a = l.start + (uint32_t)l.indent, z = a;
        while (z < l.end && s[z] == c) z++;
        if (z - a < need) continue;
        while (z < l.end && (s[z] == ' ' || s[z] == '\t')) z++;
        if (z == l.end) return l.next;
    }
    return open_to_end(w, o->start, end);
}

/* Where the HTML comment block opened by line o ends: after the first
 * line holding "-->", looked for from the "<" on the opening line.  cmark
 * looks at a line made valid UTF-8, which can lose a "-->" cut short at the
 * end (chunk.c): a closing line that is not valid is left to cmark
 * (UINT32_MAX).  Making a line valid never makes a "-->". */
static uint32_t comment_end(const walker *w, const scan_line *o, uint32_t end)
{
    const char *s = w->doc->src;
    scan_line l = *o;
    for (uint32_t from = l.start + (uint32_t)l.indent;; from = l.start) {
        if (has_comment_end(s + from, l.end - from)) return scan_line_valid(w, &l) ? l.next : UINT32_MAX;
        if (l.next >= end) break;
        scan_read_line(s, l.next, end, &l);
    }
    return open_to_end(w, o->start, end);
}

static int has_def_colon(const char *s, size_t n);

/* Does the line begin a quote's line: '>' after at most 3 spaces? */
static int quote_line(const walker *w, const char *s, const scan_line *l)
{
    return l->indent >= 0 && l->indent < 4 && s[l->start + (uint32_t)l->indent] == '>' &&
           scan_line_valid(w, l);
}

/* Where the block quote opened by line o ends, when every one of its lines
 * begins with '>' and a blank line (or the end of the document) follows
 * the last: a line that does not begin with '>' goes on the quote only
 * lazily, as text of a paragraph, and a blank one never does.  The walk
 * looks into no quote, so this is all it needs.  Else, and when the quote
 * may hold a link definition (which resolves links in the whole range),
 * cmark reads it (UINT32_MAX). */
static uint32_t quote_end(const walker *w, const scan_line *o, uint32_t end)
{
    const char *s = w->doc->src;
    scan_line l = *o;
    while (l.next < end) {
        scan_read_line(s, l.next, end, &l);
        if (quote_line(w, s, &l)) continue;
        if (!l.blank) return UINT32_MAX;
        return has_def_colon(s + o->start, l.start - o->start) ? UINT32_MAX : l.start;
    }
    if (end != w->doc->len || has_def_colon(s + o->start, end - o->start)) return UINT32_MAX;
    return end;
}

/* A block the scan reports whole, with nothing inside looked at. */
static void opaque(walker *w, uint32_t from, uint32_t to, int kind)
{
    doc_add_block(w, from, to, kind, 0);
    lec_event ev = {0};
    ev.type = LEC_EV_BLOCK;
    ev.start = from;
    ev.end = to;
    doc_emit(w, &ev);
}

/* ---- link reference definitions --------------------------------------- */

/* A whole-range parse resolves a reference link with a definition
 * anywhere in the range, before or after it; a part that cmark parses
 * alone, or a paragraph, is given the definitions it names (doc_parse).
 * So the definitions are found first (doc_scan_defs, doc.c).  A
 * definition sits at the start of a paragraph: the scan hands any line
 * starting with '[' to cmark, whose top-level definitions are then the
 * text between its blocks (doc_keep_defs), as when cmark reads the whole
 * range.  One inside a list or quote leaves no trace in cmark's tree and
 * is not collected, but resolves links in its range: a range that may
 * hold one is read whole by cmark (unsure). */
typedef struct defs_pass {
    lec_buf *defs;
    int unsure;
    doc_steps *steps; /* what the walk will do, in order */
} defs_pass;

/* Could the "]:" at s[k - 1] end a definition's label?  Not when the
 * label would be empty ("[]:"), nor when it follows a ']' and so does not
 * start a paragraph ("[`f()`][x]:", as API references list their
 * functions): a label holds no unescaped bracket.  Else maybe. */
static int label_end(const char *s, size_t k)
{
    size_t i = k - 1; /* the ']' */
    while (i > 0 && s[i - 1] != '[' && s[i - 1] != ']' && s[i - 1] != '\\' && k - i < 1000) i--;
    if (i == 0 || s[i - 1] != '[') return 1; /* not a simple label */
    i--;                                    /* the '[' */
    if (i > 0 && s[i - 1] == '\\') return 1;
    return !(i + 1 == k - 1 || (i > 0 && s[i - 1] == ']' && (i < 2 || s[i - 2] != '\\')));
}

/* Can s[0..n) hold a definition (its label's "]:")? */
static int has_def_colon(const char *s, size_t n)
{
    for (const char *p = s, *z = s + n; (p = memchr(p, ':', (size_t)(z - p))) != NULL; p++)
        if (p > s && p[-1] == ']' && label_end(s, (size_t)(p - s))) return 1;
    return 0;
}

/* Could a paragraph whose text begins at s begin with a definition: a
 * label ('[', no unescaped bracket, ']') and then ':'? */
static int def_like(const char *s, const char *z)
{
    if (s >= z || *s != '[') return 0;
    for (const char *p = s + 1; p < z; p++) {
        if (*p == '\\')
            p++;
        else if (*p == '[')
            return 0;
        else if (*p == ']')
            return p + 1 < z && p[1] == ':';
    }
    return 0;
}

/* Does cmark take the top-level paragraph s[0..n), which begins like a
 * definition (def_like), for one?  Asked of cmark itself: the paragraph
 * alone, then its label as a reference, which is a link only when the
 * definition was taken.  ("[^1]: An implementation of" is a paragraph:
 * text follows the destination.) */
static int takes_def(const char *s, size_t n)
{
    size_t k = 1;
    while (k < n && s[k] != ']') k += s[k] == '\\' ? 2 : 1;
    if (k >= n) return 1;
    lec_buf b = LEC_BUF_INIT;
    lec_buf_put(&b, s, n);
    lec_buf_puts(&b, "\n\n");
    lec_buf_put(&b, s, k + 1);
    /* Not at the end of its line: cmark would read a character cut short
     * there, "]" and all, as one U+FFFD ("[\xf0x]"). */
    lec_buf_puts(&b, " x\n");
    lec_md md;
    lec_md_parse(&md, b.data, 0, (uint32_t)b.len, NULL, 0);
    cmark_node *last = cmark_node_last_child(md.root);
    cmark_node *first = last ? cmark_node_first_child(last) : NULL;
    int link = !first || cmark_node_get_type(first) == CMARK_NODE_LINK;
    lec_md_free(&md);
    lec_buf_free(&b);
    return link;
}

/* Might the block n, at src[a..e), hold a definition?  cmark
 * keeps a paragraph's start where its definitions were, and drops a
 * paragraph that held nothing else: a "]:" is harmless only inside a
 * paragraph or heading whose text cannot begin with one ("* [`f()`][]:
 * does f", as API references list their functions), or in code. */
static int may_define(const lec_md *md, cmark_node *n, uint32_t a, uint32_t e)
{
    const char *s = md->src;
    uint32_t at = a; /* what is not yet known to be harmless starts here */
    int unsure = 0;
    cmark_iter *it = cmark_iter_new(n);
    cmark_event_type ev;
    while (!unsure && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *c = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(c);
        int code = t == CMARK_NODE_CODE_BLOCK;
        if (ev != CMARK_EVENT_ENTER || (t != CMARK_NODE_PARAGRAPH && t != CMARK_NODE_HEADING && !code))
            continue;
        cmark_iter_reset(it, c, CMARK_EVENT_EXIT); /* its inlines say nothing */
        int sl = cmark_node_get_start_line(c), el = cmark_node_get_end_line(c);
        /* The last line of code: a closing fence, which holds no "]:", or
         * where an item ends a fence left open, maybe after it (mdparse.c):
         * not counted. */
        if (code) el--;
        /* A setext heading ends on the line that closes it, which may be a
         * definition ("> a\n> =\n> [r]: /u"): not counted either. */
        if (t == CMARK_NODE_HEADING && el > sl) el--;
        if (el < sl) continue;
        uint32_t ps = lec_md_line_offset(md, sl), pe = lec_md_line_offset(md, el + 1);
        uint32_t cs = ps + (uint32_t)cmark_node_get_start_column(c) - 1;
        if (ps > at && has_def_colon(s + at, ps - at)) unsure = 1;
        if (!code && cs < e && def_like(s + cs, s + e) &&
            (c != n || t != CMARK_NODE_PARAGRAPH || takes_def(s + cs, (pe < e ? pe : e) - cs)))
            unsure = 1;
        if (pe > at) at = pe;
    }
    cmark_iter_free(it);
    return unsure || (e > at && has_def_colon(s + at, e - at));
}

/* The definitions of a part that cmark will read, as doc_walk_chunk
 * finds them. */
static void part_defs(walker *w, uint32_t from, uint32_t to, defs_pass *dp)
{
    const char *s = w->doc->src;
    if (!has_def_colon(s + from, to - from)) return;
    lec_md md;
    lec_md_parse(&md, s, from, to, NULL, 0);
    uint32_t prev = from;
    for (cmark_node *n = cmark_node_first_child(md.root); n; n = cmark_node_next(n)) {
        uint32_t a, e;
        doc_top_range(&md, n, &a, &e);
        if (a > prev) doc_keep_defs(dp->defs, s, prev, a);
        cmark_node_type t = cmark_node_get_type(n);
        if (t != CMARK_NODE_CODE_BLOCK && t != CMARK_NODE_HTML_BLOCK && e > a &&
            has_def_colon(s + a, e - a) && may_define(&md, n, a, e))
            dp->unsure = 1;
        if (e > prev) prev = e;
    }
    if (to > prev) doc_keep_defs(dp->defs, s, prev, to);
    lec_md_free(&md);
}

/* Where the run of simple definitions (scan_def_line) from line first
 * ends: a blank line or the document's end must follow it, or cmark must
 * read it (UINT32_MAX).  Each definition's next line begins with '[' or
 * is blank, so none can take it for its title. */
static uint32_t defs_end(walker *w, const scan_line *first, uint32_t end)
{
    scan_line l = *first;
    while (scan_def_line(w, &l)) {
        if (l.next >= end) return end == w->doc->len ? end : UINT32_MAX;
        uint32_t to = l.next;
        scan_read_line(w->doc->src, l.next, end, &l);
        if (l.blank) return to;
    }
    return UINT32_MAX;
}

/* ---- the range -------------------------------------------------------- */

/* Reports a step of the scan. */
static void run_step(walker *w, const doc_step *st)
{
    switch (st->op) {
    case DOC_STEP_PARA:
        paragraph(w, st->a, st->b);
        break;
    case DOC_STEP_SETEXT:
    case DOC_STEP_ATX:
        heading(w, st->a, st->b, st->c, st->level, st->op == DOC_STEP_ATX);
        break;
    case DOC_STEP_CODE:
        opaque(w, st->a, st->b, LEC_BLOCK_CODE);
        break;
    case DOC_STEP_HTML:
        opaque(w, st->a, st->b, LEC_BLOCK_HTML);
        break;
    case DOC_STEP_QUOTE:
        opaque(w, st->a, st->b, LEC_BLOCK_QUOTE);
        break;
    case DOC_STEP_LIST:
        scan_list_walk(w, st->a, st->b);
        break;
    case DOC_STEP_DEFS:
        doc_keep_gap(w, st->a, st->b); /* as doc_walk_chunk keeps them */
        break;
    default:
        doc_walk_chunk(w, st->a, st->b);
        break;
    }
}

/* A step of the scan: reported, or with dp kept for the walk (and a part
 * that cmark reads looked at for definitions). */
static void step(walker *w, defs_pass *dp, int op, uint32_t a, uint32_t b, uint32_t c, int level)
{
    doc_step st = {a, b, c, (uint8_t)op, (uint8_t)level};
    if (!dp) {
        run_step(w, &st);
        return;
    }
    LEC_GROW(dp->steps->v, dp->steps->cap, dp->steps->n + 1);
    dp->steps->v[dp->steps->n++] = st;
    if (op == DOC_STEP_CMARK) part_defs(w, a, b, dp);
    if (op == DOC_STEP_DEFS) doc_keep_defs(dp->defs, w->doc->src, a, b);
}

/* Reports the blocks of src[start..end), or with dp only finds where
 * cmark must read and what it defines there, and keeps the steps for the
 * walk: both take the same way through the range. */
static void scan_range(walker *w, uint32_t start, uint32_t end, defs_pass *dp)
{
    const char *s = w->doc->src;
    uint32_t pos = start, para = UINT32_MAX;
    while (pos < end) {
        scan_line l;
        scan_read_line(s, pos, end, &l);
        uint32_t cmark_from = UINT32_MAX;
        if (para != UINT32_MAX) {
            /* Inside a paragraph: does this line go on, end or turn it? */
            if (l.blank) {
                step(w, dp, DOC_STEP_PARA, para, l.start, 0, 0);
                para = UINT32_MAX;
                pos = l.next;
                continue;
            }
            if (l.indent >= 4) { /* a lazy continuation line */
                pos = l.next;
                continue;
            }
            int sure = scan_line_valid(w, &l);
            if (sure && l.indent >= 0 && (scan_only(s, &l, '=', 1, 0) || scan_only(s, &l, '-', 1, 0))) {
                step(w, dp, DOC_STEP_SETEXT, para, l.start, l.next,
                     s[l.start + (uint32_t)l.indent] == '=' ? 1 : 2);
                para = UINT32_MAX;
                pos = l.next;
                continue;
            }
            if (sure && l.indent >= 0 &&
                (scan_atx_level(s, &l) || scan_is_fence(s, &l) || s[l.start + (uint32_t)l.indent] == '>' ||
                 comment_start(s, &l) || scan_item_interrupts(s, &l))) {
                step(w, dp, DOC_STEP_PARA, para, l.start, 0, 0); /* these interrupt it */
                para = UINT32_MAX;
            } else if (!sure || needs_cmark(s, &l, 1)) {
                cmark_from = para; /* it might interrupt it: cmark decides */
                para = UINT32_MAX;
            } else {
                pos = l.next;
                continue;
            }
        }
        if (cmark_from == UINT32_MAX) {
            if (l.blank) {
                pos = l.next;
                continue;
            }
            int sure = scan_line_valid(w, &l);
            int lv = sure && l.indent >= 0 && l.indent < 4 ? scan_atx_level(s, &l) : 0;
            if (lv) {
                step(w, dp, DOC_STEP_ATX, l.start, l.next, l.next, lv);
                pos = l.next;
                continue;
            }
            /* Code and comments at top level hold no blocks: only where
             * they end is needed. */
            int fence = sure && l.indent >= 0 && l.indent < 4 && scan_is_fence(s, &l);
            uint32_t to = fence                            ? fence_end(w, &l, end)
                          : sure && comment_start(s, &l) ? comment_end(w, &l, end)
                                                         : UINT32_MAX;
            if (to != UINT32_MAX) {
                step(w, dp, fence ? DOC_STEP_CODE : DOC_STEP_HTML, l.start, to, 0, 0);
                pos = to;
                continue;
            }
            to = quote_line(w, s, &l) ? quote_end(w, &l, end) : UINT32_MAX;
            if (to != UINT32_MAX) {
                step(w, dp, DOC_STEP_QUOTE, l.start, to, 0, 0);
                pos = to;
                continue;
            }
            to = sure && l.indent >= 0 && s[l.start + (uint32_t)l.indent] == '[' ? defs_end(w, &l, end)
                                                                          : UINT32_MAX;
            if (to != UINT32_MAX) {
                step(w, dp, DOC_STEP_DEFS, l.start, to, 0, 0);
                pos = to;
                continue;
            }
            to = sure && scan_list_start(s, &l) ? scan_list_end(w, &l, end) : UINT32_MAX;
            if (to != UINT32_MAX) {
                step(w, dp, DOC_STEP_LIST, l.start, to, 0, 0);
                pos = to;
                continue;
            }
            if (sure && !needs_cmark(s, &l, 0)) {
                para = l.start;
                pos = l.next;
                continue;
            }
            cmark_from = l.start;
        }
        uint32_t to = (uint32_t)lec_chunk_next(s, cmark_from, end);
        step(w, dp, DOC_STEP_CMARK, cmark_from, to, 0, 0);
        pos = to;
    }
    if (para != UINT32_MAX) step(w, dp, DOC_STEP_PARA, para, end, 0, 0);
}

void doc_scan(walker *w, uint32_t start, uint32_t end)
{
    scan_range(w, start, end, NULL);
}

int doc_scan_defs(walker *w, uint32_t start, uint32_t end, lec_buf *defs, doc_steps *steps)
{
    if (!has_def_colon(w->doc->src + start, end - start)) return 0;
    defs_pass dp = {defs, 0, steps};
    scan_range(w, start, end, &dp);
    steps->done = 1;
    return dp.unsure;
}

void doc_scan_steps(walker *w, const doc_steps *steps)
{
    for (size_t i = 0; i < steps->n; i++) run_step(w, &steps->v[i]);
}
