#!/usr/bin/env python3
"""Throughput benchmark: dragoman against `cat` and ICU's `uconv` on the same corpus, in one run.

Builds the release binary (scratch path .build-bench, so it never competes with a debug .build),
generates a corpus with ../shared/bench/gen_corpus.py, then times each command reading the corpus
and writing to /dev/null:

    cat FILE                                  the floor: read and write, no work
    uconv -x 'Any-Latin; Latin-ASCII' FILE    ICU's own tool, a transliterating baseline
    dragoman --stages repair FILE             the runner with only the repair stage
    dragoman --stages A,B FILE                one more row per --stages option

For each command: best wall time of --repeat runs, MB/s (input bytes / 10^6 / wall seconds),
peak RSS (largest over the runs, from the child's rusage) and user+sys CPU seconds of the best run.
Runs are interleaved (cat, uconv, dragoman, cat, ...) so drift in machine load hits every row alike.

Before timing, each dragoman command runs once untimed with its output kept, to check that it exits 0
and writes something: a failing tool must not look fast. Any failed run prints its stderr and the
script exits 1.

Standard library only; Linux (ru_maxrss is in KiB there).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench_common import BenchError, Run, become_subreaper, commit_fact, describe_exit, first_line, host_facts, print_rows, run_once
from bench_common import make_corpus as common_make_corpus
from bench_common import swift_build as common_swift_build

REPO = Path(__file__).resolve().parent.parent
SCRATCH = ".build-bench"
GOAL_MB_PER_S = 100.0
GOAL_STAGES = "repair"
UCONV_TRANSLIT = "Any-Latin; Latin-ASCII"
PIPELINE_STAGES = ["repair", "glossary", "transliterate", "money"]
PIPELINE_GOAL_MB_PER_S = 40.0
PIPELINE_GOAL_RSS_MIB = 64



@dataclass
class Command:
    label: str  # as shown in the table, with FILE for the corpus path
    argv: list[str]
    is_dragoman: bool = False
    runs: list[Run] = field(default_factory=list)

    @property
    def failed(self) -> Run | None:
        return next((r for r in self.runs if r.exit_code != 0), None)

    @property
    def best(self) -> Run:
        return min(self.runs, key=lambda r: r.wall_s)

    @property
    def peak_rss_mib(self) -> float:
        return max(r.max_rss_kib for r in self.runs) / 1024


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="scripts/bench.py",
        description="Time dragoman against cat and uconv on one generated corpus.",
    )
    parser.add_argument("--mb", type=float, default=64, metavar="N",
                        help="corpus size for gen_corpus.py, which counts MiB: 64 (the default) is 67.1 MB; "
                             "ignored with --corpus")
    parser.add_argument("--corpus", type=Path, metavar="FILE",
                        help="reuse this corpus instead of generating one")
    parser.add_argument("--jsonl", action="store_true",
                        help="JSON Lines corpus (gen_corpus.py --jsonl) and dragoman --format jsonl")
    parser.add_argument("--repeat", type=int, default=3, metavar="N",
                        help="runs per command; the fastest counts (default 3)")
    parser.add_argument("--stages", action="append", default=[], metavar="A,B",
                        help="also time `dragoman --stages A,B`; may be repeated")
    parser.add_argument("--transliterate", action="append", default=[], metavar="LANG",
                        help="also time `dragoman --stages transliterate --from LANG` beside uconv running the very same "
                             "rules (`dragoman --print-icu-rules LANG`), and check the outputs are identical; may be repeated")
    parser.add_argument("--money", action="store_true",
                        help="also time `dragoman --stages money`, and the Python price-parser (pip install price-parser) "
                             "over the very amounts dragoman finds in the corpus, in amounts per second")
    parser.add_argument("--pipeline", action="store_true",
                        help="also time the full default pipeline (no --stages) and its prefixes (repair; repair,glossary; "
                             "repair,glossary,transliterate), and print each stage's share of the time from the differences; "
                             "goal: >= 40 MB/s with peak RSS < 64 MiB")
    parser.add_argument("--no-build", action="store_true",
                        help="use the existing release binary in .build-bench")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared", metavar="DIR",
                        help="the shared folder holding bench/gen_corpus.py (default: <repo>/../shared)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the results as JSON")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.mb <= 0:
        parser.error("--mb must be positive")
    return args


# --- build -----------------------------------------------------------------------------------------

def swift_build(no_build: bool) -> Path:
    return common_swift_build(no_build, log)


def make_corpus(args: argparse.Namespace, workdir: Path) -> Path:
    return common_make_corpus(args, workdir, log)


# --- running ---------------------------------------------------------------------------------------



def check_dragoman(command: Command, corpus: Path, workdir: Path, jsonl: bool, clean_rss: bool) -> None:
    """One untimed run with the output kept: it must exit 0 and write something plausible."""
    out = workdir / "check.out"
    run = run_once(command.argv, str(out), workdir / "check.err", clean_rss)
    try:
        size = out.stat().st_size
        if run.exit_code != 0:
            sys.stderr.write(run.stderr)
            raise BenchError(f"{command.label}: {describe_exit(run.exit_code)} on the check run")
        if size == 0:
            sys.stderr.write(run.stderr)
            raise BenchError(f"{command.label}: exited 0 but wrote nothing")
        if jsonl:
            lines_in, lines_out = count_newlines(corpus), count_newlines(out)
            if lines_in != lines_out:
                sys.stderr.write(run.stderr)
                raise BenchError(f"{command.label}: {lines_in} JSON lines in, {lines_out} out")
        ratio = size / corpus.stat().st_size
        log(f"check: {command.label} exit 0, {size:,} bytes out ({ratio:.0%} of input)")
        if ratio < 0.5:
            log(f"warning: {command.label} wrote less than half its input; is it dropping records?")
    finally:
        out.unlink(missing_ok=True)


def count_newlines(path: Path) -> int:
    count = 0
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            count += chunk.count(b"\n")
    return count


# --- machine facts ---------------------------------------------------------------------------------

def machine_facts(binary: Path) -> dict[str, str]:
    facts = host_facts()
    icu = None
    if shutil.which("uconv"):
        line = first_line(["uconv", "--version"])  # "uconv v2.1  ICU 72.1"
        match = re.search(r"ICU\s+([\d.]+)", line or "")
        icu = match and f"{match.group(1)} (uconv --version)"
    if icu is None and shutil.which("pkg-config"):
        version = first_line(["pkg-config", "--modversion", "icu-uc"])
        icu = version and f"{version} (pkg-config icu-uc)"
    facts["icu"] = icu or "unknown"
    # The ICU dragoman actually loads, which could differ from uconv's on a machine with two.
    linked = subprocess.run(["ldd", str(binary)], capture_output=True, text=True).stdout if shutil.which("ldd") else ""
    libs = sorted(set(re.findall(r"(libicu(?:uc|i18n)\.so\.[\d.]+)", linked)))
    if libs:
        facts["dragoman links"] = ", ".join(libs)
    facts["swift"] = first_line(["swift", "--version"]) or "unknown"
    commit = commit_fact()
    if commit:
        facts["commit"] = commit
    return facts


# --- report ----------------------------------------------------------------------------------------

def print_table(commands: list[Command], input_bytes: int) -> None:
    header = ["command", "wall s", "MB/s", "peak RSS MiB", "CPU s"]
    rows = []
    for c in commands:
        if not c.runs:
            rows.append([c.label, "skipped", "", "", ""])
        elif c.failed:
            rows.append([c.label, "FAILED", describe_exit(c.failed.exit_code), "", ""])
        else:
            b = c.best
            rows.append([c.label, f"{b.wall_s:.3f}", f"{input_bytes / 1e6 / b.wall_s:.1f}",
                         f"{c.peak_rss_mib:.1f}", f"{b.cpu_s:.3f}"])
    print_rows(header, rows)


PRICE_PARSER_TIMER = """
import json, sys, time
from price_parser import Price
amounts = [line.rstrip("\\n") for line in open(sys.argv[1], encoding="utf-8")]
start = time.perf_counter()
found = sum(1 for a in amounts if Price.fromstring(a).amount is not None)
elapsed = time.perf_counter() - start
print(json.dumps({"amounts": len(amounts), "parsed": found, "seconds": elapsed}))
"""


def compare_price_parser(binary: Path, corpus: Path, workdir: Path, money_row: Command) -> None:
    """price-parser parses one price string at a time and cannot search running text, so it gets the
    amounts dragoman found (their source text), and both are compared in amounts per second."""
    records = workdir / "corpus.jsonl"
    with corpus.open(encoding="utf-8") as text, records.open("w", encoding="utf-8") as out:
        for number, paragraph in enumerate(text.read().split("\n\n")):
            if paragraph.strip():
                out.write(json.dumps({"id": number, "text": paragraph}, ensure_ascii=False) + "\n")
    result = subprocess.run([str(binary), "--format", "jsonl", "--stages", "money", str(records)],
                            check=True, capture_output=True, text=True)
    sources = [a["source"] for line in result.stdout.splitlines() for a in json.loads(line)["annotations"]
               if a["stage"] == "money"]
    amounts_file = workdir / "amounts.txt"
    amounts_file.write_text("".join(s.replace("\n", " ") + "\n" for s in sources), encoding="utf-8")
    probe = subprocess.run([sys.executable, "-c", "import price_parser"], capture_output=True)
    print()
    if probe.returncode != 0:
        print("price-parser: not installed (pip install price-parser); no comparison")
        return
    timing = json.loads(subprocess.run([sys.executable, "-c", PRICE_PARSER_TIMER, str(amounts_file)],
                                       check=True, capture_output=True, text=True).stdout)
    if money_row.runs and not money_row.failed:
        ours = len(sources) / money_row.best.wall_s
        print(f"money: dragoman found {len(sources):,} amounts in the corpus text at {ours:,.0f} amounts/s "
              f"({corpus.stat().st_size / 1e6 / money_row.best.wall_s:.1f} MB/s of text; goal 50 MB/s)")
    theirs = timing["amounts"] / timing["seconds"] if timing["seconds"] else 0
    print(f"money: price-parser parsed the same {timing['amounts']:,} amount strings, already cut out for it, "
          f"at {theirs:,.0f} amounts/s ({timing['parsed']:,} with an amount)")


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="dragoman-bench-") as tmp:
        workdir = Path(tmp)
        binary = swift_build(args.no_build)
        corpus = make_corpus(args, workdir)
        input_bytes = corpus.stat().st_size
        if input_bytes == 0:
            raise BenchError(f"{corpus} is empty")
        fmt = ["--format", "jsonl"] if args.jsonl else []
        fmt_label = " --format jsonl" if args.jsonl else ""

        commands = [Command("cat FILE", [shutil.which("cat") or "/bin/cat", str(corpus)])]
        uconv = shutil.which("uconv")
        if uconv:
            commands.append(Command(f"uconv -x '{UCONV_TRANSLIT}' FILE", [uconv, "-x", UCONV_TRANSLIT, str(corpus)]))
        else:
            log("uconv not found: no ICU baseline row (apt-get install icu-devtools)")
        for stages in [GOAL_STAGES] + [s for s in args.stages if s != GOAL_STAGES]:
            commands.append(Command(f"dragoman{fmt_label} --stages {stages} FILE",
                                    [str(binary), *fmt, "--stages", stages, str(corpus)], is_dragoman=True))

        if args.money:
            commands.append(Command("dragoman --stages money FILE", [str(binary), "--stages", "money", str(corpus)], is_dragoman=True))

        # The default pipeline and its prefixes: each stage's share is the difference it adds.
        prefixes: list[tuple[str, Command]] = []
        if args.pipeline:
            for count, stage in enumerate(PIPELINE_STAGES[:-1], start=1):
                stages = ",".join(PIPELINE_STAGES[:count])
                existing = next((c for c in commands if c.label == f"dragoman{fmt_label} --stages {stages} FILE"), None)
                command = existing or Command(f"dragoman{fmt_label} --stages {stages} FILE",
                                              [str(binary), *fmt, "--stages", stages, str(corpus)], is_dragoman=True)
                if not existing:
                    commands.append(command)
                prefixes.append((stage, command))
            full = Command(f"dragoman{fmt_label} FILE (default pipeline)", [str(binary), *fmt, str(corpus)], is_dragoman=True)
            commands.append(full)
            prefixes.append((PIPELINE_STAGES[-1], full))

        # Transliteration: dragoman's compiled fast path against ICU running the same rule text.
        pairs: list[tuple[str, Command, Command]] = []
        for lang in args.transliterate:
            rules = subprocess.run([str(binary), "--print-icu-rules", lang], check=True, capture_output=True, text=True).stdout
            if not uconv:
                raise BenchError("--transliterate needs uconv (apt-get install icu-devtools)")
            oracle = Command(f"uconv -x \"$(dragoman --print-icu-rules {lang})\" FILE", [uconv, "-x", rules, str(corpus)])
            ours = Command(f"dragoman --stages transliterate --from {lang} FILE",
                           [str(binary), "--stages", "transliterate", "--from", lang, str(corpus)], is_dragoman=True)
            commands += [oracle, ours]
            pairs.append((lang, oracle, ours))

        clean_rss = become_subreaper()
        if not clean_rss:
            log("warning: cannot become child subreaper; peak RSS includes this script's own (~16 MiB)")
        true = shutil.which("true") or "/bin/true"
        overhead = min(run_once([true], os.devnull, workdir / "run.err", clean_rss).wall_s for _ in range(5))

        # Warms the page cache too, so the first timed cat does not pay for the disk.
        for c in commands:
            if c.is_dragoman:
                check_dragoman(c, corpus, workdir, args.jsonl, clean_rss)

        log(f"timing {len(commands)} commands x {args.repeat} runs on {input_bytes / 1e6:.1f} MB")
        for i in range(args.repeat):
            for c in commands:
                if c.failed:
                    continue
                run = run_once(c.argv, os.devnull, workdir / "run.err", clean_rss)
                c.runs.append(run)
                log(f"run {i + 1}/{args.repeat} {c.label}: {run.wall_s:.3f} s"
                    + ("" if run.exit_code == 0 else f", {describe_exit(run.exit_code)}"))

        facts = machine_facts(binary)
        kind = "JSON Lines" if args.jsonl else "text"
        print(f"corpus: {corpus} ({kind}, {input_bytes:,} bytes = {input_bytes / 1e6:.1f} MB)")
        print(f"best of {args.repeat} by wall time; MB/s = 10^6 input bytes / s; peak RSS = max over runs; "
              "output to /dev/null")
        print(f"wall time includes {overhead * 1000:.1f} ms to launch a process (`true` takes that long)")
        print()
        print_table(commands, input_bytes)
        if not uconv:
            print("(no uconv row: uconv is not installed; apt-get install icu-devtools)")
        print()
        for key, value in facts.items():
            print(f"{key + ':':<16}{value}")

        goal_row = next(c for c in commands if c.is_dragoman)
        goal = None
        if goal_row.runs and not goal_row.failed:
            speed = input_bytes / 1e6 / goal_row.best.wall_s
            verdict = "meets" if speed >= GOAL_MB_PER_S else "below"
            print()
            print(f"goal: dragoman --stages {GOAL_STAGES} >= {GOAL_MB_PER_S:g} MB/s on this machine; "
                  f"measured {speed:.1f} MB/s ({speed / GOAL_MB_PER_S:.0%} of goal, {verdict})")
            goal = {"stages": GOAL_STAGES, "target_mb_per_s": GOAL_MB_PER_S, "measured_mb_per_s": speed,
                    "met": speed >= GOAL_MB_PER_S}

        if prefixes and all(c.runs and not c.failed for _, c in prefixes):
            print()
            full = prefixes[-1][1]
            total = full.best.wall_s
            previous = 0.0
            shares = []
            for stage, command in prefixes:
                # The runner's own cost (read, split, write) counts with the first stage.
                added = max(command.best.wall_s - previous, 0.0)
                previous = command.best.wall_s
                shares.append(f"{stage} {added / total:.0%}")
            speed = input_bytes / 1e6 / total
            rss = full.peak_rss_mib
            met = speed >= PIPELINE_GOAL_MB_PER_S and rss < PIPELINE_GOAL_RSS_MIB
            print(f"default pipeline: {speed:.1f} MB/s, peak RSS {rss:.1f} MiB; share of time by stage "
                  f"(from the prefixes' differences, runner with repair): {', '.join(shares)}")
            print(f"goal: default pipeline >= {PIPELINE_GOAL_MB_PER_S:g} MB/s with peak RSS < {PIPELINE_GOAL_RSS_MIB} MiB: "
                  f"{'met' if met else 'MISSED'}")

        if args.money:
            money_row = next(c for c in commands if c.label == "dragoman --stages money FILE")
            compare_price_parser(binary, corpus, workdir, money_row)

        mismatch = False
        for lang, oracle, ours in pairs:
            outputs = []
            for c in (oracle, ours):
                path = workdir / f"out-{lang}-{len(outputs)}"
                subprocess.run(c.argv, check=True, stdout=path.open("wb"))
                outputs.append(path.read_bytes())
            same = "identical output" if outputs[0] == outputs[1] else "OUTPUTS DIFFER"
            if oracle.runs and ours.runs and not ours.failed:
                ratio = oracle.best.wall_s / ours.best.wall_s
                print(f"transliterate {lang}: dragoman {ratio:.1f}x faster than uconv with the same rules "
                      f"(goal 5x); {same}")
            if outputs[0] != outputs[1]:
                mismatch = True
                print(f"transliterate {lang}: dragoman's output differs from uconv's with the same rules", file=sys.stderr)

        failures = [c for c in commands if c.failed]
        for c in failures:
            print(f"\n{c.label} failed ({describe_exit(c.failed.exit_code)}); its stderr:", file=sys.stderr)
            sys.stderr.write(c.failed.stderr or "(empty)\n")

        if args.json:
            report = {
                "corpus": {"path": str(corpus) if args.corpus else None, "bytes": input_bytes,
                           "megabytes": input_bytes / 1e6, "format": "jsonl" if args.jsonl else "text"},
                "repeat": args.repeat,
                "launch_overhead_s": overhead,
                "machine": facts,
                "goal": goal,
                "results": [
                    {
                        "command": c.label, "argv": c.argv, "ok": bool(c.runs) and not c.failed,
                        **({"wall_s": c.best.wall_s, "mb_per_s": input_bytes / 1e6 / c.best.wall_s,
                            "peak_rss_mib": c.peak_rss_mib, "cpu_s": c.best.cpu_s,
                            "user_s": c.best.user_s, "sys_s": c.best.sys_s}
                           if c.runs and not c.failed else {}),
                        "runs": [{k: v for k, v in asdict(r).items() if k != "stderr"} for r in c.runs],
                    }
                    for c in commands
                ],
            }
            args.json.write_text(json.dumps(report, indent=2) + "\n")
            log(f"wrote {args.json}")
        return 1 if failures or mismatch else 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BenchError as error:
        log(f"error: {error}")
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
