// isri: NLTK's ISRIStemmer().stem on UTF-8, step for step.
//
// NLTK works on Python str, so every length and index here is in code points.
// The steps before the patterns (harakat, stop words, pre32, suf32, waw, initial
// hamza) work on the bytes: every letter they test is in U+0621–064A, two UTF-8
// bytes, and in valid UTF-8 a match of whole two-byte letters at either end is a
// match of code points. Only a word of 4 to 7 characters reaches the pattern
// step, which indexes characters; it packs each character's bytes into one
// integer, so that a letter test is one compare.
//
// Step 1 deletes the same characters as Rule::kHarakat, but is done here: the
// range is NLTK's own definition, and a call into the Normalizer costs more than
// the whole of the rest of the stem for a typical word.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

#include "dhad/stem.h"
#include "stem/stem_internal.h"

namespace dhad {
namespace {

using stem_internal::letter;
using stem_internal::letter_at;

// The first or last `letters` letters (at most 3) of `w` packed into one value,
// 16 bits a letter; `w` must hold 2 * letters bytes.
uint64_t head(std::string_view w, size_t letters) {
  uint64_t v = 0;
  for (size_t i = 0; i < letters; ++i) v = v << 16 | letter_at(w.data() + 2 * i);
  return v;
}
uint64_t tail(std::string_view w, size_t letters) {
  return head(w.substr(w.size() - 2 * letters), letters);
}

// The affixes of one list packed as head() packs them; all are `Letters` long.
template <size_t Letters, size_t N>
struct AffixList {
  static constexpr size_t kBytes = 2 * Letters;
  uint64_t packed[N];

  constexpr explicit AffixList(const std::u32string_view (&affixes)[N]) : packed{} {
    for (size_t i = 0; i < N; ++i)
      for (const char32_t c : affixes[i]) packed[i] = packed[i] << 16 | letter(c);
  }
  bool has(uint64_t v) const { return std::find(packed, packed + N, v) != packed + N; }
  bool starts(std::string_view w) const { return w.size() >= kBytes && has(head(w, Letters)); }
  bool ends(std::string_view w) const { return w.size() >= kBytes && has(tail(w, Letters)); }
};

// Affixes of the first steps. The entries of a list have the same length, so at
// most one can match and their order does not matter.
constexpr std::u32string_view kPrefixes3Text[] = {U"كال", U"بال", U"ولل", U"وال"};
constexpr std::u32string_view kPrefixes2Text[] = {U"ال", U"لل"};
constexpr std::u32string_view kSuffixes3Text[] = {U"تمل", U"همل", U"تان", U"تين", U"كمل"};
constexpr std::u32string_view kSuffixes2Text[] = {U"ون", U"ات", U"ان", U"ين", U"تن", U"كم",
                                                  U"هن", U"نا", U"يا", U"ها", U"تم", U"كن",
                                                  U"ني", U"وا", U"ما", U"هم"};
constexpr std::u32string_view kWawWawText[] = {U"وو"};
constexpr AffixList<3, 4> kPrefixes3(kPrefixes3Text);
constexpr AffixList<2, 2> kPrefixes2(kPrefixes2Text);
constexpr AffixList<3, 5> kSuffixes3(kSuffixes3Text);
constexpr AffixList<2, 16> kSuffixes2(kSuffixes2Text);
constexpr AffixList<2, 1> kWawWaw(kWawWawText);

constexpr size_t kLetterBytes = 2;

size_t count_code_points(std::string_view s) {
  size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// ---- stop words: NLTK's list, in an open-addressing hash table ---------------------

// A stop word is returned after step 1 (harakat removed) with no other change,
// hamza included.
constexpr std::string_view kStopWords[] = {
    "يكون",  "وليس",  "وكان",  "كذلك",   "التي",   "وبين",    "عليها",  "مساء",  "الذي",  "وكانت",
    "ولكن",  "والتي", "تكون",  "اليوم",  "اللذين", "عليه",    "كانت",   "لذلك",  "أمام",  "هناك",
    "منها",  "مازال", "لازال", "لايزال", "مايزال", "اصبح",    "أصبح",   "أمسى",  "امسى",  "أضحى",
    "اضحى",  "مابرح", "مافتئ", "ماانفك", "لاسيما", "ولايزال", "الحالي", "اليها", "الذين", "فانه",
    "والذي", "وهذا",  "لهذا",  "فكان",   "ستكون",  "اليه",    "يمكن",   "بهذا",  "الذى",
};
constexpr size_t kStopWordCount = std::size(kStopWords);
constexpr int kStopHashBits = 7;  // 128 slots for 49 words
constexpr size_t kMinStopWordBytes =
    std::ranges::min(kStopWords, {}, [](std::string_view s) { return s.size(); }).size();
constexpr size_t kMaxStopWordBytes =
    std::ranges::max(kStopWords, {}, [](std::string_view s) { return s.size(); }).size();

// Hashes the size and the first and last letters; `w` has at least 2 bytes.
constexpr size_t stop_hash(std::string_view w) {
  const uint32_t key = (uint32_t{letter_at(w.data())} << 16 | letter_at(w.data() + w.size() - 2)) ^
                       static_cast<uint32_t>(w.size()) * 0x9E3779B9u;
  return (key * 0x85EBCA6Bu) >> (32 - kStopHashBits);
}

// Slot → 1 + index into kStopWords, or 0 for an empty slot; linear probing.
constexpr auto kStopTable = [] {
  std::array<uint8_t, size_t{1} << kStopHashBits> table{};
  for (size_t i = 0; i < kStopWordCount; ++i) {
    size_t slot = stop_hash(kStopWords[i]);
    while (table[slot] != 0) slot = (slot + 1) % table.size();
    table[slot] = static_cast<uint8_t>(i + 1);
  }
  return table;
}();

bool is_stop_word(std::string_view w) {
  if (w.size() < kMinStopWordBytes || w.size() > kMaxStopWordBytes) return false;
  for (size_t slot = stop_hash(w); kStopTable[slot] != 0; slot = (slot + 1) % kStopTable.size())
    if (kStopWords[kStopTable[slot] - 1] == w) return true;
  return false;
}

// True if `w` may hold a haraka: some byte is 8B–92, the second byte of
// U+064B–0652. Such bytes are rare in Arabic text (the letters' second bytes
// are A1–BA and 80–8A), so most words skip delete_harakat().
bool may_have_harakat(std::string_view w) {
  unsigned hit = 0;
  for (const char c : w) hit |= static_cast<unsigned char>(c - 0x8B) < 8;
  return hit != 0;
}

// Step 1, NLTK's norm(…, 1): deletes U+064B–0652 (D9 8B–D9 92), nothing else,
// from the `size` bytes at `s`. Returns the new size.
size_t delete_harakat(char* s, size_t size) {
  size_t o = 0;
  for (size_t i = 0; i < size; ++i) {
    const auto next = i + 1 < size ? static_cast<unsigned char>(s[i + 1]) : 0;
    if (static_cast<unsigned char>(s[i]) == 0xD9 && next >= 0x8B && next <= 0x92) {
      ++i;
    } else {
      s[o++] = s[i];
    }
  }
  return o;
}

// ---- the pattern step: words of 4 to 7 characters -------------------------------

// A character as its UTF-8 bytes packed big-endian into one integer; a letter of
// U+0600–06FF packs into 0xD8xx or 0xD9xx.
using Char = uint32_t;

constexpr Char kHamzaYeh = letter(arabic::kYehHamza);  // ئ
constexpr Char kAlef = letter(arabic::kAlef);          // ا
constexpr Char kTehMarbuta = letter(arabic::kTehMarbuta);
constexpr Char kTeh = letter(arabic::kTeh);
constexpr Char kMeem = letter(arabic::kMeem);
constexpr Char kNoon = letter(arabic::kNoon);
constexpr Char kWaw = letter(arabic::kWaw);
constexpr Char kYeh = letter(arabic::kYeh);
constexpr Char kSuffixes1[] = {
    kTehMarbuta, letter(arabic::kHeh), kYeh, letter(arabic::kKaf), kTeh, kAlef, kNoon};
constexpr Char kPrefixes1[] = {letter(arabic::kLam),
                               letter(arabic::kBeh),
                               letter(arabic::kFeh),
                               letter(arabic::kSeen),
                               kWaw,
                               kYeh,
                               kTeh,
                               kNoon,
                               kAlef};

bool in(Char c, std::initializer_list<Char> set) {
  return std::find(set.begin(), set.end(), c) != set.end();
}

template <size_t N>
bool in(Char c, const Char (&set)[N]) {
  return std::find(set, set + N, c) != set + N;
}

// A short word being reduced to its root. Every step keeps a subsequence of
// the characters, in order.
class Word {
 public:
  static constexpr int kMaxSize = 7;

  int size() const { return size_; }
  Char operator[](int i) const { return c_[i]; }

  // Reads `bytes` (4 to 7 characters). False if a character is longer than 4
  // bytes, which only invalid UTF-8 can produce.
  bool load(std::string_view bytes) {
    size_ = 0;
    for (size_t i = 0; i < bytes.size();) {
      // Two-byte characters (all Arabic letters) without the general loop.
      if (i + 1 < bytes.size() && (static_cast<unsigned char>(bytes[i]) & 0xE0) == 0xC0 &&
          (static_cast<unsigned char>(bytes[i + 1]) & 0xC0) == 0x80) {
        if (size_ == kMaxSize) return false;
        c_[size_] = letter_at(bytes.data() + i);
        len_[size_] = 2;
        ++size_;
        i += 2;
        continue;
      }
      size_t j = i + 1;
      while (j < bytes.size() && (static_cast<unsigned char>(bytes[j]) & 0xC0) == 0x80) ++j;
      if (j - i > 4 || size_ == kMaxSize) return false;
      Char c = 0;
      for (size_t k = i; k < j; ++k) c = (c << 8) | static_cast<unsigned char>(bytes[k]);
      c_[size_] = c;
      len_[size_] = static_cast<uint8_t>(j - i);
      ++size_;
      i = j;
    }
    return true;
  }

  // Writes the characters to `out`; returns the number of bytes written.
  size_t store(char* out) const {
    char* p = out;
    for (int i = 0; i < size_; ++i)
      for (int k = len_[i] - 1; k >= 0; --k) *p++ = static_cast<char>(c_[i] >> (8 * k));
    return static_cast<size_t>(p - out);
  }

  // Keeps the characters at `indices` (increasing), dropping the others.
  void keep(std::initializer_list<int> indices) {
    int n = 0;
    for (const int i : indices) {
      c_[n] = c_[i];
      len_[n] = len_[i];
      ++n;
    }
    size_ = n;
  }
  // Keeps the characters from `first` to the end.
  void keep_from(int first) {
    int n = 0;
    for (int i = first; i < size_; ++i, ++n) {
      c_[n] = c_[i];
      len_[n] = len_[i];
    }
    size_ = n;
  }
  void drop_last() { --size_; }

 private:
  Char c_[kMaxSize];
  uint8_t len_[kMaxSize];
  int size_ = 0;
};

// NLTK's suf1 and pre1: one short suffix, one short prefix.
void strip_suffix1(Word& w) {
  if (in(w[w.size() - 1], kSuffixes1)) w.drop_last();
}
void strip_prefix1(Word& w) {
  if (in(w[0], kPrefixes1)) w.keep_from(1);
}

// 4 characters → a 3-letter root (NLTK's pro_w4).
void root_of_4(Word& w) {
  if (w[0] == kMeem) {  // مفعل
    w.keep_from(1);
  } else if (w[1] == kAlef) {  // فاعل
    w.keep({0, 2, 3});
  } else if (in(w[2], {kAlef, kWaw, kYeh})) {  // فعال فعول فعيل
    w.keep({0, 1, 3});
  } else if (w[3] == kTehMarbuta) {  // فعلة
    w.drop_last();
  } else {
    strip_suffix1(w);
    if (w.size() == 4) strip_prefix1(w);
  }
}

// 5 characters → a 3-letter root (pro_w53); the first pattern that fits wins.
void root3_of_5(Word& w) {
  if (in(w[2], {kAlef, kTeh}) && w[0] == kAlef) {  // افتعل افاعل
    w.keep({1, 3, 4});
  } else if (in(w[3], {kAlef, kYeh, kWaw}) && w[0] == kMeem) {  // مفعول مفعال مفعيل
    w.keep({1, 2, 4});
  } else if (in(w[0], {kAlef, kTeh, kMeem}) && w[4] == kTehMarbuta) {  // مفعلة تفعلة افعلة
    w.keep({1, 2, 3});
  } else if (in(w[0], {kMeem, kYeh, kTeh}) && w[2] == kTeh) {  // مفتعل يفتعل تفتعل
    w.keep({1, 3, 4});
  } else if (in(w[0], {kMeem, kTeh}) && w[2] == kAlef) {  // مفاعل تفاعل
    w.keep({1, 3, 4});
  } else if (in(w[2], {kAlef, kWaw}) && w[4] == kTehMarbuta) {  // فعولة فعالة
    w.keep({0, 1, 3});
  } else if (in(w[0], {kAlef, kMeem}) && w[1] == kNoon) {  // انفعل منفعل
    w.keep_from(2);
  } else if (w[3] == kAlef && w[0] == kAlef) {  // افعال
    w.keep({1, 2, 4});
  } else if (w[4] == kNoon && w[3] == kAlef) {  // فعلان
    w.keep({0, 1, 2});
  } else if (w[3] == kYeh && w[0] == kTeh) {  // تفعيل
    w.keep({1, 2, 4});
  } else if (w[3] == kWaw && w[1] == kAlef) {  // فاعول
    w.keep({0, 2, 4});
  } else if (w[2] == kAlef && w[1] == kWaw) {  // فواعل
    w.keep({0, 3, 4});
  } else if (w[3] == kHamzaYeh && w[2] == kAlef) {  // فعائل
    w.keep({0, 1, 4});
  } else if (w[4] == kTehMarbuta && w[1] == kAlef) {  // فاعلة
    w.keep({0, 2, 3});
  } else if (w[4] == kYeh && w[2] == kAlef) {  // فعالي
    w.keep({0, 1, 3});
  } else {
    strip_suffix1(w);
    if (w.size() == 5) strip_prefix1(w);
  }
}

// 5 characters → a 4-letter root (pro_w54).
void root4_of_5(Word& w) {
  if (in(w[0], {kAlef, kTeh, kMeem})) {  // تفعلل افعلل مفعلل
    w.keep_from(1);
  } else if (w[4] == kTehMarbuta) {  // فعللة
    w.drop_last();
  } else if (w[2] == kAlef) {  // فعالل
    w.keep({0, 1, 3, 4});
  }
}

// NLTK's end_w5: what is left after root3_of_5.
void finish_5(Word& w) {
  if (w.size() == 4) {
    root_of_4(w);
  } else if (w.size() == 5) {
    root4_of_5(w);
  }
}

// 6 characters → a 3-letter root (pro_w6).
void root3_of_6(Word& w) {
  constexpr Char kSeen = letter(arabic::kSeen);
  if ((w[0] == kAlef || w[0] == kMeem) && w[1] == kSeen && w[2] == kTeh) {  // استفعل مستفعل
    w.keep_from(3);
  } else if (w[0] == kMeem && w[3] == kAlef && w[5] == kTehMarbuta) {  // مفعالة
    w.keep({1, 2, 4});
  } else if (w[0] == kAlef && w[2] == kTeh && w[4] == kAlef) {  // افتعال
    w.keep({1, 3, 5});
  } else if (w[0] == kAlef && w[3] == kWaw && w[2] == w[4]) {  // افعوعل
    w.keep({1, 4, 5});
  } else if (w[0] == kTeh && w[2] == kAlef && w[4] == kYeh) {  // تفاعيل
    w.keep({1, 3, 5});
  } else {
    strip_suffix1(w);
    if (w.size() == 6) strip_prefix1(w);
  }
}

// 6 characters → a 4-letter root (pro_w64).
void root4_of_6(Word& w) {
  if (w[0] == kAlef && w[4] == kAlef) {  // افعلال
    w.keep({1, 2, 3, 5});
  } else if (w[0] == kMeem && w[1] == kTeh) {  // متفعلل
    w.keep_from(2);
  }
}

// NLTK's end_w6: what is left after root3_of_6.
void finish_6(Word& w) {
  if (w.size() == 5) {
    root3_of_5(w);
    finish_5(w);
  } else if (w.size() == 6) {
    root4_of_6(w);
  }
}

void reduce_to_root(Word& w) {
  switch (w.size()) {
    case 4:
      root_of_4(w);
      break;
    case 5:
      root3_of_5(w);
      finish_5(w);
      break;
    case 6:
      root3_of_6(w);
      finish_6(w);
      break;
    case 7:
      strip_suffix1(w);
      if (w.size() == 7) strip_prefix1(w);
      if (w.size() == 6) {
        root3_of_6(w);
        finish_6(w);
      }
      break;
  }
}

class IsriStemmer final : public Stemmer {
 public:
  size_t stem_to(std::string_view word, char* out) const override {
    char* const start = out;
    std::memcpy(start, word.data(), word.size());
    std::string_view w(start, word.size());
    // Scans read `word`, not the copy just written: a load of bytes that a
    // wider store is still writing stalls (store forwarding fails).
    size_t n = 0;
    if (may_have_harakat(word)) {
      w = std::string_view(start, delete_harakat(start, w.size()));
      n = count_code_points(w);
    } else {
      n = count_code_points(word);
    }
    if (is_stop_word(w)) return w.size();

    // pre32 and suf32: a 3-letter affix, else a 2-letter one; at most one of each.
    if (n >= 6 && kPrefixes3.starts(w)) {
      w.remove_prefix(3 * kLetterBytes);
      n -= 3;
    } else if (n >= 5 && kPrefixes2.starts(w)) {
      w.remove_prefix(2 * kLetterBytes);
      n -= 2;
    }
    if (n >= 6 && kSuffixes3.ends(w)) {
      w.remove_suffix(3 * kLetterBytes);
      n -= 3;
    } else if (n >= 5 && kSuffixes2.ends(w)) {
      w.remove_suffix(2 * kLetterBytes);
      n -= 2;
    }
    // waw: the conjunction و before a word that itself starts with و.
    if (n >= 4 && kWawWaw.starts(w)) {
      w.remove_prefix(kLetterBytes);
      n -= 1;
    }

    if (w.data() != start) std::memmove(start, w.data(), w.size());
    size_t size = w.size();
    // norm(…, 2): آ أ إ → ا, first character only; D8 A2/A3/A5 → D8 A7.
    if (size >= 2) {
      const uint16_t first = letter_at(start);
      if (first == letter(0x0622) || first == letter(0x0623) || first == letter(0x0625))
        start[1] = static_cast<char>(letter(arabic::kAlef) & 0xFF);
    }

    Word root;
    if (n >= 4 && n <= Word::kMaxSize && root.load(std::string_view(start, size))) {
      reduce_to_root(root);
      size = root.store(start);
    }
    return size;
  }

  std::string_view name() const override { return "isri"; }
};

}  // namespace

std::unique_ptr<Stemmer> stem_internal::new_isri_stemmer() {
  return std::make_unique<IsriStemmer>();
}

}  // namespace dhad
