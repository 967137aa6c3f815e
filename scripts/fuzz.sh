#!/usr/bin/env bash
# Builds the libFuzzer targets with AddressSanitizer and runs each for FUZZ_SECONDS
# (default 600). The pipeline is seeded from Fixtures/, every example text of Patterns/
# and, when ../shared/eval is there, paragraphs of its files (scripts/fuzz-seeds.py;
# they stay under out/, never committed), and mutated with quotation marks, line breaks
# and odd spaces as well as libFuzzer's own mutations. Inputs slower than 1 s per 10 KB
# count as crashes. Crashes are written to out/fuzz/<target>/crashes/; keep each as a
# regression input in Fuzz/Regressions/<target>/ (replayed by the test suite).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-600}
scripts/ensure-deps.sh
for target in fuzz-pipeline fuzz-rule-loader; do
    swift build --scratch-path .build-fuzz -c debug --product "$target" \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING >/dev/null
done
bin=$(swift build --scratch-path .build-fuzz -c debug --show-bin-path)
mkdir -p out/fuzz/seeds-pipeline out/fuzz/seeds-rules
cp Fixtures/*.txt out/fuzz/seeds-pipeline/
python3 scripts/fuzz-seeds.py out/fuzz/seeds-pipeline
cp Fuzz/Regressions/fuzz-pipeline/* out/fuzz/seeds-pipeline/ 2>/dev/null || true
for f in Patterns/*/*.yaml; do cp "$f" "out/fuzz/seeds-rules/$(basename "$(dirname "$f")")-$(basename "$f")"; done
cp Examples/house-rules/*.yaml out/fuzz/seeds-rules/
for target in fuzz-pipeline fuzz-rule-loader; do
    seeds=out/fuzz/seeds-pipeline; [ "$target" = fuzz-rule-loader ] && seeds=out/fuzz/seeds-rules
    mkdir -p "out/fuzz/$target/corpus" "out/fuzz/$target/crashes"
    echo "== $target for $seconds s"
    # The Swift backtracer off, so that AddressSanitizer reports the fault itself.
    SWIFT_BACKTRACE=enable=no "$bin/$target" "out/fuzz/$target/corpus" "$seeds" -max_total_time="$seconds" -max_len=65536 \
        -timeout=20 -rss_limit_mb=4096 -artifact_prefix="out/fuzz/$target/crashes/" -print_final_stats=1 \
        2>&1 | tee "out/fuzz/$target.log" | grep -E "^(#[0-9]+ +DONE|stat::|==[0-9]+==ERROR|SUMMARY|Done)" || true
done
