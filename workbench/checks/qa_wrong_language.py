"""wrong-language: the target is written in another language than the target language.

A line left in English in a Russian file, or pasted from the Portuguese edition into the
Spanish one, is an error. Detection is ``workbench.language.detect_language`` (langdetect,
seeded, so the same text always gives the same answer). Short texts are a coin toss and
the transliterated Hebrew terms of the corpus ("Zeir Anpin", "YESHSUT", "Maljut") pull the
guess around, so a line is only reported when all of these hold:

* the target has at least ``wrong_language_min_letters`` letters (default 30) and is not a
  copy of the source (the untranslated check reports copies, once);
* the detected language differs from the target language and its probability is at least
  ``wrong_language_min_prob`` (default 0.90);
* the evidence has a clear margin. langdetect's probabilities are nearly always 0.9999, so
  they are no margin by themselves; the check also counts the function words ("и", "что";
  "de", "que"; "der", "und") that belong to one of the two languages and not the other, and
  reports only when the detected language's own words outnumber the target language's.
  For languages that are easily confused (es/pt/it/ca, ru/uk/bg/be/mk, de/nl, cs/sk,
  da/no/sv, hr/sr/sl) it needs at least two such words, more than twice the target's;
  a text in another script than the target language's (Latin in a Russian file) needs no
  function words.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from langdetect.detector_factory import PROFILES_DIRECTORY

from workbench.checks.base import Check, CheckContext, Finding, SegmentPair, register
from workbench.checks.qa_common import (
    dominant_script,
    is_identical,
    language_script,
    letter_count,
    line_no,
    words,
)
from workbench.language import detect_language, language_name

__all__ = ["WrongLanguageCheck", "function_word_evidence"]

_SIMILAR = [
    {"es", "pt", "it", "ca", "gl"},
    {"ru", "uk", "bg", "be", "mk", "sr"},
    {"de", "nl"},
    {"cs", "sk"},
    {"da", "no", "sv"},
    {"hr", "sr", "sl", "bs"},
    {"id", "ms"},
    {"hi", "mr", "ne"},
    {"ar", "fa", "ur"},
]

_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(text.split())
    for lang, text in {
        "en": "the and of to is that in it for not with this you he we are be was but what "
        "from have on they his will which there been has were would their an by",
        "ru": "и в не что на я с он это как а то все так его но мы к у же вы за бы по только "
        "ее её мне было вот от меня еще ещё нет о из ему когда даже ну ли если уже или ни "
        "быть был него до вас там себя они тут где есть для тебя их чем была сам без тоже "
        "себе под будет тогда кто этот того потому этого какой здесь чтобы сейчас были всех "
        "можно при над тот через эти нас про всего них много эту свою этой перед такой",
        "uk": "і й та що це як не на в у з до від але він вона ми ви вони його її є був була "
        "було для так які який яка щоб коли тільки також чи бо ще вже цей ця ці свій своє "
        "через між після під над про їх нього неї мене тебе собі а я ти мені свого своєї себе нас "
        "вас там тут де",
        "bg": "и на да се е от за че не това като са по с в но ще му ги има той тя те бъде "
        "беше към след който която което които или във със този тази тези още само във "
        "съм си сме сте бях нещо него нея кой а я но до ни ли все",
        "be": "і ў не што на з я ён гэта як а усе так яго але мы да вы за па толькі ад мне "
        "было вось яшчэ няма калі ужо ці",
        "mk": "и на да се е од за што не тоа како се по со во но ќе му ги има тој таа тие "
        "беше кон по кој која кое кои или",
        "es": "de la que el en y los se del las un por con no una su para es al lo como más "
        "pero sus le ya o este sí porque esta entre cuando muy sin sobre también me hasta "
        "hay donde quien desde todo nos durante todos uno les ni contra otros ese eso ante "
        "ellos e esto antes algunos qué unos yo otro otras otra él tanto esa estos mucho "
        "quienes nada muchos cual poco ella estar estas algunas algo nosotros puede",
        "pt": "de a o que e do da em um para é com não uma os no se na por mais as dos como "
        "mas foi ao ele das tem à seu sua ou ser quando muito há nos já está eu também só "
        "pelo pela até isso ela entre era depois sem mesmo aos ter seus quem nas me esse "
        "eles estão você tinha foram essa num nem suas meu às minha têm numa pelos elas "
        "havia seja qual será nós tenho lhe deles essas esses pelas este fosse dele",
        "it": "di e il la che in a per un è non una del della si le con i da sono al come lo "
        "ma gli più anche dei nel questo ha se alla delle ci mi ne cosa quando perché solo "
        "ancora molto loro essere nella degli dal sua suo questa sempre",
        "ca": "de la i que el a en per les no és un una amb del es els al com més però o seu "
        "seva ha aquest aquesta també quan perquè tot molt ja hi ho pel dels amb",
        "gl": "de a o que e do da en un para é con non unha os no se na por máis as dos como "
        "pero foi ao el das ten á seu súa ou ser cando moito hai nos xa está eu tamén",
        "fr": "de la le et les des est en un une du que qui dans pour pas au sur ne se ce il "
        "elle on nous vous ils avec par plus son sa ses mais ou cette sont être aux comme "
        "tout lui leur même où je tu",
        "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine "
        "als auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie "
        "einem über einen so zum war haben nur oder aber vor zur bis mehr durch man dann "
        "soll wir ich uns kann",
        "nl": "de het een en van ik te dat die in is niet op aan met zijn voor er maar om hij "
        "ook als dan bij nog wat naar door wordt ze zo u hun wij",
        "pl": "i w nie na się z że do to jest jak o a co ale po tak za od jego już ich tylko "
        "czy przez dla może być są był jej który która które gdy bo też mnie go",
        "cs": "a v se na je že to s z do o k i ve jak ale by jsem jsou jeho jako tak pro po "
        "už nebo který která které při být bylo byl není",
        "sk": "a v sa na je že to s z do o k i vo ako ale by som sú jeho tak pre po už alebo "
        "ktorý ktorá ktoré pri byť bolo bol nie",
    }.items()
}


def _similar(a: str, b: str) -> bool:
    return any(a in group and b in group for group in _SIMILAR)


def function_word_evidence(text: str, target: str, detected: str) -> tuple[int | None, int | None]:
    """Function words of ``text`` that belong to ``target`` and to ``detected`` (not both).

    A side is None when that language has no list here. Without a list for the detected
    language, the target's count covers all of its own function words.
    """
    own, other = _FUNCTION_WORDS.get(target), _FUNCTION_WORDS.get(detected)
    found = words(text)
    if own is None:
        return None, None if other is None else sum(w in other for w in found)
    if other is None:
        return sum(w in own for w in found), None
    only_own, only_other = own - other, other - own
    return sum(w in only_own for w in found), sum(w in only_other for w in found)


def _clear_margin(
    target: str, detected: str, prob: float, evidence: tuple[int | None, int | None]
) -> bool:
    """Whether the function words back the detector up beyond doubt (see the module doc)."""
    own, other = evidence
    similar = _similar(target, detected)
    if own is None:
        return not similar and prob >= 0.99
    if other is None:
        return not similar and own == 0 and prob >= 0.99
    if other <= own:
        return False
    return not similar or (other >= 2 and other > 2 * own)


def _known_languages() -> frozenset[str]:
    """The languages langdetect has profiles for (a target it cannot detect is skipped)."""
    names = {n.split("-")[0] for n in os.listdir(PROFILES_DIRECTORY)}
    return frozenset(names | {"he", "id", "no"})


_KNOWN = _known_languages()


@register
class WrongLanguageCheck(Check):
    id = "wrong-language"
    severity = "error"
    scope = "segment"
    description = (
        "Error: a target of at least 30 letters is detected, with a clear margin, to be in "
        "another language than the target language (e.g. left in English, or Portuguese "
        "instead of Spanish)."
    )

    def check_segment(self, pair: SegmentPair, ctx: CheckContext) -> Iterator[Finding]:
        target = ctx.tgt_lang.split("-")[0].lower()
        text = " ".join(t.strip() for t in pair.tgt if t.strip())
        min_letters = int(ctx.options.get("wrong_language_min_letters", 30))
        if target not in _KNOWN or letter_count(text) < min_letters or is_identical(pair, ctx):
            return
        result = detect_language(text)
        if result is None:
            return
        detected, prob = result
        if detected == target or prob < float(ctx.options.get("wrong_language_min_prob", 0.90)):
            return
        script = dominant_script(text)
        other_script = script is not None and script != language_script(target)
        evidence = function_word_evidence(text, target, detected)
        if not other_script and not _clear_margin(target, detected, prob, evidence):
            return
        first = next(i for i, t in enumerate(pair.tgt) if t.strip())
        yield Finding(
            check=self.id,
            kind="wrong-language",
            severity="error",
            message=(
                f"the target looks {language_name(detected)} ({detected}, p={prob:.2f}), "
                f"not {language_name(target)} ({target})"
            ),
            span_line=line_no(pair.tgt_lines, first),
            src_lines=pair.src_lines,
            tgt_lines=pair.tgt_lines,
            ref=pair.ref,
            extra={
                "detected": detected,
                "probability": prob,
                "function_words": evidence,
                "script": script,
            },
        )
