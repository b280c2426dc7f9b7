/*
 * t_caption.c - photo captions and their credits found in running text.
 *
 * Each case is a short paragraph written for these tests; the result shows
 * every caption found, in order, as "[caption]".
 */
#include "../tap.h"
#include "lectern/caption.h"
#include "lectern/util.h"

#include <stdlib.h>

static void check(const char *name, const char *text, const char *want)
{
    lec_buf b = LEC_BUF_INIT;
    lec_caption c;
    size_t n = strlen(text);
    for (size_t from = 0; lec_caption_next(text, n, from, &c); from = c.end)
        lec_buf_printf(&b, "[%.*s]", (int)(c.end - c.start), text + c.start);
    char *got = lec_buf_detach(&b, NULL);
    is_str(got ? got : "", want, "%s", name);
    free(got);
}

static void test_credits(void)
{
    check("a dated caption and an agency credit, fused before a marker",
          "要抓好落实。2025年4月3日，市长在新区看望群众。 本报记者 王小明/摄第二，加强保障。",
          "[2025年4月3日，市长在新区看望群众。 本报记者 王小明/摄]");
    check("the event line and the 这是 line are one caption",
          "书屋越办越好。2025年5月1日至2日，市长在山区考察。这是5月1日上午，市长在书屋了解情况。"
          " 新华社记者 李四/摄要继续努力。",
          "[2025年5月1日至2日，市长在山区考察。这是5月1日上午，市长在书屋了解情况。 新华社记者 李四/摄]");
    check("a dated sentence two sentences before the credit",
          "大家辛苦了。2024年6月8日，颁奖仪式在礼堂举行。市长向获奖者颁发证书。 新华社记者 赵六/摄下面讲三点。",
          "[2024年6月8日，颁奖仪式在礼堂举行。市长向获奖者颁发证书。 新华社记者 赵六/摄]");
    check("a caption with no full stop before its credit; 新华社发 and a name",
          "效果很好。这是2025年7月2日拍摄的新书屋 新华社发 孙七/摄要总结经验。",
          "[这是2025年7月2日拍摄的新书屋 新华社发 孙七/摄]");
    check("a credit in brackets",
          "孩子们在书屋里读书。（新华社记者 周八 摄）大家都很高兴。",
          "[（新华社记者 周八 摄）]");
    check("a name, a blank and 摄",
          "今年又建了十个。图为村民在书屋读书。 吴九 摄下面讲第二点。",
          "[图为村民在书屋读书。 吴九 摄]");
    check("新华社发 alone", "活动很成功。图为新建的书屋。（新华社发）下面谈谈打算。",
          "[图为新建的书屋。（新华社发）]");
    check("agency and name with no blanks", "会议结束。2025年3月1日，市长出席开幕式。新华社记者张三摄今年的任务很重。",
          "[2025年3月1日，市长出席开幕式。新华社记者张三摄]");
    check("two captions in one paragraph",
          "开头。2025年1月2日，市长看望老人。 本报记者 甲乙/摄中间。这是新馆。 丙丁 摄结尾。",
          "[2025年1月2日，市长看望老人。 本报记者 甲乙/摄][这是新馆。 丙丁 摄]");
}

static void test_not_credits(void)
{
    check("拍摄, 摄氏度, 摄影 and a name fused to 摄 are text",
          "我们拍摄了一部片子。气温零下5摄氏度。他的摄影作品获奖。这张照片由王强摄于去年。", "");
    check("a speech sentence before a credit stays out of the caption",
          "要抓好落实。 新华社记者 郑十/摄第三，强化考核。", "[新华社记者 郑十/摄]");
    check("a sentence that opens with a marker stays out even when it tells of a visit",
          "第四，到基层考察调研。 新华社记者 钱一/摄第五，改进作风。", "[新华社记者 钱一/摄]");
    check("a date without its day opens no caption",
          "2018年1月，我讲过这个问题。 新华社记者 孙二/摄", "[新华社记者 孙二/摄]");
}

int main(void)
{
    test_credits();
    test_not_credits();
    return tap_done();
}
