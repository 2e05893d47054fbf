#include "dhad/normalize.h"

#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <string>

#include "dhad/utf8.h"
#include "normalize/normalize_internal.h"

namespace dhad {
namespace {

std::string run(const NormalizeOptions& o, std::string_view in) {
  std::string out;
  Normalizer(o).normalize(in, &out);
  return out;
}

NormalizeOptions only(Rule r) { return NormalizeOptions().set(r); }

struct Case {
  Rule rule;
  const char* in;
  const char* want;
};

// Each rule on its own: what it changes and what it leaves alone.
TEST(Normalize, EachRuleAlone) {
  const Case cases[] = {
      {Rule::kTatweel, "كبـــير", "كبير"},
      {Rule::kTatweel, "أَحْمَد", "أَحْمَد"},
      {Rule::kHarakat, "مُحَمَّدٌ", "محمد"},
      {Rule::kHarakat, "هٰذا", "هٰذا"},  // U+0670 is dagger_alef's
      {Rule::kDaggerAlef, "هٰذا", "هذا"},
      {Rule::kQuranicMarks, "ٱلرَّحِيمِ ۝", "ٱلرَّحِيمِ ۝"},
      {Rule::kQuranicMarks, "صلى ﷺ اللهؐ", "صلى ﷺ الله"},
      {Rule::kQuranicMarks, "قلۖ", "قل"},
      {Rule::kPresentationForms, "ﻻ ﻷ ﻹ ﻵ", "لا لأ لإ لآ"},
      {Rule::kPresentationForms, "ﺑﺴﻢ", "بسم"},
      {Rule::kPresentationForms, "ﷲ", "الله"},
      {Rule::kInvisibles, "ك\u200Cتاب\u200F", "كتاب"},
      {Rule::kInvisibles, "\uFEFFنص\u061C\u202B", "نص"},
      {Rule::kSpaces, "ا\u00A0ب\u2009ج\u202Fد", "ا ب ج د"},
      {Rule::kSpaces, "ا\tب", "ا\tب"},
      {Rule::kCollapseWhitespace, "ا  \t ب\n\nج", "ا ب\n\nج"},
      {Rule::kCollapseWhitespace, "ا\tب", "ا\tب"},
      {Rule::kPersian, "کتاب فارسی ھذه", "كتاب فارسي هذه"},
      {Rule::kDigits, "٢٧٠ ۱۲۳", "270 123"},
      {Rule::kPunctuation, "نعم، لا؛ ماذا؟ ٥٪", "نعم, لا; ماذا? ٥%"},
      {Rule::kAlef, "أإآٱ", "اااٱ"},
      {Rule::kAlefWasla, "ٱلله أ", "الله أ"},
      {Rule::kAlefMaksura, "على ي", "علي ي"},
      {Rule::kTehMarbuta, "مدرسة", "مدرسه"},
      {Rule::kHamzaSeats, "مؤتمر رئيس", "موتمر رييس"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(rule_name(c.rule)) + ": " + c.in);
    EXPECT_EQ(c.want, run(only(c.rule), c.in));
  }
}

TEST(Normalize, PresentationFormsThenLetterFolds) {
  // ﻷ is lam + alef-with-hamza: unfolded, then alef-folded.
  NormalizeOptions o = only(Rule::kPresentationForms);
  o.set(Rule::kAlef);
  EXPECT_EQ("لا", run(o, "ﻷ"));
  // ۃ (teh marbuta goal) → ة → ه needs two rules in a row.
  NormalizeOptions p = only(Rule::kPersian);
  p.set(Rule::kTehMarbuta);
  EXPECT_EQ("ه", run(p, "ۃ"));
}

TEST(Normalize, Profiles) {
  const std::string noisy = "قال  الرئيسُ\u00A0إنّ ﻻ مدرســة على\u200F الطريق.";
  EXPECT_EQ("قال الرئيسُ إنّ لا مدرسة على الطريق.", run(NormalizeOptions::light(), noisy));
  EXPECT_EQ("قال  الرئيس\u00A0ان ﻻ مدرسه علي\u200F الطريق.",
            run(NormalizeOptions::lucene(), noisy));
  EXPECT_EQ("قال  الرئيس\u00A0ان ﻻ مدرســه علي\u200F الطريق.",
            run(NormalizeOptions::camel(), noisy));
  EXPECT_EQ("قال الرييس ان لا مدرسه علي الطريق.", run(NormalizeOptions::search(), noisy));
}

// Lucene's ArabicNormalizer touches exactly 14 code points; camel exactly 15.
TEST(Normalize, LuceneAndCamelTouchExactlyTheirCodePoints) {
  auto changed = [](const NormalizeOptions& o) {
    Normalizer n(o);
    std::vector<char32_t> cps;
    for (char32_t cp = 0x80; cp < 0x10000; ++cp) {
      if (cp >= 0xD800 && cp <= 0xDFFF) continue;
      std::string s;
      append_utf8(cp, &s);
      if (!n.is_normalized(s)) cps.push_back(cp);
    }
    return cps;
  };
  const std::vector<char32_t> lucene = {0x622, 0x623, 0x625, 0x629, 0x640, 0x649, 0x64B,
                                        0x64C, 0x64D, 0x64E, 0x64F, 0x650, 0x651, 0x652};
  EXPECT_EQ(lucene, changed(NormalizeOptions::lucene()));
  const std::vector<char32_t> camel = {0x622, 0x623, 0x625, 0x629, 0x649, 0x64B, 0x64C, 0x64D,
                                       0x64E, 0x64F, 0x650, 0x651, 0x652, 0x670, 0x671};
  EXPECT_EQ(camel, changed(NormalizeOptions::camel()));
}

TEST(Normalize, ZwjInsideEmojiSequenceIsKept) {
  const std::string family = "\U0001F468\u200D\U0001F469\u200D\U0001F467";
  EXPECT_EQ(family, run(NormalizeOptions::light(), family));
  EXPECT_EQ("كتاب", run(NormalizeOptions::light(), "كت\u200Dاب"));
}

TEST(Normalize, InvalidBytesPassThrough) {
  EXPECT_EQ(
      "ا\xFF"
      "ا\xD8",
      run(NormalizeOptions::search(),
          "أ\xFF"
          "إ\xD8"));
}

TEST(Normalize, LineBreaksNeverChange) {
  const std::string in = "أ  \r\n\n \u00A0\nب";
  const std::string out = run(NormalizeOptions::search(), in);
  EXPECT_EQ("ا \r\n\n \nب", out);
}

TEST(Normalize, OffsetsPointToSourceCharacters) {
  Normalizer n(NormalizeOptions::search());
  const std::string in = "ﻷب  ـج";  // ﻷ(3 bytes) ب(2) sp sp ـ(2) ج(2)
  std::string out;
  std::vector<Offset> offsets;
  n.normalize(in, &out, &offsets);
  EXPECT_EQ("لاب ج", out);
  const std::vector<Offset> want = {0, 0, 0, 0, 3, 3, 5, 9, 9};
  EXPECT_EQ(want, offsets);
}

TEST(Normalize, RuleNamesRoundTrip) {
  for (int i = 0; i < kRuleCount; ++i) {
    EXPECT_EQ(Rule(i), *parse_rule(rule_name(Rule(i))));
  }
  EXPECT_FALSE(parse_rule("nope").ok());
  EXPECT_FALSE(NormalizeOptions::profile("nope").ok());
}

// The compiled tables against the rule-list reference, on random text drawn
// from the characters the rules touch, for every profile and random rule sets.
TEST(Normalize, FastPathAgreesWithReference) {
  std::mt19937 rng(7);
  const char* pieces[] = {
      "ا",  "أ",      "إ",      "آ",      "ٱ",      "ى",        "ي",      "ة",          "ؤ",
      "ئ",  "ـ",      "َ",       "ً",       "ّ",       "ٰ",         "ۖ",       "ﻻ",          "ﷺ",
      "ﺑ",  "\u200C", "\u200D", "\u200F", "\uFEFF", "\u00A0",   "\u3000", " ",          "  ",
      "\t", "\n",     "\r\n",   "٣",      "۴",      "،",        "؟",      "ک",          "ی",
      "a",  "1",      ".",      "\xFF",   "\xD8",   "\xE2\x80", "😀",      "\U0001F3FB", "\uFE0F"};
  std::vector<NormalizeOptions> options = {NormalizeOptions::light(), NormalizeOptions::lucene(),
                                           NormalizeOptions::camel(), NormalizeOptions::search()};
  for (int i = 0; i < 20; ++i) options.push_back(NormalizeOptions{uint32_t(rng()) & 0xFFFF});
  for (const NormalizeOptions& o : options) {
    Normalizer n(o);
    for (int round = 0; round < 300; ++round) {
      std::string in;
      const int len = int(rng() % 30);
      for (int k = 0; k < len; ++k) in += pieces[rng() % std::size(pieces)];
      std::string fast, slow;
      std::vector<Offset> offsets;
      n.normalize(in, &fast, &offsets);
      normalize_internal::normalize_reference(n, in, &slow);
      ASSERT_EQ(slow, fast) << "rules " << o.rules << " input " << in;
      ASSERT_EQ(fast.size(), offsets.size());
      for (uint32_t off : offsets) ASSERT_LT(off, in.size());
    }
  }
}

// Long inputs reach the in-register kernel (64+ bytes); compare it with the
// reference on Arabic-heavy random text, chunk edges and invalid bytes included.
TEST(Normalize, VectorKernelAgreesWithReference) {
  std::mt19937 rng(11);
  const char* pieces[] = {"ا", "أ",    "إ",    "آ",    "ٱ",    "ى", "ي", "ة", "ه",
                          "ـ", "َ",     "ً",     "ْ",     "ٰ",     "ب", "ت", " ", "\n",
                          "a", "\xD8", "\xD9", "\xA3", "\xA9", "…", "ﻻ", "😀"};
  const NormalizeOptions profiles[] = {NormalizeOptions::lucene(), NormalizeOptions::camel(),
                                       NormalizeOptions().set(Rule::kAlef)};
  for (const NormalizeOptions& o : profiles) {
    Normalizer n(o);
    EXPECT_EQ(normalize_internal::uses_vector_path(n), __builtin_cpu_supports("avx2") != 0);
    for (int round = 0; round < 2000; ++round) {
      std::string in;
      const int len = 20 + int(rng() % 400);
      // Some rounds are pure letters (no deletions), so whole chunks fold in-register.
      const size_t choices = round % 2 ? std::size(pieces) : 9;
      for (int k = 0; k < len; ++k) in += pieces[rng() % choices];
      std::string fast, slow;
      n.normalize(in, &fast);
      normalize_internal::normalize_reference(n, in, &slow);
      ASSERT_EQ(slow, fast) << "rules " << o.rules << " input " << in;
    }
  }
  EXPECT_FALSE(normalize_internal::uses_vector_path(Normalizer(NormalizeOptions::light())));
}

// The chunk prefilter of the other rule sets (light above all) copies clean
// 32-byte chunks: compare with the reference on long, mostly clean text whose
// rare special characters (spaces, tabs, NBSP, tatweel, ZWJ in and out of
// emoji, presentation forms, invalid bytes) fall at every chunk offset.
TEST(Normalize, PrefilterAgreesWithReference) {
  std::mt19937 rng(23);
  const char* plain[] = {"ا", "ب", "ة", "ي", "ى", "أ", "a", " ", "\n", "1", "."};
  const char* special[] = {"  ",       " ", "\t",     "\u00A0",  "ـ",    "\u200D",
                           "😀\u200D😀", "ﻻ", "\u200F", "\xD9",    "\xFF", "\u00AD",
                           "\u061C",   "…", "\r\n",   " \u200F "};
  std::vector<NormalizeOptions> options = {NormalizeOptions::light(), NormalizeOptions::search()};
  for (int i = 0; i < 10; ++i) options.push_back(NormalizeOptions{uint32_t(rng()) & 0xFFFF});
  for (const NormalizeOptions& o : options) {
    Normalizer n(o);
    for (int round = 0; round < 1500; ++round) {
      std::string in;
      const int len = 40 + int(rng() % 300);
      for (int k = 0; k < len; ++k) {
        in += rng() % 40 ? plain[rng() % std::size(plain)] : special[rng() % std::size(special)];
      }
      std::string fast, slow;
      n.normalize(in, &fast);
      normalize_internal::normalize_reference(n, in, &slow);
      ASSERT_EQ(slow, fast) << "rules " << o.rules << " input " << in;
    }
  }
}

std::string utf8_of(std::u16string_view s) {
  std::string out;
  for (char16_t u : s) append_utf8(u, &out);
  return out;
}

std::u16string ucs2_of(std::string_view s) {
  std::u16string out;
  for (size_t pos = 0; pos < s.size();) {
    const Utf8Char c = decode_utf8(s, pos);
    EXPECT_TRUE(c.valid && c.code_point < 0x10000) << "not UCS-2: " << s;
    out += char16_t(c.code_point);
    pos += c.length;
  }
  return out;
}

// normalize_ucs2 against normalize() on the UTF-8 form (whose own fast paths
// are checked against the reference above): random text of the code points
// rules touch and their neighbours, across the kernel's 16-code-point steps,
// under the profiles and random rule sets, eligible or not.
TEST(Normalize, Ucs2AgreesWithUtf8) {
  std::mt19937 rng(31);
  const std::u16string common = u"اأإآٱىيةهؤئبتـَُِّْٰۖ ًٌٍ \n.a1٣،ک";
  const std::pair<char16_t, char16_t> ranges[] = {
      {0x20, 0x7E},     {0x80, 0xFF},     {0x600, 0x6FF},   {0x750, 0x77F},  {0x8A0, 0x8FF},
      {0x2000, 0x206F}, {0x3000, 0x3000}, {0xFB50, 0xFDFF}, {0xFE70, 0xFEFF}};
  // Context-free rules only, so that many random sets qualify.
  const uint32_t context_free =
      NormalizeOptions::search().rules &
      ~((1u << int(Rule::kCollapseWhitespace)) | (1u << int(Rule::kInvisibles)) |
        (1u << int(Rule::kPresentationForms)));
  std::vector<NormalizeOptions> options = {NormalizeOptions::light(), NormalizeOptions::lucene(),
                                           NormalizeOptions::camel(), NormalizeOptions::search()};
  for (int i = 0; i < 30; ++i) options.push_back(NormalizeOptions{uint32_t(rng()) & 0xFFFF});
  for (int i = 0; i < 30; ++i) options.push_back(NormalizeOptions{uint32_t(rng()) & context_free});
  int eligible = 0;
  for (const NormalizeOptions& o : options) {
    Normalizer n(o);
    eligible += n.normalizes_ucs2();
    for (int round = 0; round < 300; ++round) {
      std::u16string in;
      const int len = int(rng() % 200);
      for (int k = 0; k < len; ++k) {
        if (rng() % 2) {
          in += common[rng() % common.size()];
        } else {
          const auto& [lo, hi] = ranges[rng() % std::size(ranges)];
          in += char16_t(lo + rng() % (hi - lo + 1));
        }
      }
      std::u16string out(in.size(), u'\0');
      const std::optional<size_t> written = n.normalize_ucs2(in, out.data());
      ASSERT_EQ(written.has_value(), n.normalizes_ucs2()) << "rules " << o.rules;
      if (!written) continue;
      std::string want;
      n.normalize(utf8_of(in), &want);
      ASSERT_EQ(ucs2_of(want), out.substr(0, *written))
          << "rules " << o.rules << " input " << utf8_of(in);
      // A surrogate anywhere: no UTF-8 holds one, so no result either.
      in.insert(in.begin() + ptrdiff_t(rng() % (in.size() + 1)), char16_t(0xD800 + rng() % 0x800));
      out.assign(in.size(), u'\0');
      ASSERT_FALSE(n.normalize_ucs2(in, out.data()).has_value()) << "rules " << o.rules;
    }
  }
  EXPECT_TRUE(Normalizer(NormalizeOptions::lucene()).normalizes_ucs2());
  EXPECT_TRUE(Normalizer(NormalizeOptions::camel()).normalizes_ucs2());
  EXPECT_FALSE(Normalizer(NormalizeOptions::light()).normalizes_ucs2());  // collapses spaces
  EXPECT_FALSE(Normalizer(NormalizeOptions::search()).normalizes_ucs2());
  EXPECT_GE(eligible, 20);  // the check above ran on many rule sets
}

// normalize_ucs4 the same way, with characters past the BMP (emoji, CJK
// extensions, private use) mixed in: those no rule changes; a surrogate or a
// value past U+10FFFF gives no result.
TEST(Normalize, Ucs4AgreesWithUtf8) {
  std::mt19937 rng(37);
  const std::u32string common =
      U"اأإآٱىيةهؤئبتـَُِّْٰۖ ًٌٍ \n.a1٣،ک😀👍🏽\U00020000";
  const std::pair<char32_t, char32_t> ranges[] = {
      {0x20, 0x7E},       {0x80, 0xFF},       {0x600, 0x6FF},
      {0x8A0, 0x8FF},     {0xFB50, 0xFDFF},   {0xFE70, 0xFFFF},
      {0x10000, 0x1FFFF}, {0x1F300, 0x1FAFF}, {0x100000, 0x10FFFF}};
  std::vector<NormalizeOptions> options = {NormalizeOptions::light(), NormalizeOptions::lucene(),
                                           NormalizeOptions::camel(), NormalizeOptions::search()};
  for (int i = 0; i < 30; ++i) options.push_back(NormalizeOptions{uint32_t(rng()) & 0xFFFF});
  int eligible = 0;
  for (const NormalizeOptions& o : options) {
    Normalizer n(o);
    eligible += n.normalizes_ucs2();
    for (int round = 0; round < 300; ++round) {
      std::u32string in;
      const int len = int(rng() % 120);
      for (int k = 0; k < len; ++k) {
        if (rng() % 2) {
          in += common[rng() % common.size()];
        } else {
          const auto& [lo, hi] = ranges[rng() % std::size(ranges)];
          in += char32_t(lo + rng() % (hi - lo + 1));
        }
      }
      std::u32string out(in.size(), U'\0');
      const std::optional<size_t> written = n.normalize_ucs4(in, out.data());
      ASSERT_EQ(written.has_value(), n.normalizes_ucs2()) << "rules " << o.rules;
      if (!written) continue;
      std::string in_utf8, got;
      for (char32_t c : in) append_utf8(c, &in_utf8);
      for (char32_t c : out.substr(0, *written)) append_utf8(c, &got);
      std::string want;
      n.normalize(in_utf8, &want);
      ASSERT_EQ(want, got) << "rules " << o.rules << " input " << in_utf8;
      const char32_t not_characters[] = {char32_t(0xD800 + rng() % 0x800), 0x110000, 0xFFFFFFFF};
      in.insert(in.begin() + ptrdiff_t(rng() % (in.size() + 1)), not_characters[rng() % 3]);
      out.assign(in.size(), U'\0');
      ASSERT_FALSE(n.normalize_ucs4(in, out.data()).has_value()) << "rules " << o.rules;
    }
  }
  EXPECT_GE(eligible, 2);
}

// What unchanged_prefix() promises: normalize() copies that prefix as it is,
// on random text of the characters that matter, under every profile and
// random rule sets; and it covers plain words whole.
TEST(Normalize, UnchangedPrefixIsCopiedAsItIs) {
  std::mt19937 rng(41);
  const char* parts[] = {"ا",      "ب",      "a", " ", "\t",     "\u00A0", "ـ",
                         "\u064E", "\u200D", "😀", "ﻻ", "\u200F", "\n",     "\xFF",
                         "\u00AD", "ة",      "ى", "أ", "٣",      "،"};
  std::vector<NormalizeOptions> options = {NormalizeOptions::light(), NormalizeOptions::lucene(),
                                           NormalizeOptions::camel(), NormalizeOptions::search()};
  for (int i = 0; i < 6; ++i) options.push_back(NormalizeOptions{uint32_t(rng()) & 0xFFFF});
  for (const NormalizeOptions& o : options) {
    Normalizer n(o);
    for (int round = 0; round < 1000; ++round) {
      std::string in;
      for (int k = 1 + int(rng() % 12); k > 0; --k) in += parts[rng() % std::size(parts)];
      const size_t keep = n.unchanged_prefix(in);
      ASSERT_LE(keep, in.size());
      std::string out;
      n.normalize(in, &out);
      ASSERT_EQ(in.substr(0, keep), out.substr(0, keep)) << "rules " << o.rules << " " << in;
      std::string prefix_out;
      n.normalize(std::string_view(in).substr(0, keep), &prefix_out);
      ASSERT_EQ(in.substr(0, keep), prefix_out) << "rules " << o.rules << " " << in;
    }
  }
  EXPECT_EQ(14u, Normalizer(NormalizeOptions::light()).unchanged_prefix("المدرسة"));
  EXPECT_EQ(12u, Normalizer(NormalizeOptions::lucene()).unchanged_prefix("المدرسة"));  // ة folds
}

// A text fed to NormalizeStream in pieces cut anywhere (between bytes, so also
// inside characters and invalid sequences) gives normalize()'s bytes for the
// whole: the rules that look at neighbours (whitespace runs, ZWJ between
// emoji) must see across the cuts.
TEST(NormalizeStream, AnyCutsGiveTheWholeTextsBytes) {
  std::mt19937 rng(31);
  const char* parts[] = {"ا",    "ب",      "a",      " ", "  ", "\t",     "\u00A0",
                         "ـ",    "\u064E", "\u200D", "😀", "ﻻ",  "\u200F", "\n",
                         "\xFF", "\u00AD", "\u2003", "ﷺ", "1"};
  std::vector<NormalizeOptions> options = {NormalizeOptions::light(), NormalizeOptions::lucene(),
                                           NormalizeOptions::camel(), NormalizeOptions::search()};
  for (int i = 0; i < 6; ++i) options.push_back(NormalizeOptions{uint32_t(rng()) & 0xFFFF});
  for (const NormalizeOptions& o : options) {
    Normalizer n(o);
    NormalizeStream stream(n);
    for (int round = 0; round < 800; ++round) {
      std::string in;
      const int len = 1 + int(rng() % 60);
      for (int k = 0; k < len; ++k) in += parts[rng() % std::size(parts)];
      std::string whole, pieces;
      n.normalize(in, &whole);
      for (size_t pos = 0; pos < in.size();) {
        const size_t size = std::min<size_t>(in.size() - pos, rng() % 9);
        stream.feed(std::string_view(in).substr(pos, size), &pieces);
        pos += size;
      }
      stream.finish(&pieces);
      ASSERT_EQ(whole, pieces) << "rules " << o.rules << " input " << in;
    }
  }
}

}  // namespace
}  // namespace dhad
