/*
 * convert.c - plain text to Markdown (lectern/convert.h).
 *
 * After segmentation (textseg.c) the work is done on numbering candidates:
 * every marker at the start of a paragraph or just after a sentence end
 * (。！？), or after a colon for run-in families.  The same sequence
 * validation that the Markdown model uses (outline.c) decides which of
 * them number anything, so a preview list after 讲三个问题： or a lone 一是 in
 * running text stays text.  Then:
 *  - each accepted candidate inside a paragraph starts a new paragraph;
 *  - families that head parts of a text (第一部分 一、 第一个问题 I., and
 *    （一） 1. when every one of them stands on its own line) become headings,
 *    levels in the order the tree shows them; the rest stay paragraphs that
 *    begin with their marker (points);
 *  - a heading that runs into its body is cut (fuse.h);
 *  - a photo caption pasted into the text (caption.h) becomes a block of
 *    its own, in italics; what it holds numbers nothing, and a marker
 *    right after its credit starts a point as after a sentence end.
 */
#include "lectern/convert.h"
#include "lectern/bytes.h"
#include "lectern/caption.h"
#include "lectern/fuse.h"
#include "lectern/furniture.h"
#include "lectern/marker.h"
#include "lectern/outline.h"
#include "lectern/textseg.h"
#include "lectern/utf8.h"
#include "lectern/util.h"

#include <stdlib.h>
#include <string.h>

#include "convert_priv.h"

/* ---- candidates ----------------------------------------------------- */

static void add_cand(conv *cv, uint32_t pos, uint32_t para, int boundary, const lec_marker *m)
{
    LEC_GROW(cv->c, cv->cap, cv->nc + 1);
    cand *c = &cv->c[cv->nc++];
    c->pos = pos;
    c->para = para;
    c->boundary = (uint8_t)boundary;
    c->family = (uint8_t)m->family;
    c->ordinal = m->ordinal;
    c->sub = (uint8_t)(m->sub < 255 ? m->sub : 255);
    c->apart = m->apart != 0;
    c->bare = 0;
    c->node = LEC_NONE;
}

/* Closing quotes and brackets that may follow a sentence end. */
static size_t skip_closers(const char *s, size_t n, size_t i)
{
    for (;;) {
        int32_t cp;
        if (i >= n) return i;
        int l = lec_utf8_decode(s + i, n - i, &cp);
        if (cp == 0x201D || cp == 0x2019 || cp == 0x300D || cp == 0x300F || cp == 0xFF09 ||
            cp == ')' || cp == '"' || cp == ' ' || cp == 0x3000)
            i += (size_t)l;
        else
            return i;
    }
}

/* Whether s[0..at) is empty or ends a sentence (blanks after it aside). */
static int after_sentence(const char *s, size_t at)
{
    static const char *const ends[] = {"。", "！", "？", "”", "’", "）", "」"};
    for (;;) {
        if (at == 0) return 1;
        unsigned char c = (unsigned char)s[at - 1];
        if (c == ' ' || c == '\t') {
            at--;
        } else if (at >= 3 && memcmp(s + at - 3, "\xe3\x80\x80", 3) == 0) {
            at -= 3; /* U+3000 */
        } else {
            if (c == '.' || c == '!' || c == '?') return 1;
            for (size_t k = 0; k < sizeof ends / sizeof *ends; k++)
                if (at >= 3 && memcmp(s + at - 3, ends[k], 3) == 0) return 1;
            return 0;
        }
    }
}

/* The photo captions of paragraph pi. */
static void find_captions(conv *cv, uint32_t pi, size_t *first)
{
    const lec_tpara *p = &cv->d.p[pi];
    const char *s = cv->d.text.data + p->off;
    lec_caption c;
    *first = cv->ncaps;
    for (size_t from = 0; lec_caption_next(s, p->len, from, &c); from = c.end) {
        LEC_GROW(cv->caps, cv->cap_caps, cv->ncaps + 1);
        capt *k = &cv->caps[cv->ncaps++];
        k->start = p->off + (uint32_t)c.start;
        k->end = p->off + (uint32_t)c.end;
        k->para = pi;
        k->block = (uint8_t)after_sentence(s, c.start);
    }
}

/* Adds a candidate at pos, in order among those of the paragraph that
 * begin at first (unless one is there already). */
static void insert_cand(conv *cv, size_t first, uint32_t pos, uint32_t pi, const lec_marker *m,
                        int bare)
{
    size_t j = cv->nc;
    while (j > first && cv->c[j - 1].pos >= pos)
        j--;
    if (j < cv->nc && cv->c[j].pos == pos) return;
    add_cand(cv, pos, pi, j == first && pos == cv->d.p[pi].off ? B_START : B_SENT, m);
    cv->c[cv->nc - 1].bare = (uint8_t)bare;
    cand moved = cv->c[cv->nc - 1];
    memmove(&cv->c[j + 1], &cv->c[j], (cv->nc - 1 - j) * sizeof *cv->c);
    cv->c[j] = moved;
}

/* ---- excerpt compilations ------------------------------------------- */

/* What an excerpt's citation says it is quoted from. */
static const char *const cited[] = {"讲话", "谈话", "发言", "指示", "批示", "贺信", "回信",
                                    "信",   "文章", "报告", "致辞", "演讲", "要点", "说明",
                                    "答问", "贺词", "序言", "部分", NULL};

/* Whether t[0..at) ends with an excerpt's citation, its source in
 * brackets: （2020年2月5日在…上的讲话）. */
static int ends_citation(const char *t, size_t at)
{
    while (at > 0 && t[at - 1] == ' ')
        at--;
    size_t close;
    if (at >= 1 && t[at - 1] == ')')
        close = at - 1;
    else if (at >= 3 && memcmp(t + at - 3, "）", 3) == 0)
        close = at - 3;
    else
        return 0;
    size_t o = close;
    while (o > 0 && close - o < 300 && t[o - 1] != '(' &&
           !(o >= 3 && memcmp(t + o - 3, "（", 3) == 0))
        o--;
    if (o == 0 || close - o >= 300) return 0;
    /* a year first (2020年), a word for a speech or a text last */
    size_t i = o, d = 0;
    while (i < close && t[i] == ' ')
        i++;
    while (i + d < close && t[i + d] >= '0' && t[i + d] <= '9')
        d++;
    if (d != 4 || close - (i + d) < 3 || memcmp(t + i + d, "年", 3) != 0) return 0;
    for (int k = 0; cited[k]; k++) {
        size_t l = strlen(cited[k]);
        if (close - o >= l && memcmp(t + close - l, cited[k], l) == 0) return 1;
    }
    return 0;
}

/* Whether s[at] is one of 一 二 三 四 五 六 七 八 九 十, a cheap look before a
 * closer one. */
static int numeral_lead(const char *s, size_t n, size_t at)
{
    static const char numerals[] = "一二三四五六七八九十";
    if (at + 3 > n || ((unsigned char)s[at] != 0xE4 && (unsigned char)s[at] != 0xE5)) return 0;
    for (size_t k = 0; k < sizeof numerals - 1; k += 3)
        if (memcmp(s + at, numerals + k, 3) == 0) return 1;
    return 0;
}

/* A bare numeral of an excerpt compilation's part (一 二 三, no
 * punctuation) at s[at], which follows a citation or a ※ note: a
 * candidate.  Validation keeps such numerals only as a run. */
static void try_bare(conv *cv, uint32_t pi, size_t first, size_t at)
{
    const lec_tpara *p = &cv->d.p[pi];
    const char *s = cv->d.text.data + p->off;
    lec_marker m;
    if (lec_marker_bare(s + at, p->len - at, &m))
        insert_cand(cv, first, p->off + (uint32_t)(at + m.skip), pi, &m, 1);
}

/* Whether the sentence that ends just before s[at] (at its 。) is a ※
 * note (※这是…的讲话。). */
static int after_note(const char *s, size_t at)
{
    size_t i = at >= 3 ? at - 3 : 0;
    while (i >= 3 && memcmp(s + i - 3, "。", 3) != 0 && memcmp(s + i - 3, "※", 3) != 0)
        i--;
    return i >= 3 && memcmp(s + i - 3, "※", 3) == 0;
}

/* A paragraph that begins with a bare numeral after a paragraph that is a
 * citation's or a ※ line. */
static void bare_at_start(conv *cv, uint32_t pi, size_t first)
{
    if (pi == 0 || cv->d.p[pi - 1].head) return;
    const char *t = cv->d.text.data;
    const lec_tpara *q = &cv->d.p[pi - 1];
    if (!numeral_lead(t + cv->d.p[pi].off, cv->d.p[pi].len, 0)) return;
    if (ends_citation(t + q->off, q->len) || (q->len >= 3 && memcmp(t + q->off, "※", 3) == 0))
        try_bare(cv, pi, first, 0);
}

static void find_candidates(conv *cv, uint32_t pi)
{
    const lec_tpara *p = &cv->d.p[pi];
    if (p->head || p->salute) return;
    const char *s = cv->d.text.data + p->off;
    size_t n = p->len, first_cap = cv->ncaps, first_cand = cv->nc;
    lec_marker m;
    if (lec_marker_scan(s, n, LEC_MARK_BLOCK, &m))
        add_cand(cv, p->off + (uint32_t)m.skip, pi, B_START, &m);
    bare_at_start(cv, pi, first_cand);
    for (size_t i = 0; i < n;) {
        /* Sentence ends and colons: 。！？： (E3 80 82, EF BC 81/9F/9A) or
         * ASCII, and white space; everything else (most of a text) is
         * passed over sixteen bytes at a time. */
        i = lec_bytes_cand_stop(s, n, i);
        if (i >= n) break;
        unsigned char b = (unsigned char)s[i];
        int32_t cp = 0;
        if ((b == ' ' || (b == 0xE3 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                          (unsigned char)s[i + 2] == 0x80)) &&
            i > 0) {
            /* A law run together on one line: 第一章　总则　第一条　… A
             * division or an article set apart starts after white space
             * too; its sequence is checked with the others. */
            i += b == ' ' ? 1 : 3;
            if (n - i < 3 || memcmp(s + i, "第", 3) != 0) continue;
            uint32_t pos = p->off + (uint32_t)i;
            /* after 。　 the sentence end found it already */
            if (cv->nc > first_cand && cv->c[cv->nc - 1].pos >= pos) continue;
            if (lec_marker_scan(s + i, n - i, LEC_MARK_BLOCK, &m) && m.skip == 0 && m.apart &&
                lec_family_document_wide(m.family))
                add_cand(cv, pos, pi, B_SENT, &m);
            continue;
        }
        if (b == 0xE3 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
            (unsigned char)s[i + 2] == 0x82) {
            cp = 0x3002;
            i += 3;
        } else if (b == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBC &&
                   ((unsigned char)s[i + 2] == 0x81 || (unsigned char)s[i + 2] == 0x9F ||
                    (unsigned char)s[i + 2] == 0x9A || (unsigned char)s[i + 2] == 0x89)) {
            cp = 0xFF00 + ((unsigned char)s[i + 2] - 0x80); /* FF01 FF1F FF1A FF09 */
            i += 3;
        } else if (b == '!' || b == '?' || b == ':' || b == '.' || b == ')') {
            cp = b;
            i++;
        } else {
            i++;
            continue;
        }
        if (cp == 0xFF09 || cp == ')') {
            /* an excerpt's citation, then the bare numeral of a new part */
            if (numeral_lead(s, n, i) && ends_citation(s, i)) try_bare(cv, pi, first_cand, i);
            continue;
        }
        if (cp == 0x3002 && numeral_lead(s, n, i) && after_note(s, i))
            try_bare(cv, pi, first_cand, i);
        int boundary = -1;
        if (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == '!' || cp == '?')
            boundary = B_SENT;
        else if (cp == 0xFF1A || cp == ':')
            boundary = B_COLON;
        else if (cp == '.' && i < n && s[i] == ' ')
            boundary = B_SENT; /* English: only EN and ROMAN markers follow */
        if (boundary < 0) continue;
        size_t at = skip_closers(s, n, i);
        if (at >= n) break;
        int ctx = boundary == B_COLON ? LEC_MARK_INLINE : LEC_MARK_BLOCK;
        if (!lec_marker_scan(s + at, n - at, ctx, &m)) continue;
        if (cp == '.' && m.family != LEC_FAM_EN && m.family != LEC_FAM_ROMAN) continue;
        add_cand(cv, p->off + (uint32_t)(at + m.skip), pi, boundary, &m);
    }
    find_captions(cv, pi, &first_cap);
    size_t kc = first_cap; /* the next caption that may hold a candidate */
    if (first_cap < cv->ncaps) {
        /* What a caption holds numbers nothing; right after its credit a
         * marker starts a point as after a sentence end. */
        size_t w = first_cand;
        for (size_t j = first_cand; j < cv->nc; j++) {
            while (kc < cv->ncaps && cv->caps[kc].end <= cv->c[j].pos)
                kc++;
            if (kc < cv->ncaps && cv->c[j].pos >= cv->caps[kc].start) continue;
            cv->c[w++] = cv->c[j];
        }
        cv->nc = w;
        for (size_t k = first_cap; k < cv->ncaps; k++) {
            size_t at = cv->caps[k].end - p->off;
            if (lec_marker_scan(s + at, n - at, LEC_MARK_BLOCK, &m))
                insert_cand(cv, first_cand, p->off + (uint32_t)(at + m.skip), pi, &m, 0);
        }
    }
}

/* ---- which candidates number something ------------------------------ */

static void validate(conv *cv)
{
    cv->tree = lec_outline_new();
    for (size_t i = 0; i < cv->nc; i++) {
        lec_event e = {0};
        e.type = LEC_EV_BLOCK;
        e.family = cv->c[i].family;
        e.ordinal = cv->c[i].ordinal;
        e.sub = cv->c[i].sub;
        if (cv->c[i].apart) e.flags |= LEC_EVF_APART;
        e.start = cv->c[i].pos;
        e.end = cv->c[i].pos + 1;
        lec_outline_add(cv->tree, &e);
    }
    lec_outline_mark_colons(cv->tree, cv->d.text.data, cv->d.text.len);
    lec_outline_build(cv->tree, (uint32_t)cv->d.text.len + 1, NULL);
    lec_outline_drop_events(cv->tree);
    size_t nn = lec_outline_count(cv->tree);
    cv->node_cand = lec_xcalloc(nn, sizeof *cv->node_cand);
    /* Nodes and candidates are both in text order. */
    size_t k = 0;
    for (size_t id = 1; id < nn; id++) {
        uint32_t start = lec_outline_node(cv->tree, id)->start;
        while (k < cv->nc && cv->c[k].pos < start)
            k++;
        if (k < cv->nc && cv->c[k].pos == start) {
            cv->c[k].node = (uint32_t)id;
            cv->node_cand[id] = k;
        }
    }
}

/* A paragraph that is all heading: short, and no sentence ends inside it. */
static int stands_alone(const conv *cv, const cand *c)
{
    const lec_tpara *p = &cv->d.p[c->para];
    const char *s = cv->d.text.data + c->pos;
    size_t n = p->off + p->len - c->pos, chars = 0;
    /* Looked at no further than 48 characters: a point's paragraph may be
     * the rest of a run-on text.  Byte by byte (the text is valid UTF-8:
     * a character begins at each byte that is no continuation byte); a
     * 。！？ (E3 80 82, EF BC 81/9F) counts unless it ends the paragraph. */
    const unsigned char *u = (const unsigned char *)s;
    if (c->boundary != B_START) return 0;
    for (size_t i = 0; i < n; i++) {
        if ((u[i] & 0xC0) == 0x80) continue;
        if (++chars > 48) return 0;
        if (i + 3 < n &&
            ((u[i] == 0xE3 && u[i + 1] == 0x80 && u[i + 2] == 0x82) ||
             (u[i] == 0xEF && u[i + 1] == 0xBC && (u[i + 2] == 0x81 || u[i + 2] == 0x9F))))
            return 0;
    }
    return 1;
}

static int heads_parts(int fam)
{
    return fam == LEC_FAM_PART || fam == LEC_FAM_SUBPART || fam == LEC_FAM_CHAPTER ||
           fam == LEC_FAM_SECTION || fam == LEC_FAM_QUESTION || fam == LEC_FAM_CN ||
           fam == LEC_FAM_ROMAN;
}

static void decide_headings(conv *cv)
{
    size_t nn = lec_outline_count(cv->tree);
    int alone[LEC_FAM_COUNT], seen[LEC_FAM_COUNT];
    for (int f = 0; f < LEC_FAM_COUNT; f++)
        alone[f] = 1, seen[f] = 0;
    for (size_t id = 1; id < nn; id++) {
        const cand *c = &cv->c[cv->node_cand[id]];
        seen[c->family] = 1;
        /* only these two families ask whether theirs all stand alone */
        if ((c->family == LEC_FAM_CN_PAREN || c->family == LEC_FAM_NUM) && alone[c->family] &&
            !stands_alone(cv, c))
            alone[c->family] = 0;
    }
    for (int f = 0; f < LEC_FAM_COUNT; f++)
        cv->heading_fam[f] = seen[f] && (heads_parts(f) ||
                                         ((f == LEC_FAM_CN_PAREN || f == LEC_FAM_NUM) && alone[f]));
    /* A heading cannot sit inside a point: a family under a family that
     * stays text stays text too.  Repeat until nothing changes. */
    for (int changed = 1; changed;) {
        changed = 0;
        for (size_t id = 1; id < nn; id++) {
            const lec_onode *n = lec_outline_node(cv->tree, id);
            if (!cv->heading_fam[n->family] || n->parent == 0) continue;
            int pf = lec_outline_node(cv->tree, n->parent)->family;
            if (!cv->heading_fam[pf]) {
                cv->heading_fam[n->family] = 0;
                changed = 1;
            }
        }
    }
    /* Levels: a family's shallowest place in the tree; ## is the top. */
    for (int f = 0; f < LEC_FAM_COUNT; f++)
        cv->fam_level[f] = 0;
    for (size_t id = 1; id < nn; id++) {
        const lec_onode *n = lec_outline_node(cv->tree, id);
        if (!cv->heading_fam[n->family]) continue;
        int lv = n->depth + 1;
        if (lv > 6) lv = 6;
        if (!cv->fam_level[n->family] || lv < cv->fam_level[n->family])
            cv->fam_level[n->family] = (uint8_t)lv;
    }
}

/* ---- fused headings ------------------------------------------------- */

/* The first caption that ends after pos (binary search; captions are in
 * text order and do not overlap). */
static size_t caption_after(const conv *cv, uint32_t pos)
{
    size_t lo = 0, hi = cv->ncaps;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cv->caps[mid].end <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* End of the text of candidate k: the next accepted candidate or caption
 * in the same paragraph, or the paragraph's end. */
uint32_t conv_cand_end(const conv *cv, size_t k)
{
    const lec_tpara *p = &cv->d.p[cv->c[k].para];
    uint32_t end = p->off + p->len;
    for (size_t j = k + 1; j < cv->nc && cv->c[j].para == cv->c[k].para; j++)
        if (cv->c[j].node != LEC_NONE) {
            end = cv->c[j].pos;
            break;
        }
    size_t q = caption_after(cv, cv->c[k].pos);
    if (q < cv->ncaps && cv->caps[q].block && cv->caps[q].start < end) end = cv->caps[q].start;
    return end;
}

/* ---- preview lists ---------------------------------------------------- */

#define PREVIEW_LOOK 900 /* bytes before the first heading a preview is looked for in */
#define PREVIEW_ITEM 180 /* bytes an item of a preview runs at most */

static int is_sep(const char *s, size_t n, size_t j, size_t *len)
{
    if (j < n && (s[j] == ';' || s[j] == ',')) return (int)(*len = 1);
    if (j + 3 <= n && (memcmp(s + j, "；", 3) == 0 || memcmp(s + j, "，", 3) == 0))
        return (int)(*len = 3);
    return 0;
}

static int is_stop3(const char *s, size_t n, size_t j)
{
    return j + 3 <= n && (memcmp(s + j, "。", 3) == 0 || memcmp(s + j, "！", 3) == 0 ||
                          memcmp(s + j, "？", 3) == 0);
}

/* The items of an enumeration inside one sentence at s[0..n) (一是X；二是Y；
 * 三是Z。 or （一）X，（二）Y…): how many, at most max, with each item's
 * text in items[]. */
static size_t preview_items(const char *s, size_t n, lec_fused *items, size_t max)
{
    lec_marker m;
    size_t cnt = 0, i = 0;
    int fam = -1;
    while (cnt < max && lec_marker_scan(s + i, n - i, LEC_MARK_BLOCK, &m)) {
        if (m.ordinal != (int)cnt + 1 || (fam >= 0 && (int)m.family != fam)) break;
        fam = (int)m.family;
        size_t ts = i + m.title, j = ts, sl = 0;
        int more = 0;
        for (; j < n && j - ts < PREVIEW_ITEM; j++) {
            if (is_stop3(s, n, j)) break;
            lec_marker nx;
            if (is_sep(s, n, j, &sl) &&
                lec_marker_scan(s + j + sl, n - j - sl, LEC_MARK_BLOCK, &nx) &&
                (int)nx.family == fam && nx.ordinal == (int)cnt + 2) {
                more = 1;
                break;
            }
        }
        if (j >= n || j - ts >= PREVIEW_ITEM || j == ts) break;
        items[cnt].hint = s + ts;
        items[cnt].hint_len = j - ts;
        cnt++;
        if (!more) break;
        i = j + sl;
    }
    return cnt;
}

/* When a preview list of exactly k items comes before the first of k
 * sibling headings (讲三个问题：一是…), its items are their hints. */
static void preview_hints(const conv *cv, uint32_t first, lec_fused *h, size_t k)
{
    const char *t = cv->d.text.data;
    uint32_t from = first > PREVIEW_LOOK ? first - PREVIEW_LOOK : 0;
    lec_fused items[16];
    if (k < 2 || k > 16) return;
    for (uint32_t at = first; at > from + 1; at--) {
        size_t cl = t[at - 1] == ':' ? 1 : (at >= 3 && memcmp(t + at - 3, "：", 3) == 0) ? 3 : 0;
        if (!cl) continue;
        memset(items, 0, sizeof items);
        if (preview_items(t + at, first - at, items, 16) == k) {
            for (size_t i = 0; i < k; i++) {
                h[i].hint = items[i].hint;
                h[i].hint_len = items[i].hint_len;
            }
            return;
        }
    }
}

static void cut_headings(conv *cv)
{
    size_t nn = lec_outline_count(cv->tree);
    cv->cut = lec_xcalloc(cv->nc ? cv->nc : 1, sizeof *cv->cut);
    cv->how = lec_xcalloc(cv->nc ? cv->nc : 1, sizeof *cv->how);
    lec_fused *h = lec_xcalloc(nn ? nn : 1, sizeof *h);
    size_t *which = lec_xcalloc(nn ? nn : 1, sizeof *which);
    size_t *cut = lec_xcalloc(nn ? nn : 1, sizeof *cut);
    int *how = lec_xcalloc(nn ? nn : 1, sizeof *how);
    /* Siblings of one family under one parent are cut together. */
    for (size_t id = 0; id < nn; id++) {
        const lec_onode *parent = lec_outline_node(cv->tree, id);
        for (int f = 1; f < LEC_FAM_COUNT; f++) {
            if (!cv->heading_fam[f]) continue;
            size_t k = 0;
            for (uint32_t c = parent->first_child; c != LEC_NONE;
                 c = lec_outline_node(cv->tree, c)->next_sibling) {
                const lec_onode *n = lec_outline_node(cv->tree, c);
                if (n->family != f) continue;
                size_t ci = cv->node_cand[c];
                lec_marker m;
                const char *s = cv->d.text.data + cv->c[ci].pos;
                size_t len = conv_cand_end(cv, ci) - cv->c[ci].pos;
                if (cv->c[ci].bare && lec_marker_bare(s, len, &m)) {
                    /* a part numbered by a bare numeral has no heading text:
                     * the numeral alone heads it, the excerpt follows */
                    cv->cut[ci] = m.len;
                    cv->how[ci] = LEC_CUT_WHOLE;
                    continue;
                }
                lec_marker_scan(s, len, LEC_MARK_BLOCK, &m);
                h[k].s = s + m.title;
                h[k].len = len - m.title;
                h[k].hint = NULL;
                h[k].hint_len = 0;
                which[k++] = ci;
            }
            if (!k) continue;
            preview_hints(cv, cv->c[which[0]].pos, h, k);
            lec_fuse_split(h, k, cut, how);
            for (size_t j = 0; j < k; j++) {
                cv->cut[which[j]] =
                    (size_t)(h[j].s - (cv->d.text.data + cv->c[which[j]].pos)) + cut[j];
                cv->how[which[j]] = how[j];
            }
        }
    }
    free(h);
    free(which);
    free(cut);
    free(how);
}

/* text with every byte that is not part of a valid UTF-8 character made
 * U+FFFD (as it is shown anyway): cleaning the text (dropping U+FEFF, a
 * CR) must never join the bytes on either side into a new character.
 * Caller frees with free(). */
static char *replace_invalid(const char *text, size_t len, size_t *out_len)
{
    lec_buf b = LEC_BUF_INIT;
    lec_buf_reserve(&b, len + len / 8);
    size_t i = 0;
    while (i < len) {
        int32_t cp;
        int n = lec_utf8_decode_strict(text + i, len - i, &cp);
        if (cp < 0)
            lec_buf_put(&b, "\xef\xbf\xbd", 3);
        else
            lec_buf_put(&b, text + i, (size_t)n);
        i += (size_t)n;
    }
    return lec_buf_detach(&b, out_len);
}

char *lec_convert(const char *text, size_t len, size_t *out_len)
{
    if (lec_utf8_valid(text, len, NULL)) return lec_convert_valid(text, len, out_len);
    char *fixed = replace_invalid(text, len, &len);
    char *md = lec_convert_valid(fixed, len, out_len);
    free(fixed);
    return md;
}

/* The conversion, into cv->out (given to cv->sink as it grows when there
 * is one). */
static void convert(conv *cv, const char *text, size_t len)
{
    lec_buf_reserve(&cv->d.text, len);
    lec_text_segment(text, len, &cv->d);
    /* A record with no head may still say what it is at its ends. */
    if (cv->d.n && !cv->d.p[0].head)
        lec_furniture_read(cv->d.text.data, cv->d.text.len, cv->d.p[0].len, &cv->d.meta);
    for (uint32_t i = 0; i < cv->d.n; i++)
        find_candidates(cv, i);
    validate(cv);
    decide_headings(cv);
    cut_headings(cv);
    /* Markdown is the text plus a few escapes and marks: one allocation
     * (or the pieces a sink is given). */
    lec_buf_reserve(&cv->out, cv->sink ? SINK_PIECE + SINK_PIECE / 4
                                       : cv->d.text.len + cv->d.text.len / 16 + 4096);
    conv_write_markdown(cv);

    lec_outline_free(cv->tree);
    free(cv->node_cand);
    free(cv->c);
    free(cv->caps);
    free(cv->cut);
    free(cv->how);
    lec_tdoc_free(&cv->d);
}

char *lec_convert_valid(const char *text, size_t len, size_t *out_len)
{
    conv cv;
    memset(&cv, 0, sizeof cv);
    convert(&cv, text, len);
    return lec_buf_detach(&cv.out, out_len);
}

void lec_convert_to(const char *text, size_t len, int valid,
                    void (*sink)(void *arg, const char *s, size_t n), void *arg)
{
    char *fixed = NULL;
    if (!valid && !lec_utf8_valid(text, len, NULL)) text = fixed = replace_invalid(text, len, &len);
    conv cv;
    memset(&cv, 0, sizeof cv);
    cv.sink = sink;
    cv.sink_arg = arg;
    convert(&cv, text, len);
    if (cv.out.len) sink(arg, cv.out.data, cv.out.len);
    lec_buf_free(&cv.out);
    free(fixed);
}
