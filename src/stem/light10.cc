// light10: Lucene's ArabicNormalizer followed by its ArabicStemmer, on UTF-8.
//
// Lucene++ counts characters in UTF-32 code units, so the length rules here count
// code points. Every affix is made of letters of U+0627–064A, two UTF-8 bytes
// each, and in valid UTF-8 a match of whole two-byte letters at either end is
// exactly a match of code points, so the word is never decoded: a letter is
// compared as one 16-bit value.
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "dhad/normalize.h"
#include "dhad/stem.h"
#include "stem/stem_internal.h"

namespace dhad {
namespace {

using stem_internal::letter;
using stem_internal::letter_at;

constexpr uint16_t kAlef = letter(0x0627);
constexpr uint16_t kLam = letter(0x0644);
constexpr uint16_t kWaw = letter(0x0648);
constexpr uint16_t kBeh = letter(0x0628);
constexpr uint16_t kKaf = letter(0x0643);
constexpr uint16_t kFeh = letter(0x0641);

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

size_t count_code_points(std::string_view s) {
  size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// True if Lucene's normalization may change `w`: some byte is the second byte of
// a character it changes (آ أ إ ة: D8 A2 A3 A5 A9; tatweel, ى, U+064B–0652: D9 80
// 89 8B–92). Most tokens have none, and for them a copy is much cheaper than a
// call into the Normalizer; a byte that is not in fact such a character only
// sends the token the slow way. A unit test runs every code point both ways.
bool may_need_normalizing(std::string_view w) {
  unsigned hit = 0;
  for (const char ch : w) {
    const auto c = static_cast<unsigned char>(ch);
    hit |= static_cast<unsigned char>(c - 0x8B) < 8;
    hit |= c == 0x80 || c == 0x89 || c == 0xA2 || c == 0xA3 || c == 0xA5 || c == 0xA9;
  }
  return hit != 0;
}

// Strips affixes from `w` (already normalized) and returns what is left. A code
// point takes at least one byte, so a length in code points bounds the bytes read
// (a letter is two bytes: reading three letters needs a byte count of its own).
std::string_view strip_affixes(std::string_view w) {
  size_t n = count_code_points(w);
  // Lucene tries ال وال بال كال فال لل و in this order, removes the first that
  // fits, and wants 2 letters left over (و: a word of 4). The 3-letter ones
  // differ in their first letter, so they are one test here.
  if (n >= 4) {
    const uint16_t first = letter_at(w.data());
    const uint16_t second = letter_at(w.data() + 2);
    size_t letters = 0;
    if (first == kAlef && second == kLam) {
      letters = 2;
    } else if (n >= 5 && w.size() >= 6 && second == kAlef && letter_at(w.data() + 4) == kLam &&
               (first == kWaw || first == kBeh || first == kKaf || first == kFeh)) {
      letters = 3;
    } else if (first == kLam && second == kLam) {
      letters = 2;
    } else if (first == kWaw) {
      letters = 1;
    }
    w.remove_prefix(2 * letters);
    n -= letters;
  }
  for (const Suffix& suffix : kSuffixes) {
    if (n < suffix.size + 2) continue;
    const char* const end = w.data() + w.size();
    if (letter_at(end - 2) != suffix.last) continue;
    if (suffix.size == 2 && letter_at(end - 4) != suffix.before_last) continue;
    w.remove_suffix(2 * suffix.size);
    n -= suffix.size;
  }
  return w;
}

class Light10Stemmer final : public Stemmer {
 public:
  Light10Stemmer() : normalizer_(NormalizeOptions::lucene()) {}

  void stem(std::string_view word, std::string* out) const override {
    if (!may_need_normalizing(word)) {
      out->append(strip_affixes(word));
      return;
    }
    const size_t base = out->size();
    normalizer_.normalize(word, out);
    char* const normalized = out->data() + base;
    const std::string_view stem = strip_affixes(std::string_view(normalized, out->size() - base));
    // The stem lies inside the normalized word: move it to the front, then cut.
    std::memmove(normalized, stem.data(), stem.size());
    out->resize(base + stem.size());
  }

  std::string_view name() const override { return "light10"; }

 private:
  Normalizer normalizer_;
};

}  // namespace

std::unique_ptr<Stemmer> stem_internal::new_light10_stemmer() {
  return std::make_unique<Light10Stemmer>();
}

}  // namespace dhad
