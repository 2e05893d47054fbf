// The stemmer factory: algorithm names and construction. The algorithms live in
// light10.cc and isri.cc and are reached only through make_stemmer().
#include "dhad/stem.h"

#include <string>

#include "stem/stem_internal.h"

namespace dhad {
Stemmer::~Stemmer() = default;

void Stemmer::stem(std::string_view word, std::string* out) const {
  const size_t base = out->size();
  out->resize(base + word.size());
  out->resize(base + stem_to(word, out->data() + base));
}

std::string_view stem_algorithm_name(StemAlgorithm algorithm) {
  switch (algorithm) {
    case StemAlgorithm::kLight10:
      return "light10";
    case StemAlgorithm::kIsri:
      return "isri";
  }
  return "unknown";
}

Result<StemAlgorithm> parse_stem_algorithm(std::string_view name) {
  if (name == "light10") return StemAlgorithm::kLight10;
  if (name == "isri") return StemAlgorithm::kIsri;
  return Error(ErrorCode::kInvalidArgument,
               "unknown stemmer '" + std::string(name) + "' (want light10 or isri)");
}

std::unique_ptr<Stemmer> make_stemmer(StemAlgorithm algorithm) {
  return make_stemmer(algorithm, StemOptions{});
}

std::unique_ptr<Stemmer> make_stemmer(StemAlgorithm algorithm, const StemOptions& options) {
  switch (algorithm) {
    case StemAlgorithm::kLight10:
      return stem_internal::new_light10_stemmer(options.min_stem_letters);
    case StemAlgorithm::kIsri:
      if (options.min_stem_letters != 0) return nullptr;
      return stem_internal::new_isri_stemmer();
  }
  return nullptr;
}

}  // namespace dhad
