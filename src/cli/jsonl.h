// The JSONL field reader behind --field NAME: finds one top-level string field
// in a JSON object and splices a new value in its place, keeping every other
// byte of the record as it was. The CLI's own (not part of the library).
//
// Why not a JSON library: commands must keep the other fields byte for byte
// (number spellings, key order, escapes), which a parse/serialize round trip
// does not promise. This is a validating scanner (RFC 8259 grammar, nesting
// depth limited) that records the raw span of one value.
// Thread-safety: pure functions. Cost: one pass over the record.
#ifndef DHAD_CLI_JSONL_H_
#define DHAD_CLI_JSONL_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "dhad/result.h"

namespace dhad::jsonl {

inline constexpr int kMaxDepth = 256;

/// Where a string field sits in a record and what it says.
struct StringField {
  size_t value_begin = 0;  ///< offset of the opening quote in the record
  size_t value_end = 0;    ///< offset one past the closing quote
  std::string text;        ///< the value, unescaped (UTF-8)
  /// \u escapes of lone surrogates in the value, each decoded to U+FFFD (the
  /// caller applies its invalid-UTF-8 policy to them).
  size_t lone_surrogates = 0;
};

/// Validates `record` (one JSON object, surrounding whitespace allowed) and
/// finds the top-level member `name`, whose value must be a string.
/// Errors (kMalformedRecord) name the byte offset within the record: not JSON,
/// not an object, no such field (offset of the '{'), field not a string (offset
/// of its value); a syntax error anywhere wins over the last two. Keys are
/// compared after unescaping; if a key appears twice the first is used. A \u
/// escape of a lone surrogate decodes to U+FFFD; raw bytes that are not valid
/// UTF-8 are kept as they are.
Result<StringField> find_string_field(std::string_view record, std::string_view name);

/// Appends `text` as a JSON string literal (with quotes): " \ and control
/// characters escaped, everything else as is. Invalid UTF-8 in `text` is
/// written as U+FFFD so that the output is always valid JSON.
void append_json_string(std::string_view text, std::string* out);

/// The same for `text` known to be valid UTF-8 (not checked): a table-driven
/// scan for the bytes JSON must escape, several times faster.
void append_json_string_valid(std::string_view text, std::string* out);

/// Whether `text` holds a byte a JSON string must escape ('"', '\\', a
/// control below 0x20): eight bytes at a time. needs_json_escape_reference is
/// the byte-at-a-time table look it is tested against.
bool needs_json_escape(std::string_view text);
bool needs_json_escape_reference(std::string_view text);

/// The same, written at `out`, which must have room for 2 + 6 * text.size()
/// bytes; returns the end of what was written. For writers that fill a buffer
/// through a pointer.
char* write_json_string_valid(std::string_view text, char* out);

/// record[0, begin) + JSON string of `value` + record[end, ...).
std::string replace_field(std::string_view record, const StringField& field,
                          std::string_view value);

}  // namespace dhad::jsonl

#endif  // DHAD_CLI_JSONL_H_
