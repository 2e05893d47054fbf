// dhad/utf8.h — UTF-8 validation, decoding and repair.
//
// dhad works on UTF-8 bytes and never widens text to UTF-32. These functions
// decide what is valid (RFC 3629: no overlongs, no surrogates, nothing above
// U+10FFFF) and what to do with what is not, under an explicit policy.
// Invalid input is split into "maximal subparts" as Unicode §3.9 (and every
// browser) does: each one becomes exactly one U+FFFD under kReplace.
// Thread-safety: pure functions. Cost: one pass; ASCII runs are skipped 16
// bytes at a time.
#ifndef DHAD_UTF8_H_
#define DHAD_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "dhad/export.h"
#include "dhad/result.h"

namespace dhad {

/// A byte offset into the original input: what tokens, sentences, segments
/// and the normalizer's offset map are all measured in (64 bits: inputs may be
/// larger than 4 GB).
using Offset = uint64_t;

/// What to do with bytes that are not valid UTF-8.
enum class InvalidUtf8 {
  kReplace,  ///< (default) each maximal invalid subpart becomes U+FFFD; count reported
  kStrict,   ///< fail, naming the byte offset of the first invalid byte
  kKeep,     ///< pass the bytes through untouched in text output
};

/// Parses "replace", "strict" or "keep".
DHAD_EXPORT Result<InvalidUtf8> parse_invalid_utf8(std::string_view name);

/// One decoded position: a code point, or an invalid run of `length` bytes.
struct Utf8Char {
  char32_t code_point;  ///< kInvalidCodePoint when !valid
  uint32_t length;      ///< bytes consumed, 1..4; never 0
  bool valid;
};

inline constexpr char32_t kInvalidCodePoint = 0xFFFFFFFF;
inline constexpr char32_t kReplacementCharacter = 0xFFFD;

/// Decodes the character starting at text[pos] (pos < text.size()). An invalid
/// sequence yields its maximal subpart: the longest prefix that could start a
/// valid sequence, or one byte.
DHAD_EXPORT Utf8Char decode_utf8(std::string_view text, size_t pos);

/// Byte offset of the first invalid byte, or text.size() if all is valid.
DHAD_EXPORT size_t find_invalid_utf8(std::string_view text);

inline bool is_valid_utf8(std::string_view text) { return find_invalid_utf8(text) == text.size(); }

/// Appends `text` to `out`, each maximal invalid subpart replaced by U+FFFD.
/// Returns how many replacements were made.
DHAD_EXPORT size_t append_replacing_invalid_utf8(std::string_view text, std::string* out);

/// Appends the UTF-8 encoding of `cp` (must be a scalar value) to `out`.
DHAD_EXPORT void append_utf8(char32_t cp, std::string* out);

/// The largest n <= pos such that text[0, n) does not end inside a UTF-8
/// sequence, for cutting a stream into pieces that never split a character.
DHAD_EXPORT size_t utf8_boundary_before(std::string_view text, size_t pos);

}  // namespace dhad

#endif  // DHAD_UTF8_H_
