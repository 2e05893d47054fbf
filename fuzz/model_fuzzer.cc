// Fuzzes the model container (dhad::Model::from_bytes, dhad/model.h) and the
// hash tables in its sections (model_internal::HashTable, src/model/model.h)
// with files of kind FUZZ, version 1. A file is rejected with kBadModel, a
// message and an offset within the file; or every section lies inside the
// file after the section table, is aligned, named by 1 to 16 of [a-z0-9_],
// unique, overlaps no other, and find()/section() give it back; and each
// section opened as a hash table is rejected with kBadModel (a message naming
// the section, an offset inside it) or answers every lookup as a reference
// lookup written here from the format does, reading through bounds-checked
// accessors. The input is copied into a buffer of exactly its size, so ASan
// sees any read past it. Each input is tried as it is and again with its size
// and checksum fields made right, so that mutations reach the section table
// and the tables; that copy must never fail on its size or checksum.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dhad/model.h"
#include "dhad/result.h"
#include "fuzz_check.h"
#include "model/model.h"
#include "model_check.h"

namespace {

using dhad::Model;
using dhad::ModelSection;
using dhad::model_internal::HashTable;

// Keys of the seeds' tables (fuzz/make_model_seeds.py) and a few more.
constexpr std::string_view kKeys[] = {"كتاب", "قلم", "a", "b", "", "كتاب0", "ولد7", "x199"};

// Little-endian reads that check they stay inside `s`.
uint64_t get(std::span<const uint8_t> s, uint64_t at, int bytes) {
  FUZZ_CHECK(at <= s.size() && uint64_t(bytes) <= s.size() - at,
             "reference read of %d bytes at %llu of a %zu-byte section", bytes,
             (unsigned long long)at, s.size());
  uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = v << 8 | s[at + i];
  return v;
}

// The table format of src/model/model.h, read field by field.
int64_t reference_find(std::span<const uint8_t> s, std::string_view key) {
  const uint64_t bits = get(s, 0, 4), n = get(s, 4, 4), seed = get(s, 8, 8), width = get(s, 16, 4);
  const uint64_t h =
      dhad::model_internal::hash64(reinterpret_cast<const uint8_t*>(key.data()), key.size(), seed);
  const uint64_t b = bits == 0 ? 0 : h >> (64 - bits);
  const uint64_t offsets = 24, fingerprints = offsets + 4 * ((uint64_t(1) << bits) + 1);
  const uint64_t values = fingerprints + 4 * n;
  const uint64_t end = get(s, offsets + 4 * (b + 1), 4);
  for (uint64_t i = get(s, offsets + 4 * b, 4); i < end; ++i) {
    FUZZ_CHECK(i < n, "entry %llu of %llu", (unsigned long long)i, (unsigned long long)n);
    if (get(s, fingerprints + 4 * i, 4) == uint32_t(h)) {
      return int64_t(get(s, values + width * i, int(width)));
    }
  }
  return -1;
}

bool valid_name(std::string_view name) {
  return !name.empty() && name.size() <= 16 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

void check_table(const ModelSection& s, const uint8_t* data, size_t size) {
  for (uint32_t width : {0u, 1u, 2u, 4u}) {
    dhad::Result<HashTable> t = HashTable::open(s, width);
    if (!t) {
      const dhad::Error& e = t.error();
      FUZZ_CHECK(e.code() == dhad::ErrorCode::kBadModel, "table error %d", int(e.code()));
      FUZZ_CHECK(e.message().rfind("section '" + std::string(s.name) + "': ", 0) == 0,
                 "table error without its section: %s", e.message().c_str());
      FUZZ_CHECK(
          e.has_offset() && e.offset() >= s.offset && e.offset() <= s.offset + s.bytes.size(),
          "table error offset %llu outside the section: %s", (unsigned long long)e.offset(),
          e.message().c_str());
      continue;
    }
    FUZZ_CHECK(width == 0 || t->width() == width, "asked for width %u, got %u", width, t->width());
    std::vector<std::string_view> keys(std::begin(kKeys), std::end(kKeys));
    // Keys cut from the input, so that the fuzzer can steer them.
    for (size_t at = 0; at + 1 < size && keys.size() < 24; at += 1 + size / 16) {
      keys.emplace_back(reinterpret_cast<const char*>(data + at), std::min<size_t>(8, size - at));
    }
    for (std::string_view key : keys) {
      const int64_t got = t->find(key);
      const int64_t want = reference_find(s.bytes, key);
      FUZZ_CHECK(got == want, "section '%s': find gives %lld, the reference %lld",
                 std::string(s.name).c_str(), (long long)got, (long long)want);
      FUZZ_CHECK(got < (int64_t(1) << (8 * t->width())), "value %lld wider than %u bytes",
                 (long long)got, t->width());
    }
  }
}

void try_model(const uint8_t* input, size_t size, bool fixed) {
  const std::unique_ptr<uint8_t[]> copy(new uint8_t[size]);
  if (size > 0) std::memcpy(copy.get(), input, size);
  const uint8_t* data = copy.get();
  dhad::Result<Model> r =
      Model::from_bytes(std::string_view(reinterpret_cast<const char*>(data), size), "FUZZ", 1);
  if (!r) {
    dhad_fuzz::check_refused_model(r.error(), size, fixed);
    return;
  }
  const Model model = std::move(r.value());  // moving keeps the views valid
  FUZZ_CHECK(model.kind() == "FUZZ" && model.version() == 1, "kind or version");
  FUZZ_CHECK(
      model.bytes().size() == size && model.bytes().data() == reinterpret_cast<const char*>(data),
      "the model's bytes are not the input");
  const uint64_t table_end = Model::kHeaderSize + Model::kEntrySize * model.sections().size();
  FUZZ_CHECK(model.sections().size() <= Model::kMaxSections && table_end <= size, "section count");
  std::vector<std::pair<uint64_t, uint64_t>> ranges;
  volatile unsigned sum = 0;  // reads every byte, so ASan checks the spans
  for (const ModelSection& s : model.sections()) {
    const std::string name(s.name);
    FUZZ_CHECK(valid_name(s.name), "section name '%s'", name.c_str());
    FUZZ_CHECK(s.bytes.data() == data + s.offset, "section '%s' is not at its offset",
               name.c_str());
    FUZZ_CHECK(s.offset >= table_end && s.offset <= size && s.bytes.size() <= size - s.offset,
               "section '%s' [%llu, +%zu) outside the file", name.c_str(),
               (unsigned long long)s.offset, s.bytes.size());
    FUZZ_CHECK(s.alignment >= 1 && s.alignment <= Model::kMaxAlignment &&
                   (s.alignment & (s.alignment - 1)) == 0 && s.offset % s.alignment == 0,
               "section '%s' alignment %u at %llu", name.c_str(), s.alignment,
               (unsigned long long)s.offset);
    FUZZ_CHECK(model.find(s.name) == &s, "find('%s') is another section", name.c_str());
    dhad::Result<ModelSection> again = model.section(s.name);
    FUZZ_CHECK(again.ok() && again->bytes.data() == s.bytes.data(), "section('%s')", name.c_str());
    for (uint8_t c : s.bytes) sum = sum + c;
    if (!s.bytes.empty()) ranges.emplace_back(s.offset, s.offset + s.bytes.size());
    check_table(s, data, size);
  }
  std::sort(ranges.begin(), ranges.end());
  for (size_t i = 1; i < ranges.size(); ++i) {
    FUZZ_CHECK(ranges[i - 1].second <= ranges[i].first, "sections overlap at %llu",
               (unsigned long long)ranges[i].first);
  }
  FUZZ_CHECK(model.find("no such section") == nullptr, "found an invalid name");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dhad_fuzz::try_as_is_and_fixed(std::string_view(reinterpret_cast<const char*>(data), size),
                                 [](std::string_view bytes, bool fixed) {
                                   try_model(reinterpret_cast<const uint8_t*>(bytes.data()),
                                             bytes.size(), fixed);
                                 });
  return 0;
}
