/*
 * t_convert.c - plain text to Markdown, case by case.
 *
 * Each case converts a small text written for these tests and shows the
 * blocks cmark finds in the result, one per line: "H2 text" for a heading
 * of level 2, "P text" for a paragraph (front matter is left out and
 * checked apart).
 */
#include "../tap.h"
#include "lectern/convert.h"
#include "lectern/doc.h"
#include "lectern/util.h"

#include <cmark.h>
#include <stdlib.h>

static char *blocks(const char *text)
{
    size_t n;
    char *md = lec_convert(text, strlen(text), &n);
    /* Leave the front matter out: cmark would read it as a rule. */
    const char *body = md;
    if (strncmp(md, "---\n", 4) == 0) {
        const char *e = strstr(md + 4, "\n---\n");
        if (e) body = e + 5;
    }
    cmark_node *doc = cmark_parse_document(body, strlen(body), 0);
    lec_buf out = LEC_BUF_INIT;
    for (cmark_node *b = cmark_node_first_child(doc); b; b = cmark_node_next(b)) {
        cmark_node_type t = cmark_node_get_type(b);
        if (t == CMARK_NODE_HEADING)
            lec_buf_printf(&out, "H%d ", cmark_node_get_heading_level(b));
        else if (t == CMARK_NODE_PARAGRAPH)
            lec_buf_puts(&out, "P ");
        else if (t == CMARK_NODE_HTML_BLOCK) {
            lec_buf_puts(&out, "HTML\n");
            continue;
        } else
            lec_buf_printf(&out, "%s ", cmark_node_get_type_string(b));
        cmark_iter *it = cmark_iter_new(b);
        cmark_event_type ev;
        while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
            cmark_node *c = cmark_iter_get_node(it);
            const char *lit = cmark_node_get_literal(c);
            if (ev == CMARK_EVENT_ENTER && lit && cmark_node_get_type(c) != CMARK_NODE_HTML_BLOCK)
                lec_buf_puts(&out, lit);
            if (cmark_node_get_type(c) == CMARK_NODE_SOFTBREAK) lec_buf_puts(&out, "/");
        }
        cmark_iter_free(it);
        lec_buf_putc(&out, '\n');
    }
    cmark_node_free(doc);
    free(md);
    return lec_buf_detach(&out, NULL);
}

static void check(const char *name, const char *text, const char *want)
{
    char *got = blocks(text);
    is_str(got, want, "%s", name);
    free(got);
}

static void test_paragraphs(void)
{
    check("blank lines separate paragraphs", "今天开会。\n\n明天休息。\n",
          "P 今天开会。\nP 明天休息。\n");
    check("an indent starts a paragraph; a hard-wrapped line is joined",
          "　　第一段的第一行，\n接着写完。\n　　第二段。\n",
          "P 第一段的第一行，接着写完。\nP 第二段。\n");
    check("two-space indents work like ideographic ones",
          "  第一段，\n续上。\n  第二段。\n  第三段。\n",
          "P 第一段，续上。\nP 第二段。\nP 第三段。\n");
    check("paragraph marks inside one long line", "　　第一段。　　第二段。　　第三段。",
          "P 第一段。\nP 第二段。\nP 第三段。\n");
    check("one paragraph per line", "甲方发言。\n乙方回应。\n丙方补充。\n丁方总结。\n",
          "P 甲方发言。\nP 乙方回应。\nP 丙方补充。\nP 丁方总结。\n");
    check("a text hard-wrapped at a fixed width is re-joined (Latin with a space)",
          "The library network has grown every year since it opened, and\n"
          "the branches now reach most neighbourhoods of the city today.\n"
          "We will keep the doors open later in the evening this summer,\n"
          "and we will ask readers what they would like us to buy next.\n"
          "Thank you.\n",
          "P The library network has grown every year since it opened, and the branches now "
          "reach most neighbourhoods of the city today. We will keep the doors open later in the "
          "evening this summer, and we will ask readers what they would like us to buy next. "
          "Thank you.\n");
    check("CRLF, NBSP and zero-width spaces", "甲\xe2\x80\x8b乙。\r\n\r\n丙\xc2\xa0丁。\r\n",
          "P 甲乙。\nP 丙 丁。\n");
    check("a salutation at the start of a run-on text is its own paragraph",
          "同志们：今天我们开会。会议很重要。", "P 同志们：\nP 今天我们开会。会议很重要。\n");
}

static void test_headings(void)
{
    check("一、 headings on their own lines",
          "一、总体要求\n要把握好方向。\n二、重点任务\n要抓好落实。\n",
          "H2 一、总体要求\nP 要把握好方向。\nH2 二、重点任务\nP 要抓好落实。\n");
    check("levels in the order the parts appear: 第一部分 above 一、",
          "第一部分 总论\n一、意义\n正文。\n二、要求\n正文。\n第二部分 分论\n一、任务\n正文。\n"
          "二、保障\n正文。\n",
          "H2 第一部分 总论\nH3 一、意义\nP 正文。\nH3 二、要求\nP 正文。\nH2 第二部分 分论\n"
          "H3 一、任务\nP 正文。\nH3 二、保障\nP 正文。\n");
    check("（一） on its own lines is a heading below 一、",
          "一、意义\n（一）背景\n正文。\n（二）目标\n正文。\n二、要求\n正文。\n",
          "H2 一、意义\nH3 （一）背景\nP 正文。\nH3 （二）目标\nP 正文。\nH2 二、要求\nP 正文。\n");
    check("（一） heads the text when nothing is above it",
          "（一）背景\n正文。\n（二）目标\n正文。\n", "H2 （一）背景\nP 正文。\nH2 （二）目标\nP 正文。\n");
    check("headings fused with their bodies are cut where the heading ends",
          "一、健全工作机制，不断完善阅读服务体系建设体系书屋是群众身边的文化阵地，这几年各地投入很大，"
          "建成了一批示范书屋，群众反映很好。\n"
          "二、丰富服务内容，不断完善阅读活动体系构建机制2025年以来我们举办了多场读书活动，"
          "参与的群众越来越多，效果也越来越好。\n",
          "H2 一、健全工作机制，不断完善阅读服务体系建设体系\n"
          "P 书屋是群众身边的文化阵地，这几年各地投入很大，建成了一批示范书屋，群众反映很好。\n"
          "H2 二、丰富服务内容，不断完善阅读活动体系构建机制\n"
          "P 2025年以来我们举办了多场读书活动，参与的群众越来越多，效果也越来越好。\n");
    check("a sure cut at the speaker's 我想; an unsure one is not taken: the first sentence "
          "stays the heading, marked with a comment",
          "一、关于推进全民阅读工作的几点想法我想借这个机会讲一讲，请大家结合实际认真研究，抓好落实。\n"
          "二、关于下一步安排和要求大家回去以后要认真传达，把会议精神落到实处，不能层层衰减，也不能只停留在口头上。\n",
          "H2 一、关于推进全民阅读工作的几点想法\n"
          "P 我想借这个机会讲一讲，请大家结合实际认真研究，抓好落实。\n"
          "HTML\nH2 二、关于下一步安排和要求大家回去以后要认真传达，把会议精神落到实处，不能层层衰减，"
          "也不能只停留在口头上。\n");
    check("a preview list says where each fused heading ends",
          "今天讲三个问题：一是加强阅读阵地建设；二是丰富阅读活动内容；三是培育阅读推广队伍。"
          "一、加强阅读阵地建设书屋要建在群众家门口，让群众走几步就能借到书，这是一直强调的。"
          "二、丰富阅读活动内容活动要经常办，形式要多样，让不同年龄的群众都能找到喜欢的活动。"
          "三、培育阅读推广队伍人才是关键，要把热心读书的人组织起来，让他们带动更多的人读书。\n",
          "P 今天讲三个问题：一是加强阅读阵地建设；二是丰富阅读活动内容；三是培育阅读推广队伍。\n"
          "H2 一、加强阅读阵地建设\nP 书屋要建在群众家门口，让群众走几步就能借到书，这是一直强调的。\n"
          "H2 二、丰富阅读活动内容\nP 活动要经常办，形式要多样，让不同年龄的群众都能找到喜欢的活动。\n"
          "H2 三、培育阅读推广队伍\nP 人才是关键，要把热心读书的人组织起来，让他们带动更多的人读书。\n");
    check("without the preview, and no cue, each heading keeps its first sentence (run-in)",
          "今天讲三个问题。"
          "一、加强阅读阵地建设书屋要建在群众家门口，让群众走几步就能借到书，这是一直强调的。"
          "二、丰富阅读活动内容活动要经常办，形式要多样，让不同年龄的群众都能找到喜欢的活动。\n",
          "P 今天讲三个问题。\n"
          "H2 一、加强阅读阵地建设书屋要建在群众家门口，让群众走几步就能借到书，这是一直强调的。\n"
          "H2 二、丰富阅读活动内容活动要经常办，形式要多样，让不同年龄的群众都能找到喜欢的活动。\n");
    check("a preview whose items do not begin the headings changes nothing",
          "会议有三项议程：一是听取报告；二是交流发言；三是部署工作。"
          "一、弘扬奋斗精神改革开放以来，一大批奋斗者在城乡各行各业脱颖而出，成为中坚力量。"
          "二、办好自己的事我在上个月的全市工作会议上讲过，各单位都要把力量集中到主业上来。\n",
          "P 会议有三项议程：一是听取报告；二是交流发言；三是部署工作。\n"
          "H2 一、弘扬奋斗精神\nP 改革开放以来，一大批奋斗者在城乡各行各业脱颖而出，成为中坚力量。\n"
          "H2 二、办好自己的事\nP 我在上个月的全市工作会议上讲过，各单位都要把力量集中到主业上来。\n");
    check("run-in （一） points stay paragraphs under their heading",
          "一、任务\n（一）扩大内需。推动消费回升。\n（二）稳定外贸。拓展市场。\n二、保障\n正文。\n",
          "H2 一、任务\nP （一）扩大内需。推动消费回升。\nP （二）稳定外贸。拓展市场。\nH2 二、保障\nP 正文。\n");
    check("a run-on text: headings and points after sentence ends each start a block",
          "前言。一、关于过去的工作。回顾如下。一是甲。二是乙。二、关于下一步。第一，丙。第二，丁。",
          "P 前言。\nH2 一、关于过去的工作。\nP 回顾如下。\nP 一是甲。\nP 二是乙。\n"
          "H2 二、关于下一步。\nP 第一，丙。\nP 第二，丁。\n");
    check("only 第一， points: no headings are made",
          "开场白。\n第一，要学习。\n第二，要实践。\n第三，要总结。\n",
          "P 开场白。\nP 第一，要学习。\nP 第二，要实践。\nP 第三，要总结。\n");
    check("第X条 with (一) items stay paragraphs (law text)",
          "第一条 为了规范管理，制定本办法。\n第二条 放假的节日：\n(一)新年，放假1天；\n"
          "(二)春节，放假3天。\n",
          "P 第一条 为了规范管理，制定本办法。\nP 第二条 放假的节日：\nP (一)新年，放假1天；\n"
          "P (二)春节，放假3天。\n");
    check("English: Roman parts and First, points",
          "I. Where we stand\nWe grew.\nII. What comes next\nFirst, we open later.\n"
          "Second, we listen.\n",
          "H2 I. Where we stand\nP We grew.\nH2 II. What comes next\nP First, we open later.\n"
          "P Second, we listen.\n");
}

static void test_inline(void)
{
    check("inline points after sentence ends each start a paragraph",
          "要做好以下工作。一是加强领导。二是压实责任。三是严格考核。",
          "P 要做好以下工作。\nP 一是加强领导。\nP 二是压实责任。\nP 三是严格考核。\n");
    check("a first point after a colon, the rest after sentence ends",
          "主要做了以下工作：一是加强领导。二是压实责任。",
          "P 主要做了以下工作：\nP 一是加强领导。\nP 二是压实责任。\n");
    check("a point continuing a sequence inside the previous paragraph",
          "　　一是统筹推进。内容。\n　　二是同步防控。内容。这是成效。三是同步落实。内容。\n",
          "P 一是统筹推进。内容。\nP 二是同步防控。内容。这是成效。\nP 三是同步落实。内容。\n");
    check("a list inside one sentence stays in it",
          "希望大家做到：一是提高站位；二是真抓实干；三是持之以恒。",
          "P 希望大家做到：一是提高站位；二是真抓实干；三是持之以恒。\n");
    check("a preview list stays a list in its paragraph",
          "今天讲三个问题：（一）为什么；（二）做什么；（三）怎么做。\n（一）为什么。因为需要。\n"
          "（二）做什么。做实事。\n（三）怎么做。抓落实。\n",
          "P 今天讲三个问题：（一）为什么；（二）做什么；（三）怎么做。\nP （一）为什么。因为需要。\n"
          "P （二）做什么。做实事。\nP （三）怎么做。抓落实。\n");
}

static void test_nothing_invented(void)
{
    check("traps are text",
          "一、二线城市的做法。\n统一是前提。\n1.5亿元的投入。\n增长3.5%。\n第一次会议。\n"
          "第一书记讲话。\n其一生都在读书。\n一是一，二是二。\n",
          "P 一、二线城市的做法。\nP 统一是前提。\nP 1.5亿元的投入。\nP 增长3.5%。\nP 第一次会议。\n"
          "P 第一书记讲话。\nP 其一生都在读书。\nP 一是一，二是二。\n");
    check("a text without numbering gets no structure",
          "明确目标。\n明确任务。\n明确责任。\n", "P 明确目标。\nP 明确任务。\nP 明确责任。\n");
    check("a lone 一是 is text", "他说：一是这样。后来没有了。\n", "P 他说：一是这样。后来没有了。\n");
    check("Markdown characters are text",
          "正文如下。\n* 不是列表\n1. 不是编号\n# 不是标题\n> 不是引用\n`代码` 与 <b>标签</b> 与 [链接](x) 与 &amp;\n---\n",
          "P 正文如下。\nP * 不是列表\nP 1. 不是编号\nP # 不是标题\nP > 不是引用\n"
          "P `代码` 与 <b>标签</b> 与 [链接](x) 与 &amp;\nP ---\n");
}

/* The outline lectern shows for a text: "depth marker|title" per node
 * (the text converted, then read as Markdown, as --outline does). */
static void check_tree(const char *name, const char *text, const char *want)
{
    size_t n;
    char *md = lec_convert(text, strlen(text), &n);
    lec_doc *d = lec_doc_new(md, n, "test.txt");
    lec_buf b = LEC_BUF_INIT;
    for (uint32_t i = 1; i < lec_doc_node_count(d); i++) {
        size_t ml, tl;
        const char *m = lec_node_marker(d, i, &ml);
        const char *t = lec_node_title(d, i, &tl);
        lec_buf_printf(&b, "%d %.*s|%.*s\n", lec_node_depth(d, i), (int)ml, m, (int)tl, t);
    }
    char *got = lec_buf_detach(&b, NULL);
    is_str(got ? got : "", want, "%s", name);
    free(got);
    lec_doc_free(d);
}

/* The Markdown itself, for what blocks() does not show (emphasis). */
static void check_md(const char *name, const char *text, const char *want)
{
    size_t n;
    char *md = lec_convert(text, strlen(text), &n);
    is_str(md, want, "%s", name);
    free(md);
}

static void test_captions(void)
{
    check_md("a caption fused before a heading is a block in italics; the heading follows it",
             "今天讲两点。一、关于书屋建设。书屋是基础。2025年4月3日，市长在新区看望群众。"
             " 本报记者 王小明/摄二、关于阅读活动。活动要常办。\n",
             "今天讲两点。\n\n## 一、关于书屋建设。\n\n书屋是基础。\n\n"
             "*2025年4月3日，市长在新区看望群众。 本报记者 王小明/摄*\n\n"
             "## 二、关于阅读活动。\n\n活动要常办。\n\n");
    check("a marker right after a credit starts a point; one inside a caption does not",
          "要做好两件事。第一，建好书屋。这是新建的书屋。第二，这是旧馆。 新华社发 李四/摄"
          "第二，办好活动。最后总结。\n",
          "P 要做好两件事。\nP 第一，建好书屋。\nP 这是新建的书屋。第二，这是旧馆。 新华社发 李四/摄\n"
          "P 第二，办好活动。最后总结。\n");
    check_md("a caption inside a sentence stays in its paragraph",
             "我们在 （新华社记者 周八 摄）书屋里读书。\n",
             "我们在 （新华社记者 周八 摄）书屋里读书。\n\n");
    check_tree("a caption before a heading and one inside a point: the run goes on",
               "下面讲两点。一、关于书屋建设。书屋是基础。2025年4月3日，市长在新区看望群众。"
               " 本报记者 王小明/摄二、关于阅读活动。要做好三件事。第一，办好读书会。要常办。"
               "这是新建的书屋。第二，这是旧馆。 新华社发 李四/摄第二，办好讲座。要请名家。\n",
               "1 一、|关于书屋建设\n1 二、|关于阅读活动\n2 第一，|办好读书会。要常办\n"
               "2 第二，|办好讲座。要请名家\n");
    check("a caption in the middle of a point does not end the run",
          "第一，建好书屋。要多建。2025年1月2日，市长看望老人。 本报记者 甲乙/摄要建好。"
          "第二，办好活动。\n",
          "P 第一，建好书屋。要多建。\nP 2025年1月2日，市长看望老人。 本报记者 甲乙/摄\n"
          "P 要建好。\nP 第二，办好活动。\n");
}

static void test_markdown_escapes(void)
{
    check_md("escapes the text carries stay as they are; 1\\. is a point, 1\\. inside a sentence is not",
             "Our plan has two parts, and we will take them in turn this year:  \n"
             "1\\. We build the rooms and then we open them to every reader in town.  \n"
             "2\\. We fill the shelves, a few hundred books at a time, all summer long.  \n"
             "A star \\* and a hash \\# stay. We counted to 1\\. Then we stopped.  \n",
             "Our plan has two parts, and we will take them in turn this year:\n\n"
             "1\\. We build the rooms and then we open them to every reader in town.\n\n"
             "2\\. We fill the shelves, a few hundred books at a time, all summer long.\n\n"
             "A star \\* and a hash \\# stay. We counted to 1\\. Then we stopped.\n\n");
    check("a bare I. on its line is a section; I. ending a wrapped sentence is the pronoun",
          "The new library opened its doors on a cold morning in March, and by the\n"
          "noon hour the reading room was full of people who had never held a card.\n"
          "Nobody expected the queue to be quite as long as it was, not even Anna or\n"
          "I. We had to send out for more chairs and another box of pencils that day,\n"
          "and the children sat on the floor with their books open in front of them.\n"
          "\n"
          "I.\n"
          "\n"
          "We begin with the rooms.\n"
          "\n"
          "II.\n"
          "\n"
          "Then the shelves.\n",
          "P The new library opened its doors on a cold morning in March, and by the noon hour "
          "the reading room was full of people who had never held a card. Nobody expected the "
          "queue to be quite as long as it was, not even Anna or I. We had to send out for more "
          "chairs and another box of pencils that day, and the children sat on the floor with "
          "their books open in front of them.\n"
          "H2 I.\nP We begin with the rooms.\nH2 II.\nP Then the shelves.\n");
    check_tree("1\\. points after a First, run stand beside it",
               "We need strength for four tasks:\nFirst, we keep the peace in every harbour.\n"
               "Second, we help our neighbours when the storms come.\n"
               "Let me restate the rules we live by:\n1\\. We seek no new land anywhere at all.\n"
               "2\\. We keep every promise we have made to others.\n",
               "1 First,|we keep the peace in every harbour\n"
               "1 Second,|we help our neighbours when the storms come\n"
               "1 1.|We seek no new land anywhere at all\n"
               "1 2.|We keep every promise we have made to others\n");
    check_tree("(1.) First, is one marker",
               "We have work to do this year in every branch of the service.\n"
               "(1.) First, we build the new rooms.\n(2.) Second, we fill the shelves.\n",
               "1 (1.) First,|we build the new rooms\n1 (2.) Second,|we fill the shelves\n");
    check_tree("And fifth: goes on with First:…Fourth:",
               "We have work to do this year in every branch of the service.\n"
               "First: the rooms get lamps.\nSecond: the shelves get labels.\n"
               "Third: the chairs get cushions.\nFourth: the doors get bells.\n"
               "And fifth: the readers get cards.\n",
               "1 First:|the rooms get lamps\n1 Second:|the shelves get labels\n"
               "1 Third:|the chairs get cushions\n1 Fourth:|the doors get bells\n"
               "1 And fifth:|the readers get cards\n");
    check("(1.) First, and And fifth: are markers of the text",
          "We have work to do.\n(1.) First, we build.\n(2.) Second, we fill.\n"
          "First: rooms.\nSecond: shelves.\nThird: chairs.\nFourth: lamps.\nAnd fifth: readers.\n",
          "P We have work to do.\nP (1.) First, we build.\nP (2.) Second, we fill.\n"
          "P First: rooms.\nP Second: shelves.\nP Third: chairs.\nP Fourth: lamps.\n"
          "P And fifth: readers.\n");
}

static void test_excerpts(void)
{
    check_tree("an excerpt compilation in lines: bare numerals after a ※ line and after citations",
               "※这是张明远同志有关论述的一部分。\n一\n"
               "读书可以让人保持思想活力，让人得到智慧启发。（2019年4月23日在全市全民阅读大会上的讲话）\n"
               "要把书屋建在群众家门口，让群众走几步就能借到书。（2020年5月6日在岚江考察时的讲话）\n二\n"
               "领导干部要带头读书，工作再忙也要挤时间读书。（2021年3月1日在市委党校的讲话）\n三\n"
               "一个人读书多了，眼界就宽了。（2022年9月8日在青年座谈会上的讲话）\n",
               "1 一|\n1 二|\n1 三|\n");
    check_md("run on: the numeral right after a citation heads a part; 一些 after one does not",
             "※这是张明远同志关于阅读工作的论述摘编。一读书可以让人保持思想活力。（2019年4月23日"
             "在全市全民阅读大会上的讲话）二领导干部要带头读书。（2021年3月1日在市委党校的讲话）"
             "一些同志说没有时间。（2021年6月1日在机关干部大会上的讲话）\n",
             "※这是张明远同志关于阅读工作的论述摘编。\n\n## 一\n\n"
             "读书可以让人保持思想活力。（2019年4月23日在全市全民阅读大会上的讲话）\n\n## 二\n\n"
             "领导干部要带头读书。（2021年3月1日在市委党校的讲话）一些同志说没有时间。"
             "（2021年6月1日在机关干部大会上的讲话）\n\n");
    check_tree("a bare numeral anywhere else, or alone after a citation, is text",
               "这件事一定要办好。二十年来变化很大。（2019年4月23日在全市全民阅读大会上的讲话）"
               "三人行必有我师。（2019年5月1日在青年座谈会上的讲话）一个人读书多了，眼界就宽了。\n",
               "");
}

static void test_furniture(void)
{
    check_md("a record with no head: its footer and dateline become front matter, and stay in the text",
             "今天的会开得很好。大家回去抓好落实。（新华社岚江4月5日电）《 岚江日报 》（ 2025年04月06日 03 版）\n",
             "---\nsource: 岚江日报\nplace: 岚江\ndate: 2025-04-05\n---\n\n"
             "今天的会开得很好。大家回去抓好落实。（新华社岚江4月5日电）《 岚江日报 》（ 2025年04月06日 03 版）\n\n");
}

static void test_head(void)
{
    const char *t = "张明远：把书香送到百姓家门口\n来源：岚江日报 更新时间：2026-03-18\n\n"
                    "——在全市阅读推广会上的讲话\n市文化局局长 张明远\n同志们：\n今天开会。\n";
    size_t n;
    char *md = lec_convert(t, strlen(t), &n);
    ok(strncmp(md, "---\ntitle: 把书香送到百姓家门口\n", strlen("---\ntitle: 把书香送到百姓家门口\n")) == 0,
       "the head becomes front matter, title first");
    ok(strstr(md, "\nauthor: 张明远\n") != NULL, "author from the title line");
    ok(strstr(md, "\nsource: 岚江日报\n") != NULL, "source");
    ok(strstr(md, "\ndate: 2026-03-18\n") != NULL, "date");
    ok(strstr(md, "\noccasion: 在全市阅读推广会上的讲话\n") != NULL, "occasion");
    ok(strstr(md, "\nspeaker: 市文化局局长 张明远\n") != NULL, "speaker");
    free(md);
    check("the head lines stay in the text, the title line as the H1", t,
          "H1 张明远：把书香送到百姓家门口\nP 来源：岚江日报 更新时间：2026-03-18\n"
          "P ——在全市阅读推广会上的讲话\nP 市文化局局长 张明远\nP 同志们：\nP 今天开会。\n");
}

/* A law as plain text, written for this test. */
static void test_law(void)
{
    check("a law in plain text: 分编 章 节 headings, spread titles kept whole, articles as points",
          "示例法\n\n第一分编\xe2\x80\x82\xe2\x80\x82通则\n\n第一章　总　　则\n\n"
          "第一条　为了示例，制定本法。\n\n第二条　本法适用于示例。\n\n第二章　管理\n\n"
          "第一节　登记\n\n第三条　登记应当载明下列事项：\n（一）名称；\n（二）住所。\n\n"
          "第二分编　分则\n\n第三章　附　　则\n\n第四条　本法自公布之日起施行。\n",
          "H1 示例法\nH2 第一分编\xe2\x80\x82\xe2\x80\x82通则\nH3 第一章　总　　则\n"
          "P 第一条　为了示例，制定本法。\nP 第二条　本法适用于示例。\nH3 第二章　管理\n"
          "H4 第一节　登记\nP 第三条　登记应当载明下列事项：\nP （一）名称；\nP （二）住所。\n"
          "H2 第二分编　分则\nH3 第三章　附　　则\nP 第四条　本法自公布之日起施行。\n");
    check("a law run together on one line: divisions and articles after white space",
          "示例条例\n\n第一章　总则　第一条　为了示例，制定本条例。第二条　本条例适用于示例。"
          "依照 第一条规定的除外。第二章　附则　第三条　本条例自公布之日起施行。\n",
          "H1 示例条例\nH2 第一章　总则\nP 第一条　为了示例，制定本条例。\n"
          "P 第二条　本条例适用于示例。依照 第一条规定的除外。\nH2 第二章　附则\n"
          "P 第三条　本条例自公布之日起施行。\n");
    check("an interpretation: its division titles become headings",
          "一、关于一般规定\n\n第一条　甲。\n\n第二条　乙。\n\n二、关于保证合同\n\n第三条　丙。\n",
          "H2 一、关于一般规定\nP 第一条　甲。\nP 第二条　乙。\nH2 二、关于保证合同\nP 第三条　丙。\n");
}

typedef struct pieces {
    lec_buf all;
    int n, empty;
} pieces;

static void collect(void *arg, const char *s, size_t n)
{
    pieces *p = arg;
    p->n++;
    p->empty += n == 0;
    lec_buf_put(&p->all, s, n);
}

/* lec_convert_to gives, piece by piece, what lec_convert returns: on a
 * text of several MiB (so several pieces), valid or with a bad byte. */
static void test_streamed(void)
{
    static const char *unit =
        "关于今年工作的几点意见\n\n"
        "同志们：今天主要讲三个问题。一、认清形势。过去一年，我们完成了主要目标。二是抓好落实。"
        "各部门要把任务分解到人。三是加强督查。\n"
        "（一）稳住基本盘。要做好资金保障，1.5亿元的专项资金要用在刀刃上。\n"
        "（二）培育新动能。第一，抓项目；第二，抓服务。\n\n";
    lec_buf text = LEC_BUF_INIT;
    while (text.len < ((size_t)3 << 20)) lec_buf_puts(&text, unit);
    for (int bad = 0; bad < 2; bad++) {
        if (bad) text.data[text.len / 2] = (char)0xFF;
        size_t n;
        char *whole = lec_convert(text.data, text.len, &n);
        pieces got = {LEC_BUF_INIT, 0, 0};
        lec_convert_to(text.data, text.len, 0, collect, &got);
        ok(got.all.len == n && memcmp(got.all.data, whole, n) == 0,
               bad ? "streamed conversion, a bad byte in the middle: the same Markdown"
                   : "streamed conversion of 3 MiB: the same Markdown as the whole");
        ok(got.n >= 3 && !got.empty, "in pieces of about 1 MiB, none empty (%d pieces)", got.n);
        lec_buf_free(&got.all);
        free(whole);
    }
    lec_buf_free(&text);
}

int main(void)
{
    test_paragraphs();
    test_headings();
    test_inline();
    test_nothing_invented();
    test_captions();
    test_markdown_escapes();
    test_excerpts();
    test_furniture();
    test_head();
    test_law();
    test_streamed();
    return tap_done();
}
