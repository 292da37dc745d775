"""The one registry of quality checks, and the objects every check shares.

A check is a small class with an ``id``, a ``severity``, a ``description`` and a ``scope``:

* ``segment`` checks look at one aligned pair at a time (source line(s) and target line(s))
  and yield findings from ``check_segment``;
* ``corpus`` checks see every pair in turn (``observe``) and report at the end
  (``finish``), e.g. a concept rendered in several ways across the whole text. They keep
  their own state object, so a corpus of any size streams through without being held.

Checks register themselves with ``@register``; the CLI, the UI and ``run_checks`` ask
``all_checks()``. Terminology checks are the first; number, punctuation and wrong-language
checks register the same way and receive the same ``SegmentPair`` and ``CheckContext``.
The context carries the languages, optional resources (the termbase) and a per-pair memo so
that two checks needing the same analysis (the terms found in a target line) compute it
once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal, TypeVar

from workbench.glossary.matcher import TermMatcher
from workbench.glossary.termbase import Termbase

__all__ = [
    "Check",
    "CheckContext",
    "Finding",
    "SegmentPair",
    "Severity",
    "all_checks",
    "get_check",
    "register",
    "run_checks",
]

Severity = Literal["error", "warning", "info"]
Scope = Literal["segment", "corpus"]


@dataclass(frozen=True)
class SegmentPair:
    """An aligned unit: one or more source lines and the target line(s) that translate them.

    ``src_lines``/``tgt_lines`` are the caller's 0-based line numbers of those texts (a
    1:2 alignment link has two target lines); ``ref`` is anything the caller wants back on
    the findings (a segment id in the store, a document name).
    """

    src: tuple[str, ...]
    tgt: tuple[str, ...]
    src_lines: tuple[int, ...] = ()
    tgt_lines: tuple[int, ...] = ()
    ref: Any = None


@dataclass(frozen=True)
class Finding:
    """Something a check wants a person to look at.

    ``span`` is ``(start, end)`` in one line's text and ``span_line`` says which line (a
    number from ``tgt_lines``, or from ``src_lines`` when ``side`` is ``"source"``); both
    are None for findings about the pair as a whole (a missing term). ``found`` is the text
    as written, ``suggestion`` what to write instead, when the check knows.
    """

    check: str
    kind: str
    severity: Severity
    message: str
    concept_id: str | None = None
    found: str | None = None
    span: tuple[int, int] | None = None
    span_line: int | None = None
    side: Literal["source", "target"] = "target"
    suggestion: str | None = None
    src_lines: tuple[int, ...] = ()
    tgt_lines: tuple[int, ...] = ()
    ref: Any = None
    extra: Mapping[str, Any] = field(default_factory=dict)


T = TypeVar("T")


@dataclass
class CheckContext:
    """What checks may use besides the pair: languages, resources, options, shared work."""

    src_lang: str
    tgt_lang: str
    termbase: Termbase | None = None
    options: dict[str, Any] = field(default_factory=dict)
    _matchers: dict[str, TermMatcher] = field(default_factory=dict, repr=False)
    _memo: dict[Any, Any] = field(default_factory=dict, repr=False)

    def matcher(self, lang: str) -> TermMatcher | None:
        """The term matcher of ``lang``, built on first use; None without a termbase."""
        if self.termbase is None:
            return None
        found = self._matchers.get(lang)
        if found is None:
            found = self._matchers[lang] = TermMatcher(self.termbase, lang)
        return found

    def memo(self, key: Any, compute: Callable[[], T]) -> T:
        """``compute()`` once per pair for ``key``: checks share per-pair analysis here."""
        if key in self._memo:
            return self._memo[key]  # type: ignore[no-any-return]
        value = self._memo[key] = compute()
        return value

    def next_pair(self) -> None:
        """Forget the per-pair memo (the runner calls this between pairs)."""
        self._memo.clear()


class Check:
    """Base class of all checks; subclasses set the class attributes and one of the hooks."""

    id: ClassVar[str]
    severity: ClassVar[Severity] = "error"
    description: ClassVar[str] = ""
    scope: ClassVar[Scope] = "segment"

    def applies(self, ctx: CheckContext) -> bool:
        """Whether the check can run with this context (a glossary check needs a termbase)."""
        return True

    def check_segment(self, pair: SegmentPair, ctx: CheckContext) -> Iterable[Finding]:
        """Findings for one pair (segment checks)."""
        return ()

    def start(self, ctx: CheckContext) -> Any:
        """A fresh state object for one run (corpus checks)."""
        return None

    def observe(self, state: Any, pair: SegmentPair, ctx: CheckContext) -> None:
        """Look at one pair (corpus checks)."""

    def finish(self, state: Any, ctx: CheckContext) -> Iterable[Finding]:
        """Findings after the last pair (corpus checks)."""
        return ()


_REGISTRY: dict[str, type[Check]] = {}
C = TypeVar("C", bound=type[Check])


def register(cls: C) -> C:
    """Class decorator: add a check to the registry (re-registering an id replaces it)."""
    if not getattr(cls, "id", ""):
        raise ValueError(f"{cls.__name__} has no id")
    if cls.scope not in ("segment", "corpus"):
        raise ValueError(f"{cls.__name__}: scope must be 'segment' or 'corpus'")
    if cls.severity not in ("error", "warning", "info"):
        raise ValueError(f"{cls.__name__}: severity must be error, warning or info")
    _REGISTRY[cls.id] = cls
    return cls


def all_checks(scope: Scope | None = None) -> list[Check]:
    """One instance of every registered check (of ``scope``), sorted by id."""
    return [
        _REGISTRY[cid]()
        for cid in sorted(_REGISTRY)
        if scope is None or _REGISTRY[cid].scope == scope
    ]


def get_check(check_id: str) -> Check:
    """The check with ``check_id``; ``KeyError`` naming the known ids if there is none."""
    try:
        return _REGISTRY[check_id]()
    except KeyError:
        raise KeyError(f"no check {check_id!r}; known: {', '.join(sorted(_REGISTRY))}") from None


def run_checks(
    pairs: Iterable[SegmentPair], ctx: CheckContext, checks: Iterable[Check] | None = None
) -> Iterator[Finding]:
    """Run ``checks`` (default: all that apply) over ``pairs``; corpus findings come last."""
    chosen = [c for c in (all_checks() if checks is None else checks) if c.applies(ctx)]
    segment = [c for c in chosen if c.scope == "segment"]
    corpus = [(c, c.start(ctx)) for c in chosen if c.scope == "corpus"]
    for pair in pairs:
        ctx.next_pair()
        for check in segment:
            yield from check.check_segment(pair, ctx)
        for check, state in corpus:
            check.observe(state, pair, ctx)
    ctx.next_pair()
    for check, state in corpus:
        yield from check.finish(state, ctx)
