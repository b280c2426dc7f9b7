/*
 * t_outline.c - sequence validation and nesting, on hand-made events.
 *
 * Each case is a list of events in a small notation and the outline it
 * must give ("depth marker title" per node, in order):
 *   "H2 一、 甲"        heading level 2 with marker 一、 and title 甲
 *   "H3 三是 丙 shi 3"  a heading whose marker is of family shi, ordinal 3
 *   "P cn 2 二、 乙"     paragraph beginning with a marker (family, ordinal)
 *   "P"                 a paragraph without a marker
 *   "Q shi 1 一是 a"     a paragraph whose text before it ends with a colon
 *   "I list 1 1. 甲"    a list item beginning; "I" alone: an unnumbered item
 *   "E"                 the item ends
 *   "P article 17+1 …"  an inserted article, 第十七条之一
 *   "p article 3 …"     a marker not set apart from its text (第三条规定…)
 * Every event is 10 bytes long in the source, one after another.
 */
#include "../tap.h"
#include "lectern/outline.h"
#include "lectern/util.h"

#include <stdlib.h>

static lec_family fam_of(const char *name)
{
    for (int f = 0; f < LEC_FAM_COUNT; f++)
        if (strcmp(lec_family_name((lec_family)f), name) == 0) return (lec_family)f;
    return LEC_FAM_NONE;
}

static lec_outline *build(const char *const *evs, long *title)
{
    lec_outline *o = lec_outline_new();
    uint32_t pos = 0;
    for (size_t i = 0; evs[i]; i++) {
        lec_event e = {0};
        char kind[8] = "", fam[16] = "", ordtext[16] = "", marker[64] = "", text[128] = "";
        int ord = 0, sub = 0;
        const char *s = evs[i];
        e.start = pos;
        e.end = pos + 10;
        pos += 10;
        if (s[0] == 'H') {
            e.type = LEC_EV_HEADING;
            e.level = (uint8_t)(s[1] - '0');
            /* "H2 marker title [family ordinal]" or "H2 - title" (unnumbered) */
            if (sscanf(s + 3, "%63s %127s %15s %d", marker, text, fam, &ord) < 4) ord = 0;
            if (strcmp(marker, "-") != 0) {
                e.family = *fam ? (uint8_t)fam_of(fam) : LEC_FAM_CN;
                e.ordinal = ord;
                e.marker_off = lec_outline_intern(o, marker, strlen(marker));
                e.marker_len = (uint32_t)strlen(marker);
            }
        } else {
            sscanf(s, "%7s %15s %15s %63s %127s", kind, fam, ordtext, marker, text);
            sscanf(ordtext, "%d+%d", &ord, &sub);
            if (kind[0] == 'Q') e.flags = LEC_EVF_COLON;
            if (kind[0] != 'p') e.flags |= LEC_EVF_APART;
            e.type = kind[0] == 'P' || kind[0] == 'Q' || kind[0] == 'p' ? LEC_EV_BLOCK
                     : kind[0] == 'I'                                  ? LEC_EV_ITEM_BEGIN
                                                                       : LEC_EV_ITEM_END;
            if (*fam) {
                e.family = (uint8_t)fam_of(fam);
                e.ordinal = ord;
                e.sub = (uint8_t)sub;
                e.marker_off = lec_outline_intern(o, marker, strlen(marker));
                e.marker_len = (uint32_t)strlen(marker);
            }
        }
        e.title_off = lec_outline_intern(o, text, strlen(text));
        e.title_len = (uint32_t)strlen(text);
        lec_outline_add(o, &e);
    }
    lec_outline_build(o, pos, title);
    return o;
}

/* "depth marker title\n" per node but the root. */
static char *show(const lec_outline *o)
{
    lec_buf b = LEC_BUF_INIT;
    const char *pool = lec_outline_pool(o);
    for (size_t i = 1; i < lec_outline_count(o); i++) {
        const lec_onode *n = lec_outline_node(o, i);
        lec_buf_printf(&b, "%d %.*s %.*s\n", n->depth, (int)n->marker_len, pool + n->marker_off,
                       (int)n->title_len, pool + n->title_off);
    }
    return lec_buf_detach(&b, NULL);
}

static void check(const char *name, const char *const *evs, const char *want)
{
    lec_outline *o = build(evs, NULL);
    char *got = show(o);
    is_str(got, want, "%s", name);
    free(got);
    lec_outline_free(o);
}

static void test_sequences(void)
{
    const char *a[] = {"H2 一、 甲", "P shi 1 一是 a", "P", "P shi 2 二是 b", "P shi 3 三是 c", NULL};
    check("a sequence of points under a heading", a,
          "1 一、 甲\n2 一是 a\n2 二是 b\n2 三是 c\n");

    const char *lone[] = {"H2 一、 甲", "P shi 1 一是 a", "P", "H2 二、 乙", "P shi 2 二是 b", NULL};
    check("a 1 without a 2 under the same parent is prose", lone, "1 一、 甲\n1 二、 乙\n");

    const char *skip[] = {"P di 1 第一， a", "P di 2 第二， b", "P di 4 第四， d", NULL};
    check("a number that does not continue is prose", skip, "1 第一， a\n1 第二， b\n");

    const char *restart[] = {"H2 二、 乙",     "P shi 1 一是 a", "P shi 2 二是 b",
                             "P shi 3 三是 c", "P",              "P shi 1 一是 d",
                             "P shi 2 二是 e", NULL};
    check("a new 一是 after 三是 starts a new sequence beside it", restart,
          "1 二、 乙\n2 一是 a\n2 二是 b\n2 三是 c\n2 一是 d\n2 二是 e\n");

    const char *restart_lone[] = {"P shi 1 一是 a", "P shi 2 二是 b", "P shi 1 一是 c",
                                  "P", NULL};
    check("a restarted 1 with no 2 is prose", restart_lone, "1 一是 a\n1 二是 b\n");

    const char *seq[] = {"P seq 1 首先， a", "P seq 2 其次， b", "P seq 0 最后， c", NULL};
    check("首先/其次/最后 as a set", seq, "1 首先， a\n1 其次， b\n1 最后， c\n");

    const char *lastonly[] = {"P seq 0 最后， c", NULL};
    check("最后 alone is prose", lastonly, "");

    const char *firstlast[] = {"P seq 1 首先， a", "P seq 0 最后， c", NULL};
    check("首先 … 最后 is a set of two", firstlast, "1 首先， a\n1 最后， c\n");
}

static void test_nesting(void)
{
    const char *a[] = {"H2 三、 丙",     "P cn-paren 1 （一） a", "P num 1 1. x", "P num 2 2. y",
                       "P num-paren 1 （1） p", "P num-paren 2 （2） q", "P num 3 3. z",
                       "P cn-paren 2 （二） b", NULL};
    check("GB/T chain nests by rank", a,
          "1 三、 丙\n2 （一） a\n3 1. x\n3 2. y\n4 （1） p\n4 （2） q\n3 3. z\n2 （二） b\n");

    const char *b[] = {"P shi 1 一是 a", "P shi 2 二是 b", "P",
                       "P di 1 第一， c", "P di 2 第二， d", NULL};
    check("run-in enumerations of one rank stay side by side", b,
          "1 一是 a\n1 二是 b\n1 第一， c\n1 第二， d\n");

    const char *c[] = {"P cn-paren 1 （一） a", "P shi 1 一是 x", "P shi 2 二是 y",
                       "P cn-paren 2 （二） b", "P shi 1 一是 z", "P shi 2 二是 w", NULL};
    check("一是 under （一） and again under （二）", c,
          "1 （一） a\n2 一是 x\n2 二是 y\n1 （二） b\n2 一是 z\n2 二是 w\n");

    const char *d[] = {"P cn-paren 1 （一） a", "P num 1 1. x", "P cn-paren 2 （二） b",
                       "P num 2 2. y", NULL};
    check("a 2 under another parent does not confirm a 1", d, "1 （一） a\n1 （二） b\n");

    const char *e[] = {"H2 一、 甲", "H3 （一） 子", "P shi 1 一是 a", "P shi 2 二是 b",
                       "H3 （二） 丑", "H2 二、 乙", NULL};
    check("headings nest by level and close points", e,
          "1 一、 甲\n2 （一） 子\n3 一是 a\n3 二是 b\n2 （二） 丑\n1 二、 乙\n");

    const char *f[] = {"H3 - deep", "H2 - shallow", "H3 - child", NULL};
    check("a deeper heading before a shallower one", f, "1  deep\n1  shallow\n2  child\n");
}

/* Run-in families share a rank: one holds another only on a cue. */
static void test_same_rank(void)
{
    const char *colon[] = {"P di 1 第一， d", "P di 2 第二， e", "Q shi 1 一是 x",
                           "P shi 2 二是 y", "P di 3 第三， f", NULL};
    check("a run after a colon inside 第二， is held by it", colon,
          "1 第一， d\n1 第二， e\n2 一是 x\n2 二是 y\n1 第三， f\n");

    const char *inside[] = {"P di 1 第一， a", "P shi 1 一是 x", "P shi 2 二是 y",
                            "P di 2 第二， b", NULL};
    check("a run that lies inside a point, its family going on after it", inside,
          "1 第一， a\n2 一是 x\n2 二是 y\n1 第二， b\n");

    const char *closing[] = {"P di 1 第一， a", "Q shi 1 一是 x", "P shi 2 二是 y",
                             "P di 2 第二， b", "P",              "P shi 1 一是 p",
                             "P shi 2 二是 q", "P shi 3 三是 r", NULL};
    check("once held, a later run of that family after the last point stays under it", closing,
          "1 第一， a\n2 一是 x\n2 二是 y\n1 第二， b\n2 一是 p\n2 二是 q\n2 三是 r\n");

    const char *after[] = {"P shi 1 一是 a", "P shi 2 二是 b", "P shi 3 三是 c", "P",
                           "P di 1 第一， x", "P di 2 第二， y", NULL};
    check("a run after the last point, with no cue, stands beside it", after,
          "1 一是 a\n1 二是 b\n1 三是 c\n1 第一， x\n1 第二， y\n");

    const char *noreturn[] = {"P di 1 第一， a", "P di 2 第二， b", "P shi 1 一是 x",
                              "P shi 2 二是 y", "P di 4 第四， d", NULL};
    check("a run is inside a point only when the point's successor follows", noreturn,
          "1 第一， a\n1 第二， b\n1 一是 x\n1 二是 y\n");

    const char *sep[] = {"H2 一、 甲",      "P di 1 第一， a", "Q shi 1 一是 x", "P shi 2 二是 y",
                         "P di 2 第二， b", "H2 二、 乙",      "P shi 1 一是 p", "P shi 2 二是 q",
                         NULL};
    check("without a point of the holding family open, a run stands alone", sep,
          "1 一、 甲\n2 第一， a\n3 一是 x\n3 二是 y\n2 第二， b\n1 二、 乙\n2 一是 p\n"
          "2 二是 q\n");
}

/* A heading numbered like a point is such a point: nothing of its own
 * family nests in it. */
static void test_heading_points(void)
{
    const char *a[] = {"H2 三、 丙",       "H3 一是 a shi 1", "P", "H3 二是 b shi 2",
                       "H3 三是 c shi 3",  "P shi 1 一是 x",  "P", "P shi 2 二是 y",
                       NULL};
    check("a paragraph 一是 after the heading 三是 starts a run under 三、", a,
          "1 三、 丙\n2 一是 a\n2 二是 b\n2 三是 c\n2 一是 x\n2 二是 y\n");

    const char *b[] = {"H2 三、 丙", "H3 一是 a shi 1", "H3 二是 b shi 2", "P shi 3 三是 c",
                       NULL};
    check("a paragraph 三是 after the heading 二是 continues the run", b,
          "1 三、 丙\n2 一是 a\n2 二是 b\n2 三是 c\n");

    const char *c[] = {"H2 三、 丙", "H3 一是 a shi 1", "P di 1 第一， x", "P di 2 第二， y",
                       "H3 二是 b shi 2", NULL};
    check("points of another family still nest in such a heading", c,
          "1 三、 丙\n2 一是 a\n3 第一， x\n3 第二， y\n2 二是 b\n");
}

static void test_items(void)
{
    const char *a[] = {"P shi 1 一是 a", "I list 1 1. x", "E", "I list 2 2. y", "E",
                       "P shi 2 二是 b", NULL};
    check("an ordered list under a point", a, "1 一是 a\n2 1. x\n2 2. y\n1 二是 b\n");

    const char *b[] = {"I cn-paren 1 （一） a", "P",      "E", "I cn-paren 2 （二） b",
                       "I list 1 1. x",        "E",      "I list 2 2. y", "E",
                       "E",                    NULL};
    check("bullet items that begin with markers; nested list inside", b,
          "1 （一） a\n1 （二） b\n2 1. x\n2 2. y\n");

    const char *c[] = {"I", "P shi 1 一是 a", "P shi 2 二是 b", "E", "P shi 3 三是 c", NULL};
    check("points inside an unnumbered item end with it", c, "1 一是 a\n1 二是 b\n");

    const char *d[] = {"I list 1 1. x", "E", NULL};
    check("a one-item list is no sequence", d, "");
}

/* Laws: numbers that run through the whole document. */
static void test_document_wide(void)
{
    const char *across[] = {"H2 第一章 总则",      "P article 1 第一条 a",  "P article 2 第二条 b",
                            "H2 第二章 分则",      "H3 第一节 范围",        "P article 3 第三条 c",
                            "P cn-paren 1 （一） x", "P cn-paren 2 （二） y", "P article 4 第四条 d",
                            NULL};
    check("articles are numbered across chapters and sections", across,
          "1 第一章 总则\n2 第一条 a\n2 第二条 b\n1 第二章 分则\n2 第一节 范围\n3 第三条 c\n"
          "4 （一） x\n4 （二） y\n3 第四条 d\n");

    const char *above[] = {"H1 - 合同编", "P article 463 第四百六十三条 a",
                           "P article 464 第四百六十四条 b", "P", NULL};
    check("a file may start at any article", above,
          "1 第四百六十三条 a\n1 第四百六十四条 b\n");

    const char *gap[] = {"P article 1 第一条 a", "P article 3 第三条 c", "P",
                         "P article 4 第四条 d", "P article 6 第六条 f", NULL};
    check("a missing label is a gap, not the end of the run", gap,
          "1 第一条 a\n1 第三条 c\n1 第四条 d\n1 第六条 f\n");

    const char *inserted[] = {"P article 17 第十七条 a", "P article 17+1 第十七条之一 b",
                              "P article 17+2 第十七条之二 c", "P article 18 第十八条 d", NULL};
    lec_outline *o = build(inserted, NULL);
    char *got = show(o);
    is_str(got, "1 第十七条 a\n1 第十七条之一 b\n1 第十七条之二 c\n1 第十八条 d\n",
           "inserted articles 之一 之二 are articles of their own");
    free(got);
    is_int(lec_outline_node(o, 1)->end, 10, "the article before 之一 ends where 之一 starts");
    is_int(lec_outline_node(o, 2)->sub, 1, "之一 keeps its second number");
    lec_outline_free(o);

    const char *refs[] = {"P article 1 第一条 a", "P article 2 第二条 b",
                          "p article 1 第一条 规定的", "p article 3 第三条 规定的",
                          "P article 3 第三条 c", NULL};
    check("references at the start of a paragraph are no articles", refs,
          "1 第一条 a\n1 第二条 b\n1 第三条 c\n");

    const char *amend[] = {"H2 - 决定", "p article 162 第一百六十二条 后增加一条",
                           "p article 163 第一百六十三条 修改为", "P", NULL};
    check("an amendment's references do not start a run", amend, "1  决定\n");

    const char *lone[] = {"H2 一、 甲", "P", "P article 3 第三条 乙", "P", NULL};
    check("a lone article in a speech is prose", lone, "1 一、 甲\n");

    const char *back[] = {"P article 5 第五条 a", "P article 6 第六条 b", "p article 2 第二条 x",
                          "P article 7 第七条 c", NULL};
    check("a number that goes back is prose", back, "1 第五条 a\n1 第六条 b\n1 第七条 c\n");

    const char *scraped[] = {"p article 1 第一条 a", "p article 2 第二条 b", "p article 4 第四条 d",
                             "p article 5 第五条 e", NULL};
    check("without spaces after the numbers, a run from 1 with a gap", scraped,
          "1 第一条 a\n1 第二条 b\n1 第四条 d\n1 第五条 e\n");

    const char *divisions[] = {"P subpart 1 第一分编 通则", "P chapter 1 第一章 一般",
                               "P section 1 第一节 订立",  "P article 1 第一条 a",
                               "P article 2 第二条 b",     "P subpart 2 第二分编 典型",
                               "P chapter 2 第二章 买卖",  "P article 3 第三条 c",
                               NULL};
    check("编 分编 章 节 as paragraphs: chapters run on across 分编, a lone 第一节", divisions,
          "1 第一分编 通则\n2 第一章 一般\n3 第一节 订立\n4 第一条 a\n4 第二条 b\n"
          "1 第二分编 典型\n2 第二章 买卖\n3 第三条 c\n");
}

/* Division titles written as points (二、关于保证合同) before articles. */
static void test_divisions(void)
{
    const char *a[] = {"P cn 1 一、 关于一般",   "P article 1 第一条 a",  "P cn-paren 1 （一） x",
                       "P cn-paren 2 （二） y", "P article 2 第二条 b", "P cn 2 二、 关于保证",
                       "P article 3 第三条 c",  "P", NULL};
    check("一、 二、 that head articles hold them", a,
          "1 一、 关于一般\n2 第一条 a\n3 （一） x\n3 （二） y\n2 第二条 b\n1 二、 关于保证\n"
          "2 第三条 c\n");

    const char *b[] = {"P article 1 第一条 a", "P cn 1 一、 x", "P cn 2 二、 y",
                       "P article 2 第二条 b", "P cn 1 一、 z", "P cn 2 二、 w", NULL};
    check("一、 二、 inside articles stay their items", b,
          "1 第一条 a\n2 一、 x\n2 二、 y\n1 第二条 b\n2 一、 z\n2 二、 w\n");

    const char *en[] = {"P en-article 1 Article a",    "P en-section 1 Section 1",
                        "P en-section 2 Section 2",    "P en-article 2 Article b",
                        "P en-section 1 Section 1",    "P en-section 2 Section 2", NULL};
    check("Section 1 right after an Article: articles hold sections", en,
          "1 Article a\n2 Section 1\n2 Section 2\n1 Article b\n2 Section 1\n2 Section 2\n");

    const char *eu[] = {"P en-article 1 Article 1", "P", "P en-article 2 Article 2", "P",
                        "P en-section 1 Section 1", "P en-article 3 Article 3",
                        "P en-section 2 Section 2", "P en-article 4 Article 4", NULL};
    check("otherwise sections hold articles, numbered on across them", eu,
          "1 Article 1\n1 Article 2\n1 Section 1\n2 Article 3\n1 Section 2\n2 Article 4\n");
}

static void test_title_and_ranges(void)
{
    const char *a[] = {"H1 - 标题", "P", "H2 一、 甲", "P shi 1 一是 a", "P", "P shi 2 二是 b",
                       "P", "H2 二、 乙", NULL};
    long title;
    lec_outline *o = build(a, &title);
    is_int(title, 0, "the only H1, first, is the title");
    char *got = show(o);
    is_str(got, "1 一、 甲\n2 一是 a\n2 二是 b\n1 二、 乙\n", "no node for the title");
    free(got);
    /* Events are 10 bytes each: 一、 is events 2..6, 一是 3..4, 二是 5..6. */
    const lec_onode *n1 = lec_outline_node(o, 1), *p1 = lec_outline_node(o, 2),
                    *p2 = lec_outline_node(o, 3), *n2 = lec_outline_node(o, 4);
    is_int(n1->start, 20, "section starts at its heading");
    is_int(n1->end, 70, "section ends with its last block");
    is_int(p1->start, 30, "point starts at its paragraph");
    is_int(p1->end, 50, "point holds the prose after it, up to the next point");
    is_int(p2->end, 70, "last point ends with its section");
    is_int(n2->end, 80, "last section ends at the last block");
    is_int(lec_outline_node(o, 0)->end, 80, "root covers the document");
    lec_outline_free(o);

    const char *two[] = {"H1 - a", "H1 - b", NULL};
    o = build(two, &title);
    is_int(title, -1, "two H1s: no title");
    is_int(lec_outline_count(o), 3, "both are nodes");
    lec_outline_free(o);

    const char *late[] = {"H2 - a", "H1 - b", NULL};
    o = build(late, &title);
    is_int(title, -1, "an H1 that is not the first heading is no title");
    lec_outline_free(o);
}

int main(void)
{
    test_sequences();
    test_nesting();
    test_same_rank();
    test_heading_points();
    test_items();
    test_document_wide();
    test_divisions();
    test_title_and_ranges();
    return tap_done();
}
