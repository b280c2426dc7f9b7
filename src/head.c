/*
 * head.c - the head of a scraped speech: title, author, source, date,
 * occasion and speaker, read from the few lines before the body.
 *
 * Every line is judged on its own, by its shape.  The rules are kept
 * conservative because a wrong value is worse than a missing one: a news
 * label read as an author ("社论：…") or a slogan read as a speaker
 * ("深化改革 促进发展") would end up in the front matter, while a missing
 * value only leaves the line in the text, where the reader still sees it.
 * That is why a leading name must start with a common surname, and why
 * the title line has to pass more tests before it is read as a speaker.
 */
#include "lectern/head.h"
#include "lectern/marker.h"
#include "lectern/utf8.h"

#include <stdint.h>
#include <string.h>

enum {
    MAX_LOOK = 12,     /* lines looked at */
    MAX_HEAD = 8,      /* lines a head may span */
    MAX_LINE = 60,     /* a longer line is body text */
    MAX_SALUT = 30,    /* 同志们： and the like */
    MAX_SALUT_EN = 80, /* English salutations name several people */
    MAX_SPEAKER = 40,  /* "职务 姓名" */
    MAX_ROLE = 20,     /* a role fused after 会议上 */
};

enum { F_TITLE, F_AUTHOR, F_SOURCE, F_DATE, F_OCCASION, F_COUNT };
static const char *const field_names[F_COUNT] = {"title", "author", "source", "date", "occasion"};

/* What the head says.  Values are slices of the caller's lines, except
 * the speaker, whose spaces are collapsed into a copy. */
typedef struct head {
    lec_head_line f[F_COUNT];
    lec_head_line speaker_name; /* the author when no other is given */
    char speaker[256];
    size_t speaker_len;
} head;

/* ---- slices --------------------------------------------------------- */

static lec_head_line mk(const char *s, size_t n)
{
    lec_head_line l = {s, n};
    return l;
}

static int32_t cp_at(const char *s, size_t n, size_t *len)
{
    int32_t cp = 0;
    *len = (size_t)lec_utf8_decode(s, n, &cp);
    return cp;
}

static size_t nchars(lec_head_line l)
{
    size_t k = 0, len;
    for (size_t i = 0; i < l.len; i += len, k++)
        cp_at(l.s + i, l.len - i, &len);
    return k;
}

/* Whether l has more than max characters: counted no further (the line
 * asked may be a paragraph of thousands). */
static int longer_than(lec_head_line l, size_t max)
{
    size_t k = 0, len;
    for (size_t i = 0; i < l.len; i += len, k++) {
        if (k == max) return 1;
        cp_at(l.s + i, l.len - i, &len);
    }
    return 0;
}

/* The last code point and, in *len, its length. */
static int32_t last_cp(lec_head_line l, size_t *len)
{
    size_t i = l.len;
    *len = 0;
    if (!i) return 0;
    i--;
    while (i > 0 && l.len - i < 4 && ((unsigned char)l.s[i] & 0xC0) == 0x80)
        i--;
    int32_t cp = cp_at(l.s + i, l.len - i, len);
    if (i + *len != l.len) cp = LEC_REPLACEMENT, *len = 1; /* a stray byte */
    return cp;
}

static lec_head_line trim(lec_head_line l)
{
    size_t len;
    while (l.len && lec_cp_is_space(cp_at(l.s, l.len, &len)))
        l.s += len, l.len -= len;
    while (l.len && lec_cp_is_space(last_cp(l, &len)))
        l.len -= len;
    return l;
}

static lec_head_line drop(lec_head_line l, size_t k)
{
    return mk(l.s + k, l.len - k);
}

static int has_prefix(lec_head_line l, const char *p)
{
    size_t k = strlen(p);
    return l.len >= k && memcmp(l.s, p, k) == 0;
}

static int has_suffix(lec_head_line l, const char *p)
{
    size_t k = strlen(p);
    return l.len >= k && memcmp(l.s + l.len - k, p, k) == 0;
}

static const char *find(lec_head_line l, const char *p)
{
    size_t k = strlen(p);
    for (size_t i = 0; i + k <= l.len; i++)
        if (memcmp(l.s + i, p, k) == 0) return l.s + i;
    return NULL;
}

static int has_han(lec_head_line l)
{
    size_t len;
    for (size_t i = 0; i < l.len; i += len)
        if (lec_cp_is_han(cp_at(l.s + i, l.len - i, &len))) return 1;
    return 0;
}

/* Bytes of the run of Han characters at the start of l; *chars gets their
 * number. */
static size_t han_run(lec_head_line l, size_t *chars)
{
    size_t i = 0, len;
    *chars = 0;
    while (i < l.len && lec_cp_is_han(cp_at(l.s + i, l.len - i, &len)))
        i += len, (*chars)++;
    return i;
}

/* Nonzero when the UTF-8 text of cp occurs in set (a string of characters). */
static int cp_in(int32_t cp, const char *set)
{
    char u[5] = {0};
    return cp > 0 && lec_utf8_encode(cp, u) > 0 && strstr(set, u) != NULL;
}

static void set_field(head *h, int f, lec_head_line v)
{
    v = trim(v);
    if (!h->f[f].s && v.len) h->f[f] = v;
}

/* ---- dates ---------------------------------------------------------- */

/* A digit of a date: ASCII or full-width (kind 0), or a Chinese numeral
 * (kind 1; 十 only where ten is allowed, not in a year). */
static int date_digit(lec_head_line l, int ten, int *kind, size_t *len)
{
    *len = 0;
    int32_t cp = l.len ? cp_at(l.s, l.len, len) : 0;
    *kind = 0;
    if (cp >= '0' && cp <= '9') return 1;
    if (cp >= 0xFF10 && cp <= 0xFF19) return 1;
    *kind = 1;
    return cp_in(cp, ten ? "〇零一二三四五六七八九十" : "〇零一二三四五六七八九");
}

/* Bytes of a run of 1..max digits of the given kind at the start of l. */
static size_t num_run(lec_head_line l, int kind, size_t max)
{
    size_t i = 0, k = 0, len;
    int kd;
    while (date_digit(drop(l, i), kind == 1, &kd, &len) && kd == kind)
        i += len, k++;
    return k >= 1 && k <= max ? i : 0;
}

/* Bytes of a date at the start of l: 2012-04-14, 2012/4/14, 2012.4.14,
 * 2024年3月5日, 2024年3月, 二〇一八年一月二日; 0 when there is none.  Only
 * the shape is checked: a head has no use for calendar arithmetic. */
static size_t match_date(lec_head_line l)
{
    size_t i = 0, len, k;
    int kind = -1, kd;
    for (int d = 0; d < 4; d++) {
        if (!date_digit(drop(l, i), 0, &kd, &len) || (kind >= 0 && kd != kind)) return 0;
        kind = kd;
        i += len;
    }
    if (date_digit(drop(l, i), 0, &kd, &len) && kd == kind) return 0; /* 12345 */
    if (has_prefix(drop(l, i), "年")) {
        i += strlen("年");
        if (!(k = num_run(drop(l, i), kind, kind ? 3 : 2))) return 0;
        i += k;
        if (!has_prefix(drop(l, i), "月")) return 0;
        i += strlen("月");
        k = num_run(drop(l, i), kind, kind ? 3 : 2);
        if (k && (has_prefix(drop(l, i + k), "日") || has_prefix(drop(l, i + k), "号")))
            i += k + strlen("日");
        return i;
    }
    if (kind != 0 || i >= l.len || !strchr("-/.", l.s[i])) return 0;
    char sep = l.s[i++];
    if (!(k = num_run(drop(l, i), 0, 2))) return 0;
    i += k;
    if (i >= l.len || l.s[i] != sep) return 0;
    i++;
    if (!(k = num_run(drop(l, i), 0, 2))) return 0;
    return i + k;
}

/* The text inside （…） or (…) when l is wrapped in them; else l. */
static lec_head_line unwrap(lec_head_line l)
{
    if ((has_prefix(l, "（") && has_suffix(l, "）")) ||
        (has_prefix(l, "(") && has_suffix(l, ")"))) {
        size_t o = has_prefix(l, "(") ? 1 : strlen("（");
        size_t c = has_suffix(l, ")") ? 1 : strlen("）");
        if (l.len >= o + c) return trim(mk(l.s + o, l.len - o - c));
    }
    return l;
}

static int is_date_line(lec_head_line l)
{
    lec_head_line u = unwrap(l);
    return u.len && match_date(u) == u.len;
}

/* When l ends with a date in brackets ("…的讲话（2019年5月6日）"), puts the
 * date in *date and returns the text before it; else returns l. */
static lec_head_line cut_bracket_date(lec_head_line l, lec_head_line *date)
{
    const char *open = NULL;
    for (size_t i = 0; i < l.len; i++)
        if (l.s[i] == '(' || has_prefix(drop(l, i), "（")) open = l.s + i;
    if (!open || open == l.s) return l;
    lec_head_line tail = mk(open, (size_t)(l.s + l.len - open));
    if (!is_date_line(tail)) return l;
    *date = unwrap(tail);
    return trim(mk(l.s, (size_t)(open - l.s)));
}

/* ---- names ---------------------------------------------------------- */

/* Common Chinese surnames.  A leading name is only split off a title when
 * it starts with one: this rejects labels (社论： 快讯： 图解：), slogans
 * (深化改革 …) and bodies (中共中央 …), at the price of leaving the rare
 * author with an unlisted surname inside the title, where nothing is lost. */
static const char surnames[] =
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
    "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚"
    "邵万钱严覃武戴莫孔向汤常康施牛樊葛邢齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘"
    "祝包宁尚舒阮柯纪梅童凌毕单季裴霍涂苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍喻祁蒲房滕屈饶解牟艾"
    "尤穆司卓缪简项连麦褚娄窦戚岑景宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬卞姬栾隋商刁荣巫寇桑郎"
    "甄仲虞敖巩佘池查苑迟邝谈匡鞠荆冀郁胥储栗燕楚鄢劳奚粟冼蔺楼闻厉郜阚帅屠朴练廉禹祖";
static const char *const compound_surnames[] = {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫",
                                                "尉迟", "公孙", "慕容", "令狐", "夏侯", "长孙",
                                                "宇文", "司徒", "端木", "独孤", "南宫", NULL};
/* Last characters of organisations (国务院 海关总署 人民日报 新华社 黄山市委),
 * which are never names even when they start like one. */
static const char org_ends[] = "部委院局厅办会社报网台署处站府省市县区";
/* Last characters of roles (总理 局长 书记 主任 委员 代表 发言人 …). */
static const char role_ends[] = "长记席理任员表事官授师裁监人导";

static int common_surname(lec_head_line name)
{
    size_t len;
    for (int i = 0; compound_surnames[i]; i++)
        if (has_prefix(name, compound_surnames[i]) && nchars(name) >= 3) return 1;
    return cp_in(cp_at(name.s, name.len, &len), surnames);
}

/* Nonzero when l is a name: 2-4 Han characters (nothing else). */
static int han_name(lec_head_line l)
{
    size_t chars;
    return han_run(l, &chars) == l.len && chars >= 2 && chars <= 4;
}

static int looks_like_name(lec_head_line name)
{
    size_t len;
    return han_name(name) && common_surname(name) && !cp_in(last_cp(name, &len), org_ends);
}

static int looks_like_role(lec_head_line role)
{
    size_t len;
    return role.len && cp_in(last_cp(role, &len), role_ends);
}

/* Copies role (runs of spaces made one ASCII space), a space and name. */
static void put_speaker(head *h, lec_head_line role, lec_head_line name)
{
    if (h->speaker_len || role.len + name.len + 1 >= sizeof h->speaker) return;
    size_t o = 0, len;
    for (size_t i = 0; i < role.len; i += len) {
        int sp = lec_cp_is_space(cp_at(role.s + i, role.len - i, &len));
        if (!sp)
            memcpy(h->speaker + o, role.s + i, len), o += len;
        else if (o && h->speaker[o - 1] != ' ')
            h->speaker[o++] = ' ';
    }
    if (o) h->speaker[o++] = ' ';
    memcpy(h->speaker + o, name.s, name.len);
    h->speaker_len = o + name.len;
    h->speaker[h->speaker_len] = '\0';
    h->speaker_name = name;
}

/* ---- the kinds of head lines ---------------------------------------- */

/* Keys of "来源：人民网 更新时间：2012-04-14"; the ones with no field are read
 * past (the line is head, but an editor is not the author). */
static const struct {
    const char *key;
    int field;
} cn_keys[] = {{"来源", F_SOURCE},   {"稿源", F_SOURCE},   {"作者", F_AUTHOR},
               {"更新时间", F_DATE}, {"发布时间", F_DATE}, {"发表时间", F_DATE},
               {"发稿时间", F_DATE}, {"日期", F_DATE},     {"时间", F_DATE},
               {"责任编辑", -1},     {"编辑", -1},         {"记者", -1},
               {"通讯员", -1},       {"地点", -1}};

/* Bytes of a key and its colon at the start of l, or 0; *field gets the
 * key's field. */
static size_t match_key(lec_head_line l, int *field)
{
    for (size_t k = 0; k < sizeof cn_keys / sizeof cn_keys[0]; k++) {
        if (!has_prefix(l, cn_keys[k].key)) continue;
        lec_head_line rest = drop(l, strlen(cn_keys[k].key));
        *field = cn_keys[k].field;
        if (has_prefix(rest, ":")) return l.len - rest.len + 1;
        if (has_prefix(rest, "：")) return l.len - rest.len + strlen("：");
    }
    return 0;
}

/* "来源:人民网 更新时间:2012-04-14": a value runs to the next space that is
 * followed by another key (so "来源：青杉 日报" keeps its space); a date
 * value keeps only its date ("2012-04-14 10:30" gives 2012-04-14). */
static int read_pairs(lec_head_line l, head *h)
{
    int field, next_field = -1;
    size_t k = match_key(l, &field), len;
    if (!k) return 0;
    while (k) {
        size_t start = k, j = k, end = l.len, next = 0;
        while (j < l.len) {
            if (!lec_cp_is_space(cp_at(l.s + j, l.len - j, &len))) {
                j += len;
                continue;
            }
            size_t ws = j;
            while (j < l.len && lec_cp_is_space(cp_at(l.s + j, l.len - j, &len)))
                j += len;
            if ((next = match_key(drop(l, j), &next_field))) {
                end = ws;
                break;
            }
        }
        lec_head_line v = trim(mk(l.s + start, end - start));
        size_t d = match_date(v);
        if (field == F_DATE && d) v.len = d; /* the date without its time */
        if (field >= 0) set_field(h, field, v);
        l = drop(l, j);
        k = next;
        field = next_field;
    }
    return 1;
}

static const char *const speech_words[] = {"讲话提纲", "讲话", "报告", "致辞", "致词", "发言",
                                           "演讲",     "讲稿", "贺词", "演说", NULL};

/* "在…上的讲话": 在 first, then 的 and a word for a speech at the end. */
static int occasion_text(lec_head_line t)
{
    if (!has_prefix(t, "在")) return 0;
    for (int i = 0; speech_words[i]; i++) {
        size_t k = strlen(speech_words[i]);
        if (has_suffix(t, speech_words[i]) && t.len > k + 2 * strlen("的") &&
            has_suffix(mk(t.s, t.len - k), "的"))
            return 1;
    }
    return 0;
}

static lec_head_line strip_dashes(lec_head_line l)
{
    while (has_prefix(l, "—") || has_prefix(l, "--"))
        l = drop(l, has_prefix(l, "—") ? strlen("—") : 2);
    return trim(l);
}

/* "——在…上的讲话", "（在…上的讲话）", "在…上的讲话（2019年5月6日）". */
static int read_occasion(lec_head_line l, head *h)
{
    lec_head_line date = {NULL, 0};
    lec_head_line t = cut_bracket_date(unwrap(strip_dashes(l)), &date);
    if (!occasion_text(t)) return 0;
    set_field(h, F_OCCASION, t);
    if (date.s) set_field(h, F_DATE, date);
    return 1;
}

/* Characters before the 上 that ends an occasion: 会上 会议上 仪式上 典礼上
 * 论坛上 培训班上.  Other 上 (上海, 路上) do not end one. */
static const char venue_ends[] = "会议式礼坛班";

/* Position just after the last 上 of t that ends an occasion, or 0. */
static size_t venue_end(lec_head_line t)
{
    size_t u = strlen("上"), len;
    for (size_t i = t.len; i-- > 0;) {
        if (!has_prefix(drop(t, i), "上") || i == 0) continue;
        if (cp_in(last_cp(mk(t.s, i), &len), venue_ends)) return i + u;
    }
    return 0;
}

/* "在…会议上国务院总理 李强": the speaker fused after the occasion.  Only
 * split when a venue 上 is followed by a short all-Han role, a space and
 * a name; *occasion gets "在…会议上". */
static int fused_speaker(lec_head_line t, head *h, lec_head_line *occasion)
{
    size_t i = t.len, len;
    while (i > 0 && !lec_cp_is_space(last_cp(mk(t.s, i), &len)))
        i -= len;
    if (!i) return 0;
    lec_head_line name = drop(t, i), before = trim(mk(t.s, i));
    size_t end = venue_end(before);
    if (!end || !han_name(name)) return 0;
    lec_head_line role = drop(before, end);
    size_t chars;
    if (han_run(role, &chars) != role.len || chars < 2 || chars > MAX_ROLE || find(role, "的"))
        return 0;
    if (!common_surname(name) && !looks_like_role(role)) return 0;
    *occasion = mk(before.s, end);
    put_speaker(h, role, name);
    return 1;
}

/* "TITLE——2024年3月5日在…会议上…": a date and an occasion fused after a
 * title.  Anything else after —— ("奋斗——记…") is a subtitle and stays in
 * the title.  Returns the title. */
static lec_head_line read_fused(lec_head_line t, head *h)
{
    const char *dash = find(t, "——");
    if (!dash || dash == t.s) return t;
    lec_head_line title = trim(mk(t.s, (size_t)(dash - t.s)));
    lec_head_line rest = strip_dashes(mk(dash, (size_t)(t.s + t.len - dash)));
    lec_head_line date = {NULL, 0}, occ = {NULL, 0};
    size_t d = match_date(rest);
    if (d) date = mk(rest.s, d), rest = trim(drop(rest, d));
    if (has_prefix(rest, "，") || has_prefix(rest, ","))
        rest = trim(drop(rest, has_prefix(rest, ",") ? 1 : strlen("，")));
    if (rest.len) {
        lec_head_line t2 = cut_bracket_date(rest, &date);
        if (occasion_text(t2))
            occ = t2;
        else if (has_prefix(rest, "在") && venue_end(rest) == rest.len)
            occ = rest; /* "在…会议上", no speech word */
        else if (!has_prefix(rest, "在") || !fused_speaker(rest, h, &occ))
            return t;
    } else if (!d) {
        return t;
    }
    if (!title.len) return t;
    if (occ.s) set_field(h, F_OCCASION, occ);
    if (date.s) set_field(h, F_DATE, date);
    return title;
}

/* "胡玉敏 题目" / "胡玉敏：题目": a name, then spaces or a colon, then a title
 * at least six characters long and twice as long as the name (so that two
 * short phrases side by side are not read as name and title). */
static lec_head_line split_author(lec_head_line t, head *h)
{
    size_t chars, len, i = han_run(t, &chars);
    int sep = 0, colon = 0;
    if (chars < 2 || chars > 4) return t;
    while (i < t.len) {
        int32_t cp = cp_at(t.s + i, t.len - i, &len);
        if (lec_cp_is_space(cp))
            sep = 1;
        else if ((cp == ':' || cp == 0xFF1A) && !colon)
            sep = colon = 1;
        else
            break;
        i += len;
    }
    lec_head_line name = mk(t.s, han_run(t, &chars)), rest = trim(drop(t, i));
    size_t rc = nchars(rest);
    if (!sep || rc < 6 || rc < 2 * chars || !looks_like_name(name)) return t;
    set_field(h, F_AUTHOR, name);
    return rest;
}

static void read_title(lec_head_line l, head *h)
{
    lec_head_line date = {NULL, 0};
    size_t k = 0;
    /* "# 标题": a Markdown heading left in a .txt file */
    while (k < l.len && l.s[k] == '#')
        k++;
    if (k && k <= 6 && k < l.len && l.s[k] == ' ') l = trim(drop(l, k));
    l = read_fused(split_author(l, h), h);
    l = cut_bracket_date(l, &date);
    if (date.s) set_field(h, F_DATE, date);
    set_field(h, F_TITLE, l);
}

/* "市文化局局长 张某某".  strict (used on a line that could be the title)
 * asks for both a role word and a common surname, so that a title of two
 * phrases ("深化改革 促进发展") stays a title. */
static int read_speaker(lec_head_line l, head *h, int strict)
{
    if (longer_than(l, MAX_SPEAKER) || find(l, "。") || find(l, "，") || find(l, ",") || find(l, "——"))
        return 0;
    size_t i = l.len, len;
    while (i > 0 && !lec_cp_is_space(last_cp(mk(l.s, i), &len)))
        i -= len;
    lec_head_line name = drop(l, i), role = trim(mk(l.s, i));
    if (!i || !role.len || !han_name(name)) return 0;
    /* "作者 张三" "责任编辑 李四": a byline with a space for its colon */
    for (size_t k = 0; k < sizeof cn_keys / sizeof cn_keys[0]; k++) {
        if (role.len != strlen(cn_keys[k].key) || !has_prefix(role, cn_keys[k].key)) continue;
        if (cn_keys[k].field >= 0) set_field(h, cn_keys[k].field, name);
        return 1;
    }
    int a = common_surname(name), b = looks_like_role(role);
    if (strict ? !(a && b) : !(a || b)) return 0;
    put_speaker(h, role, name);
    return 1;
}

/* ---- English -------------------------------------------------------- */

static int ascii_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 'a' - 'A' : c;
}

static int word_is(lec_head_line w, const char *lit)
{
    if (w.len != strlen(lit)) return 0;
    for (size_t i = 0; i < w.len; i++)
        if (ascii_lower((unsigned char)w.s[i]) != lit[i]) return 0;
    return 1;
}

/* "Harry S. Truman": 2-5 capitalised words or initials, and no "The"
 * (so that "Democracy: The Road Ahead" is not a person). */
static int english_name(lec_head_line v)
{
    size_t words = 1;
    if (has_prefix(v, "The ") || has_prefix(v, "A ")) return 0;
    for (size_t i = 0; i < v.len; i++) {
        int c = (unsigned char)v.s[i], start = i == 0 || v.s[i - 1] == ' ';
        if (c == ' ') words++;
        if (start ? !(c >= 'A' && c <= 'Z')
                  : c != ' ' && !strchr("abcdefghijklmnopqrstuvwxyz.'-", c))
            return 0;
    }
    return words >= 2 && words <= 5;
}

/* English keys and their fields; any other key is a role (President,
 * Senator) when its value is a person's name. */
static const struct {
    const char *key;
    int field;
} en_keys[] = {{"title", F_TITLE},   {"date", F_DATE}, {"source", F_SOURCE},
               {"author", F_AUTHOR}, {"by", F_AUTHOR}, {"occasion", F_OCCASION},
               {"event", F_OCCASION}};

/* "President: Harry S. Truman", "Date: January 20, 1949": a key of 1-3
 * words of letters, capitalised, then a colon, a space and a value. */
static int read_english_pair(lec_head_line l, head *h)
{
    const char *colon = memchr(l.s, ':', l.len);
    if (!colon || has_han(l)) return 0;
    lec_head_line key = mk(l.s, (size_t)(colon - l.s)), v = trim(drop(l, key.len + 1));
    size_t words = 1;
    if (!key.len || key.len > 30 || key.s[0] < 'A' || key.s[0] > 'Z' || !v.len) return 0;
    if (l.s[key.len + 1] != ' ') return 0; /* 10:30, http: */
    for (size_t i = 0; i < key.len; i++) {
        int c = ascii_lower((unsigned char)key.s[i]);
        if (c == ' ')
            words++;
        else if (c < 'a' || c > 'z')
            return 0;
    }
    if (words > 3) return 0;
    for (size_t k = 0; k < sizeof en_keys / sizeof en_keys[0]; k++) {
        if (!word_is(key, en_keys[k].key)) continue;
        set_field(h, en_keys[k].field, v);
        return 1;
    }
    if (!english_name(v)) return 0;
    put_speaker(h, mk(NULL, 0), v);
    return 1;
}

/* ---- salutations and the end of the head ---------------------------- */

/* Words a Chinese salutation is made of.  The whole line must be made of
 * them (and of 、，和及与), so that "领导讲话：" or "专家点评：" stay
 * subheadings while "尊敬的各位领导、各位来宾，女士们、先生们：" is one. */
static const char *const audience[] = {
    "同志", "代表", "委员", "朋友", "女士",     "先生",   "来宾",   "嘉宾", "贵宾", "领导", "老师",
    "同学", "专家", "学者", "同胞", "父老乡亲", "乡亲",   "同事",   "同仁", "战友", "校友", "家长",
    "党员", "干部", "职工", "青年", "记者",     "小朋友", "老同志", "大家", "诸位", "各位", NULL};
static const char *const fillers[] = {"尊敬的", "亲爱的", "敬爱的", "在座的", "全体", "广大",
                                      "各级",   "们",     "、",     "，",     ",",    "和",
                                      "及",     "与",     " ",      "　",     NULL};

static int made_of_audience(lec_head_line t)
{
    int nouns = 0;
    while (t.len) {
        size_t best = 0;
        int noun = 0;
        for (int i = 0; audience[i]; i++)
            if (has_prefix(t, audience[i]) && strlen(audience[i]) > best)
                best = strlen(audience[i]), noun = 1;
        for (int i = 0; fillers[i]; i++)
            if (has_prefix(t, fillers[i]) && strlen(fillers[i]) > best)
                best = strlen(fillers[i]), noun = 0;
        if (!best) return 0;
        nouns += noun;
        t = drop(t, best);
    }
    return nouns > 0;
}

static int english_audience(lec_head_line t)
{
    static const char *const words[] = {"mr.",     "mrs.",       "ms.",       "madam",
                                        "fellow",  "citizens",   "ladies",    "gentlemen",
                                        "friends", "colleagues", "excellenc", "distinguished",
                                        "guests",  "delegates",  "comrades",  NULL};
    for (int i = 0; words[i]; i++) {
        size_t k = strlen(words[i]);
        for (size_t j = 0; j + k <= t.len; j++) /* at the start of a word */
            if ((j == 0 || t.s[j - 1] == ' ') && word_is(mk(t.s + j, k), words[i])) return 1;
    }
    return 0;
}

int lec_head_is_salutation(const char *s, size_t len)
{
    lec_head_line t = trim(mk(s, len));
    size_t cl;
    int32_t last = last_cp(t, &cl);
    if (!t.len) return 0;
    /* Most lines end otherwise (。): they need no closer look (every
     * short line of a plain text is asked). */
    if (last != 0xFF1A && last != ':' && last != 0xFF01 && last != '!' && last != ',') return 0;
    lec_head_line body = trim(mk(t.s, t.len - cl));
    if (!has_han(t))
        return !longer_than(t, MAX_SALUT_EN) && (last == ':' || last == ',') && english_audience(body);
    if (longer_than(t, MAX_SALUT)) return 0;
    if (last != 0xFF1A && last != ':' && last != 0xFF01 && last != '!') return 0;
    return made_of_audience(body);
}

/* Nonzero when l cannot be part of a head: the body has begun. */
static int ends_head(lec_head_line l)
{
    size_t cl;
    lec_marker m;
    if (lec_head_is_salutation(l.s, l.len) || longer_than(l, MAX_LINE)) return 1;
    if (find(l, "。") || find(l, "！") || find(l, "？")) return 1;
    int32_t last = last_cp(l, &cl);
    /* an English sentence ends a line ("…of the world."); "Harry S." or
     * "D.C." does not, hence the lower-case letter before the dot */
    if (last == '!' || last == '?') return 1;
    if (last == '.' && l.len >= 2 &&
        strchr("abcdefghijklmnopqrstuvwxyz0123456789)", l.s[l.len - 2]))
        return 1;
    /* a clause that goes on ("习近平新时代中国特色社会主义思想，") is body text */
    if (cp_in(last, "，；、：") || last == ',' || last == ';' || last == ':') return 1;
    /* the scanner already refuses dates; the guard keeps "（2018年1月2日）"
     * in the head whatever it learns later */
    return lec_marker_scan(l.s, l.len, LEC_MARK_BLOCK, &m) && !is_date_line(l);
}

/* Reads one line of the head; nonzero when it said something. */
static int read_line(lec_head_line l, head *h, int *title_line, int index)
{
    if (read_english_pair(l, h) || read_pairs(l, h)) return 1;
    if (is_date_line(l)) {
        set_field(h, F_DATE, unwrap(l));
        return 1;
    }
    if (read_occasion(l, h)) return 1;
    /* the title comes first: once an occasion or a speaker was read, a
     * plain line is no longer taken for it */
    int title_free = *title_line < 0 && !h->f[F_TITLE].s && !h->f[F_OCCASION].s && !h->speaker_len;
    if (read_speaker(l, h, title_free)) return 1;
    if (!title_free) return 0;
    read_title(l, h);
    *title_line = index;
    return 1;
}

size_t lec_head_parse(const lec_head_line *lines, size_t n, lec_meta_list *meta, int *title_line)
{
    head h;
    int tl = -1;
    size_t i, said = 0, count = 0;
    int ended = 0;
    memset(&h, 0, sizeof h);
    for (i = 0; i < n && i < MAX_LOOK; i++) {
        lec_head_line l = trim(lines[i]);
        if (l.len && ends_head(l)) {
            ended = 1;
            break;
        }
        if (i == MAX_HEAD) break;
        if (l.len && read_line(l, &h, &tl, (int)i)) said = i + 1;
    }
    /* Lines that said nothing belong to the head when the body's start is
     * in sight; when it is not (the window is full, or the text ends), the
     * head stops after the last line that said something, so that a text
     * of short lines is not swallowed whole. */
    count = ended ? i : said;
    if (!h.f[F_AUTHOR].s && h.speaker_name.s) h.f[F_AUTHOR] = h.speaker_name;
    for (int f = 0; f < F_COUNT && meta; f++)
        if (h.f[f].s && !lec_meta_get(meta, field_names[f]))
            lec_meta_set(meta, field_names[f], strlen(field_names[f]), h.f[f].s, h.f[f].len, 0);
    if (meta && h.speaker_len && !lec_meta_get(meta, "speaker"))
        lec_meta_set(meta, "speaker", strlen("speaker"), h.speaker, h.speaker_len, 0);
    if (title_line) *title_line = tl;
    return count;
}
