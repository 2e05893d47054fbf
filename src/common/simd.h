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

}  // namespace dhad::simd

#endif  // DHAD_COMMON_SIMD_H_
