"""vecalign alignment link notation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.errors import InputError
from workbench.formats.vecalign import format_links, parse_links


def test_parse_all_link_shapes() -> None:
    text = "[0]:[0, 1]\n[1, 2]:[3]\n\n[4]:[]\n[]:[5]\n[6]:[6]:0.1234\n"
    assert parse_links(text, "a.align") == [
        ((0,), (0, 1)),
        ((1, 2), (3,)),
        ((4,), ()),
        ((), (5,)),
        ((6,), (6,)),
    ]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("[0]:[0]\n[1]-[1]\n", 2),
        ("[0]:[0]\n\n[-1]:[2]\n", 3),
        ("[]:[]\n", 1),
        ("[a]:[1]\n", 1),
        ("[0]:[1\n", 1),
    ],
)
def test_malformed_lines_name_file_and_line(text: str, line: int) -> None:
    with pytest.raises(InputError) as error:
        parse_links(text, "a.align")
    assert (error.value.file, error.value.line) == ("a.align", line)


def test_format_is_canonical() -> None:
    assert format_links([((0,), (0, 1)), ((), (2,))]) == "[0]:[0, 1]\n[]:[2]\n"
    with pytest.raises(ValueError):
        format_links([((), ())])


side = st.lists(st.integers(min_value=0, max_value=10_000), max_size=4).map(tuple)
links = st.lists(st.tuples(side, side).filter(lambda link: link[0] or link[1]), max_size=30)


@given(links)
def test_round_trip(found: list[tuple[tuple[int, ...], tuple[int, ...]]]) -> None:
    text = format_links(found)
    assert parse_links(text, "x") == found
    assert format_links(parse_links(text, "x")) == text
