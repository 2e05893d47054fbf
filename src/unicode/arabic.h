// The Arabic letters the stages name (the stemmers' affixes, the segmenter's
// clitics and patterns), in one place, and the two-byte packing the stemmers
// compare them in. Internal.
//
// All of them are in U+0600-06FF: two bytes of UTF-8 (lead D8-DB), and 16 bits
// as code points.
#ifndef DHAD_UNICODE_ARABIC_H_
#define DHAD_UNICODE_ARABIC_H_

#include <cstdint>

namespace dhad::arabic {

inline constexpr char16_t kHamza = 0x0621;        // ء
inline constexpr char16_t kWawHamza = 0x0624;     // ؤ
inline constexpr char16_t kYehHamza = 0x0626;     // ئ
inline constexpr char16_t kAlef = 0x0627;         // ا
inline constexpr char16_t kBeh = 0x0628;          // ب
inline constexpr char16_t kTehMarbuta = 0x0629;   // ة
inline constexpr char16_t kTeh = 0x062A;          // ت
inline constexpr char16_t kSeen = 0x0633;         // س
inline constexpr char16_t kTatweel = 0x0640;      // ـ
inline constexpr char16_t kFeh = 0x0641;          // ف
inline constexpr char16_t kKaf = 0x0643;          // ك
inline constexpr char16_t kLam = 0x0644;          // ل
inline constexpr char16_t kMeem = 0x0645;         // م
inline constexpr char16_t kNoon = 0x0646;         // ن
inline constexpr char16_t kHeh = 0x0647;          // ه
inline constexpr char16_t kWaw = 0x0648;          // و
inline constexpr char16_t kAlefMaksura = 0x0649;  // ى
inline constexpr char16_t kYeh = 0x064A;          // ي

/// A letter of U+0600–06FF as its two UTF-8 bytes, lead byte high: how the
/// stemmers compare letters without decoding.
constexpr uint16_t packed(char32_t cp) {
  return static_cast<uint16_t>(((0xC0u | (cp >> 6)) << 8) | (0x80u | (cp & 0x3Fu)));
}

}  // namespace dhad::arabic

#endif  // DHAD_UNICODE_ARABIC_H_
