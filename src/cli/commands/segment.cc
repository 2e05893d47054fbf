// dhad segment: clitic segmentation, UD text format or records.
#include <memory>
#include <string>
#include <vector>

#include "cli/command_table.h"
#include "cli/stream_command.h"
#include "dhad/normalize.h"
#include "dhad/sentences.h"

namespace dhad::cli {
namespace {

class SegmentCommand : public StreamCommand {
 public:
  SegmentCommand(const Options& options, const Pipeline& pipeline, bool several_files)
      : StreamCommand(options, pipeline, several_files, /*text_in_field=*/true) {}

  std::string header() const override { return tsv_header("kind\ttext\tbegin\tend\tsegments"); }

 protected:
  void handle(const Unit& unit, const std::string& file, std::string_view record,
              BlockResult* result, const jsonl::StringField* field) const override {
    AnalyzeFields fields;
    fields.norm = fields.stem = false;
    text_or_token_records(
        unit, file, record, result, field, fields,
        [&](std::string_view text, std::string* out, const TextContext& at) {
          return pipeline_.segment(text, out, at);
        },
        [](RecordWriter& w, const Unit& slice, const Analysis& analysis, size_t i) {
          const Token& t = analysis.tokens()[i];
          w.pieces("segments", text_of(slice, t), slice.base + t.begin, analysis.segments(i));
        });
  }
};

}  // namespace

std::unique_ptr<Command> make_segment_command(const Options& options, Pipeline pipeline,
                                              bool several_files) {
  return std::make_unique<WithPipeline<SegmentCommand>>(options, std::move(pipeline),
                                                        several_files);
}

}  // namespace dhad::cli
