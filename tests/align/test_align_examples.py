"""The aligner on small texts whose right alignment is known, and on the demo posts."""

from __future__ import annotations

import pytest

from tests.align.helpers import covers_once, demo, glossary, gold, strict_f1
from workbench.align import (
    AlignParams,
    Link,
    align,
    format_tsv,
    links_from_vecalign,
    links_to_vecalign,
    signature,
)
from workbench.align.features import cognate_key, extract, is_debris, punct_mask, skeleton
from workbench.errors import InputError

REQUEST = "how-a-request-rises-from-malchut-to-yeshsut.txt"
SIGNS = "three-signs-that-the-ten-is-alive.md"


def pairs(src: list[str], tgt: list[str], src_lang: str, tgt_lang: str, **kw: object) -> list:
    result = align(src, tgt, src_lang, tgt_lang, **kw)  # type: ignore[arg-type]
    assert covers_once(result.pairs(), len(src), len(tgt))
    return result.pairs()


def in_context(
    src: list[str], tgt: list[str], lang: str, **kw: object
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Align ``src``/``tgt`` set inside a real post (after its first 20 sentences), as they
    would occur, and return the links touching them, renumbered from 0.

    A four-sentence text alone has too little for any model to learn its length ratio or
    how rare a number is; a post has enough.
    """
    en = list(demo(REQUEST, "en"))
    other = list(demo(REQUEST, lang))
    full_src = en[:20] + src + en[20:]
    full_tgt = other[:20] + tgt + other[20:]
    found = pairs(full_src, full_tgt, "en", lang, **kw)
    inside_s = range(20, 20 + len(src))
    inside_t = range(20, 20 + len(tgt))
    return [
        (tuple(i - 20 for i in s), tuple(j - 20 for j in t))
        for s, t in found
        if any(i in inside_s for i in s) or any(j in inside_t for j in t)
    ]


# -- link shapes ------------------------------------------------------------------------------


def test_one_to_one() -> None:
    src = [
        "The group is the place where I can build Malchut correctly.",
        "Each of us is a point in the heart.",
        "Together these points form a common vessel.",
    ]
    tgt = [
        "Группа – это место, где я могу правильно построить Малхут.",
        "Каждый из нас – точка в сердце.",
        "Вместе эти точки образуют общий сосуд.",
    ]
    assert pairs(src, tgt, "en", "ru") == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


def test_a_sentence_split_in_two() -> None:
    src = [
        "Question: Why must my prayer pass through Zeir Anpin?",
        "Lo Lishma is the only material we have, because the Creator created nothing but a "
        "desire to receive, and He expects us to start precisely from it.",
        "The whole question is whether I agree that the light should change me.",
    ]
    tgt = [
        "Вопрос: Почему моя молитва должна пройти через Зеир Анпин?",
        "«Ло лишма» – это единственный материал, который у нас есть.",
        "Ведь Творец не создал ничего, кроме желания получать, и Он ждет, что мы начнем с него.",
        "Весь вопрос в том, согласен ли я, чтобы свет изменил меня.",
    ]
    assert pairs(src, tgt, "en", "ru", termbase=glossary()) == [
        ((0,), (0,)),
        ((1,), (1, 2)),
        ((2,), (3,)),
    ]


def test_two_sentences_merged_into_one() -> None:
    src = [
        "Remark: But it seems dishonest to me.",
        "I want spirituality because I feel bad in life, not because I love the friends.",
        "My Comment: That is exactly how it should be.",
    ]
    tgt = [
        "Реплика: Но мне это кажется нечестным: я хочу духовного, потому что мне плохо в "
        "жизни, а не потому, что люблю товарищей.",
        "Мой комментарий: Так и должно быть.",
    ]
    assert pairs(src, tgt, "en", "ru") == [((0, 1), (0,)), ((2,), (1,))]


def test_a_dropped_sentence_and_an_added_note() -> None:
    src = list(demo(REQUEST, "en"))
    ru = list(demo(REQUEST, "ru"))
    note = "(Примечание переводчика: в оригинале здесь игра слов, непереводимая дословно.)"
    # The translator skipped the sentence translating source 30 and added a note after 37.
    tgt = ru[:30] + ru[31:38] + [note] + ru[38:]
    moved = {j: j - (j > 30) + (j >= 38) for j in range(len(ru)) if j != 30}
    expected = []
    for s, t in gold(REQUEST, "ru"):
        expected.append((s, tuple(moved[j] for j in t if j in moved)))
        if t == (37,):
            expected.append(((), (37,)))
    expected = [((30,), ()) if p == ((30,), ()) else p for p in expected]
    assert pairs(src, tgt, "en", "ru", termbase=glossary()) == expected


# -- anchors ----------------------------------------------------------------------------------

CHAPTERS_EN = [
    "Chapter 1 speaks about the screen.",
    "Chapter 2 speaks about the light.",
    "Chapter 3 speaks about the vessel.",
    "Chapter 4 speaks about the ten.",
]
CHAPTERS_RU = [
    "Глава 1 говорит об экране.",
    "Глава 3 говорит о сосуде.",
    "Глава 4 говорит о десятке.",
]


def test_numbers_tell_which_sentence_is_missing() -> None:
    expected = [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3,), (2,))]
    assert in_context(CHAPTERS_EN, CHAPTERS_RU, "ru") == expected
    # Lengths alone cannot tell which of four look-alike sentences was dropped.
    blind = AlignParams(anchors=("punct",))
    assert in_context(CHAPTERS_EN, CHAPTERS_RU, "ru", params=blind) != expected


def test_post_ids_in_different_brackets_meet() -> None:
    en = list(demo(REQUEST, "en"))
    es = list(demo(REQUEST, "es"))
    assert en[44] == "[248613]" and es[43] == "(248613)"
    result = align(en, es, "en", "es")
    link = next(lk for lk in result.links if 44 in lk.src)
    assert link.pair == ((44,), (43,))
    assert link.score > 0.9


NAMES_EN = [
    "Michael spoke first about unity.",
    "Then Rabash was quoted at length.",
    "Laitman added a short remark.",
    "Baal HaSulam wrote about this.",
]
NAMES_RU = [
    "Первым об единстве говорил Михаэль.",
    "Лайтман добавил короткую реплику.",
    "Об этом писал Бааль Сулам.",
]


def test_names_match_across_scripts() -> None:
    assert cognate_key("Лайтмана") == cognate_key("Laitman")
    assert cognate_key("Рабашу") == cognate_key("Rabash")
    assert skeleton("Малхут") == skeleton("Malchut") == skeleton("Maljut")
    assert cognate_key("Binary") != cognate_key("Bina")
    expected = [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3,), (2,))]
    assert in_context(NAMES_EN, NAMES_RU, "ru") == expected


GLOSSARY_EN = [
    "We turn to the Creator together.",
    "The point in the heart awakens.",
    "Bestowal is the goal of the work.",
    "Arvut holds the ten together.",
]
GLOSSARY_RU = [
    "Вместе мы обращаемся к Творцу.",
    "Цель работы – отдача.",
    "Поручительство удерживает десятку.",
]
GLOSSARY_ES = [
    "Juntos nos dirigimos al Creador.",
    "La meta del trabajo es el otorgamiento.",
    "La garantía mutua sostiene la decena.",
]


@pytest.mark.parametrize(("lang", "tgt"), [("ru", GLOSSARY_RU), ("es", GLOSSARY_ES)])
def test_glossary_terms_anchor_inflected_forms(lang: str, tgt: list[str]) -> None:
    features = extract(tgt, lang, anchors=("glossary",), termbase=glossary())
    assert "g:creator" in features.keys[0]  # "к Творцу", "al Creador"
    assert "g:arvut" in features.keys[2]
    expected = [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3,), (2,))]
    assert in_context(GLOSSARY_EN, tgt, lang, termbase=glossary()) == expected
    # Without the glossary nothing ties "к Творцу" to "the Creator".
    assert in_context(GLOSSARY_EN, tgt, lang) != expected


def test_punctuation_and_speaker_labels() -> None:
    assert punct_mask("Вопрос: Почему?") & 0b1001 == 0b1001  # question and colon
    assert punct_mask("Pregunta: ¿Por qué?") & (1 << 6)  # speaker label
    assert not punct_mask("Plain sentence.") & (1 << 6)
    assert is_debris("Vv") and is_debris("- _-") and not is_debris("[248613]")


# -- the demo posts ---------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "lang"), [(REQUEST, "ru"), (REQUEST, "es"), (SIGNS, "ru")])
def test_demo_posts_match_the_hand_written_gold(name: str, lang: str) -> None:
    src = list(demo(name, "en"))
    tgt = list(demo(name, lang))
    result = align(src, tgt, "en", lang, termbase=glossary())
    assert strict_f1(gold(name, lang), result.pairs()) >= 0.95
    assert result.warnings == ()
    assert result.mean_confidence > 0.8
    right = set(gold(name, lang))
    assert all(link.score > 0.5 for link in result.links if link.pair in right)


def test_demo_merges_and_splits_are_found() -> None:
    src = list(demo(REQUEST, "en"))
    tgt = list(demo(REQUEST, "ru"))
    found = align(src, tgt, "en", "ru", termbase=glossary()).pairs()
    assert ((21,), (21, 22)) in found
    assert ((24, 25), (25,)) in found


# -- texts that are not translations of each other --------------------------------------------


@pytest.mark.parametrize(
    ("src", "tgt", "tgt_lang"),
    [
        ((REQUEST, "en"), (SIGNS, "ru"), "ru"),
        ((SIGNS, "en"), (REQUEST, "ru"), "ru"),
        ((REQUEST, "en"), ("a-lesson-on-arvut-the-ten-as-one-body.txt", "en"), "en"),
    ],
)
def test_unrelated_texts_get_low_confidence_and_a_warning(
    src: tuple[str, str], tgt: tuple[str, str], tgt_lang: str
) -> None:
    result = align(list(demo(*src)), list(demo(*tgt)), "en", tgt_lang, termbase=glossary())
    assert result.mean_confidence < 0.3
    assert any("do not look like translations" in w for w in result.warnings)
    assert sum(link.score > 0.6 for link in result.links) <= len(result.links) // 10


# -- fixed links ------------------------------------------------------------------------------


def test_confirmed_links_are_kept_even_when_the_search_would_not_choose_them() -> None:
    src = list(demo(REQUEST, "en"))
    tgt = list(demo(REQUEST, "ru"))
    odd = Link((10, 11), (10, 11), 0.42)  # two 1-1 links merged by a reviewer
    deleted = Link((30,), (), 1.0)
    result = align(src, tgt, "en", "ru", termbase=glossary(), fixed=[odd, deleted])
    assert odd in result.links
    assert deleted in result.links
    found = result.pairs()
    assert covers_once(found, len(src), len(tgt))
    assert ((9,), (9,)) in found and ((12,), (12,)) in found
    assert ((), (30,)) in found  # the target sentence lost its partner


def test_fixed_links_that_cross_are_refused() -> None:
    with pytest.raises(ValueError, match="cross"):
        align(["a.", "b."], ["c.", "d."], "en", "ru", fixed=[Link((0,), (1,)), Link((1,), (0,))])
    with pytest.raises(ValueError, match="overlaps"):
        align(["a.", "b."], ["c.", "d."], "en", "ru", fixed=[Link((0,), (1,)), Link((0,), ())])
    with pytest.raises(ValueError, match="past the end"):
        align(["a."], ["c."], "en", "ru", fixed=[Link((0,), (3,))])


# -- edges, output and bookkeeping -------------------------------------------------------------


def test_empty_and_one_sided_inputs() -> None:
    assert align([], [], "en", "ru").links == ()
    result = align(["Only a source sentence."], [], "en", "ru")
    assert result.pairs() == [((0,), ())]
    assert result.links[0].score == 1.0
    with pytest.raises(TypeError):
        align(["fine", 3], ["ok"], "en", "ru")  # type: ignore[list-item]


def test_signature_names_what_shapes_the_result() -> None:
    sig = align(["A."], ["Б."], "en", "ru", termbase=glossary()).signature
    assert sig.startswith("align:1|len:gc-est|anchors:glossary@")
    assert "+num+translit+lexicon+punct|" in sig
    assert sig.endswith("|emb:none")
    bare = signature(AlignParams(anchors=()))
    assert "anchors:none" in bare
    assert signature(AlignParams(band_width=3)) != signature(AlignParams())


def test_progress_is_reported_up_to_done() -> None:
    seen: list[tuple[float, str]] = []
    align(CHAPTERS_EN, CHAPTERS_RU, "en", "ru", progress=lambda f, m: seen.append((f, m)))
    fractions = [f for f, _m in seen]
    assert fractions == sorted(fractions)
    assert seen[-1] == (1.0, "done")


def test_tsv_and_vecalign_output() -> None:
    links = [Link((0, 1), (0,), 0.875), Link((2,), (), 0.5), Link((), (1,), 0.25)]
    src = ["One.", "Two\twith a tab.", "Three."]
    tgt = ["Один и два.", "Лишнее."]
    assert format_tsv(links, src, tgt) == (
        "One. Two with a tab.\tОдин и два.\t0.8750\nThree.\t\t0.5000\n\tЛишнее.\t0.2500\n"
    )
    text = links_to_vecalign(links)
    assert text == "[0, 1]:[0]\n[2]:[]\n[]:[1]\n"
    assert [lk.pair for lk in links_from_vecalign(text)] == [lk.pair for lk in links]


def test_link_rejects_gaps_and_empty_links() -> None:
    with pytest.raises(ValueError):
        Link((0, 2), (1,))
    with pytest.raises(ValueError):
        Link((), ())
    with pytest.raises(InputError, match=r"gold\.align: link sides must be consecutive"):
        links_from_vecalign("[0]:[0]\n[1, 3]:[1]\n", "gold.align")


def test_progress_stays_in_order_with_confirmed_links() -> None:
    src = list(demo(REQUEST, "en"))
    tgt = list(demo(REQUEST, "ru"))
    seen: list[float] = []
    fixed = [Link((10,), (10,)), Link((30,), (30,))]
    align(src, tgt, "en", "ru", fixed=fixed, progress=lambda f, _m: seen.append(f))
    assert seen == sorted(seen)
    assert seen[-1] == 1.0
