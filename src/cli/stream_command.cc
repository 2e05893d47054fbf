#include "cli/stream_command.h"

namespace dhad::cli {

// True if some token of left + right spans the point where they meet.
bool token_spans_join(std::string_view left, std::string_view right) {
  if (left.empty() || right.empty()) return false;
  const std::string joined = std::string(left) + std::string(right);
  std::vector<Token> tokens;
  Tokenizer().tokenize(joined, &tokens);
  for (const Token& t : tokens) {
    if (t.begin < left.size() && t.end > left.size()) return true;
  }
  return false;
}

// Appends the line endings found in gap (whitespace between tokens), each as
// it came ("\n" or "\r\n"); returns whether there was any.
bool append_line_ends(std::string_view gap, std::string* out) {
  bool any = false;
  for (size_t i = 0; i < gap.size(); ++i) {
    if (gap[i] != '\n') continue;
    out->append(i > 0 && gap[i - 1] == '\r' ? "\r\n" : "\n");
    any = true;
  }
  return any;
}

}  // namespace dhad::cli
