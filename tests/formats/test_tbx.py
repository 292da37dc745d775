"""TBX: the mapping, round trips, lenient reading of other tools' files and XML attacks."""

from __future__ import annotations

import pytest
from lxml import etree

from tests.glossary.helpers import GLOSSARY
from workbench.errors import InputError
from workbench.formats.glossary_csv import read_glossary_csv, write_glossary_csv
from workbench.formats.registry import for_filename
from workbench.formats.tbx import read_tbx, write_tbx
from workbench.glossary import Concept, Term, Termbase, TermStatus


def sample() -> Termbase:
    return Termbase(
        [
            Concept(
                "zohar",
                definition="The central book of Kabbalah",
                subject="Kabbalah",
                note="concept note",
                terms=(
                    Term(
                        "Книга Зоар",
                        "ru",
                        TermStatus.PREFERRED,
                        part_of_speech="proper noun",
                        fixed_words=("Зоар",),
                        forms=("Книгу Зоар",),
                        note="only Книга declines",
                    ),
                    Term("Зохар", "ru", TermStatus.FORBIDDEN),
                    Term("Malchut", "en", TermStatus.PREFERRED, indeclinable=True),
                    Term("Creator", "en", TermStatus.ALLOWED, case_sensitive=True),
                    Term("Lishmá", "es", TermStatus.PREFERRED, accent_insensitive=True),
                ),
                lang_notes={"ru": "RU note", "en": "a & b < c"},
            )
        ]
    )


def test_mapping_of_every_field() -> None:
    data = write_tbx(sample())
    root = etree.fromstring(data)
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    entry = root.find("text/body/termEntry")
    assert entry.get("id") == "zohar"
    assert entry.find("descrip[@type='subjectField']").text == "Kabbalah"
    assert entry.find("descrip[@type='definition']").text == "The central book of Kabbalah"
    assert entry.find("note").text == "concept note"
    ru = entry.find("langSet[@{http://www.w3.org/XML/1998/namespace}lang='ru']")
    assert ru.find("note").text == "RU note"
    tig = ru.find("tig")
    notes = {n.get("type"): n.text for n in tig.findall("termNote")}
    assert notes["administrativeStatus"] == "preferredTerm-admn-sts"
    assert notes["partOfSpeech"] == "proper noun"
    assert notes["x-fixedWord"] == "Зоар"
    assert notes["x-form"] == "Книгу Зоар"
    assert tig.find("note").text == "only Книга declines"
    statuses = [n.text for n in ru.iter("termNote") if n.get("type") == "administrativeStatus"]
    assert statuses == ["preferredTerm-admn-sts", "deprecatedTerm-admn-sts"]
    en_notes = [n.get("type") for n in entry.iter("termNote")]
    assert "x-indeclinable" in en_notes and "x-caseSensitive" in en_notes
    assert "x-accentInsensitive" in en_notes


def test_round_trip_is_lossless_and_deterministic() -> None:
    tb = sample()
    data = write_tbx(tb)
    assert read_tbx(data, "t.tbx") == tb
    assert write_tbx(read_tbx(data, "t.tbx")) == data
    assert data.startswith(b"<?xml") and b"\n    <body>" not in data[:40]


def test_fixture_glossary_csv_to_tbx_to_csv() -> None:
    tb = read_glossary_csv(GLOSSARY.read_bytes(), "g.csv")
    assert write_glossary_csv(read_tbx(write_tbx(tb), "g.tbx")) == GLOSSARY.read_bytes()


def test_reads_tbx_v3_and_promotes_a_preferred_term() -> None:
    data = b"""<?xml version="1.0"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">
 <text><body>
  <conceptEntry id="c1">
   <langSec xml:lang="en">
    <termSec><term>Bina</term></termSec>
    <termSec><term>Binah</term>
      <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
   </langSec>
  </conceptEntry>
 </body></text>
</tbx>"""
    tb = read_tbx(data, "v3.tbx")
    concept = tb.concept("c1")
    assert [(t.text, t.status) for t in concept.terms] == [
        ("Bina", TermStatus.PREFERRED),
        ("Binah", TermStatus.FORBIDDEN),
    ]
    assert tb.warnings and "preferred" in tb.warnings[0]


@pytest.mark.parametrize(
    ("body", "problem", "line"),
    [
        (
            '<termEntry id="a"><langSet xml:lang="en"><tig><term>A</term><termNote '
            'type="administrativeStatus">weirdTerm</termNote></tig></langSet></termEntry>',
            "unknown administrativeStatus",
            3,
        ),
        (
            '<termEntry id="a"><langSet><tig><term>A</term></tig></langSet></termEntry>',
            "xml:lang",
            3,
        ),
        (
            '<termEntry id="a"><langSet xml:lang="en"><tig><term> </term></tig></langSet>'
            "</termEntry>",
            "empty term",
            3,
        ),
    ],
)
def test_bad_entries_name_the_line(body: str, problem: str, line: int) -> None:
    head = '<?xml version="1.0"?>\n<martif type="TBX-Basic">\n'
    data = f"{head}<text><body>{body}</body></text></martif>"
    with pytest.raises(InputError) as error:
        read_tbx(data.encode(), "bad.tbx")
    assert problem in error.value.problem and error.value.line == line
    assert error.value.file == "bad.tbx"


def test_not_xml_and_not_tbx() -> None:
    with pytest.raises(InputError, match="not a valid TBX"):
        read_tbx(b"<martif><text>", "broken.tbx")
    with pytest.raises(InputError, match="root element"):
        read_tbx(b"<html/>", "page.tbx")


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE martif [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<martif type="TBX-Basic"><text><body><termEntry id="a"><langSet xml:lang="en">
<tig><term>&lol9;</term></tig></langSet></termEntry></body></text></martif>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<martif type="TBX-Basic"><text><body><termEntry id="a"><langSet xml:lang="en">
<tig><term>&secret;</term></tig></langSet></termEntry></body></text></martif>"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, XXE], ids=["billion-laughs", "xxe"])
def test_entity_attacks_are_refused_with_a_clear_error(data: bytes) -> None:
    with pytest.raises(InputError) as error:
        read_tbx(data, "attack.tbx")
    assert error.value.file == "attack.tbx"
    assert "DTD" in error.value.problem or "entit" in error.value.problem
    assert "root:" not in str(error.value)  # nothing of /etc/passwd leaked


def test_registered_as_a_glossary_format() -> None:
    assert for_filename("terms.tbx", "glossary").write is write_tbx
