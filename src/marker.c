/*
 * marker.c - recognises the numbering marker at the start of a point
 * (一、 （一） 1. （1） ① 一是 第一， 首先， First, IV. 第一章 ...), tells
 * when no text that begins a certain way can start with one, and finds the
 * extent of a point's lead sentence.  The value of a Chinese numeral is
 * cn_number.c's.
 *
 * Every scan works on s[0..n) that is not NUL-terminated and may be
 * invalid UTF-8, so all reads go through cp_at(), which never looks past
 * n and reads a bad byte as -1.  Families, variants and guards follow ../shared/docs/chinese-text.md
 * section 1; only guards that one position can decide live here, sequence
 * checks are outline.c's job.
 */
#include "lectern/marker.h"
#include "lectern/utf8.h"

#include <string.h>

/* ---- UTF-8 and small matching helpers --------------------------------- */

/* Code point at s[i..n), its length in *len.  Returns -1 at the end (len
 * 0) and for a malformed sequence (len 1): -1 matches no character we look
 * for, and a bad byte still advances. */
static inline long cp_at(const char *s, size_t n, size_t i, size_t *len)
{
    int32_t cp;
    if (i >= n) {
        *len = 0;
        return -1;
    }
    *len = (size_t)lec_utf8_decode_strict(s + i, n - i, &cp);
    return cp;
}

/* Index of cp among the characters of the UTF-8 string set, or -1.  Lets
 * the tables below be written as plain Chinese text. */
static int set_index(long cp, const char *set)
{
    /* cp's bytes against the set's, character by character: the sets are
     * our own valid UTF-8, so their lengths come from the lead bytes and
     * nothing needs decoding (this runs for every numeral scanned).
     * Encoded here and compared byte by byte, not by lec_utf8_encode and
     * memcmp: two calls for every character of a set were a fifth of the
     * markers' scan. */
    unsigned char b[4] = {0};
    size_t k;
    if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
    if (cp < 0x80) {
        b[0] = (unsigned char)cp, k = 1;
    } else if (cp < 0x800) {
        b[0] = (unsigned char)(0xC0 | (cp >> 6)), b[1] = (unsigned char)(0x80 | (cp & 0x3F)), k = 2;
    } else if (cp < 0x10000) {
        b[0] = (unsigned char)(0xE0 | (cp >> 12));
        b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (unsigned char)(0x80 | (cp & 0x3F)), k = 3;
    } else {
        b[0] = (unsigned char)(0xF0 | (cp >> 18));
        b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (unsigned char)(0x80 | (cp & 0x3F)), k = 4;
    }
    int idx = 0;
    for (const unsigned char *p = (const unsigned char *)set; *p; idx++) {
        size_t l = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
        if (l == k && p[0] == b[0] && (k < 2 || p[1] == b[1]) && (k < 3 || p[2] == b[2]) &&
            (k < 4 || p[3] == b[3]))
            return idx;
        p += l;
    }
    return -1;
}

/* Length of the character at s[i..n) when it belongs to set, else 0. */
static size_t take(const char *s, size_t n, size_t i, const char *set)
{
    size_t len;
    /* A character is its bytes (strict decoding): when its first byte is
     * nowhere in the set, neither is it, and it need not be decoded (most
     * looks fail so: the character after 第三条 is rarely punctuation). */
    if (i >= n) return 0;
    const char *b = set;
    while (*b && *b != s[i]) b++;
    if (!*b) return 0;
    long cp = cp_at(s, n, i, &len);

    return set_index(cp, set) >= 0 ? len : 0;
}

/* strlen(w) when s[i..n) starts with the bytes of w, else 0. */
static size_t starts(const char *s, size_t n, size_t i, const char *w)
{
    /* Byte by byte, without strlen: most looks fail at the first byte. */
    size_t k = 0;
    if (i > n) return 0;
    for (; w[k]; k++)
        if (i + k >= n || s[i + k] != w[k]) return 0;
    return k;
}

/* The white space that scraped text puts before a marker: ASCII blanks,
 * ideographic space (paragraph indent), NBSP, ZWSP and a stray BOM. */
static int is_space(long cp)
{
    return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0x00A0 || cp == 0x200B ||
           cp == 0xFEFF || (cp >= 0x2000 && cp <= 0x200A) /* EN SPACE and its kin (laws) */ ||
           cp == 0x202F || cp == 0x205F;
}

/* Does the text at s[i..n) set a marker apart from what follows: white
 * space, a line end, the end of the text, or punctuation?  第三条　本法… is
 * an article; 第三条规定… is a reference to one. */
static int apart_at(const char *s, size_t n, size_t i)
{
    size_t len;
    long cp = cp_at(s, n, i, &len);
    return i >= n || is_space(cp) || cp == '\n' || cp == '\r' ||
           set_index(cp, "：:、，,.．;；—–-") >= 0;
}

static size_t skip_space(const char *s, size_t n, size_t i)
{
    size_t len;

    /* Each of is_space's characters begins with one of these bytes; a
     * text (most) that begins with none of them is not decoded here. */
    for (; i < n; i += len) {
        unsigned char c = (unsigned char)s[i];
        if (c != ' ' && c != '\t' && c != 0xC2 && c != 0xE2 && c != 0xE3 && c != 0xEF) break;
        if (!is_space(cp_at(s, n, i, &len))) break;
    }
    return i;
}

/* Value of an ASCII or full-width digit, else -1. */
static int digit_val(long cp)
{
    if (cp >= '0' && cp <= '9') return (int)(cp - '0');
    if (cp >= 0xFF10 && cp <= 0xFF19) /* ０-９ */
        return (int)(cp - 0xFF10);
    return -1;
}

static int digit_at(const char *s, size_t n, size_t i)
{
    size_t len;

    return digit_val(cp_at(s, n, i, &len)) >= 0;
}

/* 1-3 digits at s[i..n) (a fourth digit makes it a year or an amount, not
 * an ordinal); returns their byte length and value, or 0. */
static size_t digits(const char *s, size_t n, size_t i, int *val)
{
    size_t j = i, len;
    int count = 0, d;

    *val = 0;
    while ((d = digit_val(cp_at(s, n, j, &len))) >= 0) {
        if (++count > 3) return 0;
        *val = *val * 10 + d;
        j += len;
    }
    return j - i;
}

/* ---- Chinese numerals (their value: cn_number.c) ----------------------- */

/* A numeral the enumeration families use: only 一..十, value 1-99 (no 百,
 * 零, 两: nobody writes 两、 or 一百是).  Returns its length, or 0. */
static int small_cn_char(long cp)
{
    switch (cp) {
    case 0x4E00: case 0x4E8C: case 0x4E09: case 0x56DB: case 0x4E94: /* 一二三四五 */
    case 0x516D: case 0x4E03: case 0x516B: case 0x4E5D: case 0x5341: /* 六七八九十 */
        return 1;
    default:
        return 0;
    }
}

/* small_cn of s[i..n) given v = lec_cn_number(s + i, n - i, &used). */
static size_t small_cn_of(const char *s, size_t n, size_t i, int v, size_t used, int *val)
{
    size_t j, len;

    if (v < 1 || v > 99) return 0;
    for (j = i; j < i + used; j += len)
        if (!small_cn_char(cp_at(s, n, j, &len))) return 0;
    *val = v;
    return used;
}

static size_t small_cn(const char *s, size_t n, size_t i, int *val)
{
    size_t used;
    int v = lec_cn_number(s + i, n - i, &used);

    return small_cn_of(s, n, i, v, used, val);
}

/* Guard for 一、二线城市, 一、二季度, 一、二、三产业, 第一、二批: at s[i] a run
 * of numerals followed by a word that makes the pair a range, not a
 * marker and its title. */
static int range_follows(const char *s, size_t n, size_t i)
{
    static const char *const tails[] = {"、", "线", "级", "季", "批", "产", "类", "届",
                                        "期", "号", "等", "名", "次", "轮", "审", "年级"};
    size_t len, k;
    int run = 0;

    while (run < 3 && set_index(cp_at(s, n, i, &len), "一二三四五六七八九十两") >= 0) {
        i += len;
        run++;
    }
    if (run == 0) return 0;
    for (k = 0; k < sizeof tails / sizeof *tails; k++)
        if (starts(s, n, i, tails[k])) return 1;
    return 0;
}

/* ---- the families ------------------------------------------------------ */

/* Each try_* looks at p[0..n) (white space already skipped) and returns the
 * marker's length with family and ordinal set in *m, or 0.  A family that
 * ctx does not allow is filtered by the caller. */

/* Punctuation that may follow a bracketed or circled marker: "（一）、". */
#define AFTER_BRACKET "、，,.．"

/* 第X部分 第X章 第X节 第X条 第X个问题 and the run-in 第一， */
static size_t try_di(const char *p, size_t n, int ctx, lec_marker *m)
{
    static const struct {
        const char *word;
        lec_family fam;
    } heads[] = {
        {"部分", LEC_FAM_PART},         {"篇", LEC_FAM_PART},         {"编", LEC_FAM_PART},
        {"分编", LEC_FAM_SUBPART},      {"章", LEC_FAM_CHAPTER},      {"节", LEC_FAM_SECTION},
        {"条", LEC_FAM_ARTICLE},        {"个问题", LEC_FAM_QUESTION}, {"个方面", LEC_FAM_QUESTION},
    };
    size_t i = starts(p, n, 0, "第"), used, j, k, c, u, cn_used;
    int val, sub, cn;

    (void)ctx;
    if (!i) return 0;
    /* headings: any Chinese numeral (第一百零五条) or 1-3 digits (第3章) */
    val = cn = lec_cn_number(p + i, n - i, &cn_used);
    used = cn_used;
    if (val < 0) used = digits(p, n, i, &val);
    if (used && val >= 1) {
        j = i + used;
        for (k = 0; k < sizeof heads / sizeof *heads; k++) {
            if ((c = starts(p, n, j, heads[k].word)) != 0) {
                j += c;
                m->family = heads[k].fam;
                m->ordinal = val;
                /* an article inserted after 第十七条 without renumbering
                 * the rest: 第十七条之一 (第十七条之规定 is prose) */
                if (m->family == LEC_FAM_ARTICLE && (c = starts(p, n, j, "之")) != 0 &&
                    (u = small_cn(p, n, j + c, &sub)) != 0) {
                    j += c + u;
                    m->sub = sub;
                }
                m->apart = apart_at(p, n, j);
                return j + take(p, n, j, "：:、，,");
            }
        }
    }
    /* 第一， needs its punctuation: 第一次 第一书记 第一时间 never match
     * (the numeral read once, above) */
    if ((used = small_cn_of(p, n, i, cn, cn_used, &val)) == 0) return 0;
    j = i + used;
    if ((c = take(p, n, j, "，,、：:")) == 0) return 0;
    if (starts(p, n, j, "、") && range_follows(p, n, j + c)) return 0; /* 第一、二批 */
    m->family = LEC_FAM_DI;
    m->ordinal = val;
    return j + c;
}

/* 其一， 其二、 (其一生 is "his whole life") */
static size_t try_qi(const char *p, size_t n, int ctx, lec_marker *m)
{
    size_t i = starts(p, n, 0, "其"), used, c;
    int val;

    (void)ctx;
    if (!i || (used = small_cn(p, n, i, &val)) == 0) return 0;
    if ((c = take(p, n, i + used, "，,、：:")) == 0) return 0;
    m->family = LEC_FAM_QI;
    m->ordinal = val;
    return i + used + c;
}

/* 首先， 其次， 再次， 最后， (without punctuation they are adverbs:
 * 最后一公里, 首先要) */
static size_t try_seq(const char *p, size_t n, int ctx, lec_marker *m)
{
    static const struct {
        const char *word;
        int ord;
    } words[] = {{"首先", 1}, {"其次", 2}, {"再次", 3}, {"最后", 0}};
    size_t k, w, c;

    (void)ctx;
    for (k = 0; k < sizeof words / sizeof *words; k++) {
        if ((w = starts(p, n, 0, words[k].word)) != 0 && (c = take(p, n, w, "，,：:")) != 0) {
            m->family = LEC_FAM_SEQ;
            m->ordinal = words[k].ord;
            return w + c;
        }
    }
    return 0;
}

/* 一是 二是, 一要 二要 */
static size_t try_shi_yao(const char *p, size_t n, int ctx, lec_marker *m)
{
    size_t used, j, c, u2;
    int val, v2;

    (void)ctx;
    if ((used = small_cn(p, n, 0, &val)) == 0) return 0;
    j = used;
    if ((c = starts(p, n, j, "是")) != 0) {
        /* the idiom 一是一，二是二 ("call a spade a spade"); 一是一些… is
         * a real point, so the repeated numeral must end a clause */
        u2 = small_cn(p, n, j + c, &v2);
        if (u2 && v2 == val && (j + c + u2 == n || take(p, n, j + c + u2, "，,、。；;！!？?：:")))
            return 0;
        m->family = LEC_FAM_SHI;
    } else if ((c = starts(p, n, j, "要")) != 0) {
        if (take(p, n, j + c, "求素")) /* 一要求, 二要素 */
            return 0;
        m->family = LEC_FAM_YAO;
    } else {
        return 0;
    }
    m->ordinal = val;
    return j + c;
}

/* 一、 一． 一. */
static size_t try_cn(const char *p, size_t n, int ctx, lec_marker *m)
{
    size_t used, c;
    int val;

    if ((used = small_cn(p, n, 0, &val)) == 0) return 0;
    if ((c = take(p, n, used, "、．.")) == 0 || range_follows(p, n, used + c)) {
        /* a heading "一" alone, or "一 标题": the bare numeral of an excerpt
         * compilation's part as the conversion writes it */
        size_t len;
        long next = cp_at(p, n, used, &len);
        if (ctx != LEC_MARK_HEADING || !(used == n || is_space(next))) return 0;
        c = 0;
    }
    m->family = LEC_FAM_CN;
    m->ordinal = val;
    return used + c;
}

static size_t try_en(const char *p, size_t n, int ctx, lec_marker *m);

/* （一） (一) （1） (1), brackets of either width in any mix; (1.) as
 * English texts write it, and "(1.) First," as one marker when the word
 * says the same number */
static size_t try_paren(const char *p, size_t n, int ctx, lec_marker *m)
{
    size_t i = take(p, n, 0, "（("), used, c;
    int val;

    (void)ctx;
    if (!i) return 0;
    i = skip_space(p, n, i);
    if ((used = small_cn(p, n, i, &val)) != 0) {
        m->family = LEC_FAM_CN_PAREN;
    } else if ((used = digits(p, n, i, &val)) != 0 && val >= 1) {
        m->family = LEC_FAM_NUM_PAREN;
        used += take(p, n, i + used, ".．");
    } else {
        return 0;
    }
    i = skip_space(p, n, i + used);
    if ((c = take(p, n, i, "）)")) == 0) {
        m->family = LEC_FAM_NONE;
        return 0;
    }
    i += c;
    m->ordinal = val;
    if (m->family == LEC_FAM_NUM_PAREN) {
        lec_marker w;
        size_t j = skip_space(p, n, i), k;
        memset(&w, 0, sizeof w);
        if (j > i && (k = try_en(p + j, n - j, LEC_MARK_BLOCK, &w)) != 0 && w.ordinal == val)
            return j + k;
    }
    return i + take(p, n, i, AFTER_BRACKET);
}

/* One-character markers: ㈠ ⑴ ⒈ ① ㉑ ㊱ */
static size_t try_enclosed(const char *p, size_t n, int ctx, lec_marker *m)
{
    static const struct {
        long first, last;
        int base;
        lec_family fam;
    } ranges[] = {
        {0x3220, 0x3229, 1, LEC_FAM_CN_PAREN},  /* ㈠-㈩ */
        {0x2474, 0x2487, 1, LEC_FAM_NUM_PAREN}, /* ⑴-⒇ */
        {0x2488, 0x249B, 1, LEC_FAM_NUM},       /* ⒈-⒛ */
        {0x2460, 0x2473, 1, LEC_FAM_CIRCLED},   /* ①-⑳ */
        {0x3251, 0x325F, 21, LEC_FAM_CIRCLED},  /* ㉑-㉟ */
        {0x32B1, 0x32BF, 36, LEC_FAM_CIRCLED},  /* ㊱-㊿ */
    };
    size_t len, k;
    long cp = cp_at(p, n, 0, &len);

    (void)ctx;
    for (k = 0; k < sizeof ranges / sizeof *ranges; k++) {
        if (cp >= ranges[k].first && cp <= ranges[k].last) {
            m->family = ranges[k].fam;
            m->ordinal = (int)(cp - ranges[k].first) + ranges[k].base;
            /* ⒈ has its dot already */
            return m->family == LEC_FAM_NUM ? len : len + take(p, n, len, AFTER_BRACKET);
        }
    }
    return 0;
}

/* 1. 1、 １． and 1） 1) */
static size_t try_num(const char *p, size_t n, int ctx, lec_marker *m)
{
    size_t used, c;
    int val;

    (void)ctx;
    if ((used = digits(p, n, 0, &val)) == 0 || val < 1) return 0;
    /* "1\." as text exported from Markdown escapes it */
    if (starts(p, n, used, "\\.") || starts(p, n, used, "\\)")) used++;
    /* a digit after the dot is a decimal or a range: 1.5亿 3.5% 1、2号线 */
    if ((c = take(p, n, used, ".．、")) != 0) {
        if (digit_at(p, n, used + c)) return 0;
        m->family = LEC_FAM_NUM;
        m->ordinal = val;
        return used + c;
    }
    if ((c = take(p, n, used, "）)")) != 0) {
        if (digit_at(p, n, used + c)) return 0;
        m->family = LEC_FAM_NUM_RPAREN;
        m->ordinal = val;
        return used + c + take(p, n, used + c, AFTER_BRACKET);
    }
    return 0;
}

/* A Roman numeral I ... XXXIX at p[0..n) in its canonical form: returns
 * its length with its value in *val, or 0. */
static size_t roman(const char *p, size_t n, int *val)
{
    static const char *const units[] = {"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"};
    char canon[16];
    size_t i = 0;
    int prev = 0, v, k;

    *val = 0;
    while (i < n && i < 8 && (p[i] == 'I' || p[i] == 'V' || p[i] == 'X')) {
        v = p[i] == 'I' ? 1 : p[i] == 'V' ? 5 : 10;
        *val += v > prev && prev ? v - 2 * prev : v;
        prev = v;
        i++;
    }
    if (i == 0 || *val < 1 || *val > 39) return 0;
    /* reject IIII, VX, IIX and the like by writing val back out */
    for (k = 0; k < *val / 10; k++)
        canon[k] = 'X';
    strcpy(canon + k, units[*val % 10]);
    if (strlen(canon) != i || memcmp(canon, p, i) != 0) return 0;
    return i;
}

/* I. II. ... XXXIX., canonical forms only, then a space or the end */
static size_t try_roman(const char *p, size_t n, int ctx, lec_marker *m)
{
    size_t i, len;
    long cp;
    int val;

    (void)ctx;
    if ((i = roman(p, n, &val)) == 0 || !starts(p, n, i, ".")) return 0;
    cp = cp_at(p, n, i + 1, &len);
    if (i + 1 < n && !is_space(cp) && cp != '\n' && cp != '\r') return 0;
    m->family = LEC_FAM_ROMAN;
    m->ordinal = val;
    return i + 1;
}

/* Article 12, ARTICLE IV, Section 5, SECTION 5., SEC. 2., Sec. 3: the
 * numbered divisions of English legal texts.  Set apart by a full stop, a
 * colon, a dash, a line end or the end of the text; "Article 5 of the
 * Treaty" is a reference (apart = 0). */
static const struct {
    const char *word;
    lec_family fam;
} legal_words[] = {
    {"Article ", LEC_FAM_EN_ARTICLE}, {"ARTICLE ", LEC_FAM_EN_ARTICLE},
    {"Section ", LEC_FAM_EN_SECTION}, {"SECTION ", LEC_FAM_EN_SECTION},
    {"Sec. ", LEC_FAM_EN_SECTION},    {"SEC. ", LEC_FAM_EN_SECTION},
};

/* A match begins with one of legal_words (lec_marker_never counts on it). */
static size_t try_en_legal(const char *p, size_t n, int ctx, lec_marker *m)
{
    const size_t nwords = sizeof legal_words / sizeof *legal_words;
    size_t k, j, used, len;
    int val;
    long cp;

    (void)ctx;
    for (k = 0; k < nwords; k++) {
        if ((j = starts(p, n, 0, legal_words[k].word)) == 0) continue;
        /* 1-4 digits (Section 1201) or a Roman numeral (Article IV) */
        val = 0;
        for (used = 0; used < 5 && j + used < n && p[j + used] >= '0' && p[j + used] <= '9'; used++)
            val = val * 10 + (p[j + used] - '0');
        if (used == 0) used = roman(p + j, n - j, &val);
        if (used == 0 || used > 4 || val < 1) return 0;
        j += used;
        cp = cp_at(p, n, j, &len);
        /* Section 5a, Section 2.1, Article 12(3): a part of one, or prose */
        if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || digit_val(cp) >= 0 ||
            cp == '(')
            return 0;
        if ((cp == '.' || cp == ':') && digit_at(p, n, j + 1)) return 0;
        m->family = legal_words[k].fam;
        m->ordinal = val;
        m->apart = j >= n || cp == '.' || cp == ':' || cp == '\n' || cp == '\r' ||
                   set_index(cp, "—–") >= 0 || (cp == ' ' && apart_at(p, n, j + 1));
        return j + take(p, n, j, ".:");
    }
    return 0;
}

/* The words of try_en, its first letter in either case: a match begins
 * with one of them, or with en_and (lec_marker_never counts on it). */
static const char *const en_words[] = {
    "first",  "second", "third", "fourth",   "fifth",   "sixth",   "seventh",
    "eighth", "ninth",  "tenth", "eleventh", "twelfth", "finally", "lastly",
};
static const char en_and[] = "and ";

/* Can an English ordinal begin with the byte c in ctx?  Lower case only
 * inside a paragraph: "…as follows: first, …". */
static int en_first(char c, int ctx)
{
    return (c >= 'A' && c <= 'Z') || (ctx == LEC_MARK_INLINE && c >= 'a' && c <= 'z');
}

/* First, Second, ... Twelfth, Firstly, Finally, Lastly, First of all,
 * and "And fifth:" going on with a run */
static size_t try_en(const char *p, size_t n, int ctx, lec_marker *m)
{
    static const int ords[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0, 0};
    _Static_assert(sizeof ords / sizeof *ords == sizeof en_words / sizeof *en_words,
                   "an ordinal a word");
    const char *const *words = en_words;
    size_t k, w, j, c, and = 0;

    if (n == 0 || !en_first(p[0], ctx)) return 0;
    /* "And fifth:": the ordinal in lower case after it */
    if ((p[0] | 0x20) == en_and[0] && starts(p, n, 1, en_and + 1)) {
        and = sizeof en_and - 1;
        p += and, n -= and;
        if (n == 0 || !(p[0] >= 'a' && p[0] <= 'z')) return 0;
    }
    for (k = 0; k < sizeof en_words / sizeof *en_words; k++) {
        w = strlen(words[k]);
        if (n < w || (p[0] | 0x20) != words[k][0] || memcmp(p + 1, words[k] + 1, w - 1) != 0)
            continue;
        j = w;
        if (ords[k] == 1 && starts(p, n, j, " of all"))
            j += 7;
        else if (ords[k] != 0 && starts(p, n, j, "ly"))
            j += 2;
        if ((c = take(p, n, j, ",:")) == 0) return 0;
        m->family = LEC_FAM_EN;
        m->ordinal = ords[k];
        return and + j + c;
    }
    return 0;
}

/* ---- public API -------------------------------------------------------- */

/* Families that can start after a clause boundary inside a paragraph. */
static int inline_family(lec_family f)
{
    switch (f) {
    case LEC_FAM_SHI:
    case LEC_FAM_YAO:
    case LEC_FAM_DI:
    case LEC_FAM_QI:
    case LEC_FAM_SEQ:
    case LEC_FAM_EN:
    case LEC_FAM_CN_PAREN:
    case LEC_FAM_NUM_PAREN:
    case LEC_FAM_CIRCLED:
        return 1;
    default:
        return 0;
    }
}

/* The families (their try_* below, as bits) that can begin with the
 * character at p; 0 for none.  Most paragraphs begin with an ordinary
 * word; they are turned away here.  A family whose first character is not
 * this one is not tried: every try_* asks for one of a few first
 * characters (Chinese numerals, 第 其 首 最 再, brackets, digits ASCII and
 * full-width, the enclosed numbers, Latin letters), so only the order of
 * those that remain decides, as before.  Trying them all cost each
 * paragraph that begins with a numeral eleven looks. */
enum {
    T_DI = 1 << 0, T_QI = 1 << 1, T_SEQ = 1 << 2, T_SHI_YAO = 1 << 3, T_CN = 1 << 4,
    T_PAREN = 1 << 5, T_ENCLOSED = 1 << 6, T_NUM = 1 << 7, T_ROMAN = 1 << 8,
    T_EN_LEGAL = 1 << 9, T_EN = 1 << 10
};

static unsigned can_start(const char *p, size_t n)
{
    size_t len;
    long cp = cp_at(p, n, 0, &len);
    if (cp < 0) return 0;
    if (cp < 0x80) {
        if (cp >= '0' && cp <= '9') return T_NUM;
        if (cp == '(') return T_PAREN;
        if (cp >= 'a' && cp <= 'z') return T_EN;
        if (cp < 'A' || cp > 'Z') return 0;
        /* I. II. V. X.; Article Section; First, And fifth: */
        return T_EN | (cp == 'I' || cp == 'V' || cp == 'X' ? T_ROMAN : 0u) |
               (cp == 'A' || cp == 'S' ? T_EN_LEGAL : 0u);
    }
    if (cp >= 0xFF10 && cp <= 0xFF19) return T_NUM;        /* ０-９ */
    if (cp >= 0x2460 && cp <= 0x249B) return T_ENCLOSED;   /* ① ⑴ ⒈ */
    if (cp >= 0x3220 && cp <= 0x3229) return T_ENCLOSED;   /* ㈠ */
    if ((cp >= 0x3251 && cp <= 0x325F) || (cp >= 0x32B1 && cp <= 0x32BF)) return T_ENCLOSED; /* ㉑ ㊱ */
    if (small_cn_char(cp)) return T_SHI_YAO | T_CN;        /* 一是 一、 */
    switch (cp) {
    case 0x7B2C: /* 第 */
        return T_DI;
    case 0x5176: /* 其一， 其次， */
        return T_QI | T_SEQ;
    case 0x9996: case 0x6700: case 0x518D: /* 首先 最后 再次 */
        return T_SEQ;
    case 0xFF08: /* （ */
        return T_PAREN;
    default:
        return 0;
    }
}

static int is_letter(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Can a text whose first word is w[0..lw) (ASCII letters, then a byte that
 * is not one) begin with word, its first letter in either case when fold?
 * A word of letters only must begin w; one that goes on after its letters
 * ("Sec. ", "and ") must have them as all of w. */
static int word_may_begin(const char *w, size_t lw, const char *word, int fold)
{
    /* The first letters first: most words differ there (w[0] is a letter,
     * and | 0x20 makes no other byte one). */
    if (fold ? (w[0] | 0x20) != (word[0] | 0x20) : w[0] != word[0]) return 0;
    size_t k = 1;
    while (is_letter(word[k])) k++;
    if (word[k] ? lw != k : lw < k) return 0;
    return memcmp(w + 1, word + 1, k - 1) == 0;
}

int lec_marker_never(const char *s, size_t n)
{
    size_t skip = skip_space(s, n, 0), len, lw = 0, k;
    const char *p = s + skip;
    int val;

    n -= skip;
    /* The first character after the white space, whole: what follows
     * cannot change it, nor so which families may begin (can_start). */
    if (cp_at(p, n, 0, &len) < 0) return 0;
    unsigned may = can_start(p, n);
    if (!en_first(p[0], LEC_MARK_BLOCK)) may &= ~(unsigned)T_EN;
    if (!may) return 1;
    /* Otherwise only a Latin word can be judged, once it has ended. */
    if (may & ~(unsigned)(T_EN | T_ROMAN | T_EN_LEGAL)) return 0;
    while (lw < n && is_letter(p[lw])) lw++;
    if (lw == n) return 0;
    /* roman() stops at the first byte that is no numeral letter, here or
     * in any longer text, and try_roman wants a '.' right after it. */
    if ((may & T_ROMAN) && roman(p, lw, &val) == lw) return 0;
    for (k = 0; (may & T_EN_LEGAL) && k < sizeof legal_words / sizeof *legal_words; k++)
        if (word_may_begin(p, lw, legal_words[k].word, 0)) return 0;
    if ((may & T_EN) && word_may_begin(p, lw, en_and, 1)) return 0;
    for (k = 0; (may & T_EN) && k < sizeof en_words / sizeof *en_words; k++)
        if (word_may_begin(p, lw, en_words[k], 1)) return 0;
    return 1;
}

/* Blanks and the stray separators (、，,.．：:) between a marker and its
 * title. */
static int before_title(long cp)
{
    switch (cp) {
    case 0x3001: case 0xFF0C: case ',': case '.': case 0xFF0E: case 0xFF1A: case ':':
        return 1;
    default:
        return is_space(cp);
    }
}

int lec_marker_scan(const char *s, size_t n, int ctx, lec_marker *m)
{
    typedef size_t (*try_fn)(const char *, size_t, int, lec_marker *);
    /* 其次 must reach try_seq after try_qi fails; 一是 is tried before 一、 */
    static const struct {
        try_fn fn;
        unsigned bit;
    } tries[] = {{try_di, T_DI},         {try_qi, T_QI},   {try_seq, T_SEQ},
                 {try_shi_yao, T_SHI_YAO}, {try_cn, T_CN},   {try_paren, T_PAREN},
                 {try_enclosed, T_ENCLOSED}, {try_num, T_NUM}, {try_roman, T_ROMAN},
                 {try_en_legal, T_EN_LEGAL}, {try_en, T_EN}};
    size_t skip = skip_space(s, n, 0), k, len, t, c;
    const char *p = s + skip;
    lec_marker c_m;
    long cp;

    memset(m, 0, sizeof *m);
    unsigned may = can_start(p, n - skip);
    if (!may) return 0;
    for (k = 0; k < sizeof tries / sizeof *tries; k++) {
        if (!(may & tries[k].bit)) continue;
        memset(&c_m, 0, sizeof c_m);
        len = tries[k].fn(p, n - skip, ctx, &c_m);
        if (len == 0 || (ctx == LEC_MARK_INLINE && !inline_family(c_m.family))) continue;
        c_m.skip = skip;
        c_m.len = len;
        /* the title starts after blanks and the stray separators that
         * scraped text leaves after a marker: "一、 、标题", "（一）．标题" */
        for (t = skip + len;; t += c) {
            cp = cp_at(s, n, t, &c);
            if (!before_title(cp)) break;
        }
        c_m.title = t;
        *m = c_m;
        return 1;
    }
    return 0;
}

int lec_marker_bare(const char *s, size_t n, lec_marker *m)
{
    /* numerals that make a word with what follows (一些 一切 二十 三个 …) */
    static const char words[] = "些切直定个种样般起方是要段旦贯致体项批次年月日天号点半级类期届"
                                "位名条成倍等线季部份同共齐再边带流生心时如味律概向道百千万亿";
    size_t skip = skip_space(s, n, 0), used, len;
    int val;

    memset(m, 0, sizeof *m);
    if ((used = small_cn(s, n, skip, &val)) == 0) return 0;
    long next = cp_at(s, n, skip + used, &len);
    if (next >= 0 && !is_space(next) && !(lec_cp_is_han((int32_t)next) && set_index(next, words) < 0))
        return 0;
    m->family = LEC_FAM_CN;
    m->ordinal = val;
    m->skip = skip;
    m->len = used;
    m->title = skip_space(s, n, skip + used);
    return 1;
}

size_t lec_lead_sentence(const char *s, size_t n)
{
    /* Byte by byte: the terminators are ASCII, or 。 (E3 80 82) and
     * ；！？： (EF BC 9B/81/9F/9A); every point's title is found here. */
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, len;
    long prev = -1, next;

    while (i < n) {
        unsigned c = u[i];
        if (c < 0x80) {
            if (c == '\n' || c == '\r' || c == ';' || c == '!' || c == '?') return i;
            if (c == ':') {
                /* a time or a ratio, 10:30 */
                next = cp_at(s, n, i + 1, &len);
                if (!(digit_val(prev) >= 0 && digit_val(next) >= 0)) return i;
            }
            if (c == '.' && ((prev >= 'A' && prev <= 'Z') || (prev >= 'a' && prev <= 'z'))) {
                next = i + 1 < n ? u[i + 1] : ' ';
                if (next == ' ' || next == '\t' || next == '\n' || next == '\r') return i;
            }
            prev = (long)c;
            i++;
            continue;
        }
        if (c == 0xE3 && i + 2 < n && u[i + 1] == 0x80 && u[i + 2] == 0x82) return i;
        if (c == 0xEF && i + 2 < n && u[i + 1] == 0xBC &&
            (u[i + 2] == 0x9B || u[i + 2] == 0x81 || u[i + 2] == 0x9F || u[i + 2] == 0x9A))
            return i;
        prev = cp_at(s, n, i, &len);
        i += len;
    }
    return n;
}

int lec_marker_spaced(const char *m, size_t n)
{
    if (n == 0) return 0;
    size_t k = n;
    while (k > 0 && ((unsigned char)m[k - 1] & 0xC0) == 0x80) k--;
    if (k > 0) k--;
    size_t len;
    long cp = cp_at(m, n, k, &len);
    return (cp >= 0 && cp < 0x80) || lec_cp_is_han((int32_t)cp);
}
