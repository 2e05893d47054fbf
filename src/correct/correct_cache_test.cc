// The corrector keeps facts of recent words per thread. They must belong to
// the corrector that found them: a corrector made after another one was
// destroyed (often at the same address) must not read its facts.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "correct/correct_model.h"
#include "dhad/correct.h"

namespace dhad {
namespace {

std::string model_of(const char* sentence) {
  CorrectionModelBuilder b;
  std::string text;
  for (int i = 0; i < 30; ++i) text += std::string(sentence) + "\n";
  b.add_text(text);
  return b.finish(CorrectionModelBuilder::Limits{}, "cache test");
}

std::vector<std::string> correct_all(const std::string& model,
                                     const std::vector<std::string>& texts) {
  Result<Corrector> c = Corrector::from_bytes(model);
  EXPECT_TRUE(c.ok());
  std::vector<std::string> out;
  for (const std::string& t : texts) {
    out.emplace_back();
    c->correct(t, CorrectOptions{}, &out.back());
  }
  return out;
}

// What a thread with empty caches gives.
std::vector<std::string> fresh(const std::string& model, const std::vector<std::string>& texts) {
  std::vector<std::string> out;
  std::thread([&] { out = correct_all(model, texts); }).join();
  return out;
}

TEST(CorrectCache, FactsBelongToTheirCorrector) {
  // Two models that disagree on which spelling is the word.
  const std::string a = model_of("ذهب الولد على الطريق إلى المدرسة");
  const std::string b = model_of("ذهب الولد علي الطريق الى المدرسه");
  const std::vector<std::string> texts = {"ذهب الولد علي الطريق الى المدرسه",
                                          "ذهب الولد على الطريق إلى المدرسة"};
  const std::vector<std::string> want_a = fresh(a, texts), want_b = fresh(b, texts);
  ASSERT_NE(want_a, want_b);  // else this test could not fail
  for (int round = 0; round < 20; ++round) {
    ASSERT_EQ(want_a, correct_all(a, texts)) << "round " << round;
    ASSERT_EQ(want_b, correct_all(b, texts)) << "round " << round;
  }
}

}  // namespace
}  // namespace dhad
