#!/usr/bin/env python3
"""The Spark stage's throughput (`make spark-bench`): README's table.

usage: bench.py COLLECTION.json|LINES.jsonl [STAGE]

COLLECTION.json is a `factmap synth N` collection; its articles become JSON lines
{"id", "headline", "published", "url", "text"} (beside it, .jsonl). Times, over those lines:
the single process (`factmap facts --jsonl --jobs 1`, then on all cores), factmap's own
start-up (an empty input: the gazetteer decoded), and the Spark stage (facts_stage.py
--bench) at local[1], local[2] and local[*], each in a Python process of its own so that each
pays its JVM's start-up, which is reported apart. Prints a Markdown table; a report, not a
test: nothing is asserted.
"""
import json
import os
import subprocess
import sys
import time

FACTMAP = os.environ.get("FACTMAP", "target/release/factmap")
HERE = os.path.dirname(os.path.abspath(__file__))


def lines_of(collection):
    if collection.endswith(".jsonl"):  # already JSON lines
        with open(collection, "rb") as f:
            return collection, sum(1 for _ in f)
    path = collection.rsplit(".", 1)[0] + ".jsonl"
    with open(collection, encoding="utf-8") as f:
        articles = json.load(f)["articles"]
    with open(path, "w", encoding="utf-8") as out:
        for a in articles:
            line = {k: a.get(k) for k in ("id", "headline", "published", "url", "text")}
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    return path, len(articles)


def timed(argv, stdin_path):
    with open(stdin_path, "rb") as stdin:
        t0 = time.perf_counter()
        subprocess.run(argv, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.perf_counter() - t0


def main():
    collection = sys.argv[1]
    stage = sys.argv[2] if len(sys.argv) > 2 else "facts"
    path, n = lines_of(collection)
    mb = os.path.getsize(path) / 1e6
    cores = os.cpu_count()
    single = ["facts", "--jsonl", "--jobs"] if stage == "facts" else ["geoparse"]
    rows = []
    empty = os.path.join(os.path.dirname(path), "empty.jsonl")
    open(empty, "w").close()
    start = timed([FACTMAP] + (single + ["1"] if stage == "facts" else single), empty)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{n} articles, {mb:.1f} MB of JSON lines ({path}); {cores} cores, load average {load}; "
          f"factmap {stage} start-up (gazetteer decoded, empty input) {start:.1f} s", flush=True)
    for jobs in ([1, cores] if stage == "facts" else [1]):
        argv = [FACTMAP] + (single + [str(jobs)] if stage == "facts" else single)
        seconds = timed(argv, path)
        rows.append((f"single process, `{' '.join(['factmap'] + argv[1:])}`", jobs, "–", seconds))
        print(f"  {rows[-1][0]}: {seconds:.1f} s", flush=True)
    for master in ["local[1]", "local[2]", "local[*]"]:
        out = subprocess.run(
            [sys.executable, os.path.join(HERE, "facts_stage.py"), "--bench", "--stage", stage,
             "--master", master, "--out", f"target/spark/bench-{stage}", path],
            capture_output=True, text=True,
        )
        figures = [json.loads(l) for l in out.stdout.splitlines() if l.startswith("  {")]
        if out.returncode != 0 or not figures:
            print(out.stdout + out.stderr[-3000:])
            sys.exit(f"{master}: the stage failed")
        f = figures[0]
        label = f"Spark `{master}`, {f['partitions']} partition(s)"
        rows.append((label, f["cores"], f"{f['spark_start_s']:.1f} s", f["stage_s"]))
        print(f"  {label}: {f['stage_s']:.1f} s (+ {f['spark_start_s']:.1f} s Spark start-up)", flush=True)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average at the end {load}")
    print(f"\n| {stage}, {n:,} articles ({mb:.0f} MB) | cores | Spark start-up | time | MB/s | articles/s |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, c, spark_start, seconds in rows:
        print(f"| {label} | {c} | {spark_start} | {seconds:.1f} s | {mb / seconds:.2f} | {n / seconds:,.0f} |")


if __name__ == "__main__":
    main()
