#!/usr/bin/env python3
"""Mojibake repair: dragoman's `repair` stage against ftfy, on the same broken sentences.

The project's anchor for mojibake repair is ftfy ("beat it on Azerbaijani and Turkish text"). This
script makes that comparison reproducible. Test material is clean text:

    corpora/golden/az-*.txt, tr-*.txt      already repaired articles (the groups that matter)
    corpora/golden/en-, fr-, ru-, hy-*.txt control group
    OWN_SENTENCES below                    Azerbaijani and Turkish sentences written for this script,
                                           dense in ə ğ ı İ ş ç ö ü Ə Ş Ğ and all-capital words

Golden articles are split into sentences. Each sentence is broken in several ways (variants):

    clean         unchanged: the false-positive check, the output must equal the input
    cp1252        UTF-8 bytes read as Windows-1252 (Latin-1 for its 5 undefined bytes 81 8D 8F 90 9D)
    cp1254        read as Windows-1254 (Latin-1 for 81 8D 8E 8F 90 9D 9E: Ş = C5 9E becomes 'Å' U+009E)
    latin1        read as ISO-8859-1
    word          one word (seeded random choice among words with non-ASCII letters) read as cp1252
                  inside an otherwise clean sentence
    cp1252-c1, cp1254-c1, latin1-c1
                  as above, then the C1 controls U+0080-U+009F dropped (a common scraper loss); only
                  sentences whose mojibake had a C1 control to lose
    cp1252x2, cp1254x2
                  the same misreading applied twice (double mojibake)

A mojibake variant identical to the clean sentence (pure ASCII) is left out: there is nothing to repair.

Every variant set goes through `dragoman --format jsonl --stages repair --from LANG` (one process per
variant and language, one record per sentence) and through `ftfy.fix_text` with default settings.
A result counts as repaired only if it equals the clean sentence exactly (code point for code
point, no normalization). ftfy's defaults also straighten curly quotes (uncurl_quotes) and fix
character width and ligatures, which are not mojibake: the `ftfy-enc` column is ftfy with those three
switched off, to tell encoding repairs from those.

Table columns, per variant x language group:
    n           sentences in the cell
    ok%         output equals the clean sentence
    kept        output equals the (broken) input: left alone
    wrong       output differs from both: for `clean`, these are the false positives
    res%        residual damage: characters still wrong in the outputs as a share of those wrong in
                the inputs (edit distance to the clean sentence, summed over the cell): 0 = all
                repaired, 100 = no progress, over 100 = made worse; shows partial repairs where
                nobody is exact (the -c1 variants)
    d>f, f>d    sentences only dragoman / only ftfy repaired

Options: --json FILE saves summary and every case; --show-failures N prints up to N dragoman
failures per cell (ftfy's wins first) with an inline diff against the expected text:
[-expected-]{+got+}, control and invisible characters shown as escapes (\\x9e, \\u00a0).

    pip install ftfy
    python3 scripts/compare_ftfy.py --show-failures 3
    python3 scripts/compare_ftfy.py --binary .build/debug/dragoman --lang az,tr --json /tmp/cmp.json

A dev tool, not run by CI. Needs Python 3.11, ftfy, and Swift 6 to build dragoman (or --binary).
"""

from __future__ import annotations

import argparse
import difflib

from dragoman_build import build_dragoman
import json
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "corpora" / "golden"
SCRATCH = ".build-compare"
LANGUAGES = ["az", "tr", "en", "fr", "ru", "hy"]
SUMMARY_GROUPS = {"az+tr": ["az", "tr"], "control": ["en", "fr", "ru", "hy"]}
TOOLS = ["dragoman", "ftfy", "ftfy-enc"]


class CompareError(Exception):
    """A condition that ends the comparison with a message and a non-zero exit."""


def log(message: str) -> None:
    print(f"compare_ftfy: {message}", file=sys.stderr, flush=True)


# --- test material -----------------------------------------------------------------------------------

# Written for this script (not taken from any article): dense in the letters mojibake breaks
# differently under Windows-1252, Windows-1254 and Latin-1, with capitals (İ = C4 B0, Ş = C5 9E,
# Ğ = C4 9E, Ə = C6 8F) and all-capital datelines and headlines.
OWN_SENTENCES: dict[str, list[str]] = {
    "az": [
        "ŞUŞA, 8 noyabr.",
        "XANKƏNDİ, 5 sentyabr. Xankəndi şəhərində ilk köç karvanı qarşılanıb.",
        "Şuşa şəhərində İsa bulağı ətrafında işıqlandırma işləri başa çatıb.",
        "Prezident İlham Əliyev Ağdərə rayonunda yeni məktəbin açılışında iştirak edib.",
        "Əməliyyat qrupları Şuşa–Laçın yolu üzərində 14 ədəd tank əleyhinə mina aşkar ediblər.",
        "İNKİŞAF PROQRAMI: Qarabağ və Şərqi Zəngəzur iqtisadi rayonlarında yeni layihələr başlayır",
        "Gəncə, Şəki, Şirvan və Şəmkir şəhərlərindən gələn könüllülər təlimə qoşulub.",
        "Ötən ay Füzuli beynəlxalq hava limanında 12 çarter reysi qəbul edilib.",
        "Ağdamda Çörəkçi küçəsində bərpa olunan evlərə ilk sakinlər köçüb.",
        "ƏSAS XƏBƏRLƏR: Ağcabədi, İmişli və Ucar rayonlarında su çatışmazlığı müşahidə olunur",
        "Sığorta şirkətləri qışlaqlarda mal-qaranın sığortalanmasını genişləndirir.",
        "Çəkilişlər Şəkidəki Xan sarayında və Qəbələnin dağ kəndlərində aparılıb.",
        "Gülşən İsmayılova Ağstafadakı təsərrüfatında üzüm yığımına başlayıb.",
        "ŞƏRQİ ZƏNGƏZUR: Qubadlı və Zəngilan istiqamətində yeni yolların çəkilişi sürətləndirilib.",
        "Ölkə üzrə orta aylıq əməkhaqqı 950 manatı ötüb.",
        "İçərişəhərdə yerləşən Qız qalası gecə saatlarında işıqlandırılır.",
        "Hökumət Kəlbəcər, Laçın və Qubadlı rayonlarının baş planlarını təsdiq edib.",
        "Şagirdlərin əksəriyyəti ağır şəraitə baxmayaraq imtahanlarda uğur qazanıb.",
        "Əlavə məlumatı ANAMA-nın İctimaiyyətlə əlaqələr şöbəsindən almaq olar.",
        "Göygöl Milli Parkında ağacəkmə aksiyası keçirilib, 3 000-dən çox şam ağacı əkilib.",
        "ÇIXIŞ: İqtisadiyyat naziri ötən ilin göstəricilərini açıqlayıb",
        "Şuşanın Cıdır düzündə Xarıbülbül festivalı keçirilib.",
        "Əhalinin məşğulluğu üçün Ağdam Sənaye Parkında yeni müəssisələr işə başlayıb.",
        "Sərhədçilər Ağbənd kəndi yaxınlığında qanunsuz keçid cəhdinin qarşısını alıblar.",
        "MİNA TƏHLÜKƏSİ: Ağdərə yaxınlığında traktor partlayıcı qurğuya düşüb, sürücü yaralanıb",
        "Şəhid ailələri üçün Şəmkirdə 120 mənzilli yaşayış kompleksi istifadəyə verilib.",
        "Ölçmə işlərini Dövlət Torpaq və Xəritəçəkmə Komitəsinin mütəxəssisləri aparır.",
        "Üç gün davam edən yağışlar Qəbələ, Oğuz və İsmayıllı rayonlarında sel təhlükəsi yaradıb.",
        "İNSANLAR ÖZ EVLƏRİNƏ QAYIDIR: Füzuliyə növbəti köç başlayıb",
        "ƏLİYEV ŞUŞADA: Ərazidə aşkarlanan qığılcım söndürülüb, xəsarət alan olmayıb.",
        "İlk qış günlərində Şahdağda qar örtüyünün qalınlığı 40 santimetrə çatıb.",
        "Ağ şəhər layihəsi çərçivəsində Bakı buxtasının sahilində yaşıllıq zolağı salınır.",
    ],
    "tr": [
        "İSTANBUL – Şişli'de düzenlenen törende ödüller sahiplerini buldu.",
        "Çanakkale Boğazı'nda gemi trafiği sis nedeniyle geçici olarak durduruldu.",
        "Iğdır'dan gelen öğrenciler Ağrı Dağı eteklerinde kamp kurdu.",
        "ŞANLIURFA'DA ÇİFTÇİLERE DESTEK: Güneydoğu'da sulama kanalları genişletiliyor",
        "Eskişehir'deki üniversite öğrencileri için yeni yurt binası açıldı.",
        "Türkiye İstatistik Kurumu, işsizlik oranının yüzde 8,6'ya gerilediğini açıkladı.",
        "Muğla'nın Fethiye ilçesinde çıkan orman yangını söndürüldü.",
        "Öğretmenler, Şubat tatilinin ardından okullarda derslere başladı.",
        "İzmir Büyükşehir Belediyesi, körfezdeki kirliliğe karşı yeni önlemler aldı.",
        "Gümüşhane'de çığ düşmesi sonucu kapanan köy yolları yeniden ulaşıma açıldı.",
        "Düzce ve Sakarya'da sağanak yağış nedeniyle dereler taştı.",
        "ÇORUM'DA ÜRETİLEN LEBLEBİ İHRACATI ARTIYOR",
        "Dışişleri Bakanlığı sözcüsü, görüşmelerin olumlu geçtiğini söyledi.",
        "Ağaçlandırma seferberliği kapsamında Sivas'ta 50 bin fidan toprakla buluştu.",
        "Şırnak'ın Cizre ilçesinde tarihi köprünün restorasyonu tamamlandı.",
        "Ülke genelinde kış lastiği uygulaması 1 Aralık'ta başlayacak.",
        "İŞÇİLERİN ÜCRETLERİNE YÜZDE 25 ZAM YAPILDI",
        "Kırşehir'deki çiğ köfte üreticileri gıda denetiminden geçti.",
        "Ağustos ayında ihracat geçen yılın aynı dönemine göre yüzde 11 arttı.",
        "Göçmen kuşlar, Kuş Cenneti'ne erken ulaştı.",
        "Şişe fabrikasında üretim kapasitesi iki katına çıkarılacak.",
        "Öğrencilerin çoğu, sınavın güç olduğunu düşünüyor.",
        "Erzincan–Gümüşhane karayolunda heyelan nedeniyle tek şeritli ulaşım sağlanıyor.",
        "Boğaziçi Köprüsü'nde bakım çalışması nedeniyle iki şerit trafiğe kapatıldı.",
        "DOĞU KARADENİZ'DE SAĞANAK UYARISI",
        "Iğdır, Kars ve Ardahan'da sıcaklığın sıfırın altında 20 dereceye düşmesi bekleniyor.",
        "İçişleri Bakanı, güvenlik güçlerinin yürüttüğü operasyonları değerlendirdi.",
        "Üsküdar'daki çeşmenin özgün taşları müzeye taşındı.",
        "Çağdaş Türk şiirinin öncülerinden şairin doğum günü törenle anıldı.",
        "Şehir hastanesinde günde ortalama 4 bin hasta muayene ediliyor.",
        "KARS – Doğu Anadolu'da kar yağışı nedeniyle 142 köy yolu ulaşıma kapandı.",
        "Ağrı'da öğrenciler için ücretsiz kış kampı düzenlendi.",
    ],
}

def split_sentences(paragraph: str) -> list[str]:
    parts: list[str] = []
    for piece in re.split(r"(?<=[.!?…։])\s+", paragraph.strip()):
        # Only split before a capital, digit or opening punctuation: "12 mart. Azərbaycan" splits,
        # "3.418 mayın" and "a.s. bir" (lowercase after the dot) stay together.
        if parts and not (piece[:1].isupper() or piece[:1].isdigit() or piece[:1] in "\"«“(–—"):
            parts[-1] += " " + piece
        else:
            parts.append(piece)
    return [p for p in parts if p]


@dataclass
class Sentence:
    id: str
    lang: str
    source: str  # "golden" or "own"
    text: str


def load_sentences(languages: list[str]) -> list[Sentence]:
    sentences: list[Sentence] = []
    for lang in languages:
        files = sorted(GOLDEN.glob(f"{lang}-*.txt"))
        if not files:
            raise CompareError(f"no golden articles for {lang!r} in {GOLDEN}")
        for path in files:
            text = path.read_text(encoding="utf-8")
            paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
            for p_index, paragraph in enumerate(paragraphs, 1):
                for s_index, sentence in enumerate(split_sentences(paragraph.replace("\n", " ")), 1):
                    sentences.append(Sentence(f"{path.stem}#{p_index}.{s_index}", lang, "golden", sentence))
        for index, sentence in enumerate(OWN_SENTENCES.get(lang, []), 1):
            sentences.append(Sentence(f"{lang}-own#{index}", lang, "own", sentence))
    return sentences


# --- breaking text -------------------------------------------------------------------------------------

def byte_table(codec: str) -> list[str]:
    """The character each byte 0x80-0xFF reads as under `codec`, Latin-1 where it is undefined."""
    table = []
    for byte in range(0x80, 0x100):
        try:
            table.append(bytes([byte]).decode(codec))
        except UnicodeDecodeError:
            table.append(chr(byte))
    return table


CODEC_TABLES = {"cp1252": byte_table("cp1252"), "cp1254": byte_table("cp1254"), "latin1": byte_table("latin-1")}
C1_CONTROLS = re.compile("[\u0080-\u009f]")


def mojibake(text: str, codec: str) -> str:
    """UTF-8 encoded `text` read back one byte per character as `codec`."""
    table = CODEC_TABLES[codec]
    return "".join(chr(b) if b < 0x80 else table[b - 0x80] for b in text.encode("utf-8"))


def one_word_mojibake(sentence: Sentence, seed: int) -> str | None:
    words = [m for m in re.finditer(r"\S+", sentence.text) if any(ord(c) > 0x7F and c.isalpha() for c in m.group())]
    if not words:
        return None
    chosen = random.Random(f"{seed}:{sentence.id}").choice(words)
    return sentence.text[: chosen.start()] + mojibake(chosen.group(), "cp1252") + sentence.text[chosen.end():]


@dataclass(frozen=True)
class Variant:
    name: str
    description: str


VARIANTS = [
    Variant("clean", "unchanged (false-positive check)"),
    Variant("cp1252", "whole sentence read as Windows-1252 (Latin-1 for undefined bytes)"),
    Variant("cp1254", "whole sentence read as Windows-1254 (Latin-1 for undefined bytes)"),
    Variant("latin1", "whole sentence read as ISO-8859-1"),
    Variant("word", "one word read as Windows-1252 in a clean sentence"),
    Variant("cp1252-c1", "cp1252, then C1 controls U+0080-U+009F dropped"),
    Variant("cp1254-c1", "cp1254, then C1 controls dropped"),
    Variant("latin1-c1", "latin1, then C1 controls dropped"),
    Variant("cp1252x2", "cp1252 applied twice"),
    Variant("cp1254x2", "cp1254 applied twice"),
]


def make_variant(name: str, sentence: Sentence, seed: int) -> str | None:
    """The broken form of `sentence`, or None when this variant has nothing to break in it."""
    text = sentence.text
    if name == "clean":
        return text
    if name == "word":
        return one_word_mojibake(sentence, seed)
    if name.endswith("-c1"):
        lossless = mojibake(text, name.removesuffix("-c1"))
        lossy = C1_CONTROLS.sub("", lossless)
        return lossy if lossy != lossless else None
    if name.endswith("x2"):
        codec = name.removesuffix("x2")
        broken = mojibake(mojibake(text, codec), codec)
    else:
        broken = mojibake(text, name)
    return broken if broken != text else None


# --- running the tools ---------------------------------------------------------------------------------

def swift_build(release: bool) -> Path:
    try:
        return build_dragoman(REPO, SCRATCH, release=release, log=log)
    except RuntimeError as error:
        raise CompareError(str(error)) from None


def run_dragoman(binary: Path, lang: str, records: list[tuple[str, str]], path: Path) -> dict[str, dict]:
    """dragoman's output record for each (id, text), by id: one process for the whole set, which is
    written to `path` first."""
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for record_id, text in records:
            out.write(json.dumps({"id": record_id, "text": text}, ensure_ascii=False) + "\n")
    command = [str(binary), "--format", "jsonl", "--stages", "repair", "--from", lang, str(path)]
    result = subprocess.run(command, capture_output=True)
    if result.returncode != 0:
        raise CompareError(f"{' '.join(command)} exited {result.returncode}:\n"
                           + result.stderr.decode("utf-8", errors="replace"))
    outputs: dict[str, dict] = {}
    # Split on LF only: str.splitlines() would also split inside texts at U+0085, U+2028 and others.
    for line in result.stdout.decode("utf-8").split("\n"):
        if line.strip():
            record = json.loads(line)
            outputs[record["id"]] = record
    missing = [record_id for record_id, _ in records if record_id not in outputs]
    if missing:
        raise CompareError(f"dragoman wrote no record for {len(missing)} of {len(records)} ids, e.g. {missing[0]}")
    return outputs


def import_ftfy():
    try:
        import ftfy  # noqa: PLC0415 - optional dev dependency, checked at run time
    except ImportError:
        print("compare_ftfy: ftfy is not installed. It is the reference this script compares dragoman with;\n"
              "install it with:\n\n    python3 -m pip install ftfy\n\n"
              "(a development tool only: CI does not run this script)", file=sys.stderr)
        sys.exit(2)
    return ftfy


# --- comparing -----------------------------------------------------------------------------------------

def distance(a: str, b: str) -> int:
    """An edit distance (difflib's alignment: each replaced, inserted or deleted stretch counts its
    longer side), cheap enough for whole sentences."""
    if a == b:
        return 0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")


@dataclass
class Case:
    id: str
    lang: str
    source: str
    variant: str
    input: str
    expected: str
    outputs: dict[str, str] = field(default_factory=dict)
    annotations: list[dict] = field(default_factory=list)

    def ok(self, tool: str) -> bool:
        return self.outputs[tool] == self.expected

    def kept(self, tool: str) -> bool:
        return self.outputs[tool] == self.input

    def damage(self, tool: str | None = None) -> int:
        """Edit distance from the output of `tool` (None: the input) to the expected text."""
        return distance(self.input if tool is None else self.outputs[tool], self.expected)


@dataclass
class Cell:
    variant: str
    group: str
    cases: list[Case]

    def row(self) -> dict:
        n = len(self.cases)
        row: dict = {"variant": self.variant, "group": self.group, "n": n}
        input_damage = sum(c.damage() for c in self.cases)
        row["input_damage"] = input_damage
        for tool in TOOLS:
            ok = sum(c.ok(tool) for c in self.cases)
            kept = sum(c.kept(tool) and not c.ok(tool) for c in self.cases)
            damage = sum(c.damage(tool) for c in self.cases)
            row[tool] = {"ok": ok, "ok_pct": 100.0 * ok / n if n else None, "kept": kept, "wrong": n - ok - kept,
                         "damage": damage,
                         "residual_pct": 100.0 * damage / input_damage if input_damage else None}
        row["dragoman_only"] = sum(c.ok("dragoman") and not c.ok("ftfy") for c in self.cases)
        row["ftfy_only"] = sum(c.ok("ftfy") and not c.ok("dragoman") for c in self.cases)
        if self.variant == "clean":
            row["false_positives"] = {tool: n - row[tool]["ok"] for tool in TOOLS}
        return row


def build_cases(sentences: list[Sentence], variants: list[str], seed: int) -> list[Case]:
    cases = []
    for variant in variants:
        for sentence in sentences:
            broken = make_variant(variant, sentence, seed)
            if broken is not None:
                cases.append(Case(f"{sentence.id}/{variant}", sentence.lang, sentence.source, variant,
                                  broken, sentence.text))
    return cases


def run_all(cases: list[Case], binary: Path, ftfy) -> None:
    ftfy_enc = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, fix_latin_ligatures=False)
    batches: dict[tuple[str, str], list[Case]] = defaultdict(list)
    for case in cases:
        batches[(case.variant, case.lang)].append(case)
    with tempfile.TemporaryDirectory(prefix="compare-ftfy-") as tmp:
        for (variant, lang), batch in batches.items():
            outputs = run_dragoman(binary, lang, [(c.id, c.input) for c in batch], Path(tmp) / f"{variant}-{lang}.jsonl")
            for case in batch:
                record = outputs[case.id]
                case.outputs["dragoman"] = record["text"]
                case.annotations = record.get("annotations", [])
                case.outputs["ftfy"] = ftfy.fix_text(case.input)
                case.outputs["ftfy-enc"] = ftfy.fix_text(case.input, ftfy_enc)


def make_cells(cases: list[Case], variants: list[str], languages: list[str], split_source: bool) -> list[Cell]:
    cells = []
    for variant in variants:
        in_variant = [c for c in cases if c.variant == variant]
        for lang in languages:
            sources = ["golden", "own"] if split_source and lang in OWN_SENTENCES else [None]
            for source in sources:
                chosen = [c for c in in_variant if c.lang == lang and (source is None or c.source == source)]
                if chosen:
                    cells.append(Cell(variant, lang if source is None else f"{lang}-{source}", chosen))
        for group, members in SUMMARY_GROUPS.items():
            chosen = [c for c in in_variant if c.lang in members]
            if chosen and len({c.lang for c in chosen}) > 1:
                cells.append(Cell(variant, group, chosen))
    return cells


# --- reporting -----------------------------------------------------------------------------------------

def visible(text: str) -> str:
    """`text` with control, format and non-ASCII space characters as escapes."""
    out = []
    for char in text:
        category = unicodedata.category(char)
        if char != " " and category in ("Cc", "Cf", "Zs", "Zl", "Zp"):
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


def inline_diff(expected: str, got: str, context: int) -> str:
    """`got` against `expected`: [-only expected-]{+only got+}, long equal stretches elided."""
    matcher = difflib.SequenceMatcher(None, expected, got, autojunk=False)
    pieces = []
    opcodes = matcher.get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            same = expected[i1:i2]
            first, last = index == 0, index == len(opcodes) - 1
            head = "" if first else same[:context]
            tail = "" if last else same[-context:]
            if len(same) > len(head) + len(tail) + 1:
                pieces.append(visible(head) + "…" + visible(tail))
            else:
                pieces.append(visible(same))
            continue
        if i2 > i1:
            pieces.append("[-" + visible(expected[i1:i2]) + "-]")
        if j2 > j1:
            pieces.append("{+" + visible(got[j1:j2]) + "+}")
    return "".join(pieces)


def percent(value: float | None) -> str:
    return "-" if value is None else f"{value:5.1f}"


def print_table(rows: list[dict], markdown: bool) -> None:
    headers = ["variant", "group", "n",
               "dragoman ok%", "kept", "wrong", "res%",
               "ftfy ok%", "kept", "wrong", "res%",
               "ftfy-enc ok%", "d>f", "f>d"]
    lines = []
    for row in rows:
        d, f, e = row["dragoman"], row["ftfy"], row["ftfy-enc"]
        lines.append([row["variant"], row["group"], str(row["n"]),
                      percent(d["ok_pct"]), str(d["kept"]), str(d["wrong"]), percent(d["residual_pct"]),
                      percent(f["ok_pct"]), str(f["kept"]), str(f["wrong"]), percent(f["residual_pct"]),
                      percent(e["ok_pct"]), str(row["dragoman_only"]), str(row["ftfy_only"])])
    if markdown:
        print("| " + " | ".join(headers) + " |")
        print("|" + "|".join("---" if i < 2 else "--:" for i in range(len(headers))) + "|")
        for line in lines:
            print("| " + " | ".join(line) + " |")
        return
    widths = [max(len(h), *(len(line[i]) for line in lines)) for i, h in enumerate(headers)]
    def fmt(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))
    print(fmt(headers))
    print(fmt(["-" * w for w in widths]))
    previous = None
    for line in lines:
        if previous is not None and line[0] != previous:
            print()
        previous = line[0]
        print(fmt(line))


def print_false_positives(rows: list[dict]) -> None:
    clean = [r for r in rows if r["variant"] == "clean"]
    if not clean:
        return
    print("\nfalse positives on clean input (output != input):")
    for row in clean:
        fp = row["false_positives"]
        print(f"  {row['group']:<10} n={row['n']:<4} dragoman {fp['dragoman']:<3} ftfy {fp['ftfy']:<3} "
              f"ftfy-enc {fp['ftfy-enc']}")


def print_failures(cells: list[Cell], limit: int, of: str, context: int) -> None:
    tools = ["dragoman", "ftfy"] if of == "both" else [of]
    other = {"dragoman": "ftfy", "ftfy": "dragoman"}
    print()
    for cell in cells:
        if cell.group in SUMMARY_GROUPS:
            continue
        for tool in tools:
            failures = [c for c in cell.cases if not c.ok(tool)]
            if not failures:
                continue
            # The other tool's wins first: those are what to learn from.
            failures.sort(key=lambda c: (not c.ok(other[tool]), c.id))
            print(f"=== {tool} failures: {cell.variant} / {cell.group}: {len(failures)} of {len(cell.cases)}")
            for case in failures[:limit]:
                verdict = f"{other[tool]} repairs it" if case.ok(other[tool]) else f"{other[tool]} fails too"
                print(f"--- {case.id} [{verdict}]")
                print(f"  input    : {visible(case.input)}")
                print(f"  expected : {visible(case.expected)}")
                for name in ("dragoman", "ftfy"):
                    got = case.outputs[name]
                    shown = "= expected" if got == case.expected else (
                        "= input (unchanged)  " + inline_diff(case.expected, got, context)
                        if got == case.input else inline_diff(case.expected, got, context))
                    print(f"  {name:<9}: {shown}")
                for annotation in case.annotations:
                    print(f"    dragoman {annotation.get('data', {}).get('kind', '?')}: "
                          f"{visible(annotation.get('source', ''))!r} -> {visible(annotation.get('replacement', ''))!r}")
            print()


def git_commit() -> str | None:
    try:
        result = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "Sources"], cwd=REPO,
                               capture_output=True, text=True).stdout.strip()
        return result.stdout.strip() + ("+dirty-Sources" if dirty else "") if result.returncode == 0 else None
    except OSError:
        return None


# --- main ----------------------------------------------------------------------------------------------

def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="scripts/compare_ftfy.py",
        description="Compare dragoman's mojibake repair with ftfy on mojibaked golden and own sentences.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="variants: " + ", ".join(v.name for v in VARIANTS),
    )
    parser.add_argument("--binary", type=Path, metavar="PATH",
                        help=f"dragoman binary to test (default: build it with --scratch-path {SCRATCH})")
    parser.add_argument("--release", action="store_true", help="build the release configuration")
    parser.add_argument("--lang", default=",".join(LANGUAGES), metavar="A,B",
                        help=f"languages to test (default {','.join(LANGUAGES)})")
    parser.add_argument("--variants", default=",".join(v.name for v in VARIANTS), metavar="A,B",
                        help="variants to run (default: all)")
    parser.add_argument("--seed", type=int, default=1, help="seed for the word variant's choice (default 1)")
    parser.add_argument("--split-source", action="store_true",
                        help="separate rows for golden and own sentences of az and tr")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the summary and every case as JSON")
    parser.add_argument("--show-failures", type=int, default=0, metavar="N",
                        help="print up to N failing examples per cell, with an inline diff")
    parser.add_argument("--failures-of", choices=["dragoman", "ftfy", "both"], default="dragoman",
                        help="whose failures --show-failures prints (default dragoman)")
    parser.add_argument("--context", type=int, default=25, metavar="N",
                        help="characters of unchanged text kept around each difference (default 25)")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args(argv)
    args.languages = [x.strip() for x in args.lang.split(",") if x.strip()]
    unknown = [x for x in args.languages if x not in LANGUAGES]
    if unknown:
        parser.error(f"unknown language {unknown[0]!r}; choose from {','.join(LANGUAGES)}")
    args.variant_names = [x.strip() for x in args.variants.split(",") if x.strip()]
    unknown = [x for x in args.variant_names if x not in {v.name for v in VARIANTS}]
    if unknown:
        parser.error(f"unknown variant {unknown[0]!r}")
    if args.show_failures < 0 or args.context < 0:
        parser.error("--show-failures and --context must not be negative")
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    ftfy = import_ftfy()
    try:
        if args.binary is not None:
            binary = args.binary.resolve()
            if not binary.is_file():
                raise CompareError(f"--binary {args.binary}: no such file")
        else:
            binary = swift_build(args.release)
        sentences = load_sentences(args.languages)
        cases = build_cases(sentences, args.variant_names, args.seed)
        log(f"{len(sentences)} sentences, {len(cases)} cases; dragoman {binary}; ftfy {ftfy.__version__}")
        run_all(cases, binary, ftfy)
    except CompareError as error:
        log(f"error: {error}")
        return 1

    cells = make_cells(cases, args.variant_names, args.languages, args.split_source)
    rows = [cell.row() for cell in cells]
    print(f"dragoman --stages repair vs ftfy {ftfy.__version__} fix_text (defaults); "
          f"exact match with the clean sentence")
    print_table(rows, args.markdown)
    print_false_positives(rows)
    print("\nkept: output = broken input; wrong: changed, but not to the clean sentence (for clean: false "
          "positives);\nres%: characters still wrong after repair / characters wrong in the input (0 = all "
          "repaired, 100 = no progress);\nd>f / f>d: repaired only by dragoman / only by ftfy; ftfy-enc: ftfy "
          "without uncurl_quotes, fix_character_width, fix_latin_ligatures")
    if args.show_failures:
        print_failures(cells, args.show_failures, args.failures_of, args.context)

    if args.json is not None:
        payload = {
            "meta": {
                "dragoman": str(binary), "commit": git_commit(), "ftfy": ftfy.__version__,
                "python": platform.python_version(), "seed": args.seed, "languages": args.languages,
                "variants": {v.name: v.description for v in VARIANTS if v.name in args.variant_names},
            },
            "summary": rows,
            "cases": [
                {"id": c.id, "lang": c.lang, "source": c.source, "variant": c.variant, "input": c.input,
                 "expected": c.expected, **{tool: c.outputs[tool] for tool in TOOLS},
                 "ok": {tool: c.ok(tool) for tool in TOOLS},
                 "damage": {"input": c.damage(), **{tool: c.damage(tool) for tool in TOOLS}},
                 "dragoman_annotations": c.annotations}
                for c in cases
            ],
        }
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        log(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
