#include "cli/io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <tuple>
#include <utility>

#include "dhad/utf8.h"

namespace dhad::cli {
namespace {

constexpr size_t kOutputBuffer = 1 << 20;

Error io_error(const std::string& name, const std::string& what) {
  return Error(ErrorCode::kIoError, name + ": " + what);
}

std::string display_name(const std::string& path) { return path == "-" ? "<stdin>" : path; }

}  // namespace

Result<InputFile> InputFile::open(const std::string& path) {
  const std::string name = display_name(path);
  int fd = 0;
  if (path != "-") {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return io_error(name, std::strerror(errno));
  }
  struct stat st {};
  if (fstat(fd, &st) != 0) {
    const int err = errno;
    if (fd != 0) ::close(fd);
    return io_error(name, std::strerror(err));
  }
  if (S_ISDIR(st.st_mode)) {
    if (fd != 0) ::close(fd);
    return io_error(name, "is a directory");
  }
  const uint64_t size = S_ISREG(st.st_mode) ? uint64_t(st.st_size) : 0;
  return InputFile(fd, name, size);
}

InputFile::InputFile(InputFile&& o) noexcept { *this = std::move(o); }
InputFile& InputFile::operator=(InputFile&& o) noexcept {
  std::swap(fd_, o.fd_);
  std::swap(name_, o.name_);
  std::swap(size_, o.size_);
  std::swap(pending_, o.pending_);
  std::swap(offset_, o.offset_);
  std::swap(line_, o.line_);
  std::swap(eof_, o.eof_);
  std::swap(last_edge_, o.last_edge_);
  return *this;
}
InputFile::~InputFile() {
  if (fd_ > 0) ::close(fd_);
}

Result<size_t> InputFile::read_some(size_t want) {
  const size_t old = pending_.size();
  pending_.resize(old + want);
  while (true) {
    const ssize_t n = ::read(fd_, pending_.data() + old, want);
    if (n >= 0) {
      pending_.resize(old + size_t(n));
      if (n == 0) eof_ = true;
      return size_t(n);
    }
    if (errno == EINTR) continue;
    const int err = errno;
    pending_.resize(old);
    return io_error(name_, std::strerror(err));
  }
}

namespace {

bool is_hspace(char c) { return c == ' ' || c == '\t'; }

// True if the character ending just before `pos` ends a sentence.
bool after_terminal(std::string_view s, size_t pos) {
  if (pos == 0) return false;
  const char c = s[pos - 1];
  if (c == '.' || c == '!' || c == '?') return true;
  if (pos >= 2 && s.substr(pos - 2, 2) == "\xD8\x9F") return true;  // ؟
  if (pos >= 2 && s.substr(pos - 2, 2) == "\xD8\x9B") return true;  // ؛
  return pos >= 3 && s.substr(pos - 3, 3) == "\xE2\x80\xA6";        // …
}

}  // namespace

std::pair<size_t, Edge> InputFile::mid_line_cut(const BlockPolicy& policy) const {
  // The last start of a space/tab run whose preceding byte is not blank, so
  // that no token and no whitespace run is split; for sentences, prefer one
  // right after a sentence end, down to half the window.
  const std::string_view s(pending_);
  const size_t limit = utf8_boundary_before(s, std::min(s.size(), policy.max_piece));
  size_t space = 0;
  for (size_t p = std::min(limit, s.size() - 1); p > 0; --p) {
    if (!is_hspace(s[p]) || is_hspace(s[p - 1])) continue;
    if (policy.cut != Cut::kParagraph) return {p, Edge::kSpace};
    if (after_terminal(s, p)) return {p, Edge::kSentenceEnd};
    if (space == 0) space = p;
    if (p < limit / 2) break;
  }
  if (space != 0) return {space, Edge::kSpace};
  // No place to cut but inside a token: only once the token reaches max_piece.
  // Strictly longer, so the last piece of input is never mistaken for a cut one.
  if (s.size() <= policy.max_piece) return {std::string::npos, Edge::kForced};
  return {limit, Edge::kForced};
}

Result<bool> InputFile::next_block(Block* block, const BlockPolicy& policy) {
  // Read until the buffer holds `target` bytes and a line end, or input ends;
  // a line longer than max_piece is cut inside (see Edge).
  size_t cut_at = std::string::npos;
  Edge edge = Edge::kLineEnd;
  while (true) {
    if (pending_.size() >= policy.target || eof_) {
      const size_t nl = pending_.rfind('\n');
      if (nl != std::string::npos) {
        cut_at = nl + 1;
        if (policy.cut == Cut::kParagraph && !eof_) {
          // Prefer the end of the last blank line: "\n\n" or "\n\r\n".
          const size_t blank = pending_.rfind("\n\n");
          const size_t blank_cr = pending_.rfind("\n\r\n");
          size_t best = std::string::npos;
          if (blank != std::string::npos) best = blank + 2;
          if (blank_cr != std::string::npos && (best == std::string::npos || blank_cr + 3 > best)) {
            best = blank_cr + 3;
          }
          if (best != std::string::npos) cut_at = best;
        }
      }
      if (eof_) {
        cut_at = pending_.size();
        edge = Edge::kLineEnd;  // the end of input ends the last line
      } else if (cut_at == std::string::npos) {
        std::tie(cut_at, edge) = mid_line_cut(policy);
      }
      if (cut_at != std::string::npos) break;
    }
    Result<size_t> n = read_some(std::max<size_t>(policy.target, 1 << 16));
    if (!n) return n.error();
  }
  if (cut_at == 0) return false;
  block->offset = offset_;
  block->first_line = line_;
  block->begin = last_edge_;
  block->end = edge;
  last_edge_ = edge;
  // Hand the buffer over and keep only the remainder: one copy of the tail
  // instead of two of the whole.
  block->data.swap(pending_);
  pending_.assign(block->data, cut_at, std::string::npos);
  block->data.resize(cut_at);
  offset_ += cut_at;
  if (policy.count_lines) {
    line_ += uint64_t(std::count(block->data.begin(), block->data.end(), '\n'));
  }
  return true;
}

Result<Output> Output::open(const std::string& path) {
  if (path.empty() || path == "-") return Output(1, "<stdout>", false);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) return io_error(path, std::strerror(errno));
  return Output(fd, path, true);
}

Output::Output(Output&& o) noexcept { *this = std::move(o); }
Output& Output::operator=(Output&& o) noexcept {
  std::swap(fd_, o.fd_);
  std::swap(name_, o.name_);
  std::swap(owned_, o.owned_);
  std::swap(buffer_, o.buffer_);
  std::swap(failed_, o.failed_);
  std::swap(broken_pipe_, o.broken_pipe_);
  std::swap(error_, o.error_);
  return *this;
}
Output::~Output() {
  if (owned_ && fd_ >= 0) ::close(fd_);
}

void Output::write(std::string_view bytes) {
  if (failed_) return;
  // Small pieces are gathered; a block's worth goes out directly, uncopied.
  if (bytes.size() >= kOutputBuffer / 4 || buffer_.size() + bytes.size() > kOutputBuffer) {
    write_through(buffer_);
    buffer_.clear();
    if (bytes.size() >= kOutputBuffer / 4) {
      write_through(bytes);
      return;
    }
  }
  buffer_.append(bytes);
}

void Output::write_through(std::string_view bytes) {
  while (!bytes.empty() && !failed_) {
    const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n >= 0) {
      bytes.remove_prefix(size_t(n));
      continue;
    }
    if (errno == EINTR) continue;
    failed_ = true;
    broken_pipe_ = errno == EPIPE;
    error_ = std::strerror(errno);
  }
}

Status Output::flush() {
  if (!failed_) {
    write_through(buffer_);
    buffer_.clear();
  }
  if (failed_) return io_error(name_, "write failed: " + error_);
  return {};
}

bool same_file(const std::string& a, const std::string& b) {
  struct stat sa {
  }, sb{};
  if (::stat(a.c_str(), &sa) != 0 || ::stat(b.c_str(), &sb) != 0) return false;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

}  // namespace dhad::cli
