// Parsing and validation of the segmenter's model file (format: the docstring
// of tools/segment/build_model.py).
#include "segment/segment_model.h"

#include <cstring>
#include <string>

#include "model/embedded.h"

namespace dhad {
namespace segment_internal {
namespace {

constexpr char kMagic[8] = {'D', 'H', 'A', 'D', 'S', 'E', 'G', '1'};
constexpr uint32_t kVersion = 1;
constexpr size_t kHeaderSize = 32;
constexpr size_t kSectionEntrySize = 24;
constexpr uint32_t kMaxSections = 64;
constexpr uint32_t kMaxBucketBits = 28;

enum SectionId : uint32_t {
  kSecParams = 1,
  kSecCounts = 2,
  kSecLexicon = 3,
  kSecDecisions = 4,
  kSecOverrides = 5,
  kSecAbout = 6,
};

// Seeds of the tables, as SEED in build_model.py.
constexpr uint64_t kSeedCounts = 0x636f756e74730000ull;
constexpr uint64_t kSeedLexicon = 0x6c657869636f6e00ull;
constexpr uint64_t kSeedDecisions = 0x6465636973696f6eull;
constexpr uint64_t kSeedOverrides = 0x6f76657272696465ull;

uint64_t load_u64(const uint8_t* p) {
  return uint64_t(load_u32(p)) | uint64_t(load_u32(p + 4)) << 32;
}

Status bad(const std::string& what, uint64_t offset = Error::kNoOffset) {
  return Error(ErrorCode::kBadModel, "segmentation model: " + what, offset);
}

Status parse_table(const uint8_t* p, uint64_t size, uint64_t offset, uint64_t seed, Table* t) {
  if (size < 8) return bad("table section too small", offset);
  const uint32_t bits = load_u32(p);
  const uint32_t n = load_u32(p + 4);
  if (bits > kMaxBucketBits) return bad("table has too many buckets", offset);
  const uint64_t buckets = uint64_t(1) << bits;
  const uint64_t need = 8 + 4 * (buckets + 1) + 5 * uint64_t(n);
  if (need > size) return bad("table section truncated", offset);
  const uint8_t* offsets = p + 8;
  if (load_u32(offsets) != 0) return bad("table offsets do not start at 0", offset);
  uint32_t prev = 0;
  for (uint64_t b = 1; b <= buckets; ++b) {
    const uint32_t o = load_u32(offsets + 4 * b);
    if (o < prev || o > n) return bad("table offsets out of order or range", offset + 8 + 4 * b);
    prev = o;
  }
  if (prev != n) return bad("table offsets do not end at the entry count", offset);
  t->seed = seed;
  t->bits = bits;
  t->offsets = offsets;
  t->fingerprints = offsets + 4 * (buckets + 1);
  t->values = t->fingerprints + 4 * uint64_t(n);
  return Status();
}

}  // namespace

std::string_view default_model_bytes() { return embedded::segment_model(); }

uint64_t model_checksum(const uint8_t* p, size_t n) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ uint64_t(n);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    h = (h ^ load_u64(p + i)) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 29;
  }
  if (i < n) {
    uint8_t tail[8] = {};
    std::memcpy(tail, p + i, n - i);
    h = (h ^ load_u64(tail)) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 29;
  }
  return h;
}

Status parse_model(std::string_view bytes, Segmenter::Model* model) {
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  const uint64_t size = bytes.size();
  if (size < kHeaderSize) return bad("truncated header (" + std::to_string(size) + " bytes)");
  if (std::memcmp(p, kMagic, sizeof kMagic) != 0) return bad("not a dhad segmentation model", 0);
  const uint32_t version = load_u32(p + 8);
  if (version != kVersion) {
    return bad("format version " + std::to_string(version) + ", this dhad reads " +
                   std::to_string(kVersion),
               8);
  }
  const uint32_t sections = load_u32(p + 12);
  if (sections > kMaxSections) return bad("too many sections", 12);
  if (load_u64(p + 24) != size) {
    return bad("size field says " + std::to_string(load_u64(p + 24)) + " bytes, file has " +
                   std::to_string(size),
               24);
  }
  const uint64_t table_end = kHeaderSize + kSectionEntrySize * uint64_t(sections);
  if (table_end > size) return bad("truncated section table", kHeaderSize);
  if (model_checksum(p + 24, size - 24) != load_u64(p + 16)) return bad("checksum mismatch", 16);

  bool seen[kSecAbout + 1] = {};
  for (uint32_t s = 0; s < sections; ++s) {
    const uint8_t* e = p + kHeaderSize + kSectionEntrySize * s;
    const uint32_t id = load_u32(e);
    const uint64_t off = load_u64(e + 8);
    const uint64_t len = load_u64(e + 16);
    if (off < table_end || off > size || len > size - off) {
      return bad("section " + std::to_string(id) + " out of bounds", kHeaderSize + 24 * s);
    }
    if (id < kSecParams || id > kSecAbout) continue;  // unknown sections are skipped
    if (seen[id]) return bad("duplicate section " + std::to_string(id), kHeaderSize + 24 * s);
    seen[id] = true;
    const uint8_t* q = p + off;
    Status st;
    switch (SectionId(id)) {
      case kSecParams: {
        if (len < 4 || load_u32(q) != kParamCount || len < 4 + 4 * uint64_t(kParamCount)) {
          return bad("weights section has the wrong size", off);
        }
        for (int i = 0; i < kParamCount; ++i) {
          const int32_t v = int32_t(load_u32(q + 4 + 4 * i));
          // Bounds keep every sum of weights far from int overflow.
          if (v < -100000 || v > 100000) return bad("weight out of range", off + 4 + 4 * i);
          model->params[i] = v;
        }
        break;
      }
      case kSecCounts:
        st = parse_table(q, len, off, kSeedCounts, &model->counts);
        break;
      case kSecLexicon:
        st = parse_table(q, len, off, kSeedLexicon, &model->lexicon);
        break;
      case kSecDecisions:
        st = parse_table(q, len, off, kSeedDecisions, &model->decisions);
        break;
      case kSecOverrides:
        st = parse_table(q, len, off, kSeedOverrides, &model->overrides);
        break;
      case kSecAbout:
        model->about = std::string_view(reinterpret_cast<const char*>(q), len);
        break;
    }
    if (!st) return st;
  }
  for (uint32_t id = kSecParams; id <= kSecOverrides; ++id) {
    if (!seen[id]) return bad("missing section " + std::to_string(id));
  }
  model->bytes = bytes;
  return Status();
}

}  // namespace segment_internal
}  // namespace dhad
