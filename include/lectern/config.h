/*
 * config.h - the configuration file, a plain line format:
 *
 *     # a comment: a line whose first character but blanks is #
 *     ambiwidth 2          an option of options.h, by its command-line name
 *     mouse on             (an on/off option alone means on)
 *     theme light
 *     color heading 25 default bold
 *                          an element (theme.h), its foreground and
 *                          background (a name, 0-255 or default; left
 *                          out: default) and attributes
 *     bind x quit          keys as `lectern --keys` writes them ("zo",
 *                          "<C-l>"), and an action it names
 *     unbind Q             the keys no longer do anything
 *
 * Pure: the caller reads the file (where, and how a damaged one is
 * refused, is main.c's business) and says what to do with the errors.
 * Bindings are only collected here; keys.h applies them.
 */
#ifndef LECTERN_CONFIG_H
#define LECTERN_CONFIG_H

#include <stddef.h>

#include "lectern/options.h"
#include "lectern/util.h"

/* Applies the lines of text[0..len) to s, in order.  A line that is
 * wrong changes nothing and adds "LINE: message\n" to errs (the words
 * and values it quotes have their control characters, C1 and bidi
 * controls too, replaced by '?'); every other
 * line still applies.  Returns the number of lines in error. */
int lec_config_parse(const char *text, size_t len, lec_settings *s, lec_buf *errs);

#endif
