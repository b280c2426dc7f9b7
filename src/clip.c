/*
 * clip.c - the OSC 52 sequence (clip.h): base64 of exactly the bytes
 * given, which is what makes it safe: nothing of the document reaches
 * the terminal as a control.
 */
#include "lectern/clip.h"

#include "lectern/layout.h"
#include "lectern/render.h"

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void lec_base64(const char *s, size_t n, lec_buf *out)
{
    const unsigned char *u = (const unsigned char *)s;
    lec_buf_reserve(out, (n + 2) / 3 * 4 + 1);
    char q[4];
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)u[i] << 16;
        if (i + 1 < n) v |= (unsigned)u[i + 1] << 8;
        if (i + 2 < n) v |= u[i + 2];
        q[0] = b64[v >> 18 & 63];
        q[1] = b64[v >> 12 & 63];
        q[2] = i + 1 < n ? b64[v >> 6 & 63] : '=';
        q[3] = i + 2 < n ? b64[v & 63] : '=';
        lec_buf_put(out, q, 4);
    }
    lec_buf_puts(out, "");
}

#define OSC52_START "\033]52;c;"
#define OSC52_END "\a"

size_t lec_osc52_size(size_t n)
{
    return sizeof OSC52_START - 1 + (n + 2) / 3 * 4 + sizeof OSC52_END - 1;
}

void lec_osc52(const char *s, size_t n, lec_buf *out)
{
    lec_buf_puts(out, OSC52_START);
    lec_base64(s, n, out);
    lec_buf_puts(out, OSC52_END);
}

int lec_clip_text(const lec_doc *doc, uint32_t node, int plain, int width, int ambi, size_t max,
                  lec_buf *out)
{
    size_t len, start = 0, end;
    const char *src = lec_doc_source(doc, &len);
    end = len;
    if (node) lec_node_range(doc, node, &start, &end);
    if (!plain) {
        if (max && end - start > max) return 0;
        lec_buf_put(out, src + start, end - start);
        lec_buf_puts(out, "");
        return 1;
    }
    /* Plain text is never much shorter than its source: a source four
     * times the limit is not worth rendering to find out. */
    if (max && end - start > 4 * max) return 0;
    lec_render r = LEC_RENDER_INIT;
    lec_rows rows = LEC_ROWS_INIT;
    size_t nb = lec_doc_block_count(doc);
    if (node) {
        lec_render_range(&r, doc, start, end);
    } else {
        /* As --dump: the front matter, then the blocks. */
        lec_render_frontmatter(&r, doc);
        if (nb) lec_render_range(&r, doc, lec_doc_block(doc, 0)->start, lec_doc_block(doc, nb - 1)->end);
    }
    lec_layout(&r, 0, width, ambi, &rows);
    size_t at = out->len;
    for (size_t i = 0; i < rows.n && (!max || out->len - at <= max); i++) {
        lec_row_text(&r, &rows, &rows.v[i], out);
        lec_buf_putc(out, '\n');
    }
    int ok = !max || out->len - at <= max;
    if (!ok) {
        out->len = at;
        if (out->data) out->data[at] = 0;
    }
    lec_buf_puts(out, "");
    lec_rows_free(&rows);
    lec_render_free(&r);
    return ok;
}
