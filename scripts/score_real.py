#!/usr/bin/env python3
"""Score dragoman on real published news: corpora/real/*.jsonl, labelled by reading (see its README).

Runs ONE dragoman process over every paragraph (the embedded default pipeline, `--format jsonl`,
target English; records without "lang" unless --with-lang) and compares its annotations with the
labels:

    money    a money annotation overlapping a labelled amount with the same currency and value (or
             low/high) is a hit; with another value or currency it is a WRONG VALUE; over no labelled
             amount it is spurious. Annotations that only flag (data.ambiguous, no amount) are counted
             apart. precision = hits / (hits + wrong + spurious), recall = hits / labelled amounts.
    names    the output where the name was contains one accepted form at word boundaries.
    keep     a change overlapping a keep span that writes something else is a violation (per stage).
    repair   the output where the broken text was is changed and contains one accepted form.
    offsets  an annotation whose text[start:end] is not its source; a record whose annotations, applied
             stage by stage, do not give its output text.

"Where the name was" is exact: annotations carry scalar offsets into the input, so applying them in
stage order (each later stage's span covers whole earlier changes) rebuilds the output as pieces that
each know the input span they came from; a label's output is the pieces over its span.

    python3 scripts/score_real.py                  per language and overall
    python3 scripts/score_real.py -v               every failure too
    python3 scripts/score_real.py --validate       the labels only (no binary needed)
    python3 scripts/score_real.py --check          exit 1 when a figure is below its floor (floors.json)
    python3 scripts/score_real.py --update-floors  raise the floors to today's figures (never lowers)
    python3 scripts/score_real.py --markdown       the table as Markdown, for the README

Exit status: 0 done (or --check passed), 1 --check failed or --validate found errors, 2 could not run.
Python 3.11, standard library only.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import subprocess
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO / "corpora" / "real"
DEFAULT_FLOORS = DEFAULT_DATA / "floors.json"
LANGUAGES = ("az", "tr", "hy", "ru", "fr", "en")
TAGS = frozenset("""multi-part subunit rate range date-near-amount percent code-order ending number-words
    other-currency title institution acronym sentence-start month place-adjective headline foreign-names
    contested broken plain""".split())
PARAGRAPH_KEYS = {"id", "lang", "outlet", "url", "date", "tags", "text", "amounts", "names", "keep",
                  "repair", "note"}
AMOUNT_KEYS = {"text", "nth", "currency", "value", "low", "high", "approx", "note"}
NAME_KEYS = {"text", "nth", "accept", "note"}
REPAIR_KEYS = {"text", "nth", "accept", "note"}
ISO_CODE = re.compile(r"^[A-Z]{3}$")
# The default pipeline's stage order: annotations are applied in it to rebuild the output.
STAGE_ORDER = ("repair", "glossary", "transliterate", "money", "translate")

# Rates are floors (a figure may not fall below); counts are ceilings (may not rise above).
RATES = ("money_precision", "money_recall", "money_f1", "name_recall", "repair_rate")
COUNTS = ("wrong_values", "keep_violations", "offset_errors")


# ---------------------------------------------------------------- labels

@dataclass
class Span:
    start: int
    end: int


def locate(text: str, needle: str, nth: int) -> Span | None:
    """The nth (1-based) non-overlapping occurrence of needle in text, as scalar offsets."""
    position = -1
    searched = 0
    for _ in range(nth):
        position = text.find(needle, searched)
        if position < 0:
            return None
        searched = position + len(needle)
    return Span(position, position + len(needle))


def decimal(value: object) -> Decimal | None:
    if not isinstance(value, str) or not re.fullmatch(r"-?\d+(\.\d+)?", value):
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


def validate(paragraphs: list[tuple[str, int, dict]]) -> list[str]:
    """Every problem with the labels, as `file:line: message`."""
    problems: list[str] = []
    seen: dict[str, str] = {}
    seen_text: dict[str, str] = {}
    for path, line, p in paragraphs:
        where = f"{path}:{line}"

        def problem(message: str) -> None:
            problems.append(f"{where}: {p.get('id', '?')}: {message}")

        unknown = set(p) - PARAGRAPH_KEYS
        if unknown:
            problem(f"unknown keys {sorted(unknown)}")
        for key in ("id", "lang", "outlet", "url", "text"):
            if not isinstance(p.get(key), str) or not p.get(key):
                problem(f"`{key}` must be a non-empty string")
        text = p.get("text") if isinstance(p.get("text"), str) else ""
        identifier = p.get("id", "")
        if identifier in seen:
            problem(f"duplicate id (also {seen[identifier]})")
        seen[identifier] = where
        if text in seen_text:
            problem(f"duplicate text (also {seen_text[text]})")
        seen_text[text] = where
        if p.get("lang") not in LANGUAGES:
            problem(f"`lang` {p.get('lang')!r} is not one of {', '.join(LANGUAGES)}")
        elif isinstance(identifier, str) and not identifier.startswith(p["lang"] + "-"):
            problem("`id` must start with the language")
        if not str(p.get("url", "")).startswith(("http://", "https://")):
            problem("`url` must be an http(s) address")
        if "\n" in text:
            problem("`text` must be one paragraph without line breaks")
        tags = p.get("tags", [])
        if not isinstance(tags, list) or any(t not in TAGS for t in tags):
            problem(f"`tags` must be a list of {sorted(TAGS)}")
        for key in ("amounts", "names", "keep", "repair"):
            if not isinstance(p.get(key, []), list):
                problem(f"`{key}` must be a list")

        def check_span(kind: str, item: object, keys: set[str]) -> dict | None:
            if kind == "keep":
                if not isinstance(item, str) or not item:
                    problem(f"keep item {item!r} must be a non-empty string")
                    return None
                item = {"text": item}
            if not isinstance(item, dict):
                problem(f"{kind} item {item!r} must be an object")
                return None
            extra = set(item) - keys
            if extra:
                problem(f"{kind} {item.get('text')!r}: unknown keys {sorted(extra)}")
            needle = item.get("text")
            nth = item.get("nth", 1)
            if not isinstance(needle, str) or not needle:
                problem(f"{kind} item without `text`")
                return None
            if not isinstance(nth, int) or nth < 1:
                problem(f"{kind} {needle!r}: `nth` must be a positive integer")
                return None
            if locate(text, needle, nth) is None:
                problem(f"{kind} {needle!r} (occurrence {nth}) is not in the text")
                return None
            return item

        for amount in p.get("amounts", []) if isinstance(p.get("amounts"), list) else []:
            item = check_span("amount", amount, AMOUNT_KEYS)
            if item is None:
                continue
            label = item["text"]
            if not isinstance(item.get("currency"), str) or not ISO_CODE.match(item["currency"]):
                problem(f"amount {label!r}: `currency` must be an ISO 4217 code")
            has_value = "value" in item
            has_range = "low" in item or "high" in item
            if has_value == has_range:
                problem(f"amount {label!r}: give `value`, or `low` and `high`")
            for key in ("value", "low", "high"):
                if key in item and decimal(item[key]) is None:
                    problem(f"amount {label!r}: `{key}` {item[key]!r} must be a decimal string like \"1250.50\"")
            if has_range and not ("low" in item and "high" in item):
                problem(f"amount {label!r}: a range needs both `low` and `high`")
            if not re.search(r"\d", label) and "number-words" not in tags:
                problem(f"amount {label!r} has no digit: tag the paragraph `number-words`")
        for name in p.get("names", []) if isinstance(p.get("names"), list) else []:
            item = check_span("name", name, NAME_KEYS)
            if item is None:
                continue
            accept = item.get("accept")
            if not isinstance(accept, list) or not accept or any(not isinstance(a, str) or not a for a in accept):
                problem(f"name {item['text']!r}: `accept` must be a non-empty list of strings")
        for keep in p.get("keep", []) if isinstance(p.get("keep"), list) else []:
            check_span("keep", keep, {"text"})
        for repair in p.get("repair", []) if isinstance(p.get("repair"), list) else []:
            item = check_span("repair", repair, REPAIR_KEYS)
            if item is not None and not (isinstance(item.get("accept"), list) and item["accept"]):
                problem(f"repair {item['text']!r}: `accept` must be a non-empty list of strings")
    return problems


def load(paths: list[Path]) -> list[tuple[str, int, dict]]:
    """(file, line, paragraph) for every line; exits 2 on a line that is not a JSON object."""
    paragraphs = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    value = json.loads(line)
                except json.JSONDecodeError as error:
                    sys.exit(f"{path}:{number}:{error.colno}: error: {error.msg}")
                if not isinstance(value, dict):
                    sys.exit(f"{path}:{number}:1: error: a paragraph must be a JSON object")
                paragraphs.append((str(path), number, value))
    return paragraphs


# ---------------------------------------------------------------- rebuilding the output

@dataclass
class Piece:
    """Output text that came from input[start:end]; `changed` pieces cannot be split."""
    start: int
    end: int
    text: str
    changed: bool
    stages: tuple[str, ...] = ()


def rebuild(source: str, annotations: list[dict]) -> list[Piece] | None:
    """The output as pieces over the input, applying annotations stage by stage; None if they do not
    fit together (a later change that cuts an earlier one in two)."""
    pieces = [Piece(0, len(source), source, False)]
    rank = {stage: index for index, stage in enumerate(STAGE_ORDER)}
    ordered = sorted(enumerate(annotations),
                     key=lambda pair: (rank.get(pair[1].get("stage"), len(rank)), pair[1]["start"], pair[0]))
    for _, annotation in ordered:
        start, end = annotation["start"], annotation["end"]
        before: list[Piece] = []
        covered: list[Piece] = []
        after: list[Piece] = []
        for piece in pieces:
            if piece.start == piece.end:  # text an earlier stage inserted at one position
                (before if piece.start <= start else after if piece.start >= end else covered).append(piece)
            elif piece.end <= start:
                before.append(piece)
            elif piece.start >= end:
                after.append(piece)
            elif piece.changed:
                if piece.start < start or piece.end > end:
                    return None
                covered.append(piece)
            else:
                cut = lambda a, b: Piece(a, b, piece.text[a - piece.start: b - piece.start], False)
                if piece.start < start:
                    before.append(cut(piece.start, start))
                covered.append(cut(max(piece.start, start), min(piece.end, end)))
                if piece.end > end:
                    after.append(cut(end, piece.end))
        pieces = before + [_merged(covered, start, end, annotation)] + after
    return pieces


def _merged(covered: list[Piece], start: int, end: int, annotation: dict) -> Piece:
    stages = tuple(s for p in covered for s in p.stages) + (annotation.get("stage", "?"),)
    return Piece(start, end, annotation.get("replacement", ""), True, stages)


def output_over(pieces: list[Piece], span: Span) -> tuple[str, list[Piece]]:
    """The output written for input[span]: unchanged text cut to the span, changed pieces whole."""
    parts: list[str] = []
    touched: list[Piece] = []
    for piece in pieces:
        overlaps = piece.start < span.end and piece.end > span.start
        inside_empty = piece.start == piece.end and span.start < piece.start < span.end
        if not (overlaps or inside_empty):
            continue
        if piece.changed:
            parts.append(piece.text)
            touched.append(piece)
        else:
            a, b = max(piece.start, span.start), min(piece.end, span.end)
            parts.append(piece.text[a - piece.start: b - piece.start])
    return "".join(parts), touched


def is_word(character: str) -> bool:
    return unicodedata.category(character)[0] in "LMN"


def contains_word(haystack: str, needle: str) -> bool:
    """needle occurs in haystack with no letter, mark or digit right before or after it."""
    start = 0
    while True:
        position = haystack.find(needle, start)
        if position < 0:
            return False
        before = haystack[position - 1] if position > 0 else " "
        after_index = position + len(needle)
        after = haystack[after_index] if after_index < len(haystack) else " "
        if (not is_word(before) or not is_word(needle[0])) and (not is_word(after) or not is_word(needle[-1])):
            return True
        start = position + 1


# ---------------------------------------------------------------- scoring

@dataclass
class Tally:
    paragraphs: int = 0
    amounts: int = 0
    hits: int = 0
    wrong: int = 0
    spurious: int = 0
    flagged: int = 0
    names: int = 0
    names_found: int = 0
    keeps: int = 0
    keep_violations: int = 0
    keep_by_stage: Counter = field(default_factory=Counter)
    repairs: int = 0
    repairs_passed: int = 0
    offset_errors: int = 0
    detected: Counter = field(default_factory=Counter)

    def add(self, other: "Tally") -> None:
        for key, value in vars(other).items():
            if isinstance(value, Counter):
                getattr(self, key).update(value)
            else:
                setattr(self, key, getattr(self, key) + value)

    def figures(self) -> dict[str, float | int | None]:
        found = self.hits + self.wrong + self.spurious
        precision = self.hits / found if found else None
        recall = self.hits / self.amounts if self.amounts else None
        f1 = (2 * precision * recall / (precision + recall)
              if precision is not None and recall is not None and precision + recall else
              (0.0 if precision is not None and recall is not None else None))
        return {
            "money_precision": precision, "money_recall": recall, "money_f1": f1,
            "name_recall": self.names_found / self.names if self.names else None,
            "repair_rate": self.repairs_passed / self.repairs if self.repairs else None,
            "wrong_values": self.wrong, "keep_violations": self.keep_violations,
            "offset_errors": self.offset_errors,
        }


def money_value(annotation: dict) -> tuple[str, Decimal | None, Decimal | None, Decimal | None] | None:
    data = annotation.get("data") or {}
    currency = data.get("currency")
    if not isinstance(currency, str):
        return None
    amount = decimal(data.get("amount")) if "amount" in data else None
    low = decimal(data.get("low")) if "low" in data else None
    high = decimal(data.get("high")) if "high" in data else None
    if amount is None and low is None and high is None:
        return None
    return currency, amount, low, high


def score_paragraph(p: dict, result: dict, failures: list[str]) -> Tally:
    tally = Tally(paragraphs=1)
    text = p["text"]
    annotations = result.get("annotations") or []
    output = result.get("text", "")
    pid = p["id"]
    tally.detected[result.get("lang", "?")] += 1

    for a in annotations:
        if not (isinstance(a.get("start"), int) and isinstance(a.get("end"), int)
                and 0 <= a["start"] <= a["end"] <= len(text) and text[a["start"]:a["end"]] == a.get("source")):
            tally.offset_errors += 1
            failures.append(f"{pid}: offsets: {a.get('stage')} [{a.get('start')},{a.get('end')}) "
                            f"is {text[a.get('start', 0):a.get('end', 0)]!r}, source {a.get('source')!r}")
    pieces = rebuild(text, annotations) if tally.offset_errors == 0 else None
    if pieces is not None and "".join(piece.text for piece in pieces) != output:
        pieces = None
    if pieces is None:
        tally.offset_errors += 1
        failures.append(f"{pid}: offsets: the annotations, applied in stage order, do not give the output")

    # money
    expected = []
    for amount in p.get("amounts", []):
        span = locate(text, amount["text"], amount.get("nth", 1))
        expected.append((amount, span))
    tally.amounts = len(expected)
    hit = [False] * len(expected)
    partial: dict[int, set[Decimal]] = defaultdict(set)
    for a in annotations:
        if a.get("stage") != "money":
            continue
        value = money_value(a)
        if value is None:
            if (a.get("data") or {}).get("ambiguous") is not None:
                tally.flagged += 1
            continue
        currency, amount, low, high = value
        overlapping = [i for i, (_, span) in enumerate(expected)
                       if span and span.start < a["end"] and a["start"] < span.end]
        matched = None
        for i in overlapping:
            label = expected[i][0]
            if hit[i] or label["currency"] != currency:
                continue
            if "value" in label and amount is not None and Decimal(label["value"]) == amount:
                matched = i
                break
            if "low" in label and low is not None and high is not None \
                    and Decimal(label["low"]) == low and Decimal(label["high"]) == high:
                matched = i
                break
        if matched is not None:
            hit[matched] = True
            tally.hits += 1
            continue
        # two labelled amounts (a change "from X to Y") written as one range: both are hits
        if low is not None and high is not None:
            sides = [next((i for i in overlapping if not hit[i] and "value" in expected[i][0]
                           and expected[i][0]["currency"] == currency and Decimal(expected[i][0]["value"]) == bound),
                          None) for bound in (low, high)]
            if None not in sides and sides[0] != sides[1]:
                for i in sides:
                    hit[i] = True
                    tally.hits += 1
                continue
        # a range written as two amounts: each side is a correct value, the range a hit when both are
        ends = [i for i in overlapping if "low" in expected[i][0] and expected[i][0]["currency"] == currency
                and amount is not None and amount in (Decimal(expected[i][0]["low"]), Decimal(expected[i][0]["high"]))]
        if ends:
            i = ends[0]
            partial[i].add(amount)
            if partial[i] == {Decimal(expected[i][0]["low"]), Decimal(expected[i][0]["high"])} and not hit[i]:
                hit[i] = True
                tally.hits += 1
            continue
        shown = amount if amount is not None else f"{low}-{high}"
        if overlapping:
            tally.wrong += 1
            labels = "; ".join(f"{expected[i][0]['currency']} {expected[i][0].get('value') or expected[i][0].get('low') + '-' + expected[i][0].get('high')}"
                               for i in overlapping)
            failures.append(f"{pid}: money WRONG VALUE: {a['source']!r} -> {currency} {shown} (label: {labels})")
        else:
            tally.spurious += 1
            failures.append(f"{pid}: money spurious: {a['source']!r} -> {currency} {shown}")
    for i, (label, span) in enumerate(expected):
        if not hit[i]:
            value = label.get("value") or f"{label.get('low')}-{label.get('high')}"
            failures.append(f"{pid}: money missed: {label['text']!r} = {label['currency']} {value}")

    def outputs(items: list[dict]):
        """(label, what the output wrote over its span) for each label that can be judged."""
        for item in items:
            span = locate(text, item["text"], item.get("nth", 1))
            if span is not None and pieces is not None:
                yield item, output_over(pieces, span)[0]

    # names
    tally.names = len(p.get("names", []))
    for name, written in outputs(p.get("names", [])):
        if any(contains_word(written, form) for form in name["accept"]):
            tally.names_found += 1
        else:
            failures.append(f"{pid}: name: {name['text']!r} -> {written!r} (accept {name['accept']})")

    # keep
    for keep in p.get("keep", []):
        tally.keeps += 1
        span = locate(text, keep, 1)
        if span is None or pieces is None:
            continue
        written, touched = output_over(pieces, span)
        changed = [piece for piece in touched if piece.text != text[piece.start:piece.end]]
        if changed:
            tally.keep_violations += 1
            stages = sorted({piece.stages[-1] for piece in changed})
            for stage in stages:
                tally.keep_by_stage[stage] += 1
            failures.append(f"{pid}: keep ({', '.join(stages)}): {keep!r} -> {written!r}")

    # repair
    tally.repairs = len(p.get("repair", []))
    for repair, written in outputs(p.get("repair", [])):
        if written != repair["text"] and any(form in written for form in repair["accept"]):
            tally.repairs_passed += 1
        else:
            failures.append(f"{pid}: repair: {repair['text']!r} -> {written!r} (accept {repair['accept']})")
    return tally


def run_dragoman(binary: Path, paragraphs: list[dict], with_lang: bool, extra: list[str]) -> list[dict]:
    lines = []
    for p in paragraphs:
        record = {"id": p["id"], "text": p["text"]}
        if with_lang:
            record["lang"] = p["lang"]
        lines.append(json.dumps(record, ensure_ascii=False))
    command = [str(binary), "--format", "jsonl", *extra]
    completed = subprocess.run(command, input="\n".join(lines) + "\n", capture_output=True, text=True)
    if completed.returncode != 0:
        sys.stderr.write(completed.stderr)
        sys.exit(f"score_real: {' '.join(command)} exited {completed.returncode}")
    results = [json.loads(line) for line in completed.stdout.splitlines() if line.strip()]
    if [r.get("id") for r in results] != [p["id"] for p in paragraphs]:
        sys.exit("score_real: dragoman's output records do not match the input records one to one")
    return results


# ---------------------------------------------------------------- reporting

def fmt(value: float | int | None, rate: bool) -> str:
    if value is None:
        return "–"
    return f"{value:.3f}" if rate else str(value)


def table(tallies: dict[str, Tally], markdown: bool) -> str:
    header = ["lang", "¶", "amounts", "money P", "money R", "money F1", "wrong", "spurious", "flagged",
              "names", "name R", "keep", "kept", "repair", "offsets"]
    rows = []
    for lang, t in tallies.items():
        f = t.figures()
        rows.append([lang, str(t.paragraphs), str(t.amounts), fmt(f["money_precision"], True),
                     fmt(f["money_recall"], True), fmt(f["money_f1"], True), str(t.wrong), str(t.spurious),
                     str(t.flagged), str(t.names), fmt(f["name_recall"], True), str(t.keeps),
                     f"{t.keeps - t.keep_violations}", f"{t.repairs_passed}/{t.repairs}", str(t.offset_errors)])
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    render = lambda row: "  ".join(cell.rjust(widths[i]) if i else cell.ljust(widths[i]) for i, cell in enumerate(row))
    return "\n".join([render(header)] + [render(row) for row in rows])


def check_floors(tallies: dict[str, Tally], floors: dict) -> list[str]:
    breaches = []
    for lang, limits in floors.get("floors", {}).items():
        if lang not in tallies:
            breaches.append(f"{lang}: no paragraphs scored")
            continue
        figures = tallies[lang].figures()
        for key, limit in limits.items():
            value = figures.get(key)
            if key in RATES:
                if value is None or value + 1e-9 < limit:
                    breaches.append(f"{lang}: {key} {fmt(value, True)} is below its floor {limit}")
            elif key in COUNTS:
                if value is None or value > limit:
                    breaches.append(f"{lang}: {key} {value} is above its ceiling {limit}")
            else:
                breaches.append(f"{lang}: unknown figure {key!r} in the floors file")
    return breaches


def raised_floors(tallies: dict[str, Tally], floors: dict) -> dict:
    updated = {lang: dict(limits) for lang, limits in floors.get("floors", {}).items()}
    for lang, t in tallies.items():
        figures = t.figures()
        limits = updated.setdefault(lang, {})
        for key in RATES:
            value = figures[key]
            if value is None:
                continue
            floor = int(value * 1000) / 1000  # rounded down, so today's figure passes
            limits[key] = max(limits.get(key, 0.0), floor)
        for key in COUNTS:
            value = figures[key]
            limits[key] = min(limits.get(key, value), value)
    return {"comment": floors.get("comment", "Floors (rates) and ceilings (counts) of scripts/score_real.py --check. "
                                  "Raise with --update-floors; lower only by hand, saying why in the commit."),
            "floors": updated}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="paragraph files (default: corpora/real/*.jsonl)")
    parser.add_argument("--binary", type=Path, help="dragoman binary (default: .build/debug/dragoman, else release)")
    parser.add_argument("--with-lang", action="store_true", help="send each record's language (default: detect)")
    parser.add_argument("--validate", action="store_true", help="check the labels only")
    parser.add_argument("--check", action="store_true", help="exit 1 when a figure is below its floor")
    parser.add_argument("--update-floors", action="store_true", help="raise floors.json to today's figures")
    parser.add_argument("--floors", type=Path, default=DEFAULT_FLOORS)
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument("--lang", action="append", choices=LANGUAGES, help="score only these languages")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every failure")
    parser.add_argument("--json", type=Path, help="write every record's result and failures here")
    args = parser.parse_args()

    files = args.files or sorted(Path(f) for f in glob.glob(str(DEFAULT_DATA / "*.jsonl")))
    if not files:
        print("score_real: no paragraph files", file=sys.stderr)
        return 2
    loaded = load(files)
    problems = validate(loaded)
    if args.validate or problems:
        for problem in problems:
            print(problem, file=sys.stderr if not args.validate else sys.stdout)
        counts = Counter(p.get("lang") for _, _, p in loaded)
        outlets = {p.get("outlet") for _, _, p in loaded}
        print(f"{len(loaded)} paragraphs ({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))}), "
              f"{len(outlets)} outlets, {len(problems)} problems",
              file=sys.stderr if not args.validate else sys.stdout)
        if problems:
            return 1
        return 0

    paragraphs = [p for _, _, p in loaded if not args.lang or p["lang"] in args.lang]
    binary = args.binary
    if binary is None:
        for candidate in (REPO / ".build" / "debug" / "dragoman", REPO / ".build" / "release" / "dragoman"):
            if candidate.is_file():
                binary = candidate
                break
    if binary is None or not binary.is_file():
        print("score_real: no dragoman binary; run `swift build --product dragoman` or pass --binary", file=sys.stderr)
        return 2
    results = run_dragoman(binary, paragraphs, args.with_lang, [])

    tallies: dict[str, Tally] = {lang: Tally() for lang in LANGUAGES if any(p["lang"] == lang for p in paragraphs)}
    failures_by_id: dict[str, list[str]] = {}
    for p, result in zip(paragraphs, results):
        failures: list[str] = []
        tallies[p["lang"]].add(score_paragraph(p, result, failures))
        failures_by_id[p["id"]] = failures
    overall = Tally()
    for t in tallies.values():
        overall.add(t)
    tallies["all"] = overall

    print(table(tallies, args.markdown))
    if overall.keep_by_stage:
        print("keep violations by stage: " + ", ".join(f"{s} {n}" for s, n in overall.keep_by_stage.most_common()))
    if not args.with_lang:
        wrong_language = sum(1 for p, r in zip(paragraphs, results) if r.get("lang") not in (None, p["lang"]))
        if any("lang" in r for r in results):
            print(f"language detected wrongly: {wrong_language} of {len(paragraphs)}")
    if args.verbose:
        for pid, failures in failures_by_id.items():
            for failure in failures:
                print(failure)
    if args.json:
        args.json.write_text(json.dumps([{"id": p["id"], "output": r.get("text"), "failures": failures_by_id[p["id"]]}
                                         for p, r in zip(paragraphs, results)], ensure_ascii=False, indent=1))

    floors = json.loads(args.floors.read_text(encoding="utf-8")) if args.floors.is_file() else {}
    if args.update_floors:
        if args.lang or args.files or args.with_lang:
            print("score_real: --update-floors scores the whole default set only", file=sys.stderr)
            return 2
        args.floors.write_text(json.dumps(raised_floors(tallies, floors), indent=2, ensure_ascii=False) + "\n",
                               encoding="utf-8")
        print(f"floors written to {os.path.relpath(args.floors)}")
    if args.check:
        if not floors:
            print(f"score_real: no floors at {args.floors}", file=sys.stderr)
            return 2
        breaches = check_floors(tallies, floors)
        for breach in breaches:
            print(f"score_real: below the floor: {breach}", file=sys.stderr)
        if breaches:
            return 1
        print("score_real: every figure is at or above its floor")
    return 0


if __name__ == "__main__":
    sys.exit(main())
