#include "dhad/pipeline.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "pipeline/analysis_memo.h"
#include "segment/segment_model.h"
#include "stem/light10_bulk.h"
#include "stem/stem_memo.h"

namespace dhad {

void Analysis::clear() {
  tokens_.clear();
  for (int f = 0; f < kFieldCount; ++f) {
    arena_[f].clear();
    ends_[f].clear();
  }
  segments_.clear();
  segment_ends_.clear();
  norm_is_text_.clear();
  text_ = {};
  base_ = 0;
}

struct Pipeline::Impl {
  Impl(const PipelineOptions& o, std::optional<Segmenter> s, std::unique_ptr<Stemmer> stem)
      : id(++last_id),
        options(o),
        own_segmenter(std::move(s)),
        stemmer(std::move(stem)),
        light10(make_stemmer(StemAlgorithm::kLight10)),
        isri(make_stemmer(StemAlgorithm::kIsri)) {}

  // Tells this pipeline's entries in the analysis memo from another's.
  static inline std::atomic<uint64_t> last_id{0};
  const uint64_t id;
  PipelineOptions options;
  Tokenizer tokenizer;
  // The model options.segment_model names; without one, the embedded model,
  // opened on first use (see segmenter()).
  std::optional<Segmenter> own_segmenter;
  std::unique_ptr<Stemmer> stemmer;  // options.stem, with options.stemming
  std::unique_ptr<Stemmer> light10;
  std::unique_ptr<Stemmer> isri;
  std::unique_ptr<Corrector> corrector;  // options.correct

  // The normalizer's tables take about half a millisecond to build: built on
  // first use, so that stem or segment do not pay for them at start-up.
  const Normalizer& normalizer() const {
    std::call_once(normalizer_built, [&] { lazy_normalizer.emplace(options.normalize); });
    return *lazy_normalizer;
  }
  mutable std::once_flag normalizer_built;
  mutable std::optional<Normalizer> lazy_normalizer;

  // The embedded model is opened once per process, when a pipeline first
  // segments: commands that never do (stem, normalize, tokenize) skip its
  // checksum, about 1 ms of every run's start.
  Result<const Segmenter*> segmenter() const {
    if (own_segmenter) return &*own_segmenter;
    static const Result<Segmenter> embedded = Segmenter::open_default();
    if (!embedded) return embedded.error();
    return &*embedded;
  }
};

namespace {

// Whether bytes of a checked text go out as they are; the one place that says so.
bool writes_raw(bool valid_utf8, InvalidUtf8 policy) {
  return valid_utf8 || policy == InvalidUtf8::kKeep;
}

// A text to work on once the invalid-UTF-8 policy has been applied.
struct Checked {
  std::string_view text;
  bool valid = true;
  // The bytes may be written as they are (valid, or the policy keeps them).
  bool raw_ok = true;
};

// Appends the line endings found in gap (whitespace between tokens), each as
// it came ("\n" or "\r\n"); returns whether there was any.
bool append_line_ends(std::string_view gap, std::string* out) {
  bool any = false;
  for (size_t i = 0; i < gap.size(); ++i) {
    if (gap[i] != '\n') continue;
    out->append(i > 0 && gap[i - 1] == '\r' ? "\r\n" : "\n");
    any = true;
  }
  return any;
}

// The tokens of each line separated by single spaces, line ends kept; emit(token,
// out) appends what stands for each token.
template <typename Emit>
void write_token_lines(std::string_view text, const TextContext& at,
                       const std::vector<Token>& tokens, std::string* out, Emit emit) {
  uint64_t cursor = 0;
  // A piece that continues a line goes on with a space, or with nothing when
  // it continues a token cut in two.
  bool line_start = !at.continues_line || !at.line_has_token;
  for (const Token& t : tokens) {
    const std::string_view gap = text.substr(cursor, t.begin - cursor);
    if (append_line_ends(gap, out)) line_start = true;
    if (!line_start && !(t.begin == 0 && at.continues_token)) out->push_back(' ');
    emit(t, out);
    line_start = false;
    cursor = t.end;
  }
  append_line_ends(text.substr(cursor), out);
}

// The text format's hot path: the same output, written through a raw pointer
// into a per-thread buffer sized for the worst case, then appended to `out`
// (resizing `out` to the worst case wrote zeros over it first: 2% of stem
// isri). write(token, dst) puts at most the token's own length at dst (16
// bytes of slack follow) and returns how much it wrote. The bytes must need
// no repair.
template <typename Write>
void write_text_lines(std::string_view text_view, const TextContext& at,
                      const std::vector<Token>& tokens, std::string* out, Write write) {
  const char* text = text_view.data();
  // At most one added space per token; line ends reuse the gaps' bytes.
  const size_t worst = text_view.size() + tokens.size() + 2 + 16;
  thread_local std::unique_ptr<char[]> scratch;  // new char[]: not zeroed
  thread_local size_t scratch_size = 0;
  if (scratch_size < worst) {
    scratch_size = std::max(worst, 2 * scratch_size);
    scratch.reset(new char[scratch_size]);
  }
  char* const start = scratch.get();
  char* o = start;
  uint64_t cursor = 0;
  bool line_start = !at.continues_line || !at.line_has_token;
  auto line_ends = [&](uint64_t from, uint64_t to) {
    const char* p = text + from;
    const char* end = text + to;
    while ((p = static_cast<const char*>(std::memchr(p, '\n', size_t(end - p)))) != nullptr) {
      if (p > text && p[-1] == '\r') *o++ = '\r';
      *o++ = '\n';
      line_start = true;
      ++p;
    }
  };
  for (const Token& t : tokens) {
    if (t.begin - cursor > 1 || (t.begin > cursor && text[cursor] == '\n')) {
      line_ends(cursor, t.begin);
    }
    if (!line_start && !(t.begin == 0 && at.continues_token)) *o++ = ' ';
    o += write(t, o);
    line_start = false;
    cursor = t.end;
  }
  line_ends(cursor, text_view.size());
  out->append(start, size_t(o - start));
  // A text of many megabytes (a library caller's) does not pin its size per thread.
  if (scratch_size > (size_t{8} << 20)) {
    scratch.reset();
    scratch_size = 0;
  }
}

// write_text_lines()'s write for a token that stands for itself: its bytes,
// short ones as one fixed-size 16-byte move (no call; the slack after the
// token takes the bytes past it).
size_t copy_token(std::string_view text, const Token& t, char* o) {
  const size_t length = t.end - t.begin;
  if (length <= 16 && t.begin + 16 <= text.size()) {
    std::memcpy(o, text.data() + t.begin, 16);
  } else {
    std::memcpy(o, text.data() + t.begin, length);
  }
  return length;
}

// Calls f(slice, context) on pieces of `text` that end at a line end, of about
// kSlice bytes (the last may be shorter, a longer line is one piece): a
// piece's tokens then stay in cache between the tokenizer and the writer.
template <typename F>
void for_each_line_slice(std::string_view text, const TextContext& at, F f) {
  constexpr size_t kSlice = size_t{64} << 10;
  for (size_t from = 0; from < text.size() || from == 0;) {
    size_t to = text.size();
    if (to - from > kSlice) {
      const size_t nl = text.find('\n', from + kSlice);
      if (nl != std::string_view::npos) to = nl + 1;
    }
    TextContext slice_at = at;
    if (from > 0) slice_at = TextContext{at.base + from};
    f(text.substr(from, to - from), slice_at);
    from = to;
    if (to == 0) break;  // empty text: one empty slice
  }
}

}  // namespace

Pipeline::Pipeline(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Pipeline::Pipeline(Pipeline&&) noexcept = default;
Pipeline& Pipeline::operator=(Pipeline&&) noexcept = default;
Pipeline::~Pipeline() = default;

Result<Pipeline> Pipeline::create(const PipelineOptions& options) {
  // A model the caller names is opened now, so that a bad file fails here.
  std::optional<Segmenter> segmenter;
  if (!options.segment_model.empty()) {
    Result<Segmenter> opened = Segmenter::open(options.segment_model);
    if (!opened) return opened.error();
    segmenter.emplace(std::move(*opened));
  }
  std::unique_ptr<Stemmer> stemmer = make_stemmer(options.stem, options.stemming);
  if (stemmer == nullptr) {  // which of the two is wrong
    if (make_stemmer(options.stem) == nullptr) {
      return Error(ErrorCode::kInvalidArgument, "no such stemming algorithm");
    }
    return Error(ErrorCode::kInvalidArgument,
                 "min_stem (the fewest letters a stem keeps) is a light10 option; " +
                     std::string(stem_algorithm_name(options.stem)) + " takes none");
  }
  auto impl = std::make_unique<Impl>(options, std::move(segmenter), std::move(stemmer));
  if (options.correct) {
    Result<Corrector> c = options.correct_model.empty() ? Corrector::open_default()
                                                        : Corrector::open(options.correct_model);
    if (!c) return c.error();
    impl->corrector = std::make_unique<Corrector>(std::move(*c));
  }
  return Pipeline(std::move(impl));
}

const Normalizer& Pipeline::normalizer() const { return impl_->normalizer(); }

const Corrector* Pipeline::corrector() const { return impl_->corrector.get(); }

Status Pipeline::correct(std::string_view text, std::string* out, const TextContext& at,
                         TextStats* stats) const {
  if (impl_->corrector == nullptr) {
    return Error(ErrorCode::kInvalidArgument, "this Pipeline was built without correction");
  }
  TextStats local;
  if (Status s = check_utf8(text, at, stats != nullptr ? stats : &local); !s) return s;
  const bool valid = (stats != nullptr ? stats : &local)->valid_utf8;
  if (writes_raw(valid, impl_->options.invalid_utf8)) {
    impl_->corrector->correct(text, impl_->options.correction, out);
    return {};
  }
  // Corrections never touch invalid bytes: replace them afterwards.
  std::string corrected;
  impl_->corrector->correct(text, impl_->options.correction, &corrected);
  append_checked(corrected, false, out);
  return {};
}

const PipelineOptions& Pipeline::options() const { return impl_->options; }

void Pipeline::append_checked(std::string_view bytes, bool valid_utf8, std::string* out) const {
  if (writes_raw(valid_utf8, impl_->options.invalid_utf8)) {
    out->append(bytes);
  } else {
    append_replacing_invalid_utf8(bytes, out);
  }
}

Status Pipeline::check_utf8(std::string_view text, const TextContext& at, TextStats* stats) const {
  size_t bad = at.first_invalid_utf8 != TextContext::kUnknown ? at.first_invalid_utf8
                                                              : find_invalid_utf8(text);
  stats->valid_utf8 = bad >= text.size();
  if (stats->valid_utf8) return {};
  const InvalidUtf8 policy = impl_->options.invalid_utf8;
  if (policy == InvalidUtf8::kStrict) {
    return Error(ErrorCode::kInvalidUtf8, "invalid UTF-8 at byte " + std::to_string(at.base + bad),
                 at.base + bad);
  }
  if (policy == InvalidUtf8::kReplace) {
    while (bad < text.size()) {
      ++stats->replaced;
      bad += decode_utf8(text, bad).length;
      bad += find_invalid_utf8(text.substr(bad));
    }
  }
  return {};
}

namespace {

// Applies the policy: the error under strict, else what to work on.
Status check(const Pipeline& p, std::string_view text, const TextContext& at, TextStats* stats,
             Checked* out) {
  TextStats local;
  TextStats* s = stats != nullptr ? stats : &local;
  TextStats found;
  if (Status st = p.check_utf8(text, at, &found); !st) return st;
  s->replaced += found.replaced;
  s->valid_utf8 = s->valid_utf8 && found.valid_utf8;
  out->text = text;
  out->valid = found.valid_utf8;
  out->raw_ok = writes_raw(found.valid_utf8, p.options().invalid_utf8);
  return {};
}

}  // namespace

Status Pipeline::normalize(std::string_view text, std::string* out, const TextContext& at,
                           TextStats* stats) const {
  Checked c;
  if (Status s = check(*this, text, at, stats, &c); !s) return s;
  if (c.raw_ok) {
    impl_->normalizer().normalize(text, out);
    return {};
  }
  std::string repaired;
  append_checked(text, c.valid, &repaired);
  impl_->normalizer().normalize(repaired, out);
  return {};
}

Status Pipeline::tokenize_text(std::string_view text, std::string* out, const TextContext& at,
                               TextStats* stats) const {
  Checked c;
  if (Status s = check(*this, text, at, stats, &c); !s) return s;
  // Reused per thread: a fresh vector would regrow for every call.
  thread_local std::vector<Token> tokens;
  tokens.clear();
  impl_->tokenizer.tokenize(text, &tokens);
  if (c.raw_ok) {
    write_text_lines(text, at, tokens, out,
                     [&](const Token& t, char* o) { return copy_token(text, t, o); });
    return {};
  }
  write_token_lines(text, at, tokens, out, [&](const Token& t, std::string* o) {
    append_checked(text.substr(t.begin, t.end - t.begin), c.valid, o);
  });
  return {};
}

Status Pipeline::stem(std::string_view text, std::string* out, const TextContext& at,
                      TextStats* stats) const {
  Checked c;
  if (Status s = check(*this, text, at, stats, &c); !s) return s;
  const Stemmer& stemmer = *impl_->stemmer;
  const Tokenizer& tokenizer = impl_->tokenizer;
  thread_local std::vector<Token> tokens;
  if (!c.raw_ok) {
    // Arabic words are stemmed; numbers, Latin words, punctuation pass as they are.
    tokens.clear();
    tokenizer.tokenize(text, &tokens);
    std::string repaired;
    write_token_lines(text, at, tokens, out, [&](const Token& t, std::string* o) {
      const std::string_view word = text.substr(t.begin, t.end - t.begin);
      if (t.kind != TokenKind::kArabic) {
        append_checked(word, c.valid, o);
        return;
      }
      repaired.clear();
      append_checked(word, c.valid, &repaired);
      stemmer.stem(repaired, o);
    });
    return {};
  }
  const bool bulk = impl_->options.stem == StemAlgorithm::kLight10 && c.valid &&
                    stem_internal::Light10Bulk::fast_on_this_cpu();
  for_each_line_slice(text, at, [&](std::string_view slice, const TextContext& slice_at) {
    tokens.clear();
    tokenizer.tokenize(slice, &tokens);
    if (bulk) {
      // Most words straight from the chunk pass. The rest (marks, tatweel,
      // other letters) seldom repeat: a memo lookup would mostly miss the
      // cache for nothing, so the stemmer takes them.
      thread_local stem_internal::Light10Bulk thread_bulk;
      stem_internal::Light10Bulk& chunks = thread_bulk;
      chunks.reset(slice, impl_->options.stemming.min_stem_letters);
      write_text_lines(slice, slice_at, tokens, out, [&](const Token& t, char* o) {
        if (t.kind != TokenKind::kArabic) return copy_token(slice, t, o);
        const size_t size = chunks.stem(t.begin, t.end, o);
        if (size != stem_internal::Light10Bulk::kNotHandled) return size;
        return stemmer.stem_to(slice.substr(t.begin, t.end - t.begin), o);
      });
      return;
    }
    // write_text_lines leaves 16 bytes of slack after each token: the memo's room.
    thread_local stem_internal::StemMemo thread_memo;
    stem_internal::StemMemo& memo = thread_memo;  // one TLS lookup per slice
    memo.use(stemmer, impl_->options.stemming);
    write_text_lines(slice, slice_at, tokens, out, [&](const Token& t, char* o) {
      if (t.kind != TokenKind::kArabic) return copy_token(slice, t, o);
      return memo.stem_to(slice.substr(t.begin, t.end - t.begin), o);
    });
  });
  return {};
}

Status Pipeline::segment(std::string_view text, std::string* out, const TextContext& at,
                         TextStats* stats) const {
  Result<const Segmenter*> segmenter = impl_->segmenter();
  if (!segmenter) return segmenter.error();
  Checked c;
  if (Status s = check(*this, text, at, stats, &c); !s) return s;
  // With replace, the text is repaired first: the Segmenter then sees U+FFFD.
  std::string repaired;
  if (!c.raw_ok) {
    append_checked(text, c.valid, &repaired);
    text = repaired;
  }
  thread_local std::vector<Token> tokens;
  thread_local std::vector<Segment> pieces;
  tokens.clear();
  impl_->tokenizer.tokenize(text, &tokens);
  // Tokens of one line separated by spaces, pieces by "+ " (the format of
  // segment_line(), and so of the pud-dev gold).
  write_token_lines(text, at, tokens, out, [&](const Token& t, std::string* o) {
    pieces.clear();
    const size_t index = size_t(&t - tokens.data());
    const bool joins =
        (*segmenter)->segment_token(text, tokens, index, impl_->options.segment, &pieces);
    append_pieces(text.substr(t.begin, t.end - t.begin), pieces, o);
    if (joins) o->push_back('+');
  });
  return {};
}

namespace pipeline_internal {
namespace {
thread_local bool analysis_memo_on = true;
}  // namespace
void set_analysis_memo(bool on) { analysis_memo_on = on; }
}  // namespace pipeline_internal

Status Pipeline::analyze(std::string_view text, const AnalyzeFields& fields, Analysis* out,
                         const TextContext& at, TextStats* stats) const {
  using pipeline_internal::AnalysisMemo;
  out->clear();
  const Segmenter* segmenter = nullptr;
  if (fields.segments) {
    Result<const Segmenter*> opened = impl_->segmenter();
    if (!opened) return opened.error();
    segmenter = *opened;
  }
  Checked c;
  if (Status s = check(*this, text, at, stats, &c); !s) return s;
  const Impl& p = *impl_;
  const Normalizer* normalizer = fields.norm ? &p.normalizer() : nullptr;
  std::vector<Token>& tokens = out->tokens_;
  p.tokenizer.tokenize(text, &tokens);
  out->text_ = text;
  out->base_ = at.base;
  const size_t n = tokens.size();
  auto ends = [&](Analysis::Field f) -> std::vector<uint32_t>& {
    out->ends_[f].reserve(n);
    return out->ends_[f];
  };
  // The memo, for valid text long enough to repeat its words (a short text
  // does not pay for the memo's memory). It holds every field below: one
  // added to AnalyzeFields must be held too (or turn the memo off).
  static_assert(sizeof(AnalyzeFields) == 5, "a new analyze field: see the memo");
  // The fields it holds, in its order:
  constexpr Analysis::Field kMemoField[AnalysisMemo::kFields] = {
      Analysis::kNorm, Analysis::kStem, Analysis::kLight10, Analysis::kRoot};
  const bool field_on[AnalysisMemo::kFields] = {fields.norm, fields.stem, fields.light10,
                                                fields.root};
  AnalysisMemo* memo = nullptr;
  // It pays for the segmenter and ISRI; a norm is a table check per token and
  // a light10 stem a few steps, no dearer than a lookup (tokenize and stem
  // --format jsonl were 25% and 5% slower with it).
  const bool worth_it = fields.segments || fields.root ||
                        (fields.stem && impl_->options.stem == StemAlgorithm::kIsri);
  if (c.valid && n >= 256 && worth_it && pipeline_internal::analysis_memo_on) {
    thread_local AnalysisMemo thread_memo;
    memo = &thread_memo;
    memo->use(p.id, uint32_t(fields.norm) | uint32_t(fields.segments) << 1 |
                        uint32_t(fields.stem) << 2 | uint32_t(fields.light10) << 3 |
                        uint32_t(fields.root) << 4);
  }
  // Each token's key and hash, found kAhead tokens ahead so that its entry
  // is loaded by the time it is looked up.
  constexpr size_t kAhead = 4, kRing = 8;
  struct Ahead {
    bool memoized;
    AnalysisMemo::Key key;
    uint64_t hash;
  } ring[kRing];
  auto look_ahead = [&](size_t j) {
    Ahead& a = ring[j % kRing];
    a.memoized = j < n && tokens[j].end - tokens[j].begin <= AnalysisMemo::kMaxToken;
    if (!a.memoized) return;
    a.key = {text.substr(tokens[j].begin, tokens[j].end - tokens[j].begin), uint8_t(tokens[j].kind),
             fields.segments && segment_internal::joins_next(text, tokens, j)};
    a.hash = memo->hash(a.key);
    memo->prefetch(a.hash);
  };
  if (memo != nullptr) {
    for (size_t j = 0; j < kAhead; ++j) look_ahead(j);
  }
  std::string repaired;
  thread_local std::vector<Segment> pieces;
  for (size_t i = 0; i < n; ++i) {
    const Token& t = tokens[i];
    const std::string_view token = text.substr(t.begin, t.end - t.begin);
    size_t before[Analysis::kFieldCount];
    size_t segments_before = 0;
    const Ahead* ahead = nullptr;
    if (memo != nullptr) {
      look_ahead(i + kAhead);
      if (ring[i % kRing].memoized) ahead = &ring[i % kRing];
    }
    if (ahead != nullptr) {
      AnalysisMemo::Fields got;
      if (memo->find(ahead->key, ahead->hash, &got)) {
        if (fields.norm) out->norm_is_text_.push_back(got.norm_is_text);
        for (size_t f = 0; f < AnalysisMemo::kFields; ++f) {
          if (!field_on[f]) continue;
          std::string& arena = out->arena_[kMemoField[f]];
          arena.append(got.bytes[f]);
          ends(kMemoField[f]).push_back(uint32_t(arena.size()));
        }
        if (fields.segments) {
          for (size_t k = 0; k < got.segment_count; ++k) {
            out->segments_.push_back({got.bounds[2 * k], got.bounds[2 * k + 1],
                                      SegmentRole((got.roles >> (2 * k)) & 3)});
          }
          out->segment_ends_.push_back(uint32_t(out->segments_.size()));
        }
        continue;
      }
      for (int f = 0; f < Analysis::kFieldCount; ++f) before[f] = out->arena_[f].size();
      segments_before = out->segments_.size();
    }
    // The stemmers want valid UTF-8: they see the repaired token.
    std::string_view clean = token;
    if (!c.valid && !is_valid_utf8(token)) {
      repaired.clear();
      append_replacing_invalid_utf8(token, &repaired);
      clean = repaired;
    }
    if (fields.norm) {
      // Most words need no change: a table check instead of normalize(), and
      // the token's own bytes instead of a copy.
      const bool same = normalizer->unchanged_prefix(token) == token.size();
      out->norm_is_text_.push_back(same);
      if (!same) normalizer->normalize(token, &out->arena_[Analysis::kNorm]);
      ends(Analysis::kNorm).push_back(uint32_t(out->arena_[Analysis::kNorm].size()));
    }
    if (fields.segments) {
      pieces.clear();
      segmenter->segment_token(text, tokens, i, p.options.segment, &pieces);
      out->segments_.insert(out->segments_.end(), pieces.begin(), pieces.end());
      out->segment_ends_.push_back(uint32_t(out->segments_.size()));
    }
    if (fields.stem) {
      // As stem() sees the token: as it is where the policy keeps the bytes.
      std::string& arena = out->arena_[Analysis::kStem];
      if (t.kind != TokenKind::kArabic) {
        append_checked(token, c.valid, &arena);
      } else {
        p.stemmer->stem(c.raw_ok ? token : clean, &arena);
      }
      ends(Analysis::kStem).push_back(uint32_t(arena.size()));
    }
    // light10 stem and ISRI root: an Arabic word's, anything else as it is.
    auto stem_field = [&](Analysis::Field f, const Stemmer& stemmer) {
      std::string& arena = out->arena_[f];
      if (t.kind == TokenKind::kArabic) {
        stemmer.stem(clean, &arena);
      } else {
        arena.append(token);
      }
      ends(f).push_back(uint32_t(arena.size()));
    };
    if (fields.light10) stem_field(Analysis::kLight10, *p.light10);
    if (fields.root) stem_field(Analysis::kRoot, *p.isri);
    if (ahead != nullptr) {
      std::string_view bytes[AnalysisMemo::kFields];
      for (size_t f = 0; f < AnalysisMemo::kFields; ++f) {
        const std::string& arena = out->arena_[kMemoField[f]];
        const size_t from = before[kMemoField[f]];
        bytes[f] = std::string_view(arena).substr(from);
      }
      const bool norm_is_text = fields.norm && out->norm_is_text_.back();
      memo->put(ahead->key, ahead->hash, norm_is_text, bytes,
                std::span<const Segment>(out->segments_).subspan(segments_before));
    }
  }
  if (at.base != 0) {
    for (Token& t : tokens) {
      t.begin += at.base;
      t.end += at.base;
    }
  }
  return {};
}

namespace {

// Runs job(i) for i in [0, n) on `threads` threads (0: one per core).
template <typename Job>
void parallel_for(size_t n, int threads, Job job) {
  size_t workers =
      threads > 0 ? size_t(threads) : std::max(1u, std::thread::hardware_concurrency());
  workers = std::min(workers, n);
  if (workers <= 1) {
    for (size_t i = 0; i < n; ++i) job(i);
    return;
  }
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  pool.reserve(workers);
  for (size_t w = 0; w < workers; ++w) {
    pool.emplace_back([&] {
      for (size_t i = next++; i < n; i = next++) job(i);
    });
  }
  for (std::thread& t : pool) t.join();
}

Status first_error(const std::vector<Status>& statuses) {
  for (size_t i = 0; i < statuses.size(); ++i) {
    if (!statuses[i].ok()) {
      const Error& e = statuses[i].error();
      return Error(e.code(), "text " + std::to_string(i) + ": " + e.message(), e.offset());
    }
  }
  return {};
}

}  // namespace

Status Pipeline::run_batch(TextOp op, std::span<const std::string_view> texts,
                           std::vector<std::string>* out, int threads) const {
  out->assign(texts.size(), std::string());
  std::vector<Status> statuses(texts.size());
  parallel_for(texts.size(), threads, [&](size_t i) {
    std::string* o = &(*out)[i];
    switch (op) {
      case TextOp::kNormalize:
        statuses[i] = normalize(texts[i], o);
        break;
      case TextOp::kTokenizeText:
        statuses[i] = tokenize_text(texts[i], o);
        break;
      case TextOp::kStem:
        statuses[i] = stem(texts[i], o);
        break;
      case TextOp::kSegment:
        statuses[i] = segment(texts[i], o);
        break;
      case TextOp::kCorrect:
        statuses[i] = correct(texts[i], o);
        break;
    }
  });
  return first_error(statuses);
}

Status Pipeline::analyze_batch(std::span<const std::string_view> texts, const AnalyzeFields& fields,
                               std::vector<Analysis>* out, int threads) const {
  out->resize(texts.size());
  std::vector<Status> statuses(texts.size());
  parallel_for(texts.size(), threads,
               [&](size_t i) { statuses[i] = analyze(texts[i], fields, &(*out)[i]); });
  return first_error(statuses);
}

}  // namespace dhad
