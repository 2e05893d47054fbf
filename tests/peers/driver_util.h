// What the peer harnesses and drivers in tests/peers share: exit statuses,
// reading all input, splitting lines and the "[--bench] MODE" command line.
#ifndef DHAD_TESTS_PEERS_DRIVER_UTIL_H_
#define DHAD_TESTS_PEERS_DRIVER_UTIL_H_

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace driver {

constexpr int kExitOk = 0;
constexpr int kExitDiffer = 1;  // a check found a difference
constexpr int kExitUsage = 2;
constexpr int kExitIo = 3;  // input, output or the peer failed
constexpr int kExitBadModel = 4;

/// All of the file at `path`, or of stdin when path is null. False on error.
inline bool read_all(const char* path, std::string* out) {
  std::FILE* f = path == nullptr ? stdin : std::fopen(path, "rb");
  if (f == nullptr) return false;
  char buffer[1 << 16];
  for (size_t got; (got = std::fread(buffer, 1, sizeof buffer, f)) > 0;) out->append(buffer, got);
  const bool ok = std::ferror(f) == 0;
  if (path != nullptr) std::fclose(f);
  return ok;
}

/// The lines of `input`, without their '\n' (a last line without one counts).
inline std::vector<std::string_view> split_lines(std::string_view input) {
  std::vector<std::string_view> lines;
  for (size_t pos = 0; pos < input.size();) {
    size_t end = input.find('\n', pos);
    if (end == std::string_view::npos) end = input.size();
    lines.push_back(input.substr(pos, end - pos));
    pos = end + 1;
  }
  return lines;
}

/// Parses "[--bench] MODE" (in either order) and -h/--help. Returns -1 to go
/// on, or the exit status (help printed: ok; anything else: usage).
inline int parse_bench_and_mode(int argc, char** argv, void (*print_usage)(std::FILE*), bool* bench,
                                const char** mode) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--bench") {
      *bench = true;
    } else if (arg == "-h" || arg == "--help") {
      print_usage(stdout);
      return kExitOk;
    } else if (*mode == nullptr && !arg.starts_with("-")) {
      *mode = argv[i];
    } else {
      print_usage(stderr);
      return kExitUsage;
    }
  }
  if (*mode != nullptr) return -1;
  print_usage(stderr);
  return kExitUsage;
}

}  // namespace driver

#endif  // DHAD_TESTS_PEERS_DRIVER_UTIL_H_
