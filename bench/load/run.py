"""N writer processes x M edits against one database, through the real services.

Each writer picks random units, reads the revision it starts from, saves an edit with it,
and on a conflict (someone else saved that unit first) reads again and retries - exactly
what the editor does. Afterwards the history is compared with every save a writer was told
succeeded: a *lost update* is a successful save that the history does not hold, or two
saves that both succeeded from the same revision. "database is locked" errors are counted
separately; the goal for both is zero. Latency is per successful save call.

    .venv/bin/python -m bench.load                          # SQLite, 20 x 50
    .venv/bin/python -m bench.load --writers 20 --edits 100
    .venv/bin/python -m bench.load --pause-ms 1000           # people pausing ~1 s between saves
    .venv/bin/python -m bench.load --db postgresql+psycopg://localhost/bench
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import statistics
import tempfile
import time
from pathlib import Path

from workbench.config import ProjectPaths
from workbench.errors import ConflictError
from workbench.services import ImportItem, Workbench
from workbench.store import Database

DOC = "load-test"


def prepare(url: str, sentences: int) -> list[str]:
    """A source of ``sentences`` sentences and an empty Russian translation to edit."""
    bench = Workbench(Database(url), project=ProjectPaths(Path(tempfile.mkdtemp())), user="setup")
    text = "Load Test\n\n" + "\n".join(
        f"Sentence number {i} speaks about the light and the vessel." for i in range(sentences)
    )
    bench.import_items([ImportItem(text.encode(), f"{DOC}.txt", lang="en")])
    bench.start_translation(DOC, "ru")
    keys = [u.key for u in bench.units(DOC, "ru", with_terms=False)]
    bench.db.dispose()
    return keys


def writer(
    url: str,
    number: int,
    keys: list[str],
    edits: int,
    seed: int,
    out: mp.Queue,
    go: object,
    pause: float,
) -> None:
    bench = Workbench(
        Database(url), project=ProjectPaths(Path(tempfile.mkdtemp())), user=f"writer-{number}"
    )
    bench.unit(DOC, "ru", keys[0])  # import, connect and warm up before the start signal
    out.put({"ready": number})
    go.wait()  # type: ignore[attr-defined]
    rng = random.Random(seed)
    saves: list[tuple[str, str, int, float]] = []
    conflicts = locked = other = 0
    by_key = {}
    for edit in range(edits):
        if pause:
            time.sleep(rng.uniform(0.5, 1.5) * pause)  # a person reads and types between saves
        key = rng.choice(keys)
        text = f"Правка {edit} писателя {number}"
        for _attempt in range(50):
            if key not in by_key or _attempt:
                target = bench.unit(DOC, "ru", key).target("ru")
                by_key[key] = target.revision if target else 0
            started = time.perf_counter()
            try:
                saved = bench.save_unit(DOC, "ru", key, text, expected_revision=by_key[key])
            except ConflictError:
                conflicts += 1
                continue
            except Exception as exc:
                if "locked" in str(exc).lower():
                    locked += 1
                else:
                    other += 1
                continue
            elapsed = time.perf_counter() - started
            by_key[key] = saved.revision
            saves.append((key, text, saved.revision, elapsed))
            break
    out.put({"saves": saves, "conflicts": conflicts, "locked": locked, "other": other})
    bench.db.dispose()


def audit(url: str, saves: list[tuple[str, str, int, float]]) -> dict[str, int]:
    """Lost updates: successful saves the history lacks, or two successes at one revision."""
    from workbench.store.history import entries

    bench = Workbench(Database(url), project=ProjectPaths(Path(tempfile.mkdtemp())), user="audit")
    with bench.db.session() as session:
        history = [
            e for e in entries(session, entity="segment", limit=10_000_000) if e.action == "edit"
        ]
    recorded: dict[str, int] = {}
    for entry in history:
        recorded[entry.new or ""] = recorded.get(entry.new or "", 0) + 1
    seen_revisions: set[tuple[str, int]] = set()
    duplicates = 0
    for key, _text, revision, _ in saves:
        if (key, revision) in seen_revisions:
            duplicates += 1
        seen_revisions.add((key, revision))
    claimed: dict[str, int] = {}
    for _key, text, _rev, _ in saves:
        claimed[text] = claimed.get(text, 0) + 1
    missing = sum(max(0, count - recorded.get(text, 0)) for text, count in claimed.items())
    final = {u.key: u.target("ru").revision for u in bench.units(DOC, "ru", with_terms=False)}
    last = {}
    for key, _text, revision, _ in saves:
        last[key] = max(last.get(key, 0), revision)
    behind = sum(1 for key, revision in last.items() if final.get(key, 0) != revision)
    bench.db.dispose()
    return {
        "history_rows": len(history),
        "missing_from_history": missing,
        "duplicate_revisions": duplicates,
        "final_revision_mismatch": behind,
    }


def run(
    url: str, writers: int, edits: int, sentences: int, pause: float = 0.0
) -> dict[str, object]:
    keys = prepare(url, sentences)
    ctx = mp.get_context("spawn")
    queue: mp.Queue = ctx.Queue()
    go = ctx.Event()
    procs = [
        ctx.Process(target=writer, args=(url, n, keys, edits, 1000 + n, queue, go, pause))
        for n in range(writers)
    ]
    for p in procs:
        p.start()
    for _ in procs:  # every writer is ready: start-up is not part of the measurement
        queue.get()
    started = time.perf_counter()
    go.set()
    results = [queue.get() for _ in procs]
    for p in procs:
        p.join()
    wall = time.perf_counter() - started
    saves = [s for r in results for s in r["saves"]]
    latencies = sorted(s[3] * 1000 for s in saves)
    lost = audit(url, saves)
    return {
        "database": url.split("://")[0],
        "writers": writers,
        "edits_per_writer": edits,
        "pause_ms": round(pause * 1000),
        "successful_saves": len(saves),
        "conflicts_retried": sum(r["conflicts"] for r in results),
        "locked_errors": sum(r["locked"] for r in results),
        "other_errors": sum(r["other"] for r in results),
        "wall_seconds": round(wall, 2),
        "saves_per_second": round(len(saves) / wall, 1),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 1) if latencies else None,
        "max_ms": round(latencies[-1], 1) if latencies else None,
        "lost_updates": lost["missing_from_history"]
        + lost["duplicate_revisions"]
        + lost["final_revision_mismatch"],
        **lost,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", help="SQLAlchemy URL (default: a new SQLite file)")
    parser.add_argument("--writers", type=int, default=20)
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument(
        "--sentences", type=int, default=200, help="units to edit (fewer means more contention)"
    )
    parser.add_argument(
        "--pause-ms",
        type=float,
        default=0.0,
        help="mean pause between one writer's saves (0: as fast as possible)",
    )
    args = parser.parse_args(argv)
    url = args.db or f"sqlite:///{Path(tempfile.mkdtemp()) / 'load.db'}"
    result = run(url, args.writers, args.edits, args.sentences, args.pause_ms / 1000)
    print(json.dumps(result, indent=2))
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    name = f"load-{result['database']}-pause{result['pause_ms']}.json"
    (out / name).write_text(json.dumps(result, indent=2))
    return 0
