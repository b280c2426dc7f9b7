/*
 * bytes.h - the few bytes that matter in long runs of text, found sixteen
 * at a time.
 *
 * Every plain text converted (a library of them when it is listed cold)
 * passes through loops that look at each byte for a handful of
 * characters: sentence ends, zero-width characters, Markdown's special
 * characters.  These find them with SSE2 where the compiler has it (it
 * is baseline on x86-64), and with AVX2 first where the processor has it,
 * else byte by byte; all give the same answer.
 * Offsets in and out are byte offsets into s[0..n); n means none.
 */
#ifndef LECTERN_BYTES_H
#define LECTERN_BYTES_H

#include <stddef.h>

/* The first i >= from where s[i..i+3) is one of the k (at most 4)
 * three-byte sequences seq[0..k), wholly inside s[0..n); or n. */
size_t lec_bytes_find3(const char *s, size_t n, size_t from, const char *const *seq, int k);

/* The first i >= from where s[i..i+len) is needle (len 1 to 8), or n. */
size_t lec_bytes_find(const char *s, size_t n, size_t from, const char *needle, size_t len);

/* Where a conversion looks for a numbering candidate (convert.c): the
 * first i >= from with a space ! ) . : ? or one of 。　 (E3 80 82/80) or
 * ！？：） (EF BC 81/9F/9A/89) whole at s[i]; or n.  s is valid UTF-8 (the
 * bytes found all begin characters). */
size_t lec_bytes_cand_stop(const char *s, size_t n, size_t from);

/* The first i >= from with what cleaning a line drops or changes (NBSP
 * C2 A0, U+200B E2 80 8B, U+FEFF EF BB BF) whole at s[i]; or n. */
size_t lec_bytes_clean_stop(const char *s, size_t n, size_t from);

/* The first i >= from with a byte Markdown may read as markup anywhere in
 * a line: \ ` * _ [ ] < &, and # when heading; or n. */
size_t lec_bytes_md_special(const char *s, size_t n, size_t from, int heading);

/* The first i with a byte that table marks (nonzero), or n.  The table
 * marks ASCII bytes only (a byte of 0x80 or above is never looked up where
 * sixteen are looked at together). */
size_t lec_bytes_ascii_in(const char *s, size_t n, const unsigned char table[256]);

/* The first i with a line end, ! or ?, or 。！？ (E3 80 82, EF BC 81/9F)
 * whole in s[0..n); or n. */
size_t lec_bytes_sentence_end(const char *s, size_t n);

/* Characters in s[0..n) plus one more for each of three or four bytes (a
 * width close enough for statistics: ASCII one cell, CJK two). */
size_t lec_bytes_rough_width(const char *s, size_t n);

#endif
