// The tokenizer's fast paths and their references. Internal to dhad.
//
// Word ends are where time goes: a word's length is new each time, so a loop
// that tests one letter at a time ends in a mispredicted branch per word.
// skip_common_arabic() tests eight letters at once; the bulk path classifies
// 64 bytes at once (classify_window_*) and takes whole words and punctuation
// from bit masks. Both know only the characters news is written in and stop
// before anything else; the tokenizer's exact token-by-token code goes on from
// there, so the tokens are the same whichever stops first.
#ifndef DHAD_TOKENIZE_ARABIC_RUN_H_
#define DHAD_TOKENIZE_ARABIC_RUN_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "dhad/tokenize.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace dhad::tokenize_internal {

/// Tokenizer::tokenize() without its bulk path (bit masks over 64 bytes): one
/// token at a time. Tests and the fuzzer compare the two.
void tokenize_reference(std::string_view text, std::vector<Token>* tokens, uint64_t base = 0);

/// The bulk path with classify_window_reference(), on any CPU: tests of the
/// bulk path's logic that do not depend on AVX2. Slow; not for use.
void tokenize_bulk_portable(std::string_view text, std::vector<Token>* tokens, uint64_t base = 0);

/// The two-byte characters the fast loop takes: U+0620–063F, U+0641–065F,
/// U+066E–06BF (Arabic letters and harakat; not tatweel, Arabic-Indic digits
/// or ٪٫٬٭). Every one is an Arabic letter or mark (a unit test checks).
inline bool is_common_arabic_pair(uint8_t lead, uint8_t second) {
  if ((second & 0xC0) != 0x80) return false;
  const unsigned key = unsigned(lead) << 8 | second;
  return key >= 0xD8A0 && key <= 0xDABF && key != 0xD980 && !(key >= 0xD9A0 && key <= 0xD9AD);
}

/// The end of the run of common Arabic characters starting at s[pos], one at a
/// time. Returns pos plus an even number, at most n.
inline size_t skip_common_arabic_reference(const uint8_t* s, size_t pos, size_t n) {
  while (pos + 1 < n && is_common_arabic_pair(s[pos], s[pos + 1])) pos += 2;
  return pos;
}

/// skip_common_arabic_reference(), eight characters at a time.
inline size_t skip_common_arabic(const uint8_t* s, size_t pos, size_t n) {
#if defined(__SSE2__)
  const __m128i zero = _mm_setzero_si128();
  while (pos + 16 <= n) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + pos));
    // Each 16-bit lane holds one character's pair; swap to lead << 8 | second.
    const __m128i key = _mm_or_si128(_mm_slli_epi16(v, 8), _mm_srli_epi16(v, 8));
    // Unsigned range tests: key - lo saturating-minus (hi - lo) is 0 inside.
    const __m128i in_block = _mm_cmpeq_epi16(
        _mm_subs_epu16(_mm_sub_epi16(key, _mm_set1_epi16(short(0xD8A0))), _mm_set1_epi16(0x21F)),
        zero);
    const __m128i continuation =
        _mm_cmpeq_epi16(_mm_and_si128(key, _mm_set1_epi16(0xC0)), _mm_set1_epi16(0x80));
    const __m128i tatweel = _mm_cmpeq_epi16(key, _mm_set1_epi16(short(0xD980)));
    const __m128i digits = _mm_cmpeq_epi16(
        _mm_subs_epu16(_mm_sub_epi16(key, _mm_set1_epi16(short(0xD9A0))), _mm_set1_epi16(0xD)),
        zero);
    const __m128i good =
        _mm_andnot_si128(_mm_or_si128(tatweel, digits), _mm_and_si128(in_block, continuation));
    const unsigned mask = unsigned(_mm_movemask_epi8(good));
    // A bad character clears both bits of its lane: the first clear bit is even.
    if (mask != 0xFFFF) return pos + size_t(__builtin_ctz(~mask));
    pos += 16;
  }
#endif
  return skip_common_arabic_reference(s, pos, n);
}

/// The common pairs that are marks (harakat U+064B–065F, superscript alef
/// U+0670): a word may hold them but not start with them.
inline bool is_common_arabic_mark(uint8_t lead, uint8_t second) {
  const unsigned key = unsigned(lead) << 8 | second;
  return (key >= 0xD98B && key <= 0xD99F) || key == 0xD9B0;
}

/// ASCII White_Space that the tokenizer skips between tokens.
inline bool is_ascii_separator(uint8_t b) {
  return b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == '\v' || b == '\f';
}

/// ASCII punctuation that is a token of its own (a run of the same mark is one
/// token) and starts nothing else: no URL, email, hashtag, mention or keycap.
inline bool is_plain_ascii_punct(uint8_t b) {
  return b == '.' || b == ',' || b == ':' || b == ';' || b == '!' || b == '?' || b == '(' ||
         b == ')' || b == '"' || b == '-';
}

/// The same for two-byte characters: ، ؛ ؟ « ».
inline bool is_plain_pair_punct(uint8_t lead, uint8_t second) {
  const unsigned key = unsigned(lead) << 8 | second;
  return key == 0xD88C || key == 0xD89B || key == 0xD89F || key == 0xC2AB || key == 0xC2BB;
}

/// What the bulk tokenizer needs to know of 64 bytes, bit i for byte i.
struct Window {
  uint64_t pairs = 0;       ///< a common Arabic pair starts here (reads byte i + 1)
  uint64_t marks = 0;       ///< ... and it is a mark
  uint64_t separators = 0;  ///< ASCII White_Space
  uint64_t punct = 0;       ///< plain ASCII punctuation
  uint64_t repeated = 0;    ///< a byte equal to the next one
  uint64_t pair_punct = 0;  ///< plain two-byte punctuation starts here

  bool operator==(const Window&) const = default;
};

/// Classifies s[0, 64), one byte at a time; reads s[64] too.
inline Window classify_window_reference(const uint8_t* s) {
  Window w;
  for (int i = 0; i < 64; ++i) {
    const uint64_t bit = uint64_t{1} << i;
    if (is_common_arabic_pair(s[i], s[i + 1])) {
      w.pairs |= bit;
      if (is_common_arabic_mark(s[i], s[i + 1])) w.marks |= bit;
    }
    if (is_ascii_separator(s[i])) w.separators |= bit;
    if (is_plain_ascii_punct(s[i])) w.punct |= bit;
    if (s[i] == s[i + 1]) w.repeated |= bit;
    if (is_plain_pair_punct(s[i], s[i + 1])) w.pair_punct |= bit;
  }
  return w;
}

#if defined(__x86_64__)
/// classify_window_reference() with 32-byte vectors; only where
/// simd::has_avx2().
Window classify_window_avx2(const uint8_t* s);
#endif

}  // namespace dhad::tokenize_internal

#endif  // DHAD_TOKENIZE_ARABIC_RUN_H_
