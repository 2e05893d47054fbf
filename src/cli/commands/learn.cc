// dhad learn: a correction model from the words and word pairs of a corpus.
#include <fstream>
#include <memory>
#include <mutex>
#include <string>

#include "cli/command_table.h"
#include "cli/stream_command.h"
#include "dhad/correct.h"
#include "dhad/version.h"

namespace dhad::cli {
namespace {

class LearnCommand : public StreamCommand {
 public:
  LearnCommand(const Options& options, const Pipeline& pipeline, bool several_files)
      : StreamCommand(options, pipeline, several_files) {}

  // Counting is the work; it is done under a lock, so more workers only add
  // tokenizing in parallel. The counts do not depend on the order of blocks.
  Result<std::string> trailer() const override {
    if (!options_.lexicon.empty()) {
      std::ifstream in(options_.lexicon);
      if (!in) {
        return Error(ErrorCode::kIoError,
                     printable(options_.lexicon) + ": cannot read the lexicon");
      }
      for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        builder_.add_lexicon_word(line);
      }
      if (in.bad()) {
        return Error(ErrorCode::kIoError, printable(options_.lexicon) + ": read error");
      }
    }
    CorrectionModelBuilder::Limits limits;
    limits.min_word_count = options_.min_count;
    const std::string about = "dhad " + std::string(version()) +
                              " learn: " + std::to_string(builder_.words_seen()) + " words counted";
    return builder_.finish(limits, about);
  }

 protected:
  bool keeps_tokens() const override { return false; }

  void handle(const Unit& unit, const std::string&, std::string_view, BlockResult*,
              const jsonl::StringField*) const override {
    std::lock_guard<std::mutex> lock(mutex_);
    builder_.add_text(unit.text);
  }

 private:
  mutable std::mutex mutex_;
  mutable CorrectionModelBuilder builder_;
};

}  // namespace

std::unique_ptr<Command> make_learn_command(const Options& options, Pipeline pipeline,
                                            bool several_files) {
  return std::make_unique<WithPipeline<LearnCommand>>(options, std::move(pipeline), several_files);
}

}  // namespace dhad::cli
