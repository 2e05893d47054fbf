#include "dhad/result.h"

namespace dhad {

std::string_view error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return "ok";
    case ErrorCode::kInvalidUtf8:
      return "invalid UTF-8";
    case ErrorCode::kMalformedRecord:
      return "malformed record";
    case ErrorCode::kInvalidArgument:
      return "invalid argument";
    case ErrorCode::kIoError:
      return "I/O error";
    case ErrorCode::kBadModel:
      return "bad model";
  }
  return "unknown error";
}

int exit_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return 0;
    case ErrorCode::kInvalidUtf8:
    case ErrorCode::kMalformedRecord:
      return 1;
    case ErrorCode::kInvalidArgument:
      return 2;
    case ErrorCode::kIoError:
      return 3;
    case ErrorCode::kBadModel:
      return 4;
  }
  return 1;
}

}  // namespace dhad
