#ifndef WHOSAID_CLIBXML2_SHIM_H
#define WHOSAID_CLIBXML2_SHIM_H

// libxml2's HTML parser, for articles saved as web pages. Only Sources/HTMLText imports it.
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

// The parser options are enum constants Swift imports, but as a C enum type that does not
// combine with `|` into the int the function takes; this returns the set WhoSaid uses:
// recover from broken markup, stay quiet, never touch the network.
static inline int cxml_html_options(void) {
    return HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_NOBLANKS;
}

#endif
