// stem_driver: dhad's stemmers, one token per line, for the differential test
// (tests/stem_diff.sh) and for timing without the CLI around them.
//
//   stem_driver [--bench] light10|isri < tokens.txt
//
// Each input line is one token; its stem goes out as one line (possibly empty),
// so output line i belongs to input line i. --bench reads all of stdin, stems
// every line 10 times and reports on stderr tokens per second and MB/s (10^6
// bytes of input per second), writing nothing to stdout.

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dhad/stem.h"
#include "driver_util.h"

namespace {

using driver::kExitOk;
using driver::kExitUsage;
constexpr int kExitFailure = driver::kExitIo;
constexpr int kBenchRounds = 10;

void print_usage(std::FILE* out) {
  std::fputs(
      "usage: stem_driver [--bench] light10|isri < tokens.txt\n"
      "  Stems each stdin line as one token; one stem per output line.\n"
      "  --bench: stem all input 10 times, print tokens/s and MB/s to stderr.\n",
      out);
}

int run_print(const dhad::Stemmer& stemmer, const std::vector<std::string_view>& lines) {
  std::string out;
  for (const std::string_view line : lines) {
    stemmer.stem(line, &out);
    out += '\n';
  }
  if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() || std::fflush(stdout) != 0) {
    std::fputs("stem_driver: write error\n", stderr);
    return kExitFailure;
  }
  return kExitOk;
}

int run_bench(const dhad::Stemmer& stemmer, const std::vector<std::string_view>& lines,
              size_t input_bytes) {
  std::string out;
  uint64_t checksum = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int round = 0; round < kBenchRounds; ++round) {
    for (const std::string_view line : lines) {
      out.clear();
      stemmer.stem(line, &out);
      checksum += out.size();
    }
  }
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  const double seconds = elapsed.count();
  const double tokens = static_cast<double>(lines.size()) * kBenchRounds;
  const double mb = static_cast<double>(input_bytes) * kBenchRounds / 1e6;
  std::fprintf(stderr,
               "stem_driver %s: %zu tokens x %d in %.3f s: %.2f M tokens/s, %.1f MB/s "
               "(stem bytes %llu)\n",
               std::string(stemmer.name()).c_str(), lines.size(), kBenchRounds, seconds,
               seconds > 0 ? tokens / seconds / 1e6 : 0.0, seconds > 0 ? mb / seconds : 0.0,
               static_cast<unsigned long long>(checksum));
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  bool bench = false;
  const char* name = nullptr;
  if (int status = driver::parse_bench_and_mode(argc, argv, print_usage, &bench, &name);
      status >= 0)
    return status;
  const dhad::Result<dhad::StemAlgorithm> algorithm = dhad::parse_stem_algorithm(name);
  if (!algorithm) {
    std::fprintf(stderr, "stem_driver: %s\n", algorithm.error().message().c_str());
    return kExitUsage;
  }
  const std::unique_ptr<dhad::Stemmer> stemmer = dhad::make_stemmer(*algorithm);

  std::string input;
  if (!driver::read_all(nullptr, &input)) {
    std::fputs("stem_driver: read error\n", stderr);
    return kExitFailure;
  }
  const std::vector<std::string_view> lines = driver::split_lines(input);
  return bench ? run_bench(*stemmer, lines, input.size()) : run_print(*stemmer, lines);
}
