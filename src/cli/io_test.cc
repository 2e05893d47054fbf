#include "cli/io.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace dhad::cli {
namespace {

TEST(EndOfLastBlankLine, Examples) {
  EXPECT_EQ(end_of_last_blank_line(""), std::string_view::npos);
  EXPECT_EQ(end_of_last_blank_line("\n"), std::string_view::npos);
  EXPECT_EQ(end_of_last_blank_line("\n\n"), 2u);
  EXPECT_EQ(end_of_last_blank_line("a\n\r\nb\nc"), 4u);
  EXPECT_EQ(end_of_last_blank_line("a\n\nb\n\r\nc\n"), 7u);
  EXPECT_EQ(end_of_last_blank_line("a\nb\nc\n"), std::string_view::npos);
}

// The memrchr hops agree with the two rfind()s on any mix of line ends.
TEST(EndOfLastBlankLine, SameAsReference) {
  std::mt19937 rng(5);
  const char alphabet[] = {'\n', '\r', 'a', ' '};
  for (int round = 0; round < 20000; ++round) {
    std::string s(rng() % 24, 'a');
    for (char& c : s) c = alphabet[rng() % 4];
    ASSERT_EQ(end_of_last_blank_line(s), end_of_last_blank_line_reference(s)) << round;
  }
}

}  // namespace
}  // namespace dhad::cli
