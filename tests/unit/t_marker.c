/*
 * t_marker.c - unit tests for marker.c: every marker family and variant,
 * the traps that must not scan as markers, the INLINE restrictions,
 * leading white space, Chinese numerals, lead sentences and ranks, and
 * lec_marker_never against the scan.
 *
 * Inputs are copied into buffers of exactly their length (no NUL), so
 * valgrind and ASan catch any read past n.
 */
#include "lectern/marker.h"
#include "lectern/util.h"

#include "../tap.h"
#include "files.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#define B LEC_MARK_BLOCK
#define H LEC_MARK_HEADING
#define I LEC_MARK_INLINE

struct scase {
    const char *in;
    int ctx;
    lec_family fam; /* LEC_FAM_NONE: must not scan */
    int ord;
    const char *marker; /* as written */
    const char *title;  /* the rest of the text from m.title */
};

static const struct scase cases[] = {
    /* PART CHAPTER SECTION ARTICLE */
    {"第一部分　总体要求", B, LEC_FAM_PART, 1, "第一部分", "总体要求"},
    {"第二部分：重点任务", H, LEC_FAM_PART, 2, "第二部分：", "重点任务"},
    {"第三篇 城乡建设", B, LEC_FAM_PART, 3, "第三篇", "城乡建设"},
    {"第十二编 附则", B, LEC_FAM_PART, 12, "第十二编", "附则"},
    {"第2部分 数据来源", B, LEC_FAM_PART, 2, "第2部分", "数据来源"},
    {"第三章 总则", H, LEC_FAM_CHAPTER, 3, "第三章", "总则"},
    {"第１０章　结语", B, LEC_FAM_CHAPTER, 10, "第１０章", "结语"},
    {"第二十三章", B, LEC_FAM_CHAPTER, 23, "第二十三章", ""},
    {"第一节、基本情况", B, LEC_FAM_SECTION, 1, "第一节、", "基本情况"},
    {"第四节,办法", B, LEC_FAM_SECTION, 4, "第四节,", "办法"},
    {"第十二条 本规定自公布之日起施行。", B, LEC_FAM_ARTICLE, 12, "第十二条",
     "本规定自公布之日起施行。"},
    {"第一百零五条　附则", B, LEC_FAM_ARTICLE, 105, "第一百零五条", "附则"},
    {"第7条：适用范围", B, LEC_FAM_ARTICLE, 7, "第7条：", "适用范围"},
    /* the divisions of a law: 分编, articles in the thousands, 之一, EN SPACE */
    {"第一分编 通则", H, LEC_FAM_SUBPART, 1, "第一分编", "通则"},
    {"第三分编\xe2\x80\x82\xe2\x80\x82准合同", B, LEC_FAM_SUBPART, 3, "第三分编", "准合同"},
    {"第二章\xe2\x80\x82总则", H, LEC_FAM_CHAPTER, 2, "第二章", "总则"},
    {"第一千零五条 本法施行。", B, LEC_FAM_ARTICLE, 1005, "第一千零五条", "本法施行。"},
    {"第四十二条之一 新增的一条。", B, LEC_FAM_ARTICLE, 42, "第四十二条之一", "新增的一条。"},
    {"第九条之规定不适用。", B, LEC_FAM_ARTICLE, 9, "第九条", "之规定不适用。"},
    /* English legal divisions */
    {"Article 12. Scope", B, LEC_FAM_EN_ARTICLE, 12, "Article 12.", "Scope"},
    {"ARTICLE IV", H, LEC_FAM_EN_ARTICLE, 4, "ARTICLE IV", ""},
    {"Section 5: Fees", B, LEC_FAM_EN_SECTION, 5, "Section 5:", "Fees"},
    {"SEC. 2. DEFINITIONS.", B, LEC_FAM_EN_SECTION, 2, "SEC. 2.", "DEFINITIONS."},
    {"Section 3 of the Act applies.", B, LEC_FAM_EN_SECTION, 3, "Section 3", "of the Act applies."},
    {"Section 2.1 applies", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"Article 5a", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"Article 7(2) provides", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"Articles of faith", B, LEC_FAM_NONE, 0, NULL, NULL},
    /* QUESTION */
    {"第一个问题：关于思想认识", B, LEC_FAM_QUESTION, 1, "第一个问题：", "关于思想认识"},
    {"第三个方面，要抓好落实", B, LEC_FAM_QUESTION, 3, "第三个方面，", "要抓好落实"},
    {"第二个问题 工作安排", H, LEC_FAM_QUESTION, 2, "第二个问题", "工作安排"},
    /* ROMAN */
    {"IV. Results", H, LEC_FAM_ROMAN, 4, "IV.", "Results"},
    {"I. Introduction", B, LEC_FAM_ROMAN, 1, "I.", "Introduction"},
    {"IX.　第九部分", B, LEC_FAM_ROMAN, 9, "IX.", "第九部分"},
    {"XIV. Budget", B, LEC_FAM_ROMAN, 14, "XIV.", "Budget"},
    {"XX.", B, LEC_FAM_ROMAN, 20, "XX.", ""},
    {"I think so.", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"IIII. four", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"VX. bad", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"IV.x", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"iv. lower", B, LEC_FAM_NONE, 0, NULL, NULL},
    /* CN */
    {"一、坚持稳中求进", H, LEC_FAM_CN, 1, "一、", "坚持稳中求进"},
    {"十二．强化组织保障", B, LEC_FAM_CN, 12, "十二．", "强化组织保障"},
    {"三.加强队伍建设", B, LEC_FAM_CN, 3, "三.", "加强队伍建设"},
    {"二十、 其他事项", B, LEC_FAM_CN, 20, "二十、", "其他事项"},
    {"一、 、多余的顿号", B, LEC_FAM_CN, 1, "一、", "多余的顿号"},
    {"一、三农工作", B, LEC_FAM_CN, 1, "一、", "三农工作"},
    {"二、二〇二五年安排", B, LEC_FAM_CN, 2, "二、", "二〇二五年安排"},
    {"一、二线城市房价平稳", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"一、二季度增速较快", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"一、二、三产业融合", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"一、二年级学生", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"两、标题", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"一百、标题", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"一天、两天", B, LEC_FAM_NONE, 0, NULL, NULL},
    /* CN_PAREN */
    {"（一）着力扩大国内需求。推动消费", B, LEC_FAM_CN_PAREN, 1, "（一）",
     "着力扩大国内需求。推动消费"},
    {"(二)深化改革", B, LEC_FAM_CN_PAREN, 2, "(二)", "深化改革"},
    {"（三)括号混用", B, LEC_FAM_CN_PAREN, 3, "（三)", "括号混用"},
    {"( 四 ）内有空格", B, LEC_FAM_CN_PAREN, 4, "( 四 ）", "内有空格"},
    {"（五）、后跟顿号", B, LEC_FAM_CN_PAREN, 5, "（五）、", "后跟顿号"},
    {"（十一）．后跟全角点", H, LEC_FAM_CN_PAREN, 11, "（十一）．", "后跟全角点"},
    {"（六） ：多余冒号", B, LEC_FAM_CN_PAREN, 6, "（六）", "多余冒号"},
    {"㈢加强监督", B, LEC_FAM_CN_PAREN, 3, "㈢", "加强监督"},
    {"㈩、最后一项", B, LEC_FAM_CN_PAREN, 10, "㈩、", "最后一项"},
    {"（二〇二四）", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"（一", B, LEC_FAM_NONE, 0, NULL, NULL},
    /* NUM */
    {"1. Background", B, LEC_FAM_NUM, 1, "1.", "Background"},
    {"2、完善工作机制", B, LEC_FAM_NUM, 2, "2、", "完善工作机制"},
    {"１０．全角数字", B, LEC_FAM_NUM, 10, "１０．", "全角数字"},
    {"3．半角数字全角点", B, LEC_FAM_NUM, 3, "3．", "半角数字全角点"},
    {"125.标题", B, LEC_FAM_NUM, 125, "125.", "标题"},
    {"⒊第三项", B, LEC_FAM_NUM, 3, "⒊", "第三项"},
    {"⒛", B, LEC_FAM_NUM, 20, "⒛", ""},
    {"1.5亿元投资", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"3.5%的增速", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"2024年工作回顾", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"1、2号线贯通", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"１．５倍", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"2024. 年份不是序号", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"0. 零不是序号", B, LEC_FAM_NONE, 0, NULL, NULL},
    /* NUM_PAREN */
    {"（1）提高效率", B, LEC_FAM_NUM_PAREN, 1, "（1）", "提高效率"},
    {"(2) 降低成本", B, LEC_FAM_NUM_PAREN, 2, "(2)", "降低成本"},
    {"（ 12 ）带空格", B, LEC_FAM_NUM_PAREN, 12, "（ 12 ）", "带空格"},
    {"（３）、全角", B, LEC_FAM_NUM_PAREN, 3, "（３）、", "全角"},
    {"⑷第四点", B, LEC_FAM_NUM_PAREN, 4, "⑷", "第四点"},
    {"⒇，末项", B, LEC_FAM_NUM_PAREN, 20, "⒇，", "末项"},
    {"(2024)", B, LEC_FAM_NONE, 0, NULL, NULL},
    /* NUM_RPAREN */
    {"1）首要任务", B, LEC_FAM_NUM_RPAREN, 1, "1）", "首要任务"},
    {"2) second item", B, LEC_FAM_NUM_RPAREN, 2, "2)", "second item"},
    {"1)2倍", B, LEC_FAM_NONE, 0, NULL, NULL},
    /* CIRCLED */
    {"①完善制度", B, LEC_FAM_CIRCLED, 1, "①", "完善制度"},
    {"⑳", B, LEC_FAM_CIRCLED, 20, "⑳", ""},
    {"㉑ 二十一", B, LEC_FAM_CIRCLED, 21, "㉑", "二十一"},
    {"㉟", B, LEC_FAM_CIRCLED, 35, "㉟", ""},
    {"㊱项", B, LEC_FAM_CIRCLED, 36, "㊱", "项"},
    {"㊿", B, LEC_FAM_CIRCLED, 50, "㊿", ""},
    {"②、带顿号", B, LEC_FAM_CIRCLED, 2, "②、", "带顿号"},
    /* SHI */
    {"一是加强党的领导；", B, LEC_FAM_SHI, 1, "一是", "加强党的领导；"},
    {"十二是其他工作", B, LEC_FAM_SHI, 12, "十二是", "其他工作"},
    {"一是一些地方落实不力", B, LEC_FAM_SHI, 1, "一是", "一些地方落实不力"},
    {"一是一，二是二", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"二是二。", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"一是一", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"统一是前提", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"唯一是标准", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"两是", B, LEC_FAM_NONE, 0, NULL, NULL},
    /* YAO */
    {"二要抓好落实", B, LEC_FAM_YAO, 2, "二要", "抓好落实"},
    {"三要，强化考核", B, LEC_FAM_YAO, 3, "三要", "强化考核"},
    {"一要求各地", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"二要素认证", B, LEC_FAM_NONE, 0, NULL, NULL},
    /* DI */
    {"第一，要坚定信心", B, LEC_FAM_DI, 1, "第一，", "要坚定信心"},
    {"第二、加强协调", B, LEC_FAM_DI, 2, "第二、", "加强协调"},
    {"第三：", B, LEC_FAM_DI, 3, "第三：", ""},
    {"第四, 半角逗号", B, LEC_FAM_DI, 4, "第四,", "半角逗号"},
    {"第十:半角冒号", B, LEC_FAM_DI, 10, "第十:", "半角冒号"},
    {"第一、一切从实际出发", B, LEC_FAM_DI, 1, "第一、", "一切从实际出发"},
    {"第一次全体会议", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"第一书记", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"第一时间", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"第一名", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"第一、二批试点", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"第一是", B, LEC_FAM_NONE, 0, NULL, NULL},
    /* QI */
    {"其一，经济增长", B, LEC_FAM_QI, 1, "其一，", "经济增长"},
    {"其二、结构优化", B, LEC_FAM_QI, 2, "其二、", "结构优化"},
    {"其三：动能转换", B, LEC_FAM_QI, 3, "其三：", "动能转换"},
    {"其一生都在奉献", B, LEC_FAM_NONE, 0, NULL, NULL},
    /* SEQ */
    {"首先，我们要统一思想", B, LEC_FAM_SEQ, 1, "首先，", "我们要统一思想"},
    {"其次，", B, LEC_FAM_SEQ, 2, "其次，", ""},
    {"再次：完善制度", B, LEC_FAM_SEQ, 3, "再次：", "完善制度"},
    {"最后，谢谢大家", B, LEC_FAM_SEQ, 0, "最后，", "谢谢大家"},
    {"最后, 半角", B, LEC_FAM_SEQ, 0, "最后,", "半角"},
    {"最后一公里", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"首先要明确方向", B, LEC_FAM_NONE, 0, NULL, NULL},
    /* EN */
    {"First, we listen", B, LEC_FAM_EN, 1, "First,", "we listen"},
    {"Second: costs", B, LEC_FAM_EN, 2, "Second:", "costs"},
    {"Third, more", H, LEC_FAM_EN, 3, "Third,", "more"},
    {"Eleventh: late", B, LEC_FAM_EN, 11, "Eleventh:", "late"},
    {"Twelfth, last", B, LEC_FAM_EN, 12, "Twelfth,", "last"},
    {"Firstly, begin", B, LEC_FAM_EN, 1, "Firstly,", "begin"},
    {"Secondly, go on", B, LEC_FAM_EN, 2, "Secondly,", "go on"},
    {"Fifthly: more", B, LEC_FAM_EN, 5, "Fifthly:", "more"},
    {"Finally, thanks", B, LEC_FAM_EN, 0, "Finally,", "thanks"},
    {"Lastly, thanks", B, LEC_FAM_EN, 0, "Lastly,", "thanks"},
    {"First of all, welcome", B, LEC_FAM_EN, 1, "First of all,", "welcome"},
    {"First Lady visits", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"first, lower case at a block start", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"Firstborn, a word", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"Thirds, a word", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"And fifth: we go on", B, LEC_FAM_EN, 5, "And fifth:", "we go on"},
    {"and sixth, inside", I, LEC_FAM_EN, 6, "and sixth,", "inside"},
    {"And Fifth, capital after And", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"And then, more", B, LEC_FAM_NONE, 0, NULL, NULL},
    /* Text exported from Markdown: escapes, and (1.) First, as one marker */
    {"1\\. We go on", B, LEC_FAM_NUM, 1, "1\\.", "We go on"},
    {"12\\. Twelve", B, LEC_FAM_NUM, 12, "12\\.", "Twelve"},
    {"3\\) three", B, LEC_FAM_NUM_RPAREN, 3, "3\\)", "three"},
    {"1\\.5 is a number", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"1\\* no", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"(1.) First, we act", B, LEC_FAM_NUM_PAREN, 1, "(1.) First,", "we act"},
    {"(2.) Second: we wait", B, LEC_FAM_NUM_PAREN, 2, "(2.) Second:", "we wait"},
    {"(3.) we wait", B, LEC_FAM_NUM_PAREN, 3, "(3.)", "we wait"},
    {"(2) First, another number", B, LEC_FAM_NUM_PAREN, 2, "(2)", "First, another number"},
    /* INLINE: run-in families only */
    {"first, we agree", I, LEC_FAM_EN, 1, "first,", "we agree"},
    {"secondly: lower", I, LEC_FAM_EN, 2, "secondly:", "lower"},
    {"Finally, upper", I, LEC_FAM_EN, 0, "Finally,", "upper"},
    {"一是加强", I, LEC_FAM_SHI, 1, "一是", "加强"},
    {"二要落实", I, LEC_FAM_YAO, 2, "二要", "落实"},
    {"第一，坚持", I, LEC_FAM_DI, 1, "第一，", "坚持"},
    {"其二，结构", I, LEC_FAM_QI, 2, "其二，", "结构"},
    {"首先，统一", I, LEC_FAM_SEQ, 1, "首先，", "统一"},
    {"（一）如何对待", I, LEC_FAM_CN_PAREN, 1, "（一）", "如何对待"},
    {"㈡第二", I, LEC_FAM_CN_PAREN, 2, "㈡", "第二"},
    {"（1）效率", I, LEC_FAM_NUM_PAREN, 1, "（1）", "效率"},
    {"⑵第二", I, LEC_FAM_NUM_PAREN, 2, "⑵", "第二"},
    {"③其三", I, LEC_FAM_CIRCLED, 3, "③", "其三"},
    {"一、标题", I, LEC_FAM_NONE, 0, NULL, NULL},
    {"1. item", I, LEC_FAM_NONE, 0, NULL, NULL},
    {"⒈item", I, LEC_FAM_NONE, 0, NULL, NULL},
    {"1）item", I, LEC_FAM_NONE, 0, NULL, NULL},
    {"IV. item", I, LEC_FAM_NONE, 0, NULL, NULL},
    {"第一章 总则", I, LEC_FAM_NONE, 0, NULL, NULL},
    {"第一部分", I, LEC_FAM_NONE, 0, NULL, NULL},
    {"第一个问题：", I, LEC_FAM_NONE, 0, NULL, NULL},
    /* nothing at all */
    {"", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"　　", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"同志们：", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"\xff一、bad byte first", B, LEC_FAM_NONE, 0, NULL, NULL},
    {"一\xe3、truncated", B, LEC_FAM_NONE, 0, NULL, NULL},
};

/* in with control characters escaped, for a one-line TAP description;
 * the result lives until the next call. */
static const char *shown(const char *in)
{
    static char out[512];
    size_t o = 0;

    for (; *in && o + 5 < sizeof out; in++) {
        if ((unsigned char)*in < 0x20)
            o += (size_t)snprintf(out + o, sizeof out - o, "\\x%02x", (unsigned char)*in);
        else
            out[o++] = *in;
    }
    out[o] = 0;
    return out;
}

/* Scans a copy of in that holds exactly its bytes; *marker and *title get
 * the marker as written and the text from m.title (caller frees). */
static int scan(const char *in, int ctx, lec_marker *m, char **marker, char **title)
{
    size_t n = strlen(in);
    char *buf = lec_xmalloc(n ? n : 1);
    int r;

    memcpy(buf, in, n);
    r = lec_marker_scan(buf, n, ctx, m);
    *marker = lec_xstrndup(buf + m->skip, m->len);
    *title = lec_xstrndup(buf + m->title, n - m->title);
    free(buf);
    return r;
}

static void test_cases(void)
{
    size_t k;

    for (k = 0; k < sizeof cases / sizeof *cases; k++) {
        const struct scase *c = &cases[k];
        lec_marker m;
        char *marker, *title;
        int r = scan(c->in, c->ctx, &m, &marker, &title);

        if (c->fam == LEC_FAM_NONE) {
            ok(r == 0 && m.family == LEC_FAM_NONE && m.len == 0 && m.title == 0,
               "no marker in \"%s\" (ctx %d)", c->in, c->ctx);
        } else {
            is_str(lec_family_name(m.family), lec_family_name(c->fam), "\"%s\": family", c->in);
            is_int(m.ordinal, c->ord, "\"%s\": ordinal", c->in);
            is_str(marker, c->marker, "\"%s\": marker as written", c->in);
            is_str(title, c->title, "\"%s\": title", c->in);
        }
        free(marker);
        free(title);
    }
}

/* Set apart or not: an article's number in a law is followed by a space,
 * a reference to one (第三条规定) by its sentence. */
static void test_apart_and_sub(void)
{
    static const struct {
        const char *in;
        int apart, sub;
    } ap[] = {
        {"第三条 本法所称", 1, 0},
        {"第三条　本法所称", 1, 0},
        {"第三条\xe2\x80\x82本法所称", 1, 0},
        {"第三条：本法所称", 1, 0},
        {"第三条", 1, 0},
        {"第三条规定的情形", 0, 0},
        {"第一百六十二条后增加一条", 0, 0},
        {"第十七条之一 新增", 1, 1},
        {"第十七条之二　新增", 1, 2},
        {"第十七条之一规定的", 0, 1},
        {"第十七条之规定", 0, 0},
        {"Article 5. Scope", 1, 0},
        {"Article 5", 1, 0},
        {"Article 5 — Scope", 1, 0},
        {"Article 5 of the Treaty", 0, 0},
    };
    size_t k;

    for (k = 0; k < sizeof ap / sizeof *ap; k++) {
        lec_marker m;
        char *marker, *title;
        int r = scan(ap[k].in, B, &m, &marker, &title);
        ok(r == 1 && (m.apart != 0) == ap[k].apart && m.sub == ap[k].sub,
           "\"%s\": set apart %d, 之 %d (got %d, %d)", ap[k].in, ap[k].apart, ap[k].sub, m.apart,
           m.sub);
        free(marker);
        free(title);
    }
}

static void test_skip(void)
{
    static const struct {
        const char *in;
        size_t skip;
        const char *marker, *title;
    } sk[] = {
        {"　　一、标题", 6, "一、", "标题"},             /* two U+3000 */
        {"\xc2\xa0一是加强", 2, "一是", "加强"},         /* NBSP */
        {"\xe2\x80\x8b\xef\xbb\xbf 1. x", 7, "1.", "x"}, /* ZWSP BOM space */
        {" \t(1)x", 2, "(1)", "x"},
    };
    size_t k;

    for (k = 0; k < sizeof sk / sizeof *sk; k++) {
        lec_marker m;
        char *marker, *title;
        int r = scan(sk[k].in, B, &m, &marker, &title);

        ok(r == 1, "leading space %zu: found", k);
        is_int(m.skip, sk[k].skip, "leading space %zu: skip", k);
        is_str(marker, sk[k].marker, "leading space %zu: marker", k);
        is_str(title, sk[k].title, "leading space %zu: title", k);
        free(marker);
        free(title);
    }
}

/* Every prefix of every case, in an exact-size buffer: no read past n
 * (for valgrind and ASan) and offsets that stay inside the text. */
static void test_prefixes(void)
{
    size_t k, len, bad = 0;

    for (k = 0; k < sizeof cases / sizeof *cases; k++) {
        size_t n = strlen(cases[k].in);
        for (len = 0; len <= n; len++) {
            char *buf = lec_xmalloc(len ? len : 1);
            lec_marker m;
            int ctx;
            memcpy(buf, cases[k].in, len);
            for (ctx = B; ctx <= I; ctx++) {
                if (lec_marker_scan(buf, len, ctx, &m) &&
                    (m.len == 0 || m.skip + m.len > m.title || m.title > len))
                    bad++;
                if (lec_lead_sentence(buf, len) > len) bad++;
            }
            free(buf);
        }
    }
    is_int(bad, 0, "all prefixes scan with offsets inside the text");
}

/* lec_marker_bare: the bare numerals of an excerpt compilation. */
static void test_bare(void)
{
    static const struct {
        const char *in;
        int ord; /* 0: no marker */
        const char *title;
    } c[] = {
        {"一", 1, ""},          {"二 领导干部", 2, "领导干部"}, {"三读书使人明智", 3, "读书使人明智"},
        {"十二", 12, ""},       {"　四", 4, ""},              {"一些同志", 0, NULL},
        {"一切为了群众", 0, NULL}, {"三个方面", 0, NULL},        {"二十年来", 0, NULL},
        {"一、标题", 0, NULL},  {"一是加强", 0, NULL},         {"读书", 0, NULL},
    };
    for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
        lec_marker m;
        int got = lec_marker_bare(c[i].in, strlen(c[i].in), &m);
        if (!c[i].ord) {
            is_int(got, 0, "bare: %s is no part number", c[i].in);
            continue;
        }
        ok(got && m.family == LEC_FAM_CN && m.ordinal == c[i].ord &&
               strcmp(c[i].in + m.title, c[i].title) == 0,
           "bare: %s is part %d", c[i].in, c[i].ord);
    }
    lec_marker m;
    ok(lec_marker_scan("一", strlen("一"), LEC_MARK_HEADING, &m) && m.ordinal == 1,
       "a heading holding only 一 is part one");
    ok(!lec_marker_scan("一", strlen("一"), LEC_MARK_BLOCK, &m), "a paragraph holding only 一 is not");
    ok(!lec_marker_scan("一带一路", strlen("一带一路"), LEC_MARK_HEADING, &m),
       "a heading 一带一路 has no marker");
}

static void test_cn_number(void)
{
    static const struct {
        const char *in;
        int val;
        size_t used;
    } nc[] = {
        {"一", 1, 3},          {"九项", 9, 3},          {"十", 10, 3},
        {"十二", 12, 6},       {"一十", 10, 6},         {"二十", 20, 6},
        {"二十三条", 23, 9},   {"一百", 100, 6},        {"一百零五", 105, 12},
        {"一百一十", 110, 12}, {"三百二十一", 321, 15}, {"一百五", 150, 9},
        {"一千二百五十九", 1259, 21}, {"一千零五", 1005, 12}, {"一千零五十", 1050, 15},
        {"一千二百六十条", 1260, 18}, {"两千", 2000, 6},       {"一千零零五", 1000, 6},
        {"一千五", 1500, 9},          {"千万", -1, 0},
        {"两百", 200, 6},      {"两个", 2, 3},          {"零", 0, 3},
        {"〇", 0, 3},          {"一百零", 100, 6},      {"二〇二四年", 2, 3},
        {"一二线", 1, 3},      {"十一是", 11, 6},       {"十十", 10, 3},
        {"第一", -1, 0},       {"百姓", -1, 0},         {"abc", -1, 0},
        {"", -1, 0},           {"\xe4\xb8", -1, 0},     {"12", -1, 0},
    };
    size_t k;

    for (k = 0; k < sizeof nc / sizeof *nc; k++) {
        size_t n = strlen(nc[k].in), used = 99;
        char *buf = lec_xmalloc(n ? n : 1);
        int v;
        memcpy(buf, nc[k].in, n);
        v = lec_cn_number(buf, n, &used);
        ok(v == nc[k].val && used == nc[k].used, "lec_cn_number(\"%s\") = %d, %zu bytes", nc[k].in,
           v, used);
        free(buf);
    }
}

static void test_lead_sentence(void)
{
    static const struct {
        const char *in, *lead;
    } lc[] = {
        {"推动产业链优化升级。保持工业经济平稳运行。", "推动产业链优化升级"},
        {"加强领导；完善机制", "加强领导"},
        {"我们能做到吗？能！", "我们能做到吗"},
        {"这是大事！必须抓紧", "这是大事"},
        {"同志们：", "同志们"},
        {"会议于10:30开始: 请准时", "会议于10:30开始"},
        {"比分３:２，结束", "比分３:２，结束"},
        {"时间：10:30", "时间"},
        {"We must act now. Then we win.", "We must act now"},
        {"Growth was 3.5 percent. Good", "Growth was 3.5 percent"},
        {"版本v1.2发布。", "版本v1.2发布"},
        {"Done.", "Done"},
        {"Why? Because", "Why"},
        {"Stop! Now", "Stop"},
        {"a; b", "a"},
        {"Note: see below", "Note"},
        {"没有终止符的一句话", "没有终止符的一句话"},
        {"第一行\n第二行。", "第一行"},
        {"", ""},
    };
    size_t k;

    for (k = 0; k < sizeof lc / sizeof *lc; k++) {
        size_t n = strlen(lc[k].in), got;
        char *buf = lec_xmalloc(n ? n : 1), *lead;
        memcpy(buf, lc[k].in, n);
        got = lec_lead_sentence(buf, n);
        lead = lec_xstrndup(buf, got <= n ? got : n);
        is_str(lead, lc[k].lead, "lead sentence of \"%s\"", shown(lc[k].in));
        free(lead);
        free(buf);
    }
}

static void test_rank_and_names(void)
{
    static const char *const names[LEC_FAM_COUNT] = {
        "none",     "part",       "subpart",   "chapter",    "section", "article",
        "en-article", "en-section", "question", "roman",     "cn",      "cn-paren",
        "num",      "num-paren",  "num-rparen", "circled",   "shi",     "yao",
        "di",       "qi",         "seq",       "en",         "list",
    };
    static const int ranks[LEC_FAM_COUNT] = {990, 10, 15, 20, 30, 40,  40,  30,
                                             50,  50, 50, 60, 70, 80,  80,  90,
                                             100, 100, 100, 100, 100, 100, 110};
    int f;

    for (f = 0; f < LEC_FAM_COUNT; f++) {
        is_str(lec_family_name((lec_family)f), names[f], "name of family %d", f);
        is_int(lec_family_rank((lec_family)f), ranks[f], "rank of %s", names[f]);
    }
    /* the GB/T 9704 chain nests strictly */
    ok(lec_family_rank(LEC_FAM_PART) < lec_family_rank(LEC_FAM_SUBPART) &&
           lec_family_rank(LEC_FAM_SUBPART) < lec_family_rank(LEC_FAM_CHAPTER) &&
           lec_family_rank(LEC_FAM_SECTION) < lec_family_rank(LEC_FAM_ARTICLE) &&
           lec_family_rank(LEC_FAM_ARTICLE) < lec_family_rank(LEC_FAM_CN) &&
           lec_family_rank(LEC_FAM_CHAPTER) < lec_family_rank(LEC_FAM_SECTION) &&
           lec_family_rank(LEC_FAM_SECTION) < lec_family_rank(LEC_FAM_CN) &&
           lec_family_rank(LEC_FAM_CN) < lec_family_rank(LEC_FAM_CN_PAREN) &&
           lec_family_rank(LEC_FAM_CN_PAREN) < lec_family_rank(LEC_FAM_NUM) &&
           lec_family_rank(LEC_FAM_NUM) < lec_family_rank(LEC_FAM_NUM_PAREN) &&
           lec_family_rank(LEC_FAM_NUM_PAREN) < lec_family_rank(LEC_FAM_CIRCLED) &&
           lec_family_rank(LEC_FAM_CIRCLED) < lec_family_rank(LEC_FAM_SHI) &&
           lec_family_rank(LEC_FAM_SHI) < lec_family_rank(LEC_FAM_LIST) &&
           lec_family_rank(LEC_FAM_LIST) < lec_family_rank(LEC_FAM_NONE),
       "ranks nest 编 > 分编 > 章 > 节 > 条 > 一、 > （一） > 1. > （1） > ① > 一是 > list");
    is_str(lec_family_name(LEC_FAM_COUNT), "none", "name of an out-of-range family");
    is_int(lec_family_rank(LEC_FAM_COUNT), 990, "rank of an out-of-range family");
    for (f = 0; f < LEC_FAM_COUNT; f++)
        is_int(lec_family_document_wide((lec_family)f),
               f == LEC_FAM_PART || f == LEC_FAM_SUBPART || f == LEC_FAM_CHAPTER ||
                   f == LEC_FAM_SECTION || f == LEC_FAM_ARTICLE || f == LEC_FAM_EN_ARTICLE ||
                   f == LEC_FAM_EN_SECTION,
               "%s numbers through a document or under each parent", names[f]);
}

/* ---- lec_marker_never ---------------------------------------------------- */

/* lec_marker_never(s) of a copy of exactly its bytes. */
static int never(const char *s, size_t n)
{
    char *buf = lec_xmalloc(n ? n : 1);
    memcpy(buf, s, n);
    int r = lec_marker_never(buf, n);
    free(buf);
    return r;
}

static void test_never_cases(void)
{
    static const struct {
        const char *in;
        int never;
    } c[] = {
        {"The ", 1},     {"The", 0},     /* may go on: "Thereafter" is no marker, */
        {"the", 1},      {"Use `x`", 1}, /* but the first word can tell */
        {"First", 0},    {"First ", 0},  /* "First of all," */
        {"Firstly ", 0}, {"Fir", 0},       {"Finally ", 0},
        {"Lastly", 0},   {"Twelfth ", 0},  {"Tenths ", 0},
        {"Seconds ", 0}, /* cannot tell */
        {"Article ", 0}, {"Articles ", 1}, {"ARTICLE ", 0},
        {"Sec ", 0},     {"SECTION.", 0},  {"Sections ", 1},
        {"And ", 0},     {"Andrew ", 1},   {"I ", 0},
        {"IV ", 0},      {"IVY ", 1},      {"XL ", 1},
        {"XXXIX ", 0},   {"VIIII ", 1},    {"   ", 0},
        {"", 0},         {"第", 0},        {"一", 0},
        {"其", 0},       {"首", 0},        {"最", 0},
        {"再", 0},       {"（", 0},        {"(", 0},
        {"①", 0},        {"1", 0},         {"１", 0},
        {"我们", 1},     {"我", 1},        {"\u3000\u3000我们", 1},
        {"\u3000", 0},   {"\xe3\x80", 0},  {"\xef\xbb\xbfThe ", 1},
        {"\xff", 0},     {"\xe6\x88", 0},  {" - ", 1},
        {"\"First", 1},  {"$ ", 1},
    };
    for (size_t k = 0; k < sizeof c / sizeof *c; k++)
        is_int(never(c[k].in, strlen(c[k].in)), c[k].never, "never(\"%s\")", c[k].in);
}

/* Pieces that prefixes and what follows them are made of: marker words,
 * their near misses, numerals, brackets, white space, punctuation. */
static const char *const pieces[] = {
    "First",   "first",    "Firstly", "Fir",     "Second", "Secondly", "Seconds", "Third",
    "Tenth",   "Twelfth",  "Finally", "Lastly",  "And",    "and",      "Andrew",  "Article",
    "ARTICLE", "Articles", "Section", "SECTION", "Sec",    "SEC",      "Sec.",    "I",
    "II",      "IV",       "V",       "IX",      "X",      "XX",       "XXXIX",   "IIII",
    "VX",      "L",        "The",     "the",     "We",     "Use",      "a",       "of",
    "all",     " of all",  "ly",      "nd",      "irst",   "ection",   "rticle",  " ",
    "  ",      "\t",       ".",       ",",       ":",      ";",        "-",       "(",
    ")",       "（",       "）",      "\"",      "'",      "$",        "5",       "12",
    "1999",    "IV.",      "1.",      "(1)",     "3.5",    "１",       "５．",    "①",
    "⑴",       "⒈",        "㈠",      "第",      "一",     "二",       "十",      "十二",
    "百",      "零",       "两",      "是",      "要",     "、",       "，",      "：",
    "。",      "条",       "章",      "节",      "部分",   "个问题",   "之一",    "其",
    "其次",    "首先",     "最后",    "再次",    "最近",   "我们",     "中国",    "\u3000",
    "\u00a0",  "\u200b",   "\ufeff",  "\u2003",  "\xe3",   "\xff",     "\n",      "\r",
};

static unsigned rnd_state = 12345;
static unsigned rnd(unsigned n)
{
    rnd_state = rnd_state * 1103515245u + 12345u;
    return (rnd_state >> 8) % n;
}

static void add_pieces(lec_buf *b, unsigned count)
{
    for (unsigned i = 0; i < count; i++)
        lec_buf_puts(b, pieces[rnd(sizeof pieces / sizeof *pieces)]);
}

/* The property: when never says 1 for a prefix, no text made of it and any
 * continuation scans as a marker (block context).  Counts both answers,
 * so that a test that only ever saw 0 would show. */
static size_t check_prefix(const char *s, size_t n, size_t *yes, size_t *no)
{
    size_t bad = 0;
    if (!never(s, n)) {
        (*no)++;
        return 0;
    }
    (*yes)++;
    lec_buf t = {0};
    for (int k = 0; k < 24; k++) {
        lec_buf_reset(&t);
        lec_buf_put(&t, s, n);
        if (k) add_pieces(&t, 1 + rnd(4));
        lec_marker m;
        char *buf = lec_xmalloc(t.len ? t.len : 1);
        memcpy(buf, t.data ? t.data : "", t.len);
        if (lec_marker_scan(buf, t.len, B, &m) && bad++ < 5)
            printf("# never(\"%.*s\") but \"%.*s\" scans\n", (int)n, s, (int)t.len, buf);
        free(buf);
    }
    lec_buf_free(&t);
    return bad;
}

static void test_never_random(void)
{
    size_t bad = 0, yes = 0, no = 0;
    lec_buf p = {0};
    for (int k = 0; k < 20000; k++) {
        lec_buf_reset(&p);
        add_pieces(&p, 1 + rnd(3));
        /* and every cut of it, the cuts inside a character too */
        for (size_t len = 0; len <= p.len; len++)
            bad += check_prefix(p.data, len, &yes, &no);
    }
    lec_buf_free(&p);
    is_int(bad, 0, "random prefixes: never => no continuation scans");
    ok(yes > 10000 && no > 10000, "random prefixes: both answers seen (%zu yes, %zu no)", yes, no);
}

/* The starts of the lines of the shared corpus, cut anywhere in their
 * first 40 bytes, as paragraphs begin. */
static void test_never_corpus(void)
{
    const char *corpus = getenv("LECTERN_CORPUS");
    const char *subs[] = {"", "/round2", "/laws"};
    size_t bad = 0, yes = 0, no = 0, files = 0;
    char path[4096];
    for (size_t d = 0; corpus && d < 3; d++) {
        snprintf(path, sizeof path, "%s%s", corpus, subs[d]);
        DIR *dir = opendir(path);
        struct dirent *e;
        while (dir && (e = readdir(dir)) != NULL) {
            size_t l = strlen(e->d_name);
            if (l < 4 || (strcmp(e->d_name + l - 4, ".txt") && strcmp(e->d_name + l - 3, ".md")))
                continue;
            char file[8192];
            snprintf(file, sizeof file, "%s/%s", path, e->d_name);
            lec_buf b = {0};
            if (!read_file(file, &b)) continue;
            files++;
            for (size_t i = 0, lines = 0; i < b.len && lines < 400; lines++) {
                const char *nl = memchr(b.data + i, '\n', b.len - i);
                size_t end = nl ? (size_t)(nl - b.data) : b.len;
                for (size_t len = 0; len <= 40 && i + len <= end; len++)
                    bad += check_prefix(b.data + i, len, &yes, &no);
                i = end + 1;
            }
            lec_buf_free(&b);
        }
        if (dir) closedir(dir);
    }
    if (!files) {
        ok(1, "# SKIP no corpus at $LECTERN_CORPUS");
        return;
    }
    is_int(bad, 0, "corpus line starts: never => no continuation scans (%zu files)", files);
    ok(yes > 0 && no > 0, "corpus line starts: both answers seen (%zu yes, %zu no)", yes, no);
}

int main(void)
{
    test_cases();
    test_apart_and_sub();
    test_skip();
    test_prefixes();
    test_bare();
    test_cn_number();
    test_lead_sentence();
    test_rank_and_names();
    test_never_cases();
    test_never_random();
    test_never_corpus();
    return tap_done();
}
