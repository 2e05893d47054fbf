// dhad/version.h — the library version, set by CMake's project() in one place.
#ifndef DHAD_VERSION_H_
#define DHAD_VERSION_H_

#include <string_view>

#include "dhad/export.h"

namespace dhad {

/// "MAJOR.MINOR.PATCH" of the library linked in.
DHAD_EXPORT std::string_view version();

}  // namespace dhad

#endif  // DHAD_VERSION_H_
