#!/usr/bin/env bash
# Makes sure the C library WhoSaid links, libpcre2-8, and its headers are installed.
# Installs libpcre2-dev with apt-get when it can; otherwise prints the exact command.
set -euo pipefail

have_pcre2() {
    if command -v pkg-config >/dev/null 2>&1; then
        pkg-config --exists libpcre2-8
    else
        [ -f /usr/include/pcre2.h ] && ls /usr/lib/*/libpcre2-8.so >/dev/null 2>&1
    fi
}

if have_pcre2; then
    exit 0
fi

install_cmd="apt-get install -y libpcre2-dev pkg-config"
if command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        echo "whosaid: installing libpcre2-dev with apt-get" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive $install_cmd >/dev/null
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        echo "whosaid: installing libpcre2-dev with sudo apt-get" >&2
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive $install_cmd >/dev/null
    else
        echo "whosaid: libpcre2-dev is missing. Run: sudo apt-get update && sudo $install_cmd" >&2
        exit 1
    fi
else
    echo "whosaid: libpcre2-dev is missing and apt-get is not available." >&2
    echo "Install PCRE2 10.34 or later with its headers and pkg-config file (libpcre2-8.pc)," >&2
    echo "e.g. 'dnf install pcre2-devel' or 'brew install pcre2'." >&2
    exit 1
fi

have_pcre2 || { echo "whosaid: libpcre2-dev was installed but libpcre2-8 is still not found" >&2; exit 1; }
