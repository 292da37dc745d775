"""Strip site chrome (share bars, comments, related posts, image captions) from a post.

A post copied from a blog page carries the page around it: "Discussion | Share Feedback |
Ask a question", the "Related Material:" titles (which differ per language site), readers'
comments, newsletter boxes, and image captions glued to the first word of the body
("Dr. Michael LaitmanStarting now..."). None of that is translated; it would only pollute
the segments and the alignment. The rules live in a TOML file so a project can add the
chrome of its own sites or switch a rule off by name without touching code, and every piece
that is removed is returned as a ``StrippedBlock`` so the user can see what went and why.

Rule kinds (see ``workbench/data/boilerplate.toml`` for the defaults):

``paragraph``
    A paragraph that matches one of the patterns completely is removed.
``section``
    A paragraph that matches starts a block that is removed together with the paragraphs
    after it, up to the next paragraph that starts another boilerplate block, the first one
    that does not match ``following`` (if given), or ``max_following`` paragraphs.
``prefix``
    A pattern matched at the start of a paragraph is cut off (glued captions); the rest of
    the paragraph stays. A prefix is never the whole paragraph.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from workbench.errors import InputError
from workbench.model import Paragraph, StrippedBlock

__all__ = [
    "RULE_KINDS",
    "BoilerplatePatterns",
    "BoilerplateRule",
    "default_patterns",
    "load_patterns",
    "parse_patterns",
    "strip_boilerplate",
]

RULE_KINDS: tuple[str, ...] = ("paragraph", "section", "prefix")

_RULE_KEYS = frozenset(
    [
        "name",
        "kind",
        "pattern",
        "patterns",
        "description",
        "ignore_case",
        "following",
        "max_following",
        "first_paragraphs",
    ]
)
_TOP_KEYS = frozenset({"rule", "disable", "inherit"})
_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_RULE_HEADER = re.compile(r"^\s*\[\[\s*rule\s*\]\]", re.MULTILINE)


@dataclass(frozen=True)
class BoilerplateRule:
    """One named rule: how to recognise a piece of site chrome and how much of it to remove."""

    name: str
    kind: str
    patterns: tuple[re.Pattern[str], ...]
    description: str = ""
    following: re.Pattern[str] | None = None
    max_following: int | None = None
    first_paragraphs: int | None = None

    def applies_at(self, index: int) -> bool:
        """Whether the rule may act on the paragraph at 0-based ``index`` of the document."""
        return self.first_paragraphs is None or index < self.first_paragraphs

    def matches(self, text: str) -> bool:
        """Whether ``text`` is, as a whole, what a paragraph or section rule removes."""
        return any(pattern.fullmatch(text) for pattern in self.patterns)

    def prefix(self, text: str) -> str | None:
        """The glued prefix a prefix rule cuts from ``text``, or ``None``.

        The rest must still hold a letter or digit: a caption rule may only ever remove the
        caption, never the paragraph it was glued to.
        """
        for pattern in self.patterns:
            match = pattern.match(text)
            if match and match.end() > 0:
                rest = text[match.end() :]
                if any(ch.isalnum() for ch in rest):
                    return match.group()
        return None


@dataclass(frozen=True)
class BoilerplatePatterns:
    """An ordered set of rules; earlier rules win when several match one paragraph."""

    rules: tuple[BoilerplateRule, ...]
    source: str = "<default>"

    @property
    def names(self) -> list[str]:
        return [rule.name for rule in self.rules]

    def without(self, *names: str) -> BoilerplatePatterns:
        """A copy with the named rules switched off (unknown names raise ``KeyError``)."""
        unknown = set(names) - set(self.names)
        if unknown:
            raise KeyError(", ".join(sorted(unknown)))
        return replace(self, rules=tuple(r for r in self.rules if r.name not in names))

    def block_starts(self, text: str, index: int) -> BoilerplateRule | None:
        """The first paragraph or section rule that removes ``text`` at ``index``."""
        for rule in self.rules:
            if rule.kind != "prefix" and rule.applies_at(index) and rule.matches(text):
                return rule
        return None


def strip_boilerplate(
    paragraphs: Sequence[Paragraph], patterns: BoilerplatePatterns
) -> tuple[list[Paragraph], list[StrippedBlock]]:
    """Split ``paragraphs`` into what is kept and what was removed as boilerplate.

    Kept paragraphs keep their kind and line; a paragraph that lost a glued caption keeps
    its line too. Removed pieces are listed in document order, one per paragraph.
    """
    kept: list[Paragraph] = []
    stripped: list[StrippedBlock] = []
    prefix_rules = [rule for rule in patterns.rules if rule.kind == "prefix"]
    index = 0
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        rule = patterns.block_starts(paragraph.text, index)
        if rule is not None:
            stripped.append(StrippedBlock(paragraph.text, rule.name, paragraph.line))
            index += 1
            if rule.kind == "section":
                taken = 0
                while index < len(paragraphs):
                    following = paragraphs[index]
                    if rule.max_following is not None and taken >= rule.max_following:
                        break
                    if patterns.block_starts(following.text, index) is not None:
                        break
                    if rule.following is not None and not rule.following.fullmatch(following.text):
                        break
                    stripped.append(StrippedBlock(following.text, rule.name, following.line))
                    taken += 1
                    index += 1
            continue
        for prefix_rule in prefix_rules:
            if not prefix_rule.applies_at(index):
                continue
            cut = prefix_rule.prefix(paragraph.text)
            if cut is not None:
                stripped.append(StrippedBlock(cut, prefix_rule.name, paragraph.line))
                paragraph = replace(paragraph, text=paragraph.text[len(cut) :].lstrip())
                break
        kept.append(paragraph)
        index += 1
    return kept, stripped


# --- loading -------------------------------------------------------------------------------


class _Locator:
    """Finds the line of a rule's key in the TOML text, so errors point at the right line.

    ``tomllib`` returns plain dicts without positions; rules are ``[[rule]]`` tables, so the
    n-th header and the key lines below it are enough to place every semantic error.
    """

    def __init__(self, text: str, source: str) -> None:
        self.source = source
        self.lines = text.splitlines()
        self.headers = [text.count("\n", 0, m.start()) + 1 for m in _RULE_HEADER.finditer(text)]

    def rule_line(self, number: int, key: str | None = None, needle: str | None = None) -> int:
        if number >= len(self.headers):
            return 1
        start = self.headers[number]
        end = self.headers[number + 1] if number + 1 < len(self.headers) else len(self.lines)
        if needle:
            for line in range(start, end + 1):
                if needle in self.lines[line - 1]:
                    return line
        if key:
            key_line = re.compile(rf"^\s*{re.escape(key)}\s*=")
            for line in range(start, end + 1):
                if key_line.match(self.lines[line - 1]):
                    return line
        return start

    def key_line(self, key: str) -> int:
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for number, line in enumerate(self.lines, start=1):
            if pattern.match(line):
                return number
        return 1


def _compile(
    pattern: Any, ignore_case: bool, where: str, locate: _Locator, number: int, key: str
) -> re.Pattern[str]:
    if not isinstance(pattern, str) or not pattern:
        raise InputError(
            f"rule {where}: '{key}' must be a non-empty regular expression string",
            file=locate.source,
            line=locate.rule_line(number, key),
        )
    try:
        return re.compile(pattern, re.IGNORECASE if ignore_case else 0)
    except re.error as exc:
        raise InputError(
            f"rule {where}: bad regular expression in '{key}': {exc.msg} "
            f"(at position {exc.pos} of the pattern)",
            file=locate.source,
            line=locate.rule_line(number, key, needle=pattern[:40]),
        ) from None


def _parse_rule(raw: Any, number: int, locate: _Locator, source: str) -> BoilerplateRule:
    line = locate.rule_line(number)
    if not isinstance(raw, dict):
        raise InputError("each [[rule]] must be a table", file=source, line=line)
    name = raw.get("name")
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise InputError(
            "every rule needs a 'name' of lower-case letters, digits, '-' or '_'",
            file=source,
            line=locate.rule_line(number, "name"),
        )
    where = f"'{name}'"
    unknown = sorted(set(raw) - _RULE_KEYS)
    if unknown:
        raise InputError(
            f"rule {where}: unknown key '{unknown[0]}'; "
            f"known keys: {', '.join(sorted(_RULE_KEYS))}",
            file=source,
            line=locate.rule_line(number, unknown[0]),
        )
    kind = raw.get("kind")
    if kind not in RULE_KINDS:
        raise InputError(
            f"rule {where}: 'kind' must be one of {', '.join(RULE_KINDS)}, not {kind!r}",
            file=source,
            line=locate.rule_line(number, "kind"),
        )
    ignore_case = raw.get("ignore_case", False)
    if not isinstance(ignore_case, bool):
        raise InputError(
            f"rule {where}: 'ignore_case' must be true or false",
            file=source,
            line=locate.rule_line(number, "ignore_case"),
        )
    if ("pattern" in raw) == ("patterns" in raw):
        raise InputError(
            f"rule {where}: give exactly one of 'pattern' (a string) or 'patterns' (a list)",
            file=source,
            line=line,
        )
    key = "pattern" if "pattern" in raw else "patterns"
    values = [raw["pattern"]] if key == "pattern" else raw["patterns"]
    if not isinstance(values, list) or not values:
        raise InputError(
            f"rule {where}: 'patterns' must be a non-empty list of strings",
            file=source,
            line=locate.rule_line(number, key),
        )
    compiled = tuple(_compile(v, ignore_case, where, locate, number, key) for v in values)

    following = None
    if "following" in raw:
        following = _compile(raw["following"], ignore_case, where, locate, number, "following")
    limits: dict[str, int | None] = {}
    for limit in ("max_following", "first_paragraphs"):
        value = raw.get(limit)
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or value < 0
        ):
            raise InputError(
                f"rule {where}: '{limit}' must be a whole number of paragraphs",
                file=source,
                line=locate.rule_line(number, limit),
            )
        limits[limit] = value
    if kind != "section" and (following is not None or limits["max_following"] is not None):
        raise InputError(
            f"rule {where}: 'following' and 'max_following' only apply to kind = \"section\"",
            file=source,
            line=locate.rule_line(number, "following" if following else "max_following"),
        )
    description = raw.get("description", "")
    if not isinstance(description, str):
        raise InputError(
            f"rule {where}: 'description' must be a string",
            file=source,
            line=locate.rule_line(number, "description"),
        )
    return BoilerplateRule(
        name=name,
        kind=kind,
        patterns=compiled,
        description=description,
        following=following,
        max_following=limits["max_following"],
        first_paragraphs=limits["first_paragraphs"],
    )


def parse_patterns(
    text: str, source: str, base: BoilerplatePatterns | None = None
) -> BoilerplatePatterns:
    """Parse a pattern file's ``text``; ``source`` names it in error messages.

    With a ``base``, the file is layered on top of it: ``disable = ["name", ...]`` switches
    base rules off, a ``[[rule]]`` with a base rule's name replaces that rule in place, and
    new rules are appended. ``inherit = false`` starts from no rules at all instead.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        position = _TOML_POSITION.search(message)
        problem = _TOML_POSITION.sub("", message).strip()
        raise InputError(
            f"not a valid pattern file: {problem}",
            file=source,
            line=int(position.group(1)) if position else None,
            column=int(position.group(2)) if position else None,
        ) from None
    locate = _Locator(text, source)

    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise InputError(
            f"unknown setting '{unknown[0]}'; a pattern file has 'disable', 'inherit' "
            "and [[rule]] tables",
            file=source,
            line=locate.key_line(unknown[0]),
        )
    inherit = data.get("inherit", True)
    if not isinstance(inherit, bool):
        raise InputError(
            "'inherit' must be true or false", file=source, line=locate.key_line("inherit")
        )
    rules: list[BoilerplateRule] = list(base.rules) if base is not None and inherit else []

    disable = data.get("disable", [])
    if not isinstance(disable, list) or not all(isinstance(n, str) for n in disable):
        raise InputError(
            "'disable' must be a list of rule names", file=source, line=locate.key_line("disable")
        )
    known = {rule.name for rule in rules}
    for name in disable:
        if name not in known:
            raise InputError(
                f"'disable' names no known rule '{name}'; known rules: {', '.join(sorted(known))}",
                file=source,
                line=locate.key_line("disable"),
            )
    rules = [rule for rule in rules if rule.name not in disable]

    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list):
        raise InputError(
            "'rule' must be written as [[rule]] tables", file=source, line=locate.key_line("rule")
        )
    seen: set[str] = set()
    for number, raw in enumerate(raw_rules):
        rule = _parse_rule(raw, number, locate, source)
        if rule.name in seen:
            raise InputError(
                f"rule '{rule.name}' is defined twice in this file",
                file=source,
                line=locate.rule_line(number, "name"),
            )
        seen.add(rule.name)
        position = next((i for i, r in enumerate(rules) if r.name == rule.name), None)
        if position is None:
            rules.append(rule)
        else:
            rules[position] = rule
    return BoilerplatePatterns(rules=tuple(rules), source=source)


@lru_cache(maxsize=1)
def default_patterns() -> BoilerplatePatterns:
    """The packaged rules from ``workbench/data/boilerplate.toml`` (parsed once)."""
    resource = resources.files("workbench").joinpath("data", "boilerplate.toml")
    return parse_patterns(resource.read_text(encoding="utf-8"), "boilerplate.toml")


def load_patterns(path: Path | None = None) -> BoilerplatePatterns:
    """The default rules, with a project's pattern file at ``path`` layered on top.

    ``None`` gives the packaged defaults. A missing, unreadable or invalid file raises
    ``InputError`` naming the file and the line, so a typo in a regex is found at once
    rather than silently stripping nothing.
    """
    base = default_patterns()
    if path is None:
        return base
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise InputError(
            f"cannot read the pattern file: {exc.strerror or exc}", file=str(path)
        ) from None
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the pattern file is not UTF-8 (byte {exc.start})", file=str(path)
        ) from None
    return parse_patterns(text, str(path), base)
