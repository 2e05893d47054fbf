// dhad/sentences.h — sentence boundaries over the input bytes.
//
// A Sentence is a byte span of the text given to split(), with the whitespace
// around it left out. A sentence ends after . ! ? ؟ … ؛ (and runs of them),
// together with any closing quotes and brackets that follow, and at every
// blank line. It does not end at a decimal point (3.5), inside a URL or an
// email, after a single-letter initial (J. Smith) or a known abbreviation
// (Dr. د. e.g.), or when the next word starts in lower case Latin.
// Thread-safety: immutable; share it. Cost: one tokenizer pass.
//
//   dhad::SentenceSplitter split;
//   std::vector<dhad::Sentence> out;
//   split.split("جاء الوزير. ثم غادر؟", &out);  // two sentences
#ifndef DHAD_SENTENCES_H_
#define DHAD_SENTENCES_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "dhad/export.h"
#include "dhad/utf8.h"

namespace dhad {

struct Sentence {
  Offset begin;  ///< first byte of the sentence
  Offset end;    ///< one past its last byte

  bool operator==(const Sentence&) const = default;
};

class DHAD_EXPORT SentenceSplitter {
 public:
  SentenceSplitter() = default;

  /// Appends the sentences of `text` to `out`, offsets plus `base`.
  void split(std::string_view text, std::vector<Sentence>* out, uint64_t base = 0) const;
};

}  // namespace dhad

#endif  // DHAD_SENTENCES_H_
