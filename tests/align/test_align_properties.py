"""Properties of every alignment, checked on generated texts."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.align.helpers import covers_once
from workbench.align import Link, align, realign_between

WORDS = ["light", "vessel", "ten", "Malchut", "248613", "Laitman", "friends", "?", "!", ":"]
RU_WORDS = ["свет", "сосуд", "десятка", "Малхут", "248613", "Лайтман", "товарищи", "?", "!", ":"]

sentences = st.lists(
    st.lists(st.sampled_from(range(len(WORDS))), min_size=1, max_size=12), max_size=18
)


def render(words: list[list[int]], vocab: list[str]) -> list[str]:
    return [" ".join(vocab[w] for w in sentence) + "." for sentence in words]


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(src=sentences, tgt=sentences)
def test_every_sentence_once_in_order_and_scores_in_range(src: list, tgt: list) -> None:
    s = render(src, WORDS)
    t = render(tgt, RU_WORDS)
    result = align(s, t, "en", "ru")
    assert covers_once(result.pairs(), len(s), len(t))
    assert all(0.0 <= link.score <= 1.0 for link in result.links)
    assert 0.0 <= result.mean_confidence <= 1.0


@SETTINGS
@given(src=sentences, tgt=sentences)
def test_alignment_is_deterministic(src: list, tgt: list) -> None:
    s = render(src, WORDS)
    t = render(tgt, RU_WORDS)
    assert align(s, t, "en", "ru") == align(s, t, "en", "ru")


@SETTINGS
@given(src=sentences, tgt=sentences, data=st.data())
def test_realign_keeps_confirmed_links(src: list, tgt: list, data: st.DataObject) -> None:
    s = render(src, WORDS)
    t = render(tgt, RU_WORDS)
    first = align(s, t, "en", "ru").links
    confirmed = data.draw(st.lists(st.booleans(), min_size=len(first), max_size=len(first)))
    # A reviewer may also confirm a link the aligner did not propose.
    again = realign_between(s, t, first, confirmed, "en", "ru")
    kept = [link for link, keep in zip(first, confirmed, strict=True) if keep]
    assert all(link in again.links for link in kept)
    assert covers_once(again.pairs(), len(s), len(t))


@SETTINGS
@given(src=sentences, tgt=sentences, data=st.data())
def test_any_valid_fixed_link_is_honoured(src: list, tgt: list, data: st.DataObject) -> None:
    s = render(src, WORDS)
    t = render(tgt, RU_WORDS)
    if not s or not t:
        return
    i = data.draw(st.integers(0, len(s) - 1))
    j = data.draw(st.integers(0, len(t) - 1))
    pin = Link((i,), (j,), 0.5)
    result = align(s, t, "en", "ru", fixed=[pin])
    assert pin in result.links
    assert covers_once(result.pairs(), len(s), len(t))
