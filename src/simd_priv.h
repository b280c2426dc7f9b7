/*
 * simd_priv.h - the AVX2 nibble lookup shared by the byte scans (bytes.c,
 * searchsig.c); include only where <immintrin.h> and target("avx2") are.
 */
#ifndef LECTERN_SIMD_PRIV_H
#define LECTERN_SIMD_PRIV_H

#include <immintrin.h>

/* Each byte of v classed by two 16-entry tables (vpshufb):
 * lo[low nibble] & hi[high nibble], nonzero for a member of the set the
 * tables describe.  One lookup pair tests a set that would take a compare
 * for each of its bytes. */
__attribute__((target("avx2"))) static inline __m256i lec_nibble_class(__m256i v, __m256i lo,
                                                                       __m256i hi)
{
    const __m256i nib = _mm256_set1_epi8(0x0F);
    return _mm256_and_si256(_mm256_shuffle_epi8(lo, _mm256_and_si256(v, nib)),
                            _mm256_shuffle_epi8(hi, _mm256_and_si256(_mm256_srli_epi16(v, 4), nib)));
}

#endif
