#include "pipeline/analysis_memo.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "dhad/pipeline.h"

namespace dhad {
namespace {

using pipeline_internal::AnalysisMemo;

Pipeline make(PipelineOptions o = {}) {
  Result<Pipeline> p = Pipeline::create(o);
  EXPECT_TRUE(p.ok()) << p.error().message();
  return std::move(*p);
}

// Every field of every token, as text, so that a difference shows where.
std::string dump(const Analysis& a) {
  std::ostringstream s;
  for (size_t i = 0; i < a.size(); ++i) {
    const Token& t = a.tokens()[i];
    s << i << ' ' << int(t.kind) << ' ' << t.begin << '-' << t.end << " norm=" << a.norm(i)
      << (a.norm_is_text(i) ? "(same)" : "") << " stem=" << a.stem(i) << " light10=" << a.light10(i)
      << " root=" << a.root(i) << " segments=";
    for (const Segment& seg : a.segments(i)) {
      s << seg.begin << '-' << seg.end << ':' << int(seg.role) << ',';
    }
    s << '\n';
  }
  return s.str();
}

// analyze() with the memo and without it (the reference), on the same thread.
void expect_memo_agrees(const Pipeline& p, std::string_view text, const AnalyzeFields& fields,
                        const TextContext& at = {}) {
  Analysis with, without;
  pipeline_internal::set_analysis_memo(false);
  ASSERT_TRUE(p.analyze(text, fields, &without, at).ok());
  pipeline_internal::set_analysis_memo(true);
  ASSERT_TRUE(p.analyze(text, fields, &with, at).ok());
  ASSERT_EQ(dump(without), dump(with));
  // Twice: the second time from the memo.
  ASSERT_TRUE(p.analyze(text, fields, &with, at).ok());
  ASSERT_EQ(dump(without), dump(with));
}

std::string sample_text() {
  std::ifstream in(std::string(DHAD_SOURCE_DIR) + "/samples/news-noisy.txt", std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Words that repeat, in every setting the memo keys or refuses: lone
// proclitics against numbers, Latin words, Arabic words and punctuation (the
// one context segments depend on), a final tatweel, numbers with %, words
// past kMaxToken bytes, words of many pieces, marks, and other scripts.
std::string repeating_text(uint64_t seed) {
  const char* words[] = {"و2006",
                         "و abc",
                         "وabc",
                         "وكتاب",
                         "و-",
                         "ب100%",
                         "ك",
                         "ل",
                         "والكتاب",
                         "بالكتابين",
                         "فقطـ",
                         "فقطـــ",
                         "50%",
                         "12٪",
                         "والمدرسة",
                         "لأوباما",
                         "وسيكتبونها",
                         "فبالكتاب",
                         "ولللعب",
                         "مُدَرِّسَةٌ",
                         "\"",
                         "،",
                         "hello",
                         "Hello",
                         "https://example.com/a",
                         "a@b.co",
                         "#وسم",
                         "@name",
                         "😀",
                         "€",
                         "中文",
                         "استراتيجياتهماالمتعددةوالمتنوعةجدا",
                         "وبالاستراتيجيات",
                         "ﻻ",
                         "ـ",
                         "ٱلكتاب"};
  std::mt19937_64 rng(seed);
  std::string text;
  for (int i = 0; i < 3000; ++i) {
    text += words[rng() % std::size(words)];
    const uint64_t gap = rng() % 8;
    text += gap == 0 ? "\n" : gap == 1 ? "" : " ";
  }
  return text;
}

TEST(AnalysisMemo, AgreesWithTheStagesOnEveryField) {
  const Pipeline p = make();
  const std::string texts[] = {sample_text(), repeating_text(1), repeating_text(2)};
  ASSERT_GT(texts[0].size(), 1000u);
  for (int mask = 0; mask < 32; ++mask) {
    AnalyzeFields f;
    f.norm = mask & 1;
    f.segments = mask & 2;
    f.stem = mask & 4;
    f.light10 = mask & 8;
    f.root = mask & 16;
    for (const std::string& text : texts) {
      expect_memo_agrees(p, text, f, TextContext{12345});
      if (HasFatalFailure()) return;
    }
  }
}

// Pipelines of other options, and other fields, take turns on one thread:
// an entry of one never answers for another.
TEST(AnalysisMemo, PipelinesAndFieldsTakingTurns) {
  PipelineOptions split;
  split.segment.split_article = true;
  PipelineOptions lucene;
  lucene.normalize = NormalizeOptions::lucene();
  lucene.stem = StemAlgorithm::kIsri;
  const Pipeline pipelines[] = {make(), make(split), make(lucene)};
  AnalyzeFields all;
  all.root = all.light10 = true;
  AnalyzeFields some;
  some.norm = false;
  const std::string text = repeating_text(3);
  for (int round = 0; round < 3; ++round) {
    for (const Pipeline& p : pipelines) {
      expect_memo_agrees(p, text, all);
      expect_memo_agrees(p, text, some);
      if (HasFatalFailure()) return;
    }
  }
  // A pipeline made where another was freed is a new owner.
  for (int round = 0; round < 3; ++round) {
    const Pipeline p = make(round % 2 ? split : lucene);
    expect_memo_agrees(p, text, all);
    if (HasFatalFailure()) return;
  }
}

// Text with invalid UTF-8 is not memoized (its tokens are repaired first).
TEST(AnalysisMemo, InvalidUtf8) {
  const Pipeline p = make();
  std::string text = repeating_text(4);
  text[text.size() / 2] = '\xFF';
  AnalyzeFields all;
  all.root = all.light10 = true;
  expect_memo_agrees(p, text, all);
}

// The table itself: a key matches only itself, in its generation.
TEST(AnalysisMemo, Table) {
  AnalysisMemo memo;
  memo.use(1, 3);
  const std::string_view bytes[AnalysisMemo::kFields] = {"n", "s", "l", "r"};
  const Segment segments[] = {{0, 2, SegmentRole::kProclitic}, {2, 8, SegmentRole::kStem}};
  const AnalysisMemo::Key key{"وكتاب", 0, false};
  AnalysisMemo::Fields got;
  EXPECT_FALSE(memo.find(key, memo.hash(key), &got));
  memo.put(key, memo.hash(key), false, bytes, segments);
  ASSERT_TRUE(memo.find(key, memo.hash(key), &got));
  EXPECT_EQ("n", got.bytes[AnalysisMemo::kNorm]);
  EXPECT_EQ("r", got.bytes[AnalysisMemo::kRoot]);
  ASSERT_EQ(2u, got.segment_count);
  EXPECT_EQ(2, got.bounds[1]);
  EXPECT_EQ(int(SegmentRole::kStem), (got.roles >> 2) & 3);
  for (const AnalysisMemo::Key& other :
       {AnalysisMemo::Key{"وكتاب", 1, false}, AnalysisMemo::Key{"وكتاب", 0, true},
        AnalysisMemo::Key{"وكتا", 0, false}}) {
    EXPECT_FALSE(memo.find(other, memo.hash(other), &got));
  }
  // Fields past an entry's room are not kept.
  const std::string long_field(60, 'x');
  const std::string_view big[AnalysisMemo::kFields] = {long_field, "", "", ""};
  const AnalysisMemo::Key key2{"abc", 1, false};
  memo.put(key2, memo.hash(key2), false, big, {});
  EXPECT_FALSE(memo.find(key2, memo.hash(key2), &got));
  // Another owner or other fields: a new generation, where nothing matches;
  // past the tags' room for generations the table starts over.
  for (uint64_t owner = 2; owner < 70000; ++owner) {
    memo.use(owner, 3);
    ASSERT_FALSE(memo.find(key, memo.hash(key), &got)) << owner;
    memo.put(key, memo.hash(key), false, bytes, segments);
    ASSERT_TRUE(memo.find(key, memo.hash(key), &got));
  }
  memo.use(70000, 4);
  EXPECT_FALSE(memo.find(key, memo.hash(key), &got));
}

}  // namespace
}  // namespace dhad
