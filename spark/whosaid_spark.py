#!/usr/bin/env python3
"""Run WhoSaid over a JSON Lines corpus with Apache Spark, through RDD.pipe.

Each executor runs `whosaid stream`, which reads {"id", "text"} records on standard
input and writes exactly one result line per record, in order; Spark keeps each
partition's lines in order, so the output lines line up with the input lines.

    spark-submit spark/whosaid_spark.py INPUT.jsonl OUTPUT_DIR [--whosaid PATH] [--patterns DIR]
                 [--partitions N] [--format jsonl|csv]

The binary and the default rule pack are shipped to the executors with SparkContext.addFile;
on a cluster, build the binary with `swift build -c release --static-swift-stdlib` so it
needs nothing but libc, libpcre2-8 and libxml2 on the executors.
"""
import argparse
import csv
import io
import json
import os
import shlex

from pyspark import SparkFiles
from pyspark.sql import SparkSession

FIELDS = ["id", "type", "text", "start", "end", "byte_start", "byte_end", "speaker", "speaker_mention",
          "speaker_start", "speaker_end", "role", "affiliation", "cue", "via", "anonymous", "rule", "paragraph"]


def csv_rows(line):
    """The CSV rows of one result line: the document id, then every field."""
    doc = json.loads(line)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for q in doc.get("quotes", []):
        writer.writerow([doc["id"]] + ["" if q.get(f) is None else q[f] for f in FIELDS])
    return [out.getvalue()[:-2]] if out.getvalue() else []


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--whosaid", default=os.path.join(here, "..", ".build", "release", "whosaid"))
    ap.add_argument("--patterns", default=os.path.join(here, "..", "Patterns"))
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    ap.add_argument("--master", default=None, help="e.g. local[2]; default: what spark-submit says")
    a = ap.parse_args()

    builder = SparkSession.builder.appName("whosaid")
    if a.master:
        builder = builder.master(a.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.addFile(os.path.abspath(a.whosaid))
    sc.addFile(os.path.abspath(a.patterns), recursive=True)

    # Executors find the shipped files under SparkFiles' root; the binary finds its pack
    # in the Patterns folder beside it.
    command = shlex.join([SparkFiles.get(os.path.basename(a.whosaid)), "stream"])
    # `whosaid stream` answers every record, a record its engine died on with an `error`
    # field, and exits 0; any other exit means lost lines, so the task must fail (and
    # Spark retries it) rather than drop the rest of its partition silently.
    env = {k: v for k, v in os.environ.items() if k.startswith("WHOSAID_")}
    results = sc.textFile(a.input, minPartitions=a.partitions).pipe(command, env=env, checkCode=True)
    if a.format == "csv":
        header = sc.parallelize(["document," + ",".join(FIELDS)], 1)
        results = header.union(results.flatMap(csv_rows))
    results.saveAsTextFile(a.output)
    spark.stop()


if __name__ == "__main__":
    main()
