// The segmenter's model: the sections of its model file and lookups in
// them. Internal.
//
// The file is a dhad model container (dhad/model.h) of kind "SEGM", version 1,
// written by tools/segment/build_model.py, with the sections
//   weights    u32 kParamCount, then kParamCount i32 weights in the order of
//              Param below (PARAM_NAMES in build_model.py), each within
//              +-kMaxWeight
//   counts     table (src/model/model.h, 1-byte values): folded word ->
//              round(16 ln(count + alpha))
//   lexicon    table: word -> hunspell-ar bits (kLex*)
//   decisions  table: word -> cached decision (make_decision)
//   overrides  table: word -> fixed decision (function words)
//   about      optional: what the model is, as text
// and any others, which are ignored. Every offset and size is checked when
// the model is opened; lookups after that need no checks.
#ifndef DHAD_SEGMENT_SEGMENT_MODEL_H_
#define DHAD_SEGMENT_SEGMENT_MODEL_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dhad/model.h"
#include "dhad/result.h"
#include "dhad/segment.h"
#include "dhad/tokenize.h"
#include "model/model.h"

namespace dhad {
namespace segment_internal {

/// Weights, in the order of PARAM_NAMES in build_model.py.
enum Param : int {
  kAlpha,  // round(16 * ln(alpha)): the log count of a word the model has not seen
  kLexicon,
  kClosed,
  kHost,
  kShort,
  kVerbPrep,
  kUnknownWa,
  kUnknownAl,
  kProcliticWa,
  kProcliticFa,
  kProcliticBi,
  kProcliticKa,
  kProcliticLi,
  kProcliticSa,
  kEnclitic3rd,
  kEnclitic2nd,
  kEnclitic2ndRare,
  kEnclitic1st,
  kEncliticNa,
  kParamCount,
};

/// Bits of a LEXICON value (hunspell_ar.expand).
inline constexpr int kLexBase = 1, kLexArticle = 2, kLexVerb = 4, kLexImperfect = 8,
                     kLexClosed = 16, kLexNoun = 32;

/// A DECISIONS/OVERRIDES value: proclitic letters (bits 0-1), enclitic letters
/// (bits 2-3), and whether the stem starts with the article (bit 4).
inline constexpr int kDecisionProclitics(uint8_t d) { return d & 3; }
inline constexpr int kDecisionEnclitic(uint8_t d) { return (d >> 2) & 3; }
inline constexpr bool kDecisionArticle(uint8_t d) { return (d >> 4) & 1; }
inline constexpr uint8_t make_decision(int proclitics, int enclitic, bool article) {
  return uint8_t(proclitics | (enclitic << 2) | (article ? 16 : 0));
}

/// The model kind and layout version this segmenter reads.
inline constexpr std::string_view kModelKind = "SEGM";
inline constexpr uint32_t kModelVersion = 1;
/// Bounds keep every sum of weights far from int overflow.
inline constexpr int32_t kMaxWeight = 100000;

/// A table of the model: word -> one byte.
struct Table {
  model_internal::HashTable table;

  /// The value stored for the key, or -1 (values are 1 byte wide: 0 to 255).
  int find(const uint8_t* key, size_t n) const { return int(table.find(key, n)); }
};

}  // namespace segment_internal

struct Segmenter::Model {
  std::string owned;  // the bytes, for from_bytes (a copy): `file` views them
  dhad::Model file;   // the mapped file, the embedded bytes or `owned`
  int32_t params[segment_internal::kParamCount] = {};
  segment_internal::Table counts;     // folded word -> round(16 ln(count + alpha))
  segment_internal::Table lexicon;    // word -> hunspell-ar bits
  segment_internal::Table decisions;  // word -> cached decision
  segment_internal::Table overrides;  // word -> fixed decision (function words)
  std::string_view about;
};

namespace segment_internal {
/// Checks the sections of model->file and fills the weights and tables of
/// `model` (views into the file). Anything missing or inconsistent gives
/// kBadModel naming the section.
Status parse_model(Segmenter::Model* model);
/// The embedded default model (dhad::embedded::segment_model()).
std::string_view default_model_bytes();
/// That model, checked once per process when first asked for, and shared:
/// by every Segmenter::open_default() and by the corrector, which reads its
/// lexicon (hunspell-ar's forms).
const Result<std::shared_ptr<const Segmenter::Model>>& default_model();

/// Whether Segmenter::segment_token(line, tokens, t, ...) joins tokens[t] to
/// the next token (what it returns; the first piece is then a proclitic).
/// This is all its pieces take from beyond the token: the token's bytes and
/// kind decide the rest, which is what lets the Pipeline memoize them.
/// tokens[t] must lie inside line. Inline: the Pipeline asks it of every
/// token.
inline bool joins_next(std::string_view line, std::span<const Token> tokens, size_t t) {
  // A proclitic standing against the next token (و2006) is part of it.
  const Token& tok = tokens[t];
  if (tok.kind != TokenKind::kArabic || tok.end - tok.begin != 2 || t + 1 == tokens.size() ||
      tokens[t + 1].begin != tok.end) {
    return false;
  }
  const std::string_view letter = line.substr(tok.begin, 2);
  const TokenKind next = tokens[t + 1].kind;
  return (letter == "و" || letter == "ف" || letter == "ب" || letter == "ك" || letter == "ل") &&
         (next == TokenKind::kNumber || next == TokenKind::kArabic || next == TokenKind::kLatin);
}

struct Access {
  static void segment_reference(const Segmenter& s, std::string_view word,
                                const SegmentOptions& options, std::vector<Segment>* out) {
    s.segment_reference(word, options, out);
  }
};

/// The same pieces as s.segment(), always computed by scoring the candidates,
/// never from the model's cache of decisions: the slow reference segment() is
/// checked against.
inline void segment_reference(const Segmenter& s, std::string_view word,
                              const SegmentOptions& options, std::vector<Segment>* out) {
  Access::segment_reference(s, word, options, out);
}
}  // namespace segment_internal

}  // namespace dhad

#endif  // DHAD_SEGMENT_SEGMENT_MODEL_H_
