/*
 * t_theme.c - every element readable in every theme.
 *
 * With xterm's default 256-colour palette, for the dark and the light
 * theme, at 256 and at 8 colours: each element's text reads at a contrast
 * of at least 4.5:1 (WCAG AA) on the background it is drawn on -- the
 * theme's own (black for dark, white for light), its own background, and
 * the cursor row's -- both as the theme gives it and as a cell looks
 * (lec_look_of, which puts elements on the cursor row and under matches).
 * The current match differs from the other matches in more than hue.
 * Mono has no colour; its cursor row and matches show by reverse, also
 * a match on the cursor row.  Colour names, attributes and COLORFGBG.
 */
#include "../tap.h"
#include "lectern/render.h"
#include "lectern/theme.h"
#include "lectern/view.h"

#include <stdio.h>

/* The render attribute of each element that text carries (0: a
 * row-wide element). */
static uint32_t attr_of(int e)
{
    switch (e) {
    case LEC_EL_HEADING: return LEC_A_HEADING | LEC_A_STRONG;
    case LEC_EL_MARKER: return LEC_A_MARKER;
    case LEC_EL_STRONG: return LEC_A_STRONG;
    case LEC_EL_EMPHASIS: return LEC_A_EMPH;
    case LEC_EL_LINK: return LEC_A_LINK;
    case LEC_EL_URL: return LEC_A_URL;
    case LEC_EL_CODE: return LEC_A_CODE;
    case LEC_EL_QUOTE: return LEC_A_QUOTE;
    case LEC_EL_RULE: return LEC_A_RULE;
    case LEC_EL_BULLET: return LEC_A_BULLET;
    case LEC_EL_META: return LEC_A_META;
    case LEC_EL_HTML: return LEC_A_HTML;
    case LEC_EL_LABEL: return LEC_A_LABEL;
    case LEC_EL_ESCAPE: return LEC_A_ESCAPE;
    case LEC_EL_SUMMARY: return LEC_A_SUMMARY;
    case LEC_EL_MATCH: return LEC_A_MATCH;
    case LEC_EL_CURRENT: return LEC_A_MATCH_CUR;
    default: return 0;
    }
}

/* The colours of a look, the terminal's own where it has none. */
static double look_contrast(lec_look l, int theme)
{
    uint32_t fg = l.fg >= 0 ? lec_xterm_rgb(l.fg) : lec_theme_foreground(theme);
    uint32_t bg = l.bg >= 0 ? lec_xterm_rgb(l.bg) : lec_theme_background(theme);
    if (l.attrs & LEC_S_REVERSE) {
        uint32_t x = fg;
        fg = bg;
        bg = x;
    }
    return lec_contrast(fg, bg);
}

static void test_contrast(int theme, int colors)
{
    const char *tn = theme == LEC_THEME_DARK ? "dark" : "light";
    lec_style st[LEC_EL_COUNT];
    for (int e = 0; e < LEC_EL_COUNT; e++) st[e] = lec_theme_style(theme, e, colors);
    int bad = 0, checked = 0;
    char worst[160] = "";
    for (int e = 0; e < LEC_EL_COUNT; e++) {
        const lec_style *s = &st[e];
        /* The colours a theme gives must exist on the terminal. */
        if (s->fg >= colors || s->bg >= colors) {
            bad++;
            snprintf(worst, sizeof worst, "%s: colour %d on a %d-colour terminal",
                     lec_element_name(e), s->fg >= colors ? s->fg : s->bg, colors);
        }
        /* At 256 colours every element but the row-wide status line has
         * a colour of its own: dimming is not a colour and cannot be
         * measured. */
        if (colors == 256 && e != LEC_EL_STATUS && e != LEC_EL_STRONG &&
            e != LEC_EL_EMPHASIS && e != LEC_EL_LINK && s->fg < 0) {
            bad++;
            snprintf(worst, sizeof worst, "%s has no colour at 256 colours", lec_element_name(e));
        }
        if (s->attrs & LEC_S_DIM && s->fg >= 0) {
            bad++;
            snprintf(worst, sizeof worst, "%s: a colour dimmed", lec_element_name(e));
        }
        uint32_t a = attr_of(e);
        for (int cursor = 0; cursor <= 1; cursor++) {
            if (!a && e != LEC_EL_CURSOR && e != LEC_EL_STATUS) continue;
            lec_look l = a ? lec_look_of(st, a, cursor) : (lec_look){s->fg, s->bg, s->attrs};
            if (e == LEC_EL_CURSOR && !cursor) continue;
            if (e == LEC_EL_CURSOR) l = lec_look_of(st, 0, 1);
            double c = look_contrast(l, theme);
            checked++;
            if (c < 4.5) {
                bad++;
                snprintf(worst, sizeof worst, "%s%s: %d on %d, %.2f:1", lec_element_name(e),
                         cursor ? " on the cursor row" : "", l.fg, l.bg, c);
            }
        }
    }
    ok(bad == 0, "%s, %d colours: %d looks, every one at 4.5:1 or more %s", tn, colors, checked,
       worst);

    /* The current match differs from the others in more than hue: an
     * attribute the others have not. */
    unsigned cur = st[LEC_EL_CURRENT].attrs, m = st[LEC_EL_MATCH].attrs;
    ok((cur & ~m & (LEC_S_BOLD | LEC_S_UNDERLINE | LEC_S_REVERSE)) != 0,
       "%s, %d colours: the current match is marked by more than its colour", tn, colors);
    /* xterm draws bold black as grey: never bold on colour 0-7 text. */
    ok(!(st[LEC_EL_CURRENT].fg >= 0 && st[LEC_EL_CURRENT].fg < 8 && (cur & LEC_S_BOLD)),
       "%s, %d colours: the current match is not bold on a first-eight colour", tn, colors);
}

static void test_mono(void)
{
    lec_style st[LEC_EL_COUNT];
    int colours = 0;
    for (int e = 0; e < LEC_EL_COUNT; e++) {
        st[e] = lec_theme_style(LEC_THEME_MONO, e, 256);
        colours += st[e].fg >= 0 || st[e].bg >= 0;
    }
    is_int(colours, 0, "mono: no colour at all, even on a 256-colour terminal");
    lec_look plain = lec_look_of(st, 0, 0), cur = lec_look_of(st, 0, 1);
    lec_look m = lec_look_of(st, LEC_A_MATCH, 0), mc = lec_look_of(st, LEC_A_MATCH, 1);
    lec_look cm = lec_look_of(st, LEC_A_MATCH_CUR, 0);
    ok(!(plain.attrs & LEC_S_REVERSE) && (cur.attrs & LEC_S_REVERSE), "mono: the cursor row is reverse");
    ok((m.attrs & LEC_S_REVERSE) && !(mc.attrs & LEC_S_REVERSE),
       "mono: a match is reverse, and flips back on the cursor row");
    ok((cm.attrs & (LEC_S_BOLD | LEC_S_UNDERLINE)) && !(m.attrs & LEC_S_UNDERLINE),
       "mono: the current match is bold and underlined");
    for (int e = 0; e < LEC_EL_COUNT; e++) st[e] = lec_theme_style(LEC_THEME_DARK, e, 0);
    ok(st[LEC_EL_HEADING].fg < 0 && st[LEC_EL_CURSOR].bg < 0,
       "a terminal without colours gets mono whatever the theme");
}

static void test_looks(void)
{
    lec_style st[LEC_EL_COUNT];
    for (int e = 0; e < LEC_EL_COUNT; e++) st[e] = lec_theme_style(LEC_THEME_DARK, e, 256);
    lec_look l = lec_look_of(st, LEC_A_HEADING | LEC_A_STRONG | LEC_A_MARKER, 0);
    is_int(l.fg, st[LEC_EL_MARKER].fg, "a heading's marker has the marker's colour");
    l = lec_look_of(st, LEC_A_CODE, 1);
    is_int(l.bg, st[LEC_EL_CURSOR].bg, "code on the cursor row: the cursor's background");
    is_int(l.fg, st[LEC_EL_CODE].fg, "and its own colour, which reads there");
    l = lec_look_of(st, LEC_A_ESCAPE, 1);
    is_int(l.bg, st[LEC_EL_ESCAPE].bg, "an escape keeps its background on the cursor row");
    /* A colour that would not read on the cursor row gives way. */
    st[LEC_EL_CODE].fg = 18;
    l = lec_look_of(st, LEC_A_CODE, 1);
    is_int(l.fg, st[LEC_EL_CURSOR].fg, "a colour too dark for the cursor row takes the cursor's");
    l = lec_look_of(st, LEC_A_CODE | LEC_A_MATCH_CUR, 1);
    ok(l.fg == st[LEC_EL_CURRENT].fg && l.bg == st[LEC_EL_CURRENT].bg,
       "the current match has its own colours everywhere");
}

static void test_parse(void)
{
    int c = 99;
    ok(lec_color_parse("red", 3, &c) == 0 && c == 1, "red is colour 1");
    ok(lec_color_parse("bright-white", 12, &c) == 0 && c == 15, "bright-white is 15");
    ok(lec_color_parse("default", 7, &c) == 0 && c == -1, "default is the terminal's");
    ok(lec_color_parse("208", 3, &c) == 0 && c == 208, "a number");
    ok(lec_color_parse("256", 3, &c) < 0, "256 is not a colour");
    ok(lec_color_parse("bleu", 4, &c) < 0, "nor a misspelt name");
    ok(lec_color_parse("", 0, &c) < 0, "nor nothing");
    is_int(lec_attr_parse("bold", 4), LEC_S_BOLD, "bold");
    is_int(lec_attr_parse("blink", 5), 0, "blink is not an attribute");
    is_int(lec_element_find("current-match", 13), LEC_EL_CURRENT, "current-match names an element");
    is_int(lec_element_find("titel", 5), -1, "titel does not");
    is_int(lec_theme_from_colorfgbg("15;0"), LEC_THEME_DARK, "COLORFGBG 15;0: dark");
    is_int(lec_theme_from_colorfgbg("0;15"), LEC_THEME_LIGHT, "COLORFGBG 0;15: light");
    is_int(lec_theme_from_colorfgbg("0;default;7"), LEC_THEME_LIGHT, "COLORFGBG 0;default;7: light");
    is_int(lec_theme_from_colorfgbg("15;default"), LEC_THEME_AUTO, "15;default says nothing");
    is_int(lec_theme_from_colorfgbg(""), LEC_THEME_AUTO, "nor an empty one");
    is_int(lec_theme_from_colorfgbg("x;8"), LEC_THEME_DARK, "8 is dark");
    ok(lec_contrast(0x000000, 0xffffff) > 20.9, "black on white is 21:1");
    ok(lec_xterm_rgb(16) == 0x000000 && lec_xterm_rgb(231) == 0xffffff &&
           lec_xterm_rgb(208) == 0xff8700 && lec_xterm_rgb(244) == 0x808080,
       "xterm's palette: the cube and the greys");
}

int main(void)
{
    test_contrast(LEC_THEME_DARK, 256);
    test_contrast(LEC_THEME_DARK, 8);
    test_contrast(LEC_THEME_LIGHT, 256);
    test_contrast(LEC_THEME_LIGHT, 8);
    test_mono();
    test_looks();
    test_parse();
    return tap_done();
}
