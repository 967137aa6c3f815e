#!/usr/bin/env python3
"""How far direct-quote recall can go under score.py without changing mixed-quote bounds.

score.py lets a gold *mixed* quote match through any quoted fragment inside it and matches
one to one, ties in gold order. Where the gold has a mixed quote and, inside it, the same
fragment again as a direct quote, one row for that fragment goes to the mixed quote, and
the direct one counts as missed unless another row matches the mixed quote exactly.

This script scores a prediction file three ways on --types direct:
  1. as it is;
  2. with an exact row added for every gold direct quote that has none (perfect
     direct-quote detection, one row per span);
  3. with, in addition, an exact row for every gold mixed quote.
If (2) stays far below (3), direct recall measures agreement on mixed-quote bounds.

  whosaid extract --input jsonl --format jsonl ../shared/eval/gernews.dev.jsonl > pred.jsonl
  python3 scripts/direct-recall-bound.py ../shared/eval/gernews.dev.jsonl pred.jsonl
"""
import copy
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "shared", "eval"))
import score  # noqa: E402  (the reference scorer, from ../shared/eval)


def with_gold_rows(gold, pred, kind):
    """A copy of `pred` with an exact row for every gold quote of `kind` it lacks."""
    out = copy.deepcopy(pred)
    for did, doc in gold.items():
        rows = out.setdefault(did, {"quotes": []})["quotes"]
        have = {(q["start"], q["end"]) for q in rows}
        for q in doc["quotes"]:
            if q["type"] == kind and (q["start"], q["end"]) not in have:
                rows.append({"start": q["start"], "end": q["end"], "type": kind})
        rows.sort(key=lambda q: (q["start"], -q["end"]))
    return out


def direct_recall(gold, pred):
    result, _ = score.score(gold, pred, types={"direct"})
    return result["recall_by_type"]["direct"]


def main():
    gold, pred = score.load(sys.argv[1]), score.load(sys.argv[2])
    perfect_direct = with_gold_rows(gold, pred, "direct")
    print("direct recall as predicted:                      ", direct_recall(gold, pred))
    print("plus an exact row for every gold direct quote:   ", direct_recall(gold, perfect_direct))
    print("plus an exact row for every gold mixed quote too:",
          direct_recall(gold, with_gold_rows(gold, perfect_direct, "mixed")))


if __name__ == "__main__":
    main()
