#include "cli/jsonl.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <utility>

#include "dhad/utf8.h"

namespace dhad::jsonl {
namespace {

constexpr bool is_space(uint8_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
constexpr bool is_digit(uint8_t c) { return c >= '0' && c <= '9'; }

constexpr int hex_value(uint8_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Writes at o the JSON escape of byte c (a control character, '"' or '\\'),
// at most 6 bytes; returns the end. The one spelling of escapes for both
// string writers: the short forms where JSON has them, else \u00XX.
char* write_escape(uint8_t c, char* o) {
  static constexpr char kHex[] = "0123456789abcdef";
  *o++ = '\\';
  switch (c) {
    case '"':
    case '\\':
      *o++ = char(c);
      break;
    case '\b':
      *o++ = 'b';
      break;
    case '\f':
      *o++ = 'f';
      break;
    case '\n':
      *o++ = 'n';
      break;
    case '\r':
      *o++ = 'r';
      break;
    case '\t':
      *o++ = 't';
      break;
    default:
      *o++ = 'u';
      *o++ = '0';
      *o++ = '0';
      *o++ = kHex[c >> 4];
      *o++ = kHex[c & 0xF];
  }
  return o;
}

// The body of a JSON string literal, without the quotes.
void append_escaped(std::string_view text, std::string* out) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const size_t n = text.size();
  size_t run = 0;  // start of the bytes that are copied as they are
  size_t pos = 0;
  while (pos < n) {
    const uint8_t c = s[pos];
    if (c >= 0xC2 && c < 0xE0 && pos + 1 < n && (s[pos + 1] & 0xC0) == 0x80) {
      pos += 2;  // a two-byte character (all of Arabic): valid, copied as is
      continue;
    }
    if (c >= 0x80) {
      const Utf8Char u = decode_utf8(text, pos);
      if (u.valid) {
        pos += u.length;
        continue;
      }
      out->append(text.data() + run, pos - run);
      out->append("\xEF\xBF\xBD");
      pos += u.length;
      run = pos;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++pos;
      continue;
    }
    out->append(text.data() + run, pos - run);
    char escape[6];
    out->append(escape, size_t(write_escape(c, escape) - escape));
    ++pos;
    run = pos;
  }
  out->append(text.data() + run, n - run);
}

// The field name as error messages show it: escaped, so that the message stays
// one line of valid UTF-8 whatever the caller passed.
std::string quoted(std::string_view name) {
  std::string out = "'";
  append_escaped(name, &out);
  out.push_back('\'');
  return out;
}

// Recursive descent over one record. Depth is checked before every descent, so
// hostile input costs at most kMaxDepth frames. Only top-level keys and the
// chosen value are unescaped; everything else is validated and skipped.
class Scanner {
 public:
  Scanner(std::string_view record, std::string_view name)
      : text_(record),
        s_(reinterpret_cast<const uint8_t*>(record.data())),
        n_(record.size()),
        name_(name) {}

  Result<StringField> run() {
    skip_space();
    if (pos_ >= n_) return Error(ErrorCode::kMalformedRecord, "empty record", 0);
    if (s_[pos_] != '{') {
      return Error(ErrorCode::kMalformedRecord, "record is not a JSON object", pos_);
    }
    const size_t object_begin = pos_;
    if (!parse_object(1)) return Error(ErrorCode::kMalformedRecord, error_, error_offset_);
    skip_space();
    if (pos_ != n_) {
      return Error(ErrorCode::kMalformedRecord, "trailing bytes after the object", pos_);
    }
    // Syntax errors come first: a record that is not JSON is reported as such
    // even when the field is missing or of the wrong type.
    if (!found_) {
      return Error(ErrorCode::kMalformedRecord, "no field " + quoted(name_), object_begin);
    }
    if (!found_string_) {
      return Error(ErrorCode::kMalformedRecord, "field " + quoted(name_) + " is not a string",
                   field_.value_begin);
    }
    return std::move(field_);
  }

 private:
  bool fail(const char* message, size_t offset) {
    error_ = message;
    error_offset_ = offset;
    return false;
  }

  // At the end of the record every "expected X" becomes the same message.
  bool fail_expected(const char* message) {
    if (pos_ >= n_) return fail("unexpected end of record", n_);
    return fail(message, pos_);
  }

  bool at(uint8_t c) const { return pos_ < n_ && s_[pos_] == c; }

  void skip_space() {
    while (pos_ < n_ && is_space(s_[pos_])) ++pos_;
  }

  // `depth` is the depth the value has if it is an array or object; the top
  // object is depth 1.
  bool parse_value(int depth) {
    if (pos_ >= n_) return fail("unexpected end of record", n_);
    switch (s_[pos_]) {
      case '{':
      case '[':
        if (depth > kMaxDepth) {
          return fail(kDepthMessage, pos_);
        }
        return s_[pos_] == '{' ? parse_object(depth) : parse_array(depth);
      case '"':
        return parse_string(nullptr);
      case 't':
        return parse_literal("true");
      case 'f':
        return parse_literal("false");
      case 'n':
        return parse_literal("null");
      default:
        if (s_[pos_] == '-' || is_digit(s_[pos_])) return parse_number();
        return fail("expected a value", pos_);
    }
  }

  bool parse_object(int depth) {
    const bool top = depth == 1;
    ++pos_;  // '{'
    skip_space();
    if (at('}')) {
      ++pos_;
      return true;
    }
    while (true) {
      if (!at('"')) return fail_expected("expected a string key");
      // Once the first occurrence is found later keys need no unescaping.
      const bool compare = top && !found_;
      key_.clear();
      if (!parse_string(compare ? &key_ : nullptr)) return false;
      skip_space();
      if (!at(':')) return fail_expected("expected ':' after key");
      ++pos_;
      skip_space();
      if (compare && key_ == name_) {
        found_ = true;
        field_.value_begin = pos_;
        if (at('"')) {
          found_string_ = true;
          if (!parse_string(&field_.text)) return false;
          field_.value_end = pos_;
        } else if (!parse_value(depth + 1)) {
          return false;
        }
      } else if (!parse_value(depth + 1)) {
        return false;
      }
      skip_space();
      if (at(',')) {
        ++pos_;
        skip_space();
        continue;
      }
      if (at('}')) {
        ++pos_;
        return true;
      }
      return fail_expected("expected ',' or '}' after member");
    }
  }

  bool parse_array(int depth) {
    ++pos_;  // '['
    skip_space();
    if (at(']')) {
      ++pos_;
      return true;
    }
    while (true) {
      if (!parse_value(depth + 1)) return false;
      skip_space();
      if (at(',')) {
        ++pos_;
        skip_space();
        continue;
      }
      if (at(']')) {
        ++pos_;
        return true;
      }
      return fail_expected("expected ',' or ']' after element");
    }
  }

  // At an opening quote. Appends the unescaped value to `out` unless null.
  // Raw bytes are not checked for UTF-8 validity: they are kept as they are.
  bool parse_string(std::string* out) {
    const size_t open = pos_;
    ++pos_;
    size_t run = pos_;  // start of the bytes copied as they are
    while (true) {
      if (pos_ >= n_) return fail("unterminated string", open);
      const uint8_t c = s_[pos_];
      if (c == '"') {
        if (out != nullptr) out->append(text_.data() + run, pos_ - run);
        ++pos_;
        return true;
      }
      if (c < 0x20) return fail("control character in string", pos_);
      if (c != '\\') {
        ++pos_;
        continue;
      }
      if (out != nullptr) out->append(text_.data() + run, pos_ - run);
      if (!parse_escape(open, out)) return false;
      run = pos_;
    }
  }

  // At a backslash inside the string that opened at `open`.
  bool parse_escape(size_t open, std::string* out) {
    if (pos_ + 1 >= n_) return fail("unterminated string", open);
    char plain = 0;
    switch (s_[pos_ + 1]) {
      case '"':
        plain = '"';
        break;
      case '\\':
        plain = '\\';
        break;
      case '/':
        plain = '/';
        break;
      case 'b':
        plain = '\b';
        break;
      case 'f':
        plain = '\f';
        break;
      case 'n':
        plain = '\n';
        break;
      case 'r':
        plain = '\r';
        break;
      case 't':
        plain = '\t';
        break;
      case 'u':
        return parse_unicode_escape(out);
      default:
        return fail("invalid escape", pos_);
    }
    if (out != nullptr) out->push_back(plain);
    pos_ += 2;
    return true;
  }

  // The code unit of a \uXXXX escape at `at`, or -1 if there is none.
  int32_t code_unit_at(size_t at) const {
    if (at > n_ || n_ - at < 6 || s_[at] != '\\' || s_[at + 1] != 'u') return -1;
    int32_t unit = 0;
    for (size_t i = at + 2; i < at + 6; ++i) {
      const int h = hex_value(s_[i]);
      if (h < 0) return -1;
      unit = unit << 4 | h;
    }
    return unit;
  }

  bool parse_unicode_escape(std::string* out) {
    const int32_t unit = code_unit_at(pos_);
    if (unit < 0) return fail("invalid \\u escape", pos_);
    pos_ += 6;
    char32_t cp = char32_t(unit);
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      const int32_t low = code_unit_at(pos_);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        cp = 0x10000 + (char32_t(unit - 0xD800) << 10) + char32_t(low - 0xDC00);
        pos_ += 6;
      } else {
        cp = kReplacementCharacter;  // lone high surrogate
      }
    } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
      cp = kReplacementCharacter;  // lone low surrogate
    }
    if (cp == kReplacementCharacter && unit != 0xFFFD && out == &field_.text) {
      ++field_.lone_surrogates;
    }
    if (out != nullptr) append_utf8(cp, out);
    return true;
  }

  bool parse_number() {
    if (at('-')) ++pos_;
    if (pos_ >= n_ || !is_digit(s_[pos_])) return fail_expected("expected a digit");
    if (s_[pos_] == '0') {
      ++pos_;
      if (pos_ < n_ && is_digit(s_[pos_])) return fail("leading zero in number", pos_ - 1);
    } else {
      while (pos_ < n_ && is_digit(s_[pos_])) ++pos_;
    }
    if (at('.')) {
      ++pos_;
      if (pos_ >= n_ || !is_digit(s_[pos_])) return fail_expected("expected a digit after '.'");
      while (pos_ < n_ && is_digit(s_[pos_])) ++pos_;
    }
    if (at('e') || at('E')) {
      ++pos_;
      if (at('+') || at('-')) ++pos_;
      if (pos_ >= n_ || !is_digit(s_[pos_])) return fail_expected("expected a digit in exponent");
      while (pos_ < n_ && is_digit(s_[pos_])) ++pos_;
    }
    return true;
  }

  bool parse_literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return fail("invalid literal", pos_);
    pos_ += word.size();
    return true;
  }

  static constexpr const char* kDepthMessage = "nesting deeper than 256";
  static_assert(kMaxDepth == 256, "update kDepthMessage");

  std::string_view text_;
  const uint8_t* s_;
  size_t n_;
  std::string_view name_;
  size_t pos_ = 0;

  std::string key_;  // reused for each top-level key
  bool found_ = false;
  bool found_string_ = false;
  StringField field_;

  const char* error_ = "";
  size_t error_offset_ = 0;
};

}  // namespace

Result<StringField> find_string_field(std::string_view record, std::string_view name) {
  return Scanner(record, name).run();
}

void append_json_string(std::string_view text, std::string* out) {
  // No reserve() here: it grows to the exact size asked, so calling it per
  // value would reallocate the caller's whole buffer every time.
  out->push_back('"');
  append_escaped(text, out);
  out->push_back('"');
}

namespace {
// Bytes that JSON strings must escape: '"', '\\' and controls below 0x20.
constexpr std::array<bool, 256> kMustEscape = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[size_t(c)] = true;
  t['"'] = t['\\'] = true;
  return t;
}();
}  // namespace

void append_json_string_valid(std::string_view text, std::string* out) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const size_t n = text.size();
  out->push_back('"');
  size_t pos = 0;
  while (pos < n) {
    size_t run = pos;
    while (run < n && !kMustEscape[s[run]]) ++run;
    out->append(text.data() + pos, run - pos);
    if (run == n) break;
    append_escaped(text.substr(run, 1), out);
    pos = run + 1;
  }
  out->push_back('"');
}

bool needs_json_escape(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const size_t n = text.size();
  // Eight bytes at a time, with the "has a byte below k" trick, (x - k) & ~x
  // & 0x80 per byte: a byte below 0x20, or one equal to '"' or '\\' (a zero
  // byte after xor) sets its high bit in `found`. A borrow only ever starts
  // at a real hit, so there is no false alarm and nothing is missed.
  constexpr uint64_t kOnes = 0x0101010101010101, kHigh = 0x8080808080808080;
  // Past eight bytes the last word overlaps the one before it.
  if (n < 8) {
    bool any = false;
    for (size_t i = 0; i < n; ++i) any |= kMustEscape[s[i]];
    return any;
  }
  uint64_t found = 0;
  auto look = [&](size_t at) {
    uint64_t w;
    std::memcpy(&w, s + at, 8);
    const uint64_t quote = w ^ (kOnes * '"'), backslash = w ^ (kOnes * '\\');
    found |=
        ((w - kOnes * 0x20) & ~w) | ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash);
  };
  for (size_t i = 0; i + 8 < n; i += 8) look(i);
  look(n - 8);
  return (found & kHigh) != 0;
}

bool needs_json_escape_reference(std::string_view text) {
  for (char c : text) {
    if (kMustEscape[uint8_t(c)]) return true;
  }
  return false;
}

char* write_json_string_valid(std::string_view text, char* o) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  *o++ = '"';
  // Most values need no escape at all: one branch-free look, then one copy.
  if (!needs_json_escape(text)) {
    std::memcpy(o, text.data(), text.size());
    o += text.size();
    *o++ = '"';
    return o;
  }
  for (size_t i = 0; i < text.size(); ++i) {
    if (kMustEscape[s[i]]) {
      o = write_escape(s[i], o);
    } else {
      *o++ = char(s[i]);
    }
  }
  *o++ = '"';
  return o;
}

std::string replace_field(std::string_view record, const StringField& field,
                          std::string_view value) {
  // Clamped so that a field from another record cannot read out of bounds.
  const size_t begin = std::min(field.value_begin, record.size());
  const size_t end = std::clamp(field.value_end, begin, record.size());
  std::string out;
  out.reserve(record.size() - (end - begin) + value.size() + 2);
  out.append(record.data(), begin);
  append_json_string(value, &out);
  out.append(record.data() + end, record.size() - end);
  return out;
}

}  // namespace dhad::jsonl
