// dhad/result.h — error codes and Result<T>, the only way dhad reports failure.
//
// No exception crosses the dhad API. A fallible call returns Result<T> (or Status
// when there is no value); the caller checks it before use. Error carries a code,
// a one-line message and, where it applies, the byte offset in the input.
// Thread-safety: plain values. Cost: a Result is a std::variant; an Error owns a
// std::string, so the success path allocates nothing.
#ifndef DHAD_RESULT_H_
#define DHAD_RESULT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "dhad/export.h"

namespace dhad {

/// Every way a dhad call can fail. The CLI maps these to exit statuses
/// (see exit_status()); keep the two in step.
enum class ErrorCode : int {
  kOk = 0,
  kInvalidUtf8,      ///< input is not valid UTF-8 under the strict policy
  kMalformedRecord,  ///< a JSONL record is not a JSON object or lacks the field
  kInvalidArgument,  ///< a caller passed an option or value that makes no sense
  kIoError,          ///< a file could not be opened, read or written
  kBadModel,         ///< a model file is truncated, corrupt or of another version
};

/// A short fixed description of `code`, e.g. "invalid UTF-8".
DHAD_EXPORT std::string_view error_code_name(ErrorCode code);

/// The process exit status the CLI uses for `code`:
/// 0 ok, 1 bad input, 2 usage, 3 I/O, 4 bad model.
DHAD_EXPORT int exit_status(ErrorCode code);

/// A failure: what went wrong, in one line, and where (byte offset), if known.
class DHAD_EXPORT Error {
 public:
  static constexpr uint64_t kNoOffset = ~uint64_t{0};

  Error(ErrorCode code, std::string message, uint64_t offset = kNoOffset)
      : code_(code), message_(std::move(message)), offset_(offset) {}

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  /// Byte offset in the input where the problem is, or kNoOffset.
  uint64_t offset() const { return offset_; }
  bool has_offset() const { return offset_ != kNoOffset; }

 private:
  ErrorCode code_;
  std::string message_;
  uint64_t offset_;
};

/// Either a T or an Error.
///
///   dhad::Result<size_t> n = dhad::find_invalid_utf8_strict(text);
///   if (!n) { std::cerr << n.error().message() << '\n'; return 1; }
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

/// Result with no value: success, or an Error.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_{ErrorCode::kOk, std::string()};
  bool ok_ = true;
};

}  // namespace dhad

#endif  // DHAD_RESULT_H_
