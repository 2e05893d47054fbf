// Pieces the stemmers share: the factories stem.cc calls, and letters of
// U+0600..06FF packed as their two UTF-8 bytes for cheap comparison.
#ifndef DHAD_STEM_STEM_INTERNAL_H_
#define DHAD_STEM_STEM_INTERNAL_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string_view>

#include "dhad/stem.h"
#include "unicode/arabic.h"

namespace dhad::stem_internal {

std::unique_ptr<Stemmer> new_light10_stemmer(unsigned min_stem_letters);
std::unique_ptr<Stemmer> new_isri_stemmer();

/// What Lucene's normalizer makes of each two-byte character led by D8 or D9,
/// indexed by (lead & 1) << 6 | (second & 0x3F): the new pair packed as
/// letter() packs it, or 0 when it is deleted. Read off the Normalizer itself.
using FoldTable = std::array<uint16_t, 128>;
FoldTable lucene_fold_table();

/// light10's prefix step (Lucene's ArabicStemmer.stemPrefix) on a normalized
/// word of *letters code points: what is left, with *letters updated.
std::string_view light10_strip_prefix(std::string_view normalized, size_t* letters);

/// light10's suffix step (Lucene's ArabicStemmer.stemSuffix) on a word already
/// normalized and stripped of its prefix, of `letters` code points: what is left.
/// With min_stem_letters (StemOptions), a stem that would be shorter than that
/// keeps every suffix: the word is returned whole.
std::string_view light10_strip_suffixes(std::string_view normalized, size_t letters,
                                        size_t min_stem_letters = 0);

/// A letter of U+0600–06FF as its two UTF-8 bytes, lead byte high.
constexpr uint16_t letter(char32_t cp) { return arabic::packed(cp); }

/// The two bytes at p, packed as letter() packs them.
constexpr uint16_t letter_at(const char* p) {
  return static_cast<uint16_t>((static_cast<unsigned char>(p[0]) << 8) |
                               static_cast<unsigned char>(p[1]));
}

}  // namespace dhad::stem_internal

#endif  // DHAD_STEM_STEM_INTERNAL_H_
