/*
 * args.h - the command line read into options (args.c): modes, options,
 * the settings given on it, --help and --keys.
 */
#ifndef LECTERN_ARGS_H
#define LECTERN_ARGS_H

#include "lectern/util.h"

#include "settings.h"
#include "source.h"

typedef enum {
    MODE_BROWSE,
    MODE_TOC,
    MODE_OUTLINE,
    MODE_PRINT,
    MODE_DUMP,
    MODE_CONVERT,
    MODE_LIST,
    MODE_GREP
} mode;

typedef struct options {
    mode mode;
    const char *addr;
    const char *file;
    char *const *files; /* every FILE given (a library when more than one) */
    int nfiles;
    const char *pattern; /* --grep */
    int regex;           /* -E: --grep's pattern is a regular expression */
    int plain;
    int width; /* 0: not given */
    int ambi;
    int mouse;
    int raw; /* --raw: --print writes control characters to a terminal too */
    source_from from;
    int keys;           /* --keys: list the keys in force and exit */
    const char *config; /* --config FILE */
    int no_config;      /* --no-config */
    /* The settings of options.h given on the command line, applied over
     * the configuration file's and LECTERN's (settings.c). */
    cli_setting *sets;
    size_t nsets, cap_sets;
    lec_settings st;
    lec_buf notes; /* what was wrong in the settings, a line each */
} options;
/* Reads argv into *o (which it initialises): a usage error is a one-line
 * message and exit status 64.  Release with args_free(). */
void args_parse(int argc, char **argv, options *o);
/* Applies the configuration file and LECTERN under the command line's
 * settings (settings.c); what was wrong goes into o->notes. */
void args_load_settings(options *o);
void args_free(options *o);
/* Writes the notes about the settings to stderr, a line each. */
void args_print_notes(const lec_buf *notes);
/* --keys: the browser's keys in force, on standard output. */
void args_print_keys(void);
/* A copy of s[0..n) for a message: control characters in their visible
 * form (lec_escape: "^[", "<U+202E>"), invalid bytes as U+FFFD.  Caller
 * frees with free(). */
char *args_printable_n(const char *s, size_t n);

#endif
