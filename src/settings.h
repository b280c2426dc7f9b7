/*
 * settings.h - where the reader's settings come from (settings.c): the
 * configuration file, the LECTERN environment variable and the command
 * line, in that order, each over the one before.
 */
#ifndef LECTERN_SETTINGS_H
#define LECTERN_SETTINGS_H

#include "lectern/options.h"
#include "lectern/util.h"

/* A setting given on the command line, applied last. */
typedef struct cli_setting {
    const lec_option *opt;
    const char *value; /* NULL: an on/off option alone (on) */
} cli_setting;

/* Fills s (lec_settings_init'd) from the configuration file -- `config`
 * when not NULL, else $XDG_CONFIG_HOME/lectern/config (default
 * ~/.config/lectern/config), none with no_config -- then LECTERN, then
 * the command line's settings cli[0..ncli) (already checked), and puts
 * the file's bind and unbind lines in force (keys.h).  What is wrong goes
 * to notes, a line each, "FILE:LINE: message" or "LECTERN: message",
 * and changes nothing else: a bad line never keeps the rest from
 * applying, and a file that cannot be used is left out. */
void settings_load(lec_settings *s, const char *config, int no_config, const cli_setting *cli,
                   size_t ncli, lec_buf *notes);

#endif
