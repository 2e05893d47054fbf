// Fuzzes dhad/tokenize.h for losslessness: tokens are non-empty, in order, do
// not overlap, and everything between them is White_Space (checked against a
// hand-written list, not the tokenizer's table); a base offset shifts every
// token by the same amount; tokenize() appends; its bulk path gives the tokens
// of the token-by-token loop.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "dhad/tokenize.h"
#include "dhad/utf8.h"
#include "fuzz_check.h"
#include "tokenize/arabic_run.h"
#include "unicode/char_class.h"

namespace {

// Every character of text[begin, end) is valid and White_Space.
void check_gap(std::string_view text, size_t begin, size_t end) {
  for (size_t pos = begin; pos < end;) {
    const dhad::Utf8Char c = dhad::decode_utf8(text, pos);
    FUZZ_CHECK(c.valid && dhad_fuzz::is_white_space(c.code_point),
               "byte %zu (U+%04X, valid=%d) between tokens [%zu, %zu) is not White_Space", pos,
               unsigned(c.code_point), c.valid, begin, end);
    FUZZ_CHECK(pos + c.length <= end, "a character at %zu straddles the token at %zu", pos, end);
    pos += c.length;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static const dhad::Tokenizer tokenizer;

  // The tokenizer's White_Space table agrees with the list, character by character.
  for (size_t pos = 0; pos < size;) {
    const dhad::Utf8Char c = dhad::decode_utf8(text, pos);
    if (c.valid) {
      const bool table = dhad::char_class(c.code_point) == dhad::CharClass::kSpace;
      FUZZ_CHECK(table == dhad_fuzz::is_white_space(c.code_point),
                 "char_class(U+%04X) says space=%d", unsigned(c.code_point), table);
    }
    pos += c.length;
  }

  std::vector<dhad::Token> tokens;
  tokenizer.tokenize(text, &tokens);
  size_t prev_end = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const dhad::Token& t = tokens[i];
    FUZZ_CHECK(t.begin < t.end, "token %zu [%llu, %llu) is empty or reversed", i,
               (unsigned long long)t.begin, (unsigned long long)t.end);
    FUZZ_CHECK(t.begin >= prev_end, "token %zu begins at %llu before the previous end %zu", i,
               (unsigned long long)t.begin, prev_end);
    FUZZ_CHECK(t.end <= size, "token %zu ends at %llu past %zu", i, (unsigned long long)t.end,
               size);
    FUZZ_CHECK(t.kind <= dhad::TokenKind::kOther, "token %zu has kind %d", i, int(t.kind));
    check_gap(text, prev_end, t.begin);
    prev_end = t.end;
  }
  check_gap(text, prev_end, size);

  // The bulk path (bit masks over 64 bytes) gives the token-by-token loop's tokens.
  std::vector<dhad::Token> reference;
  dhad::tokenize_internal::tokenize_reference(text, &reference);
  FUZZ_CHECK(reference.size() == tokens.size(), "%zu tokens, the token-by-token loop %zu",
             tokens.size(), reference.size());
  for (size_t i = 0; i < tokens.size(); ++i) {
    FUZZ_CHECK(tokens[i] == reference[i], "token %zu differs from the token-by-token loop's", i);
  }

  // A base offset (beyond 32 bits) shifts everything; earlier tokens are kept.
  constexpr uint64_t kBase = (uint64_t{1} << 32) + 12345;
  const dhad::Token sentinel{3, 5, dhad::TokenKind::kPunct};
  std::vector<dhad::Token> shifted = {sentinel};
  tokenizer.tokenize(text, &shifted, kBase);
  FUZZ_CHECK(shifted.size() == tokens.size() + 1 && shifted[0] == sentinel,
             "with a base: %zu tokens, want %zu", shifted.size() - 1, tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) {
    const dhad::Token want{tokens[i].begin + kBase, tokens[i].end + kBase, tokens[i].kind};
    FUZZ_CHECK(shifted[i + 1] == want, "token %zu differs with a base offset", i);
  }
  return 0;
}
