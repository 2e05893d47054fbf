// dhad/correct.h — orthographic correction of Arabic text, and the models it
// reads (`dhad learn`).
//
// A Corrector finds the words of a text that are misspelled and what they
// should be: a hamza left off or on the wrong seat (اكبر → أكبر), final ي
// typed for ى and the reverse (علي → على, فى → في), final ه for ة and the
// reverse, two words run together (غضبحاولت → غضب حاولت, ٢٧٠الف → ٢٧٠ ألف),
// and one-letter slips (a letter replaced, left out, doubled or swapped).
//
// How it decides: a noisy channel. Each word's candidates are the model's
// words of the same skeleton (the word with hamza seats, ى/ي and ة/ه folded:
// one lookup finds اكبر's أكبر), and for a word the model does not know,
// its known words one edit away (found through an index of their one-letter
// deletions) and its splits into two known words. Each candidate is scored
// by a bigram language model over its neighbours (absolute discounting,
// counts from the model's corpus; a neighbour that is a far rarer spelling
// of a known word, ان of أن, counts as that word) plus the cost of the error
// that would turn it into what was typed (CorrectWeights: adding a hamza is
// cheap, removing one is dear). A word changes only when the best candidate's share of the
// probability over all candidates, the word as typed included, is at least
// CorrectOptions::min_confidence: words the model knows keep their spelling
// unless context is strongly against them, and unknown names stay.
//
// Everything not corrected is kept byte for byte: spaces, punctuation, lines,
// other scripts, words with diacritics or tatweel (left as they are).
//
// Thread-safety: a Corrector is immutable; share it between threads.
// Cost: open_default() checks the embedded model once (a few ms); a known
// word without variants costs one hash lookup, a word with variants a few
// bigram lookups, an unknown word an edit and split search of ~2n lookups.
//
//   auto c = dhad::Corrector::open_default();      // Result<Corrector>
//   std::string out;
//   c->correct("ذهب الي المدرسه", {}, &out);       // "ذهب إلى المدرسة"
#ifndef DHAD_CORRECT_H_
#define DHAD_CORRECT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dhad/export.h"
#include "dhad/model.h"
#include "dhad/result.h"
#include "dhad/utf8.h"

namespace dhad {

/// The kinds of error a Corrector fixes (the names of score_correct.py).
enum class CorrectClass : uint8_t {
  kHamza,          ///< "hamza": a hamza seat added, moved or removed
  kAlefMaqsura,    ///< "alef_maqsura": final ى and ي swapped
  kTaMarbuta,      ///< "ta_marbuta": final ة and ه swapped
  kSpaceDeletion,  ///< "space_deletion": two words run together
  kSubstitution,   ///< "substitution": one letter typed for another
  kDeletion,       ///< "deletion": a letter left out (the fix inserts it)
  kInsertion,      ///< "insertion": a letter too many, or doubled
  kTransposition,  ///< "transposition": two neighbouring letters swapped
};
inline constexpr int kCorrectClassCount = 8;

/// The class's name as above; parse_correct_classes() reads a list of them.
DHAD_EXPORT std::string_view correct_class_name(CorrectClass c);
/// "hamza,ta_marbuta" (or "all") -> a bit set of (1 << class); kInvalidArgument
/// naming the unknown name.
DHAD_EXPORT Result<uint32_t> parse_correct_classes(std::string_view list);

/// The channel: natural-log costs (<= 0) of each kind of error, added to a
/// candidate's language-model score. Defaults are tuned for F0.5 on half of
/// pud-dev's noisy copy (tools/correct/tune.py); change them to experiment.
struct CorrectWeights {
  double hamza_add = -0.875;      ///< a hamza seat where a bare ا و ي was typed
  double hamza_change = -7.0;     ///< a hamza seat moved, or removed
  double alef_maqsura = -2.5;     ///< final ي <-> ى
  double ta_marbuta = -1.75;      ///< final ه <-> ة
  double clitic_variant = 0.0;    ///< a clitic on another spelling of a known word
  double split = -2.0;            ///< a space inserted
  double edit = -11.0;            ///< one letter replaced, inserted, deleted or swapped
  double edit_near = -8.0;        ///< ...replaced by a dot or keyboard neighbour
  double unknown_word = -13.0;    ///< log-probability of an unknown word as typed
  double unknown_variant = -2.0;  ///< added to it when a known word is it with a usual
                                  ///< slip undone (a hamza added, ه to ة, ى/ي): a name
                                  ///< or new word seldom falls on a known word's skeleton
  double unknown_long = -2.0;     ///< added to it per letter past eight: so long a word
                                  ///< is rare (of the corpus's words seen once, 14 % have
                                  ///< 8 letters, 2.6 % 10), two words run together are not
  double known_bonus = 1.5;       ///< added to keeping a word the lexicon accepts
  double lexicon_bonus = 0.5;     ///< added to a candidate the lexicon accepts when
                                  ///< the typed word is not in it
  double final_inside = -20.0;    ///< added to keeping an unknown word with ة or ى
                                  ///< before its end (two words run together), or
                                  ///< with two alefs in a row (أالماتا)
  double inflected_bonus = 1.75;  ///< added to keeping an unknown word that is a
                                  ///< known one with clitics or endings added
  double respelled_word = -2.0;   ///< added to a ة/ه respelling of a word the lexicon
                                  ///< accepts, and to a ى/ي one or a hamza on its
                                  ///< final alef if that word is not ten times
                                  ///< rarer than its skeleton's top spelling: both
                                  ///< are words (عينه, عينة; بدا, بدأ)
  double spelled_nearby = -2.0;   ///< added to a ى/ي or ة/ه respelling of a word the
                                  ///< lexicon accepts when the same line has that
                                  ///< spelling as typed: the writer knows it, so the
                                  ///< word is likely another (علي the name, عليّ;
                                  ///< حاله "his state")
  double dictionary_word = -2.0;  ///< added to a one-letter slip of an unknown word
                                  ///< that hunspell-ar spells so (through its
                                  ///< proclitics, article and pronoun): more
                                  ///< likely a word the model has not seen
                                  ///< (نجاتها, عكاز) than a slip
  double unspelled_split = 3.0;   ///< added to a split of an unknown word that
                                  ///< hunspell-ar does not spell (so checked):
                                  ///< two words run together are likelier than
                                  ///< a word no dictionary has (ماعرفته, أوجماعة)
  int min_inflected_count = 10;   ///< ...a known word seen this often
  int rare_count = 2;             ///< known words seen fewer times are searched
                                  ///< for edits and splits like unknown ones: none
                                  ///< with the default model (it keeps words seen
                                  ///< twice); a word written the same way twice is
                                  ///< mostly a name, a loanword or dialect, not a slip
  int min_candidate_count = 3;    ///< edit and split candidates seen at least this often
};

struct CorrectOptions {
  /// A word changes when its best candidate has at least this share of the
  /// probability over all candidates.
  double min_confidence = 0.55;
  /// Which classes may be corrected: bits (1 << CorrectClass); all by default.
  uint32_t classes = (1u << kCorrectClassCount) - 1;
  CorrectWeights weights;
};

/// One correction: bytes [begin, end) of the text become `replacement`.
struct CorrectEdit {
  Offset begin = 0;
  Offset end = 0;
  std::string replacement;
  CorrectClass cls = CorrectClass::kHamza;
  double confidence = 0;
};

class DHAD_EXPORT Corrector {
 public:
  /// The model embedded in the library (data/correct/correct.model).
  static Result<Corrector> open_default();
  /// A model file written by `dhad learn` (CorrectionModelBuilder); kIoError
  /// or kBadModel naming what is wrong.
  static Result<Corrector> open(const std::string& path);
  /// A model already in memory; `bytes` must outlive the Corrector.
  static Result<Corrector> from_bytes(std::string_view bytes);

  Corrector(Corrector&&) noexcept;
  Corrector& operator=(Corrector&&) noexcept;
  Corrector(const Corrector&);
  Corrector& operator=(const Corrector&);
  ~Corrector();

  /// Appends the corrections of `text` to `edits`, in order, offsets plus
  /// `base`. Invalid UTF-8 is never corrected (it is not a word).
  void find_edits(std::string_view text, const CorrectOptions& options,
                  std::vector<CorrectEdit>* edits, uint64_t base = 0) const;
  /// Appends `text` with its corrections applied.
  void correct(std::string_view text, const CorrectOptions& options, std::string* out) const;

  /// The model's `about` text (how it was built), or "".
  std::string_view about() const;
  /// Words in the model's vocabulary.
  size_t vocabulary_size() const;

  struct Impl;  // internal

 private:
  explicit Corrector(std::shared_ptr<const Impl> impl);
  static Result<Corrector> from_model(Result<Model> file, const std::string& where);
  std::shared_ptr<const Impl> impl_;
};

/// Builds a correction model from text (what `dhad learn` runs): word and
/// word-pair counts of the text, and optionally a lexicon of words known to be
/// spelled right (the default model's comes from hunspell-ar). Memory grows
/// with the distinct words and pairs of the text, not its length.
class DHAD_EXPORT CorrectionModelBuilder {
 public:
  CorrectionModelBuilder();
  ~CorrectionModelBuilder();
  CorrectionModelBuilder(const CorrectionModelBuilder&) = delete;
  CorrectionModelBuilder& operator=(const CorrectionModelBuilder&) = delete;

  /// Counts the words of `text`; a line end ends a sentence. Texts are
  /// independent of each other.
  void add_text(std::string_view text);
  /// Adds a lexicon word (one word, no spaces); words with marks are stripped.
  void add_lexicon_word(std::string_view word);

  struct Limits {
    uint32_t min_word_count = 2;     ///< words outside the lexicon seen less often are dropped
    uint32_t min_lexicon_count = 2;  ///< ...and lexicon words seen less often
                                     ///< (0: every lexicon word, seen or not)
    uint32_t min_pair_count = 3;     ///< word pairs seen less often are not stored
                                     ///< with their counts...
    bool seen_pairs = true;          ///< ...but as seen (the corrector gives a
                                     ///< slip's candidate such context)
    uint32_t min_index_count = 5;    ///< words in the edit index are seen this often
  };
  /// The model file's bytes. `about` is stored in it as text.
  std::string finish(const Limits& limits, std::string_view about) const;

  uint64_t words_seen() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace dhad

#endif  // DHAD_CORRECT_H_
