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

}  // namespace dhad::cli
