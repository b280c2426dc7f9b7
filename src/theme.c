/*
 * theme.c - the themes, colour names, xterm's palette and the look of a
 * cell (lectern/theme.h).
 *
 * The colours were picked with lec_contrast against xterm's default
 * palette: at 256 colours every element has a colour of its own that
 * reads at 4.5:1 or more on black (dark) or white (light); at 8 colours
 * only a few of the eight do (on black: green, yellow, cyan, white; on
 * white: red, blue, magenta, black), so elements share them and differ by
 * bold and underline, and what is secondary (front matter, raw HTML,
 * fold summaries) is the terminal's own colour, dimmed.  The current
 * match is never bold on a colour of the first eight: xterm draws bold
 * black as grey.
 */
#include "lectern/theme.h"
#include "lectern/render.h"
#include "lectern/view.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const element_names[LEC_EL_COUNT] = {
    [LEC_EL_HEADING] = "heading", [LEC_EL_MARKER] = "marker",   [LEC_EL_STRONG] = "strong",
    [LEC_EL_EMPHASIS] = "emphasis", [LEC_EL_LINK] = "link",     [LEC_EL_URL] = "url",
    [LEC_EL_CODE] = "code",       [LEC_EL_QUOTE] = "quote",     [LEC_EL_RULE] = "rule",
    [LEC_EL_BULLET] = "bullet",   [LEC_EL_META] = "meta",       [LEC_EL_HTML] = "html",
    [LEC_EL_LABEL] = "label",     [LEC_EL_ESCAPE] = "escape",   [LEC_EL_SUMMARY] = "summary",
    [LEC_EL_MATCH] = "match",     [LEC_EL_CURRENT] = "current-match",
    [LEC_EL_CURSOR] = "cursor",   [LEC_EL_STATUS] = "status",
};

const char *lec_element_name(int e)
{
    return e >= 0 && e < LEC_EL_COUNT ? element_names[e] : NULL;
}

int lec_element_find(const char *s, size_t n)
{
    for (int e = 0; e < LEC_EL_COUNT; e++)
        if (strlen(element_names[e]) == n && memcmp(element_names[e], s, n) == 0) return e;
    return -1;
}

static const char *const color_names[16] = {
    "black",        "red",          "green",          "yellow",       "blue",
    "magenta",      "cyan",         "white",          "bright-black", "bright-red",
    "bright-green", "bright-yellow", "bright-blue",   "bright-magenta", "bright-cyan",
    "bright-white",
};

int lec_color_parse(const char *s, size_t n, int *color)
{
    if (n == 7 && memcmp(s, "default", 7) == 0) {
        *color = -1;
        return 0;
    }
    for (int i = 0; i < 16; i++) {
        if (strlen(color_names[i]) == n && memcmp(color_names[i], s, n) == 0) {
            *color = i;
            return 0;
        }
    }
    if (n == 0 || n > 3) return -1;
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    if (v > 255) return -1;
    *color = v;
    return 0;
}

int lec_attr_parse(const char *s, size_t n)
{
    static const struct {
        const char *name;
        int bit;
    } attrs[] = {{"bold", LEC_S_BOLD},     {"underline", LEC_S_UNDERLINE}, {"reverse", LEC_S_REVERSE},
                 {"italic", LEC_S_ITALIC}, {"dim", LEC_S_DIM}};
    for (size_t i = 0; i < sizeof attrs / sizeof *attrs; i++)
        if (strlen(attrs[i].name) == n && memcmp(attrs[i].name, s, n) == 0) return attrs[i].bit;
    return 0;
}

/* ---- the themes ---------------------------------------------------------- */

#define S(f, b, a) {(int16_t)(f), (int16_t)(b), (uint8_t)(a)}
#define B LEC_S_BOLD
#define U LEC_S_UNDERLINE
#define R LEC_S_REVERSE
#define I LEC_S_ITALIC
#define D LEC_S_DIM

/* Attributes alone: NO_COLOR, theme mono, a terminal without colour.
 * The cursor row and matches are reverse, so a match on the cursor row
 * flips back and still shows. */
static const lec_style mono[LEC_EL_COUNT] = {
    [LEC_EL_HEADING] = S(-1, -1, B),   [LEC_EL_MARKER] = S(-1, -1, B),
    [LEC_EL_STRONG] = S(-1, -1, B),    [LEC_EL_EMPHASIS] = S(-1, -1, I),
    [LEC_EL_LINK] = S(-1, -1, U),      [LEC_EL_URL] = S(-1, -1, U | D),
    [LEC_EL_CODE] = S(-1, -1, 0),      [LEC_EL_QUOTE] = S(-1, -1, D),
    [LEC_EL_RULE] = S(-1, -1, D),      [LEC_EL_BULLET] = S(-1, -1, 0),
    [LEC_EL_META] = S(-1, -1, D),      [LEC_EL_HTML] = S(-1, -1, D),
    [LEC_EL_LABEL] = S(-1, -1, D),     [LEC_EL_ESCAPE] = S(-1, -1, R),
    [LEC_EL_SUMMARY] = S(-1, -1, D),   [LEC_EL_MATCH] = S(-1, -1, R),
    [LEC_EL_CURRENT] = S(-1, -1, R | B | U), [LEC_EL_CURSOR] = S(-1, -1, R),
    [LEC_EL_STATUS] = S(-1, -1, R),
};

/* Dark backgrounds, 256 colours. */
static const lec_style dark256[LEC_EL_COUNT] = {
    [LEC_EL_HEADING] = S(81, -1, B),   [LEC_EL_MARKER] = S(220, -1, B),
    [LEC_EL_STRONG] = S(-1, -1, B),    [LEC_EL_EMPHASIS] = S(-1, -1, I),
    [LEC_EL_LINK] = S(-1, -1, U),      [LEC_EL_URL] = S(75, -1, U),
    [LEC_EL_CODE] = S(114, -1, 0),     [LEC_EL_QUOTE] = S(75, -1, 0),
    [LEC_EL_RULE] = S(67, -1, 0),      [LEC_EL_BULLET] = S(220, -1, 0),
    [LEC_EL_META] = S(250, -1, 0),     [LEC_EL_HTML] = S(245, -1, 0),
    [LEC_EL_LABEL] = S(108, -1, 0),    [LEC_EL_ESCAPE] = S(231, 124, 0),
    [LEC_EL_SUMMARY] = S(176, -1, 0),  [LEC_EL_MATCH] = S(16, 220, 0),
    [LEC_EL_CURRENT] = S(16, 208, B | U), [LEC_EL_CURSOR] = S(231, 17, 0),
    [LEC_EL_STATUS] = S(-1, -1, R),
};

/* Dark backgrounds, 8 colours. */
static const lec_style dark8[LEC_EL_COUNT] = {
    [LEC_EL_HEADING] = S(6, -1, B),    [LEC_EL_MARKER] = S(3, -1, B),
    [LEC_EL_STRONG] = S(-1, -1, B),    [LEC_EL_EMPHASIS] = S(-1, -1, I),
    [LEC_EL_LINK] = S(-1, -1, U),      [LEC_EL_URL] = S(6, -1, U),
    [LEC_EL_CODE] = S(2, -1, 0),       [LEC_EL_QUOTE] = S(6, -1, 0),
    [LEC_EL_RULE] = S(6, -1, 0),       [LEC_EL_BULLET] = S(3, -1, 0),
    [LEC_EL_META] = S(-1, -1, D),      [LEC_EL_HTML] = S(-1, -1, D),
    [LEC_EL_LABEL] = S(2, -1, 0),      [LEC_EL_ESCAPE] = S(7, 1, 0),
    [LEC_EL_SUMMARY] = S(-1, -1, D),   [LEC_EL_MATCH] = S(0, 3, 0),
    [LEC_EL_CURRENT] = S(0, 2, U),     [LEC_EL_CURSOR] = S(7, 4, 0),
    [LEC_EL_STATUS] = S(-1, -1, R),
};

/* Light backgrounds, 256 colours. */
static const lec_style light256[LEC_EL_COUNT] = {
    [LEC_EL_HEADING] = S(25, -1, B),   [LEC_EL_MARKER] = S(94, -1, B),
    [LEC_EL_STRONG] = S(-1, -1, B),    [LEC_EL_EMPHASIS] = S(-1, -1, I),
    [LEC_EL_LINK] = S(-1, -1, U),      [LEC_EL_URL] = S(25, -1, U),
    [LEC_EL_CODE] = S(22, -1, 0),      [LEC_EL_QUOTE] = S(61, -1, 0),
    [LEC_EL_RULE] = S(61, -1, 0),      [LEC_EL_BULLET] = S(94, -1, 0),
    [LEC_EL_META] = S(240, -1, 0),     [LEC_EL_HTML] = S(242, -1, 0),
    [LEC_EL_LABEL] = S(23, -1, 0),     [LEC_EL_ESCAPE] = S(231, 124, 0),
    [LEC_EL_SUMMARY] = S(90, -1, 0),   [LEC_EL_MATCH] = S(16, 228, 0),
    [LEC_EL_CURRENT] = S(16, 214, B | U), [LEC_EL_CURSOR] = S(16, 195, 0),
    [LEC_EL_STATUS] = S(-1, -1, R),
};

/* Light backgrounds, 8 colours. */
static const lec_style light8[LEC_EL_COUNT] = {
    [LEC_EL_HEADING] = S(4, -1, B),    [LEC_EL_MARKER] = S(1, -1, B),
    [LEC_EL_STRONG] = S(-1, -1, B),    [LEC_EL_EMPHASIS] = S(-1, -1, I),
    [LEC_EL_LINK] = S(-1, -1, U),      [LEC_EL_URL] = S(4, -1, U),
    [LEC_EL_CODE] = S(5, -1, 0),       [LEC_EL_QUOTE] = S(4, -1, 0),
    [LEC_EL_RULE] = S(4, -1, 0),       [LEC_EL_BULLET] = S(1, -1, 0),
    [LEC_EL_META] = S(-1, -1, D),      [LEC_EL_HTML] = S(-1, -1, D),
    [LEC_EL_LABEL] = S(5, -1, 0),      [LEC_EL_ESCAPE] = S(7, 1, 0),
    [LEC_EL_SUMMARY] = S(-1, -1, D),   [LEC_EL_MATCH] = S(0, 3, 0),
    [LEC_EL_CURRENT] = S(0, 6, U),     [LEC_EL_CURSOR] = S(0, 7, 0),
    [LEC_EL_STATUS] = S(-1, -1, R),
};

lec_style lec_theme_style(int theme, int e, int colors)
{
    static const lec_style none = S(-1, -1, 0);
    if (e < 0 || e >= LEC_EL_COUNT) return none;
    if (colors <= 0 || theme == LEC_THEME_MONO) return mono[e];
    int light = theme == LEC_THEME_LIGHT;
    if (colors >= 256) return light ? light256[e] : dark256[e];
    return light ? light8[e] : dark8[e];
}

int lec_theme_from_colorfgbg(const char *env)
{
    if (!env || !*env) return LEC_THEME_AUTO;
    /* The background is the last field: "fg;bg" or "fg;default;bg". */
    const char *bg = strrchr(env, ';');
    bg = bg ? bg + 1 : env;
    if (*bg < '0' || *bg > '9') return LEC_THEME_AUTO;
    char *end;
    long v = strtol(bg, &end, 10);
    if (*end || v > 255) return LEC_THEME_AUTO;
    return v == 7 || (v >= 9 && v <= 15) ? LEC_THEME_LIGHT : LEC_THEME_DARK;
}

/* ---- colours ------------------------------------------------------------- */

uint32_t lec_xterm_rgb(int n)
{
    static const uint32_t base[16] = {0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd,
                                      0x00cdcd, 0xe5e5e5, 0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00,
                                      0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff};
    if (n < 0) return 0;
    if (n < 16) return base[n];
    if (n < 232) {
        static const int level[6] = {0, 95, 135, 175, 215, 255};
        int k = n - 16;
        return (uint32_t)(level[k / 36] << 16 | level[k / 6 % 6] << 8 | level[k % 6]);
    }
    if (n < 256) {
        uint32_t g = (uint32_t)(8 + 10 * (n - 232));
        return g << 16 | g << 8 | g;
    }
    return 0xffffff;
}

static double channel(uint32_t c)
{
    double v = (double)c / 255.0;
    return v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double luminance(uint32_t rgb)
{
    return 0.2126 * channel(rgb >> 16 & 0xff) + 0.7152 * channel(rgb >> 8 & 0xff) +
           0.0722 * channel(rgb & 0xff);
}

double lec_contrast(uint32_t a, uint32_t b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

uint32_t lec_theme_background(int theme)
{
    return theme == LEC_THEME_LIGHT ? 0xffffff : 0x000000;
}

uint32_t lec_theme_foreground(int theme)
{
    return theme == LEC_THEME_LIGHT ? 0x000000 : 0xffffff;
}

/* ---- the look of a cell -------------------------------------------------- */

/* Elements in the order they apply: a later one's colours win. */
static const struct {
    uint32_t attr;
    int el;
} order[] = {
    {LEC_A_META, LEC_EL_META},       {LEC_A_RULE, LEC_EL_RULE},
    {LEC_A_QUOTE, LEC_EL_QUOTE},     {LEC_A_SUMMARY, LEC_EL_SUMMARY},
    {LEC_A_BULLET, LEC_EL_BULLET},   {LEC_A_STRONG, LEC_EL_STRONG},
    {LEC_A_HEADING, LEC_EL_HEADING}, {LEC_A_EMPH, LEC_EL_EMPHASIS},
    {LEC_A_LINK, LEC_EL_LINK},       {LEC_A_URL, LEC_EL_URL},
    {LEC_A_CODE, LEC_EL_CODE},       {LEC_A_HTML, LEC_EL_HTML},
    {LEC_A_LABEL, LEC_EL_LABEL},     {LEC_A_MARKER, LEC_EL_MARKER},
    {LEC_A_ESCAPE, LEC_EL_ESCAPE},
};

/* Puts a row-wide style (cursor, match) over look l: its colours where
 * it has them (reverse then off), else reverse flipped. */
static void over(lec_look *l, const lec_style *s)
{
    if (s->bg >= 0) {
        l->bg = s->bg;
        l->fg = s->fg;
        l->attrs &= ~(unsigned)LEC_S_REVERSE;
        l->attrs |= s->attrs;
    } else {
        l->attrs ^= s->attrs & LEC_S_REVERSE;
        l->attrs |= s->attrs & ~(unsigned)LEC_S_REVERSE;
    }
}

lec_look lec_look_of(const lec_style *st, uint32_t attrs, int cursor)
{
    lec_look l = {-1, -1, 0};
    for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
        if (!(attrs & order[i].attr)) continue;
        const lec_style *s = &st[order[i].el];
        if (s->fg >= 0) l.fg = s->fg;
        if (s->bg >= 0) l.bg = s->bg;
        l.attrs |= s->attrs;
    }
    if (cursor) {
        const lec_style *c = &st[LEC_EL_CURSOR];
        if (c->bg >= 0 && l.bg < 0) {
            l.bg = c->bg;
            if (l.fg < 0 || lec_contrast(lec_xterm_rgb(l.fg), lec_xterm_rgb(c->bg)) < 4.5)
                l.fg = c->fg;
            l.attrs &= ~(unsigned)LEC_S_REVERSE;
            l.attrs |= c->attrs;
        } else if (c->bg < 0) {
            over(&l, c);
        }
    }
    if (attrs & LEC_A_MATCH_CUR)
        over(&l, &st[LEC_EL_CURRENT]);
    else if (attrs & LEC_A_MATCH)
        over(&l, &st[LEC_EL_MATCH]);
    return l;
}
