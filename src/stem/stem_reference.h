// The stemmers' slow references (test and fuzz support, not in the library):
// the peer's algorithm one code point at a time, obviously correct and slow.
#ifndef DHAD_STEM_STEM_REFERENCE_H_
#define DHAD_STEM_STEM_REFERENCE_H_

#include <string>
#include <string_view>

#include "dhad/stem.h"

namespace dhad {

/// What make_stemmer(algorithm, options)->stem(word) must produce.
std::string stem_reference(StemAlgorithm algorithm, std::string_view word,
                           const StemOptions& options = {});

}  // namespace dhad

#endif  // DHAD_STEM_STEM_REFERENCE_H_
