"""Precision and recall of the terminology checks on a hand-labelled set.

    .venv/bin/python bench/glossary/accuracy.py [--verbose]

``cases.json`` holds sentence pairs (en→ru, en→es, en→de, ru→en, es→en, de→en) written in
the style of the corpus, each with the findings a careful reviewer expects from the
forbidden-variant and missing-term checks given the fixture glossary
(``tests/glossary/data/glossary.csv``): inflected correct forms, forbidden variants in
several cases, terms inside longer words, sentence-initial capitals, allowed variants,
overlapping terms, indeclinable terms with endings, local plurals, look-alike terms,
German compounds, case and accents. Labels say what is *right*, not what the checker does;
the hard cases it gets wrong stay in.

A produced finding matches an expected one when the check and concept agree and, for
forbidden-variant, the found texts overlap (one contains the other: "мире Ацилута" vs
"Ацилута"). The naive baseline is exact, case-insensitive whole-word matching of the
listed strings: a forbidden string present is a finding; a concept whose preferred or
allowed string is in the source but none of them in the target is a missing term.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from pathlib import Path

from workbench.checks import check_parallel, get_check
from workbench.formats.glossary_csv import read_glossary_csv
from workbench.glossary import Termbase, TermStatus

ROOT = Path(__file__).resolve().parents[2]

CHECKS = ("forbidden-variant", "missing-term")
Finding = tuple[str, str, str | None]  # check, concept, found


def ours(termbase: Termbase, case: dict) -> list[Finding]:
    findings = check_parallel(
        termbase,
        case["src_lang"],
        case["tgt_lang"],
        [case["src"]],
        [case["tgt"]],
        checks=[get_check(c) for c in CHECKS],
    )
    return [(f.check, f.concept_id or "", f.found) for f in findings]


class Naive:
    """Exact whole-word string matching of the listed forms, as a plain checker would do."""

    def __init__(self, termbase: Termbase) -> None:
        self.termbase = termbase
        self._cache: dict[tuple[str, str], re.Pattern[str]] = {}

    def _pattern(self, text: str) -> re.Pattern[str]:
        return re.compile(rf"(?<!\w){re.escape(text)}(?!\w)", re.IGNORECASE)

    def _has(self, text: str, form: str) -> re.Match[str] | None:
        return self._pattern(form).search(text)

    def __call__(self, case: dict) -> list[Finding]:
        out: list[Finding] = []
        src_lang, tgt_lang = case["src_lang"], case["tgt_lang"]
        for concept in self.termbase:
            for term in concept.terms_for(tgt_lang, TermStatus.FORBIDDEN):
                found = self._has(case["tgt"], term.text)
                if found:
                    out.append(("forbidden-variant", concept.id, found.group()))
            source = [
                t.text for t in concept.terms_for(src_lang) if t.status != TermStatus.FORBIDDEN
            ]
            target = [
                t.text for t in concept.terms_for(tgt_lang) if t.status != TermStatus.FORBIDDEN
            ]
            if not target or not any(self._has(case["src"], s) for s in source):
                continue
            if not any(self._has(case["tgt"], t) for t in target):
                out.append(("missing-term", concept.id, None))
        return out


def _matches(expected: dict, produced: Finding) -> bool:
    check, concept, found = produced
    if check != expected["check"] or concept != expected["concept_id"]:
        return False
    want = expected.get("found")
    if want is None or found is None:
        return True
    return want in found or found in want


def score(cases: list[dict], run) -> tuple[dict[str, list[int]], list[str]]:  # type: ignore[no-untyped-def]
    """Per check [tp, fp, fn], and a line per wrong case."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    wrong: list[str] = []
    for case in cases:
        produced = run(case)
        expected = list(case["expected"])
        unmatched = list(produced)
        misses = []
        for want in expected:
            hit = next((p for p in unmatched if _matches(want, p)), None)
            if hit is None:
                counts[want["check"]][2] += 1
                misses.append(f"missed {want['check']} {want['concept_id']} {want.get('found')!r}")
            else:
                counts[want["check"]][0] += 1
                unmatched.remove(hit)
        for check, concept, found in unmatched:
            counts[check][1] += 1
            misses.append(f"false {check} {concept} {found!r}")
        if misses:
            wrong.append(
                f"{case['id']} [{' '.join(case['tags'])}] {case['tgt']!r}: " + "; ".join(misses)
            )
    return counts, wrong


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "  n/a"


def report(name: str, counts: dict[str, list[int]]) -> None:
    for check in CHECKS:
        tp, fp, fn = counts[check]
        print(
            f"  {name:5} {check:17} precision {_ratio(tp, tp + fp)}  recall {_ratio(tp, tp + fn)}"
            f"  (tp {tp}, fp {fp}, fn {fn})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list every wrong case")
    args = parser.parse_args()
    data = json.loads((Path(__file__).parent / "cases.json").read_text(encoding="utf-8"))
    glossary = ROOT / data["glossary"]
    termbase = read_glossary_csv(glossary.read_bytes(), glossary.name)
    cases = data["cases"]
    pairs = sorted({f"{c['src_lang']}->{c['tgt_lang']}" for c in cases})
    expected = sum(len(c["expected"]) for c in cases)
    print(f"{len(cases)} labelled pairs ({', '.join(pairs)}), {expected} expected findings")
    our_counts, our_wrong = score(cases, lambda case: ours(termbase, case))
    naive_counts, naive_wrong = score(cases, Naive(termbase))
    report("ours", our_counts)
    report("naive", naive_counts)
    print(f"cases with any error: ours {len(our_wrong)}, naive {len(naive_wrong)}")
    print("ours, wrong cases:" if our_wrong else "ours: no wrong cases")
    for line in our_wrong if args.verbose or len(our_wrong) <= 30 else our_wrong[:30]:
        print("  " + line)
    if args.verbose:
        print("naive, wrong cases:")
        for line in naive_wrong:
            print("  " + line)


if __name__ == "__main__":
    main()
