// segment_driver: dhad's clitic segmenter over text lines, in the format of
// ../shared/eval/pud-dev/segment_gold.txt, for bench/eval_segment.sh and for
// timing and checking without the CLI around it.
//
//   segment_driver [--split-article] [--model FILE] [--bench | --check] [FILE]
//
// Each input line (stdin or FILE) is tokenized (dhad::Tokenizer) and goes out
// as one line of syntactic words separated by spaces, every non-final piece
// of a token followed by '+' (Segmenter::segment_line), so output line i
// belongs to input line i. --bench segments all input once and reports MB/s
// (10^6 bytes of input per second, tokenizing included) on stderr, writing
// nothing to stdout. --check compares segment() (the model's cache of
// decisions) with segment_reference() (the scorer) on every Arabic token and
// exits 1 on any difference. --model loads a model file instead of the
// embedded default.

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "dhad/segment.h"
#include "dhad/tokenize.h"
#include "driver_util.h"
#include "segment/segment_model.h"

namespace {

using driver::kExitBadModel;
using driver::kExitDiffer;
using driver::kExitIo;
using driver::kExitOk;
using driver::kExitUsage;

void print_usage(std::FILE* out) {
  std::fputs(
      "usage: segment_driver [--split-article] [--model FILE] [--bench | --check] [FILE]\n"
      "  Segments each line of FILE (or stdin) into clitics, one output line per line.\n"
      "  --bench: segment all input once, print MB/s to stderr, no output.\n"
      "  --check: compare the cached decisions with the scorer on every Arabic token.\n",
      out);
}

}  // namespace

int main(int argc, char** argv) {
  dhad::SegmentOptions options;
  bool bench = false, check = false;
  const char* model_path = nullptr;
  const char* input_path = nullptr;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--split-article") {
      options.split_article = true;
    } else if (a == "--bench") {
      bench = true;
    } else if (a == "--check") {
      check = true;
    } else if (a == "--model" && i + 1 < argc) {
      model_path = argv[++i];
    } else if (a == "-h" || a == "--help") {
      print_usage(stdout);
      return kExitOk;
    } else if (!a.starts_with("-") && input_path == nullptr) {
      input_path = argv[i];
    } else {
      print_usage(stderr);
      return kExitUsage;
    }
  }
  if (bench && check) {
    print_usage(stderr);
    return kExitUsage;
  }

  dhad::Result<dhad::Segmenter> seg = dhad::Segmenter::open_default();
  if (model_path != nullptr) {
    std::string bytes;
    if (!driver::read_all(model_path, &bytes)) {
      std::fprintf(stderr, "segment_driver: cannot read %s\n", model_path);
      return kExitIo;
    }
    seg = dhad::Segmenter::from_bytes(bytes);
  }
  if (!seg) {
    std::fprintf(stderr, "segment_driver: %s\n", seg.error().message().c_str());
    return kExitBadModel;
  }

  std::string input;
  if (!driver::read_all(input_path, &input)) {
    std::fprintf(stderr, "segment_driver: cannot read %s\n", input_path);
    return kExitIo;
  }
  const std::vector<std::string_view> lines = driver::split_lines(input);
  const dhad::Tokenizer tokenizer;
  std::vector<dhad::Token> tokens;
  std::string out;

  if (check) {
    std::vector<dhad::Segment> fast, slow;
    uint64_t words = 0, differ = 0;
    for (const std::string_view line : lines) {
      tokens.clear();
      tokenizer.tokenize(line, &tokens);
      for (const dhad::Token& t : tokens) {
        if (t.kind != dhad::TokenKind::kArabic) continue;
        const std::string_view w = line.substr(t.begin, t.end - t.begin);
        for (const bool split : {false, true}) {
          const dhad::SegmentOptions o{split};
          fast.clear();
          slow.clear();
          seg->segment(w, o, &fast);
          dhad::segment_internal::segment_reference(*seg, w, o, &slow);
          ++words;
          if (fast != slow && ++differ <= 20) {
            std::fprintf(stderr, "segment_driver: cache and scorer differ on %.*s\n", int(w.size()),
                         w.data());
          }
        }
      }
    }
    std::fprintf(stderr, "segment_driver --check: %llu words, %llu differ\n",
                 static_cast<unsigned long long>(words), static_cast<unsigned long long>(differ));
    return differ ? kExitDiffer : kExitOk;
  }

  const auto start = std::chrono::steady_clock::now();
  uint64_t out_bytes = 0;
  for (const std::string_view line : lines) {
    tokens.clear();
    tokenizer.tokenize(line, &tokens);
    seg->segment_line(line, tokens, options, &out);
    out += '\n';
    if (out.size() >= (1u << 20)) {
      out_bytes += out.size();
      if (!bench && std::fwrite(out.data(), 1, out.size(), stdout) != out.size()) {
        std::fputs("segment_driver: write error\n", stderr);
        return kExitIo;
      }
      out.clear();
    }
  }
  out_bytes += out.size();
  if (bench) {
    const std::chrono::duration<double> s = std::chrono::steady_clock::now() - start;
    std::fprintf(stderr,
                 "segment_driver: %zu lines, %.1f MB in %.3f s: %.1f MB/s (output %llu bytes)\n",
                 lines.size(), input.size() / 1e6, s.count(),
                 s.count() > 0 ? input.size() / 1e6 / s.count() : 0.0,
                 static_cast<unsigned long long>(out_bytes));
    return kExitOk;
  }
  if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() || std::fflush(stdout) != 0) {
    std::fputs("segment_driver: write error\n", stderr);
    return kExitIo;
  }
  return kExitOk;
}
