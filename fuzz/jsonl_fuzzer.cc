// Fuzzes the --field record reader (src/jsonl). Input: the field name up to the
// first '\n', then the record; without a '\n' the name is "text" and the whole
// input is the record. Checks: find_string_field never crashes and reports
// offsets within the record; a found field splices back (replace_field with its
// own text) into a record where it is found again with the same text (invalid
// UTF-8 repaired as U+FFFD); append_json_string of any bytes parses back.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "cli/jsonl.h"
#include "dhad/utf8.h"
#include "fuzz_check.h"

namespace {

std::string repaired(std::string_view text) {
  std::string out;
  dhad::append_replacing_invalid_utf8(text, &out);
  return out;
}

void check_field(std::string_view record, std::string_view name) {
  auto found = dhad::jsonl::find_string_field(record, name);
  if (!found.ok()) {
    const dhad::Error& e = found.error();
    FUZZ_CHECK(e.code() == dhad::ErrorCode::kMalformedRecord, "error code %d", int(e.code()));
    FUZZ_CHECK(e.has_offset() && e.offset() <= record.size(), "error offset %llu, record %zu",
               (unsigned long long)e.offset(), record.size());
    return;
  }
  const dhad::jsonl::StringField& f = *found;
  FUZZ_CHECK(f.value_begin < f.value_end && f.value_end <= record.size() &&
                 record[f.value_begin] == '"' && record[f.value_end - 1] == '"',
             "field span [%zu, %zu) of a %zu-byte record", f.value_begin, f.value_end,
             record.size());

  const std::string want = repaired(f.text);
  std::string literal;
  dhad::jsonl::append_json_string(f.text, &literal);
  const std::string spliced = dhad::jsonl::replace_field(record, f, f.text);
  FUZZ_CHECK(spliced == std::string(record.substr(0, f.value_begin)) + literal +
                            std::string(record.substr(f.value_end)),
             "replace_field is not prefix + literal + suffix");
  auto again = dhad::jsonl::find_string_field(spliced, name);
  FUZZ_CHECK(again.ok(), "spliced record no longer parses: %s at %llu",
             again.error().message().c_str(), (unsigned long long)again.error().offset());
  FUZZ_CHECK(again->text == want, "spliced field reads back %zu bytes, want %zu",
             again->text.size(), want.size());
  FUZZ_CHECK(
      again->value_begin == f.value_begin && again->value_end == f.value_begin + literal.size(),
      "spliced field at [%zu, %zu), want [%zu, %zu)", again->value_begin, again->value_end,
      f.value_begin, f.value_begin + literal.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view name = "text";
  std::string_view record = input;
  if (const size_t nl = input.find('\n'); nl != std::string_view::npos) {
    name = input.substr(0, nl);
    record = input.substr(nl + 1);
  }
  check_field(record, name);
  if (name != "text") check_field(record, "text");

  // Any bytes, written as a JSON string, read back as their repaired text.
  std::string wrapped = "{\"k\":";
  dhad::jsonl::append_json_string(input, &wrapped);
  wrapped += "}";
  FUZZ_CHECK(dhad::is_valid_utf8(wrapped), "append_json_string output is not valid UTF-8");
  auto back = dhad::jsonl::find_string_field(wrapped, "k");
  FUZZ_CHECK(back.ok(), "append_json_string output does not parse: %s at %llu",
             back.error().message().c_str(), (unsigned long long)back.error().offset());
  FUZZ_CHECK(back->text == repaired(input), "append_json_string does not read back");
  return 0;
}
