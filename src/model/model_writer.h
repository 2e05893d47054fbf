// A writer of model containers and hash table sections: the C++ twin of
// tools/model/container.py. `dhad learn` writes its models with it (container,
// hashed_table); tests build small and broken models with the rest. Internal.
//
// Thread-safety: plain functions. Cost: builds the file in memory (a model is
// tens of MB at most); hashed_table sorts its entries once.
#ifndef DHAD_MODEL_MODEL_WRITER_H_
#define DHAD_MODEL_MODEL_WRITER_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dhad/model.h"
#include "model/model.h"

namespace dhad {
namespace model_writer {

inline void put32(std::string* s, uint32_t v) {
  for (int i = 0; i < 4; ++i) s->push_back(char(v >> (8 * i)));
}
inline void put64(std::string* s, uint64_t v) {
  for (int i = 0; i < 8; ++i) s->push_back(char(v >> (8 * i)));
}
inline void set32(std::string* s, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) (*s)[at + i] = char(v >> (8 * i));
}
inline void set64(std::string* s, size_t at, uint64_t v) {
  for (int i = 0; i < 8; ++i) (*s)[at + i] = char(v >> (8 * i));
}
inline const uint8_t* u8(const std::string& s) {
  return reinterpret_cast<const uint8_t*>(s.data());
}

/// Makes the size and checksum fields right for the bytes as they are, so
/// that a test reaches the check it means.
inline void refix(std::string* m) {
  set64(m, 24, m->size());
  set64(m, 16, model_internal::checksum(u8(*m) + 24, m->size() - 24));
}

struct Section {
  std::string name;
  std::string data;
  uint32_t align = 8;
};

/// A container of `kind` and `version`, the sections laid out in order,
/// each at the next multiple of its alignment (container() in container.py).
inline std::string container(std::string_view kind, uint32_t version,
                             const std::vector<Section>& sections) {
  const size_t start = Model::kHeaderSize + Model::kEntrySize * sections.size();
  std::string entries, body;
  for (const Section& s : sections) {
    while ((start + body.size()) % s.align != 0) body.push_back('\0');
    std::string name = s.name;
    name.resize(16, '\0');
    entries += name;
    put64(&entries, start + body.size());
    put64(&entries, s.data.size());
    put32(&entries, s.align);
    put32(&entries, 0);
    body += s.data;
  }
  std::string m = "DHAD";
  m += kind;
  put32(&m, Model::kFormatVersion);
  put32(&m, version);
  put64(&m, 0);
  put64(&m, 0);
  put32(&m, uint32_t(sections.size()));
  put32(&m, 0);
  m += entries;
  m += body;
  refix(&m);
  return m;
}

/// A hash table section holding `items` with values `width` bytes wide, in
/// 2^bits buckets (bits < 0: as table() in container.py chooses).
inline std::string table(const std::vector<std::pair<std::string, uint32_t>>& items, uint64_t seed,
                         uint32_t width = 1, int bits = -1) {
  if (bits < 0) {
    bits = 1;
    while ((size_t(1) << bits) * 4 < items.size()) ++bits;
  }
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> buckets(size_t(1) << bits);
  for (const auto& [key, value] : items) {
    const uint64_t h = model_internal::hash64(u8(key), key.size(), seed);
    buckets[bits ? h >> (64 - bits) : 0].push_back({uint32_t(h), value});
  }
  std::string s;
  put32(&s, uint32_t(bits));
  put32(&s, uint32_t(items.size()));
  put64(&s, seed);
  put32(&s, width);
  put32(&s, 0);
  uint32_t at = 0;
  put32(&s, 0);
  for (const auto& b : buckets) put32(&s, at += uint32_t(b.size()));
  for (const auto& b : buckets) {
    for (const auto& e : b) put32(&s, e.first);
  }
  for (const auto& b : buckets) {
    for (const auto& e : b) {
      for (uint32_t i = 0; i < width; ++i) s.push_back(char(e.second >> (8 * i)));
    }
  }
  return s;
}

/// One entry of a table: hash64(key, seed) and its value.
struct HashedEntry {
  uint64_t hash;
  uint32_t value;
};

/// A hash table section (format in model/model.h) of entries whose keys the
/// caller has hashed with `seed`, in 2^bits buckets (about 4 entries each).
/// Returns false, leaving *out alone, when two entries of a bucket share a
/// fingerprint (the caller hashes again with another seed): find() must not
/// see two. The bytes depend only on the entries, not on their order.
inline bool hashed_table(std::vector<HashedEntry> entries, uint64_t seed, uint32_t width,
                         std::string* out) {
  int bits = 1;
  while ((size_t(1) << bits) * 4 < entries.size()) ++bits;
  const auto bucket = [bits](uint64_t h) { return h >> (64 - bits); };
  std::sort(entries.begin(), entries.end(), [&](const HashedEntry& a, const HashedEntry& b) {
    if (bucket(a.hash) != bucket(b.hash)) return bucket(a.hash) < bucket(b.hash);
    if (uint32_t(a.hash) != uint32_t(b.hash)) return uint32_t(a.hash) < uint32_t(b.hash);
    return a.value < b.value;
  });
  for (size_t i = 1; i < entries.size(); ++i) {
    if (bucket(entries[i].hash) == bucket(entries[i - 1].hash) &&
        uint32_t(entries[i].hash) == uint32_t(entries[i - 1].hash)) {
      return false;
    }
  }
  std::string s;
  put32(&s, uint32_t(bits));
  put32(&s, uint32_t(entries.size()));
  put64(&s, seed);
  put32(&s, width);
  put32(&s, 0);
  size_t at = 0;
  for (uint64_t b = 0; b <= (uint64_t(1) << bits); ++b) {
    while (at < entries.size() && bucket(entries[at].hash) < b) ++at;
    put32(&s, uint32_t(at));
  }
  for (const HashedEntry& e : entries) put32(&s, uint32_t(e.hash));
  for (const HashedEntry& e : entries) {
    for (uint32_t i = 0; i < width; ++i) s.push_back(char(e.value >> (8 * i)));
  }
  *out = std::move(s);
  return true;
}

/// The start of a bucketed section (the corrector's deletes and seen_pairs):
/// u32 bits, u32 n, u64 seed, and the u32 offsets[2^bits + 1] of `n` entries
/// sorted by bucket, entry i in bucket bucket_of(i). The entries follow.
template <typename BucketOf>
void put_buckets(std::string* s, int bits, size_t n, uint64_t seed, BucketOf bucket_of) {
  put32(s, uint32_t(bits));
  put32(s, uint32_t(n));
  put64(s, seed);
  size_t at = 0;
  for (uint64_t b = 0; b <= (uint64_t(1) << bits); ++b) {
    while (at < n && bucket_of(at) < b) ++at;
    put32(s, uint32_t(at));
  }
}

/// A set of keys the caller has hashed with `seed`, as a section of 16-bit
/// fingerprints in the fewest 2^bits buckets that hold 8 or fewer on average
/// (4 to 8; format in correct/correct_model.h, seen_pairs): a key's bucket is
/// the hash's top bits and its fingerprint the low 16. Keys that share both are stored once. The
/// bytes depend only on the hashes, not on their order.
inline std::string fingerprint_set(std::vector<uint64_t> hashes, uint64_t seed) {
  int bits = 1;
  while ((size_t(1) << bits) * 8 < hashes.size()) ++bits;
  const auto slot = [bits](uint64_t h) { return (h >> (64 - bits)) << 16 | (h & 0xFFFF); };
  for (uint64_t& h : hashes) h = slot(h);
  std::sort(hashes.begin(), hashes.end());
  hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
  std::string s;
  put_buckets(&s, bits, hashes.size(), seed, [&](size_t i) { return hashes[i] >> 16; });
  for (uint64_t h : hashes) {
    s.push_back(char(h & 0xFF));
    s.push_back(char(h >> 8 & 0xFF));
  }
  return s;
}

}  // namespace model_writer
}  // namespace dhad

#endif  // DHAD_MODEL_MODEL_WRITER_H_
