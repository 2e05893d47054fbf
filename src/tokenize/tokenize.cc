#include "dhad/tokenize.h"

#include <array>

#include "common/simd.h"
#include "dhad/utf8.h"
#include "tokenize/arabic_run.h"
#include "unicode/char_class.h"

namespace dhad {
namespace {

constexpr std::array<std::string_view, 11> kKindNames = {"arabic", "latin",  "number",  "punct",
                                                         "url",    "email",  "hashtag", "mention",
                                                         "emoji",  "symbol", "other"};

struct Char {
  char32_t cp;
  uint32_t length;
  CharClass cls;
  bool valid;
};

bool is_ascii_alnum(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool is_ascii_alpha(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_number_separator(char32_t c) {
  return c == '.' || c == ',' || c == 0x066B || c == 0x066C;  // ٫ ٬
}
bool is_apostrophe(char32_t c) { return c == '\'' || c == 0x2019; }
bool is_keycap_base(char32_t c) { return (c >= '0' && c <= '9') || c == '#' || c == '*'; }

constexpr char32_t kZwj = 0x200D;

// For U+0600..06FF, indexed [lead byte - D8][second byte] (false where the
// second byte is no continuation byte): does the character go on an Arabic
// word (a letter or a mark: kArabicWordPart) or start one (a letter:
// kArabicWordStart)?
using ArabicBlockTable = std::array<std::array<bool, 256>, 4>;
ArabicBlockTable arabic_block_table(bool marks) {
  ArabicBlockTable table{};
  for (char32_t cp = 0x600; cp < 0x700; ++cp) {
    const CharClass k = char_class(cp);
    table[(cp >> 6) - 0x18][0x80 | (cp & 0x3F)] =
        k == CharClass::kArabicLetter || (marks && k == CharClass::kMark);
  }
  return table;
}
const ArabicBlockTable kArabicWordPart = arabic_block_table(true);
const ArabicBlockTable kArabicWordStart = arabic_block_table(false);
constexpr char32_t kVariationSelector16 = 0xFE0F;
constexpr char32_t kKeycap = 0x20E3;

// Characters a URL may hold after its start: printable ASCII but quotes,
// angle brackets and backquote. Non-ASCII ends a URL: typed text glues Arabic
// words to links, and copied links are percent-encoded.
bool is_url_char(char32_t c) {
  return c > 0x20 && c < 0x7F && c != '"' && c != '<' && c != '>' && c != '`';
}
bool is_email_local_char(char32_t c) {
  return is_ascii_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

// One left-to-right pass. Each scan_* function starts at a position whose
// first character decided the token's kind and returns the token's end.
class Scanner {
 public:
  // Without a classifier, one token at a time.
  using Classifier = tokenize_internal::Window (*)(const uint8_t*);
  Scanner(std::string_view text, std::vector<Token>* tokens, uint64_t base, Classifier classify)
      : text_(text), tokens_(tokens), base_(base), classify_(classify) {}

  void run() {
    size_t pos = 0;
    size_t bulk_from = 0;  // after the bulk path stops short, one at a time up to here
    while (pos < text_.size()) {
      if (classify_ != nullptr && pos >= bulk_from && text_.size() - pos > 64) {
        size_t stop = 0;
        const size_t next = bulk(pos, &stop);
        if (next > pos) {
          pos = next;
          continue;
        }
        bulk_from = pos + stop + 1;
      }
      const auto b = static_cast<uint8_t>(text_[pos]);
      if (b == ' ') {
        ++pos;
        continue;
      }
      // Most tokens are words of the Arabic block: straight to their scanner.
      if (b >= 0xD8 && b <= 0xDB && pos + 1 < text_.size()) {
        const auto b1 = static_cast<uint8_t>(text_[pos + 1]);
        if (kArabicWordStart[b - 0xD8][b1]) {
          pos = emit_at(pos, scan_arabic(pos), TokenKind::kArabic);
          continue;
        }
      }
      const Char c = at(pos);
      if (c.valid && c.cls == CharClass::kSpace) {
        pos += c.length;
        continue;
      }
      pos = scan_token(pos, c);
    }
  }

 private:
  // Text in news is mostly words of common Arabic letters and plain
  // punctuation between spaces. For the 64 bytes at pos (where a token may
  // start) this emits such tokens in one go from bit masks, up to the first
  // byte that is anything else (*stop, its offset), and returns where the
  // token-by-token loop goes on: at that byte, or at the token that touches
  // it, whose end that loop decides. A token is emitted only when a byte of
  // those kinds follows it, as then it surely ends there. Returns pos when it
  // emitted nothing.
  size_t bulk(size_t pos, size_t* stop) {
    const auto* s = reinterpret_cast<const uint8_t*>(text_.data()) + pos;
    const tokenize_internal::Window w = classify_(s);
    const uint64_t word = w.pairs | w.pairs << 1;  // a letter's two bytes
    const uint64_t word_starts = word & ~(word << 1);
    // A mark followed by the same mark starts a run (one token): not known.
    const uint64_t punct = w.punct & ~w.repeated;
    const uint64_t known = word | w.separators | punct | w.pair_punct | w.pair_punct << 1;
    // Anything else stops it; so do a word that starts with a mark (the loop
    // makes that mark a token of its own) and two-byte punctuation followed
    // by more (it may be a run).
    const uint64_t other = ~known | (word_starts & w.marks) | (w.pair_punct & w.pair_punct >> 2);
    const int limit = other != 0 ? __builtin_ctzll(other) : 64;
    *stop = size_t(limit);
    const uint64_t before_limit = limit == 64 ? ~uint64_t{0} : (uint64_t{1} << limit) - 1;
    uint64_t starts = (word_starts | punct | w.pair_punct) & before_limit;
    // A token's last byte; those before limit - 1 have a known byte after them.
    uint64_t lasts = (word & ~(word >> 1)) | punct | w.pair_punct << 1;
    lasts &= before_limit >> 1;
    const uint64_t base = base_ + pos;
    while (lasts != 0) {
      const int begin = __builtin_ctzll(starts);
      const int end = __builtin_ctzll(lasts) + 1;
      const bool arabic = (word >> begin) & 1;
      tokens_->push_back({base + uint64_t(begin), base + uint64_t(end),
                          arabic ? TokenKind::kArabic : TokenKind::kPunct});
      starts &= starts - 1;
      lasts &= lasts - 1;
    }
    return pos + size_t(starts != 0 ? __builtin_ctzll(starts) : limit);
  }

  Char at(size_t pos) const {
    const auto b = static_cast<uint8_t>(text_[pos]);
    if (b < 0x80) return {b, 1, char_class(b), true};
    // Two-byte characters (all of Arabic) decoded inline: the common case.
    if (b >= 0xC2 && b < 0xE0 && pos + 1 < text_.size()) {
      const auto b1 = static_cast<uint8_t>(text_[pos + 1]);
      if ((b1 & 0xC0) == 0x80) {
        const char32_t cp = char32_t((b & 0x1F) << 6 | (b1 & 0x3F));
        return {cp, 2, char_class(cp), true};
      }
    }
    const Utf8Char u = decode_utf8(text_, pos);
    if (!u.valid) return {kInvalidCodePoint, u.length, CharClass::kOther, false};
    return {u.code_point, u.length, char_class(u.code_point), true};
  }
  // The character at pos, or a sentinel past the end.
  Char peek(size_t pos) const {
    if (pos >= text_.size()) return {0, 0, CharClass::kOther, false};
    return at(pos);
  }

  void emit(size_t begin, size_t end, TokenKind kind) {
    tokens_->push_back({base_ + begin, base_ + end, kind});
  }

  size_t scan_token(size_t pos, const Char& c) {
    if (!c.valid) return emit_run(pos, TokenKind::kOther, [](const Char& x) { return !x.valid; });
    if (c.cp < 0x80) {
      if (size_t end = scan_url(pos); end > pos) return emit_at(pos, end, TokenKind::kUrl);
      if (size_t end = scan_email(pos); end > pos) return emit_at(pos, end, TokenKind::kEmail);
      if (c.cp == '#') {
        if (size_t end = scan_hashtag(pos + 1); end > pos + 1) {
          return emit_at(pos, end, TokenKind::kHashtag);
        }
      }
      if (c.cp == '@') {
        if (size_t end = scan_mention(pos + 1); end > pos + 1) {
          return emit_at(pos, end, TokenKind::kMention);
        }
      }
      if (is_keycap_base(c.cp)) {
        if (size_t end = scan_keycap(pos); end > pos) return emit_at(pos, end, TokenKind::kEmoji);
      }
    }
    switch (c.cls) {
      case CharClass::kArabicLetter:
        return emit_at(pos, scan_arabic(pos), TokenKind::kArabic);
      case CharClass::kLatinLetter:
        return emit_at(pos, scan_latin(pos), TokenKind::kLatin);
      case CharClass::kDigit:
        return emit_at(pos, scan_number(pos), TokenKind::kNumber);
      case CharClass::kPunct:
      case CharClass::kTatweel: {
        const char32_t first = c.cp;
        return emit_run(pos, TokenKind::kPunct, [first](const Char& x) { return x.cp == first; });
      }
      case CharClass::kEmoji:
      case CharClass::kEmojiModifier:
      case CharClass::kRegionalIndicator:
        return emit_at(pos, scan_emoji(pos), TokenKind::kEmoji);
      case CharClass::kSymbol:
        return emit_at(pos, skip_marks(pos + c.length), TokenKind::kSymbol);
      case CharClass::kLetter:
        return emit_run(pos, TokenKind::kOther, [](const Char& x) {
          return x.valid && (x.cls == CharClass::kLetter || x.cls == CharClass::kMark);
        });
      default: {  // marks with no base, joiners, format and control characters
        const CharClass cls = c.cls;
        return emit_run(pos, TokenKind::kOther,
                        [cls](const Char& x) { return x.valid && x.cls == cls; });
      }
    }
  }

  size_t emit_at(size_t begin, size_t end, TokenKind kind) {
    emit(begin, end, kind);
    return end;
  }

  template <typename Pred>
  size_t emit_run(size_t pos, TokenKind kind, Pred same) {
    const size_t begin = pos;
    pos += at(pos).length;
    while (pos < text_.size()) {
      const Char c = at(pos);
      if (!same(c)) break;
      pos += c.length;
    }
    return emit_at(begin, pos, kind);
  }

  size_t skip_marks(size_t pos) const {
    while (pos < text_.size()) {
      const Char c = at(pos);
      if (!c.valid || c.cls != CharClass::kMark) break;
      pos += c.length;
    }
    return pos;
  }

  // Letters and marks; tatweel and ZWNJ/ZWJ only between letters, except that
  // a tatweel directly after letters (elongation) stays with the word.
  size_t scan_arabic(size_t pos) const {
    size_t end = pos;
    const auto* s = reinterpret_cast<const uint8_t*>(text_.data());
    const size_t n = text_.size();
    while (end < n) {
      end = tokenize_internal::skip_common_arabic(s, end, n);
      // Then letters and marks of U+0600..06FF, straight from the bytes.
      while (end + 1 < n) {
        const unsigned lead = unsigned(s[end]) - 0xD8;
        if (lead > 3 || !kArabicWordPart[lead][s[end + 1]]) break;
        end += 2;
      }
      if (end >= n || s[end] == ' ') break;  // the usual end of a word
      const Char c = at(end);
      if (!c.valid) break;
      if (c.cls == CharClass::kArabicLetter || c.cls == CharClass::kMark) {
        end += c.length;
        continue;
      }
      if (c.cls != CharClass::kTatweel && c.cls != CharClass::kJoiner) break;
      // Look past the run of tatweels and joiners.
      size_t look = end;
      bool joiner = false;
      Char d = c;
      while (d.valid && (d.cls == CharClass::kTatweel || d.cls == CharClass::kJoiner)) {
        joiner |= d.cls == CharClass::kJoiner;
        look += d.length;
        d = peek(look);
      }
      if (d.valid && d.cls == CharClass::kArabicLetter) {
        end = look;
      } else if (!joiner) {
        end = look;  // trailing elongation
        break;
      } else {
        break;
      }
    }
    return end;
  }

  // Letters, digits and marks, with ' or ’ allowed between letters.
  size_t scan_latin(size_t pos) const {
    size_t end = pos;
    while (end < text_.size()) {
      const Char c = at(end);
      if (c.valid && (c.cls == CharClass::kLatinLetter || c.cls == CharClass::kMark ||
                      (c.cls == CharClass::kDigit && c.cp < 0x80))) {
        end += c.length;
        continue;
      }
      if (c.valid && is_apostrophe(c.cp)) {
        const Char d = peek(end + c.length);
        if (d.valid && d.cls == CharClass::kLatinLetter) {
          end += c.length;
          continue;
        }
      }
      break;
    }
    return end;
  }

  size_t scan_digits(size_t pos) const {
    while (pos < text_.size()) {
      const Char c = at(pos);
      if (!c.valid || c.cls != CharClass::kDigit) break;
      pos += c.length;
    }
    return pos;
  }

  // 12  1.5  1,000,000  ٣٫٥  6:30  50%  ٥٠٪
  size_t scan_number(size_t pos) const {
    size_t end = scan_digits(pos);
    bool had_time = false;
    while (end < text_.size()) {
      const Char c = at(end);
      if (c.valid && is_number_separator(c.cp)) {
        const Char d = peek(end + c.length);
        if (d.valid && d.cls == CharClass::kDigit) {
          end = scan_digits(end + c.length);
          continue;
        }
      }
      if (c.cp == ':' && !had_time) {
        const size_t minutes = scan_digits(end + 1);
        if (minutes == end + 3) {
          end = minutes;
          had_time = true;
          continue;
        }
      }
      if (c.cp == '%' || c.cp == 0x066A) end += c.length;
      break;
    }
    return end;
  }

  // scheme://rest or www.rest; returns pos when there is no URL here.
  size_t scan_url(size_t pos) {
    if (pos < no_url_before_ || !is_ascii_alpha(at(pos).cp)) return pos;
    if (pos > 0 && is_url_char(static_cast<uint8_t>(text_[pos - 1])) &&
        is_ascii_alnum(static_cast<uint8_t>(text_[pos - 1]))) {
      return pos;  // inside a word
    }
    size_t i = pos;
    while (i < text_.size() && i - pos < 32 &&
           (is_ascii_alnum(uint8_t(text_[i])) || text_[i] == '+' || text_[i] == '-' ||
            text_[i] == '.')) {
      ++i;
    }
    const bool scheme =
        text_.substr(i, 3) == "://" && i + 3 < text_.size() && is_url_char(uint8_t(text_[i + 3]));
    const bool www = (text_.substr(pos, 4) == "www." || text_.substr(pos, 4) == "WWW.") &&
                     pos + 4 < text_.size() && is_ascii_alnum(uint8_t(text_[pos + 4]));
    if (!scheme && !www) {
      no_url_before_ = i;
      return pos;
    }
    size_t end = scheme ? i + 3 : pos + 4;
    while (end < text_.size() && is_url_char(uint8_t(text_[end]))) ++end;
    // Leave out trailing punctuation, and closing brackets with no opener. The
    // brackets are counted once and the counts kept as the end moves back, so
    // a run of closing brackets costs linear time, not quadratic.
    static constexpr std::string_view kBrackets = "()[]{}";  // opener, then closer
    std::array<size_t, kBrackets.size()> count{};
    for (char ch : text_.substr(pos, end - pos)) {
      if (const size_t k = kBrackets.find(ch); k != std::string_view::npos) ++count[k];
    }
    while (end > pos) {
      const char last = text_[end - 1];
      if (std::string_view(".,;:!?'\"").find(last) != std::string_view::npos) {
        --end;
        continue;
      }
      const size_t k = kBrackets.find(last);
      if (k != std::string_view::npos && k % 2 == 1 && count[k] > count[k - 1]) {
        --count[k];
        --end;
        continue;
      }
      break;
    }
    return end;
  }

  // local@domain.tld; returns pos when there is no email here.
  size_t scan_email(size_t pos) {
    if (pos < no_email_before_ || !is_ascii_alnum(at(pos).cp)) return pos;
    size_t at_sign = pos;
    while (at_sign < text_.size() && is_email_local_char(uint8_t(text_[at_sign]))) ++at_sign;
    if (at_sign >= text_.size() || text_[at_sign] != '@') {
      no_email_before_ = at_sign;  // no position before here starts an email
      return pos;
    }
    // Domain: labels of [A-Za-z0-9-] separated by dots, last label 2+ letters.
    size_t end = at_sign + 1, label_start = end, good_end = 0;
    int labels = 0;
    while (end <= text_.size()) {
      const char ch = end < text_.size() ? text_[end] : ' ';
      if (is_ascii_alnum(uint8_t(ch)) || ch == '-') {
        ++end;
        continue;
      }
      if (end == label_start) break;
      ++labels;
      bool alpha_tld = end - label_start >= 2;
      for (size_t k = label_start; k < end && alpha_tld; ++k) {
        alpha_tld = is_ascii_alpha(uint8_t(text_[k]));
      }
      if (labels >= 2 && alpha_tld) good_end = end;
      if (ch != '.') break;
      label_start = ++end;
    }
    if (good_end == 0) {
      no_email_before_ = at_sign;
      return pos;
    }
    return good_end;
  }

  size_t scan_hashtag(size_t pos) const {
    size_t end = pos;
    while (end < text_.size()) {
      const Char c = at(end);
      if (!c.valid) break;
      const bool word =
          c.cls == CharClass::kArabicLetter || c.cls == CharClass::kLatinLetter ||
          c.cls == CharClass::kDigit || c.cls == CharClass::kMark || c.cp == '_' ||
          (end > pos && (c.cls == CharClass::kTatweel || c.cls == CharClass::kJoiner));
      if (!word) break;
      end += c.length;
    }
    return end;
  }

  size_t scan_mention(size_t pos) const {
    size_t end = pos;
    while (end < text_.size() && (is_ascii_alnum(uint8_t(text_[end])) || text_[end] == '_')) ++end;
    return end;
  }

  // 1️⃣ #⃣: a keycap base, an optional VS16, then U+20E3.
  size_t scan_keycap(size_t pos) const {
    size_t i = pos + 1;
    Char c = peek(i);
    if (c.cp == kVariationSelector16) c = peek(i += c.length);
    return c.cp == kKeycap ? i + c.length : pos;
  }

  // An emoji with its modifiers and selectors, a flag (two regional
  // indicators), or a ZWJ sequence of those.
  size_t scan_emoji(size_t pos) const {
    size_t end = pos;
    while (true) {
      const Char base = peek(end);
      end += base.length;
      if (base.cls == CharClass::kRegionalIndicator) {
        const Char second = peek(end);
        if (second.cls == CharClass::kRegionalIndicator) end += second.length;
      }
      // Modifiers, variation selectors, keycap marks and tag characters.
      while (true) {
        const Char c = peek(end);
        if (!c.valid) break;
        const bool tag = c.cp >= 0xE0020 && c.cp <= 0xE007F;
        if (c.cls != CharClass::kEmojiModifier && c.cls != CharClass::kMark && !tag) break;
        end += c.length;
      }
      const Char zwj = peek(end);
      if (zwj.cp != kZwj) break;
      const Char next = peek(end + zwj.length);
      if (next.cls != CharClass::kEmoji && next.cls != CharClass::kEmojiModifier) break;
      end += zwj.length;
    }
    return end;
  }

  std::string_view text_;
  std::vector<Token>* tokens_;
  uint64_t base_;
  Classifier classify_;
  // Scans for URLs and emails look ahead; these remember how far a failed
  // look-ahead got, so that a long run of such characters is scanned once.
  size_t no_url_before_ = 0;
  size_t no_email_before_ = 0;
};

}  // namespace

std::string_view token_kind_name(TokenKind kind) { return kKindNames[size_t(kind)]; }

void Tokenizer::tokenize(std::string_view text, std::vector<Token>* tokens, uint64_t base) const {
#if defined(__x86_64__)
  const Scanner::Classifier classify =
      simd::has_avx2() ? &tokenize_internal::classify_window_avx2 : nullptr;
#else
  const Scanner::Classifier classify = nullptr;
#endif
  Scanner(text, tokens, base, classify).run();
}

void tokenize_internal::tokenize_reference(std::string_view text, std::vector<Token>* tokens,
                                           uint64_t base) {
  Scanner(text, tokens, base, nullptr).run();
}

void tokenize_internal::tokenize_bulk_portable(std::string_view text, std::vector<Token>* tokens,
                                               uint64_t base) {
  Scanner(text, tokens, base, &tokenize_internal::classify_window_reference).run();
}

}  // namespace dhad

#if defined(__x86_64__)
namespace dhad::tokenize_internal {
namespace {

using simd::eq;

// The 32 byte tests of v (0xFF or 0) as bits.
__attribute__((target("avx2"))) inline uint64_t bits(__m256i v) {
  return uint64_t(uint32_t(_mm256_movemask_epi8(v)));
}

}  // namespace

// Pair tests split into a test of the first byte (on the bytes at i) and one
// of the second (on the bytes at i + 1, a second load), joined as bit masks.
__attribute__((target("avx2"))) Window classify_window_avx2(const uint8_t* s) {
  // ASCII classes by nibble lookup: a byte is in a class when the class's bit
  // is set both in lo[low nibble] and hi[high nibble]. Bits: 1 \t–\r, 2 space,
  // 4 ( ) " - . , ! 8 : ; ?
  const __m256i lo_table = _mm256_setr_epi8(2, 4, 4, 0, 0, 0, 0, 0, 4, 5, 9, 9, 5, 5, 4, 8,  //
                                            2, 4, 4, 0, 0, 0, 0, 0, 4, 5, 9, 9, 5, 5, 4, 8);
  const __m256i hi_table = _mm256_setr_epi8(1, 0, 6, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  //
                                            1, 0, 6, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  const __m256i nibble = _mm256_set1_epi8(0x0F);
  const __m256i zero = _mm256_setzero_si256();
  Window w;
  for (int k = 0; k < 2; ++k) {
    const __m256i first = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + 32 * k));
    const __m256i second = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + 32 * k + 1));
    const __m256i ascii = _mm256_and_si256(
        _mm256_shuffle_epi8(lo_table, _mm256_and_si256(first, nibble)),
        _mm256_shuffle_epi8(hi_table, _mm256_and_si256(_mm256_srli_epi16(first, 4), nibble)));
    const uint64_t separators =
        ~bits(_mm256_cmpeq_epi8(_mm256_and_si256(ascii, _mm256_set1_epi8(3)), zero));
    const uint64_t punct =
        ~bits(_mm256_cmpeq_epi8(_mm256_and_si256(ascii, _mm256_set1_epi8(12)), zero));
    const uint64_t lead_d8 = bits(eq(first, 0xD8));
    const uint64_t lead_d9 = bits(eq(first, 0xD9));
    const uint64_t lead_da = bits(eq(first, 0xDA));
    const uint64_t lead_c2 = bits(eq(first, 0xC2));
    const uint64_t continuation = bits(simd::in_range(second, 0x80, 0xBF));
    const uint64_t upper_continuation = bits(simd::in_range(second, 0xA0, 0xBF));
    // After D9: tatweel (80) and digits, ٪ ٫ ٬ ٭ (A0–AD) are not common.
    const uint64_t not_after_d9 =
        bits(_mm256_or_si256(eq(second, 0x80), simd::in_range(second, 0xA0, 0xAD)));
    const uint64_t mark_after_d9 =
        bits(_mm256_or_si256(simd::in_range(second, 0x8B, 0x9F), eq(second, 0xB0)));
    const uint64_t punct_after_d8 = bits(
        _mm256_or_si256(eq(second, 0x8C), _mm256_or_si256(eq(second, 0x9B), eq(second, 0x9F))));
    const uint64_t punct_after_c2 = bits(_mm256_or_si256(eq(second, 0xAB), eq(second, 0xBB)));
    const uint64_t pairs = (lead_d8 & upper_continuation) |
                           (lead_d9 & continuation & ~not_after_d9) | (lead_da & continuation);
    const int shift = 32 * k;
    w.pairs |= pairs << shift;
    w.marks |= (lead_d9 & mark_after_d9) << shift;
    w.pair_punct |= ((lead_d8 & punct_after_d8) | (lead_c2 & punct_after_c2)) << shift;
    w.separators |= (separators & 0xFFFFFFFFu) << shift;
    w.punct |= (punct & 0xFFFFFFFFu) << shift;
    w.repeated |= bits(_mm256_cmpeq_epi8(first, second)) << shift;
  }
  return w;
}

}  // namespace dhad::tokenize_internal
#endif
