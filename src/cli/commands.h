// The per-block work of each streaming command. A Command is built once from
// the options and is then used by several threads at a time (const methods).
#ifndef DHAD_CLI_COMMANDS_H_
#define DHAD_CLI_COMMANDS_H_

#include <cstdint>
#include <memory>
#include <string>

#include "cli/io.h"
#include "cli/options.h"
#include "dhad/result.h"

namespace dhad::cli {

/// What processing one block produced.
struct BlockResult {
  std::string out;
  Status status;          ///< first error in the block (processing stops there)
  uint64_t replaced = 0;  ///< invalid UTF-8 sequences replaced by U+FFFD
  uint64_t skipped = 0;   ///< malformed records skipped (--on-error skip)
};

class Command {
 public:
  virtual ~Command() = default;
  /// How to cut the input into blocks.
  virtual BlockPolicy block_policy() const = 0;
  /// Output written once before the first block (a TSV header).
  virtual std::string header() const { return {}; }
  /// Processes one block of whole lines of `file` (file is the display name,
  /// used in JSON records when several files are given).
  virtual void process(const Block& block, const std::string& file, BlockResult* result) const = 0;
};

/// The Command for options.command. Fails only when a model cannot be loaded
/// (segment, analyze: --model) or the command is not a streaming one.
Result<std::unique_ptr<Command>> make_command(const Options& options, bool several_files);

}  // namespace dhad::cli

#endif  // DHAD_CLI_COMMANDS_H_
