#!/usr/bin/env python3
"""`factmap facts --jsonl` (or `factmap geoparse`) as a stage of Apache Spark.

usage: facts_stage.py [--stage facts|geoparse] [--master URL] [--partitions N]
                      [--factmap PATH] [--out DIR] [--check] [--bench] INPUT.jsonl...

Reads the JSON lines of INPUT (files in the order given, or anything `SparkContext.textFile`
reads: a folder, a glob, hdfs://, s3a://), pipes each partition through the release `factmap`
binary (one process per partition, `--jobs 1`: Spark gives each task one core), and writes
the output lines, in input order, to DIR/output/part-NNNNN (their concatenation is the
output). Problems the binary printed on stderr go to DIR/stderr.log with their lines' numbers
in the whole input. `make spark` runs it with --check over the development sets; README
("Spark") shows the same job submitted to a cluster.

Why a pipe and not a Python binding of the core: each output line is a function of its input
line (below), so a partition can go through the very binary the single-process run uses, with
nothing to build per Python version or platform and nothing converted between Python and Rust
objects; the binary embeds its gazetteer, so shipping it (`--files`) is all a cluster needs.
The pipe is RDD.pipe's mechanism (one process per partition, lines in on stdin, lines out on
stdout) written out in `pipe_partition` because RDD.pipe itself (1) looks the command up
where the driver is, not through SparkFiles on the executor, (2) either ignores the exit
status or fails on any non-zero one, while factmap exits 1 for a bad input line (which the
output reports) and only other statuses mean the process failed, and (3) lets stderr through
with line numbers that count from each partition's start.

What is not a function of one line, and how the stage handles it (`facts --jsonl` only):
- an error line's "line" counts from 1 over the whole input, blank lines included: the stage
  knows each partition's first line number and adds it;
- an id an earlier line used is an error ("the id X was used before, on line M"): a process
  sees only its partition, so the stage finds ids used more than once over the whole output
  (each output line starts with the id as factmap writes it) and writes that error line for
  every article after the first, as the single-process run does.
Blank lines give no output in either command; geoparse skips a line it cannot read (stderr
says why), so only facts --jsonl keeps one output line per non-blank input line, which the
stage checks per partition.

--check: also runs the single-process command over the same input (the files concatenated)
and compares its stdout with the stage's output line for line, and its stderr with
DIR/stderr.log; exits 1 when the outputs differ.
--bench: prints the time to start Spark (JVM, SparkContext) and the stage's time and
throughput (MB/s and lines/s of input), as one line of JSON too, for the README table.
Spark runs offline: local masters need no network, and nothing is downloaded (no --packages).
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

STDERR_LINE = re.compile(r"^error: line (\d+): ")
DUPLICATE = re.compile(r"^the id (.*) was used before, on line (\d+)$", re.S)
BLANK = " \t\n\f\r"  # Rust's is_ascii_whitespace: a line of only these gives no output


def command(stage, binary):
    if stage == "facts":
        return [binary, "facts", "--jsonl", "--jobs", "1"]
    return [binary, "geoparse"]


def pipe_partition(stage, first_lines, one_per_line):
    """The task: one factmap process per partition. Yields (line, 0, output line) for each
    output line, `line` being its input line's number in the whole input, and (line, 1, text)
    for each line of stderr."""

    def run(index, lines):
        from pyspark import SparkFiles

        first = first_lines[index]
        binary = SparkFiles.get("factmap")
        err = tempfile.TemporaryFile()  # stderr, read when the process is done
        proc = subprocess.Popen(
            command(stage, binary), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err
        )
        numbers = []  # the numbers of the non-blank lines fed, in order

        def feed():
            try:
                for n, line in enumerate(lines, first):
                    if line.strip(BLANK):
                        numbers.append(n)  # before the line is written, so before its output
                    proc.stdin.write(line.encode("utf-8") + b"\n")
                proc.stdin.close()
            except BrokenPipeError:
                pass  # the process ended early: its exit status says why

        feeder = threading.Thread(target=feed, daemon=True)
        feeder.start()
        count = 0
        for count, raw in enumerate(proc.stdout, 1):  # streamed: a partition is never held whole
            text = raw.decode("utf-8").rstrip("\n")
            number = numbers[count - 1] if one_per_line else None
            if one_per_line and not is_facts_line(text):
                # An error line: its "line" counted from the partition's start.
                record = json.loads(text)
                number = first + record["line"] - 1
                text = re.sub(r'(?<=,"line":)\d+(?=,"error":)', str(number), text, count=1)
                match = DUPLICATE.match(record["error"])
                if match:  # the earlier line is in this partition too
                    text = duplicate_line(match.group(1), number, first + int(match.group(2)) - 1)
            yield (number, 0, text)
        feeder.join()
        status = proc.wait()
        err.seek(0)
        problems = err.read().decode("utf-8", "replace").splitlines()
        err.close()
        if status not in (0, 1):  # 1: some line was bad, and said so; anything else failed
            raise RuntimeError(
                f"{' '.join(command(stage, 'factmap'))} exited with {status} on partition "
                f"{index} (lines from {first}): " + "\n".join(problems[-20:])
            )
        if one_per_line and count != len(numbers):
            raise RuntimeError(f"partition {index}: {count} output lines for {len(numbers)} input lines")
        for line in problems:
            match = STDERR_LINE.match(line)
            if not match:  # not about a line: a warning, or why the process failed
                yield (first, 1, line)
            elif not one_per_line:  # geoparse: the only word about a line it skipped
                n = first + int(match.group(1)) - 1
                yield (n, 1, f"error: line {n}: " + line[match.end():])
            # facts --jsonl: its output says the same; `stderr_lines` writes it from there

    return run


def id_of(text):
    """The id as factmap wrote it (each output line starts with it), or None when null."""
    value, end = json.JSONDecoder().raw_decode(text, len('{"id":'))
    return None if value is None else text[len('{"id":'):end]


def is_facts_line(text):
    """Whether an output line of facts --jsonl is an article's facts (else an error line)."""
    return text.endswith("]}")  # {"id", "facts", "unplaced", "diagnostics": [...]}


def stderr_lines(record):
    """What the single-process run prints on stderr for an output line of facts --jsonl (its
    `Output::problems`): the error, or the article's error diagnostics."""
    number, kind, text = record
    if kind == 1:
        return [record]
    if is_facts_line(text):
        if '"severity":"error"' not in text:
            return []
        problems = [
            f"{d['source']}: {d['message']}"
            for d in json.loads(text)["diagnostics"]
            if d["severity"] == "error"
        ]
    else:
        problems = [json.loads(text)["error"]]
    return [(number, 1, f"error: line {number}: {p}") for p in problems]


def duplicate_line(raw_id, number, earlier):
    message = f"the id {raw_id} was used before, on line {earlier}"
    # Python's escapes with ensure_ascii=False are serde_json's: \" \\ \n \r \t \b \f \u00XX.
    return '{"id":%s,"line":%d,"error":%s}' % (raw_id, number, json.dumps(message, ensure_ascii=False))


def fix_duplicates(records):
    """Every article whose id an earlier line of the whole input used becomes that error."""
    keyed = records.filter(lambda r: r[1] == 0).map(lambda r: (id_of(r[2]), r[0]))
    firsts = (
        keyed.filter(lambda kv: kv[0] is not None)
        .map(lambda kv: (kv[0], (kv[1], 1)))
        .reduceByKey(lambda a, b: (min(a[0], b[0]), a[1] + b[1]))
        .filter(lambda kv: kv[1][1] > 1)
        .map(lambda kv: (kv[0], kv[1][0]))
        .collectAsMap()
    )
    if not firsts:
        return records, 0
    firsts = records.context.broadcast(firsts)

    def fix(record):
        number, kind, text = record
        raw_id = id_of(text) if kind == 0 else None
        first = firsts.value.get(raw_id)
        if first is None or number == first:
            return record
        if is_facts_line(text) or DUPLICATE.match(json.loads(text)["error"]):
            # An article (its facts), or already this error: a line that failed otherwise
            # keeps its own error, as in the single-process run.
            return (number, kind, duplicate_line(raw_id, number, first))
        return record

    return records.map(fix), len(firsts.value)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--stage", choices=["facts", "geoparse"], default="facts")
    parser.add_argument("--master", default=None, help="default: local[*], or spark-submit's")
    parser.add_argument("--partitions", type=int, default=None, help="at least this many per input")
    parser.add_argument("--factmap", default="target/release/factmap")
    parser.add_argument("--out", default="target/spark/run")
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--bench", action="store_true")
    args = parser.parse_args()

    started = time.perf_counter()
    if (args.master or "local").startswith("local") and "PYSPARK_GATEWAY_PORT" not in os.environ:
        # Run by python itself, not spark-submit: one machine, no network.
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        # The workers run this Python (the virtual environment's), not whichever is on PATH.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark import SparkConf, SparkContext, StorageLevel

    SparkContext._ensure_initialized()  # the JVM: its conf holds spark-submit's settings
    conf = SparkConf().setAppName(f"factmap {args.stage}")
    if args.master or not conf.contains("spark.master"):
        conf.setMaster(args.master or "local[*]")
    conf.set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false")  # a log, not a UI
    sc = SparkContext(conf=conf)
    sc.setLogLevel("WARN")
    sc.parallelize([0], 1).count()  # the first job starts a Python worker: start-up, not stage
    spark_start = time.perf_counter() - started
    cores = sc.defaultParallelism

    # Shipped with each task's files (on a cluster, fetched into each executor's folder), unless
    # spark-submit --files already ships a factmap.
    if not any(f.endswith("/factmap") for f in conf.get("spark.files", "").split(",")):
        sc.addFile(os.path.abspath(args.factmap))
    lines = sc.union([sc.textFile(path, args.partitions or cores) for path in args.inputs])
    lines.persist(StorageLevel.MEMORY_AND_DISK)  # read twice; kept on disk when memory is short
    t0 = time.perf_counter()
    # Each partition's first line number in the whole input (blank lines count, as in factmap).
    sizes = lines.mapPartitions(lambda it: [sum(1 for _ in it)]).collect()
    first_lines = [1 + sum(sizes[:i]) for i in range(len(sizes))]
    records = lines.mapPartitionsWithIndex(
        pipe_partition(args.stage, first_lines, args.stage == "facts"), preservesPartitioning=True
    )
    records.persist(StorageLevel.MEMORY_AND_DISK)  # read by each action below: the pipe runs once
    duplicates = 0
    if args.stage == "facts":
        records, duplicates = fix_duplicates(records)
    output_dir = os.path.join(args.out, "output")
    remote = "://" in args.out  # hdfs://, s3a://: must not exist yet
    if not remote:
        shutil.rmtree(output_dir, ignore_errors=True)
    records.filter(lambda r: r[1] == 0).map(lambda r: r[2]).saveAsTextFile(output_dir)
    if args.stage == "facts":
        problems = records.flatMap(stderr_lines).collect()
    else:
        problems = records.filter(lambda r: r[1] == 1).collect()
    seconds = time.perf_counter() - t0

    problems = [line for _, _, line in sorted(problems, key=lambda r: r[0])]
    if remote:
        sc.parallelize(problems, 1).saveAsTextFile(os.path.join(args.out, "stderr"))
    else:
        with open(os.path.join(args.out, "stderr.log"), "w", encoding="utf-8") as log:
            log.writelines(line + "\n" for line in problems)
    in_bytes = sum(os.path.getsize(p) for p in args.inputs if os.path.isfile(p))
    n_lines = sum(sizes)
    out_lines = records.filter(lambda r: r[1] == 0).count()
    print(
        f"spark {args.stage}: {sc.master} ({cores} cores), {len(sizes)} partitions, "
        f"{n_lines} input lines -> {out_lines} output lines in {output_dir}/; "
        f"{len(problems)} stderr lines in {args.out}/stderr.log"
        + (f"; {duplicates} ids used on more than one line" if duplicates else "")
    )
    figures = {
        "stage": args.stage,
        "master": sc.master,
        "cores": cores,
        "partitions": len(sizes),
        "lines": n_lines,
        "mb": round(in_bytes / 1e6, 2),
        "spark_start_s": round(spark_start, 2),
        "stage_s": round(seconds, 2),
        "mb_per_s": round(in_bytes / 1e6 / seconds, 2),
        "lines_per_s": round(n_lines / seconds),
    }
    sc.stop()
    if args.bench:
        print(
            f"  Spark start-up (JVM, context, first Python worker) {spark_start:.1f} s; stage "
            f"{seconds:.1f} s for {in_bytes / 1e6:.1f} MB: {figures['mb_per_s']} MB/s, "
            f"{figures['lines_per_s']} lines/s"
        )
        print("  " + json.dumps(figures))
    if args.check:
        return check(args, output_dir)
    return 0


def check(args, output_dir):
    """The single-process run over the same input, compared line for line."""
    whole = os.path.join(args.out, "input.jsonl")
    with open(whole, "wb") as out:
        for path in args.inputs:
            with open(path, "rb") as f:
                data = f.read()
            out.write(data if data.endswith(b"\n") or not data else data + b"\n")
    argv = [args.factmap] + command(args.stage, "")[1:]
    if args.stage == "facts":
        argv = argv[:-2]  # the single-process run on all cores: its output is the same for any N
    t0 = time.perf_counter()
    with open(whole, "rb") as stdin:
        single = subprocess.run(argv, stdin=stdin, capture_output=True)
    seconds = time.perf_counter() - t0
    with open(os.path.join(args.out, "single.jsonl"), "wb") as f:
        f.write(single.stdout)
    expected = single.stdout.decode("utf-8").splitlines()
    got = []
    for part in sorted(p for p in os.listdir(output_dir) if p.startswith("part-")):
        with open(os.path.join(output_dir, part), encoding="utf-8") as f:
            got.extend(f.read().splitlines())
    print(
        f"single process: {' '.join(argv)} < {whole}: exit {single.returncode}, "
        f"{len(expected)} lines in {seconds:.1f} s"
    )
    for n, (a, b) in enumerate(zip(expected, got), 1):
        if a != b:
            print(f"DIFFERENT: output line {n}\n  single: {a[:300]}\n  spark:  {b[:300]}")
            return 1
    if len(expected) != len(got):
        print(f"DIFFERENT: {len(expected)} lines from the single process, {len(got)} from Spark")
        return 1
    with open(os.path.join(args.out, "stderr.log"), encoding="utf-8") as f:
        same_stderr = f.read() == single.stderr.decode("utf-8", "replace")
    print(
        f"SAME: the {len(got)} output lines are the single-process run's, line for line "
        f"(stderr {'the same too' if same_stderr else 'differs: compare ' + args.out + '/stderr.log'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
