"""Translation-memory benchmark: our prefiltered lookup against a plain rapidfuzz scan.

Run from the repository root::

    .venv/bin/python -m bench.tm              # 200,000 segments, 500 queries
    .venv/bin/python -m bench.tm --quick      # 20,000 segments, 100 queries, seconds

See ``bench/tm/README.md`` for what is measured. Results are printed and written to
``bench/tm/results/`` (git-ignored).
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import json
import os
import platform
import resource
import statistics
import sys
import time
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from rapidfuzz import fuzz, process

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
RESULTS = HERE / "results"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.tm import synthetic  # noqa: E402
from workbench.tm import MemoryEntry, TranslationMemory  # noqa: E402
from workbench.tm.text import match_key  # noqa: E402

KINDS = ["exact", "near", "new", "far", "none"]


def rss_mb() -> float:
    """Resident memory of this process now, in MB (Linux; 0 elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def release_free_memory() -> None:
    """Return freed heap pages to the OS (glibc), so RSS shows what is still held."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ms(seconds: list[float], q: float) -> float:
    ordered = sorted(seconds)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000


def summary(seconds: list[float]) -> dict[str, float]:
    return {
        "p50_ms": ms(seconds, 0.5),
        "p95_ms": ms(seconds, 0.95),
        "max_ms": max(seconds, default=0.0) * 1000,
        "mean_ms": statistics.fmean(seconds) * 1000 if seconds else 0.0,
    }


def build(args: argparse.Namespace) -> tuple[list[synthetic.Pair], TranslationMemory, dict]:
    started = time.perf_counter()
    pairs = list(synthetic.corpus(args.size, seed=args.seed))
    entries = [
        MemoryEntry(
            pair.source,
            pair.target,
            "en",
            "ru",
            origin=f"lesson-{i // 40:05d}",
            status="approved" if i % 7 == 0 else "translated",
            key=f"u{i}",
        )
        for i, pair in enumerate(pairs)
    ]
    generated = time.perf_counter() - started
    release_free_memory()
    before = rss_mb()
    started = time.perf_counter()
    options = {} if args.candidates is None else {"candidates": args.candidates}
    memory = TranslationMemory(entries, **options)
    args.candidates = memory._candidates
    seconds = time.perf_counter() - started
    release_free_memory()
    index = memory._pairs[("en", "ru")]  # the bench may look inside
    info = {
        "segments": len(pairs),
        "distinct_pairs": len({(p.source, p.target) for p in pairs}),
        "distinct_keys": len(index.keys),
        "mean_source_chars": statistics.fmean(len(p.source) for p in pairs),
        "generate_s": generated,
        "build_s": seconds,
        "rss_growth_mb": rss_mb() - before,
        "index_mb": memory.index_bytes() / 2**20,
        "index_segments": len(index.view.segments),
    }
    return pairs, memory, info


def lookups(args, pairs, memory) -> dict:
    index = memory._pairs[("en", "ru")]
    all_keys = [match_key(p.source) for p in pairs]  # every segment, repeats included
    distinct = list(index.keys)  # the same keys, each once, in the order first seen
    queries = synthetic.queries(pairs, args.queries, seed=args.seed + 1)
    rows: dict[str, dict[str, list]] = {
        kind: {
            "ours": [],
            "ours_cpu": [],
            "plain": [],
            "wratio": [],
            "found": [],
            "expected": [],
            "same": [],
        }
        for kind in [*KINDS, "all"]
    }
    for number, (kind, text) in enumerate(queries):
        key = match_key(text)
        started, cpu = time.perf_counter(), time.thread_time()
        matches = memory.lookup(text, "en", "ru", limit=5, min_score=args.min_score)
        ours, ours_cpu = time.perf_counter() - started, time.thread_time() - cpu
        started = time.perf_counter()
        process.extract(key, all_keys, scorer=fuzz.ratio, limit=5, score_cutoff=args.min_score)
        plain = time.perf_counter() - started
        wratio = None
        if number < args.wratio_queries:
            started = time.perf_counter()
            process.extract(key, all_keys, scorer=fuzz.WRatio, limit=5, score_cutoff=args.min_score)
            wratio = time.perf_counter() - started
        # Agreement is judged on distinct sources with the same scorer: the plain scan's
        # top 5 against the prefilter's top 5 (before records and score adjustments).
        reference = process.extract(
            key, distinct, scorer=fuzz.ratio, limit=5, score_cutoff=args.min_score
        )
        found = memory.similar_sources(text, "en", "ru", limit=5, min_score=args.min_score)
        expected = {choice for choice, _, _ in reference}
        got = {choice for choice, _ in found}
        same = [round(s, 6) for _, s, _ in reference] == [round(s, 6) for _, s in found]
        for bucket in (kind, "all"):
            row = rows[bucket]
            row["ours"].append(ours)
            row["ours_cpu"].append(ours_cpu)
            row["plain"].append(plain)
            if wratio is not None:
                row["wratio"].append(wratio)
            row["expected"].append(len(expected))
            row["found"].append(len(expected & got))
            row["same"].append(same)
        if not same and args.verbose:
            print(f"  differs ({kind}): {text!r}\n    plain {reference}\n    ours  {found}")
        del matches
    report = {}
    for kind, row in rows.items():
        expected = sum(row["expected"])
        report[kind] = {
            "queries": len(row["ours"]),
            "ours": summary(row["ours"]),
            "ours_cpu": summary(row["ours_cpu"]),
            "plain": summary(row["plain"]),
            "wratio": summary(row["wratio"]) if row["wratio"] else None,
            "wratio_queries": len(row["wratio"]),
            "recall_at_5": sum(row["found"]) / expected if expected else 1.0,
            "plain_hits": expected,
            "same_top5_scores": sum(row["same"]) / len(row["same"]) if row["same"] else 1.0,
        }
    return report


def incremental(args, memory) -> dict:
    """Adds one at a time after the bulk load, as approving segments in the UI does."""
    extra = list(synthetic.corpus(args.adds, seed=args.seed + 7))
    times = []
    for i, pair in enumerate(extra):
        entry = MemoryEntry(pair.source, pair.target, "en", "ru", "live", "approved", f"live{i}")
        started = time.perf_counter()
        memory.add(entry)
        times.append(time.perf_counter() - started)
    return {"adds": len(times), **summary(times)}


CONCORDANCE = [
    ("en", "source", "Machsom"),
    ("en", "source", "light"),
    ("en", "source", "the"),
    ("en", "source", "point in the heart"),
    ("en", "source", "Ein Sof"),
    ("en", "source", "restrict*"),
    ("ru", "target", "сокращение"),
    ("ru", "target", "свет"),
    ("ru", "target", "сфир*"),
]


def concordance(memory) -> dict:
    out = {}
    for lang, side in {(lang, side) for lang, side, _ in CONCORDANCE}:
        started = time.perf_counter()
        memory.concordance("x", lang, side=side)
        out[f"first call {lang}/{side} (builds the word index)"] = (
            time.perf_counter() - started
        ) * 1000
    for lang, side, query in CONCORDANCE:
        times = []
        for _ in range(5):
            started = time.perf_counter()
            hits = memory.concordance(query, lang, side=side, limit=50)
            times.append(time.perf_counter() - started)
        out[f"{query} ({lang}, {len(hits)} hits)"] = statistics.median(times) * 1000
    return out


def markdown(info: dict, report: dict, adds: dict, conc: dict, args) -> str:
    lines = [
        f"# Translation memory benchmark, {info['segments']:,} segments",
        "",
        f"{info['distinct_pairs']:,} distinct source/target pairs, "
        f"{info['distinct_keys']:,} distinct sources (case-folded), mean source length "
        f"{info['mean_source_chars']:.0f} characters. Candidates per lookup: "
        f"{args.candidates}; min score {args.min_score:g}.",
        "",
        "## Build",
        "",
        "| figure | value |",
        "|---|---|",
        f"| build time (bulk load) | {info['build_s']:.2f} s |",
        f"| resident memory held by the memory | {info['rss_growth_mb']:.0f} MB |",
        f"| of which trigram index arrays | {info['index_mb']:.1f} MB |",
        f"| index segments | {info['index_segments']} |",
        f"| peak resident memory of the run so far | {peak_mb():.0f} MB |",
        "",
        "## Lookup latency, ms (ours: `lookup` with diffs; plain: `process.extract` over all "
        f"{info['segments']:,} sources, `fuzz.ratio`, `score_cutoff`)",
        "",
        "| queries | n | ours p50 | ours p95 | ours max | ours CPU p95 / max | plain p50 "
        "| plain p95 | plain max | p50 ratio | recall@5 | same top-5 scores |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for kind in [*KINDS, "all"]:
        r = report[kind]
        o, c, p = r["ours"], r["ours_cpu"], r["plain"]
        ratio = p["p50_ms"] / o["p50_ms"] if o["p50_ms"] else 0.0
        lines.append(
            f"| {kind} | {r['queries']} | {o['p50_ms']:.2f} | {o['p95_ms']:.2f} | "
            f"{o['max_ms']:.2f} | {c['p95_ms']:.2f} / {c['max_ms']:.2f} | "
            f"{p['p50_ms']:.1f} | {p['p95_ms']:.1f} | {p['max_ms']:.1f} | "
            f"{ratio:.1f}x | {r['recall_at_5']:.4f} ({r['plain_hits']}) | "
            f"{r['same_top5_scores']:.3f} |"
        )
    w = report["all"]["wratio"]
    if w:
        lines += [
            "",
            f"Plain `process.extract` with `fuzz.WRatio` over all {info['segments']:,} "
            f"sources ({report['all']['wratio_queries']} queries): p50 {w['p50_ms']:.0f} ms, "
            f"p95 {w['p95_ms']:.0f} ms, max {w['max_ms']:.0f} ms.",
        ]
    lines += [
        "",
        f"## Adding one entry at a time ({adds['adds']:,} adds after the bulk load), ms",
        "",
        f"mean {adds['mean_ms']:.3f}, p50 {adds['p50_ms']:.3f}, p95 {adds['p95_ms']:.3f}, "
        f"max {adds['max_ms']:.1f}",
        "",
        "## Concordance, ms (median of 5 calls, limit 50)",
        "",
        "| query | ms |",
        "|---|---|",
    ]
    lines += [f"| {name} | {value:.2f} |" for name, value in conc.items()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=200_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--candidates", type=int, default=None, help="default: the library's")
    parser.add_argument("--min-score", type=float, default=70.0)
    parser.add_argument("--wratio-queries", type=int, default=50)
    parser.add_argument("--adds", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="20,000 segments, 100 queries")
    parser.add_argument("--verbose", action="store_true", help="print queries that differ")
    args = parser.parse_args(argv)
    if args.quick:
        args.size, args.queries, args.wratio_queries, args.adds = 20_000, 100, 10, 500

    print(f"building a memory of {args.size:,} segments ...", flush=True)
    pairs, memory, info = build(args)
    print(f"  built in {info['build_s']:.2f} s; running {args.queries} queries ...", flush=True)
    report = lookups(args, pairs, memory)
    adds = incremental(args, memory)
    conc = concordance(memory)
    text = markdown(info, report, adds, conc, args)
    print()
    print(text)

    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (RESULTS / "latest.md").write_text(text, encoding="utf-8")
    payload = {
        "when": stamp,
        "args": vars(args),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "rapidfuzz": metadata.version("rapidfuzz"),
            "numpy": metadata.version("numpy"),
        },
        "build": info,
        "lookup": report,
        "incremental_adds": adds,
        "concordance_ms": conc,
        "peak_rss_mb": peak_mb(),
    }
    (RESULTS / f"results-{stamp}.json").write_text(json.dumps(payload, indent=2), "utf-8")
    print(f"written to {RESULTS / 'latest.md'} and results-{stamp}.json")
    return 0
