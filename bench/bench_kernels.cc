// Google Benchmark for dhad's kernels on real text: UTF-8 validation,
// normalization per profile (fast path and reference), tokenization, sentence
// splitting, and per-word stemming and segmentation over the text's Arabic
// tokens (MB/s counts the bytes of those tokens); and the cost of opening the
// default segmentation model (mapped from data/segment/segment.model, in the
// page cache after the first run, or embedded), with its checksum alone.
// Input: DHAD_BENCH_INPUT (a file), else the first 8 MB of whole lines of
// ../shared/corpus/saudinewsnet.txt, else a generated Arabic-like text.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "common/simd.h"
#include "dhad/model.h"
#include "dhad/normalize.h"
#include "dhad/segment.h"
#include "dhad/sentences.h"
#include "dhad/stem.h"
#include "dhad/tokenize.h"
#include "dhad/utf8.h"
#include "model/model.h"
#include "normalize/normalize_internal.h"
#include "segment/segment_model.h"
#include "stem/light10_bulk.h"
#include "stem/stem_memo.h"
#include "tokenize/arabic_run.h"
#include "unicode/utf8_internal.h"

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
  for (auto _ : state)
    benchmark::DoNotOptimize(dhad::utf8_internal::find_invalid_utf8_reference(input()));
  state.SetBytesProcessed(int64_t(state.iterations() * input().size()));
}
BENCHMARK(BM_FindInvalidUtf8Reference);

void normalize_bench(benchmark::State& state, const dhad::NormalizeOptions& o, bool reference) {
  dhad::Normalizer n(o);
  std::string out;
  for (auto _ : state) {
    out.clear();
    if (reference) {
      dhad::normalize_internal::normalize_reference(n, input(), &out);
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

// The scanner alone, without the bulk path: what the bulk path gains.
void BM_TokenizeReference(benchmark::State& state) {
  std::vector<dhad::Token> tokens;
  for (auto _ : state) {
    tokens.clear();
    dhad::tokenize_internal::tokenize_reference(input(), &tokens);
    benchmark::DoNotOptimize(tokens.data());
  }
  state.SetBytesProcessed(int64_t(state.iterations() * input().size()));
}
BENCHMARK(BM_TokenizeReference);

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

// The Arabic words of the input, in order, and their total bytes.
const std::vector<std::string_view>& arabic_words(size_t* bytes) {
  static size_t total = 0;
  static const std::vector<std::string_view> words = [] {
    std::vector<dhad::Token> tokens;
    dhad::Tokenizer().tokenize(input(), &tokens);
    std::vector<std::string_view> w;
    for (const dhad::Token& t : tokens) {
      if (t.kind != dhad::TokenKind::kArabic) continue;
      w.push_back(std::string_view(input()).substr(t.begin, t.end - t.begin));
      total += w.back().size();
    }
    return w;
  }();
  *bytes = total;
  return words;
}

void stem_bench(benchmark::State& state, dhad::StemAlgorithm algorithm, bool memo) {
  const std::unique_ptr<dhad::Stemmer> stemmer = dhad::make_stemmer(algorithm);
  dhad::stem_internal::StemMemo stem_memo;
  stem_memo.use(*stemmer);
  size_t bytes = 0;
  const std::vector<std::string_view>& words = arabic_words(&bytes);
  char out[256];
  for (auto _ : state) {
    size_t sum = 0;
    for (std::string_view w : words) {
      if (w.size() > 200) continue;
      sum += memo ? stem_memo.stem_to(w, out) : stemmer->stem_to(w, out);
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetBytesProcessed(int64_t(state.iterations() * bytes));
}
BENCHMARK_CAPTURE(stem_bench, light10, dhad::StemAlgorithm::kLight10, false);
BENCHMARK_CAPTURE(stem_bench, light10_memo, dhad::StemAlgorithm::kLight10, true);
BENCHMARK_CAPTURE(stem_bench, isri, dhad::StemAlgorithm::kIsri, false);
BENCHMARK_CAPTURE(stem_bench, isri_memo, dhad::StemAlgorithm::kIsri, true);

// light10 as `dhad stem`'s text path runs it: Light10Bulk's chunk pass over
// the whole input and its answer per Arabic word, the stemmer for the words it
// leaves. Same words and bytes as stem_bench.
void BM_Light10Bulk(benchmark::State& state) {
  if (!dhad::stem_internal::Light10Bulk::fast_on_this_cpu()) {
    state.SkipWithError("no AVX2");
    return;
  }
  const std::unique_ptr<dhad::Stemmer> stemmer = dhad::make_stemmer(dhad::StemAlgorithm::kLight10);
  size_t bytes = 0;
  const std::vector<std::string_view>& words = arabic_words(&bytes);
  dhad::stem_internal::Light10Bulk bulk;
  char out[256];
  for (auto _ : state) {
    size_t sum = 0;
    bulk.reset(input());
    for (std::string_view w : words) {
      if (w.size() > 200) continue;
      const size_t begin = size_t(w.data() - input().data());
      size_t size = bulk.stem(begin, begin + w.size(), out);
      if (size == dhad::stem_internal::Light10Bulk::kNotHandled) size = stemmer->stem_to(w, out);
      sum += size;
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetBytesProcessed(int64_t(state.iterations() * bytes));
}
BENCHMARK(BM_Light10Bulk);

void BM_SegmentWords(benchmark::State& state) {
  const dhad::Result<dhad::Segmenter> seg = dhad::Segmenter::open_default();
  if (!seg) {
    state.SkipWithError("no default model");
    return;
  }
  size_t bytes = 0;
  const std::vector<std::string_view>& words = arabic_words(&bytes);
  std::vector<dhad::Segment> pieces;
  for (auto _ : state) {
    for (std::string_view w : words) {
      pieces.clear();
      seg->segment(w, {}, &pieces);
    }
    benchmark::DoNotOptimize(pieces.data());
  }
  state.SetBytesProcessed(int64_t(state.iterations() * bytes));
}
BENCHMARK(BM_SegmentWords);

// Opening the default model: every check, the checksum over all of it.
constexpr const char* kSegmentModel = DHAD_SOURCE_DIR "/data/segment/segment.model";

void BM_SegmenterOpenFile(benchmark::State& state) {
  for (auto _ : state) {
    dhad::Result<dhad::Segmenter> seg = dhad::Segmenter::open(kSegmentModel);
    if (!seg) {
      state.SkipWithError(seg.error().message().c_str());
      return;
    }
    benchmark::DoNotOptimize(seg->about().data());
  }
  state.SetBytesProcessed(int64_t(state.iterations()) *
                          int64_t(dhad::segment_internal::default_model_bytes().size()));
}
BENCHMARK(BM_SegmenterOpenFile)->Unit(benchmark::kMillisecond);

void BM_SegmenterOpenDefault(benchmark::State& state) {
  for (auto _ : state) {
    dhad::Result<dhad::Segmenter> seg = dhad::Segmenter::open_default();
    benchmark::DoNotOptimize(seg.ok());
  }
  state.SetBytesProcessed(int64_t(state.iterations()) *
                          int64_t(dhad::segment_internal::default_model_bytes().size()));
}
BENCHMARK(BM_SegmenterOpenDefault)->Unit(benchmark::kMillisecond);

void BM_ModelChecksum(benchmark::State& state) {
  const std::string_view bytes = dhad::segment_internal::default_model_bytes();
  for (auto _ : state) {
    benchmark::DoNotOptimize(dhad::model_internal::checksum(
        reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
  }
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(bytes.size()));
}
BENCHMARK(BM_ModelChecksum)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
