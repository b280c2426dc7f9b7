/*
 * t_regex.c - regular expressions in search.h (LEC_SEARCH_REGEX): what a
 * less user types finds what it should in Chinese text, case as smart
 * case says, PCRE2's message for an invalid one, no empty matches, and a
 * block's signature never turns away a block that holds a match.
 */
#include "lectern/search.h"
#include "lectern/utf8.h"

#include "../tap.h"

#include <stdlib.h>
#include <string.h>

static lec_match *found;
static size_t nfound, capfound;

/* Matches of the regular expression pat (flags added) in text; -1 when it
 * gives no search (its message in err when err is not NULL). */
static int find_re(const char *pat, const char *text, unsigned flags, lec_buf *err)
{
    lec_search *s = lec_search_compile(pat, strlen(pat), LEC_SEARCH_REGEX | flags, err);
    if (!s) return -1;
    nfound = 0;
    size_t n = lec_search_find(s, text, strlen(text), &found, &nfound, &capfound);
    lec_search_free(s);
    return (int)n;
}

static int find(const char *pat, const char *text)
{
    return find_re(pat, text, 0, NULL);
}

static const char *match_text(const char *text, size_t i)
{
    static char buf[256];
    if (i >= nfound || found[i].end - found[i].start >= sizeof buf) return "(none)";
    size_t n = found[i].end - found[i].start;
    memcpy(buf, text + found[i].start, n);
    buf[n] = '\0';
    return buf;
}

static void test_basics(void)
{
    const char *t = "一是提高认识。二是压实责任。三是强化保障。";
    is_int(find("[一二三]是", t), 3, "[一二三]是 finds the three points");
    is_str(match_text(t, 2), "三是", "the third is 三是");
    is_int(find("是(提高|压实)", t), 2, "alternatives");
    is_int(find("^一是", t), 1, "^ anchors at the start of the paragraph");
    is_int(find("保障。$", t), 1, "$ at its end");
    is_int(find("\\w+。", t), 3, "\\w knows ideographs (Unicode properties)");
    is_str(match_text(t, 0), "一是提高认识。", "and stops at punctuation");
    is_int(find("\\p{Han}{2}", "ab中文cd"), 1, "\\p{Han}");
    is_int(find("增长\\d+(\\.\\d+)?%", "增长5.2%，增长12%"), 2,
           "numbers with a decimal part or not");
    is_str(match_text("增长5.2%，增长12%", 0), "增长5.2%", "the first with its decimals");
    is_int(find("x*", "abc"), 0, "empty matches are not matches");
    is_int(find("a*", "baab"), 1, "a* finds the run, not the empty places");
    is_str(match_text("baab", 0), "aa", "the run of a");
    is_int(find("x*|b", "abc"), 1, "an empty match does not hide a longer one at the same place");
    is_int(find("发展", "發展和发展"), 2, "Simplified finds Traditional (the fold is on)");
    is_str(match_text("發展和发展", 0), "發展", "highlighted as written");
    is_int(find_re("发展", "發展和发展", LEC_SEARCH_NO_HANFOLD, NULL), 1, "not with the fold off");
    is_int(find("[發髮]", "头发"), 1, "a class's ideographs fold");
    is_int(find("\\x{767C}展", "发展"), 1, "an ideograph as an escape folds too (發 is U+767C)");
    is_int(find("[一-龥]+", "發展中"), 1, "a range keeps its ends as written");
    is_str(match_text("發展中", 0), "發展中", "and matches the text as written");
    is_int(find("\xe3\x91\xae+", "x\xe3\x91\xae\xe3\x91\xaey"), 1,
           "a character that folds to one of four bytes (㑮)");
    is_str(match_text("x\xe3\x91\xae\xe3\x91\xaey", 0), "\xe3\x91\xae\xe3\x91\xae",
           "maps back to the characters as written");
    is_int(find("a.c", "a\xff"
                       "c abc"),
           1, "a broken byte matches nothing, not even .");
    is_int(find("", "abc"), -1, "an empty expression searches nothing");
}

static void test_case(void)
{
    is_int(find("gdp", "GDP gdp Gdp"), 3, "no capital: case ignored");
    is_int(find("GDP", "GDP gdp Gdp"), 1, "a capital: case kept");
    is_int(find("\\d+\\Sgdp", "2024XGDP"), 1, "the letters of \\D \\S \\W do not count");
    is_int(find("\\x4a", "j J"), 2,
           "nor the hex digits of \\x4A (written \\x4a here: J either way)");
    is_int(find("\\x4Ax", "JX Jx"), 2, "\\x4A with capital hex digits: still no capital");
    is_int(find("\\p{Lu}b", "AB Ab"), 2, "nor the Lu of \\p{Lu}");
    is_int(find("(?i)GDP", "gdp"), 1, "(?i) still works");
}

static void test_errors(void)
{
    lec_buf err = LEC_BUF_INIT;
    is_int(find_re("(发展", "发展", 0, &err), -1, "an unclosed group searches nothing");
    ok(err.data && strstr(err.data, "missing closing parenthesis"), "PCRE2's message: %s",
       err.data ? err.data : "(none)");
    ok(err.data && strstr(err.data, "at character 4"), "where, in characters");
    lec_buf_reset(&err);
    is_int(find_re("[z-a]", "x", 0, &err), -1, "a range out of order");
    ok(err.data && strstr(err.data, "range out of order"), "%s", err.data ? err.data : "(none)");
    lec_buf_reset(&err);
    is_int(find_re("a{2,1}", "x", 0, &err), -1, "a quantifier out of order");
    ok(err.len > 0, "%s", err.data ? err.data : "(none)");
    lec_buf_reset(&err);
    is_int(find_re("a\\C", "ab", 0, &err), -1,
           "\\C (one byte) is refused: it could split a character");
    lec_buf_free(&err);
    /* A pattern that would take ages gives up quietly. */
    char text[4000];
    memset(text, 'a', sizeof text - 2);
    text[sizeof text - 2] = '!';
    text[sizeof text - 1] = '\0';
    is_int(find("(a+)+$", text), 0, "catastrophic backtracking ends, finding nothing");
    is_int(find("(a+)+b", "aaab"), 1, "such a pattern still matches where it can");
}

/* What a block must hold: the ideographs outside groups, classes and
 * alternatives that no quantifier makes optional. */
static int may(const char *pat, const char *block)
{
    lec_search *s = lec_search_compile(pat, strlen(pat), LEC_SEARCH_REGEX, NULL);
    if (!s) return -1;
    lec_sig g, need;
    lec_sig_make(block, strlen(block), &g);
    lec_search_need(s, &need);
    lec_search_free(s);
    return lec_sig_may(&g, &need);
}

static void test_need(void)
{
    const char *b = "乙乙乙，abc。";
    is_int(may("尾声", b), 0, "尾声 is needed");
    is_int(may("乙.*尾", b), 0, "乙.*尾 needs 尾");
    is_int(may("尾?乙", b), 1, "尾? is not");
    is_int(may("尾*乙", b), 1, "nor 尾*");
    is_int(may("尾{0,2}乙", b), 1, "nor 尾{0,2}");
    is_int(may("(尾)乙", b), 1, "nor 尾 in a group");
    is_int(may("[尾]乙", b), 1, "nor in a class");
    is_int(may("尾|乙", b), 1, "nor in an alternative");
    is_int(may("(?x)乙 # 尾", b), 1, "nor with the x option (comments)");
    is_int(may("\\Q尾\\E", b), 1, "nor quoted");
    is_int(may("乙(?#尾)", b), 1, "nor in a comment");
    is_int(may("尾+乙", b), 0, "尾+ is");
    is_int(may("乙xyz", b), 0, "letters are needed too");
    is_int(may("乙ABC", b), 1, "in either case");
    is_int(may("乙x?", b), 1, "not when optional");
    is_int(may("k", "乙\xe2\x84\xaa乙"), 1, "k may be the Kelvin sign K (U+212A) without case");
    is_int(may("s", "乙\xc5\xbf乙"), 1, "s may be the long s (U+017F)");
    is_int(may("發", "乙发乙"), 1, "發 is needed as 发 folds");
    is_int(may("发", "乙發乙"), 1, "and the other way round");
}

static unsigned rnd_state = 777;
static unsigned rnd(unsigned n)
{
    rnd_state = rnd_state * 1103515245u + 12345u;
    return (rnd_state >> 16) % n;
}

/* Random expressions on random texts: whenever one matches, the text's
 * signature lets it through; and every match is non-empty, in order,
 * and made of whole characters. */
static void test_random(void)
{
    static const char *const rpieces[] = {
        "发",  "發",     "乙",        "甲",  "(",       ")",        "|",       "?",
        "*",   "+",      "{1,2}",     "{0}", "[",       "]",        "-",       "^",
        "$",   ".",      "\\",        "(?:", "(?=",     "(?!",      "(?<=",    "(?#",
        "\\Q", "\\E",    "\\w",       "\\d", "a",       "B",        "(?i)",    "(?x)",
        " ",   "#",      "\\x{767C}", "[^",  "(?<n>",   "\\k<n>",   "(甲|乙)", "(甲)?",
        "甲?", "[甲乙]", "(?!甲)",    "甲*", "(?<=甲)", "(?:發|a)", "甲{0,1}"};
    static const char *const tpieces[] = {"发", "發", "乙", "甲", "a",  "b",
                                          "B",  " ",  "1",  "，", "\n", "#"};
    int bad_sig = 0, bad_match = 0, matched = 0, compiled = 0;
    for (int round = 0; round < 8000; round++) {
        char pat[200], text[200];
        size_t plen = 0, len = 0;
        for (unsigned k = 1 + rnd(6); k > 0; k--) {
            const char *p = rpieces[rnd(sizeof rpieces / sizeof *rpieces)];
            memcpy(pat + plen, p, strlen(p));
            plen += strlen(p);
        }
        for (unsigned k = rnd(12); k > 0; k--) {
            const char *p = tpieces[rnd(sizeof tpieces / sizeof *tpieces)];
            memcpy(text + len, p, strlen(p));
            len += strlen(p);
        }
        lec_search *s = lec_search_compile(pat, plen, LEC_SEARCH_REGEX, NULL);
        if (!s) continue;
        compiled++;
        nfound = 0;
        size_t n = lec_search_find(s, text, len, &found, &nfound, &capfound);
        for (size_t i = 0; i < n; i++) {
            int whole =
                found[i].start < found[i].end && found[i].end <= len &&
                (found[i].end == len || ((unsigned char)text[found[i].end] & 0xC0) != 0x80) &&
                ((unsigned char)text[found[i].start] & 0xC0) != 0x80 &&
                (i == 0 || found[i].start >= found[i - 1].end);
            if (!whole) bad_match++;
        }
        if (n) {
            matched++;
            lec_sig g, need;
            lec_sig_make(text, len, &g);
            lec_search_need(s, &need);
            if (!lec_sig_may(&g, &need) && bad_sig++ < 3)
                printf("# /%.*s/ matches \"%.*s\" but its signature says no\n", (int)plen, pat,
                       (int)len, text);
        }
        lec_search_free(s);
    }
    ok(compiled > 1500 && matched > 300, "random: %d expressions, %d matched", compiled, matched);
    is_int(bad_match, 0, "random: matches are non-empty whole characters, in order");
    is_int(bad_sig, 0, "random: no block holding a match is turned away");
}

int main(void)
{
    test_basics();
    test_case();
    test_errors();
    test_need();
    test_random();
    free(found);
    return tap_done();
}
