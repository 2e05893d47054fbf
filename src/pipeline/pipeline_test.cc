#include "dhad/pipeline.h"

#include <gtest/gtest.h>

#include <iterator>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace dhad {
namespace {

Pipeline make(PipelineOptions o = {}) {
  Result<Pipeline> p = Pipeline::create(o);
  EXPECT_TRUE(p.ok()) << p.error().message();
  return std::move(*p);
}

// The text calls give what the stages give, token by token: stem() is the
// stemmer's stem of each Arabic token, tokens joined by single spaces.
TEST(Pipeline, TextCallsAgreeWithTheStages) {
  const Pipeline p = make();
  const std::string text = "والمدرسة بالكتابين  يكتبون 2024\nوقال: لأوباما";
  std::string stems;
  ASSERT_TRUE(p.stem(text, &stems).ok());
  std::vector<Token> tokens;
  Tokenizer().tokenize(text, &tokens);
  std::unique_ptr<Stemmer> light10 = make_stemmer(StemAlgorithm::kLight10);
  std::string want;
  uint64_t line_of_previous = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string_view word =
        std::string_view(text).substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
    const uint64_t line =
        uint64_t(std::count(text.begin(), text.begin() + long(tokens[i].begin), '\n'));
    if (i > 0) want += line != line_of_previous ? "\n" : " ";
    line_of_previous = line;
    if (tokens[i].kind == TokenKind::kArabic) {
      light10->stem(word, &want);
    } else {
      want += word;
    }
  }
  EXPECT_EQ(want, stems);
  std::string normalized;
  ASSERT_TRUE(p.normalize("ﻻ  أحمد", &normalized).ok());
  EXPECT_EQ("لا أحمد", normalized);
  std::string segmented;
  ASSERT_TRUE(p.segment("وبالكتاب", &segmented).ok());
  EXPECT_EQ("و+ ب+ الكتاب", segmented);
}

TEST(Pipeline, AnalyzeFillsTheFieldsAskedFor) {
  const Pipeline p = make();
  Analysis a;
  AnalyzeFields f;
  f.root = f.light10 = true;
  const std::string text = "والمدرسة 12";
  ASSERT_TRUE(p.analyze(text, f, &a, TextContext{100}).ok());
  ASSERT_EQ(2u, a.size());
  EXPECT_EQ(100u, a.tokens()[0].begin);
  EXPECT_EQ("مدرس", a.light10(0));
  EXPECT_EQ("مدرس", a.stem(0));
  EXPECT_EQ("درس", a.root(0));
  EXPECT_EQ("12", a.root(1));
  ASSERT_EQ(2u, a.segments(0).size());
  f = AnalyzeFields{};
  f.norm = f.segments = f.stem = false;
  ASSERT_TRUE(p.analyze(text, f, &a).ok());
  EXPECT_EQ(2u, a.size());
  EXPECT_EQ("", a.stem(0));
  EXPECT_TRUE(a.segments(0).empty());
}

// PipelineOptions::stemming reaches stem() (on the chunk pass and the memo's
// paths, and past invalid UTF-8) and the stem field; the light10 field stays
// light10 as published; pipelines with and without it take turns on one thread.
TEST(Pipeline, MinStemLetters) {
  PipelineOptions o;
  o.stemming.min_stem_letters = 3;
  const Pipeline p = make(o), plain = make();
  const std::unique_ptr<Stemmer> stemmer = make_stemmer(StemAlgorithm::kLight10, o.stemming);
  std::mt19937 rng(21);
  const char* const words[] = {"فيه", "منها", "على",   "مرة", "كتابها", "والكتابات", "سلمان", "لله",
                               "بها", "وفيه", "مُدرّسة", "abc", "12",     "في",        "يكتبون"};
  for (const size_t n : {size_t{10}, size_t{20000}}) {  // 20000 words: past a 16 KB chunk
    std::string text, want;
    for (size_t i = 0; i < n; ++i) {
      const char* w = words[rng() % std::size(words)];
      text += std::string(i > 0 ? " " : "") + w;
      if (i > 0) want += ' ';
      const bool arabic = w[0] != 'a' && w[0] != '1';
      if (arabic) {
        stemmer->stem(w, &want);
      } else {
        want += w;
      }
    }
    std::string stems, plain_stems, again;
    ASSERT_TRUE(p.stem(text, &stems).ok());
    ASSERT_TRUE(plain.stem(text, &plain_stems).ok());
    ASSERT_TRUE(p.stem(text, &again).ok());
    EXPECT_EQ(want, stems);
    EXPECT_EQ(stems, again);
    EXPECT_NE(stems, plain_stems);
  }
  std::string stems;
  ASSERT_TRUE(p.stem("منها \xFF فيه", &stems).ok());
  EXPECT_EQ("منها \xEF\xBF\xBD فيه", stems);
  Analysis a;
  AnalyzeFields f;
  f.light10 = true;
  ASSERT_TRUE(p.analyze("منها كتابها", f, &a).ok());
  EXPECT_EQ("منها", a.stem(0));
  EXPECT_EQ("من", a.light10(0));
  EXPECT_EQ("كتاب", a.stem(1));
  o.stem = StemAlgorithm::kIsri;
  const Result<Pipeline> isri = Pipeline::create(o);
  ASSERT_FALSE(isri.ok());
  EXPECT_EQ(ErrorCode::kInvalidArgument, isri.error().code());
  EXPECT_NE(std::string::npos, isri.error().message().find("light10 option"));
  o.stem = StemAlgorithm(99);
  const Result<Pipeline> none = Pipeline::create(o);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ("no such stemming algorithm", none.error().message());
}

// The invalid-UTF-8 policy is the pipeline's: strict names the offset,
// replace counts, keep passes bytes through.
TEST(Pipeline, InvalidUtf8Policy) {
  const std::string text = "ab \xFF cd";
  PipelineOptions o;
  o.invalid_utf8 = InvalidUtf8::kStrict;
  std::string out;
  Status s = make(o).normalize(text, &out, TextContext{10});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(ErrorCode::kInvalidUtf8, s.error().code());
  EXPECT_EQ(13u, s.error().offset());
  o.invalid_utf8 = InvalidUtf8::kReplace;
  TextStats stats;
  out.clear();
  ASSERT_TRUE(make(o).normalize(text, &out, {}, &stats).ok());
  EXPECT_EQ("ab \uFFFD cd", out);
  EXPECT_EQ(1u, stats.replaced);
  EXPECT_FALSE(stats.valid_utf8);
  o.invalid_utf8 = InvalidUtf8::kKeep;
  out.clear();
  ASSERT_TRUE(make(o).tokenize_text(text, &out).ok());
  EXPECT_EQ(text, out);
}

// append_checked() is how front ends write input bytes: under every policy it
// writes a token's bytes as tokenize_text() does (one rule, one place).
TEST(Pipeline, AppendCheckedWritesWhatTheTextCallsWrite) {
  std::mt19937 rng(11);
  const std::string pieces[] = {"كتب", "ab", "\xFF", "\xC3", "\xE2\x82", "\xF0\x9F\x98\x80", "٣"};
  for (InvalidUtf8 policy : {InvalidUtf8::kReplace, InvalidUtf8::kKeep}) {
    PipelineOptions o;
    o.invalid_utf8 = policy;
    const Pipeline p = make(o);
    for (int round = 0; round < 300; ++round) {
      std::string word;
      for (int k = 1 + int(rng() % 4); k > 0; --k) word += pieces[rng() % 7];
      TextStats stats;
      ASSERT_TRUE(p.check_utf8(word, {}, &stats).ok());
      std::string written, via_text_call;
      p.append_checked(word, stats.valid_utf8, &written);
      // One word without spaces is one token, or several written with a
      // space between them: compare with the spaces taken out.
      ASSERT_TRUE(p.tokenize_text(word, &via_text_call).ok());
      std::erase(via_text_call, ' ');
      EXPECT_EQ(via_text_call, written) << "policy " << int(policy) << " round " << round;
      if (policy == InvalidUtf8::kKeep || stats.valid_utf8) {
        EXPECT_EQ(word, written);
      }
    }
  }
}

// Batch calls give each text what a single call gives, in input order,
// whatever the number of threads.
TEST(Pipeline, BatchEqualsOneAtATime) {
  const Pipeline p = make();
  std::mt19937 rng(3);
  const char* words[] = {"والكتاب", "المدرسة", "فى", "2024", "hello", "بالقلم", "\n", "،"};
  std::vector<std::string> texts(200);
  for (std::string& t : texts) {
    for (int k = int(rng() % 30); k > 0; --k) t += std::string(words[rng() % 8]) + " ";
  }
  std::vector<std::string_view> views(texts.begin(), texts.end());
  for (auto op : {Pipeline::TextOp::kNormalize, Pipeline::TextOp::kTokenizeText,
                  Pipeline::TextOp::kStem, Pipeline::TextOp::kSegment}) {
    std::vector<std::string> one, four;
    ASSERT_TRUE(p.run_batch(op, views, &one, 1).ok());
    ASSERT_TRUE(p.run_batch(op, views, &four, 4).ok());
    ASSERT_EQ(texts.size(), one.size());
    EXPECT_EQ(one, four);
    std::string single;
    ASSERT_TRUE(p.stem(texts[7], &single).ok());
    if (op == Pipeline::TextOp::kStem) {
      EXPECT_EQ(single, one[7]);
    }
  }
  std::vector<Analysis> analyses;
  ASSERT_TRUE(p.analyze_batch(views, AnalyzeFields{}, &analyses, 3).ok());
  ASSERT_EQ(texts.size(), analyses.size());
  Analysis a;
  ASSERT_TRUE(p.analyze(texts[5], AnalyzeFields{}, &a).ok());
  ASSERT_EQ(a.size(), analyses[5].size());
  for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a.stem(i), analyses[5].stem(i));
}

TEST(Pipeline, CorrectBatchEqualsOneAtATime) {
  PipelineOptions o;
  o.correct = true;
  const Pipeline p = make(o);
  std::vector<std::string_view> texts = {"ذهب الي المدرسه", "", "فى اكبر مدينة", "علي الخريطة"};
  std::vector<std::string> batch;
  ASSERT_TRUE(p.run_batch(Pipeline::TextOp::kCorrect, texts, &batch, 3).ok());
  for (size_t i = 0; i < texts.size(); ++i) {
    std::string one;
    ASSERT_TRUE(p.correct(texts[i], &one).ok());
    EXPECT_EQ(one, batch[i]);
  }
  EXPECT_EQ("ذهب إلى المدرسة", batch[0]);
  // Without the corrector, every text is the error.
  EXPECT_FALSE(make().run_batch(Pipeline::TextOp::kCorrect, texts, &batch, 2).ok());
}

TEST(Pipeline, BatchErrorNamesTheText) {
  PipelineOptions o;
  o.invalid_utf8 = InvalidUtf8::kStrict;
  const Pipeline p = make(o);
  std::vector<std::string_view> texts = {"ok", "fine", "bad \xC3", "ok"};
  std::vector<std::string> out;
  Status s = p.run_batch(Pipeline::TextOp::kNormalize, texts, &out, 2);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(std::string::npos, s.error().message().find("text 2: "));
  EXPECT_EQ("fine", out[1]);
}

TEST(Pipeline, BadModelIsAnError) {
  PipelineOptions o;
  o.segment_model = "/nonexistent/model";
  Result<Pipeline> p = Pipeline::create(o);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(ErrorCode::kIoError, p.error().code());
}

// The embedded segmentation model is opened on first use; a pipeline that
// never segments works without it, and one that does gets the same output
// from a second pipeline (the model is opened once per process).
TEST(Pipeline, EmbeddedSegmenterOpensOnFirstUse) {
  const Pipeline a = make(), b = make();
  std::string out_a, out_b, stem;
  ASSERT_TRUE(a.stem("والكتاب", &stem).ok());
  ASSERT_TRUE(a.segment("والكتاب بالقلم", &out_a).ok());
  ASSERT_TRUE(b.segment("والكتاب بالقلم", &out_b).ok());
  EXPECT_EQ("و+ الكتاب ب+ القلم", out_a);
  EXPECT_EQ(out_a, out_b);
}

}  // namespace
}  // namespace dhad
