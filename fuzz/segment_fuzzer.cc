// Fuzzes dhad/segment.h with the default model. The input is segmented as one
// word, and tokenized as a line whose Arabic tokens are segmented too; with and
// without split_article: segment() equals segment_reference() (the model's
// decision cache agrees with the scorer) and appends; the pieces cover the
// word in the grammar's order with the grammar's clitics; split_article only
// splits the article off the stem. segment_token() gives the documented pieces
// of each token (segment()'s, a dash, a % sign, a joining proclitic) and
// segment_line() writes them in the documented format, taking nothing out of
// the line but its White_Space; both survive tokens that do not fit the line.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dhad/segment.h"
#include "dhad/tokenize.h"
#include "fuzz_check.h"
#include "segment/segment_model.h"
#include "segment_check.h"

namespace {

const dhad::Segmenter& segmenter() {
  static const dhad::Segmenter seg = [] {
    dhad::Result<dhad::Segmenter> r = dhad::Segmenter::open_default();
    FUZZ_CHECK(r.ok(), "open_default: %s", r.ok() ? "" : r.error().message().c_str());
    return std::move(r.value());
  }();
  return seg;
}

// "و|ب|الكتاب", for messages.
std::string joined(std::string_view word, const std::vector<dhad::Segment>& pieces) {
  std::string s;
  for (const dhad::Segment& p : pieces) {
    if (!s.empty()) s += '|';
    if (p.begin <= p.end && p.end <= word.size()) s += word.substr(p.begin, p.end - p.begin);
  }
  return s;
}

// The default model's clitics are the grammar's: the conjunction و or ف first,
// then the preposition ب ك ل or the future س (or the م ع of ممن عما), and one
// enclitic pronoun.
void check_clitics(std::string_view word, const std::vector<dhad::Segment>& pieces) {
  static constexpr std::string_view kEnclitics[] = {"ه",   "ها", "هم", "هما", "هن", "ك",
                                                    "كما", "كم", "كن", "ي",   "ني", "نا"};
  int slot = 0;
  for (const dhad::Segment& p : pieces) {
    const std::string letters = dhad_fuzz::letters_of(word.substr(p.begin, p.end - p.begin));
    if (p.role == dhad::SegmentRole::kProclitic) {
      int s = 0;
      if (letters == "و" || letters == "ف") {
        s = 1;
      } else if (letters == "ب" || letters == "ك" || letters == "ل" || letters == "س" ||
                 letters == "م" || letters == "ع") {
        s = 2;
      }
      FUZZ_CHECK(s > slot, "proclitic %s out of place in %s", letters.c_str(),
                 joined(word, pieces).c_str());
      slot = s;
    } else if (p.role == dhad::SegmentRole::kEnclitic) {
      bool known = false;
      for (std::string_view e : kEnclitics) known |= letters == e;
      FUZZ_CHECK(known, "enclitic %s in %s", letters.c_str(), joined(word, pieces).c_str());
    }
  }
}

void check_word(const dhad::Segmenter& seg, std::string_view word) {
  static constexpr dhad::Segment kSentinel{7, 9, dhad::SegmentRole::kEnclitic};
  std::vector<dhad::Segment> pieces[2];
  for (int split = 0; split < 2; ++split) {
    const dhad::SegmentOptions options{split == 1};
    std::vector<dhad::Segment> fast = {kSentinel};
    seg.segment(word, options, &fast);
    FUZZ_CHECK(fast[0] == kSentinel, "segment() did not append");
    fast.erase(fast.begin());
    std::vector<dhad::Segment>& ref = pieces[split];
    ref = {kSentinel};
    dhad::segment_internal::segment_reference(seg, word, options, &ref);
    FUZZ_CHECK(ref[0] == kSentinel, "segment_reference() did not append");
    ref.erase(ref.begin());
    FUZZ_CHECK(fast == ref, "split_article=%d: segment() gives %s, segment_reference() %s", split,
               joined(word, fast).c_str(), joined(word, ref).c_str());
    dhad_fuzz::check_pieces(word, ref, split == 1, 2);
    check_clitics(word, ref);
  }
  dhad_fuzz::check_article_merge(pieces[0], pieces[1]);
}

bool is_lone_proclitic(std::string_view t) {
  return t == "و" || t == "ف" || t == "ب" || t == "ك" || t == "ل";
}

// The pieces of tokens[t] as documented for segment_token() and
// segment_line(): an Arabic token's are those of segment(), after a final
// tatweel run split off as a kStem dash; a number's final % or ٪ is a kStem
// piece; anything else is one kStem piece. A lone proclitic letter against the
// next word-like token (Arabic, Latin, number) joins it and is kProclitic.
std::vector<dhad::Segment> expected_pieces(const dhad::Segmenter& seg, std::string_view line,
                                           const std::vector<dhad::Token>& tokens, size_t t,
                                           const dhad::SegmentOptions& options, bool* joins) {
  constexpr std::string_view kTatweel = "\u0640", kArabicPercent = "\u066A";
  const dhad::Token& tok = tokens[t];
  const std::string_view text = line.substr(tok.begin, tok.end - tok.begin);
  const auto size = uint32_t(text.size());
  std::vector<dhad::Segment> pieces;
  if (tok.kind == dhad::TokenKind::kArabic) {
    // An Arabic token starts with a letter: the core is never empty.
    std::string_view core = text;
    while (core.size() > kTatweel.size() && core.ends_with(kTatweel)) {
      core.remove_suffix(kTatweel.size());
    }
    seg.segment(core, options, &pieces);
    if (core.size() < size)
      pieces.push_back({uint32_t(core.size()), size, dhad::SegmentRole::kStem});
  } else if (tok.kind == dhad::TokenKind::kNumber && size > 1 && text.ends_with('%')) {
    pieces = {{0, size - 1, dhad::SegmentRole::kStem}, {size - 1, size, dhad::SegmentRole::kStem}};
  } else if (tok.kind == dhad::TokenKind::kNumber && size > kArabicPercent.size() &&
             text.ends_with(kArabicPercent)) {
    const auto n = uint32_t(size - kArabicPercent.size());
    pieces = {{0, n, dhad::SegmentRole::kStem}, {n, size, dhad::SegmentRole::kStem}};
  } else {
    pieces = {{0, size, dhad::SegmentRole::kStem}};
  }
  *joins = t + 1 < tokens.size() && tokens[t + 1].begin == tok.end &&
           tok.kind == dhad::TokenKind::kArabic && is_lone_proclitic(text) &&
           (tokens[t + 1].kind == dhad::TokenKind::kArabic ||
            tokens[t + 1].kind == dhad::TokenKind::kLatin ||
            tokens[t + 1].kind == dhad::TokenKind::kNumber);
  if (*joins) pieces[0].role = dhad::SegmentRole::kProclitic;
  return pieces;
}

std::string roles(const std::vector<dhad::Segment>& pieces) {
  std::string s;
  for (const dhad::Segment& p : pieces) {
    if (!s.empty()) s += ' ';
    s += dhad::segment_role_name(p.role);
  }
  return s;
}

void check_line(const dhad::Segmenter& seg, std::string_view line) {
  static const dhad::Tokenizer tokenizer;
  static constexpr dhad::Segment kSentinel{7, 9, dhad::SegmentRole::kEnclitic};
  std::vector<dhad::Token> tokens;
  tokenizer.tokenize(line, &tokens);
  for (const dhad::Token& tok : tokens) {
    if (tok.kind != dhad::TokenKind::kArabic) continue;
    std::string_view word = line.substr(tok.begin, tok.end - tok.begin);
    check_word(seg, word);
    // Without a final tatweel, as segment_line() segments it.
    if (word.ends_with("\u0640")) {
      while (word.size() > 2 && word.ends_with("\u0640")) word.remove_suffix(2);
      check_word(seg, word);
    }
  }
  for (int split = 0; split < 2; ++split) {
    const dhad::SegmentOptions options{split == 1};
    // segment_token() gives the documented pieces; segment_line() writes them:
    // tokens joined by one space, pieces by "+ ", a joining proclitic's '+'.
    std::string want;
    for (size_t t = 0; t < tokens.size(); ++t) {
      const std::string_view text = line.substr(tokens[t].begin, tokens[t].end - tokens[t].begin);
      bool joins = false;
      const std::vector<dhad::Segment> pieces =
          expected_pieces(seg, line, tokens, t, options, &joins);
      std::vector<dhad::Segment> got = {kSentinel};
      const bool got_joins = seg.segment_token(line, tokens, t, options, &got);
      FUZZ_CHECK(got[0] == kSentinel, "segment_token() did not append");
      got.erase(got.begin());
      FUZZ_CHECK(got == pieces && got_joins == joins,
                 "split_article=%d, token %zu: segment_token() gives %s (%s), joins=%d; want %s "
                 "(%s), joins=%d",
                 split, t, joined(text, got).c_str(), roles(got).c_str(), got_joins,
                 joined(text, pieces).c_str(), roles(pieces).c_str(), joins);
      dhad_fuzz::check_cover(text.size(), pieces);
      if (t > 0) want += ' ';
      for (size_t i = 0; i < pieces.size(); ++i) {
        if (i > 0) want += "+ ";
        want += text.substr(pieces[i].begin, pieces[i].end - pieces[i].begin);
      }
      if (joins) want += '+';
    }
    std::vector<dhad::Segment> none;
    FUZZ_CHECK(!seg.segment_token(line, tokens, tokens.size(), options, &none) && none.empty(),
               "segment_token() past the last token");

    std::string out = "prefix";
    seg.segment_line(line, tokens, options, &out);
    FUZZ_CHECK(out.compare(0, 6, "prefix") == 0, "segment_line() did not append");
    const std::string_view got = std::string_view(out).substr(6);
    dhad_fuzz::check_line_markers(line, got);
    FUZZ_CHECK(got == want, "split_article=%d: segment_line() gives\n%s\nwant\n%s", split,
               std::string(got).c_str(), want.c_str());
  }

  // Tokens a byte off, of other kinds, the last one past the end: no crash.
  std::vector<dhad::Token> off = tokens;
  for (size_t i = 0; i < off.size(); ++i) {
    off[i] = {off[i].begin + 1, off[i].end + 1,
              dhad::TokenKind((int(off[i].kind) + i) % (int(dhad::TokenKind::kOther) + 1))};
  }
  std::string sink;
  seg.segment_line(line, off, {}, &sink);
  std::vector<dhad::Segment> pieces;
  for (size_t i = 0; i < off.size(); ++i) (void)seg.segment_token(line, off, i, {}, &pieces);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // An exact-size copy, so ASan sees a read past the end of the word.
  const std::unique_ptr<char[]> copy(new char[size]);
  if (size > 0) __builtin_memcpy(copy.get(), data, size);
  const std::string_view text(copy.get(), size);
  const dhad::Segmenter& seg = segmenter();
  check_word(seg, text);
  check_line(seg, text);
  return 0;
}
