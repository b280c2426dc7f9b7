/*
 * t_wrap.c - unit tests for lectern/wrap.h.
 *
 * Besides hand-checked cases, a checker walks the rows of several mixed
 * Chinese/English texts at every width from 2 to 60 and verifies what a
 * reader would notice: rows too wide, split characters, lost text,
 * punctuation at the wrong row edge, split words, split —— and …….
 */
#include "lectern/utf8.h"
#include "lectern/wrap.h"

#include "../tap.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Test texts, written for these tests. */
static const char *const texts[] = {
    "　　各位代表：过去一年，我们面对复杂多变的外部环境，坚持稳中求进工作总基调，国内生产"
    "总值增长5.2%，城镇新增就业1244万人。我们深刻体会到：只有坚持改革开放，才能赢得发展主动"
    "——这是最重要的经验。",

    "他在《关于加强基础研究的若干意见》中指出：“科技创新要面向世界前沿、面向经济主战场。”"
    "随后又补充说（见附件一）：“要把‘卡脖子’问题解决好……”会议还讨论了【重点任务】和〔2024〕"
    "12号文件，大家一致认为「先易后难」『稳步推进』。",

    "据统计，2023年全年CPI上涨0.2%，PPI下降3.0%；R&D经费投入强度达到2.64%。多家公司发布了"
    "新的模型，参见https://example.org/r_2024.pdf的说明。气温最高达到38℃，湿度约为75‰，"
    "风力3-4级。",

    "一、坚持人民至上——这是我们的根本立场……二、坚持自信自立⸺不照搬别人的模式。马克·吐温"
    "说过：“真理还在穿鞋，谎言已经跑遍半个世界。”我们要继续前进……前进——再前进！",

    "Wrapping English text must never split a word: internationalization, responsibilities, "
    "and well-known phrases like state-of-the-art (or \"best practice\") stay whole when the "
    "row is wide enough.  Two spaces  after a stop are dropped at a break.",

    "他问：“真的吗？！”她答：“是的。”（笑）大家都说：“好！”然后——“走吧”……"
    "第一行\n第二行很长很长很长很长很长很长很长很长，还有标点。\n\n　　新段落，有缩进。",

    "点赞👍👍，全家福👨‍👩‍👧，国旗🇨🇳🇨🇳。Cafe\xCC\x81 au lait, "
    "nai\xCC\x88ve "
    "re\xCC\x81sume\xCC\x81."
    "中文里夹着e\xCC\x81和a\xCC\x8A这样的组合字符，也不能拆开。",
};
#define NTEXTS (sizeof texts / sizeof texts[0])

/* First code point of s[0..n), 0 when empty. */
static int32_t first_cp(const char *s, size_t n)
{
    int32_t cp = 0;
    if (n) lec_utf8_decode(s, n, &cp);
    return cp;
}

/* First code point of the last cluster in s[0..n). */
static int32_t last_cluster_cp(const char *s, size_t n, int ambi)
{
    size_t i = 0, last = 0;
    while (i < n) {
        last = i;
        i += lec_grapheme(s + i, n - i, ambi, NULL);
    }
    return first_cp(s + last, n - last);
}

static int is_ascii_word(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Width of the longest run of clusters that start with an ASCII letter,
 * digit or word punctuation ("résumé.", "5.2%"): below it, words must be
 * cut. */
static int longest_word(const char *t, size_t n)
{
    int best = 0, cur = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)t[i];
        if (is_ascii_word(c) || (c && strchr(".,%'-/:_&", c)))
            cur++;
        else
            cur = 0;
        if (cur > best) best = cur;
        i += lec_grapheme(t + i, n - i, 1, NULL);
    }
    return best;
}

enum {
    CHECK_KINSOKU = 1, /* no forbidden mark at a row edge */
    CHECK_UNITS = 2,   /* words, —— and …… whole when they fit a row */
};

/* Wraps t at first/rest and reports every broken promise on stdout as a
 * TAP comment; returns the number found.  Rows must always fit, cover the
 * text and keep clusters whole; `checks` adds the rules that cannot
 * always be met at tiny widths. */
static int check_wrap(const char *t, int first, int rest, int ambi, int flags, int checks)
{
    int kinsoku = checks & CHECK_KINSOKU, units = checks & CHECK_UNITS;
    size_t n = strlen(t), nrows, prev_end = 0;
    lec_wrap_line *rows = NULL;
    char *boundary = calloc(n + 1, 1);
    int problems = 0, words = first >= longest_word(t, n) && rest >= longest_word(t, n);

    /* Cluster boundaries of the whole text. */
    for (size_t i = 0; i < n;) {
        boundary[i] = 1;
        i += lec_grapheme(t + i, n - i, ambi, NULL);
    }
    boundary[n] = 1;

    nrows = lec_wrap(t, n, first, rest, ambi, flags, &rows);
#define PROBLEM(...)                                                                               \
    do {                                                                                           \
        if (problems++ < 5) {                                                                      \
            printf("#   [w=%d/%d row %zu] ", first, rest, r);                                      \
            printf(__VA_ARGS__);                                                                   \
            printf(": |%.*s|\n", (int)(rows[r].end - rows[r].start), t + rows[r].start);           \
        }                                                                                          \
    } while (0)
    for (size_t r = 0; r < nrows; r++) {
        const char *row = t + rows[r].start;
        size_t len = rows[r].end - rows[r].start;
        int limit = r == 0 ? first : rest;
        int hard_before = 0; /* the row starts after a '\n' (or the text start) */

        if (rows[r].start < prev_end || rows[r].end < rows[r].start || rows[r].end > n) {
            PROBLEM("rows out of order");
            break;
        }
        /* What lies between rows: dropped spaces, or spaces and a newline. */
        for (size_t i = prev_end; i < rows[r].start; i++) {
            if (t[i] == '\n')
                hard_before = 1;
            else if (t[i] != ' ' && t[i] != '\r')
                PROBLEM("text lost between rows");
            else if ((flags & LEC_WRAP_HARD) && t[i] == ' ')
                PROBLEM("hard wrap dropped a space");
        }
        if (r == 0) hard_before = 1;
        if (r > 0 && !hard_before && rows[r].start == prev_end && rows[r - 1].end != prev_end)
            PROBLEM("gap accounting");
        if (!boundary[rows[r].start] || !boundary[rows[r].end]) PROBLEM("cluster split");
        if (memchr(row, '\n', len)) PROBLEM("newline inside a row");
        if ((size_t)rows[r].width != lec_str_width(row, len, ambi)) PROBLEM("width field wrong");
        if (rows[r].width > limit && lec_grapheme(row, len, ambi, NULL) != len)
            PROBLEM("row wider than %d", limit);
        if (r > 0 && !hard_before && !(flags & LEC_WRAP_HARD)) {
            const lec_wrap_line *p = &rows[r - 1];
            int32_t end_cp = last_cluster_cp(t + p->start, p->end - p->start, ambi);
            int32_t start_cp = first_cp(row, len);
            int spaces = rows[r].start > p->end;

            if (len && row[0] == ' ') PROBLEM("row starts with a space after a break");
            if (p->end > p->start && t[p->end - 1] == ' ') PROBLEM("previous row ends in a space");
            if (kinsoku && lec_wrap_no_start(start_cp)) PROBLEM("row starts with U+%04X", start_cp);
            if (kinsoku && lec_wrap_no_end(end_cp))
                PROBLEM("previous row ends with U+%04X", end_cp);
            if (units && !spaces && end_cp == start_cp && (end_cp == 0x2014 || end_cp == 0x2026) &&
                rest >= 2 * lec_cp_width(end_cp, ambi))
                PROBLEM("dash or ellipsis pair split");
            if (units && words && !spaces && is_ascii_word((unsigned char)t[p->end - 1]) &&
                is_ascii_word((unsigned char)row[0]))
                PROBLEM("word split");
        }
        prev_end = rows[r].end;
    }
    /* After the last row only dropped spaces or a final newline remain. */
    for (size_t i = prev_end; i < n; i++)
        if (t[i] != ' ' && t[i] != '\n') {
            size_t r = nrows - 1;
            PROBLEM("text lost at the end");
            break;
        }
#undef PROBLEM
    free(rows);
    free(boundary);
    return problems;
}

/* Rows of t as "a|b|c" for compact comparisons. */
static char *rows_str(const char *t, int first, int rest, int ambi, int flags)
{
    static char buf[4096];
    lec_wrap_line *rows;
    size_t nrows = lec_wrap(t, strlen(t), first, rest, ambi, flags, &rows), k = 0;

    for (size_t r = 0; r < nrows; r++) {
        size_t len = rows[r].end - rows[r].start;
        if (r) buf[k++] = '|';
        memcpy(buf + k, t + rows[r].start, len);
        k += len;
    }
    buf[k] = '\0';
    free(rows);
    return buf;
}

static void test_checker(void)
{
    for (size_t i = 0; i < NTEXTS; i++) {
        int bad = 0, bad_k = 0, bad_a2 = 0, bad_hard = 0;
        for (int w = 2; w <= 60; w++) {
            bad += check_wrap(texts[i], w, w, 1, 0, CHECK_UNITS);
            bad += check_wrap(texts[i], w + 6, w, 1, 0, CHECK_UNITS);
            bad += check_wrap(texts[i], w, w + 6, 1, 0, CHECK_UNITS);
            bad_a2 += check_wrap(texts[i], w, w, 2, 0, CHECK_UNITS | (w >= 8 ? CHECK_KINSOKU : 0));
            bad_hard += check_wrap(texts[i], w, w, 1, LEC_WRAP_HARD, 0);
            bad_hard += check_wrap(texts[i], w, w, 2, LEC_WRAP_HARD, 0);
        }
        /* From 8 cells on, the rules can always be met in these texts: the
         * longest thing that must move with its marks (〔2024〕, 吗？！”,
         * 2.64%。) is 8 cells, and no text has four marks in a row. */
        for (int w = 8; w <= 60; w++)
            bad_k += check_wrap(texts[i], w, w, 1, 0, CHECK_KINSOKU) +
                     check_wrap(texts[i], w + 3, w, 1, 0, CHECK_KINSOKU);
        is_int(bad, 0, "text %zu: rows fit, nothing lost or split, widths 2..60", i + 1);
        is_int(bad_k, 0, "text %zu: no row starts with ，。）” or ends with （“, widths 8..60",
               i + 1);
        is_int(bad_a2, 0, "text %zu: the same with ambi=2", i + 1);
        is_int(bad_hard, 0, "text %zu: LEC_WRAP_HARD rows fit and keep every space", i + 1);
    }
}

/* Random mixtures of awkward pieces, invalid bytes included: the rows
 * must still fit and cover the text at every small width.  (Words and
 * pairs may be cut here: a no-break space glues them into runs longer
 * than these rows.) */
static void test_mixtures(void)
{
    static const char *const pieces[] = {
        "中",       "，",  "。", "“",  "”",  "（",       "）",          "a",         "bc",
        " ",        "   ", "\n", "——", "……", "5.2%",     "👍",           "e\xCC\x81", "\xFF",
        "\xE4\xB8", "、",  "《", "》", "　", "\xC2\xA0", "\xE2\x80\x8B"};
    unsigned seed = 12345;
    int bad = 0, bad_hard = 0;

    for (int round = 0; round < 300; round++) {
        char t[512];
        size_t n = 0;
        int count = (int)(seed % 40);

        for (int i = 0; i < count; i++) {
            const char *p;
            seed = seed * 1103515245u + 12345u;
            p = pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])];
            memcpy(t + n, p, strlen(p));
            n += strlen(p);
        }
        t[n] = '\0';
        for (int w = 1; w <= 12; w++) {
            bad += check_wrap(t, w, w, 1, 0, 0) + check_wrap(t, w, w, 2, 0, 0);
            bad_hard += check_wrap(t, w, w + 1, 1, LEC_WRAP_HARD, 0);
        }
    }
    is_int(bad, 0, "random mixtures: rows fit and cover the text");
    is_int(bad_hard, 0, "random mixtures: the same in hard mode");
}

static void test_cases(void)
{
    lec_wrap_line *rows = NULL;
    size_t n;

    /* Empty text, newlines. */
    n = lec_wrap("", 0, 10, 10, 1, 0, &rows);
    ok(n == 1 && rows[0].start == 0 && rows[0].end == 0 && rows[0].width == 0,
       "empty text gives one empty row");
    free(rows);
    n = lec_wrap(NULL, 0, 10, 10, 1, 0, &rows);
    is_int(n, 1, "NULL text gives one empty row");
    free(rows);
    is_str(rows_str("一二\n三四", 40, 40, 1, 0), "一二|三四", "'\\n' forces a row");
    is_str(rows_str("a\n\nb", 40, 40, 1, 0), "a||b", "a blank line is an empty row");
    is_str(rows_str("abc\n", 40, 40, 1, 0), "abc", "a final '\\n' opens no row");
    is_str(rows_str("\n", 40, 40, 1, 0), "", "a lone '\\n' is one empty row");
    is_str(rows_str("ab\r\ncd", 40, 40, 1, 0), "ab|cd", "CR LF ends a row too");
    is_str(rows_str("a b  \nc", 3, 3, 1, 0), "a b|c", "spaces before '\\n' vanish at a break");

    /* Wide characters at the edge. */
    is_str(rows_str("中中中", 5, 5, 1, 0), "中中|中", "width 5: 中中中 gives rows of two");
    is_str(rows_str("中中中", 3, 3, 1, 0), "中|中|中", "width 3: one 中 per row");
    is_str(rows_str("中a", 1, 1, 1, 0), "中|a", "a wide char alone on a 1-cell row");
    is_str(rows_str("中a", 0, -4, 1, 0), "中|a", "widths below 1 are taken as 1");
    n = lec_wrap("中a", strlen("中a"), 1, 1, 1, 0, &rows);
    is_int(rows[0].width, 2, "the lone wide char reports its real width");
    free(rows);

    /* Kinsoku. */
    is_str(rows_str("中中中，中中", 6, 6, 1, 0), "中中|中，中|中", "， pulls 中 to the next row");
    is_str(rows_str("中中“中中”", 6, 6, 1, 0), "中中|“中中”", "“ is not left at a row end");
    is_str(rows_str("中中中。”中", 6, 6, 1, 0), "中中|中。”|中",
           "。” pulls the character before them");
    is_str(rows_str("中中（中）", 6, 6, 1, 0), "中中|（中）", "（ moves down with its text");
    is_str(rows_str("中，中，中，", 2, 2, 1, 0), "中|，|中|，|中|，",
           "at width 2 the rules give way");
    is_str(rows_str("一二三。」』）四", 8, 8, 1, 0), "一二|三。」』|）四",
           "four marks in a row: the rules give way after three");

    /* Words, numbers and Latin text. */
    is_str(rows_str("GDP增长5.2%，就业稳定", 12, 12, 1, 0), "GDP增长|5.2%，就业稳|定",
           "5.2%% stays together and ， stays with it");
    is_str(rows_str("The quick brown fox", 10, 10, 1, 0), "The quick|brown fox",
           "English breaks at spaces, spaces dropped");
    is_str(rows_str("abcdefghijklmnop", 6, 6, 1, 0), "abcdef|ghijkl|mnop",
           "a word longer than the row is cut");
    is_str(rows_str("abcdef, gh", 6, 6, 1, 0), "abcde|f, gh",
           "a cut word does not leave its comma to lead a row");
    is_str(rows_str("中中中中中中", 4, 8, 1, 0), "中中|中中中中", "first and rest widths");
    is_str(rows_str("中文English中文", 9, 9, 1, 0), "中文|English中|文",
           "Latin and Han break against each other");
    is_str(rows_str("气温38℃左右", 6, 6, 2, 0), "气温|38℃左|右", "38℃ stays together with ambi=2");
    is_str(rows_str("  ab cd", 5, 5, 1, 0), "  ab|cd",
           "leading ASCII spaces stay on the first row");

    /* Dashes and ellipses. */
    is_str(rows_str("他来了——我们走", 8, 8, 1, 0), "他来了——|我们走", "break after ——");
    is_str(rows_str("他来了——我们走", 7, 7, 1, 0), "他来了|——我们|走", "—— moves down whole");
    is_str(rows_str("等等……好", 5, 5, 1, 0), "等等|……好", "…… is not split");
    is_str(rows_str("等等……好", 7, 7, 2, 0), "等等|……好", "…… with ambi=2 is 4 cells, whole");
    is_str(rows_str("甲⸺乙", 3, 3, 1, 0), "甲⸺|乙", "⸺ is one character");

    /* Indent and hard mode. */
    is_str(rows_str("　　今天天气很好", 8, 8, 1, 0), "　　今天|天气很好", "U+3000 indent kept");
    is_str(rows_str("a  b   c", 4, 4, 1, LEC_WRAP_HARD), "a  b|   c", "HARD keeps every space");
    is_str(rows_str("中中，", 4, 4, 1, LEC_WRAP_HARD), "中中|，", "HARD applies no kinsoku");
    is_str(rows_str("abcdef", 4, 4, 1, LEC_WRAP_HARD), "abcd|ef", "HARD cuts anywhere");
    is_str(rows_str("x\n\ny", 4, 4, 1, LEC_WRAP_HARD), "x||y", "HARD honours '\\n'");
    is_str(rows_str("e\xCC\x81"
                    "e\xCC\x81"
                    "e\xCC\x81",
                    2, 2, 1, LEC_WRAP_HARD),
           "e\xCC\x81"
           "e\xCC\x81|e\xCC\x81",
           "combining marks stay with their base");
    is_str(rows_str("👨‍👩‍👧👨‍👩‍👧", 3, 3, 1, 0),
           "👨‍👩‍👧|👨‍👩‍👧", "ZWJ families are not split");
}

static void test_sets(void)
{
    static const char no_start[] =
        "、。，．：；？！,.:;?!”’）］｝〕〉》」』】〗〙〛)]}々〜・·～–‐‥%‰℃°％";
    static const char no_end[] = "“‘（［｛〔〈《「『【〖〘〚([{";
    int all = 1;
    size_t i = 0;

    for (i = 0; no_start[i];) {
        int32_t cp;
        i += (size_t)lec_utf8_decode(no_start + i, strlen(no_start + i), &cp);
        if (!lec_wrap_no_start(cp) || lec_wrap_no_end(cp)) all = 0;
    }
    ok(all, "every NO_START mark is recognised");
    all = 1;
    for (i = 0; no_end[i];) {
        int32_t cp;
        i += (size_t)lec_utf8_decode(no_end + i, strlen(no_end + i), &cp);
        if (!lec_wrap_no_end(cp) || lec_wrap_no_start(cp)) all = 0;
    }
    ok(all, "every NO_END mark is recognised");
    ok(!lec_wrap_no_start(0x4E2D) && !lec_wrap_no_start('a') && !lec_wrap_no_start(0x201C) &&
           !lec_wrap_no_start(0x2014),
       "中, a, “ and — may start a row");
    ok(!lec_wrap_no_end(0x4E2D) && !lec_wrap_no_end(0x201D) && !lec_wrap_no_end('a'),
       "中, ” and a may end a row");
}

/* A 1 MB paragraph must wrap in linear time; the time is only printed. */
static void test_big(void)
{
    size_t count = (1u << 20) / 3, n = 0, nrows;
    char *t;
    lec_wrap_line *rows;
    clock_t t0;
    int widths_ok = 1;

    t = malloc(count * 3 + 1);
    for (size_t i = 0; i < count; i++, n += 3)
        memcpy(t + n, "中", 3);
    t[n] = '\0';
    t0 = clock();
    nrows = lec_wrap(t, n, 80, 80, 1, 0, &rows);
    printf("# 1 MB of 中 at width 80: %zu rows in %.3f s\n", nrows,
           (double)(clock() - t0) / CLOCKS_PER_SEC);
    is_int(nrows, (count + 39) / 40, "1 MB of 中: 40 per row");
    for (size_t r = 0; r + 1 < nrows; r++)
        if (rows[r].width != 80) widths_ok = 0;
    ok(widths_ok, "1 MB of 中: every full row is 80 cells");
    free(rows);

    /* One unbreakable word of 1 MB: cut at the row width. */
    memset(t, 'a', n);
    t0 = clock();
    nrows = lec_wrap(t, n, 80, 80, 1, 0, &rows);
    printf("# 1 MB word at width 80: %zu rows in %.3f s\n", nrows,
           (double)(clock() - t0) / CLOCKS_PER_SEC);
    is_int(nrows, (n + 79) / 80, "1 MB word: cut every 80 cells");
    free(rows);

    /* Kinsoku on every row: 中中中， repeated. */
    for (size_t i = 0; i + 12 <= n; i += 12)
        memcpy(t + i, "中中中，", 12);
    t0 = clock();
    nrows = lec_wrap(t, n - n % 12, 9, 9, 1, 0, &rows);
    printf("# 1 MB of 中中中， at width 9: %zu rows in %.3f s\n", nrows,
           (double)(clock() - t0) / CLOCKS_PER_SEC);
    ok(nrows > 0, "1 MB with kinsoku on every row wraps");
    free(rows);
    free(t);
}

int main(void)
{
    test_checker();
    test_mixtures();
    test_cases();
    test_sets();
    test_big();
    return tap_done();
}
