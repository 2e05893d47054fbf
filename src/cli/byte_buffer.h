// A growable byte buffer for input blocks. Unlike std::string, growing it
// does not write zeros over the new bytes: read() fills them anyway, and
// zeroing each megabyte before reading into it cost a memset of the whole
// input (about 10 GB/s here: several percent of a fast command).
#ifndef DHAD_CLI_BYTE_BUFFER_H_
#define DHAD_CLI_BYTE_BUFFER_H_

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>
#include <utility>

namespace dhad::cli {

class ByteBuffer {
 public:
  ByteBuffer() = default;
  ByteBuffer(ByteBuffer&& o) noexcept { swap(o); }
  ByteBuffer& operator=(ByteBuffer&& o) noexcept {
    swap(o);
    return *this;
  }

  const char* data() const { return bytes_.get(); }
  char* data() { return bytes_.get(); }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  operator std::string_view() const { return {bytes_.get(), size_}; }

  void clear() { size_ = 0; }
  /// Keeps the first n bytes (n <= size()).
  void truncate(size_t n) { size_ = std::min(n, size_); }
  /// Adds n bytes at the end whose values the caller writes (they are not
  /// initialized); returns where they start.
  char* grow_uninitialized(size_t n) {
    reserve(size_ + n);
    char* at = bytes_.get() + size_;
    size_ += n;
    return at;
  }
  /// Replaces the contents by s, which must not lie inside this buffer.
  void assign(std::string_view s) {
    size_ = 0;
    if (!s.empty()) std::memcpy(grow_uninitialized(s.size()), s.data(), s.size());
  }
  void swap(ByteBuffer& o) noexcept {
    std::swap(bytes_, o.bytes_);
    std::swap(size_, o.size_);
    std::swap(capacity_, o.capacity_);
  }

 private:
  void reserve(size_t n) {
    if (n <= capacity_) return;
    const size_t capacity = std::max(n, 2 * capacity_);
    std::unique_ptr<char[]> bigger(new char[capacity]);  // default-initialized: not zeroed
    if (size_ != 0) std::memcpy(bigger.get(), bytes_.get(), size_);
    bytes_ = std::move(bigger);
    capacity_ = capacity;
  }

  std::unique_ptr<char[]> bytes_;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

}  // namespace dhad::cli

#endif  // DHAD_CLI_BYTE_BUFFER_H_
