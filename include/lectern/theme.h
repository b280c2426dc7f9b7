/*
 * theme.h - how each element of the screen looks: the themes (dark,
 * light, mono), colours by name or number, and what a cell with a set of
 * attributes looks like.
 *
 * Pure: no curses.  A style is a foreground, a background (xterm's 256
 * colour numbers; -1 the terminal's own) and attributes.  Each theme has
 * a style per element for a terminal of 256 colours and one for a
 * terminal of 8, chosen so that every element reads at a contrast of at
 * least 4.5:1 (WCAG AA) on the background the theme is for, measured with
 * xterm's default palette (tests/unit/t_theme.c checks it); mono has no
 * colour at all, as NO_COLOR asks.  The reader's `color` lines
 * (config.h) override single elements.
 */
#ifndef LECTERN_THEME_H
#define LECTERN_THEME_H

#include <stddef.h>
#include <stdint.h>

/* The elements a reader can colour, by the names the configuration file
 * uses (lec_element_name). */
typedef enum lec_element {
    LEC_EL_HEADING,  /* heading */
    LEC_EL_MARKER,   /* marker: 一、 （一） 1. of numbered sections and points */
    LEC_EL_STRONG,   /* strong */
    LEC_EL_EMPHASIS, /* emphasis */
    LEC_EL_LINK,     /* link: a link's text */
    LEC_EL_URL,      /* url: a link's target */
    LEC_EL_CODE,     /* code */
    LEC_EL_QUOTE,    /* quote: block-quote bars */
    LEC_EL_RULE,     /* rule: thematic breaks, table borders */
    LEC_EL_BULLET,   /* bullet: list bullets and numbers */
    LEC_EL_META,     /* meta: front matter */
    LEC_EL_HTML,     /* html: raw HTML */
    LEC_EL_LABEL,    /* label: a code block's info string */
    LEC_EL_ESCAPE,   /* escape: control characters shown as ^[ */
    LEC_EL_SUMMARY,  /* summary: what a folded section hides */
    LEC_EL_MATCH,    /* match: search matches */
    LEC_EL_CURRENT,  /* current-match: the current match */
    LEC_EL_CURSOR,   /* cursor: the cursor row */
    LEC_EL_STATUS,   /* status: the status line */
    LEC_EL_COUNT
} lec_element;

/* Attributes of a style. */
enum {
    LEC_S_BOLD = 1 << 0,
    LEC_S_UNDERLINE = 1 << 1,
    LEC_S_REVERSE = 1 << 2,
    LEC_S_ITALIC = 1 << 3, /* underline where the terminal has no italics */
    LEC_S_DIM = 1 << 4,
};

typedef struct lec_style {
    int16_t fg, bg; /* 0-255, or -1: the terminal's own */
    uint8_t attrs;  /* LEC_S_* */
} lec_style;

enum { LEC_THEME_AUTO, LEC_THEME_DARK, LEC_THEME_LIGHT, LEC_THEME_MONO };

/* "heading", "current-match"...; NULL past the last. */
const char *lec_element_name(int e);
/* The element named s[0..n), or -1. */
int lec_element_find(const char *s, size_t n);

/* A colour written s[0..n): a name (black red green yellow blue magenta
 * cyan white, bright-black ... bright-white, default) or a number 0-255.
 * Returns 0 and sets *color (-1 for default), or -1. */
int lec_color_parse(const char *s, size_t n, int *color);
/* An attribute word (bold underline reverse italic dim): its LEC_S_*
 * bit, or 0. */
int lec_attr_parse(const char *s, size_t n);

/* The style of element e in theme (DARK, LIGHT or MONO) on a terminal
 * of `colors` colours (256, 8, or 0 for none: attributes only). */
lec_style lec_theme_style(int theme, int e, int colors);

/* The theme for COLORFGBG ("15;0", "0;default;15"): LEC_THEME_LIGHT for a
 * light background (7, 9-15), LEC_THEME_DARK for a dark one, and
 * LEC_THEME_AUTO when it says nothing (unset, "default", garbage). */
int lec_theme_from_colorfgbg(const char *env);

/* xterm's default colour n (0-255) as 0xRRGGBB. */
uint32_t lec_xterm_rgb(int n);
/* The WCAG contrast ratio of two colours (1 to 21). */
double lec_contrast(uint32_t a, uint32_t b);
/* The background a theme is made for (the colour its contrast is
 * measured against): black for dark, white for light. */
uint32_t lec_theme_background(int theme);
/* The text colour a theme expects of the terminal (-1 foreground). */
uint32_t lec_theme_foreground(int theme);

/* What a cell looks like: colours and LEC_S_* attributes. */
typedef struct lec_look {
    int fg, bg;
    unsigned attrs;
} lec_look;

/* The look of text with render/view attributes `attrs` (LEC_A_*), on the
 * cursor row or not, from the styles of every element (st[LEC_EL_COUNT]).
 * Elements apply in a fixed order (a marker over a heading, an escape
 * over all); the cursor row gives text without a background its own
 * background, and its foreground to text whose colour would read at
 * less than 4.5:1 on it; a match takes its own colours, or flips
 * reverse when it has none (mono). */
lec_look lec_look_of(const lec_style *st, uint32_t attrs, int cursor);

#endif
