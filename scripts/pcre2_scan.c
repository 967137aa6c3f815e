/*
 * Times one PCRE2 pattern over a text file the way WhoSaid compiles its rules (UTF, UCP,
 * extended, MATCH_INVALID_UTF, JIT): a plain scan from every position, or, with
 * --word-starts, one anchored attempt at each word start (a pattern compiled with
 * PCRE2_ANCHORED, so the JIT is used). Measures where a rule's time goes.
 *
 *   python3 -c "import json,sys; print('\n\n'.join(json.loads(l)['text'] for l in open(sys.argv[1])))" \
 *       ../shared/eval/polnear.dev.jsonl > corpus.txt
 *   .build/release/whosaid patterns show speaker_cue_clause > rule.pat
 *   cc -O2 scripts/pcre2_scan.c -lpcre2-8 -o /tmp/pcre2_scan
 *   /tmp/pcre2_scan rule.pat corpus.txt [--word-starts]
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char *slurp(const char *path, size_t *length) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(2); }
    fseek(f, 0, SEEK_END);
    *length = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    char *bytes = malloc(*length + 1);
    if (fread(bytes, 1, *length, f) != *length) { perror(path); exit(2); }
    bytes[*length] = 0;
    fclose(f);
    return bytes;
}

/* A byte that can be part of a word: ASCII letters and digits, any byte of a non-ASCII
   character, apostrophe and hyphen. */
static int in_word(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80 || c == '\'' ||
           c == '-';
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s PATTERN-FILE TEXT-FILE [--word-starts]\n", argv[0]);
        return 2;
    }
    int word_starts = argc > 3 && strcmp(argv[3], "--word-starts") == 0;
    size_t pattern_length, text_length;
    char *pattern = slurp(argv[1], &pattern_length);
    char *text = slurp(argv[2], &text_length);
    while (pattern_length && pattern[pattern_length - 1] == '\n') pattern[--pattern_length] = 0;
    uint32_t options = PCRE2_UTF | PCRE2_UCP | PCRE2_EXTENDED | PCRE2_MATCH_INVALID_UTF;
    if (word_starts) options |= PCRE2_ANCHORED;
    int error;
    PCRE2_SIZE offset;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, pattern_length, options, &error, &offset, NULL);
    if (!code) {
        PCRE2_UCHAR message[256];
        pcre2_get_error_message(error, message, sizeof message);
        fprintf(stderr, "compile error at %zu: %s\n", (size_t)offset, message);
        return 1;
    }
    if (pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) != 0) fprintf(stderr, "warning: no JIT\n");
    pcre2_match_data *data = pcre2_match_data_create_from_pattern(code, NULL);
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    long matches = 0, attempts = 0;
    if (word_starts) {
        size_t skip_until = 0;
        for (size_t i = 0; i < text_length; i++) {
            unsigned char c = (unsigned char)text[i];
            if (i < skip_until || !in_word(c) || (c & 0xC0) == 0x80) continue;
            if (i > 0 && in_word((unsigned char)text[i - 1])) continue;
            attempts++;
            if (pcre2_match(code, (PCRE2_SPTR)text, text_length, i, 0, data, NULL) >= 0) {
                matches++;
                skip_until = pcre2_get_ovector_pointer(data)[1];
            }
        }
    } else {
        size_t at = 0;
        while (at <= text_length) {
            if (pcre2_match(code, (PCRE2_SPTR)text, text_length, at, 0, data, NULL) < 0) break;
            PCRE2_SIZE *ovector = pcre2_get_ovector_pointer(data);
            matches++;
            at = ovector[1] > ovector[0] ? ovector[1] : ovector[0] + 1;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    double ms = (double)(end.tv_sec - start.tv_sec) * 1e3 + (double)(end.tv_nsec - start.tv_nsec) / 1e6;
    printf("%s: %ld matches", word_starts ? "anchored at word starts" : "scan", matches);
    if (word_starts) printf(", %ld attempts", attempts);
    printf(", %.1f ms, %.1f MB/s\n", ms, (double)text_length / ms / 1e3);
    return 0;
}
