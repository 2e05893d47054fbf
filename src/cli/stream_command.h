// The streaming base of the dhad CLI's commands: a command works on units
// (a block of lines, or one JSONL record's field) cut into slices, applies
// the invalid-UTF-8 policy through the Pipeline, and writes text or records.
// Internal to the CLI; each command is a file in src/cli/commands/.
#ifndef DHAD_CLI_STREAM_COMMAND_H_
#define DHAD_CLI_STREAM_COMMAND_H_

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.h"
#include "cli/io.h"
#include "cli/jsonl.h"
#include "cli/options.h"
#include "cli/record_writer.h"
#include "dhad/pipeline.h"
#include "dhad/tokenize.h"
#include "dhad/utf8.h"

namespace dhad::cli {

// One text unit to work on: a block of lines, or one record's field.
struct Unit {
  std::string_view text;        // the original bytes
  uint64_t base;                // offset of text[0] in what offsets are reported against
  int64_t record;               // 0-based input line of the record, or -1 (no --field)
  bool valid_utf8;              // the whole text is valid UTF-8
  Edge begin = Edge::kLineEnd;  // how the text starts and ends (see io.h)
  Edge end = Edge::kLineEnd;
  // At a kForced edge: whether the cut went through a token (rather than
  // between two tokens that happen to touch).
  bool first_joined = false;
  bool last_joined = false;
  // When begin is not kLineEnd: the line had a token before text[0].
  bool line_has_token = false;
  // --field, for output that keeps the record: what came before the record on
  // its line (a byte order mark) and how the line ended ("", "\n" or "\r\n").
  std::string_view prefix = {};
  std::string_view line_end = {};

  // True if token or sentence [b, e) is a piece of a longer one cut by a block edge.
  bool piece(uint64_t b, uint64_t e) const {
    return (begin == Edge::kForced && first_joined && b == 0) ||
           (end == Edge::kForced && last_joined && e == text.size());
  }
};

// True if some token of left + right spans the point where they meet.
bool token_spans_join(std::string_view left, std::string_view right);

// --field reads whole records; one longer than this is skipped or an error.
inline constexpr size_t kMaxRecord = size_t{8} << 20;
inline bool is_blank(char c) { return c == ' ' || c == '\t'; }

// Commands that keep a vector of tokens cut lines longer than this, so that a
// block's tokens stay a few MB however short they are.
inline constexpr size_t kMaxTokenPiece = size_t{128} << 10;

class StreamCommand : public Command {
 public:
  // text_in_field: with --field and no --format, the output is the record with
  // the field's text replaced (stem, segment), not one record per item.
  StreamCommand(const Options& options, const Pipeline& pipeline, bool several_files,
                bool text_in_field = false)
      : options_(options),
        pipeline_(pipeline),
        several_files_(several_files),
        text_in_field_(text_in_field) {}

  BlockPolicy block_policy() const override {
    BlockPolicy p;
    p.cut = cut();
    // Token records are ~10x their text: smaller blocks keep memory bounded.
    if (format() != Format::kText) p.target = size_t{256} << 10;
    if (keeps_tokens()) p.max_piece = kMaxTokenPiece;
    if (!options_.field.empty()) {
      p.max_piece = kMaxRecord;
      p.whole_lines = true;
      p.count_lines = true;  // records are named by line number
    }
    // At -j 1 the thread that reads and writes has time to spare while the
    // worker computes, unless the command is as fast as reading and writing.
    p.reader_checks_utf8 = options_.jobs == 1 && options_.field.empty() && !io_bound();
    apply_block_size_override(&p);
    return p;
  }

  void process(const Block& block, const std::string& file, BlockResult* result) const override {
    if (options_.field.empty()) {
      bool valid = false;
      if (!check_utf8(block.data, block.offset, printable(file), result, &valid,
                      block.first_invalid_utf8)) {
        return;
      }
      Unit unit{block.data, block.offset, -1, valid, block.begin, block.end, false, false};
      unit.line_has_token = block.line_has_token;
      if (block.begin == Edge::kForced) {
        const std::string_view head(block.data.data(),
                                    utf8_boundary_before(block.data, Block::kContext));
        unit.first_joined = token_spans_join(block.before, head);
      }
      if (block.end == Edge::kForced) {
        const size_t from = block.data.size() - std::min(block.data.size(), Block::kContext);
        const std::string_view tail = std::string_view(block.data).substr(from);
        const std::string_view next(block.after.data(),
                                    utf8_boundary_before(block.after, block.after.size()));
        unit.last_joined = token_spans_join(tail, next);
      }
      handle(unit, file, std::string_view(), result);
      return;
    }
    process_records(block, file, result);
  }

 protected:
  virtual Cut cut() const { return Cut::kLine; }
  // Whether the command keeps up with the reading and writing thread at -j 1.
  virtual bool io_bound() const { return false; }
  // Whether the command holds a block's tokens (see kMaxTokenPiece).
  virtual bool keeps_tokens() const { return true; }
  // With --field, whether the output is the input's records with the field
  // replaced (so the rest of each line is kept byte for byte, blank lines too).
  bool keeps_records() const {
    return !options_.field.empty() && text_in_field_ && format() == Format::kText;
  }

  // The record, its field replaced by `value`, as it stood on its line.
  static void write_record(const Unit& unit, std::string_view record,
                           const jsonl::StringField& field, std::string_view value,
                           std::string* out) {
    out->append(unit.prefix);
    out->append(jsonl::replace_field(record, field, value));
    out->append(unit.line_end);
  }

  // Work on one unit. `record`/`field` are set in --field mode.
  virtual void handle(const Unit& unit, const std::string& file, std::string_view record,
                      BlockResult* result, const jsonl::StringField* field = nullptr) const = 0;

  // Appends bytes of `unit` for text output under the UTF-8 policy.
  void append_text(const Unit& unit, std::string_view bytes, std::string* out) const {
    pipeline_.append_checked(bytes, unit.valid_utf8, out);
  }

  void common_keys(RecordWriter& w, const std::string& file, const Unit& unit) const {
    if (several_files_) w.text("file", file);
    if (unit.record >= 0) w.number("record", uint64_t(unit.record));
  }

  // A token's record starts with kind, text, begin, end (offsets in the input)...
  void begin_token_record(RecordWriter& w, const Unit& unit, const Token& t) const {
    w.token(t.kind, unit.text.substr(t.begin, t.end - t.begin), unit.base + t.begin,
            unit.base + t.end);
  }
  // ...and ends with file, record and piece, as they apply.
  void end_token_record(RecordWriter& w, const std::string& file, const Unit& unit,
                        const Token& t) const {
    common_keys(w, file, unit);
    if (unit.piece(t.begin, t.end)) w.flag("piece");
    w.end();
  }

  Format format() const {
    if (options_.format_given) return options_.format;
    return options_.field.empty() || text_in_field_ ? Format::kText : Format::kJsonl;
  }

  // The tsv header: `columns`, then file and record when they apply; none for
  // the other formats.
  std::string tsv_header(std::string_view columns) const {
    if (format() != Format::kTsv) return {};
    std::string h(columns);
    if (several_files_) h += "\tfile";
    if (!options_.field.empty()) h += "\trecord";
    return h + "\n";
  }

  // The shape of stem and segment: text output is a Pipeline text call on
  // each slice (with --field, the record with its field replaced by it);
  // record output is one record per token, whose own fields write_fields(w,
  // slice, analysis, i) writes from an analysis with `fields`.
  template <typename TextCall, typename WriteFields>
  void text_or_token_records(const Unit& unit, const std::string& file, std::string_view record,
                             BlockResult* result, const jsonl::StringField* field,
                             const AnalyzeFields& fields, TextCall text_call,
                             WriteFields write_fields) const {
    std::string replaced;  // --field: the field's new text
    std::string* text_out = field != nullptr ? &replaced : &result->out;
    for_each_slice(unit, [&](const Unit& slice) {
      if (format() == Format::kText) {
        expect_ok(text_call(slice.text, text_out, context_of(slice)), result);
        if (field == nullptr) result->maybe_flush();
        return;
      }
      thread_local Analysis analysis;
      expect_ok(pipeline_.analyze(slice.text, fields, &analysis, context_of(slice)), result);
      RecordWriter w(format(), pipeline_, slice.valid_utf8, result);
      for (size_t i = 0; i < analysis.size(); ++i) {
        begin_token_record(w, slice, analysis.tokens()[i]);
        write_fields(w, slice, analysis, i);
        end_token_record(w, file, slice, analysis.tokens()[i]);
      }
    });
    if (field != nullptr && format() == Format::kText) {
      write_record(unit, record, *field, replaced, &result->out);
    }
  }

  // The unit's text as the pipeline sees it: where it sits in its line, and
  // (the unit was checked already) its validity.
  // Offsets stay relative to the unit (records add unit.base).
  static TextContext context_of(const Unit& unit) {
    TextContext at;
    at.continues_line = unit.begin != Edge::kLineEnd;
    at.line_has_token = unit.line_has_token;
    at.continues_token = unit.first_joined;
    if (unit.valid_utf8) at.first_invalid_utf8 = unit.text.size();
    return at;
  }

  // A pipeline call on a unit that passed check_utf8, which leaves the
  // pipeline nothing to refuse; should it refuse anyway, the block's first
  // error is reported rather than dropped.
  static void expect_ok(const Status& s, BlockResult* result) {
    if (!s.ok() && result->status.ok()) result->status = s;
  }

  const Options& options_;
  const Pipeline& pipeline_;
  bool several_files_;
  bool text_in_field_;

 private:
  // --field: each line of the block is a record. A record longer than
  // kMaxRecord comes in pieces over several blocks (kForced edges): it is
  // skipped or reported where it starts, and its other pieces are passed over.
  void process_records(const Block& block, const std::string& file, BlockResult* result) const {
    const std::string_view data(block.data);
    const bool keep = keeps_records();
    uint64_t line = block.first_line;
    for (size_t pos = 0; pos < data.size(); ++line) {
      const bool first = pos == 0;
      size_t nl = data.find('\n', pos);
      const bool ended = nl != std::string_view::npos;
      if (!ended) nl = data.size();
      std::string_view record = data.substr(pos, nl - pos);
      std::string_view line_end = ended ? data.substr(nl, 1) : std::string_view();
      pos = ended ? nl + 1 : nl;
      if (first && block.begin == Edge::kForced) continue;  // the rest of a long record
      if (!ended && block.end == Edge::kForced) {
        if (options_.on_error == OnError::kSkip) {
          ++result->skipped;
          return;
        }
        result->status =
            Error(ErrorCode::kMalformedRecord,
                  printable(file) + ": line " + std::to_string(line + 1) + ": record longer than " +
                      std::to_string(kMaxRecord >> 20) + " MiB (use --on-error skip to skip it)");
        return;
      }
      if (!record.empty() && record.back() == '\r') {
        record.remove_suffix(1);
        line_end = data.substr(nl - 1, ended ? 2 : 1);
      }
      std::string_view prefix;
      if (line == 0 && block.offset == 0 && record.starts_with("\xEF\xBB\xBF")) {
        prefix = record.substr(0, 3);  // a byte order mark: kept, not parsed
        record.remove_prefix(3);
      }
      if (record.find_first_not_of(" \t") == std::string_view::npos) {
        if (keep) {  // a blank line stays
          result->out.append(prefix);
          result->out.append(record);
          result->out.append(line_end);
        }
        continue;
      }
      Result<jsonl::StringField> field = jsonl::find_string_field(record, options_.field);
      if (!field) {
        if (options_.on_error == OnError::kSkip) {
          ++result->skipped;
          continue;
        }
        result->status = Error(ErrorCode::kMalformedRecord,
                               printable(file) + ": line " + std::to_string(line + 1) + ": " +
                                   field.error().message() + " (use --on-error skip to skip it)");
        return;
      }
      const std::string where = printable(file) + ": line " + std::to_string(line + 1) +
                                ", field '" + printable(options_.field) + "'";
      if (field->lone_surrogates > 0) {
        if (options_.invalid_utf8 == InvalidUtf8::kStrict) {
          result->status = Error(ErrorCode::kInvalidUtf8,
                                 where + ": \\u escape of a lone surrogate (not a character)");
          return;
        }
        result->replaced += field->lone_surrogates;
      }
      bool valid = false;
      if (!check_utf8(field->text, 0, where, result, &valid)) return;
      Unit unit{field->text, 0, int64_t(line), valid, Edge::kLineEnd, Edge::kLineEnd, false, false};
      unit.prefix = prefix;
      unit.line_end = line_end;
      handle(unit, file, record, result, &*field);
      result->maybe_flush();
    }
  }

  // Applies --invalid-utf8 (the pipeline's policy) to a unit's text: sets
  // *valid, counts what replace will replace; false (with result->status
  // set, naming `where`) only under strict. first_invalid: find_invalid_utf8(text)
  // when known already.
  bool check_utf8(std::string_view text, uint64_t base, const std::string& where,
                  BlockResult* result, bool* valid,
                  size_t first_invalid = Block::kUnchecked) const {
    TextContext at;
    at.base = base;
    if (first_invalid != Block::kUnchecked) at.first_invalid_utf8 = first_invalid;
    TextStats stats;
    if (Status s = pipeline_.check_utf8(text, at, &stats); !s) {
      result->status =
          Error(s.error().code(), where + ": " + s.error().message(), s.error().offset());
      return false;
    }
    *valid = stats.valid_utf8;
    result->replaced += stats.replaced;
    return true;
  }
};

// Calls f on slices of `unit` of about kSlice bytes, so that a slice's tokens
// stay in cache between the tokenizer and the writer, and a block's tokens
// never pile up: a slice ends at a line end, else (a line longer than
// kMaxTokenPiece) at the start of a space run, else inside a token, as the
// blocks themselves are cut (see Edge). The last slice may be shorter; empty
// text is one empty slice.
template <typename F>
void for_each_slice(const Unit& unit, F f) {
  constexpr size_t kSlice = size_t{64} << 10;
  const std::string_view text = unit.text;
  Edge begin = unit.begin;
  bool first_joined = unit.first_joined;
  bool line_has_token = unit.line_has_token;
  for (size_t from = 0;;) {
    size_t to = text.size();
    Edge end = unit.end;
    if (to - from > kSlice) {
      const size_t limit = std::min(text.size(), from + kMaxTokenPiece);
      const size_t nl = text.find('\n', from + kSlice);
      if (nl != std::string_view::npos && nl < limit) {
        to = nl + 1;
        end = Edge::kLineEnd;
      } else if (limit < text.size()) {
        to = 0;
        for (size_t p = limit; p > from + 1; --p) {
          if (is_blank(text[p]) && !is_blank(text[p - 1])) {
            to = p;
            end = Edge::kSpace;
            break;
          }
        }
        if (to == 0) {
          to = std::max(utf8_boundary_before(text, limit), from + 1);
          end = Edge::kForced;
        }
      }
    }
    Unit slice = unit;
    slice.text = text.substr(from, to - from);
    slice.base = unit.base + from;
    slice.begin = begin;
    slice.first_joined = first_joined;
    slice.line_has_token = line_has_token;
    if (to < text.size()) {
      slice.end = end;
      slice.last_joined = end == Edge::kForced &&
                          token_spans_join(text.substr(to - std::min(to - from, Block::kContext),
                                                       std::min(to - from, Block::kContext)),
                                           text.substr(to, Block::kContext));
    }
    f(slice);
    if (to >= text.size()) break;
    from = to;
    begin = end;
    first_joined = slice.last_joined;
    if (end != Edge::kLineEnd) {
      const size_t nl = slice.text.rfind('\n');
      if (nl != std::string_view::npos) line_has_token = false;
      line_has_token = line_has_token || has_token_char(slice.text.substr(nl + 1));
    }
  }
}

// The bytes of token t of unit.
inline std::string_view text_of(const Unit& unit, const Token& t) {
  return unit.text.substr(t.begin, t.end - t.begin);
}

// The options of a Pipeline, from the command line's.
inline PipelineOptions pipeline_options(const Options& o) {
  PipelineOptions p;
  p.normalize = o.normalize;
  p.invalid_utf8 = o.invalid_utf8;
  const bool corrects = o.command == "correct" || (o.command == "analyze" && o.correct);
  if (o.command != "correct") p.segment_model = o.model;
  p.correct = corrects;
  if (o.command == "correct") p.correct_model = o.model;
  p.correction.min_confidence = o.min_confidence;
  p.correction.classes = o.classes;
  p.correction.weights = o.weights;
  p.segment.split_article = o.split_article;
  p.stem = o.stem_algorithm;
  p.stemming.min_stem_letters = o.min_stem;
  return p;
}

// A command and the pipeline it runs on.
template <typename C>
class WithPipeline : public C {
 public:
  WithPipeline(const Options& options, Pipeline pipeline, bool several_files)
      : C(options, pipeline_, several_files), pipeline_(std::move(pipeline)) {}

 private:
  Pipeline pipeline_;
};

}  // namespace dhad::cli

#endif  // DHAD_CLI_STREAM_COMMAND_H_
