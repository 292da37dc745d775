"""One benchmark case, run in a fresh process: ``python -m bench.io.cases CASE UNITS FILE``.

Each case prints one JSON line: wall and CPU seconds, the process's peak resident memory
(``ru_maxrss``) and how many units it handled. A fresh process per case means one case's
memory (a translate-toolkit tree of a million units) never inflates another's figure.

Write cases start from the same generated units (``bench.io.data``) and write ``FILE``; read
cases read ``FILE`` (always a file our writer made, so both tools read identical input) and
take from each unit what an import uses and both tools can give: key, source, target and
notes, plus for PO the fuzzy flag, the extracted comments and the reference.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Everything is imported before the clock starts: only the work itself is timed.
from translate.storage import po as ttk_po  # noqa: E402
from translate.storage import tmx as ttk_tmx  # noqa: E402

from bench.io.data import make_units  # noqa: E402
from workbench.formats.po import read_po, write_po  # noqa: E402
from workbench.formats.tmx import iter_tmx, write_tmx  # noqa: E402
from workbench.model import Status, TranslationUnit  # noqa: E402


def make_only(units: int, path: Path) -> int:
    """Only generate the units: the share of the TMX write times that is not writing."""
    return sum(1 for _ in make_units(units))


def ours_tmx_write(units: int, path: Path) -> int:
    with path.open("wb") as out:
        return write_tmx(make_units(units), out, srclang="en")


def ours_tmx_read(units: int, path: Path) -> int:
    count = 0
    for unit in iter_tmx(path, path.name):
        source = unit.variants[0].text
        target = unit.variants[1].text if len(unit.variants) > 1 else None
        notes = unit.notes
        if unit.key and source and target is not None and notes is not None:
            count += 1
    return count


def ttk_tmx_write(units: int, path: Path) -> int:
    store = ttk_tmx.tmxfile(sourcelanguage="en", targetlanguage="ru")
    count = 0
    for unit in make_units(units):
        tu = store.addsourceunit(unit.source.text)
        tu.target = unit.targets[0].text
        tu.xmlelement.set("tuid", unit.key)
        for note in unit.notes:
            tu.addnote(note)
        count += 1
    with path.open("wb") as out:
        store.serialize(out)
    return count


def ttk_tmx_read(units: int, path: Path) -> int:
    with path.open("rb") as handle:
        store = ttk_tmx.tmxfile(handle, "en", "ru")
    count = 0
    for unit in store.units:
        if unit.getid() and unit.source and unit.target is not None and unit.getnotes() is not None:
            count += 1
    return count


def ours_po_write(units: int, path: Path, batch: list[TranslationUnit]) -> int:
    path.write_bytes(write_po(batch, "ru", project="bench", source_lang="en"))
    return len(batch)


def ours_po_read(units: int, path: Path) -> int:
    catalog = read_po(path.read_bytes(), path.name)
    count = 0
    for entry in catalog.entries:
        used = (entry.translator_comments, entry.required_terms, entry.references, entry.fuzzy)
        if entry.key and entry.source and entry.target is not None and used:
            count += 1
    return count


def ttk_po_write(units: int, path: Path, batch: list[TranslationUnit]) -> int:
    store = ttk_po.pofile()
    for unit in batch:
        entry = store.addsourceunit(unit.source.text)
        entry.target = unit.targets[0].text
        entry.setcontext(unit.key)
        entry.addlocation(f"{unit.document}:{unit.paragraph}")
        for term in unit.required_terms:
            entry.addnote(f"glossary: {term}", origin="developer")
        for note in unit.notes:
            entry.addnote(note, origin="translator")
        if unit.targets[0].status in (Status.NEW, Status.DRAFT):
            entry.markfuzzy(True)
    path.write_bytes(bytes(store))
    return len(batch)


def ttk_po_read(units: int, path: Path) -> int:
    store = ttk_po.pofile(path.read_bytes())
    count = 0
    for unit in store.units:
        if unit.isheader():
            continue
        used = (
            unit.getnotes("translator"),
            unit.getnotes("developer"),
            unit.getlocations(),
            unit.isfuzzy(),
        )
        if unit.getcontext() and unit.source and unit.target is not None and used:
            count += 1
    return count


CASES: dict[str, Callable[..., int]] = {
    "make-units": make_only,
    "ours-tmx-write": ours_tmx_write,
    "ours-tmx-read": ours_tmx_read,
    "ttk-tmx-write": ttk_tmx_write,
    "ttk-tmx-read": ttk_tmx_read,
    "ours-po-write": ours_po_write,
    "ours-po-read": ours_po_read,
    "ttk-po-write": ttk_po_write,
    "ttk-po-read": ttk_po_read,
}


# A PO file is written from a list of units (the writer needs them all for one document),
# so the list is built before the clock starts, like a read's input file. The streaming
# TMX writer consumes a generator, so making the units is part of both tools' TMX times.
PREPARE: dict[str, Callable[[int], list[TranslationUnit]]] = {
    "ours-po-write": lambda units: list(make_units(units)),
    "ttk-po-write": lambda units: list(make_units(units)),
}


def main(argv: list[str]) -> int:
    name, units, path = argv[0], int(argv[1]), Path(argv[2])
    case = CASES[name]
    extra = [PREPARE[name](units)] if name in PREPARE else []
    wall, cpu = time.perf_counter(), time.process_time()
    count = case(units, path, *extra)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "case": name,
                "units": units,
                "count": count,
                "wall": round(wall, 3),
                "cpu": round(cpu, 3),
                "maxrss_mb": round(peak_kb / 1024, 1),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
