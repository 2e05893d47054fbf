// Fuzzes dhad/normalize.h. Input: two bytes that pick a rule set (bit i of the
// little-endian 16-bit value enables Rule(i)), then the text. The text is run
// through the four profiles and that rule set; each time the table-driven
// normalize() must equal normalize_reference(), its offsets must map every
// output byte to a non-decreasing input position, newlines must survive, and
// valid UTF-8 must stay valid; the bytes read as 16-bit code points must
// give through normalize_ucs2 what their UTF-8 gives through normalize(), and
// spread to 32 bits (code points past the BMP included) through normalize_ucs4.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dhad/normalize.h"
#include "dhad/utf8.h"
#include "fuzz_check.h"
#include "normalize/normalize_internal.h"

namespace {

// Building a Normalizer compiles tables, so rule sets are cached; the cache is
// bounded because there are 65536 of them.
const dhad::Normalizer& normalizer_for(uint32_t rules) {
  static std::map<uint32_t, std::unique_ptr<dhad::Normalizer>> cache;
  auto it = cache.find(rules);
  if (it != cache.end()) return *it->second;
  if (cache.size() >= 256) cache.clear();
  dhad::NormalizeOptions options;
  options.rules = rules;
  auto& slot = cache[rules];
  slot = std::make_unique<dhad::Normalizer>(options);
  return *slot;
}

void check(const dhad::Normalizer& norm, std::string_view text, bool valid) {
  const unsigned rules = norm.options().rules;
  std::string out;
  std::vector<dhad::Offset> offsets;
  norm.normalize(text, &out, &offsets);

  std::string ref;
  dhad::normalize_internal::normalize_reference(norm, text, &ref);
  FUZZ_CHECK(out == ref, "rules %04x: normalize (%zu bytes) != normalize_reference (%zu bytes)",
             rules, out.size(), ref.size());

  FUZZ_CHECK(offsets.size() == out.size(), "rules %04x: %zu offsets for %zu bytes", rules,
             offsets.size(), out.size());
  for (size_t i = 0; i < offsets.size(); ++i) {
    FUZZ_CHECK(offsets[i] < text.size(), "rules %04x: offsets[%zu] = %zu >= input size %zu", rules,
               i, size_t(offsets[i]), text.size());
    FUZZ_CHECK(i == 0 || offsets[i - 1] <= offsets[i], "rules %04x: offsets[%zu] = %zu < %zu",
               rules, i, size_t(offsets[i]), size_t(offsets[i - 1]));
  }

  const auto in_nl = std::count(text.begin(), text.end(), '\n');
  const auto out_nl = std::count(out.begin(), out.end(), '\n');
  FUZZ_CHECK(in_nl == out_nl, "rules %04x: %zd newlines in, %zd out", rules, ptrdiff_t(in_nl),
             ptrdiff_t(out_nl));

  if (valid) {
    const size_t bad = dhad::find_invalid_utf8(out);
    FUZZ_CHECK(bad == out.size(), "rules %04x: valid input, output invalid at %zu", rules, bad);
  }

  // normalize() appends: a second run after existing content adds the same.
  std::string out2 = "ab";
  std::vector<dhad::Offset> offsets2 = {7, 7};
  norm.normalize(text, &out2, &offsets2);
  FUZZ_CHECK(std::string_view(out2).substr(2) == out, "rules %04x: appending changed the output",
             rules);
  FUZZ_CHECK(offsets2.size() == out2.size() &&
                 std::equal(offsets.begin(), offsets.end(), offsets2.begin() + 2),
             "rules %04x: appending changed the offsets", rules);

  FUZZ_CHECK(norm.is_normalized(text) == (out == text), "rules %04x: is_normalized", rules);
}

// normalize_ucs2 on the same bytes read as 16-bit code points: no result
// when the rules do not allow it or a surrogate is there, else the result
// normalize() gives on their UTF-8.
void check_ucs2(const dhad::Normalizer& norm, std::string_view bytes) {
  const unsigned rules = norm.options().rules;
  std::u16string units(bytes.size() / 2, u'\0');
  bool surrogate = false;
  for (size_t i = 0; i < units.size(); ++i) {
    units[i] = char16_t(uint8_t(bytes[2 * i]) | uint8_t(bytes[2 * i + 1]) << 8);
    surrogate = surrogate || (units[i] >= 0xD800 && units[i] <= 0xDFFF);
  }
  std::u16string out(units.size(), u'\0');
  const std::optional<size_t> written = norm.normalize_ucs2(units, out.data());
  FUZZ_CHECK(written.has_value() == (norm.normalizes_ucs2() && !surrogate),
             "rules %04x: normalize_ucs2 %s a result", rules, written ? "gave" : "gave no");
  if (!written) return;
  std::string utf8, want, got;
  for (char16_t u : units) dhad::append_utf8(u, &utf8);
  norm.normalize(utf8, &want);
  for (size_t i = 0; i < *written; ++i) dhad::append_utf8(out[i], &got);
  FUZZ_CHECK(got == want, "rules %04x: normalize_ucs2 (%zu bytes as UTF-8) != normalize (%zu)",
             rules, got.size(), want.size());
}

// normalize_ucs4 on the same bytes read as 16-bit units, spread to 32 bits:
// a high surrogate's unit stands for a code point past the BMP (one in
// every 64 of them, U+10000..U+10FFFF), a low one stays a surrogate, and
// U+FFFE stands for U+110000 (no character). No result when the rules do not
// allow it or a non-character is there, else what normalize() gives.
void check_ucs4(const dhad::Normalizer& norm, std::string_view bytes) {
  const unsigned rules = norm.options().rules;
  std::u32string units(bytes.size() / 2, U'\0');
  bool bad = false;
  for (size_t i = 0; i < units.size(); ++i) {
    const char32_t u = uint8_t(bytes[2 * i]) | uint8_t(bytes[2 * i + 1]) << 8;
    units[i] = u >= 0xD800 && u < 0xDC00 ? 0x10000 + (u - 0xD800) * 0x400 + (u & 0x3F)
               : u == 0xFFFE             ? 0x110000
                                         : u;
    bad = bad || (units[i] >= 0xD800 && units[i] <= 0xDFFF) || units[i] > 0x10FFFF;
  }
  std::u32string out(units.size(), U'\0');
  const std::optional<size_t> written = norm.normalize_ucs4(units, out.data());
  FUZZ_CHECK(written.has_value() == (norm.normalizes_ucs2() && !bad),
             "rules %04x: normalize_ucs4 %s a result", rules, written ? "gave" : "gave no");
  if (!written) return;
  std::string utf8, want, got;
  for (char32_t u : units) dhad::append_utf8(u, &utf8);
  norm.normalize(utf8, &want);
  for (size_t i = 0; i < *written; ++i) dhad::append_utf8(out[i], &got);
  FUZZ_CHECK(got == want, "rules %04x: normalize_ucs4 (%zu bytes as UTF-8) != normalize (%zu)",
             rules, got.size(), want.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const uint32_t rules =
      (uint32_t(data[0]) | uint32_t(data[1]) << 8) & ((1u << dhad::kRuleCount) - 1);
  const std::string_view text(reinterpret_cast<const char*>(data) + 2, size - 2);
  const bool valid = dhad::is_valid_utf8(text);

  static const dhad::Normalizer light(dhad::NormalizeOptions::light());
  static const dhad::Normalizer lucene(dhad::NormalizeOptions::lucene());
  static const dhad::Normalizer camel(dhad::NormalizeOptions::camel());
  static const dhad::Normalizer search(dhad::NormalizeOptions::search());
  for (const dhad::Normalizer* norm : {&light, &lucene, &camel, &search}) {
    check(*norm, text, valid);
    check_ucs2(*norm, text);
    check_ucs4(*norm, text);
  }
  check(normalizer_for(rules), text, valid);
  check_ucs2(normalizer_for(rules), text);
  check_ucs4(normalizer_for(rules), text);
  return 0;
}
