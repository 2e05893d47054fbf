// The table of the dhad CLI's commands (see command_table.cc).
#ifndef DHAD_CLI_COMMAND_TABLE_H_
#define DHAD_CLI_COMMAND_TABLE_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include "cli/commands.h"
#include "cli/options.h"
#include "dhad/pipeline.h"

namespace dhad::cli {

/// Options a command accepts, as bits (-h/--help: every command).
enum : uint32_t {
  kOptOutput = 1 << 0,         ///< -o, --output
  kOptFormat = 1 << 1,         ///< --format
  kOptField = 1 << 2,          ///< --field
  kOptJobs = 1 << 3,           ///< -j, --jobs
  kOptProgress = 1 << 4,       ///< --progress
  kOptInvalidUtf8 = 1 << 5,    ///< --invalid-utf8
  kOptOnError = 1 << 6,        ///< --on-error (and only with --field)
  kOptNormalize = 1 << 7,      ///< --profile, --enable, --disable
  kOptAlgorithm = 1 << 8,      ///< --algorithm, --min-stem
  kOptModel = 1 << 9,          ///< --model
  kOptSplitArticle = 1 << 10,  ///< --split-article
  kOptCorrect = 1 << 11,       ///< --min-confidence, --classes, --weights
  kOptLearn = 1 << 12,         ///< --lexicon, --min-count
  kOptCorrectField = 1 << 13,  ///< --correct (analyze)
};

using MakeCommand = std::unique_ptr<Command> (*)(const Options&, Pipeline, bool several_files);

struct CommandInfo {
  std::string_view name;
  std::string_view summary;  ///< one line of dhad --help
  uint32_t options;          ///< kOpt* bits
  std::string_view help;     ///< dhad CMD --help, before the shared option sections
  MakeCommand make;          ///< nullptr: not a streaming command (version, help)
};

std::span<const CommandInfo> command_table();
/// The row of `name`, or nullptr.
const CommandInfo* find_command(std::string_view name);

// One per file in src/cli/commands/.
std::unique_ptr<Command> make_normalize_command(const Options&, Pipeline, bool);
std::unique_ptr<Command> make_tokenize_command(const Options&, Pipeline, bool);
std::unique_ptr<Command> make_sentences_command(const Options&, Pipeline, bool);
std::unique_ptr<Command> make_segment_command(const Options&, Pipeline, bool);
std::unique_ptr<Command> make_stem_command(const Options&, Pipeline, bool);
std::unique_ptr<Command> make_analyze_command(const Options&, Pipeline, bool);
std::unique_ptr<Command> make_correct_command(const Options&, Pipeline, bool);
std::unique_ptr<Command> make_learn_command(const Options&, Pipeline, bool);

}  // namespace dhad::cli

#endif  // DHAD_CLI_COMMAND_TABLE_H_
