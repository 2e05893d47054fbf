// Character classes for tokenization, generated from the UCD (see
// tools/gen/gen_tables.py). Internal to dhad.
#ifndef DHAD_UNICODE_CHAR_CLASS_H_
#define DHAD_UNICODE_CHAR_CLASS_H_

#include <cstdint>

namespace dhad {

/// Keep in step with CLASSES in tools/gen/gen_tables.py.
enum class CharClass : uint8_t {
  kOther,              ///< unassigned, private use, anything below
  kSpace,              ///< White_Space (tab, newline, NBSP, …)
  kArabicLetter,       ///< Script=Arabic, General_Category=L*
  kLatinLetter,        ///< Script=Latin, L*
  kLetter,             ///< letters of other scripts
  kMark,               ///< M*: diacritics, variation selectors, keycap
  kDigit,              ///< Nd
  kPunct,              ///< P*
  kSymbol,             ///< S* that is not an emoji
  kEmoji,              ///< Extended_Pictographic (above U+00FF)
  kEmojiModifier,      ///< skin tones
  kRegionalIndicator,  ///< flag letters
  kTatweel,            ///< U+0640
  kJoiner,             ///< ZWNJ, ZWJ
  kFormat,             ///< other Cf: LRM, RLM, ALM, BOM, …
  kControl,            ///< Cc that is not White_Space
};

namespace char_class_internal {
#include "unicode/char_class_data.inc"
}  // namespace char_class_internal

inline CharClass char_class(char32_t cp) {
  if (cp >= 0x110000) return CharClass::kOther;
  using namespace char_class_internal;
  return CharClass(kStage2[size_t(kStage1[cp >> 8]) * 256 + (cp & 0xFF)]);
}

}  // namespace dhad

#endif  // DHAD_UNICODE_CHAR_CLASS_H_
