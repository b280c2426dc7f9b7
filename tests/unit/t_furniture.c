/*
 * t_furniture.c - metadata from a record's dateline, newspaper footer, ※
 * note and a title run into its byline.  The records are short texts
 * written for these tests.
 */
#include "../tap.h"
#include "lectern/furniture.h"
#include "lectern/util.h"

#include <stdlib.h>

/* "key=value;" per entry, in the order they were added. */
static void check(const char *name, const char *text, size_t first, const char *want)
{
    lec_meta_list m = {NULL, 0, 0};
    lec_furniture_read(text, strlen(text), first ? first : strlen(text), &m);
    lec_buf b = LEC_BUF_INIT;
    for (size_t i = 0; i < m.count; i++) lec_buf_printf(&b, "%s=%s;", m.items[i].key, m.items[i].value);
    char *got = lec_buf_detach(&b, NULL);
    is_str(got ? got : "", want, "%s", name);
    free(got);
    lec_meta_free(&m);
}

static void test_pieces(void)
{
    check("a newspaper footer: the paper and its date",
          "今天的会开得很好。大家回去抓好落实。《 岚江日报 》（ 2025年04月06日 03 版）",
          0, "source=岚江日报;date=2025-04-06;");
    check("a dateline in brackets at the end: the place, and the date with the footer's year",
          "今天的会开得很好。（新华社岚江4月5日电）《 岚江日报 》（ 2025年04月06日 03 版）", 0,
          "source=岚江日报;place=岚江;date=2025-04-05;");
    check("a dateline at the start, with no year anywhere: the date as written",
          "新华社岚江4月5日电 全市阅读推广会今天召开。会议要求抓好落实。", 0,
          "place=岚江;date=4月5日;");
    check("a ※ note: speaker, date and occasion",
          "书屋要建好用好。各地要抓好落实。※这是张明远同志2025年3月18日在全市阅读推广会上的讲话。",
          0, "speaker=张明远;author=张明远;occasion=全市阅读推广会;date=2025-03-18;");
    check("a note with 时的讲话 and a role word",
          "要持之以恒。※这是张明远主席2024年11月2日在市政府第五次常务会议时的讲话。", 0,
          "speaker=张明远;author=张明远;occasion=市政府第五次常务会议;date=2024-11-02;");
}

static void test_titles(void)
{
    const char *a = "把书香送到百姓家门口 让阅读成为生活方式※张明远今年以来，全市新建书屋一百个。"
                    "※这是张明远同志2025年3月18日在全市阅读推广会上的讲话。";
    check("a title run into ※ and the byline", a, strlen("把书香送到百姓家门口 让阅读成为生活方式※张明远今年以来，全市新建书屋一百个。"),
          "speaker=张明远;author=张明远;occasion=全市阅读推广会;date=2025-03-18;"
          "title=把书香送到百姓家门口 让阅读成为生活方式;");
    const char *b = "把书香送到百姓家门口张明远去年，我在这里讲过阅读的事。"
                    "※这是张明远同志2025年3月18日在全市阅读推广会上的讲话。";
    check("a title run into the byline: the name the note gives ends it", b,
          strlen("把书香送到百姓家门口张明远去年，我在这里讲过阅读的事。"),
          "speaker=张明远;author=张明远;occasion=全市阅读推广会;date=2025-03-18;"
          "title=把书香送到百姓家门口;");
    check("a body sentence before the name is no title",
          "今天，张明远同志讲了阅读的事。※这是张明远同志2025年3月18日在全市阅读推广会上的讲话。",
          0, "speaker=张明远;author=张明远;occasion=全市阅读推广会;date=2025-03-18;");
}

static void test_not_furniture(void)
{
    check("a book title in the text is no footer", "他推荐了《 岚江志 》（ 2019年版）这本书。", 0, "");
    check("a dateline needs 电 after its date", "新华社记者岚江报道4月5日的消息。", 0, "");
    check("a ※ line that names nobody gives nothing", "正文。※本文有删节。", 0, "");
}

int main(void)
{
    test_pieces();
    test_titles();
    test_not_furniture();
    return tap_done();
}
