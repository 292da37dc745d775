from __future__ import annotations

from workbench.tm import DiffSpan, word_diff
from workbench.tm.text import adapt_numbers, placeable_changes


def changes(new: str, old: str) -> list[tuple[str, str, str]]:
    return [(s.op, s.text, s.old) for s in word_diff(new, old) if s.op != "equal"]


def test_identical_texts_are_one_equal_span() -> None:
    assert word_diff("The Light fills the vessel.", "The Light fills the vessel.") == [
        DiffSpan("equal", "The Light fills the vessel.", "The Light fills the vessel.")
    ]


def test_replaced_word() -> None:
    spans = word_diff("The Light fills the screen.", "The Light fills the vessel.")
    assert spans == [
        DiffSpan("equal", "The Light fills the ", "The Light fills the "),
        DiffSpan("replace", "screen", "vessel"),
        DiffSpan("equal", ".", "."),
    ]


def test_inserted_and_deleted_words() -> None:
    assert changes("The upper Light fills the vessel.", "The Light fills the vessel.") == [
        ("insert", "upper ", "")
    ]
    assert changes("The Light fills the vessel.", "The Light fills the whole vessel.") == [
        ("delete", "", "whole ")
    ]


def test_a_changed_phrase_is_one_span() -> None:
    assert changes(
        "We read the Book of Zohar today.", "We read the Study of the Ten Sefirot today."
    ) == [("replace", "Book of Zohar", "Study of the Ten Sefirot")]


def test_case_punctuation_and_numbers_show() -> None:
    assert changes("what is the Light?", "What is the Light?") == [("replace", "what", "What")]
    assert changes("What is the Light!", "What is the Light?") == [("replace", "!", "?")]
    assert changes("Lesson 13, part 2.", "Lesson 12, part 2.") == [("replace", "13", "12")]


def test_joined_sides_give_back_both_texts() -> None:
    new = "Question: how can I feel the Creator in the group, really?"
    old = "Answer: how can we feel  the Creator in the ten?"
    spans = word_diff(new, old)
    assert "".join(s.text for s in spans) == new
    assert "".join(s.old for s in spans) == old
    assert all(s.text == s.old for s in spans if s.op == "equal")
    assert all(s.op in {"equal", "insert", "delete", "replace"} for s in spans)


def test_diff_of_empty_texts() -> None:
    assert word_diff("", "") == []
    assert word_diff("new", "") == [DiffSpan("insert", "new", "")]
    assert word_diff("", "old") == [DiffSpan("delete", "", "old")]


def test_russian_and_hebrew_words_are_words() -> None:
    assert changes("Свет наполняет кли.", "Свет наполняет сосуд.") == [("replace", "кли", "сосуд")]
    assert changes("אור ישר וכלי", "אור חוזר וכלי") == [("replace", "ישר", "חוזר")]


def test_placeable_changes() -> None:
    assert placeable_changes("Item 12, page 3.", "Item 11, page 3.") == (("11", "12"),)
    assert placeable_changes("On 2024-05-01 at 12:30.", "On 2023-01-09 at 9:15.") == (
        ("2023-01-09", "2024-05-01"),
        ("9:15", "12:30"),
    )
    assert placeable_changes("Item 12, page 3.", "Item 12, page 3.") is None
    assert placeable_changes("Item 12, page 4, line 2.", "Item 12, page 3.") is None
    assert placeable_changes("Article 12, page 3.", "Item 11, page 3.") is None
    # Case and punctuation do not count as other changes.
    assert placeable_changes("item 12, page 3", "Item 11, page 3.") == (("11", "12"),)


def test_adapt_numbers() -> None:
    assert adapt_numbers("Пункт 11, страница 3.", (("11", "12"),)) == "Пункт 12, страница 3."
    assert adapt_numbers("Пункт 11 и 11.", (("11", "12"),)) is None
    assert adapt_numbers("Пункт одиннадцать.", (("11", "12"),)) is None
    swapped = adapt_numbers("Страницы 3 и 4.", (("3", "4"), ("4", "5")))
    assert swapped == "Страницы 4 и 5."
    assert adapt_numbers("113 и 11", (("11", "12"),)) == "113 и 12"
