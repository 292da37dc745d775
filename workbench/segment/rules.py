"""Project-level segmentation exceptions, edited by a reviewer in ``segmentation.toml``.

Built-in rules cannot know every abbreviation a corpus uses ("Rav.", a school's own short
forms) nor every place a team wants a break. Rather than patching code, a reviewer lists such
tokens per language; the exceptions take part in the segmenter signature, so a result can be
reproduced with the same file.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from workbench.errors import InputError

ALL_LANGUAGES = "*"
"""Key of the exceptions that apply to every language (the ``[all]`` table of the file)."""

_KEYS = ("never_split_after", "always_split_after")
_LANG_RE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")
_TOML_POS_RE = re.compile(r"at line (\d+), column (\d+)")


def normalize_lang(lang: str) -> str:
    """Reduce a language tag to the code the segmenter keys its data by.

    ``pt-BR``, ``pt_br`` and ``PT`` segment alike, and the old Hebrew code ``iw`` is still
    found in exported files, so all of them have to land on one key.
    """
    base = re.split(r"[-_]", lang.strip().lower(), maxsplit=1)[0]
    return {"iw": "he", "ji": "yi", "in": "id", "nb": "no", "nn": "no"}.get(base, base) or "und"


def _freeze(mapping: Mapping[str, Iterable[str]] | None) -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for lang, tokens in (mapping or {}).items():
        key = ALL_LANGUAGES if lang in (ALL_LANGUAGES, "all") else normalize_lang(lang)
        if isinstance(tokens, str):
            tokens = [tokens]
        cleaned = frozenset(t.strip() for t in tokens if t and t.strip())
        if cleaned:
            out[key] = out.get(key, frozenset()) | cleaned
    return out


@dataclass(frozen=True)
class SegmentationRules:
    """Tokens after which the segmenter must never, or must always, end a sentence.

    Keys are language codes, ``"*"`` meaning every language. A token is matched as written,
    case-sensitively, against the word before the break: ``"Rav"`` and ``"Rav."`` both keep
    "Rav. Laitman" together; a token with spaces (``"т. е."``) is matched as a phrase. An
    always-token forces a break after it wherever it is followed by whitespace.
    """

    never_split_after: Mapping[str, frozenset[str]] = field(default_factory=dict)
    always_split_after: Mapping[str, frozenset[str]] = field(default_factory=dict)
    _hash: int = field(init=False, repr=False, compare=False, default=0)

    def __post_init__(self) -> None:
        # Accept plain lists and "all" from callers; store one canonical, frozen form so that
        # equal rules hash alike and the signature does not depend on how they were built.
        object.__setattr__(self, "never_split_after", _freeze(self.never_split_after))
        object.__setattr__(self, "always_split_after", _freeze(self.always_split_after))
        # Rules are a cache key on every call, so the hash is computed once.
        object.__setattr__(self, "_hash", hash(self.fingerprint()))

    def for_language(self, lang: str) -> tuple[frozenset[str], frozenset[str]]:
        """The (never, always) tokens that apply to ``lang``: its own plus the ``"*"`` ones."""
        code = normalize_lang(lang)
        never = self.never_split_after.get(ALL_LANGUAGES, frozenset()) | self.never_split_after.get(
            code, frozenset()
        )
        always = self.always_split_after.get(
            ALL_LANGUAGES, frozenset()
        ) | self.always_split_after.get(code, frozenset())
        return never, always

    def fingerprint(self, lang: str | None = None) -> str:
        """Short hash of the exceptions (for one language, or all), stable across runs."""
        if lang is None:
            data: object = {
                "never": {k: sorted(v) for k, v in sorted(self.never_split_after.items())},
                "always": {k: sorted(v) for k, v in sorted(self.always_split_after.items())},
            }
        else:
            never, always = self.for_language(lang)
            if not never and not always:
                return "none"
            data = {"never": sorted(never), "always": sorted(always)}
        blob = json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()[:8]

    def __hash__(self) -> int:
        return self._hash

    @property
    def is_empty(self) -> bool:
        return not self.never_split_after and not self.always_split_after


def _line_of(lines: list[str], table: str | None, key: str | None = None) -> int | None:
    """1-based line of a table header (and a key inside it) in the raw file, for messages."""
    start = 0
    if table is not None:
        header = re.compile(r"^\s*\[\s*\"?" + re.escape(table) + r"\"?\s*\]")
        for i, line in enumerate(lines):
            if header.match(line):
                start = i
                break
        else:
            return None
        if key is None:
            return start + 1
    if key is None:
        return None
    pattern = re.compile(r"^\s*\"?" + re.escape(key) + r"\"?\s*=")
    for i in range(start, len(lines)):
        if i > start and lines[i].lstrip().startswith("["):
            break
        if pattern.match(lines[i]):
            return i + 1
    return start + 1 if table is not None else None


def load_rules(path: Path) -> SegmentationRules:
    """Read a ``segmentation.toml`` file.

    The file has one table per language (``[ru]``) plus ``[all]``, each with optional
    ``never_split_after`` and ``always_split_after`` lists of strings. Anything else is
    rejected with an :class:`InputError` naming the file and line, because a silently
    ignored typo ("never_split_afer") would leave a reviewer wondering why nothing changed.
    """
    name = str(path)
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("segmentation rules file not found", file=name) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 ({exc.reason})", file=name) from None
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror})", file=name) from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        pos = _TOML_POS_RE.search(message)
        line = int(pos.group(1)) if pos else None
        if line is None and "end of document" in message:
            line = max(1, len(raw.splitlines()))
        problem = re.sub(r"\s*\((?:at line \d+, column \d+|at end of document)\)", "", message)
        raise InputError(
            f"not valid TOML: {problem.strip(' .')}",
            file=name,
            line=line,
            column=int(pos.group(2)) if pos else None,
        ) from None

    lines = raw.splitlines()
    never: dict[str, set[str]] = {}
    always: dict[str, set[str]] = {}
    for table, body in data.items():
        if not isinstance(body, dict):
            raise InputError(
                f"'{table}' must be a table such as [all] or [ru], not a bare value",
                file=name,
                line=_line_of(lines, None, table),
            )
        if table not in ("all", ALL_LANGUAGES) and not _LANG_RE.match(table):
            raise InputError(
                f"'[{table}]' is not a language code (use e.g. [en], [pt-BR] or [all])",
                file=name,
                line=_line_of(lines, table),
            )
        lang = ALL_LANGUAGES if table in ("all", ALL_LANGUAGES) else normalize_lang(table)
        for key, value in body.items():
            if key not in _KEYS:
                raise InputError(
                    f"unknown key '{key}' in [{table}] (expected one of: {', '.join(_KEYS)})",
                    file=name,
                    line=_line_of(lines, table, key),
                )
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise InputError(
                    f"'{key}' in [{table}] must be a list of strings",
                    file=name,
                    line=_line_of(lines, table, key),
                )
            for token in value:
                if not token.strip() or "\n" in token:
                    raise InputError(
                        f"'{key}' in [{table}] has an empty or multi-line token {token!r}",
                        file=name,
                        line=_line_of(lines, table, key),
                    )
            target = never if key == "never_split_after" else always
            target.setdefault(lang, set()).update(v.strip() for v in value)

    for lang in set(never) | set(always):
        scopes = {lang, ALL_LANGUAGES}
        n = set().union(*(never.get(s, set()) for s in scopes))
        a = set().union(*(always.get(s, set()) for s in scopes))
        clash = sorted(n & a)
        if clash:
            table = "all" if lang == ALL_LANGUAGES else lang
            raise InputError(
                f"{', '.join(repr(c) for c in clash)} listed both in never_split_after and "
                f"always_split_after (for [{table}])",
                file=name,
                line=_line_of(lines, table if table in data else None, "always_split_after"),
            )
    return SegmentationRules(
        never_split_after={k: frozenset(v) for k, v in never.items()},
        always_split_after={k: frozenset(v) for k, v in always.items()},
    )
