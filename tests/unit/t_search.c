/*
 * t_search.c - unit tests for lectern/search.h: what a reader expects a
 * search to find in Chinese and mixed text (full and half width, quotes,
 * smart case, white space, broken bytes), and that every match is a byte
 * range of whole characters of the original text.
 */
#include "lectern/search.h"
#include "lectern/utf8.h"

#include "../tap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static lec_match *found;
static size_t nfound, capfound;

/* Matches of pat in text (both NUL-terminated); -1 when pat gives no
 * search.  The matches are left in found[0..nfound). */
static int find(const char *pat, const char *text)
{
    lec_search *s = lec_search_new(pat, strlen(pat));
    if (!s) return -1;
    nfound = 0;
    size_t n = lec_search_find(s, text, strlen(text), &found, &nfound, &capfound);
    lec_search_free(s);
    return (int)n;
}

/* The original text of match i of the last find(). */
static const char *match_text(const char *text, size_t i)
{
    static char buf[256];
    if (i >= nfound || found[i].end - found[i].start >= sizeof buf) return "(none)";
    size_t n = found[i].end - found[i].start;
    memcpy(buf, text + found[i].start, n);
    buf[n] = '\0';
    return buf;
}

/* The folding of text, as a NUL-terminated string (static storage). */
static const char *fold(const char *text, int icase)
{
    static char *out;
    static size_t len, cap;
    len = 0;
    if (!text) {
        free(out);
        out = NULL;
        cap = 0;
        return NULL;
    }
    lec_search_fold(text, strlen(text), icase, &out, &len, &cap);
    return out;
}

static void test_width(void)
{
    const char *t = "编号ＡＢＣ１２３，＝号";
    is_int(find("ABC123,=", t), 1, "ABC123,= finds ＡＢＣ１２３，＝");
    is_str(match_text(t, 0), "ＡＢＣ１２３，＝", "the match is the full-width text");
    is_int(find("ＡＢＣ１２３，＝", "x ABC123,= y"), 1, "and the other way round");
    is_str(match_text("x ABC123,= y", 0), "ABC123,=", "matching the half-width text");
    is_int(find("１０", "共10条"), 1, "１０ finds 10");
    is_int(find("10", "共１０条"), 1, "10 finds １０");
    is_int(find("(1)", "见⑴"), 1, "(1) finds ⑴");
    is_int(find("①", "第1条"), 1, "① finds 1");
    is_int(find("1", "第①条"), 1, "1 finds ①");
    is_str(match_text("第①条", 0), "①", "the match is ①");
    is_int(find("1", "第⑪条"), 1, "1 in ⑪ (11) is one match of ⑪, not two");
    is_str(match_text("第⑪条", 0), "⑪", "covering ⑪");
    is_int(find("11", "第⑪条"), 1, "11 finds ⑪");
    is_int(find("...", "等等……"), 2, "... finds each … of …… (… is ...)");
    is_str(match_text("等等……", 1), "…", "the second match is the second …");
    is_int(find("..", "等……"), 2, ".. finds two matches in ……, one per …");
    is_int(find("中", "这是㊥"), 1, "中 finds the circled ㊥");
}

static void test_case(void)
{
    lec_search *s = lec_search_new("abc", 3);
    ok(s && lec_search_icase(s), "abc ignores case");
    lec_search_free(s);
    s = lec_search_new("Abc", 3);
    ok(s && !lec_search_icase(s), "Abc does not");
    lec_search_free(s);
    s = lec_search_new("ａｂＣ", strlen("ａｂＣ"));
    ok(s && !lec_search_icase(s), "a full-width Ｃ is a capital");
    lec_search_free(s);
    s = lec_search_new("中国", strlen("中国"));
    ok(s && lec_search_icase(s), "Han characters have no case");
    lec_search_free(s);

    is_int(find("abc", "xABCx abc Abc"), 3, "abc finds ABC, abc and Abc");
    is_int(find("Abc", "xABCx abc Abc"), 1, "Abc finds only Abc");
    is_int(find("Abc", "abc"), 0, "Abc does not find abc");
    is_int(find("abc", "ＡＢＣ"), 1, "abc finds ＡＢＣ");
    is_int(find("ABC", "ａｂｃ"), 0, "ABC does not find ａｂｃ");
    is_int(find("strasse", "Straße"), 1, "case folding is full: ß is ss");
    is_int(find("éclair", "ÉCLAIR"), 1, "é finds É");
}

static void test_chinese(void)
{
    const char *t = "我爱中国，中国很大";
    is_int(find("中国", t), 2, "中国 twice in 我爱中国，中国很大");
    is_int(found[0].start, 6, "first at byte 6");
    is_int(found[0].end, 12, "ending at byte 12");
    is_int(found[1].start, 15, "second at byte 15 (after the 3-byte ，)");
    is_int(found[1].end, 21, "ending at byte 21");
    is_str(match_text(t, 1), "中国", "which is 中国");

    is_int(find("中国,中国", t), 1, "a half-width comma finds ，");
    is_str(match_text(t, 0), "中国，中国", "the match covers ，");
    is_int(find("𠀀字", "古𠀀字"), 1, "an Extension B ideograph");
    is_int(find("中国", "中\xe2\x80\x8b国"), 1, "a zero-width space does not part 中国");
    is_str(match_text("中\xe2\x80\x8b国", 0), "中\xe2\x80\x8b国", "and is inside the match");
    is_int(find("兀", "\xef\xa8\x8c"), 1, "a compatibility ideograph finds its unified one");
}

static void test_punct(void)
{
    const char *t = "他说：“引号”。";
    is_int(find("\"引号\"", t), 1, "\"引号\" finds “引号”");
    is_str(match_text(t, 0), "“引号”", "the match is the curly quotes");
    is_int(find("“引号”", "say \"引号\" again"), 1, "“引号” finds \"引号\"");
    is_int(find("'x'", "‘x’"), 1, "‘x’ is 'x'");
    is_int(find("结束.", "到此结束。"), 1, ". finds 。");
    is_int(find("结束。", "到此结束."), 1, "。 finds .");
    is_int(find("结束。", "到此结束｡"), 1, "。 finds the half-width ｡");
    is_int(find("甲,乙", "甲、乙"), 1, ", finds 、");
    is_int(find("a:b", "a：b"), 1, ": finds ：");
    is_int(find("--", "他——"), 1, "-- finds ——");
    is_int(find("马克思·韦伯", "马克思・韦伯"), 1, "· finds ・");
}

static void test_marks(void)
{
    is_int(find("caf\xc3\xa9", "a cafe\xcc\x81 here"), 1, "precomposed é finds e + U+0301");
    is_str(match_text("a cafe\xcc\x81 here", 0), "cafe\xcc\x81", "the match ends after the mark");
    is_int(find("cafe\xcc\x81", "a caf\xc3\xa9 here"), 1, "e + U+0301 finds precomposed é");
    is_str(match_text("a caf\xc3\xa9 here", 0), "caf\xc3\xa9", "covering the whole é");
    is_int(find("cafe", "caf\xc3\xa9"), 1, "e finds the start of é: the match is all of é");
    is_int(found[0].end, 5, "ending after é");
}

static void test_space(void)
{
    const char *t = "a   b\t\tc";
    is_int(find("a b", t), 1, "a b finds a   b");
    is_str(match_text(t, 0), "a   b", "the match covers the run");
    is_int(find("a  b", "a b"), 1, "a  b finds a b");
    is_int(find("b c", t), 1, "a space finds tabs");
    is_int(find("中 国", "中\xe3\x80\x80\xc2\xa0国"), 1, "a space finds U+3000 then NBSP");
    is_int(find("中\xe3\x80\x80国", "中 国"), 1, "U+3000 finds a space");
    is_int(find("hello world", "say hello\nworld"), 1, "a match spans a line break");
    is_str(match_text("say hello\nworld", 0), "hello\nworld", "with the break inside");
    is_int(find("a b", "a \xe2\x80\x8b b"), 1, "a zero-width space inside a run");
    is_int(find("ab", "a b"), 0, "white space is not ignored");
    is_int(find(" b", "a \t b"), 1, "a leading space finds the run");
    is_str(match_text("a \t b", 0), " \t b", "covering all of it");
    is_int(find("", "abc"), -1, "an empty pattern gives no search");
    is_int(find("   ", "a b"), -1, "nor does a space-only one");
    is_int(find("\xe3\x80\x80\t\n", "a b"), -1, "nor U+3000, tab and newline");
    is_int(find("\xe2\x80\x8b", "a b"), -1, "nor a zero-width space");
}

static void test_invalid(void)
{
    const char *t = "\xe4\xb8\xad\xff\xe5\x9b\xbd\xe4\xb8 ab\xc3";
    is_int(find("中\xef\xbf\xbd国", t), 1, "U+FFFD finds a bad byte");
    is_int(found[0].start, 0, "starting at 中");
    is_int(found[0].end, 7, "ending after 国");
    is_int(find("\xfe", t), 4, "a bad byte in the pattern finds each bad byte");
    is_int(found[0].start, 3, "the 0xFF");
    is_int(found[1].start, 7, "the first byte of the cut 中");
    is_int(found[1].end, 8, "one byte long");
    is_int(found[2].start, 8, "its second byte on its own");
    is_int(found[3].start, 12, "the lone 0xC3 at the end");
    is_int(found[3].end, 13, "without reading past the text");
    is_int(find("ab", t), 1, "ASCII after bad bytes");
    is_int(found[0].start, 10, "at byte 10");
    /* Text that is not NUL-terminated: the search must stop at len. */
    char buf[4] = {'x', 'a', 'b', 'c'};
    lec_search *s = lec_search_new("abc", 3);
    nfound = 0;
    is_int(lec_search_find(s, buf, 3, &found, &nfound, &capfound), 0, "stops at len");
    lec_search_free(s);
}

static void test_offsets(void)
{
    is_int(find("aa", "aaaa"), 2, "aaaa has two aa, not three");
    is_int(find("aa", "aaa"), 1, "aaa has one");
    const char *t = "一、ＡＢ。\xe2\x80\x9c引\xe2\x80\x9d ⑩ e\xcc\x81 ab";
    const char *pats[] = {",ab.", "\"引\"", "10", "é", "ab", NULL};
    const char *want[] = {"、ＡＢ。", "“引”", "⑩", "e\xcc\x81", "ab"};
    for (int i = 0; pats[i]; i++) {
        is_int(find(pats[i], t), i == 4 ? 2 : 1, "%s found", pats[i]);
        is_str(match_text(t, i == 4 ? 1 : 0), want[i], "%s maps back to its original", pats[i]);
    }
    /* Appending to an array that already has entries. */
    lec_search *s = lec_search_new("ab", 2);
    nfound = 0;
    lec_search_find(s, "ab ab", 5, &found, &nfound, &capfound);
    is_int(lec_search_find(s, "xab", 3, &found, &nfound, &capfound), 1, "one more match");
    is_int(nfound, 3, "appended after the first two");
    is_int(found[2].start, 1, "with offsets of its own text");
    lec_search_free(s);
}

static void test_fold(void)
{
    is_str(fold("ＡＢ１，“引”。", 1), "ab1,\"引\".", "fold: width, case, quotes, full stop");
    is_str(fold("ＡＢ", 0), "AB", "fold keeps case when asked");
    is_str(fold("a \t\xe3\x80\x80 b\n", 1), "a b ", "fold: white space runs are one space");
    is_str(fold("a \xe3\x80\x80"
                "b c\xc2\xa0 d",
                1),
           "a b c d", "fold: a space then U+3000 or NBSP");
    is_str(fold("\xef\xbc\xa6\xef\xbd\x8f\xef\xbd\x8f\xef\xbc\x81", 1), "foo!",
           "fold: Ｆｏｏ！ is foo!");
    is_str(fold("\xef\xbc\xa6\xef\xbd\x8f\xef\xbd\x8f\xef\xbc\x81", 0), "Foo!",
           "or Foo! keeping case");
    is_str(fold("\xe3\x8d\xb1 \xe2\x91\xaa", 0), "hPa 11", "fold: ㍱ is hPa, ⑪ is 11");
    is_str(fold("\xff", 0), "\xef\xbf\xbd", "fold: a bad byte is U+FFFD");
    is_str(fold("", 1), "", "fold of nothing is empty and NUL-terminated");
    char *out = NULL;
    size_t len = 0, cap = 0;
    lec_search_fold("中", 3, 1, &out, &len, &cap);
    lec_search_fold("Ｘ", 3, 1, &out, &len, &cap);
    is_str(out, "中x", "fold appends");
    is_int(len, 4, "and counts the bytes");
    free(out);
    fold(NULL, 0);
}

/* A megabyte of mixed text: counts, and every match made of whole
 * characters, left to right, not overlapping. */
static void test_long(void)
{
    const char *unit = "我们要坚持以人民为中心的发展思想，推动高质量发展。\n"
                       "Ｈｅｌｌｏ，世界！　第①条 “引号” e\xcc\x81 ";
    size_t ulen = strlen(unit), reps = (1u << 20) / ulen + 1;
    char *big = malloc(ulen * reps);
    for (size_t i = 0; i < reps; i++)
        memcpy(big + i * ulen, unit, ulen);
    size_t len = ulen * reps;
    const char *pats[] = {"发展", "hello,世界!", "第1条 \"引号\"", "。 hello", "é 我们", NULL};
    size_t want[] = {2 * reps, reps, reps, reps, reps - 1};
    for (int p = 0; pats[p]; p++) {
        lec_search *s = lec_search_new(pats[p], strlen(pats[p]));
        nfound = 0;
        size_t n = lec_search_find(s, big, len, &found, &nfound, &capfound);
        is_int(n, want[p], "1 MB: %s found %zu times", pats[p], want[p]);
        int good = 1;
        for (size_t i = 0; i < nfound; i++) {
            lec_match *mt = &found[i];
            unsigned char a = (unsigned char)big[mt->start];
            unsigned char z = mt->end < len ? (unsigned char)big[mt->end] : 0;
            if (mt->end > len || mt->start >= mt->end || (a & 0xC0) == 0x80 || (z & 0xC0) == 0x80 ||
                (i && mt->start < found[i - 1].end))
                good = 0;
        }
        ok(good, "1 MB: %s matches are whole characters, in order, apart", pats[p]);
        lec_search_free(s);
    }
    free(big);
}

/* Pieces random texts and patterns are made of: characters that fold
 * alike, white space, marks, zero-width and broken bytes. */
static const char *const pieces[] = {"a",
                                     "A",
                                     "b",
                                     "\xef\xbd\x82" /* ｂ */,
                                     " ",
                                     "\t",
                                     "\n",
                                     "\xe3\x80\x80",
                                     "\xe4\xb8\xad" /* 中 */,
                                     "\xe5\x9b\xbd" /* 国 */,
                                     "\xef\xbc\x8c" /* ， */,
                                     ",",
                                     "\xe2\x80\x9c" /* “ */,
                                     "\"",
                                     "\xc3\xa9",
                                     "e",
                                     "\xcc\x81",
                                     "\xe2\x91\xa0" /* ① */,
                                     "1",
                                     "\xe2\x91\xaa" /* ⑪ */,
                                     "\xe2\x80\x8b" /* U+200B */,
                                     "\xff",
                                     "\xe4\xb8",
                                     "\xe2\x80\xa6" /* … */,
                                     ".",
                                     "\xe3\x80\x82" /* 。 */,
                                     "\xe7\x99\xbc" /* 發 */,
                                     "\xe5\x8f\x91" /* 发 */,
                                     "\xe3\x91\xae" /* 㑮, folds to a character of 4 bytes */,
                                     "\xf0\xab\x9d\x88" /* 𫝈, that character */};
#define NPIECES (sizeof pieces / sizeof *pieces)

static unsigned rnd_state = 12345;
static unsigned rnd(unsigned n)
{
    rnd_state = rnd_state * 1103515245u + 12345u;
    return (rnd_state >> 16) % n;
}

/* What lec_search_find should give, the slow way: each character folded
 * on its own (white space runs joined by hand), a map entry per folded
 * byte, and a naive search. */
static size_t naive_find(const char *pat, size_t plen, int icase, const char *t, size_t len,
                         lec_match *out, size_t max)
{
    char *fp = NULL, *ft = malloc(3 * len + 1), *one = NULL;
    size_t fplen = 0, fpcap = 0, ftlen = 0, olen = 0, ocap = 0, n = 0;
    /* A byte folds to at most 3 (a bad byte is U+FFFD). */
    uint32_t *from = malloc((3 * len + 1) * sizeof *from), *to = malloc((3 * len + 1) * sizeof *to);
    int space = 0;
    lec_search_fold(pat, plen, icase, &fp, &fplen, &fpcap);
    for (size_t i = 0; i < len;) {
        int32_t cp;
        int k = lec_utf8_decode(t + i, len - i, &cp);
        olen = 0;
        lec_search_fold(t + i, (size_t)k, icase, &one, &olen, &ocap);
        int is_sp = olen == 1 && one[0] == ' ';
        if (is_sp && space) {
            to[ftlen - 1] = (uint32_t)(i + (size_t)k);
        } else if (olen) {
            for (size_t b = 0; b < olen; b++) {
                from[ftlen] = (uint32_t)i;
                to[ftlen] = (uint32_t)(i + (size_t)k);
                ft[ftlen++] = one[b];
            }
            space = is_sp;
        }
        i += (size_t)k;
    }
    uint32_t prev_end = 0;
    for (size_t i = 0; fplen && i + fplen <= ftlen;) {
        if (memcmp(ft + i, fp, fplen) != 0) {
            i++;
            continue;
        }
        if ((n == 0 || from[i] >= prev_end) && n < max) {
            out[n++] = (lec_match){from[i], to[i + fplen - 1]};
            prev_end = to[i + fplen - 1];
        }
        i += fplen;
    }
    free(fp);
    free(ft);
    free(one);
    free(from);
    free(to);
    return n;
}

static void test_random(void)
{
    int bad = 0, searched = 0;
    char text[512], pat[64];
    lec_match want[256];
    for (int round = 0; round < 3000; round++) {
        size_t len = 0, plen = 0;
        for (unsigned k = rnd(40); k > 0; k--) {
            const char *p = pieces[rnd(NPIECES)];
            memcpy(text + len, p, strlen(p));
            len += strlen(p);
        }
        for (unsigned k = 1 + rnd(3); k > 0; k--) {
            const char *p = pieces[rnd(NPIECES)];
            memcpy(pat + plen, p, strlen(p));
            plen += strlen(p);
        }
        lec_search *s = lec_search_new(pat, plen);
        if (!s) continue;
        searched++;
        nfound = 0;
        size_t n = lec_search_find(s, text, len, &found, &nfound, &capfound);
        size_t w = naive_find(pat, plen, lec_search_icase(s), text, len, want, 256);
        int same = n == w;
        for (size_t i = 0; same && i < n; i++)
            same = found[i].start == want[i].start && found[i].end == want[i].end;
        if (!same && bad++ < 3) {
            printf("# differs: pattern \"%.*s\" text \"%.*s\": %zu vs %zu\n", (int)plen, pat,
                   (int)len, text, n, w);
        }
        lec_search_free(s);
    }
    ok(searched > 2000, "random: %d searches", searched);
    is_int(bad, 0, "random: every search agrees with a naive one");
}


/* A block's signature never turns away a block that can match: for every
 * code point, between ideographs, each ideograph, letter and digit of
 * its folding is allowed by the signature of the text holding it, with
 * and without the Simplified/Traditional fold. */
static void test_signature(void)
{
    size_t missed = 0, tried = 0, wild_missed = 0;
    int32_t first_missed = -1, first_wild_missed = -1;
    char text[16], *out = NULL, padded[128];
    size_t cap = 0;
    for (int32_t cp = 1; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        size_t n = 0;
        memcpy(text, "乙", 3);
        n = 3 + (size_t)lec_utf8_encode(cp, text + 3);
        memcpy(text + n, "乙", 3);
        n += 3;
        lec_sig g, need;
        lec_sig_make(text, n, &g);
        /* lec_sig_wild_han says so whenever the signature does, wherever
         * the character falls in its steps of sixteen bytes (SSE2) or of
         * 32 (AVX2, from 64 bytes on: the text is at least 81). */
        size_t lead = 32 + (size_t)cp % 33;
        memset(padded, 'a', lead);
        memcpy(padded + lead, text, n);
        memcpy(padded + lead + n, "乙乙乙乙乙乙乙乙乙乙乙乙乙乙", 42);
        if ((g.wild & 1) && !lec_sig_wild_han(padded, lead + n + 42)) {
            if (first_wild_missed < 0) first_wild_missed = cp;
            wild_missed++;
        }
        /* folded both ways: Simplified and Traditional as one (發 needs
         * what 发 does), and apart (LEC_SEARCH_NO_HANFOLD) */
        for (unsigned how = 1; how <= (1 | LEC_SEARCH_NO_HANFOLD); how += LEC_SEARCH_NO_HANFOLD) {
            size_t len = 0;
            lec_search_fold(text, n, how, &out, &len, &cap);
            lec_sig_need(out, len, &need);
            tried++;
            if (!lec_sig_may(&g, &need)) {
                if (first_missed < 0) first_missed = cp;
                missed++;
            }
        }
    }
    free(out);
    ok(missed == 0, "no code point's folding is turned away by its signature (%zu of %zu, first U+%04X)",
       missed, tried, (unsigned)(first_missed < 0 ? 0 : first_missed));
    ok(wild_missed == 0, "lec_sig_wild_han finds every code point the signature calls wild (%zu missed, first U+%04X)",
       wild_missed, (unsigned)(first_wild_missed < 0 ? 0 : first_wild_missed));
    {
        const char *plain = "乙乙，。、《》“”——…（）：；！？「」『』〔〕·乙 abc ＧＤＰ 2024 &amp; 丁丁丁丁";
        ok(!lec_sig_wild_han(plain, strlen(plain)), "lec_sig_wild_han: Chinese text and its punctuation are not wild");
        /* U+2E80 U+3038 U+3190 U+3220 U+F900 U+20000, an entity */
        static const char *const wild[] = {"\xe2\xba\x80", "\xe3\x80\xb8", "\xe3\x86\x90", "\xe3\x88\xa0",
                                           "\xef\xa4\x80", "\xf0\xa0\x80\x80", "&#x4E01;"};
        int hits = 0;
        for (size_t k = 0; k < sizeof wild / sizeof *wild; k++) {
            char b[256];
            /* past the first sixteen-byte step, and in the tail */
            snprintf(b, sizeof b, "%s%s", plain, wild[k]);
            hits += lec_sig_wild_han(b, strlen(b)) != 0;
            snprintf(b, sizeof b, "乙乙乙乙乙乙乙%s乙乙乙乙乙乙乙乙乙乙", wild[k]);
            hits += lec_sig_wild_han(b, strlen(b)) != 0;
        }
        ok(hits == 14, "lec_sig_wild_han finds radicals, enclosed and compatibility ideographs, four-byte characters, entities (%d of 14)", hits);
    }

    /* The signature does turn blocks away. */
    lec_sig g, need;
    const char *t = "乙乙，。、《》“”——…（）：；！？「」『』〔〕·乙 abc ＧＤＰ 2024";
    lec_sig_make(t, strlen(t), &g);
    lec_sig_need("丁", strlen("丁"), &need);
    ok(!lec_sig_may(&g, &need), "a block without the ideograph is turned away");
    lec_sig_need("gdp", 3, &need);
    ok(lec_sig_may(&g, &need), "full-width letters count as ASCII");
    lec_sig_need("xyz", 3, &need);
    ok(!lec_sig_may(&g, &need), "a block without the letters is turned away");
    lec_sig_need("，。", strlen("，。"), &need);
    ok(lec_sig_may(&g, &need), "punctuation asks for nothing");
    /* Entities: numeric ones may be anything, named ones letters. */
    lec_sig_need("丁", strlen("丁"), &need);
    lec_sig_make("甲&#x4E01;", strlen("甲&#x4E01;"), &g);
    ok(lec_sig_may(&g, &need), "a numeric entity may be an ideograph");
    lec_sig_make("甲&lt;b&gt; &eacute; &Afr;", strlen("甲&lt;b&gt; &eacute; &Afr;"), &g);
    ok(!lec_sig_may(&g, &need), "a named entity is no ideograph");
    lec_sig_need("ea", 2, &need);
    ok(lec_sig_may(&g, &need), "a named entity may be a letter (é, 𝔄)");
    lec_sig_make("甲&lt;b&gt; &amp;", strlen("甲&lt;b&gt; &amp;"), &g);
    ok(!lec_sig_may(&g, &need), "&lt; &gt; &amp; are no letters");
    /* A reference link shows the URL of its definition. */
    lec_sig_need("丁", strlen("丁"), &need);
    lec_sig_make("见[链接][r]", strlen("见[链接][r]"), &g);
    ok(!lec_sig_may(&g, &need), "a link alone has only its text");
    lec_sig_add(&g, "[r]: http://例子.cn/丁\n", strlen("[r]: http://例子.cn/丁\n"));
    ok(lec_sig_may(&g, &need), "its definition added, the URL counts");
}

int main(void)
{
    test_width();
    test_case();
    test_chinese();
    test_punct();
    test_marks();
    test_space();
    test_invalid();
    test_offsets();
    test_fold();
    test_long();
    test_random();
    test_signature();
    free(found);
    return tap_done();
}
