// Command-line parsing for the dhad CLI: one Options struct for every command.
#ifndef DHAD_CLI_OPTIONS_H_
#define DHAD_CLI_OPTIONS_H_

#include <string>
#include <string_view>
#include <vector>

#include "dhad/correct.h"
#include "dhad/normalize.h"
#include "dhad/result.h"
#include "dhad/stem.h"
#include "dhad/utf8.h"

namespace dhad::cli {

enum class Format { kText, kJsonl, kTsv };
enum class Progress { kAuto, kAlways, kNever };
enum class OnError { kFail, kSkip };

struct Options {
  std::string command;             // one of the commands in dhad --help
  std::vector<std::string> files;  // empty or "-" = stdin
  std::string output;              // empty or "-" = stdout
  Format format = Format::kText;
  bool format_given = false;
  std::string field;  // --field: JSONL input, process this field
  int jobs = 1;
  Progress progress = Progress::kAuto;
  InvalidUtf8 invalid_utf8 = InvalidUtf8::kReplace;
  std::string profile = "light";
  NormalizeOptions normalize = NormalizeOptions::light();
  OnError on_error = OnError::kFail;
  StemAlgorithm stem_algorithm = StemAlgorithm::kLight10;
  unsigned min_stem = 0;       // stem: StemOptions::min_stem_letters
  bool split_article = false;  // segment, analyze: the article is a piece of its own
  std::string model;  // segment, analyze, correct: a model file instead of the embedded one
  // correct (and analyze --correct)
  bool correct = false;  // analyze: add each token's corrected form
  double min_confidence = CorrectOptions().min_confidence;
  uint32_t classes = CorrectOptions().classes;
  CorrectWeights weights;
  // learn
  std::string lexicon;  // a word list: words spelled right
  uint32_t min_count = 2;
  bool help = false;
};

/// Parses argv (without the program name). Errors are kInvalidArgument.
Result<Options> parse_options(const std::vector<std::string_view>& args);

/// The --help text of `command` ("" for the top level).
std::string help_text(std::string_view command);

bool is_command(std::string_view name);

}  // namespace dhad::cli

#endif  // DHAD_CLI_OPTIONS_H_
