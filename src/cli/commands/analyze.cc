// dhad analyze: every stage per token, one record each.
#include <memory>
#include <string>
#include <vector>

#include "cli/command_table.h"
#include "cli/stream_command.h"
#include "dhad/correct.h"
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
    return tsv_header(pipeline_.corrector() != nullptr
                          ? "kind\ttext\tbegin\tend\tnorm\tsegments\tstem\troot\tcorrected"
                          : "kind\ttext\tbegin\tend\tnorm\tsegments\tstem\troot");
  }

 protected:
  void handle(const Unit& unit, const std::string& file, std::string_view, BlockResult* result,
              const jsonl::StringField*) const override {
    RecordWriter w(format(), pipeline_, unit.valid_utf8, result);
    for_each_slice(unit, [&](const Unit& slice) {
      thread_local Analysis analysis;
      AnalyzeFields fields;
      fields.stem = false;
      fields.light10 = fields.root = true;
      expect_ok(pipeline_.analyze(slice.text, fields, &analysis, context_of(slice)), result);
      // --correct: each token's corrected form (its own text if unchanged).
      const Corrector* corrector = pipeline_.corrector();
      thread_local std::vector<CorrectEdit> edits;
      edits.clear();
      if (corrector != nullptr) {
        corrector->find_edits(slice.text, pipeline_.options().correction, &edits);
      }
      size_t next_edit = 0;
      for (size_t i = 0; i < analysis.size(); ++i) {
        const Token& t = analysis.tokens()[i];
        begin_token_record(w, slice, t);
        w.analysis(text_of(slice, t), slice.base + t.begin, analysis.norm(i),
                   analysis.norm_is_text(i), analysis.segments(i), analysis.light10(i),
                   analysis.root(i));
        if (corrector != nullptr) {
          while (next_edit < edits.size() && edits[next_edit].end <= t.begin &&
                 !(edits[next_edit].begin == t.begin && edits[next_edit].end == t.end)) {
            ++next_edit;  // (a space put before a word glued to a number)
          }
          const bool fixed = next_edit < edits.size() && edits[next_edit].begin == t.begin &&
                             edits[next_edit].end == t.end;
          w.text("corrected",
                 fixed ? std::string_view(edits[next_edit].replacement) : text_of(slice, t));
        }
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
