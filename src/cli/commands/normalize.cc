// dhad normalize: the text normalized, line for line.
#include "dhad/normalize.h"

#include <memory>
#include <string>
#include <vector>

#include "cli/command_table.h"
#include "cli/stream_command.h"
#include "dhad/sentences.h"

namespace dhad::cli {
namespace {

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
    if (!is_valid_utf8(text)) {
      pipeline_.append_checked(text, false, &repaired);
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
      expect_ok(pipeline_.normalize(unit.text, &result->out, context_of(unit)), result);
      return;
    }
    std::string normalized;
    expect_ok(pipeline_.normalize(unit.text, &normalized, context_of(unit)), result);
    write_record(unit, record, *field, normalized, &result->out);
  }

 private:
  Normalizer stream_normalizer_;    // the pipeline's rules, for stream_
  mutable NormalizeStream stream_;  // used by the writing thread only
};

}  // namespace

std::unique_ptr<Command> make_normalize_command(const Options& options, Pipeline pipeline,
                                                bool several_files) {
  return std::make_unique<WithPipeline<NormalizeCommand>>(options, std::move(pipeline),
                                                          several_files);
}

}  // namespace dhad::cli
