// Fuzzes Segmenter::from_bytes (dhad/segment.h) with model files: a file is
// rejected with kBadModel (and an offset, if any, within the file), or the
// segmenter it gives segments a fixed set of words and a line, with any
// weights and tables, without reading out of bounds: the pieces cover each word
// in the grammar's order (segment_check.h), split_article only splits the
// article off, segment_token() covers each token of the line and segment_line()
// only adds '+' and spaces. from_bytes copies: the input is freed before the
// segmenter is used. Each input is tried as it is and again with its size and
// checksum fields made right (the container's checksum, dhad/model.h), so that
// mutations get past the checksum to the section table, the tables and the
// lookups; that copy must never fail on its size or checksum.
// Segmenter::open(path) maps a file and checks it as from_bytes does (the
// container itself has its own target, model_fuzzer.cc).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dhad/result.h"
#include "dhad/segment.h"
#include "dhad/tokenize.h"
#include "fuzz_check.h"
#include "model/model.h"
#include "model_check.h"
#include "segment/segment_model.h"
#include "segment_check.h"

namespace {

// Words the seeds' small models know (fuzz/make_segment_model_seeds.py), with
// harakat, tanween, tatweel, the longest word the segmenter splits (48
// letters) and one letter more, and words it never splits.
constexpr std::string_view kWords[] = {
    "وبالكتاب",
    "فسيكتبونها",
    "لأوباما",
    "وزيرها",
    "للسلطة",
    "كتاب",
    "والكتاب",
    "له",
    "عما",
    "حكومته",
    "كتبوه",
    "بالنسبة",
    "سيكون",
    "وقال",
    "فقط",
    "و",
    "وَبِالْكِتَابِ",
    "كتابًا",
    "كتاباً",
    "كتـــاب",
    "وبالكتابوبالكتابوبالكتابوبالكتابوبالكتابوبالكتاب",
    "وبالكتابوبالكتابوبالكتابوبالكتابوبالكتابوبالكتابه",
    "ـكتاب",
    "dhad",
    "٣٠٪",
    "",
};
constexpr std::string_view kLine =
    "وبالكتاب فسيكتبونها لأوباما، وزيرها للسلطة: كتاب 45% و٣٠٪ و2006 فقطـــ لهم";

// Segments `word` from a buffer of exactly its size.
void check_word(const dhad::Segmenter& seg, std::string_view literal) {
  const std::unique_ptr<char[]> copy(new char[literal.size()]);
  if (!literal.empty()) std::memcpy(copy.get(), literal.data(), literal.size());
  const std::string_view word(copy.get(), literal.size());
  std::vector<dhad::Segment> fast[2], ref[2];
  for (int split = 0; split < 2; ++split) {
    const dhad::SegmentOptions options{split == 1};
    seg.segment(word, options, &fast[split]);
    dhad_fuzz::check_pieces(word, fast[split], split == 1, 3);
    dhad::segment_internal::segment_reference(seg, word, options, &ref[split]);
    dhad_fuzz::check_pieces(word, ref[split], split == 1, 3);
  }
  dhad_fuzz::check_article_merge(fast[0], fast[1]);
  dhad_fuzz::check_article_merge(ref[0], ref[1]);
}

void try_model(const uint8_t* data, size_t size, bool fixed) {
  // from_bytes must copy: this buffer is gone before the model is used.
  std::unique_ptr<char[]> bytes(new char[size]);
  if (size > 0) std::memcpy(bytes.get(), data, size);
  dhad::Result<dhad::Segmenter> r =
      dhad::Segmenter::from_bytes(std::string_view(bytes.get(), size));
  bytes.reset();
  if (!r) {
    dhad_fuzz::check_refused_model(r.error(), size, fixed);
    return;
  }
  const dhad::Segmenter& seg = *r;
  const std::string_view about = seg.about();
  volatile unsigned sum = 0;  // reads every byte, so ASan checks the span
  for (char c : about) sum = sum + uint8_t(c);

  for (std::string_view word : kWords) check_word(seg, word);

  static const std::vector<dhad::Token> tokens = [] {
    std::vector<dhad::Token> t;
    dhad::Tokenizer().tokenize(kLine, &t);
    return t;
  }();
  for (int split = 0; split < 2; ++split) {
    const dhad::SegmentOptions options{split == 1};
    std::string out;
    seg.segment_line(kLine, tokens, options, &out);
    dhad_fuzz::check_line_markers(kLine, out);
    for (size_t t = 0; t < tokens.size(); ++t) {
      std::vector<dhad::Segment> pieces;
      (void)seg.segment_token(kLine, tokens, t, options, &pieces);
      dhad_fuzz::check_cover(tokens[t].end - tokens[t].begin, pieces);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dhad_fuzz::try_as_is_and_fixed(std::string_view(reinterpret_cast<const char*>(data), size),
                                 [](std::string_view bytes, bool fixed) {
                                   try_model(reinterpret_cast<const uint8_t*>(bytes.data()),
                                             bytes.size(), fixed);
                                 });
  return 0;
}
