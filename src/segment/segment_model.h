// The segmenter's model file: parsing, validation and lookups. Internal.
//
// The format is written by tools/segment/build_model.py, whose docstring is
// the specification: a header (magic, version, checksum, size), a section
// table, and sections holding the weights and four static hash tables that
// map a word (UTF-8 bytes) to one byte. Every offset and size is checked when
// the model is parsed; lookups after that need no checks.
#ifndef DHAD_SEGMENT_SEGMENT_MODEL_H_
#define DHAD_SEGMENT_SEGMENT_MODEL_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "dhad/result.h"
#include "dhad/segment.h"

namespace dhad {
namespace segment_internal {

/// Weights, in the order of PARAM_NAMES in build_model.py.
enum Param : int {
  kAlpha,  // round(16 * ln(alpha)): the log count of a word the model has not seen
  kLexicon,
  kClosed,
  kHost,
  kShort,
  kVerbPrep,
  kUnknownWa,
  kUnknownAl,
  kProcliticWa,
  kProcliticFa,
  kProcliticBi,
  kProcliticKa,
  kProcliticLi,
  kProcliticSa,
  kEnclitic3rd,
  kEnclitic2nd,
  kEnclitic2ndRare,
  kEnclitic1st,
  kEncliticNa,
  kParamCount,
};

/// Bits of a LEXICON value (hunspell_ar.expand).
inline constexpr int kLexBase = 1, kLexArticle = 2, kLexVerb = 4, kLexImperfect = 8,
                     kLexClosed = 16, kLexNoun = 32;

/// A DECISIONS/OVERRIDES value: proclitic letters (bits 0-1), enclitic letters
/// (bits 2-3), and whether the stem starts with the article (bit 4).
inline constexpr int kDecisionProclitics(uint8_t d) { return d & 3; }
inline constexpr int kDecisionEnclitic(uint8_t d) { return (d >> 2) & 3; }
inline constexpr bool kDecisionArticle(uint8_t d) { return (d >> 4) & 1; }
inline constexpr uint8_t make_decision(int proclitics, int enclitic, bool article) {
  return uint8_t(proclitics | (enclitic << 2) | (article ? 16 : 0));
}

/// FNV-1a 64 then the murmur3 finalizer; hash64 in build_model.py.
inline uint64_t hash64(const uint8_t* p, size_t n, uint64_t seed) {
  uint64_t h = 0xCBF29CE484222325ull ^ seed;
  for (size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 0x100000001B3ull;
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 33;
  return h;
}

inline uint32_t load_u32(const uint8_t* p) {
  return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}

/// A static hash table: key bytes -> one byte. Buckets are chosen by the top
/// `bits` bits of the hash and hold 32-bit fingerprints (the low bits).
struct Table {
  uint64_t seed = 0;
  uint32_t bits = 0;
  const uint8_t* offsets = nullptr;       // u32[(1 << bits) + 1]
  const uint8_t* fingerprints = nullptr;  // u32[n]
  const uint8_t* values = nullptr;        // u8[n]

  /// The value stored for `key`, or -1.
  int find(const uint8_t* key, size_t n) const {
    const uint64_t h = hash64(key, n, seed);
    const uint64_t b = bits ? h >> (64 - bits) : 0;
    const uint32_t fp = uint32_t(h);
    const uint32_t end = load_u32(offsets + 4 * (b + 1));
    for (uint32_t i = load_u32(offsets + 4 * b); i < end; ++i) {
      if (load_u32(fingerprints + 4 * size_t(i)) == fp) return values[i];
    }
    return -1;
  }
};

/// 64-bit multiply-xor over little-endian u64 words; checksum in build_model.py.
uint64_t model_checksum(const uint8_t* p, size_t n);

}  // namespace segment_internal

struct Segmenter::Model {
  std::string owned;  // the bytes, when not the embedded model
  std::string_view bytes;
  int32_t params[segment_internal::kParamCount] = {};
  segment_internal::Table counts;     // folded word -> round(16 ln(count + alpha))
  segment_internal::Table lexicon;    // word -> hunspell-ar bits
  segment_internal::Table decisions;  // word -> cached decision
  segment_internal::Table overrides;  // word -> fixed decision (function words)
  std::string_view about;
};

namespace segment_internal {
/// Validates `bytes` and fills the tables of `model` (which must keep the
/// bytes alive). Any inconsistency gives kBadModel.
Status parse_model(std::string_view bytes, Segmenter::Model* model);
/// The embedded default model (dhad::embedded::segment_model()).
std::string_view default_model_bytes();
}  // namespace segment_internal

}  // namespace dhad

#endif  // DHAD_SEGMENT_SEGMENT_MODEL_H_
