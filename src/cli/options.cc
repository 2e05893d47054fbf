#include "cli/options.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "cli/command_table.h"

namespace dhad::cli {
namespace {

constexpr std::string_view kTopIntro =
    "usage: dhad <command> [options] [FILE...]\n"
    "\n"
    "dhad cleans, normalizes, tokenizes and splits Arabic text, streaming, at memory speed.\n"
    "FILE '-' or no FILE reads stdin; output goes to stdout or -o FILE.\n"
    "\n"
    "commands:\n";

constexpr std::string_view kTopOutro =
    "\n"
    "exit status: 0 ok, 1 bad input, 2 usage, 3 I/O error, 4 bad model\n"
    "\n"
    "examples:\n"
    "  dhad normalize --profile lucene news.txt -o news.norm.txt\n"
    "  echo 'نحو ٣٥٠الف نسمة' | dhad tokenize --format jsonl\n"
    "  dhad sentences article.txt | head\n"
    "  echo 'والمدرسة بالكتابين يكتبون' | dhad analyze --format tsv\n";

constexpr std::string_view kCommonHelp =
    "common options:\n"
    "  -o, --output FILE        write here instead of stdout\n"
    "  --field NAME             input is JSONL: process the string field NAME of each record\n"
    "  --on-error fail|skip     a malformed JSONL record, or one over 8 MiB: stop (default)\n"
    "                           or skip it (counted on stderr; the others are kept)\n"
    "  -j, --jobs N             threads (default 1); output order = input order\n"
    "  --progress auto|always|never\n"
    "                           progress bar on stderr (auto: when stderr is a terminal\n"
    "                           and the input is a file)\n"
    "  --invalid-utf8 replace|strict|keep\n"
    "                           replace (default): each invalid sequence becomes U+FFFD and\n"
    "                           the count is reported on stderr; strict: fail at the first\n"
    "                           invalid byte, naming its offset; keep: pass bytes through\n"
    "                           (JSON output shows U+FFFD and \"invalid_utf8\": true)\n"
    "  -h, --help               this help\n";

constexpr std::string_view kNormalizeRulesHelp =
    "normalization:\n"
    "  --profile P              light (default) | lucene | camel | search\n"
    "      light   presentation forms, tatweel, invisible/bidi controls, Unicode spaces,\n"
    "              whitespace runs: meaning-preserving cleanup only\n"
    "      lucene  exactly Lucene's ArabicNormalizer (آ أ إ→ا ى→ي ة→ه, no tatweel/harakat)\n"
    "      camel   exactly CAMeL Tools dediac_ar + normalize_alef/alef_maksura/teh_marbuta\n"
    "      search  every rule below\n"
    "  --enable R[,R...]        add rules to the profile\n"
    "  --disable R[,R...]       remove rules from the profile\n"
    "  rules: presentation_forms tatweel harakat dagger_alef quranic_marks invisibles\n"
    "         spaces collapse_whitespace persian digits punctuation alef alef_wasla\n"
    "         alef_maksura teh_marbuta hamza_seats\n";

std::string top_help() {
  std::string h(kTopIntro);
  for (const CommandInfo& c : command_table()) {
    std::string name(c.name);
    if (name == "help") name += " [CMD]";
    h += "  " + name + std::string(name.size() < 12 ? 12 - name.size() : 1, ' ') +
         std::string(c.summary) + "\n";
  }
  h += kTopOutro;
  return h;
}

std::string command_help(std::string_view command) {
  const CommandInfo* c = find_command(command);
  if (c == nullptr || c->name == "help") return top_help();
  std::string h(c->help);
  if (c->make == nullptr) return h;  // version
  if (c->options & kOptNormalize) h += kNormalizeRulesHelp;
  h += "\n";
  h += kCommonHelp;
  return h;
}

// The kOpt* bit of an option name (0: every command takes it).
uint32_t option_bit(std::string_view name) {
  if (name == "-o" || name == "--output") return kOptOutput;
  if (name == "--format") return kOptFormat;
  if (name == "--field") return kOptField;
  if (name == "-j" || name == "--jobs") return kOptJobs;
  if (name == "--progress") return kOptProgress;
  if (name == "--invalid-utf8") return kOptInvalidUtf8;
  if (name == "--on-error") return kOptOnError;
  if (name == "--profile" || name == "--enable" || name == "--disable") return kOptNormalize;
  if (name == "--algorithm" || name == "--min-stem") return kOptAlgorithm;
  if (name == "--model") return kOptModel;
  if (name == "--split-article") return kOptSplitArticle;
  if (name == "--min-confidence" || name == "--classes" || name == "--weights") return kOptCorrect;
  if (name == "--correct") return kOptCorrectField;
  if (name == "--lexicon" || name == "--min-count") return kOptLearn;
  return 0;
}

Error usage(std::string message) { return Error(ErrorCode::kInvalidArgument, std::move(message)); }

// --weights NAME=VALUE,...: the corrector's channel costs (CorrectWeights).
Status parse_weights(std::string_view list, CorrectWeights* w) {
  struct Named {
    std::string_view name;
    double* value;
  };
  double rare = w->rare_count, min_candidate = w->min_candidate_count;
  double min_inflected = w->min_inflected_count;
  const Named names[] = {{"hamza_add", &w->hamza_add},
                         {"hamza_change", &w->hamza_change},
                         {"alef_maqsura", &w->alef_maqsura},
                         {"ta_marbuta", &w->ta_marbuta},
                         {"split", &w->split},
                         {"edit", &w->edit},
                         {"edit_near", &w->edit_near},
                         {"unknown_word", &w->unknown_word},
                         {"unknown_variant", &w->unknown_variant},
                         {"unknown_long", &w->unknown_long},
                         {"known_bonus", &w->known_bonus},
                         {"lexicon_bonus", &w->lexicon_bonus},
                         {"rare_count", &rare},
                         {"min_candidate_count", &min_candidate},
                         {"inflected_bonus", &w->inflected_bonus},
                         {"final_inside", &w->final_inside},
                         {"respelled_word", &w->respelled_word},
                         {"spelled_nearby", &w->spelled_nearby},
                         {"dictionary_word", &w->dictionary_word},
                         {"unspelled_split", &w->unspelled_split},
                         {"clitic_variant", &w->clitic_variant},
                         {"min_inflected_count", &min_inflected}};
  while (!list.empty()) {
    const size_t comma = list.find(',');
    const std::string_view item = list.substr(0, comma);
    const size_t eq = item.find('=');
    const Named* found = nullptr;
    for (const Named& n : names) {
      if (eq != std::string_view::npos && item.substr(0, eq) == n.name) found = &n;
    }
    const std::string number(eq == std::string_view::npos ? "" : item.substr(eq + 1));
    char* end = nullptr;
    const double x = std::strtod(number.c_str(), &end);
    if (found == nullptr || number.empty() || end != number.c_str() + number.size() ||
        !std::isfinite(x)) {
      return usage("--weights: '" + std::string(item) +
                   "' is not NAME=NUMBER with a name of dhad correct --help");
    }
    *found->value = x;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  w->rare_count = int(rare);
  w->min_candidate_count = int(min_candidate);
  w->min_inflected_count = int(min_inflected);
  return {};
}

Status apply_rules(std::string_view list, bool on, NormalizeOptions* options) {
  const std::string option = on ? "--enable" : "--disable";
  if (list.empty()) return usage(option + " needs a rule name (see dhad normalize --help)");
  while (true) {
    const size_t comma = list.find(',');
    const std::string_view name = list.substr(0, comma);
    if (name.empty()) {
      return usage(option + ": empty rule name in the list (see dhad normalize --help)");
    }
    Result<Rule> rule = parse_rule(name);
    if (!rule) return rule.error();
    options->set(*rule, on);
    if (comma == std::string_view::npos) return {};
    list = list.substr(comma + 1);
  }
}

}  // namespace

bool is_command(std::string_view name) { return find_command(name) != nullptr; }

std::string help_text(std::string_view command) { return command_help(command); }

Result<Options> parse_options(const std::vector<std::string_view>& args) {
  Options o;
  if (args.empty()) return usage("no command given (try: dhad --help)");
  size_t i = 0;
  if (args[0] == "--help" || args[0] == "-h") {
    o.command = "help";
    return o;
  }
  if (args[0] == "--version") {
    o.command = "version";
    return o;
  }
  if (!is_command(args[0])) {
    return usage("unknown command '" + std::string(args[0]) + "' (try: dhad --help)");
  }
  o.command = std::string(args[i++]);
  if (o.command == "help") {
    // dhad help CMD; `dhad help --help` is the top-level help like `dhad --help`.
    if (i < args.size() && args[i] != "--help" && args[i] != "-h") o.files.emplace_back(args[i]);
    return o;
  }
  std::vector<std::pair<std::string_view, bool>> rule_edits;
  std::vector<std::string_view> given;  // options seen, to check they apply
  bool options_done = false;
  for (; i < args.size(); ++i) {
    std::string_view a = args[i];
    if (options_done || a == "-" || a.empty() || a[0] != '-') {
      o.files.emplace_back(a);
      continue;
    }
    if (a == "--") {
      options_done = true;
      continue;
    }
    std::string_view name = a;
    std::string_view value;
    bool has_value = false;
    if (a.substr(0, 2) == "--") {
      if (size_t eq = a.find('='); eq != std::string_view::npos) {
        name = a.substr(0, eq);
        value = a.substr(eq + 1);
        has_value = true;
      }
    }
    auto take = [&]() -> Result<std::string_view> {
      if (has_value) return value;
      if (i + 1 >= args.size()) return usage("option " + std::string(name) + " needs a value");
      return args[++i];
    };
    if (name == "-h" || name == "--help") {
      o.help = true;
      continue;
    }
    if (name == "--split-article") {
      o.split_article = true;
      given.push_back(name);
      continue;
    }
    if (name == "--correct") {
      o.correct = true;
      given.push_back(name);
      continue;
    }
    // -j4 is -j 4, as in make.
    if (a.size() > 2 && a.substr(0, 2) == "-j" && a[2] >= '0' && a[2] <= '9') {
      name = "-j";
      value = a.substr(2);
      has_value = true;
    }
    static constexpr std::array<std::string_view, 20> kValued = {
        "-o",        "--output",   "--format",       "--field",     "-j",
        "--jobs",    "--progress", "--invalid-utf8", "--profile",   "--enable",
        "--disable", "--on-error", "--algorithm",    "--model",     "--min-confidence",
        "--classes", "--weights",  "--lexicon",      "--min-count", "--min-stem"};
    bool known = false;
    for (std::string_view k : kValued) known |= k == name;
    if (!known || o.command == "version") {
      return usage("unknown option '" + std::string(a) + "' (see dhad " + o.command + " --help)");
    }
    Result<std::string_view> v = take();
    if (!v) return v.error();
    const std::string_view val = *v;
    given.push_back(name);
    if (name == "-o" || name == "--output") {
      o.output = std::string(val);
    } else if (name == "--format") {
      if (val == "text")
        o.format = Format::kText;
      else if (val == "jsonl")
        o.format = Format::kJsonl;
      else if (val == "tsv")
        o.format = Format::kTsv;
      else
        return usage("unknown --format '" + std::string(val) + "' (want text, jsonl or tsv)");
      o.format_given = true;
    } else if (name == "--field") {
      if (val.empty()) return usage("--field needs a field name");
      o.field = std::string(val);
    } else if (name == "-j" || name == "--jobs") {
      int n = 0;
      auto [p, ec] = std::from_chars(val.data(), val.data() + val.size(), n);
      if (ec != std::errc() || p != val.data() + val.size() || n < 1 || n > 256) {
        return usage("-j wants a number of threads from 1 to 256, not '" + std::string(val) + "'");
      }
      o.jobs = n;
    } else if (name == "--progress") {
      if (val == "auto")
        o.progress = Progress::kAuto;
      else if (val == "always")
        o.progress = Progress::kAlways;
      else if (val == "never")
        o.progress = Progress::kNever;
      else
        return usage("unknown --progress '" + std::string(val) + "' (want auto, always or never)");
    } else if (name == "--invalid-utf8") {
      Result<InvalidUtf8> p = parse_invalid_utf8(val);
      if (!p) return p.error();
      o.invalid_utf8 = *p;
    } else if (name == "--profile") {
      Result<NormalizeOptions> p = NormalizeOptions::profile(val);
      if (!p) return p.error();
      o.profile = std::string(val);
      o.normalize = *p;
    } else if (name == "--enable" || name == "--disable") {
      rule_edits.emplace_back(val, name == "--enable");
    } else if (name == "--algorithm") {
      Result<StemAlgorithm> a = parse_stem_algorithm(val);
      if (!a) return a.error();
      o.stem_algorithm = *a;
    } else if (name == "--min-stem") {
      unsigned n = 0;
      auto [p, ec] = std::from_chars(val.data(), val.data() + val.size(), n);
      if (ec != std::errc() || p != val.data() + val.size()) {
        return usage("--min-stem wants a number of letters, not '" + std::string(val) + "'");
      }
      o.min_stem = n;
    } else if (name == "--model") {
      if (val.empty()) return usage("--model needs a file name");
      o.model = std::string(val);
    } else if (name == "--min-confidence") {
      const std::string s(val);
      char* end = nullptr;
      const double x = std::strtod(s.c_str(), &end);
      if (s.empty() || end != s.c_str() + s.size() || !(x >= 0 && x <= 1)) {
        return usage("--min-confidence wants a number from 0 to 1, not '" + s + "'");
      }
      o.min_confidence = x;
    } else if (name == "--classes") {
      Result<uint32_t> c = parse_correct_classes(val);
      if (!c) return c.error();
      o.classes = *c;
    } else if (name == "--weights") {
      if (Status s = parse_weights(val, &o.weights); !s) return s.error();
    } else if (name == "--lexicon") {
      if (val.empty()) return usage("--lexicon needs a file name");
      o.lexicon = std::string(val);
    } else if (name == "--min-count") {
      uint32_t n = 0;
      auto [p, ec] = std::from_chars(val.data(), val.data() + val.size(), n);
      if (ec != std::errc() || p != val.data() + val.size() || n < 1) {
        return usage("--min-count wants a whole number from 1, not '" + std::string(val) + "'");
      }
      o.min_count = n;
    } else if (name == "--on-error") {
      if (val == "fail")
        o.on_error = OnError::kFail;
      else if (val == "skip")
        o.on_error = OnError::kSkip;
      else
        return usage("unknown --on-error '" + std::string(val) + "' (want fail or skip)");
    }
  }
  // An option that would do nothing here is a mistake worth reporting.
  const CommandInfo& command = *find_command(o.command);
  for (std::string_view name : given) {
    if ((command.options & option_bit(name)) == 0) {
      return usage(std::string(name) + " does not apply to " + o.command + " (see dhad " +
                   o.command + " --help)");
    }
    if (name == "--on-error" && o.field.empty()) {
      return usage("--on-error applies to JSONL records: give --field too");
    }
    if (o.command == "analyze" && option_bit(name) == kOptCorrect && !o.correct) {
      return usage(std::string(name) + " applies to analyze --correct: give --correct too");
    }
  }
  // Rule edits apply on top of the profile, whatever the order on the line.
  for (const auto& [list, on] : rule_edits) {
    if (Status s = apply_rules(list, on, &o.normalize); !s) return s.error();
  }
  if (o.command == "learn" && !o.help && (o.output.empty() || o.output == "-")) {
    return usage("learn writes a model file: give -o MODEL");
  }
  if (o.command == "learn" && o.format_given) {
    return usage("--format does not apply to learn (it writes a model file)");
  }
  if (o.command == "analyze") {
    if (o.format_given && o.format == Format::kText) {
      return usage("analyze writes records: --format jsonl or tsv");
    }
    if (!o.format_given) o.format = Format::kJsonl;
    o.format_given = true;
  }
  return o;
}

}  // namespace dhad::cli
