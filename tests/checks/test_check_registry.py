"""The check registry: registration, listing, running in pair order with corpus last."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import workbench.checks as checks
from workbench.checks import (
    Check,
    CheckContext,
    Finding,
    SegmentPair,
    all_checks,
    base,
    get_check,
    register,
    run_checks,
)


def test_builtin_checks_are_registered_with_their_attributes() -> None:
    found = {c.id: c for c in all_checks()}
    assert {"forbidden-variant", "missing-term", "inconsistent-rendering"} <= set(found)
    assert found["forbidden-variant"].scope == "segment"
    assert found["inconsistent-rendering"].scope == "corpus"
    assert found["inconsistent-rendering"].severity == "warning"
    assert all(c.description for c in found.values())
    assert [c.id for c in all_checks("corpus")] == [
        "inconsistent-rendering",
        "inconsistent-translation",
    ]
    assert checks.get_check("missing-term").severity == "error"


def test_unknown_check_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="forbidden-variant"):
        get_check("no-such-check")


def test_a_new_check_plugs_in_and_runs() -> None:
    @register
    class Shouting(Check):
        id = "test-shouting"
        severity = "warning"
        description = "Target written in capitals."

        def check_segment(self, pair: SegmentPair, ctx: CheckContext) -> Iterator[Finding]:
            for index, text in enumerate(pair.tgt):
                if text.isupper():
                    yield Finding(self.id, "shouting", "warning", "capitals", span_line=index)

    @register
    class Count(Check):
        id = "test-count"
        scope = "corpus"
        description = "Counts pairs."

        def start(self, ctx: CheckContext) -> list[int]:
            return [0]

        def observe(self, state: Any, pair: SegmentPair, ctx: CheckContext) -> None:
            state[0] += 1

        def finish(self, state: Any, ctx: CheckContext) -> Iterator[Finding]:
            yield Finding(self.id, "count", "info", str(state[0]))

    try:
        pairs = [SegmentPair(("a",), ("B",)), SegmentPair(("c",), ("d",))]
        ctx = CheckContext("en", "ru")
        found = list(run_checks(pairs, ctx, [Count(), Shouting()]))
        assert [(f.check, f.message) for f in found] == [
            ("test-shouting", "capitals"),
            ("test-count", "2"),
        ]
        # glossary checks do not apply without a termbase
        assert [f.check for f in run_checks(pairs, ctx)] == ["test-shouting", "test-count"]
    finally:
        base._REGISTRY.pop("test-shouting", None)
        base._REGISTRY.pop("test-count", None)


def test_register_refuses_a_check_without_id() -> None:
    class Nameless(Check):
        pass

    with pytest.raises(ValueError):
        register(Nameless)
