"""Precision and recall of the terminology checks on the blind labelled set.

    .venv/bin/python bench/glossary/accuracy_blind.py [--verbose] [--by-pair] [--cases FILE]

``blind_cases.json`` is a second hand-labelled set, written (cases and expected findings)
before the checker was run on it, against the project glossary ``glossary/glossary.csv``
(not the test fixture that ``cases.json`` uses). Its format is that of ``cases.json``, with
one addition: a case may carry ``src_lines``, ``tgt_lines`` and ``links`` (vecalign notation,
``"[0]:[0, 1]"``) when a sentence is split across two target lines or two source lines are
merged; ``src``/``tgt`` then hold the lines joined by a space, for the naive baseline and
for display.

Scoring, the naive baseline and the report are those of ``accuracy.py`` (imported, not
copied): a produced finding matches an expected one when check and concept agree and, for
forbidden-variant, the found texts overlap.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import accuracy  # bench/glossary/accuracy.py: the script's own directory is on sys.path

from workbench.checks import check_parallel, get_check
from workbench.formats.glossary_csv import read_glossary_csv
from workbench.formats.vecalign import parse_links
from workbench.glossary import Termbase

HERE = Path(__file__).resolve().parent


def ours(termbase: Termbase, case: dict) -> list[accuracy.Finding]:
    """``accuracy.ours``, or the same checks over the case's lines and links when it has them."""
    if "links" not in case:
        return accuracy.ours(termbase, case)
    findings = check_parallel(
        termbase,
        case["src_lang"],
        case["tgt_lang"],
        list(case["src_lines"]),
        list(case["tgt_lines"]),
        parse_links(case["links"], case["id"]),
        checks=[get_check(c) for c in accuracy.CHECKS],
    )
    return [(f.check, f.concept_id or "", f.found) for f in findings]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list every wrong case")
    parser.add_argument("--by-pair", action="store_true", help="also report per language pair")
    parser.add_argument("--cases", type=Path, default=HERE / "blind_cases.json")
    args = parser.parse_args()
    data = json.loads(args.cases.read_text(encoding="utf-8"))
    glossary = accuracy.ROOT / data["glossary"]
    termbase = read_glossary_csv(glossary.read_bytes(), glossary.name)
    cases = data["cases"]
    pairs = sorted({f"{c['src_lang']}->{c['tgt_lang']}" for c in cases})
    expected = {
        check: sum(1 for c in cases for e in c["expected"] if e["check"] == check)
        for check in accuracy.CHECKS
    }
    clean = sum(1 for c in cases if not c["expected"])
    print(
        f"{len(cases)} labelled pairs ({', '.join(pairs)}), glossary {data['glossary']}, "
        f"{sum(expected.values())} expected findings "
        f"({', '.join(f'{k} {v}' for k, v in expected.items())}), {clean} clean pairs"
    )
    naive = accuracy.Naive(termbase)
    our_counts, our_wrong = accuracy.score(cases, lambda case: ours(termbase, case))
    naive_counts, naive_wrong = accuracy.score(cases, naive)
    accuracy.report("ours", our_counts)
    accuracy.report("naive", naive_counts)
    if args.by_pair:
        for pair in pairs:
            subset = [c for c in cases if f"{c['src_lang']}->{c['tgt_lang']}" == pair]
            print(f"{pair} ({len(subset)} pairs):")
            accuracy.report("ours", accuracy.score(subset, lambda case: ours(termbase, case))[0])
            accuracy.report("naive", accuracy.score(subset, naive)[0])
    print(f"cases with any error: ours {len(our_wrong)}, naive {len(naive_wrong)}")
    print("ours, wrong cases:" if our_wrong else "ours: no wrong cases")
    for line in our_wrong:
        print("  " + line)
    if args.verbose:
        print("naive, wrong cases:")
        for line in naive_wrong:
            print("  " + line)


if __name__ == "__main__":
    main()
