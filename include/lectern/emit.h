/*
 * emit.h - writing to standard output for the command-line modes.
 *
 * A small buffered writer on file descriptor 1: a write error ends the
 * program, quietly when the reader has gone away (`lectern --dump f | head
 * -1`), with a one-line message otherwise.
 */
#ifndef LECTERN_EMIT_H
#define LECTERN_EMIT_H

#include <stddef.h>

#include "lectern/layout.h"

void lec_out(const char *s, size_t n);
void lec_out_str(const char *s);
void lec_out_char(char c);
/* Writes document text so that it cannot act on a terminal: unsafe code
 * points in their visible form (lec_cp_escape), invalid UTF-8 as U+FFFD;
 * with `oneline`, tabs and line breaks become spaces (for TSV fields). */
void lec_out_safe(const char *s, size_t n, int oneline);
/* Writes rows as plain text lines (prefix, text, newline). */
void lec_out_rows(const lec_render *r, const lec_rows *rows);
/* Flushes; returns 0, or ends the program on a write error. */
int lec_out_flush(void);

#endif
