// Pieces the stemmers share: the factories stem.cc calls, and letters of
// U+0600..06FF packed as their two UTF-8 bytes for cheap comparison.
#ifndef DHAD_STEM_STEM_INTERNAL_H_
#define DHAD_STEM_STEM_INTERNAL_H_

#include <cstdint>
#include <memory>

#include "dhad/stem.h"

namespace dhad::stem_internal {

std::unique_ptr<Stemmer> new_light10_stemmer();
std::unique_ptr<Stemmer> new_isri_stemmer();

/// A letter of U+0600–06FF as its two UTF-8 bytes, lead byte high.
constexpr uint16_t letter(char32_t cp) {
  return static_cast<uint16_t>(((0xC0u | (cp >> 6)) << 8) | (0x80u | (cp & 0x3Fu)));
}

/// The two bytes at p, packed as letter() packs them.
constexpr uint16_t letter_at(const char* p) {
  return static_cast<uint16_t>((static_cast<unsigned char>(p[0]) << 8) |
                               static_cast<unsigned char>(p[1]));
}

}  // namespace dhad::stem_internal

#endif  // DHAD_STEM_STEM_INTERNAL_H_
