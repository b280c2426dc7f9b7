/*
 * t_codespan.c - the inline text of a line whose only markup is code spans
 * (codespan.c) is cmark's: compared on hand cases and on random lines of
 * backtick runs, spaces, text and other markup, each read by cmark as an
 * ATX heading.  A line with other markup outside its code spans is left
 * to cmark.
 */
#include "../tap.h"
#include "../../src/codespan.h"
#include "lectern/mdparse.h"

#include <stdlib.h>

/* As scan.c's table: bytes that may start markup. */
static const unsigned char markup[256] = {
    ['*'] = 1, ['_'] = 1, ['`'] = 1, ['['] = 1, [']'] = 1, ['<'] = 1,
    ['>'] = 1, ['&'] = 1, ['\\'] = 1, ['!'] = 1, [0] = 1,
    ['\v'] = 1, ['\f'] = 1, ['\r'] = 1,
};

/* cmark's inline text of s as the text of an ATX heading. */
static void cmark_heading_text(const char *s, lec_buf *out)
{
    lec_buf src = LEC_BUF_INIT;
    lec_buf_puts(&src, "# ");
    lec_buf_puts(&src, s);
    lec_buf_putc(&src, '\n');
    lec_md md;
    lec_md_parse(&md, src.data, 0, (uint32_t)src.len, NULL, 0);
    lec_buf_reset(out);
    cmark_node *h = cmark_node_first_child(md.root);
    if (h) lec_md_inline_text(h, out, 1 << 20);
    lec_md_free(&md);
    lec_buf_free(&src);
}

/* 1 and the text when codespan.c reads s, else 0. */
static int ours(const char *s, lec_buf *out)
{
    lec_buf_reset(out);
    return lec_codespan_text(s, strlen(s), markup, out);
}

static void check(const char *s, int want_ok, const char *want)
{
    lec_buf got = LEC_BUF_INIT, ref = LEC_BUF_INIT;
    int r = ours(s, &got);
    cmark_heading_text(s, &ref);
    ok(r == want_ok, "[%s] read: %d", s, r);
    if (want_ok) {
        is_str(got.data ? got.data : "", want, "[%s] text", s);
        is_str(ref.data ? ref.data : "", want, "[%s] cmark agrees", s);
    } else {
        ok(got.len == 0, "[%s] out left as it was", s);
    }
    lec_buf_free(&got);
    lec_buf_free(&ref);
}

int main(void)
{
    check("`fs.access(path[, mode])`", 1, "fs.access(path[, mode])");
    check("Class: `assert.CallTracker`", 1, "Class: assert.CallTracker");
    check("`` a`b ``", 1, "a`b");
    check("` `", 1, " ");
    check("`  a  `", 1, " a ");
    check("` a`", 1, " a");
    check("a`b", 1, "a`b");
    check("``a`", 1, "``a`");
    check("`a``b`", 1, "a``b");
    check("`*a*` and `<b>`", 1, "*a* and <b>");
    check("一、`代码`说明", 1, "一、代码说明");
    check("*a*", 0, "");
    check("`a` *b*", 0, "");
    check("\\`a`", 0, "");
    check("[`a`](u)", 0, "");
    check("`a\rb`", 0, "");
    /* cmark's shortcut: after a search in vain (the ````), B's backtick
     * finds the last single run noted before it, and opens nothing */
    check("````A`, `B`, `C", 1, "````A, B`, `C");
    check("``A`, `B`, `C", 1, "``A, B`, `C");
    check("A`, `B`, `C", 1, "A, B, C");
    check("``a`b`c`d``e`", 1, "a`b`c`de`");

    /* Random lines: whenever codespan.c reads one, its text is cmark's. */
    /* the pieces with no markup but backticks first */
    static const char *const pieces[] = {"`", "``", "```", " ", "  ", "a", "b c", "中文", "\t",
                                         "#", "x.y()", "、", "1.", "*", "_", "[", "]", "\\",
                                         "<", ">", "&", "!"};
    const size_t plain = 13;
    const size_t np = sizeof pieces / sizeof pieces[0];
    srand(20261204);
    int read = 0, agree = 0, tried = 0;
    lec_buf s = LEC_BUF_INIT, got = LEC_BUF_INIT, ref = LEC_BUF_INIT;
    for (int t = 0; t < 20000; t++) {
        lec_buf_reset(&s);
        int k = 1 + rand() % 16;
        size_t from = t % 2 ? plain : np; /* half the lines are only spans and text */
        for (int i = 0; i < k; i++) lec_buf_puts(&s, pieces[(size_t)rand() % from]);
        /* as scan.c hands a heading's text: no blanks at its ends, and
         * no closing run of # */
        size_t a = 0, z = s.len;
        while (a < z && (s.data[a] == ' ' || s.data[a] == '\t')) a++;
        while (z > a && (s.data[z - 1] == ' ' || s.data[z - 1] == '\t' || s.data[z - 1] == '#'))
            z--;
        if (z == a) continue;
        char *line = strndup(s.data + a, z - a);
        tried++;
        if (ours(line, &got)) {
            read++;
            cmark_heading_text(line, &ref);
            const char *g = got.data ? got.data : "", *r = ref.data ? ref.data : "";
            if (strcmp(g, r) == 0)
                agree++;
            else if (read - agree < 20)
                printf("# differs: [%s] ours [%s] cmark [%s]\n", line, g, r);
        }
        free(line);
    }
    ok(read > tried / 2, "random lines read without cmark: %d of %d", read, tried);
    is_int(agree, read, "and each one's text is cmark's");
    lec_buf_free(&s);
    lec_buf_free(&got);
    lec_buf_free(&ref);
    return tap_done();
}
