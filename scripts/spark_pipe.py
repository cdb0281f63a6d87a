#!/usr/bin/env python3
"""Proves that `dragoman --format jsonl` works as a command that distributed engines pipe records
through: Apache Spark's `RDD.pipe` over a corpus split into partitions gives the same output, line
for line and in the same order, as one `dragoman` run over the whole file.

What it does:

1. builds the release binary (scratch path .build-bench, as scripts/bench.py does), or takes
   --binary PATH;
2. generates a JSON Lines corpus with ../shared/bench/gen_corpus.py (--mb, default 16 MiB), or
   takes --corpus FILE;
3. runs `dragoman --format jsonl ARGS < corpus` once: the reference output;
4. starts Spark in local mode (local[2]) and runs
       sc.textFile(corpus, N).pipe("/abs/path/dragoman --format jsonl ARGS", checkCode=True)
   saving the result with saveAsTextFile and reading the part files back in partition order
   (or, with --collect, `glom().collect()` into the driver);
5. compares: as many lines as the reference, byte-identical lines in the same order, and the
   "id" of each output record equal to the "id" of the input record on the same line.

It prints the timings (reference run, Spark start-up, Spark job), record and partition counts, and
PASS or FAIL. Exit status: 0 identical output; 1 a difference (the first differing line number and
both lines are printed, cut around the first differing byte) or a failed run; 2 a prerequisite is
missing (pyspark, Java, swift, the corpus generator).

How to run it:

    pip install pyspark                      # not installed by the script; Spark 4 needs Java 17+
    python3 scripts/spark_pipe.py            # 16 MiB corpus, 8 partitions, local[2]
    python3 scripts/spark_pipe.py --mb 4 --partitions 4
    python3 scripts/spark_pipe.py --dragoman-args "--config my.yaml" --corpus feed.jsonl
    python3 scripts/spark_pipe.py --binary /usr/local/bin/dragoman --keep-dir spark-out

--dragoman-args (default "--stages repair,money --from auto"; a single option needs the = form,
--dragoman-args=--strict) is split as a shell would split it and passed to both runs; a relative --config path is made absolute first, since Spark runs the
command from its own worker, not from this directory. The command always names dragoman by its
absolute path: PySpark starts it with an empty environment (RDD.pipe's `env` defaults to {}), so
there is no PATH to search and no locale; the reference run keeps this script's environment, so
a dragoman that depended on either would show up as a difference. If `java` is not on PATH and
JAVA_HOME is not set, the script looks for a JDK under /usr/lib/jvm (17 first, then 21).

Expected runtime: with the release binary already built, 15-35 s for the 16 MiB default (measured
on a shared machine, quiet to busy), most of it the JVM and SparkContext start-up (3-13 s) and Spark's own
per-record overhead (Spark hands every line to a Python worker, which writes it to the pipe);
dragoman itself takes one to a few seconds of that. Add half a minute to a few minutes when the release
binary has to be built first.

Why it is opt-in and not part of `swift test` or every CI run: it needs pyspark (about 500 MB
installed) and a JDK, and the JVM and SparkContext start-up alone take several seconds before the
first record moves. Run
it from a benchmark job, or before changing the JSON Lines reader or writer, the record ordering
under --jobs, or the handling of blank lines and line ends.

How Spark's pipe works (PySpark's RDD.pipe): for each partition, one process of the command is
started; a thread writes that partition's elements to its standard input, each followed by "\\n",
then closes it; every line the process writes to standard output becomes one element of the new
partition, in the order written (the "\\n" is stripped). Partitions keep their order, so collect()
or the part-00000, part-00001, ... files of saveAsTextFile read in the input's order. With
checkCode=True a non-zero exit of the command fails the task. sc.textFile splits the file into
byte ranges of about size/N (Hadoop's input splits: more than N when size/N exceeds a block, 32 MiB
on the local file system) and each reader owns the lines that start in its range, so no record is cut or read twice. Hadoop's line reader
ends a line at "\\n", "\\r" or "\\r\\n" and drops the ending; dragoman keeps a record's line end
as it came, so a corpus with CRLF line ends differs in the "\\r" (the script says so if it sees it).
Blank lines pass through dragoman as blank lines, so line N of the output always belongs to line N
of the input.

The same recipe with Hadoop Streaming (documentation only; not run by this script). A map-only job
keeps each input split's line order, and each split's output is its own part file:

    hadoop jar $HADOOP_HOME/share/hadoop/tools/lib/hadoop-streaming-*.jar \\
        -D stream.map.output=keyonlytext \\
        -files /usr/local/bin/dragoman \\
        -input corpus.jsonl -output normalized \\
        -mapper "dragoman --format jsonl --stages repair,money --from auto" \\
        -numReduceTasks 0
    # part-00000, part-00001, ... concatenated in order equal `dragoman --format jsonl ... < corpus.jsonl`

-files ships the binary into each task's working directory, where the mapper finds it (add
`--config config.yaml` to -files and to the mapper as needed); the binary must find the ICU
libraries it links on every node. With -numReduceTasks 0 there is no sort or shuffle, so lines are
not reordered by key. With TextInputFormat (the default) the mapper gets the line only, not the
byte-offset key. `-D stream.map.output=keyonlytext` (a generic option, so it comes first) writes
each output line as it is: by default Streaming splits a mapper's output line into key and value
at the first tab and TextOutputFormat writes key, tab, value, so a line with no tab (JSON escapes
the tabs in strings) comes out with a trailing tab. Do not use `-io keyonlytext` instead: it also
changes the mapper's input to the byte-offset key.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path
from typing import Iterable, Iterator

from dragoman_build import build_dragoman

REPO = Path(__file__).resolve().parent.parent
SCRATCH = ".build-bench"
DEFAULT_DRAGOMAN_ARGS = "--stages repair,money --from auto"
SHOWN_CHARS = 160  # of a differing line, around the first differing byte


class Prerequisite(Exception):
    """Something the check needs is missing: exit 2, as for a skipped test."""


class Failure(Exception):
    """A run failed: exit 1."""


def log(message: str) -> None:
    print(f"spark_pipe: {message}", file=sys.stderr, flush=True)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="scripts/spark_pipe.py",
        description="Check that Spark's RDD.pipe through `dragoman --format jsonl` over N partitions "
                    "gives the same output as one dragoman run.")
    parser.add_argument("--mb", type=float, default=16, metavar="N",
                        help="corpus size for gen_corpus.py, which counts MiB (default 16); ignored with --corpus")
    parser.add_argument("--seed", type=int, metavar="N", help="gen_corpus.py --seed (default: its own)")
    parser.add_argument("--corpus", type=Path, metavar="FILE", help="use this JSON Lines file instead of generating one")
    parser.add_argument("--partitions", type=int, default=8, metavar="N",
                        help="minimum partitions for sc.textFile (default 8; Spark makes more for a corpus over N x 32 MiB)")
    parser.add_argument("--master", default="local[2]", help="Spark master (default local[2])")
    parser.add_argument("--dragoman-args", default=DEFAULT_DRAGOMAN_ARGS, metavar="ARGS",
                        help=f'extra dragoman arguments after --format jsonl (default "{DEFAULT_DRAGOMAN_ARGS}"); '
                             'write a single option as --dragoman-args=--strict')
    parser.add_argument("--collect", action="store_true",
                        help="bring the output into the driver with glom().collect() instead of saveAsTextFile")
    parser.add_argument("--no-id-check", action="store_true",
                        help='skip the check that output line N has the "id" of input line N '
                             "(for --skip-invalid, which drops malformed lines)")
    parser.add_argument("--binary", type=Path, metavar="PATH", help="use this dragoman instead of building one")
    parser.add_argument("--no-build", action="store_true", help="use the existing release binary in .build-bench")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared", metavar="DIR",
                        help="the shared folder holding bench/gen_corpus.py (default: <repo>/../shared)")
    parser.add_argument("--keep-dir", type=Path, metavar="DIR",
                        help="write the corpus, the reference output and Spark's output here and keep them "
                             "(default: a temporary folder, removed at the end)")
    args = parser.parse_args(argv)
    if args.mb <= 0:
        parser.error("--mb must be positive")
    if args.partitions < 1:
        parser.error("--partitions must be at least 1")
    return args


# --- prerequisites ---------------------------------------------------------------------------------

def import_pyspark():
    try:
        import pyspark  # noqa: F401
    except ImportError:
        print("pyspark is not installed: pip install pyspark", file=sys.stderr)
        sys.exit(2)
    return pyspark


def java_major(java: str) -> tuple[int, str]:
    result = subprocess.run([java, "-version"], capture_output=True, text=True)
    text = (result.stderr or result.stdout).strip()
    first = text.splitlines()[0] if text else ""
    match = re.search(r'version "(\d+)(?:\.(\d+))?', first)
    if result.returncode != 0 or not match:
        return 0, first
    major = int(match.group(1))
    return (int(match.group(2) or 0) if major == 1 else major), first  # "1.8.0" is Java 8


def find_java() -> str:
    """The java Spark will start (JAVA_HOME's, else PATH's); sets JAVA_HOME from /usr/lib/jvm if neither."""
    home = os.environ.get("JAVA_HOME")
    if home:
        java = Path(home) / "bin" / "java"
        if not java.is_file():
            raise Prerequisite(f"JAVA_HOME={home} has no bin/java")
        return str(java)
    on_path = shutil.which("java")
    if on_path:
        return on_path
    jvm = Path("/usr/lib/jvm")
    for pattern in ("java-17*", "*17*", "java-21*", "*21*", "*"):
        for candidate in sorted(jvm.glob(pattern)) if jvm.is_dir() else []:
            if (candidate / "bin" / "java").is_file():
                os.environ["JAVA_HOME"] = str(candidate)
                log(f"java is not on PATH; using JAVA_HOME={candidate}")
                return str(candidate / "bin" / "java")
    raise Prerequisite("no Java: install a JDK 17 (apt-get install openjdk-17-jre-headless) or set JAVA_HOME")


def dragoman_binary(args: argparse.Namespace) -> Path:
    if args.binary is not None:
        if not args.binary.is_file() or not os.access(args.binary, os.X_OK):
            raise Prerequisite(f"--binary {args.binary}: not an executable file")
        return args.binary.resolve()
    try:
        return build_dragoman(REPO, SCRATCH, release=True, build=not args.no_build, log=log).resolve()
    except RuntimeError as error:
        message = str(error)
        if "not on PATH" in message:
            raise Prerequisite(message) from None
        raise Failure(message + (" (run without --no-build)" if args.no_build else "")) from None


def absolute_config(tokens: list[str]) -> list[str]:
    """Makes --config FILE absolute: Spark's workers do not run the command from this directory."""
    out = list(tokens)
    for i, token in enumerate(out):
        if token == "--config" and i + 1 < len(out):
            out[i + 1] = str(Path(out[i + 1]).resolve())
        elif token.startswith("--config="):
            out[i] = "--config=" + str(Path(token.split("=", 1)[1]).resolve())
    return out


# --- corpus and reference --------------------------------------------------------------------------

def make_corpus(args: argparse.Namespace, workdir: Path) -> Path:
    if args.corpus is not None:
        if not args.corpus.is_file():
            raise Failure(f"--corpus {args.corpus}: no such file")
        return args.corpus.resolve()
    generator = args.shared / "bench" / "gen_corpus.py"
    if not generator.is_file():
        raise Prerequisite(f"corpus generator not found: {generator} (pass --shared DIR or --corpus FILE)")
    command = [sys.executable, str(generator), f"{args.mb:g}", "--jsonl"]
    if args.seed is not None:
        command += ["--seed", str(args.seed)]
    corpus = workdir / "corpus.jsonl"
    log("generating the corpus: " + " ".join(command))
    with corpus.open("wb") as out:
        result = subprocess.run(command, stdout=out, stderr=subprocess.PIPE)
    if result.returncode != 0 or corpus.stat().st_size == 0:
        sys.stderr.write(result.stderr.decode(errors="replace"))
        raise Failure(f"gen_corpus.py failed (exit {result.returncode})")
    return corpus


def run_reference(argv: list[str], corpus: Path, out: Path) -> float:
    log("reference run: " + shlex.join(argv) + " < " + str(corpus))
    with corpus.open("rb") as stdin, out.open("wb") as stdout:
        start = time.perf_counter()
        result = subprocess.run(argv, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE)
        wall = time.perf_counter() - start
    if result.returncode != 0:
        sys.stderr.write(result.stderr.decode(errors="replace"))
        raise Failure(f"the reference dragoman run exited {result.returncode}")
    return wall


# --- Spark -----------------------------------------------------------------------------------------

@dataclass
class SparkRun:
    version: str
    startup_s: float
    job_s: float
    partitions: int
    per_partition: list[int] = field(default_factory=list)
    output_files: list[Path] = field(default_factory=list)  # saveAsTextFile, in partition order
    collected: list[list[str]] | None = None               # --collect, one list per partition

    def lines(self) -> Iterator[bytes]:
        if self.collected is not None:
            for partition in self.collected:
                for line in partition:
                    yield line.encode("utf-8")
        else:
            for path in self.output_files:
                with path.open("rb") as f:
                    for line in f:
                        yield line[:-1] if line.endswith(b"\n") else line


def part_files(folder: Path) -> list[Path]:
    parts = [p for p in folder.iterdir() if re.fullmatch(r"part-\d+", p.name)]
    return sorted(parts, key=lambda p: int(p.name.split("-", 1)[1]))


def count_lines(path: Path) -> int:
    with path.open("rb") as f:
        return sum(1 for _ in f)


def run_spark(pyspark, args: argparse.Namespace, corpus: Path, command: str, workdir: Path) -> SparkRun:
    from pyspark import SparkConf, SparkContext

    # The Python workers must be this interpreter (it has pyspark); loopback avoids hostname trouble.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    conf = (SparkConf().setMaster(args.master).setAppName("dragoman-spark-pipe")
            .set("spark.ui.enabled", "false")
            .set("spark.driver.host", "127.0.0.1")
            .set("spark.driver.bindAddress", "127.0.0.1")
            .set("spark.ui.showConsoleProgress", "false")
            .set("spark.driver.memory", "2g"))
    log(f"starting Spark {pyspark.__version__} ({args.master})")
    start = time.perf_counter()
    sc = SparkContext(conf=conf)
    startup = time.perf_counter() - start
    try:
        sc.setLogLevel("WARN")
        lines = sc.textFile(corpus.as_uri(), args.partitions)
        partitions = lines.getNumPartitions()
        # env: PySpark's default, {} (the command runs with an empty environment).
        piped = lines.pipe(command, checkCode=True)
        log(f"Spark job: textFile({corpus.name}, {args.partitions}) -> {partitions} partitions "
            f"-> pipe({command!r}) -> {'glom().collect()' if args.collect else 'saveAsTextFile'}")
        run = SparkRun(version=sc.version, startup_s=startup, job_s=0.0, partitions=partitions)
        start = time.perf_counter()
        try:
            if args.collect:
                run.collected = piped.glom().collect()
            else:
                out_dir = workdir / "spark-out"
                if out_dir.exists():
                    shutil.rmtree(out_dir)
                piped.saveAsTextFile(out_dir.as_uri())
        except Exception as error:  # Py4JJavaError: a task failed, e.g. dragoman exited non-zero
            message = [line.strip() for line in str(error).splitlines() if line.strip()]
            reason = (next((line for line in message if "PIPE_FUNCTION_EXITED" in line), None)
                      or next((line for line in message if re.search(r"(Exception|Error): ", line)), None)
                      or (message[0] if message else type(error).__name__))
            raise Failure(f"the Spark job failed (Spark's log above has the details): {reason[:500]}") from None
        run.job_s = time.perf_counter() - start
        if args.collect:
            run.per_partition = [len(p) for p in run.collected]
        else:
            run.output_files = part_files(workdir / "spark-out")
            if len(run.output_files) != partitions:
                raise Failure(f"saveAsTextFile wrote {len(run.output_files)} part files for {partitions} partitions")
            run.per_partition = [count_lines(p) for p in run.output_files]
        return run
    finally:
        sc.stop()


# --- comparison ------------------------------------------------------------------------------------

@dataclass
class Comparison:
    input_lines: int = 0
    reference_lines: int = 0
    spark_lines: int = 0
    differing_lines: int = 0
    first_difference: tuple[int, bytes | None, bytes | None] | None = None
    id_mismatches: int = 0
    first_id_mismatch: tuple[int, str, str] | None = None

    @property
    def identical(self) -> bool:
        return self.differing_lines == 0 and self.reference_lines == self.spark_lines

    @property
    def ids_ok(self) -> bool:
        return self.id_mismatches == 0


def record_id(line: bytes) -> str:
    """The record's "id" as JSON text (so 1 and "1" differ), or a marker for a line without one."""
    if not line.strip():
        return "(blank line)"
    try:
        value = json.loads(line)
    except ValueError:
        return "(not JSON)"
    if not isinstance(value, dict):
        return "(not an object)"
    return json.dumps(value["id"], ensure_ascii=False) if "id" in value else "(no id)"


def file_lines(path: Path) -> Iterator[bytes]:
    with path.open("rb") as f:
        for line in f:
            yield line[:-1] if line.endswith(b"\n") else line


def compare(corpus: Path, reference: Path, spark: Iterable[bytes], check_ids: bool) -> Comparison:
    result = Comparison()
    missing = object()
    for number, (source, ref, got) in enumerate(
            zip_longest(file_lines(corpus), file_lines(reference), spark, fillvalue=missing), start=1):
        if source is not missing:
            result.input_lines += 1
        if ref is not missing:
            result.reference_lines += 1
        if got is not missing:
            result.spark_lines += 1
        if ref != got:
            result.differing_lines += 1
            if result.first_difference is None:
                result.first_difference = (number, None if ref is missing else ref, None if got is missing else got)
        if check_ids and got is not missing:
            want = "(missing)" if source is missing else record_id(source)
            have = record_id(got)
            if want != have:
                result.id_mismatches += 1
                if result.first_id_mismatch is None:
                    result.first_id_mismatch = (number, want, have)
    return result


def excerpt(line: bytes | None, at: int) -> str:
    if line is None:
        return "(no such line)"
    start = max(0, at - SHOWN_CHARS // 3)
    piece = line[start:start + SHOWN_CHARS].decode("utf-8", errors="replace")
    return ("…" if start else "") + repr(piece)[1:-1] + ("…" if start + SHOWN_CHARS < len(line) else "")


def first_differing_byte(a: bytes | None, b: bytes | None) -> int:
    if a is None or b is None:
        return 0
    return next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))


def has_carriage_returns(path: Path) -> bool:
    with path.open("rb") as f:
        return any(b"\r" in chunk for chunk in iter(lambda: f.read(1 << 20), b""))


# --- main ------------------------------------------------------------------------------------------

def main(argv: list[str]) -> int:
    args = parse_args(argv)
    pyspark = import_pyspark()
    total_start = time.perf_counter()
    java = find_java()
    major, java_line = java_major(java)
    if major == 0:
        raise Prerequisite(f"`{java} -version` failed: {java_line}")
    if int(pyspark.__version__.split(".")[0]) >= 4 and major < 17:
        raise Prerequisite(f"Spark {pyspark.__version__} needs Java 17 or later; {java} is {java_line}")
    binary = dragoman_binary(args)
    argv_dragoman = [str(binary), "--format", "jsonl", *absolute_config(shlex.split(args.dragoman_args))]
    command = shlex.join(argv_dragoman)

    if args.keep_dir is not None:
        args.keep_dir.mkdir(parents=True, exist_ok=True)
        workdir_context = None
        workdir = args.keep_dir.resolve()
    else:
        workdir_context = tempfile.TemporaryDirectory(prefix="dragoman-spark-")
        workdir = Path(workdir_context.name)
    try:
        corpus = make_corpus(args, workdir)
        corpus_bytes = corpus.stat().st_size
        reference = workdir / "reference.jsonl"
        reference_s = run_reference(argv_dragoman, corpus, reference)
        spark = run_spark(pyspark, args, corpus, command, workdir)
        log("comparing")
        compare_start = time.perf_counter()
        result = compare(corpus, reference, spark.lines(), check_ids=not args.no_id_check)
        compare_s = time.perf_counter() - compare_start

        mb = corpus_bytes / 1e6
        counts = spark.per_partition
        print(f"corpus:        {corpus} ({corpus_bytes:,} bytes = {mb:.1f} MB, {result.input_lines:,} lines)")
        print(f"command:       {command}")
        print(f"spark:         {spark.version} {args.master}, {java_line}")
        print(f"partitions:    {spark.partitions} (asked for at least {args.partitions}); records per partition: "
              + (", ".join(f"{c:,}" for c in counts) if len(counts) <= 16
                 else f"{min(counts):,} to {max(counts):,}"))
        print(f"records:       input {result.input_lines:,}, reference {result.reference_lines:,}, "
              f"spark {result.spark_lines:,}")
        print(f"reference run: {reference_s:.3f} s wall ({mb / reference_s:.1f} MB/s), one dragoman process")
        print(f"spark run:     {spark.job_s:.3f} s wall ({mb / spark.job_s:.1f} MB/s), "
              f"{spark.partitions} dragoman processes; plus {spark.startup_s:.3f} s SparkContext start-up")
        print(f"comparison:    {compare_s:.3f} s; total {time.perf_counter() - total_start:.1f} s")
        if workdir_context is None:
            print(f"kept in:       {workdir} (corpus.jsonl, reference.jsonl"
                  + (", spark-out/part-*)" if not args.collect else ")"))

        ok = result.identical and result.ids_ok
        if not result.identical:
            number, ref, got = result.first_difference or (result.reference_lines + 1, None, None)
            at = first_differing_byte(ref, got)
            print(f"\n{result.differing_lines:,} lines differ; the first is line {number} (byte {at}):")
            print(f"  reference: {excerpt(ref, at)}")
            print(f"  spark:     {excerpt(got, at)}")
            if has_carriage_returns(corpus):
                print("  note: the corpus has carriage returns; Spark's textFile ends a line at \\r and drops "
                      "it, while dragoman keeps a record's line end as it came")
        if not args.no_id_check and not result.ids_ok:
            number, want, have = result.first_id_mismatch
            print(f"\n{result.id_mismatches:,} output records do not carry the id of the input line at their "
                  f"position; the first is line {number}: input id {want}, output id {have}")
        if not args.no_id_check and result.input_lines != result.spark_lines and result.ids_ok:
            print(f"\ninput has {result.input_lines:,} lines, Spark's output {result.spark_lines:,}")
            ok = False
        if ok:
            verdict = "PASS: Spark's pipe output is identical to one dragoman run"
        elif result.identical:
            verdict = "FAIL: Spark's pipe output equals one dragoman run's, but not line for line the input's records"
        else:
            verdict = "FAIL: Spark's pipe output differs from one dragoman run"
        print(f"\n{verdict} ({result.spark_lines:,} records, {spark.partitions} partitions)")
        return 0 if ok else 1
    finally:
        if workdir_context is not None:
            workdir_context.cleanup()


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except Prerequisite as error:
        log(f"cannot run: {error}")
        sys.exit(2)
    except Failure as error:
        log(f"error: {error}")
        print(f"FAIL: {error}")
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
