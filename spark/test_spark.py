#!/usr/bin/env python3
"""Integration test: the Spark recipe in local mode on a few hundred documents must give,
record for record, what one plain `whosaid stream` process gives."""
import glob
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BIN = os.path.join(ROOT, ".build", "release", "whosaid")


def corpus(path, n=300):
    """Documents made from the fixture article's paragraphs, shuffled, plus a few broken lines
    and one record the engine traps on (WHOSAID_FAILPOINT, set in main)."""
    with open(os.path.join(ROOT, "Fixtures", "harbour-strike.txt"), encoding="utf-8") as f:
        paragraphs = [p for p in f.read().split("\n\n") if p.strip()]
    rng = random.Random(7)
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            if i % 97 == 13:
                out.write("this line is not JSON\n")
                continue
            text = "\n\n".join(rng.sample(paragraphs, k=rng.randint(1, len(paragraphs))))
            out.write(json.dumps({"id": f"doc{i:04d}", "text": text}, ensure_ascii=False) + "\n")


def main():
    # The engine traps on this record in both runs; it must come out as an error line.
    os.environ["WHOSAID_FAILPOINT"] = "trap@doc0042"
    work = tempfile.mkdtemp(prefix="whosaid-spark-")
    try:
        data = os.path.join(work, "corpus.jsonl")
        corpus(data)
        with open(data, "rb") as f:
            expected = subprocess.run([BIN, "stream"], stdin=f, capture_output=True, check=True).stdout.decode().splitlines()
        out = os.path.join(work, "out")
        subprocess.run([sys.executable, os.path.join(HERE, "whosaid_spark.py"), data, out, "--master", "local[2]",
                        "--partitions", "4"], check=True)
        got = []
        for part in sorted(glob.glob(os.path.join(out, "part-*"))):
            with open(part, encoding="utf-8") as f:
                got += f.read().splitlines()
        # Records that could not be read are named by their line within the piece of
        # input a task saw; compare those by their error, the rest exactly.
        def key(line):
            d = json.loads(line)
            return ("error", d["error"].split(":", 1)[1]) if "error" in d else (d["id"], line)
        lines = len(expected)
        assert len(got) == lines, f"{len(got)} lines from Spark, {lines} from one process"
        mismatches = [i for i, (a, b) in enumerate(zip(expected, got)) if key(a) != key(b)]
        assert not mismatches, f"{len(mismatches)} records differ, first at line {mismatches[0] + 1}"
        trapped = [json.loads(l) for l in got if json.loads(l)["id"] == "doc0042"]
        assert len(trapped) == 1 and "signal" in trapped[0].get("error", ""), f"trapped record: {trapped}"
        quotes = sum(len(json.loads(l)["quotes"]) for l in got)
        print(f"\nspark: {lines} records, 0 differ ({quotes} quotes, same as one process, record for record)")
        csv_out = os.path.join(work, "csv")
        subprocess.run([sys.executable, os.path.join(HERE, "whosaid_spark.py"), data, csv_out, "--master", "local[2]",
                        "--format", "csv"], check=True)
        rows = sum(len(open(p, encoding="utf-8").read().splitlines()) for p in glob.glob(os.path.join(csv_out, "part-*")))
        print(f"spark csv: {rows} lines")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
