// Input in blocks of whole lines and buffered output, for the dhad CLI.
// Errors come back as Status/Result with the file name in the message.
#ifndef DHAD_CLI_IO_H_
#define DHAD_CLI_IO_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

#include "cli/byte_buffer.h"
#include "dhad/result.h"

namespace dhad::cli {

/// Where a block starts or ends. Blocks normally hold whole lines; a line
/// longer than BlockPolicy::max_piece is cut inside: after a sentence end, else
/// at the start of a run of spaces (no token or space run is split), else, in
/// a token longer than max_piece, at a character boundary. For Cut::kParagraph
/// a cut at a line end that is not a blank line is kSpace too: the sentence
/// may go on across it.
enum class Edge : uint8_t { kLineEnd, kSentenceEnd, kSpace, kForced };

/// A run of lines of one input (see Edge for very long lines).
struct Block {
  ByteBuffer data;
  uint64_t offset = 0;          ///< byte offset of data[0] in its file
  uint64_t first_line = 0;      ///< 0-based line of data[0] (if BlockPolicy::count_lines)
  Edge begin = Edge::kLineEnd;  ///< how the previous block ended
  Edge end = Edge::kLineEnd;    ///< how this one ends (the last: kLineEnd)
  /// Offset of data's first invalid UTF-8 (data.size() if none), when the
  /// reading thread found it (BlockPolicy::reader_checks_utf8); else kUnchecked.
  static constexpr size_t kUnchecked = ~size_t{0};
  size_t first_invalid_utf8 = kUnchecked;
  /// Up to kContext bytes of input just before data (when begin is kForced)
  /// and just after it (when end is kForced): enough for a command to tell
  /// whether the cut went through a token or fell between two.
  static constexpr size_t kContext = 32;
  std::string before, after;
  /// When begin is not kLineEnd: whether the line this block continues had a
  /// token (anything but White_Space) before data[0].
  bool line_has_token = false;
};

/// How to cut blocks: at any line end, or preferably at a blank line (so that
/// a paragraph, and so a sentence, is never split between blocks).
enum class Cut { kLine, kParagraph };

/// How a command wants its input cut.
struct BlockPolicy {
  size_t target = size_t{1} << 20;     ///< aim for blocks of about this many bytes
  size_t max_piece = size_t{1} << 20;  ///< the longest run handed out without a line end
  Cut cut = Cut::kLine;
  bool count_lines = false;  ///< keep Block::first_line (costs a pass over the bytes)
  /// The reading thread fills Block::first_invalid_utf8: worth it where the
  /// one worker, not that thread, is what limits the speed.
  bool reader_checks_utf8 = false;
  /// Never cut a line short of max_piece (--field: records are whole lines).
  bool whole_lines = false;
};

/// Applies DHAD_BLOCK_SIZE=N from the environment, if set: blocks of about N
/// bytes and pieces of at most N (records are still read whole). A test hook:
/// the block-boundary tests run every command with tiny blocks and compare.
void apply_block_size_override(BlockPolicy* policy);

/// The end of the last blank line in `s` (just past a "\n\n" or "\n\r\n"),
/// or npos. Hops from line end to line end with memrchr: a block of long lines
/// with no blank line is a few hundred hops, where a byte-by-byte search for
/// the two patterns (end_of_last_blank_line_reference) read it twice.
inline size_t end_of_last_blank_line(std::string_view s) {
  size_t end = s.size();
  while (end > 1) {
    const void* hit = memrchr(s.data(), '\n', end);
    if (hit == nullptr) return std::string_view::npos;
    const size_t q = size_t(static_cast<const char*>(hit) - s.data());
    if (q >= 1 && s[q - 1] == '\n') return q + 1;
    if (q >= 2 && s[q - 1] == '\r' && s[q - 2] == '\n') return q + 1;
    end = q;
  }
  return std::string_view::npos;
}
inline size_t end_of_last_blank_line_reference(std::string_view s) {
  const size_t blank = s.rfind("\n\n"), blank_cr = s.rfind("\n\r\n");
  size_t best = std::string_view::npos;
  if (blank != std::string_view::npos) best = blank + 2;
  if (blank_cr != std::string_view::npos &&
      (best == std::string_view::npos || blank_cr + 3 > best)) {
    best = blank_cr + 3;
  }
  return best;
}

class InputFile {
 public:
  /// Opens `path` ("-" = stdin). Fails for a missing, unreadable or directory path.
  static Result<InputFile> open(const std::string& path);
  InputFile(InputFile&&) noexcept;
  InputFile& operator=(InputFile&&) noexcept;
  ~InputFile();

  /// Fills `block` with the next lines (about policy.target bytes). Returns
  /// false at the end of input.
  Result<bool> next_block(Block* block, const BlockPolicy& policy);

  const std::string& name() const { return name_; }
  /// Size in bytes if the input is a regular file, else 0.
  uint64_t size() const { return size_; }

 private:
  InputFile(int fd, std::string name, uint64_t size)
      : fd_(fd), name_(std::move(name)), size_(size) {}
  Result<size_t> read_some(size_t want);
  std::pair<size_t, Edge> mid_line_cut(const BlockPolicy& policy) const;

  int fd_ = -1;
  std::string name_;
  uint64_t size_ = 0;
  ByteBuffer pending_;   // read but not yet handed out
  uint64_t offset_ = 0;  // file offset of pending_[0]
  uint64_t line_ = 0;    // line number of pending_[0]
  bool eof_ = false;
  Edge last_edge_ = Edge::kLineEnd;
  std::string last_tail_;        // the end of the last block, when it ended kForced
  bool line_has_token_ = false;  // the line the next block continues had a token
};

/// Where output goes. A regular file named by -o is written to a temporary
/// file beside it and renamed over it by commit(), so that a failed or killed
/// run never leaves a partial file that looks complete, and an existing file is
/// untouched unless the run succeeds. Other paths (a pipe, /dev/null, a
/// terminal) are written directly.
class Output {
 public:
  /// Opens `path` for writing ("" or "-" = stdout).
  static Result<Output> open(const std::string& path);
  Output(Output&&) noexcept;
  Output& operator=(Output&&) noexcept;
  ~Output();

  /// Appends; writes through when the buffer is full. A failed write sticks:
  /// later writes do nothing and status() tells.
  void write(std::string_view bytes);
  /// Writes out what is buffered.
  Status flush();
  /// Writes out what is buffered and, for a file written through a temporary
  /// one, renames it into place. Without a commit the temporary file is removed
  /// (destructor, or on SIGINT/SIGTERM/SIGHUP).
  Status commit();
  /// True once any byte was written and the last one was not a line feed.
  bool mid_line() const { return mid_line_; }
  /// True if the reader went away (EPIPE): the CLI then ends quietly.
  bool broken_pipe() const { return broken_pipe_; }

 private:
  Output(int fd, std::string name, bool owned) : fd_(fd), name_(std::move(name)), owned_(owned) {}
  void write_through(std::string_view bytes);

  int fd_ = 1;
  std::string name_;
  bool owned_ = false;
  std::string temp_;  // the temporary file renamed to name_ by commit(), if any
  bool mid_line_ = false;
  std::string buffer_;
  bool failed_ = false;
  bool broken_pipe_ = false;
  std::string error_;
};

/// True if the two paths name the same file (so -o would overwrite an input);
/// "-" stands for standard input.
bool same_file(const std::string& a, const std::string& b);

/// True if `text` holds a code point that is not White_Space (so a token), or
/// a byte that is not UTF-8.
bool has_token_char(std::string_view text);

/// `name` fit for a one-line message: control characters and bytes that are
/// not UTF-8 written as \xHH (and a backslash as \\).
std::string printable(std::string_view name);

}  // namespace dhad::cli

#endif  // DHAD_CLI_IO_H_
