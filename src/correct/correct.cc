// The Corrector: candidates per word, scored by a bigram language model and
// the cost of the error (dhad/correct.h says how it decides).
#include "dhad/correct.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "correct/correct_model.h"
#include "dhad/tokenize.h"
#include "model/embedded.h"
#include "segment/segment_model.h"

namespace dhad {

using namespace correct_internal;  // NOLINT: this file reads its format

namespace {

constexpr std::string_view kClassNames[kCorrectClassCount] = {
    "hamza",        "alef_maqsura", "ta_marbuta", "space_deletion",
    "substitution", "deletion",     "insertion",  "transposition"};

// Absolute discount of the bigram model.
constexpr double kDiscount = 0.75;
// A known word's variants seen this many times less often are not candidates
// (so a word that many times more frequent than the rest of its group is
// kept without scoring: see dominates()).
constexpr uint64_t kRarerBy = 20;
// A lexicon word seen this many times less often than its group's most
// frequent word is not vouched for (hunspell-ar's hamza-less forms).
constexpr uint64_t kLexiconTrust = 5;
// Unknown words longer than this (letters) are less likely the longer they
// are (CorrectWeights::unknown_long).
constexpr size_t kLongWord = 8;
constexpr uint32_t kMinStemCount = 2;
// An unknown word ending in ه whose stem is seen this often is taken for the
// stem and a pronoun (see pronoun_keep).
constexpr uint32_t kMinPronounStemCount = 50;
// CorrectWeights::edit is the cost of a letter replaced (or added): one slip
// among the 36 letters the typist could have hit there. A letter left out is
// the one slip of its kind there, so it is about 36 times likelier than a
// given replacement when typists make the two kinds about equally often. But
// not the first letter: it is seldom wrong (in 7% of misspellings, Pollock
// and Zamora 1983), and a word less its first letter is often another word
// (تموز, موز; المهندس, لمهندس).
const double kOneSlipOfFew = std::log(36.0);
// find_edits works on windows of at most this many bytes (see there).
constexpr size_t kMaxWindow = size_t{64} << 10;
constexpr size_t kMinWindow = size_t{16} << 10;
// Group members scored per word (the most frequent ones).
constexpr size_t kMaxGroupCandidates = 8;
// A known word whose skeleton group's most frequent member outnumbers it this
// many times is, as a neighbour, taken for that member (see WordFacts::context).
constexpr uint64_t kVariantContext = 10;
// A word glued to a number is split off when it is a word seen this often,
// with this confidence (a word of 3+ letters that follows digits directly is
// all but never meant so).
constexpr uint32_t kMinGluedCount = 20;
constexpr double kGluedConfidence = 0.9;
// Of two-letter words, only these prepositions and كل are split off a number
// (في2015, كل10): the others glued to one are mostly a Latin letter's name
// (أس6, بي3) or a unit (كم2).
bool takes_a_number(std::string_view word) {
  for (std::string_view w : {"في", "من", "عن", "مع", "كل"}) {
    if (word == w) return true;
  }
  return false;
}
// Two words seen side by side this many times less often than chance, when
// chance would have them side by side this often at least, avoid each other
// (Impl::avoid_each_other).
constexpr double kAvoidedBy = 20;
constexpr double kAvoidedAtLeast = 20;
// A word that comes before بن once in this many times is a given name.
constexpr uint64_t kGivenNameBy = 20;

// The classes of one-letter slips (CorrectWeights::edit), as bits.
constexpr uint32_t kSlipClasses =
    (1u << int(CorrectClass::kSubstitution)) | (1u << int(CorrectClass::kDeletion)) |
    (1u << int(CorrectClass::kInsertion)) | (1u << int(CorrectClass::kTransposition));

// The one-letter proclitics a known word may carry unseen (find_word,
// pronoun_keep, without_proclitic) and that may come before an article
// (extra_alef).
constexpr std::u16string_view kJoinedProclitics = u"وفبكل";
bool is_joined_proclitic(char16_t c) {
  return kJoinedProclitics.find(c) != std::u16string_view::npos;
}

bool is_bare_seat(char16_t c) { return c == u'ا' || c == u'و' || c == u'ي' || c == u'ى'; }
bool is_hamza_seat(char16_t c) {
  return c == u'أ' || c == u'إ' || c == u'آ' || c == u'ؤ' || c == u'ئ';
}

// Where a word has two alefs in a row at the start of its stem (after its
// proclitics and article), which Arabic never writes (ءا is آ): the bare ا
// of the two, one letter too many (أالماتا, إاضافة, االنظام, بأان,
// الاأمريكية); npos if it has no such pair, or its pair is all hamza seats.
// Further in, they may be a stem and its ending (يتبوأا, مبدأان).
size_t extra_alef(std::u16string_view w) {
  const auto alef = [](char16_t c) { return c == u'ا' || c == u'أ' || c == u'إ' || c == u'آ'; };
  for (size_t i = 0; i + 1 < w.size() && i <= 4; ++i) {
    if (!alef(w[i]) || !alef(w[i + 1])) continue;
    std::u16string_view prefix = w.substr(0, i);
    if (prefix.ends_with(u"ال")) prefix.remove_suffix(2);
    if (prefix.size() > 2 ||
        prefix.find_first_not_of(kJoinedProclitics) != std::u16string_view::npos) {
      return std::u16string_view::npos;
    }
    if (w[i + 1] == u'ا') return i + 1;
    if (w[i] == u'ا') return i;
    return std::u16string_view::npos;
  }
  return std::u16string_view::npos;
}

// Letters a typist confuses: the same shape with other dots, and neighbours
// on the Arabic keyboard.
bool near_letters(char16_t a, char16_t b) {
  static constexpr std::u16string_view kShapes[] = {u"بتثني", u"جحخ", u"دذ", u"رز", u"سش",
                                                    u"صض",    u"طظ",  u"عغ", u"فق", u"هة"};
  for (std::u16string_view s : kShapes) {
    if (s.find(a) != s.npos && s.find(b) != s.npos) return true;
  }
  static constexpr std::u16string_view kRows[] = {u"ضصثقفغعهخحجد", u"شسيبلاتنمكط", u"ئءؤرلاىةوزظ"};
  for (std::u16string_view row : kRows) {
    const size_t i = row.find(a);
    if (i == row.npos) continue;
    if ((i > 0 && row[i - 1] == b) || (i + 1 < row.size() && row[i + 1] == b)) return true;
  }
  return false;
}

struct Candidate {
  std::string text;                         // the replacement (words joined by a space for a split)
  uint32_t first;                           // its first word's id
  uint32_t last;                            // and its last's (a split's second; else the same)
  double channel;                           // the error's cost
  double score = 0;                         // channel + language model
  CorrectClass cls = CorrectClass::kHamza;  // the error it fixes
  uint32_t classes = 0;                     // every class its change involves (bits)
  bool keep = false;                        // the word as typed
  bool undoes_slip = false;  // a spelling that undoes only usual slips (see skeleton_change)
  bool hamza_on_final_alef = false;  // its one change: a hamza seat on the final ا (بدا, بدأ)
};

// Whether a candidate undoes a one-letter slip (the word as typed never does).
bool is_slip(const Candidate& c) { return (c.classes & kSlipClasses) != 0; }
// Whether a candidate is two words (split_candidates): its first and last,
// which may be one word twice (من من).
bool is_split(const Candidate& c) { return c.cls == CorrectClass::kSpaceDeletion; }

// What find_edits needs to know of a token's bytes, kept per thread for the
// words seen last: running text repeats its words, and looking one up in the
// model (tens of MB) costs several cache misses.
struct WordFacts {
  uint64_t hash = 0;
  uint64_t model = 0;   // Impl::serial of whose facts (0: an empty slot)
  uint32_t id = kNoId;  // in the model's vocabulary, or kNoId
  // The word as its neighbours' context: its id, or, for a far rarer spelling
  // of its group's most frequent word (ان of أن, الى of إلى: kVariantContext),
  // that word's. Writers who drop a hamza drop the next one too, so the pairs
  // of the spelling as typed (اكد ان) favour keeping both; the word most
  // likely meant is the better context.
  uint32_t context = kNoId;
  uint32_t count = 0;
  uint32_t size = 0;         // bytes
  bool correctable = false;  // Arabic letters only, two or more
  bool in_lexicon = false;
  bool dominant = false;  // Impl::dominates
};

// What became of one token.
struct Choice {
  uint32_t left = kUnknown;   // its id as the next word's left context
  uint32_t right = kUnknown;  // and as the previous word's right context
  uint32_t word = kNoId;      // the word it is now, if one the model knows
  uint32_t prev = kNoId;      // the context it was decided in
  uint32_t next = kNoId;
  bool had_candidates = false;
  bool changed = false;
  std::string text;  // the replacement
  CorrectClass cls = CorrectClass::kHamza;
  double confidence = 0;
};

// The best candidate of an allowed class, if its share of the probability
// over all candidates reaches min_confidence (in *confidence).
const Candidate* pick(const std::vector<Candidate>& cands, const CorrectOptions& options,
                      double* confidence) {
  if (cands.empty()) return nullptr;
  double best = -1e300;
  for (const Candidate& c : cands) best = std::max(best, c.score);
  double total = 0;
  for (const Candidate& c : cands) total += std::exp(c.score - best);
  const Candidate* chosen = nullptr;
  for (const Candidate& c : cands) {
    if (c.keep || (c.classes & ~options.classes) != 0) continue;
    if (chosen == nullptr || c.score > chosen->score) chosen = &c;
  }
  if (chosen == nullptr) return nullptr;
  // One spelling may be found two ways (للمدرسه: للمدرسة of its skeleton
  // group, and ل + المدرسة): its probability is that of both.
  double share = 0;
  for (const Candidate& c : cands) {
    if (!c.keep && c.text == chosen->text) share += std::exp(c.score - best);
  }
  *confidence = share / total;
  return *confidence >= options.min_confidence ? chosen : nullptr;
}

// Pronoun suffixes and the dual and plural endings, which are never written apart.
bool is_enclitic(std::u16string_view s) {
  static constexpr std::u16string_view kEnclitics[] = {
      u"ه",  u"ها", u"هم", u"هما", u"هن", u"ك",  u"كم", u"كما", u"كن", u"ي",
      u"نا", u"ني", u"ان", u"ين",  u"ون", u"ات", u"تم", u"تما", u"تن", u"وا"};
  return std::find(std::begin(kEnclitics), std::end(kEnclitics), s) != std::end(kEnclitics);
}

// Whether two spellings are one stem with two endings: of inflection (the
// dual and plural, the pronouns, a verb's person, the accusative's alef, the
// construct plural's و), or none. قتلتا and قتلت, فرارهما and فرارهم, كثبانا
// and كثبان, يتغمدك and يتغمده, مصابو and مصابي are each two forms of a word,
// not a word and a slip.
bool swaps_ending(std::u16string_view a, std::u16string_view b) {
  // The enclitics, and the endings a word may have without one.
  const auto is_ending = [](std::u16string_view s) {
    return s.empty() || s == u"ا" || s == u"ت" || s == u"تا" || s == u"و" || is_enclitic(s);
  };
  // No ending is longer than three letters; the stem keeps two at least.
  for (size_t e = 0; e <= 3 && e + 2 <= a.size(); ++e) {
    const std::u16string_view stem = a.substr(0, a.size() - e), ending = a.substr(a.size() - e);
    if (is_ending(ending) && b.starts_with(stem) && b.substr(stem.size()) != ending &&
        is_ending(b.substr(stem.size()))) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string_view correct_class_name(CorrectClass c) { return kClassNames[size_t(c)]; }

Result<uint32_t> parse_correct_classes(std::string_view list) {
  if (list == "all") return (1u << kCorrectClassCount) - 1;
  uint32_t bits = 0;
  while (true) {
    const size_t comma = list.find(',');
    const std::string_view name = list.substr(0, comma);
    const auto* it = std::find(std::begin(kClassNames), std::end(kClassNames), name);
    if (it == std::end(kClassNames)) {
      return Error(ErrorCode::kInvalidArgument,
                   "unknown correction class '" + std::string(name) +
                       "' (hamza, alef_maqsura, ta_marbuta, space_deletion, substitution, "
                       "deletion, insertion, transposition, or all)");
    }
    bits |= 1u << (it - std::begin(kClassNames));
    if (comma == std::string_view::npos) return bits;
    list.remove_prefix(comma + 1);
  }
}

struct Corrector::Impl {
  CorrectModel model;
  // Names this Impl in per-thread caches for the life of the process: its
  // address would not do, as a later Impl may be given the same one.
  const uint64_t serial = next_serial();
  static uint64_t next_serial() {
    static std::atomic<uint64_t> last{0};
    return ++last;
  }
  double inv_total = 0;  // 1 / the unigram denominator

  // P(word) under add-half smoothing.
  double unigram_p(uint32_t id) const { return (double(model.info(id).count) + 0.5) * inv_total; }
  // P(word | prev), `pair` the count of the two: absolute discounting,
  // interpolated with the unigram.
  double after(uint32_t prev, uint32_t word, uint32_t pair) const {
    const WordInfo p = model.info(prev);
    return discounted(pair, p.count, p.followers, word);
  }
  // P(word | next), the word seen before `next`: the same, backwards.
  // Scoring a word by what follows it this way (rather than P(next | word))
  // compares candidates under one normalizer, that of `next`, so a rare
  // candidate gains nothing from the smoothing of its own sparse counts.
  double before(uint32_t word, uint32_t next, uint32_t pair) const {
    const WordInfo n = model.info(next);
    return discounted(pair, n.count, n.preceders, word);
  }
  double discounted(double pair, double context_count, double distinct, uint32_t word) const {
    const double pu = unigram_p(word);
    if (context_count == 0) return pu;
    return std::max(pair - kDiscount, 0.0) / context_count +
           kDiscount * distinct / context_count * pu;
  }
  // log P(word | prev, next) up to a term the same for every candidate:
  // P(word | prev) P(word | next) / P(word); for two words (a split), first
  // and last, P(first | prev) P(last | first) P(last | next) / P(last).
  // `pairs` holds the counts of (prev, first), (last, next) and, for two
  // words, (first, last): score_in_context looks them up together. One log
  // of the product: the factors are smoothed probabilities, whose product
  // stays far above where a double underflows.
  double in_context(uint32_t prev, const Candidate& c, uint32_t next, const uint32_t* pairs) const {
    double p = after(prev, c.first, pairs[0]) * before(c.last, next, pairs[1]) / unigram_p(c.last);
    if (is_split(c)) p *= after(c.first, c.last, pairs[2]);
    return std::log(p);
  }
  void score_in_context(uint32_t prev, uint32_t next, std::u16string_view typed,
                        std::optional<bool> typed_spelled, std::vector<Candidate>* cands) const;

  void correct_window(std::string_view text, const CorrectOptions& options,
                      std::vector<CorrectEdit>* edits, uint64_t base) const;
  void decide(std::u16string_view typed, std::string_view bytes, uint32_t id, uint32_t prev,
              uint32_t next, const CorrectOptions& options, std::vector<Candidate>* cands) const;
  void group_candidates(std::u16string_view typed, uint32_t id, uint32_t group,
                        const CorrectWeights& w, std::vector<Candidate>* cands) const;
  void edit_candidates(std::u16string_view typed, uint32_t group, const CorrectWeights& w,
                       std::vector<Candidate>* cands) const;
  void split_candidates(std::u16string_view typed, const CorrectWeights& w,
                        std::vector<Candidate>* cands) const;
  void clitic_candidates(std::u16string_view typed, const CorrectWeights& w,
                         std::vector<Candidate>* cands) const;
  void pronoun_keep(std::u16string_view typed, const CorrectWeights& w,
                    std::vector<Candidate>* cands) const;
  uint32_t group_of(std::u16string_view letters) const;
  uint32_t find_word(std::u16string_view letters, uint32_t min_count) const;
  // What the corrector needs of a word, from a per-thread cache; `hash` is
  // facts_hash(bytes).
  const WordFacts& facts(std::string_view bytes, uint64_t hash) const;
  // Whether known word `id` is the most frequent by far of its group's
  // `members`: then no context overturns it (the words of running text
  // mostly are such words, and this spares them the scoring).
  bool dominates(uint32_t id, const WordInfo& info, std::span<const uint8_t> members) const {
    if (members.size() < 8) return true;  // no other member
    if (model_internal::load_u32(members.data()) != id) return false;
    const uint32_t second = model_internal::load_u32(members.data() + 4);
    return model.info(second).count * kRarerBy < info.count;
  }
  // Whether known words a and b stand side by side far less often than
  // their counts would have them by chance: the language writes the two
  // some other way (من من and عن من as ممن and عمن), so a run-together
  // منمن is not likely meant as them.
  bool avoid_each_other(uint32_t a, uint32_t b) const {
    const double expected =
        double(model.info(a).count) * double(model.info(b).count) / double(model.tokens);
    return expected >= kAvoidedAtLeast && double(model.pair_count(a, b)) * kAvoidedBy < expected;
  }
  uint32_t inflected_count(std::u16string_view letters, uint32_t enough) const;
  bool in_dictionary(std::u16string_view letters) const;
  // The id of known word `id` less a one-letter proclitic (و ف ب ك ل) it
  // starts with, if that is a known word of two letters or more; else kNoId.
  uint32_t without_proclitic(uint32_t id) const {
    const std::string_view w = model.word(id);
    if (w.size() < 6) return kNoId;  // a proclitic and two letters at least
    const Utf8Char first = decode_utf8(w, 0);
    if (first.code_point > 0xFFFF || !is_joined_proclitic(char16_t(first.code_point))) {
      return kNoId;
    }
    return model.find(w.substr(first.length));  // kNoId if none
  }
  // Whether `stem` (starting ال) is a known word after the article: ال is
  // then the article rather than a stem's first letters (التزام).
  bool known_article(std::u16string_view stem) const {
    thread_local std::string bare;
    bare.clear();
    append_utf8(stem.substr(2), &bare);
    const uint32_t id = model.find(bare);
    return id != kNoId && model.info(id).count >= kMinStemCount;
  }
};

// How often the model saw the word an unknown word is with clitics or
// inflection added (للديانات, باتجاهي, يفتحا), the most of its readings, or
// at least `enough` (it stops there); 0 if none. Such a word is most likely
// spelled right, only unseen, while a typo seldom leaves a known word behind
// its affixes. One pass answers both of decide's questions.
uint32_t Corrector::Impl::inflected_count(std::u16string_view w, uint32_t enough) const {
  static constexpr std::u16string_view kPrefixes[] = {
      u"",    u"و",   u"ف",  u"ب",   u"ل",   u"ك",  u"ال", u"وال", u"بال",
      u"فال", u"كال", u"لل", u"ولل", u"فلل", u"وب", u"ول", u"فب",  u"فل",
      u"س",   u"وس",  u"ي",  u"ت",   u"ن",   u"أ",  u"وي", u"وت"};
  static constexpr std::u16string_view kSuffixes[] = {
      u"",  u"ه",  u"ها", u"هم", u"هما", u"هن", u"ك", u"كم", u"كما", u"ي",   u"نا", u"ني",
      u"ا", u"وا", u"ون", u"ين", u"ان",  u"ات", u"ة", u"ت",  u"تم",  u"تها", u"ته", u"يه"};
  // A noun takes the article or a possessive pronoun, never both (المورد,
  // مورده, not المورده: that is الموردة with ه for ة): after ال only the
  // endings of number, gender and the nisba.
  static constexpr std::u16string_view kNominalEndings[] = {u"",   u"ي",  u"ون", u"ين",
                                                            u"ان", u"ات", u"ة"};
  const auto nominal = [](std::u16string_view s) {
    return std::find(std::begin(kNominalEndings), std::end(kNominalEndings), s) !=
           std::end(kNominalEndings);
  };
  thread_local std::string key;
  uint32_t most = 0;
  const auto seen = [&](uint32_t id) {
    if (id != kNoId) most = std::max(most, model.info(id).count);
    return most >= enough;
  };
  for (std::u16string_view p : kPrefixes) {
    if (!w.starts_with(p)) continue;
    const bool article = p.ends_with(u"ال") || p.ends_with(u"لل");
    for (std::u16string_view s : kSuffixes) {
      if ((p.empty() && s.empty()) || !w.ends_with(s) || w.size() < p.size() + s.size() + 3) {
        continue;
      }
      const std::u16string_view stem = w.substr(p.size(), w.size() - p.size() - s.size());
      if (!nominal(s) && (article || (stem.starts_with(u"ال") && known_article(stem)))) continue;
      key.clear();
      append_utf8(stem, &key);
      if (seen(model.find(key))) return most;
      // A final ى is written ي before an ending (انتهى + ا = انتهيا), and a
      // final ة is written ت (رياضة + ين = رياضتين).
      if (!s.empty() && (stem.back() == u'ي' || stem.back() == u'ت')) {
        key.resize(key.size() - 2);
        append_utf8(stem.back() == u'ي' ? u"ى" : u"ة", &key);
        if (seen(model.find(key))) return most;
      }
    }
  }
  return most;
}

namespace {

// hunspell-ar's word forms without clitics: the embedded segmentation
// model's lexicon (null if that model did not load).
const Segmenter::Model* dictionary_forms() {
  const Result<std::shared_ptr<const Segmenter::Model>>& m = segment_internal::default_model();
  return m ? m->get() : nullptr;
}

}  // namespace

// Whether hunspell-ar spells a word so: one of its forms after proclitics in
// their order (و or ف, then one of ب ك ل س), the article (ل + ال written لل)
// and a pronoun. Its forms are the segmentation model's lexicon, which holds
// them without proclitics, with a bit for the forms that take the article.
bool Corrector::Impl::in_dictionary(std::u16string_view w) const {
  const Segmenter::Model* dictionary = dictionary_forms();
  if (dictionary == nullptr) return false;
  thread_local std::string key;
  const auto form = [&](std::u16string_view s, bool article) {
    key.clear();
    append_utf8(s, &key);
    const int bits =
        dictionary->lexicon.find(reinterpret_cast<const uint8_t*>(key.data()), key.size());
    return bits > 0 && (!article || (bits & segment_internal::kLexArticle) != 0);
  };
  static constexpr std::u16string_view kPronouns[] = {u"ه",  u"ها",  u"هم", u"هما", u"هن", u"ك",
                                                      u"كم", u"كما", u"ي",  u"نا",  u"ني"};
  thread_local std::u16string base;
  // The word without its proclitics: a form, or a form and a pronoun (a
  // noun's ة is written ت before one: نجاة, نجاتها).
  const auto spelled = [&](std::u16string_view s) {
    if (form(s, false)) return true;
    for (std::u16string_view p : kPronouns) {
      if (s.size() < p.size() + 2 || !s.ends_with(p)) continue;
      base.assign(s.substr(0, s.size() - p.size()));
      if (form(base, false)) return true;
      if (base.back() == u'ت') {
        base.back() = u'ة';
        if (form(base, false)) return true;
      }
    }
    return false;
  };
  static constexpr std::u16string_view kConjunctions[] = {u"", u"و", u"ف"};
  static constexpr std::u16string_view kParticles[] = {u"", u"ب", u"ك", u"ل", u"س"};
  for (std::u16string_view a : kConjunctions) {
    if (!w.starts_with(a)) continue;
    const std::u16string_view rest = w.substr(a.size());
    for (std::u16string_view b : kParticles) {
      if (!rest.starts_with(b)) continue;
      const std::u16string_view s = rest.substr(b.size());
      if (s.size() < 2) continue;
      if (spelled(s)) return true;
      if (s.size() > 3 && s.starts_with(u"ال") && form(s.substr(2), true)) return true;
      if (b == u"ل" && s.size() > 2 && s.starts_with(u"ل") && form(s.substr(1), true)) return true;
    }
  }
  return false;
}

namespace {

// The per-thread cache of WordFacts, by facts_hash of the word's bytes.
WordFacts& facts_slot(uint64_t hash) {
  // Running text has tens of thousands of words in use: at 64k slots a
  // quarter of the lookups of 10 MB of news missed, at 256k a sixth (about
  // the words met for the first time), which made the corrector about 5 %
  // faster.
  constexpr size_t kSlots = 262144;
  // Zeroed by calloc, which takes fresh pages for 10.5 MB and so need not
  // write them: a slot is touched when first used, so a short text does not
  // fault in the whole cache (an all-zero WordFacts is an empty slot).
  struct Free {
    void operator()(WordFacts* p) const { std::free(p); }
  };
  thread_local const std::unique_ptr<WordFacts[], Free> cache(
      static_cast<WordFacts*>(std::calloc(kSlots, sizeof(WordFacts))));
  if (cache == nullptr) throw std::bad_alloc();
  return cache[hash & (kSlots - 1)];
}

uint64_t facts_hash(std::string_view bytes) {
  return model_internal::hash64(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), 0);
}

}  // namespace

const WordFacts& Corrector::Impl::facts(std::string_view bytes, uint64_t h) const {
  thread_local std::u16string letters;
  WordFacts& f = facts_slot(h);
  if (f.hash == h && f.model == serial && f.size == bytes.size()) return f;
  f = WordFacts();
  f.hash = h;
  f.model = serial;
  f.size = uint32_t(bytes.size());
  f.correctable = word_letters(bytes, &letters) && letters.size() >= 2;  // not و ب ل ك ف
  f.id = model.find(bytes);
  if (f.id != kNoId) {
    const WordInfo info = model.info(f.id);
    f.count = info.count;
    f.in_lexicon = (info.flags & kInLexicon) != 0;
    const std::span<const uint8_t> members = model.group(info.group);
    f.dominant = dominates(f.id, info, members);
    f.context = f.id;
    if (!f.dominant && !members.empty()) {
      const uint32_t top = model_internal::load_u32(members.data());
      if (top != f.id && model.info(top).count >= kVariantContext * uint64_t(info.count)) {
        f.context = top;
      }
    }
  }
  return f;
}

uint32_t Corrector::Impl::group_of(std::u16string_view letters) const {
  thread_local std::string skeleton, other;
  thread_local std::u16string member;
  skeleton.clear();
  append_skeleton(letters, &skeleton);
  const int64_t g = model.skeletons.find(skeleton);
  if (g < 0 || uint32_t(g) >= model.group_count) return kNoId;
  const std::span<const uint8_t> members = model.group(uint32_t(g));
  if (members.empty()) return kNoId;
  // A fingerprint can match a skeleton that is not there: check a member's.
  other.clear();
  if (!word_letters(model.word(model_internal::load_u32(members.data())), &member)) return kNoId;
  append_skeleton(member, &other);
  return other == skeleton ? uint32_t(g) : kNoId;
}

// The channel cost and classes of turning `letters` into `typed`, two
// spellings of one skeleton (same length): hamza seats, ى/ي, ة/ه.
void skeleton_change(std::u16string_view typed, std::u16string_view letters,
                     const CorrectWeights& w, Candidate* c) {
  // The usual slips: a hamza left out, ه for ة, ي for ى and back. A hamza
  // taken away or moved, or ة for ه, is a change a typist seldom needs undone.
  c->undoes_slip = true;
  size_t changes = 0;
  for (size_t k = 0; k < typed.size(); ++k) {
    const char16_t t = typed[k], r = letters[k];
    if (t == r) continue;
    ++changes;
    c->hamza_on_final_alef = changes == 1 && k + 1 == typed.size() && t == u'ا' && is_hamza_seat(r);
    if (is_hamza_seat(r) && is_bare_seat(t)) {
      c->channel += w.hamza_add;
      c->classes |= 1u << int(CorrectClass::kHamza);
    } else if (is_hamza_seat(r) || is_hamza_seat(t)) {
      c->undoes_slip = false;
      c->channel += w.hamza_change;
      c->classes |= 1u << int(CorrectClass::kHamza);
    } else if ((t == u'ي' || t == u'ى') && (r == u'ي' || r == u'ى')) {
      c->channel += w.alef_maqsura;
      c->classes |= 1u << int(CorrectClass::kAlefMaqsura);
    } else {  // ة and ه: what else a skeleton folds
      c->undoes_slip = c->undoes_slip && r == u'ة';
      c->channel += w.ta_marbuta;
      c->classes |= 1u << int(CorrectClass::kTaMarbuta);
    }
  }
  c->cls = c->classes & (1u << int(CorrectClass::kHamza))         ? CorrectClass::kHamza
           : c->classes & (1u << int(CorrectClass::kAlefMaqsura)) ? CorrectClass::kAlefMaqsura
                                                                  : CorrectClass::kTaMarbuta;
}

void Corrector::Impl::group_candidates(std::u16string_view typed, uint32_t id, uint32_t group,
                                       const CorrectWeights& w,
                                       std::vector<Candidate>* cands) const {
  const std::span<const uint8_t> members = model.group(group);
  thread_local std::u16string letters;
  size_t taken = 0;
  // Members come most frequent first; far rarer spellings of a known word
  // are not worth scoring (kRarerBy).
  const uint64_t typed_count = id == kNoId ? 0 : model.info(id).count;
  for (size_t i = 0; i < members.size() && taken < kMaxGroupCandidates; i += 4) {
    const uint32_t m = model_internal::load_u32(members.data() + i);
    if (m == id) continue;
    if (m > id && id != kNoId && model.info(m).count * kRarerBy < typed_count) break;
    const std::string_view text = model.word(m);
    if (!word_letters(text, &letters) || letters.size() != typed.size()) continue;
    ++taken;
    Candidate c{std::string(text), m, m, 0.0};
    skeleton_change(typed, letters, w, &c);
    cands->push_back(std::move(c));
  }
}

// For an unknown word that is a proclitic and a word the model has in another
// spelling (والالماس: و + الألماس; للمدرسه: ل + المدرسة): the clitic on that
// spelling. Scored as the word without its clitic, at the cost of a form the
// model has not seen (clitic_variant); and so is keeping the word when its
// own stem is known.
void Corrector::Impl::clitic_candidates(std::u16string_view typed, const CorrectWeights& w,
                                        std::vector<Candidate>* cands) const {
  struct Clitic {
    std::u16string_view typed;  // how the word starts
    std::u16string_view stem;   // how the word without it starts (ل + ال = لل)
  };
  static constexpr Clitic kClitics[] = {
      {u"و", u""},    {u"ف", u""},     {u"ب", u""},    {u"ك", u""},  {u"ل", u""},
      {u"وب", u""},   {u"ول", u""},    {u"فب", u""},   {u"فل", u""}, {u"وك", u""},
      {u"لل", u"ال"}, {u"ولل", u"ال"}, {u"فلل", u"ال"}};
  thread_local std::u16string stem, letters, candidate;
  const uint32_t min_count = uint32_t(std::max(w.min_candidate_count, 0));
  bool stem_kept = false;
  for (const Clitic& k : kClitics) {
    if (!typed.starts_with(k.typed) || typed.size() < k.typed.size() + 3) continue;
    stem.assign(k.stem);
    stem.append(typed.substr(k.typed.size()));
    const uint32_t g = group_of(stem);
    if (g == kNoId) continue;
    const std::span<const uint8_t> members = model.group(g);
    for (size_t i = 0; i < members.size() && i < 4 * kMaxGroupCandidates; i += 4) {
      const uint32_t m = model_internal::load_u32(members.data() + i);
      if (model.info(m).count < min_count) break;  // most frequent first
      if (!word_letters(model.word(m), &letters) || letters.size() != stem.size()) continue;
      if (letters == stem) {
        // The word as typed is the clitic on this spelling: keeping it has
        // that word's probability too, as its variants have theirs, or a
        // far rarer variant scored as a word outweighs a keep scored as an
        // unknown word (وبتهمة, of تهمة seen 143 times, became وبتهمه, of
        // تهمه's 15).
        if (!stem_kept) {
          Candidate c{std::string(), m, m, w.clitic_variant};
          append_utf8(typed, &c.text);
          c.keep = true;
          cands->push_back(std::move(c));
          stem_kept = true;
        }
        continue;
      }
      candidate.assign(k.typed);
      candidate.append(std::u16string_view(letters).substr(k.stem.size()));
      Candidate c{std::string(), m, m, w.clitic_variant};
      append_utf8(candidate, &c.text);
      skeleton_change(typed, candidate, w, &c);
      cands->push_back(std::move(c));
    }
  }
}

// For an unknown word that is a common word with the pronoun ه (صدمه, "hit
// him", of صدم; ومديره, "and its manager", of مدير), perhaps after a
// proclitic: keeping it is scored as that word, as clitic_candidates scores
// a proclitic on a known word, or a known ة word one letter away (صدمة,
// ومديرة) outweighs it as an unknown word. Not after the article, which no
// noun takes with a pronoun (المدرسه is المدرسة), nor on a stem ending in ي,
// mostly a nisba adjective, which takes none either (تقديريه is تقديرية).
void Corrector::Impl::pronoun_keep(std::u16string_view typed, const CorrectWeights& w,
                                   std::vector<Candidate>* cands) const {
  const size_t n = typed.size();
  if (n < 4 || typed.back() != u'ه' || typed[n - 2] == u'ي' || typed.starts_with(u"ال")) return;
  thread_local std::string stem;
  const auto common = [&](std::u16string_view letters) {
    stem.clear();
    append_utf8(letters, &stem);
    const uint32_t id = model.find(stem);
    if (id == kNoId) return kNoId;
    // ...and its group's usual spelling (اكدت is not: اكدته is أكدته with
    // the hamza left out).
    const WordInfo info = model.info(id);
    if (info.count < kMinPronounStemCount || info.group == kNoId) return kNoId;
    return model.group_top(info.group) == id ? id : kNoId;
  };
  uint32_t id = common(typed.substr(0, n - 1));
  if (id == kNoId && is_joined_proclitic(typed[0])) {
    id = common(typed.substr(1, n - 2));
  }
  if (id == kNoId) return;
  Candidate c{std::string(), id, id, w.clitic_variant};
  append_utf8(typed, &c.text);
  c.keep = true;
  cands->push_back(std::move(c));
}

void Corrector::Impl::edit_candidates(std::u16string_view typed, uint32_t group,
                                      const CorrectWeights& w,
                                      std::vector<Candidate>* cands) const {
  thread_local std::string key;
  thread_local std::u16string letters;
  const auto usable = [&](uint32_t v) {
    const WordInfo info = model.info(v);
    return info.count >= uint32_t(std::max(w.min_candidate_count, 0)) && info.group != group;
  };
  const auto add = [&](uint32_t v, CorrectClass cls, double cost) {
    for (const Candidate& c : *cands) {
      if (!is_split(c) && c.first == v) return;
    }
    Candidate c{std::string(model.word(v)), v, v, cost};
    c.cls = cls;
    c.classes = 1u << int(cls);
    cands->push_back(std::move(c));
  };
  const size_t n = typed.size();
  // A proclitic added or left off at the start is another word form, not a slip.
  const auto proclitic = [](char16_t c) {
    return std::u16string_view(u"وفبلكس").find(c) != std::u16string_view::npos;
  };
  // ...and so it is after another (ولتركيا, وتركيا; ويتقبلهم, وتقبلهم): whether
  // letter `at` of `word` is where a proclitic or a person prefix may stand,
  // at the start or after one or two proclitics (و+ل+, ف+س+).
  const auto prefix_slot = [&](std::u16string_view word, size_t at) {
    if (at > 2 || at >= word.size()) return false;
    for (size_t k = 0; k < at; ++k) {
      if (!proclitic(word[k])) return false;
    }
    return true;
  };
  // ...and so is a verb's person prefix added (يجاورها, جاورها); left out,
  // it is a slip like another (سبوع, أسبوع), and one typed for another may be
  // a slip of the dots (بمكن, يمكن).
  constexpr std::u16string_view kPersons = u"يتنأ";
  const auto person = [&](char16_t c) { return kPersons.find(c) != std::u16string_view::npos; };
  // How many of a word's persons (its letter `at` one of يتنأ) are known.
  const auto persons_known = [&](std::u16string_view word, size_t at) {
    std::u16string form(word);
    int known = 0;
    for (char16_t p : kPersons) {
      form[at] = p;
      key.clear();
      append_utf8(form, &key);
      known += model.find(key) != kNoId;
    }
    return known;
  };
  // The typed word's UTF-8 (two bytes a letter), and it less letter i in key.
  thread_local std::string typed_bytes;
  typed_bytes.clear();
  append_utf8(typed, &typed_bytes);
  const auto key_without = [&](size_t i) {
    key.assign(typed_bytes, 0, 2 * i);
    key.append(typed_bytes, 2 * i + 2);
  };
  // A letter too many: the typed word less one letter is a word.
  for (size_t i = 0; i < n && n > 2; ++i) {
    if (i > 0 && typed[i] == typed[i - 1]) continue;
    if (prefix_slot(typed, i) && (proclitic(typed[i]) || person(typed[i]))) continue;
    // A final ة is the feminine ending, not a letter too many (ملطخة and
    // ملطخ are two forms of one word), nor one left out (below).
    if (i + 1 == n && typed[i] == u'ة') continue;
    key_without(i);
    const uint32_t v = model.find(key);
    if (v == kNoId || !usable(v)) continue;
    // ...unless it only turns one ending into another (قتلتا, قتلت;
    // فرارهما, فرارهم; كثبانا, كثبان): another form of the word. A letter
    // typed twice (العربيي) is a slip wherever it is.
    const bool doubled = i + 1 < n && typed[i + 1] == typed[i];
    if (!doubled) {
      letters.assign(typed.substr(0, i));
      letters.append(typed.substr(i + 1));
      if (swaps_ending(typed, letters)) continue;
    }
    add(v, CorrectClass::kInsertion, w.edit);
  }
  // A letter left out: the typed word is a word less one letter.
  // A bucket holds every word with a deletion of the same hash, most of them
  // no candidate: they are told apart on their UTF-8 bytes (two a letter),
  // and only a candidate is decoded.
  const auto letter_at = [](std::string_view bytes, size_t k) {
    return std::memcmp(bytes.data() + 2 * k, typed_bytes.data() + 2 * k, 2) == 0;
  };
  const std::span<const uint8_t> longer = model.delete_bucket(typed_bytes);
  for (size_t j = 0; j < longer.size(); j += 4) {
    const uint32_t v = model_internal::load_u32(longer.data() + j);
    const std::string_view word = model.word(v);
    if (word.size() != 2 * (n + 1)) continue;
    size_t i = 0;
    while (i < n && letter_at(word, i)) ++i;
    if (word.substr(2 * (i + 1)) != std::string_view(typed_bytes).substr(2 * i)) continue;
    if (!usable(v) || !word_letters(word, &letters)) continue;
    if (prefix_slot(letters, i) && proclitic(letters[i])) continue;
    if (i == n && letters[n] == u'ة') continue;
    add(v, CorrectClass::kDeletion, w.edit + (i == 0 ? 0.0 : kOneSlipOfFew));
  }
  // One letter replaced, or two swapped: the typed word and a word share a
  // deletion.
  for (size_t i = 0; i < n; ++i) {
    if (i > 0 && typed[i] == typed[i - 1]) continue;
    key_without(i);
    const std::span<const uint8_t> same = model.delete_bucket(key);
    for (size_t j = 0; j < same.size(); j += 4) {
      const uint32_t v = model_internal::load_u32(same.data() + j);
      const std::string_view word = model.word(v);
      if (word.size() != 2 * n) continue;
      size_t first = n, last = 0, diffs = 0;
      for (size_t k = 0; k < n; ++k) {
        if (!letter_at(word, k)) {
          first = std::min(first, k);
          last = k;
          ++diffs;
        }
      }
      if (diffs != 1 && !(diffs == 2 && last == first + 1)) continue;
      if (!usable(v) || !word_letters(word, &letters)) continue;
      // ل for ال (للرئة, الرئة) or one proclitic for another (لهونغ,
      // وهونغ): other word forms, not slips.
      if (diffs == 1 && prefix_slot(typed, first) && proclitic(typed[first]) &&
          ((first == 0 && letters[0] == u'ا') || proclitic(letters[first]))) {
        continue;
      }
      if (diffs == 1) {
        // A pronoun or a person for another (انتقالك, انتقاله; وتصدي,
        // وتصدت) is another form of the word too.
        if (swaps_ending(typed, letters)) continue;
        // And so is a verb's person prefix for another, at the start or
        // after و ف س ل and before three letters or more (نرتفع, ترتفع;
        // أعول, يعول), where the stem is a verb: more than one of its
        // persons is a known word. A noun's first letter typed with the
        // wrong dots (نقرير, تقرير) stays a slip, and so does لت for لي.
        if (person(typed[first]) && person(letters[first]) && first + 4 <= n &&
            typed.substr(0, first).find_first_not_of(u"وفسل") == std::u16string_view::npos &&
            persons_known(letters, first) >= 2) {
          continue;
        }
        add(v, CorrectClass::kSubstitution,
            near_letters(typed[first], letters[first]) ? w.edit_near : w.edit);
      } else if (diffs == 2 && last == first + 1 && typed[first] == letters[last] &&
                 typed[last] == letters[first] &&
                 // The dual's تا for the plural's ات (عمليتا, عمليات) is
                 // another form too.
                 !swaps_ending(typed, letters)) {
        add(v, CorrectClass::kTransposition, w.edit);
      }
    }
  }
}

// The id of a word seen at least min_count times, or of the word a
// proclitic is joined to (وأوراق: أوراق; للمدرسة: المدرسة), or kNoId.
uint32_t Corrector::Impl::find_word(std::u16string_view letters, uint32_t min_count) const {
  thread_local std::string key;
  key.clear();
  append_utf8(letters, &key);
  uint32_t id = model.find(key);
  if (id != kNoId && model.info(id).count >= min_count) return id;
  if (letters.size() < 4 || !is_joined_proclitic(letters[0])) {
    return kNoId;
  }
  key.clear();
  if (letters.starts_with(u"لل")) append_utf8(u"ا", &key);  // ل + ال
  append_utf8(letters.substr(1), &key);
  id = model.find(key);
  return id != kNoId && model.info(id).count >= min_count ? id : kNoId;
}

void Corrector::Impl::split_candidates(std::u16string_view typed, const CorrectWeights& w,
                                       std::vector<Candidate>* cands) const {
  thread_local std::string left, right;
  const uint32_t min_count = uint32_t(std::max(w.min_candidate_count, 0));
  for (size_t k = 2; k + 2 <= typed.size(); ++k) {
    // A pronoun or an ending is written joined to its word (عملياتهما,
    // السيناتوران): the end of a word, not a second one. After a short
    // particle it is one (وماهم: وما هم).
    if (k >= 4 && is_enclitic(typed.substr(k))) continue;
    // Nor is a cut inside one (لمنسوبيهما: لمنسوبيه ما).
    if (k >= 4 && k + 2 == typed.size() && is_enclitic(typed.substr(k - 1))) continue;
    // A half may be a word with a proclitic the model has not seen it with
    // (السوقوالمدرسة: السوق و+المدرسة); it is scored as the word.
    // After ة or ى, where a word must end, one known half is enough: the
    // other is a word the model has not seen (قضيةدافي -> قضية دافي).
    const bool word_end = typed[k - 1] == u'ة' || typed[k - 1] == u'ى';
    // The article is never a word of its own (اللوفتس is not ال لوفتس).
    if (typed.substr(0, k) == u"ال" || typed.substr(k) == u"ال") continue;
    const uint32_t a = find_word(typed.substr(0, k), min_count);
    if (a == kNoId && !word_end) continue;  // (spares the second lookup)
    const uint32_t b = find_word(typed.substr(k), min_count);
    const bool a_known = a != kNoId, b_known = b != kNoId;
    double unknown = 0;
    if (!(a_known && b_known)) {
      if (!word_end || !(a_known || b_known)) continue;
      unknown = w.unknown_word;
    } else if (avoid_each_other(a, b)) {
      continue;
    }
    left.clear();
    right.clear();
    append_utf8(typed.substr(0, k), &left);
    append_utf8(typed.substr(k), &right);
    Candidate c{left + " " + right, a_known ? a : kUnknown, b_known ? b : kUnknown,
                w.split + unknown};
    c.cls = CorrectClass::kSpaceDeletion;
    c.classes = 1u << int(CorrectClass::kSpaceDeletion);
    cands->push_back(std::move(c));
  }
}

void Corrector::Impl::decide(std::u16string_view typed, std::string_view bytes, uint32_t id,
                             uint32_t prev, uint32_t next, const CorrectOptions& options,
                             std::vector<Candidate>* cands) const {
  const CorrectWeights& w = options.weights;
  cands->clear();
  const bool known = id != kNoId;
  const WordInfo info = known ? model.info(id) : WordInfo{0, 0, 0, kNoId, 0};
  const uint32_t group = known ? info.group : group_of(typed);
  const bool in_lexicon = (info.flags & kInLexicon) != 0;
  const bool rare = !known || (!in_lexicon && info.count < uint32_t(std::max(w.rare_count, 0)));
  if (group != kNoId) group_candidates(typed, id, group, w, cands);
  // Whether a known spelling of the word itself (not of its stem: see
  // clitic_candidates) undoes a usual slip.
  const bool slip_variant = !known && std::any_of(cands->begin(), cands->end(),
                                                  [](const Candidate& c) { return c.undoes_slip; });
  if (rare) {
    edit_candidates(typed, group, w, cands);
    split_candidates(typed, w, cands);
  }
  if (!known) {
    clitic_candidates(typed, w, cands);
    if (!cands->empty()) pronoun_keep(typed, w, cands);
  }
  // Two alefs in a row mark a slip even where the word without the extra one
  // is not a word the model knows (أالماتا, ألماتا): that spelling is the
  // candidate, as an unknown word.
  const size_t extra = known ? std::u16string_view::npos : extra_alef(typed);
  if (extra != std::u16string_view::npos) {
    thread_local std::u16string fixed;
    fixed.assign(typed.substr(0, extra));
    fixed.append(typed.substr(extra + 1));
    Candidate c{std::string(), kUnknown, kUnknown, w.unknown_word + w.edit};
    append_utf8(fixed, &c.text);
    if (model.find(c.text) == kNoId) {
      c.cls = CorrectClass::kInsertion;
      c.classes = 1u << int(CorrectClass::kInsertion);
      cands->push_back(std::move(c));
    }
  }
  if (cands->empty()) return;
  Candidate keep{std::string(bytes), known ? id : kUnknown, known ? id : kUnknown, 0.0};
  keep.keep = true;
  if (!known) {
    keep.channel = w.unknown_word;
    if (slip_variant) keep.channel += w.unknown_variant;
    const uint32_t enough = uint32_t(std::max(w.min_inflected_count, 1));
    const uint32_t stem_count = inflected_count(typed, enough);
    if (stem_count >= enough) {
      keep.channel += w.inflected_bonus;
    } else if (typed.size() > kLongWord && stem_count < kMinStemCount) {
      // Clitics and endings make long words (even on a stem seen only
      // twice); without them, so long a word is rare.
      keep.channel += w.unknown_long * double(typed.size() - kLongWord);
    }
    // ة and ى end words: inside one, they mark two words run together (or a
    // slip). Two alefs in a row are no spelling either.
    if (typed.substr(0, typed.size() - 1).find_first_of(u"ةى") != std::u16string_view::npos ||
        extra != std::u16string_view::npos) {
      keep.channel += w.final_inside;
    }
  }
  // hunspell-ar accepts many hamza-less spellings (انه, اكثر): the lexicon
  // vouches for a word only when it is not a far rarer variant of another.
  if (known && in_lexicon &&
      info.count * kLexiconTrust >= model.info(model.group_top(group)).count) {
    keep.channel += w.known_bonus;
  }
  const bool lexicon_says_wrong = (model.flags & kHasLexicon) && !in_lexicon;
  cands->push_back(std::move(keep));
  // A word hunspell-ar spells so is likelier a word the model has not seen
  // (نجاتها, عكاز, أحيطت) than a slip of one it has; one it does not spell,
  // two words run together (ماعرفته, أوجماعة) than a word no dictionary has.
  std::optional<bool> spelled;  // (asked of a known word only if it matters)
  if (!known && std::any_of(cands->begin(), cands->end(),
                            [](const Candidate& c) { return is_slip(c) || is_split(c); })) {
    spelled = in_dictionary(typed);
    for (Candidate& c : *cands) {
      if (*spelled && is_slip(c)) c.channel += w.dictionary_word;
      if (!*spelled && is_split(c)) c.channel += w.unspelled_split;
    }
  }
  score_in_context(prev, next, typed, spelled, cands);
  for (Candidate& c : *cands) {
    if (!c.keep && lexicon_says_wrong && !is_split(c) && (model.info(c.first).flags & kInLexicon)) {
      c.score += w.lexicon_bonus;
    }
  }
}

// Each candidate's score: its channel cost plus in_context. The word pairs
// are looked up in one batch: the pair table is tens of MB, so each lookup
// waits on memory, and a word's candidates can wait together.
//
// A pair seen too seldom for the table to count (model.seen_pairs) counts once
// for a split's words and for a slip's candidate that hunspell-ar spells, when
// it does not spell the word as typed: the right word of a slip is often
// rare, and the text around it then seldom seen (الاتصالات الحكومية, seen
// once in 9M words). Not for the rest: the corpus's own hamza-less pairs, seen
// once or twice, would vouch for a spelling as typed (ان, الى), and a name's
// for another spelling of it (هاكينغ, هيكينغ).
void Corrector::Impl::score_in_context(uint32_t prev, uint32_t next, std::u16string_view typed,
                                       std::optional<bool> typed_spelled,
                                       std::vector<Candidate>* cands) const {
  thread_local std::vector<uint8_t> keys;
  thread_local std::vector<int64_t> counts;
  keys.clear();
  for (const Candidate& c : *cands) {
    uint8_t key[8];
    pair_key(prev, c.first, key);
    keys.insert(keys.end(), key, key + 8);
    pair_key(c.last, next, key);
    keys.insert(keys.end(), key, key + 8);
    if (is_split(c)) {
      pair_key(c.first, c.last, key);
      keys.insert(keys.end(), key, key + 8);
    }
  }
  counts.resize(keys.size() / 8);
  model.pairs.find_many(keys.data(), 8, counts.size(), counts.data());
  // The pairs the table lacks, of the candidates a pair seen may count for.
  thread_local std::vector<uint8_t> unseen_keys;
  thread_local std::vector<size_t> unseen_at;
  thread_local std::vector<uint8_t> seen;
  unseen_keys.clear();
  unseen_at.clear();
  size_t at = 0;
  for (const Candidate& c : *cands) {
    const size_t used = is_split(c) ? 3 : 2;
    if (is_split(c) || (is_slip(c) && (model.info(c.first).flags & kInLexicon))) {
      for (size_t k = at; k < at + used; ++k) {
        if (counts[k] >= 0) continue;
        unseen_keys.insert(unseen_keys.end(), keys.begin() + ptrdiff_t(8 * k),
                           keys.begin() + ptrdiff_t(8 * k + 8));
        unseen_at.push_back(k);
      }
    }
    at += used;
  }
  seen.resize(unseen_at.size());
  model.seen_pairs(unseen_keys.data(), unseen_at.size(), seen.data());
  // find_many wrote -1 for a pair the table lacks; such a pair seen, too
  // seldom to count, is marked apart.
  constexpr int64_t kSeenSeldom = -2;
  for (size_t u = 0; u < unseen_at.size(); ++u) {
    if (seen[u]) counts[unseen_at[u]] = kSeenSeldom;
  }
  at = 0;
  for (Candidate& c : *cands) {
    uint32_t pairs[3] = {0, 0, 0};
    const size_t used = is_split(c) ? 3 : 2;
    for (size_t k = 0; k < used; ++k) {
      if (counts[at + k] >= 0) {
        pairs[k] = uint32_t(counts[at + k]);
      } else if (counts[at + k] == kSeenSeldom) {
        if (!is_split(c) && !typed_spelled) typed_spelled = in_dictionary(typed);
        pairs[k] = is_split(c) || !*typed_spelled;
      }
    }
    at += used;
    c.score = c.channel + in_context(prev, c, next, pairs);
  }
}

Corrector::Corrector(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
Corrector::Corrector(Corrector&&) noexcept = default;
Corrector& Corrector::operator=(Corrector&&) noexcept = default;
Corrector::Corrector(const Corrector&) = default;
Corrector& Corrector::operator=(const Corrector&) = default;
Corrector::~Corrector() = default;

// A Corrector on an opened container; a problem in its sections is reported
// after `where` ("" or "PATH: ").
Result<Corrector> Corrector::from_model(Result<Model> file, const std::string& where) {
  if (!file) return file.error();
  auto impl = std::make_shared<Impl>();
  impl->model.file = std::move(*file);
  if (Status s = parse_model(&impl->model); !s.ok()) {
    return Error(s.error().code(), where + s.error().message());
  }
  impl->inv_total = 1 / (double(impl->model.tokens) + 0.5 * impl->model.word_count);
  return Corrector(std::move(impl));
}

Result<Corrector> Corrector::from_bytes(std::string_view bytes) {
  return from_model(Model::from_bytes(bytes, kKind, kVersion), "");
}

Result<Corrector> Corrector::open(const std::string& path) {
  return from_model(Model::open(path, kKind, kVersion), path + ": ");
}

Result<Corrector> Corrector::open_default() {
  return from_model(Model::from_embedded_bytes(embedded::correct_model(), kKind, kVersion), "");
}

std::string_view Corrector::about() const { return impl_->model.about; }
size_t Corrector::vocabulary_size() const { return impl_->model.word_count - kFirstWord; }

// The text is corrected a window at a time, so that memory stays a few MB
// for any text. A window ends after a punctuation token followed by
// whitespace, or at a line end: the words on either side see a sentence
// boundary there anyway, so the cut changes no decision. A stretch of
// kMaxWindow bytes without one is cut at whitespace, or between tokens,
// where the two words beside the cut lose a neighbour.
void Corrector::find_edits(std::string_view text, const CorrectOptions& options,
                           std::vector<CorrectEdit>* edits, uint64_t base) const {
  thread_local std::vector<Token> tokens;
  size_t from = 0;
  while (text.size() - from > kMaxWindow) {
    const std::string_view rest = text.substr(from, kMaxWindow);
    size_t cut = rest.rfind('\n', kMaxWindow - 1);
    if (cut != std::string_view::npos && cut >= kMinWindow) {
      cut += 1;
    } else {
      tokens.clear();
      Tokenizer().tokenize(rest, &tokens);
      cut = 0;
      size_t space_cut = 0, token_cut = 0;
      // The last token may run on past the window: cut before it at the latest.
      for (size_t i = 0; i + 1 < tokens.size(); ++i) {
        const Token& t = tokens[i];
        const bool gap = tokens[i + 1].begin > t.end;
        if (t.kind == TokenKind::kPunct && gap) cut = size_t(t.end);
        if (gap) space_cut = size_t(t.end);
        token_cut = size_t(tokens[i + 1].begin);
      }
      if (cut == 0) cut = space_cut != 0 ? space_cut : token_cut;
      if (cut == 0) cut = utf8_boundary_before(rest, kMaxWindow);  // one huge token
      if (cut == 0) cut = kMaxWindow;                              // (not UTF-8 at all: any cut)
    }
    impl_->correct_window(text.substr(from, cut), options, edits, base + from);
    from += cut;
  }
  impl_->correct_window(text.substr(from), options, edits, base + from);
}

void Corrector::Impl::correct_window(std::string_view text, const CorrectOptions& options,
                                     std::vector<CorrectEdit>* edits, uint64_t base) const {
  const Impl& impl = *this;
  const CorrectModel& model = impl.model;
  thread_local std::vector<Token> tokens;
  thread_local std::vector<uint32_t> ids;  // context id per token
  // kDecideInLexicon: kDecide, for a word the lexicon accepts (spelled_nearby).
  enum : uint8_t { kNotAWord, kWord, kDecide, kDecideInLexicon };
  thread_local std::vector<uint8_t> correctable;  // per token: a word, worth deciding
  thread_local std::vector<uint32_t> word_ids;    // per token: its id, or kNoId
  thread_local std::vector<Candidate> cands;
  thread_local std::u16string letters;
  thread_local std::string stripped;
  tokens.clear();
  Tokenizer().tokenize(text, &tokens);
  ids.assign(tokens.size(), kUnknown);
  correctable.assign(tokens.size(), 0);
  word_ids.assign(tokens.size(), kNoId);
  const uint32_t rare_count = uint32_t(std::max(options.weights.rare_count, 0));
  // The words' cache slots are fetched some tokens ahead: the cache is a few
  // MB, and a word looked up waits on its slot.
  thread_local std::vector<uint64_t> hashes;
  hashes.assign(tokens.size(), 0);
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind == TokenKind::kArabic) {
      hashes[i] = facts_hash(text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin));
    }
  }
  constexpr size_t kAhead = 8;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (i + kAhead < tokens.size()) __builtin_prefetch(&facts_slot(hashes[i + kAhead]));
    const Token& t = tokens[i];
    const std::string_view bytes = text.substr(t.begin, t.end - t.begin);
    switch (t.kind) {
      case TokenKind::kArabic:
        if (const WordFacts& f = impl.facts(bytes, hashes[i]); f.correctable) {
          const bool rare = f.id == kNoId || (!f.in_lexicon && f.count < rare_count);
          correctable[i] =
              rare || !f.dominant ? (f.in_lexicon ? kDecideInLexicon : kDecide) : kWord;
          word_ids[i] = f.id;
          ids[i] = f.id == kNoId ? kUnknown : f.context;
        } else if (f.id != kNoId) {
          word_ids[i] = ids[i] = f.id;
        } else {
          stripped.clear();
          for (size_t k = 0; k < bytes.size();) {
            const Utf8Char c = decode_utf8(bytes, k);
            if (!is_mark(c.code_point)) stripped.append(bytes.substr(k, c.length));
            k += c.length;
          }
          const uint32_t id = model.find(stripped);
          ids[i] = id == kNoId ? kUnknown : id;
        }
        break;
      case TokenKind::kNumber:
        ids[i] = kNumber;
        break;
      case TokenKind::kPunct:
        ids[i] = kBoundary;
        break;
      default:
        break;
    }
  }
  const auto line_between = [&](size_t a, size_t b) {  // a line end between tokens a and b
    return text.substr(tokens[a].end, tokens[b].begin - tokens[a].end).find('\n') !=
           std::string_view::npos;
  };
  // Two passes: the second decides again with the first's corrections as
  // both neighbours (a misspelled neighbour is poor context; one in nine
  // words of hasty text is misspelled).
  thread_local std::vector<Choice> choices;
  choices.assign(tokens.size(), Choice());
  for (size_t i = 0; i < tokens.size(); ++i) {
    choices[i].left = choices[i].right = ids[i];
    choices[i].word = word_ids[i];
  }
  // Whether token i's line has word `id` as typed (CorrectWeights::
  // spelled_nearby). Answers are kept per line (its words ask about a few
  // spellings, again and again); a line is scanned for its first few
  // distinct questions, and past them its words are sorted once, so that a
  // long line asked about at every word costs n log n, not n squared.
  constexpr size_t kScannedAsks = 16;
  thread_local std::vector<uint32_t> line_words;
  thread_local std::vector<std::pair<uint32_t, bool>> line_answers;
  size_t line_begin = 0, line_end = 0, line_of = SIZE_MAX;
  const auto line_has = [&](size_t i, uint32_t id) {
    if (id == kNoId) return false;  // no word is that
    if (line_of != line_begin) {
      line_of = line_begin;
      // The line ends before the first token after the next line break.
      const size_t newline = text.find('\n', size_t(tokens[i].end));
      line_end = newline == std::string_view::npos
                     ? tokens.size()
                     : size_t(std::partition_point(
                                  tokens.begin() + ptrdiff_t(i), tokens.end(),
                                  [&](const Token& t) { return size_t(t.begin) < newline; }) -
                              tokens.begin());
      line_answers.clear();
    }
    for (const auto& [asked, answer] : line_answers) {
      if (asked == id) return answer;
    }
    const auto first = word_ids.begin() + ptrdiff_t(line_begin);
    const auto last = word_ids.begin() + ptrdiff_t(line_end);
    bool answer;
    if (line_answers.size() < kScannedAsks) {
      answer = std::find(first, last, id) != last;
    } else {
      if (line_answers.size() == kScannedAsks) {
        line_words.assign(first, last);
        std::sort(line_words.begin(), line_words.end());
      }
      answer = std::binary_search(line_words.begin(), line_words.end(), id);
    }
    if (line_answers.size() <= kScannedAsks) line_answers.emplace_back(id, answer);
    return answer;
  };
  const uint32_t respellings =
      (1u << int(CorrectClass::kAlefMaqsura)) | (1u << int(CorrectClass::kTaMarbuta));
  // A word after بن, بنت or آل, or before بن or بنت, is a name (أيوب بن جحاب,
  // آل فايد, هاجد بن مسفر): not a slip of a word one letter away...
  const auto word_is = [&](size_t j, std::initializer_list<std::string_view> words) {
    if (tokens[j].kind != TokenKind::kArabic) return false;
    const std::string_view w = text.substr(tokens[j].begin, tokens[j].end - tokens[j].begin);
    return std::find(words.begin(), words.end(), w) != words.end();
  };
  // ...and so is a word after a given name: a known word that one time in
  // twenty or more comes before بن (محمد العمصي, فهد القحير), read as
  // decided (علي corrected to على is no name).
  const uint32_t bin = model.find("بن");
  const auto given_name = [&](uint32_t id) {
    if (id == kNoId || bin == kNoId) return false;
    const uint64_t before_bin = model.pair_count(id, bin);
    return before_bin > 0 && before_bin * kGivenNameBy >= model.info(id).count;
  };
  const auto in_a_name = [&](size_t i) {
    return (i > 0 && !line_between(i - 1, i) &&
            (word_is(i - 1, {"بن", "بنت", "ابن", "آل"}) || given_name(choices[i - 1].word))) ||
           (i + 1 < tokens.size() && !line_between(i, i + 1) && word_is(i + 1, {"بن", "بنت"}));
  };
  bool changed = false;
  for (int pass = 0; pass < 2 && (pass == 0 || changed); ++pass) {
    uint32_t prev = kBoundary;
    line_begin = 0;
    line_of = SIZE_MAX;
    for (size_t i = 0; i < tokens.size(); ++i) {
      if (i > 0 && line_between(i - 1, i)) {
        prev = kBoundary;
        line_begin = i;
      }
      Choice& choice = choices[i];
      if (correctable[i] < kDecide || (pass == 1 && !choice.had_candidates)) {
        prev = choice.left;
        continue;
      }
      const Token& t = tokens[i];
      const std::string_view bytes = text.substr(t.begin, t.end - t.begin);
      const bool last = i + 1 == tokens.size() || line_between(i, i + 1);
      const uint32_t next = last ? kBoundary : choices[i + 1].right;
      if (pass == 1 && prev == choice.prev && next == choice.next) {  // the same decision
        prev = choice.left;
        continue;
      }
      word_letters(bytes, &letters);
      const uint32_t id = word_ids[i];
      impl.decide(letters, bytes, id, prev, next, options, &cands);
      if (std::any_of(cands.begin(), cands.end(), is_slip) && in_a_name(i)) {
        std::erase_if(cands, is_slip);
      }
      if (correctable[i] == kDecideInLexicon) {
        // Not a far rarer spelling of another word (WordFacts::context).
        const bool own_word = ids[i] == id;
        for (Candidate& c : cands) {
          // A hamza put on a final alef is a respelling too: بدا "appeared"
          // and بدأ "began", خطا "stepped" and خطأ "error" are both words.
          if (own_word && !c.keep && !is_split(c) && c.hamza_on_final_alef) {
            c.score += options.weights.respelled_word;
            continue;
          }
          if (c.keep || c.classes == 0 || (c.classes & ~respellings) != 0) continue;
          // A final ه the lexicon accepts is a pronoun (عينه, جراحه, الكره
          // "hatred"), however much rarer than the ة word (الكرة) it is.
          if (own_word || (c.classes & (1u << int(CorrectClass::kTaMarbuta)))) {
            c.score += options.weights.respelled_word;
          }
          // ...and so does the line spelling it without a proclitic: whoever
          // writes على there means the name by وعلي.
          if (!is_split(c) &&
              (line_has(i, c.first) || line_has(i, impl.without_proclitic(c.first)))) {
            c.score += options.weights.spelled_nearby;
          }
        }
      }
      choice = Choice();
      choice.left = choice.right = ids[i];
      choice.word = id;
      choice.had_candidates = !cands.empty();
      choice.prev = prev;
      choice.next = next;
      if (const Candidate* c = pick(cands, options, &choice.confidence)) {
        choice.text = c->text;
        choice.cls = c->cls;
        choice.changed = changed = true;
        choice.right = c->first;
        choice.left = c->last;
        choice.word = is_split(*c) ? kNoId : c->first;
      }
      prev = choice.left;
    }
  }
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (correctable[i] == kNotAWord) continue;
    const Token& t = tokens[i];
    const Choice& choice = choices[i];
    // A word glued to a number (٢٧٠الف): a space between them.
    const bool after_number =
        i > 0 && tokens[i - 1].kind == TokenKind::kNumber && tokens[i - 1].end == t.begin;
    const bool before_number = i + 1 < tokens.size() && tokens[i + 1].kind == TokenKind::kNumber &&
                               tokens[i + 1].begin == t.end;
    const bool glued = (after_number || before_number) &&
                       (options.classes & (1u << int(CorrectClass::kSpaceDeletion))) &&
                       options.min_confidence <= kGluedConfidence && choice.word != kNoId &&
                       model.info(choice.word).count >= kMinGluedCount &&
                       (t.end - t.begin >= 6 || takes_a_number(model.word(choice.word)));
    if (glued && after_number) {
      edits->push_back(
          {base + t.begin, base + t.begin, " ", CorrectClass::kSpaceDeletion, kGluedConfidence});
    }
    if (choice.changed) {
      edits->push_back({base + t.begin, base + t.end, choice.text, choice.cls, choice.confidence});
    }
    if (glued && before_number) {
      edits->push_back(
          {base + t.end, base + t.end, " ", CorrectClass::kSpaceDeletion, kGluedConfidence});
    }
  }
}

void Corrector::correct(std::string_view text, const CorrectOptions& options,
                        std::string* out) const {
  thread_local std::vector<CorrectEdit> edits;
  edits.clear();
  find_edits(text, options, &edits);
  size_t at = 0;
  for (const CorrectEdit& e : edits) {
    out->append(text.substr(at, e.begin - at));
    out->append(e.replacement);
    at = e.end;
  }
  out->append(text.substr(at));
}

}  // namespace dhad
