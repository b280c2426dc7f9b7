/*
 * search.c - finding a pattern in text as a reader sees it (lectern/search.h).
 *
 * Pattern and text are folded the same way, one code point at a time, and
 * compared byte for byte.  The folding of a code point is:
 *  - white space (ASCII space, tab, CR, LF, VT, FF, NEL, NBSP, every other
 *    Zs, U+2028, U+2029, U+3000): one ' ', and a run of it one ' ' in all;
 *  - ASCII: itself (letters lowercased when the case is ignored);
 *  - CJK ideographs: the member of its Simplified/Traditional class that
 *    the class folds to (hanfold.h; itself with LEC_SEARCH_NO_HANFOLD),
 *    from a table, without asking utf8proc, which keeps Chinese fast;
 *  - the punctuation NFKC leaves apart (the table in punct()): “ ” „ ‟ to ",
 *    ‘ ’ ‚ ‛ to ', 。 to ., 、 to ",", ‐ ‒ – — ― − to -, ・ ‧ to ·;
 *  - anything else: its compatibility decomposition (NFKD), case folded when
 *    the case is ignored, each resulting code point through that table
 *    again (so ｡ becomes 。 and then .).  Default-ignorable code points
 *    (U+200B, U+FEFF, U+00AD, ZWJ, variation selectors) fold to nothing, so
 *    a zero-width space between two Han characters does not break a match.
 * Decomposing without composing again (NFKD rather than NFKC) is enough
 * because both sides get it: é and e + U+0301 both become e + U+0301.
 * What it does not do: put a run of several combining marks into canonical
 * order, or strip marks (é does not match e, but e does match the start of
 * a decomposed é and the match then covers the whole é).
 *
 * Invalid bytes decode as U+FFFD (lec_utf8_decode), one per byte.
 *
 * A regular expression (search_re.c) sees the text with only the
 * ideographs folded, mapped back the same way.
 *
 * While folding a text we record where each folded byte came from, as
 * spans: a *linear* span is a stretch where every character folded to
 * one character of the same byte length (ASCII, Han, a lowercased letter),
 * so offsets map by adding a constant; any other character (and a run of
 * white space) gets a span of its own that maps all its folded bytes to
 * the whole original character.  Chinese text makes one span per
 * punctuation mark instead of four bytes of map per folded byte.
 */
#include "search_priv.h"
#include "lectern/hanfold.h"
#include "lectern/utf8.h"
#include "lectern/util.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* The longest folding of one code point is 18 (U+FDFA); room to spare. */
#define MAX_DECOMP 32
/* Bytes a single code point may add to the folded text. */
#define ROOM (4 * MAX_DECOMP + 4)

struct lec_search {
    char *pat; /* folded pattern */
    size_t len;
    size_t anchor; /* index of the pattern byte memchr looks for */
    int icase;
    unsigned flags;
    lec_re *re; /* a regular expression, or NULL */
};

/* Folded bytes [f, next span's f) came from the original text at o.
 * olen == 0: linear, byte f + k came from o + k.  olen > 0: all of them
 * came from the original bytes [o, o + olen). */
typedef struct span {
    size_t f;
    uint32_t o, olen;
} span;

typedef struct folder {
    char *out;
    size_t len, cap;
    span *sp; /* only when map is set */
    size_t nsp, cap_sp;
    int map, icase;
    const uint16_t *han; /* lec_hanfold_table(), or NULL: no fold */
    int in_space;     /* the last folded byte is a ' ' that a new white space joins */
    size_t space_f;   /* where that ' ' is in the folded text */
    uint32_t space_o; /* and where its run starts in the original */
} folder;

static int is_space(int32_t cp)
{
    if (cp < 0x80) return cp == ' ' || (cp >= '\t' && cp <= '\r');
    return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* Code points that fold to themselves in every mode (checked against
 * utf8proc 2.8 for each one: no decomposition, no case folding).  The
 * CJK Compatibility Ideographs (U+F900-FAFF, U+2F800-2FA1F) are left out:
 * they decompose to unified ideographs. */
static int is_plain_han(int32_t cp)
{
    return (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0x20000 && cp <= 0x2F7FF) ||
           (cp >= 0x30000 && cp <= 0x3FFFF);
}

/* The punctuation pairs NFKC leaves apart; 0 for the others. */
static int32_t punct(int32_t cp)
{
    switch (cp) {
    case 0x201C: /* “ */
    case 0x201D: /* ” */
    case 0x201E: /* „ */
    case 0x201F: /* ‟ */
        return '"';
    case 0x2018: /* ‘ */
    case 0x2019: /* ’ */
    case 0x201A: /* ‚ */
    case 0x201B: /* ‛ */
        return '\'';
    case 0x3002: /* 。 (and ｡, which NFKC makes 。) */
        return '.';
    case 0x3001: /* 、 (and ､) */
        return ',';
    case 0x2010: /* ‐ (and the non-breaking hyphen U+2011) */
    case 0x2012: /* ‒ */
    case 0x2013: /* – */
    case 0x2014: /* — */
    case 0x2015: /* ― */
    case 0x2212: /* − */
        return '-';
    case 0x30FB: /* ・ (and ･), the Japanese middle dot some Chinese texts use */
    case 0x2027: /* ‧ */
        return 0xB7;
    default:
        return 0;
    }
}

static void reserve(folder *fo, size_t extra)
{
    if (fo->cap - fo->len >= extra) return;
    lec_grow((void **)&fo->out, &fo->cap, fo->len + extra, 1);
}

static void push_span(folder *fo, size_t f, size_t o, size_t olen)
{
    if (fo->nsp == fo->cap_sp) LEC_GROW(fo->sp, fo->cap_sp, fo->nsp + 1);
    fo->sp[fo->nsp++] = (span){f, (uint32_t)o, (uint32_t)olen};
}

/* The character at o (n bytes) folded to one character of n bytes at f. */
static void map_linear(folder *fo, size_t f, size_t o)
{
    if (!fo->map) return;
    span *last = fo->nsp ? &fo->sp[fo->nsp - 1] : NULL;
    if (last && last->olen == 0 && last->f + (o - last->o) == f) return; /* goes on */
    push_span(fo, f, o, 0);
}

/* The character at o (n bytes) folded to what starts at f.  Same length,
 * one character: linear; otherwise a span of its own. */
static void map_char(folder *fo, size_t f, size_t o, size_t n, int one_char)
{
    if (!fo->map) return;
    if (one_char && fo->len - f == n)
        map_linear(fo, f, o);
    else
        push_span(fo, f, o, n);
}

static void put_cp(folder *fo, int32_t cp)
{
    fo->len += (size_t)lec_utf8_encode(cp, fo->out + fo->len);
}

static void fold_space(folder *fo, size_t o, size_t n)
{
    if (!fo->in_space) {
        fo->in_space = 1;
        fo->space_f = fo->len;
        fo->space_o = (uint32_t)o;
        fo->out[fo->len++] = ' ';
        map_char(fo, fo->space_f, o, n, 1);
        return;
    }
    /* The run grows: its one ' ' now stands for all of it. */
    if (!fo->map) return;
    span *last = &fo->sp[fo->nsp - 1];
    size_t olen = o + n - fo->space_o;
    if (last->f == fo->space_f)
        *last = (span){fo->space_f, fo->space_o, (uint32_t)olen};
    else
        push_span(fo, fo->space_f, fo->space_o, olen);
}

/* Folds a code point that plain_run() did not take: white space, a bad
 * byte (U+FFFD) or anything outside ASCII and U+4000-U+9FFF. */
static void fold_cp(folder *fo, int32_t cp, size_t o, size_t n)
{
    utf8proc_int32_t buf[MAX_DECOMP];
    utf8proc_ssize_t r;
    int boundclass = 0;
    size_t f = fo->len;
    int32_t p;

    if (is_space(cp)) {
        fold_space(fo, o, n);
        return;
    }
    /* NFKC of the full-width forms of ASCII (，：！（） in every Chinese
     * text), without the cost of asking utf8proc. */
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
        p = cp - 0xFEE0;
        if (fo->icase && p >= 'A' && p <= 'Z') p += 'a' - 'A';
    } else {
        p = punct(cp);
    }
    if (p != 0 || is_plain_han(cp)) {
        put_cp(fo, p ? p : fo->han ? lec_hanfold(cp) : cp);
        fo->in_space = 0;
        map_char(fo, f, o, n, 1);
        return;
    }
    r = utf8proc_decompose_char(cp, buf, MAX_DECOMP,
                                UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_IGNORE |
                                    (fo->icase ? UTF8PROC_CASEFOLD : 0),
                                &boundclass);
    if (r == 0) return; /* default ignorable: nothing, and a space run goes on */
    if (r < 0 || r > MAX_DECOMP) {
        buf[0] = cp; /* cannot happen for a decoded code point */
        r = 1;
    }
    for (utf8proc_ssize_t k = 0; k < r; k++) {
        /* ⼈ (a Kangxi radical) becomes 人, 﨑 becomes 崎: folded on */
        int32_t d = buf[k];
        if ((p = punct(d)) != 0)
            d = p;
        else if (fo->han && is_plain_han(d))
            d = lec_hanfold(d);
        put_cp(fo, d);
    }
    fo->in_space = 0;
    map_char(fo, f, o, n, r == 1);
}

/* Nonzero when a space between the previous character of a run and the
 * one starting with byte b is a run of white space by itself: b starts
 * neither white space nor anything that may fold to nothing.  Such a
 * space folds to itself, so prose with single spaces stays in one run. */
static int lone_space_next(unsigned char b)
{
    return (b > ' ' && b < 0x7F) || (b >= 0xE4 && b <= 0xE9);
}

/* Length of the run at s[0..n) of characters that fold to one character
 * of their own length, folded into d: ASCII other than white space
 * (lowercased when icase) and U+4000-U+9FFF, which is E4-E9 followed by
 * two continuation bytes (always valid UTF-8) and holds ideographs and
 * hexagram symbols; an ideograph there folds (with han, the table of
 * hanfold.h) to one of U+3400-U+FFFF, three bytes too, or ends the run
 * when it folds to a character beyond.  Most of a text is such runs, so
 * they are copied with little decoding and mapped as one linear span.  A
 * single space inside such a run belongs to it (see lone_space_next). */
static size_t plain_run(const unsigned char *s, size_t n, char *d, int icase,
                        const uint16_t *han)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80) {
            if (c == ' ' && i > 0 && n - i >= 2 && lone_space_next(s[i + 1])) {
                d[i++] = ' ';
                continue;
            }
            if (c == ' ' || (unsigned)(c - '\t') <= '\r' - '\t') break;
            if (icase && (unsigned)(c - 'A') < 26) c = (unsigned char)(c + 32);
            d[i++] = (char)c;
        } else if (c >= 0xE4 && c <= 0xE9 && n - i >= 3 && (s[i + 1] & 0xC0) == 0x80 &&
                   (s[i + 2] & 0xC0) == 0x80) {
            unsigned t = 0;
            if (han) {
                unsigned cp = (c & 0x0Fu) << 12 | (s[i + 1] & 0x3Fu) << 6 | (s[i + 2] & 0x3Fu);
                t = han[cp - LEC_HANFOLD_LO];
                if (t == LEC_HANFOLD_FAR) break;
            }
            if (t) {
                d[i] = (char)(0xE0 | t >> 12);
                d[i + 1] = (char)(0x80 | ((t >> 6) & 0x3F));
                d[i + 2] = (char)(0x80 | (t & 0x3F));
            } else {
                d[i] = (char)c;
                d[i + 1] = (char)s[i + 1];
                d[i + 2] = (char)s[i + 2];
            }
            i += 3;
        } else {
            break;
        }
    }
    return i;
}

static void fold_text(folder *fo, const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;

    while (i < len) {
        /* Room for the rest of the text if it keeps its length, and for
         * the longest folding of one character. */
        reserve(fo, len - i + ROOM);
        size_t run = plain_run(s + i, len - i, fo->out + fo->len, fo->icase, fo->han);
        if (run) {
            map_linear(fo, fo->len, i);
            fo->len += run;
            fo->in_space = 0;
            i += run;
            continue;
        }
        int32_t cp;
        int n = lec_utf8_decode(text + i, len - i, &cp);
        fold_cp(fo, cp, i, (size_t)n);
        i += (size_t)n;
    }
}

/* Folds only the ideographs of text[0..len) (for a regular expression):
 * everything else, bad bytes too, is copied.  Returns 0 without copying
 * anything when no character changes, so the text itself can be searched. */
static int fold_han_only(folder *fo, const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, from = 0;
    int any = 0;
    while (i < len) {
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        int n;
        if (c >= 0xE4 && c <= 0xE9 && len - i >= 3 && (s[i + 1] & 0xC0) == 0x80 &&
            (s[i + 2] & 0xC0) == 0x80) {
            cp = (int32_t)((c & 0x0Fu) << 12 | (s[i + 1] & 0x3Fu) << 6 | (s[i + 2] & 0x3Fu));
            n = 3;
            if (!fo->han[cp - LEC_HANFOLD_LO]) {
                i += 3;
                continue;
            }
        } else {
            n = lec_utf8_decode(text + i, len - i, &cp);
            if (cp < LEC_HANFOLD_LO || (cp == LEC_REPLACEMENT && n == 1) ||
                lec_hanfold(cp) == cp) {
                i += (size_t)n;
                continue;
            }
        }
        /* Copy what came before as it is, then the folded character. */
        any = 1;
        reserve(fo, i - from + 4);
        map_linear(fo, fo->len, from);
        memcpy(fo->out + fo->len, text + from, i - from);
        fo->len += i - from;
        size_t f = fo->len;
        put_cp(fo, lec_hanfold(cp));
        map_char(fo, f, i, (size_t)n, 1);
        i += (size_t)n;
        from = i;
    }
    if (!any) return 0;
    reserve(fo, len - from + 1);
    if (len > from) map_linear(fo, fo->len, from);
    memcpy(fo->out + fo->len, text + from, len - from);
    fo->len += len - from;
    return 1;
}

/* The original bytes of the folded bytes [st, end): the span cursor *j
 * only moves on, as matches come left to right. */
static void map_back(const folder *fo, size_t *j, size_t st, size_t end, uint32_t *ms,
                     uint32_t *me)
{
    size_t last = end - 1;
    while (*j + 1 < fo->nsp && fo->sp[*j + 1].f <= st) (*j)++;
    const span *g = &fo->sp[*j];
    *ms = g->olen ? g->o : (uint32_t)(g->o + (st - g->f));
    while (*j + 1 < fo->nsp && fo->sp[*j + 1].f <= last) (*j)++;
    g = &fo->sp[*j];
    *me = g->olen ? g->o + g->olen : (uint32_t)(g->o + (last + 1 - g->f));
}

static int has_capital(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        int32_t cp;
        i += (size_t)lec_utf8_decode(s + i, len - i, &cp);
        utf8proc_category_t cat = utf8proc_category(cp);
        if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT) return 1;
    }
    return 0;
}

lec_search *lec_search_compile(const char *pattern, size_t len, unsigned flags, lec_buf *err)
{
    folder fo = {0};
    lec_search *s;
    int hanfold = !(flags & LEC_SEARCH_NO_HANFOLD);

    flags &= LEC_SEARCH_REGEX | LEC_SEARCH_NO_HANFOLD;
    if (flags & LEC_SEARCH_REGEX) {
        if (len == 0) return NULL;
        if (hanfold) lec_hanfold_init();
        lec_re *re = lec_re_new(pattern, len, hanfold, err);
        if (!re) return NULL;
        s = lec_xcalloc(1, sizeof *s);
        s->re = re;
        s->flags = flags;
        s->icase = lec_re_icase(re);
        const char *p = lec_re_pattern(re, &s->len);
        s->pat = lec_xstrndup(p, s->len);
        return s;
    }
    if (hanfold) fo.han = lec_hanfold_table();
    /* Smart case looks at the folded pattern, so a full-width Ａ or the P
     * of ㍱ (hPa) counts as a capital. */
    fold_text(&fo, pattern, len);
    if (!has_capital(fo.out, fo.len)) {
        fo.len = 0;
        fo.in_space = 0;
        fo.icase = 1;
        fold_text(&fo, pattern, len);
    }
    if (fo.len == 0 || (fo.len == 1 && fo.out[0] == ' ')) {
        free(fo.out);
        return NULL;
    }
    s = lec_xcalloc(1, sizeof *s);
    s->pat = fo.out;
    s->len = fo.len;
    s->icase = fo.icase;
    s->flags = flags;
    /* memchr for a continuation byte when there is one: there are 64 of
     * them against the six lead bytes that start nearly every Han
     * character, so a Chinese pattern stops the scan far less often. */
    s->anchor = s->len - 1;
    for (size_t k = s->len; k-- > 0;) {
        if (((unsigned char)s->pat[k] & 0xC0) == 0x80) {
            s->anchor = k;
            break;
        }
    }
    return s;
}

lec_search *lec_search_new(const char *pattern, size_t len)
{
    return lec_search_compile(pattern, len, 0, NULL);
}

const char *lec_search_pattern(const lec_search *s, size_t *len)
{
    *len = s->len;
    return s->pat;
}

void lec_search_free(lec_search *s)
{
    if (!s) return;
    lec_re_free(s->re);
    free(s->pat);
    free(s);
}

int lec_search_icase(const lec_search *s)
{
    return s->icase;
}

unsigned lec_search_flags(const lec_search *s)
{
    return s->flags;
}

void lec_search_need(const lec_search *s, lec_sig *need)
{
    if (s->re)
        lec_re_need(s->re, need);
    else
        lec_sig_need(s->pat, s->len, need);
}

/* Where a regular expression's matches go (lec_re_each). */
typedef struct re_found {
    const folder *fo; /* the folded text, or NULL: the text itself */
    size_t j;         /* span cursor */
    lec_match **m;
    size_t *count, *cap, added;
} re_found;

static void re_add(void *arg, size_t st, size_t end)
{
    re_found *r = arg;
    uint32_t ms = (uint32_t)st, me = (uint32_t)end;
    if (r->fo) map_back(r->fo, &r->j, st, end, &ms, &me);
    LEC_GROW(*r->m, *r->cap, *r->count + 1);
    (*r->m)[(*r->count)++] = (lec_match){ms, me};
    r->added++;
}

static size_t find_regex(const lec_search *s, const char *text, size_t len, lec_match **m,
                         size_t *count, size_t *cap)
{
    folder fo = {0};
    re_found r = {NULL, 0, m, count, cap, 0};
    fo.map = 1;
    if (!(s->flags & LEC_SEARCH_NO_HANFOLD)) {
        fo.han = lec_hanfold_table();
        if (fold_han_only(&fo, text, len)) r.fo = &fo;
    }
    if (r.fo)
        lec_re_each(s->re, fo.out, fo.len, re_add, &r);
    else
        lec_re_each(s->re, text, len, re_add, &r);
    free(fo.out);
    free(fo.sp);
    return r.added;
}

size_t lec_search_find(const lec_search *s, const char *text, size_t len, lec_match **m,
                       size_t *count, size_t *cap)
{
    folder fo = {0};
    size_t added = 0, pos = 0, j = 0;
    uint32_t prev_end = 0;

    /* Offsets are 32-bit; a longer text is searched up to 4 GiB. */
    if (len > UINT32_MAX) len = UINT32_MAX;
    if (s->re) return find_regex(s, text, len, m, count, cap);
    fo.map = 1;
    fo.icase = s->icase;
    if (!(s->flags & LEC_SEARCH_NO_HANFOLD)) fo.han = lec_hanfold_table();
    fold_text(&fo, text, len);

    while (fo.len - pos >= s->len) {
        const char *a =
            memchr(fo.out + pos + s->anchor, s->pat[s->anchor], fo.len - pos - s->len + 1);
        if (!a) break;
        size_t st = (size_t)(a - fo.out) - s->anchor;
        if (memcmp(fo.out + st, s->pat, s->len) != 0) {
            pos = st + 1;
            continue;
        }
        pos = st + s->len;
        uint32_t ms, me;
        map_back(&fo, &j, st, st + s->len, &ms, &me);
        /* Two folded matches inside one original character (the 1s of ⑪)
         * are one match of it. */
        if (added && ms < prev_end) continue;
        LEC_GROW(*m, *cap, *count + 1);
        (*m)[(*count)++] = (lec_match){ms, me};
        prev_end = me;
        added++;
    }
    free(fo.out);
    free(fo.sp);
    return added;
}

void lec_search_fold(const char *text, size_t len, unsigned how, char **out, size_t *out_len,
                     size_t *out_cap)
{
    folder fo = {0};

    fo.out = *out;
    fo.len = *out_len;
    fo.cap = *out_cap;
    fo.icase = (how & LEC_SEARCH_ICASE) != 0;
    if (!(how & LEC_SEARCH_NO_HANFOLD)) fo.han = lec_hanfold_table();
    fold_text(&fo, text, len);
    /* A NUL after the folded bytes (not counted) lets callers use strstr. */
    reserve(&fo, 1);
    fo.out[fo.len] = '\0';
    *out = fo.out;
    *out_len = fo.len;
    *out_cap = fo.cap;
}
