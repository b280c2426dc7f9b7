/*
 * t_scan.c - the fast scan of plain paragraphs and headings (scan.c)
 * gives the model a cmark parse of everything gives: the same blocks, the
 * same nodes with the same markers, titles and byte ranges.
 *
 * Compared on: documents made of random pieces of Markdown (paragraphs
 * that begin with markers, headings of both kinds, lists, quotes, code,
 * HTML, link definitions, emphasis, hard wraps, odd white space, invalid
 * bytes), the samples, and the real texts of the shared corpus converted
 * to Markdown ($LECTERN_CORPUS, when there).
 */
#include "../tap.h"
#include "files.h"
#include "lectern/convert.h"
#include "lectern/doc.h"
#include "lectern/utf8.h"
#include "lectern/util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>

/* Everything the model knows, as text. */
static char *describe(const lec_doc *d)
{
    lec_buf b = LEC_BUF_INIT;
    for (size_t i = 0; i < lec_doc_block_count(d); i++) {
        const lec_block *k = lec_doc_block(d, i);
        lec_buf_printf(&b, "B %u %u %d %d\n", k->start, k->end, k->kind, k->level);
    }
    for (uint32_t i = 1; i < lec_doc_node_count(d); i++) {
        size_t ml, tl, s, e;
        const char *m = lec_node_marker(d, i, &ml);
        const char *t = lec_node_title(d, i, &tl);
        lec_node_range(d, i, &s, &e);
        lec_buf_printf(&b, "N %d %zu %zu %u|%.*s|%.*s\n", lec_node_depth(d, i), s, e,
                       lec_node_parent(d, i), (int)ml, m, (int)tl, t);
    }
    size_t nref;
    const char *refs = lec_doc_refdefs(d, &nref);
    lec_buf_printf(&b, "R %.*s\n", (int)nref, refs ? refs : "");
    for (size_t i = 0; i < lec_doc_meta_count(d); i++)
        lec_buf_printf(&b, "M %s=%s\n", lec_doc_meta_key(d, i), lec_doc_meta_value(d, i));
    return lec_buf_detach(&b, NULL);
}

/* 1 when both ways agree; prints the first difference. */
static int same(const char *md, size_t n, const char *name, int verbose)
{
    lec_doc *a = lec_doc_new_flags(lec_xstrndup(md, n), n, name, 0);
    lec_doc *b = lec_doc_new_flags(lec_xstrndup(md, n), n, name, LEC_DOC_CMARK);
    char *da = describe(a), *db = describe(b);
    int ok = strcmp(da, db) == 0;
    if (ok && lec_utf8_valid(md, n, NULL)) {
        /* Valid text may be declared so: the scan then skips its checks. */
        lec_doc *c = lec_doc_new_flags(lec_xstrndup(md, n), n, name, LEC_DOC_VALID);
        char *dc = describe(c);
        ok = strcmp(da, dc) == 0;
        if (!ok && verbose) printf("# %s: LEC_DOC_VALID changes the model\n", name);
        free(dc);
        lec_doc_free(c);
    }
    if (!ok && verbose) {
        const char *x = da, *y = db;
        while (*x && *x == *y) x++, y++;
        while (x > da && x[-1] != '\n') x--, y--;
        printf("# %s: scan says   %.*s\n", name, (int)strcspn(x, "\n"), x);
        printf("# %s: cmark says  %.*s\n", name, (int)strcspn(y, "\n"), y);
    }
    free(da);
    free(db);
    lec_doc_free(a);
    lec_doc_free(b);
    return ok;
}

static const char *const pieces[] = {
    "一是加强领导。内容。", "二是压实责任，内容。", "三是", "（一）统筹推进。", "（二）", "1、甲。",
    "2、乙。", "第一，要学习。", "第二，", "首先，", "其次，", "最后，", "First, we act.",
    "Second, ", "**一是健全机制**。", "*强调*", "`代码`", "[链接](http://x)", "[ref]", "<b>",
    "&amp;", "\\*", "!", "-->", "]:", "[x][]: ", "```", "~~~~", "统一是", "第一次", "1.5亿", "一、二线", "正文内容，", "我们要", "。",
    "，", "！", "　　", "\xc2\xa0", "\xff", "\xe4\xb8", "\t", "  ", "x",
    /* tables: cells, escaped pipes, delimiter rows */
    " | ", "|", "\\|", "| 甲 | 乙 |", "|---|:-:|", "--- | ---",
};

static const char *const line_starts[] = {
    "", "", "", "", "# ", "## ", "### 一、", "#### （一）", "####### ", "#", "- ", "* ", "+ ",
    "1. ", "2) ", "> ", "    ", "   ", "```", "~~~", "<div>", "<!--", "[x]: /url", "***", "---",
    "===", "___", "- - -", "\t", "| a |", "10. ", "1.5 ", "#一、", "  # ",
    "|---|---|\n", "| :-- | --: |\n", "一、 | ", "|", "> | ",
    " ```", "   ~~~", "````", "<!-- x -->", " <!--", "- [x]: /u", "> [x]: /u", "[x][]: ",
};

/* Blocks the scan reports itself or leaves to cmark, at their edges:
 * fenced code, HTML comments, link definitions. */
static const char *const tricky[] = {
    /* fences */
    "para\n```\ncode\n```\nafter [x]\n",
    "```\nunclosed\n\n\n",
    "```\nunclosed\n\n# h\n",
    "~~~\n```\n~~~\n一、标题\n",
    "````\n```\n````\n",
    "```\ncode\n``\n```\n一是\n",
    "   ```\n   code\n  ```\n一是\n",
    " ```\n```\n",
    "```\n    ```\n```\n",
    "\t```\n```\n",
    "```\n```\t \n# h\n",
    "```\n```\v\n# h\n",
    "```js`x\n一是\n",
    "~~~ a`b\ncode\n~~~\n",
    "```\n\xe6\x88\n```\n",
    "```\n```\xe6\n```\n# h\n",
    "``` \xe6`\n# h\n",
    "- a\n```\nb\n```\n",
    "1. a\n   ```\n   b\n```\n# h\n",
    "```\r\ncode\r\n```\r\n# h\r\n",
    "```",
    "```\n",
    /* block quotes: read without cmark when a blank line ends them */
    "> a\n> b\n\n# h\n",
    "> a\nlazy\n\n一、x\n",
    "> a\n\n> b\n\n一是\n",
    "   > a\n    > b\n\nx\n",
    "> a\n\t> b\n\n一是\n",
    "> ```\n> code\n\n一是\n",
    "> ```\n\ncode\n```\n",
    "> [x]: /u\n\n[x]\n",
    "> a\n\n[x]\n\n> [x]: /u\n",
    "> - a\n>   b\n\n1. c\n",
    ">\n>\n\n# h\n",
    "> a",
    "> a\n",
    "> \xe6\n\n一是\n",
    "para\n> q\n\n一是\n",
    "> q\n# h\n",
    "> q\n  \n一是\n",
    /* a line beginning with '[' inside a paragraph goes on with it */
    "text\n[x]: /u\n\n[x]\n",
    "一是加强\n[链接](u)内容\n\n",
    "First, see\n[`a`][] and\n[b]\n\n[b]: /b\n",
    "a\n[x]:\n/u\n\n[x]\n",
    "[x]: /u\n[y]\n\n[y]: /y\n",
    "a\n   [x]: /u\n    [y]\n",
    /* paragraphs that begin like a definition: cmark says whether they are */
    "[^1]: An experimental\n    [b][] text\n\n一是[^1]\n",
    "[a]: /u\nrest\n\n一是[a]内容\n",
    "[a]: /u 'title'\nrest\n\n一是[a]\n",
    "[a]: /u\n[b]: /v\nrest [b]\n\n一是[a][b]\n",
    "[a]: /u x\n\n一是[a]\n",
    "[a]:\n/u\nrest\n\n一是[a]\n",
    "[a\\]]: /u\nrest\n\n一是[a\\]]\n",
    "[a]: <>\nrest\n\n一是[a]\n",
    "- [a]: /u\n\n一是[a]\n",
    /* lists: read without cmark when simple (scanlist.c) */
    "- 一是加强\n- 二是 x\nnext\n",
    "- 一是加强\n- 二是 x\n\nnext\n",
    "1. 一是\n2. 二是\n   lazy\n\n",
    "1) 二是\n1) 三是\n\n四是\n",
    "1. a\n   1. 一是\n   2. 二是\n2. b\n\n# h\n",
    "1. a\n   2. 一是\n\n",
    "* a\n  * 一是\n    * 二是\n  * 三是\n* b\n\n",
    "* a\n   * 一是\n\n",
    "* a\n      * 一是\n\n",
    "* a\n * 一是\n\n",
    "- a\n+ 一是\n\n",
    "- a\n\n- 一是\n",
    "- a\n\n  一是\n",
    "- a\n\n 一是\n",
    "- a\n- \n\n",
    "- a\n- * * *\n\n",
    "* * *\n- a\n\n",
    "- a\n  ---\n\n",
    "- a\n  ===\n\n",
    "- `一是` x\n- **二是** y\n\n",
    "- The `x` *y*\n- Returns: **z**\n\n",
    "1. `code` 一是\n2. `a` **b**\n\n",
    "- 一是",
    "- 一是\n",
    "- 一是\n\n\n",
    "10. 一是\n11. 二是\n\n",
    "0. a\n1. b\n\n",
    "1234567890. a\n\n",
    "- a\t一是\n\n",
    "-\ta\n\n",
    "- a  \n- b\n\n",
    "- [x]: /u\n\n[x]\n",
    "- > q\n\n",
    "- # h\n\n",
    "- ```\n\n",
    "- <div>\n\n",
    /* HTML comments */
    "<!-- a -->\n一是\n",
    "<!--\nx\n\n-->\n# h\n",
    "text\n<!-- c -->\n一是\n",
    "text\n <!--\n-->\n",
    "<!-->\n一是\n",
    "<!--->\n# h\n",
    "<!-- unclosed\n\n# h\n",
    "<!-- unclosed\n\n# h\n\n\n",
    "    <!-- indented -->\n",
    "<!-- x --\xe6\n-->\n# h\n",
    "<!--\n--\xf0\x9f\n-->\n# h\n",
    "-->\n<!--\n-->",
    "<!-- a\n--\\>\n# h\n",
    "  <!-- a --> tail\n一是\n",
    "<div>\n<!--\n\n# h\n",
    /* list items that interrupt a paragraph, and those that do not */
    "一是甲\n- 二是乙\n",
    "一是甲\n* \n二是\n",
    "一是甲\n2. 二是\n",
    "一是甲\n1) 二是\n1) 三是\n\n四是\n",
    "一是甲\n- - -\n",
    "一是甲\n-\t二是\n",
    "一是甲\n+ 二是\n  三是\n\n四是\n",
    "一是甲\n   1. 二是\n",
    "一是甲\n    - 二是\n",
    "一是甲\n1.5 二是\n",
    "一是甲\n-\v二是\n",
    "一是甲\n- \r\n二是\r\n",
    /* link definitions */
    "# T [a]\n\n[a]: /u\n",
    "- [a]: /u\n\n# T [a]\n",
    "> [a]: /u\n\n# T [a]\n",
    "[a]: /u\ntext [a]\n\n# [a]\n",
    "* [`f()`][]: does f\n\n# [`f()`][]\n\n[`f()`]: /f\n",
    "[^1]: note [a]\n\n[a]: /u\n\n# [a]\n",
    "- ```\n  [a]: x\n  ```\n\n# [a]\n",
    "- ```\n  x\n[a]: /u\n\n# [a]\n",
    "1. [a]:x\n\n y\n\n1.\n1. [a]\n",
    "# [a]\n\n[a]:\n/u\n\n[b\nc]: /v\n\n# [b c]\n",
    "# [a] [b]\n\n[a]: /u\n\n\n\n[b]: /v\n[c]: /w\n\n\n",
    /* a setext heading, then a definition: the definition closes the
     * heading and makes no block, so cmark's heading took it in (doc_walk.c,
     * doc_top_range); with invalid UTF-8, which cmark reads as U+FFFD */
    "标题\n=\n[r]:>\n",
    ("标题\n=\n[r]:>\xe9\xe9\xa2\x98\n=\n[r]:>\xe9\xce\xce\xce\xce\xce\xce\xce\xce\xce\xce\xce\xce\xce"
     "\xce\xce\xce\x98\n="),
    "标题\n=\n[r]:>\xe9\n", "标题\n=\n[r]:>\xe9\xe9\xa2\x98\n=\n", "标题\n=\n[\xe9]: /u\n",
    "标题\r\n=\r\n[r]:>\r\n", "标题\n=\n[r]: /u \"t\"\n\n一是[r]\n", "标题\n=\n[r]: /u\n[s]: /v\n",
    "标题\n=\n[r]: /u\n一是[r]\n", "标题\n=\n[r]: /u\n\n一是[r]\n", "标题\n---\n[x]: /u\n\n[x]\n",
    "#foo\n===\n[r]: /u\n", "a\nb\n  ==  \n[r]: /u\n一是\n", "标题\n=\n[r]:\n/u\n",
    "标题\n=\n   [r]: /u\n", "标题\n=\n[r]: /u\n# h [r]\n", "标题\n=\n[r]: /u\n标题\n=\n[s]: /v\n",
    "标题\n=\n[r]: /u \"t\n\nx\"\n", "标题\n=\n[r]: /u\n  \n", "标题\n=\n[r]:>", "# [r]\n标题\n=\n[r]: /u\n",
    "[r]:>x\n=\nb\n=\n[s]: /u\n", "> 标题\n> =\n> [r]:>\n\n一是\n", "- 标题\n  =\n  [r]:>\n\n一是\n",
    /* ... inside a quote or an item, where it resolves links in the whole
     * range (scan.c, may_define) */
    "# [r]\n> \x98\n> =\n> [r]:>", "# [r]\n\n> 标题\n> =\n> [r]: /u\n", "- 标题\n  ==\n  [r]: /u\n\n# [r]\n",
    "# [r]\n\n> > a\n> > ---\n> > [r]: /u\n", "1. a\n   b\n   ---\n   [r]: /u \"t\"\n\n一是[r]\n",
    "1. 标题\n   ---\n   [r]: /u\n2. b\n",
    /* a line that begins like a definition inside the one before (refs.c) */
    "[r]:\n[r]:>\n\n# h\n", "\n\n   [r]:\n[r]:>一是\x98\n\n\n#", "[t]: /t 'a\n[s]: b'\n\n# [t] [s]\n",
    "[s]: /v/u>题\n't(u)\n[s]: /v\n/ut' \n\n# [s]\n", "# [r]\n\n[r]:\n[r]:>\n\n# [r]\n",
    "x [q]\n\n[q]: /q\n\"x\n[p]: y\"\n\n# [q] [p]\n",
    /* labels with bytes that are not UTF-8, which cmark reads as U+FFFD */
    "[t]: \xe3\x80\x80题'a\n[s\xeb]: b'\n\n# [t] [s\xfa]\n", "[a\xe6\x88]: /u\n\n# [a\xe6]\n",
    "[a\xe6\nb]: /u\n\n# [a\xf0\nb]\n", "[a\xff]: /u\n\n# [A\xc0]\n", "[\xed\xa0\x80]: /u\n\n# [\xff\xfe\xfd]\n",
    "# [a\xe6\x88x]\n\n[a\xf0x]: /u\n",
    "# [\xe6x]\n\n[\xf0x]:/\nfoo", "# [\xe6x]\n\n[\xf0x]:/\n\x96", "# [a\xe6 b]\n\n[a\xe6\nb]: /u\n",
    /* paragraphs whose markup comes after their start: a marker or not */
    "The `x`, first\n", "First `x`, y\n", "First\n`x`, y\n", "The\n![](x)\n", "IV\n*x*\n",
    "IV. *x*\n", "Sec. 3 `x`\n", "And\n*fifth*: x\n", "And *fifth*: x\n", "First,\n`x`\n",
    "我们\n`x`\n", "一\n`是`\n", "The \\\nFirst, x\n", "XX.\n*x*\n", "The  ![](x)\n",
    "First\n![](x)\n", "I\n![](x)\n", "I.\n![](x)\n", "Lastly\n<b>, x\n", "Hello \r`x`\n",
    "First \v`x`\n", "Firstly\n&amp; x\n", "Article 5. *x*\n", "1. *x*\n\nSecond\n_x_\n",
    "\xe3\x80\x80The `x`\n", "(1) `x`\n", "Second\n\xe6 *x*\n",
    /* list items of more lines (scanlist.c) */
    "* `a` {x} text\n  goes on\n* b\n", "1. First, one\n   two\n2. next\n", "- a\n  ---\n",
    "- a\n  ==\n", "- a\n  - b\n  more\n", "- `a\n  b` c\n", "- First\n  `x`, y\n",
    "- First\n  ![](x)\n", "* a\n      code?\n* b\n", "- a\n   > q\n", "1. a\n   2. b\n",
    "1. a\n   1. b\n", "- a\n  [x]: /u\n\n# [x]\n", "- 一是\n  继续\n- 二是 `c`\n  接着\n",
    "- The `x` [y]\n  z\n", "1. `a`\n   b\n", "- a\n\xe6\n", "- a\n  \xe6\x88\n",
    "- a  \n  b\n", "- a\\\n  b\n", "- a\n  b\r\n- c\r\n",
    /* (in runs: a lone item makes no point) */
    "1. a\n      # h\n2. b\n", "1. a\n     > q\n2. b\n", "- `First, x\n  y`\n- `Second, z\n  w`\n",
    "1. a\n    - x\n2. b\n", "10. a\n    b\n11. c\n", "1. a\n   b\n   ```\n2. c\n",
    "1. a\n  b\n2. c\n", "1. a\n       # h\n2. b\n", "- First, a\n  b\n- Second, `c\n  d`\n",
    /* paragraphs that begin with a code span */
    "`First`, x\n\n`Second`, y\n", "`Fir\nst`, x\n\n`Second`, y\n", "`x` y\n\n`一是` 加强\n\n`二是`\n",
    "`a` *b*\n", "`a\n`First`, x\n\nSecond, y\n", "``First`` `, x\n\n`Second`, y\n",
    "`First`,\nx\n\n`Second`,\ny\n", "  `First`, x  \n\n`Second`, y\n", "`First,\nx` y\n\n`Second,\nz` w\n",
    /* runs of link definitions the scan keeps itself, or leaves to cmark */
    "# [a]\n\n[a]: /u\n[b]: /v \"t\"\n\n# [b]\n", "[a]: /u x\n\n# [a]\n", "[a]: /u\n\"title\"\n\n# [a]\n",
    "[a]: /u \"t\n\n# [a]\n", "# x\n\n[a]: /u \"t\nu\"\n\n# [a]\n", "[ ]: /u\n[b]: /v\n\n# [b]\n", "[a]:\n/u\n\n# [a]\n",
    "[a]: <u>\n\n# [a]\n", "[a]: /u(x)\n\n# [a]\n", "[a]: /u)\n\n# [a]\n", "[a]: /u\n[b]: /v\ntext\n\n# [a] [b]\n",
    "  [a]: /u\n    [b]: /v\n\n# [a] [b]\n", "[a]: /u 't'\n\n# [a]\n", "[a]: /u\t\"t\"  \n\n# [a]\n",
    "[a]:/u\n\n# [a]\n", "[a\\]]: /u\n\n# [a]]\n", "[a]: /u\xe4\n\n# [a]\n", "[a]: /u\"t\"\n\n# [a]\n",
    "[`f()`]: #f\n\n# [`f()`][]\n", "[a]: /u \"t\" x\n\n# [a]\n", "[a]: /u\n[b]: /v", "[a]: /u\n[b]:\n",
    "[a]: /u \"t\"\"\n\n# [a]\n", "[a]: /u (t)\n\n# [a]\n", "[a]: /u\n  \"t\"\n\n# [a]\n",
    "[a]: /\x01u\n\n# [a]\n", "[^1]: An experiment\n\n[^1]: /n\n\n# [^1]\n",
    /* an empty heading ends an item at the end: its line is the list's */
    "[r]:>\n\n[\n- 3\n  #", "[r]:>\n\n- 3\n  #", "- 3\n  #", "> a\n> #", "1. a\n   ##",
};

static void random_doc(lec_buf *b, unsigned *seed)
{
    lec_buf_reset(b);
    int lines = 1 + (int)(rand_r(seed) % 40);
    for (int i = 0; i < lines; i++) {
        if (rand_r(seed) % 4 == 0) {
            lec_buf_puts(b, "\n");
            continue;
        }
        lec_buf_puts(b, line_starts[rand_r(seed) % (sizeof line_starts / sizeof *line_starts)]);
        int words = (int)(rand_r(seed) % 6);
        for (int k = 0; k < words; k++)
            lec_buf_puts(b, pieces[rand_r(seed) % (sizeof pieces / sizeof *pieces)]);
        lec_buf_puts(b, rand_r(seed) % 8 ? "\n" : "\r\n");
    }
}

/* Lists for the list scan (scanlist.c): items at the indentations that
 * nest them and at others, bullets and numbers mixed, items whose text
 * begins a block, rules, blank lines, lazy lines, and texts with markers
 * and markup. */
static const char *const list_indents[] = {"", "", "", "  ", "  ", "   ", "    ", " ", "      "};
static const char *const list_marks[] = {"- ", "- ", "* ", "* ", "+ ", "1. ", "1. ", "2. ", "1) ",
                                         "10. ", "0. ", "-", "- ", "* * *", "1.", "-  "};
static const char *const list_texts[] = {
    "a", "一是加强", "First, we", "`code` text", "`a` **b**", "The `x` [y]", "**b** c", "> q",
    "# h", "```", "[x]: /u", "- nested", "1. nested", "<b>", "二是 `c`", "Returns: {x}", "***",
    "x  ", "\\* y", "a\tb", "第一，", "`unclosed", "", "IV. Four", "=="};

static void random_list_doc(lec_buf *b, unsigned *seed)
{
    lec_buf_reset(b);
    int lines = 1 + (int)(rand_r(seed) % 12);
    for (int i = 0; i < lines; i++) {
        unsigned r = rand_r(seed) % 10;
        if (r == 0) {
            lec_buf_puts(b, "\n");
            continue;
        }
        if (r == 1) {
            lec_buf_puts(b, rand_r(seed) % 2 ? "lazy text\n" : "一是 段落\n");
            continue;
        }
        lec_buf_puts(b, list_indents[rand_r(seed) % (sizeof list_indents / sizeof *list_indents)]);
        lec_buf_puts(b, list_marks[rand_r(seed) % (sizeof list_marks / sizeof *list_marks)]);
        lec_buf_puts(b, list_texts[rand_r(seed) % (sizeof list_texts / sizeof *list_texts)]);
        lec_buf_puts(b, "\n");
    }
}

/* A list built as lists are written: a bullet or delimiter per depth,
 * items nested by their parent's text column (now and then one space off),
 * numbers counting up from a start, texts with markers, markup or blocks,
 * items of more lines, at the text's column or off it, some of which
 * begin blocks or end a code span begun above; then what follows it. */
static const char *const item_texts[] = {
    "a", "一是加强", "First, we", "`code` text", "二是 `c`", "第一，内容", "IV. Four", "1、甲",
    "`x` and `y`", "plain words", "（一）统筹", "`a` **b**", "The `x` [y]", "三是落实。"};
static const char *const more_texts[] = {
    "goes on", "继续", "`code` on", "with *b*", "[link][]", "ends` here", "---", "==", "- x",
    "1. x", "2. x", "# h", "> q", "<b>", "```", "***", "[x]: /u", "    deeper", "=", "--",
    "  two more", "\\* esc", "`", "1) x", "+", "after  "};

static void random_real_list(lec_buf *b, unsigned *seed)
{
    static const char bullets[] = "-*+.)";
    static const char *const after[] = {"", "\n", "\nnext\n", "\n  indented\n", "\n- again\n",
                                        "next\n", "\n\n# h\n", "\n 1. one\n", "\n\n"};
    lec_buf_reset(b);
    char kind[6];
    int col[6], num[6];
    int depth = 0, items = 1 + (int)(rand_r(seed) % 8);
    for (int d = 0; d < 6; d++) kind[d] = bullets[rand_r(seed) % 5], num[d] = (int)(rand_r(seed) % 3);
    col[0] = 0;
    for (int i = 0; i < items; i++) {
        int indent = col[depth] + (rand_r(seed) % 24 == 0 ? (rand_r(seed) % 2 ? 1 : -1) : 0);
        for (int k = 0; k < indent; k++) lec_buf_putc(b, ' ');
        char mk[16];
        int w;
        if (kind[depth] == '.' || kind[depth] == ')')
            w = snprintf(mk, sizeof mk, "%d%c ", num[depth]++, kind[depth]);
        else
            w = snprintf(mk, sizeof mk, "%c ", kind[depth]);
        if (rand_r(seed) % 30 == 0) mk[0] = bullets[rand_r(seed) % 5];
        lec_buf_puts(b, mk);
        if (rand_r(seed) % 24)
            lec_buf_puts(b, item_texts[rand_r(seed) % (sizeof item_texts / sizeof *item_texts)]);
        else
            lec_buf_puts(b, list_texts[rand_r(seed) % (sizeof list_texts / sizeof *list_texts)]);
        lec_buf_putc(b, '\n');
        for (int more = rand_r(seed) % 3 ? 0 : 1 + (int)(rand_r(seed) % 3); more > 0; more--) {
            int at = (indent > 0 ? indent : 0) + w + (rand_r(seed) % 12 == 0 ? -1 : 0);
            for (int k = 0; k < at; k++) lec_buf_putc(b, ' ');
            lec_buf_puts(b, more_texts[rand_r(seed) % (sizeof more_texts / sizeof *more_texts)]);
            lec_buf_putc(b, '\n');
        }
        unsigned r = rand_r(seed) % 4;
        if (r == 0 && depth < 5) { /* a list inside this item */
            col[depth + 1] = (indent > 0 ? indent : 0) + w;
            depth++;
            num[depth] = rand_r(seed) % 3 ? 1 : 2;
        } else if (r == 1 && depth > 0) {
            depth -= 1 + (int)(rand_r(seed) % (unsigned)depth);
        }
    }
    lec_buf_puts(b, after[rand_r(seed) % (sizeof after / sizeof *after)]);
}

static void check_file(const char *path, int convert)
{
    lec_buf b = LEC_BUF_INIT;
    if (!read_file(path, &b)) return;
    if (convert) {
        size_t n;
        char *md = lec_convert(b.data ? b.data : "", b.len, &n);
        lec_buf_reset(&b);
        lec_buf_put(&b, md, n);
        free(md);
    }
    ok(same(b.data ? b.data : "", b.len, path, 1), "scan and cmark agree on %s", path);
    lec_buf_free(&b);
}

/* Documents made by gen, each compared: how many differ (the first is
 * shown in hex). */
static int random_runs(void (*gen)(lec_buf *, unsigned *), unsigned *seed, int runs,
                       const char *name)
{
    lec_buf b = LEC_BUF_INIT;
    int bad = 0;
    for (int i = 0; i < runs; i++) {
        gen(&b, seed);
        if (!same(b.data ? b.data : "", b.len, name, bad == 0)) {
            if (!bad) {
                printf("# first failing %s:\n", name);
                for (size_t k = 0; k < b.len; k++) printf("%02x", (unsigned char)b.data[k]);
                printf("\n");
            }
            bad++;
        }
    }
    lec_buf_free(&b);
    return bad;
}

int main(void)
{
    unsigned seed = 1129;
    lec_buf b = LEC_BUF_INIT;
    int bad, runs = 4000;
    is_int(random_runs(random_doc, &seed, runs, "random document"), 0,
           "%d random documents: scan and cmark agree", runs);
    is_int(random_runs(random_list_doc, &seed, runs, "random list"), 0,
           "%d random lists: scan and cmark agree", runs);
    is_int(random_runs(random_real_list, &seed, runs, "list"), 0,
           "%d lists as written: scan and cmark agree", runs);
    bad = 0;
    for (size_t i = 0; i < sizeof tricky / sizeof *tricky; i++)
        if (!same(tricky[i], strlen(tricky[i]), tricky[i], 1)) bad++;
    is_int(bad, 0, "%zu documents of code, comments and definitions: scan and cmark agree",
           sizeof tricky / sizeof *tricky);
    lec_buf_free(&b);

    /* A document large enough for two threads: 5 MB of the sample and
     * other blocks.  Both halves joined give what one thread gives,
     * with the fast scan and with cmark. */
    const char *srcdir = getenv("srcdir");
    {
        char p[4096];
        snprintf(p, sizeof p, "%s/examples/speech.md", srcdir ? srcdir : ".");
        lec_buf sample = LEC_BUF_INIT, big = LEC_BUF_INIT;
        read_file(p, &sample);
        /* The sample, then a link defined in one chunk and used in
         * others, a list, code and a quote. */
        for (int k = 0; big.len < ((size_t)5 << 20); k++) {
            lec_buf_put(&big, sample.data ? sample.data : "", sample.len);
            lec_buf_printf(&big, "\n\n[r%d]: http://x/%d\n\n见[链接][r%d]。\n\n"
                                 "1. 一是甲。\n2. 二是乙。\n\n```\ncode %d\n```\n\n> 引文%d\n\n",
                           k, k, k > 0 ? k - 1 : 0, k, k);
            /* A comment, an API list whose "]:" defines nothing, and
             * every eighth time a definition in a list item (which only
             * the chunk that holds it resolves). */
            lec_buf_printf(&big, "<!-- YAML\nadded: v%d\n-->\n\n* [`f%d()`][]: does f\n\n"
                                 "# 一、见[`f%d()`][]和[q%d]\n\n[`f%d()`]: #f\n\n",
                           k, k, k, k % 8 ? k : k - 1, k);
            if (k % 8 == 0) lec_buf_printf(&big, "- [q%d]: /q\n\n", k);
        }
        static const int flags[] = {0, LEC_DOC_CMARK, LEC_DOC_VALID};
        for (size_t k = 0; k < 3; k++) {
            if (flags[k] == LEC_DOC_VALID && !lec_utf8_valid(big.data, big.len, NULL)) continue;
            lec_doc *one = lec_doc_new_flags(lec_xstrndup(big.data, big.len), big.len, "big",
                                             flags[k] | LEC_DOC_ONE_THREAD);
            lec_doc *two = lec_doc_new_flags(lec_xstrndup(big.data, big.len), big.len, "big", flags[k]);
            char *x = describe(one), *y = describe(two);
            ok(strcmp(x, y) == 0 && lec_doc_node_count(one) > 200,
               "5 MB, flags %d: two threads give what one gives (%zu nodes)", flags[k],
               lec_doc_node_count(one));
            free(x);
            free(y);
            if (k == 0)
                ok(same(big.data, big.len, "big", 1), "5 MB: the scan gives what cmark gives");
            lec_doc_free(one);
            lec_doc_free(two);
        }
        lec_buf_free(&sample);
        lec_buf_free(&big);
    }
    lec_buf_free(&b);

    const char *samples[] = {"examples/speech.md", "examples/speech-en.md", "examples/tables.md"};
    char path[4096];
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", srcdir ? srcdir : ".", samples[i]);
        check_file(path, 0);
    }
    snprintf(path, sizeof path, "%s/examples/speech.txt", srcdir ? srcdir : ".");
    check_file(path, 1);
    const char *corpus = getenv("LECTERN_CORPUS");
    DIR *dir = corpus ? opendir(corpus) : NULL;
    if (dir) {
        struct dirent *e;
        while ((e = readdir(dir)) != NULL) {
            size_t l = strlen(e->d_name);
            if (l < 5 || strcmp(e->d_name + l - 4, ".txt") != 0) continue;
            snprintf(path, sizeof path, "%s/%s", corpus, e->d_name);
            check_file(path, 1);
        }
        closedir(dir);
    }
    return tap_done();
}
