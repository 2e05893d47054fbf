// The default segmentation model, data/segment/segment.model, embedded in the
// library by the assembler's .incbin (C++ has no #embed yet). CMakeLists.txt
// passes the file's absolute path as DHAD_SEGMENT_MODEL_PATH and makes this
// object depend on it, so a rebuilt model is picked up.
#include <cstddef>
#include <string_view>

#include "segment/segment_model.h"

#ifndef DHAD_SEGMENT_MODEL_PATH
#error "DHAD_SEGMENT_MODEL_PATH must name data/segment/segment.model"
#endif

#if defined(__APPLE__)
#define DHAD_SYM(name) "_" #name
#define DHAD_PUSH ".const_data"
#define DHAD_POP ".text"
#define DHAD_HIDDEN(name) ".private_extern " DHAD_SYM(name)
#else
#define DHAD_SYM(name) #name
#define DHAD_PUSH ".pushsection .rodata"
#define DHAD_POP ".popsection"
#define DHAD_HIDDEN(name) ".hidden " DHAD_SYM(name)
#endif

__asm__(DHAD_PUSH "\n"
        ".balign 16\n"
        ".globl " DHAD_SYM(dhad_segment_model_begin) "\n"
        DHAD_HIDDEN(dhad_segment_model_begin) "\n"
        DHAD_SYM(dhad_segment_model_begin) ":\n"
        ".incbin \"" DHAD_SEGMENT_MODEL_PATH "\"\n"
        ".globl " DHAD_SYM(dhad_segment_model_end) "\n"
        DHAD_HIDDEN(dhad_segment_model_end) "\n"
        DHAD_SYM(dhad_segment_model_end) ":\n"
        ".byte 0\n"
        DHAD_POP "\n");

extern "C" const char dhad_segment_model_begin[];
extern "C" const char dhad_segment_model_end[];

namespace dhad {
namespace segment_internal {

std::string_view default_model_bytes() {
  return std::string_view(dhad_segment_model_begin,
                          size_t(dhad_segment_model_end - dhad_segment_model_begin));
}

}  // namespace segment_internal
}  // namespace dhad
