// Slow references for the stemmers: each algorithm as its peer states it, one
// code point at a time on std::u32string. The fast stemmers are compared with
// these by stem_test and by fuzz/stem_fuzzer; they are not part of the library.
#include "stem/stem_reference.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <string_view>

#include "dhad/normalize.h"
#include "dhad/utf8.h"
#include "normalize/normalize_internal.h"

namespace dhad {
namespace {

std::u32string decode(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    const Utf8Char c = decode_utf8(s, i);
    out += c.code_point;
    i += c.length;
  }
  return out;
}

std::string encode(const std::u32string& s) {
  std::string out;
  for (const char32_t c : s) append_utf8(c, &out);
  return out;
}

std::string light10_reference(std::string_view word, size_t min_stem_letters) {
  static const Normalizer lucene(NormalizeOptions::lucene());
  std::string normalized;
  normalize_internal::normalize_reference(lucene, word, &normalized);
  std::u32string w = decode(normalized);
  for (const std::u32string p : {U"ال", U"وال", U"بال", U"كال", U"فال", U"لل", U"و"}) {
    const size_t min = p.size() == 1 ? 4 : p.size() + 2;
    if (w.size() >= min && w.starts_with(p)) {
      w.erase(0, p.size());
      break;
    }
  }
  const std::u32string unsuffixed = w;
  for (const std::u32string s : {U"ها", U"ان", U"ات", U"ون", U"ين", U"يه", U"ية", U"ه", U"ة", U"ي"})
    if (w.size() >= s.size() + 2 && w.ends_with(s)) w.erase(w.size() - s.size());
  // StemOptions::min_stem_letters: a shorter stem keeps every suffix.
  if (w.size() < min_stem_letters) w = unsuffixed;
  return encode(w);
}

bool one_of(char32_t c, std::u32string_view set) { return set.find(c) != set.npos; }

void isri_suf1(std::u32string& w) {
  if (one_of(w.back(), U"ةهيكتان")) w.pop_back();
}
void isri_pre1(std::u32string& w) {
  if (one_of(w.front(), U"لبفسويتنا")) w.erase(0, 1);
}

void isri_w4(std::u32string& w) {
  if (w[0] == U'م') {
    w = w.substr(1);
  } else if (w[1] == U'ا') {
    w = w.substr(0, 1) + w.substr(2);
  } else if (one_of(w[2], U"اوي")) {
    w = w.substr(0, 2) + w[3];
  } else if (w[3] == U'ة') {
    w.pop_back();
  } else {
    isri_suf1(w);
    if (w.size() == 4) isri_pre1(w);
  }
}

void isri_w53(std::u32string& w) {
  std::u32string r;
  if (one_of(w[2], U"ات") && w[0] == U'ا') {
    r = w.substr(1, 1) + w.substr(3);
  } else if (one_of(w[3], U"ايو") && w[0] == U'م') {
    r = w.substr(1, 2) + w[4];
  } else if (one_of(w[0], U"اتم") && w[4] == U'ة') {
    r = w.substr(1, 3);
  } else if (one_of(w[0], U"ميت") && w[2] == U'ت') {
    r = w.substr(1, 1) + w.substr(3);
  } else if (one_of(w[0], U"مت") && w[2] == U'ا') {
    r = w.substr(1, 1) + w.substr(3);
  } else if (one_of(w[2], U"او") && w[4] == U'ة') {
    r = w.substr(0, 2) + w[3];
  } else if (one_of(w[0], U"ام") && w[1] == U'ن') {
    r = w.substr(2);
  } else if (w[3] == U'ا' && w[0] == U'ا') {
    r = w.substr(1, 2) + w[4];
  } else if (w[4] == U'ن' && w[3] == U'ا') {
    r = w.substr(0, 3);
  } else if (w[3] == U'ي' && w[0] == U'ت') {
    r = w.substr(1, 2) + w[4];
  } else if (w[3] == U'و' && w[1] == U'ا') {
    r = std::u32string{w[0], w[2], w[4]};
  } else if (w[2] == U'ا' && w[1] == U'و') {
    r = w.substr(0, 1) + w.substr(3);
  } else if (w[3] == U'ئ' && w[2] == U'ا') {
    r = w.substr(0, 2) + w[4];
  } else if (w[4] == U'ة' && w[1] == U'ا') {
    r = w.substr(0, 1) + w.substr(2, 2);
  } else if (w[4] == U'ي' && w[2] == U'ا') {
    r = w.substr(0, 2) + w[3];
  } else {
    isri_suf1(w);
    if (w.size() == 5) isri_pre1(w);
    return;
  }
  w = r;
}

void isri_end_w5(std::u32string& w) {
  if (w.size() == 4) {
    isri_w4(w);
  } else if (w.size() == 5) {
    if (one_of(w[0], U"اتم")) {
      w = w.substr(1);
    } else if (w[4] == U'ة') {
      w = w.substr(0, 4);
    } else if (w[2] == U'ا') {
      w = w.substr(0, 2) + w.substr(3);
    }
  }
}

void isri_w6(std::u32string& w) {
  if (w.starts_with(U"است") || w.starts_with(U"مست")) {
    w = w.substr(3);
  } else if (w[0] == U'م' && w[3] == U'ا' && w[5] == U'ة') {
    w = w.substr(1, 2) + w[4];
  } else if (w[0] == U'ا' && w[2] == U'ت' && w[4] == U'ا') {
    w = std::u32string{w[1], w[3], w[5]};
  } else if (w[0] == U'ا' && w[3] == U'و' && w[2] == w[4]) {
    w = w.substr(1, 1) + w.substr(4);
  } else if (w[0] == U'ت' && w[2] == U'ا' && w[4] == U'ي') {
    w = std::u32string{w[1], w[3], w[5]};
  } else {
    isri_suf1(w);
    if (w.size() == 6) isri_pre1(w);
  }
}

void isri_end_w6(std::u32string& w) {
  if (w.size() == 5) {
    isri_w53(w);
    isri_end_w5(w);
  } else if (w.size() == 6) {
    if (w[0] == U'ا' && w[4] == U'ا') {
      w = w.substr(1, 3) + w[5];
    } else if (w.starts_with(U"مت")) {
      w = w.substr(2);
    }
  }
}

std::string isri_reference(std::string_view word) {
  static const std::u32string kStopWords[] = {
      U"يكون",    U"وليس",   U"وكان",   U"كذلك",   U"التي",  U"وبين",   U"عليها",
      U"مساء",    U"الذي",   U"وكانت",  U"ولكن",   U"والتي", U"تكون",   U"اليوم",
      U"اللذين",  U"عليه",   U"كانت",   U"لذلك",   U"أمام",  U"هناك",   U"منها",
      U"مازال",   U"لازال",  U"لايزال", U"مايزال", U"اصبح",  U"أصبح",   U"أمسى",
      U"امسى",    U"أضحى",   U"اضحى",   U"مابرح",  U"مافتئ", U"ماانفك", U"لاسيما",
      U"ولايزال", U"الحالي", U"اليها",  U"الذين",  U"فانه",  U"والذي",  U"وهذا",
      U"لهذا",    U"فكان",   U"ستكون",  U"اليه",   U"يمكن",  U"بهذا",   U"الذى",
  };
  std::u32string w;
  for (const char32_t c : decode(word))
    if (c < 0x064B || c > 0x0652) w += c;
  if (std::find(std::begin(kStopWords), std::end(kStopWords), w) != std::end(kStopWords))
    return encode(w);
  const auto strip_prefix = [&](std::initializer_list<std::u32string_view> list) {
    for (const std::u32string_view a : list)
      if (w.starts_with(a)) return w.erase(0, a.size()), true;
    return false;
  };
  const auto strip_suffix = [&](std::initializer_list<std::u32string_view> list) {
    for (const std::u32string_view a : list)
      if (w.ends_with(a)) return w.erase(w.size() - a.size()), true;
    return false;
  };
  if (!(w.size() >= 6 && strip_prefix({U"كال", U"بال", U"ولل", U"وال"})) && w.size() >= 5)
    strip_prefix({U"ال", U"لل"});
  if (!(w.size() >= 6 && strip_suffix({U"تمل", U"همل", U"تان", U"تين", U"كمل"})) && w.size() >= 5) {
    strip_suffix({U"ون", U"ات", U"ان", U"ين", U"تن", U"كم", U"هن", U"نا", U"يا", U"ها", U"تم",
                  U"كن", U"ني", U"وا", U"ما", U"هم"});
  }
  if (w.size() >= 4 && w.starts_with(U"وو")) w.erase(0, 1);
  if (!w.empty() && one_of(w[0], U"آأإ")) w[0] = U'ا';
  switch (w.size()) {
    case 4:
      isri_w4(w);
      break;
    case 5:
      isri_w53(w);
      isri_end_w5(w);
      break;
    case 6:
      isri_w6(w);
      isri_end_w6(w);
      break;
    case 7:
      isri_suf1(w);
      if (w.size() == 7) isri_pre1(w);
      if (w.size() == 6) {
        isri_w6(w);
        isri_end_w6(w);
      }
      break;
  }
  return encode(w);
}

}  // namespace

std::string stem_reference(StemAlgorithm algorithm, std::string_view word,
                           const StemOptions& options) {
  return algorithm == StemAlgorithm::kLight10 ? light10_reference(word, options.min_stem_letters)
                                              : isri_reference(word);
}

}  // namespace dhad
