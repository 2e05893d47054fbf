// dhad analyze: every stage per token, one record each.
#include <memory>
#include <string>
#include <vector>

#include "cli/command_table.h"
#include "cli/stream_command.h"
#include "dhad/normalize.h"
#include "dhad/sentences.h"

namespace dhad::cli {
namespace {

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
      expect_ok(pipeline_.analyze(slice.text, fields, &analysis, context_of(slice)), result);
      for (size_t i = 0; i < analysis.size(); ++i) {
        const Token& t = analysis.tokens()[i];
        begin_token_record(w, slice, t);
        w.analysis(text_of(slice, t), slice.base + t.begin, analysis.norm(i),
                   analysis.norm_is_text(i), analysis.segments(i), analysis.light10(i),
                   analysis.root(i));
        end_token_record(w, file, slice, t);
      }
    });
  }
};

}  // namespace

std::unique_ptr<Command> make_analyze_command(const Options& options, Pipeline pipeline,
                                              bool several_files) {
  return std::make_unique<WithPipeline<AnalyzeCommand>>(options, std::move(pipeline),
                                                        several_files);
}

}  // namespace dhad::cli
