// Opening and checking model files (the container of dhad/model.h) and the
// static hash tables in their sections (src/model/model.h).
#include "model/model.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include "dhad/model.h"

namespace dhad {
namespace model_internal {

uint64_t checksum(const uint8_t* p, size_t n) {
  constexpr uint64_t kMul = 0xFF51AFD7ED558CCDull;
  uint64_t lane[4];
  for (int j = 0; j < 4; ++j) lane[j] = 0x9E3779B97F4A7C15ull ^ uint64_t(n) ^ uint64_t(j);
  auto block = [&](const uint8_t* q) {
    for (int j = 0; j < 4; ++j) {
      lane[j] = (lane[j] ^ load_u64(q + 8 * j)) * kMul;
      lane[j] ^= lane[j] >> 29;
    }
  };
  size_t i = 0;
  for (; i + 32 <= n; i += 32) block(p + i);
  if (i < n) {
    uint8_t tail[32] = {};
    std::memcpy(tail, p + i, n - i);
    block(tail);
  }
  uint64_t h = lane[0];
  for (int j = 1; j < 4; ++j) {
    h = (h ^ lane[j]) * kMul;
    h ^= h >> 29;
  }
  return h;
}

Error section_error(const ModelSection& section, uint64_t at, std::string_view what) {
  return Error(ErrorCode::kBadModel,
               "section '" + std::string(section.name) + "': " + std::string(what),
               section.offset + at);
}

Result<HashTable> HashTable::open(const ModelSection& section, uint32_t width) {
  const uint8_t* p = section.bytes.data();
  const uint64_t size = section.bytes.size();
  if (size < kHeaderSize) {
    return section_error(section, 0,
                         "a table needs a " + std::to_string(kHeaderSize) + "-byte header, has " +
                             std::to_string(size) + " bytes");
  }
  HashTable t;
  t.bits_ = load_u32(p);
  t.n_ = load_u32(p + 4);
  t.seed_ = load_u64(p + 8);
  t.width_ = load_u32(p + 16);
  if (t.bits_ > kMaxBucketBits) {
    return section_error(
        section, 0,
        "2^" + std::to_string(t.bits_) + " buckets, at most 2^" + std::to_string(kMaxBucketBits));
  }
  if (t.width_ != 1 && t.width_ != 2 && t.width_ != 4) {
    return section_error(section, 16,
                         "values " + std::to_string(t.width_) + " bytes wide, not 1, 2 or 4");
  }
  if (width != 0 && t.width_ != width) {
    return section_error(section, 16,
                         "values " + std::to_string(t.width_) + " bytes wide, this reader needs " +
                             std::to_string(width));
  }
  if (load_u32(p + 20) != 0) return section_error(section, 20, "reserved field is not 0");
  // At most 24 + 4 * (2^28 + 1) + 8 * (2^32 - 1): no overflow in 64 bits.
  const uint64_t buckets = uint64_t(1) << t.bits_;
  const uint64_t need = kHeaderSize + 4 * (buckets + 1) + (4 + uint64_t(t.width_)) * t.n_;
  if (need != size) {
    return section_error(section, 0,
                         "a table of 2^" + std::to_string(t.bits_) + " buckets and " +
                             std::to_string(t.n_) + " entries of " + std::to_string(t.width_) +
                             "-byte values takes " + std::to_string(need) +
                             " bytes, the section has " + std::to_string(size));
  }
  t.offsets_ = p + kHeaderSize;
  if (load_u32(t.offsets_) != 0) {
    return section_error(section, kHeaderSize, "bucket offsets do not start at 0");
  }
  uint32_t prev = 0;
  for (uint64_t b = 1; b <= buckets; ++b) {
    const uint32_t o = load_u32(t.offsets_ + 4 * b);
    if (o < prev || o > t.n_) {
      return section_error(section, kHeaderSize + 4 * b,
                           "bucket offset " + std::to_string(o) + " after " + std::to_string(prev) +
                               " (entries: " + std::to_string(t.n_) + ")");
    }
    prev = o;
  }
  if (prev != t.n_) {
    return section_error(section, kHeaderSize + 4 * buckets,
                         "bucket offsets end at " + std::to_string(prev) + ", not at the " +
                             std::to_string(t.n_) + " entries");
  }
  t.fingerprints_ = t.offsets_ + 4 * (buckets + 1);
  t.values_ = t.fingerprints_ + 4 * uint64_t(t.n_);
  return t;
}

}  // namespace model_internal

namespace {

using model_internal::load_u32;
using model_internal::load_u64;

Error bad(std::string what, uint64_t offset = Error::kNoOffset) {
  return Error(ErrorCode::kBadModel, std::move(what), offset);
}

// A kind tag as text, bytes outside printable ASCII as \xHH.
std::string printable(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7F && c != '\'' && c != '\\') {
      out.push_back(char(c));
    } else {
      static constexpr char kHex[] = "0123456789ABCDEF";
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

bool valid_kind(std::string_view kind) {
  return kind.size() == 4 && std::all_of(kind.begin(), kind.end(), [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
         });
}

Error kind_error(std::string_view kind) {
  return Error(ErrorCode::kInvalidArgument,
               "model kind '" + printable(kind) + "' is not 4 characters of [A-Z0-9]");
}

std::string truncated(uint64_t size) {
  return "truncated: " + std::to_string(size) + " bytes, less than the " +
         std::to_string(Model::kHeaderSize) + "-byte header";
}

// The length of a section name (1 to 16 bytes of [a-z0-9_], NUL-padded), or 0.
size_t name_length(const uint8_t* p) {
  size_t n = 0;
  while (n < 16 && p[n] != 0) {
    const uint8_t c = p[n];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return 0;
    ++n;
  }
  for (size_t i = n; i < 16; ++i) {
    if (p[i] != 0) return 0;
  }
  return n;
}

std::string section_label(size_t index, std::string_view name) {
  return "section " + std::to_string(index) +
         (name.empty() ? std::string() : " '" + std::string(name) + "'");
}

}  // namespace

Result<Model> Model::check(const uint8_t* p, size_t size, std::string_view kind, uint32_t version,
                           bool verify_checksum) {
  if (!valid_kind(kind)) return kind_error(kind);
  if (size < kHeaderSize) return bad(truncated(size));
  if (std::memcmp(p, "DHAD", 4) != 0) {
    return bad("not a dhad model (it starts '" +
                   printable(std::string_view(reinterpret_cast<const char*>(p), 4)) +
                   "', not 'DHAD')",
               0);
  }
  const std::string_view found(reinterpret_cast<const char*>(p + 4), 4);
  if (found != kind) {
    return bad("a '" + printable(found) + "' model, not a '" + std::string(kind) + "' model", 4);
  }
  const uint32_t format = load_u32(p + 8);
  if (format != kFormatVersion) {
    return bad("container format version " + std::to_string(format) + ", this dhad reads " +
                   std::to_string(kFormatVersion),
               8);
  }
  const uint32_t found_version = load_u32(p + 12);
  if (found_version != version) {
    return bad("'" + std::string(kind) + "' model version " + std::to_string(found_version) +
                   ", this dhad reads " + std::to_string(version),
               12);
  }
  const uint64_t stated = load_u64(p + 24);
  if (stated != size) {
    return bad("the header says " + std::to_string(stated) + " bytes, the file has " +
                   std::to_string(size) + (stated > size ? " (truncated?)" : ""),
               24);
  }
  const uint32_t count = load_u32(p + 32);
  if (count > kMaxSections) {
    return bad(std::to_string(count) + " sections, at most " + std::to_string(kMaxSections), 32);
  }
  if (load_u32(p + 36) != 0) return bad("reserved header field is not 0", 36);
  const uint64_t table_end = kHeaderSize + kEntrySize * uint64_t(count);
  if (table_end > size) {
    return bad("the table of " + std::to_string(count) + " sections runs past the end (" +
                   std::to_string(size) + " bytes)",
               kHeaderSize);
  }
  if (verify_checksum) {
    const uint64_t stored = load_u64(p + 16);
    const uint64_t computed = model_internal::checksum(p + 24, size - 24);
    if (stored != computed) return bad("checksum mismatch: the file is corrupt", 16);
  }

  Model m;
  m.data_ = p;
  m.size_ = size;
  std::memcpy(m.kind_, kind.data(), 4);
  m.version_ = version;
  m.sections_.reserve(count);
  for (uint32_t s = 0; s < count; ++s) {
    const uint64_t at = kHeaderSize + kEntrySize * s;
    const uint8_t* e = p + at;
    const size_t name_len = name_length(e);
    if (name_len == 0) {
      return bad(section_label(s, {}) + ": its name is not 1 to 16 characters of [a-z0-9_]", at);
    }
    const std::string_view name(reinterpret_cast<const char*>(e), name_len);
    const uint64_t off = load_u64(e + 16);
    const uint64_t len = load_u64(e + 24);
    const uint32_t align = load_u32(e + 32);
    const std::string label = section_label(s, name);
    if (align == 0 || align > kMaxAlignment || (align & (align - 1)) != 0) {
      return bad(label + ": alignment " + std::to_string(align) + " is not a power of two up to " +
                     std::to_string(kMaxAlignment),
                 at + 32);
    }
    if (load_u32(e + 36) != 0) return bad(label + ": reserved field is not 0", at + 36);
    if (off < table_end || off > size || len > size - off) {
      return bad(label + ": bytes [" + std::to_string(off) + ", " + std::to_string(off) + "+" +
                     std::to_string(len) + ") are not between the section table (ends at " +
                     std::to_string(table_end) + ") and the end of the file (" +
                     std::to_string(size) + ")",
                 at + 16);
    }
    if (off % align != 0) {
      return bad(label + ": offset " + std::to_string(off) +
                     " is not a multiple of its alignment " + std::to_string(align),
                 at + 16);
    }
    for (const ModelSection& other : m.sections_) {
      if (other.name == name) return bad(label + ": a second section of that name", at);
    }
    m.sections_.push_back(
        ModelSection{name, std::span<const uint8_t>(p + off, size_t(len)), off, align});
  }
  // No two sections share a byte: in file order, each starts at or after the
  // end of those before it.
  std::vector<const ModelSection*> order;
  order.reserve(m.sections_.size());
  for (const ModelSection& s : m.sections_) order.push_back(&s);
  std::sort(order.begin(), order.end(), [](const ModelSection* a, const ModelSection* b) {
    return a->offset != b->offset ? a->offset < b->offset : a->bytes.size() < b->bytes.size();
  });
  uint64_t end = table_end;
  const ModelSection* last = nullptr;
  for (const ModelSection* s : order) {
    if (s->offset < end) {
      return bad("section '" + std::string(s->name) + "' overlaps section '" +
                     std::string(last->name) + "'",
                 s->offset);
    }
    if (!s->bytes.empty()) {
      end = s->offset + s->bytes.size();
      last = s;
    }
  }
  return m;
}

Result<Model> Model::from_bytes(std::string_view bytes, std::string_view kind, uint32_t version) {
  return check(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), kind, version);
}

Result<Model> Model::from_embedded_bytes(std::string_view bytes, std::string_view kind,
                                         uint32_t version) {
  return check(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), kind, version,
               /*verify_checksum=*/false);
}

Result<Model> Model::open(const std::string& path, std::string_view kind, uint32_t version) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused below).
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    return Error(ErrorCode::kIoError, path + ": cannot open model: " + std::strerror(errno));
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    return Error(ErrorCode::kIoError, path + ": cannot open model: " + std::strerror(err));
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return Error(ErrorCode::kIoError,
                 path + ": cannot open model: not a regular file (models are memory-mapped)");
  }
  const uint64_t size = uint64_t(st.st_size);
  if (size < kHeaderSize) {  // nothing worth mapping (and mmap refuses 0 bytes)
    ::close(fd);
    if (!valid_kind(kind)) return kind_error(kind);
    return Error(ErrorCode::kBadModel, path + ": " + truncated(size));
  }
  // No MAP_POPULATE: the checksum's faults (with the kernel's fault-around)
  // came out faster here than populating the 2.5 MB segment model up front.
  void* map = ::mmap(nullptr, size_t(size), PROT_READ, MAP_PRIVATE, fd, 0);
  const int err = errno;
  ::close(fd);
  if (map == MAP_FAILED) {
    return Error(ErrorCode::kIoError, path + ": cannot map model: " + std::strerror(err));
  }
  Result<Model> r = check(static_cast<const uint8_t*>(map), size_t(size), kind, version);
  if (!r) {
    ::munmap(map, size_t(size));
    const Error& e = r.error();
    return Error(e.code(), path + ": " + e.message(), e.offset());
  }
  r->storage_ = Storage::kMapped;
  return r;
}

Model::Model(Model&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      storage_(std::exchange(other.storage_, Storage::kBorrowed)),
      version_(other.version_),
      sections_(std::move(other.sections_)) {
  std::memcpy(kind_, other.kind_, 4);
  other.sections_.clear();
}

Model& Model::operator=(Model&& other) noexcept {
  if (this != &other) {
    release();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    storage_ = std::exchange(other.storage_, Storage::kBorrowed);
    std::memcpy(kind_, other.kind_, 4);
    version_ = other.version_;
    sections_ = std::move(other.sections_);
    other.sections_.clear();
  }
  return *this;
}

Model::~Model() { release(); }

void Model::release() {
  if (storage_ == Storage::kMapped && data_ != nullptr) {
    ::munmap(const_cast<uint8_t*>(data_), size_);
  }
  data_ = nullptr;
  size_ = 0;
  storage_ = Storage::kBorrowed;
  sections_.clear();
}

const ModelSection* Model::find(std::string_view name) const {
  for (const ModelSection& s : sections_) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

Result<ModelSection> Model::section(std::string_view name) const {
  if (const ModelSection* s = find(name)) return *s;
  return bad("no section '" + std::string(name) + "'");
}

}  // namespace dhad
