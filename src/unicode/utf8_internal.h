// Test-only companions of dhad/utf8.h. Internal.
#ifndef DHAD_UNICODE_UTF8_INTERNAL_H_
#define DHAD_UNICODE_UTF8_INTERNAL_H_

#include <cstddef>
#include <string_view>

namespace dhad::utf8_internal {

/// The same as find_invalid_utf8, one code point at a time with decode_utf8:
/// the slow, obviously correct reference that tests compare the fast path to.
size_t find_invalid_utf8_reference(std::string_view text);

}  // namespace dhad::utf8_internal

#endif  // DHAD_UNICODE_UTF8_INTERNAL_H_
