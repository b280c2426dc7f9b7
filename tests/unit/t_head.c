/*
 * t_head.c - reading the head of a scraped speech (title, author, source,
 * date, occasion, speaker) and where its body begins.  Every text here is
 * invented, in the genre of the corpus.
 */
#include "../tap.h"
#include "lectern/head.h"

#define NBSP "\xc2\xa0"
#define IDSP "\xe3\x80\x80"
#define COUNT(a) (sizeof(a) / sizeof(a)[0])

/* Runs lec_head_parse over NUL-terminated lines. */
static size_t parse(const char *const *text, size_t n, lec_meta_list *m, int *tl)
{
    lec_head_line lines[16];
    for (size_t i = 0; i < n && i < COUNT(lines); i++) {
        lines[i].s = text[i];
        lines[i].len = strlen(text[i]);
    }
    return lec_head_parse(lines, n, m, tl);
}

static int count_key(const lec_meta_list *m, const char *key)
{
    int k = 0;
    for (size_t i = 0; i < m->count; i++)
        k += strcmp(m->items[i].key, key) == 0;
    return k;
}

static void test_full_head(void)
{
    const char *t[] = {
        "林晓岚" NBSP "深化农村集体产权制度改革的几点思考",
        "来源:青石日报 更新时间:2021-09-08",
        "在全省农村改革试验区工作座谈会上的讲话",
        "省农业农村厅党组书记、厅长 林晓岚",
        "各位领导、同志们:",
        "一、把握改革方向。今年以来，全省各地认真落实中央部署。",
    };
    lec_meta_list m = {0};
    int tl = 99;
    is_int(parse(t, COUNT(t), &m, &tl), 4, "full head: four lines before the salutation");
    is_int(tl, 0, "full head: title on the first line");
    is_str(lec_meta_get(&m, "title"), "深化农村集体产权制度改革的几点思考",
           "title without the name");
    is_str(lec_meta_get(&m, "author"), "林晓岚", "author from NBSP before the title");
    is_str(lec_meta_get(&m, "source"), "青石日报", "source from 来源:");
    is_str(lec_meta_get(&m, "date"), "2021-09-08", "date from 更新时间:");
    is_str(lec_meta_get(&m, "occasion"), "在全省农村改革试验区工作座谈会上的讲话", "occasion");
    is_str(lec_meta_get(&m, "speaker"), "省农业农村厅党组书记、厅长 林晓岚", "speaker");
    is_int(m.count, 6, "six keys, each once");
    is_str(m.items[0].key, "title", "title comes first");
    lec_meta_free(&m);
}

static void test_name_title(void)
{
    static const struct {
        const char *line, *author, *title;
    } cases[] = {
        {"周文涛 让每一座村庄都有书香", "周文涛", "让每一座村庄都有书香"},
        {"周文涛" IDSP "让每一座村庄都有书香", "周文涛", "让每一座村庄都有书香"},
        {"周文涛：让每一座村庄都有书香", "周文涛", "让每一座村庄都有书香"},
        {"欧阳明远:推进县域公共文化服务均等化", "欧阳明远", "推进县域公共文化服务均等化"},
        /* not a name: a body of the state, a label, a slogan, a short title */
        {"中共中央 国务院关于推进城乡书香社会建设的意见", NULL,
         "中共中央 国务院关于推进城乡书香社会建设的意见"},
        {"社论：坚定不移推进全民阅读工作", NULL, "社论：坚定不移推进全民阅读工作"},
        {"深化改革 促进发展", NULL, "深化改革 促进发展"},
        {"司马文清 书香浸润城乡", NULL, "司马文清 书香浸润城乡"}, /* not twice as long */
        {"黄杉县委 关于推进全民阅读工作的实施意见", NULL,
         "黄杉县委 关于推进全民阅读工作的实施意见"},
        {"王府井2025年春季书市活动纪要", NULL, "王府井2025年春季书市活动纪要"},
        {"王强 谈读书", NULL, "王强 谈读书"},
        {"青杉日报 评论员谈全民阅读之美", NULL, "青杉日报 评论员谈全民阅读之美"},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        lec_meta_list m = {0};
        const char *t[] = {cases[i].line, "同志们："};
        is_int(parse(t, 2, &m, NULL), 1, "title line %zu is the head", i);
        is_str(lec_meta_get(&m, "author"), cases[i].author, "author of line %zu", i);
        is_str(lec_meta_get(&m, "title"), cases[i].title, "title of line %zu", i);
        lec_meta_free(&m);
    }
}

static void test_fused_title(void)
{
    lec_meta_list m = {0};
    const char *t[] = {
        "城市更新工作报告——2025年4月8日在青杉市第五届人民代表大会第三次会议上市长 周明远",
        "各位代表："};
    is_int(parse(t, 2, &m, NULL), 1, "fused: one head line");
    is_str(lec_meta_get(&m, "title"), "城市更新工作报告", "fused: title");
    is_str(lec_meta_get(&m, "date"), "2025年4月8日", "fused: date");
    is_str(lec_meta_get(&m, "occasion"), "在青杉市第五届人民代表大会第三次会议上",
           "fused: occasion ends at 会议上");
    is_str(lec_meta_get(&m, "speaker"), "市长 周明远", "fused: speaker split after 上");
    is_str(lec_meta_get(&m, "author"), "周明远", "fused: author from the speaker");
    lec_meta_free(&m);

    const char *t2[] = {"守好群众的钱袋子——在全县财政工作会议上的讲话"};
    parse(t2, 1, &m, NULL);
    is_str(lec_meta_get(&m, "title"), "守好群众的钱袋子", "title——occasion: title");
    is_str(lec_meta_get(&m, "occasion"), "在全县财政工作会议上的讲话", "title——occasion: occasion");
    lec_meta_free(&m);

    const char *t3[] = {"奋斗的青春——记青杉镇农家书屋管理员"};
    parse(t3, 1, &m, NULL);
    is_str(lec_meta_get(&m, "title"), "奋斗的青春——记青杉镇农家书屋管理员", "a subtitle stays");
    is_str(lec_meta_get(&m, "occasion"), NULL, "a subtitle is no occasion");
    lec_meta_free(&m);
}

static void test_pairs(void)
{
    lec_meta_list m = {0};
    const char *t[] = {"乡村阅读十年回望",
                       "来源：青杉日报" IDSP "作者：李文博" IDSP "责任编辑：赵小川",
                       "发布时间：2023年6月1日 10:30"};
    is_int(parse(t, 3, &m, NULL), 3, "pairs: every line is head");
    is_str(lec_meta_get(&m, "source"), "青杉日报", "pairs: source before an ideographic space");
    is_str(lec_meta_get(&m, "author"), "李文博", "pairs: 作者");
    is_str(lec_meta_get(&m, "date"), "2023年6月1日", "pairs: date without its time");
    is_int(m.count, 4, "pairs: the editor is not kept");
    lec_meta_free(&m);

    const char *t2[] = {"乡村阅读十年回望", "日期:2023/6/1"};
    parse(t2, 2, &m, NULL);
    is_str(lec_meta_get(&m, "date"), "2023/6/1", "日期: with an ASCII colon");
    lec_meta_free(&m);
}

static void test_dates(void)
{
    static const struct {
        const char *line, *date;
    } cases[] = {
        {"2025-04-08", "2025-04-08"},
        {"2025年4月8日", "2025年4月8日"},
        {"（2025年4月8日）", "2025年4月8日"},
        {"(2025年4月8日)", "2025年4月8日"},
        {"二〇二五年四月八日", "二〇二五年四月八日"},
        {"二〇二五年四月", "二〇二五年四月"},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        lec_meta_list m = {0};
        int tl;
        const char *t[] = {"关于加强乡镇综合文化站建设的意见", cases[i].line,
                           "乡镇综合文化站是基层公共文化服务的重要阵地，近年来各地加大投入，"
                           "服务能力明显提升，但仍存在一些薄弱环节。"};
        is_int(parse(t, 3, &m, &tl), 2, "date line %zu is head", i);
        is_str(lec_meta_get(&m, "date"), cases[i].date, "date of line %zu", i);
        lec_meta_free(&m);
    }
    lec_meta_list m = {0};
    const char *t[] = {"关于加强乡镇综合文化站建设的意见", "2025年4月8日", "2025年5月9日"};
    parse(t, 3, &m, NULL);
    is_int(count_key(&m, "date"), 1, "a second date is not added");
    is_str(lec_meta_get(&m, "date"), "2025年4月8日", "the first date wins");
    lec_meta_free(&m);
}

static void test_occasions(void)
{
    static const struct {
        const char *line, *occasion, *date;
    } cases[] = {
        {"——在全县秋粮收购工作会议上的讲话", "在全县秋粮收购工作会议上的讲话", NULL},
        {"（在青杉市首届读书节开幕式上的致辞）", "在青杉市首届读书节开幕式上的致辞", NULL},
        {"在全区教育工作会议上的讲话提纲", "在全区教育工作会议上的讲话提纲", NULL},
        {"在市政协十届二次会议上的发言（2025年1月9日）", "在市政协十届二次会议上的发言",
         "2025年1月9日"},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        lec_meta_list m = {0};
        const char *t[] = {"办好群众家门口的图书馆", cases[i].line, "同志们："};
        is_int(parse(t, 3, &m, NULL), 2, "occasion %zu is head", i);
        is_str(lec_meta_get(&m, "occasion"), cases[i].occasion, "occasion %zu", i);
        is_str(lec_meta_get(&m, "date"), cases[i].date, "date of occasion %zu", i);
        lec_meta_free(&m);
    }
}

static void test_speakers(void)
{
    lec_meta_list m = {0};
    const char *t[] = {"办好群众家门口的图书馆", "县委书记" IDSP IDSP "王立新", "同志们："};
    is_int(parse(t, 3, &m, NULL), 2, "speaker line is head");
    is_str(lec_meta_get(&m, "speaker"), "县委书记 王立新", "spaces collapsed to one");
    is_str(lec_meta_get(&m, "author"), "王立新", "author from the speaker's name");
    lec_meta_free(&m);

    const char *t2[] = {"办好群众家门口的图书馆", "会议由县长主持，县委书记 王立新"};
    parse(t2, 2, &m, NULL);
    is_str(lec_meta_get(&m, "speaker"), NULL, "a line with a comma is no speaker");
    lec_meta_free(&m);

    const char *t4[] = {"办好群众家门口的图书馆",
                        "中共青杉市委常委、市人民政府党组副书记、常务副市长兼"
                        "市发展和改革委员会党组书记、主任 周明远"};
    parse(t4, 2, &m, NULL);
    is_str(lec_meta_get(&m, "speaker"), NULL, "a line of more than 40 characters is no speaker");
    lec_meta_free(&m);

    const char *t5[] = {"书香青杉——在全市读书节开幕式上的讲话 周明远"};
    parse(t5, 1, &m, NULL);
    is_str(lec_meta_get(&m, "speaker"), NULL, "的讲话 is no role fused after 上");
    lec_meta_free(&m);

    const char *t3[] = {"办好群众家门口的图书馆", "作者：韩冬", "市文化局局长 张某某"};
    parse(t3, 3, &m, NULL);
    is_str(lec_meta_get(&m, "author"), "韩冬", "an author given stays the author");
    is_str(lec_meta_get(&m, "speaker"), "市文化局局长 张某某", "speaker besides the author");
    lec_meta_free(&m);
}

static void test_salutations(void)
{
    static const char *const yes[] = {
        "同志们：",
        "各位代表：",
        "各位领导、同志们:",
        "同志们、朋友们：",
        "女士们、先生们：",
        "同志们！",
        "尊敬的各位来宾，女士们、先生们：",
        "Mr. Chairman, Madam Mayor, fellow townspeople:",
        "Ladies and gentlemen,",
    };
    static const char *const no[] = {
        "同志们在会上发言。",
        "领导讲话：",
        "会议议程：",
        "各位代表：今天的会议是在全县上下奋力推进高质量发展的关键时刻召开的。",
        "尊敬的、：",
        "Advice for boyfriends:",
        "",
    };
    for (size_t i = 0; i < COUNT(yes); i++)
        ok(lec_head_is_salutation(yes[i], strlen(yes[i])), "salutation: %s", yes[i]);
    for (size_t i = 0; i < COUNT(no); i++)
        ok(!lec_head_is_salutation(no[i], strlen(no[i])), "not a salutation: \"%s\"", no[i]);
}

static void test_body_starts(void)
{
    lec_meta_list m = {0};
    const char *marker[] = {"办好群众家门口的图书馆", "一、总体要求"};
    is_int(parse(marker, 2, &m, NULL), 1, "a numbered line ends the head");
    lec_meta_free(&m);

    const char *longline[] = {
        "办好群众家门口的图书馆",
        ("近年来，我县坚持把公共文化服务体系建设摆在突出位置，"
         "以图书馆总分馆制为抓手，推动优质资源向乡村延伸，让农民群众在家门口就能读好书、用好书"),
        "同志们："};
    is_int(parse(longline, 3, &m, NULL), 1, "a line of more than 60 characters ends the head");
    lec_meta_free(&m);

    const char *nohead[] = {"同志们：", "今天我们召开全县文化工作会议。"};
    int tl = 5;
    is_int(parse(nohead, 2, &m, &tl), 0, "a text opening with 同志们： has no head");
    is_int(tl, -1, "no title line");
    is_int(m.count, 0, "no meta");
    lec_meta_free(&m);

    const char *clause[] = {"坚持以人民为中心的发展思想，", "不断满足人民群众的精神文化需求。"};
    is_int(parse(clause, 2, &m, &tl), 0, "a line ending with ， is body, not a title");
    lec_meta_free(&m);

    is_int(parse(NULL, 0, &m, &tl), 0, "no lines, no head");
}

static void test_markdown_and_plain_lines(void)
{
    lec_meta_list m = {0};
    const char *t[] = {"# 青杉市全民阅读促进办法", "2019年3月1日 市政府发布",
                       "2024年6月5日 市政府第一次修订", "第一条 为了促进全民阅读，制定本办法。"};
    int tl;
    is_int(parse(t, COUNT(t), &m, &tl), 3, "short lines before the body stay in the head");
    is_str(lec_meta_get(&m, "title"), "青杉市全民阅读促进办法", "title without \"# \"");
    is_str(lec_meta_get(&m, "date"), NULL, "a dated note is not a date line");
    lec_meta_free(&m);

    /* no end of the head in sight: stop after the last line that said something */
    const char *poem[] = {"山中书屋", "来源：青杉文艺", "青山不语", "溪水长流", "灯下有人",
                          "翻书到夜", "鸡鸣三遍",       "天色微明", "又是一年", "春风又绿"};
    is_int(parse(poem, COUNT(poem), &m, NULL), 2, "a text of short lines is not swallowed");
    lec_meta_free(&m);
    const char *nine[] = {"山中书屋", "青山不语", "溪水长流", "灯下有人", "翻书到夜",
                          "鸡鸣三遍", "天色微明", "又是一年", "春风又绿", "同志们："};
    is_int(parse(nine, COUNT(nine), &m, NULL), 1, "a head never spans more than 8 lines");
    lec_meta_free(&m);
}

static void test_english(void)
{
    lec_meta_list m = {0};
    int tl;
    const char *t[] = {"Governor: Jane M. Whitfield", "Ladies and gentlemen,",
                       "I stand before you today to speak about our libraries."};
    is_int(parse(t, 3, &m, &tl), 1, "English: the head ends at the salutation");
    is_str(lec_meta_get(&m, "speaker"), "Jane M. Whitfield", "English: speaker from Key: Value");
    is_str(lec_meta_get(&m, "author"), "Jane M. Whitfield", "English: author the same");
    is_int(tl, -1, "English: no title line");
    lec_meta_free(&m);

    const char *t2[] = {"A Plan for Rural Libraries", "Mayor: Thomas R. Ellery",
                        "Friends and colleagues:"};
    is_int(parse(t2, 3, &m, &tl), 2, "English: title and role lines");
    is_str(lec_meta_get(&m, "title"), "A Plan for Rural Libraries", "English: title");
    is_str(lec_meta_get(&m, "speaker"), "Thomas R. Ellery", "English: mayor");
    lec_meta_free(&m);

    const char *t3[] = {"Reading: The Road Ahead"};
    parse(t3, 1, &m, NULL);
    is_str(lec_meta_get(&m, "speaker"), NULL, "English: a subtitle is no person");
    is_str(lec_meta_get(&m, "title"), "Reading: The Road Ahead", "English: it is the title");
    lec_meta_free(&m);
}

static void test_existing_meta(void)
{
    lec_meta_list m = {0};
    lec_meta_set(&m, "title", 5, "已有标题", strlen("已有标题"), 0);
    const char *t[] = {"周文涛 让每一座村庄都有书香", "同志们："};
    parse(t, 2, &m, NULL);
    is_int(count_key(&m, "title"), 1, "a key already present is not added again");
    is_str(lec_meta_get(&m, "title"), "已有标题", "and keeps its value");
    is_str(lec_meta_get(&m, "author"), "周文涛", "other keys are added");
    lec_meta_free(&m);
}

int main(void)
{
    test_full_head();
    test_name_title();
    test_fused_title();
    test_pairs();
    test_dates();
    test_occasions();
    test_speakers();
    test_salutations();
    test_body_starts();
    test_markdown_and_plain_lines();
    test_english();
    test_existing_meta();
    return tap_done();
}
