#include "dhad/stem.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "dhad/normalize.h"
#include "dhad/utf8.h"
#include "stem/light10_bulk.h"
#include "stem/stem_memo.h"
#include "stem/stem_reference.h"

namespace dhad {
namespace {

// Stems a copy of `word` in a buffer of exactly its size, into an output buffer
// of exactly its size, so that the sanitizer build catches a read or write past
// either end (a std::string has a NUL there). stem() must say the same.
std::string stem_exact(const Stemmer& stemmer, std::string_view word) {
  const std::unique_ptr<char[]> copy(new char[word.size()]);
  std::copy(word.begin(), word.end(), copy.get());
  const std::unique_ptr<char[]> buffer(new char[word.size()]);
  const size_t size = stemmer.stem_to(std::string_view(copy.get(), word.size()), buffer.get());
  EXPECT_LE(size, word.size()) << word;
  std::string out(buffer.get(), std::min(size, word.size()));
  std::string appended = "x";
  stemmer.stem(word, &appended);
  EXPECT_EQ("x" + out, appended) << word;
  return out;
}

std::string stem(StemAlgorithm algorithm, std::string_view word) {
  return stem_exact(*make_stemmer(algorithm), word);
}

struct Case {
  const char* in;
  const char* want;
};

// The wanted stems are what Lucene++ 3.0.8 (lucene_peer stem) gives.
TEST(Light10, Prefixes) {
  const Case cases[] = {
      {"الكتاب", "كتاب"},  {"والكتاب", "كتاب"}, {"بالكتاب", "كتاب"},
      {"كالكتاب", "كتاب"}, {"فالكتاب", "كتاب"}, {"للكتاب", "كتاب"},
      {"وكتاب", "كتاب"},   {"الدم", "دم"},      {"والمعلمون", "معلم"},
  };
  for (const Case& c : cases) EXPECT_EQ(c.want, stem(StemAlgorithm::kLight10, c.in)) << c.in;
}

TEST(Light10, Suffixes) {
  const Case cases[] = {
      {"كتابها", "كتاب"},  {"معلمان", "معلم"}, {"معلمات", "معلم"}, {"معلمون", "معلم"},
      {"معلمين", "معلم"},  {"كتابيه", "كتاب"}, {"مدرسية", "مدرس"},  // ية → يه after normalizing
      {"كتابه", "كتاب"},   {"مدرسة", "مدرس"},  {"كتابي", "كتاب"},  {"بيتها", "بيت"},
      {"كتابيها", "كتاب"},  // ها, then ي: every suffix that fits goes
  };
  for (const Case& c : cases) EXPECT_EQ(c.want, stem(StemAlgorithm::kLight10, c.in)) << c.in;
}

TEST(Light10, LengthRules) {
  const Case cases[] = {
      {"وال", "وال"},                       // 3 letters: no prefix fits
      {"ولد", "ولد"},                       // و needs a word of 4
      {"والد", "الد"},                      // وال needs 5; و fits at 4
      {"بالد", "بالد"},    {"للب", "للب"},  // لل needs 4
      {"لله", "لل"},                        // but ه needs only 3
      {"ابها", "اب"},                       // ها leaves 2
      {"بها", "بها"},                       // ها would leave 1
      {"مستشفى", "مستشف"},                  // ى → ي, then ي goes
  };
  for (const Case& c : cases) EXPECT_EQ(c.want, stem(StemAlgorithm::kLight10, c.in)) << c.in;
}

// StemOptions::min_stem_letters: a stem shorter than that keeps every suffix
// light10 would cut (all or none), the prefix still goes.
TEST(Light10, MinStemLetters) {
  struct MinCase {
    unsigned min;
    const char* in;
    const char* want;
  };
  const MinCase cases[] = {
      {3, "فيه", "فيه"},
      {3, "منها", "منها"},
      {3, "على", "علي"},
      {3, "مرة", "مره"},
      {3, "وفيه", "فيه"},
      {3, "بالمرة", "مره"},
      {3, "لله", "لله"},
      {3, "كتابها", "كتاب"},
      {3, "والكتابات", "كتاب"},
      {3, "سلمان", "سلم"},
      {3, "في", "في"},
      {3, "ب", "ب"},
      {4, "كتابيها", "كتاب"},
      {5, "كتابيها", "كتابيها"},  // ها and ي go, or neither
      {5, "والكتابيها", "كتابيها"},
      {6, "مدرستان", "مدرستان"},
      {5, "مدرستان", "مدرست"},
      {3, "book", "book"},
      {3, "", ""},
  };
  for (const MinCase& c : cases) {
    EXPECT_EQ(c.want, stem_exact(*make_stemmer(StemAlgorithm::kLight10, {c.min}), c.in))
        << c.min << " " << c.in;
  }
  // 0 is light10 as published (the stemmer tests/stem_diff.sh checks against
  // Lucene), and so is a minimum no stem falls under.
  for (const unsigned min : {0u, 1u, 2u}) {
    const std::unique_ptr<Stemmer> stemmer = make_stemmer(StemAlgorithm::kLight10, {min});
    for (const std::string_view w : {"فيه", "منها", "والكتابات", "كتابيها"})
      EXPECT_EQ(stem(StemAlgorithm::kLight10, w), stem_exact(*stemmer, w)) << min << " " << w;
  }
  EXPECT_EQ(nullptr, make_stemmer(StemAlgorithm::kIsri, {3}));
  EXPECT_NE(nullptr, make_stemmer(StemAlgorithm::kIsri, {0}));
}

TEST(Light10, NormalizesFirst) {
  const Case cases[] = {
      {"أحمد", "احمد"}, {"إسلام", "اسلام"},  {"آمن", "امن"},
      {"كِتَابٌ", "كتاب"}, {"كتـــاب", "كتاب"}, {"الكتـاب", "كتاب"},
  };
  for (const Case& c : cases) EXPECT_EQ(c.want, stem(StemAlgorithm::kLight10, c.in)) << c.in;
}

TEST(Light10, OtherScriptsPassThrough) {
  for (const char* in : {"Apple", "123", "...", "", "日本語", "😀😀😀😀"})
    EXPECT_EQ(in, stem(StemAlgorithm::kLight10, in));
}

// The wanted stems are what NLTK 3.8's ISRIStemmer().stem gives.
TEST(Isri, AffixesOfTheFirstSteps) {
  const Case cases[] = {
      {"الكتاب", "كتب"},  {"والكتاب", "كتب"},   {"كالكتاب", "كتب"}, {"بالكتاب", "كتب"},
      {"وللكتاب", "كتب"}, {"للكتاب", "كتب"},    {"كتابهن", "كتب"},  {"معلمون", "علم"},
      {"معلمات", "علم"},  {"والمعلمون", "علم"}, {"وولد", "ولد"},  // waw: وو → و
  };
  for (const Case& c : cases) EXPECT_EQ(c.want, stem(StemAlgorithm::kIsri, c.in)) << c.in;
}

TEST(Isri, Patterns) {
  const Case cases[] = {
      // 4 letters
      {"مكتب", "كتب"},  // مفعل
      {"كاتب", "كتب"},  // فاعل
      {"كتاب", "كتب"},  // فعال
      {"رسول", "رسل"},  // فعول
      {"سعيد", "سعد"},  // فعيل
      {"درسة", "درس"},  // فعلة
      {"ادرس", "درس"},  // no pattern: prefix ا
      // 5 letters
      {"اجتمع", "جمع"},   // افتعل
      {"مكتوب", "كتب"},   // مفعول
      {"مدرسة", "درس"},   // مفعلة
      {"مختلف", "خلف"},   // مفتعل
      {"مناظر", "نظر"},   // مفاعل
      {"تحاور", "حور"},   // تفاعل
      {"كتابة", "كتب"},   // فعالة
      {"انكسر", "كسر"},   // انفعل
      {"افعال", "فعل"},   // افعال
      {"عطشان", "عطش"},   // فعلان
      {"تفعيل", "فعل"},   // تفعيل
      {"ساعور", "سعر"},   // فاعول
      {"جوائز", "جئز"},   // فواعل
      {"فعائل", "فعل"},   // فعائل
      {"كاتبة", "كتب"},   // فاعلة
      {"علامي", "علم"},   // فعالي
      {"مترجم", "ترجم"},  // no 3-letter pattern: مفعلل gives a 4-letter root
      // 6 and 7 letters
      {"مستخدم", "خدم"},    // مستفعل
      {"استخدم", "خدم"},    // استفعل
      {"مقابلة", "قبل"},    // no 6-letter pattern: suffix ة, then مفاعل
      {"اجتماع", "جمع"},    // افتعال
      {"اعشوشب", "عشب"},    // افعوعل
      {"تفاعيل", "فعل"},    // تفاعيل
      {"تصاريح", "صرح"},    // تفاعيل
      {"تسابيح", "سبح"},    // تفاعيل
      {"احمرار", "حمرار"},  // no 6-letter pattern: prefix ا, then no 5-letter one
      {"مستشفيات", "شفي"},
      {"بيروت", "يرو"},  // no pattern: suffix ت, then prefix ب
  };
  for (const Case& c : cases) EXPECT_EQ(c.want, stem(StemAlgorithm::kIsri, c.in)) << c.in;
}

TEST(Isri, Normalization) {
  const Case cases[] = {
      {"مُحَمَّدٌ", "حمد"},                     // harakat go first
      {"أحمد", "حمد"},                     // initial hamza → ا, then prefix ا
      {"إسلام", "سلم"},   {"آمن", "امن"},  // 3 letters: only the hamza step
      {"مؤتمر", "ؤمر"},                    // hamza seats stay
      {"رئيس", "رئس"},    {"سماء", "سمء"},
      {"كتـاب", "كتـاب"},  // tatweel is not removed: 5 characters, no pattern
  };
  for (const Case& c : cases) EXPECT_EQ(c.want, stem(StemAlgorithm::kIsri, c.in)) << c.in;
}

TEST(Isri, StopWordsAreKept) {
  const Case cases[] = {
      {"يكون", "يكون"}, {"أمام", "أمام"},  // hamza kept too: stop words skip every later step
      {"الذى", "الذى"}, {"ولايزال", "ولايزال"}, {"الَّذِي", "الذي"},  // after harakat are gone
  };
  for (const Case& c : cases) EXPECT_EQ(c.want, stem(StemAlgorithm::kIsri, c.in)) << c.in;
}

TEST(Isri, OtherScriptsPassThrough) {
  for (const char* in : {"Apple", "hello", "123", "...", "", "日本語", "😀😀😀😀"})
    EXPECT_EQ(in, stem(StemAlgorithm::kIsri, in));
}

TEST(Stem, NamesAndFactory) {
  for (const StemAlgorithm a : {StemAlgorithm::kLight10, StemAlgorithm::kIsri}) {
    const std::unique_ptr<Stemmer> stemmer = make_stemmer(a);
    ASSERT_NE(nullptr, stemmer);
    EXPECT_EQ(stem_algorithm_name(a), stemmer->name());
    const Result<StemAlgorithm> parsed = parse_stem_algorithm(stemmer->name());
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(a, *parsed);
  }
  const Result<StemAlgorithm> bad = parse_stem_algorithm("porter");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(ErrorCode::kInvalidArgument, bad.error().code());
}

TEST(Stem, AppendsToOut) {
  for (const StemAlgorithm a : {StemAlgorithm::kLight10, StemAlgorithm::kIsri}) {
    const std::unique_ptr<Stemmer> stemmer = make_stemmer(a);
    std::string out = "x ";
    stemmer->stem("والكتاب", &out);
    EXPECT_EQ(std::string("x ") + (a == StemAlgorithm::kLight10 ? "كتاب" : "كتب"), out);
  }
}

std::string encode(const std::u32string& s) {
  std::string out;
  for (const char32_t c : s) append_utf8(c, &out);
  return out;
}

// Random words over the letters the rules look at, plus characters of every
// UTF-8 length, so every affix, pattern and length rule is hit.
std::vector<std::string> random_words(uint32_t seed, int count) {
  static const std::u32string kCommon = U"اليوبكفهنتمس";
  static const std::u32string kRare =
      U"ةأإآئؤءىعرد\u0640\u064B\u064E\u0651\u0652\u0670xZ5 "
      U"\u00E9\uFEFB\U0001F600";
  std::mt19937 rng(seed);
  std::vector<std::string> words;
  for (int i = 0; i < count; ++i) {
    std::u32string w;
    const int size = static_cast<int>(rng() % 12);
    for (int k = 0; k < size; ++k) {
      const std::u32string& from = rng() % 5 != 0 ? kCommon : kRare;
      w += from[rng() % from.size()];
    }
    words.push_back(encode(w));
  }
  return words;
}

TEST(Light10, EqualsReference) {
  const std::unique_ptr<Stemmer> stemmer = make_stemmer(StemAlgorithm::kLight10);
  for (const std::string& w : random_words(1, 100000))
    ASSERT_EQ(stem_reference(StemAlgorithm::kLight10, w), stem_exact(*stemmer, w)) << w;
}

TEST(Light10, MinStemLettersEqualsReference) {
  for (const unsigned min : {1u, 3u, 4u, 6u}) {
    const StemOptions options{min};
    const std::unique_ptr<Stemmer> stemmer = make_stemmer(StemAlgorithm::kLight10, options);
    for (const std::string& w : random_words(7 + min, 30000)) {
      ASSERT_EQ(stem_reference(StemAlgorithm::kLight10, w, options), stem_exact(*stemmer, w))
          << min << " " << w;
    }
  }
}

TEST(Isri, EqualsReference) {
  const std::unique_ptr<Stemmer> stemmer = make_stemmer(StemAlgorithm::kIsri);
  for (const std::string& w : random_words(2, 100000))
    ASSERT_EQ(stem_reference(StemAlgorithm::kIsri, w), stem_exact(*stemmer, w)) << w;
}

// Every code point alone, after ب and inside a word: the fast paths (light10's
// test for "needs normalizing", ISRI's haraka scan) must agree with the references.
TEST(Stem, EveryCodePointEqualsReference) {
  const std::unique_ptr<Stemmer> light10 = make_stemmer(StemAlgorithm::kLight10);
  const std::unique_ptr<Stemmer> isri = make_stemmer(StemAlgorithm::kIsri);
  for (char32_t cp = 1; cp <= 0x10FFFF; cp = cp < 0x20000 ? cp + 1 : cp + 0x100) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    const std::string c = encode(std::u32string(1, cp));
    for (const std::string& w : {c, "ب" + c, "والك" + c + "تابها"}) {
      ASSERT_EQ(stem_reference(StemAlgorithm::kLight10, w), stem_exact(*light10, w))
          << "U+" << std::hex << uint32_t(cp);
      ASSERT_EQ(stem_reference(StemAlgorithm::kIsri, w), stem_exact(*isri, w))
          << "U+" << std::hex << uint32_t(cp);
    }
  }
}

// Not valid UTF-8: the result is unspecified, but the stemmers must stay in
// bounds (the sanitizer build checks) and never grow the word.
TEST(Stem, ArbitraryBytesAreSafe) {
  std::mt19937 rng(3);
  const char bytes[] = {'\xD8', '\xD9', '\xA7', '\x84', '\x88', '\x80', '\xBF', '\xE0', 'a', '\0'};
  for (const StemAlgorithm a : {StemAlgorithm::kLight10, StemAlgorithm::kIsri}) {
    const std::unique_ptr<Stemmer> stemmer = make_stemmer(a);
    for (int i = 0; i < 50000; ++i) {
      std::string w;
      const int size = static_cast<int>(rng() % 20);
      for (int k = 0; k < size; ++k) w += bytes[rng() % sizeof bytes];
      EXPECT_LE(stem_exact(*stemmer, w).size(), w.size());
    }
  }
}

// The memo answers what the stemmer answers, hit or miss, for words of every
// size around its limit, valid or not, and starts afresh for another algorithm.
TEST(StemMemo, EqualsTheStemmer) {
  std::mt19937 rng(5);
  const std::string letters[] = {"ا", "ل", "و", "ب", "ك", "ت", "ي", "ن",    "ه",   "ة",
                                 "م", "أ", "ى", "َ",  "ـ", "a", "1", "\xD8", "\x84"};
  // A small vocabulary, drawn from again and again, so that most lookups hit.
  std::vector<std::string> vocabulary;
  for (int i = 0; i < 3000; ++i) {
    std::string w;
    const int size = 1 + static_cast<int>(rng() % 12);
    for (int k = 0; k < size; ++k) w += letters[rng() % std::size(letters)];
    vocabulary.push_back(w);
  }
  const StemOptions options[] = {{}, {}, {3}};
  const std::unique_ptr<Stemmer> stemmers[] = {make_stemmer(StemAlgorithm::kLight10),
                                               make_stemmer(StemAlgorithm::kIsri),
                                               make_stemmer(StemAlgorithm::kLight10, options[2])};
  stem_internal::StemMemo memo;
  for (int round = 0; round < 4; ++round) {
    for (size_t s = 0; s < std::size(stemmers); ++s) {  // switching must not mix answers
      const Stemmer* stemmer = stemmers[s].get();
      memo.use(*stemmer, options[s]);
      for (int i = 0; i < 20000; ++i) {
        const std::string& w = vocabulary[rng() % vocabulary.size()];
        const size_t room = std::max(w.size(), stem_internal::StemMemo::kMaxWord);
        const std::unique_ptr<char[]> out(new char[room]);
        const size_t size = memo.stem_to(w, out.get());
        ASSERT_EQ(stem_exact(*stemmer, w), std::string(out.get(), size)) << w;
      }
    }
  }
}

// Light10Bulk: the words of `text` (split at spaces) stemmed in order, each
// checked against the stemmer where handled. Returns how many were handled.
size_t check_bulk(stem_internal::Light10Bulk& bulk, const Stemmer& stemmer, const std::string& text,
                  unsigned min_stem_letters = 0) {
  bulk.reset(text, min_stem_letters);
  size_t handled = 0;
  std::vector<char> out(text.size() + 16);
  for (size_t begin = 0; begin < text.size();) {
    size_t end = text.find(' ', begin);
    if (end == std::string::npos) end = text.size();
    if (end > begin) {
      const size_t size = bulk.stem(begin, end, out.data());
      const std::string_view word(text.data() + begin, end - begin);
      if (size != stem_internal::Light10Bulk::kNotHandled) {
        ++handled;
        EXPECT_EQ(stem_exact(stemmer, word), std::string(out.data(), size)) << word;
        if (::testing::Test::HasFailure()) return handled;
      }
    }
    begin = end + 1;
  }
  return handled;
}

// Every word of up to 5 letters made of the letters light10's affixes are
// made of (and those normalization turns into them, and one letter in none),
// in long texts so that words also straddle the 16 KB chunks.
TEST(Light10Bulk, EqualsTheStemmerOnEveryShortWord) {
  const std::string letters[] = {"ا", "ل", "و", "ب", "ك", "ف", "ت",
                                 "ي", "ن", "ه", "ة", "أ", "ى", "م"};
  for (const unsigned min : {0u, 3u, 4u})
    for (bool simd : {true, false}) {
      const auto stemmer = make_stemmer(StemAlgorithm::kLight10, {min});
      stem_internal::Light10Bulk bulk(simd);
      std::vector<size_t> index(1, 0);
      std::string text;
      size_t words = 0, handled = 0;
      while (index.size() <= 5) {
        for (size_t i : index) text += letters[i];
        text += ' ';
        ++words;
        // The next word: count up in base 14, then grow.
        size_t k = 0;
        while (k < index.size() && ++index[k] == std::size(letters)) index[k++] = 0;
        if (k == index.size()) index.assign(index.size() + 1, 0);
        if (text.size() > (1u << 20) || index.size() > 5) {
          handled += check_bulk(bulk, *stemmer, text, min);
          ASSERT_FALSE(HasFailure());
          text.clear();
        }
      }
      EXPECT_EQ(handled, words) << "every such word is made of plain letters";
    }
}

// Random texts with long words, marks, tatweel, Persian letters, Latin and
// punctuation: the handled words agree, and the others are left to the stemmer.
TEST(Light10Bulk, EqualsTheStemmerOnRandomText) {
  std::mt19937 rng(11);
  const std::string letters[] = {"ا", "ل", "و", "ب", "ك", "ف", "ت", "ي", "ن", "ه",
                                 "ة", "أ", "إ", "آ", "ى", "م", "ع", "ج", "ر"};
  const std::string others[] = {"َ", "ّ", "ـ", "ٰ", "پ", "a", "1", "،", "\xE2\x80\x8C"};
  for (const unsigned min : {0u, 3u})
    for (bool simd : {true, false}) {
      const auto stemmer = make_stemmer(StemAlgorithm::kLight10, {min});
      stem_internal::Light10Bulk bulk(simd);
      size_t handled = 0, words = 0;
      for (int round = 0; round < 20; ++round) {
        std::string text;
        while (text.size() < 40000) {
          const int size = 1 + int(rng() % 24);
          for (int k = 0; k < size; ++k) {
            text += rng() % 30 == 0 ? others[rng() % std::size(others)]
                                    : letters[rng() % std::size(letters)];
          }
          text += ' ';
          ++words;
        }
        handled += check_bulk(bulk, *stemmer, text, min);
        ASSERT_FALSE(HasFailure());
      }
      // Words with another character go to the stemmer; most have none.
      EXPECT_GT(handled, words / 3);
      EXPECT_LT(handled, words);
    }
}

// Words whose suffixes reach past the suffix table's four letters (ها then
// ات, then maybe more) are still answered, the long way, and rightly.
TEST(Light10Bulk, SuffixesPastFourLetters) {
  const std::string text = "مكتباتها والمكتباتها سياراتهاي مدرستانها كتابينها";
  for (const unsigned min : {0u, 4u, 5u, 7u}) {
    const auto stemmer = make_stemmer(StemAlgorithm::kLight10, {min});
    for (bool simd : {true, false}) {
      stem_internal::Light10Bulk bulk(simd);
      EXPECT_EQ(check_bulk(bulk, *stemmer, text, min), 5u) << min;
    }
  }
}

// The AVX2 chunk pass writes what the scalar one writes, on any bytes and from
// any start, the text's first byte included.
TEST(Light10Bulk, Avx2PassEqualsReference) {
  if (!stem_internal::Light10Bulk::fast_on_this_cpu()) GTEST_SKIP() << "no AVX2";
  std::mt19937 rng(12);
  const uint8_t bytes[] = {0xD8, 0xD9, 0xDA, 0xA7, 0xA9, 0xA2, 0xA3, 0xA5, 0x89, 0x8A,
                           0x80, 0x84, 0x86, 0x87, 0x88, 0x8B, 0x92, 0x93, 0x81, 0x83,
                           0xAA, 0xA8, 0xBF, 0xC0, 0x20, 0x61, 0x0A, 0xE2, 0x00, 0xFF};
  for (int round = 0; round < 3000; ++round) {
    std::string text(1 + rng() % 300, '\0');
    for (char& c : text) c = char(rng() % 4 == 0 ? rng() : bytes[rng() % sizeof bytes]);
    const size_t from = rng() % text.size();
    const size_t to = from + rng() % (text.size() - from + 1);
    std::vector<uint8_t> norm_a(to - from + 1), code_a(to - from + 1), norm_b(norm_a),
        code_b(code_a);
    stem_internal::Light10Bulk::prepare_reference(text, from, to, norm_a.data(), code_a.data());
    stem_internal::Light10Bulk::prepare_avx2(text, from, to, norm_b.data(), code_b.data());
    ASSERT_EQ(norm_a, norm_b) << round;
    ASSERT_EQ(code_a, code_b) << round;
  }
}

}  // namespace
}  // namespace dhad
