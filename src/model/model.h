// What model readers share beyond dhad/model.h: the container's checksum, and
// the static hash table that maps a key (bytes) to a small unsigned value,
// checked when it is opened so that lookups need no checks. Internal.
//
// A table section (tools/model/container.py's table() writes it; little-endian):
//
//   0   u32 bits: the table has 2^bits buckets, bits <= kMaxBucketBits
//   4   u32 n: entries
//   8   u64 seed of the hash
//   16  u32 value width in bytes: 1, 2 or 4
//   20  u32 0 (reserved)
//   24  u32 offsets[2^bits + 1]: bucket b holds entries [offsets[b], offsets[b+1]);
//       offsets[0] = 0, non-decreasing, offsets[2^bits] = n
//   ..  u32 fingerprints[n]
//   ..  values[n], each `width` bytes
//   and nothing after them.
//
// Key k lives in bucket hash64(k, seed) >> (64 - bits) (bucket 0 when bits is 0)
// with fingerprint = the low 32 bits of hash64(k, seed); a bucket holds no
// fingerprint twice. A key that is absent can match another key's fingerprint
// (a 2^-32 chance per entry of its bucket): the tables hold data where such
// a rare wrong answer is harmless, and the builders pick buckets of about 4.
//
// Thread-safety: HashTable is a plain view, immutable. Cost: find() hashes the
// key (one multiply per byte) and compares a few fingerprints.
#ifndef DHAD_MODEL_MODEL_H_
#define DHAD_MODEL_MODEL_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "dhad/model.h"
#include "dhad/result.h"

namespace dhad {
namespace model_internal {

inline uint32_t load_u32(const uint8_t* p) {
  return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}
inline uint64_t load_u64(const uint8_t* p) {
  return uint64_t(load_u32(p)) | uint64_t(load_u32(p + 4)) << 32;
}

/// The container's checksum of `n` bytes (dhad/model.h; checksum() in
/// tools/model/container.py).
uint64_t checksum(const uint8_t* p, size_t n);

/// FNV-1a 64 then the murmur3 finalizer; hash64 in tools/model/container.py.
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

/// kBadModel for a problem at byte `at` of `section` (`at` relative to the
/// section): "section 'NAME': WHAT", with the file offset.
Error section_error(const ModelSection& section, uint64_t at, std::string_view what);

/// A static hash table in a model section (format above): key -> value.
class HashTable {
 public:
  static constexpr uint32_t kMaxBucketBits = 28;
  static constexpr size_t kHeaderSize = 24;

  /// Checks the table in `section`; `width` 1, 2 or 4 demands values of that
  /// width, 0 takes any. Anything amiss gives kBadModel naming the section and
  /// the file offset. The table is a view: the Model must outlive it.
  static Result<HashTable> open(const ModelSection& section, uint32_t width);

  /// An empty table: find() finds nothing.
  HashTable() = default;

  /// The value stored for `key`, or -1.
  int64_t find(const void* key, size_t n) const {
    const uint64_t h = hash64(static_cast<const uint8_t*>(key), n, seed_);
    const uint64_t b = bits_ ? h >> (64 - bits_) : 0;
    const uint32_t fp = uint32_t(h);
    const uint32_t end = load_u32(offsets_ + 4 * (b + 1));
    for (uint32_t i = load_u32(offsets_ + 4 * b); i < end; ++i) {
      if (load_u32(fingerprints_ + 4 * size_t(i)) == fp) return value(i);
    }
    return -1;
  }
  int64_t find(std::string_view key) const { return find(key.data(), key.size()); }

  /// find() of `count` keys of `n` bytes each, packed at `keys`, into
  /// values[]: the same answers, the lookups' memory reads overlapped. A
  /// lookup reads three places one after another (bucket, fingerprints,
  /// value); in a table larger than the caches each is a miss, and one at a
  /// time they would queue, while a batch keeps them in flight together.
  void find_many(const uint8_t* keys, size_t n, size_t count, int64_t* values) const {
    constexpr size_t kBatch = 16;
    uint32_t lo[kBatch], hi[kBatch], fp[kBatch];
    for (size_t at = 0; at < count; at += kBatch) {
      const size_t m = std::min(kBatch, count - at);
      for (size_t i = 0; i < m; ++i) {
        const uint64_t h = hash64(keys + n * (at + i), n, seed_);
        const uint64_t b = bits_ ? h >> (64 - bits_) : 0;
        fp[i] = uint32_t(h);
        lo[i] = uint32_t(b);  // the bucket, until its offsets are read
        __builtin_prefetch(offsets_ + 4 * b);
      }
      for (size_t i = 0; i < m; ++i) {
        const size_t b = lo[i];
        lo[i] = load_u32(offsets_ + 4 * b);
        hi[i] = load_u32(offsets_ + 4 * (b + 1));
        __builtin_prefetch(fingerprints_ + 4 * size_t(lo[i]));
        __builtin_prefetch(values_ + size_t(width_) * lo[i]);
      }
      for (size_t i = 0; i < m; ++i) {
        values[at + i] = -1;
        for (uint32_t k = lo[i]; k < hi[i]; ++k) {
          if (load_u32(fingerprints_ + 4 * size_t(k)) == fp[i]) {
            values[at + i] = value(k);
            break;
          }
        }
      }
    }
  }

  uint32_t size() const { return n_; }
  uint32_t width() const { return width_; }
  uint64_t seed() const { return seed_; }

 private:
  uint32_t value(uint32_t i) const {
    const uint8_t* v = values_ + size_t(width_) * i;
    switch (width_) {
      case 1:
        return v[0];
      case 2:
        return uint32_t(v[0]) | uint32_t(v[1]) << 8;
      default:
        return load_u32(v);
    }
  }

  // The empty table: one bucket with no entries.
  static constexpr uint8_t kNoEntries[8] = {};

  uint64_t seed_ = 0;
  uint32_t bits_ = 0;
  uint32_t n_ = 0;
  uint32_t width_ = 1;
  const uint8_t* offsets_ = kNoEntries;  // u32[(1 << bits) + 1]
  const uint8_t* fingerprints_ = kNoEntries;
  const uint8_t* values_ = kNoEntries;
};

}  // namespace model_internal
}  // namespace dhad

#endif  // DHAD_MODEL_MODEL_H_
