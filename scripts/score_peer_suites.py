#!/usr/bin/env python3
"""Score dragoman's `money` stage against third-party test suites (Recognizers-Text, Duckling, price-parser).

The suites live outside the repository, read-only, in ../shared/peer-suites/data/ (see its README): one
JSON Lines file per source, model and language, one case a line:

    {"lang", "model", "input", "expected": [{"text", "value", "unit"?, "iso"?, "currency"?, "range"?,
     "start", "end"}], "source", ...flags}

They are a yardstick, not the stage's specification. Each file goes through ONE dragoman process:

    dragoman --format jsonl --stages repair,money --skip-invalid   < {"id": LINE, "lang": L, "text": input}

(lang "und", and price-parser's missing language, become "en"). Only annotations with "stage": "money"
count; their data carries "amount" (exact decimal string), "currency" (ISO 4217) and, for ranges,
"low"/"high"; "start"/"end" are code point offsets into the input.

A case passes when the stage finds exactly as many entities as expected and each expected entity pairs
off with one found entity of the same value (compared as decimals) and an accepted currency. Negative
cases (expected: []) pass when nothing is found. Spans do not decide a pass: span% is the share of
entities in passed cases whose start/end equal the expected ones (expected spans are checked first:
input[start:end] must equal "text" case-insensitively, else "text" is searched for in the input).

Expected values:
    "13,45" (Recognizers-Text fr/tr)   decimal comma when there is no dot: 13.45
    "100%" (PercentModel)              100
    "[20,30)" (NumberRangeModel)       range low 20, high 30 (brackets' openness ignored); "(,30]" has no low
    {"from", "to"} (Duckling range)    range; either side may be missing
    null / "null"                      no amount: the entity is dropped (price-parser's "currency but no
                                       price", Recognizers-Text's bare "percent"); a case left with none is
                                       a negative case
A one-sided range also matches a found point amount equal to its bound ("at least 10 euros" -> 10 EUR);
a range with low == high also matches a point amount.

Currencies (each expected entity gets a set of accepted ISO codes, or "any"):
    Recognizers-Text   "iso" when given; else "unit" by name (UNIT_NAMES): Dollar -> USD (ambiguous,
                       USD accepted), Pound/Livre -> GBP, Euro -> EUR, ...; subunits divide the value:
                       Cent/Centimes/Sen value/100 any currency, Pence/Penny value/100 GBP, Pesewa /100
                       GHS, Satoshi /1e8 BTC
    Duckling           "iso" when given; else the unit: "$" -> USD, "£" -> GBP (both ambiguous there:
                       those are accepted), "cent" -> value/100 any currency, "unknown" -> any, riyal/
                       rial/dinar -> their countries' codes
    price-parser       the raw symbol through SYMBOLS (€ £ $ ₺ ₽ ₼ ֏ ₾, "руб.", "Kč", "zł", "R$", ...);
                       a three-letter code stands for itself; no currency -> any; a currency that is not
                       in the input but came from the test's currency_hint (which dragoman cannot get)
                       -> any. Unmapped symbols are listed at the end of the run.

Skipped cases (counted apart, never scored):
    xfail                  the source's own known failures (price-parser)
    not_supported(...)     `not_supported`/`not_supported_by_design` list the source's *platforms* that
                           skip the case. By default a case is skipped when the list names the reference
                           implementation, dotnet (the only one with Turkish: every rt_tr case is flagged
                           "javascript,python,java"); --skip-unsupported any skips every flagged case.
    latent_only            Duckling finds these ("5", "about 5") only in latent mode, not by default
    no_input               price-parser cases whose input is null

Reading the scores: the Numeral/NumberModel/PercentModel/NumberRangeModel files expect bare numbers (no
currency: any accepted), so a stage that reports only amounts with a currency passes little more than their
negative cases there; their misses show false positives and what is left alone. price-parser's spans cover
the number only ("12.99" in "US$:12.99"), so its span% is near 0 by construction.

Output: per file cases, passed, failed, skipped, pass% (passed / scored), span% (agreeing / compared);
totals per language (the case's own: und = price-parser) and overall. --misses N prints the first N
misses per file; --json FILE writes options, summaries and every case with what was found.

    python3 scripts/score_peer_suites.py
    python3 scripts/score_peer_suites.py --files 'rt_*_CurrencyModel.jsonl' --files 'duckling_*Money*' --misses 5
    python3 scripts/score_peer_suites.py --binary .build/release/dragoman --json /tmp/peer.json

Exit status: 0 when every file was scored (whatever the scores), 2 when it could not be (no binary, no data,
dragoman does not know the `money` stage yet, dragoman failed). A dev tool, not run by CI; Python 3.11,
standard library only. Never copy the suites into the repository.
"""

from __future__ import annotations

import argparse
import glob
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_BINARY = REPO / ".build" / "debug" / "dragoman"
DEFAULT_DATA = REPO.parent / "shared" / "peer-suites" / "data"
STAGES = "repair,money"
REFERENCE_PLATFORM = "dotnet"

ANY = None  # accepted-currency set meaning "any currency, or none"

# Raw currency strings (price-parser's currency, Duckling's unit) -> accepted ISO codes.
SYMBOLS: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in {
    "€": {"EUR"}, "£": {"GBP"}, "$": {"USD"}, "₺": {"TRY"}, "₽": {"RUB"}, "₼": {"AZN"}, "֏": {"AMD"},
    "₾": {"GEL"},
    "US$": {"USD"}, "A$": {"AUD"}, "C$": {"CAD"}, "NT$": {"TWD"}, "R$": {"BRL"}, "HK$": {"HKD"},
    "S$": {"SGD"}, "NZ$": {"NZD"}, "¥": {"JPY", "CNY"}, "円": {"JPY"}, "원": {"KRW"}, "₩": {"KRW"},
    "₹": {"INR"}, "Rs": {"INR", "PKR", "LKR", "NPR"}, "₪": {"ILS"}, "₫": {"VND"}, "฿": {"THB"},
    "₤": {"GBP", "ITL"}, "руб.": {"RUB"}, "руб": {"RUB"}, "р.": {"RUB"}, "Р": {"RUB"}, "грн.": {"UAH"},
    "грн": {"UAH"}, "₴": {"UAH"}, "лв.": {"BGN"}, "лв": {"BGN"}, "Br": {"BYN"}, "Kč": {"CZK"},
    "zł": {"PLN"}, "Ft": {"HUF"}, "lei": {"RON"}, "TL": {"TRY"}, "kr": {"SEK", "NOK", "DKK", "ISK"},
    "Rp": {"IDR"}, "RM": {"MYR"}, "KD": {"KWD"}, "R": {"ZAR"}, "ƒ": {"ANG", "AWG"}, "so'm": {"UZS"},
    "L": {"ALL", "HNL", "LSL", "MDL"}, "تومان": {"IRR"}, "جنيه": {"EGP"}, "درهم": {"AED", "MAD"},
    "ريال": {"SAR", "QAR", "OMR", "YER", "IRR"}, "ریال": {"IRR"}, "﷼": {"SAR", "IRR", "OMR", "QAR", "YER"},
    "AU$": {"AUD"}, "CA$": {"CAD"}, "MX$": {"MXN"}, "BZ$": {"BZD"}, "CUC$": {"CUC"}, "RD$": {"DOP"},
    "J$": {"JMD"}, "MOP$": {"MOP"}, "T$": {"TOP"}, "TT$": {"TTD"}, "$U": {"UYU"}, "Z$": {"ZWL"},
    "euro": {"EUR"}, "Fr.": {"CHF"}, "₣": {"FRF", "CHF"}, "FCFA": {"XAF", "XOF"}, "đ": {"VND"},
    "र": {"NPR", "INR"}, "₨": {"INR", "PKR", "LKR", "NPR", "MUR", "SCR"}, "؋": {"AFN"}, "৳": {"BDT"},
    "Nu.": {"BTN"}, "KM": {"BAM"}, "BD": {"BHD"}, "៛": {"KHR"}, "₡": {"CRC"}, "kn": {"HRK"}, "₱": {"PHP"},
    "GH₵": {"GHS"}, "₭": {"LAK"}, "LD": {"LYD"}, "MK": {"MWK"}, "Rf": {"MVR"}, "UM": {"MRU", "MRO"},
    "₮": {"MNT"}, "₦": {"NGN"}, "B/.": {"PAB"}, "S/.": {"PEN"}, "Db": {"STN", "STD"}, "DT": {"TND"},
    "VT": {"VUV"}, "Bs": {"VES", "VEF", "BOB"}, "ZK": {"ZMW"}, "FG": {"GNF"}, "₿": {"BTC", "XBT"},
    "Dinara": {"RSD"},
    # Duckling's names for currencies it leaves without an ISO code
    "riyal": {"SAR", "QAR", "OMR", "YER"}, "rial": {"IRR", "OMR", "YER", "SAR", "QAR"},
    "dinar": {"KWD", "BHD", "JOD", "IQD", "LYD", "TND", "DZD", "RSD", "MKD"},
}.items()}

SYMBOLS_FOLDED = {k.casefold(): v for k, v in SYMBOLS.items()}

# Recognizers-Text unit names (en, fr; tr uses the English names) -> accepted ISO codes.
UNIT_NAMES: dict[str, frozenset[str]] = {k.casefold(): frozenset(v) for k, v in {
    "Dollar": {"USD"}, "United States dollar": {"USD"}, "Dollar États-Unis": {"USD"},
    "Euro": {"EUR"}, "Pound": {"GBP"}, "Livre": {"GBP"}, "British pound": {"GBP"},
    "Chinese yuan": {"CNY"}, "Yuan Chinois": {"CNY"}, "Canadian dollar": {"CAD"}, "Dollar Canadien": {"CAD"},
    "Japanese yen": {"JPY"}, "Yen Japonais": {"JPY"}, "Australian dollar": {"AUD"},
    "Dollar Australien": {"AUD"}, "New Zealand dollar": {"NZD"}, "Dollar néo-zélandais": {"NZD"},
    "Hong Kong dollar": {"HKD"}, "Dollar de Hong Kong": {"HKD"}, "Mexican peso": {"MXN"},
    "Turkish lira": {"TRY"}, "Swiss franc": {"CHF"}, "Franc Suisse": {"CHF"}, "Franc": {"FRF", "CHF"},
    "Rupee": {"INR", "PKR", "LKR", "NPR"}, "Roupie": {"INR", "PKR", "LKR", "NPR"}, "Roupie indienne": {"INR"},
    "Sri Lankan rupee": {"LKR"}, "Finnish markka": {"FIM"}, "Mark Finlandais": {"FIM"}, "Peseta": {"ESP"},
    "Netherlands guilder": {"NLG"}, "Florins Néerlandais": {"NLG"}, "Costa Rican colón": {"CRC"},
    "Georgian lari": {"GEL"}, "Lao kip": {"LAK"}, "Bitcoin": {"BTC", "XBT"},
}.items()}

# Subunits: (divisor, accepted codes of the main unit or ANY). The expected value counts subunits.
SUBUNITS: dict[str, tuple[Decimal, frozenset[str] | None]] = {
    "cent": (Decimal(100), ANY), "centimes": (Decimal(100), ANY), "sen": (Decimal(100), ANY),
    "pence": (Decimal(100), frozenset({"GBP"})), "penny": (Decimal(100), frozenset({"GBP"})),
    "pesewa": (Decimal(100), frozenset({"GHS"})), "satoshi": (Decimal(100_000_000), frozenset({"BTC", "XBT"})),
}

SKIP_FLAGS = ("not_supported", "not_supported_by_design")
INTERVAL = re.compile(r"^\s*([\[(])\s*([^,\s]*)\s*,\s*([^,\s]*)\s*([\])])\s*$")
ISO_CODE = re.compile(r"^[A-Za-z]{3}$")


class ScoreError(Exception):
    pass


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- expected entities -------------------------------------------------------------------------------

def to_decimal(value, decimal_comma: bool = True) -> Decimal | None:
    """A finite Decimal from a suite's value ("13,45" and "100%" included), or None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        value = repr(value)
    if not isinstance(value, str):
        return None
    text = value.strip().replace("\u2212", "-").removesuffix("%").strip()
    if decimal_comma and "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


@dataclass
class Expected:
    text: str | None
    start: int | None          # checked span, or None when unknown
    end: int | None
    currencies: frozenset[str] | None   # ANY (None) = any
    currency_raw: str | None
    value: Decimal | None = None        # point amount
    low: Decimal | None = None          # range (either side may be None)
    high: Decimal | None = None
    is_range: bool = False

    def describe(self) -> str:
        if self.is_range:
            amount = f"{fmt(self.low) if self.low is not None else ''}..{fmt(self.high) if self.high is not None else ''}"
        else:
            amount = fmt(self.value)
        cur = "any" if self.currencies is ANY else "|".join(sorted(self.currencies))
        raw = f" ({self.currency_raw})" if self.currency_raw and self.currency_raw not in (self.currencies or ()) else ""
        span = f"[{self.start}:{self.end}]" if self.start is not None else "[?]"
        return f"{amount} {cur}{raw} {span} {self.text!r}"

    def to_json(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "value": dstr(self.value),
                "low": dstr(self.low), "high": dstr(self.high), "range": self.is_range,
                "currencies": None if self.currencies is ANY else sorted(self.currencies),
                "currency_raw": self.currency_raw}


def fmt(d: Decimal | None) -> str:
    if d is None:
        return "?"
    return format(d.normalize(), "f")


def dstr(d: Decimal | None) -> str | None:
    return None if d is None else fmt(d)


def check_span(text_input: str, entity: dict) -> tuple[int | None, int | None]:
    """The expected span: start/end when input[start:end] equals text case-insensitively, else where text is."""
    start, end, text = entity.get("start"), entity.get("end"), entity.get("text")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text_input):
        if text is None or text_input[start:end].casefold() == text.casefold():
            return start, end
    if text:
        found = text_input.casefold().find(text.casefold())
        if found >= 0 and len(text_input.casefold()) == len(text_input):
            return found, found + len(text)
    return None, None


class CurrencyMapper:
    def __init__(self) -> None:
        self.unmapped: Counter[str] = Counter()

    def symbol(self, raw: str) -> frozenset[str]:
        raw = raw.strip()
        if raw in SYMBOLS:
            return SYMBOLS[raw]
        if raw.casefold() in SYMBOLS_FOLDED:  # "LEI", "Руб."
            return SYMBOLS_FOLDED[raw.casefold()]
        if ISO_CODE.match(raw):
            return frozenset({raw.upper()})
        self.unmapped[raw] += 1
        return frozenset({raw})

    def unit_name(self, unit: str) -> frozenset[str]:
        key = unit.strip().casefold()
        if key in UNIT_NAMES:
            return UNIT_NAMES[key]
        if ISO_CODE.match(unit.strip()):
            return frozenset({unit.strip().upper()})
        self.unmapped[f"unit:{unit}"] += 1
        return frozenset({unit})


def expected_entities(case: dict, suite: str, mapper: CurrencyMapper) -> list[Expected]:
    out = []
    text_input = case["input"]
    for e in case.get("expected") or []:
        start, end = check_span(text_input, e)
        value_raw = e.get("value")
        scale = Decimal(1)
        currencies: frozenset[str] | None = ANY
        raw = None

        if suite in ("rt", "duckling"):
            # Recognizers-Text names its unit ("Dollar"); Duckling gives a symbol ("$") or "unknown".
            unit = e.get("unit") if suite == "rt" else e.get("currency")
            raw = unit
            if unit and unit.casefold() in SUBUNITS:
                scale, currencies = SUBUNITS[unit.casefold()]
            elif e.get("iso"):
                currencies = frozenset({e["iso"].upper()})
            elif unit and suite == "rt":
                currencies = mapper.unit_name(unit)
            elif unit and unit != "unknown":
                currencies = mapper.symbol(unit)
        else:  # price-parser
            raw = e.get("currency")
            if raw:
                hint = case.get("currency_hint")
                if hint and raw.casefold() not in text_input.casefold():
                    currencies = ANY  # the currency came from the hint, which dragoman does not get
                else:
                    currencies = mapper.symbol(raw)

        entity = Expected(text=e.get("text"), start=start, end=end, currencies=currencies, currency_raw=raw)
        rng = e.get("range")
        interval = INTERVAL.match(value_raw) if isinstance(value_raw, str) else None
        if isinstance(rng, dict):
            entity.is_range = True
            entity.low = scaled(to_decimal(rng.get("from")), scale)
            entity.high = scaled(to_decimal(rng.get("to")), scale)
            if entity.low is None and entity.high is None:
                continue
        elif interval:
            entity.is_range = True
            entity.low = scaled(to_decimal(interval.group(2), decimal_comma=False), scale)
            entity.high = scaled(to_decimal(interval.group(3), decimal_comma=False), scale)
            if entity.low is None and entity.high is None:
                continue
        else:
            entity.value = scaled(to_decimal(value_raw), scale)
            if entity.value is None:
                continue  # no amount: nothing the money stage could report
        out.append(entity)
    return out


def scaled(d: Decimal | None, scale: Decimal) -> Decimal | None:
    return None if d is None else d / scale


# --- found entities ----------------------------------------------------------------------------------

@dataclass
class Found:
    start: int | None
    end: int | None
    source: str | None
    currency: str | None
    amount: Decimal | None
    low: Decimal | None
    high: Decimal | None
    raw: dict

    @classmethod
    def from_annotation(cls, a: dict) -> Found:
        data = a.get("data") or {}
        currency = data.get("currency")
        return cls(start=a.get("start"), end=a.get("end"), source=a.get("source"),
                   currency=currency.upper() if isinstance(currency, str) else None,
                   amount=to_decimal(data.get("amount"), decimal_comma=False),
                   low=to_decimal(data.get("low"), decimal_comma=False),
                   high=to_decimal(data.get("high"), decimal_comma=False), raw=a)

    @property
    def is_range(self) -> bool:
        return self.low is not None or self.high is not None

    def describe(self) -> str:
        if self.is_range:
            amount = f"{dstr(self.low) or ''}..{dstr(self.high) or ''}"
        else:
            amount = fmt(self.amount)
        return f"{amount} {self.currency or '-'} [{self.start}:{self.end}] {self.source!r}"


def same_value(e: Expected, f: Found) -> bool:
    if not e.is_range:
        if f.is_range:
            return f.low == f.high == e.value
        return f.amount is not None and f.amount == e.value
    if f.is_range:
        return f.low == e.low and f.high == e.high
    # a found point amount: a degenerate range, or the bound of a one-sided range
    if e.low is not None and e.high is not None:
        return e.low == e.high == f.amount
    return f.amount is not None and f.amount == (e.low if e.low is not None else e.high)


def matches(e: Expected, f: Found) -> bool:
    if e.currencies is not ANY and f.currency not in e.currencies:
        return False
    return same_value(e, f)


def span_agrees(e: Expected, f: Found) -> bool | None:
    if e.start is None:
        return None
    return (f.start, f.end) == (e.start, e.end)


def best_pairing(expected: list[Expected], found: list[Found]) -> list[int] | None:
    """found index for each expected entity (a perfect matching on value+currency with the most agreeing
    spans), or None when there is none. Sizes are small (at most a handful of entities a case)."""
    candidates = [[j for j, f in enumerate(found) if matches(e, f)] for e in expected]
    best: tuple[int, list[int]] | None = None

    def search(i: int, used: set[int], chosen: list[int], agree: int) -> None:
        nonlocal best
        if i == len(expected):
            if best is None or agree > best[0]:
                best = (agree, list(chosen))
            return
        for j in sorted(candidates[i], key=lambda j: not span_agrees(expected[i], found[j])):
            if j not in used:
                used.add(j)
                chosen.append(j)
                search(i + 1, used, chosen, agree + bool(span_agrees(expected[i], found[j])))
                chosen.pop()
                used.discard(j)
                if best is not None and best[0] == len(expected):
                    return

    search(0, set(), [], 0)
    return None if best is None else best[1]


# --- cases and files ---------------------------------------------------------------------------------

@dataclass
class Case:
    line: int
    lang: str
    input: str | None
    raw: dict
    expected: list[Expected] = field(default_factory=list)
    skip: str | None = None
    found: list[Found] = field(default_factory=list)
    status: str = "skip"        # pass / fail / skip
    reason: str = ""
    spans: list[bool | None] = field(default_factory=list)  # per expected entity, in passed cases

    def to_json(self) -> dict:
        out = {"line": self.line, "lang": self.lang, "input": self.input, "status": self.status}
        if self.skip:
            out["skip"] = self.skip
        if self.reason:
            out["reason"] = self.reason
        out["expected"] = [e.to_json() for e in self.expected]
        out["found"] = [f.raw for f in self.found]
        if self.spans:
            out["span_agrees"] = self.spans
        flags = {k: v for k, v in self.raw.items() if k not in ("lang", "model", "input", "expected", "source")}
        if flags:
            out["flags"] = flags
        return out


@dataclass
class Tally:
    cases: int = 0
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    span_agree: int = 0
    span_compared: int = 0
    skip_reasons: Counter = field(default_factory=Counter)

    def add(self, other: Tally) -> None:
        self.cases += other.cases
        self.passed += other.passed
        self.failed += other.failed
        self.skipped += other.skipped
        self.span_agree += other.span_agree
        self.span_compared += other.span_compared
        self.skip_reasons.update(other.skip_reasons)

    def count(self, case: Case) -> None:
        self.cases += 1
        if case.status == "skip":
            self.skipped += 1
            self.skip_reasons[case.skip or "?"] += 1
        elif case.status == "pass":
            self.passed += 1
            self.span_compared += sum(s is not None for s in case.spans)
            self.span_agree += sum(s is True for s in case.spans)
        else:
            self.failed += 1

    def pass_pct(self) -> float | None:
        scored = self.passed + self.failed
        return 100.0 * self.passed / scored if scored else None

    def span_pct(self) -> float | None:
        return 100.0 * self.span_agree / self.span_compared if self.span_compared else None

    def to_json(self) -> dict:
        return {"cases": self.cases, "passed": self.passed, "failed": self.failed, "skipped": self.skipped,
                "pass_pct": rounded(self.pass_pct()), "span_agree": self.span_agree,
                "span_compared": self.span_compared, "span_pct": rounded(self.span_pct()),
                "skip_reasons": dict(self.skip_reasons)}


def rounded(x: float | None) -> float | None:
    return None if x is None else round(x, 1)


def suite_of(path: Path) -> str:
    name = path.name
    if name.startswith("rt_"):
        return "rt"
    if name.startswith("duckling_"):
        return "duckling"
    if name.startswith("price_parser"):
        return "price-parser"
    raise ScoreError(f"{path}: unknown suite (expected rt_*, duckling_* or price_parser*)")


def skip_reason(case: dict, skip_unsupported: str) -> str | None:
    if case.get("input") is None:
        return "no_input"
    if case.get("xfail"):
        return "xfail"
    for flag in SKIP_FLAGS:
        value = case.get(flag)
        if not value:
            continue
        platforms = [p.strip().lower() for p in value.split(",")] if isinstance(value, str) else []
        if skip_unsupported == "any" or REFERENCE_PLATFORM in platforms or not platforms:
            return flag
    if case.get("latent_only"):
        return "latent_only"
    return None


def load_cases(path: Path, mapper: CurrencyMapper, skip_unsupported: str) -> list[Case]:
    suite = suite_of(path)
    cases = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as error:
                raise ScoreError(f"{path}:{number}: not JSON: {error}") from None
            case = Case(line=number, lang=raw.get("lang") or "und", input=raw.get("input"), raw=raw)
            case.skip = skip_reason(raw, skip_unsupported)
            if case.input is not None:  # unmapped currencies are only reported for scored cases
                case.expected = expected_entities(raw, suite, mapper if case.skip is None else CurrencyMapper())
            cases.append(case)
    return cases


def dragoman_lang(lang: str) -> str:
    return "en" if lang in ("und", "", None) else lang


def run_dragoman(binary: Path, path: Path, cases: list[Case], timeout: float) -> dict[int, dict]:
    records = "".join(
        json.dumps({"id": c.line, "lang": dragoman_lang(c.lang), "text": c.input}) + "\n"
        for c in cases if c.skip is None)
    command = [str(binary), "--format", "jsonl", "--stages", STAGES, "--skip-invalid"]
    try:
        result = subprocess.run(command, input=records.encode("utf-8"), capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise ScoreError(f"dragoman took longer than {timeout:g}s on {path.name}") from None
    except OSError as error:
        raise ScoreError(f"cannot run {binary}: {error}") from None
    stderr = result.stderr.decode("utf-8", "replace").strip()
    if result.returncode != 0:
        if "unknown stage 'money'" in stderr:
            raise ScoreError(
                f"{binary} does not know the stage 'money' yet (exit {result.returncode}):\n  {stderr}\n"
                "Nothing to score until the money stage is in the build (then rebuild: swift build).")
        raise ScoreError(f"dragoman failed on {path.name} (exit {result.returncode}): "
                         f"{' '.join(command)}\n  {stderr[-2000:]}")
    if stderr:
        log(f"{path.name}: dragoman reported: {stderr[:1000]}")
    out: dict[int, dict] = {}
    for number, line in enumerate(result.stdout.decode("utf-8", "replace").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise ScoreError(f"{path.name}: dragoman output line {number} is not JSON: {error}") from None
        if isinstance(record, dict) and isinstance(record.get("id"), int):
            out[record["id"]] = record
    return out


def score_case(case: Case, record: dict | None) -> None:
    if case.skip:
        case.status = "skip"
        return
    if record is None:
        case.status, case.reason = "fail", "no output record (dragoman skipped it: see its stderr)"
        return
    case.found = [Found.from_annotation(a) for a in record.get("annotations") or []
                  if isinstance(a, dict) and a.get("stage") == "money"]
    if len(case.found) != len(case.expected):
        case.status = "fail"
        case.reason = f"count: expected {len(case.expected)}, found {len(case.found)}"
        return
    pairing = best_pairing(case.expected, case.found)
    if pairing is None:
        case.status = "fail"
        value_only = [any(same_value(e, f) for f in case.found) for e in case.expected]
        case.reason = ("currency" if all(value_only) else "value") + " mismatch"
        return
    case.status = "pass"
    case.spans = [span_agrees(e, case.found[j]) for e, j in zip(case.expected, pairing)]


# --- output ------------------------------------------------------------------------------------------

def pct(x: float | None) -> str:
    return "-" if x is None else f"{x:.1f}"


def print_table(rows: list[tuple[str, Tally]], title: str) -> None:
    width = max([len(title)] + [len(name) for name, _ in rows])
    print(f"{title:<{width}}  {'cases':>6} {'passed':>6} {'failed':>6} {'skipped':>7} {'pass%':>6} {'span%':>6}")
    for name, t in rows:
        print(f"{name:<{width}}  {t.cases:>6} {t.passed:>6} {t.failed:>6} {t.skipped:>7} "
              f"{pct(t.pass_pct()):>6} {pct(t.span_pct()):>6}")


def print_misses(name: str, cases: list[Case], limit: int) -> None:
    misses = [c for c in cases if c.status == "fail"]
    if not misses:
        return
    print(f"\n{name}: first {min(limit, len(misses))} of {len(misses)} misses")
    for c in misses[:limit]:
        print(f"  line {c.line} [{c.lang}] {c.reason}")
        print(f"    input:    {c.input!r}")
        hints = {k: c.raw[k] for k in ("currency_hint", "decimal_separator_hint") if c.raw.get(k)}
        if hints:
            print(f"    hints:    {hints}")
        print(f"    expected: {'; '.join(e.describe() for e in c.expected) or '(nothing)'}")
        print(f"    got:      {'; '.join(f.describe() for f in c.found) or '(nothing)'}")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Score dragoman's money stage against the peer test suites in ../shared/peer-suites/data.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Exit status: 0 scored, 2 could not score (no binary, no data, unknown stage 'money', dragoman failed).")
    parser.add_argument("--binary", type=Path, default=DEFAULT_BINARY,
                        help=f"dragoman executable (default: {DEFAULT_BINARY.relative_to(REPO)})")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"suite directory (default: {DEFAULT_DATA})")
    parser.add_argument("--files", action="append", metavar="GLOB",
                        help="data files to score, a glob in --data unless it names a path (repeatable; default: *.jsonl)")
    parser.add_argument("--misses", type=int, default=0, metavar="N", help="print the first N misses per file")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write options, summaries and every case to FILE")
    parser.add_argument("--skip-unsupported", choices=["dotnet", "any"], default="dotnet",
                        help="skip a not_supported/not_supported_by_design case when its platform list names "
                             "dotnet, the reference implementation (default), or whatever it names (any)")
    parser.add_argument("--timeout", type=float, default=600, metavar="SECONDS", help="per dragoman run (default 600)")
    return parser.parse_args(argv)


def find_files(data: Path, patterns: list[str] | None) -> list[Path]:
    if not data.is_dir() and not any("/" in p for p in patterns or []):
        raise ScoreError(f"no suite directory at {data} (pass --data DIR)")
    paths: set[Path] = set()
    for pattern in patterns or ["*.jsonl"]:
        hits = glob.glob(pattern) if ("/" in pattern or Path(pattern).is_absolute()) else glob.glob(str(data / pattern))
        if not hits:
            raise ScoreError(f"--files {pattern}: no file matches (in {data})")
        paths.update(Path(h) for h in hits if Path(h).is_file())
    return sorted(paths, key=lambda p: p.name)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    binary = args.binary if args.binary.is_absolute() else Path.cwd() / args.binary
    try:
        if not binary.is_file():
            raise ScoreError(f"no dragoman binary at {binary}: build it with swift build "
                             f"(cd {REPO} && swift build --product dragoman) or pass --binary PATH")
        files = find_files(args.data, args.files)
        mapper = CurrencyMapper()
        results: list[tuple[Path, list[Case], Tally]] = []
        for path in files:
            cases = load_cases(path, mapper, args.skip_unsupported)
            records = run_dragoman(binary, path, cases, args.timeout)
            tally = Tally()
            for case in cases:
                score_case(case, records.get(case.line))
                tally.count(case)
            results.append((path, cases, tally))
    except ScoreError as error:
        log(f"error: {error}")
        return 2

    print(f"dragoman --stages {STAGES} ({binary}) on {len(files)} peer suite file(s) in {args.data}")
    print(f"pass: same number of entities, each with an equal value and an accepted currency; span%: exact "
          f"start/end among entities of passed cases; skipped: not_supported on "
          f"{'any platform' if args.skip_unsupported == 'any' else REFERENCE_PLATFORM}, xfail, latent_only, no input\n")
    print_table([(path.name, tally) for path, _, tally in results], "file")

    by_lang: dict[str, Tally] = defaultdict(Tally)
    total = Tally()
    for _, cases, _ in results:
        for case in cases:
            by_lang[case.lang].count(case)
    for _, _, tally in results:
        total.add(tally)
    print()
    print_table([(lang, by_lang[lang]) for lang in sorted(by_lang)] + [("total", total)], "language")
    if total.skip_reasons:
        print("\nskipped: " + ", ".join(f"{k} {v}" for k, v in total.skip_reasons.most_common()))
    if mapper.unmapped:
        unmapped = mapper.unmapped.most_common()
        more = f", and {len(unmapped) - 20} more" if len(unmapped) > 20 else ""
        print("unmapped currencies in scored cases (compared literally, so those cases fail): "
              + ", ".join(f"{k!r} {v}" for k, v in unmapped[:20]) + more)

    if args.misses > 0:
        for path, cases, _ in results:
            print_misses(path.name, cases, args.misses)

    if args.json is not None:
        payload = {
            "binary": str(binary), "stages": STAGES, "data": str(args.data),
            "options": {"skip_unsupported": args.skip_unsupported, "files": args.files},
            "files": [{"file": path.name, **tally.to_json(), "cases": [c.to_json() for c in cases]}
                      for path, cases, tally in results],
            "languages": {lang: by_lang[lang].to_json() for lang in sorted(by_lang)},
            "total": total.to_json(),
            "unmapped_currencies": dict(mapper.unmapped),
        }
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        log(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
