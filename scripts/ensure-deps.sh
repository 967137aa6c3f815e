#!/usr/bin/env bash
# Makes sure the C libraries WhoSaid links, libpcre2-8, libxml2 and libcmark, and their headers
# are installed. Installs them with apt-get when it can; otherwise prints the exact command.
set -euo pipefail

have_libraries() {
    if command -v pkg-config >/dev/null 2>&1; then
        pkg-config --exists libpcre2-8 libxml-2.0 libcmark
    else
        [ -f /usr/include/pcre2.h ] && ls /usr/lib/*/libpcre2-8.so >/dev/null 2>&1 \
            && [ -f /usr/include/libxml2/libxml/HTMLparser.h ] && [ -f /usr/include/cmark.h ]
    fi
}

if have_libraries; then
    exit 0
fi

install_cmd="apt-get install -y libpcre2-dev libxml2-dev libcmark-dev pkg-config"
if command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        echo "whosaid: installing libpcre2-dev, libxml2-dev and libcmark-dev with apt-get" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive $install_cmd >/dev/null
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        echo "whosaid: installing libpcre2-dev, libxml2-dev and libcmark-dev with sudo apt-get" >&2
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive $install_cmd >/dev/null
    else
        echo "whosaid: libpcre2-dev, libxml2-dev or libcmark-dev is missing. Run: sudo apt-get update && sudo $install_cmd" >&2
        exit 1
    fi
else
    echo "whosaid: libpcre2-dev, libxml2-dev or libcmark-dev is missing and apt-get is not available." >&2
    echo "Install PCRE2 10.34 or later, libxml2 and cmark, with headers and pkg-config files," >&2
    echo "e.g. 'dnf install pcre2-devel libxml2-devel cmark-devel' or 'brew install pcre2 libxml2 cmark'." >&2
    exit 1
fi

have_libraries || { echo "whosaid: the libraries were installed but pkg-config still does not find them" >&2; exit 1; }
