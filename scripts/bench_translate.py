#!/usr/bin/env python3
"""Times the `translate` stage against its engine alone, on the same segments.

The question: how much does Dragoman add to a translation engine's own time? (Goal: at most 10%.)
Four runs over one Russian corpus (the shipped corpora/ru-*.txt paragraphs, repeated):

1. capture: the full pipeline of configs/translate-rus-ukr.yaml, its engine wrapped in `tee`, to
   record exactly what the stage sends (the segments, escaped, with placeholders, framed);
2. before:  the same pipeline without `translate` (repair, glossary, transliterate, money);
3. full:    the whole pipeline;
4. engine:  the engine command alone, fed the captured segments on stdin in one go.

The stage's cost is full − before; the script prints it against the engine's time and the ratio.
Each run is the best of --runs. `--jobs 1` (the default) gives the pipeline one worker and so one
engine, like the engine-alone run; `--jobs 2` lets it run one engine per worker.

    python3 scripts/bench_translate.py                 # build, 60 copies of the corpus, best of 3
    python3 scripts/bench_translate.py --copies 20 --runs 1 --no-build

Standard library only. Builds the release binary in .build-bench-translate (git-ignored).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dragoman_build import build_dragoman  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
CONFIG = REPO / "configs" / "translate-rus-ukr.yaml"
ENGINE = [str(REPO / "scripts" / "apertium-rus-ukr.sh"), "-g"]


def config_text(stages_after_money: str) -> str:
    """The shipped config with its translate entry replaced (or removed when empty)."""
    text = CONFIG.read_text(encoding="utf-8")
    head = text.split("  - name: translate", 1)[0]
    return head + stages_after_money


def translate_entry(command: list[str]) -> str:
    items = ", ".join('"' + part.replace('"', '\\"') + '"' for part in command)
    return ("  - {name: translate, engine: command, command: [" + items + "], protocol: nul, "
            "escape: apertium, marks: apertium, timeout: 30, from: ru, to: uk}\n")


def best_time(argv: list[str], stdin_path: Path, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        with open(stdin_path, "rb") as stdin:
            start = time.perf_counter()
            result = subprocess.run(argv, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            elapsed = time.perf_counter() - start
        if result.returncode != 0:
            sys.exit(f"failed ({result.returncode}): {' '.join(argv)}\n{result.stderr.decode(errors='replace')}")
        best = min(best, elapsed)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=60, help="copies of the corpus (default 60)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each command; the best counts (default 3)")
    parser.add_argument("--jobs", type=int, default=1, help="dragoman workers (default 1: one engine)")
    parser.add_argument("--no-build", action="store_true", help="reuse the release binary")
    args = parser.parse_args()

    if shutil.which("lt-proc") is None or not Path("/usr/share/apertium/modes/rus-ukr.mode").exists():
        sys.exit("Apertium rus→ukr is not installed: apt-get install apertium apertium-rus-ukr")
    binary = build_dragoman(REPO, ".build-bench-translate", release=True, build=not args.no_build,
                            log=lambda message: print(message, file=sys.stderr))

    with tempfile.TemporaryDirectory(prefix="dragoman-bench-translate-") as work:
        workdir = Path(work)
        paragraphs = []
        for path in sorted((REPO / "corpora").glob("ru-*.txt")):
            paragraphs += [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        corpus = workdir / "ru.txt"
        corpus.write_text("\n\n".join(paragraphs * args.copies) + "\n", encoding="utf-8")

        capture = workdir / "segments.bin"
        tee = ["sh", "-c", f'tee -a "{capture}" | exec "$0" "$@"', *ENGINE]
        configs = {}
        for name, entry in [("capture", translate_entry(tee)), ("before", ""), ("full", translate_entry(ENGINE))]:
            configs[name] = workdir / f"{name}.yaml"
            configs[name].write_text(config_text(entry), encoding="utf-8")

        def dragoman(name: str) -> list[str]:
            return [str(binary), "--config", str(configs[name]), "--jobs", str(args.jobs)]

        best_time(dragoman("capture"), corpus, 1)
        segments = capture.read_bytes().count(b"\0")
        # Interleaved rather than one command's runs in a row: load from elsewhere on the machine
        # then hits all three alike.
        before = full = engine = float("inf")
        for _ in range(args.runs):
            before = min(before, best_time(dragoman("before"), corpus, 1))
            full = min(full, best_time(dragoman("full"), corpus, 1))
            engine = min(engine, best_time(ENGINE, capture, 1))

    stage = full - before
    corpus_bytes = len("\n\n".join(paragraphs * args.copies).encode())
    print(f"corpus: {corpus_bytes / 1e6:.2f} MB, {len(paragraphs) * args.copies} records, {segments} segments "
          f"sent to the engine; dragoman --jobs {args.jobs}; best of {args.runs}")
    print(f"  pipeline without translate  {before:7.3f} s")
    print(f"  pipeline with translate     {full:7.3f} s")
    print(f"  translate stage (difference){stage:7.3f} s  ({segments / stage:,.0f} segments/s)")
    print(f"  engine alone, same segments {engine:7.3f} s  ({segments / engine:,.0f} segments/s)")
    ratio = stage / engine
    verdict = "within" if ratio <= 1.10 else "OVER"
    print(f"  stage / engine = {ratio:.3f}: the stage adds {100 * (ratio - 1):+.1f}% ({verdict} the 10% goal)")


if __name__ == "__main__":
    main()
