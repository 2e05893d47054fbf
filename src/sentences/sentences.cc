#include "dhad/sentences.h"

#include <array>
#include <string_view>

#include "dhad/tokenize.h"
#include "dhad/utf8.h"

namespace dhad {
namespace {

bool is_terminal(char32_t c) {
  return c == '.' || c == '!' || c == '?' || c == 0x061F /* ؟ */ || c == 0x2026 /* … */ ||
         c == 0x061B /* ؛ */ || c == 0x06D4 /* ۔ */;
}

// Closing quotes and brackets that belong to the sentence they follow.
bool is_closer(char32_t c) {
  return c == ')' || c == ']' || c == '}' || c == '"' || c == '\'' || c == 0x00BB /* » */ ||
         c == 0x201D /* ” */ || c == 0x2019 /* ’ */ || c == 0x203A /* › */ || c == 0xFD3F /* ﴿ */;
}

// A period after these does not end a sentence. Latin ones are compared
// case-sensitively as written; Arabic ones are the single-letter titles
// د. (doctor), أ. and ا. (professor), ص. (page).
constexpr std::array<std::string_view, 17> kAbbreviations = {
    "Dr",  "Mr",  "Mrs", "Ms",  "Prof", "St", "Jr", "Sr", "vs",
    "etc", "Fig", "No",  "Vol", "pp",   "د",  "أ",  "ص"};

char32_t first_char(std::string_view s) { return s.empty() ? 0 : decode_utf8(s, 0).code_point; }

bool is_abbreviation(std::string_view word, TokenKind kind) {
  for (std::string_view a : kAbbreviations) {
    if (word == a) return true;
  }
  // A single Latin capital: an initial (J. R. Smith, U.S.).
  return kind == TokenKind::kLatin && word.size() == 1 && word[0] >= 'A' && word[0] <= 'Z';
}

bool has_blank_line(std::string_view gap) {
  int newlines = 0;
  for (size_t i = 0; i < gap.size(); ++i) {
    if (gap[i] == '\n' && ++newlines >= 2) return true;
  }
  return false;
}

}  // namespace

void SentenceSplitter::split(std::string_view text, std::vector<Sentence>* out,
                             uint64_t base) const {
  std::vector<Token> tokens;
  Tokenizer().tokenize(text, &tokens);
  auto token_text = [&](size_t i) {
    return text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
  };
  size_t start = 0;  // first token of the current sentence
  for (size_t i = 0; i < tokens.size(); ++i) {
    const bool last = i + 1 == tokens.size();
    bool boundary = last;
    if (!last && has_blank_line(text.substr(tokens[i].end, tokens[i + 1].begin - tokens[i].end))) {
      boundary = true;
    } else if (!last && tokens[i].kind == TokenKind::kPunct &&
               is_terminal(first_char(token_text(i)))) {
      const bool period = token_text(i) == ".";
      const bool attached_before = i > start && tokens[i - 1].end == tokens[i].begin;
      if (period && attached_before && is_abbreviation(token_text(i - 1), tokens[i - 1].kind)) {
        continue;
      }
      // Take in further stops and closing quotes or brackets that touch.
      size_t j = i;
      while (j + 1 < tokens.size() && tokens[j + 1].begin == tokens[j].end &&
             tokens[j + 1].kind == TokenKind::kPunct) {
        const char32_t c = first_char(token_text(j + 1));
        if (!is_terminal(c) && !is_closer(c)) break;
        ++j;
      }
      i = j;
      boundary = true;
      if (i + 1 < tokens.size()) {
        // "... e.g. the" / "etc. and": lower-case Latin goes on the sentence.
        const char32_t next = first_char(token_text(i + 1));
        if (period && next >= 'a' && next <= 'z') boundary = false;
      } else {
        boundary = true;
      }
    }
    if (boundary) {
      out->push_back({base + tokens[start].begin, base + tokens[i].end});
      start = i + 1;
    }
  }
}

}  // namespace dhad
