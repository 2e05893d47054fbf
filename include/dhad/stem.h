// dhad/stem.h — Arabic stemmers: light10 (Lucene) and ISRI (NLTK), one interface.
//
// A Stemmer maps one token to its stem. Two algorithms sit behind the same
// interface, each a byte-exact reimplementation of a widely used peer, so that an
// index or a model built with the peer can be searched or fed with dhad:
//
// | algorithm | equals                                                          |
// |-----------|-----------------------------------------------------------------|
// | light10   | Lucene's ArabicNormalizer then ArabicStemmer (Lucene++ 3.0.8)   |
// | isri      | NLTK's ISRIStemmer().stem (nltk 3.8)                            |
//
// Both are checked against the live peers on every distinct token of a corpus
// slice (tests/stem_diff.sh) and against slow code-point references (stem_test).
//
// Input is one token, UTF-8; the caller splits text into words first (dhad's
// Tokenizer, or Lucene's ArabicLetterTokenizer when reproducing Lucene). Both
// algorithms count characters as code points, as the peers do (Lucene++ uses
// UTF-32 wide strings, NLTK Python str). Valid UTF-8 is expected (apply a
// dhad/utf8.h policy first); on other bytes a stemmer reads and writes only
// inside `word` and `out` and never lengthens the word, but the stem is
// unspecified.
//
// Thread-safety: a Stemmer is immutable after make_stemmer(); share one between
// threads. Cost: stem() is one pass over the token plus a few comparisons at its
// ends (light10 also runs the Normalizer on a token that holds a character it
// changes); it appends to a caller-owned string and allocates nothing else, so a
// loop that reuses `out` allocates nothing once `out` has grown.
//
//   std::unique_ptr<dhad::Stemmer> stemmer = dhad::make_stemmer(dhad::StemAlgorithm::kLight10);
//   std::string out;
//   stemmer->stem("والكتابات", &out);  // out == "كتاب"
#ifndef DHAD_STEM_H_
#define DHAD_STEM_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "dhad/export.h"
#include "dhad/result.h"

namespace dhad {

/// The stemming algorithms.
enum class StemAlgorithm : int {
  /// Lucene's light stemmer (Larkey's light10 family), Lucene++ 3.0.8 behaviour:
  ///  1. normalize as Normalizer(NormalizeOptions::lucene()) does: أ إ آ → ا,
  ///     ى → ي, ة → ه, delete tatweel and harakat (U+064B–0652);
  ///  2. strip the first matching prefix of ال وال بال كال فال لل و, if at least
  ///     2 characters remain (و: only from words of 4 or more characters);
  ///  3. then, in this order, strip each suffix ها ان ات ون ين يه ية ه ة ي that
  ///     matches, each only if at least 2 characters remain (ها then ي can both go).
  /// Any other token (Latin, digits, punctuation) passes unchanged unless step 1
  /// touches it, exactly as in Lucene.
  kLight10,
  /// The ISRI root-extraction stemmer (Taghva et al. 2005) as NLTK implements it,
  /// quirks included:
  ///  1. delete harakat U+064B–0652 (not U+0670, not tatweel);
  ///  2. a word on NLTK's list of 49 stop words is returned as it now is;
  ///  3. strip one prefix كال بال ولل وال (word ≥ 6 characters) or ال لل (≥ 5);
  ///     then one suffix تمل همل تان تين كمل (≥ 6) or ون ات ان ين تن كم هن نا يا
  ///     ها تم كن ني وا ما هم (≥ 5); then one و of a leading وو (≥ 4);
  ///  4. fold a leading آ أ إ (first character only) to ا;
  ///  5. words of 4–7 characters are matched against ISRI's 3- and 4-letter root
  ///     patterns (مفعل فاعل … استفعل تفاعيل); where none fits, one suffix
  ///     ة ه ي ك ت ا ن or else one prefix ل ب ف س و ي ت ن ا is stripped and the
  ///     shorter word tried again; shorter and longer words keep step 4's result.
  /// Hamza seats ؤ ئ ء and ى are not normalized (NLTK dropped that step). A token
  /// with no Arabic letter (Latin, digits, punctuation) passes unchanged: no
  /// pattern or affix matches it, as in NLTK.
  kIsri,
};

/// "light10" or "isri".
DHAD_EXPORT std::string_view stem_algorithm_name(StemAlgorithm algorithm);
/// Parses "light10" or "isri".
DHAD_EXPORT Result<StemAlgorithm> parse_stem_algorithm(std::string_view name);

/// Stems one token at a time. Immutable; thread-safe.
class DHAD_EXPORT Stemmer {
 public:
  virtual ~Stemmer();

  /// Appends the stem of the single token `word` to `out` (nothing is cleared).
  /// The stem may be empty, e.g. for a token made only of harakat.
  void stem(std::string_view word, std::string* out) const;

  /// Writes the stem of `word` to `out`, which must have room for word.size()
  /// bytes (a stem is never longer than its word), and returns its length. The
  /// same stem as stem(); for callers that write many stems into one buffer.
  virtual size_t stem_to(std::string_view word, char* out) const = 0;

  /// The algorithm's name, as parse_stem_algorithm() accepts it.
  virtual std::string_view name() const = 0;
};

/// | option           | default | effect                                              |
/// |------------------|---------|-----------------------------------------------------|
/// | min_stem_letters | 0       | light10: when its suffix step would leave a stem of |
/// |                  |         | fewer letters, no suffix is cut (the stem is the    |
/// |                  |         | normalized word less its prefix); 0: as published   |
///
/// light10 cuts a suffix whenever two letters remain, so فيه and في, منها and
/// من, مرة and مر, على and عل share a stem: one that short has lost part of its
/// root, and a function word's stem matches nearly every text. With
/// min_stem_letters = 3 they stay فيه, منها, مره, علي (Snowball's Arabic stemmer
/// and ISRI also keep three letters), while كتابها still stems to كتاب. Letters
/// are code points, counted after normalization. ISRI takes no options.
struct StemOptions {
  unsigned min_stem_letters = 0;
};

/// A new stemmer for `algorithm` (nullptr only for a value outside the enum).
/// Cheap to build (light10 compiles its normalization tables, ~20 KB); build one
/// and share it.
DHAD_EXPORT std::unique_ptr<Stemmer> make_stemmer(StemAlgorithm algorithm);
/// The same, with options: nullptr also for options the algorithm does not
/// take (ISRI with min_stem_letters).
DHAD_EXPORT std::unique_ptr<Stemmer> make_stemmer(StemAlgorithm algorithm,
                                                  const StemOptions& options);

}  // namespace dhad

#endif  // DHAD_STEM_H_
