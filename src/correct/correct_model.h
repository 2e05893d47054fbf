// The corrector's model: the sections of its file, what `dhad learn` and the
// Corrector share about words (which tokens are words, their skeletons), and
// the checked view the Corrector reads. Internal.
//
// The file is a dhad model container (dhad/model.h) of kind "CORR", version 1,
// written by CorrectionModelBuilder::finish (learn.cc). Word ids: 0 is a
// sentence boundary (line ends, punctuation), 1 any number, 2 any word left
// out of the vocabulary; the words follow from 3, most frequent first.
//   totals        u64 tokens counted, u32 word count V (specials included),
//                 u32 flags (kHasLexicon), u32 group count G, u32 0
//   strings       the words' bytes, one after another
//   word_ends     u32[V]: word i is strings[word_ends[i-1], word_ends[i])
//   word_info     WordInfo[V] (5 x u32 each)
//   words         table: word -> id (4-byte values)
//   skeletons     table: skeleton -> group (4-byte values)
//   group_ends    u32[G]; group_members u32[V - 3]: group g is
//                 members[group_ends[g-1], group_ends[g]), ids ascending
//   pairs         table: 8 bytes (u32 left id, u32 right id) -> count (2-byte
//                 values: counts past kMaxPairCount are stored as it)
//   deletes       u32 bits, u32 n, u64 seed, u32 offsets[2^bits + 1], u32 ids[n]:
//                 the words whose one-letter deletions hash (hash64, seed) to
//                 bucket b are ids[offsets[b], offsets[b+1]) (candidates only:
//                 the caller checks the edit)
//   seen_pairs    (optional) u32 bits, u32 n, u64 seed, u32 offsets[2^bits + 1],
//                 u16 fingerprints[n]: the pairs seen fewer times than `pairs`
//                 keeps, without their counts. Pair (left, right) was seen if
//                 h = hash64(its 8-byte key, seed) has the fingerprint u16(h) in
//                 bucket h >> (64 - bits), fingerprints[offsets[b], offsets[b+1])
//                 (buckets hold 4 to 8, 4.5 in the default model: a pair never
//                 seen matches one by chance about once in 15,000 lookups)
//   about         text: how the model was built
// Every size, offset and id is checked when the model is opened.
#ifndef DHAD_CORRECT_CORRECT_MODEL_H_
#define DHAD_CORRECT_CORRECT_MODEL_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "dhad/model.h"
#include "dhad/result.h"
#include "model/model.h"

namespace dhad {
namespace correct_internal {

inline constexpr std::string_view kKind = "CORR";
inline constexpr uint32_t kVersion = 1;

inline constexpr uint32_t kBoundary = 0;
inline constexpr uint32_t kNumber = 1;
inline constexpr uint32_t kUnknown = 2;
inline constexpr uint32_t kFirstWord = 3;
inline constexpr uint32_t kNoId = ~uint32_t{0};

inline constexpr uint32_t kHasLexicon = 1;  // totals flags
inline constexpr uint32_t kMaxPairCount = 65535;

inline constexpr uint32_t kInLexicon = 1;  // WordInfo flags

inline constexpr uint64_t kSeedWords = 0x636F727265637431ull;  // tables' first seeds
inline constexpr uint64_t kSeedSkeletons = 0x736B656C65746F6Eull;
inline constexpr uint64_t kSeedPairs = 0x7061697273000001ull;
inline constexpr uint64_t kSeedDeletes = 0x64656C6574657331ull;
inline constexpr uint64_t kSeedSeenPairs = 0x7365656E70616972ull;

// Words longer than this (letters) are not corrected or indexed.
inline constexpr size_t kMaxWordLetters = 24;

inline constexpr size_t kWordInfoSize = 20;

struct WordInfo {
  uint32_t count;      // times seen
  uint32_t followers;  // distinct words seen after it (pairs of any count)
  uint32_t preceders;  // distinct words seen before it
  uint32_t group;      // its skeleton's group (kNoId for the specials)
  uint32_t flags;      // kInLexicon
};

// A word the corrector works on: Arabic letters U+0621-063A and U+0641-064A
// only (no marks, tatweel or Persian letters), as 2-byte UTF-8.
inline bool is_letter(char32_t c) {
  return (c >= 0x0621 && c <= 0x063A) || (c >= 0x0641 && c <= 0x064A);
}
inline bool is_mark(char32_t c) {
  return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640;
}

// The word's letters as code points if it is one (see is_letter); false
// otherwise or when it is longer than kMaxWordLetters.
bool word_letters(std::string_view bytes, std::u16string* letters);

// The skeleton: hamza seats, ى/ي and ة/ه folded (أ إ آ -> ا, ؤ -> و, ئ ى -> ي,
// ة -> ه). Words of one skeleton are each other's orthographic variants.
inline char16_t skeleton_letter(char16_t c) {
  switch (c) {
    case u'أ':
    case u'إ':
    case u'آ':
      return u'ا';
    case u'ؤ':
      return u'و';
    case u'ئ':
    case u'ى':
      return u'ي';
    case u'ة':
      return u'ه';
    default:
      return c;
  }
}
void append_utf8(std::u16string_view letters, std::string* out);
void append_skeleton(std::u16string_view letters, std::string* out);

inline void pair_key(uint32_t left, uint32_t right, uint8_t key[8]) {
  for (int i = 0; i < 4; ++i) {
    key[i] = uint8_t(left >> (8 * i));
    key[4 + i] = uint8_t(right >> (8 * i));
  }
}

// The checked view of an open model.
struct CorrectModel {
  Model file;
  uint64_t tokens = 0;
  uint32_t flags = 0;
  std::string_view strings;
  const uint8_t* word_ends = nullptr;  // u32[V]
  const uint8_t* word_info = nullptr;  // WordInfo[V]
  uint32_t word_count = 0;
  model_internal::HashTable words, skeletons, pairs;
  const uint8_t* group_ends = nullptr;  // u32[G]
  const uint8_t* group_members = nullptr;
  uint32_t group_count = 0;
  uint32_t delete_bits = 0;
  uint64_t delete_seed = 0;
  const uint8_t* delete_offsets = nullptr;
  const uint8_t* delete_ids = nullptr;
  uint32_t seen_bits = 0;
  uint64_t seen_seed = 0;
  const uint8_t* seen_offsets = nullptr;  // null: the model has no seen_pairs
  const uint8_t* seen_fingerprints = nullptr;
  std::string_view about;

  std::string_view word(uint32_t id) const {
    const uint32_t b = id == 0 ? 0 : model_internal::load_u32(word_ends + 4 * size_t(id - 1));
    const uint32_t e = model_internal::load_u32(word_ends + 4 * size_t(id));
    return strings.substr(b, e - b);
  }
  WordInfo info(uint32_t id) const {
    const uint8_t* p = word_info + kWordInfoSize * size_t(id);
    return {model_internal::load_u32(p), model_internal::load_u32(p + 4),
            model_internal::load_u32(p + 8), model_internal::load_u32(p + 12),
            model_internal::load_u32(p + 16)};
  }
  // The id of `bytes`, or kNoId (a fingerprint match is checked against the word).
  uint32_t find(std::string_view bytes) const {
    const int64_t id = words.find(bytes);
    if (id < 0 || uint32_t(id) >= word_count || word(uint32_t(id)) != bytes) return kNoId;
    return uint32_t(id);
  }
  std::span<const uint8_t> group(uint32_t g) const {
    const uint32_t b = g == 0 ? 0 : model_internal::load_u32(group_ends + 4 * size_t(g - 1));
    const uint32_t e = model_internal::load_u32(group_ends + 4 * size_t(g));
    return {group_members + 4 * size_t(b), 4 * size_t(e - b)};
  }
  // Group g's most frequent member, its usual spelling (members are stored
  // most frequent first).
  uint32_t group_top(uint32_t g) const { return model_internal::load_u32(group(g).data()); }
  // How often `left` came before `right` (0: never, or fewer times than the
  // model keeps).
  uint32_t pair_count(uint32_t left, uint32_t right) const {
    uint8_t key[8];
    pair_key(left, right, key);
    const int64_t c = pairs.find(key, 8);
    return c < 0 ? 0 : uint32_t(c);
  }
  // Whether the pair of each of the `count` 8-byte keys (pair_key) at `keys`
  // came fewer times than the pairs table keeps, but at least once: seen[i]
  // is 1 or 0 (all 0 if the model has no seen_pairs). The lookups' memory reads
  // overlap, as in HashTable::find_many.
  void seen_pairs(const uint8_t* keys, size_t count, uint8_t* seen) const {
    std::fill(seen, seen + count, uint8_t{0});
    if (seen_offsets == nullptr) return;
    constexpr size_t kBatch = 16;
    uint64_t h[kBatch];
    for (size_t at = 0; at < count; at += kBatch) {
      const size_t m = std::min(kBatch, count - at);
      for (size_t i = 0; i < m; ++i) {
        h[i] = model_internal::hash64(keys + 8 * (at + i), 8, seen_seed);
        __builtin_prefetch(seen_offsets + 4 * (h[i] >> (64 - seen_bits)));
      }
      for (size_t i = 0; i < m; ++i) {
        const uint64_t b = h[i] >> (64 - seen_bits);
        const uint32_t begin = model_internal::load_u32(seen_offsets + 4 * b);
        const uint32_t end = model_internal::load_u32(seen_offsets + 4 * (b + 1));
        for (uint32_t k = begin; k < end; ++k) {
          const uint8_t* f = seen_fingerprints + 2 * size_t(k);
          if ((uint32_t(f[0]) | uint32_t(f[1]) << 8) == (h[i] & 0xFFFF)) {
            seen[at + i] = 1;
            break;
          }
        }
      }
    }
  }
  std::span<const uint8_t> delete_bucket(std::string_view deleted) const {
    const uint64_t h = model_internal::hash64(reinterpret_cast<const uint8_t*>(deleted.data()),
                                              deleted.size(), delete_seed);
    const uint64_t b = h >> (64 - delete_bits);
    const uint32_t lo = model_internal::load_u32(delete_offsets + 4 * b);
    const uint32_t hi = model_internal::load_u32(delete_offsets + 4 * (b + 1));
    return {delete_ids + 4 * size_t(lo), 4 * size_t(hi - lo)};
  }
};

// Checks every section of `model->file` and fills the view; kBadModel naming
// the section and offset of the first thing wrong.
Status parse_model(CorrectModel* model);

}  // namespace correct_internal
}  // namespace dhad

#endif  // DHAD_CORRECT_CORRECT_MODEL_H_
