#include "dhad/model.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "model/embedded.h"
#include "model/model.h"
#include "model/model_writer.h"

namespace dhad {
namespace {

using model_internal::HashTable;

using model_writer::container;
using model_writer::refix;
using model_writer::set32;
using model_writer::set64;
using model_writer::table;
using model_writer::u8;

// A small valid file: three sections of different alignments, one a table.
std::string small_model() {
  return container("TEST", 3,
                   {{"weights", std::string("\x01\x02\x03\x04\x05", 5), 4},
                    {"words", table({{"كتاب", 7}, {"قلم", 200}, {"", 1}}, 0x5eed), 8},
                    {"about", "a small test model", 1}});
}

Result<Model> open_test(const std::string& bytes) { return Model::from_bytes(bytes, "TEST", 3); }

// The error `bytes` gives (its message), or "" if they open.
std::string failure(const std::string& bytes) {
  Result<Model> m = open_test(bytes);
  if (m.ok()) return "";
  EXPECT_EQ(ErrorCode::kBadModel, m.error().code()) << m.error().message();
  EXPECT_FALSE(m.error().message().empty());
  if (m.error().has_offset()) {
    EXPECT_LE(m.error().offset(), bytes.size());
  }
  return m.error().message();
}

std::string temp_path(const std::string& name) {
  return testing::TempDir() + "dhad_model_test_" + std::to_string(::getpid()) + "_" + name;
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(bytes.data(), std::streamsize(bytes.size()));
}

// ---- the checksum -------------------------------------------------------

// The definition in dhad/model.h, word by word.
uint64_t checksum_reference(const std::string& s) {
  constexpr uint64_t kMul = 0xFF51AFD7ED558CCDull;
  std::string padded = s;
  padded.append((32 - s.size() % 32) % 32, '\0');
  uint64_t lane[4];
  for (uint64_t j = 0; j < 4; ++j) lane[j] = 0x9E3779B97F4A7C15ull ^ s.size() ^ j;
  for (size_t w = 0; w < padded.size() / 8; ++w) {
    uint64_t word = 0;
    for (int i = 7; i >= 0; --i) word = word << 8 | uint8_t(padded[8 * w + i]);
    uint64_t& h = lane[w % 4];
    h = (h ^ word) * kMul;
    h ^= h >> 29;
  }
  uint64_t h = lane[0];
  for (int j = 1; j < 4; ++j) {
    h = (h ^ lane[j]) * kMul;
    h ^= h >> 29;
  }
  return h;
}

TEST(ModelChecksum, MatchesTheDefinitionAndThePythonWriter) {
  std::mt19937 rng(1);
  for (size_t n = 0; n < 200; ++n) {
    std::string s(n, '\0');
    for (char& c : s) c = char(rng());
    EXPECT_EQ(checksum_reference(s), model_internal::checksum(u8(s), n)) << n;
  }
  // checksum(bytes(range(n))) in tools/model/container.py.
  const std::pair<size_t, uint64_t> python[] = {
      {0, 0xeb949d4b573a99eaull},  {1, 0x4800aea5d8a8eff8ull},   {7, 0x65ff4fa63853c7efull},
      {8, 0x197aec948d6429a9ull},  {31, 0xc47918e7be6c52e9ull},  {32, 0x38ded617df611f3bull},
      {33, 0xa7054cef812c52d9ull}, {100, 0x6fa7c5c6500675bcull},
  };
  for (const auto& [n, want] : python) {
    std::string s;
    for (size_t i = 0; i < n; ++i) s.push_back(char(i));
    EXPECT_EQ(want, model_internal::checksum(u8(s), n)) << n;
  }
  EXPECT_EQ(0x4d2cda77a6c4d60aull, model_internal::hash64(u8("abc"), 3, 5));
}

// ---- valid files --------------------------------------------------------

// from_embedded_bytes skips only the checksum: the embedded models' checksums
// are checked here instead, and a corrupt copy opens with it, not with from_bytes.
TEST(Model, EmbeddedModelsPassTheChecksumThatOpeningThemSkips) {
  const std::pair<std::string_view, std::string_view> models[] = {
      {embedded::segment_model(), "SEGM"}, {embedded::correct_model(), "CORR"}};
  for (const auto& [bytes, kind] : models) {
    ASSERT_GE(bytes.size(), Model::kHeaderSize) << kind;
    const uint32_t version =
        model_internal::load_u32(reinterpret_cast<const uint8_t*>(bytes.data()) + 12);
    Result<Model> checked = Model::from_bytes(bytes, kind, version);
    ASSERT_TRUE(checked.ok()) << kind << ": " << checked.error().message();
    ASSERT_TRUE(Model::from_embedded_bytes(bytes, kind, version).ok()) << kind;
  }
  std::string corrupt = small_model();
  corrupt.back() ^= 1;
  const uint32_t version = model_internal::load_u32(u8(corrupt) + 12);
  EXPECT_FALSE(Model::from_bytes(corrupt, "TEST", version).ok());
  EXPECT_TRUE(Model::from_embedded_bytes(corrupt, "TEST", version).ok());
  // The other checks still run.
  EXPECT_FALSE(Model::from_embedded_bytes(corrupt, "TSET", version).ok());
  EXPECT_FALSE(Model::from_embedded_bytes(corrupt.substr(0, 30), "TEST", version).ok());
}

TEST(Model, OpensFromBytes) {
  const std::string bytes = small_model();
  Result<Model> m = open_test(bytes);
  ASSERT_TRUE(m.ok()) << m.error().message();
  EXPECT_EQ("TEST", m->kind());
  EXPECT_EQ(3u, m->version());
  EXPECT_EQ(bytes.data(), m->bytes().data());  // not copied
  EXPECT_EQ(bytes.size(), m->bytes().size());
  ASSERT_EQ(3u, m->sections().size());
  EXPECT_EQ("weights", m->sections()[0].name);
  EXPECT_EQ(4u, m->sections()[0].alignment);
  EXPECT_EQ("\x01\x02\x03\x04\x05",
            std::string(m->sections()[0].bytes.begin(), m->sections()[0].bytes.end()));
  const ModelSection* about = m->find("about");
  ASSERT_NE(nullptr, about);
  EXPECT_EQ("a small test model", std::string(about->bytes.begin(), about->bytes.end()));
  EXPECT_EQ(u8(bytes) + about->offset, about->bytes.data());
  EXPECT_EQ(nullptr, m->find("abou"));
  EXPECT_EQ(nullptr, m->find("about_"));
  Result<ModelSection> missing = m->section("counts");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(ErrorCode::kBadModel, missing.error().code());
  EXPECT_EQ("no section 'counts'", missing.error().message());

  Result<ModelSection> words = m->section("words");
  ASSERT_TRUE(words.ok());
  Result<HashTable> t = HashTable::open(*words, 1);
  ASSERT_TRUE(t.ok()) << t.error().message();
  EXPECT_EQ(3u, t->size());
  EXPECT_EQ(7, t->find("كتاب"));
  EXPECT_EQ(200, t->find("قلم"));
  EXPECT_EQ(1, t->find(""));
  EXPECT_EQ(-1, t->find("كتب"));
}

TEST(Model, NoSectionsAndEmptySections) {
  ASSERT_TRUE(open_test(container("TEST", 3, {})).ok());
  // The bytes outlive the Model, which views them.
  const std::string bytes = container("TEST", 3, {{"a", "", 1}, {"b", "", 64}, {"c", "x", 1}});
  Result<Model> m = open_test(bytes);
  ASSERT_TRUE(m.ok()) << m.error().message();
  EXPECT_TRUE(m->find("a")->bytes.empty());
  EXPECT_EQ(1u, m->find("c")->bytes.size());
}

TEST(Model, MovesKeepTheBytes) {
  const std::string bytes = small_model();
  Result<Model> r = open_test(bytes);
  ASSERT_TRUE(r.ok());
  const ModelSection* about = r->find("about");
  const uint8_t* where = about->bytes.data();
  Model a = std::move(r.value());
  EXPECT_EQ(where, a.find("about")->bytes.data());
  Model b = std::move(a);
  EXPECT_TRUE(a.sections().empty());  // NOLINT(bugprone-use-after-move): documented state
  EXPECT_TRUE(a.bytes().empty());
  EXPECT_EQ(where, b.find("about")->bytes.data());
  const std::string empty = container("TEST", 3, {});
  Result<Model> other = open_test(empty);
  ASSERT_TRUE(other.ok());
  b = std::move(other.value());
  EXPECT_TRUE(b.sections().empty());
}

TEST(Model, OpensFromAPath) {
  const std::string path = temp_path("small.model");
  const std::string bytes = small_model();
  write_file(path, bytes);
  Result<Model> m = Model::open(path, "TEST", 3);
  ASSERT_TRUE(m.ok()) << m.error().message();
  EXPECT_EQ(bytes, m->bytes());
  EXPECT_NE(bytes.data(), m->bytes().data());
  for (const ModelSection& s : m->sections()) {
    // A mapping starts on a page: sections are aligned in memory too.
    EXPECT_EQ(0u, reinterpret_cast<uintptr_t>(s.bytes.data()) % s.alignment) << s.name;
  }
  Result<HashTable> t = HashTable::open(*m->find("words"), 0);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(200, t->find("قلم"));
  {
    // Each open maps the file again; the first one unmaps when it goes.
    Result<Model> again = Model::open(path, "TEST", 3);
    ASSERT_TRUE(again.ok());
  }
  EXPECT_EQ(200, t->find("قلم"));

  // A broken file names the path, the problem and the offset.
  std::string broken = bytes;
  broken[0] = 'X';
  write_file(path, broken);
  Result<Model> bad = Model::open(path, "TEST", 3);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(ErrorCode::kBadModel, bad.error().code());
  EXPECT_EQ(path + ": not a dhad model (it starts 'XHAD', not 'DHAD')", bad.error().message());
  EXPECT_EQ(0u, bad.error().offset());
  write_file(path, "");
  bad = Model::open(path, "TEST", 3);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(ErrorCode::kBadModel, bad.error().code());
  EXPECT_EQ(path + ": truncated: 0 bytes, less than the 40-byte header", bad.error().message());
  std::remove(path.c_str());
}

TEST(Model, FilesThatCannotBeMapped) {
  const std::string missing = temp_path("no_such.model");
  Result<Model> m = Model::open(missing, "TEST", 3);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(ErrorCode::kIoError, m.error().code());
  EXPECT_EQ(0u, m.error().message().find(missing + ": cannot open model: "));

  m = Model::open(testing::TempDir(), "TEST", 3);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(ErrorCode::kIoError, m.error().code()) << m.error().message();

  // A pipe cannot be mapped; opening it does not wait for a writer.
  const std::string fifo = temp_path("fifo");
  std::remove(fifo.c_str());
  ASSERT_EQ(0, ::mkfifo(fifo.c_str(), 0600));
  m = Model::open(fifo, "TEST", 3);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(ErrorCode::kIoError, m.error().code());
  EXPECT_NE(std::string::npos, m.error().message().find("not a regular file"));
  std::remove(fifo.c_str());
}

TEST(Model, PythonWriterAgrees) {
  // Written by tools/model/container.py (fuzz/make_model_seeds.py).
  const std::string path = DHAD_SOURCE_DIR "/fuzz/corpus/model/small.model";
  Result<Model> m = Model::open(path, "FUZZ", 1);
  ASSERT_TRUE(m.ok()) << m.error().message();
  for (const auto& [name, width] :
       std::vector<std::pair<std::string, uint32_t>>{{"u8", 1}, {"u16", 2}, {"u32", 4}}) {
    const ModelSection* s = m->find(name);
    ASSERT_NE(nullptr, s) << name;
    Result<HashTable> t = HashTable::open(*s, width);
    ASSERT_TRUE(t.ok()) << t.error().message();
    EXPECT_EQ(3u, t->size());
    // The values make_model_seeds.py gives.
    EXPECT_EQ(int64_t(width == 1 ? 7 : width == 2 ? 700 : 70000), t->find("كتاب")) << name;
    EXPECT_EQ(int64_t(width == 1 ? 255 : width == 2 ? 65535 : 4294967295), t->find("قلم"));
    EXPECT_EQ(0, t->find("a"));
    EXPECT_EQ(-1, t->find("b"));
  }
}

// ---- hostile files ------------------------------------------------------

TEST(Model, TruncatedAtEveryLength) {
  const std::string good = small_model();
  ASSERT_EQ("", failure(good));
  for (size_t n = 0; n < good.size(); ++n) {
    const std::string cut = good.substr(0, n);
    const std::string why = failure(cut);
    ASSERT_NE("", why) << n;
    // Cut inside the header: too short; after it: the size field disagrees.
    EXPECT_NE(std::string::npos, why.find(n < Model::kHeaderSize ? "truncated" : "the header says"))
        << n << ": " << why;
    // With the size and checksum fields made right for the shorter file, the
    // section table or a section no longer fits.
    if (n >= Model::kHeaderSize) {
      std::string fixed = cut;
      refix(&fixed);
      EXPECT_NE("", failure(fixed)) << n;
    }
  }
  EXPECT_NE(std::string::npos, failure(good + '\0').find("the header says"));
}

TEST(Model, EveryBitFlipOfHeaderAndSectionTable) {
  const std::string good = small_model();
  const size_t table_end = Model::kHeaderSize + 3 * Model::kEntrySize;
  for (size_t i = 0; i < table_end; ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string m = good;
      m[i] = char(m[i] ^ (1 << bit));
      EXPECT_NE("", failure(m)) << "byte " << i << " bit " << bit;
      // With the checksum repaired, the structure checks must catch it, or the
      // file is valid (a name changed to another valid name, an alignment to
      // a smaller power of two); every open file's sections lie in it.
      if (i >= 24) {
        refix(&m);
        Result<Model> r = open_test(m);
        if (r.ok()) {
          for (const ModelSection& s : r->sections()) {
            EXPECT_LE(s.offset + s.bytes.size(), m.size());
            EXPECT_GE(s.offset, table_end);
          }
        } else {
          EXPECT_EQ(ErrorCode::kBadModel, r.error().code());
        }
      }
    }
  }
  // Any flip at all, the checksum left as it is: an error.
  for (size_t i = 0; i < good.size(); ++i) {
    std::string m = good;
    m[i] = char(m[i] ^ 0x10);
    EXPECT_NE("", failure(m)) << "byte " << i;
  }
}

struct Hostile {
  const char* what;
  std::string bytes;
  const char* message;  // a part of the expected message
};

TEST(Model, HostileHeadersAndSectionTables) {
  const std::string good = small_model();
  auto patch32 = [&](size_t at, uint32_t v, bool fix = true) {
    std::string m = good;
    set32(&m, at, v);
    if (fix) refix(&m);
    return m;
  };
  auto patch64 = [&](size_t at, uint64_t v, bool fix = true) {
    std::string m = good;
    set64(&m, at, v);
    if (fix) refix(&m);
    return m;
  };
  const size_t e0 = Model::kHeaderSize, e1 = e0 + Model::kEntrySize, e2 = e1 + Model::kEntrySize;
  const uint64_t off1 = model_internal::load_u64(u8(good) + e1 + 16);
  const uint64_t off0 = model_internal::load_u64(u8(good) + e0 + 16);
  std::string renamed = good;
  renamed[e1] = 'a';  // "words" -> "aords"
  renamed[e2 + 1] = 'A';
  refix(&renamed);
  std::string dup = good;
  std::memcpy(dup.data() + e2, "words\0\0\0", 8);
  refix(&dup);
  std::string gap = good;
  gap[e0 + 3] = 0;  // "wei\0hts": bytes after the padding
  refix(&gap);
  std::string empty_name = good;
  empty_name[e0] = 0;
  refix(&empty_name);

  const Hostile cases[] = {
      {"empty", "", "truncated: 0 bytes"},
      {"header only in part", good.substr(0, 39), "truncated: 39 bytes"},
      {"magic", patch32(0, 0x44414858), "not a dhad model (it starts 'XHAD'"},
      {"text", std::string(64, 'a'), "not a dhad model (it starts 'aaaa'"},
      {"kind", patch32(4, 0x4D474553), "a 'SEGM' model, not a 'TEST' model"},
      {"the old segment format", "DHADSEG1" + good.substr(8), "a 'SEG1' model"},
      {"unprintable kind", patch32(4, 0x00FF0A41), "a 'A\\x0A\\xFF\\x00' model"},
      {"container version", patch32(8, 2), "container format version 2, this dhad reads 1"},
      {"kind version", patch32(12, 4), "'TEST' model version 4, this dhad reads 3"},
      {"checksum", patch64(16, 12345, false), "checksum mismatch"},
      {"size field", patch64(24, good.size() - 1, false), "the header says"},
      {"size field huge", patch64(24, ~0ull, false), "the header says"},
      {"count huge", patch32(32, 0xFFFFFFFF), "4294967295 sections, at most 64"},
      {"count 65", patch32(32, 65), "65 sections, at most 64"},
      {"count past the end", patch32(32, 64), "runs past the end"},
      {"header reserved", patch32(36, 1), "reserved header field"},
      {"entry reserved", patch32(e1 + 36, 1), "section 1 'words': reserved field"},
      {"offset past the end", patch64(e1 + 16, good.size() + 8), "section 1 'words': bytes ["},
      {"offset 2^63", patch64(e1 + 16, 1ull << 63), "are not between"},
      {"offset max", patch64(e1 + 16, ~0ull & ~63ull), "are not between"},
      {"size past the end", patch64(e1 + 24, good.size()), "are not between"},
      {"size 2^64 - 1 (offset + size wraps)", patch64(e1 + 24, ~0ull), "are not between"},
      {"size 2^64 - offset (wraps to 0)", patch64(e1 + 24, 0 - off1), "are not between"},
      {"offset inside the header", patch64(e0 + 16, 8), "are not between"},
      {"offset inside the section table", patch64(e0 + 16, e2), "are not between"},
      {"overlap", patch64(e2 + 16, off1 + 8), "section 'about' overlaps section 'words'"},
      {"same offset", patch64(e2 + 16, off1), "overlaps"},
      {"misaligned", patch64(e1 + 16, off1 + 4), "section 1 'words': offset"},
      {"misaligned by one", patch64(e0 + 16, off0 + 1),
       "offset 161 is not a multiple of its alignment 4"},
      {"alignment 0", patch32(e1 + 32, 0), "alignment 0 is not a power of two"},
      {"alignment 3", patch32(e1 + 32, 3), "alignment 3 is not a power of two"},
      {"alignment 128", patch32(e1 + 32, 128), "alignment 128 is not a power of two up to 64"},
      {"alignment 2^31", patch32(e1 + 32, 1u << 31), "is not a power of two"},
      {"upper case name", renamed, "section 2: its name is not"},
      {"empty name", empty_name, "section 0: its name"},
      {"bytes after the name's padding", gap, "section 0: its name"},
      {"duplicate name", dup, "section 2 'words': a second section of that name"},
  };
  for (const Hostile& c : cases) {
    EXPECT_NE(std::string::npos, failure(c.bytes).find(c.message))
        << c.what << ": got \"" << failure(c.bytes) << "\"";
  }
  // The message's offset points at the field.
  Result<Model> r = open_test(patch64(e1 + 16, good.size() + 8));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(e1 + 16, r.error().offset());
  r = open_test(patch32(8, 2));
  EXPECT_EQ(8u, r.error().offset());
  // A kind that is not 4 characters of [A-Z0-9] is the caller's mistake.
  for (const char* kind : {"", "SEG", "SEGMX", "segm", "SE M"}) {
    Result<Model> k = Model::from_bytes(good, kind, 3);
    ASSERT_FALSE(k.ok());
    EXPECT_EQ(ErrorCode::kInvalidArgument, k.error().code()) << kind;
  }
}

// ---- hash tables --------------------------------------------------------

std::string random_key(std::mt19937* rng) {
  static const std::string_view kAlphabet[] = {"ا", "ب", "ت", "ك", "ل", "م", "ن", "و", "ي", "a"};
  std::string k;
  const int n = int((*rng)() % 9);
  for (int i = 0; i < n; ++i) k += kAlphabet[(*rng)() % 10];
  return k;
}

TEST(HashTable, LookupsMatchAMap) {
  std::mt19937 rng(11);
  for (const uint32_t width : {1u, 2u, 4u}) {
    for (const int bits : {-1, 0, 3, 12}) {
      std::unordered_map<std::string, uint32_t> want;
      while (want.size() < 3000) {
        const uint32_t v = width == 4 ? uint32_t(rng()) : uint32_t(rng() % (1u << (8 * width)));
        want.emplace(random_key(&rng), v);
      }
      const std::string data =
          table(std::vector<std::pair<std::string, uint32_t>>(want.begin(), want.end()),
                0xABCDEF0012345678ull + width, width, bits);
      const std::string file = container("TEST", 3, {{"t", data, 8}});
      Result<Model> m = open_test(file);
      ASSERT_TRUE(m.ok()) << m.error().message();
      Result<HashTable> t = HashTable::open(*m->find("t"), width);
      ASSERT_TRUE(t.ok()) << t.error().message();
      EXPECT_EQ(want.size(), t->size());
      EXPECT_EQ(width, t->width());
      for (const auto& [key, value] : want) {
        ASSERT_EQ(int64_t(value), t->find(key)) << width << " " << bits << " " << key;
      }
      int absent = 0;
      for (int i = 0; i < 3000; ++i) {
        const std::string key = random_key(&rng) + "ز";
        if (want.count(key) == 0) {
          ++absent;
          EXPECT_EQ(-1, t->find(key)) << key;
        }
      }
      EXPECT_GT(absent, 2000);
    }
  }
  // The empty table, and a default one.
  const std::string file = container("TEST", 3, {{"t", table({}, 1, 2, 0), 8}});
  Result<Model> m = open_test(file);
  ASSERT_TRUE(m.ok());
  Result<HashTable> t = HashTable::open(*m->find("t"), 2);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(-1, t->find("x"));
  EXPECT_EQ(-1, HashTable().find("x"));
}

// find_many, the batched lookup, answers as find does: keys of one size, in
// batches of any length (its inner batch is 16), present and absent mixed.
TEST(HashTable, FindManyMatchesFind) {
  std::mt19937 rng(12);
  for (const uint32_t width : {1u, 2u, 4u}) {
    std::vector<std::pair<std::string, uint32_t>> entries;
    std::vector<std::string> keys;
    for (int i = 0; i < 2000; ++i) {
      std::string k(8, '\0');
      for (char& c : k) c = char(rng() % 4);  // a small alphabet: some keys repeat
      keys.push_back(k);
      if (i % 2 == 0 && std::none_of(entries.begin(), entries.end(),
                                     [&](const auto& e) { return e.first == k; })) {
        entries.emplace_back(k, uint32_t(rng() % (width == 4 ? 1000000u : 200u)));
      }
    }
    const std::string file = container("TEST", 3, {{"t", table(entries, 77 + width, width), 8}});
    Result<Model> m = open_test(file);
    ASSERT_TRUE(m.ok()) << m.error().message();
    Result<HashTable> t = HashTable::open(*m->find("t"), width);
    ASSERT_TRUE(t.ok()) << t.error().message();
    for (const HashTable& table : {*t, HashTable()}) {
      size_t at = 0;
      for (const size_t count : {0, 1, 15, 16, 17, 40, 300}) {
        std::string packed;
        for (size_t i = 0; i < count; ++i) packed += keys[(at + i) % keys.size()];
        std::vector<int64_t> got(count, -7);
        table.find_many(u8(packed), 8, count, got.data());
        for (size_t i = 0; i < count; ++i) {
          ASSERT_EQ(table.find(packed.data() + 8 * i, 8), got[i])
              << width << " " << count << " " << i;
        }
        at += count;
      }
    }
  }
}

TEST(HashTable, HostileTables) {
  const std::string good = table({{"كتاب", 1}, {"قلم", 2}, {"a", 3}, {"b", 4}, {"c", 5}}, 9);
  auto broken = [&](size_t at, uint32_t v, size_t at2 = 0, uint32_t v2 = 0) {
    std::string t = good;
    set32(&t, at, v);
    if (at2) set32(&t, at2, v2);
    return t;
  };
  const size_t offsets = HashTable::kHeaderSize;
  // bits is 1 for 5 entries: offsets[0..2].
  ASSERT_EQ(1u, model_internal::load_u32(u8(good)));
  struct Case {
    const char* what;
    std::string data;
    uint32_t width;
    const char* message;
  };
  const Case cases[] = {
      {"empty section", "", 1, "a table needs a 24-byte header, has 0 bytes"},
      {"short header", good.substr(0, 23), 1, "has 23 bytes"},
      {"one byte short", good.substr(0, good.size() - 1), 1, "the section has"},
      {"one byte more", good + "x", 1, "the section has"},
      {"bits 29", broken(0, 29), 1, "2^29 buckets, at most 2^28"},
      {"bits 2^32-1", broken(0, 0xFFFFFFFF), 1, "at most 2^28"},
      {"bits 28 in a small section", broken(0, 28), 1, "takes 1073741877 bytes"},
      {"n 2^32-1", broken(4, 0xFFFFFFFF), 1, "the section has"},
      {"width 0", broken(16, 0), 0, "values 0 bytes wide, not 1, 2 or 4"},
      {"width 3", broken(16, 3), 0, "not 1, 2 or 4"},
      {"width 8", broken(16, 8), 0, "not 1, 2 or 4"},
      {"width not the reader's", good, 2, "values 1 bytes wide, this reader needs 2"},
      {"reserved", broken(20, 1), 1, "reserved field is not 0"},
      {"offsets start at 1", broken(offsets, 1), 1, "bucket offsets do not start at 0"},
      {"offset past n", broken(offsets + 4, 6), 1, "bucket offset 6 after 0 (entries: 5)"},
      {"offsets decrease", broken(offsets + 4, 5, offsets + 8, 4), 1, "bucket offset 4 after 5"},
      {"offsets end before n", broken(offsets + 4, 0, offsets + 8, 4), 1,
       "bucket offsets end at 4, not at the 5"},
  };
  for (const Case& c : cases) {
    const std::string file = container("TEST", 3, {{"counts", c.data, 8}});
    Result<Model> m = open_test(file);
    ASSERT_TRUE(m.ok()) << c.what;
    Result<HashTable> t = HashTable::open(*m->find("counts"), c.width);
    ASSERT_FALSE(t.ok()) << c.what;
    EXPECT_EQ(ErrorCode::kBadModel, t.error().code());
    EXPECT_EQ(0u, t.error().message().find("section 'counts': ")) << t.error().message();
    EXPECT_NE(std::string::npos, t.error().message().find(c.message))
        << c.what << ": got \"" << t.error().message() << "\"";
    ASSERT_TRUE(t.error().has_offset());
    EXPECT_GE(t.error().offset(), m->find("counts")->offset);
    EXPECT_LE(t.error().offset(), file.size());
  }
  // Every single-bit flip of a table: a clean error or a table whose lookups
  // stay inside the section (ASan build).
  for (size_t i = 0; i < good.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string t = good;
      t[i] = char(t[i] ^ (1 << bit));
      const std::string file = container("TEST", 3, {{"t", t, 8}});
      Result<Model> m = open_test(file);
      ASSERT_TRUE(m.ok());
      Result<HashTable> h = HashTable::open(*m->find("t"), 0);
      if (!h.ok()) continue;
      for (const char* k : {"كتاب", "قلم", "a", "b", "c", "d"}) (void)h->find(k);
    }
  }
}

}  // namespace
}  // namespace dhad
