// dhad/segment.h — clitic segmentation: proclitics + stem + pronoun enclitic.
//
// A Segmenter splits one Arabic word into the proclitics و ف (conjunctions),
// ب ك ل (prepositions) or س (future, before an imperfect verb), the stem, and
// one enclitic pronoun ه ها هم هما هن ك كما كم كن ي ني نا, in the order Arabic
// allows. The split is surface-preserving: the pieces are byte ranges of the
// word and concatenate back to it, so ل + ال is ل + لسلطة for للسلطة, and a
// stem keeps its written form (حكومت+ه). With SegmentOptions::split_article
// the article is a piece of its own: و + ال + كتاب, and ل + ل + سلطة.
//
// Decisions come from evidence, not from stripping letters: a model (built by
// tools/segment/build_model.py from the hunspell-ar word list and corpus word
// counts) scores each grammatical reading of the word — is the remaining stem
// a known base form, how often is it seen alone, how common is each clitic —
// and keeps the best, so وزير بلد لبنان كتاب stay whole while وبالكتاب
// فسيكتبونها لأوباما وزيرها split. The conventions follow UD Arabic (PADT/PUD):
// the article stays on the stem unless asked, له = ل + ه, مما = م + ما.
//
// Thread-safety: a Segmenter is immutable; share it (copies share the model).
// Cost: open_default() checks the embedded model (~2.5 MB) once per process,
// ~0.4 ms, and later calls share it;
// segment() is one hash lookup for a word of the model's corpus and a few dozen
// for an unseen one, and allocates nothing but the growth of `out`.
//
//   dhad::Result<dhad::Segmenter> seg = dhad::Segmenter::open_default();
//   if (!seg) return 4;
//   std::vector<dhad::Segment> pieces;
//   seg->segment("وبالكتاب", {}, &pieces);  // و | ب | الكتاب (kProclitic ×2, kStem)
#ifndef DHAD_SEGMENT_H_
#define DHAD_SEGMENT_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dhad/export.h"
#include "dhad/result.h"
#include "dhad/tokenize.h"

namespace dhad {

/// What a piece of a word is.
enum class SegmentRole : uint8_t {
  kProclitic,  ///< و ف ب ك ل س, or a preposition reduced before ما/من (م of مما)
  kArticle,    ///< ال, or the ل left of it after ل (only with split_article)
  kStem,       ///< the word itself; a token of clitics only (له) has its host
               ///< preposition as stem, so every word has exactly one stem
  kEnclitic,   ///< the pronoun at the end
};

/// "proclitic", "article", "stem" or "enclitic".
DHAD_EXPORT std::string_view segment_role_name(SegmentRole role);

/// One piece of a word: bytes [begin, end) of the word given to segment().
struct Segment {
  Offset begin;  ///< relative to the word
  Offset end;
  SegmentRole role;

  bool operator==(const Segment&) const = default;
};

/// Appends the text format of one token's pieces (offsets relative to `token`):
/// the pieces separated by "+ ", as in و+ ب+ الكتاب.
DHAD_EXPORT void append_pieces(std::string_view token, std::span<const Segment> pieces,
                               std::string* out);

/// | option        | default | effect                                          |
/// |---------------|---------|-------------------------------------------------|
/// | split_article | false   | the article ال (and the ل of لل) is its own piece |
struct SegmentOptions {
  bool split_article = false;
};

namespace segment_internal {
struct Access;
}

/// Splits words into clitics and stems. Immutable; thread-safe; cheap to copy.
class DHAD_EXPORT Segmenter {
 public:
  /// The model embedded in the library (data/segment/segment.model).
  static Result<Segmenter> open_default();

  /// The model file at `path` (written by tools/segment/build_model.py),
  /// mapped read-only and checked once (~0.5 ms for the default model). A file
  /// that cannot be opened or mapped (a pipe) gives ErrorCode::kIoError; one
  /// that is not a valid model, or is larger than kMaxModelBytes,
  /// ErrorCode::kBadModel.
  static Result<Segmenter> open(const std::string& path);

  /// Model files are refused beyond this size (the default model is ~2.5 MB).
  static constexpr size_t kMaxModelBytes = size_t{256} << 20;

  /// A model from the bytes of a model file (copied). A truncated, corrupt or
  /// hostile file gives ErrorCode::kBadModel.
  static Result<Segmenter> from_bytes(std::string_view bytes);

  /// Appends the pieces of one word to `out`, in order, covering it exactly
  /// (nothing for an empty word). A word that is not made only of Arabic
  /// letters and harakat/tatweel (Latin, digits, punctuation, mixed scripts,
  /// invalid UTF-8) comes back as one kStem piece. Harakat and tatweel stay on
  /// the letter before them.
  void segment(std::string_view word, const SegmentOptions& options,
               std::vector<Segment>* out) const;

  /// Appends the text format of one line: its tokens (from Tokenizer, offsets
  /// relative to `line`) separated by single spaces, each non-final piece of
  /// a token followed by '+' (و+ ب+ الكتاب). Besides clitics: a number's
  /// trailing % or ٪ is split off (3+ %), a tatweel ending a word is a dash
  /// (فقط+ ـ), and a lone proclitic written against the next token gets its
  /// '+' (و+ 2006). No newline is appended. This is the format of
  /// ../shared/eval/pud-dev/segment_gold.txt.
  void segment_line(std::string_view line, std::span<const Token> tokens,
                    const SegmentOptions& options, std::string* out) const;

  /// The pieces segment_line() writes for tokens[index] of `line`, appended to
  /// `out` with offsets relative to that token: the word's clitics and stem,
  /// or a number and its % sign, or a word and its dash tatweel (both pieces
  /// kStem then: they are two syntactic words), or the whole token as one kStem
  /// piece. Returns true when the token is a lone proclitic written against
  /// the next token (و2006), which segment_line() writes as "و+ 2006"; its
  /// piece is then kProclitic.
  bool segment_token(std::string_view line, std::span<const Token> tokens, size_t index,
                     const SegmentOptions& options, std::vector<Segment>* out) const;

  /// The model's description: format, sources, table sizes.
  std::string_view about() const;

  struct Model;  // internal

 private:
  friend struct segment_internal::Access;  // the reference, for tests
  void segment_reference(std::string_view word, const SegmentOptions& options,
                         std::vector<Segment>* out) const;
  explicit Segmenter(std::shared_ptr<const Model> model) : model_(std::move(model)) {}
  // A model that owns `bytes` (moved in, not copied).
  static Result<Segmenter> adopt(std::string bytes);
  std::shared_ptr<const Model> model_;
};

}  // namespace dhad

#endif  // DHAD_SEGMENT_H_
