// light10 stems for the words of one text, a chunk of text at a time.
//
// Stemming a word at a time costs a normalization pass, letter tests at both
// ends and a copy, each paid per word in setup: ~17 ns a word through the memo,
// most of `dhad stem`'s time. Here one AVX2 pass over a chunk of the text (16
// KB) writes its normalized bytes and a code byte per position; a word then
// costs three loads of codes, two table lookups (the suffix one independent of the prefix one) and
// a copy of its stem out of the normalized bytes.
//
// It handles words made only of two-byte Arabic letters that normalization
// maps to a letter (no harakat, no tatweel, no Persian letters): 98% of the
// words of news text. For any other word it answers kNotHandled and the caller
// uses the Stemmer. The answers equal Light10Stemmer's: the tables are filled
// by running its prefix and suffix steps, and tests compare the two word by
// word, on every short word of the letters that matter and on random text.
// The text must be valid UTF-8.
//
// Not thread-safe: keep one per thread.
#ifndef DHAD_STEM_LIGHT10_BULK_H_
#define DHAD_STEM_LIGHT10_BULK_H_

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace dhad::stem_internal {

class Light10Bulk {
 public:
  static constexpr size_t kNotHandled = ~size_t{0};

  // A position's code byte. At a letter's first byte: bits 0–2 its suffix
  // class (1 ا, 2 ن, 3 ت, 4 ه, 5 ي, 6 و; 0 any other letter) and bits 5–7 its
  // prefix class (1 ا, 2 ل, 3 و, 4 ب ك ف; 0 any other), of the letter as
  // normalized. At any byte, bit 3 (kNeedsStemmer): a word holding it is left
  // to the Stemmer.
  static constexpr uint8_t kNeedsStemmer = 8;

  /// simd: prepare chunks with the AVX2 pass where the CPU has it (false: the
  /// scalar reference pass, for tests).
  explicit Light10Bulk(bool simd = true);

  /// Whether this CPU runs the AVX2 pass; without it the scalar pass is no
  /// faster than the memo, and callers should not use this class.
  static bool fast_on_this_cpu();

  /// Words from now on are of `text`, which must stay alive and unchanged
  /// until the next reset(), stemmed as make_stemmer(kLight10, {min_stem_letters})
  /// stems them.
  void reset(std::string_view text, unsigned min_stem_letters = 0) {
    text_ = text;
    chunk_begin_ = 1;
    chunk_end_ = 0;
    min_stem_bytes_ = 2 * size_t{min_stem_letters};
  }

  /// Writes the light10 stem of text[begin, end) at out and returns its
  /// length, or returns kNotHandled (nothing useful written). out must have
  /// room for end - begin + 16 bytes. Words are expected in increasing order of
  /// begin: a word outside the prepared chunk prepares a new one.
  size_t stem(size_t begin, size_t end, char* out) {
    if (begin < chunk_begin_ || end > chunk_end_) {
      prepare(begin);
      if (end > chunk_end_ || end <= begin) return kNotHandled;  // longer than a chunk
    }
    const size_t a = begin - origin_, b = end - origin_;
    const uint8_t* code = code_storage_.data() + kBefore;
    if (any_needs_stemmer(code + a, b - a)) return kNotHandled;
    // Now every letter is two bytes long, led at an even offset.
    const unsigned letters = unsigned((b - a) / 2);
    uint64_t head, tail;
    std::memcpy(&head, code + a, 8);      // letters 0, 1, 2 at bytes 0, 2, 4
    std::memcpy(&tail, code + b - 8, 8);  // the last four at bytes 0, 2, 4, 6
    // Gather three 3-bit fields 16 bits apart into 9 bits (and four into 12).
    const uint64_t p = head >> 5 & 0x0000000700070007ull;
    const unsigned size_class = unsigned(letters >= 4) + unsigned(letters >= 5);
    const unsigned cut = prefix_[unsigned((p | p >> 13 | p >> 26) & 0x1FF) | size_class << 9];
    const uint64_t s = tail & 0x0007000700070007ull;
    const uint64_t t = s | s >> 13;
    const uint32_t removed_by_left = suffix_[unsigned(t & 0x3F) | unsigned(t >> 26 & 0xFC0)];
    const unsigned left = std::min(letters - cut, 7u);
    const unsigned removed = removed_by_left >> 4 * left & 0xF;
    const uint8_t* from = norm_.data() + a + 2 * cut;
    size_t size =
        removed != kAsk ? 2 * (letters - cut - removed) : strip_suffixes(from, letters - cut);
    // StemOptions::min_stem_letters: too short a stem keeps all its suffixes
    // (with none cut, that is the size already).
    if (size < min_stem_bytes_) size = 2 * (letters - cut);
    // 16 bytes at a time: the caller's slack takes the overrun, and the
    // chunk's kAfter bytes cover the read.
    std::memcpy(out, from, 16);
    for (size_t i = 16; i < size; i += 16) std::memcpy(out + i, from + i, 16);
    return size;
  }

  // The chunk pass, exposed for tests: for text positions [from, to), writes
  // each position's normalized byte and code byte at index i - from.
  static void prepare_reference(std::string_view text, size_t from, size_t to, uint8_t* norm,
                                uint8_t* code);
  static void prepare_avx2(std::string_view text, size_t from, size_t to, uint8_t* norm,
                           uint8_t* code);

  // A suffix table value: the answer may depend on a letter further back,
  // and strip_suffixes() decides.
  static constexpr unsigned kAsk = 0xF;

 private:
  static constexpr size_t kChunk = size_t{16} << 10;
  // Before a chunk: codes are read 8 bytes back from a word's end. After: a
  // stem's copy reads up to 16 bytes, and codes up to 16, past the word.
  static constexpr size_t kBefore = 8;
  static constexpr size_t kAfter = 32;
  static constexpr size_t kSpan = kBefore + kChunk + kAfter;

  void prepare(size_t begin);
  // The suffix step the long way (light10's own), for the few words whose
  // suffixes reach past the table's four letters: the stem's size in bytes.
  static size_t strip_suffixes(const uint8_t* normalized, size_t letters);

  // Whether any of the n code bytes at c has kNeedsStemmer. Without a branch
  // on n for words of up to 8 letters: their sizes vary too much to predict.
  static bool any_needs_stemmer(const uint8_t* c, size_t n) {
    unsigned flags = 0;
    for (size_t i = 0; i < n; i += 16) {
#if defined(__SSE2__)
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(c + i));
      // Bit 3 of each byte to bit 7, for movemask.
      const auto bits = unsigned(_mm_movemask_epi8(_mm_slli_epi16(v, 4)));
#else
      unsigned bits = 0;
      for (unsigned k = 0; k < 16; ++k) bits |= unsigned(c[i + k] >> 3 & 1) << k;
#endif
      flags |= bits & ((1u << std::min<size_t>(n - i, 16)) - 1);
    }
    return flags != 0;
  }

  bool simd_;
  const uint8_t* prefix_;   // letters cut, by the prefix classes of letters 0–2 and size
  const uint32_t* suffix_;  // letters removed, by the suffix classes of the last 4 and size
  std::string_view text_;
  size_t min_stem_bytes_ = 0;  // 2 bytes a letter: every word here is of two-byte letters
  // Words in [chunk_begin_, chunk_end_) are answered from the arrays, which
  // hold text positions from origin_ on (kBefore back, or the text's start).
  size_t chunk_begin_ = 1;  // none until the first prepare()
  size_t chunk_end_ = 0;
  size_t origin_ = 0;
  alignas(64) std::array<uint8_t, kSpan> norm_{};
  // Codes start kBefore bytes in: the bytes before stay 0, for words at the
  // text's start.
  alignas(64) std::array<uint8_t, kBefore + kSpan> code_storage_{};
};

}  // namespace dhad::stem_internal

#endif  // DHAD_STEM_LIGHT10_BULK_H_
