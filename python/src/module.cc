// dhad._dhad — the pybind11 extension under the `dhad` Python package.
//
// A thin shell over dhad::Pipeline: it converts str to UTF-8 and back, turns
// byte offsets into Python str indices, and maps dhad::Error to exceptions.
// The package (python/dhad/__init__.py) adds defaults, pickling and the
// module-level functions; the result types (Token, Sentence, ...) are its
// NamedTuples, handed to this module once by _set_types().
//
// Thread-safety: a Pipeline is immutable. Texts are turned into UTF-8 with
// the GIL held; the library's work runs without it in batch calls (on
// `threads` threads) and in one-text calls on texts of 64 KB or more.
// Cost: an ASCII str is read in place; any other is encoded once into a
// reused buffer; a result equal to its input is the input str itself.
// normalize() under rules that map a character to at most one (the lucene
// and camel profiles) works on a two-byte str's code points directly, with
// no UTF-8 either way (Normalizer::normalize_ucs2), and so a four-byte str
// (normalize_ucs4).
#include <Python.h>
#include <pybind11/pybind11.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "dhad/correct.h"
#include "dhad/pipeline.h"
#include "dhad/result.h"
#include "dhad/segment.h"
#include "dhad/sentences.h"
#include "dhad/stem.h"
#include "dhad/tokenize.h"
#include "dhad/version.h"

namespace py = pybind11;

namespace {

// The package's NamedTuple classes, set once by _set_types() at import and
// never freed (they live as long as the interpreter).
struct Types {
  PyObject* token = nullptr;
  PyObject* sentence = nullptr;
  PyObject* edit = nullptr;
  PyObject* correction = nullptr;
  PyObject* segment = nullptr;
  PyObject* analysis = nullptr;
  PyObject* dhad_error = nullptr;
  PyObject* model_error = nullptr;
};
Types types;

// Raises the Python exception for `e`: the engine's message, the class
// chosen by its code (bad arguments and bad input are ValueError, files
// OSError, models dhad.ModelError).
[[noreturn]] void raise(const dhad::Error& e) {
  PyObject* cls = types.dhad_error != nullptr ? types.dhad_error : PyExc_RuntimeError;
  switch (e.code()) {
    case dhad::ErrorCode::kInvalidArgument:
    case dhad::ErrorCode::kInvalidUtf8:
    case dhad::ErrorCode::kMalformedRecord:
      cls = PyExc_ValueError;
      break;
    case dhad::ErrorCode::kIoError:
      cls = PyExc_OSError;
      break;
    case dhad::ErrorCode::kBadModel:
      if (types.model_error != nullptr) cls = types.model_error;
      break;
    case dhad::ErrorCode::kOk:
      break;
  }
  PyErr_SetString(cls, e.message().c_str());
  throw py::error_already_set();
}

void check(const dhad::Status& s) {
  if (!s.ok()) raise(s.error());
}

// str -> UTF-8. Not PyUnicode_AsUTF8AndSize: it keeps a UTF-8 copy inside
// each str for the str's lifetime (a corpus held as a list of str would take
// its size again), and each copy is a fresh allocation. A str of ASCII is its
// own UTF-8 and is viewed in place; any other is encoded into a buffer the
// caller reuses. bytes are refused: offsets are promised in str indices.
void check_str(PyObject* s, const char* what) {
  if (!PyUnicode_Check(s)) {
    throw py::type_error(std::string(what) + " must be str, not " +
                         std::string(Py_TYPE(s)->tp_name));
  }
}

// The str's bytes when it is ASCII, else nullptr.
const char* ascii_data(PyObject* s) {
  return PyUnicode_IS_ASCII(s) ? static_cast<const char*>(PyUnicode_DATA(s)) : nullptr;
}

template <typename Char>
char* encode_chars(const Char* in, size_t n, char* o) {
  for (size_t i = 0; i < n; ++i) {
    const uint32_t c = in[i];
    if (c < 0x80) {
      *o++ = char(c);
    } else if (c < 0x800) {
      *o++ = char(0xC0 | (c >> 6));
      *o++ = char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      if (c >= 0xD800 && c <= 0xDFFF) return nullptr;  // a lone surrogate is not text
      *o++ = char(0xE0 | (c >> 12));
      *o++ = char(0x80 | ((c >> 6) & 0x3F));
      *o++ = char(0x80 | (c & 0x3F));
    } else {
      *o++ = char(0xF0 | (c >> 18));
      *o++ = char(0x80 | ((c >> 12) & 0x3F));
      *o++ = char(0x80 | ((c >> 6) & 0x3F));
      *o++ = char(0x80 | (c & 0x3F));
    }
  }
  return o;
}

// Appends the UTF-8 of the non-ASCII str `s` to *buffer; a lone surrogate
// raises the UnicodeEncodeError str.encode() would.
void append_utf8_of(PyObject* s, std::string* buffer) {
  const size_t n = size_t(PyUnicode_GET_LENGTH(s));
  const int kind = PyUnicode_KIND(s);
  const size_t at = buffer->size();
  buffer->resize(at + n * (kind == PyUnicode_1BYTE_KIND   ? 2
                           : kind == PyUnicode_2BYTE_KIND ? 3
                                                          : 4));
  char* o = buffer->data() + at;
  const void* data = PyUnicode_DATA(s);
  switch (kind) {
    case PyUnicode_1BYTE_KIND:
      o = encode_chars(static_cast<const Py_UCS1*>(data), n, o);
      break;
    case PyUnicode_2BYTE_KIND:
      o = encode_chars(static_cast<const Py_UCS2*>(data), n, o);
      break;
    default:
      o = encode_chars(static_cast<const Py_UCS4*>(data), n, o);
      break;
  }
  if (o == nullptr) {
    buffer->resize(at);
    PyObject* e = PyUnicode_AsEncodedString(s, "utf-8", "strict");  // sets the error
    Py_XDECREF(e);
    throw py::error_already_set();
  }
  buffer->resize(size_t(o - buffer->data()));
}

// The UTF-8 of one str: its own bytes, or *buffer's (cleared first).
std::string_view utf8_of(py::handle text, std::string* buffer, const char* what = "text") {
  check_str(text.ptr(), what);
  if (const char* a = ascii_data(text.ptr())) return {a, size_t(PyUnicode_GET_LENGTH(text.ptr()))};
  buffer->clear();
  append_utf8_of(text.ptr(), buffer);
  return *buffer;
}

// The UTF-8 of single-text calls: one buffer per thread, kept for the next,
// unless a huge text grew it (then the next call lets that memory go).
std::string_view utf8_of(py::handle text) {
  thread_local std::string buffer;
  if (buffer.capacity() > (size_t{64} << 20)) std::string().swap(buffer);
  return utf8_of(text, &buffer);
}

// The list of str a batch call takes; a single string (a common slip) is
// refused rather than read as a sequence of characters.
py::list text_list(py::handle texts) {
  if (PyUnicode_Check(texts.ptr()) || PyBytes_Check(texts.ptr())) {
    throw py::type_error("texts must be a list of str, not a single string");
  }
  py::list list = py::reinterpret_borrow<py::object>(texts).cast<py::list>();
  for (py::handle t : list) check_str(t.ptr(), "each text");
  return list;
}

// The texts of a batch call, taken in chunks of about kChunkBytes per thread:
// one chunk's UTF-8 and results are held at a time, in buffers the next chunk
// reuses, and small chunks stay in cache (a batch of short strings in chunks
// of 4 MB ran slower than one call per string).
class Utf8Chunks {
 public:
  static constexpr size_t kChunkBytes = size_t{256} << 10;

  Utf8Chunks(py::handle texts, int threads)
      : chunk_bytes_(
            kChunkBytes *
            size_t(threads > 0 ? threads : std::max(1u, std::thread::hardware_concurrency()))) {
    list_ = text_list(texts);
  }
  size_t size() const { return list_.size(); }
  size_t begin() const { return begin_; }
  // Takes the next chunk (false when none is left): views() are its texts.
  bool next() {
    begin_ += views_.size();
    views_.clear();
    buffer_.clear();
    if (begin_ >= list_.size()) return false;
    std::vector<Place>& places = places_;
    places.clear();
    size_t bytes = 0;
    for (size_t i = begin_; i < list_.size() && (bytes < chunk_bytes_ || places.empty()); ++i) {
      PyObject* s = list_[i].ptr();
      if (const char* a = ascii_data(s)) {
        places.push_back({a, 0, size_t(PyUnicode_GET_LENGTH(s))});
      } else {
        const size_t at = buffer_.size();
        append_utf8_of(s, &buffer_);
        places.push_back({nullptr, at, buffer_.size() - at});
      }
      bytes += places.back().size;
    }
    for (const Place& p : places) {
      views_.push_back(p.ascii != nullptr ? std::string_view(p.ascii, p.size)
                                          : std::string_view(buffer_).substr(p.at, p.size));
    }
    return true;
  }
  const std::vector<std::string_view>& views() const { return views_; }
  /// The str of views()[i].
  py::handle text(size_t i) const { return list_[begin_ + i]; }

 private:
  struct Place {
    const char* ascii;
    size_t at, size;
  };
  size_t chunk_bytes_;
  py::list list_;
  size_t begin_ = 0;
  std::string buffer_;
  std::vector<Place> places_;
  std::vector<std::string_view> views_;
};

py::object str_of(std::string_view s) {
  PyObject* o = PyUnicode_DecodeUTF8(s.data(), Py_ssize_t(s.size()), "strict");
  if (o == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(o);
}

// The result as a str: the input str itself when the result is its text
// unchanged (str is immutable), which spares decoding and a new object; light
// normalization leaves most of a news corpus so.
py::object same_or_str(py::handle input, std::string_view input_utf8, std::string_view result) {
  if (result == input_utf8) return py::reinterpret_borrow<py::object>(input);
  return str_of(result);
}

py::object int_of(uint64_t v) {
  PyObject* o = PyLong_FromUnsignedLongLong(v);
  if (o == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(o);
}

// Calls a NamedTuple class with positional fields.
py::object make(PyObject* cls, std::initializer_list<py::object> fields) {
  if (cls == nullptr) throw std::runtime_error("dhad._dhad: _set_types() was not called");
  std::vector<PyObject*> args;
  for (const py::object& f : fields) args.push_back(f.ptr());
  PyObject* o = PyObject_Vectorcall(cls, args.data(), args.size(), nullptr);
  if (o == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(o);
}

// Turns byte offsets of one text into str indices (code points). Offsets
// must be asked for in non-decreasing order, so a whole text costs one pass.
class CharIndex {
 public:
  explicit CharIndex(std::string_view text) : text_(text) {}
  uint64_t at(uint64_t byte) {
    if (byte < byte_) {  // rare (a segment's start after its token's end): start over
      byte_ = 0;
      chars_ = 0;
    }
    for (; byte_ < byte; ++byte_) {
      chars_ += (uint8_t(text_[byte_]) & 0xC0) != 0x80;  // not a continuation byte
    }
    return chars_;
  }

 private:
  std::string_view text_;
  uint64_t byte_ = 0;
  uint64_t chars_ = 0;
};

// Runs f() (which returns a dhad::Status and touches no Python object)
// without the GIL when `text` is long enough for other Python threads to gain
// more than the release and re-acquisition cost; a short text keeps it.
constexpr size_t kReleaseBytes = size_t{64} << 10;

template <typename F>
dhad::Status without_gil(std::string_view text, F f) {
  if (text.size() < kReleaseBytes) return f();
  py::gil_scoped_release release;
  return f();
}

int check_threads(int threads) {
  if (threads < 0) throw py::value_error("threads must be >= 0 (0: one per core)");
  return threads;
}

template <typename T>
T value_or_raise(dhad::Result<T> r) {
  if (!r) raise(r.error());
  return std::move(r).value();
}

class PyPipeline {
 public:
  PyPipeline(const std::string& profile, const std::string& stem, int min_stem, bool split_article,
             const std::string& segment_model, bool correct, const std::string& correct_model,
             double min_confidence, const std::string& classes) {
    dhad::PipelineOptions o;
    o.normalize = value_or_raise(dhad::NormalizeOptions::profile(profile));
    o.stem = value_or_raise(dhad::parse_stem_algorithm(stem));
    if (min_stem < 0) throw py::value_error("min_stem must be 0 or more");
    o.stemming.min_stem_letters = static_cast<unsigned>(min_stem);
    o.segment.split_article = split_article;
    o.segment_model = segment_model;
    o.correct = correct;
    o.correct_model = correct_model;
    if (!(min_confidence >= 0 && min_confidence <= 1)) {
      throw py::value_error("min_confidence must be within [0, 1]");
    }
    o.correction.min_confidence = min_confidence;
    o.correction.classes = value_or_raise(dhad::parse_correct_classes(classes));
    pipeline_.emplace(value_or_raise(dhad::Pipeline::create(o)));
  }

  py::object normalize(py::handle text) const {
    check_str(text.ptr(), "text");
    if (py::object r = normalize_code_points(text.ptr())) return r;
    return text_op(text, &dhad::Pipeline::normalize);
  }
  // The UTF-8 path alone, which tests hold the code-point path to.
  py::object normalize_utf8(py::handle text) const {
    check_str(text.ptr(), "text");
    return text_op(text, &dhad::Pipeline::normalize);
  }
  py::object stem(py::handle text) const { return text_op(text, &dhad::Pipeline::stem); }
  py::object segment(py::handle text) const { return text_op(text, &dhad::Pipeline::segment); }
  py::object tokenize_text(py::handle text) const {
    return text_op(text, &dhad::Pipeline::tokenize_text);
  }

  py::list tokenize(py::handle text) const {
    const std::string_view t = utf8_of(text);
    dhad::Analysis a;
    check(without_gil(t, [&] { return pipeline_->analyze(t, kTokensOnly, &a); }));
    return token_list(t, a);
  }

  py::list sentences(py::handle text) const {
    const std::string_view t = utf8_of(text);
    std::vector<dhad::Sentence> found;
    check(without_gil(t, [&] {
      dhad::SentenceSplitter().split(t, &found);
      return dhad::Status();
    }));
    CharIndex chars(t);
    py::list out(found.size());
    for (size_t i = 0; i < found.size(); ++i) {
      const dhad::Sentence& s = found[i];
      const uint64_t b = chars.at(s.begin), e = chars.at(s.end);
      out[i] = make(types.sentence, {str_of(t.substr(s.begin, s.end - s.begin)), int_of(b),
                                     int_of(e), int_of(s.begin), int_of(s.end)});
    }
    return out;
  }

  py::object correct(py::handle text) const {
    const std::string_view t = utf8_of(text);
    const dhad::Corrector* c = corrector();
    std::vector<dhad::CorrectEdit> edits;
    check(without_gil(t, [&] {
      c->find_edits(t, pipeline_->options().correction, &edits);
      return dhad::Status();
    }));
    std::string fixed;
    apply(t, edits, &fixed);
    CharIndex chars(t);
    py::list list(edits.size());
    for (size_t i = 0; i < edits.size(); ++i) {
      const dhad::CorrectEdit& e = edits[i];
      const uint64_t b = chars.at(e.begin), end = chars.at(e.end);
      list[i] = make(types.edit, {str_of(t.substr(e.begin, e.end - e.begin)), str_of(e.replacement),
                                  str_of(dhad::correct_class_name(e.cls)), py::float_(e.confidence),
                                  int_of(b), int_of(end), int_of(e.begin), int_of(e.end)});
    }
    return make(types.correction, {str_of(fixed), std::move(list)});
  }

  // One record per token, the fields of `dhad analyze`: norm under the
  // profile, segments, the light10 stem and the ISRI root.
  py::list analyze(py::handle text) const {
    const std::string_view t = utf8_of(text);
    dhad::Analysis a;
    check(without_gil(t, [&] { return pipeline_->analyze(t, analyze_fields(), &a); }));
    CharIndex chars(t);
    py::list out(a.size());
    for (size_t i = 0; i < a.size(); ++i) {
      const dhad::Token& k = a.tokens()[i];
      const uint64_t b = chars.at(k.begin), e = chars.at(k.end);
      std::span<const dhad::Segment> segs = a.segments(i);
      py::list pieces(segs.size());
      for (size_t j = 0; j < segs.size(); ++j) {
        const dhad::Segment& s = segs[j];
        const uint64_t sb = k.begin + s.begin, se = k.begin + s.end;
        const uint64_t cb = chars.at(sb), ce = chars.at(se);
        pieces[j] = make(types.segment,
                         {str_of(t.substr(sb, se - sb)), str_of(dhad::segment_role_name(s.role)),
                          int_of(cb), int_of(ce), int_of(sb), int_of(se)});
      }
      out[i] = make(types.analysis, {str_of(dhad::token_kind_name(k.kind)),
                                     str_of(t.substr(k.begin, k.end - k.begin)), int_of(b),
                                     int_of(e), int_of(k.begin), int_of(k.end), str_of(a.norm(i)),
                                     std::move(pieces), str_of(a.light10(i)), str_of(a.root(i))});
    }
    return out;
  }

  // Batch forms: texts[i] -> result i, the GIL released while C++ works.
  py::list run_batch(const std::string& op, py::handle texts, int threads) const {
    threads = check_threads(threads);
    dhad::Pipeline::TextOp o = dhad::Pipeline::TextOp::kNormalize;
    if (op == "correct") {
      corrector();  // the error when built without correction
      o = dhad::Pipeline::TextOp::kCorrect;
    } else if (op == "normalize") {
      o = dhad::Pipeline::TextOp::kNormalize;
    } else if (op == "stem") {
      o = dhad::Pipeline::TextOp::kStem;
    } else if (op == "segment") {
      o = dhad::Pipeline::TextOp::kSegment;
    } else if (op == "tokenize_text") {
      o = dhad::Pipeline::TextOp::kTokenizeText;
    } else {
      throw py::value_error("unknown batch operation '" + op + "'");
    }
    if (o == dhad::Pipeline::TextOp::kNormalize && pipeline_->normalizer().normalizes_ucs2()) {
      return normalize_batch_code_points(texts, threads);
    }
    return batch(o, texts, threads);
  }

  // The batch of run_batch() through UTF-8.
  py::list batch(dhad::Pipeline::TextOp o, py::handle texts, int threads) const {
    Utf8Chunks chunks(texts, threads);
    py::list out(chunks.size());
    std::vector<std::string> results;
    while (chunks.next()) {
      const std::vector<std::string_view>& views = chunks.views();
      dhad::Status s;
      {
        py::gil_scoped_release release;
        s = pipeline_->run_batch(o, views, &results, threads);
      }
      if (!s.ok()) {  // name the text by its index in the whole list
        raise(dhad::Error(
            s.error().code(),
            "(the texts from index " + std::to_string(chunks.begin()) + ") " + s.error().message(),
            s.error().offset()));
      }
      for (size_t i = 0; i < views.size(); ++i) {
        out[chunks.begin() + i] = same_or_str(chunks.text(i), views[i], results[i]);
      }
    }
    return out;
  }

  // The tokens of many texts, found on `threads` threads without the GIL.
  py::list tokenize_batch(py::handle texts, int threads) const {
    threads = check_threads(threads);
    Utf8Chunks chunks(texts, threads);
    py::list out(chunks.size());
    std::vector<dhad::Analysis> found;
    while (chunks.next()) {
      const std::vector<std::string_view>& views = chunks.views();
      dhad::Status s;
      {
        py::gil_scoped_release release;
        s = pipeline_->analyze_batch(views, kTokensOnly, &found, threads);
      }
      check(s);
      for (size_t i = 0; i < views.size(); ++i) {
        out[chunks.begin() + i] = token_list(views[i], found[i]);
      }
    }
    return out;
  }

 private:
  // normalize() of a two-byte str (most text with Arabic in it) or a
  // four-byte one (any character past U+FFFF, an emoji, makes one of the
  // whole text) from code points into code points (Normalizer::normalize_ucs2,
  // normalize_ucs4): neither encoded to UTF-8 nor decoded back, which costs
  // more than normalizing. A null object when that path does not apply (a
  // one-byte str, rules it cannot do in place, a surrogate): then the UTF-8
  // path decides, errors included.
  py::object normalize_code_points(PyObject* s) const {
    if (!pipeline_->normalizer().normalizes_ucs2()) return {};
    switch (PyUnicode_KIND(s)) {
      case PyUnicode_2BYTE_KIND:
        return normalize_kind<char16_t>(s, 0xFFFF, 0xFF, &dhad::Normalizer::normalize_ucs2);
      case PyUnicode_4BYTE_KIND:
        return normalize_kind<char32_t>(s, 0x10FFFF, 0xFFFF, &dhad::Normalizer::normalize_ucs4);
      default:
        return {};
    }
  }

  template <typename Unit>
  py::object normalize_kind(PyObject* s, Py_UCS4 max_char, Py_UCS4 narrower_max,
                            std::optional<size_t> (dhad::Normalizer::*fold)(
                                std::basic_string_view<Unit>, Unit*) const) const {
    const dhad::Normalizer& n = pipeline_->normalizer();
    const auto size = size_t(PyUnicode_GET_LENGTH(s));
    const std::basic_string_view<Unit> in(static_cast<const Unit*>(PyUnicode_DATA(s)), size);
    PyObject* out = PyUnicode_New(Py_ssize_t(size), max_char);
    if (out == nullptr) throw py::error_already_set();
    auto* o = static_cast<Unit*>(PyUnicode_DATA(out));
    std::optional<size_t> written;
    if (sizeof(Unit) * size < kReleaseBytes) {
      written = (n.*fold)(in, o);
    } else {
      py::gil_scoped_release release;
      written = (n.*fold)(in, o);
    }
    if (!written) {
      Py_DECREF(out);
      return {};
    }
    if (*written == size && std::equal(in.begin(), in.end(), o)) {  // unchanged: the input itself
      Py_DECREF(out);
      return py::reinterpret_borrow<py::object>(s);
    }
    // A str must be of the narrowest kind that holds it: when folding and
    // deleting took away every code point that needed this kind, a copy
    // makes the narrower str.
    Unit* const end = o + *written;
    if (std::all_of(o, end, [&](Unit c) { return c <= narrower_max; })) {
      PyObject* narrow = PyUnicode_FromKindAndData(PyUnicode_KIND(out), o, Py_ssize_t(*written));
      Py_DECREF(out);
      if (narrow == nullptr) throw py::error_already_set();
      return py::reinterpret_steal<py::object>(narrow);
    }
    if (*written < size && PyUnicode_Resize(&out, Py_ssize_t(*written)) < 0) {
      Py_XDECREF(out);
      throw py::error_already_set();
    }
    return py::reinterpret_steal<py::object>(out);
  }

  // normalize_batch where normalize_code_points applies: each str it takes on that
  // path (it runs at memory speed, so threads would gain little: a new str
  // needs the GIL), the rest through the UTF-8 batch on `threads` threads.
  py::list normalize_batch_code_points(py::handle texts, int threads) const {
    const py::list list = text_list(texts);
    py::list out(list.size());
    py::list rest;
    std::vector<size_t> rest_at;
    for (size_t i = 0; i < list.size(); ++i) {
      if (py::object r = normalize_code_points(list[i].ptr())) {
        out[i] = std::move(r);
      } else {
        rest.append(list[i]);
        rest_at.push_back(i);
      }
    }
    if (!rest_at.empty()) {
      const py::list done = batch(dhad::Pipeline::TextOp::kNormalize, rest, threads);
      for (size_t k = 0; k < rest_at.size(); ++k) out[rest_at[k]] = done[k];
    }
    return out;
  }

  static py::list token_list(std::string_view text, const dhad::Analysis& a) {
    CharIndex chars(text);
    py::list out(a.size());
    for (size_t i = 0; i < a.size(); ++i) {
      const dhad::Token& k = a.tokens()[i];
      const uint64_t b = chars.at(k.begin), e = chars.at(k.end);
      out[i] = make(types.token, {str_of(dhad::token_kind_name(k.kind)),
                                  str_of(text.substr(k.begin, k.end - k.begin)), int_of(b),
                                  int_of(e), int_of(k.begin), int_of(k.end)});
    }
    return out;
  }

  static constexpr dhad::AnalyzeFields kTokensOnly{false, false, false, false, false};
  static dhad::AnalyzeFields analyze_fields() {
    dhad::AnalyzeFields f;
    f.stem = false;  // `dhad analyze` gives the light10 stem whatever --algorithm says
    f.light10 = f.root = true;
    return f;
  }

  const dhad::Corrector* corrector() const {
    const dhad::Corrector* c = pipeline_->corrector();
    if (c == nullptr) throw py::value_error("this Pipeline was built with correct=False");
    return c;
  }

  static void apply(std::string_view text, const std::vector<dhad::CorrectEdit>& edits,
                    std::string* out) {
    size_t at = 0;
    for (const dhad::CorrectEdit& e : edits) {
      out->append(text.substr(at, e.begin - at));
      out->append(e.replacement);
      at = e.end;
    }
    out->append(text.substr(at));
  }

  using TextCall = dhad::Status (dhad::Pipeline::*)(std::string_view, std::string*,
                                                    const dhad::TextContext&,
                                                    dhad::TextStats*) const;
  py::object text_op(py::handle text, TextCall call) const {
    const std::string_view t = utf8_of(text);
    std::string out;
    check(without_gil(t, [&] { return ((*pipeline_).*call)(t, &out, {}, nullptr); }));
    return same_or_str(text, t, out);
  }

  std::optional<dhad::Pipeline> pipeline_;  // set by the constructor; optional: no default ctor
};

}  // namespace

PYBIND11_MODULE(_dhad, m) {
  m.doc() = "dhad's C++ engine; use the `dhad` package, not this module";
  m.attr("__version__") = std::string(dhad::version());

  m.def("_set_types",
        [](py::object token, py::object sentence, py::object edit, py::object correction,
           py::object segment, py::object analysis, py::object dhad_error, py::object model_error) {
          for (PyObject** slot :
               {&types.token, &types.sentence, &types.edit, &types.correction, &types.segment,
                &types.analysis, &types.dhad_error, &types.model_error}) {
            Py_XDECREF(*slot);
          }
          types = {token.release().ptr(),      sentence.release().ptr(),   edit.release().ptr(),
                   correction.release().ptr(), segment.release().ptr(),    analysis.release().ptr(),
                   dhad_error.release().ptr(), model_error.release().ptr()};
        });

  py::class_<PyPipeline>(m, "Pipeline")
      .def(py::init<const std::string&, const std::string&, int, bool, const std::string&, bool,
                    const std::string&, double, const std::string&>(),
           py::arg("profile"), py::arg("stem"), py::arg("min_stem"), py::arg("split_article"),
           py::arg("segment_model"), py::arg("correct"), py::arg("correct_model"),
           py::arg("min_confidence"), py::arg("classes"))
      .def("normalize", &PyPipeline::normalize, py::arg("text"))
      .def("_normalize_utf8", &PyPipeline::normalize_utf8, py::arg("text"))
      .def("stem", &PyPipeline::stem, py::arg("text"))
      .def("segment", &PyPipeline::segment, py::arg("text"))
      .def("tokenize_text", &PyPipeline::tokenize_text, py::arg("text"))
      .def("tokenize", &PyPipeline::tokenize, py::arg("text"))
      .def("sentences", &PyPipeline::sentences, py::arg("text"))
      .def("correct", &PyPipeline::correct, py::arg("text"))
      .def("analyze", &PyPipeline::analyze, py::arg("text"))
      .def("run_batch", &PyPipeline::run_batch, py::arg("op"), py::arg("texts"), py::arg("threads"))
      .def("tokenize_batch", &PyPipeline::tokenize_batch, py::arg("texts"), py::arg("threads"));
}
