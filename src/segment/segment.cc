// The clitic segmenter: candidate readings of a word scored with the model's
// evidence. The scorer is the C++ twin of Scorer in
// tools/segment/build_model.py and must decide exactly as it does: the model's
// DECISIONS table caches the Python decisions for the corpus words, and
// segment() trusts the cache where segment_reference() recomputes. Integer
// arithmetic (weights and log counts in 1/16 nat) keeps the two identical.
#include "dhad/segment.h"

#include <cstring>
#include <iterator>
#include <memory>
#include <string>
#include <utility>

#include "segment/segment_model.h"
#include "unicode/arabic.h"

namespace dhad {
namespace {

using namespace segment_internal;

constexpr int kMaxLetters = 48;         // MAX_LETTERS in build_model.py
constexpr size_t kMaxWordBytes = 1024;  // a longer token is no plain Arabic word
constexpr int kMaxPieces = 8;           // 2 proclitics + article + stem + enclitic + dash

// Letters the grammar names.
using namespace arabic;

bool is_letter(char32_t c) {
  return (c >= 0x0621 && c <= 0x063A) || (c >= 0x0641 && c <= 0x064A) || c == 0x0671;
}
// Harakat (fathatan … sukun), superscript alef, tatweel: they ride on a letter.
bool is_mark(char32_t c) { return (c >= 0x064B && c <= 0x0652) || c == 0x0670 || c == 0x0640; }
bool is_tanween(char32_t c) { return c >= 0x064B && c <= 0x064D; }

// A word as letters: code points, the byte offset where each starts (its marks
// follow it), and the UTF-8 of the letters alone (the lookup key).
struct Word {
  int n = 0;
  bool tanween = false;
  uint32_t begin[kMaxLetters + 1];
  char16_t cp[kMaxLetters];
  uint8_t key[2 * kMaxLetters];
};

// False unless `s` is a plain Arabic word: a letter, then letters and marks.
// Every such character is two bytes of UTF-8 (lead D8 or D9).
bool decode(std::string_view s, Word* w) {
  if (s.empty() || s.size() > kMaxWordBytes || s.size() % 2) return false;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  char32_t last = 0, before_last = 0;
  w->n = 0;
  for (size_t i = 0; i < s.size(); i += 2) {
    if ((p[i] != 0xD8 && p[i] != 0xD9) || (p[i + 1] & 0xC0) != 0x80) return false;
    const char32_t c = char32_t(p[i] & 0x1F) << 6 | (p[i + 1] & 0x3F);
    if (is_letter(c)) {
      if (w->n == kMaxLetters) return false;
      w->begin[w->n] = uint32_t(i);
      w->cp[w->n] = char16_t(c);
      w->key[2 * w->n] = p[i];
      w->key[2 * w->n + 1] = p[i + 1];
      ++w->n;
    } else if (!is_mark(c) || w->n == 0) {
      return false;
    }
    before_last = last;
    last = c;
  }
  w->begin[w->n] = uint32_t(s.size());
  w->tanween = is_tanween(last) || is_tanween(before_last);
  return true;
}

void put_letter(uint8_t* p, char16_t c) {
  p[0] = uint8_t(0xC0 | (c >> 6));
  p[1] = uint8_t(0x80 | (c & 0x3F));
}

// The proclitic slots and the enclitics, in build_model.py's order (the order
// breaks ties between equal scores).
constexpr char16_t kProc1[] = {0, kWaw, kFeh};
constexpr char16_t kProc2[] = {0, kBeh, kKaf, kLam, kSeen};

struct Enclitic {
  char16_t cp[3];
  int len;
  Param cost;
};
constexpr Enclitic kEnclitics[] = {
    {{kHeh}, 1, kEnclitic3rd},
    {{kHeh, kAlef}, 2, kEnclitic3rd},
    {{kHeh, kMeem}, 2, kEnclitic3rd},
    {{kHeh, kMeem, kAlef}, 3, kEnclitic3rd},
    {{kHeh, kNoon}, 2, kEnclitic3rd},
    {{kKaf}, 1, kEnclitic2nd},
    {{kKaf, kMeem, kAlef}, 3, kEnclitic2ndRare},
    {{kKaf, kMeem}, 2, kEnclitic2nd},
    {{kKaf, kNoon}, 2, kEnclitic2ndRare},
    {{kYeh}, 1, kEnclitic1st},
    {{kNoon, kYeh}, 2, kEnclitic1st},
    {{kNoon, kAlef}, 2, kEncliticNa},
};

Param proclitic_cost(char16_t c) {
  switch (c) {
    case kWaw:
      return kProcliticWa;
    case kFeh:
      return kProcliticFa;
    case kBeh:
      return kProcliticBi;
    case kKaf:
      return kProcliticKa;
    case kLam:
      return kProcliticLi;
    default:
      return kProcliticSa;
  }
}

// Scores the readings of one word (Scorer in build_model.py).
class Scorer {
 public:
  Scorer(const Segmenter::Model& m, const Word& w) : m_(m), w_(w) {}

  uint8_t decide() const {
    const int o = m_.overrides.find(w_.key, 2 * size_t(w_.n));
    if (o >= 0) return uint8_t(o);
    int p1 = 0, p2 = 0, s0 = 0, s1 = w_.n, e = -1;
    analyze(&p1, &p2, &s0, &s1, &e);
    const int enc = e < 0 ? 0 : kEnclitics[e].len;
    return make_decision(s0, enc, article(p2, s0, s1));
  }

 private:
  // A candidate stem: letters [s0, s1) of the word, with the last letter
  // replaced (or a letter appended) and/or an alef put before it.
  struct Stem {
    uint8_t bytes[2 * kMaxLetters + 4];
    size_t size;
  };

  int count_score(const uint8_t* v, size_t n, bool* seen = nullptr) const {
    uint8_t folded[2 * kMaxLetters + 4];
    for (size_t i = 0; i < n; i += 2) {
      uint8_t a = v[i], b = v[i + 1];
      if (a == 0xD8 && (b == 0xA2 || b == 0xA3 || b == 0xA5)) {
        b = 0xA7;  // آ أ إ → ا
      } else if (a == 0xD9 && b == 0xB1) {
        a = 0xD8;  // ٱ → ا
        b = 0xA7;
      } else if (a == 0xD9 && b == 0x89) {
        b = 0x8A;  // ى → ي
      }
      folded[i] = a;
      folded[i + 1] = b;
    }
    const int c = m_.counts.find(folded, n);
    if (seen) *seen = c >= 0;
    return c >= 0 ? c : m_.params[kAlpha];
  }

  int lexicon_bits(const uint8_t* v, size_t n) const {
    const int b = m_.lexicon.find(v, n);
    if (b > 0) return b;
    if (n > 4 && v[0] == 0xD8 && v[1] == 0xA7 && v[2] == 0xD9 && v[3] == 0x84) {
      const int c = m_.lexicon.find(v + 4, n - 4);
      if (c > 0 && (c & kLexArticle)) return kLexBase | kLexNoun;
    }
    return 0;
  }

  int evidence(const uint8_t* v, size_t n) const {
    return count_score(v, n) + (lexicon_bits(v, n) ? m_.params[kLexicon] : 0);
  }

  const uint8_t* letters(int i) const { return w_.key + 2 * i; }

  int score_whole(int wh) const {
    const size_t n = 2 * size_t(w_.n);
    bool seen = false;
    int sc = count_score(w_.key, n, &seen) + (wh ? m_.params[kLexicon] : 0);
    if (!seen && !wh) {
      const char16_t* c = w_.cp;
      const bool al =
          (w_.n >= 3 && (c[0] == kWaw || c[0] == kBeh || c[0] == kFeh || c[0] == kKaf) &&
           c[1] == kAlef && c[2] == kLam) ||
          (w_.n >= 2 && c[0] == kLam && c[1] == kLam);
      if (al) {
        sc -= m_.params[kUnknownAl];
      } else if (c[0] == kWaw && w_.n >= 4) {
        sc -= m_.params[kUnknownWa];
      }
    }
    return sc;
  }

  // False when the reading is impossible; else its score in *out.
  bool score_split(char16_t p1, char16_t p2, int s0, int s1, int e, int wh, int* out) const {
    const int len = s1 - s0;
    const char16_t* s = w_.cp + s0;
    if (e >= 0 && w_.tanween) return false;
    const bool has_al = len >= 2 && s[0] == kAlef && s[1] == kLam;
    if (len == 2 && has_al) return false;
    if (e >= 0 && has_al && !(len == 3 && (s[2] == kYeh || s[2] == kAlefMaksura))) return false;

    // The stem as written, then its restored forms.
    Stem v[3];
    int nv = 1;
    std::memcpy(v[0].bytes, letters(s0), 2 * size_t(len));
    v[0].size = 2 * size_t(len);
    if (e >= 0) {
      const char16_t last = s[len - 1];
      char16_t repl = 0;
      bool append_alef = false;
      if (last == kTeh) {
        repl = kTehMarbuta;  // حكومت+ه ← حكومة
      } else if (last == kAlef) {
        repl = kAlefMaksura;  // مستوا+ه ← مستوى
      } else if (last == kWaw) {
        append_alef = true;  // كتبو+ه ← كتبوا
      } else if (last == kWawHamza || last == kYehHamza) {
        repl = kHamza;  // أبناؤ+ه ← أبناء
      }
      if (repl || append_alef) {
        Stem& r = v[nv++];
        std::memcpy(r.bytes, v[0].bytes, v[0].size);
        r.size = v[0].size;
        if (repl) {
          put_letter(r.bytes + r.size - 2, repl);
        } else {
          put_letter(r.bytes + r.size, kAlef);
          r.size += 2;
        }
      }
    }
    if (p2 == kLam && s[0] == kLam) {  // ل + الـ is written لل
      Stem& r = v[nv++];
      put_letter(r.bytes, kAlef);
      std::memcpy(r.bytes + 2, v[0].bytes, v[0].size);
      r.size = v[0].size + 2;
    }
    int cnt = count_score(v[0].bytes, v[0].size);
    int h = lexicon_bits(v[0].bytes, v[0].size);
    for (int i = 1; i < nv; ++i) {
      const int c = count_score(v[i].bytes, v[i].size);
      if (c > cnt) cnt = c;
      h |= lexicon_bits(v[i].bytes, v[i].size);
    }
    if (p2 == kSeen && !(h & kLexImperfect)) return false;

    const int32_t* p = m_.params;
    int sc = cnt + (h ? p[kLexicon] : 0);
    if ((h & kLexClosed) && !(wh & kLexClosed)) sc += p[kClosed];
    if (len == 1) sc += p[kHost];
    if (p1) sc -= p[proclitic_cost(p1)];
    if (p2) {
      sc -= p[proclitic_cost(p2)];
      if ((p2 == kBeh || p2 == kKaf) && h && !(h & (kLexNoun | kLexClosed))) sc -= p[kVerbPrep];
      if (p2 == kLam && h && !(h & (kLexNoun | kLexClosed | kLexImperfect))) sc -= p[kVerbPrep];
    }
    if (e >= 0) sc -= p[kEnclitics[e].cost];
    if (len == 2 && !(h & kLexClosed)) sc -= p[kShort];
    *out = sc;
    return true;
  }

  void analyze(int* best_p1, int* best_p2, int* best_s0, int* best_s1, int* best_e) const {
    const int n = w_.n;
    const int wh = lexicon_bits(w_.key, 2 * size_t(n));
    int best = score_whole(wh);
    *best_p2 = 0;
    *best_s0 = 0;
    *best_s1 = n;
    *best_e = -1;
    for (char16_t p1 : kProc1) {
      if (p1 && w_.cp[0] != p1) continue;
      const int l1 = p1 ? 1 : 0;
      for (char16_t p2 : kProc2) {
        if (p2 && (n < l1 + 1 || w_.cp[l1] != p2)) continue;
        const int i0 = l1 + (p2 ? 1 : 0);
        const int r = n - i0;
        for (int e = -1; e < int(std::size(kEnclitics)); ++e) {
          if (!p1 && !p2 && e < 0) continue;
          int elen = 0;
          if (e >= 0) {
            elen = kEnclitics[e].len;
            if (elen > r) continue;
            bool match = true;
            for (int k = 0; k < elen; ++k) match &= w_.cp[n - elen + k] == kEnclitics[e].cp[k];
            if (!match) continue;
          }
          const int len = r - elen;
          if (len < 2 && !(len == 1 && e >= 0 && !p2 && (w_.cp[i0] == kLam || w_.cp[i0] == kBeh))) {
            continue;
          }
          int sc;
          if (score_split(p1, p2, i0, i0 + len, e, wh, &sc) && sc > best) {
            best = sc;
            *best_p1 = p1;
            *best_p2 = p2;
            *best_s0 = i0;
            *best_s1 = i0 + len;
            *best_e = e;
          }
        }
      }
    }
  }

  bool article(int p2, int s0, int s1) const {
    const int len = s1 - s0;
    const char16_t* s = w_.cp + s0;
    if (len >= 4 && s[0] == kAlef && s[1] == kLam) {
      return !(lexicon_bits(letters(s0), 2 * size_t(len)) & kLexClosed);
    }
    if (p2 == kLam && len >= 3 && s[0] == kLam) {
      uint8_t with_alef[2 * kMaxLetters + 2];
      put_letter(with_alef, kAlef);
      std::memcpy(with_alef + 2, letters(s0), 2 * size_t(len));
      return evidence(with_alef, 2 * size_t(len) + 2) > evidence(letters(s0), 2 * size_t(len));
    }
    return false;
  }

  const Segmenter::Model& m_;
  const Word& w_;
};

// Turns a decision into pieces; returns their number. A decision that does
// not fit the word (a hostile model) leaves it whole.
int emit(const Word& w, uint8_t d, const SegmentOptions& options, Segment* out) {
  int np = kDecisionProclitics(d), ne = kDecisionEnclitic(d);
  if ((d >> 5) != 0 || np + ne >= w.n) np = ne = 0, d = 0;
  int k = 0;
  for (int i = 0; i < np; ++i) out[k++] = {w.begin[i], w.begin[i + 1], SegmentRole::kProclitic};
  int sb = np;
  const int se = w.n - ne;
  if (options.split_article && kDecisionArticle(d)) {
    if (se - sb >= 3 && w.cp[sb] == kAlef && w.cp[sb + 1] == kLam) {
      out[k++] = {w.begin[sb], w.begin[sb + 2], SegmentRole::kArticle};
      sb += 2;
    } else if (np >= 1 && w.cp[np - 1] == kLam && se - sb >= 2 && w.cp[sb] == kLam) {
      out[k++] = {w.begin[sb], w.begin[sb + 1], SegmentRole::kArticle};
      sb += 1;
    }
  }
  out[k++] = {w.begin[sb], w.begin[se], SegmentRole::kStem};
  if (ne) out[k++] = {w.begin[se], w.begin[w.n], SegmentRole::kEnclitic};
  return k;
}

int whole(std::string_view word, Segment* out) {
  if (word.empty()) return 0;
  const uint64_t end = word.size() > UINT32_MAX ? UINT32_MAX : word.size();
  out[0] = {0, uint32_t(end), SegmentRole::kStem};
  return 1;
}

int segment_into(const Segmenter::Model& m, std::string_view word, const SegmentOptions& options,
                 bool use_cache, Segment* out) {
  Word w;
  if (!decode(word, &w)) return whole(word, out);
  int d = use_cache ? m.decisions.find(w.key, 2 * size_t(w.n)) : -1;
  if (d < 0 || (w.tanween && kDecisionEnclitic(uint8_t(d)))) d = Scorer(m, w).decide();
  return emit(w, uint8_t(d), options, out);
}

}  // namespace

std::string_view segment_role_name(SegmentRole role) {
  switch (role) {
    case SegmentRole::kProclitic:
      return "proclitic";
    case SegmentRole::kArticle:
      return "article";
    case SegmentRole::kStem:
      return "stem";
    case SegmentRole::kEnclitic:
      return "enclitic";
  }
  return "unknown";
}

void append_pieces(std::string_view token, std::span<const Segment> pieces, std::string* out) {
  for (size_t i = 0; i < pieces.size(); ++i) {
    if (i) out->append("+ ");
    out->append(token.substr(pieces[i].begin, pieces[i].end - pieces[i].begin));
  }
}

namespace {

constexpr std::string_view kWhere = "segmentation model";

Error prefixed(std::string_view where, const Error& e) {
  return Error(e.code(), std::string(where) + ": " + e.message(), e.offset());
}

}  // namespace

const Result<std::shared_ptr<const Segmenter::Model>>& segment_internal::default_model() {
  static const Result<std::shared_ptr<const Segmenter::Model>> model =
      []() -> Result<std::shared_ptr<const Segmenter::Model>> {
    Result<dhad::Model> file =
        dhad::Model::from_embedded_bytes(default_model_bytes(), kModelKind, kModelVersion);
    if (!file) return prefixed(kWhere, file.error());
    auto m = std::make_shared<Segmenter::Model>();
    m->file = std::move(file.value());
    if (Status st = parse_model(m.get()); !st) return prefixed(kWhere, st.error());
    return std::shared_ptr<const Segmenter::Model>(std::move(m));
  }();
  return model;
}

Result<Segmenter> Segmenter::open_default() {
  const Result<std::shared_ptr<const Model>>& model = default_model();
  if (!model) return model.error();
  return Segmenter(*model);
}

Result<Segmenter> Segmenter::open(const std::string& path) {
  // Mapped, not read: pages come from the page cache as the checks touch them.
  Result<dhad::Model> file = dhad::Model::open(path, kModelKind, kModelVersion);
  if (!file) return file.error();  // its message starts with the path
  if (file->bytes().size() > kMaxModelBytes) {
    return Error(ErrorCode::kBadModel, path + ": not a dhad segment model (larger than " +
                                           std::to_string(kMaxModelBytes >> 20) + " MiB)");
  }
  auto model = std::make_shared<Model>();
  model->file = std::move(file.value());
  if (Status st = parse_model(model.get()); !st) return prefixed(path, st.error());
  return Segmenter(std::move(model));
}

Result<Segmenter> Segmenter::from_bytes(std::string_view bytes) {
  return adopt(std::string(bytes));
}

Result<Segmenter> Segmenter::adopt(std::string bytes) {
  auto model = std::make_shared<Model>();
  model->owned = std::move(bytes);
  // The Model stays where make_shared put it, so views into `owned` stay valid.
  Result<dhad::Model> file = dhad::Model::from_bytes(model->owned, kModelKind, kModelVersion);
  if (!file) return prefixed(kWhere, file.error());
  model->file = std::move(file.value());
  if (Status st = parse_model(model.get()); !st) return prefixed(kWhere, st.error());
  return Segmenter(std::move(model));
}

std::string_view Segmenter::about() const { return model_->about; }

void Segmenter::segment(std::string_view word, const SegmentOptions& options,
                        std::vector<Segment>* out) const {
  Segment buf[kMaxPieces];
  const int n = segment_into(*model_, word, options, true, buf);
  out->insert(out->end(), buf, buf + n);
}

void Segmenter::segment_reference(std::string_view word, const SegmentOptions& options,
                                  std::vector<Segment>* out) const {
  Segment buf[kMaxPieces];
  const int n = segment_into(*model_, word, options, false, buf);
  out->insert(out->end(), buf, buf + n);
}

namespace {

// The pieces segment_line() writes for tokens[t], into buf (kMaxPieces); sets
// *joins_next when the token is a lone proclitic written against the next one.
int token_pieces(const Segmenter::Model& m, std::string_view line, std::span<const Token> tokens,
                 size_t t, const SegmentOptions& options, Segment* buf, bool* joins_next) {
  *joins_next = false;
  const Token& tok = tokens[t];
  if (tok.begin >= tok.end || tok.end > line.size()) return 0;
  const std::string_view text = line.substr(tok.begin, tok.end - tok.begin);
  int n = 0;
  if (tok.kind == TokenKind::kArabic) {
    // A tatweel ending a word is a dash (فقط+ ـ).
    size_t core = text.size();
    while (core > 2 && text.substr(core - 2, 2) == "\u0640") core -= 2;
    n = segment_into(m, text.substr(0, core), options, true, buf);
    if (core < text.size()) buf[n++] = {uint32_t(core), uint32_t(text.size()), SegmentRole::kStem};
  } else if (tok.kind == TokenKind::kNumber && text.size() > 1 && text.back() == '%') {
    buf[n++] = {0, uint32_t(text.size() - 1), SegmentRole::kStem};
    buf[n++] = {uint32_t(text.size() - 1), uint32_t(text.size()), SegmentRole::kStem};
  } else if (tok.kind == TokenKind::kNumber && text.size() > 2 && text.ends_with("\u066A")) {
    buf[n++] = {0, uint32_t(text.size() - 2), SegmentRole::kStem};
    buf[n++] = {uint32_t(text.size() - 2), uint32_t(text.size()), SegmentRole::kStem};
  } else {
    n = whole(text, buf);
  }
  if (segment_internal::joins_next(line, tokens, t)) {
    *joins_next = true;
    buf[0].role = SegmentRole::kProclitic;
  }
  return n;
}

}  // namespace

bool Segmenter::segment_token(std::string_view line, std::span<const Token> tokens, size_t index,
                              const SegmentOptions& options, std::vector<Segment>* out) const {
  if (index >= tokens.size()) return false;
  Segment buf[kMaxPieces];
  bool joins_next = false;
  const int n = token_pieces(*model_, line, tokens, index, options, buf, &joins_next);
  out->insert(out->end(), buf, buf + n);
  return joins_next;
}

void Segmenter::segment_line(std::string_view line, std::span<const Token> tokens,
                             const SegmentOptions& options, std::string* out) const {
  bool first = true;
  for (size_t t = 0; t < tokens.size(); ++t) {
    Segment buf[kMaxPieces];
    bool joins_next = false;
    const int n = token_pieces(*model_, line, tokens, t, options, buf, &joins_next);
    if (n == 0) continue;
    const std::string_view text = line.substr(tokens[t].begin, tokens[t].end - tokens[t].begin);
    if (!first) out->push_back(' ');
    first = false;
    append_pieces(text, std::span<const Segment>(buf, size_t(n)), out);
    if (joins_next) out->push_back('+');
  }
}

}  // namespace dhad
