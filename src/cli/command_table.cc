// The dhad CLI's commands, one row each: name, summary for dhad --help, the
// options it accepts, its --help text, and how to make it. Option parsing,
// help and dispatch all read this table: a new command is its own file in
// src/cli/commands/ plus one row here.
#include "cli/command_table.h"

#include <array>

namespace dhad::cli {
namespace {

constexpr uint32_t kStreaming =
    kOptOutput | kOptField | kOptJobs | kOptProgress | kOptInvalidUtf8 | kOptOnError;

const std::array<CommandInfo, 10> kCommands = {{
    {"normalize", "clean up and fold text (--profile light|lucene|camel|search)",
     kStreaming | kOptNormalize,
     "usage: dhad normalize [options] [FILE...]\n\n"
     "Writes the input normalized, line for line (line breaks are never changed).\n"
     "With --field, replaces that field of each JSONL record and keeps the others.\n\n"
     "example:\n  printf 'أحمد ﻻ\\n' | dhad normalize --profile lucene\n\n",
     &make_normalize_command},
    {"tokenize", "split into tokens with kinds and byte offsets",
     kStreaming | kOptFormat | kOptNormalize,
     "usage: dhad tokenize [options] [FILE...]\n\n"
     "Splits text into tokens. Kinds: arabic latin number punct url email hashtag\n"
     "mention emoji symbol other. Tokens plus whitespace reproduce the input exactly.\n\n"
     "  --format text|jsonl|tsv  text (default): the tokens of each line separated by\n"
     "                           single spaces, one output line per input line;\n"
     "                           jsonl: one object per token with kind, text, begin, end\n"
     "                           (byte offsets, end exclusive) and norm (under --profile);\n"
     "                           'file' is added when there are several files, 'record'\n"
     "                           (0-based line) with --field; tsv: the same, with a header\n\n"
     "example:\n  echo 'نحو ٣٥٠الف نسمة' | dhad tokenize --format jsonl\n\n",
     &make_tokenize_command},
    {"sentences", "one sentence per line", kStreaming | kOptFormat,
     "usage: dhad sentences [options] [FILE...]\n\n"
     "Writes one sentence per line. A sentence ends after . ! ? ؟ … ؛ (with closing\n"
     "quotes and brackets) and at a blank line; not at decimals, URLs, emails,\n"
     "initials or abbreviations. Line breaks inside a sentence become spaces.\n\n"
     "  --format text|jsonl|tsv  jsonl/tsv: text, begin, end per sentence\n\n"
     "example:\n  dhad sentences article.txt\n\n",
     &make_sentences_command},
    {"segment", "split words into clitics and stem: و+ ب+ الكتاب",
     kStreaming | kOptFormat | kOptModel | kOptSplitArticle,
     "usage: dhad segment [options] [FILE...]\n\n"
     "Splits each Arabic word into proclitics (و ف ب ك ل س), stem and enclitic pronoun\n"
     "(ه ها هم هما هن ك كما كم كن ي ني نا), deciding from a model of Arabic words, not\n"
     "by stripping letters (وزير stays whole, وزيرها splits). Text output: one line per\n"
     "input line, tokens separated by spaces, each non-final piece of a token followed\n"
     "by '+' (the UD Arabic-PUD convention: و+ ب+ الكتاب, 3+ %). The pieces of a token\n"
     "concatenate back to it. With --field, the field's text is replaced.\n\n"
     "  --split-article          the article is a piece too: و+ ال+ كتاب, ل+ ل+ سلطة\n"
     "  --model FILE             a model built by tools/segment/build_model.py instead\n"
     "                           of the embedded one (exit 4 if it is not a valid model)\n"
     "  --format text|jsonl|tsv  jsonl: one object per token with kind, text, begin,\n"
     "                           end and segments: [{text, begin, end, role}] (byte\n"
     "                           offsets; role proclitic|article|stem|enclitic);\n"
     "                           tsv: kind text begin end and the token's text format\n\n"
     "example:\n  echo 'وبالكتاب فسيكتبونها لأوباما' | dhad segment\n\n",
     &make_segment_command},
    {"stem", "each word's stem (--algorithm light10|isri)", kStreaming | kOptFormat | kOptAlgorithm,
     "usage: dhad stem [options] [FILE...]\n\n"
     "Writes each token's stem, tokens separated by single spaces, one line per input\n"
     "line (one word per line in: one stem per line out). Arabic words are stemmed;\n"
     "numbers, Latin words and punctuation pass through unchanged. With --field, the\n"
     "field's text is replaced by its stems.\n\n"
     "  --algorithm light10|isri light10 (default): Lucene's ArabicNormalizer then\n"
     "                           ArabicStemmer, exactly; isri: NLTK's ISRIStemmer().stem\n"
     "                           (root extraction), exactly\n"
     "  --min-stem N             light10 cuts no suffix that would leave a stem of fewer\n"
     "                           than N letters: the word keeps them all (فيه, منها, علي\n"
     "                           rather than في, من, عل; كتابها is still كتاب). 0\n"
     "                           (default): light10 as published\n"
     "  --format text|jsonl|tsv  jsonl/tsv: kind, text, begin, end, stem per token\n\n"
     "example:\n  echo 'والمدرسة بالكتابين' | dhad stem --algorithm light10\n"
     "  echo 'منها فيه كتابها' | dhad stem --min-stem 3\n\n",
     &make_stem_command},
    {"analyze", "every stage per token: kind, span, norm, segments, stem, root",
     kStreaming | kOptFormat | kOptNormalize | kOptModel | kOptSplitArticle | kOptCorrectField |
         kOptCorrect,
     "usage: dhad analyze [options] [FILE...]\n\n"
     "Runs every stage and writes one record per token: kind, text, begin, end (byte\n"
     "offsets), norm (normalized under --profile), segments (clitics and stem, as in\n"
     "dhad segment), stem (light10) and root (ISRI). Tokens that are not Arabic\n"
     "words keep their text as stem and root.\n\n"
     "  --format jsonl|tsv       jsonl (default): one object per token; tsv: a header\n"
     "                           then one row per token, segments in text format\n"
     "  --split-article          the article is a segment of its own\n"
     "  --model FILE             a segmentation model file instead of the embedded one\n"
     "  --correct                add 'corrected': the token as dhad correct writes it\n"
     "                           (with --classes, --min-confidence as there)\n\n"
     "example:\n  echo 'والمدرسة بالكتابين يكتبون' | dhad analyze --format tsv\n\n",
     &make_analyze_command},
    {"correct", "fix misspellings: hamza, ى/ي, ة/ه, fused words, one-letter slips",
     kStreaming | kOptFormat | kOptModel | kOptCorrect,
     "usage: dhad correct [options] [FILE...]\n\n"
     "Corrects the misspelled Arabic words of the input and keeps every other byte:\n"
     "a hamza left off or misplaced (اكبر -> أكبر), final ي/ى and ه/ة swapped (علي ->\n"
     "على, المدرسه -> المدرسة), words run together (غضبحاولت -> غضب حاولت, ٢٧٠الف ->\n"
     "٢٧٠ ألف) and one-letter slips (المخايرات -> المخابرات). Each word's candidates\n"
     "are scored by a word-pair model of Arabic text and the cost of the error; a\n"
     "word changes only when the evidence is strong, so names and foreign words stay.\n"
     "With --field, the field's text is replaced.\n\n"
     "  --format text|jsonl|tsv  text (default): the corrected text; jsonl: one object\n"
     "                           per correction: begin, end (bytes of the input), text,\n"
     "                           replacement, class, confidence; tsv: the same columns\n"
     "  --min-confidence X       change a word only when its best candidate has at least\n"
     "                           this share of the probability (0-1, default 0.55)\n"
     "  --classes LIST           correct only these classes (comma-separated): hamza,\n"
     "                           alef_maqsura, ta_marbuta, space_deletion, substitution,\n"
     "                           deletion, insertion, transposition (default: all)\n"
     "  --model FILE             a model written by dhad learn instead of the embedded\n"
     "                           one (exit 4 if it is not a valid model)\n"
     "  --weights NAME=X,...     the channel costs, for experiments: hamza_add,\n"
     "                           hamza_change, alef_maqsura, ta_marbuta, split, edit,\n"
     "                           edit_near, unknown_word, unknown_variant, unknown_long,\n"
     "                           known_bonus, lexicon_bonus, inflected_bonus,\n"
     "                           final_inside, respelled_word, spelled_nearby,\n"
     "                           dictionary_word, unspelled_split, clitic_variant,\n"
     "                           rare_count, min_candidate_count, min_inflected_count\n"
     "                           (dhad/correct.h)\n\n"
     "example:\n  echo 'ذهب الي المدرسه' | dhad correct\n"
     "  dhad correct --format jsonl --classes hamza article.txt\n\n",
     &make_correct_command},
    {"learn", "build a correction model from your own text (-o MODEL)",
     kOptOutput | kOptField | kOptJobs | kOptProgress | kOptInvalidUtf8 | kOptOnError | kOptLearn,
     "usage: dhad learn [options] FILE... -o MODEL\n\n"
     "Counts the words and word pairs of a corpus (text, one document or sentence per\n"
     "line, or JSONL with --field) and writes a model for dhad correct --model. Use text\n"
     "that is mostly well spelled: its words are what correct trusts.\n\n"
     "  -o MODEL                 the model file to write (required)\n"
     "  --lexicon FILE           words known to be spelled right, one per line (the\n"
     "                           default model's come from hunspell-ar); words of the\n"
     "                           corpus outside it are less trusted\n"
     "  --min-count N            words outside the lexicon seen fewer than N times are\n"
     "                           left out (default 2)\n\n"
     "example:\n  dhad learn corpus.txt -o my.model --progress always\n"
     "  dhad correct --model my.model input.txt\n\n",
     &make_learn_command},
    {"version", "print the version", 0, "usage: dhad version\n\nPrints the version of dhad.\n",
     nullptr},
    {"help", "this text, or a command's help (same as dhad CMD --help)", 0, "", nullptr},
}};

}  // namespace

std::span<const CommandInfo> command_table() { return kCommands; }

const CommandInfo* find_command(std::string_view name) {
  for (const CommandInfo& c : kCommands) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

}  // namespace dhad::cli
