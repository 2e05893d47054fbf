// dhad correct: the text with its misspellings fixed, or the list of fixes.
#include "dhad/correct.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/command_table.h"
#include "cli/stream_command.h"

namespace dhad::cli {
namespace {

constexpr size_t kMaxLine = size_t{1} << 20;

class CorrectCommand : public StreamCommand {
 public:
  CorrectCommand(const Options& options, const Pipeline& pipeline, bool several_files)
      : StreamCommand(options, pipeline, several_files, /*text_in_field=*/true) {}

  std::string header() const override {
    return tsv_header("begin\tend\ttext\treplacement\tclass\tconfidence");
  }

  // A word is decided with its neighbours: lines are never cut short of
  // kMaxLine, so that where blocks end changes no decision. (A longer line is
  // cut, and the words at a cut lose a neighbour.)
  BlockPolicy block_policy() const override {
    BlockPolicy p = StreamCommand::block_policy();
    p.whole_lines = true;
    p.max_piece = std::max(p.max_piece, kMaxLine);
    return p;
  }

 protected:
  void handle(const Unit& unit, const std::string& file, std::string_view record,
              BlockResult* result, const jsonl::StringField* field) const override {
    const Corrector& corrector = *pipeline_.corrector();
    const CorrectOptions& options = pipeline_.options().correction;
    std::string replaced;  // --field: the field's new text
    std::string* text_out = field != nullptr ? &replaced : &result->out;
    thread_local std::vector<CorrectEdit> edits;
    edits.clear();
    corrector.find_edits(unit.text, options, &edits);
    // A word cut by a block edge is only a piece of a word: left alone.
    std::erase_if(edits, [&](const CorrectEdit& e) { return unit.piece(e.begin, e.end); });
    if (format() == Format::kText) {
      size_t at = 0;
      for (const CorrectEdit& e : edits) {
        append_text(unit, unit.text.substr(at, e.begin - at), text_out);
        text_out->append(e.replacement);
        at = e.end;
      }
      append_text(unit, unit.text.substr(at), text_out);
      if (field == nullptr) {
        result->maybe_flush();
      } else {
        write_record(unit, record, *field, replaced, &result->out);
      }
      return;
    }
    for (const CorrectEdit& e : edits) {
      write_edit(unit, file, e, &result->out);
      result->maybe_flush();
    }
  }

 private:
  // One record per correction (they are few: no need for RecordWriter's speed).
  void write_edit(const Unit& slice, const std::string& file, const CorrectEdit& e,
                  std::string* out) const {
    const std::string_view text = slice.text.substr(e.begin, e.end - e.begin);
    char confidence[32];
    std::snprintf(confidence, sizeof confidence, "%.3f", e.confidence);
    const std::string begin = std::to_string(slice.base + e.begin);
    const std::string end = std::to_string(slice.base + e.end);
    if (format() == Format::kTsv) {
      for (std::string_view cell :
           {std::string_view(begin), std::string_view(end), text, std::string_view(e.replacement),
            correct_class_name(e.cls), std::string_view(confidence)}) {
        if (cell.data() != begin.data()) out->push_back('\t');
        append_tsv_cell(cell, out);
      }
      if (several_files_) {
        out->push_back('\t');
        append_tsv_cell(file, out);
      }
      if (slice.record >= 0) out->append("\t" + std::to_string(slice.record));
      out->push_back('\n');
      return;
    }
    out->append("{\"begin\":" + begin + ",\"end\":" + end + ",\"text\":");
    jsonl::append_json_string(text, out);
    out->append(",\"replacement\":");
    jsonl::append_json_string(e.replacement, out);
    out->append(",\"class\":\"");
    out->append(correct_class_name(e.cls));
    out->append("\",\"confidence\":");
    out->append(confidence);
    if (several_files_) {
      out->append(",\"file\":");
      jsonl::append_json_string(file, out);
    }
    if (slice.record >= 0) out->append(",\"record\":" + std::to_string(slice.record));
    out->append("}\n");
  }
};

}  // namespace

std::unique_ptr<Command> make_correct_command(const Options& options, Pipeline pipeline,
                                              bool several_files) {
  return std::make_unique<WithPipeline<CorrectCommand>>(options, std::move(pipeline),
                                                        several_files);
}

}  // namespace dhad::cli
