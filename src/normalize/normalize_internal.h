// Test-only companions of dhad/normalize.h: the slow reference and a probe of
// which path normalize() takes. Internal.
#ifndef DHAD_NORMALIZE_NORMALIZE_INTERNAL_H_
#define DHAD_NORMALIZE_NORMALIZE_INTERNAL_H_

#include <string>
#include <string_view>

#include "dhad/normalize.h"

namespace dhad::normalize_internal {

struct Access {
  static void normalize_reference(const Normalizer& n, std::string_view text, std::string* out) {
    n.normalize_reference(text, out);
  }
  static bool uses_vector_path(const Normalizer& n) { return n.uses_vector_path(); }
};

/// The same result as n.normalize(), one code point at a time straight from
/// the rule list: the slow reference that tests and fuzzers compare against.
inline void normalize_reference(const Normalizer& n, std::string_view text, std::string* out) {
  Access::normalize_reference(n, text, out);
}

/// True if n.normalize() (without offsets) runs the in-register AVX2 kernel:
/// the CPU has AVX2 and every enabled change is a same-length fold or a
/// deletion of a two-byte character (the lucene and camel profiles).
inline bool uses_vector_path(const Normalizer& n) { return Access::uses_vector_path(n); }

}  // namespace dhad::normalize_internal

#endif  // DHAD_NORMALIZE_NORMALIZE_INTERNAL_H_
