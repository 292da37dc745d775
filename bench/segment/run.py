"""Sentence segmentation benchmark: ours against pySBD, sentence-splitter and sentencex.

Run from the repository root::

    .venv/bin/python -m bench.segment            # or: .venv/bin/python bench/segment/run.py
    .venv/bin/python -m bench.segment --size-mb 1 --quick

Accuracy is exact-case: a case counts only if the predicted sentences, stripped, equal the
expected list. Throughput is characters per second, on one long text in one call and on the
same text as many paragraphs. Results are printed and written to ``bench/segment/results/``.
The peers come from the project's optional ``bench`` extra; a missing one is reported as n/a.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from workbench.segment import segmenter_signature, split_sentences  # noqa: E402

DATA = HERE / "data"
RESULTS = HERE / "results"

Splitter = Callable[[str], list[str]]
GOLDEN_TITLE = "pySBD Golden Rules (exact-case accuracy)"
POSTS_TITLE = "Post-style cases (exact-case accuracy)"


# -- the tools ----------------------------------------------------------------------------------


@dataclass
class Tool:
    """One segmenter under test; ``make`` returns a splitter for a language or None."""

    name: str
    version: str
    make: Callable[[str], Splitter | None]
    cache: dict[str, Splitter | None] = field(default_factory=dict)

    def for_lang(self, lang: str) -> Splitter | None:
        if lang not in self.cache:
            try:
                self.cache[lang] = self.make(lang)
            except Exception:
                self.cache[lang] = None
        return self.cache[lang]


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def _ours(lang: str) -> Splitter:
    return lambda text: [s.text for s in split_sentences(text, lang)]


def _pysbd(lang: str) -> Splitter | None:
    import pysbd
    from pysbd.languages import LANGUAGE_CODES

    if lang not in LANGUAGE_CODES:
        return None
    seg = pysbd.Segmenter(language=lang, clean=False)
    return lambda text: [s.strip() for s in seg.segment(text) if s.strip()]


def _sentence_splitter(lang: str) -> Splitter | None:
    from sentence_splitter import SentenceSplitter

    splitter = SentenceSplitter(language=lang)
    return lambda text: [s.strip() for s in splitter.split(text) if s.strip()]


def _sentencex(lang: str) -> Splitter:
    import sentencex

    return lambda text: [s.strip() for s in sentencex.segment(lang, text) if s.strip()]


def tools() -> list[Tool]:
    return [
        Tool("ours", segmenter_signature("en").split("|")[0], _ours),
        Tool("pysbd", _version("pysbd"), _pysbd),
        Tool("sentence-splitter", _version("sentence-splitter"), _sentence_splitter),
        Tool("sentencex", _version("sentencex"), _sentencex),
    ]


# -- accuracy -----------------------------------------------------------------------------------


def load_cases(name: str) -> list[dict[str, object]]:
    with (DATA / name).open(encoding="utf-8") as fh:
        return json.load(fh)["cases"]


def accuracy(
    tool: Tool, cases: list[dict[str, object]]
) -> tuple[dict[str, tuple[int, int]], list[dict[str, object]]]:
    """Per language (passed, total) over the cases the tool supports, and the failures."""
    per_lang: dict[str, tuple[int, int]] = {}
    failures: list[dict[str, object]] = []
    for case in cases:
        lang = str(case["lang"])
        split = tool.for_lang(lang)
        if split is None:
            continue
        expected = [s.strip() for s in case["expected"]]  # type: ignore[union-attr]
        try:
            got = split(str(case["text"]))
        except Exception as exc:
            got = [f"<error: {type(exc).__name__}: {exc}>"]
        ok = got == expected
        passed, total = per_lang.get(lang, (0, 0))
        per_lang[lang] = (passed + ok, total + 1)
        if not ok:
            failures.append({"lang": lang, "text": case["text"], "expected": expected, "got": got})
    return per_lang, failures


def _fmt_acc(cell: tuple[int, int] | None) -> str:
    if cell is None:
        return "n/a"
    passed, total = cell
    return f"{passed / total:.3f} ({passed}/{total})"


def accuracy_table(
    title: str, all_tools: list[Tool], cases: list[dict[str, object]], report: dict[str, object]
) -> list[str]:
    langs = sorted({str(c["lang"]) for c in cases})
    results = {t.name: accuracy(t, cases) for t in all_tools}
    lines = [f"## {title}", ""]
    header = "| lang | cases | " + " | ".join(t.name for t in all_tools) + " |"
    lines += [header, "|" + "---|" * (2 + len(all_tools))]
    for lang in langs:
        n = sum(1 for c in cases if c["lang"] == lang)
        row = [lang, str(n)] + [_fmt_acc(results[t.name][0].get(lang)) for t in all_tools]
        lines.append("| " + " | ".join(row) + " |")
    overall = {}
    for t in all_tools:
        per_lang = results[t.name][0]
        passed = sum(p for p, _ in per_lang.values())
        total = sum(n for _, n in per_lang.values())
        overall[t.name] = (passed, total) if total else None
    lines.append(
        "| **overall** | "
        + str(len(cases))
        + " | "
        + " | ".join(f"**{_fmt_acc(overall[t.name])}**" for t in all_tools)
        + " |"
    )
    lines.append("")
    lines.append(
        "Overall counts only the cases a tool supports (its language list); n/a = unsupported."
    )
    lines.append("")
    report[title] = {
        t.name: {
            "per_language": {k: list(v) for k, v in results[t.name][0].items()},
            "overall": list(overall[t.name]) if overall[t.name] else None,
            "failures": results[t.name][1],
        }
        for t in all_tools
    }
    return lines


# -- speed --------------------------------------------------------------------------------------


def corpus_paragraphs() -> list[str]:
    """English paragraphs for the speed runs: our post-style cases plus the English rules.

    They are short on purpose - every one holds abbreviations, quotes, numbers or lists -
    so the speed figures are for hard text, not for plain prose.
    """
    paras = [str(c["text"]) for c in load_cases("posts_cases.json") if c["lang"] == "en"]
    paras += [str(c["text"]) for c in load_cases("golden_rules.json") if c["lang"] == "en"]
    return paras


def build_text(paragraphs: list[str], size: int, sep: str) -> str:
    """Paragraphs repeated in order until the text has ``size`` characters."""
    block = sep.join(paragraphs) + sep
    reps = size // len(block) + 1
    return (block * reps)[:size]


def build_paragraphs(paragraphs: list[str], size: int) -> list[str]:
    out: list[str] = []
    total = 0
    i = 0
    while total < size:
        p = paragraphs[i % len(paragraphs)]
        out.append(p)
        total += len(p)
        i += 1
    return out


def timed(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def throughput(split: Splitter, text: str, repeat: int) -> float:
    return len(text) / timed(lambda: split(text), repeat)


def throughput_many(split: Splitter, paras: Iterable[str], repeat: int) -> float:
    paras = list(paras)
    size = sum(len(p) for p in paras)

    def run() -> None:
        for p in paras:
            split(p)

    return size / timed(run, repeat)


def _ratio(a: float | None, b: float | None) -> str:
    if not a or not b:
        return "n/a"
    r = a / b
    return f"{r:.0f}x" if r >= 100 else f"{r:.1f}x" if r >= 1 else f"{r:.2f}x"


def _rate(x: float | None) -> str:
    if x is None:
        return "n/a"
    return f"{x / 1e6:.2f} M" if x >= 1e5 else f"{x / 1e3:.1f} k"


# pySBD and sentence-splitter slow down more than linearly (see the linearity table): one
# call on a few MB would take pySBD the better part of an hour. They are timed on less text,
# which flatters them; the ratio at equal size is reported next to the headline ratio.
SIZE_CAP = {"pysbd": 200_000, "sentence-splitter": 500_000}
LINEARITY_BASE = {"pysbd": 25_000, "sentence-splitter": 100_000}


def speed_section(
    all_tools: list[Tool], size: int, base: int, quick: bool, report: dict[str, object]
) -> list[str]:
    paras = corpus_paragraphs()
    one_para = build_text(paras, size, " ")
    many_lines = build_text(paras, size, "\n")
    many = build_paragraphs(paras, size)
    lines = [
        "## Throughput (English, characters per second)",
        "",
        f"Text: {len(one_para):,} characters of post-style paragraphs, every one with "
        "abbreviations, quotes, numbers or list marks. 'one call' = the whole text as one "
        "paragraph in one call; 'lines, one call' = the same text with a line break after "
        f"each paragraph; 'paragraphs' = {len(many):,} calls, one per paragraph. Best of 3 "
        "runs for the fast tools, one run for the slow ones. Where a tool was timed on less "
        "text, the size is given.",
        "",
        "| tool | one call | lines, one call | paragraphs |",
        "|---|---|---|---|",
    ]
    speeds: dict[str, dict[str, float | None]] = {}
    sizes: dict[str, int] = {}
    for tool in all_tools:
        split = tool.for_lang("en")
        if split is None:
            speeds[tool.name] = {"one_call": None, "lines": None, "paragraphs": None}
            continue
        slow = tool.name in ("pysbd", "sentence-splitter")
        cap = SIZE_CAP.get(tool.name, size)
        if quick and slow:
            cap = min(cap, size // 8)
        cap = min(cap, size)
        sizes[tool.name] = cap
        rep = 1 if slow else 3
        one = throughput(split, one_para[:cap], rep)
        lns = throughput(split, many_lines[:cap], rep)
        par = throughput_many(split, build_paragraphs(paras, cap), rep)
        speeds[tool.name] = {"one_call": one, "lines": lns, "paragraphs": par}
        note = "" if cap == size else f" ({cap:,} chars)"
        lines.append(f"| {tool.name}{note} | {_rate(one)} | {_rate(lns)} | {_rate(par)} |")
    lines.append("")

    ours_split = all_tools[0].for_lang("en")
    assert ours_split is not None
    ours = speeds["ours"]
    lines += ["| ratio | one call | lines, one call | paragraphs |", "|---|---|---|---|"]
    equal_size: dict[str, dict[str, float]] = {}
    for peer in ("pysbd", "sentencex", "sentence-splitter"):
        if speeds.get(peer, {}).get("one_call") is None:
            continue
        cells = [
            _ratio(ours[key], speeds[peer][key]) for key in ("one_call", "lines", "paragraphs")
        ]
        lines.append(f"| ours / {peer} | " + " | ".join(cells) + " |")
        if sizes[peer] != sizes["ours"]:
            cap = sizes[peer]
            same = {
                "one_call": throughput(ours_split, one_para[:cap], 5),
                "lines": throughput(ours_split, many_lines[:cap], 5),
                "paragraphs": throughput_many(ours_split, build_paragraphs(paras, cap), 5),
            }
            equal_size[peer] = same
            cells = [
                _ratio(same[key], speeds[peer][key]) for key in ("one_call", "lines", "paragraphs")
            ]
            lines.append(f"| ours / {peer}, both on {cap:,} chars | " + " | ".join(cells) + " |")
    lines += ["", "Goals: ours / pysbd >= 20x and ours / sentencex >= 0.1x.", ""]

    lines += [
        "## Linearity (seconds for 1x, 2x, 4x the text, one call)",
        "",
        "A linear segmenter takes about 2x and 4x the time of 1x.",
        "",
        "| tool | 1x size | 1x (s) | 2x (s) | 4x (s) | 2x/1x | 4x/1x |",
        "|---|---|---|---|---|---|---|",
    ]
    linearity: dict[str, dict[str, object]] = {}
    for tool in all_tools:
        split = tool.for_lang("en")
        if split is None:
            continue
        slow = tool.name in ("pysbd", "sentence-splitter")
        b1 = LINEARITY_BASE.get(tool.name, base)
        if quick and slow:
            b1 = min(b1, base // 4)
        times = []
        for k in (1, 2, 4):
            text = build_text(paras, b1 * k, " ")
            times.append(timed(lambda text=text, split=split: split(text), 1 if slow else 3))
        linearity[tool.name] = {"base": b1, "seconds": times}
        lines.append(
            f"| {tool.name} | {b1:,} | {times[0]:.3f} | {times[1]:.3f} | {times[2]:.3f} | "
            f"{times[1] / times[0]:.2f} | {times[2] / times[0]:.2f} |"
        )
    lines.append("")
    report["throughput"] = {
        "size": len(one_para),
        "sizes": sizes,
        "speeds": speeds,
        "ours_at_peer_size": equal_size,
    }
    report["linearity"] = linearity
    return lines


# -- main ---------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Sentence segmentation benchmark")
    parser.add_argument("--size-mb", type=float, default=3.0, help="text size for throughput")
    parser.add_argument(
        "--base-kb", type=float, default=512, help="1x size for the linearity check"
    )
    parser.add_argument("--quick", action="store_true", help="time slow peers on less text")
    parser.add_argument("--no-speed", action="store_true", help="accuracy only")
    parser.add_argument("--failures", action="store_true", help="print our failing cases")
    args = parser.parse_args(argv)

    all_tools = tools()
    report: dict[str, object] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "tools": {t.name: t.version for t in all_tools},
        "signature": segmenter_signature("en"),
    }
    lines = [
        "# Sentence segmentation benchmark",
        "",
        "Tools: " + ", ".join(f"{t.name} {t.version}" for t in all_tools),
        f"Signature (en): {segmenter_signature('en')}",
        f"Python {report['python']} on {report['platform']}",
        "",
    ]
    golden = load_cases("golden_rules.json")
    lines += accuracy_table(GOLDEN_TITLE, all_tools, golden, report)
    covered = [c for c in golden if all_tools[1].for_lang(str(c["lang"])) is not None]
    ours_cov, _ = accuracy(all_tools[0], covered)
    passed = sum(p for p, _ in ours_cov.values())
    total = sum(n for _, n in ours_cov.values())
    lines += [
        f"Ours on the languages pySBD {all_tools[1].version} itself covers: "
        f"{passed / total:.3f} ({passed}/{total}).",
        "",
    ]
    posts = load_cases("posts_cases.json")
    lines += accuracy_table(POSTS_TITLE, all_tools, posts, report)
    second = [c for c in posts if c.get("batch") == 2]
    second_cov, _ = accuracy(all_tools[0], second)
    passed = sum(p for p, _ in second_cov.values())
    total = sum(n for _, n in second_cov.values())
    lines += [
        f"Ours on batch 2 alone (written after the rules, scored once): "
        f"{passed / total:.3f} ({passed}/{total}).",
        "",
    ]
    print("\n".join(lines), flush=True)

    if not args.no_speed:
        speed = speed_section(
            all_tools, int(args.size_mb * 1_000_000), int(args.base_kb * 1000), args.quick, report
        )
        print("\n".join(speed), flush=True)
        lines += speed

    if args.failures:
        for title in (GOLDEN_TITLE, POSTS_TITLE):
            fails = report[title]["ours"]["failures"]  # type: ignore[index]
            print(f"\n## Our failures: {title}")
            for f in fails:
                print(json.dumps(f, ensure_ascii=False))

    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (RESULTS / f"results-{stamp}.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    (RESULTS / "latest.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"\nwritten: {RESULTS / 'latest.md'} and results-{stamp}.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
