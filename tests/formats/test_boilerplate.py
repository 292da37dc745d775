"""Site chrome rules: what each default rule removes, what it must leave, and pattern files."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.errors import InputError
from workbench.formats.boilerplate import (
    BoilerplatePatterns,
    default_patterns,
    load_patterns,
    parse_patterns,
    strip_boilerplate,
)
from workbench.formats.sources import read_source
from workbench.model import Paragraph, ParagraphKind, StrippedBlock

BODY = "Answer: We rise together only when each of us gives something to the friends."


def paragraphs(*texts: str) -> list[Paragraph]:
    return [Paragraph(text, line=number) for number, text in enumerate(texts, start=1)]


def strip(*texts: str, patterns: BoilerplatePatterns | None = None):  # type: ignore[no-untyped-def]
    return strip_boilerplate(paragraphs(*texts), patterns or default_patterns())


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Discussion | Share Feedback | Ask a question", "share-bar"),
        ("Duscusión / Compartir Retroalimentación / Haz una pregunta", "share-bar"),
        ("Discussioni | Condividi commenti | Fai una domanda", "share-bar"),
        ("Laitman.com Comments RSS Feed", "comments-feed"),
        ("Laitman.it commenti RSS Feed", "comments-feed"),
        ("Next Post: Why We Need The Friends", "previous-next-post"),
        ("Entrada anterior: La fuerza de la decena", "previous-next-post"),
        ("Kabbalah Newsletter", "newsletter"),
        ("Free weekly updates, articles and videos.", "newsletter"),
        ("Privacy: Your email address will never be rented, traded or sold.", "newsletter"),
        (
            "The Daily Page is a collection of excerpts taken from the lessons of the week",
            "daily-page-intro",
        ),
        ("Daily Pages", "daily-page-nav"),
        (
            "Transcription is made from simultaneous translation, so the audio may differ",
            "transcript-disclaimer",
        ),
        (
            "Стенограмма набрана и отредактирована с русского синхронного перевода, "
            "поэтому возможны неточности.",
            "transcript-disclaimer",
        ),
        (
            "Kabbala und der Sinn des Lebens - Michael Laitmans persönlicher Blog",
            "blog-header",
        ),
        ("Beiträge in der Kategorie 'Gruppe'", "blog-header"),
        ("Zum Kabbalalernzentrum–>", "blog-header"),
        ("Audio Version Of The Blog – 3/21/23", "audio-version"),
        ("Download:MP3 Audio", "audio-version"),
        ("каббалист Михаэль Лайтман", "caption-line"),
        ("Dr. Michael Laitman", "caption-line"),
    ],
)
def test_paragraph_rules_remove_their_chrome(text: str, rule: str) -> None:
    kept, stripped = strip(BODY, text, BODY)
    assert [p.text for p in kept] == [BODY, BODY]
    assert stripped == [StrippedBlock(text, rule, 2)]


@pytest.mark.parametrize(
    ("text", "prefix", "rest", "rule"),
    [
        (
            "Dr. Michael LaitmanStarting today we hold on.",
            "Dr. Michael Laitman",
            "Starting",
            "caption-name",
        ),
        (
            "каббалист Михаэль ЛайтманВопрос: как?",
            "каббалист Михаэль Лайтман",
            "Вопрос",
            "caption-name",
        ),
        ("547.06Why did it fail?", "547.06", "Why", "caption-number"),
        ("226Question: What is a Kli?", "226", "Question", "caption-number"),
        ("12¿Qué es un Kli?", "12", "¿Qué", "caption-number"),
        (
            "Laitman_166A question I received: why?",
            "Laitman_166",
            "A question",
            "caption-image-file",
        ),
        (
            "laitman_2009-11_8744Pregunta: ¿por qué?",
            "laitman_2009-11_8744",
            "Pregunta",
            "caption-image-file",
        ),
        ("IMG_2041Question: and the friends?", "IMG_2041", "Question", "caption-image-file"),
    ],
)
def test_glued_captions_are_cut_and_the_rest_kept(
    text: str, prefix: str, rest: str, rule: str
) -> None:
    kept, stripped = strip(text)
    assert kept == [Paragraph(text[len(prefix) :], line=1)]
    assert kept[0].text.startswith(rest)
    assert stripped == [StrippedBlock(prefix, rule, 1)]


@pytest.mark.parametrize(
    "text",
    [
        "Dr. Laitman said that the group comes first.",
        "Dr. Michael Laitman explains the four phases of direct light.",
        "Michael Laitman: the desire is the only material.",
        "2018 was the year of the big convention.",
        "3D glasses will not show you the upper world.",
        "1960s Russia had no Kabbalah groups at all.",
        "10 friends make a Minyan.",
        "100% of the desire has to come from the group.",
        "5.2 billion people live in cities.",
        "Laitman_ is how the file prefix looks.",
        "Discussion of the article continues below.",
        "Related material was published in the book.",
        "One comment from a friend changed everything for me.",
        "Daily Kabbalah Lesson notes from a student.",
    ],
)
def test_real_content_is_never_eaten(text: str) -> None:
    kept, stripped = strip(text, BODY)
    assert [p.text for p in kept] == [text, BODY]
    assert stripped == []


def test_a_caption_rule_never_removes_the_whole_paragraph() -> None:
    patterns = parse_patterns(
        '[[rule]]\nname = "greedy"\nkind = "prefix"\npattern = ".*"\n', "greedy.toml"
    )
    kept, stripped = strip_boilerplate(paragraphs("Everything here stays."), patterns)
    assert [p.text for p in kept] == ["Everything here stays."]
    assert stripped == []


def test_related_material_takes_titles_and_stops_at_a_sentence() -> None:
    kept, stripped = strip(
        BODY,
        "Related Material:",
        "When The Feeling Goes Away",
        "Is It A Utopia Or Reality?",
        "This paragraph is a real sentence of the post.",
    )
    assert [p.text for p in kept] == [BODY, "This paragraph is a real sentence of the post."]
    assert [(b.rule, b.line) for b in stripped] == [("related-material", n) for n in (2, 3, 4)]


def test_a_section_ends_where_the_next_chrome_block_starts() -> None:
    kept, stripped = strip(
        BODY,
        "Материалы по теме:",
        "Сила десятки",
        "2 Comments",
        "Great answer, thank you.",
        "I will share this with my group.",
        "Discussion | Share Feedback | Ask a question",
    )
    assert [p.text for p in kept] == [BODY]
    assert [b.rule for b in stripped] == [
        "related-material",
        "related-material",
        "comments",
        "comments",
        "comments",
        "share-bar",
    ]


def test_previous_post_label_takes_only_the_one_title_under_it() -> None:
    kept, stripped = strip(BODY, "Previous Post:", "Why We Need The Friends", BODY)
    assert [p.text for p in kept] == [BODY, BODY]
    assert [b.text for b in stripped] == ["Previous Post:", "Why We Need The Friends"]


def test_a_rule_limited_to_the_first_paragraph_does_not_act_later() -> None:
    kept, stripped = strip("Daily Kabbalah Lesson", BODY, "Daily Kabbalah Lesson")
    assert [p.text for p in kept] == [BODY, "Daily Kabbalah Lesson"]
    assert [(b.rule, b.line) for b in stripped] == [("kabbalah-info-header", 1)]


def test_kind_and_line_survive_a_caption_cut() -> None:
    source = [Paragraph("226Question: why?", ParagraphKind.QUOTE, 7)]
    kept, _ = strip_boilerplate(source, default_patterns())
    assert kept == [Paragraph("Question: why?", ParagraphKind.QUOTE, 7)]


# --- pattern files ---------------------------------------------------------------------------


def test_default_rules_are_named_uniquely_and_loaded_from_the_package() -> None:
    patterns = load_patterns(None)
    assert patterns is default_patterns()
    assert len(patterns.names) == len(set(patterns.names))
    assert {"share-bar", "related-material", "comments", "caption-name"} <= set(patterns.names)
    assert all(rule.description for rule in patterns.rules)


def test_project_file_disables_adds_and_replaces_rules(tmp_path: Path) -> None:
    path = tmp_path / "boilerplate.toml"
    path.write_text(
        'disable = ["comments"]\n'
        "\n"
        "[[rule]]\n"
        'name = "share-bar"\n'
        'kind = "paragraph"\n'
        "pattern = 'Share this post'\n"
        "\n"
        "[[rule]]\n"
        'name = "site-footer"\n'
        'kind = "section"\n'
        'description = "our own footer"\n'
        "patterns = ['(?i)about the author']\n"
        "max_following = 1\n",
        encoding="utf-8",
    )
    patterns = load_patterns(path)
    assert "comments" not in patterns.names
    assert patterns.names.index("share-bar") == default_patterns().names.index("share-bar")
    assert patterns.names[-1] == "site-footer"
    kept, stripped = strip(
        "One Comment",
        "Share this post",
        "Discussion | Share Feedback | Ask a question",
        "About the Author",
        "He teaches every morning.",
        BODY,
        patterns=patterns,
    )
    assert [p.text for p in kept] == [
        "One Comment",
        "Discussion | Share Feedback | Ask a question",
        BODY,
    ]
    assert [b.rule for b in stripped] == ["share-bar", "site-footer", "site-footer"]


def test_inherit_false_starts_from_no_rules(tmp_path: Path) -> None:
    path = tmp_path / "only.toml"
    path.write_text('inherit = false\n[[rule]]\nname = "x"\nkind = "paragraph"\npattern = \'X\'\n')
    assert load_patterns(path).names == ["x"]


def test_read_source_uses_the_patterns_it_is_given() -> None:
    text = (
        "Question: How do we keep the unity we felt at the convention after we go home?\n"
        "One Comment\n"
        "A reader wrote that this helped the whole group very much.\n"
    )
    default = read_source(text.encode(), "post.txt")
    assert [p.text for p in default.paragraphs] == [text.splitlines()[0]]
    relaxed = read_source(
        text.encode(), "post.txt", patterns=default_patterns().without("comments")
    )
    assert [p.text for p in relaxed.paragraphs] == text.splitlines()
    with pytest.raises(KeyError):
        default_patterns().without("no-such-rule")


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        ('[[rule]]\nname = "a"\nkind = "paragraph"\npattern = \n', 4, "not a valid pattern file"),
        (
            '[[rule]]\nname = "a"\nkind = "paragraph"\npattern = "x"\n\n'
            '[[rule]]\nname = "b"\nkind = "paragraph"\npatterns = [\n  "ok",\n  "(unclosed",\n]\n',
            11,
            "rule 'b': bad regular expression in 'patterns': missing ), unterminated subpattern",
        ),
        ('[[rule]]\nname = "a"\n\nkind = "banner"\npattern = "x"\n', 4, "'kind' must be one of"),
        ('[[rule]]\nname = "a"\nkind = "paragraph"\npatern = "x"\n', 4, "unknown key 'patern'"),
        ('\n\ndisable = ["no-such-rule"]\n', 3, "'disable' names no known rule 'no-such-rule'"),
        ('[[rule]]\nname = "Bad Name"\n', 2, "every rule needs a 'name'"),
        (
            '[[rule]]\nname = "a"\nkind = "paragraph"\npattern = "x"\nfollowing = ".*"\n',
            5,
            "'following' and 'max_following' only apply to kind = \"section\"",
        ),
        (
            '[[rule]]\nname = "a"\nkind = "section"\npattern = "x"\nmax_following = -1\n',
            5,
            "'max_following' must be a whole number",
        ),
        (
            '[[rule]]\nname = "a"\nkind = "paragraph"\npattern = "x"\n'
            '[[rule]]\nname = "a"\nkind = "paragraph"\npattern = "y"\n',
            6,
            "rule 'a' is defined twice",
        ),
        ('colour = "red"\n', 1, "unknown setting 'colour'"),
    ],
)
def test_bad_pattern_file_names_file_and_line(
    tmp_path: Path, content: str, line: int, message: str
) -> None:
    path = tmp_path / "boilerplate.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_patterns(path)
    assert caught.value.file == str(path)
    assert caught.value.line == line
    assert message in caught.value.problem


def test_missing_pattern_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read the pattern file"):
        load_patterns(tmp_path / "absent.toml")
