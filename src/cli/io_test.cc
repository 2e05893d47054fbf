#include "cli/io.h"

#include <gtest/gtest.h>

#include <cstdio>
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

// Blocks of long lines cut inside a token (kForced) carry the bytes around
// the cut, so that a command can tell a piece of a word from a word: `after`
// must be the next kContext bytes of input (fewer only at its end) and
// `before` the last ones of the previous block, however the reads fell. With
// max_piece one byte short of two reads, a cut used to come with one byte of
// `after`, and `correct` took مشرو| for a word and fixed it.
TEST(InputFile, ForcedCutsCarryTheirContext) {
  std::mt19937 rng(5);
  const std::string path = ::testing::TempDir() + "/dhad_io_test_input.txt";
  for (int round = 0; round < 12; ++round) {
    std::string text;
    const size_t size = 300000 + rng() % 200000;
    // Lines far longer than max_piece, with tokens longer than it too.
    while (text.size() < size) {
      const unsigned r = rng() % 100000;
      text += r == 0 ? "\n" : r < (round % 2 ? 1u : 20u) ? " " : "\xD8\xB9";
    }
    {
      std::FILE* f = std::fopen(path.c_str(), "wb");
      ASSERT_NE(f, nullptr);
      std::fwrite(text.data(), 1, text.size(), f);
      std::fclose(f);
    }
    BlockPolicy policy;
    policy.target = size_t{1} << 16;
    policy.max_piece = (size_t{2} << 16) - 1 - rng() % 3;  // reads of 64 KB end just past it
    policy.whole_lines = round % 2 == 0;
    Result<InputFile> in = InputFile::open(path);
    ASSERT_TRUE(in.ok());
    Block block;
    std::string joined, last_tail;
    Edge last_end = Edge::kLineEnd;
    int forced = 0;
    while (true) {
      Result<bool> more = in->next_block(&block, policy);
      ASSERT_TRUE(more.ok());
      if (!*more) break;
      const std::string_view data(block.data);
      ASSERT_EQ(block.offset, joined.size());
      ASSERT_EQ(block.begin, last_end);
      if (block.begin == Edge::kForced) {
        EXPECT_EQ(block.before, last_tail) << round;
      }
      joined += data;
      if (block.end == Edge::kForced) {
        ++forced;
        EXPECT_EQ(block.after, text.substr(joined.size(), Block::kContext))
            << "round " << round << ", cut at " << joined.size();
      }
      last_end = block.end;
      last_tail = joined.substr(joined.size() - std::min(joined.size(), Block::kContext));
    }
    ASSERT_EQ(joined, text);
    EXPECT_GT(forced, 0) << round;  // else this round tested nothing
  }
  std::remove(path.c_str());
}

}  // namespace
}  // namespace dhad::cli
