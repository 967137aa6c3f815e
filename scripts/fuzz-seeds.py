#!/usr/bin/env python3
"""Writes the pipeline fuzzer's seeds into DIR: every example text of the rule packs and,
when ../shared/eval is there, paragraphs of its files (kept out of the repository: DIR is
under out/). A fuzzer seeded with one article never reaches most rules.

usage: scripts/fuzz-seeds.py DIR
"""
import glob
import json
import os
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def pack_examples():
    for path in sorted(glob.glob(os.path.join(ROOT, "Patterns", "**", "*.yaml"), recursive=True)):
        with open(path, encoding="utf-8") as f:
            pack = yaml.safe_load(f) or {}
        for rule in pack.get("rules") or []:
            examples = rule.get("examples") or {}
            for e in (examples.get("match") or []) + (examples.get("no_match") or []):
                text = e.get("text") if isinstance(e, dict) else e
                if isinstance(text, str):
                    yield text


def eval_paragraphs(per_file=300):
    """Runs of a few paragraphs, spread over each file, as the dev data writes them."""
    for path in sorted(glob.glob(os.path.join(ROOT, "..", "shared", "eval", "*.dev.jsonl"))):
        with open(path, encoding="utf-8") as f:
            docs = [json.loads(line)["text"] for line in f if line.strip()]
        step = max(1, len(docs) // per_file)
        for text in docs[::step][:per_file]:
            blocks = [b for b in text.split("\n\n") if b.strip()] or [text]
            middle = len(blocks) // 2
            yield "\n\n".join(blocks[max(0, middle - 2):middle + 2])[:8000]


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    count = 0
    for kind, texts in (("example", pack_examples()), ("eval", eval_paragraphs())):
        for i, text in enumerate(texts):
            with open(os.path.join(out, f"{kind}-{i:04d}.txt"), "w", encoding="utf-8") as f:
                f.write(text)
            count += 1
    print(f"{count} seeds in {out}")


main()
