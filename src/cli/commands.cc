#include "cli/commands.h"

#include <array>
#include <charconv>
#include <cstring>
#include <span>
#include <vector>

#include "dhad/normalize.h"
#include "dhad/pipeline.h"
#include "dhad/segment.h"
#include "dhad/sentences.h"
#include "dhad/stem.h"
#include "dhad/tokenize.h"
#include "dhad/utf8.h"
#include "jsonl/jsonl.h"

namespace dhad::cli {
namespace {

// Writes `value` in decimal at o (room for 20 bytes), returns the end.
// Offsets are written twice a token: std::to_chars was a sixth of record
// output. Below 10^8 (inputs up to 100 MB) the two halves of four digits are
// split independently, two digits a table lookup.
char* write_decimal(uint64_t value, char* o) {
  static constexpr char kPairs[] =
      "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
      "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
      "8081828384858687888990919293949596979899";
  if (value < 100000000) {
    const auto v = uint32_t(value);
    const int digits = v < 10000 ? (v < 100 ? (v < 10 ? 1 : 2) : (v < 1000 ? 3 : 4))
                                 : (v < 1000000 ? (v < 100000 ? 5 : 6) : (v < 10000000 ? 7 : 8));
    const uint32_t hi = v / 10000, lo = v % 10000;
    char eight[8];
    std::memcpy(eight, kPairs + 2 * (hi / 100), 2);
    std::memcpy(eight + 2, kPairs + 2 * (hi % 100), 2);
    std::memcpy(eight + 4, kPairs + 2 * (lo / 100), 2);
    std::memcpy(eight + 6, kPairs + 2 * (lo % 100), 2);
    std::memcpy(o, eight + 8 - digits, 8);  // o has room for 20: copy 8, keep `digits`
    return o + digits;
  }
  return std::to_chars(o, o + 20, value).ptr;
}

// TSV cells: backslash, tab and line breaks escaped so a cell stays one cell.
void append_tsv_cell(std::string_view s, std::string* out) {
  for (char c : s) {
    switch (c) {
      case '\\':
        out->append("\\\\");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      default:
        out->push_back(c);
    }
  }
}

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
bool token_spans_join(std::string_view left, std::string_view right) {
  if (left.empty() || right.empty()) return false;
  const std::string joined = std::string(left) + std::string(right);
  std::vector<Token> tokens;
  Tokenizer().tokenize(joined, &tokens);
  for (const Token& t : tokens) {
    if (t.begin < left.size() && t.end > left.size()) return true;
  }
  return false;
}

// --field reads whole records; one longer than this is skipped or an error.
constexpr size_t kMaxRecord = size_t{8} << 20;
bool is_blank(char c) { return c == ' ' || c == '\t'; }

// Commands that keep a vector of tokens cut lines longer than this, so that a
// block's tokens stay a few MB however short they are.
constexpr size_t kMaxTokenPiece = size_t{256} << 10;

// Collects the fields of one output record and writes it as JSONL or TSV.
// Records are written through a pointer into room made ahead in the output
// string (in steps of kStep bytes), not a byte or a field at a time: a
// token's record is tens of bytes, and per-append overhead was most of the
// cost of record output.
class RecordWriter {
 public:
  // valid_utf8: every value written comes from text known to be valid UTF-8.
  // Records are handed on from `result` as they pile up (maybe_flush).
  RecordWriter(Format format, InvalidUtf8 policy, bool valid_utf8, BlockResult* result)
      : format_(format),
        policy_(policy),
        valid_utf8_(valid_utf8),
        result_(result),
        out_(&result->out) {}
  ~RecordWriter() { settle(); }
  RecordWriter(const RecordWriter&) = delete;
  RecordWriter& operator=(const RecordWriter&) = delete;

  void begin() {
    first_ = true;
    invalid_ = false;
    token_text_size_ = 0;
    if (format_ == Format::kJsonl) *room(1)++ = '{';
  }
  // begin(), then the kind, text, begin and end of a token: one of the hot
  // paths of record output, written in one go for JSONL of valid text.
  void token(TokenKind kind, std::string_view text_bytes, uint64_t begin_offset,
             uint64_t end_offset) {
    if (format_ != Format::kJsonl || !valid_utf8_) {
      begin();
      text("kind", token_kind_name(kind));
      text("text", text_bytes);
      number("begin", begin_offset);
      number("end", end_offset);
      return;
    }
    first_ = false;
    invalid_ = false;
    // {"kind":"arabic","text":
    static const std::array<std::string, kTokenKinds> heads = [] {
      std::array<std::string, kTokenKinds> h;
      for (size_t k = 0; k < kTokenKinds; ++k) {
        h[k] = "{\"kind\":\"" + std::string(token_kind_name(TokenKind(k))) + "\",\"text\":";
      }
      return h;
    }();
    const std::string& head = heads[size_t(kind)];
    char* o = room(head.size() + 2 + 6 * text_bytes.size() + 2 * 20 + 16);
    std::memcpy(o, head.data(), head.size());
    char* const text_at = o + head.size();
    o = jsonl::write_json_string_valid(text_bytes, text_at);
    token_text_at_ = size_t(text_at - out_->data());
    token_text_size_ = size_t(o - text_at);
    std::memcpy(o, ",\"begin\":", 9);
    o = write_decimal(begin_offset, o + 9);
    std::memcpy(o, ",\"end\":", 7);
    o_ = write_decimal(end_offset, o + 7);
  }
  void text(std::string_view key, std::string_view value) {
    separator(key);
    if (format_ == Format::kJsonl) {
      json(value);
    } else {
      cell(value);
    }
  }

  // A field whose value is the token's text again (a norm that changed
  // nothing): the JSON token() wrote, copied.
  void text_again(std::string_view key, std::string_view value) {
    if (format_ != Format::kJsonl || !valid_utf8_ || token_text_size_ == 0) {
      text(key, value);
      return;
    }
    separator(key);
    char* o = room(token_text_size_);
    std::memcpy(o, out_->data() + token_text_at_, token_text_size_);
    o_ = o + token_text_size_;
  }

  // The pieces of a token (offsets relative to it; `base` is the token's own
  // offset): a JSON array of {text, begin, end, role}, or in TSV the text
  // format of the token (و+ ب+ الكتاب).
  void pieces(std::string_view key, std::string_view token, uint64_t base,
              std::span<const Segment> segments) {
    separator(key);
    if (format_ == Format::kJsonl) {
      *room(1)++ = '[';
      for (size_t i = 0; i < segments.size(); ++i) {
        const Segment& s = segments[i];
        if (i) *room(1)++ = ',';
        raw("{\"text\":");
        json(token.substr(s.begin, s.end - s.begin));
        raw(",\"begin\":");
        number_value(base + s.begin);
        raw(",\"end\":");
        number_value(base + s.end);
        raw(",\"role\":\"");
        raw(segment_role_name(s.role));
        raw("\"}");
      }
      *room(1)++ = ']';
      return;
    }
    std::string joined;
    append_pieces(token, segments, &joined);
    cell(joined);
  }
  // An optional true-valued key; JSONL only (TSV columns are fixed by the header).
  void flag(std::string_view key) {
    if (format_ != Format::kJsonl) return;
    separator(key);
    raw("true");
  }
  void number(std::string_view key, uint64_t value) {
    separator(key);
    number_value(value);
  }
  void end() {
    if (format_ == Format::kJsonl) {
      if (invalid_) raw(",\"invalid_utf8\":true");
      *room(1)++ = '}';
    }
    *room(1)++ = '\n';
    if (size_t(o_ - out_->data()) >= BlockResult::kFlushBytes) {
      settle();
      result_->maybe_flush();
    }
  }

 private:
  static constexpr size_t kStep = size_t{16} << 10;

  static constexpr size_t kTokenKinds = size_t(TokenKind::kOther) + 1;

  // A pointer to at least n bytes of room at the end of what is written.
  char*& room(size_t n) {
    if (size_t(end_ - o_) < n) [[unlikely]] {
      grow(n);
    }
    return o_;
  }
  [[gnu::noinline]] void grow(size_t n) {
    const size_t used = o_ == nullptr ? out_->size() : size_t(o_ - out_->data());
    out_->resize(used + std::max(n, kStep));
    o_ = out_->data() + used;
    end_ = out_->data() + out_->size();
  }
  // Gives the room not written back: out_ holds the records, and only them.
  void settle() {
    if (o_ == nullptr) return;
    out_->resize(size_t(o_ - out_->data()));
    o_ = end_ = nullptr;
  }
  void raw(std::string_view bytes) {
    char*& o = room(bytes.size());
    std::memcpy(o, bytes.data(), bytes.size());
    o += bytes.size();
  }
  void number_value(uint64_t value) {
    char*& o = room(20);
    o = write_decimal(value, o);
  }
  void json(std::string_view value) {
    if (valid_utf8_) {
      char*& o = room(2 + 6 * value.size());
      o = jsonl::write_json_string_valid(value, o);
      return;
    }
    invalid_ |= policy_ == InvalidUtf8::kKeep && !is_valid_utf8(value);
    std::string escaped;
    jsonl::append_json_string(value, &escaped);
    raw(escaped);
  }
  void cell(std::string_view value) {
    std::string escaped;
    if (valid_utf8_ || policy_ == InvalidUtf8::kKeep) {
      append_tsv_cell(value, &escaped);
    } else {
      std::string repaired;
      append_replacing_invalid_utf8(value, &repaired);
      append_tsv_cell(repaired, &escaped);
    }
    raw(escaped);
  }
  void separator(std::string_view key) {
    if (format_ == Format::kJsonl) {
      // Keys are fixed ASCII names: no escaping needed.
      char*& o = room(key.size() + 4);
      if (!first_) *o++ = ',';
      *o++ = '"';
      std::memcpy(o, key.data(), key.size());
      o += key.size();
      *o++ = '"';
      *o++ = ':';
    } else if (!first_) {
      *room(1)++ = '\t';
    }
    first_ = false;
  }

  Format format_;
  InvalidUtf8 policy_;
  bool valid_utf8_;
  BlockResult* result_;
  std::string* out_;
  size_t token_text_at_ = 0;    // where token() wrote the text's JSON, in out_
  size_t token_text_size_ = 0;  // and its size (0: none)
  char* o_ = nullptr;           // where the next byte goes (nullptr: no room made)
  char* end_ = nullptr;         // the end of the room
  bool first_ = true;
  bool invalid_ = false;
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

// The tokens of each line separated by single spaces, line ends kept (unless
// keep_line_ends is false: one line per record); emit(token, out) appends
// what stands for each token.
template <typename Emit>
void write_token_lines(const Unit& unit, const std::vector<Token>& tokens, bool keep_line_ends,
                       std::string* out, Emit emit) {
  uint64_t cursor = 0;
  // A block that continues a line goes on with a space, or with nothing when
  // it continues a token cut in two.
  bool line_start = unit.begin == Edge::kLineEnd || !unit.line_has_token;
  for (const Token& t : tokens) {
    const std::string_view gap = unit.text.substr(cursor, t.begin - cursor);
    if (keep_line_ends && append_line_ends(gap, out)) line_start = true;
    if (!line_start && !(t.begin == 0 && unit.first_joined)) out->push_back(' ');
    emit(t, out);
    line_start = false;
    cursor = t.end;
  }
  if (keep_line_ends) append_line_ends(unit.text.substr(cursor), out);
}

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
    if (unit.valid_utf8 || options_.invalid_utf8 == InvalidUtf8::kKeep) {
      out->append(bytes);
    } else {
      append_replacing_invalid_utf8(bytes, out);
    }
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

  // A pipeline call on a unit whose invalid UTF-8 was counted already.
  static void expect_ok(const Status& s) {
    (void)s;  // the unit passed check_utf8: the pipeline has nothing to refuse
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

class NormalizeCommand : public StreamCommand {
 public:
  NormalizeCommand(const Options& options, const Pipeline& pipeline, bool several_files)
      : StreamCommand(options, pipeline, several_files, /*text_in_field=*/true),
        stream_normalizer_(options.normalize),
        stream_(stream_normalizer_) {}

  // The pieces of a long line, in order: the stream carries the rules that
  // look at neighbouring characters (whitespace runs, ZWJ) across the cuts.
  void process_in_order(const Block& block, const std::string&,
                        BlockResult* result) const override {
    std::string repaired;
    std::string_view text = block.data;
    if (options_.invalid_utf8 == InvalidUtf8::kReplace && !is_valid_utf8(text)) {
      append_replacing_invalid_utf8(text, &repaired);
      text = repaired;
    }
    stream_.feed(text, &result->out);
    if (block.end != Edge::kForced && block.end != Edge::kSpace &&
        block.end != Edge::kSentenceEnd) {
      stream_.finish(&result->out);
    }
  }

 protected:
  // ~2.5 GB/s in memory: the thread that reads and writes 50 MB each way is
  // the limit, so the worker checks UTF-8 itself.
  bool io_bound() const override { return true; }
  bool keeps_tokens() const override { return false; }

  void handle(const Unit& unit, const std::string&, std::string_view record, BlockResult* result,
              const jsonl::StringField* field) const override {
    if (field == nullptr && (unit.begin != Edge::kLineEnd || unit.end != Edge::kLineEnd)) {
      result->in_order = true;  // a piece of a long line: see process_in_order
      return;
    }
    if (field == nullptr) {
      expect_ok(pipeline_.normalize(unit.text, &result->out, context_of(unit)));
      return;
    }
    std::string normalized;
    expect_ok(pipeline_.normalize(unit.text, &normalized, context_of(unit)));
    write_record(unit, record, *field, normalized, &result->out);
  }

 private:
  Normalizer stream_normalizer_;    // the pipeline's rules, for stream_
  mutable NormalizeStream stream_;  // used by the writing thread only
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
std::string_view text_of(const Unit& unit, const Token& t) {
  return unit.text.substr(t.begin, t.end - t.begin);
}

class TokenizeCommand : public StreamCommand {
 public:
  using StreamCommand::StreamCommand;

  std::string header() const override { return tsv_header("kind\ttext\tbegin\tend\tnorm"); }

 protected:
  void handle(const Unit& unit, const std::string& file, std::string_view, BlockResult* result,
              const jsonl::StringField*) const override {
    bool any_token = false;  // --field: the record's line has a token already
    for_each_slice(unit, [&](Unit slice) {
      // With --field a record is one output line: its lines join with a space.
      if (unit.record >= 0 && slice.base != unit.base && slice.begin == Edge::kLineEnd) {
        slice.begin = Edge::kSpace;
        slice.line_has_token = any_token;
      }
      any_token |= handle_slice(slice, file, result);
    });
    if (format() == Format::kText && unit.record >= 0) result->out.push_back('\n');
  }

  // Returns whether the slice had a token (for the text of --field).
  bool handle_slice(const Unit& unit, const std::string& file, BlockResult* result) const {
    std::string* out = &result->out;
    if (format() == Format::kText && unit.record < 0) {
      expect_ok(pipeline_.tokenize_text(unit.text, out, context_of(unit)));
      result->maybe_flush();
      return false;
    }
    thread_local Analysis analysis;
    AnalyzeFields fields;
    fields.norm = format() != Format::kText;
    fields.segments = fields.stem = false;
    expect_ok(pipeline_.analyze(unit.text, fields, &analysis, context_of(unit)));
    const std::vector<Token>& tokens = analysis.tokens();
    if (format() == Format::kText) {  // --field: the record's tokens on one line
      write_token_lines(unit, tokens, false, out, [&](const Token& t, std::string* o) {
        append_text(unit, text_of(unit, t), o);
      });
      return !tokens.empty();
    }
    RecordWriter w(format(), options_.invalid_utf8, unit.valid_utf8, result);
    for (size_t i = 0; i < tokens.size(); ++i) {
      begin_token_record(w, unit, tokens[i]);
      if (analysis.norm_is_text(i)) {
        w.text_again("norm", analysis.norm(i));
      } else {
        w.text("norm", analysis.norm(i));
      }
      end_token_record(w, file, unit, tokens[i]);
    }
    return !tokens.empty();
  }
};

class SentencesCommand : public StreamCommand {
 public:
  using StreamCommand::StreamCommand;

  std::string header() const override { return tsv_header("text\tbegin\tend"); }

 protected:
  Cut cut() const override { return Cut::kParagraph; }

  void handle(const Unit& unit, const std::string& file, std::string_view, BlockResult* result,
              const jsonl::StringField*) const override {
    if (unit.record < 0 && (unit.begin != Edge::kLineEnd || unit.end != Edge::kLineEnd)) {
      result->in_order = true;  // a piece of a long line: see process_in_order
      return;
    }
    std::vector<Sentence> sentences;
    splitter_.split(unit.text, &sentences);
    write_sentences(unit, sentences, sentences.size(), false, false, file, result);
  }

 public:
  // The pieces of a long line, in order. Where a sentence ends depends on what
  // follows it, so the last sentence of each piece is carried over and split
  // again with the next; only one longer than kMaxCarry comes out in pieces.
  void process_in_order(const Block& block, const std::string& file,
                        BlockResult* result) const override {
    constexpr size_t kMaxCarry = size_t{1} << 20;
    if (carry_.empty()) carry_base_ = block.offset;
    carry_ += block.data;
    Unit unit{carry_,         carry_base_,    -1,    is_valid_utf8(carry_),
              Edge::kLineEnd, Edge::kLineEnd, false, false};
    std::vector<Sentence> sentences;
    splitter_.split(carry_, &sentences);
    size_t count = sentences.size();
    size_t keep_from = carry_.size();
    const bool line_goes_on = block.end != Edge::kLineEnd;
    if (line_goes_on && count > 0) {
      keep_from = count >= 2 ? sentences[count - 2].end : 0;
      --count;
    }
    bool open_last = false;
    if (carry_.size() - keep_from > kMaxCarry) {  // too long to hold: a piece
      count = sentences.size();
      keep_from = carry_.size();
      open_last = true;
    }
    write_sentences(unit, sentences, count, carry_open_, open_last, file, result);
    carry_open_ = open_last;
    carry_.erase(0, keep_from);
    carry_base_ += keep_from;
    if (!line_goes_on) {
      carry_.clear();
      carry_open_ = false;
    }
  }

 protected:
  // Writes sentences[0, count) of unit; open_first/open_last: the first/last
  // of them is a piece of a sentence cut by a block edge.
  void write_sentences(const Unit& unit, const std::vector<Sentence>& sentences, size_t count,
                       bool open_first, bool open_last, const std::string& file,
                       BlockResult* result) const {
    std::string flat;
    RecordWriter w(format(), options_.invalid_utf8, unit.valid_utf8, result);
    for (size_t k = 0; k < count; ++k) {
      const Sentence& s = sentences[k];
      const bool continues = k == 0 && open_first;
      const bool continued = k + 1 == count && open_last;
      const std::string_view original = unit.text.substr(s.begin, s.end - s.begin);
      if (format() != Format::kText) {
        w.begin();
        w.text("text", original);
        w.number("begin", unit.base + s.begin);
        w.number("end", unit.base + s.end);
        common_keys(w, file, unit);
        if (continues || continued) w.flag("piece");
        w.end();
        continue;
      }
      // One sentence per line: line breaks inside it become spaces.
      flat.assign(original);
      for (size_t i = 0; i < flat.size(); ++i) {
        if (flat[i] == '\n') {
          flat[i] = ' ';
          if (i > 0 && flat[i - 1] == '\r') flat.erase(--i, 1);
        }
      }
      append_text(unit, flat, &result->out);
      if (!continued) result->out.push_back('\n');
      result->maybe_flush();
    }
  }

 private:
  SentenceSplitter splitter_;
  // Used by the writing thread only (process_in_order).
  mutable std::string carry_;        // the line's text from the last sentence not yet written
  mutable uint64_t carry_base_ = 0;  // file offset of carry_[0]
  mutable bool carry_open_ = false;  // carry_ starts inside a sentence already written in part
};

class StemCommand : public StreamCommand {
 public:
  StemCommand(const Options& options, const Pipeline& pipeline, bool several_files)
      : StreamCommand(options, pipeline, several_files, /*text_in_field=*/true) {}

  std::string header() const override { return tsv_header("kind\ttext\tbegin\tend\tstem"); }

 protected:
  void handle(const Unit& unit, const std::string& file, std::string_view record,
              BlockResult* result, const jsonl::StringField* field) const override {
    std::string replaced;  // --field: the field's new text
    std::string* text_out = field != nullptr ? &replaced : &result->out;
    for_each_slice(unit, [&](const Unit& slice) {
      if (format() == Format::kText) {
        expect_ok(pipeline_.stem(slice.text, text_out, context_of(slice)));
        if (field == nullptr) result->maybe_flush();
        return;
      }
      thread_local Analysis analysis;
      AnalyzeFields fields;
      fields.norm = fields.segments = false;
      expect_ok(pipeline_.analyze(slice.text, fields, &analysis, context_of(slice)));
      RecordWriter w(format(), options_.invalid_utf8, slice.valid_utf8, result);
      for (size_t i = 0; i < analysis.size(); ++i) {
        begin_token_record(w, slice, analysis.tokens()[i]);
        w.text("stem", analysis.stem(i));
        end_token_record(w, file, slice, analysis.tokens()[i]);
      }
    });
    if (field != nullptr && format() == Format::kText) {
      write_record(unit, record, *field, replaced, &result->out);
    }
  }
};

class SegmentCommand : public StreamCommand {
 public:
  SegmentCommand(const Options& options, const Pipeline& pipeline, bool several_files)
      : StreamCommand(options, pipeline, several_files, /*text_in_field=*/true) {}

  std::string header() const override { return tsv_header("kind\ttext\tbegin\tend\tsegments"); }

 protected:
  void handle(const Unit& unit, const std::string& file, std::string_view record,
              BlockResult* result, const jsonl::StringField* field) const override {
    std::string replaced;  // --field: the field's new text
    std::string* text_out = field != nullptr ? &replaced : &result->out;
    for_each_slice(unit, [&](const Unit& slice) {
      if (format() == Format::kText) {
        expect_ok(pipeline_.segment(slice.text, text_out, context_of(slice)));
        if (field == nullptr) result->maybe_flush();
        return;
      }
      thread_local Analysis analysis;
      AnalyzeFields fields;
      fields.norm = fields.stem = false;
      expect_ok(pipeline_.analyze(slice.text, fields, &analysis, context_of(slice)));
      RecordWriter w(format(), options_.invalid_utf8, slice.valid_utf8, result);
      for (size_t i = 0; i < analysis.size(); ++i) {
        const Token& t = analysis.tokens()[i];
        begin_token_record(w, slice, t);
        w.pieces("segments", text_of(slice, t), slice.base + t.begin, analysis.segments(i));
        end_token_record(w, file, slice, t);
      }
    });
    if (field != nullptr && format() == Format::kText) {
      write_record(unit, record, *field, replaced, &result->out);
    }
  }
};

// Every stage on each token: one record with its kind, span, normalized form,
// clitic segments, light10 stem and ISRI root.
class AnalyzeCommand : public StreamCommand {
 public:
  using StreamCommand::StreamCommand;

  std::string header() const override {
    return tsv_header("kind\ttext\tbegin\tend\tnorm\tsegments\tstem\troot");
  }

 protected:
  void handle(const Unit& unit, const std::string& file, std::string_view, BlockResult* result,
              const jsonl::StringField*) const override {
    RecordWriter w(format(), options_.invalid_utf8, unit.valid_utf8, result);
    for_each_slice(unit, [&](const Unit& slice) {
      thread_local Analysis analysis;
      AnalyzeFields fields;
      fields.stem = false;
      fields.light10 = fields.root = true;
      expect_ok(pipeline_.analyze(slice.text, fields, &analysis, context_of(slice)));
      for (size_t i = 0; i < analysis.size(); ++i) {
        const Token& t = analysis.tokens()[i];
        begin_token_record(w, slice, t);
        if (analysis.norm_is_text(i)) {
          w.text_again("norm", analysis.norm(i));
        } else {
          w.text("norm", analysis.norm(i));
        }
        w.pieces("segments", text_of(slice, t), slice.base + t.begin, analysis.segments(i));
        w.text("stem", analysis.light10(i));
        w.text("root", analysis.root(i));
        end_token_record(w, file, slice, t);
      }
    });
  }
};

PipelineOptions pipeline_options(const Options& o) {
  PipelineOptions p;
  p.normalize = o.normalize;
  p.invalid_utf8 = o.invalid_utf8;
  p.segment_model = o.model;
  p.segment.split_article = o.split_article;
  p.stem = o.stem_algorithm;
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

}  // namespace

Result<std::unique_ptr<Command>> make_command(const Options& options, bool several_files) {
  Result<Pipeline> pipeline = Pipeline::create(pipeline_options(options));
  if (!pipeline) return pipeline.error();
  std::unique_ptr<Command> command;
  const std::string& c = options.command;
  auto make = [&]<typename C>() {
    command = std::make_unique<WithPipeline<C>>(options, std::move(*pipeline), several_files);
  };
  if (c == "normalize") make.template operator()<NormalizeCommand>();
  if (c == "tokenize") make.template operator()<TokenizeCommand>();
  if (c == "sentences") make.template operator()<SentencesCommand>();
  if (c == "segment") make.template operator()<SegmentCommand>();
  if (c == "stem") make.template operator()<StemCommand>();
  if (c == "analyze") make.template operator()<AnalyzeCommand>();
  if (command == nullptr) return Error(ErrorCode::kInvalidArgument, "no such command '" + c + "'");
  return command;
}

}  // namespace dhad::cli
