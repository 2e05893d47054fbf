#include "cli/record_writer.h"

#include <gtest/gtest.h>

#include <charconv>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace dhad::cli {
namespace {

// write_decimal against std::to_chars: every value below 2 * 10^6, each
// power of ten and its neighbours, and random values of every width.
TEST(RecordWriterDecimal, AgreesWithToChars) {
  auto expect_decimal = [](uint64_t v) {
    char want[24], got[24];
    const char* want_end = std::to_chars(want, want + sizeof want, v).ptr;
    const char* got_end = write_decimal(v, got);
    ASSERT_EQ(std::string_view(want, size_t(want_end - want)),
              std::string_view(got, size_t(got_end - got)))
        << v;
  };
  for (uint64_t v = 0; v < 2000000; ++v) expect_decimal(v);
  for (uint64_t p = 1; p <= 1000000000000000000; p *= 10) {
    for (uint64_t v : {p - 1, p, p + 1, 2 * p - 1, 9 * p, 10 * p - 1}) expect_decimal(v);
  }
  expect_decimal(UINT64_MAX);
  std::mt19937_64 rng(3);
  for (int i = 0; i < 200000; ++i) expect_decimal(rng() >> (rng() % 64));
}

// One analyze record's fields: what RecordWriter::analysis() takes.
struct Fields {
  TokenKind kind = TokenKind::kArabic;
  std::string token;
  uint64_t base = 0;
  std::string norm;
  bool norm_is_text = false;
  std::vector<Segment> segments;
  std::string stem;
  std::string root;
};

// The records of `cases` written with analysis() (fast) or analysis_reference().
std::string write(const std::vector<Fields>& cases, Format format, bool valid, bool fast) {
  BlockResult result;
  PipelineOptions options;
  options.invalid_utf8 = InvalidUtf8::kReplace;
  const Result<Pipeline> pipeline = Pipeline::create(options);
  {
    RecordWriter w(format, *pipeline, valid, &result);
    for (const Fields& f : cases) {
      w.token(f.kind, f.token, f.base, f.base + f.token.size());
      if (fast) {
        w.analysis(f.token, f.base, f.norm, f.norm_is_text, f.segments, f.stem, f.root);
      } else {
        w.analysis_reference(f.token, f.base, f.norm, f.norm_is_text, f.segments, f.stem, f.root);
      }
      w.end();
    }
  }
  return result.out;
}

void expect_same(const std::vector<Fields>& cases) {
  for (Format format : {Format::kJsonl, Format::kTsv}) {
    for (bool valid : {true, false}) {
      ASSERT_EQ(write(cases, format, valid, false), write(cases, format, valid, true))
          << "format " << int(format) << " valid " << valid;
    }
  }
}

TEST(RecordWriterAnalysis, Table) {
  const std::string word = "والكتاب";  // و (2 bytes) + ال (4) + كتاب (8)
  std::vector<Fields> cases = {
      {TokenKind::kArabic, word, 0, word, true, {{0, 14, SegmentRole::kStem}}, "كتاب", "كتب"},
      {TokenKind::kArabic,
       word,
       123456789012,
       "والكتاب",
       false,
       {{0, 2, SegmentRole::kProclitic},
        {2, 6, SegmentRole::kArticle},
        {6, 14, SegmentRole::kStem}},
       word,
       word},
      {TokenKind::kPunct, "\"", 99999999, "\"", true, {{0, 1, SegmentRole::kStem}}, "\"", "\""},
      {TokenKind::kOther, "a\\b\tc", 7, "a\\b\tc!", false, {{0, 5, SegmentRole::kStem}}, "\n", ""},
      {TokenKind::kNumber,
       "50%",
       100000000,
       "50%",
       true,
       {{0, 2, SegmentRole::kStem}, {2, 3, SegmentRole::kStem}},
       "50%",
       "50%"},
      {TokenKind::kArabic, "و", 5, "و", true, {{0, 2, SegmentRole::kProclitic}}, "و", "و"},
      // No segments; an empty stem; a role beyond the known ones; a piece
      // that is not inside the token: the general writers' answers.
      {TokenKind::kLatin, "x", 1, "x", true, {}, "", "x"},
      {TokenKind::kLatin, "xy", 1, "xy", true, {{0, 2, SegmentRole(9)}}, "xy", "xy"},
      {TokenKind::kLatin, "xy", 1, "xy", true, {{1, 1, SegmentRole::kStem}}, "xy", "xy"},
      {TokenKind::kLatin, "xy", 1, "xy", true, {{0, 2, SegmentRole::kStem}}, "xy\x01", "x\x1f"},
      // A token past kMaxFastToken bytes.
      {TokenKind::kArabic,
       std::string(5000, 'a'),
       3,
       std::string(5000, 'a'),
       true,
       {{0, 5000, SegmentRole::kStem}},
       "a",
       std::string(4999, '"')},
  };
  expect_same(cases);
}

// Random tokens, pieces and values, among them the token itself (the copy
// of its JSON) and bytes JSON must escape.
TEST(RecordWriterAnalysis, RandomAgreesWithReference) {
  std::mt19937_64 rng(17);
  const char* parts[] = {"ب", "ا", "ل", "a", "\"", "\\", "\n", "\x01", "😀", "ـ", " ", "7"};
  auto random_text = [&](size_t max_parts) {
    std::string s;
    for (size_t k = rng() % (max_parts + 1); k > 0; --k) s += parts[rng() % std::size(parts)];
    return s;
  };
  for (int round = 0; round < 200; ++round) {
    std::vector<Fields> cases;
    for (int r = 0; r < 50; ++r) {
      Fields f;
      f.kind = TokenKind(rng() % (size_t(TokenKind::kOther) + 1));
      f.token = random_text(8);
      if (f.token.empty()) f.token = "x";
      f.base = rng() % 4 == 0 ? rng() % (uint64_t{1} << 40) : rng() % 200000000;
      f.norm_is_text = rng() % 2;
      f.norm = f.norm_is_text ? f.token : random_text(6);
      // Cuts at byte positions (not always character boundaries: the writer
      // takes the pieces it is given).
      size_t at = 0;
      while (at < f.token.size()) {
        const size_t end = rng() % 3 == 0 ? f.token.size() : at + 1 + rng() % (f.token.size() - at);
        f.segments.push_back({at, end, SegmentRole(rng() % 4)});
        at = end;
      }
      f.stem = rng() % 3 == 0 ? f.token : random_text(6);
      f.root = rng() % 3 == 0 ? f.token : random_text(4);
      cases.push_back(f);
    }
    expect_same(cases);
    if (HasFatalFailure()) return;
  }
}

}  // namespace
}  // namespace dhad::cli
