/*
 * t_doc.c - the model built from Markdown: outline, titles, source ranges
 * (what --print prints), front matter, line endings, and chunked parsing.
 */
#include "../tap.h"
#include "lectern/addr.h"
#include "lectern/chunk.h"
#include "lectern/doc.h"
#include "lectern/util.h"

#include <cmark.h>
#include <stdlib.h>

static lec_doc *doc_of(const char *md)
{
    return lec_doc_new(lec_xstrndup(md, strlen(md)), strlen(md), "test.md");
}

/* "depth marker|title\n" per node. */
static char *outline(const lec_doc *d)
{
    lec_buf b = LEC_BUF_INIT;
    for (uint32_t i = 1; i < lec_doc_node_count(d); i++) {
        size_t ml, tl;
        const char *m = lec_node_marker(d, i, &ml);
        const char *t = lec_node_title(d, i, &tl);
        lec_buf_printf(&b, "%d %.*s|%.*s\n", lec_node_depth(d, i), (int)ml, m, (int)tl, t);
    }
    return lec_buf_detach(&b, NULL);
}

/* The bytes --print would give for node id. */
static char *source_of(const lec_doc *d, uint32_t id)
{
    size_t s, e, len;
    const char *src = lec_doc_source(d, &len);
    lec_node_range(d, id, &s, &e);
    return lec_xstrndup(src + s, e - s);
}

static void check_outline(const char *name, const char *md, const char *want)
{
    lec_doc *d = doc_of(md);
    char *got = outline(d);
    is_str(got, want, "%s", name);
    free(got);
    lec_doc_free(d);
}

static void test_speech_shape(void)
{
    const char *md = "# 在全县大会上的讲话\n"
                     "\n"
                     "同志们：\n"
                     "\n"
                     "## 一、总体要求\n"
                     "\n"
                     "一是加强领导。各级要把工作摆上日程。\n"
                     "\n"
                     "这是一段说明。\n"
                     "\n"
                     "二是压实责任。\n"
                     "\n"
                     "## 二、重点任务\n"
                     "\n"
                     "### （一）织密设施网络\n"
                     "\n"
                     "1、推进总分馆制。内容。\n"
                     "\n"
                     "2、提升服务效能：内容。\n";
    lec_doc *d = doc_of(md);
    char *got = outline(d);
    is_str(got,
           "1 一、|总体要求\n2 一是|加强领导。各级要把工作摆上日程\n2 二是|压实责任\n1 二、|重点任务\n"
           "2 （一）|织密设施网络\n3 1、|推进总分馆制。内容\n3 2、|提升服务效能\n",
           "headings, paragraph points, lead sentences as titles (a short one with the clause after it)");
    free(got);
    is_str(lec_doc_meta_get(d, "title"), "在全县大会上的讲话", "the only H1 is the title");

    char *s = source_of(d, 1);
    is_str(s,
           "## 一、总体要求\n\n一是加强领导。各级要把工作摆上日程。\n\n这是一段说明。\n\n"
           "二是压实责任。\n",
           "a section's source: heading to the end of its last block");
    free(s);
    s = source_of(d, 2);
    is_str(s, "一是加强领导。各级要把工作摆上日程。\n\n这是一段说明。\n",
           "a point's source runs to the next point");
    free(s);
    s = source_of(d, 7);
    is_str(s, "2、提升服务效能：内容。\n", "the last point ends the file");
    free(s);
    is_int(lec_node_position(d, 4), 2, "二、 is the second top-level node");
    is_int(lec_node_level(d, 4), 2, "heading level");
    is_int(lec_node_ordinal(d, 3), 2, "ordinal of 二是");
    is_int(lec_node_family(d, 5), LEC_FAM_CN_PAREN, "family of （一）");
    is_int(lec_doc_block_count(d), 10, "top-level blocks");
    lec_doc_free(d);
}

static void test_markers_in_markup(void)
{
    check_outline("a bold lead: the marker is read from the text",
                  "**一是健全机制**。正文。\n\n**二是压实属地管理责任**。正文。\n",
                  "1 一是|健全机制。正文\n1 二是|压实属地管理责任\n");
    check_outline("U+3000 and NBSP indentation", "\xe3\x80\x80\xe3\x80\x80一是甲。\n\n\xc2\xa0二是乙。\n",
                  "1 一是|甲\n1 二是|乙\n");
    check_outline("setext headings",
                  "一、总则\n------\n\n二、分则\n------\n\n正文\n",
                  "1 一、|总则\n1 二、|分则\n");
    check_outline("soft line breaks join Chinese lines",
                  "## 一、加强\n\n一是统筹\n推进各项工作。乙。\n\n二是丙。\n",
                  "1 一、|加强\n2 一是|统筹推进各项工作\n2 二是|丙\n");
    check_outline("a heading's title loses the 。 of a run-in heading",
                  "## 一、总体要求。\n\n## 二、重点任务；\n", "1 一、|总体要求\n1 二、|重点任务\n");
    check_outline("an ordered list", "前言\n\n1. 甲。\n2. 乙。\n3. 丙。\n",
                  "1 1.|甲\n1 2.|乙\n1 3.|丙\n");
    check_outline("a list with ) delimiters starting at 3",
                  "3) 丙\n4) 丁\n", "");
    /* a short item keeps the ； it ends with, as in a law's list of items */
    check_outline("bullet items that begin with markers",
                  "- （一）甲；\n- （二）乙；\n", "1 （一）|甲；\n1 （二）|乙；\n");
    check_outline("English", "## I. Where\n\nFirst, we act. Then.\n\nSecond, we wait.\n\n## II. Next\n",
                  "1 I.|Where\n2 First,|we act\n2 Second,|we wait\n1 II.|Next\n");
    check_outline("a heading without a marker", "## 引言\n\n## 二〇二四年工作\n",
                  "1 |引言\n1 |二〇二四年工作\n");
}

static void test_traps(void)
{
    check_outline("traps at paragraph starts are prose",
                  "一、二线城市的做法。\n\n统一是基础。\n\n唯一是它。\n\n一是一，二是二。\n\n"
                  "第一次会议。\n\n第一书记来了。\n\n其一生都在读书。\n\n1.5亿元。\n\n"
                  "3.5%的增长。\n",
                  "");
    check_outline("a lone marker is prose", "## 一、甲\n\n一是只有一个。\n", "1 一、|甲\n");
    check_outline("a preview list inside a sentence is prose",
                  "今天讲三个问题：（一）甲；（二）乙；（三）丙。\n", "");
    check_outline("traps inside text do not break a real sequence",
                  "一是统一是前提。\n\n二是第一次见面。\n", "1 一是|统一是前提\n1 二是|第一次见面\n");
}

/* Short laws written for these tests. */
static const char law[] = "# 示例管理条例\n\n"
                          "<!-- INFO END -->\n\n"
                          "## 第一章\xe2\x80\x82\xe2\x80\x82总则\n\n"
                          "第一条 为了规范示例管理，制定本条例。\n\n"
                          "第二条 本条例适用于示例。\n\n"
                          "本条例第一条规定的示例，另行公布。\n\n"
                          "## 第二章\xe2\x80\x82管理\n\n"
                          "### 第一节\xe2\x80\x82登记\n\n"
                          "第三条 登记应当载明下列事项：\n\n"
                          "（一）名称；\n\n"
                          "（二）住所；\n\n"
                          "（三）负责人的姓名和联系方式。\n\n"
                          "第三条之一 登记可以在网上办理。\n\n"
                          "第四条 第三条规定的事项变更的，应当重新登记。\n\n"
                          "第二条规定的示例，不适用本节。\n";

static void test_laws(void)
{
    check_outline("a short law: articles run through chapters, 之一, references stay text", law,
                  "1 第一章|总则\n2 第一条|为了规范示例管理，制定本条例\n2 第二条|本条例适用于示例\n"
                  "1 第二章|管理\n2 第一节|登记\n3 第三条|登记应当载明下列事项：\n"
                  "4 （一）|名称；\n4 （二）|住所；\n4 （三）|负责人的姓名和联系方式。\n"
                  "3 第三条之一|登记可以在网上办理\n"
                  "3 第四条|第三条规定的事项变更的，应当重新登记\n");

    lec_doc *d = doc_of(law);
    uint32_t n3 = lec_addr_resolve(d, "第三条", 0, NULL), n4 = lec_addr_resolve(d, "第四条", 0, NULL);
    ok(n3 == 6 && n4 == 11, "第三条 and 第四条 found by their markers (%u, %u)", n3, n4);
    char *a3 = source_of(d, 6), *a4 = source_of(d, 11);
    is_str(a3,
           "第三条 登记应当载明下列事项：\n\n（一）名称；\n\n（二）住所；\n\n"
           "（三）负责人的姓名和联系方式。\n",
           "the article before 之一 holds its items and no more");
    is_str(a4, "第四条 第三条规定的事项变更的，应当重新登记。\n\n第二条规定的示例，不适用本节。\n",
           "an article holds its paragraphs (款), references included");
    free(a3);
    free(a4);
    lec_doc_free(d);

    check_outline("a book of a code: 分编 as a marker, articles from 第一百零一条",
                  "# 某法典\n\n# 第三编\n\n## 第一分编\xe2\x80\x82\xe2\x80\x82通则\n\n"
                  "### 第一章\xe2\x80\x82\xe2\x80\x82一般规定\n\n"
                  "第一百零一条 本编调整示例关系。\n\n第一百零二条 示例应当真实。\n\n"
                  "## 第二分编\xe2\x80\x82\xe2\x80\x82分则\n\n### 第二章\xe2\x80\x82买卖\n\n"
                  "第一百零三条 买卖是示例。\n",
                  "1 |某法典\n1 第三编|\n2 第一分编|通则\n3 第一章|一般规定\n"
                  "4 第一百零一条|本编调整示例关系\n4 第一百零二条|示例应当真实\n"
                  "2 第二分编|分则\n3 第二章|买卖\n4 第一百零三条|买卖是示例\n");

    check_outline("a missing label: the run goes on",
                  "第一条 甲。\n\n第三条 丙。\n\n（一）子；\n\n其他内容；\n\n（二）丑。\n\n第四条 丁。\n",
                  "1 第一条|甲\n1 第三条|丙\n2 （一）|子；\n2 （二）|丑。\n1 第四条|丁\n");

    check_outline("an interpretation: division titles as paragraphs hold the articles",
                  "一、关于一般规定\n\n第一条 甲。\n\n第二条 乙：\n\n（一）子；\n\n（二）丑。\n\n"
                  "二、关于保证合同\n\n第三条 丙。\n",
                  "1 一、|关于一般规定\n2 第一条|甲\n2 第二条|乙：\n3 （一）|子；\n3 （二）|丑。\n"
                  "1 二、|关于保证合同\n2 第三条|丙\n");

    check_outline("the items of an article are titled by their first sentence, 。 and ； kept",
                  "第一条 本规则的原则：\n\n（一）公正原则。依法开展各项活动。\n\n（二）便民。\n\n"
                  "（三）病原携带者:指携带病原体的人。\n\n第二条 乙。\n",
                  "1 第一条|本规则的原则：\n2 （一）|公正原则。依法开展各项活动。\n2 （二）|便民。\n"
                  "2 （三）|病原携带者:指携带病原体的人。\n1 第二条|乙\n");

    check_outline("divisions with subdivisions; an article's last item stays its item",
                  "一、关于一般规定\n\n第一条 甲。\n\n二、关于担保物权\n\n（一）担保的效力\n\n"
                  "第二条 乙：\n\n（一）子；\n\n（二）丑。\n\n（二）不动产抵押\n\n第三条 丙：\n\n"
                  "（一）寅；\n\n（二）卯；\n\n（三）辰。\n\n第四条 丁。\n\n三、附则\n\n第五条 戊。\n",
                  "1 一、|关于一般规定\n2 第一条|甲\n1 二、|关于担保物权\n2 （一）|担保的效力\n"
                  "3 第二条|乙：\n4 （一）|子；\n4 （二）|丑。\n2 （二）|不动产抵押\n3 第三条|丙：\n"
                  "4 （一）|寅；\n4 （二）|卯；\n4 （三）|辰。\n3 第四条|丁\n1 三、|附则\n2 第五条|戊\n");

    check_outline("a decision that amends a law: references are not articles",
                  "# 关于修改某法的决定\n\n一、将第三条修改为：“本法自公布之日起施行。”\n\n"
                  "二、第一百六十二条后增加一条。\n\n第一百六十二条后增加一条，作为第一百六十二条之一。\n\n"
                  "第一百六十三条修改为：“示例。”\n",
                  "1 一、|将第三条修改为\n1 二、|第一百六十二条后增加一条\n");
}

static void test_front_matter_and_endings(void)
{
    const char *md = "\xef\xbb\xbf---\r\ntitle: 标题\r\nauthor: 作者\r\n---\r\n# 另一个标题\r\n\r\n"
                     "一是甲。\r\n\r\n二是乙。\r\n";
    lec_doc *d = doc_of(md);
    is_int(lec_doc_meta_count(d), 2, "front matter after a BOM, CRLF lines");
    is_str(lec_doc_meta_get(d, "title"), "标题", "front matter's title wins over the H1");
    char *got = outline(d);
    is_str(got, "1 一是|甲\n1 二是|乙\n", "points after a CRLF title heading");
    free(got);
    char *s = source_of(d, 2);
    is_str(s, "二是乙。\r\n", "source keeps CRLF byte for byte");
    free(s);
    size_t fs, fe;
    lec_doc_frontmatter(d, &fs, &fe);
    is_int(fs, 3 + 5, "front matter body starts after BOM and fence");
    is_int(lec_doc_body_start(d), strlen("\xef\xbb\xbf---\r\ntitle: 标题\r\nauthor: 作者\r\n---\r\n"),
           "body starts after the closing fence");
    lec_doc_free(d);

    d = doc_of("---\ntitle: 只有元数据\n---\n");
    is_int(lec_doc_node_count(d), 1, "a document that is only front matter has just the root");
    is_int(lec_doc_block_count(d), 0, "and no blocks");
    lec_doc_free(d);

    d = doc_of("---\ntitle: never closed\n\ntext\n");
    is_int(lec_doc_meta_count(d), 0, "unclosed front matter is Markdown");
    is_int(lec_doc_block_count(d), 3, "a rule, a paragraph, a paragraph");
    lec_doc_free(d);

    d = doc_of("no newline at the end\n\n一是甲。\n\n二是乙。");
    char *t = source_of(d, 2);
    is_str(t, "二是乙。", "last line without a newline");
    free(t);
    lec_doc_free(d);
}

static void test_nested_items_range(void)
{
    const char *md = "## 一、甲\n\n1. 第一项。\n   补充说明。\n2. 第二项。\n   - 细则a\n   - 细则b\n\n"
                     "结尾。\n";
    lec_doc *d = doc_of(md);
    char *got = outline(d);
    is_str(got, "1 一、|甲\n2 1.|第一项\n2 2.|第二项\n", "list items under a section");
    free(got);
    char *s = source_of(d, 2);
    is_str(s, "1. 第一项。\n   补充说明。\n", "an item's lines");
    free(s);
    s = source_of(d, 3);
    is_str(s, "2. 第二项。\n   - 细则a\n   - 细则b\n", "an item with a nested list");
    free(s);
    s = source_of(d, 1);
    is_str(s, md, "the section holds everything after it");
    free(s);
    lec_doc_free(d);
}

/* How many top-level blocks cmark finds in s[0..n), and in its pieces
 * cut by lec_chunk_split (*pieces); returns the number of cuts. */
static size_t cut_blocks(const char *s, size_t n, size_t target, size_t *whole, size_t *pieces)
{
    size_t *cuts;
    size_t ncuts = lec_chunk_split(s, 0, n, target, &cuts);
    cmark_node *all = cmark_parse_document(s, n, 0);
    *whole = *pieces = 0;
    for (cmark_node *k = cmark_node_first_child(all); k; k = cmark_node_next(k)) (*whole)++;
    cmark_node_free(all);
    for (size_t i = 0, from = 0; i <= ncuts; i++) {
        size_t to = i < ncuts ? cuts[i] : n;
        cmark_node *part = cmark_parse_document(s + from, to - from, 0);
        for (cmark_node *k = cmark_node_first_child(part); k; k = cmark_node_next(k)) (*pieces)++;
        cmark_node_free(part);
        from = to;
    }
    free(cuts);
    return ncuts;
}

/* A text large enough for two threads to cut it, a fence open across
 * its middle: the thread that cuts the second half takes the fence's
 * lines for blocks, and only cuts both make count. */
static void test_chunks_two_threads(void)
{
    lec_buf b = LEC_BUF_INIT;
    while (b.len < (9u << 19)) lec_buf_puts(&b, "一段普通的文字，没有什么特别。\n\n## 节\n\n");
    size_t fence = b.len;
    lec_buf_puts(&b, "```\n");
    while (b.len < (6u << 20)) lec_buf_puts(&b, "not a heading\n\n# code\n\n");
    lec_buf_puts(&b, "```\n\n");
    while (b.len < (10u << 20)) lec_buf_puts(&b, "after\n\n# 标题\n\n");
    size_t whole, pieces, *cuts;
    size_t n = cut_blocks(b.data, b.len, 64u << 10, &whole, &pieces);
    ok(n > 100, "a 10 MB text is cut (%zu cuts)", n);
    is_int(pieces, whole, "its pieces hold as many top-level blocks as the whole");
    /* none inside the fence, and cuts after it */
    size_t ncuts = lec_chunk_split(b.data, 0, b.len, 64u << 10, &cuts), inside = 0, after = 0;
    for (size_t i = 0; i < ncuts; i++) {
        inside += cuts[i] > fence && cuts[i] < (6u << 20);
        after += cuts[i] > (6u << 20);
    }
    is_int(inside, 0, "no cut inside the fence");
    ok(after > 50, "cuts after it (%zu)", after);
    free(cuts);
    lec_buf_free(&b);
}

/* Parsing chunk by chunk must give the blocks one parse gives. */
static void test_chunks(void)
{
    lec_buf b = LEC_BUF_INIT;
    for (int i = 0; i < 3000; i++) {
        switch (i % 7) {
        case 0:
            lec_buf_printf(&b, "## 第%d节\n\n", i);
            break;
        case 1:
            lec_buf_puts(&b, "```\ncode\n\n# not a heading\n\nstill code\n```\n\n");
            break;
        case 2:
            lec_buf_puts(&b, "- item\n\n  continued\n\nafter list\n\n");
            break;
        case 3:
            lec_buf_puts(&b, "<!--\n\n# inside a comment\n\n-->\n\n");
            break;
        case 4:
            lec_buf_puts(&b, "> quote\n\n> again\n\n");
            break;
        case 5:
            /* A fence in a list item (API references have one in nearly
             * every entry): once it closes, cuts are made again. */
            lec_buf_puts(&b, "* item\n  ```js\n  code\n\n  # not a heading\n  ```\n\nafter\n\n");
            break;
        default:
            lec_buf_puts(&b, "一段普通的文字，没有什么特别。\n第二行。\n\n");
        }
    }
    size_t nwhole, npieces;
    size_t ncuts = cut_blocks(b.data, b.len, 4096, &nwhole, &npieces);
    ok(ncuts > 10, "a 3000-block text is cut (%zu cuts)", ncuts);
    is_int(npieces, nwhole, "the pieces hold as many top-level blocks as the whole");

    size_t len = b.len;
    lec_doc *d = lec_doc_new(lec_buf_detach(&b, NULL), len, "big.md");
    size_t headings = 0;
    for (uint32_t i = 1; i < lec_doc_node_count(d); i++) headings++;
    is_int(headings, 3000 / 7 + 1, "every heading of a large document, none from code or comments");
    lec_doc_free(d);
}

/* Points of one family never nest in a point of the same family, be it a
 * heading or a paragraph; run-in families of one rank nest on a cue. */
/* A title's reference link resolves with a definition anywhere in the
 * document, chunks apart; code, a comment or an API list defines nothing. */
static void test_references(void)
{
    lec_buf b = LEC_BUF_INIT;
    lec_buf_puts(&b, "## 一、见[甲]\n\n");
    while (b.len < (600u << 10)) lec_buf_puts(&b, "一段普通的文字，没有什么特别。\n\n");
    lec_buf_puts(&b, "```\n[乙]: /code\n```\n\n<!--\n[丙]: /comment\n-->\n\n"
                     "## 二、见[乙]和[丙]\n\n* [丁][]: does d\n\n## 三、见[丁]\n\n[甲]: /a\n");
    size_t len = b.len;
    char *md = lec_buf_detach(&b, NULL);
    static const int flags[] = {0, LEC_DOC_CMARK};
    for (int k = 0; k < 2; k++) {
        lec_doc *d = lec_doc_new_flags(lec_xstrndup(md, len), len, "refs.md", flags[k]);
        char *got = outline(d);
        is_str(got, "1 一、|见甲\n1 二、|见[乙]和[丙]\n1 三、|见[丁]\n",
               "references resolve across chunks, not with code, comments or lists (flags %d)",
               flags[k]);
        free(got);
        lec_doc_free(d);
    }
    free(md);
}

static void test_point_families(void)
{
    check_outline("a paragraph 一是 after the heading ### 三是 starts a run under ## 三、",
                  "## 三、抓好落实\n\n### 一是明确责任\n\n正文。\n\n### 二是加强督查\n\n"
                  "### 三是严格考核\n\n考核要公开。\n\n一是定期通报。\n\n二是结果运用。\n",
                  "1 三、|抓好落实\n2 一是|明确责任\n2 二是|加强督查\n2 三是|严格考核\n"
                  "2 一是|定期通报\n2 二是|结果运用\n");
    check_outline("a run after a colon inside a 第N， point nests in it",
                  "第一，抓学习。正文。\n\n第二，抓落实。这里强调两点：\n\n一是要快。\n\n"
                  "二是要实。\n\n第三，抓考核。正文。\n",
                  "1 第一，|抓学习。正文\n1 第二，|抓落实。这里强调两点\n2 一是|要快\n2 二是|要实\n"
                  "1 第三，|抓考核。正文\n");
    check_outline("a run after the last point without a cue stands beside it",
                  "一是读书。\n\n二是看报。\n\n这里讲几点。\n\n第一，早起。\n\n第二，锻炼。\n",
                  "1 一是|读书\n1 二是|看报\n1 第一，|早起\n1 第二，|锻炼\n");
}

/* "depth marker\n" per node: the outline's shape without its titles. */
static char *shape(const lec_doc *d)
{
    lec_buf b = LEC_BUF_INIT;
    for (uint32_t i = 1; i < lec_doc_node_count(d); i++) {
        size_t ml;
        const char *m = lec_node_marker(d, i, &ml);
        lec_buf_printf(&b, "%d %u %.*s\n", lec_node_depth(d, i), lec_node_parent(d, i), (int)ml, m);
    }
    return lec_buf_detach(&b, NULL);
}

/* LEC_DOC_NO_TITLES (the library's list): the same outline and metadata,
 * the points without titles, the headings with theirs. */
static void test_no_titles(void)
{
    static const char speech[] = "# 在会上的讲话\n\n## 一、总体要求\n\n一是统一思想。要求如下。\n\n"
                                 "二是狠抓落实。\n\n## 二、主要任务\n\n（一）稳增长。\n\n（二）保民生。\n";
    const char *texts[] = {law, speech};
    for (int k = 0; k < 2; k++) {
        size_t n = strlen(texts[k]);
        lec_doc *a = lec_doc_new_flags(lec_xstrndup(texts[k], n), n, "a.md", 0);
        lec_doc *b = lec_doc_new_flags(lec_xstrndup(texts[k], n), n, "b.md", LEC_DOC_NO_TITLES);
        char *sa = shape(a), *sb = shape(b);
        is_str(sb, sa, "no titles: the same outline (%s)", k ? "a speech" : "a law");
        is_str(lec_doc_meta_get(b, "title"), lec_doc_meta_get(a, "title"), "no titles: the same title");
        int points = 0, empty = 0, headings = 0, kept = 0;
        for (uint32_t i = 1; i < lec_doc_node_count(b); i++) {
            size_t la, lb;
            lec_node_title(a, i, &la);
            lec_node_title(b, i, &lb);
            if (lec_node_kind_of(b, i) == LEC_NODE_SECTION)
                headings++, kept += lb == la && la > 0;
            else
                points++, empty += lb == 0;
        }
        ok(points > 0 && empty == points && headings > 0 && kept == headings,
           "no titles: %d points untitled of %d, %d headings titled of %d", empty, points, kept,
           headings);
        free(sa);
        free(sb);
        lec_doc_free(a);
        lec_doc_free(b);
    }
}

int main(void)
{
    test_no_titles();
    test_speech_shape();
    test_point_families();
    test_markers_in_markup();
    test_traps();
    test_laws();
    test_front_matter_and_endings();
    test_nested_items_range();
    test_chunks();
    test_chunks_two_threads();
    test_references();
    return tap_done();
}
