#ifndef WHOSAID_CPCRE2_SHIM_H
#define WHOSAID_CPCRE2_SHIM_H

// pcre2.h refuses to declare anything until the code unit width is chosen, and the
// unsuffixed names (pcre2_compile, ...) are macros that Swift cannot import. Choosing
// 8 here makes the pcre2_*_8 functions visible; the Swift module calls those.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>

// PCRE2_UNSET is defined as (~(PCRE2_SIZE)0), a cast expression that Swift's importer
// drops, and PCRE2_ZERO_TERMINATED likewise. These functions return them as values.
static inline size_t cpcre2_unset(void) { return PCRE2_UNSET; }

// The error codes are plain macros too, negative ones with an expression Swift may not
// import reliably across versions; expose the few the wrapper branches on.
static inline int cpcre2_error_nomatch(void) { return PCRE2_ERROR_NOMATCH; }
static inline int cpcre2_error_matchlimit(void) { return PCRE2_ERROR_MATCHLIMIT; }
static inline int cpcre2_error_depthlimit(void) { return PCRE2_ERROR_DEPTHLIMIT; }
static inline int cpcre2_error_heaplimit(void) { return PCRE2_ERROR_HEAPLIMIT; }
static inline int cpcre2_error_jit_stacklimit(void) { return PCRE2_ERROR_JIT_STACKLIMIT; }

#endif
