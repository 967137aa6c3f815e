#ifndef WHOSAID_CLIBXML2_SHIM_H
#define WHOSAID_CLIBXML2_SHIM_H

// libxml2's HTML parser, for articles saved as web pages. Only Sources/HTMLText imports it.
//
// Debian builds libxml2 with ICU, so encoding.h would pull in the system's ICU headers,
// whose UErrorCode clashes with the one Foundation carries (a module error in sanitizer
// builds). WhoSaid never touches the encoding handler structs that use ICU, so the ICU
// part of the headers is switched off after xmlversion.h has declared it.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

// The parser options are enum constants Swift imports, but as a C enum type that does not
// combine with `|` into the int the function takes; this returns the set WhoSaid uses:
// recover from broken markup, stay quiet, never touch the network.
static inline int cxml_html_options(void) {
    return HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_NOBLANKS;
}

// xmlFree is a global function pointer, which Swift 6 will not read from other threads;
// this calls it from C.
static inline void cxml_free(void *pointer) { xmlFree(pointer); }

#endif
