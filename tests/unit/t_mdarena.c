/*
 * t_mdarena.c - trees parsed into arenas (src/mdarena.c) stay whole: while
 * others live, freed in any order, used after the parse, on two threads;
 * each renders as cmark renders the same text with its own allocator.
 */
#include "lectern/mdparse.h"
#include "../../src/mdarena.h"
#include "../tap.h"

#include <cmark.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define NDOC 5

/* Documents that make small, growing and big allocations: a code block
 * and a paragraph each over the arena's big size, many small nodes, a
 * reference definition cmark takes out. */
static char *docs[NDOC];

static void make_docs(void)
{
    lec_buf b = LEC_BUF_INIT;
    lec_buf_puts(&b, "# 标题\n\n一是*强调*，二是`代码`。\n");
    docs[0] = lec_buf_detach(&b, NULL);

    lec_buf_puts(&b, "```c\n");
    for (int i = 0; i < 600; i++)
        lec_buf_printf(&b, "line %d of the code block\n", i);
    lec_buf_puts(&b, "```\n\nAfter the [code][r].\n\n[r]: /url \"t\"\n");
    docs[1] = lec_buf_detach(&b, NULL);

    for (int i = 0; i < 900; i++)
        lec_buf_printf(&b, "word%d *em%d* ", i, i);
    lec_buf_puts(&b, "\n");
    docs[2] = lec_buf_detach(&b, NULL);

    for (int i = 0; i < 300; i++)
        lec_buf_printf(&b, "%s %d\n\n- item **%d**\n  - inner `%d`\n\n> quote %d\n\n",
                       i % 7 ? "para" : "## head", i, i, i, i);
    docs[3] = lec_buf_detach(&b, NULL);

    lec_buf_puts(&b, "Setext\n===\n\n<div>\nhtml\n</div>\n\n| a |\n");
    docs[4] = lec_buf_detach(&b, NULL);
}

/* The HTML of md's tree is cmark's for the same text. */
static int renders_right(lec_md *md, int k)
{
    char *got = cmark_render_html(md->root, CMARK_OPT_DEFAULT);
    char *want = cmark_markdown_to_html(docs[k], strlen(docs[k]), CMARK_OPT_DEFAULT);
    int same = strcmp(got, want) == 0;
    lec_mdarena_mem.free(got); /* cmark's memory, from the tree's allocator */
    free(want);
    return same;
}

static void *parse_often(void *arg)
{
    long bad = 0;
    for (int round = 0; round < 30; round++) {
        lec_md md[NDOC];
        for (int k = 0; k < NDOC; k++)
            lec_md_parse(&md[k], docs[k], 0, (uint32_t)strlen(docs[k]), NULL, 0);
        for (int k = NDOC - 1; k >= 0; k -= 2)
            bad += !renders_right(&md[k], k);
        for (int k = 0; k < NDOC; k++) {
            int j = (k * 3 + round) % NDOC;
            if (md[j].root) lec_md_free(&md[j]);
        }
        for (int k = 0; k < NDOC; k++)
            if (md[k].root) lec_md_free(&md[k]);
    }
    (void)arg;
    return (void *)bad;
}

int main(void)
{
    make_docs();

    /* All alive at once, freed out of the order they were made. */
    lec_md md[NDOC];
    for (int k = 0; k < NDOC; k++)
        lec_md_parse(&md[k], docs[k], 0, (uint32_t)strlen(docs[k]), NULL, 0);
    lec_md_free(&md[2]);
    for (int k = 0; k < NDOC; k++)
        if (k != 2)
            ok(renders_right(&md[k], k), "document %d renders as cmark's after one freed", k);
    lec_md_free(&md[0]);
    lec_md_free(&md[4]);

    /* Text taken after the parse (literals made C strings then), while a
     * newer tree lives, and again after that one is gone. */
    lec_md late;
    lec_md_parse(&late, docs[0], 0, (uint32_t)strlen(docs[0]), NULL, 0);
    lec_buf t = LEC_BUF_INIT;
    cmark_node *para = cmark_node_first_child(md[3].root); /* head, list, quote, para */
    for (int i = 0; i < 3; i++)
        para = cmark_node_next(para);
    lec_md_inline_text(para, &t, 100);
    is_str(t.data, "para 1", "an older tree's text while a newer one lives");
    lec_md_free(&late);
    cmark_node *code = cmark_node_first_child(md[1].root);
    const char *lit = cmark_node_get_literal(code);
    ok(lit && strncmp(lit, "line 0 of", 9) == 0 && strstr(lit, "line 599 of"),
       "a big code block's literal, whole");
    lec_buf_reset(&t);
    lec_md_inline_text(cmark_node_first_child(md[3].root), &t, 100);
    is_str(t.data, "head 0", "text after the newer tree is freed");
    ok(renders_right(&md[1], 1) && renders_right(&md[3], 3), "the older trees still render");
    lec_buf_free(&t);
    lec_md_free(&md[3]);
    lec_md_free(&md[1]);

    /* Two threads parsing at once, each with its own arenas. */
    pthread_t th;
    int started = pthread_create(&th, NULL, parse_often, NULL) == 0;
    long bad = (long)parse_often(NULL);
    void *r = NULL;
    if (started) pthread_join(th, &r);
    ok(started, "a second thread started");
    is_int(bad + (long)r, 0, "trees parsed on two threads at once render as cmark's");

    for (int k = 0; k < NDOC; k++)
        free(docs[k]);
    return tap_done();
}
