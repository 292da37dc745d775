"""Hand corrections of an alignment: each operation, and any sequence of them, stays valid."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.align.edit import (
    AlignedText,
    AlignmentEditError,
    detach,
    join_sentences,
    merge_with_next,
    move_down,
    move_up,
    next_to_review,
    remap_source,
    set_confirmed,
    split_link,
    split_sentence,
    validate,
)
from workbench.align.model import Link


def state(
    pairs: list[tuple[tuple[int, ...], tuple[int, ...]]],
    n_src: int,
    n_tgt: int,
    scores: list[float] | None = None,
) -> AlignedText:
    links = tuple(Link(s, t, scores[i] if scores else 0.9) for i, (s, t) in enumerate(pairs))
    return AlignedText(
        src=tuple(f"Source sentence {i}." for i in range(n_src)),
        tgt=tuple(f"Target sentence {i}." for i in range(n_tgt)),
        links=links,
        confirmed=tuple(False for _ in links),
    )


def pairs(s: AlignedText) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [link.pair for link in s.links]


BASE = state([((0,), (0,)), ((1,), (1, 2)), ((2,), ()), ((3,), (3,))], 4, 4)


def test_merge_and_split_link() -> None:
    merged = merge_with_next(BASE, 1)
    assert pairs(merged) == [((0,), (0,)), ((1, 2), (1, 2)), ((3,), (3,))]
    assert pairs(split_link(merged, 1)) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,))]
    with pytest.raises(AlignmentEditError):
        merge_with_next(BASE, 3)


def test_move_sentences_between_neighbours() -> None:
    moved = move_down(BASE, 1, "tgt")
    assert pairs(moved)[1:3] == [((1,), (1,)), ((2,), (2,))]
    back = move_up(moved, 2, "tgt")
    assert pairs(back) == pairs(BASE)
    # moving the only sentence out of a link removes the emptied link
    emptied = move_up(BASE, 2, "src")
    assert pairs(emptied) == [((0,), (0,)), ((1, 2), (1, 2)), ((3,), (3,))]


def test_detach_gives_each_side_an_empty_partner() -> None:
    detached = detach(BASE, 0)
    assert pairs(detached)[:2] == [((0,), ()), ((), (0,))]
    with pytest.raises(AlignmentEditError):
        detach(BASE, 2)


def test_split_and_join_sentences_keep_the_text() -> None:
    split = split_sentence(BASE, "tgt", 1, len("Target"))
    assert split.tgt[1:3] == ("Target", "sentence 1.")
    assert pairs(split)[1] == ((1,), (1, 2, 3))
    joined = join_sentences(split, "tgt", 1)
    assert joined.tgt == BASE.tgt
    assert pairs(joined) == pairs(BASE)


def test_join_across_links_merges_them() -> None:
    joined = join_sentences(BASE, "src", 0)
    assert joined.src[0] == "Source sentence 0. Source sentence 1."
    assert pairs(joined)[0] == ((0,), (0, 1, 2))


def test_confirm_and_next_to_review() -> None:
    s = state([((0,), (0,)), ((1,), (1,)), ((2,), (2,))], 3, 3, scores=[0.9, 0.2, 0.95])
    s = set_confirmed(s, 0)
    assert next_to_review(s, 0) == 1
    assert next_to_review(s, 1) == 2
    assert next_to_review(s, 0, low_only=True) == 1
    s = set_confirmed(set_confirmed(s, 1), 2)
    assert next_to_review(s, 0) is None


def test_edits_unconfirm_what_they_change_only() -> None:
    s = set_confirmed(set_confirmed(BASE, 0), 3)
    merged = merge_with_next(s, 1)
    assert merged.confirmed == (True, False, True)


def test_remap_source_keeps_other_languages_valid() -> None:
    links = [Link((0,), (0,)), Link((1, 2), (1,)), Link((3,), ())]
    split, confirmed = remap_source(links, [True, True, False], "split", 1)
    validate(split, 5, 2)
    assert [x.pair for x in split] == [((0,), (0,)), ((1, 2, 3), (1,)), ((4,), ())]
    assert confirmed == [True, True, False]
    joined, _ = remap_source(links, [True, True, False], "join", 2)
    validate(joined, 3, 2)
    assert [x.pair for x in joined] == [((0,), (0,)), ((1, 2), (1,))]


OPS = st.lists(
    st.tuples(
        st.sampled_from(["merge", "split", "detach", "up", "down", "ssplit", "join", "confirm"]),
        st.integers(0, 20),
        st.sampled_from(["src", "tgt"]),
    ),
    max_size=25,
)


@settings(max_examples=200, deadline=None)
@given(ops=OPS)
def test_any_sequence_of_edits_stays_a_valid_alignment(ops) -> None:  # type: ignore[no-untyped-def]
    s = BASE
    words = {"src": " ".join(BASE.src).split(), "tgt": " ".join(BASE.tgt).split()}
    for op, index, side in ops:
        try:
            if op == "merge":
                s = merge_with_next(s, index % len(s.links))
            elif op == "split":
                s = split_link(s, index % len(s.links))
            elif op == "detach":
                s = detach(s, index % len(s.links))
            elif op == "up":
                s = move_up(s, index % len(s.links), side)
            elif op == "down":
                s = move_down(s, index % len(s.links), side)
            elif op == "ssplit":
                texts = getattr(s, side)
                k = index % len(texts)
                s = split_sentence(s, side, k, texts[k].find(" ") if " " in texts[k] else 0)
            elif op == "join":
                s = join_sentences(s, side, index % len(getattr(s, side)))
            else:
                s = set_confirmed(s, index % len(s.links))
        except AlignmentEditError:
            continue
        validate(s.links, len(s.src), len(s.tgt))
        assert " ".join(s.src).split() == words["src"]
        assert " ".join(s.tgt).split() == words["tgt"]
