// Shared by the fuzz targets: a check that aborts with a message (libFuzzer then
// saves the input as a crash artifact), and an independent White_Space test.
#ifndef DHAD_FUZZ_FUZZ_CHECK_H_
#define DHAD_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>

// Not assert(): it must stay on in release builds.
#define FUZZ_CHECK(cond, ...)                                                       \
  do {                                                                              \
    if (!(cond)) {                                                                  \
      std::fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond); \
      std::fprintf(stderr, __VA_ARGS__);                                            \
      std::fprintf(stderr, "\n");                                                   \
      std::abort();                                                                 \
    }                                                                               \
  } while (0)

namespace dhad_fuzz {

// Unicode 15 PropList.txt White_Space, written out by hand so that it does not
// share a table (or a bug) with unicode/char_class_data.inc.
inline bool is_white_space(char32_t c) {
  return (c >= 0x0009 && c <= 0x000D) || c == 0x0020 || c == 0x0085 || c == 0x00A0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

}  // namespace dhad_fuzz

#endif  // DHAD_FUZZ_FUZZ_CHECK_H_
