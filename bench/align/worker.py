"""One timed alignment in a process of its own, so its peak memory is its own.

    python -m bench.align.worker ours 10000

prints one JSON object: tool, size, sentences per side, wall and CPU seconds (CPU time is
the steadier figure on a shared machine), the process's peak
resident memory before aligning (interpreter and libraries) and at the end, and the strict
F1 against the synthetic text's gold links.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.align.metrics import score  # noqa: E402
from bench.align.synthetic import parallel  # noqa: E402
from bench.align.tools import TOOLS  # noqa: E402


def _peak_mb() -> float:
    """This process's peak resident memory in MB.

    Linux keeps ``ru_maxrss`` across fork and exec, so a child started by a big parent
    would report the parent's peak; ``VmHWM`` belongs to this process image alone.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    tool_name, size = args[0], int(args[1])
    src, tgt, gold = parallel(size)
    tool = TOOLS[tool_name]
    tool.prepare()
    before = _peak_mb()
    start = time.perf_counter()
    cpu_start = time.process_time()
    found = tool.align(src, tgt, "en", "ru", None)
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    result = {
        "tool": tool_name,
        "size": size,
        "src": len(src),
        "tgt": len(tgt),
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu, 3),
        "rss_before_mb": round(before, 1),
        "peak_rss_mb": round(_peak_mb(), 1),
        "f1_strict": round(score([gold], [found])["f1_strict"], 4),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
