/* dhad/c_api.h — the C interface to dhad::Pipeline, for FFIs and PostgreSQL.
 *
 * Handles are opaque; every call returns a dhad_status, and a failed call
 * leaves a one-line message for dhad_last_error() on the calling thread. No
 * C++ exception crosses this interface. Memory the library returns (texts,
 * token arrays) belongs to the caller and is released with dhad_free(); a
 * pipeline is released with dhad_pipeline_free(). A pipeline is immutable and
 * may be used by several threads at once.
 *
 *   dhad_pipeline* p;
 *   if (dhad_pipeline_create("profile=search stem=isri", &p) != DHAD_OK) {
 *     fprintf(stderr, "%s\n", dhad_last_error());
 *   }
 *   dhad_text out;
 *   if (dhad_stem(p, text, strlen(text), &out) == DHAD_OK) {
 *     fwrite(out.data, 1, out.size, stdout);
 *     dhad_free(out.data);
 *   }
 *   dhad_pipeline_free(p);
 */
#ifndef DHAD_C_API_H_
#define DHAD_C_API_H_

#include <stddef.h>
#include <stdint.h>

#include "dhad/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The outcome of a call; the values of dhad::ErrorCode, plus two of its own. */
typedef enum dhad_status {
  DHAD_OK = 0,
  DHAD_INVALID_UTF8 = 1,     /**< invalid UTF-8 under invalid_utf8=strict */
  DHAD_MALFORMED_RECORD = 2, /**< (not returned by these calls) */
  DHAD_INVALID_ARGUMENT = 3, /**< an option or argument that makes no sense */
  DHAD_IO_ERROR = 4,         /**< a file could not be read */
  DHAD_BAD_MODEL = 5,        /**< a model file is truncated, corrupt or of another version */
  DHAD_OUT_OF_MEMORY = 100,  /**< an allocation failed */
  DHAD_INTERNAL_ERROR = 101  /**< a bug: please report it */
} dhad_status;

typedef struct dhad_pipeline dhad_pipeline;

/** Text the library allocated: `size` bytes at `data`, followed by a NUL.
 * Release `data` with dhad_free(). */
typedef struct dhad_text {
  char* data;
  size_t size;
} dhad_text;

/** A token: bytes [begin, end) of the text, and its kind (dhad_token_kind_name). */
typedef struct dhad_token {
  uint64_t begin;
  uint64_t end;
  int kind;
} dhad_token;

/** Builds a pipeline from options given as "key=value" words separated by
 * spaces (NULL or "" for the defaults):
 *   profile=light|lucene|camel|search   normalization profile (light)
 *   enable=RULE,...  disable=RULE,...    rules on top of the profile
 *   invalid_utf8=replace|strict|keep     (replace)
 *   stem=light10|isri                    stemming algorithm (light10)
 *   min_stem=N                           light10 cuts no suffix that would leave a
 *                                        stem under N letters (0: as published;
 *                                        StemOptions in dhad/stem.h)
 *   model=PATH                           segmentation model file (embedded)
 *   split_article=0|1                    the article is a piece of its own (0)
 *   correct=0|1                          load the corrector, for dhad_correct (0)
 *   correct_model=PATH                   correction model file (embedded)
 *   correct_classes=hamza,...            classes to correct (all; see dhad/correct.h)
 *   min_confidence=X                     0 to 1 (0.55)
 */
DHAD_EXPORT dhad_status dhad_pipeline_create(const char* options, dhad_pipeline** out);
DHAD_EXPORT void dhad_pipeline_free(dhad_pipeline* pipeline);

/** Text calls: `size` bytes of UTF-8 at `text` in, a new dhad_text out (the
 * formats of the dhad CLI's commands of the same names). */
DHAD_EXPORT dhad_status dhad_normalize(const dhad_pipeline* p, const char* text, size_t size,
                                       dhad_text* out);
DHAD_EXPORT dhad_status dhad_tokenize_text(const dhad_pipeline* p, const char* text, size_t size,
                                           dhad_text* out);
DHAD_EXPORT dhad_status dhad_stem(const dhad_pipeline* p, const char* text, size_t size,
                                  dhad_text* out);
DHAD_EXPORT dhad_status dhad_segment(const dhad_pipeline* p, const char* text, size_t size,
                                     dhad_text* out);
/** The text with its misspellings corrected (dhad correct); every other byte
 * is kept. DHAD_INVALID_ARGUMENT unless the pipeline was made with correct=1. */
DHAD_EXPORT dhad_status dhad_correct(const dhad_pipeline* p, const char* text, size_t size,
                                     dhad_text* out);

/** The tokens of the text: a new array of *count tokens at *tokens (NULL when
 * there are none); release it with dhad_free(). */
DHAD_EXPORT dhad_status dhad_tokenize(const dhad_pipeline* p, const char* text, size_t size,
                                      dhad_token** tokens, size_t* count);

/** "arabic", "latin", "number", ... for a dhad_token's kind; "" if unknown. */
DHAD_EXPORT const char* dhad_token_kind_name(int kind);

/** Releases memory the library returned (NULL is fine). */
DHAD_EXPORT void dhad_free(void* memory);

/** The message of the last failed call on this thread ("" if none). Valid
 * until the thread's next dhad call. */
DHAD_EXPORT const char* dhad_last_error(void);

/** The library's version, e.g. "0.1.0". */
DHAD_EXPORT const char* dhad_version(void);

#ifdef __cplusplus
}
#endif

#endif /* DHAD_C_API_H_ */
