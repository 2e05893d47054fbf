#include "cli/commands.h"

#include "cli/command_table.h"
#include "cli/stream_command.h"

namespace dhad::cli {

Result<std::unique_ptr<Command>> make_command(const Options& options, bool several_files) {
  const CommandInfo* info = find_command(options.command);
  if (info == nullptr || info->make == nullptr) {
    return Error(ErrorCode::kInvalidArgument, "no such command '" + options.command + "'");
  }
  Result<Pipeline> pipeline = Pipeline::create(pipeline_options(options));
  if (!pipeline) return pipeline.error();
  return info->make(options, std::move(*pipeline), several_files);
}

}  // namespace dhad::cli
