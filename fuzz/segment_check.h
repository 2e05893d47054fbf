// Shared by the segment and segment_model targets: the properties of the
// pieces of one word and of a segment_line() output that hold for any model,
// checked from the documentation of dhad/segment.h, decoding with
// dhad::decode_utf8 (checked by the utf8 target), not the segmenter's byte tests.
#ifndef DHAD_FUZZ_SEGMENT_CHECK_H_
#define DHAD_FUZZ_SEGMENT_CHECK_H_

#include <cinttypes>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "dhad/segment.h"
#include "dhad/utf8.h"
#include "fuzz_check.h"

namespace dhad_fuzz {

// Harakat (U+064B..0652), superscript alef and tatweel: they stay on the
// letter before them, so no piece starts with one.
inline bool is_arabic_mark(char32_t c) {
  return (c >= 0x064B && c <= 0x0652) || c == 0x0670 || c == 0x0640;
}

// Arabic letters and marks: a word with any other character (or invalid
// UTF-8) is one piece. A superset of what the segmenter splits (it leaves
// U+063B..063F whole too), so it is only used as "split implies all of these".
inline bool is_arabic_word_char(char32_t c) {
  return (c >= 0x0621 && c <= 0x0652) || c == 0x0670 || c == 0x0671;
}

// The letters of a piece: its text without harakat and tatweel.
inline std::string letters_of(std::string_view piece) {
  std::string out;
  for (size_t pos = 0; pos < piece.size();) {
    const dhad::Utf8Char c = dhad::decode_utf8(piece, pos);
    if (!c.valid || !is_arabic_mark(c.code_point)) out.append(piece.substr(pos, c.length));
    pos += c.length;
  }
  return out;
}

inline int role_rank(dhad::SegmentRole role) {
  switch (role) {
    case dhad::SegmentRole::kProclitic:
      return 0;
    case dhad::SegmentRole::kArticle:
      return 1;
    case dhad::SegmentRole::kStem:
      return 2;
    case dhad::SegmentRole::kEnclitic:
      return 3;
  }
  return -1;
}

// The pieces cover [0, size) in order, without gaps or empty pieces.
inline void check_cover(size_t size, const std::vector<dhad::Segment>& pieces) {
  if (size == 0) {
    FUZZ_CHECK(pieces.empty(), "%zu pieces for nothing", pieces.size());
    return;
  }
  FUZZ_CHECK(!pieces.empty(), "no pieces for %zu bytes", size);
  FUZZ_CHECK(pieces.front().begin == 0, "the first piece begins at %" PRIu64, pieces.front().begin);
  FUZZ_CHECK(pieces.back().end == size, "the last piece ends at %" PRIu64 " of %zu",
             pieces.back().end, size);
  for (size_t i = 0; i < pieces.size(); ++i) {
    const dhad::Segment& p = pieces[i];
    FUZZ_CHECK(p.begin < p.end, "piece %zu [%" PRIu64 ", %" PRIu64 ") is empty or reversed", i,
               p.begin, p.end);
    FUZZ_CHECK(i == 0 || p.begin == pieces[i - 1].end,
               "piece %zu begins at %" PRIu64 ", not at %" PRIu64, i, p.begin, pieces[i - 1].end);
  }
}

// The pieces of `word` (segment() with split_article as given) cover it in
// order, without gaps or empty pieces; exactly one is the stem; the roles come
// proclitics (at most `max_proclitics`, one letter each), article (only with
// split_article: ال, or the ل after a proclitic ل), stem, enclitic (at most
// one). A word is only split if it is all Arabic letters and marks, and every
// piece starts at a letter.
inline void check_pieces(std::string_view word, const std::vector<dhad::Segment>& pieces,
                         bool split_article, int max_proclitics) {
  check_cover(word.size(), pieces);
  if (word.empty()) return;
  int counts[4] = {};
  int prev_rank = -1;
  for (size_t i = 0; i < pieces.size(); ++i) {
    const dhad::Segment& p = pieces[i];
    const int rank = role_rank(p.role);
    FUZZ_CHECK(rank >= 0, "piece %zu has role %d", i, int(p.role));
    FUZZ_CHECK(rank >= prev_rank && (rank != prev_rank || rank == 0),
               "piece %zu (%s) comes after a piece of rank %d", i,
               std::string(dhad::segment_role_name(p.role)).c_str(), prev_rank);
    prev_rank = rank;
    ++counts[rank];
  }
  FUZZ_CHECK(counts[2] == 1, "%d stems", counts[2]);
  FUZZ_CHECK(counts[0] <= max_proclitics, "%d proclitics", counts[0]);
  FUZZ_CHECK(split_article || counts[1] == 0, "an article piece without split_article");
  if (pieces.size() == 1) return;

  for (size_t pos = 0; pos < word.size();) {
    const dhad::Utf8Char c = dhad::decode_utf8(word, pos);
    FUZZ_CHECK(c.valid && is_arabic_word_char(c.code_point),
               "a word with U+%04X (valid=%d) at byte %zu is split", unsigned(c.code_point),
               c.valid, pos);
    pos += c.length;
  }
  for (size_t i = 0; i < pieces.size(); ++i) {
    const dhad::Segment& p = pieces[i];
    const std::string_view text = word.substr(p.begin, p.end - p.begin);
    const dhad::Utf8Char first = dhad::decode_utf8(text, 0);
    FUZZ_CHECK(!is_arabic_mark(first.code_point), "piece %zu starts with mark U+%04X", i,
               unsigned(first.code_point));
    const std::string letters = letters_of(text);
    if (p.role == dhad::SegmentRole::kProclitic) {
      FUZZ_CHECK(letters.size() == first.length, "proclitic %zu is more than one letter", i);
    } else if (p.role == dhad::SegmentRole::kArticle) {
      const bool after_li = i > 0 && pieces[i - 1].role == dhad::SegmentRole::kProclitic &&
                            letters_of(word.substr(pieces[i - 1].begin,
                                                   pieces[i - 1].end - pieces[i - 1].begin)) == "ل";
      FUZZ_CHECK(letters == "ال" || (letters == "ل" && after_li), "article piece %zu is %s", i,
                 letters.c_str());
    }
  }
}

// What split_article changes: the article piece, merged into the stem after
// it, gives the pieces without split_article.
inline void check_article_merge(const std::vector<dhad::Segment>& whole,
                                const std::vector<dhad::Segment>& split) {
  std::vector<dhad::Segment> merged;
  for (size_t i = 0; i < split.size(); ++i) {
    if (split[i].role == dhad::SegmentRole::kArticle && i + 1 < split.size()) {
      merged.push_back({split[i].begin, split[i + 1].end, split[i + 1].role});
      ++i;
    } else {
      merged.push_back(split[i]);
    }
  }
  FUZZ_CHECK(merged == whole, "with split_article: %zu pieces, %zu merged, %zu without",
             split.size(), merged.size(), whole.size());
}

// segment_line() only inserts the '+' markers and the spaces between tokens:
// taking them out of `got` leaves the line without its White_Space. Its own
// characters match first, and a token's text has no space, so a '+' or ' ' that
// does not match the next byte of the line is a marker. No newline comes out.
inline void check_line_markers(std::string_view line, std::string_view got) {
  FUZZ_CHECK(got.find('\n') == std::string_view::npos, "a newline in the output");
  size_t o = 0;
  for (size_t pos = 0; pos < line.size();) {
    const dhad::Utf8Char c = dhad::decode_utf8(line, pos);
    if (!(c.valid && is_white_space(c.code_point))) {
      for (size_t k = pos; k < pos + c.length; ++k) {
        while (o < got.size() && got[o] != line[k] && (got[o] == '+' || got[o] == ' ')) ++o;
        FUZZ_CHECK(o < got.size() && got[o] == line[k],
                   "byte %zu of the line (0x%02X) is not at %zu of the output", k,
                   unsigned(uint8_t(line[k])), o);
        ++o;
      }
    }
    pos += c.length;
  }
  FUZZ_CHECK(o == got.size(), "%zu bytes of output after the last token", got.size() - o);
}

}  // namespace dhad_fuzz

#endif  // DHAD_FUZZ_SEGMENT_CHECK_H_
