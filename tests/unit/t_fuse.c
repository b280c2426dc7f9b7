/*
 * t_fuse.c - unit tests for lectern/fuse.h: where a heading ends when the
 * line break after it was lost.  Every sentence here was written for the
 * tests, in the style of the speeches lectern reads.
 */
#include "lectern/fuse.h"
#include "lectern/utf8.h"

#include "../tap.h"

#include <stdlib.h>
#include <string.h>

#define MAXN 8

static size_t cut_[MAXN];
static int how_[MAXN];
static char head_[MAXN][512];

/* Splits n siblings; head_[i] receives heading i, how_[i] its kind.  Each
 * text is copied into a buffer of its exact length, so that reading past
 * len shows under valgrind and ASan. */
static void split(const char *const *texts, size_t n)
{
    lec_fused h[MAXN];
    char *copy[MAXN];

    memset(h, 0, sizeof h);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(texts[i]);
        copy[i] = malloc(len ? len : 1);
        memcpy(copy[i], texts[i], len);
        h[i].s = copy[i];
        h[i].len = len;
    }
    lec_fuse_split(h, n, cut_, how_);
    for (size_t i = 0; i < n; i++) {
        size_t c = cut_[i] < sizeof head_[i] ? cut_[i] : sizeof head_[i] - 1;
        memcpy(head_[i], copy[i], c);
        head_[i][c] = '\0';
        free(copy[i]);
    }
}

static void split1(const char *text)
{
    split(&text, 1);
}

static void test_whole_and_runin(void)
{
    split1("加强基层文化队伍建设");
    is_str(head_[0], "加强基层文化队伍建设", "short heading is whole");
    is_int(how_[0], LEC_CUT_WHOLE, "... and says so");

    split1("加强基层文化队伍建设。");
    is_int(how_[0], LEC_CUT_WHOLE, "a sentence end as the last character keeps it whole");

    split1("着力扩大国内需求。各地要多措并举提振居民消费信心，稳住汽车家电等大宗消费。");
    is_str(head_[0], "着力扩大国内需求。", "run-in heading keeps its full stop");
    is_int(how_[0], LEC_CUT_RUNIN, "... and is run-in");

    split1("抓好春耕备耕!各地要提早谋划农资调运，确保不误农时。");
    is_str(head_[0], "抓好春耕备耕!", "an ASCII exclamation mark ends a run-in heading");

    split1("开展“书香家庭”评选。”全县共评出一百户，每户赠书二十册。");
    is_str(head_[0], "开展“书香家庭”评选。”", "closing quote after the full stop stays with it");
}

static void test_lexical(void)
{
    split1("健全基层文化惠民服务体系2019年以来，全县新建文化广场二十余处，"
           "乡镇综合文化站实现全覆盖。");
    is_str(head_[0], "健全基层文化惠民服务体系", "heading word then a year");
    is_int(how_[0], LEC_CUT_SURE, "... is sure");

    split1("创新监管方式，持续提升税务部门依法行政水平税务部门是国家重要的经济管理部门，"
           "承担着组织收入的重要职责。");
    is_str(head_[0], "创新监管方式，持续提升税务部门依法行政水平", "repeated subject");
    is_int(how_[0], LEC_CUT_SURE, "... with a heading word is sure");

    split1("推动文化惠民，用好乡镇综合文化站乡镇综合文化站地处群众身边，"
           "开展活动最方便也最见效。");
    is_str(head_[0], "推动文化惠民，用好乡镇综合文化站乡镇综合文化站地处群众身边，开展活动最方便也最见效。",
           "a repeated subject alone is a guess, never taken: the first sentence stays whole");
    is_int(how_[0], LEC_CUT_UNSURE, "... is one kind of cue: unsure");

    split1("深化文明实践，健全志愿服务长效机制我们坚持把志愿服务作为新时代文明实践的主要载体，"
           "持续壮大队伍。");
    is_str(head_[0], "深化文明实践，健全志愿服务长效机制", "body starts with 我们");
    is_int(how_[0], LEC_CUT_SURE, "... is sure");

    split1("落实主体责任,不断完善基层党组织工作机制各级党组织要把抓基层打基础作为长远之计,"
           "切实担起责任。");
    is_str(head_[0], "落实主体责任,不断完善基层党组织工作机制", "half-width comma in the heading");
    is_int(how_[0], LEC_CUT_SURE, "... is sure");

    split1("加强基层文化阵地建设让文化惠民工程真正惠及千家万户，让群众在家门口享受"
           "更多更好的文化服务。");
    is_str(head_[0], "加强基层文化阵地建设让文化惠民工程真正惠及千家万户，让群众在家门口享受更多更好的文化服务。",
           "only a heading word: the first sentence stays whole");
    is_int(how_[0], LEC_CUT_UNSURE, "... is unsure");

    split1("深化“清廉机关建设”行动我们从制度入手，把廉政要求融入每一项日常工作之中，"
           "形成了长效机制。");
    is_str(head_[0], "深化“清廉机关建设”行动", "no cut inside quotes");
    is_int(how_[0], LEC_CUT_SURE, "... and 我们 with a verb opens the body for sure");

    split1("春风化雨润物无声山川草木欣欣向荣田野村庄处处生机盎然溪水潺潺鸟语花香"
           "孩子奔跑嬉戏。又是一年好时节。");
    is_str(head_[0],
           "春风化雨润物无声山川草木欣欣向荣田野村庄处处生机盎然溪水潺潺鸟语花香孩子奔跑嬉戏。",
           "nothing scores: cut at the first sentence end");
    is_int(how_[0], LEC_CUT_UNSURE, "... unsure");
}

/* Alone, each of these stops at the heading word 环境 inside the shared
 * run 美丽乡村环境整治 (a tie, which goes to the earlier cut); only the
 * siblings together, each ending four characters after the run, find the
 * right cuts. */
/* What the body of a speech opens with, when the heading before it ends
 * on no tell-tale word. */
static void test_openers(void)
{
    split1("弘扬奋斗精神改革开放以来，一大批奋斗者在城乡各行各业脱颖而出，在急难险重任务面前挺身而出，成为发展的中坚力量。"
           "各地各部门都要结合实际抓好落实，确保取得实效。");
    is_str(head_[0], "弘扬奋斗精神", "a time clause ending in 以来，");
    is_int(how_[0], LEC_CUT_SURE, "... is sure");

    split1("办好自己的事我在上个月的全市工作会议上讲过，面向未来，各单位都要把人力物力财力集中到主业上来。"
           "各地各部门都要结合实际抓好落实，确保取得实效。");
    is_str(head_[0], "办好自己的事", "the speaker opening the body: 我在…讲过");
    is_int(how_[0], LEC_CUT_SURE, "... is sure");

    split1("用好地方志成果在漫长的岁月中，这片土地上的人们辛勤劳作、繁衍生息，孕育了独具特色、丰富多彩的地域文化。"
           "各地各部门都要结合实际抓好落实，确保取得实效。");
    is_str(head_[0], "用好地方志成果", "在…中， opening the body");
    is_int(how_[0], LEC_CUT_SURE, "... with a heading word is sure");

    split1("认识书屋建设的重要意义书屋建设是一项惠及城乡千家万户、关系群众精神文化生活的基础工程和民心工程。"
           "各地各部门都要结合实际抓好落实，确保取得实效。");
    is_str(head_[0], "认识书屋建设的重要意义", "a word made of a heading's term as the subject (书屋建设…是)");
    is_int(how_[0], LEC_CUT_SURE, "... with a heading word is sure");

    split1("加强和改进党对全市全民阅读推广工作和书香城市建设工作的全面领导路遥知马力，日久见人心。做好这项工作要有长远眼光。"
           "各地各部门都要结合实际抓好落实，确保取得实效。");
    is_str(head_[0], "加强和改进党对全市全民阅读推广工作和书香城市建设工作的全面领导",
           "a quoted couplet opening the body");

    split1("坚持把书屋办在群众身边当前，各地书屋数量不断增加，服务水平不断提高，群众满意度逐年上升。"
           "各地各部门都要结合实际抓好落实，确保取得实效。");
    is_str(head_[0], "坚持把书屋办在群众身边", "a time word set off by a comma (当前，) opens the body");
    is_int(how_[0], LEC_CUT_SURE, "... is sure");

    split1("加强党对阅读工作的领导书山有路勤为径，学海无涯苦作舟，读书从来没有捷径可走。"
           "各地各部门都要结合实际抓好落实，确保取得实效。");
    is_str(head_[0], "加强党对阅读工作的领导", "a couplet a sentence goes on after, with a heading word");

    split1("加强我国书屋建设认真研究，抓好落实。各地都要行动起来。"
           "各地各部门都要结合实际抓好落实，确保取得实效。");
    is_str(head_[0], "加强我国书屋建设认真研究，抓好落实。",
           "four and four characters is no couplet; 我国 is no speaker: no cut");

    split1("提高全民阅读水平我国阅读人口逐年增加，阅读设施不断完善，但人均阅读量仍然不高，城乡之间差距仍然较大。"
           "各地各部门都要结合实际抓好落实，确保取得实效。");
    is_int(how_[0], LEC_CUT_UNSURE, "我国 opening is no speaker: unsure");
}

/* A full stop inside quotes ends no sentence of the text. */
static void test_quotes(void)
{
    split1("推进书香社会建设群众常说，“读书好。多读书。读好书。”这几年各地积极探索，"
           "书屋越来越多，读书的人也越来越多。各地要总结经验。");
    is_str(head_[0],
           "推进书香社会建设群众常说，“读书好。多读书。读好书。”这几年各地积极探索，"
           "书屋越来越多，读书的人也越来越多。",
           "unsure: the first sentence runs past the quote's full stops");
    is_int(how_[0], LEC_CUT_UNSURE, "... unsure");

    split1("推进书香社会建设我常说，“读书好。多读书。读好书。”这几年各地积极探索，"
           "书屋越来越多，读书的人也越来越多。各地要总结经验。");
    is_str(head_[0], "推进书香社会建设", "the speaker's 我常说 before the quote: a sure cut");
    is_int(how_[0], LEC_CUT_SURE, "... sure");

    split1("学习“两弹一星”精神“热爱祖国、无私奉献，自力更生、艰苦奋斗，大力协同、勇于登攀。”"
           "这是老一辈科技工作者留下的宝贵财富，我们要代代相传。");
    is_str(head_[0], "学习“两弹一星”精神", "a quote opening the body is not split");
}

static void test_parallel(void)
{
    static const char *const sib[] = {
        ("强化组织保障，扎实开展美丽乡村环境整治长效机制村里的垃圾过去随风飘，"
         "如今有人收、有车运、有地方处理。"),
        ("压实各方责任，稳步推进美丽乡村环境整治示范建设全县各乡镇结合实际，"
         "因地制宜打造了一批示范村。"),
        ("坚持群众主体，不断完善美丽乡村环境整治评价体系村民代表全程参与评比打分，"
         "结果张榜公布。"),
    };
    static const char *const want[] = {
        "强化组织保障，扎实开展美丽乡村环境整治长效机制",
        "压实各方责任，稳步推进美丽乡村环境整治示范建设",
        "坚持群众主体，不断完善美丽乡村环境整治评价体系",
    };

    for (size_t i = 0; i < 3; i++) {
        split1(sib[i]);
        ok(strcmp(head_[0], want[i]) != 0 && how_[0] == LEC_CUT_UNSURE,
           "sibling %zu alone misses its cut", i + 1);
    }
    split(sib, 3);
    for (size_t i = 0; i < 3; i++) {
        is_str(head_[i], want[i], "sibling %zu: cut found by the shared run", i + 1);
        is_int(how_[i], LEC_CUT_SURE, "sibling %zu: sure", i + 1);
    }

    /* Siblings ending with the same heading word; the third looks run-in
     * but among fused siblings its first sentence is body. */
    static const char *const topics[] = {
        ("关于上半年安全生产工作今年以来，全市上下认真落实安全生产责任制，"
         "事故起数和死亡人数实现双下降。"),
        ("关于下半年重点工作下半年是完成全年目标任务的关键时期，各地各部门务必绷紧"
         "安全生产这根弦，不能有丝毫松懈。"),
        ("关于加强对安全生产工作的领导安全生产责任重于泰山。各级党委政府要把安全生产"
         "摆在重要位置。"),
    };
    split(topics, 3);
    is_str(head_[0], "关于上半年安全生产工作", "topic 1");
    is_str(head_[1], "关于下半年重点工作", "topic 2");
    is_str(head_[2], "关于加强对安全生产工作的领导", "topic 3 is fused like its siblings");
    is_int(how_[2], LEC_CUT_SURE, "topic 3 is sure (heading word, repeated subject)");
    split1(topics[2]);
    is_int(how_[0], LEC_CUT_RUNIN, "alone, topic 3 is run-in");

    /* Standalone siblings end five characters after the run they share
     * with the fused one (社区阅读); that does not pull it to their shape. */
    static const char *const mixed[] = {
        ("优化空间布局，打造社区阅读服务体系社区阅读是城市文化建设的重要内容，"
         "目前全区共有阅读点一百二十个。"),
        "丰富活动形式，扩大社区阅读品牌影响力",
        "加强队伍建设，壮大社区阅读志愿者队伍",
    };
    split(mixed, 3);
    is_str(head_[0], "优化空间布局，打造社区阅读服务体系", "fused among standalone siblings");
    is_int(how_[0], LEC_CUT_SURE, "... sure (heading word, repeated subject)");
    is_int(how_[1], LEC_CUT_WHOLE, "standalone sibling stays whole");
}

static void test_long(void)
{
    char buf[4096];
    size_t n;

    strcpy(buf, "健全基层文化惠民服务体系近年来");
    while ((n = strlen(buf)) < 3000)
        strcat(buf, "全县文化事业蓬勃发展");
    strcat(buf, "。");
    split1(buf);
    is_str(head_[0], "健全基层文化惠民服务体系", "long paragraph: cut found in the window");

    /* 340 different characters: no cue at all */
    n = 0;
    for (int i = 0; i < 340; i++)
        n += (size_t)lec_utf8_encode(0x6C34 + i, buf + n);
    buf[n] = '\0';
    split1(buf);
    is_int(cut_[0], strlen(buf), "no cue, no sentence end: all of it");
    is_int(how_[0], LEC_CUT_UNSURE, "... unsure");
}

/* Random text from pieces that matter here (cue words, punctuation of
 * both widths, digits, invalid bytes): every cut lies in (0, len] on a
 * character boundary. */
static void test_random(void)
{
    static const char *const piece[] = {
        "体系", "工作", "我们", "海关", "是", "的",   "，",   ",",    "。",   ".",
        "2005", "年",   "“",    "”",    "（", "关于", "在",   "同时", " ",    "\xe4\xbd",
        "\xff", "\x80", "a",    "1",    "；", "要",   "建设", "农家", "书屋", "　"};
    unsigned seed = 12345;
    int bad_range = 0, bad_boundary = 0, bad_how = 0;

    for (int iter = 0; iter < 3000; iter++) {
        char text[MAXN][400];
        const char *ptr[MAXN];
        size_t n;

        seed = seed * 1103515245u + 12345u;
        n = 1 + (seed >> 16) % 5;
        for (size_t i = 0; i < n; i++) {
            size_t len = 0;
            seed = seed * 1103515245u + 12345u;
            int count = 1 + (int)((seed >> 16) % 120);
            text[i][0] = '\0';
            for (int k = 0; k < count; k++) {
                seed = seed * 1103515245u + 12345u;
                const char *p = piece[(seed >> 16) % (sizeof piece / sizeof piece[0])];
                if (len + strlen(p) >= sizeof text[i]) break;
                strcpy(text[i] + len, p);
                len += strlen(p);
            }
            if (len == 0) strcpy(text[i], "x");
            ptr[i] = text[i];
        }
        split(ptr, n);
        for (size_t i = 0; i < n; i++) {
            size_t len = strlen(ptr[i]), o = 0;
            int32_t cp;
            if (cut_[i] == 0 || cut_[i] > len) bad_range++;
            while (o < cut_[i])
                o += (size_t)lec_utf8_decode(ptr[i] + o, len - o, &cp);
            if (o != cut_[i]) bad_boundary++;
            if (how_[i] < LEC_CUT_WHOLE || how_[i] > LEC_CUT_UNSURE) bad_how++;
        }
    }
    is_int(bad_range, 0, "random: cut within (0, len]");
    is_int(bad_boundary, 0, "random: cut on a character boundary");
    is_int(bad_how, 0, "random: how is a LEC_CUT_* value");
}

int main(void)
{
    test_whole_and_runin();
    test_lexical();
    test_openers();
    test_quotes();
    test_parallel();
    test_long();
    test_random();
    return tap_done();
}
