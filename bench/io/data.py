"""The synthetic translation units every benchmark case works on.

Generated, not stored: a million units would be a large file to keep in the repository, and
a generator lets the streaming writer be measured in constant memory. Every case builds the
same units from the same index, so the tools are compared on identical content: post-style
English sentences with their Russian translations, quotes, an occasional line break, tab,
backslash or markup character, a glossary term on every unit, a note on every tenth, and
the five statuses in turn.
"""

from __future__ import annotations

from collections.abc import Iterator

from workbench.model import ParagraphKind, Status, TranslationUnit, UnitText

_SOURCES = (
    'When Zeir Anpin rises to YESHSUT, the light grows and Malchut says "yes" ({i}).',
    "Question: What is the first step toward Lishma?\nAnswer: The group comes first ({i}).",
    "The screen (Masach) stands before the Kli <and> the Reflected Light & rises ({i}).",
    'Baal HaSulam wrote:\t"Everything is in the desire" \\ and nothing else ({i}).',
)
_TARGETS = (
    "Когда Зеир Анпин поднимается в ИШСУТ, свет растет, и Малхут говорит «да» ({i}).",
    "Вопрос: Каков первый шаг к «лишма»?\nОтвет: Группа — прежде всего ({i}).",
    "Экран (масах) стоит перед кли <и> отраженный свет & поднимается ({i}).",
    "Бааль Сулам писал:\t«Всё — в желании» \\ и больше ни в чём ({i}).",
)
_STATUSES = tuple(Status)


def make_unit(i: int) -> TranslationUnit:
    """Unit number ``i``: always the same for the same ``i``."""
    variant = i % len(_SOURCES)
    document = f"post-{i // 40:06d}"
    return TranslationUnit(
        key=f"{document}/{i % 40}",
        document=document,
        source=UnitText("en", _SOURCES[variant].format(i=i)),
        targets=(
            UnitText(
                "ru",
                _TARGETS[variant].format(i=i),
                _STATUSES[i % len(_STATUSES)],
                revision=i % 7 + 1,
            ),
        ),
        paragraph=i % 40,
        kind=ParagraphKind.TITLE if i % 40 == 0 else ParagraphKind.BODY,
        required_terms=("Zeir Anpin → Зеир Анпин",),
        notes=("Reviewer: keep the gloss (Masach)",) if i % 10 == 0 else (),
    )


def make_units(count: int) -> Iterator[TranslationUnit]:
    """Units 0 .. count-1, one at a time."""
    return (make_unit(i) for i in range(count))
