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

namespace dhad {
namespace {

// Stems a copy of `word` in a buffer of exactly its size, so that the sanitizer
// build catches a read past the end (a std::string has a NUL there).
std::string stem_exact(const Stemmer& stemmer, std::string_view word) {
  const std::unique_ptr<char[]> copy(new char[word.size()]);
  std::copy(word.begin(), word.end(), copy.get());
  std::string out;
  stemmer.stem(std::string_view(copy.get(), word.size()), &out);
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

// ---- slow references: the peers' algorithms, one code point at a time -------------

std::u32string decode(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    const Utf8Char c = decode_utf8(s, i);
    out += c.code_point;
    i += c.length;
  }
  return out;
}

std::string encode(const std::u32string& s) {
  std::string out;
  for (const char32_t c : s) append_utf8(c, &out);
  return out;
}

std::string light10_reference(std::string_view word) {
  static const Normalizer lucene(NormalizeOptions::lucene());
  std::string normalized;
  lucene.normalize_reference(word, &normalized);
  std::u32string w = decode(normalized);
  for (const std::u32string p : {U"ال", U"وال", U"بال", U"كال", U"فال", U"لل", U"و"}) {
    const size_t min = p.size() == 1 ? 4 : p.size() + 2;
    if (w.size() >= min && w.starts_with(p)) {
      w.erase(0, p.size());
      break;
    }
  }
  for (const std::u32string s : {U"ها", U"ان", U"ات", U"ون", U"ين", U"يه", U"ية", U"ه", U"ة", U"ي"})
    if (w.size() >= s.size() + 2 && w.ends_with(s)) w.erase(w.size() - s.size());
  return encode(w);
}

bool one_of(char32_t c, std::u32string_view set) { return set.find(c) != set.npos; }

void isri_suf1(std::u32string& w) {
  if (one_of(w.back(), U"ةهيكتان")) w.pop_back();
}
void isri_pre1(std::u32string& w) {
  if (one_of(w.front(), U"لبفسويتنا")) w.erase(0, 1);
}

void isri_w4(std::u32string& w) {
  if (w[0] == U'م') {
    w = w.substr(1);
  } else if (w[1] == U'ا') {
    w = w.substr(0, 1) + w.substr(2);
  } else if (one_of(w[2], U"اوي")) {
    w = w.substr(0, 2) + w[3];
  } else if (w[3] == U'ة') {
    w.pop_back();
  } else {
    isri_suf1(w);
    if (w.size() == 4) isri_pre1(w);
  }
}

void isri_w53(std::u32string& w) {
  std::u32string r;
  if (one_of(w[2], U"ات") && w[0] == U'ا') {
    r = w.substr(1, 1) + w.substr(3);
  } else if (one_of(w[3], U"ايو") && w[0] == U'م') {
    r = w.substr(1, 2) + w[4];
  } else if (one_of(w[0], U"اتم") && w[4] == U'ة') {
    r = w.substr(1, 3);
  } else if (one_of(w[0], U"ميت") && w[2] == U'ت') {
    r = w.substr(1, 1) + w.substr(3);
  } else if (one_of(w[0], U"مت") && w[2] == U'ا') {
    r = w.substr(1, 1) + w.substr(3);
  } else if (one_of(w[2], U"او") && w[4] == U'ة') {
    r = w.substr(0, 2) + w[3];
  } else if (one_of(w[0], U"ام") && w[1] == U'ن') {
    r = w.substr(2);
  } else if (w[3] == U'ا' && w[0] == U'ا') {
    r = w.substr(1, 2) + w[4];
  } else if (w[4] == U'ن' && w[3] == U'ا') {
    r = w.substr(0, 3);
  } else if (w[3] == U'ي' && w[0] == U'ت') {
    r = w.substr(1, 2) + w[4];
  } else if (w[3] == U'و' && w[1] == U'ا') {
    r = std::u32string{w[0], w[2], w[4]};
  } else if (w[2] == U'ا' && w[1] == U'و') {
    r = w.substr(0, 1) + w.substr(3);
  } else if (w[3] == U'ئ' && w[2] == U'ا') {
    r = w.substr(0, 2) + w[4];
  } else if (w[4] == U'ة' && w[1] == U'ا') {
    r = w.substr(0, 1) + w.substr(2, 2);
  } else if (w[4] == U'ي' && w[2] == U'ا') {
    r = w.substr(0, 2) + w[3];
  } else {
    isri_suf1(w);
    if (w.size() == 5) isri_pre1(w);
    return;
  }
  w = r;
}

void isri_end_w5(std::u32string& w) {
  if (w.size() == 4) {
    isri_w4(w);
  } else if (w.size() == 5) {
    if (one_of(w[0], U"اتم")) {
      w = w.substr(1);
    } else if (w[4] == U'ة') {
      w = w.substr(0, 4);
    } else if (w[2] == U'ا') {
      w = w.substr(0, 2) + w.substr(3);
    }
  }
}

void isri_w6(std::u32string& w) {
  if (w.starts_with(U"است") || w.starts_with(U"مست")) {
    w = w.substr(3);
  } else if (w[0] == U'م' && w[3] == U'ا' && w[5] == U'ة') {
    w = w.substr(1, 2) + w[4];
  } else if (w[0] == U'ا' && w[2] == U'ت' && w[4] == U'ا') {
    w = std::u32string{w[1], w[3], w[5]};
  } else if (w[0] == U'ا' && w[3] == U'و' && w[2] == w[4]) {
    w = w.substr(1, 1) + w.substr(4);
  } else if (w[0] == U'ت' && w[2] == U'ا' && w[4] == U'ي') {
    w = std::u32string{w[1], w[3], w[5]};
  } else {
    isri_suf1(w);
    if (w.size() == 6) isri_pre1(w);
  }
}

void isri_end_w6(std::u32string& w) {
  if (w.size() == 5) {
    isri_w53(w);
    isri_end_w5(w);
  } else if (w.size() == 6) {
    if (w[0] == U'ا' && w[4] == U'ا') {
      w = w.substr(1, 3) + w[5];
    } else if (w.starts_with(U"مت")) {
      w = w.substr(2);
    }
  }
}

std::string isri_reference(std::string_view word) {
  static const std::u32string kStopWords[] = {
      U"يكون",    U"وليس",   U"وكان",   U"كذلك",   U"التي",  U"وبين",   U"عليها",
      U"مساء",    U"الذي",   U"وكانت",  U"ولكن",   U"والتي", U"تكون",   U"اليوم",
      U"اللذين",  U"عليه",   U"كانت",   U"لذلك",   U"أمام",  U"هناك",   U"منها",
      U"مازال",   U"لازال",  U"لايزال", U"مايزال", U"اصبح",  U"أصبح",   U"أمسى",
      U"امسى",    U"أضحى",   U"اضحى",   U"مابرح",  U"مافتئ", U"ماانفك", U"لاسيما",
      U"ولايزال", U"الحالي", U"اليها",  U"الذين",  U"فانه",  U"والذي",  U"وهذا",
      U"لهذا",    U"فكان",   U"ستكون",  U"اليه",   U"يمكن",  U"بهذا",   U"الذى",
  };
  std::u32string w;
  for (const char32_t c : decode(word))
    if (c < 0x064B || c > 0x0652) w += c;
  if (std::find(std::begin(kStopWords), std::end(kStopWords), w) != std::end(kStopWords))
    return encode(w);
  const auto strip_prefix = [&](std::initializer_list<std::u32string_view> list) {
    for (const std::u32string_view a : list)
      if (w.starts_with(a)) return w.erase(0, a.size()), true;
    return false;
  };
  const auto strip_suffix = [&](std::initializer_list<std::u32string_view> list) {
    for (const std::u32string_view a : list)
      if (w.ends_with(a)) return w.erase(w.size() - a.size()), true;
    return false;
  };
  if (!(w.size() >= 6 && strip_prefix({U"كال", U"بال", U"ولل", U"وال"})) && w.size() >= 5)
    strip_prefix({U"ال", U"لل"});
  if (!(w.size() >= 6 && strip_suffix({U"تمل", U"همل", U"تان", U"تين", U"كمل"})) && w.size() >= 5) {
    strip_suffix({U"ون", U"ات", U"ان", U"ين", U"تن", U"كم", U"هن", U"نا", U"يا", U"ها", U"تم",
                  U"كن", U"ني", U"وا", U"ما", U"هم"});
  }
  if (w.size() >= 4 && w.starts_with(U"وو")) w.erase(0, 1);
  if (!w.empty() && one_of(w[0], U"آأإ")) w[0] = U'ا';
  switch (w.size()) {
    case 4:
      isri_w4(w);
      break;
    case 5:
      isri_w53(w);
      isri_end_w5(w);
      break;
    case 6:
      isri_w6(w);
      isri_end_w6(w);
      break;
    case 7:
      isri_suf1(w);
      if (w.size() == 7) isri_pre1(w);
      if (w.size() == 6) {
        isri_w6(w);
        isri_end_w6(w);
      }
      break;
  }
  return encode(w);
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
    ASSERT_EQ(light10_reference(w), stem_exact(*stemmer, w)) << w;
}

TEST(Isri, EqualsReference) {
  const std::unique_ptr<Stemmer> stemmer = make_stemmer(StemAlgorithm::kIsri);
  for (const std::string& w : random_words(2, 100000))
    ASSERT_EQ(isri_reference(w), stem_exact(*stemmer, w)) << w;
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
      ASSERT_EQ(light10_reference(w), stem_exact(*light10, w)) << "U+" << std::hex << uint32_t(cp);
      ASSERT_EQ(isri_reference(w), stem_exact(*isri, w)) << "U+" << std::hex << uint32_t(cp);
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

}  // namespace
}  // namespace dhad
