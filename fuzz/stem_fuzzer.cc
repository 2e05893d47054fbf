// Fuzzes dhad/stem.h: each stemmer equals its slow code-point reference on
// valid UTF-8, never reads or writes outside its buffers on any bytes (stem_to
// into a buffer of exactly the word's size), appends to the output, never makes
// a word longer, says the same through stem() and stem_to(), and keeps valid
// UTF-8 valid; light10 also with StemOptions::min_stem_letters = 3. On valid
// UTF-8 taken as text, Light10Bulk (both chunk passes, both options) gives
// light10's stem for every space-separated word it handles.
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>

#include "dhad/stem.h"
#include "dhad/utf8.h"
#include "fuzz_check.h"
#include "stem/light10_bulk.h"
#include "stem/stem_reference.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // An exact-size copy, so ASan sees a read past the end of the word.
  const std::unique_ptr<char[]> copy(new char[size]);
  if (size > 0) __builtin_memcpy(copy.get(), data, size);
  const std::string_view word(copy.get(), size);
  static const dhad::StemOptions options[] = {{}, {}, {3}};
  static const std::unique_ptr<dhad::Stemmer> stemmers[] = {
      dhad::make_stemmer(dhad::StemAlgorithm::kLight10),
      dhad::make_stemmer(dhad::StemAlgorithm::kIsri),
      dhad::make_stemmer(dhad::StemAlgorithm::kLight10, options[2])};
  const bool valid = dhad::is_valid_utf8(word);
  for (size_t s = 0; s < std::size(stemmers); ++s) {
    const auto& stemmer = stemmers[s];
    std::string out = "prefix";
    stemmer->stem(word, &out);
    FUZZ_CHECK(out.compare(0, 6, "prefix") == 0, "%s: stem() did not append",
               std::string(stemmer->name()).c_str());
    const std::string_view stem = std::string_view(out).substr(6);
    FUZZ_CHECK(stem.size() <= size, "%s: stem of %zu bytes is %zu bytes",
               std::string(stemmer->name()).c_str(), size, stem.size());
    const std::unique_ptr<char[]> buffer(new char[size]);
    const size_t stem_to_size = stemmer->stem_to(word, buffer.get());
    FUZZ_CHECK(std::string_view(buffer.get(), stem_to_size) == stem,
               "%s: stem_to() differs from stem()", std::string(stemmer->name()).c_str());
    if (!valid) continue;
    FUZZ_CHECK(dhad::is_valid_utf8(stem), "%s: valid word, invalid stem",
               std::string(stemmer->name()).c_str());
    const dhad::StemAlgorithm algorithm =
        stemmer->name() == "light10" ? dhad::StemAlgorithm::kLight10 : dhad::StemAlgorithm::kIsri;
    FUZZ_CHECK(stem == dhad::stem_reference(algorithm, word, options[s]),
               "%s (min_stem_letters %u) differs from its reference",
               std::string(stemmer->name()).c_str(), options[s].min_stem_letters);
  }
  if (valid) {
    static dhad::stem_internal::Light10Bulk bulks[] = {dhad::stem_internal::Light10Bulk(true),
                                                       dhad::stem_internal::Light10Bulk(false)};
    std::string out(size + 16, '\0');
    for (size_t s : {size_t{0}, size_t{2}})
      for (auto& bulk : bulks) {
        bulk.reset(word, options[s].min_stem_letters);
        for (size_t begin = 0; begin < size;) {
          size_t end = word.find(' ', begin);
          if (end == std::string_view::npos) end = size;
          if (end > begin) {
            const size_t n = bulk.stem(begin, end, out.data());
            if (n != dhad::stem_internal::Light10Bulk::kNotHandled) {
              std::string expected;
              stemmers[s]->stem(word.substr(begin, end - begin), &expected);
              FUZZ_CHECK(std::string_view(out.data(), n) == expected,
                         "Light10Bulk differs from light10");
            }
          }
          begin = end + 1;
        }
      }
  }
  return 0;
}
