#ifndef WHOSAID_CCMARK_SHIM_H
#define WHOSAID_CCMARK_SHIM_H

// libcmark, the CommonMark reference parser, for articles written in Markdown. Only
// Sources/MarkdownText imports it.
#include <cmark.h>

#endif
