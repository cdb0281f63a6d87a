#!/usr/bin/env python3
"""Tests of scripts/score_real.py's scoring on made-up annotations (run by RealCorpusTests on every
`swift test`): the rebuilt output, word boundaries, and the money, name, keep and repair verdicts."""

import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import score_real  # noqa: E402


def annotation(stage, text, source, replacement, nth=1, **data):
    span = score_real.locate(text, source, nth)
    return {"stage": stage, "start": span.start, "end": span.end, "source": source,
            "replacement": replacement, "data": data}


def paragraph(text, **labels):
    return {"id": "xx-001", "lang": "az", "text": text, **labels}


def score(p, annotations, output):
    failures = []
    tally = score_real.score_paragraph(p, {"id": p["id"], "text": output, "annotations": annotations}, failures)
    return tally, failures


class RebuildTests(unittest.TestCase):
    def test_a_later_stage_covers_an_earlier_change(self):
        text = "Worth &euro;400,000 in Aghdаm."
        annotations = [
            annotation("money", text, "&euro;400,000", "EUR 400,000", amount="400000", currency="EUR"),
            annotation("repair", text, "&euro;", "€", kind="entity"),
            annotation("repair", text, "Aghdаm", "Aghdam", kind="homoglyph"),
            annotation("glossary", text, "Aghdаm", "Aghdam", id="aghdam"),
        ]
        pieces = score_real.rebuild(text, annotations)
        self.assertEqual("".join(p.text for p in pieces), "Worth EUR 400,000 in Aghdam.")
        written, touched = score_real.output_over(pieces, score_real.locate(text, "400,000", 1))
        self.assertEqual(written, "EUR 400,000")
        self.assertEqual(touched[0].stages, ("repair", "money"))

    def test_a_later_change_cutting_an_earlier_one_does_not_fit(self):
        text = "abcdef"
        annotations = [annotation("repair", text, "bcd", "X"), annotation("money", text, "de", "Y")]
        self.assertIsNone(score_real.rebuild(text, annotations))

    def test_an_insertion_lands_at_its_position(self):
        pieces = score_real.rebuild("ab", [{"stage": "repair", "start": 1, "end": 1, "source": "",
                                            "replacement": "-"}])
        self.assertEqual("".join(p.text for p in pieces), "a-b")


class WordTests(unittest.TestCase):
    def test_word_boundaries(self):
        self.assertTrue(score_real.contains_word("Shusha'da", "Shusha"))
        self.assertTrue(score_real.contains_word("in Sanosyan-ը", "Sanosyan"))
        self.assertFalse(score_real.contains_word("Sanosyany", "Sanosyan"))
        self.assertFalse(score_real.contains_word("Aliyevym", "Aliyev"))
        self.assertTrue(score_real.contains_word("(US)", "US"))


class VerdictTests(unittest.TestCase):
    TEXT = "Bank 4 milyard 465,7 milyon manat və 50 qəpik, Şuşada 2020."

    def labelled(self):
        return paragraph(self.TEXT,
                         amounts=[{"text": "4 milyard 465,7 milyon manat", "currency": "AZN", "value": "4465700000"},
                                  {"text": "50 qəpik", "currency": "AZN", "value": "0.50"}],
                         names=[{"text": "Şuşada", "accept": ["Shusha"]}],
                         keep=["Bank", "2020"])

    def test_a_part_of_a_multi_part_amount_is_a_wrong_value(self):
        annotations = [annotation("money", self.TEXT, "465,7 milyon manat", "AZN 465.7 million",
                                  amount="465700000", currency="AZN")]
        output = self.TEXT.replace("465,7 milyon manat", "AZN 465.7 million")
        tally, failures = score(self.labelled(), annotations, output)
        self.assertEqual((tally.hits, tally.wrong, tally.spurious, tally.amounts), (0, 1, 0, 2))
        self.assertTrue(any("WRONG VALUE" in f for f in failures))

    def test_right_values_are_hits_and_a_number_is_spurious(self):
        annotations = [
            annotation("money", self.TEXT, "4 milyard 465,7 milyon manat", "AZN 4,465,700,000",
                       amount="4465700000", currency="AZN"),
            annotation("money", self.TEXT, "50 qəpik", "AZN 0.50", amount="0.5", currency="AZN"),
            annotation("money", self.TEXT, "2020", "USD 2,020", amount="2020", currency="USD"),
        ]
        output = "Bank AZN 4,465,700,000 və AZN 0.50, Şuşada USD 2,020."
        tally, _ = score(self.labelled(), annotations, output)
        self.assertEqual((tally.hits, tally.wrong, tally.spurious), (2, 0, 1))
        self.assertEqual(tally.keep_violations, 1)  # 2020
        figures = tally.figures()
        self.assertAlmostEqual(figures["money_precision"], 2 / 3)
        self.assertEqual(figures["money_recall"], 1.0)

    def test_another_currency_is_a_wrong_value(self):
        annotations = [annotation("money", self.TEXT, "50 qəpik", "USD 0.50", amount="0.50", currency="USD")]
        tally, _ = score(self.labelled(), annotations, self.TEXT.replace("50 qəpik", "USD 0.50"))
        self.assertEqual(tally.wrong, 1)

    def test_a_flag_without_a_value_is_neither_hit_nor_wrong(self):
        annotations = [annotation("money", self.TEXT, "50 qəpik", "50 qəpik", ambiguous="subunit")]
        tally, _ = score(self.labelled(), annotations, self.TEXT)
        self.assertEqual((tally.hits, tally.wrong, tally.spurious, tally.flagged), (0, 0, 0, 1))

    def test_names_and_keep(self):
        annotations = [annotation("glossary", self.TEXT, "Şuşada", "Shusha'da", id="shusha"),
                       annotation("transliterate", self.TEXT, "Bank", "Bankh")]
        output = self.TEXT.replace("Şuşada", "Shusha'da").replace("Bank", "Bankh")
        tally, failures = score(self.labelled(), annotations, output)
        self.assertEqual((tally.names, tally.names_found), (1, 1))
        self.assertEqual(tally.keep_violations, 1)
        self.assertEqual(tally.keep_by_stage["transliterate"], 1)

    def test_an_unchanged_name_passes_only_when_it_is_accepted(self):
        tally, _ = score(self.labelled(), [], self.TEXT)
        self.assertEqual(tally.names_found, 0)
        self.assertEqual(tally.keep_violations, 0)

    def test_a_range_as_one_amount_or_as_its_two_ends(self):
        text = "between $20 and $30 million"
        p = paragraph(text, amounts=[{"text": text, "currency": "USD", "low": "20000000", "high": "30000000"}])
        one = [annotation("money", text, text, "x", low="20000000", high="30000000", currency="USD")]
        self.assertEqual(score(p, one, "x")[0].hits, 1)
        two = [annotation("money", text, "$20", "USD 20 million", amount="20000000", currency="USD"),
               annotation("money", text, "$30 million", "USD 30 million", amount="30000000", currency="USD")]
        self.assertEqual(score(p, two, "between USD 20 million and USD 30 million")[0].hits, 1)
        wrong = [annotation("money", text, "$20", "USD 20", amount="20", currency="USD")]
        self.assertEqual(score(p, wrong, "between USD 20 and $30 million")[0].wrong, 1)

    def test_a_change_from_one_amount_to_another_written_as_one_range(self):
        text = "from 1,5 to 2 manat"
        p = paragraph(text, amounts=[{"text": "1,5", "currency": "AZN", "value": "1.5"},
                                     {"text": "2 manat", "currency": "AZN", "value": "2"}])
        one = [annotation("money", text, "1,5 to 2 manat", "x", low="1.5", high="2", currency="AZN")]
        tally, _ = score(p, one, "from x")
        self.assertEqual((tally.hits, tally.wrong), (2, 0))

    def test_an_annotation_that_does_not_point_at_its_source_is_an_offset_error(self):
        bad = {"stage": "money", "start": 0, "end": 4, "source": "Baku", "replacement": "x", "data": {}}
        tally, _ = score(self.labelled(), [bad], "x" + self.TEXT[4:])
        self.assertGreaterEqual(tally.offset_errors, 1)

    def test_an_output_the_annotations_do_not_explain_is_an_offset_error(self):
        tally, _ = score(self.labelled(), [], self.TEXT + "!")
        self.assertEqual(tally.offset_errors, 1)


class FloorTests(unittest.TestCase):
    def test_floors_and_ceilings(self):
        tally = score_real.Tally(amounts=10, hits=9, wrong=1, names=4, names_found=4)
        floors = {"floors": {"az": {"money_recall": 0.9, "wrong_values": 0, "name_recall": 1.0}}}
        breaches = score_real.check_floors({"az": tally}, floors)
        self.assertEqual(len(breaches), 1)
        self.assertIn("wrong_values", breaches[0])

    def test_update_only_raises(self):
        tally = score_real.Tally(amounts=10, hits=5, names=4, names_found=4)
        floors = {"floors": {"az": {"money_recall": 0.8, "wrong_values": 0}}}
        raised = score_real.raised_floors({"az": tally}, floors)["floors"]["az"]
        self.assertEqual(raised["money_recall"], 0.8)
        self.assertEqual(raised["name_recall"], 1.0)
        self.assertEqual(raised["wrong_values"], 0)


class ValidateTests(unittest.TestCase):
    def test_a_label_not_in_the_text_is_reported(self):
        p = paragraph("Bank 5 manat", outlet="o", url="https://x", tags=[],
                      amounts=[{"text": "6 manat", "currency": "AZN", "value": "6"}])
        p["id"] = "az-001"
        problems = score_real.validate([("f", 1, p)])
        self.assertEqual(len(problems), 1)
        self.assertIn("not in the text", problems[0])

    def test_a_value_must_be_a_plain_decimal(self):
        p = paragraph("Bank 5,5 manat", outlet="o", url="https://x", tags=[],
                      amounts=[{"text": "5,5 manat", "currency": "AZN", "value": "5,5"}])
        p["id"] = "az-001"
        self.assertIn("decimal", score_real.validate([("f", 1, p)])[0])


if __name__ == "__main__":
    unittest.main()
