/*
 * options.h - what a reader can set, and the one table of the options
 * that the command line (--name), the LECTERN environment variable and
 * the configuration file ("name value", config.h) share.
 *
 * Settings apply in order, the last one winning: the defaults, then the
 * configuration file, then LECTERN, then the command line.  Options that
 * only make sense once (the modes, --print ADDR, --keys, --config) are
 * the command line's own (main.c) and are not in this table.
 *
 * To add an option: a field in lec_settings (an int) and its default in
 * lec_settings_init, a row in lec_options (options.c) -- the command line
 * takes it from there (--name, and --no-name for an on/off one), as do
 * LECTERN and the configuration file -- then a line in main.c's --help
 * text, the manual page's OPTIONS and CONFIGURATION, README.md's table,
 * examples/config and the completions (completions/); tests/docs.sh and
 * tests/completion.sh fail until those have it.
 */
#ifndef LECTERN_OPTIONS_H
#define LECTERN_OPTIONS_H

#include <stddef.h>

#include "lectern/theme.h"

/* --cursor-row: how the browser marks its cursor row: with the
 * terminal's own cursor at the row's start (the default: it costs no
 * bytes to move), or highlighted in the theme's cursor look. */
enum { LEC_CURSOR_ROW_TERMINAL, LEC_CURSOR_ROW_HIGHLIGHT };
#include "lectern/util.h"

/* A `bind` or `unbind` line of the configuration file. */
typedef struct lec_binding {
    int keys[4]; /* the key sequence (keys.h) */
    int nkeys;
    int req;  /* lec_request; 0 (LEC_REQ_NONE) for unbind */
    int line; /* where it was written, for messages */
} lec_binding;

typedef struct lec_settings {
    int ambi;  /* --ambiwidth: 1 or 2 */
    int width; /* --width: 0 for the terminal's */
    int mouse; /* --mouse: on or off */
    int theme; /* --theme: LEC_THEME_* (auto: from COLORFGBG, else dark) */
    int cursor_row; /* --cursor-row: LEC_CURSOR_ROW_* */
    int script_fold; /* --no-script-fold: 0 keeps Simplified and Traditional apart in searches */
    int remember;    /* --no-remember: 0 neither opens a file where it was left nor keeps it */
    /* `color` lines: the style of element e replaces the theme's when
     * color_set has bit e. */
    lec_style colors[LEC_EL_COUNT];
    unsigned long color_set;
    /* `bind` and `unbind` lines, in the order written (owned: freed by
     * lec_settings_free). */
    lec_binding *binds;
    size_t nbinds, cap_binds;
} lec_settings;

void lec_settings_init(lec_settings *s);
void lec_settings_free(lec_settings *s);

typedef enum lec_opt_kind {
    LEC_OPT_BOOL,   /* on|off; alone on the command line it means on */
    LEC_OPT_INT,    /* a number from lo to hi */
    LEC_OPT_CHOICE, /* one of the words of `choices`, its index the value */
} lec_opt_kind;

typedef struct lec_option {
    const char *name; /* "ambiwidth": --ambiwidth, and "ambiwidth 2" in the file */
    lec_opt_kind kind;
    int lo, hi;                  /* LEC_OPT_INT */
    const char *const *choices;  /* LEC_OPT_CHOICE: NULL-terminated */
    size_t field;                /* offsetof(lec_settings, the int it sets) */
    const char *wants;           /* what a message says it wants: "1 or 2" */
} lec_option;

/* The table, lec_noptions rows. */
extern const lec_option lec_options[];
extern const size_t lec_noptions;

/* The option named name[0..n), or NULL. */
const lec_option *lec_option_find(const char *name, size_t n);

/* Sets option o of s from `value` (NULL: none given, which only an on/off
 * option takes, as on).  Returns 0, or -1 with a message in err such as
 * "--ambiwidth wants 1 or 2, not '3'" (`prefix` goes before the name:
 * "--" for the command line, "" for the file). */
int lec_option_set(lec_settings *s, const lec_option *o, const char *value, const char *prefix,
                   lec_buf *err);

/* Applies the options of a LECTERN value: words separated by blanks,
 * each --name, --name=value, --name value (for an option that takes a
 * value) or --no-name (an on/off option off).  Every word that is wrong
 * adds a line "message\n" to errs, and the rest still applies.  Returns
 * the number of errors. */
int lec_options_words(lec_settings *s, const char *text, lec_buf *errs);

#endif
