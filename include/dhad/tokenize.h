// dhad/tokenize.h — lossless tokenization into spans over the input bytes.
//
// A Token is {begin, end, kind}: byte offsets into the text given to
// tokenize(), end exclusive. Tokens never overlap and come in order; the bytes
// between them are whitespace only (White_Space characters), so tokens plus
// gaps reproduce the input exactly. Nothing is dropped: an invalid UTF-8
// sequence, a lone control or a bidi mark becomes a token of kind kOther.
// Thread-safety: a Tokenizer is immutable; share it. Cost: one pass, a table
// lookup per non-ASCII character; tokenize() allocates only to grow `tokens`.
//
//   dhad::Tokenizer tok;
//   std::vector<dhad::Token> tokens;
//   tok.tokenize("نحو ٣٥٠الف نسمة", &tokens);  // نحو | ٣٥٠ | الف | نسمة
#ifndef DHAD_TOKENIZE_H_
#define DHAD_TOKENIZE_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "dhad/export.h"
#include "dhad/utf8.h"

namespace dhad {

enum class TokenKind : uint8_t {
  kArabic,   ///< Arabic-script word; may hold marks, internal tatweel or ZWNJ/ZWJ
  kLatin,    ///< Latin-script word (letters and digits, internal ' or ’)
  kNumber,   ///< digits (ASCII, Arabic-Indic, Extended), with . , ٫ ٬ between
             ///< digits, h:mm times, and a trailing % or ٪
  kPunct,    ///< punctuation; a run of the same mark ("..." "!!") is one token
  kUrl,      ///< scheme://… or www.…, trailing punctuation left out
  kEmail,    ///< local@domain.tld
  kHashtag,  ///< #word (Arabic or Latin letters, digits, _)
  kMention,  ///< @name (ASCII letters, digits, _)
  kEmoji,    ///< one emoji: with modifiers, ZWJ sequences, flags, keycaps
  kSymbol,   ///< other symbols (currency, math, …)
  kOther,    ///< other scripts, controls, bidi marks, invalid UTF-8
};

/// "arabic", "latin", "number", "punct", "url", "email", "hashtag",
/// "mention", "emoji", "symbol", "other".
DHAD_EXPORT std::string_view token_kind_name(TokenKind kind);

struct Token {
  Offset begin;  ///< byte offset of the first byte
  Offset end;    ///< byte offset one past the last byte
  TokenKind kind;

  bool operator==(const Token&) const = default;
};

/// Splits text into tokens. Stateless between calls.
class DHAD_EXPORT Tokenizer {
 public:
  Tokenizer() = default;

  /// Appends the tokens of `text` to `tokens`; offsets are relative to
  /// text.data() plus `base` (pass the offset of `text` in a larger stream).
  void tokenize(std::string_view text, std::vector<Token>* tokens, uint64_t base = 0) const;
};

}  // namespace dhad

#endif  // DHAD_TOKENIZE_H_
