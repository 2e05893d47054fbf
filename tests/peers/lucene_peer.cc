// lucene_peer: runs Lucene++ 3.0.8's Arabic analysis chain over stdin, one input
// line at a time, so dhad can be compared against the real thing (differential
// tests) and timed against it (benchmarks). Not part of dhad; built only in
// developer mode when Lucene++ and its contrib library are installed.
//
//   lucene_peer [--bench] MODE < lines.txt
//
// MODE           chain (each line is one Lucene document)
//   tokens       ArabicLetterTokenizer
//   normalize    ArabicLetterTokenizer + ArabicNormalizationFilter
//   stem         ArabicLetterTokenizer + ArabicNormalizationFilter + ArabicStemFilter
//   analyze      ArabicAnalyzer (tokenizer, LowerCase, Stop, Normalization, Stem)
//
// Output: one token per line, UTF-8. A token the filters empty (e.g. a lone
// tatweel or haraka) is written as an empty line: the filters never drop tokens,
// only ArabicAnalyzer's StopFilter does. Since a token consists of token
// characters only, a file of `tokens` output fed back through any non-analyze
// mode yields exactly one output line per input line.
//
// --bench reads all of stdin first, then times the analysis alone (UTF-8 decode,
// the chain, counting tokens; no output) and reports on stderr the tokens and
// MB/s (10^6 bytes of input per second).
//
// Lucene++ silently yields no tokens for a line that is not valid UTF-8; such
// lines are counted and reported on stderr so a caller can tell.
//
// Cost: Lucene++ works on wide strings; every line is decoded to std::wstring.

#include <lucene++/ArabicAnalyzer.h>
#include <lucene++/ArabicLetterTokenizer.h>
#include <lucene++/ArabicNormalizationFilter.h>
#include <lucene++/ArabicStemFilter.h>
#include <lucene++/LuceneHeaders.h>
#include <lucene++/StringReader.h>
#include <lucene++/StringUtils.h>
#include <lucene++/TermAttribute.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <iostream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "driver_util.h"

namespace {

enum class Mode { kTokens, kNormalize, kStem, kAnalyze };

using driver::kExitOk;
using driver::kExitUsage;
constexpr int kExitFailure = driver::kExitIo;

void print_usage(std::FILE* out) {
  std::fputs(
      "usage: lucene_peer [--bench] MODE < lines.txt\n"
      "  MODE: tokens | normalize | stem | analyze\n"
      "  Runs Lucene++'s Arabic chain on each stdin line; one token per output line.\n"
      "  --bench: read all input, time the analysis, print MB/s to stderr.\n",
      out);
}

bool parse_mode(std::string_view s, Mode* mode) {
  if (s == "tokens")
    *mode = Mode::kTokens;
  else if (s == "normalize")
    *mode = Mode::kNormalize;
  else if (s == "stem")
    *mode = Mode::kStem;
  else if (s == "analyze")
    *mode = Mode::kAnalyze;
  else
    return false;
  return true;
}

// Strict UTF-8 check (no overlongs, surrogates or values past U+10FFFF); used
// only to report the lines Lucene++ would silently drop.
bool is_valid_utf8(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    uint32_t min;
    if ((b & 0xE0) == 0xC0) {
      len = 2;
      cp = b & 0x1F;
      min = 0x80;
    } else if ((b & 0xF0) == 0xE0) {
      len = 3;
      cp = b & 0x0F;
      min = 0x800;
    } else if ((b & 0xF8) == 0xF0) {
      len = 4;
      cp = b & 0x07;
      min = 0x10000;
    } else
      return false;
    if (n - i < len) return false;
    for (size_t k = 1; k < len; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (c & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

// One Lucene analysis chain, reused for every line as Lucene's own analyzers do.
class Chain {
 public:
  explicit Chain(Mode mode) : mode_(mode) {
    using namespace Lucene;
    if (mode_ == Mode::kAnalyze) {
      analyzer_ = newLucene<ArabicAnalyzer>(LuceneVersion::LUCENE_30);
      return;
    }
    tokenizer_ = newLucene<ArabicLetterTokenizer>(newLucene<StringReader>(L""));
    stream_ = tokenizer_;
    if (mode_ == Mode::kNormalize || mode_ == Mode::kStem) {
      stream_ = newLucene<ArabicNormalizationFilter>(stream_);
    }
    if (mode_ == Mode::kStem) stream_ = newLucene<ArabicStemFilter>(stream_);
    term_ = stream_->addAttribute<TermAttribute>();
  }

  // Calls on_token(const wchar_t*, int32_t length) for each token of `line`.
  template <typename F>
  void run(const Lucene::String& line, F&& on_token) {
    using namespace Lucene;
    ReaderPtr reader = newLucene<StringReader>(line);
    if (mode_ == Mode::kAnalyze) {
      stream_ = analyzer_->reusableTokenStream(L"", reader);
      term_ = stream_->addAttribute<TermAttribute>();
    } else {
      tokenizer_->reset(reader);
    }
    stream_->reset();
    while (stream_->incrementToken()) {
      on_token(term_->termBuffer().get(), term_->termLength());
    }
    stream_->end();
  }

 private:
  Mode mode_;
  Lucene::AnalyzerPtr analyzer_;
  Lucene::TokenizerPtr tokenizer_;
  Lucene::TokenStreamPtr stream_;
  Lucene::TermAttributePtr term_;
};

Lucene::String decode(std::string_view line) {
  return Lucene::StringUtils::toUnicode(reinterpret_cast<const uint8_t*>(line.data()),
                                        static_cast<int32_t>(line.size()));
}

void report_invalid(uint64_t invalid_lines) {
  if (invalid_lines > 0) {
    std::fprintf(stderr,
                 "lucene_peer: %llu line(s) not valid UTF-8; Lucene++ may drop their tokens\n",
                 static_cast<unsigned long long>(invalid_lines));
  }
}

int run_print(Mode mode) {
  Chain chain(mode);
  std::string line;
  std::string out;
  uint64_t invalid_lines = 0;
  while (std::getline(std::cin, line)) {
    if (!is_valid_utf8(line)) ++invalid_lines;
    chain.run(decode(line), [&](const wchar_t* text, int32_t length) {
      out += Lucene::StringUtils::toUTF8(text, length);
      out += '\n';
    });
    if (out.size() >= (1u << 16)) {
      if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size()) return kExitFailure;
      out.clear();
    }
  }
  if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() || std::fflush(stdout) != 0) {
    std::fputs("lucene_peer: write error\n", stderr);
    return kExitFailure;
  }
  report_invalid(invalid_lines);
  return kExitOk;
}

int run_bench(Mode mode, const char* mode_name) {
  std::string input((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  std::vector<std::string_view> lines;
  uint64_t invalid_lines = 0;
  for (size_t pos = 0; pos < input.size();) {
    size_t end = input.find('\n', pos);
    if (end == std::string::npos) end = input.size();
    lines.emplace_back(input.data() + pos, end - pos);
    if (!is_valid_utf8(lines.back())) ++invalid_lines;
    pos = end + 1;
  }

  Chain chain(mode);
  uint64_t tokens = 0;
  const auto start = std::chrono::steady_clock::now();
  for (std::string_view line : lines) {
    chain.run(decode(line), [&](const wchar_t*, int32_t) { ++tokens; });
  }
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;

  const double seconds = elapsed.count();
  const double mb = static_cast<double>(input.size()) / 1e6;
  std::fprintf(stderr, "lucene_peer %s: %llu lines, %llu tokens, %.2f MB in %.3f s: %.2f MB/s\n",
               mode_name, static_cast<unsigned long long>(lines.size()),
               static_cast<unsigned long long>(tokens), mb, seconds,
               seconds > 0 ? mb / seconds : 0.0);
  report_invalid(invalid_lines);
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  bool bench = false;
  const char* mode_name = nullptr;
  if (int status = driver::parse_bench_and_mode(argc, argv, print_usage, &bench, &mode_name);
      status >= 0)
    return status;
  Mode mode;
  if (!parse_mode(mode_name, &mode)) {
    print_usage(stderr);
    return kExitUsage;
  }

  std::ios::sync_with_stdio(false);
  try {
    return bench ? run_bench(mode, mode_name) : run_print(mode);
  } catch (const Lucene::LuceneException& e) {
    std::fprintf(stderr, "lucene_peer: Lucene++ error: %s\n",
                 Lucene::StringUtils::toUTF8(e.getError()).c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "lucene_peer: %s\n", e.what());
  }
  return kExitFailure;
}
