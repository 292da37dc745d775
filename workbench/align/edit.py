"""Hand corrections of an alignment: the operations of the Align page, as pure functions.

An alignment here is a list of ``Link`` over two lists of sentences. Every operation takes
the current state and returns a new one, never changing its input, so the page can keep an
undo/redo stack of states and the service can check the result before storing it. Each
result is validated: links cover every sentence of both sides exactly once, in order.
A link is *confirmed* when a person said it is right; confirmed links survive re-alignment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from workbench.align.model import Link

Side = str  # "src" or "tgt"


class AlignmentEditError(ValueError):
    """The operation does not apply here (e.g. merging the last link with nothing)."""


@dataclass(frozen=True)
class AlignedText:
    """Both sides' sentences, the links between them and which links are confirmed."""

    src: tuple[str, ...]
    tgt: tuple[str, ...]
    links: tuple[Link, ...]
    confirmed: tuple[bool, ...]

    def __post_init__(self) -> None:
        if len(self.confirmed) != len(self.links):
            raise AlignmentEditError("one confirmed flag per link is needed")
        validate(self.links, len(self.src), len(self.tgt))


def validate(links: Sequence[Link], n_src: int, n_tgt: int) -> None:
    """Raise unless ``links`` cover sentences 0..n-1 of each side once each, in order."""
    next_src = next_tgt = 0
    for number, link in enumerate(links):
        for side, start, expected, size in (
            ("source", link.src, next_src, n_src),
            ("target", link.tgt, next_tgt, n_tgt),
        ):
            if start and start[0] != expected:
                raise AlignmentEditError(
                    f"link {number} starts at {side} sentence {start[0]}, expected {expected}"
                )
            if start and start[-1] >= size:
                raise AlignmentEditError(f"link {number} names {side} sentence {start[-1]}")
        next_src += len(link.src)
        next_tgt += len(link.tgt)
    if (next_src, next_tgt) != (n_src, n_tgt):
        raise AlignmentEditError(
            f"links cover {next_src} of {n_src} source and {next_tgt} of {n_tgt} target sentences"
        )


def _with(
    state: AlignedText, links: list[Link], confirmed: list[bool], **texts: tuple
) -> AlignedText:  # type: ignore[type-arg]
    return AlignedText(
        src=texts.get("src", state.src),
        tgt=texts.get("tgt", state.tgt),
        links=tuple(links),
        confirmed=tuple(confirmed),
    )


def _check_index(state: AlignedText, index: int) -> None:
    if not 0 <= index < len(state.links):
        raise AlignmentEditError(f"there is no link {index + 1}")


def merge_with_next(state: AlignedText, index: int) -> AlignedText:
    """Join link ``index`` with the one after it (e.g. a 1-1 and a 1-0 into a 2-1)."""
    _check_index(state, index)
    if index + 1 >= len(state.links):
        raise AlignmentEditError("the last link has nothing after it to merge with")
    first, second = state.links[index], state.links[index + 1]
    merged = Link(first.src + second.src, first.tgt + second.tgt, min(first.score, second.score))
    links = [*state.links[:index], merged, *state.links[index + 2 :]]
    confirmed = [*state.confirmed[:index], False, *state.confirmed[index + 2 :]]
    return _with(state, links, confirmed)


def split_link(state: AlignedText, index: int) -> AlignedText:
    """Break a link into one-to-one links, the leftover sentences unpaired
    (``[1, 2]:[3]`` becomes ``[1]:[3]`` and ``[2]:[]``)."""
    _check_index(state, index)
    link = state.links[index]
    if len(link.src) <= 1 and len(link.tgt) <= 1:
        if link.src and link.tgt:
            return detach(state, index)
        raise AlignmentEditError("a link of one sentence cannot be split further")
    parts = []
    for k in range(max(len(link.src), len(link.tgt))):
        src = link.src[k : k + 1]
        tgt = link.tgt[k : k + 1]
        parts.append(Link(src, tgt, link.score))
    links = [*state.links[:index], *parts, *state.links[index + 1 :]]
    confirmed = [*state.confirmed[:index], *[False] * len(parts), *state.confirmed[index + 1 :]]
    return _with(state, links, confirmed)


def detach(state: AlignedText, index: int) -> AlignedText:
    """Give each side of a 1-1 link an empty partner: ``[1]:[3]`` becomes ``[1]:[]`` and
    ``[]:[3]`` (a sentence the other version does not have)."""
    _check_index(state, index)
    link = state.links[index]
    if not link.src or not link.tgt:
        raise AlignmentEditError("this link already has an empty side")
    if len(link.src) > 1 or len(link.tgt) > 1:
        raise AlignmentEditError("split the link into single sentences first")
    parts = [Link(link.src, (), link.score), Link((), link.tgt, link.score)]
    links = [*state.links[:index], *parts, *state.links[index + 1 :]]
    confirmed = [*state.confirmed[:index], False, False, *state.confirmed[index + 1 :]]
    return _with(state, links, confirmed)


def move_up(state: AlignedText, index: int, side: Side) -> AlignedText:
    """Move the first sentence of one side of link ``index`` into the link before it."""
    _check_index(state, index)
    if index == 0:
        raise AlignmentEditError("the first link has no link before it")
    link, before = state.links[index], state.links[index - 1]
    moving = getattr(link, side)
    if not moving:
        raise AlignmentEditError(f"link {index + 1} has no {_side_name(side)} sentence to move")
    new_before = _changed(before, side, getattr(before, side) + moving[:1])
    new_link = _changed(link, side, moving[1:])
    return _replace_pair(state, index - 1, new_before, new_link)


def move_down(state: AlignedText, index: int, side: Side) -> AlignedText:
    """Move the last sentence of one side of link ``index`` into the link after it."""
    _check_index(state, index)
    if index + 1 >= len(state.links):
        raise AlignmentEditError("the last link has no link after it")
    link, after = state.links[index], state.links[index + 1]
    moving = getattr(link, side)
    if not moving:
        raise AlignmentEditError(f"link {index + 1} has no {_side_name(side)} sentence to move")
    new_link = _changed(link, side, moving[:-1])
    new_after = _changed(after, side, moving[-1:] + getattr(after, side))
    return _replace_pair(state, index, new_link, new_after)


def _changed(link: Link, side: Side, indices: tuple[int, ...]) -> Link | None:
    """``link`` with ``side`` replaced; None when nothing is left on either side."""
    src = indices if side == "src" else link.src
    tgt = indices if side == "tgt" else link.tgt
    return Link(src, tgt, link.score) if src or tgt else None


def _replace_pair(state: AlignedText, first: int, a: Link | None, b: Link | None) -> AlignedText:
    pair = [x for x in (a, b) if x is not None]
    links = [*state.links[:first], *pair, *state.links[first + 2 :]]
    confirmed = [*state.confirmed[:first], *[False] * len(pair), *state.confirmed[first + 2 :]]
    return _with(state, links, confirmed)


def set_confirmed(state: AlignedText, index: int, value: bool = True) -> AlignedText:
    _check_index(state, index)
    confirmed = list(state.confirmed)
    confirmed[index] = value
    return _with(state, list(state.links), confirmed)


def set_confirmed_many(
    state: AlignedText, indices: Sequence[int], value: bool = True
) -> AlignedText:
    """Confirm (or unconfirm) several links at once: one edit, one undo step."""
    confirmed = list(state.confirmed)
    for index in indices:
        _check_index(state, index)
        confirmed[index] = value
    return _with(state, list(state.links), confirmed)


def split_sentence(state: AlignedText, side: Side, sentence: int, offset: int) -> AlignedText:
    """Cut sentence ``sentence`` of ``side`` in two at character ``offset``; both halves stay
    in the sentence's link, later sentences move up by one."""
    texts = list(getattr(state, side))
    if not 0 <= sentence < len(texts):
        raise AlignmentEditError(f"there is no {_side_name(side)} sentence {sentence + 1}")
    text = texts[sentence]
    head, tail = text[:offset].rstrip(), text[offset:].lstrip()
    if not head or not tail:
        raise AlignmentEditError("both parts of a split sentence need some text")
    texts[sentence : sentence + 1] = [head, tail]
    links = []
    for link in state.links:
        indices = getattr(link, side)
        shifted = tuple(i + 1 if i > sentence else i for i in indices)
        if sentence in indices:
            at = shifted.index(sentence)
            shifted = (*shifted[: at + 1], sentence + 1, *shifted[at + 1 :])
        links.append(replace(link, **{side: shifted}))
    return _with(state, links, list(state.confirmed), **{side: tuple(texts)})


def join_sentences(state: AlignedText, side: Side, sentence: int) -> AlignedText:
    """Join sentence ``sentence`` of ``side`` with the next one. If they sit in different
    links, those links are merged first (a sentence cannot belong to two links)."""
    texts = list(getattr(state, side))
    if not 0 <= sentence < len(texts) - 1:
        raise AlignmentEditError(f"{_side_name(side)} sentence {sentence + 1} has no next one")
    holder = _link_of(state, side, sentence)
    if sentence + 1 not in getattr(state.links[holder], side):
        state = _merge_until(state, holder, side, sentence + 1)
        holder = _link_of(state, side, sentence)
    texts = list(getattr(state, side))
    texts[sentence : sentence + 2] = [f"{texts[sentence]} {texts[sentence + 1]}"]
    links = []
    for link in state.links:
        indices = tuple(
            i - 1 if i > sentence else i for i in getattr(link, side) if i != sentence + 1
        )
        links.append(replace(link, **{side: indices}))
    confirmed = list(state.confirmed)
    confirmed[holder] = False
    return _with(state, links, confirmed, **{side: tuple(texts)})


def _merge_until(state: AlignedText, holder: int, side: Side, sentence: int) -> AlignedText:
    while sentence not in getattr(state.links[holder], side):
        state = merge_with_next(state, holder)
    return state


def _link_of(state: AlignedText, side: Side, sentence: int) -> int:
    for number, link in enumerate(state.links):
        if sentence in getattr(link, side):
            return number
    raise AlignmentEditError(f"{_side_name(side)} sentence {sentence + 1} is in no link")


def _side_name(side: Side) -> str:
    return "source" if side == "src" else "target"


def next_to_review(
    state: AlignedText, after: int, *, threshold: float = 0.5, low_only: bool = False
) -> int | None:
    """The next link after ``after`` that is unconfirmed (or, with ``low_only``, also below
    ``threshold``), wrapping around; None when there is none."""
    count = len(state.links)
    for step in range(1, count + 1):
        index = (after + step) % count
        if state.confirmed[index]:
            continue
        if low_only and state.links[index].score >= threshold:
            continue
        return index
    return None


def remap_source(
    links: Sequence[Link], confirmed: Sequence[bool], edit: str, sentence: int
) -> tuple[list[Link], list[bool]]:
    """Apply a split (``edit="split"``) or join (``"join"``) of source sentence ``sentence``
    to another language's links over the same source, so every alignment of a document
    stays valid when the pivot text changes. Only the texts' shape matters here."""
    state = AlignedText(
        src=tuple(f"s{i} x" for i in range(_count(links, "src"))),
        tgt=tuple(f"t{i}" for i in range(_count(links, "tgt"))),
        links=tuple(links),
        confirmed=tuple(confirmed),
    )
    if edit == "split":
        changed = split_sentence(state, "src", sentence, len(state.src[sentence]) - 1)
    elif edit == "join":
        changed = join_sentences(state, "src", sentence)
    else:
        raise AlignmentEditError(f"unknown source edit {edit!r}")
    return list(changed.links), list(changed.confirmed)


def _count(links: Sequence[Link], side: Side) -> int:
    return sum(len(getattr(link, side)) for link in links)
