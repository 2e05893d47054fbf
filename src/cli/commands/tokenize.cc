// dhad tokenize: tokens as text, JSONL or TSV records.
#include <memory>
#include <string>
#include <vector>

#include "cli/command_table.h"
#include "cli/stream_command.h"
#include "dhad/normalize.h"
#include "dhad/sentences.h"

namespace dhad::cli {
namespace {

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
      expect_ok(pipeline_.tokenize_text(unit.text, out, context_of(unit)), result);
      result->maybe_flush();
      return false;
    }
    thread_local Analysis analysis;
    AnalyzeFields fields;
    fields.norm = format() != Format::kText;
    fields.segments = fields.stem = false;
    expect_ok(pipeline_.analyze(unit.text, fields, &analysis, context_of(unit)), result);
    const std::vector<Token>& tokens = analysis.tokens();
    if (format() == Format::kText) {  // --field: the record's tokens on one line
      // A piece that continues the record's line goes on with a space, or
      // with nothing when it continues a token cut in two.
      bool line_start = unit.begin == Edge::kLineEnd || !unit.line_has_token;
      for (const Token& t : tokens) {
        if (!line_start && !(t.begin == 0 && unit.first_joined)) out->push_back(' ');
        append_text(unit, text_of(unit, t), out);
        line_start = false;
      }
      return !tokens.empty();
    }
    RecordWriter w(format(), pipeline_, unit.valid_utf8, result);
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

}  // namespace

std::unique_ptr<Command> make_tokenize_command(const Options& options, Pipeline pipeline,
                                               bool several_files) {
  return std::make_unique<WithPipeline<TokenizeCommand>>(options, std::move(pipeline),
                                                         several_files);
}

}  // namespace dhad::cli
