// Small byte-scanning kernels shared by the stages. SSE2 is part of the x86-64
// baseline, so it needs no run-time dispatch; other targets use the scalar loop,
// which is also the reference the tests compare against.
#ifndef DHAD_COMMON_SIMD_H_
#define DHAD_COMMON_SIMD_H_

#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace dhad::simd {

/// Number of leading bytes of s[0, n) below 0x80, one byte at a time.
inline size_t ascii_prefix_length_reference(const uint8_t* s, size_t n) {
  size_t i = 0;
  while (i < n && s[i] < 0x80) ++i;
  return i;
}

/// Number of leading bytes of s[0, n) below 0x80.
inline size_t ascii_prefix_length(const uint8_t* s, size_t n) {
  size_t i = 0;
#if defined(__SSE2__)
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    const int mask = _mm_movemask_epi8(v);
    if (mask != 0) return i + size_t(__builtin_ctz(unsigned(mask)));
  }
#endif
  return i + ascii_prefix_length_reference(s + i, n - i);
}

#if defined(__x86_64__)
/// Whether this CPU runs the AVX2 kernels (asked once).
inline bool has_avx2() {
  static const bool yes = __builtin_cpu_supports("avx2");
  return yes;
}

/// Bytes of x equal to c, as 0xFF; others 0.
__attribute__((target("avx2"))) inline __m256i eq(__m256i x, uint8_t c) {
  return _mm256_cmpeq_epi8(x, _mm256_set1_epi8(char(c)));
}

/// Bytes of x within [lo, hi] (unsigned), as 0xFF; others 0.
__attribute__((target("avx2"))) inline __m256i in_range(__m256i x, uint8_t lo, uint8_t hi) {
  const __m256i d = _mm256_sub_epi8(x, _mm256_set1_epi8(char(lo)));
  return _mm256_cmpeq_epi8(_mm256_min_epu8(d, _mm256_set1_epi8(char(hi - lo))), d);
}

/// 16-bit lanes of x within [lo, hi] (unsigned), as 0xFFFF; others 0.
__attribute__((target("avx2"))) inline __m256i in_range16(__m256i x, uint16_t lo, uint16_t hi) {
  const __m256i d = _mm256_sub_epi16(x, _mm256_set1_epi16(short(lo)));
  return _mm256_cmpeq_epi16(_mm256_min_epu16(d, _mm256_set1_epi16(short(hi - lo))), d);
}
#endif

}  // namespace dhad::simd

#endif  // DHAD_COMMON_SIMD_H_
