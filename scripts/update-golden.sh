#!/usr/bin/env bash
# Rewrites the reporters' golden files from the fixture article. Run it after a rule or
# reporter change that is meant to change the output, then review the diff.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product whosaid >/dev/null
bin=.build/release/whosaid
golden=Tests/CommandTests/Golden
fixture=Fixtures/harbour-strike.txt
for format in jsonl csv markdown; do
    ext=$format; [ "$format" = markdown ] && ext=md
    (cd Fixtures && ../$bin extract --format "$format" harbour-strike.txt) > "$golden/harbour-strike.$ext"
done
(cd Fixtures && ../$bin extract --summary harbour-strike.txt) > "$golden/harbour-strike.summary.md"
echo "updated $golden"
