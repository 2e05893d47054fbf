#include "dhad/version.h"

namespace dhad {

std::string_view version() { return DHAD_VERSION_STRING; }

}  // namespace dhad
