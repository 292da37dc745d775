"""Export → import is lossless for every exchange format (property tests).

Each format carries a known part of a unit (PO has no dates and one note of lines, TMX
cannot carry XML-invalid control characters, XLIFF 1.2 neither); within that part, what
comes back must be exactly what went out, for any text: line breaks, tabs, quotes,
backslashes, markup characters, right-to-left text, emoji and format-string look-alikes.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.conftest import require_binary
from workbench.formats.po import (
    _parse_lines,
    _parse_own_layout,
    _quote,
    _unescape,
    _unescape_all,
    read_po,
    write_po,
)
from workbench.formats.tmx import read_tmx, tmx_bytes
from workbench.formats.xliff import read_xliff, write_xliff
from workbench.model import ParagraphKind, Status, TranslationUnit, UnitText

XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
PIECES = st.sampled_from(
    [
        "\n",
        "\t",
        "\r",
        '"',
        "'",
        "\\",
        "\\n",
        "<",
        ">",
        "&",
        "&amp;",
        "]]>",
        "%s",
        "{0}",
        "%(name)d",
        "זעיר אנפין",
        "مرحبا",
        "😀",
        "«лишма»",
        " ",
        "\u200f",
        "\x07",
        "\x0b",
        "\x1f",
    ]
)
XML_CHARS = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters="".join(map(chr, [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)]))
    + "\ufffe\uffff",
)
# Any text (PO and XLIFF 2.0 carry it all, NUL aside) and text XML 1.0 can hold.
TEXT = st.lists(st.one_of(st.text(max_size=6), PIECES), max_size=8).map("".join)
XML_TEXT = st.lists(
    st.one_of(st.text(XML_CHARS, max_size=6), PIECES.filter(lambda p: not XML_INVALID.search(p))),
    max_size=8,
).map("".join)
KEY = st.text(min_size=1, max_size=12)
XML_KEY = st.text(XML_CHARS, min_size=1, max_size=12)
DOCUMENT = st.from_regex(r"[a-z0-9][a-z0-9 ._-]{0,15}", fullmatch=True)
STATUS = st.sampled_from(list(Status))
KIND = st.sampled_from(list(ParagraphKind))
REVISION = st.integers(min_value=0, max_value=10**6)
DATE = st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1), timezones=st.just(UTC)
).map(lambda d: d.replace(microsecond=0))
PERSON = st.one_of(st.none(), st.text(XML_CHARS, min_size=1, max_size=8))


@st.composite
def unit_lists(
    draw: st.DrawFn,
    *,
    target_langs: tuple[str, ...] = ("ru",),
    dates: bool = False,
    source_meta: bool = False,
    xml: bool = False,
) -> list[TranslationUnit]:
    """Units with unique keys; each target language present or not, any status. With
    ``xml`` every text is one XML 1.0 can hold."""
    text = XML_TEXT if xml else TEXT
    keys = draw(st.lists(XML_KEY if xml else KEY, min_size=1, max_size=6, unique=True))
    units = []
    for key in keys:

        def side(lang: str, *, status: Status | None = None) -> UnitText:
            return UnitText(
                lang,
                draw(text),
                draw(STATUS) if status is None else status,
                draw(REVISION) if status is None else 0,
                created_at=draw(st.one_of(st.none(), DATE)) if dates else None,
                created_by=draw(PERSON) if dates else None,
                changed_at=draw(st.one_of(st.none(), DATE)) if dates else None,
                changed_by=draw(PERSON) if dates else None,
            )

        targets = tuple(side(lang) for lang in target_langs if draw(st.booleans()))
        units.append(
            TranslationUnit(
                key=key,
                document=draw(DOCUMENT),
                source=side("en", status=None if source_meta else Status.TRANSLATED),
                targets=targets,
                paragraph=draw(st.integers(min_value=0, max_value=500)),
                kind=draw(KIND),
                required_terms=tuple(draw(st.lists(XML_TEXT if xml else TEXT, max_size=3))),
                notes=tuple(draw(st.lists(XML_TEXT if xml else TEXT, max_size=3))),
            )
        )
    return units


def texts_of(unit: TranslationUnit) -> list[str]:
    return [
        unit.key,
        unit.document,
        unit.source.text,
        *(t.text for t in unit.targets),
        *unit.notes,
        *unit.required_terms,
        *(t.created_by or "" for t in (unit.source, *unit.targets)),
        *(t.changed_by or "" for t in (unit.source, *unit.targets)),
    ]


SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(units=unit_lists())
def test_po_round_trip(units: list[TranslationUnit]) -> None:
    assume(all(u.source.text and not {"\x00", "\x04"} & set("".join(texts_of(u))) for u in units))
    units = [
        TranslationUnit(
            u.key,
            u.document,
            u.source,
            u.targets,
            u.paragraph,
            u.kind,
            u.required_terms,
            tuple(n.replace("\r", "") for n in u.notes),
        )
        for u in units
    ]
    data = write_po(units, "ru", project="p", source_lang="en")
    back = [e.to_unit("en", "ru") for e in read_po(data, "x.po").entries]
    assert len(back) == len(units)
    for got, sent in zip(back, units, strict=True):
        assert (got.key, got.source, got.targets) == (sent.key, sent.source, sent.targets)
        assert (got.document, got.paragraph, got.kind) == (
            sent.document,
            sent.paragraph,
            sent.kind,
        )
        # PO comments are lines: notes come back as their lines, terms on one line each
        assert "\n".join(got.notes) == "\n".join(sent.notes)
        assert got.required_terms == tuple(" ".join(t.split()) for t in sent.required_terms)


@settings(max_examples=40, deadline=None)
@given(units=unit_lists())
def test_every_po_we_write_passes_msgfmt(units: list[TranslationUnit]) -> None:
    require_binary("/usr/bin/msgfmt", "gettext")
    assume(all(u.source.text and not {"\x00", "\x04"} & set("".join(texts_of(u))) for u in units))
    data = write_po(units, "ru", project="p", source_lang="en")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.po"
        path.write_bytes(data)
        done = subprocess.run(
            ["/usr/bin/msgfmt", "-c", "--check-format", "-o", "/dev/null", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
    assert done.returncode == 0, done.stderr


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.one_of(st.text(max_size=4), PIECES), max_size=10).map("".join))
def test_po_unescaping_shortcut_agrees_with_the_full_decoder(text: str) -> None:
    quoted = _quote(text)
    assert _unescape(quoted, "x.po", 1) == text == _unescape_all(quoted, "x.po", 1)


@SETTINGS
@given(units=unit_lists())
def test_po_fast_path_agrees_with_the_line_parser(units: list[TranslationUnit]) -> None:
    """Our own layout is read by whole-entry matches; the result must be exactly what the
    strict line parser makes of the same file."""
    assume(all(u.source.text and not {"\x00", "\x04"} & set("".join(texts_of(u))) for u in units))
    text = write_po(units, "ru", project="p", source_lang="en").decode()
    fast = _parse_own_layout(text, "x.po")
    assert fast is not None
    assert fast == _parse_lines(text, "x.po")


@SETTINGS
@given(units=unit_lists(target_langs=("ru", "he", "de"), dates=True, source_meta=True, xml=True))
def test_tmx_round_trip(units: list[TranslationUnit]) -> None:
    data = tmx_bytes(units, srclang="en")
    back = [u.to_unit("en") for u in read_tmx(data, "x.tmx").units]
    expected = [
        TranslationUnit(
            u.key,
            u.document,
            u.source,
            tuple(t for t in u.targets if t.text),  # a TM holds translations only
            u.paragraph,
            u.kind,
            u.required_terms,
            u.notes,
        )
        for u in units
    ]
    assert back == expected


@SETTINGS
@given(units=unit_lists(xml=True), texts=st.lists(TEXT, min_size=6, max_size=6))
def test_xliff2_round_trip_carries_any_text(units: list[TranslationUnit], texts: list[str]) -> None:
    # source and target travel as <cp/> where XML cannot carry a character (notes, terms,
    # keys and document names cannot: they are XML-safe here)
    units = [
        TranslationUnit(
            u.key,
            u.document,
            UnitText("en", text),
            tuple(UnitText(t.lang, text + t.text, t.status, t.revision) for t in u.targets),
            u.paragraph,
            u.kind,
            u.required_terms,
            u.notes,
        )
        for u, text in zip(units, texts, strict=False)
    ]
    data = write_xliff(units, "en", "ru")
    back = [u.to_unit("en", "ru") for u in read_xliff(data, "x.xlf").units]
    assert back == units


@SETTINGS
@given(units=unit_lists(xml=True))
def test_xliff12_round_trip(units: list[TranslationUnit]) -> None:
    data = write_xliff(units, "en", "ru", version="1.2")
    back = [u.to_unit("en", "ru") for u in read_xliff(data, "x.xlf").units]
    assert back == units


@settings(max_examples=60, deadline=None)
@given(units=unit_lists(xml=True), data=st.data())
def test_every_exchange_writer_is_deterministic(
    units: list[TranslationUnit], data: st.DataObject
) -> None:
    assume(all(u.source.text for u in units))
    fmt = data.draw(st.sampled_from(["po", "tmx", "xliff"]))
    if fmt == "po":
        first = write_po(units, "ru", project="p", source_lang="en")
        second = write_po(list(units), "ru", project="p", source_lang="en")
    elif fmt == "tmx":
        first, second = tmx_bytes(units, srclang="en"), tmx_bytes(list(units), srclang="en")
    else:
        first = write_xliff(units, "en", "ru")
        second = write_xliff(list(units), "en", "ru")
    assert first == second
