// Fuzzes dhad/sentences.h: sentences are non-empty, in order, do not overlap,
// lie within the text on character boundaries, neither begin nor end with
// White_Space, and leave out nothing but White_Space; a base offset shifts
// every sentence by the same amount.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "dhad/sentences.h"
#include "dhad/utf8.h"
#include "fuzz_check.h"

namespace {

struct Unit {
  size_t end;
  bool space;  // a valid White_Space character
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static const dhad::SentenceSplitter splitter;

  // units[pos] describes the character that starts at byte pos (sequential
  // decode); ends[pos] is set when a character ends at pos.
  std::vector<Unit> units(size + 1, Unit{0, false});
  std::vector<bool> starts(size + 1, false), ends(size + 1, false);
  std::vector<size_t> start_of_ending(size + 1, 0);  // start of the character ending at pos
  starts[size] = true;
  ends[0] = true;
  for (size_t pos = 0; pos < size;) {
    const dhad::Utf8Char c = dhad::decode_utf8(text, pos);
    units[pos] = {pos + c.length, c.valid && dhad_fuzz::is_white_space(c.code_point)};
    starts[pos] = true;
    ends[pos + c.length] = true;
    start_of_ending[pos + c.length] = pos;
    pos += c.length;
  }

  std::vector<dhad::Sentence> sentences;
  splitter.split(text, &sentences);
  auto check_gap = [&](size_t begin, size_t end) {
    for (size_t pos = begin; pos < end; pos = units[pos].end) {
      FUZZ_CHECK(units[pos].space, "byte %zu in no sentence is not White_Space (gap [%zu, %zu))",
                 pos, begin, end);
    }
  };
  size_t prev_end = 0;
  for (size_t i = 0; i < sentences.size(); ++i) {
    const size_t b = sentences[i].begin, e = sentences[i].end;
    FUZZ_CHECK(b < e, "sentence %zu [%zu, %zu) is empty or reversed", i, b, e);
    FUZZ_CHECK(b >= prev_end, "sentence %zu begins at %zu before the previous end %zu", i, b,
               prev_end);
    FUZZ_CHECK(e <= size, "sentence %zu ends at %zu past %zu", i, e, size);
    FUZZ_CHECK(starts[b] && ends[e], "sentence %zu [%zu, %zu) cuts a character", i, b, e);
    FUZZ_CHECK(!units[b].space, "sentence %zu [%zu, %zu) begins with White_Space", i, b, e);
    FUZZ_CHECK(!units[start_of_ending[e]].space, "sentence %zu [%zu, %zu) ends with White_Space", i,
               b, e);
    check_gap(prev_end, b);
    prev_end = e;
  }
  check_gap(prev_end, size);

  constexpr uint64_t kBase = (uint64_t{1} << 32) + 777;
  const dhad::Sentence sentinel{1, 2};
  std::vector<dhad::Sentence> shifted = {sentinel};
  splitter.split(text, &shifted, kBase);
  FUZZ_CHECK(shifted.size() == sentences.size() + 1 && shifted[0] == sentinel,
             "with a base: %zu sentences, want %zu", shifted.size() - 1, sentences.size());
  for (size_t i = 0; i < sentences.size(); ++i) {
    const dhad::Sentence want{sentences[i].begin + kBase, sentences[i].end + kBase};
    FUZZ_CHECK(shifted[i + 1] == want, "sentence %zu differs with a base offset", i);
  }
  return 0;
}
