// Reading the corrector's model: every section checked once (layout in
// correct_model.h), so that the Corrector's lookups need no checks.
#include "correct/correct_model.h"

#include <string>

namespace dhad {
namespace correct_internal {

using model_internal::load_u32;
using model_internal::load_u64;
using model_internal::section_error;

bool word_letters(std::string_view bytes, std::u16string* letters) {
  letters->clear();
  if (bytes.empty() || bytes.size() % 2 != 0 || bytes.size() > 2 * kMaxWordLetters) return false;
  // Written in place rather than pushed back: this runs for every word the
  // corrector meets. On failure, the letters before the bad one are kept.
  const size_t n = bytes.size() / 2;
  letters->resize(n);
  char16_t* out = letters->data();
  for (size_t k = 0; k < n; ++k) {
    const auto b0 = uint8_t(bytes[2 * k]), b1 = uint8_t(bytes[2 * k + 1]);
    const char32_t c = char32_t(b0 & 0x1F) << 6 | char32_t(b1 & 0x3F);
    if ((b0 & 0xE0) != 0xC0 || (b1 & 0xC0) != 0x80 || !is_letter(c)) {
      letters->resize(k);
      return false;
    }
    out[k] = char16_t(c);
  }
  return true;
}

void append_utf8(std::u16string_view letters, std::string* out) {
  for (char16_t c : letters) {  // all in U+0600-06FF: two bytes each
    out->push_back(char(0xC0 | (c >> 6)));
    out->push_back(char(0x80 | (c & 0x3F)));
  }
}

void append_skeleton(std::u16string_view letters, std::string* out) {
  for (char16_t c : letters) {
    const char16_t s = skeleton_letter(c);
    out->push_back(char(0xC0 | (s >> 6)));
    out->push_back(char(0x80 | (s & 0x3F)));
  }
}

namespace {

Result<ModelSection> sized(const Model& file, std::string_view name, uint64_t size) {
  Result<ModelSection> s = file.section(name);
  if (!s) return s.error();
  if (s->bytes.size() != size) {
    return section_error(
        *s, 0, std::to_string(s->bytes.size()) + " bytes, expected " + std::to_string(size));
  }
  return s;
}

Result<model_internal::HashTable> table(const Model& file, std::string_view name, uint32_t width) {
  Result<ModelSection> s = file.section(name);
  if (!s) return s.error();
  return model_internal::HashTable::open(*s, width);
}

// u32[n] that never decrease and end at most at `limit` (== limit if exact).
Status check_ends(const ModelSection& s, const uint8_t* p, uint32_t n, uint64_t limit, bool exact) {
  uint32_t prev = 0;
  for (uint32_t i = 0; i < n; ++i) {
    const uint32_t v = load_u32(p + 4 * size_t(i));
    if (v < prev || v > limit) {
      return section_error(s, 4 * uint64_t(i),
                           "entry " + std::to_string(i) + " is " + std::to_string(v) +
                               ", out of order or past " + std::to_string(limit));
    }
    prev = v;
  }
  if (exact && prev != limit) {
    return section_error(s, 0,
                         "ends at " + std::to_string(prev) + ", not " + std::to_string(limit));
  }
  return Status();
}

// A bucketed section (deletes, seen_pairs): u32 bits, u32 n, u64 seed,
// u32 offsets[2^bits + 1] from 0 up to n, then n entries of `entry_size`
// bytes, called `entries` in messages. Checks all but the entries.
struct Buckets {
  uint32_t bits = 0;
  uint32_t n = 0;
  uint64_t seed = 0;
  const uint8_t* offsets = nullptr;
  const uint8_t* entries = nullptr;
};
Result<Buckets> bucketed(const ModelSection& s, uint64_t entry_size, std::string_view entries) {
  const std::span<const uint8_t> b = s.bytes;
  if (b.size() < 16) return section_error(s, 0, "shorter than its header");
  Buckets k;
  k.bits = load_u32(b.data());
  k.n = load_u32(b.data() + 4);
  k.seed = load_u64(b.data() + 8);
  if (k.bits < 1 || k.bits > model_internal::HashTable::kMaxBucketBits ||
      b.size() != 16 + 4 * ((uint64_t(1) << k.bits) + 1) + entry_size * k.n) {
    return section_error(s, 0,
                         std::to_string(b.size()) + " bytes for " + std::to_string(k.bits) +
                             " bits and " + std::to_string(k.n) + " " + std::string(entries));
  }
  k.offsets = b.data() + 16;
  k.entries = k.offsets + 4 * ((size_t(1) << k.bits) + 1);
  if (load_u32(k.offsets) != 0) return section_error(s, 16, "offsets[0] is not 0");
  if (Status st = check_ends(s, k.offsets, (1u << k.bits) + 1, k.n, true); !st.ok()) {
    return st.error();
  }
  return k;
}

}  // namespace

Status parse_model(CorrectModel* m) {
  const Model& file = m->file;
  Result<ModelSection> totals = sized(file, "totals", 24);
  if (!totals) return totals.error();
  m->tokens = load_u64(totals->bytes.data());
  const uint32_t v = load_u32(totals->bytes.data() + 8);
  m->flags = load_u32(totals->bytes.data() + 12);
  const uint32_t g = load_u32(totals->bytes.data() + 16);
  if (v < kFirstWord || v > (1u << 28) || g > v) {
    return section_error(*totals, 8,
                         std::to_string(v) + " words in " + std::to_string(g) + " groups");
  }
  m->word_count = v;
  m->group_count = g;

  Result<ModelSection> strings = file.section("strings");
  if (!strings) return strings.error();
  m->strings =
      std::string_view(reinterpret_cast<const char*>(strings->bytes.data()), strings->bytes.size());
  Result<ModelSection> ends = sized(file, "word_ends", 4 * uint64_t(v));
  if (!ends) return ends.error();
  m->word_ends = ends->bytes.data();
  if (Status s = check_ends(*ends, m->word_ends, v, m->strings.size(), true); !s.ok()) return s;

  Result<ModelSection> info = sized(file, "word_info", kWordInfoSize * uint64_t(v));
  if (!info) return info.error();
  m->word_info = info->bytes.data();
  for (uint32_t i = 0; i < v; ++i) {
    const uint32_t group = load_u32(m->word_info + kWordInfoSize * size_t(i) + 12);
    if (i < kFirstWord ? group != kNoId : group >= g) {
      return section_error(*info, kWordInfoSize * uint64_t(i) + 12,
                           "word " + std::to_string(i) + " has group " + std::to_string(group));
    }
  }

  Result<ModelSection> group_ends = sized(file, "group_ends", 4 * uint64_t(g));
  if (!group_ends) return group_ends.error();
  m->group_ends = group_ends->bytes.data();
  const uint32_t members = v - kFirstWord;
  if (Status s = check_ends(*group_ends, m->group_ends, g, members, true); !s.ok()) return s;
  Result<ModelSection> group_members = sized(file, "group_members", 4 * uint64_t(members));
  if (!group_members) return group_members.error();
  m->group_members = group_members->bytes.data();
  for (uint32_t i = 0; i < members; ++i) {
    const uint32_t id = load_u32(m->group_members + 4 * size_t(i));
    if (id < kFirstWord || id >= v) {
      return section_error(*group_members, 4 * uint64_t(i), "id " + std::to_string(id));
    }
  }

  for (auto [name, t] : {std::pair{"words", &m->words}, std::pair{"skeletons", &m->skeletons},
                         std::pair{"pairs", &m->pairs}}) {
    Result<model_internal::HashTable> r = table(file, name, t == &m->pairs ? 2 : 4);
    if (!r) return r.error();
    *t = *r;
  }
  // The tables' values (ids, groups) are checked where they are looked up:
  // a fingerprint can match a key that is not there, so lookups check anyway.

  Result<ModelSection> deletes = file.section("deletes");
  if (!deletes) return deletes.error();
  Result<Buckets> d = bucketed(*deletes, 4, "ids");
  if (!d) return d.error();
  m->delete_bits = d->bits;
  m->delete_seed = d->seed;
  m->delete_offsets = d->offsets;
  m->delete_ids = d->entries;
  for (uint32_t i = 0; i < d->n; ++i) {
    const uint32_t id = load_u32(m->delete_ids + 4 * size_t(i));
    if (id < kFirstWord || id >= v) {
      return section_error(*deletes, 16 + 4 * ((uint64_t(1) << m->delete_bits) + 1) + 4 * i,
                           "id " + std::to_string(id));
    }
  }
  if (const ModelSection* seen = file.find("seen_pairs")) {
    Result<Buckets> b = bucketed(*seen, 2, "fingerprints");  // any fingerprint will do
    if (!b) return b.error();
    m->seen_bits = b->bits;
    m->seen_seed = b->seed;
    m->seen_offsets = b->offsets;
    m->seen_fingerprints = b->entries;
  }
  if (const ModelSection* about = file.find("about")) {
    m->about =
        std::string_view(reinterpret_cast<const char*>(about->bytes.data()), about->bytes.size());
  }
  return Status();
}

}  // namespace correct_internal
}  // namespace dhad
