// Shared by the fuzz targets that read model files (model, segment_model and
// correct): what every reader must answer a file it refuses, and each input
// tried as it is and again with its size and checksum fields made right.
#ifndef DHAD_FUZZ_MODEL_CHECK_H_
#define DHAD_FUZZ_MODEL_CHECK_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "dhad/model.h"
#include "dhad/result.h"
#include "fuzz_check.h"
#include "model/model_writer.h"

namespace dhad_fuzz {

// A file of `size` bytes is refused with kBadModel, a message and, where the
// error names an offset, one inside the file. A copy whose size and checksum
// fields were made right (`fixed`) is never refused for either: for the
// header's bytes 24 (the size) or 16 (the checksum).
inline void check_refused_model(const dhad::Error& e, size_t size, bool fixed) {
  FUZZ_CHECK(e.code() == dhad::ErrorCode::kBadModel, "error %d: %s", int(e.code()),
             e.message().c_str());
  FUZZ_CHECK(!e.message().empty(), "an error without a message");
  FUZZ_CHECK(!e.has_offset() || e.offset() <= size, "offset %llu of %zu bytes: %s",
             (unsigned long long)e.offset(), size, e.message().c_str());
  FUZZ_CHECK(!fixed || !e.has_offset() || (e.offset() != 16 && e.offset() != 24),
             "with the size and checksum made right: %s", e.message().c_str());
}

// try_model(bytes, fixed) on `input` as it is, and again with its size and
// checksum fields made right where that changes it, so that mutations get
// past the checksum to the sections.
template <typename TryModel>
void try_as_is_and_fixed(std::string_view input, TryModel&& try_model) {
  try_model(input, false);
  if (input.size() < dhad::Model::kHeaderSize) return;
  std::string fixed(input);
  dhad::model_writer::refix(&fixed);
  if (fixed != input) try_model(std::string_view(fixed), true);
}

}  // namespace dhad_fuzz

#endif  // DHAD_FUZZ_MODEL_CHECK_H_
