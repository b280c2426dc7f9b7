/*
 * fuse.c - where a heading ends when the line break after it was lost
 * (lectern/fuse.h).
 *
 * Each paragraph is decoded once into a window of at most READ_BYTES
 * bytes: a heading and the start of its body always fit, so the work per
 * sibling is bounded whatever the paragraph's length.  Standalone and
 * run-in headings are told by their length and first sentence end.  For
 * a fused one every cut gets a base score from what a reader of this
 * genre looks at (the word before the cut, the words after it, a term of
 * the heading repeated as the body's subject); then cuts that leave the
 * heading in the same shape as its neighbouring siblings get a bonus.
 */
#include "lectern/fuse.h"

#include "lectern/utf8.h"
#include "lectern/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define READ_BYTES 300 /* never look further into a paragraph than this */
#define WHOLE_MAX 40   /* a standalone heading has at most this many characters */
#define RUNIN_MAX 40   /* a run-in heading's sentence ends within this many */
#define CUT_MIN 4      /* a fused heading has at least 4 characters ... */
#define CUT_MAX 60     /* ... and at most 60 */
#define K_MAX 12       /* a shared run ends at most this far before the cut */
#define NEAR 4         /* siblings compared on each side (keeps it linear in n) */
#define NEAR_FIRST(i) ((i) > NEAR ? (i)-NEAR : 0)
#define NEAR_LAST(i, n) ((i) + NEAR < (n) ? (i) + NEAR : (n)-1)
#define ANCHOR_MIN 2 /* base score that makes a sibling's cut worth agreeing with */
#define QUOTE_MAX 120 /* characters a quote runs before it is taken for unclosed */

/* The bar for LEC_CUT_SURE: cues of at least two kinds, a score of at
 * least SURE_BAR, and no other cut ranked the same.  The weakest pair that
 * passes is a heading word with a common body opener (2 + 2); a heading
 * word with a weak opener (要, 坚持: 1) does not. */
#define SURE_BAR 4
enum { CUE_END = 1, CUE_BODY = 2, CUE_REPEAT = 4, CUE_PARALLEL = 8 };
enum { W_END = 2, W_PARALLEL = 3, W_SPLIT = -1, W_OPENER_BEFORE = -2, W_COMMA = -2 };

enum { C_WHOLE, C_RUNIN, C_FUSED };

/* The words a heading of this genre ends with: the noun naming the field
 * of work it is about (…共建体制, …建设水平, …疫情防控工作). */
static const char *const head_end[] = {
    "体制", "机制", "体系", "建设", "工作", "能力", "水平", "作用", "责任", "格局", "环境", "任务",
    "问题", "质量", "保障", "发展", "管理", "制度", "意识", "领导", "方面", "重点", "基础", "作风",
    "队伍", "效率", "方法", "措施", "活力", "动力", "效能", "服务", "治理", "监督",
    "意义", "研究", "成果", "精神", "事业", "关系",
};

/* How a body paragraph opens: a time frame, a trend, the speaker's "we",
 * the audience (各级 各地 各部门), an obligation.  3 for phrases that hardly ever start a
 * heading, 2 for common openers, 1 for verbs that start headings as well
 * (要 坚持).  A year ("2005年") and 在…同时 are matched in body_cue(). */
static const struct {
    const char *w;
    int weight;
} body_start[] = {
    {"近年来", 3}, {"多年来", 3}, {"今年以来", 3}, {"长期以来", 3}, {"党的十八大以来", 3},
    {"随着", 3},   {"同志们", 3}, {"当前", 2},     {"目前", 2},     {"我们", 2},
    {"我想", 2},   {"大家", 2},   {"各级", 2},     {"各地", 2},     {"各部门", 2},
    {"今年", 2},   {"去年", 2},   {"为了", 2},     {"必须", 2},     {"首先", 2},
    {"一是", 2},   {"这", 2},     {"要", 1},       {"坚持", 1},
};

/* Discourse words that open a body when a comma sets them off (body_cue). */
static const char *const set_off[] = {"现在", "如今", "同时", "此外", "为此", "对此", "总之",
                                      "事实上", "实践证明", "历史证明", "众所周知"};

/* A heading does not end on a particle or a word that waits for its
 * object or partner (…工作的|, …监督和|, …今年是|), and a body does not start with
 * one that binds to what precedes it (|的领导, |和预防).  Only characters
 * that hardly ever end (or begin) a word are listed: 与 对 在 向 及 以 end
 * 参与 应对 所在 导向 普及 予以, and 地 了 着 begin 地方 了解 着力. */
static const char no_head_end[] = "的和或把被将是";
static const char no_body_start[] = "的和与及或等们之也并";
/* What a body's subject is followed by (and 作为): 海关是…, 海关处在… */
static const char subject_next[] = "是要在处的";
static const char openers[] = "“‘（(《〈「『【[〔〖";
static const char closers[] = "”’）)》〉」』】]〕〗";

/* Which characters begin (or end) a word of the lists, 1,024 bits by a
 * code point's low bits: looked at before the words are matched one by
 * one (a heading-end word is looked for twice at every cut).  Made at
 * each call of lec_fuse_split; a set that cannot be trusted lets all
 * through. */
typedef struct cue_chars {
    uint32_t head_first[32];  /* head_end */
    uint32_t body_first[32];  /* body_start */
    uint32_t set_first[32];   /* body_cue's set_off */
    uint32_t opener_last[32]; /* body_start, weight 2 or more, 2 characters or more */
    uint32_t open[32], close[32]; /* every character of openers, of closers */
} cue_chars;

typedef struct para {
    const cue_chars *cues;
    const unsigned char *src;           /* the paragraph's bytes */
    int32_t cp[READ_BYTES];             /* -1 for an invalid byte */
    unsigned short off[READ_BYTES + 1]; /* byte offsets: at most READ_BYTES + 3 */
    int nch;                            /* characters read */
    int len;      /* characters that count (trailing spaces dropped when all was read) */
    int complete; /* the window holds the whole paragraph */
    int send;     /* index of the first sentence end, or -1 */
    int after;    /* index after it and the closing marks that go with it */
    int cls;      /* C_WHOLE, C_RUNIN or C_FUSED */
    int suspect;  /* looks run-in, but most siblings around it are fused */
    int lo, hi;   /* candidate cuts, in characters */
    signed char legal[CUT_MAX + 1];
    int base[CUT_MAX + 1];
    int kinds[CUT_MAX + 1];
    signed char strong[CUT_MAX + 1]; /* a body opener that hardly ever starts a heading */
    signed char bodyw[CUT_MAX + 1];  /* the weight of the body opener there */
    int parallel[CUT_MAX + 1];
} para;

/* ---- characters ------------------------------------------------------ */

static int in_set(int32_t cp, const char *set)
{
    /* UTF-8 synchronises itself: cp's bytes found in the set are cp. */
    char u[5];
    if (cp <= 0) return 0;
    u[lec_utf8_encode(cp, u)] = 0;
    return strstr(set, u) != NULL;
}

static int is_alnum(int32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||
           (c >= 0xFF41 && c <= 0xFF5A);
}

static int is_digit(int32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

static int is_han(int32_t c)
{
    return c >= 0 && lec_cp_is_han(c);
}

/* 。！？； and their ASCII forms */
static int is_stop(int32_t c)
{
    return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B || c == '!' || c == '?' ||
           c == ';';
}

/* A sentence end; an ASCII dot only when no letter or digit follows
 * (1.5亿 and www.gov.cn go on). */
static int is_end(const para *p, int i)
{
    int32_t c = p->cp[i];

    return is_stop(c) || (c == '.' && !(i + 1 < p->nch && is_alnum(p->cp[i + 1])));
}

/* Number of characters of w found at index i, or 0 when w is not there.
 * Compared as bytes: w is valid UTF-8, so where the window's bytes are
 * w's they decode to w's characters (and nowhere else).  Half a million
 * calls a library, most failing at the first byte or the second. */
static int match(const para *p, int i, const char *w)
{
    if (i < 0 || i >= p->nch || !*w) return 0;
    const unsigned char *b = p->src + p->off[i], *u = (const unsigned char *)w;
    size_t room = (size_t)(p->off[p->nch] - p->off[i]);
    int chars = 0;
    for (size_t k = 0; u[k]; k++) {
        if (k >= room || b[k] != u[k]) return 0;
        chars += (u[k] & 0xC0) != 0x80;
    }
    return chars;
}

static void cue_mark(uint32_t *set, int32_t c)
{
    if (c >= 0) set[(c >> 5) & 31] |= 1u << (c & 31);
}

/* Whether a word whose first (or last) character is in set may be at a
 * character c. */
static int cue_may(const uint32_t *set, int32_t c)
{
    return c >= 0 && (set[(c >> 5) & 31] >> (c & 31) & 1u);
}

/* Whether c is one of the characters of set (openers or closers), whose
 * characters are all in bits. */
static int in_marks(const uint32_t *bits, int32_t c, const char *set)
{
    return cue_may(bits, c) && in_set(c, set);
}

static void mark_all(uint32_t *set, const char *w)
{
    size_t k = 0, n = strlen(w);
    while (k < n) {
        int32_t c;
        k += (size_t)lec_utf8_decode(w + k, n - k, &c);
        cue_mark(set, c);
    }
}

/* The character of w at index at (-1 when w is shorter). */
static int32_t char_of(const char *w, int at)
{
    size_t k = 0, n = strlen(w);
    int32_t c = -1;
    for (int i = 0; i <= at; i++) {
        if (k >= n) return -1;
        k += (size_t)lec_utf8_decode(w + k, n - k, &c);
    }
    return c;
}

/* ---- reading and classifying ------------------------------------------ */

static void read_para(para *p, const char *s, size_t len)
{
    size_t o = 0;
    int n = 0;

    p->src = (const unsigned char *)s;
    while (o < len && o < READ_BYTES) {
        p->off[n] = (unsigned short)o;
        o += (size_t)lec_utf8_decode_strict(s + o, len - o, &p->cp[n]);
        n++;
    }
    p->off[n] = (unsigned short)o;
    p->nch = n;
    p->complete = o == len;
    while (p->complete && n > 0 && p->cp[n - 1] >= 0 && lec_cp_is_space(p->cp[n - 1]))
        n--;
    p->len = n;
    /* A sentence end inside quotes or brackets ends no sentence of the
     * text (…我常说，“读书。再读书。”…), unless the quote never seems to
     * close. */
    p->send = -1;
    for (int i = 0, depth = 0, open = 0; i < p->len && p->send < 0; i++) {
        if (in_marks(p->cues->open, p->cp[i], openers) && depth++ == 0) open = i;
        if (in_marks(p->cues->close, p->cp[i], closers) && depth > 0) depth--;
        if (is_end(p, i) && (depth == 0 || i - open > QUOTE_MAX)) p->send = i;
    }
    p->after = p->send + 1;
    while (p->send >= 0 && p->after < p->nch &&
           (in_marks(p->cues->close, p->cp[p->after], closers) || is_end(p, p->after)))
        p->after++;
    if (p->complete && p->len <= WHOLE_MAX && (p->send < 0 || p->after >= p->len))
        p->cls = C_WHOLE;
    else if (p->send >= 0 && p->send < RUNIN_MAX && p->after < p->len)
        p->cls = C_RUNIN;
    else
        p->cls = C_FUSED;
}

/* Byte offset just after the first sentence end of the paragraph (and its
 * closing marks), or len when it has none; reads on past the window. */
static size_t first_sentence(const para *p, const char *s, size_t len)
{
    size_t o = 0;
    int32_t c;
    int ended = 0, depth = 0, chars = 0, open = 0;

    if (p->send >= 0) return p->off[p->after];
    while (o < len) {
        int k = lec_utf8_decode(s + o, len - o, &c);
        int stop = (is_stop(c) || c == '.') && (depth == 0 || chars - open > QUOTE_MAX);
        if (ended && !stop && !in_marks(p->cues->close, c, closers)) break;
        if (in_marks(p->cues->open, c, openers) && depth++ == 0) open = chars;
        if (in_marks(p->cues->close, c, closers) && depth > 0) depth--;
        ended |= stop;
        o += (size_t)k;
        chars++;
    }
    return o;
}

/* ---- lexical cues ----------------------------------------------------- */

/* Whether a heading may end before index c: never inside quotes or
 * brackets, a number or a word, nor next to punctuation of the sentence
 * (a heading ends on a word or a closing mark, a body opens with a word
 * or an opening mark). */
static int legal_cut(const para *p, int c, int depth)
{
    int32_t a = p->cp[c - 1], b = p->cp[c];

    if (depth > 0) return 0;
    if (!(is_han(a) || is_alnum(a) || in_marks(p->cues->close, a, closers)) || in_set(a, no_head_end))
        return 0;
    if (!(is_han(b) || is_alnum(b) || in_marks(p->cues->open, b, openers)) || in_set(b, no_body_start))
        return 0;
    if (is_digit(a) && (is_han(b) || is_alnum(b))) return 0;
    return !(is_alnum(a) && is_alnum(b));
}

/* A clause of time or circumstance that opens the body and ends at a
 * comma: 1 for 改革开放以来， 疫情发生后， (where it starts is not known:
 * 精神|改革开放以来 and 精神改革|开放以来 read alike), 2 for one that begins
 * with 在 (在历史长河中， 在新的形势下，), which says where it starts. */
static int adverbial_at(const para *p, int c)
{
    int i = c;
    while (i < p->nch && i - c < 16 && is_han(p->cp[i])) i++;
    if (i >= p->nch || !(p->cp[i] == 0xFF0C || p->cp[i] == ',')) return 0;
    int len = i - c;
    if (match(p, c, "在") && len >= 3 && !match(p, i - 2, "当前") && !match(p, i - 2, "目前")) {
        static const char *const place[] = {"中", "上", "下", "里", "时", "前", "期间", "之际"};
        for (size_t k = 0; k < sizeof place / sizeof *place; k++)
            if (match(p, i - (int)strlen(place[k]) / 3, place[k])) return 2;
    }
    if (len >= 4 && (match(p, i - 2, "以来") || match(p, i - 2, "以后") || match(p, i - 2, "之后")))
        return 1;
    if (len >= 4 && match(p, i - 1, "后")) return 1;
    return 0;
}

/* A couplet quoted to open the body: two clauses of five to eight
 * characters, of one length, a comma between and a full stop after
 * (疾风知劲草，板荡识诚臣。); four and four is every other phrase of a
 * speech (认真研究，抓好落实。).  Returns 2 for a couplet that is a
 * sentence, 1 for one a sentence goes on after, else 0. */
static int couplet_at(const para *p, int c)
{
    int i = c;
    while (i < p->nch && i - c <= 8 && is_han(p->cp[i])) i++;
    int len = i - c;
    if (len < 5 || len > 8 || i >= p->nch || p->cp[i] != 0xFF0C) return 0;
    int j = i + 1;
    while (j < p->nch && j - (i + 1) <= 8 && is_han(p->cp[j])) j++;
    if (j - (i + 1) != len || j >= p->nch) return 0;
    /* 2: a sentence of its own; 1: a sentence goes on after it
     * (党政军民学，东西南北中，党是…) */
    return p->cp[j] == 0x3002 || p->cp[j] == 0xFF1B ? 2 : p->cp[j] == 0xFF0C && len <= 7 ? 1 : 0;
}

/* A whole sentence quoted to open the body: “…。” (a quoted name such as
 * “两弹一星” has no full stop before its closing mark). */
static int quoted_sentence_at(const para *p, int c)
{
    if (p->cp[c] != 0x201C) return 0;
    for (int i = c + 1; i < p->nch && i <= c + QUOTE_MAX; i++) {
        if (p->cp[i] == 0x201C) return 0;
        if (p->cp[i] == 0x201D) return is_stop(p->cp[i - 1]);
    }
    return 0;
}

/* The speaker as the subject opening the body: 我 and a verb (我多次强调，
 * 我在…讲过), not 我国 我省 我们党, which headings use. */
static int speaker_at(const para *p, int c)
{
    if (!match(p, c, "我") || c + 1 >= p->nch) return 0;
    if (p->cp[c + 1] == 0x4EEC) /* 我们, but not 我们党 我们国家 */
        return c + 2 < p->nch && !in_set(p->cp[c + 2], "党国的");
    return !in_set(p->cp[c + 1], "国省市县区军党校院厂部局");
}

/* Weight of the body opener at index c (0 for none); *strong set when it
 * is one a heading hardly ever holds, at a place it fixes. */
static int body_cue(const para *p, int c, int *strong)
{
    int best = 0, a;

    *strong = 0;
    int may = c < p->nch && cue_may(p->cues->body_first, p->cp[c]);
    for (size_t k = 0; may && k < sizeof body_start / sizeof body_start[0]; k++) {
        int l;
        if (body_start[k].weight <= best || (l = match(p, c, body_start[k].w)) == 0) continue;
        best = body_start[k].weight;
        /* a time or a discourse word set off by a comma (当前， 现在，)
         * opens a sentence, not a heading */
        if (best >= 2 && c + l < p->nch && p->cp[c + l] == 0xFF0C) best = 3;
        *strong = best >= 3;
    }
    may = c < p->nch && cue_may(p->cues->set_first, p->cp[c]);
    for (size_t k = 0; may && k < sizeof set_off / sizeof *set_off; k++) {
        int l = match(p, c, set_off[k]);
        if (l && c + l < p->nch && p->cp[c + l] == 0xFF0C) best = 3, *strong = 1;
    }
    /* a year: 2005年 */
    if (c + 4 < p->nch && is_digit(p->cp[c]) && is_digit(p->cp[c + 1]) && is_digit(p->cp[c + 2]) &&
        is_digit(p->cp[c + 3]) && p->cp[c + 4] == 0x5E74)
        best = 3, *strong = 1;
    if ((a = adverbial_at(p, c)) != 0) {
        best = 3;
        *strong |= a == 2;
    }
    if (speaker_at(p, c) || couplet_at(p, c) == 2) best = 3, *strong = 1;
    if (best < 2 && couplet_at(p, c) == 1) best = 2;
    if (best < 2 && quoted_sentence_at(p, c)) best = 2;
    /* 在…的同时: a clause of circumstance, within one phrase */
    if (match(p, c, "在"))
        for (int i = c + 2; i < p->nch && i < c + 16 && is_han(p->cp[i]); i++)
            if (match(p, i, "同时")) return *strong = 1, 3;
    return best;
}

/* Weight of the repeat-subject cue at c: a 2-4 character term of the
 * heading (before c) that opens the body.  A longer term is less likely
 * to repeat by chance; a term followed by 是/要/作为/在/处/的 reads as
 * the body's subject. */
static int repeat_cue(const para *p, int c)
{
    for (int l = 4; l >= 2; l--) {
        int ok = c + l <= p->nch;
        for (int k = 0; ok && k < l; k++)
            ok = is_han(p->cp[c + k]);
        for (int s = 0; ok && s + l <= c; s++) {
            if (p->cp[s] != p->cp[c] ||
                memcmp(&p->cp[s], &p->cp[c], (size_t)l * sizeof p->cp[0]) != 0)
                continue;
            /* the same character before both: the term is longer and the
             * cut splits it (对疫|情防控 after 疫情防控) */
            if (s > 0 && p->cp[s - 1] == p->cp[c - 1]) return 0;
            /* …or a word that begins with the term: 考古…|考古学是 */
            int subj = (c + l < p->nch && in_set(p->cp[c + l], subject_next)) ||
                       match(p, c + l, "作为") ||
                       (c + l + 1 < p->nch && is_han(p->cp[c + l]) && p->cp[c + l + 1] == 0x662F);
            /* 2 characters: 1, or 3 as a subject; 3-4: 3, or 4 */
            return (l >= 3 ? 3 : 1) + (subj ? (l >= 3 ? 1 : 2) : 0);
        }
    }
    return 0;
}

static int head_word_at(const para *p, int i)
{
    if (i < 0 || i >= p->nch || !cue_may(p->cues->head_first, p->cp[i])) return 0;
    for (size_t k = 0; k < sizeof head_end / sizeof head_end[0]; k++)
        if (i >= 0 && match(p, i, head_end[k])) return 1;
    return 0;
}

/* Whether the characters before c are a body opener of two or more
 * characters (single ones such as 要 end words like 重要). */
static int ends_with_opener(const para *p, int c)
{
    /* 我|在今年…, 我在|今年…: the cut would part the speaker from the verb */
    for (int k = c - 1; k >= 0 && k >= c - 2; k--)
        if (speaker_at(p, k) && !(k > 0 && match(p, k - 1, "自"))) return 1;
    /* each word looked for ends at c - 1 */
    if (c < 1 || c - 1 >= p->nch || !cue_may(p->cues->opener_last, p->cp[c - 1])) return 0;
    for (size_t k = 0; k < sizeof body_start / sizeof body_start[0]; k++) {
        int l = (int)strlen(body_start[k].w) / 3; /* all Han: 3 bytes each */
        if (body_start[k].weight >= 2 && l >= 2 && c >= l && match(p, c - l, body_start[k].w))
            return 1;
    }
    return 0;
}

/* Fills legal/base/kinds for the candidate cuts of a fused paragraph. */
static void score_lexical(para *p)
{
    int limit = p->send >= 0 ? p->send : (p->complete ? p->len : p->nch) - 1;
    int depth = 0, commas = 0;

    p->lo = CUT_MIN;
    p->hi = limit < CUT_MAX ? limit : CUT_MAX;
    for (int c = 1; c <= p->hi; c++) {
        int32_t a = p->cp[c - 1];
        if (in_marks(p->cues->open, a, openers)) depth++;
        if (in_marks(p->cues->close, a, closers) && depth > 0) depth--;
        commas += a == 0xFF0C || a == ',';
        if (c < p->lo) continue;
        p->legal[c] = (signed char)legal_cut(p, c, depth);
        if (!p->legal[c]) continue;
        int w;
        if (head_word_at(p, c - 2)) {
            p->base[c] += W_END;
            p->kinds[c] |= CUE_END;
        }
        int strong;
        if ((w = body_cue(p, c, &strong)) > 0) {
            p->base[c] += w;
            p->kinds[c] |= CUE_BODY;
            p->strong[c] = (signed char)strong;
            p->bodyw[c] = (signed char)w;
        }
        if ((w = repeat_cue(p, c)) > 0) {
            p->base[c] += w;
            p->kinds[c] |= CUE_REPEAT;
        }
        /* a heading-end word right after the cut means the cut splits a
         * compound (体系|建设水平): the heading goes on */
        if (head_word_at(p, c)) p->base[c] += W_SPLIT;
        /* a body opener right before it belongs to the body (各级|党组织要) */
        if (ends_with_opener(p, c)) p->base[c] += W_OPENER_BEFORE;
        /* a heading is one phrase, or two joined by a comma; each further
         * comma makes the cut more likely to be inside the body */
        if (commas > 1) p->base[c] += W_COMMA * (commas - 1);
    }
}

/* ---- parallel siblings ------------------------------------------------ */

static int scored(const para *p)
{
    return p->cls == C_FUSED || p->suspect;
}

/* How far a sibling's heading can reach, and whether it can end at c.  A
 * standalone or run-in sibling ends where it ends; a fused one at a cut
 * that the lexical cues already like. */
static int reach(const para *q)
{
    if (scored(q)) return q->hi;
    return q->cls == C_WHOLE ? q->len : q->send;
}

static int anchor(const para *q, int c)
{
    if (scored(q)) return c >= q->lo && c <= q->hi && q->legal[c] && q->base[c] >= ANCHOR_MIN;
    return c == reach(q);
}

static int same_han(int32_t a, int32_t b)
{
    return a == b && is_han(a);
}

/* Marks in seen[] the cuts of p that q agrees with: p and q share a run of
 * Han characters (at least 4, or 2 when both headings end with it), and a
 * cut k characters after the run in p has a matching anchor k characters
 * after it in q.  A longest-common-suffix table over the two windows. */
static void agree(const para *p, const para *q, int *seen)
{
    int rows[2][CUT_MAX + 2] = {{0}};
    int *prev = rows[0], *cur = rows[1], *t;
    int rq = reach(q);
    /* q's characters, hashed into 256 bits: most of p's are not among
     * them (the bits say so without a false no). */
    uint64_t in_q[4] = {0};
    for (int b = 0; b < rq; b++) {
        uint32_t h = (uint32_t)q->cp[b] * 0x9E3779B1u >> 24;
        in_q[h >> 6] |= (uint64_t)1 << (h & 63);
    }

    for (int a = 0; a < p->hi; a++, t = prev, prev = cur, cur = t) {
        int32_t x = p->cp[a];
        uint32_t h = (uint32_t)x * 0x9E3779B1u >> 24;
        /* A row of a character that is not Han, or not in q, is all 0
         * (same_han): no run ends there.  Else only equal characters
         * count. */
        if (!(in_q[h >> 6] >> (h & 63) & 1) || !is_han(x)) {
            for (int b = 0; b < rq; b++)
                cur[b] = 0;
            continue;
        }
        for (int b = 0; b < rq; b++) {
            cur[b] = q->cp[b] == x ? (b > 0 ? prev[b - 1] : 0) + 1 : 0;
            int run = cur[b];
            if (run < 2 || (a + 1 < p->hi && b + 1 < rq && same_han(p->cp[a + 1], q->cp[b + 1])))
                continue;
            for (int k = 0; k <= K_MAX && (run >= 4 || k == 0); k++) {
                int c = a + 1 + k;
                if (c > p->hi) break;
                if (c >= p->lo && p->legal[c] && anchor(q, b + 1 + k)) seen[c] = 1;
            }
        }
    }
}

/* The parallel cue for sibling i: at least half of its neighbours agree,
 * and at least two of them unless it has only one (a single sibling may
 * share a run by chance, often in its body). */
static void score_parallel(para *ps, size_t n, size_t i)
{
    para *p = &ps[i];
    int support[CUT_MAX + 1] = {0};
    int m = 0;

    if (p->lo > p->hi) return;
    for (size_t j = NEAR_FIRST(i); j <= NEAR_LAST(i, n); j++) {
        int seen[CUT_MAX + 1] = {0};
        if (j == i) continue;
        m++;
        agree(p, &ps[j], seen);
        for (int c = p->lo; c <= p->hi; c++)
            support[c] += seen[c];
    }
    for (int c = p->lo; c <= p->hi; c++)
        if (2 * support[c] >= m && (support[c] >= 2 || (m == 1 && support[c] == 1)))
            p->parallel[c] = W_PARALLEL;
}

/* ---- deciding --------------------------------------------------------- */

static int popcount(int x)
{
    int k = 0;
    for (; x; x &= x - 1)
        k++;
    return k;
}

/* Rank of a cut: its score, then how many kinds of cue agree (agreeing
 * cues beat one strong cue, which is often a repetition inside the body),
 * then whether the body side speaks for it (an opener or a repeated
 * subject says more than a heading word, which headings have inside them
 * too: 重点领域, 工作落实). */
static long rank(const para *p, int c)
{
    int kinds = p->kinds[c] | (p->parallel[c] ? CUE_PARALLEL : 0);
    int body = (kinds & (CUE_BODY | CUE_REPEAT)) != 0;

    return ((long)(p->base[c] + p->parallel[c]) * 8 + popcount(kinds)) * 2 + body;
}

/* The best cut of a scored paragraph (-1 when nothing scores) and how
 * sure it is; between cuts of the same rank the earlier one wins (the
 * body starts at its first chance) but is not sure.  Sure: cues of two
 * kinds agree on it, or a strong body opener (我多次强调， 改革开放以来，)
 * stands there with no earlier cut that scores as a rival. */
static int best_cut(const para *p, int *how)
{
    long best = 0;
    int bc = -1, tie = 0;

    for (int c = p->lo; c <= p->hi; c++) {
        if (!p->legal[c] || p->base[c] + p->parallel[c] <= 0) continue;
        long r = rank(p, c);
        if (bc >= 0 && r == best) tie = 1;
        if (bc < 0 || r > best) {
            best = r;
            bc = c;
            tie = 0;
        }
    }
    if (bc < 0) return -1;
    /* what comes after a strong opener is body anyway: only earlier cuts
     * are rivals */
    int rival = 0;
    for (int c = p->lo; c < bc; c++)
        if (p->legal[c] && p->base[c] + p->parallel[c] > rival) rival = p->base[c] + p->parallel[c];
    int kinds = p->kinds[bc] | (p->parallel[bc] ? CUE_PARALLEL : 0);
    int score = p->base[bc] + p->parallel[bc];
    /* a cut of the same rank after a strong opener is inside the body */
    if (p->strong[bc]) tie = 0;
    int sure = (score >= SURE_BAR && popcount(kinds) >= 2) || (p->strong[bc] && score >= 3 && rival < 2);
    *how = sure && !tie ? LEC_CUT_SURE : LEC_CUT_UNSURE;
    return bc;
}

/* A run-in paragraph, or a short one that ends its sentence: a strong
 * opener inside the sentence still shows a fused heading. */
static int short_sentence(const para *p)
{
    return p->cls == C_RUNIN || (p->cls == C_WHOLE && p->send >= 0 && p->send > CUT_MIN);
}

/* Whether the paragraph begins with its hint and goes on with more words
 * than the hint says, the cut after it being one a heading may end at. */
static int hinted(const lec_fused *h, const para *p)
{
    if (!h->hint || h->hint_len == 0 || h->hint_len >= h->len || h->hint_len > READ_BYTES - 12 ||
        memcmp(h->s, h->hint, h->hint_len) != 0)
        return 0;
    int c = 0;
    while (c < p->nch && p->off[c] < h->hint_len) c++;
    if (c < 2 || c >= p->nch || p->off[c] != h->hint_len) return 0;
    /* the hint is a whole phrase of the paragraph: no quote left open, and
     * no word cut in two */
    int depth = 0;
    for (int i = 0; i < c; i++) {
        if (in_marks(p->cues->open, p->cp[i], openers)) depth++;
        if (in_marks(p->cues->close, p->cp[i], closers) && depth > 0) depth--;
    }
    return legal_cut(p, c, depth);
}

void lec_fuse_split(const lec_fused *h, size_t n, size_t *cut, int *how)
{
    para *ps;

    if (n == 0) return;
    cue_chars cues;
    memset(&cues, 0, sizeof cues);
    mark_all(cues.open, openers);
    mark_all(cues.close, closers);
    for (size_t k = 0; k < sizeof head_end / sizeof head_end[0]; k++)
        cue_mark(cues.head_first, char_of(head_end[k], 0));
    for (size_t k = 0; k < sizeof set_off / sizeof set_off[0]; k++)
        cue_mark(cues.set_first, char_of(set_off[k], 0));
    for (size_t k = 0; k < sizeof body_start / sizeof body_start[0]; k++) {
        cue_mark(cues.body_first, char_of(body_start[k].w, 0));
        /* ends_with_opener takes a word's length as its bytes / 3: the
         * character there is the one before the cut (every word is Han;
         * were one not, the filter would let everything through) */
        int l = (int)strlen(body_start[k].w) / 3;
        if (char_of(body_start[k].w, l) >= 0 || char_of(body_start[k].w, l - 1) < 0)
            memset(cues.opener_last, 0xFF, sizeof cues.opener_last);
        else
            cue_mark(cues.opener_last, char_of(body_start[k].w, l - 1));
    }
    ps = lec_xcalloc(n, sizeof *ps);
    for (size_t i = 0; i < n; i++) {
        ps[i].cues = &cues;
        read_para(&ps[i], h[i].s, h[i].len);
    }
    /* Siblings are written alike: among fused siblings, a paragraph that
     * looks run-in had no sentence end in its heading either, so its
     * first sentence is probably body; it is scored as fused too. */
    for (size_t i = 0; i < n; i++) {
        int fused = 0, m = 0;
        for (size_t j = NEAR_FIRST(i); ps[i].cls == C_RUNIN && j <= NEAR_LAST(i, n); j++) {
            m += j != i;
            fused += j != i && ps[j].cls == C_FUSED;
        }
        ps[i].suspect = m > 0 && 2 * fused > m;
    }
    /* A run-in paragraph is scored too, but only a sure cut at a body
     * opener that headings hardly ever hold cuts it (…办好自己的事我在会上
     * 讲过，…。). */
    for (size_t i = 0; i < n; i++)
        if (scored(&ps[i]) || short_sentence(&ps[i])) score_lexical(&ps[i]);
    for (size_t i = 0; i < n; i++)
        if (scored(&ps[i])) score_parallel(ps, n, i);

    for (size_t i = 0; i < n; i++) {
        para *p = &ps[i];
        if (hinted(&h[i], p)) {
            cut[i] = h[i].hint_len;
            how[i] = LEC_CUT_SURE;
            continue;
        }
        int c = scored(p) ? best_cut(p, &how[i]) : -1;
        if (short_sentence(p) && !scored(p)) {
            int hw = LEC_CUT_UNSURE, rc = best_cut(p, &hw);
            if (rc > 0 && hw == LEC_CUT_SURE && p->bodyw[rc] >= 2) {
                cut[i] = p->off[rc];
                how[i] = LEC_CUT_SURE;
                continue;
            }
        }
        if (c > 0 && how[i] == LEC_CUT_SURE) {
            cut[i] = p->off[c];
        } else if (c > 0 && p->cls == C_RUNIN) {
            /* a guess is never taken: the first sentence stays whole */
            cut[i] = p->off[p->after];
        } else if (c > 0) {
            cut[i] = first_sentence(p, h[i].s, h[i].len);
        } else if (p->cls == C_WHOLE) {
            cut[i] = h[i].len;
            how[i] = LEC_CUT_WHOLE;
        } else if (p->cls == C_RUNIN) {
            cut[i] = p->off[p->after];
            how[i] = LEC_CUT_RUNIN;
        } else {
            cut[i] = first_sentence(p, h[i].s, h[i].len);
            how[i] = LEC_CUT_UNSURE;
        }
    }
    free(ps);
}
