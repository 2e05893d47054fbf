#include "stem/light10_bulk.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "common/simd.h"
#include "dhad/utf8.h"
#include "stem/stem_internal.h"

namespace dhad::stem_internal {
namespace {

// The letters of light10's affixes, by class (see the code byte in the header).
constexpr char32_t kSuffixLetters[] = {0, 0x0627, 0x0646, 0x062A, 0x0647, 0x064A, 0x0648};
constexpr char32_t kPrefixLetters[] = {0, 0x0627, 0x0644, 0x0648, 0x0628};
constexpr char32_t kOtherLetter = 0x062C;  // ج: in no affix

uint8_t letter_code(char32_t cp) {
  uint8_t code = 0;
  for (uint8_t c = 1; c < std::size(kSuffixLetters); ++c) {
    if (kSuffixLetters[c] == cp) code = c;
  }
  // ب ك ف behave alike in every prefix.
  if (cp == 0x0643 || cp == 0x0641) cp = 0x0628;
  for (uint8_t c = 1; c < std::size(kPrefixLetters); ++c) {
    if (kPrefixLetters[c] == cp) code = uint8_t(code | c << 5);
  }
  return code;
}

// Sets *word to `letters` letters of the classes packed in `classes`, letter
// i's in bits 3i to 3i + 2, each spelled with the letter `spelling` gives its
// class; class 0 (and any class it lacks) with a letter in no affix.
template <size_t N>
void spell_classes(unsigned classes, size_t letters, const char32_t (&spelling)[N],
                   std::string* word) {
  word->clear();
  for (size_t i = 0; i < letters; ++i) {
    const unsigned c = i < 10 ? classes >> (3 * i) & 7 : 0;
    append_utf8(c >= 1 && c < N ? spelling[c] : kOtherLetter, word);
  }
}

char32_t pair_code_point(uint16_t pair) {
  return char32_t((pair >> 8 & 0x1F) << 6 | (pair & 0x3F));
}

// What the chunk pass needs of the rules, read off Lucene's normalizer.
struct Rules {
  FoldTable fold;
  std::array<uint8_t, 128> code;  // of the letter a pair becomes; 0 when deleted
  bool simd_matches = true;       // the AVX2 pass's built-in rules are these

  Rules() : fold(lucene_fold_table()) {
    for (unsigned i = 0; i < 128; ++i) {
      code[i] = fold[i] == 0 ? 0 : letter_code(pair_code_point(fold[i]));
      // The AVX2 pass knows, as constants: codes only after D8 Ax and D9 8x;
      // tatweel and U+064B–0652 deleted; آ أ إ → ا, ة → ه, ى → ي.
      const unsigned lead = 0xD8 | i >> 6, second = 0x80 | (i & 0x3F);
      const uint16_t self = uint16_t(lead << 8 | second);
      uint16_t expect = self;
      if (lead == 0xD9 && (second == 0x80 || (second >= 0x8B && second <= 0x92))) expect = 0;
      if (lead == 0xD8 && (second == 0xA2 || second == 0xA3 || second == 0xA5)) expect = 0xD8A7;
      if (lead == 0xD8 && second == 0xA9) expect = 0xD987;
      if (lead == 0xD9 && second == 0x89) expect = 0xD98A;
      const bool coded =
          (lead == 0xD8 && (second >> 4) == 0xA) || (lead == 0xD9 && (second >> 4) == 8);
      if (fold[i] != expect || (code[i] != 0 && !coded)) simd_matches = false;
    }
  }
};

const Rules& rules() {
  static const Rules r;
  return r;
}

// The prefix step as a table: key = the prefix classes of a word's first three
// letters in bits 0–2, 3–5, 6–8 and its size in bits 9–10 (0: under 4 letters,
// 1: 4, 2: more); value = letters cut. Filled by running light10's own prefix
// step on a word of those letters.
using PrefixTable = std::array<uint8_t, 3 << 9>;

PrefixTable prefix_table() {
  PrefixTable table{};
  std::string word;
  for (unsigned key = 0; key < table.size(); ++key) {
    size_t letters = 3 + (key >> 9);
    spell_classes(key & 0x1FF, letters, kPrefixLetters, &word);
    const size_t before = letters;
    light10_strip_prefix(word, &letters);
    table[key] = uint8_t(before - letters);
  }
  return table;
}

const PrefixTable& prefixes() {
  static const PrefixTable t = prefix_table();
  return t;
}

// The suffix step as a table. Index: the suffix codes (bits 0–2) of a word's
// last four letters, the last in bits 9–11. Entry: 4 bits for each count of
// letters left after the prefix (0–7, 7 standing for 7 or more), the letters
// removed, or kAsk when the answer may depend on a letter further back. The
// lookup needs only the word's end, so it need not wait for the prefix's.
// Filled by running light10's own suffix step on a word of those letters, so
// the rules stay in one place.
using SuffixTable = std::array<uint32_t, 1 << 12>;

SuffixTable suffix_table() {
  SuffixTable table{};
  std::string word;
  for (unsigned key = 0; key < table.size(); ++key) {
    for (unsigned letters = 0; letters < 8; ++letters) {
      // The key's four letters end the word.
      const unsigned classes = letters <= 4 ? key >> 3 * (4 - letters) : key << 3 * (letters - 4);
      spell_classes(classes, letters, kSuffixLetters, &word);
      const size_t removed = letters - light10_strip_suffixes(word, letters).size() / 2;
      // Up to 2 removed, every letter tested lay in the last four. After 3 or
      // more, a further test would reach past them unless too few letters are
      // left for any suffix (and the count was not capped at 7).
      const bool may_go_on = removed >= 3 && (letters == 7 || letters - removed >= 3);
      table[key] |= uint32_t(may_go_on ? Light10Bulk::kAsk : removed) << 4 * letters;
    }
  }
  return table;
}

const SuffixTable& suffixes() {
  static const SuffixTable t = suffix_table();
  return t;
}

// One position of the chunk pass; `prev`/`next` are 0 outside the text.
void prepare_one(const Rules& r, uint8_t prev, uint8_t b, uint8_t next, uint8_t* norm,
                 uint8_t* code) {
  const bool lead = (b & 0xFE) == 0xD8 && (next & 0xC0) == 0x80;
  const bool trail = (b & 0xC0) == 0x80 && (prev & 0xFE) == 0xD8;
  *norm = b;
  *code = lead || trail ? 0 : Light10Bulk::kNeedsStemmer;
  if (lead) {
    const unsigned i = (b & 1u) << 6 | (next & 0x3Fu);
    if (r.fold[i] != 0) *norm = uint8_t(r.fold[i] >> 8);
    *code = r.code[i];
  } else if (trail) {
    const unsigned i = (prev & 1u) << 6 | (b & 0x3Fu);
    if (r.fold[i] != 0) *norm = uint8_t(r.fold[i]);
    if (r.fold[i] == 0) *code = Light10Bulk::kNeedsStemmer;  // deleted: the word shrinks
  }
}

uint8_t byte_at(std::string_view text, size_t i) { return i < text.size() ? uint8_t(text[i]) : 0; }

void prepare_positions(const Rules& r, std::string_view text, size_t from, size_t i, size_t to,
                       uint8_t* norm, uint8_t* code) {
  for (; i < to; ++i) {
    prepare_one(r, i > 0 ? uint8_t(text[i - 1]) : 0, uint8_t(text[i]), byte_at(text, i + 1),
                norm + (i - from), code + (i - from));
  }
}

}  // namespace

Light10Bulk::Light10Bulk(bool simd)
    : simd_(simd && fast_on_this_cpu()), prefix_(prefixes().data()), suffix_(suffixes().data()) {}

bool Light10Bulk::fast_on_this_cpu() {
#if defined(__x86_64__)
  return simd::has_avx2() && rules().simd_matches;
#else
  return false;
#endif
}

void Light10Bulk::prepare_reference(std::string_view text, size_t from, size_t to, uint8_t* norm,
                                    uint8_t* code) {
  prepare_positions(rules(), text, from, from, to, norm, code);
}

size_t Light10Bulk::strip_suffixes(const uint8_t* normalized, size_t letters) {
  const std::string_view word(reinterpret_cast<const char*>(normalized), 2 * letters);
  return light10_strip_suffixes(word, letters).size();
}

void Light10Bulk::prepare(size_t begin) {
  const std::string_view text = text_;
  chunk_begin_ = begin;
  chunk_end_ = std::min(text.size(), begin + kChunk);
  origin_ = begin >= kBefore ? begin - kBefore : 0;
  const size_t to = std::min(text.size(), begin + kChunk + kAfter);
  uint8_t* code = code_storage_.data() + kBefore;
  if (simd_) {
    prepare_avx2(text, origin_, to, norm_.data(), code);
  } else {
    prepare_reference(text, origin_, to, norm_.data(), code);
  }
}

#if defined(__x86_64__)
// The constants here are those Rules checks (simd_matches).
__attribute__((target("avx2"))) void Light10Bulk::prepare_avx2(std::string_view text, size_t from,
                                                               size_t to, uint8_t* norm,
                                                               uint8_t* code) {
  using simd::eq;
  const Rules& r = rules();
  size_t i = from;
  if (i == 0 && i < to) {  // no byte before the first
    prepare_positions(r, text, from, 0, 1, norm, code);
    ++i;
  }
  // Codes by the low nibble of a lead's second byte, for D8 Ax and D9 8x.
  alignas(32) uint8_t d8[32], d9[32];
  for (unsigned k = 0; k < 16; ++k) {
    d8[k] = d8[k + 16] = r.code[0x20 | k];
    d9[k] = d9[k + 16] = r.code[0x40 | k];
  }
  const __m256i d8_codes = _mm256_load_si256(reinterpret_cast<const __m256i*>(d8));
  const __m256i d9_codes = _mm256_load_si256(reinterpret_cast<const __m256i*>(d9));
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  for (; i + 32 < text.size() && i + 32 <= to; i += 32) {
    const __m256i prev = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i - 1));
    const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i));
    const __m256i next = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i + 1));
    const __m256i b_d8 = eq(b, 0xD8), b_d9 = eq(b, 0xD9);
    const __m256i prev_d8 = eq(prev, 0xD8), prev_d9 = eq(prev, 0xD9);
    const __m256i lead =
        _mm256_and_si256(_mm256_or_si256(b_d8, b_d9), simd::in_range(next, 0x80, 0xBF));
    const __m256i trail =
        _mm256_and_si256(_mm256_or_si256(prev_d8, prev_d9), simd::in_range(b, 0x80, 0xBF));
    const __m256i deleted =
        _mm256_and_si256(_mm256_and_si256(trail, prev_d9),
                         _mm256_or_si256(eq(b, 0x80), simd::in_range(b, 0x8B, 0x92)));
    const __m256i good = _mm256_andnot_si256(deleted, _mm256_or_si256(lead, trail));
    // آ أ إ → ا and ة → ه (D8 A9 → D9 87), ى → ي.
    const __m256i to_alef = _mm256_and_si256(
        prev_d8, _mm256_or_si256(_mm256_or_si256(eq(b, 0xA2), eq(b, 0xA3)), eq(b, 0xA5)));
    const __m256i teh_lead = _mm256_and_si256(_mm256_and_si256(b_d8, lead), eq(next, 0xA9));
    const __m256i teh_trail = _mm256_and_si256(prev_d8, eq(b, 0xA9));
    const __m256i to_yeh = _mm256_and_si256(prev_d9, eq(b, 0x89));
    __m256i n = _mm256_blendv_epi8(b, _mm256_set1_epi8(char(0xA7)), to_alef);
    n = _mm256_blendv_epi8(n, _mm256_set1_epi8(char(0xD9)), teh_lead);
    n = _mm256_blendv_epi8(n, _mm256_set1_epi8(char(0x87)), teh_trail);
    n = _mm256_blendv_epi8(n, _mm256_set1_epi8(char(0x8A)), to_yeh);
    const __m256i low = _mm256_and_si256(next, _mm256_set1_epi8(0x0F));
    const __m256i high = _mm256_and_si256(next, _mm256_set1_epi8(char(0xF0)));
    const __m256i in_d8 = _mm256_and_si256(b_d8, eq(high, 0xA0));
    const __m256i in_d9 = _mm256_and_si256(b_d9, eq(high, 0x80));
    const __m256i c = _mm256_or_si256(
        _mm256_or_si256(_mm256_and_si256(_mm256_shuffle_epi8(d8_codes, low), in_d8),
                        _mm256_and_si256(_mm256_shuffle_epi8(d9_codes, low), in_d9)),
        _mm256_andnot_si256(good, _mm256_set1_epi8(char(kNeedsStemmer))));
    const size_t k = i - from;
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(norm + k), n);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(code + k), c);
  }
  prepare_positions(r, text, from, i, to, norm, code);
}
#else
void Light10Bulk::prepare_avx2(std::string_view text, size_t from, size_t to, uint8_t* norm,
                               uint8_t* code) {
  prepare_reference(text, from, to, norm, code);
}
#endif

}  // namespace dhad::stem_internal
