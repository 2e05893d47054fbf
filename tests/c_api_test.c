/* The C API from C: build, call, free; errors come back as statuses with a
 * message; memory returned is the caller's. Exits non-zero on the first
 * failed check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dhad/c_api.h"

static int failures = 0;

#define CHECK(cond)                                          \
  do {                                                       \
    if (!(cond)) {                                           \
      fprintf(stderr, "%s:%d: FAIL: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                            \
    }                                                        \
  } while (0)

static int text_is(const dhad_text* t, const char* want) {
  return t->size == strlen(want) && memcmp(t->data, want, t->size) == 0 && t->data[t->size] == 0;
}

int main(void) {
  dhad_pipeline* p = NULL;
  dhad_text out;
  const char* words = "والمدرسة بالكتابين";

  CHECK(dhad_pipeline_create(NULL, &p) == DHAD_OK);
  CHECK(p != NULL);
  CHECK(dhad_stem(p, words, strlen(words), &out) == DHAD_OK);
  CHECK(text_is(&out, "مدرس كتاب"));
  dhad_free(out.data);
  CHECK(dhad_segment(p, "وبالكتاب", strlen("وبالكتاب"), &out) == DHAD_OK);
  CHECK(text_is(&out, "و+ ب+ الكتاب"));
  dhad_free(out.data);
  CHECK(dhad_normalize(p, "", 0, &out) == DHAD_OK);
  CHECK(text_is(&out, ""));
  dhad_free(out.data);

  dhad_token* tokens = NULL;
  size_t count = 0;
  const char* text = "نحو ٣٥٠الف نسمة";
  CHECK(dhad_tokenize(p, text, strlen(text), &tokens, &count) == DHAD_OK);
  CHECK(count == 4);
  if (count == 4) {
    CHECK(tokens[1].begin == 7 && tokens[1].end == 13);
    CHECK(strcmp(dhad_token_kind_name(tokens[1].kind), "number") == 0);
    CHECK(strcmp(dhad_token_kind_name(tokens[2].kind), "arabic") == 0);
  }
  dhad_free(tokens);
  CHECK(strcmp(dhad_token_kind_name(999), "") == 0);
  /* Correction needs correct=1. */
  CHECK(dhad_correct(p, "الي", strlen("الي"), &out) == DHAD_INVALID_ARGUMENT);
  dhad_pipeline_free(p);

  CHECK(dhad_pipeline_create("correct=1 correct_classes=ta_marbuta", &p) == DHAD_OK);
  text = "ذهب الي المدرسه, 12";
  CHECK(dhad_correct(p, text, strlen(text), &out) == DHAD_OK);
  CHECK(text_is(&out, "ذهب الي المدرسة, 12"));
  dhad_free(out.data);
  dhad_pipeline_free(p);
  CHECK(dhad_pipeline_create("correct=1 correct_model=/nonexistent.model", &p) == DHAD_IO_ERROR);
  CHECK(dhad_pipeline_create("correct=1 correct_classes=spelling", &p) == DHAD_INVALID_ARGUMENT);

  /* Options, and errors as statuses with messages. */
  CHECK(dhad_pipeline_create("profile=lucene invalid_utf8=strict", &p) == DHAD_OK);
  CHECK(dhad_normalize(p, "\xD8\xA3\xD8\xAD", 4, &out) == DHAD_OK);
  CHECK(text_is(&out, "\xD8\xA7\xD8\xAD"));
  dhad_free(out.data);
  CHECK(dhad_normalize(p, "ab\xFF", 3, &out) == DHAD_INVALID_UTF8);
  CHECK(out.data == NULL);
  CHECK(strstr(dhad_last_error(), "byte 2") != NULL);
  dhad_pipeline_free(p);
  CHECK(dhad_pipeline_create("profile=nonsense", &p) == DHAD_INVALID_ARGUMENT);
  CHECK(p == NULL);
  CHECK(strlen(dhad_last_error()) > 0);
  CHECK(dhad_pipeline_create("stem", &p) == DHAD_INVALID_ARGUMENT);
  /* min_stem: light10 cuts no suffix that would leave fewer letters. */
  CHECK(dhad_pipeline_create("min_stem=3", &p) == DHAD_OK);
  text = "منها فيه والكتابات";
  CHECK(dhad_stem(p, text, strlen(text), &out) == DHAD_OK);
  CHECK(text_is(&out, "منها فيه كتاب"));
  dhad_free(out.data);
  dhad_pipeline_free(p);
  CHECK(dhad_pipeline_create("min_stem=-1", &p) == DHAD_INVALID_ARGUMENT);
  CHECK(dhad_pipeline_create("min_stem=", &p) == DHAD_INVALID_ARGUMENT);
  CHECK(dhad_pipeline_create("stem=isri min_stem=3", &p) == DHAD_INVALID_ARGUMENT);
  CHECK(dhad_pipeline_create("model=/nonexistent/file", &p) == DHAD_IO_ERROR);
  CHECK(dhad_stem(NULL, "x", 1, &out) == DHAD_INVALID_ARGUMENT);
  CHECK(strlen(dhad_version()) > 0);

  if (failures > 0) {
    fprintf(stderr, "c_api_test: %d check(s) failed\n", failures);
    return 1;
  }
  printf("c_api_test: all checks passed\n");
  return 0;
}
