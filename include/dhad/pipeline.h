// dhad/pipeline.h — every stage behind one object, with the fast paths.
//
// A Pipeline is built once from PipelineOptions (normalization profile,
// invalid-UTF-8 policy, segmentation model, stemming algorithm) and is then
// immutable and safe to share between threads. It is what every front end
// calls: the dhad CLI, the C API (dhad/c_api.h), and through it Python and
// PostgreSQL. Whole-text calls give text (normalize, tokenize, stem, segment)
// or per-token records (analyze); batch calls spread many texts over threads
// inside the library and return results in input order.
//
// The invalid-UTF-8 policy is applied here, in one place: under kStrict a
// text holding invalid UTF-8 is an error naming its offset; under kReplace
// each invalid sequence is worked on as U+FFFD and counted (TextStats); under
// kKeep text output passes the bytes through.
//
// Cost: the text calls run at the CLI's speed (the stemmers' chunk pass and
// memo, the tokenizer's bulk path); a call allocates only its output, and
// per-thread scratch that later calls reuse.
//
//   auto pipeline = dhad::Pipeline::create({});      // Result<Pipeline>
//   std::string out;
//   dhad::Status s = pipeline->stem("والمدرسة بالكتابين", &out);   // "مدرس كتاب"
#ifndef DHAD_PIPELINE_H_
#define DHAD_PIPELINE_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dhad/correct.h"
#include "dhad/export.h"
#include "dhad/normalize.h"
#include "dhad/result.h"
#include "dhad/segment.h"
#include "dhad/stem.h"
#include "dhad/tokenize.h"
#include "dhad/utf8.h"

namespace dhad {

/// | option        | default              | what it sets                                  |
/// |---------------|----------------------|-----------------------------------------------|
/// | normalize     | light()              | the profile of normalize() and of `norm`      |
/// | invalid_utf8  | kReplace             | what invalid UTF-8 in a text does             |
/// | segment_model | "" (the embedded one)| a segmentation model file                     |
/// | segment       | {}                   | SegmentOptions (split_article)                |
/// | stem          | kLight10             | the algorithm of stem() and of `stem` records |
/// | stemming      | {}                   | its StemOptions (min_stem_letters, light10)   |
struct PipelineOptions {
  NormalizeOptions normalize = NormalizeOptions::light();
  InvalidUtf8 invalid_utf8 = InvalidUtf8::kReplace;
  std::string segment_model;
  SegmentOptions segment;
  StemAlgorithm stem = StemAlgorithm::kLight10;
  /// Options of the `stem` algorithm (Pipeline::create refuses those it does
  /// not take); the `light10` field of analyze() is light10 as published.
  StemOptions stemming;
  /// Orthographic correction (dhad/correct.h), off unless `correct` is set;
  /// correct_model "" is the embedded model.
  bool correct = false;
  std::string correct_model;
  CorrectOptions correction;
};

/// What a call found in its text.
struct TextStats {
  uint64_t replaced = 0;   ///< invalid UTF-8 sequences worked on as U+FFFD (kReplace)
  bool valid_utf8 = true;  ///< the whole text was valid UTF-8
};

/// Where a text sits in its input, for callers that stream input in pieces
/// (the CLI does) or know more about it than the text says. The default is a
/// whole text.
///
/// The text output of tokenize_text(), stem() and segment() separates tokens
/// by one space and keeps line ends: a piece that continues a line needs to
/// know whether a space goes before its first token.
struct TextContext {
  static constexpr size_t kUnknown = ~size_t{0};
  uint64_t base = 0;             ///< offset of text[0] in the input (token offsets, errors)
  bool continues_line = false;   ///< the text begins inside a line begun before it
  bool line_has_token = false;   ///< ...and that line had a token before the text
  bool continues_token = false;  ///< the first token is the rest of one cut at the start
  /// Offset of the text's first invalid UTF-8 (text.size() if none), when the
  /// caller has found it already; kUnknown: the call looks.
  size_t first_invalid_utf8 = kUnknown;
};

/// Which fields analyze() fills besides the token itself.
struct AnalyzeFields {
  bool norm = true;      ///< normalized under PipelineOptions::normalize
  bool segments = true;  ///< clitics and stem, as segment()
  bool stem = true;      ///< the stem under PipelineOptions::stem
  bool root = false;     ///< the ISRI root
  bool light10 = false;  ///< the light10 stem, whatever PipelineOptions::stem says
};

/// Per-token results of analyze(), kept column-wise: a call on a long text
/// fills a few buffers rather than several strings a token. Indexes are
/// those of tokens(); a field analyze() was not asked for is empty.
class DHAD_EXPORT Analysis {
 public:
  size_t size() const { return tokens_.size(); }
  const std::vector<Token>& tokens() const { return tokens_; }
  /// The token normalized. Where normalization changes nothing this is the
  /// token's own bytes in the text given to analyze(), which must then still
  /// be alive.
  std::string_view norm(size_t i) const {
    if (!norm_is_text_.empty() && norm_is_text_[i]) {
      const Token& t = tokens_[i];
      return text_.substr(t.begin - base_, t.end - t.begin);
    }
    return field(kNorm, i);
  }
  /// Whether norm(i) is the token's text unchanged.
  bool norm_is_text(size_t i) const { return !norm_is_text_.empty() && norm_is_text_[i]; }
  std::string_view stem(size_t i) const { return field(kStem, i); }
  std::string_view root(size_t i) const { return field(kRoot, i); }
  std::string_view light10(size_t i) const { return field(kLight10, i); }
  /// Offsets relative to the token.
  std::span<const Segment> segments(size_t i) const {
    if (segment_ends_.empty()) return {};
    const uint32_t b = i == 0 ? 0 : segment_ends_[i - 1];
    return std::span<const Segment>(segments_).subspan(b, segment_ends_[i] - b);
  }
  void clear();

 private:
  friend class Pipeline;
  enum Field { kNorm, kStem, kRoot, kLight10, kFieldCount };
  std::string_view field(Field f, size_t i) const {
    const std::vector<uint32_t>& ends = ends_[f];
    if (ends.empty()) return {};
    const uint32_t b = i == 0 ? 0 : ends[i - 1];
    return std::string_view(arena_[f]).substr(b, ends[i] - b);
  }
  std::vector<Token> tokens_;
  std::string arena_[kFieldCount];
  std::vector<uint32_t> ends_[kFieldCount];
  std::vector<Segment> segments_;
  std::vector<uint32_t> segment_ends_;
  std::vector<uint8_t> norm_is_text_;
  std::string_view text_;  // the text analyzed
  uint64_t base_ = 0;      // TextContext::base of that call
};

class DHAD_EXPORT Pipeline {
 public:
  /// Builds every stage; fails with kBadModel (or kIoError) when the
  /// segmentation model cannot be opened.
  static Result<Pipeline> create(const PipelineOptions& options);

  Pipeline(Pipeline&&) noexcept;
  Pipeline& operator=(Pipeline&&) noexcept;
  ~Pipeline();

  const PipelineOptions& options() const;

  /// Appends `text` normalized (line breaks never change).
  Status normalize(std::string_view text, std::string* out, const TextContext& at = {},
                   TextStats* stats = nullptr) const;
  /// Appends the text format of tokenize(): the tokens of each line separated
  /// by single spaces, line ends kept.
  Status tokenize_text(std::string_view text, std::string* out, const TextContext& at = {},
                       TextStats* stats = nullptr) const;
  /// Appends each token's stem in the same text format (tokens that are not
  /// Arabic words as they are).
  Status stem(std::string_view text, std::string* out, const TextContext& at = {},
              TextStats* stats = nullptr) const;
  /// Appends the clitic segmentation in the same text format, each non-final
  /// piece of a token followed by '+' (و+ ب+ الكتاب).
  Status segment(std::string_view text, std::string* out, const TextContext& at = {},
                 TextStats* stats = nullptr) const;
  /// Appends `text` with its misspellings corrected (PipelineOptions::
  /// correction); every other byte is kept. kInvalidArgument unless the
  /// Pipeline was built with `correct`.
  Status correct(std::string_view text, std::string* out, const TextContext& at = {},
                 TextStats* stats = nullptr) const;
  /// The corrector (nullptr unless built with `correct`).
  const Corrector* corrector() const;
  /// The Normalizer of PipelineOptions::normalize, which normalize() applies
  /// (built on first use): for front ends that hold text in other forms than
  /// UTF-8 (Normalizer::normalize_ucs2).
  const Normalizer& normalizer() const;
  /// Fills `out` (cleared first) with the tokens of `text`, offsets plus
  /// at.base, and the fields asked for.
  Status analyze(std::string_view text, const AnalyzeFields& fields, Analysis* out,
                 const TextContext& at = {}, TextStats* stats = nullptr) const;

  /// Applies the invalid-UTF-8 policy to `text` alone: the error kStrict
  /// gives (kInvalidUtf8 naming at.base + the offset), or ok with *stats
  /// filled. The calls above do this themselves.
  Status check_utf8(std::string_view text, const TextContext& at, TextStats* stats) const;
  /// Appends `bytes`, taken from a text that check_utf8() passed, as the
  /// policy writes text: as they are when that text was valid
  /// (TextStats::valid_utf8) or under kKeep, each invalid sequence as U+FFFD
  /// under kReplace. Front ends write input bytes through this instead of
  /// deciding for themselves.
  void append_checked(std::string_view bytes, bool valid_utf8, std::string* out) const;

  /// Batch calls: texts[i] goes to (*out)[i] (resized to texts.size()), on
  /// `threads` threads inside the library (0: one per core). The first error
  /// in input order is returned, its message naming the text's index; the
  /// results of the other texts are kept. kCorrect needs a Pipeline built
  /// with `correct`.
  enum class TextOp { kNormalize, kTokenizeText, kStem, kSegment, kCorrect };
  Status run_batch(TextOp op, std::span<const std::string_view> texts,
                   std::vector<std::string>* out, int threads = 0) const;
  Status analyze_batch(std::span<const std::string_view> texts, const AnalyzeFields& fields,
                       std::vector<Analysis>* out, int threads = 0) const;

  struct Impl;  // internal

 private:
  explicit Pipeline(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace dhad

#endif  // DHAD_PIPELINE_H_
