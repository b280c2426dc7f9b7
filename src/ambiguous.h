/*
 * ambiguous.h - lookup in the generated table of East Asian Ambiguous
 * code points (src/ambiguous.c, written by tools/gen-ambiguous.py).
 *
 * Internal to the library: callers outside src/utf8.c use
 * lec_cp_ambiguous() from lectern/utf8.h.
 */
#ifndef LECTERN_AMBIGUOUS_H
#define LECTERN_AMBIGUOUS_H

#include <stdint.h>

/* Nonzero when cp has East_Asian_Width=A; a binary search over ranges. */
int lec_ambiguous_lookup(int32_t cp);

#endif
