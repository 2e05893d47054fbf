// CorrectionModelBuilder: counts words and word pairs of text and writes the
// corrector's model (layout in correct_model.h).
#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "correct/correct_model.h"
#include "dhad/correct.h"
#include "dhad/tokenize.h"
#include "dhad/utf8.h"
#include "model/model_writer.h"

namespace dhad {

using namespace correct_internal;  // NOLINT: this file writes its format

namespace {

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

// The word a token stands for when counted: its letters with marks and
// tatweel removed, or "" when what is left is not a word (is_letter).
bool counted_word(std::string_view token, std::string* word) {
  word->clear();
  size_t i = 0;
  while (i < token.size()) {
    const Utf8Char c = decode_utf8(token, i);
    if (c.code_point == kInvalidCodePoint) return false;
    if (!is_mark(c.code_point)) {
      if (!is_letter(c.code_point)) return false;
      word->append(token.substr(i, c.length));
    }
    i += c.length;
  }
  return !word->empty() && word->size() <= 2 * kMaxWordLetters;
}

uint64_t pair_of(uint32_t a, uint32_t b) { return uint64_t(a) << 32 | b; }

}  // namespace

struct CorrectionModelBuilder::State {
  Tokenizer tokenizer;
  std::vector<Token> tokens;
  std::string word;
  // Words get ids kFirstWord.. in order of first sight while counting.
  std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>> ids;
  std::vector<std::string_view> names;  // by counting id (views of ids' keys)
  std::vector<uint64_t> counts;         // by counting id
  std::unordered_map<uint64_t, uint32_t> pairs;
  std::unordered_set<std::string> lexicon;
  uint64_t words_seen = 0;

  State() : counts(kFirstWord, 0) { names.resize(kFirstWord); }

  uint32_t id_of(std::string_view w) {
    auto it = ids.find(w);
    if (it == ids.end()) {
      it = ids.emplace(std::string(w), uint32_t(counts.size())).first;
      names.push_back(it->first);
      counts.push_back(0);
    }
    return it->second;
  }
};

CorrectionModelBuilder::CorrectionModelBuilder() : state_(std::make_unique<State>()) {}
CorrectionModelBuilder::~CorrectionModelBuilder() = default;

uint64_t CorrectionModelBuilder::words_seen() const { return state_->words_seen; }

void CorrectionModelBuilder::add_text(std::string_view text) {
  State& s = *state_;
  s.tokens.clear();
  s.tokenizer.tokenize(text, &s.tokens);
  uint32_t prev = kBoundary;
  uint64_t prev_end = 0;
  auto see = [&](uint32_t id) {
    if (id == kBoundary && prev == kBoundary) return;
    ++s.counts[prev];  // counts are of left contexts: each pair counts its left word
    ++s.pairs[pair_of(prev, id)];
    prev = id;
  };
  for (const Token& t : s.tokens) {
    if (text.substr(prev_end, t.begin - prev_end).find('\n') != std::string_view::npos) {
      see(kBoundary);
    }
    prev_end = t.end;
    const std::string_view bytes = text.substr(t.begin, t.end - t.begin);
    uint32_t id = kUnknown;
    switch (t.kind) {
      case TokenKind::kArabic:
        if (counted_word(bytes, &s.word)) {
          id = s.id_of(s.word);
          ++s.words_seen;
        }
        break;
      case TokenKind::kNumber:
        id = kNumber;
        break;
      case TokenKind::kPunct:
        id = kBoundary;
        break;
      default:
        break;
    }
    see(id);
  }
  see(kBoundary);
}

void CorrectionModelBuilder::add_lexicon_word(std::string_view word) {
  std::string w;
  if (counted_word(word, &w)) state_->lexicon.insert(w);
}

std::string CorrectionModelBuilder::finish(const Limits& limits, std::string_view about) const {
  const State& s = *state_;
  const bool has_lexicon = !s.lexicon.empty();
  // The vocabulary: words seen often enough, and the lexicon's.
  struct Kept {
    std::string_view word;
    uint64_t count;
    uint32_t counting_id;
  };
  std::vector<Kept> kept;
  for (uint32_t i = kFirstWord; i < s.names.size(); ++i) {
    if (s.counts[i] >= limits.min_word_count ||
        (s.counts[i] >= limits.min_lexicon_count && s.lexicon.count(std::string(s.names[i])))) {
      kept.push_back({s.names[i], s.counts[i], i});
    }
  }
  if (limits.min_lexicon_count == 0) {  // lexicon words the text never has
    for (const std::string& w : s.lexicon) {
      if (!s.ids.count(w)) kept.push_back({w, 0, kNoId});
    }
  }
  std::sort(kept.begin(), kept.end(), [](const Kept& a, const Kept& b) {
    return a.count != b.count ? a.count > b.count : a.word < b.word;
  });
  const uint32_t v = uint32_t(kept.size()) + kFirstWord;
  std::vector<uint32_t> final_id(s.counts.size(), kUnknown);
  for (uint32_t i = 0; i < kFirstWord; ++i) final_id[i] = i;
  for (uint32_t i = 0; i < kept.size(); ++i) {
    if (kept[i].counting_id != kNoId) final_id[kept[i].counting_id] = kFirstWord + i;
  }
  std::vector<uint64_t> counts(v, 0);
  for (uint32_t i = 0; i < s.counts.size(); ++i) counts[final_id[i]] += s.counts[i];

  // Pairs under the final ids (words left out become kUnknown).
  std::unordered_map<uint64_t, uint64_t> pairs;
  pairs.reserve(s.pairs.size());
  for (const auto& [key, n] : s.pairs) {
    pairs[pair_of(final_id[key >> 32], final_id[uint32_t(key)])] += n;
  }
  std::vector<uint32_t> followers(v, 0), preceders(v, 0);
  std::vector<std::pair<uint64_t, uint32_t>> stored_pairs;
  std::vector<uint64_t> seen_pairs;  // hash64 of the pairs seen too seldom to count
  for (const auto& [key, n] : pairs) {
    ++followers[key >> 32];
    ++preceders[uint32_t(key)];
    if (n >= limits.min_pair_count) {
      stored_pairs.push_back({key, uint32_t(std::min<uint64_t>(n, kMaxPairCount))});
    } else if (limits.seen_pairs) {
      uint8_t k[8];
      pair_key(uint32_t(key >> 32), uint32_t(key), k);
      seen_pairs.push_back(model_internal::hash64(k, 8, kSeedSeenPairs));
    }
  }

  // Skeleton groups, numbered in order of their most frequent word.
  std::u16string letters;
  std::string skeleton;
  std::unordered_map<std::string, uint32_t> group_of_skeleton;
  std::vector<std::vector<uint32_t>> groups;
  std::vector<uint32_t> group(v, kNoId);
  std::vector<std::string> skeleton_names;
  for (uint32_t id = kFirstWord; id < v; ++id) {
    const std::string_view w = kept[id - kFirstWord].word;
    skeleton.clear();
    if (word_letters(w, &letters)) {
      append_skeleton(letters, &skeleton);
    } else {
      skeleton = w;  // (a lexicon word too long to correct) its own group
    }
    auto [it, added] = group_of_skeleton.emplace(skeleton, uint32_t(groups.size()));
    if (added) {
      groups.emplace_back();
      skeleton_names.push_back(skeleton);
    }
    groups[it->second].push_back(id);
    group[id] = it->second;
  }

  // The deletion index: each one-letter deletion of the words seen often enough.
  std::vector<std::pair<uint64_t, uint32_t>> deletes;  // (hash, id)
  std::string deleted;
  for (uint32_t id = kFirstWord; id < v; ++id) {
    if (counts[id] < limits.min_index_count) continue;
    if (!word_letters(kept[id - kFirstWord].word, &letters) || letters.size() < 2) continue;
    for (size_t i = 0; i < letters.size(); ++i) {
      if (i > 0 && letters[i] == letters[i - 1]) continue;  // the same deletion again
      deleted.clear();
      append_utf8(std::u16string_view(letters).substr(0, i), &deleted);
      append_utf8(std::u16string_view(letters).substr(i + 1), &deleted);
      deletes.push_back({model_internal::hash64(reinterpret_cast<const uint8_t*>(deleted.data()),
                                                deleted.size(), kSeedDeletes),
                         id});
    }
  }
  int delete_bits = 1;
  while ((size_t(1) << delete_bits) * 2 < deletes.size() &&
         delete_bits < int(model_internal::HashTable::kMaxBucketBits)) {
    ++delete_bits;
  }
  const auto bucket = [&](uint64_t h) { return h >> (64 - delete_bits); };
  std::sort(deletes.begin(), deletes.end(), [&](const auto& a, const auto& b) {
    return bucket(a.first) != bucket(b.first) ? bucket(a.first) < bucket(b.first)
                                              : a.second < b.second;
  });
  deletes.erase(std::unique(deletes.begin(), deletes.end(),
                            [&](const auto& a, const auto& b) {
                              return bucket(a.first) == bucket(b.first) && a.second == b.second;
                            }),
                deletes.end());

  using model_writer::put32;
  using model_writer::put64;
  std::string totals;
  put64(&totals, s.words_seen);
  put32(&totals, v);
  put32(&totals, has_lexicon ? kHasLexicon : 0);
  put32(&totals, uint32_t(groups.size()));
  put32(&totals, 0);
  std::string strings, word_ends, word_info;
  for (uint32_t id = 0; id < v; ++id) {
    if (id >= kFirstWord) strings += kept[id - kFirstWord].word;
    put32(&word_ends, uint32_t(strings.size()));
    put32(&word_info, uint32_t(std::min<uint64_t>(counts[id], ~0u)));
    put32(&word_info, followers[id]);
    put32(&word_info, preceders[id]);
    put32(&word_info, group[id]);
    const bool in_lexicon =
        id >= kFirstWord && s.lexicon.count(std::string(kept[id - kFirstWord].word));
    put32(&word_info, in_lexicon ? kInLexicon : 0);
  }
  std::string group_ends, group_members;
  uint32_t members = 0;
  for (const auto& g : groups) {
    for (uint32_t id : g) put32(&group_members, id);
    put32(&group_ends, members += uint32_t(g.size()));
  }
  std::string delete_section;
  model_writer::put_buckets(&delete_section, delete_bits, deletes.size(), kSeedDeletes,
                            [&](size_t i) { return bucket(deletes[i].first); });
  for (const auto& d : deletes) put32(&delete_section, d.second);

  // The hash tables, each under the first seed that gives no fingerprint
  // collision in a bucket.
  auto hashed = [](uint64_t first_seed, uint32_t width, auto&& entries_for) {
    std::string out;
    for (uint64_t seed = first_seed;; ++seed) {
      if (model_writer::hashed_table(entries_for(seed), seed, width, &out)) return out;
    }
  };
  const std::string words_table = hashed(kSeedWords, 4, [&](uint64_t seed) {
    std::vector<model_writer::HashedEntry> e;
    for (uint32_t id = kFirstWord; id < v; ++id) {
      const std::string_view w = kept[id - kFirstWord].word;
      e.push_back(
          {model_internal::hash64(reinterpret_cast<const uint8_t*>(w.data()), w.size(), seed), id});
    }
    return e;
  });
  const std::string skeletons_table = hashed(kSeedSkeletons, 4, [&](uint64_t seed) {
    std::vector<model_writer::HashedEntry> e;
    for (uint32_t g = 0; g < groups.size(); ++g) {
      const std::string& k = skeleton_names[g];
      e.push_back(
          {model_internal::hash64(reinterpret_cast<const uint8_t*>(k.data()), k.size(), seed), g});
    }
    return e;
  });
  const std::string pairs_table = hashed(kSeedPairs, 2, [&](uint64_t seed) {
    std::vector<model_writer::HashedEntry> e;
    e.reserve(stored_pairs.size());
    uint8_t key[8];
    for (const auto& [k, n] : stored_pairs) {
      pair_key(uint32_t(k >> 32), uint32_t(k), key);
      e.push_back({model_internal::hash64(key, 8, seed), n});
    }
    return e;
  });

  std::vector<model_writer::Section> sections = {
      {"totals", totals, 8},         {"strings", strings, 8},
      {"word_ends", word_ends, 8},   {"word_info", word_info, 8},
      {"words", words_table, 8},     {"skeletons", skeletons_table, 8},
      {"group_ends", group_ends, 8}, {"group_members", group_members, 8},
      {"pairs", pairs_table, 8},     {"deletes", delete_section, 8}};
  if (limits.seen_pairs) {
    sections.push_back(
        {"seen_pairs", model_writer::fingerprint_set(std::move(seen_pairs), kSeedSeenPairs), 8});
  }
  sections.push_back({"about", std::string(about), 1});
  return model_writer::container(kKind, kVersion, sections);
}

}  // namespace dhad
