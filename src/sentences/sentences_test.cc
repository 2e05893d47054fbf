#include "dhad/sentences.h"

#include <gtest/gtest.h>

#include <string>

namespace dhad {
namespace {

// Sentences joined by " || ".
std::string show(std::string_view text) {
  std::vector<Sentence> out;
  SentenceSplitter().split(text, &out);
  std::string s;
  for (const Sentence& x : out) {
    if (!s.empty()) s += " || ";
    s += text.substr(x.begin, x.end - x.begin);
  }
  return s;
}

struct Case {
  const char* name;
  const char* in;
  const char* want;
};

// The hard cases: each names the trap it sets.
TEST(Sentences, HardCases) {
  const Case cases[] = {
      {"empty", "", ""},
      {"no stop", "جملة بلا نهاية", "جملة بلا نهاية"},
      {"period", "جاء الوزير. ثم غادر.", "جاء الوزير. || ثم غادر."},
      {"arabic question mark", "هل جاء؟ نعم جاء", "هل جاء؟ || نعم جاء"},
      {"exclamation run", "يا للروعة!!! حقا", "يا للروعة!!! || حقا"},
      {"mixed stops", "حقا؟! لا أصدق", "حقا؟! || لا أصدق"},
      {"ellipsis char", "ثم… صمت الجميع", "ثم… || صمت الجميع"},
      {"three dots", "وهكذا... انتهى الأمر", "وهكذا... || انتهى الأمر"},
      {"arabic semicolon", "ارتفعت الأسعار؛ فغضب الناس", "ارتفعت الأسعار؛ || فغضب الناس"},
      {"decimal", "بلغ النمو 3.5 بالمئة. وتراجع", "بلغ النمو 3.5 بالمئة. || وتراجع"},
      {"arabic decimal", "بلغ ٣٫٥ بالمئة", "بلغ ٣٫٥ بالمئة"},
      {"url", "انظر www.spa.gov.sa/news.html للمزيد. شكرا",
       "انظر www.spa.gov.sa/news.html للمزيد. || شكرا"},
      {"url with scheme", "المصدر: https://a.com/x.y?z=1. انتهى",
       "المصدر: https://a.com/x.y?z=1. || انتهى"},
      {"email", "راسلوا info@spa.gov.sa. وسنرد", "راسلوا info@spa.gov.sa. || وسنرد"},
      {"latin initials", "قال J. R. Smith إن", "قال J. R. Smith إن"},
      {"abbreviation U.S.", "The U.S. economy grew. Then it fell.",
       "The U.S. economy grew. || Then it fell."},
      {"latin title", "Dr. Ahmed arrived. He spoke.", "Dr. Ahmed arrived. || He spoke."},
      {"arabic doctor", "قال د. محمد إن الوضع مستقر. وأضاف",
       "قال د. محمد إن الوضع مستقر. || وأضاف"},
      {"lower case continues", "see e.g. the report", "see e.g. the report"},
      {"closing quote after stop", "قال: \"انتهى الأمر.\" ثم خرج",
       "قال: \"انتهى الأمر.\" || ثم خرج"},
      {"closing guillemet", "قال «انتهى الأمر.» ثم خرج", "قال «انتهى الأمر.» || ثم خرج"},
      {"closing bracket", "(وهذا مهم.) لكن", "(وهذا مهم.) || لكن"},
      {"quote opening next sentence", "انتهى. \"ثم بدأ\"", "انتهى. || \"ثم بدأ\""},
      {"blank line", "عنوان بلا نقطة\n\nنص المقال", "عنوان بلا نقطة || نص المقال"},
      {"blank line with spaces", "عنوان\n \t\n\nنص", "عنوان || نص"},
      {"crlf blank line", "عنوان\r\n\r\nنص", "عنوان || نص"},
      {"single newline joins", "سطر أول\nيكمل الجملة.", "سطر أول\nيكمل الجملة."},
      {"time", "الساعة 6:30 صباحا. ثم", "الساعة 6:30 صباحا. || ثم"},
      {"number at end", "في عام 2015. ثم", "في عام 2015. || ثم"},
      {"stop at end only", "انتهى.", "انتهى."},
      {"leading spaces", "   أولا. ثانيا.  ", "أولا. || ثانيا."},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(c.want, show(c.in)) << c.name;
  }
}

TEST(Sentences, OffsetsAreIntoTheInputPlusBase) {
  std::vector<Sentence> out;
  SentenceSplitter().split(" ب. ج", &out, 10);
  ASSERT_EQ(2u, out.size());
  EXPECT_EQ((Sentence{11, 14}), out[0]);
  EXPECT_EQ((Sentence{15, 17}), out[1]);
}

}  // namespace
}  // namespace dhad
