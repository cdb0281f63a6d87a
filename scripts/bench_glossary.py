#!/usr/bin/env python3
"""Glossary benchmark: dragoman's glossary stage with 1,000, 10,000 and 100,000 aliases, beside
Python's flashtext and pyahocorasick over the same text and the same aliases, in one run.

The goal (from the project's issue): matching with a 100,000-alias glossary runs within 20% of the
speed with 1,000 aliases, at least 50 MB/s on the generated corpus, and the glossary loads in under
1 s.

What it does:

1. Builds the release binary (scratch path .build-bench, shared with scripts/bench.py) and generates
   a corpus with ../shared/bench/gen_corpus.py MEGABYTES (64 by default), or takes --corpus FILE.

2. Generates one glossary per size (--sizes, default 1000,10000,100000 aliases; an alias is one name
   of one entry in one language, as dragoman counts them), deterministic for a --seed and a corpus,
   as YAML with every string double-quoted. Each holds the same *core*, so that every size finds the
   same matches in the corpus and only the glossary's size differs:
     - corpus aliases: words and two-word sequences sampled from the first 4 MiB of the corpus,
       capitalized and never written in lower case there (`Nazir Şuşa`, `В Баку`, `Ağustos`,
       `Стоимость`), minus those that are (or inflect) a real alias; one entry each;
     - real entries from the shipped glossaries (glossaries/*.yaml, read with PyYAML; without it
       there are none), up to 500 aliases: first the entries with a name the corpus writes, then
       others in seeded random order; id, type, names, canonical form and `case` as shipped;
   and fills the rest with generated entries: pseudo-names of 2-4 syllables per word, 1-3 words,
   written in 1-3 languages chosen among az, tr (Latin with ə ş ç ğ ı ö ü), en, fr, ru (Cyrillic)
   and hy (Armenian), the same name transcribed into each (`Gəşəvan` / `Гашаван` / `Գաշավան`).
   No alias repeats in any language (compared case-folded, Turkic i folded), ids are unique, and a
   generated name whose first word could begin a word of the corpus is drawn again, so the fill
   itself matches nothing (the output says whether the match counts agree across sizes).

3. For each size, in a config of its own running only the glossary stage (policy: replace,
   target en, source en):
     dragoman --config generated-N.config.yaml --stages glossary /dev/null    the load: config,
                                                                              YAML, trie; no text
     dragoman --config generated-N.config.yaml --stages glossary FILE         load and matching
   Both run best of --repeat by wall time, interleaved across sizes so machine drift hits every
   size alike; output goes to /dev/null. Before timing, one untimed `--stats` run per size must exit
   0 and write at least half its input; its `changes: glossary N` line (one annotation per match)
   gives the match count. Scan time = best corpus wall time - best load wall time; MB/s = 10^6
   input bytes / scan s (the issue's matching speed); the end-to-end wall time is shown too.
   Where the load takes longer than the scan, the difference carries the load's run-to-run noise:
   a note says so (scan s reads `noise` when the difference is under 2% of the wall time), and a
   larger --mb and --repeat steady it. As a cross-check that no load time enters, the `--stats`
   check run's own summary is printed per size: dragoman times its streaming alone, but that run
   records annotations, which the timed runs do not, so its MB/s is lower.
   Peak RSS is the largest over the corpus runs, from the child's rusage; CPU s is user+sys of the
   best run (dragoman uses one worker per core, the Python anchors one core).

4. The anchors, each in a Python process of its own reading the corpus into one str and the
   glossary's aliases (each distinct string once) from a file, best of --anchor-repeat by scan time:
     flashtext       KeywordProcessor(case_sensitive=False), add_keyword per alias (load s),
                     extract_keywords over the whole text (scan s), matches = keywords found
     pyahocorasick   Automaton, add_word per alias, make_automaton (load s), iter_long over the
                     whole text (scan s), matches = non-overlapping longest matches
   They only count matches (dragoman also writes the replaced text) and do not do what dragoman
   does, which the output repeats: flashtext is case-insensitive by str.lower() and only knows ASCII
   word boundaries ([A-Za-z0-9_]; every other letter, ə and all of Cyrillic and Armenian included,
   counts as a boundary); pyahocorasick matches exact case anywhere, inside words too; neither
   knows inflected forms (Şuşada, в Шуше, Շուշիում). So their match counts differ from dragoman's,
   and from each other's. An anchor that is not installed is skipped with the pip command to
   install it.

5. Prints the table (tool, aliases, load s, scan s, MB/s, wall s, peak RSS MiB, CPU s, matches),
   whether dragoman's match counts agree across sizes, the three goals with the measured values
   (for the smallest and largest --sizes), and the machine. Exits 1 only when a dragoman run fails
   (or the build, or the corpus); a missed goal is reported, not an error.

Usage:
    scripts/bench_glossary.py                          # 64 MB corpus, 3 runs each
    scripts/bench_glossary.py --mb 8 --repeat 1        # quick
    scripts/bench_glossary.py --no-build --corpus corpus.txt --workdir /tmp/g --json out.json

--workdir DIR keeps the glossaries, configs, alias lists (and a generated corpus) there, to rerun a
command by hand; the commands are printed with --verbose.

Standard library only, besides the two anchors and PyYAML for the real entries; Linux (ru_maxrss is
in KiB there).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench_common import BenchError, Run, become_subreaper, commit_fact, describe_exit, first_line, host_facts, print_rows, run_once
from bench_common import make_corpus as common_make_corpus
from bench_common import swift_build as common_swift_build

REPO = Path(__file__).resolve().parent.parent
SCRATCH = ".build-bench"
DEFAULT_SIZES = "1000,10000,100000"
GOAL_RATIO = 0.8  # the largest glossary's speed, as a share of the smallest one's
GOAL_MB_PER_S = 50.0
GOAL_LOAD_S = 1.0
REAL_BUDGET = 500  # aliases of shipped entries in the core
CORPUS_ALIASES = 200  # at most, sampled from the corpus
SAMPLE_BYTES = 4 << 20


def log(message: str) -> None:
    print(f"bench_glossary: {message}", file=sys.stderr, flush=True)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="scripts/bench_glossary.py",
        description="Time dragoman's glossary stage with 1k, 10k and 100k generated aliases, beside flashtext and pyahocorasick.",
    )
    parser.add_argument("--mb", type=float, default=64, metavar="N",
                        help="corpus size for gen_corpus.py, which counts MiB: 64 (the default) is 67.1 MB; "
                             "ignored with --corpus")
    parser.add_argument("--corpus", type=Path, metavar="FILE",
                        help="reuse this text corpus (paragraphs) instead of generating one")
    parser.add_argument("--sizes", default=DEFAULT_SIZES, metavar="N,N,...",
                        help=f"glossary sizes in aliases (default {DEFAULT_SIZES}); the goals compare the smallest "
                             "and the largest")
    parser.add_argument("--repeat", type=int, default=3, metavar="N",
                        help="runs per dragoman command; the fastest counts (default 3)")
    parser.add_argument("--anchor-repeat", type=int, default=1, metavar="N",
                        help="runs per anchor and size; the fastest scan counts (default 1: they take a while)")
    parser.add_argument("--no-anchors", action="store_true", help="skip flashtext and pyahocorasick")
    parser.add_argument("--seed", type=int, default=2024, help="seed of the glossary generator (default 2024)")
    parser.add_argument("--no-build", action="store_true",
                        help="use the existing release binary in .build-bench")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared", metavar="DIR",
                        help="the shared folder holding bench/gen_corpus.py (default: <repo>/../shared)")
    parser.add_argument("--workdir", type=Path, metavar="DIR",
                        help="write glossaries, configs and alias lists here and keep them (default: a temporary folder)")
    parser.add_argument("--verbose", action="store_true", help="print every command as it runs")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the results as JSON")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.anchor_repeat < 1:
        parser.error("--repeat and --anchor-repeat must be at least 1")
    if args.mb <= 0:
        parser.error("--mb must be positive")
    try:
        args.sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    except ValueError:
        parser.error("--sizes takes whole numbers separated by commas")
    if not args.sizes or args.sizes[0] < 1:
        parser.error("--sizes needs at least one positive size")
    return args


# --- build and corpus ------------------------------------------------------------------------------

def swift_build(no_build: bool) -> Path:
    return common_swift_build(no_build, log)


def make_corpus(args: argparse.Namespace, workdir: Path) -> Path:
    return common_make_corpus(args, workdir, log)


# --- glossary generation ---------------------------------------------------------------------------

LANGS = ["az", "tr", "en", "fr", "ru", "hy"]
# Phonemes and how each language writes them: az, tr, en, fr, ru, hy.
CONSONANTS = {
    "b": ("b", "b", "b", "b", "б", "բ"), "d": ("d", "d", "d", "d", "д", "դ"),
    "g": ("g", "g", "g", "g", "г", "գ"), "k": ("k", "k", "k", "k", "к", "կ"),
    "q": ("q", "g", "g", "g", "г", "ղ"), "l": ("l", "l", "l", "l", "л", "լ"),
    "m": ("m", "m", "m", "m", "м", "մ"), "n": ("n", "n", "n", "n", "н", "ն"),
    "r": ("r", "r", "r", "r", "р", "ր"), "s": ("s", "s", "s", "s", "с", "ս"),
    "t": ("t", "t", "t", "t", "т", "տ"), "v": ("v", "v", "v", "v", "в", "վ"),
    "z": ("z", "z", "z", "z", "з", "զ"), "p": ("p", "p", "p", "p", "п", "պ"),
    "f": ("f", "f", "f", "f", "ф", "ֆ"), "h": ("h", "h", "h", "h", "х", "հ"),
    "sh": ("ş", "ş", "sh", "ch", "ш", "շ"), "ch": ("ç", "ç", "ch", "tch", "ч", "չ"),
    "j": ("c", "c", "j", "dj", "дж", "ջ"), "kh": ("x", "h", "kh", "kh", "х", "խ"),
    "gh": ("ğ", "ğ", "gh", "gh", "г", "ղ"), "y": ("y", "y", "y", "y", "й", "յ"),
    "zh": ("j", "j", "zh", "j", "ж", "ժ"),
}
VOWELS = {
    "a": ("a", "a", "a", "a", "а", "ա"), "e": ("e", "e", "e", "e", "е", "ե"),
    "ə": ("ə", "e", "a", "a", "а", "ա"), "i": ("i", "i", "i", "i", "и", "ի"),
    "ı": ("ı", "ı", "y", "y", "ы", "ը"), "o": ("o", "o", "o", "o", "о", "օ"),
    "ö": ("ö", "ö", "o", "eu", "о", "օ"), "u": ("u", "u", "u", "ou", "у", "ու"),
    "ü": ("ü", "ü", "u", "u", "ю", "յու"),
}
CONSONANT_KEYS = list(CONSONANTS)
VOWEL_KEYS = list(VOWELS)
VOWEL_WEIGHTS = [6, 4, 4, 4, 2, 3, 1, 3, 1]
TYPES = ["place", "person", "org", "term"]
TYPE_WEIGHTS = [5, 3, 1, 1]
RU_FIXES = [("йа", "я"), ("йу", "ю"), ("йе", "е"), ("ыы", "ы")]
SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """An approximation of dragoman's case fold (GlossaryFold.caseKey): case, the Turkic i letters
    as one, ё as е, typographic apostrophes and dashes, runs of spaces."""
    text = text.translate(FOLD_TABLE)
    return SPACES.sub(" ", text).strip().lower()


FOLD_TABLE = str.maketrans({"I": "i", "İ": "i", "ı": "i", "Ё": "е", "ё": "е", "’": "'", "‘": "'", "ʼ": "'",
                            "ʻ": "'", "`": "'", "´": "'", "‐": "-", "‑": "-", "‒": "-", "–": "-"})


def capitalize(word: str, lang: str) -> str:
    first = word[0]
    if lang in ("az", "tr"):
        first = {"i": "İ", "ı": "I"}.get(first, first.upper())
    else:
        first = first.upper()
    return first + word[1:]


@dataclass
class Entry:
    id: str
    type: str
    names: dict[str, list[str]]
    canonical: dict[str, str] = field(default_factory=dict)
    case_sensitive: bool = False

    @property
    def alias_count(self) -> int:
        return sum(len(v) for v in self.names.values())


class NameMaker:
    """Pseudo-names from syllables, the same phonemes written in each language."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def word(self) -> list[str]:
        rng = self.rng
        phonemes: list[str] = []
        for position in range(rng.choices([2, 3, 4], [6, 4, 1])[0]):
            if position > 0 or rng.random() < 0.8:
                phonemes.append(rng.choice(CONSONANT_KEYS))
            phonemes.append(rng.choices(VOWEL_KEYS, VOWEL_WEIGHTS)[0])
            if rng.random() < 0.3:
                phonemes.append(rng.choice(CONSONANT_KEYS))
        return phonemes

    @staticmethod
    def write(phonemes: list[str], lang: str) -> str:
        column = LANGS.index(lang)
        text = "".join((CONSONANTS.get(p) or VOWELS[p])[column] for p in phonemes)
        if lang == "ru":
            for old, new in RU_FIXES:
                text = text.replace(old, new)
        return capitalize(text, lang)

    def name(self) -> list[list[str]]:
        return [self.word() for _ in range(self.rng.choices([1, 2, 3], [11, 7, 2])[0])]


def sample_corpus(corpus: Path) -> tuple[str, list[str]]:
    """The first SAMPLE_BYTES of the corpus, and its capitalized words and word pairs that are
    never written in lower case there (names, as far as one can tell)."""
    with corpus.open("rb") as f:
        raw = f.read(SAMPLE_BYTES)
    text = raw.decode("utf-8", errors="ignore")
    if len(raw) == SAMPLE_BYTES and "\n" in text:
        text = text[:text.rfind("\n")]
    tokens = re.findall(r"[^\W\d_]+", text)
    seen = set(tokens)

    def is_name(word: str) -> bool:
        return word[0].isupper() and (word[0].lower() + word[1:]) not in seen

    words = {w for w in seen if len(w) >= 3 and is_name(w)}
    pairs = set()
    for match in re.finditer(r"(?<!\w)([^\W\d_]{2,}) ([^\W\d_]{2,})(?!\w)", text):
        a, b = match.group(1), match.group(2)
        if is_name(a) and is_name(b):
            pairs.add(f"{a} {b}")
    # Overlapping pairs (`Nazir Şuşa` then `Şuşa və`) are missed by finditer; a second pass from
    # every word start would find them, but names in a row are rare in this corpus.
    return text, sorted(words) + sorted(pairs)


def language_of(alias: str) -> str:
    """The language key of a corpus alias, from its letters."""
    if re.search(r"[\u0530-\u058F]", alias):
        return "hy"
    if re.search(r"[\u0400-\u04FF]", alias):
        return "ru"
    if re.search(r"[àâéèêëîïôùûÿœ]", alias.lower()):
        return "fr"
    turkic = re.search(r"[ıİşŞğĞçÇöÖüÜ]", alias)
    if re.search(r"[əƏ]", alias) or (turkic and re.search(r"[xXqQ]", alias)):
        return "az"
    return "tr" if turkic else "en"


def load_shipped() -> list[Entry]:
    try:
        import yaml  # type: ignore
    except ImportError:
        log("PyYAML is not installed (pip install pyyaml): the glossaries hold no real entries")
        return []
    entries = []
    for path in sorted((REPO / "glossaries").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in data.get("entries") or []:
            names = {str(lang): [str(n) for n in (v if isinstance(v, list) else [v])] for lang, v in item["names"].items()}
            entries.append(Entry(
                id=str(item["id"]), type=str(item.get("type", "term")), names=names,
                canonical={str(k): str(v) for k, v in (item.get("canonical") or {}).items()},
                case_sensitive=item.get("case") == "sensitive"))
    return entries


@dataclass
class Core:
    entries: list[Entry]
    corpus_aliases: int
    real_aliases: int
    taken: set[str]  # fold keys of every alias, real ones not in the core included
    corpus_prefixes: set[str]


def make_core(corpus: Path, seed: int) -> Core:
    rng = random.Random(seed)
    text, candidates = sample_corpus(corpus)
    shipped = load_shipped()
    taken: set[str] = set()
    for entry in shipped:
        for names in entry.names.values():
            taken.update(fold(n) for n in names)
    real_keys = sorted(k for k in taken if len(k) >= 3)

    # Corpus aliases: not a real alias, not a real alias with an ending (Շուշիում is Շուշի + ում).
    corpus_entries: list[Entry] = []
    usable = []
    keys: set[str] = set()
    for candidate in candidates:
        key = fold(candidate)
        if key in taken or key in keys or (" " not in key and any(key.startswith(r) for r in real_keys)):
            continue  # Laçın and Laçin are one alias to dragoman
        usable.append(candidate)
        keys.add(key)
    if len(usable) > CORPUS_ALIASES:
        usable = sorted(rng.sample(usable, CORPUS_ALIASES))
    for number, alias in enumerate(usable, 1):
        taken.add(fold(alias))
        corpus_entries.append(Entry(id=f"corpus-{number:04d}", type="term", names={language_of(alias): [alias]}))

    # Real entries: those the corpus names first, then others, up to the budget.
    words = {fold(w) for w in re.findall(r"[^\W\d_]+(?: [^\W\d_]+)?", text)} | {fold(w) for w in re.findall(r"[^\W\d_]+", text)}
    named = [e for e in shipped if any(fold(n) in words for ns in e.names.values() for n in ns)]
    others = [e for e in shipped if e not in named]
    rng.shuffle(others)
    real: list[Entry] = []
    count = 0
    for entry in named + others:
        if count + entry.alias_count <= REAL_BUDGET:
            real.append(entry)
            count += entry.alias_count

    prefixes = set()
    for word in set(re.findall(r"[^\W\d_]+", text)):
        key = fold(word)
        prefixes.update(key[:i] for i in range(1, len(key) + 1))
    return Core(entries=real + corpus_entries, corpus_aliases=len(corpus_entries), real_aliases=count,
                taken=taken, corpus_prefixes=prefixes)


def generate(core: Core, size: int, seed: int) -> list[Entry]:
    """The core, then generated entries up to `size` aliases in all."""
    entries = list(core.entries)
    total = sum(e.alias_count for e in entries)
    if total > size:
        raise BenchError(f"--sizes {size}: the core alone has {total} aliases (corpus and shipped ones); use a larger size")
    rng = random.Random(seed * 1_000_003 + 17)  # the same fill for a given seed, whatever the size
    maker = NameMaker(rng)
    taken = set(core.taken)
    number = 0
    while total < size:
        phonemes = maker.name()
        wanted = min(rng.choices([1, 2, 3], [3, 4, 3])[0], size - total)
        names: dict[str, list[str]] = {}
        keys: set[str] = set()
        for lang in rng.sample(LANGS, len(LANGS)):
            if len(names) == wanted:
                break
            alias = " ".join(maker.write(word, lang) for word in phonemes)
            key = fold(alias)
            first = key.split(" ")[0]
            if key in taken or key in keys or first[:max(3, len(first) - 2)] in core.corpus_prefixes:
                continue
            names[lang] = [alias]
            keys.add(key)
        if not names:
            continue
        number += 1
        taken |= keys
        total += len(names)
        entries.append(Entry(id=f"gen-{number:06d}", type=rng.choices(TYPES, TYPE_WEIGHTS)[0], names=names))
    return entries


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def write_glossary(path: Path, name: str, entries: list[Entry], core: Core, seed: int) -> int:
    aliases = sum(e.alias_count for e in entries)
    lines = [
        f"# {path.name}: generated by scripts/bench_glossary.py --seed {seed}; {aliases} aliases in {len(entries)} entries:",
        f"# {core.corpus_aliases} taken from the corpus, {core.real_aliases} of shipped entries, the rest pseudo-names.",
        "version: 1",
        f"name: {q(name)}",
        "entries:",
    ]
    for e in entries:
        lines.append(f"  - id: {q(e.id)}")
        lines.append(f"    type: {q(e.type)}")
        lines.append("    names:")
        for lang, names in e.names.items():
            lines.append(f"      {q(lang)}: [{', '.join(q(n) for n in names)}]")
        if e.canonical:
            lines.append("    canonical: {" + ", ".join(f"{q(k)}: {q(v)}" for k, v in e.canonical.items()) + "}")
        if e.case_sensitive:
            lines.append(f"    case: {q('sensitive')}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return aliases


def write_config(path: Path, glossary: Path) -> None:
    path.write_text(
        "version: 1\ntarget: en\nsource: en\nstages:\n  - name: glossary\n"
        f"    glossaries: [{q(str(glossary))}]\n    policy: replace\n", encoding="utf-8")


def write_alias_list(path: Path, entries: list[Entry]) -> int:
    """Every distinct alias once, one a line (the anchors key by string, not by language)."""
    seen: dict[str, None] = {}
    for e in entries:
        for names in e.names.values():
            for n in names:
                seen.setdefault(n, None)
    path.write_text("\n".join(seen) + "\n", encoding="utf-8")
    return len(seen)


# --- running (the launcher is scripts/bench.py's) --------------------------------------------------




# --- dragoman --------------------------------------------------------------------------------------

@dataclass
class Size:
    aliases: int
    entries: int
    distinct: int  # distinct alias strings (what the anchors get)
    glossary: Path
    config: Path
    alias_list: Path
    load_argv: list[str]
    scan_argv: list[str]
    matches: int | None = None
    stats_line: str | None = None  # dragoman's own timing of the --stats check run
    load_runs: list[Run] = field(default_factory=list)
    scan_runs: list[Run] = field(default_factory=list)
    failure: str | None = None

    @property
    def ok(self) -> bool:
        return self.failure is None and bool(self.scan_runs) and bool(self.load_runs)

    @property
    def load_s(self) -> float:
        return min(r.wall_s for r in self.load_runs)

    @property
    def best_scan(self) -> Run:
        return min(self.scan_runs, key=lambda r: r.wall_s)

    @property
    def scan_s(self) -> float | None:
        """Best corpus wall time less best load time; None when the load times varied more than the
        scan takes (the difference would be noise)."""
        scan = self.best_scan.wall_s - self.load_s
        return scan if scan > 0.02 * self.best_scan.wall_s else None


def check_dragoman(size: Size, binary: Path, corpus: Path, workdir: Path, clean_rss: bool, verbose: bool) -> None:
    """One untimed --stats run with the output kept: exit 0, at least half the input written, and
    the match count from `changes: glossary N`. Then the load command once, which must exit 0."""
    out = workdir / "check.out"
    argv = [str(binary), "--config", str(size.config), "--stages", "glossary", "--stats", str(corpus)]
    if verbose:
        log("running: " + " ".join(argv))
    run = run_once(argv, str(out), workdir / "check.err", clean_rss)
    try:
        written = out.stat().st_size if out.exists() else 0
        if run.exit_code != 0:
            size.failure = f"{describe_exit(run.exit_code)} on the --stats check run\n{run.stderr}"
            return
        ratio = written / corpus.stat().st_size
        if ratio < 0.5:
            size.failure = f"exit 0 but wrote {written:,} bytes for {corpus.stat().st_size:,} in\n{run.stderr}"
            return
        timing = re.search(r"dragoman: (\d+ records, .*)", run.stderr)
        size.stats_line = timing.group(1) if timing else None
        match = re.search(r"changes:.*?\bglossary (\d+)", run.stderr)
        size.matches = int(match.group(1)) if match else (0 if "changes: none" in run.stderr else None)
        if size.matches is None:
            log(f"warning: no `changes: glossary N` in dragoman --stats output:\n{run.stderr}")
        log(f"check: {size.aliases:,} aliases: exit 0, {written:,} bytes out ({ratio:.0%} of input), "
            f"{size.matches if size.matches is not None else '?'} matches, {run.wall_s:.3f} s")
    finally:
        out.unlink(missing_ok=True)
    run = run_once(size.load_argv, os.devnull, workdir / "check.err", clean_rss)
    if run.exit_code != 0:
        size.failure = f"{describe_exit(run.exit_code)} on empty input (the load run)\n{run.stderr}"


# --- anchors ---------------------------------------------------------------------------------------

ANCHOR_TIMER = r"""
import json, sys, time
tool, aliases_path, corpus_path = sys.argv[1:4]
with open(aliases_path, encoding="utf-8") as f:
    aliases = [line.rstrip("\n") for line in f if line.strip()]
with open(corpus_path, encoding="utf-8", errors="replace") as f:
    text = f.read()
if tool == "flashtext":
    from flashtext import KeywordProcessor
    start = time.perf_counter()
    processor = KeywordProcessor(case_sensitive=False)
    for alias in aliases:
        processor.add_keyword(alias)
    built = time.perf_counter()
    matches = len(processor.extract_keywords(text))
else:
    import ahocorasick
    start = time.perf_counter()
    automaton = ahocorasick.Automaton()
    for number, alias in enumerate(aliases):
        automaton.add_word(alias, number)
    automaton.make_automaton()
    built = time.perf_counter()
    if not hasattr(automaton, "iter_long"):
        sys.exit("pyahocorasick has no iter_long (it came in 1.4.1): pip install -U pyahocorasick")
    matches = sum(1 for _ in automaton.iter_long(text))
done = time.perf_counter()
print(json.dumps({"load_s": built - start, "scan_s": done - built, "matches": matches, "aliases": len(aliases)}))
"""

ANCHORS = {
    # tool: (module to import, pip package)
    "flashtext": ("flashtext", "flashtext"),
    "pyahocorasick": ("ahocorasick", "pyahocorasick"),
}

ANCHOR_NOTES = {
    "flashtext": "case-insensitive by str.lower(); word boundaries only at [A-Za-z0-9_], so every other letter "
                 "(ə ş ı, all Cyrillic and Armenian) counts as a boundary: it matches inside such words and misses "
                 "names next to them; no inflected forms",
    "pyahocorasick": "exact case, substrings anywhere (inside words too), longest non-overlapping (iter_long); "
                     "no folding, no inflected forms",
}


@dataclass
class AnchorResult:
    tool: str
    aliases: int
    runs: list[Run] = field(default_factory=list)
    timings: list[dict] = field(default_factory=list)
    failure: str | None = None

    @property
    def best(self) -> tuple[Run, dict]:
        index = min(range(len(self.timings)), key=lambda i: self.timings[i]["scan_s"])
        return self.runs[index], self.timings[index]


def anchor_installed(module: str) -> bool:
    return subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True).returncode == 0


def run_anchor(tool: str, size: Size, corpus: Path, workdir: Path, clean_rss: bool, result: AnchorResult) -> None:
    out = workdir / "anchor.out"
    argv = [sys.executable, "-c", ANCHOR_TIMER, tool, str(size.alias_list), str(corpus)]
    run = run_once(argv, str(out), workdir / "anchor.err", clean_rss)
    if run.exit_code != 0:
        result.failure = f"{describe_exit(run.exit_code)}: {run.stderr.strip().splitlines()[-1] if run.stderr.strip() else ''}"
        return
    timing = json.loads(out.read_text())
    result.runs.append(run)
    result.timings.append(timing)
    log(f"{tool} {size.aliases:,} aliases: load {timing['load_s']:.3f} s, scan {timing['scan_s']:.3f} s, "
        f"{timing['matches']:,} matches")


# --- machine facts ---------------------------------------------------------------------------------

def module_version(module: str) -> str | None:
    probe = f"import importlib.metadata as m; print(m.version({module!r}))"
    return first_line([sys.executable, "-c", probe])


def machine_facts() -> dict[str, str]:
    facts = host_facts()
    facts["swift"] = first_line(["swift", "--version"]) or "unknown"
    facts["python"] = platform.python_version()
    for package in ("flashtext", "pyahocorasick", "PyYAML"):
        version = module_version(package)
        if version:
            facts[package] = version
    commit = commit_fact()
    if commit:
        facts["commit"] = commit
    return facts


# --- report ----------------------------------------------------------------------------------------

def print_table(rows: list[list[str]]) -> None:
    print_rows(["tool", "aliases", "load s", "scan s", "MB/s", "wall s", "peak RSS MiB", "CPU s", "matches"], rows)


def dragoman_row(size: Size, input_bytes: int) -> list[str]:
    if not size.ok:
        return ["dragoman", f"{size.aliases:,}", "FAILED", "", "", "", "", "", ""]
    best = size.best_scan
    rss = max(r.max_rss_kib for r in size.scan_runs) / 1024
    scan = size.scan_s
    return ["dragoman", f"{size.aliases:,}", f"{size.load_s:.3f}", f"{scan:.3f}" if scan else "noise",
            f"{input_bytes / 1e6 / scan:.1f}" if scan else "", f"{best.wall_s:.3f}", f"{rss:.1f}", f"{best.cpu_s:.3f}",
            f"{size.matches:,}" if size.matches is not None else "?"]


def anchor_row(result: AnchorResult, input_bytes: int) -> list[str]:
    if result.failure or not result.runs:
        return [result.tool, f"{result.aliases:,}", "FAILED" if result.failure else "skipped", "", "", "", "", "", ""]
    run, timing = result.best
    rss = max(r.max_rss_kib for r in result.runs) / 1024
    return [result.tool, f"{result.aliases:,}", f"{timing['load_s']:.3f}", f"{timing['scan_s']:.3f}",
            f"{input_bytes / 1e6 / timing['scan_s']:.1f}", f"{run.wall_s:.3f}", f"{rss:.1f}", f"{run.cpu_s:.3f}",
            f"{timing['matches']:,}"]


def goals(sizes: list[Size], input_bytes: int) -> list[dict]:
    small, large = sizes[0], sizes[-1]
    results = []
    if not large.ok:
        return results
    if large.scan_s is None:
        results.append({"goal": f"matching speed with {large.aliases:,} aliases", "met": None,
                        "text": "not measured: the load times varied more than the scan takes (raise --mb or --repeat)"})
    else:
        speed = input_bytes / 1e6 / large.scan_s
    if large.scan_s is not None and small.ok and small.scan_s is not None and small is not large:
        base = input_bytes / 1e6 / small.scan_s
        ratio = speed / base
        results.append({"goal": f"matching speed with {large.aliases:,} aliases within 20% of {small.aliases:,}",
                        "target": GOAL_RATIO, "measured": ratio, "met": ratio >= GOAL_RATIO,
                        "text": f"{speed:.1f} vs {base:.1f} MB/s = {ratio:.0%}"})
    if large.scan_s is not None:
        results.append({"goal": f"matching speed with {large.aliases:,} aliases >= {GOAL_MB_PER_S:g} MB/s",
                        "target": GOAL_MB_PER_S, "measured": speed, "met": speed >= GOAL_MB_PER_S,
                        "text": f"{speed:.1f} MB/s ({speed / GOAL_MB_PER_S:.0%} of goal)"})
    results.append({"goal": f"load of {large.aliases:,} aliases < {GOAL_LOAD_S:g} s",
                    "target": GOAL_LOAD_S, "measured": large.load_s, "met": large.load_s < GOAL_LOAD_S,
                    "text": f"{large.load_s:.3f} s"})
    return results


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="dragoman-bench-glossary-") as tmp:
        workdir = (args.workdir or Path(tmp)).resolve()
        workdir.mkdir(parents=True, exist_ok=True)
        binary = swift_build(args.no_build)
        corpus = make_corpus(args, workdir)
        input_bytes = corpus.stat().st_size
        if input_bytes == 0:
            raise BenchError(f"{corpus} is empty")

        started = time.perf_counter()
        core = make_core(corpus, args.seed)
        sizes: list[Size] = []
        for n in args.sizes:
            entries = generate(core, n, args.seed)
            glossary = workdir / f"generated-{n}.yaml"
            aliases = write_glossary(glossary, f"generated-{n}", entries, core, args.seed)
            config = workdir / f"generated-{n}.config.yaml"
            write_config(config, glossary)
            alias_list = workdir / f"generated-{n}.aliases.txt"
            distinct = write_alias_list(alias_list, entries)
            base = [str(binary), "--config", str(config), "--stages", "glossary"]
            sizes.append(Size(aliases=aliases, entries=len(entries), distinct=distinct, glossary=glossary, config=config,
                              alias_list=alias_list, load_argv=base + ["/dev/null"], scan_argv=base + [str(corpus)]))
        log(f"generated {len(sizes)} glossaries in {time.perf_counter() - started:.1f} s: "
            + ", ".join(f"{s.aliases:,} aliases / {s.entries:,} entries ({s.glossary.stat().st_size / 1e6:.2f} MB)" for s in sizes)
            + f"; core: {core.corpus_aliases} corpus aliases, {core.real_aliases} shipped ones")

        clean_rss = become_subreaper()
        if not clean_rss:
            log("warning: cannot become child subreaper; peak RSS includes this script's own")
        true = shutil.which("true") or "/bin/true"
        overhead = min(run_once([true], os.devnull, workdir / "run.err", clean_rss).wall_s for _ in range(5))

        for size in sizes:  # also warms the page cache
            check_dragoman(size, binary, corpus, workdir, clean_rss, args.verbose)
            if size.failure:
                log(f"dragoman with {size.aliases:,} aliases failed: {size.failure}")

        live = [s for s in sizes if not s.failure]
        log(f"timing dragoman: {len(live)} sizes x (load + scan) x {args.repeat} runs on {input_bytes / 1e6:.1f} MB")
        for i in range(args.repeat):
            for size in live:
                if size.failure:
                    continue
                for argv, runs, what in ((size.load_argv, size.load_runs, "load"), (size.scan_argv, size.scan_runs, "scan")):
                    if args.verbose:
                        log("running: " + " ".join(argv))
                    run = run_once(argv, os.devnull, workdir / "run.err", clean_rss)
                    if run.exit_code != 0:
                        size.failure = f"{describe_exit(run.exit_code)} on timed {what} run {i + 1}\n{run.stderr}"
                        break
                    runs.append(run)
                    log(f"run {i + 1}/{args.repeat} dragoman {size.aliases:,} aliases {what}: {run.wall_s:.3f} s")

        anchors: list[AnchorResult] = []
        missing: list[str] = []
        if not args.no_anchors:
            for tool, (module, package) in ANCHORS.items():
                if not anchor_installed(module):
                    log(f"{tool} is not installed (pip install {package}); skipped")
                    missing.append(f"{tool}: not installed (pip install {package}); skipped")
                    continue
                for size in sizes:
                    result = AnchorResult(tool=tool, aliases=size.aliases)
                    anchors.append(result)
                    for _ in range(args.anchor_repeat):
                        if args.verbose:
                            log(f"running: {sys.executable} -c ANCHOR_TIMER {tool} {size.alias_list} {corpus}")
                        run_anchor(tool, size, corpus, workdir, clean_rss, result)
                        if result.failure:
                            log(f"{tool} with {size.aliases:,} aliases failed: {result.failure}")
                            break

        facts = machine_facts()
        print(f"corpus: {corpus} ({input_bytes:,} bytes = {input_bytes / 1e6:.1f} MB)")
        print(f"glossaries: {', '.join(f'{s.aliases:,} aliases in {s.entries:,} entries' for s in sizes)}; each holds "
              f"{core.corpus_aliases} aliases sampled from the corpus and {core.real_aliases} of shipped entries, the rest "
              f"generated pseudo-names (seed {args.seed})" + (f"; kept in {workdir}" if args.workdir else ""))
        print(f"dragoman: best of {args.repeat}; load s = wall time on empty input (/dev/null); scan s = wall time on the "
              "corpus - load s; MB/s = 10^6 input bytes / scan s; wall s = end to end; output to /dev/null")
        print(f"anchors: best of {args.anchor_repeat} by scan s, timed inside the Python process; load s = building the "
              "keyword trie or automaton; wall s = the whole process (start-up, reading the corpus, load, scan)")
        print(f"wall times include {overhead * 1000:.1f} ms to launch a process (`true` takes that long)")
        print()
        rows = [dragoman_row(s, input_bytes) for s in sizes] + [anchor_row(a, input_bytes) for a in anchors]
        print_table(rows)
        print()
        for line in missing:
            print(line)
        for tool in ANCHORS:
            if any(a.tool == tool for a in anchors):
                counts = sorted({s.distinct for s in sizes})
                print(f"{tool}: {ANCHOR_NOTES[tool]}; it gets each glossary's distinct alias strings "
                      f"({', '.join(f'{c:,}' for c in counts)})")
        print("dragoman: case-folded (Turkic i too), word boundaries in every script, az/tr suffixes and ru/hy case "
              "endings; writes the text with canonical forms (policy replace)")

        counts = {s.aliases: s.matches for s in sizes if s.ok}
        if len(set(counts.values())) == 1 and None not in counts.values():
            print(f"dragoman matches: {next(iter(counts.values())):,} with every glossary size, as the shared core makes expected")
        elif counts:
            print("dragoman matches DIFFER between sizes though every glossary holds the same matching core: "
                  + ", ".join(f"{n:,} aliases: {m}" for n, m in counts.items()))

        for s in sizes:
            if s.ok and s.load_s > (s.scan_s or 0):
                spread = max(r.wall_s for r in s.load_runs) - s.load_s
                print(f"note: with {s.aliases:,} aliases the load ({s.load_s:.3f} s) takes longer than the scan: scan s is the "
                      "difference of two wall times and carries the load's run-to-run noise "
                      + (f"(its {len(s.load_runs)} load runs spread over {spread:.3f} s)" if len(s.load_runs) > 1 else "(one run: unknown)")
                      + "; raise --mb and --repeat for a steadier number")
        for s in sizes:
            if s.stats_line:
                print(f"dragoman --stats, {s.aliases:,} aliases (check run, annotations recorded, load excluded): {s.stats_line}")

        goal_results = goals(sizes, input_bytes)
        if goal_results:
            print()
            for g in goal_results:
                verdict = {True: ", meets", False: ", MISSED", None: ""}[g["met"]]
                print(f"goal: {g['goal']}: {g['text']}{verdict}")
        print()
        for key, value in facts.items():
            print(f"{key + ':':<16}{value}")

        failures = [s for s in sizes if s.failure]
        for s in failures:
            print(f"\ndragoman with {s.aliases:,} aliases failed: {s.failure.splitlines()[0]}", file=sys.stderr)
            print(f"  reproduce: {' '.join(s.scan_argv)}" + ("" if args.workdir else " (rerun with --workdir DIR to keep the files)"),
                  file=sys.stderr)
            rest = "\n".join(s.failure.splitlines()[1:]).strip()
            if rest:
                print(rest, file=sys.stderr)

        if args.json:
            report = {
                "corpus": {"path": str(corpus) if args.corpus else None, "bytes": input_bytes, "megabytes": input_bytes / 1e6},
                "seed": args.seed, "repeat": args.repeat, "anchor_repeat": args.anchor_repeat,
                "launch_overhead_s": overhead, "machine": facts,
                "core": {"corpus_aliases": core.corpus_aliases, "shipped_aliases": core.real_aliases},
                "goals": goal_results,
                "dragoman": [
                    {"aliases": s.aliases, "entries": s.entries, "distinct_aliases": s.distinct, "ok": s.ok,
                     "failure": s.failure, "matches": s.matches,
                     "stats_line": s.stats_line,
                     **({"load_s": s.load_s, "scan_s": s.scan_s, "wall_s": s.best_scan.wall_s,
                         "mb_per_s": input_bytes / 1e6 / s.scan_s if s.scan_s else None,
                         "peak_rss_mib": max(r.max_rss_kib for r in s.scan_runs) / 1024, "cpu_s": s.best_scan.cpu_s}
                        if s.ok else {}),
                     "load_runs": [{k: v for k, v in asdict(r).items() if k != "stderr"} for r in s.load_runs],
                     "scan_runs": [{k: v for k, v in asdict(r).items() if k != "stderr"} for r in s.scan_runs]}
                    for s in sizes
                ],
                "anchors": [
                    {"tool": a.tool, "aliases": a.aliases, "ok": bool(a.runs) and not a.failure, "failure": a.failure,
                     **({"load_s": a.best[1]["load_s"], "scan_s": a.best[1]["scan_s"], "matches": a.best[1]["matches"],
                         "mb_per_s": input_bytes / 1e6 / a.best[1]["scan_s"], "wall_s": a.best[0].wall_s,
                         "peak_rss_mib": max(r.max_rss_kib for r in a.runs) / 1024, "cpu_s": a.best[0].cpu_s}
                        if a.runs and not a.failure else {})}
                    for a in anchors
                ],
            }
            args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
            log(f"wrote {args.json}")
        return 1 if failures else 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BenchError as error:
        log(f"error: {error}")
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
