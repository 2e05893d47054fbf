#include "dhad/correct.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "correct/correct_model.h"
#include "dhad/tokenize.h"
#include "model/model_writer.h"

namespace dhad {
namespace {

// A small corpus written for these tests: well-spelled sentences, each
// repeated so that its words and pairs are counted often enough.
const char* const kCorpus[] = {
    "ذهب الولد إلى المدرسة الكبيرة في الصباح", "قال الوزير إن الحكومة أكبر من أن تفشل",
    "يريد أن يكتب رسالة إلى أخيه على الورق",   "جلس الرجل على الكرسي في المدرسة",
    "أكبر مدينة في البلاد هي العاصمة",         "أعلنت المخابرات أن الأمر انتهى",
    "هذه المدرسة أكبر من تلك المدرسة",         "كتب علي رسالة إلى صديقه",
    "ذهب الرجل إلى السوق في المساء",           "في الصباح ذهب الولد إلى السوق",
};

std::string build_model(const std::vector<std::string>& texts, bool with_lexicon = true) {
  CorrectionModelBuilder b;
  for (const std::string& t : texts) b.add_text(t);
  if (with_lexicon) {
    for (const char* line : kCorpus) {
      std::vector<Token> tokens;
      const std::string_view s(line);
      Tokenizer().tokenize(s, &tokens);
      for (const Token& t : tokens) b.add_lexicon_word(s.substr(t.begin, t.end - t.begin));
    }
  }
  CorrectionModelBuilder::Limits limits;
  return b.finish(limits, "test model");
}

// A model learned, without the lexicon, from each text repeated its number
// of times, and a corrector on it (which reads the model's bytes, kept here).
struct Learned {
  std::unique_ptr<std::string> model;
  Result<Corrector> corrector;
};
Learned learn(std::initializer_list<std::pair<const char*, int>> texts) {
  std::vector<std::string> all;
  for (const auto& [text, times] : texts) all.insert(all.end(), size_t(times), text);
  auto model = std::make_unique<std::string>(build_model(all, /*with_lexicon=*/false));
  Result<Corrector> corrector = Corrector::from_bytes(*model);
  return {std::move(model), std::move(corrector)};
}

std::vector<std::string> corpus_texts(int repeat) {
  std::vector<std::string> texts;
  for (int r = 0; r < repeat; ++r) {
    std::string text;
    for (const char* line : kCorpus) text += std::string(line) + "\n";
    texts.push_back(text);
  }
  return texts;
}

class CorrectTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    model_ = new std::string(build_model(corpus_texts(20)));
    Result<Corrector> c = Corrector::from_bytes(*model_);
    ASSERT_TRUE(c.ok()) << c.error().message();
    corrector_ = new Corrector(std::move(*c));
  }
  static void TearDownTestSuite() {
    delete corrector_;
    delete model_;
  }
  static std::string fix(std::string_view text, CorrectOptions options = {}) {
    std::string out;
    corrector_->correct(text, options, &out);
    return out;
  }
  static std::string* model_;
  static Corrector* corrector_;

 public:
  static const Corrector* corrector() { return corrector_; }
};
std::string* CorrectTest::model_ = nullptr;
Corrector* CorrectTest::corrector_ = nullptr;

TEST_F(CorrectTest, FixesEachClass) {
  EXPECT_EQ(fix("هذه المدرسة اكبر من تلك المدرسة"), "هذه المدرسة أكبر من تلك المدرسة");
  EXPECT_EQ(fix("ذهب الولد الي المدرسة"), "ذهب الولد إلى المدرسة");
  EXPECT_EQ(fix("جلس الرجل علي الكرسي"), "جلس الرجل على الكرسي");
  EXPECT_EQ(fix("ذهب الولد إلى المدرسه الكبيرة"), "ذهب الولد إلى المدرسة الكبيرة");
  EXPECT_EQ(fix("ذهب الرجل إلى السوقفي المساء"), "ذهب الرجل إلى السوق في المساء");
  EXPECT_EQ(fix("أعلنت المخايرات أن الأمر انتهى"), "أعلنت المخابرات أن الأمر انتهى");
  EXPECT_EQ(fix("أعلنت المخبرات أن الأمر انتهى"), "أعلنت المخابرات أن الأمر انتهى");
  EXPECT_EQ(fix("أعلنت المخاابرات أن الأمر انتهى"), "أعلنت المخابرات أن الأمر انتهى");
}

TEST_F(CorrectTest, ContextDecidesBetweenWords) {
  // علي is a name here: the corpus has "كتب علي", and a name before a verb.
  EXPECT_EQ(fix("كتب علي رسالة إلى صديقه"), "كتب علي رسالة إلى صديقه");
}

// A weight decides a close call either way: at `keep` the text stays as it
// is, at `change` it becomes `fixed` (every other weight at its default).
void expect_weight_decides(const Corrector& c, double CorrectWeights::*weight, double keep,
                           double change, const std::string& text, const std::string& fixed) {
  CorrectOptions keeping, changing;
  keeping.weights.*weight = keep;
  changing.weights.*weight = change;
  std::string out;
  c.correct(text, keeping, &out);
  EXPECT_EQ(text, out);
  out.clear();
  c.correct(text, changing, &out);
  EXPECT_EQ(fixed, out);
}

// `text` as `c` corrects it with options `o`.
std::string corrected(const Corrector& c, const CorrectOptions& o, std::string_view text) {
  std::string out;
  c.correct(text, o, &out);
  return out;
}

// unknown_variant: an unknown word that is another spelling of known ones
// (الكبيره, of الكبيرة); unknown_long: one of more than eight letters, here
// two words run together. High, the word stays; low, it changes.
TEST_F(CorrectTest, UnknownWordWeightsDecideCloseCalls) {
  expect_weight_decides(*corrector(), &CorrectWeights::unknown_variant, 30, -30, "رأيت الكبيره",
                        "رأيت الكبيرة");
  expect_weight_decides(*corrector(), &CorrectWeights::unknown_long, 60, -60, "في الصباحذهب الولد",
                        "في الصباح ذهب الولد");
}

// A pronoun suffix or an ending after a word is not a second word
// (الكتابهم stays whole however dear an unknown word is made), but after a
// short particle it is (ماهم: ما هم).
TEST(CorrectSplits, EncliticsStayJoinedToTheirWord) {
  const Learned learned =
      learn({{"قرأ الكتاب هم الطلاب\nما هم إلا طلاب\nقرأ الطلاب الكتاب\n", 20}});
  const Result<Corrector>& c = learned.corrector;
  ASSERT_TRUE(c.ok()) << c.error().message();
  CorrectOptions o;
  o.weights.unknown_word = -40;
  EXPECT_EQ("قرأ الكتابهم", corrected(*c, o, "قرأ الكتابهم"));
  EXPECT_EQ("ما هم إلا طلاب", corrected(*c, o, "ماهم إلا طلاب"));
}

// Nor is a cut inside a pronoun: كتابهما is كتاب with هما, not كتابه ما.
TEST(CorrectSplits, NoCutInsideAPronoun) {
  const Learned learned = learn({{"قرأ كتابه ثم نام\nما أجمل الكتاب\n", 20}});
  const Result<Corrector>& c = learned.corrector;
  ASSERT_TRUE(c.ok()) << c.error().message();
  CorrectOptions o;
  o.weights.unknown_word = -40;
  EXPECT_EQ("قرأ كتابهما", corrected(*c, o, "قرأ كتابهما"));
}

// A neighbour that is a far rarer spelling of a known word is taken for that
// word: the few writers who dropped one hamza dropped the next too (اكد ان
// الامر), and their pairs alone would keep each hamza-less word in place.
TEST(CorrectContext, RareVariantNeighboursCountAsTheWordMeant) {
  const Learned learned =
      learn({{"قد أكد أن الأمر انتهى\nقال إن الأمر انتهى\n", 40}, {"قد اكد ان الامر انتهى\n", 3}});
  const Result<Corrector>& c = learned.corrector;
  ASSERT_TRUE(c.ok()) << c.error().message();
  std::string out;
  c->correct("قد اكد ان الامر انتهى", CorrectOptions(), &out);
  EXPECT_EQ("قد أكد أن الأمر انتهى", out);
  // Each alone is corrected either way.
  out.clear();
  c->correct("قد أكد ان الأمر انتهى", CorrectOptions(), &out);
  EXPECT_EQ("قد أكد أن الأمر انتهى", out);
}

// A line that spells على right elsewhere means something else by علي (a
// name, عليّ): spelled_nearby keeps it; with that weight at 0 the far more
// frequent على wins, as it does where the line has no على.
TEST(CorrectContext, SpellingUsedNearbyKeepsTheOtherWord) {
  std::vector<std::string> texts;
  for (int r = 0; r < 100; ++r) texts.push_back("جلس الرجل على الكرسي في الصباح\n");
  for (int r = 0; r < 3; ++r) texts.push_back("قال علي إن الأمر انتهى\n");
  const std::string model = build_model(texts);  // the lexicon has both spellings
  Result<Corrector> c = Corrector::from_bytes(model);
  ASSERT_TRUE(c.ok()) << c.error().message();
  expect_weight_decides(*c, &CorrectWeights::spelled_nearby, CorrectWeights().spelled_nearby, 0,
                        "جلس الرجل على الكرسي ثم كتب علي رسالة",
                        "جلس الرجل على الكرسي ثم كتب على رسالة");
  // Without على on its line, علي becomes على as before.
  std::string out;
  c->correct("جلس الرجل في الصباح\nثم كتب علي رسالة", CorrectOptions(), &out);
  EXPECT_EQ("جلس الرجل في الصباح\nثم كتب على رسالة", out);
}

// ...and so does a line that spells it right without the proclitic: by
// وعلي, a writer who writes على means the name.
TEST(CorrectContext, SpellingUsedNearbyCountsWithoutAProclitic) {
  CorrectionModelBuilder b;
  for (int r = 0; r < 100; ++r) b.add_text("جلس الرجل على الكرسي وعلى الأرض\n");
  for (int r = 0; r < 3; ++r) b.add_text("قال علي إن الأمر انتهى وعلي يعرف\n");
  for (const char* w : {"جلس", "الرجل", "على", "الكرسي", "وعلى", "الأرض", "قال", "علي", "إن",
                        "الأمر", "انتهى", "وعلي", "يعرف"}) {
    b.add_lexicon_word(w);
  }
  const std::string model = b.finish(CorrectionModelBuilder::Limits(), "test model");
  Result<Corrector> c = Corrector::from_bytes(model);
  ASSERT_TRUE(c.ok()) << c.error().message();
  expect_weight_decides(*c, &CorrectWeights::spelled_nearby, CorrectWeights().spelled_nearby, 0,
                        "جلس الرجل على الكرسي ثم كتب وعلي رسالة",
                        "جلس الرجل على الكرسي ثم كتب وعلى رسالة");
}

// `common` in 40 sentences and `rare` in 5, both words the lexicon accepts:
// `text`, holding `rare`, keeps it with the default respelled_word, and
// becomes `fixed` without it.
void expect_respelling_costs_more(const char* common_sentence, const char* rare_sentence,
                                  const char* common, const char* rare, const std::string& text,
                                  const std::string& fixed) {
  CorrectionModelBuilder b;
  for (int r = 0; r < 40; ++r) b.add_text(common_sentence);
  for (int r = 0; r < 5; ++r) b.add_text(rare_sentence);
  b.add_lexicon_word(common);
  b.add_lexicon_word(rare);
  const std::string model = b.finish(CorrectionModelBuilder::Limits(), "test model");
  Result<Corrector> c = Corrector::from_bytes(model);
  ASSERT_TRUE(c.ok()) << c.error().message();
  expect_weight_decides(*c, &CorrectWeights::respelled_word, CorrectWeights().respelled_word, 0,
                        text, fixed);
}

// عينه (he appointed him; his eye) and عينة (a sample) are both words: the
// far more frequent one replaces the other only on strong evidence
// (respelled_word), not on its frequency alone.
TEST(CorrectContext, RespellingOneWordAsAnotherCostsMore) {
  expect_respelling_costs_more("أخذ الطبيب عينة من الدم\n", "ثم عينه الملك وزيرا\n", "عينة", "عينه",
                               "قال إنه عينه أمس", "قال إنه عينة أمس");
}

// So are بدا (he appeared) and بدأ (he began): a hamza put on a word's final
// alef turns one word into another, as ة for ه does.
TEST(CorrectContext, HamzaOnAFinalAlefIsARespelling) {
  expect_respelling_costs_more("ثم بدأ العمل في المدينة\n", "ثم بدا الرجل سعيدا\n", "بدأ", "بدا",
                               "ثم بدا في المدينة", "ثم بدأ في المدينة");
}

// A word the model has seen written the same way twice is kept, however
// well a known word one letter away fits: such a word is mostly a name or a
// loanword (قلعة كورف كاسل), not a slip. rare_count 3 searches it for edits,
// and with cheap edits كاسل then becomes كامل, which fits the context.
TEST(CorrectRareWords, WordSeenTwiceIsNotSearchedForEdits) {
  const Learned learned =
      learn({{"وصل الفريق كامل العدد\n", 40}, {"زار قلعة كورف كاسل القديمة\n", 2}});
  const Result<Corrector>& c = learned.corrector;
  ASSERT_TRUE(c.ok()) << c.error().message();
  CorrectOptions o;
  o.weights.edit = o.weights.edit_near = -1;
  EXPECT_EQ("وصل الفريق كاسل العدد", corrected(*c, o, "وصل الفريق كاسل العدد"));
  o.weights.rare_count = 3;
  EXPECT_EQ("وصل الفريق كامل العدد", corrected(*c, o, "وصل الفريق كاسل العدد"));
}

// A letter added, replaced or swapped in a word's ending makes another form
// of the word (قتلتا "the two killed", قتلت; انتقالك "your move", انتقاله;
// عمليتا "the two operations of", عمليات; the construct plural's مصابو and
// مصابي; the feminine's ملطخة and ملطخ), not a slip, however cheap an edit
// is made; a letter typed twice, or one replaced or swapped in the stem,
// still is.
TEST(CorrectEndings, AnotherEndingIsAnotherFormNotASlip) {
  const Learned learned =
      learn({{"قتلت المرأة الرجل\nبعد انتقاله إلى الفريق\nبدأت عمليات القصف\n"
              "زار الوزير مصابي الحادث\nكانت يده ملطخة بالدماء\nكان جسده سليما\n",
              40}});
  const Result<Corrector>& c = learned.corrector;
  ASSERT_TRUE(c.ok()) << c.error().message();
  CorrectOptions o;
  o.weights.edit = o.weights.edit_near = -1;
  EXPECT_EQ("قتلتا الرجل", corrected(*c, o, "قتلتا الرجل"));
  EXPECT_EQ("بعد انتقالك إلى الفريق", corrected(*c, o, "بعد انتقالك إلى الفريق"));
  EXPECT_EQ("قتلت الرجل", corrected(*c, o, "قتلتت الرجل"));
  EXPECT_EQ("بعد انتقاله إلى الفريق", corrected(*c, o, "بعد انتقاغه إلى الفريق"));
  EXPECT_EQ("بدأت عمليتا القصف", corrected(*c, o, "بدأت عمليتا القصف"));
  EXPECT_EQ("بدأت عمليات القصف", corrected(*c, o, "بدأت عملايت القصف"));
  EXPECT_EQ("قال مصابو الحادث", corrected(*c, o, "قال مصابو الحادث"));
  EXPECT_EQ("كان جسده ملطخ بالدماء", corrected(*c, o, "كان جسده ملطخ بالدماء"));
}

// A verb's person prefix for another (نرتفع "we rise", ترتفع "she rises")
// is another form of a verb whose persons the model knows, not a slip; the
// same dots wrong on a noun (نقرير for تقرير) are.
TEST(CorrectEndings, PersonPrefixOfAVerbIsAnotherForm) {
  const Learned learned =
      learn({{"ترتفع الأسعار اليوم\nيرتفع السعر اليوم\nكتب تقرير اليوم\n", 40}});
  const Result<Corrector>& c = learned.corrector;
  ASSERT_TRUE(c.ok()) << c.error().message();
  CorrectOptions o;
  o.weights.edit = o.weights.edit_near = -1;
  EXPECT_EQ("نرتفع الأسعار", corrected(*c, o, "نرتفع الأسعار"));
  EXPECT_EQ("كتب تقرير اليوم", corrected(*c, o, "كتب نقرير اليوم"));
}

// A noun takes the article or a possessive pronoun, not both: المورده is
// not المورد with ه (his), so it earns no inflected_bonus and becomes
// الموردة, while مورده and التزامه (whose ال is no article: تزام is no
// word) keep it.
TEST(CorrectInflection, ArticleAndPronounDoNotMeet) {
  const Learned learned =
      learn({{"من الشركة الموردة أمس\nقال المورد إن الشحنة وصلت\nوصل مورد جديد\n"
              "أعلن التزام الشركة\n",
              20}});
  const Result<Corrector>& c = learned.corrector;
  ASSERT_TRUE(c.ok()) << c.error().message();
  CorrectOptions o;
  o.weights.unknown_word = -30;
  o.weights.inflected_bonus = 60;
  o.weights.min_inflected_count = 1;
  for (const auto& [in, want] : std::vector<std::pair<std::string, std::string>>{
           {"من الشركة المورده أمس", "من الشركة الموردة أمس"},
           {"وصل مورده أمس", "وصل مورده أمس"},
           {"أعلن التزامه أمس", "أعلن التزامه أمس"}}) {
    std::string out;
    c->correct(in, o, &out);
    EXPECT_EQ(want, out);
  }
}

// An unknown word that is a common word and the pronoun ه (ومديره, "and its
// manager") keeps its spelling: it is scored as that word, not as an unknown
// one that a known ة word (ومديرة) outweighs. Not after the article
// (المديره is المديرة), nor where the stem is a far rarer spelling of
// another (اكدته is أكدته).
TEST(CorrectInflection, CommonWordWithAPronounKeepsItsSpelling) {
  const Learned learned = learn({{"وصل مدير الشركة\nقالت ومديرة الشركة إن العمل بدأ\n"
                                  "قالت المديرة إن الشركة تعمل\nقالت إنها أكدته أمس\n"
                                  "قال إنه اكدت الخبر\n",
                                  60},
                                 {"قالت إنها أكدت الخبر\n", 600}});
  const Result<Corrector>& c = learned.corrector;
  ASSERT_TRUE(c.ok()) << c.error().message();
  const CorrectOptions o;
  EXPECT_EQ("قال إن ومديره تعمل", corrected(*c, o, "قال إن ومديره تعمل"));
  EXPECT_EQ("قالت المديرة إن الشركة تعمل", corrected(*c, o, "قالت المديره إن الشركة تعمل"));
  EXPECT_EQ("وصل مدير أكدته الشركة", corrected(*c, o, "وصل مدير اكدته الشركة"));
}

// A letter left out is the one slip of its kind where it is, a letter
// replaced one of 36: as keeping an unknown word is made dearer, the first
// is undone before the second (المخبرات, المخاجرات: the same word, the same
// context).
TEST_F(CorrectTest, LeftOutLetterIsLikelierThanAReplacedOne) {
  bool between = false;
  for (double u = -30; u <= 30; u += 0.25) {
    CorrectOptions o;
    o.weights.unknown_word = u;
    const bool left_out =
        fix("أعلنت المخبرات أن الأمر انتهى", o) != "أعلنت المخبرات أن الأمر انتهى";
    const bool replaced =
        fix("أعلنت المخاجرات أن الأمر انتهى", o) != "أعلنت المخاجرات أن الأمر انتهى";
    EXPECT_TRUE(left_out || !replaced) << u;
    between |= left_out && !replaced;
  }
  EXPECT_TRUE(between);
}

// ...but a first letter is seldom left out: لمخابرات (ا left out first)
// stays where المخبرات is already corrected.
TEST_F(CorrectTest, FirstLetterIsSeldomLeftOut) {
  bool between = false;
  for (double u = -30; u <= 30; u += 0.25) {
    CorrectOptions o;
    o.weights.unknown_word = u;
    const bool inside = fix("أعلنت المخبرات أن الأمر انتهى", o) != "أعلنت المخبرات أن الأمر انتهى";
    const bool first = fix("أعلنت لمخابرات أن الأمر انتهى", o) != "أعلنت لمخابرات أن الأمر انتهى";
    EXPECT_TRUE(inside || !first) << u;
    between |= inside && !first;
  }
  EXPECT_TRUE(between);
}

// A spelling found two ways (للمدرسه: للمدرسة of its skeleton group, and ل +
// المدرسة, each scored in its own context) has the probability of both: with
// keeping the typed word made all but impossible, the change is certain, not
// 0.96 for the likelier way alone.
TEST(CorrectConfidence, OneSpellingFoundTwoWaysCountsOnce) {
  std::vector<std::string> texts = corpus_texts(20);
  for (int i = 0; i < 3; ++i) texts.push_back("رجع المعلم للمدرسة مساء\n");
  const std::string bytes = build_model(texts);
  Result<Corrector> c = Corrector::from_bytes(bytes);
  ASSERT_TRUE(c.ok()) << c.error().message();
  CorrectOptions o;
  o.weights.unknown_word = -60;
  std::vector<CorrectEdit> edits;
  c->find_edits("ذهب الولد للمدرسه في الصباح", o, &edits);
  ASSERT_EQ(1u, edits.size());
  EXPECT_EQ("للمدرسة", edits[0].replacement);
  EXPECT_GT(edits[0].confidence, 0.999);
}

// An unknown word that is a proclitic on a known word (والمدرسة) is kept as
// that word is, not changed to the clitic on a rare variant of it (المدرسه,
// seen 3 times, against the 80 of المدرسة).
TEST(CorrectClitics, ProcliticOnAKnownWordKeepsItsSpelling) {
  std::vector<std::string> texts = corpus_texts(20);
  for (int i = 0; i < 3; ++i) texts.push_back("كتب الولد في المدرسه\n");
  const std::string bytes = build_model(texts);
  Result<Corrector> c = Corrector::from_bytes(bytes);
  ASSERT_TRUE(c.ok()) << c.error().message();
  for (const std::string text : {"ذهب الرجل والمدرسة إلى السوق", "ذهب الولد للمدرسة الكبيرة"}) {
    std::string out;
    c->correct(text, {}, &out);
    EXPECT_EQ(text, out);
  }
  std::string out;
  c->correct("ذهب الرجل والمدرسه إلى السوق", {}, &out);
  EXPECT_EQ("ذهب الرجل والمدرسة إلى السوق", out);
}

// A verb's person prefix before a known verb (نذهب, of ذهب) is another form
// of it, not a letter too many; another letter too many is (السوقق).
TEST_F(CorrectTest, PersonPrefixIsNotALetterTooMany) {
  EXPECT_EQ(fix("نذهب إلى السوق في المساء"), "نذهب إلى السوق في المساء");
  EXPECT_EQ(fix("ذهب الرجل إلى السوقق في المساء"), "ذهب الرجل إلى السوق في المساء");
}

// ...and so is a proclitic or a person prefix after another proclitic:
// ولتركيا and ويتقبلهم are وتركيا and وتقبلهم with one more prefix, and
// وبمصر is ولمصر with another; the same slots holding another letter (ورتركيا,
// وثمصر) are slips.
TEST(CorrectClitics, PrefixAfterAProcliticIsAnotherForm) {
  const Learned learned =
      learn({{"قال إن وتركيا تدعم\nقال إن وتقبلهم حسن\nقال إن ولمصر دور\n", 40}});
  const Result<Corrector>& c = learned.corrector;
  ASSERT_TRUE(c.ok()) << c.error().message();
  CorrectOptions o;
  o.weights.edit = o.weights.edit_near = -1;
  for (const std::string text :
       {"قال إن ولتركيا تدعم", "قال إن ويتقبلهم حسن", "قال إن وبمصر دور"}) {
    EXPECT_EQ(text, corrected(*c, o, text));
  }
  EXPECT_EQ("قال إن وتركيا تدعم", corrected(*c, o, "قال إن ورتركيا تدعم"));
  EXPECT_EQ("قال إن ولمصر دور", corrected(*c, o, "قال إن وثمصر دور"));
}

// Two alefs in a row at the start of a stem are never a spelling: the bare
// one is a letter too many, whether or not the word without it is known
// (أالماتا, a city the model has not seen). At the end of a stem they are a
// verb and its dual ending (يتبوأا), and stay.
TEST(CorrectSlips, TwoAlefsStartingAStemAreALetterTooMany) {
  const Learned learned = learn({{"زار العاصمة بالإضافة إلى المدن\nتبوأ المنصب\n", 40}});
  const Result<Corrector>& c = learned.corrector;
  ASSERT_TRUE(c.ok()) << c.error().message();
  const CorrectOptions o;
  EXPECT_EQ("زار العاصمة ألماتا", corrected(*c, o, "زار العاصمة أالماتا"));
  EXPECT_EQ("زار العاصمة بالإضافة إلى المدن", corrected(*c, o, "زار العاصمة بالإاضافة إلى المدن"));
  for (const std::string text : {"أن يتبوأا المنصب", "زار العاصمة ألماتا"}) {
    EXPECT_EQ(text, corrected(*c, o, text));
  }
}

// A word after بن, بنت or آل, or before بن or بنت, is a name: no slip of a
// known word (جحاب stays in أيوب بن جحاب, not so in لبست المرأة جحاب).
TEST(CorrectSlips, NameAfterOrBeforeBinIsNoSlip) {
  const Learned learned = learn({{"لبست المرأة حجاب جديد\nقال أيوب بن سعد\n", 40}});
  const Result<Corrector>& c = learned.corrector;
  ASSERT_TRUE(c.ok()) << c.error().message();
  const CorrectOptions o;
  EXPECT_EQ("لبست المرأة حجاب جديد", corrected(*c, o, "لبست المرأة جحاب جديد"));
  for (const std::string text : {"قال أيوب بن جحاب", "قال جحاب بن سعد", "قال آل جحاب"}) {
    EXPECT_EQ(text, corrected(*c, o, text));
  }
}

// ...and so is a word after a given name, one that comes before بن often
// (محمد العمصي), while the same slip elsewhere is undone.
TEST(CorrectSlips, NameAfterAGivenNameIsNoSlip) {
  const Learned learned = learn({{"قال محمد بن سعد\nزار العمري المدينة\n", 40}});
  const Result<Corrector>& c = learned.corrector;
  ASSERT_TRUE(c.ok()) << c.error().message();
  CorrectOptions o;
  o.weights.edit = o.weights.edit_near = -1;
  EXPECT_EQ("زار العمري المدينة", corrected(*c, o, "زار العمصي المدينة"));
  EXPECT_EQ("زار محمد العمصي المدينة", corrected(*c, o, "زار محمد العمصي المدينة"));
}

// ...but not after a given name's spelling that was itself corrected to
// another word: علي typed for على (جلس علي الكرصي) is no name.
TEST(CorrectSlips, CorrectedGivenNameIsNoName) {
  const Learned learned = learn({{"قال علي بن سعد\n", 40}, {"جلس الرجل على الكرسي\n", 200}});
  const Result<Corrector>& c = learned.corrector;
  ASSERT_TRUE(c.ok()) << c.error().message();
  CorrectOptions o;
  o.weights.edit = o.weights.edit_near = -1;
  EXPECT_EQ("جلس الرجل على الكرسي", corrected(*c, o, "جلس الرجل علي الكرصي"));
  EXPECT_EQ("قال علي الكرصي", corrected(*c, o, "قال علي الكرصي"));
}

// A word hunspell-ar spells so (نجاتها: نجاة and a pronoun, the ة written
// ت) is more likely a word the model has not seen than a slip of one it has
// (نجاحها): its slips cost dictionary_word more. A word no dictionary has
// (نجاشها) pays nothing. (Weights beyond the default make the test depend on
// the dictionary alone, not on this small model's margins.)
TEST(CorrectSlips, WordTheDictionarySpellsIsLikelierThanASlip) {
  const Learned learned =
      learn({{"نريد ضمان نجاحها في العام المقبل\n", 40}, {"عملنا لها ولنجاحها كثيرا\n", 40}});
  const Result<Corrector>& c = learned.corrector;
  ASSERT_TRUE(c.ok()) << c.error().message();
  expect_weight_decides(*c, &CorrectWeights::dictionary_word, -100, 0,
                        "نريد ضمان نجاتها في العام المقبل", "نريد ضمان نجاحها في العام المقبل");
  // ...through its proclitics: و + ل + نجاتها.
  expect_weight_decides(*c, &CorrectWeights::dictionary_word, -100, 0, "عملنا لها ولنجاتها كثيرا",
                        "عملنا لها ولنجاحها كثيرا");
  CorrectOptions o;
  o.weights.dictionary_word = -100;
  EXPECT_EQ("نريد ضمان نجاحها في العام المقبل",
            corrected(*c, o, "نريد ضمان نجاشها في العام المقبل"));
}

// Two known words run together into a word hunspell-ar does not spell
// (لايفيد) are likelier than a word no dictionary has: their split gains
// unspelled_split. A word it spells (لماذا, though لما and ذا are known
// words) gains nothing, however much that weight is.
TEST(CorrectSplits, WordNoDictionarySpellsIsLikelierTwoWords) {
  const Learned learned = learn({{"قال إن هذا لا يفيد أحدا\n", 20}, {"قال لما ذا\n", 20}});
  const Result<Corrector>& c = learned.corrector;
  ASSERT_TRUE(c.ok()) << c.error().message();
  CorrectOptions o;
  o.weights.split = -30;
  o.weights.unspelled_split = 0;
  EXPECT_EQ("قال إن هذا لايفيد أحدا", corrected(*c, o, "قال إن هذا لايفيد أحدا"));
  o.weights.unspelled_split = 30;
  EXPECT_EQ("قال إن هذا لا يفيد أحدا", corrected(*c, o, "قال إن هذا لايفيد أحدا"));
  EXPECT_EQ("قال لماذا", corrected(*c, o, "قال لماذا"));
  o.weights.split = 0;
  EXPECT_EQ("قال لما ذا", corrected(*c, o, "قال لماذا"));  // (the split is a candidate)
}

// The article is never a word of its own: اللوفتس is no split into ال and
// لوفتس, however cheap a split is made.
TEST(CorrectSplits, TheArticleIsNoHalf) {
  const Learned learned = learn({{"رأيت ال في النص\n", 20}, {"رأيت لوفتس في النص\n", 20}});
  const Result<Corrector>& c = learned.corrector;
  ASSERT_TRUE(c.ok()) << c.error().message();
  CorrectOptions o;
  o.weights.split = 30;
  o.weights.unknown_word = -40;
  EXPECT_EQ("رأيت اللوفتس في النص", corrected(*c, o, "رأيت اللوفتس في النص"));
  EXPECT_EQ("رأيت لوفتسال في النص", corrected(*c, o, "رأيت لوفتسال في النص"));
  EXPECT_EQ("رأيت لوفتس في النص", corrected(*c, o, "رأيت لوفتسفي النص"))
      << "any other split is a candidate with these weights";
}

// Two words run together where the second has a proclitic the model never
// saw it with (والمدرسة): still two known words.
TEST_F(CorrectTest, SplitHalfMayCarryAProclitic) {
  EXPECT_EQ(fix("ذهب الرجل إلى السوقوالمدرسة"), "ذهب الرجل إلى السوق والمدرسة");
  EXPECT_EQ(fix("ذهب الرجل إلى السوقللمدرسة"), "ذهب الرجل إلى السوق للمدرسة");
}

// Two words the corpus never writes side by side, where chance would have
// them there often, are not what a word run together means: من من and عن
// من are written ممن and عمن. The pair counts even where both halves are
// one word. Words it does write side by side still split.
TEST(CorrectSplits, WordsThatAvoidEachOtherAreNoSplit) {
  const Learned learned =
      learn({{"خرج من البيت من الصباح عن قصد\nسأل عن البيت من الصباح\nسأل أين خرج ثم متى سأل\n"
              "قال عن البيت من الصباح عن البيت من الصباح\n",
              40}});
  const Result<Corrector>& c = learned.corrector;
  ASSERT_TRUE(c.ok()) << c.error().message();
  CorrectOptions o;
  o.weights.unknown_word = -40;
  EXPECT_EQ("سأل منمن خرج", corrected(*c, o, "سأل منمن خرج"));
  EXPECT_EQ("ثم عنمن سأل", corrected(*c, o, "ثم عنمن سأل"));
  EXPECT_EQ("خرج من البيت", corrected(*c, o, "خرج منالبيت"));
}

// A preposition glued to a number is split off it; another two-letter word
// glued to one stays (أس6, بي3: a Latin letter's name).
TEST_F(CorrectTest, PrepositionGluedToANumberIsSplit) {
  EXPECT_EQ(fix("ذهب الولد في2015 إلى المدرسة"), "ذهب الولد في 2015 إلى المدرسة");
  EXPECT_EQ(fix("ذهب الولد 2015في المدرسة"), "ذهب الولد 2015 في المدرسة");
  EXPECT_EQ(fix("أكبر مدينة في البلاد هي3"), "أكبر مدينة في البلاد هي3");
}

TEST_F(CorrectTest, LeavesUnknownWordsAndOtherBytes) {
  const std::string text = "زار كازاخستان, Hello 123 ٢٧٠ 😀 \xFF مُدَرِّسة\r\n\n  ";
  EXPECT_EQ(fix(text), text);
  EXPECT_EQ(fix(""), "");
}

TEST_F(CorrectTest, ClassesLimitWhatChanges) {
  CorrectOptions hamza_only;
  hamza_only.classes = 1u << int(CorrectClass::kHamza);
  EXPECT_EQ(fix("المدرسه اكبر", hamza_only), "المدرسه أكبر");
  Result<uint32_t> bits = parse_correct_classes("hamza,ta_marbuta");
  ASSERT_TRUE(bits.ok());
  EXPECT_EQ(*bits, (1u << int(CorrectClass::kHamza)) | (1u << int(CorrectClass::kTaMarbuta)));
  EXPECT_FALSE(parse_correct_classes("hamza,spelling").ok());
  EXPECT_FALSE(parse_correct_classes("").ok());
}

TEST_F(CorrectTest, EditsNameBytesOfTheInput) {
  const std::string text = "قال: ذهب الولد الي المدرسه\nو اكبر";
  std::vector<CorrectEdit> edits;
  corrector_->find_edits(text, {}, &edits, 100);
  ASSERT_EQ(edits.size(), 3u);
  EXPECT_EQ(text.substr(edits[0].begin - 100, edits[0].end - edits[0].begin), "الي");
  EXPECT_EQ(edits[0].replacement, "إلى");
  EXPECT_EQ(edits[1].cls, CorrectClass::kTaMarbuta);
  EXPECT_EQ(edits[2].replacement, "أكبر");
  for (const CorrectEdit& e : edits) EXPECT_GT(e.confidence, 0.5);
}

// Whatever the text, corrections only replace whole Arabic-letter tokens (or
// put a space between a word and a number), in order, and nothing else moves.
TEST_F(CorrectTest, AnyTextKeepsEveryByteOutsideItsEdits) {
  const std::vector<std::string> pieces = {
      "اكبر", "الي", "المدرسه", "السوقفي", "المخايرات", "على", "علي", " ",
      "  ",   "\n",  "\r\n",    ",",       "٢٧٠",       "1",   "abc", "\xFF",
      "\xD8", "ـ",   "ُ",        "ة",       "ى",         "أ",   "😀",   "المدرسة"};
  std::mt19937 rng(7);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const int n = int(rng() % 12);
    for (int i = 0; i < n; ++i) text += pieces[rng() % pieces.size()];
    std::vector<CorrectEdit> edits;
    corrector_->find_edits(text, {}, &edits);
    std::vector<Token> tokens;
    Tokenizer().tokenize(text, &tokens);
    std::string rebuilt;
    uint64_t at = 0;
    for (const CorrectEdit& e : edits) {
      ASSERT_LE(at, e.begin) << text;
      ASSERT_LE(e.begin, e.end);
      ASSERT_LE(e.end, text.size());
      if (e.begin == e.end) {
        EXPECT_EQ(e.replacement, " ");
      } else {
        bool whole_token = false;
        for (const Token& t : tokens) {
          whole_token |= t.begin == e.begin && t.end == e.end && t.kind == TokenKind::kArabic;
        }
        EXPECT_TRUE(whole_token) << text;
        EXPECT_FALSE(e.replacement.empty());
      }
      rebuilt += text.substr(at, e.begin - at) + e.replacement;
      at = e.end;
    }
    rebuilt += text.substr(at);
    std::string out;
    corrector_->correct(text, {}, &out);
    EXPECT_EQ(out, rebuilt);
    CorrectOptions none;
    none.min_confidence = 1.1;  // nothing is that sure
    EXPECT_EQ(fix(text, none), text);
  }
}

// A long text is corrected in windows cut at sentence ends: every sentence
// comes out as it does alone, wherever the cuts fall.
TEST_F(CorrectTest, LongTextsAsTheirSentences) {
  const std::string sentence = "ذهب الولد الي المدرسه، ثم جلس الرجل علي الكرسي. ";
  const std::string fixed = fix(sentence);
  ASSERT_NE(fixed, sentence);
  for (size_t n : {1000u, 3001u}) {  // 93 KB and 280 KB, no line end
    std::string text, want;
    for (size_t i = 0; i < n; ++i) {
      text += sentence;
      want += fixed;
    }
    EXPECT_EQ(fix(text), want);
  }
}

TEST(CorrectionModelBuilder, SameCountsSameBytes) {
  std::vector<std::string> texts = corpus_texts(3);
  texts.push_back("نص آخر\nفيه سطران");
  const std::string a = build_model(texts);
  std::reverse(texts.begin(), texts.end());
  EXPECT_EQ(build_model(texts), a);
  EXPECT_TRUE(Corrector::from_bytes(a).ok());
}

TEST(CorrectionModel, BadModelsAreErrorsNotCrashes) {
  const std::string good = build_model(corpus_texts(5));
  EXPECT_EQ(Corrector::from_bytes("").error().code(), ErrorCode::kBadModel);
  EXPECT_EQ(Corrector::from_bytes(good.substr(0, good.size() / 2)).error().code(),
            ErrorCode::kBadModel);
  std::string flipped = good;
  flipped[flipped.size() / 2] ^= 1;
  EXPECT_EQ(Corrector::from_bytes(flipped).error().code(), ErrorCode::kBadModel);
  EXPECT_EQ(Corrector::open("/nonexistent/dir/x.model").error().code(), ErrorCode::kIoError);
  // Bytes changed behind a good checksum: opened and checked, or refused;
  // a model that opens must correct any text without reading out of bounds.
  std::mt19937 rng(11);
  int opened = 0;
  for (int round = 0; round < 300; ++round) {
    std::string m = good;
    for (int k = 0; k < 1 + int(rng() % 4); ++k) {
      m[Model::kHeaderSize + rng() % (m.size() - Model::kHeaderSize)] = char(rng());
    }
    model_writer::refix(&m);
    Result<Corrector> c = Corrector::from_bytes(m);
    if (!c) {
      EXPECT_EQ(c.error().code(), ErrorCode::kBadModel);
      continue;
    }
    ++opened;
    std::string out;
    c->correct("ذهب الولد الي المدرسه اكبر السوقفي المخايرات", {}, &out);
  }
  EXPECT_GT(opened, 0);
}

// A pair seen once, too seldom for the model to count, still gives a slip's
// candidate its context: الحكزمية after الاتصالات is likelier الحكومية, which
// the corpus has once after it. So where a model without seen pairs just
// keeps the word (an unknown word made dear enough), the model with them
// changes it. Only for a candidate the lexicon accepts: a name's other
// spelling gains nothing (its pairs would move a name to it).
TEST(CorrectContext, PairSeenOnceGivesASlipItsContext) {
  const auto corrector = [](bool seen_pairs, bool candidate_in_lexicon, std::string* model) {
    CorrectionModelBuilder b;
    for (int r = 0; r < 30; ++r) {
      b.add_text("تعمل الجهات الحكومية في المدينة\nقالت شركة الاتصالات إن الخدمة تعمل\n");
      b.add_text("أعلنت الاتصالات أمس نتائجها\nزار الوزير شركة الاتصالات\n");
    }
    b.add_text("في مكاتب الاتصالات الحكومية\n");
    for (const char* w : {"تعمل", "الجهات", "في", "المدينة", "قالت", "شركة", "الاتصالات", "إن",
                          "الخدمة", "أعلنت", "أمس", "نتائجها", "زار", "الوزير", "مكاتب"}) {
      b.add_lexicon_word(w);
    }
    if (candidate_in_lexicon) b.add_lexicon_word("الحكومية");
    CorrectionModelBuilder::Limits limits;
    limits.seen_pairs = seen_pairs;
    *model = b.finish(limits, "test model");
    return Corrector::from_bytes(*model);
  };
  std::string models[3];  // the correctors read them
  Result<Corrector> with = corrector(true, true, &models[0]);
  Result<Corrector> without = corrector(false, true, &models[1]);
  Result<Corrector> unlisted = corrector(true, false, &models[2]);
  for (const Result<Corrector>* c : {&with, &without, &unlisted}) {
    ASSERT_TRUE(c->ok()) << c->error().message();
  }
  CorrectOptions o;
  // The close call for `text`: the first unknown_word from -13 up at which the
  // model without seen pairs keeps it as typed.
  const auto close_call = [&](const std::string& text) {
    o.weights.unknown_word = -13;
    while (corrected(*without, o, text) != text && o.weights.unknown_word < 0) {
      o.weights.unknown_word += 0.25;
    }
  };
  const std::string typed = "في مكاتب الاتصالات الحكزمية";
  const std::string fixed = "في مكاتب الاتصالات الحكومية";
  close_call(typed);
  ASSERT_LT(o.weights.unknown_word, 0) << "no close call";
  EXPECT_EQ(fixed, corrected(*with, o, typed)) << "unknown_word " << o.weights.unknown_word;
  EXPECT_EQ(typed, corrected(*unlisted, o, typed));
  // Nor when hunspell-ar spells the word as typed (الحكومة, a word this
  // model has not seen, الحكومية less a letter): such a word is likelier
  // right, and the pairs would move it too.
  const std::string spelled = "في مكاتب الاتصالات الحكومة";
  close_call(spelled);
  ASSERT_LT(o.weights.unknown_word, 0) << "no close call";
  EXPECT_EQ(spelled, corrected(*with, o, spelled)) << "unknown_word " << o.weights.unknown_word;
}

// The optional seen_pairs section is checked as the others are: each broken
// form of it is refused, and a model without it opens.
TEST(CorrectionModel, BadSeenPairsAreErrors) {
  const std::string good = build_model(corpus_texts(5));
  Result<Model> file = Model::from_bytes(good, correct_internal::kKind, correct_internal::kVersion);
  ASSERT_TRUE(file.ok()) << file.error().message();
  const ModelSection* seen = file->find("seen_pairs");
  ASSERT_NE(seen, nullptr);
  const std::string seen_bytes(reinterpret_cast<const char*>(seen->bytes.data()),
                               seen->bytes.size());
  // `good` with its seen_pairs section replaced by `bytes` (or left out).
  const auto with_seen = [&](const std::string* bytes) {
    std::vector<model_writer::Section> sections;
    for (const ModelSection& s : file->sections()) {
      std::string data(reinterpret_cast<const char*>(s.bytes.data()), s.bytes.size());
      if (s.name != "seen_pairs") {
        sections.push_back({std::string(s.name), std::move(data), 8});
      } else if (bytes != nullptr) {
        sections.push_back({"seen_pairs", *bytes, 8});
      }
    }
    return model_writer::container(correct_internal::kKind, correct_internal::kVersion, sections);
  };
  EXPECT_TRUE(Corrector::from_bytes(with_seen(&seen_bytes)).ok());
  EXPECT_TRUE(Corrector::from_bytes(with_seen(nullptr)).ok());
  std::vector<std::string> broken;
  broken.push_back(seen_bytes.substr(0, 12));                     // no whole header
  broken.push_back(seen_bytes.substr(0, seen_bytes.size() - 2));  // a fingerprint short
  std::string bits = seen_bytes;
  model_writer::set32(&bits, 0, 0);  // no buckets
  broken.push_back(bits);
  std::string first = seen_bytes;
  model_writer::set32(&first, 16, 1);  // offsets[0] is not 0
  broken.push_back(first);
  const uint8_t* header = reinterpret_cast<const uint8_t*>(seen_bytes.data());
  std::string last = seen_bytes;  // the last offset is not the number of fingerprints
  model_writer::set32(&last, 16 + 4 * (size_t(1) << model_internal::load_u32(header)),
                      model_internal::load_u32(header + 4) - 1);
  broken.push_back(last);
  for (const std::string& b : broken) {
    Result<Corrector> c = Corrector::from_bytes(with_seen(&b));
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().code(), ErrorCode::kBadModel);
    EXPECT_NE(c.error().message().find("seen_pairs"), std::string::npos) << c.error().message();
  }
}

TEST(CorrectionModel, DefaultModelOpens) {
  Result<Corrector> c = Corrector::open_default();
  ASSERT_TRUE(c.ok()) << c.error().message();
  EXPECT_GT(c->vocabulary_size(), 100000u);
  std::string out;
  c->correct("ذهب الي المدرسه", {}, &out);
  EXPECT_EQ(out, "ذهب إلى المدرسة");
}

}  // namespace
}  // namespace dhad
