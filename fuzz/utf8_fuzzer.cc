// Fuzzes dhad/utf8.h: the fast validator against its reference, decode_utf8
// against an independent decoder, repair against a reference repair, and
// utf8_boundary_before against the boundaries of a sequential decode.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/simd.h"
#include "dhad/utf8.h"
#include "fuzz_check.h"
#include "unicode/utf8_internal.h"

namespace {

// Decodes a complete sequence of `len` bytes by the bit patterns alone and
// accepts it if the value is a scalar value that needs exactly `len` bytes
// (re-encoding gives the same length): no Table 3-7 ranges involved.
bool independent_valid(const uint8_t* s, size_t len, char32_t* cp) {
  static constexpr uint8_t kLeadMask[5] = {0, 0x7F, 0x1F, 0x0F, 0x07};
  char32_t v = s[0] & kLeadMask[len];
  for (size_t i = 1; i < len; ++i) {
    if ((s[i] & 0xC0) != 0x80) return false;
    v = v << 6 | (s[i] & 0x3F);
  }
  if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return false;
  const size_t need = v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4;
  if (need != len) return false;
  *cp = v;
  return true;
}

size_t lead_length(uint8_t b) {
  if (b < 0x80) return 1;
  if ((b & 0xE0) == 0xC0) return 2;
  if ((b & 0xF0) == 0xE0) return 3;
  if ((b & 0xF8) == 0xF0) return 4;
  return 0;
}

// What decode_utf8 must return at pos: a valid character, or the maximal
// subpart (the longest prefix that some valid sequence starts with: a prefix
// of 2+ bytes qualifies iff padding it with 0x80 bytes makes a valid sequence,
// as bytes after the second are only ever required to be continuations).
dhad::Utf8Char independent_decode(std::string_view text, size_t pos) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data()) + pos;
  const size_t avail = text.size() - pos;
  const size_t len = lead_length(s[0]);
  char32_t cp = 0;
  if (len != 0 && len <= avail && independent_valid(s, len, &cp)) {
    return {cp, uint32_t(len), true};
  }
  uint32_t subpart = 1;
  for (size_t k = 2; len != 0 && k < len && k <= avail; ++k) {
    uint8_t padded[4] = {0x80, 0x80, 0x80, 0x80};
    for (size_t i = 0; i < k; ++i) padded[i] = s[i];
    if (!independent_valid(padded, len, &cp)) break;
    subpart = uint32_t(k);
  }
  return {dhad::kInvalidCodePoint, subpart, false};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  // Sequential decode: unit starts, the first invalid byte, reference repair.
  std::vector<bool> boundary(size + 1, false);
  size_t first_invalid = size;
  size_t invalid_count = 0;
  std::string repaired_ref = "<";
  for (size_t pos = 0; pos < size;) {
    boundary[pos] = true;
    const dhad::Utf8Char got = dhad::decode_utf8(text, pos);
    const dhad::Utf8Char want = independent_decode(text, pos);
    FUZZ_CHECK(got.valid == want.valid && got.length == want.length &&
                   (!got.valid || got.code_point == want.code_point),
               "decode_utf8 at %zu: got valid=%d len=%u cp=%X, want valid=%d len=%u cp=%X", pos,
               got.valid, got.length, unsigned(got.code_point), want.valid, want.length,
               unsigned(want.code_point));
    if (got.valid) {
      std::string enc;
      dhad::append_utf8(got.code_point, &enc);
      FUZZ_CHECK(enc == text.substr(pos, got.length), "append_utf8(%X) at %zu",
                 unsigned(got.code_point), pos);
      repaired_ref += enc;
    } else {
      if (first_invalid == size) first_invalid = pos;
      ++invalid_count;
      repaired_ref += "\xEF\xBF\xBD";
    }
    pos += got.length;
  }
  boundary[size] = true;

  const size_t fast = dhad::find_invalid_utf8(text);
  const size_t ref = dhad::utf8_internal::find_invalid_utf8_reference(text);
  FUZZ_CHECK(fast == ref, "find_invalid_utf8 %zu != reference %zu", fast, ref);
  FUZZ_CHECK(ref == first_invalid, "find_invalid_utf8_reference %zu != %zu", ref, first_invalid);
  FUZZ_CHECK(dhad::is_valid_utf8(text) == (first_invalid == size), "is_valid_utf8");

  // The SIMD ASCII scan, at each alignment.
  for (size_t off = 0; off < 16 && off <= size; ++off) {
    const size_t a = dhad::simd::ascii_prefix_length(data + off, size - off);
    const size_t b = dhad::simd::ascii_prefix_length_reference(data + off, size - off);
    FUZZ_CHECK(a == b, "ascii_prefix_length at %zu: %zu != %zu", off, a, b);
  }

  // Repair appends, is valid UTF-8, equals the reference repair, and is the
  // identity on valid input.
  std::string repaired = "<";
  const size_t replaced = dhad::append_replacing_invalid_utf8(text, &repaired);
  FUZZ_CHECK(replaced == invalid_count, "replacements %zu != %zu", replaced, invalid_count);
  FUZZ_CHECK(repaired == repaired_ref, "repair differs from the reference");
  FUZZ_CHECK(dhad::is_valid_utf8(repaired), "repair output is not valid UTF-8");
  if (first_invalid == size) {
    FUZZ_CHECK(std::string_view(repaired).substr(1) == text, "repair changed valid input");
  }

  // utf8_boundary_before(pos) is the last unit start at or before pos, so it
  // never lands inside a sequence and never cuts more than needed.
  size_t last = 0;
  for (size_t pos = 0; pos <= size + 1; ++pos) {
    if (pos <= size && boundary[pos]) last = pos;
    const size_t got = dhad::utf8_boundary_before(text, pos);
    const size_t want = pos >= size ? size : last;
    FUZZ_CHECK(got <= size && boundary[got], "utf8_boundary_before(%zu) = %zu inside a sequence",
               pos, got);
    FUZZ_CHECK(got == want, "utf8_boundary_before(%zu) = %zu, want %zu", pos, got, want);
  }
  return 0;
}
