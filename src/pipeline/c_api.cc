// The C API over dhad::Pipeline: options parsed from "key=value" words, every
// call behind a catch-all so no exception crosses, messages kept per thread.
#include "dhad/c_api.h"

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <string_view>

#include "dhad/pipeline.h"
#include "dhad/version.h"

struct dhad_pipeline {
  dhad::Pipeline pipeline;
};

namespace {

thread_local std::string g_last_error;

dhad_status fail(dhad_status status, std::string message) {
  g_last_error = std::move(message);
  return status;
}

dhad_status fail(const dhad::Error& e) {
  return fail(static_cast<dhad_status>(static_cast<int>(e.code())), e.message());
}

// Runs body() and turns what it throws into a status.
template <typename Body>
dhad_status guarded(Body body) {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return fail(DHAD_OUT_OF_MEMORY, "out of memory");
  } catch (...) {
    return fail(DHAD_INTERNAL_ERROR, "internal error");
  }
}

dhad::Result<dhad::PipelineOptions> parse_options(std::string_view spec) {
  dhad::PipelineOptions o;
  std::vector<std::pair<std::string_view, bool>> rule_edits;
  while (!spec.empty()) {
    const size_t start = spec.find_first_not_of(' ');
    if (start == std::string_view::npos) break;
    spec.remove_prefix(start);
    const size_t end = std::min(spec.find(' '), spec.size());
    const std::string_view word = spec.substr(0, end);
    spec.remove_prefix(end);
    const size_t eq = word.find('=');
    if (eq == std::string_view::npos) {
      return dhad::Error(dhad::ErrorCode::kInvalidArgument,
                         "option '" + std::string(word) + "' is not key=value");
    }
    const std::string_view key = word.substr(0, eq), value = word.substr(eq + 1);
    if (key == "profile") {
      dhad::Result<dhad::NormalizeOptions> p = dhad::NormalizeOptions::profile(value);
      if (!p) return p.error();
      o.normalize = *p;
    } else if (key == "enable" || key == "disable") {
      rule_edits.emplace_back(value, key == "enable");
    } else if (key == "invalid_utf8") {
      dhad::Result<dhad::InvalidUtf8> p = dhad::parse_invalid_utf8(value);
      if (!p) return p.error();
      o.invalid_utf8 = *p;
    } else if (key == "stem") {
      dhad::Result<dhad::StemAlgorithm> a = dhad::parse_stem_algorithm(value);
      if (!a) return a.error();
      o.stem = *a;
    } else if (key == "min_stem") {
      unsigned n = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (value.empty() || ec != std::errc() || end != value.data() + value.size()) {
        return dhad::Error(dhad::ErrorCode::kInvalidArgument,
                           "min_stem wants a number of letters, not '" + std::string(value) + "'");
      }
      o.stemming.min_stem_letters = n;
    } else if (key == "model") {
      o.segment_model = std::string(value);
    } else if (key == "split_article" && (value == "0" || value == "1")) {
      o.segment.split_article = value == "1";
    } else if (key == "correct" && (value == "0" || value == "1")) {
      o.correct = value == "1";
    } else if (key == "correct_model") {
      o.correct_model = std::string(value);
    } else if (key == "correct_classes") {
      dhad::Result<uint32_t> c = dhad::parse_correct_classes(value);
      if (!c) return c.error();
      o.correction.classes = *c;
    } else if (key == "min_confidence") {
      const std::string v(value);
      char* end = nullptr;
      const double x = std::strtod(v.c_str(), &end);
      if (v.empty() || end != v.c_str() + v.size() || !(x >= 0 && x <= 1)) {
        return dhad::Error(dhad::ErrorCode::kInvalidArgument,
                           "min_confidence wants a number from 0 to 1, not '" + v + "'");
      }
      o.correction.min_confidence = x;
    } else {
      return dhad::Error(dhad::ErrorCode::kInvalidArgument,
                         "unknown option '" + std::string(word) + "'");
    }
  }
  // Rule edits apply on top of the profile, whatever their order.
  for (auto [list, on] : rule_edits) {
    while (true) {
      const size_t comma = list.find(',');
      dhad::Result<dhad::Rule> rule = dhad::parse_rule(list.substr(0, comma));
      if (!rule) return rule.error();
      o.normalize.set(*rule, on);
      if (comma == std::string_view::npos) break;
      list.remove_prefix(comma + 1);
    }
  }
  return o;
}

bool bad_arguments(const dhad_pipeline* p, const char* text, size_t size, const void* out) {
  return p == nullptr || out == nullptr || (text == nullptr && size > 0);
}

// The text call `call` of the pipeline, into a new dhad_text.
template <typename Call>
dhad_status text_call(const dhad_pipeline* p, const char* text, size_t size, dhad_text* out,
                      Call call) {
  if (bad_arguments(p, text, size, out)) {
    return fail(DHAD_INVALID_ARGUMENT, "a NULL pipeline, text or output");
  }
  out->data = nullptr;
  out->size = 0;
  return guarded([&] {
    std::string result;
    const std::string_view in = size == 0 ? std::string_view() : std::string_view(text, size);
    if (dhad::Status s = call(p->pipeline, in, &result); !s) return fail(s.error());
    char* data = static_cast<char*>(std::malloc(result.size() + 1));
    if (data == nullptr) return fail(DHAD_OUT_OF_MEMORY, "out of memory");
    std::memcpy(data, result.data(), result.size());
    data[result.size()] = '\0';
    out->data = data;
    out->size = result.size();
    return DHAD_OK;
  });
}

}  // namespace

extern "C" {

dhad_status dhad_pipeline_create(const char* options, dhad_pipeline** out) {
  if (out == nullptr) return fail(DHAD_INVALID_ARGUMENT, "a NULL output");
  *out = nullptr;
  return guarded([&] {
    dhad::Result<dhad::PipelineOptions> o = parse_options(options == nullptr ? "" : options);
    if (!o) return fail(o.error());
    dhad::Result<dhad::Pipeline> p = dhad::Pipeline::create(*o);
    if (!p) return fail(p.error());
    *out = new dhad_pipeline{std::move(*p)};
    return DHAD_OK;
  });
}

void dhad_pipeline_free(dhad_pipeline* pipeline) { delete pipeline; }

dhad_status dhad_normalize(const dhad_pipeline* p, const char* text, size_t size, dhad_text* out) {
  return text_call(p, text, size, out,
                   [](const dhad::Pipeline& pl, std::string_view t, std::string* o) {
                     return pl.normalize(t, o);
                   });
}

dhad_status dhad_tokenize_text(const dhad_pipeline* p, const char* text, size_t size,
                               dhad_text* out) {
  return text_call(p, text, size, out,
                   [](const dhad::Pipeline& pl, std::string_view t, std::string* o) {
                     return pl.tokenize_text(t, o);
                   });
}

dhad_status dhad_stem(const dhad_pipeline* p, const char* text, size_t size, dhad_text* out) {
  return text_call(
      p, text, size, out,
      [](const dhad::Pipeline& pl, std::string_view t, std::string* o) { return pl.stem(t, o); });
}

dhad_status dhad_segment(const dhad_pipeline* p, const char* text, size_t size, dhad_text* out) {
  return text_call(p, text, size, out,
                   [](const dhad::Pipeline& pl, std::string_view t, std::string* o) {
                     return pl.segment(t, o);
                   });
}

dhad_status dhad_correct(const dhad_pipeline* p, const char* text, size_t size, dhad_text* out) {
  return text_call(p, text, size, out,
                   [](const dhad::Pipeline& pl, std::string_view t, std::string* o) {
                     return pl.correct(t, o);
                   });
}

dhad_status dhad_tokenize(const dhad_pipeline* p, const char* text, size_t size,
                          dhad_token** tokens, size_t* count) {
  if (bad_arguments(p, text, size, tokens) || count == nullptr) {
    return fail(DHAD_INVALID_ARGUMENT, "a NULL pipeline, text or output");
  }
  *tokens = nullptr;
  *count = 0;
  return guarded([&] {
    dhad::Analysis analysis;
    dhad::AnalyzeFields fields;
    fields.norm = fields.segments = fields.stem = false;
    const std::string_view in = size == 0 ? std::string_view() : std::string_view(text, size);
    if (dhad::Status s = p->pipeline.analyze(in, fields, &analysis); !s) return fail(s.error());
    if (analysis.size() == 0) return DHAD_OK;
    auto* array = static_cast<dhad_token*>(std::malloc(analysis.size() * sizeof(dhad_token)));
    if (array == nullptr) return fail(DHAD_OUT_OF_MEMORY, "out of memory");
    for (size_t i = 0; i < analysis.size(); ++i) {
      const dhad::Token& t = analysis.tokens()[i];
      array[i] = dhad_token{t.begin, t.end, static_cast<int>(t.kind)};
    }
    *tokens = array;
    *count = analysis.size();
    return DHAD_OK;
  });
}

const char* dhad_token_kind_name(int kind) {
  if (kind < 0 || kind > static_cast<int>(dhad::TokenKind::kOther)) return "";
  return dhad::token_kind_name(static_cast<dhad::TokenKind>(kind)).data();
}

void dhad_free(void* memory) { std::free(memory); }

const char* dhad_last_error(void) { return g_last_error.c_str(); }

const char* dhad_version(void) {
  static const std::string version(dhad::version());
  return version.c_str();
}

}  // extern "C"
