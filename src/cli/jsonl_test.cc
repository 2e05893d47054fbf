#include "cli/jsonl.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "dhad/utf8.h"

namespace dhad::jsonl {
namespace {

using namespace std::string_literals;  // for literals with NUL bytes

struct FindCase {
  std::string record;
  std::string name;
  std::string want_text;
  size_t want_begin;  // offset of the value's opening quote
  size_t want_end;
};

TEST(JsonlFindStringField, ValidRecords) {
  const std::vector<FindCase> cases = {
      {R"({"content":"hi"})", "content", "hi", 11, 15},
      {R"({"content":""})", "content", "", 11, 13},
      {"  {\t\"content\" :\r\n \"hi\" }\n", "content", "hi", 18, 22},
      {R"({"id":1,"content":"x"})", "content", "x", 18, 21},
      {R"({"content":"x","id":1})", "content", "x", 11, 14},
      // Nested values before and after the field, including a nested key of
      // the same name, which is not top-level and so not the field.
      {R"({"meta":{"content":"no","a":[1,{"b":null}]},"content":"yes","t":[true,false]})",
       "content", "yes", 54, 59},
      {R"({"a":[[[]]],"b":{},"c":[],"content":"v","d":{"e":{"f":[-0.5e+3]}}})", "content", "v", 36,
       39},
      // The first occurrence wins.
      {R"({"content":"first","content":"second"})", "content", "first", 11, 18},
      // Escapes in the value.
      {R"({"k":"a\"b\\c\/d\be\ff\ng\rh\ti"})", "k", "a\"b\\c/d\be\ff\ng\rh\ti", 5, 32},
      // Escapes in the key are undone before comparing.
      {R"({"con\u0074ent":"x"})", "content", "x", 16, 19},
      {R"({"a\"b":"x"})", "a\"b", "x", 8, 11},
      {R"({"\u0627\u0644\u0646\u0635":"x"})", "\u0627\u0644\u0646\u0635", "x", 28, 31},
      // Arabic by escape and as raw UTF-8.
      {R"({"k":"\u0627\u0644\u0643\u062A\u0627\u0628"})", "k",
       "\u0627\u0644\u0643\u062a\u0627\u0628", 5, 43},
      {"{\"k\":\"\u0627\u0644\u0643\u062a\u0627\u0628\"}", "k",
       "\u0627\u0644\u0643\u062a\u0627\u0628", 5, 19},
      // A surrogate pair becomes one 4-byte character.
      {R"({"k":"\ud83d\ude00"})", "k", "\xF0\x9F\x98\x80", 5, 19},
      {R"({"k":"\uD834\uDD1E!"})", "k", "\xF0\x9D\x84\x9E!", 5, 20},
      // Lone surrogates become U+FFFD; what follows is still read.
      {R"({"k":"\ud83d"})", "k", "\uFFFD", 5, 13},
      {R"({"k":"\ude00x"})", "k", "\uFFFDx", 5, 14},
      {R"({"k":"\ud83d\u0041"})", "k", "\uFFFDA", 5, 19},
      {R"({"k":"\ud83d\ud83d\ude00"})", "k", "\uFFFD\xF0\x9F\x98\x80", 5, 25},
      {R"({"k":"\ude00\ud83d"})", "k", "\uFFFD\uFFFD", 5, 19},
      // \u0000 is a NUL byte in the value.
      {R"({"k":"a\u0000b"})", "k", "a\0b"s, 5, 15},
      // Raw invalid UTF-8 and DEL are kept as they are.
      {"{\"k\":\"\xFF\xC3\x7F\"}", "k", "\xFF\xC3\x7F", 5, 10},
      // Numbers of every shape elsewhere in the record.
      {R"({"n":[0,-0,1,-1,10,0.5,-0.25,1e5,1E+5,1e-5,123.456e789],"k":"v"})", "k", "v", 60, 63},
      {R"({"":"empty key"})", "", "empty key", 4, 15},
  };
  for (const FindCase& c : cases) {
    SCOPED_TRACE(c.record);
    const Result<StringField> got = find_string_field(c.record, c.name);
    ASSERT_TRUE(got.ok()) << got.error().message() << " at " << got.error().offset();
    EXPECT_EQ(c.want_text, got->text);
    EXPECT_EQ(c.want_begin, got->value_begin);
    EXPECT_EQ(c.want_end, got->value_end);
  }
}

struct ErrorCase {
  std::string record;
  std::string want_message;
  uint64_t want_offset;
};

// Each lone surrogate is counted, so the CLI can apply its UTF-8 policy;
// pairs, escaped U+FFFD and surrogates in other members are not.
TEST(Jsonl, CountsLoneSurrogatesInTheValue) {
  const std::pair<const char*, size_t> cases[] = {
      {R"({"k":"\ud83d\ude00"})", 0},
      {R"({"k":"\ufffd"})", 0},
      {R"({"k":"\ud83d"})", 1},
      {R"({"k":"\ude00\ud83d"})", 2},
      {R"({"k":"\ud83d\ud83d\ude00"})", 1},
      {R"({"x":"\ud83d","k":"a"})", 0},
  };
  for (const auto& [record, want] : cases) {
    const Result<StringField> got = find_string_field(record, "k");
    ASSERT_TRUE(got.ok()) << record;
    EXPECT_EQ(want, got->lone_surrogates) << record;
  }
}

TEST(JsonlFindStringField, Errors) {
  const std::vector<ErrorCase> cases = {
      {"", "empty record", 0},
      {" \n\t", "empty record", 0},
      {"[]", "record is not a JSON object", 0},
      {"  \"content\"", "record is not a JSON object", 2},
      {"null", "record is not a JSON object", 0},
      {"{", "unexpected end of record", 1},
      {"{\"k\"", "unexpected end of record", 4},
      {"{\"k\":", "unexpected end of record", 5},
      {"{\"k\":\"v\"", "unexpected end of record", 8},
      {"{\"k\":\"v\",", "unexpected end of record", 9},
      {"{\"content\":\"v", "unterminated string", 11},
      {"{\"content\":\"v\\", "unterminated string", 11},
      {"{\"content\":\"v\\u00", "invalid \\u escape", 13},
      {"{\"ab", "unterminated string", 1},
      {"{k:1}", "expected a string key", 1},
      {"{\"k\":1,}", "expected a string key", 7},
      {"{'k':1}", "expected a string key", 1},
      {"{\"k\" 1}", "expected ':' after key", 5},
      {"{\"k\":1 \"j\":2}", "expected ',' or '}' after member", 7},
      {"{\"k\":[1 2]}", "expected ',' or ']' after element", 8},
      {"{\"k\":[1,]}", "expected a value", 8},
      {"{\"k\":[,1]}", "expected a value", 6},
      {"{\"k\":}", "expected a value", 5},
      {"{\"k\":+1}", "expected a value", 5},
      {"{\"k\":.5}", "expected a value", 5},
      {"{\"k\":'v'}", "expected a value", 5},
      {"{\"k\":tru}", "invalid literal", 5},
      {"{\"k\":True}", "expected a value", 5},
      {"{\"k\":nul", "invalid literal", 5},
      {"{\"k\":NaN}", "expected a value", 5},
      {"{\"k\":-}", "expected a digit", 6},
      {"{\"k\":-a}", "expected a digit", 6},
      {"{\"k\":01}", "leading zero in number", 5},
      {"{\"k\":-01}", "leading zero in number", 6},
      {"{\"k\":1.}", "expected a digit after '.'", 7},
      {"{\"k\":1.e5}", "expected a digit after '.'", 7},
      {"{\"k\":1e}", "expected a digit in exponent", 7},
      {"{\"k\":1e+}", "expected a digit in exponent", 8},
      {"{\"k\":1", "unexpected end of record", 6},
      {"{\"k\":1.", "unexpected end of record", 7},
      {"{\"k\":\"a\\x\"}", "invalid escape", 7},
      {"{\"k\":\"a\\U0041\"}", "invalid escape", 7},
      {"{\"k\":\"\\u12G4\"}", "invalid \\u escape", 6},
      {"{\"k\":\"\\u-123\"}", "invalid \\u escape", 6},
      {"{\"k\":\"a\tb\"}", "control character in string", 7},
      {"{\"k\":\"a\nb\"}", "control character in string", 7},
      {"{\"k\":\"a\0b\"}"s, "control character in string", 7},
      {"{\"k\\q\":1}", "invalid escape", 3},
      {"{}x", "trailing bytes after the object", 2},
      {"{} {}", "trailing bytes after the object", 3},
      {"{}\n\0"s, "trailing bytes after the object", 3},
      // A syntax error is reported even after a missing or non-string field.
      {"{\"content\":1,", "unexpected end of record", 13},
      {"{\"a\":1} x", "trailing bytes after the object", 8},
      // The field is missing or not a string.
      {"{}", "no field 'content'", 0},
      {"  {\"a\":\"b\"}", "no field 'content'", 2},
      {"{\"a\":{\"content\":\"nested\"}}", "no field 'content'", 0},
      {"{\"Content\":\"x\"}", "no field 'content'", 0},
      {"{\"content\":1}", "field 'content' is not a string", 11},
      {"{\"content\": null}", "field 'content' is not a string", 12},
      {"{\"content\":[\"x\"]}", "field 'content' is not a string", 11},
      {"{\"content\":{\"a\":\"x\"}}", "field 'content' is not a string", 11},
      // The first occurrence decides even if a later one is a string.
      {"{\"content\":true,\"content\":\"x\"}", "field 'content' is not a string", 11},
  };
  for (const ErrorCase& c : cases) {
    SCOPED_TRACE(c.record);
    const Result<StringField> got = find_string_field(c.record, "content");
    ASSERT_FALSE(got.ok());
    EXPECT_EQ(ErrorCode::kMalformedRecord, got.error().code());
    EXPECT_EQ(c.want_message, got.error().message());
    EXPECT_EQ(c.want_offset, got.error().offset());
  }
}

TEST(JsonlFindStringField, NameInMessageIsEscaped) {
  const Result<StringField> got = find_string_field("{}", "a\nb\"\xFF");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ("no field 'a\\nb\\\"\uFFFD'", got.error().message());
}

// `{"a":` then `depth - 1` opening brackets, so that the innermost is at
// nesting depth `depth`, then the closing brackets and a string field.
std::string nested(int depth, char open, char close) {
  std::string r = "{\"a\":";
  for (int i = 1; i < depth; ++i) {
    r += open;
    if (open == '{') r += "\"a\":";
  }
  r += "1";
  for (int i = 1; i < depth; ++i) r += close;
  r += ",\"content\":\"x\"}";
  return r;
}

TEST(JsonlFindStringField, DepthLimit) {
  for (char open : {'[', '{'}) {
    const char close = open == '[' ? ']' : '}';
    SCOPED_TRACE(std::string(1, open));
    // The top object is depth 1; kMaxDepth levels in all are allowed.
    const Result<StringField> ok = find_string_field(nested(kMaxDepth, open, close), "content");
    ASSERT_TRUE(ok.ok()) << ok.error().message();
    EXPECT_EQ("x", ok->text);

    const std::string deep = nested(kMaxDepth + 1, open, close);
    const Result<StringField> bad = find_string_field(deep, "content");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ("nesting deeper than 256", bad.error().message());
    EXPECT_EQ(open, deep[bad.error().offset()]);
  }
  {
    // {"a":[[[[... : the bracket at depth 257 is the 256th, at offset 5 + 255.
    const std::string r = "{\"a\":" + std::string(100000, '[');
    const Result<StringField> got = find_string_field(r, "content");
    ASSERT_FALSE(got.ok());
    EXPECT_EQ("nesting deeper than 256", got.error().message());
    EXPECT_EQ(260u, got.error().offset());
  }
  {
    std::string r = "{";
    for (int i = 0; i < 100000; ++i) r += "\"a\":{";
    const Result<StringField> got = find_string_field(r, "content");
    ASSERT_FALSE(got.ok());
    EXPECT_EQ("nesting deeper than 256", got.error().message());
  }
  {
    const Result<StringField> got = find_string_field(std::string(100000, '['), "content");
    ASSERT_FALSE(got.ok());
    EXPECT_EQ("record is not a JSON object", got.error().message());
  }
}

struct EscapeCase {
  std::string text;
  std::string want;
};

TEST(JsonlAppendJsonString, Escapes) {
  const std::vector<EscapeCase> cases = {
      {"", R"("")"},
      {"plain", R"("plain")"},
      {"a\"b\\c/d", R"("a\"b\\c/d")"},
      {"\b\f\n\r\t", R"("\b\f\n\r\t")"},
      {"\0\x01\x1F"s, R"("\u0000\u0001\u001f")"},
      {"\x7F", "\"\x7F\""},
      {"\u0627\u0644\u0646\u0635", "\"\u0627\u0644\u0646\u0635\""},
      {"\u2028\u2029", "\"\u2028\u2029\""},
      {"\xF0\x9F\x98\x80", "\"\xF0\x9F\x98\x80\""},
      // Invalid UTF-8: each maximal subpart becomes one U+FFFD.
      {"a\xFF"
       "b",
       "\"a\uFFFDb\""},
      {"\xC3", "\"\uFFFD\""},
      {"\xE0\x80", "\"\uFFFD\uFFFD\""},
      {"\xF0\x9F\x98", "\"\uFFFD\""},
      {"\xED\xA0\x80", "\"\uFFFD\uFFFD\uFFFD\""},  // an encoded surrogate
      {"\xC0\xAF\"", "\"\uFFFD\uFFFD\\\"\""},
  };
  for (const EscapeCase& c : cases) {
    SCOPED_TRACE(c.text);
    std::string out = "prefix";
    append_json_string(c.text, &out);
    EXPECT_EQ("prefix" + c.want, out);
  }
}

TEST(JsonlAppendJsonString, RoundTrip) {
  std::vector<std::string> texts = {
      "",
      "hello",
      "\u0627\u0644\u0633\u0644\u0627\u0645 \u0639\u0644\u064a\u0643\u0645",
      "quote \" backslash \\ slash /",
      "\xF0\x9F\x98\x80\u2028\u2029\x7F",
  };
  std::string all_bytes;  // every ASCII byte, controls included
  for (int c = 0; c < 0x80; ++c) all_bytes.push_back(char(c));
  texts.push_back(all_bytes);
  for (const std::string& text : texts) {
    SCOPED_TRACE(text);
    std::string record = "{\"content\":";
    append_json_string(text, &record);
    record += "}";
    const Result<StringField> got = find_string_field(record, "content");
    ASSERT_TRUE(got.ok()) << got.error().message();
    EXPECT_EQ(text, got->text);
    EXPECT_TRUE(is_valid_utf8(record));
  }
}

struct ReplaceCase {
  std::string record;
  std::string value;
  std::string want;
};

// The three string writers agree on valid UTF-8: the pointer writer of the
// record hot path, the table-driven valid one and the general one.
TEST(JsonlAppendJsonString, WritersAgreeOnValidText) {
  std::mt19937 rng(5);
  const char* parts[] = {"a",    "\"",   "\\",   "\n", "\t", "\r", "\b", "\f",
                         "\x01", "\x1f", "\x7f", "/",  "ب",  "😀",  "ـ",  " "};
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    for (int k = int(rng() % 24); k > 0; --k) text += parts[rng() % std::size(parts)];
    std::string general, valid;
    append_json_string(text, &general);
    append_json_string_valid(text, &valid);
    std::string pointer(2 + 6 * text.size(), '\0');
    pointer.resize(size_t(write_json_string_valid(text, pointer.data()) - pointer.data()));
    ASSERT_EQ(general, valid) << text;
    ASSERT_EQ(general, pointer) << text;
  }
}

// The eight-bytes-at-a-time escape check answers as the byte table: every
// byte value at every position of strings up to 40 bytes, among plain bytes
// and bytes just beside the escaped ones.
TEST(JsonlNeedsEscape, AgreesWithReference) {
  const uint8_t fillers[] = {'a', 0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x80, 0xA0, 0xD8, 0xFF};
  for (uint8_t filler : fillers) {
    for (size_t n = 0; n <= 40; ++n) {
      const std::string plain(n, char(filler));
      ASSERT_EQ(needs_json_escape_reference(plain), needs_json_escape(plain)) << int(filler);
      for (size_t at = 0; at < n; ++at) {
        for (int b = 0; b < 256; ++b) {
          std::string text = plain;
          text[at] = char(b);
          ASSERT_EQ(needs_json_escape_reference(text), needs_json_escape(text))
              << "filler " << int(filler) << " size " << n << " byte " << b << " at " << at;
        }
      }
    }
  }
  std::mt19937 rng(11);
  for (int round = 0; round < 20000; ++round) {
    std::string text(rng() % 48, '\0');
    for (char& c : text) c = char(rng());
    ASSERT_EQ(needs_json_escape_reference(text), needs_json_escape(text)) << round;
  }
}

TEST(JsonlReplaceField, KeepsOtherBytes) {
  const std::vector<ReplaceCase> cases = {
      {R"({"content":"old"})", "new", R"({"content":"new"})"},
      {R"({"content":"old"})", "", R"({"content":""})"},
      {" {\"id\" : 1.0E+2 ,\"content\"\t:\t\"o\\u006cd\" , \"x\":[\"\\u00e9\"]}\r\n", "a\"\n\u0627",
       " {\"id\" : 1.0E+2 ,\"content\"\t:\t\"a\\\"\\n\u0627\" , \"x\":[\"\\u00e9\"]}\r\n"},
      {R"({"content":"a","content":"b"})", "c", R"({"content":"c","content":"b"})"},
      {R"({"meta":{"content":"m"},"content":"old","z":null})", "\xFF",
       "{\"meta\":{\"content\":\"m\"},\"content\":\"\uFFFD\",\"z\":null}"},
  };
  for (const ReplaceCase& c : cases) {
    SCOPED_TRACE(c.record);
    const Result<StringField> field = find_string_field(c.record, "content");
    ASSERT_TRUE(field.ok()) << field.error().message();
    EXPECT_EQ(c.want, replace_field(c.record, *field, c.value));
  }
}

TEST(JsonlReplaceField, OutOfRangeFieldIsClamped) {
  StringField field;
  field.value_begin = 100;
  field.value_end = 200;
  EXPECT_EQ(R"({}"x")", replace_field("{}", field, "x"));
  field.value_begin = 1;
  field.value_end = 0;
  EXPECT_EQ(R"({"x"})", replace_field("{}", field, "x"));
}

// Whatever the bytes, the scanner returns; on success the span is a string
// literal that replace_field can swap and the new record reads back.
void check_any(const std::string& record) {
  const Result<StringField> got = find_string_field(record, "k");
  if (!got.ok()) {
    ASSERT_EQ(ErrorCode::kMalformedRecord, got.error().code());
    ASSERT_TRUE(got.error().has_offset());
    ASSERT_LE(got.error().offset(), record.size());
    return;
  }
  ASSERT_LT(got->value_begin, got->value_end);
  ASSERT_LE(got->value_end, record.size());
  ASSERT_EQ('"', record[got->value_begin]);
  ASSERT_EQ('"', record[got->value_end - 1]);
  const std::string replaced = replace_field(record, *got, got->text);
  const Result<StringField> again = find_string_field(replaced, "k");
  ASSERT_TRUE(again.ok()) << again.error().message();
  std::string want;
  append_replacing_invalid_utf8(got->text, &want);
  ASSERT_EQ(want, again->text);
}

TEST(JsonlFindStringField, RandomBytesDoNotCrash) {
  std::mt19937 rng(20240601);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<int> length(0, 24);
  for (int i = 0; i < 20000; ++i) {
    std::string record(size_t(length(rng)), '\0');
    for (char& c : record) c = char(byte(rng));
    check_any(record);
    if (HasFatalFailure()) return;
  }
}

TEST(JsonlFindStringField, RandomTokenSoupDoesNotCrash) {
  // Pieces of JSON, so that random records get past the first byte often.
  const std::vector<std::string> pieces = {
      "{",     "}",      "[",        "]",    ":",   ",",       " ",       "\"",
      "\"k\"", "\"k\":", "\"v\"",    "\\",   "\\u", "\\ud83d", "\\ude00", "\\u0627",
      "\\n",   "0",      "-",        "1",    ".",   "e",       "+",       "true",
      "fals",  "null",   "\xD8\xA7", "\xFF", "\n",  "\t",      "\0"s,     "x",
  };
  std::mt19937 rng(7);
  std::uniform_int_distribution<size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(0, 16);
  int accepted = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string record = "{\"k\":";
    const int n = length(rng);
    for (int j = 0; j < n; ++j) record += pieces[pick(rng)];
    check_any(record);
    if (HasFatalFailure()) return;
    accepted += find_string_field(record, "k").ok() ? 1 : 0;
  }
  EXPECT_GT(accepted, 0);  // the soup does reach the success path
}

}  // namespace
}  // namespace dhad::jsonl
