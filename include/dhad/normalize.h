// dhad/normalize.h — Unicode cleanup and Arabic orthographic folding.
//
// A Normalizer is built once from NormalizeOptions (a set of independent rules)
// and is then immutable and safe to share between threads. normalize() makes one
// pass over UTF-8 bytes, appends to a caller-owned buffer and, if asked, records
// for every output byte the input byte it came from. Bytes that are not valid
// UTF-8 are copied through unchanged (choose a policy with dhad/utf8.h first).
// Cost: building compiles the enabled rules into lookup tables (~20 KB);
// normalize() is a table lookup per non-ASCII character and skips ASCII runs.
//
//   dhad::Normalizer norm(dhad::NormalizeOptions::lucene());
//   std::string out;
//   norm.normalize("أحمد", &out);  // out == "احمد"
#ifndef DHAD_NORMALIZE_H_
#define DHAD_NORMALIZE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dhad/export.h"
#include "dhad/result.h"
#include "dhad/utf8.h"

namespace dhad {

/// Each normalization rule, switchable on its own. The characters each rule
/// touches are listed in data/normalize/rules.tsv.
enum class Rule : int {
  kPresentationForms,   ///< U+FB50–FDFF, U+FE70–FEFF → letters (lam-alef → ل + ا)
  kTatweel,             ///< delete U+0640 ـ
  kHarakat,             ///< delete U+064B–0652: tanween, harakat, shadda, sukun
  kDaggerAlef,          ///< delete U+0670 superscript alef
  kQuranicMarks,        ///< delete small Quranic signs and extended vowel marks
  kInvisibles,          ///< delete ZWJ, ZWNJ, LRM, RLM, ALM, BOM, bidi controls, …
  kSpaces,              ///< NBSP and other horizontal Unicode spaces → U+0020
  kCollapseWhitespace,  ///< a run of 2+ spaces/tabs → one space (never touches newlines)
  kPersian,             ///< Persian/Urdu look-alikes ک ی ھ ە … → Arabic letters
  kDigits,              ///< Arabic-Indic and Extended Arabic-Indic digits → 0–9
  kPunctuation,         ///< ، ؛ ؟ ٪ ٫ ٬ ۔ → , ; ? % . , .
  kAlef,                ///< أ إ آ → ا
  kAlefWasla,           ///< ٱ → ا
  kAlefMaksura,         ///< ى → ي
  kTehMarbuta,          ///< ة → ه
  kHamzaSeats,          ///< ؤ → و, ئ → ي
};
inline constexpr int kRuleCount = 16;

/// The rule's name as used on the command line ("alef_maksura").
DHAD_EXPORT std::string_view rule_name(Rule rule);
/// Parses a rule name.
DHAD_EXPORT Result<Rule> parse_rule(std::string_view name);

/// Which rules to apply. Defaults: none (use a profile).
///
/// | profile  | rules                                                                |
/// |----------|----------------------------------------------------------------------|
/// | light    | presentation_forms tatweel invisibles spaces collapse_whitespace     |
/// | lucene   | alef alef_maksura teh_marbuta tatweel harakat (= Lucene ArabicNormalizer) |
/// | camel    | harakat dagger_alef alef alef_wasla alef_maksura teh_marbuta (= CAMeL Tools) |
/// | search   | every rule                                                           |
struct DHAD_EXPORT NormalizeOptions {
  uint32_t rules = 0;  ///< bit (1 << Rule) per enabled rule

  bool has(Rule r) const { return (rules >> int(r)) & 1u; }
  NormalizeOptions& set(Rule r, bool on = true) {
    rules = on ? rules | (1u << int(r)) : rules & ~(1u << int(r));
    return *this;
  }

  static NormalizeOptions light();
  static NormalizeOptions lucene();
  static NormalizeOptions camel();
  static NormalizeOptions search();
  /// "light", "lucene", "camel" or "search".
  static Result<NormalizeOptions> profile(std::string_view name);
};

namespace normalize_internal {
struct Access;
}

/// Applies NormalizeOptions to text. Immutable after construction; thread-safe.
class DHAD_EXPORT Normalizer {
 public:
  explicit Normalizer(const NormalizeOptions& options);
  ~Normalizer();
  Normalizer(const Normalizer&) = delete;
  Normalizer& operator=(const Normalizer&) = delete;
  Normalizer(Normalizer&&) noexcept;
  Normalizer& operator=(Normalizer&&) noexcept;

  const NormalizeOptions& options() const { return options_; }

  /// Appends normalized `text` to `out`. If `offsets` is given, appends, for each
  /// byte appended to `out`, the offset in `text` of the character it came from.
  void normalize(std::string_view text, std::string* out,
                 std::vector<Offset>* offsets = nullptr) const;

  /// A length n such that normalize() copies text[0, n) as it is: every
  /// character there is one no enabled rule changes (a space or tab, which
  /// collapsing may touch, ends it). A check a word at a time costs a table
  /// lookup per character, far less than normalize() on words that need no
  /// change, which is most words.
  size_t unchanged_prefix(std::string_view text) const;

  /// True if no enabled rule can change any character of `text`.
  bool is_normalized(std::string_view text) const;

  /// True if normalize_ucs2() can work on this Normalizer's rules: each one
  /// replaces a character by at most one character of the Basic Multilingual
  /// Plane and none looks at its neighbours (true for the lucene and camel
  /// profiles; presentation forms and whitespace collapsing rule it out).
  bool normalizes_ucs2() const;

  /// For front ends that hold text as 16-bit code points (CPython's two-byte
  /// str, UCS-2): normalizes `text` into out[0, text.size()) without going
  /// through UTF-8, with the same result as normalize() on its UTF-8 form,
  /// and returns the number of code points written. nullopt when
  /// !normalizes_ucs2() or the text holds a surrogate (no UTF-8 has one):
  /// then normalize its UTF-8 instead. Cost: 16 code points per step on
  /// AVX2 CPUs, a table lookup per code point elsewhere.
  std::optional<size_t> normalize_ucs2(std::u16string_view text, char16_t* out) const;

  /// The same for 32-bit code points (CPython's four-byte str, which any
  /// character past U+FFFF, an emoji say, makes of a whole text): no rule
  /// changes a character past the BMP, so those are copied. nullopt when
  /// !normalizes_ucs2() or the text holds a surrogate or a value past
  /// U+10FFFF. Cost: 8 code points per step on AVX2 CPUs.
  std::optional<size_t> normalize_ucs4(std::u32string_view text, char32_t* out) const;

  struct Tables;  // compiled rules; internal

  /// What normalizing a text has carried past the last byte given so far (see
  /// NormalizeStream).
  struct Carry {
    int space_run = 0;  ///< spaces/tabs in the whitespace run the output ends in
    char32_t prev = 0;  ///< the last code point read (emoji context of a ZWJ)
  };

 private:
  friend class NormalizeStream;
  friend struct normalize_internal::Access;  // references and probes for tests
  void normalize_reference(std::string_view text, std::string* out) const;
  bool uses_vector_path() const;
  void normalize_tables(std::string_view text, std::string* out, std::vector<Offset>* offsets,
                        Carry* carry = nullptr) const;
  NormalizeOptions options_;
  std::unique_ptr<Tables> tables_;
};

/// Normalizes one text handed over in pieces, with the same bytes as one
/// normalize() call on the whole: for streaming lines too long to hold. Rules
/// that look at neighbouring characters (whitespace runs, a ZWJ between emoji)
/// see across the cuts; a piece may end anywhere between two code points.
/// Not thread-safe; the Normalizer must outlive it. Cost: normalize()'s table
/// path, plus holding back at most one space and one ZWJ between pieces.
///
///   dhad::NormalizeStream stream(norm);
///   for (std::string_view piece : pieces) stream.feed(piece, &out);
///   stream.finish(&out);
class DHAD_EXPORT NormalizeStream {
 public:
  explicit NormalizeStream(const Normalizer& normalizer) : normalizer_(&normalizer) {}

  /// Appends the normalized form of `piece` that no later piece can change.
  void feed(std::string_view piece, std::string* out);
  /// Ends the text: appends what was held back, and starts afresh.
  void finish(std::string* out);

 private:
  const Normalizer* normalizer_;
  Normalizer::Carry carry_;
  char held_space_ = 0;  // a lone space or tab a next one would turn into ' '
  std::string held_;     // a trailing ZWJ: kept or deleted by what follows it
};

}  // namespace dhad

#endif  // DHAD_NORMALIZE_H_
