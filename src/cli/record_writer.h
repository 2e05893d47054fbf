// Record output of the dhad CLI: one JSONL object or TSV row per token or
// sentence, written through a pointer into room made ahead in the output.
// Internal to the CLI.
#ifndef DHAD_CLI_RECORD_WRITER_H_
#define DHAD_CLI_RECORD_WRITER_H_

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>

#include "cli/commands.h"
#include "cli/jsonl.h"
#include "cli/options.h"
#include "dhad/pipeline.h"
#include "dhad/segment.h"
#include "dhad/tokenize.h"
#include "dhad/utf8.h"

namespace dhad::cli {

// Writes `value` in decimal at o (room for 20 bytes), returns the end.
// Offsets are written several times a token: std::to_chars was a sixth of
// record output. Below 10^8 (inputs up to 100 MB) the two halves of four
// digits are split independently, two digits a table lookup, and the eight
// digits are put together in a register, the leading zeros shifted out, and
// stored at once (assembled in memory, the one 8-byte load of four 2-byte
// stores stalled on store forwarding: a third of analyze's record writing).
inline char* write_decimal(uint64_t value, char* o) {
  static constexpr char kPairs[] =
      "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
      "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
      "8081828384858687888990919293949596979899";
  static_assert(std::endian::native == std::endian::little);
  if (value < 100000000) {
    const auto v = uint32_t(value);
    const int digits = v < 10000 ? (v < 100 ? (v < 10 ? 1 : 2) : (v < 1000 ? 3 : 4))
                                 : (v < 1000000 ? (v < 100000 ? 5 : 6) : (v < 10000000 ? 7 : 8));
    const uint32_t hi = v / 10000, lo = v % 10000;
    auto pair = [](uint32_t i) {
      uint16_t p;
      std::memcpy(&p, kPairs + 2 * i, 2);
      return uint64_t{p};
    };
    // Eight digits, zero-padded, the first in the lowest byte (the first in
    // memory); the shift drops the 8 - digits leading zeros.
    const uint64_t eight =
        pair(hi / 100) | pair(hi % 100) << 16 | pair(lo / 100) << 32 | pair(lo % 100) << 48;
    const uint64_t kept = eight >> (8 * (8 - digits));
    std::memcpy(o, &kept, 8);  // o has room for 20: store 8, keep `digits`
    return o + digits;
  }
  return std::to_chars(o, o + 20, value).ptr;
}

// TSV cells: backslash, tab and line breaks escaped so a cell stays one cell.
inline void append_tsv_cell(std::string_view s, std::string* out) {
  for (char c : s) {
    switch (c) {
      case '\\':
        out->append("\\\\");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      default:
        out->push_back(c);
    }
  }
}

// Collects the fields of one output record and writes it as JSONL or TSV.
// Records are written through a pointer into room made ahead in the output
// string (in steps of kStep bytes), not a byte or a field at a time: a
// token's record is tens of bytes, and per-append overhead was most of the
// cost of record output.
class RecordWriter {
 public:
  // valid_utf8: every value written comes from text known to be valid UTF-8
  // (else `pipeline` says how its bytes are written). Records are handed on
  // from `result` as they pile up (maybe_flush).
  RecordWriter(Format format, const Pipeline& pipeline, bool valid_utf8, BlockResult* result)
      : format_(format),
        pipeline_(pipeline),
        valid_utf8_(valid_utf8),
        result_(result),
        out_(&result->out) {}
  ~RecordWriter() { settle(); }
  RecordWriter(const RecordWriter&) = delete;
  RecordWriter& operator=(const RecordWriter&) = delete;

  void begin() {
    first_ = true;
    invalid_ = false;
    token_text_size_ = 0;
    if (format_ == Format::kJsonl) *room(1)++ = '{';
  }
  // begin(), then the kind, text, begin and end of a token: one of the hot
  // paths of record output, written in one go for JSONL of valid text.
  void token(TokenKind kind, std::string_view text_bytes, uint64_t begin_offset,
             uint64_t end_offset) {
    if (format_ != Format::kJsonl || !valid_utf8_) {
      begin();
      text("kind", token_kind_name(kind));
      text("text", text_bytes);
      number("begin", begin_offset);
      number("end", end_offset);
      return;
    }
    first_ = false;
    invalid_ = false;
    // {"kind":"arabic","text":
    static const std::array<std::string, kTokenKinds> heads = [] {
      std::array<std::string, kTokenKinds> h;
      for (size_t k = 0; k < kTokenKinds; ++k) {
        h[k] = "{\"kind\":\"" + std::string(token_kind_name(TokenKind(k))) + "\",\"text\":";
      }
      return h;
    }();
    const std::string& head = heads[size_t(kind)];
    char* o = room(head.size() + 2 + 6 * text_bytes.size() + 2 * 20 + 16);
    std::memcpy(o, head.data(), head.size());
    char* const text_at = o + head.size();
    o = jsonl::write_json_string_valid(text_bytes, text_at);
    token_text_at_ = size_t(text_at - out_->data());
    token_text_size_ = size_t(o - text_at);
    std::memcpy(o, ",\"begin\":", 9);
    o = write_decimal(begin_offset, o + 9);
    std::memcpy(o, ",\"end\":", 7);
    o_ = write_decimal(end_offset, o + 7);
  }
  void text(std::string_view key, std::string_view value) {
    separator(key);
    if (format_ == Format::kJsonl) {
      json(value);
    } else {
      cell(value);
    }
  }

  // A field whose value is the token's text again (a norm that changed
  // nothing): the JSON token() wrote, copied.
  void text_again(std::string_view key, std::string_view value) {
    if (format_ != Format::kJsonl || !valid_utf8_ || token_text_size_ == 0) {
      text(key, value);
      return;
    }
    separator(key);
    char* o = room(token_text_size_);
    std::memcpy(o, out_->data() + token_text_at_, token_text_size_);
    o_ = o + token_text_size_;
  }

  // After token(): the fields of an analyze record, its norm, segments (as
  // pieces()), stem and root. For JSONL of valid text they are written in one
  // go under one room check, and a value that is the token's text again (most
  // norms, the one segment of most tokens, many stems and roots) is the JSON
  // token() wrote, copied. Otherwise, and for tokens over kMaxFastToken
  // bytes, analysis_reference() writes them, which the fast path must match.
  void analysis(std::string_view token, uint64_t base, std::string_view norm, bool norm_is_text,
                std::span<const Segment> segments, std::string_view stem, std::string_view root) {
    if (format_ != Format::kJsonl || !valid_utf8_ || token_text_size_ == 0 ||
        token.size() > kMaxFastToken) {
      analysis_reference(token, base, norm, norm_is_text, segments, stem, root);
      return;
    }
    // {"text":..,"begin":..,"end":..,"role":"proclitic"}, with a 24-byte copy
    // for the role's bytes.
    constexpr size_t kSegmentBytes = 1 + 8 + 2 + 9 + 20 + 7 + 20 + 24;
    size_t bound = 64 + 6 * (norm.size() + stem.size() + root.size());
    for (const Segment& seg : segments) {
      if (seg.begin > seg.end || seg.end > token.size() || size_t(seg.role) >= kRoles) {
        analysis_reference(token, base, norm, norm_is_text, segments, stem, root);
        return;
      }
      bound += kSegmentBytes + 6 * (seg.end - seg.begin);
    }
    char* o = room(bound);
    const char* const token_json = out_->data() + token_text_at_;
    const size_t token_json_size = token_text_size_;
    // The JSON string of v: the token's, copied, when v is the token's text.
    auto value = [&](std::string_view v, bool is_token, char* at) {
      if (is_token ||
          (v.size() == token.size() && std::memcmp(v.data(), token.data(), v.size()) == 0)) {
        std::memcpy(at, token_json, token_json_size);
        return at + token_json_size;
      }
      return jsonl::write_json_string_valid(v, at);
    };
    std::memcpy(o, ",\"norm\":", 8);
    o = value(norm, norm_is_text, o + 8);
    std::memcpy(o, ",\"segments\":[", 13);
    o += 13;
    for (size_t i = 0; i < segments.size(); ++i) {
      const Segment& seg = segments[i];
      *o = ',';
      o += i != 0;
      std::memcpy(o, "{\"text\":", 8);
      o += 8;
      if (seg.begin == 0 && seg.end == token.size()) {
        std::memcpy(o, token_json, token_json_size);
        o += token_json_size;
      } else {
        o = jsonl::write_json_string_valid(token.substr(seg.begin, seg.end - seg.begin), o);
      }
      std::memcpy(o, ",\"begin\":", 9);
      o = write_decimal(base + seg.begin, o + 9);
      std::memcpy(o, ",\"end\":", 7);
      o = write_decimal(base + seg.end, o + 7);
      const RoleTail& tail = role_tails()[size_t(seg.role)];
      std::memcpy(o, tail.bytes, sizeof tail.bytes);
      o += tail.size;
    }
    std::memcpy(o, "],\"stem\":", 9);
    o = value(stem, false, o + 9);
    std::memcpy(o, ",\"root\":", 8);
    o_ = value(root, false, o + 8);
    first_ = false;
  }
  // analysis() one field at a time through the general writers.
  void analysis_reference(std::string_view token, uint64_t base, std::string_view norm,
                          bool norm_is_text, std::span<const Segment> segments,
                          std::string_view stem, std::string_view root) {
    if (norm_is_text) {
      text_again("norm", norm);
    } else {
      text("norm", norm);
    }
    pieces("segments", token, base, segments);
    text("stem", stem);
    text("root", root);
  }

  // The pieces of a token (offsets relative to it; `base` is the token's own
  // offset): a JSON array of {text, begin, end, role}, or in TSV the text
  // format of the token (و+ ب+ الكتاب).
  void pieces(std::string_view key, std::string_view token, uint64_t base,
              std::span<const Segment> segments) {
    separator(key);
    if (format_ == Format::kJsonl) {
      *room(1)++ = '[';
      for (size_t i = 0; i < segments.size(); ++i) {
        const Segment& s = segments[i];
        if (i) *room(1)++ = ',';
        raw("{\"text\":");
        json(token.substr(s.begin, s.end - s.begin));
        raw(",\"begin\":");
        number_value(base + s.begin);
        raw(",\"end\":");
        number_value(base + s.end);
        raw(",\"role\":\"");
        raw(segment_role_name(s.role));
        raw("\"}");
      }
      *room(1)++ = ']';
      return;
    }
    std::string joined;
    append_pieces(token, segments, &joined);
    cell(joined);
  }
  // An optional true-valued key; JSONL only (TSV columns are fixed by the header).
  void flag(std::string_view key) {
    if (format_ != Format::kJsonl) return;
    separator(key);
    raw("true");
  }
  void number(std::string_view key, uint64_t value) {
    separator(key);
    number_value(value);
  }
  void end() {
    if (format_ == Format::kJsonl) {
      if (invalid_) raw(",\"invalid_utf8\":true");
      *room(1)++ = '}';
    }
    *room(1)++ = '\n';
    if (size_t(o_ - out_->data()) >= result_->flush_bytes) {
      settle();
      result_->maybe_flush();
    }
  }

 private:
  static constexpr size_t kStep = size_t{16} << 10;

  static constexpr size_t kTokenKinds = size_t(TokenKind::kOther) + 1;
  static constexpr size_t kRoles = size_t(SegmentRole::kEnclitic) + 1;
  // analysis() writes tokens up to this size in one go; longer ones (cut at
  // kMaxTokenPiece, 128 KiB) field by field, so that no room is made for a
  // whole record's worst case.
  static constexpr size_t kMaxFastToken = 4096;

  // ,"role":"stem"} and the like, padded to a fixed-size copy.
  struct RoleTail {
    char bytes[24] = {};
    size_t size = 0;
  };
  static const std::array<RoleTail, kRoles>& role_tails() {
    static const std::array<RoleTail, kRoles> tails = [] {
      std::array<RoleTail, kRoles> t;
      for (size_t r = 0; r < kRoles; ++r) {
        const std::string s =
            ",\"role\":\"" + std::string(segment_role_name(SegmentRole(r))) + "\"}";
        std::memcpy(t[r].bytes, s.data(), s.size());
        t[r].size = s.size();
      }
      return t;
    }();
    return tails;
  }

  // A pointer to at least n bytes of room at the end of what is written.
  char*& room(size_t n) {
    if (size_t(end_ - o_) < n) [[unlikely]] {
      grow(n);
    }
    return o_;
  }
  [[gnu::noinline]] void grow(size_t n) {
    const size_t used = o_ == nullptr ? out_->size() : size_t(o_ - out_->data());
    out_->resize(used + std::max(n, kStep));
    o_ = out_->data() + used;
    end_ = out_->data() + out_->size();
  }
  // Gives the room not written back: out_ holds the records, and only them.
  void settle() {
    if (o_ == nullptr) return;
    out_->resize(size_t(o_ - out_->data()));
    o_ = end_ = nullptr;
  }
  void raw(std::string_view bytes) {
    char*& o = room(bytes.size());
    std::memcpy(o, bytes.data(), bytes.size());
    o += bytes.size();
  }
  void number_value(uint64_t value) {
    char*& o = room(20);
    o = write_decimal(value, o);
  }
  void json(std::string_view value) {
    if (valid_utf8_) {
      char*& o = room(2 + 6 * value.size());
      o = jsonl::write_json_string_valid(value, o);
      return;
    }
    // JSON cannot hold invalid bytes: under keep they show as U+FFFD, and the
    // record says so.
    invalid_ |= pipeline_.options().invalid_utf8 == InvalidUtf8::kKeep && !is_valid_utf8(value);
    std::string escaped;
    jsonl::append_json_string(value, &escaped);
    raw(escaped);
  }
  void cell(std::string_view value) {
    std::string escaped;
    if (valid_utf8_) {
      append_tsv_cell(value, &escaped);
    } else {
      std::string written;
      pipeline_.append_checked(value, false, &written);
      append_tsv_cell(written, &escaped);
    }
    raw(escaped);
  }
  void separator(std::string_view key) {
    if (format_ == Format::kJsonl) {
      // Keys are fixed ASCII names: no escaping needed.
      char*& o = room(key.size() + 4);
      if (!first_) *o++ = ',';
      *o++ = '"';
      std::memcpy(o, key.data(), key.size());
      o += key.size();
      *o++ = '"';
      *o++ = ':';
    } else if (!first_) {
      *room(1)++ = '\t';
    }
    first_ = false;
  }

  Format format_;
  const Pipeline& pipeline_;
  bool valid_utf8_;
  BlockResult* result_;
  std::string* out_;
  size_t token_text_at_ = 0;    // where token() wrote the text's JSON, in out_
  size_t token_text_size_ = 0;  // and its size (0: none)
  char* o_ = nullptr;           // where the next byte goes (nullptr: no room made)
  char* end_ = nullptr;         // the end of the room
  bool first_ = true;
  bool invalid_ = false;
};

}  // namespace dhad::cli

#endif  // DHAD_CLI_RECORD_WRITER_H_
