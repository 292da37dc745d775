"""XLIFF 2.0 and 1.2: states, extension attributes, <cp>, translate-toolkit, safety, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from workbench.errors import InputError
from workbench.formats.registry import formats
from workbench.formats.xliff import NS20, WB, read_xliff, write_xliff
from workbench.model import ParagraphKind, Status, TranslationUnit, UnitText


def unit(
    key: str,
    source: str,
    target: str | None = None,
    status: Status = Status.TRANSLATED,
    *,
    revision: int = 1,
    document: str = "the-ladder",
    notes: tuple[str, ...] = (),
    terms: tuple[str, ...] = (),
    kind: ParagraphKind = ParagraphKind.BODY,
) -> TranslationUnit:
    targets = () if target is None else (UnitText("ru", target, status, revision),)
    return TranslationUnit(key, document, UnitText("en", source), targets, 3, kind, terms, notes)


def sample() -> list[TranslationUnit]:
    return [
        unit("t", "The Ladder", "Лестница", Status.APPROVED, revision=2, kind=ParagraphKind.TITLE),
        unit(
            "the-ladder/1",
            'Quotes "x" <&> \\ \t\nline',
            "Кавычки «x»\r\nстрока",
            Status.REVIEWED,
            revision=5,
            notes=("Reviewer: ok",),
            terms=("Zeir Anpin → Зеир Анпин",),
        ),
        unit("draft", "Draft", "Черновик", Status.DRAFT),
        unit("new", "Nothing yet"),
        unit("translated-empty", "Empty", "", Status.TRANSLATED, revision=4),
        unit("key with spaces/§", "Odd key", "Странный ключ"),
    ]


@pytest.mark.parametrize("version", ["2.0", "1.2"])
def test_round_trip(version: str) -> None:
    units = sample()
    data = write_xliff(units, "en", "ru", version=version)
    document = read_xliff(data, "doc.xlf")
    assert document.version == version
    assert (document.source_lang, document.target_lang) == ("en", "ru")
    assert [u.to_unit("en", "ru") for u in document.units] == units


@pytest.mark.parametrize(
    ("status", "state", "sub_state"),
    [
        (Status.NEW, "initial", None),
        (Status.DRAFT, "initial", "wb:draft"),
        (Status.TRANSLATED, "translated", None),
        (Status.REVIEWED, "reviewed", None),
        (Status.APPROVED, "final", None),
    ],
)
def test_xliff2_states(status: Status, state: str, sub_state: str | None) -> None:
    root = etree.fromstring(write_xliff([unit("k", "a", "б", status)], "en", "ru"))
    segment = root.find(f".//{{{NS20}}}segment")
    assert segment is not None
    assert segment.get("state") == state
    assert segment.get("subState") == sub_state
    assert root.find(f".//{{{NS20}}}unit").get(f"{{{WB}}}status") == status.value  # type: ignore[union-attr]


def test_xliff2_layout() -> None:
    root = etree.fromstring(write_xliff(sample(), "en", "ru", document="the-ladder"))
    assert root.get("version") == "2.0" and root.get("srcLang") == "en"
    assert root.get("trgLang") == "ru"
    file_el = root[0]
    assert file_el.get("original") == "the-ladder"
    units = file_el.findall(f"{{{NS20}}}unit")
    # "/" is not allowed in an NMTOKEN id: the key goes to wb:key
    assert [u.get("id") for u in units][:3] == ["t", "u2", "draft"]
    assert units[1].get(f"{{{WB}}}key") == "the-ladder/1"
    assert units[0].get(f"{{{WB}}}key") is None
    odd = units[-1]
    assert odd.get("id") == "u6" and odd.get(f"{{{WB}}}key") == "key with spaces/§"
    assert all(u.get("canResegment") == "no" for u in units)
    notes = units[1].find(f"{{{NS20}}}notes")
    assert [(n.get("category"), n.text) for n in notes] == [  # type: ignore[union-attr]
        ("glossary", "Zeir Anpin → Зеир Анпин"),
        ("translator", "Reviewer: ok"),
    ]
    assert units[3].find(f".//{{{NS20}}}target") is None  # no translation, no target


def test_control_characters_travel_as_cp_in_xliff2() -> None:
    units = [unit("k", "bell\x07 and \x01", "\x0bvertical\x1f")]
    data = write_xliff(units, "en", "ru")
    assert b'<cp hex="0007"/>' in data and b'<cp hex="000B"/>' in data
    assert [u.to_unit("en", "ru") for u in read_xliff(data, "x.xlf").units] == units


def test_control_characters_are_refused_in_xliff12() -> None:
    with pytest.raises(InputError, match=r"'k'.*U\+0007.*XLIFF 2\.0 can"):
        write_xliff([unit("k", "bell\x07")], "en", "ru", version="1.2")


def test_output_is_deterministic() -> None:
    for version in ("2.0", "1.2"):
        assert write_xliff(sample(), "en", "ru", version=version) == write_xliff(
            sample(), "en", "ru", version=version
        )


def test_units_from_several_documents_keep_theirs() -> None:
    units = [unit("a", "A", "А"), unit("b", "B", "Б", document="other post")]
    data = write_xliff(units, "en", "ru")
    assert [u.document for u in read_xliff(data, "x.xlf").units] == ["the-ladder", "other post"]


def test_translate_toolkit_reads_xliff12() -> None:
    from translate.storage import xliff as ttk_xliff

    units = sample()
    store = ttk_xliff.xlifffile(write_xliff(units, "en", "ru", version="1.2"))
    read = [u for u in store.units if not u.isheader()]
    assert [u.xmlelement.get("id") for u in read] == [u.key for u in units]
    assert [u.source for u in read] == [u.source.text for u in units]
    assert [u.target or "" for u in read] == [
        (u.target("ru").text if u.target("ru") else "") for u in units
    ]
    approved = [u.isapproved() for u in read]
    assert approved == [bool(u.targets) and u.targets[0].status == Status.APPROVED for u in units]


FOREIGN20 = b"""<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="de">
  <file id="f1">
    <unit id="u1">
      <segment state="translated"><source>Hello </source><target>Hallo </target></segment>
      <ignorable><source> </source></ignorable>
      <segment><source>world <pc id="1">now</pc><ph id="2"/>.</source>
        <target>Welt <pc id="1">jetzt</pc><ph id="2"/>.</target></segment>
    </unit>
    <unit id="u2">
      <segment state="final"><source>Done</source><target>Fertig</target></segment>
    </unit>
    <unit id="u3">
      <segment><source>Open</source></segment>
    </unit>
  </file>
</xliff>
"""


def test_files_from_other_tools_are_read() -> None:
    document = read_xliff(FOREIGN20, "other.xlf")
    first, second, third = document.units
    assert first.source == "Hello  world now."
    assert first.target == "Hallo  Welt jetzt."
    assert first.state == "initial" and first.status is Status.DRAFT
    assert first.revision is None and first.document == "f1"
    assert second.status is Status.APPROVED
    assert third.target is None and third.status is Status.NEW


FOREIGN12 = """<?xml version="1.0"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="post" source-language="en" target-language="ru" datatype="plaintext">
    <body>
      <trans-unit id="1"><source>A <g id="1">b</g><x id="2"/></source>
        <target state="needs-review-translation">А <g id="1">б</g></target></trans-unit>
      <trans-unit id="2" approved="yes"><source>C</source><target>В</target></trans-unit>
      <trans-unit id="3"><source>D</source><target state="signed-off">Г</target></trans-unit>
      <trans-unit id="4"><source>E</source><target>Д</target></trans-unit>
    </body>
  </file>
</xliff>
""".encode()


def test_xliff12_from_other_tools() -> None:
    units = read_xliff(FOREIGN12, "other.xlf").units
    assert [(u.source, u.target, u.status) for u in units] == [
        ("A b", "А б", Status.DRAFT),
        ("C", "В", Status.APPROVED),
        ("D", "Г", Status.REVIEWED),
        ("E", "Д", Status.TRANSLATED),
    ]


def test_a_translator_changing_the_state_wins_over_the_export() -> None:
    data = write_xliff([unit("k", "a")], "en", "ru").decode()
    edited = data.replace('state="initial">', 'state="translated">').replace(
        "<source>a</source>", "<source>a</source><target>а</target>"
    )
    [read] = read_xliff(edited.encode(), "x.xlf").units
    assert (read.target, read.status, read.revision) == ("а", Status.TRANSLATED, None)


BILLION = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en">
<file id="f"><unit id="u"><segment><source>&c;</source></segment></unit></file></xliff>
"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en">
<file id="f"><unit id="u"><segment><source>&xxe;</source></segment></unit></file></xliff>
"""


@pytest.mark.parametrize("data", [BILLION, XXE])
def test_entities_are_refused(data: bytes) -> None:
    with pytest.raises(InputError) as caught:
        read_xliff(data, "evil.xlf")
    assert caught.value.file == "evil.xlf"
    assert "root:" not in str(caught.value)


def test_an_external_dtd_is_refused_and_never_loaded(tmp_path: Path) -> None:
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY evil "INJECTED">', encoding="utf-8")
    data = (
        f'<?xml version="1.0"?>\n<!DOCTYPE xliff SYSTEM "{dtd.as_uri()}">\n'
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en">'
        '<file id="f"><unit id="u"><segment><source>a&evil;</source></segment></unit>'
        "</file></xliff>"
    ).encode()
    with pytest.raises(InputError, match="DTD"):
        read_xliff(data, "evil.xlf")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<xliff version='3.0'/>", "unsupported XLIFF version"),
        (b"<tmx version='1.4'/>", "not an XLIFF file"),
        (b"<xliff version='2.0'><file id='f'/></xliff>", "srcLang"),
        (
            b"<xliff xmlns='urn:oasis:names:tc:xliff:document:2.0' version='2.0' srcLang='en'>"
            b"<file id='f'><unit id='u'><segment state='done'><source>a</source></segment>"
            b"</unit></file></xliff>",
            "unknown segment state",
        ),
        (
            b"<xliff xmlns='urn:oasis:names:tc:xliff:document:2.0' version='2.0' srcLang='en'>"
            b"<file id='f'><unit id='u'><segment><source>a</source></segment></unit>"
            b"<unit id='u'><segment><source>b</source></segment></unit></file></xliff>",
            "appears twice",
        ),
        (
            b"<xliff xmlns='urn:oasis:names:tc:xliff:document:2.0' version='2.0' srcLang='en'>"
            b"<file id='f'><unit id='u'><segment><source>a<cp hex='zz'/></source></segment>"
            b"</unit></file></xliff>",
            "hexadecimal",
        ),
        (b"<xliff version='2.0' srcLang='en'><file", "not a valid XLIFF file"),
    ],
)
def test_defective_files_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        read_xliff(data, "bad.xlf")
    assert caught.value.file == "bad.xlf"


@pytest.mark.parametrize(
    ("units", "message"),
    [
        ([unit("k", "a"), unit("k", "b")], "used twice"),
        ([unit("", "a")], "no key"),
    ],
)
def test_units_xliff_cannot_carry_are_refused(units: list[TranslationUnit], message: str) -> None:
    with pytest.raises(InputError, match=message):
        write_xliff(units, "en", "ru")


def test_xliff_is_registered_as_an_exchange_format() -> None:
    spec = next(s for s in formats("exchange") if s.name == "xliff")
    assert spec.extensions == (".xlf", ".xliff")
    assert spec.read is read_xliff and spec.write is write_xliff
