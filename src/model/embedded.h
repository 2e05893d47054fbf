// The model files embedded in the library, one accessor each, defined by the
// files dhad_embed_model() (cmake/dhad_embed_model.cmake) generates from the
// CMakeLists.txt calls. Internal.
//
// Thread-safety: the bytes are constant. Cost: none; the bytes are in .rodata
// (64-byte aligned) and are not copied.
#ifndef DHAD_MODEL_EMBEDDED_H_
#define DHAD_MODEL_EMBEDDED_H_

#include <string_view>

namespace dhad {
namespace embedded {

/// data/segment/segment.model, the segmenter's default model.
std::string_view segment_model();

/// data/correct/correct.model, the corrector's default model.
std::string_view correct_model();

}  // namespace embedded
}  // namespace dhad

#endif  // DHAD_MODEL_EMBEDDED_H_
