/*
 * search_re.c - regular expressions for search.h, by PCRE2.
 *
 * PCRE2 does the matching (UTF mode, Unicode properties, JIT when the
 * machine has it).  What is ours is a walk over the pattern that knows
 * enough of PCRE2's syntax to tell the characters that stand for
 * themselves from the rest: escapes (\x{767C}, \p{Han}, \cA), classes and
 * their ranges, group names, comments, verbs (*UTF).  It is used to
 *  - fold the pattern's ideographs as the text's are (hanfold.h), but not
 *    a range's ends ([一-龥] keeps its meaning) nor what is written as an
 *    escape;
 *  - decide the case: ignored unless a literal character is a capital (the
 *    letters of \D, \p{Lu}, \x4A or (?J) do not count);
 *  - find the ideographs, letters and digits every match must hold, for
 *    the blocks' signatures (searchsig.c): those at the top level,
 *    outside classes, not made optional by ? * or {.  When the pattern has an alternative
 *    at the top level or the x option (whose comments and white space
 *    this walk does not follow), it needs nothing: every block is read.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include "search_priv.h"
#include "lectern/hanfold.h"
#include "lectern/utf8.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* PCRE2 stops a match after this many steps (its default is ten million):
 * a pattern such as (a+)+$ on a long paragraph fails rather than hangs. */
enum { MATCH_LIMIT = 1000000 };

struct lec_re {
    pcre2_code *code;
    pcre2_match_context *mctx;
    char *pat; /* as compiled */
    size_t len;
    int icase;
    lec_sig need;
};

static int is_ideograph(int32_t cp)
{
    return (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0x20000 && cp <= 0x3FFFF);
}

static int is_capital(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static int is_hex(char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

/* What the walk finds. */
typedef struct walk {
    lec_buf out; /* the pattern with its ideographs folded */
    int hanfold;
    int capital;  /* a literal capital letter */
    int no_need;  /* what a match needs cannot be told */
    lec_buf need; /* the ideographs every match holds, UTF-8 */
} walk;

/* Copies p[i..j) to the output unchanged. */
static void copy(walk *w, const char *p, size_t i, size_t j)
{
    lec_buf_put(&w->out, p + i, j - i);
}

/* Index just past the first c at or after i (or n). */
static size_t past(const char *p, size_t n, size_t i, char c)
{
    const char *q = i < n ? memchr(p + i, c, n - i) : NULL;
    return q ? (size_t)(q - p) + 1 : n;
}

/* A literal character at p[i..i+l): folded (when fold), checked for case.
 * Returns the character as written to the output. */
static int32_t literal(walk *w, const char *p, size_t i, int l, int32_t cp, int fold)
{
    if (is_capital(cp)) w->capital = 1;
    if (cp == LEC_REPLACEMENT && l == 1) {
        lec_buf_puts(&w->out, "\xef\xbf\xbd"); /* a bad byte, as literal search has it */
        return cp;
    }
    /* Every character, as fold_han_only in search.c has it */
    if (fold && w->hanfold && lec_hanfold(cp) != cp) {
        int32_t f = lec_hanfold(cp);
        char u[4];
        lec_buf_put(&w->out, u, (size_t)lec_utf8_encode(f, u));
        return f;
    }
    copy(w, p, i, i + (size_t)l);
    return cp;
}

/* An escape at p[i] == '\\': copies it and returns the index past it. */
static size_t escape(walk *w, const char *p, size_t n, size_t i)
{
    size_t j = i + 1;
    if (j >= n) {
        copy(w, p, i, n);
        return n;
    }
    char c = p[j];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
        /* \. \* \发: the character itself, left as written */
        int32_t cp;
        j += (size_t)lec_utf8_decode(p + j, n - j, &cp);
        copy(w, p, i, j);
        return j;
    }
    j++;
    if (c == 'x' && j < n && p[j] == '{' && w->hanfold) {
        /* \x{767C}: an ideograph by its number folds as one written out */
        size_t e = past(p, n, j, '}');
        char *end;
        char num[16];
        size_t dl = e - j - 2;
        if (e <= n && p[e - 1] == '}' && dl > 0 && dl < sizeof num) {
            memcpy(num, p + j + 1, dl);
            num[dl] = '\0';
            long cp = strtol(num, &end, 16);
            if (*end == '\0' && cp > 0 && cp <= 0x10FFFF && lec_hanfold((int32_t)cp) != cp) {
                lec_buf_printf(&w->out, "\\x{%X}", (unsigned)lec_hanfold((int32_t)cp));
                return e;
            }
        }
        copy(w, p, i, e);
        return e;
    }
    if (j < n && p[j] == '{' && strchr("pPxogkNu", c)) {
        j = past(p, n, j, '}');
    } else if (c == 'p' || c == 'P' || c == 'c') {
        if (j < n) j++; /* \pL, \cA */
    } else if ((c == 'k' || c == 'g') && j < n && (p[j] == '<' || p[j] == '\'')) {
        j = past(p, n, j + 1, p[j] == '<' ? '>' : '\'');
    } else if (c == 'x') {
        for (int k = 0; k < 2 && j < n && is_hex(p[j]); k++)
            j++;
    }
    copy(w, p, i, j);
    return j;
}

/* A class from p[i] == '[' on: copies it (folding its single ideographs)
 * and returns the index past its ']'. */
static size_t class(walk *w, const char *p, size_t n, size_t i)
{
    size_t j = i + 1;
    if (j < n && p[j] == '^') j++;
    if (j < n && p[j] == ']') j++; /* a ']' first is itself */
    copy(w, p, i, j);
    int quote = 0;
    while (j < n) {
        if (quote) {
            if (p[j] == '\\' && j + 1 < n && p[j + 1] == 'E') {
                copy(w, p, j, j + 2);
                quote = 0;
                j += 2;
                continue;
            }
        } else if (p[j] == ']') {
            copy(w, p, j, j + 1);
            return j + 1;
        } else if (p[j] == '\\') {
            if (j + 1 < n && p[j + 1] == 'Q') {
                copy(w, p, j, j + 2);
                quote = 1;
                j += 2;
            } else {
                j = escape(w, p, n, j);
            }
            continue;
        } else if (p[j] == '[' && j + 1 < n &&
                   (p[j + 1] == ':' || p[j + 1] == '.' || p[j + 1] == '=')) {
            /* [:alpha:] */
            size_t e = j + 2;
            while (e + 1 < n && !(p[e] == p[j + 1] && p[e + 1] == ']'))
                e++;
            e = e + 1 < n ? e + 2 : n;
            copy(w, p, j, e);
            j = e;
            continue;
        }
        int32_t cp;
        int l = lec_utf8_decode(p + j, n - j, &cp);
        /* The ends of a range a-b stay as written. */
        int in_range =
            (j > 0 && p[j - 1] == '-' && !quote) ||
            (j + (size_t)l + 1 < n && p[j + (size_t)l] == '-' && p[j + (size_t)l + 1] != ']');
        literal(w, p, j, l, cp, !in_range);
        j += (size_t)l;
    }
    return n;
}

/* "(?" at i: a comment, a name, options or another group; copies what
 * makes it up to where the walk goes on, sets the depth it opens. */
static size_t group(walk *w, const char *p, size_t n, size_t i, int *depth)
{
    size_t j = i + 2;
    if (j < n && p[j] == '#') { /* comment, to the first ')' */
        j = past(p, n, j, ')');
        copy(w, p, i, j);
        return j;
    }
    (*depth)++;
    if (j < n && p[j] == 'C') w->no_need = 1; /* (?C"...") may hold a ')' */
    if (j < n && (p[j] == '<' || p[j] == 'P' || p[j] == '\'' || p[j] == '&')) {
        /* (?<name> (?'name' (?P<name> (?P=name) (?P>name) (?&name); a
         * lookbehind (?<= (?<! is a plain group */
        if (p[j] == '<' && j + 1 < n && (p[j + 1] == '=' || p[j + 1] == '!')) {
            copy(w, p, i, j + 2);
            return j + 2;
        }
        if (p[j] == 'P') j++;
        char close = j < n && p[j] == '\'' ? '\'' : j < n && p[j] == '<' ? '>' : ')';
        j = past(p, n, j + 1, close);
        if (close == ')') (*depth)--;
        copy(w, p, i, j);
        return j;
    }
    /* options: (?i) (?x: (?^s) ... */
    size_t k = j;
    while (k < n && (strchr("imnsxJU-^a", p[k]) != NULL && p[k] != '\0')) {
        if (p[k] == 'x') w->no_need = 1;
        k++;
    }
    copy(w, p, i, j);
    copy(w, p, j, k);
    return k;
}

static void walk_pattern(walk *w, const char *p, size_t n)
{
    int depth = 0, quote = 0;
    size_t i = 0;
    while (i < n) {
        char c = p[i];
        if (quote) {
            if (c == '\\' && i + 1 < n && p[i + 1] == 'E') {
                copy(w, p, i, i + 2);
                quote = 0;
                i += 2;
                continue;
            }
        } else if (c == '\\') {
            if (i + 1 < n && p[i + 1] == 'Q') {
                copy(w, p, i, i + 2);
                quote = 1;
                i += 2;
            } else {
                i = escape(w, p, n, i);
            }
            continue;
        } else if (c == '[') {
            i = class(w, p, n, i);
            continue;
        } else if (c == '(') {
            if (i + 1 < n && p[i + 1] == '?') {
                i = group(w, p, n, i, &depth);
            } else if (i + 1 < n && p[i + 1] == '*') { /* (*UTF) (*MARK:name) */
                size_t j = past(p, n, i, ')');
                copy(w, p, i, j);
                i = j;
            } else {
                depth++;
                copy(w, p, i, i + 1);
                i++;
            }
            continue;
        } else if (c == ')') {
            if (depth > 0) depth--;
            copy(w, p, i, i + 1);
            i++;
            continue;
        } else if (c == '{') {
            /* A quantifier {2} {2,} {2,5} {,5}: its digits are no
             * literals.  (A '{' that starts none is itself.) */
            size_t j = i + 1;
            while (j < n && ((p[j] >= '0' && p[j] <= '9') || p[j] == ',' || p[j] == ' ')) j++;
            if (j < n && p[j] == '}' && j > i + 1) {
                copy(w, p, i, j + 1);
                i = j + 1;
                continue;
            }
        } else if (c == '|') {
            if (depth == 0) w->no_need = 1;
            copy(w, p, i, i + 1);
            i++;
            continue;
        }
        int32_t cp;
        int l = lec_utf8_decode(p + i, n - i, &cp);
        int32_t f = literal(w, p, i, l, cp, 1);
        i += (size_t)l;
        /* An ideograph, letter or digit at the top level is in every
         * match unless a quantifier lets it be absent.  (A letter matched
         * without case may be its other case, or K and ſ, U+212A and
         * U+017F: the signatures count a letter in either case, and flag
         * a block with such characters as holding any letter.) */
        int alnum = (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
        if (!quote && depth == 0 && (is_ideograph(cp) || alnum) &&
            !(i < n && (p[i] == '?' || p[i] == '*' || p[i] == '{'))) {
            char u[4];
            lec_buf_put(&w->need, u, (size_t)lec_utf8_encode(f, u));
        }
    }
}

lec_re *lec_re_new(const char *pat, size_t len, int hanfold, lec_buf *err)
{
    walk w = {LEC_BUF_INIT, hanfold, 0, 0, LEC_BUF_INIT};
    walk_pattern(&w, pat, len);
    int code_err;
    PCRE2_SIZE at;
    uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | PCRE2_NEVER_BACKSLASH_C |
                    (w.capital ? 0 : PCRE2_CASELESS);
    const char *src = w.out.data ? w.out.data : "";
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)src, w.out.len, opts, &code_err, &at, NULL);
    if (!code) {
        if (err) {
            PCRE2_UCHAR msg[256];
            if (pcre2_get_error_message(code_err, msg, sizeof msg) < 0)
                snprintf((char *)msg, sizeof msg, "error %d", code_err);
            /* PCRE2's offset is in bytes of the folded pattern, which has
             * as many characters as the one typed. */
            size_t chars = 0;
            for (size_t k = 0; k < at && k < w.out.len; k++)
                if (((unsigned char)src[k] & 0xC0) != 0x80) chars++;
            lec_buf_printf(err, "%s at character %zu", (const char *)msg, chars + 1);
        }
        lec_buf_free(&w.out);
        lec_buf_free(&w.need);
        return NULL;
    }
    (void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE); /* interpreted if it fails */
    lec_re *re = lec_xcalloc(1, sizeof *re);
    re->code = code;
    re->mctx = pcre2_match_context_create(NULL);
    if (re->mctx) pcre2_set_match_limit(re->mctx, MATCH_LIMIT);
    re->icase = !w.capital;
    re->len = w.out.len;
    re->pat = lec_buf_detach(&w.out, &re->len);
    if (!re->pat) re->pat = lec_xstrndup("", 0);
    if (w.no_need)
        lec_sig_need("", 0, &re->need);
    else
        lec_sig_need(w.need.data ? w.need.data : "", w.need.len, &re->need);
    lec_buf_free(&w.need);
    return re;
}

void lec_re_free(lec_re *re)
{
    if (!re) return;
    pcre2_code_free(re->code);
    pcre2_match_context_free(re->mctx);
    free(re->pat);
    free(re);
}

int lec_re_icase(const lec_re *re)
{
    return re->icase;
}

const char *lec_re_pattern(const lec_re *re, size_t *len)
{
    *len = re->len;
    return re->pat;
}

void lec_re_need(const lec_re *re, lec_sig *need)
{
    *need = re->need;
}

void lec_re_each(const lec_re *re, const char *subj, size_t len,
                 void (*found)(void *arg, size_t start, size_t end), void *arg)
{
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re->code, NULL);
    if (!md) return; /* out of memory: nothing found */
    size_t off = 0;
    uint32_t how = 0;
    while (off <= len) {
        int rc = pcre2_match(re->code, (PCRE2_SPTR)subj, len, off, how, md, re->mctx);
        if (rc == PCRE2_ERROR_NOMATCH && how) {
            /* Nothing but the empty match there: one character on. */
            how = 0;
            if (off >= len) break;
            off++;
            while (off < len && ((unsigned char)subj[off] & 0xC0) == 0x80)
                off++;
            continue;
        }
        if (rc < 0) break; /* no match, or PCRE2 gave up */
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        size_t s = ov[0], e = ov[1];
        if (e > s) {
            found(arg, s, e);
            off = e;
            how = 0;
            continue;
        }
        /* An empty match at e: is there a longer one at the same place?
         * (what pcre2demo does) */
        off = e > off ? e : off;
        how = PCRE2_NOTEMPTY_ATSTART | PCRE2_ANCHORED;
    }
    pcre2_match_data_free(md);
}
