"""Precision and recall of the inconsistent-rendering check on labelled mini-corpora.

    .venv/bin/python bench/glossary/inconsistency.py [--verbose]

``inconsistency_cases.json`` holds small corpora (aligned source/target sentence pairs in
one language pair) with the concepts a reviewer expects ``inconsistent-rendering`` to report:
a concept written in several *accepted* ways in one corpus ("Зеир Анпин" and "ЗА", "Rabash"
and "Rabasch", "Masaj" and "Masáj"). Inflections, re-casings and quotings of one term are
one rendering; a forbidden spelling is not an accepted rendering (the forbidden-variant check
reports it); a gloss on first use ("масах (экран)") is documented practice, not a mix.
The labels were written before the check was run on them.

Each corpus runs through ``workbench.checks.run_checks`` with only that check. A finding
matches an expected concept of the same corpus. The naive baseline reports a concept when
two or more different preferred/allowed strings of it occur in the corpus's target lines
(exact, case-insensitive, whole-word matching).
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

import accuracy  # bench/glossary/accuracy.py: ROOT and the ratio formatting

from workbench.checks import get_check
from workbench.checks.base import CheckContext, SegmentPair, run_checks
from workbench.formats.glossary_csv import read_glossary_csv
from workbench.glossary import Termbase, TermStatus

HERE = Path(__file__).resolve().parent
CHECK = "inconsistent-rendering"


def _pairs(corpus: dict) -> list[SegmentPair]:
    return [
        SegmentPair(src=(src,), tgt=(tgt,), src_lines=(i,), tgt_lines=(i,), ref=corpus["id"])
        for i, (src, tgt) in enumerate(corpus["pairs"])
    ]


def ours(termbase: Termbase, corpus: dict) -> list[str]:
    ctx = CheckContext(corpus["src_lang"], corpus["tgt_lang"], termbase=termbase)
    findings = run_checks(_pairs(corpus), ctx, [get_check(CHECK)])
    return [f.concept_id or "" for f in findings if f.check == CHECK]


def naive(termbase: Termbase, corpus: dict) -> list[str]:
    lang = corpus["tgt_lang"]
    text = "\n".join(tgt for _, tgt in corpus["pairs"])
    out = []
    for concept in termbase:
        seen = {
            t.text.casefold()
            for t in concept.terms_for(lang)
            if t.status != TermStatus.FORBIDDEN
            and re.search(rf"(?<!\w){re.escape(t.text)}(?!\w)", text, re.IGNORECASE)
        }
        if len(seen) > 1:
            out.append(concept.id)
    return out


def score(corpora: list[dict], run) -> tuple[list[int], list[str]]:  # type: ignore[no-untyped-def]
    """[tp, fp, fn] over (corpus, concept) findings, and a line per wrong corpus."""
    counts = [0, 0, 0]
    wrong = []
    for corpus in corpora:
        produced = Counter(run(corpus))
        expected = Counter(corpus["expected"])
        tp = sum((produced & expected).values())
        fp = sum((produced - expected).values())
        fn = sum((expected - produced).values())
        counts[0] += tp
        counts[1] += fp
        counts[2] += fn
        if fp or fn:
            wrong.append(
                f"{corpus['id']} [{' '.join(corpus['tags'])}]: "
                + "; ".join(
                    [f"false {c}" for c in (produced - expected).elements()]
                    + [f"missed {c}" for c in (expected - produced).elements()]
                )
            )
    return counts, wrong


def report(name: str, counts: list[int]) -> None:
    tp, fp, fn = counts
    print(
        f"  {name:5} {CHECK:22} precision {accuracy._ratio(tp, tp + fp)}  "
        f"recall {accuracy._ratio(tp, tp + fn)}  (tp {tp}, fp {fp}, fn {fn})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--verbose", action="store_true", help="also list the naive baseline's errors"
    )
    parser.add_argument("--cases", type=Path, default=HERE / "inconsistency_cases.json")
    args = parser.parse_args()
    data = json.loads(args.cases.read_text(encoding="utf-8"))
    glossary = accuracy.ROOT / data["glossary"]
    termbase = read_glossary_csv(glossary.read_bytes(), glossary.name)
    corpora = data["corpora"]
    lines = sum(len(c["pairs"]) for c in corpora)
    expected = sum(len(c["expected"]) for c in corpora)
    print(f"{len(corpora)} mini-corpora ({lines} pairs), {expected} expected findings")
    our_counts, our_wrong = score(corpora, lambda c: ours(termbase, c))
    naive_counts, naive_wrong = score(corpora, lambda c: naive(termbase, c))
    report("ours", our_counts)
    report("naive", naive_counts)
    print("ours, wrong corpora:" if our_wrong else "ours: no wrong corpora")
    for line in our_wrong:
        print("  " + line)
    if args.verbose:
        print("naive, wrong corpora:")
        for line in naive_wrong:
            print("  " + line)


if __name__ == "__main__":
    main()
