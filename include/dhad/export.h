// dhad/export.h — marks the public API for export from a shared libdhad.
//
// The library is compiled with hidden visibility; DHAD_EXPORT puts a class or
// function of the public headers back into the dynamic symbol table, so that
// -DBUILD_SHARED_LIBS=ON gives a libdhad.so that exports the public API and
// nothing else (a version script, cmake/dhad.map, also keeps out the standard
// library's template code).
#ifndef DHAD_EXPORT_H_
#define DHAD_EXPORT_H_

#if defined(__GNUC__) || defined(__clang__)
#define DHAD_EXPORT __attribute__((visibility("default")))
#else
#define DHAD_EXPORT
#endif

#endif  // DHAD_EXPORT_H_
