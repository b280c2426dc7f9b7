/*
 * hanfold.c - Simplified and Traditional characters as one, from OpenCC's
 * tables (lectern/hanfold.h).
 *
 * OpenCC's C API converts text; it does not list its dictionaries.  So
 * every ideograph is converted alone: one text of all of them, a newline
 * after each (no entry of OpenCC's holds a newline, so no phrase can join
 * two of them and each line is the conversion of one character).  A line
 * that is one other character joins the two characters' classes
 * (union-find over the characters' indexes).  Both t2s and s2t are read:
 * s2t adds the pairs t2s does not lead back to (馀 -> 餘 -> 余).  Only
 * the first candidate of each character is seen (s2t gives 干 -> 幹);
 * t2s brings in the others (乾 -> 干).
 *
 * Each class folds to the member that t2s gives for the most members
 * (ties: the lowest code point), so the fold is idempotent and a
 * Simplified text stays as it is.  About 4 000 characters fold to
 * another; two tables hold them: a dense one for U+3400..U+9FFF, where
 * nearly all Chinese text is, and a sorted array of pairs for the rest.
 *
 * libopencc is loaded here, when the classes are first made (dlopen), not
 * linked in: with the C++ runtime it brings, it took 0.6 ms of every
 * start, before the first screen.
 */
#include "config.h"

#include "lectern/hanfold.h"
#include "lectern/utf8.h"
#include "lectern/util.h"

#include <dlfcn.h>
#include <opencc.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The ideographs read: the unified ones with extension A, the
 * compatibility ones (OpenCC may convert them), and planes 2 and 3. */
static const int32_t ranges[][2] = {
    {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}, {0x20000, 0x323AF}};
enum { NRANGES = sizeof ranges / sizeof *ranges };

typedef struct pair {
    int32_t cp, to;
} pair;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static uint16_t dense[LEC_HANFOLD_HI - LEC_HANFOLD_LO + 1];
static pair *far; /* the other characters that fold, by cp */
static size_t nfar;
static unsigned nfolded;
static const char *error;
static char error_buf[160];
static atomic_int made;

/* Index of cp among the characters read, or -1. */
static int32_t index_of(int32_t cp)
{
    int32_t base = 0;
    for (int r = 0; r < NRANGES; r++) {
        if (cp >= ranges[r][0] && cp <= ranges[r][1]) return base + cp - ranges[r][0];
        base += ranges[r][1] - ranges[r][0] + 1;
    }
    return -1;
}

static int32_t cp_of(int32_t idx)
{
    for (int r = 0; r < NRANGES; r++) {
        int32_t n = ranges[r][1] - ranges[r][0] + 1;
        if (idx < n) return ranges[r][0] + idx;
        idx -= n;
    }
    return -1;
}

static int32_t find(int32_t *parent, int32_t x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

static void join(int32_t *parent, int32_t a, int32_t b)
{
    a = find(parent, a);
    b = find(parent, b);
    if (a != b) parent[a > b ? a : b] = a < b ? a : b;
}

static void fail(const char *what, const char *why)
{
    snprintf(error_buf, sizeof error_buf, "OpenCC %s: %s", what, why && *why ? why : "failed");
    error = error_buf;
}

/* The functions of OpenCC's C API this uses (opencc.h), from the library
 * loaded by load(). */
static struct {
    opencc_t (*open)(const char *);
    int (*close)(opencc_t);
    char *(*convert_utf8)(opencc_t, const char *, size_t);
    void (*convert_utf8_free)(char *);
    const char *(*error)(void);
} cc;

/* Loads libopencc (its soname, LEC_OPENCC_SONAME, found by configure);
 * 0 when it cannot.  It stays loaded. */
static int load(void)
{
    void *h = dlopen(LEC_OPENCC_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        fail("library", dlerror());
        return 0;
    }
    /* POSIX lets a data pointer from dlsym be made a function pointer. */
    *(void **)&cc.open = dlsym(h, "opencc_open");
    *(void **)&cc.close = dlsym(h, "opencc_close");
    *(void **)&cc.convert_utf8 = dlsym(h, "opencc_convert_utf8");
    *(void **)&cc.convert_utf8_free = dlsym(h, "opencc_convert_utf8_free");
    *(void **)&cc.error = dlsym(h, "opencc_error");
    if (!cc.open || !cc.close || !cc.convert_utf8 || !cc.convert_utf8_free || !cc.error) {
        fail("library", "a function is missing (" LEC_OPENCC_SONAME ")");
        return 0;
    }
    return 1;
}

/* Converts the text of all characters (n of them, one a line) with the
 * configuration conf; into to[k] the character k becomes when it becomes
 * one other character read here, else -1.  Returns 0 on failure. */
static int convert(const char *conf, const char *text, size_t len, int32_t n, int32_t *to)
{
    opencc_t od = cc.open(conf);
    if (od == (opencc_t)-1) {
        fail(conf, cc.error());
        return 0;
    }
    char *out = cc.convert_utf8(od, text, len);
    cc.close(od);
    if (!out) {
        fail(conf, cc.error());
        return 0;
    }
    size_t olen = strlen(out), i = 0;
    int32_t k = 0;
    for (; k < n && i < olen; k++) {
        const char *nl = memchr(out + i, '\n', olen - i);
        size_t e = nl ? (size_t)(nl - out) : olen;
        int32_t cp;
        int l = lec_utf8_decode(out + i, e - i, &cp);
        to[k] = (size_t)l == e - i ? index_of(cp) : -1;
        i = e + 1;
    }
    cc.convert_utf8_free(out);
    if (k != n) {
        fail(conf, "the conversion lost lines");
        return 0;
    }
    return 1;
}

static int pair_cmp(const void *a, const void *b)
{
    const pair *x = a, *y = b;
    return (x->cp > y->cp) - (x->cp < y->cp);
}

static void build(void)
{
    int32_t n = 0;
    for (int r = 0; r < NRANGES; r++)
        n += ranges[r][1] - ranges[r][0] + 1;
    char *text = lec_xmalloc((size_t)n * 5);
    size_t len = 0;
    for (int32_t k = 0; k < n; k++) {
        len += (size_t)lec_utf8_encode(cp_of(k), text + len);
        text[len++] = '\n';
    }
    int32_t *t2s = lec_xmalloc((size_t)n * sizeof *t2s);
    int32_t *s2t = lec_xmalloc((size_t)n * sizeof *s2t);
    int ok = load() && convert(OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP, text, len, n, t2s) &&
             convert(OPENCC_DEFAULT_CONFIG_SIMP_TO_TRAD, text, len, n, s2t);
    free(text);
    if (!ok) {
        free(t2s);
        free(s2t);
        return;
    }

    int32_t *parent = lec_xmalloc((size_t)n * sizeof *parent);
    for (int32_t k = 0; k < n; k++)
        parent[k] = k;
    for (int32_t k = 0; k < n; k++) {
        if (t2s[k] >= 0 && t2s[k] != k) join(parent, k, t2s[k]);
        if (s2t[k] >= 0 && s2t[k] != k) join(parent, k, s2t[k]);
    }
    /* Votes: how many characters t2s turns into each one; each class
     * folds to its member with the most (best[root]). */
    int32_t *votes = s2t; /* s2t is not needed any more */
    memset(votes, 0, (size_t)n * sizeof *votes);
    for (int32_t k = 0; k < n; k++)
        votes[t2s[k] >= 0 ? t2s[k] : k]++;
    int32_t *best = t2s; /* nor t2s */
    for (int32_t k = 0; k < n; k++)
        best[k] = -1;
    for (int32_t k = 0; k < n; k++) {
        int32_t root = find(parent, k);
        if (best[root] < 0 || votes[k] > votes[best[root]]) best[root] = k;
    }
    size_t cap = 0;
    for (int32_t k = 0; k < n; k++) {
        int32_t to = best[find(parent, k)];
        if (to == k) continue;
        int32_t cp = cp_of(k), tcp = cp_of(to);
        nfolded++;
        if (cp >= LEC_HANFOLD_LO && cp <= LEC_HANFOLD_HI) {
            dense[cp - LEC_HANFOLD_LO] = tcp <= 0xFFFF ? (uint16_t)tcp : LEC_HANFOLD_FAR;
            if (tcp <= 0xFFFF) continue;
        }
        LEC_GROW(far, cap, nfar + 1);
        far[nfar++] = (pair){cp, tcp};
    }
    qsort(far, nfar, sizeof *far, pair_cmp);
    free(parent);
    free(t2s);
    free(s2t);
}

static void build_once(void)
{
    build();
    atomic_store(&made, 1);
}

void lec_hanfold_init(void)
{
    pthread_once(&once, build_once);
}

int lec_hanfold_ready(void)
{
    return atomic_load(&made);
}

static void *run(void *arg)
{
    (void)arg;
    lec_hanfold_init();
    return NULL;
}

static atomic_int prepared;

void lec_hanfold_settle(void)
{
    if (atomic_load(&prepared)) lec_hanfold_init();
}

void lec_hanfold_prepare(void)
{
    atomic_store(&prepared, 1);
    pthread_t th;
    pthread_attr_t attr;
    int started = 0;
    if (pthread_attr_init(&attr) == 0) {
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        /* Signals go to the main thread (thread.h); not lec_thread_start,
         * whose way out of an allocation failure cannot leave a
         * pthread_once midway. */
        sigset_t all, old;
        sigfillset(&all);
        pthread_sigmask(SIG_SETMASK, &all, &old);
        started = pthread_create(&th, &attr, run, NULL) == 0;
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        pthread_attr_destroy(&attr);
    }
    if (!started) lec_hanfold_init();
}

int32_t lec_hanfold(int32_t cp)
{
    lec_hanfold_init();
    if (cp >= LEC_HANFOLD_LO && cp <= LEC_HANFOLD_HI) {
        uint16_t t = dense[cp - LEC_HANFOLD_LO];
        if (t != LEC_HANFOLD_FAR) return t ? t : cp;
    } else if (cp < LEC_HANFOLD_LO) {
        return cp;
    }
    size_t lo = 0, hi = nfar;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (far[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < nfar && far[lo].cp == cp ? far[lo].to : cp;
}

const uint16_t *lec_hanfold_table(void)
{
    lec_hanfold_init();
    return dense;
}

unsigned lec_hanfold_count(void)
{
    lec_hanfold_init();
    return nfolded;
}

const char *lec_hanfold_error(void)
{
    lec_hanfold_init();
    return error;
}
