"""PO export and strict import: header, status mapping, msgfmt, translate-toolkit, errors."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import require_binary
from workbench.errors import InputError
from workbench.formats.po import PoEntry, plural_forms, read_po, write_po
from workbench.formats.registry import formats
from workbench.model import ParagraphKind, Status, TranslationUnit, UnitText

MSGFMT = "/usr/bin/msgfmt"

TRICKY_TEXTS = [
    "Line one\nline two",
    "Tab\there and\ttwice",
    "Quotes \"double\" and 'single'",
    "Back\\slash \\n not a newline",
    "מלכות מקבלת את האור דרך המסך",  # RTL Hebrew
    "Light 😀 and ✡ stars",
    "Format-like %s %d %(name)s {0} {name} %%",
    "Trailing newline\n",
    "\nLeading newline",
    "Carriage\rreturn and bell\x07 and form\x0cfeed",
]


def unit(
    key: str,
    source: str,
    target: str | None = None,
    status: Status = Status.TRANSLATED,
    *,
    revision: int = 1,
    paragraph: int = 1,
    document: str = "the-ladder",
    kind: ParagraphKind = ParagraphKind.BODY,
    notes: tuple[str, ...] = (),
    terms: tuple[str, ...] = (),
) -> TranslationUnit:
    targets = () if target is None else (UnitText("ru", target, status, revision),)
    return TranslationUnit(
        key=key,
        document=document,
        source=UnitText("en", source),
        targets=targets,
        paragraph=paragraph,
        kind=kind,
        required_terms=terms,
        notes=notes,
    )


def export(units: list[TranslationUnit], **options: object) -> bytes:
    return write_po(units, "ru", project="Laitman blog", source_lang="en", **options)  # type: ignore[arg-type]


def msgfmt_check(tmp_path: Path, data: bytes) -> subprocess.CompletedProcess[str]:
    require_binary(MSGFMT, "gettext")
    path = tmp_path / "check.po"
    path.write_bytes(data)
    return subprocess.run(
        [MSGFMT, "-c", "--check-format", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_header_is_complete() -> None:
    data = export([unit("k1", "Hello", "Привет")], document="the-ladder")
    catalog = read_po(data, "out.po")
    header = catalog.header
    assert header["Project-Id-Version"] == "Laitman blog"
    assert header["Language"] == "ru"
    assert header["Language-Team"] == "ru"
    assert header["Content-Type"] == "text/plain; charset=UTF-8"
    assert header["Content-Transfer-Encoding"] == "8bit"
    assert header["MIME-Version"] == "1.0"
    assert header["X-Generator"] == "workbench 0.1.0"
    assert header["X-Source-Language"] == "en"
    assert header["X-Document"] == "the-ladder"
    assert header["Plural-Forms"].startswith("nplurals=3;")
    assert "POT-Creation-Date" not in header and "PO-Revision-Date" not in header
    assert catalog.language == "ru" and catalog.source_language == "en"


def test_revision_date_adds_dates_and_output_is_otherwise_deterministic() -> None:
    units = [unit("k1", "Hello", "Привет"), unit("k2", "World")]
    assert export(units) == export(units)
    dated = export(units, revision_date=datetime(2024, 3, 14, 9, 30, tzinfo=UTC))
    header = read_po(dated, "out.po").header
    assert header["PO-Revision-Date"] == "2024-03-14 09:30+0000"
    assert header["POT-Creation-Date"] == "2024-03-14 09:30+0000"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "nplurals=2; plural=(n != 1);"),
        ("fr", "nplurals=2; plural=(n > 1);"),
        ("pt-BR", "nplurals=2; plural=(n > 1);"),
        ("uk", "nplurals=3;"),
        ("pl", "nplurals=3; plural=(n==1 ? 0"),
        ("cs", "nplurals=3; plural=(n==1) ? 0"),
        ("ar", "nplurals=6;"),
        ("zh", "nplurals=1; plural=0;"),
        ("ja", "nplurals=1; plural=0;"),
        ("xx", "nplurals=2; plural=(n != 1);"),
    ],
)
def test_plural_forms_table(lang: str, expected: str) -> None:
    assert plural_forms(lang).startswith(expected)


@pytest.mark.parametrize(
    ("status", "text", "fuzzy"),
    [
        (Status.NEW, "Черновик", True),
        (Status.DRAFT, "Черновик", True),
        (Status.TRANSLATED, "Готово", False),
        (Status.REVIEWED, "Готово", False),
        (Status.APPROVED, "Готово", False),
        (Status.DRAFT, "", False),  # no text: untranslated, never fuzzy
    ],
)
def test_status_to_fuzzy_mapping(status: Status, text: str, fuzzy: bool) -> None:
    data = export([unit("k1", "Source", text, status, revision=7)])
    entry = read_po(data, "out.po").entries[0]
    assert entry.fuzzy is fuzzy
    assert entry.status_hint is status
    assert entry.revision == 7
    assert entry.status is status
    assert f"workbench: revision=7 status={status.value}".encode() in data


def test_entry_layout() -> None:
    data = export(
        [
            unit(
                "the-ladder/3",
                "When Zeir Anpin rises",
                "Когда Зеир Анпин поднимается",
                Status.REVIEWED,
                revision=3,
                paragraph=4,
                notes=("Reviewer: keep the gloss", "second note"),
                terms=("Zeir Anpin → Зеир Анпин", "Malchut → Малхут"),
            )
        ]
    ).decode()
    block = data.split("\n\n")[1]
    assert block.splitlines() == [
        "# Reviewer: keep the gloss",
        "# second note",
        "#. glossary: Zeir Anpin → Зеир Анпин",
        "#. glossary: Malchut → Малхут",
        "#. workbench: revision=3 status=reviewed kind=body",
        "#: the-ladder:4",
        'msgctxt "the-ladder/3"',
        'msgid "When Zeir Anpin rises"',
        'msgstr "Когда Зеир Анпин поднимается"',
    ]
    assert "c-format" not in data


def test_untranslated_unit_has_no_revision() -> None:
    entry = read_po(export([unit("k1", "Source")]), "out.po").entries[0]
    assert entry.target == "" and entry.revision is None and entry.status is Status.NEW
    assert entry.to_unit("en", "ru").targets == ()


def test_document_names_with_spaces_are_quoted_in_references() -> None:
    data = export([unit("k1", "Source", "Текст", document="my post", paragraph=2)])
    assert "#: \u2068my post\u2069:2" in data.decode()
    entry = read_po(data, "out.po").entries[0]
    assert (entry.document, entry.paragraph) == ("my post", 2)


def test_read_restores_the_units() -> None:
    units = [
        unit(f"k{i}", text, text.upper(), Status.REVIEWED, revision=i, paragraph=i)
        for i, text in enumerate(TRICKY_TEXTS)
    ]
    catalog = read_po(export(units), "out.po")
    assert [e.to_unit("en", "ru") for e in catalog.entries] == units


def test_every_kind_of_content_passes_msgfmt(tmp_path: Path) -> None:
    units = [
        unit(f"k{i}", text, f"перевод {i}: {text}", status)
        for i, text in enumerate(TRICKY_TEXTS)
        for status in (Status.TRANSLATED, Status.DRAFT)
        if status == Status.TRANSLATED or i % 2
    ]
    units = [
        TranslationUnit(f"{u.key}-{n}", u.document, u.source, u.targets)
        for n, u in enumerate(units)
    ]
    units.append(unit("empty", "Nothing yet"))
    result = msgfmt_check(tmp_path, export(units))
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr.lower()


def test_line_break_mismatch_is_written_fuzzy_but_keeps_its_status(tmp_path: Path) -> None:
    units = [unit("k1", "Source\n", "Перевод", Status.APPROVED, revision=4)]
    data = export(units)
    assert "flag=newlines" in data.decode()
    result = msgfmt_check(tmp_path, data)
    assert result.returncode == 0, result.stderr
    entry = read_po(data, "out.po").entries[0]
    assert entry.fuzzy and entry.fuzzy_for_newlines
    assert entry.status is Status.APPROVED
    assert entry.to_unit("en", "ru") == units[0]


def test_translate_toolkit_reads_the_same_units() -> None:
    from translate.storage import po as ttk_po

    units = [
        unit(f"k{i}", text, f"перевод {i}: {text}", Status.TRANSLATED if i % 2 else Status.DRAFT)
        for i, text in enumerate(TRICKY_TEXTS)
    ]
    store = ttk_po.pofile(export(units))
    read = [u for u in store.units if not u.isheader()]
    assert [u.getcontext() for u in read] == [u.key for u in units]
    assert [u.source for u in read] == [u.source.text for u in units]
    assert [u.target for u in read] == [u.targets[0].text for u in units]
    assert [u.isfuzzy() for u in read] == [u.targets[0].status == Status.DRAFT for u in units]


def test_polib_reads_the_same_units(tmp_path: Path) -> None:
    import polib

    units = [
        unit(f"k{i}", text, f"перевод {i}: {text}", Status.TRANSLATED if i % 2 else Status.DRAFT)
        for i, text in enumerate(TRICKY_TEXTS)
    ]
    path = tmp_path / "out.po"
    path.write_bytes(export(units))
    read = list(polib.pofile(str(path)))
    assert [(e.msgctxt, e.msgid, e.msgstr) for e in read] == [
        (u.key, u.source.text, u.targets[0].text) for u in units
    ]
    assert [e.fuzzy for e in read] == [u.targets[0].status == Status.DRAFT for u in units]


def test_files_rewrapped_by_another_tool_read_the_same(tmp_path: Path) -> None:
    import polib

    units = [
        unit(
            f"k{i}",
            text * 4,
            f"перевод {i}: {text * 4}",
            Status.REVIEWED,
            notes=("a long note " * 12,),
            terms=("Zeir Anpin → Зеир Анпин",),
            kind=ParagraphKind.TITLE if i % 2 else ParagraphKind.LIST_ITEM,
        )
        for i, text in enumerate(TRICKY_TEXTS)
    ]
    ours = export(units)
    path = tmp_path / "ours.po"
    path.write_bytes(ours)
    catalog = polib.pofile(str(path), wrapwidth=40)
    rewrapped = str(catalog).encode()
    assert rewrapped != ours  # polib wrapped the long strings and comments
    expected = [e.to_unit("en", "ru") for e in read_po(ours, "ours.po").entries]
    back = [e.to_unit("en", "ru") for e in read_po(rewrapped, "polib.po").entries]
    assert [(u.key, u.source, u.targets, u.kind) for u in back] == [
        (u.key, u.source, u.targets, u.kind) for u in expected
    ]
    assert "#. kind=" in rewrapped.decode()  # the workbench line was wrapped


def test_translator_edits_change_the_status() -> None:
    data = export(
        [
            unit("new", "One"),
            unit("draft", "Two", "Два?", Status.DRAFT, revision=2),
            unit("done", "Three", "Три", Status.REVIEWED, revision=5),
        ]
    ).decode()
    # the translator fills in the first, accepts the draft and marks the third fuzzy
    edited = (
        data.replace('msgid "One"\nmsgstr ""', 'msgid "One"\nmsgstr "Один"')
        .replace('#, fuzzy\nmsgctxt "draft"', 'msgctxt "draft"')
        .replace('msgctxt "done"', '#, fuzzy\nmsgctxt "done"')
    )
    statuses = {e.key: e.status for e in read_po(edited.encode(), "back.po").entries}
    assert statuses == {"new": Status.TRANSLATED, "draft": Status.TRANSLATED, "done": Status.DRAFT}


def test_obsolete_entries_and_previous_strings_are_ignored() -> None:
    data = export([unit("k1", "Hello", "Привет")]).decode()
    data = data.replace('msgctxt "k1"', '#| msgid "Helo"\nmsgctxt "k1"')
    data += '\n# comment of an old entry\n#~ msgctxt "gone"\n#~ msgid "Old"\n#~ msgstr "Старое"\n'
    catalog = read_po(data.encode(), "out.po")
    assert [(e.key, e.target) for e in catalog.entries] == [("k1", "Привет")]
    assert catalog.entries[0].translator_comments == ()


def test_entry_line_points_at_msgctxt() -> None:
    data = export([unit("k1", "One", "Один"), unit("k2", "Two", "Два")])
    lines = data.decode().split("\n")
    for entry in read_po(data, "out.po").entries:
        assert lines[entry.line - 1] == f'msgctxt "{entry.key}"'


def test_crlf_files_are_read() -> None:
    data = export([unit("k1", "One\ntwo", "Один\nдва")]).replace(b"\n", b"\r\n")
    entry = read_po(data, "out.po").entries[0]
    assert (entry.source, entry.target) == ("One\ntwo", "Один\nдва")


HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ru\\n"\n\n'


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ('msgctxt "k"\nmsgid "abc\nmsgstr ""\n', 7, "unterminated string"),
        ('msgctxt "k"\nmsgid "abc" x\nmsgstr ""\n', 7, "unexpected text after the closing quote"),
        ('msgctxt "k"\nmsgid "a"b"\nmsgstr ""\n', 7, "unexpected text after the closing quote"),
        ('msgctxt "k"\nmsgstr "x"\n', 7, "msgstr without msgid"),
        ('msgctxt "k"\nmsgid "a\\q"\nmsgstr ""\n', 7, "unknown escape sequence"),
        (
            'msgctxt "k"\nmsgid "a"\nmsgstr "b"\n\nmsgctxt "k"\nmsgid "a"\nmsgstr "c"\n',
            10,
            "duplicate",
        ),
        (
            'msgctxt "k"\nmsgid "a"\n\nmsgctxt "j"\nmsgid "b"\nmsgstr ""\n',
            7,
            "msgid without msgstr",
        ),
        ('msgctxt "k"\nmsgid "a"\n', 7, "msgid without msgstr"),
        ('msgid "a"\nmsgstr "b"\n', 6, "without msgctxt"),
        ('msgctxt "k"\nmsgid "a"\nmsgid_plural "as"\nmsgstr[0] ""\n', 8, "plural"),
        ('msgctxt "k"\nmsgid "a"\nmsgstr "b"\n"stray"\nmsgtxt "x"\n', 10, "unexpected 'msgtxt'"),
        ('# comment\n"stray"\n', 7, "does not follow"),
        ('msgid "a"\nmsgctxt "k"\nmsgstr ""\n', 7, "msgctxt must come before msgid"),
        ('msgctxt "k"\nmsgctxt "k"\n', 7, "msgctxt appears twice"),
        ('msgctxt "k"\nmsgid ""\nmsgstr "x"\n', 6, "empty msgid"),
        ('#. workbench: revision=abc\nmsgctxt "k"\nmsgid "a"\nmsgstr ""\n', 7, "workbench:"),
        ('#. workbench: status=done\nmsgctxt "k"\nmsgid "a"\nmsgstr ""\n', 7, "workbench:"),
    ],
)
def test_malformed_files_are_refused_with_the_line(body: str, line: int, message: str) -> None:
    with pytest.raises(InputError) as caught:
        read_po((HEADER + body).encode(), "bad.po")
    assert caught.value.file == "bad.po"
    assert caught.value.line == line, caught.value
    assert message in caught.value.problem


def test_other_charsets_and_bytes_are_refused() -> None:
    latin = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n'
    with pytest.raises(InputError, match="charset ISO-8859-1") as caught:
        read_po(latin.encode(), "latin.po")
    assert caught.value.line == 2
    raw = (HEADER + 'msgctxt "k"\nmsgid "caf\xe9"\nmsgstr ""\n').encode("latin-1")
    with pytest.raises(InputError, match="not UTF-8") as caught:
        read_po(raw, "latin.po")
    assert caught.value.line == 7


def test_a_second_header_is_refused() -> None:
    with pytest.raises(InputError, match="second header"):
        read_po((HEADER + HEADER).encode(), "bad.po")


@pytest.mark.parametrize(
    ("units", "message"),
    [
        ([unit("k", "a"), unit("k", "b")], "used twice"),
        ([unit("", "a")], "no key"),
        ([unit("k", "")], "empty source"),
        ([unit("k", "a\x00b")], "NUL"),
        ([unit("k", "a", "b\x04c")], "context separator"),
        ([unit("k\x04", "a")], "context separator"),
    ],
)
def test_units_po_cannot_carry_are_refused(units: list[TranslationUnit], message: str) -> None:
    with pytest.raises(InputError, match=message):
        export(units)


def test_po_is_registered_as_an_exchange_format() -> None:
    spec = next(s for s in formats("exchange") if s.name == "po")
    assert spec.extensions == (".po",)
    assert spec.read is read_po and spec.write is write_po


def test_po_entry_status_without_a_workbench_line() -> None:
    entry = PoEntry("k", "a", "b", False, None, None, (), 1)
    assert entry.status is Status.TRANSLATED
    fuzzy = PoEntry("k", "a", "b", True, None, None, (), 1)
    assert fuzzy.status is Status.DRAFT
