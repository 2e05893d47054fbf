#include "dhad/tokenize.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>

#include "common/simd.h"
#include "dhad/utf8.h"
#include "tokenize/arabic_run.h"
#include "unicode/char_class.h"

namespace dhad {
namespace {

// "kind:text" for each token, joined by " | ".
std::string show(std::string_view text) {
  std::vector<Token> tokens;
  Tokenizer().tokenize(text, &tokens);
  std::string s;
  for (const Token& t : tokens) {
    if (!s.empty()) s += " | ";
    s += std::string(token_kind_name(t.kind)) + ":" +
         std::string(text.substr(t.begin, t.end - t.begin));
  }
  return s;
}

struct Case {
  const char* in;
  const char* want;
};

TEST(Tokenize, Table) {
  const Case cases[] = {
      {"", ""},
      {"   \n\t ", ""},
      {"نحو ٣٥٠الف نسمة", "arabic:نحو | number:٣٥٠ | arabic:الف | arabic:نسمة"},
      {"الف٢٧٠", "arabic:الف | number:٢٧٠"},
      {"مُحَمَّدٌ", "arabic:مُحَمَّدٌ"},
      {"كبـــير", "arabic:كبـــير"},
      {"مي\u200Cخواهم", "arabic:مي\u200Cخواهم"},
      {"الحرب ـ التي", "arabic:الحرب | punct:ـ | arabic:التي"},
      {"كلمة\u200C ", "arabic:كلمة | other:\u200C"},
      {"جميلـــ جدا", "arabic:جميلـــ | arabic:جدا"},
      {"ﻻ ﺑﺴﻢ", "arabic:ﻻ | arabic:ﺑﺴﻢ"},
      {"iPhoneالجديد", "latin:iPhone | arabic:الجديد"},
      {"don't stop", "latin:don't | latin:stop"},
      {"COVID-19 mp3", "latin:COVID | punct:- | number:19 | latin:mp3"},
      {"café", "latin:café"},
      {"3.5 1,000,000 ٣٫٥ ١٬٠٠٠", "number:3.5 | number:1,000,000 | number:٣٫٥ | number:١٬٠٠٠"},
      {"50% ٥٠٪ 6:30 3:2", "number:50% | number:٥٠٪ | number:6:30 | number:3 | punct:: | number:2"},
      {"عام 2015.", "arabic:عام | number:2015 | punct:."},
      {"1.", "number:1 | punct:."},
      {"قال: \"نعم\"...", "arabic:قال | punct:: | punct:\" | arabic:نعم | punct:\" | punct:..."},
      {"ماذا؟؟ لا!!", "arabic:ماذا | punct:؟؟ | arabic:لا | punct:!!"},
      {"«مرحبا»", "punct:« | arabic:مرحبا | punct:»"},
      {"زوروا https://example.com/a_(b)?x=1، الآن",
       "arabic:زوروا | url:https://example.com/a_(b)?x=1 | punct:، | arabic:الآن"},
      {"(www.spa.gov.sa).", "punct:( | url:www.spa.gov.sa | punct:) | punct:."},
      {"راسلنا info@spa.gov.sa.", "arabic:راسلنا | email:info@spa.gov.sa | punct:."},
      {"a@b", "latin:a | mention:@b"},
      {"#السعودية_2030 @user_1", "hashtag:#السعودية_2030 | mention:@user_1"},
      {"# وحده", "punct:# | arabic:وحده"},
      {"😀😀", "emoji:😀 | emoji:😀"},
      {"👍🏽 👨‍👩‍👧 🇸🇦 1️⃣ ❤️",
       "emoji:👍🏽 | emoji:👨‍👩‍👧 | emoji:🇸🇦 | emoji:1️⃣ | emoji:❤️"},
      {"$5 ﷼", "symbol:$ | number:5 | symbol:﷼"},
      {"Привет 中文", "other:Привет | other:中文"},
      {"ا\xFFب", "arabic:ا | other:\xFF | arabic:ب"},
      {"\u200Fنص", "other:\u200F | arabic:نص"},
      {"\x01\x02", "other:\x01\x02"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(c.want, show(c.in)) << c.in;
  }
}

TEST(Tokenize, BaseOffsetIsAdded) {
  std::vector<Token> tokens;
  Tokenizer().tokenize("ab cd", &tokens, 100);
  ASSERT_EQ(2u, tokens.size());
  EXPECT_EQ((Token{100, 102, TokenKind::kLatin}), tokens[0]);
  EXPECT_EQ((Token{103, 105, TokenKind::kLatin}), tokens[1]);
}

// Lossless: tokens are in order, do not overlap, and every byte between them
// is White_Space; so tokens plus gaps rebuild the input byte for byte.
void expect_lossless(std::string_view text) {
  std::vector<Token> tokens;
  Tokenizer().tokenize(text, &tokens);
  std::string rebuilt;
  uint64_t cursor = 0;
  for (const Token& t : tokens) {
    ASSERT_LE(cursor, t.begin);
    ASSERT_LT(t.begin, t.end);
    ASSERT_LE(t.end, text.size());
    const std::string_view gap = text.substr(cursor, t.begin - cursor);
    for (size_t i = 0; i < gap.size();) {
      const Utf8Char c = decode_utf8(gap, i);
      ASSERT_TRUE(c.valid && char_class(c.code_point) == CharClass::kSpace)
          << "non-space byte in a gap at " << cursor + i;
      i += c.length;
    }
    rebuilt += gap;
    rebuilt += text.substr(t.begin, t.end - t.begin);
    cursor = t.end;
  }
  const std::string_view tail = text.substr(cursor);
  for (size_t i = 0; i < tail.size();) {
    const Utf8Char c = decode_utf8(tail, i);
    ASSERT_TRUE(c.valid && char_class(c.code_point) == CharClass::kSpace);
    i += c.length;
  }
  rebuilt += tail;
  ASSERT_EQ(text, rebuilt);
}

TEST(Tokenize, LosslessOnRandomPieces) {
  std::mt19937 rng(99);
  const char* pieces[] = {
      "ا",      "ب",    "ـ",          "َ",       "\u200C", "\u200D", "\u200F",  " ",    "\n",
      "\u00A0", "٢",    "7",          ".",      ",",      "٫",      ":",       "%",    "٪",
      "a",      "Z",    "'",          "@",      "#",      "_",      "http://", "www.", "x.com",
      "/",      "😀",    "\U0001F3FB", "\uFE0F", "\u20E3", "🇸",      "$",       "(",    ")",
      "\xFF",   "\xD8", "\xF0\x9F",   "\x01",   "Я",      "ﻻ",      "-"};
  for (int round = 0; round < 20000; ++round) {
    std::string in;
    const int len = int(rng() % 24);
    for (int k = 0; k < len; ++k) in += pieces[rng() % std::size(pieces)];
    SCOPED_TRACE(in);
    expect_lossless(in);
  }
}

TEST(Tokenize, LosslessOnRandomBytes) {
  std::mt19937 rng(5);
  for (int round = 0; round < 20000; ++round) {
    std::string in(rng() % 32, '\0');
    for (char& c : in) c = char(rng());
    expect_lossless(in);
  }
}

// Real text: the noisy sample that ships in samples/ (and, when present, the
// shared corpus's first 2 MB; required with DHAD_REQUIRE_SHARED=1, as in CI)
// tokenizes losslessly.
TEST(Tokenize, LosslessOnRealText) {
  const char* require = std::getenv("DHAD_REQUIRE_SHARED");
  const bool shared_required = require != nullptr && std::string_view(require) == "1";
  const std::string sample = DHAD_SOURCE_DIR "/samples/news-noisy.txt";
  for (const std::string& path :
       {sample, std::string(DHAD_SOURCE_DIR "/../shared/corpus/saudinewsnet.txt")}) {
    std::ifstream f(path, std::ios::binary);
    if (!f) {
      if (path == sample || shared_required) ADD_FAILURE() << path << " not found";
      continue;
    }
    std::string text(2 << 20, '\0');
    f.read(text.data(), std::streamsize(text.size()));
    text.resize(size_t(f.gcount()));
    SCOPED_TRACE(path);
    ASSERT_FALSE(text.empty());
    expect_lossless(text);
  }
}

// The fastest of five tokenize() runs on `text`, in seconds.
double fastest_of_five(std::string_view text, std::vector<Token>* tokens) {
  double best = 1e9;
  for (int run = 0; run < 5; ++run) {
    tokens->clear();
    const auto start = std::chrono::steady_clock::now();
    Tokenizer().tokenize(text, tokens);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    best = std::min(best, took.count());
  }
  return best;
}

std::string repeated(std::string_view prefix, std::string_view unit, size_t n) {
  std::string s(prefix);
  s.reserve(prefix.size() + unit.size() * n);
  for (size_t i = 0; i < n; ++i) s += unit;
  return s;
}

// Runs that make a scanner look ahead and give up, or look back, over and
// over. Each must take time linear in its length: from n units to 16n, linear
// time grows about 16 times and quadratic about 256; more than 100 fails. The
// margin is for a shared machine: a text that no longer fits in the cache, or
// a busy neighbour, made a linear 8x step take 37x once.
TEST(Tokenize, LongRunsStayLinear) {
  std::vector<Token> tokens;
  Tokenizer().tokenize(repeated("", "a.", 200000), &tokens);
  EXPECT_EQ(400000u, tokens.size());
  tokens.clear();
  Tokenizer().tokenize(std::string(1 << 20, 'a'), &tokens);
  EXPECT_EQ(1u, tokens.size());

  struct Shape {
    const char* what;
    const char* prefix;
    const char* unit;
  };
  const Shape shapes[] = {
      {"letters and dots: email or URL starts", "", "a."},
      {"one long Latin word", "", "a"},
      {"an @ after each letter, no domain", "", "a@"},
      {"an email domain with no TLD", "x@", "a."},
      {"URL scheme starts", "", "http:/"},
      {"a URL, then closing brackets with no opener", "http://a", ")"},
      {"a URL, then punctuation and closing brackets", "http://a", ".)"},
      {"hashtag starts", "", "#\u0640"},
      {"time starts", "", "1:"},
      {"number separators with no digit after", "", "1,,"},
      {"marks with no base", "", "\u064E"},
      {"tatweel", "", "\u0640"},
      {"a letter, then tatweel and ZWJ with no letter after", "\u0628", "\u0640\u200D"},
      {"keycap starts", "", "1\uFE0F"},
      {"emoji, then ZWJ with no emoji after", "", "\U0001F600\u200D"},
  };
  for (const Shape& shape : shapes) {
    SCOPED_TRACE(shape.what);
    // Grow n until a run takes half a millisecond, well above the timer's noise.
    size_t n = 1024;
    std::string text = repeated(shape.prefix, shape.unit, n);
    double t1 = fastest_of_five(text, &tokens);
    while (t1 < 5e-4 && text.size() < (size_t{1} << 18)) {
      n *= 2;
      text = repeated(shape.prefix, shape.unit, n);
      t1 = fastest_of_five(text, &tokens);
    }
    const double t16 = fastest_of_five(repeated(shape.prefix, shape.unit, 16 * n), &tokens);
    EXPECT_LT(t16 / t1, 100.0) << n << " units: " << t1 * 1e3 << " ms; " << 16 * n
                               << " units: " << t16 * 1e3 << " ms";
  }
}

}  // namespace
}  // namespace dhad

namespace dhad::tokenize_internal {
namespace {

// The fast loop may only take characters the exact loop would take too.
TEST(ArabicRun, CommonPairsAreArabicLettersOrMarks) {
  int taken = 0;
  for (unsigned lead = 0; lead < 256; ++lead) {
    for (unsigned second = 0; second < 256; ++second) {
      if (!is_common_arabic_pair(uint8_t(lead), uint8_t(second))) continue;
      ++taken;
      const char bytes[] = {char(lead), char(second)};
      const Utf8Char c = decode_utf8(std::string_view(bytes, 2), 0);
      ASSERT_TRUE(c.valid && c.length == 2) << lead << " " << second;
      const CharClass k = char_class(c.code_point);
      EXPECT_TRUE(k == CharClass::kArabicLetter || k == CharClass::kMark) << unsigned(c.code_point);
    }
  }
  // U+0620–063F, U+0641–065F, U+066E–06BF.
  EXPECT_EQ(taken, 32 + 31 + 82);
}

// Eight at a time = one at a time, from every start, on strings mixing common
// letters with the characters that end a run (digits, tatweel, punctuation,
// torn pairs) and with runs longer than one vector.
TEST(ArabicRun, VectorLoopEqualsReference) {
  // Two common letters, then the characters at either edge of each range.
  std::vector<std::string> pieces = {"ب", "ي", " ", "a", "\xD8", "\xD9", "\xDA", "\xBF"};
  for (char32_t cp :
       {0x61F, 0x620, 0x63F, 0x640, 0x641, 0x65F, 0x660, 0x669, 0x66D, 0x66E, 0x6BF, 0x6C0}) {
    pieces.emplace_back();
    append_utf8(cp, &pieces.back());
  }
  std::mt19937 rng(11);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int size = 1 + int(rng() % 40);
    for (int k = 0; k < size; ++k) {
      // Mostly common letters, so that runs reach past 16 bytes.
      text += rng() % 4 != 0 ? pieces[rng() % 2] : pieces[rng() % pieces.size()];
    }
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    for (size_t pos = 0; pos <= text.size(); ++pos) {
      ASSERT_EQ(skip_common_arabic(s, pos, text.size()),
                skip_common_arabic_reference(s, pos, text.size()))
          << text << " from " << pos;
    }
  }
}

// The bulk path's byte classes mean what the token-by-token loop does with them.
TEST(BulkTokenize, ClassesAgreeWithCharClass) {
  for (unsigned b = 0; b < 0x80; ++b) {
    if (is_ascii_separator(uint8_t(b))) {
      EXPECT_EQ(char_class(b), CharClass::kSpace) << b;
    }
    if (is_plain_ascii_punct(uint8_t(b))) {
      EXPECT_EQ(char_class(b), CharClass::kPunct) << b;
    }
  }
  for (unsigned lead = 0xC2; lead < 0xE0; ++lead) {
    for (unsigned second = 0x80; second < 0xC0; ++second) {
      const char32_t cp = char32_t((lead & 0x1F) << 6 | (second & 0x3F));
      if (is_plain_pair_punct(uint8_t(lead), uint8_t(second))) {
        EXPECT_EQ(char_class(cp), CharClass::kPunct) << unsigned(cp);
      }
      if (is_common_arabic_pair(uint8_t(lead), uint8_t(second))) {
        EXPECT_EQ(is_common_arabic_mark(uint8_t(lead), uint8_t(second)),
                  char_class(cp) == CharClass::kMark)
            << unsigned(cp);
      }
    }
  }
}

// Pieces that exercise every class of the bulk path and the bytes around them.
std::vector<std::string> bulk_pieces() {
  std::vector<std::string> pieces = {" ", " ", "\n", "\t", "\r\n", ".",    "..",   ",",    ":",
                                     "(", ")", "\"", "-",  "!",    "?",    ";",    "a",    "1",
                                     "#", "@", "*",  "'",  "/",    "\xD8", "\xD9", "\xBF", "\x80"};
  for (char32_t cp : {0x627, 0x644, 0x628, 0x629, 0x64A, 0x6A9, 0x67E, 0x64E,  0x651, 0x670,
                      0x640, 0x660, 0x66A, 0x60C, 0x61B, 0x61F, 0xAB,  0xBB,   0x6C1, 0x200C,
                      0x620, 0x63F, 0x641, 0x65F, 0x66E, 0x6BF, 0x6C0, 0x1F600}) {
    pieces.emplace_back();
    append_utf8(cp, &pieces.back());
  }
  return pieces;
}

TEST(BulkTokenize, WindowClassesEqualReference) {
#if defined(__x86_64__)
  if (!simd::has_avx2()) GTEST_SKIP() << "no AVX2 on this CPU";
  const std::vector<std::string> pieces = bulk_pieces();
  std::mt19937 rng(17);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    while (text.size() < 65) text += pieces[rng() % pieces.size()];
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    ASSERT_EQ(classify_window_avx2(s), classify_window_reference(s)) << text;
  }
  std::string all(65, '\0');  // every byte value at every place
  for (int v = 0; v < 256; ++v) {
    for (size_t i = 0; i < all.size(); ++i) all[i] = char((v + 37 * int(i)) & 0xFF);
    const auto* s = reinterpret_cast<const uint8_t*>(all.data());
    ASSERT_EQ(classify_window_avx2(s), classify_window_reference(s)) << v;
  }
#else
  GTEST_SKIP() << "the AVX2 kernel is x86-64 only";
#endif
}

// The bulk path gives exactly the tokens of the token-by-token loop.
TEST(BulkTokenize, EqualsTokenByToken) {
  const std::vector<std::string> pieces = bulk_pieces();
  std::mt19937 rng(23);
  std::vector<Token> bulk, reference;
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const size_t size = rng() % 400;
    const bool plain = rng() % 2 == 0;  // mostly letters and spaces: long bulk runs
    while (text.size() < size) {
      const unsigned r = rng() % 10;
      if (r == 9 && rng() % 4 == 0) {
        text += char(rng() % 256);  // any byte at all, now and then
        continue;
      }
      text += plain && r < 8 ? (r < 6 ? "ب" : " ") : pieces[rng() % pieces.size()];
    }
    bulk.clear();
    reference.clear();
    Tokenizer().tokenize(text, &bulk, 7);
    tokenize_reference(text, &reference, 7);
    ASSERT_EQ(bulk, reference) << text;
    bulk.clear();  // the same logic with the scalar byte classes, on any CPU
    tokenize_bulk_portable(text, &bulk, 7);
    ASSERT_EQ(bulk, reference) << text;
  }
}

}  // namespace
}  // namespace dhad::tokenize_internal
