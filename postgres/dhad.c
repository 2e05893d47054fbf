/* dhad.c — the PostgreSQL extension: SQL functions, a text-search parser and a
 * text-search dictionary, all over dhad's C API (dhad/c_api.h).
 *
 * The extension itself is C: the C++ core is reached only through the C API,
 * which catches every exception, so nothing C++ ever unwinds through
 * PostgreSQL's longjmp-based error handling. What the library returns is
 * malloc'd; it is copied into palloc'd memory and freed before anything that
 * can ereport runs (allocations here use MCXT_ALLOC_NO_OOM for that reason),
 * so an error never leaks library memory.
 *
 * The only per-backend state is the pipelines, built on first use and never
 * changed: immutable objects over the models embedded (read-only) in the
 * library. */
/* clang-format off: postgres.h must come before every other header. */
#include "postgres.h"
/* clang-format on */

#include "commands/defrem.h"
#include "dhad/c_api.h"
#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "tsearch/ts_public.h"
#include "utils/builtins.h"

PG_MODULE_MAGIC;

/* ---- pipelines ------------------------------------------------------------ */

typedef enum PipelineId {
  kLight, /* the defaults: light normalization, light10, the segmenter */
  kLucene,
  kCamel,
  kSearch,
  kIsri,
  kCorrect,
  kPipelineCount
} PipelineId;

static const char* const kPipelineOptions[kPipelineCount] = {
    "profile=light", "profile=lucene", "profile=camel", "profile=search", "stem=isri", "correct=1"};

static dhad_pipeline* pipelines[kPipelineCount];

static void report(dhad_status status) pg_attribute_noreturn();

static void report(dhad_status status) {
  int code = ERRCODE_INTERNAL_ERROR;
  if (status == DHAD_OUT_OF_MEMORY) code = ERRCODE_OUT_OF_MEMORY;
  if (status == DHAD_INVALID_ARGUMENT) code = ERRCODE_INVALID_PARAMETER_VALUE;
  if (status == DHAD_INVALID_UTF8) code = ERRCODE_CHARACTER_NOT_IN_REPERTOIRE;
  ereport(ERROR, (errcode(code), errmsg("dhad: %s", dhad_last_error())));
}

/* dhad works on UTF-8 only; in a database of another encoding its offsets and
 * folds would be wrong, so every entry point refuses rather than guess. */
static void require_utf8(void) {
  if (GetDatabaseEncoding() != PG_UTF8) {
    ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("dhad needs a UTF8 database, not %s", GetDatabaseEncodingName())));
  }
}

static dhad_pipeline* create_pipeline(const char* options) {
  dhad_pipeline* p = NULL;
  dhad_status status = dhad_pipeline_create(options, &p);
  if (status != DHAD_OK) report(status);
  return p;
}

static const dhad_pipeline* pipeline(PipelineId id) {
  if (pipelines[id] == NULL) pipelines[id] = create_pipeline(kPipelineOptions[id]);
  return pipelines[id];
}

/* The dictionary's MinStem: light10 made with StemOptions::min_stem_letters. */
#define DHAD_MAX_MIN_STEM 10

static dhad_pipeline* min_stem_pipelines[DHAD_MAX_MIN_STEM + 1];

static const dhad_pipeline* min_stem_pipeline(int min_stem) {
  if (min_stem == 0) return pipeline(kLight);
  if (min_stem_pipelines[min_stem] == NULL) {
    char options[32];
    snprintf(options, sizeof options, "min_stem=%d", min_stem);
    min_stem_pipelines[min_stem] = create_pipeline(options);
  }
  return min_stem_pipelines[min_stem];
}

/* ---- library text to palloc'd memory --------------------------------------- */

typedef dhad_status (*TextCall)(const dhad_pipeline*, const char*, size_t, dhad_text*);

/* Runs call and returns its output as a palloc'd text datum. */
static text* call_to_text(TextCall call, const dhad_pipeline* p, const char* in, size_t size) {
  dhad_text out;
  dhad_status status = call(p, in, size, &out);
  text* result;
  if (status != DHAD_OK) report(status);
  if (out.size > MaxAllocSize - VARHDRSZ) {
    dhad_free(out.data);
    ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                    errmsg("dhad: the result would be longer than a text value may be")));
  }
  result = palloc_extended(VARHDRSZ + out.size, MCXT_ALLOC_NO_OOM);
  if (result == NULL) {
    dhad_free(out.data);
    ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
  }
  SET_VARSIZE(result, VARHDRSZ + out.size);
  memcpy(VARDATA(result), out.data, out.size);
  dhad_free(out.data);
  return result;
}

/* Same, as a NUL-terminated palloc'd string; *size gets its length. */
static char* call_to_cstring(TextCall call, const dhad_pipeline* p, const char* in, size_t size,
                             size_t* out_size) {
  dhad_text out;
  dhad_status status = call(p, in, size, &out);
  char* result;
  if (status != DHAD_OK) report(status);
  result = out.size < MaxAllocSize ? palloc_extended(out.size + 1, MCXT_ALLOC_NO_OOM) : NULL;
  if (result == NULL) {
    dhad_free(out.data);
    ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
  }
  memcpy(result, out.data, out.size);
  result[out.size] = '\0';
  *out_size = out.size;
  dhad_free(out.data);
  return result;
}

/* A value longer than this goes to the library a piece at a time, each piece
 * ending after a newline, so that a long call can be cancelled between
 * pieces. Every text call works line by line (f(a + "\n" + b) equals
 * f(a + "\n") + f(b), which the regression tests check on values longer than
 * this), so the result is the one a single call gives; a value with no
 * newline is one piece. */
#define DHAD_PIECE (1024 * 1024)

/* Appends out to the text being built at *result (*size bytes used of
 * *capacity, header included) and frees out.data, also when it raises an
 * error: allocations here never raise one with library memory held. */
static void append_and_free(text** result, size_t* size, size_t* capacity, dhad_text out) {
  if (*size + out.size > *capacity) {
    const size_t want = Max(*capacity * 2, *size + out.size);
    text* grown = NULL;
    if (*size + out.size <= MaxAllocSize) {
      *capacity = Min(want, MaxAllocSize);
      grown = palloc_extended(*capacity, MCXT_ALLOC_NO_OOM);
    }
    if (grown == NULL) {
      dhad_free(out.data);
      if (*size + out.size > MaxAllocSize) {
        ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                        errmsg("dhad: the result would be longer than a text value may be")));
      }
      ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
    }
    memcpy(grown, *result, *size);
    pfree(*result);
    *result = grown;
  }
  memcpy((char*)*result + *size, out.data, out.size);
  *size += out.size;
  dhad_free(out.data);
}

static text* call_in_pieces(TextCall call, const dhad_pipeline* p, const text* value) {
  const char* in = VARDATA_ANY(value);
  const size_t size = VARSIZE_ANY_EXHDR(value);
  size_t start = 0, used = VARHDRSZ, capacity = VARHDRSZ + size;
  text* result;
  if (size <= DHAD_PIECE) return call_to_text(call, p, in, size);
  result = palloc(capacity);
  while (start < size) {
    size_t end = size;
    dhad_text out;
    dhad_status status;
    CHECK_FOR_INTERRUPTS();
    if (size - start > DHAD_PIECE) {
      const char* newline = memchr(in + start + DHAD_PIECE, '\n', size - start - DHAD_PIECE);
      if (newline != NULL) end = (size_t)(newline - in) + 1;
    }
    status = call(p, in + start, end - start, &out);
    if (status != DHAD_OK) report(status);
    append_and_free(&result, &used, &capacity, out);
    start = end;
  }
  SET_VARSIZE(result, used);
  return result;
}

/* ---- SQL functions ---------------------------------------------------------- */

static PipelineId profile_pipeline(const char* s) {
  if (strcmp(s, "light") == 0) return kLight;
  if (strcmp(s, "lucene") == 0) return kLucene;
  if (strcmp(s, "camel") == 0) return kCamel;
  if (strcmp(s, "search") == 0) return kSearch;
  ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                  errmsg("dhad: unknown normalization profile \"%s\"", s),
                  errhint("Profiles are light, lucene, camel and search.")));
}

static PipelineId stem_pipeline(const char* name) {
  if (strcmp(name, "light10") == 0) return kLight;
  if (strcmp(name, "isri") == 0) return kIsri;
  ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                  errmsg("dhad: unknown stemming algorithm \"%s\"", name),
                  errhint("Algorithms are light10 and isri.")));
}

PG_FUNCTION_INFO_V1(dhad_normalize_sql);
Datum dhad_normalize_sql(PG_FUNCTION_ARGS) {
  text* in = PG_GETARG_TEXT_PP(0);
  PipelineId id;
  require_utf8();
  id = profile_pipeline(text_to_cstring(PG_GETARG_TEXT_PP(1)));
  PG_RETURN_TEXT_P(call_in_pieces(dhad_normalize, pipeline(id), in));
}

PG_FUNCTION_INFO_V1(dhad_segment_sql);
Datum dhad_segment_sql(PG_FUNCTION_ARGS) {
  text* in = PG_GETARG_TEXT_PP(0);
  require_utf8();
  PG_RETURN_TEXT_P(call_in_pieces(dhad_segment, pipeline(kLight), in));
}

PG_FUNCTION_INFO_V1(dhad_stem_sql);
Datum dhad_stem_sql(PG_FUNCTION_ARGS) {
  text* in = PG_GETARG_TEXT_PP(0);
  PipelineId id;
  require_utf8();
  id = stem_pipeline(text_to_cstring(PG_GETARG_TEXT_PP(1)));
  PG_RETURN_TEXT_P(call_in_pieces(dhad_stem, pipeline(id), in));
}

PG_FUNCTION_INFO_V1(dhad_correct_sql);
Datum dhad_correct_sql(PG_FUNCTION_ARGS) {
  text* in = PG_GETARG_TEXT_PP(0);
  require_utf8();
  PG_RETURN_TEXT_P(call_in_pieces(dhad_correct, pipeline(kCorrect), in));
}

/* ---- the text-search parser --------------------------------------------------- */

/* Token type ids are dhad's token kinds plus one; blank is 12 because the
 * default parser's headline function, which this parser reuses, treats type
 * 12 as space (and 13 and 15-18 as tags and hyphenated parts, which dhad
 * never returns). */
enum { kKindCount = 11, kBlank = 12 };

static const char* const kTypeAlias[kBlank] = {"arabic", "latin",  "number",  "punct",
                                               "url",    "email",  "hashtag", "mention",
                                               "emoji",  "symbol", "other",   "blank"};
static const char* const kTypeDescription[kBlank] = {"Arabic word",
                                                     "Latin word",
                                                     "Number",
                                                     "Punctuation",
                                                     "URL",
                                                     "Email address",
                                                     "Hashtag",
                                                     "Mention",
                                                     "Emoji",
                                                     "Symbol",
                                                     "Other script, control or invalid byte",
                                                     "Space"};

/* The text is tokenized in chunks of about this many bytes, cut after an
 * ASCII space where there is one, so that memory stays small for a value of
 * any size and interrupts are checked between chunks. */
#define DHAD_CHUNK (64 * 1024)

typedef struct ParserState {
  const char* text;
  size_t size;
  size_t tokenized;   /* bytes [0, tokenized) have been tokenized */
  size_t pos;         /* where the next token or gap starts */
  dhad_token* tokens; /* the current chunk's tokens, offsets into text */
  size_t count, next, capacity;
} ParserState;

static size_t chunk_end(const ParserState* s) {
  const size_t start = s->tokenized;
  size_t cut, i;
  if (s->size - start <= DHAD_CHUNK) return s->size;
  cut = start + DHAD_CHUNK;
  for (i = cut; i > start + DHAD_CHUNK / 2; --i) {
    const char c = s->text[i - 1];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') return i;
  }
  /* No space in half a chunk: cut at a character boundary; a token as long
   * as that is split in two, which is harmless for search. */
  while (cut > start + 1 && ((unsigned char)s->text[cut] & 0xC0) == 0x80) --cut;
  return cut;
}

static void tokenize_next_chunk(ParserState* s) {
  const size_t start = s->tokenized, end = chunk_end(s);
  dhad_token* tokens = NULL;
  size_t count = 0, i;
  dhad_status status;
  CHECK_FOR_INTERRUPTS();
  status = dhad_tokenize(pipeline(kLight), s->text + start, end - start, &tokens, &count);
  if (status != DHAD_OK) report(status);
  if (count > s->capacity) {
    dhad_token* grown = palloc_extended(count * sizeof(dhad_token), MCXT_ALLOC_NO_OOM);
    if (grown == NULL) {
      dhad_free(tokens);
      ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
    }
    if (s->tokens != NULL) pfree(s->tokens);
    s->tokens = grown;
    s->capacity = count;
  }
  for (i = 0; i < count; ++i) {
    s->tokens[i] = tokens[i];
    s->tokens[i].begin += start;
    s->tokens[i].end += start;
  }
  dhad_free(tokens);
  s->count = count;
  s->next = 0;
  s->tokenized = end;
}

PG_FUNCTION_INFO_V1(dhad_parser_start);
Datum dhad_parser_start(PG_FUNCTION_ARGS) {
  ParserState* s = palloc0(sizeof(ParserState));
  require_utf8();
  s->text = (const char*)PG_GETARG_POINTER(0);
  s->size = (size_t)PG_GETARG_INT32(1);
  PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(dhad_parser_gettoken);
Datum dhad_parser_gettoken(PG_FUNCTION_ARGS) {
  ParserState* s = (ParserState*)PG_GETARG_POINTER(0);
  char** token = (char**)PG_GETARG_POINTER(1);
  int* length = (int*)PG_GETARG_POINTER(2);
  while (s->next == s->count && s->tokenized < s->size) tokenize_next_chunk(s);
  if (s->next < s->count) {
    const dhad_token* t = &s->tokens[s->next];
    if (s->pos < t->begin) { /* the gap before the token */
      *token = (char*)s->text + s->pos;
      *length = (int)(t->begin - s->pos);
      s->pos = t->begin;
      PG_RETURN_INT32(kBlank);
    }
    *token = (char*)s->text + t->begin;
    *length = (int)(t->end - t->begin);
    s->pos = t->end;
    ++s->next;
    PG_RETURN_INT32(t->kind >= 0 && t->kind < kKindCount ? t->kind + 1 : kKindCount);
  }
  if (s->pos < s->size) { /* the gap after the last token */
    *token = (char*)s->text + s->pos;
    *length = (int)(s->size - s->pos);
    s->pos = s->size;
    PG_RETURN_INT32(kBlank);
  }
  *token = NULL;
  *length = 0;
  PG_RETURN_INT32(0);
}

PG_FUNCTION_INFO_V1(dhad_parser_end);
Datum dhad_parser_end(PG_FUNCTION_ARGS) {
  ParserState* s = (ParserState*)PG_GETARG_POINTER(0);
  if (s->tokens != NULL) pfree(s->tokens);
  pfree(s);
  PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(dhad_parser_lextype);
Datum dhad_parser_lextype(PG_FUNCTION_ARGS) {
  LexDescr* descr = palloc(sizeof(LexDescr) * (kBlank + 1));
  int i;
  for (i = 0; i < kBlank; ++i) {
    descr[i].lexid = i + 1;
    descr[i].alias = pstrdup(kTypeAlias[i]);
    descr[i].descr = pstrdup(kTypeDescription[i]);
  }
  descr[kBlank].lexid = 0;
  PG_RETURN_POINTER(descr);
}

/* ---- the text-search dictionary ----------------------------------------------- */

typedef struct DictOptions {
  PipelineId normalize; /* a profile first (Normalize), or kPipelineCount for none */
  bool correct;         /* correct the word first (Correct = true) */
  bool segment;         /* strip the proclitics the segmenter finds (Segment) */
  PipelineId stemmer;   /* light10 or isri (Stemmer), or kPipelineCount for none */
  int min_stem;         /* the fewest letters a suffix cut may leave (MinStem), or 0 */
  bool filter;          /* pass the lexemes on to the next dictionary (Filter) */
} DictOptions;

PG_FUNCTION_INFO_V1(dhad_dict_init);
Datum dhad_dict_init(PG_FUNCTION_ARGS) {
  List* options = (List*)PG_GETARG_POINTER(0);
  DictOptions* d = palloc0(sizeof(DictOptions));
  ListCell* cell;
  d->normalize = kPipelineCount;
  d->segment = true;
  d->stemmer = kLight;
  foreach (cell, options) {
    DefElem* e = (DefElem*)lfirst(cell);
    if (strcmp(e->defname, "normalize") == 0) {
      const char* name = defGetString(e);
      d->normalize = strcmp(name, "none") == 0 ? kPipelineCount : profile_pipeline(name);
    } else if (strcmp(e->defname, "correct") == 0) {
      d->correct = defGetBoolean(e);
    } else if (strcmp(e->defname, "segment") == 0) {
      d->segment = defGetBoolean(e);
    } else if (strcmp(e->defname, "minstem") == 0) {
      const int64 min_stem = defGetInt64(e);
      if (min_stem < 0 || min_stem > DHAD_MAX_MIN_STEM) {
        ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                        errmsg("dhad: MinStem must be between 0 and %d", DHAD_MAX_MIN_STEM)));
      }
      d->min_stem = (int)min_stem;
    } else if (strcmp(e->defname, "stemmer") == 0) {
      const char* name = defGetString(e);
      d->stemmer = strcmp(name, "none") == 0 ? kPipelineCount : stem_pipeline(name);
    } else if (strcmp(e->defname, "filter") == 0) {
      d->filter = defGetBoolean(e);
    } else {
      ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                      errmsg("dhad: unknown dictionary option \"%s\"", e->defname),
                      errhint("Options are Normalize, Correct, Segment, Stemmer, MinStem and Filter.")));
    }
  }
  if (d->min_stem > 0 && d->stemmer == kIsri) {
    ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                    errmsg("dhad: MinStem is an option of the light10 stemmer, not of isri")));
  }
  PG_RETURN_POINTER(d);
}

/* The one-letter proclitics the segmenter splits off (و ف ب ك ل س). */
static bool is_proclitic(const char* piece, size_t size) {
  static const char* const kProclitics[] = {"\xD9\x88", "\xD9\x81", "\xD8\xA8",
                                            "\xD9\x83", "\xD9\x84", "\xD8\xB3"};
  size_t i;
  if (size != 2) return false;
  for (i = 0; i < lengthof(kProclitics); ++i) {
    if (memcmp(piece, kProclitics[i], 2) == 0) return true;
  }
  return false;
}

/* How many bytes of word are proclitics, read off the segmenter's output
 * ("و+ ب+ مدرست+ ه": pieces separated by "+ "). Only the proclitics are
 * dropped; the suffixes stay for the stemmer, so that a word with a pronoun
 * stems as it would without the segmenter. */
static size_t proclitic_bytes(const char* segmented, size_t size, const char* word,
                              size_t word_size) {
  size_t at = 0, dropped = 0;
  while (at < size) {
    const char* sep = memchr(segmented + at, '+', size - at);
    size_t piece;
    if (sep == NULL || sep + 1 >= segmented + size || sep[1] != ' ') break;
    piece = (size_t)(sep - (segmented + at));
    /* Never trust a segmentation that does not line up with the word. */
    if (!is_proclitic(segmented + at, piece) || dropped + piece >= word_size ||
        memcmp(word + dropped, segmented + at, piece) != 0) {
      break;
    }
    dropped += piece;
    at += piece + 2;
  }
  /* ل+ before a word that begins with ل is the article contracted (للمدرسة,
   * "ل+ لمدرسة"; وللقضاء, "و+ ل+ لقضاء"): that ل stays, for the stemmer
   * takes لل off as the article. */
  if (dropped > 0 && memcmp(segmented + at - 4, "\xD9\x84", 2) == 0 && at + 2 <= size &&
      memcmp(segmented + at, "\xD9\x84", 2) == 0) {
    dropped -= 2;
  }
  return dropped;
}

static size_t segmented_proclitics(const char* word, size_t size) {
  size_t segmented_size, drop;
  char* segmented = call_to_cstring(dhad_segment, pipeline(kLight), word, size, &segmented_size);
  drop = proclitic_bytes(segmented, segmented_size, word, size);
  pfree(segmented);
  return drop;
}

/* The longest word the segmenter is asked about, in bytes: no Arabic word
 * with its clitics comes near it (48 letters, or fewer with marks), and
 * longer tokens (junk, or a run the parser cut) are not worth a corrector
 * call each. */
#define DHAD_LONGEST_WORD 96

/* How many leading bytes of word are one round of proclitics. The segmenter
 * knows words as they are spelled, so it leaves وفى or بشفافيه whole; when it
 * splits nothing off, the word is corrected (وفي, بشفافية) and segmented
 * again, and what that splits off is dropped if the word starts with the
 * same bytes. */
static size_t proclitic_round(const char* word, size_t size) {
  size_t drop, fixed_size;
  char* fixed;
  /* Only a word that starts with a proclitic letter can lose one: the
   * segmenter is not asked about the others. */
  if (size <= 4 || size > DHAD_LONGEST_WORD || !is_proclitic(word, 2)) return 0;
  drop = segmented_proclitics(word, size);
  if (drop > 0) return drop;
  fixed = call_to_cstring(dhad_correct, pipeline(kCorrect), word, size, &fixed_size);
  if (fixed_size != size || memcmp(fixed, word, size) != 0) {
    drop = segmented_proclitics(fixed, fixed_size);
    if (drop >= size || memcmp(fixed, word, drop) != 0) drop = 0;
  }
  pfree(fixed);
  return drop;
}

/* The segmenter may take one clitic off a word and leave the next on
 * (وفإنهم: "و+ فإن+ هم", while فإنهم is "ف+ إن+ هم"): what is left is asked
 * again, so that both give one stem. Three rounds at most, as many
 * proclitics as a word has (و+ ب+ ال, ف+ س+ ...). */
static size_t proclitics_of(const char* word, size_t size) {
  size_t total = 0, round, drop;
  for (round = 0; round < 3; ++round) {
    drop = proclitic_round(word + total, size - total);
    if (drop == 0) break;
    total += drop;
  }
  return total;
}

PG_FUNCTION_INFO_V1(dhad_dict_lexize);
Datum dhad_dict_lexize(PG_FUNCTION_ARGS) {
  const DictOptions* d = (const DictOptions*)PG_GETARG_POINTER(0);
  const char* word = (const char*)PG_GETARG_POINTER(1);
  size_t size = (size_t)PG_GETARG_INT32(2);
  TSLexeme* result;
  size_t count = 0, i;
  require_utf8();
  if (d->normalize != kPipelineCount) {
    word = call_to_cstring(dhad_normalize, pipeline(d->normalize), word, size, &size);
  }
  if (d->correct) word = call_to_cstring(dhad_correct, pipeline(kCorrect), word, size, &size);
  if (d->segment) {
    const size_t drop = proclitics_of(word, size);
    word += drop;
    size -= drop;
  }
  if (d->stemmer != kPipelineCount) {
    /* MinStem (light10 only): a stem of fewer letters keeps the suffixes
     * light10 would cut (فيه, منها, مره rather than في, من, مر): one that
     * short has lost part of its root, and with a function word's lexeme it
     * matches almost every article, so that a phrase holding it no longer
     * singles out its own. */
    const dhad_pipeline* p =
        d->min_stem > 0 ? min_stem_pipeline(d->min_stem) : pipeline(d->stemmer);
    const char* unstemmed = word;
    const size_t unstemmed_size = size;
    word = call_to_cstring(dhad_stem, p, word, size, &size);
    /* A word that stems to several (the corrector split it) has had light10's
     * stems since MinStem came in 0.3: kept, so that its indexes stay valid. */
    if (d->min_stem > 0 && memchr(word, ' ', size) != NULL) {
      word = call_to_cstring(dhad_stem, pipeline(d->stemmer), unstemmed, unstemmed_size, &size);
    }
  }
  /* One lexeme per word of the stemmer's output: the corrector may split a
   * fused word in two, and both halves are then indexed at the word's
   * position (and both required by a query). No word at all is a stop word. */
  for (i = 0; i < size; ++i) count += word[i] == ' ';
  result = palloc0(sizeof(TSLexeme) * (count + 2));
  count = 0;
  for (i = 0; i < size;) {
    size_t end = i, k;
    while (end < size && word[end] != ' ') ++end;
    if (end > i) {
      char* lexeme = pnstrdup(word + i, end - i);
      for (k = 0; k < end - i; ++k) lexeme[k] = pg_ascii_tolower(lexeme[k]);
      result[count++].lexeme = lexeme;
    }
    i = end + 1;
  }
  /* Filter: as unaccent does, hand the word on to the next dictionary of the
   * mapping (a stemmer of another make: dhad_template (Stemmer = none,
   * Filter = true), then arabic_stem) instead of ending there. PostgreSQL
   * hands on one lexeme only: the two halves of a word the corrector split
   * end here, so that the second is not lost. */
  if (d->filter && count == 1) result[0].flags = TSL_FILTER;
  PG_RETURN_POINTER(result);
}
