#include "cli/io.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <tuple>
#include <utility>

#include "dhad/utf8.h"

namespace dhad::cli {
namespace {

constexpr size_t kOutputBuffer = 1 << 20;

Error io_error(const std::string& name, const std::string& what) {
  return Error(ErrorCode::kIoError, printable(name) + ": " + what);
}

// The temporary output file, for the signal handler to remove: a fixed buffer,
// since a handler may not allocate.
char g_temp_path[4096];
volatile sig_atomic_t g_temp_set = 0;

extern "C" void remove_temp_and_die(int sig) {
  if (g_temp_set) ::unlink(g_temp_path);
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

void register_temp(const std::string& path) {
  if (path.size() >= sizeof g_temp_path) return;
  std::memcpy(g_temp_path, path.c_str(), path.size() + 1);
  g_temp_set = 1;
  static const bool installed = [] {
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) ::signal(sig, remove_temp_and_die);
    return true;
  }();
  (void)installed;
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
  char* const to = pending_.grow_uninitialized(want);
  while (true) {
    const ssize_t n = ::read(fd_, to, want);
    if (n >= 0) {
      pending_.truncate(old + size_t(n));
      if (n == 0) eof_ = true;
      return size_t(n);
    }
    if (errno == EINTR) continue;
    const int err = errno;
    pending_.truncate(old);
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
  if (!policy.whole_lines) {
    size_t space = 0;
    for (size_t p = std::min(limit, s.size() - 1); p > 0; --p) {
      if (!is_hspace(s[p]) || is_hspace(s[p - 1])) continue;
      if (policy.cut != Cut::kParagraph) return {p, Edge::kSpace};
      if (after_terminal(s, p)) return {p, Edge::kSentenceEnd};
      if (space == 0) space = p;
      if (p < limit / 2) break;
    }
    if (space != 0) return {space, Edge::kSpace};
  }
  // No place to cut but inside a token (or a record): only once it is longer
  // than max_piece (strictly, so the last piece of input is never mistaken
  // for a cut one), and with Block::kContext bytes past the cut at hand: they
  // are Block::after, by which a command tells a piece of a word from a word.
  if (s.size() <= policy.max_piece + Block::kContext) return {std::string::npos, Edge::kForced};
  return {std::max<size_t>(limit, 1), Edge::kForced};
}

Result<bool> InputFile::next_block(Block* block, const BlockPolicy& policy) {
  // Read until the buffer holds `target` bytes and a line end, or input ends;
  // a line longer than max_piece is cut inside (see Edge).
  size_t cut_at = std::string::npos;
  Edge edge = Edge::kLineEnd;
  while (true) {
    if (pending_.size() >= policy.target || eof_) {
      // Each look starts afresh: a cut found on this pass says how it ends.
      edge = Edge::kLineEnd;
      cut_at = std::string::npos;
      const size_t nl = std::string_view(pending_).rfind('\n');
      if (nl != std::string::npos) {
        cut_at = nl + 1;
        if (policy.cut == Cut::kParagraph && !eof_) {
          // Prefer the end of the last blank line: "\n\n" or "\n\r\n".
          const size_t best = end_of_last_blank_line(pending_);
          if (best != std::string::npos) {
            cut_at = best;
          } else {
            edge = Edge::kSpace;  // a line end inside a paragraph: the sentence may go on
          }
        }
      }
      if (eof_) {
        cut_at = pending_.size();  // the end of input ends the last line
      } else if (cut_at == std::string::npos) {
        std::tie(cut_at, edge) = mid_line_cut(policy);
      }
      if (cut_at != std::string::npos) break;
    }
    // Top the buffer up to `target`: reading a whole target more on top of
    // the last block's tail doubled every buffer, and each fresh page costs a
    // fault (stem ran ~9% faster). Past `target` (a line longer than that),
    // a whole target a read, so that the scans above stay few.
    const size_t room =
        pending_.size() < policy.target ? policy.target - pending_.size() : policy.target;
    Result<size_t> n = read_some(std::max<size_t>(room, 1 << 16));
    if (!n) return n.error();
  }
  if (cut_at == 0) return false;
  block->offset = offset_;
  block->first_line = line_;
  block->begin = last_edge_;
  block->end = edge;
  block->before.clear();
  block->after.clear();
  if (last_edge_ == Edge::kForced) block->before.swap(last_tail_);
  if (edge == Edge::kForced) {
    const std::string_view s(pending_);
    block->after.assign(s.substr(cut_at, Block::kContext));
    const size_t keep = std::min(cut_at, Block::kContext);
    last_tail_.assign(s.substr(cut_at - keep, keep));
  }
  last_edge_ = edge;
  // Hand the buffer over and keep only the remainder: one copy of the tail
  // instead of two of the whole.
  block->data.swap(pending_);
  pending_.assign(std::string_view(block->data).substr(cut_at));
  block->data.truncate(cut_at);
  offset_ += cut_at;
  if (policy.count_lines) {
    const std::string_view data(block->data);
    line_ += uint64_t(std::count(data.begin(), data.end(), '\n'));
  }
  block->line_has_token = line_has_token_;
  if (edge == Edge::kLineEnd) {
    line_has_token_ = false;
  } else {
    const std::string_view data(block->data);
    const size_t nl = data.rfind('\n');
    if (nl != std::string_view::npos) line_has_token_ = false;
    line_has_token_ = line_has_token_ || has_token_char(data.substr(nl + 1));
  }
  return true;
}

bool has_token_char(std::string_view text) {
  for (size_t pos = 0; pos < text.size();) {
    const Utf8Char c = decode_utf8(text, pos);
    if (!c.valid) return true;
    const char32_t cp = c.code_point;
    // Unicode's White_Space, which the tokenizer skips between tokens.
    const bool white = (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 ||
                       cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
                       cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    if (!white) return true;
    pos += c.length;
  }
  return false;
}

void apply_block_size_override(BlockPolicy* policy) {
  static const size_t size = [] {
    const char* v = std::getenv("DHAD_BLOCK_SIZE");
    if (v == nullptr || *v == '\0') return size_t{0};
    return size_t(std::strtoull(v, nullptr, 10));
  }();
  if (size < 16) return;
  policy->target = size;
  if (!policy->whole_lines) policy->max_piece = size;
}

Result<Output> Output::open(const std::string& path) {
  if (path.empty() || path == "-") return Output(1, "<stdout>", false);
  struct stat st {};
  const bool exists = ::stat(path.c_str(), &st) == 0;
  if (exists && !S_ISREG(st.st_mode)) {
    // A device, pipe or terminal: there is nothing to replace atomically.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return io_error(path, std::strerror(errno));
    return Output(fd, path, true);
  }
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  std::string temp = dir + "." + base + ".dhad-XXXXXX";
  const int fd = ::mkostemp(temp.data(), O_CLOEXEC);
  if (fd < 0) return io_error(path, std::strerror(errno));
  // The file gets the mode it had, or what a plain create would give it.
  mode_t mode = st.st_mode & 07777;
  if (!exists) {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    mode = 0666 & ~mask;
  }
  ::fchmod(fd, mode);
  register_temp(temp);
  Output out(fd, path, true);
  out.temp_ = temp;
  return out;
}

Status Output::commit() {
  Status s = flush();
  if (!s) return s;
  if (temp_.empty()) return {};
  if (::close(fd_) != 0) {
    fd_ = -1;
    return io_error(name_, std::string("write failed: ") + std::strerror(errno));
  }
  fd_ = -1;
  if (::rename(temp_.c_str(), name_.c_str()) != 0) {
    return io_error(name_, std::string("cannot replace: ") + std::strerror(errno));
  }
  g_temp_set = 0;
  temp_.clear();
  return {};
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
  std::swap(temp_, o.temp_);
  std::swap(mid_line_, o.mid_line_);
  return *this;
}
Output::~Output() {
  if (owned_ && fd_ >= 0) ::close(fd_);
  if (!temp_.empty()) {
    ::unlink(temp_.c_str());
    g_temp_set = 0;
  }
}

void Output::write(std::string_view bytes) {
  if (failed_ || bytes.empty()) return;
  mid_line_ = bytes.back() != '\n';
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
  auto get = [](const std::string& path, struct stat* st) {
    return path == "-" ? ::fstat(0, st) == 0 : ::stat(path.c_str(), st) == 0;
  };
  if (!get(a, &sa) || !get(b, &sb)) return false;
  // Only files can be clobbered: two ends of one pipe or a shared terminal
  // are not a conflict.
  if (!S_ISREG(sa.st_mode) || !S_ISREG(sb.st_mode)) return false;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

std::string printable(std::string_view name) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t pos = 0; pos < name.size();) {
    const Utf8Char c = decode_utf8(name, pos);
    const auto b = uint8_t(name[pos]);
    if (c.valid && c.code_point >= 0x20 && c.code_point != 0x7F &&
        !(c.code_point >= 0x80 && c.code_point < 0xA0) && b != '\\') {
      out.append(name.substr(pos, c.length));
    } else if (b == '\\') {
      out.append("\\\\");
    } else {
      for (uint32_t i = 0; i < c.length; ++i) {
        const auto x = uint8_t(name[pos + i]);
        out.append("\\x");
        out.push_back(kHex[x >> 4]);
        out.push_back(kHex[x & 15]);
      }
    }
    pos += c.length;
  }
  return out;
}

}  // namespace dhad::cli
