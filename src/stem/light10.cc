// light10: Lucene's ArabicNormalizer followed by its ArabicStemmer, on UTF-8.
//
// Lucene++ counts characters in UTF-32 code units, so the length rules here count
// code points. Every affix is made of letters of U+0627–064A, two UTF-8 bytes
// each, and in valid UTF-8 a match of whole two-byte letters at either end is
// exactly a match of code points, so the word is never decoded: a letter is
// compared as one 16-bit value.
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "dhad/normalize.h"
#include "dhad/stem.h"
#include "dhad/utf8.h"
#include "stem/stem_internal.h"

namespace dhad {
namespace {

using stem_internal::letter;
using stem_internal::letter_at;

constexpr uint16_t kAlef = letter(arabic::kAlef);
constexpr uint16_t kLam = letter(arabic::kLam);
constexpr uint16_t kWaw = letter(arabic::kWaw);
constexpr uint16_t kBeh = letter(arabic::kBeh);
constexpr uint16_t kKaf = letter(arabic::kKaf);
constexpr uint16_t kFeh = letter(arabic::kFeh);

// A suffix of one or two letters.
struct Suffix {
  uint16_t last;
  uint16_t before_last;  // 0 for a one-letter suffix
  size_t size;

  constexpr explicit Suffix(std::u32string_view s)
      : last(letter(s.back())), before_last(s.size() == 2 ? letter(s[0]) : 0), size(s.size()) {}
};

// Tried in this order, and every one that fits is removed, so "كتابيها" loses ها
// and then ي. ية and ة can only match when normalization (which turns ة into ه)
// was skipped; Lucene keeps them all the same.
constexpr Suffix kSuffixes[] = {Suffix(U"ها"), Suffix(U"ان"), Suffix(U"ات"), Suffix(U"ون"),
                                Suffix(U"ين"), Suffix(U"يه"), Suffix(U"ية"), Suffix(U"ه"),
                                Suffix(U"ة"),  Suffix(U"ي")};

}  // namespace

// Lucene's ArabicNormalizer, fused with the copy of the word into the output
// and the count of its code points. Every character the lucene profile changes
// (آ أ إ → ا, ة → ه, ى → ي; tatweel and U+064B–0652 deleted) is a two-byte one
// led by D8 or D9, so a table indexed by the second byte of such a pair says
// what the pair becomes: [(lead & 1) << 6 | (second & 0x3F)] → the new pair, or
// 0 when it is deleted. The table is read off the Normalizer itself, so the
// rules stay in one place (data/normalize/rules.tsv). Invalid UTF-8 is copied
// byte by byte: its stem is unspecified but stays inside the word's bytes. A
// unit test compares the stems with a reference built on the Normalizer, on
// every code point.
stem_internal::FoldTable stem_internal::lucene_fold_table() {
  // Built once: every light10 stemmer and the bulk rules ask for it, and a
  // Normalizer costs ~140 KB of tables to build.
  static const FoldTable table = [] {
    const Normalizer lucene(NormalizeOptions::lucene());
    FoldTable t{};
    std::string in, out;
    for (unsigned i = 0; i < t.size(); ++i) {
      const char32_t cp = 0x0600 + i;  // D8 80..BF is U+0600..063F, D9 80..BF U+0640..067F
      in.clear();
      append_utf8(cp, &in);
      out.clear();
      lucene.normalize(in, &out);
      // A pair the profile turns into anything but one two-byte character (it
      // has none) would need more than a table: keep it, and let the test tell.
      t[i] = out.empty() ? 0 : out.size() == 2 ? letter_at(out.data()) : letter_at(in.data());
    }
    return t;
  }();
  return table;
}

namespace {

using stem_internal::FoldTable;

size_t normalize_copy(const FoldTable& fold, std::string_view word, char* out,
                      size_t* code_points) {
  const auto* p = reinterpret_cast<const unsigned char*>(word.data());
  const auto* const end = p + word.size();
  char* o = out;
  size_t n = 0;
  while (p < end) {
    const unsigned c = *p;
    if ((c & 0xFE) == 0xD8 && p + 1 < end && (p[1] & 0xC0) == 0x80) {
      const uint16_t to = fold[(c & 1) << 6 | (p[1] & 0x3F)];
      o[0] = static_cast<char>(to >> 8);
      o[1] = static_cast<char>(to);
      const bool kept = to != 0;
      o += 2 * kept;
      n += kept;
      p += 2;
      continue;
    }
    *o++ = static_cast<char>(c);
    n += (c & 0xC0) != 0x80;
    ++p;
  }
  *code_points = n;
  return size_t(o - out);
}

}  // namespace

// A code point takes at least one byte, so a length in code points bounds the
// bytes read (a letter is two bytes: reading three letters needs a byte count
// of its own).
std::string_view stem_internal::light10_strip_prefix(std::string_view w, size_t* n) {
  // Lucene tries ال وال بال كال فال لل و in this order, removes the first that
  // fits, and wants 2 letters left over (و: a word of 4). The 3-letter ones
  // differ in their first letter, so they are one test here.
  if (*n < 4) return w;
  const uint16_t first = letter_at(w.data());
  const uint16_t second = letter_at(w.data() + 2);
  size_t letters = 0;
  if (first == kAlef && second == kLam) {
    letters = 2;
  } else if (*n >= 5 && w.size() >= 6 && second == kAlef && letter_at(w.data() + 4) == kLam &&
             (first == kWaw || first == kBeh || first == kKaf || first == kFeh)) {
    letters = 3;
  } else if (first == kLam && second == kLam) {
    letters = 2;
  } else if (first == kWaw) {
    letters = 1;
  }
  w.remove_prefix(2 * letters);
  *n -= letters;
  return w;
}

std::string_view stem_internal::light10_strip_suffixes(std::string_view word, size_t n,
                                                       size_t min_stem_letters) {
  std::string_view w = word;
  for (const Suffix& suffix : kSuffixes) {
    if (n < suffix.size + 2) continue;
    const char* const end = w.data() + w.size();
    if (letter_at(end - 2) != suffix.last) continue;
    if (suffix.size == 2 && letter_at(end - 4) != suffix.before_last) continue;
    w.remove_suffix(2 * suffix.size);
    n -= suffix.size;
  }
  // All or nothing, not cut by cut: the stem is light10's or the word with
  // every suffix, never something between (what the PostgreSQL extension's
  // MinStem has indexed since its 0.3).
  return n < min_stem_letters ? word : w;
}

namespace {

class Light10Stemmer final : public Stemmer {
 public:
  explicit Light10Stemmer(unsigned min_stem_letters)
      : fold_(stem_internal::lucene_fold_table()), min_stem_letters_(min_stem_letters) {}

  size_t stem_to(std::string_view word, char* out) const override {
    size_t code_points = 0;
    const size_t size = normalize_copy(fold_, word, out, &code_points);
    const std::string_view rest =
        stem_internal::light10_strip_prefix(std::string_view(out, size), &code_points);
    const std::string_view stem =
        stem_internal::light10_strip_suffixes(rest, code_points, min_stem_letters_);
    // The stem lies inside the normalized word, at most 3 letters in: move it
    // to the front. A forward copy is safe as the target lies before the
    // source, and for stems this short an inline loop beats a call to memmove.
    if (stem.data() != out) {
      for (size_t i = 0; i < stem.size(); ++i) out[i] = stem[i];
    }
    return stem.size();
  }

  std::string_view name() const override { return "light10"; }

 private:
  FoldTable fold_;
  size_t min_stem_letters_;
};

}  // namespace

std::unique_ptr<Stemmer> stem_internal::new_light10_stemmer(unsigned min_stem_letters) {
  return std::make_unique<Light10Stemmer>(min_stem_letters);
}

}  // namespace dhad
