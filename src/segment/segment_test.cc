#include "dhad/segment.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dhad/tokenize.h"
#include "model/model_writer.h"
#include "segment/segment_model.h"

namespace dhad {
namespace {

const Segmenter& default_segmenter() {
  static const Segmenter* seg = [] {
    Result<Segmenter> r = Segmenter::open_default();
    EXPECT_TRUE(r.ok()) << r.error().message();
    return new Segmenter(std::move(r.value()));
  }();
  return *seg;
}

// Segments a copy of `word` in a buffer of exactly its size, so that the
// sanitizer build catches a read past the end.
std::vector<Segment> pieces_of(const Segmenter& seg, std::string_view word, bool split_article,
                               bool reference = false) {
  const std::unique_ptr<char[]> copy(new char[word.size() + 1]);
  std::copy(word.begin(), word.end(), copy.get());
  const std::string_view w(copy.get(), word.size());
  std::vector<Segment> out;
  const SegmentOptions options{split_article};
  if (reference) {
    dhad::segment_internal::segment_reference(seg, w, options, &out);
  } else {
    seg.segment(w, options, &out);
  }
  return out;
}

// "و+ب+الكتاب": the pieces joined by '+'.
std::string joined(std::string_view word, const std::vector<Segment>& pieces) {
  std::string s;
  for (const Segment& p : pieces) {
    if (!s.empty()) s += '+';
    s += word.substr(p.begin, p.end - p.begin);
  }
  return s;
}

std::string seg(std::string_view word, bool split_article = false) {
  return joined(word, pieces_of(default_segmenter(), word, split_article));
}

struct Case {
  const char* in;
  const char* want;
};

TEST(Segment, WordsThatStayWhole) {
  // Initial و ف ب ك ل and final ه ي ك نا that belong to the word.
  const Case cases[] = {
      {"وزير", "وزير"},   {"بلد", "بلد"},     {"لبنان", "لبنان"}, {"فرنسا", "فرنسا"},
      {"كتاب", "كتاب"},   {"سيارة", "سيارة"}, {"ولاية", "ولاية"}, {"وجه", "وجه"},
      {"كان", "كان"},     {"بين", "بين"},     {"لكن", "لكن"},     {"كما", "كما"},
      {"سنوات", "سنوات"}, {"عربي", "عربي"},   {"مدينة", "مدينة"}, {"الوزير", "الوزير"},
      {"التي", "التي"},   {"الله", "الله"},   {"كذلك", "كذلك"},   {"فقط", "فقط"},
  };
  for (const Case& c : cases) EXPECT_EQ(c.want, seg(c.in)) << c.in;
}

TEST(Segment, Proclitics) {
  const Case cases[] = {
      {"وبالكتاب", "و+ب+الكتاب"},
      {"لأوباما", "ل+أوباما"},
      {"والكتاب", "و+الكتاب"},
      {"بالنسبة", "ب+النسبة"},
      {"كرئيس", "ك+رئيس"},
      {"سيكون", "س+يكون"},
      {"فإن", "ف+إن"},
      {"وقال", "و+قال"},
      {"وقد", "و+قد"},
      {"للسلطة", "ل+لسلطة"},
      {"للبنان", "ل+لبنان"},
      {"ولكن", "و+لكن"},
      {"لذلك", "ل+ذلك"},
      {"وسيكون", "و+س+يكون"},
      {"بشكل", "ب+شكل"},
  };
  for (const Case& c : cases) EXPECT_EQ(c.want, seg(c.in)) << c.in;
}

TEST(Segment, Enclitics) {
  // Surface-preserving: the stem keeps its written form (ت of ة, ي of ى, و of وا).
  const Case cases[] = {
      {"وزيرها", "وزير+ها"}, {"فسيكتبونها", "ف+س+يكتبون+ها"},
      {"كتابه", "كتاب+ه"},   {"حكومته", "حكومت+ه"},
      {"عليه", "علي+ه"},     {"إليهم", "إلي+هم"},
      {"مستواه", "مستوا+ه"}, {"كتبوه", "كتبو+ه"},
      {"أبناؤه", "أبناؤ+ه"}, {"أنه", "أن+ه"},
      {"له", "ل+ه"},         {"بها", "ب+ها"},
      {"منه", "من+ه"},       {"وغيرها", "و+غير+ها"},
      {"لكنه", "لكن+ه"},     {"يمكننا", "يمكن+نا"},
      {"أنفسهم", "أنفس+هم"},
  };
  for (const Case& c : cases) EXPECT_EQ(c.want, seg(c.in)) << c.in;
}

TEST(Segment, SplitArticle) {
  const Case cases[] = {
      {"والكتاب", "و+ال+كتاب"}, {"للسلطة", "ل+ل+سلطة"}, {"الكتاب", "ال+كتاب"},
      {"بالنسبة", "ب+ال+نسبة"}, {"للبنان", "ل+لبنان"},  {"التي", "التي"},
      {"وزيرها", "وزير+ها"},    {"كتاب", "كتاب"},
  };
  for (const Case& c : cases) EXPECT_EQ(c.want, seg(c.in, true)) << c.in;
}

TEST(Segment, Roles) {
  const std::string_view w = "وبالكتاب";
  std::vector<Segment> p = pieces_of(default_segmenter(), w, true);
  ASSERT_EQ(4u, p.size());
  EXPECT_EQ(SegmentRole::kProclitic, p[0].role);
  EXPECT_EQ(SegmentRole::kProclitic, p[1].role);
  EXPECT_EQ(SegmentRole::kArticle, p[2].role);
  EXPECT_EQ(SegmentRole::kStem, p[3].role);
  EXPECT_EQ((Segment{0, 2, SegmentRole::kProclitic}), p[0]);

  p = pieces_of(default_segmenter(), "وزيرها", false);
  ASSERT_EQ(2u, p.size());
  EXPECT_EQ((Segment{0, 8, SegmentRole::kStem}), p[0]);
  EXPECT_EQ((Segment{8, 12, SegmentRole::kEnclitic}), p[1]);

  // A token of clitics only has its preposition as stem.
  p = pieces_of(default_segmenter(), "له", false);
  ASSERT_EQ(2u, p.size());
  EXPECT_EQ(SegmentRole::kStem, p[0].role);
  EXPECT_EQ(SegmentRole::kEnclitic, p[1].role);

  EXPECT_EQ("proclitic", segment_role_name(SegmentRole::kProclitic));
  EXPECT_EQ("article", segment_role_name(SegmentRole::kArticle));
  EXPECT_EQ("stem", segment_role_name(SegmentRole::kStem));
  EXPECT_EQ("enclitic", segment_role_name(SegmentRole::kEnclitic));
}

TEST(Segment, MarksStayOnTheirLetter) {
  const Case cases[] = {
      {"وَالْكِتَابِ", "وَ+الْكِتَابِ"},
      {"بِالنِّسْبَةِ", "بِ+النِّسْبَةِ"},
      {"وبـالكتاب", "و+بـ+الكتاب"},
      {"كتابهُ", "كتاب+هُ"},
      // Tanween ends a word that has no pronoun.
      {"كتابٌ", "كتابٌ"},
  };
  for (const Case& c : cases) EXPECT_EQ(c.want, seg(c.in)) << c.in;
  EXPECT_EQ("وَ+الْ+كِتَابِ", seg("وَالْكِتَابِ", true));
}

TEST(Segment, NotArabicIsOneStem) {
  const char* words[] = {"Hello", "2006", "3%",       "...",   "كتاب2",      "ﻻ",
                         "پیام",  "\xD9", "\xFF\xFE", "ـكتاب", "abc\xD9\x88"};
  for (const char* w : words) {
    const std::vector<Segment> p = pieces_of(default_segmenter(), w, false);
    ASSERT_EQ(1u, p.size()) << w;
    EXPECT_EQ((Segment{0, uint32_t(std::strlen(w)), SegmentRole::kStem}), p[0]) << w;
  }
  EXPECT_TRUE(pieces_of(default_segmenter(), "", false).empty());
  // Appends.
  std::vector<Segment> out = {{7, 9, SegmentRole::kStem}};
  default_segmenter().segment("وكتاب", {}, &out);
  EXPECT_EQ(3u, out.size());
}

// Random words over a small alphabet rich in clitic letters, marks and a few
// stray bytes: the pieces always tile the word, exactly one is a stem, and the
// cache agrees with the scorer.
TEST(Segment, SurfacePreservedOnRandomWords) {
  const char* alphabet[] = {"و", "ف", "ب", "ك", "ل", "س", "ا", "أ", "ه", "ي", "ى", "ن", "م",
                            "ت", "ة", "ع", "ر", "ق", "ُ",  "ً",  "ّ",  "ـ", "ؤ", "ئ", "ء", "ٱ"};
  std::mt19937 rng(20251125);
  for (int iter = 0; iter < 20000; ++iter) {
    std::string w;
    const int n = 1 + int(rng() % 9);
    for (int i = 0; i < n; ++i) w += alphabet[rng() % std::size(alphabet)];
    if (rng() % 50 == 0) w += char(rng() % 256);
    for (const bool split : {false, true}) {
      const std::vector<Segment> p = pieces_of(default_segmenter(), w, split);
      ASSERT_FALSE(p.empty()) << w;
      uint32_t at = 0;
      int stems = 0;
      for (const Segment& s : p) {
        ASSERT_EQ(at, s.begin) << w;
        ASSERT_LT(s.begin, s.end) << w;
        at = s.end;
        stems += s.role == SegmentRole::kStem;
      }
      ASSERT_EQ(w.size(), at) << w;
      ASSERT_EQ(1, stems) << w;
      ASSERT_EQ(p, pieces_of(default_segmenter(), w, split, /*reference=*/true)) << w;
    }
  }
}

TEST(Segment, CacheAgreesWithScorer) {
  const char* words[] = {"وزير",   "وزيرها", "والوزير", "للسلطة",  "بالنسبة",  "سيكون",
                         "فإنه",   "عليهم",  "أنها",    "لأوباما", "وبالتالي", "ومن",
                         "كتابهم", "الذي",   "فيما",    "بعدما",   "لدينا",    "إليه"};
  for (const char* w : words) {
    for (const bool split : {false, true}) {
      EXPECT_EQ(pieces_of(default_segmenter(), w, split),
                pieces_of(default_segmenter(), w, split, true))
          << w;
    }
  }
}

TEST(Segment, Line) {
  const Case cases[] = {
      {"بالنسبة إلى أولئك, سيكون الأمر مختلفاً.", "ب+ النسبة إلى أولئك , س+ يكون الأمر مختلفاً ."},
      {"ارتفع 3% فقطـ وبين عامي 2004 و2006", "ارتفع 3+ % فقط+ ـ و+ بين عامي 2004 و+ 2006"},
      {"قال: \"للسلطة\"...", "قال : \" ل+ لسلطة \" ..."},
      {"  ", ""},
  };
  const Tokenizer tok;
  for (const Case& c : cases) {
    std::vector<Token> tokens;
    tok.tokenize(c.in, &tokens);
    std::string out;
    default_segmenter().segment_line(c.in, tokens, {}, &out);
    EXPECT_EQ(c.want, out) << c.in;
  }
}

TEST(Segment, TokenPiecesAreTheLine) {
  const std::string_view line = "ارتفع 3% و2006 فقطـ وبالكتاب ٤٥٪ x";
  const Tokenizer tok;
  std::vector<Token> tokens;
  tok.tokenize(line, &tokens);
  std::string rebuilt;
  for (size_t i = 0; i < tokens.size(); ++i) {
    std::vector<Segment> pieces = {{0, 0, SegmentRole::kStem}};  // appended to, not cleared
    const bool joins = default_segmenter().segment_token(line, tokens, i, {}, &pieces);
    ASSERT_EQ(SegmentRole::kStem, pieces[0].role);
    pieces.erase(pieces.begin());
    const std::string_view token = line.substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
    if (i) rebuilt += ' ';
    for (size_t k = 0; k < pieces.size(); ++k) {
      if (k) rebuilt += "+ ";
      rebuilt += token.substr(pieces[k].begin, pieces[k].end - pieces[k].begin);
    }
    if (joins) {
      rebuilt += '+';
      EXPECT_EQ("و", token);
      EXPECT_EQ(SegmentRole::kProclitic, pieces[0].role);
    }
  }
  std::string out;
  default_segmenter().segment_line(line, tokens, {}, &out);
  EXPECT_EQ(out, rebuilt);
  EXPECT_EQ("ارتفع 3+ % و+ 2006 فقط+ ـ و+ ب+ الكتاب ٤٥+ ٪ x", out);
  std::vector<Segment> none;
  EXPECT_FALSE(default_segmenter().segment_token(line, tokens, tokens.size(), {}, &none));
  EXPECT_TRUE(none.empty());
}

TEST(Segment, About) {
  EXPECT_NE(std::string_view::npos, default_segmenter().about().find("SaudiNewsNet"));
  EXPECT_NE(std::string_view::npos, default_segmenter().about().find("hunspell-ar"));
}

// ---- model files ------------------------------------------------------------

using model_writer::put32;
using model_writer::refix;
using model_writer::set64;

// Seeds of the tables, as SEED in build_model.py (any seed works).
constexpr uint64_t kSeedCounts = 0x636f756e74730000ull;
constexpr uint64_t kSeedLexicon = 0x6c657869636f6e00ull;
constexpr uint64_t kSeedDecisions = 0x6465636973696f6eull;
constexpr uint64_t kSeedOverrides = 0x6f76657272696465ull;

// A table section of 1-byte values, as build_model.py writes it.
std::string table(const std::vector<std::pair<std::string, uint8_t>>& items, uint64_t seed,
                  int bits = 2) {
  return model_writer::table(
      std::vector<std::pair<std::string, uint32_t>>(items.begin(), items.end()), seed, 1, bits);
}

// A whole segmentation model: header, section table, sections, checksum.
std::string model(const std::vector<model_writer::Section>& sections) {
  return model_writer::container("SEGM", 1, sections);
}

std::string params(int32_t value = 16) {
  std::string s;
  put32(&s, segment_internal::kParamCount);
  for (int i = 0; i < segment_internal::kParamCount; ++i) put32(&s, uint32_t(value));
  return s;
}

std::string tiny_model(uint8_t decision_for_wktab) {
  return model({
      {"weights", params()},
      {"counts", table({{"كتاب", 100}}, kSeedCounts)},
      {"lexicon", table({{"كتاب", 1 | 2 | 32}}, kSeedLexicon)},
      {"decisions", table({{"وكتاب", decision_for_wktab}}, kSeedDecisions)},
      {"overrides", table({}, kSeedOverrides, 0)},
      {"about", "tiny test model", 1},
  });
}

TEST(SegmentModel, OpenReadsAFileAndReportsErrors) {
  Result<Segmenter> missing = Segmenter::open("/nonexistent/dir/segment.model");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(ErrorCode::kIoError, missing.error().code());
  Result<Segmenter> committed = Segmenter::open(DHAD_SOURCE_DIR "/data/segment/segment.model");
  ASSERT_TRUE(committed.ok()) << committed.error().message();
  EXPECT_EQ(pieces_of(default_segmenter(), "فسيكتبونها", false),
            pieces_of(*committed, "فسيكتبونها", false));
  // Not a model: a source file of this repository.
  Result<Segmenter> junk = Segmenter::open(DHAD_SOURCE_DIR "/src/segment/segment.cc");
  ASSERT_FALSE(junk.ok());
  EXPECT_EQ(ErrorCode::kBadModel, junk.error().code());
  EXPECT_NE(std::string::npos, junk.error().message().find("segment.cc"));
  // A file is mapped, not read: a pipe cannot be a model.
  Result<Segmenter> dir = Segmenter::open(DHAD_SOURCE_DIR "/src");
  ASSERT_FALSE(dir.ok());
  EXPECT_EQ(ErrorCode::kIoError, dir.error().code());
  // The section a file lacks, after its path.
  const std::string path = testing::TempDir() + "segment_test_" + std::to_string(::getpid());
  std::ofstream(path, std::ios::binary) << model({{"weights", params()}});
  Result<Segmenter> partial = Segmenter::open(path);
  ASSERT_FALSE(partial.ok());
  EXPECT_EQ(ErrorCode::kBadModel, partial.error().code());
  EXPECT_EQ(path + ": no section 'counts'", partial.error().message());
  std::ofstream(path, std::ios::binary | std::ios::trunc) << tiny_model(1);
  Result<Segmenter> tiny = Segmenter::open(path);
  ASSERT_TRUE(tiny.ok()) << tiny.error().message();
  EXPECT_EQ("tiny test model", tiny->about());
  std::remove(path.c_str());
}

TEST(SegmentModel, TinyModelLoadsAndSegments) {
  Result<Segmenter> s = Segmenter::from_bytes(tiny_model(1));
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ("tiny test model", s->about());
  EXPECT_EQ("و+كتاب", joined("وكتاب", pieces_of(*s, "وكتاب", false)));
  // The scorer: ك+تاب has no evidence, كتاب a count and the lexicon.
  EXPECT_EQ("كتاب", joined("كتاب", pieces_of(*s, "كتاب", false)));
}

// Any cached decision byte, sensible or not, leaves pieces that tile the word.
TEST(SegmentModel, HostileDecisionsKeepTheSurface) {
  const std::string_view w = "وكتاب";
  for (int d = 0; d < 256; ++d) {
    Result<Segmenter> s = Segmenter::from_bytes(tiny_model(uint8_t(d)));
    ASSERT_TRUE(s.ok());
    for (const bool split : {false, true}) {
      const std::vector<Segment> p = pieces_of(*s, w, split);
      uint32_t at = 0;
      for (const Segment& x : p) {
        ASSERT_EQ(at, x.begin) << d;
        ASSERT_LT(x.begin, x.end) << d;
        at = x.end;
      }
      EXPECT_EQ(w.size(), at) << d;
    }
  }
}

TEST(SegmentModel, RejectsBrokenFiles) {
  const std::string good = tiny_model(1);
  ASSERT_TRUE(Segmenter::from_bytes(good).ok());
  // The message of the error `bytes` give (kBadModel), or "" if they load.
  auto why = [](const std::string& bytes) -> std::string {
    Result<Segmenter> r = Segmenter::from_bytes(bytes);
    if (r.ok()) return "";
    EXPECT_EQ(ErrorCode::kBadModel, r.error().code()) << r.error().message();
    EXPECT_EQ(0u, r.error().message().find("segmentation model: ")) << r.error().message();
    return r.error().message();
  };
  EXPECT_NE("", why(""));
  EXPECT_NE("", why("DHADSEG1"));
  for (size_t n = 0; n < good.size(); ++n) EXPECT_NE("", why(good.substr(0, n))) << n;
  EXPECT_NE("", why(good + "x"));
  for (size_t i = 0; i < good.size(); ++i) {
    std::string m = good;
    m[i] = char(m[i] ^ 0x5A);
    EXPECT_NE("", why(m)) << "flipped byte " << i;  // the checksum, or the header
  }
  const std::vector<model_writer::Section> empty_tables = {
      {"counts", table({}, kSeedCounts)},
      {"lexicon", table({}, kSeedLexicon)},
      {"decisions", table({}, kSeedDecisions)},
      {"overrides", table({}, kSeedOverrides)},
  };
  auto with = [&](model_writer::Section first) {
    std::vector<model_writer::Section> s = empty_tables;
    s.insert(s.begin(), std::move(first));
    return model(s);
  };
  EXPECT_TRUE(Segmenter::from_bytes(with({"weights", params()})).ok());
  // Well-formed checksums over broken structure.
  EXPECT_EQ("segmentation model: no section 'counts'", why(model({{"weights", params()}})));
  EXPECT_EQ("segmentation model: no section 'weights'", why(model(empty_tables)));
  EXPECT_NE(std::string::npos,
            why(model({{"weights", params()}, {"weights", params()}})).find("a second section"));
  std::string short_params;
  put32(&short_params, 3);
  EXPECT_NE(
      std::string::npos,
      why(with({"weights", short_params})).find("section 'weights': 4 bytes; this dhad reads"));
  EXPECT_NE(
      std::string::npos,
      why(with({"weights", params(1 << 30)})).find("weight 0 is 1073741824, beyond +-100000"));
  std::string t = table({{"كتاب", 1}}, kSeedCounts);
  std::string wrong_order = t;
  wrong_order[24 + 4] = 9;  // a bucket offset past the entry count
  std::string too_many_buckets = t;
  too_many_buckets[0] = 40;
  std::string truncated = t.substr(0, t.size() - 1);
  std::string wide = model_writer::table({{"كتاب", 1}}, kSeedCounts, 2);
  for (const std::string& broken : {wrong_order, too_many_buckets, truncated, wide}) {
    std::vector<model_writer::Section> s = empty_tables;
    s[0].data = broken;
    s.insert(s.begin(), {"weights", params()});
    EXPECT_EQ(0u, why(model(s)).find("segmentation model: section 'counts': "));
  }
  // A section pointing outside the file.
  std::string m = good;
  set64(&m, Model::kHeaderSize + 16, 1ull << 40);
  refix(&m);
  EXPECT_NE(std::string::npos, why(m).find("section 0 'weights': bytes ["));
  // Other versions, another kind, the format before the container.
  m = good;
  m[12] = 2;
  EXPECT_EQ("segmentation model: 'SEGM' model version 2, this dhad reads 1", why(m));
  m = good;
  m[8] = 2;
  EXPECT_NE(std::string::npos, why(m).find("container format version 2"));
  EXPECT_EQ("segmentation model: a 'CORR' model, not a 'SEGM' model",
            why(model_writer::container("CORR", 1, {})));
  EXPECT_EQ("segmentation model: a 'SEG1' model, not a 'SEGM' model",
            why("DHADSEG1" + good.substr(8)));
}

// Random mutations with a repaired checksum: a clean error or a working
// segmenter, never a crash (ASan/UBSan build).
TEST(SegmentModel, MutatedFilesNeverCrash) {
  const std::string good = tiny_model(1);
  std::mt19937 rng(7);
  int loaded = 0;
  for (int iter = 0; iter < 3000; ++iter) {
    std::string m = good;
    const int flips = 1 + int(rng() % 4);
    // In the sections (the container's own checks have model_test.cc).
    const size_t sections = Model::kHeaderSize + 6 * Model::kEntrySize;
    for (int i = 0; i < flips; ++i) m[sections + rng() % (m.size() - sections)] = char(rng());
    refix(&m);
    Result<Segmenter> s = Segmenter::from_bytes(m);
    if (!s.ok()) {
      EXPECT_EQ(ErrorCode::kBadModel, s.error().code());
      continue;
    }
    ++loaded;
    for (const char* w : {"وكتاب", "كتاب", "وبالكتاب", "للسلطة", "عليه"}) {
      const std::vector<Segment> p = pieces_of(*s, w, true);
      std::string all;
      for (const Segment& x : p) all += std::string_view(w).substr(x.begin, x.end - x.begin);
      EXPECT_EQ(w, all);
    }
  }
  EXPECT_GT(loaded, 300);  // most flips land in fingerprints and values
}

TEST(SegmentModel, DefaultModelMatchesCommittedFile) {
  // What the library embeds (.incbin at build time) is the committed file, byte
  // for byte: a stale or wrongly pointed build would embed something else.
  std::ifstream f(DHAD_SOURCE_DIR "/data/segment/segment.model", std::ios::binary);
  ASSERT_TRUE(f) << "cannot read data/segment/segment.model";
  const std::string file{std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
  const std::string_view embedded = segment_internal::default_model_bytes();
  ASSERT_EQ(file.size(), embedded.size());
  const size_t same =
      size_t(std::mismatch(file.begin(), file.end(), embedded.begin()).first - file.begin());
  EXPECT_EQ(file.size(), same) << "the embedded model differs from the file first at byte " << same;
}

}  // namespace
}  // namespace dhad
