// A memo of Pipeline::analyze()'s per-token work (norm, segments, stems), for
// one thread. Natural text repeats its words (Zipf: in news, a table of 64K
// recent tokens answers ~85% of them), and a token's fields depend on its
// bytes, its kind and, for segments, whether it joins the next token
// (segment_internal::joins_next) alone. An entry holds its whole key and its
// fields, so an answer from the memo is exactly the one computed.
//
// The table is direct-mapped, one 64-byte line an entry, so that the caller
// can prefetch a token's entry a few tokens ahead (hash(), prefetch()): a
// lookup is then a hash and a line already on its way. A token longer than
// kMaxToken bytes, or whose fields do not fit a line, is computed every time.
//
// Cost: 4 MB per thread that analyzes long texts (touched as entries fill).
// Not thread-safe: keep one per thread. Internal to the pipeline.
#ifndef DHAD_PIPELINE_ANALYSIS_MEMO_H_
#define DHAD_PIPELINE_ANALYSIS_MEMO_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string_view>

#include "dhad/segment.h"

namespace dhad::pipeline_internal {

/// Turns the calling thread's memo off (or back on: the default). With it
/// off, analyze() computes every token: the reference the tests compare the
/// memo's answers with.
void set_analysis_memo(bool on);

class AnalysisMemo {
 public:
  /// Tokens longer than this are not memoized.
  static constexpr size_t kMaxToken = 40;
  static constexpr size_t kMaxSegments = 4;
  /// The fields, in the order of Fields::bytes.
  enum Field { kNorm, kStem, kLight10, kRoot, kFields };

  /// What identifies a token's fields (with the pipeline and the fields asked
  /// for, given to use()). The token is at most kMaxToken bytes.
  struct Key {
    std::string_view token;
    uint8_t kind;  // a TokenKind, below 16
    bool joins;    // segment_internal::joins_next
  };

  /// A token's fields as the memo holds them: views into its entry, valid
  /// until the next put().
  struct Fields {
    bool norm_is_text;  // the norm is the token itself (bytes[kNorm] is empty)
    std::string_view bytes[kFields];
    size_t segment_count;
    const uint8_t* bounds;  // begin and end of each segment, relative to the token
    uint8_t roles;          // each segment's SegmentRole, two bits each from the lowest
  };

  /// Serves the analyses of the pipeline `owner` (a number no other pipeline
  /// has had) with the fields `fields` (a bit mask) from now on: entries of
  /// any other owner or fields are dropped (they stop matching).
  void use(uint64_t owner, uint32_t fields) {
    if (!entries_) entries_ = std::make_unique<Entry[]>(kEntries);  // zeroed: tag 0, empty
    if (owner != owner_ || fields != fields_) {
      if (++generation_ == kGenerations) {  // the tags' room for it is spent
        std::memset(static_cast<void*>(entries_.get()), 0, kEntries * sizeof(Entry));
        generation_ = 1;
      }
      owner_ = owner;
      fields_ = fields;
    }
  }

  /// The hash of a key, for prefetch(), find() and put().
  uint64_t hash(const Key& key) const {
    constexpr uint64_t kMul = 0x9E3779B97F4A7C15;
    const char* p = key.token.data();
    const size_t n = key.token.size();
    uint64_t h = (uint64_t{generation_} << 32 | n << 16 | uint64_t{key.kind} << 8 | key.joins) *
                 0xC2B2AE3D27D4EB4F;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      h = (h ^ w) * kMul;
      h ^= h >> 29;
    }
    if (i < n) {
      uint64_t w = 0;
      std::memcpy(&w, p + i, n - i);
      h = (h ^ w) * kMul;
    }
    return h ^ h >> 32;
  }

  /// Starts loading the entry of hash h.
  void prefetch(uint64_t h) const { __builtin_prefetch(&entries_[slot(h)]); }

  /// The fields of `key` (of hash h), or false.
  bool find(const Key& key, uint64_t h, Fields* out) const {
    const Entry& e = entries_[slot(h)];
    const size_t n = key.token.size();
    if (e.tag != tag(h) || e.key_size != n || e.kind != key.kind || e.joins != key.joins ||
        std::memcmp(e.bytes, key.token.data(), n) != 0) {
      return false;
    }
    const char* p = reinterpret_cast<const char*>(e.bytes) + n;
    out->norm_is_text = e.norm_is_text;
    for (size_t f = 0; f < kFields; ++f) {
      out->bytes[f] = std::string_view(p, e.sizes[f]);
      p += e.sizes[f];
    }
    out->segment_count = e.segment_count;
    out->bounds = e.bounds;
    out->roles = e.roles;
    return true;
  }

  /// Remembers `fields` for `key` (of hash h) in place of what its entry
  /// held; does nothing when they do not fit an entry.
  void put(const Key& key, uint64_t h, bool norm_is_text, const std::string_view (&bytes)[kFields],
           std::span<const Segment> segments) {
    const size_t n = key.token.size();
    size_t size = n;
    for (std::string_view b : bytes) size += b.size();
    if (n > kMaxToken || size > kEntryBytes || segments.size() > kMaxSegments) return;
    uint8_t roles = 0;
    for (size_t i = 0; i < segments.size(); ++i) {
      const Segment& seg = segments[i];
      if (seg.end > n || seg.begin > seg.end || uint8_t(seg.role) > 3) return;
      roles |= uint8_t(uint8_t(seg.role) << (2 * i));
    }
    Entry& e = entries_[slot(h)];
    e.tag = tag(h);
    e.key_size = uint8_t(n);
    e.kind = key.kind;
    e.joins = key.joins;
    e.norm_is_text = norm_is_text;
    uint8_t* o = e.bytes;
    std::memcpy(o, key.token.data(), n);
    o += n;
    for (size_t f = 0; f < kFields; ++f) {
      e.sizes[f] = uint8_t(bytes[f].size());
      if (!bytes[f].empty()) std::memcpy(o, bytes[f].data(), bytes[f].size());
      o += bytes[f].size();
    }
    e.segment_count = uint8_t(segments.size());
    e.roles = roles;
    for (size_t i = 0; i < segments.size(); ++i) {
      e.bounds[2 * i] = uint8_t(segments[i].begin);
      e.bounds[2 * i + 1] = uint8_t(segments[i].end);
    }
  }

 private:
  static constexpr int kSlotBits = 16;
  static constexpr size_t kEntries = size_t{1} << kSlotBits;
  static constexpr size_t kEntryBytes = 44;
  static constexpr uint32_t kGenerations = 1 << 16;

  struct alignas(64) Entry {
    uint32_t tag;  // the hash's low bits and the generation (0: empty)
    uint8_t key_size;
    uint8_t kind : 4;
    uint8_t joins : 1;
    uint8_t norm_is_text : 1;
    uint8_t sizes[kFields];
    uint8_t segment_count;
    uint8_t roles;
    uint8_t bounds[2 * kMaxSegments];
    uint8_t bytes[kEntryBytes];  // the token, then each field's bytes
  };
  static_assert(sizeof(Entry) == 64);

  static size_t slot(uint64_t h) { return size_t(h >> (64 - kSlotBits)); }
  // A written entry matches only keys of this generation (1 to
  // kGenerations - 1): the high half of its tag.
  uint32_t tag(uint64_t h) const { return (uint32_t(h) & 0xFFFF) | generation_ << 16; }

  std::unique_ptr<Entry[]> entries_;
  uint64_t owner_ = 0;
  uint32_t fields_ = 0;
  uint32_t generation_ = 0;
};

}  // namespace dhad::pipeline_internal

#endif  // DHAD_PIPELINE_ANALYSIS_MEMO_H_
