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

/// Takes a block's output before the block is done, in input order, so that a
/// block whose records far outnumber its bytes never holds them all at once.
class OutputSink {
 public:
  virtual ~OutputSink() = default;
  /// Takes what *out holds and leaves it empty; may wait for earlier blocks.
  virtual void take(std::string* out) = 0;
};

/// What processing one block produced.
struct BlockResult {
  /// Output held past flush_bytes goes to the sink between records.
  static constexpr size_t kFlushBytes = size_t{1} << 20;
  /// At least kFlushBytes, and twice the block's target size (run_file sets
  /// it): a text command's output, about its input's size, then goes out
  /// whole with its block, where a hand-over mid-block cost segment -j 1 ~4%
  /// and tokenize ~10%. Records, 10x their text, still go out every MB.
  size_t flush_bytes = kFlushBytes;

  std::string out;
  Status status;          ///< first error in the block (processing stops there)
  uint64_t replaced = 0;  ///< invalid UTF-8 sequences replaced by U+FFFD
  uint64_t skipped = 0;   ///< malformed records skipped (--on-error skip)
  /// The block is left for Command::process_in_order on the writing thread.
  bool in_order = false;
  OutputSink* sink = nullptr;  ///< where maybe_flush() hands output (none: keep it)

  void maybe_flush() {
    if (sink != nullptr && out.size() >= flush_bytes) sink->take(&out);
  }
};

class Command {
 public:
  virtual ~Command() = default;
  /// How to cut the input into blocks.
  virtual BlockPolicy block_policy() const = 0;
  /// Output written once before the first block (a TSV header).
  virtual std::string header() const { return {}; }
  /// Output written once after the last block (learn: the model), or an error.
  virtual Result<std::string> trailer() const { return std::string(); }
  /// Processes one block of whole lines of `file` (file is the display name,
  /// used in JSON records when several files are given).
  virtual void process(const Block& block, const std::string& file, BlockResult* result) const = 0;
  /// Finishes a block that process() marked in_order, on the one thread that
  /// writes, block after block in input order (for work that carries state
  /// from one block to the next, such as normalize across the cuts of a line).
  virtual void process_in_order(const Block&, const std::string&, BlockResult*) const {}
};

/// The Command for options.command. Fails only when a model cannot be loaded
/// (segment, analyze: --model) or the command is not a streaming one.
Result<std::unique_ptr<Command>> make_command(const Options& options, bool several_files);

}  // namespace dhad::cli

#endif  // DHAD_CLI_COMMANDS_H_
