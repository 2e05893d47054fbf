// Google Benchmark for dhad's kernels on real text: UTF-8 validation,
// normalization per profile (fast path and reference), tokenization.
// Input: DHAD_BENCH_INPUT (a file), else the first 8 MB of whole lines of
// ../shared/corpus/saudinewsnet.txt, else a generated Arabic-like text.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "common/simd.h"
#include "dhad/normalize.h"
#include "dhad/sentences.h"
#include "dhad/tokenize.h"
#include "dhad/utf8.h"

namespace {

std::string load_input() {
  std::string path;
  if (const char* env = std::getenv("DHAD_BENCH_INPUT")) path = env;
  if (path.empty()) path = DHAD_SHARED_DIR "/corpus/saudinewsnet.txt";
  std::ifstream f(path, std::ios::binary);
  std::string text;
  if (f) {
    text.resize(8 << 20);
    f.read(text.data(), std::streamsize(text.size()));
    text.resize(size_t(f.gcount()));
    const size_t nl = text.rfind('\n');
    if (nl != std::string::npos) text.resize(nl + 1);
  }
  if (text.empty()) {
    const char* words[] = {"قال", "الرئيس", "إن", "المدرسة", "على", "٢٠١٥", "في", "،", "."};
    for (int i = 0; text.size() < (8 << 20); ++i) {
      text += words[(i * 7) % 9];
      text += (i % 17 == 16) ? "\n" : " ";
    }
  }
  return text;
}

const std::string& input() {
  static const std::string text = load_input();
  return text;
}

void BM_FindInvalidUtf8(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(dhad::find_invalid_utf8(input()));
  state.SetBytesProcessed(int64_t(state.iterations() * input().size()));
}
BENCHMARK(BM_FindInvalidUtf8);

void BM_FindInvalidUtf8Reference(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(dhad::find_invalid_utf8_reference(input()));
  state.SetBytesProcessed(int64_t(state.iterations() * input().size()));
}
BENCHMARK(BM_FindInvalidUtf8Reference);

void normalize_bench(benchmark::State& state, const dhad::NormalizeOptions& o, bool reference) {
  dhad::Normalizer n(o);
  std::string out;
  for (auto _ : state) {
    out.clear();
    if (reference) {
      n.normalize_reference(input(), &out);
    } else {
      n.normalize(input(), &out);
    }
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(int64_t(state.iterations() * input().size()));
}
BENCHMARK_CAPTURE(normalize_bench, lucene, dhad::NormalizeOptions::lucene(), false);
BENCHMARK_CAPTURE(normalize_bench, camel, dhad::NormalizeOptions::camel(), false);
BENCHMARK_CAPTURE(normalize_bench, light, dhad::NormalizeOptions::light(), false);
BENCHMARK_CAPTURE(normalize_bench, search, dhad::NormalizeOptions::search(), false);
BENCHMARK_CAPTURE(normalize_bench, lucene_reference, dhad::NormalizeOptions::lucene(), true)
    ->Iterations(1);

void BM_Tokenize(benchmark::State& state) {
  dhad::Tokenizer tok;
  std::vector<dhad::Token> tokens;
  for (auto _ : state) {
    tokens.clear();
    tok.tokenize(input(), &tokens);
    benchmark::DoNotOptimize(tokens.data());
  }
  state.SetBytesProcessed(int64_t(state.iterations() * input().size()));
}
BENCHMARK(BM_Tokenize);

void BM_Sentences(benchmark::State& state) {
  dhad::SentenceSplitter split;
  std::vector<dhad::Sentence> out;
  for (auto _ : state) {
    out.clear();
    split.split(input(), &out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(int64_t(state.iterations() * input().size()));
}
BENCHMARK(BM_Sentences);

}  // namespace

BENCHMARK_MAIN();
