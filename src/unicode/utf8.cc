#include "dhad/utf8.h"

#include <algorithm>
#include <cstring>

#include "unicode/utf8_internal.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include "common/simd.h"

namespace dhad {

Result<InvalidUtf8> parse_invalid_utf8(std::string_view name) {
  if (name == "replace") return InvalidUtf8::kReplace;
  if (name == "strict") return InvalidUtf8::kStrict;
  if (name == "keep") return InvalidUtf8::kKeep;
  return Error(ErrorCode::kInvalidArgument, "unknown --invalid-utf8 policy '" + std::string(name) +
                                                "' (want replace, strict or keep)");
}

namespace {

// Unicode 15 Table 3-7 (well-formed byte sequences): the allowed range of the
// second byte depends on the lead byte; later bytes are always 80..BF.
struct LeadInfo {
  uint8_t length;  // 0 = never a valid lead byte
  uint8_t lo, hi;  // allowed range of the second byte
};

constexpr LeadInfo lead_info(uint8_t b) {
  if (b < 0x80) return {1, 0, 0};
  if (b < 0xC2) return {0, 0, 0};
  if (b < 0xE0) return {2, 0x80, 0xBF};
  if (b == 0xE0) return {3, 0xA0, 0xBF};  // no overlongs
  if (b == 0xED) return {3, 0x80, 0x9F};  // no surrogates
  if (b < 0xF0) return {3, 0x80, 0xBF};
  if (b == 0xF0) return {4, 0x90, 0xBF};  // no overlongs
  if (b < 0xF4) return {4, 0x80, 0xBF};
  if (b == 0xF4) return {4, 0x80, 0x8F};  // nothing above U+10FFFF
  return {0, 0, 0};
}

constexpr bool is_continuation(uint8_t b) { return (b & 0xC0) == 0x80; }

}  // namespace

Utf8Char decode_utf8(std::string_view text, size_t pos) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const size_t n = text.size();
  const uint8_t b0 = s[pos];
  if (b0 < 0x80) return {b0, 1, true};
  const LeadInfo info = lead_info(b0);
  if (info.length == 0) return {kInvalidCodePoint, 1, false};
  if (pos + 1 >= n || s[pos + 1] < info.lo || s[pos + 1] > info.hi) {
    return {kInvalidCodePoint, 1, false};
  }
  if (info.length == 2) {
    return {char32_t((b0 & 0x1F) << 6 | (s[pos + 1] & 0x3F)), 2, true};
  }
  if (pos + 2 >= n || !is_continuation(s[pos + 2])) {
    return {kInvalidCodePoint, 2, false};
  }
  if (info.length == 3) {
    return {char32_t((b0 & 0x0F) << 12 | (s[pos + 1] & 0x3F) << 6 | (s[pos + 2] & 0x3F)), 3, true};
  }
  if (pos + 3 >= n || !is_continuation(s[pos + 3])) {
    return {kInvalidCodePoint, 3, false};
  }
  return {char32_t((b0 & 0x07) << 18 | (s[pos + 1] & 0x3F) << 12 | (s[pos + 2] & 0x3F) << 6 |
                   (s[pos + 3] & 0x3F)),
          4, true};
}

size_t utf8_internal::find_invalid_utf8_reference(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    const Utf8Char c = decode_utf8(text, pos);
    if (!c.valid) return pos;
    pos += c.length;
  }
  return pos;
}

namespace {

// Scalar validation of text[pos, ...) up to the first character boundary at or
// after `stop`; returns that boundary, or the offset of an invalid byte
// (reported through *bad).
size_t validate_scalar(std::string_view text, size_t pos, size_t stop, bool* bad) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const size_t n = text.size();
  while (pos < n && pos < stop) {
    pos += simd::ascii_prefix_length(s + pos, std::min(n, stop) - pos);
    // A run of non-ASCII text: decode inline until ASCII comes back, so Arabic
    // (two-byte) text does not pay for re-entering the ASCII scan per letter.
    while (pos < n && pos < stop && s[pos] >= 0x80) {
      const uint8_t b0 = s[pos];
      if (b0 >= 0xC2 && b0 < 0xE0 && pos + 1 < n && is_continuation(s[pos + 1])) {
        pos += 2;
        continue;
      }
      const Utf8Char c = decode_utf8(text, pos);
      if (!c.valid) {
        *bad = true;
        return pos;
      }
      pos += c.length;
    }
  }
  return pos;
}

#if defined(__x86_64__)
// 32 bytes at a time for text of one- and two-byte characters (ASCII, Arabic,
// Latin-1...): such a chunk is valid exactly when every continuation byte
// follows a two-byte lead (C2..DF) and every such lead is followed by a
// continuation. A chunk with a three- or four-byte lead (or any mismatch) is
// checked by validate_scalar from the character boundary before it.
__attribute__((target("avx2"))) size_t find_invalid_avx2(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const size_t n = text.size();
  bool bad = false;
  size_t i = validate_scalar(text, 0, 1, &bad);  // so every chunk has a byte before it
  if (bad) return i;
  const __m256i cont_mask = _mm256_set1_epi8(char(0xC0));
  const __m256i cont_tag = _mm256_set1_epi8(char(0x80));
  while (i + 32 <= n) {
    const __m256i cur = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i));
    const __m256i prev = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i - 1));
    const __m256i is_cont = _mm256_cmpeq_epi8(_mm256_and_si256(cur, cont_mask), cont_tag);
    const __m256i after_lead = simd::in_range(prev, 0xC2, 0xDF);
    const __m256i other_lead =
        _mm256_or_si256(simd::in_range(cur, 0xE0, 0xFF), simd::in_range(cur, 0xC0, 0xC1));
    const __m256i wrong = _mm256_or_si256(_mm256_xor_si256(is_cont, after_lead), other_lead);
    if (_mm256_testz_si256(wrong, wrong)) {
      i += 32;
      continue;
    }
    const size_t from = (s[i - 1] >= 0xC2 && s[i - 1] <= 0xDF) ? i - 1 : i;
    i = validate_scalar(text, from, i + 32, &bad);
    if (bad) return i;
  }
  const size_t from = (i > 0 && s[i - 1] >= 0xC2 && s[i - 1] <= 0xDF) ? i - 1 : i;
  i = validate_scalar(text, from, n, &bad);
  return i;
}

#endif

}  // namespace

size_t find_invalid_utf8(std::string_view text) {
#if defined(__x86_64__)
  if (simd::has_avx2()) return find_invalid_avx2(text);
#endif
  bool bad = false;
  return validate_scalar(text, 0, text.size(), &bad);
}

size_t append_replacing_invalid_utf8(std::string_view text, std::string* out) {
  size_t replaced = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t bad = pos + find_invalid_utf8(text.substr(pos));
    out->append(text.data() + pos, bad - pos);
    if (bad == text.size()) break;
    const Utf8Char c = decode_utf8(text, bad);
    out->append("\xEF\xBF\xBD");
    ++replaced;
    pos = bad + c.length;
  }
  return replaced;
}

void append_utf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(char(cp));
  } else if (cp < 0x800) {
    out->push_back(char(0xC0 | (cp >> 6)));
    out->push_back(char(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(char(0xE0 | (cp >> 12)));
    out->push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(char(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(char(0xF0 | (cp >> 18)));
    out->push_back(char(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(char(0x80 | (cp & 0x3F)));
  }
}

size_t utf8_boundary_before(std::string_view text, size_t pos) {
  if (pos >= text.size()) return text.size();
  // Step back over at most three continuation bytes to the lead byte; if the
  // sequence starting there would reach past pos, cut before it.
  size_t lead = pos;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  while (lead > 0 && pos - lead < 3 && is_continuation(s[lead])) --lead;
  if (lead == pos) return pos;
  const Utf8Char c = decode_utf8(text, lead);
  return lead + c.length <= pos ? pos : lead;
}

}  // namespace dhad
