// A memo of recent stems, for one thread. Natural text repeats its words (Zipf:
// in news, a direct-mapped table of 32K words answers ~70% of the tokens), and a
// lookup here costs a hash, one cache line and fixed-size moves: less than
// ISRI's pattern step and about half of light10. The answer is exactly the
// stemmer's: an entry holds the word's whole bytes and its stem.
//
// Not thread-safe: keep one per thread (the CLI's workers each have their own).
#ifndef DHAD_STEM_STEM_MEMO_H_
#define DHAD_STEM_STEM_MEMO_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

#include "dhad/stem.h"

namespace dhad::stem_internal {

class StemMemo {
 public:
  /// Words longer than this are stemmed every time (8 Arabic letters fit).
  static constexpr size_t kMaxWord = 16;

  /// Serves the stems of `stemmer`, made with `options`, from now on; it must
  /// outlive the calls. Held stems are dropped when its algorithm or options
  /// are not the last one's. Call it once per batch of words: it costs a
  /// virtual call.
  void use(const Stemmer& stemmer, const StemOptions& options = {}) {
    stemmer_ = &stemmer;
    if (algorithm_ != stemmer.name() || min_stem_letters_ != options.min_stem_letters) {
      reset(stemmer.name());
      min_stem_letters_ = options.min_stem_letters;
    }
  }

  /// stemmer.stem_to(word, out) for the stemmer of use(), from the memo when
  /// `word` was seen recently. `out` must have room for max(word.size(),
  /// kMaxWord) bytes: a hit writes kMaxWord bytes, of which the returned length
  /// are the stem.
  size_t stem_to(std::string_view word, char* out) {
    if (word.size() > kMaxWord || word.empty()) return stemmer_->stem_to(word, out);
    const Key key = key_of(word);
    Entry& e = entries_[slot(key)];
    if (e.key.first == key.first && e.key.last == key.last && e.word_size == word.size()) {
      std::memcpy(out, &e.stem_first, 8);
      std::memcpy(out + 8, &e.stem_last, 8);
      return e.stem_size;
    }
    const size_t size = stemmer_->stem_to(word, out);
    e.key = key;
    e.word_size = static_cast<uint8_t>(word.size());
    e.stem_size = static_cast<uint8_t>(size);  // a stem is never longer than its word
    std::memcpy(&e.stem_first, out, 8);        // out has room for kMaxWord bytes
    std::memcpy(&e.stem_last, out + 8, 8);
    return size;
  }

 private:
  static constexpr int kSlotBits = 15;  // 32K entries of 40 bytes

  // A word of at most 16 bytes, whole: its first and last 8 bytes (which
  // overlap below 16), or for shorter words first and last 4, or every byte.
  // With the size, this determines the word.
  struct Key {
    uint64_t first = 0;
    uint64_t last = 0;
  };

  struct Entry {
    Key key;
    uint64_t stem_first = 0;
    uint64_t stem_last = 0;
    uint8_t word_size = 0;  // 0: empty (empty words are not memoized)
    uint8_t stem_size = 0;
  };

  static Key key_of(std::string_view w) {
    Key k;
    const char* p = w.data();
    const size_t n = w.size();
    if (n >= 8) {
      std::memcpy(&k.first, p, 8);
      std::memcpy(&k.last, p + n - 8, 8);
    } else if (n >= 4) {
      uint32_t a, b;
      std::memcpy(&a, p, 4);
      std::memcpy(&b, p + n - 4, 4);
      k.first = uint64_t{a} << 32 | b;
    } else {
      for (size_t i = 0; i < n; ++i) k.first = k.first << 8 | static_cast<unsigned char>(p[i]);
    }
    return k;
  }

  static size_t slot(const Key& k) {
    const uint64_t h = (k.first ^ (k.last * 0xC2B2AE3D27D4EB4Full)) * 0x9E3779B97F4A7C15ull;
    return static_cast<size_t>(h >> (64 - kSlotBits));
  }

  void reset(std::string_view algorithm) {
    if (!entries_) entries_ = std::make_unique<Entry[]>(size_t{1} << kSlotBits);
    for (size_t i = 0; i < (size_t{1} << kSlotBits); ++i) entries_[i].word_size = 0;
    algorithm_ = algorithm;
  }

  const Stemmer* stemmer_ = nullptr;
  std::string_view algorithm_;     // Stemmer::name() of the stems held
  unsigned min_stem_letters_ = 0;  // and its StemOptions
  std::unique_ptr<Entry[]> entries_;
};

}  // namespace dhad::stem_internal

#endif  // DHAD_STEM_STEM_MEMO_H_
