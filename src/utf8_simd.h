/*
 * utf8_simd.h - the valid start of a text, found with SIMD where the
 * processor has it (utf8_simd.c).
 */
#ifndef LECTERN_UTF8_SIMD_H
#define LECTERN_UTF8_SIMD_H

#include <stddef.h>

/* The length of a prefix of s[0..n) that is valid UTF-8 made of whole
 * characters: up to the first error or near the end; 0 when this
 * processor has no AVX2 or n is short.  lec_utf8_valid goes on from
 * there. */
size_t lec_utf8_simd_prefix(const char *s, size_t n);

/* The same, and what the loader asks besides (load.c): the scan stops at
 * a NUL as at an error; *scanned is how many bytes were looked at (at
 * least the prefix, none of them a NUL), and *seen has LEC_UTF8_SAW_CR
 * when one of them is a CR.  The bytes after *scanned are the caller's
 * to look at. */
enum { LEC_UTF8_SAW_CR = 1 };
size_t lec_utf8_simd_scan(const char *s, size_t n, size_t *scanned, unsigned *seen);

#endif
