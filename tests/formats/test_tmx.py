"""TMX 1.4b: DTD-valid output, translate-toolkit read-back, streaming, safety, errors."""

from __future__ import annotations

import io
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

from workbench.errors import InputError
from workbench.formats.registry import formats
from workbench.formats.tmx import (
    iter_tmx,
    read_tmx,
    read_tmx_header,
    tmx_bytes,
    write_tmx,
)
from workbench.model import ParagraphKind, Status, TranslationUnit, UnitText

DTD_PATH = Path(__file__).resolve().parents[2] / "workbench" / "data" / "tmx14.dtd"
WHEN = datetime(2024, 3, 14, 9, 30, 5, tzinfo=UTC)


def sample_units() -> list[TranslationUnit]:
    return [
        TranslationUnit(
            key="the-ladder/1",
            document="the ladder",
            source=UnitText("en", 'When "Zeir Anpin" rises <&> \\ \t', created_at=WHEN),
            targets=(
                UnitText(
                    "ru",
                    "Когда «Зеир Анпин»\nподнимается",
                    Status.REVIEWED,
                    3,
                    created_at=WHEN,
                    created_by="anna",
                    changed_at=WHEN,
                    changed_by="boris",
                ),
                UnitText("he", "כאשר זעיר אנפין עולה 😀", Status.DRAFT, 1),
                UnitText("de", "", Status.NEW, 0),
            ),
            paragraph=2,
            kind=ParagraphKind.BODY,
            required_terms=("Zeir Anpin → Зеир Анпин",),
            notes=("Reviewer: keep the gloss", "line one\nline two"),
        ),
        TranslationUnit(
            key="the-ladder/0",
            document="the ladder",
            source=UnitText("en", "The Ladder Of Degrees"),
            targets=(UnitText("ru", "Лестница ступеней", Status.APPROVED, 2),),
            kind=ParagraphKind.TITLE,
        ),
    ]


def without_empty_targets(unit: TranslationUnit) -> TranslationUnit:
    targets = tuple(t for t in unit.targets if t.text)
    return TranslationUnit(
        unit.key,
        unit.document,
        unit.source,
        targets,
        unit.paragraph,
        unit.kind,
        unit.required_terms,
        unit.notes,
    )


def test_output_is_valid_against_the_tmx_dtd() -> None:
    data = tmx_bytes(sample_units(), srclang="en", creationdate=WHEN)
    dtd = etree.DTD(str(DTD_PATH))
    assert dtd.validate(etree.fromstring(data)), dtd.error_log.filter_from_errors()


def test_an_empty_memory_is_valid_too() -> None:
    dtd = etree.DTD(str(DTD_PATH))
    assert dtd.validate(etree.fromstring(tmx_bytes([], srclang="en")))


def test_round_trip_restores_units_and_dates() -> None:
    units = sample_units()
    document = read_tmx(tmx_bytes(units, srclang="en"), "tm.tmx")
    assert [u.to_unit("en") for u in document.units] == [without_empty_targets(u) for u in units]
    assert document.header.srclang == "en"


def test_untranslated_targets_are_left_out() -> None:
    data = tmx_bytes(sample_units(), srclang="en")
    assert b'xml:lang="de"' not in data
    first = read_tmx(data, "tm.tmx").units[0]
    assert [v.lang for v in first.variants] == ["en", "ru", "he"]


def test_langs_limits_and_orders_targets() -> None:
    data = tmx_bytes(sample_units(), srclang="en", langs=["he", "ru"])
    first = read_tmx(data, "tm.tmx").units[0]
    assert [v.lang for v in first.variants] == ["en", "he", "ru"]
    only_ru = read_tmx(tmx_bytes(sample_units(), srclang="en", langs=["ru"]), "tm.tmx")
    assert [v.lang for v in only_ru.units[0].variants] == ["en", "ru"]


def test_header_and_dates_are_deterministic() -> None:
    units = sample_units()
    assert tmx_bytes(units, srclang="en") == tmx_bytes(units, srclang="en")
    assert b"creationdate=" not in tmx_bytes(units[1:], srclang="en")
    header = read_tmx_header(tmx_bytes(units, srclang="en", creationdate=WHEN), "tm.tmx")
    assert header.creationdate == WHEN
    assert (header.creationtool, header.segtype, header.o_tmf) == (
        "workbench",
        "sentence",
        "workbench",
    )
    stamped = read_tmx_header(tmx_bytes(units, srclang="en", timestamps=True), "tm.tmx")
    assert stamped.creationdate is not None
    assert abs((stamped.creationdate - datetime.now(UTC)).total_seconds()) < 120


def test_dates_are_written_in_tmx_format() -> None:
    data = tmx_bytes(sample_units(), srclang="en").decode()
    assert 'creationdate="20240314T093005Z" creationid="anna"' in data
    assert 'changedate="20240314T093005Z" changeid="boris"' in data


def test_translate_toolkit_reads_the_same_units() -> None:
    from translate.storage import tmx as ttk_tmx

    units = sample_units()
    store = ttk_tmx.tmxfile(io.BytesIO(tmx_bytes(units, srclang="en")), "en", "ru")
    assert [(u.getid(), u.source, u.target) for u in store.units] == [
        (u.key, u.source.text, u.target("ru").text)  # type: ignore[union-attr]
        for u in units
    ]


def test_carriage_returns_survive() -> None:
    unit = TranslationUnit("k", "d", UnitText("en", "a\r\nb\rc"), (UnitText("ru", "x\ry"),))
    back = read_tmx(tmx_bytes([unit], srclang="en"), "tm.tmx").units[0].to_unit("en")
    assert back.source.text == "a\r\nb\rc" and back.targets[0].text == "x\ry"


def test_characters_xml_cannot_carry_are_refused_with_the_unit() -> None:
    unit = TranslationUnit("bad-unit", "d", UnitText("en", "bell\x07"))
    with pytest.raises(InputError, match=r"'bad-unit'.*U\+0007"):
        tmx_bytes([unit], srclang="en")


def test_streaming_write_raises_after_earlier_units_are_out() -> None:
    good = TranslationUnit("ok", "d", UnitText("en", "fine"))
    bad = TranslationUnit("bad", "d", UnitText("en", "\x01"))
    with pytest.raises(InputError, match="'bad'"):
        tmx_bytes([good, bad], srclang="en")


def big_units(count: int) -> Iterator[TranslationUnit]:
    for i in range(count):
        yield TranslationUnit(
            f"doc-{i // 40}/{i}",
            f"doc-{i // 40}",
            UnitText("en", f"When Zeir Anpin rises to YESHSUT, the light grows ({i})."),
            (UnitText("ru", f"Когда Зеир Анпин поднимается в ИШСУТ, свет ({i}).", revision=2),),
            paragraph=i % 40,
        )


def test_twenty_thousand_units_stream_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.tmx"
    tracemalloc.start()
    try:
        with path.open("wb") as out:
            assert write_tmx(big_units(20_000), out, srclang="en") == 20_000
        _, write_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        count = 0
        for unit in iter_tmx(path, "big.tmx"):
            count += 1
            assert unit.key is not None
        _, read_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    size = path.stat().st_size
    assert count == 20_000
    assert size > 5_000_000
    # a tree or a list of the units would need several times the file size
    assert write_peak < size / 10, (write_peak, size)
    assert read_peak < size / 10, (read_peak, size)


def test_reading_from_a_file_object_and_a_path_agree(tmp_path: Path) -> None:
    data = tmx_bytes(sample_units(), srclang="en")
    path = tmp_path / "tm.tmx"
    path.write_bytes(data)
    assert list(iter_tmx(path, "tm.tmx")) == list(iter_tmx(io.BytesIO(data), "tm.tmx"))


FOREIGN = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="OmegaT" creationtoolversion="6" segtype="sentence" o-tmf="OmegaT"
          adminlang="EN-US" srclang="EN-US" datatype="plaintext">
    <prop type="x-project">blog</prop>
  </header>
  <body>
    <!-- a comment -->
    <tu>
      <prop type="x-origin">mt</prop>
      <tuv lang="EN-US"><seg>Press <bpt i="1">&lt;b&gt;</bpt>here<ept i="1">&lt;/b&gt;</ept>
 now<ph x="2">{0}</ph>. <hi type="x">Light</hi></seg></tuv>
      <tuv xml:lang="ru-RU"><seg>Нажмите <bpt i="1">&lt;b&gt;</bpt>здесь<ept i="1">&lt;/b&gt;</ept>
</seg></tuv>
    </tu>
  </body>
</tmx>
""".encode()


def test_files_from_other_tools_are_read() -> None:
    document = read_tmx(FOREIGN, "omegat.tmx")
    assert document.header.srclang == "EN-US"
    assert document.header.props == (("x-project", "blog"),)
    [unit] = document.units
    assert unit.key is None
    assert unit.props == [("x-origin", "mt")]
    assert unit.variant("en-us").text == "Press here\n now. Light"  # type: ignore[union-attr]
    assert unit.variant("ru_RU").text == "Нажмите здесь\n"  # type: ignore[union-attr]
    with pytest.raises(InputError, match="without tuid"):
        unit.to_unit("EN-US")


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE tmx [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<tmx version="1.4"><header srclang="en"/><body>
<tu tuid="x"><tuv xml:lang="en"><seg>&lol4;</seg></tuv></tu></body></tmx>
"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<tmx version="1.4"><header srclang="en"/><body>
<tu tuid="x"><tuv xml:lang="en"><seg>&xxe;</seg></tuv></tu></body></tmx>
"""
PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>
<tmx version="1.4"><header srclang="en"/><body/></tmx>
"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, XXE, PARAMETER_ENTITY])
def test_entity_declarations_are_refused(data: bytes) -> None:
    with pytest.raises(InputError) as caught:
        read_tmx(data, "evil.tmx")
    assert caught.value.file == "evil.tmx"
    assert "root:" not in str(caught.value)


def test_an_external_dtd_is_never_loaded(tmp_path: Path) -> None:
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY evil "INJECTED">', encoding="utf-8")
    data = (
        f'<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "{dtd.as_uri()}">\n'
        '<tmx version="1.4"><header srclang="en"/><body>'
        '<tu tuid="x"><tuv xml:lang="en"><seg>a&evil;b</seg></tuv></tu></body></tmx>'
    ).encode()
    with pytest.raises(InputError, match="entity reference &evil;") as caught:
        list(iter_tmx(data, "evil.tmx"))
    assert caught.value.line == 3


def test_a_plain_doctype_line_is_accepted() -> None:
    assert read_tmx(FOREIGN, "omegat.tmx").units


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "not a valid TMX file"),
        (b"<xliff/>", "root element is <xliff>"),
        (b"<tmx><header srclang='en'/><body><tu><tuv xml:lang='en'><seg>a</tuv>", "not a valid"),
        (b"<tmx><header srclang='en'/><body><tu tuid='k'/></body></tmx>", "without any <tuv>"),
        (
            b"<tmx><header srclang='en'/><body><tu><tuv><seg>a</seg></tuv></tu></body></tmx>",
            "xml:lang",
        ),
        (
            b"<tmx><header srclang='en'/><body><tu><tuv xml:lang='en' creationdate='2024-01-01'>"
            b"<seg>a</seg></tuv></tu></body></tmx>",
            "bad TMX date",
        ),
        (
            b"<tmx><header srclang='en'/><body><tu><tuv xml:lang='en'>"
            b"<prop type='x-status'>done</prop><seg>a</seg></tuv></tu></body></tmx>",
            "unknown x-status",
        ),
        (
            b"<tmx><header srclang='en'/><body><tu><prop type='x-paragraph'>two</prop>"
            b"<tuv xml:lang='en'><seg>a</seg></tuv></tu></body></tmx>",
            "whole number",
        ),
        (
            b"<tmx><header srclang='en'/><body><tu><tuv xml:lang='en'><seg>a<b>x</b></seg>"
            b"</tuv></tu></body></tmx>",
            "unexpected <b>",
        ),
    ],
)
def test_defective_files_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        read_tmx(data, "bad.tmx")
    assert caught.value.file == "bad.tmx"


def test_unit_without_source_variant() -> None:
    data = tmx_bytes(sample_units()[1:], srclang="en")
    unit = read_tmx(data, "tm.tmx").units[0]
    with pytest.raises(InputError, match="no fr variant"):
        unit.to_unit("fr")


def test_tmx_is_registered_as_an_exchange_format() -> None:
    spec = next(s for s in formats("exchange") if s.name == "tmx")
    assert spec.extensions == (".tmx",)
    assert spec.read is read_tmx and spec.write is tmx_bytes
