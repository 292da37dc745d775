"""Sentence alignment benchmark: ours against NLTK's Gale-Church and a length-only baseline.

Run from the repository root::

    .venv/bin/python -m bench.align                 # quality and speed (a few minutes)
    .venv/bin/python -m bench.align --no-speed      # quality only, well under a minute
    .venv/bin/python -m bench.align --sizes 1000,10000 --nltk-sizes 1000

Quality is strict and lax precision/recall/F1 as vecalign's ``score.py`` computes them, on
Text+Berg de-fr (the Bleualign test set) and on English-Russian/Spanish Kabbalah posts
(the demo posts with hand-written gold, and synthetic-but-realistic posts whose gold is
known by construction). Speed is wall time and peak memory per size, each size in a fresh
process. Figures are printed as Markdown and written to ``bench/align/results/``.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.align.metrics import Counts, count  # noqa: E402
from bench.align.tools import TOOLS, Pair  # noqa: E402
from workbench.align import align, signature  # noqa: E402
from workbench.formats.glossary_csv import read_glossary_csv  # noqa: E402
from workbench.formats.sources import read_source_file  # noqa: E402
from workbench.formats.vecalign import parse_links  # noqa: E402
from workbench.glossary import Termbase  # noqa: E402
from workbench.segment import segment_paragraphs  # noqa: E402

DATA = HERE / "data"
RESULTS = HERE / "results"
DEMO_GOLD = ROOT / "tests" / "align" / "data"
SOURCES = ROOT / "sources"


@dataclass
class Doc:
    """One document pair with gold links."""

    name: str
    src: list[str]
    tgt: list[str]
    src_lang: str
    tgt_lang: str
    gold: list[Pair]
    termbase: Termbase | None = None


# -- test sets --------------------------------------------------------------------------------


def textberg() -> list[Doc]:
    folder = DATA / "textberg"
    docs = []
    for k in range(7):
        src = (folder / f"test{k}.de").read_text(encoding="utf-8").splitlines()
        tgt = (folder / f"test{k}.fr").read_text(encoding="utf-8").splitlines()
        gold = parse_links((folder / f"test{k}.defr").read_text(encoding="utf-8"), "gold")
        docs.append(Doc(f"test{k}", src, tgt, "de", "fr", gold))
    return docs


def _demo_sentences(path: Path, lang: str) -> list[str]:
    document = read_source_file(path, lang=lang)
    return [d.text for d in segment_paragraphs(document.paragraphs, lang)]


def kabbalah() -> list[Doc]:
    glossary_path = ROOT / "glossary" / "glossary.csv"
    termbase = read_glossary_csv(glossary_path.read_bytes(), glossary_path.name)
    docs = []
    for gold_path in sorted(DEMO_GOLD.glob("*.align")):
        stem, pair = gold_path.stem.rsplit(".", 1)
        src_lang, tgt_lang = pair.split("-")
        source = next(SOURCES.glob(f"{stem}.*"))
        docs.append(
            Doc(
                f"demo {stem[:28]} {pair}",
                _demo_sentences(source, src_lang),
                _demo_sentences(SOURCES / tgt_lang / source.name, tgt_lang),
                src_lang,
                tgt_lang,
                parse_links(gold_path.read_text(encoding="utf-8"), gold_path.name),
                termbase,
            )
        )
    for path in sorted((DATA / "kabbalah").glob("*.json")):
        post = json.loads(path.read_text(encoding="utf-8"))
        src: list[str] = []
        tgt: list[str] = []
        gold: list[Pair] = []
        for s, t in post["units"]:
            gold.append(
                (
                    tuple(range(len(src), len(src) + len(s))),
                    tuple(range(len(tgt), len(tgt) + len(t))),
                )
            )
            src += s
            tgt += t
        stem, pair = path.stem.rsplit(".", 1)
        docs.append(
            Doc(
                f"synthetic {stem[:23]} {pair}",
                src,
                tgt,
                post["src_lang"],
                post["tgt_lang"],
                gold,
                termbase,
            )
        )
    return docs


# -- quality ----------------------------------------------------------------------------------


def _fmt(value: float) -> str:
    return f"{value:.3f}"


def quality(sets: dict[str, list[Doc]], tools: Sequence[str]) -> tuple[list[str], dict]:
    lines: list[str] = []
    figures: dict = {}
    for title, docs in sets.items():
        figures[title] = {}
        totals = {name: Counts() for name in tools}
        per_doc: dict[str, dict[str, float]] = {}
        seconds = dict.fromkeys(tools, 0.0)
        for doc in docs:
            per_doc[doc.name] = {}
            for name in tools:
                start = time.perf_counter()
                found = TOOLS[name].align(
                    doc.src, doc.tgt, doc.src_lang, doc.tgt_lang, doc.termbase
                )
                seconds[name] += time.perf_counter() - start
                counts = count(doc.gold, found)
                totals[name] += counts
                per_doc[doc.name][name] = counts.scores()["f1_strict"]
        lines.append(f"### {title}\n")
        lines.append("Strict F1 per document pair:\n")
        lines.append("| document | sentences | " + " | ".join(TOOLS[t].label for t in tools) + " |")
        lines.append("|---|---|" + "---|" * len(tools))
        for doc in docs:
            cells = " | ".join(_fmt(per_doc[doc.name][t]) for t in tools)
            lines.append(f"| {doc.name} | {len(doc.src)}/{len(doc.tgt)} | {cells} |")
        lines.append("")
        lines.append("Overall (counts summed over documents):\n")
        lines.append(
            "| aligner | P strict | R strict | **F1 strict** | P lax | R lax | F1 lax | time |"
        )
        lines.append("|---|---|---|---|---|---|---|---|")
        for name in tools:
            s = totals[name].scores()
            figures[title][name] = {**s, "seconds": round(seconds[name], 2), "per_doc": per_doc}
            lines.append(
                f"| {TOOLS[name].label} | {_fmt(s['precision_strict'])} | "
                f"{_fmt(s['recall_strict'])} | **{_fmt(s['f1_strict'])}** | "
                f"{_fmt(s['precision_lax'])} | {_fmt(s['recall_lax'])} | {_fmt(s['f1_lax'])} | "
                f"{seconds[name]:.2f} s |"
            )
        lines.append("")
        if "ours" in tools:
            lines += calibration(docs)
            figures[title]["calibration"] = lines[-1]
    return lines, figures


def calibration(docs: Sequence[Doc]) -> list[str]:
    """How often links of each confidence band are right (strict), and how many there are."""
    bins = [(0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 0.9), (0.9, 1.01)]
    right = [0] * len(bins)
    total = [0] * len(bins)
    for doc in docs:
        result = align(doc.src, doc.tgt, doc.src_lang, doc.tgt_lang, termbase=doc.termbase)
        gold = set(doc.gold)
        for link in result.links:
            k = next(i for i, (lo, hi) in enumerate(bins) if lo <= link.score < hi)
            total[k] += 1
            right[k] += link.pair in gold
    head = "| confidence | " + " | ".join(f"{lo:.1f}-{min(hi, 1):.1f}" for lo, hi in bins) + " |"
    links = "| links | " + " | ".join(str(t) for t in total) + " |"
    share = (
        "| right (strict) | "
        + " | ".join(f"{r / t:.2f}" if t else "-" for r, t in zip(right, total, strict=True))
        + " |"
    )
    return [
        "Confidence of our links against how often they are right:\n",
        head,
        "|---|" + "---|" * len(bins),
        links,
        share,
        "",
    ]


# -- speed ------------------------------------------------------------------------------------


def speed(
    sizes: Sequence[int], nltk_sizes: Sequence[int], tools: Sequence[str]
) -> tuple[list[str], list]:
    rows = []
    for size in sizes:
        for name in tools:
            if name == "nltk" and size not in nltk_sizes:
                continue
            if not TOOLS[name].available():
                continue
            proc = subprocess.run(
                [sys.executable, "-m", "bench.align.worker", name, str(size)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=False,
            )
            if proc.returncode != 0:
                rows.append({"tool": name, "size": size, "error": proc.stderr.strip()[-300:]})
                continue
            rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
            print(f"  timed {name} at {size}: {rows[-1]['seconds']} s", file=sys.stderr)
    lines = [
        "| aligner | sentences (src/tgt) | wall time | CPU time | peak RSS | RSS before aligning "
        "| strict F1 |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        if "error" in row:
            label = TOOLS[row["tool"]].label
            lines.append(f"| {label} | {row['size']} | failed: {row['error']} | | | | |")
            continue
        lines.append(
            f"| {TOOLS[row['tool']].label} | {row['src']}/{row['tgt']} | {row['seconds']:.2f} s "
            f"| {row['cpu_seconds']:.2f} s | {row['peak_rss_mb']:.0f} MB "
            f"| {row['rss_before_mb']:.0f} MB | {row['f1_strict']:.3f} |"
        )
    lines.append("")
    return lines, rows


# -- main -------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-quality", action="store_true", help="skip the quality tables")
    parser.add_argument("--no-speed", action="store_true", help="skip the timing runs")
    parser.add_argument(
        "--sizes", default="1000,10000,50000", help="sentences per side to time (comma list)"
    )
    parser.add_argument(
        "--nltk-sizes",
        default="1000,2000",
        help="sizes at which nltk Gale-Church is timed too (it is quadratic)",
    )
    parser.add_argument(
        "--tools", default="ours,length,nltk", help="aligners to compare (ours,length,nltk)"
    )
    args = parser.parse_args(argv)
    tools = [t for t in args.tools.split(",") if t in TOOLS and TOOLS[t].available()]
    skipped = [t for t in args.tools.split(",") if t not in tools]
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out: list[str] = [
        f"# Sentence alignment benchmark ({stamp})\n",
        f"Python {platform.python_version()} on {platform.machine()}, one process per run. "
        f"Aligner signature: `{signature()}` (with the glossary on the Kabbalah set). "
        f"nltk: {TOOLS['nltk'].version}.\n",
    ]
    if skipped:
        out.append(f"Not run (missing or unknown): {', '.join(skipped)}.\n")
    figures: dict = {"stamp": stamp, "signature": signature()}
    if not args.no_quality:
        sets = {
            "Text+Berg de-fr (Bleualign test set, 7 documents)": textberg(),
            "Kabbalah posts en-ru / en-es (demo posts + synthetic posts)": kabbalah(),
        }
        lines, figures["quality"] = quality(sets, tools)
        out.append("## Quality\n")
        out += lines
    if not args.no_speed:
        sizes = [int(x) for x in args.sizes.split(",") if x]
        nltk_sizes = [int(x) for x in args.nltk_sizes.split(",") if x]
        timed = [t for t in tools]
        lines, figures["speed"] = speed(sorted(set(sizes) | set(nltk_sizes)), nltk_sizes, timed)
        out.append("## Speed and memory (synthetic parallel text, one fresh process per row)\n")
        out += lines
    text = "\n".join(out) + "\n"
    print(text)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.md").write_text(text, encoding="utf-8")
    (RESULTS / f"results-{stamp}.json").write_text(
        json.dumps(figures, indent=1, default=str) + "\n", encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
