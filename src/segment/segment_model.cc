// The segmenter's sections of a model container (the layout is in
// segment_model.h), checked and turned into weights and tables.
#include "segment/segment_model.h"

#include <string>
#include <utility>

#include "model/embedded.h"

namespace dhad {
namespace segment_internal {

std::string_view default_model_bytes() { return embedded::segment_model(); }

Status parse_model(Segmenter::Model* model) {
  const dhad::Model& file = model->file;
  Result<ModelSection> weights = file.section("weights");
  if (!weights) return weights.error();
  const std::span<const uint8_t> w = weights->bytes;
  const uint64_t want = 4 + 4 * uint64_t(kParamCount);
  if (w.size() != want || model_internal::load_u32(w.data()) != uint32_t(kParamCount)) {
    // (the count is read only from a section of the right size)
    const std::string found =
        w.size() != want ? std::to_string(w.size()) + " bytes"
                         : "a count of " + std::to_string(model_internal::load_u32(w.data()));
    return model_internal::section_error(*weights, 0,
                                         found + "; this dhad reads " +
                                             std::to_string(kParamCount) + " weights, " +
                                             std::to_string(want) + " bytes with their count");
  }
  for (int i = 0; i < kParamCount; ++i) {
    const int32_t v = int32_t(model_internal::load_u32(w.data() + 4 + 4 * i));
    if (v < -kMaxWeight || v > kMaxWeight) {
      return model_internal::section_error(*weights, 4 + 4 * uint64_t(i),
                                           "weight " + std::to_string(i) + " is " +
                                               std::to_string(v) + ", beyond +-" +
                                               std::to_string(kMaxWeight));
    }
    model->params[i] = v;
  }
  const std::pair<std::string_view, Table*> tables[] = {
      {"counts", &model->counts},
      {"lexicon", &model->lexicon},
      {"decisions", &model->decisions},
      {"overrides", &model->overrides},
  };
  for (const auto& [name, table] : tables) {
    Result<ModelSection> s = file.section(name);
    if (!s) return s.error();
    Result<model_internal::HashTable> t = model_internal::HashTable::open(*s, 1);
    if (!t) return t.error();
    table->table = *t;
  }
  if (const ModelSection* about = file.find("about")) {
    model->about =
        std::string_view(reinterpret_cast<const char*>(about->bytes.data()), about->bytes.size());
  }
  return Status();
}

}  // namespace segment_internal
}  // namespace dhad
