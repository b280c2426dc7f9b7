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
#include "doc_priv.h"

#include "lectern/bytes.h"
#include "lectern/chunk.h"
#include "lectern/marker.h"
#include "lectern/utf8.h"

#include <string.h>

/* Bytes that may start markup inside a paragraph or heading. */
static const unsigned char markup[256] = {
    ['*'] = 1, ['_'] = 1, ['`'] = 1, ['['] = 1, [']'] = 1, ['<'] = 1,
    ['>'] = 1, ['&'] = 1, ['\\'] = 1, ['!'] = 1, [0] = 1,
    /* white space that cmark trims and this scan would not */
    ['\v'] = 1, ['\f'] = 1, ['\r'] = 1,
};

/* A title is at most TITLE_MAX bytes, and a short lead takes a clause
 * more: this much of a paragraph is enough to describe it. */
#define SCAN_CAP (TITLE_MAX + 256)

typedef struct line {
    uint32_t start, end; /* content, without the line ending */
    uint32_t next;       /* start of the next line */
    int indent;          /* leading spaces (a tab makes it -1) */
    int blank;
} line;

static void read_line(const char *s, uint32_t pos, uint32_t end, line *l)
{
    const char *nl = memchr(s + pos, '\n', end - pos);
    l->start = pos;
    l->end = nl ? (uint32_t)(nl - s) : end;
    l->next = nl ? l->end + 1 : end;
    if (l->end > pos && s[l->end - 1] == '\r') l->end--;
    uint32_t i = pos;
    while (i < l->end && s[i] == ' ') i++;
    l->indent = i < l->end && s[i] == '\t' ? -1 : (int)(i - pos);
    while (i < l->end && (s[i] == ' ' || s[i] == '\t')) i++;
    l->blank = i == l->end;
}

/* Is the line (after its indent) made only of c, at least min of them,
 * and trailing blanks?  With spaced, blanks may come between (a
 * thematic break "* * *"). */
static int only(const char *s, const line *l, char c, int min, int spaced)
{
    int n = 0, gap = 0, trail = 0;
    for (uint32_t i = l->start + (uint32_t)l->indent; i < l->end; i++) {
        if (s[i] == c) {
            if (trail && !spaced) return 0;
            n++;
        } else if (s[i] == ' ' || s[i] == '\t') {
            trail = 1;
            gap = 1;
        } else {
            return 0;
        }
    }
    (void)gap;
    return n >= min;
}

/* The level of an ATX heading line (1-6), or 0. */
static int atx_level(const char *s, const line *l)
{
    uint32_t i = l->start + (uint32_t)l->indent, n = 0;
    while (i < l->end && s[i] == '#' && n < 7) i++, n++;
    if (n == 0 || n > 6) return 0;
    return i == l->end || s[i] == ' ' || s[i] == '\t' ? (int)n : 0;
}

static int is_fence(const char *s, const line *l)
{
    uint32_t i = l->start + (uint32_t)l->indent, k = i;
    if (i + 3 > l->end || (s[i] != '`' && s[i] != '~')) return 0;
    while (k < l->end && s[k] == s[i]) k++;
    if (k - i < 3) return 0;
    /* A backtick fence's info string may not hold a backtick. */
    return s[i] == '~' || !memchr(s + k, '`', l->end - k);
}

static int is_blank_char(char c)
{
    return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

/* Could the line start a list item (which may interrupt a paragraph)? */
static int list_start(const char *s, const line *l)
{
    uint32_t i = l->start + (uint32_t)l->indent;
    if (i >= l->end) return 0;
    /* cmark lets any white space end a marker, \v and \f too. */
    if (s[i] == '-' || s[i] == '*' || s[i] == '+')
        return i + 1 == l->end || is_blank_char(s[i + 1]);
    uint32_t d = 0;
    while (i + d < l->end && s[i + d] >= '0' && s[i + d] <= '9' && d < 10) d++;
    if (d == 0 || d > 9 || i + d >= l->end || (s[i + d] != '.' && s[i + d] != ')')) return 0;
    return i + d + 1 == l->end || is_blank_char(s[i + d + 1]);
}

/* Whether the line's structure can be read from its bytes.  cmark reads a
 * line after replacing what is not UTF-8, and a sequence cut short at its
 * end takes the line's last bytes with it ("```\xe6`" opens a fence for
 * cmark: the backtick is gone): such a line is left to cmark. */
static int line_valid(const walker *w, const line *l)
{
    return w->valid || lec_utf8_valid(w->doc->src + l->start, l->end - l->start, NULL);
}

/* Lines whose first character decides that cmark must read them. */
static int needs_cmark(const char *s, const line *l)
{
    if (l->indent < 0 || l->indent >= 4) return 1; /* tabs, indented code */
    char c = s[l->start + (uint32_t)l->indent];
    if (c == '>' || c == '<' || c == '[' || is_fence(s, l) || list_start(s, l)) return 1;
    if ((c == '*' || c == '-' || c == '_') && only(s, l, c, 3, 1)) return 1; /* thematic break */
    return 0;
}

/* ---- text ------------------------------------------------------------- */

/* Whether s[0..n) can be taken as its own inline text (cmark would make
 * U+FFFD of invalid bytes: those need it, unless the whole source is known
 * to be valid). */
static int plain(const walker *w, const char *s, size_t n)
{
    if (lec_bytes_ascii_in(s, n, markup) < n) return 0;
    return w->valid || lec_utf8_valid(s, n, NULL);
}

/* The paragraph text of lines [from, to) into w->text, joined as cmark's
 * soft breaks are (lec_md_inline_text: a space unless both sides are
 * Chinese), then cut to at most cap bytes between characters, as that cuts
 * it.  Returns 0 when cmark must read it. */
static int join_lines(walker *w, uint32_t from, uint32_t to, size_t cap)
{
    const char *s = w->doc->src;
    lec_buf_reset(&w->text);
    for (uint32_t pos = from; pos < to && w->text.len < cap;) {
        uint32_t a = pos;
        while (a < to && (s[a] == ' ' || s[a] == '\t')) a++;
        if (w->text.len && a < to && s[a] != '\n' && s[a] != '\r') {
            unsigned char x = (unsigned char)w->text.data[w->text.len - 1];
            if (x < 0x80 || (unsigned char)s[a] < 0x80) lec_buf_putc(&w->text, ' ');
        }
        size_t room = cap - w->text.len;
        /* A paragraph is often one long line, of which only the first
         * room bytes are kept: its end is looked for no further. */
        uint32_t look = to - a > room + 1 ? a + (uint32_t)room + 1 : to;
        uint32_t z;
        int cut;
        line l;
        if (look < to && s[look - 1] != ' ' && s[look - 1] != '\t' && s[look - 1] != '\r' &&
            !memchr(s + a, '\n', look - a)) {
            cut = 1; /* the line goes on past what is kept */
        } else {
            read_line(s, pos, to, &l);
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
        if (!plain(w, s + a, z - a)) return 0;
        lec_buf_put(&w->text, s + a, z - a);
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

static void paragraph(walker *w, uint32_t from, uint32_t to)
{
    doc_add_block(w, from, to, LEC_BLOCK_PARAGRAPH, 0);
    lec_event ev = {0};
    ev.type = LEC_EV_BLOCK;
    ev.start = from;
    ev.end = to;
    /* Most paragraphs begin with no marker: a look at their first
     * characters (joined, in case a line break falls inside the marker)
     * is enough for those. */
    if (join_lines(w, from, to, 32)) {
        lec_marker m;
        if (!lec_marker_scan(w->text.data ? w->text.data : "", w->text.len, LEC_MARK_BLOCK, &m)) {
            doc_emit(w, &ev);
            return;
        }
    }
    if (!join_lines(w, from, to, SCAN_CAP)) cmark_text(w, from, to, SCAN_CAP);
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
        line l;
        read_line(s, from, to, &l);
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
        ok = plain(w, s + a, z - a);
        if (ok) {
            lec_buf_reset(&w->text);
            uint32_t n = z - a;
            if (n > HEADING_CAP) {
                n = HEADING_CAP; /* cut between characters */
                while (n > 0 && ((unsigned char)s[a + n] & 0xC0) == 0x80) n--;
            }
            lec_buf_put(&w->text, s + a, n);
        }
    } else {
        ok = join_lines(w, from, text_to, HEADING_CAP);
    }
    if (!ok) cmark_text(w, from, to, HEADING_CAP);
    doc_describe(w, &ev, w->text.data ? w->text.data : "", w->text.len, LEC_MARK_HEADING, 1);
    doc_emit(w, &ev);
}

/* Does src[start..end) define a link reference ("[label]: ...")?  Links
 * may refer to definitions anywhere, so such a range is left whole to
 * cmark, which resolves them as a whole-document parse would. */
static int defines_links(const char *s, uint32_t start, uint32_t end)
{
    for (uint32_t pos = start; pos < end;) {
        /* ASCII ':' is rare in Chinese text: look for it, then for ']'. */
        const char *hit = memchr(s + pos, ':', end - pos);
        if (!hit) return 0;
        uint32_t at = (uint32_t)(hit - s);
        pos = at + 1;
        if (at == start || s[at - 1] != ']') continue;
        at--;
        uint32_t ls = at;
        while (ls > start && s[ls - 1] != '\n') ls--;
        uint32_t i = ls;
        while (i < at && i - ls < 3 && s[i] == ' ') i++;
        if (s[i] == '[') return 1;
    }
    return 0;
}

void doc_scan(walker *w, uint32_t start, uint32_t end)
{
    const char *s = w->doc->src;
    uint32_t pos = start, para = UINT32_MAX;
    if (defines_links(s, start, end)) {
        doc_walk_chunk(w, start, end);
        return;
    }
    while (pos < end) {
        line l;
        read_line(s, pos, end, &l);
        uint32_t cmark_from = UINT32_MAX;
        if (para != UINT32_MAX) {
            /* Inside a paragraph: does this line go on, end or turn it? */
            if (l.blank) {
                paragraph(w, para, l.start);
                para = UINT32_MAX;
                pos = l.next;
                continue;
            }
            if (l.indent >= 4) { /* a lazy continuation line */
                pos = l.next;
                continue;
            }
            int sure = line_valid(w, &l);
            if (sure && l.indent >= 0 && (only(s, &l, '=', 1, 0) || only(s, &l, '-', 1, 0))) {
                heading(w, para, l.start, l.next, s[l.start + (uint32_t)l.indent] == '=' ? 1 : 2, 0);
                para = UINT32_MAX;
                pos = l.next;
                continue;
            }
            if (sure && l.indent >= 0 &&
                (atx_level(s, &l) || is_fence(s, &l) || s[l.start + (uint32_t)l.indent] == '>')) {
                paragraph(w, para, l.start); /* these interrupt it */
                para = UINT32_MAX;
            } else if (!sure || needs_cmark(s, &l)) {
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
            int sure = line_valid(w, &l);
            int lv = sure && l.indent >= 0 && l.indent < 4 ? atx_level(s, &l) : 0;
            if (lv) {
                heading(w, l.start, l.next, l.next, lv, 1);
                pos = l.next;
                continue;
            }
            if (sure && !needs_cmark(s, &l)) {
                para = l.start;
                pos = l.next;
                continue;
            }
            cmark_from = l.start;
        }
        uint32_t to = (uint32_t)lec_chunk_next(s, cmark_from, end);
        doc_walk_chunk(w, cmark_from, to);
        pos = to;
    }
    if (para != UINT32_MAX) paragraph(w, para, end);
}
