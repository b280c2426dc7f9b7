/*
 * mdparse.c - cmark over a range of the source, positions back to bytes.
 */
#include "lectern/mdparse.h"

#include <stdlib.h>
#include <string.h>

#include "mdarena.h"

static void parse(lec_md *md, const char *src, uint32_t start, uint32_t end, const char *extra,
                  size_t extra_len, int first)
{
    memset(md, 0, sizeof *md);
    md->src = src;
    md->start = start;
    md->end = end;

    /* Line starts, counting \n, \r\n and a lone \r as cmark does. */
    size_t cap = 0;
    LEC_GROW(md->lines, cap, 16);
    /* cmark takes a U+FEFF at the start of what it is fed for a byte order
     * mark and drops it; inside the document it is text.  A blank line fed
     * first keeps it (and shifts cmark's line numbers by one).  So do
     * definitions fed first (lec_md_parse_defs_first): their lines map to
     * the range's start. */
    int bom = end - start >= 3 && memcmp(src + start, "\xef\xbb\xbf", 3) == 0;
    size_t pre = bom;
    if (!(extra && extra_len)) first = 0;
    if (first) {
        pre = 2;
        for (size_t i = 0; i < extra_len; i++)
            if (extra[i] == '\n' ||
                (extra[i] == '\r' && (i + 1 == extra_len || extra[i + 1] != '\n')))
                pre++;
        if (extra[extra_len - 1] == '\r') pre--; /* the \n fed next joins it */
    }
    LEC_GROW(md->lines, cap, pre + 1);
    for (size_t i = 0; i < pre; i++)
        md->lines[md->nlines++] = start;
    md->lines[md->nlines++] = start;
    /* A lone \r is rare: look for \n with memchr, and for \r inside
     * each line only when the range has one at all. */
    int has_cr = memchr(src + start, '\r', end - start) != NULL;
    for (uint32_t i = start; i < end;) {
        const char *nl = memchr(src + i, '\n', end - i);
        uint32_t e = nl ? (uint32_t)(nl - src) : end;
        if (has_cr) {
            const char *cr = memchr(src + i, '\r', e - i);
            if (cr && !(cr + 1 == src + e && nl)) e = (uint32_t)(cr - src);
        }
        if (e >= end) break;
        i = e + 1;
        if (src[e] == '\r' && i < end && src[i] == '\n') i++;
        if (i < end) {
            LEC_GROW(md->lines, cap, md->nlines + 1);
            md->lines[md->nlines++] = i;
        }
    }

    /* The tree goes into an arena of its own (mdarena.h): its memory comes
     * from lectern's allocators, so out of memory is lectern's one message
     * and status 70 (util.h), not cmark's abort. */
    md->arena = lec_mdarena_new();
    lec_mdarena *was = lec_mdarena_use(md->arena);
    cmark_parser *p = cmark_parser_new_with_mem(CMARK_OPT_VALIDATE_UTF8, &lec_mdarena_mem);
    if (first) {
        cmark_parser_feed(p, extra, extra_len);
        cmark_parser_feed(p, "\n\n", 2);
    } else if (bom) {
        cmark_parser_feed(p, "\n", 1);
    }
    cmark_parser_feed(p, src + start, end - start);
    if (!first && extra && extra_len) {
        /* A blank line first, so the definitions cannot continue a paragraph. */
        cmark_parser_feed(p, "\n\n", 2);
        cmark_parser_feed(p, extra, extra_len);
    }
    md->root = cmark_parser_finish(p);
    cmark_parser_free(p);
    lec_mdarena_use(was);
    lec_mdarena_set_key(md->arena, md->root);
    /* Definitions make no block.  If something in them did (a text kept
     * between two blocks that was not only definitions), it could reach
     * into the range (an open fence): then they go after it after all. */
    cmark_node *b = first ? cmark_node_first_child(md->root) : NULL;
    if (b && (size_t)cmark_node_get_start_line(b) <= pre) {
        lec_md_free(md);
        parse(md, src, start, end, extra, extra_len, 0);
    }
}

void lec_md_parse(lec_md *md, const char *src, uint32_t start, uint32_t end, const char *extra,
                  size_t extra_len)
{
    parse(md, src, start, end, extra, extra_len, 0);
}

void lec_md_parse_defs_first(lec_md *md, const char *src, uint32_t start, uint32_t end,
                             const char *extra, size_t extra_len)
{
    parse(md, src, start, end, extra, extra_len, 1);
}

void lec_md_free(lec_md *md)
{
    /* The arena holds the whole tree unless cmark took memory from the
     * heap for it (a literal made a C string outside lec_md_inline_text):
     * then the walk frees that. */
    if (md->root && !lec_mdarena_heap_idle()) cmark_node_free(md->root);
    lec_mdarena_free(md->arena);
    free(md->lines);
    memset(md, 0, sizeof *md);
}

uint32_t lec_md_line_offset(const lec_md *md, int line)
{
    if (line < 1) return md->start;
    if ((size_t)line > md->nlines) return md->end;
    return md->lines[line - 1];
}

/* The lines of an HTML block: its literal holds each of them (without
 * its container's prefix), each ending in a line break but maybe the
 * last. */
static int html_lines(cmark_node *n)
{
    const char *lit = cmark_node_get_literal(n);
    if (!lit || !*lit) return 1;
    int k = 0;
    const char *p = lit;
    for (; *p; p++)
        if (*p == '\n') k++;
    return p[-1] == '\n' ? k : k + 1;
}

/* Is line `line` of the range blank (or past its end)? */
static int line_blank(const lec_md *md, int line)
{
    uint32_t a = lec_md_line_offset(md, line), b = lec_md_line_offset(md, line + 1);
    for (; a < b; a++)
        if (md->src[a] != ' ' && md->src[a] != '\t' && md->src[a] != '\r' && md->src[a] != '\n')
            return 0;
    return 1;
}

/* The last line of block n.  A block closed by a blank line may end at
 * column 0 of the next line: it really ends with the line before.  (Not
 * so when that line holds something: an empty heading "  #" ending an
 * item at the end of the range ends at column 0 of its own line, and
 * so do the item and list.)
 * libcmark 0.30.2 ends an HTML block of the kinds 1-5 (<script>, <pre>,
 * <style>, <textarea>, <!-- -->, <? ?>, <!X >, CDATA), closed by the
 * line with its end mark, one line too early (a one-line block at line
 * 0): its lines are counted instead. */
static int last_line(const lec_md *md, cmark_node *n)
{
    int sl = cmark_node_get_start_line(n);
    if (cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK) return sl + html_lines(n) - 1;
    int el = cmark_node_get_end_line(n);
    if (cmark_node_get_end_column(n) == 0 && el > sl && line_blank(md, el)) el--;
    return el < sl ? sl : el;
}

void lec_md_block_range(const lec_md *md, cmark_node *n, uint32_t *start, uint32_t *end)
{
    int sl = cmark_node_get_start_line(n);
    int el = last_line(md, n);
    /* A fence left open in a list item that a line outside it closes ends,
     * for cmark, on that line ("2. ```" then "#"): it ends with the block
     * that holds it.  So does a setext heading that ends an item ("* b\n
     * -\nc" ends on the line of c).  (Only these: the containers' own ends
     * are right, and looking at the parent alone keeps deep nesting
     * linear.) */
    cmark_node *p = cmark_node_parent(n);
    cmark_node_type t = cmark_node_get_type(n);
    if ((t == CMARK_NODE_CODE_BLOCK || t == CMARK_NODE_HEADING) && p &&
        cmark_node_get_type(p) != CMARK_NODE_DOCUMENT) {
        int pe = last_line(md, p);
        if (pe < el) el = pe;
    }
    if (el < sl) el = sl;
    *start = lec_md_line_offset(md, sl);
    *end = lec_md_line_offset(md, el + 1);
    if (*end > md->end) *end = md->end;
    if (*start > *end) *start = *end;
}

void lec_md_inline_text(cmark_node *n, lec_buf *out, size_t cap)
{
    /* The literals made C strings here, and the iterator, go into the
     * arena of n's tree when it was parsed on this thread. */
    cmark_node *root = n;
    for (cmark_node *up; (up = cmark_node_parent(root));)
        root = up;
    lec_mdarena *was = lec_mdarena_use(lec_mdarena_find(root));
    cmark_iter *it = cmark_iter_new(n);
    cmark_event_type ev;
    int soft = 0;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE && out->len < cap) {
        if (ev != CMARK_EVENT_ENTER) continue;
        cmark_node *c = cmark_iter_get_node(it);
        switch (cmark_node_get_type(c)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE: {
            const char *lit = cmark_node_get_literal(c);
            if (!lit || !*lit) break;
            if (soft && out->len) {
                /* Chinese lines are joined directly; Latin words keep a space. */
                unsigned char a = (unsigned char)out->data[out->len - 1];
                unsigned char b = (unsigned char)lit[0];
                if (a < 0x80 || b < 0x80) lec_buf_putc(out, ' ');
            }
            soft = 0;
            lec_buf_puts(out, lit);
            break;
        }
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            soft = 1;
            break;
        default:
            break;
        }
    }
    cmark_iter_free(it);
    lec_mdarena_use(was);
    /* At most cap bytes, cut between characters, as the scan cuts (scan.c). */
    if (out->len > cap) {
        size_t k = cap;
        while (k > 0 && ((unsigned char)out->data[k] & 0xC0) == 0x80)
            k--;
        out->len = k;
        out->data[k] = '\0';
    }
}
