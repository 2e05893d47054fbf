// dhad sentences: one sentence per line, or records with spans.
#include "dhad/sentences.h"

#include <memory>
#include <string>
#include <vector>

#include "cli/command_table.h"
#include "cli/stream_command.h"
#include "dhad/normalize.h"

namespace dhad::cli {
namespace {

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
    constexpr size_t kMaxCarry = kMaxTokenPiece;  // the splitter holds its tokens
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
    RecordWriter w(format(), pipeline_, unit.valid_utf8, result);
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

}  // namespace

std::unique_ptr<Command> make_sentences_command(const Options& options, Pipeline pipeline,
                                                bool several_files) {
  return std::make_unique<WithPipeline<SentencesCommand>>(options, std::move(pipeline),
                                                          several_files);
}

}  // namespace dhad::cli
