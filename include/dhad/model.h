// dhad/model.h — the container every dhad model file is written in.
//
// A model file (the segmenter's today; the corrector's and `dhad learn`'s
// later) is a header naming the kind of model, a table of named sections and
// the sections' bytes. Model opens one: it memory-maps the file read-only (or
// takes bytes already in memory, such as the model embedded in the library,
// without copying them), checks the whole structure once, and then hands out
// sections whose bounds need no further checks. What a section holds is the
// business of the model kind's own reader.
//
// Thread-safety: a Model is immutable once opened; any number of threads may
// read it. It is movable, not copyable; moving it leaves the bytes where they
// are, so views taken from it stay valid for as long as the Model lives.
// Cost: opening maps the file (no copy) and checks a checksum over all of it
// (7.7 GB/s here): the 2.5 MB segmentation model opens in 0.5 ms from the page
// cache, 0.3 ms of it the checksum. Section lookups scan at most kMaxSections
// names. A mapped file must not be truncated while it is
// open (the system would then fault on reading the lost pages); tools replace
// model files by renaming a new one into place, which is safe.
//
//   dhad::Result<dhad::Model> m = dhad::Model::open("seg.model", "SEGM", 1);
//   if (!m) return m.error();  // kIoError, or kBadModel naming what is wrong
//   dhad::Result<dhad::ModelSection> w = m->section("weights");
//
// The format (little-endian; tools/model/container.py writes it):
//
//   offset  size  field
//   0       4     magic "DHAD"
//   4       4     kind: 4 bytes of [A-Z0-9] naming the model kind ("SEGM": the
//                 clitic segmenter)
//   8       4     u32 container format version, kFormatVersion
//   12      4     u32 version of the kind's own layout (its reader checks it)
//   16      8     u64 checksum of bytes [24, file size), see below
//   24      8     u64 file size
//   32      4     u32 section count, at most kMaxSections
//   36      4     u32 0 (reserved)
//   40      40×n  section table, one entry per section:
//                   0   char[16] name: 1 to 16 bytes of [a-z0-9_], NUL-padded
//                   16  u64 offset of the section from the start of the file
//                   24  u64 size of the section in bytes
//                   32  u32 alignment: a power of two, at most kMaxAlignment;
//                       the offset is a multiple of it
//                   36  u32 0 (reserved)
//   then the sections, in any order, after the section table, not
//   overlapping; the bytes between them are not read.
//
// Names are unique. The checksum runs four lanes over the bytes as
// little-endian u64 words, the last 32-byte block zero-padded; with
// M = 0xFF51AFD7ED558CCD, n the number of bytes and each lane starting at
// 0x9E3779B97F4A7C15 ^ n ^ lane:
//   lane[j % 4] = (lane[j % 4] ^ word[j]) * M;  lane ^= lane >> 29   (word j)
//   h = lane[0], then for lane 1..3: h = (h ^ lane) * M;  h ^= h >> 29
// (four independent multiply chains, so checking costs little). Sections are
// aligned relative to the start of the file; in memory they are aligned as
// stated when the file's first byte is on a 64-byte boundary (a mapped file, or
// the embedded model; see dhad_embed_model in cmake/dhad_embed_model.cmake).
#ifndef DHAD_MODEL_H_
#define DHAD_MODEL_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dhad/export.h"
#include "dhad/result.h"

namespace dhad {

/// One section of an open model: a named byte range inside the file, checked
/// to lie within it when the model was opened.
struct ModelSection {
  std::string_view name;           ///< as in the section table, without padding
  std::span<const uint8_t> bytes;  ///< the section's bytes, inside the model
  uint64_t offset = 0;             ///< of the first byte in the file (for messages)
  uint32_t alignment = 1;          ///< a power of two dividing `offset`
};

/// A model file, opened and checked. See the top of this header for the format.
class DHAD_EXPORT Model {
 public:
  /// The container format this dhad reads and writes.
  static constexpr uint32_t kFormatVersion = 1;
  /// Sections a file may have.
  static constexpr uint32_t kMaxSections = 64;
  /// The largest alignment a section may ask for.
  static constexpr uint32_t kMaxAlignment = 64;
  /// Bytes of the header before the section table, and of one table entry.
  static constexpr size_t kHeaderSize = 40;
  static constexpr size_t kEntrySize = 40;

  /// Maps the file at `path` read-only and checks it: a model of kind `kind`
  /// (4 characters, e.g. "SEGM") and of that kind's layout `version`. A file
  /// that cannot be opened or mapped (a pipe, a directory) gives kIoError; one
  /// that is truncated, corrupt, of another kind or version, kBadModel. The
  /// messages start with `path`.
  static Result<Model> open(const std::string& path, std::string_view kind, uint32_t version);

  /// The same checks over bytes already in memory, which are not copied: they
  /// must outlive the Model (the embedded model: bytes in .rodata).
  static Result<Model> from_bytes(std::string_view bytes, std::string_view kind, uint32_t version);

  /// from_bytes() without the checksum, for bytes that are part of this
  /// program (the embedded models): their integrity is the binary's, and the
  /// tests check their checksums. Start-up then reads only the pages a caller
  /// uses, not the whole model (dhad correct on one line: 31 ms, 11 of them
  /// the checksum over the 18.5 MB correction model). Every other check runs.
  static Result<Model> from_embedded_bytes(std::string_view bytes, std::string_view kind,
                                           uint32_t version);

  /// An empty model, with no bytes and no sections (what a moved-from Model is).
  Model() = default;
  Model(Model&& other) noexcept;
  Model& operator=(Model&& other) noexcept;
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;
  ~Model();  // unmaps a mapped file

  /// The kind tag, e.g. "SEGM", and the kind's layout version.
  std::string_view kind() const { return std::string_view(kind_, 4); }
  uint32_t version() const { return version_; }

  /// The whole file.
  std::string_view bytes() const {
    return std::string_view(reinterpret_cast<const char*>(data_), size_);
  }

  /// Every section, in the order of the section table.
  std::span<const ModelSection> sections() const { return sections_; }

  /// The section called `name`, or nullptr if the file has none.
  const ModelSection* find(std::string_view name) const;

  /// The section called `name`; a file without it gives kBadModel ("no
  /// section 'name'"), for the sections a kind cannot do without.
  Result<ModelSection> section(std::string_view name) const;

 private:
  enum class Storage : uint8_t { kBorrowed, kMapped };

  static Result<Model> check(const uint8_t* data, size_t size, std::string_view kind,
                             uint32_t version, bool verify_checksum = true);
  void release();

  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
  Storage storage_ = Storage::kBorrowed;
  char kind_[4] = {};
  uint32_t version_ = 0;
  std::vector<ModelSection> sections_;
};

}  // namespace dhad

#endif  // DHAD_MODEL_H_
