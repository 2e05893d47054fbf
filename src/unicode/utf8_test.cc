#include "dhad/utf8.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "common/simd.h"
#include "unicode/utf8_internal.h"

namespace dhad {
namespace {

// The classic malformed cases (Markus Kuhn's stress test, Unicode §3.9 Table
// 3-8): where the first invalid byte is, and how many U+FFFD replace does.
struct InvalidCase {
  const char* name;
  std::string bytes;
  size_t first_invalid;
  size_t replacements;
};

TEST(Utf8, ClassicMalformedCases) {
  const InvalidCase cases[] = {
      {"valid ascii", "abc", 3, 0},
      {"valid arabic", "\xD8\xB6\xD8\xA7\xD8\xAF", 6, 0},
      {"valid 4-byte", "\xF0\x9F\x98\x80", 4, 0},
      {"max code point", "\xF4\x8F\xBF\xBF", 4, 0},
      {"stray continuation", "a\x80z", 1, 1},
      {"two stray continuations", "\x80\xBF", 0, 2},
      {"lead C0 (overlong)", "\xC0\xAF", 0, 2},
      {"lead C1 (overlong)", "\xC1\xBF", 0, 2},
      {"overlong 3-byte slash", "\xE0\x80\xAF", 0, 3},
      {"overlong 4-byte", "\xF0\x80\x80\xAF", 0, 4},
      {"surrogate D800", "\xED\xA0\x80", 0, 3},
      {"surrogate DFFF", "\xED\xBF\xBF", 0, 3},
      {"above U+10FFFF", "\xF4\x90\x80\x80", 0, 4},
      {"lead F5", "\xF5\x80\x80\x80", 0, 4},
      {"lead FF", "x\xFF", 1, 1},
      {"truncated 2-byte at end", "ab\xD8", 2, 1},
      {"truncated 3-byte at end", "\xE2\x80", 0, 1},
      {"truncated 4-byte at end", "\xF0\x9F\x98", 0, 1},
      {"truncated 3-byte then ascii", "\xE2\x80z", 0, 1},
      {"truncated 4-byte then ascii", "\xF0\x9F\x98z", 0, 1},
      {"2-byte lead then lead", "\xD8\xD8\xB6", 0, 1},
      {"invalid after 16 ascii", std::string(16, 'a') + "\xFF", 16, 1},
      {"invalid after 40 ascii", std::string(40, 'a') + "\xC3", 40, 1},
  };
  for (const InvalidCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(c.first_invalid, find_invalid_utf8(c.bytes));
    EXPECT_EQ(c.first_invalid, utf8_internal::find_invalid_utf8_reference(c.bytes));
    std::string out;
    EXPECT_EQ(c.replacements, append_replacing_invalid_utf8(c.bytes, &out));
    EXPECT_TRUE(is_valid_utf8(out));
  }
}

TEST(Utf8, ReplaceKeepsValidBytesAndMarksEachMaximalSubpart) {
  std::string out;
  EXPECT_EQ(1u, append_replacing_invalid_utf8("abc\xFF"
                                              "def",
                                              &out));
  EXPECT_EQ(
      "abc\xEF\xBF\xBD"
      "def",
      out);
  out.clear();
  // F0 9F 98 is one maximal subpart (a truncated emoji): one U+FFFD.
  EXPECT_EQ(1u, append_replacing_invalid_utf8("\xF0\x9F\x98 ", &out));
  EXPECT_EQ("\xEF\xBF\xBD ", out);
}

TEST(Utf8, DecodeGivesCodePointsAndLengths) {
  const std::string s = "a\xD8\xB6\xE2\x80\x8C\xF0\x9F\x98\x80";
  const char32_t want_cp[] = {'a', 0x0636, 0x200C, 0x1F600};
  const uint32_t want_len[] = {1, 2, 3, 4};
  size_t pos = 0;
  for (int i = 0; i < 4; ++i) {
    const Utf8Char c = decode_utf8(s, pos);
    EXPECT_TRUE(c.valid);
    EXPECT_EQ(uint32_t(want_cp[i]), uint32_t(c.code_point));
    EXPECT_EQ(want_len[i], c.length);
    pos += c.length;
  }
}

TEST(Utf8, AppendUtf8RoundTripsEveryScalarValue) {
  for (char32_t cp = 0; cp < 0x110000; cp += (cp < 0x10000 ? 1 : 97)) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    std::string s;
    append_utf8(cp, &s);
    const Utf8Char c = decode_utf8(s, 0);
    ASSERT_TRUE(c.valid) << std::hex << uint32_t(cp);
    ASSERT_EQ(uint32_t(cp), uint32_t(c.code_point));
    ASSERT_EQ(s.size(), c.length);
  }
}

TEST(Utf8, BoundaryNeverCutsACharacter) {
  const std::string s = "ab\xD8\xB6\xF0\x9F\x98\x80z";
  const size_t want[] = {0, 1, 2, 2, 4, 4, 4, 4, 8, 9};
  for (size_t pos = 0; pos <= s.size(); ++pos) {
    EXPECT_EQ(want[pos], utf8_boundary_before(s, pos)) << pos;
  }
}

TEST(Utf8, FastPathAgreesWithReferenceOnRandomBytes) {
  std::mt19937 rng(12345);
  // Bytes drawn mostly from the interesting ranges: ASCII, Arabic lead bytes,
  // continuations, and the edges of Table 3-7.
  const uint8_t pool[] = {'a',  ' ',  '\n', 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0,
                          0xBF, 0xC0, 0xC1, 0xC2, 0xD8, 0xD9, 0xDF, 0xE0, 0xE2,
                          0xED, 0xEF, 0xF0, 0xF3, 0xF4, 0xF5, 0xFF};
  for (int round = 0; round < 20000; ++round) {
    std::string s(rng() % 40, '\0');
    for (char& c : s) c = char(pool[rng() % sizeof pool]);
    ASSERT_EQ(utf8_internal::find_invalid_utf8_reference(s), find_invalid_utf8(s));
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    ASSERT_EQ(simd::ascii_prefix_length_reference(p, s.size()),
              simd::ascii_prefix_length(p, s.size()));
  }
}

// Long inputs reach the 32-byte kernel: mostly valid Arabic/ASCII text with
// rare bad bytes and three/four-byte characters placed at every chunk offset.
TEST(Utf8, VectorKernelAgreesWithReference) {
  std::mt19937 rng(777);
  const char* pieces[] = {"ا",
                          "ب",
                          "ة",
                          " ",
                          "a",
                          "\n",
                          "ÿ",
                          "…",
                          "😀",
                          "\xD8",
                          "\xA7",
                          "\xE2\x80",
                          "\xF0\x9F\x98",
                          "\xC0",
                          "\xED\xA0\x80",
                          "\xFF"};
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const int len = 10 + int(rng() % 200);
    // Bad or long characters are rare, so that many chunks are clean.
    for (int k = 0; k < len; ++k) {
      const unsigned r = rng() % 1000;
      s += pieces[r < 990 ? r % 6 : 6 + r % 10];
    }
    ASSERT_EQ(utf8_internal::find_invalid_utf8_reference(s), find_invalid_utf8(s)) << s;
  }
}

TEST(Utf8, ParsesPolicies) {
  EXPECT_EQ(InvalidUtf8::kReplace, *parse_invalid_utf8("replace"));
  EXPECT_EQ(InvalidUtf8::kStrict, *parse_invalid_utf8("strict"));
  EXPECT_EQ(InvalidUtf8::kKeep, *parse_invalid_utf8("keep"));
  EXPECT_FALSE(parse_invalid_utf8("ignore").ok());
}

}  // namespace
}  // namespace dhad
