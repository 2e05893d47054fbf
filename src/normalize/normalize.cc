#include "dhad/normalize.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <string>

#include "common/simd.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif
#include "dhad/utf8.h"
#include "unicode/char_class.h"

namespace dhad {
namespace {

struct RuleEntry {
  char32_t code_point;
  Rule rule;
  const char* utf8;  // replacement; empty deletes
  uint8_t length;
};

#include "normalize/rule_data.inc"

constexpr std::array<std::string_view, kRuleCount> kRuleNames = {"presentation_forms",
                                                                 "tatweel",
                                                                 "harakat",
                                                                 "dagger_alef",
                                                                 "quranic_marks",
                                                                 "invisibles",
                                                                 "spaces",
                                                                 "collapse_whitespace",
                                                                 "persian",
                                                                 "digits",
                                                                 "punctuation",
                                                                 "alef",
                                                                 "alef_wasla",
                                                                 "alef_maksura",
                                                                 "teh_marbuta",
                                                                 "hamza_seats"};

uint32_t bits(std::initializer_list<Rule> rules) {
  uint32_t b = 0;
  for (Rule r : rules) b |= 1u << int(r);
  return b;
}

constexpr char32_t kZwj = 0x200D;

// Every rule entry by code point. Built once; the reference path and the
// table compiler both read it.
const std::multimap<char32_t, const RuleEntry*>& rules_by_code_point() {
  static const auto* map = [] {
    auto* m = new std::multimap<char32_t, const RuleEntry*>;
    for (const RuleEntry& e : kRuleEntries) m->emplace(e.code_point, &e);
    return m;
  }();
  return *map;
}

// The enabled rule (other than presentation_forms) that maps cp, or null.
const RuleEntry* find_rule(char32_t cp, const NormalizeOptions& options, bool presentation) {
  auto [lo, hi] = rules_by_code_point().equal_range(cp);
  for (auto it = lo; it != hi; ++it) {
    const Rule r = it->second->rule;
    if ((r == Rule::kPresentationForms) == presentation && options.has(r)) return it->second;
  }
  return nullptr;
}

// What cp becomes under `options`, as UTF-8: presentation forms are unfolded
// first, then every other rule is applied to each resulting character until
// nothing changes (ۃ → ة → ه needs two steps).
std::string map_code_point(char32_t cp, const NormalizeOptions& options) {
  std::u32string chars(1, cp);
  if (const RuleEntry* pf = find_rule(cp, options, true)) {
    chars.clear();
    std::string_view utf8(pf->utf8, pf->length);
    for (size_t i = 0; i < utf8.size();) {
      const Utf8Char c = decode_utf8(utf8, i);
      chars.push_back(c.code_point);
      i += c.length;
    }
  }
  for (int round = 0; round < 4; ++round) {
    std::u32string next;
    bool changed = false;
    for (char32_t c : chars) {
      const RuleEntry* e = find_rule(c, options, false);
      if (e == nullptr) {
        next.push_back(c);
        continue;
      }
      changed = true;
      std::string_view utf8(e->utf8, e->length);
      for (size_t i = 0; i < utf8.size();) {
        const Utf8Char d = decode_utf8(utf8, i);
        next.push_back(d.code_point);
        i += d.length;
      }
    }
    chars.swap(next);
    if (!changed) break;
  }
  std::string out;
  for (char32_t c : chars) append_utf8(c, &out);
  return out;
}

bool is_emoji_part(char32_t cp) {
  const CharClass k = char_class(cp);
  return k == CharClass::kEmoji || k == CharClass::kEmojiModifier || cp == 0xFE0F;
}

// Appends output while collapsing runs of horizontal whitespace: the first
// space or tab of a run is written as is; a second one turns the run into a
// single ' '; later ones are dropped. Deleted characters do not end a run.
class Emitter {
 public:
  Emitter(std::string* out, std::vector<Offset>* offsets, bool collapse, int run = 0)
      : out_(out), offsets_(offsets), collapse_(collapse), run_(run) {}
  int run() const { return run_; }

  void bytes(const char* p, size_t n, Offset source) {
    if (n == 0) return;
    if (collapse_ && has_hspace(p, n)) {  // a replacement holding spaces (NBSP → ' ')
      for (size_t i = 0; i < n; ++i) byte(p[i], source);
      return;
    }
    run_ = 0;
    out_->append(p, n);
    if (offsets_) offsets_->insert(offsets_->end(), n, source);
  }

  // Bytes a prefilter proved unchanged, holding no tab and no double space.
  void clean(const char* p, size_t n) {
    out_->append(p, n);
    run_ = p[n - 1] == ' ' ? 1 : 0;
  }
  bool in_space_run() const { return run_ > 0; }

  // An ASCII run: each byte is its own character, at source + i.
  void ascii(const char* p, size_t n, Offset source) {
    size_t i = 0;
    while (i < n) {
      if (collapse_ && (p[i] == ' ' || p[i] == '\t')) {
        byte(p[i], source + Offset(i));
        ++i;
        continue;
      }
      size_t j = i + 1;
      while (j < n && !(collapse_ && (p[j] == ' ' || p[j] == '\t'))) ++j;
      run_ = 0;
      out_->append(p + i, j - i);
      if (offsets_) {
        for (size_t k = i; k < j; ++k) offsets_->push_back(source + Offset(k));
      }
      i = j;
    }
  }

 private:
  void byte(char c, Offset source) {
    const bool hspace = c == ' ' || c == '\t';
    if (hspace && run_ > 0) {
      if (run_ == 1) out_->back() = ' ';
      ++run_;
      return;
    }
    run_ = hspace ? 1 : 0;
    out_->push_back(c);
    if (offsets_) offsets_->push_back(source);
  }

  static bool has_hspace(const char* p, size_t n) {
    for (size_t i = 0; i < n; ++i) {
      if (p[i] == ' ' || p[i] == '\t') return true;
    }
    return false;
  }

  std::string* out_;
  std::vector<Offset>* offsets_;
  bool collapse_;
  int run_ = 0;
};

}  // namespace

std::string_view rule_name(Rule rule) { return kRuleNames[size_t(rule)]; }

Result<Rule> parse_rule(std::string_view name) {
  for (size_t i = 0; i < kRuleNames.size(); ++i) {
    if (kRuleNames[i] == name) return Rule(i);
  }
  return Error(ErrorCode::kInvalidArgument,
               "unknown normalization rule '" + std::string(name) + "'");
}

NormalizeOptions NormalizeOptions::light() {
  return {bits({Rule::kPresentationForms, Rule::kTatweel, Rule::kInvisibles, Rule::kSpaces,
                Rule::kCollapseWhitespace})};
}
NormalizeOptions NormalizeOptions::lucene() {
  return {
      bits({Rule::kAlef, Rule::kAlefMaksura, Rule::kTehMarbuta, Rule::kTatweel, Rule::kHarakat})};
}
NormalizeOptions NormalizeOptions::camel() {
  return {bits({Rule::kHarakat, Rule::kDaggerAlef, Rule::kAlef, Rule::kAlefWasla,
                Rule::kAlefMaksura, Rule::kTehMarbuta})};
}
NormalizeOptions NormalizeOptions::search() { return {(1u << kRuleCount) - 1}; }

Result<NormalizeOptions> NormalizeOptions::profile(std::string_view name) {
  if (name == "light") return light();
  if (name == "lucene") return lucene();
  if (name == "camel") return camel();
  if (name == "search") return search();
  return Error(ErrorCode::kInvalidArgument,
               "unknown profile '" + std::string(name) + "' (want light, lucene, camel or search)");
}

// Compiled lookup: for U+0080..07FF (two-byte UTF-8, the Arabic block) one
// entry per code point; for three-byte code points a two-stage table of
// 64-entry blocks, block 0 being all-identity. An entry is 0 for "unchanged",
// else kChanged | length << 24 | offset into pool.
struct Normalizer::Tables {
  static constexpr uint32_t kChanged = 1u << 31;
  static constexpr uint32_t kZwjContext = 1u << 30;  // ZWJ kept inside emoji
  std::array<uint32_t, 0x800> two{};
  std::array<uint16_t, 0x10000 / 64> stage1{};
  std::vector<std::array<uint32_t, 64>> blocks;
  std::string pool;

  // In-register plan, usable when every change is a same-length fold or a
  // deletion of a two-byte character and nothing depends on context (no
  // whitespace collapsing): true for the lucene and camel profiles.
  // A fold rewrites the continuation byte (all conts of a group after `lead`
  // become new_cont) and, rarely, the lead byte (LeadChange: ة D8 A9 → D9 87).
  struct ContGroup {
    uint8_t lead, new_cont;
    std::vector<uint8_t> conts;
  };
  struct LeadChange {
    uint8_t lead, cont, new_lead;
  };
  struct DeleteRange {
    uint8_t lead, lo, hi;  // deletes lead + [lo, hi]
  };
  bool vector_ok = false;
  // Prefilter for every other rule set: a 32-byte chunk with none of these
  // two-byte characters, no three/four-byte character (when such are
  // changed), and, when collapsing, no tab or double space is copied as is.
  bool prefilter_ok = false;
  bool watch_high = false;
  std::vector<DeleteRange> watch;  // (lead, lo..hi) of changed two-byte characters
  std::vector<ContGroup> cont_groups;
  std::vector<LeadChange> lead_changes;
  std::vector<DeleteRange> deletes;

  uint32_t lookup3(char32_t cp) const { return blocks[stage1[cp >> 6]][cp & 63]; }
  void plan_vector(bool collapse);

  // Code-point plan (normalize_ucs2): usable when every change maps a BMP
  // code point to one BMP code point or deletes it, and nothing depends on
  // context. The vector kernel folds each code point of `from` to `to` with
  // compares and blends and squeezes out the deleted ranges.
  struct Fold16 {
    char16_t to;
    std::vector<char16_t> from;
  };
  struct Range16 {
    char16_t lo, hi;
  };
  bool ucs2_ok = false;
  bool ucs2_vector_ok = false;
  std::vector<Fold16> folds16;
  std::vector<Range16> deletes16;
  uint32_t entry(char32_t cp) const { return cp < 0x800 ? two[cp] : lookup3(cp); }
  void plan_ucs2(bool context);

  // For unchanged_prefix(): by a two-byte sequence (lead << 8 | next), 1 for
  // a valid character no rule changes, else 0.
  std::array<uint8_t, 0x10000> unchanged_pair{};
  void plan_pairs() {
    for (uint32_t cp = 0x80; cp < 0x800; ++cp) {
      if (two[cp] == 0) unchanged_pair[(0xC0 | cp >> 6) << 8 | (0x80 | (cp & 0x3F))] = 1;
    }
  }
};

void Normalizer::Tables::plan_vector(bool collapse) {
  vector_ok = !collapse && blocks.size() == 1;
  for (char32_t cp = 0x80; cp < 0x800 && vector_ok; ++cp) {
    const uint32_t e = two[cp];
    if (e == 0) continue;
    const uint32_t length = (e >> 24) & 0x3F;
    const auto lead = uint8_t(0xC0 | (cp >> 6)), cont = uint8_t(0x80 | (cp & 0x3F));
    if (length == 2) {
      const auto* r = reinterpret_cast<const uint8_t*>(pool.data() + (e & 0xFFFFFF));
      if (r[0] != lead) lead_changes.push_back({lead, cont, r[0]});
      ContGroup* group = nullptr;
      for (ContGroup& g : cont_groups) {
        if (g.lead == lead && g.new_cont == r[1]) group = &g;
      }
      if (group == nullptr) group = &cont_groups.emplace_back(ContGroup{lead, r[1], {}});
      group->conts.push_back(cont);
    } else if (length == 0) {
      if (!deletes.empty() && deletes.back().lead == lead && deletes.back().hi + 1 == cont) {
        deletes.back().hi = cont;
      } else {
        deletes.push_back({lead, cont, cont});
      }
    } else {
      vector_ok = false;
    }
  }
  watch_high = blocks.size() > 1;
  for (char32_t cp = 0x80; cp < 0x800; ++cp) {
    if (two[cp] == 0) continue;
    const auto lead = uint8_t(0xC0 | (cp >> 6)), cont = uint8_t(0x80 | (cp & 0x3F));
    if (!watch.empty() && watch.back().lead == lead && watch.back().hi + 1 == cont) {
      watch.back().hi = cont;
    } else {
      watch.push_back({lead, cont, cont});
    }
  }
  prefilter_ok = watch.size() <= 12;
  size_t compares = lead_changes.size() + deletes.size();
  for (const ContGroup& g : cont_groups) compares += g.conts.size();
  vector_ok = vector_ok && compares <= 24;  // beyond that the table path is as fast
}

void Normalizer::Tables::plan_ucs2(bool context) {
  ucs2_ok = !context;
  size_t compares = 0;
  // Every code point the scalar path looks up (ASCII too), so that both
  // paths apply the same plan; only blocks some rule touches can hold changed
  // code points.
  for (char32_t cp = 0; cp < 0x10000 && ucs2_ok; ++cp) {
    if (cp >= 0x800 && stage1[cp >> 6] == 0) {
      cp |= 63;  // an identity block
      continue;
    }
    const uint32_t e = entry(cp);
    if (e == 0) continue;
    if (e & kZwjContext) ucs2_ok = false;
    const uint32_t length = (e >> 24) & 0x3F;
    if (length == 0) {
      if (!deletes16.empty() && deletes16.back().hi + 1u == cp) {
        deletes16.back().hi = char16_t(cp);
      } else {
        deletes16.push_back({char16_t(cp), char16_t(cp)});
        ++compares;
      }
      continue;
    }
    const std::string_view r(pool.data() + (e & 0xFFFFFF), length);
    const Utf8Char c = decode_utf8(r, 0);
    if (c.length != length || c.code_point >= 0x10000) {
      ucs2_ok = false;  // several characters, or one outside the BMP
      continue;
    }
    Fold16* fold = nullptr;
    for (Fold16& f : folds16) {
      if (f.to == c.code_point) fold = &f;
    }
    if (fold == nullptr) fold = &folds16.emplace_back(Fold16{char16_t(c.code_point), {}});
    fold->from.push_back(char16_t(cp));
    ++compares;
  }
  ucs2_vector_ok = ucs2_ok && compares <= 24;  // beyond that the table path is as fast
}

Normalizer::Normalizer(const NormalizeOptions& options)
    : options_(options), tables_(std::make_unique<Tables>()) {
  Tables& t = *tables_;
  t.blocks.emplace_back();  // block 0: identity
  auto entry_for = [&](char32_t cp) -> uint32_t {
    std::string mapped = map_code_point(cp, options_);
    std::string self;
    append_utf8(cp, &self);
    uint32_t e = 0;
    if (mapped != self) {
      e = Tables::kChanged | uint32_t(mapped.size()) << 24 | uint32_t(t.pool.size());
      t.pool += mapped;
    }
    if (cp == kZwj && options_.has(Rule::kInvisibles)) e |= Tables::kZwjContext;
    return e;
  };
  // Only code points that some rule names can change; collect them.
  for (const RuleEntry& r : kRuleEntries) {
    const char32_t cp = r.code_point;
    if (!options_.has(r.rule)) continue;
    if (cp < 0x800) {
      t.two[cp] = entry_for(cp);
    } else if (cp < 0x10000) {
      if (t.stage1[cp >> 6] == 0) {
        t.stage1[cp >> 6] = uint16_t(t.blocks.size());
        t.blocks.emplace_back();
      }
      t.blocks[t.stage1[cp >> 6]][cp & 63] = entry_for(cp);
    }
  }
  t.plan_vector(options_.has(Rule::kCollapseWhitespace));
  t.plan_ucs2(options_.has(Rule::kCollapseWhitespace));
  t.plan_pairs();
}

Normalizer::~Normalizer() = default;
Normalizer::Normalizer(Normalizer&&) noexcept = default;
Normalizer& Normalizer::operator=(Normalizer&&) noexcept = default;

namespace {

// Applies a vector-eligible rule set (see plan_vector) to s[begin, end) one
// character at a time; returns the bytes written at o. The span must not end
// between a two-byte lead and its continuation.
size_t fold_span_scalar(const Normalizer::Tables& t, const uint8_t* s, size_t begin, size_t end,
                        char* o) {
  char* const start = o;
  const std::string_view text(reinterpret_cast<const char*>(s), end);
  for (size_t pos = begin; pos < end;) {
    const uint8_t b0 = s[pos];
    if (b0 < 0x80) {
      *o++ = char(b0);
      ++pos;
      continue;
    }
    // Two-byte characters inline: short tokens (stemmers) live on this path.
    Utf8Char c;
    if (b0 >= 0xC2 && b0 < 0xE0 && pos + 1 < end && (s[pos + 1] & 0xC0) == 0x80) {
      c = {char32_t((b0 & 0x1F) << 6 | (s[pos + 1] & 0x3F)), 2, true};
    } else {
      c = decode_utf8(text, pos);
    }
    const uint32_t e = c.valid && c.code_point < 0x800 ? t.two[c.code_point] : 0;
    if (e == 0) {
      std::memcpy(o, s + pos, c.length);
      o += c.length;
    } else {
      const uint32_t length = (e >> 24) & 0x3F;
      std::memcpy(o, t.pool.data() + (e & 0xFFFFFF), length);
      o += length;
    }
    pos += c.length;
  }
  return size_t(o - start);
}

// normalize_ucs2 and normalize_ucs4 one code point at a time: the path for
// CPUs without AVX2, for the vector kernels' last code points, and for rule
// sets with many changes. Past the BMP (four-byte units only) no rule applies.
template <typename Unit>
std::optional<size_t> fold_units_scalar(const Normalizer::Tables& t, const Unit* s, size_t n,
                                        Unit* o) {
  Unit* const start = o;
  for (size_t i = 0; i < n; ++i) {
    const char32_t u = s[i];
    if ((u & 0xFFFFF800) == 0xD800 || u > 0x10FFFF) return std::nullopt;  // not a character
    const uint32_t e = u < 0x10000 ? t.entry(u) : 0;
    if (e == 0) {
      *o++ = s[i];
    } else if (const uint32_t length = (e >> 24) & 0x3F; length != 0) {
      *o++ =
          Unit(decode_utf8(std::string_view(t.pool.data() + (e & 0xFFFFFF), length), 0).code_point);
    }
  }
  return size_t(o - start);
}

#if defined(__x86_64__)
// For each 8-bit mask of bytes to delete, the positions of the kept bytes in
// order, padded with 0x80 (which a byte shuffle turns into zero).
constexpr std::array<std::array<uint8_t, 8>, 256> make_keep_shuffle() {
  std::array<std::array<uint8_t, 8>, 256> table{};
  for (unsigned m = 0; m < 256; ++m) {
    unsigned k = 0;
    for (unsigned b = 0; b < 8; ++b) {
      if (!((m >> b) & 1)) table[m][k++] = uint8_t(b);
    }
    for (; k < 8; ++k) table[m][k] = 0x80;
  }
  return table;
}
constexpr auto kKeepShuffle = make_keep_shuffle();

// 32 bytes at a time: folds are applied with compares and blends (a byte's
// new value depends only on itself and its neighbours); deleted characters
// are squeezed out with byte shuffles. Chunks start on character boundaries
// and never end right after a lead byte. Returns bytes written.
__attribute__((target("avx2"))) size_t fold_avx2(const Normalizer::Tables& t, const uint8_t* s,
                                                 size_t n, char* o) {
  char* const start = o;
  size_t i = 0;
  if (n < 64) return fold_span_scalar(t, s, 0, n, o);
  // The first character by itself, so that every chunk has a byte before it.
  i = decode_utf8(std::string_view(reinterpret_cast<const char*>(s), n), 0).length;
  o += fold_span_scalar(t, s, 0, i, o);
  while (i + 33 <= n) {
    const __m256i cur = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i));
    const __m256i next = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i + 1));
    const __m256i prev = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i - 1));
    // Do not end a chunk on a lead byte: its continuation is in the next one.
    const size_t advance = s[i + 31] >= 0xC0 ? 31 : 32;
    // Bytes to delete: the lead and the continuation of each deleted character.
    __m256i del = _mm256_setzero_si256();
    for (const auto& d : t.deletes) {
      const __m256i lead = _mm256_set1_epi8(char(d.lead));
      const __m256i at_lead =
          _mm256_and_si256(_mm256_cmpeq_epi8(cur, lead), simd::in_range(next, d.lo, d.hi));
      const __m256i at_cont =
          _mm256_and_si256(_mm256_cmpeq_epi8(prev, lead), simd::in_range(cur, d.lo, d.hi));
      del = _mm256_or_si256(del, _mm256_or_si256(at_lead, at_cont));
    }
    uint32_t del_mask = uint32_t(_mm256_movemask_epi8(del));
    __m256i res = cur;
    for (const auto& g : t.cont_groups) {
      __m256i hit = _mm256_setzero_si256();
      for (uint8_t c : g.conts)
        hit = _mm256_or_si256(hit, _mm256_cmpeq_epi8(cur, _mm256_set1_epi8(char(c))));
      hit = _mm256_and_si256(hit, _mm256_cmpeq_epi8(prev, _mm256_set1_epi8(char(g.lead))));
      res = _mm256_blendv_epi8(res, _mm256_set1_epi8(char(g.new_cont)), hit);
    }
    for (const auto& c : t.lead_changes) {
      const __m256i hit = _mm256_and_si256(_mm256_cmpeq_epi8(cur, _mm256_set1_epi8(char(c.lead))),
                                           _mm256_cmpeq_epi8(next, _mm256_set1_epi8(char(c.cont))));
      res = _mm256_blendv_epi8(res, _mm256_set1_epi8(char(c.new_lead)), hit);
    }
    if (del_mask == 0) {
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(o), res);
      o += advance;
    } else {
      // Compact eight bytes at a time: a shuffle per group from a table of
      // the kept positions for each 8-bit delete mask.
      if (advance == 31) del_mask |= 0x80000000u;  // reprocessed by the next chunk
      const __m128i halves[2] = {_mm256_castsi256_si128(res), _mm256_extracti128_si256(res, 1)};
      for (int g = 0; g < 4; ++g) {
        const unsigned m = (del_mask >> (8 * g)) & 0xFF;
        __m128i idx = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(kKeepShuffle[m].data()));
        if (g & 1) idx = _mm_add_epi8(idx, _mm_set1_epi8(8));
        _mm_storel_epi64(reinterpret_cast<__m128i*>(o), _mm_shuffle_epi8(halves[g >> 1], idx));
        o += 8 - __builtin_popcount(m);
      }
    }
    i += advance;
  }
  o += fold_span_scalar(t, s, i, n, o);
  return size_t(o - start);
}

// For each 8-bit mask of 16-bit lanes to delete, the byte positions of the
// kept lanes in order, padded with 0x80 (which a byte shuffle turns into zero).
constexpr std::array<std::array<uint8_t, 16>, 256> make_keep_shuffle16() {
  std::array<std::array<uint8_t, 16>, 256> table{};
  for (unsigned m = 0; m < 256; ++m) {
    unsigned k = 0;
    for (unsigned lane = 0; lane < 8; ++lane) {
      if ((m >> lane) & 1) continue;
      table[m][k++] = uint8_t(2 * lane);
      table[m][k++] = uint8_t(2 * lane + 1);
    }
    for (; k < 16; ++k) table[m][k] = 0x80;
  }
  return table;
}
constexpr auto kKeepShuffle16 = make_keep_shuffle16();

// 16 code points at a time: folds with compares and blends, deletions
// squeezed out with byte shuffles (two halves of 8). Stores stay within
// o[0, n): o never runs ahead of the input position.
__attribute__((target("avx2"))) std::optional<size_t> fold_ucs2_avx2(const Normalizer::Tables& t,
                                                                     const char16_t* s, size_t n,
                                                                     char16_t* o) {
  char16_t* const start = o;
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const __m256i cur = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i));
    const __m256i surrogate = _mm256_cmpeq_epi16(
        _mm256_and_si256(cur, _mm256_set1_epi16(short(0xF800))), _mm256_set1_epi16(short(0xD800)));
    if (!_mm256_testz_si256(surrogate, surrogate)) return std::nullopt;
    __m256i del = _mm256_setzero_si256();
    for (const auto& d : t.deletes16) del = _mm256_or_si256(del, simd::in_range16(cur, d.lo, d.hi));
    __m256i res = cur;
    for (const auto& f : t.folds16) {
      __m256i hit = _mm256_setzero_si256();
      for (char16_t c : f.from) {
        hit = _mm256_or_si256(hit, _mm256_cmpeq_epi16(cur, _mm256_set1_epi16(short(c))));
      }
      res = _mm256_blendv_epi8(res, _mm256_set1_epi16(short(f.to)), hit);
    }
    if (_mm256_testz_si256(del, del)) {
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(o), res);
      o += 16;
      continue;
    }
    // One bit per lane: packing turns each 16-bit lane into a byte, per half.
    const auto mask =
        uint32_t(_mm256_movemask_epi8(_mm256_packs_epi16(del, _mm256_setzero_si256())));
    const __m128i halves[2] = {_mm256_castsi256_si128(res), _mm256_extracti128_si256(res, 1)};
    for (int h = 0; h < 2; ++h) {
      const unsigned m = (mask >> (16 * h)) & 0xFF;
      const __m128i idx =
          _mm_loadu_si128(reinterpret_cast<const __m128i*>(kKeepShuffle16[m].data()));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(o), _mm_shuffle_epi8(halves[h], idx));
      o += 8 - __builtin_popcount(m);
    }
  }
  const std::optional<size_t> tail = fold_units_scalar(t, s + i, n - i, o);
  if (!tail) return std::nullopt;
  return size_t(o - start) + *tail;
}

// For each 8-bit mask of 32-bit lanes to delete, the kept lanes in order (a
// lane permutation; the lanes past them are don't-cares, overwritten next).
constexpr std::array<std::array<uint32_t, 8>, 256> make_keep_lanes32() {
  std::array<std::array<uint32_t, 8>, 256> table{};
  for (unsigned m = 0; m < 256; ++m) {
    unsigned k = 0;
    for (unsigned lane = 0; lane < 8; ++lane) {
      if (!((m >> lane) & 1)) table[m][k++] = lane;
    }
  }
  return table;
}
constexpr auto kKeepLanes32 = make_keep_lanes32();

// fold_ucs2_avx2 on 8 code points of 32 bits at a time: the same plan (its
// code points are all in the BMP, so nothing past it matches), deletions
// squeezed out with a lane permutation. Stores stay within o[0, n).
__attribute__((target("avx2"))) std::optional<size_t> fold_ucs4_avx2(const Normalizer::Tables& t,
                                                                     const char32_t* s, size_t n,
                                                                     char32_t* o) {
  char32_t* const start = o;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m256i cur = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i));
    // A surrogate, or past U+10FFFF (as signed: also the values with the top bit set).
    const __m256i bad = _mm256_or_si256(
        _mm256_cmpeq_epi32(_mm256_and_si256(cur, _mm256_set1_epi32(int(0xFFFFF800))),
                           _mm256_set1_epi32(0xD800)),
        _mm256_or_si256(_mm256_cmpgt_epi32(cur, _mm256_set1_epi32(0x10FFFF)),
                        _mm256_cmpgt_epi32(_mm256_setzero_si256(), cur)));
    if (!_mm256_testz_si256(bad, bad)) return std::nullopt;
    __m256i del = _mm256_setzero_si256();
    for (const auto& d : t.deletes16) {
      del = _mm256_or_si256(
          del,
          _mm256_andnot_si256(_mm256_or_si256(_mm256_cmpgt_epi32(_mm256_set1_epi32(d.lo), cur),
                                              _mm256_cmpgt_epi32(cur, _mm256_set1_epi32(d.hi))),
                              _mm256_set1_epi32(-1)));
    }
    __m256i res = cur;
    for (const auto& f : t.folds16) {
      __m256i hit = _mm256_setzero_si256();
      for (char16_t c : f.from)
        hit = _mm256_or_si256(hit, _mm256_cmpeq_epi32(cur, _mm256_set1_epi32(c)));
      res = _mm256_blendv_epi8(res, _mm256_set1_epi32(f.to), hit);
    }
    if (_mm256_testz_si256(del, del)) {
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(o), res);
      o += 8;
      continue;
    }
    const auto m = unsigned(_mm256_movemask_ps(_mm256_castsi256_ps(del)));
    const __m256i lanes =
        _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kKeepLanes32[m].data()));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(o), _mm256_permutevar8x32_epi32(res, lanes));
    o += 8 - __builtin_popcount(m);
  }
  const std::optional<size_t> tail = fold_units_scalar(t, s + i, n - i, o);
  if (!tail) return std::nullopt;
  return size_t(o - start) + *tail;
}

// How many bytes from `pos` on lie in whole 32-byte chunks that no enabled
// rule touches (see Tables::prefilter_ok); stops at the first chunk that
// needs the table path. `space_run`: the output so far ends in a space run.
__attribute__((target("avx2"))) size_t clean_prefix_avx2(const Normalizer::Tables& t,
                                                         const uint8_t* s, size_t pos, size_t n,
                                                         bool collapse, bool space_run) {
  const size_t start = pos;
  const __m256i space = _mm256_set1_epi8(' ');
  const __m256i tab = _mm256_set1_epi8('\t');
  if (collapse && space_run && pos < n && (s[pos] == ' ' || s[pos] == '\t')) return 0;
  while (pos + 33 <= n) {
    const __m256i cur = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + pos));
    const __m256i next = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + pos + 1));
    __m256i hit = t.watch_high ? simd::in_range(cur, 0xE0, 0xFF) : _mm256_setzero_si256();
    for (const auto& w : t.watch) {
      hit = _mm256_or_si256(hit,
                            _mm256_and_si256(_mm256_cmpeq_epi8(cur, _mm256_set1_epi8(char(w.lead))),
                                             simd::in_range(next, w.lo, w.hi)));
    }
    if (collapse) {
      hit = _mm256_or_si256(hit, _mm256_cmpeq_epi8(cur, tab));
      hit = _mm256_or_si256(
          hit, _mm256_and_si256(_mm256_cmpeq_epi8(cur, space), _mm256_cmpeq_epi8(next, space)));
    }
    if (!_mm256_testz_si256(hit, hit)) break;
    pos += 32;
  }
  return pos - start;
}
#endif

}  // namespace

bool Normalizer::normalizes_ucs2() const { return tables_->ucs2_ok; }

std::optional<size_t> Normalizer::normalize_ucs2(std::u16string_view text, char16_t* out) const {
  const Tables& t = *tables_;
  if (!t.ucs2_ok) return std::nullopt;
#if defined(__x86_64__)
  if (t.ucs2_vector_ok && simd::has_avx2()) return fold_ucs2_avx2(t, text.data(), text.size(), out);
#endif
  return fold_units_scalar(t, text.data(), text.size(), out);
}

std::optional<size_t> Normalizer::normalize_ucs4(std::u32string_view text, char32_t* out) const {
  const Tables& t = *tables_;
  if (!t.ucs2_ok) return std::nullopt;
#if defined(__x86_64__)
  if (t.ucs2_vector_ok && simd::has_avx2()) return fold_ucs4_avx2(t, text.data(), text.size(), out);
#endif
  return fold_units_scalar(t, text.data(), text.size(), out);
}

bool Normalizer::uses_vector_path() const {
#if defined(__x86_64__)
  return tables_->vector_ok && simd::has_avx2();
#else
  return false;
#endif
}

void Normalizer::normalize(std::string_view text, std::string* out,
                           std::vector<Offset>* offsets) const {
#if defined(__x86_64__)
  if (offsets == nullptr && uses_vector_path()) {
    const size_t old = out->size();
    // Folds keep the length and deletions shrink it; +32 for the last store.
    out->resize(old + text.size() + 32);
    const size_t written = fold_avx2(*tables_, reinterpret_cast<const uint8_t*>(text.data()),
                                     text.size(), out->data() + old);
    out->resize(old + written);
    return;
  }
#endif
  normalize_tables(text, out, offsets);
}

void Normalizer::normalize_tables(std::string_view text, std::string* out,
                                  std::vector<Offset>* offsets, Carry* carry) const {
  const Tables& t = *tables_;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const size_t n = text.size();
  Emitter emit(out, offsets, options_.has(Rule::kCollapseWhitespace),
               carry != nullptr ? carry->space_run : 0);
  if (out->capacity() < out->size() + n) {
    out->reserve(std::max(out->capacity() * 2, out->size() + n));  // geometric, not exact
  }
  size_t pos = 0;
  // previous code point, for the ZWJ-in-emoji exception
  char32_t prev = carry != nullptr ? carry->prev : 0;
#if defined(__x86_64__)
  const bool prefilter = offsets == nullptr && t.prefilter_ok && simd::has_avx2();
#else
  const bool prefilter = false;
#endif
  size_t table_until = 0;  // with the prefilter: the table path runs up to here
  while (pos < n) {
#if defined(__x86_64__)
    if (prefilter && pos >= table_until) {
      const bool collapse = options_.has(Rule::kCollapseWhitespace);
      const size_t clean = clean_prefix_avx2(t, s, pos, n, collapse, emit.in_space_run());
      if (clean > 0) {
        emit.clean(text.data() + pos, clean);
        pos += clean;
        prev = 0;  // clean chunks hold no emoji
      }
      table_until = pos + 32;  // the chunk that needs a closer look
      if (pos >= n) break;
    }
#endif
    const size_t ascii = simd::ascii_prefix_length(s + pos, n - pos);
    if (ascii > 0) {
      emit.ascii(text.data() + pos, ascii, Offset(pos));
      pos += ascii;
      prev = s[pos - 1];
      if (pos >= n) break;
    }
    const uint8_t b0 = s[pos];
    uint32_t e = 0;
    size_t len;
    char32_t cp;
    if (b0 >= 0xC2 && b0 < 0xE0 && pos + 1 < n && (s[pos + 1] & 0xC0) == 0x80) {
      cp = char32_t((b0 & 0x1F) << 6 | (s[pos + 1] & 0x3F));
      len = 2;
      e = t.two[cp];
    } else {
      const Utf8Char c = decode_utf8(text, pos);
      len = c.length;
      cp = c.code_point;
      if (c.valid && cp < 0x10000) e = t.lookup3(cp);
    }
    if (e & Tables::kZwjContext) {
      const size_t next = pos + len;
      const bool keep =
          is_emoji_part(prev) && next < n && is_emoji_part(decode_utf8(text, next).code_point);
      if (keep) e = 0;
    }
    if (e == 0) {
      emit.bytes(text.data() + pos, len, Offset(pos));
    } else {
      const uint32_t length = (e >> 24) & 0x3F;
      emit.bytes(t.pool.data() + (e & 0xFFFFFF), length, Offset(pos));
    }
    prev = cp;
    pos += len;
  }
  if (carry != nullptr) {
    carry->space_run = emit.run();
    carry->prev = prev;
  }
}

namespace {

// The length of `text` without a trailing sequence that is the start of a
// longer UTF-8 character (its other bytes may come in the next piece).
size_t complete_prefix_length(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  size_t lead = text.size();
  while (lead > 0 && text.size() - lead < 3 && (s[lead - 1] & 0xC0) == 0x80) --lead;
  if (lead == 0) return text.size();
  --lead;  // the byte before the continuation bytes
  const uint8_t b = s[lead];
  const size_t want = b >= 0xF0 && b <= 0xF4  ? 4
                      : b >= 0xE0 && b < 0xF0 ? 3
                      : b >= 0xC2 && b < 0xE0 ? 2
                                              : 1;
  return want > text.size() - lead ? lead : text.size();
}

}  // namespace

void NormalizeStream::feed(std::string_view piece, std::string* out) {
  if (piece.empty()) return;
  std::string joined;
  if (!held_.empty()) {
    joined = held_ + std::string(piece);
    held_.clear();
    piece = joined;
  }
  // A character cut in two waits for its other bytes; a ZWJ at the end waits
  // for the code point after it (one before another ZWJ is deleted whatever
  // follows, so only the last is held).
  static constexpr std::string_view kZwjBytes = "\xE2\x80\x8D";
  size_t keep = complete_prefix_length(piece);
  if (piece.substr(0, keep).ends_with(kZwjBytes)) keep -= kZwjBytes.size();
  held_.assign(piece.substr(keep));
  piece = piece.substr(0, keep);
  if (piece.empty()) return;
  // The held space goes back where a second one can still turn it into ' '.
  const size_t start = out->size();
  if (held_space_ != 0) out->push_back(held_space_);
  held_space_ = 0;
  normalizer_->normalize_tables(piece, out, nullptr, &carry_);
  if (carry_.space_run == 1 && out->size() > start) {
    held_space_ = out->back();
    out->pop_back();
  }
}

void NormalizeStream::finish(std::string* out) {
  std::string rest;
  rest.swap(held_);
  if (held_space_ != 0) out->push_back(held_space_);
  held_space_ = 0;
  // A trailing ZWJ: nothing follows it.
  if (!rest.empty()) normalizer_->normalize_tables(rest, out, nullptr, &carry_);
  carry_ = Normalizer::Carry();
}

void Normalizer::normalize_reference(std::string_view text, std::string* out) const {
  Emitter emit(out, nullptr, options_.has(Rule::kCollapseWhitespace));
  char32_t prev = 0;
  for (size_t pos = 0; pos < text.size();) {
    const Utf8Char c = decode_utf8(text, pos);
    std::string mapped =
        c.valid ? map_code_point(c.code_point, options_) : std::string(text.substr(pos, c.length));
    if (c.valid && c.code_point == kZwj && options_.has(Rule::kInvisibles) && is_emoji_part(prev) &&
        pos + c.length < text.size() &&
        is_emoji_part(decode_utf8(text, pos + c.length).code_point)) {
      mapped = text.substr(pos, c.length);
    }
    for (char ch : mapped) emit.ascii(&ch, 1, 0);
    prev = c.code_point;
    pos += c.length;
  }
}

size_t Normalizer::unchanged_prefix(std::string_view text) const {
  const Tables& t = *tables_;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const size_t n = text.size();
  const bool collapse = options_.has(Rule::kCollapseWhitespace);
  size_t pos = 0;
  while (pos < n) {
    const uint8_t b = s[pos];
    if (b < 0x80) {
      if (collapse && (b == ' ' || b == '\t')) return pos;
      ++pos;
      continue;
    }
    if (pos + 1 < n && t.unchanged_pair[size_t(b) << 8 | s[pos + 1]]) {
      pos += 2;
      continue;
    }
    const Utf8Char c = decode_utf8(text, pos);
    if (c.valid && c.length == 2) return pos;  // a two-byte character a rule changes
    if (c.valid && c.code_point < 0x10000 && t.lookup3(c.code_point) != 0) return pos;
    pos += c.length;  // four-byte characters and invalid bytes are copied as they are
  }
  return n;
}

bool Normalizer::is_normalized(std::string_view text) const {
  std::string out;
  normalize(text, &out);
  return out == text;
}

}  // namespace dhad
