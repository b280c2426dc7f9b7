/*
 * t_refs.c - the definitions a part of a document is given when parsed
 * alone: those its labels name, and with them it renders as with all.
 */
#include "lectern/mdparse.h"
#include "lectern/refs.h"
#include "../tap.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

static const char defs[] = "[a]: /a\n"
                           "[B]: /b \"title b\"\n"
                           "[c]:\n  /c\n  'title c'\n"
                           "  [Straße]: /strasse\n"
                           "[foo   bar]: /foobar\n"
                           "[a]: /second-a\n"
                           "[链接]: http://例子.cn/丁\n"
                           "[x\\]y]: /escaped\n"
                           "[unused]: /unused\n";

/* What the index gives for text, as a string (caller frees). */
static char *given(lec_refs *r, const char *text, size_t *count)
{
    lec_buf out = LEC_BUF_INIT;
    *count = lec_refs_for(r, text, strlen(text), &out);
    lec_buf_putc(&out, '\0');
    return lec_buf_detach(&out, NULL);
}

/* text rendered by cmark with the definitions d after it. */
static char *html(const char *text, const char *d)
{
    lec_buf b = LEC_BUF_INIT;
    lec_buf_puts(&b, text);
    lec_buf_puts(&b, "\n\n");
    lec_buf_puts(&b, d);
    char *h = cmark_markdown_to_html(b.data, b.len, CMARK_OPT_DEFAULT);
    lec_buf_free(&b);
    return h;
}

int main(void)
{
    lec_refs *r = lec_refs_new(defs, strlen(defs));
    size_t n;
    char *g = given(r, "see [x][b] and [A].", &n);
    is_int(n, 2, "two labels named, two definitions");
    ok(strstr(g, "[B]: /b \"title b\"") && strstr(g, "[a]: /a\n"), "the named ones");
    ok(!strstr(g, "/c") && !strstr(g, "unused"), "and no other");
    ok(!strstr(g, "second-a"), "the first definition of a label only");
    free(g);

    g = given(r, "[c] [C] [c][]", &n);
    is_int(n, 1, "a label named three times is given once");
    ok(strstr(g, "'title c'") != NULL, "a definition keeps its continuation lines");
    free(g);

    g = given(r, "[STRASSE] [Foo\n bar]", &n);
    is_int(n, 2, "labels compare case folded (ß = SS) and with white space collapsed");
    free(g);
    g = given(r, "见[链接]。", &n);
    ok(n == 1 && strstr(g, "例子"), "a Chinese label");
    free(g);
    g = given(r, "no brackets [at all", &n);
    is_int(n, 0, "text without a label is given nothing");
    free(g);
    g = given(r, "\\[a] [x\\]y]", &n);
    ok(n == 1 && strstr(g, "/escaped"), "escaped brackets open and close no label");
    free(g);

    /* Property: each part renders with what it is given as with all. */
    static const char *const parts[] = {
        "see [x][b] and [A].", "[c] and [C][] and [c][]", "![img][a] [text](/inline)",
        "[STRASSE] [Foo\n bar]", "> quoted [a]\n> and [链接]", "- item [b]\n- item [unused]",
        "`[a]` code and [a]", "[outer [a] inner][b]", "[x\\]y] and \\[a]", "nothing here",
        "[unknown][nope] [a] [[a]]",
    };
    int same = 1;
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        g = given(r, parts[i], &n);
        char *want = html(parts[i], defs), *got = html(parts[i], g);
        if (strcmp(want, got) != 0) {
            same = 0;
            printf("# differs for \"%s\":\n# %s# %s", parts[i], want, got);
        }
        free(want);
        free(got);
        free(g);
    }
    ok(same, "every part renders with its definitions as with all of them");
    lec_refs_free(r);

    /* A line that begins like a definition may go on the one before: its
     * destination after a line break, a line of its title. */
    {
        static const char d2[] = "[r]:\n[r]:>\n"
                                 "[t]: /t 'a\n[s]: b'\n"
                                 "[q]: /q\n\"x\n[p]: y\"\n"
                                 "[d]: /d\n";
        r = lec_refs_new(d2, strlen(d2));
        g = given(r, "[r]", &n);
        ok(n == 1 && strncmp(g, "[r]:\n[r]:>\n", 10) == 0, "a destination on the next line");
        free(g);
        g = given(r, "[s] [p]", &n);
        is_int(n, 0, "lines inside titles define nothing");
        free(g);
        g = given(r, "[t] [q]", &n);
        ok(n == 2 && strstr(g, "[s]: b'") && strstr(g, "[p]: y\""), "titles keep their lines");
        free(g);
        static const char *const p2[] = {"[r]", "[t] [s]", "[q] [p]", "[d]", "[r] [d] [s]"};
        same = 1;
        for (size_t i = 0; i < sizeof p2 / sizeof *p2; i++) {
            g = given(r, p2[i], &n);
            char *want = html(p2[i], d2), *got = html(p2[i], g);
            if (strcmp(want, got) != 0) {
                same = 0;
                printf("# differs for \"%s\":\n# %s# %s", p2[i], want, got);
            }
            free(want);
            free(got);
            free(g);
        }
        ok(same, "and every part renders with them as with all");
        lec_refs_free(r);
    }

    /* Bytes that are not UTF-8 are U+FFFD to cmark, in a label too. */
    {
        static const char d3[] = "[s\xeb]: /s\n[a\xe6\x88x]: /a\n[b\xe6\nc]: /b\n";
        r = lec_refs_new(d3, strlen(d3));
        g = given(r, "[s\xfa] [A\xf0X] [b\xe6 c]", &n);
        ok(n == 3 && strstr(g, "/s") && strstr(g, "/a") && strstr(g, "/b"),
           "labels with invalid bytes match as cmark's");
        free(g);
        lec_refs_free(r);
    }

    /* The model's parse takes the definitions first: a fence left open
     * at the end of the part cannot swallow them, and its blocks keep
     * their lines; something in them that is not a definition goes after
     * the part instead. */
    {
        static const char src[] = "# [a] title\n\n```\n[b]\n";
        static const char *const extra[] = {"[a]: /a\n", "[a]: /a\n```\n"};
        for (int k = 0; k < 2; k++) {
            lec_md md;
            lec_md_parse_defs_first(&md, src, 0, sizeof src - 1, extra[k], strlen(extra[k]));
            cmark_node *h = cmark_node_first_child(md.root);
            cmark_node *code = h ? cmark_node_next(h) : NULL;
            uint32_t hs, he, cs, ce;
            lec_md_block_range(&md, h, &hs, &he);
            lec_md_block_range(&md, code, &cs, &ce);
            cmark_node *t = cmark_node_first_child(h);
            ok((k || cmark_node_get_type(t) == CMARK_NODE_LINK) && hs == 0 && he == 12 &&
                   cs == 13 && ce == sizeof src - 1 && !cmark_node_next(code),
               "definitions fed first: %s",
               k ? "with a fence among them, the blocks keep their ranges all the same"
                 : "the link resolves, the blocks keep their ranges");
            lec_md_free(&md);
        }
    }

    r = lec_refs_new("", 0);
    g = given(r, "[a]", &n);
    is_int(n, 0, "no definitions, nothing given");
    free(g);
    lec_refs_free(r);
    return tap_done();
}
