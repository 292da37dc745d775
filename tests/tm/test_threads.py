"""One memory shared by a server's sessions: reads run while entries are being added."""

from __future__ import annotations

import threading

from tests.tm.helpers import entry, sentences
from workbench.tm import EXACT, TranslationMemory
from workbench.tm.memory import TAIL_SIZE


def test_reads_during_writes_see_a_consistent_memory() -> None:
    preloaded = sentences(300, seed=21)
    memory = TranslationMemory(entry(t, f"t{i}", key=f"p{i}") for i, t in enumerate(preloaded))
    incoming = sentences(4 * TAIL_SIZE, seed=22)
    errors: list[BaseException] = []
    done = threading.Event()

    def write() -> None:
        try:
            for i, text in enumerate(incoming):
                memory.add(entry(text, f"n{i}", key=f"n{i}", origin="live"))
                if i % 97 == 0:
                    memory.discard(key=f"n{i - 1}")
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            done.set()

    def read(offset: int) -> None:
        try:
            turn = offset
            while not done.is_set() or turn < offset + 40:
                text = preloaded[turn % len(preloaded)]
                matches = memory.lookup(text, "en", "ru")
                assert matches and matches[0].score == EXACT
                memory.lookup(incoming[turn % len(incoming)], "en", "ru")
                memory.concordance("light", "en", limit=5)
                memory.similar_sources(text, "en", "ru")
                turn += 1
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=write)] + [
        threading.Thread(target=read, args=(n * 37,)) for n in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    for i, text in enumerate(incoming):
        if i % 97 != 96:  # n96, n193, ... were discarded
            assert memory.lookup(text, "en", "ru")[0].score == EXACT
