# dhad_embed_model(TARGET target FILE path SYMBOL name)
#
# Embeds the model file `path` in `target`: generates
# ${CMAKE_CURRENT_BINARY_DIR}/embedded/<name>.cc from cmake/embed_model.cc.in,
# whose assembler .incbin puts the file's bytes in .rodata (64-byte aligned,
# so the sections of a model container are aligned in memory as they are in
# the file), between two hidden symbols dhad_embedded_<name>_begin and _end,
# and defines
#
#   std::string_view dhad::embedded::<name>();   // the bytes, not copied
#
# (declared for the library's code in src/model/embedded.h). The object
# depends on the file, so a rebuilt model is embedded again by the next build.
# C++ has no #embed yet; .incbin is understood by the GNU and LLVM assemblers.
set(DHAD_EMBED_MODEL_TEMPLATE ${CMAKE_CURRENT_LIST_DIR}/embed_model.cc.in)

function(dhad_embed_model)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "TARGET;FILE;SYMBOL" "")
  if(NOT arg_TARGET OR NOT arg_FILE OR NOT arg_SYMBOL OR arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "usage: dhad_embed_model(TARGET target FILE path SYMBOL name)")
  endif()
  if(NOT arg_SYMBOL MATCHES "^[a-z_][a-z0-9_]*$")
    message(FATAL_ERROR "dhad_embed_model: SYMBOL '${arg_SYMBOL}' is not a C identifier in lower case")
  endif()
  get_filename_component(file "${arg_FILE}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  if(NOT EXISTS "${file}")
    message(FATAL_ERROR "dhad_embed_model: ${file} does not exist")
  endif()
  # The path goes into a C++ string literal inside an assembler string.
  if(file MATCHES "[\"\\\\\n]")
    message(FATAL_ERROR "dhad_embed_model: the path ${file} holds a quote, backslash or newline")
  endif()
  set(DHAD_EMBED_FILE "${file}")
  set(DHAD_EMBED_SYMBOL "${arg_SYMBOL}")
  set(out "${CMAKE_CURRENT_BINARY_DIR}/embedded/${arg_SYMBOL}.cc")
  configure_file("${DHAD_EMBED_MODEL_TEMPLATE}" "${out}" @ONLY)
  target_sources(${arg_TARGET} PRIVATE "${out}")
  set_source_files_properties("${out}" PROPERTIES OBJECT_DEPENDS "${file}")
endfunction()
