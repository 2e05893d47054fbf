// dhad stem: each token's stem (light10 or ISRI).
#include <memory>
#include <string>
#include <vector>

#include "cli/command_table.h"
#include "cli/stream_command.h"
#include "dhad/normalize.h"
#include "dhad/sentences.h"

namespace dhad::cli {
namespace {

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

}  // namespace

std::unique_ptr<Command> make_stem_command(const Options& options, Pipeline pipeline,
                                           bool several_files) {
  return std::make_unique<WithPipeline<StemCommand>>(options, std::move(pipeline), several_files);
}

}  // namespace dhad::cli
