/*
 * furniture.c - metadata from a record's dateline, newspaper footer and ※
 * note, and its title run into the byline (lectern/furniture.h).
 *
 * Each piece has a fixed shape and a fixed place (a dateline at the start
 * or in brackets at the end, the footer and the note at the end), so only
 * a window at each end is read, and a piece is taken only when it has its
 * whole shape: a wrong value in the front matter is worse than none.
 */
#include "lectern/furniture.h"
#include "lectern/utf8.h"

#include <stdio.h>
#include <string.h>

#define HEAD_LOOK 300  /* bytes at the start where a dateline or a title is looked for */
#define TAIL_LOOK 900  /* bytes at the end where a footer, a note or a dateline is */
#define NOTE_MAX 400   /* bytes of a ※ note */
#define TITLE_MIN 6    /* characters of a title run into its byline */
#define TITLE_MAX 60

typedef struct span {
    const char *s;
    size_t n;
} span;

/* ---- characters -------------------------------------------------------- */

static int32_t cp_at(const char *s, size_t n, size_t i, size_t *len)
{
    int32_t cp;
    if (i >= n) {
        *len = 0;
        return -1;
    }
    *len = (size_t)lec_utf8_decode(s + i, n - i, &cp);
    return cp;
}

static int blank(int32_t c)
{
    return c == ' ' || c == '\t' || c == 0x3000 || c == 0xA0;
}

static size_t skip_blanks(const char *s, size_t n, size_t i)
{
    size_t l;
    while (blank(cp_at(s, n, i, &l))) i += l;
    return i;
}

static int at(const char *s, size_t n, size_t i, const char *w)
{
    size_t k = strlen(w);
    return i <= n && n - i >= k && memcmp(s + i, w, k) == 0;
}

/* The last occurrence of w in s[from..n), or n. */
static size_t last_of(const char *s, size_t from, size_t n, const char *w)
{
    size_t k = strlen(w);
    for (size_t i = n; i >= from + k; i--)
        if (memcmp(s + i - k, w, k) == 0) return i - k;
    return n;
}

/* The first occurrence of w in s[from..n), or n. */
static size_t first_of(const char *s, size_t from, size_t n, const char *w)
{
    size_t k = strlen(w);
    for (size_t i = from; i + k <= n; i++)
        if (memcmp(s + i, w, k) == 0) return i;
    return n;
}

/* A run of 1..max digits (ASCII or full-width) at s[i]: its value, and its
 * end in *end; -1 when there is none. */
static int number(const char *s, size_t n, size_t i, int max, size_t *end)
{
    int v = 0, k = 0;
    size_t l;
    for (;;) {
        int32_t c = cp_at(s, n, i, &l);
        int d = c >= '0' && c <= '9' ? (int)(c - '0') : c >= 0xFF10 && c <= 0xFF19 ? (int)(c - 0xFF10) : -1;
        if (d < 0) break;
        if (++k > max) return -1;
        v = v * 10 + d;
        i += l;
    }
    *end = i;
    return k ? v : -1;
}

static size_t han_run(const char *s, size_t n, size_t i, int max, int *count)
{
    size_t l;
    int k = 0;
    int32_t c;
    while (k < max && (c = cp_at(s, n, i, &l)) >= 0 && lec_cp_is_han(c)) i += l, k++;
    *count = k;
    return i;
}

static size_t nchars(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

/* ---- dates ------------------------------------------------------------- */

typedef struct date {
    int y, m, d; /* y 0: not given */
} date;

/* A date at s[i] (2020年9月28日, 2020年08月25日, 8月24日, blanks between
 * allowed); its end, or 0. */
static size_t read_date(const char *s, size_t n, size_t i, date *dt)
{
    size_t e;
    int v = number(s, n, i, 4, &e);
    dt->y = 0;
    if (v < 0) return 0;
    if (e - i >= 4 && at(s, n, skip_blanks(s, n, e), "年")) {
        dt->y = v;
        i = skip_blanks(s, n, skip_blanks(s, n, e) + strlen("年"));
        if ((v = number(s, n, i, 2, &e)) < 0) return 0;
    }
    e = skip_blanks(s, n, e);
    if (!at(s, n, e, "月") || v < 1 || v > 12) return 0;
    dt->m = v;
    i = skip_blanks(s, n, e + strlen("月"));
    if ((v = number(s, n, i, 2, &e)) < 1 || v > 31) return 0;
    e = skip_blanks(s, n, e);
    if (!at(s, n, e, "日")) return 0;
    dt->d = v;
    return e + strlen("日");
}

static void put_date(lec_meta_list *meta, const date *dt, int year)
{
    char b[32];
    int y = dt->y ? dt->y : year;
    if (y)
        snprintf(b, sizeof b, "%04d-%02d-%02d", y, dt->m, dt->d);
    else
        snprintf(b, sizeof b, "%d月%d日", dt->m, dt->d);
    if (!lec_meta_get(meta, "date")) lec_meta_set(meta, "date", 4, b, strlen(b), 0);
}

static void put(lec_meta_list *meta, const char *key, span v)
{
    if (v.n && !lec_meta_get(meta, key)) lec_meta_set(meta, key, strlen(key), v.s, v.n, 0);
}

/* ---- the pieces -------------------------------------------------------- */

/* 《 人民日报 》（ 2020年08月25日 02 版）: the paper and its date. */
static int read_footer(const char *s, size_t n, size_t from, span *paper, date *dt)
{
    size_t o = last_of(s, from, n, "《");
    if (o == n) return 0;
    size_t i = skip_blanks(s, n, o + strlen("《"));
    size_t c = first_of(s, i, n, "》");
    if (c == n || c - i > 40) return 0;
    size_t e = c;
    while (e > i && (s[e - 1] == ' ' || (e >= 3 && at(s, n, e - 3, "\xe3\x80\x80"))))
        e -= s[e - 1] == ' ' ? 1 : 3;
    i = skip_blanks(s, n, c + strlen("》"));
    if (!at(s, n, i, "（") && !at(s, n, i, "(")) return 0;
    i = skip_blanks(s, n, i + (s[i] == '(' ? 1 : strlen("（")));
    size_t d = read_date(s, n, i, dt);
    if (!d || !dt->y) return 0;
    size_t pe;
    i = skip_blanks(s, n, d);
    if (number(s, n, i, 3, &pe) < 0) return 0;
    i = skip_blanks(s, n, pe);
    if (!at(s, n, i, "版")) return 0;
    paper->s = s + skip_blanks(s, n, o + strlen("《"));
    paper->n = (size_t)(s + e - paper->s);
    return paper->n > 0;
}

/* 新华社北京8月24日电: the place and the date.  Looked for in s[from..to). */
static int read_dateline(const char *s, size_t from, size_t to, span *place, date *dt)
{
    static const char *const agency[] = {"新华社", "中新社", "人民日报", "本报", NULL};
    for (int a = 0; agency[a]; a++) {
        for (size_t i = first_of(s, from, to, agency[a]); i < to;
             i = first_of(s, i + 1, to, agency[a])) {
            size_t p = skip_blanks(s, to, i + strlen(agency[a]));
            int k;
            size_t pe = han_run(s, to, p, 8, &k);
            if (k < 2 || k > 6) continue;
            size_t e = read_date(s, to, skip_blanks(s, to, pe), dt);
            if (!e || !at(s, to, skip_blanks(s, to, e), "电")) continue;
            place->s = s + p;
            place->n = pe - p;
            return 1;
        }
    }
    return 0;
}

/* Words after a name that say who the speaker is. */
static const char *const roles[] = {"总书记", "同志", "主席", "总理", "委员长", NULL};
/* What a note says the text is. */
static const char *const speeches[] = {"讲话", "发言", "致辞", "演讲", "谈话", "报告", "讲话要点", NULL};

/* ※这是习近平总书记2020年9月28日在X时的讲话。: the speaker, the date and
 * the occasion X. */
static int read_note(const char *s, size_t n, size_t from, span *name, date *dt, span *occ)
{
    size_t o = last_of(s, from, n, "※");
    if (o == n) return 0;
    size_t i = o + strlen("※"), end = first_of(s, i, n < i + NOTE_MAX ? n : i + NOTE_MAX, "。");
    if (end >= n) end = n;
    if (at(s, end, i, "这是")) i += strlen("这是");
    /* the name, then a role, then the date */
    size_t d = i;
    while (d < end && !read_date(s, end, d, dt)) d++;
    if (d >= end) return 0;
    size_t dend = read_date(s, end, d, dt), ne = d;
    for (int r = 0; roles[r]; r++)
        if (ne - i > strlen(roles[r]) && at(s, end, ne - strlen(roles[r]), roles[r])) {
            ne -= strlen(roles[r]);
            break;
        }
    int k;
    if (han_run(s, ne, i, 5, &k) != ne || k < 2 || k > 4) return 0;
    name->s = s + i;
    name->n = ne - i;
    occ->n = 0;
    size_t a = skip_blanks(s, end, dend);
    if (at(s, end, a, "在")) {
        a += strlen("在");
        for (int w = 0; speeches[w]; w++) {
            size_t sp = last_of(s, a, end, speeches[w]);
            if (sp == end || sp + strlen(speeches[w]) != end || !at(s, end, sp - 3, "的")) continue;
            size_t z = sp - 3;
            if (at(s, end, z - 3, "上") || at(s, end, z - 3, "时")) z -= 3;
            if (z > a) occ->s = s + a, occ->n = z - a;
            break;
        }
    }
    return 1;
}

/* A title run into the byline at the start of the first paragraph: the
 * text before ※, or before the speaker's name. */
static int read_title(const char *s, size_t n, const span *name, span *title)
{
    size_t look = n < HEAD_LOOK ? n : HEAD_LOOK, e = first_of(s, 0, look, "※");
    if (e == look) {
        if (!name->n) return 0;
        for (e = 0; e + name->n <= look && memcmp(s + e, name->s, name->n) != 0; e++) {
        }
        if (e + name->n > look) return 0;
    }
    if (e == 0) return 0;
    size_t k = nchars(s, e);
    if (k < TITLE_MIN || k > TITLE_MAX) return 0;
    static const char *const marks[] = {"。", "，", "！", "？", "；", "：", "、", ",", ".", NULL};
    for (int m = 0; marks[m]; m++)
        if (first_of(s, 0, e, marks[m]) < e) return 0;
    while (e > 0 && (s[e - 1] == ' ' || (e >= 3 && at(s, n, e - 3, "\xe3\x80\x80"))))
        e -= s[e - 1] == ' ' ? 1 : 3;
    title->s = s;
    title->n = e;
    return e > 0;
}

void lec_furniture_read(const char *text, size_t len, size_t first, lec_meta_list *meta)
{
    size_t tail = len > TAIL_LOOK ? len - TAIL_LOOK : 0;
    while (tail < len && ((unsigned char)text[tail] & 0xC0) == 0x80) tail++;
    span paper = {NULL, 0}, place = {NULL, 0}, name = {NULL, 0}, occ = {NULL, 0};
    date fd = {0, 0, 0}, dd = {0, 0, 0}, nd = {0, 0, 0};
    int footer = read_footer(text, len, tail, &paper, &fd);
    int note = read_note(text, len, tail, &name, &nd, &occ);
    size_t head = len < HEAD_LOOK ? len : HEAD_LOOK;
    int dateline = read_dateline(text, 0, head, &place, &dd) || read_dateline(text, tail, len, &place, &dd);

    if (footer) put(meta, "source", paper);
    if (note) {
        put(meta, "speaker", name);
        put(meta, "author", name);
        put(meta, "occasion", occ);
        put_date(meta, &nd, 0);
    }
    if (dateline) {
        put(meta, "place", place);
        put_date(meta, &dd, footer ? fd.y : 0);
    }
    if (footer) put_date(meta, &fd, 0);
    span title;
    if (!lec_meta_get(meta, "title") && read_title(text, first, &name, &title)) put(meta, "title", title);
}
