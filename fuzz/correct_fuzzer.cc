// Fuzzes the corrector (dhad/correct.h) on both of its inputs. The first byte
// chooses:
//   even: the rest is text, corrected with the embedded model: the edits are
//         in order, inside the text, each a whole Arabic token or a space
//         put between a word and a number, with a replacement; correct()
//         gives the text with exactly those edits applied; an impossible
//         confidence changes nothing.
//   odd:  the rest is a model file (Corrector::from_bytes), tried as it is and
//         again with its size and checksum fields made right (dhad/model.h),
//         so that mutations reach the corrector's own sections: it is refused
//         with kBadModel, or it corrects a fixed line without reading out of
//         bounds (ASan) and with the same edit invariants.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dhad/correct.h"
#include "dhad/model.h"
#include "dhad/tokenize.h"
#include "fuzz_check.h"
#include "model/model.h"
#include "model_check.h"

namespace {

constexpr std::string_view kLine =
    "ذهب الولد الي المدرسه اكبر السوقفي المخايرات ٢٧٠الف علي, Hello 12 مُدرسة\n"
    "اوكرانيا فى التى غضبحاولت";

void check_edits(const dhad::Corrector& c, std::string_view text) {
  std::vector<dhad::CorrectEdit> edits;
  c.find_edits(text, {}, &edits);
  std::vector<dhad::Token> tokens;
  dhad::Tokenizer().tokenize(text, &tokens);
  std::string applied;
  uint64_t at = 0;
  for (const dhad::CorrectEdit& e : edits) {
    FUZZ_CHECK(at <= e.begin && e.begin <= e.end && e.end <= text.size(), "edit out of order");
    if (e.begin == e.end) {
      FUZZ_CHECK(e.replacement == " ", "an insertion that is not a space");
    } else {
      bool whole = false;
      for (const dhad::Token& t : tokens) {
        whole |= t.begin == e.begin && t.end == e.end && t.kind == dhad::TokenKind::kArabic;
      }
      FUZZ_CHECK(whole, "edit [%llu, %llu) is not an Arabic token", (unsigned long long)e.begin,
                 (unsigned long long)e.end);
      FUZZ_CHECK(!e.replacement.empty(), "empty replacement");
    }
    FUZZ_CHECK(e.confidence > 0 && e.confidence <= 1, "confidence %f", e.confidence);
    applied.append(text.substr(at, e.begin - at));
    applied.append(e.replacement);
    at = e.end;
  }
  applied.append(text.substr(at));
  std::string out;
  c.correct(text, {}, &out);
  FUZZ_CHECK(out == applied, "correct() differs from its edits");
  dhad::CorrectOptions none;
  none.min_confidence = 2;
  out.clear();
  c.correct(text, none, &out);
  FUZZ_CHECK(out == text, "changed text at confidence 2");
}

void try_model(std::string_view bytes, bool fixed) {
  dhad::Result<dhad::Corrector> c = dhad::Corrector::from_bytes(bytes);
  if (!c) {
    dhad_fuzz::check_refused_model(c.error(), bytes.size(), fixed);
    return;
  }
  check_edits(*c, kLine);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const bool model = data[0] & 1;
  // A copy of exactly the input's size, so that ASan sees reads past its end.
  const std::unique_ptr<char[]> copy(new char[size - 1 + 1]);
  std::memcpy(copy.get(), data + 1, size - 1);
  const std::string_view rest(copy.get(), size - 1);
  if (!model) {
    static const dhad::Corrector* corrector = [] {
      dhad::Result<dhad::Corrector> c = dhad::Corrector::open_default();
      FUZZ_CHECK(c.ok(), "the embedded model: %s", c.error().message().c_str());
      return new dhad::Corrector(std::move(*c));
    }();
    check_edits(*corrector, rest);
    return 0;
  }
  dhad_fuzz::try_as_is_and_fixed(rest, try_model);
  return 0;
}
