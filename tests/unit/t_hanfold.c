/*
 * t_hanfold.c - Simplified and Traditional characters as one
 * (lectern/hanfold.h) in search (lectern/search.h): the pairs readers
 * meet in speeches from both sides of the strait, text with no
 * ideographs left as it was, and the highlight on the text as written,
 * whatever the fold did.
 */
#include "lectern/hanfold.h"
#include "lectern/search.h"
#include "lectern/utf8.h"

#include "../tap.h"

#include <stdlib.h>
#include <string.h>

/* The folding of text as a malloc'd string. */
static char *fold(const char *text, unsigned how)
{
    char *out = NULL;
    size_t len = 0, cap = 0;
    lec_search_fold(text, strlen(text), how, &out, &len, &cap);
    return out;
}

static size_t chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) c++;
    return c;
}

/* Whether pattern pat (flags) finds text as one match covering all of
 * it. */
static int finds_whole(const char *pat, const char *text, unsigned flags)
{
    lec_search *s = lec_search_compile(pat, strlen(pat), flags, NULL);
    if (!s) return 0;
    lec_match *m = NULL;
    size_t n = 0, cap = 0;
    lec_search_find(s, text, strlen(text), &m, &n, &cap);
    int whole = n == 1 && m[0].start == 0 && m[0].end == strlen(text);
    free(m);
    lec_search_free(s);
    return whole;
}

/* Rows of forms that are one word to a reader; the first is the
 * Simplified form, which they all fold to. */
static const char *const pairs[][4] = {
    {"发展", "發展", NULL},   {"台湾", "臺灣", "台灣", NULL},
    {"后", "後", NULL},       {"里", "裡", "裏", NULL},
    {"干", "乾", "幹", NULL}, {"面", "麵", NULL},
    {"云", "雲", NULL},       {"适", "適", NULL},
    {"头发", "頭髮", NULL},   {"理发", "理髮", NULL},
};

static void test_pairs(void)
{
    is_str(lec_hanfold_error(), NULL, "OpenCC's tables are read");
    ok(lec_hanfold_count() > 1000, "thousands of characters fold (%u)", lec_hanfold_count());
    for (size_t r = 0; r < sizeof pairs / sizeof *pairs; r++) {
        for (int a = 0; a < 4 && pairs[r][a]; a++) {
            char *f = fold(pairs[r][a], LEC_SEARCH_ICASE);
            is_str(f, pairs[r][0], "%s folds to %s", pairs[r][a], pairs[r][0]);
            free(f);
            for (int b = 0; b < 4 && pairs[r][b]; b++) {
                if (a == b) continue;
                ok(finds_whole(pairs[r][a], pairs[r][b], 0), "%s finds %s", pairs[r][a],
                   pairs[r][b]);
                ok(finds_whole(pairs[r][a], pairs[r][b], LEC_SEARCH_REGEX),
                   "%s finds %s as a regular expression", pairs[r][a], pairs[r][b]);
                ok(!finds_whole(pairs[r][a], pairs[r][b], LEC_SEARCH_NO_HANFOLD),
                   "without the fold %s does not find %s", pairs[r][a], pairs[r][b]);
            }
        }
    }
    /* Characters that only look alike or sound alike stay apart. */
    ok(!finds_whole("发", "法", 0), "发 does not find 法");
    ok(!finds_whole("后", "候", 0), "后 does not find 候");
    ok(!finds_whole("台", "抬", 0), "台 does not find 抬");
    ok(!finds_whole("干", "千", 0), "干 does not find 千");
    /* Other folds go on working beside it. */
    ok(finds_whole("發展2024", "发展２０２４", 0), "with full-width digits");
    ok(finds_whole("臺灣", "台 湾", 0) == 0, "a space is not skipped");
}

/* Text without ideographs folds as it did without the fold. */
static void test_no_ideographs(void)
{
    static const char *const texts[] = {
        "Hello, World!",
        "ＧＤＰ增长５．２％",
        "“引号”‘单引’——破折……省略",
        "Ünïcödé straße ﬁ ① ⑪ ㈠",
        "tabs\tand  spaces\u3000here",
        "\xff\xfe broken \xe4\xb8",
        "",
    };
    int same = 1;
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        for (unsigned how = 0; how <= LEC_SEARCH_ICASE; how++) {
            char *a = fold(texts[i], how), *b = fold(texts[i], how | LEC_SEARCH_NO_HANFOLD);
            if (strcmp(a, b) != 0) {
                same = 0;
                printf("# \"%s\": \"%s\" vs \"%s\"\n", texts[i], a, b);
            }
            free(a);
            free(b);
        }
    }
    ok(same, "text with no ideographs folds the same with and without the fold");
    char *f = fold("贯彻落实", 0);
    is_str(f, "贯彻落实", "Simplified text is left as it is");
    free(f);
}

/* Every ideograph folds to one character, and the fold of that character
 * is itself: a folded text has as many characters as the text, and
 * folding twice changes nothing. */
static void test_every_ideograph(void)
{
    static const int32_t ranges[][2] = {
        {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}, {0x20000, 0x323AF}};
    const uint16_t *tab = lec_hanfold_table();
    size_t bad_len = 0, bad_idem = 0, bad_tab = 0, tried = 0, folded = 0;
    int32_t first = -1;
    char *out = NULL;
    size_t cap = 0;
    for (size_t r = 0; r < sizeof ranges / sizeof *ranges; r++) {
        for (int32_t cp = ranges[r][0]; cp <= ranges[r][1]; cp++) {
            tried++;
            int32_t f = lec_hanfold(cp);
            if (f != cp) folded++;
            if (lec_hanfold(f) != f) {
                bad_idem++;
                if (first < 0) first = cp;
            }
            if (cp <= LEC_HANFOLD_HI && cp >= LEC_HANFOLD_LO) {
                uint16_t t = tab[cp - LEC_HANFOLD_LO];
                int32_t want = t == 0 ? cp : t == LEC_HANFOLD_FAR ? -1 : t;
                if ((want < 0 && f <= 0xFFFF) || (want >= 0 && want != f)) bad_tab++;
            }
            char u[4];
            size_t len = 0, n = (size_t)lec_utf8_encode(cp, u);
            lec_search_fold(u, n, 0, &out, &len, &cap);
            if (chars(out, len) != 1) {
                bad_len++;
                if (first < 0) first = cp;
            }
        }
    }
    free(out);
    ok(tried > 90000, "%zu ideographs tried, %zu fold to another", tried, folded);
    is_int(bad_len, 0, "each folds to exactly one character (first bad U+%04X)",
           (unsigned)(first < 0 ? 0 : first));
    is_int(bad_idem, 0, "the fold of a fold is itself");
    is_int(bad_tab, 0, "the table for U+3400-U+9FFF agrees with lec_hanfold");
}

static unsigned rnd_state = 20240601;
static unsigned rnd(unsigned n)
{
    rnd_state = rnd_state * 1103515245u + 12345u;
    return (rnd_state >> 16) % n;
}

/* The highlight maps back exactly: a random piece of a text that mixes
 * both scripts (characters that fold to a longer or shorter one in UTF-8
 * among them: 㑮 folds to 𫝈), searched in its Simplified form (or the
 * other way), is found as exactly that piece of the text as written. */
static void test_highlight(void)
{
    static const char *const pool[] = {"發",
                                       "发",
                                       "展",
                                       "臺",
                                       "灣",
                                       "台",
                                       "湾",
                                       "後",
                                       "后",
                                       "裡",
                                       "里",
                                       "乾",
                                       "幹",
                                       "干",
                                       "麵",
                                       "面",
                                       "雲",
                                       "云",
                                       "適",
                                       "适",
                                       "\xe3\x91\xae" /* 㑮 */,
                                       "\xf0\xab\x9d\x88" /* 𫝈 */,
                                       "，",
                                       "。",
                                       "a",
                                       "B",
                                       " ",
                                       "１",
                                       "的",
                                       "是"};
    enum { NPOOL = sizeof pool / sizeof *pool };
    int bad = 0, tried = 0;
    for (int round = 0; round < 2000; round++) {
        char text[400];
        size_t at[60], len = 0;
        int n = 2 + (int)rnd(40);
        for (int k = 0; k < n; k++) {
            at[k] = len;
            const char *p = pool[rnd(NPOOL)];
            memcpy(text + len, p, strlen(p));
            len += strlen(p);
        }
        at[n] = len;
        text[len] = '\0';
        int a = (int)rnd((unsigned)n), b = a + 1 + (int)rnd((unsigned)(n - a));
        char piece[400];
        memcpy(piece, text + at[a], at[b] - at[a]);
        piece[at[b] - at[a]] = '\0';
        /* the pattern: the piece folded (Simplified), or as written */
        char *pat = rnd(2) ? fold(piece, LEC_SEARCH_ICASE) : strdup(piece);
        lec_search *s = lec_search_new(pat, strlen(pat));
        if (s) {
            tried++;
            lec_match *m = NULL;
            size_t cnt = 0, cap = 0;
            lec_search_find(s, text, len, &m, &cnt, &cap);
            /* Some match is the piece, or overlaps it (an earlier equal
             * match may have taken part of it); every match folds to
             * what the pattern folds to. */
            int hit = 0, all_same = 1;
            for (size_t i = 0; i < cnt; i++) {
                if (m[i].start == at[a] && m[i].end == at[b]) hit = 1;
                if (m[i].start < at[b] && m[i].end > at[a]) hit = hit ? hit : 2;
                char one[400];
                memcpy(one, text + m[i].start, m[i].end - m[i].start);
                one[m[i].end - m[i].start] = '\0';
                size_t pl;
                const char *fp = lec_search_pattern(s, &pl);
                char *fo = fold(one, lec_search_icase(s) ? LEC_SEARCH_ICASE : 0);
                /* white space runs fold to one space either way */
                if (strlen(fo) != pl || memcmp(fo, fp, pl) != 0) all_same = 0;
                free(fo);
            }
            if ((!hit || !all_same) && bad++ < 3)
                printf("# piece \"%s\" of \"%s\": hit %d, same %d\n", piece, text, hit, all_same);
            free(m);
            lec_search_free(s);
        }
        free(pat);
    }
    ok(tried > 1500, "%d random pieces searched", tried);
    is_int(bad, 0, "each is found where it is, and every match is the pattern as folded");
}

int main(void)
{
    test_pairs();
    test_no_ideographs();
    test_every_ideograph();
    test_highlight();
    return tap_done();
}
